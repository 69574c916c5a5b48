//! The store's tests, and the fixtures they share: prepared texts built by a tiny stand-in
//! segmenter, so these tests exercise the store alone and do not change when the real
//! segmentation in `duizhao_core` is tuned.

mod alignment;
mod annotation;
mod claims;
mod concurrency;
mod import;
mod open;
mod projection;

use std::path::{Path, PathBuf};

use duizhao_core::{Decoded, Lang, PreparedText, SentenceSpan, TokenSpan};

use crate::{DocumentKind, NewDocument, NewText, Project};

pub(crate) const ZH: &str =
    "国务院新闻办公室发表声明。声明说，“我们坚决反对。”\n\n第二段有𠀀字！结束了吗？";
pub(crate) const EN: &str = "The State Council Information Office issued a statement. It said: \"We firmly oppose it.\"\n\nThe second paragraph has a rare character! Is it over?";

/// Sentences end after 。！？.!? (and a closing quote right after), paragraphs are separated
/// by blank lines, whitespace at sentence edges is left out. Tokens: runs of ASCII letters
/// and digits, every other non-space character on its own.
pub(crate) fn prepare(lang: Lang, text: &str) -> PreparedText {
    let chars: Vec<char> = text.chars().collect();
    let mut sentences = Vec::new();
    let mut paragraph = 0;
    let mut i = 0;
    let mut newlines = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            if chars[i] == '\n' {
                newlines += 1;
            }
            i += 1;
            continue;
        }
        if newlines >= 2 && !sentences.is_empty() {
            paragraph += 1;
        }
        newlines = 0;
        let start = i;
        while i < chars.len() && chars[i] != '\n' {
            let c = chars[i];
            i += 1;
            if "。！？.!?".contains(c) {
                while i < chars.len() && "”\"」".contains(chars[i]) {
                    i += 1;
                }
                break;
            }
        }
        let mut end = i;
        while end > start && chars[end - 1].is_whitespace() {
            end -= 1;
        }
        sentences.push(SentenceSpan {
            start,
            end,
            paragraph,
        });
    }
    let mut tokens = Vec::new();
    for s in &sentences {
        let mut j = s.start;
        while j < s.end {
            let c = chars[j];
            if c.is_whitespace() {
                j += 1;
                continue;
            }
            let start = j;
            if c.is_ascii_alphanumeric() {
                while j < s.end && chars[j].is_ascii_alphanumeric() {
                    j += 1;
                }
            } else {
                j += 1;
            }
            let pos = if c.is_ascii_punctuation() || "。，“”！？".contains(c) {
                Some("x")
            } else {
                None
            };
            tokens.push(TokenSpan { start, end: j, pos });
        }
    }
    PreparedText {
        lang,
        decoded: Decoded {
            text: text.to_string(),
            encoding: "UTF-8".into(),
            detected: false,
            had_bom: false,
            newlines_normalised: false,
            sha256: "0".repeat(64),
        },
        char_len: chars.len(),
        sentences,
        tokens,
    }
}

pub(crate) fn doc(title: &str) -> NewDocument {
    NewDocument {
        title: title.into(),
        kind: DocumentKind::Statement,
        source: Some("fixture".into()),
        texts: vec![
            NewText {
                prepared: prepare(Lang::Zh, ZH),
                original_name: Some("zh.txt".into()),
            },
            NewText {
                prepared: prepare(Lang::En, EN),
                original_name: Some("en.txt".into()),
            },
        ],
    }
}

/// A fresh project in a temporary folder; keep the `TempDir` alive for the test's length.
pub(crate) fn new_project() -> (tempfile::TempDir, PathBuf, Project) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.duizhao");
    let project = Project::create(&path).unwrap();
    (dir, path, project)
}

/// Count rows of a table through a separate connection, so the project under test is not
/// the one answering.
pub(crate) fn count(path: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_fixture_segmenter_produces_valid_spans() {
    let zh = prepare(Lang::Zh, ZH);
    assert_eq!(zh.sentences.len(), 4);
    assert_eq!(zh.sentences[2].paragraph, 1);
    let en = prepare(Lang::En, EN);
    assert_eq!(en.sentences.len(), 4);
    assert!(en.tokens.len() > 20);
}
