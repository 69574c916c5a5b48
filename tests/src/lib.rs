//! Helpers shared by the end-to-end tests: where the built binaries and the corpus are,
//! running the `duizhao` CLI, and driving the real desktop window through tauri-driver
//! (which starts WebKitWebDriver, which starts the app).
//!
//! The binaries are built by `cargo build -p duizhao-desktop -p duizhao-cli` before these
//! tests run (.ci/test does it); a missing binary fails the test with that instruction.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;

/// The repository root (the tests crate lives in `tests/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// A path as a command-line argument; the tests only make UTF-8 paths.
pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

pub fn corpus(file: &str) -> PathBuf {
    repo_root().join("corpus").join(file)
}

/// target/debug (or the profile the tests were built with), found from the test binary's
/// own location: target/<profile>/deps/<test>.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    exe.parent()
        .and_then(Path::parent)
        .expect("test binaries live in target/<profile>/deps")
        .to_path_buf()
}

/// Path of a binary of this workspace, built beforehand.
pub fn binary(name: &str) -> PathBuf {
    let path = profile_dir().join(name);
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build -p duizhao-desktop -p duizhao-cli` first",
        path.display()
    );
    path
}

/// Runs `duizhao ARGS…` and returns its output (whatever the exit status).
pub fn duizhao(args: &[&str]) -> Output {
    Command::new(binary("duizhao"))
        .args(args)
        .output()
        .expect("the duizhao binary starts")
}

/// Runs `duizhao ARGS…`, asserting success, and returns its standard output.
pub fn duizhao_ok(args: &[&str]) -> String {
    let output = duizhao(args);
    assert!(
        output.status.success(),
        "duizhao {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("duizhao prints UTF-8")
}

/// The sentences of a corpus file as the CLI segments them.
pub fn corpus_sentences(file: &str, lang: &str) -> Vec<String> {
    let path = corpus(file);
    duizhao_ok(&["segment", "--lang", lang, path.to_str().unwrap()])
        .lines()
        .map(str::to_owned)
        .collect()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free loopback port")
}

/// A running tauri-driver on free loopback ports; stopped with SIGTERM on drop, because
/// only then does it also stop the WebKitWebDriver (and so the app) it started.
pub struct TauriDriver {
    child: Child,
    port: u16,
}

impl TauriDriver {
    /// Starts tauri-driver with extra environment for the app (e.g. XDG_DATA_HOME).
    pub fn start(env: &[(&str, &Path)]) -> Self {
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new("tauri-driver");
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command
            .spawn()
            .expect("tauri-driver is installed (cargo install tauri-driver --locked)");
        let driver = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// Opens a WebDriver session that starts the desktop app with `args`.
    pub async fn open_app(&self, args: &[&str]) -> WebDriver {
        let mut capabilities = Capabilities::new();
        capabilities
            .set(
                "tauri:options",
                json!({ "application": binary("duizhao-desktop"), "args": args }),
            )
            .expect("the capability serialises");
        // WebKitWebDriver, which tauri-driver starts, may not accept sessions for a moment
        // after tauri-driver itself listens; retry briefly instead of failing the test.
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut attempt = 0;
        loop {
            match WebDriver::new(&url, capabilities.clone()).await {
                Ok(driver) => return driver,
                Err(error) if attempt < 20 => {
                    attempt += 1;
                    eprintln!("session attempt {attempt} failed ({error}); retrying");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(error) => panic!("no WebDriver session with the app: {error}"),
            }
        }
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where the tests leave screenshots for a person to look at.
pub fn screenshot_dir() -> PathBuf {
    let dir = profile_dir()
        .parent()
        .expect("target/<profile> has a parent")
        .join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot directory can be created");
    dir
}

/// The rendered text (`innerText`) of every element matching `css`, read in ONE script call.
/// WebKitWebDriver's per-element text command fails now and then ("Could not parse element
/// text") when the DOM re-renders between finding an element and reading it; a script reads
/// the whole list atomically.
pub async fn texts(driver: &WebDriver, css: &str) -> Vec<String> {
    driver
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText)",
            vec![json!(css)],
        )
        .await
        .unwrap_or_else(|error| panic!("reading the texts of `{css}` failed: {error}"))
        .convert()
        .expect("innerText is a list of strings")
}

/// The value of attribute `name` on every element matching `css` (null where absent), read
/// in one script call.
pub async fn attributes(driver: &WebDriver, css: &str, name: &str) -> Vec<Option<String>> {
    driver
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1]))",
            vec![json!(css), json!(name)],
        )
        .await
        .unwrap_or_else(|error| panic!("reading `{name}` of `{css}` failed: {error}"))
        .convert()
        .expect("attributes are strings or null")
}

/// Polls [`texts`] of `css` until `ready` accepts them, and returns them; panics with the
/// last texts seen after `timeout`. What the window shows changes asynchronously (IPC,
/// re-render), so a test waits for the expected state instead of reading once.
pub async fn wait_for_texts(
    driver: &WebDriver,
    css: &str,
    timeout: Duration,
    ready: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let deadline = Instant::now() + timeout;
    loop {
        let now = texts(driver, css).await;
        if ready(&now) {
            return now;
        }
        if Instant::now() >= deadline {
            panic!(
                "`{css}` did not reach the expected state within {timeout:?}; last seen: {now:?}"
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits up to `timeout` for an element matching `css` and returns it.
pub async fn wait_for(driver: &WebDriver, css: &str, timeout: Duration) -> WebElement {
    driver
        .query(By::Css(css))
        .wait(timeout, Duration::from_millis(100))
        .first()
        .await
        .unwrap_or_else(|error| panic!("no element `{css}` appeared within {timeout:?}: {error}"))
}

/// Lines of a bead file: `[zh ids]:[en ids]`; returns the number of distinct zh and en ids.
pub fn gold_sentence_counts(align_file: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(repo_root().join("corpus/gold").join(align_file))
        .expect("the gold file exists");
    let mut zh = std::collections::BTreeSet::new();
    let mut en = std::collections::BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (left, right) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("bad bead line `{line}` in {align_file}"));
        for (side, set) in [(left, &mut zh), (right, &mut en)] {
            let inner = side.trim().trim_start_matches('[').trim_end_matches(']');
            for id in inner.split(',').filter(|s| !s.trim().is_empty()) {
                let id: usize = id.trim().parse().expect("bead ids are numbers");
                assert!(
                    set.insert(id),
                    "sentence {id} appears twice in {align_file}"
                );
            }
        }
    }
    for set in [&zh, &en] {
        if let Some(&max) = set.iter().next_back() {
            assert_eq!(max + 1, set.len(), "{align_file} skips a sentence id");
        }
    }
    (zh.len(), en.len())
}

/// The number of beads (non-empty lines) of a gold bead file in corpus/gold.
pub fn gold_bead_count(align_file: &str) -> usize {
    std::fs::read_to_string(repo_root().join("corpus/gold").join(align_file))
        .expect("the gold file exists")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

// ----- Large generated documents (the speed tests of the window, tests/tests/window_perf.rs) -----

/// A small deterministic generator (xorshift64*), so the generated texts never change.
struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A Chinese text and its English translation of `sentences` sentences each, five sentences
/// to a line: dated events with people (one of them 𠮷田, outside the Basic Multilingual
/// Plane), places, a company, and clauses of varying length so rows differ in height.
pub fn generated_parallel_texts(sentences: usize) -> (String, String) {
    const PEOPLE: [(&str, &str); 8] = [
        ("张伟", "Zhang Wei"),
        ("王芳", "Wang Fang"),
        ("李娜", "Li Na"),
        ("𠮷田", "Yoshida"),
        ("刘洋", "Liu Yang"),
        ("陈静", "Chen Jing"),
        ("赵磊", "Zhao Lei"),
        ("周敏", "Zhou Min"),
    ];
    const PLACES: [(&str, &str); 6] = [
        ("北京", "Beijing"),
        ("上海", "Shanghai"),
        ("广州", "Guangzhou"),
        ("深圳", "Shenzhen"),
        ("杭州", "Hangzhou"),
        ("成都", "Chengdu"),
    ];
    const ACTS: [(&str, &str); 5] = [
        ("签署了合同", "signed the contract"),
        ("召开了会议", "held a meeting"),
        ("转让了股份", "transferred the shares"),
        ("收到了付款", "received the payment"),
        ("提交了报告", "submitted the report"),
    ];
    const MORE: [(&str, &str); 4] = [
        ("", ""),
        ("，并通知了鑫源公司的董事会", " and informed the board of Xinyuan Company"),
        ("，随后返回了办公室", " and then returned to the office"),
        (
            "，会议持续了三个小时，双方就价格和交货时间进行了详细讨论",
            " and the meeting lasted three hours, with both sides discussing price and delivery time in detail",
        ),
    ];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut random = Xorshift(0x9e37_79b9_7f4a_7c15);
    let (mut zh, mut en) = (String::new(), String::new());
    for i in 0..sentences {
        let (person_zh, person_en) = random.pick(&PEOPLE);
        let (place_zh, place_en) = random.pick(&PLACES);
        let (act_zh, act_en) = random.pick(&ACTS);
        let (more_zh, more_en) = random.pick(&MORE);
        let year = 1990 + random.below(35);
        let month = 1 + random.below(12);
        let day = 1 + random.below(28);
        let item = i + 1;
        zh.push_str(&format!(
            "{year}年{month}月{day}日，{person_zh}在{place_zh}{act_zh}{more_zh}（第{item}条）。"
        ));
        en.push_str(&format!(
            "On {} {day}, {year}, {person_en} {act_en} in {place_en}{more_en} (item {item}).",
            MONTHS[month - 1]
        ));
        if item % 5 == 0 || item == sentences {
            zh.push('\n');
            en.push('\n');
        } else {
            en.push(' ');
        }
    }
    (zh, en)
}

/// A project holding one document of [`generated_parallel_texts`]`(sentences)`, imported,
/// aligned and with the suggester's mentions stored, all through the `duizhao` CLI. Aligning
/// 10,000 sentences takes a minute or two in a debug build, so the project is made once and
/// kept in target/e2e-fixtures (delete it to make it again); the caller copies it before
/// editing it.
pub fn generated_project(sentences: usize) -> PathBuf {
    // Bump the version when the generator or the steps change.
    const VERSION: u32 = 1;
    let dir = profile_dir()
        .parent()
        .expect("target/<profile> has a parent")
        .join("e2e-fixtures");
    std::fs::create_dir_all(&dir).expect("the fixture directory can be created");
    let project = dir.join(format!("generated-{sentences}-v{VERSION}.duizhao"));
    if project.is_file() {
        return project;
    }
    let work = tempfile::tempdir_in(&dir).expect("a temporary directory for the fixture");
    let (zh, en) = generated_parallel_texts(sentences);
    let (zh_file, en_file) = (work.path().join("zh.txt"), work.path().join("en.txt"));
    std::fs::write(&zh_file, zh).unwrap();
    std::fs::write(&en_file, en).unwrap();
    let making = work.path().join("project.duizhao");
    let started = Instant::now();
    duizhao_ok(&["init", path_str(&making)]);
    duizhao_ok(&[
        "import",
        path_str(&making),
        "--zh",
        path_str(&zh_file),
        "--en",
        path_str(&en_file),
        "--title",
        "Generated statement",
    ]);
    let imported = started.elapsed();
    let aligned = duizhao_ok(&["align", path_str(&making), "1"]);
    let aligned_in = started.elapsed() - imported;
    let suggested = duizhao_ok(&["suggest", path_str(&making), "1"]);
    eprintln!(
        "generated project of {sentences} sentences: import {imported:.1?}, align {aligned_in:.1?} ({}), suggest: {}",
        aligned.trim(),
        suggested.trim()
    );
    // Renamed into place only once complete, so a failed run leaves nothing to reuse.
    std::fs::rename(&making, &project).expect("the fixture is moved into place");
    project
}

impl TauriDriver {
    /// The process id of tauri-driver (the app and its web processes descend from it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

/// The processes descending from `ancestor` whose command line contains `name`, with their
/// resident set size and its peak (VmRSS, VmHWM, in bytes), read from /proc (Linux).
pub fn descendant_memory(ancestor: u32, name: &str) -> Vec<(u32, u64, u64)> {
    fn parent_of(pid: u32) -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
        let rest = &stat[stat.rfind(')')? + 2..];
        rest.split(' ').nth(1)?.parse().ok()
    }
    fn kib(status: &str, key: &str) -> u64 {
        status
            .lines()
            .find_map(|line| line.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
            * 1024
    }
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            continue;
        };
        if !String::from_utf8_lossy(&cmdline).contains(name) {
            continue;
        }
        let mut at = pid;
        let mut descends = false;
        for _ in 0..64 {
            match parent_of(at) {
                Some(parent) if parent == ancestor => {
                    descends = true;
                    break;
                }
                Some(parent) if parent > 1 => at = parent,
                _ => break,
            }
        }
        if descends {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            found.push((pid, kib(&status, "VmRSS:"), kib(&status, "VmHWM:")));
        }
    }
    found
}
