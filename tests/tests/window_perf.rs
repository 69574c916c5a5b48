//! The speed of the window on a long document (issue "desktop workspace"): a generated
//! document of 10,000 sentence pairs (`generated_project`: imported, aligned and with the
//! suggester's mentions, through the CLI) opens to its first rows quickly, scrolls without
//! blank frames (the rows are virtualised), keeps the webview's memory bounded, and shows a
//! confirmed bead or a tagged name quickly after the edit was sent.
//!
//! Times are read in the page with the User Timing API: the window's own marks
//! (ui/src/perf.ts: `duizhao:open-to-rows`, `duizhao:edit`) and the test's (an edit is
//! "sent" when the test dispatches its key, and "shown" once the row shows it and the next
//! frame was painted). Every number is printed (`cargo test … -- --nocapture` shows them).
//! Run under a display: `xvfb-run -a cargo test -p duizhao-e2e --test window_perf`; the
//! issue's targets are for a release build (`cargo build --release -p duizhao-desktop -p
//! duizhao-cli`, then the same command with `--release`), a debug build gets looser time
//! bounds. The webview's memory is held to the target at its peak (the kernel's
//! high-water mark over opening, scrolling through the whole document and the edits), and
//! sampled and printed along the way.

use std::time::Duration;

use duizhao_e2e::{
    descendant_memory, duizhao_ok, generated_project, path_str, wait_for, wait_for_texts,
    TauriDriver,
};
use serde_json::{json, Value};
use thirtyfour::prelude::*;
use thirtyfour::TimeoutConfiguration;

const BEADS: usize = 10_000;
/// Making the project (once; it is kept) and starting the window.
const STARTUP: Duration = Duration::from_secs(120);
const EDITS: usize = 20;

/// The targets of the issue.
const FIRST_ROWS_MS: f64 = 1000.0;
const EDIT_P95_MS: f64 = 50.0;
const WEBVIEW_MB: f64 = 500.0;

/// Debug builds (what `cargo test` runs against by default) are several times slower than
/// release builds in Rust (serialising IPC results, SQLite through unoptimised code); their
/// time bounds are looser, and the numbers are printed either way.
const DEBUG_SLACK: f64 = if cfg!(debug_assertions) { 4.0 } else { 1.0 };

async fn run<T: serde::de::DeserializeOwned>(driver: &WebDriver, js: &str, args: Vec<Value>) -> T {
    driver
        .execute(js, args)
        .await
        .unwrap_or_else(|error| panic!("the script failed: {error}\n{js}"))
        .convert()
        .expect("the script returns the expected shape")
}

async fn run_async<T: serde::de::DeserializeOwned>(
    driver: &WebDriver,
    js: &str,
    args: Vec<Value>,
) -> T {
    driver
        .execute_async(js, args)
        .await
        .unwrap_or_else(|error| panic!("the script failed: {error}\n{js}"))
        .convert()
        .expect("the script returns the expected shape")
}

/// Helpers defined in the page for the scripts below: `frame()` resolves after the next
/// animation frame (before paint), `painted()` after that frame was painted, `until(test)`
/// resolves when the list's DOM satisfies `test` (checked on every mutation).
const PAGE_HELPERS: &str = "
const list = document.querySelector('.beads');
const frame = () => new Promise(r => requestAnimationFrame(() => r()));
const painted = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
const until = (test, ms = 60000) => new Promise((resolve, reject) => {
  if (test()) { resolve(performance.now()); return; }
  // On every DOM change, and every frame too (a scroll changes what is visible without one).
  let over = false;
  const finish = () => { over = true; observer.disconnect(); clearTimeout(timer); };
  const observer = new MutationObserver(() => { if (!over && test()) { finish(); resolve(performance.now()); } });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  const poll = () => { if (over) return; if (test()) { finish(); resolve(performance.now()); } else requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
  const timer = setTimeout(() => { finish(); reject(new Error('timed out: ' + test)); }, ms);
});
const visibleRows = () => {
  const box = list.getBoundingClientRect();
  const top = box.top + list.querySelector('.bead-header').offsetHeight;
  return Array.from(list.querySelectorAll('.bead')).filter(e => {
    const r = e.getBoundingClientRect();
    return r.top >= top - 1 && r.bottom <= box.top + list.clientHeight + 1;
  });
};
// Rows at least partly in view below the header (rows are taller than a line: few are whole).
const rowsInView = () => {
  const box = list.getBoundingClientRect();
  const top = box.top + list.querySelector('.bead-header').offsetHeight;
  return Array.from(list.querySelectorAll('.bead')).filter(e => {
    const r = e.getBoundingClientRect();
    return r.bottom > top + 8 && r.top < box.top + list.clientHeight - 8;
  });
};
const key = (k) => list.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn summary(name: &str, times: &[f64]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let p95 = percentile(&sorted, 95.0);
    eprintln!(
        "PERF {name}: n={} min={:.1} ms median={:.1} ms p95={p95:.1} ms max={:.1} ms all={:?}",
        sorted.len(),
        sorted[0],
        percentile(&sorted, 50.0),
        sorted[sorted.len() - 1],
        times
            .iter()
            .map(|t| (t * 10.0).round() / 10.0)
            .collect::<Vec<_>>()
    );
    p95
}

/// The webview's RSS now, in MB (what `webview_memory` prints in detail).
fn rss_mb(tauri_driver: &TauriDriver) -> f64 {
    let rss: u64 = descendant_memory(tauri_driver.pid(), "WebKitWebProcess")
        .iter()
        .map(|p| p.1)
        .sum();
    (rss as f64 / (1024.0 * 1024.0)).round()
}

/// The webview's RSS now and its peak RSS so far (the kernel's high-water mark), in MB.
fn webview_memory(tauri_driver: &TauriDriver, when: &str) -> (f64, f64) {
    let processes = descendant_memory(tauri_driver.pid(), "WebKitWebProcess");
    assert!(
        !processes.is_empty(),
        "no WebKitWebProcess under tauri-driver"
    );
    let rss: u64 = processes.iter().map(|p| p.1).sum();
    let peak: u64 = processes.iter().map(|p| p.2).sum();
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    eprintln!(
        "PERF webview memory {when}: RSS {:.0} MB (peak {:.0} MB) over {} WebKitWebProcess: {:?}",
        mb(rss),
        mb(peak),
        processes.len(),
        processes
            .iter()
            .map(|p| (p.0, mb(p.1).round()))
            .collect::<Vec<_>>()
    );
    (mb(rss), mb(peak))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ten_thousand_bead_document_opens_scrolls_and_edits_quickly() {
    let fixture = generated_project(BEADS);
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("generated.duizhao");
    std::fs::copy(&fixture, &project).expect("the fixture is copied");

    // Xvfb has no GPU: WebKitGTK's accelerated compositing then runs on Mesa's software GL
    // (llvmpipe), which on a 2-core machine costs 80-250 ms per frame, even a frame with
    // nothing to redraw, and some 200 MB. A desktop with a GPU does not pay that, and this
    // test is about the window, not the test machine's GL: without compositing a frame
    // takes ~6 ms here. (The other window tests keep the default; screenshots of small
    // pages hang in WebKitWebDriver without compositing, so this test takes none.)
    let tauri_driver =
        TauriDriver::start(&[("WEBKIT_DISABLE_COMPOSITING_MODE", std::path::Path::new("1"))]);
    let driver = tauri_driver
        .open_app(&["--project", path_str(&project)])
        .await;
    driver
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(300)),
            None,
            None,
        ))
        .await
        .unwrap();
    wait_for(&driver, ".beads .bead", STARTUP).await;
    wait_for_texts(&driver, ".summary", STARTUP, |t| {
        t.first()
            .is_some_and(|s| s.starts_with(&format!("{BEADS} beads")))
    })
    .await;

    // The window's marks, read in one script once the first rows were painted.
    let marks: Value = run_async(
        &driver,
        "const done = arguments[arguments.length - 1];
         const read = () => {
           const open = performance.getEntriesByName('duizhao:open-to-rows', 'measure');
           if (open.length === 0) { setTimeout(read, 50); return; }
           const nav = performance.getEntriesByType('navigation')[0];
           done({
             openToRows: open[0].duration,
             openStart: open[0].startTime,
             rowsPainted: performance.getEntriesByName('duizhao:rows-painted', 'mark')[0].startTime,
             detail: open[0].detail,
             documentOpenMarks: performance.getEntriesByName('duizhao:document-open', 'mark').length,
             domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
             rendered: document.querySelectorAll('.beads .bead').length,
           });
         };
         read();",
        Vec::new(),
    )
    .await;
    eprintln!("PERF marks at open: {marks}");
    let open_ms = marks["openToRows"].as_f64().unwrap();
    let since = if marks["documentOpenMarks"].as_u64() == Some(0) {
        "the window's start (no document-open mark)"
    } else {
        "the document-open mark"
    };
    eprintln!("PERF first rows painted {open_ms:.0} ms after {since}");
    // Virtualised: a screenful of rows and the overscan, not 10,000.
    let rendered = marks["rendered"].as_u64().unwrap();
    assert!(rendered > 5 && rendered < 100, "{rendered} rows rendered");
    // Memory once the opening's garbage (the alignment's JSON text among it) had a moment.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (memory_open, _) = webview_memory(&tauri_driver, "after opening");

    // Scroll to the end in steps of three screens (beyond the overscan), checking in the
    // first animation frame after each scroll (after the scroll event, before paint) that
    // the list's viewport is covered by bead rows: no blank frame.
    // In rounds of at most 40 steps (one script each), so no WebDriver request runs long.
    let mut scrolled: Value;
    let mut memory_while_scrolling: Vec<f64> = Vec::new();
    loop {
        scrolled = run_async(
        &driver,
        &format!(
            "{PAGE_HELPERS}
             const done = arguments[arguments.length - 1];
             const header = list.querySelector('.bead-header');
             const gapOf = () => {{
               const box = list.getBoundingClientRect();
               const top = box.top + header.offsetHeight, bottom = box.top + list.clientHeight;
               const rects = Array.from(list.querySelectorAll('.bead')).map(e => e.getBoundingClientRect())
                 .filter(r => r.bottom > top && r.top < bottom).sort((a, b) => a.top - b.top);
               let y = top, gap = 0;
               for (const r of rects) {{ if (r.top > y + 1) gap = Math.max(gap, r.top - y); y = Math.max(y, r.bottom); }}
               if (y < bottom - 1) gap = Math.max(gap, bottom - y);
               return gap;
             }};
             (async () => {{
               if (!window.__scroll) {{
                 list.scrollTop = 0; await painted();
                 window.__scroll = {{ steps: 0, blank: 0, worst: 0, most: 0, stepTime: [], started: performance.now(), end: false }};
               }}
               const state = window.__scroll;
               // Three screens (beyond the overscan), or more so the end is at most ~300 steps away.
               const step = Math.max(list.clientHeight * 3, list.scrollHeight / 300);
               let {{ steps, blank, worst, most, stepTime, started }} = state;
               for (let round = 0; round < 40; round++) {{
                 const before = list.scrollTop;
                 const t = performance.now();
                 list.scrollTop = before + step;
                 await frame();
                 stepTime.push(performance.now() - t);
                 steps += 1;
                 const gap = gapOf();
                 if (gap > 0) {{ blank += 1; worst = Math.max(worst, gap); }}
                 most = Math.max(most, list.querySelectorAll('.bead').length);
                 await painted();
                 if (Math.abs(list.scrollTop - before) < 1 || steps > 20000) {{ state.end = true; break; }}
               }}
               Object.assign(state, {{ steps, blank, worst, most }});
               if (!state.end) {{ done({{ end: false, steps }}); return; }}
               const positions = Array.from(list.querySelectorAll('.bead')).map(e => Number(e.dataset.position));
               stepTime.sort((a, b) => a - b);
               done({{ end: true, steps, blank, worstGap: worst, mostRows: most, last: Math.max(...positions),
                       ms: performance.now() - started, frameP95: stepTime[Math.floor(stepTime.length * 0.95)],
                       scrollHeight: list.scrollHeight }});
             }})().catch(e => done({{ error: String(e) }}));"
        ),
        Vec::new(),
    )
    .await;
        // Sampled between rounds (every 40 steps): what the webview holds while scrolling.
        memory_while_scrolling.push(rss_mb(&tauri_driver));
        if scrolled["end"].as_bool() != Some(false) {
            break;
        }
    }
    eprintln!("PERF webview RSS while scrolling, every 40 steps (MB): {memory_while_scrolling:?}");
    eprintln!("PERF scroll to the end: {scrolled}");
    assert!(scrolled.get("error").is_none(), "{scrolled}");
    assert_eq!(
        scrolled["last"].as_u64(),
        Some(BEADS as u64 - 1),
        "{scrolled}"
    );
    assert!(scrolled["mostRows"].as_u64().unwrap() < 100, "{scrolled}");
    // (Blank frames are asserted at the end, with the other targets, so the edits are
    // measured and printed too.)

    // The keyboard still brings the selection into view: Home selects the first bead and
    // scrolls back to the top; End the last.
    let keys: Value = run_async(
        &driver,
        &format!(
            "{PAGE_HELPERS}
             const done = arguments[arguments.length - 1];
             (async () => {{
               key('Home');
               await until(() => visibleRows().some(e => e.dataset.position === '0' && e.classList.contains('selected')));
               const top = list.scrollTop;
               key('End');
               await until(() => visibleRows().some(e => e.dataset.position === '{last}' && e.classList.contains('selected')));
               done({{ top, end: list.scrollTop }});
             }})().catch(e => done({{ error: String(e) }}));",
            last = BEADS - 1
        ),
        Vec::new(),
    )
    .await;
    eprintln!("PERF keyboard Home/End: {keys}");
    // Scrolling leaves garbage that JavaScriptCore collects lazily: the RSS saw-tooths, and
    // its peak is asserted at the end, after the edits.
    let (memory_scrolled, _) = webview_memory(&tauri_driver, "after scrolling to the end and back");
    assert!(keys.get("error").is_none(), "{keys}");

    // Confirm 20 beads from the middle of the document: select a visible unconfirmed row,
    // mark the edit sent and press Enter; it counts once the row shows ✓ and the next
    // frame was painted. The window's own `duizhao:edit` measure is read beside it.
    let _: bool = run_async(
        &driver,
        &format!(
            "{PAGE_HELPERS}
             const done = arguments[arguments.length - 1];
             list.scrollTop = list.scrollHeight / 2;
             // A click on a row there selects it, so u goes on from the middle.
             until(() => rowsInView().length > 0).then(() => rowsInView()[0].click()).then(painted).then(() => done(true));"
        ),
        Vec::new(),
    )
    .await;
    let mut confirm = Vec::new();
    let mut confirm_dom = Vec::new();
    let mut confirmed_positions = Vec::new();
    let mut confirm_ipc = Vec::new();
    for _ in 0..EDITS {
        let result: Value = run_async(
            &driver,
            &format!(
                "{PAGE_HELPERS}
                 const done = arguments[arguments.length - 1];
                 (async () => {{
                   // As a translator does it: u selects the next unconfirmed bead (and scrolls it into view).
                   key('u');
                   await until(() => {{ const s = list.querySelector('.bead.selected');
                     return s && s.dataset.status !== 'confirmed' && rowsInView().includes(s); }});
                   const row = list.querySelector('.bead.selected');
                   const position = row.dataset.position;
                   const current = () => list.querySelector(`.bead[data-position='${{position}}']`);
                   await painted();
                   const sent = performance.mark('duizhao:edit-sent', {{ detail: {{ kind: 'confirm', position }} }}).startTime;
                   key('Enter');
                   const dom = await until(() => current()?.dataset.status === 'confirmed' && current().querySelector('.confirmed-mark'));
                   await painted();
                   const shown = performance.now();
                   await painted();
                   const own = performance.getEntriesByName('duizhao:edit', 'measure').filter(m => m.startTime >= sent);
                   // Where the time went: the IPC calls since the edit was sent (invoke → parsed result),
                   // the first being the edit's own; the others re-read after it.
                   const ipc = performance.getEntriesByName('duizhao:ipc', 'measure').filter(m => m.startTime >= sent)
                     .map(m => ({{ command: m.detail?.command, from: m.startTime - sent, ms: m.duration }}));
                   const ipcEnd = ipc.length ? ipc[0].from + ipc[0].ms : null; // the edit's own command, the first sent
                   done({{ position, dom: dom - sent, shown: shown - sent, own: own.length ? own[0].duration : null, ipc, ipcEnd }});
                 }})().catch(e => done({{ error: String(e) }}));"
            ),
            Vec::new(),
        )
        .await;
        assert!(result.get("error").is_none(), "{result}");
        confirm.push(result["shown"].as_f64().unwrap());
        confirm_dom.push(result["dom"].as_f64().unwrap());
        confirmed_positions.push(result["position"].as_str().unwrap().to_owned());
        eprintln!(
            "PERF confirm bead {}: shown {:.1} ms, row changed {:.1} ms, window's measure {}, IPC done at {} ms: {}",
            result["position"], result["shown"], result["dom"], result["own"], result["ipcEnd"], result["ipc"]
        );
        if let Some(end) = result["ipcEnd"].as_f64() {
            confirm_ipc.push(end);
        }
    }
    summary("confirm: sent → row changed (DOM)", &confirm_dom);
    let confirm_p95 = summary("confirm: sent → shown (painted)", &confirm);
    if !confirm_ipc.is_empty() {
        summary("confirm: sent → edit's IPC answered (parsed)", &confirm_ipc);
    }

    // Tag 20 names: select a person's name in the Chinese side of a visible row (as a mouse
    // drag leaves it), wait for the window to take the selection, mark the edit sent and
    // press the person type's number key; it counts once the row shows the accepted name
    // and the next frame was painted.
    let person_key: String = run(
        &driver,
        "return document.querySelector(\".type-chip[data-type='person'] kbd\").textContent",
        Vec::new(),
    )
    .await;
    let mut tag = Vec::new();
    let mut tag_dom = Vec::new();
    let mut tagged = Vec::new();
    let mut tag_ipc = Vec::new();
    for _ in 0..EDITS {
        let result: Value = run_async(
            &driver,
            &format!(
                "{PAGE_HELPERS}
                 const done = arguments[arguments.length - 1];
                 const [names, used, typeKey] = [arguments[0], arguments[1], arguments[2]];
                 (async () => {{
                   let el = null, name = null, row = null;
                   // A name in a row in view; if there is none, page down (as a user would).
                   for (let page = 0; page < 100 && !el; page++) {{
                     await until(() => rowsInView().length > 0);
                     for (const candidate of rowsInView()) {{
                       if (used.includes(candidate.dataset.position)) continue;
                       for (const text of candidate.querySelectorAll('.bead-zh .sentence-text')) {{
                         name = names.find(n => text.textContent.includes(n));
                         if (name) {{ el = text; row = candidate; break; }}
                       }}
                       if (el) break;
                     }}
                     if (!el) {{ key('PageDown'); await painted(); await painted(); }}
                   }}
                   const position = row.dataset.position;
                   const current = () => list.querySelector(`.bead[data-position='${{position}}']`);
                   const accepted = () => Array.from(current()?.querySelectorAll('.bead-zh .mention-accepted') ?? [])
                     .some(m => m.textContent === name && m.dataset.type === 'person');
                   const from = el.textContent.indexOf(name);
                   const point = n => {{ const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                     let node; while ((node = w.nextNode())) {{ if (n <= node.length) return [node, n]; n -= node.length; }} }};
                   const range = document.createRange();
                   range.setStart(...point(from)); range.setEnd(...point(from + name.length));
                   const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
                   el.dispatchEvent(new MouseEvent('mouseup', {{ bubbles: true, button: 0 }}));
                   // Waits shorter than the test, so a selection the window did not take is reported with what it saw.
                   await until(() => (document.querySelector('.pending-line')?.textContent ?? '').includes(name), 5000).catch(() => {{
                     throw new Error('the window did not take the selection: ' + JSON.stringify({{ name, position, selection: String(window.getSelection()),
                       pending: document.querySelector('.pending-line')?.textContent ?? null, status: document.querySelector('.status')?.textContent ?? null,
                       sentence: el.outerHTML.slice(0, 2000) }}));
                   }});
                   await painted();
                   const sent = performance.mark('duizhao:edit-sent', {{ detail: {{ kind: 'tag', position }} }}).startTime;
                   key(typeKey);
                   const dom = await until(accepted);
                   await painted();
                   const shown = performance.now();
                   await painted();
                   const own = performance.getEntriesByName('duizhao:edit', 'measure').filter(m => m.startTime >= sent);
                   // Where the time went: the IPC calls since the edit was sent (invoke → parsed result),
                   // the first being the edit's own; the others re-read after it.
                   const ipc = performance.getEntriesByName('duizhao:ipc', 'measure').filter(m => m.startTime >= sent)
                     .map(m => ({{ command: m.detail?.command, from: m.startTime - sent, ms: m.duration }}));
                   const ipcEnd = ipc.length ? ipc[0].from + ipc[0].ms : null; // the edit's own command, the first sent
                   done({{ position, name, dom: dom - sent, shown: shown - sent, own: own.length ? own[0].duration : null, ipc, ipcEnd }});
                 }})().catch(e => done({{ error: String(e) }}));"
            ),
            vec![
                json!(["张伟", "王芳", "李娜", "𠮷田", "刘洋", "陈静", "赵磊", "周敏"]),
                json!(tagged),
                json!(person_key),
            ],
        )
        .await;
        assert!(result.get("error").is_none(), "{result}");
        tag.push(result["shown"].as_f64().unwrap());
        tag_dom.push(result["dom"].as_f64().unwrap());
        tagged.push(result["position"].as_str().unwrap().to_owned());
        eprintln!(
            "PERF tag {} in bead {}: shown {:.1} ms, name shown {:.1} ms, window's measure {}, IPC done at {} ms: {}",
            result["name"], result["position"], result["shown"], result["dom"], result["own"], result["ipcEnd"], result["ipc"]
        );
        if let Some(end) = result["ipcEnd"].as_f64() {
            tag_ipc.push(end);
        }
    }
    summary("tag: sent → name shown (DOM)", &tag_dom);
    let tag_p95 = summary("tag: sent → shown (painted)", &tag);
    if !tag_ipc.is_empty() {
        summary("tag: sent → edit's IPC answered (parsed)", &tag_ipc);
    }

    let (memory_end, _) = webview_memory(&tauri_driver, "after scrolling and 40 edits");
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (memory_idle, memory_peak) = webview_memory(&tauri_driver, "5 s later");
    driver.quit().await.unwrap();
    drop(tauri_driver);

    // Persisted: the project holds the 20 confirmations and the 20 accepted names.
    let beads = duizhao_ok(&["beads", path_str(&project), "1"]);
    let confirmed = beads
        .lines()
        .filter(|l| l.split('\t').nth(1) == Some("confirmed"))
        .count();
    assert_eq!(confirmed, EDITS, "confirmed beads in the project");
    let accepted = duizhao_ok(&[
        "mention",
        "list",
        path_str(&project),
        "1",
        "--status",
        "accepted",
    ]);
    let people = accepted
        .lines()
        .filter(|l| l.split('\t').nth(5) == Some("person"))
        .count();
    assert_eq!(people, EDITS, "{accepted}");

    // The targets (debug builds: looser time bounds, see DEBUG_SLACK).
    let edit_bound = EDIT_P95_MS * DEBUG_SLACK;
    eprintln!(
        "PERF summary ({} build): first rows {open_ms:.0} ms (target {FIRST_ROWS_MS:.0}), \
         confirm p95 {confirm_p95:.1} ms, tag p95 {tag_p95:.1} ms (target {EDIT_P95_MS:.0}, asserted {edit_bound:.0}), \
         webview RSS {memory_open:.0} MB after opening, {memory_scrolled:.0} MB after scrolling, \
         {memory_end:.0} MB after the edits, {memory_idle:.0} MB 5 s later, peak {memory_peak:.0} MB (target {WEBVIEW_MB:.0})",
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    // Asserted last, so that every other number is measured and printed first.
    assert_eq!(
        scrolled["blank"].as_u64(),
        Some(0),
        "blank frames: {scrolled}"
    );
    let open_bound = FIRST_ROWS_MS * DEBUG_SLACK;
    assert!(
        open_ms < open_bound,
        "first rows after {open_ms:.0} ms (bound {open_bound:.0} ms)"
    );
    // The webview's memory is held to the target at every instant: its peak RSS
    // (VmHWM) over opening, scrolling through the whole document and the edits.
    assert!(
        memory_peak < WEBVIEW_MB,
        "webview peak RSS {memory_peak:.0} MB; {memory_open:.0} MB after opening, \
         {memory_while_scrolling:?} MB while scrolling, {memory_scrolled:.0} MB after it, \
         {memory_end:.0} MB after the edits"
    );
    assert!(
        confirm_p95 < edit_bound,
        "confirm p95 {confirm_p95:.1} ms (bound {edit_bound:.0} ms)"
    );
    assert!(
        tag_p95 < edit_bound,
        "tag p95 {tag_p95:.1} ms (bound {edit_bound:.0} ms)"
    );
}
