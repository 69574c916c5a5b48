//! The configurable schema (entity and relation types), entities with their aliases and
//! external ids, merging, splitting and deleting entities, and the registry of names.

use duizhao_core::Lang;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::types::{
    AliasView, EntityPatch, EntityView, ExternalIdView, NewAlias, NewEntity, RegistryName,
};
use super::{
    check_type_name, col, counts_line, infer_script, one_line, plural, short, Recorder, TypeTable,
    ACTION_ADD_ALIAS, ACTION_ADD_ENTITY_TYPE, ACTION_ADD_EXTERNAL_ID, ACTION_ADD_RELATION_TYPE,
    ACTION_CREATE_ENTITY, ACTION_DELETE_ENTITY, ACTION_MERGE_ENTITIES, ACTION_REMOVE_ALIAS,
    ACTION_REMOVE_EXTERNAL_ID, ACTION_SPLIT_ENTITY, ACTION_UPDATE_ENTITY,
};
use crate::model::{AliasId, EntityId, ExternalIdId, MentionId};
use crate::rows::AnnoTable;
use crate::{Project, StoreError};

/// An entity's own row, as loaded for an edit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EntityRow {
    pub id: i64,
    pub type_name: String,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub notes: String,
    pub key: Option<String>,
}

impl EntityRow {
    /// Its preferred names for messages: "国防科工委", "特材委 / SCOSMI".
    pub fn label(&self) -> String {
        match (&self.name_zh, &self.name_en) {
            (Some(zh), Some(en)) => format!("{} / {}", short(zh), short(en)),
            (Some(name), None) | (None, Some(name)) => short(name),
            (None, None) => String::new(),
        }
    }

    /// "entity 3 (特材委 / SCOSMI)".
    pub fn title(&self) -> String {
        format!("entity {} ({})", self.id, self.label())
    }

    pub fn preferred(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Zh => self.name_zh.as_deref(),
            Lang::En => self.name_en.as_deref(),
        }
    }
}

pub(crate) fn load_entity(conn: &Connection, id: i64) -> Result<EntityRow, StoreError> {
    conn.prepare_cached(
        "SELECT t.name, e.name_zh, e.name_en, e.notes, e.key
           FROM entities e JOIN entity_types t ON t.id = e.type_id WHERE e.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(EntityRow {
            id,
            type_name: r.get(0)?,
            name_zh: r.get(1)?,
            name_en: r.get(2)?,
            notes: r.get(3)?,
            key: r.get(4)?,
        })
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("entity {id} does not exist")))
}

/// A preferred name: trimmed, one line, `None` when empty.
fn clean_name(what: &str, name: Option<&str>) -> Result<Option<String>, StoreError> {
    match name {
        Some(n) => one_line(what, n),
        None => Ok(None),
    }
}

/// A key: trimmed, `None` when empty, else ASCII letters, digits and `-_.:`.
fn clean_key(key: Option<&str>) -> Result<Option<String>, StoreError> {
    let Some(key) = key.map(str::trim).filter(|k| !k.is_empty()) else {
        return Ok(None);
    };
    if key.len() > 64
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
    {
        return Err(StoreError::Invalid(format!(
            "entity key {key:?} may only hold up to 64 ASCII letters, digits and - _ . :"
        )));
    }
    Ok(Some(key.to_owned()))
}

fn check_key_free(conn: &Connection, key: Option<&str>, except: i64) -> Result<(), StoreError> {
    let Some(key) = key else { return Ok(()) };
    let owner: Option<i64> = conn
        .prepare_cached("SELECT id FROM entities WHERE key = ?1 AND id <> ?2")?
        .query_row((key, except), |r| r.get(0))
        .optional()?;
    match owner {
        Some(owner) => Err(StoreError::Invalid(format!(
            "the key {key:?} is already used by entity {owner}"
        ))),
        None => Ok(()),
    }
}

/// The alias `lang`/`text` of an entity, if it has one.
fn alias_id(
    conn: &Connection,
    entity: i64,
    lang: Lang,
    text: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM aliases WHERE entity_id = ?1 AND lang = ?2 AND text = ?3")?
        .query_row((entity, lang.code(), text), |r| r.get(0))
        .optional()?)
}

/// Whether `entity` already has `text` as a name of `lang` (preferred or alias).
fn has_name(
    conn: &Connection,
    entity: &EntityRow,
    lang: Lang,
    text: &str,
) -> Result<bool, StoreError> {
    Ok(entity.preferred(lang) == Some(text) || alias_id(conn, entity.id, lang, text)?.is_some())
}

/// Add an alias to an entity, refusing an empty one, one equal to the entity's preferred
/// name of that language and one it already has.
fn insert_alias(
    tx: &Transaction,
    rec: &mut Recorder,
    entity: &EntityRow,
    alias: &NewAlias,
) -> Result<i64, StoreError> {
    let text = one_line("an alias", &alias.text)?.ok_or_else(|| {
        StoreError::Invalid(format!("{}: an alias cannot be empty", entity.title()))
    })?;
    if entity.preferred(alias.lang) == Some(text.as_str()) {
        return Err(StoreError::Invalid(format!(
            "{text:?} is already the preferred {} name of {}",
            alias.lang,
            entity.title()
        )));
    }
    if let Some(existing) = alias_id(tx, entity.id, alias.lang, &text)? {
        return Err(StoreError::Invalid(format!(
            "{} already has the {} alias {text:?} (alias {existing})",
            entity.title(),
            alias.lang
        )));
    }
    let script = alias.script.unwrap_or_else(|| infer_script(&text));
    rec.insert(
        tx,
        AnnoTable::Aliases,
        json!({
            "entity_id": entity.id,
            "lang": alias.lang.code(),
            "script": script.as_str(),
            "text": text,
            "abbreviation": alias.abbreviation,
        }),
    )
}

/// The registry learns from the analyst: a mention's quote linked to `entity` becomes one of
/// its aliases (lang of the text, script inferred) unless the entity already has that name.
/// Returns the quote when an alias was added.
pub(crate) fn learn_alias(
    tx: &Transaction,
    rec: &mut Recorder,
    entity: i64,
    lang: Lang,
    quote: &str,
) -> Result<Option<String>, StoreError> {
    let text = quote.trim();
    if text.is_empty() || text.contains(['\n', '\r']) {
        return Ok(None);
    }
    let row = load_entity(tx, entity)?;
    if has_name(tx, &row, lang, text)? {
        return Ok(None);
    }
    insert_alias(tx, rec, &row, &NewAlias::new(lang, text))?;
    Ok(Some(text.to_owned()))
}

/// A new entity's columns, validated before the write lock is taken.
struct CleanEntity {
    type_name: String,
    name_zh: Option<String>,
    name_en: Option<String>,
    notes: String,
    key: Option<String>,
}

impl CleanEntity {
    fn new(new: &NewEntity) -> Result<CleanEntity, StoreError> {
        let name_zh = clean_name("a Chinese name", new.name_zh.as_deref())?;
        let name_en = clean_name("an English name", new.name_en.as_deref())?;
        if name_zh.is_none() && name_en.is_none() {
            return Err(StoreError::Invalid(
                "an entity needs a Chinese or an English name".into(),
            ));
        }
        Ok(CleanEntity {
            type_name: new.type_name.trim().to_owned(),
            name_zh,
            name_en,
            notes: new.notes.trim().to_owned(),
            key: clean_key(new.key.as_deref())?,
        })
    }

    /// Insert it with its aliases.
    fn insert(
        &self,
        tx: &Transaction,
        rec: &mut Recorder,
        aliases: &[NewAlias],
    ) -> Result<EntityRow, StoreError> {
        let type_id = TypeTable::Entity.id(tx, &self.type_name, "entity")?;
        check_key_free(tx, self.key.as_deref(), 0)?;
        let id = rec.insert(
            tx,
            AnnoTable::Entities,
            json!({
                "type_id": type_id,
                "name_zh": self.name_zh,
                "name_en": self.name_en,
                "notes": self.notes,
                "key": self.key,
            }),
        )?;
        let row = load_entity(tx, id)?;
        for alias in aliases {
            insert_alias(tx, rec, &row, alias)?;
        }
        Ok(row)
    }
}

/// Ids of the rows of `sql` (one `?1` parameter).
fn ids(conn: &Connection, sql: &str, param: i64) -> Result<Vec<i64>, StoreError> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([param], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Delete a relation with its anchors.
pub(crate) fn delete_relation_rows(
    tx: &Transaction,
    rec: &mut Recorder,
    relation: i64,
) -> Result<(), StoreError> {
    for anchor in ids(
        tx,
        "SELECT id FROM relation_anchors WHERE relation_id = ?1 ORDER BY id",
        relation,
    )? {
        rec.delete(tx, AnnoTable::RelationAnchors, anchor)?;
    }
    rec.delete(tx, AnnoTable::Relations, relation)
}

impl Project {
    /// The entity types of the project's schema, in their order.
    pub fn entity_types(&self) -> Result<Vec<String>, StoreError> {
        TypeTable::Entity
            .names(self.conn())
            .map_err(|e| self.err(e))
    }

    /// The relation types of the project's schema, in their order.
    pub fn relation_types(&self) -> Result<Vec<String>, StoreError> {
        TypeTable::Relation
            .names(self.conn())
            .map_err(|e| self.err(e))
    }

    /// Add an entity type (lowercase ASCII letters, digits, `_`) after the existing ones.
    pub fn add_entity_type(&mut self, name: &str, actor: &str) -> Result<(), StoreError> {
        self.add_type(TypeTable::Entity, name, actor)
    }

    /// Add a relation type (lowercase ASCII letters, digits, `_`) after the existing ones.
    pub fn add_relation_type(&mut self, name: &str, actor: &str) -> Result<(), StoreError> {
        self.add_type(TypeTable::Relation, name, actor)
    }

    fn add_type(&mut self, kind: TypeTable, name: &str, actor: &str) -> Result<(), StoreError> {
        let name = name.trim();
        check_type_name(name)?;
        let (what, action) = match kind {
            TypeTable::Entity => ("entity", ACTION_ADD_ENTITY_TYPE),
            TypeTable::Relation => ("relation", ACTION_ADD_RELATION_TYPE),
        };
        self.write(actor, action, |tx| {
            let known = kind.names(tx)?;
            if known.iter().any(|k| k == name) {
                return Err(StoreError::Invalid(format!(
                    "the {what} type {name:?} is already in the schema"
                )));
            }
            let position: i64 = tx.query_row(
                &format!(
                    "SELECT coalesce(max(position) + 1, 0) FROM {}",
                    kind.table().name()
                ),
                [],
                |r| r.get(0),
            )?;
            let mut rec = Recorder::default();
            rec.insert(
                tx,
                kind.table(),
                json!({ "name": name, "position": position }),
            )?;
            let summary = format!("add {what} type {name:?}");
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Create an entity with its aliases; returns its id.
    pub fn create_entity(&mut self, new: NewEntity, actor: &str) -> Result<EntityId, StoreError> {
        let clean = CleanEntity::new(&new)?;
        self.write(actor, ACTION_CREATE_ENTITY, |tx| {
            let mut rec = Recorder::default();
            let row = clean.insert(tx, &mut rec, &new.aliases)?;
            let mut summary = format!("create {} {}", row.type_name, row.title());
            if !new.aliases.is_empty() {
                summary.push_str(&format!(
                    " with {}",
                    plural(new.aliases.len(), "alias", "aliases")
                ));
            }
            Ok((EntityId(row.id), rec.change(tx, summary)?))
        })
    }

    /// Create several entities in one undoable step (loading a gazetteer); returns their
    /// ids in order. Every entity is checked before anything is written, so one bad entry
    /// refuses the whole list; the first element of each pair says where the entry came
    /// from (e.g. "seed.tsv line 4"), for that message.
    pub fn create_entities(
        &mut self,
        entities: Vec<(String, NewEntity)>,
        actor: &str,
    ) -> Result<Vec<EntityId>, StoreError> {
        if entities.is_empty() {
            return Ok(Vec::new());
        }
        let clean = entities
            .iter()
            .map(|(origin, new)| {
                CleanEntity::new(new).map_err(|e| StoreError::Invalid(format!("{origin}: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.write(actor, ACTION_CREATE_ENTITY, |tx| {
            let mut rec = Recorder::default();
            let mut ids = Vec::with_capacity(clean.len());
            for (clean, (origin, new)) in clean.iter().zip(&entities) {
                let row = clean
                    .insert(tx, &mut rec, &new.aliases)
                    .map_err(|e| StoreError::Invalid(format!("{origin}: {e}")))?;
                ids.push(EntityId(row.id));
            }
            let summary = format!("create {}", plural(ids.len(), "entity", "entities"));
            Ok((ids, rec.change(tx, summary)?))
        })
    }

    /// Change an entity's type, preferred names, notes or key. `invalid` if the patch
    /// changes nothing, leaves the entity without a name, makes a preferred name repeat one
    /// of its aliases, or takes another entity's key.
    pub fn update_entity(
        &mut self,
        entity: impl Into<EntityId>,
        patch: EntityPatch,
        actor: &str,
    ) -> Result<(), StoreError> {
        let entity = entity.into();
        let name_zh = match &patch.name_zh {
            Some(n) => Some(clean_name("a Chinese name", n.as_deref())?),
            None => None,
        };
        let name_en = match &patch.name_en {
            Some(n) => Some(clean_name("an English name", n.as_deref())?),
            None => None,
        };
        let key = match &patch.key {
            Some(k) => Some(clean_key(k.as_deref())?),
            None => None,
        };
        self.write(actor, ACTION_UPDATE_ENTITY, |tx| {
            let old = load_entity(tx, entity.0)?;
            let mut new = old.clone();
            let mut cols = serde_json::Map::new();
            let mut changed = Vec::new();
            if let Some(t) = &patch.type_name {
                let t = t.trim();
                let type_id = TypeTable::Entity.id(tx, t, "entity")?;
                if t != old.type_name {
                    cols.insert("type_id".into(), type_id.into());
                    new.type_name = t.to_owned();
                    changed.push(format!("type {} → {t}", old.type_name));
                }
            }
            for (lang, value, column) in [
                (Lang::Zh, &name_zh, "name_zh"),
                (Lang::En, &name_en, "name_en"),
            ] {
                let Some(value) = value else { continue };
                if value.as_deref() == old.preferred(lang) {
                    continue;
                }
                if let Some(text) = value {
                    if let Some(alias) = alias_id(tx, old.id, lang, text)? {
                        return Err(StoreError::Invalid(format!(
                            "{text:?} is already a {lang} alias of {} (alias {alias}); remove \
                             the alias first",
                            old.title()
                        )));
                    }
                }
                cols.insert(column.into(), json!(value));
                match lang {
                    Lang::Zh => new.name_zh = value.clone(),
                    Lang::En => new.name_en = value.clone(),
                }
                changed.push(column.to_owned());
            }
            if new.name_zh.is_none() && new.name_en.is_none() {
                return Err(StoreError::Invalid(format!(
                    "{} needs a Chinese or an English name",
                    old.title()
                )));
            }
            if let Some(notes) = &patch.notes {
                let notes = notes.trim();
                if notes != old.notes {
                    cols.insert("notes".into(), notes.into());
                    changed.push("notes".into());
                }
            }
            if let Some(key) = &key {
                if *key != old.key {
                    check_key_free(tx, key.as_deref(), old.id)?;
                    cols.insert("key".into(), json!(key));
                    changed.push("key".into());
                }
            }
            if cols.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "the change leaves {} as it is",
                    old.title()
                )));
            }
            let mut rec = Recorder::default();
            rec.update(
                tx,
                AnnoTable::Entities,
                old.id,
                serde_json::Value::Object(cols),
            )?;
            let summary = format!("update {}: {}", new.title(), changed.join(", "));
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Add another name to an entity; returns the alias's id. Without a script, the script
    /// is inferred from the characters.
    pub fn add_alias(
        &mut self,
        entity: impl Into<EntityId>,
        alias: NewAlias,
        actor: &str,
    ) -> Result<AliasId, StoreError> {
        let entity = entity.into();
        self.write(actor, ACTION_ADD_ALIAS, |tx| {
            let row = load_entity(tx, entity.0)?;
            let mut rec = Recorder::default();
            let id = insert_alias(tx, &mut rec, &row, &alias)?;
            let summary = format!(
                "add {} alias {:?} to {}",
                alias.lang,
                alias.text.trim(),
                row.title()
            );
            Ok((AliasId(id), rec.change(tx, summary)?))
        })
    }

    /// Remove an alias.
    pub fn remove_alias(
        &mut self,
        alias: impl Into<AliasId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let alias = alias.into();
        self.write(actor, ACTION_REMOVE_ALIAS, |tx| {
            let (entity, lang, text): (i64, String, String) = tx
                .query_row(
                    "SELECT entity_id, lang, text FROM aliases WHERE id = ?1",
                    [alias.0],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("alias {alias} does not exist")))?;
            let row = load_entity(tx, entity)?;
            let mut rec = Recorder::default();
            rec.delete(tx, AnnoTable::Aliases, alias.0)?;
            let summary = format!("remove {lang} alias {text:?} from {}", row.title());
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Record an entity's identifier in another registry, e.g. ("company-registry",
    /// "2287164"); returns its id.
    pub fn add_external_id(
        &mut self,
        entity: impl Into<EntityId>,
        scheme: &str,
        value: &str,
        actor: &str,
    ) -> Result<ExternalIdId, StoreError> {
        let entity = entity.into();
        let scheme = one_line("an external id's scheme", scheme)?
            .ok_or_else(|| StoreError::Invalid("an external id needs a scheme".into()))?;
        let value = one_line("an external id", value)?
            .ok_or_else(|| StoreError::Invalid("an external id cannot be empty".into()))?;
        self.write(actor, ACTION_ADD_EXTERNAL_ID, |tx| {
            let row = load_entity(tx, entity.0)?;
            let existing: Option<i64> = tx
                .query_row(
                    "SELECT id FROM external_ids WHERE entity_id = ?1 AND scheme = ?2 AND value = ?3",
                    (row.id, &scheme, &value),
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = existing {
                return Err(StoreError::Invalid(format!(
                    "{} already has the {scheme} id {value:?} (external id {existing})",
                    row.title()
                )));
            }
            let mut rec = Recorder::default();
            let id = rec.insert(
                tx,
                AnnoTable::ExternalIds,
                json!({ "entity_id": row.id, "scheme": scheme, "value": value }),
            )?;
            let summary = format!("add {scheme} id {value:?} to {}", row.title());
            Ok((ExternalIdId(id), rec.change(tx, summary)?))
        })
    }

    /// Remove an external id.
    pub fn remove_external_id(
        &mut self,
        id: impl Into<ExternalIdId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let id = id.into();
        self.write(actor, ACTION_REMOVE_EXTERNAL_ID, |tx| {
            let (entity, scheme, value): (i64, String, String) = tx
                .query_row(
                    "SELECT entity_id, scheme, value FROM external_ids WHERE id = ?1",
                    [id.0],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("external id {id} does not exist")))?;
            let row = load_entity(tx, entity)?;
            let mut rec = Recorder::default();
            rec.delete(tx, AnnoTable::ExternalIds, id.0)?;
            let summary = format!("remove {scheme} id {value:?} from {}", row.title());
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Merge `absorb` into `keep`: `absorb`'s mentions, aliases, external ids, relations
    /// (either end), claim subjects and claims it makes move to `keep`, its preferred names
    /// become `keep`'s preferred name where `keep` has none of that language and an alias
    /// otherwise (unless `keep` already has the name), its notes are appended to `keep`'s
    /// and its key is taken if `keep` has none; then `absorb` is deleted. `keep` keeps its
    /// type. A name, external id or claim subject `keep` already has is dropped rather than
    /// doubled, and a relation between the two becomes self-referential and is deleted.
    pub fn merge_entities(
        &mut self,
        keep: impl Into<EntityId>,
        absorb: impl Into<EntityId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let (keep, absorb) = (keep.into(), absorb.into());
        if keep == absorb {
            return Err(StoreError::Invalid(format!(
                "an entity cannot be merged with itself (entity {keep})"
            )));
        }
        self.write(actor, ACTION_MERGE_ENTITIES, |tx| {
            let k = load_entity(tx, keep.0)?;
            let a = load_entity(tx, absorb.0)?;
            let mut rec = Recorder::default();
            let (k_id, a_id) = (k.id, a.id);

            let mentions = ids(tx, "SELECT id FROM mentions WHERE entity_id = ?1 ORDER BY id", a_id)?;
            for &m in &mentions {
                rec.update(tx, AnnoTable::Mentions, m, json!({ "entity_id": k_id }))?;
            }

            let mut moved_aliases = 0;
            let aliases: Vec<(i64, String, String)> = tx
                .prepare_cached("SELECT id, lang, text FROM aliases WHERE entity_id = ?1 ORDER BY id")?
                .query_map([a_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, lang, text) in aliases {
                let lang: Lang = lang.parse().map_err(StoreError::Invalid)?;
                if has_name(tx, &k, lang, &text)? {
                    rec.delete(tx, AnnoTable::Aliases, id)?;
                } else {
                    rec.update(tx, AnnoTable::Aliases, id, json!({ "entity_id": k_id }))?;
                    moved_aliases += 1;
                }
            }

            let mut kept = k.clone();
            for lang in [Lang::Zh, Lang::En] {
                let Some(name) = a.preferred(lang) else { continue };
                if has_name(tx, &kept, lang, name)? {
                    continue;
                }
                if kept.preferred(lang).is_none() {
                    match lang {
                        Lang::Zh => kept.name_zh = Some(name.to_owned()),
                        Lang::En => kept.name_en = Some(name.to_owned()),
                    }
                } else {
                    insert_alias(tx, &mut rec, &kept, &NewAlias::new(lang, name))?;
                    moved_aliases += 1;
                }
            }

            let mut moved_ids = 0;
            let externals: Vec<(i64, String, String)> = tx
                .prepare_cached(
                    "SELECT id, scheme, value FROM external_ids WHERE entity_id = ?1 ORDER BY id",
                )?
                .query_map([a_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, scheme, value) in externals {
                let dup: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM external_ids
                                     WHERE entity_id = ?1 AND scheme = ?2 AND value = ?3)",
                    (k_id, &scheme, &value),
                    |r| r.get(0),
                )?;
                if dup {
                    rec.delete(tx, AnnoTable::ExternalIds, id)?;
                } else {
                    rec.update(tx, AnnoTable::ExternalIds, id, json!({ "entity_id": k_id }))?;
                    moved_ids += 1;
                }
            }

            let (mut moved_relations, mut dropped_relations) = (0, 0);
            let relations: Vec<(i64, i64, i64)> = tx
                .prepare_cached(
                    "SELECT id, source_id, target_id FROM relations
                      WHERE source_id = ?1 OR target_id = ?1 ORDER BY id",
                )?
                .query_map([a_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, source, target) in relations {
                let swap = |e: i64| if e == a_id { k_id } else { e };
                let (source, target) = (swap(source), swap(target));
                if source == target {
                    delete_relation_rows(tx, &mut rec, id)?;
                    dropped_relations += 1;
                } else {
                    rec.update(
                        tx,
                        AnnoTable::Relations,
                        id,
                        json!({ "source_id": source, "target_id": target }),
                    )?;
                    moved_relations += 1;
                }
            }

            let mut claims_touched = std::collections::BTreeSet::new();
            let subjects: Vec<(i64, i64)> = tx
                .prepare_cached(
                    "SELECT id, claim_id FROM claim_subjects WHERE entity_id = ?1 ORDER BY id",
                )?
                .query_map([a_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, claim) in subjects {
                let dup: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM claim_subjects WHERE claim_id = ?1 AND entity_id = ?2)",
                    [claim, k_id],
                    |r| r.get(0),
                )?;
                if dup {
                    rec.delete(tx, AnnoTable::ClaimSubjects, id)?;
                } else {
                    rec.update(tx, AnnoTable::ClaimSubjects, id, json!({ "entity_id": k_id }))?;
                }
                claims_touched.insert(claim);
            }
            let claims = ids(tx, "SELECT id FROM claims WHERE claimant_id = ?1 ORDER BY id", a_id)?;
            for &c in &claims {
                rec.update(tx, AnnoTable::Claims, c, json!({ "claimant_id": k_id }))?;
                claims_touched.insert(c);
            }

            if !a.notes.is_empty() && a.notes != kept.notes {
                kept.notes = if kept.notes.is_empty() {
                    a.notes.clone()
                } else {
                    format!("{}\n\n{}", kept.notes, a.notes)
                };
            }
            if kept.key.is_none() {
                kept.key = a.key.clone();
            }
            rec.delete(tx, AnnoTable::Entities, a_id)?;
            rec.update(
                tx,
                AnnoTable::Entities,
                k_id,
                json!({
                    "name_zh": kept.name_zh,
                    "name_en": kept.name_en,
                    "notes": kept.notes,
                    "key": kept.key,
                }),
            )?;
            let summary = format!(
                "merge {} into {} ({}): moved {}{}",
                a.title(),
                k.id,
                k.label(),
                counts_line(&[
                    (mentions.len(), "mention", "mentions"),
                    (moved_aliases, "alias", "aliases"),
                    (moved_ids, "external id", "external ids"),
                    (moved_relations, "relation", "relations"),
                    (claims_touched.len(), "claim", "claims"),
                ]),
                if dropped_relations > 0 {
                    format!(
                        ", deleted {} between them",
                        plural(dropped_relations, "relation", "relations")
                    )
                } else {
                    String::new()
                }
            );
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Split an entity that conflates two: create `new` (with its own aliases) and move the
    /// given mentions and aliases of `entity` to it; each must belong to `entity`. An alias
    /// equal to one of the new entity's names is dropped rather than doubled. Returns the new
    /// entity's id.
    pub fn split_entity(
        &mut self,
        entity: impl Into<EntityId>,
        new: NewEntity,
        mentions: Vec<MentionId>,
        aliases: Vec<AliasId>,
        actor: &str,
    ) -> Result<EntityId, StoreError> {
        let entity = entity.into();
        let clean = CleanEntity::new(&new)?;
        self.write(actor, ACTION_SPLIT_ENTITY, |tx| {
            let old = load_entity(tx, entity.0)?;
            let mut rec = Recorder::default();
            let row = clean.insert(tx, &mut rec, &new.aliases)?;
            let mut seen = std::collections::HashSet::new();
            let mut moved_mentions = 0;
            for m in mentions.iter().filter(|m| seen.insert(m.0)) {
                moved_mentions += 1;
                let owner: Option<Option<i64>> = tx
                    .query_row("SELECT entity_id FROM mentions WHERE id = ?1", [m.0], |r| {
                        r.get(0)
                    })
                    .optional()?;
                match owner {
                    None => {
                        return Err(StoreError::NotFound(format!("mention {m} does not exist")))
                    }
                    Some(owner) if owner != Some(old.id) => {
                        return Err(StoreError::Invalid(format!(
                            "mention {m} is not linked to {}",
                            old.title()
                        )))
                    }
                    Some(_) => {
                        rec.update(tx, AnnoTable::Mentions, m.0, json!({ "entity_id": row.id }))?
                    }
                }
            }
            let mut seen = std::collections::HashSet::new();
            let mut moved_aliases = 0;
            for a in aliases.iter().filter(|a| seen.insert(a.0)) {
                moved_aliases += 1;
                let found: Option<(i64, String, String)> = tx
                    .query_row(
                        "SELECT entity_id, lang, text FROM aliases WHERE id = ?1",
                        [a.0],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?;
                let Some((owner, lang, text)) = found else {
                    return Err(StoreError::NotFound(format!("alias {a} does not exist")));
                };
                if owner != old.id {
                    return Err(StoreError::Invalid(format!(
                        "alias {a} ({text:?}) is not an alias of {}",
                        old.title()
                    )));
                }
                let lang: Lang = lang.parse().map_err(StoreError::Invalid)?;
                if has_name(tx, &row, lang, &text)? {
                    rec.delete(tx, AnnoTable::Aliases, a.0)?;
                } else {
                    rec.update(tx, AnnoTable::Aliases, a.0, json!({ "entity_id": row.id }))?;
                }
            }
            let summary = format!(
                "split {} off {}, moving {}",
                row.title(),
                old.title(),
                counts_line(&[
                    (moved_mentions, "mention", "mentions"),
                    (moved_aliases, "alias", "aliases"),
                ])
            );
            Ok((EntityId(row.id), rec.change(tx, summary)?))
        })
    }

    /// Delete an entity. Its mentions keep their span and type but lose the link, claims it
    /// makes lose their claimant; its aliases, external ids, relations (with their anchors)
    /// and claim subjects are deleted. Undo restores all of it.
    pub fn delete_entity(
        &mut self,
        entity: impl Into<EntityId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let entity = entity.into();
        self.write(actor, ACTION_DELETE_ENTITY, |tx| {
            let row = load_entity(tx, entity.0)?;
            let mut rec = Recorder::default();
            let mentions = ids(
                tx,
                "SELECT id FROM mentions WHERE entity_id = ?1 ORDER BY id",
                row.id,
            )?;
            for &m in &mentions {
                rec.update(tx, AnnoTable::Mentions, m, json!({ "entity_id": null }))?;
            }
            let claims = ids(
                tx,
                "SELECT id FROM claims WHERE claimant_id = ?1 ORDER BY id",
                row.id,
            )?;
            for &c in &claims {
                rec.update(tx, AnnoTable::Claims, c, json!({ "claimant_id": null }))?;
            }
            let subjects = ids(
                tx,
                "SELECT id FROM claim_subjects WHERE entity_id = ?1 ORDER BY id",
                row.id,
            )?;
            for &s in &subjects {
                rec.delete(tx, AnnoTable::ClaimSubjects, s)?;
            }
            let relations = ids(
                tx,
                "SELECT id FROM relations WHERE source_id = ?1 OR target_id = ?1 ORDER BY id",
                row.id,
            )?;
            for &r in &relations {
                delete_relation_rows(tx, &mut rec, r)?;
            }
            let aliases = ids(
                tx,
                "SELECT id FROM aliases WHERE entity_id = ?1 ORDER BY id",
                row.id,
            )?;
            for &a in &aliases {
                rec.delete(tx, AnnoTable::Aliases, a)?;
            }
            let externals = ids(
                tx,
                "SELECT id FROM external_ids WHERE entity_id = ?1 ORDER BY id",
                row.id,
            )?;
            for &x in &externals {
                rec.delete(tx, AnnoTable::ExternalIds, x)?;
            }
            rec.delete(tx, AnnoTable::Entities, row.id)?;
            let mut summary = format!(
                "delete {} with {}",
                row.title(),
                counts_line(&[
                    (aliases.len(), "alias", "aliases"),
                    (externals.len(), "external id", "external ids"),
                    (relations.len(), "relation", "relations"),
                    (subjects.len(), "claim subject", "claim subjects"),
                ])
            );
            if !mentions.is_empty() || !claims.is_empty() {
                summary.push_str(&format!(
                    "; unlinked {}",
                    counts_line(&[
                        (mentions.len(), "mention", "mentions"),
                        (claims.len(), "claim", "claims"),
                    ])
                ));
            }
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Every entity with its names and mention count, by id.
    pub fn entities(&self) -> Result<Vec<EntityView>, StoreError> {
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        entity_views(&tx, None).map_err(|e| self.err(e))
    }

    /// One entity; `not_found` for an unknown id.
    pub fn entity(&self, entity: impl Into<EntityId>) -> Result<EntityView, StoreError> {
        let entity = entity.into();
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        entity_views(&tx, Some(entity.0))
            .map_err(|e| self.err(e))?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("entity {entity} does not exist")))
    }

    /// Every name of every entity (preferred names, then aliases): what the mention
    /// suggester and the aligner load.
    pub fn registry(&self) -> Result<Vec<RegistryName>, StoreError> {
        let sql = "
            SELECT e.id, e.key, t.name, 'zh', e.name_zh, 0, 1, 0 FROM entities e
              JOIN entity_types t ON t.id = e.type_id WHERE e.name_zh IS NOT NULL
            UNION ALL
            SELECT e.id, e.key, t.name, 'en', e.name_en, 0, 1, 1 FROM entities e
              JOIN entity_types t ON t.id = e.type_id WHERE e.name_en IS NOT NULL
            UNION ALL
            SELECT e.id, e.key, t.name, a.lang, a.text, a.abbreviation, 0, 2 + a.id
              FROM aliases a JOIN entities e ON e.id = a.entity_id
              JOIN entity_types t ON t.id = e.type_id
            ORDER BY 1, 8";
        let conn = self.conn();
        let rows = conn.prepare_cached(sql).and_then(|mut stmt| {
            stmt.query_map([], |r| {
                Ok(RegistryName {
                    entity: EntityId(r.get(0)?),
                    key: r.get(1)?,
                    type_name: r.get(2)?,
                    lang: col(3, r.get(3)?)?,
                    text: r.get(4)?,
                    abbreviation: r.get(5)?,
                    preferred: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        });
        rows.map_err(|e| self.err(e))
    }
}

/// Views of every entity, or of one.
fn entity_views(conn: &Connection, only: Option<i64>) -> Result<Vec<EntityView>, StoreError> {
    let mut views: Vec<EntityView> = conn
        .prepare_cached(
            "SELECT e.id, e.key, t.name, e.name_zh, e.name_en, e.notes,
                    (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)
               FROM entities e JOIN entity_types t ON t.id = e.type_id
              WHERE ?1 IS NULL OR e.id = ?1 ORDER BY e.id",
        )?
        .query_map([only], |r| {
            Ok(EntityView {
                id: EntityId(r.get(0)?),
                key: r.get(1)?,
                type_name: r.get(2)?,
                name_zh: r.get(3)?,
                name_en: r.get(4)?,
                notes: r.get(5)?,
                aliases: Vec::new(),
                external_ids: Vec::new(),
                mention_count: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut aliases = conn.prepare_cached(
        "SELECT id, lang, script, text, abbreviation FROM aliases WHERE entity_id = ?1
          ORDER BY CASE lang WHEN 'zh' THEN 0 ELSE 1 END, id",
    )?;
    let mut externals = conn.prepare_cached(
        "SELECT id, scheme, value FROM external_ids WHERE entity_id = ?1 ORDER BY scheme, value",
    )?;
    for v in &mut views {
        v.aliases = aliases
            .query_map([v.id.0], |r| {
                Ok(AliasView {
                    id: AliasId(r.get(0)?),
                    lang: col(1, r.get(1)?)?,
                    script: col(2, r.get(2)?)?,
                    text: r.get(3)?,
                    abbreviation: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        v.external_ids = externals
            .query_map([v.id.0], |r| {
                Ok(ExternalIdView {
                    id: ExternalIdId(r.get(0)?),
                    scheme: r.get(1)?,
                    value: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(views)
}
