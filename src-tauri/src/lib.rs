//! The Tauri shell of Duizhao: it resolves which project file to open, builds the window and
//! exposes thin IPC commands over `duizhao-store`. No business rule lives here; commands
//! validate their arguments, call the store and convert the results to DTOs.

mod annotation_commands;
pub mod annotation_dto;
mod commands;
pub mod dto;
pub mod error;
mod import_commands;
pub mod launch;
#[cfg(test)]
mod test_support;
mod word_commands;

use std::sync::{Mutex, OnceLock};

use duizhao_core::Segmenter;
use duizhao_store::Project;
use error::IpcError;

/// The name the window's edits carry in the project's history.
pub const ACTOR: &str = "Duizhao desktop";

/// What the commands share: the open project, or why it could not be opened (the window
/// still starts and shows that message instead of dying before the user sees anything),
/// and the one segmenter the aligner uses, built when first needed (loading jieba's
/// dictionary takes a moment, and a window that only reads never needs it).
pub struct AppState {
    project: Result<Mutex<Project>, IpcError>,
    segmenter: OnceLock<Segmenter>,
}

impl AppState {
    pub fn new(project: Result<Project, IpcError>) -> Self {
        Self::with_segmenter(project, OnceLock::new())
    }

    /// With a segmenter slot that launch may already have filled (building the sample
    /// project on first run needs one), so the app never builds two.
    pub fn with_segmenter(
        project: Result<Project, IpcError>,
        segmenter: OnceLock<Segmenter>,
    ) -> Self {
        Self {
            project: project.map(Mutex::new),
            segmenter,
        }
    }

    fn segmenter(&self) -> &Segmenter {
        self.segmenter.get_or_init(Segmenter::new)
    }

    fn with_project<T>(
        &self,
        f: impl FnOnce(&mut Project) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let mutex = self.project.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave the SQLite file half-written (every
        // write is one transaction), so a poisoned lock is safe to keep using.
        let mut project = mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut project)
    }
}

/// Registers the commands on a builder; shared by `run` and the command tests.
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::project_info,
        commands::list_documents,
        commands::get_document,
        commands::get_alignment,
        commands::align_document,
        commands::realign,
        commands::confirm_bead,
        commands::merge_beads,
        commands::split_bead,
        commands::move_sentence,
        commands::split_sentence,
        commands::merge_sentences,
        commands::add_link,
        commands::accept_link,
        commands::remove_link,
        commands::undo,
        commands::redo,
        annotation_commands::annotation_schema,
        annotation_commands::list_entities,
        annotation_commands::get_entity,
        annotation_commands::list_mentions,
        annotation_commands::one_sided_mentions,
        annotation_commands::list_relations,
        annotation_commands::list_claims,
        annotation_commands::get_claim,
        annotation_commands::list_sources,
        annotation_commands::history,
        annotation_commands::add_entity_type,
        annotation_commands::add_relation_type,
        annotation_commands::create_entity,
        annotation_commands::update_entity,
        annotation_commands::add_alias,
        annotation_commands::remove_alias,
        annotation_commands::add_external_id,
        annotation_commands::remove_external_id,
        annotation_commands::merge_entities,
        annotation_commands::split_entity,
        annotation_commands::delete_entity,
        annotation_commands::add_mention,
        annotation_commands::set_mention_status,
        annotation_commands::set_mention_type,
        annotation_commands::link_mentions,
        annotation_commands::delete_mentions,
        annotation_commands::project_mentions,
        annotation_commands::suggest_mentions,
        annotation_commands::add_relation,
        annotation_commands::delete_relation,
        annotation_commands::add_relation_anchor,
        annotation_commands::remove_relation_anchor,
        annotation_commands::create_claim,
        annotation_commands::update_claim,
        annotation_commands::set_claim_status,
        annotation_commands::add_claim_anchor,
        annotation_commands::remove_claim_anchor,
        annotation_commands::add_claim_subject,
        annotation_commands::remove_claim_subject,
        annotation_commands::link_claims,
        annotation_commands::unlink_claims,
        annotation_commands::delete_claim,
        annotation_commands::add_source,
        annotation_commands::update_source,
        annotation_commands::delete_source,
        annotation_commands::link_evidence,
        annotation_commands::unlink_evidence,
        import_commands::inspect_source,
        import_commands::import_document,
        word_commands::gloss_sentence,
    ])
}

/// The app's configuration, embedded frontend and access-control list (from tauri.conf.json,
/// ui/dist and src-tauri/capabilities); one function so the command tests use the real ACL.
pub fn context<R: tauri::Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Starts the desktop app: `duizhao-desktop [--project PATH | PATH]`.
pub fn run() {
    let options = match launch::LaunchOptions::from_args(std::env::args_os().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("duizhao-desktop: {message}");
            eprintln!("usage: duizhao-desktop [--project PATH]");
            std::process::exit(2);
        }
    };
    // CC-CEDICT takes a moment to load; load it while the window starts, so the first
    // alignment the user asks for does not wait for it.
    let _ = std::thread::Builder::new()
        .name("preload-dictionary".into())
        .spawn(duizhao_core::align::preload_dictionary);
    let segmenter = OnceLock::new();
    let project = launch::open_project(&options, &segmenter);
    if let Err(error) = &project {
        eprintln!("duizhao-desktop: {}", error.message);
    }
    // The dialog plugin serves the import dialog's "Choose file…" (the capability grants its
    // `open` command only); the chosen path then goes to `inspect_source`/`import_document`.
    with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::with_segmenter(project, segmenter))
        .run(context())
        .unwrap_or_else(|error| {
            eprintln!("duizhao-desktop: the window could not start: {error}");
            std::process::exit(1);
        });
}
