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

id_type!(
    /// Row id of an entity (a person, organisation, place, …).
    EntityId
);
id_type!(
    /// Row id of an alias of an entity.
    AliasId
);
id_type!(
    /// Row id of an external identifier of an entity.
    ExternalIdId
);
id_type!(
    /// Row id of a mention (a span of a text naming an entity of a type).
    MentionId
);
id_type!(
    /// Row id of a relation between two entities.
    RelationId
);
id_type!(
    /// Row id of an anchor of a relation or a claim (each kind is numbered on its own).
    AnchorId
);
id_type!(
    /// Row id of a claim.
    ClaimId
);
id_type!(
    /// Row id of a link between two claims.
    ClaimLinkId
);
id_type!(
    /// Row id of a source of evidence.
    SourceId
);
id_type!(
    /// Row id of a piece of evidence (a source's stance on a claim).
    EvidenceId
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
    pub entities: i64,
    pub mentions: i64,
    pub relations: i64,
    pub claims: i64,
    /// Anchors of relations and claims.
    pub anchors: i64,
    pub sources: i64,
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
    /// followed by ", 1 alignments (38 beads, 3 span links)" once something is aligned and
    /// ", 12 entities, 80 mentions, 3 relations, 4 claims, 6 anchors, 2 sources" once
    /// something is annotated.
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
        if self.entities + self.mentions + self.relations + self.claims + self.sources > 0 {
            line.push_str(&format!(
                ", {} entities, {} mentions, {} relations, {} claims, {} anchors, {} sources",
                self.entities,
                self.mentions,
                self.relations,
                self.claims,
                self.anchors,
                self.sources
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
                        "unknown {} `{}` (expected {})",
                        $what,
                        other,
                        [$($text),+].join(", ")
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

/// Who or what proposed a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionOrigin {
    /// Marked by a person.
    Manual,
    /// A name of the registry (entity names and aliases) found in the text.
    Registry,
    /// A word the Chinese segmenter tagged as a name.
    Jieba,
    /// A pattern (dates, amounts, …).
    Rule,
    /// Carried over from the other language through the alignment.
    Projected,
}

/// Whether a person has looked at a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionStatus {
    Suggested,
    Accepted,
    /// Kept so that the same span and type is not suggested again.
    Rejected,
}

/// How a name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Simplified,
    Traditional,
    Pinyin,
    Latin,
}

/// What the analyst has established about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    Unverified,
    Supported,
    Contradicted,
    Disputed,
    Unverifiable,
}

/// How one claim bears on another (`from` supports / contradicts / is the same as `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimLinkKind {
    Supports,
    Contradicts,
    SameAs,
}

/// What kind of thing a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Document,
    Record,
    Stamp,
    Database,
    Testimony,
    Media,
    Other,
}

/// How a source bears on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Contradicts,
    Context,
}

column_enum!(
    MentionOrigin,
    "mention origin",
    Manual = "manual",
    Registry = "registry",
    Jieba = "jieba",
    Rule = "rule",
    Projected = "projected"
);
column_enum!(
    MentionStatus,
    "mention status",
    Suggested = "suggested",
    Accepted = "accepted",
    Rejected = "rejected"
);
column_enum!(
    Script,
    "script",
    Simplified = "simplified",
    Traditional = "traditional",
    Pinyin = "pinyin",
    Latin = "latin"
);
column_enum!(
    ClaimStatus,
    "claim status",
    Unverified = "unverified",
    Supported = "supported",
    Contradicted = "contradicted",
    Disputed = "disputed",
    Unverifiable = "unverifiable"
);
column_enum!(
    ClaimLinkKind,
    "claim link kind",
    Supports = "supports",
    Contradicts = "contradicts",
    SameAs = "same_as"
);
column_enum!(
    SourceKind,
    "source kind",
    Document = "document",
    Record = "record",
    Stamp = "stamp",
    Database = "database",
    Testimony = "testimony",
    Media = "media",
    Other = "other"
);
column_enum!(
    Stance,
    "stance",
    Supports = "supports",
    Contradicts = "contradicts",
    Context = "context"
);

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
