//! What the command tests share: the app on Tauri's mock runtime with the real ACL, a way to
//! invoke a command as the window does, and the sample project.

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use crate::{context, launch, with_commands, AppState};

/// The app with every command registered and the real capability, and its main window.
pub(crate) fn app(state: AppState) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = with_commands(mock_builder())
        .manage(state)
        .build(context())
        .expect("the app builds on the mock runtime");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("the main window opens");
    (app, window)
}

/// Invokes a command from the main window: its JSON result, or the error it returned.
pub(crate) fn invoke(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("a JSON response"))
}

/// The sample project (both documents imported and aligned), made in `dir`.
pub(crate) fn sample_state(dir: &std::path::Path) -> AppState {
    AppState::new(launch::open_or_create_sample(
        dir,
        &std::sync::OnceLock::new(),
    ))
}

/// An IPC error with this code whose message says `words`.
pub(crate) fn expect_error(error: &Value, code: &str, words: &str) {
    assert_eq!(error["code"], code, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains(words),
        "{error}"
    );
}
