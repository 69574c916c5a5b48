//! `duizhao suggest`: entity-mention suggestions, in two forms.
//!
//! - `duizhao suggest --lang zh|en FILE [--registry GAZETTEER.tsv]` treats each line of FILE
//!   as a text of its own and prints one JSON object per mention:
//!   `{"line":…,"start":…,"end":…,"type":…,"text":…,"origin":…}` (plus `"entity"`, the
//!   gazetteer key, for registry matches). Lines are numbered from 1 and offsets are code
//!   points within the line.
//! - `duizhao suggest PROJECT DOC` suggests mentions in both texts of a project's document
//!   with the project's registry and stores them as suggestions (never accepted) in one
//!   undoable step.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use duizhao_core::suggest::gazetteer::{parse_entries, parse_gazetteer, GazetteerEntry};
use duizhao_core::suggest::{RegistryName, Suggester};
use duizhao_core::{decode, Lang};
use duizhao_store::files::read_source;

use duizhao_store::{MentionStatus, Project};

use crate::{actor, stdout_error};

#[derive(Args)]
pub struct SuggestArgs {
    /// The text file (.txt or .md; the encoding is detected), or with DOCUMENT the project.
    file: PathBuf,
    /// A document of the project FILE (its ID from `duizhao list`): store suggestions there.
    document: Option<i64>,
    /// The language of FILE: zh or en (the file form only).
    #[arg(long, conflicts_with = "document")]
    lang: Option<String>,
    /// A gazetteer whose names are suggested wherever they occur (tab-separated:
    /// key, type, zh, en, aliases; see corpus/seed-gazetteer.tsv).
    #[arg(long, conflicts_with = "document")]
    registry: Option<PathBuf>,
    /// Force this encoding instead of detecting it (e.g. gbk, big5, utf-16le).
    #[arg(long, conflicts_with = "document")]
    encoding: Option<String>,
}

/// Read and parse a gazetteer file as registry names; errors name the file (and the line).
pub fn load_gazetteer(path: &Path) -> Result<Vec<RegistryName>, String> {
    parse_gazetteer(&gazetteer_text(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// Read and parse a gazetteer file as entities (for loading it into a project's registry).
pub fn load_gazetteer_entries(path: &Path) -> Result<Vec<GazetteerEntry>, String> {
    parse_entries(&gazetteer_text(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn gazetteer_text(path: &Path) -> Result<String, String> {
    let bytes = read_source(path).map_err(|e| e.to_string())?;
    Ok(decode(&bytes, None)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .text)
}

pub fn run(args: SuggestArgs) -> Result<(), String> {
    if let Some(document) = args.document {
        return store_suggestions(&args.file, document);
    }
    let lang: Lang = match &args.lang {
        Some(lang) => lang.parse().map_err(|e| format!("--lang: {e}"))?,
        None => {
            return Err(format!(
                "{}: give the language of the file with --lang zh or --lang en",
                args.file.display()
            ))
        }
    };
    let registry = match &args.registry {
        Some(path) => load_gazetteer(path)?,
        None => Vec::new(),
    };
    let keys: HashMap<i64, String> = registry
        .iter()
        .filter_map(|n| n.key.clone().map(|k| (n.entity, k)))
        .collect();
    let bytes = read_source(&args.file).map_err(|e| e.to_string())?;
    let decoded = decode(&bytes, args.encoding.as_deref())
        .map_err(|e| format!("{}: {e}", args.file.display()))?;
    let suggester = Suggester::new(&registry);

    let lines: Vec<&str> = decoded.text.split('\n').collect();
    let per_line = suggester.suggest_each(lines.iter().copied(), lang);
    let mut out = BufWriter::new(io::stdout().lock());
    for ((number, line), suggestions) in (1..).zip(&lines).zip(per_line) {
        let chars: Vec<char> = line.chars().collect();
        for s in suggestions {
            let Some(text) = chars.get(s.start..s.end) else {
                continue;
            };
            let mut object = serde_json::json!({
                "line": number,
                "start": s.start,
                "end": s.end,
                "type": s.type_name,
                "text": text.iter().collect::<String>(),
                "origin": s.origin.as_str(),
            });
            if let Some(key) = s.entity.and_then(|id| keys.get(&id)) {
                object["entity"] = serde_json::Value::String(key.clone());
            }
            writeln!(out, "{object}").map_err(stdout_error)?;
        }
    }
    out.flush().map_err(stdout_error)
}

/// The project form: suggest with the project's registry and store the suggestions.
fn store_suggestions(project: &Path, document: i64) -> Result<(), String> {
    let mut store = Project::open(project).map_err(|e| e.to_string())?;
    let added = store
        .suggest_mentions(document, &actor())
        .map_err(|e| e.to_string())?;
    let by_origin = store
        .mentions(document)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|m| m.status == MentionStatus::Suggested)
        .fold(std::collections::BTreeMap::new(), |mut counts, m| {
            *counts.entry(m.origin.to_string()).or_insert(0usize) += 1;
            counts
        });
    let pending: Vec<String> = by_origin
        .iter()
        .map(|(origin, n)| format!("{n} {origin}"))
        .collect();
    println!(
        "stored {added} new suggestion(s) in document {document}; waiting for review: {}",
        if pending.is_empty() {
            "none".to_string()
        } else {
            pending.join(", ")
        }
    );
    Ok(())
}
