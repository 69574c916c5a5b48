//! Throughput of Chinese segmentation against bare jieba.
//!
//! `cargo run --release -p duizhao-core --example segment_throughput [CHARS]`
//!
//! Builds a text of about CHARS (default 1,000,000) Chinese characters laid out as
//! paragraphs of sentences with quotes and title marks, then times
//! `Segmenter::sentences` + `Segmenter::tokens` against `Jieba::cut(text, true)` on the
//! same text. The segmenter does more (sentence rules, the simplified shadow, POS tags),
//! and the target is at least half of jieba's throughput.

use duizhao_core::{Lang, Segmenter};
use std::time::Instant;

const SENTENCES: &[&str] = &[
    "国务院新闻办公室今天发表《新时代的中国国家安全》白皮书。",
    "发言人表示：“我们坚决反对任何形式的干涉。”",
    "会议由外交部副部长主持，来自三十多个国家的代表出席。",
    "据悉，该公司于2016年10月在北京注册成立，注册资本为五千万元。",
    "他说：“这份报告的内容完全不符合事实！”然后离开了会场。",
    "臺灣地區的經濟發展問題也在會上被討論。",
    "专家指出，相关数据显示出口增长了百分之三点五；进口则略有下降……",
    "该研究所的负责人𠮷先生拒绝置评。",
];

fn main() {
    let target: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let mut text = String::new();
    let mut chars = 0;
    let mut k = 0;
    while chars < target {
        let s = SENTENCES[k % SENTENCES.len()];
        text.push_str(s);
        chars += s.chars().count();
        k += 1;
        if k % 6 == 0 {
            text.push_str("\n\n　　");
            chars += 4;
        }
    }
    println!("text: {} chars, {} bytes", chars, text.len());

    let t = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let jieba_new = t.elapsed();
    let t = Instant::now();
    let segmenter = Segmenter::new();
    println!(
        "construction: Jieba::new {:.1} ms, Segmenter::new {:.1} ms",
        jieba_new.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3
    );
    // Warm up both (page in the dictionaries, fill jieba's scratch buffers).
    let warm: String = text.chars().take(10_000).collect();
    let _ = jieba.cut(&warm, true);
    let _ = segmenter.tokens(&warm, Lang::Zh, &segmenter.sentences(&warm, Lang::Zh));

    // The machine may be busy: take the best of a few runs of each.
    let runs = 5;
    let mut jieba_time = std::time::Duration::MAX;
    let mut total = std::time::Duration::MAX;
    let mut sentence_time = std::time::Duration::MAX;
    let (mut words, mut sentences, mut tokens) = (0, Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        words = jieba.cut(&text, true).len();
        jieba_time = jieba_time.min(t.elapsed());

        // Free the previous run's output outside the timed part, as jieba's is above.
        drop(std::mem::take(&mut sentences));
        drop(std::mem::take(&mut tokens));
        let t = Instant::now();
        sentences = segmenter.sentences(&text, Lang::Zh);
        sentence_time = sentence_time.min(t.elapsed());
        tokens = segmenter.tokens(&text, Lang::Zh, &sentences);
        total = total.min(t.elapsed());
    }
    println!(
        "jieba.cut:              {:>8.1} ms, {} words",
        jieba_time.as_secs_f64() * 1e3,
        words
    );
    println!(
        "sentences + tokens:     {:>8.1} ms ({:.1} ms sentences), {} sentences, {} tokens",
        total.as_secs_f64() * 1e3,
        sentence_time.as_secs_f64() * 1e3,
        sentences.len(),
        tokens.len()
    );
    println!(
        "relative throughput:    {:.0}% of jieba.cut (best of {runs})",
        100.0 * jieba_time.as_secs_f64() / total.as_secs_f64()
    );
}
