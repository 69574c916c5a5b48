//! `duizhao bench-import`: how fast a long statement goes through decoding, segmentation and
//! storage, measured against bare jieba-rs `cut` on the same Chinese text in the same run
//! (the ratio is the figure that matters, since both depend on the machine), plus the
//! process's peak memory.

use std::time::Instant;

use duizhao_core::{prepare_text, Lang, Segmenter};
use duizhao_store::ingest::{import_texts, ImportRequest, ImportSource};
use duizhao_store::{DocumentKind, NewDocument, NewText, Project};

pub struct BenchInput {
    pub zh: Vec<u8>,
    pub en: Vec<u8>,
    pub target_chars: usize,
}

/// Repeats `seed` (whole lines) until the result has at least `target_chars` code points,
/// so the text stays real prose with real sentence and paragraph boundaries.
fn repeat_to(seed: &str, target_chars: usize) -> String {
    let seed_chars = seed.chars().count().max(1);
    let copies = target_chars.div_ceil(seed_chars);
    let mut text = String::with_capacity(seed.len() * copies + copies);
    for _ in 0..copies {
        text.push_str(seed.trim_end());
        text.push_str("\n\n");
    }
    text
}

pub fn run(input: BenchInput) -> Result<String, String> {
    let zh_seed = String::from_utf8(input.zh).map_err(|_| "the Chinese seed file is not UTF-8")?;
    let en_seed = String::from_utf8(input.en).map_err(|_| "the English seed file is not UTF-8")?;
    let zh = repeat_to(&zh_seed, input.target_chars);
    // Keep the translation in proportion, as a real pair would be.
    let ratio = en_seed.chars().count() as f64 / zh_seed.chars().count().max(1) as f64;
    let en = repeat_to(&en_seed, (input.target_chars as f64 * ratio) as usize);
    let zh_chars = zh.chars().count();
    let en_chars = en.chars().count();

    let jieba = jieba_rs::Jieba::new();
    let started = Instant::now();
    let words = jieba.cut(&zh, true).len();
    let bare_seconds = started.elapsed().as_secs_f64();

    let segmenter = Segmenter::new();
    let dir =
        tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let mut project =
        Project::create(dir.path().join("bench.duizhao")).map_err(|e| e.to_string())?;

    // The Chinese text alone through decode, segment and store: the like-for-like figure
    // against bare `cut` on the same text.
    let started = Instant::now();
    let zh_prepared =
        prepare_text(zh.as_bytes(), Lang::Zh, None, &segmenter).map_err(|e| e.to_string())?;
    let zh_segment_seconds = started.elapsed().as_secs_f64();
    let zh_tokens = zh_prepared.tokens.len();
    project
        .import_document(
            NewDocument {
                title: "benchmark (zh only)".to_owned(),
                kind: DocumentKind::Other,
                source: None,
                texts: vec![NewText {
                    prepared: zh_prepared,
                    original_name: None,
                }],
            },
            "bench",
        )
        .map_err(|e| e.to_string())?;
    let zh_pipeline_seconds = started.elapsed().as_secs_f64();

    // The whole import a user runs: both files, as `duizhao import` does it.
    let started = Instant::now();
    let request = ImportRequest {
        title: Some("benchmark".to_owned()),
        kind: DocumentKind::Other,
        source: None,
        zh: ImportSource::new(zh.as_bytes(), "bench.zh.txt"),
        en: ImportSource::new(en.as_bytes(), "bench.en.txt"),
    };
    let id = import_texts(&mut project, &segmenter, request, "bench").map_err(|e| e.to_string())?;
    let pair_seconds = started.elapsed().as_secs_f64();
    let summary = project
        .list_documents()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or("the benchmark document vanished")?;
    let file_bytes = std::fs::metadata(project.path())
        .map(|m| m.len())
        .unwrap_or(0);

    let rate = |chars: usize, seconds: f64| chars as f64 / seconds.max(1e-9);
    let mut report = String::new();
    report.push_str(&format!(
        "text: {zh_chars} zh chars ({zh_tokens} tokens), {en_chars} en chars\n"
    ));
    report.push_str(&format!(
        "bare jieba-rs cut, zh (HMM):              {bare_seconds:7.3} s {:>11.0} chars/s ({words} words)\n",
        rate(zh_chars, bare_seconds)
    ));
    report.push_str(&format!(
        "duizhao decode + segment, zh:             {zh_segment_seconds:7.3} s {:>11.0} chars/s\n",
        rate(zh_chars, zh_segment_seconds)
    ));
    report.push_str(&format!(
        "duizhao decode + segment + store, zh:     {zh_pipeline_seconds:7.3} s {:>11.0} chars/s\n",
        rate(zh_chars, zh_pipeline_seconds)
    ));
    report.push_str(&format!(
        "ratio to bare cut (zh pipeline):          {:.2}\n",
        bare_seconds / zh_pipeline_seconds
    ));
    report.push_str(&format!(
        "import of the zh+en pair (duizhao import): {pair_seconds:7.3} s {:>11.0} chars/s over both texts; {} + {} sentences\n",
        rate(zh_chars + en_chars, pair_seconds),
        summary.zh_sentences,
        summary.en_sentences
    ));
    report.push_str(&format!(
        "project file after both imports: {:.1} MB\n",
        file_bytes as f64 / 1e6
    ));
    match peak_memory_mb() {
        Some(mb) => report.push_str(&format!("peak memory (VmHWM): {mb:.0} MB\n")),
        None => report.push_str("peak memory: not available on this platform\n"),
    }
    Ok(report)
}

/// Peak resident set size of this process, from /proc (Linux only).
pub(crate) fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
