//! The IPC types of annotation and fact-checking: entities, mentions, relations, claims,
//! sources and evidence, the history list, and the inputs the window sends for them.
//!
//! Like `dto.rs`, these are converted from the store's own types, and ts-rs generates their
//! TypeScript into ui/src/bindings when `cargo test` runs. Integer fields are `number`
//! (ids, counts and offsets stay far below 2^53). Offsets are code points into a text,
//! start inclusive, end exclusive.
//!
//! Inputs (`New…`, `…Patch`) refuse unknown fields. Their enum-valued fields (`lang`,
//! `kind`, `status`, …) are strings in Rust, parsed by the commands so that a wrong value
//! is an `invalid_argument` naming the field and listing the allowed values; in TypeScript
//! they are typed as the union of those values. In a patch a field left out is left as it
//! is, and `null` clears an optional field.

use duizhao_store as store;
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

/// Mirrors a store enum as an IPC enum (a string union in TypeScript).
macro_rules! mirror_enum {
    ($(#[$doc:meta])* $name:ident, $store:ident, $case:literal, { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
        #[serde(rename_all = $case)]
        #[ts(export)]
        pub enum $name {
            $($variant),+
        }

        impl From<store::$store> for $name {
            fn from(value: store::$store) -> Self {
                match value {
                    $(store::$store::$variant => $name::$variant),+
                }
            }
        }
    };
}

/// The language of a text: `zh` or `en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Lang {
    Zh,
    En,
}

impl From<duizhao_core::Lang> for Lang {
    fn from(lang: duizhao_core::Lang) -> Self {
        match lang {
            duizhao_core::Lang::Zh => Lang::Zh,
            duizhao_core::Lang::En => Lang::En,
        }
    }
}

mirror_enum!(
    /// How a name is written.
    Script, Script, "lowercase", { Simplified, Traditional, Pinyin, Latin }
);
mirror_enum!(
    /// Who or what proposed a mention: a person (`manual`), the registry of names, jieba's
    /// name tags, a pattern (`rule`), or the other language through the alignment
    /// (`projected`).
    MentionOrigin, MentionOrigin, "lowercase", { Manual, Registry, Jieba, Rule, Projected }
);
mirror_enum!(
    /// Whether a person has looked at a mention; rejected mentions are kept so that they
    /// are not suggested again.
    MentionStatus, MentionStatus, "lowercase", { Suggested, Accepted, Rejected }
);
mirror_enum!(
    /// What the analyst has established about a claim.
    ClaimStatus, ClaimStatus, "lowercase",
    { Unverified, Supported, Contradicted, Disputed, Unverifiable }
);
mirror_enum!(
    /// How one claim bears on another.
    ClaimLinkKind, ClaimLinkKind, "snake_case", { Supports, Contradicts, SameAs }
);
mirror_enum!(
    /// What kind of thing a source is.
    SourceKind, SourceKind, "lowercase",
    { Document, Record, Stamp, Database, Testimony, Media, Other }
);
mirror_enum!(
    /// How a source bears on a claim.
    Stance, Stance, "lowercase", { Supports, Contradicts, Context }
);

// ---------------------------------------------------------------------------------------
// Read views

/// The configurable types: what a mention or entity can be, and how entities can relate.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnnotationSchema {
    pub entity_types: Vec<String>,
    pub relation_types: Vec<String>,
}

/// Another name of an entity.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AliasView {
    #[ts(type = "number")]
    pub id: i64,
    pub lang: Lang,
    pub script: Script,
    pub text: String,
    pub abbreviation: bool,
}

/// An identifier of an entity in another system, e.g. `company-registry` `2287164`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExternalIdView {
    #[ts(type = "number")]
    pub id: i64,
    pub scheme: String,
    pub value: String,
}

/// An entity of the registry with its names.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EntityView {
    #[ts(type = "number")]
    pub id: i64,
    /// A stable slug such as `inst14`, if it has one.
    pub key: Option<String>,
    pub type_name: String,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub notes: String,
    pub aliases: Vec<AliasView>,
    pub external_ids: Vec<ExternalIdView>,
    /// Mentions linked to it, in any status.
    #[ts(type = "number")]
    pub mention_count: i64,
}

/// A span of a text naming an entity of a type.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MentionView {
    #[ts(type = "number")]
    pub id: i64,
    pub lang: Lang,
    #[ts(type = "number")]
    pub text_id: i64,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    pub quote: String,
    /// Up to 32 code points of text before and after the quote.
    pub prefix: String,
    pub suffix: String,
    pub type_name: String,
    /// The entity it names, if linked.
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
    pub origin: MentionOrigin,
    pub status: MentionStatus,
    /// The stored quote no longer equals the text at the offsets (a damaged file).
    pub orphaned: bool,
}

/// An accepted mention with no accepted counterpart on the other side of its bead.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OneSidedMention {
    pub mention: MentionView,
    /// The bead it lies in.
    #[ts(type = "number")]
    pub bead_id: i64,
    /// False when the bead has no sentence at all on the other side.
    pub other_side_present: bool,
}

/// A span of a document's text that states a relation or a claim.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnchorView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub document_id: i64,
    pub lang: Lang,
    #[ts(type = "number")]
    pub text_id: i64,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub orphaned: bool,
}

/// `source` `typeName` `target`, e.g. 单骞 directs 十四所.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RelationView {
    #[ts(type = "number")]
    pub id: i64,
    pub type_name: String,
    #[ts(type = "number")]
    pub source_id: i64,
    #[ts(type = "number")]
    pub target_id: i64,
    pub note: String,
    pub anchors: Vec<AnchorView>,
}

/// When a claim says something happened: the analyst's words and the days they allow
/// (ISO dates `YYYY-MM-DD`, either end open).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ClaimTime {
    pub label: String,
    pub earliest: Option<String>,
    pub latest: Option<String>,
}

/// A link of the listed claim with another.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ClaimLinkView {
    #[ts(type = "number")]
    pub id: i64,
    /// The claim at the other end.
    #[ts(type = "number")]
    pub other_id: i64,
    pub kind: ClaimLinkKind,
    /// True: the listed claim supports / contradicts / is the same as the other; false:
    /// the other one does so to the listed claim.
    pub outgoing: bool,
    pub note: String,
}

/// One status change of a claim; the first is its creation.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StatusChangeView {
    /// UTC, RFC 3339.
    pub at: String,
    pub actor: String,
    pub from: Option<ClaimStatus>,
    pub to: ClaimStatus,
    pub rationale: String,
}

/// A source of evidence, graded on the Admiralty scale.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: SourceKind,
    pub citation: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub excerpt: String,
    /// The project document it is, if it is one.
    #[ts(type = "number | null")]
    pub document_id: Option<i64>,
    /// Reliability of the source, `A` (completely reliable) … `F` (cannot be judged).
    pub reliability: String,
    /// Credibility of the information, 1 (confirmed) … 6 (cannot be judged).
    #[ts(type = "number")]
    pub credibility: i64,
}

/// A source's stance on a claim.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EvidenceView {
    #[ts(type = "number")]
    pub id: i64,
    pub source: SourceView,
    pub stance: Stance,
    pub note: String,
}

/// A claim with everything attached to it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ClaimView {
    #[ts(type = "number")]
    pub id: i64,
    /// One line of English.
    pub summary: String,
    /// Who makes the claim.
    #[ts(type = "number | null")]
    pub claimant_id: Option<i64>,
    /// Whom or what it is about.
    #[ts(type = "Array<number>")]
    pub subject_ids: Vec<i64>,
    pub time: Option<ClaimTime>,
    pub status: ClaimStatus,
    pub rationale: String,
    pub anchors: Vec<AnchorView>,
    pub links: Vec<ClaimLinkView>,
    pub evidence: Vec<EvidenceView>,
    /// Its status changes, oldest first.
    pub history: Vec<StatusChangeView>,
}

/// One entry of the project's history (without the rows it records).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// UTC, RFC 3339.
    pub at: String,
    pub actor: String,
    /// E.g. `create_claim`.
    pub action: String,
    /// One line for people.
    pub summary: String,
    /// Undo took it back (and redo has not re-applied it).
    pub undone: bool,
}

// ---------------------------------------------------------------------------------------
// What edits return: the item the edit made or changed, and the list it belongs to as it
// now is, so the window re-renders from the project.

/// The result of an entity edit.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EntityEdit {
    /// The entity created or changed (for a merge the one kept, for a split the new one);
    /// null when the edit deleted it.
    pub entity: Option<EntityView>,
    /// Every entity.
    pub entities: Vec<EntityView>,
}

/// The result of a mention edit.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MentionEdit {
    /// How many mentions the edit added, changed or deleted.
    #[ts(type = "number")]
    pub changed: usize,
    /// The mention added by `add_mention`; null otherwise.
    pub mention: Option<MentionView>,
    /// The mentions the edit added or changed, as they now are (not every mention of the
    /// document: a long document has tens of thousands).
    pub updated: Vec<MentionView>,
    /// The ids of the mentions the edit deleted.
    #[ts(type = "Array<number>")]
    pub removed: Vec<i64>,
}

/// The result of a relation edit.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RelationEdit {
    /// The relation created or changed; null when the edit deleted it.
    pub relation: Option<RelationView>,
    /// Every relation.
    pub relations: Vec<RelationView>,
}

/// The result of a claim edit (evidence included).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ClaimEdit {
    /// The claim created or changed (for `link_claims` the `from` claim); null when the
    /// edit deleted it.
    pub claim: Option<ClaimView>,
    /// Every claim.
    pub claims: Vec<ClaimView>,
}

/// The result of a source edit.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceEdit {
    /// The source created or changed; null when the edit deleted it.
    pub source: Option<SourceView>,
    /// Every source.
    pub sources: Vec<SourceView>,
}

// ---------------------------------------------------------------------------------------
// Inputs

/// A field of a patch that may be cleared: left out → [`Patch::Keep`], `null` →
/// [`Patch::Clear`], a value → [`Patch::Set`]. (Fields that cannot be cleared are plain
/// options: left out or `null` both keep them.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Patch<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

impl<T> Patch<T> {
    /// As the store's patches have it: `None` keeps, `Some(None)` clears.
    pub fn into_change(self) -> Option<Option<T>> {
        match self {
            Patch::Keep => None,
            Patch::Clear => Some(None),
            Patch::Set(value) => Some(Some(value)),
        }
    }

    /// The value being set, if any.
    pub fn set(&self) -> Option<&T> {
        match self {
            Patch::Set(value) => Some(value),
            _ => None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Patch::Set(value),
            None => Patch::Clear,
        })
    }
}

/// Another name of an entity.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewAlias {
    #[ts(as = "Lang")]
    pub lang: String,
    /// Left out: inferred from the characters.
    #[serde(default)]
    #[ts(as = "Option<Script>", optional)]
    pub script: Option<String>,
    pub text: String,
    /// An abbreviation such as 特材委 or SCOSMI.
    pub abbreviation: bool,
}

/// A new entity: at least one of the preferred names; `aliases` are its other names.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewEntity {
    /// One of the schema's entity types.
    pub type_name: String,
    #[serde(default)]
    #[ts(optional)]
    pub name_zh: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub name_en: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub notes: Option<String>,
    /// A stable slug such as `inst14` (ASCII letters, digits, `-_.:`), unique.
    #[serde(default)]
    #[ts(optional)]
    pub key: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub aliases: Option<Vec<NewAlias>>,
}

/// A change of an entity's own fields.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct EntityPatch {
    #[serde(default)]
    #[ts(optional)]
    pub type_name: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<String>", optional = nullable)]
    pub name_zh: Patch<String>,
    #[serde(default)]
    #[ts(as = "Option<String>", optional = nullable)]
    pub name_en: Patch<String>,
    #[serde(default)]
    #[ts(optional)]
    pub notes: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<String>", optional = nullable)]
    pub key: Patch<String>,
}

/// A span of a document's current text of `lang`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewAnchor {
    #[ts(type = "number")]
    pub document_id: i64,
    #[ts(as = "Lang")]
    pub lang: String,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    /// If given, it must equal the text at `start..end`.
    #[serde(default)]
    #[ts(optional)]
    pub quote: Option<String>,
}

/// `sourceId` `typeName` `targetId`, with the spans that state it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewRelation {
    /// One of the schema's relation types.
    pub type_name: String,
    #[ts(type = "number")]
    pub source_id: i64,
    #[ts(type = "number")]
    pub target_id: i64,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub anchors: Option<Vec<NewAnchor>>,
}

/// A new claim.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewClaim {
    /// One line of English.
    pub summary: String,
    /// Who makes the claim.
    #[serde(default)]
    #[ts(type = "number", optional)]
    pub claimant_id: Option<i64>,
    /// Whom or what it is about.
    #[serde(default)]
    #[ts(type = "Array<number>", optional)]
    pub subject_ids: Option<Vec<i64>>,
    /// When it says it happened, as the analyst writes it ("early October 2019",
    /// "2016年至2018年间", "before 1997").
    #[serde(default)]
    #[ts(optional)]
    pub time: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub anchors: Option<Vec<NewAnchor>>,
    /// Left out: unverified.
    #[serde(default)]
    #[ts(as = "Option<ClaimStatus>", optional)]
    pub status: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub rationale: Option<String>,
}

/// A change of a claim's summary, claimant or time (its status changes through
/// `set_claim_status`).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ClaimPatch {
    #[serde(default)]
    #[ts(optional)]
    pub summary: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<i32>", optional = nullable)]
    pub claimant_id: Patch<i64>,
    /// The analyst's words, as for a new claim.
    #[serde(default)]
    #[ts(as = "Option<String>", optional = nullable)]
    pub time: Patch<String>,
}

/// A new source of evidence.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewSource {
    pub title: String,
    #[ts(as = "SourceKind")]
    pub kind: String,
    #[serde(default)]
    #[ts(optional)]
    pub citation: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    #[ts(optional)]
    pub date: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub excerpt: Option<String>,
    /// The project document it is, if it is one.
    #[serde(default)]
    #[ts(type = "number", optional)]
    pub document_id: Option<i64>,
    /// `A`–`F`.
    pub reliability: String,
    /// 1–6.
    #[ts(type = "number")]
    pub credibility: i64,
}

/// A change of some of a source's fields.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SourcePatch {
    #[serde(default)]
    #[ts(optional)]
    pub title: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<SourceKind>", optional)]
    pub kind: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub citation: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<String>", optional = nullable)]
    pub date: Patch<String>,
    #[serde(default)]
    #[ts(optional)]
    pub excerpt: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<i32>", optional = nullable)]
    pub document_id: Patch<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub reliability: Option<String>,
    #[serde(default)]
    #[ts(type = "number", optional)]
    pub credibility: Option<i64>,
}

// ---------------------------------------------------------------------------------------
// Conversions from the store

impl From<store::AliasView> for AliasView {
    fn from(a: store::AliasView) -> Self {
        Self {
            id: a.id.0,
            lang: a.lang.into(),
            script: a.script.into(),
            text: a.text,
            abbreviation: a.abbreviation,
        }
    }
}

impl From<store::ExternalIdView> for ExternalIdView {
    fn from(x: store::ExternalIdView) -> Self {
        Self {
            id: x.id.0,
            scheme: x.scheme,
            value: x.value,
        }
    }
}

impl From<store::EntityView> for EntityView {
    fn from(e: store::EntityView) -> Self {
        Self {
            id: e.id.0,
            key: e.key,
            type_name: e.type_name,
            name_zh: e.name_zh,
            name_en: e.name_en,
            notes: e.notes,
            aliases: e.aliases.into_iter().map(Into::into).collect(),
            external_ids: e.external_ids.into_iter().map(Into::into).collect(),
            mention_count: e.mention_count,
        }
    }
}

impl From<store::MentionView> for MentionView {
    fn from(m: store::MentionView) -> Self {
        Self {
            id: m.id.0,
            lang: m.lang.into(),
            text_id: m.text_id.0,
            start: m.start,
            end: m.end,
            quote: m.quote,
            prefix: m.prefix,
            suffix: m.suffix,
            type_name: m.type_name,
            entity_id: m.entity.map(|e| e.0),
            origin: m.origin.into(),
            status: m.status.into(),
            orphaned: m.orphaned,
        }
    }
}

impl From<store::OneSidedMention> for OneSidedMention {
    fn from(m: store::OneSidedMention) -> Self {
        Self {
            mention: m.mention.into(),
            bead_id: m.bead.0,
            other_side_present: m.other_side_present,
        }
    }
}

impl From<store::AnchorView> for AnchorView {
    fn from(a: store::AnchorView) -> Self {
        Self {
            id: a.id.0,
            document_id: a.document.0,
            lang: a.lang.into(),
            text_id: a.text_id.0,
            start: a.start,
            end: a.end,
            quote: a.quote,
            prefix: a.prefix,
            suffix: a.suffix,
            orphaned: a.orphaned,
        }
    }
}

impl From<store::RelationView> for RelationView {
    fn from(r: store::RelationView) -> Self {
        Self {
            id: r.id.0,
            type_name: r.type_name,
            source_id: r.source.0,
            target_id: r.target.0,
            note: r.note,
            anchors: r.anchors.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<store::ClaimTime> for ClaimTime {
    fn from(t: store::ClaimTime) -> Self {
        Self {
            label: t.label,
            earliest: t.earliest,
            latest: t.latest,
        }
    }
}

impl From<store::ClaimLinkView> for ClaimLinkView {
    fn from(l: store::ClaimLinkView) -> Self {
        Self {
            id: l.id.0,
            other_id: l.other.0,
            kind: l.kind.into(),
            outgoing: l.outgoing,
            note: l.note,
        }
    }
}

impl From<store::StatusChangeView> for StatusChangeView {
    fn from(s: store::StatusChangeView) -> Self {
        Self {
            at: s.at,
            actor: s.actor,
            from: s.from.map(Into::into),
            to: s.to.into(),
            rationale: s.rationale,
        }
    }
}

impl From<store::SourceView> for SourceView {
    fn from(s: store::SourceView) -> Self {
        Self {
            id: s.id.0,
            title: s.title,
            kind: s.kind.into(),
            citation: s.citation,
            date: s.date,
            excerpt: s.excerpt,
            document_id: s.document.map(|d| d.0),
            reliability: s.reliability,
            credibility: s.credibility,
        }
    }
}

impl From<store::EvidenceView> for EvidenceView {
    fn from(e: store::EvidenceView) -> Self {
        Self {
            id: e.id.0,
            source: e.source.into(),
            stance: e.stance.into(),
            note: e.note,
        }
    }
}

impl From<store::ClaimView> for ClaimView {
    fn from(c: store::ClaimView) -> Self {
        Self {
            id: c.id.0,
            summary: c.summary,
            claimant_id: c.claimant.map(|e| e.0),
            subject_ids: c.subjects.into_iter().map(|e| e.0).collect(),
            time: c.time.map(Into::into),
            status: c.status.into(),
            rationale: c.rationale,
            anchors: c.anchors.into_iter().map(Into::into).collect(),
            links: c.links.into_iter().map(Into::into).collect(),
            evidence: c.evidence.into_iter().map(Into::into).collect(),
            history: c.history.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<store::EventRow> for HistoryEntry {
    fn from(e: store::EventRow) -> Self {
        Self {
            id: e.id.0,
            at: e.at,
            actor: e.actor,
            action: e.action,
            summary: e.summary,
            undone: e.undone,
        }
    }
}
