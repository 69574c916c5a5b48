//! `duizhao eval-suggest`: entity-mention suggestions scored against the corpus gold
//! (exact span and type), per origin and overall, in two rounds:
//!
//! 1. with the seed gazetteer only;
//! 2. after the registry loop: the gold mentions of the first half of the statement (both
//!    languages; mentions starting before half of each file's code points) count as
//!    accepted by the analyst and linked to their gold entity, so their texts become
//!    aliases of those entities (new entities for keys the gazetteer lacks; dates and
//!    amounts are values, not registry entities, and are not added). The suggestions are
//!    then scored on the rest: the second half of the statement and the whole notice.
//!    Round 1 is scored on the same rest too, so the two are comparable.
//!
//! `--ner FILE` scores the suggester (no registry) on a character-per-line Chinese NER test
//! set (BIO/BMES) instead.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use duizhao_core::suggest::eval::{parse_char_ner, score, Counts, EvalMention, ScoreRow};
use duizhao_core::suggest::gazetteer::lang_of;
use duizhao_core::suggest::{RegistryName, SuggestOrigin, Suggester, ENTITY_TYPES};
use duizhao_core::{decode, Lang};
use duizhao_store::files::read_source;
use serde::Deserialize;
use serde_json::json;

use crate::stdout_error;
use crate::suggest::load_gazetteer;

#[derive(Args)]
pub struct EvalSuggestArgs {
    /// The corpus folder (default: corpus/ in the current folder or the nearest parent
    /// folder that has one).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Score on a character-per-line Chinese NER test set (`char TAG` lines, BIO or BMES)
    /// instead of the corpus.
    #[arg(long, conflicts_with = "corpus")]
    ner: Option<PathBuf>,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
}

/// The corpus folder: the one given, or `corpus/` in the current folder or an ancestor.
pub fn find_corpus(given: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = given {
        if !dir.is_dir() {
            return Err(format!("{}: no such corpus folder", dir.display()));
        }
        return Ok(dir.to_path_buf());
    }
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    cwd.ancestors()
        .map(|dir| dir.join("corpus"))
        .find(|dir| dir.join("statement.zh.txt").is_file())
        .ok_or_else(|| {
            format!(
                "{}: no corpus/ folder here or above (give one with --corpus)",
                cwd.display()
            )
        })
}

#[derive(Deserialize)]
struct GoldLine {
    doc: String,
    lang: String,
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    type_name: String,
    text: String,
    entity: String,
}

struct Text {
    id: String,
    doc: String,
    lang: Lang,
    content: String,
    /// Code points in the first half of the statement, which round 2 treats as accepted
    /// (0 for the notice: all of it is "the rest").
    half: usize,
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_source(path).map_err(|e| e.to_string())?;
    Ok(decode(&bytes, None)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .text)
}

pub fn run(args: EvalSuggestArgs) -> Result<(), String> {
    if let Some(ner) = &args.ner {
        return run_ner(ner, args.json);
    }
    let corpus = find_corpus(args.corpus.as_deref())?;
    let mut texts = Vec::new();
    for (doc, lang) in [
        ("statement", Lang::Zh),
        ("statement", Lang::En),
        ("notice", Lang::Zh),
        ("notice", Lang::En),
    ] {
        let content = read_text(&corpus.join(format!("{doc}.{lang}.txt")))?;
        let half = if doc == "statement" {
            content.chars().count() / 2
        } else {
            0
        };
        texts.push(Text {
            id: format!("{doc}/{lang}"),
            doc: doc.to_string(),
            lang,
            content,
            half,
        });
    }
    let gold_path = corpus.join("gold").join("entities.jsonl");
    let gold_text = read_text(&gold_path)?;
    let mut gold: Vec<(GoldLine, usize)> = Vec::new();
    for (i, line) in gold_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldLine = serde_json::from_str(line)
            .map_err(|e| format!("{}: line {}: {e}", gold_path.display(), i + 1))?;
        let Some(text_index) = texts
            .iter()
            .position(|t| t.doc == g.doc && t.lang.code() == g.lang)
        else {
            return Err(format!(
                "{}: line {}: unknown text {}/{}",
                gold_path.display(),
                i + 1,
                g.doc,
                g.lang
            ));
        };
        let quoted = duizhao_core::slice_chars(&texts[text_index].content, g.start, g.end);
        if quoted != Some(g.text.as_str()) {
            return Err(format!(
                "{}: line {}: `{}` is not at {}..{} of {}",
                gold_path.display(),
                i + 1,
                g.text,
                g.start,
                g.end,
                texts[text_index].id
            ));
        }
        gold.push((g, text_index));
    }
    let seed = load_gazetteer(&corpus.join("seed-gazetteer.tsv"))?;

    let mention = |g: &GoldLine, t: &Text| EvalMention {
        text_id: t.id.clone(),
        start: g.start,
        end: g.end,
        type_name: g.type_name.clone(),
    };
    let in_rest = |t: &Text, start: usize| start >= t.half;
    let gold_all: Vec<EvalMention> = gold.iter().map(|(g, i)| mention(g, &texts[*i])).collect();
    let gold_rest: Vec<EvalMention> = gold
        .iter()
        .filter(|(g, i)| in_rest(&texts[*i], g.start))
        .map(|(g, i)| mention(g, &texts[*i]))
        .collect();

    // Without any registry: what the rules and jieba find alone.
    let round0 = suggest_all(&Suggester::new(&[]), &texts);
    // Round 1: the seed gazetteer.
    let round1 = suggest_all(&Suggester::new(&seed), &texts);
    let rest_of =
        |suggested: &[(EvalMention, SuggestOrigin)]| -> Vec<(EvalMention, SuggestOrigin)> {
            suggested
                .iter()
                .filter(|(m, _)| {
                    texts
                        .iter()
                        .find(|t| t.id == m.text_id)
                        .is_some_and(|t| in_rest(t, m.start))
                })
                .cloned()
                .collect()
        };

    // Round 2: the registry loop over the first half of the statement.
    let mut registry = seed.clone();
    let mut ids: HashMap<String, i64> = seed
        .iter()
        .filter_map(|n| n.key.clone().map(|k| (k, n.entity)))
        .collect();
    let mut next_id = seed.iter().map(|n| n.entity).max().unwrap_or(0) + 1;
    let mut learned_names = 0;
    let mut learned_entities = std::collections::HashSet::new();
    for (g, i) in &gold {
        let t = &texts[*i];
        if in_rest(t, g.start) || matches!(g.type_name.as_str(), "date" | "money") {
            continue;
        }
        let entity = *ids.entry(g.entity.clone()).or_insert_with(|| {
            next_id += 1;
            next_id - 1
        });
        let known = registry
            .iter()
            .any(|n| n.entity == entity && n.text == g.text);
        if known {
            continue;
        }
        registry.push(RegistryName {
            entity,
            key: Some(g.entity.clone()),
            type_name: g.type_name.clone(),
            lang: lang_of(&g.text),
            text: g.text.clone(),
            abbreviation: false,
        });
        learned_names += 1;
        learned_entities.insert(g.entity.clone());
    }
    let round2 = suggest_all(&Suggester::new(&registry), &texts);

    let types: Vec<&str> = vec!["organisation", "person"];
    let all_types: Vec<&str> = ENTITY_TYPES.to_vec();
    let r0_all = score(&gold_all, &round0, &all_types);
    let r1_all = score(&gold_all, &round1, &all_types);
    let r1_rest = score(&gold_rest, &rest_of(&round1), &all_types);
    let r2_rest = score(&gold_rest, &rest_of(&round2), &all_types);

    let halves: Vec<String> = texts
        .iter()
        .filter(|t| t.half > 0)
        .map(|t| format!("{} from {}", t.id, t.half))
        .collect();
    if args.json {
        let report = json!({
            "gold_mentions": gold_all.len(),
            "seed_names": seed.len(),
            "no_registry_all": rows_json(&r0_all),
            "round1_all": rows_json(&r1_all),
            "rest": {
                "description": format!("second half of the statement ({}) and the whole notice", halves.join(", ")),
                "gold_mentions": gold_rest.len(),
                "learned_names": learned_names,
                "learned_entities": learned_entities.len(),
                "round1": rows_json(&r1_rest),
                "round2": rows_json(&r2_rest),
            },
        });
        println!("{report:#}");
        return Ok(());
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let w = &mut out;
    writeln!(
        w,
        "round 1: seed gazetteer ({} names), all four texts ({} gold mentions)",
        seed.len(),
        gold_all.len()
    )
    .map_err(stdout_error)?;
    write_table(w, &r1_all, &types)?;
    writeln!(
        w,
        "\nfor comparison, no registry at all (rules and jieba alone), all four texts"
    )
    .map_err(stdout_error)?;
    write_table(w, &r0_all, &types)?;
    writeln!(
        w,
        "\nthe rest: second half of the statement ({}) and the whole notice ({} gold mentions)",
        halves.join(", "),
        gold_rest.len()
    )
    .map_err(stdout_error)?;
    writeln!(w, "\nround 1 on the rest: seed gazetteer only").map_err(stdout_error)?;
    write_table(w, &r1_rest, &types)?;
    writeln!(
        w,
        "\nround 2 on the rest: after the registry loop ({} names of {} entities accepted in the first half)",
        learned_names,
        learned_entities.len()
    )
    .map_err(stdout_error)?;
    write_table(w, &r2_rest, &types)?;
    w.flush().map_err(stdout_error)
}

fn suggest_all(suggester: &Suggester, texts: &[Text]) -> Vec<(EvalMention, SuggestOrigin)> {
    let mut out = Vec::new();
    for t in texts {
        for s in suggester.suggest(&t.content, t.lang) {
            out.push((
                EvalMention {
                    text_id: t.id.clone(),
                    start: s.start,
                    end: s.end,
                    type_name: s.type_name,
                },
                s.origin,
            ));
        }
    }
    out
}

fn rows_json(rows: &[ScoreRow]) -> serde_json::Value {
    rows.iter()
        .map(|r| {
            json!({
                "type": r.type_name,
                "origin": r.origin.map_or("all", SuggestOrigin::as_str),
                "gold": r.counts.gold,
                "suggested": r.counts.suggested,
                "correct": r.counts.correct,
                "precision": round3(r.counts.precision()),
                "recall": round3(r.counts.recall()),
                "f1": round3(r.counts.f1()),
            })
        })
        .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn row_line(type_label: &str, origin: &str, c: &Counts) -> String {
    format!(
        "{type_label:<13} {origin:<9} {:>5} {:>5} {:>5}  {:>5.3}  {:>5.3}  {:>5.3}",
        c.gold,
        c.suggested,
        c.correct,
        c.precision(),
        c.recall(),
        c.f1()
    )
}

/// Per origin and overall for `detailed` types and all types; overall only for the others.
fn write_table(w: &mut impl Write, rows: &[ScoreRow], detailed: &[&str]) -> Result<(), String> {
    writeln!(
        w,
        "{:<13} {:<9} {:>5} {:>5} {:>5}  {:>5}  {:>5}  {:>5}",
        "type", "origin", "gold", "sugg", "right", "P", "R", "F1"
    )
    .map_err(stdout_error)?;
    for t in detailed.iter().copied().chain(["all"]) {
        for (k, r) in rows.iter().filter(|r| r.type_name == t).enumerate() {
            let label = if k == 0 { t } else { "" };
            let origin = r.origin.map_or("all", SuggestOrigin::as_str);
            writeln!(w, "{}", row_line(label, origin, &r.counts)).map_err(stdout_error)?;
        }
    }
    let others: Vec<&ScoreRow> = rows
        .iter()
        .filter(|r| {
            r.origin.is_none() && !detailed.contains(&r.type_name.as_str()) && r.type_name != "all"
        })
        .collect();
    if !others.is_empty() {
        writeln!(w, "other types, all origins:").map_err(stdout_error)?;
        for r in others {
            writeln!(w, "{}", row_line(&r.type_name, "all", &r.counts)).map_err(stdout_error)?;
        }
    }
    Ok(())
}

fn run_ner(path: &Path, as_json: bool) -> Result<(), String> {
    let text = read_text(path)?;
    let sentences = parse_char_ner(&text)
        .map_err(|(line, e)| format!("{}: line {line}: {e}", path.display()))?;
    if sentences.is_empty() {
        return Err(format!("{}: no sentences", path.display()));
    }
    let suggester = Suggester::new(&[]);
    let mut gold = Vec::new();
    let mut suggested = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let id = i.to_string();
        for &(start, end, t) in &s.mentions {
            gold.push(EvalMention {
                text_id: id.clone(),
                start,
                end,
                type_name: t.to_string(),
            });
        }
        for m in suggester.suggest(&s.text, Lang::Zh) {
            suggested.push((
                EvalMention {
                    text_id: id.clone(),
                    start: m.start,
                    end: m.end,
                    type_name: m.type_name,
                },
                m.origin,
            ));
        }
    }
    let types = ["organisation", "person", "place"];
    let rows = score(&gold, &suggested, &types);
    let rows: Vec<ScoreRow> = rows.into_iter().filter(|r| r.type_name != "all").collect();
    if as_json {
        println!(
            "{:#}",
            json!({"sentences": sentences.len(), "rows": rows_json(&rows)})
        );
        return Ok(());
    }
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "{}: {} sentences, {} gold mentions (no registry)",
        path.display(),
        sentences.len(),
        gold.len()
    )
    .map_err(stdout_error)?;
    write_table(&mut out, &rows, &types)?;
    out.flush().map_err(stdout_error)
}
