//! Mentions: spans of a text that name an entity of a type, suggested by a machine or marked
//! by a person, accepted or rejected, linked to an entity or not.

use std::collections::{BTreeMap, HashSet};

use duizhao_core::Lang;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::entities::{learn_alias, load_entity};
use super::types::{MentionView, NewMention, SuggestedMention};
use super::{
    col, distinct, plural, short, Anchor, Recorder, Texts, TypeTable, ACTION_ADD_MENTION,
    ACTION_DELETE_MENTIONS, ACTION_LINK_MENTIONS, ACTION_SET_MENTION_STATUS,
    ACTION_SET_MENTION_TYPE, ACTION_STORE_SUGGESTIONS,
};
use crate::model::{DocumentId, EntityId, MentionId, MentionOrigin, MentionStatus, TextId};
use crate::rows::AnnoTable;
use crate::{Project, StoreError};

/// A mention as loaded for an edit.
#[derive(Debug, Clone)]
struct MentionRow {
    id: i64,
    text_id: i64,
    lang: Lang,
    start: i64,
    end: i64,
    quote: String,
    type_name: String,
    entity: Option<i64>,
    status: MentionStatus,
}

fn load_mention(conn: &Connection, id: i64) -> Result<MentionRow, StoreError> {
    conn.prepare_cached(
        "SELECT m.text_id, t.lang, m.start, m.\"end\", m.quote, y.name, m.entity_id, m.status
           FROM mentions m JOIN texts t ON t.id = m.text_id
           JOIN entity_types y ON y.id = m.type_id
          WHERE m.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(MentionRow {
            id,
            text_id: r.get(0)?,
            lang: col(1, r.get(1)?)?,
            start: r.get(2)?,
            end: r.get(3)?,
            quote: r.get(4)?,
            type_name: r.get(5)?,
            entity: r.get(6)?,
            status: col(7, r.get(7)?)?,
        })
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("mention {id} does not exist")))
}

/// Up to this many mentions are checked against their texts one by one in SQL; more load
/// the texts once.
const FEW_MENTIONS: usize = 64;

/// Which of a document's mentions a query reads.
enum Which<'a> {
    All,
    Ids(&'a [MentionId]),
    After(MentionId),
}

fn load_mentions(conn: &Connection, ids: &[MentionId]) -> Result<Vec<MentionRow>, StoreError> {
    distinct(ids.iter().map(|m| m.0), "mentions")?
        .into_iter()
        .map(|id| load_mention(conn, id))
        .collect()
}

/// The mention of the same span and type, if there is one: (id, status).
fn same_mention(
    conn: &Connection,
    text: i64,
    start: i64,
    end: i64,
    type_id: i64,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, status FROM mentions
              WHERE text_id = ?1 AND start = ?2 AND \"end\" = ?3 AND type_id = ?4",
        )?
        .query_row([text, start, end, type_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn insert_mention(
    tx: &Transaction,
    rec: &mut Recorder,
    anchor: &Anchor,
    type_id: i64,
    entity: Option<i64>,
    origin: MentionOrigin,
    status: MentionStatus,
) -> Result<i64, StoreError> {
    let mut cols = anchor.columns();
    cols.insert("type_id".into(), type_id.into());
    cols.insert("entity_id".into(), json!(entity));
    cols.insert("origin".into(), origin.as_str().into());
    cols.insert("status".into(), status.as_str().into());
    rec.insert(tx, AnnoTable::Mentions, serde_json::Value::Object(cols))
}

/// ", adding alias "特材委"" / ", adding 2 aliases" / "".
fn learned(aliases: &[String]) -> String {
    match aliases {
        [] => String::new(),
        [one] => format!(", adding alias {one:?}"),
        many => format!(", adding {} aliases", many.len()),
    }
}

/// "mention 4" / "mentions 4, 5, 6" for messages.
fn named(rows: &[&MentionRow]) -> String {
    let ids: Vec<String> = rows.iter().map(|m| m.id.to_string()).collect();
    match ids.len() {
        1 => format!("mention {} is", ids[0]),
        _ => format!("mentions {} are", ids.join(", ")),
    }
}

impl Project {
    /// Mark a span of the document's current text of `new.lang` as a mention of a type,
    /// optionally linked to an entity; returns its id. Refuses an empty span, one outside
    /// the text, a quote that differs from the text, a type not in the schema, an unknown
    /// entity, and a second accepted mention of the same span and type. Adding an accepted
    /// mention where a suggested or rejected one of the same span and type lies accepts that
    /// one instead (linking it to `new.entity` if given) and returns its id. An accepted
    /// mention linked to an entity teaches the registry its quote (see
    /// [`Project::link_mentions`]).
    pub fn add_mention(&mut self, new: NewMention, actor: &str) -> Result<MentionId, StoreError> {
        self.write(actor, ACTION_ADD_MENTION, |tx| {
            let anchor = Texts::default().anchor(
                tx,
                new.document.0,
                new.lang,
                new.start,
                new.end,
                new.quote.as_deref(),
            )?;
            let type_name = new.type_name.trim();
            let type_id = TypeTable::Entity.id(tx, type_name, "mention")?;
            let entity = match new.entity {
                Some(e) => Some(load_entity(tx, e.0)?),
                None => None,
            };
            let existing = same_mention(tx, anchor.text_id, anchor.start, anchor.end, type_id)?;
            // Tagging a span the suggester already proposed (or the analyst once rejected)
            // is the analyst's decision on that mention: it becomes accepted, keeping the
            // origin that proposed it, instead of failing on the duplicate.
            if let (Some((id, status)), MentionStatus::Accepted) = (&existing, new.status) {
                if status != MentionStatus::Accepted.as_str() {
                    let mut rec = Recorder::default();
                    let mut cols = json!({ "status": MentionStatus::Accepted.as_str() });
                    if let Some(e) = &entity {
                        cols["entity_id"] = json!(e.id);
                    }
                    rec.update(tx, AnnoTable::Mentions, *id, cols)?;
                    let linked: Option<i64> = tx
                        .prepare_cached("SELECT entity_id FROM mentions WHERE id = ?1")?
                        .query_row([id], |r| r.get(0))?;
                    let mut aliases = Vec::new();
                    if let Some(e) = linked {
                        aliases.extend(learn_alias(tx, &mut rec, e, new.lang, &anchor.quote)?);
                    }
                    let summary = format!(
                        "accept {status} {type_name} mention {id} {:?} at {} {}..{} of document {}{}",
                        short(&anchor.quote),
                        new.lang,
                        anchor.start,
                        anchor.end,
                        new.document,
                        learned(&aliases)
                    );
                    return Ok((MentionId(*id), rec.change(tx, summary)?));
                }
            }
            if let Some((id, status)) = existing {
                return Err(StoreError::Invalid(format!(
                    "text {} already has a mention of type {type_name} at {}..{} (mention {id}, \
                     {status})",
                    anchor.text_id, anchor.start, anchor.end
                )));
            }
            let mut rec = Recorder::default();
            let id = insert_mention(
                tx,
                &mut rec,
                &anchor,
                type_id,
                entity.as_ref().map(|e| e.id),
                new.origin,
                new.status,
            )?;
            let mut aliases = Vec::new();
            if let (Some(e), MentionStatus::Accepted) = (&entity, new.status) {
                aliases.extend(learn_alias(tx, &mut rec, e.id, new.lang, &anchor.quote)?);
            }
            let mut summary = format!(
                "add {} {type_name} mention {id} {:?} at {} {}..{} of document {}",
                new.status,
                short(&anchor.quote),
                new.lang,
                anchor.start,
                anchor.end,
                new.document
            );
            if let Some(e) = &entity {
                summary.push_str(&format!(", linked to {}", e.title()));
            }
            summary.push_str(&learned(&aliases));
            Ok((MentionId(id), rec.change(tx, summary)?))
        })
    }

    /// Set the status of mentions (accept or reject a batch in one undoable step); returns
    /// how many changed. Mentions already in that status are left alone; `invalid` if all
    /// are. Accepted mentions linked to an entity teach the registry their quotes.
    pub fn set_mention_status(
        &mut self,
        ids: &[MentionId],
        status: MentionStatus,
        actor: &str,
    ) -> Result<usize, StoreError> {
        self.write(actor, ACTION_SET_MENTION_STATUS, |tx| {
            let rows = load_mentions(tx, ids)?;
            let todo: Vec<&MentionRow> = rows.iter().filter(|m| m.status != status).collect();
            if todo.is_empty() {
                let all: Vec<&MentionRow> = rows.iter().collect();
                return Err(StoreError::Invalid(format!(
                    "{} already {status}",
                    named(&all)
                )));
            }
            let mut rec = Recorder::default();
            let mut aliases = Vec::new();
            for m in &todo {
                rec.update(
                    tx,
                    AnnoTable::Mentions,
                    m.id,
                    json!({ "status": status.as_str() }),
                )?;
                if let (Some(e), MentionStatus::Accepted) = (m.entity, status) {
                    aliases.extend(learn_alias(tx, &mut rec, e, m.lang, &m.quote)?);
                }
            }
            let verb = match status {
                MentionStatus::Accepted => "accept".to_owned(),
                MentionStatus::Rejected => "reject".to_owned(),
                MentionStatus::Suggested => "reopen".to_owned(),
            };
            let summary = format!(
                "{verb} {}{}",
                plural(todo.len(), "mention", "mentions"),
                learned(&aliases)
            );
            Ok((todo.len(), rec.change(tx, summary)?))
        })
    }

    /// Change the type of mentions; returns how many changed. `invalid` if the type is not
    /// in the schema, if all already have it, or if a mention of the same span with that
    /// type exists.
    pub fn set_mention_type(
        &mut self,
        ids: &[MentionId],
        type_name: &str,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let type_name = type_name.trim();
        self.write(actor, ACTION_SET_MENTION_TYPE, |tx| {
            let type_id = TypeTable::Entity.id(tx, type_name, "mention")?;
            let rows = load_mentions(tx, ids)?;
            let todo: Vec<&MentionRow> = rows.iter().filter(|m| m.type_name != type_name).collect();
            if todo.is_empty() {
                let all: Vec<&MentionRow> = rows.iter().collect();
                return Err(StoreError::Invalid(format!(
                    "{} already of type {type_name}",
                    named(&all)
                )));
            }
            let mut rec = Recorder::default();
            for m in &todo {
                if let Some((other, status)) = same_mention(tx, m.text_id, m.start, m.end, type_id)?
                {
                    return Err(StoreError::Invalid(format!(
                        "cannot set mention {} to type {type_name}: text {} already has a \
                         mention of type {type_name} at {}..{} (mention {other}, {status})",
                        m.id, m.text_id, m.start, m.end
                    )));
                }
                rec.update(tx, AnnoTable::Mentions, m.id, json!({ "type_id": type_id }))?;
            }
            let summary = format!(
                "set the type of {} to {type_name}",
                plural(todo.len(), "mention", "mentions")
            );
            Ok((todo.len(), rec.change(tx, summary)?))
        })
    }

    /// Link mentions to an entity (which accepts them), or unlink them with `None` (their
    /// status stays); returns how many changed. Linking is how the registry learns from the
    /// analyst: a linked mention's quote becomes an alias of the entity (language of the
    /// text, script inferred) when the entity has no such name yet, in the same step.
    pub fn link_mentions(
        &mut self,
        ids: &[MentionId],
        entity: Option<EntityId>,
        actor: &str,
    ) -> Result<usize, StoreError> {
        self.write(actor, ACTION_LINK_MENTIONS, |tx| {
            let rows = load_mentions(tx, ids)?;
            let target = match entity {
                Some(e) => Some(load_entity(tx, e.0)?),
                None => None,
            };
            let todo: Vec<&MentionRow> = rows
                .iter()
                .filter(|m| match &target {
                    Some(e) => m.entity != Some(e.id) || m.status != MentionStatus::Accepted,
                    None => m.entity.is_some(),
                })
                .collect();
            if todo.is_empty() {
                let all: Vec<&MentionRow> = rows.iter().collect();
                return Err(StoreError::Invalid(match &target {
                    Some(e) => format!("{} already linked to {}", named(&all), e.title()),
                    None => format!("{} not linked to an entity", named(&all)),
                }));
            }
            let mut rec = Recorder::default();
            let mut aliases = Vec::new();
            for m in &todo {
                match &target {
                    Some(e) => {
                        rec.update(
                            tx,
                            AnnoTable::Mentions,
                            m.id,
                            json!({ "entity_id": e.id, "status": MentionStatus::Accepted.as_str() }),
                        )?;
                        aliases.extend(learn_alias(tx, &mut rec, e.id, m.lang, &m.quote)?);
                    }
                    None => {
                        rec.update(tx, AnnoTable::Mentions, m.id, json!({ "entity_id": null }))?
                    }
                }
            }
            let n = plural(todo.len(), "mention", "mentions");
            let summary = match &target {
                Some(e) => format!("link {n} to {}{}", e.title(), learned(&aliases)),
                None => format!("unlink {n}"),
            };
            Ok((todo.len(), rec.change(tx, summary)?))
        })
    }

    /// Delete mentions; returns how many. Nothing else refers to a mention.
    pub fn delete_mentions(&mut self, ids: &[MentionId], actor: &str) -> Result<usize, StoreError> {
        self.write(actor, ACTION_DELETE_MENTIONS, |tx| {
            let rows = load_mentions(tx, ids)?;
            let mut rec = Recorder::default();
            for m in &rows {
                rec.delete(tx, AnnoTable::Mentions, m.id)?;
            }
            let summary = match rows.as_slice() {
                [m] => format!(
                    "delete {} mention {} {:?} at {}..{} of text {}",
                    m.type_name,
                    m.id,
                    short(&m.quote),
                    m.start,
                    m.end,
                    m.text_id
                ),
                _ => format!("delete {}", plural(rows.len(), "mention", "mentions")),
            };
            Ok((rows.len(), rec.change(tx, summary)?))
        })
    }

    /// The mentions of a document's texts, sorted by language (zh first), text, start, end.
    pub fn mentions(
        &self,
        document: impl Into<DocumentId>,
    ) -> Result<Vec<MentionView>, StoreError> {
        self.mention_views(document.into(), Which::All)
    }

    /// Those of `ids` that are mentions of the document, sorted like [`Project::mentions`]:
    /// what an edit of a few mentions changed, without reading every mention of a long
    /// document again.
    pub fn mentions_by_id(
        &self,
        document: impl Into<DocumentId>,
        ids: &[MentionId],
    ) -> Result<Vec<MentionView>, StoreError> {
        self.mention_views(document.into(), Which::Ids(ids))
    }

    /// The document's mentions with an id above `after`, sorted like [`Project::mentions`]:
    /// ids only grow, so these are the mentions added since `after` was the newest.
    pub fn mentions_after(
        &self,
        document: impl Into<DocumentId>,
        after: MentionId,
    ) -> Result<Vec<MentionView>, StoreError> {
        self.mention_views(document.into(), Which::After(after))
    }

    /// The newest mention's id in the project (0 when there is none).
    pub fn newest_mention(&self) -> Result<MentionId, StoreError> {
        self.conn()
            .query_row("SELECT coalesce(max(id), 0) FROM mentions", [], |r| {
                r.get(0)
            })
            .map(MentionId)
            .map_err(|e| self.err(e))
    }

    fn mention_views(
        &self,
        document: DocumentId,
        which: Which<'_>,
    ) -> Result<Vec<MentionView>, StoreError> {
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        // The same columns and order for every kind of query, so they sort and verify
        // alike; each kind its own condition, so a few ids are found by their key rather
        // than by reading every mention of the document.
        let (which_sql, which_value): (&str, rusqlite::types::Value) = match which {
            Which::All => ("?2 IS NULL", rusqlite::types::Value::Null),
            Which::Ids(ids) => {
                let list: Vec<String> = ids.iter().map(|id| id.0.to_string()).collect();
                (
                    "m.id IN (SELECT value FROM json_each(?2))",
                    format!("[{}]", list.join(",")).into(),
                )
            }
            Which::After(after) => ("m.id > ?2", after.0.into()),
        };
        let run = || -> Result<Vec<MentionView>, StoreError> {
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT id FROM documents WHERE id = ?1",
                    [document.0],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::NotFound(format!(
                    "document {document} does not exist"
                )));
            }
            let mut views: Vec<MentionView> = tx
                .prepare_cached(&format!(
                    "SELECT m.id, t.lang, m.text_id, m.start, m.\"end\", m.quote, m.prefix,
                            m.suffix, y.name, m.entity_id, m.origin, m.status
                       FROM mentions m JOIN texts t ON t.id = m.text_id
                       JOIN entity_types y ON y.id = m.type_id
                      WHERE t.document_id = ?1 AND {which_sql}
                      ORDER BY CASE t.lang WHEN 'zh' THEN 0 ELSE 1 END, m.text_id, m.start,
                               m.\"end\", y.position, m.id"
                ))?
                .query_map(rusqlite::params![document.0, which_value], |r| {
                    Ok(MentionView {
                        id: MentionId(r.get(0)?),
                        lang: col(1, r.get(1)?)?,
                        text_id: TextId(r.get(2)?),
                        start: r.get(3)?,
                        end: r.get(4)?,
                        quote: r.get(5)?,
                        prefix: r.get(6)?,
                        suffix: r.get(7)?,
                        type_name: r.get(8)?,
                        entity: r.get::<_, Option<i64>>(9)?.map(EntityId),
                        origin: col(10, r.get(10)?)?,
                        status: col(11, r.get(11)?)?,
                        orphaned: false,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            if views.len() > FEW_MENTIONS {
                let mut texts = Texts::default();
                for v in &mut views {
                    v.orphaned = texts.orphaned(&tx, v.text_id.0, v.start, v.end, &v.quote)?;
                }
            } else {
                // A few mentions: cut each quote out in SQL rather than indexing whole texts.
                let mut cut = tx.prepare_cached(
                    "SELECT substr(content, ?2 + 1, ?3) FROM texts WHERE id = ?1",
                )?;
                for v in &mut views {
                    let there: Option<String> = cut
                        .query_row([v.text_id.0, v.start, v.end - v.start], |r| r.get(0))
                        .optional()?;
                    v.orphaned = there.as_deref() != Some(v.quote.as_str());
                }
            }
            Ok(views)
        };
        run().map_err(|e| self.err(e))
    }

    /// Store a suggester's mentions for a document (on its current texts) as suggested, in
    /// one undoable step; returns how many were added. A suggestion whose span and type
    /// already exist as a mention, in any status, is skipped, so a rejected suggestion is
    /// not suggested again. Every type, span and entity is checked first: one bad
    /// suggestion refuses them all. With nothing new to add, nothing is written.
    pub fn store_suggestions(
        &mut self,
        document: impl Into<DocumentId>,
        suggestions: Vec<SuggestedMention>,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let document = document.into();
        if suggestions.is_empty() {
            return Ok(0);
        }
        {
            // Look first without the write lock: nothing new must write nothing.
            let tx = self
                .conn()
                .unchecked_transaction()
                .map_err(|e| self.err(e))?;
            if plan_suggestions(&tx, document, &suggestions)
                .map_err(|e| self.err(e))?
                .is_empty()
            {
                return Ok(0);
            }
        }
        self.write(actor, ACTION_STORE_SUGGESTIONS, |tx| {
            let planned = plan_suggestions(tx, document, &suggestions)?;
            let mut rec = Recorder::default();
            let mut by_origin: BTreeMap<&'static str, usize> = BTreeMap::new();
            for p in &planned {
                insert_mention(
                    tx,
                    &mut rec,
                    &p.anchor,
                    p.type_id,
                    p.entity,
                    p.origin,
                    MentionStatus::Suggested,
                )?;
                *by_origin.entry(p.origin.as_str()).or_default() += 1;
            }
            let origins: Vec<String> = by_origin
                .iter()
                .map(|(origin, n)| format!("{n} {origin}"))
                .collect();
            let summary = format!(
                "suggest {} in document {document} ({})",
                plural(planned.len(), "mention", "mentions"),
                origins.join(", ")
            );
            Ok((planned.len(), rec.change(tx, summary)?))
        })
    }
}

/// A suggestion checked and cut, ready to insert.
struct Planned {
    anchor: Anchor,
    type_id: i64,
    entity: Option<i64>,
    origin: MentionOrigin,
}

/// Check every suggestion and keep the new ones (not already a mention, not repeated).
fn plan_suggestions(
    conn: &Connection,
    document: DocumentId,
    suggestions: &[SuggestedMention],
) -> Result<Vec<Planned>, StoreError> {
    let mut texts = Texts::default();
    let mut types = std::collections::HashMap::new();
    let mut entities = HashSet::new();
    let mut taken = HashSet::new();
    let mut planned = Vec::new();
    for (i, s) in suggestions.iter().enumerate() {
        let at = |e: StoreError| match e {
            StoreError::Invalid(msg) => StoreError::Invalid(format!("suggestion {}: {msg}", i + 1)),
            StoreError::NotFound(msg) => {
                StoreError::NotFound(format!("suggestion {}: {msg}", i + 1))
            }
            other => other,
        };
        let anchor = texts
            .anchor(conn, document.0, s.lang, s.start, s.end, None)
            .map_err(at)?;
        let type_name = s.type_name.trim();
        let type_id = match types.get(type_name) {
            Some(&id) => id,
            None => {
                let id = TypeTable::Entity
                    .id(conn, type_name, "mention")
                    .map_err(at)?;
                types.insert(type_name.to_owned(), id);
                id
            }
        };
        if let Some(e) = s.entity {
            if entities.insert(e.0) {
                load_entity(conn, e.0).map_err(at)?;
            }
        }
        if !taken.insert((anchor.text_id, anchor.start, anchor.end, type_id))
            || same_mention(conn, anchor.text_id, anchor.start, anchor.end, type_id)?.is_some()
        {
            continue;
        }
        planned.push(Planned {
            anchor,
            type_id,
            entity: s.entity.map(|e| e.0),
            origin: s.origin,
        });
    }
    Ok(planned)
}
