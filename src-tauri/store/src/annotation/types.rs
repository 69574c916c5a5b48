//! The inputs and read views of the annotation and fact-checking API. Offsets are code
//! points into a text revision, start inclusive, end exclusive.

use duizhao_core::Lang;
use serde::{Deserialize, Serialize};

use crate::model::{
    AliasId, AnchorId, ClaimId, ClaimLinkId, ClaimLinkKind, ClaimStatus, DocumentId, EntityId,
    EvidenceId, ExternalIdId, MentionId, MentionOrigin, MentionStatus, RelationId, Script,
    SourceId, SourceKind, Stance, TextId,
};

/// A new entity. At least one of the preferred names is needed; `aliases` are its other
/// names (the preferred names are not repeated there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewEntity {
    /// One of `Project::entity_types`.
    pub type_name: String,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub notes: String,
    /// A stable slug such as `inst14` (ASCII letters, digits, `-_.:`), unique in the project.
    pub key: Option<String>,
    pub aliases: Vec<NewAlias>,
}

/// A change of some of an entity's own columns; `None` leaves a column as it is, and
/// `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityPatch {
    pub type_name: Option<String>,
    pub name_zh: Option<Option<String>>,
    pub name_en: Option<Option<String>>,
    pub notes: Option<String>,
    pub key: Option<Option<String>>,
}

/// Another name of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAlias {
    pub lang: Lang,
    /// `None`: inferred from the characters (see `infer_script`).
    pub script: Option<Script>,
    pub text: String,
    pub abbreviation: bool,
}

impl NewAlias {
    /// An alias whose script is inferred, not an abbreviation.
    pub fn new(lang: Lang, text: impl Into<String>) -> Self {
        NewAlias {
            lang,
            script: None,
            text: text.into(),
            abbreviation: false,
        }
    }

    /// The same, marked as an abbreviation (特材委, SCOSMI).
    pub fn abbreviation(lang: Lang, text: impl Into<String>) -> Self {
        NewAlias {
            abbreviation: true,
            ..NewAlias::new(lang, text)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasView {
    pub id: AliasId,
    pub lang: Lang,
    pub script: Script,
    pub text: String,
    pub abbreviation: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalIdView {
    pub id: ExternalIdId,
    /// E.g. `company-registry`.
    pub scheme: String,
    pub value: String,
}

/// An entity with its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityView {
    pub id: EntityId,
    pub key: Option<String>,
    pub type_name: String,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub notes: String,
    pub aliases: Vec<AliasView>,
    pub external_ids: Vec<ExternalIdView>,
    /// Mentions linked to it, in any status.
    pub mention_count: i64,
}

/// One name of the registry: what the mention suggester and the aligner look for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistryName {
    pub entity: EntityId,
    pub key: Option<String>,
    pub type_name: String,
    pub lang: Lang,
    pub text: String,
    pub abbreviation: bool,
    /// A preferred name of the entity rather than an alias.
    pub preferred: bool,
}

/// A new mention on the document's current text of `lang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMention {
    pub document: DocumentId,
    pub lang: Lang,
    pub start: usize,
    pub end: usize,
    /// If given, it must equal the text at `start..end`.
    pub quote: Option<String>,
    /// One of `Project::entity_types`.
    pub type_name: String,
    pub entity: Option<EntityId>,
    pub origin: MentionOrigin,
    pub status: MentionStatus,
}

/// A mention proposed by a suggester, for `Project::store_suggestions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedMention {
    pub lang: Lang,
    pub start: usize,
    pub end: usize,
    pub type_name: String,
    pub origin: MentionOrigin,
    pub entity: Option<EntityId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionView {
    pub id: MentionId,
    pub lang: Lang,
    pub text_id: TextId,
    pub start: i64,
    pub end: i64,
    pub quote: String,
    /// Up to 32 code points of text before and after the quote.
    pub prefix: String,
    pub suffix: String,
    pub type_name: String,
    pub entity: Option<EntityId>,
    pub origin: MentionOrigin,
    pub status: MentionStatus,
    /// The stored quote no longer equals the text at the offsets (a damaged file).
    pub orphaned: bool,
}

/// A span of a document's current text of `lang` that states a relation or a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnchor {
    pub document: DocumentId,
    pub lang: Lang,
    pub start: usize,
    pub end: usize,
    /// If given, it must equal the text at `start..end`.
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnchorView {
    pub id: AnchorId,
    pub document: DocumentId,
    pub lang: Lang,
    pub text_id: TextId,
    pub start: i64,
    pub end: i64,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub orphaned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRelation {
    /// One of `Project::relation_types`.
    pub type_name: String,
    pub source: EntityId,
    pub target: EntityId,
    pub note: String,
    pub anchors: Vec<NewAnchor>,
}

/// `source` `type_name` `target`, e.g. 单骞 directs 十四所.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelationView {
    pub id: RelationId,
    pub type_name: String,
    pub source: EntityId,
    pub target: EntityId,
    pub note: String,
    pub anchors: Vec<AnchorView>,
}

/// When a claim says something happened: the analyst's words and the interval they stand
/// for (ISO dates `YYYY-MM-DD`, either end open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimTime {
    /// As written, e.g. "early October 2019".
    pub label: String,
    pub earliest: Option<String>,
    pub latest: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewClaim {
    /// One line of English.
    pub summary: String,
    /// Who makes the claim.
    pub claimant: Option<EntityId>,
    /// Whom or what it is about.
    pub subjects: Vec<EntityId>,
    pub time: Option<ClaimTime>,
    pub anchors: Vec<NewAnchor>,
    /// `None`: unverified.
    pub status: Option<ClaimStatus>,
    pub rationale: String,
}

/// A change of a claim's own columns; `None` leaves a field as it is, `Some(None)` clears an
/// optional one. The status changes through `Project::set_claim_status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimPatch {
    pub summary: Option<String>,
    pub claimant: Option<Option<EntityId>>,
    pub time: Option<Option<ClaimTime>>,
}

/// A link of a claim with another, seen from the claim it is listed under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimLinkView {
    pub id: ClaimLinkId,
    /// The claim at the other end.
    pub other: ClaimId,
    pub kind: ClaimLinkKind,
    /// The listed claim is the link's `from` (it supports / contradicts / is the same as
    /// `other`); false when `other` is the `from`.
    pub outgoing: bool,
    pub note: String,
}

/// One status change of a claim, the first being its creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChangeView {
    /// UTC, RFC 3339 with milliseconds.
    pub at: String,
    pub actor: String,
    pub from: Option<ClaimStatus>,
    pub to: ClaimStatus,
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimView {
    pub id: ClaimId,
    pub summary: String,
    pub claimant: Option<EntityId>,
    pub subjects: Vec<EntityId>,
    pub time: Option<ClaimTime>,
    pub status: ClaimStatus,
    pub rationale: String,
    pub anchors: Vec<AnchorView>,
    pub links: Vec<ClaimLinkView>,
    pub evidence: Vec<EvidenceView>,
    /// Oldest first.
    pub history: Vec<StatusChangeView>,
}

/// A source of evidence, graded on the Admiralty scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    pub title: String,
    pub kind: SourceKind,
    pub citation: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub excerpt: String,
    /// The project document it is, if it is one.
    pub document: Option<DocumentId>,
    /// Reliability of the source, `A` (completely reliable) … `F` (cannot be judged).
    pub reliability: String,
    /// Credibility of the information, 1 (confirmed) … 6 (cannot be judged).
    pub credibility: i64,
}

/// A change of some of a source's columns; `None` leaves a field as it is, `Some(None)`
/// clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourcePatch {
    pub title: Option<String>,
    pub kind: Option<SourceKind>,
    pub citation: Option<String>,
    pub date: Option<Option<String>>,
    pub excerpt: Option<String>,
    pub document: Option<Option<DocumentId>>,
    pub reliability: Option<String>,
    pub credibility: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceView {
    pub id: SourceId,
    pub title: String,
    pub kind: SourceKind,
    pub citation: String,
    pub date: Option<String>,
    pub excerpt: String,
    pub document: Option<DocumentId>,
    pub reliability: String,
    pub credibility: i64,
}

/// A source's stance on a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceView {
    pub id: EvidenceId,
    pub source: SourceView,
    pub stance: Stance,
    pub note: String,
}

/// A gazetteer's entity as a new entity of the registry: its key, type, preferred names and
/// aliases (their language and abbreviation flag as the gazetteer reader decided them; their
/// script inferred when stored).
impl From<duizhao_core::suggest::gazetteer::GazetteerEntry> for NewEntity {
    fn from(entry: duizhao_core::suggest::gazetteer::GazetteerEntry) -> Self {
        NewEntity {
            type_name: entry.type_name,
            name_zh: entry.zh,
            name_en: entry.en,
            notes: String::new(),
            key: Some(entry.key),
            aliases: entry
                .aliases
                .into_iter()
                .map(|a| NewAlias {
                    lang: a.lang,
                    script: None,
                    text: a.text,
                    abbreviation: a.abbreviation,
                })
                .collect(),
        }
    }
}
