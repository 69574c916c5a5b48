//! Relations between entities (单骞 directs 十四所), each with the spans of text that state
//! it; and the anchor views shared with claims.

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::entities::{delete_relation_rows, load_entity};
use super::types::{AnchorView, NewAnchor, NewRelation, RelationView};
use super::{
    col, short, Recorder, Texts, TypeTable, ACTION_ADD_RELATION, ACTION_ADD_RELATION_ANCHOR,
    ACTION_DELETE_RELATION, ACTION_REMOVE_RELATION_ANCHOR,
};
use crate::model::{AnchorId, DocumentId, EntityId, RelationId, TextId};
use crate::rows::AnnoTable;
use crate::{Project, StoreError};

/// Which anchor table: a relation's or a claim's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnchorTable {
    Relation,
    Claim,
}

impl AnchorTable {
    pub fn table(self) -> AnnoTable {
        match self {
            AnchorTable::Relation => AnnoTable::RelationAnchors,
            AnchorTable::Claim => AnnoTable::ClaimAnchors,
        }
    }

    fn owner_column(self) -> &'static str {
        match self {
            AnchorTable::Relation => "relation_id",
            AnchorTable::Claim => "claim_id",
        }
    }

    fn owner_name(self) -> &'static str {
        match self {
            AnchorTable::Relation => "relation",
            AnchorTable::Claim => "claim",
        }
    }

    /// Cut and insert an anchor of `owner`; refuses one it already has.
    pub fn insert(
        self,
        tx: &Transaction,
        rec: &mut Recorder,
        texts: &mut Texts,
        owner: i64,
        new: &NewAnchor,
    ) -> Result<(i64, String), StoreError> {
        let anchor = texts.anchor(
            tx,
            new.document.0,
            new.lang,
            new.start,
            new.end,
            new.quote.as_deref(),
        )?;
        let existing: Option<i64> = tx
            .prepare_cached(&format!(
                "SELECT id FROM {} WHERE {} = ?1 AND text_id = ?2 AND start = ?3 AND \"end\" = ?4",
                self.table().name(),
                self.owner_column()
            ))?
            .query_row([owner, anchor.text_id, anchor.start, anchor.end], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(existing) = existing {
            return Err(StoreError::Invalid(format!(
                "{} {owner} is already anchored at {}..{} of text {} (anchor {existing})",
                self.owner_name(),
                anchor.start,
                anchor.end,
                anchor.text_id
            )));
        }
        let mut cols = anchor.columns();
        cols.insert(self.owner_column().into(), owner.into());
        let id = rec.insert(tx, self.table(), serde_json::Value::Object(cols))?;
        Ok((id, anchor.quote))
    }

    /// The anchor's owner and quote; `not_found` if there is no such anchor.
    pub fn load(self, conn: &Connection, id: i64) -> Result<(i64, String), StoreError> {
        conn.prepare_cached(&format!(
            "SELECT {}, quote FROM {} WHERE id = ?1",
            self.owner_column(),
            self.table().name()
        ))?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| {
            StoreError::NotFound(format!("{} anchor {id} does not exist", self.owner_name()))
        })
    }

    /// Ids of the anchors of `owner`.
    pub fn of(self, conn: &Connection, owner: i64) -> Result<Vec<i64>, StoreError> {
        Ok(conn
            .prepare_cached(&format!(
                "SELECT id FROM {} WHERE {} = ?1 ORDER BY id",
                self.table().name(),
                self.owner_column()
            ))?
            .query_map([owner], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The anchors of `owner` as views, in text order.
    pub fn views(
        self,
        conn: &Connection,
        texts: &mut Texts,
        owner: i64,
    ) -> Result<Vec<AnchorView>, StoreError> {
        let mut views: Vec<AnchorView> = conn
            .prepare_cached(&format!(
                "SELECT a.id, t.document_id, t.lang, a.text_id, a.start, a.\"end\", a.quote,
                        a.prefix, a.suffix
                   FROM {} a JOIN texts t ON t.id = a.text_id
                  WHERE a.{} = ?1
                  ORDER BY t.document_id, CASE t.lang WHEN 'zh' THEN 0 ELSE 1 END, a.text_id,
                           a.start, a.\"end\", a.id",
                self.table().name(),
                self.owner_column()
            ))?
            .query_map([owner], |r| {
                Ok(AnchorView {
                    id: AnchorId(r.get(0)?),
                    document: DocumentId(r.get(1)?),
                    lang: col(2, r.get(2)?)?,
                    text_id: TextId(r.get(3)?),
                    start: r.get(4)?,
                    end: r.get(5)?,
                    quote: r.get(6)?,
                    prefix: r.get(7)?,
                    suffix: r.get(8)?,
                    orphaned: false,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for v in &mut views {
            v.orphaned = texts.orphaned(conn, v.text_id.0, v.start, v.end, &v.quote)?;
        }
        Ok(views)
    }
}

/// (type name, source, target) of a relation; `not_found` if there is none.
fn load_relation(conn: &Connection, id: i64) -> Result<(String, i64, i64), StoreError> {
    conn.prepare_cached(
        "SELECT t.name, r.source_id, r.target_id
           FROM relations r JOIN relation_types t ON t.id = r.type_id WHERE r.id = ?1",
    )?
    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("relation {id} does not exist")))
}

/// "单骞 (5) directs 十四所 (2)".
fn describe(
    conn: &Connection,
    type_name: &str,
    source: i64,
    target: i64,
) -> Result<String, StoreError> {
    let (s, t) = (load_entity(conn, source)?, load_entity(conn, target)?);
    Ok(format!(
        "{} ({source}) {type_name} {} ({target})",
        s.label(),
        t.label()
    ))
}

impl Project {
    /// Relate two entities (`source` `type_name` `target`), with the spans that state it;
    /// returns the relation's id. `invalid` for a type not in the schema, an entity related
    /// to itself, or a bad anchor; `not_found` for an unknown entity or document.
    pub fn add_relation(
        &mut self,
        new: NewRelation,
        actor: &str,
    ) -> Result<RelationId, StoreError> {
        if new.source == new.target {
            return Err(StoreError::Invalid(format!(
                "an entity cannot be related to itself (source and target are both entity {})",
                new.source
            )));
        }
        self.write(actor, ACTION_ADD_RELATION, |tx| {
            let type_name = new.type_name.trim();
            let type_id = TypeTable::Relation.id(tx, type_name, "relation")?;
            load_entity(tx, new.source.0)?;
            load_entity(tx, new.target.0)?;
            let mut rec = Recorder::default();
            let id = rec.insert(
                tx,
                AnnoTable::Relations,
                json!({
                    "type_id": type_id,
                    "source_id": new.source.0,
                    "target_id": new.target.0,
                    "note": new.note.trim(),
                }),
            )?;
            let mut texts = Texts::default();
            for anchor in &new.anchors {
                AnchorTable::Relation.insert(tx, &mut rec, &mut texts, id, anchor)?;
            }
            let summary = format!(
                "add relation {id}: {}",
                describe(tx, type_name, new.source.0, new.target.0)?
            );
            Ok((RelationId(id), rec.change(tx, summary)?))
        })
    }

    /// Delete a relation with its anchors.
    pub fn delete_relation(
        &mut self,
        relation: impl Into<RelationId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let relation = relation.into();
        self.write(actor, ACTION_DELETE_RELATION, |tx| {
            let (type_name, source, target) = load_relation(tx, relation.0)?;
            let what = describe(tx, &type_name, source, target)?;
            let mut rec = Recorder::default();
            delete_relation_rows(tx, &mut rec, relation.0)?;
            let summary = format!("delete relation {relation}: {what}");
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Add a span that states a relation; returns the anchor's id.
    pub fn add_relation_anchor(
        &mut self,
        relation: impl Into<RelationId>,
        anchor: NewAnchor,
        actor: &str,
    ) -> Result<AnchorId, StoreError> {
        let relation = relation.into();
        self.write(actor, ACTION_ADD_RELATION_ANCHOR, |tx| {
            load_relation(tx, relation.0)?;
            let mut rec = Recorder::default();
            let (id, quote) = AnchorTable::Relation.insert(
                tx,
                &mut rec,
                &mut Texts::default(),
                relation.0,
                &anchor,
            )?;
            let summary = format!("anchor relation {relation} at {:?}", short(&quote));
            Ok((AnchorId(id), rec.change(tx, summary)?))
        })
    }

    /// Remove an anchor of a relation.
    pub fn remove_relation_anchor(
        &mut self,
        anchor: impl Into<AnchorId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let anchor = anchor.into();
        self.write(actor, ACTION_REMOVE_RELATION_ANCHOR, |tx| {
            let (relation, quote) = AnchorTable::Relation.load(tx, anchor.0)?;
            let mut rec = Recorder::default();
            rec.delete(tx, AnnoTable::RelationAnchors, anchor.0)?;
            let summary = format!("remove anchor {:?} from relation {relation}", short(&quote));
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Every relation with its anchors, by id.
    pub fn relations(&self) -> Result<Vec<RelationView>, StoreError> {
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        let run = || -> Result<Vec<RelationView>, StoreError> {
            let mut views: Vec<RelationView> = tx
                .prepare_cached(
                    "SELECT r.id, t.name, r.source_id, r.target_id, r.note
                       FROM relations r JOIN relation_types t ON t.id = r.type_id ORDER BY r.id",
                )?
                .query_map([], |r| {
                    Ok(RelationView {
                        id: RelationId(r.get(0)?),
                        type_name: r.get(1)?,
                        source: EntityId(r.get(2)?),
                        target: EntityId(r.get(3)?),
                        note: r.get(4)?,
                        anchors: Vec::new(),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut texts = Texts::default();
            for v in &mut views {
                v.anchors = AnchorTable::Relation.views(&tx, &mut texts, v.id.0)?;
            }
            Ok(views)
        };
        run().map_err(|e| self.err(e))
    }
}
