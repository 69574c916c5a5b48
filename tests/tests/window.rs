//! The real desktop window under Xvfb, driven through WebDriver (tauri-driver +
//! WebKitWebDriver): what a user sees when they start Duizhao, and the keyboard editing of
//! an alignment.
//! Run under a display: `xvfb-run -a cargo test -p duizhao-e2e -- --test-threads=1`.
//!
//! Texts are read with one script call per list (`texts`), never with WebKitWebDriver's
//! per-element text command, and every expected state is polled for (`wait_for_texts`):
//! the window re-renders asynchronously after each IPC call.

use std::time::Duration;

use duizhao_e2e::{
    attributes, corpus_sentences, duizhao_ok, gold_bead_count, path_str, screenshot_dir, texts,
    wait_for, wait_for_texts, TauriDriver,
};
use thirtyfour::prelude::*;

/// Start-up includes building and aligning the sample project on first run.
const STARTUP: Duration = Duration::from_secs(60);
/// One edit: an IPC call and a re-render.
const EDIT: Duration = Duration::from_secs(15);

const BEAD_NUMBERS: &str = ".beads .bead .bead-number";
const ZH_FIRST: &str = ".bead[data-position='0'] .bead-zh .sentence-text";
const EN_FIRST: &str = ".bead[data-position='0'] .bead-en .sentence-text";

fn has(texts: &[String], n: usize) -> bool {
    texts.len() == n
}

/// Takes a screenshot once the webview has painted the state the test just waited for
/// (WebKitWebDriver captures the last painted frame, which can lag the DOM a little).
async fn screenshot(driver: &WebDriver, name: &str) {
    tokio::time::sleep(Duration::from_millis(500)).await;
    driver
        .screenshot(&screenshot_dir().join(name))
        .await
        .unwrap();
}

/// A new project at `project` holding the document `zh` + `en`, made with the CLI.
fn init_and_import(project: &std::path::Path, zh: &std::path::Path, en: &std::path::Path) {
    duizhao_ok(&["init", path_str(project)]);
    duizhao_ok(&[
        "import",
        path_str(project),
        "--zh",
        path_str(zh),
        "--en",
        path_str(en),
    ]);
}

/// Presses keys with the bead list focused (where the window's shortcuts apply).
async fn press(driver: &WebDriver, keys: impl Into<TypingData>) {
    let list = wait_for(driver, ".beads[role='listbox']", EDIT).await;
    list.send_keys(keys)
        .await
        .expect("the bead list takes keys");
}

#[tokio::test(flavor = "multi_thread")]
async fn first_run_shows_the_sample_statement_as_bead_rows_and_edits_them_from_the_keyboard() {
    // A fresh data directory: the app creates (and aligns) the sample project there.
    let data_home = tempfile::tempdir().unwrap();
    let tauri_driver = TauriDriver::start(&[("XDG_DATA_HOME", data_home.path())]);
    let driver = tauri_driver.open_app(&[]).await;

    let zh_expected = corpus_sentences("statement.zh.txt", "zh");
    let en_expected = corpus_sentences("statement.en.txt", "en");
    // The first bead holds the first sentence of each text (it may hold more).
    let zh_first = wait_for_texts(&driver, ZH_FIRST, STARTUP, |t| !t.is_empty()).await;
    assert_eq!(zh_first[0], zh_expected[0]);
    let en_first = texts(&driver, EN_FIRST).await;
    assert_eq!(en_first.first(), en_expected.first(), "{en_first:?}");

    // About as many beads as the gold alignment has (the aligner is not perfect).
    let numbers = texts(&driver, BEAD_NUMBERS).await;
    let n = numbers.len();
    let gold = gold_bead_count("statement.align");
    assert!(
        n.abs_diff(gold) * 10 <= gold,
        "{n} beads, the gold alignment has {gold}"
    );
    assert_eq!(numbers.first().map(String::as_str), Some("1"));
    assert_eq!(numbers.last(), Some(&n.to_string()));

    // Every sentence of both texts is shown, in order, exactly once.
    assert_eq!(texts(&driver, ".bead-zh .sentence-text").await, zh_expected);
    assert_eq!(texts(&driver, ".bead-en .sentence-text").await, en_expected);

    // A confidence on every row, as a percentage and an accessible label.
    let percents = texts(&driver, ".beads .bead .confidence-value").await;
    assert_eq!(percents.len(), n);
    for percent in &percents {
        let value: u32 = percent
            .strip_suffix('%')
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("`{percent}` is not a percentage"));
        assert!(value <= 100, "{percent}");
    }
    let labels = attributes(&driver, ".beads .bead .confidence", "aria-label").await;
    assert_eq!(labels.len(), n);
    assert!(
        labels
            .iter()
            .all(|l| l.as_deref().is_some_and(|l| l.starts_with("confidence "))),
        "{labels:?}"
    );
    let summary = texts(&driver, ".summary").await.join("");
    assert!(
        summary.starts_with(&format!("{n} beads · 0 confirmed · ")),
        "{summary}"
    );

    // Chinese on the left, English on the right, on the same row.
    let boxes: Vec<serde_json::Value> = driver
        .execute(
            "return ['.bead-zh', '.bead-en'].map(c => { \
               const r = document.querySelector(\".bead[data-position='0'] \" + c).getBoundingClientRect(); \
               return [r.x, r.y, r.width, r.height]; })",
            Vec::new(),
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    let (zh_box, en_box) = (&boxes[0], &boxes[1]);
    assert!(
        zh_box[0].as_f64().unwrap() + zh_box[2].as_f64().unwrap() <= en_box[0].as_f64().unwrap(),
        "{boxes:?}"
    );
    assert!((zh_box[1].as_f64().unwrap() - en_box[1].as_f64().unwrap()).abs() < 1.0);
    assert!(en_box[0].as_f64().unwrap() + en_box[2].as_f64().unwrap() <= 1280.0);

    // The project file was created in the user's data directory.
    let documents = texts(&driver, ".doc-list .doc-title").await;
    assert_eq!(documents.len(), 2, "{documents:?}");
    assert!(data_home.path().join("duizhao/sample.duizhao").is_file());

    // Enter confirms the selected (first) bead.
    press(&driver, Key::Enter).await;
    wait_for_texts(
        &driver,
        ".bead[data-position='0'] .bead-status",
        EDIT,
        |t| t.first().is_some_and(|s| s.contains('✓')),
    )
    .await;
    assert_eq!(
        attributes(&driver, ".bead[data-position='0']", "data-status").await,
        [Some("confirmed".to_owned())]
    );
    wait_for_texts(&driver, ".summary", EDIT, |t| {
        t.first().is_some_and(|s| s.contains(" · 1 confirmed · "))
    })
    .await;

    // j selects the second bead, m merges it with the third: one bead fewer.
    press(&driver, "j").await;
    wait_for_texts(&driver, ".bead.selected .bead-number", EDIT, |t| t == ["2"]).await;
    screenshot(&driver, "sample-statement.png").await;
    press(&driver, "m").await;
    wait_for_texts(&driver, BEAD_NUMBERS, EDIT, |t| has(t, n - 1)).await;
    screenshot(&driver, "sample-statement-merged.png").await;
    // Ctrl+Z takes the merge back.
    press(&driver, Key::Control + "z").await;
    wait_for_texts(&driver, BEAD_NUMBERS, EDIT, |t| has(t, n)).await;
    let status = wait_for_texts(&driver, ".status", EDIT, |t| {
        t.first().is_some_and(|s| s.starts_with("Undone: merged"))
    })
    .await;
    assert!(status[0].contains("merged"), "{status:?}");
    // The confirmation survived the merge and its undo.
    assert_eq!(
        attributes(&driver, ".bead[data-position='0']", "data-status").await,
        [Some("confirmed".to_owned())]
    );

    // A refused edit shows the store's code and message and changes nothing: the first
    // bead has no previous bead to move a sentence to.
    press(&driver, Key::Home).await;
    wait_for_texts(&driver, ".bead.selected .bead-number", EDIT, |t| t == ["1"]).await;
    press(&driver, "[").await;
    let alert = wait_for_texts(&driver, ".error[role='alert']", EDIT, |t| !t.is_empty()).await;
    assert!(alert[0].starts_with("invalid"), "{alert:?}");
    assert!(alert[0].contains("first bead"), "{alert:?}");
    assert_eq!(texts(&driver, BEAD_NUMBERS).await.len(), n);
    screenshot(&driver, "sample-statement-refused.png").await;

    // Choosing the notice shows its alignment instead.
    driver.find_all(By::Css(".doc-list .doc")).await.unwrap()[1]
        .click()
        .await
        .unwrap();
    let notice_zh = corpus_sentences("notice.zh.txt", "zh");
    let notice_en = corpus_sentences("notice.en.txt", "en");
    wait_for_texts(&driver, ZH_FIRST, STARTUP, |t| {
        t.first() == notice_zh.first()
    })
    .await;
    wait_for_texts(&driver, ".bead-en .sentence-text", EDIT, |t| t == notice_en).await;
    screenshot(&driver, "sample-notice.png").await;
    driver.quit().await.unwrap();
}

/// Runs a script in the window and converts what it returns.
async fn script<T: serde::de::DeserializeOwned>(driver: &WebDriver, js: &str) -> T {
    driver
        .execute(js, Vec::new())
        .await
        .unwrap_or_else(|error| panic!("the script failed: {error}\n{js}"))
        .convert()
        .expect("the script returns the expected shape")
}

/// The link pieces of the selected bead: `[side, data-link, data-links, data-status, class]`.
const SELECTED_LINK_PIECES: &str = "return Array.from(document.querySelectorAll('.bead.selected .link')).map(e => \
       [e.closest('.bead-side').dataset.lang, e.dataset.link, e.dataset.links, e.dataset.status, e.className])";

type LinkPiece = (String, String, String, String, String);

fn pieces_of(pieces: &[LinkPiece], link: &str) -> Vec<LinkPiece> {
    pieces
        .iter()
        .filter(|p| p.2.split(' ').any(|id| id == link))
        .cloned()
        .collect()
}

/// Selects UTF-16 `[from, to)` of the first sentence text on `side` of the selected bead as a
/// mouse drag would, and lets go of the mouse.
async fn select_text(driver: &WebDriver, side: &str, from: usize, to: usize) {
    let js = format!(
        "const el = document.querySelector('.bead.selected .bead-{side} .sentence-text'); \
         const point = n => {{ const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); \
           let node; while ((node = w.nextNode())) {{ if (n <= node.length) return [node, n]; n -= node.length; }} }}; \
         const range = document.createRange(); range.setStart(...point({from})); range.setEnd(...point({to})); \
         const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range); \
         el.dispatchEvent(new MouseEvent('mouseup', {{ bubbles: true, button: 0 }})); \
         return range.toString();"
    );
    let _: String = script(driver, &js).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn span_links_are_shown_and_edited_from_the_keyboard_and_the_mouse() {
    let data_home = tempfile::tempdir().unwrap();
    let tauri_driver = TauriDriver::start(&[("XDG_DATA_HOME", data_home.path())]);
    let driver = tauri_driver.open_app(&[]).await;
    wait_for_texts(&driver, ZH_FIRST, STARTUP, |t| !t.is_empty()).await;

    // The first bead of several English words with links on both sides.
    let (position, count): (usize, usize) = script(
        &driver,
        "const beads = Array.from(document.querySelectorAll('.beads .bead')); \
         const bead = beads.find(b => b.querySelector('.bead-en').innerText.trim().split(/\\s+/).length > 3 \
           && b.querySelector('.bead-zh .link') && b.querySelector('.bead-en .link')); \
         return [Number(bead.dataset.position), Number(bead.dataset.linkCount)];",
    )
    .await;
    assert!(count > 0);
    let row = format!(".bead[data-position='{position}']");

    // Select it: its linked spans are there on both sides, every link with a partner in
    // the same tint, all of them suggested on a fresh sample.
    press(&driver, Key::Home).await;
    if position > 0 {
        press(&driver, "j".repeat(position)).await;
    }
    let number = (position + 1).to_string();
    wait_for_texts(&driver, ".bead.selected .bead-number", EDIT, |t| {
        t == [number.clone()]
    })
    .await;
    let pieces: Vec<LinkPiece> = script(&driver, SELECTED_LINK_PIECES).await;
    let tint = |class: &str| {
        class
            .split(' ')
            .find(|c| c.starts_with("tint-"))
            .map(str::to_owned)
    };
    for piece in &pieces {
        assert_eq!(piece.3, "suggested", "{piece:?}");
        assert!(piece.4.contains("link-suggested"), "{piece:?}");
        let partners = pieces_of(&pieces, &piece.1);
        let other = if piece.0 == "zh" { "en" } else { "zh" };
        assert!(
            partners
                .iter()
                .any(|p| p.0 == other && tint(&p.4) == tint(&piece.4)),
            "no partner of {piece:?} in the same tint: {partners:?}"
        );
    }
    let count_text = format!(
        "{count} {} · 0 accepted",
        if count == 1 { "link" } else { "links" }
    );
    assert_eq!(
        texts(&driver, &format!("{row} .link-count")).await,
        [count_text]
    );

    // `.` makes the first link current: outlined on both sides.
    press(&driver, ".").await;
    wait_for_texts(&driver, ".bead.selected .link.current", EDIT, |t| {
        !t.is_empty()
    })
    .await;
    let link = attributes(&driver, ".bead.selected", "data-current-link").await[0]
        .clone()
        .expect("a current link");
    let pieces: Vec<LinkPiece> = script(&driver, SELECTED_LINK_PIECES).await;
    let mine = pieces_of(&pieces, &link);
    assert!(
        mine.iter().any(|p| p.0 == "zh") && mine.iter().any(|p| p.0 == "en"),
        "{mine:?}"
    );
    assert!(mine.iter().all(|p| p.4.contains("current")), "{mine:?}");

    // Hovering its zh span highlights the en partner.
    let zh_piece = driver
        .find(By::Css(format!(
            ".bead.selected .bead-zh .link[data-link='{link}']"
        )))
        .await
        .unwrap();
    driver
        .action_chain()
        .move_to_element_center(&zh_piece)
        .perform()
        .await
        .unwrap();
    let partner = format!(".bead.selected .bead-en .link.partner[data-link='{link}']");
    wait_for_texts(&driver, &partner, EDIT, |t| !t.is_empty()).await;
    let title = attributes(
        &driver,
        &format!(".bead.selected .bead-en .link[data-link='{link}']"),
        "title",
    )
    .await;
    assert!(
        title[0]
            .as_deref()
            .is_some_and(|t| t.contains(" ↔ ") && t.contains("suggested (")),
        "{title:?}"
    );

    // `a` accepts it: solid, and the count says so.
    press(&driver, "a").await;
    let accepted_text = format!(
        "{count} {} · 1 accepted",
        if count == 1 { "link" } else { "links" }
    );
    wait_for_texts(&driver, &format!("{row} .link-count"), EDIT, |t| {
        t == [accepted_text.clone()]
    })
    .await;
    assert_eq!(
        attributes(&driver, ".bead.selected", "data-current-link-status").await,
        [Some("accepted".to_owned())]
    );
    let pieces: Vec<LinkPiece> = script(&driver, SELECTED_LINK_PIECES).await;
    assert!(
        pieces
            .iter()
            .any(|p| p.1 == link && p.3 == "accepted" && p.4.contains("link-accepted")),
        "{pieces:?}"
    );
    screenshot(&driver, "span-links.png").await;

    // `x` removes it: one link fewer.
    press(&driver, "x").await;
    let fewer = format!(
        "{} {} · 0 accepted",
        count - 1,
        if count == 2 { "link" } else { "links" }
    );
    wait_for_texts(&driver, &format!("{row} .link-count"), EDIT, |t| {
        if count == 1 {
            t.is_empty()
        } else {
            t == [fewer.clone()]
        }
    })
    .await;
    let pieces: Vec<LinkPiece> = script(&driver, SELECTED_LINK_PIECES).await;
    assert!(pieces_of(&pieces, &link).is_empty(), "{pieces:?}");

    // Ctrl+Z brings it back, accepted.
    press(&driver, Key::Control + "z").await;
    wait_for_texts(&driver, &format!("{row} .link-count"), EDIT, |t| {
        t == [accepted_text.clone()]
    })
    .await;
    let pieces: Vec<LinkPiece> = script(&driver, SELECTED_LINK_PIECES).await;
    assert!(
        pieces.iter().any(|p| p.1 == link && p.3 == "accepted"),
        "{pieces:?}"
    );

    // A link by hand: select the first two Chinese characters and the first English word
    // with the mouse, then `l`.
    let (en_word, en_at): (String, usize) = script(
        &driver,
        "const m = document.querySelector('.bead.selected .bead-en .sentence-text').textContent.match(/\\p{L}+/u); \
         return [m[0], m.index];",
    )
    .await;
    let zh_chars: String = script(
        &driver,
        "return Array.from(document.querySelector('.bead.selected .bead-zh .sentence-text').textContent).slice(0, 2).join('')",
    )
    .await;
    select_text(&driver, "zh", 0, zh_chars.encode_utf16().count()).await;
    wait_for_texts(&driver, ".pending-line", EDIT, |t| {
        t.first()
            .is_some_and(|s| s.contains(&zh_chars) && s.contains("(select English text)"))
    })
    .await;
    select_text(&driver, "en", en_at, en_at + en_word.encode_utf16().count()).await;
    wait_for_texts(&driver, ".pending-line", EDIT, |t| {
        t.first()
            .is_some_and(|s| s.contains(&zh_chars) && s.contains(&en_word))
    })
    .await;
    assert_eq!(
        texts(&driver, ".bead.selected .pending-span")
            .await
            .join("|"),
        format!("{zh_chars}|{en_word}")
    );
    screenshot(&driver, "span-links-pending.png").await;
    press(&driver, "l").await;
    let more = format!("{} links · 2 accepted", count + 1);
    wait_for_texts(&driver, &format!("{row} .link-count"), EDIT, |t| {
        t == [more.clone()]
    })
    .await;
    assert!(texts(&driver, ".pending-line").await.is_empty());
    let status = texts(&driver, ".status").await.join("");
    assert!(
        status.starts_with(&format!("Linked {zh_chars} ↔ {en_word}")),
        "{status}"
    );
    // The new link is current and accepted.
    assert_eq!(
        attributes(&driver, ".bead.selected", "data-current-link-status").await,
        [Some("accepted".to_owned())]
    );
    screenshot(&driver, "span-links-manual.png").await;
    // Undo takes the new link back.
    press(&driver, Key::Control + "z").await;
    wait_for_texts(&driver, &format!("{row} .link-count"), EDIT, |t| {
        t == [accepted_text.clone()]
    })
    .await;

    // Shift+A accepts all the bead's suggestions.
    press(&driver, "A").await;
    let all = format!(
        "{count} {} · {count} accepted",
        if count == 1 { "link" } else { "links" }
    );
    wait_for_texts(&driver, &format!("{row} .link-count"), EDIT, |t| {
        t == [all.clone()]
    })
    .await;
    let statuses = attributes(&driver, ".bead.selected .link", "data-status").await;
    assert!(
        statuses.iter().all(|s| s.as_deref() == Some("accepted")),
        "{statuses:?}"
    );
    screenshot(&driver, "span-links-all-accepted.png").await;
    driver.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn opens_the_project_named_on_the_command_line_and_aligns_its_gbk_document() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("gbk.duizhao");
    let zh = dir.path().join("notice-gbk.txt");
    // "通知\n\n我们明天走。" in GBK, with no byte-order mark or other marker.
    std::fs::write(
        &zh,
        b"\xcd\xa8\xd6\xaa\n\n\xce\xd2\xc3\xc7\xc3\xf7\xcc\xec\xd7\xdf\xa1\xa3\n",
    )
    .unwrap();
    let en = dir.path().join("notice-en.txt");
    std::fs::write(&en, b"Notice\n\nWe leave tomorrow, said Mr. P\xe9rez.\n").unwrap();
    init_and_import(&project, &zh, &en);

    let tauri_driver = TauriDriver::start(&[]);
    let driver = tauri_driver
        .open_app(&["--project", path_str(&project)])
        .await;
    // The imported document has no alignment: opening it aligns it.
    let zh_shown = wait_for_texts(&driver, ".bead-zh .sentence-text", STARTUP, |t| {
        t.len() == 2
    })
    .await;
    assert_eq!(zh_shown, ["通知", "我们明天走。"]);
    assert_eq!(
        texts(&driver, ".bead-en .sentence-text").await,
        ["Notice", "We leave tomorrow, said Mr. Pérez."]
    );
    let status = wait_for_texts(&driver, ".status", EDIT, |t| {
        t.first().is_some_and(|s| s.starts_with("Aligned:"))
    })
    .await;
    assert!(status[0].contains("beads"), "{status:?}");
    let meta = texts(&driver, ".text-meta-zh").await.join(" ");
    assert!(meta.contains("GBK") || meta.contains("gb18030"), "{meta}");
    assert!(meta.contains("detected"), "{meta}");
    // WebDriver's displayedness heuristic rejects this ellipsised header span although it
    // is on screen, so read what the DOM renders and check it has a box inside the window.
    let path_shown = texts(&driver, ".project-path").await.join("");
    assert!(path_shown.ends_with("gbk.duizhao"), "{path_shown}");
    let rect = driver
        .find(By::Css(".project-path"))
        .await
        .unwrap()
        .rect()
        .await
        .unwrap();
    assert!(
        rect.width > 50.0 && rect.height > 10.0 && rect.x + rect.width <= 1280.0,
        "{rect:?}"
    );
    driver.quit().await.unwrap();

    // The alignment was stored: a second window shows it without aligning again.
    let tauri_driver = TauriDriver::start(&[]);
    let driver = tauri_driver
        .open_app(&["--project", path_str(&project)])
        .await;
    wait_for_texts(&driver, ".bead-zh .sentence-text", STARTUP, |t| {
        t.len() == 2
    })
    .await;
    let status = texts(&driver, ".status").await.join("");
    assert!(!status.starts_with("Aligned:"), "aligned again: {status}");
    driver.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn document_text_that_looks_like_html_is_shown_as_text_and_never_runs() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("hostile.duizhao");
    let zh = dir.path().join("hostile.zh.txt");
    let en = dir.path().join("hostile.en.txt");
    std::fs::write(
        &zh,
        "他说<b>粗体</b>不算数。\n<img src=x onerror=\"document.title='pwned'\">我们走了。\n",
    )
    .unwrap();
    std::fs::write(
        &en,
        "He said <b>bold</b> does not count.\n<script>document.title='pwned'</script>We left.\n",
    )
    .unwrap();
    init_and_import(&project, &zh, &en);

    let tauri_driver = TauriDriver::start(&[]);
    let driver = tauri_driver
        .open_app(&["--project", path_str(&project)])
        .await;
    let zh_shown = wait_for_texts(&driver, ".bead-zh .sentence-text", STARTUP, |t| {
        t.len() == 2
    })
    .await;
    assert_eq!(
        zh_shown,
        [
            "他说<b>粗体</b>不算数。",
            "<img src=x onerror=\"document.title='pwned'\">我们走了。"
        ]
    );
    assert_eq!(
        texts(&driver, ".bead-en .sentence-text").await,
        [
            "He said <b>bold</b> does not count.",
            "<script>document.title='pwned'</script>We left."
        ]
    );
    // The markup stayed text: no element was made from it, and nothing ran.
    let made: usize = script(
        &driver,
        "return document.querySelectorAll('.beads img, .beads script, .beads b').length",
    )
    .await;
    assert_eq!(made, 0);
    let title: String = script(&driver, "return document.title").await;
    assert_ne!(title, "pwned");
    screenshot(&driver, "hostile-text.png").await;
    driver.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_is_not_a_project_shows_a_clear_error_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("holiday-photo.duizhao");
    let bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR not a project".to_vec();
    std::fs::write(&bogus, &bytes).unwrap();

    let tauri_driver = TauriDriver::start(&[]);
    let driver = tauri_driver
        .open_app(&["--project", path_str(&bogus)])
        .await;
    let alert = wait_for(&driver, ".error[role='alert']", STARTUP).await;
    let message = wait_for_texts(&driver, ".error[role='alert']", STARTUP, |t| {
        t.first().is_some_and(|m| !m.is_empty())
    })
    .await
    .join("");
    assert!(message.contains("holiday-photo.duizhao"), "{message}");
    assert!(alert.is_displayed().await.unwrap());
    screenshot(&driver, "not-a-project.png").await;
    driver.quit().await.unwrap();
    assert_eq!(std::fs::read(&bogus).unwrap(), bytes);
}

/// The names (mentions) of the selected bead, one per mention id in document order:
/// `[side, id, status, type, origin, entity ("" if none), quote]`; a mention drawn as
/// several spans (cut by links or other mentions) is joined back into its quote.
const SELECTED_MENTIONS: &str = "const seen = new Map(); \
     for (const e of document.querySelectorAll('.bead.selected .mention')) { \
       const id = e.dataset.mention; \
       if (!seen.has(id)) seen.set(id, [e.closest('.bead-side').dataset.lang, id, e.dataset.status, e.dataset.type, \
         e.dataset.origin, e.dataset.entity || '', '']); \
       if (!e.parentElement.closest(`.mention[data-mention='${id}']`)) seen.get(id)[6] += e.textContent; } \
     return Array.from(seen.values());";

type MentionRow = (String, String, String, String, String, String, String);

/// Polls the selected bead's mentions until `ready` accepts them.
async fn wait_for_mentions(
    driver: &WebDriver,
    ready: impl Fn(&[MentionRow]) -> bool,
) -> Vec<MentionRow> {
    let deadline = std::time::Instant::now() + EDIT;
    loop {
        let now: Vec<MentionRow> = script(driver, SELECTED_MENTIONS).await;
        if ready(&now) {
            return now;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the names did not reach the expected state; last seen: {now:?}; status: {:?}; alert: {:?}",
            texts(driver, ".status").await,
            texts(driver, "[role='alert']").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Selects `quote` in the first sentence text of `side` of the selected bead that holds it
/// (a DOM range over the text nodes, as a mouse drag makes), and lets go of the mouse.
async fn select_quote(driver: &WebDriver, side: &str, quote: &str) {
    let selected: String = driver
        .execute(
            "const [side, quote] = arguments; \
             const el = Array.from(document.querySelectorAll(`.bead.selected .bead-${side} .sentence-text`)) \
               .find(e => e.textContent.includes(quote)); \
             const from = el.textContent.indexOf(quote); \
             const point = n => { const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); \
               let node; while ((node = w.nextNode())) { if (n <= node.length) return [node, n]; n -= node.length; } }; \
             const range = document.createRange(); \
             range.setStart(...point(from)); range.setEnd(...point(from + quote.length)); \
             const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range); \
             el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 })); \
             return range.toString();",
            vec![serde_json::json!(side), serde_json::json!(quote)],
        )
        .await
        .expect("the selection script runs")
        .convert()
        .expect("the selected text");
    assert_eq!(selected, quote);
}

async fn status_starting(driver: &WebDriver, prefix: &str) -> String {
    wait_for_texts(driver, ".status", EDIT, |t| t.join("").starts_with(prefix))
        .await
        .join("")
}

#[tokio::test(flavor = "multi_thread")]
async fn names_are_tagged_projected_and_linked_to_entities_from_the_keyboard() {
    let data_home = tempfile::tempdir().unwrap();
    let tauri_driver = TauriDriver::start(&[("XDG_DATA_HOME", data_home.path())]);
    let driver = tauri_driver.open_app(&[]).await;
    wait_for_texts(&driver, ZH_FIRST, STARTUP, |t| !t.is_empty()).await;
    // The sample's suggestions are drawn, and 2 stands for organisation.
    wait_for_texts(&driver, ".beads .mention", STARTUP, |t| !t.is_empty()).await;
    let legend = texts(&driver, ".type-chip").await;
    assert!(legend.len() >= 7, "{legend:?}");
    assert!(legend[0].contains("person"), "{legend:?}");
    assert!(legend[1].contains("organisation"), "{legend:?}");

    // The first bead naming 鑫源公司 (a company the registry does not know, whose English
    // name no rule suggests).
    let quote = "鑫源公司";
    let position: usize = driver
        .execute(
            "return Number(Array.from(document.querySelectorAll('.beads .bead')) \
               .find(b => b.querySelector('.bead-zh').textContent.includes(arguments[0])).dataset.position)",
            vec![serde_json::json!(quote)],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    press(&driver, Key::Home).await;
    if position > 0 {
        press(&driver, "j".repeat(position)).await;
    }
    let number = (position + 1).to_string();
    wait_for_texts(&driver, ".bead.selected .bead-number", EDIT, |t| {
        t == [number.clone()]
    })
    .await;
    // The suggester proposed it; tagging the same span accepts that suggestion.
    let before: Vec<MentionRow> = script(&driver, SELECTED_MENTIONS).await;
    assert!(
        before
            .iter()
            .any(|m| m.6 == quote && m.3 == "organisation" && m.2 == "suggested"),
        "{before:?}"
    );

    // Select it with the mouse and press 2: an accepted organisation, current.
    select_quote(&driver, "zh", quote).await;
    wait_for_texts(&driver, ".pending-line", EDIT, |t| {
        t.first().is_some_and(|s| s.contains(quote))
    })
    .await;
    press(&driver, "2").await;
    let status = status_starting(&driver, &format!("Tagged {quote} as organisation")).await;
    assert!(status.ends_with(&format!("in bead {number}")), "{status}");
    let names = wait_for_mentions(&driver, |m| {
        m.iter()
            .any(|m| m.0 == "zh" && m.6 == quote && m.2 == "accepted" && m.3 == "organisation")
    })
    .await;
    let zh_id = names
        .iter()
        .find(|m| m.6 == quote && m.3 == "organisation")
        .unwrap()
        .1
        .clone();
    assert_eq!(
        attributes(&driver, ".bead.selected", "data-current-mention").await,
        [Some(zh_id.clone())]
    );
    // The selection was used up.
    assert!(texts(&driver, ".pending-line").await.is_empty());
    let classes = attributes(
        &driver,
        &format!(".bead.selected .mention[data-mention='{zh_id}']"),
        "class",
    )
    .await;
    assert!(
        classes.iter().all(
            |c| c.as_deref().is_some_and(|c| c.contains("mention-accepted")
                && c.contains("mtype-1")
                && c.contains("current"))
        ),
        "{classes:?}"
    );

    // It has no counterpart on the English side yet: O marks it (the only accepted name of
    // the fresh sample), and o comes back to its bead from anywhere.
    let one_sided = format!(".bead.selected .mention.one-sided[data-mention='{zh_id}']");
    press(&driver, "O").await;
    let marked = status_starting(&driver, "1 accepted name has no counterpart").await;
    assert!(marked.contains("o goes to the next"), "{marked}");
    wait_for(&driver, &one_sided, EDIT).await;
    press(&driver, Key::Home).await;
    press(&driver, "o").await;
    let here = status_starting(&driver, &format!("Bead {number}: 1 name missing")).await;
    assert!(
        here.contains("1 accepted name has no counterpart"),
        "{here}"
    );
    let _: bool = driver
        .execute(
            "document.querySelector(`.bead.selected .bead-zh .mention[data-mention='${arguments[0]}']`).click(); return true;",
            vec![serde_json::json!(zh_id)],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();

    // p projects it: a suggested English name of origin `projected`, made current.
    press(&driver, "p").await;
    let status = status_starting(&driver, &format!("Projected {quote} → ")).await;
    let names = wait_for_mentions(&driver, |m| {
        m.iter()
            .any(|m| m.0 == "en" && m.4 == "projected" && m.2 == "suggested")
    })
    .await;
    let projected = names
        .iter()
        .find(|m| m.0 == "en" && m.4 == "projected")
        .unwrap()
        .clone();
    assert_eq!(projected.3, "organisation");
    assert!(status.contains(&projected.6), "{status} {projected:?}");
    assert_eq!(
        attributes(&driver, ".bead.selected", "data-current-mention-status").await,
        [Some("suggested".to_owned())]
    );
    screenshot(&driver, "names-projected.png").await;

    // e opens the entity picker on it; no entity has that name, so Enter creates one
    // from the name's text and links the name to it (which accepts it).
    press(&driver, "e").await;
    let input = wait_for(&driver, ".entity-picker-input", EDIT).await;
    let value: String = script(
        &driver,
        "return document.querySelector('.entity-picker-input').value",
    )
    .await;
    assert_eq!(value, projected.6);
    let active = attributes(&driver, ".entity-option.active", "data-option").await;
    assert_eq!(active, [Some("create".to_owned())]);
    screenshot(&driver, "names-picker.png").await;
    input.send_keys(Key::Enter).await.unwrap();
    status_starting(
        &driver,
        &format!("Linked {} to {} (new entity)", projected.6, projected.6),
    )
    .await;
    let names = wait_for_mentions(&driver, |m| {
        m.iter()
            .any(|m| m.1 == projected.1 && m.2 == "accepted" && !m.5.is_empty())
    })
    .await;
    let entity = names.iter().find(|m| m.1 == projected.1).unwrap().5.clone();
    assert!(texts(&driver, ".entity-picker").await.is_empty());

    // The Chinese name to the same entity, found by searching its English name in capitals.
    let _: bool = driver
        .execute(
            "document.querySelector(`.bead.selected .bead-zh .mention[data-mention='${arguments[0]}']`).click(); return true;",
            vec![serde_json::json!(zh_id)],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    wait_for_texts(&driver, ".bead.selected", EDIT, |_| true).await;
    assert_eq!(
        attributes(&driver, ".bead.selected", "data-current-mention").await,
        [Some(zh_id.clone())]
    );
    press(&driver, "e").await;
    let input = wait_for(&driver, ".entity-picker-input", EDIT).await;
    input.send_keys(Key::Control + "a").await.unwrap();
    input.send_keys(projected.6.to_uppercase()).await.unwrap();
    wait_for_texts(&driver, ".entity-option.active", EDIT, |t| {
        t.first().is_some_and(|s| s.contains(&projected.6))
    })
    .await;
    assert_eq!(
        attributes(&driver, ".entity-option.active", "data-option").await,
        [Some(format!("entity-{entity}"))]
    );
    input.send_keys(Key::Enter).await.unwrap();
    status_starting(&driver, &format!("Linked {quote} to {}", projected.6)).await;
    wait_for_mentions(&driver, |m| m.iter().any(|m| m.1 == zh_id && m.5 == entity)).await;
    // Both sides are accepted now: the mark is gone (the marks follow every edit).
    let still_marked: usize = script(
        &driver,
        "return document.querySelectorAll('.beads .mention.one-sided').length",
    )
    .await;
    let deadline = std::time::Instant::now() + EDIT;
    let mut still = still_marked;
    while still > 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        still = script(
            &driver,
            "return document.querySelectorAll('.beads .mention.one-sided').length",
        )
        .await;
    }
    assert_eq!(
        still, 0,
        "names still marked one-sided after both sides were linked"
    );
    screenshot(&driver, "names-linked.png").await;

    // Ctrl+Z takes that link back (and the window re-reads the names).
    press(&driver, Key::Control + "z").await;
    status_starting(&driver, "Undone:").await;
    wait_for_mentions(&driver, |m| {
        m.iter()
            .any(|m| m.1 == zh_id && m.5.is_empty() && m.2 == "accepted")
    })
    .await;

    // Tab walks the bead's names; Y accepts all its suggestions in one step, which one
    // undo takes back.
    let current = attributes(&driver, ".bead.selected", "data-current-mention").await;
    press(&driver, Key::Tab).await;
    status_starting(&driver, "Name ").await;
    assert_ne!(
        attributes(&driver, ".bead.selected", "data-current-mention").await,
        current
    );
    let suggested = script::<Vec<MentionRow>>(&driver, SELECTED_MENTIONS)
        .await
        .iter()
        .filter(|m| m.2 == "suggested")
        .count();
    if suggested > 0 {
        press(&driver, "Y").await;
        status_starting(&driver, "Accepted ").await;
        wait_for_mentions(&driver, |m| m.iter().all(|m| m.2 != "suggested")).await;
        press(&driver, Key::Control + "z").await;
        status_starting(&driver, "Undone:").await;
        wait_for_mentions(&driver, |m| {
            m.iter().filter(|m| m.2 == "suggested").count() == suggested
        })
        .await;
    }
    driver.quit().await.unwrap();
}

/// The search bar's state in one script call: whether it is open, its count line, whether
/// its input has the focus (and its whole text selected), the selected bead's position and
/// text, and the highlighted characters of the current result in that bead.
const SEARCH_STATE: &str = "const input = document.querySelector('.search-bar .search-input'); \
     const bead = document.querySelector('.bead.selected'); \
     const count = document.querySelector('.search-bar .search-count'); \
     return { open: input !== null, count: count ? count.innerText : '', \
       focused: input !== null && document.activeElement === input, \
       allSelected: input !== null && input.selectionStart === 0 && input.selectionEnd === input.value.length && input.value.length > 0, \
       listFocused: document.activeElement === document.querySelector('.beads'), \
       position: bead ? bead.dataset.position : null, status: bead ? bead.dataset.status : null, \
       text: bead ? Array.from(bead.querySelectorAll('.sentence-text')).map(e => e.innerText).join('\\n') : '', \
       hit: bead ? Array.from(bead.querySelectorAll('mark.search-hit-current')).map(e => e.innerText).join('') : '', \
       marks: document.querySelectorAll('mark.search-hit').length };";

#[derive(serde::Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
struct SearchState {
    open: bool,
    count: String,
    focused: bool,
    all_selected: bool,
    list_focused: bool,
    position: Option<String>,
    status: Option<String>,
    text: String,
    hit: String,
    marks: usize,
}

/// Polls the search state until `ready` accepts it.
async fn wait_for_search(driver: &WebDriver, ready: impl Fn(&SearchState) -> bool) -> SearchState {
    let deadline = std::time::Instant::now() + EDIT;
    loop {
        let state: SearchState = script(driver, SEARCH_STATE).await;
        if ready(&state) {
            return state;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the search did not reach the expected state; last seen: {state:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The palette's options in one script call: `[data-command, label, keys, disabled]`.
const PALETTE_OPTIONS: &str =
    "return Array.from(document.querySelectorAll('.command-palette .palette-option')).map(e => \
       [e.dataset.command, e.querySelector('.palette-label').innerText, \
        Array.from(e.querySelectorAll('.palette-keys kbd')).map(k => k.innerText).join(' / '), \
        e.getAttribute('aria-disabled') === 'true'])";

type PaletteOption = (String, String, String, bool);

#[tokio::test(flavor = "multi_thread")]
async fn search_command_palette_and_shortcut_sheet_reach_the_actions_of_the_keys() {
    let data_home = tempfile::tempdir().unwrap();
    let tauri_driver = TauriDriver::start(&[("XDG_DATA_HOME", data_home.path())]);
    let driver = tauri_driver.open_app(&[]).await;
    wait_for_texts(&driver, ZH_FIRST, STARTUP, |t| !t.is_empty()).await;
    let zh = corpus_sentences("statement.zh.txt", "zh");
    let en = corpus_sentences("statement.en.txt", "en");
    let count = |sentences: &[String], word: &str| -> usize {
        sentences.iter().map(|s| s.matches(word).count()).sum()
    };
    let word = "特材委";
    let plain = count(&zh, word) + count(&en, word);
    assert!(
        plain >= 2,
        "the sample statement names {word} {plain} times"
    );

    // Ctrl+F opens the search bar with the focus in it; typing a Chinese word finds it in
    // the first bead that has it, selected, with the word highlighted in its sentence.
    press(&driver, Key::Control + "f").await;
    let input = wait_for(&driver, ".search-bar .search-input", EDIT).await;
    wait_for_search(&driver, |s| s.open && s.focused).await;
    input.send_keys(word).await.unwrap();
    let first = wait_for_search(&driver, |s| {
        s.count == format!("1 of {plain}") && s.hit == word
    })
    .await;
    assert!(first.text.contains(word), "{first:?}");
    assert_eq!(first.marks, 1, "{first:?}");
    screenshot(&driver, "search-plain.png").await;

    // Enter goes to the next result, in its own bead or a later one.
    input.send_keys(Key::Enter).await.unwrap();
    let second = wait_for_search(&driver, |s| {
        s.count == format!("2 of {plain}") && s.hit == word
    })
    .await;
    assert!(second.text.contains(word), "{second:?}");
    let at = |s: &SearchState| {
        s.position
            .as_deref()
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap()
    };
    assert!(at(&second) >= at(&first), "{first:?} {second:?}");

    // Ctrl+F from the bead list brings the focus back to the query, all of it selected.
    press(&driver, Key::Home).await;
    wait_for_search(&driver, |s| {
        s.list_focused && s.position.as_deref() == Some("0")
    })
    .await;
    press(&driver, Key::Control + "f").await;
    wait_for_search(&driver, |s| s.focused && s.all_selected).await;

    // A regular expression in regex mode: alternatives over both languages.
    let pattern = "特材委|SCOSMI";
    let regex = plain + count(&zh, "SCOSMI") + count(&en, "SCOSMI");
    assert!(regex > plain, "the English names SCOSMI too");
    input.send_keys(pattern).await.unwrap();
    wait_for_search(&driver, |s| s.count == "No results").await;
    driver
        .find(By::Css(
            ".search-bar button[aria-label='Regular expression']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        attributes(
            &driver,
            ".search-bar button[aria-label='Regular expression']",
            "aria-pressed"
        )
        .await,
        [Some("true".to_owned())]
    );
    let found = wait_for_search(&driver, |s| {
        s.count.ends_with(&format!(" of {regex}")) && !s.hit.is_empty()
    })
    .await;
    assert!(found.hit == word || found.hit == "SCOSMI", "{found:?}");
    assert!(found.text.contains(&found.hit), "{found:?}");
    assert!(
        found.focused,
        "the toggle leaves the focus in the query: {found:?}"
    );
    screenshot(&driver, "search-regex.png").await;

    // Escape closes the bar and gives the bead list the keyboard; the highlight goes.
    input.send_keys(Key::Escape).await.unwrap();
    let closed = wait_for_search(&driver, |s| !s.open && s.list_focused && s.marks == 0).await;
    assert_eq!(closed.position, found.position);
    assert_ne!(closed.status.as_deref(), Some("confirmed"), "{closed:?}");

    // Ctrl+K: the palette lists every action of the window with its key.
    press(&driver, Key::Control + "k").await;
    let palette_input = wait_for(&driver, ".command-palette .palette-input", EDIT).await;
    let options: Vec<PaletteOption> = script(&driver, PALETTE_OPTIONS).await;
    let option = |id: &str| {
        options
            .iter()
            .find(|o| o.0 == id)
            .unwrap_or_else(|| panic!("no command {id} in {options:?}"))
            .clone()
    };
    for (id, keys) in [
        ("confirm", "Enter"),
        ("merge", "m"),
        ("split", "s"),
        ("move-en-previous", "Shift+["),
        ("realign", "r"),
        ("undo", "Ctrl+Z"),
        ("redo", "Ctrl+Shift+Z / Ctrl+Y"),
        ("accept-link", "a"),
        ("remove-link", "x / Delete"),
        ("link-selection", "l"),
        ("accept-name", "y"),
        ("project-name", "p"),
        ("link-entity", "e"),
        ("tag-mention-1", "1"),
        ("search", "Ctrl+F"),
        ("palette", "Ctrl+K"),
        ("shortcuts", "?"),
        ("toggle-theme", "Ctrl+Shift+L"),
        ("tab-entities", "Ctrl+1"),
        ("tab-claims", "Ctrl+2"),
        ("tab-history", "Ctrl+3"),
    ] {
        assert_eq!(option(id).2, keys, "{id}: {options:?}");
    }
    assert!(!option("confirm").3, "confirming is possible: {options:?}");
    screenshot(&driver, "palette-light.png").await;

    // Running "Confirm bead" does what Enter does: the selected bead is confirmed.
    palette_input.send_keys("Confirm bead").await.unwrap();
    wait_for_texts(
        &driver,
        ".command-palette .palette-option-active .palette-label",
        EDIT,
        |t| t == ["Confirm bead"],
    )
    .await;
    palette_input.send_keys(Key::Enter).await.unwrap();
    let confirmed = wait_for_search(&driver, |s| s.status.as_deref() == Some("confirmed")).await;
    assert_eq!(confirmed.position, found.position);
    assert!(texts(&driver, ".command-palette").await.is_empty());
    wait_for_texts(&driver, ".status", EDIT, |t| {
        t.first().is_some_and(|s| s.starts_with("Confirmed bead"))
    })
    .await;

    // A palette command that opens something else gives it the focus: "Find" opens the
    // search bar with the focus in its query, as Ctrl+F does.
    press(&driver, Key::Control + "k").await;
    let palette_input = wait_for(&driver, ".command-palette .palette-input", EDIT).await;
    palette_input.send_keys("Find in both").await.unwrap();
    wait_for_texts(
        &driver,
        ".command-palette .palette-option-active .palette-label",
        EDIT,
        |t| t == ["Find in both languages"],
    )
    .await;
    palette_input.send_keys(Key::Enter).await.unwrap();
    wait_for_search(&driver, |s| s.open && s.focused).await;
    driver
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Escape)
        .await
        .unwrap();
    wait_for_search(&driver, |s| !s.open && s.list_focused).await;

    // `?` shows the sheet, listing the keys of the same table; no key reaches the editor
    // while it is open.
    press(&driver, "?").await;
    wait_for(&driver, ".shortcut-sheet", EDIT).await;
    let keys = texts(&driver, ".shortcut-sheet .shortcut-row kbd").await;
    for key in [
        "Ctrl+K",
        "Ctrl+F",
        "?",
        "Enter",
        "Ctrl+Z",
        "Shift+[",
        "1–9",
        "Ctrl+Shift+L",
    ] {
        assert!(keys.iter().any(|k| k == key), "{key} missing from {keys:?}");
    }
    let rows = texts(&driver, ".shortcut-sheet .shortcut-row dd").await;
    assert!(rows.iter().any(|r| r == "Confirm bead"), "{rows:?}");
    screenshot(&driver, "shortcuts-light.png").await;
    driver
        .active_element()
        .await
        .unwrap()
        .send_keys("j")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let still = wait_for_search(&driver, |_| true).await;
    assert_eq!(
        still.position, found.position,
        "j went through the open sheet"
    );
    driver
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Escape)
        .await
        .unwrap();
    wait_for_texts(&driver, ".shortcut-sheet", EDIT, |t| t.is_empty()).await;

    // The window's own keys: Ctrl+3 shows the history, Ctrl+Shift+L the dark theme.
    press(&driver, Key::Control + "3").await;
    wait_for_texts(
        &driver,
        ".side-tabs [role='tab'][aria-selected='true']",
        EDIT,
        |t| t == ["History"],
    )
    .await;
    let theme: String = script(&driver, "return document.documentElement.dataset.theme").await;
    let other = if theme == "dark" { "light" } else { "dark" };
    press(&driver, Key::Control + Key::Shift + "l").await;
    let deadline = std::time::Instant::now() + EDIT;
    while script::<String>(&driver, "return document.documentElement.dataset.theme").await != other
    {
        assert!(
            std::time::Instant::now() < deadline,
            "Ctrl+Shift+L did not switch the theme"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    press(&driver, Key::Control + "k").await;
    wait_for(&driver, ".command-palette .palette-input", EDIT).await;
    screenshot(&driver, &format!("palette-{other}.png")).await;
    driver
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Escape)
        .await
        .unwrap();
    wait_for_texts(&driver, ".command-palette", EDIT, |t| t.is_empty()).await;
    press(&driver, "?").await;
    wait_for(&driver, ".shortcut-sheet", EDIT).await;
    screenshot(&driver, &format!("shortcuts-{other}.png")).await;
    driver.quit().await.unwrap();
}
