//! `duizhao align` (a document of a project, or two files) and `duizhao eval-align` (an
//! aligner run over a gold set, scored strict and lax).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use duizhao_core::align::eval::{parse_beads, Counts, Prf};
use duizhao_core::align::{preload_dictionary, Aligner, Bead};
use duizhao_core::{decode, Lang, Segmenter};
use duizhao_store::files::read_source;
use duizhao_store::{BeadStatus, Project};

use crate::{actor, stdout_error};

/// Either `PROJECT DOC` or `--zh FILE --en FILE`.
#[derive(Args)]
pub struct AlignArgs {
    /// The project file (with DOC): align that document and store the beads.
    #[arg(requires = "document", conflicts_with_all = ["zh", "en"])]
    project: Option<PathBuf>,
    /// The document's id (see `duizhao list`).
    document: Option<i64>,
    /// A Chinese file to align (with --en), printing the beads instead of storing them.
    #[arg(long, requires = "en")]
    zh: Option<PathBuf>,
    /// The English file to align with --zh.
    #[arg(long, requires = "zh")]
    en: Option<PathBuf>,
    /// The files hold one sentence per line (numbered from 0), instead of running text.
    #[arg(long, requires = "zh")]
    presegmented: bool,
    /// Force this encoding for both files (default: detected).
    #[arg(long)]
    encoding: Option<String>,
    /// Print each bead's confidence (0–1) after a tab.
    #[arg(long, requires = "zh")]
    confidence: bool,
}

pub fn align(args: AlignArgs) -> Result<(), String> {
    match (args.project, args.document, args.zh, args.en) {
        (Some(project), Some(document), None, None) => align_in_project(&project, document),
        (None, None, Some(zh), Some(en)) => align_files(
            &zh,
            &en,
            args.presegmented,
            args.encoding.as_deref(),
            args.confidence,
        ),
        _ => Err("give either PROJECT DOC, or --zh FILE --en FILE".into()),
    }
}

fn align_in_project(path: &Path, document: i64) -> Result<(), String> {
    align_stored(path, document, false)
}

/// `duizhao realign PROJECT DOC`: align again, keeping every confirmed bead as it is.
pub fn realign(path: &Path, document: i64) -> Result<(), String> {
    align_stored(path, document, true)
}

fn align_stored(path: &Path, document: i64, keep_confirmed: bool) -> Result<(), String> {
    let mut project = Project::open(path).map_err(|e| e.to_string())?;
    let segmenter = Segmenter::new();
    let aligner = Aligner::new(&segmenter);
    let started = Instant::now();
    project
        .align_with_links(document, &actor(), &aligner, keep_confirmed)
        .map_err(|e| e.to_string())?;
    let view = project
        .alignment(document)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{}: document {document} has no alignment", path.display()))?;
    let low = view.beads.iter().filter(|b| b.confidence < 0.5).count();
    let links: usize = view.beads.iter().map(|b| b.links.len()).sum();
    let confirmed = view
        .beads
        .iter()
        .filter(|b| b.status == BeadStatus::Confirmed)
        .count();
    println!(
        "{} document {document}: {} beads ({confirmed} confirmed kept, {low} below 50% confidence), {links} word links, in {:.2} s",
        if keep_confirmed { "realigned" } else { "aligned" },
        view.beads.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The sentences of a file: its lines when presegmented, else what the segmenter finds.
fn sentences_of(
    path: &Path,
    lang: Lang,
    presegmented: bool,
    encoding: Option<&str>,
    segmenter: &Segmenter,
) -> Result<Vec<String>, String> {
    let bytes = read_source(path).map_err(|e| e.to_string())?;
    let decoded = decode(&bytes, encoding).map_err(|e| format!("{}: {e}", path.display()))?;
    if presegmented {
        return Ok(decoded.text.lines().map(str::to_string).collect());
    }
    let index = duizhao_core::text::CharIndex::new(&decoded.text);
    segmenter
        .sentences(&decoded.text, lang)
        .iter()
        .map(|s| {
            index
                .slice(s.start, s.end)
                .map(str::to_string)
                .ok_or_else(|| format!("{}: sentence offsets outside the text", path.display()))
        })
        .collect()
}

fn align_files(
    zh: &Path,
    en: &Path,
    presegmented: bool,
    encoding: Option<&str>,
    with_confidence: bool,
) -> Result<(), String> {
    let segmenter = Segmenter::new();
    let zh_sentences = sentences_of(zh, Lang::Zh, presegmented, encoding, &segmenter)?;
    let en_sentences = sentences_of(en, Lang::En, presegmented, encoding, &segmenter)?;
    let beads = run_aligner(&segmenter, &zh_sentences, &en_sentences);
    let mut out = BufWriter::new(io::stdout().lock());
    for bead in &beads {
        if with_confidence {
            writeln!(out, "{}\t{:.2}", bead.to_gold_line(), bead.confidence)
        } else {
            writeln!(out, "{}", bead.to_gold_line())
        }
        .map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)
}

fn run_aligner(segmenter: &Segmenter, zh: &[String], en: &[String]) -> Vec<Bead> {
    let zh: Vec<&str> = zh.iter().map(String::as_str).collect();
    let en: Vec<&str> = en.iter().map(String::as_str).collect();
    Aligner::new(segmenter).align(&zh, &en, &[])
}

#[derive(Args)]
pub struct EvalArgs {
    /// Folder of Chinese files `NNN.zh`, one sentence per line.
    #[arg(long)]
    zh_dir: PathBuf,
    /// Folder of English files `NNN.en`, one sentence per line.
    #[arg(long)]
    en_dir: PathBuf,
    /// Folder of gold alignments `NNN.align` (`[zh ids]:[en ids]` per line).
    #[arg(long)]
    gold_dir: PathBuf,
}

pub fn eval(args: EvalArgs) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(&args.zh_dir)
        .map_err(|e| format!("{}: {e}", args.zh_dir.display()))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".zh").map(str::to_string)
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("{}: no NNN.zh files", args.zh_dir.display()));
    }
    let started = Instant::now();
    let segmenter = Segmenter::new();
    preload_dictionary();
    let loaded = started.elapsed();
    let mut total = Counts::default();
    let mut align_time = std::time::Duration::ZERO;
    let mut out = BufWriter::new(io::stdout().lock());
    for name in &names {
        let zh_path = args.zh_dir.join(format!("{name}.zh"));
        let en_path = args.en_dir.join(format!("{name}.en"));
        let gold_path = args.gold_dir.join(format!("{name}.align"));
        let zh = sentences_of(&zh_path, Lang::Zh, true, None, &segmenter)?;
        let en = sentences_of(&en_path, Lang::En, true, None, &segmenter)?;
        let gold_text = std::fs::read_to_string(&gold_path)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?;
        let gold = parse_beads(&gold_text).map_err(|e| format!("{}: {e}", gold_path.display()))?;
        let clock = Instant::now();
        let beads = run_aligner(&segmenter, &zh, &en);
        align_time += clock.elapsed();
        let test: Vec<_> = beads.iter().map(Into::into).collect();
        let mut counts = Counts::default();
        counts.add(&test, &gold);
        total.add(&test, &gold);
        writeln!(
            out,
            "{name}\t{} zh\t{} en\tstrict F1 {:.3}\tlax F1 {:.3}",
            zh.len(),
            en.len(),
            counts.strict().f1,
            counts.lax().f1
        )
        .map_err(stdout_error)?;
    }
    let line = |label: &str, s: Prf| {
        format!(
            "{label}\tprecision {:.3}\trecall {:.3}\tF1 {:.3}",
            s.precision, s.recall, s.f1
        )
    };
    writeln!(out, "{}", line("strict", total.strict())).map_err(stdout_error)?;
    writeln!(out, "{}", line("lax", total.lax())).map_err(stdout_error)?;
    writeln!(
        out,
        "time\t{} files\talign {:.3} s\tload (segmenter + CC-CEDICT) {:.3} s\ttotal {:.3} s",
        names.len(),
        align_time.as_secs_f64(),
        loaded.as_secs_f64(),
        started.elapsed().as_secs_f64()
    )
    .map_err(stdout_error)?;
    out.flush().map_err(stdout_error)
}
