//! Sources of evidence, graded on the Admiralty scale (reliability A–F of the source,
//! credibility 1–6 of the information), and the evidence linking a source to a claim.

use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::claims::{is_iso_date, load_claim};
use super::types::{NewSource, SourcePatch, SourceView};
use super::{
    col, one_line, plural, short, Recorder, ACTION_ADD_SOURCE, ACTION_DELETE_SOURCE,
    ACTION_LINK_EVIDENCE, ACTION_UNLINK_EVIDENCE, ACTION_UPDATE_SOURCE,
};
use crate::model::{ClaimId, DocumentId, EvidenceId, SourceId, Stance};
use crate::rows::AnnoTable;
use crate::{Project, StoreError};

/// The columns `source_from_row` reads, in its order (a source aliased `s`).
pub(crate) const SOURCE_COLUMNS: &str = "s.id, s.title, s.kind, s.citation, s.date, s.excerpt, \
                                         s.document_id, s.reliability, s.credibility";

/// A source from the first nine columns of a row selected with [`SOURCE_COLUMNS`].
pub(crate) fn source_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SourceView> {
    Ok(SourceView {
        id: SourceId(r.get(0)?),
        title: r.get(1)?,
        kind: col(2, r.get(2)?)?,
        citation: r.get(3)?,
        date: r.get(4)?,
        excerpt: r.get(5)?,
        document: r.get::<_, Option<i64>>(6)?.map(DocumentId),
        reliability: r.get(7)?,
        credibility: r.get(8)?,
    })
}

fn load_source(conn: &Connection, id: i64) -> Result<SourceView, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.id = ?1"
    ))?
    .query_row([id], source_from_row)
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("source {id} does not exist")))
}

fn source_title(s: &SourceView) -> String {
    format!("source {} ({:?})", s.id, short(&s.title))
}

fn clean_title(title: &str) -> Result<String, StoreError> {
    one_line("a source's title", title)?
        .ok_or_else(|| StoreError::Invalid("a source needs a title".into()))
}

/// `A`–`F` (lowercase accepted).
fn clean_reliability(r: &str) -> Result<String, StoreError> {
    let up = r.trim().to_ascii_uppercase();
    if matches!(up.as_str(), "A" | "B" | "C" | "D" | "E" | "F") {
        Ok(up)
    } else {
        Err(StoreError::Invalid(format!(
            "source reliability must be A–F, got {:?}",
            r.trim()
        )))
    }
}

fn check_credibility(c: i64) -> Result<i64, StoreError> {
    if (1..=6).contains(&c) {
        Ok(c)
    } else {
        Err(StoreError::Invalid(format!(
            "source credibility must be 1–6, got {c}"
        )))
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty means none.
fn clean_date(d: Option<&str>) -> Result<Option<String>, StoreError> {
    let Some(d) = d.map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let year = |y: &str| y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit());
    let ok = match d.len() {
        4 => year(d),
        7 => is_iso_date(&format!("{d}-01")),
        10 => is_iso_date(d),
        _ => false,
    };
    if ok {
        Ok(Some(d.to_owned()))
    } else {
        Err(StoreError::Invalid(format!(
            "source date {d:?} must be YYYY, YYYY-MM or YYYY-MM-DD"
        )))
    }
}

fn check_document(conn: &Connection, document: Option<DocumentId>) -> Result<(), StoreError> {
    let Some(d) = document else { return Ok(()) };
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?1)",
        [d.0],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(StoreError::NotFound(format!("document {d} does not exist")))
    }
}

fn stance_verb(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "supports",
        Stance::Contradicts => "contradicts",
        Stance::Context => "gives context to",
    }
}

impl Project {
    /// Add a source of evidence; returns its id. Reliability must be A–F, credibility 1–6,
    /// the date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn add_source(&mut self, new: NewSource, actor: &str) -> Result<SourceId, StoreError> {
        let title = clean_title(&new.title)?;
        let reliability = clean_reliability(&new.reliability)?;
        let credibility = check_credibility(new.credibility)?;
        let date = clean_date(new.date.as_deref())?;
        self.write(actor, ACTION_ADD_SOURCE, |tx| {
            check_document(tx, new.document)?;
            let mut rec = Recorder::default();
            let id = rec.insert(
                tx,
                AnnoTable::Sources,
                json!({
                    "title": title,
                    "kind": new.kind.as_str(),
                    "citation": new.citation.trim(),
                    "date": date,
                    "excerpt": new.excerpt.trim(),
                    "document_id": new.document.map(|d| d.0),
                    "reliability": reliability,
                    "credibility": credibility,
                }),
            )?;
            let summary = format!(
                "add source {id} ({}, {reliability}{credibility}): {:?}",
                new.kind,
                short(&title)
            );
            Ok((SourceId(id), rec.change(tx, summary)?))
        })
    }

    /// Change some of a source's fields. `invalid` if nothing changes.
    pub fn update_source(
        &mut self,
        source: impl Into<SourceId>,
        patch: SourcePatch,
        actor: &str,
    ) -> Result<(), StoreError> {
        let source = source.into();
        let title = patch.title.as_deref().map(clean_title).transpose()?;
        let reliability = patch
            .reliability
            .as_deref()
            .map(clean_reliability)
            .transpose()?;
        let credibility = patch.credibility.map(check_credibility).transpose()?;
        let date = match &patch.date {
            Some(d) => Some(clean_date(d.as_deref())?),
            None => None,
        };
        self.write(actor, ACTION_UPDATE_SOURCE, |tx| {
            let old = load_source(tx, source.0)?;
            let mut cols = serde_json::Map::new();
            let mut set = |name: &str, changed: bool, value: serde_json::Value| {
                if changed {
                    cols.insert(name.to_owned(), value);
                }
            };
            if let Some(t) = &title {
                set("title", *t != old.title, json!(t));
            }
            if let Some(k) = patch.kind {
                set("kind", k != old.kind, json!(k.as_str()));
            }
            if let Some(c) = &patch.citation {
                set("citation", c.trim() != old.citation, json!(c.trim()));
            }
            if let Some(d) = &date {
                set("date", *d != old.date, json!(d));
            }
            if let Some(e) = &patch.excerpt {
                set("excerpt", e.trim() != old.excerpt, json!(e.trim()));
            }
            if let Some(d) = patch.document {
                check_document(tx, d)?;
                set("document_id", d != old.document, json!(d.map(|d| d.0)));
            }
            if let Some(r) = &reliability {
                set("reliability", *r != old.reliability, json!(r));
            }
            if let Some(c) = credibility {
                set("credibility", c != old.credibility, json!(c));
            }
            if cols.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "the change leaves {} as it is",
                    source_title(&old)
                )));
            }
            let changed: Vec<String> = cols.keys().cloned().collect();
            let mut rec = Recorder::default();
            rec.update(
                tx,
                AnnoTable::Sources,
                old.id.0,
                serde_json::Value::Object(cols),
            )?;
            let summary = format!("update {}: {}", source_title(&old), changed.join(", "));
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Delete a source with the evidence it gives.
    pub fn delete_source(
        &mut self,
        source: impl Into<SourceId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let source = source.into();
        self.write(actor, ACTION_DELETE_SOURCE, |tx| {
            let old = load_source(tx, source.0)?;
            let evidence: Vec<i64> = tx
                .prepare_cached("SELECT id FROM evidence WHERE source_id = ?1 ORDER BY id")?
                .query_map([source.0], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut rec = Recorder::default();
            for &e in &evidence {
                rec.delete(tx, AnnoTable::Evidence, e)?;
            }
            rec.delete(tx, AnnoTable::Sources, source.0)?;
            let mut summary = format!("delete {}", source_title(&old));
            if !evidence.is_empty() {
                summary.push_str(&format!(
                    " with {}",
                    plural(evidence.len(), "piece of evidence", "pieces of evidence")
                ));
            }
            Ok(((), rec.change(tx, summary)?))
        })
    }

    /// Every source, by id.
    pub fn sources(&self) -> Result<Vec<SourceView>, StoreError> {
        let conn = self.conn();
        let rows = conn
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY s.id"
            ))
            .and_then(|mut stmt| {
                stmt.query_map([], source_from_row)?
                    .collect::<rusqlite::Result<Vec<_>>>()
            });
        rows.map_err(|e| self.err(e))
    }

    /// One source; `not_found` for an unknown id.
    pub fn source(&self, source: impl Into<SourceId>) -> Result<SourceView, StoreError> {
        load_source(self.conn(), source.into().0).map_err(|e| self.err(e))
    }

    /// Record that a source supports, contradicts or gives context to a claim; returns the
    /// evidence's id. `invalid` if the source is already evidence for the claim.
    pub fn link_evidence(
        &mut self,
        claim: impl Into<ClaimId>,
        source: impl Into<SourceId>,
        stance: Stance,
        note: &str,
        actor: &str,
    ) -> Result<EvidenceId, StoreError> {
        let (claim, source) = (claim.into(), source.into());
        self.write(actor, ACTION_LINK_EVIDENCE, |tx| {
            load_claim(tx, claim.0)?;
            let s = load_source(tx, source.0)?;
            let existing: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, stance FROM evidence WHERE claim_id = ?1 AND source_id = ?2",
                    [claim.0, source.0],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((id, stance)) = existing {
                return Err(StoreError::Invalid(format!(
                    "{} is already evidence for claim {claim} (evidence {id}, {stance})",
                    source_title(&s)
                )));
            }
            let mut rec = Recorder::default();
            let id = rec.insert(
                tx,
                AnnoTable::Evidence,
                json!({
                    "claim_id": claim.0,
                    "source_id": source.0,
                    "stance": stance.as_str(),
                    "note": note.trim(),
                }),
            )?;
            let summary = format!(
                "{} {} claim {claim} (evidence {id})",
                source_title(&s),
                stance_verb(stance)
            );
            Ok((EvidenceId(id), rec.change(tx, summary)?))
        })
    }

    /// Remove a piece of evidence.
    pub fn unlink_evidence(
        &mut self,
        evidence: impl Into<EvidenceId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let evidence = evidence.into();
        self.write(actor, ACTION_UNLINK_EVIDENCE, |tx| {
            let (claim, source, stance): (i64, i64, String) = tx
                .query_row(
                    "SELECT claim_id, source_id, stance FROM evidence WHERE id = ?1",
                    [evidence.0],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::NotFound(format!("evidence {evidence} does not exist"))
                })?;
            let stance: Stance = stance.parse()?;
            let mut rec = Recorder::default();
            rec.delete(tx, AnnoTable::Evidence, evidence.0)?;
            let summary = format!(
                "remove evidence {evidence}: source {source} {} claim {claim}",
                stance_verb(stance)
            );
            Ok(((), rec.change(tx, summary)?))
        })
    }
}
