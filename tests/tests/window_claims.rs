//! The claims workflow in the real window under Xvfb, driven through WebDriver
//! (tauri-driver + WebKitWebDriver) as an analyst works: select a phrase of the sample
//! statement in Chinese and its English counterpart, make a claim of it in the side panel,
//! name its claimant, subject and time, weigh it against two graded sources of opposite
//! stance, set its status with a rationale, find it in the claims table by status and order,
//! undo and redo the status from the keyboard, and find all of it stored in the project.
//! Screenshots of the side panels in both themes are left in target/e2e-screenshots.
//!
//! Run under a display:
//! `xvfb-run -a -s '-screen 0 1280x800x24' cargo test -p duizhao-e2e --test window_claims`.
//!
//! Every click and key goes through WebDriver; scripts only read what the window shows and
//! make the text selection a mouse drag would make (as tests/tests/window.rs does).

use std::time::{Duration, Instant};

use duizhao_e2e::{
    attributes, duizhao_ok, path_str, screenshot_dir, texts, wait_for, wait_for_texts, TauriDriver,
};
use serde_json::{json, Value};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

/// Start-up includes building and aligning the sample project on first run.
const STARTUP: Duration = Duration::from_secs(60);
/// One edit: an IPC call and a re-render.
const EDIT: Duration = Duration::from_secs(15);

const ZH_FIRST: &str = ".bead[data-position='0'] .bead-zh .sentence-text";
const PAGE: &str = ".claims-panel .claims-page";
const NEW_CLAIM: &str = ".claims-panel .claims-new form";
const EVIDENCE_FORM: &str = ".claims-page form[aria-label='Add evidence']";
const STATUS_FORM: &str = ".claims-page form[aria-label='Set the status']";
const ROWS: &str = ".claims-table tbody tr";

/// The claim: a sentence of the sample statement and its translation.
const ZH_QUOTE: &str = "2018年十月上旬离开十四所";
const EN_QUOTE: &str = "I left Institute 14 in early October 2018";
const SUMMARY: &str = "Ouyang Chong left Institute 14 in early October 2018.";
const TIME: &str = "2018年十月上旬";
const CLAIMANT: &str = "Ouyang Chong (欧阳翀)";
const SUBJECT: &str =
    "No. 14 Research Institute of the State Commission of Special Materials Industry (国家特种材料工业委员会第十四研究所)";
const COURT: &str = "Judgment of the Weichuan Intermediate People's Court";
const POLICE: &str = "Weichuan PSB exit-entry check";
const RATIONALE: &str = "The court record and the police check disagree on the date.";

/// A second claim, anchored in Chinese only, for the table to filter and sort.
const ZH_QUOTE_2: &str = "2006年7月，我从关中理工大学材料科学与工程学院硕士毕业";
const SUMMARY_2: &str = "Ouyang Chong graduated from Guanzhong University in July 2006.";
const TIME_2: &str = "2006年7月";

/// Runs a script in the window with `args` and converts what it returns.
async fn script<T: serde::de::DeserializeOwned>(
    driver: &WebDriver,
    js: &str,
    args: Vec<Value>,
) -> T {
    driver
        .execute(js, args)
        .await
        .unwrap_or_else(|error| panic!("the script failed: {error}\n{js}"))
        .convert()
        .expect("the script returns the expected shape")
}

/// Takes a screenshot once the webview has painted the state the test just waited for
/// (WebKitWebDriver captures the last painted frame, which can lag the DOM a little). A
/// screenshot WebKitWebDriver does not deliver within a while is asked for once more, with
/// the pointer moved off whatever it hovers.
async fn screenshot(driver: &WebDriver, name: &str) {
    let path = screenshot_dir().join(name);
    for attempt in 0..2 {
        tokio::time::sleep(Duration::from_millis(400)).await;
        match tokio::time::timeout(Duration::from_secs(20), driver.screenshot(&path)).await {
            Ok(result) => return result.unwrap(),
            Err(_) if attempt == 0 => {
                eprintln!("the screenshot {name} did not come; asking again");
                driver.action_chain().move_to(2, 2).perform().await.unwrap();
            }
            Err(_) => panic!("WebKitWebDriver did not take the screenshot {name}"),
        }
    }
}

/// Presses keys with the bead list focused (where the window's shortcuts apply).
async fn press(driver: &WebDriver, keys: impl Into<TypingData>) {
    wait_for(driver, ".beads[role='listbox']", EDIT)
        .await
        .send_keys(keys)
        .await
        .expect("the bead list takes keys");
}

/// Presses keys in whatever has the focus.
async fn type_here(driver: &WebDriver, keys: impl Into<TypingData>) {
    driver
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Shows a side tab with its key (Ctrl+1, 2, 3) and waits until it is shown.
async fn side_tab(driver: &WebDriver, key: &str, label: &str) {
    press(driver, Key::Control + key).await;
    wait_for_texts(
        driver,
        ".side-tabs [role='tab'][aria-selected='true']",
        EDIT,
        |t| t == [label],
    )
    .await;
}

/// The element of the first `css` match (waiting for it), then the first match of `xpath`
/// inside it.
async fn inside(driver: &WebDriver, css: &str, xpath: &str) -> WebElement {
    wait_for(driver, css, EDIT)
        .await
        .query(By::XPath(xpath))
        .wait(EDIT, Duration::from_millis(100))
        .first()
        .await
        .unwrap_or_else(|error| panic!("nothing matches {xpath} inside `{css}`: {error}"))
}

/// The input, select or text area of the field of form `form` whose label starts with `label`.
async fn field(driver: &WebDriver, form: &str, label: &str) -> WebElement {
    inside(
        driver,
        form,
        &format!(
            ".//label[starts-with(normalize-space(span[1]), '{label}')]/*[self::input or self::select or self::textarea]"
        ),
    )
    .await
}

/// Empties a text field as a user does: select all of it and delete it. (WebDriver's
/// clear command fires no input event, so React would not see it.)
async fn empty(input: &WebElement) {
    input.send_keys(Key::Control + "a").await.unwrap();
    input.send_keys(Key::Backspace).await.unwrap();
}

/// Types `text` into a field (emptied first).
async fn fill(driver: &WebDriver, form: &str, label: &str, text: &str) {
    let input = field(driver, form, label).await;
    empty(&input).await;
    input.send_keys(text).await.unwrap();
}

/// Chooses the option showing `text` in a field's drop-down list.
async fn choose(driver: &WebDriver, form: &str, label: &str, text: &str) {
    let select = field(driver, form, label).await;
    SelectElement::new(&select)
        .await
        .unwrap()
        .select_by_exact_text(text)
        .await
        .unwrap_or_else(|error| panic!("no option `{text}` in `{label}` of `{form}`: {error}"));
    let chosen: String = script(
        driver,
        "return arguments[0].selectedOptions[0].textContent",
        vec![select.to_json().unwrap()],
    )
    .await;
    assert_eq!(chosen, text, "`{label}` of `{form}`");
}

/// Clicks the button of `scope` whose text starts with `label`.
async fn click_button(driver: &WebDriver, scope: &str, label: &str) {
    inside(
        driver,
        scope,
        &format!(".//button[starts-with(normalize-space(.), '{label}')]"),
    )
    .await
    .click()
    .await
    .unwrap_or_else(|error| panic!("clicking `{label}` in `{scope}` failed: {error}"));
}

/// Selects `quote` in the `lang` side of the first bead holding it, as a mouse drag does
/// (a DOM range over the text nodes, then the mouse button goes up), and returns the bead's
/// position.
async fn select_in_bead(driver: &WebDriver, lang: &str, quote: &str) -> usize {
    let (position, selected): (usize, String) = script(
        driver,
        "const [lang, quote] = arguments; \
         const el = Array.from(document.querySelectorAll(`.beads .bead .bead-${lang} .sentence-text`)) \
           .find(e => e.textContent.includes(quote)); \
         el.scrollIntoView({ block: 'center' }); \
         const from = el.textContent.indexOf(quote); \
         const point = n => { const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); \
           let node; while ((node = w.nextNode())) { if (n <= node.length) return [node, n]; n -= node.length; } }; \
         const range = document.createRange(); \
         range.setStart(...point(from)); range.setEnd(...point(from + quote.length)); \
         const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range); \
         el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 })); \
         return [Number(el.closest('.bead').dataset.position), range.toString()];",
        vec![json!(lang), json!(quote)],
    )
    .await;
    assert_eq!(selected, quote);
    position
}

/// The `data-claim-id` of the table's rows, top to bottom.
async fn row_ids(driver: &WebDriver) -> Vec<String> {
    attributes(driver, ROWS, "data-claim-id")
        .await
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

/// Waits until the table lists exactly the claims `ids`, in that order.
async fn wait_for_rows(driver: &WebDriver, ids: &[&str]) {
    let deadline = Instant::now() + EDIT;
    loop {
        let now = row_ids(driver).await;
        if now == ids {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the claims table shows {now:?}, not {ids:?}; count line: {:?}",
            texts(driver, ".claims-count").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The panel's status line (what the last edit did), once it starts with `prefix`.
async fn panel_status(driver: &WebDriver, prefix: &str) {
    let deadline = Instant::now() + EDIT;
    loop {
        let status = texts(driver, ".claims-status-line .status").await.join("");
        if status.starts_with(prefix) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the claims panel says `{status}`, not `{prefix}…`; alert: {:?}",
            texts(driver, ".claims-panel [role='alert']").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks a status checkbox of the table's filter (by its chip's status).
async fn toggle_filter(driver: &WebDriver, status: &str) {
    driver
        .find(By::Css(format!(
            ".claims-status-filter label:has(.claim-chip[data-status='{status}']) input"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Clicks a column heading of the table and waits for it to sort in `direction`.
async fn sort_by(driver: &WebDriver, column: &str, direction: &str) {
    click_button(driver, ".claims-table thead", column).await;
    let css = format!(".claims-table th[aria-sort='{direction}']");
    wait_for_texts(driver, &css, EDIT, |t| {
        t.len() == 1 && t[0].starts_with(column)
    })
    .await;
}

/// Problems a reader would see in the side panel: text whose contrast with what is behind
/// it is below 4.5:1 (WCAG AA), and content wider than the panel (cut off or scrolled
/// sideways). Returned as lines; an empty list means none.
const SIDE_PANEL_PROBLEMS: &str = r#"
const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return [0, 0, 0, 0];
  const p = m[1].split(',').map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
const background = el => { const layers = [];
  for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
  let color = [255, 255, 255, 1]; for (const layer of layers.reverse()) color = over(layer, color); return color; };
const luminance = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const side = document.querySelector('.side-body');
const problems = [];
if (side.scrollWidth > side.clientWidth + 1) problems.push(`the panel scrolls sideways: ${side.scrollWidth} > ${side.clientWidth}`);
for (const el of side.querySelectorAll('*')) {
  if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim() !== '')) continue;
  if (el.closest('option, [disabled], .claims-sr') || el.getClientRects().length === 0) continue;
  const style = getComputedStyle(el); if (style.visibility === 'hidden') continue;
  const bg = background(el); const fg = over(parse(style.color), bg); const ratio = contrast(fg, bg);
  if (ratio < 4.5) problems.push(`${ratio.toFixed(2)}:1 ${el.tagName.toLowerCase()}.${el.className} “${el.textContent.trim().slice(0, 40)}”`);
  const box = el.getBoundingClientRect(); const panel = side.getBoundingClientRect();
  if (box.right > panel.right + 1 && style.overflow === 'visible') problems.push(`past the panel's edge: ${el.tagName.toLowerCase()}.${el.className} “${el.textContent.trim().slice(0, 40)}”`);
}
return problems;
"#;

/// Takes the screenshot `name` (for a person to look at), then checks the side panel for
/// what [`SIDE_PANEL_PROBLEMS`] finds.
async fn look(driver: &WebDriver, name: &str, what: &str) {
    screenshot(driver, name).await;
    let problems: Vec<String> = script(driver, SIDE_PANEL_PROBLEMS, Vec::new()).await;
    assert!(problems.is_empty(), "{what} (see {name}): {problems:#?}");
}

/// Scrolls the side panel so that `css` is at its top.
async fn scroll_to(driver: &WebDriver, css: &str) {
    let _: bool = script(
        driver,
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); return true;",
        vec![json!(css)],
    )
    .await;
}

/// Screenshots of the side panels in the current theme, each checked for readability:
/// the registry, the claims table, the claim page (its top, its evidence with the form for
/// a new source, its status history) and the history.
async fn panel_screenshots(driver: &WebDriver, theme: &str) {
    side_tab(driver, "1", "Entities").await;
    wait_for_texts(driver, ".side-body", STARTUP, |t| {
        t.join("").contains("Ouyang Chong")
    })
    .await;
    look(
        driver,
        &format!("side-entities-{theme}.png"),
        &format!("entities, {theme}"),
    )
    .await;
    click_button(driver, ".entity-list", "欧阳翀").await;
    wait_for_texts(driver, ".entity-page-title", EDIT, |t| {
        t.first().is_some_and(|s| s.contains("Ouyang Chong"))
    })
    .await;
    look(
        driver,
        &format!("side-entity-page-{theme}.png"),
        &format!("an entity's page, {theme}"),
    )
    .await;

    side_tab(driver, "2", "Claims").await;
    wait_for_rows(driver, &["1", "2"]).await;
    look(
        driver,
        &format!("side-claims-table-{theme}.png"),
        &format!("claims table, {theme}"),
    )
    .await;
    driver
        .find(By::Css(".claims-new > summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(driver, ".claims-new[open] .claims-anchor-choice", EDIT).await;
    look(
        driver,
        &format!("side-claims-new-{theme}.png"),
        &format!("new claim, {theme}"),
    )
    .await;

    click_button(
        driver,
        ".claims-table tr[data-claim-id='1']",
        "Ouyang Chong left",
    )
    .await;
    wait_for(driver, ".claims-page[data-claim-id='1']", EDIT).await;
    look(
        driver,
        &format!("side-claim-page-{theme}.png"),
        &format!("claim page, {theme}"),
    )
    .await;
    choose(driver, EVIDENCE_FORM, "Source", "New source…").await;
    wait_for(driver, ".claims-new-source", EDIT).await;
    fill(driver, EVIDENCE_FORM, "Reliability", "B").await;
    fill(driver, EVIDENCE_FORM, "Credibility", "3").await;
    wait_for_texts(driver, ".claims-grade-preview", EDIT, |t| {
        t.first().is_some_and(|s| s.starts_with("B3 — "))
    })
    .await;
    scroll_to(driver, ".claims-page section[aria-label='Evidence']").await;
    look(
        driver,
        &format!("side-claim-evidence-{theme}.png"),
        &format!("evidence and its form, {theme}"),
    )
    .await;
    scroll_to(driver, ".claims-page section[aria-label='Status']").await;
    look(
        driver,
        &format!("side-claim-status-{theme}.png"),
        &format!("status, {theme}"),
    )
    .await;

    side_tab(driver, "3", "History").await;
    wait_for(driver, ".history-table tbody tr", EDIT).await;
    look(
        driver,
        &format!("side-history-{theme}.png"),
        &format!("history, {theme}"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_claim_is_made_from_a_selection_weighed_against_graded_evidence_and_its_status_undone() {
    // A fresh data directory: the app creates (and aligns) the sample project there.
    let data_home = tempfile::tempdir().unwrap();
    let project = data_home.path().join("duizhao/sample.duizhao");
    let tauri_driver = TauriDriver::start(&[("XDG_DATA_HOME", data_home.path())]);
    let driver = tauri_driver.open_app(&[]).await;
    wait_for_texts(&driver, ZH_FIRST, STARTUP, |t| !t.is_empty()).await;
    // Start in the light theme whatever the system prefers.
    if script::<String>(
        &driver,
        "return document.documentElement.dataset.theme",
        vec![],
    )
    .await
        == "dark"
    {
        press(&driver, Key::Control + Key::Shift + "l").await;
    }

    // Select the Chinese phrase, then its English counterpart in the same bead, while the
    // entity registry is shown: the window keeps both for a claim.
    // (A person's two drags are frames apart: wait for the first to be seen, as it is.)
    let zh_bead = select_in_bead(&driver, "zh", ZH_QUOTE).await;
    wait_for_texts(&driver, ".pending-line", EDIT, |t| {
        t.first().is_some_and(|s| s.contains(ZH_QUOTE))
    })
    .await;
    let en_bead = select_in_bead(&driver, "en", EN_QUOTE).await;
    assert_eq!(
        zh_bead, en_bead,
        "the phrase and its translation share a bead"
    );
    wait_for_texts(&driver, ".pending-line", EDIT, |t| {
        t.first()
            .is_some_and(|s| s.contains(ZH_QUOTE) && s.contains(EN_QUOTE))
    })
    .await;

    // Ctrl+2 shows the claims: none yet. The new-claim form offers to anchor the claim at
    // both selections.
    side_tab(&driver, "2", "Claims").await;
    wait_for_texts(&driver, ".claims-count", STARTUP, |t| t == ["0 claims"]).await;
    assert!(texts(&driver, ROWS).await.is_empty());
    driver
        .find(By::Css(".claims-new > summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&driver, ".claims-new[open] form", EDIT).await;
    let offered = wait_for_texts(&driver, ".claims-anchor-choice label", EDIT, |t| {
        t.len() == 2
    })
    .await;
    assert!(
        offered[0].contains("Chinese") && offered[0].contains(ZH_QUOTE),
        "{offered:?}"
    );
    assert!(
        offered[1].contains("English") && offered[1].contains(EN_QUOTE),
        "{offered:?}"
    );

    // Summary, time and claimant, then Create claim: its page opens.
    fill(&driver, NEW_CLAIM, "Summary", SUMMARY).await;
    fill(&driver, NEW_CLAIM, "Time", TIME).await;
    choose(&driver, NEW_CLAIM, "Claimant", CLAIMANT).await;
    screenshot(&driver, "claims-new-light.png").await;
    click_button(&driver, NEW_CLAIM, "Create claim").await;
    panel_status(&driver, "Claim created").await;
    wait_for(&driver, ".claims-page[data-claim-id='1']", EDIT).await;
    let title = wait_for_texts(&driver, ".claims-page-title", EDIT, |t| {
        t.first().is_some_and(|s| s.contains(SUMMARY))
    })
    .await;
    assert!(title[0].contains("Claim 1"), "{title:?}");
    assert_eq!(
        attributes(&driver, ".claims-page-title .claim-chip", "data-status").await,
        [Some("unverified".to_owned())]
    );
    // Its anchors in both languages, and its time as written with the days it stands for.
    assert_eq!(
        texts(&driver, ".claims-anchor-zh .claims-anchor-quote").await,
        [ZH_QUOTE]
    );
    assert_eq!(
        texts(&driver, ".claims-anchor-en .claims-anchor-quote").await,
        [EN_QUOTE]
    );
    let facts = texts(&driver, ".claims-facts dd").await;
    assert!(
        facts[0].contains(TIME) && facts[0].contains("2018-10-01 – 2018-10-10"),
        "{facts:?}"
    );
    let people = "section[aria-label='Claimant and subjects']";
    wait_for_texts(&driver, &format!("{people} .claims-muted"), EDIT, |t| {
        t.iter().any(|s| s == &format!("Now: {CLAIMANT}"))
    })
    .await;

    // A subject from the registry.
    choose(
        &driver,
        &format!("{people} form:nth-of-type(2)"),
        "Subject",
        SUBJECT,
    )
    .await;
    click_button(&driver, people, "Add subject").await;
    panel_status(&driver, "Subject added").await;
    wait_for_texts(&driver, "ul[aria-label='Subjects'] li", EDIT, |t| {
        t.len() == 1 && t[0].starts_with(SUBJECT)
    })
    .await;

    // Evidence for: a court record graded B2, a new source typed in the form.
    assert_eq!(
        texts(&driver, ".claims-evidence").await.len(),
        0,
        "no evidence yet"
    );
    choose(&driver, EVIDENCE_FORM, "Source", "New source…").await;
    fill(&driver, EVIDENCE_FORM, "Title", COURT).await;
    choose(&driver, EVIDENCE_FORM, "Kind", "Record").await;
    fill(&driver, EVIDENCE_FORM, "Reliability", "B").await;
    fill(&driver, EVIDENCE_FORM, "Credibility", "2").await;
    wait_for_texts(&driver, ".claims-grade-preview", EDIT, |t| {
        t == ["B2 — usually reliable, probably true"]
    })
    .await;
    fill(&driver, EVIDENCE_FORM, "Date", "2019-03-15").await;
    choose(&driver, EVIDENCE_FORM, "Stance", "Supports").await;
    fill(
        &driver,
        EVIDENCE_FORM,
        "Note",
        "Finds that he left in the first ten days of October 2018.",
    )
    .await;
    click_button(&driver, EVIDENCE_FORM, "Add evidence").await;
    panel_status(&driver, "Evidence added").await;
    wait_for_texts(
        &driver,
        ".claims-evidence-group-supports .claims-evidence",
        EDIT,
        |t| t.len() == 1,
    )
    .await;

    // Evidence against: a police check graded C3.
    choose(&driver, EVIDENCE_FORM, "Source", "New source…").await;
    fill(&driver, EVIDENCE_FORM, "Title", POLICE).await;
    choose(&driver, EVIDENCE_FORM, "Kind", "Database").await;
    fill(&driver, EVIDENCE_FORM, "Reliability", "c").await;
    fill(&driver, EVIDENCE_FORM, "Credibility", "3").await;
    wait_for_texts(&driver, ".claims-grade-preview", EDIT, |t| {
        t == ["C3 — fairly reliable, possibly true"]
    })
    .await;
    choose(&driver, EVIDENCE_FORM, "Stance", "Contradicts").await;
    fill(
        &driver,
        EVIDENCE_FORM,
        "Note",
        "Shows him entering the institute in November 2018.",
    )
    .await;
    click_button(&driver, EVIDENCE_FORM, "Add evidence").await;
    panel_status(&driver, "Evidence added").await;
    let against = wait_for_texts(
        &driver,
        ".claims-evidence-group-contradicts .claims-evidence",
        EDIT,
        |t| t.len() == 1,
    )
    .await;
    let supports = texts(&driver, ".claims-evidence-group-supports .claims-evidence").await;
    for (piece, title, grade, words, stance) in [
        (
            &supports[0],
            COURT,
            "B2",
            "usually reliable, probably true",
            "Supports",
        ),
        (
            &against[0],
            POLICE,
            "C3",
            "fairly reliable, possibly true",
            "Contradicts",
        ),
    ] {
        for part in [title, grade, words, stance] {
            assert!(piece.contains(part), "`{part}` missing from {piece:?}");
        }
    }
    assert_eq!(
        texts(
            &driver,
            ".claims-evidence-group-supports .claims-grade-code"
        )
        .await,
        ["B2"]
    );
    assert_eq!(
        texts(
            &driver,
            ".claims-evidence-group-contradicts .claims-grade-code"
        )
        .await,
        ["C3"]
    );
    let balance = texts(&driver, "p.claims-balance strong").await;
    assert_eq!(balance, ["+1 −1"]);

    // Escape goes back to the table; a second claim, anchored in Chinese only.
    type_here(&driver, Key::Escape).await;
    wait_for_rows(&driver, &["1"]).await;
    select_in_bead(&driver, "zh", ZH_QUOTE_2).await;
    if texts(&driver, ".claims-new[open]").await.is_empty() {
        driver
            .find(By::Css(".claims-new > summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    let offered = wait_for_texts(&driver, ".claims-anchor-choice label", EDIT, |t| {
        t.len() == 1
    })
    .await;
    assert!(offered[0].contains(ZH_QUOTE_2), "{offered:?}");
    fill(&driver, NEW_CLAIM, "Summary", SUMMARY_2).await;
    fill(&driver, NEW_CLAIM, "Time", TIME_2).await;
    // Enter in a field submits the form.
    type_here(&driver, Key::Enter).await;
    panel_status(&driver, "Claim created").await;
    wait_for(&driver, ".claims-page[data-claim-id='2']", EDIT).await;
    assert_eq!(
        texts(&driver, ".claims-anchor-zh .claims-anchor-quote").await,
        [ZH_QUOTE_2]
    );
    assert!(texts(&driver, ".claims-anchor-en .claims-anchor-quote")
        .await
        .is_empty());
    click_button(&driver, PAGE, "← All claims").await;
    wait_for_rows(&driver, &["1", "2"]).await;

    // Back to the first claim: disputed, with a rationale (Enter in it submits).
    click_button(
        &driver,
        ".claims-table tr[data-claim-id='1']",
        "Ouyang Chong left",
    )
    .await;
    wait_for(&driver, ".claims-page[data-claim-id='1']", EDIT).await;
    choose(&driver, STATUS_FORM, "Status", "Disputed").await;
    fill(&driver, STATUS_FORM, "Rationale", RATIONALE).await;
    type_here(&driver, Key::Enter).await;
    panel_status(&driver, "Status set: Disputed").await;
    wait_for_texts(&driver, ".claims-page-title .claim-chip", EDIT, |t| {
        t.first().is_some_and(|s| s.contains("Disputed"))
    })
    .await;
    let history = texts(&driver, "ol[aria-label='Status history'] li").await;
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history[0].contains("Created as Unverified"), "{history:?}");
    assert!(
        history[1].contains("Unverified → Disputed") && history[1].contains(RATIONALE),
        "{history:?}"
    );
    let facts = texts(&driver, ".claims-facts dd").await;
    assert!(
        facts[1].contains("Disputed") && facts[1].contains(RATIONALE),
        "{facts:?}"
    );
    screenshot(&driver, "claims-page-disputed-light.png").await;

    // The table: the status chips, the time and the balance of each claim.
    click_button(&driver, PAGE, "← All claims").await;
    wait_for_rows(&driver, &["1", "2"]).await;
    assert_eq!(
        attributes(&driver, &format!("{ROWS} .claim-chip"), "data-status").await,
        [Some("disputed".to_owned()), Some("unverified".to_owned())]
    );
    let chips = texts(&driver, &format!("{ROWS} .claim-chip")).await;
    assert!(chips[0].contains("Disputed"), "{chips:?}");
    let times = texts(&driver, &format!("{ROWS} .claims-col-time")).await;
    assert!(
        times[0].starts_with(TIME) && times[1].starts_with(TIME_2),
        "{times:?}"
    );
    let balances = texts(
        &driver,
        &format!("{ROWS} .claims-col-balance [aria-hidden]"),
    )
    .await;
    assert_eq!(balances, ["+1 −1", "0"]);
    assert_eq!(texts(&driver, ".claims-count").await, ["2 claims"]);

    // Filtering by status.
    toggle_filter(&driver, "disputed").await;
    wait_for_rows(&driver, &["1"]).await;
    assert_eq!(texts(&driver, ".claims-count").await, ["1 of 2 claims"]);
    screenshot(&driver, "claims-filtered-light.png").await;
    toggle_filter(&driver, "disputed").await;
    toggle_filter(&driver, "unverified").await;
    wait_for_rows(&driver, &["2"]).await;
    toggle_filter(&driver, "supported").await;
    wait_for_rows(&driver, &["2"]).await;
    toggle_filter(&driver, "unverified").await;
    wait_for_rows(&driver, &[]).await;
    assert_eq!(texts(&driver, ".claims-count").await, ["0 of 2 claims"]);
    toggle_filter(&driver, "supported").await;
    wait_for_rows(&driver, &["1", "2"]).await;
    // Filtering by words of a quote.
    let find = field(&driver, ".claims-filter", "Find").await;
    find.send_keys("十四所").await.unwrap();
    wait_for_rows(&driver, &["1"]).await;
    empty(&find).await;
    wait_for_rows(&driver, &["1", "2"]).await;

    // Sorting: by time (earliest first, then latest first), by status (in the order of the
    // chips: unverified first), by evidence, by number.
    sort_by(&driver, "Time", "ascending").await;
    wait_for_rows(&driver, &["2", "1"]).await;
    sort_by(&driver, "Time", "descending").await;
    wait_for_rows(&driver, &["1", "2"]).await;
    sort_by(&driver, "Status", "ascending").await;
    wait_for_rows(&driver, &["2", "1"]).await;
    sort_by(&driver, "Status", "descending").await;
    wait_for_rows(&driver, &["1", "2"]).await;
    // By evidence, most weighty first: the same balance, but two pieces outweigh none.
    sort_by(&driver, "Evidence", "descending").await;
    wait_for_rows(&driver, &["1", "2"]).await;
    sort_by(&driver, "Evidence", "ascending").await;
    wait_for_rows(&driver, &["2", "1"]).await;
    sort_by(&driver, "Number", "ascending").await;
    wait_for_rows(&driver, &["1", "2"]).await;

    // Ctrl+3: the history lists the steps, the status change newest.
    side_tab(&driver, "3", "History").await;
    let steps = wait_for_texts(&driver, ".history-table tbody tr", EDIT, |t| {
        t.first()
            .is_some_and(|s| s.contains("claim 1: unverified → disputed"))
    })
    .await;
    for step in [
        "create claim 2",
        "link evidence",
        "add source",
        "subject",
        "create claim 1",
    ] {
        assert!(
            steps.iter().any(|s| s.contains(step)),
            "no step `{step}` in {steps:?}"
        );
    }
    // Ctrl+Z takes the status change back: the history greys it, the chip goes back.
    press(&driver, Key::Control + "z").await;
    wait_for_texts(&driver, ".status", EDIT, |t| {
        t.iter()
            .any(|s| s.starts_with("Undone: claim 1: unverified → disputed"))
    })
    .await;
    let undone = wait_for_texts(
        &driver,
        ".history-table tbody tr.history-undone",
        EDIT,
        |t| t.len() == 1,
    )
    .await;
    assert!(
        undone[0].contains("claim 1: unverified → disputed") && undone[0].contains("(undone)"),
        "{undone:?}"
    );
    screenshot(&driver, "claims-history-undone-light.png").await;
    side_tab(&driver, "2", "Claims").await;
    wait_for_rows(&driver, &["1", "2"]).await;
    wait_for_texts(&driver, &format!("{ROWS} .claim-chip"), EDIT, |t| {
        t.len() == 2 && t[0].contains("Unverified")
    })
    .await;
    click_button(
        &driver,
        ".claims-table tr[data-claim-id='1']",
        "Ouyang Chong left",
    )
    .await;
    let history = wait_for_texts(&driver, "ol[aria-label='Status history'] li", EDIT, |t| {
        !t.is_empty()
    })
    .await;
    assert_eq!(history.len(), 1, "{history:?}");
    // The evidence was not touched by that undo.
    assert_eq!(texts(&driver, ".claims-evidence").await.len(), 2);
    // Ctrl+Shift+Z makes it disputed again.
    press(&driver, Key::Control + Key::Shift + "z").await;
    wait_for_texts(&driver, ".claims-page-title .claim-chip", EDIT, |t| {
        t.first().is_some_and(|s| s.contains("Disputed"))
    })
    .await;
    wait_for_texts(&driver, "ol[aria-label='Status history'] li", EDIT, |t| {
        t.len() == 2
    })
    .await;

    // The side panels in both themes, looked at and checked for readable text.
    panel_screenshots(&driver, "light").await;
    press(&driver, Key::Control + Key::Shift + "l").await;
    let deadline = Instant::now() + EDIT;
    while script::<String>(
        &driver,
        "return document.documentElement.dataset.theme",
        vec![],
    )
    .await
        != "dark"
    {
        assert!(
            Instant::now() < deadline,
            "Ctrl+Shift+L did not switch the theme"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panel_screenshots(&driver, "dark").await;
    driver.quit().await.unwrap();
    drop(tauri_driver);

    // All of it is stored in the project: the claim with its anchors, claimant, subject,
    // time, both pieces of evidence with their grades, and its status history.
    let p = path_str(&project);
    let entities: Vec<Value> = duizhao_ok(&["entity", "list", p, "--json"])
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let entity = |key: &str| {
        entities
            .iter()
            .find(|e| e["key"] == key)
            .unwrap_or_else(|| panic!("no entity {key}"))["id"]
            .clone()
    };
    let claim: Value = serde_json::from_str(&duizhao_ok(&["claim", "show", p, "1"])).unwrap();
    assert_eq!(claim["summary"], SUMMARY);
    assert_eq!(claim["status"], "disputed");
    assert_eq!(claim["rationale"], RATIONALE);
    assert_eq!(claim["time"]["label"], TIME);
    assert_eq!(claim["time"]["earliest"], "2018-10-01");
    assert_eq!(claim["time"]["latest"], "2018-10-10");
    assert_eq!(claim["claimant"], entity("ouyang-chong"));
    assert_eq!(claim["subjects"], json!([entity("inst14")]));
    let anchors: Vec<(String, String)> = claim["anchors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["lang"].as_str().unwrap().to_owned(),
                a["quote"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        anchors,
        [
            ("zh".to_owned(), ZH_QUOTE.to_owned()),
            ("en".to_owned(), EN_QUOTE.to_owned())
        ]
    );
    let evidence: Vec<(String, String, String, i64, String)> = claim["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["stance"].as_str().unwrap().to_owned(),
                e["source"]["title"].as_str().unwrap().to_owned(),
                e["source"]["reliability"].as_str().unwrap().to_owned(),
                e["source"]["credibility"].as_i64().unwrap(),
                e["source"]["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        evidence,
        [
            (
                "supports".to_owned(),
                COURT.to_owned(),
                "B".to_owned(),
                2,
                "record".to_owned()
            ),
            (
                "contradicts".to_owned(),
                POLICE.to_owned(),
                "C".to_owned(),
                3,
                "database".to_owned()
            ),
        ]
    );
    let history = claim["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[1]["from"], "unverified");
    assert_eq!(history[1]["to"], "disputed");
    assert_eq!(history[1]["rationale"], RATIONALE);
    let second: Value = serde_json::from_str(&duizhao_ok(&["claim", "show", p, "2"])).unwrap();
    assert_eq!(second["status"], "unverified");
    assert_eq!(second["anchors"].as_array().unwrap().len(), 1);
    assert_eq!(second["time"]["earliest"], "2006-07-01");
    assert_eq!(second["time"]["latest"], "2006-07-31");
}
