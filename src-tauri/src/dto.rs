//! The IPC data types: what the window receives, converted from the store's own types.
//! TypeScript declarations are generated from these by ts-rs into ui/src/bindings (run by
//! `cargo test`; CI fails if the committed files are stale). Integer fields are declared as
//! `number` for TypeScript because ids, counts and offsets stay far below 2^53.

use duizhao_store::{
    AlignmentView as StoreAlignment, BeadSentence as StoreBeadSentence, BeadStatus as StoreStatus,
    BeadView as StoreBead, DocumentSummary as StoreSummary, DocumentView as StoreView, EventRow,
    LinkStatus as StoreLinkStatus, Origin as StoreOrigin, SpanLinkView as StoreLink,
};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProjectInfo {
    /// The project file the window is showing.
    pub path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub document_count: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: String,
    #[ts(type = "number")]
    pub zh_sentences: i64,
    #[ts(type = "number")]
    pub en_sentences: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub source: Option<String>,
    pub texts: Vec<TextView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextView {
    #[ts(type = "number")]
    pub id: i64,
    /// `zh` or `en`.
    pub lang: String,
    /// The encoding the original file was decoded with.
    pub encoding: String,
    /// False when the user chose the encoding.
    pub encoding_detected: bool,
    pub original_name: Option<String>,
    #[ts(type = "number")]
    pub char_len: i64,
    #[ts(type = "number")]
    pub sentence_count: i64,
    /// Every sentence, or none when they were not asked for (`get_document`'s `sentences`).
    pub sentences: Vec<SentenceView>,
}

/// A sentence with its offsets in code points (start inclusive, end exclusive).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SentenceView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub ordinal: i64,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    #[ts(type = "number")]
    pub paragraph: i64,
    pub text: String,
}

impl From<StoreSummary> for DocumentSummary {
    fn from(summary: StoreSummary) -> Self {
        Self {
            id: summary.id.0,
            title: summary.title,
            kind: summary.kind.to_string(),
            zh_sentences: summary.zh_sentences,
            en_sentences: summary.en_sentences,
        }
    }
}

impl From<StoreView> for DocumentView {
    fn from(view: StoreView) -> Self {
        Self {
            id: view.id.0,
            title: view.title,
            kind: view.kind.to_string(),
            source: view.source,
            texts: view
                .texts
                .into_iter()
                .map(|text| TextView {
                    id: text.id.0,
                    lang: text.lang.code().to_owned(),
                    encoding: text.encoding,
                    encoding_detected: text.encoding_detected,
                    original_name: text.original_name,
                    char_len: text.char_len,
                    sentence_count: text.sentences.len() as i64,
                    sentences: text
                        .sentences
                        .into_iter()
                        .map(|s| SentenceView {
                            id: s.id.0,
                            ordinal: s.ordinal,
                            start: s.start,
                            end: s.end,
                            paragraph: s.paragraph,
                            text: s.text,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A document's alignment: its beads in order, each a run of zh sentences ↔ a run of en
/// sentences. Every sentence of both texts is in exactly one bead.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AlignmentView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub document_id: i64,
    #[ts(type = "number")]
    pub zh_text_id: i64,
    #[ts(type = "number")]
    pub en_text_id: i64,
    pub beads: Vec<BeadView>,
}

/// What an edit of a few beads changed in a document's alignment: the `removed` beads from
/// place `start` on are now `beads` (their positions are current), and the beads after them
/// moved by `beads.length - removed` places. The window patches its copy instead of reading
/// a book-length alignment again after every keystroke.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AlignmentPatch {
    /// The alignment's id.
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub document_id: i64,
    /// The first place the edit changed (0-based).
    #[ts(type = "number")]
    pub start: usize,
    /// How many beads from `start` on the edit replaced.
    #[ts(type = "number")]
    pub removed: usize,
    /// The beads now in their place.
    pub beads: Vec<BeadView>,
    /// How many beads the alignment has now.
    #[ts(type = "number")]
    pub total: usize,
}

/// Who made a bead or a link: the aligner, or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Origin {
    Auto,
    Manual,
}

/// Whether a person has confirmed a bead (realign keeps confirmed beads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum BeadStatus {
    Unconfirmed,
    Confirmed,
}

/// Whether a span link is only suggested or accepted by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum LinkStatus {
    Suggested,
    Accepted,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BeadView {
    #[ts(type = "number")]
    pub id: i64,
    /// 0-based place in the alignment (the window numbers beads from 1).
    #[ts(type = "number")]
    pub position: i64,
    pub zh: Vec<BeadSentenceView>,
    pub en: Vec<BeadSentenceView>,
    /// 0.0–1.0; beads changed by hand carry 1.0.
    pub confidence: f64,
    pub origin: Origin,
    pub status: BeadStatus,
    pub links: Vec<SpanLinkView>,
}

/// A sentence of a bead, offsets in code points into its text.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BeadSentenceView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub ordinal: i64,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    pub text: String,
}

/// A zh span linked to an en span inside one bead; offsets in code points into the
/// alignment's zh and en texts.
///
/// Neither the bead nor the quoted words are sent: the link comes inside its bead, whose
/// sentences hold the words (ui/src/links.ts `linkQuotes`). A long document carries some
/// ten links per bead, and the two quotes were most of the window's memory for them.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SpanLinkView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub zh_start: i64,
    #[ts(type = "number")]
    pub zh_end: i64,
    #[ts(type = "number")]
    pub en_start: i64,
    #[ts(type = "number")]
    pub en_end: i64,
    pub origin: Origin,
    pub status: LinkStatus,
    /// Why the aligner suggested it (`dictionary`, `identical`, `pinyin`, `alias`,
    /// `learned`); null for links made by hand.
    pub reason: Option<String>,
}

/// What undo or redo took back or re-applied: the history entry of that edit.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryStep {
    #[ts(type = "number")]
    pub event_id: i64,
    /// The edit's action, e.g. `merge_beads`.
    pub action: String,
    /// One line for people, e.g. `merged bead 12 (number 3) into bead 11 (number 2) …`.
    pub summary: String,
    pub actor: String,
    /// When the edit was first made (UTC, RFC 3339).
    pub at: String,
}

impl From<StoreOrigin> for Origin {
    fn from(origin: StoreOrigin) -> Self {
        match origin {
            StoreOrigin::Auto => Origin::Auto,
            StoreOrigin::Manual => Origin::Manual,
        }
    }
}

impl From<StoreStatus> for BeadStatus {
    fn from(status: StoreStatus) -> Self {
        match status {
            StoreStatus::Unconfirmed => BeadStatus::Unconfirmed,
            StoreStatus::Confirmed => BeadStatus::Confirmed,
        }
    }
}

impl From<StoreLinkStatus> for LinkStatus {
    fn from(status: StoreLinkStatus) -> Self {
        match status {
            StoreLinkStatus::Suggested => LinkStatus::Suggested,
            StoreLinkStatus::Accepted => LinkStatus::Accepted,
        }
    }
}

impl From<StoreBeadSentence> for BeadSentenceView {
    fn from(s: StoreBeadSentence) -> Self {
        Self {
            id: s.id.0,
            ordinal: s.ordinal,
            start: s.start,
            end: s.end,
            text: s.text,
        }
    }
}

impl From<StoreLink> for SpanLinkView {
    fn from(l: StoreLink) -> Self {
        Self {
            id: l.id.0,
            zh_start: l.zh_start,
            zh_end: l.zh_end,
            en_start: l.en_start,
            en_end: l.en_end,
            origin: l.origin.into(),
            status: l.status.into(),
            reason: l.reason,
        }
    }
}

impl From<StoreBead> for BeadView {
    fn from(b: StoreBead) -> Self {
        Self {
            id: b.id.0,
            position: b.position,
            zh: b.zh.into_iter().map(Into::into).collect(),
            en: b.en.into_iter().map(Into::into).collect(),
            confidence: b.confidence,
            origin: b.origin.into(),
            status: b.status.into(),
            links: b.links.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<StoreAlignment> for AlignmentView {
    fn from(a: StoreAlignment) -> Self {
        Self {
            id: a.id.0,
            document_id: a.document.0,
            zh_text_id: a.zh_text.0,
            en_text_id: a.en_text.0,
            beads: a.beads.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<EventRow> for HistoryStep {
    fn from(event: EventRow) -> Self {
        Self {
            event_id: event.id.0,
            action: event.action,
            summary: event.summary,
            actor: event.actor,
            at: event.at,
        }
    }
}

/// A file chosen for import, as `inspect_source` read it: enough for the window to show
/// what it is and how it decodes before anything is stored.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceFileInfo {
    /// The path as given (absolute).
    pub path: String,
    /// Its last component, as the project will record it.
    pub file_name: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
    /// The encoding the file decodes with (an `encoding_rs` name such as `GBK`,
    /// `windows-1252`, `UTF-8`): detected, or the one asked for (`encodingForced`).
    pub detected_encoding: String,
    /// True when the encoding was asked for rather than detected.
    pub encoding_forced: bool,
    /// True when there is no doubt about the encoding: the user chose it, or the file has
    /// a byte-order mark, or it is valid UTF-8 (plain ASCII included). A detected legacy
    /// encoding (GBK, Big5, windows-1252, …) or BOM-less UTF-16 is a guess from the bytes,
    /// which the user should check against the preview.
    pub encoding_certain: bool,
    /// The first characters of the decoded text (newlines normalised to LF).
    pub preview: String,
    /// Whether the text goes on after the preview.
    pub preview_truncated: bool,
    /// The number of lines of the decoded text.
    #[ts(type = "number")]
    pub lines: usize,
    /// The encodings the user may choose instead, by label (`utf-8`, `gbk`, …).
    pub encodings: Vec<String>,
}

/// A step of `import_document`, sent on its progress channel as the step begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ImportStage {
    Reading,
    Decoding,
    Segmenting,
    Storing,
    Aligning,
    Suggesting,
}

/// One message of `import_document`'s progress channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportProgress {
    pub stage: ImportStage,
    /// The stage's position, 1-based, among `total`.
    #[ts(type = "number")]
    pub step: usize,
    #[ts(type = "number")]
    pub total: usize,
}

impl ImportStage {
    pub const ALL: [ImportStage; 6] = [
        ImportStage::Reading,
        ImportStage::Decoding,
        ImportStage::Segmenting,
        ImportStage::Storing,
        ImportStage::Aligning,
        ImportStage::Suggesting,
    ];

    pub fn progress(self) -> ImportProgress {
        ImportProgress {
            stage: self,
            step: Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1,
            total: Self::ALL.len(),
        }
    }
}
