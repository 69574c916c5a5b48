//! Annotation and fact-checking: entities (with aliases and external ids) of configurable
//! types, their mentions in the texts, relations between them, claims with anchors,
//! subjects, status history and links, and the sources and evidence bearing on claims.
//!
//! Every change is one call of the write path, recorded by a [`Recorder`] as the rows it
//! touched before and after (`rows::Record`), so `Project::undo` and `Project::redo` replay
//! it like any alignment edit. Cascades are explicit: deleting an entity, mention, relation,
//! claim or source changes or deletes the rows that depend on it here, in the same change.
//!
//! Anchors (mentions, relation and claim anchors) are code-point spans of a document's
//! current text of a language, stored with their quote and up to [`CONTEXT`] code points of
//! context on either side; a quote given by the caller must equal the text there.

mod claims;
mod entities;
mod evidence;
mod mentions;
mod relations;
mod types;

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use duizhao_core::Lang;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value};

use crate::model::{Change, Script};
use crate::rows::{self, AnnoTable, Edit, Record, Rows};
use crate::StoreError;

pub use types::{
    AliasView, AnchorView, ClaimLinkView, ClaimPatch, ClaimTime, ClaimView, EntityPatch,
    EntityView, EvidenceView, ExternalIdView, MentionView, NewAlias, NewAnchor, NewClaim,
    NewEntity, NewMention, NewRelation, NewSource, RegistryName, RelationView, SourcePatch,
    SourceView, StatusChangeView, SuggestedMention,
};

/// History actions of the annotation edits. All of them can be undone.
pub const ACTION_ADD_ENTITY_TYPE: &str = "add_entity_type";
pub const ACTION_ADD_RELATION_TYPE: &str = "add_relation_type";
pub const ACTION_CREATE_ENTITY: &str = "create_entity";
pub const ACTION_UPDATE_ENTITY: &str = "update_entity";
pub const ACTION_ADD_ALIAS: &str = "add_alias";
pub const ACTION_REMOVE_ALIAS: &str = "remove_alias";
pub const ACTION_ADD_EXTERNAL_ID: &str = "add_external_id";
pub const ACTION_REMOVE_EXTERNAL_ID: &str = "remove_external_id";
pub const ACTION_MERGE_ENTITIES: &str = "merge_entities";
pub const ACTION_SPLIT_ENTITY: &str = "split_entity";
pub const ACTION_DELETE_ENTITY: &str = "delete_entity";
pub const ACTION_ADD_MENTION: &str = "add_mention";
pub const ACTION_SET_MENTION_STATUS: &str = "set_mention_status";
pub const ACTION_SET_MENTION_TYPE: &str = "set_mention_type";
pub const ACTION_LINK_MENTIONS: &str = "link_mentions";
pub const ACTION_DELETE_MENTIONS: &str = "delete_mentions";
pub const ACTION_STORE_SUGGESTIONS: &str = "store_suggestions";
pub const ACTION_ADD_RELATION: &str = "add_relation";
pub const ACTION_DELETE_RELATION: &str = "delete_relation";
pub const ACTION_ADD_RELATION_ANCHOR: &str = "add_relation_anchor";
pub const ACTION_REMOVE_RELATION_ANCHOR: &str = "remove_relation_anchor";
pub const ACTION_CREATE_CLAIM: &str = "create_claim";
pub const ACTION_UPDATE_CLAIM: &str = "update_claim";
pub const ACTION_ADD_CLAIM_ANCHOR: &str = "add_claim_anchor";
pub const ACTION_REMOVE_CLAIM_ANCHOR: &str = "remove_claim_anchor";
pub const ACTION_ADD_CLAIM_SUBJECT: &str = "add_claim_subject";
pub const ACTION_REMOVE_CLAIM_SUBJECT: &str = "remove_claim_subject";
pub const ACTION_SET_CLAIM_STATUS: &str = "set_claim_status";
pub const ACTION_LINK_CLAIMS: &str = "link_claims";
pub const ACTION_UNLINK_CLAIMS: &str = "unlink_claims";
pub const ACTION_DELETE_CLAIM: &str = "delete_claim";
pub const ACTION_ADD_SOURCE: &str = "add_source";
pub const ACTION_UPDATE_SOURCE: &str = "update_source";
pub const ACTION_DELETE_SOURCE: &str = "delete_source";
pub const ACTION_LINK_EVIDENCE: &str = "link_evidence";
pub const ACTION_UNLINK_EVIDENCE: &str = "unlink_evidence";

/// Every annotation action; part of `EDIT_ACTIONS`.
pub const ANNOTATION_ACTIONS: &[&str] = &[
    ACTION_ADD_ENTITY_TYPE,
    ACTION_ADD_RELATION_TYPE,
    ACTION_CREATE_ENTITY,
    ACTION_UPDATE_ENTITY,
    ACTION_ADD_ALIAS,
    ACTION_REMOVE_ALIAS,
    ACTION_ADD_EXTERNAL_ID,
    ACTION_REMOVE_EXTERNAL_ID,
    ACTION_MERGE_ENTITIES,
    ACTION_SPLIT_ENTITY,
    ACTION_DELETE_ENTITY,
    ACTION_ADD_MENTION,
    ACTION_SET_MENTION_STATUS,
    ACTION_SET_MENTION_TYPE,
    ACTION_LINK_MENTIONS,
    ACTION_DELETE_MENTIONS,
    ACTION_STORE_SUGGESTIONS,
    ACTION_ADD_RELATION,
    ACTION_DELETE_RELATION,
    ACTION_ADD_RELATION_ANCHOR,
    ACTION_REMOVE_RELATION_ANCHOR,
    ACTION_CREATE_CLAIM,
    ACTION_UPDATE_CLAIM,
    ACTION_ADD_CLAIM_ANCHOR,
    ACTION_REMOVE_CLAIM_ANCHOR,
    ACTION_ADD_CLAIM_SUBJECT,
    ACTION_REMOVE_CLAIM_SUBJECT,
    ACTION_SET_CLAIM_STATUS,
    ACTION_LINK_CLAIMS,
    ACTION_UNLINK_CLAIMS,
    ACTION_DELETE_CLAIM,
    ACTION_ADD_SOURCE,
    ACTION_UPDATE_SOURCE,
    ACTION_DELETE_SOURCE,
    ACTION_LINK_EVIDENCE,
    ACTION_UNLINK_EVIDENCE,
];

/// Code points of context stored before and after an anchor's quote.
pub const CONTEXT: usize = 32;

/// Records what one change does to the annotation tables while doing it: each touched row's
/// state when first touched, and at the end its state then. Rows left as they were drop out.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    order: Vec<(AnnoTable, i64)>,
    before: HashMap<(AnnoTable, i64), Option<Record>>,
}

/// The columns of a row, from a `json!({…})` object.
fn columns(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => unreachable!("row columns must be a JSON object, got {other}"),
    }
}

impl Recorder {
    fn touch(&mut self, tx: &Transaction, table: AnnoTable, id: i64) -> Result<(), StoreError> {
        if let Entry::Vacant(slot) = self.before.entry((table, id)) {
            slot.insert(rows::read_record(tx, table, id)?);
            self.order.push((table, id));
        }
        Ok(())
    }

    /// Insert a row (`cols` a JSON object of column values); returns its new id.
    pub fn insert(
        &mut self,
        tx: &Transaction,
        table: AnnoTable,
        cols: Value,
    ) -> Result<i64, StoreError> {
        let id = rows::insert_record(tx, table, None, &columns(cols))?;
        if let Entry::Vacant(slot) = self.before.entry((table, id)) {
            slot.insert(None);
            self.order.push((table, id));
        }
        Ok(id)
    }

    /// Set some columns of a row.
    pub fn update(
        &mut self,
        tx: &Transaction,
        table: AnnoTable,
        id: i64,
        cols: Value,
    ) -> Result<(), StoreError> {
        self.touch(tx, table, id)?;
        rows::update_record(tx, table, id, &columns(cols))
    }

    /// Delete a row. Rows referring to it must have been changed or deleted first.
    pub fn delete(
        &mut self,
        tx: &Transaction,
        table: AnnoTable,
        id: i64,
    ) -> Result<(), StoreError> {
        self.touch(tx, table, id)?;
        rows::delete_record(tx, table, id)
    }

    /// The change for the history: the edit (touched rows before and after) and `summary`.
    pub fn change(self, tx: &Transaction, summary: String) -> Result<Change, StoreError> {
        let mut edit = Edit {
            before: Rows::default(),
            after: Rows::default(),
            shifts: Vec::new(),
        };
        for key in self.order {
            let before = self.before.get(&key).cloned().flatten();
            let after = rows::read_record(tx, key.0, key.1)?;
            if before == after {
                continue;
            }
            edit.before.records.extend(before);
            edit.after.records.extend(after);
        }
        let payload = serde_json::to_value(&edit)
            .map_err(|e| StoreError::Invalid(format!("history payload: {e}")))?;
        Ok(Change::new(summary, payload))
    }
}

/// Entity and relation types share their shape and rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeTable {
    Entity,
    Relation,
}

impl TypeTable {
    fn table(self) -> AnnoTable {
        match self {
            TypeTable::Entity => AnnoTable::EntityTypes,
            TypeTable::Relation => AnnoTable::RelationTypes,
        }
    }

    fn names(self, conn: &Connection) -> Result<Vec<String>, StoreError> {
        Ok(conn
            .prepare_cached(&format!(
                "SELECT name FROM {} ORDER BY position, id",
                self.table().name()
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The id of the type called `name`; `invalid` naming the known types otherwise.
    /// `what` says what the type is for ("entity", "mention", "relation").
    fn id(self, conn: &Connection, name: &str, what: &str) -> Result<i64, StoreError> {
        let found: Option<i64> = conn
            .prepare_cached(&format!(
                "SELECT id FROM {} WHERE name = ?1",
                self.table().name()
            ))?
            .query_row([name], |r| r.get(0))
            .optional()?;
        found.ok_or_else(|| {
            let known = self.names(conn).unwrap_or_default().join(", ");
            StoreError::Invalid(format!(
                "{what} type {name:?} is not in the schema ({known})"
            ))
        })
    }
}

/// A type name: lowercase ASCII letters, digits and `_`, starting with a letter.
fn check_type_name(name: &str) -> Result<(), StoreError> {
    let ok = name.len() <= 40
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "type name {name:?} must be 1–40 lowercase ASCII letters, digits or '_', starting \
             with a letter"
        )))
    }
}

/// Whether `c` is a Han character (CJK ideographs in the BMP and the supplementary planes,
/// compatibility ideographs, and 〇).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// How a name is written, as far as its characters tell: Han text is traditional when the
/// traditional → simplified conversion changes it, else simplified; other text is pinyin
/// when it carries a pinyin tone mark, else Latin.
pub fn infer_script(text: &str) -> Script {
    if text.chars().any(is_han) {
        if fast2s::convert(text) != text {
            Script::Traditional
        } else {
            Script::Simplified
        }
    } else if text.chars().any(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c)) {
        Script::Pinyin
    } else {
        Script::Latin
    }
}

/// A short rendering of a text for messages and summaries.
pub(crate) fn short(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((b, _)) => format!("{}…", &s[..b]),
        None => s.to_string(),
    }
}

/// Trimmed text that must be one line; `None` when it is empty after trimming.
fn one_line(what: &str, text: &str) -> Result<Option<String>, StoreError> {
    let t = text.trim();
    if t.contains(['\n', '\r']) {
        return Err(StoreError::Invalid(format!(
            "{what} must be one line, got {:?}",
            short(t)
        )));
    }
    Ok((!t.is_empty()).then(|| t.to_owned()))
}

/// A code-point offset as stored.
fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `document`'s current text of `lang` (its first revision that nothing supersedes).
pub(crate) fn current_text(
    conn: &Connection,
    document: i64,
    lang: Lang,
) -> Result<i64, StoreError> {
    let exists: Option<i64> = conn
        .prepare_cached("SELECT id FROM documents WHERE id = ?1")?
        .query_row([document], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!(
            "document {document} does not exist"
        )));
    }
    conn.prepare_cached(
        "SELECT id FROM texts t WHERE document_id = ?1 AND lang = ?2
           AND NOT EXISTS (SELECT 1 FROM texts n WHERE n.supersedes = t.id)
         ORDER BY id LIMIT 1",
    )?
    .query_row((document, lang.code()), |r| r.get(0))
    .optional()?
    .ok_or_else(|| StoreError::Invalid(format!("document {document} has no {lang} text")))
}

/// A text loaded for cutting anchors: its content and the byte offset of every code point.
#[derive(Debug)]
pub(crate) struct LoadedText {
    content: String,
    /// Byte offset of each code point, plus the length at the end.
    bytes: Vec<usize>,
}

impl LoadedText {
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Code points `start..end`, if inside the text and not reversed.
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        if start > end || end > self.len() {
            return None;
        }
        Some(&self.content[self.bytes[start]..self.bytes[end]])
    }

    /// The same for stored (signed) offsets.
    pub fn slice_stored(&self, start: i64, end: i64) -> Option<&str> {
        self.slice(usize::try_from(start).ok()?, usize::try_from(end).ok()?)
    }
}

/// A cut anchor, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Anchor {
    pub text_id: i64,
    pub start: i64,
    pub end: i64,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
}

impl Anchor {
    fn columns(&self) -> Map<String, Value> {
        columns(serde_json::json!({
            "text_id": self.text_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }))
    }
}

/// Texts loaded once per operation, so that many anchors over one text cost one read.
#[derive(Debug, Default)]
pub(crate) struct Texts {
    loaded: HashMap<i64, LoadedText>,
}

impl Texts {
    pub fn get(&mut self, conn: &Connection, text: i64) -> Result<&LoadedText, StoreError> {
        if let Entry::Vacant(slot) = self.loaded.entry(text) {
            let content: String = conn
                .prepare_cached("SELECT content FROM texts WHERE id = ?1")?
                .query_row([text], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("text {text} does not exist")))?;
            let mut bytes: Vec<usize> = content.char_indices().map(|(b, _)| b).collect();
            bytes.push(content.len());
            slot.insert(LoadedText { content, bytes });
        }
        Ok(&self.loaded[&text])
    }

    /// Whether a stored quote no longer matches its text at its offsets (only a damaged or
    /// hand-edited file can get there: texts are immutable).
    pub fn orphaned(
        &mut self,
        conn: &Connection,
        text: i64,
        start: i64,
        end: i64,
        quote: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.get(conn, text)?.slice_stored(start, end) != Some(quote))
    }

    /// Cut the span `start..end` of `document`'s current `lang` text: refuses an empty
    /// span, one outside the text, and a `quote` that differs from the text there.
    pub fn anchor(
        &mut self,
        conn: &Connection,
        document: i64,
        lang: Lang,
        start: usize,
        end: usize,
        quote: Option<&str>,
    ) -> Result<Anchor, StoreError> {
        let text_id = current_text(conn, document, lang)?;
        let text = self.get(conn, text_id)?;
        if start >= end {
            return Err(StoreError::Invalid(format!(
                "anchor {start}..{end} is empty: the end must come after the start"
            )));
        }
        let Some(actual) = text.slice(start, end) else {
            return Err(StoreError::Invalid(format!(
                "anchor {start}..{end} is outside text {text_id} (it has {} characters)",
                text.len()
            )));
        };
        if let Some(quote) = quote {
            if quote != actual {
                return Err(StoreError::Invalid(format!(
                    "anchor quote mismatch: text {text_id} has {:?} at {start}..{end}, not {:?}",
                    short(actual),
                    short(quote)
                )));
            }
        }
        let prefix = text
            .slice(start.saturating_sub(CONTEXT), start)
            .unwrap_or("");
        let suffix = text
            .slice(end, (end + CONTEXT).min(text.len()))
            .unwrap_or("");
        Ok(Anchor {
            text_id,
            start: offset(start),
            end: offset(end),
            quote: actual.to_owned(),
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
        })
    }
}

/// `ids` without repeats, in their first order; `invalid` when empty.
fn distinct(ids: impl IntoIterator<Item = i64>, what: &str) -> Result<Vec<i64>, StoreError> {
    let mut seen = std::collections::HashSet::new();
    let out: Vec<i64> = ids.into_iter().filter(|id| seen.insert(*id)).collect();
    if out.is_empty() {
        return Err(StoreError::Invalid(format!("no {what} given")));
    }
    Ok(out)
}

/// "1 mention", "3 mentions".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 mentions, 1 alias" from the non-zero counts, or "nothing".
fn counts_line(parts: &[(usize, &str, &str)]) -> String {
    let list: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(*n, one, many))
        .collect();
    if list.is_empty() {
        "nothing".into()
    } else {
        list.join(", ")
    }
}

/// A decoded enum column, for row mappers.
fn col<T: std::str::FromStr>(idx: usize, s: String) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Display,
{
    rows::parse(idx, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_inferred_from_the_characters() {
        assert_eq!(infer_script("国家特种材料工业委员会"), Script::Simplified);
        assert_eq!(infer_script("嘉朗貿易有限公司"), Script::Traditional);
        assert_eq!(infer_script("司马𠮷祥"), Script::Simplified);
        assert_eq!(infer_script("SCOSMI"), Script::Latin);
        assert_eq!(infer_script("Ōuyáng Chōng"), Script::Pinyin);
    }

    #[test]
    fn type_names_are_lowercase_slugs() {
        assert!(check_type_name("vessel").is_ok());
        assert!(check_type_name("front_company2").is_ok());
        for bad in ["", "Vessel", "2x", "a-b", "a b", "船"] {
            assert!(check_type_name(bad).is_err(), "{bad}");
        }
    }
}
