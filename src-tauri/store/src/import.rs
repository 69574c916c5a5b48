//! Importing a document: its texts, sentences and tokens, in one transaction and one event.
//!
//! Everything is validated before the write lock is taken (offsets inside the text, sorted,
//! non-overlapping, every token inside a sentence), so the store never holds data that
//! `Project::check` would report, and a bad input fails fast without blocking other writers.
//! The insert itself uses cached prepared statements in a single transaction, with each
//! sentence's tokens packed into one row (see `packed`).

use duizhao_core::{CharIndex, PreparedText};
use rusqlite::{params, Transaction};
use serde_json::json;

use crate::model::{Change, DocumentId, NewDocument, NewText};
use crate::packed;
use crate::{Project, StoreError};

/// The action name of an import in the history.
pub const ACTION_IMPORT: &str = "import_document";

impl Project {
    /// Store a document with all its texts, sentences (with their quotes) and tokens, as one
    /// change with one history event (action [`ACTION_IMPORT`]). Nothing is stored if
    /// anything fails. Goes through the one write path.
    pub fn import_document(
        &mut self,
        doc: NewDocument,
        actor: &str,
    ) -> Result<DocumentId, StoreError> {
        let title = doc.title.trim();
        if title.is_empty() {
            return Err(StoreError::Invalid("a document needs a title".into()));
        }
        if doc.texts.is_empty() {
            return Err(StoreError::Invalid(format!(
                "cannot import \"{title}\": it has no text"
            )));
        }
        // Validate and cut the sentence quotes before taking the write lock.
        let quotes = doc
            .texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                sentence_quotes(&t.prepared).map_err(|msg| {
                    StoreError::Invalid(format!(
                        "cannot import \"{title}\": text {} ({}, {}): {msg}",
                        i + 1,
                        t.prepared.lang,
                        t.original_name.as_deref().unwrap_or("unnamed"),
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;

        self.write(actor, ACTION_IMPORT, |tx| {
            let doc_id = tx
                .prepare_cached("INSERT INTO documents (title, kind, source) VALUES (?1, ?2, ?3)")?
                .insert((title, doc.kind.as_str(), doc.source.as_deref()))?;
            let mut texts = Vec::with_capacity(doc.texts.len());
            for (text, quotes) in doc.texts.iter().zip(&quotes) {
                let text_id = insert_text(tx, doc_id, text, quotes)?;
                texts.push(json!({
                    "id": text_id,
                    "lang": text.prepared.lang,
                    "sentences": text.prepared.sentences.len(),
                    "tokens": text.prepared.tokens.len(),
                }));
            }
            let sentences: usize = doc.texts.iter().map(|t| t.prepared.sentences.len()).sum();
            let change = Change::new(
                format!(
                    "imported {} \"{title}\" ({} text{}, {sentences} sentences)",
                    doc.kind,
                    doc.texts.len(),
                    if doc.texts.len() == 1 { "" } else { "s" },
                ),
                json!({
                    "before": null,
                    "after": {
                        "document_id": doc_id,
                        "title": title,
                        "kind": doc.kind,
                        "texts": texts,
                    },
                }),
            );
            Ok((DocumentId(doc_id), change))
        })
    }
}

/// Insert one text revision with its sentences and tokens; returns the text's id.
fn insert_text(
    tx: &Transaction,
    document_id: i64,
    text: &NewText,
    quotes: &[&str],
) -> Result<i64, StoreError> {
    let p = &text.prepared;
    let d = &p.decoded;
    let text_id = tx
        .prepare_cached(
            "INSERT INTO texts (document_id, lang, content, char_len, sha256, encoding, \
             encoding_detected, original_name, had_bom, newlines_normalised) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .insert(params![
            document_id,
            p.lang.code(),
            d.text,
            p.char_len as i64,
            d.sha256,
            d.encoding,
            d.detected,
            text.original_name,
            d.had_bom,
            d.newlines_normalised,
        ])?;

    let mut insert_sentence = tx.prepare_cached(
        "INSERT INTO sentences (text_id, ordinal, start, \"end\", paragraph, quote) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut insert_tokens = tx.prepare_cached(
        "INSERT INTO sentence_tokens (sentence_id, count, offsets, pos) VALUES (?1, ?2, ?3, ?4)",
    )?;
    // Tokens are sorted and each lies inside one sentence (checked before the transaction),
    // so one forward walk hands every sentence its run of tokens.
    let mut remaining = p.tokens.as_slice();
    for (ordinal, (s, quote)) in p.sentences.iter().zip(quotes).enumerate() {
        let sentence_id = insert_sentence.insert(params![
            text_id,
            ordinal as i64,
            s.start as i64,
            s.end as i64,
            s.paragraph as i64,
            quote,
        ])?;
        let skip = remaining.partition_point(|t| t.start < s.start);
        let taken = remaining[skip..].partition_point(|t| t.end <= s.end);
        let (tokens, rest) = remaining[skip..].split_at(taken);
        remaining = rest;
        let (offsets, pos) = packed::pack(s.start, tokens);
        insert_tokens.execute(params![sentence_id, tokens.len() as i64, offsets, pos])?;
    }
    Ok(text_id)
}

/// Check a prepared text against the invariants the store keeps, and cut each sentence's
/// quote. The message says which span is wrong and why.
///
/// Kept: `char_len` is the number of code points; sentences are non-empty, inside the text,
/// in order and non-overlapping, with non-decreasing paragraphs; tokens likewise, and each
/// lies inside one sentence.
fn sentence_quotes(p: &PreparedText) -> Result<Vec<&str>, String> {
    let idx = CharIndex::new(&p.decoded.text);
    let len = idx.len_chars();
    if p.char_len != len {
        return Err(format!(
            "char_len is {} but the text has {len} code points",
            p.char_len
        ));
    }
    let mut quotes = Vec::with_capacity(p.sentences.len());
    let (mut prev_end, mut prev_paragraph) = (0, 0);
    for (i, s) in p.sentences.iter().enumerate() {
        let span = format!("sentence {i} ({}..{})", s.start, s.end);
        if s.start >= s.end {
            return Err(format!("{span} is empty or reversed"));
        }
        if s.end > len {
            return Err(format!("{span} ends after the text ({len} code points)"));
        }
        if s.start < prev_end {
            return Err(format!(
                "{span} overlaps or precedes the sentence before it"
            ));
        }
        if s.paragraph < prev_paragraph {
            return Err(format!(
                "{span} is in paragraph {} after a sentence in paragraph {prev_paragraph}",
                s.paragraph
            ));
        }
        (prev_end, prev_paragraph) = (s.end, s.paragraph);
        // In bounds and ordered, as checked just above.
        quotes.push(idx.slice(s.start, s.end).unwrap_or_default());
    }

    let mut prev_end = 0;
    let mut sentence = 0;
    for (i, t) in p.tokens.iter().enumerate() {
        if t.start >= t.end {
            return Err(format!(
                "token {i} ({}..{}) is empty or reversed",
                t.start, t.end
            ));
        }
        if t.end > len {
            return Err(format!(
                "token {i} ({}..{}) ends after the text ({len} code points)",
                t.start, t.end
            ));
        }
        if t.start < prev_end {
            return Err(format!(
                "token {i} ({}..{}) overlaps or precedes the token before it",
                t.start, t.end
            ));
        }
        prev_end = t.end;
        // Tokens and sentences are both sorted, so one forward walk finds each token's
        // sentence.
        while sentence < p.sentences.len() && p.sentences[sentence].end <= t.start {
            sentence += 1;
        }
        match p.sentences.get(sentence) {
            Some(s) if s.start <= t.start && t.end <= s.end => {}
            _ => {
                return Err(format!(
                    "token {i} ({}..{}) is not inside a sentence",
                    t.start, t.end
                ))
            }
        }
    }
    Ok(quotes)
}
