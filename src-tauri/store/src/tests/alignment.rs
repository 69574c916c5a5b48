//! Alignments: storing an aligner's beads, every bead, link and sentence edit, their
//! refusals (no event, no change), undo/redo round trips, `check` after each, and the
//! migration of a V1 file.

use std::ops::Range;
use std::path::Path;

use duizhao_core::align::Bead;
use duizhao_core::Lang;

use super::{count, doc, new_project, prepare, EN, ZH};
use crate::schema::MIGRATIONS;
use crate::{
    AlignmentView, BeadId, BeadStatus, Direction, DocumentId, DocumentKind, DocumentView,
    LinkStatus, NewDocument, NewText, Origin, Project, StoreError, ACTION_ALIGN, ACTION_REDO,
    ACTION_UNDO,
};

const ACTOR: &str = "tester";

/// 1-1 beads over the longer common run, then the leftovers one sentence per bead.
fn fill(zh: Range<usize>, en: Range<usize>, out: &mut Vec<Bead>) {
    let pairs = zh.len().min(en.len());
    for i in 0..pairs {
        out.push(Bead::new(
            zh.start + i..zh.start + i + 1,
            en.start + i..en.start + i + 1,
            0.5,
        ));
    }
    for z in zh.start + pairs..zh.end {
        out.push(Bead::new(z..z + 1, en.end..en.end, 0.25));
    }
    for e in en.start + pairs..en.end {
        out.push(Bead::new(zh.end..zh.end, e..e + 1, 0.25));
    }
}

/// A trivial deterministic aligner that keeps the anchors it is given.
fn test_aligner(zh: &[&str], en: &[&str], anchors: &[Bead]) -> Vec<Bead> {
    let (mut z, mut e) = (0, 0);
    let mut out = Vec::new();
    for a in anchors {
        fill(z..a.zh.start, e..a.en.start, &mut out);
        out.push(a.clone());
        (z, e) = (a.zh.end, a.en.end);
    }
    fill(z..zh.len(), e..en.len(), &mut out);
    out
}

/// One bead holding everything.
fn one_bead(zh: &[&str], en: &[&str], _: &[Bead]) -> Vec<Bead> {
    vec![Bead::new(0..zh.len(), 0..en.len(), 0.9)]
}

/// The English fixture without its last sentence: the 4th zh sentence is left over.
const EN3: &str = "The State Council Information Office issued a statement. It said: \"We firmly oppose it.\"\n\nThe second paragraph has a rare character!";

fn doc_with(title: &str, zh: &str, en: &str) -> NewDocument {
    NewDocument {
        title: title.into(),
        kind: DocumentKind::Statement,
        source: None,
        texts: vec![
            NewText {
                prepared: prepare(Lang::Zh, zh),
                original_name: None,
            },
            NewText {
                prepared: prepare(Lang::En, en),
                original_name: None,
            },
        ],
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    p: Project,
    doc: DocumentId,
}

/// The fixture document (4 zh, 4 en sentences) aligned 1-1.
fn aligned() -> Fixture {
    let (_dir, path, mut p) = new_project();
    let doc = p.import_document(doc("Aligned"), ACTOR).unwrap();
    p.align_document(doc, ACTOR, test_aligner).unwrap();
    Fixture { _dir, path, p, doc }
}

type State = (Option<AlignmentView>, DocumentView);

fn state(f: &Fixture) -> State {
    (f.p.alignment(f.doc).unwrap(), f.p.document(f.doc).unwrap())
}

fn view(f: &Fixture) -> AlignmentView {
    f.p.alignment(f.doc).unwrap().expect("aligned")
}

fn bead(f: &Fixture, n: usize) -> BeadId {
    view(f).beads[n].id
}

fn assert_sound(p: &Project) {
    let report = p.check().unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems());
}

/// Run an edit, then undo and redo it: undo must restore exactly the previous state (whole
/// views), redo the edited one; `check` passes at every step. Returns the edited state.
fn round_trip(f: &mut Fixture, edit: impl FnOnce(&mut Project)) -> State {
    let before = state(f);
    let events = count(&f.path, "events");
    edit(&mut f.p);
    assert_eq!(count(&f.path, "events"), events + 1, "one event per edit");
    assert_sound(&f.p);
    let after = state(f);
    assert_ne!(before, after, "the edit changed nothing");

    let undone = f.p.undo(ACTOR).unwrap().expect("something to undo");
    assert!(undone.undone);
    assert_eq!(state(f), before, "undo restores the previous state");
    assert_sound(&f.p);
    let redone = f.p.redo(ACTOR).unwrap().expect("something to redo");
    assert_eq!(redone.id, undone.id);
    assert!(!redone.undone);
    assert_eq!(state(f), after, "redo re-applies the edit");
    assert_sound(&f.p);
    assert_eq!(count(&f.path, "events"), events + 3);
    after
}

/// Run an edit that must be refused: no event, no change. Returns the error.
fn refused<T: std::fmt::Debug>(
    f: &mut Fixture,
    edit: impl FnOnce(&mut Project) -> Result<T, StoreError>,
) -> StoreError {
    let before = state(f);
    let events = count(&f.path, "events");
    let err = edit(&mut f.p).expect_err("the edit should be refused");
    assert_eq!(
        count(&f.path, "events"),
        events,
        "a refused edit writes no event"
    );
    assert_eq!(state(f), before, "a refused edit changes nothing");
    err
}

fn assert_invalid(err: StoreError, words: &[&str]) {
    assert_eq!(err.code(), "invalid", "{err}");
    for w in words {
        assert!(err.to_string().contains(w), "{err:?} should mention {w}");
    }
}

#[test]
fn align_document_stores_beads_in_order() {
    let (_dir, path, mut p) = new_project();
    let doc = p.import_document(doc("Aligned"), ACTOR).unwrap();
    assert_eq!(p.alignment(doc).unwrap(), None);
    let mut seen = None;
    let id = p
        .align_document(doc, ACTOR, |zh: &[&str], en: &[&str], anchors: &[Bead]| {
            seen = Some((zh.len(), en.len(), anchors.len(), zh[0].to_owned()));
            test_aligner(zh, en, anchors)
        })
        .unwrap();
    assert_eq!(
        seen,
        Some((4, 4, 0, "国务院新闻办公室发表声明。".to_owned()))
    );
    let v = p.alignment(doc).unwrap().unwrap();
    assert_eq!(v.id, id);
    assert_eq!(v.document, doc);
    assert_eq!(v.beads.len(), 4);
    for (i, b) in v.beads.iter().enumerate() {
        assert_eq!(b.position, i as i64);
        assert_eq!((b.zh.len(), b.en.len()), (1, 1));
        assert_eq!((b.zh[0].ordinal, b.en[0].ordinal), (i as i64, i as i64));
        assert_eq!(
            (b.origin, b.status),
            (Origin::Auto, BeadStatus::Unconfirmed)
        );
        assert_eq!(b.confidence, 0.5);
    }
    assert_eq!(v.beads[3].en[0].text, "Is it over?");
    assert_eq!(p.history(1).unwrap()[0].action, ACTION_ALIGN);
    assert_eq!(count(&path, "bead_sentences"), 8);
    assert_sound(&p);
    let report = p.check().unwrap();
    assert_eq!((report.alignments, report.beads), (1, 4));
    assert!(report
        .summary()
        .ends_with("1 alignments (4 beads, 0 span links)"));

    // Leftovers become one-sided beads.
    let other = p
        .import_document(doc_with("Short", ZH, EN3), ACTOR)
        .unwrap();
    p.align_document(other, ACTOR, test_aligner).unwrap();
    let v = p.alignment(other).unwrap().unwrap();
    assert_eq!(v.beads.len(), 4);
    assert_eq!((v.beads[3].zh.len(), v.beads[3].en.len()), (1, 0));
    assert_sound(&p);
}

#[test]
fn a_bad_cover_from_the_aligner_is_refused() {
    let (_dir, path, mut p) = new_project();
    let doc = p.import_document(doc("Refused"), ACTOR).unwrap();
    type Aligner = fn(&[&str], &[&str], &[Bead]) -> Vec<Bead>;
    let bad: [(Aligner, &str); 4] = [
        (|_, _, _| vec![Bead::new(0..2, 0..2, 0.5)], "cover 2 of 4"),
        (
            |_, _, _| vec![Bead::new(0..2, 0..2, 0.5), Bead::new(3..4, 2..4, 0.5)],
            "bead 1",
        ),
        (
            |_, _, _| vec![Bead::new(0..4, 0..4, 0.5), Bead::new(4..4, 4..4, 0.5)],
            "empty on both sides",
        ),
        (|_, _, _| vec![Bead::new(0..4, 0..4, 1.5)], "confidence"),
    ];
    for (aligner, words) in bad {
        let err = p.align_document(doc, ACTOR, aligner).unwrap_err();
        assert_invalid(err, &[words, format!("document {doc}").as_str()]);
    }
    assert_eq!(p.alignment(doc).unwrap(), None);
    assert_eq!(count(&path, "events"), 1);
    assert_eq!(count(&path, "beads"), 0);
    assert_eq!(
        p.align_document(99, ACTOR, test_aligner)
            .unwrap_err()
            .code(),
        "not_found"
    );
    // A document with one language only has nothing to align.
    let mut zh_only = doc_with("zh only", ZH, EN);
    zh_only.texts.pop();
    let zh_only = p.import_document(zh_only, ACTOR).unwrap();
    assert_invalid(
        p.align_document(zh_only, ACTOR, test_aligner).unwrap_err(),
        &["no en text"],
    );
}

#[test]
fn aligning_again_replaces_all_beads_as_one_undoable_change() {
    let mut f = aligned();
    let b = bead(&f, 0);
    f.p.confirm_bead(b, ACTOR).unwrap();
    let after = round_trip(&mut f, |p| {
        p.align_document(DocumentId(1), ACTOR, one_bead).unwrap();
    });
    let v = after.0.unwrap();
    assert_eq!(v.beads.len(), 1);
    assert_eq!((v.beads[0].zh.len(), v.beads[0].en.len()), (4, 4));
    assert_eq!(v.beads[0].status, BeadStatus::Unconfirmed);
    // Undoing the very first alignment removes it altogether.
    let (_dir, _path, mut p) = new_project();
    let doc = p.import_document(doc("Once"), ACTOR).unwrap();
    p.align_document(doc, ACTOR, test_aligner).unwrap();
    p.undo(ACTOR).unwrap().unwrap();
    assert_eq!(p.alignment(doc).unwrap(), None);
    assert_sound(&p);
    p.redo(ACTOR).unwrap().unwrap();
    assert_eq!(p.alignment(doc).unwrap().unwrap().beads.len(), 4);
}

#[test]
fn realign_keeps_confirmed_beads_and_their_links() {
    let mut f = aligned();
    // Make bead 1 a 2:1 bead, confirm it, and link inside it.
    let (b1, b2) = (bead(&f, 1), bead(&f, 2));
    f.p.move_sentence(b2, Lang::Zh, Direction::Previous, ACTOR)
        .unwrap();
    f.p.confirm_bead(b1, ACTOR).unwrap();
    let zh = view(&f).beads[1].zh[0].clone();
    let en = view(&f).beads[1].en[0].clone();
    let link =
        f.p.add_link(
            b1,
            zh.start as usize..zh.start as usize + 2,
            en.start as usize..en.start as usize + 2,
            Origin::Manual,
            LinkStatus::Accepted,
            None,
            ACTOR,
        )
        .unwrap();
    let before = view(&f);
    let mut anchors_seen = Vec::new();
    let after = round_trip(&mut f, |p| {
        p.realign(
            DocumentId(1),
            ACTOR,
            |zh: &[&str], en: &[&str], anchors: &[Bead]| {
                anchors_seen = anchors.to_vec();
                test_aligner(zh, en, anchors)
            },
        )
        .unwrap();
    });
    assert_eq!(anchors_seen.len(), 1);
    assert_eq!(
        (anchors_seen[0].zh.clone(), anchors_seen[0].en.clone()),
        (1..3, 1..2)
    );
    let v = after.0.unwrap();
    let kept = v
        .beads
        .iter()
        .find(|b| b.id == b1)
        .expect("confirmed bead kept");
    assert_eq!(kept.links[0].id, link);
    assert_eq!(kept.status, BeadStatus::Confirmed);
    assert_eq!(kept.origin, Origin::Manual);
    // Unconfirmed beads were replaced by new rows.
    let old_ids: Vec<_> = before.beads.iter().map(|b| b.id).collect();
    assert!(v
        .beads
        .iter()
        .filter(|b| b.id != b1)
        .all(|b| !old_ids.contains(&b.id) && b.origin == Origin::Auto));

    // An aligner that changes a confirmed bead is refused.
    let err = refused(&mut f, |p| p.realign(DocumentId(1), ACTOR, one_bead));
    assert_invalid(err, &["confirmed bead [1,2]:[1]"]);
}

#[test]
fn confirm_and_unconfirm() {
    let mut f = aligned();
    let b = bead(&f, 2);
    let after = round_trip(&mut f, |p| p.confirm_bead(b, ACTOR).unwrap());
    assert_eq!(after.0.unwrap().beads[2].status, BeadStatus::Confirmed);
    assert_invalid(
        refused(&mut f, |p| p.confirm_bead(b, ACTOR)),
        &["already confirmed"],
    );
    round_trip(&mut f, |p| p.unconfirm_bead(b, ACTOR).unwrap());
    assert_invalid(
        refused(&mut f, |p| p.unconfirm_bead(b, ACTOR)),
        &["already unconfirmed"],
    );
    let err = refused(&mut f, |p| p.confirm_bead(999, ACTOR));
    assert_eq!(err.code(), "not_found");
    assert!(err.to_string().contains("999"));
}

#[test]
fn merge_beads_keeps_links_and_refuses_non_neighbours() {
    let mut f = aligned();
    let (b0, b1, b2) = (bead(&f, 0), bead(&f, 1), bead(&f, 2));
    let v = view(&f);
    let (zh, en) = (&v.beads[1].zh[0], &v.beads[1].en[0]);
    let link =
        f.p.add_link(
            b1,
            zh.start as usize..zh.end as usize,
            en.start as usize..en.end as usize,
            Origin::Auto,
            LinkStatus::Suggested,
            Some("identical"),
            ACTOR,
        )
        .unwrap();
    let after = round_trip(&mut f, |p| {
        assert_eq!(p.merge_beads(b0, b1, ACTOR).unwrap(), b0);
    });
    let v = after.0.unwrap();
    assert_eq!(v.beads.len(), 3);
    assert_eq!((v.beads[0].zh.len(), v.beads[0].en.len()), (2, 2));
    assert_eq!(
        (v.beads[0].origin, v.beads[0].confidence),
        (Origin::Manual, 1.0)
    );
    assert_eq!(v.beads[0].links[0].id, link);
    assert_eq!(v.beads[0].links[0].bead, b0);
    assert_eq!(v.beads[1].id, b2);
    assert_eq!(v.beads[1].position, 1);

    assert_invalid(
        refused(&mut f, |p| p.merge_beads(b2, b0, ACTOR)),
        &["does not come right after"],
    );
    let last = bead(&f, 2);
    assert_invalid(
        refused(&mut f, |p| p.merge_beads(b0, last, ACTOR)),
        &[&b0.to_string()],
    );
    assert_eq!(
        refused(&mut f, |p| p.merge_beads(b0, 999, ACTOR)).code(),
        "not_found"
    );
}

#[test]
fn split_bead_distributes_links_and_refuses_empty_parts() {
    let mut f = aligned();
    let everything = f.p.align_document(f.doc, ACTOR, one_bead);
    assert!(everything.is_ok());
    let b = bead(&f, 0);
    let v = view(&f);
    let (zh0, en0) = (&v.beads[0].zh[0], &v.beads[0].en[0]);
    let (zh3, en3) = (&v.beads[0].zh[3], &v.beads[0].en[3]);
    let span = |s: &crate::BeadSentence| s.start as usize..s.start as usize + 1;
    let first =
        f.p.add_link(
            b,
            span(zh0),
            span(en0),
            Origin::Manual,
            LinkStatus::Accepted,
            None,
            ACTOR,
        )
        .unwrap();
    let second =
        f.p.add_link(
            b,
            span(zh3),
            span(en3),
            Origin::Manual,
            LinkStatus::Accepted,
            None,
            ACTOR,
        )
        .unwrap();
    let torn =
        f.p.add_link(
            b,
            span(zh0),
            span(en3),
            Origin::Manual,
            LinkStatus::Accepted,
            None,
            ACTOR,
        )
        .unwrap();

    let mut new_bead = None;
    let after = round_trip(&mut f, |p| {
        new_bead = Some(p.split_bead(b, 1, 2, ACTOR).unwrap());
    });
    let v = after.0.unwrap();
    assert_eq!(v.beads.len(), 2);
    assert_eq!(v.beads[1].id, new_bead.unwrap());
    assert_eq!((v.beads[0].zh.len(), v.beads[0].en.len()), (1, 2));
    assert_eq!((v.beads[1].zh.len(), v.beads[1].en.len()), (3, 2));
    assert_eq!(
        v.beads[0].links.iter().map(|l| l.id).collect::<Vec<_>>(),
        [first]
    );
    assert_eq!(
        v.beads[1].links.iter().map(|l| l.id).collect::<Vec<_>>(),
        [second]
    );
    assert!(v.beads.iter().all(|b| b.links.iter().all(|l| l.id != torn)));
    assert!(f.p.history(1).unwrap()[0]
        .summary
        .contains("removing 1 link"));

    // A one-sided part is fine, a part with nothing is not.
    let b = bead(&f, 1);
    round_trip(&mut f, |p| {
        p.split_bead(b, 3, 0, ACTOR).unwrap();
    });
    let v = view(&f);
    assert_eq!((v.beads[2].zh.len(), v.beads[2].en.len()), (0, 2));
    let b = bead(&f, 0);
    assert_invalid(
        refused(&mut f, |p| p.split_bead(b, 0, 0, ACTOR)),
        &["no sentence at all"],
    );
    assert_invalid(
        refused(&mut f, |p| p.split_bead(b, 1, 2, ACTOR)),
        &["no sentence at all"],
    );
    assert_invalid(
        refused(&mut f, |p| p.split_bead(b, 2, 0, ACTOR)),
        &["it has 1 zh and 2 en"],
    );
}

#[test]
fn move_sentence_between_neighbours() {
    let mut f = aligned();
    let (b0, b1, b3) = (bead(&f, 0), bead(&f, 1), bead(&f, 3));
    let after = round_trip(&mut f, |p| {
        p.move_sentence(b1, Lang::Zh, Direction::Previous, ACTOR)
            .unwrap()
    });
    let v = after.0.unwrap();
    assert_eq!(v.beads[0].zh.len(), 2);
    assert_eq!(v.beads[0].zh[1].ordinal, 1);
    assert_eq!((v.beads[1].zh.len(), v.beads[1].en.len()), (0, 1));
    assert_eq!(v.beads[1].origin, Origin::Manual);

    // Emptying a bead deletes it; undo brings it back with its id.
    let after = round_trip(&mut f, |p| {
        p.move_sentence(b1, Lang::En, Direction::Next, ACTOR)
            .unwrap()
    });
    let v = after.0.unwrap();
    assert_eq!(v.beads.len(), 3);
    assert!(v.beads.iter().all(|b| b.id != b1));
    assert_eq!(v.beads[1].en.len(), 2);
    assert_eq!(v.beads[1].position, 1);
    assert!(f.p.history(1).unwrap()[0]
        .summary
        .contains("deleting the emptied bead"));

    assert_invalid(
        refused(&mut f, |p| {
            p.move_sentence(b0, Lang::Zh, Direction::Previous, ACTOR)
        }),
        &["first bead"],
    );
    assert_invalid(
        refused(&mut f, |p| {
            p.move_sentence(b3, Lang::En, Direction::Next, ACTOR)
        }),
        &["last bead"],
    );
    // Leave the last bead without an en sentence, then ask for one.
    let b2 = bead(&f, 1);
    f.p.move_sentence(b3, Lang::En, Direction::Previous, ACTOR)
        .unwrap();
    assert_invalid(
        refused(&mut f, |p| {
            p.move_sentence(b3, Lang::En, Direction::Previous, ACTOR)
        }),
        &["no en sentence"],
    );
    assert!(view(&f).beads.iter().any(|b| b.id == b2));
}

#[test]
fn split_sentence_cuts_tokens_and_renumbers() {
    let mut f = aligned();
    let v = view(&f);
    let s = v.beads[0].en[0].clone(); // "The State Council Information Office issued a statement."
    let cut = s.start as usize + "The State Council".chars().count();
    let mut halves = None;
    let after = round_trip(&mut f, |p| {
        halves = Some(p.split_sentence(s.id, cut + 1, ACTOR).unwrap());
    });
    let (first, second) = halves.unwrap();
    let v = after.0.unwrap();
    let en = &v.beads[0].en;
    assert_eq!(en.len(), 2);
    assert_eq!((en[0].id, en[1].id), (first, second));
    assert_eq!(en[0].text, "The State Council"); // the space at the cut is left out
    assert_eq!(en[1].text, "Information Office issued a statement.");
    assert_eq!((en[0].ordinal, en[1].ordinal), (0, 1));
    assert_eq!(v.beads[1].en[0].ordinal, 2);
    let texts = &after.1.texts;
    assert_eq!(texts[1].sentences.len(), 5);
    assert_eq!(
        f.p.text_content(texts[1].id).unwrap(),
        EN,
        "the text never changes"
    );

    // A cut inside a word cuts its token; 𠀀 counts as one code point.
    let zh = view(&f).beads[2].zh[0].clone(); // "第二段有𠀀字！"
    assert_eq!(zh.text, "第二段有𠀀字！");
    let at = zh.start as usize + 5; // after 𠀀
    round_trip(&mut f, |p| {
        p.split_sentence(zh.id, at, ACTOR).unwrap();
    });
    let v = view(&f);
    let texts: Vec<_> = v.beads[2].zh.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["第二段有𠀀", "字！"]);

    let en0 = view(&f).beads[0].en[0].clone();
    for at in [en0.start, en0.end, en0.end + 5] {
        assert_invalid(
            refused(&mut f, |p| p.split_sentence(en0.id, at as usize, ACTOR)),
            &[&format!("offset {at}"), &format!("sentence {}", en0.id)],
        );
    }
    assert_eq!(
        refused(&mut f, |p| p.split_sentence(9999, 3, ACTOR)).code(),
        "not_found"
    );
}

#[test]
fn merge_sentences_in_one_bead_only() {
    let mut f = aligned();
    let v = view(&f);
    let (a, b) = (v.beads[0].zh[0].clone(), v.beads[1].zh[0].clone());
    let err = refused(&mut f, |p| p.merge_sentences(a.id, b.id, ACTOR));
    assert_invalid(err, &["different beads", "merge the beads first"]);
    let (b0, b1) = (bead(&f, 0), bead(&f, 1));
    f.p.merge_beads(b0, b1, ACTOR).unwrap();
    let mut merged = None;
    let after = round_trip(&mut f, |p| {
        merged = Some(p.merge_sentences(a.id, b.id, ACTOR).unwrap());
    });
    let v = after.0.unwrap();
    let zh = &v.beads[0].zh;
    assert_eq!(zh.len(), 1);
    assert_eq!(zh[0].id, merged.unwrap());
    assert_eq!(zh[0].text, format!("{}{}", a.text, b.text));
    assert_eq!((zh[0].start, zh[0].end), (a.start, b.end));
    assert_eq!(v.beads[1].zh[0].ordinal, 1);

    // Across a paragraph break (hard-wrapped text): the newlines join the sentence.
    let en = view(&f).beads[0].en.clone();
    let next = view(&f).beads[1].en[0].clone();
    let b1 = bead(&f, 1);
    f.p.merge_beads(b0, b1, ACTOR).unwrap();
    round_trip(&mut f, |p| {
        p.merge_sentences(en[1].id, next.id, ACTOR).unwrap();
    });
    assert!(view(&f).beads[0].en[1].text.contains("\n\n"));

    let v = view(&f);
    let (x, z) = (v.beads[0].en[0].clone(), v.beads[1].en[0].clone());
    assert_invalid(
        refused(&mut f, |p| p.merge_sentences(z.id, x.id, ACTOR)),
        &["does not come right after"],
    );
    let zh0 = v.beads[0].zh[0].clone();
    assert_invalid(
        refused(&mut f, |p| p.merge_sentences(zh0.id, x.id, ACTOR)),
        &["same text"],
    );
    assert_eq!(
        refused(&mut f, |p| p.merge_sentences(zh0.id, 9999, ACTOR)).code(),
        "not_found"
    );
}

#[test]
fn sentences_of_an_unaligned_document_split_and_merge_too() {
    let (_dir, _path, mut p) = new_project();
    let doc = p.import_document(doc("Unaligned"), ACTOR).unwrap();
    let s = p.document(doc).unwrap().texts[0].sentences[0].clone();
    let (a, b) = p.split_sentence(s.id, s.start as usize + 4, ACTOR).unwrap();
    assert_sound(&p);
    let merged = p.merge_sentences(a, b, ACTOR).unwrap();
    let again = p.document(doc).unwrap().texts[0].sentences[0].clone();
    assert_eq!((again.id, again.text.as_str()), (merged, s.text.as_str()));
    assert_sound(&p);
    // Aligning afterwards sees the edited sentences.
    p.align_document(doc, ACTOR, test_aligner).unwrap();
    assert_sound(&p);
}

#[test]
fn links_are_added_accepted_and_removed() {
    let mut f = aligned();
    let b = bead(&f, 0);
    let v = view(&f);
    let (zh, en) = (v.beads[0].zh[0].clone(), v.beads[0].en[0].clone());
    let zh_span = zh.start as usize..zh.start as usize + 3; // 国务院
    let en_span = en.start as usize + 4..en.start as usize + 17; // State Council
    let mut link = None;
    let after = round_trip(&mut f, |p| {
        link = Some(
            p.add_link(
                b,
                zh_span.clone(),
                en_span.clone(),
                Origin::Auto,
                LinkStatus::Suggested,
                Some("dictionary"),
                ACTOR,
            )
            .unwrap(),
        );
    });
    let link = link.unwrap();
    let l = &after.0.unwrap().beads[0].links[0];
    assert_eq!(
        (l.zh_quote.as_str(), l.en_quote.as_str()),
        ("国务院", "State Council")
    );
    assert_eq!((l.status, l.origin), (LinkStatus::Suggested, Origin::Auto));
    assert_eq!(l.reason.as_deref(), Some("dictionary"));

    let after = round_trip(&mut f, |p| p.accept_link(link, ACTOR).unwrap());
    assert_eq!(
        after.0.unwrap().beads[0].links[0].status,
        LinkStatus::Accepted
    );
    assert_invalid(
        refused(&mut f, |p| p.accept_link(link, ACTOR)),
        &["already accepted"],
    );
    assert_invalid(
        refused(&mut f, |p| {
            p.add_link(
                b,
                zh_span.clone(),
                en_span.clone(),
                Origin::Manual,
                LinkStatus::Accepted,
                None,
                ACTOR,
            )
        }),
        &["already links", &link.to_string()],
    );
    let outside = zh.end as usize..zh.end as usize + 2; // in the next bead's sentence
    assert_invalid(
        refused(&mut f, |p| {
            p.add_link(
                b,
                outside.clone(),
                en_span.clone(),
                Origin::Manual,
                LinkStatus::Accepted,
                None,
                ACTOR,
            )
        }),
        &["zh span", "sentences span"],
    );
    assert_invalid(
        refused(&mut f, |p| {
            p.add_link(
                b,
                zh_span.clone(),
                5..5,
                Origin::Manual,
                LinkStatus::Accepted,
                None,
                ACTOR,
            )
        }),
        &["empty"],
    );
    let after = round_trip(&mut f, |p| p.remove_link(link, ACTOR).unwrap());
    assert!(after.0.unwrap().beads[0].links.is_empty());
    assert_eq!(
        refused(&mut f, |p| p.remove_link(link, ACTOR)).code(),
        "not_found"
    );
    assert_eq!(
        refused(&mut f, |p| p.accept_link(777, ACTOR)).code(),
        "not_found"
    );
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut f = aligned();
    let aligned_state = state(&f);
    let (b0, b1, b2) = (bead(&f, 0), bead(&f, 1), bead(&f, 2));
    f.p.confirm_bead(b0, ACTOR).unwrap();
    let confirmed = state(&f);
    f.p.merge_beads(b1, b2, ACTOR).unwrap();
    let merged = state(&f);
    let merge_event = f.p.history(1).unwrap()[0].id;

    assert!(f.p.undo(ACTOR).unwrap().unwrap().summary.contains("merged"));
    assert_eq!(state(&f), confirmed);
    assert!(f
        .p
        .undo(ACTOR)
        .unwrap()
        .unwrap()
        .summary
        .contains("confirmed"));
    assert_eq!(state(&f), aligned_state);
    f.p.redo(ACTOR).unwrap().unwrap();
    assert_eq!(state(&f), confirmed);
    f.p.redo(ACTOR).unwrap().unwrap();
    assert_eq!(state(&f), merged);
    let events = count(&f.path, "events");
    assert_eq!(f.p.redo(ACTOR).unwrap(), None, "nothing left to redo");
    assert_eq!(
        count(&f.path, "events"),
        events,
        "nothing to redo writes nothing"
    );

    // A new edit after an undo ends the redo possibility.
    f.p.undo(ACTOR).unwrap().unwrap();
    f.p.unconfirm_bead(b0, ACTOR).unwrap();
    assert_eq!(f.p.redo(ACTOR).unwrap(), None);
    let h = f.p.history(3).unwrap();
    assert_eq!(h[1].action, ACTION_UNDO);
    assert_eq!(h[1].payload["target"], serde_json::json!(merge_event.0));
    assert!(h[1].summary.starts_with("undo: merged"));

    // Undo goes back past the dead branch: unconfirm, confirm, align; imports stay.
    f.p.undo(ACTOR).unwrap().unwrap();
    assert_eq!(state(&f), confirmed);
    f.p.undo(ACTOR).unwrap().unwrap();
    f.p.undo(ACTOR).unwrap().unwrap();
    assert_eq!(f.p.alignment(f.doc).unwrap(), None);
    let events = count(&f.path, "events");
    assert_eq!(f.p.undo(ACTOR).unwrap(), None, "imports are not undone");
    assert_eq!(count(&f.path, "events"), events);
    assert_eq!(f.p.list_documents().unwrap().len(), 1);
    assert_eq!(f.p.redo(ACTOR).unwrap().unwrap().action, ACTION_ALIGN);
    assert_eq!(f.p.history(1).unwrap()[0].action, ACTION_REDO);
    assert_sound(&f.p);
}

#[test]
fn undo_refuses_when_the_project_no_longer_matches() {
    let mut f = aligned();
    let b = bead(&f, 0);
    f.p.confirm_bead(b, ACTOR).unwrap();
    // A change behind the history's back.
    f.p.conn()
        .execute("UPDATE beads SET confidence = 0.1 WHERE id = ?1", [b.0])
        .unwrap();
    let err = refused(&mut f, |p| p.undo(ACTOR));
    assert_invalid(err, &["cannot undo", "no longer holds"]);
}

#[test]
fn check_reports_broken_alignments_and_links() {
    let mut f = aligned();
    let b = bead(&f, 0);
    let v = view(&f);
    let (zh, en) = (v.beads[0].zh[0].clone(), v.beads[0].en[0].clone());
    f.p.add_link(
        b,
        zh.start as usize..zh.start as usize + 3,
        en.start as usize..en.start as usize + 3,
        Origin::Manual,
        LinkStatus::Accepted,
        None,
        ACTOR,
    )
    .unwrap();
    f.p.conn()
        .execute_batch(
            "UPDATE span_links SET zh_quote = '外交部';
             DELETE FROM bead_sentences WHERE sentence_id =
               (SELECT id FROM sentences WHERE text_id = 2 AND ordinal = 3);
             UPDATE bead_sentences SET bead_id = (SELECT id FROM beads WHERE position = 0)
              WHERE sentence_id = (SELECT id FROM sentences WHERE text_id = 1 AND ordinal = 2);",
        )
        .unwrap();
    let report = f.p.check().unwrap();
    let m = report.mismatches.join("\n");
    assert!(m.contains("stored zh quote \"外交部\""), "{m}");
    assert!(m.contains("en sentence 3 of text 2 is in no bead"), "{m}");
    assert!(m.contains("zh sentence 2 is in bead"), "{m}");
    assert_eq!(report.mismatches.len(), 3, "{m}");
}

/// Build a V1 file by hand (the code only creates the latest schema), with one document,
/// then open it: it is migrated to V2 and can be aligned.
#[test]
fn a_version_1_file_is_migrated_and_can_be_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.duizhao");
    make_v1(&path);
    let mut p = Project::open(&path).unwrap();
    assert_eq!(p.schema_version().unwrap(), MIGRATIONS.len() as i64);
    assert_sound(&p);
    let doc = p.list_documents().unwrap()[0].id;
    p.align_document(doc, ACTOR, test_aligner).unwrap();
    let v = p.alignment(doc).unwrap().unwrap();
    assert_eq!(v.beads.len(), 2);
    assert_eq!(v.beads[1].zh[0].text, "第二句。");
    assert_sound(&p);
}

fn make_v1(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(MIGRATIONS[0]).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 1;
         INSERT INTO documents (id, title, kind) VALUES (1, 'Old', 'statement');
         INSERT INTO texts (id, document_id, lang, content, char_len, sha256, encoding,
                            encoding_detected, had_bom, newlines_normalised)
              VALUES (1, 1, 'zh', '第一句。第二句。', 8, 'x', 'UTF-8', 0, 0, 0),
                     (2, 1, 'en', 'One. Two.', 9, 'y', 'UTF-8', 0, 0, 0);
         INSERT INTO sentences (id, text_id, ordinal, start, \"end\", paragraph, quote)
              VALUES (1, 1, 0, 0, 4, 0, '第一句。'), (2, 1, 1, 4, 8, 0, '第二句。'),
                     (3, 2, 0, 0, 4, 0, 'One.'), (4, 2, 1, 5, 9, 0, 'Two.');
         INSERT INTO sentence_tokens (sentence_id, count, offsets, pos)
              VALUES (1, 0, x'', NULL), (2, 0, x'', NULL), (3, 0, x'', NULL), (4, 0, x'', NULL);",
    )
    .unwrap();
}

#[test]
fn link_suggestions_are_stored_once_as_one_undoable_change() {
    use duizhao_core::align::{LinkReason, LinkSuggestion};
    let mut f = aligned();
    // Link the first word of each side of every bead; out-of-range suggestions are dropped.
    let suggester = |zh: &[&str], en: &[&str]| {
        let _ = (zh, en);
        vec![
            LinkSuggestion {
                zh_sentence: 0,
                zh: 0..2,
                en_sentence: 0,
                en: 0..3,
                reason: LinkReason::Dictionary,
            },
            LinkSuggestion {
                zh_sentence: 7,
                zh: 0..1,
                en_sentence: 0,
                en: 0..1,
                reason: LinkReason::Identical,
            },
            LinkSuggestion {
                zh_sentence: 0,
                zh: 0..10_000,
                en_sentence: 0,
                en: 0..1,
                reason: LinkReason::Identical,
            },
        ]
    };
    let two_sided = view(&f)
        .beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
        .count();
    let document = f.doc;
    let after = round_trip(&mut f, |p| {
        assert_eq!(
            p.suggest_links(document, ACTOR, suggester).unwrap(),
            two_sided
        );
    });
    let alignment = after.0.unwrap();
    for bead in alignment
        .beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
    {
        assert_eq!(bead.links.len(), 1, "{bead:?}");
        let link = &bead.links[0];
        assert_eq!(link.status, LinkStatus::Suggested);
        assert_eq!(link.origin, Origin::Auto);
        assert_eq!(link.zh_start, bead.zh[0].start);
        assert_eq!(link.zh_quote.chars().count(), 2);
    }
    // Suggesting again adds nothing new.
    assert_eq!(f.p.suggest_links(document, ACTOR, suggester).unwrap(), 0);
    // A document that is not aligned is refused.
    let other = f.p.import_document(doc("Other"), ACTOR).unwrap();
    let err = refused(&mut f, |p| p.suggest_links(other, ACTOR, suggester));
    assert_invalid(err, &["not aligned"]);
}

#[test]
fn undo_restores_beads_whose_confidence_has_no_short_decimal_form() {
    // Confidences come from f32 arithmetic (0.1 + 0.2, 1/3): the history must give them back
    // bit for bit, or undo would see a project that "no longer matches".
    let odd = |zh: &[&str], en: &[&str], anchors: &[Bead]| {
        let mut beads = test_aligner(zh, en, anchors);
        for (k, bead) in beads.iter_mut().enumerate() {
            if !anchors.contains(bead) {
                bead.confidence = ((k as f32 + 1.0) / 3.0 + 0.1f32 + 0.2f32).fract();
            }
        }
        beads
    };
    let mut f = aligned();
    let document = f.doc;
    round_trip(&mut f, |p| {
        p.align_document(document, ACTOR, odd).unwrap();
    });
    let first = bead(&f, 0);
    f.p.confirm_bead(first, ACTOR).unwrap();
    round_trip(&mut f, |p| {
        p.realign(document, ACTOR, odd).unwrap();
    });
}
