//! Row-level records of alignment and sentence edits: what an edit's history event stores,
//! and how it is applied forwards (do, redo) and backwards (undo).
//!
//! An edit is recorded as the rows it touches before and after ([`Rows`]) plus renumberings
//! ([`Shift`]) of the sentences or beads that follow the change. The payload therefore grows
//! with the change, not with the document: a renumbering is one record whatever it moves.
//! Applying `before → after` does the edit, applying `after → before` with the inverse shifts
//! undoes it, and every edit, whichever operation produced it, is undone by the same code.

use std::collections::HashSet;

use duizhao_core::Lang;
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
    Ok(())
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
