//! Importing documents through the one write path, the history it leaves, the immutability
//! triggers, and `check`.

use duizhao_core::{Lang, TokenSpan};
use serde_json::json;

use super::{count, doc, new_project, prepare, EN, ZH};
use crate::{
    Change, DocumentId, DocumentKind, NewDocument, NewText, StoreError, TextId, ACTION_IMPORT,
};

const TABLES: [&str; 5] = [
    "documents",
    "texts",
    "sentences",
    "sentence_tokens",
    "events",
];

#[test]
fn import_stores_document_texts_sentences_and_tokens() {
    let (_dir, path, mut p) = new_project();
    let input = doc("Statement on the matter");
    let zh_tokens = input.texts[0].prepared.tokens.len() as i64;
    let en_tokens = input.texts[1].prepared.tokens.len() as i64;
    let id = p.import_document(input, "alice").unwrap();

    let list = p.list_documents().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, id);
    assert_eq!(list[0].title, "Statement on the matter");
    assert_eq!(list[0].kind, DocumentKind::Statement);
    assert_eq!((list[0].zh_sentences, list[0].en_sentences), (4, 4));
    assert!(list[0].created_at.ends_with('Z'));

    let view = p.document(id).unwrap();
    assert_eq!(view.source.as_deref(), Some("fixture"));
    assert_eq!(view.texts.len(), 2);
    let zh = &view.texts[0];
    assert_eq!(zh.lang, Lang::Zh);
    assert_eq!(zh.original_name.as_deref(), Some("zh.txt"));
    assert_eq!(zh.char_len, ZH.chars().count() as i64);
    assert_eq!(zh.sentences[0].text, "国务院新闻办公室发表声明。");
    assert_eq!(zh.sentences[1].text, "声明说，“我们坚决反对。”");
    assert_eq!(zh.sentences[2].text, "第二段有𠀀字！");
    assert_eq!(zh.sentences[2].paragraph, 1);
    // Code points, not bytes or UTF-16 units: 𠀀 counts once.
    assert_eq!(zh.sentences[3].start, zh.sentences[2].end);
    assert_eq!(view.texts[1].lang, Lang::En);
    assert_eq!(view.texts[1].sentences[3].text, "Is it over?");
    assert_eq!(p.text_content(zh.id).unwrap(), ZH);
    assert_eq!(p.text_content(view.texts[1].id).unwrap(), EN);

    // One packed row per sentence, holding all of that sentence's tokens.
    assert_eq!(count(&path, "sentence_tokens"), 8);
    let (stored, tags): (i64, String) = p
        .conn()
        .query_row(
            "SELECT sum(count), group_concat(pos, ' ') FROM sentence_tokens",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(stored, zh_tokens + en_tokens);
    assert!(tags.split(' ').any(|t| t == "x"), "{tags}");

    let history = p.history(10).unwrap();
    assert_eq!(history.len(), 1);
    let e = &history[0];
    assert_eq!(
        (e.actor.as_str(), e.action.as_str()),
        ("alice", ACTION_IMPORT)
    );
    assert!(
        e.summary.contains("Statement on the matter"),
        "{}",
        e.summary
    );
    assert!(!e.undone);
    assert_eq!(e.payload["before"], json!(null));
    assert_eq!(e.payload["after"]["document_id"], json!(id.0));
    assert_eq!(e.payload["after"]["texts"][0]["lang"], json!("zh"));
    let report = p.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(
        report.summary(),
        format!(
            "1 documents, 2 texts, 8 sentences, {} tokens",
            zh_tokens + en_tokens
        )
    );
}

#[test]
fn every_import_writes_exactly_one_event() {
    let (_dir, path, mut p) = new_project();
    for i in 1..=3 {
        p.import_document(doc(&format!("Doc {i}")), "test").unwrap();
        assert_eq!(count(&path, "events"), i);
    }
    let h = p.history(2).unwrap();
    assert_eq!(h.len(), 2, "limit is honoured");
    assert!(h[0].id > h[1].id, "newest first");
    assert!(h[0].summary.contains("Doc 3"));
}

#[test]
fn unknown_document_and_text_are_not_found() {
    let (_dir, path, p) = new_project();
    let e = p.document(DocumentId(42)).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert!(e.to_string().contains("document 42"), "{e}");
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    assert_eq!(p.text_content(TextId(7)).unwrap_err().code(), "not_found");
    assert_eq!(p.document(42).unwrap_err().code(), "not_found");
}

fn assert_empty(path: &std::path::Path) {
    for t in TABLES {
        assert_eq!(count(path, t), 0, "{t} should be empty");
    }
}

#[test]
fn invalid_input_is_refused_before_anything_is_written() {
    let (_dir, path, mut p) = new_project();

    let mut d = doc("Bad token");
    let len = d.texts[1].prepared.char_len;
    d.texts[1].prepared.tokens.push(TokenSpan {
        start: len,
        end: len + 3,
        pos: None,
    });
    let e = p.import_document(d, "test").unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("ends after the text"), "{e}");
    assert!(e.to_string().contains("en.txt"), "{e}");

    let mut d = doc("Token between sentences");
    let gap = d.texts[0].prepared.sentences[1].end; // the "\n\n" after sentence 1
    d.texts[0].prepared.tokens.retain(|t| t.start < gap);
    d.texts[0].prepared.tokens.push(TokenSpan {
        start: gap,
        end: gap + 1,
        pos: None,
    });
    let e = p.import_document(d, "test").unwrap_err();
    assert!(e.to_string().contains("not inside a sentence"), "{e}");

    let mut d = doc("Wrong length");
    d.texts[0].prepared.char_len += 1;
    assert_eq!(p.import_document(d, "test").unwrap_err().code(), "invalid");

    let mut d = doc("Overlap");
    d.texts[0].prepared.sentences[1].start -= 1;
    assert!(p
        .import_document(d, "test")
        .unwrap_err()
        .to_string()
        .contains("overlaps"));

    assert_eq!(
        p.import_document(doc("  "), "test").unwrap_err().code(),
        "invalid"
    );
    let mut d = doc("No texts");
    d.texts.clear();
    assert_eq!(p.import_document(d, "test").unwrap_err().code(), "invalid");
    assert_eq!(
        p.import_document(doc("No actor"), " ").unwrap_err().code(),
        "invalid"
    );

    assert_empty(&path);
}

#[test]
fn a_failure_in_the_middle_of_an_import_leaves_nothing_behind() {
    let (_dir, path, mut p) = new_project();
    // Fail on the tokens of the second text's third sentence: by then the document, the
    // first text with its sentences and tokens, and part of the second have been inserted.
    p.conn()
        .execute_batch(
            "CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON sentence_tokens
              WHEN (SELECT count(*) FROM sentences) = 7
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .unwrap();
    let e = p.import_document(doc("Doomed"), "test").unwrap_err();
    assert!(e.to_string().contains("injected failure"), "{e}");
    assert_empty(&path);

    p.conn()
        .execute_batch("DROP TRIGGER temp.fail_midway")
        .unwrap();
    p.import_document(doc("Fine"), "test").unwrap();
    assert_eq!(count(&path, "documents"), 1);
    assert_eq!(count(&path, "events"), 1);
    assert!(p.check().unwrap().is_ok());
}

#[test]
fn an_error_from_a_change_rolls_back_its_rows_and_its_event() {
    let (_dir, path, mut p) = new_project();
    let r: Result<(), StoreError> = p.write("test", "doomed", |tx| {
        tx.execute(
            "INSERT INTO documents (title, kind) VALUES ('half', 'other')",
            [],
        )?;
        Err(StoreError::Invalid("changed my mind".into()))
    });
    assert_eq!(r.unwrap_err().code(), "invalid");
    assert_empty(&path);

    let id = p
        .write("test", "custom", |tx| {
            tx.execute(
                "INSERT INTO documents (title, kind) VALUES ('whole', 'other')",
                [],
            )?;
            Ok((
                tx.last_insert_rowid(),
                Change::new("added a document", json!({"before": null, "after": 1})),
            ))
        })
        .unwrap();
    assert_eq!(id, 1);
    let h = p.history(5).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].action, "custom");
    assert_eq!(h[0].payload, json!({"before": null, "after": 1}));
}

#[test]
fn texts_sentences_and_history_refuse_to_change() {
    let (_dir, _path, mut p) = new_project();
    p.import_document(doc("Immutable"), "test").unwrap();
    let c = p.conn();

    let e = c
        .execute("UPDATE texts SET content = 'rewritten' WHERE id = 1", [])
        .unwrap_err();
    assert!(e.to_string().contains("texts are immutable"), "{e}");
    let e = c
        .execute("UPDATE texts SET original_name = 'other.txt'", [])
        .unwrap_err();
    assert!(e.to_string().contains("immutable"), "{e}");
    let e = c
        .execute("UPDATE sentences SET quote = 'x' WHERE id = 1", [])
        .unwrap_err();
    assert!(e.to_string().contains("immutable"), "{e}");
    let e = c.execute("DELETE FROM events", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    let e = c
        .execute("UPDATE events SET summary = 'lie'", [])
        .unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    // Marking an event undone is how undo will work, so that stays possible.
    c.execute("UPDATE events SET undone = 1", []).unwrap();
    assert!(p.history(1).unwrap()[0].undone);
    assert_eq!(p.text_content(TextId(1)).unwrap(), ZH);
}

#[test]
fn check_reports_a_corrupted_quote_and_stray_tokens() {
    let (_dir, _path, mut p) = new_project();
    p.import_document(doc("Checked"), "test").unwrap();
    assert!(p.check().unwrap().is_ok());

    // Only a hand edit behind the store's back can do this: drop the guard first.
    p.conn()
        .execute_batch(
            "DROP TRIGGER sentences_are_immutable;
             UPDATE sentences SET quote = '国务院发表声明。' WHERE text_id = 1 AND ordinal = 0;
             -- a token of the English sentence 1 that ends far past the sentence
             UPDATE sentence_tokens SET offsets = CAST(x'0000000010270000' || substr(offsets, 9) AS BLOB)
              WHERE sentence_id = (SELECT id FROM sentences WHERE text_id = 2 AND ordinal = 1);
             -- one POS tag too few for the Chinese sentence 2
             UPDATE sentence_tokens SET pos = substr(pos, instr(pos, ' ') + 1)
              WHERE sentence_id = (SELECT id FROM sentences WHERE text_id = 1 AND ordinal = 2);",
        )
        .unwrap();
    let report = p.check().unwrap();
    assert!(!report.is_ok());
    assert_eq!(report.problems().len(), 3);
    assert!(report
        .problems()
        .iter()
        .all(|l| l.starts_with("mismatch: ")));
    assert!(report.integrity.is_empty());
    assert!(report.foreign_key_violations.is_empty());
    assert_eq!(report.mismatches.len(), 3, "{:#?}", report.mismatches);
    assert!(
        report.mismatches[0].contains("text 1 sentence 0"),
        "{:?}",
        report.mismatches
    );
    assert!(report.mismatches[0].contains("国务院新闻办公室发表声明。"));
    assert!(
        report
            .mismatches
            .iter()
            .any(|m| m.contains("text 2 sentence 1: token 0")
                && m.contains("ends after the sentence"))
    );
    assert!(report
        .mismatches
        .iter()
        .any(|m| m.contains("text 1 sentence 2") && m.contains("POS tags")));
}

#[test]
fn check_reports_foreign_key_violations() {
    let (_dir, _path, mut p) = new_project();
    p.import_document(doc("Orphans"), "test").unwrap();
    p.conn()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO sentence_tokens (sentence_id, count, offsets) VALUES (99, 0, x'');
             PRAGMA foreign_keys = ON;",
        )
        .unwrap();
    let report = p.check().unwrap();
    assert_eq!(report.foreign_key_violations.len(), 1, "{report:?}");
    assert!(report.foreign_key_violations[0].contains("sentence_tokens"));
}

#[test]
fn a_single_language_document_and_other_kinds_import() {
    let (_dir, _path, mut p) = new_project();
    let id = p
        .import_document(
            NewDocument {
                title: "Ministry notice".into(),
                kind: DocumentKind::Notice,
                source: None,
                texts: vec![NewText {
                    prepared: prepare(Lang::Zh, "通知。"),
                    original_name: None,
                }],
            },
            "test",
        )
        .unwrap();
    let s = &p.list_documents().unwrap()[0];
    assert_eq!(
        (s.id, s.kind, s.zh_sentences, s.en_sentences),
        (id, DocumentKind::Notice, 1, 0)
    );
    assert!(p.check().unwrap().is_ok());
}

#[test]
fn document_kind_parses_and_prints() {
    for k in [
        DocumentKind::Statement,
        DocumentKind::Notice,
        DocumentKind::Evidence,
        DocumentKind::Other,
    ] {
        assert_eq!(k.to_string().parse::<DocumentKind>().unwrap(), k);
        assert_eq!(serde_json::to_value(k).unwrap(), json!(k.as_str()));
    }
    assert_eq!(
        "memo".parse::<DocumentKind>().unwrap_err().code(),
        "invalid"
    );
}

/// The real pipeline from `duizhao_core` (decode, sentences, jieba tokens) feeds the store
/// spans it accepts, and `check` agrees with them.
#[test]
fn texts_prepared_by_core_import_and_check_clean() {
    use duizhao_core::{prepare_text, Segmenter};
    let seg = Segmenter::new();
    let zh = "　　国务院新闻办公室发表声明。声明说：“我们坚决反对。”\r\n\r\n第二段有𠀀字！《关于某某的通知》已经发布。\n";
    let en = "The State Council Information Office issued a statement. Mr. Smith said: \"We firmly oppose it.\"\n\nThe U.S. Department of State replied! Is it over?\n";
    let texts = [(Lang::Zh, zh.as_bytes()), (Lang::En, en.as_bytes())]
        .into_iter()
        .map(|(lang, bytes)| NewText {
            prepared: prepare_text(bytes, lang, None, &seg).unwrap(),
            original_name: Some(format!("{lang}.txt")),
        })
        .collect();
    let (_dir, _path, mut p) = new_project();
    let id = p
        .import_document(
            NewDocument {
                title: "Real pipeline".into(),
                kind: DocumentKind::Statement,
                source: None,
                texts,
            },
            "test",
        )
        .unwrap();
    let view = p.document(id).unwrap();
    assert_eq!(
        view.texts[0].sentences[0].text,
        "国务院新闻办公室发表声明。"
    );
    assert!(view.texts[0].sha256.len() == 64);
    assert!(p.check().unwrap().is_ok());
}
