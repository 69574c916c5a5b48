//! Fixing an alignment in the real window (tauri-driver + WebKitWebDriver under Xvfb), as a
//! translator does it: once with the mouse (the toolbar, a click that leaves the caret in a
//! sentence) and once with the keyboard alone, from the first unconfirmed bead to a
//! document whose every bead is confirmed. Each edit is checked in the rows, then undone,
//! and what the project file holds is checked with the CLI after the window is closed.
//! Run under a display: `xvfb-run -a cargo test -p duizhao-e2e --test window_align`.

use std::time::Duration;

use duizhao_e2e::{
    duizhao_ok, path_str, screenshot_dir, texts, wait_for, wait_for_texts, TauriDriver,
};
use serde_json::Value;
use thirtyfour::prelude::*;

/// Start-up includes building and aligning the sample project on first run.
const STARTUP: Duration = Duration::from_secs(60);
/// One edit: an IPC call and a re-render.
const EDIT: Duration = Duration::from_secs(15);

/// Every row as `[number, zh sentences joined by " | ", en sentences joined, status]`, and
/// the sentence numbers shown on the zh side, in order.
const ROWS: &str = "return Array.from(document.querySelectorAll('.beads .bead')).map(r => [
    r.querySelector('.bead-number').textContent,
    Array.from(r.querySelectorAll('.bead-zh .sentence-text')).map(e => e.textContent).join(' | '),
    Array.from(r.querySelectorAll('.bead-en .sentence-text')).map(e => e.textContent).join(' | '),
    r.dataset.status,
    Array.from(r.querySelectorAll('.bead-zh .sentence-number')).map(e => e.textContent).join(',')])";

type Row = (String, String, String, String, String);

async fn rows(driver: &WebDriver) -> Vec<Row> {
    driver
        .execute(ROWS, Vec::new())
        .await
        .expect("the rows are read")
        .convert()
        .expect("rows")
}

/// Waits until the rows satisfy `ready`, and returns them.
async fn wait_rows(driver: &WebDriver, what: &str, ready: impl Fn(&[Row]) -> bool) -> Vec<Row> {
    let deadline = std::time::Instant::now() + EDIT;
    loop {
        let now = rows(driver).await;
        if ready(&now) {
            return now;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the rows never showed {what}; the window shows {} rows, the first: {:?}",
            now.len(),
            now.iter().take(4).collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn status(driver: &WebDriver, starting: &str) -> String {
    wait_for_texts(driver, ".status", EDIT, |t| {
        t.first().is_some_and(|s| s.starts_with(starting))
    })
    .await
    .remove(0)
}

async fn click(driver: &WebDriver, action: &str) {
    let button = wait_for(driver, &format!("button[data-action='{action}']"), EDIT).await;
    button
        .wait_until()
        .enabled()
        .await
        .unwrap_or_else(|e| panic!("{action} stays disabled: {e}"));
    button
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {action}: {e}"));
}

/// Presses keys with the bead list focused (where the window's shortcuts apply).
async fn press(driver: &WebDriver, keys: impl Into<TypingData>) {
    let list = wait_for(driver, ".beads[role='listbox']", EDIT).await;
    list.send_keys(keys)
        .await
        .expect("the bead list takes keys");
}

async fn screenshot(driver: &WebDriver, name: &str) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    driver
        .screenshot(&screenshot_dir().join(name))
        .await
        .unwrap();
}

/// The number of the first row whose first zh sentence has a full-width comma with text
/// after it, and where (viewport pixels) a click leaves the caret right after that comma.
async fn caret_after_comma(driver: &WebDriver, from_row: usize) -> (usize, f64, f64, String) {
    let found: Value = driver
        .execute(
            "const rows = Array.from(document.querySelectorAll('.beads .bead')).slice(arguments[0]);
             for (const row of rows) {
               const el = row.querySelector('.bead-zh .sentence-text');
               const at = el ? el.textContent.indexOf('，') : -1;
               if (at < 0 || at + 2 >= el.textContent.length) continue;
               row.scrollIntoView({ block: 'center' });
               // The character after the comma: a click on its left edge puts the caret before it.
               const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
               let n = at + 1, node;
               while ((node = walker.nextNode())) { if (n < node.length) break; n -= node.length; }
               const range = document.createRange(); range.setStart(node, n); range.setEnd(node, n + 1);
               const r = range.getBoundingClientRect();
               return [Number(row.dataset.position), r.left + 1, r.top + r.height / 2, el.textContent.slice(0, at + 1)];
             }
             return null;",
            vec![serde_json::json!(from_row)],
        )
        .await
        .unwrap()
        .json()
        .clone();
    let found = found
        .as_array()
        .expect("a row with a comma in its first zh sentence");
    (
        found[0].as_u64().unwrap() as usize,
        found[1].as_f64().unwrap(),
        found[2].as_f64().unwrap(),
        found[3].as_str().unwrap().to_owned(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn an_alignment_is_fixed_with_the_mouse_and_every_step_is_undone() {
    let data_home = tempfile::tempdir().unwrap();
    let tauri_driver = TauriDriver::start(&[("XDG_DATA_HOME", data_home.path())]);
    let driver = tauri_driver.open_app(&[]).await;
    wait_for(&driver, ".beads .bead", STARTUP).await;
    let original = wait_rows(&driver, "the sample", |r| r.len() > 20).await;
    let n = original.len();

    // Click the second row, then merge it with the third from the toolbar.
    driver
        .find(By::Css(".bead[data-position='1'] .bead-number"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_texts(&driver, ".bead.selected .bead-number", EDIT, |t| t == ["2"]).await;
    click(&driver, "merge").await;
    let merged = wait_rows(&driver, "the merge", |r| r.len() == n - 1).await;
    let plain = |side: &str| side.replace(" | ", "");
    assert_eq!(
        plain(&merged[1].1),
        format!("{}{}", plain(&original[1].1), plain(&original[2].1))
    );
    assert_eq!(
        merged[2].1, original[3].1,
        "the rows after the merge move up"
    );
    assert_eq!(merged[2].0, "3", "and are renumbered");
    status(&driver, "Merged bead 3 into bead 2").await;

    // Split it again after its first sentences: the rows are as they were.
    click(&driver, "split").await;
    let split = wait_rows(&driver, "the split", |r| r.len() == n).await;
    assert_eq!(split[1].1, original[1].1);
    assert_eq!(split[2].1, original[2].1);

    // A click after a comma leaves the caret there; "Split sentence" cuts the sentence at it.
    let (position, x, y, head) = caret_after_comma(&driver, 3).await;
    driver
        .action_chain()
        .move_to(x.round() as i64, y.round() as i64)
        .click()
        .perform()
        .await
        .unwrap();
    status(&driver, "Caret in Chinese sentence").await;
    wait_for_texts(&driver, ".bead.selected .bead-number", EDIT, |t| {
        t == [(position + 1).to_string()]
    })
    .await;
    let before_cut = rows(&driver).await;
    // The inspector (Ctrl+4) shows the bead, its sentences with their code-point spans, and
    // the caret.
    press(&driver, Key::Control + "4").await;
    wait_for_texts(&driver, ".inspector-title", EDIT, |t| {
        t == [format!("Bead {}", position + 1)]
    })
    .await;
    let caret_line = wait_for_texts(
        &driver,
        "[data-section='caret'] .inspector-meta",
        EDIT,
        |t| !t.is_empty(),
    )
    .await;
    assert!(
        caret_line[0].starts_with("Chinese · at code point "),
        "{caret_line:?}"
    );
    let listed = texts(
        &driver,
        ".inspector-sentences[data-lang='zh'] .inspector-text",
    )
    .await;
    assert_eq!(listed.join(" | "), before_cut[position].1);
    screenshot(&driver, "align-inspector.png").await;
    click(&driver, "splitSentence").await;
    let cut = wait_rows(&driver, "the split sentence", |r| {
        r[position].1.split(" | ").count() == before_cut[position].1.split(" | ").count() + 1
    })
    .await;
    assert_eq!(
        cut[position].1.split(" | ").next(),
        Some(head.as_str()),
        "{:?}",
        cut[position]
    );
    assert_eq!(
        cut[position].1.replace(" | ", ""),
        before_cut[position].1.replace(" | ", ""),
        "the text never changes"
    );
    // Later sentences are renumbered on screen, without reading the document again.
    let number = |row: &Row| row.4.split(',').next().unwrap().parse::<usize>().unwrap();
    assert_eq!(
        number(&cut[position + 1]),
        number(&before_cut[position + 1]) + 1
    );
    screenshot(&driver, "align-sentence-split.png").await;

    // "Join sentences" puts it back together.
    click(&driver, "mergeSentences").await;
    let joined = wait_rows(&driver, "the joined sentence", |r| {
        r[position].1 == before_cut[position].1
    })
    .await;
    assert_eq!(
        number(&joined[position + 1]),
        number(&before_cut[position + 1])
    );

    // Confirm it, then realign: the confirmed bead is kept as it is.
    click(&driver, "confirm").await;
    wait_rows(&driver, "the confirmation", |r| {
        r[position].3 == "confirmed"
    })
    .await;
    click(&driver, "realign").await;
    let realigned = status(&driver, "Realigned:").await;
    assert!(realigned.contains("1 confirmed kept"), "{realigned}");
    let after_realign = rows(&driver).await;
    assert_eq!(after_realign[position].3, "confirmed");
    assert_eq!(after_realign[position].1, before_cut[position].1);

    // The history panel lists every step; undo walks them all back.
    driver
        .find(By::Css(".beads[role='listbox']"))
        .await
        .unwrap()
        .send_keys(Key::Control + "3")
        .await
        .unwrap();
    let steps = wait_for_texts(&driver, ".history-table tbody tr", EDIT, |t| t.len() >= 6).await;
    let shown = steps.join("\n");
    for what in [
        "realigned",
        "confirmed bead",
        "merged sentences",
        "split sentence",
        "split bead",
        "merged bead",
    ] {
        assert!(shown.contains(what), "the history lacks “{what}”:\n{shown}");
    }
    screenshot(&driver, "align-history.png").await;
    // Six steps: the realignment's word-link suggestions are part of its step.
    assert!(
        steps[0].contains("realigned") && steps[0].contains("word links suggested"),
        "{shown}"
    );
    for step in 1..=6 {
        click(&driver, "undo").await;
        wait_for_texts(
            &driver,
            ".history-table tbody tr.history-undone",
            EDIT,
            |t| t.len() == step,
        )
        .await;
    }
    let undone = wait_rows(&driver, "the original alignment", |r| r.len() == n).await;
    let differs: Vec<_> = undone
        .iter()
        .zip(&original)
        .filter(|(a, b)| a != b)
        .take(2)
        .collect();
    assert!(differs.is_empty(), "after undoing every step: {differs:?}");
    driver.quit().await.unwrap();
    drop(tauri_driver);

    // The project holds the original alignment again, every bead unconfirmed.
    let project = data_home.path().join("duizhao/sample.duizhao");
    let beads = duizhao_ok(&["beads", path_str(&project), "1"]);
    assert_eq!(beads.lines().count(), n, "{beads}");
    assert!(
        !beads
            .lines()
            .any(|l| l.split('\t').nth(1) == Some("confirmed")),
        "{beads}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_alignment_is_finished_with_the_keyboard_alone() {
    let data_home = tempfile::tempdir().unwrap();
    let tauri_driver = TauriDriver::start(&[("XDG_DATA_HOME", data_home.path())]);
    let driver = tauri_driver.open_app(&[]).await;
    wait_for(&driver, ".beads .bead", STARTUP).await;
    let original = wait_rows(&driver, "the sample", |r| r.len() > 20).await;
    let n = original.len();

    // g goes to the first low-confidence bead (if the aligner was unsure of any), u to the
    // next unconfirmed one.
    let summary = texts(&driver, ".summary").await.join("");
    press(&driver, "g").await;
    if summary.ends_with(" 0 below 50% confidence") {
        status(&driver, "No unconfirmed low-confidence bead left").await;
    } else {
        let low = status(&driver, "Bead ").await;
        assert!(low.ends_with("unconfirmed low-confidence"), "{low}");
        let selected = driver
            .find(By::Css(".bead.selected .confidence"))
            .await
            .unwrap();
        assert_eq!(
            selected.attr("data-bucket").await.unwrap().as_deref(),
            Some("low")
        );
    }
    press(&driver, Key::Home).await;
    press(&driver, "u").await;
    wait_for_texts(&driver, ".bead.selected .bead-number", EDIT, |t| t == ["2"]).await;

    // m merges bead 2 with 3, s splits it again, ] and [ move its last zh sentence down and
    // back, Ctrl+Z / Ctrl+Shift+Z undo and redo.
    press(&driver, "m").await;
    wait_rows(&driver, "the merge", |r| r.len() == n - 1).await;
    press(&driver, Key::Control + "z").await;
    wait_rows(&driver, "the merge undone", |r| r == original.as_slice()).await;
    press(&driver, Key::Control + Key::Shift + "z").await;
    wait_rows(&driver, "the merge redone", |r| r.len() == n - 1).await;
    press(&driver, "s").await;
    wait_rows(&driver, "the split", |r| {
        r.len() == n && r[1].1 == original[1].1
    })
    .await;
    press(&driver, "]").await;
    wait_rows(&driver, "a sentence moved down", |r| {
        r[1].1 != original[1].1
    })
    .await;
    press(&driver, "j").await;
    press(&driver, "[").await;
    wait_rows(&driver, "the sentence moved back", |r| {
        r[1].1 == original[1].1 && r[2].1 == original[2].1
    })
    .await;

    // Ctrl+F finds a place in a sentence; b splits the sentence right after it, J joins it.
    press(&driver, Key::Control + "f").await;
    let search = wait_for(&driver, ".search-bar .search-input", EDIT).await;
    let target = &original[4].1;
    let comma = target
        .find('，')
        .expect("bead 5's first zh sentence has a comma");
    // Everything up to the comma: found once, in bead 5.
    let phrase = target[..comma + '，'.len_utf8()].to_owned();
    search.send_keys(&phrase).await.unwrap();
    search.send_keys(Key::Enter).await.unwrap();
    wait_for_texts(&driver, ".bead.selected .bead-number", EDIT, |t| t == ["5"]).await;
    press(&driver, "b").await;
    let cut = wait_rows(&driver, "the sentence split after the find", |r| {
        r[4].1.split(" | ").count() == original[4].1.split(" | ").count() + 1
    })
    .await;
    assert!(
        cut[4].1.split(" | ").next().unwrap().ends_with(&phrase),
        "{:?}",
        cut[4]
    );
    press(&driver, Key::Escape).await;
    press(&driver, "J").await;
    wait_rows(&driver, "the sentences joined", |r| r[4].1 == original[4].1).await;

    // r realigns; then u + Enter confirms bead after bead until none is left.
    press(&driver, "r").await;
    status(&driver, "Realigned:").await;
    let total = rows(&driver).await.len();
    for confirmed in 1..=total {
        press(&driver, "u").await;
        press(&driver, Key::Enter).await;
        wait_for_texts(&driver, ".summary", EDIT, |t| {
            t.first()
                .is_some_and(|s| s.contains(&format!(" · {confirmed} confirmed · ")))
        })
        .await;
    }
    press(&driver, "u").await;
    let done = status(&driver, "No unconfirmed bead left").await;
    assert!(done.contains("settled"), "{done}");
    assert!(rows(&driver).await.iter().all(|r| r.3 == "confirmed"));
    screenshot(&driver, "align-keyboard-done.png").await;

    // The command palette reaches the same actions: Ctrl+K, type, Enter.
    press(&driver, Key::Control + "k").await;
    let palette = wait_for(&driver, ".palette-input", EDIT).await;
    palette.send_keys("previous unconfirmed").await.unwrap();
    palette.send_keys(Key::Enter).await.unwrap();
    status(&driver, "No unconfirmed bead left").await;
    driver.quit().await.unwrap();
    drop(tauri_driver);

    let project = data_home.path().join("duizhao/sample.duizhao");
    let beads = duizhao_ok(&["beads", path_str(&project), "1"]);
    assert_eq!(beads.lines().count(), total, "{beads}");
    assert!(
        beads
            .lines()
            .all(|l| l.split('\t').nth(1) == Some("confirmed")),
        "{beads}"
    );
}
