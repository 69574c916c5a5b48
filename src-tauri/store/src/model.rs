//! The values that go into and come out of the store: ids, the import input, the read views
//! and the history rows.
//!
//! Output types derive `serde::Serialize` so that the CLI can print them as JSON; the Tauri
//! shell wraps them in its own DTOs (with generated TypeScript types) at the IPC boundary.
//! Offsets are Unicode code points, start inclusive, end exclusive.

use std::fmt;
use std::str::FromStr;

use duizhao_core::{Lang, PreparedText};
use serde::{Deserialize, Serialize};

use crate::StoreError;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        /// Ids arrive as plain integers from the CLI and the IPC; `From` lets queries take
        /// either.
        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Row id of a document.
    DocumentId
);
id_type!(
    /// Row id of a text revision.
    TextId
);
id_type!(
    /// Row id of a sentence.
    SentenceId
);
id_type!(
    /// Row id of a history event.
    EventId
);
id_type!(
    /// Row id of an alignment (one zh text × one en text).
    AlignmentId
);
id_type!(
    /// Row id of a bead.
    BeadId
);
id_type!(
    /// Row id of a span link.
    LinkId
);

/// What a document is, which decides how the UI and exports treat it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Statement,
    Notice,
    Evidence,
    Other,
}

impl DocumentKind {
    /// The spelling stored in the `documents.kind` column (and accepted by `FromStr`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Statement => "statement",
            DocumentKind::Notice => "notice",
            DocumentKind::Evidence => "evidence",
            DocumentKind::Other => "other",
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentKind {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "statement" => Ok(DocumentKind::Statement),
            "notice" => Ok(DocumentKind::Notice),
            "evidence" => Ok(DocumentKind::Evidence),
            "other" => Ok(DocumentKind::Other),
            other => Err(StoreError::Invalid(format!(
                "unknown document kind `{other}` (expected statement, notice, evidence or other)"
            ))),
        }
    }
}

/// A document to import: its metadata and its texts (usually one zh and one en).
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub title: String,
    pub kind: DocumentKind,
    /// Where the document came from (URL, archive reference, …), free text.
    pub source: Option<String>,
    pub texts: Vec<NewText>,
}

/// One decoded and segmented text to import.
#[derive(Debug, Clone)]
pub struct NewText {
    pub prepared: PreparedText,
    /// The source file's name, for provenance; not a path to read again.
    pub original_name: Option<String>,
}

/// One line of the document list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSummary {
    pub id: DocumentId,
    pub title: String,
    pub kind: DocumentKind,
    /// Sentences in the document's current (not superseded) Chinese texts.
    pub zh_sentences: i64,
    /// Sentences in the document's current (not superseded) English texts.
    pub en_sentences: i64,
    /// UTC, RFC 3339 with milliseconds.
    pub created_at: String,
}

/// A document with its texts and their sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentView {
    pub id: DocumentId,
    pub title: String,
    pub kind: DocumentKind,
    pub source: Option<String>,
    /// Chinese texts first, then English; within a language, oldest revision first.
    pub texts: Vec<TextView>,
}

/// One text revision of a document, without its full content (see `Project::text_content`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextView {
    pub id: TextId,
    pub lang: Lang,
    pub encoding: String,
    /// Whether the encoding was guessed (true) or certain from a BOM / declaration (false).
    pub encoding_detected: bool,
    /// SHA-256 (hex) of the original file's bytes.
    pub sha256: String,
    pub original_name: Option<String>,
    /// Length of the text in code points.
    pub char_len: i64,
    /// The revision this one replaces, if any.
    pub supersedes: Option<TextId>,
    pub sentences: Vec<SentenceRow>,
}

/// One sentence of a text, with its offsets (code points) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceRow {
    pub id: SentenceId,
    pub ordinal: i64,
    pub start: i64,
    pub end: i64,
    pub paragraph: i64,
    pub text: String,
}

/// One entry of the history, newest first in `Project::history`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    pub id: EventId,
    /// UTC, RFC 3339 with milliseconds.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub summary: String,
    /// `{"before": …, "after": …}`: what undo and redo need.
    pub payload: serde_json::Value,
    pub undone: bool,
}

/// What a change did, recorded as one history event by the write path.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// One line for the history list, e.g. `imported "Statement" (2 texts, 40 sentences)`.
    pub summary: String,
    /// Enough to undo and redo the change, by convention `{"before": …, "after": …}`.
    pub payload: serde_json::Value,
}

impl Change {
    pub fn new(summary: impl Into<String>, payload: serde_json::Value) -> Self {
        Change {
            summary: summary.into(),
            payload,
        }
    }
}

/// The result of [`crate::Project::check`]: empty lists mean the project is sound.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// How much was checked.
    pub documents: i64,
    pub texts: i64,
    pub sentences: i64,
    pub tokens: i64,
    pub alignments: i64,
    pub beads: i64,
    pub span_links: i64,
    /// Lines of `PRAGMA integrity_check` other than "ok".
    pub integrity: Vec<String>,
    /// Rows of `PRAGMA foreign_key_check`, one line each.
    pub foreign_key_violations: Vec<String>,
    /// Stored data that disagrees with the text it describes (quotes, offsets, lengths).
    pub mismatches: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_key_violations.is_empty()
            && self.mismatches.is_empty()
    }

    /// What was checked, in one line: "2 documents, 4 texts, 80 sentences, 1200 tokens",
    /// followed by ", 1 alignments (38 beads, 3 span links)" once something is aligned.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{} documents, {} texts, {} sentences, {} tokens",
            self.documents, self.texts, self.sentences, self.tokens
        );
        if self.alignments > 0 {
            line.push_str(&format!(
                ", {} alignments ({} beads, {} span links)",
                self.alignments, self.beads, self.span_links
            ));
        }
        line
    }

    /// Every problem found, one line each, prefixed with its kind.
    pub fn problems(&self) -> Vec<String> {
        let prefixed = |kind: &str, lines: &[String]| {
            lines
                .iter()
                .map(|l| format!("{kind}: {l}"))
                .collect::<Vec<_>>()
        };
        let mut all = prefixed("integrity", &self.integrity);
        all.extend(prefixed("foreign key", &self.foreign_key_violations));
        all.extend(prefixed("mismatch", &self.mismatches));
        all
    }
}

/// Who made a bead or a span link: the aligner/suggester, or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Auto,
    Manual,
}

/// Whether a person has confirmed a bead. `realign` keeps confirmed beads as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BeadStatus {
    Unconfirmed,
    Confirmed,
}

/// Whether a span link is only suggested or has been accepted by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkStatus {
    Suggested,
    Accepted,
}

/// Where `Project::move_sentence` moves a sentence: its bead's first sentence of a language to
/// the end of the previous bead, or its last one to the start of the next bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Previous,
    Next,
}

macro_rules! column_enum {
    ($name:ident, $what:literal, $($variant:ident = $text:literal),+) => {
        impl $name {
            /// The spelling stored in the database (and accepted by `FromStr`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = StoreError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(StoreError::Invalid(format!(
                        concat!("unknown ", $what, " `{}` (expected ", $($text, " "),+, ")"),
                        other
                    ))),
                }
            }
        }
    };
}

column_enum!(Origin, "origin", Auto = "auto", Manual = "manual");
column_enum!(
    BeadStatus,
    "bead status",
    Unconfirmed = "unconfirmed",
    Confirmed = "confirmed"
);
column_enum!(
    LinkStatus,
    "link status",
    Suggested = "suggested",
    Accepted = "accepted"
);
column_enum!(Direction, "direction", Previous = "previous", Next = "next");

/// The alignment of a document's zh text with its en text, beads in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignmentView {
    pub id: AlignmentId,
    pub document: DocumentId,
    pub zh_text: TextId,
    pub en_text: TextId,
    pub beads: Vec<BeadView>,
}

/// One bead: consecutive zh sentences ↔ consecutive en sentences (either side may be empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeadView {
    pub id: BeadId,
    /// 0-based place of the bead in its alignment.
    pub position: i64,
    pub zh: Vec<BeadSentence>,
    pub en: Vec<BeadSentence>,
    /// 0.0–1.0; hand-made beads carry 1.0.
    pub confidence: f64,
    pub origin: Origin,
    pub status: BeadStatus,
    pub links: Vec<SpanLinkView>,
}

/// A sentence as a member of a bead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BeadSentence {
    pub id: SentenceId,
    /// 0-based, within its text.
    pub ordinal: i64,
    /// Code points into the text.
    pub start: i64,
    pub end: i64,
    pub text: String,
}

/// A zh span linked to an en span inside one bead; offsets are code points into the
/// alignment's zh resp. en text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanLinkView {
    pub id: LinkId,
    pub bead: BeadId,
    pub zh_start: i64,
    pub zh_end: i64,
    pub zh_quote: String,
    pub en_start: i64,
    pub en_end: i64,
    pub en_quote: String,
    pub origin: Origin,
    pub status: LinkStatus,
    /// Why it was suggested (`dictionary`, `identical`, … or free text for manual links).
    pub reason: Option<String>,
}
