//! The IPC data types: what the window receives, converted from the store's own types.
//! TypeScript declarations are generated from these by ts-rs into ui/src/bindings (run by
//! `cargo test`; CI fails if the committed files are stale). Integer fields are declared as
//! `number` for TypeScript because ids, counts and offsets stay far below 2^53.

use duizhao_store::{DocumentSummary as StoreSummary, DocumentView as StoreView};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProjectInfo {
    /// The project file the window is showing.
    pub path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub document_count: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: String,
    #[ts(type = "number")]
    pub zh_sentences: i64,
    #[ts(type = "number")]
    pub en_sentences: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub source: Option<String>,
    pub texts: Vec<TextView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextView {
    #[ts(type = "number")]
    pub id: i64,
    /// `zh` or `en`.
    pub lang: String,
    /// The encoding the original file was decoded with.
    pub encoding: String,
    /// False when the user chose the encoding.
    pub encoding_detected: bool,
    pub original_name: Option<String>,
    #[ts(type = "number")]
    pub char_len: i64,
    pub sentences: Vec<SentenceView>,
}

/// A sentence with its offsets in code points (start inclusive, end exclusive).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SentenceView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub ordinal: i64,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    #[ts(type = "number")]
    pub paragraph: i64,
    pub text: String,
}

impl From<StoreSummary> for DocumentSummary {
    fn from(summary: StoreSummary) -> Self {
        Self {
            id: summary.id.0,
            title: summary.title,
            kind: summary.kind.to_string(),
            zh_sentences: summary.zh_sentences,
            en_sentences: summary.en_sentences,
        }
    }
}

impl From<StoreView> for DocumentView {
    fn from(view: StoreView) -> Self {
        Self {
            id: view.id.0,
            title: view.title,
            kind: view.kind.to_string(),
            source: view.source,
            texts: view
                .texts
                .into_iter()
                .map(|text| TextView {
                    id: text.id.0,
                    lang: text.lang.code().to_owned(),
                    encoding: text.encoding,
                    encoding_detected: text.encoding_detected,
                    original_name: text.original_name,
                    char_len: text.char_len,
                    sentences: text
                        .sentences
                        .into_iter()
                        .map(|s| SentenceView {
                            id: s.id.0,
                            ordinal: s.ordinal,
                            start: s.start,
                            end: s.end,
                            paragraph: s.paragraph,
                            text: s.text,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
