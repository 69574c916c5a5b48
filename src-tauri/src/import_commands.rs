//! The import commands: the window's way in for a Chinese file and its English translation.
//!
//! - `inspect_source(path, encoding?)` reads one file and decodes it (detecting the encoding,
//!   or with the one the user chose) without storing anything, so the window can show the
//!   encoding, whether detection was sure of it, and the first lines before the user imports.
//! - `import_document(zhPath, enPath, zhEncoding?, enEncoding?, title?, kind, onProgress)`
//!   reads, decodes and segments both files, stores them as one document (one transaction:
//!   a refused file stores nothing), then aligns it with its span-link suggestions and stores
//!   its mention suggestions, as the first-run sample is, so it opens ready to check. Each
//!   step is announced on `onProgress`, a Tauri channel the window creates for the call
//!   (channels need no capability, unlike listening to app events). The project is locked
//!   only from the storing step on: reading and segmenting a long file leave the window's
//!   other commands free.
//!
//! **Arguments.** Paths are absolute, one line, at most 4,096 characters, and the two files
//! are not the same file; that a path exists, is a regular file and is at most 64 MiB is
//! checked by `duizhao_store::files::read_source`, whose errors name the file. Encodings are
//! one of `duizhao_core::IMPORT_ENCODINGS` (any case), blank or absent meaning "detect".
//! The title is one line of at most 500 characters, blank or absent meaning "from the first
//! lines of the texts"; `kind` is `statement`, `notice`, `evidence` or `other`. A file that
//! cannot be imported (empty, binary, only white space, not valid in the chosen encoding) is
//! a `bad_source` error whose message starts with the file's path.

use std::path::{Path, PathBuf};

use duizhao_core::align::Aligner;
use duizhao_core::{decode, IMPORT_ENCODINGS};
use duizhao_store::files::read_source;
use duizhao_store::ingest::{prepare_import, ImportRequest, ImportSource, ImportStage as Prepare};
use duizhao_store::{DocumentId, DocumentKind, Project, StoreError};
use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{DocumentSummary, ImportProgress, ImportStage, SourceFileInfo};
use crate::error::IpcError;
use crate::{AppState, ACTOR};

/// How much of a file `inspect_source` shows, in characters.
const PREVIEW_CHARS: usize = 300;
/// The longest title, in characters.
const MAX_TITLE: usize = 500;
/// The longest path, in characters.
const MAX_PATH: usize = 4_096;

/// Reads and decodes one file for the import dialog; stores nothing.
#[tauri::command(async)]
pub fn inspect_source(path: String, encoding: Option<String>) -> Result<SourceFileInfo, IpcError> {
    let path = source_path("path", &path)?;
    let encoding = encoding_label("encoding", encoding.as_deref())?;
    let bytes = read_source(&path)?;
    let name = path.display().to_string();
    let decoded = decode(&bytes, encoding).map_err(|error| bad_source(&name, error))?;
    if decoded.text.trim().is_empty() {
        return Err(bad_source(&name, "the file has no text, only white space"));
    }
    let preview: String = decoded.text.chars().take(PREVIEW_CHARS).collect();
    Ok(SourceFileInfo {
        file_name: file_name(&path),
        path: name,
        bytes: bytes.len() as u64,
        encoding_certain: !decoded.detected || decoded.had_bom || decoded.encoding == "UTF-8",
        encoding_forced: !decoded.detected,
        detected_encoding: decoded.encoding,
        preview_truncated: preview.len() < decoded.text.len(),
        preview,
        lines: decoded.text.lines().count(),
        encodings: IMPORT_ENCODINGS.iter().map(|e| (*e).to_owned()).collect(),
    })
}

/// Imports `zhPath` and `enPath` as one document, aligns it and suggests its mentions;
/// returns the new document's line of the document list.
#[tauri::command(async)]
#[allow(clippy::too_many_arguments)]
pub fn import_document(
    state: State<'_, AppState>,
    zh_path: String,
    en_path: String,
    zh_encoding: Option<String>,
    en_encoding: Option<String>,
    title: Option<String>,
    kind: String,
    on_progress: Channel<ImportProgress>,
) -> Result<DocumentSummary, IpcError> {
    let args = ImportArgs::check(
        &zh_path,
        &en_path,
        zh_encoding.as_deref(),
        en_encoding.as_deref(),
        title.as_deref(),
        &kind,
    )?;
    run_import(&state, args, |stage| {
        // A window that went away mid-import does not stop the import.
        let _ = on_progress.send(stage.progress());
    })
}

/// `import_document`'s arguments, checked.
#[derive(Debug)]
struct ImportArgs {
    zh: PathBuf,
    en: PathBuf,
    zh_encoding: Option<&'static str>,
    en_encoding: Option<&'static str>,
    title: Option<String>,
    kind: DocumentKind,
}

impl ImportArgs {
    fn check(
        zh_path: &str,
        en_path: &str,
        zh_encoding: Option<&str>,
        en_encoding: Option<&str>,
        title: Option<&str>,
        kind: &str,
    ) -> Result<Self, IpcError> {
        let zh = source_path("zhPath", zh_path)?;
        let en = source_path("enPath", en_path)?;
        if same_file(&zh, &en) {
            return Err(IpcError::invalid_argument(
                "enPath",
                format!(
                    "{} is also the Chinese file (choose the translation)",
                    en.display()
                ),
            ));
        }
        Ok(Self {
            zh,
            en,
            zh_encoding: encoding_label("zhEncoding", zh_encoding)?,
            en_encoding: encoding_label("enEncoding", en_encoding)?,
            title: document_title(title)?,
            kind: kind
                .parse()
                .map_err(|e: StoreError| IpcError::invalid_argument("kind", e))?,
        })
    }
}

/// Runs an import, calling `report` as each stage begins.
fn run_import(
    state: &AppState,
    args: ImportArgs,
    mut report: impl FnMut(ImportStage),
) -> Result<DocumentSummary, IpcError> {
    report(ImportStage::Reading);
    let zh_bytes = read_source(&args.zh)?;
    let en_bytes = read_source(&args.en)?;
    let (zh_name, en_name) = (args.zh.display().to_string(), args.en.display().to_string());
    let request = ImportRequest {
        title: args.title,
        kind: args.kind,
        source: None,
        zh: ImportSource::new(&zh_bytes, &zh_name).with_encoding(args.zh_encoding.map(Into::into)),
        en: ImportSource::new(&en_bytes, &en_name).with_encoding(args.en_encoding.map(Into::into)),
    };
    let segmenter = state.segmenter();
    let prepared = prepare_import(segmenter, request, |stage| {
        report(match stage {
            Prepare::Decoding => ImportStage::Decoding,
            Prepare::Segmenting => ImportStage::Segmenting,
        })
    })?;
    report(ImportStage::Storing);
    state.with_project(|project| {
        let document = prepared.store(project, ACTOR)?;
        // The document is stored: a failure from here on leaves it imported (the window
        // aligns a document without an alignment when it opens it), and says so.
        report(ImportStage::Aligning);
        project
            .align_with_links(document, ACTOR, &Aligner::new(segmenter), false)
            .map_err(|e| after_import(document, "aligning it", e))?;
        report(ImportStage::Suggesting);
        project
            .suggest_mentions(document, ACTOR)
            .map_err(|e| after_import(document, "suggesting its mentions", e))?;
        summary(project, document)
    })
}

fn summary(project: &Project, document: DocumentId) -> Result<DocumentSummary, IpcError> {
    project
        .list_documents()?
        .into_iter()
        .find(|d| d.id == document)
        .map(DocumentSummary::from)
        .ok_or_else(|| {
            IpcError::new(
                "not_found",
                format!("document {} is not in the project", document.0),
            )
        })
}

fn after_import(document: DocumentId, what: &str, error: StoreError) -> IpcError {
    IpcError::new(
        error.code(),
        format!(
            "document {} was imported, but {what} failed: {error}",
            document.0
        ),
    )
}

fn bad_source(name: &str, detail: impl ToString) -> IpcError {
    StoreError::BadSource {
        name: name.to_owned(),
        detail: detail.to_string(),
    }
    .into()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A path argument: one line, not blank, absolute, at most `MAX_PATH` characters.
fn source_path(field: &str, value: &str) -> Result<PathBuf, IpcError> {
    if value.trim().is_empty() {
        return Err(IpcError::invalid_argument(field, "no file given"));
    }
    if value.len() > MAX_PATH && value.chars().count() > MAX_PATH {
        return Err(IpcError::invalid_argument(
            field,
            format!("the path is longer than {MAX_PATH} characters"),
        ));
    }
    if value.contains(['\n', '\r', '\0']) {
        return Err(IpcError::invalid_argument(
            field,
            "a path is one line, without NUL",
        ));
    }
    let path = PathBuf::from(value);
    if !path.is_absolute() {
        return Err(IpcError::invalid_argument(
            field,
            format!("`{value}` is not an absolute path"),
        ));
    }
    Ok(path)
}

/// Whether two paths name one file (compared as given when either cannot be resolved).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// An encoding argument: absent or blank → detect; otherwise one of the import encodings.
fn encoding_label(field: &str, value: Option<&str>) -> Result<Option<&'static str>, IpcError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    IMPORT_ENCODINGS
        .iter()
        .find(|label| label.eq_ignore_ascii_case(value))
        .map(|label| Some(*label))
        .ok_or_else(|| {
            let shown: String = value.chars().take(40).collect();
            IpcError::invalid_argument(
                field,
                format!(
                    "`{shown}` is not an encoding Duizhao imports (expected one of {})",
                    IMPORT_ENCODINGS.join(", ")
                ),
            )
        })
}

/// The title argument: absent or blank → from the texts; otherwise one line of at most
/// `MAX_TITLE` characters, trimmed.
fn document_title(value: Option<&str>) -> Result<Option<String>, IpcError> {
    let Some(title) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if title.chars().count() > MAX_TITLE {
        return Err(IpcError::invalid_argument(
            "title",
            format!("longer than {MAX_TITLE} characters"),
        ));
    }
    if title.contains(['\n', '\r']) {
        return Err(IpcError::invalid_argument("title", "must be one line"));
    }
    Ok(Some(title.to_owned()))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use encoding_rs::{GBK, WINDOWS_1252};
    use serde_json::{json, Value};
    use tauri::test::MockRuntime;
    use tauri::WebviewWindow;

    use super::{run_import, ImportArgs};
    use crate::dto::ImportStage;
    use crate::test_support::{app, expect_error, invoke};
    use crate::AppState;
    use duizhao_store::Project;

    type Window = WebviewWindow<MockRuntime>;

    const ZH: &str = "通知\n\n我们明天上午九点在北京开会。会议由王明主持，请准时到场。\n";
    const EN: &str = "Notice\n\nWe meet in Beijing at nine tomorrow morning. \
                      Wang Ming will chair the meeting; please be on time, said Ms. Pérez.\n";

    /// `text` encoded in `encoding`, written to `dir/name`.
    fn write(
        dir: &Path,
        name: &str,
        encoding: &'static encoding_rs::Encoding,
        text: &str,
    ) -> PathBuf {
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

    /// An empty project in `dir`, on the mock app.
    fn empty_app(dir: &Path) -> (tauri::App<MockRuntime>, Window) {
        app(AppState::new(Ok(
            Project::create(dir.join("p.duizhao")).unwrap()
        )))
    }

    fn import_args(zh: &Path, en: &Path) -> Value {
        json!({
            "zhPath": zh, "enPath": en, "kind": "notice",
            "onProgress": "__CHANNEL__:4242",
        })
    }

    fn documents(window: &Window) -> Value {
        invoke(window, "list_documents", json!({})).unwrap()
    }

    #[test]
    fn a_gbk_file_and_a_windows_1252_file_are_inspected_then_imported_aligned_and_suggested() {
        let dir = tempfile::tempdir().unwrap();
        let zh = write(dir.path(), "notice.zh.txt", GBK, ZH);
        let en = write(dir.path(), "notice.en.txt", WINDOWS_1252, EN);
        let (_app, window) = empty_app(dir.path());

        let info = invoke(&window, "inspect_source", json!({ "path": zh })).unwrap();
        assert_eq!(info["path"], zh.display().to_string());
        assert_eq!(info["fileName"], "notice.zh.txt");
        assert_eq!(info["bytes"], std::fs::metadata(&zh).unwrap().len());
        assert_eq!(info["detectedEncoding"], "GBK");
        assert_eq!(info["encodingCertain"], false, "GBK is a guess");
        assert_eq!(info["encodingForced"], false);
        assert_eq!(info["preview"], ZH);
        assert_eq!(info["previewTruncated"], false);
        assert_eq!(info["lines"], 3);
        assert!(info["encodings"]
            .as_array()
            .unwrap()
            .contains(&json!("windows-1252")));
        let info = invoke(&window, "inspect_source", json!({ "path": en })).unwrap();
        assert_eq!(info["detectedEncoding"], "windows-1252");
        assert!(info["preview"].as_str().unwrap().contains("Pérez"));

        // Choosing an encoding re-reads the file with it: gb18030 reads GBK bytes the same.
        let info = invoke(
            &window,
            "inspect_source",
            json!({ "path": zh, "encoding": "GB18030" }),
        )
        .unwrap();
        assert_eq!(info["detectedEncoding"], "gb18030");
        assert_eq!(info["encodingForced"], true);
        assert_eq!(info["preview"], ZH);
        // A UTF-8 file is certain.
        let utf8 = dir.path().join("utf8.txt");
        std::fs::write(&utf8, "对照\n".repeat(200)).unwrap();
        let info = invoke(&window, "inspect_source", json!({ "path": utf8 })).unwrap();
        assert_eq!(info["detectedEncoding"], "UTF-8");
        assert_eq!(info["encodingCertain"], true);
        assert_eq!(info["previewTruncated"], true);
        assert_eq!(info["preview"].as_str().unwrap().chars().count(), 300);
        assert_eq!(info["lines"], 200);

        let summary = invoke(&window, "import_document", import_args(&zh, &en)).unwrap();
        assert_eq!(summary["title"], "通知 / Notice");
        assert_eq!(summary["kind"], "notice");
        assert_eq!(summary["zhSentences"], 3);
        assert_eq!(summary["enSentences"], 3);
        assert_eq!(documents(&window), json!([summary.clone()]));

        // Stored with the encodings detected, aligned with link suggestions, and mentions
        // suggested: it opens ready.
        let view = invoke(&window, "get_document", json!({ "id": summary["id"] })).unwrap();
        let texts = view["texts"].as_array().unwrap();
        assert_eq!(texts[0]["encoding"], "GBK");
        assert_eq!(texts[0]["encodingDetected"], true);
        assert_eq!(texts[0]["originalName"], "notice.zh.txt");
        assert_eq!(texts[1]["encoding"], "windows-1252");
        assert_eq!(
            texts[1]["sentences"][2]["text"],
            "Wang Ming will chair the meeting; please be on time, said Ms. Pérez."
        );
        let alignment = invoke(
            &window,
            "get_alignment",
            json!({ "documentId": summary["id"] }),
        )
        .unwrap();
        let beads = alignment["beads"].as_array().unwrap();
        assert_eq!(beads[0]["zh"][0]["text"], "通知");
        assert_eq!(beads[0]["en"][0]["text"], "Notice");
        let history = invoke(&window, "history", json!({ "limit": 10 })).unwrap();
        let actions: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions.last(), Some(&"import_document"));
        assert!(actions.contains(&"align_document"), "{actions:?}");
        assert!(actions.contains(&"store_suggestions"), "{actions:?}");
        let mentions = invoke(
            &window,
            "list_mentions",
            json!({ "documentId": summary["id"] }),
        )
        .unwrap();
        assert!(
            !mentions.as_array().unwrap().is_empty(),
            "北京 and 王明 are suggested"
        );

        // Chosen encodings and a title: stored as chosen.
        let mut args = import_args(&zh, &en);
        args["zhEncoding"] = json!("gbk");
        args["enEncoding"] = json!("windows-1252");
        args["title"] = json!("  Meeting notice  ");
        args["kind"] = json!("evidence");
        let second = invoke(&window, "import_document", args).unwrap();
        assert_eq!(second["title"], "Meeting notice");
        assert_eq!(second["kind"], "evidence");
        let view = invoke(&window, "get_document", json!({ "id": second["id"] })).unwrap();
        assert_eq!(view["texts"][0]["encodingDetected"], false);
        assert_eq!(view["texts"][1]["encodingDetected"], false);
        assert_eq!(documents(&window).as_array().unwrap().len(), 2);
    }

    #[test]
    fn the_stages_are_reported_in_order_and_stop_where_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let zh = write(dir.path(), "zh.txt", GBK, ZH);
        let en = write(dir.path(), "en.txt", WINDOWS_1252, EN);
        let png = dir.path().join("scan.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let state = AppState::new(Ok(Project::create(dir.path().join("p.duizhao")).unwrap()));

        let mut stages = Vec::new();
        let args = ImportArgs::check(
            zh.to_str().unwrap(),
            en.to_str().unwrap(),
            None,
            None,
            None,
            "statement",
        )
        .unwrap();
        run_import(&state, args, |s| stages.push(s)).unwrap();
        assert_eq!(stages, ImportStage::ALL);
        let progress: Vec<_> = stages.iter().map(|s| s.progress()).collect();
        assert_eq!(
            serde_json::to_value(progress[0]).unwrap(),
            json!({ "stage": "reading", "step": 1, "total": 6 })
        );
        assert_eq!(progress[5].step, 6);

        let mut stages = Vec::new();
        let args = ImportArgs::check(
            zh.to_str().unwrap(),
            png.to_str().unwrap(),
            None,
            None,
            None,
            "statement",
        )
        .unwrap();
        let error = run_import(&state, args, |s| stages.push(s)).unwrap_err();
        assert_eq!(error.code, "bad_source");
        assert!(error.message.contains("scan.png"), "{error}");
        assert_eq!(stages, [ImportStage::Reading, ImportStage::Decoding]);
    }

    #[test]
    fn refused_files_are_errors_naming_the_file_and_nothing_is_imported() {
        let dir = tempfile::tempdir().unwrap();
        let zh = write(dir.path(), "notice.zh.txt", GBK, ZH);
        let en = write(dir.path(), "notice.en.txt", WINDOWS_1252, EN);
        let (_app, window) = empty_app(dir.path());
        invoke(&window, "import_document", import_args(&zh, &en)).unwrap();
        let before = documents(&window);
        let history = invoke(&window, "history", json!({ "limit": 100 })).unwrap();

        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, b"").unwrap();
        let blank = dir.path().join("blank.txt");
        std::fs::write(&blank, b"  \n\n\t\n").unwrap();
        let png = dir.path().join("scan.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
        let gbk_copy = write(dir.path(), "gbk-copy.txt", GBK, ZH);
        let missing = dir.path().join("missing.txt");
        let huge = dir.path().join("huge.txt");
        // Sparse: larger than the limit on paper, no disk and never read.
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(duizhao_core::MAX_IMPORT_BYTES + 1)
            .unwrap();

        let cases: [(&Path, Option<&str>, &str, &str); 7] = [
            (&empty, None, "bad_source", "the file is empty"),
            (&blank, None, "bad_source", "only white space"),
            (&png, None, "bad_source", "a PNG image"),
            // A GBK file read as UTF-8: where it breaks, by byte and line (通知 happens to be
            // valid UTF-8 too; the blank line's next byte is not).
            (
                &gbk_copy,
                Some("utf-8"),
                "bad_source",
                "not valid UTF-8 at byte 6 (line 3)",
            ),
            (&missing, None, "not_found", "does not exist"),
            (&huge, None, "too_large", "too large"),
            (dir.path(), None, "invalid", "is a folder"),
        ];
        for (bad, encoding, code, words) in cases {
            let name = bad.display().to_string();
            // Inspecting it says so …
            let error = invoke(
                &window,
                "inspect_source",
                json!({ "path": bad, "encoding": encoding }),
            )
            .unwrap_err();
            expect_error(&error, code, words);
            expect_error(&error, code, &name);
            // … and importing it, as either language, too; nothing is stored.
            for (zh_file, en_file, zh_enc, en_enc) in [
                (bad, en.as_path(), encoding, None),
                (zh.as_path(), bad, None, encoding),
            ] {
                let mut args = import_args(zh_file, en_file);
                args["zhEncoding"] = json!(zh_enc);
                args["enEncoding"] = json!(en_enc);
                let error = invoke(&window, "import_document", args).unwrap_err();
                expect_error(&error, code, words);
                expect_error(&error, code, &name);
            }
        }
        assert_eq!(documents(&window), before);
        assert_eq!(
            invoke(&window, "history", json!({ "limit": 100 })).unwrap(),
            history
        );
    }

    #[test]
    fn arguments_are_checked_before_any_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let zh = write(dir.path(), "zh.txt", GBK, ZH);
        let en = write(dir.path(), "en.txt", WINDOWS_1252, EN);
        let (_app, window) = empty_app(dir.path());
        let with = |field: &str, value: Value| {
            let mut args = import_args(&zh, &en);
            args[field] = value;
            args
        };
        for (args, field, words) in [
            (
                with("zhPath", json!("relative/zh.txt")),
                "zhPath",
                "not an absolute path",
            ),
            (with("enPath", json!("")), "enPath", "no file given"),
            (
                with("enPath", json!(format!("{}\nx", en.display()))),
                "enPath",
                "one line",
            ),
            (
                with("zhPath", json!(format!("/{}", "a".repeat(5000)))),
                "zhPath",
                "longer than",
            ),
            (with("enPath", json!(zh)), "enPath", "also the Chinese file"),
            (
                with("zhEncoding", json!("ebcdic")),
                "zhEncoding",
                "expected one of utf-8",
            ),
            (
                with("enEncoding", json!("iso-2022-kr")),
                "enEncoding",
                "not an encoding",
            ),
            (
                with("kind", json!("memo")),
                "kind",
                "expected statement, notice",
            ),
            (
                with("title", json!("x".repeat(501))),
                "title",
                "longer than 500",
            ),
            (with("title", json!("two\nlines")), "title", "one line"),
        ] {
            let error = invoke(&window, "import_document", args).unwrap_err();
            expect_error(&error, "invalid_argument", field);
            expect_error(&error, "invalid_argument", words);
        }
        for (args, field) in [
            (json!({ "path": "notice.txt" }), "path"),
            (json!({ "path": zh, "encoding": "shift_jis" }), "encoding"),
        ] {
            let error = invoke(&window, "inspect_source", args).unwrap_err();
            expect_error(&error, "invalid_argument", field);
        }
        // A title of exactly 500 characters, and encodings in any case, are fine.
        let mut args = with("title", json!("标".repeat(500)));
        args["zhEncoding"] = json!("GBK");
        args["enEncoding"] = json!(" Windows-1252 ");
        invoke(&window, "import_document", args).unwrap();
        assert_eq!(documents(&window).as_array().unwrap().len(), 1);
    }

    #[test]
    fn the_window_may_open_a_file_dialog_and_no_other() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = empty_app(dir.path());
        for command in [
            "plugin:dialog|save",
            "plugin:dialog|message",
            "plugin:fs|read_file",
        ] {
            let error = invoke(&window, command, json!({})).unwrap_err();
            let text = error.to_string();
            assert!(text.contains("not allowed"), "{command}: {text}");
        }
        // `open` passes the ACL (the mock app has no dialog plugin to answer it).
        let error = invoke(&window, "plugin:dialog|open", json!({ "options": {} })).unwrap_err();
        assert_eq!(error, json!("plugin dialog not found"));
    }
}
