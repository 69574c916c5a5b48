//! The IPC commands of annotation and fact-checking: the schema of types, entities with
//! their aliases and external ids, mentions, relations, claims, sources and evidence, and
//! the history list. Like `commands`, each one checks its arguments, locks the project,
//! calls the store and converts the result into DTOs; errors cross as `{code, message}`.
//!
//! **Arguments.** Everything is checked here before the store sees it: ids are positive,
//! offsets non-negative with the start before the end, `lang` is `zh` or `en`, enum values
//! (statuses, kinds, stances, scripts) are one of their spellings, lists hold at most
//! 10,000 ids (and at least one where an edit needs one), one-line fields (names, summaries,
//! titles) at most 1,000 characters and longer texts (notes, rationales, excerpts) at most
//! 100,000, and a claim's time is read by `duizhao_core::fuzzy_time::parse_time`. Input
//! objects (`entity`, `patch`, `claim`, …) are read here rather than by Tauri, so an unknown
//! field or a wrong type inside one is an `invalid_argument` naming the argument too. What
//! needs the project (types in the schema, anchors inside their text with a matching
//! quote, Admiralty grades, a claim linked with itself, a `supports` cycle, unknown ids, …)
//! is the store's to refuse, and its errors pass through (`invalid`, `not_found`).
//!
//! **Edits name what they edit, and return it fresh.** Every write returns the item it
//! created or changed beside the whole list that item belongs to, read back after the
//! write, so the window re-renders from the project instead of patching its copy:
//!
//! - entity edits (and `split_entity`, `merge_entities`) → [`EntityEdit`]: the entity
//!   created, changed, kept (merge) or split off, `null` after a delete; every entity;
//! - mention edits name their document (`documentId`) and the mentions they touch must be
//!   in it (checked before writing, like the bead edits) → [`MentionEdit`]: how many
//!   mentions changed, the mention added (`add_mention`), and only the mentions the edit
//!   added or changed and the ids it deleted, because a book-length document has tens of
//!   thousands of mentions and a tag must show in a few milliseconds (the window patches
//!   its copy; `list_mentions` reads them all);
//! - relation edits → [`RelationEdit`]; claim and evidence edits → [`ClaimEdit`] (the claim,
//!   every claim); source edits → [`SourceEdit`];
//! - `add_entity_type` and `add_relation_type` → the schema.
//!
//! An edit that removes a part of an item (an alias, an anchor, a link, a piece of
//! evidence) names the item beside the part, and the part must belong to it.
//!
//! Edits reach beyond their own list: linking mentions teaches the registry aliases and
//! changes mention counts; merging, splitting or deleting an entity relinks or unlinks its
//! mentions and changes relations and claims; deleting a source removes its evidence. The
//! window re-reads those other lists after such an edit. Every edit is one undoable step of
//! the project's history (`undo`, `redo`), listed by `history`.

use std::str::FromStr;

use duizhao_core::fuzzy_time::parse_time;
use duizhao_core::Lang;
use duizhao_store::{
    self as store, AliasId, AnchorId, ClaimId, ClaimLinkId, ClaimLinkKind, ClaimStatus, DocumentId,
    EntityId, EvidenceId, ExternalIdId, MentionId, MentionOrigin, MentionStatus, Project,
    RelationId, Script, SourceId, SourceKind, Stance, StoreError,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use tauri::State;

use crate::annotation_dto::{
    AnnotationSchema, ClaimEdit, ClaimPatch, ClaimView, EntityEdit, EntityPatch, EntityView,
    HistoryEntry, MentionEdit, MentionView, NewAlias, NewAnchor, NewClaim, NewEntity, NewRelation,
    NewSource, OneSidedMention, Patch, RelationEdit, RelationView, SourceEdit, SourcePatch,
    SourceView,
};
use crate::commands::{positive_id, span};
use crate::error::IpcError;
use crate::{AppState, ACTOR};

/// The most ids a list argument may hold.
const MAX_ITEMS: usize = 10_000;
/// The longest one-line field (names, summaries, titles), in characters.
const MAX_LINE: usize = 1_000;
/// The longest free text (notes, rationales, citations, excerpts, quotes), in characters.
const MAX_TEXT: usize = 100_000;
/// The most history entries `history` returns at once.
const MAX_HISTORY: i64 = 10_000;

// ---------------------------------------------------------------------------------------
// Reads

/// The entity and relation types, in their order.
#[tauri::command(async)]
pub fn annotation_schema(state: State<'_, AppState>) -> Result<AnnotationSchema, IpcError> {
    state.with_project(|project| schema(project))
}

/// Every entity of the registry, by id.
#[tauri::command(async)]
pub fn list_entities(state: State<'_, AppState>) -> Result<Vec<EntityView>, IpcError> {
    state.with_project(|project| entities(project))
}

#[tauri::command(async)]
pub fn get_entity(state: State<'_, AppState>, entity_id: i64) -> Result<EntityView, IpcError> {
    positive_id("entityId", entity_id, "entity")?;
    state.with_project(|project| Ok(project.entity(EntityId(entity_id))?.into()))
}

/// The mentions of a document's texts: zh first, then by offset.
#[tauri::command(async)]
pub fn list_mentions(
    state: State<'_, AppState>,
    document_id: i64,
) -> Result<Vec<MentionView>, IpcError> {
    positive_id("documentId", document_id, "document")?;
    state.with_project(|project| mentions(project, document_id))
}

/// The document's accepted mentions without an accepted counterpart on the other side of
/// their bead (`invalid` for a document not aligned yet).
#[tauri::command(async)]
pub fn one_sided_mentions(
    state: State<'_, AppState>,
    document_id: i64,
) -> Result<Vec<OneSidedMention>, IpcError> {
    positive_id("documentId", document_id, "document")?;
    state.with_project(|project| {
        Ok(project
            .one_sided(DocumentId(document_id))?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

/// Every relation with its anchors, by id.
#[tauri::command(async)]
pub fn list_relations(state: State<'_, AppState>) -> Result<Vec<RelationView>, IpcError> {
    state.with_project(|project| relations(project))
}

/// Every claim with its anchors, links, evidence and status history, by id.
#[tauri::command(async)]
pub fn list_claims(state: State<'_, AppState>) -> Result<Vec<ClaimView>, IpcError> {
    state.with_project(|project| claims(project))
}

#[tauri::command(async)]
pub fn get_claim(state: State<'_, AppState>, claim_id: i64) -> Result<ClaimView, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    state.with_project(|project| Ok(project.claim(ClaimId(claim_id))?.into()))
}

/// Every source of evidence, by id.
#[tauri::command(async)]
pub fn list_sources(state: State<'_, AppState>) -> Result<Vec<SourceView>, IpcError> {
    state.with_project(|project| sources(project))
}

/// The newest `limit` (1–10,000) entries of the project's history, newest first.
#[tauri::command(async)]
pub fn history(state: State<'_, AppState>, limit: i64) -> Result<Vec<HistoryEntry>, IpcError> {
    if !(1..=MAX_HISTORY).contains(&limit) {
        return Err(IpcError::invalid_argument(
            "limit",
            format!("{limit} is not a number of entries between 1 and {MAX_HISTORY}"),
        ));
    }
    state.with_project(|project| {
        Ok(project
            .history(limit as usize)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

// ---------------------------------------------------------------------------------------
// The schema and entities

/// Adds an entity (and mention) type to the schema.
#[tauri::command(async)]
pub fn add_entity_type(
    state: State<'_, AppState>,
    name: String,
) -> Result<AnnotationSchema, IpcError> {
    line("name", &name)?;
    state.with_project(|project| {
        project.add_entity_type(&name, ACTOR)?;
        schema(project)
    })
}

/// Adds a relation type to the schema.
#[tauri::command(async)]
pub fn add_relation_type(
    state: State<'_, AppState>,
    name: String,
) -> Result<AnnotationSchema, IpcError> {
    line("name", &name)?;
    state.with_project(|project| {
        project.add_relation_type(&name, ACTOR)?;
        schema(project)
    })
}

/// Adds an entity to the registry, with its aliases.
#[tauri::command(async)]
pub fn create_entity(
    state: State<'_, AppState>,
    entity: Input<NewEntity>,
) -> Result<EntityEdit, IpcError> {
    let new = new_entity("entity", entity.read("entity")?)?;
    state.with_project(|project| {
        let id = project.create_entity(new, ACTOR)?;
        entity_edit(project, Some(id))
    })
}

/// Changes some of an entity's own fields (type, preferred names, notes, key).
#[tauri::command(async)]
pub fn update_entity(
    state: State<'_, AppState>,
    entity_id: i64,
    patch: Input<EntityPatch>,
) -> Result<EntityEdit, IpcError> {
    positive_id("entityId", entity_id, "entity")?;
    let patch = patch.read("patch")?;
    if let Some(t) = &patch.type_name {
        line("patch.typeName", t)?;
    }
    for (field, value) in [
        ("patch.nameZh", &patch.name_zh),
        ("patch.nameEn", &patch.name_en),
    ] {
        if let Some(name) = value.set() {
            line(field, name)?;
        }
    }
    if let Some(notes) = &patch.notes {
        text("patch.notes", notes)?;
    }
    if let Some(key) = patch.key.set() {
        line("patch.key", key)?;
    }
    let patch = store::EntityPatch {
        type_name: patch.type_name,
        name_zh: patch.name_zh.into_change(),
        name_en: patch.name_en.into_change(),
        notes: patch.notes,
        key: patch.key.into_change(),
    };
    state.with_project(|project| {
        project.update_entity(EntityId(entity_id), patch, ACTOR)?;
        entity_edit(project, Some(EntityId(entity_id)))
    })
}

/// Adds another name to an entity.
#[tauri::command(async)]
pub fn add_alias(
    state: State<'_, AppState>,
    entity_id: i64,
    alias: Input<NewAlias>,
) -> Result<EntityEdit, IpcError> {
    positive_id("entityId", entity_id, "entity")?;
    let alias = new_alias("alias", alias.read("alias")?)?;
    state.with_project(|project| {
        project.add_alias(EntityId(entity_id), alias, ACTOR)?;
        entity_edit(project, Some(EntityId(entity_id)))
    })
}

/// Removes an alias of the entity.
#[tauri::command(async)]
pub fn remove_alias(
    state: State<'_, AppState>,
    entity_id: i64,
    alias_id: i64,
) -> Result<EntityEdit, IpcError> {
    positive_id("entityId", entity_id, "entity")?;
    positive_id("aliasId", alias_id, "alias")?;
    state.with_project(|project| {
        let entity = project.entity(EntityId(entity_id))?;
        if !entity.aliases.iter().any(|a| a.id.0 == alias_id) {
            return Err(not_part("alias", alias_id, "entity", entity_id));
        }
        project.remove_alias(AliasId(alias_id), ACTOR)?;
        entity_edit(project, Some(EntityId(entity_id)))
    })
}

/// Adds an identifier of the entity in another system (`scheme`, e.g. `company-registry`,
/// and `value`).
#[tauri::command(async)]
pub fn add_external_id(
    state: State<'_, AppState>,
    entity_id: i64,
    scheme: String,
    value: String,
) -> Result<EntityEdit, IpcError> {
    positive_id("entityId", entity_id, "entity")?;
    line("scheme", &scheme)?;
    line("value", &value)?;
    state.with_project(|project| {
        project.add_external_id(EntityId(entity_id), &scheme, &value, ACTOR)?;
        entity_edit(project, Some(EntityId(entity_id)))
    })
}

/// Removes an external id of the entity.
#[tauri::command(async)]
pub fn remove_external_id(
    state: State<'_, AppState>,
    entity_id: i64,
    external_id_id: i64,
) -> Result<EntityEdit, IpcError> {
    positive_id("entityId", entity_id, "entity")?;
    positive_id("externalIdId", external_id_id, "external id")?;
    state.with_project(|project| {
        let entity = project.entity(EntityId(entity_id))?;
        if !entity.external_ids.iter().any(|x| x.id.0 == external_id_id) {
            return Err(not_part("external id", external_id_id, "entity", entity_id));
        }
        project.remove_external_id(ExternalIdId(external_id_id), ACTOR)?;
        entity_edit(project, Some(EntityId(entity_id)))
    })
}

/// Merges entity `absorbId` into `keepId`: its mentions, aliases, external ids, relations
/// and claims move to the kept entity, and it is deleted.
#[tauri::command(async)]
pub fn merge_entities(
    state: State<'_, AppState>,
    keep_id: i64,
    absorb_id: i64,
) -> Result<EntityEdit, IpcError> {
    positive_id("keepId", keep_id, "entity")?;
    positive_id("absorbId", absorb_id, "entity")?;
    state.with_project(|project| {
        project.merge_entities(EntityId(keep_id), EntityId(absorb_id), ACTOR)?;
        entity_edit(project, Some(EntityId(keep_id)))
    })
}

/// Splits off a new entity (`entity`) from one that conflates two, moving the given
/// mentions and aliases of `entityId` to it.
#[tauri::command(async)]
pub fn split_entity(
    state: State<'_, AppState>,
    entity_id: i64,
    entity: Input<NewEntity>,
    mention_ids: Vec<i64>,
    alias_ids: Vec<i64>,
) -> Result<EntityEdit, IpcError> {
    positive_id("entityId", entity_id, "entity")?;
    let new = new_entity("entity", entity.read("entity")?)?;
    let mentions = ids("mentionIds", &mention_ids, "mention", false)?;
    let aliases = ids("aliasIds", &alias_ids, "alias", false)?;
    state.with_project(|project| {
        let id = project.split_entity(
            EntityId(entity_id),
            new,
            mentions.into_iter().map(MentionId).collect(),
            aliases.into_iter().map(AliasId).collect(),
            ACTOR,
        )?;
        entity_edit(project, Some(id))
    })
}

/// Deletes an entity; its mentions stay, unlinked, and its relations and claim roles go.
#[tauri::command(async)]
pub fn delete_entity(state: State<'_, AppState>, entity_id: i64) -> Result<EntityEdit, IpcError> {
    positive_id("entityId", entity_id, "entity")?;
    state.with_project(|project| {
        project.delete_entity(EntityId(entity_id), ACTOR)?;
        entity_edit(project, None)
    })
}

// ---------------------------------------------------------------------------------------
// Mentions

/// Marks `start..end` of the document's `lang` text as a mention of `typeName`, optionally
/// linked to an entity: made by hand, so manual and accepted. `quote`, if given, must equal
/// the text there.
#[tauri::command(async)]
#[allow(clippy::too_many_arguments)]
pub fn add_mention(
    state: State<'_, AppState>,
    document_id: i64,
    lang: String,
    start: i64,
    end: i64,
    quote: Option<String>,
    type_name: String,
    entity_id: Option<i64>,
) -> Result<MentionEdit, IpcError> {
    positive_id("documentId", document_id, "document")?;
    let lang = language("lang", &lang)?;
    let range = span(("start", start), ("end", end))?;
    if let Some(quote) = &quote {
        text("quote", quote)?;
    }
    line("typeName", &type_name)?;
    if let Some(entity) = entity_id {
        positive_id("entityId", entity, "entity")?;
    }
    let new = store::NewMention {
        document: DocumentId(document_id),
        lang,
        start: range.start,
        end: range.end,
        quote,
        type_name,
        entity: entity_id.map(EntityId),
        origin: MentionOrigin::Manual,
        status: MentionStatus::Accepted,
    };
    state.with_project(|project| {
        let id = project.add_mention(new, ACTOR)?;
        let updated = mentions_by_id(project, document_id, &[id])?;
        Ok(MentionEdit {
            changed: 1,
            mention: updated.first().cloned(),
            updated,
            removed: Vec::new(),
        })
    })
}

/// Sets the status (`suggested`, `accepted`, `rejected`) of mentions of the document.
#[tauri::command(async)]
pub fn set_mention_status(
    state: State<'_, AppState>,
    document_id: i64,
    mention_ids: Vec<i64>,
    status: String,
) -> Result<MentionEdit, IpcError> {
    let status: MentionStatus = parse("status", &status)?;
    edit_mentions(&state, document_id, &mention_ids, |project, ids| {
        project.set_mention_status(ids, status, ACTOR)
    })
}

/// Changes the type of mentions of the document.
#[tauri::command(async)]
pub fn set_mention_type(
    state: State<'_, AppState>,
    document_id: i64,
    mention_ids: Vec<i64>,
    type_name: String,
) -> Result<MentionEdit, IpcError> {
    line("typeName", &type_name)?;
    edit_mentions(&state, document_id, &mention_ids, |project, ids| {
        project.set_mention_type(ids, &type_name, ACTOR)
    })
}

/// Links mentions of the document to an entity (which accepts them and teaches the
/// registry their text), or unlinks them with `entityId: null`.
#[tauri::command(async)]
pub fn link_mentions(
    state: State<'_, AppState>,
    document_id: i64,
    mention_ids: Vec<i64>,
    entity_id: Option<i64>,
) -> Result<MentionEdit, IpcError> {
    if let Some(entity) = entity_id {
        positive_id("entityId", entity, "entity")?;
    }
    edit_mentions(&state, document_id, &mention_ids, |project, ids| {
        project.link_mentions(ids, entity_id.map(EntityId), ACTOR)
    })
}

/// Deletes mentions of the document (to keep a wrong suggestion from coming back, reject
/// it instead).
#[tauri::command(async)]
pub fn delete_mentions(
    state: State<'_, AppState>,
    document_id: i64,
    mention_ids: Vec<i64>,
) -> Result<MentionEdit, IpcError> {
    edit_mentions(&state, document_id, &mention_ids, |project, ids| {
        project.delete_mentions(ids, ACTOR)
    })
}

/// Proposes, on the other side of their beads, the counterparts of the document's accepted
/// mentions, or of the mentions `mentionIds` names (left out or empty: all accepted ones),
/// as suggestions of origin `projected`. `invalid` for a document not aligned yet.
#[tauri::command(async)]
pub fn project_mentions(
    state: State<'_, AppState>,
    document_id: i64,
    mention_ids: Option<Vec<i64>>,
) -> Result<MentionEdit, IpcError> {
    positive_id("documentId", document_id, "document")?;
    let only: Vec<MentionId> = ids(
        "mentionIds",
        mention_ids.as_deref().unwrap_or_default(),
        "mention",
        false,
    )?
    .into_iter()
    .map(MentionId)
    .collect();
    let segmenter = state.segmenter();
    state.with_project(|project| {
        let newest = project.newest_mention()?;
        let changed = project.project_mentions(DocumentId(document_id), &only, segmenter, ACTOR)?;
        Ok(MentionEdit {
            changed,
            mention: None,
            updated: mentions_after(project, document_id, newest)?,
            removed: Vec::new(),
        })
    })
}

/// Suggests mentions in the document's texts: names of the registry, words jieba tags as
/// names, and patterns (dates, amounts); stored as suggestions, skipping spans already
/// marked with that type in any status (so a rejected suggestion does not come back).
#[tauri::command(async)]
pub fn suggest_mentions(
    state: State<'_, AppState>,
    document_id: i64,
) -> Result<MentionEdit, IpcError> {
    positive_id("documentId", document_id, "document")?;
    state.with_project(|project| {
        let newest = project.newest_mention()?;
        let changed = project.suggest_mentions(DocumentId(document_id), ACTOR)?;
        Ok(MentionEdit {
            changed,
            mention: None,
            updated: mentions_after(project, document_id, newest)?,
            removed: Vec::new(),
        })
    })
}

// ---------------------------------------------------------------------------------------
// Relations

/// Relates two entities (`sourceId` `typeName` `targetId`), with the spans that state it.
#[tauri::command(async)]
pub fn add_relation(
    state: State<'_, AppState>,
    relation: Input<NewRelation>,
) -> Result<RelationEdit, IpcError> {
    let relation = relation.read("relation")?;
    line("relation.typeName", &relation.type_name)?;
    positive_id("relation.sourceId", relation.source_id, "entity")?;
    positive_id("relation.targetId", relation.target_id, "entity")?;
    let note = relation.note.unwrap_or_default();
    text("relation.note", &note)?;
    let new = store::NewRelation {
        type_name: relation.type_name,
        source: EntityId(relation.source_id),
        target: EntityId(relation.target_id),
        note,
        anchors: anchors("relation.anchors", relation.anchors.unwrap_or_default())?,
    };
    state.with_project(|project| {
        let id = project.add_relation(new, ACTOR)?;
        relation_edit(project, Some(id))
    })
}

/// Deletes a relation with its anchors.
#[tauri::command(async)]
pub fn delete_relation(
    state: State<'_, AppState>,
    relation_id: i64,
) -> Result<RelationEdit, IpcError> {
    positive_id("relationId", relation_id, "relation")?;
    state.with_project(|project| {
        project.delete_relation(RelationId(relation_id), ACTOR)?;
        relation_edit(project, None)
    })
}

/// Adds a span that states the relation.
#[tauri::command(async)]
pub fn add_relation_anchor(
    state: State<'_, AppState>,
    relation_id: i64,
    anchor: Input<NewAnchor>,
) -> Result<RelationEdit, IpcError> {
    positive_id("relationId", relation_id, "relation")?;
    let anchor = new_anchor("anchor", anchor.read("anchor")?)?;
    state.with_project(|project| {
        project.add_relation_anchor(RelationId(relation_id), anchor, ACTOR)?;
        relation_edit(project, Some(RelationId(relation_id)))
    })
}

/// Removes an anchor of the relation.
#[tauri::command(async)]
pub fn remove_relation_anchor(
    state: State<'_, AppState>,
    relation_id: i64,
    anchor_id: i64,
) -> Result<RelationEdit, IpcError> {
    positive_id("relationId", relation_id, "relation")?;
    positive_id("anchorId", anchor_id, "anchor")?;
    state.with_project(|project| {
        let relation = project
            .relations()?
            .into_iter()
            .find(|r| r.id.0 == relation_id)
            .ok_or_else(|| {
                IpcError::new(
                    "not_found",
                    format!("relation {relation_id} does not exist"),
                )
            })?;
        if !relation.anchors.iter().any(|a| a.id.0 == anchor_id) {
            return Err(not_part("anchor", anchor_id, "relation", relation_id));
        }
        project.remove_relation_anchor(AnchorId(anchor_id), ACTOR)?;
        relation_edit(project, Some(RelationId(relation_id)))
    })
}

// ---------------------------------------------------------------------------------------
// Claims

/// Creates a claim with its subjects and anchors; its status (unverified unless given)
/// opens its status history. `time` is the analyst's words ("early October 2019"); an empty
/// one means no time.
#[tauri::command(async)]
pub fn create_claim(
    state: State<'_, AppState>,
    claim: Input<NewClaim>,
) -> Result<ClaimEdit, IpcError> {
    let claim = claim.read("claim")?;
    line("claim.summary", &claim.summary)?;
    if let Some(claimant) = claim.claimant_id {
        positive_id("claim.claimantId", claimant, "entity")?;
    }
    let subjects = ids(
        "claim.subjectIds",
        claim.subject_ids.as_deref().unwrap_or_default(),
        "entity",
        false,
    )?;
    let time = match &claim.time {
        Some(words) => time("claim.time", words)?,
        None => None,
    };
    let status = claim
        .status
        .as_deref()
        .map(|s| parse::<ClaimStatus>("claim.status", s))
        .transpose()?;
    let rationale = claim.rationale.unwrap_or_default();
    text("claim.rationale", &rationale)?;
    let new = store::NewClaim {
        summary: claim.summary,
        claimant: claim.claimant_id.map(EntityId),
        subjects: subjects.into_iter().map(EntityId).collect(),
        time,
        anchors: anchors("claim.anchors", claim.anchors.unwrap_or_default())?,
        status,
        rationale,
    };
    state.with_project(|project| {
        let id = project.create_claim(new, ACTOR)?;
        claim_edit(project, Some(id))
    })
}

/// Changes a claim's summary, claimant or time (`null` clears the claimant or the time).
#[tauri::command(async)]
pub fn update_claim(
    state: State<'_, AppState>,
    claim_id: i64,
    patch: Input<ClaimPatch>,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    let patch = patch.read("patch")?;
    if let Some(summary) = &patch.summary {
        line("patch.summary", summary)?;
    }
    if let Some(&claimant) = patch.claimant_id.set() {
        positive_id("patch.claimantId", claimant, "entity")?;
    }
    let time = match &patch.time {
        Patch::Keep => None,
        Patch::Clear => Some(None),
        Patch::Set(words) => Some(time("patch.time", words)?),
    };
    let patch = store::ClaimPatch {
        summary: patch.summary,
        claimant: patch.claimant_id.into_change().map(|c| c.map(EntityId)),
        time,
    };
    state.with_project(|project| {
        project.update_claim(ClaimId(claim_id), patch, ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

/// Sets a claim's status with the analyst's rationale, appending to its status history.
#[tauri::command(async)]
pub fn set_claim_status(
    state: State<'_, AppState>,
    claim_id: i64,
    status: String,
    rationale: Option<String>,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    let status: ClaimStatus = parse("status", &status)?;
    let rationale = rationale.unwrap_or_default();
    text("rationale", &rationale)?;
    state.with_project(|project| {
        project.set_claim_status(ClaimId(claim_id), status, &rationale, ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

/// Adds a span that states the claim.
#[tauri::command(async)]
pub fn add_claim_anchor(
    state: State<'_, AppState>,
    claim_id: i64,
    anchor: Input<NewAnchor>,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    let anchor = new_anchor("anchor", anchor.read("anchor")?)?;
    state.with_project(|project| {
        project.add_claim_anchor(ClaimId(claim_id), anchor, ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

/// Removes an anchor of the claim.
#[tauri::command(async)]
pub fn remove_claim_anchor(
    state: State<'_, AppState>,
    claim_id: i64,
    anchor_id: i64,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    positive_id("anchorId", anchor_id, "anchor")?;
    state.with_project(|project| {
        let claim = project.claim(ClaimId(claim_id))?;
        if !claim.anchors.iter().any(|a| a.id.0 == anchor_id) {
            return Err(not_part("anchor", anchor_id, "claim", claim_id));
        }
        project.remove_claim_anchor(AnchorId(anchor_id), ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

/// Adds an entity the claim is about.
#[tauri::command(async)]
pub fn add_claim_subject(
    state: State<'_, AppState>,
    claim_id: i64,
    entity_id: i64,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    positive_id("entityId", entity_id, "entity")?;
    state.with_project(|project| {
        project.add_claim_subject(ClaimId(claim_id), EntityId(entity_id), ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

/// Removes an entity from the claim's subjects.
#[tauri::command(async)]
pub fn remove_claim_subject(
    state: State<'_, AppState>,
    claim_id: i64,
    entity_id: i64,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    positive_id("entityId", entity_id, "entity")?;
    state.with_project(|project| {
        project.remove_claim_subject(ClaimId(claim_id), EntityId(entity_id), ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

/// Links claim `fromId` to `toId`: it `supports`, `contradicts` or is the `same_as` it.
/// Returns the `from` claim.
#[tauri::command(async)]
pub fn link_claims(
    state: State<'_, AppState>,
    from_id: i64,
    to_id: i64,
    kind: String,
    note: Option<String>,
) -> Result<ClaimEdit, IpcError> {
    positive_id("fromId", from_id, "claim")?;
    positive_id("toId", to_id, "claim")?;
    let kind: ClaimLinkKind = parse("kind", &kind)?;
    let note = note.unwrap_or_default();
    text("note", &note)?;
    state.with_project(|project| {
        project.link_claims(ClaimId(from_id), ClaimId(to_id), kind, &note, ACTOR)?;
        claim_edit(project, Some(ClaimId(from_id)))
    })
}

/// Removes a link of the claim with another (either direction).
#[tauri::command(async)]
pub fn unlink_claims(
    state: State<'_, AppState>,
    claim_id: i64,
    link_id: i64,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    positive_id("linkId", link_id, "claim link")?;
    state.with_project(|project| {
        let claim = project.claim(ClaimId(claim_id))?;
        if !claim.links.iter().any(|l| l.id.0 == link_id) {
            return Err(not_part("link", link_id, "claim", claim_id));
        }
        project.unlink_claims(ClaimLinkId(link_id), ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

/// Deletes a claim with its anchors, subjects, links, evidence and status history.
#[tauri::command(async)]
pub fn delete_claim(state: State<'_, AppState>, claim_id: i64) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    state.with_project(|project| {
        project.delete_claim(ClaimId(claim_id), ACTOR)?;
        claim_edit(project, None)
    })
}

// ---------------------------------------------------------------------------------------
// Sources and evidence

/// Adds a source of evidence, graded A–F (reliability) and 1–6 (credibility).
#[tauri::command(async)]
pub fn add_source(
    state: State<'_, AppState>,
    source: Input<NewSource>,
) -> Result<SourceEdit, IpcError> {
    let source = source.read("source")?;
    line("source.title", &source.title)?;
    let kind: SourceKind = parse("source.kind", &source.kind)?;
    let citation = source.citation.unwrap_or_default();
    text("source.citation", &citation)?;
    if let Some(date) = &source.date {
        line("source.date", date)?;
    }
    let excerpt = source.excerpt.unwrap_or_default();
    text("source.excerpt", &excerpt)?;
    if let Some(document) = source.document_id {
        positive_id("source.documentId", document, "document")?;
    }
    line("source.reliability", &source.reliability)?;
    let new = store::NewSource {
        title: source.title,
        kind,
        citation,
        date: source.date,
        excerpt,
        document: source.document_id.map(DocumentId),
        reliability: source.reliability,
        credibility: source.credibility,
    };
    state.with_project(|project| {
        let id = project.add_source(new, ACTOR)?;
        source_edit(project, Some(id))
    })
}

/// Changes some of a source's fields (`null` clears the date or the document).
#[tauri::command(async)]
pub fn update_source(
    state: State<'_, AppState>,
    source_id: i64,
    patch: Input<SourcePatch>,
) -> Result<SourceEdit, IpcError> {
    positive_id("sourceId", source_id, "source")?;
    let patch = patch.read("patch")?;
    if let Some(title) = &patch.title {
        line("patch.title", title)?;
    }
    let kind = patch
        .kind
        .as_deref()
        .map(|k| parse::<SourceKind>("patch.kind", k))
        .transpose()?;
    for (field, value) in [
        ("patch.citation", &patch.citation),
        ("patch.excerpt", &patch.excerpt),
    ] {
        if let Some(value) = value {
            text(field, value)?;
        }
    }
    if let Some(date) = patch.date.set() {
        line("patch.date", date)?;
    }
    if let Some(&document) = patch.document_id.set() {
        positive_id("patch.documentId", document, "document")?;
    }
    if let Some(reliability) = &patch.reliability {
        line("patch.reliability", reliability)?;
    }
    let patch = store::SourcePatch {
        title: patch.title,
        kind,
        citation: patch.citation,
        date: patch.date.into_change(),
        excerpt: patch.excerpt,
        document: patch.document_id.into_change().map(|d| d.map(DocumentId)),
        reliability: patch.reliability,
        credibility: patch.credibility,
    };
    state.with_project(|project| {
        project.update_source(SourceId(source_id), patch, ACTOR)?;
        source_edit(project, Some(SourceId(source_id)))
    })
}

/// Deletes a source with the evidence it gives.
#[tauri::command(async)]
pub fn delete_source(state: State<'_, AppState>, source_id: i64) -> Result<SourceEdit, IpcError> {
    positive_id("sourceId", source_id, "source")?;
    state.with_project(|project| {
        project.delete_source(SourceId(source_id), ACTOR)?;
        source_edit(project, None)
    })
}

/// Records that a source `supports`, `contradicts` or gives `context` to a claim.
#[tauri::command(async)]
pub fn link_evidence(
    state: State<'_, AppState>,
    claim_id: i64,
    source_id: i64,
    stance: String,
    note: Option<String>,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    positive_id("sourceId", source_id, "source")?;
    let stance: Stance = parse("stance", &stance)?;
    let note = note.unwrap_or_default();
    text("note", &note)?;
    state.with_project(|project| {
        project.link_evidence(ClaimId(claim_id), SourceId(source_id), stance, &note, ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

/// Removes a piece of evidence of the claim.
#[tauri::command(async)]
pub fn unlink_evidence(
    state: State<'_, AppState>,
    claim_id: i64,
    evidence_id: i64,
) -> Result<ClaimEdit, IpcError> {
    positive_id("claimId", claim_id, "claim")?;
    positive_id("evidenceId", evidence_id, "evidence")?;
    state.with_project(|project| {
        let claim = project.claim(ClaimId(claim_id))?;
        if !claim.evidence.iter().any(|e| e.id.0 == evidence_id) {
            return Err(not_part("evidence", evidence_id, "claim", claim_id));
        }
        project.unlink_evidence(EvidenceId(evidence_id), ACTOR)?;
        claim_edit(project, Some(ClaimId(claim_id)))
    })
}

// ---------------------------------------------------------------------------------------
// Input objects and argument checks

/// An input object as the window sent it, read by the command rather than by Tauri: an
/// unknown field or a wrong type inside it becomes an `invalid_argument` naming the
/// argument, like any other refused argument, instead of Tauri's bare message.
pub struct Input<T>(Result<T, String>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Input<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(Input(
            serde_json::from_value(value).map_err(|e| e.to_string()),
        ))
    }
}

impl<T> Input<T> {
    fn read(self, field: &str) -> Result<T, IpcError> {
        self.0
            .map_err(|problem| IpcError::invalid_argument(field, problem))
    }
}

fn language(field: &str, value: &str) -> Result<Lang, IpcError> {
    match value {
        "zh" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        other => Err(IpcError::invalid_argument(
            field,
            format!("`{other}` is not a language (expected `zh` or `en`)"),
        )),
    }
}

/// A value of one of the store's enums, by its spelling; the store's message lists the
/// allowed ones.
fn parse<T: FromStr<Err = StoreError>>(field: &str, value: &str) -> Result<T, IpcError> {
    value
        .parse()
        .map_err(|e: StoreError| IpcError::invalid_argument(field, e))
}

fn too_long(value: &str, max: usize) -> bool {
    value.len() > max && value.chars().count() > max
}

/// A one-line field (after trimming) of at most `MAX_LINE` characters.
fn line(field: &str, value: &str) -> Result<(), IpcError> {
    if too_long(value, MAX_LINE) {
        return Err(IpcError::invalid_argument(
            field,
            format!("longer than {MAX_LINE} characters"),
        ));
    }
    if value.trim().contains(['\n', '\r']) {
        return Err(IpcError::invalid_argument(field, "must be one line"));
    }
    Ok(())
}

/// A free text of at most `MAX_TEXT` characters.
fn text(field: &str, value: &str) -> Result<(), IpcError> {
    if too_long(value, MAX_TEXT) {
        return Err(IpcError::invalid_argument(
            field,
            format!("longer than {MAX_TEXT} characters"),
        ));
    }
    Ok(())
}

/// A list of ids: each positive, at most `MAX_ITEMS`, at least one if `required`.
fn ids(field: &str, list: &[i64], what: &str, required: bool) -> Result<Vec<i64>, IpcError> {
    if required && list.is_empty() {
        return Err(IpcError::invalid_argument(
            field,
            format!("no {what} ids given (at least one is needed)"),
        ));
    }
    if list.len() > MAX_ITEMS {
        return Err(IpcError::invalid_argument(
            field,
            format!("{} ids, the limit is {MAX_ITEMS}", list.len()),
        ));
    }
    for (i, &id) in list.iter().enumerate() {
        positive_id(&format!("{field}[{i}]"), id, what)?;
    }
    Ok(list.to_vec())
}

/// A claim's time from the analyst's words; blank means none.
fn time(field: &str, words: &str) -> Result<Option<store::ClaimTime>, IpcError> {
    line(field, words)?;
    if words.trim().is_empty() {
        return Ok(None);
    }
    let parsed = parse_time(words).map_err(|e| IpcError::invalid_argument(field, e))?;
    Ok(Some(store::ClaimTime {
        label: parsed.label,
        earliest: parsed.earliest,
        latest: parsed.latest,
    }))
}

fn new_anchor(field: &str, anchor: NewAnchor) -> Result<store::NewAnchor, IpcError> {
    positive_id(
        &format!("{field}.documentId"),
        anchor.document_id,
        "document",
    )?;
    let lang = language(&format!("{field}.lang"), &anchor.lang)?;
    let range = span(
        (&format!("{field}.start"), anchor.start),
        (&format!("{field}.end"), anchor.end),
    )?;
    if let Some(quote) = &anchor.quote {
        text(&format!("{field}.quote"), quote)?;
    }
    Ok(store::NewAnchor {
        document: DocumentId(anchor.document_id),
        lang,
        start: range.start,
        end: range.end,
        quote: anchor.quote,
    })
}

fn anchors(field: &str, list: Vec<NewAnchor>) -> Result<Vec<store::NewAnchor>, IpcError> {
    if list.len() > MAX_ITEMS {
        return Err(IpcError::invalid_argument(
            field,
            format!("{} anchors, the limit is {MAX_ITEMS}", list.len()),
        ));
    }
    list.into_iter()
        .enumerate()
        .map(|(i, a)| new_anchor(&format!("{field}[{i}]"), a))
        .collect()
}

fn new_alias(field: &str, alias: NewAlias) -> Result<store::NewAlias, IpcError> {
    let lang = language(&format!("{field}.lang"), &alias.lang)?;
    let script = alias
        .script
        .as_deref()
        .map(|s| parse::<Script>(&format!("{field}.script"), s))
        .transpose()?;
    line(&format!("{field}.text"), &alias.text)?;
    Ok(store::NewAlias {
        lang,
        script,
        text: alias.text,
        abbreviation: alias.abbreviation,
    })
}

fn new_entity(field: &str, entity: NewEntity) -> Result<store::NewEntity, IpcError> {
    line(&format!("{field}.typeName"), &entity.type_name)?;
    for (name, value) in [("nameZh", &entity.name_zh), ("nameEn", &entity.name_en)] {
        if let Some(value) = value {
            line(&format!("{field}.{name}"), value)?;
        }
    }
    let notes = entity.notes.unwrap_or_default();
    text(&format!("{field}.notes"), &notes)?;
    if let Some(key) = &entity.key {
        line(&format!("{field}.key"), key)?;
    }
    let aliases = entity.aliases.unwrap_or_default();
    if aliases.len() > MAX_ITEMS {
        return Err(IpcError::invalid_argument(
            &format!("{field}.aliases"),
            format!("{} aliases, the limit is {MAX_ITEMS}", aliases.len()),
        ));
    }
    let aliases = aliases
        .into_iter()
        .enumerate()
        .map(|(i, a)| new_alias(&format!("{field}.aliases[{i}]"), a))
        .collect::<Result<_, _>>()?;
    Ok(store::NewEntity {
        type_name: entity.type_name,
        name_zh: entity.name_zh,
        name_en: entity.name_en,
        notes,
        key: entity.key,
        aliases,
    })
}

/// `not_found`: a part named beside its owner is not the owner's.
fn not_part(part: &str, part_id: i64, owner: &str, owner_id: i64) -> IpcError {
    IpcError::new(
        "not_found",
        format!("{part} {part_id} is not one of {owner} {owner_id}'s"),
    )
}

// ---------------------------------------------------------------------------------------
// Fresh reads after an edit

fn schema(project: &Project) -> Result<AnnotationSchema, IpcError> {
    Ok(AnnotationSchema {
        entity_types: project.entity_types()?,
        relation_types: project.relation_types()?,
    })
}

fn entities(project: &Project) -> Result<Vec<EntityView>, IpcError> {
    Ok(project.entities()?.into_iter().map(Into::into).collect())
}

fn mentions(project: &Project, document_id: i64) -> Result<Vec<MentionView>, IpcError> {
    Ok(project
        .mentions(DocumentId(document_id))?
        .into_iter()
        .map(Into::into)
        .collect())
}

fn mentions_by_id(
    project: &Project,
    document_id: i64,
    ids: &[MentionId],
) -> Result<Vec<MentionView>, IpcError> {
    Ok(project
        .mentions_by_id(DocumentId(document_id), ids)?
        .into_iter()
        .map(Into::into)
        .collect())
}

fn mentions_after(
    project: &Project,
    document_id: i64,
    after: MentionId,
) -> Result<Vec<MentionView>, IpcError> {
    Ok(project
        .mentions_after(DocumentId(document_id), after)?
        .into_iter()
        .map(Into::into)
        .collect())
}

fn relations(project: &Project) -> Result<Vec<RelationView>, IpcError> {
    Ok(project.relations()?.into_iter().map(Into::into).collect())
}

fn claims(project: &Project) -> Result<Vec<ClaimView>, IpcError> {
    Ok(project.claims()?.into_iter().map(Into::into).collect())
}

fn sources(project: &Project) -> Result<Vec<SourceView>, IpcError> {
    Ok(project.sources()?.into_iter().map(Into::into).collect())
}

fn entity_edit(project: &Project, entity: Option<EntityId>) -> Result<EntityEdit, IpcError> {
    let entities = entities(project)?;
    let entity = entity.and_then(|id| entities.iter().find(|e| e.id == id.0).cloned());
    Ok(EntityEdit { entity, entities })
}

fn relation_edit(
    project: &Project,
    relation: Option<RelationId>,
) -> Result<RelationEdit, IpcError> {
    let relations = relations(project)?;
    let relation = relation.and_then(|id| relations.iter().find(|r| r.id == id.0).cloned());
    Ok(RelationEdit {
        relation,
        relations,
    })
}

fn claim_edit(project: &Project, claim: Option<ClaimId>) -> Result<ClaimEdit, IpcError> {
    let claims = claims(project)?;
    let claim = claim.and_then(|id| claims.iter().find(|c| c.id == id.0).cloned());
    Ok(ClaimEdit { claim, claims })
}

fn source_edit(project: &Project, source: Option<SourceId>) -> Result<SourceEdit, IpcError> {
    let sources = sources(project)?;
    let source = source.and_then(|id| sources.iter().find(|s| s.id == id.0).cloned());
    Ok(SourceEdit { source, sources })
}

/// Checks the document and mention ids, checks that every mention is in the document,
/// applies the edit and returns those mentions as they now are (or as deleted).
fn edit_mentions(
    state: &AppState,
    document_id: i64,
    mention_ids: &[i64],
    edit: impl FnOnce(&mut Project, &[MentionId]) -> Result<usize, StoreError>,
) -> Result<MentionEdit, IpcError> {
    positive_id("documentId", document_id, "document")?;
    let wanted: Vec<MentionId> = ids("mentionIds", mention_ids, "mention", true)?
        .into_iter()
        .map(MentionId)
        .collect();
    state.with_project(|project| {
        let before = project.mentions_by_id(DocumentId(document_id), &wanted)?;
        if let Some(missing) = wanted
            .iter()
            .find(|id| !before.iter().any(|m| m.id == **id))
        {
            return Err(IpcError::new(
                "not_found",
                format!("mention {missing} is not in document {document_id}"),
            ));
        }
        let changed = edit(project, &wanted)?;
        // What is gone was deleted; the rest is as the edit left it.
        let updated = mentions_by_id(project, document_id, &wanted)?;
        let removed = wanted
            .iter()
            .filter(|id| !updated.iter().any(|m| m.id == id.0))
            .map(|id| id.0)
            .collect();
        Ok(MentionEdit {
            changed,
            mention: None,
            updated,
            removed,
        })
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};
    use tauri::test::MockRuntime;
    use tauri::WebviewWindow;

    use crate::test_support::{app, expect_error, invoke, sample_state};

    type Window = WebviewWindow<MockRuntime>;

    /// The sample statement's id.
    fn statement(window: &Window) -> Value {
        invoke(window, "list_documents", json!({})).unwrap()[0]["id"].clone()
    }

    /// The code-point span of the first `needle` in the document's `lang` text, found
    /// through its sentences as the window sees them.
    fn find(window: &Window, document: &Value, lang: &str, needle: &str) -> (i64, i64) {
        let view = invoke(window, "get_document", json!({ "id": document })).unwrap();
        let text = view["texts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["lang"] == lang)
            .unwrap();
        for sentence in text["sentences"].as_array().unwrap() {
            let content = sentence["text"].as_str().unwrap();
            if let Some(byte) = content.find(needle) {
                let start =
                    sentence["start"].as_i64().unwrap() + content[..byte].chars().count() as i64;
                return (start, start + needle.chars().count() as i64);
            }
        }
        panic!("{needle:?} is not in the {lang} text");
    }

    fn ok(window: &Window, command: &str, args: Value) -> Value {
        invoke(window, command, args.clone())
            .unwrap_or_else(|error| panic!("{command} {args}: {error}"))
    }

    fn history(window: &Window) -> Value {
        ok(window, "history", json!({ "limit": 100 }))
    }

    /// The entity with this key in a list of entities (the sample's seed registry has keys).
    fn entity_by_key(entities: &Value, key: &str) -> Value {
        entities
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["key"] == key)
            .unwrap_or_else(|| panic!("no entity {key:?} in {entities}"))
            .clone()
    }

    /// The ids of a list of entities or mentions, in its order.
    fn ids_of(list: &Value) -> Vec<Value> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].clone())
            .collect()
    }

    /// A list of mentions as the window has it after an edit: `before` with the edit's
    /// `updated` mentions put in (replacing those with their id) and its `removed` ones
    /// taken out, sorted by id.
    fn patched(before: &Value, edit: &Value) -> Value {
        let updated = edit["updated"].as_array().unwrap();
        let removed = edit["removed"].as_array().unwrap();
        let mut list: Vec<Value> = before
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| !removed.contains(&m["id"]) && !updated.iter().any(|u| u["id"] == m["id"]))
            .cloned()
            .chain(updated.iter().cloned())
            .collect();
        list.sort_by_key(|m| m["id"].as_i64().unwrap());
        json!(list)
    }

    /// The document's mentions as `list_mentions` returns them, sorted by id; after an edit
    /// this must equal the window's copy patched with the edit's result ([`patched`]).
    fn mentions_by_id(window: &WebviewWindow<MockRuntime>, doc: &Value) -> Value {
        patched(
            &ok(window, "list_mentions", json!({ "documentId": doc })),
            &json!({ "updated": [], "removed": [] }),
        )
    }

    /// The mention with this id in a list of mentions.
    fn mention_in(mentions: &Value, id: &Value) -> Value {
        mentions
            .as_array()
            .unwrap()
            .iter()
            .find(|m| &m["id"] == id)
            .unwrap_or_else(|| panic!("no mention {id} in {mentions}"))
            .clone()
    }

    /// The first of the document's mentions of `lang` quoting `quote` with this type.
    fn mention_quoting(mentions: &Value, lang: &str, quote: &str, type_name: &str) -> Value {
        mentions
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["lang"] == lang && m["quote"] == quote && m["typeName"] == type_name)
            .unwrap_or_else(|| panic!("no {lang} {type_name} mention {quote:?}"))
            .clone()
    }

    #[test]
    fn an_entity_its_mentions_and_a_claim_with_evidence_through_the_ipc() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let doc = statement(&window);

        let schema = ok(&window, "annotation_schema", json!({}));
        assert!(schema["entityTypes"]
            .as_array()
            .unwrap()
            .contains(&json!("person")));
        assert!(schema["relationTypes"]
            .as_array()
            .unwrap()
            .contains(&json!("works_for")));
        // The sample comes with the seed registry; Ouyang Chong is in it.
        let registry = ok(&window, "list_entities", json!({}));
        let ouyang = entity_by_key(&registry, "ouyang-chong");
        assert_eq!(ouyang["nameZh"], "欧阳翀");
        assert_eq!(ouyang["typeName"], "person");
        let ouyang_id = ouyang["id"].clone();

        // An entity with an alias: his supervisor, whom the registry does not know. It
        // joins the registry's entities.
        let created = ok(
            &window,
            "create_entity",
            json!({ "entity": {
                "typeName": "person", "nameZh": "仇敩林", "nameEn": "Qiu Xiaolin",
                "aliases": [{ "lang": "en", "text": "Professor Qiu", "abbreviation": false }],
            }}),
        );
        let person = created["entity"].clone();
        let person_id = person["id"].clone();
        assert_eq!(person["typeName"], "person");
        assert_eq!(person["nameZh"], "仇敩林");
        assert_eq!(person["aliases"][0]["text"], "Professor Qiu");
        assert_eq!(person["aliases"][0]["script"], "latin");
        assert_eq!(person["mentionCount"], 0);
        let mut entities = registry.as_array().unwrap().clone();
        entities.push(person.clone());
        assert_eq!(created["entities"], json!(entities));
        assert_eq!(
            ok(&window, "get_entity", json!({ "entityId": person_id })),
            person
        );

        // A span the suggester proposed, marked by hand: that suggestion is accepted (same
        // mention, its origin kept) and nothing else changes. Then it is linked to the entity.
        let before = ok(&window, "list_mentions", json!({ "documentId": doc }));
        let suggestion = mention_quoting(&before, "zh", "仇敩林", "person");
        assert_eq!(suggestion["status"], "suggested");
        let (start, end) = find(&window, &doc, "zh", "仇敩林");
        let added = ok(
            &window,
            "add_mention",
            json!({
                "documentId": doc, "lang": "zh", "start": start, "end": end,
                "quote": "仇敩林", "typeName": "person",
            }),
        );
        assert_eq!(added["changed"], 1);
        let mention = added["mention"].clone();
        assert_eq!(mention["id"], suggestion["id"]);
        assert_eq!(mention["quote"], "仇敩林");
        assert_eq!(mention["origin"], "rule");
        assert_eq!(mention["status"], "accepted");
        assert_eq!(mention["entityId"], Value::Null);
        assert_eq!(mention["lang"], "zh");
        let mut accepted = suggestion.clone();
        accepted["status"] = json!("accepted");
        assert_eq!(mention, accepted);
        let expected: Vec<Value> = before
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                if m["id"] == mention["id"] {
                    mention.clone()
                } else {
                    m.clone()
                }
            })
            .collect();
        assert_eq!(added["updated"], json!([mention]));
        assert_eq!(added["removed"], json!([]));
        let added_all = patched(&before, &added);
        assert_eq!(added_all, patched(&json!(expected), &added));
        assert_eq!(mentions_by_id(&window, &doc), added_all);
        let linked = ok(
            &window,
            "link_mentions",
            json!({ "documentId": doc, "mentionIds": [mention["id"]], "entityId": person_id }),
        );
        assert_eq!(linked["changed"], 1);
        assert_eq!(linked["mention"], Value::Null);
        assert_eq!(
            mention_in(&linked["updated"], &mention["id"])["entityId"],
            person_id
        );
        let linked_all = patched(&added_all, &linked);
        assert_eq!(mentions_by_id(&window, &doc), linked_all);
        let person = ok(&window, "get_entity", json!({ "entityId": person_id }));
        assert_eq!(person["mentionCount"], 1);

        // The zh mention (the only accepted one) has no counterpart in its bead until the en
        // name is marked too: by hand, on a span nothing suggested, so a new mention.
        let one_sided = ok(&window, "one_sided_mentions", json!({ "documentId": doc }));
        assert_eq!(one_sided.as_array().unwrap().len(), 1, "{one_sided}");
        assert_eq!(one_sided[0]["mention"]["id"], mention["id"]);
        assert_eq!(one_sided[0]["otherSidePresent"], true);
        let (en_start, en_end) = find(&window, &doc, "en", "Professor Qiu Xiaolin");
        let both = ok(
            &window,
            "add_mention",
            json!({
                "documentId": doc, "lang": "en", "start": en_start, "end": en_end,
                "typeName": "person", "entityId": person_id,
            }),
        );
        assert_eq!(both["changed"], 1);
        assert_eq!(both["mention"]["quote"], "Professor Qiu Xiaolin");
        assert_eq!(both["mention"]["origin"], "manual");
        assert_eq!(both["mention"]["status"], "accepted");
        assert_eq!(both["mention"]["entityId"], person_id);
        assert_eq!(both["updated"], json!([both["mention"]]));
        let both_all = patched(&linked_all, &both);
        assert_eq!(
            both_all.as_array().unwrap().len(),
            before.as_array().unwrap().len() + 1
        );
        assert_eq!(mentions_by_id(&window, &doc), both_all);
        assert_eq!(
            ok(&window, "one_sided_mentions", json!({ "documentId": doc })),
            json!([])
        );
        assert_eq!(
            ok(&window, "get_entity", json!({ "entityId": person_id }))["mentionCount"],
            2
        );

        // An organisation and a relation stated in the text.
        let org = ok(
            &window,
            "create_entity",
            json!({ "entity": { "typeName": "organisation", "nameZh": "关中理工大学" } }),
        )["entity"]["id"]
            .clone();
        let (o_start, o_end) = find(&window, &doc, "zh", "关中理工大学");
        let relation = ok(
            &window,
            "add_relation",
            json!({ "relation": {
                "typeName": "alumnus_of", "sourceId": ouyang_id, "targetId": org,
                "note": "master's degree, 2006",
                "anchors": [{ "documentId": doc, "lang": "zh", "start": o_start, "end": o_end }],
            }}),
        );
        assert_eq!(relation["relation"]["typeName"], "alumnus_of");
        assert_eq!(relation["relation"]["anchors"][0]["quote"], "关中理工大学");
        assert_eq!(relation["relations"].as_array().unwrap().len(), 1);

        // A claim with an anchor, a time in the analyst's words, and two sources that
        // disagree.
        let (c_start, c_end) = find(&window, &doc, "zh", "1981年6月生");
        let created = ok(
            &window,
            "create_claim",
            json!({ "claim": {
                "summary": "Ouyang Chong was born in June 1981",
                "claimantId": ouyang_id, "subjectIds": [ouyang_id], "time": "June 1981",
                "anchors": [{
                    "documentId": doc, "lang": "zh", "start": c_start, "end": c_end,
                    "quote": "1981年6月生",
                }],
            }}),
        );
        let claim = created["claim"].clone();
        let claim_id = claim["id"].clone();
        assert_eq!(claim["status"], "unverified");
        assert_eq!(
            claim["time"],
            json!({ "label": "June 1981", "earliest": "1981-06-01", "latest": "1981-06-30" })
        );
        assert_eq!(claim["subjectIds"], json!([ouyang_id]));
        assert_eq!(claim["claimantId"], ouyang_id);
        assert_eq!(claim["anchors"][0]["quote"], "1981年6月生");
        assert_eq!(claim["anchors"][0]["documentId"], doc);
        assert_eq!(claim["history"].as_array().unwrap().len(), 1);
        assert_eq!(created["claims"], json!([claim]));

        let passport = ok(
            &window,
            "add_source",
            json!({ "source": {
                "title": "Passport E37158264", "kind": "document", "date": "2015-03",
                "excerpt": "Date of birth: 12 JUN 1981", "reliability": "b", "credibility": 2,
            }}),
        );
        assert_eq!(passport["source"]["reliability"], "B");
        assert_eq!(passport["source"]["kind"], "document");
        let registry = ok(
            &window,
            "add_source",
            json!({ "source": {
                "title": "Household registry extract", "kind": "record",
                "citation": "Weichuan public security bureau", "reliability": "C",
                "credibility": 3, "documentId": doc,
            }}),
        );
        assert_eq!(registry["source"]["documentId"], doc);
        assert_eq!(registry["sources"].as_array().unwrap().len(), 2);
        ok(
            &window,
            "link_evidence",
            json!({
                "claimId": claim_id, "sourceId": passport["source"]["id"],
                "stance": "supports", "note": "same month",
            }),
        );
        let with_evidence = ok(
            &window,
            "link_evidence",
            json!({
                "claimId": claim_id, "sourceId": registry["source"]["id"],
                "stance": "contradicts", "note": "gives 1982",
            }),
        )["claim"]
            .clone();
        let stances: Vec<&Value> = with_evidence["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["stance"])
            .collect();
        assert_eq!(stances, [&json!("supports"), &json!("contradicts")]);
        assert_eq!(
            with_evidence["evidence"][0]["source"]["title"],
            "Passport E37158264"
        );

        let disputed = ok(
            &window,
            "set_claim_status",
            json!({ "claimId": claim_id, "status": "disputed", "rationale": "the sources disagree" }),
        )["claim"]
            .clone();
        assert_eq!(disputed["status"], "disputed");
        assert_eq!(disputed["rationale"], "the sources disagree");
        let changes = disputed["history"].as_array().unwrap();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1]["from"], "unverified");
        assert_eq!(changes[1]["to"], "disputed");
        assert_eq!(changes[1]["actor"], "Duizhao desktop");

        // Read back as the window would after reopening.
        assert_eq!(
            ok(&window, "get_claim", json!({ "claimId": claim_id })),
            disputed
        );
        assert_eq!(ok(&window, "list_claims", json!({})), json!([disputed]));
        assert_eq!(ok(&window, "list_sources", json!({})), registry["sources"]);
        assert_eq!(
            ok(&window, "list_relations", json!({})),
            relation["relations"]
        );

        // The history lists every edit, newest first, without payloads: this test's, then the
        // sample's.
        let entries = history(&window);
        let actions: Vec<&str> = entries
            .as_array()
            .unwrap()
            .iter()
            .take(13)
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            [
                "set_claim_status",
                "link_evidence",
                "link_evidence",
                "add_source",
                "add_source",
                "create_claim",
                "add_relation",
                "create_entity",
                "add_mention",
                "link_mentions",
                "add_mention",
                "create_entity",
                "store_suggestions",
            ]
        );
        let newest = &entries[0];
        assert_eq!(newest["actor"], "Duizhao desktop");
        assert_eq!(newest["undone"], false);
        assert!(
            newest["summary"].as_str().unwrap().contains("disputed"),
            "{newest}"
        );
        assert!(newest.get("payload").is_none());
        assert_eq!(
            ok(&window, "history", json!({ "limit": 2 }))
                .as_array()
                .unwrap()
                .len(),
            2
        );

        // Undo takes the status back like any edit.
        assert_eq!(ok(&window, "undo", json!({}))["action"], "set_claim_status");
        let claim = ok(&window, "get_claim", json!({ "claimId": claim_id }));
        assert_eq!(claim["status"], "unverified");
        assert_eq!(history(&window)[0]["action"], "undo");
        assert_eq!(history(&window)[1]["undone"], true);
    }

    #[test]
    fn entities_are_edited_merged_split_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let doc = statement(&window);
        let registry = ok(&window, "list_entities", json!({}));
        let create = |entity: Value| ok(&window, "create_entity", json!({ "entity": entity }));

        // A key names one entity: the seed registry's institute already has this one.
        let registered = entity_by_key(&registry, "inst14");
        let error = invoke(
            &window,
            "create_entity",
            json!({ "entity": { "typeName": "organisation", "nameZh": "十四所", "key": "inst14" } }),
        )
        .unwrap_err();
        expect_error(
            &error,
            "invalid",
            &format!("already used by entity {}", registered["id"]),
        );
        assert_eq!(ok(&window, "list_entities", json!({})), registry);

        let inst = create(json!({ "typeName": "organisation", "nameZh": "十四所", "key": "no14" }))
            ["entity"]["id"]
            .clone();
        let twin = create(json!({
            "typeName": "organisation", "nameEn": "Institute 14",
            "aliases": [{ "lang": "en", "text": "I-14", "abbreviation": true }],
        }))["entity"]["id"]
            .clone();

        let updated = ok(
            &window,
            "update_entity",
            json!({ "entityId": inst, "patch": { "notes": "research institute", "key": null } }),
        );
        assert_eq!(updated["entity"]["notes"], "research institute");
        assert_eq!(updated["entity"]["key"], Value::Null);
        assert_eq!(updated["entity"]["nameZh"], "十四所");

        let with_id = ok(
            &window,
            "add_external_id",
            json!({ "entityId": inst, "scheme": "company-registry", "value": "2287164" }),
        );
        let external = with_id["entity"]["externalIds"][0].clone();
        assert_eq!(external["scheme"], "company-registry");
        let alias = ok(
            &window,
            "add_alias",
            json!({ "entityId": inst, "alias": { "lang": "zh", "text": "第十四研究所", "abbreviation": false } }),
        )["entity"]["aliases"][0]
            .clone();
        assert_eq!(alias["script"], "simplified");

        // Parts named beside the wrong owner are refused.
        let error = invoke(
            &window,
            "remove_external_id",
            json!({ "entityId": twin, "externalIdId": external["id"] }),
        )
        .unwrap_err();
        expect_error(&error, "not_found", "is not one of entity");
        let removed = ok(
            &window,
            "remove_external_id",
            json!({ "entityId": inst, "externalIdId": external["id"] }),
        );
        assert_eq!(removed["entity"]["externalIds"], json!([]));
        let removed = ok(
            &window,
            "remove_alias",
            json!({ "entityId": inst, "aliasId": alias["id"] }),
        );
        assert_eq!(removed["entity"]["aliases"], json!([]));

        // Merge the twin: its English name becomes the kept entity's.
        let merged = ok(
            &window,
            "merge_entities",
            json!({ "keepId": inst, "absorbId": twin }),
        );
        assert_eq!(merged["entity"]["id"], inst);
        assert_eq!(merged["entity"]["nameEn"], "Institute 14");
        let mut kept = ids_of(&registry);
        kept.push(inst.clone());
        assert_eq!(ids_of(&merged["entities"]), kept);

        // Split a mention off into a new entity.
        let (start, end) = find(&window, &doc, "zh", "欧阳翀");
        let mention = ok(
            &window,
            "add_mention",
            json!({
                "documentId": doc, "lang": "zh", "start": start, "end": end,
                "typeName": "organisation", "entityId": inst,
            }),
        )["mention"]
            .clone();
        let alias_id = ok(&window, "get_entity", json!({ "entityId": inst }))["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["text"] == "I-14")
            .unwrap()["id"]
            .clone();
        let split = ok(
            &window,
            "split_entity",
            json!({
                "entityId": inst,
                "entity": { "typeName": "person", "nameZh": "欧阳翀" },
                "mentionIds": [mention["id"]], "aliasIds": [alias_id],
            }),
        );
        let new_id = split["entity"]["id"].clone();
        assert_ne!(new_id, inst);
        assert_eq!(split["entity"]["mentionCount"], 1);
        assert_eq!(split["entity"]["aliases"][0]["text"], "I-14");
        let mentions = ok(&window, "list_mentions", json!({ "documentId": doc }));
        assert_eq!(mention_in(&mentions, &mention["id"])["entityId"], new_id);

        // Deleting it unlinks the mention.
        let deleted = ok(&window, "delete_entity", json!({ "entityId": new_id }));
        assert_eq!(deleted["entity"], Value::Null);
        assert_eq!(ids_of(&deleted["entities"]), kept);
        let mentions = ok(&window, "list_mentions", json!({ "documentId": doc }));
        assert_eq!(
            mention_in(&mentions, &mention["id"])["entityId"],
            Value::Null
        );

        // New types join the schema.
        let schema = ok(&window, "add_entity_type", json!({ "name": "vessel" }));
        assert!(schema["entityTypes"]
            .as_array()
            .unwrap()
            .contains(&json!("vessel")));
        let schema = ok(
            &window,
            "add_relation_type",
            json!({ "name": "sailed_for" }),
        );
        assert!(schema["relationTypes"]
            .as_array()
            .unwrap()
            .contains(&json!("sailed_for")));
    }

    #[test]
    fn mentions_are_accepted_retyped_projected_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let doc = statement(&window);
        let person =
            entity_by_key(&ok(&window, "list_entities", json!({})), "ouyang-chong")["id"].clone();
        // The sample already suggests the English name; that suggestion is deleted so that
        // projection has to find the name again.
        let sample = ok(&window, "list_mentions", json!({ "documentId": doc }));
        let en_name = mention_quoting(&sample, "en", "Ouyang Chong", "person");
        let gone = ok(
            &window,
            "delete_mentions",
            json!({ "documentId": doc, "mentionIds": [en_name["id"]] }),
        );
        assert_eq!(gone["changed"], 1);
        assert_eq!(gone["removed"], json!([en_name["id"]]));
        assert_eq!(gone["updated"], json!([]));
        assert_eq!(mentions_by_id(&window, &doc), patched(&sample, &gone));
        let (start, end) = find(&window, &doc, "zh", "欧阳翀");
        let mention = ok(
            &window,
            "add_mention",
            json!({
                "documentId": doc, "lang": "zh", "start": start, "end": end,
                "typeName": "person", "entityId": person,
            }),
        )["mention"]
            .clone();
        // Marking the zh name accepted the sample's suggestion of it.
        assert_eq!(
            mention["id"],
            mention_quoting(&sample, "zh", "欧阳翀", "person")["id"]
        );
        assert_eq!(mention["status"], "accepted");
        let ids = json!([mention["id"]]);

        let rejected = ok(
            &window,
            "set_mention_status",
            json!({ "documentId": doc, "mentionIds": ids, "status": "rejected" }),
        );
        assert_eq!(
            mention_in(&rejected["updated"], &mention["id"])["status"],
            "rejected"
        );
        let accepted = ok(
            &window,
            "set_mention_status",
            json!({ "documentId": doc, "mentionIds": ids, "status": "accepted" }),
        );
        assert_eq!(
            mention_in(&accepted["updated"], &mention["id"])["status"],
            "accepted"
        );

        // Projection proposes the English name on the other side of the bead.
        let projected = ok(
            &window,
            "project_mentions",
            json!({ "documentId": doc, "mentionIds": ids }),
        );
        assert_eq!(projected["changed"], 1, "{projected}");
        // Only the new mention comes back.
        let new: Vec<&Value> = projected["updated"].as_array().unwrap().iter().collect();
        assert_eq!(new.len(), 1, "{projected}");
        let counterpart = new[0].clone();
        assert_eq!(counterpart["lang"], "en");
        assert_eq!(counterpart["origin"], "projected");
        assert_eq!(counterpart["status"], "suggested");
        assert_eq!(counterpart["entityId"], person);
        assert_eq!(counterpart["quote"], "Ouyang Chong");
        assert_eq!(
            (&counterpart["start"], &counterpart["end"]),
            (&en_name["start"], &en_name["end"])
        );
        // Projecting again adds nothing; a mention list left out means the accepted ones.
        let again = ok(&window, "project_mentions", json!({ "documentId": doc }));
        assert_eq!(again["changed"], 0);

        let retyped = ok(
            &window,
            "set_mention_type",
            json!({ "documentId": doc, "mentionIds": [counterpart["id"]], "typeName": "organisation" }),
        );
        let now = mention_in(&retyped["updated"], &counterpart["id"]);
        assert_eq!(now["typeName"], "organisation");
        let unlinked = ok(
            &window,
            "link_mentions",
            json!({ "documentId": doc, "mentionIds": [counterpart["id"]], "entityId": null }),
        );
        assert!(mention_in(&unlinked["updated"], &counterpart["id"])["entityId"].is_null());

        // A mention of the other document is not this document's.
        let documents = ok(&window, "list_documents", json!({}));
        let error = invoke(
            &window,
            "delete_mentions",
            json!({ "documentId": documents[1]["id"], "mentionIds": ids }),
        )
        .unwrap_err();
        expect_error(&error, "not_found", "is not in document");
        let before_delete = mentions_by_id(&window, &doc);
        let others: Vec<Value> = before_delete
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["id"] != mention["id"] && m["id"] != counterpart["id"])
            .cloned()
            .collect();
        let deleted = ok(
            &window,
            "delete_mentions",
            json!({ "documentId": doc, "mentionIds": [mention["id"], counterpart["id"]] }),
        );
        assert_eq!(deleted["changed"], 2);
        assert_eq!(
            deleted["removed"],
            json!([mention["id"], counterpart["id"]])
        );
        assert_eq!(patched(&before_delete, &deleted), json!(others));
        assert_eq!(mentions_by_id(&window, &doc), json!(others));
    }

    #[test]
    fn suggestions_come_from_the_registry_and_rejected_ones_stay_away() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let doc = statement(&window);
        // A company the seed registry does not know yet, so the sample has no registry
        // suggestions for it.
        let company = ok(
            &window,
            "create_entity",
            json!({ "entity": {
                "typeName": "organisation", "nameZh": "渭川鑫源科技发展有限公司",
                "nameEn": "Weichuan Xinyuan Technology Development Co., Ltd.",
                "aliases": [
                    { "lang": "zh", "text": "鑫源", "abbreviation": true },
                    { "lang": "en", "text": "Xinyuan", "abbreviation": true },
                ],
            }}),
        )["entity"]["id"]
            .clone();
        let before = ok(&window, "list_mentions", json!({ "documentId": doc }));
        let known = ids_of(&before);

        // Suggesting again adds its names and leaves the sample's suggestions as they were.
        let suggested = ok(&window, "suggest_mentions", json!({ "documentId": doc }));
        // Only new mentions come back; the sample's suggestions stay as they were.
        let new: Vec<&Value> = suggested["updated"].as_array().unwrap().iter().collect();
        assert!(new.iter().all(|m| !known.contains(&m["id"])));
        assert_eq!(mentions_by_id(&window, &doc), patched(&before, &suggested));
        assert_eq!(suggested["changed"].as_u64().unwrap() as usize, new.len());
        assert!(new.iter().all(|m| m["status"] == "suggested"));
        let names: Vec<&Value> = new
            .iter()
            .copied()
            .filter(|m| m["origin"] == "registry")
            .collect();
        assert!(
            names
                .iter()
                .any(|m| m["quote"] == "鑫源" && m["entityId"] == company && m["lang"] == "zh"),
            "{suggested}"
        );
        assert!(
            names
                .iter()
                .any(|m| m["quote"] == "Xinyuan" && m["entityId"] == company && m["lang"] == "en"),
            "{suggested}"
        );
        // Its full name was already suggested as an organisation: that span is not doubled.
        let full = "渭川鑫源科技发展有限公司";
        mention_quoting(&before, "zh", full, "organisation");
        assert!(!new.iter().any(|m| m["quote"] == full), "{suggested}");
        assert_eq!(history(&window)[0]["action"], "store_suggestions");

        // Reject one: suggesting again adds nothing and leaves it rejected.
        let first = names[0]["id"].clone();
        ok(
            &window,
            "set_mention_status",
            json!({ "documentId": doc, "mentionIds": [first], "status": "rejected" }),
        );
        let again = ok(&window, "suggest_mentions", json!({ "documentId": doc }));
        assert_eq!(again["changed"], 0);
        assert_eq!(again["updated"], json!([]));
        let still = mention_in(
            &ok(&window, "list_mentions", json!({ "documentId": doc })),
            &first,
        );
        assert_eq!(still["status"], "rejected");

        // Undo takes the rejection back, then the suggestions made here: the sample's stay.
        assert_eq!(
            ok(&window, "undo", json!({}))["action"],
            "set_mention_status"
        );
        assert_eq!(
            ok(&window, "undo", json!({}))["action"],
            "store_suggestions"
        );
        assert_eq!(
            ok(&window, "list_mentions", json!({ "documentId": doc })),
            before
        );
        let error =
            invoke(&window, "suggest_mentions", json!({ "documentId": 987654 })).unwrap_err();
        expect_error(&error, "not_found", "987654");
    }

    #[test]
    fn claims_are_patched_linked_and_deleted_and_sources_edited() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let doc = statement(&window);
        let person = ok(
            &window,
            "create_entity",
            json!({ "entity": { "typeName": "person", "nameEn": "Ouyang Chong" } }),
        )["entity"]["id"]
            .clone();
        let claim = |summary: &str| {
            ok(
                &window,
                "create_claim",
                json!({ "claim": { "summary": summary } }),
            )["claim"]["id"]
                .clone()
        };
        let (a, b) = (
            claim("He left in 2018"),
            claim("He was still there in 2019"),
        );

        let patched = ok(
            &window,
            "update_claim",
            json!({ "claimId": a, "patch": { "time": "2016年至2018年间", "claimantId": person } }),
        )["claim"]
            .clone();
        assert_eq!(patched["time"]["earliest"], "2016-01-01");
        assert_eq!(patched["time"]["latest"], "2018-12-31");
        assert_eq!(patched["claimantId"], person);
        let cleared = ok(
            &window,
            "update_claim",
            json!({ "claimId": a, "patch": { "time": null } }),
        )["claim"]
            .clone();
        assert_eq!(cleared["time"], Value::Null);
        assert_eq!(cleared["claimantId"], person);

        let with_subject = ok(
            &window,
            "add_claim_subject",
            json!({ "claimId": a, "entityId": person }),
        );
        assert_eq!(with_subject["claim"]["subjectIds"], json!([person]));
        let without = ok(
            &window,
            "remove_claim_subject",
            json!({ "claimId": a, "entityId": person }),
        );
        assert_eq!(without["claim"]["subjectIds"], json!([]));

        let (start, end) = find(&window, &doc, "en", "Ouyang Chong");
        let anchored = ok(
            &window,
            "add_claim_anchor",
            json!({ "claimId": a, "anchor": { "documentId": doc, "lang": "en", "start": start, "end": end } }),
        )["claim"]
            .clone();
        let anchor = anchored["anchors"][0].clone();
        assert_eq!(anchor["quote"], "Ouyang Chong");
        let error = invoke(
            &window,
            "remove_claim_anchor",
            json!({ "claimId": b, "anchorId": anchor["id"] }),
        )
        .unwrap_err();
        expect_error(&error, "not_found", "is not one of claim");
        let unanchored = ok(
            &window,
            "remove_claim_anchor",
            json!({ "claimId": a, "anchorId": anchor["id"] }),
        );
        assert_eq!(unanchored["claim"]["anchors"], json!([]));

        let linked = ok(
            &window,
            "link_claims",
            json!({ "fromId": b, "toId": a, "kind": "contradicts", "note": "dates clash" }),
        );
        let link = linked["claim"]["links"][0].clone();
        assert_eq!(linked["claim"]["id"], b);
        assert_eq!(link["kind"], "contradicts");
        assert_eq!(link["outgoing"], true);
        assert_eq!(link["otherId"], a);
        let seen_from_a = ok(&window, "get_claim", json!({ "claimId": a }));
        assert_eq!(seen_from_a["links"][0]["outgoing"], false);
        let same = invoke(
            &window,
            "link_claims",
            json!({ "fromId": a, "toId": b, "kind": "same_as" }),
        )
        .unwrap_err();
        assert_eq!(same["code"], "invalid", "{same}");
        let unlinked = ok(
            &window,
            "unlink_claims",
            json!({ "claimId": a, "linkId": link["id"] }),
        );
        assert_eq!(unlinked["claim"]["links"], json!([]));

        // Sources: patch, evidence, deletion takes the evidence with it.
        let source = ok(
            &window,
            "add_source",
            json!({ "source": { "title": "Staff list", "kind": "record", "reliability": "C", "credibility": 3 } }),
        )["source"]["id"]
            .clone();
        let patched = ok(
            &window,
            "update_source",
            json!({ "sourceId": source, "patch": { "credibility": 2, "date": "2019", "kind": "database" } }),
        )["source"]
            .clone();
        assert_eq!(patched["credibility"], 2);
        assert_eq!(patched["date"], "2019");
        assert_eq!(patched["kind"], "database");
        let evidence = ok(
            &window,
            "link_evidence",
            json!({ "claimId": b, "sourceId": source, "stance": "context" }),
        )["claim"]["evidence"][0]
            .clone();
        assert_eq!(evidence["stance"], "context");
        let error = invoke(
            &window,
            "unlink_evidence",
            json!({ "claimId": a, "evidenceId": evidence["id"] }),
        )
        .unwrap_err();
        expect_error(&error, "not_found", "is not one of claim");
        let unlinked = ok(
            &window,
            "unlink_evidence",
            json!({ "claimId": b, "evidenceId": evidence["id"] }),
        );
        assert_eq!(unlinked["claim"]["evidence"], json!([]));
        ok(
            &window,
            "link_evidence",
            json!({ "claimId": b, "sourceId": source, "stance": "supports" }),
        );
        let gone = ok(&window, "delete_source", json!({ "sourceId": source }));
        assert_eq!(gone["source"], Value::Null);
        assert_eq!(gone["sources"], json!([]));
        assert_eq!(
            ok(&window, "get_claim", json!({ "claimId": b }))["evidence"],
            json!([])
        );

        let deleted = ok(&window, "delete_claim", json!({ "claimId": a }));
        assert_eq!(deleted["claim"], Value::Null);
        let left: Vec<&Value> = deleted["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["id"])
            .collect();
        assert_eq!(left, [&b]);
        let error = invoke(&window, "get_claim", json!({ "claimId": a })).unwrap_err();
        expect_error(&error, "not_found", "does not exist");

        // Relations: anchors are added and removed, the relation deleted.
        let org = ok(
            &window,
            "create_entity",
            json!({ "entity": { "typeName": "organisation", "nameEn": "Institute 14" } }),
        )["entity"]["id"]
            .clone();
        let relation = ok(
            &window,
            "add_relation",
            json!({ "relation": { "typeName": "works_for", "sourceId": person, "targetId": org } }),
        )["relation"]["id"]
            .clone();
        let anchored = ok(
            &window,
            "add_relation_anchor",
            json!({ "relationId": relation, "anchor": { "documentId": doc, "lang": "en", "start": start, "end": end, "quote": "Ouyang Chong" } }),
        );
        let anchor = anchored["relation"]["anchors"][0]["id"].clone();
        let unanchored = ok(
            &window,
            "remove_relation_anchor",
            json!({ "relationId": relation, "anchorId": anchor }),
        );
        assert_eq!(unanchored["relation"]["anchors"], json!([]));
        let deleted = ok(
            &window,
            "delete_relation",
            json!({ "relationId": relation }),
        );
        assert_eq!(deleted, json!({ "relation": null, "relations": [] }));
    }

    #[test]
    fn refused_annotation_edits_are_errors_with_codes_and_write_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let doc = statement(&window);
        let person =
            entity_by_key(&ok(&window, "list_entities", json!({})), "ouyang-chong")["id"].clone();
        let claim = ok(
            &window,
            "create_claim",
            json!({ "claim": { "summary": "He was born in 1981" } }),
        )["claim"]["id"]
            .clone();
        let (start, end) = find(&window, &doc, "zh", "欧阳翀");
        let before = history(&window);
        let mentions_before = ok(&window, "list_mentions", json!({ "documentId": doc }));

        let mention = |fields: Value| {
            let mut args = json!({
                "documentId": doc, "lang": "zh", "start": start, "end": end,
                "typeName": "person",
            });
            for (k, v) in fields.as_object().unwrap() {
                args[k] = v.clone();
            }
            args
        };
        let anchored_claim = |anchor: Value| json!({ "claim": { "summary": "He was born in 1981", "anchors": [anchor] } });
        let source = |reliability: &str, credibility: i64| {
            json!({ "source": {
                "title": "Passport", "kind": "document",
                "reliability": reliability, "credibility": credibility,
            }})
        };

        // Refused by the store, which knows the project.
        for (command, args, code, words) in [
            (
                "add_mention",
                mention(json!({ "typeName": "spaceship" })),
                "invalid",
                "\"spaceship\" is not in the schema",
            ),
            (
                "add_mention",
                mention(json!({ "quote": "欧阳冲" })),
                "invalid",
                "quote mismatch",
            ),
            (
                "add_mention",
                mention(json!({ "start": 900000, "end": 900003 })),
                "invalid",
                "outside text",
            ),
            (
                "create_claim",
                anchored_claim(
                    json!({ "documentId": doc, "lang": "en", "start": 5, "end": 5_000_000 }),
                ),
                "invalid",
                "outside text",
            ),
            (
                "create_claim",
                anchored_claim(
                    json!({ "documentId": doc, "lang": "zh", "start": start, "end": end, "quote": "ABC" }),
                ),
                "invalid",
                "quote mismatch",
            ),
            (
                "merge_entities",
                json!({ "keepId": person, "absorbId": person }),
                "invalid",
                "merged with itself",
            ),
            ("add_source", source("G", 2), "invalid", "\"G\""),
            ("add_source", source("A", 7), "invalid", "got 7"),
            (
                "link_claims",
                json!({ "fromId": claim, "toId": claim, "kind": "contradicts" }),
                "invalid",
                "contradict itself",
            ),
            (
                "get_entity",
                json!({ "entityId": 987654 }),
                "not_found",
                "987654",
            ),
            (
                "set_claim_status",
                json!({ "claimId": 987654, "status": "supported" }),
                "not_found",
                "987654",
            ),
            (
                "link_mentions",
                json!({ "documentId": doc, "mentionIds": [987654], "entityId": person }),
                "not_found",
                "987654",
            ),
            (
                "add_mention",
                mention(json!({ "entityId": 987654 })),
                "not_found",
                "987654",
            ),
            (
                "add_mention",
                mention(json!({ "documentId": 987654 })),
                "not_found",
                "987654",
            ),
            (
                "delete_source",
                json!({ "sourceId": 987654 }),
                "not_found",
                "987654",
            ),
        ] {
            let error = invoke(&window, command, args.clone()).unwrap_err();
            assert_eq!(error["code"], code, "{command} {args}: {error}");
            assert!(
                error["message"].as_str().unwrap().contains(words),
                "{command} {args}: {error}"
            );
        }

        // Refused here, before the store sees them, naming the argument.
        let long = "x".repeat(1001);
        for (command, args, field, words) in [
            (
                "add_mention",
                mention(json!({ "start": -1 })),
                "start",
                "-1",
            ),
            (
                "add_mention",
                mention(json!({ "end": start })),
                "end",
                "empty",
            ),
            (
                "add_mention",
                mention(json!({ "lang": "fr" })),
                "lang",
                "`fr`",
            ),
            (
                "add_mention",
                mention(json!({ "documentId": 0 })),
                "documentId",
                "0",
            ),
            (
                "create_claim",
                anchored_claim(json!({ "documentId": doc, "lang": "zh", "start": -3, "end": 2 })),
                "claim.anchors[0].start",
                "-3",
            ),
            (
                "create_entity",
                json!({ "entity": { "typeName": "person", "nameZh": "欧阳翀", "colour": "red" } }),
                "entity",
                "unknown field `colour`",
            ),
            (
                "update_claim",
                json!({ "claimId": claim, "patch": { "status": "supported" } }),
                "patch",
                "unknown field `status`",
            ),
            (
                "create_claim",
                json!({ "claim": { "summary": "He left", "time": "the 45th of Smarch" } }),
                "claim.time",
                "cannot read \"the 45th of Smarch\" as a time",
            ),
            (
                "update_claim",
                json!({ "claimId": claim, "patch": { "time": "2019-02-30" } }),
                "patch.time",
                "not a day of the calendar",
            ),
            (
                "create_claim",
                json!({ "claim": { "summary": long } }),
                "claim.summary",
                "1000",
            ),
            (
                "create_claim",
                json!({ "claim": { "summary": "one\ntwo" } }),
                "claim.summary",
                "one line",
            ),
            (
                "create_claim",
                json!({ "claim": { "summary": "x", "status": "true" } }),
                "claim.status",
                "unverified, supported",
            ),
            (
                "set_mention_status",
                json!({ "documentId": doc, "mentionIds": [1], "status": "maybe" }),
                "status",
                "expected suggested, accepted, rejected",
            ),
            (
                "set_mention_status",
                json!({ "documentId": doc, "mentionIds": [], "status": "accepted" }),
                "mentionIds",
                "at least one",
            ),
            (
                "delete_mentions",
                json!({ "documentId": doc, "mentionIds": [3, -4] }),
                "mentionIds[1]",
                "-4",
            ),
            (
                "link_claims",
                json!({ "fromId": claim, "toId": claim, "kind": "refutes" }),
                "kind",
                "same_as",
            ),
            (
                "link_evidence",
                json!({ "claimId": claim, "sourceId": 1, "stance": "neutral" }),
                "stance",
                "context",
            ),
            (
                "add_source",
                json!({ "source": { "title": "P", "kind": "rumour", "reliability": "A", "credibility": 1 } }),
                "source.kind",
                "testimony",
            ),
            (
                "add_alias",
                json!({ "entityId": person, "alias": { "lang": "zh", "script": "cursive", "text": "翀", "abbreviation": false } }),
                "alias.script",
                "pinyin",
            ),
            (
                "add_alias",
                json!({ "entityId": person, "alias": { "lang": "zh", "text": "翀" } }),
                "alias",
                "missing field `abbreviation`",
            ),
            (
                "split_entity",
                json!({ "entityId": person, "entity": { "typeName": "person", "nameEn": "X" }, "mentionIds": [0], "aliasIds": [] }),
                "mentionIds[0]",
                "0",
            ),
            (
                "merge_entities",
                json!({ "keepId": person, "absorbId": -2 }),
                "absorbId",
                "-2",
            ),
            ("history", json!({ "limit": 0 }), "limit", "0"),
            ("history", json!({ "limit": 10001 }), "limit", "10001"),
        ] {
            let error = invoke(&window, command, args.clone()).unwrap_err();
            assert_eq!(
                error["code"], "invalid_argument",
                "{command} {args}: {error}"
            );
            let message = error["message"].as_str().unwrap();
            assert!(
                message.contains(&format!("argument `{field}`")) && message.contains(words),
                "{command} {args}: {error}"
            );
        }

        assert_eq!(history(&window), before, "a refused edit was written");
        assert_eq!(
            ok(&window, "list_mentions", json!({ "documentId": doc })),
            mentions_before
        );
    }
}
