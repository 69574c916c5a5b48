//! Duizhao's project file: one SQLite file per project, holding documents, their immutable
//! text revisions with sentences and tokens, and the append-only history of every change.
//!
//! - [`Project`] opens, creates and migrates a project file and refuses anything else
//!   (other files, damaged files, files from a newer Duizhao) before writing to it.
//! - Every change goes through one transactional write path that also appends an event to
//!   the history (`project` module); [`Project::import_document`] is the first such change.
//! - A document's zh and en texts are aligned into beads with span links (`alignment`):
//!   [`Project::align_document`] stores an aligner's result, and the bead, link and sentence
//!   edits are each one undoable change; [`Project::undo`] and [`Project::redo`] replay their
//!   row-level records (`rows`).
//! - Queries return plain `Serialize` views; [`Project::check`] verifies the file and every
//!   stored span against its text.
//! - [`files::read_source`] reads a source file for import with the size limit applied;
//!   [`ingest::import_texts`] decodes, segments and stores a zh + en pair of files.
//!
//! This crate depends on `duizhao_core` for the domain types and on rusqlite; it knows nothing
//! of Tauri. Offsets are Unicode code points, start inclusive, end exclusive.

mod alignment;
mod check;
mod error;
pub mod files;
mod import;
pub mod ingest;
mod model;
mod packed;
mod project;
mod query;
mod rows;
pub mod schema;
mod undo;

#[cfg(test)]
mod tests;

pub use alignment::{
    ACTION_ACCEPT_LINK, ACTION_ADD_LINK, ACTION_ALIGN, ACTION_CONFIRM_BEAD, ACTION_MERGE_BEADS,
    ACTION_MERGE_SENTENCES, ACTION_MOVE_SENTENCE, ACTION_REALIGN, ACTION_REMOVE_LINK,
    ACTION_SPLIT_BEAD, ACTION_SPLIT_SENTENCE, ACTION_SUGGEST_LINKS, ACTION_UNCONFIRM_BEAD,
    EDIT_ACTIONS,
};
pub use error::StoreError;
pub use import::ACTION_IMPORT;
pub use model::{
    AlignmentId, AlignmentView, BeadId, BeadSentence, BeadStatus, BeadView, Change, CheckReport,
    Direction, DocumentId, DocumentKind, DocumentSummary, DocumentView, EventId, EventRow, LinkId,
    LinkStatus, NewDocument, NewText, Origin, SentenceId, SentenceRow, SpanLinkView, TextId,
    TextView,
};
pub use project::{Project, DEFAULT_BUSY_TIMEOUT};
pub use schema::{APPLICATION_ID, LATEST_VERSION};
pub use undo::{ACTION_REDO, ACTION_UNDO};
