//! Row-level records of edits (alignment, sentences, annotations): what an edit's history
//! event stores, and how it is applied forwards (do, redo) and backwards (undo).
//!
//! Alignment rows have their own typed records; the annotation tables of schema V3 are
//! recorded generically as [`Record`]s (table, id, columns as JSON), so every entity,
//! mention, relation, claim and evidence edit is undone by the same code.
//!
//! An edit is recorded as the rows it touches before and after ([`Rows`]) plus renumberings
//! ([`Shift`]) of the sentences or beads that follow the change. The payload therefore grows
//! with the change, not with the document: a renumbering is one record whatever it moves.
//! Applying `before → after` does the edit, applying `after → before` with the inverse shifts
//! undoes it, and every edit, whichever operation produced it, is undone by the same code.

use std::collections::HashSet;

use duizhao_core::Lang;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::model::{BeadStatus, LinkStatus, Origin};
use crate::packed;
use crate::StoreError;

/// Temporary offset for renumbering under `UNIQUE (…, ordinal|position)`: rows are first
/// moved far above every real value, then to their final values, so that no intermediate
/// state of a one-row-at-a-time UPDATE collides (negative values are refused by CHECK).
const PARK: i64 = 1 << 40;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AlignmentRec {
    pub id: i64,
    pub zh_text_id: i64,
    pub en_text_id: i64,
}

/// A sentence with its packed tokens, everything needed to re-create the row exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SentenceRec {
    pub id: i64,
    pub text_id: i64,
    pub ordinal: i64,
    pub start: i64,
    pub end: i64,
    pub paragraph: i64,
    pub quote: String,
    /// Token offsets relative to the sentence start.
    pub tokens: Vec<(u32, u32)>,
    /// POS tags separated by spaces, as stored.
    pub pos: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BeadRec {
    pub id: i64,
    pub alignment_id: i64,
    pub position: i64,
    pub confidence: f64,
    pub origin: Origin,
    pub status: BeadStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct MemberRec {
    pub alignment_id: i64,
    pub sentence_id: i64,
    pub bead_id: i64,
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LinkRec {
    pub id: i64,
    pub bead_id: i64,
    pub zh_start: i64,
    pub zh_end: i64,
    pub zh_quote: String,
    pub en_start: i64,
    pub en_end: i64,
    pub en_quote: String,
    pub origin: Origin,
    pub status: LinkStatus,
    pub reason: Option<String>,
}

/// The rows an edit touches, on one side of it (before or after).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Rows {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alignments: Vec<AlignmentRec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<SentenceRec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beads: Vec<BeadRec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberRec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkRec>,
    /// Rows of the annotation tables (entities, mentions, claims, …), recorded generically.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<Record>,
}

/// The annotation tables (schema V3), the only tables a [`Record`] can name. Their names and
/// columns are the only identifiers ever put into SQL text by the generic row code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum AnnoTable {
    EntityTypes,
    RelationTypes,
    Entities,
    Aliases,
    ExternalIds,
    Mentions,
    Relations,
    RelationAnchors,
    Claims,
    ClaimAnchors,
    ClaimSubjects,
    ClaimStatusChanges,
    ClaimLinks,
    Sources,
    Evidence,
}

impl AnnoTable {
    #[cfg(test)]
    pub const ALL: [AnnoTable; 15] = [
        AnnoTable::EntityTypes,
        AnnoTable::RelationTypes,
        AnnoTable::Entities,
        AnnoTable::Aliases,
        AnnoTable::ExternalIds,
        AnnoTable::Mentions,
        AnnoTable::Relations,
        AnnoTable::RelationAnchors,
        AnnoTable::Claims,
        AnnoTable::ClaimAnchors,
        AnnoTable::ClaimSubjects,
        AnnoTable::ClaimStatusChanges,
        AnnoTable::ClaimLinks,
        AnnoTable::Sources,
        AnnoTable::Evidence,
    ];

    /// The table's name in the schema.
    pub fn name(self) -> &'static str {
        match self {
            AnnoTable::EntityTypes => "entity_types",
            AnnoTable::RelationTypes => "relation_types",
            AnnoTable::Entities => "entities",
            AnnoTable::Aliases => "aliases",
            AnnoTable::ExternalIds => "external_ids",
            AnnoTable::Mentions => "mentions",
            AnnoTable::Relations => "relations",
            AnnoTable::RelationAnchors => "relation_anchors",
            AnnoTable::Claims => "claims",
            AnnoTable::ClaimAnchors => "claim_anchors",
            AnnoTable::ClaimSubjects => "claim_subjects",
            AnnoTable::ClaimStatusChanges => "claim_status_changes",
            AnnoTable::ClaimLinks => "claim_links",
            AnnoTable::Sources => "sources",
            AnnoTable::Evidence => "evidence",
        }
    }

    /// Every column but `id`, in schema order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            AnnoTable::EntityTypes | AnnoTable::RelationTypes => &["name", "position"],
            AnnoTable::Entities => &[
                "type_id",
                "name_zh",
                "name_en",
                "notes",
                "key",
                "created_at",
            ],
            AnnoTable::Aliases => &["entity_id", "lang", "script", "text", "abbreviation"],
            AnnoTable::ExternalIds => &["entity_id", "scheme", "value"],
            AnnoTable::Mentions => &[
                "text_id",
                "start",
                "end",
                "quote",
                "prefix",
                "suffix",
                "type_id",
                "entity_id",
                "origin",
                "status",
                "created_at",
            ],
            AnnoTable::Relations => &["type_id", "source_id", "target_id", "note"],
            AnnoTable::RelationAnchors => &[
                "relation_id",
                "text_id",
                "start",
                "end",
                "quote",
                "prefix",
                "suffix",
            ],
            AnnoTable::Claims => &[
                "summary",
                "claimant_id",
                "time_label",
                "time_earliest",
                "time_latest",
                "status",
                "rationale",
                "created_at",
            ],
            AnnoTable::ClaimAnchors => &[
                "claim_id", "text_id", "start", "end", "quote", "prefix", "suffix",
            ],
            AnnoTable::ClaimSubjects => &["claim_id", "entity_id"],
            AnnoTable::ClaimStatusChanges => &[
                "claim_id",
                "at",
                "actor",
                "from_status",
                "to_status",
                "rationale",
            ],
            AnnoTable::ClaimLinks => &["from_claim_id", "to_claim_id", "kind", "note"],
            AnnoTable::Sources => &[
                "title",
                "kind",
                "citation",
                "date",
                "excerpt",
                "document_id",
                "reliability",
                "credibility",
                "created_at",
            ],
            AnnoTable::Evidence => &["claim_id", "source_id", "stance", "note"],
        }
    }

    /// Depth in the foreign-key graph among these tables: a row only refers to rows of
    /// shallower tables, so inserting by increasing depth and deleting by decreasing depth
    /// keeps every reference valid.
    pub fn depth(self) -> u8 {
        match self {
            AnnoTable::EntityTypes | AnnoTable::RelationTypes | AnnoTable::Sources => 0,
            AnnoTable::Entities => 1,
            AnnoTable::Aliases
            | AnnoTable::ExternalIds
            | AnnoTable::Mentions
            | AnnoTable::Relations
            | AnnoTable::Claims => 2,
            AnnoTable::RelationAnchors
            | AnnoTable::ClaimAnchors
            | AnnoTable::ClaimSubjects
            | AnnoTable::ClaimStatusChanges
            | AnnoTable::ClaimLinks
            | AnnoTable::Evidence => 3,
        }
    }

    /// `"id", "col", …` for a SELECT of the whole row.
    fn select_list(self) -> String {
        std::iter::once("id")
            .chain(self.columns().iter().copied())
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The column named `name`, as the static string of the schema; `invalid` for any other.
    fn column(self, name: &str) -> Result<&'static str, StoreError> {
        self.columns()
            .iter()
            .copied()
            .find(|c| *c == name)
            .ok_or_else(|| {
                StoreError::Invalid(format!("the table {} has no column `{name}`", self.name()))
            })
    }
}

/// One row of an annotation table, every column but `id` as JSON (integers, text, null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Record {
    pub table: AnnoTable,
    pub id: i64,
    pub cols: serde_json::Map<String, serde_json::Value>,
}

impl Record {
    pub fn key(&self) -> (AnnoTable, i64) {
        (self.table, self.id)
    }
}

fn to_sql(table: AnnoTable, col: &str, v: &serde_json::Value) -> Result<SqlValue, StoreError> {
    use serde_json::Value as J;
    Ok(match v {
        J::Null => SqlValue::Null,
        J::Bool(b) => SqlValue::Integer(i64::from(*b)),
        J::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => SqlValue::Integer(i),
            (None, Some(f)) => SqlValue::Real(f),
            _ => {
                return Err(StoreError::Invalid(format!(
                    "{}.{col}: the number {n} does not fit a column",
                    table.name()
                )))
            }
        },
        J::String(s) => SqlValue::Text(s.clone()),
        J::Array(_) | J::Object(_) => {
            return Err(StoreError::Invalid(format!(
                "{}.{col}: a list or object cannot be stored in a column",
                table.name()
            )))
        }
    })
}

fn from_sql(v: rusqlite::types::ValueRef<'_>) -> rusqlite::Result<serde_json::Value> {
    use rusqlite::types::ValueRef as V;
    Ok(match v {
        V::Null => serde_json::Value::Null,
        V::Integer(i) => i.into(),
        V::Real(f) => f.into(),
        V::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        V::Blob(_) => {
            return Err(rusqlite::Error::InvalidColumnType(
                0,
                "blob".into(),
                rusqlite::types::Type::Blob,
            ))
        }
    })
}

/// The row `id` of `table` as a record, if it exists.
pub(crate) fn read_record(
    tx: &Transaction,
    table: AnnoTable,
    id: i64,
) -> Result<Option<Record>, StoreError> {
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        table.select_list(),
        table.name()
    );
    Ok(tx
        .prepare_cached(&sql)?
        .query_row([id], |r| {
            let mut cols = serde_json::Map::new();
            for (i, c) in table.columns().iter().enumerate() {
                cols.insert((*c).to_owned(), from_sql(r.get_ref(i + 1)?)?);
            }
            Ok(Record { table, id, cols })
        })
        .optional()?)
}

/// Insert a row with the given columns (the others take their defaults); `id` is chosen by
/// SQLite when `None`. Returns the row's id.
pub(crate) fn insert_record(
    tx: &Transaction,
    table: AnnoTable,
    id: Option<i64>,
    cols: &serde_json::Map<String, serde_json::Value>,
) -> Result<i64, StoreError> {
    let mut names = Vec::with_capacity(cols.len() + 1);
    let mut values = Vec::with_capacity(cols.len() + 1);
    if let Some(id) = id {
        names.push("\"id\"".to_owned());
        values.push(SqlValue::Integer(id));
    }
    for (name, v) in cols {
        let col = table.column(name)?;
        names.push(format!("\"{col}\""));
        values.push(to_sql(table, col, v)?);
    }
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.name(),
        names.join(", "),
        marks.join(", ")
    );
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(tx.last_insert_rowid())
}

/// Set some columns of the row `id`; `not_found` if there is no such row.
pub(crate) fn update_record(
    tx: &Transaction,
    table: AnnoTable,
    id: i64,
    cols: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), StoreError> {
    if cols.is_empty() {
        return Ok(());
    }
    let mut sets = Vec::with_capacity(cols.len());
    let mut values = vec![SqlValue::Integer(id)];
    for (name, v) in cols {
        let col = table.column(name)?;
        values.push(to_sql(table, col, v)?);
        sets.push(format!("\"{col}\" = ?{}", values.len()));
    }
    let sql = format!(
        "UPDATE {} SET {} WHERE id = ?1",
        table.name(),
        sets.join(", ")
    );
    let n = tx
        .prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    if n == 0 {
        return Err(StoreError::NotFound(format!(
            "{} row {id} does not exist",
            table.name()
        )));
    }
    Ok(())
}

/// Delete the row `id` of `table` (nothing if there is none).
pub(crate) fn delete_record(tx: &Transaction, table: AnnoTable, id: i64) -> Result<(), StoreError> {
    tx.prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", table.name()))?
        .execute([id])?;
    Ok(())
}

/// Replace the annotation rows `from` by `to`: rows only in `from` are deleted deepest
/// first, rows in `to` are inserted (or, when also in `from`, updated) shallowest first.
/// A row only in `to` must not exist yet.
fn transition_records(tx: &Transaction, from: &[Record], to: &[Record]) -> Result<(), StoreError> {
    if from.is_empty() && to.is_empty() {
        return Ok(());
    }
    let old: HashSet<(AnnoTable, i64)> = from.iter().map(Record::key).collect();
    let new: HashSet<(AnnoTable, i64)> = to.iter().map(Record::key).collect();
    let mut gone: Vec<&Record> = from.iter().filter(|r| !new.contains(&r.key())).collect();
    gone.sort_by_key(|r| std::cmp::Reverse(r.table.depth()));
    let mut put: Vec<&Record> = to.iter().collect();
    put.sort_by_key(|r| r.table.depth());
    // Rows that stay but change (a mention losing its entity, an alias moving to another
    // entity) may still refer to a row deleted here until they are updated below: check
    // references at the end of the transaction instead of at each statement.
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    for r in gone {
        delete_record(tx, r.table, r.id)?;
    }
    for r in put {
        if old.contains(&r.key()) {
            update_record(tx, r.table, r.id, &r.cols)?;
        } else if read_record(tx, r.table, r.id)?.is_some() {
            return Err(StoreError::Invalid(format!(
                "cannot re-create {} row {}: another row with that id exists",
                r.table.name(),
                r.id
            )));
        } else {
            insert_record(tx, r.table, Some(r.id), &r.cols)?;
        }
    }
    Ok(())
}

/// Renumbering: every sentence of `text_id` (or bead of `alignment_id`) numbered `from` or
/// higher moves by `by`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shift", rename_all = "snake_case")]
pub(crate) enum Shift {
    Ordinals {
        text_id: i64,
        from: i64,
        by: i64,
    },
    Positions {
        alignment_id: i64,
        from: i64,
        by: i64,
    },
}

impl Shift {
    /// The shift that puts the moved rows back.
    fn inverse(self) -> Shift {
        match self {
            Shift::Ordinals { text_id, from, by } => Shift::Ordinals {
                text_id,
                from: from + by,
                by: -by,
            },
            Shift::Positions {
                alignment_id,
                from,
                by,
            } => Shift::Positions {
                alignment_id,
                from: from + by,
                by: -by,
            },
        }
    }

    fn run(self, tx: &Transaction) -> Result<(), StoreError> {
        let (table, owner, column, key, from, by) = match self {
            Shift::Ordinals { text_id, from, by } => {
                ("sentences", "text_id", "ordinal", text_id, from, by)
            }
            Shift::Positions {
                alignment_id,
                from,
                by,
            } => ("beads", "alignment_id", "position", alignment_id, from, by),
        };
        tx.prepare_cached(&format!(
            "UPDATE {table} SET {column} = {column} + ?3 WHERE {owner} = ?1 AND {column} >= ?2"
        ))?
        .execute(params![key, from, PARK])?;
        tx.prepare_cached(&format!(
            "UPDATE {table} SET {column} = {column} - ?3 + ?4 WHERE {owner} = ?1 AND {column} >= ?2 + ?3"
        ))?
        .execute(params![key, from, PARK, by])?;
        Ok(())
    }
}

/// One recorded edit: the payload of its history event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Edit {
    pub before: Rows,
    pub after: Rows,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shifts: Vec<Shift>,
}

impl Edit {
    /// An edit of span links only: `before` rows become `after` rows (either may be empty,
    /// for an addition or a removal).
    pub fn links(before: Vec<LinkRec>, after: Vec<LinkRec>) -> Edit {
        Edit {
            before: Rows {
                links: before,
                ..Rows::default()
            },
            after: Rows {
                links: after,
                ..Rows::default()
            },
            shifts: Vec::new(),
        }
    }

    /// An edit of one bead row's own columns (status, confidence, origin).
    pub fn bead(before: BeadRec, after: BeadRec) -> Edit {
        Edit {
            before: Rows {
                beads: vec![before],
                ..Rows::default()
            },
            after: Rows {
                beads: vec![after],
                ..Rows::default()
            },
            shifts: Vec::new(),
        }
    }

    /// Do (or redo) the edit.
    pub fn apply(&self, tx: &Transaction) -> Result<(), StoreError> {
        transition(tx, &self.before, &self.after, self.shifts.iter().copied())
    }

    /// Undo the edit: the inverse shifts, in reverse order.
    pub fn revert(&self, tx: &Transaction) -> Result<(), StoreError> {
        transition(
            tx,
            &self.after,
            &self.before,
            self.shifts.iter().rev().map(|s| s.inverse()),
        )
    }
}

/// Replace the rows `from` (which are in the database) by the rows `to`. Deletions go
/// children first and insertions parents first, so foreign keys hold at every statement.
fn transition(
    tx: &Transaction,
    from: &Rows,
    to: &Rows,
    shifts: impl Iterator<Item = Shift>,
) -> Result<(), StoreError> {
    let kept_beads: HashSet<i64> = to.beads.iter().map(|b| b.id).collect();
    let kept_sentences: HashSet<i64> = to.sentences.iter().map(|s| s.id).collect();
    let kept_alignments: HashSet<i64> = to.alignments.iter().map(|a| a.id).collect();
    let old_sentences: HashSet<i64> = from.sentences.iter().map(|s| s.id).collect();
    let old_alignments: HashSet<i64> = from.alignments.iter().map(|a| a.id).collect();

    // Links and memberships are removed and re-inserted whole (nothing refers to them), so
    // one that moves to another bead never holds on to a bead being deleted.
    let mut stmt = tx.prepare_cached("DELETE FROM span_links WHERE id = ?1")?;
    for link in &from.links {
        stmt.execute([link.id])?;
    }
    let mut stmt = tx.prepare_cached(
        "DELETE FROM bead_sentences WHERE alignment_id = ?1 AND sentence_id = ?2",
    )?;
    for m in &from.members {
        stmt.execute([m.alignment_id, m.sentence_id])?;
    }
    let mut stmt = tx.prepare_cached("DELETE FROM beads WHERE id = ?1")?;
    for bead in from.beads.iter().filter(|b| !kept_beads.contains(&b.id)) {
        stmt.execute([bead.id])?;
    }
    // Tokens go with their sentence (ON DELETE CASCADE: they are derived data).
    let mut stmt = tx.prepare_cached("DELETE FROM sentences WHERE id = ?1")?;
    for s in from
        .sentences
        .iter()
        .filter(|s| !kept_sentences.contains(&s.id))
    {
        stmt.execute([s.id])?;
    }
    let mut stmt = tx.prepare_cached("DELETE FROM alignments WHERE id = ?1")?;
    for a in from
        .alignments
        .iter()
        .filter(|a| !kept_alignments.contains(&a.id))
    {
        stmt.execute([a.id])?;
    }

    for shift in shifts {
        shift.run(tx)?;
    }

    let mut stmt = tx.prepare_cached(
        "INSERT INTO alignments (id, zh_text_id, en_text_id) VALUES (?1, ?2, ?3)",
    )?;
    for a in to
        .alignments
        .iter()
        .filter(|a| !old_alignments.contains(&a.id))
    {
        stmt.execute([a.id, a.zh_text_id, a.en_text_id])?;
    }
    // A sentence row never changes (the V1 trigger); edits replace rows, so only new ones
    // are inserted here.
    let mut insert_sentence = tx.prepare_cached(
        "INSERT INTO sentences (id, text_id, ordinal, start, \"end\", paragraph, quote) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut insert_tokens = tx.prepare_cached(
        "INSERT INTO sentence_tokens (sentence_id, count, offsets, pos) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for s in to
        .sentences
        .iter()
        .filter(|s| !old_sentences.contains(&s.id))
    {
        insert_sentence.execute(params![
            s.id,
            s.text_id,
            s.ordinal,
            s.start,
            s.end,
            s.paragraph,
            s.quote
        ])?;
        insert_tokens.execute(params![
            s.id,
            s.tokens.len() as i64,
            packed::pack_relative(&s.tokens),
            s.pos
        ])?;
    }
    // Beads may change places among themselves (realign): park them all first, then set
    // their final positions, so that no two of them ever hold the same position.
    let mut upsert = tx.prepare_cached(
        "INSERT INTO beads (id, alignment_id, position, confidence, origin, status) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, \
           confidence = excluded.confidence, origin = excluded.origin, status = excluded.status",
    )?;
    for b in &to.beads {
        upsert.execute(params![
            b.id,
            b.alignment_id,
            b.position + PARK,
            b.confidence,
            b.origin.as_str(),
            b.status.as_str()
        ])?;
    }
    let mut place = tx.prepare_cached("UPDATE beads SET position = ?2 WHERE id = ?1")?;
    for b in &to.beads {
        place.execute([b.id, b.position])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO bead_sentences (alignment_id, sentence_id, bead_id, lang) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for m in &to.members {
        stmt.execute(params![
            m.alignment_id,
            m.sentence_id,
            m.bead_id,
            m.lang.code()
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO span_links (id, bead_id, zh_start, zh_end, zh_quote, en_start, en_end, \
           en_quote, origin, status, reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for l in &to.links {
        stmt.execute(params![
            l.id,
            l.bead_id,
            l.zh_start,
            l.zh_end,
            l.zh_quote,
            l.en_start,
            l.en_end,
            l.en_quote,
            l.origin.as_str(),
            l.status.as_str(),
            l.reason
        ])?;
    }
    transition_records(tx, &from.records, &to.records)
}

/// Whether every row of `rows` is in the database exactly as recorded. Undo and redo check
/// this first, so that a file changed behind the history's back is refused rather than
/// "undone" into something else.
pub(crate) fn in_database(tx: &Transaction, rows: &Rows) -> Result<bool, StoreError> {
    for a in &rows.alignments {
        let found = tx
            .prepare_cached("SELECT zh_text_id, en_text_id FROM alignments WHERE id = ?1")?
            .query_row([a.id], |r| {
                Ok(AlignmentRec {
                    id: a.id,
                    zh_text_id: r.get(0)?,
                    en_text_id: r.get(1)?,
                })
            })
            .optional()?;
        if found.as_ref() != Some(a) {
            return Ok(false);
        }
    }
    for s in &rows.sentences {
        if sentence(tx, s.id)?.as_ref() != Some(s) {
            return Ok(false);
        }
    }
    for b in &rows.beads {
        if bead(tx, b.id)?.as_ref() != Some(b) {
            return Ok(false);
        }
    }
    for m in &rows.members {
        let found: Option<(i64, String)> = tx
            .prepare_cached(
                "SELECT bead_id, lang FROM bead_sentences WHERE alignment_id = ?1 AND sentence_id = ?2",
            )?
            .query_row([m.alignment_id, m.sentence_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if found != Some((m.bead_id, m.lang.code().to_owned())) {
            return Ok(false);
        }
    }
    for l in &rows.links {
        if link(tx, l.id)?.as_ref() != Some(l) {
            return Ok(false);
        }
    }
    for r in &rows.records {
        let Some(found) = read_record(tx, r.table, r.id)? else {
            return Ok(false);
        };
        if r.cols.iter().any(|(c, v)| found.cols.get(c) != Some(v)) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A sentence with its tokens, if it exists.
pub(crate) fn sentence(tx: &Transaction, id: i64) -> Result<Option<SentenceRec>, StoreError> {
    let row = tx
        .prepare_cached(
            "SELECT s.text_id, s.ordinal, s.start, s.\"end\", s.paragraph, s.quote, t.offsets, t.pos
               FROM sentences s LEFT JOIN sentence_tokens t ON t.sentence_id = s.id
              WHERE s.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                SentenceRec {
                    id,
                    text_id: r.get(0)?,
                    ordinal: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                    paragraph: r.get(4)?,
                    quote: r.get(5)?,
                    tokens: Vec::new(),
                    pos: r.get(7)?,
                },
                r.get::<_, Option<Vec<u8>>>(6)?,
            ))
        })
        .optional()?;
    let Some((mut rec, offsets)) = row else {
        return Ok(None);
    };
    rec.tokens = packed::unpack(offsets.as_deref().unwrap_or_default())
        .map_err(|e| StoreError::Invalid(format!("sentence {id}: {e}")))?
        .into_iter()
        .map(|(s, e)| (s as u32, e as u32))
        .collect();
    Ok(Some(rec))
}

pub(crate) fn bead(tx: &Transaction, id: i64) -> Result<Option<BeadRec>, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT alignment_id, position, confidence, origin, status FROM beads WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(BeadRec {
                id,
                alignment_id: r.get(0)?,
                position: r.get(1)?,
                confidence: r.get(2)?,
                origin: parse(3, r.get(3)?)?,
                status: parse(4, r.get(4)?)?,
            })
        })
        .optional()?)
}

pub(crate) const LINK_COLUMNS: &str = "id, bead_id, zh_start, zh_end, zh_quote, en_start, en_end, \
                                       en_quote, origin, status, reason";

pub(crate) fn link_from_row(r: &rusqlite::Row) -> rusqlite::Result<LinkRec> {
    Ok(LinkRec {
        id: r.get(0)?,
        bead_id: r.get(1)?,
        zh_start: r.get(2)?,
        zh_end: r.get(3)?,
        zh_quote: r.get(4)?,
        en_start: r.get(5)?,
        en_end: r.get(6)?,
        en_quote: r.get(7)?,
        origin: parse(8, r.get(8)?)?,
        status: parse(9, r.get(9)?)?,
        reason: r.get(10)?,
    })
}

pub(crate) fn link(tx: &Transaction, id: i64) -> Result<Option<LinkRec>, StoreError> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM span_links WHERE id = ?1"
        ))?
        .query_row([id], link_from_row)
        .optional()?)
}

/// The next free row id of `table`, for rows whose id must be known before they are
/// inserted (the edit's record names them, and redo re-creates them with the same ids).
pub(crate) fn next_id(tx: &Transaction, table: &str) -> Result<i64, StoreError> {
    Ok(tx.query_row(
        &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
        [],
        |r| r.get(0),
    )?)
}

/// Decode one of our enums from its column; anything else means the file was edited behind
/// our back.
pub(crate) fn parse<T: std::str::FromStr>(idx: usize, s: String) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Display,
{
    s.parse::<T>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            e.to_string().into(),
        )
    })
}
