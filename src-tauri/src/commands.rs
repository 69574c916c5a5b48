//! The IPC commands. Each one validates its arguments, locks the project, calls the store
//! and converts the result into a DTO; errors cross as `{code, message}`.
//!
//! The alignment edits name the document they edit beside the bead: the bead must belong to
//! that document's alignment (checked before anything is written), and every edit returns
//! the document's alignment as it now is, so the window re-renders from the project's truth
//! rather than patching its own copy. Undo and redo work on the project's whole history
//! and return what they took back or re-applied.
//!
//! The span-link edits work the same way: a new link names its bead, an existing link must
//! belong to one of the beads of that document's alignment.

use duizhao_core::align::Aligner;
use duizhao_core::Lang;
use std::ops::Range;

use duizhao_store::{
    AlignmentView as StoreAlignment, BeadId, Direction, DocumentId, LinkId, LinkStatus, Origin,
    Project, SentenceId,
};
use tauri::State;

use crate::dto::{
    AlignmentPatch, AlignmentView, DocumentSummary, DocumentView, HistoryStep, ProjectInfo,
};
use crate::error::IpcError;
use crate::{AppState, ACTOR};

#[tauri::command(async)]
pub fn project_info(state: State<'_, AppState>) -> Result<ProjectInfo, IpcError> {
    state.with_project(|project| {
        Ok(ProjectInfo {
            path: project.path().display().to_string(),
            schema_version: project.schema_version()?,
            document_count: project.list_documents()?.len(),
        })
    })
}

#[tauri::command(async)]
pub fn list_documents(state: State<'_, AppState>) -> Result<Vec<DocumentSummary>, IpcError> {
    state.with_project(|project| {
        Ok(project
            .list_documents()?
            .into_iter()
            .map(DocumentSummary::from)
            .collect())
    })
}

/// A document and its texts, with every sentence unless `sentences` is false: the window
/// shows only the texts' encodings and sentence counts, and a long document's sentences are
/// already in its alignment.
#[tauri::command(async)]
pub fn get_document(
    state: State<'_, AppState>,
    id: i64,
    sentences: Option<bool>,
) -> Result<DocumentView, IpcError> {
    positive_id("id", id, "document")?;
    state.with_project(|project| {
        let mut view = DocumentView::from(project.document(DocumentId(id))?);
        if sentences == Some(false) {
            for text in &mut view.texts {
                text.sentences = Vec::new();
            }
        }
        Ok(view)
    })
}

/// The document's alignment, or `null` if it has not been aligned yet.
#[tauri::command(async)]
pub fn get_alignment(
    state: State<'_, AppState>,
    document_id: i64,
) -> Result<Option<AlignmentView>, IpcError> {
    positive_id("documentId", document_id, "document")?;
    state.with_project(|project| {
        Ok(project
            .alignment(DocumentId(document_id))?
            .map(AlignmentView::from))
    })
}

/// Aligns the document from scratch (replacing any alignment it has, confirmed beads too).
#[tauri::command(async)]
pub fn align_document(
    state: State<'_, AppState>,
    document_id: i64,
) -> Result<AlignmentView, IpcError> {
    positive_id("documentId", document_id, "document")?;
    let segmenter = state.segmenter();
    state.with_project(|project| {
        let aligner = Aligner::new(segmenter);
        project.align_with_links(DocumentId(document_id), ACTOR, &aligner, false)?;
        fresh_alignment(project, document_id)
    })
}

/// Aligns the document again, keeping its confirmed beads as they are.
#[tauri::command(async)]
pub fn realign(state: State<'_, AppState>, document_id: i64) -> Result<AlignmentView, IpcError> {
    positive_id("documentId", document_id, "document")?;
    let segmenter = state.segmenter();
    state.with_project(|project| {
        let aligner = Aligner::new(segmenter);
        project.align_with_links(DocumentId(document_id), ACTOR, &aligner, true)?;
        fresh_alignment(project, document_id)
    })
}

/// Confirms a bead (`confirmed: true`) or takes the confirmation back (`false`).
#[tauri::command(async)]
pub fn confirm_bead(
    state: State<'_, AppState>,
    document_id: i64,
    bead_id: i64,
    confirmed: bool,
) -> Result<AlignmentPatch, IpcError> {
    edit_bead(
        &state,
        document_id,
        ("beadId", bead_id),
        this_bead,
        |project| {
            if confirmed {
                project.confirm_bead(BeadId(bead_id), ACTOR)
            } else {
                project.unconfirm_bead(BeadId(bead_id), ACTOR)
            }
        },
    )
}

/// Merges bead `second` into bead `first`, which must come right before it.
#[tauri::command(async)]
pub fn merge_beads(
    state: State<'_, AppState>,
    document_id: i64,
    first: i64,
    second: i64,
) -> Result<AlignmentPatch, IpcError> {
    positive_id("second", second, "bead")?;
    // The two beads become one.
    edit_bead(
        &state,
        document_id,
        ("first", first),
        |p| (p, 2),
        |project| {
            project
                .merge_beads(BeadId(first), BeadId(second), ACTOR)
                .map(drop)
        },
    )
}

/// Splits a bead after its first `zhCount` zh and `enCount` en sentences.
#[tauri::command(async)]
pub fn split_bead(
    state: State<'_, AppState>,
    document_id: i64,
    bead_id: i64,
    zh_count: i64,
    en_count: i64,
) -> Result<AlignmentPatch, IpcError> {
    let zh_count = count("zhCount", zh_count)?;
    let en_count = count("enCount", en_count)?;
    edit_bead(
        &state,
        document_id,
        ("beadId", bead_id),
        this_bead,
        |project| {
            project
                .split_bead(BeadId(bead_id), zh_count, en_count, ACTOR)
                .map(drop)
        },
    )
}

/// Moves one sentence of `lang` (`zh` or `en`) to a neighbouring bead: with `direction`
/// `previous` the bead's first sentence, with `next` its last.
#[tauri::command(async)]
pub fn move_sentence(
    state: State<'_, AppState>,
    document_id: i64,
    bead_id: i64,
    lang: String,
    direction: String,
) -> Result<AlignmentPatch, IpcError> {
    let lang = match lang.as_str() {
        "zh" => Lang::Zh,
        "en" => Lang::En,
        other => {
            return Err(IpcError::invalid_argument(
                "lang",
                format!("`{other}` is not a language (expected `zh` or `en`)"),
            ))
        }
    };
    let direction = match direction.as_str() {
        "previous" => Direction::Previous,
        "next" => Direction::Next,
        other => {
            return Err(IpcError::invalid_argument(
                "direction",
                format!("`{other}` is not a direction (expected `previous` or `next`)"),
            ))
        }
    };
    // The bead and the neighbour it gives the sentence to (which it may leave empty).
    let around = |p: i64| match direction {
        Direction::Previous => (p - 1, 2),
        Direction::Next => (p, 2),
    };
    edit_bead(
        &state,
        document_id,
        ("beadId", bead_id),
        around,
        |project| project.move_sentence(BeadId(bead_id), lang, direction, ACTOR),
    )
}

/// Links the zh span `zhStart..zhEnd` to the en span `enStart..enEnd` inside a bead, by
/// hand (manual, accepted). Offsets are code points into the alignment's zh and en texts,
/// start inclusive, end exclusive; both spans must lie inside the bead's sentences of
/// their language (the store refuses otherwise, `invalid`).
#[tauri::command(async)]
#[allow(clippy::too_many_arguments)]
pub fn add_link(
    state: State<'_, AppState>,
    document_id: i64,
    bead_id: i64,
    zh_start: i64,
    zh_end: i64,
    en_start: i64,
    en_end: i64,
) -> Result<AlignmentPatch, IpcError> {
    let zh = span(("zhStart", zh_start), ("zhEnd", zh_end))?;
    let en = span(("enStart", en_start), ("enEnd", en_end))?;
    edit_bead(
        &state,
        document_id,
        ("beadId", bead_id),
        this_bead,
        |project| {
            project
                .add_link(
                    BeadId(bead_id),
                    zh,
                    en,
                    Origin::Manual,
                    LinkStatus::Accepted,
                    None,
                    ACTOR,
                )
                .map(drop)
        },
    )
}

/// Accepts a suggested span link (`invalid` if it is already accepted).
#[tauri::command(async)]
pub fn accept_link(
    state: State<'_, AppState>,
    document_id: i64,
    link_id: i64,
) -> Result<AlignmentPatch, IpcError> {
    edit_link(&state, document_id, link_id, |project| {
        project.accept_link(LinkId(link_id), ACTOR)
    })
}

/// Removes a span link, suggested or accepted.
#[tauri::command(async)]
pub fn remove_link(
    state: State<'_, AppState>,
    document_id: i64,
    link_id: i64,
) -> Result<AlignmentPatch, IpcError> {
    edit_link(&state, document_id, link_id, |project| {
        project.remove_link(LinkId(link_id), ACTOR)
    })
}

/// Splits sentence `sentenceId` of bead `beadId` at `at`, a code-point offset into the
/// document's text of the sentence's language strictly inside the sentence (the caret).
/// The text never changes: the sentence becomes two, both in the bead.
#[tauri::command(async)]
pub fn split_sentence(
    state: State<'_, AppState>,
    document_id: i64,
    bead_id: i64,
    sentence_id: i64,
    at: i64,
) -> Result<AlignmentPatch, IpcError> {
    positive_id("sentenceId", sentence_id, "sentence")?;
    let at = usize::try_from(at).map_err(|_| {
        IpcError::invalid_argument("at", format!("{at} is not a code-point offset"))
    })?;
    edit_sentence(&state, document_id, bead_id, sentence_id, |project, _| {
        project
            .split_sentence(SentenceId(sentence_id), at, ACTOR)
            .map(drop)
    })
}

/// Merges sentence `sentenceId` of bead `beadId` with the sentence after it in the same
/// language and bead into one sentence; the text never changes. `invalid` when it is the
/// bead's last sentence of its language (merge the beads first).
#[tauri::command(async)]
pub fn merge_sentences(
    state: State<'_, AppState>,
    document_id: i64,
    bead_id: i64,
    sentence_id: i64,
) -> Result<AlignmentPatch, IpcError> {
    positive_id("sentenceId", sentence_id, "sentence")?;
    edit_sentence(
        &state,
        document_id,
        bead_id,
        sentence_id,
        |project, next| {
            let next = next.ok_or_else(|| {
                duizhao_store::StoreError::Invalid(format!(
                "cannot merge sentence {sentence_id} with the next one: it is the last sentence \
                 of its language in bead {bead_id} (merge the beads first)"
            ))
            })?;
            project
                .merge_sentences(SentenceId(sentence_id), next, ACTOR)
                .map(drop)
        },
    )
}

/// Checks that the sentence is in the bead and the bead in the document's alignment, then
/// applies `edit` (given the sentence after it in the bead, if any) and returns the bead.
fn edit_sentence(
    state: &AppState,
    document_id: i64,
    bead_id: i64,
    sentence_id: i64,
    edit: impl FnOnce(&mut Project, Option<SentenceId>) -> Result<(), duizhao_store::StoreError>,
) -> Result<AlignmentPatch, IpcError> {
    positive_id("documentId", document_id, "document")?;
    positive_id("beadId", bead_id, "bead")?;
    state.with_project(|project| {
        let position = project.bead_position(BeadId(bead_id));
        let bead = match position {
            Ok(p) => part(project, document_id, p..p + 1)?
                .0
                .beads
                .into_iter()
                .find(|b| b.id.0 == bead_id),
            Err(duizhao_store::StoreError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        };
        let sentence = SentenceId(sentence_id);
        let next = bead.as_ref().and_then(|b| {
            [&b.zh, &b.en].into_iter().find_map(|side| {
                let at = side.iter().position(|s| s.id == sentence)?;
                Some(side.get(at + 1).map(|s| s.id))
            })
        });
        let Some(next) = next else {
            return Err(IpcError::new(
                "not_found",
                format!(
                    "sentence {sentence_id} is not in bead {bead_id} of document {document_id}"
                ),
            ));
        };
        let not_in = format!("bead {bead_id} is not in the alignment of document {document_id}");
        patch_around(
            project,
            document_id,
            Some(BeadId(bead_id)),
            not_in,
            this_bead,
            |project| edit(project, next),
        )
    })
}

/// Undoes the newest edit not yet undone; `null` when there is nothing to undo.
#[tauri::command(async)]
pub fn undo(state: State<'_, AppState>) -> Result<Option<HistoryStep>, IpcError> {
    state.with_project(|project| Ok(project.undo(ACTOR)?.map(HistoryStep::from)))
}

/// Redoes the edit most recently undone; `null` when there is nothing to redo.
#[tauri::command(async)]
pub fn redo(state: State<'_, AppState>) -> Result<Option<HistoryStep>, IpcError> {
    state.with_project(|project| Ok(project.redo(ACTOR)?.map(HistoryStep::from)))
}

pub(crate) fn positive_id(field: &str, id: i64, what: &str) -> Result<(), IpcError> {
    if id <= 0 {
        return Err(IpcError::invalid_argument(
            field,
            format!("{id} is not a {what} id (ids start at 1)"),
        ));
    }
    Ok(())
}

fn count(field: &str, value: i64) -> Result<usize, IpcError> {
    usize::try_from(value).map_err(|_| {
        IpcError::invalid_argument(field, format!("{value} is not a number of sentences"))
    })
}

/// A span from IPC arguments: offsets non-negative, start before end.
pub(crate) fn span(
    (start_field, start): (&str, i64),
    (end_field, end): (&str, i64),
) -> Result<Range<usize>, IpcError> {
    let offset = |field: &str, value: i64| {
        usize::try_from(value).map_err(|_| {
            IpcError::invalid_argument(field, format!("{value} is not a code-point offset"))
        })
    };
    let (start, end) = (offset(start_field, start)?, offset(end_field, end)?);
    if start >= end {
        return Err(IpcError::invalid_argument(
            end_field,
            format!(
                "the span {start}..{end} is empty (`{end_field}` must be after `{start_field}`)"
            ),
        ));
    }
    Ok(start..end)
}

/// The document's alignment after an edit; an edit always leaves one.
fn fresh_alignment(project: &Project, document_id: i64) -> Result<AlignmentView, IpcError> {
    project
        .alignment(DocumentId(document_id))?
        .map(AlignmentView::from)
        .ok_or_else(|| {
            IpcError::new(
                "not_found",
                format!("document {document_id} has no alignment"),
            )
        })
}

/// Which places of the alignment an edit around the bead at place `p` may change: the bead
/// alone.
fn this_bead(p: i64) -> (i64, usize) {
    (p, 1)
}

/// Checks the ids, checks that the bead belongs to the document's alignment, applies the
/// edit and returns what it changed: the places `around(position of the bead)` names
/// (first place, count), as they now are.
fn edit_bead(
    state: &AppState,
    document_id: i64,
    (field, bead_id): (&str, i64),
    around: impl FnOnce(i64) -> (i64, usize),
    edit: impl FnOnce(&mut Project) -> Result<(), duizhao_store::StoreError>,
) -> Result<AlignmentPatch, IpcError> {
    positive_id("documentId", document_id, "document")?;
    positive_id(field, bead_id, "bead")?;
    state.with_project(|project| {
        let not_in = format!("bead {bead_id} is not in the alignment of document {document_id}");
        patch_around(
            project,
            document_id,
            Some(BeadId(bead_id)),
            not_in,
            around,
            edit,
        )
    })
}

/// Checks the ids, checks that the link belongs to a bead of the document's alignment,
/// applies the edit and returns that bead as it now is.
fn edit_link(
    state: &AppState,
    document_id: i64,
    link_id: i64,
    edit: impl FnOnce(&mut Project) -> Result<(), duizhao_store::StoreError>,
) -> Result<AlignmentPatch, IpcError> {
    positive_id("documentId", document_id, "document")?;
    positive_id("linkId", link_id, "link")?;
    state.with_project(|project| {
        let bead = match project.link_bead(LinkId(link_id)) {
            Ok(bead) => Some(bead),
            Err(duizhao_store::StoreError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        };
        let not_in = format!("link {link_id} is not in the alignment of document {document_id}");
        patch_around(project, document_id, bead, not_in, this_bead, edit)
    })
}

/// The common part of [`edit_bead`] and [`edit_link`]: `bead` (`None`: unknown) must be in
/// the document's alignment (else `not_found` with `not_in`); reads only the places the
/// edit may change, before and after it, never the whole alignment.
fn patch_around(
    project: &mut Project,
    document_id: i64,
    bead: Option<BeadId>,
    not_in: String,
    around: impl FnOnce(i64) -> (i64, usize),
    edit: impl FnOnce(&mut Project) -> Result<(), duizhao_store::StoreError>,
) -> Result<AlignmentPatch, IpcError> {
    let position = match bead.map(|bead| project.bead_position(bead)) {
        Some(Ok(position)) => position,
        None | Some(Err(duizhao_store::StoreError::NotFound(_))) => {
            // A document never aligned says so rather than "not in it".
            part(project, document_id, 0..0)?;
            return Err(IpcError::new("not_found", not_in));
        }
        Some(Err(e)) => return Err(e.into()),
    };
    let (here, total) = part(project, document_id, position..position + 1)?;
    if !here.beads.iter().any(|b| Some(b.id) == bead) {
        return Err(IpcError::new("not_found", not_in));
    }
    let (first, count) = around(position);
    let first = first.max(0);
    edit(project)?;
    // Beads the edit added or removed are inside the places it changed.
    let (_, total_after) = part(project, document_id, 0..0)?;
    let now = (count + total_after).saturating_sub(total);
    let (after, total_after) = part(project, document_id, first..first + now as i64)?;
    Ok(AlignmentPatch {
        id: after.id.0,
        document_id,
        start: first as usize,
        removed: count,
        beads: after.beads.into_iter().map(Into::into).collect(),
        total: total_after,
    })
}

/// The beads of the document's alignment at `positions` and how many it has in all;
/// `not_found` if the document has not been aligned yet.
fn part(
    project: &Project,
    document_id: i64,
    positions: Range<i64>,
) -> Result<(StoreAlignment, usize), IpcError> {
    project
        .alignment_part(DocumentId(document_id), positions)?
        .ok_or_else(|| {
            IpcError::new(
                "not_found",
                format!("document {document_id} has not been aligned yet"),
            )
        })
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};
    use tauri::test::MockRuntime;
    use tauri::WebviewWindow;

    use crate::error::IpcError;
    use crate::test_support::{app, expect_error, invoke, sample_state};
    use crate::AppState;

    #[test]
    fn lists_and_shows_the_sample_documents() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let info = invoke(&window, "project_info", json!({})).unwrap();
        assert_eq!(info["documentCount"], 2);
        assert!(info["path"].as_str().unwrap().ends_with("sample.duizhao"));

        let documents = invoke(&window, "list_documents", json!({})).unwrap();
        let first = &documents[0];
        assert!(first["zhSentences"].as_u64().unwrap() > 10);
        let view = invoke(&window, "get_document", json!({ "id": first["id"] })).unwrap();
        let texts = view["texts"].as_array().unwrap();
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0]["lang"], "zh");
        let sentence = &texts[0]["sentences"][0];
        assert_eq!(sentence["ordinal"], 0);
        assert!(!sentence["text"].as_str().unwrap().is_empty());
        assert_eq!(texts[0]["sentenceCount"], first["zhSentences"]);

        // The window asks for the texts alone: counts and encodings, no sentences.
        let light = invoke(
            &window,
            "get_document",
            json!({ "id": first["id"], "sentences": false }),
        )
        .unwrap();
        let light_zh = &light["texts"][0];
        assert_eq!(light_zh["sentences"], json!([]));
        assert_eq!(light_zh["sentenceCount"], first["zhSentences"]);
        assert_eq!(light_zh["encoding"], texts[0]["encoding"]);
        assert_eq!(light["texts"][1]["sentenceCount"], first["enSentences"]);
    }

    #[test]
    fn invalid_and_unknown_document_ids_are_errors_with_codes() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let error = invoke(&window, "get_document", json!({ "id": 0 })).unwrap_err();
        assert_eq!(error["code"], "invalid_argument");
        assert!(error["message"].as_str().unwrap().contains("id"));
        let error = invoke(&window, "get_document", json!({ "id": 987654 })).unwrap_err();
        assert_eq!(error["code"], "not_found");
        assert!(error["message"].as_str().unwrap().contains("987654"));
        // A wrong type never reaches the command; Tauri refuses it, naming the argument.
        let error = invoke(
            &window,
            "get_document",
            json!({ "id": "1; DROP TABLE texts" }),
        )
        .unwrap_err();
        assert!(error.to_string().contains("id"), "{error}");
    }

    #[test]
    fn a_project_that_failed_to_open_reports_why_on_every_command() {
        let (_app, window) = app(AppState::new(Err(IpcError::new(
            "not_a_project",
            "/tmp/x.duizhao is not an SQLite database",
        ))));
        for command in ["project_info", "list_documents"] {
            let error = invoke(&window, command, json!({})).unwrap_err();
            assert_eq!(error["code"], "not_a_project", "{command}");
        }
    }

    /// The sample's statement (document 1) and its alignment as the window gets it.
    fn statement(window: &WebviewWindow<MockRuntime>) -> (Value, Value) {
        let documents = invoke(window, "list_documents", json!({})).unwrap();
        let id = documents[0]["id"].clone();
        let alignment = invoke(window, "get_alignment", json!({ "documentId": id })).unwrap();
        (id, alignment)
    }

    fn beads(alignment: &Value) -> &Vec<Value> {
        alignment["beads"].as_array().expect("beads")
    }

    #[test]
    fn the_sample_documents_come_aligned() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let (id, alignment) = statement(&window);
        assert_eq!(alignment["documentId"], id);
        let beads = beads(&alignment);
        assert!(beads.len() > 50, "{} beads", beads.len());
        let first = &beads[0];
        assert_eq!(first["position"], 0);
        assert_eq!(first["zh"][0]["ordinal"], 0);
        assert_eq!(first["en"][0]["ordinal"], 0);
        assert!(!first["zh"][0]["text"].as_str().unwrap().is_empty());
        for bead in beads {
            let confidence = bead["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&confidence), "{bead}");
            assert_eq!(bead["status"], "unconfirmed");
            assert_eq!(bead["origin"], "auto");
        }
        // Every sentence of the document in exactly one bead.
        let documents = invoke(&window, "list_documents", json!({})).unwrap();
        let zh: usize = beads
            .iter()
            .map(|b| b["zh"].as_array().unwrap().len())
            .sum();
        assert_eq!(zh as u64, documents[0]["zhSentences"].as_u64().unwrap());
    }

    /// `before` patched with an edit's result, as the window does (ui/src/alignment.ts,
    /// `applyPatch`): the places it names replaced, later beads renumbered, and their
    /// sentence numbers moved by the sentences the edit added or removed per language.
    fn apply_patch(before: &[Value], patch: &Value) -> Vec<Value> {
        let start = patch["start"].as_u64().unwrap() as usize;
        let removed = patch["removed"].as_u64().unwrap() as usize;
        let new = beads(patch);
        let count = |list: &[Value], side: &str| -> i64 {
            list.iter()
                .map(|b| b[side].as_array().unwrap().len() as i64)
                .sum()
        };
        let old = &before[start..start + removed];
        let by = (new.len() as i64) - (removed as i64);
        let (zh_by, en_by) = (
            count(new, "zh") - count(old, "zh"),
            count(new, "en") - count(old, "en"),
        );
        let mut after: Vec<Value> = before[..start].to_vec();
        after.extend(new.iter().cloned());
        for bead in &before[start + removed..] {
            let mut bead = bead.clone();
            bead["position"] = json!(bead["position"].as_i64().unwrap() + by);
            for (side, by) in [("zh", zh_by), ("en", en_by)] {
                for sentence in bead[side].as_array_mut().unwrap() {
                    sentence["ordinal"] = json!(sentence["ordinal"].as_i64().unwrap() + by);
                }
            }
            after.push(bead);
        }
        assert_eq!(after.len(), patch["total"].as_u64().unwrap() as usize);
        after
    }

    /// Runs an alignment edit, checks that its patch applied to `shown` gives exactly the
    /// alignment read afresh, and moves `shown` on; returns the patch.
    fn patch_edit(
        window: &WebviewWindow<MockRuntime>,
        shown: &mut Vec<Value>,
        command: &str,
        args: Value,
    ) -> Value {
        let patch = invoke(window, command, args).unwrap();
        let (_, fresh) = statement(window);
        let patched = apply_patch(shown, &patch);
        assert_eq!(&patched, beads(&fresh), "{command}: the patch {patch}");
        *shown = patched;
        patch
    }

    #[test]
    fn edits_return_the_beads_they_changed_and_undo_redo_walk_them_back() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let (doc, before) = statement(&window);
        let mut shown = beads(&before).clone();
        let n = shown.len();
        let (b0, b1) = (shown[0].clone(), shown[1].clone());

        let confirmed = patch_edit(
            &window,
            &mut shown,
            "confirm_bead",
            json!({ "documentId": doc, "beadId": b0["id"], "confirmed": true }),
        );
        // One bead, not the whole alignment.
        assert_eq!(
            (confirmed["start"].clone(), confirmed["removed"].clone()),
            (json!(0), json!(1))
        );
        assert_eq!(beads(&confirmed).len(), 1);
        assert_eq!(beads(&confirmed)[0]["status"], "confirmed");
        let unconfirmed = patch_edit(
            &window,
            &mut shown,
            "confirm_bead",
            json!({ "documentId": doc, "beadId": b0["id"], "confirmed": false }),
        );
        assert_eq!(beads(&unconfirmed)[0]["status"], "unconfirmed");

        let merged = patch_edit(
            &window,
            &mut shown,
            "merge_beads",
            json!({ "documentId": doc, "first": b0["id"], "second": b1["id"] }),
        );
        assert_eq!(merged["total"], n - 1);
        assert_eq!(
            (merged["removed"].clone(), beads(&merged).len()),
            (json!(2), 1)
        );
        let zh_len = |b: &Value, side: &str| b[side].as_array().unwrap().len();
        assert_eq!(
            zh_len(&beads(&merged)[0], "zh"),
            zh_len(&b0, "zh") + zh_len(&b1, "zh")
        );
        assert_eq!(beads(&merged)[0]["origin"], "manual");

        let undone = invoke(&window, "undo", json!({})).unwrap();
        assert_eq!(undone["action"], "merge_beads");
        assert_eq!(undone["actor"], "Duizhao desktop");
        let (_, after_undo) = statement(&window);
        assert_eq!(beads(&after_undo).len(), n);
        let redone = invoke(&window, "redo", json!({})).unwrap();
        assert_eq!(redone["action"], "merge_beads");
        assert_eq!(redone["eventId"], undone["eventId"]);
        let (_, after_redo) = statement(&window);
        assert_eq!(beads(&after_redo), &shown);
        // Nothing undone since the redo: nothing to redo.
        assert_eq!(invoke(&window, "redo", json!({})).unwrap(), Value::Null);

        // Split the merged bead where it was merged: the two beads are back.
        let split = patch_edit(
            &window,
            &mut shown,
            "split_bead",
            json!({
                "documentId": doc,
                "beadId": b0["id"],
                "zhCount": zh_len(&b0, "zh"),
                "enCount": zh_len(&b0, "en"),
            }),
        );
        assert_eq!(split["total"], n);
        assert_eq!(zh_len(&shown[0], "zh"), zh_len(&b0, "zh"));

        // The first zh sentence of bead 2 moves to the end of bead 1, and back.
        let second = shown[1]["id"].clone();
        patch_edit(
            &window,
            &mut shown,
            "move_sentence",
            json!({ "documentId": doc, "beadId": second, "lang": "zh", "direction": "previous" }),
        );
        assert_eq!(zh_len(&shown[0], "zh"), zh_len(&b0, "zh") + 1);
        let first = shown[0]["id"].clone();
        patch_edit(
            &window,
            &mut shown,
            "move_sentence",
            json!({ "documentId": doc, "beadId": first, "lang": "zh", "direction": "next" }),
        );
        assert_eq!(zh_len(&shown[0], "zh"), zh_len(&b0, "zh"));

        // Moving every sentence of a bead away deletes it: the patch shrinks the list.
        let third = shown[2].clone();
        for (side, _) in [("zh", 0), ("en", 1)] {
            for _ in 0..zh_len(&third, side) {
                patch_edit(
                    &window,
                    &mut shown,
                    "move_sentence",
                    json!({ "documentId": doc, "beadId": third["id"], "lang": side, "direction": "previous" }),
                );
            }
        }
        assert_eq!(shown.len(), n - 1);
        assert!(!shown.iter().any(|b| b["id"] == third["id"]));
        for _ in 0..zh_len(&third, "zh") + zh_len(&third, "en") {
            invoke(&window, "undo", json!({})).unwrap();
        }
        let (_, restored) = statement(&window);
        shown = beads(&restored).clone();
        assert_eq!(shown.len(), n);
    }

    #[test]
    fn sentences_are_split_at_the_caret_and_merged_again() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let (doc, before) = statement(&window);
        let mut shown = beads(&before).clone();
        let bead = shown[1].clone();
        let sentence = bead["zh"][0].clone();
        let text = sentence["text"].as_str().unwrap();
        // Split after the first comma: two sentences in the same bead, the later sentences
        // of the text renumbered (the patch says so without reading them all).
        let comma = text.chars().position(|c| c == '，').expect("a comma") as i64 + 1;
        let at = sentence["start"].as_i64().unwrap() + comma;
        let split = patch_edit(
            &window,
            &mut shown,
            "split_sentence",
            json!({ "documentId": doc, "beadId": bead["id"], "sentenceId": sentence["id"], "at": at }),
        );
        assert_eq!(beads(&split).len(), 1);
        let halves = shown[1]["zh"].as_array().unwrap().clone();
        assert_eq!(halves.len(), bead["zh"].as_array().unwrap().len() + 1);
        let (a, b) = (&halves[0], &halves[1]);
        assert_eq!(a["end"], at);
        let joined = format!(
            "{}{}",
            a["text"].as_str().unwrap(),
            b["text"].as_str().unwrap()
        );
        assert_eq!(joined, text);
        assert_eq!(
            shown[2]["zh"][0]["ordinal"],
            bead["zh"][0]["ordinal"].as_i64().unwrap() + 2
        );

        // Merging them gives the sentence back; the last sentence of a bead has no next.
        patch_edit(
            &window,
            &mut shown,
            "merge_sentences",
            json!({ "documentId": doc, "beadId": bead["id"], "sentenceId": a["id"] }),
        );
        assert_eq!(shown[1]["zh"][0]["text"], sentence["text"]);
        assert_eq!(
            shown[2]["zh"][0]["ordinal"],
            bead["zh"][0]["ordinal"].as_i64().unwrap() + 1
        );
        let last = shown[1]["zh"].as_array().unwrap().last().unwrap()["id"].clone();
        let error = invoke(
            &window,
            "merge_sentences",
            json!({ "documentId": doc, "beadId": bead["id"], "sentenceId": last }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "invalid", "{error}");
        assert!(error["message"]
            .as_str()
            .unwrap()
            .contains("merge the beads first"));
        // A sentence of another bead, and a caret outside the sentence, are refused.
        let error = invoke(
            &window,
            "split_sentence",
            json!({ "documentId": doc, "beadId": bead["id"], "sentenceId": shown[0]["zh"][0]["id"], "at": 1 }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "not_found", "{error}");
        let merged_id = shown[1]["zh"][0]["id"].clone();
        let error = invoke(
            &window,
            "split_sentence",
            json!({ "documentId": doc, "beadId": bead["id"], "sentenceId": merged_id, "at": 0 }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "invalid", "{error}");
        let error = invoke(
            &window,
            "split_sentence",
            json!({ "documentId": doc, "beadId": bead["id"], "sentenceId": merged_id, "at": -1 }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "invalid_argument", "{error}");
        assert!(
            error["message"].as_str().unwrap().contains("`at`"),
            "{error}"
        );

        // Undo takes back the merge, then the split.
        for action in ["merge_sentences", "split_sentence"] {
            assert_eq!(
                invoke(&window, "undo", json!({})).unwrap()["action"],
                action
            );
        }
        let (_, after) = statement(&window);
        assert_eq!(after, before);
    }

    #[test]
    fn refused_edits_are_errors_with_codes_and_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let (doc, before) = statement(&window);
        let ids: Vec<Value> = beads(&before).iter().map(|b| b["id"].clone()).collect();

        // Beads 1 and 3 are not neighbours: the store refuses, nothing is written.
        let error = invoke(
            &window,
            "merge_beads",
            json!({ "documentId": doc, "first": ids[0], "second": ids[2] }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "invalid", "{error}");
        assert!(error["message"].as_str().unwrap().contains("right after"));
        // A bead of the other document is not this document's.
        let documents = invoke(&window, "list_documents", json!({})).unwrap();
        let notice = invoke(
            &window,
            "get_alignment",
            json!({ "documentId": documents[1]["id"] }),
        )
        .unwrap();
        let error = invoke(
            &window,
            "confirm_bead",
            json!({ "documentId": doc, "beadId": notice["beads"][0]["id"], "confirmed": true }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "not_found", "{error}");
        // The first bead has no previous bead; an unconfirmed bead cannot be unconfirmed.
        let error = invoke(
            &window,
            "move_sentence",
            json!({ "documentId": doc, "beadId": ids[0], "lang": "en", "direction": "previous" }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "invalid", "{error}");
        let error = invoke(
            &window,
            "confirm_bead",
            json!({ "documentId": doc, "beadId": ids[0], "confirmed": false }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "invalid", "{error}");

        // Arguments are checked before the store sees them.
        for (command, args, field) in [
            ("get_alignment", json!({ "documentId": 0 }), "documentId"),
            ("align_document", json!({ "documentId": -3 }), "documentId"),
            (
                "merge_beads",
                json!({ "documentId": doc, "first": ids[0], "second": 0 }),
                "second",
            ),
            (
                "split_bead",
                json!({ "documentId": doc, "beadId": ids[0], "zhCount": -1, "enCount": 1 }),
                "zhCount",
            ),
            (
                "move_sentence",
                json!({ "documentId": doc, "beadId": ids[1], "lang": "fr", "direction": "next" }),
                "lang",
            ),
            (
                "move_sentence",
                json!({ "documentId": doc, "beadId": ids[1], "lang": "zh", "direction": "up" }),
                "direction",
            ),
        ] {
            let error = invoke(&window, command, args).unwrap_err();
            assert_eq!(error["code"], "invalid_argument", "{command}: {error}");
            assert!(
                error["message"].as_str().unwrap().contains(field),
                "{command}: {error}"
            );
        }
        let error = invoke(&window, "get_alignment", json!({ "documentId": 987654 })).unwrap_err();
        assert_eq!(error["code"], "not_found");

        let (_, after) = statement(&window);
        assert_eq!(after, before, "a refused edit changed the alignment");
    }

    /// The first bead of the alignment with a suggested link and at least one word on each
    /// side beyond the link, and that link.
    fn bead_with_a_suggestion(alignment: &Value) -> (Value, Value) {
        beads(alignment)
            .iter()
            .find_map(|b| {
                let link = b["links"]
                    .as_array()?
                    .iter()
                    .find(|l| l["status"] == "suggested")?;
                Some((b.clone(), link.clone()))
            })
            .expect("the sample comes with suggested links")
    }

    fn link_in<'a>(alignment: &'a Value, id: &Value) -> Option<&'a Value> {
        beads(alignment)
            .iter()
            .flat_map(|b| b["links"].as_array().unwrap())
            .find(|l| &l["id"] == id)
    }

    #[test]
    fn links_are_added_accepted_and_removed_and_undo_takes_them_back() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let (doc, before) = statement(&window);
        let (bead, link) = bead_with_a_suggestion(&before);
        // A link comes inside its bead: its spans lie in the bead's sentences.
        let within = |lang: &str, start: &str, end: &str| {
            let sentences = bead[lang].as_array().unwrap();
            let first = sentences.first().unwrap()["start"].as_i64().unwrap();
            let last = sentences.last().unwrap()["end"].as_i64().unwrap();
            first <= link[start].as_i64().unwrap() && link[end].as_i64().unwrap() <= last
        };
        assert!(
            within("zh", "zhStart", "zhEnd") && within("en", "enStart", "enEnd"),
            "{link} in {bead}"
        );
        assert_eq!(link["origin"], "auto");
        assert!(link["reason"].is_string(), "{link}");

        // Accept the suggestion: same link, now accepted.
        let accepted = invoke(
            &window,
            "accept_link",
            json!({ "documentId": doc, "linkId": link["id"] }),
        )
        .unwrap();
        let now = link_in(&accepted, &link["id"]).expect("the link is still there");
        assert_eq!(now["status"], "accepted");
        assert_eq!(now["zhQuote"], link["zhQuote"]);
        // Accepting twice is refused by the store.
        let error = invoke(
            &window,
            "accept_link",
            json!({ "documentId": doc, "linkId": link["id"] }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "invalid", "{error}");

        // Remove it: gone from its bead.
        let removed = invoke(
            &window,
            "remove_link",
            json!({ "documentId": doc, "linkId": link["id"] }),
        )
        .unwrap();
        assert!(link_in(&removed, &link["id"]).is_none());

        // A hand-made link between the bead's first zh character and its first en word,
        // offsets in code points into the texts.
        let zh = &bead["zh"][0];
        let en = &bead["en"][0];
        let zh_start = zh["start"].as_i64().unwrap();
        let en_start = en["start"].as_i64().unwrap();
        let word = en["text"]
            .as_str()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_owned();
        let en_end = en_start + word.chars().count() as i64;
        let added = invoke(
            &window,
            "add_link",
            json!({
                "documentId": doc, "beadId": bead["id"],
                "zhStart": zh_start, "zhEnd": zh_start + 1,
                "enStart": en_start, "enEnd": en_end,
            }),
        )
        .unwrap();
        let new_bead = beads(&added)
            .iter()
            .find(|b| b["id"] == bead["id"])
            .unwrap();
        let manual = new_bead["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["origin"] == "manual")
            .expect("the new link is in its bead");
        assert_eq!(manual["status"], "accepted");
        assert_eq!(manual["reason"], Value::Null);
        assert_eq!(manual["zhStart"], zh_start);
        assert_eq!(manual["enEnd"], en_end);

        // Undo walks back the addition, the removal and the acceptance, in that order.
        for action in ["add_link", "remove_link", "accept_link"] {
            assert_eq!(
                invoke(&window, "undo", json!({})).unwrap()["action"],
                action
            );
        }
        let (_, after) = statement(&window);
        assert_eq!(after, before, "undo did not restore the links");
        // Redo puts the acceptance back.
        assert_eq!(
            invoke(&window, "redo", json!({})).unwrap()["action"],
            "accept_link"
        );
        let (_, redone) = statement(&window);
        assert_eq!(link_in(&redone, &link["id"]).unwrap()["status"], "accepted");
    }

    #[test]
    fn refused_link_edits_are_errors_with_codes_and_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        let (doc, before) = statement(&window);
        let history = invoke(&window, "history", json!({ "limit": 100 })).unwrap();
        let (bead, link) = bead_with_a_suggestion(&before);
        let zh_start = bead["zh"][0]["start"].as_i64().unwrap();
        let en_start = bead["en"][0]["start"].as_i64().unwrap();
        let en_end = bead["en"].as_array().unwrap().last().unwrap()["end"]
            .as_i64()
            .unwrap();

        // An en span running past the bead's sentences: the store refuses.
        let error = invoke(
            &window,
            "add_link",
            json!({
                "documentId": doc, "beadId": bead["id"],
                "zhStart": zh_start, "zhEnd": zh_start + 1,
                "enStart": en_start, "enEnd": en_end + 5,
            }),
        )
        .unwrap_err();
        expect_error(&error, "invalid", "sentences span");
        // The same spans as an existing link: refused as a duplicate.
        let error = invoke(
            &window,
            "add_link",
            json!({
                "documentId": doc, "beadId": bead["id"],
                "zhStart": link["zhStart"], "zhEnd": link["zhEnd"],
                "enStart": link["enStart"], "enEnd": link["enEnd"],
            }),
        )
        .unwrap_err();
        expect_error(&error, "invalid", "already links");

        // A link or bead of the other document is not this document's.
        let documents = invoke(&window, "list_documents", json!({})).unwrap();
        let notice = invoke(
            &window,
            "get_alignment",
            json!({ "documentId": documents[1]["id"] }),
        )
        .unwrap();
        let (notice_bead, notice_link) = bead_with_a_suggestion(&notice);
        for command in ["accept_link", "remove_link"] {
            let error = invoke(
                &window,
                command,
                json!({ "documentId": doc, "linkId": notice_link["id"] }),
            )
            .unwrap_err();
            assert_eq!(error["code"], "not_found", "{command}: {error}");
            assert!(
                error["message"]
                    .as_str()
                    .unwrap()
                    .contains("not in the alignment"),
                "{command}: {error}"
            );
        }
        let error = invoke(
            &window,
            "add_link",
            json!({
                "documentId": doc, "beadId": notice_bead["id"],
                "zhStart": notice_link["zhStart"], "zhEnd": notice_link["zhEnd"],
                "enStart": notice_link["enStart"], "enEnd": notice_link["enEnd"],
            }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "not_found", "{error}");
        let error = invoke(
            &window,
            "remove_link",
            json!({ "documentId": doc, "linkId": 987654 }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "not_found", "{error}");

        // Arguments are checked before the store sees them.
        let add = |zh: (i64, i64), en: (i64, i64)| {
            json!({
                "documentId": doc, "beadId": bead["id"],
                "zhStart": zh.0, "zhEnd": zh.1, "enStart": en.0, "enEnd": en.1,
            })
        };
        for (command, args, field) in [
            ("add_link", add((5, 5), (0, 1)), "zhEnd"),
            ("add_link", add((5, 4), (0, 1)), "zhEnd"),
            ("add_link", add((-1, 4), (0, 1)), "zhStart"),
            ("add_link", add((0, 1), (3, 2)), "enEnd"),
            ("add_link", add((0, 1), (0, -2)), "enEnd"),
            (
                "add_link",
                json!({ "documentId": doc, "beadId": 0, "zhStart": 0, "zhEnd": 1, "enStart": 0, "enEnd": 1 }),
                "beadId",
            ),
            (
                "add_link",
                json!({ "documentId": 0, "beadId": bead["id"], "zhStart": 0, "zhEnd": 1, "enStart": 0, "enEnd": 1 }),
                "documentId",
            ),
            (
                "accept_link",
                json!({ "documentId": doc, "linkId": 0 }),
                "linkId",
            ),
            (
                "remove_link",
                json!({ "documentId": doc, "linkId": -7 }),
                "linkId",
            ),
            (
                "remove_link",
                json!({ "documentId": -1, "linkId": link["id"] }),
                "documentId",
            ),
        ] {
            let error = invoke(&window, command, args).unwrap_err();
            assert_eq!(error["code"], "invalid_argument", "{command}: {error}");
            assert!(
                error["message"].as_str().unwrap().contains(field),
                "{command}: {error}"
            );
        }

        let (_, after) = statement(&window);
        assert_eq!(after, before, "a refused link edit changed the alignment");
        // Nothing was written: the history is as the sample left it, and the newest edit to
        // undo is still the sample's last one, its mention suggestions.
        assert_eq!(
            invoke(&window, "history", json!({ "limit": 100 })).unwrap(),
            history
        );
        assert_eq!(
            invoke(&window, "undo", json!({})).unwrap()["action"],
            "store_suggestions"
        );
    }

    #[test]
    fn an_unaligned_document_is_aligned_on_request_and_realign_keeps_confirmed_beads() {
        use duizhao_core::Segmenter;
        use duizhao_store::ingest::{import_texts, ImportRequest, ImportSource};
        use duizhao_store::{DocumentKind, Project};

        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::create(dir.path().join("p.duizhao")).unwrap();
        import_texts(
            &mut project,
            &Segmenter::new(),
            ImportRequest {
                title: None,
                kind: DocumentKind::Notice,
                source: None,
                zh: ImportSource::new(
                    include_bytes!("../../corpus/notice.zh.txt"),
                    "notice.zh.txt",
                ),
                en: ImportSource::new(
                    include_bytes!("../../corpus/notice.en.txt"),
                    "notice.en.txt",
                ),
            },
            "test",
        )
        .unwrap();
        let (_app, window) = app(AppState::new(Ok(project)));
        // Nothing to undo yet: imports are not undone.
        assert_eq!(invoke(&window, "undo", json!({})).unwrap(), Value::Null);
        let documents = invoke(&window, "list_documents", json!({})).unwrap();
        let doc = documents[0]["id"].clone();
        let none = invoke(&window, "get_alignment", json!({ "documentId": doc })).unwrap();
        assert_eq!(none, Value::Null);
        let error = invoke(
            &window,
            "confirm_bead",
            json!({ "documentId": doc, "beadId": 1, "confirmed": true }),
        )
        .unwrap_err();
        assert_eq!(error["code"], "not_found");
        assert!(error["message"]
            .as_str()
            .unwrap()
            .contains("not been aligned"));

        let aligned = invoke(&window, "align_document", json!({ "documentId": doc })).unwrap();
        assert!(!beads(&aligned).is_empty());
        assert_eq!(
            invoke(&window, "get_alignment", json!({ "documentId": doc })).unwrap(),
            aligned
        );

        let third = beads(&aligned)[2].clone();
        invoke(
            &window,
            "confirm_bead",
            json!({ "documentId": doc, "beadId": third["id"], "confirmed": true }),
        )
        .unwrap();
        let realigned = invoke(&window, "realign", json!({ "documentId": doc })).unwrap();
        let kept = beads(&realigned)
            .iter()
            .find(|b| b["id"] == third["id"])
            .expect("the confirmed bead is kept");
        assert_eq!(kept["status"], "confirmed");
        assert_eq!(kept["zh"], third["zh"]);
        assert_eq!(kept["en"], third["en"]);

        // The aligned beads come with suggested word links.
        assert!(beads(&realigned)
            .iter()
            .any(|b| !b["links"].as_array().unwrap().is_empty()));
        // Undo takes back the realignment with its links, then the confirmation, then the
        // alignment with its links: each alignment and its suggestions are one step.
        for action in ["realign", "confirm_bead", "align_document"] {
            assert_eq!(
                invoke(&window, "undo", json!({})).unwrap()["action"],
                action
            );
        }
        assert_eq!(
            invoke(&window, "get_alignment", json!({ "documentId": doc })).unwrap(),
            Value::Null
        );
    }

    #[test]
    fn commands_not_granted_by_the_capability_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app(sample_state(dir.path()));
        assert!(invoke(
            &window,
            "plugin:fs|read_file",
            json!({ "path": "/etc/passwd" })
        )
        .is_err());
    }
}
