//! `Project::check`: is the file sound, and does every stored span still agree with its text?
//!
//! Runs SQLite's own integrity and foreign-key checks, then re-derives what the store
//! derived at import: each text's length in code points, each sentence's quote from its
//! offsets, each sentence's packed tokens inside that sentence. Texts are read one
//! at a time and sliced through `duizhao_core::CharIndex` (constant time per span), so a
//! 1M-character text with 600k tokens checks in well under a second.
//!
//! Every anchor of an annotation (mentions, relation and claim anchors) must lie inside its
//! text and quote it exactly; one that does not is reported as orphaned.
//!
//! Alignments are checked against their invariant: every sentence of both texts in exactly
//! one bead, beads numbered 0..n and holding consecutive sentences in order on both sides,
//! no bead without sentences; span links with quotes matching the texts, inside their bead.

use std::collections::HashMap;

use duizhao_core::CharIndex;
use rusqlite::Transaction;

use crate::model::CheckReport;
use crate::packed;
use crate::{Project, StoreError};

/// The annotation tables whose rows anchor to a text, and what a row is called in messages.
const ANCHOR_TABLES: [(&str, &str); 3] = [
    ("mentions", "mention"),
    ("relation_anchors", "relation anchor"),
    ("claim_anchors", "claim anchor"),
];

/// Past this many mismatches the report only counts the rest: a systematically wrong file
/// would otherwise produce millions of identical lines.
const MAX_MISMATCHES: usize = 1000;

impl Project {
    /// Check the project; see [`CheckReport::is_ok`].
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        // One read transaction: a consistent snapshot even while another handle writes.
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        let mut report = CheckReport::default();
        let db = |e: rusqlite::Error| self.err(e);

        let mut stmt = tx.prepare("PRAGMA integrity_check").map_err(db)?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0)).map_err(db)? {
            let line = line.map_err(db)?;
            if line != "ok" {
                report.integrity.push(line);
            }
        }
        drop(stmt);

        let mut stmt = tx.prepare("PRAGMA foreign_key_check").map_err(db)?;
        for row in stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(db)?
        {
            let (table, rowid, parent) = row.map_err(db)?;
            let row = rowid.map_or_else(|| "a row".to_string(), |id| format!("row {id}"));
            report
                .foreign_key_violations
                .push(format!("{table}: {row} refers to a missing {parent} row"));
        }
        drop(stmt);

        (
            report.documents,
            report.texts,
            report.sentences,
            report.tokens,
        ) = tx
            .query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM texts),
                        (SELECT count(*) FROM sentences),
                        (SELECT coalesce(sum(count), 0) FROM sentence_tokens)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .map_err(db)?;

        let mut mismatches = Mismatches::default();
        let text_ids: Vec<i64> = tx
            .prepare("SELECT id FROM texts ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(db)?;
        let mut text_stmt = tx
            .prepare("SELECT content, char_len FROM texts WHERE id = ?1")
            .map_err(db)?;
        // Anchors of annotations: mentions, relation anchors, claim anchors.
        let mut anchor_stmts = ANCHOR_TABLES
            .iter()
            .map(|(table, what)| {
                tx.prepare(&format!(
                    "SELECT id, start, \"end\", quote FROM {table} WHERE text_id = ?1 ORDER BY id"
                ))
                .map(|stmt| (stmt, *what))
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db)?;
        let mut sentence_stmt = tx
            .prepare(
                "SELECT s.ordinal, s.start, s.\"end\", s.quote, t.offsets, t.pos
                   FROM sentences s LEFT JOIN sentence_tokens t ON t.sentence_id = s.id
                  WHERE s.text_id = ?1 ORDER BY s.start, s.ordinal",
            )
            .map_err(db)?;

        for text_id in text_ids {
            let (content, char_len): (String, i64) = text_stmt
                .query_row([text_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(db)?;
            let idx = CharIndex::new(&content);
            let len = idx.len_chars();
            if usize::try_from(char_len) != Ok(len) {
                mismatches.push(|| {
                    format!("text {text_id}: char_len is {char_len} but the content has {len} code points")
                });
            }

            let mut rows = sentence_stmt.query([text_id]).map_err(db)?;
            let mut expected = 0;
            while let Some(r) = rows.next().map_err(db)? {
                let ordinal: i64 = r.get(0).map_err(db)?;
                if ordinal != expected {
                    // Sentence edits renumber; bead ranges and people's sentence numbers
                    // rely on ordinals running 0..n in text order.
                    mismatches.push(|| {
                        format!("text {text_id}: sentence number {expected} in text order has ordinal {ordinal}")
                    });
                }
                expected += 1;
                let (start, end): (i64, i64) = (r.get(1).map_err(db)?, r.get(2).map_err(db)?);
                let quote = r
                    .get_ref(3)
                    .map_err(db)?
                    .as_str()
                    .map_err(|e| db(e.into()))?;
                let range = to_range(start, end);
                match range.and_then(|(s, e)| idx.slice(s, e)) {
                    None => mismatches.push(|| {
                        format!(
                            "text {text_id} sentence {ordinal}: offsets {start}..{end} are outside the text ({len} code points)"
                        )
                    }),
                    Some(actual) if actual != quote => mismatches.push(|| {
                        format!(
                            "text {text_id} sentence {ordinal} ({start}..{end}): stored quote {:?} but the text there reads {:?}",
                            ellipsis(quote),
                            ellipsis(actual)
                        )
                    }),
                    Some(_) => {}
                }
                let offsets: Option<Vec<u8>> = r.get(4).map_err(db)?;
                let pos: Option<String> = r.get(5).map_err(db)?;
                let sentence_len = range.map_or(0, |(s, e)| e - s);
                if let Some(problem) =
                    token_problem(offsets.as_deref(), pos.as_deref(), sentence_len)
                {
                    mismatches.push(|| format!("text {text_id} sentence {ordinal}: {problem}"));
                }
            }
            drop(rows);

            for (stmt, what) in &mut anchor_stmts {
                let mut rows = stmt.query([text_id]).map_err(db)?;
                while let Some(r) = rows.next().map_err(db)? {
                    let (id, start, end): (i64, i64, i64) = (
                        r.get(0).map_err(db)?,
                        r.get(1).map_err(db)?,
                        r.get(2).map_err(db)?,
                    );
                    let quote = r
                        .get_ref(3)
                        .map_err(db)?
                        .as_str()
                        .map_err(|e| db(e.into()))?;
                    match to_range(start, end).and_then(|(s, e)| idx.slice(s, e)) {
                        None => mismatches.push(|| {
                            format!(
                                "{what} {id}: offsets {start}..{end} are outside text {text_id} ({len} code points)"
                            )
                        }),
                        Some(actual) if actual != quote => mismatches.push(|| {
                            format!(
                                "{what} {id} is orphaned: stored quote {:?} but text {text_id} reads {:?} at {start}..{end}",
                                ellipsis(quote),
                                ellipsis(actual)
                            )
                        }),
                        Some(_) => {}
                    }
                }
            }
        }
        drop(anchor_stmts);
        drop(sentence_stmt);
        drop(text_stmt);
        check_alignments(&tx, &mut report, &mut mismatches).map_err(db)?;
        (
            report.entities,
            report.mentions,
            report.relations,
            report.claims,
            report.anchors,
            report.sources,
        ) = tx
            .query_row(
                "SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions),
                        (SELECT count(*) FROM relations), (SELECT count(*) FROM claims),
                        (SELECT count(*) FROM relation_anchors)
                          + (SELECT count(*) FROM claim_anchors),
                        (SELECT count(*) FROM sources)",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .map_err(db)?;
        report.mismatches = mismatches.finish();
        Ok(report)
    }
}

/// The alignment invariant and the span links of every alignment.
fn check_alignments(
    tx: &Transaction,
    report: &mut CheckReport,
    mismatches: &mut Mismatches,
) -> rusqlite::Result<()> {
    (report.alignments, report.beads, report.span_links) = tx.query_row(
        "SELECT (SELECT count(*) FROM alignments), (SELECT count(*) FROM beads),
                (SELECT count(*) FROM span_links)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let alignments: Vec<(i64, i64, i64)> = tx
        .prepare("SELECT id, zh_text_id, en_text_id FROM alignments ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (a, zh, en) in alignments {
        let texts_ok: bool = tx.query_row(
            "SELECT (SELECT lang FROM texts WHERE id = ?1) = 'zh'
                AND (SELECT lang FROM texts WHERE id = ?2) = 'en'
                AND (SELECT document_id FROM texts WHERE id = ?1)
                  = (SELECT document_id FROM texts WHERE id = ?2)",
            [zh, en],
            |r| Ok(r.get::<_, Option<bool>>(0)?.unwrap_or(false)),
        )?;
        if !texts_ok {
            mismatches.push(|| {
                format!("alignment {a}: texts {zh} and {en} are not the zh and en texts of one document")
            });
        }

        let beads: Vec<(i64, i64)> = tx
            .prepare("SELECT id, position FROM beads WHERE alignment_id = ?1 ORDER BY position")?
            .query_map([a], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut index = HashMap::new();
        for (i, &(bead, position)) in beads.iter().enumerate() {
            if position != i as i64 {
                mismatches.push(|| {
                    format!("alignment {a}: bead {bead} is at position {position}, expected {i}")
                });
            }
            index.insert(bead, i);
        }

        let mut stmt = tx.prepare(
            "SELECT s.ordinal, m.bead_id, m.lang FROM sentences s
               LEFT JOIN bead_sentences m ON m.sentence_id = s.id AND m.alignment_id = ?2
              WHERE s.text_id = ?1 ORDER BY s.ordinal",
        )?;
        for (lang, text) in [("zh", zh), ("en", en)] {
            let mut rows = stmt.query([text, a])?;
            let mut last = 0;
            while let Some(r) = rows.next()? {
                let ordinal: i64 = r.get(0)?;
                let Some(bead) = r.get::<_, Option<i64>>(1)? else {
                    mismatches.push(|| {
                        format!(
                            "alignment {a}: {lang} sentence {ordinal} of text {text} is in no bead"
                        )
                    });
                    continue;
                };
                let member_lang: String = r.get(2)?;
                if member_lang != lang {
                    mismatches.push(|| {
                        format!("alignment {a}: {lang} sentence {ordinal} is recorded as {member_lang} in bead {bead}")
                    });
                }
                let at = index.get(&bead).copied().unwrap_or(usize::MAX);
                if at < last {
                    mismatches.push(|| {
                        format!("alignment {a}: {lang} sentence {ordinal} is in bead {bead}, before the bead of the sentence preceding it")
                    });
                }
                last = last.max(at);
            }
        }
        drop(stmt);

        let strays: i64 = tx.query_row(
            "SELECT count(*) FROM bead_sentences m JOIN sentences s ON s.id = m.sentence_id
              WHERE m.alignment_id = ?1 AND s.text_id NOT IN (?2, ?3)",
            [a, zh, en],
            |r| r.get(0),
        )?;
        if strays > 0 {
            mismatches.push(|| {
                format!("alignment {a}: {strays} bead membership(s) name sentences of other texts")
            });
        }
        let mut stmt = tx.prepare(
            "SELECT id FROM beads b WHERE alignment_id = ?1
                AND NOT EXISTS (SELECT 1 FROM bead_sentences m WHERE m.bead_id = b.id)",
        )?;
        for bead in stmt.query_map([a], |r| r.get::<_, i64>(0))? {
            let bead = bead?;
            mismatches.push(|| format!("alignment {a}: bead {bead} has no sentence"));
        }
        drop(stmt);

        let content = |text: i64| -> rusqlite::Result<String> {
            tx.query_row("SELECT content FROM texts WHERE id = ?1", [text], |r| {
                r.get(0)
            })
        };
        let (zh_content, en_content) = (content(zh)?, content(en)?);
        let (zh_idx, en_idx) = (CharIndex::new(&zh_content), CharIndex::new(&en_content));
        let mut stmt = tx.prepare(
            "SELECT l.id, l.bead_id, l.zh_start, l.zh_end, l.zh_quote, l.en_start, l.en_end, l.en_quote,
                    (SELECT min(s.start) FROM bead_sentences m JOIN sentences s ON s.id = m.sentence_id
                      WHERE m.bead_id = l.bead_id AND m.lang = 'zh'),
                    (SELECT max(s.\"end\") FROM bead_sentences m JOIN sentences s ON s.id = m.sentence_id
                      WHERE m.bead_id = l.bead_id AND m.lang = 'zh'),
                    (SELECT min(s.start) FROM bead_sentences m JOIN sentences s ON s.id = m.sentence_id
                      WHERE m.bead_id = l.bead_id AND m.lang = 'en'),
                    (SELECT max(s.\"end\") FROM bead_sentences m JOIN sentences s ON s.id = m.sentence_id
                      WHERE m.bead_id = l.bead_id AND m.lang = 'en')
               FROM span_links l
              WHERE l.bead_id IN (SELECT id FROM beads WHERE alignment_id = ?1)
              ORDER BY l.id",
        )?;
        let mut rows = stmt.query([a])?;
        while let Some(r) = rows.next()? {
            let (link, bead): (i64, i64) = (r.get(0)?, r.get(1)?);
            // Columns: span start, end, quote, then the bead's extent in that language.
            for (lang, idx, col, ext) in [("zh", &zh_idx, 2, 8), ("en", &en_idx, 5, 10)] {
                let (start, end, quote): (i64, i64, String) =
                    (r.get(col)?, r.get(col + 1)?, r.get(col + 2)?);
                let extent: (Option<i64>, Option<i64>) = (r.get(ext)?, r.get(ext + 1)?);
                match (extent, to_range(start, end).and_then(|(s, e)| idx.slice(s, e))) {
                    (_, None) => mismatches.push(|| {
                        format!("link {link}: {lang} span {start}..{end} is outside the text")
                    }),
                    (_, Some(actual)) if actual != quote => mismatches.push(|| {
                        format!(
                            "link {link}: stored {lang} quote {:?} but the text at {start}..{end} reads {:?}",
                            ellipsis(&quote),
                            ellipsis(actual)
                        )
                    }),
                    ((Some(s), Some(e)), _) if s <= start && end <= e => {}
                    _ => mismatches.push(|| {
                        format!("link {link}: {lang} span {start}..{end} is not inside the {lang} sentences of bead {bead}")
                    }),
                }
            }
        }
    }
    Ok(())
}

/// What is wrong with a sentence's packed tokens, if anything: every token non-empty,
/// inside the sentence, after the one before it, and one POS tag per token.
fn token_problem(offsets: Option<&[u8]>, pos: Option<&str>, sentence_len: usize) -> Option<String> {
    let Some(offsets) = offsets else {
        return Some("its tokens are missing".to_owned());
    };
    let tokens = match packed::unpack(offsets) {
        Ok(tokens) => tokens,
        Err(problem) => return Some(problem),
    };
    let mut previous_end = 0;
    for (i, &(start, end)) in tokens.iter().enumerate() {
        if start >= end || start < previous_end || end > sentence_len {
            return Some(format!(
                "token {i} ({start}..{end} within the sentence) is empty, overlaps the one before it, or ends after the sentence ({sentence_len} code points)"
            ));
        }
        previous_end = end;
    }
    match pos.map(|tags| tags.split(' ').count()) {
        Some(tags) if tags != tokens.len() => {
            Some(format!("{} tokens but {tags} POS tags", tokens.len()))
        }
        _ => None,
    }
}

/// Offsets as a code-point range, if they are non-negative and not reversed.
fn to_range(start: i64, end: i64) -> Option<(usize, usize)> {
    let (s, e) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    (s <= e).then_some((s, e))
}

/// Long sentences are cut in messages; the offsets identify them anyway.
fn ellipsis(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((b, _)) => format!("{}…", &s[..b]),
        None => s.to_string(),
    }
}

/// Collects mismatch lines up to [`MAX_MISMATCHES`], then only counts. Takes closures so
/// that the message is only formatted when it will be kept.
#[derive(Default)]
struct Mismatches {
    lines: Vec<String>,
    dropped: usize,
}

impl Mismatches {
    fn push(&mut self, line: impl FnOnce() -> String) {
        if self.lines.len() < MAX_MISMATCHES {
            self.lines.push(line());
        } else {
            self.dropped += 1;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.dropped > 0 {
            self.lines
                .push(format!("… and {} more mismatches", self.dropped));
        }
        self.lines
    }
}
