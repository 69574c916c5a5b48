//! Undo and redo of alignment, sentence and annotation edits (entities, mentions,
//! relations, claims, sources, evidence), walking the history.
//!
//! The history is append-only; `events.undone` is the one column that changes. Undo takes
//! the newest edit that is not undone, replays its record backwards and marks it undone;
//! redo re-applies the edit most recently undone. Both are changes like any other: they go
//! through the write path and append their own event (`{"target": id}`), so the audit trail
//! shows who undid what and when.
//!
//! Redo is only possible until the next edit: walking back from the newest event, each redo
//! event cancels one undo event before it, the first uncancelled undo names what to redo,
//! and an edit met first means a new edit has replaced the undone ones. Imports are not
//! undone here (and do not block undoing the edits before them: they only add documents).

use rusqlite::{OptionalExtension, Transaction};
use serde_json::json;

use crate::alignment::EDIT_ACTIONS;
use crate::model::{Change, EventRow};
use crate::query::event_from_row;
use crate::rows::{in_database, Edit};
use crate::{Project, StoreError};

/// The history action of an undo; its payload is `{"target": <event id>}`.
pub const ACTION_UNDO: &str = "undo";
/// The history action of a redo; its payload is `{"target": <event id>}`.
pub const ACTION_REDO: &str = "redo";

fn quoted(actions: &[&str]) -> String {
    actions
        .iter()
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn event(tx: &Transaction, id: i64) -> Result<EventRow, StoreError> {
    Ok(tx.query_row(
        "SELECT id, at, actor, action, summary, payload, undone FROM events WHERE id = ?1",
        [id],
        event_from_row,
    )?)
}

/// The newest edit that is not undone.
fn undo_target(tx: &Transaction) -> Result<Option<i64>, StoreError> {
    Ok(tx
        .query_row(
            &format!(
                "SELECT id FROM events WHERE undone = 0 AND action IN ({})
                  ORDER BY id DESC LIMIT 1",
                quoted(EDIT_ACTIONS)
            ),
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// The edit to redo, if the undo that took it back is still the newest uncancelled one.
fn redo_target(tx: &Transaction) -> Result<Option<i64>, StoreError> {
    let mut actions = EDIT_ACTIONS.to_vec();
    actions.extend([ACTION_UNDO, ACTION_REDO]);
    let mut stmt = tx.prepare(&format!(
        "SELECT action, payload FROM events WHERE action IN ({}) ORDER BY id DESC",
        quoted(&actions)
    ))?;
    let mut rows = stmt.query([])?;
    let mut redone = 0usize;
    while let Some(r) = rows.next()? {
        let action: String = r.get(0)?;
        match action.as_str() {
            ACTION_REDO => redone += 1,
            ACTION_UNDO if redone > 0 => redone -= 1,
            ACTION_UNDO => {
                let payload: String = r.get(1)?;
                let target = serde_json::from_str::<serde_json::Value>(&payload)
                    .ok()
                    .and_then(|p| p["target"].as_i64())
                    .ok_or_else(|| {
                        StoreError::Invalid(format!("an undo event has no target: {payload}"))
                    })?;
                return Ok(Some(target));
            }
            _ => return Ok(None),
        }
    }
    Ok(None)
}

impl Project {
    /// Undo the newest edit (alignment, sentence or annotation) that is not undone yet;
    /// returns that event (now marked undone), or `None` when there is nothing to undo
    /// (nothing is written then). The project must still hold what the edit left, else
    /// `invalid`.
    pub fn undo(&mut self, actor: &str) -> Result<Option<EventRow>, StoreError> {
        self.step(actor, true)
    }

    /// Redo the edit most recently undone, unless an edit has been made since; returns that
    /// event, or `None` when there is nothing to redo (nothing is written then).
    pub fn redo(&mut self, actor: &str) -> Result<Option<EventRow>, StoreError> {
        self.step(actor, false)
    }

    fn step(&mut self, actor: &str, undo: bool) -> Result<Option<EventRow>, StoreError> {
        let find = if undo { undo_target } else { redo_target };
        {
            // Look first without the write lock: nothing to do must write nothing.
            let tx = self
                .conn()
                .unchecked_transaction()
                .map_err(|e| self.err(e))?;
            if find(&tx).map_err(|e| self.err(e))?.is_none() {
                return Ok(None);
            }
        }
        let (verb, action) = if undo {
            ("undo", ACTION_UNDO)
        } else {
            ("redo", ACTION_REDO)
        };
        self.write(actor, action, |tx| {
            let id = find(tx)?.ok_or_else(|| {
                StoreError::Invalid(format!(
                    "nothing left to {verb}: another window did it meanwhile"
                ))
            })?;
            let target = event(tx, id)?;
            if target.undone == undo {
                return Err(StoreError::Invalid(format!(
                    "cannot {verb} event {id}: the history says it is {}",
                    if target.undone {
                        "undone"
                    } else {
                        "not undone"
                    }
                )));
            }
            let edit: Edit = serde_json::from_value(target.payload.clone()).map_err(|e| {
                StoreError::Invalid(format!(
                    "cannot {verb} event {id}: its record is unreadable: {e}"
                ))
            })?;
            let current = if undo { &edit.after } else { &edit.before };
            if !in_database(tx, current)? {
                return Err(StoreError::Invalid(format!(
                    "cannot {verb} event {id} ({}): the project no longer holds what it {}",
                    target.summary,
                    if undo { "left" } else { "found" }
                )));
            }
            if undo {
                edit.revert(tx)?;
            } else {
                edit.apply(tx)?;
            }
            tx.prepare_cached("UPDATE events SET undone = ?2 WHERE id = ?1")?
                .execute((id, undo))?;
            let summary = format!("{verb}: {}", target.summary);
            let done = EventRow {
                undone: undo,
                ..target
            };
            Ok((Some(done), Change::new(summary, json!({ "target": id }))))
        })
    }
}
