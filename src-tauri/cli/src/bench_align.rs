//! `duizhao bench-align`: how alignment time and memory grow with document length. Builds
//! documents of N sentences per side by repeating a seed pair of texts (the corpus statement
//! by default) and aligns each, printing seconds and peak memory per size.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use duizhao_core::align::{preload_dictionary, Aligner};
use duizhao_core::{decode, CharIndex, Lang, Segmenter};
use duizhao_store::files::read_source;

use crate::bench::peak_memory_mb;

#[derive(Args)]
pub struct BenchAlignArgs {
    /// Chinese seed text (running text, any supported encoding).
    #[arg(long)]
    zh: PathBuf,
    /// English seed text, the translation of --zh.
    #[arg(long)]
    en: PathBuf,
    /// Sizes to measure, in sentences per side.
    #[arg(long, value_delimiter = ',', default_value = "1000,5000,20000")]
    sentences: Vec<usize>,
}

fn sentences(path: &Path, lang: Lang, segmenter: &Segmenter) -> Result<Vec<String>, String> {
    let bytes = read_source(path).map_err(|e| e.to_string())?;
    let text = decode(&bytes, None)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .text;
    let index = CharIndex::new(&text);
    let out: Vec<String> = segmenter
        .sentences(&text, lang)
        .iter()
        .filter_map(|s| index.slice(s.start, s.end).map(str::to_string))
        .collect();
    if out.is_empty() {
        return Err(format!("{}: no sentences", path.display()));
    }
    Ok(out)
}

pub fn run(args: BenchAlignArgs) -> Result<(), String> {
    let segmenter = Segmenter::new();
    let started = Instant::now();
    preload_dictionary();
    println!("dictionary load: {:.3} s", started.elapsed().as_secs_f64());
    let zh_seed = sentences(&args.zh, Lang::Zh, &segmenter)?;
    let en_seed = sentences(&args.en, Lang::En, &segmenter)?;
    let mut sizes = args.sentences.clone();
    sizes.sort_unstable();
    println!("sentences/side\talign s\ts per 1k\tpeak MB");
    for n in sizes {
        let zh: Vec<&str> = zh_seed.iter().cycle().take(n).map(String::as_str).collect();
        let en_n = n * en_seed.len() / zh_seed.len();
        let en: Vec<&str> = en_seed
            .iter()
            .cycle()
            .take(en_n)
            .map(String::as_str)
            .collect();
        let clock = Instant::now();
        let beads = Aligner::new(&segmenter).align(&zh, &en, &[]);
        let seconds = clock.elapsed().as_secs_f64();
        assert!(!beads.is_empty());
        println!(
            "{n}\t{seconds:.3}\t{:.3}\t{}",
            seconds * 1000.0 / n as f64,
            peak_memory_mb().map_or("n/a".into(), |mb| format!("{mb:.0}"))
        );
    }
    Ok(())
}
