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
