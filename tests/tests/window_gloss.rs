//! The word gloss in the real window (tauri-driver + WebKitWebDriver under Xvfb): the mouse
//! resting on a Chinese word of the parallel view shows its pinyin and CC-CEDICT definitions
//! in a popover beside the word, fetched once per sentence and only when hovered, and the
//! partner highlight of a span link still works under it.
//! Run under a display:
//! `xvfb-run -a cargo test -p duizhao-e2e --test window_gloss -- --test-threads=1`.
//!
//! The mouse is moved with WebDriver pointer actions to the centre of a character, whose
//! position a script reads from the page (a Range over that character).

use std::time::Duration;

use duizhao_e2e::{attributes, screenshot_dir, texts, wait_for, wait_for_texts, TauriDriver};
use serde::Deserialize;
use thirtyfour::prelude::*;

/// Start-up includes building and aligning the sample project on first run.
const STARTUP: Duration = Duration::from_secs(60);
/// One gloss: the rest delay, an IPC call (the first loads jieba and CC-CEDICT) and a render.
const GLOSS: Duration = Duration::from_secs(20);
/// Anything else the window does after an input.
const EDIT: Duration = Duration::from_secs(15);

const ZH_FIRST: &str = ".bead[data-position='0'] .bead-zh .sentence-text";
const TOOLTIP: &str = ".word-gloss[role='tooltip']";

/// Where a character is drawn and what the popover covers, from the page.
#[derive(Debug, Deserialize)]
struct Geometry {
    /// The character's centre, in viewport pixels.
    x: f64,
    y: f64,
    /// The box of the word: left, top, right, bottom.
    word: [f64; 4],
}

/// The centre of the first character of `word` in the first element matching `css` whose
/// text contains it (scrolled into view first), and the box of the whole word.
const LOCATE: &str = r#"
const [css, word] = arguments;
const el = Array.from(document.querySelectorAll(css)).find(e => e.textContent.includes(word));
if (!el) return null;
const at = el.textContent.indexOf(word);
const point = (index, bias) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = n.data.length;
    if (index < seen + len || (bias === 'end' && index === seen + len)) return [n, index - seen];
    seen += len;
  }
  return null;
};
const box = (from, to) => {
  const r = document.createRange();
  const a = point(from, 'start'), b = point(to, 'end');
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  return r.getBoundingClientRect();
};
const first = box(at, at + 1);
const all = box(at, at + word.length);
return { x: first.left + first.width / 2, y: first.top + first.height / 2,
         word: [all.left, all.top, all.right, all.bottom] };
"#;

/// Scrolls the first element matching `css` that contains `word` to the middle of its list.
async fn scroll_to(driver: &WebDriver, css: &str, word: &str) {
    driver
        .execute(
            "const [css, word] = arguments; \
             const el = Array.from(document.querySelectorAll(css)).find(e => e.textContent.includes(word)); \
             el.scrollIntoView({ block: 'center' });",
            vec![serde_json::json!(css), serde_json::json!(word)],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
}

async fn locate(driver: &WebDriver, css: &str, word: &str) -> Geometry {
    driver
        .execute(
            LOCATE,
            vec![serde_json::json!(css), serde_json::json!(word)],
        )
        .await
        .unwrap()
        .convert::<Option<Geometry>>()
        .unwrap()
        .unwrap_or_else(|| panic!("no `{css}` shows {word}"))
}

/// Moves the mouse (real pointer actions) onto the first character of `word` in `css`.
async fn hover(driver: &WebDriver, css: &str, word: &str) -> Geometry {
    let geometry = locate(driver, css, word).await;
    driver
        .action_chain()
        .move_to(geometry.x.round() as i64, geometry.y.round() as i64)
        .perform()
        .await
        .unwrap();
    geometry
}

/// Moves the mouse off the bead list (onto the top bar).
async fn hover_away(driver: &WebDriver) {
    let bar = wait_for(driver, ".topbar", EDIT).await;
    driver
        .action_chain()
        .move_to_element_center(&bar)
        .perform()
        .await
        .unwrap();
}

/// How many `gloss_sentence` calls the window has made (its IPC performance measures).
async fn gloss_calls(driver: &WebDriver) -> usize {
    driver
        .execute(
            "return performance.getEntriesByName('duizhao:ipc') \
               .filter(e => e.detail && e.detail.command === 'gloss_sentence').length",
            Vec::new(),
        )
        .await
        .unwrap()
        .convert()
        .unwrap()
}

/// The popover's box (left, top, right, bottom) and the window's inner size.
async fn tooltip_box(driver: &WebDriver) -> ([f64; 4], [f64; 2]) {
    driver
        .execute(
            "const r = document.querySelector('.word-gloss').getBoundingClientRect(); \
             return [[r.left, r.top, r.right, r.bottom], [window.innerWidth, window.innerHeight]];",
            Vec::new(),
        )
        .await
        .unwrap()
        .convert()
        .unwrap()
}

/// The popover is clear of the word (below or above it) and inside the window.
async fn assert_placed(driver: &WebDriver, word: [f64; 4]) {
    let ([left, top, right, bottom], [width, height]) = tooltip_box(driver).await;
    assert!(
        top >= word[3] || bottom <= word[1],
        "the popover {:?} covers the word {word:?}",
        [left, top, right, bottom]
    );
    assert!(
        left >= 0.0 && top >= 0.0 && right <= width && bottom <= height,
        "the popover {:?} is not inside the {width}×{height} window",
        [left, top, right, bottom]
    );
}

async fn screenshot(driver: &WebDriver, name: &str) {
    tokio::time::sleep(Duration::from_millis(500)).await;
    driver
        .screenshot(&screenshot_dir().join(name))
        .await
        .unwrap();
}

async fn theme(driver: &WebDriver) -> String {
    driver
        .execute("return document.documentElement.dataset.theme", Vec::new())
        .await
        .unwrap()
        .convert()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn resting_the_mouse_on_a_chinese_word_shows_its_pinyin_and_definitions() {
    let data_home = tempfile::tempdir().unwrap();
    let tauri_driver = TauriDriver::start(&[("XDG_DATA_HOME", data_home.path())]);
    let driver = tauri_driver.open_app(&[]).await;
    // The sample statement's first bead is its title, 陈述书: jieba cuts 陈述 + 书.
    wait_for_texts(&driver, ZH_FIRST, STARTUP, |t| {
        t.first().is_some_and(|s| s.starts_with("陈述"))
    })
    .await;
    // Nothing is glossed before the mouse rests on a sentence.
    assert_eq!(gloss_calls(&driver).await, 0);
    let first_theme = theme(&driver).await;
    let other_theme = if first_theme == "dark" {
        "light"
    } else {
        "dark"
    };

    let word = hover(&driver, ZH_FIRST, "陈述").await;
    wait_for(&driver, TOOLTIP, GLOSS).await;
    assert_eq!(
        attributes(&driver, TOOLTIP, "data-word").await,
        [Some("陈述".to_owned())]
    );
    assert_eq!(
        texts(&driver, ".word-gloss-head .word-gloss-pinyin").await,
        ["chén shù"]
    );
    let definitions = texts(&driver, ".word-gloss-definition").await;
    assert!(
        definitions.iter().any(|d| d.contains("to state")),
        "{definitions:?}"
    );
    assert_placed(&driver, word.word).await;
    // The hovered word is outlined.
    assert!(!texts(&driver, ".word-gloss-mark").await.is_empty());
    assert_eq!(gloss_calls(&driver).await, 1);
    screenshot(&driver, &format!("gloss-{first_theme}.png")).await;

    // Off the list, the popover goes; back on the same sentence, its glosses are reused.
    hover_away(&driver).await;
    wait_for_texts(&driver, TOOLTIP, EDIT, |t| t.is_empty()).await;
    hover(&driver, ZH_FIRST, "书").await;
    wait_for_texts(&driver, ".word-gloss-head .word-gloss-pinyin", GLOSS, |t| {
        t == ["shū"]
    })
    .await;
    assert_eq!(
        gloss_calls(&driver).await,
        1,
        "the sentence was fetched again"
    );
    // Escape hides it.
    driver
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Escape)
        .await
        .unwrap();
    wait_for_texts(&driver, TOOLTIP, EDIT, |t| t.is_empty()).await;

    // A word inside a span link: the gloss shows and the link's English partner lights up.
    let zh_links = ".bead-zh .link[data-link]";
    let link_text = texts(&driver, zh_links)
        .await
        .into_iter()
        .find(|t| t.chars().count() >= 2 && t.chars().all(|c| c as u32 >= 0x4E00))
        .expect("the sample has a zh span link on a Chinese word");
    scroll_to(&driver, zh_links, &link_text).await;
    let link_word = hover(&driver, zh_links, &link_text).await;
    wait_for(&driver, TOOLTIP, GLOSS).await;
    let link_id = driver
        .execute(
            "const [x, y] = arguments; \
             return document.elementFromPoint(x, y).closest('.link').dataset.link",
            vec![
                serde_json::json!(link_word.x),
                serde_json::json!(link_word.y),
            ],
        )
        .await
        .unwrap()
        .convert::<String>()
        .unwrap();
    wait_for_texts(
        &driver,
        &format!(".bead-en .link.partner[data-link='{link_id}']"),
        EDIT,
        |t| !t.is_empty(),
    )
    .await;
    let pinyin = texts(&driver, ".word-gloss-head .word-gloss-pinyin").await;
    assert!(pinyin.first().is_some_and(|p| !p.is_empty()), "{pinyin:?}");
    assert_placed(&driver, link_word.word).await;
    screenshot(&driver, &format!("gloss-link-{first_theme}.png")).await;

    // Ctrl+Shift+L switches the theme (a key hides the popover); the gloss reads there too.
    let list = wait_for(&driver, ".beads[role='listbox']", EDIT).await;
    list.send_keys(Key::Control + Key::Shift + "l")
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + EDIT;
    while theme(&driver).await != other_theme {
        assert!(
            std::time::Instant::now() < deadline,
            "Ctrl+Shift+L did not switch to the {other_theme} theme"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    wait_for_texts(&driver, TOOLTIP, EDIT, |t| t.is_empty()).await;
    hover_away(&driver).await;
    let link_word = hover(&driver, zh_links, &link_text).await;
    wait_for(&driver, TOOLTIP, GLOSS).await;
    assert_placed(&driver, link_word.word).await;
    screenshot(&driver, &format!("gloss-link-{other_theme}.png")).await;
    // Scrolling the list hides it.
    driver
        .execute(
            "const list = document.querySelector('.beads'); \
             list.scrollTop += list.scrollTop > 100 ? -100 : 100;",
            Vec::new(),
        )
        .await
        .unwrap();
    wait_for_texts(&driver, TOOLTIP, EDIT, |t| t.is_empty()).await;
    driver.quit().await.unwrap();
}
