//! Read-only queries: the document list, one document with its sentences, a text's content,
//! and the history. None of these write, so none of them go through the write path.

use duizhao_core::Lang;
use rusqlite::OptionalExtension;

use crate::model::{
    DocumentId, DocumentKind, DocumentSummary, DocumentView, EventId, EventRow, SentenceId,
    SentenceRow, TextId, TextView,
};
use crate::{Project, StoreError};

/// Decode a column that holds one of our enums' spellings; anything else means the file was
/// edited behind our back.
fn parse_col<T: std::str::FromStr>(idx: usize, s: String) -> rusqlite::Result<T>
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

impl Project {
    /// All documents, oldest first, with the sentence counts of their current texts.
    pub fn list_documents(&self) -> Result<Vec<DocumentSummary>, StoreError> {
        // A text is current when no other text supersedes it; counting per language over the
        // current texts keeps an edited revision from being counted twice.
        let sql = "
            SELECT d.id, d.title, d.kind, d.created_at,
                   (SELECT count(*) FROM texts t JOIN sentences s ON s.text_id = t.id
                     WHERE t.document_id = d.id AND t.lang = 'zh'
                       AND NOT EXISTS (SELECT 1 FROM texts n WHERE n.supersedes = t.id)),
                   (SELECT count(*) FROM texts t JOIN sentences s ON s.text_id = t.id
                     WHERE t.document_id = d.id AND t.lang = 'en'
                       AND NOT EXISTS (SELECT 1 FROM texts n WHERE n.supersedes = t.id))
              FROM documents d
             ORDER BY d.id";
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(DocumentSummary {
                    id: DocumentId(r.get(0)?),
                    title: r.get(1)?,
                    kind: parse_col(2, r.get(2)?)?,
                    created_at: r.get(3)?,
                    zh_sentences: r.get(4)?,
                    en_sentences: r.get(5)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.err(e))
    }

    /// One document with all its texts and their sentences; `not_found` for an unknown id.
    pub fn document(&self, id: impl Into<DocumentId>) -> Result<DocumentView, StoreError> {
        let id = id.into();
        // One read transaction, so a concurrent import or edit cannot show us half a change.
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.err(e))?;
        let doc = tx
            .query_row(
                "SELECT title, kind, source FROM documents WHERE id = ?1",
                [id.0],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        parse_col::<DocumentKind>(1, r.get(1)?)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((title, kind, source)) = doc else {
            return Err(StoreError::NotFound(format!(
                "document {id} does not exist in {}",
                self.path().display()
            )));
        };

        let mut texts = tx
            .prepare_cached(
                "SELECT id, lang, encoding, encoding_detected, sha256, original_name, char_len,
                        supersedes
                   FROM texts WHERE document_id = ?1
                  ORDER BY CASE lang WHEN 'zh' THEN 0 ELSE 1 END, id",
            )
            .and_then(|mut stmt| {
                stmt.query_map([id.0], |r| {
                    Ok(TextView {
                        id: TextId(r.get(0)?),
                        lang: parse_col::<Lang>(1, r.get(1)?)?,
                        encoding: r.get(2)?,
                        encoding_detected: r.get(3)?,
                        sha256: r.get(4)?,
                        original_name: r.get(5)?,
                        char_len: r.get(6)?,
                        supersedes: r.get::<_, Option<i64>>(7)?.map(TextId),
                        sentences: Vec::new(),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;

        let mut stmt = tx
            .prepare_cached(
                "SELECT id, ordinal, start, \"end\", paragraph, quote
                   FROM sentences WHERE text_id = ?1 ORDER BY ordinal",
            )
            .map_err(|e| self.err(e))?;
        for text in &mut texts {
            text.sentences = stmt
                .query_map([text.id.0], |r| {
                    Ok(SentenceRow {
                        id: SentenceId(r.get(0)?),
                        ordinal: r.get(1)?,
                        start: r.get(2)?,
                        end: r.get(3)?,
                        paragraph: r.get(4)?,
                        text: r.get(5)?,
                    })
                })
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(|e| self.err(e))?;
        }
        Ok(DocumentView {
            id,
            title,
            kind,
            source,
            texts,
        })
    }

    /// The full content of a text revision; `not_found` for an unknown id.
    pub fn text_content(&self, id: impl Into<TextId>) -> Result<String, StoreError> {
        let id = id.into();
        self.conn()
            .query_row("SELECT content FROM texts WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "text {id} does not exist in {}",
                    self.path().display()
                ))
            })
    }

    /// The last `limit` events of the history, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<EventRow>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT id, at, actor, action, summary, payload, undone
                   FROM events ORDER BY id DESC LIMIT ?1",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([limit], event_from_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.err(e))
    }
}

/// One `events` row, selected as `id, at, actor, action, summary, payload, undone`.
pub(crate) fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    let payload: String = r.get(5)?;
    Ok(EventRow {
        id: EventId(r.get(0)?),
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        summary: r.get(4)?,
        payload: serde_json::from_str(&payload).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
        })?,
        undone: r.get(6)?,
    })
}
