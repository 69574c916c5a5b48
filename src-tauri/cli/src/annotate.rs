//! The annotation and fact-checking commands: `entity …`, `mention …`, `relation …`,
//! `claim …`, `evidence …` and `log`. Together with `suggest` they script everything the
//! window can do with entities, mentions, claims and evidence.
//!
//! Addressing: entities, mentions, relations, claims, sources and links by the ID their
//! `list` command prints; documents by the ID `duizhao list` prints. A span is either
//! `START..END` (code points into the document's text, as everywhere in Duizhao) or a phrase,
//! taken at its first occurrence (`--nth` picks a later one). An anchor of a claim or a
//! relation is written `DOC:LANG:SPAN`, e.g. `1:zh:16..23` or `1:en:Weichuan`. Every change is
//! one undoable step of the project's history (`duizhao undo`, `duizhao redo`, `duizhao log`).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use duizhao_core::fuzzy_time::parse_time;
use duizhao_core::suggest::gazetteer::lang_of;
use duizhao_core::{Lang, Segmenter};
use duizhao_store::{
    AliasId, ClaimId, ClaimPatch, ClaimStatus, ClaimTime, DocumentId, EntityId, EntityPatch,
    MentionId, MentionOrigin, MentionStatus, NewAlias, NewAnchor, NewClaim, NewEntity, NewMention,
    NewRelation, NewSource, Project, Script, SourceKind, SourcePatch, Stance,
};
use serde::Serialize;

use crate::{actor, one_line, stdout_error, LangArg};

#[derive(Subcommand)]
pub enum AnnotateCommand {
    /// The entity registry: list, add, edit, alias, external ids, merge, split, delete, types.
    #[command(subcommand)]
    Entity(EntityCommand),
    /// Mentions of entities in a document: list, add, accept, reject, link, retype, delete,
    /// project to the other language, list the one-sided ones.
    #[command(subcommand)]
    Mention(MentionCommand),
    /// Relations between entities: list, add, delete, types.
    #[command(subcommand)]
    Relation(RelationCommand),
    /// Claims a statement makes: list, show, add, edit, status, anchors, subjects, links.
    #[command(subcommand)]
    Claim(ClaimCommand),
    /// Sources of evidence (Admiralty-graded) and their stance on claims.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// The project's history, newest first: ID, time (UTC), who, action, what.
    Log {
        project: PathBuf,
        /// How many events to print.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// One JSON object per event (without the undo record).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum EntityCommand {
    /// One line per entity: ID, key, type, zh name, en name, mentions, aliases.
    List {
        project: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Print one entity with its aliases and external ids as JSON.
    Show { project: PathBuf, entity: i64 },
    /// Add an entity to the registry.
    Add {
        project: PathBuf,
        #[arg(long = "type")]
        type_name: String,
        /// Preferred Chinese name.
        #[arg(long)]
        zh: Option<String>,
        /// Preferred English name.
        #[arg(long)]
        en: Option<String>,
        /// Another name (language from its characters); repeatable.
        #[arg(long)]
        alias: Vec<String>,
        /// An abbreviation (特材委, SCOSMI); repeatable.
        #[arg(long)]
        abbreviation: Vec<String>,
        /// A stable key such as `inst14`.
        #[arg(long)]
        key: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Change an entity's type, preferred names, key or notes (`--zh ''` clears a name).
    Edit {
        project: PathBuf,
        entity: i64,
        #[arg(long = "type")]
        type_name: Option<String>,
        #[arg(long)]
        zh: Option<String>,
        #[arg(long)]
        en: Option<String>,
        #[arg(long)]
        key: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Add an alias to an entity.
    Alias {
        project: PathBuf,
        entity: i64,
        text: String,
        /// zh or en (default: from the characters).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// simplified, traditional, pinyin or latin (default: from the characters).
        #[arg(long)]
        script: Option<String>,
        #[arg(long)]
        abbreviation: bool,
    },
    /// Remove alias ALIAS (its ID from `entity show`).
    Unalias { project: PathBuf, alias: i64 },
    /// Add an external id (SCHEME VALUE, e.g. company-registry 2287164) to an entity.
    Xid {
        project: PathBuf,
        entity: i64,
        scheme: String,
        value: String,
    },
    /// Remove external id XID (its ID from `entity show`).
    Unxid { project: PathBuf, xid: i64 },
    /// Merge entity ABSORB into KEEP: mentions, aliases, relations and claims follow.
    Merge {
        project: PathBuf,
        keep: i64,
        absorb: i64,
    },
    /// Split some mentions and aliases off an entity into a new entity.
    Split {
        project: PathBuf,
        entity: i64,
        #[arg(long)]
        zh: Option<String>,
        #[arg(long)]
        en: Option<String>,
        /// A mention ID to move to the new entity; repeatable.
        #[arg(long)]
        mention: Vec<i64>,
        /// An alias ID to move to the new entity; repeatable.
        #[arg(long)]
        alias: Vec<i64>,
    },
    /// Delete an entity: its mentions stay (without entity), its aliases, relations and
    /// claim subjects go. Undoable.
    Delete { project: PathBuf, entity: i64 },
    /// The entity types of the project's schema, one per line.
    Types { project: PathBuf },
    /// Add an entity type to the project's schema.
    AddType { project: PathBuf, name: String },
    /// Load a gazetteer (TSV: key, type, zh, en, aliases separated by `|`) into the registry;
    /// entities whose key is already there are left alone.
    Import { project: PathBuf, file: PathBuf },
}

#[derive(Subcommand)]
pub enum MentionCommand {
    /// One line per mention: ID, lang, START..END, status, origin, type, entity, text.
    List {
        project: PathBuf,
        document: i64,
        /// Only this status (suggested, accepted, rejected).
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Tag a span of a document as a mention (accepted, manual).
    Add {
        project: PathBuf,
        document: i64,
        #[arg(long, value_enum)]
        lang: LangArg,
        /// START..END or a phrase.
        span: String,
        /// Which occurrence of a phrase (from 1).
        #[arg(long, default_value_t = 1)]
        nth: usize,
        #[arg(long = "type")]
        type_name: String,
        /// Link it to this entity.
        #[arg(long)]
        entity: Option<i64>,
        /// The text expected at START..END; refused if the text differs there.
        #[arg(long)]
        quote: Option<String>,
    },
    /// Accept mentions (IDs), or with --document all suggestions of a document (optionally
    /// of one origin); one undoable step.
    Accept(BulkArgs),
    /// Reject mentions; they are kept so that they are not suggested again.
    Reject(BulkArgs),
    /// Link mentions to an entity (this accepts them and teaches the registry their text).
    Link {
        project: PathBuf,
        entity: i64,
        #[arg(required = true)]
        mentions: Vec<i64>,
    },
    /// Take mentions off their entity.
    Unlink {
        project: PathBuf,
        #[arg(required = true)]
        mentions: Vec<i64>,
    },
    /// Change the type of mentions.
    Retype {
        project: PathBuf,
        type_name: String,
        #[arg(required = true)]
        mentions: Vec<i64>,
    },
    /// Delete mentions.
    Delete {
        project: PathBuf,
        #[arg(required = true)]
        mentions: Vec<i64>,
    },
    /// Propose the counterpart of accepted mentions on the other side of their bead (all of
    /// the document's, or the IDs given); stored as suggestions with origin `projected`.
    Project {
        project: PathBuf,
        document: i64,
        mentions: Vec<i64>,
    },
    /// Accepted mentions with no counterpart on the other side of their bead: a check list for
    /// the translator. One line per mention: ID, lang, bead number, type, entity, text.
    OneSided { project: PathBuf, document: i64 },
}

#[derive(Args)]
pub struct BulkArgs {
    project: PathBuf,
    mentions: Vec<i64>,
    /// Every suggested mention of this document instead of IDs.
    #[arg(long, conflicts_with = "mentions")]
    document: Option<i64>,
    /// With --document: only suggestions of this origin (registry, jieba, rule, projected).
    #[arg(long, requires = "document")]
    origin: Option<String>,
}

#[derive(Subcommand)]
pub enum RelationCommand {
    /// One line per relation: ID, source entity, type, target entity, note, anchors.
    List {
        project: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// SOURCE TYPE TARGET, e.g. `relation add p.duizhao 5 works_for 2 --anchor 1:zh:欧阳翀`.
    Add {
        project: PathBuf,
        source: i64,
        type_name: String,
        target: i64,
        #[arg(long, default_value = "")]
        note: String,
        /// DOC:LANG:SPAN where the text states it; repeatable.
        #[arg(long)]
        anchor: Vec<String>,
    },
    Delete {
        project: PathBuf,
        relation: i64,
    },
    /// The relation types of the project's schema, one per line.
    Types {
        project: PathBuf,
    },
    /// Add a relation type to the project's schema.
    AddType {
        project: PathBuf,
        name: String,
    },
}

#[derive(Subcommand)]
pub enum ClaimCommand {
    /// One line per claim: ID, status, time, evidence for/against, summary.
    List {
        project: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// One claim with its anchors, subjects, links, evidence and status history, as JSON.
    Show { project: PathBuf, claim: i64 },
    /// Create a claim.
    Add {
        project: PathBuf,
        /// One line of English.
        #[arg(long)]
        summary: String,
        /// DOC:LANG:SPAN where the statement makes it; repeatable (zh and en).
        #[arg(long)]
        anchor: Vec<String>,
        /// The entity who makes the claim.
        #[arg(long)]
        claimant: Option<i64>,
        /// An entity the claim is about; repeatable.
        #[arg(long)]
        subject: Vec<i64>,
        /// When it says something happened: "2016", "early October 2018", "before 1997",
        /// "2016-03-13..2016-03-16", 2018年十月上旬 …
        #[arg(long)]
        time: Option<String>,
    },
    /// Change a claim's summary, claimant or time (`--claimant 0` / `--time ''` clear them).
    Edit {
        project: PathBuf,
        claim: i64,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long)]
        claimant: Option<i64>,
        #[arg(long)]
        time: Option<String>,
    },
    /// Set a claim's status (unverified, supported, contradicted, disputed, unverifiable)
    /// with the reason; the change is kept in the claim's status history.
    Status {
        project: PathBuf,
        claim: i64,
        status: String,
        #[arg(long, default_value = "")]
        rationale: String,
    },
    /// Add an anchor DOC:LANG:SPAN to a claim.
    Anchor {
        project: PathBuf,
        claim: i64,
        anchor: String,
    },
    /// Remove anchor ANCHOR (its ID from `claim show`).
    Unanchor { project: PathBuf, anchor: i64 },
    /// Add an entity to a claim's subjects.
    Subject {
        project: PathBuf,
        claim: i64,
        entity: i64,
    },
    /// Remove an entity from a claim's subjects.
    Unsubject {
        project: PathBuf,
        claim: i64,
        entity: i64,
    },
    /// FROM KIND TO: KIND is supports, contradicts or same_as.
    Link {
        project: PathBuf,
        from: i64,
        kind: String,
        to: i64,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Remove claim link LINK (its ID from `claim show`).
    Unlink { project: PathBuf, link: i64 },
    /// Delete a claim with its anchors, links, evidence links and status history. Undoable.
    Delete { project: PathBuf, claim: i64 },
}

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// One line per source: ID, grade (reliability + credibility), kind, date, title.
    List {
        project: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Add a source of evidence, graded on the Admiralty scale.
    Add {
        project: PathBuf,
        #[arg(long)]
        title: String,
        /// document, record, stamp, database, testimony, media or other.
        #[arg(long)]
        kind: String,
        /// Source reliability, A (completely reliable) to F (cannot be judged).
        #[arg(long)]
        reliability: String,
        /// Information credibility, 1 (confirmed) to 6 (cannot be judged).
        #[arg(long)]
        credibility: i64,
        #[arg(long, default_value = "")]
        citation: String,
        /// YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "")]
        excerpt: String,
        /// The project document the source is.
        #[arg(long)]
        document: Option<i64>,
    },
    /// Change a source's fields.
    Edit {
        project: PathBuf,
        source: i64,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        reliability: Option<String>,
        #[arg(long)]
        credibility: Option<i64>,
        #[arg(long)]
        citation: Option<String>,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        excerpt: Option<String>,
    },
    /// Delete a source and its links to claims. Undoable.
    Delete { project: PathBuf, source: i64 },
    /// SOURCE STANCE CLAIM: STANCE is supports, contradicts or context.
    Link {
        project: PathBuf,
        source: i64,
        stance: String,
        claim: i64,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Remove evidence link EVIDENCE (its ID from `claim show`).
    Unlink { project: PathBuf, evidence: i64 },
}

fn open(project: &Path) -> Result<Project, String> {
    Project::open(project).map_err(|e| e.to_string())
}

fn parse<T: std::str::FromStr>(value: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    value.parse::<T>().map_err(|e| e.to_string())
}

fn print_json(value: &impl Serialize) -> Result<(), String> {
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| format!("cannot write JSON: {e}"))?;
    writeln!(out).map_err(stdout_error)?;
    out.flush().map_err(stdout_error)
}

fn print_json_lines<T: Serialize>(items: &[T]) -> Result<(), String> {
    let mut out = BufWriter::new(io::stdout().lock());
    for item in items {
        serde_json::to_writer(&mut out, item).map_err(|e| format!("cannot write JSON: {e}"))?;
        writeln!(out).map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)
}

/// The content of the document's current text of `lang` (the one mentions are made on).
fn current_text(store: &Project, document: i64, lang: Lang) -> Result<String, String> {
    let view = store.document(document).map_err(|e| e.to_string())?;
    let superseded: Vec<_> = view.texts.iter().filter_map(|t| t.supersedes).collect();
    let text = view
        .texts
        .iter()
        .find(|t| t.lang == lang && !superseded.contains(&t.id))
        .ok_or_else(|| format!("document {document} has no {lang} text"))?;
    store.text_content(text.id).map_err(|e| e.to_string())
}

/// `START..END`, or the `nth` occurrence (from 1) of a phrase in the text.
fn resolve_span(
    store: &Project,
    document: i64,
    lang: Lang,
    spec: &str,
    nth: usize,
) -> Result<(usize, usize), String> {
    if let Some((a, b)) = spec.split_once("..") {
        if let (Ok(start), Ok(end)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
            return Ok((start, end));
        }
    }
    if spec.is_empty() {
        return Err("an empty span: give START..END or a phrase".into());
    }
    let text = current_text(store, document, lang)?;
    let mut from = 0;
    for seen in 1.. {
        let Some(found) = text[from..].find(spec) else {
            return Err(format!(
                "{spec:?} occurs {} time(s) in the {lang} text of document {document}, not {nth}",
                seen - 1
            ));
        };
        let byte = from + found;
        if seen == nth.max(1) {
            let start = text[..byte].chars().count();
            return Ok((start, start + spec.chars().count()));
        }
        from = byte + spec.len();
    }
    unreachable!("the loop returns")
}

/// `DOC:LANG:SPAN`.
fn anchor(store: &Project, spec: &str) -> Result<NewAnchor, String> {
    let mut parts = spec.splitn(3, ':');
    let (Some(doc), Some(lang), Some(span)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!(
            "anchor {spec:?}: write DOC:LANG:START..END or DOC:LANG:PHRASE, e.g. 1:zh:16..23"
        ));
    };
    let document: i64 = doc
        .trim()
        .parse()
        .map_err(|_| format!("anchor {spec:?}: {doc:?} is not a document ID"))?;
    let lang = match lang.trim() {
        "zh" => Lang::Zh,
        "en" => Lang::En,
        other => {
            return Err(format!(
                "anchor {spec:?}: language {other:?} is not zh or en"
            ))
        }
    };
    let (start, end) = resolve_span(store, document, lang, span, 1)?;
    Ok(NewAnchor {
        document: DocumentId(document),
        lang,
        start,
        end,
        quote: None,
    })
}

fn claim_time(label: &str) -> Result<ClaimTime, String> {
    let time = parse_time(label).map_err(|e| e.to_string())?;
    Ok(ClaimTime {
        label: time.label,
        earliest: time.earliest,
        latest: time.latest,
    })
}

/// `''` clears an optional text field.
fn optional(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| if v.is_empty() { None } else { Some(v) })
}

pub fn run(command: AnnotateCommand) -> Result<(), String> {
    let who = actor();
    match command {
        AnnotateCommand::Entity(command) => entity(command, &who),
        AnnotateCommand::Mention(command) => mention(command, &who),
        AnnotateCommand::Relation(command) => relation(command, &who),
        AnnotateCommand::Claim(command) => claim(command, &who),
        AnnotateCommand::Evidence(command) => evidence(command, &who),
        AnnotateCommand::Log {
            project,
            limit,
            json,
        } => log(&project, limit, json),
    }
}

fn log(project: &Path, limit: usize, json: bool) -> Result<(), String> {
    let store = open(project)?;
    let events = store.history(limit).map_err(|e| e.to_string())?;
    if json {
        #[derive(Serialize)]
        struct Entry<'a> {
            id: i64,
            at: &'a str,
            actor: &'a str,
            action: &'a str,
            summary: &'a str,
            undone: bool,
        }
        let entries: Vec<_> = events
            .iter()
            .map(|e| Entry {
                id: e.id.0,
                at: &e.at,
                actor: &e.actor,
                action: &e.action,
                summary: &e.summary,
                undone: e.undone,
            })
            .collect();
        return print_json_lines(&entries);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for e in &events {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}{}",
            e.id,
            e.at,
            one_line(&e.actor),
            e.action,
            one_line(&e.summary),
            if e.undone { "\t(undone)" } else { "" }
        )
        .map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)
}

fn entity(command: EntityCommand, who: &str) -> Result<(), String> {
    match command {
        EntityCommand::List { project, json } => {
            let store = open(&project)?;
            let entities = store.entities().map_err(|e| e.to_string())?;
            if json {
                return print_json_lines(&entities);
            }
            let mut out = BufWriter::new(io::stdout().lock());
            for e in &entities {
                let aliases: Vec<&str> = e.aliases.iter().map(|a| a.text.as_str()).collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    e.id,
                    e.key.as_deref().unwrap_or(""),
                    e.type_name,
                    one_line(e.name_zh.as_deref().unwrap_or("")),
                    one_line(e.name_en.as_deref().unwrap_or("")),
                    e.mention_count,
                    one_line(&aliases.join(" | ")),
                )
                .map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)
        }
        EntityCommand::Show { project, entity } => {
            let store = open(&project)?;
            print_json(&store.entity(entity).map_err(|e| e.to_string())?)
        }
        EntityCommand::Add {
            project,
            type_name,
            zh,
            en,
            alias,
            abbreviation,
            key,
            notes,
        } => {
            let mut store = open(&project)?;
            let mut aliases: Vec<NewAlias> = alias
                .iter()
                .map(|a| NewAlias::new(lang_of(a), a.clone()))
                .collect();
            aliases.extend(
                abbreviation
                    .iter()
                    .map(|a| NewAlias::abbreviation(lang_of(a), a.clone())),
            );
            let id = store
                .create_entity(
                    NewEntity {
                        type_name,
                        name_zh: zh,
                        name_en: en,
                        notes,
                        key,
                        aliases,
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("added entity {id}");
            Ok(())
        }
        EntityCommand::Edit {
            project,
            entity,
            type_name,
            zh,
            en,
            key,
            notes,
        } => {
            let mut store = open(&project)?;
            store
                .update_entity(
                    entity,
                    EntityPatch {
                        type_name,
                        name_zh: optional(zh),
                        name_en: optional(en),
                        notes,
                        key: optional(key),
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("changed entity {entity}");
            Ok(())
        }
        EntityCommand::Alias {
            project,
            entity,
            text,
            lang,
            script,
            abbreviation,
        } => {
            let mut store = open(&project)?;
            let script = script.as_deref().map(parse::<Script>).transpose()?;
            let lang = lang.map(Lang::from).unwrap_or_else(|| lang_of(&text));
            let id = store
                .add_alias(
                    entity,
                    NewAlias {
                        lang,
                        script,
                        text,
                        abbreviation,
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("added alias {id} to entity {entity}");
            Ok(())
        }
        EntityCommand::Unalias { project, alias } => {
            let mut store = open(&project)?;
            store
                .remove_alias(AliasId(alias), who)
                .map_err(|e| e.to_string())?;
            println!("removed alias {alias}");
            Ok(())
        }
        EntityCommand::Xid {
            project,
            entity,
            scheme,
            value,
        } => {
            let mut store = open(&project)?;
            let id = store
                .add_external_id(entity, &scheme, &value, who)
                .map_err(|e| e.to_string())?;
            println!("added external id {id} to entity {entity}");
            Ok(())
        }
        EntityCommand::Unxid { project, xid } => {
            let mut store = open(&project)?;
            store
                .remove_external_id(xid, who)
                .map_err(|e| e.to_string())?;
            println!("removed external id {xid}");
            Ok(())
        }
        EntityCommand::Merge {
            project,
            keep,
            absorb,
        } => {
            let mut store = open(&project)?;
            store
                .merge_entities(keep, absorb, who)
                .map_err(|e| e.to_string())?;
            println!("merged entity {absorb} into {keep}");
            Ok(())
        }
        EntityCommand::Split {
            project,
            entity,
            zh,
            en,
            mention,
            alias,
        } => {
            let mut store = open(&project)?;
            let old = store.entity(entity).map_err(|e| e.to_string())?;
            let id = store
                .split_entity(
                    entity,
                    NewEntity {
                        type_name: old.type_name,
                        name_zh: zh,
                        name_en: en,
                        ..NewEntity::default()
                    },
                    mention.into_iter().map(MentionId).collect(),
                    alias.into_iter().map(AliasId).collect(),
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("split entity {id} off entity {entity}");
            Ok(())
        }
        EntityCommand::Delete { project, entity } => {
            let mut store = open(&project)?;
            store
                .delete_entity(entity, who)
                .map_err(|e| e.to_string())?;
            println!("deleted entity {entity}");
            Ok(())
        }
        EntityCommand::Types { project } => {
            let store = open(&project)?;
            for name in store.entity_types().map_err(|e| e.to_string())? {
                println!("{name}");
            }
            Ok(())
        }
        EntityCommand::AddType { project, name } => {
            let mut store = open(&project)?;
            store
                .add_entity_type(&name, who)
                .map_err(|e| e.to_string())?;
            println!("added entity type {name}");
            Ok(())
        }
        EntityCommand::Import { project, file } => {
            let mut store = open(&project)?;
            let entries = crate::suggest::load_gazetteer_entries(&file)?;
            let known: Vec<String> = store
                .entities()
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter_map(|e| e.key)
                .collect();
            let fresh: Vec<(String, NewEntity)> = entries
                .into_iter()
                .filter(|entry| !known.contains(&entry.key))
                .map(|entry| {
                    let origin = format!("{} line {}", file.display(), entry.line);
                    (origin, NewEntity::from(entry))
                })
                .collect();
            let added = store
                .create_entities(fresh, who)
                .map_err(|e| e.to_string())?
                .len();
            println!("added {added} entities from {}", file.display());
            Ok(())
        }
    }
}

fn ids(mentions: Vec<i64>) -> Vec<MentionId> {
    mentions.into_iter().map(MentionId).collect()
}

/// The mentions a bulk command acts on: the IDs given, or a document's suggestions.
fn bulk(store: &Project, args: &BulkArgs) -> Result<Vec<MentionId>, String> {
    match args.document {
        Some(document) => {
            let origin = args
                .origin
                .as_deref()
                .map(parse::<MentionOrigin>)
                .transpose()?;
            Ok(store
                .mentions(document)
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter(|m| m.status == MentionStatus::Suggested)
                .filter(|m| origin.is_none_or(|o| m.origin == o))
                .map(|m| m.id)
                .collect())
        }
        None if args.mentions.is_empty() => {
            Err("name the mentions (IDs from `duizhao mention list`) or give --document".into())
        }
        None => Ok(ids(args.mentions.clone())),
    }
}

fn mention(command: MentionCommand, who: &str) -> Result<(), String> {
    match command {
        MentionCommand::List {
            project,
            document,
            status,
            json,
        } => {
            let store = open(&project)?;
            let status = status.as_deref().map(parse::<MentionStatus>).transpose()?;
            let mentions: Vec<_> = store
                .mentions(document)
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter(|m| status.is_none_or(|s| m.status == s))
                .collect();
            if json {
                return print_json_lines(&mentions);
            }
            let mut out = BufWriter::new(io::stdout().lock());
            for m in &mentions {
                writeln!(
                    out,
                    "{}\t{}\t{}..{}\t{}\t{}\t{}\t{}\t{}{}",
                    m.id,
                    m.lang,
                    m.start,
                    m.end,
                    m.status,
                    m.origin,
                    m.type_name,
                    m.entity.map(|e| e.to_string()).unwrap_or_default(),
                    one_line(&m.quote),
                    if m.orphaned { "\t(orphaned)" } else { "" }
                )
                .map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)
        }
        MentionCommand::Add {
            project,
            document,
            lang,
            span,
            nth,
            type_name,
            entity,
            quote,
        } => {
            let mut store = open(&project)?;
            let lang = Lang::from(lang);
            let (start, end) = resolve_span(&store, document, lang, &span, nth)?;
            let id = store
                .add_mention(
                    NewMention {
                        document: DocumentId(document),
                        lang,
                        start,
                        end,
                        quote,
                        type_name,
                        entity: entity.map(EntityId),
                        origin: MentionOrigin::Manual,
                        status: MentionStatus::Accepted,
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("added mention {id} at {lang} {start}..{end}");
            Ok(())
        }
        MentionCommand::Accept(args) => set_status(&args, MentionStatus::Accepted, who),
        MentionCommand::Reject(args) => set_status(&args, MentionStatus::Rejected, who),
        MentionCommand::Link {
            project,
            entity,
            mentions,
        } => {
            let mut store = open(&project)?;
            let count = mentions.len();
            store
                .link_mentions(&ids(mentions), Some(EntityId(entity)), who)
                .map_err(|e| e.to_string())?;
            println!("linked {count} mention(s) to entity {entity}");
            Ok(())
        }
        MentionCommand::Unlink { project, mentions } => {
            let mut store = open(&project)?;
            let count = mentions.len();
            store
                .link_mentions(&ids(mentions), None, who)
                .map_err(|e| e.to_string())?;
            println!("unlinked {count} mention(s)");
            Ok(())
        }
        MentionCommand::Retype {
            project,
            type_name,
            mentions,
        } => {
            let mut store = open(&project)?;
            let count = mentions.len();
            store
                .set_mention_type(&ids(mentions), &type_name, who)
                .map_err(|e| e.to_string())?;
            println!("changed {count} mention(s) to {type_name}");
            Ok(())
        }
        MentionCommand::Delete { project, mentions } => {
            let mut store = open(&project)?;
            let count = store
                .delete_mentions(&ids(mentions), who)
                .map_err(|e| e.to_string())?;
            println!("deleted {count} mention(s)");
            Ok(())
        }
        MentionCommand::Project {
            project,
            document,
            mentions,
        } => {
            let mut store = open(&project)?;
            let segmenter = Segmenter::new();
            let added = store
                .project_mentions(document, &ids(mentions), &segmenter, who)
                .map_err(|e| e.to_string())?;
            println!("proposed {added} counterpart(s) on the other side");
            Ok(())
        }
        MentionCommand::OneSided { project, document } => {
            let store = open(&project)?;
            let alignment = store
                .alignment(document)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| {
                    format!("document {document} is not aligned yet: run `duizhao align` first")
                })?;
            let mut out = BufWriter::new(io::stdout().lock());
            for m in store.one_sided(document).map_err(|e| e.to_string())? {
                let number = alignment
                    .beads
                    .iter()
                    .position(|b| b.id == m.bead)
                    .map_or(0, |i| i + 1);
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    m.mention.id,
                    m.mention.lang,
                    number,
                    m.mention.type_name,
                    m.mention.entity.map(|e| e.to_string()).unwrap_or_default(),
                    one_line(&m.mention.quote)
                )
                .map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)
        }
    }
}

fn set_status(args: &BulkArgs, status: MentionStatus, who: &str) -> Result<(), String> {
    let mut store = open(&args.project)?;
    let mentions = bulk(&store, args)?;
    if mentions.is_empty() {
        println!("no suggestions to {}", status.verb());
        return Ok(());
    }
    store
        .set_mention_status(&mentions, status, who)
        .map_err(|e| e.to_string())?;
    println!("{} {} mention(s)", status, mentions.len());
    Ok(())
}

trait Verb {
    fn verb(self) -> &'static str;
}

impl Verb for MentionStatus {
    fn verb(self) -> &'static str {
        match self {
            MentionStatus::Accepted => "accept",
            MentionStatus::Rejected => "reject",
            MentionStatus::Suggested => "suggest",
        }
    }
}

fn relation(command: RelationCommand, who: &str) -> Result<(), String> {
    match command {
        RelationCommand::List { project, json } => {
            let store = open(&project)?;
            let relations = store.relations().map_err(|e| e.to_string())?;
            if json {
                return print_json_lines(&relations);
            }
            let mut out = BufWriter::new(io::stdout().lock());
            for r in &relations {
                let anchors: Vec<String> = r
                    .anchors
                    .iter()
                    .map(|a| format!("{}:{}:{}..{}", a.document, a.lang, a.start, a.end))
                    .collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.source,
                    r.type_name,
                    r.target,
                    one_line(&r.note),
                    anchors.join(" ")
                )
                .map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)
        }
        RelationCommand::Add {
            project,
            source,
            type_name,
            target,
            note,
            anchor: specs,
        } => {
            let mut store = open(&project)?;
            let anchors = specs
                .iter()
                .map(|s| anchor(&store, s))
                .collect::<Result<Vec<_>, _>>()?;
            let id = store
                .add_relation(
                    NewRelation {
                        type_name,
                        source: EntityId(source),
                        target: EntityId(target),
                        note,
                        anchors,
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("added relation {id}");
            Ok(())
        }
        RelationCommand::Delete { project, relation } => {
            let mut store = open(&project)?;
            store
                .delete_relation(relation, who)
                .map_err(|e| e.to_string())?;
            println!("deleted relation {relation}");
            Ok(())
        }
        RelationCommand::Types { project } => {
            let store = open(&project)?;
            for name in store.relation_types().map_err(|e| e.to_string())? {
                println!("{name}");
            }
            Ok(())
        }
        RelationCommand::AddType { project, name } => {
            let mut store = open(&project)?;
            store
                .add_relation_type(&name, who)
                .map_err(|e| e.to_string())?;
            println!("added relation type {name}");
            Ok(())
        }
    }
}

fn claim(command: ClaimCommand, who: &str) -> Result<(), String> {
    match command {
        ClaimCommand::List { project, json } => {
            let store = open(&project)?;
            let claims = store.claims().map_err(|e| e.to_string())?;
            if json {
                return print_json_lines(&claims);
            }
            let mut out = BufWriter::new(io::stdout().lock());
            for c in &claims {
                let count =
                    |stance: Stance| c.evidence.iter().filter(|e| e.stance == stance).count();
                writeln!(
                    out,
                    "{}\t{}\t{}\t+{} -{}\t{}",
                    c.id,
                    c.status,
                    c.time
                        .as_ref()
                        .map(|t| one_line(&t.label))
                        .unwrap_or_default(),
                    count(Stance::Supports),
                    count(Stance::Contradicts),
                    one_line(&c.summary)
                )
                .map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)
        }
        ClaimCommand::Show { project, claim } => {
            let store = open(&project)?;
            print_json(&store.claim(claim).map_err(|e| e.to_string())?)
        }
        ClaimCommand::Add {
            project,
            summary,
            anchor: specs,
            claimant,
            subject,
            time,
        } => {
            let mut store = open(&project)?;
            let anchors = specs
                .iter()
                .map(|s| anchor(&store, s))
                .collect::<Result<Vec<_>, _>>()?;
            let time = time.as_deref().map(claim_time).transpose()?;
            let id = store
                .create_claim(
                    NewClaim {
                        summary,
                        claimant: claimant.map(EntityId),
                        subjects: subject.into_iter().map(EntityId).collect(),
                        time,
                        anchors,
                        status: None,
                        rationale: String::new(),
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("added claim {id}");
            Ok(())
        }
        ClaimCommand::Edit {
            project,
            claim,
            summary,
            claimant,
            time,
        } => {
            let mut store = open(&project)?;
            let time = match time.as_deref() {
                None => None,
                Some("") => Some(None),
                Some(label) => Some(Some(claim_time(label)?)),
            };
            let claimant = claimant.map(|c| (c != 0).then_some(EntityId(c)));
            store
                .update_claim(
                    claim,
                    ClaimPatch {
                        summary,
                        claimant,
                        time,
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("changed claim {claim}");
            Ok(())
        }
        ClaimCommand::Status {
            project,
            claim,
            status,
            rationale,
        } => {
            let mut store = open(&project)?;
            let status = parse::<ClaimStatus>(&status)?;
            store
                .set_claim_status(claim, status, &rationale, who)
                .map_err(|e| e.to_string())?;
            println!("claim {claim} is now {status}");
            Ok(())
        }
        ClaimCommand::Anchor {
            project,
            claim,
            anchor: spec,
        } => {
            let mut store = open(&project)?;
            let new = anchor(&store, &spec)?;
            let id = store
                .add_claim_anchor(claim, new, who)
                .map_err(|e| e.to_string())?;
            println!("added anchor {id} to claim {claim}");
            Ok(())
        }
        ClaimCommand::Unanchor { project, anchor } => {
            let mut store = open(&project)?;
            store
                .remove_claim_anchor(anchor, who)
                .map_err(|e| e.to_string())?;
            println!("removed anchor {anchor}");
            Ok(())
        }
        ClaimCommand::Subject {
            project,
            claim,
            entity,
        } => {
            let mut store = open(&project)?;
            store
                .add_claim_subject(claim, entity, who)
                .map_err(|e| e.to_string())?;
            println!("entity {entity} is a subject of claim {claim}");
            Ok(())
        }
        ClaimCommand::Unsubject {
            project,
            claim,
            entity,
        } => {
            let mut store = open(&project)?;
            store
                .remove_claim_subject(claim, entity, who)
                .map_err(|e| e.to_string())?;
            println!("entity {entity} is no longer a subject of claim {claim}");
            Ok(())
        }
        ClaimCommand::Link {
            project,
            from,
            kind,
            to,
            note,
        } => {
            let mut store = open(&project)?;
            let kind = parse(&kind)?;
            let id = store
                .link_claims(ClaimId(from), ClaimId(to), kind, &note, who)
                .map_err(|e| e.to_string())?;
            println!("added claim link {id}: claim {from} {kind} claim {to}");
            Ok(())
        }
        ClaimCommand::Unlink { project, link } => {
            let mut store = open(&project)?;
            store.unlink_claims(link, who).map_err(|e| e.to_string())?;
            println!("removed claim link {link}");
            Ok(())
        }
        ClaimCommand::Delete { project, claim } => {
            let mut store = open(&project)?;
            store.delete_claim(claim, who).map_err(|e| e.to_string())?;
            println!("deleted claim {claim}");
            Ok(())
        }
    }
}

fn evidence(command: EvidenceCommand, who: &str) -> Result<(), String> {
    match command {
        EvidenceCommand::List { project, json } => {
            let store = open(&project)?;
            let sources = store.sources().map_err(|e| e.to_string())?;
            if json {
                return print_json_lines(&sources);
            }
            let mut out = BufWriter::new(io::stdout().lock());
            for s in &sources {
                writeln!(
                    out,
                    "{}\t{}{}\t{}\t{}\t{}",
                    s.id,
                    s.reliability,
                    s.credibility,
                    s.kind,
                    s.date.as_deref().unwrap_or(""),
                    one_line(&s.title)
                )
                .map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)
        }
        EvidenceCommand::Add {
            project,
            title,
            kind,
            reliability,
            credibility,
            citation,
            date,
            excerpt,
            document,
        } => {
            let mut store = open(&project)?;
            let kind = parse::<SourceKind>(&kind)?;
            let id = store
                .add_source(
                    NewSource {
                        title,
                        kind,
                        citation,
                        date,
                        excerpt,
                        document: document.map(DocumentId),
                        reliability,
                        credibility,
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("added source {id}");
            Ok(())
        }
        EvidenceCommand::Edit {
            project,
            source,
            title,
            kind,
            reliability,
            credibility,
            citation,
            date,
            excerpt,
        } => {
            let mut store = open(&project)?;
            let kind = kind.as_deref().map(parse::<SourceKind>).transpose()?;
            store
                .update_source(
                    source,
                    SourcePatch {
                        title,
                        kind,
                        citation,
                        date: optional(date),
                        excerpt,
                        document: None,
                        reliability,
                        credibility,
                    },
                    who,
                )
                .map_err(|e| e.to_string())?;
            println!("changed source {source}");
            Ok(())
        }
        EvidenceCommand::Delete { project, source } => {
            let mut store = open(&project)?;
            store
                .delete_source(source, who)
                .map_err(|e| e.to_string())?;
            println!("deleted source {source}");
            Ok(())
        }
        EvidenceCommand::Link {
            project,
            source,
            stance,
            claim,
            note,
        } => {
            let mut store = open(&project)?;
            let stance = parse::<Stance>(&stance)?;
            let id = store
                .link_evidence(claim, source, stance, &note, who)
                .map_err(|e| e.to_string())?;
            println!("added evidence {id}: source {source} {stance} claim {claim}");
            Ok(())
        }
        EvidenceCommand::Unlink { project, evidence } => {
            let mut store = open(&project)?;
            store
                .unlink_evidence(evidence, who)
                .map_err(|e| e.to_string())?;
            println!("removed evidence {evidence}");
            Ok(())
        }
    }
}
