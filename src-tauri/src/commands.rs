//! The IPC commands. Each one validates its arguments, locks the project, calls the store
//! and converts the result into a DTO; errors cross as `{code, message}`.

use duizhao_store::DocumentId;
use tauri::State;

use crate::dto::{DocumentSummary, DocumentView, ProjectInfo};
use crate::error::IpcError;
use crate::AppState;

#[tauri::command(async)]
pub fn project_info(state: State<'_, AppState>) -> Result<ProjectInfo, IpcError> {
    state.with_project(|project| {
        Ok(ProjectInfo {
            path: project.path().display().to_string(),
            schema_version: project.schema_version()?,
            document_count: project.list_documents()?.len(),
        })
    })
}

#[tauri::command(async)]
pub fn list_documents(state: State<'_, AppState>) -> Result<Vec<DocumentSummary>, IpcError> {
    state.with_project(|project| {
        Ok(project
            .list_documents()?
            .into_iter()
            .map(DocumentSummary::from)
            .collect())
    })
}

#[tauri::command(async)]
pub fn get_document(state: State<'_, AppState>, id: i64) -> Result<DocumentView, IpcError> {
    if id <= 0 {
        return Err(IpcError::invalid_argument(
            "id",
            format!("{id} is not a document id (ids start at 1)"),
        ));
    }
    state.with_project(|project| Ok(DocumentView::from(project.document(DocumentId(id))?)))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::{App, WebviewWindow, WebviewWindowBuilder};

    use crate::error::IpcError;
    use crate::{context, launch, with_commands, AppState};

    fn app(state: AppState) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
        let app = with_commands(mock_builder())
            .manage(state)
            .build(context())
            .expect("the app builds on the mock runtime");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("the main window opens");
        (app, window)
    }

    fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
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

    fn sample_state(dir: &std::path::Path) -> AppState {
        AppState::new(launch::open_or_create_sample(dir))
    }

    #[test]
    fn lists_and_shows_the_sample_documents() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let info = invoke(&window, "project_info", json!({})).unwrap();
        assert_eq!(info["documentCount"], 2);
        assert!(info["path"].as_str().unwrap().ends_with("sample.duizhao"));

        let documents = invoke(&window, "list_documents", json!({})).unwrap();
        let first = &documents[0];
        assert!(first["zhSentences"].as_u64().unwrap() > 10);
        let view = invoke(&window, "get_document", json!({ "id": first["id"] })).unwrap();
        let texts = view["texts"].as_array().unwrap();
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0]["lang"], "zh");
        let sentence = &texts[0]["sentences"][0];
        assert_eq!(sentence["ordinal"], 0);
        assert!(!sentence["text"].as_str().unwrap().is_empty());
    }

    #[test]
    fn invalid_and_unknown_document_ids_are_errors_with_codes() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let error = invoke(&window, "get_document", json!({ "id": 0 })).unwrap_err();
        assert_eq!(error["code"], "invalid_argument");
        assert!(error["message"].as_str().unwrap().contains("id"));
        let error = invoke(&window, "get_document", json!({ "id": 987654 })).unwrap_err();
        assert_eq!(error["code"], "not_found");
        assert!(error["message"].as_str().unwrap().contains("987654"));
        // A wrong type never reaches the command; Tauri refuses it, naming the argument.
        let error = invoke(
            &window,
            "get_document",
            json!({ "id": "1; DROP TABLE texts" }),
        )
        .unwrap_err();
        assert!(error.to_string().contains("id"), "{error}");
    }

    #[test]
    fn a_project_that_failed_to_open_reports_why_on_every_command() {
        let (_app, window) = app(AppState::new(Err(IpcError::new(
            "not_a_project",
            "/tmp/x.duizhao is not an SQLite database",
        ))));
        for command in ["project_info", "list_documents"] {
            let error = invoke(&window, command, json!({})).unwrap_err();
            assert_eq!(error["code"], "not_a_project", "{command}");
        }
    }

    #[test]
    fn commands_not_granted_by_the_capability_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        assert!(invoke(
            &window,
            "plugin:fs|read_file",
            json!({ "path": "/etc/passwd" })
        )
        .is_err());
    }
}
