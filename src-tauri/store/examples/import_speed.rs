//! How long does importing (and checking) a 1M-character text take?
//!
//! `cargo run --release -p duizhao-store --example import_speed [chars]`
//!
//! Builds a synthetic Chinese text of about `chars` code points (default 1,000,000) with a
//! sentence every ~30 characters and ~0.6 tokens per character, the shape jieba produces,
//! imports it into a fresh project in a temporary folder and prints the times. The spans are
//! made here rather than by `duizhao_core`'s segmenter so that only the store is measured.

use std::time::Instant;

use duizhao_core::{Decoded, Lang, PreparedText, SentenceSpan, TokenSpan};
use duizhao_store::{DocumentKind, NewDocument, NewText, Project};

fn synthetic(chars: usize) -> PreparedText {
    // Common characters, one astral one, so byte and code-point offsets differ throughout.
    let alphabet: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高𠀀"
        .chars()
        .collect();
    let mut text = String::with_capacity(chars * 3 + chars / 10);
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    let (mut pos, mut paragraph, mut seed) = (0usize, 0usize, 12345u64);
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    while pos < chars {
        let start = pos;
        let len = 20 + next(20) as usize; // 20..40 characters, the last one is 。
        let mut i = 0;
        while i < len - 1 {
            // Token lengths 1, 2 or 3 with weights giving ~1.67 chars per token.
            let t = [1, 1, 2, 2, 2, 3][next(6) as usize].min(len - 1 - i);
            for _ in 0..t {
                text.push(alphabet[next(alphabet.len() as u64) as usize]);
            }
            tokens.push(TokenSpan {
                start: pos + i,
                end: pos + i + t,
                pos: Some(["n", "v", "uj", "ns", "nr"][next(5) as usize]),
            });
            i += t;
        }
        text.push('。');
        tokens.push(TokenSpan {
            start: pos + len - 1,
            end: pos + len,
            pos: Some("x"),
        });
        pos += len;
        sentences.push(SentenceSpan {
            start,
            end: pos,
            paragraph,
        });
        if next(8) == 0 {
            text.push_str("\n\n");
            pos += 2;
            paragraph += 1;
        }
    }
    PreparedText {
        lang: Lang::Zh,
        decoded: Decoded {
            text,
            encoding: "UTF-8".into(),
            detected: false,
            had_bom: false,
            newlines_normalised: false,
            sha256: "0".repeat(64),
        },
        char_len: pos,
        sentences,
        tokens,
    }
}

/// User + system CPU seconds of this process so far (Linux; `None` elsewhere). Wall time
/// on a shared build machine mostly measures the other jobs; CPU time shows our own cost.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on every Linux we build for
}

fn main() {
    let chars: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("chars must be a number"))
        .unwrap_or(1_000_000);
    let prepared = synthetic(chars);
    let (n_chars, n_sentences, n_tokens) = (
        prepared.char_len,
        prepared.sentences.len(),
        prepared.tokens.len(),
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("speed.duizhao");
    let mut project = Project::create(&path).expect("create");

    let (t, cpu) = (Instant::now(), cpu_seconds());
    project
        .import_document(
            NewDocument {
                title: "Speed".into(),
                kind: DocumentKind::Statement,
                source: None,
                texts: vec![NewText {
                    prepared,
                    original_name: None,
                }],
            },
            "bench",
        )
        .expect("import");
    let import = t.elapsed();
    let import_cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);

    let t = Instant::now();
    let report = project.check().expect("check");
    let check = t.elapsed();
    assert!(report.is_ok(), "{report:?}");

    drop(project);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{n_chars} chars, {n_sentences} sentences, {n_tokens} tokens: import {:.0} ms ({} CPU), check {:.0} ms, file {:.1} MiB",
        import.as_secs_f64() * 1e3,
        import_cpu.map_or("? ms".to_string(), |s| format!("{:.0} ms", s * 1e3)),
        check.as_secs_f64() * 1e3,
        size as f64 / (1024.0 * 1024.0)
    );
}
