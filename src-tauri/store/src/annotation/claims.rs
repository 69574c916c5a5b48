//! Claims: checkable statements with their anchors in the texts, the entities they are
//! about, who makes them, when they say it happened, their status with its history, and
//! the links between them (supports, contradicts, same as).

use std::collections::{HashMap, HashSet, VecDeque};

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::entities::load_entity;
use super::evidence::{source_from_row, SOURCE_COLUMNS};
use super::relations::AnchorTable;
use super::types::{
    ClaimLinkView, ClaimPatch, ClaimTime, ClaimView, EvidenceView, NewAnchor, NewClaim,
    StatusChangeView,
};
use super::{
    col, counts_line, one_line, short, Recorder, Texts, ACTION_ADD_CLAIM_ANCHOR,
    ACTION_ADD_CLAIM_SUBJECT, ACTION_CREATE_CLAIM, ACTION_DELETE_CLAIM, ACTION_LINK_CLAIMS,
    ACTION_REMOVE_CLAIM_ANCHOR, ACTION_REMOVE_CLAIM_SUBJECT, ACTION_SET_CLAIM_STATUS,
    ACTION_UNLINK_CLAIMS, ACTION_UPDATE_CLAIM,
};
use crate::model::{
    AnchorId, ClaimId, ClaimLinkId, ClaimLinkKind, ClaimStatus, EntityId, EvidenceId,
};
use crate::rows::AnnoTable;
use crate::{Project, StoreError};

/// A claim's own row, as loaded for an edit.
#[derive(Debug, Clone)]
pub(crate) struct ClaimRow {
    pub id: i64,
    pub summary: String,
    pub claimant: Option<i64>,
    pub time: Option<ClaimTime>,
    pub status: ClaimStatus,
    pub rationale: String,
}

impl ClaimRow {
    /// `claim 4 ("Ouyang left Institute 14 in October 2018")`.
    pub fn title(&self) -> String {
        format!("claim {} ({:?})", self.id, short(&self.summary))
    }
}

pub(crate) fn load_claim(conn: &Connection, id: i64) -> Result<ClaimRow, StoreError> {
    conn.prepare_cached(
        "SELECT summary, claimant_id, time_label, time_earliest, time_latest, status, rationale
           FROM claims WHERE id = ?1",
    )?
    .query_row([id], |r| {
        let label: Option<String> = r.get(2)?;
        Ok(ClaimRow {
            id,
            summary: r.get(0)?,
            claimant: r.get(1)?,
            time: match label {
                Some(label) => Some(ClaimTime {
                    label,
                    earliest: r.get(3)?,
                    latest: r.get(4)?,
                }),
                None => None,
            },
            status: col(5, r.get(5)?)?,
            rationale: r.get(6)?,
        })
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("claim {id} does not exist")))
}

fn clean_summary(summary: &str) -> Result<String, StoreError> {
    one_line("a claim's summary", summary)?
        .ok_or_else(|| StoreError::Invalid("a claim needs a summary (one line)".into()))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `s` is a calendar date written `YYYY-MM-DD`.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m),
        _ => false,
    }
}

/// A claim time checked: a one-line label, ISO dates, earliest not after latest.
fn clean_time(time: &ClaimTime) -> Result<ClaimTime, StoreError> {
    let label = one_line("a claim's time label", &time.label)?.ok_or_else(|| {
        StoreError::Invalid(
            "a claim's time needs its label as written (e.g. \"early October 2019\")".into(),
        )
    })?;
    let date = |what: &str, d: &Option<String>| -> Result<Option<String>, StoreError> {
        match d.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => Ok(None),
            Some(d) if is_iso_date(d) => Ok(Some(d.to_owned())),
            Some(d) => Err(StoreError::Invalid(format!(
                "claim time {label:?}: the {what} date {d:?} is not a valid date (YYYY-MM-DD)"
            ))),
        }
    };
    let earliest = date("earliest", &time.earliest)?;
    let latest = date("latest", &time.latest)?;
    if let (Some(e), Some(l)) = (&earliest, &latest) {
        if e > l {
            return Err(StoreError::Invalid(format!(
                "claim time {label:?}: the earliest date {e} is after the latest date {l}"
            )));
        }
    }
    Ok(ClaimTime {
        label,
        earliest,
        latest,
    })
}

fn time_columns(time: &Option<ClaimTime>) -> serde_json::Value {
    match time {
        Some(t) => json!({
            "time_label": t.label,
            "time_earliest": t.earliest,
            "time_latest": t.latest,
        }),
        None => json!({ "time_label": null, "time_earliest": null, "time_latest": null }),
    }
}

fn add_subject(
    tx: &Transaction,
    rec: &mut Recorder,
    claim: i64,
    entity: i64,
) -> Result<(), StoreError> {
    let e = load_entity(tx, entity)?;
    let existing: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM claim_subjects WHERE claim_id = ?1 AND entity_id = ?2)",
        [claim, entity],
        |r| r.get(0),
    )?;
    if existing {
        return Err(StoreError::Invalid(format!(
            "{} is already a subject of claim {claim}",
            e.title()
        )));
    }
    rec.insert(
        tx,
        AnnoTable::ClaimSubjects,
        json!({ "claim_id": claim, "entity_id": entity }),
    )?;
    Ok(())
}

fn record_status(
    tx: &Transaction,
    rec: &mut Recorder,
    claim: i64,
    actor: &str,
    from: Option<ClaimStatus>,
    to: ClaimStatus,
    rationale: &str,
) -> Result<(), StoreError> {
    rec.insert(
        tx,
        AnnoTable::ClaimStatusChanges,
        json!({
            "claim_id": claim,
            "actor": actor,
            "from_status": from.map(ClaimStatus::as_str),
            "to_status": to.as_str(),
            "rationale": rationale,
        }),
    )?;
    Ok(())
}

/// "supports", "contradicts", "is the same as".
fn verb(kind: ClaimLinkKind) -> &'static str {
    match kind {
        ClaimLinkKind::Supports => "supports",
        ClaimLinkKind::Contradicts => "contradicts",
        ClaimLinkKind::SameAs => "is the same as",
    }
}

/// The link between two claims of a kind, in either direction: (id, from, to).
fn link_between(
    conn: &Connection,
    a: i64,
    b: i64,
    kind: ClaimLinkKind,
) -> Result<Option<(i64, i64, i64)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, from_claim_id, to_claim_id FROM claim_links
              WHERE kind = ?3 AND ((from_claim_id = ?1 AND to_claim_id = ?2)
                                OR (from_claim_id = ?2 AND to_claim_id = ?1))
              ORDER BY id LIMIT 1",
        )?
        .query_row((a, b, kind.as_str()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

/// The chain of `supports` links from `start` to `goal`, if there is one.
fn supports_path(conn: &Connection, start: i64, goal: i64) -> Result<Option<Vec<i64>>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT to_claim_id FROM claim_links WHERE from_claim_id = ?1 AND kind = 'supports'
          ORDER BY to_claim_id",
    )?;
    let mut came_from: HashMap<i64, i64> = HashMap::new();
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        if at == goal {
            let mut path = vec![goal];
            let mut c = goal;
            while let Some(&p) = came_from.get(&c) {
                path.push(p);
                c = p;
            }
            path.reverse();
            return Ok(Some(path));
        }
        for next in stmt.query_map([at], |r| r.get::<_, i64>(0))? {
            let next = next?;
            if seen.insert(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    Ok(None)
}

fn claim_views(conn: &Connection, only: Option<i64>) -> Result<Vec<ClaimView>, StoreError> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM claims WHERE ?1 IS NULL OR id = ?1 ORDER BY id")?
        .query_map([only], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut texts = Texts::default();
    let mut views = Vec::with_capacity(ids.len());
    for id in ids {
        let row = load_claim(conn, id)?;
        let subjects = conn
            .prepare_cached("SELECT entity_id FROM claim_subjects WHERE claim_id = ?1 ORDER BY id")?
            .query_map([id], |r| Ok(EntityId(r.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let links = conn
            .prepare_cached(
                "SELECT id, from_claim_id, to_claim_id, kind, note FROM claim_links
                  WHERE from_claim_id = ?1 OR to_claim_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| {
                let (from, to): (i64, i64) = (r.get(1)?, r.get(2)?);
                Ok(ClaimLinkView {
                    id: ClaimLinkId(r.get(0)?),
                    other: ClaimId(if from == id { to } else { from }),
                    kind: col(3, r.get(3)?)?,
                    outgoing: from == id,
                    note: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let evidence = conn
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS}, e.id, e.stance, e.note
                   FROM evidence e JOIN sources s ON s.id = e.source_id
                  WHERE e.claim_id = ?1 ORDER BY e.id"
            ))?
            .query_map([id], |r| {
                Ok(EvidenceView {
                    source: source_from_row(r)?,
                    id: EvidenceId(r.get(9)?),
                    stance: col(10, r.get(10)?)?,
                    note: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let history = conn
            .prepare_cached(
                "SELECT at, actor, from_status, to_status, rationale FROM claim_status_changes
                  WHERE claim_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| {
                Ok(StatusChangeView {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    from: match r.get::<_, Option<String>>(2)? {
                        Some(s) => Some(col(2, s)?),
                        None => None,
                    },
                    to: col(3, r.get(3)?)?,
                    rationale: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        views.push(ClaimView {
            id: ClaimId(id),
            summary: row.summary,
            claimant: row.claimant.map(EntityId),
            subjects,
            time: row.time,
            status: row.status,
            rationale: row.rationale,
            anchors: AnchorTable::Claim.views(conn, &mut texts, id)?,
            links,
            evidence,
            history,
        });
    }
    Ok(views)
}

impl Project {
    /// Create a claim with its subjects and anchors; returns its id. Its status (unverified
    /// unless given) is the first entry of its status history. The summary must be one
    /// non-empty line; a time needs its label, and its earliest and latest dates (either may
    /// be open) must be ISO dates `YYYY-MM-DD`, earliest not after latest.
    pub fn create_claim(&mut self, new: NewClaim, actor: &str) -> Result<ClaimId, StoreError> {
        let summary = clean_summary(&new.summary)?;
        let time = new.time.as_ref().map(clean_time).transpose()?;
        let status = new.status.unwrap_or(ClaimStatus::Unverified);
        let rationale = new.rationale.trim().to_owned();
        self.write(actor, ACTION_CREATE_CLAIM, |tx| {
            if let Some(c) = new.claimant {
                load_entity(tx, c.0)?;
            }
            let mut cols = json!({
                "summary": summary,
                "claimant_id": new.claimant.map(|c| c.0),
                "status": status.as_str(),
                "rationale": rationale,
            });
            if let (Some(map), serde_json::Value::Object(t)) =
                (cols.as_object_mut(), time_columns(&time))
            {
                map.extend(t);
            }
            let mut rec = Recorder::default();
            let id = rec.insert(tx, AnnoTable::Claims, cols)?;
            let mut seen = HashSet::new();
            for s in new.subjects.iter().filter(|s| seen.insert(s.0)) {
                add_subject(tx, &mut rec, id, s.0)?;
            }
            let mut texts = Texts::default();
            for a in &new.anchors {
                AnchorTable::Claim.insert(tx, &mut rec, &mut texts, id, a)?;
            }
            record_status(tx, &mut rec, id, actor, None, status, &rationale)?;
            let summary = format!("create claim {id} ({status}): {:?}", short(&summary));
            Ok((ClaimId(id), rec.change(tx, summary)?))
        })
    }

    /// Change a claim's summary, claimant or time. `invalid` if nothing changes.
    pub fn update_claim(
        &mut self,
        claim: impl Into<ClaimId>,
        patch: ClaimPatch,
        actor: &str,
    ) -> Result<(), StoreError> {
        let claim = claim.into();
        let summary = patch.summary.as_deref().map(clean_summary).transpose()?;
        let time = match &patch.time {
            Some(Some(t)) => Some(Some(clean_time(t)?)),
            Some(None) => Some(None),
            None => None,
        };
        self.write(actor, ACTION_UPDATE_CLAIM, |tx| {
            let old = load_claim(tx, claim.0)?;
            let mut cols = serde_json::Map::new();
            let mut changed = Vec::new();
            if let Some(s) = summary.filter(|s| *s != old.summary) {
                cols.insert("summary".into(), s.into());
                changed.push("summary");
            }
            if let Some(c) = patch.claimant.filter(|c| c.map(|e| e.0) != old.claimant) {
                if let Some(e) = c {
                    load_entity(tx, e.0)?;
                }
                cols.insert("claimant_id".into(), json!(c.map(|e| e.0)));
                changed.push("claimant");
            }
            if let Some(t) = time.filter(|t| *t != old.time) {
                if let serde_json::Value::Object(t) = time_columns(&t) {
                    cols.extend(t);
                }
                changed.push("time");
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
                AnnoTable::Claims,
                old.id,
                serde_json::Value::Object(cols),
            )?;
            let summary = format!("update claim {claim}: {}", changed.join(", "));
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Add a span that states a claim; returns the anchor's id.
    pub fn add_claim_anchor(
        &mut self,
        claim: impl Into<ClaimId>,
        anchor: NewAnchor,
        actor: &str,
    ) -> Result<AnchorId, StoreError> {
        let claim = claim.into();
        self.write(actor, ACTION_ADD_CLAIM_ANCHOR, |tx| {
            load_claim(tx, claim.0)?;
            let mut rec = Recorder::default();
            let (id, quote) =
                AnchorTable::Claim.insert(tx, &mut rec, &mut Texts::default(), claim.0, &anchor)?;
            let summary = format!("anchor claim {claim} at {:?}", short(&quote));
            Ok((AnchorId(id), rec.change(tx, summary)?))
        })
    }

    /// Remove an anchor of a claim.
    pub fn remove_claim_anchor(
        &mut self,
        anchor: impl Into<AnchorId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let anchor = anchor.into();
        self.write(actor, ACTION_REMOVE_CLAIM_ANCHOR, |tx| {
            let (claim, quote) = AnchorTable::Claim.load(tx, anchor.0)?;
            let mut rec = Recorder::default();
            rec.delete(tx, AnnoTable::ClaimAnchors, anchor.0)?;
            let summary = format!("remove anchor {:?} from claim {claim}", short(&quote));
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Add an entity the claim is about. `invalid` if it already is a subject.
    pub fn add_claim_subject(
        &mut self,
        claim: impl Into<ClaimId>,
        entity: impl Into<EntityId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let (claim, entity) = (claim.into(), entity.into());
        self.write(actor, ACTION_ADD_CLAIM_SUBJECT, |tx| {
            load_claim(tx, claim.0)?;
            let mut rec = Recorder::default();
            add_subject(tx, &mut rec, claim.0, entity.0)?;
            let summary = format!(
                "add {} as a subject of claim {claim}",
                load_entity(tx, entity.0)?.title()
            );
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Remove an entity from a claim's subjects. `invalid` if it is not one.
    pub fn remove_claim_subject(
        &mut self,
        claim: impl Into<ClaimId>,
        entity: impl Into<EntityId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let (claim, entity) = (claim.into(), entity.into());
        self.write(actor, ACTION_REMOVE_CLAIM_SUBJECT, |tx| {
            load_claim(tx, claim.0)?;
            let e = load_entity(tx, entity.0)?;
            let id: Option<i64> = tx
                .query_row(
                    "SELECT id FROM claim_subjects WHERE claim_id = ?1 AND entity_id = ?2",
                    [claim.0, entity.0],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(id) = id else {
                return Err(StoreError::Invalid(format!(
                    "{} is not a subject of claim {claim}",
                    e.title()
                )));
            };
            let mut rec = Recorder::default();
            rec.delete(tx, AnnoTable::ClaimSubjects, id)?;
            let summary = format!("remove {} from the subjects of claim {claim}", e.title());
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Set a claim's status with the analyst's rationale; the change is appended to its
    /// status history (and undo removes it again). `invalid` if the claim already has that
    /// status with that rationale.
    pub fn set_claim_status(
        &mut self,
        claim: impl Into<ClaimId>,
        status: ClaimStatus,
        rationale: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let claim = claim.into();
        let rationale = rationale.trim();
        self.write(actor, ACTION_SET_CLAIM_STATUS, |tx| {
            let old = load_claim(tx, claim.0)?;
            if old.status == status && old.rationale == rationale {
                return Err(StoreError::Invalid(format!(
                    "claim {claim} is already {status}"
                )));
            }
            let mut rec = Recorder::default();
            rec.update(
                tx,
                AnnoTable::Claims,
                old.id,
                json!({ "status": status.as_str(), "rationale": rationale }),
            )?;
            record_status(
                tx,
                &mut rec,
                old.id,
                actor,
                Some(old.status),
                status,
                rationale,
            )?;
            let summary = if old.status == status {
                format!("claim {claim}: {status}, new rationale")
            } else {
                format!("claim {claim}: {} → {status}", old.status)
            };
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Link two claims: `from` supports, contradicts or is the same as `to`; returns the
    /// link's id. Refused: a claim linked with itself, a link that exists already, a
    /// `supports` link closing a cycle (A supports B supports … A), `same_as` between claims
    /// linked as contradicting (either way) and `contradicts` between claims linked as the
    /// same. `same_as` and `contradicts` may be mutual.
    pub fn link_claims(
        &mut self,
        from: impl Into<ClaimId>,
        to: impl Into<ClaimId>,
        kind: ClaimLinkKind,
        note: &str,
        actor: &str,
    ) -> Result<ClaimLinkId, StoreError> {
        let (from, to) = (from.into(), to.into());
        if from == to {
            let what = match kind {
                ClaimLinkKind::Supports => "support itself",
                ClaimLinkKind::Contradicts => "contradict itself",
                ClaimLinkKind::SameAs => "be linked as the same as itself",
            };
            return Err(StoreError::Invalid(format!(
                "a claim cannot {what} (claim {from})"
            )));
        }
        let note = note.trim();
        self.write(actor, ACTION_LINK_CLAIMS, |tx| {
            load_claim(tx, from.0)?;
            load_claim(tx, to.0)?;
            let existing: Option<i64> = tx
                .query_row(
                    "SELECT id FROM claim_links
                      WHERE from_claim_id = ?1 AND to_claim_id = ?2 AND kind = ?3",
                    (from.0, to.0, kind.as_str()),
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = existing {
                return Err(StoreError::Invalid(format!(
                    "claim {from} already {} claim {to} (link {existing})",
                    verb(kind)
                )));
            }
            let clash = match kind {
                ClaimLinkKind::SameAs => Some((ClaimLinkKind::Contradicts, "contradicting")),
                ClaimLinkKind::Contradicts => Some((ClaimLinkKind::SameAs, "the same claim")),
                ClaimLinkKind::Supports => None,
            };
            if let Some((other, as_what)) = clash {
                if let Some((id, _, _)) = link_between(tx, from.0, to.0, other)? {
                    return Err(StoreError::Invalid(format!(
                        "claims {from} and {to} are linked as {as_what} (link {id}), so claim \
                         {from} cannot {} claim {to}",
                        match kind {
                            ClaimLinkKind::SameAs => "be the same as",
                            _ => "contradict",
                        }
                    )));
                }
            }
            if kind == ClaimLinkKind::Supports {
                if let Some(path) = supports_path(tx, to.0, from.0)? {
                    let chain: Vec<String> = path.iter().map(i64::to_string).collect();
                    return Err(StoreError::Invalid(format!(
                        "claim {from} cannot support claim {to}: that would close a supports \
                         cycle ({} → {to})",
                        chain.join(" → ")
                    )));
                }
            }
            let mut rec = Recorder::default();
            let id = rec.insert(
                tx,
                AnnoTable::ClaimLinks,
                json!({
                    "from_claim_id": from.0,
                    "to_claim_id": to.0,
                    "kind": kind.as_str(),
                    "note": note,
                }),
            )?;
            let summary = format!("claim {from} {} claim {to} (link {id})", verb(kind));
            Ok((ClaimLinkId(id), rec.change(tx, summary)?))
        })
    }

    /// Remove a link between claims.
    pub fn unlink_claims(
        &mut self,
        link: impl Into<ClaimLinkId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let link = link.into();
        self.write(actor, ACTION_UNLINK_CLAIMS, |tx| {
            let (from, to, kind): (i64, i64, String) = tx
                .query_row(
                    "SELECT from_claim_id, to_claim_id, kind FROM claim_links WHERE id = ?1",
                    [link.0],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("claim link {link} does not exist")))?;
            let kind: ClaimLinkKind = kind.parse()?;
            let mut rec = Recorder::default();
            rec.delete(tx, AnnoTable::ClaimLinks, link.0)?;
            let summary = format!("remove link {link}: claim {from} {} claim {to}", verb(kind));
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Delete a claim with its anchors, subjects, links (both ways), evidence and status
    /// history. Undo restores all of it.
    pub fn delete_claim(
        &mut self,
        claim: impl Into<ClaimId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let claim = claim.into();
        self.write(actor, ACTION_DELETE_CLAIM, |tx| {
            let row = load_claim(tx, claim.0)?;
            let mut rec = Recorder::default();
            let ids = |sql: &str| -> Result<Vec<i64>, StoreError> {
                Ok(tx
                    .prepare_cached(sql)?
                    .query_map([claim.0], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?)
            };
            let anchors = AnchorTable::Claim.of(tx, claim.0)?;
            let subjects = ids("SELECT id FROM claim_subjects WHERE claim_id = ?1 ORDER BY id")?;
            let links = ids(
                "SELECT id FROM claim_links WHERE from_claim_id = ?1 OR to_claim_id = ?1 ORDER BY id",
            )?;
            let evidence = ids("SELECT id FROM evidence WHERE claim_id = ?1 ORDER BY id")?;
            let history = ids("SELECT id FROM claim_status_changes WHERE claim_id = ?1 ORDER BY id")?;
            for (table, list) in [
                (AnnoTable::ClaimAnchors, &anchors),
                (AnnoTable::ClaimSubjects, &subjects),
                (AnnoTable::ClaimLinks, &links),
                (AnnoTable::Evidence, &evidence),
                (AnnoTable::ClaimStatusChanges, &history),
            ] {
                for &id in list {
                    rec.delete(tx, table, id)?;
                }
            }
            rec.delete(tx, AnnoTable::Claims, claim.0)?;
            let summary = format!(
                "delete {} with {}",
                row.title(),
                counts_line(&[
                    (anchors.len(), "anchor", "anchors"),
                    (subjects.len(), "subject", "subjects"),
                    (links.len(), "link", "links"),
                    (evidence.len(), "piece of evidence", "pieces of evidence"),
                ])
            );
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Every claim with its anchors, links, evidence and status history, by id.
    pub fn claims(&self) -> Result<Vec<ClaimView>, StoreError> {
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        claim_views(&tx, None).map_err(|e| self.err(e))
    }

    /// One claim; `not_found` for an unknown id.
    pub fn claim(&self, claim: impl Into<ClaimId>) -> Result<ClaimView, StoreError> {
        let claim = claim.into();
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        claim_views(&tx, Some(claim.0))
            .map_err(|e| self.err(e))?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("claim {claim} does not exist")))
    }
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn iso_dates_are_calendar_dates() {
        for good in ["2019-10-01", "2020-02-29", "2000-02-29", "1981-06-30"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "2019-02-29",
            "1900-02-29",
            "2019-13-01",
            "2019-00-10",
            "2019-06-31",
            "2019-6-1",
            "2019/06/01",
            "early 2019",
            "",
            "+019-01-01",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
