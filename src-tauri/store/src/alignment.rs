//! Sentence alignment of a document's zh text with its en text: storing an aligner's beads,
//! reading them back, and the hand edits of beads, span links and sentence boundaries.
//!
//! The aligner itself lives in `duizhao_core::align` (or anywhere else): the store only calls
//! it with the sentence texts and checks what comes back. Every edit here is one change
//! through the write path, recorded as a `rows::Edit` (the rows before and after), which is
//! what `Project::undo` and `Project::redo` replay.
//!
//! Invariant kept by every operation (and verified by `Project::check`): every sentence of
//! both texts belongs to exactly one bead of the alignment; beads are numbered 0..n by
//! `position`, and each bead holds consecutive sentences that follow those of the bead
//! before it, on both sides; a bead may lack one language but not both. Span links lie
//! inside their bead: the zh span within the bead's zh sentences, the en span within its en
//! sentences.

use std::collections::HashMap;
use std::ops::Range;

use duizhao_core::align::{Aligner, Bead, LinkSuggestion};
use duizhao_core::Lang;
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::annotation;
use crate::model::{
    AlignmentId, AlignmentView, BeadId, BeadSentence, BeadStatus, BeadView, Change, Direction,
    DocumentId, LinkId, LinkStatus, Origin, SentenceId, SpanLinkView, TextId,
};
use crate::rows::{
    self, AlignmentRec, BeadRec, Edit, LinkRec, MemberRec, Rows, SentenceRec, Shift, LINK_COLUMNS,
};
use crate::{Project, StoreError};

/// History action names of the alignment edits. All of them can be undone.
pub const ACTION_ALIGN: &str = "align_document";
pub const ACTION_REALIGN: &str = "realign";
pub const ACTION_CONFIRM_BEAD: &str = "confirm_bead";
pub const ACTION_UNCONFIRM_BEAD: &str = "unconfirm_bead";
pub const ACTION_MERGE_BEADS: &str = "merge_beads";
pub const ACTION_SPLIT_BEAD: &str = "split_bead";
pub const ACTION_MOVE_SENTENCE: &str = "move_sentence";
pub const ACTION_SPLIT_SENTENCE: &str = "split_sentence";
pub const ACTION_MERGE_SENTENCES: &str = "merge_sentences";
pub const ACTION_ADD_LINK: &str = "add_link";
pub const ACTION_REMOVE_LINK: &str = "remove_link";
pub const ACTION_ACCEPT_LINK: &str = "accept_link";
pub const ACTION_SUGGEST_LINKS: &str = "suggest_links";

/// Every action that `Project::undo` can take back (imports cannot): the alignment edits
/// above and every annotation edit (`crate::annotation`).
pub const EDIT_ACTIONS: &[&str] = &[
    ACTION_ALIGN,
    ACTION_REALIGN,
    ACTION_CONFIRM_BEAD,
    ACTION_UNCONFIRM_BEAD,
    ACTION_MERGE_BEADS,
    ACTION_SPLIT_BEAD,
    ACTION_MOVE_SENTENCE,
    ACTION_SPLIT_SENTENCE,
    ACTION_MERGE_SENTENCES,
    ACTION_ADD_LINK,
    ACTION_REMOVE_LINK,
    ACTION_ACCEPT_LINK,
    ACTION_SUGGEST_LINKS,
    annotation::ACTION_ADD_ENTITY_TYPE,
    annotation::ACTION_ADD_RELATION_TYPE,
    annotation::ACTION_CREATE_ENTITY,
    annotation::ACTION_UPDATE_ENTITY,
    annotation::ACTION_ADD_ALIAS,
    annotation::ACTION_REMOVE_ALIAS,
    annotation::ACTION_ADD_EXTERNAL_ID,
    annotation::ACTION_REMOVE_EXTERNAL_ID,
    annotation::ACTION_MERGE_ENTITIES,
    annotation::ACTION_SPLIT_ENTITY,
    annotation::ACTION_DELETE_ENTITY,
    annotation::ACTION_ADD_MENTION,
    annotation::ACTION_SET_MENTION_STATUS,
    annotation::ACTION_SET_MENTION_TYPE,
    annotation::ACTION_LINK_MENTIONS,
    annotation::ACTION_DELETE_MENTIONS,
    annotation::ACTION_STORE_SUGGESTIONS,
    annotation::ACTION_ADD_RELATION,
    annotation::ACTION_DELETE_RELATION,
    annotation::ACTION_ADD_RELATION_ANCHOR,
    annotation::ACTION_REMOVE_RELATION_ANCHOR,
    annotation::ACTION_CREATE_CLAIM,
    annotation::ACTION_UPDATE_CLAIM,
    annotation::ACTION_ADD_CLAIM_ANCHOR,
    annotation::ACTION_REMOVE_CLAIM_ANCHOR,
    annotation::ACTION_ADD_CLAIM_SUBJECT,
    annotation::ACTION_REMOVE_CLAIM_SUBJECT,
    annotation::ACTION_SET_CLAIM_STATUS,
    annotation::ACTION_LINK_CLAIMS,
    annotation::ACTION_UNLINK_CLAIMS,
    annotation::ACTION_DELETE_CLAIM,
    annotation::ACTION_ADD_SOURCE,
    annotation::ACTION_UPDATE_SOURCE,
    annotation::ACTION_DELETE_SOURCE,
    annotation::ACTION_LINK_EVIDENCE,
    annotation::ACTION_UNLINK_EVIDENCE,
];

/// A sentence as a bead member, as loaded for an edit.
#[derive(Debug, Clone)]
struct Sent {
    id: i64,
    ordinal: i64,
    start: i64,
    end: i64,
    quote: String,
}

/// A bead with its sentences (in order) and its links, as loaded for an edit.
#[derive(Debug, Clone)]
struct Loaded {
    rec: BeadRec,
    zh: Vec<Sent>,
    en: Vec<Sent>,
    links: Vec<LinkRec>,
}

impl Loaded {
    fn side(&self, lang: Lang) -> &Vec<Sent> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    fn side_mut(&mut self, lang: Lang) -> &mut Vec<Sent> {
        match lang {
            Lang::Zh => &mut self.zh,
            Lang::En => &mut self.en,
        }
    }

    /// From the start of the first to the end of the last sentence of a language.
    fn extent(&self, lang: Lang) -> Option<(i64, i64)> {
        let side = self.side(lang);
        Some((side.first()?.start, side.last()?.end))
    }

    fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty()
    }

    /// Whether a link's two spans lie inside this bead.
    fn holds(&self, zh: (i64, i64), en: (i64, i64)) -> bool {
        let inside = |lang, (start, end): (i64, i64)| {
            self.extent(lang)
                .is_some_and(|(s, e)| s <= start && end <= e)
        };
        inside(Lang::Zh, zh) && inside(Lang::En, en)
    }

    fn holds_link(&self, link: &LinkRec) -> bool {
        self.holds((link.zh_start, link.zh_end), (link.en_start, link.en_end))
    }

    /// A bead changed by hand: manual, unconfirmed, full confidence.
    fn mark_manual(&mut self) {
        self.rec.origin = Origin::Manual;
        self.rec.status = BeadStatus::Unconfirmed;
        self.rec.confidence = 1.0;
    }

    /// Its rows: the bead, its memberships, its links.
    fn push_rows(&self, rows: &mut Rows) {
        rows.beads.push(self.rec.clone());
        for (lang, side) in [(Lang::Zh, &self.zh), (Lang::En, &self.en)] {
            rows.members.extend(side.iter().map(|s| MemberRec {
                alignment_id: self.rec.alignment_id,
                sentence_id: s.id,
                bead_id: self.rec.id,
                lang,
            }));
        }
        rows.links.extend(self.links.iter().cloned());
    }

    fn label(&self) -> String {
        format!("bead {} (number {})", self.rec.id, self.rec.position + 1)
    }
}

/// A whole alignment, beads in order.
#[derive(Debug, Clone)]
struct Alignment {
    rec: AlignmentRec,
    document: i64,
    beads: Vec<Loaded>,
}

impl Alignment {
    fn load(conn: &Connection, id: i64) -> Result<Alignment, StoreError> {
        Self::load_positions(conn, id, 0..i64::MAX)
    }

    /// The alignment with only its beads at `positions` (0-based places): an edit of one
    /// bead and its neighbours, or the rows a window shows, should not cost the whole of a
    /// book-length alignment.
    fn load_positions(
        conn: &Connection,
        id: i64,
        positions: Range<i64>,
    ) -> Result<Alignment, StoreError> {
        let (from, to) = (positions.start, positions.end);
        let (rec, document) = conn
            .prepare_cached(
                "SELECT a.zh_text_id, a.en_text_id, t.document_id
                   FROM alignments a JOIN texts t ON t.id = a.zh_text_id WHERE a.id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    AlignmentRec {
                        id,
                        zh_text_id: r.get(0)?,
                        en_text_id: r.get(1)?,
                    },
                    r.get::<_, i64>(2)?,
                ))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("alignment {id} does not exist")))?;

        let mut beads = conn
            .prepare_cached(
                "SELECT id, position, confidence, origin, status FROM beads
                  WHERE alignment_id = ?1 AND position >= ?2 AND position < ?3
                  ORDER BY position",
            )?
            .query_map([id, from, to], |r| {
                Ok(Loaded {
                    rec: BeadRec {
                        id: r.get(0)?,
                        alignment_id: id,
                        position: r.get(1)?,
                        confidence: r.get(2)?,
                        origin: rows::parse(3, r.get(3)?)?,
                        status: rows::parse(4, r.get(4)?)?,
                    },
                    zh: Vec::new(),
                    en: Vec::new(),
                    links: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let index: HashMap<i64, usize> = beads
            .iter()
            .enumerate()
            .map(|(i, b)| (b.rec.id, i))
            .collect();
        let find = |bead: i64| {
            index.get(&bead).copied().ok_or_else(|| {
                StoreError::Invalid(format!(
                    "alignment {id}: a membership or link names bead {bead}, which is not in it"
                ))
            })
        };

        let mut stmt = conn.prepare_cached(
            // CROSS JOIN keeps SQLite from starting at bead_sentences, which walks every
            // sentence of the alignment (3 ms on 10,000 beads) to load one bead.
            "SELECT m.bead_id, m.lang, s.id, s.ordinal, s.start, s.\"end\", s.quote
               FROM beads b
               CROSS JOIN bead_sentences m ON m.bead_id = b.id AND m.alignment_id = b.alignment_id
               JOIN sentences s ON s.id = m.sentence_id
              WHERE b.alignment_id = ?1 AND b.position >= ?2 AND b.position < ?3
              ORDER BY s.ordinal",
        )?;
        let mut rows = stmt.query([id, from, to])?;
        while let Some(r) = rows.next()? {
            let lang: Lang = rows::parse(1, r.get(1)?)?;
            let sent = Sent {
                id: r.get(2)?,
                ordinal: r.get(3)?,
                start: r.get(4)?,
                end: r.get(5)?,
                quote: r.get(6)?,
            };
            beads[find(r.get(0)?)?].side_mut(lang).push(sent);
        }
        drop(rows);

        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM span_links
              WHERE bead_id IN (SELECT id FROM beads
                                 WHERE alignment_id = ?1 AND position >= ?2 AND position < ?3)
              ORDER BY zh_start, en_start, id"
        ))?;
        for link in stmt.query_map([id, from, to], rows::link_from_row)? {
            let link = link?;
            beads[find(link.bead_id)?].links.push(link);
        }
        Ok(Alignment {
            rec,
            document,
            beads,
        })
    }

    fn index_of(&self, bead: i64) -> Result<usize, StoreError> {
        self.beads
            .iter()
            .position(|b| b.rec.id == bead)
            .ok_or_else(|| StoreError::NotFound(format!("bead {bead} does not exist")))
    }

    /// Each bead as sentence index ranges (ordinals are 0..n without gaps in each text).
    fn as_beads(&self) -> Vec<Bead> {
        let (mut zh, mut en) = (0, 0);
        self.beads
            .iter()
            .map(|b| {
                let bead = Bead::new(
                    zh..zh + b.zh.len(),
                    en..en + b.en.len(),
                    b.rec.confidence as f32,
                );
                (zh, en) = (bead.zh.end, bead.en.end);
                bead
            })
            .collect()
    }

    fn view(&self) -> AlignmentView {
        let sentences = |side: &[Sent]| {
            side.iter()
                .map(|s| BeadSentence {
                    id: SentenceId(s.id),
                    ordinal: s.ordinal,
                    start: s.start,
                    end: s.end,
                    text: s.quote.clone(),
                })
                .collect()
        };
        AlignmentView {
            id: AlignmentId(self.rec.id),
            document: DocumentId(self.document),
            zh_text: TextId(self.rec.zh_text_id),
            en_text: TextId(self.rec.en_text_id),
            beads: self
                .beads
                .iter()
                .map(|b| BeadView {
                    id: BeadId(b.rec.id),
                    position: b.rec.position,
                    zh: sentences(&b.zh),
                    en: sentences(&b.en),
                    confidence: b.rec.confidence,
                    origin: b.rec.origin,
                    status: b.rec.status,
                    links: b.links.iter().map(link_view).collect(),
                })
                .collect(),
        }
    }
}

fn link_view(l: &LinkRec) -> SpanLinkView {
    SpanLinkView {
        id: LinkId(l.id),
        bead: BeadId(l.bead_id),
        zh_start: l.zh_start,
        zh_end: l.zh_end,
        zh_quote: l.zh_quote.clone(),
        en_start: l.en_start,
        en_end: l.en_end,
        en_quote: l.en_quote.clone(),
        origin: l.origin,
        status: l.status,
        reason: l.reason.clone(),
    }
}

/// The document's current zh and en texts (the oldest not superseded revision of each).
fn current_texts(conn: &Connection, document: i64) -> Result<(i64, i64), StoreError> {
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM documents WHERE id = ?1", [document], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!(
            "document {document} does not exist"
        )));
    }
    let text = |lang: Lang| -> Result<i64, StoreError> {
        conn.prepare_cached(
            "SELECT id FROM texts t WHERE document_id = ?1 AND lang = ?2
               AND NOT EXISTS (SELECT 1 FROM texts n WHERE n.supersedes = t.id)
             ORDER BY id LIMIT 1",
        )?
        .query_row((document, lang.code()), |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "document {document} has no {lang} text, so it has no alignment"
            ))
        })
    };
    Ok((text(Lang::Zh)?, text(Lang::En)?))
}

fn alignment_for(conn: &Connection, zh: i64, en: i64) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM alignments WHERE zh_text_id = ?1 AND en_text_id = ?2")?
        .query_row([zh, en], |r| r.get(0))
        .optional()?)
}

/// (id, quote) of every sentence of a text, in order.
fn sentences_of(conn: &Connection, text: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id, quote FROM sentences WHERE text_id = ?1 ORDER BY ordinal")?
        .query_map([text], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

fn bead_alignment(tx: &Transaction, bead: i64) -> Result<i64, StoreError> {
    tx.prepare_cached("SELECT alignment_id FROM beads WHERE id = ?1")?
        .query_row([bead], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("bead {bead} does not exist")))
}

/// `len` code points of a text from `start`. SQLite's `substr` counts code points in text
/// values, the store's offset unit.
fn text_slice(tx: &Transaction, text: i64, start: i64, end: i64) -> Result<String, StoreError> {
    Ok(tx
        .prepare_cached("SELECT substr(content, ?2 + 1, ?3) FROM texts WHERE id = ?1")?
        .query_row([text, start, end - start], |r| r.get(0))?)
}

/// Apply an edit in the write path's transaction and describe it for the history.
fn record(tx: &Transaction, edit: Edit, summary: String) -> Result<Change, StoreError> {
    edit.apply(tx)?;
    recorded(&edit, summary)
}

/// The history's record of an edit already applied.
fn recorded(edit: &Edit, summary: String) -> Result<Change, StoreError> {
    let payload = serde_json::to_value(edit)
        .map_err(|e| StoreError::Invalid(format!("history payload: {e}")))?;
    Ok(Change::new(summary, payload))
}

/// What proposes word links inside a bead: its zh and en sentence texts in, links with
/// offsets relative to those sentences out.
type LinkSuggester<'a> = dyn Fn(&[&str], &[&str]) -> Vec<LinkSuggestion> + 'a;

/// The aligner's word-link suggestions for every bead of the document's alignment that has
/// sentences on both sides and is not confirmed (offsets into the texts, new ids), leaving
/// out links a bead already has. `invalid` if the document is not aligned.
fn suggested_links(
    tx: &Transaction,
    document: DocumentId,
    suggester: &LinkSuggester<'_>,
) -> Result<Vec<LinkRec>, StoreError> {
    let (zh_text, en_text) = current_texts(tx, document.0)?;
    let id = alignment_for(tx, zh_text, en_text)?.ok_or_else(|| {
        StoreError::Invalid(format!(
            "document {document} is not aligned yet: align it before suggesting links"
        ))
    })?;
    let alignment = Alignment::load(tx, id)?;
    let mut next_id = rows::next_id(tx, "span_links")?;
    let mut added = Vec::new();
    for bead in &alignment.beads {
        if bead.zh.is_empty() || bead.en.is_empty() || bead.rec.status == BeadStatus::Confirmed {
            continue;
        }
        let zh: Vec<&str> = bead.zh.iter().map(|s| s.quote.as_str()).collect();
        let en: Vec<&str> = bead.en.iter().map(|s| s.quote.as_str()).collect();
        let mut taken: Vec<((i64, i64), (i64, i64))> = bead
            .links
            .iter()
            .map(|l| ((l.zh_start, l.zh_end), (l.en_start, l.en_end)))
            .collect();
        for suggestion in suggester(&zh, &en) {
            let (Some(zs), Some(es)) = (
                bead.zh.get(suggestion.zh_sentence),
                bead.en.get(suggestion.en_sentence),
            ) else {
                continue;
            };
            let to_text = |sentence: &Sent, range: &Range<usize>| -> Option<(i64, i64)> {
                let start = sentence.start + i64::try_from(range.start).ok()?;
                let end = sentence.start + i64::try_from(range.end).ok()?;
                (start < end && end <= sentence.end).then_some((start, end))
            };
            let (Some(zh_span), Some(en_span)) =
                (to_text(zs, &suggestion.zh), to_text(es, &suggestion.en))
            else {
                continue;
            };
            if taken.contains(&(zh_span, en_span)) {
                continue;
            }
            taken.push((zh_span, en_span));
            added.push(LinkRec {
                id: next_id,
                bead_id: bead.rec.id,
                zh_start: zh_span.0,
                zh_end: zh_span.1,
                zh_quote: text_slice(tx, zh_text, zh_span.0, zh_span.1)?,
                en_start: en_span.0,
                en_end: en_span.1,
                en_quote: text_slice(tx, en_text, en_span.0, en_span.1)?,
                origin: Origin::Auto,
                status: LinkStatus::Suggested,
                reason: Some(suggestion.reason.as_str().to_owned()),
            });
            next_id += 1;
        }
    }
    Ok(added)
}

/// Does `beads` cover `zh` and `en` sentences exactly once, in order, each bead non-empty,
/// with a confidence in 0..=1? The message names the first bead that does not.
fn check_cover(beads: &[Bead], zh: usize, en: usize) -> Result<(), String> {
    let (mut z, mut e) = (0, 0);
    for (i, b) in beads.iter().enumerate() {
        let shown = b.to_gold_line();
        if b.zh.start != z || b.en.start != e {
            return Err(format!(
                "bead {i} {shown} does not start where the one before it ended (zh sentence \
                 {z}, en sentence {e})"
            ));
        }
        if b.zh.end < b.zh.start || b.en.end < b.en.start {
            return Err(format!("bead {i} has a reversed range"));
        }
        if b.zh.is_empty() && b.en.is_empty() {
            return Err(format!("bead {i} is empty on both sides"));
        }
        if !(0.0..=1.0).contains(&b.confidence) {
            return Err(format!(
                "bead {i} {shown} has confidence {}, outside 0..1",
                b.confidence
            ));
        }
        (z, e) = (b.zh.end, b.en.end);
    }
    if z != zh || e != en {
        return Err(format!(
            "the beads cover {z} of {zh} zh sentences and {e} of {en} en sentences"
        ));
    }
    Ok(())
}

/// Cut packed tokens (relative to a sentence starting at `start`) to the part inside
/// `part`, relative to `part.start`; a token crossing the edge is cut at it.
fn cut_tokens(
    tokens: &[(u32, u32)],
    pos: Option<&str>,
    start: i64,
    part: Range<i64>,
) -> (Vec<(u32, u32)>, Option<String>) {
    let tags: Option<Vec<&str>> = pos.map(|p| p.split(' ').collect());
    let mut kept = Vec::new();
    let mut kept_tags = Vec::new();
    for (i, &(s, e)) in tokens.iter().enumerate() {
        let (s, e) = (start + i64::from(s), start + i64::from(e));
        let (s, e) = (s.max(part.start), e.min(part.end));
        if s < e {
            kept.push(((s - part.start) as u32, (e - part.start) as u32));
            if let Some(tags) = &tags {
                kept_tags.push(tags.get(i).copied().unwrap_or("-"));
            }
        }
    }
    let pos = (tags.is_some() && !kept.is_empty()).then(|| kept_tags.join(" "));
    (kept, pos)
}

impl Project {
    /// The alignment of a document's current zh and en texts, beads in order with their
    /// sentences and span links; `None` if the document has not been aligned yet.
    /// `not_found` for an unknown document, `invalid` for a document lacking a language.
    pub fn alignment(
        &self,
        document: impl Into<DocumentId>,
    ) -> Result<Option<AlignmentView>, StoreError> {
        self.read_alignment(
            document.into(),
            |tx, id| Ok(Alignment::load(tx, id)?.view()),
        )
    }

    /// The beads of the document's alignment at `positions` (0-based places, clipped to
    /// the alignment), with the number of beads it has in all; `None` if the document has
    /// not been aligned yet. What an edit of a few beads needs to show its result without
    /// reading a book-length alignment again.
    pub fn alignment_part(
        &self,
        document: impl Into<DocumentId>,
        positions: Range<i64>,
    ) -> Result<Option<(AlignmentView, usize)>, StoreError> {
        self.read_alignment(document.into(), |tx, id| {
            let alignment = Alignment::load_positions(tx, id, positions)?;
            let total: i64 = tx
                .prepare_cached("SELECT count(*) FROM beads WHERE alignment_id = ?1")?
                .query_row([id], |r| r.get(0))?;
            Ok((alignment.view(), total as usize))
        })
    }

    /// `read` of the alignment of the document's current texts (its id), in one read
    /// transaction so a concurrent edit cannot show half a change; `None` if the document
    /// has not been aligned yet.
    fn read_alignment<T>(
        &self,
        document: DocumentId,
        read: impl FnOnce(&Transaction, i64) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        let (zh, en) = current_texts(&tx, document.0).map_err(|e| self.err(e))?;
        let Some(id) = alignment_for(&tx, zh, en).map_err(|e| self.err(e))? else {
            return Ok(None);
        };
        read(&tx, id).map(Some).map_err(|e| self.err(e))
    }

    /// The bead a span link belongs to; `not_found` for an unknown link.
    pub fn link_bead(&self, link: impl Into<LinkId>) -> Result<BeadId, StoreError> {
        let link = link.into();
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        rows::link(&tx, link.0)
            .map_err(|e| self.err(e))?
            .map(|rec| BeadId(rec.bead_id))
            .ok_or_else(|| StoreError::NotFound(format!("link {link} does not exist")))
    }

    /// The 0-based place of a bead in its alignment; `not_found` for an unknown bead.
    pub fn bead_position(&self, bead: impl Into<BeadId>) -> Result<i64, StoreError> {
        let bead = bead.into();
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        rows::bead(&tx, bead.0)
            .map_err(|e| self.err(e))?
            .map(|rec| rec.position)
            .ok_or_else(|| StoreError::NotFound(format!("bead {bead} does not exist")))
    }

    /// Align a document's current zh and en texts (the first of each language): `aligner`
    /// gets the sentence texts in order and no anchors, and must return beads covering every
    /// sentence exactly once, in order (else `invalid`, nothing written). Replaces the
    /// existing beads, confirmed or not, with the new ones (origin auto, unconfirmed), as one
    /// undoable change. Returns the alignment's id.
    ///
    /// The aligner runs before the write lock is taken, so other windows are not blocked
    /// meanwhile; if the document's sentences change in between, the result is refused.
    pub fn align_document<F>(
        &mut self,
        document: impl Into<DocumentId>,
        actor: &str,
        aligner: F,
    ) -> Result<AlignmentId, StoreError>
    where
        F: FnOnce(&[&str], &[&str], &[Bead]) -> Vec<Bead>,
    {
        self.align_with(document.into(), actor, false, aligner, None)
    }

    /// Align again, keeping the confirmed beads: `aligner` gets them as anchors (sentence
    /// index ranges) and must return a full cover that contains every anchor unchanged (same
    /// ranges). Confirmed beads keep their rows and links; only the unconfirmed ones are
    /// replaced. Without an existing alignment this is [`Project::align_document`].
    pub fn realign<F>(
        &mut self,
        document: impl Into<DocumentId>,
        actor: &str,
        aligner: F,
    ) -> Result<AlignmentId, StoreError>
    where
        F: FnOnce(&[&str], &[&str], &[Bead]) -> Vec<Bead>,
    {
        self.align_with(document.into(), actor, true, aligner, None)
    }

    fn align_with<F>(
        &mut self,
        document: DocumentId,
        actor: &str,
        keep_confirmed: bool,
        aligner: F,
        links: Option<&LinkSuggester<'_>>,
    ) -> Result<AlignmentId, StoreError>
    where
        F: FnOnce(&[&str], &[&str], &[Bead]) -> Vec<Bead>,
    {
        // What the aligner saw, so the write can verify nothing changed meanwhile.
        #[derive(PartialEq)]
        struct Seen {
            zh: Vec<i64>,
            en: Vec<i64>,
            existing: Option<i64>,
            anchors: Vec<(Bead, i64)>,
        }
        let look = |conn: &Connection| -> Result<(Seen, Vec<String>, Vec<String>), StoreError> {
            let (zh_text, en_text) = current_texts(conn, document.0)?;
            let (zh_ids, zh): (Vec<i64>, Vec<String>) =
                sentences_of(conn, zh_text)?.into_iter().unzip();
            let (en_ids, en): (Vec<i64>, Vec<String>) =
                sentences_of(conn, en_text)?.into_iter().unzip();
            let existing = alignment_for(conn, zh_text, en_text)?;
            let mut anchors = Vec::new();
            if let (true, Some(id)) = (keep_confirmed, existing) {
                let alignment = Alignment::load(conn, id)?;
                for (bead, loaded) in alignment.as_beads().into_iter().zip(&alignment.beads) {
                    if loaded.rec.status == BeadStatus::Confirmed {
                        anchors.push((bead, loaded.rec.id));
                    }
                }
            }
            let seen = Seen {
                zh: zh_ids,
                en: en_ids,
                existing,
                anchors,
            };
            Ok((seen, zh, en))
        };
        let (seen, zh, en) = {
            let tx = self
                .conn()
                .unchecked_transaction()
                .map_err(|e| self.err(e))?;
            look(&tx).map_err(|e| self.err(e))?
        };
        let zh_refs: Vec<&str> = zh.iter().map(String::as_str).collect();
        let en_refs: Vec<&str> = en.iter().map(String::as_str).collect();
        let anchors: Vec<Bead> = seen.anchors.iter().map(|(b, _)| b.clone()).collect();
        let beads = aligner(&zh_refs, &en_refs, &anchors);
        check_cover(&beads, zh.len(), en.len()).map_err(|msg| {
            StoreError::Invalid(format!(
                "the aligner's result for document {document} is not usable: {msg}"
            ))
        })?;
        let mut kept: HashMap<usize, i64> = HashMap::new();
        for (anchor, bead_id) in &seen.anchors {
            let at = beads
                .iter()
                .position(|b| b.zh == anchor.zh && b.en == anchor.en)
                .ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "the aligner changed the confirmed bead {} (id {bead_id}) of document \
                         {document}; confirmed beads must come back unchanged",
                        anchor.to_gold_line()
                    ))
                })?;
            kept.insert(at, *bead_id);
        }

        let action = if keep_confirmed {
            ACTION_REALIGN
        } else {
            ACTION_ALIGN
        };
        self.write(actor, action, |tx| {
            let (now, _, _) = look(tx)?;
            if now != seen {
                return Err(StoreError::Invalid(format!(
                    "document {document} changed while it was being aligned; align it again"
                )));
            }
            let (zh_text, en_text) = current_texts(tx, document.0)?;
            let mut edit = Edit::default();
            let old = match seen.existing {
                Some(id) => Some(Alignment::load(tx, id)?),
                None => None,
            };
            let alignment_id = match &old {
                Some(a) => a.rec.id,
                None => {
                    let rec = AlignmentRec {
                        id: rows::next_id(tx, "alignments")?,
                        zh_text_id: zh_text,
                        en_text_id: en_text,
                    };
                    let id = rec.id;
                    edit.after.alignments.push(rec);
                    id
                }
            };
            let mut old_beads: HashMap<i64, Loaded> = HashMap::new();
            if let Some(old) = old {
                for bead in old.beads {
                    bead.push_rows(&mut edit.before);
                    old_beads.insert(bead.rec.id, bead);
                }
            }
            let mut next = rows::next_id(tx, "beads")?;
            let sents = |ids: &[i64], range: &Range<usize>| -> Vec<Sent> {
                ids[range.clone()]
                    .iter()
                    .map(|&id| Sent {
                        id,
                        ordinal: 0,
                        start: 0,
                        end: 0,
                        quote: String::new(),
                    })
                    .collect()
            };
            for (position, bead) in beads.iter().enumerate() {
                let loaded = match kept.get(&position).and_then(|id| old_beads.remove(id)) {
                    Some(mut confirmed) => {
                        confirmed.rec.position = position as i64;
                        confirmed
                    }
                    None => {
                        next += 1;
                        Loaded {
                            rec: BeadRec {
                                id: next - 1,
                                alignment_id,
                                position: position as i64,
                                confidence: f64::from(bead.confidence),
                                origin: Origin::Auto,
                                status: BeadStatus::Unconfirmed,
                            },
                            zh: sents(&seen.zh, &bead.zh),
                            en: sents(&seen.en, &bead.en),
                            links: Vec::new(),
                        }
                    }
                };
                loaded.push_rows(&mut edit.after);
            }
            let mut summary = if keep_confirmed {
                format!(
                    "realigned document {document}: {} beads, {} confirmed kept",
                    beads.len(),
                    kept.len()
                )
            } else {
                format!(
                    "aligned document {document}: {} beads for {} zh and {} en sentences",
                    beads.len(),
                    seen.zh.len(),
                    seen.en.len()
                )
            };
            edit.apply(tx)?;
            // The word links suggested for the new beads belong to the same step: one undo
            // takes back the alignment and its suggestions together.
            if let Some(suggester) = links {
                let suggested = Edit::links(Vec::new(), suggested_links(tx, document, suggester)?);
                suggested.apply(tx)?;
                summary.push_str(&format!(
                    ", {} word links suggested",
                    suggested.after.links.len()
                ));
                edit.after.links.extend(suggested.after.links);
            }
            Ok((AlignmentId(alignment_id), recorded(&edit, summary)?))
        })
    }

    /// Run an edit of the alignment that `bead` belongs to: `f` gets the loaded alignment
    /// and the bead's index, and returns the value, the edit and the history summary.
    /// Align a document with `aligner` (from scratch, or keeping confirmed beads when
    /// `keep_confirmed`) and store the aligner's word-link suggestions for the new beads, as
    /// one history step: one undo takes back both.
    pub fn align_with_links(
        &mut self,
        document: impl Into<DocumentId>,
        actor: &str,
        aligner: &Aligner<'_>,
        keep_confirmed: bool,
    ) -> Result<AlignmentId, StoreError> {
        let document = document.into();
        let align = |zh: &[&str], en: &[&str], anchors: &[Bead]| aligner.align(zh, en, anchors);
        let suggest = |zh: &[&str], en: &[&str]| aligner.suggest_links(zh, en);
        self.align_with(document, actor, keep_confirmed, align, Some(&suggest))
    }

    /// Store word-link suggestions for every bead of a document's alignment that has
    /// sentences on both sides: `suggester` gets the bead's zh and en sentence texts and
    /// returns links with offsets relative to those sentences (see
    /// [`duizhao_core::align::Aligner::suggest_links`]). They are stored as origin auto,
    /// status suggested, with their reason, as one undoable change; a link a bead already
    /// has is not added twice, and confirmed beads are left as the translator made them.
    /// Returns how many links were added. `invalid` if the document is not aligned.
    pub fn suggest_links<F>(
        &mut self,
        document: impl Into<DocumentId>,
        actor: &str,
        suggester: F,
    ) -> Result<usize, StoreError>
    where
        F: Fn(&[&str], &[&str]) -> Vec<LinkSuggestion>,
    {
        let document = document.into();
        self.write(actor, ACTION_SUGGEST_LINKS, |tx| {
            let added = suggested_links(tx, document, &suggester)?;
            let count = added.len();
            let summary = format!("suggested {count} word links in document {document}");
            let edit = Edit::links(Vec::new(), added);
            Ok((count, record(tx, edit, summary)?))
        })
    }

    fn edit_around_bead<T>(
        &mut self,
        bead: BeadId,
        actor: &str,
        action: &str,
        f: impl FnOnce(&Transaction, Alignment, usize) -> Result<(T, Edit, String), StoreError>,
    ) -> Result<T, StoreError> {
        self.write(actor, action, |tx| {
            let rec = rows::bead(tx, bead.0)?
                .ok_or_else(|| StoreError::NotFound(format!("bead {bead} does not exist")))?;
            // The bead and its neighbours are all an edit around it may touch.
            let from = (rec.position - 1).max(0);
            let alignment =
                Alignment::load_positions(tx, rec.alignment_id, from..rec.position + 2)?;
            let index = alignment.index_of(bead.0)?;
            let (value, edit, summary) = f(tx, alignment, index)?;
            Ok((value, record(tx, edit, summary)?))
        })
    }

    /// Mark a bead as checked by a person; `realign` keeps it. `invalid` if it already is.
    pub fn confirm_bead(&mut self, bead: impl Into<BeadId>, actor: &str) -> Result<(), StoreError> {
        self.set_bead_status(bead.into(), actor, BeadStatus::Confirmed)
    }

    /// Take back a bead's confirmation. `invalid` if it is not confirmed.
    pub fn unconfirm_bead(
        &mut self,
        bead: impl Into<BeadId>,
        actor: &str,
    ) -> Result<(), StoreError> {
        self.set_bead_status(bead.into(), actor, BeadStatus::Unconfirmed)
    }

    fn set_bead_status(
        &mut self,
        bead: BeadId,
        actor: &str,
        status: BeadStatus,
    ) -> Result<(), StoreError> {
        let action = match status {
            BeadStatus::Confirmed => ACTION_CONFIRM_BEAD,
            BeadStatus::Unconfirmed => ACTION_UNCONFIRM_BEAD,
        };
        self.write(actor, action, |tx| {
            let before = rows::bead(tx, bead.0)?
                .ok_or_else(|| StoreError::NotFound(format!("bead {bead} does not exist")))?;
            if before.status == status {
                return Err(StoreError::Invalid(format!(
                    "bead {bead} is already {status}"
                )));
            }
            let mut after = before.clone();
            after.status = status;
            let summary = format!(
                "{} bead {bead} (number {})",
                match status {
                    BeadStatus::Confirmed => "confirmed",
                    BeadStatus::Unconfirmed => "unconfirmed",
                },
                before.position + 1
            );
            let edit = Edit::bead(before, after);
            Ok(((), record(tx, edit, summary)?))
        })
    }

    /// Merge `second` into `first`, which must be the bead right before it. The result keeps
    /// `first`'s id and both beads' links; it is manual and unconfirmed.
    pub fn merge_beads(
        &mut self,
        first: impl Into<BeadId>,
        second: impl Into<BeadId>,
        actor: &str,
    ) -> Result<BeadId, StoreError> {
        let (first, second) = (first.into(), second.into());
        self.edit_around_bead(first, actor, ACTION_MERGE_BEADS, |tx, alignment, i| {
            let next = alignment.beads.get(i + 1);
            if next.map(|b| b.rec.id) != Some(second.0) {
                // Say why: unknown, another alignment, or simply not adjacent.
                bead_alignment(tx, second.0)?;
                return Err(StoreError::Invalid(format!(
                    "cannot merge bead {first} with bead {second}: bead {second} does not come \
                     right after bead {first} in the same alignment"
                )));
            }
            let (a, b) = (&alignment.beads[i], &alignment.beads[i + 1]);
            let mut edit = Edit::default();
            a.push_rows(&mut edit.before);
            b.push_rows(&mut edit.before);
            let mut merged = a.clone();
            merged.mark_manual();
            merged.zh.extend(b.zh.iter().cloned());
            merged.en.extend(b.en.iter().cloned());
            merged.links.extend(b.links.iter().cloned().map(|mut l| {
                l.bead_id = first.0;
                l
            }));
            merged.push_rows(&mut edit.after);
            edit.shifts.push(Shift::Positions {
                alignment_id: alignment.rec.id,
                from: b.rec.position + 1,
                by: -1,
            });
            let summary = format!(
                "merged {} into {} of document {}",
                b.label(),
                a.label(),
                alignment.document
            );
            Ok((first, edit, summary))
        })
    }

    /// Split a bead: its first `zh_count` zh and `en_count` en sentences stay, the rest form
    /// a new bead right after it (returned). Both are manual and unconfirmed; a link goes
    /// with the part that holds both its spans, and a link torn apart by the split is
    /// removed (and restored by undo). `invalid` if either part would be empty on both sides.
    pub fn split_bead(
        &mut self,
        bead: impl Into<BeadId>,
        zh_count: usize,
        en_count: usize,
        actor: &str,
    ) -> Result<BeadId, StoreError> {
        let bead = bead.into();
        self.edit_around_bead(bead, actor, ACTION_SPLIT_BEAD, |tx, alignment, i| {
            let old = &alignment.beads[i];
            let (zh_len, en_len) = (old.zh.len(), old.en.len());
            if zh_count > zh_len || en_count > en_len {
                return Err(StoreError::Invalid(format!(
                    "cannot split bead {bead} after {zh_count} zh and {en_count} en sentences: \
                     it has {zh_len} zh and {en_len} en sentences"
                )));
            }
            if (zh_count, en_count) == (0, 0) || (zh_count, en_count) == (zh_len, en_len) {
                return Err(StoreError::Invalid(format!(
                    "cannot split bead {bead} after {zh_count} zh and {en_count} en sentences: \
                     one part would have no sentence at all"
                )));
            }
            let new_id = rows::next_id(tx, "beads")?;
            let mut first = old.clone();
            first.mark_manual();
            first.zh.truncate(zh_count);
            first.en.truncate(en_count);
            first.links.clear();
            let mut second = first.clone();
            second.rec.id = new_id;
            second.rec.position = old.rec.position + 1;
            second.zh = old.zh[zh_count..].to_vec();
            second.en = old.en[en_count..].to_vec();
            let mut dropped = 0;
            for link in &old.links {
                if first.holds_link(link) {
                    first.links.push(link.clone());
                } else if second.holds_link(link) {
                    second.links.push(LinkRec {
                        bead_id: new_id,
                        ..link.clone()
                    });
                } else {
                    dropped += 1;
                }
            }
            let mut edit = Edit::default();
            old.push_rows(&mut edit.before);
            first.push_rows(&mut edit.after);
            second.push_rows(&mut edit.after);
            edit.shifts.push(Shift::Positions {
                alignment_id: alignment.rec.id,
                from: old.rec.position + 1,
                by: 1,
            });
            let mut summary = format!(
                "split {} of document {} after {zh_count} zh and {en_count} en sentences \
                 (new bead {new_id})",
                old.label(),
                alignment.document
            );
            if dropped > 0 {
                summary.push_str(&format!(
                    ", removing {dropped} link(s) that crossed the split"
                ));
            }
            Ok((BeadId(new_id), edit, summary))
        })
    }

    /// Move one sentence of `lang` to a neighbouring bead: with [`Direction::Previous`] the
    /// bead's first sentence goes to the end of the previous bead, with [`Direction::Next`]
    /// its last sentence goes to the start of the next bead. Both beads become manual and
    /// unconfirmed; a bead left with no sentence is deleted, and links of the bead that no
    /// longer lie inside it are removed (undo restores all of it). `invalid` when there is no
    /// such neighbour or no such sentence.
    pub fn move_sentence(
        &mut self,
        bead: impl Into<BeadId>,
        lang: Lang,
        direction: Direction,
        actor: &str,
    ) -> Result<(), StoreError> {
        let bead = bead.into();
        self.edit_around_bead(bead, actor, ACTION_MOVE_SENTENCE, |_tx, alignment, i| {
            let (target, where_) = match direction {
                Direction::Previous => (i.checked_sub(1), "first"),
                Direction::Next => (Some(i + 1).filter(|&j| j < alignment.beads.len()), "last"),
            };
            let Some(target) = target else {
                return Err(StoreError::Invalid(format!(
                    "cannot move a sentence of bead {bead} to the {direction} bead: it is the {} \
                     bead of its alignment",
                    if direction == Direction::Previous {
                        "first"
                    } else {
                        "last"
                    }
                )));
            };
            let mut source = alignment.beads[i].clone();
            let mut dest = alignment.beads[target].clone();
            if source.side(lang).is_empty() {
                return Err(StoreError::Invalid(format!(
                    "cannot move the {where_} {lang} sentence of bead {bead}: it has no {lang} \
                     sentence"
                )));
            }
            let mut edit = Edit::default();
            source.push_rows(&mut edit.before);
            dest.push_rows(&mut edit.before);
            let moved = match direction {
                Direction::Previous => {
                    let s = source.side_mut(lang).remove(0);
                    dest.side_mut(lang).push(s.clone());
                    s
                }
                Direction::Next => {
                    let s = source
                        .side_mut(lang)
                        .pop()
                        .expect("checked non-empty above");
                    dest.side_mut(lang).insert(0, s.clone());
                    s
                }
            };
            source.mark_manual();
            dest.mark_manual();
            let links_before = source.links.len();
            let kept: Vec<LinkRec> = source
                .links
                .iter()
                .filter(|l| source.holds_link(l))
                .cloned()
                .collect();
            source.links = kept;
            let dropped = links_before - source.links.len();
            let mut summary = format!(
                "moved {lang} sentence {} (number {}) from {} to {}",
                moved.id,
                moved.ordinal + 1,
                source.label(),
                dest.label()
            );
            if source.is_empty() {
                if direction == Direction::Next {
                    dest.rec.position -= 1;
                }
                edit.shifts.push(Shift::Positions {
                    alignment_id: alignment.rec.id,
                    from: source.rec.position + 1,
                    by: -1,
                });
                summary.push_str(&format!(", deleting the emptied bead {}", source.rec.id));
            } else {
                source.push_rows(&mut edit.after);
            }
            dest.push_rows(&mut edit.after);
            if dropped > 0 {
                summary.push_str(&format!(
                    ", removing {dropped} link(s) that no longer lie inside it"
                ));
            }
            Ok(((), edit, summary))
        })
    }

    /// Split a sentence at `at`, a code-point offset into its text strictly inside the
    /// sentence. The text never changes: the sentence row is replaced by two (new ids,
    /// returned), whitespace at the cut is left out of both, tokens crossing the cut are cut
    /// at it, and later sentences are renumbered. The halves stay in the sentence's bead in
    /// every alignment.
    pub fn split_sentence(
        &mut self,
        sentence: impl Into<SentenceId>,
        at: usize,
        actor: &str,
    ) -> Result<(SentenceId, SentenceId), StoreError> {
        let sentence = sentence.into();
        self.write(actor, ACTION_SPLIT_SENTENCE, |tx| {
            let old = rows::sentence(tx, sentence.0)?.ok_or_else(|| {
                StoreError::NotFound(format!("sentence {sentence} does not exist"))
            })?;
            let at = i64::try_from(at).unwrap_or(i64::MAX);
            if !(old.start < at && at < old.end) {
                return Err(StoreError::Invalid(format!(
                    "cannot split sentence {sentence} at offset {at}: the offset must lie \
                     strictly inside the sentence ({}..{})",
                    old.start, old.end
                )));
            }
            // Leave whitespace at the cut out of both halves, as the segmenter does at
            // sentence edges.
            let chars: Vec<char> = old.quote.chars().collect();
            let rel = (at - old.start) as usize;
            let first_end = rel
                - chars[..rel]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_whitespace())
                    .count();
            let second_start = rel
                + chars[rel..]
                    .iter()
                    .take_while(|c| c.is_whitespace())
                    .count();
            if first_end == 0 || second_start == chars.len() {
                return Err(StoreError::Invalid(format!(
                    "cannot split sentence {sentence} at offset {at}: one half would hold only \
                     whitespace"
                )));
            }
            let id = rows::next_id(tx, "sentences")?;
            let half = |id: i64, ordinal: i64, range: Range<usize>| {
                let (start, end) = (old.start + range.start as i64, old.start + range.end as i64);
                let (tokens, pos) =
                    cut_tokens(&old.tokens, old.pos.as_deref(), old.start, start..end);
                SentenceRec {
                    id,
                    text_id: old.text_id,
                    ordinal,
                    start,
                    end,
                    paragraph: old.paragraph,
                    quote: chars[range].iter().collect(),
                    tokens,
                    pos,
                }
            };
            let first = half(id, old.ordinal, 0..first_end);
            let second = half(id + 1, old.ordinal + 1, second_start..chars.len());
            let mut edit = Edit::default();
            for m in memberships(tx, &[old.id])? {
                for s in [&first, &second] {
                    edit.after.members.push(MemberRec {
                        sentence_id: s.id,
                        ..m.clone()
                    });
                }
                edit.before.members.push(m);
            }
            let summary = format!(
                "split sentence {sentence} (text {}, number {}) at offset {at} into sentences \
                 {} and {}",
                old.text_id,
                old.ordinal + 1,
                first.id,
                second.id
            );
            edit.shifts.push(Shift::Ordinals {
                text_id: old.text_id,
                from: old.ordinal + 1,
                by: 1,
            });
            edit.before.sentences.push(old);
            let ids = (SentenceId(first.id), SentenceId(second.id));
            edit.after.sentences.extend([first, second]);
            Ok((ids, record(tx, edit, summary)?))
        })
    }

    /// Merge a sentence with the one right after it in the same text into one sentence (a
    /// new id, returned) spanning both and the whitespace between them; the text never
    /// changes. `invalid` if they are not consecutive, or if they are in different beads of
    /// an alignment (merge the beads first).
    pub fn merge_sentences(
        &mut self,
        sentence: impl Into<SentenceId>,
        next: impl Into<SentenceId>,
        actor: &str,
    ) -> Result<SentenceId, StoreError> {
        let (sentence, next) = (sentence.into(), next.into());
        self.write(actor, ACTION_MERGE_SENTENCES, |tx| {
            let get = |id: SentenceId| {
                rows::sentence(tx, id.0)?
                    .ok_or_else(|| StoreError::NotFound(format!("sentence {id} does not exist")))
            };
            let (a, b) = (get(sentence)?, get(next)?);
            if a.text_id != b.text_id || b.ordinal != a.ordinal + 1 {
                return Err(StoreError::Invalid(format!(
                    "cannot merge sentence {sentence} with sentence {next}: sentence {next} \
                     does not come right after it in the same text"
                )));
            }
            let members_a = memberships(tx, &[a.id])?;
            let members_b = memberships(tx, &[b.id])?;
            for m in &members_a {
                let other = members_b.iter().find(|o| o.alignment_id == m.alignment_id);
                if let Some(o) = other.filter(|o| o.bead_id != m.bead_id) {
                    return Err(StoreError::Invalid(format!(
                        "cannot merge sentence {sentence} with sentence {next}: they are in \
                         different beads ({} and {}); merge the beads first",
                        m.bead_id, o.bead_id
                    )));
                }
            }
            let id = rows::next_id(tx, "sentences")?;
            let shift = u32::try_from(b.start - a.start).unwrap_or(u32::MAX);
            let mut tokens = a.tokens.clone();
            tokens.extend(b.tokens.iter().map(|&(s, e)| (s + shift, e + shift)));
            let tags = |s: &SentenceRec| match &s.pos {
                Some(p) => p.clone(),
                None => vec!["-"; s.tokens.len()].join(" "),
            };
            let pos = (a.pos.is_some() || b.pos.is_some()).then(|| {
                [tags(&a), tags(&b)]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let merged = SentenceRec {
                id,
                text_id: a.text_id,
                ordinal: a.ordinal,
                start: a.start,
                end: b.end,
                paragraph: a.paragraph,
                quote: text_slice(tx, a.text_id, a.start, b.end)?,
                tokens,
                pos,
            };
            let mut edit = Edit::default();
            for m in members_a.iter().chain(&members_b) {
                edit.before.members.push(m.clone());
            }
            for m in &members_a {
                edit.after.members.push(MemberRec {
                    sentence_id: id,
                    ..m.clone()
                });
            }
            edit.shifts.push(Shift::Ordinals {
                text_id: a.text_id,
                from: b.ordinal + 1,
                by: -1,
            });
            let summary = format!(
                "merged sentences {sentence} and {next} (text {}, numbers {} and {}) into \
                 sentence {id}",
                a.text_id,
                a.ordinal + 1,
                b.ordinal + 1
            );
            edit.before.sentences.extend([a, b]);
            edit.after.sentences.push(merged);
            Ok((SentenceId(id), record(tx, edit, summary)?))
        })
    }

    /// Link a zh span to an en span inside a bead; offsets are code points into the
    /// alignment's zh resp. en text (start inclusive, end exclusive). Both spans must be
    /// non-empty and lie inside the bead's sentences of their language, and the bead must not
    /// already have a link between the same spans. Returns the new link's id.
    #[allow(clippy::too_many_arguments)]
    pub fn add_link(
        &mut self,
        bead: impl Into<BeadId>,
        zh: Range<usize>,
        en: Range<usize>,
        origin: Origin,
        status: LinkStatus,
        reason: Option<&str>,
        actor: &str,
    ) -> Result<LinkId, StoreError> {
        let bead = bead.into();
        let to_i64 = |r: &Range<usize>| {
            (
                i64::try_from(r.start).unwrap_or(i64::MAX),
                i64::try_from(r.end).unwrap_or(i64::MAX),
            )
        };
        let (zh, en) = (to_i64(&zh), to_i64(&en));
        self.edit_around_bead(bead, actor, ACTION_ADD_LINK, |tx, alignment, i| {
            let b = &alignment.beads[i];
            for (lang, (start, end)) in [(Lang::Zh, zh), (Lang::En, en)] {
                if start >= end {
                    return Err(StoreError::Invalid(format!(
                        "cannot link {lang} span {start}..{end} in bead {bead}: it is empty"
                    )));
                }
                match b.extent(lang) {
                    Some((s, e)) if s <= start && end <= e => {}
                    Some((s, e)) => {
                        return Err(StoreError::Invalid(format!(
                            "cannot link {lang} span {start}..{end} in bead {bead}: its {lang} \
                             sentences span {s}..{e}"
                        )))
                    }
                    None => {
                        return Err(StoreError::Invalid(format!(
                            "cannot link {lang} span {start}..{end} in bead {bead}: it has no \
                             {lang} sentence"
                        )))
                    }
                }
            }
            if let Some(dup) = b
                .links
                .iter()
                .find(|l| (l.zh_start, l.zh_end) == zh && (l.en_start, l.en_end) == en)
            {
                return Err(StoreError::Invalid(format!(
                    "bead {bead} already links zh {}..{} with en {}..{} (link {})",
                    zh.0, zh.1, en.0, en.1, dup.id
                )));
            }
            let link = LinkRec {
                id: rows::next_id(tx, "span_links")?,
                bead_id: bead.0,
                zh_start: zh.0,
                zh_end: zh.1,
                zh_quote: text_slice(tx, alignment.rec.zh_text_id, zh.0, zh.1)?,
                en_start: en.0,
                en_end: en.1,
                en_quote: text_slice(tx, alignment.rec.en_text_id, en.0, en.1)?,
                origin,
                status,
                reason: reason.map(str::to_owned),
            };
            let summary = format!(
                "linked {:?} with {:?} in bead {bead} (link {})",
                link.zh_quote, link.en_quote, link.id
            );
            let id = LinkId(link.id);
            let edit = Edit::links(Vec::new(), vec![link]);
            Ok((id, edit, summary))
        })
    }

    /// Remove a span link.
    pub fn remove_link(&mut self, link: impl Into<LinkId>, actor: &str) -> Result<(), StoreError> {
        let link = link.into();
        self.write(actor, ACTION_REMOVE_LINK, |tx| {
            let old = rows::link(tx, link.0)?
                .ok_or_else(|| StoreError::NotFound(format!("link {link} does not exist")))?;
            let summary = format!(
                "removed link {link} ({:?} with {:?}) from bead {}",
                old.zh_quote, old.en_quote, old.bead_id
            );
            let edit = Edit::links(vec![old], Vec::new());
            Ok(((), record(tx, edit, summary)?))
        })
    }

    /// Accept a suggested span link. `invalid` if it is already accepted.
    pub fn accept_link(&mut self, link: impl Into<LinkId>, actor: &str) -> Result<(), StoreError> {
        let link = link.into();
        self.write(actor, ACTION_ACCEPT_LINK, |tx| {
            let old = rows::link(tx, link.0)?
                .ok_or_else(|| StoreError::NotFound(format!("link {link} does not exist")))?;
            if old.status == LinkStatus::Accepted {
                return Err(StoreError::Invalid(format!(
                    "link {link} is already accepted"
                )));
            }
            let summary = format!(
                "accepted link {link} ({:?} with {:?}) in bead {}",
                old.zh_quote, old.en_quote, old.bead_id
            );
            let mut new = old.clone();
            new.status = LinkStatus::Accepted;
            let edit = Edit::links(vec![old], vec![new]);
            Ok(((), record(tx, edit, summary)?))
        })
    }
}

/// The bead memberships of some sentences, in every alignment.
fn memberships(tx: &Transaction, sentences: &[i64]) -> Result<Vec<MemberRec>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT alignment_id, bead_id, lang FROM bead_sentences WHERE sentence_id = ?1
          ORDER BY alignment_id",
    )?;
    let mut all = Vec::new();
    for &sentence_id in sentences {
        for m in stmt.query_map([sentence_id], |r| {
            Ok(MemberRec {
                alignment_id: r.get(0)?,
                sentence_id,
                bead_id: r.get(1)?,
                lang: rows::parse(2, r.get(2)?)?,
            })
        })? {
            all.push(m?);
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_is_checked_bead_by_bead() {
        let b = |zh: Range<usize>, en: Range<usize>| Bead::new(zh, en, 0.5);
        assert!(check_cover(&[b(0..1, 0..1), b(1..2, 1..1)], 2, 1).is_ok());
        assert!(check_cover(&[], 0, 0).is_ok());
        let gap = check_cover(&[b(0..1, 0..1), b(2..3, 1..2)], 3, 2).unwrap_err();
        assert!(gap.contains("bead 1"), "{gap}");
        let empty = check_cover(&[b(0..1, 0..1), b(1..1, 1..1)], 1, 1).unwrap_err();
        assert!(empty.contains("empty on both sides"), "{empty}");
        let short = check_cover(&[b(0..1, 0..1)], 2, 1).unwrap_err();
        assert!(short.contains("1 of 2 zh"), "{short}");
        let nan = check_cover(&[Bead::new(0..1, 0..1, f32::NAN)], 1, 1).unwrap_err();
        assert!(nan.contains("confidence"), "{nan}");
    }

    #[test]
    fn tokens_crossing_a_cut_are_cut_at_it() {
        // Sentence at 10: tokens 10..12, 12..16, 17..19.
        let tokens = [(0, 2), (2, 6), (7, 9)];
        let (first, pos) = cut_tokens(&tokens, Some("a b c"), 10, 10..14);
        assert_eq!(first, [(0, 2), (2, 4)]);
        assert_eq!(pos.as_deref(), Some("a b"));
        let (second, pos) = cut_tokens(&tokens, Some("a b c"), 10, 14..19);
        assert_eq!(second, [(0, 2), (3, 5)]);
        assert_eq!(pos.as_deref(), Some("b c"));
        let (none, pos) = cut_tokens(&tokens, None, 10, 10..12);
        assert_eq!((none, pos), (vec![(0, 2)], None));
    }
}
