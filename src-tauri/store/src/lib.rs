//! Duizhao's project file: one SQLite file per project, holding documents, their immutable
//! text revisions with sentences and tokens, and the append-only history of every change.
//!
//! - [`Project`] opens, creates and migrates a project file and refuses anything else
//!   (other files, damaged files, files from a newer Duizhao) before writing to it.
//! - Every change goes through one transactional write path that also appends an event to
//!   the history (`project` module); [`Project::import_document`] is the first such change.
//! - Queries return plain `Serialize` views; [`Project::check`] verifies the file and every
//!   stored span against its text.
//! - [`files::read_source`] reads a source file for import with the size limit applied;
//!   [`ingest::import_texts`] decodes, segments and stores a zh + en pair of files.
//!
//! This crate depends on `duizhao_core` for the domain types and on rusqlite; it knows nothing
//! of Tauri. Offsets are Unicode code points, start inclusive, end exclusive.

mod check;
mod error;
pub mod files;
mod import;
pub mod ingest;
mod model;
mod packed;
mod project;
mod query;
pub mod schema;

#[cfg(test)]
mod tests;

pub use error::StoreError;
pub use import::ACTION_IMPORT;
pub use model::{
    Change, CheckReport, DocumentId, DocumentKind, DocumentSummary, DocumentView, EventId,
    EventRow, NewDocument, NewText, SentenceId, SentenceRow, TextId, TextView,
};
pub use project::{Project, DEFAULT_BUSY_TIMEOUT};
pub use schema::{APPLICATION_ID, LATEST_VERSION};
