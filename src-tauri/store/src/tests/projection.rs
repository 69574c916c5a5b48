//! Suggestions and projection over the real pipeline: the sample statement imported with
//! jieba-rs, aligned with the real aligner, a small registry, then the suggester's proposals
//! stored, accepted, projected to the other language and checked for one-sided mentions.

use std::sync::OnceLock;

use duizhao_core::align::Aligner;
use duizhao_core::{Lang, Segmenter};

use super::annotation::{ACTOR, STATEMENT_EN, STATEMENT_ZH};
use crate::ingest::{import_texts, ImportRequest, ImportSource};
use crate::{
    DocumentId, DocumentKind, MentionOrigin, MentionStatus, MentionView, NewAlias, NewEntity,
    NewMention, Project, StoreError,
};

fn segmenter() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(Segmenter::new)
}

fn aligned_statement(dir: &tempfile::TempDir) -> (Project, DocumentId) {
    let mut p = Project::create(dir.path().join("p.duizhao")).unwrap();
    let request = ImportRequest {
        title: None,
        kind: DocumentKind::Statement,
        source: None,
        zh: ImportSource::new(STATEMENT_ZH.as_bytes(), "statement.zh.txt"),
        en: ImportSource::new(STATEMENT_EN.as_bytes(), "statement.en.txt"),
    };
    let doc = import_texts(&mut p, segmenter(), request, ACTOR).unwrap();
    p.align_with_links(doc, ACTOR, &Aligner::new(segmenter()), false)
        .unwrap();
    (p, doc)
}

fn scosmi() -> NewEntity {
    NewEntity {
        type_name: "organisation".into(),
        name_zh: Some("国家特种材料工业委员会".into()),
        name_en: Some("State Commission of Special Materials Industry".into()),
        key: Some("scosmi".into()),
        aliases: vec![
            NewAlias::abbreviation(Lang::Zh, "特材委"),
            NewAlias::abbreviation(Lang::En, "SCOSMI"),
        ],
        ..NewEntity::default()
    }
}

fn quotes(mentions: &[MentionView], lang: Lang, origin: MentionOrigin) -> Vec<String> {
    mentions
        .iter()
        .filter(|m| m.lang == lang && m.origin == origin)
        .map(|m| m.quote.clone())
        .collect()
}

#[test]
fn suggestions_are_stored_once_and_never_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, doc) = aligned_statement(&dir);
    let entity = p.create_entity(scosmi(), ACTOR).unwrap();
    let added = p.suggest_mentions(doc, ACTOR).unwrap();
    assert!(added > 100, "{added} suggestions");
    let mentions = p.mentions(doc).unwrap();
    assert_eq!(mentions.len(), added);
    assert!(mentions
        .iter()
        .all(|m| m.status == MentionStatus::Suggested && !m.orphaned));
    let registry = quotes(&mentions, Lang::Zh, MentionOrigin::Registry);
    assert!(registry.iter().any(|q| q == "特材委"), "{registry:?}");
    assert!(mentions
        .iter()
        .filter(|m| m.quote == "SCOSMI")
        .all(|m| m.entity == Some(entity)));
    // Both languages get suggestions from rules too (dates, organisations).
    assert!(!quotes(&mentions, Lang::En, MentionOrigin::Rule).is_empty());

    // Suggesting again adds nothing, and one undo takes all of them back.
    assert_eq!(p.suggest_mentions(doc, ACTOR).unwrap(), 0);
    p.undo(ACTOR).unwrap();
    assert!(p.mentions(doc).unwrap().is_empty());
    assert!(p.check().unwrap().is_ok());
}

#[test]
fn accepted_mentions_project_to_the_other_side_of_their_bead() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, doc) = aligned_statement(&dir);
    let entity = p.create_entity(scosmi(), ACTOR).unwrap();
    // 特材委 in zh sentence 13 (zh5 introduces it; en uses SCOSMI).
    let zh: Vec<char> = STATEMENT_ZH.chars().collect();
    let text: String = zh.iter().collect();
    let byte = text.find("特材委").unwrap();
    let start = text[..byte].chars().count();
    let mention = p
        .add_mention(
            NewMention {
                document: doc,
                lang: Lang::Zh,
                start,
                end: start + 3,
                quote: Some("特材委".into()),
                type_name: "organisation".into(),
                entity: Some(entity),
                origin: MentionOrigin::Manual,
                status: MentionStatus::Accepted,
            },
            ACTOR,
        )
        .unwrap();
    let one_sided = p.one_sided(doc).unwrap();
    assert_eq!(one_sided.len(), 1);
    assert_eq!(one_sided[0].mention.id, mention);
    assert!(one_sided[0].other_side_present);

    let added = p.project_mentions(doc, &[], segmenter(), ACTOR).unwrap();
    assert_eq!(added, 1);
    let projected: Vec<MentionView> = p
        .mentions(doc)
        .unwrap()
        .into_iter()
        .filter(|m| m.origin == MentionOrigin::Projected)
        .collect();
    assert_eq!(projected.len(), 1);
    assert_eq!(projected[0].lang, Lang::En);
    assert_eq!(projected[0].quote, "SCOSMI");
    assert_eq!(projected[0].entity, Some(entity));
    assert_eq!(projected[0].status, MentionStatus::Suggested);
    // Projecting again adds nothing; accepting the projection settles the one-sided list.
    assert_eq!(p.project_mentions(doc, &[], segmenter(), ACTOR).unwrap(), 0);
    p.set_mention_status(&[projected[0].id], MentionStatus::Accepted, ACTOR)
        .unwrap();
    assert!(p.one_sided(doc).unwrap().is_empty());
    assert!(p.check().unwrap().is_ok());
}

#[test]
fn projection_needs_an_alignment_and_known_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, doc) = aligned_statement(&dir);
    let err = p
        .project_mentions(doc, &[crate::MentionId(999)], segmenter(), ACTOR)
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert!(err.to_string().contains("999"));
    let err = p.one_sided(DocumentId(77)).unwrap_err();
    assert!(err.to_string().contains("77"), "{err}");
}

#[test]
fn projection_proposes_nothing_where_the_other_side_already_has_a_counterpart() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, doc) = aligned_statement(&dir);
    p.suggest_mentions(doc, ACTOR).unwrap();
    // The analyst accepts the Chinese dates; their English counterparts are already
    // suggested, so projecting them must not pile a second, different span on top.
    let dates: Vec<_> = p
        .mentions(doc)
        .unwrap()
        .into_iter()
        .filter(|m| m.lang == Lang::Zh && m.type_name == "date")
        .map(|m| m.id)
        .collect();
    assert!(dates.len() > 20, "{} dates", dates.len());
    p.set_mention_status(&dates, MentionStatus::Accepted, ACTOR)
        .unwrap();
    p.project_mentions(doc, &[], segmenter(), ACTOR).unwrap();
    let mentions = p.mentions(doc).unwrap();
    for projected in mentions
        .iter()
        .filter(|m| m.origin == MentionOrigin::Projected)
    {
        let clash = mentions.iter().find(|m| {
            m.id != projected.id
                && m.lang == projected.lang
                && m.type_name == projected.type_name
                && m.start < projected.end
                && projected.start < m.end
        });
        assert!(clash.is_none(), "{projected:?} overlaps {clash:?}");
    }
}

#[test]
fn an_alignment_and_its_suggested_links_are_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, doc) = aligned_statement(&dir);
    let aligned = p.alignment(doc).unwrap().unwrap();
    let links = |a: &crate::AlignmentView| a.beads.iter().map(|b| b.links.len()).sum::<usize>();
    assert!(links(&aligned) > 0, "the aligner suggests word links");
    let first = p.history(1).unwrap().remove(0);
    assert_eq!(first.action, crate::ACTION_ALIGN);
    assert!(
        first
            .summary
            .contains(&format!("{} word links suggested", links(&aligned))),
        "{}",
        first.summary
    );

    // Realigning keeps a confirmed bead and suggests links for the others, in one step.
    let confirmed = aligned.beads[2].id;
    p.confirm_bead(confirmed, ACTOR).unwrap();
    p.align_with_links(doc, ACTOR, &Aligner::new(segmenter()), true)
        .unwrap();
    let realigned = p.alignment(doc).unwrap().unwrap();
    assert_eq!(p.history(1).unwrap()[0].action, crate::ACTION_REALIGN);

    // One undo takes back the realignment with its links; the next the confirmation.
    assert_eq!(
        p.undo(ACTOR).unwrap().unwrap().action,
        crate::ACTION_REALIGN
    );
    let mut confirmed_again = aligned.clone();
    for bead in &mut confirmed_again.beads {
        if bead.id == confirmed {
            bead.status = crate::BeadStatus::Confirmed;
        }
    }
    assert_eq!(p.alignment(doc).unwrap().unwrap(), confirmed_again);
    assert_eq!(
        p.undo(ACTOR).unwrap().unwrap().action,
        crate::ACTION_CONFIRM_BEAD
    );
    assert_eq!(p.alignment(doc).unwrap().unwrap(), aligned);
    // Undone once more, the document has no alignment (nor links); redo brings all back.
    assert_eq!(p.undo(ACTOR).unwrap().unwrap().action, crate::ACTION_ALIGN);
    assert_eq!(p.alignment(doc).unwrap(), None);
    for _ in 0..3 {
        p.redo(ACTOR).unwrap();
    }
    assert_eq!(p.alignment(doc).unwrap().unwrap(), realigned);
    let report = p.check().unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems());
}
