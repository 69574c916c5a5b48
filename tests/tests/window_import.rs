//! The window's import dialog under Xvfb, driven through WebDriver (tauri-driver +
//! WebKitWebDriver): a GBK Chinese file and a windows-1252 English file imported by typing
//! their paths (the native "Choose file…" picker cannot be driven by WebDriver; it fills
//! the same field), with the encodings detected and changeable, and a refused file shown
//! with its message while the document list stays as it was.
//! Run under a display:
//! `xvfb-run -a cargo test -p duizhao-e2e --test window_import -- --test-threads=1`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use duizhao_e2e::{
    duizhao_ok, path_str, screenshot_dir, texts, wait_for, wait_for_texts, TauriDriver,
};
use encoding_rs::{Encoding, GBK, WINDOWS_1252};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

/// Start-up: opening the project and showing its list.
const STARTUP: Duration = Duration::from_secs(60);
/// Reading a file, or an import with its alignment and suggestions.
const STEP: Duration = Duration::from_secs(30);

const ZH: &str = "通知\n\n我们明天上午九点在北京开会。会议由王明主持，请准时到场。\n";
const EN: &str = "Notice\n\nWe meet in Beijing at nine tomorrow morning. \
                  Wang Ming will chair the meeting; please be on time, said Ms. Pérez.\n";

const DOC_TITLES: &str = ".doc-list .doc .doc-title";

/// `text` in `encoding`, written to `dir/name`.
fn write(dir: &Path, name: &str, encoding: &'static Encoding, text: &str) -> PathBuf {
    let (bytes, used, lossy) = encoding.encode(text);
    assert!(
        used == encoding && !lossy,
        "{text:?} is not {}",
        encoding.name()
    );
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn side(css: &str, lang: &str) -> String {
    format!("{css}[data-lang='{lang}']")
}

/// Types `path` into the language's path field.
async fn type_path(driver: &WebDriver, lang: &str, path: &Path) {
    let field = wait_for(driver, &side(".import-path", lang), STEP).await;
    field.clear().await.unwrap();
    field.send_keys(path_str(path)).await.unwrap();
}

/// Chooses `value` in the language's encoding select (`""` is "Detect").
async fn choose_encoding(driver: &WebDriver, lang: &str, value: &str) {
    let select = wait_for(driver, &side(".import-encoding-select", lang), STEP).await;
    SelectElement::new(&select)
        .await
        .unwrap()
        .select_by_value(value)
        .await
        .unwrap();
}

/// The encoding shown for the language, once it is `expected`, with its note.
async fn shows_encoding(driver: &WebDriver, lang: &str, expected: &str) -> String {
    let css = format!("{} .import-encoding-name", side(".import-encoding", lang));
    wait_for_texts(driver, &css, STEP, |t| t == [expected]).await;
    let note = format!("{} .import-encoding-note", side(".import-encoding", lang));
    texts(driver, &note).await.join("")
}

async fn screenshot(driver: &WebDriver, name: &str) {
    tokio::time::sleep(Duration::from_millis(500)).await;
    driver
        .screenshot(&screenshot_dir().join(name))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn imports_a_gbk_and_a_windows_1252_file_by_path_and_refuses_a_png_with_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("import.duizhao");
    duizhao_ok(&["init", path_str(&project)]);
    let zh = write(dir.path(), "notice.zh.txt", GBK, ZH);
    let en = write(dir.path(), "notice.en.txt", WINDOWS_1252, EN);
    let png = dir.path().join("scan.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();

    let tauri_driver = TauriDriver::start(&[]);
    let driver = tauri_driver
        .open_app(&["--project", path_str(&project)])
        .await;
    wait_for(&driver, ".doc-list", STARTUP).await;
    assert!(texts(&driver, DOC_TITLES).await.is_empty());

    // Open the dialog and type both paths: each file is read and its encoding detected.
    wait_for(&driver, ".doc-import", STARTUP)
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, ".import-dialog[role='dialog']", STEP).await;
    type_path(&driver, "zh", &zh).await;
    type_path(&driver, "en", &en).await;
    let note = shows_encoding(&driver, "zh", "GBK").await;
    assert!(note.contains("guess"), "{note}");
    shows_encoding(&driver, "en", "windows-1252").await;
    let preview = wait_for_texts(&driver, &side(".import-preview", "zh"), STEP, |t| {
        t.len() == 1
    })
    .await;
    assert!(preview[0].starts_with("通知"), "{preview:?}");
    assert!(preview[0].contains("王明主持"), "{preview:?}");
    let preview = texts(&driver, &side(".import-preview", "en"))
        .await
        .join("");
    assert!(preview.contains("Ms. Pérez."), "{preview}");
    screenshot(&driver, "import-dialog-detected.png").await;

    // A wrong encoding chosen for the Chinese file: the error says where it breaks, and
    // Import waits; back to detection, it reads as GBK again.
    choose_encoding(&driver, "zh", "utf-8").await;
    let error = wait_for_texts(&driver, &side(".import-file-error", "zh"), STEP, |t| {
        t.len() == 1
    })
    .await;
    assert!(error[0].contains("not valid UTF-8 at byte"), "{error:?}");
    assert!(error[0].contains("notice.zh.txt"), "{error:?}");
    let submit = wait_for(&driver, ".import-submit", STEP).await;
    assert!(!submit.is_enabled().await.unwrap());
    choose_encoding(&driver, "zh", "gb18030").await;
    let note = shows_encoding(&driver, "zh", "gb18030").await;
    assert_eq!(note, "chosen");
    choose_encoding(&driver, "zh", "").await;
    shows_encoding(&driver, "zh", "GBK").await;
    assert!(texts(&driver, &side(".import-file-error", "zh"))
        .await
        .is_empty());

    // Title and kind, then Import: the dialog closes, the new document is in the list,
    // selected, and opens on its first bead row.
    let title = wait_for(&driver, ".import-title-input", STEP).await;
    title.send_keys("Meeting notice").await.unwrap();
    let kind = wait_for(&driver, ".import-kind", STEP).await;
    SelectElement::new(&kind)
        .await
        .unwrap()
        .select_by_value("notice")
        .await
        .unwrap();
    wait_for(&driver, ".import-submit:not([disabled])", STEP)
        .await
        .click()
        .await
        .unwrap();
    let titles = wait_for_texts(&driver, DOC_TITLES, STEP, |t| t.len() == 1).await;
    assert_eq!(titles, ["Meeting notice"]);
    let selected = texts(&driver, ".doc-list .doc.selected .doc-title").await;
    assert_eq!(selected, ["Meeting notice"]);
    let meta = texts(&driver, ".doc-list .doc .doc-meta").await.join("");
    assert!(meta.contains("notice"), "{meta}");
    assert!(
        texts(&driver, ".import-dialog").await.is_empty(),
        "the dialog closed"
    );
    let zh_first = wait_for_texts(
        &driver,
        ".bead[data-position='0'] .bead-zh .sentence-text",
        STEP,
        |t| !t.is_empty(),
    )
    .await;
    assert_eq!(zh_first[0], "通知");
    let en_first = texts(&driver, ".bead[data-position='0'] .bead-en .sentence-text").await;
    assert_eq!(en_first.first().map(String::as_str), Some("Notice"));
    screenshot(&driver, "import-done.png").await;

    // A PNG as the English file: its error names it, Import stays off, and cancelling
    // leaves the list as it was.
    wait_for(&driver, ".doc-import", STEP)
        .await
        .click()
        .await
        .unwrap();
    type_path(&driver, "zh", &zh).await;
    type_path(&driver, "en", &png).await;
    let error = wait_for_texts(&driver, &side(".import-file-error", "en"), STEP, |t| {
        t.len() == 1
    })
    .await;
    assert!(error[0].contains("scan.png"), "{error:?}");
    assert!(error[0].contains("a PNG image"), "{error:?}");
    assert!(error[0].contains("bad_source"), "{error:?}");
    shows_encoding(&driver, "zh", "GBK").await;
    let submit = wait_for(&driver, ".import-submit", STEP).await;
    assert!(!submit.is_enabled().await.unwrap());
    screenshot(&driver, "import-refused-png.png").await;
    wait_for(&driver, ".import-cancel", STEP)
        .await
        .click()
        .await
        .unwrap();
    wait_for_texts(&driver, ".import-dialog", STEP, |t| t.is_empty()).await;
    assert_eq!(texts(&driver, DOC_TITLES).await, ["Meeting notice"]);
    driver.quit().await.unwrap();

    // Nothing else was stored: the project holds the one document, aligned.
    let listed = duizhao_ok(&["list", path_str(&project)]);
    assert_eq!(
        listed
            .lines()
            .filter(|l| l.contains("Meeting notice"))
            .count(),
        1,
        "{listed}"
    );
}
