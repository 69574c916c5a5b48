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
//! - Entities (of configurable types, with aliases and external ids), their mentions in the
//!   texts, relations, claims (anchors, subjects, status history, links), sources and
//!   evidence (`annotation`): every edit is one undoable change, recorded row by row, with
//!   cascades done explicitly and recorded too.
//! - Queries return plain `Serialize` views; [`Project::check`] verifies the file and every
//!   stored span against its text.
//! - [`files::read_source`] reads a source file for import with the size limit applied;
//!   [`ingest::import_texts`] decodes, segments and stores a zh + en pair of files.
//!
//! This crate depends on `duizhao_core` for the domain types and on rusqlite; it knows nothing
//! of Tauri. Offsets are Unicode code points, start inclusive, end exclusive.

mod alignment;
mod annotation;
mod check;
mod error;
pub mod files;
mod import;
pub mod ingest;
mod model;
mod packed;
mod project;
mod projection;
mod query;
mod rows;
pub mod schema;
mod suggestions;
mod undo;

#[cfg(test)]
mod tests;

pub use alignment::{
    ACTION_ACCEPT_LINK, ACTION_ADD_LINK, ACTION_ALIGN, ACTION_CONFIRM_BEAD, ACTION_MERGE_BEADS,
    ACTION_MERGE_SENTENCES, ACTION_MOVE_SENTENCE, ACTION_REALIGN, ACTION_REMOVE_LINK,
    ACTION_SPLIT_BEAD, ACTION_SPLIT_SENTENCE, ACTION_SUGGEST_LINKS, ACTION_UNCONFIRM_BEAD,
    EDIT_ACTIONS,
};
pub use annotation::{
    infer_script, AliasView, AnchorView, ClaimLinkView, ClaimPatch, ClaimTime, ClaimView,
    EntityPatch, EntityView, EvidenceView, ExternalIdView, MentionView, NewAlias, NewAnchor,
    NewClaim, NewEntity, NewMention, NewRelation, NewSource, RegistryName, RelationView,
    SourcePatch, SourceView, StatusChangeView, SuggestedMention, ACTION_ADD_ALIAS,
    ACTION_ADD_CLAIM_ANCHOR, ACTION_ADD_CLAIM_SUBJECT, ACTION_ADD_ENTITY_TYPE,
    ACTION_ADD_EXTERNAL_ID, ACTION_ADD_MENTION, ACTION_ADD_RELATION, ACTION_ADD_RELATION_ANCHOR,
    ACTION_ADD_RELATION_TYPE, ACTION_ADD_SOURCE, ACTION_CREATE_CLAIM, ACTION_CREATE_ENTITY,
    ACTION_DELETE_CLAIM, ACTION_DELETE_ENTITY, ACTION_DELETE_MENTIONS, ACTION_DELETE_RELATION,
    ACTION_DELETE_SOURCE, ACTION_LINK_CLAIMS, ACTION_LINK_EVIDENCE, ACTION_LINK_MENTIONS,
    ACTION_MERGE_ENTITIES, ACTION_REMOVE_ALIAS, ACTION_REMOVE_CLAIM_ANCHOR,
    ACTION_REMOVE_CLAIM_SUBJECT, ACTION_REMOVE_EXTERNAL_ID, ACTION_REMOVE_RELATION_ANCHOR,
    ACTION_SET_CLAIM_STATUS, ACTION_SET_MENTION_STATUS, ACTION_SET_MENTION_TYPE,
    ACTION_SPLIT_ENTITY, ACTION_STORE_SUGGESTIONS, ACTION_UNLINK_CLAIMS, ACTION_UNLINK_EVIDENCE,
    ACTION_UPDATE_CLAIM, ACTION_UPDATE_ENTITY, ACTION_UPDATE_SOURCE, ANNOTATION_ACTIONS, CONTEXT,
};
pub use error::StoreError;
pub use import::ACTION_IMPORT;
pub use model::{
    AliasId, AlignmentId, AlignmentView, AnchorId, BeadId, BeadSentence, BeadStatus, BeadView,
    Change, CheckReport, ClaimId, ClaimLinkId, ClaimLinkKind, ClaimStatus, Direction, DocumentId,
    DocumentKind, DocumentSummary, DocumentView, EntityId, EventId, EventRow, EvidenceId,
    ExternalIdId, LinkId, LinkStatus, MentionId, MentionOrigin, MentionStatus, NewDocument,
    NewText, Origin, RelationId, Script, SentenceId, SentenceRow, SourceId, SourceKind,
    SpanLinkView, Stance, TextId, TextView,
};
pub use project::{Project, DEFAULT_BUSY_TIMEOUT};
pub use projection::OneSidedMention;
pub use schema::{APPLICATION_ID, LATEST_VERSION};
pub use undo::{ACTION_REDO, ACTION_UNDO};
