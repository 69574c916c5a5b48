//! The alignment editing commands: `beads`, `bead …`, `sentence …`, `link …`, `undo`, `redo`.
//!
//! Addressing, the same everywhere: beads by DOCUMENT and their NUMBER as `duizhao beads`
//! prints it (from 1); sentences by DOCUMENT, LANGUAGE and their number as `duizhao show`
//! prints it (from 1); span links by their ID as `duizhao link list` prints it. Offsets given
//! to `link add` are code points into the text, as everywhere in Duizhao. Every edit is one
//! undoable change in the project's history.

use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use duizhao_core::Lang;
use duizhao_store::{
    AlignmentView, BeadSentence, BeadView, Direction, LinkStatus, Origin, Project, SentenceRow,
};

use crate::{actor, one_line, stdout_error, LangArg};

#[derive(Subcommand)]
pub enum EditCommand {
    /// One line per bead of a document: NUMBER, status, confidence, [zh]:[en] sentence
    /// numbers (from 1, as `duizhao show` prints them), the zh text and the en text (shortened).
    Beads { project: PathBuf, document: i64 },
    /// Confirm, merge, split a bead or move a sentence between beads (beads by their number
    /// from `duizhao beads`).
    #[command(subcommand)]
    Bead(BeadCommand),
    /// Split or merge sentences (numbers from `duizhao show`); the text never changes.
    #[command(subcommand)]
    Sentence(SentenceCommand),
    /// List, add, accept or remove word/phrase links inside beads.
    #[command(subcommand)]
    Link(LinkCommand),
    /// Undo the project's last alignment or sentence edit (imports are not undone).
    Undo { project: PathBuf },
    /// Redo the edit last undone, unless another edit was made since.
    Redo { project: PathBuf },
}

#[derive(Subcommand)]
pub enum BeadCommand {
    /// Mark bead NUMBER as checked; `realign` keeps confirmed beads.
    Confirm {
        project: PathBuf,
        document: i64,
        number: usize,
    },
    /// Take back the confirmation of bead NUMBER.
    Unconfirm {
        project: PathBuf,
        document: i64,
        number: usize,
    },
    /// Merge bead NUMBER with the bead after it.
    Merge {
        project: PathBuf,
        document: i64,
        number: usize,
    },
    /// Split bead NUMBER: its first ZH_COUNT zh and EN_COUNT en sentences stay, the rest
    /// become a new bead right after it.
    Split {
        project: PathBuf,
        document: i64,
        number: usize,
        zh_count: usize,
        en_count: usize,
    },
    /// Move a sentence of LANG out of bead NUMBER: with `previous` its first sentence goes to
    /// the end of the bead before, with `next` its last sentence to the start of the bead
    /// after. A bead left without sentences is deleted.
    Move {
        project: PathBuf,
        document: i64,
        number: usize,
        #[arg(value_enum)]
        lang: LangArg,
        #[arg(value_enum)]
        direction: DirectionArg,
    },
}

#[derive(Subcommand)]
pub enum SentenceCommand {
    /// Split sentence NUMBER of LANG in two, AT code points from the sentence's start.
    Split {
        project: PathBuf,
        document: i64,
        #[arg(value_enum)]
        lang: LangArg,
        number: usize,
        at: usize,
    },
    /// Merge sentence NUMBER of LANG with the sentence after it (both must be in one bead).
    Merge {
        project: PathBuf,
        document: i64,
        #[arg(value_enum)]
        lang: LangArg,
        number: usize,
    },
}

#[derive(Subcommand)]
pub enum LinkCommand {
    /// One line per link: ID, bead number, status, origin, zh START..END, zh quote,
    /// en START..END, en quote, reason (offsets in code points into the text).
    List { project: PathBuf, document: i64 },
    /// Link a zh span with an en span inside bead NUMBER. Each span is either START..END
    /// (code points into the text) or a phrase, taken at its first occurrence in the bead.
    Add {
        project: PathBuf,
        document: i64,
        number: usize,
        #[arg(long)]
        zh: String,
        #[arg(long)]
        en: String,
        /// Why the two spans correspond (free text).
        #[arg(long)]
        reason: Option<String>,
        /// Store the link as a suggestion to review instead of accepted.
        #[arg(long)]
        suggested: bool,
    },
    /// Accept the suggested link ID.
    Accept { project: PathBuf, link: i64 },
    /// Remove the link ID.
    Remove { project: PathBuf, link: i64 },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DirectionArg {
    Previous,
    Next,
}

impl From<DirectionArg> for Direction {
    fn from(d: DirectionArg) -> Self {
        match d {
            DirectionArg::Previous => Direction::Previous,
            DirectionArg::Next => Direction::Next,
        }
    }
}

fn open(project: &Path) -> Result<Project, String> {
    Project::open(project).map_err(|e| e.to_string())
}

fn aligned(store: &Project, document: i64) -> Result<AlignmentView, String> {
    store
        .alignment(document)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!(
                "document {document} of {} is not aligned yet: run `duizhao align` first",
                store.path().display()
            )
        })
}

/// Bead NUMBER (from 1) of a document.
fn bead_at(store: &Project, document: i64, number: usize) -> Result<BeadView, String> {
    let view = aligned(store, document)?;
    let count = view.beads.len();
    number
        .checked_sub(1)
        .and_then(|i| view.beads.get(i).cloned())
        .ok_or_else(|| {
            format!("document {document} has beads 1 to {count}; there is no bead {number}")
        })
}

/// Sentence NUMBER (from 1) of the document's current text in `lang`, the one aligned.
fn sentence_at(
    store: &Project,
    document: i64,
    lang: Lang,
    number: usize,
) -> Result<SentenceRow, String> {
    let view = store.document(document).map_err(|e| e.to_string())?;
    let superseded: Vec<_> = view.texts.iter().filter_map(|t| t.supersedes).collect();
    let text = view
        .texts
        .iter()
        .find(|t| t.lang == lang && !superseded.contains(&t.id))
        .ok_or_else(|| format!("document {document} has no {lang} text"))?;
    let count = text.sentences.len();
    number
        .checked_sub(1)
        .and_then(|i| text.sentences.get(i).cloned())
        .ok_or_else(|| {
            format!(
                "the {lang} text of document {document} has sentences 1 to {count}; there is no \
                 sentence {number}"
            )
        })
}

/// `START..END`, or a phrase looked up in the bead's sentences of one language.
fn span(spec: &str, side: &[BeadSentence], lang: Lang) -> Result<Range<usize>, String> {
    if let Some((a, b)) = spec.split_once("..") {
        if let (Ok(start), Ok(end)) = (a.trim().parse(), b.trim().parse()) {
            return Ok(start..end);
        }
    }
    for s in side {
        if let Some(byte) = s.text.find(spec) {
            let start = s.start as usize + s.text[..byte].chars().count();
            return Ok(start..start + spec.chars().count());
        }
    }
    Err(format!(
        "{spec:?} is neither START..END nor a phrase in the bead's {lang} sentences"
    ))
}

/// At most `max` characters, for one-line listings.
fn shorten(text: &str, max: usize) -> String {
    let text = one_line(text);
    match text.char_indices().nth(max) {
        Some((b, _)) => format!("{}…", &text[..b]),
        None => text,
    }
}

fn numbers(side: &[BeadSentence]) -> String {
    side.iter()
        .map(|s| (s.ordinal + 1).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn joined(side: &[BeadSentence]) -> String {
    side.iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(command: EditCommand) -> Result<(), String> {
    let who = actor();
    match command {
        EditCommand::Beads { project, document } => {
            let store = open(&project)?;
            let view = aligned(&store, document)?;
            let mut out = BufWriter::new(io::stdout().lock());
            for (i, b) in view.beads.iter().enumerate() {
                writeln!(
                    out,
                    "{}\t{}\t{:.2}\t[{}]:[{}]\t{}\t{}",
                    i + 1,
                    b.status,
                    b.confidence,
                    numbers(&b.zh),
                    numbers(&b.en),
                    shorten(&joined(&b.zh), 30),
                    shorten(&joined(&b.en), 60),
                )
                .map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)
        }
        EditCommand::Bead(command) => bead(command, &who),
        EditCommand::Sentence(command) => sentence(command, &who),
        EditCommand::Link(command) => link(command, &who),
        EditCommand::Undo { project } => {
            let mut store = open(&project)?;
            match store.undo(&who).map_err(|e| e.to_string())? {
                Some(event) => println!("undone: {}", event.summary),
                None => println!("nothing to undo"),
            }
            Ok(())
        }
        EditCommand::Redo { project } => {
            let mut store = open(&project)?;
            match store.redo(&who).map_err(|e| e.to_string())? {
                Some(event) => println!("redone: {}", event.summary),
                None => println!("nothing to redo"),
            }
            Ok(())
        }
    }
}

fn bead(command: BeadCommand, who: &str) -> Result<(), String> {
    match command {
        BeadCommand::Confirm {
            project,
            document,
            number,
        } => {
            let mut store = open(&project)?;
            let b = bead_at(&store, document, number)?;
            store.confirm_bead(b.id, who).map_err(|e| e.to_string())?;
            println!("confirmed bead {number}");
        }
        BeadCommand::Unconfirm {
            project,
            document,
            number,
        } => {
            let mut store = open(&project)?;
            let b = bead_at(&store, document, number)?;
            store.unconfirm_bead(b.id, who).map_err(|e| e.to_string())?;
            println!("unconfirmed bead {number}");
        }
        BeadCommand::Merge {
            project,
            document,
            number,
        } => {
            let mut store = open(&project)?;
            let first = bead_at(&store, document, number)?;
            let second = bead_at(&store, document, number + 1)
                .map_err(|e| format!("cannot merge bead {number} with the next one: {e}"))?;
            store
                .merge_beads(first.id, second.id, who)
                .map_err(|e| e.to_string())?;
            println!("merged beads {number} and {}", number + 1);
        }
        BeadCommand::Split {
            project,
            document,
            number,
            zh_count,
            en_count,
        } => {
            let mut store = open(&project)?;
            let b = bead_at(&store, document, number)?;
            store
                .split_bead(b.id, zh_count, en_count, who)
                .map_err(|e| e.to_string())?;
            println!("split bead {number} into beads {number} and {}", number + 1);
        }
        BeadCommand::Move {
            project,
            document,
            number,
            lang,
            direction,
        } => {
            let mut store = open(&project)?;
            let b = bead_at(&store, document, number)?;
            let lang = Lang::from(lang);
            store
                .move_sentence(b.id, lang, direction.into(), who)
                .map_err(|e| e.to_string())?;
            let summary = store
                .history(1)
                .map_err(|e| e.to_string())?
                .pop()
                .map(|e| e.summary)
                .unwrap_or_default();
            println!("{summary}");
        }
    }
    Ok(())
}

fn sentence(command: SentenceCommand, who: &str) -> Result<(), String> {
    match command {
        SentenceCommand::Split {
            project,
            document,
            lang,
            number,
            at,
        } => {
            let mut store = open(&project)?;
            let lang = Lang::from(lang);
            let s = sentence_at(&store, document, lang, number)?;
            store
                .split_sentence(s.id, s.start as usize + at, who)
                .map_err(|e| e.to_string())?;
            println!(
                "split {lang} sentence {number} into sentences {number} and {}",
                number + 1
            );
        }
        SentenceCommand::Merge {
            project,
            document,
            lang,
            number,
        } => {
            let mut store = open(&project)?;
            let lang = Lang::from(lang);
            let s = sentence_at(&store, document, lang, number)?;
            let next = sentence_at(&store, document, lang, number + 1)
                .map_err(|e| format!("cannot merge sentence {number} with the next one: {e}"))?;
            store
                .merge_sentences(s.id, next.id, who)
                .map_err(|e| e.to_string())?;
            println!("merged {lang} sentences {number} and {}", number + 1);
        }
    }
    Ok(())
}

fn link(command: LinkCommand, who: &str) -> Result<(), String> {
    match command {
        LinkCommand::List { project, document } => {
            let store = open(&project)?;
            let view = aligned(&store, document)?;
            let mut out = BufWriter::new(io::stdout().lock());
            for (i, b) in view.beads.iter().enumerate() {
                for l in &b.links {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}..{}\t{}\t{}..{}\t{}\t{}",
                        l.id,
                        i + 1,
                        l.status,
                        l.origin,
                        l.zh_start,
                        l.zh_end,
                        one_line(&l.zh_quote),
                        l.en_start,
                        l.en_end,
                        one_line(&l.en_quote),
                        one_line(l.reason.as_deref().unwrap_or("")),
                    )
                    .map_err(stdout_error)?;
                }
            }
            out.flush().map_err(stdout_error)
        }
        LinkCommand::Add {
            project,
            document,
            number,
            zh,
            en,
            reason,
            suggested,
        } => {
            let mut store = open(&project)?;
            let b = bead_at(&store, document, number)?;
            let zh = span(&zh, &b.zh, Lang::Zh)?;
            let en = span(&en, &b.en, Lang::En)?;
            let status = if suggested {
                LinkStatus::Suggested
            } else {
                LinkStatus::Accepted
            };
            let id = store
                .add_link(b.id, zh, en, Origin::Manual, status, reason.as_deref(), who)
                .map_err(|e| e.to_string())?;
            println!("added link {id} to bead {number}");
            Ok(())
        }
        LinkCommand::Accept { project, link } => {
            let mut store = open(&project)?;
            store.accept_link(link, who).map_err(|e| e.to_string())?;
            println!("accepted link {link}");
            Ok(())
        }
        LinkCommand::Remove { project, link } => {
            let mut store = open(&project)?;
            store.remove_link(link, who).map_err(|e| e.to_string())?;
            println!("removed link {link}");
            Ok(())
        }
    }
}
