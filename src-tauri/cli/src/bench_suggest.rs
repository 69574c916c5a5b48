//! `duizhao bench-suggest [--chars N]`: how fast entity-mention suggestion runs over a long
//! Chinese text, built by repeating corpus/statement.zh.txt (read at run time) to N
//! characters, with the seed gazetteer as the registry when it is there. Prints the time to
//! build the suggester and to suggest, the throughput, the number of mentions and the
//! process's peak memory.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use duizhao_core::suggest::Suggester;
use duizhao_core::{decode, Lang};
use duizhao_store::files::read_source;

use crate::bench::peak_memory_mb;
use crate::eval_suggest::find_corpus;
use crate::suggest::load_gazetteer;

#[derive(Args)]
pub struct BenchSuggestArgs {
    /// Length of the Chinese text in characters.
    #[arg(long, default_value_t = 1_000_000)]
    chars: usize,
    /// The corpus folder (default: corpus/ in the current folder or the nearest parent
    /// folder that has one).
    #[arg(long)]
    corpus: Option<PathBuf>,
}

pub fn run(args: BenchSuggestArgs) -> Result<(), String> {
    let corpus = find_corpus(args.corpus.as_deref())?;
    let seed_path = corpus.join("statement.zh.txt");
    let bytes = read_source(&seed_path).map_err(|e| e.to_string())?;
    let seed = decode(&bytes, None)
        .map_err(|e| format!("{}: {e}", seed_path.display()))?
        .text;
    let gazetteer = corpus.join("seed-gazetteer.tsv");
    let registry = if gazetteer.is_file() {
        load_gazetteer(&gazetteer)?
    } else {
        Vec::new()
    };

    // Whole copies of the statement, then cut to exactly N characters.
    let seed = format!("{}\n\n", seed.trim_end());
    let seed_chars = seed.chars().count().max(1);
    let copies = args.chars.div_ceil(seed_chars);
    let text: String = seed.repeat(copies).chars().take(args.chars).collect();
    let chars = text.chars().count();

    let started = Instant::now();
    let suggester = Suggester::new(&registry);
    let build_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let suggestions = suggester.suggest(&text, Lang::Zh);
    let seconds = started.elapsed().as_secs_f64();

    println!("chars\t{chars}");
    println!("registry names\t{}", suggester.registry_names());
    println!("build s\t{build_seconds:.3}");
    println!("suggest s\t{seconds:.3}");
    println!("chars/s\t{:.0}", chars as f64 / seconds.max(1e-9));
    println!("mentions\t{}", suggestions.len());
    println!(
        "peak RSS MB\t{}",
        peak_memory_mb().map_or("n/a".into(), |mb| format!("{mb:.0}"))
    );
    Ok(())
}
