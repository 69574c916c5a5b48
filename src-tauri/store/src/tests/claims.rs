//! Claims, their links, sources and evidence over the sample statement: every edit, its
//! refusals (no event, no change), and undo/redo round trips comparing whole views.

use duizhao_core::Lang;

use super::annotation::{
    anchor, assert_error, entity, refused, round_trip, statement, Fixture, ACTOR,
};
use crate::{
    ClaimId, ClaimLinkKind, ClaimPatch, ClaimStatus, ClaimTime, DocumentId, EntityId, NewClaim,
    NewSource, SourceKind, SourcePatch, Stance,
};

fn time(label: &str, earliest: Option<&str>, latest: Option<&str>) -> ClaimTime {
    ClaimTime {
        label: label.into(),
        earliest: earliest.map(Into::into),
        latest: latest.map(Into::into),
    }
}

fn people(f: &mut Fixture) -> (EntityId, EntityId) {
    let ouyang =
        f.p.create_entity(
            entity("person", Some("欧阳翀"), Some("Ouyang Chong")),
            ACTOR,
        )
        .unwrap();
    let inst =
        f.p.create_entity(
            entity("organisation", Some("十四所"), Some("Institute 14")),
            ACTOR,
        )
        .unwrap();
    (ouyang, inst)
}

fn left(f: &Fixture, ouyang: EntityId, inst: EntityId) -> NewClaim {
    NewClaim {
        summary: "  Ouyang left Institute 14 in early October 2018 ".into(),
        claimant: Some(ouyang),
        subjects: vec![ouyang, inst, ouyang],
        time: Some(time(
            "early October 2018",
            Some("2018-10-01"),
            Some("2018-10-10"),
        )),
        anchors: vec![
            anchor(f, Lang::Zh, "2018年十月上旬离开十四所", 0),
            anchor(f, Lang::En, "Institute 14", 0),
        ],
        status: None,
        rationale: String::new(),
    }
}

fn claim(f: &mut Fixture, summary: &str) -> ClaimId {
    f.p.create_claim(
        NewClaim {
            summary: summary.into(),
            ..NewClaim::default()
        },
        ACTOR,
    )
    .unwrap()
}

#[test]
fn a_claim_keeps_its_subjects_anchors_time_and_status_history() {
    let mut f = statement();
    let (ouyang, inst) = people(&mut f);
    let new = left(&f, ouyang, inst);
    let (after, id) = round_trip(&mut f, |p| p.create_claim(new, ACTOR).unwrap());
    let c = &after.claims[0];
    assert_eq!(c.id, id);
    assert_eq!(c.summary, "Ouyang left Institute 14 in early October 2018");
    assert_eq!(c.claimant, Some(ouyang));
    assert_eq!(c.subjects, [ouyang, inst], "repeats count once");
    assert_eq!(
        c.time,
        Some(time(
            "early October 2018",
            Some("2018-10-01"),
            Some("2018-10-10")
        ))
    );
    assert_eq!(c.status, ClaimStatus::Unverified);
    let quotes: Vec<_> = c
        .anchors
        .iter()
        .map(|a| (a.lang, a.quote.as_str()))
        .collect();
    assert_eq!(
        quotes,
        [
            (Lang::Zh, "2018年十月上旬离开十四所"),
            (Lang::En, "Institute 14")
        ]
    );
    assert_eq!(c.history.len(), 1);
    assert_eq!(
        (
            c.history[0].from,
            c.history[0].to,
            c.history[0].actor.as_str()
        ),
        (None, ClaimStatus::Unverified, ACTOR)
    );
    assert_eq!(f.p.claim(id).unwrap(), *c);
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: create claim 1 (unverified): \"Ouyang left Institute 14 in early October 2018\""
    );

    // Status changes append to the history; undo takes the entry back.
    let (after, ()) = round_trip(&mut f, |p| {
        p.set_claim_status(
            id,
            ClaimStatus::Contradicted,
            "The police notice dates his departure to 2019.",
            ACTOR,
        )
        .unwrap()
    });
    let c = &after.claims[0];
    assert_eq!(c.status, ClaimStatus::Contradicted);
    assert_eq!(
        c.rationale,
        "The police notice dates his departure to 2019."
    );
    assert_eq!(c.history.len(), 2);
    assert_eq!(
        (c.history[1].from, c.history[1].to),
        (Some(ClaimStatus::Unverified), ClaimStatus::Contradicted)
    );
    let h = f.p.history(3).unwrap();
    assert_eq!(h[2].summary, "claim 1: unverified → contradicted");
    assert_error(
        refused(&mut f, |p| {
            p.set_claim_status(
                id,
                ClaimStatus::Contradicted,
                "The police notice dates his departure to 2019.",
                ACTOR,
            )
        }),
        "invalid",
        &["claim 1 is already contradicted"],
    );
    let (after, ()) = round_trip(&mut f, |p| {
        p.set_claim_status(
            id,
            ClaimStatus::Contradicted,
            "Also the bank records.",
            ACTOR,
        )
        .unwrap()
    });
    assert_eq!(after.claims[0].history.len(), 3);
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: claim 1: contradicted, new rationale"
    );

    // Updates.
    let (after, ()) = round_trip(&mut f, |p| {
        p.update_claim(
            id,
            ClaimPatch {
                summary: Some("Ouyang left Institute 14 in October 2018".into()),
                claimant: Some(None),
                time: Some(Some(time("before 2019", None, Some("2018-12-31")))),
            },
            ACTOR,
        )
        .unwrap()
    });
    let c = &after.claims[0];
    assert_eq!(c.claimant, None);
    assert_eq!(c.time, Some(time("before 2019", None, Some("2018-12-31"))));
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: update claim 1: summary, claimant, time"
    );
    round_trip(&mut f, |p| {
        p.update_claim(
            id,
            ClaimPatch {
                time: Some(None),
                ..ClaimPatch::default()
            },
            ACTOR,
        )
        .unwrap()
    });
    assert_error(
        refused(&mut f, |p| {
            p.update_claim(
                id,
                ClaimPatch {
                    summary: Some("Ouyang left Institute 14 in October 2018".into()),
                    time: Some(None),
                    claimant: Some(None),
                },
                ACTOR,
            )
        }),
        "invalid",
        &["leaves claim 1"],
    );

    // Anchors and subjects.
    let leaving = anchor(&f, Lang::Zh, "离开十四所", 0);
    let again = leaving.clone();
    let (after, a) = round_trip(&mut f, |p| p.add_claim_anchor(id, leaving, ACTOR).unwrap());
    assert_eq!(after.claims[0].anchors.len(), 3);
    assert_error(
        refused(&mut f, |p| p.add_claim_anchor(id, again, ACTOR)),
        "invalid",
        &["claim 1 is already anchored"],
    );
    round_trip(&mut f, |p| p.remove_claim_anchor(a, ACTOR).unwrap());
    assert_error(
        refused(&mut f, |p| p.remove_claim_anchor(a, ACTOR)),
        "not_found",
        &["claim anchor"],
    );
    let (after, ()) = round_trip(&mut f, |p| {
        p.remove_claim_subject(id, ouyang, ACTOR).unwrap()
    });
    assert_eq!(after.claims[0].subjects, [inst]);
    assert_error(
        refused(&mut f, |p| p.remove_claim_subject(id, ouyang, ACTOR)),
        "invalid",
        &["entity 1 (欧阳翀 / Ouyang Chong) is not a subject of claim 1"],
    );
    let (after, ()) = round_trip(&mut f, |p| p.add_claim_subject(id, ouyang, ACTOR).unwrap());
    assert_eq!(after.claims[0].subjects, [inst, ouyang]);
    assert_error(
        refused(&mut f, |p| p.add_claim_subject(id, inst, ACTOR)),
        "invalid",
        &["is already a subject of claim 1"],
    );
    assert_error(
        refused(&mut f, |p| p.add_claim_subject(id, 9, ACTOR)),
        "not_found",
        &["entity 9 does not exist"],
    );
    assert_error(
        refused(&mut f, |p| p.add_claim_subject(7, inst, ACTOR)),
        "not_found",
        &["claim 7 does not exist"],
    );
    assert_eq!(f.p.claim(7).unwrap_err().code(), "not_found");
}

#[test]
fn bad_claims_are_refused() {
    let mut f = statement();
    let (ouyang, inst) = people(&mut f);
    let with = |change: &dyn Fn(&mut NewClaim)| {
        let mut c = left(&f, ouyang, inst);
        change(&mut c);
        c
    };
    let cases: Vec<(NewClaim, &str, &str)> = vec![
        (
            with(&|c| c.summary = "  ".into()),
            "invalid",
            "a claim needs a summary",
        ),
        (
            with(&|c| c.summary = "Ouyang left.\nThen he wrote.".into()),
            "invalid",
            "a claim's summary must be one line",
        ),
        (
            with(&|c| {
                c.time = Some(time(
                    "late February 2019",
                    Some("2019-02-20"),
                    Some("2019-02-30"),
                ))
            }),
            "invalid",
            "the latest date \"2019-02-30\" is not a valid date (YYYY-MM-DD)",
        ),
        (
            with(&|c| c.time = Some(time("October 2019", Some("October 2019"), None))),
            "invalid",
            "the earliest date \"October 2019\" is not a valid date",
        ),
        (
            with(&|c| c.time = Some(time("autumn", Some("2019-11-30"), Some("2019-09-01")))),
            "invalid",
            "the earliest date 2019-11-30 is after the latest date 2019-09-01",
        ),
        (
            with(&|c| c.time = Some(time(" ", Some("2019-09-01"), None))),
            "invalid",
            "needs its label",
        ),
        (
            with(&|c| c.claimant = Some(EntityId(9))),
            "not_found",
            "entity 9 does not exist",
        ),
        (
            with(&|c| c.subjects.push(EntityId(8))),
            "not_found",
            "entity 8 does not exist",
        ),
        (
            with(&|c| c.anchors[0].quote = Some("2019年".into())),
            "invalid",
            "anchor quote mismatch: text 1 has \"2018年十月上旬离开十四所\"",
        ),
        (
            with(&|c| c.anchors[1].document = DocumentId(3)),
            "not_found",
            "document 3 does not exist",
        ),
    ];
    for (claim, code, words) in cases {
        let err = refused(&mut f, |p| p.create_claim(claim, ACTOR));
        assert_error(err, code, &[words]);
    }
    // Open intervals are fine.
    let id =
        f.p.create_claim(
            NewClaim {
                summary: "The institute was renamed before the handover".into(),
                time: Some(time("before July 1997", None, Some("1997-06-30"))),
                status: Some(ClaimStatus::Unverifiable),
                rationale: "No record survives.".into(),
                ..NewClaim::default()
            },
            ACTOR,
        )
        .unwrap();
    let c = f.p.claim(id).unwrap();
    assert_eq!(c.status, ClaimStatus::Unverifiable);
    assert_eq!(c.history[0].rationale, "No record survives.");
}

#[test]
fn claim_links_refuse_self_links_supports_cycles_and_clashes() {
    let mut f = statement();
    let a = claim(&mut f, "Shan Qian ordered the special-channel purchases");
    let b = claim(&mut f, "The purchases were paid through Ka Long");
    let c = claim(&mut f, "Ka Long was a front for Institute 14");
    let (after, ab) = round_trip(&mut f, |p| {
        p.link_claims(a, b, ClaimLinkKind::Supports, "same bank records", ACTOR)
            .unwrap()
    });
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: claim 1 supports claim 2 (link 1)"
    );
    let links = |view: &crate::ClaimView| -> Vec<(ClaimId, ClaimLinkKind, bool)> {
        view.links
            .iter()
            .map(|l| (l.other, l.kind, l.outgoing))
            .collect()
    };
    assert_eq!(
        links(&after.claims[0]),
        [(b, ClaimLinkKind::Supports, true)]
    );
    assert_eq!(
        links(&after.claims[1]),
        [(a, ClaimLinkKind::Supports, false)]
    );
    assert_eq!(after.claims[0].links[0].note, "same bank records");
    f.p.link_claims(b, c, ClaimLinkKind::Supports, "", ACTOR)
        .unwrap();

    assert_error(
        refused(&mut f, |p| {
            p.link_claims(c, a, ClaimLinkKind::Supports, "", ACTOR)
        }),
        "invalid",
        &["claim 3 cannot support claim 1: that would close a supports cycle (1 → 2 → 3 → 1)"],
    );
    assert_error(
        refused(&mut f, |p| {
            p.link_claims(a, a, ClaimLinkKind::Contradicts, "", ACTOR)
        }),
        "invalid",
        &["a claim cannot contradict itself"],
    );
    assert_error(
        refused(&mut f, |p| {
            p.link_claims(b, b, ClaimLinkKind::Supports, "", ACTOR)
        }),
        "invalid",
        &["a claim cannot support itself"],
    );
    assert_error(
        refused(&mut f, |p| {
            p.link_claims(a, b, ClaimLinkKind::Supports, "", ACTOR)
        }),
        "invalid",
        &[&format!("claim 1 already supports claim 2 (link {ab})")],
    );
    assert_error(
        refused(&mut f, |p| {
            p.link_claims(a, 9, ClaimLinkKind::Supports, "", ACTOR)
        }),
        "not_found",
        &["claim 9 does not exist"],
    );
    // Contradiction and sameness may be mutual, but exclude each other.
    f.p.link_claims(a, c, ClaimLinkKind::Contradicts, "", ACTOR)
        .unwrap();
    f.p.link_claims(c, a, ClaimLinkKind::Contradicts, "", ACTOR)
        .unwrap();
    assert_error(
        refused(&mut f, |p| {
            p.link_claims(c, a, ClaimLinkKind::SameAs, "", ACTOR)
        }),
        "invalid",
        &["claims 3 and 1 are linked as contradicting"],
    );
    f.p.link_claims(b, c, ClaimLinkKind::SameAs, "", ACTOR)
        .unwrap();
    f.p.link_claims(c, b, ClaimLinkKind::SameAs, "", ACTOR)
        .unwrap();
    assert_error(
        refused(&mut f, |p| {
            p.link_claims(b, c, ClaimLinkKind::Contradicts, "", ACTOR)
        }),
        "invalid",
        &["claims 2 and 3 are linked as the same claim"],
    );
    // A supports link the other way round is not a cycle once the first is gone.
    let (_, ()) = round_trip(&mut f, |p| p.unlink_claims(ab, ACTOR).unwrap());
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: remove link 1: claim 1 supports claim 2"
    );
    f.p.link_claims(c, a, ClaimLinkKind::Supports, "", ACTOR)
        .unwrap();
    assert_error(
        refused(&mut f, |p| p.unlink_claims(ab, ACTOR)),
        "not_found",
        &["claim link 1 does not exist"],
    );
}

#[test]
fn deleting_a_claim_takes_everything_hanging_on_it_and_undo_brings_it_back() {
    let mut f = statement();
    let (ouyang, inst) = people(&mut f);
    let new = left(&f, ouyang, inst);
    let id = f.p.create_claim(new, ACTOR).unwrap();
    let other = claim(&mut f, "Ouyang was dismissed in 2019");
    f.p.link_claims(other, id, ClaimLinkKind::Contradicts, "", ACTOR)
        .unwrap();
    f.p.set_claim_status(id, ClaimStatus::Disputed, "two accounts", ACTOR)
        .unwrap();
    let source =
        f.p.add_source(
            NewSource {
                title: "Police notice 渭公通〔2019〕17号".into(),
                kind: SourceKind::Document,
                citation: "Weichuan PSB circular No. 17 (2019)".into(),
                date: Some("2019-11".into()),
                excerpt: String::new(),
                document: None,
                reliability: "c".into(),
                credibility: 3,
            },
            ACTOR,
        )
        .unwrap();
    f.p.link_evidence(id, source, Stance::Contradicts, "", ACTOR)
        .unwrap();
    let (after, ()) = round_trip(&mut f, |p| p.delete_claim(id, ACTOR).unwrap());
    assert_eq!(after.claims.len(), 1);
    assert!(after.claims[0].links.is_empty());
    assert_eq!(after.sources.len(), 1, "the source stays");
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: delete claim 1 (\"Ouyang left Institute 14 in early October 2018\") with 2 anchors, \
         2 subjects, 1 link, 1 piece of evidence"
    );
    for table in ["claim_anchors", "claim_subjects", "claim_links", "evidence"] {
        assert_eq!(super::count(&f.path, table), 0, "{table}");
    }
    assert_eq!(super::count(&f.path, "claim_status_changes"), 1);
}

fn police_notice() -> NewSource {
    NewSource {
        title: "Police notice 渭公通〔2019〕17号".into(),
        kind: SourceKind::Document,
        citation: "Weichuan PSB circular No. 17 (2019)".into(),
        date: Some("2019-11-02".into()),
        excerpt: "欧阳翀于2019年3月被开除".into(),
        document: None,
        reliability: "B".into(),
        credibility: 2,
    }
}

#[test]
fn sources_are_graded_and_give_evidence() {
    let mut f = statement();
    let doc = f.doc;
    let (after, source) = round_trip(&mut f, |p| {
        p.add_source(
            NewSource {
                document: Some(doc),
                ..police_notice()
            },
            ACTOR,
        )
        .unwrap()
    });
    let s = &after.sources[0];
    assert_eq!(s.id, source);
    assert_eq!((s.reliability.as_str(), s.credibility), ("B", 2));
    assert_eq!((s.kind, s.document), (SourceKind::Document, Some(doc)));
    assert_eq!(f.p.source(source).unwrap(), *s);
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: add source 1 (document, B2): \"Police notice 渭公通〔2019〕17号\""
    );

    let cases: Vec<(NewSource, &str, &str)> = vec![
        (
            NewSource {
                reliability: "G".into(),
                ..police_notice()
            },
            "invalid",
            "source reliability must be A–F, got \"G\"",
        ),
        (
            NewSource {
                credibility: 7,
                ..police_notice()
            },
            "invalid",
            "source credibility must be 1–6, got 7",
        ),
        (
            NewSource {
                credibility: 0,
                ..police_notice()
            },
            "invalid",
            "source credibility must be 1–6, got 0",
        ),
        (
            NewSource {
                title: " ".into(),
                ..police_notice()
            },
            "invalid",
            "a source needs a title",
        ),
        (
            NewSource {
                date: Some("2019-13".into()),
                ..police_notice()
            },
            "invalid",
            "source date \"2019-13\" must be YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            NewSource {
                document: Some(DocumentId(5)),
                ..police_notice()
            },
            "not_found",
            "document 5 does not exist",
        ),
    ];
    for (new, code, words) in cases {
        let err = refused(&mut f, |p| p.add_source(new, ACTOR));
        assert_error(err, code, &[words]);
    }

    let (after, ()) = round_trip(&mut f, |p| {
        p.update_source(
            source,
            SourcePatch {
                reliability: Some("a".into()),
                credibility: Some(1),
                date: Some(None),
                document: Some(None),
                ..SourcePatch::default()
            },
            ACTOR,
        )
        .unwrap()
    });
    let s = &after.sources[0];
    assert_eq!(
        (
            s.reliability.as_str(),
            s.credibility,
            s.date.clone(),
            s.document
        ),
        ("A", 1, None, None)
    );
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: update source 1 (\"Police notice 渭公通〔2019〕17号\"): credibility, date, document_id, reliability"
    );
    assert_error(
        refused(&mut f, |p| {
            p.update_source(
                source,
                SourcePatch {
                    reliability: Some("G".into()),
                    ..SourcePatch::default()
                },
                ACTOR,
            )
        }),
        "invalid",
        &["source reliability must be A–F, got \"G\""],
    );
    assert_error(
        refused(&mut f, |p| {
            p.update_source(
                source,
                SourcePatch {
                    kind: Some(SourceKind::Document),
                    ..SourcePatch::default()
                },
                ACTOR,
            )
        }),
        "invalid",
        &["leaves source 1"],
    );

    // Evidence.
    let id = claim(&mut f, "Ouyang was dismissed in March 2019");
    let (after, evidence) = round_trip(&mut f, |p| {
        p.link_evidence(id, source, Stance::Supports, "states it outright", ACTOR)
            .unwrap()
    });
    let e = &after.claims[0].evidence[0];
    assert_eq!(
        (e.id, e.stance, e.note.as_str()),
        (evidence, Stance::Supports, "states it outright")
    );
    assert_eq!(e.source, after.sources[0]);
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: source 1 (\"Police notice 渭公通〔2019〕17号\") supports claim 1 (evidence 1)"
    );
    assert_error(
        refused(&mut f, |p| {
            p.link_evidence(id, source, Stance::Context, "", ACTOR)
        }),
        "invalid",
        &["is already evidence for claim 1 (evidence 1, supports)"],
    );
    assert_error(
        refused(&mut f, |p| {
            p.link_evidence(id, 4, Stance::Context, "", ACTOR)
        }),
        "not_found",
        &["source 4 does not exist"],
    );
    round_trip(&mut f, |p| p.unlink_evidence(evidence, ACTOR).unwrap());
    assert_error(
        refused(&mut f, |p| p.unlink_evidence(evidence, ACTOR)),
        "not_found",
        &["evidence 1 does not exist"],
    );
    let second =
        f.p.add_source(
            NewSource {
                title: "Bank receipts".into(),
                kind: SourceKind::Record,
                reliability: "F".into(),
                credibility: 6,
                date: Some("2017".into()),
                ..police_notice()
            },
            ACTOR,
        )
        .unwrap();
    f.p.link_evidence(id, second, Stance::Context, "", ACTOR)
        .unwrap();
    f.p.link_evidence(id, source, Stance::Contradicts, "", ACTOR)
        .unwrap();
    let (after, ()) = round_trip(&mut f, |p| p.delete_source(source, ACTOR).unwrap());
    assert_eq!(after.sources.len(), 1);
    assert_eq!(after.claims[0].evidence.len(), 1);
    assert_eq!(after.claims[0].evidence[0].source.id, second);
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: delete source 1 (\"Police notice 渭公通〔2019〕17号\") with 1 piece of evidence"
    );
    assert_error(
        refused(&mut f, |p| p.delete_source(source, ACTOR)),
        "not_found",
        &["source 1 does not exist"],
    );
}
