//! `duizhao`, the command line over Duizhao's core and store: create a project, import a
//! statement and its translation, list and show documents, segment a file, check a project.
//! It is a thin adapter: parsing arguments, reading files, printing results. Every failure
//! ends the process with a one-line message that names the file and the problem.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod align;
mod annotate;
mod bench;
mod bench_align;
mod bench_suggest;
mod edit;
mod eval_suggest;
mod suggest;

use clap::{Parser, Subcommand, ValueEnum};
use duizhao_core::{decode, Lang, Segmenter};
use duizhao_store::files::read_source;
use duizhao_store::ingest::{import_texts, ImportRequest, ImportSource};
use duizhao_store::{DocumentKind, Project};

#[derive(Parser)]
#[command(
    name = "duizhao",
    version,
    about = "Align and annotate a Chinese statement with its English translation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty project file.
    Init { project: PathBuf },
    /// Import a Chinese text and its English translation as one document.
    Import {
        project: PathBuf,
        /// The Chinese file (.txt or .md; UTF-8/16, GB18030/GBK, Big5 are detected).
        #[arg(long)]
        zh: PathBuf,
        /// The English file (.txt or .md; UTF-8/16, Windows-1252 are detected).
        #[arg(long)]
        en: PathBuf,
        /// The document's title (default: the first line of the Chinese text).
        #[arg(long)]
        title: Option<String>,
        /// Force this encoding for both files instead of detecting it (e.g. gbk, big5, utf-16le).
        #[arg(long)]
        encoding: Option<String>,
        /// Force this encoding for the Chinese file only.
        #[arg(long, conflicts_with = "encoding")]
        zh_encoding: Option<String>,
        /// Force this encoding for the English file only.
        #[arg(long, conflicts_with = "encoding")]
        en_encoding: Option<String>,
        #[arg(long, value_enum, default_value_t = KindArg::Statement)]
        kind: KindArg,
    },
    /// One line per document: ID, title, Chinese sentences, English sentences (tab-separated).
    List { project: PathBuf },
    /// Print the numbered sentences of both languages of one document.
    Show { project: PathBuf, document: i64 },
    /// Print the sentences of a file one per line, or with --words its words.
    Segment {
        #[arg(long, value_enum)]
        lang: LangArg,
        file: PathBuf,
        /// Print the words of each input line separated by two spaces, one output line per input line.
        #[arg(long)]
        words: bool,
        #[arg(long)]
        encoding: Option<String>,
    },
    /// Check the project: SQLite integrity, and every stored sentence and token against its text.
    Check { project: PathBuf },
    /// Align sentences: a document of a project (stored as beads), or two files (printed,
    /// one bead per line: `[zh ids]:[en ids]`, ids from 0).
    Align(align::AlignArgs),
    /// Align every NNN.zh/NNN.en pair of a gold set and print strict and lax precision,
    /// recall and F1 (pooled), and the time taken.
    EvalAlign(align::EvalArgs),
    /// Align a document again, keeping every confirmed bead as it is.
    Realign { project: PathBuf, document: i64 },
    /// Benchmark alignment at several document lengths (time and peak memory).
    BenchAlign(bench_align::BenchAlignArgs),
    /// Alignment editing: beads, bead, sentence, link, undo, redo (see `edit`).
    #[command(flatten)]
    Edit(edit::EditCommand),
    /// Entities, mentions, relations, claims, evidence and the log (see `annotate`).
    #[command(flatten)]
    Annotate(annotate::AnnotateCommand),
    /// Suggest entity mentions in a text file: one JSON object per mention
    /// (line, start, end in code points within the line, type, text, origin).
    Suggest(suggest::SuggestArgs),
    /// Score entity-mention suggestions against the corpus gold (per origin, before and
    /// after the registry loop), or against a Chinese NER test set with --ner.
    EvalSuggest(eval_suggest::EvalSuggestArgs),
    /// Benchmark entity-mention suggestion over a long Chinese text.
    BenchSuggest(bench_suggest::BenchSuggestArgs),
    /// Benchmark import + segmentation + storage of a long text against bare jieba-rs `cut`.
    BenchImport {
        /// Chinese seed text (UTF-8), repeated until the target length is reached.
        #[arg(long)]
        zh: PathBuf,
        /// English seed text (UTF-8), repeated in proportion.
        #[arg(long)]
        en: PathBuf,
        /// Target length of the Chinese text in characters.
        #[arg(long, default_value_t = 1_000_000)]
        chars: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Statement,
    Notice,
    Evidence,
    Other,
}

impl From<KindArg> for DocumentKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Statement => DocumentKind::Statement,
            KindArg::Notice => DocumentKind::Notice,
            KindArg::Evidence => DocumentKind::Evidence,
            KindArg::Other => DocumentKind::Other,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // A closed pipe (`duizhao list p | head`) is not an error worth reporting.
            if !message.is_empty() {
                eprintln!("duizhao: error: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Init { project } => {
            Project::create(&project).map_err(|e| e.to_string())?;
            println!("created {}", project.display());
            Ok(())
        }
        Command::Import {
            project,
            zh,
            en,
            title,
            encoding,
            zh_encoding,
            en_encoding,
            kind,
        } => {
            let zh_bytes = read_source(&zh).map_err(|e| e.to_string())?;
            let en_bytes = read_source(&en).map_err(|e| e.to_string())?;
            let mut store = Project::open(&project).map_err(|e| e.to_string())?;
            let segmenter = Segmenter::new();
            let request = ImportRequest {
                title,
                kind: kind.into(),
                source: None,
                zh: ImportSource::new(&zh_bytes, &zh.display().to_string())
                    .with_encoding(zh_encoding.or_else(|| encoding.clone())),
                en: ImportSource::new(&en_bytes, &en.display().to_string())
                    .with_encoding(en_encoding.or(encoding)),
            };
            let imported = import_texts(&mut store, &segmenter, request, &actor())
                .map_err(|e| e.to_string())?;
            let summary = store
                .list_documents()
                .map_err(|e| e.to_string())?
                .into_iter()
                .find(|d| d.id == imported)
                .ok_or_else(|| format!("{}: the imported document vanished", project.display()))?;
            println!(
                "imported document {}\t{}\t{} zh sentences\t{} en sentences",
                summary.id, summary.title, summary.zh_sentences, summary.en_sentences
            );
            Ok(())
        }
        Command::List { project } => {
            let store = Project::open(&project).map_err(|e| e.to_string())?;
            let mut out = BufWriter::new(io::stdout().lock());
            for doc in store.list_documents().map_err(|e| e.to_string())? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    doc.id,
                    one_line(&doc.title),
                    doc.zh_sentences,
                    doc.en_sentences
                )
                .map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)
        }
        Command::Show { project, document } => {
            let store = Project::open(&project).map_err(|e| e.to_string())?;
            let view = store.document(document).map_err(|e| e.to_string())?;
            let mut out = BufWriter::new(io::stdout().lock());
            writeln!(out, "# {} {}", view.id, one_line(&view.title)).map_err(stdout_error)?;
            for text in &view.texts {
                writeln!(
                    out,
                    "\n## {} ({} sentences, {})",
                    text.lang,
                    text.sentences.len(),
                    text.encoding
                )
                .map_err(stdout_error)?;
                for sentence in &text.sentences {
                    writeln!(
                        out,
                        "{}\t{}",
                        sentence.ordinal + 1,
                        one_line(&sentence.text)
                    )
                    .map_err(stdout_error)?;
                }
            }
            out.flush().map_err(stdout_error)
        }
        Command::Segment {
            lang,
            file,
            words,
            encoding,
        } => segment(&file, lang.into(), words, encoding.as_deref()),
        Command::BenchImport { zh, en, chars } => {
            let report = bench::run(bench::BenchInput {
                zh: read_source(&zh).map_err(|e| e.to_string())?,
                en: read_source(&en).map_err(|e| e.to_string())?,
                target_chars: chars,
            })?;
            print!("{report}");
            Ok(())
        }
        Command::Suggest(args) => suggest::run(args),
        Command::EvalSuggest(args) => eval_suggest::run(args),
        Command::BenchSuggest(args) => bench_suggest::run(args),
        Command::Align(args) => align::align(args),
        Command::EvalAlign(args) => align::eval(args),
        Command::BenchAlign(args) => bench_align::run(args),
        Command::Realign { project, document } => align::realign(&project, document),
        Command::Edit(command) => edit::run(command),
        Command::Annotate(command) => annotate::run(command),
        Command::Check { project } => {
            let store = Project::open(&project).map_err(|e| e.to_string())?;
            let report = store.check().map_err(|e| e.to_string())?;
            if report.is_ok() {
                println!("ok: {}", report.summary());
                Ok(())
            } else {
                for problem in report.problems() {
                    println!("{problem}");
                }
                Err(format!(
                    "{}: the check found {} problem(s)",
                    project.display(),
                    report.problems().len()
                ))
            }
        }
    }
}

fn segment(file: &Path, lang: Lang, words: bool, encoding: Option<&str>) -> Result<(), String> {
    let bytes = read_source(file).map_err(|e| e.to_string())?;
    let decoded = decode(&bytes, encoding).map_err(|e| format!("{}: {e}", file.display()))?;
    let segmenter = Segmenter::new();
    let text = &decoded.text;
    let mut out = BufWriter::new(io::stdout().lock());
    if words {
        for line in text.lines() {
            writeln!(out, "{}", segmenter.words(line, lang).join("  ")).map_err(stdout_error)?;
        }
    } else {
        let index = duizhao_core::text::CharIndex::new(text);
        for sentence in segmenter.sentences(text, lang) {
            let slice = index
                .slice(sentence.start, sentence.end)
                .ok_or_else(|| format!("{}: sentence offsets outside the text", file.display()))?;
            writeln!(out, "{slice}").map_err(stdout_error)?;
        }
    }
    out.flush().map_err(stdout_error)
}

/// Who the history records as the author of CLI changes.
fn actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".to_owned());
    format!("{user} (duizhao cli)")
}

/// Tabs and newlines inside a title or sentence would break the line-per-record output.
fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

fn stdout_error(error: io::Error) -> String {
    if error.kind() == io::ErrorKind::BrokenPipe {
        String::new()
    } else {
        format!("cannot write to standard output: {error}")
    }
}
