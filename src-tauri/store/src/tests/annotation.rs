//! Entities, mentions and relations over the sample statement: every edit, its refusals (no
//! event, no change), undo/redo round trips comparing whole views, `check` after each, and
//! the migration of a V2 file.

use std::path::{Path, PathBuf};

use duizhao_core::Lang;

use super::{count, new_project, prepare};
use crate::rows::AnnoTable;
use crate::schema::MIGRATIONS;
use crate::{
    AliasId, ClaimView, DocumentId, DocumentKind, EntityId, EntityPatch, EntityView, EventRow,
    MentionId, MentionOrigin, MentionStatus, MentionView, NewAlias, NewAnchor, NewClaim,
    NewDocument, NewEntity, NewMention, NewRelation, NewText, Project, RegistryName, RelationView,
    Script, SourceView, StoreError, SuggestedMention, ACTION_LINK_MENTIONS, ACTION_MERGE_ENTITIES,
    ACTION_SET_MENTION_STATUS, ANNOTATION_ACTIONS, EDIT_ACTIONS,
};

pub(crate) const ACTOR: &str = "analyst";
pub(crate) const STATEMENT_ZH: &str = include_str!("../../../../corpus/statement.zh.txt");
pub(crate) const STATEMENT_EN: &str = include_str!("../../../../corpus/statement.en.txt");

pub(crate) struct Fixture {
    pub _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub p: Project,
    pub doc: DocumentId,
}

pub(crate) fn statement_doc() -> NewDocument {
    NewDocument {
        title: "陈述书".into(),
        kind: DocumentKind::Statement,
        source: None,
        texts: vec![
            NewText {
                prepared: prepare(Lang::Zh, STATEMENT_ZH),
                original_name: Some("statement.zh.txt".into()),
            },
            NewText {
                prepared: prepare(Lang::En, STATEMENT_EN),
                original_name: Some("statement.en.txt".into()),
            },
        ],
    }
}

/// A project holding the sample statement (text 1 zh, text 2 en).
pub(crate) fn statement() -> Fixture {
    let (_dir, path, mut p) = new_project();
    let doc = p.import_document(statement_doc(), ACTOR).unwrap();
    Fixture { _dir, path, p, doc }
}

/// The code-point span of the `n`-th (0-based) occurrence of `needle` in `text`.
pub(crate) fn span(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let (byte, _) = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", n + 1));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

pub(crate) fn text_of(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => STATEMENT_ZH,
        Lang::En => STATEMENT_EN,
    }
}

/// Everything the annotation API shows, for before/after comparisons.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct State {
    pub entity_types: Vec<String>,
    pub relation_types: Vec<String>,
    pub entities: Vec<EntityView>,
    pub registry: Vec<RegistryName>,
    pub mentions: Vec<MentionView>,
    pub relations: Vec<RelationView>,
    pub claims: Vec<ClaimView>,
    pub sources: Vec<SourceView>,
}

pub(crate) fn state(f: &Fixture) -> State {
    State {
        entity_types: f.p.entity_types().unwrap(),
        relation_types: f.p.relation_types().unwrap(),
        entities: f.p.entities().unwrap(),
        registry: f.p.registry().unwrap(),
        mentions: f.p.mentions(f.doc).unwrap(),
        relations: f.p.relations().unwrap(),
        claims: f.p.claims().unwrap(),
        sources: f.p.sources().unwrap(),
    }
}

pub(crate) fn assert_sound(p: &Project) {
    let report = p.check().unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems());
}

fn history(f: &Fixture) -> Vec<EventRow> {
    f.p.history(10_000).unwrap()
}

/// Run an edit, then undo and redo it: one event, undo restores exactly the previous state
/// (every view), redo the edited one; `check` passes at every step. Returns the edited
/// state and the edit's history event.
pub(crate) fn round_trip<T>(f: &mut Fixture, edit: impl FnOnce(&mut Project) -> T) -> (State, T) {
    let before = state(f);
    let events = count(&f.path, "events");
    let value = edit(&mut f.p);
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
    assert_eq!(state(f), after, "redo re-applies the edit");
    assert_sound(&f.p);
    assert_eq!(count(&f.path, "events"), events + 3);
    (after, value)
}

/// Run an edit that must be refused: no event, no change to the history or any view.
pub(crate) fn refused<T: std::fmt::Debug>(
    f: &mut Fixture,
    edit: impl FnOnce(&mut Project) -> Result<T, StoreError>,
) -> StoreError {
    let before = state(f);
    let events = history(f);
    let err = edit(&mut f.p).expect_err("the edit should be refused");
    assert_eq!(history(f), events, "a refused edit writes no event");
    assert_eq!(state(f), before, "a refused edit changes nothing");
    err
}

pub(crate) fn assert_error(err: StoreError, code: &str, words: &[&str]) {
    assert_eq!(err.code(), code, "{err}");
    for w in words {
        assert!(err.to_string().contains(w), "{err} should mention {w}");
    }
}

pub(crate) fn entity(type_name: &str, zh: Option<&str>, en: Option<&str>) -> NewEntity {
    NewEntity {
        type_name: type_name.into(),
        name_zh: zh.map(Into::into),
        name_en: en.map(Into::into),
        ..NewEntity::default()
    }
}

/// The State Commission of Special Materials Industry with its two abbreviations.
pub(crate) fn scosmi() -> NewEntity {
    NewEntity {
        key: Some("scosmi".into()),
        notes: "The ministry-level owner of Institute 14.".into(),
        aliases: vec![
            NewAlias::abbreviation(Lang::Zh, "特材委"),
            NewAlias::abbreviation(Lang::En, "SCOSMI"),
        ],
        ..entity(
            "organisation",
            Some("国家特种材料工业委员会"),
            Some("State Commission of Special Materials Industry"),
        )
    }
}

pub(crate) fn new_mention(
    doc: DocumentId,
    lang: Lang,
    (start, end): (usize, usize),
    type_name: &str,
    entity: Option<EntityId>,
    status: MentionStatus,
) -> NewMention {
    NewMention {
        document: doc,
        lang,
        start,
        end,
        quote: None,
        type_name: type_name.into(),
        entity,
        origin: MentionOrigin::Manual,
        status,
    }
}

/// Mark the `n`-th occurrence of `needle` as a mention.
pub(crate) fn mark(
    f: &mut Fixture,
    lang: Lang,
    needle: &str,
    n: usize,
    type_name: &str,
    entity: Option<EntityId>,
    status: MentionStatus,
) -> MentionId {
    let at = span(text_of(lang), needle, n);
    f.p.add_mention(
        new_mention(f.doc, lang, at, type_name, entity, status),
        ACTOR,
    )
    .unwrap()
}

pub(crate) fn anchor(f: &Fixture, lang: Lang, needle: &str, n: usize) -> NewAnchor {
    let (start, end) = span(text_of(lang), needle, n);
    NewAnchor {
        document: f.doc,
        lang,
        start,
        end,
        quote: Some(needle.into()),
    }
}

fn names(f: &Fixture, e: EntityId) -> Vec<(Lang, String, bool)> {
    f.p.registry()
        .unwrap()
        .into_iter()
        .filter(|n| n.entity == e)
        .map(|n| (n.lang, n.text, n.preferred))
        .collect()
}

#[test]
fn every_annotation_action_can_be_undone() {
    for a in ANNOTATION_ACTIONS {
        assert!(EDIT_ACTIONS.contains(a), "{a}");
    }
}

#[test]
fn record_columns_match_the_schema() {
    let f = statement();
    for table in AnnoTable::ALL {
        let cols: Vec<String> =
            f.p.conn()
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    table.name()
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
        assert_eq!(cols[0], "id", "{}", table.name());
        assert_eq!(&cols[1..], table.columns(), "{}", table.name());
    }
}

#[test]
fn an_entity_is_created_with_its_aliases_and_fills_the_registry() {
    let mut f = statement();
    let (after, id) = round_trip(&mut f, |p| p.create_entity(scosmi(), ACTOR).unwrap());
    let e = &after.entities[0];
    assert_eq!(e.id, id);
    assert_eq!(e.key.as_deref(), Some("scosmi"));
    assert_eq!(e.type_name, "organisation");
    assert_eq!(e.name_zh.as_deref(), Some("国家特种材料工业委员会"));
    assert_eq!(e.notes, "The ministry-level owner of Institute 14.");
    assert_eq!(e.mention_count, 0);
    let aliases: Vec<_> = e
        .aliases
        .iter()
        .map(|a| (a.lang, a.script, a.text.as_str(), a.abbreviation))
        .collect();
    assert_eq!(
        aliases,
        [
            (Lang::Zh, Script::Simplified, "特材委", true),
            (Lang::En, Script::Latin, "SCOSMI", true)
        ]
    );
    assert_eq!(
        names(&f, id),
        [
            (Lang::Zh, "国家特种材料工业委员会".to_owned(), true),
            (
                Lang::En,
                "State Commission of Special Materials Industry".to_owned(),
                true
            ),
            (Lang::Zh, "特材委".to_owned(), false),
            (Lang::En, "SCOSMI".to_owned(), false),
        ]
    );
    assert_eq!(f.p.entity(id).unwrap(), *e);
    assert!(f.p.history(1).unwrap()[0].summary.starts_with(
        "redo: create organisation entity 1 (国家特种材料工业委员会 / State Commission"
    ));

    // A traditional alias is recognised as such; scripts can also be given.
    let kalong =
        f.p.create_entity(
            NewEntity {
                key: Some("kalong".into()),
                aliases: vec![
                    NewAlias::new(Lang::Zh, "嘉朗貿易有限公司"),
                    NewAlias {
                        script: Some(Script::Latin),
                        ..NewAlias::new(Lang::En, "KA LONG TRADING COMPANY LIMITED")
                    },
                ],
                ..entity(
                    "organisation",
                    Some("嘉朗贸易有限公司"),
                    Some("Ka Long Trading Company Limited"),
                )
            },
            ACTOR,
        )
        .unwrap();
    let v = f.p.entity(kalong).unwrap();
    assert_eq!(v.aliases[0].script, Script::Traditional);
    assert_eq!(v.aliases[1].script, Script::Latin);
    assert_sound(&f.p);
}

#[test]
fn entity_edits_and_their_refusals() {
    let mut f = statement();
    let id = f.p.create_entity(scosmi(), ACTOR).unwrap();
    let err = refused(&mut f, |p| {
        p.create_entity(entity("weapon", Some("导弹"), None), ACTOR)
    });
    assert_error(
        err,
        "invalid",
        &["entity type \"weapon\" is not in the schema (person, organisation, place, date, document, event, money)"],
    );
    let err = refused(&mut f, |p| {
        p.create_entity(entity("person", Some(" "), None), ACTOR)
    });
    assert_error(err, "invalid", &["needs a Chinese or an English name"]);
    let err = refused(&mut f, |p| {
        p.create_entity(
            NewEntity {
                key: Some("scosmi".into()),
                ..entity("organisation", Some("特材委"), None)
            },
            ACTOR,
        )
    });
    assert_error(
        err,
        "invalid",
        &["the key \"scosmi\" is already used by entity 1"],
    );
    let err = refused(&mut f, |p| {
        p.create_entity(
            NewEntity {
                key: Some("inst 14".into()),
                ..entity("organisation", Some("十四所"), None)
            },
            ACTOR,
        )
    });
    assert_error(err, "invalid", &["\"inst 14\""]);
    // An alias repeating the preferred name or another alias, in one creation: nothing
    // of it stays.
    let err = refused(&mut f, |p| {
        p.create_entity(
            NewEntity {
                aliases: vec![
                    NewAlias::new(Lang::Zh, "十四所"),
                    NewAlias::new(Lang::Zh, "十四所"),
                ],
                ..entity("organisation", Some("第十四研究所"), None)
            },
            ACTOR,
        )
    });
    assert_error(err, "invalid", &["already has the zh alias \"十四所\""]);
    let err = refused(&mut f, |p| {
        p.add_alias(id, NewAlias::new(Lang::Zh, "国家特种材料工业委员会"), ACTOR)
    });
    assert_error(
        err,
        "invalid",
        &["is already the preferred zh name of entity 1"],
    );
    let err = refused(&mut f, |p| {
        p.add_alias(42, NewAlias::new(Lang::Zh, "x"), ACTOR)
    });
    assert_error(err, "not_found", &["entity 42 does not exist"]);
    let err = refused(&mut f, |p| p.remove_alias(99, ACTOR));
    assert_error(err, "not_found", &["alias 99 does not exist"]);
    let err = refused(&mut f, |p| {
        p.update_entity(
            id,
            EntityPatch {
                notes: Some("The ministry-level owner of Institute 14.".into()),
                ..EntityPatch::default()
            },
            ACTOR,
        )
    });
    assert_error(err, "invalid", &["leaves entity 1"]);
    let err = refused(&mut f, |p| {
        p.update_entity(
            id,
            EntityPatch {
                name_zh: Some(None),
                name_en: Some(Some("".into())),
                ..EntityPatch::default()
            },
            ACTOR,
        )
    });
    assert_error(err, "invalid", &["needs a Chinese or an English name"]);
    let err = refused(&mut f, |p| {
        p.update_entity(
            id,
            EntityPatch {
                name_zh: Some(Some("特材委".into())),
                ..EntityPatch::default()
            },
            ACTOR,
        )
    });
    assert_error(err, "invalid", &["already a zh alias of entity 1"]);

    // The edits themselves.
    let (after, _) = round_trip(&mut f, |p| {
        p.update_entity(
            id,
            EntityPatch {
                name_en: Some(Some("State Commission for Special Materials".into())),
                notes: Some("Renamed in 2008.".into()),
                key: Some(None),
                type_name: Some("organisation".into()),
                ..EntityPatch::default()
            },
            ACTOR,
        )
        .unwrap()
    });
    let e = &after.entities[0];
    assert_eq!(
        e.name_en.as_deref(),
        Some("State Commission for Special Materials")
    );
    assert_eq!(
        (e.notes.as_str(), e.key.clone()),
        ("Renamed in 2008.", None)
    );
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: update entity 1 (国家特种材料工业委员会 / State Commission for Special Materials): name_en, \
         notes, key"
    );
    let (after, alias) = round_trip(&mut f, |p| {
        p.add_alias(
            id,
            NewAlias::new(Lang::En, "Special Materials Commission"),
            ACTOR,
        )
        .unwrap()
    });
    assert_eq!(after.entities[0].aliases.len(), 3);
    round_trip(&mut f, |p| p.remove_alias(alias, ACTOR).unwrap());
    let (after, x) = round_trip(&mut f, |p| {
        p.add_external_id(id, "company-registry", "2287164", ACTOR)
            .unwrap()
    });
    assert_eq!(after.entities[0].external_ids[0].value, "2287164");
    let err = refused(&mut f, |p| {
        p.add_external_id(id, "company-registry", "2287164", ACTOR)
    });
    assert_error(
        err,
        "invalid",
        &["already has the company-registry id \"2287164\""],
    );
    round_trip(&mut f, |p| p.remove_external_id(x, ACTOR).unwrap());
    assert_error(
        refused(&mut f, |p| p.remove_external_id(x, ACTOR)),
        "not_found",
        &["external id"],
    );
    assert_error(
        refused(&mut f, |p| p.merge_entities(id, id, ACTOR)),
        "invalid",
        &["an entity cannot be merged with itself"],
    );
    assert_error(
        refused(&mut f, |p| p.merge_entities(id, 42, ACTOR)),
        "not_found",
        &["entity 42 does not exist"],
    );
    assert_error(
        refused(&mut f, |p| p.delete_entity(42, ACTOR)),
        "not_found",
        &["entity 42 does not exist"],
    );
    assert_eq!(f.p.entity(42).unwrap_err().code(), "not_found");
}

#[test]
fn the_schema_takes_new_types() {
    let mut f = statement();
    let (after, ()) = round_trip(&mut f, |p| p.add_entity_type("vessel", ACTOR).unwrap());
    assert_eq!(
        after.entity_types.last().map(String::as_str),
        Some("vessel")
    );
    assert_eq!(after.entity_types.len(), 8);
    let (after, ()) = round_trip(&mut f, |p| {
        p.add_relation_type("shipped_by", ACTOR).unwrap()
    });
    assert_eq!(
        after.relation_types,
        [
            "works_for",
            "directs",
            "owns",
            "subordinate_of",
            "front_for",
            "spouse_of",
            "alumnus_of",
            "met_with",
            "funded_by",
            "shipped_by"
        ]
    );
    assert_error(
        refused(&mut f, |p| p.add_entity_type("person", ACTOR)),
        "invalid",
        &["the entity type \"person\" is already in the schema"],
    );
    for bad in ["Vessel", "", "front-company", "船"] {
        assert_error(
            refused(&mut f, |p| p.add_relation_type(bad, ACTOR)),
            "invalid",
            &["lowercase ASCII letters"],
        );
    }
    // The new type can be used at once.
    mark(
        &mut f,
        Lang::Zh,
        "特材委",
        0,
        "vessel",
        None,
        MentionStatus::Accepted,
    );
    assert_eq!(f.p.mentions(f.doc).unwrap()[0].type_name, "vessel");
}

#[test]
fn mentions_may_nest_and_overlap_but_not_repeat() {
    let mut f = statement();
    let org = span(STATEMENT_ZH, "国家特种材料工业委员会", 0);
    let doc = f.doc;
    let (after, whole) = round_trip(&mut f, |p| {
        p.add_mention(
            NewMention {
                quote: Some("国家特种材料工业委员会".into()),
                ..new_mention(
                    doc,
                    Lang::Zh,
                    org,
                    "organisation",
                    None,
                    MentionStatus::Accepted,
                )
            },
            ACTOR,
        )
        .unwrap()
    });
    let m = &after.mentions[0];
    assert_eq!(m.id, whole);
    assert_eq!((m.start as usize, m.end as usize), org);
    assert_eq!((m.lang, m.text_id.0), (Lang::Zh, 1));
    assert_eq!(m.quote, "国家特种材料工业委员会");
    assert_eq!(m.prefix.chars().count(), 32);
    assert!(m.prefix.ends_with("进入"), "{:?}", m.prefix);
    assert!(
        m.suffix.starts_with("（以下简称“特材委”）"),
        "{:?}",
        m.suffix
    );
    assert_eq!(
        (m.origin, m.status, m.orphaned),
        (MentionOrigin::Manual, MentionStatus::Accepted, false)
    );
    // Nested (a span inside), overlapping (crossing its end), and the same span with another
    // type are all fine.
    let nested = (org.0 + 2, org.0 + 6);
    f.p.add_mention(
        new_mention(
            f.doc,
            Lang::Zh,
            nested,
            "event",
            None,
            MentionStatus::Suggested,
        ),
        ACTOR,
    )
    .unwrap();
    f.p.add_mention(
        new_mention(
            f.doc,
            Lang::Zh,
            (org.1 - 3, org.1 + 2),
            "place",
            None,
            MentionStatus::Suggested,
        ),
        ACTOR,
    )
    .unwrap();
    f.p.add_mention(
        new_mention(f.doc, Lang::Zh, org, "place", None, MentionStatus::Rejected),
        ACTOR,
    )
    .unwrap();
    // Code points, not bytes or UTF-16 units: 𠮷 counts one.
    let name = span(STATEMENT_ZH, "司马𠮷祥", 0);
    assert_eq!(name.1 - name.0, 4);
    let ximaji = mark(
        &mut f,
        Lang::Zh,
        "司马𠮷祥",
        0,
        "person",
        None,
        MentionStatus::Accepted,
    );
    let en = mark(
        &mut f,
        Lang::En,
        "Ouyang Chong",
        0,
        "person",
        None,
        MentionStatus::Accepted,
    );
    let all = f.p.mentions(f.doc).unwrap();
    assert_eq!(all.len(), 6);
    let order: Vec<_> = all
        .iter()
        .map(|m| (m.lang == Lang::En, m.start, m.end))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "sorted by language, start, end");
    assert_eq!(all.last().unwrap().id, en);
    let v = all.iter().find(|m| m.id == ximaji).unwrap();
    assert_eq!(v.quote, "司马𠮷祥");
    assert_sound(&f.p);

    // Refusals.
    let len = STATEMENT_ZH.chars().count();
    let refusals: Vec<(NewMention, &str, Vec<String>)> = vec![
        (
            NewMention {
                quote: Some("欧阳翀".into()),
                ..new_mention(f.doc, Lang::Zh, (7, 9), "person", None, MentionStatus::Accepted)
            },
            "invalid",
            vec!["anchor quote mismatch: text 1 has \"欧阳\" at 7..9, not \"欧阳翀\"".into()],
        ),
        (
            new_mention(f.doc, Lang::Zh, (len - 2, len + 2), "person", None, MentionStatus::Accepted),
            "invalid",
            vec![format!(
                "anchor {}..{} is outside text 1 (it has {len} characters)",
                len - 2,
                len + 2
            )],
        ),
        (
            new_mention(f.doc, Lang::Zh, (7, 7), "person", None, MentionStatus::Accepted),
            "invalid",
            vec!["anchor 7..7 is empty".into()],
        ),
        (
            new_mention(f.doc, Lang::Zh, (7, 10), "weapon", None, MentionStatus::Accepted),
            "invalid",
            vec!["mention type \"weapon\" is not in the schema (person, organisation, place, date, document, event, money)".into()],
        ),
        (
            new_mention(f.doc, Lang::Zh, org, "organisation", None, MentionStatus::Suggested),
            "invalid",
            vec![format!(
                "text 1 already has a mention of type organisation at {}..{} (mention {whole}, accepted)",
                org.0, org.1
            )],
        ),
        (
            new_mention(f.doc, Lang::Zh, (7, 10), "person", Some(EntityId(42)), MentionStatus::Accepted),
            "not_found",
            vec!["entity 42 does not exist".into()],
        ),
        (
            new_mention(DocumentId(9), Lang::Zh, (7, 10), "person", None, MentionStatus::Accepted),
            "not_found",
            vec!["document 9 does not exist".into()],
        ),
    ];
    for (m, code, words) in refusals {
        let err = refused(&mut f, |p| p.add_mention(m, ACTOR));
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_error(err, code, &words);
    }
    assert_eq!(f.p.mentions(99).unwrap_err().code(), "not_found");
}

#[test]
fn mention_type_and_deletion() {
    let mut f = statement();
    let a = mark(
        &mut f,
        Lang::Zh,
        "渭川市",
        0,
        "organisation",
        None,
        MentionStatus::Suggested,
    );
    let b = mark(
        &mut f,
        Lang::Zh,
        "渭川市",
        1,
        "organisation",
        None,
        MentionStatus::Suggested,
    );
    let (after, n) = round_trip(&mut f, |p| {
        p.set_mention_type(&[a, b], "place", ACTOR).unwrap()
    });
    assert_eq!(n, 2);
    assert!(after.mentions.iter().all(|m| m.type_name == "place"));
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: set the type of 2 mentions to place"
    );
    assert_error(
        refused(&mut f, |p| p.set_mention_type(&[a, b], "place", ACTOR)),
        "invalid",
        &["mentions 1, 2 are already of type place"],
    );
    // Another mention of the same span as `a` with type organisation blocks changing back.
    let c = mark(
        &mut f,
        Lang::Zh,
        "渭川市",
        0,
        "organisation",
        None,
        MentionStatus::Suggested,
    );
    assert_error(
        refused(&mut f, |p| p.set_mention_type(&[a], "organisation", ACTOR)),
        "invalid",
        &[&format!("(mention {c}, suggested)")],
    );
    assert_error(
        refused(&mut f, |p| {
            p.set_mention_type(&[a, MentionId(77)], "person", ACTOR)
        }),
        "not_found",
        &["mention 77 does not exist"],
    );
    assert_error(
        refused(&mut f, |p| p.set_mention_type(&[], "person", ACTOR)),
        "invalid",
        &["no mentions given"],
    );
    let (after, n) = round_trip(&mut f, |p| p.delete_mentions(&[a, c, a], ACTOR).unwrap());
    assert_eq!(n, 2);
    assert_eq!(after.mentions.len(), 1);
    assert_eq!(after.mentions[0].id, b);
}

/// Registry-style suggestions for every occurrence of some names in both texts.
fn suggestions() -> Vec<SuggestedMention> {
    let mut out = Vec::new();
    for (lang, needle, type_name, count) in [
        (Lang::Zh, "十四所", "organisation", 8),
        (Lang::Zh, "特材委", "organisation", 3),
        (Lang::En, "Institute 14", "organisation", 8),
    ] {
        for n in 0..count {
            let (start, end) = span(text_of(lang), needle, n);
            out.push(SuggestedMention {
                lang,
                start,
                end,
                type_name: type_name.into(),
                origin: MentionOrigin::Registry,
                entity: None,
            });
        }
    }
    out
}

#[test]
fn a_bulk_accept_is_one_undo_step() {
    let mut f = statement();
    let doc = f.doc;
    let (after, added) = round_trip(&mut f, |p| {
        p.store_suggestions(doc, suggestions(), ACTOR).unwrap()
    });
    assert_eq!(added, 19);
    assert!(after
        .mentions
        .iter()
        .all(|m| m.status == MentionStatus::Suggested && m.origin == MentionOrigin::Registry));
    let ids: Vec<MentionId> = after.mentions.iter().map(|m| m.id).collect();
    let (accepted, n) = round_trip(&mut f, |p| {
        p.set_mention_status(&ids[..12], MentionStatus::Accepted, ACTOR)
            .unwrap()
    });
    assert_eq!(n, 12);
    let h = f.p.history(3).unwrap();
    assert_eq!(h[2].action, ACTION_SET_MENTION_STATUS);
    assert_eq!(h[2].summary, "accept 12 mentions");
    assert_eq!(
        accepted
            .mentions
            .iter()
            .filter(|m| m.status == MentionStatus::Accepted)
            .count(),
        12
    );
    // Accepting again only touches those not yet accepted.
    let n =
        f.p.set_mention_status(&ids, MentionStatus::Accepted, ACTOR)
            .unwrap();
    assert_eq!(n, 7);
    f.p.undo(ACTOR).unwrap().unwrap();
    assert_eq!(state(&f), accepted);
    assert_error(
        refused(&mut f, |p| {
            p.set_mention_status(&ids[..2], MentionStatus::Accepted, ACTOR)
        }),
        "invalid",
        &[&format!(
            "mentions {}, {} are already accepted",
            ids[0], ids[1]
        )],
    );
    let (_, n) = round_trip(&mut f, |p| {
        p.set_mention_status(&ids[..1], MentionStatus::Rejected, ACTOR)
            .unwrap()
    });
    assert_eq!(n, 1);
    assert_eq!(f.p.history(1).unwrap()[0].summary, "redo: reject 1 mention");
}

#[test]
fn stored_suggestions_skip_what_is_already_there_even_rejected() {
    let mut f = statement();
    let all = suggestions();
    let doc = f.doc;
    assert_eq!(
        f.p.store_suggestions(f.doc, all[..8].to_vec(), ACTOR)
            .unwrap(),
        8
    );
    let first = f.p.mentions(f.doc).unwrap()[0].id;
    f.p.set_mention_status(&[first], MentionStatus::Rejected, ACTOR)
        .unwrap();
    // Nothing new: nothing written, not even an event.
    let before = state(&f);
    let events = history(&f);
    assert_eq!(
        f.p.store_suggestions(f.doc, all[..8].to_vec(), ACTOR)
            .unwrap(),
        0
    );
    assert_eq!(f.p.store_suggestions(f.doc, Vec::new(), ACTOR).unwrap(), 0);
    assert_eq!((state(&f), history(&f)), (before, events));
    // Repeats inside one batch count once; the rejected one stays rejected.
    let mut batch = all.clone();
    batch.extend(all[8..10].iter().cloned());
    assert_eq!(f.p.store_suggestions(f.doc, batch, ACTOR).unwrap(), 11);
    let h = &f.p.history(1).unwrap()[0];
    assert_eq!(h.summary, "suggest 11 mentions in document 1 (11 registry)");
    let mentions = f.p.mentions(f.doc).unwrap();
    assert_eq!(mentions.len(), 19);
    assert_eq!(
        mentions.iter().find(|m| m.id == first).unwrap().status,
        MentionStatus::Rejected
    );

    // One bad suggestion refuses the batch, naming it.
    let mut bad = suggestions();
    bad.push(SuggestedMention {
        type_name: "weapon".into(),
        ..bad[0].clone()
    });
    let err = refused(&mut f, |p| p.store_suggestions(doc, bad, ACTOR));
    assert_error(err, "invalid", &["suggestion 20: mention type \"weapon\""]);
    let mut bad = suggestions();
    bad[3].end = 1_000_000;
    let err = refused(&mut f, |p| p.store_suggestions(doc, bad, ACTOR));
    assert_error(
        err,
        "invalid",
        &["suggestion 4: anchor", "is outside text 1"],
    );
    let mut bad = suggestions();
    bad[0].entity = Some(EntityId(5));
    let err = refused(&mut f, |p| p.store_suggestions(doc, bad, ACTOR));
    assert_error(err, "not_found", &["suggestion 1: entity 5 does not exist"]);
}

#[test]
fn linking_mentions_teaches_the_registry() {
    let mut f = statement();
    let kalong =
        f.p.create_entity(
            NewEntity {
                key: Some("kalong".into()),
                aliases: vec![NewAlias::new(Lang::Zh, "嘉朗")],
                ..entity(
                    "organisation",
                    Some("嘉朗贸易有限公司"),
                    Some("Ka Long Trading Company Limited"),
                )
            },
            ACTOR,
        )
        .unwrap();
    let simplified = mark(
        &mut f,
        Lang::Zh,
        "嘉朗贸易有限公司",
        0,
        "organisation",
        None,
        MentionStatus::Suggested,
    );
    let traditional = mark(
        &mut f,
        Lang::Zh,
        "嘉朗貿易有限公司",
        0,
        "organisation",
        None,
        MentionStatus::Suggested,
    );
    let upper = mark(
        &mut f,
        Lang::Zh,
        "KA LONG TRADING COMPANY LIMITED",
        0,
        "organisation",
        None,
        MentionStatus::Suggested,
    );
    let short_name = mark(
        &mut f,
        Lang::En,
        "Ka Long",
        2,
        "organisation",
        None,
        MentionStatus::Suggested,
    );
    let before = names(&f, kalong).len();
    let (after, n) = round_trip(&mut f, |p| {
        p.link_mentions(
            &[simplified, traditional, upper, short_name],
            Some(kalong),
            ACTOR,
        )
        .unwrap()
    });
    assert_eq!(n, 4);
    assert!(after
        .mentions
        .iter()
        .all(|m| m.entity == Some(kalong) && m.status == MentionStatus::Accepted));
    let e = after.entities.iter().find(|e| e.id == kalong).unwrap();
    assert_eq!(e.mention_count, 4);
    let learned: Vec<_> = e
        .aliases
        .iter()
        .map(|a| (a.lang, a.script, a.text.as_str()))
        .collect();
    assert_eq!(
        learned,
        [
            (Lang::Zh, Script::Simplified, "嘉朗"),
            (Lang::Zh, Script::Traditional, "嘉朗貿易有限公司"),
            (Lang::Zh, Script::Latin, "KA LONG TRADING COMPANY LIMITED"),
            (Lang::En, Script::Latin, "Ka Long"),
        ]
    );
    assert_eq!(
        names(&f, kalong).len(),
        before + 3,
        "the preferred name is not repeated"
    );
    let event = &f.p.history(3).unwrap()[2];
    assert_eq!(event.action, ACTION_LINK_MENTIONS);
    assert_eq!(
        event.summary,
        "link 4 mentions to entity 1 (嘉朗贸易有限公司 / Ka Long Trading Company Limited), adding 3 aliases"
    );
    assert_error(
        refused(&mut f, |p| {
            p.link_mentions(&[simplified], Some(kalong), ACTOR)
        }),
        "invalid",
        &["mention 1 is already linked to entity 1"],
    );
    // A mention linked later with the same quote adds nothing.
    let again = mark(
        &mut f,
        Lang::En,
        "Ka Long",
        3,
        "organisation",
        None,
        MentionStatus::Suggested,
    );
    f.p.link_mentions(&[again], Some(kalong), ACTOR).unwrap();
    assert_eq!(names(&f, kalong).len(), before + 3);
    // Unlinking keeps the status and the learned names.
    let (after, n) = round_trip(&mut f, |p| {
        p.link_mentions(&[again, upper], None, ACTOR).unwrap()
    });
    assert_eq!(n, 2);
    let m = after.mentions.iter().find(|m| m.id == again).unwrap();
    assert_eq!((m.entity, m.status), (None, MentionStatus::Accepted));
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: unlink 2 mentions"
    );
    assert_error(
        refused(&mut f, |p| p.link_mentions(&[again], None, ACTOR)),
        "invalid",
        &["not linked"],
    );
    // Accepting a linked suggestion teaches too; a suggested one does not until accepted.
    let weichuan =
        f.p.create_entity(entity("place", Some("渭川市"), None), ACTOR)
            .unwrap();
    let suggested = mark(
        &mut f,
        Lang::En,
        "Weichuan City",
        0,
        "place",
        Some(weichuan),
        MentionStatus::Suggested,
    );
    assert_eq!(names(&f, weichuan).len(), 1);
    f.p.set_mention_status(&[suggested], MentionStatus::Accepted, ACTOR)
        .unwrap();
    assert_eq!(
        names(&f, weichuan),
        [
            (Lang::Zh, "渭川市".to_owned(), true),
            (Lang::En, "Weichuan City".to_owned(), false)
        ]
    );
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "accept 1 mention, adding alias \"Weichuan City\""
    );
}

/// An entity with everything that can hang on it: aliases, an external id, mentions, a
/// relation with an anchor, a claim it makes and one it is the subject of.
fn everything_on(f: &mut Fixture) -> (EntityId, EntityId) {
    let ouyang =
        f.p.create_entity(
            NewEntity {
                key: Some("ouyang-chong".into()),
                ..entity("person", Some("欧阳翀"), Some("Ouyang Chong"))
            },
            ACTOR,
        )
        .unwrap();
    let inst =
        f.p.create_entity(
            NewEntity {
                key: Some("inst14".into()),
                aliases: vec![
                    NewAlias::new(Lang::Zh, "十四所"),
                    NewAlias::new(Lang::En, "Institute 14"),
                ],
                ..entity(
                    "organisation",
                    Some("国家特种材料工业委员会第十四研究所"),
                    None,
                )
            },
            ACTOR,
        )
        .unwrap();
    f.p.add_external_id(inst, "unit-code", "14", ACTOR).unwrap();
    mark(
        f,
        Lang::Zh,
        "十四所",
        0,
        "organisation",
        Some(inst),
        MentionStatus::Accepted,
    );
    mark(
        f,
        Lang::Zh,
        "十四所",
        1,
        "organisation",
        Some(inst),
        MentionStatus::Suggested,
    );
    mark(
        f,
        Lang::En,
        "Institute 14",
        0,
        "organisation",
        Some(inst),
        MentionStatus::Accepted,
    );
    mark(
        f,
        Lang::Zh,
        "欧阳翀",
        0,
        "person",
        Some(ouyang),
        MentionStatus::Accepted,
    );
    let anchors = vec![anchor(f, Lang::Zh, "进入国家特种材料工业委员会", 0)];
    f.p.add_relation(
        NewRelation {
            type_name: "works_for".into(),
            source: ouyang,
            target: inst,
            note: "2006–2018".into(),
            anchors,
        },
        ACTOR,
    )
    .unwrap();
    let anchors = vec![anchor(f, Lang::En, "Institute 14", 1)];
    f.p.create_claim(
        NewClaim {
            summary: "Institute 14 ran a special-channel procurement scheme".into(),
            claimant: Some(ouyang),
            subjects: vec![inst],
            anchors,
            ..NewClaim::default()
        },
        ACTOR,
    )
    .unwrap();
    f.p.create_claim(
        NewClaim {
            summary: "Institute 14 is called Qinling Precision Materials Institute outside".into(),
            claimant: Some(inst),
            subjects: vec![inst, ouyang],
            ..NewClaim::default()
        },
        ACTOR,
    )
    .unwrap();
    (ouyang, inst)
}

#[test]
fn deleting_an_entity_cascades_and_undo_restores_everything() {
    let mut f = statement();
    let (ouyang, inst) = everything_on(&mut f);
    assert_sound(&f.p);
    let (after, ()) = round_trip(&mut f, |p| p.delete_entity(inst, ACTOR).unwrap());
    assert_eq!(after.entities.len(), 1);
    assert_eq!(after.entities[0].id, ouyang);
    assert!(after.relations.is_empty());
    assert!(after.registry.iter().all(|n| n.entity == ouyang));
    // Mentions keep span, type and status, without the link.
    assert_eq!(after.mentions.len(), 4);
    let orphans: Vec<_> = after
        .mentions
        .iter()
        .filter(|m| m.entity.is_none())
        .collect();
    assert_eq!(orphans.len(), 3);
    assert!(orphans.iter().all(|m| m.type_name == "organisation"));
    assert_eq!(after.claims[0].subjects, []);
    assert_eq!(after.claims[1].claimant, None);
    assert_eq!(after.claims[1].subjects, [ouyang]);
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: delete entity 2 (国家特种材料工业委员会第十四研究所) with 2 aliases, 1 external id, \
         1 relation, 2 claim subjects; unlinked 3 mentions, 1 claim"
    );
    // Undo of the whole sequence goes back to an empty project, step by step.
    while f.p.undo(ACTOR).unwrap().is_some() {
        assert_sound(&f.p);
    }
    let empty = state(&f);
    assert!(empty.entities.is_empty() && empty.mentions.is_empty() && empty.claims.is_empty());
}

#[test]
fn merging_entities_moves_everything_and_undo_splits_them_again() {
    let mut f = statement();
    let (ouyang, inst) = everything_on(&mut f);
    // The same institute entered twice, under its English name.
    let dup =
        f.p.create_entity(
            NewEntity {
                key: Some("institute-14".into()),
                notes: "Seen in the English text.".into(),
                aliases: vec![
                    NewAlias::new(Lang::En, "Institute 14"),
                    NewAlias::new(Lang::Zh, "十四所"),
                ],
                ..entity(
                    "place",
                    Some("第十四研究所"),
                    Some("No. 14 Research Institute"),
                )
            },
            ACTOR,
        )
        .unwrap();
    f.p.add_external_id(dup, "unit-code", "14", ACTOR).unwrap();
    f.p.add_external_id(dup, "old-code", "SM-14", ACTOR)
        .unwrap();
    let m = mark(
        &mut f,
        Lang::En,
        "Institute 14",
        2,
        "organisation",
        Some(dup),
        MentionStatus::Accepted,
    );
    f.p.add_relation(
        NewRelation {
            type_name: "subordinate_of".into(),
            source: dup,
            target: inst,
            note: String::new(),
            anchors: vec![anchor(&f, Lang::Zh, "特材委", 0)],
        },
        ACTOR,
    )
    .unwrap();
    f.p.add_relation(
        NewRelation {
            type_name: "met_with".into(),
            source: ouyang,
            target: dup,
            note: String::new(),
            anchors: Vec::new(),
        },
        ACTOR,
    )
    .unwrap();
    let claim =
        f.p.create_claim(
            NewClaim {
                summary: "The institute is in the high-tech zone".into(),
                claimant: Some(dup),
                subjects: vec![dup, inst],
                ..NewClaim::default()
            },
            ACTOR,
        )
        .unwrap();

    let (after, ()) = round_trip(&mut f, |p| p.merge_entities(inst, dup, ACTOR).unwrap());
    assert!(after.entities.iter().all(|e| e.id != dup));
    let kept = after.entities.iter().find(|e| e.id == inst).unwrap();
    assert_eq!(kept.type_name, "organisation", "keep's type stays");
    assert_eq!(kept.key.as_deref(), Some("inst14"));
    assert_eq!(
        kept.name_en.as_deref(),
        Some("No. 14 Research Institute"),
        "a missing name is filled"
    );
    assert_eq!(kept.notes, "Seen in the English text.");
    let aliases: Vec<_> = kept
        .aliases
        .iter()
        .map(|a| (a.lang, a.text.as_str()))
        .collect();
    assert_eq!(
        aliases,
        [
            (Lang::Zh, "十四所"),
            (Lang::Zh, "第十四研究所"),
            (Lang::En, "Institute 14")
        ]
    );
    let ids: Vec<_> = kept.external_ids.iter().map(|x| x.value.as_str()).collect();
    assert_eq!(ids, ["SM-14", "14"]);
    assert_eq!(kept.mention_count, 4);
    assert_eq!(
        after.mentions.iter().find(|x| x.id == m).unwrap().entity,
        Some(inst)
    );
    // dup subordinate_of inst became inst → inst and went; ouyang met_with dup now meets inst.
    let rels: Vec<_> = after
        .relations
        .iter()
        .map(|r| (r.source, r.type_name.as_str(), r.target))
        .collect();
    assert_eq!(
        rels,
        [(ouyang, "works_for", inst), (ouyang, "met_with", inst)]
    );
    let c = after.claims.iter().find(|c| c.id == claim).unwrap();
    assert_eq!((c.claimant, c.subjects.clone()), (Some(inst), vec![inst]));
    let event = &f.p.history(3).unwrap()[2];
    assert_eq!(event.action, ACTION_MERGE_ENTITIES);
    assert_eq!(
        event.summary,
        "merge entity 3 (第十四研究所 / No. 14 Research Institute) into 2 (国家特种材料工业委员会第十四研究所): \
         moved 1 mention, 1 alias, 1 external id, 1 relation, 1 claim, deleted 1 relation between them"
    );
    assert_eq!(
        after.registry.iter().filter(|n| n.entity == inst).count(),
        5
    );
}

#[test]
fn merge_summary_names_both_entities() {
    let mut f = statement();
    let costind =
        f.p.create_entity(entity("organisation", None, Some("COSTIND")), ACTOR)
            .unwrap();
    let guofang =
        f.p.create_entity(entity("organisation", Some("国防科工委"), None), ACTOR)
            .unwrap();
    f.p.merge_entities(costind, guofang, ACTOR).unwrap();
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "merge entity 2 (国防科工委) into 1 (COSTIND): moved nothing"
    );
    let v = f.p.entity(costind).unwrap();
    assert_eq!(
        (v.name_zh.as_deref(), v.name_en.as_deref()),
        (Some("国防科工委"), Some("COSTIND"))
    );
}

#[test]
fn splitting_an_entity_moves_the_chosen_mentions_and_aliases() {
    let mut f = statement();
    // One entity conflating the commission and its institute.
    let mixed =
        f.p.create_entity(
            NewEntity {
                aliases: vec![
                    NewAlias::new(Lang::Zh, "特材委"),
                    NewAlias::new(Lang::Zh, "十四所"),
                    NewAlias::new(Lang::En, "Institute 14"),
                ],
                ..entity("organisation", Some("国家特种材料工业委员会"), None)
            },
            ACTOR,
        )
        .unwrap();
    let aliases: Vec<AliasId> =
        f.p.entity(mixed)
            .unwrap()
            .aliases
            .iter()
            .map(|a| a.id)
            .collect();
    let keep = mark(
        &mut f,
        Lang::Zh,
        "特材委",
        0,
        "organisation",
        Some(mixed),
        MentionStatus::Accepted,
    );
    let m1 = mark(
        &mut f,
        Lang::Zh,
        "十四所",
        0,
        "organisation",
        Some(mixed),
        MentionStatus::Accepted,
    );
    let m2 = mark(
        &mut f,
        Lang::En,
        "Institute 14",
        0,
        "organisation",
        Some(mixed),
        MentionStatus::Accepted,
    );
    let new = || NewEntity {
        key: Some("inst14".into()),
        ..entity("organisation", Some("十四所"), Some("Institute 14"))
    };
    let (after, inst) = round_trip(&mut f, |p| {
        p.split_entity(
            mixed,
            new(),
            vec![m1, m2],
            vec![aliases[1], aliases[2]],
            ACTOR,
        )
        .unwrap()
    });
    let e = |id| after.entities.iter().find(|e| e.id == id).unwrap();
    assert_eq!(e(mixed).aliases.len(), 1);
    assert_eq!(e(mixed).mention_count, 1);
    // The moved aliases equal the new entity's preferred names, so they are not doubled.
    assert!(e(inst).aliases.is_empty());
    assert_eq!(e(inst).mention_count, 2);
    let linked = |id| after.mentions.iter().find(|m| m.id == id).unwrap().entity;
    assert_eq!(
        (linked(keep), linked(m1), linked(m2)),
        (Some(mixed), Some(inst), Some(inst))
    );
    assert!(f.p.history(1).unwrap()[0]
        .summary
        .starts_with("redo: split entity 2 (十四所 / Institute 14) off entity 1 (国家特种材料工业委员会), moving 2 mentions, 2 aliases"));

    let free = mark(
        &mut f,
        Lang::Zh,
        "特材委",
        1,
        "organisation",
        None,
        MentionStatus::Accepted,
    );
    let err = refused(&mut f, |p| {
        p.split_entity(
            mixed,
            entity("organisation", Some("别的"), None),
            vec![keep, free],
            vec![],
            ACTOR,
        )
    });
    assert_error(
        err,
        "invalid",
        &[&format!("mention {free} is not linked to entity 1")],
    );
    let err = refused(&mut f, |p| {
        p.split_entity(
            mixed,
            entity("organisation", Some("别的"), None),
            vec![],
            vec![AliasId(99)],
            ACTOR,
        )
    });
    assert_error(err, "not_found", &["alias 99 does not exist"]);
}

#[test]
fn relations_and_their_anchors() {
    let mut f = statement();
    let shan =
        f.p.create_entity(entity("person", Some("单骞"), Some("Shan Qian")), ACTOR)
            .unwrap();
    let inst =
        f.p.create_entity(entity("organisation", Some("十四所"), None), ACTOR)
            .unwrap();
    let anchors = vec![anchor(&f, Lang::Zh, "十四所所长是单骞", 0)];
    let (after, rel) = round_trip(&mut f, |p| {
        p.add_relation(
            NewRelation {
                type_name: "directs".into(),
                source: shan,
                target: inst,
                note: "director until 2019".into(),
                anchors,
            },
            ACTOR,
        )
        .unwrap()
    });
    let r = &after.relations[0];
    assert_eq!(
        (r.id, r.source, r.type_name.as_str(), r.target),
        (rel, shan, "directs", inst)
    );
    assert_eq!(r.anchors[0].quote, "十四所所长是单骞");
    assert_eq!(
        (r.anchors[0].document, r.anchors[0].lang),
        (f.doc, Lang::Zh)
    );
    assert_eq!(
        f.p.history(1).unwrap()[0].summary,
        "redo: add relation 1: 单骞 / Shan Qian (1) directs 十四所 (2)"
    );
    let shan_en = anchor(&f, Lang::En, "Shan Qian", 0);
    let again = shan_en.clone();
    let (after, a) = round_trip(&mut f, |p| {
        p.add_relation_anchor(rel, shan_en, ACTOR).unwrap()
    });
    assert_eq!(after.relations[0].anchors.len(), 2);
    assert_error(
        refused(&mut f, |p| p.add_relation_anchor(rel, again, ACTOR)),
        "invalid",
        &["relation 1 is already anchored"],
    );
    round_trip(&mut f, |p| p.remove_relation_anchor(a, ACTOR).unwrap());
    let new = |type_name: &str, source: EntityId, target: EntityId| NewRelation {
        type_name: type_name.into(),
        source,
        target,
        note: String::new(),
        anchors: Vec::new(),
    };
    assert_error(
        refused(&mut f, |p| {
            p.add_relation(new("directs", shan, shan), ACTOR)
        }),
        "invalid",
        &["an entity cannot be related to itself"],
    );
    assert_error(
        refused(&mut f, |p| {
            p.add_relation(new("employs", shan, inst), ACTOR)
        }),
        "invalid",
        &["relation type \"employs\" is not in the schema (works_for, directs,"],
    );
    assert_error(
        refused(&mut f, |p| {
            p.add_relation(new("directs", shan, EntityId(9)), ACTOR)
        }),
        "not_found",
        &["entity 9 does not exist"],
    );
    let mut bad = new("directs", shan, inst);
    bad.anchors.push(NewAnchor {
        quote: Some("单骞".into()),
        ..anchor(&f, Lang::Zh, "曾鋆", 0)
    });
    assert_error(
        refused(&mut f, |p| p.add_relation(bad, ACTOR)),
        "invalid",
        &["anchor quote mismatch: text 1 has \"曾鋆\""],
    );
    let (after, ()) = round_trip(&mut f, |p| p.delete_relation(rel, ACTOR).unwrap());
    assert!(after.relations.is_empty());
    assert_error(
        refused(&mut f, |p| p.delete_relation(rel, ACTOR)),
        "not_found",
        &["relation 1 does not exist"],
    );
}

#[test]
fn check_reports_orphaned_anchors() {
    let mut f = statement();
    let (_ouyang, _inst) = everything_on(&mut f);
    let report = f.p.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems());
    assert_eq!(
        (
            report.entities,
            report.mentions,
            report.relations,
            report.claims,
            report.anchors
        ),
        (2, 4, 1, 2, 2)
    );
    assert!(report
        .summary()
        .ends_with(", 2 entities, 4 mentions, 1 relations, 2 claims, 2 anchors, 0 sources"));
    // Damage the file behind the store's back: quotes that no longer match.
    f.p.conn()
        .execute_batch(
            "UPDATE mentions SET quote = '十五所' WHERE id = 1;
             UPDATE mentions SET \"end\" = 99999 WHERE id = 2;
             UPDATE relation_anchors SET quote = 'x';
             UPDATE claim_anchors SET start = start + 1;",
        )
        .unwrap();
    let report = f.p.check().unwrap();
    let m = report.mismatches.join("\n");
    assert!(
        m.contains("mention 1 is orphaned: stored quote \"十五所\" but text 1 reads \"十四所\""),
        "{m}"
    );
    assert!(m.contains("mention 2: offsets"), "{m}");
    assert!(m.contains("are outside text 1"), "{m}");
    assert!(m.contains("relation anchor 1 is orphaned"), "{m}");
    assert!(m.contains("claim anchor 1 is orphaned"), "{m}");
    assert_eq!(report.mismatches.len(), 4, "{m}");
    let views = f.p.mentions(f.doc).unwrap();
    let orphaned: Vec<_> = views
        .iter()
        .filter(|v| v.orphaned)
        .map(|v| v.id.0)
        .collect();
    assert_eq!(orphaned, [1, 2]);
    assert!(f.p.relations().unwrap()[0].anchors[0].orphaned);
    assert!(f.p.claims().unwrap()[0].anchors[0].orphaned);
}

#[test]
fn undo_refuses_when_an_annotation_changed_behind_its_back() {
    let mut f = statement();
    let id = f.p.create_entity(scosmi(), ACTOR).unwrap();
    f.p.update_entity(
        id,
        EntityPatch {
            notes: Some("x".into()),
            ..EntityPatch::default()
        },
        ACTOR,
    )
    .unwrap();
    f.p.conn()
        .execute("UPDATE entities SET notes = 'edited elsewhere'", [])
        .unwrap();
    let err = refused(&mut f, |p| p.undo(ACTOR));
    assert_error(err, "invalid", &["cannot undo", "no longer holds"]);
}

/// A V2 file (alignment schema, before annotations) with one document is migrated to the
/// latest schema, keeps its document and can be annotated.
#[test]
fn a_version_2_file_is_migrated_and_can_be_annotated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.duizhao");
    make_v2(&path);
    let mut p = Project::open(&path).unwrap();
    assert_eq!(p.schema_version().unwrap(), MIGRATIONS.len() as i64);
    assert_sound(&p);
    assert_eq!(p.entity_types().unwrap().len(), 7);
    let doc = p.list_documents().unwrap()[0].id;
    let e = p
        .create_entity(entity("person", Some("单骞"), None), ACTOR)
        .unwrap();
    p.add_mention(
        NewMention {
            quote: Some("单骞".into()),
            ..new_mention(
                doc,
                Lang::Zh,
                (0, 2),
                "person",
                Some(e),
                MentionStatus::Accepted,
            )
        },
        ACTOR,
    )
    .unwrap();
    assert_eq!(p.mentions(doc).unwrap()[0].suffix, "签字。");
    assert_sound(&p);
    p.undo(ACTOR).unwrap().unwrap();
    assert!(p.mentions(doc).unwrap().is_empty());
}

fn make_v2(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(MIGRATIONS[0]).unwrap();
    conn.execute_batch(MIGRATIONS[1]).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 2;
         INSERT INTO documents (id, title, kind) VALUES (1, 'Old', 'statement');
         INSERT INTO texts (id, document_id, lang, content, char_len, sha256, encoding,
                            encoding_detected, had_bom, newlines_normalised)
              VALUES (1, 1, 'zh', '单骞签字。', 5, 'x', 'UTF-8', 0, 0, 0),
                     (2, 1, 'en', 'Shan signed.', 12, 'y', 'UTF-8', 0, 0, 0);
         INSERT INTO sentences (id, text_id, ordinal, start, \"end\", paragraph, quote)
              VALUES (1, 1, 0, 0, 5, 0, '单骞签字。'), (2, 2, 0, 0, 12, 0, 'Shan signed.');
         INSERT INTO sentence_tokens (sentence_id, count, offsets, pos)
              VALUES (1, 0, x'', NULL), (2, 0, x'', NULL);
         INSERT INTO alignments (id, zh_text_id, en_text_id) VALUES (1, 1, 2);
         INSERT INTO beads (id, alignment_id, position, confidence, origin, status)
              VALUES (1, 1, 0, 0.5, 'auto', 'unconfirmed');
         INSERT INTO bead_sentences (alignment_id, sentence_id, bead_id, lang)
              VALUES (1, 1, 1, 'zh'), (1, 2, 1, 'en');",
    )
    .unwrap();
}

/// The schema's CHECK constraints back up the validation in Rust: rows written past the
/// store are refused by SQLite too.
#[test]
fn the_schema_refuses_bad_rows_on_its_own() {
    let f = statement();
    let e = f.p.create_entity_for_test();
    let bad = [
        "INSERT INTO entity_types (name, position) VALUES ('Weapon', 9)",
        "INSERT INTO entities (type_id) VALUES (1)",
        "INSERT INTO aliases (entity_id, lang, script, text) VALUES (?1, 'zh', 'cyrillic', 'x')",
        "INSERT INTO mentions (text_id, start, \"end\", quote, type_id, origin, status)
              VALUES (1, 5, 5, '', 1, 'manual', 'accepted')",
        "INSERT INTO relations (type_id, source_id, target_id) VALUES (1, ?1, ?1)",
        "INSERT INTO claims (summary, status) VALUES ('two
lines', 'unverified')",
        "INSERT INTO claims (summary, status, time_label, time_earliest)
              VALUES ('x', 'unverified', 'late February', '2019-02-30')",
        "INSERT INTO claims (summary, status, time_label, time_earliest, time_latest)
              VALUES ('x', 'unverified', 'autumn', '2019-11-01', '2019-09-01')",
        "INSERT INTO claims (summary, status, time_earliest) VALUES ('x', 'unverified', '2019-01-01')",
        "INSERT INTO claims (summary, status) VALUES ('x', 'true')",
        "INSERT INTO sources (title, kind, reliability, credibility) VALUES ('x', 'document', 'G', 1)",
        "INSERT INTO sources (title, kind, reliability, credibility) VALUES ('x', 'document', 'A', 7)",
        "INSERT INTO sources (title, kind, reliability, credibility) VALUES ('x', 'rumour', 'A', 1)",
    ];
    for sql in bad {
        let params: &[&dyn rusqlite::ToSql] = if sql.contains("?1") { &[&e] } else { &[] };
        assert!(f.p.conn().execute(sql, params).is_err(), "accepted: {sql}");
    }
    f.p.conn()
        .execute_batch(
            "INSERT INTO claims (id, summary, status) VALUES (1, 'x', 'unverified');
             INSERT INTO claims (id, summary, status, time_label, time_earliest, time_latest)
                  VALUES (2, 'y', 'disputed', 'in 2019', '2019-01-01', '2019-12-31');",
        )
        .unwrap();
    assert!(f
        .p
        .conn()
        .execute(
            "INSERT INTO claim_links (from_claim_id, to_claim_id, kind) VALUES (1, 1, 'supports')",
            [],
        )
        .is_err());
}

impl Project {
    /// An entity made straight in SQL, for schema tests.
    fn create_entity_for_test(&self) -> i64 {
        self.conn()
            .execute(
                "INSERT INTO entities (type_id, name_zh) VALUES (1, '单骞')",
                [],
            )
            .unwrap();
        self.conn().last_insert_rowid()
    }
}
