//! The analyst's work through the `duizhao` CLI, as a script would do it on the sample
//! corpus: load the seed gazetteer, store suggestions, accept and link mentions, project
//! them to English, relate entities, tag claims and weigh them against graded evidence,
//! undo and redo, read the log, and have every piece of bad input refused with a clear
//! message and nothing changed.

use std::path::{Path, PathBuf};

use duizhao_e2e::{corpus, duizhao, duizhao_ok, path_str};
use serde_json::Value;

/// A project with the statement (document 1) and the notice (document 2), both aligned.
fn aligned_corpus(dir: &Path) -> PathBuf {
    let project = dir.join("analysis.duizhao");
    let p = path_str(&project);
    duizhao_ok(&["init", p]);
    for (name, kind) in [("statement", "statement"), ("notice", "notice")] {
        let zh = corpus(&format!("{name}.zh.txt"));
        let en = corpus(&format!("{name}.en.txt"));
        duizhao_ok(&[
            "import",
            p,
            "--zh",
            path_str(&zh),
            "--en",
            path_str(&en),
            "--kind",
            kind,
        ]);
    }
    duizhao_ok(&["align", p, "1"]);
    duizhao_ok(&["align", p, "2"]);
    project
}

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn mentions(project: &Path, document: &str) -> Vec<Value> {
    json_lines(&duizhao_ok(&[
        "mention",
        "list",
        path_str(project),
        document,
        "--json",
    ]))
}

fn entities(project: &Path) -> Vec<Value> {
    json_lines(&duizhao_ok(&[
        "entity",
        "list",
        path_str(project),
        "--json",
    ]))
}

fn entity_by_key(project: &Path, key: &str) -> Value {
    entities(project)
        .into_iter()
        .find(|e| e["key"] == key)
        .unwrap_or_else(|| panic!("no entity with key {key}"))
}

fn id(value: &Value) -> String {
    value["id"].as_i64().expect("an id").to_string()
}

/// The number printed at the end of "added claim 3" and the like.
fn new_id(out: &str) -> String {
    out.split_whitespace()
        .find_map(|w| w.trim_end_matches(':').parse::<i64>().ok())
        .unwrap_or_else(|| panic!("no id in {out:?}"))
        .to_string()
}

fn log(project: &Path) -> String {
    duizhao_ok(&["log", path_str(project), "--limit", "1000"])
}

/// Runs a command that must fail; returns its message and checks the project is unchanged.
fn refused(project: &Path, args: &[&str]) -> String {
    let before_log = log(project);
    let before_claims = duizhao_ok(&["claim", "list", path_str(project), "--json"]);
    let before_entities = duizhao_ok(&["entity", "list", path_str(project), "--json"]);
    let out = duizhao(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert_eq!(log(project), before_log, "{args:?} wrote to the history");
    assert_eq!(
        duizhao_ok(&["claim", "list", path_str(project), "--json"]),
        before_claims
    );
    assert_eq!(
        duizhao_ok(&["entity", "list", path_str(project), "--json"]),
        before_entities
    );
    stderr
}

#[test]
fn an_analyst_tags_links_projects_and_learns_names() {
    let dir = tempfile::tempdir().unwrap();
    let project = aligned_corpus(dir.path());
    let p = path_str(&project);

    let gazetteer = corpus("seed-gazetteer.tsv");
    let out = duizhao_ok(&["entity", "import", p, path_str(&gazetteer)]);
    assert!(out.starts_with("added 12 entities"), "{out}");
    // Importing again adds nothing: the keys are already there.
    assert!(duizhao_ok(&["entity", "import", p, path_str(&gazetteer)]).starts_with("added 0"));

    // Tag 特材委 by hand, linked to its entity, and project it to English: the bead's
    // English has SCOSMI, the entity's English abbreviation.
    let scosmi = entity_by_key(&project, "scosmi");
    let out = duizhao_ok(&[
        "mention",
        "add",
        p,
        "1",
        "--lang",
        "zh",
        "特材委",
        "--type",
        "organisation",
        "--entity",
        &id(&scosmi),
    ]);
    assert!(out.starts_with("added mention"), "{out}");
    let one_sided = duizhao_ok(&["mention", "one-sided", p, "1"]);
    assert_eq!(one_sided.lines().count(), 1, "{one_sided}");
    assert!(one_sided.contains("特材委"), "{one_sided}");
    let out = duizhao_ok(&["mention", "project", p, "1"]);
    assert!(out.starts_with("proposed 1 "), "{out}");
    let projected: Vec<Value> = mentions(&project, "1")
        .into_iter()
        .filter(|m| m["origin"] == "projected")
        .collect();
    assert_eq!(projected.len(), 1, "{projected:#?}");
    assert_eq!(projected[0]["lang"], "en");
    assert_eq!(projected[0]["quote"], "SCOSMI");
    assert_eq!(projected[0]["entity"], scosmi["id"]);
    assert_eq!(projected[0]["status"], "suggested");
    // Projecting again proposes nothing new; accepting the projection settles the check.
    assert!(duizhao_ok(&["mention", "project", p, "1"]).starts_with("proposed 0 "));
    duizhao_ok(&["mention", "accept", p, &id(&projected[0])]);
    assert_eq!(duizhao_ok(&["mention", "one-sided", p, "1"]), "");

    let out = duizhao_ok(&["suggest", p, "1"]);
    assert!(out.contains("suggestion"), "{out}");
    let suggested = mentions(&project, "1");
    assert!(suggested.len() > 100, "{} suggestions", suggested.len());
    let pending = suggested
        .iter()
        .filter(|m| m["status"] == "suggested")
        .count();
    assert_eq!(
        pending,
        suggested.len() - 2,
        "only the two tagged by hand are accepted"
    );
    // The registry found the abbreviation 特材委 and linked it to its entity.
    let abbreviation = suggested
        .iter()
        .find(|m| m["quote"] == "特材委" && m["origin"] == "registry" && m["status"] == "suggested")
        .expect("特材委 suggested from the registry");
    assert_eq!(abbreviation["entity"], scosmi["id"]);
    assert_eq!(abbreviation["type_name"], "organisation");

    // Accept every registry suggestion in one step, then undo that step as a whole.
    let out = duizhao_ok(&[
        "mention",
        "accept",
        p,
        "--document",
        "1",
        "--origin",
        "registry",
    ]);
    let accepted: usize = out.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(accepted > 20, "{out}");
    let count = |status: &str| {
        mentions(&project, "1")
            .iter()
            .filter(|m| m["status"] == status)
            .count()
    };
    assert_eq!(count("accepted"), accepted + 2);
    duizhao_ok(&["undo", p]);
    assert_eq!(count("accepted"), 2);
    duizhao_ok(&["redo", p]);
    assert_eq!(count("accepted"), accepted + 2);

    // Tag a name the gazetteer lacks, make it an entity, and link the mention: the
    // registry learns the name, so suggesting again finds its other occurrences.
    let out = duizhao_ok(&[
        "mention",
        "add",
        p,
        "1",
        "--lang",
        "zh",
        "第十四研究所",
        "--type",
        "organisation",
    ]);
    let mention = new_id(&out);
    let inst14 = entity_by_key(&project, "inst14");
    duizhao_ok(&["mention", "link", p, &id(&inst14), &mention]);
    let learned = duizhao_ok(&["entity", "show", p, &id(&inst14)]);
    assert!(learned.contains("第十四研究所"), "{learned}");
    duizhao_ok(&["suggest", p, "1"]);
    let second = mentions(&project, "1")
        .into_iter()
        .filter(|m| m["quote"] == "第十四研究所" && m["status"] == "suggested")
        .count();
    assert!(second >= 1, "the second 第十四研究所 is suggested now");

    // Everything is checked against the texts.
    assert!(duizhao_ok(&["check", p]).starts_with("ok"));
}

#[test]
fn entities_merge_split_and_delete_undoably() {
    let dir = tempfile::tempdir().unwrap();
    let project = aligned_corpus(dir.path());
    let p = path_str(&project);
    let costind = new_id(&duizhao_ok(&[
        "entity",
        "add",
        p,
        "--type",
        "organisation",
        "--en",
        "SCOSMI",
    ]));
    let full = new_id(&duizhao_ok(&[
        "entity",
        "add",
        p,
        "--type",
        "organisation",
        "--zh",
        "国家特种材料工业委员会",
        "--abbreviation",
        "特材委",
    ]));
    let mention = new_id(&duizhao_ok(&[
        "mention",
        "add",
        p,
        "1",
        "--lang",
        "en",
        "SCOSMI",
        "--type",
        "organisation",
        "--entity",
        &costind,
    ]));
    let before = entities(&project);
    duizhao_ok(&["entity", "merge", p, &full, &costind]);
    let merged = entities(&project);
    assert_eq!(merged.len(), before.len() - 1);
    let kept = merged.iter().find(|e| id(e) == full).unwrap();
    assert_eq!(kept["mention_count"], 1);
    let names: Vec<&str> = kept["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    // The absorbed entity's English name fills the one the kept entity lacked.
    assert_eq!(kept["name_en"], "SCOSMI");
    assert!(names.contains(&"特材委"), "{names:?}");
    let linked = mentions(&project, "1");
    assert_eq!(linked[0]["entity"].to_string(), full);

    duizhao_ok(&["undo", p]);
    assert_eq!(entities(&project), before);

    // Delete with its mention linked: the mention stays, without its entity; undo restores.
    duizhao_ok(&["entity", "delete", p, &costind]);
    let orphan = mentions(&project, "1");
    assert_eq!(orphan[0]["id"].to_string(), mention);
    assert!(orphan[0]["entity"].is_null());
    duizhao_ok(&["undo", p]);
    assert_eq!(entities(&project), before);
    assert_eq!(mentions(&project, "1")[0]["entity"].to_string(), costind);

    let message = refused(&project, &["entity", "merge", p, &full, &full]);
    assert!(message.contains("itself"), "{message}");
    let message = refused(
        &project,
        &[
            "mention", "add", p, "1", "--lang", "zh", "0..3", "--type", "weapon",
        ],
    );
    assert!(
        message.contains("weapon") && message.contains("organisation"),
        "{message}"
    );
    let message = refused(
        &project,
        &[
            "mention",
            "add",
            p,
            "1",
            "--lang",
            "zh",
            "99990..99999",
            "--type",
            "person",
        ],
    );
    assert!(message.contains("99990"), "{message}");
    let message = refused(
        &project,
        &[
            "mention", "add", p, "1", "--lang", "zh", "7..10", "--type", "person", "--quote",
            "欧阳",
        ],
    );
    assert!(message.contains("欧阳翀"), "{message}");
    let message = refused(&project, &["entity", "delete", p, "4242"]);
    assert!(message.contains("4242"), "{message}");
}

#[test]
fn claims_are_weighed_against_graded_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let project = aligned_corpus(dir.path());
    let p = path_str(&project);
    let ouyang = new_id(&duizhao_ok(&[
        "entity",
        "add",
        p,
        "--type",
        "person",
        "--zh",
        "欧阳翀",
        "--en",
        "Ouyang Chong",
    ]));
    let left = new_id(&duizhao_ok(&[
        "claim",
        "add",
        p,
        "--summary",
        "Ouyang Chong left Institute 14 in early October 2018.",
        "--anchor",
        "1:zh:2018年十月上旬离开十四所",
        "--anchor",
        "1:en:I left Institute 14 in early October 2018",
        "--claimant",
        &ouyang,
        "--subject",
        &ouyang,
        "--time",
        "2018年十月上旬",
    ]));
    let dismissed = new_id(&duizhao_ok(&[
        "claim",
        "add",
        p,
        "--summary",
        "Ouyang Chong was dismissed on 29 December 2017.",
        "--anchor",
        "2:zh:2017年12月29日",
        "--time",
        "29 December 2017",
    ]));
    let show: Value = serde_json::from_str(&duizhao_ok(&["claim", "show", p, &left])).unwrap();
    assert_eq!(show["status"], "unverified");
    assert_eq!(show["time"]["earliest"], "2018-10-01");
    assert_eq!(show["time"]["latest"], "2018-10-10");
    assert_eq!(show["anchors"].as_array().unwrap().len(), 2);
    assert_eq!(show["anchors"][0]["quote"], "2018年十月上旬离开十四所");

    duizhao_ok(&["claim", "link", p, &dismissed, "contradicts", &left]);
    let record = new_id(&duizhao_ok(&[
        "evidence",
        "add",
        p,
        "--title",
        "Dismissal decision 十四所发〔2017〕88号",
        "--kind",
        "record",
        "--reliability",
        "C",
        "--credibility",
        "3",
        "--document",
        "2",
    ]));
    let stamp = new_id(&duizhao_ok(&[
        "evidence",
        "add",
        p,
        "--title",
        "Exit stamp, Luohu, official passport",
        "--kind",
        "stamp",
        "--reliability",
        "B",
        "--credibility",
        "2",
        "--date",
        "2018-12-28",
    ]));
    duizhao_ok(&["evidence", "link", p, &record, "contradicts", &left]);
    duizhao_ok(&["evidence", "link", p, &stamp, "supports", &left]);
    duizhao_ok(&[
        "claim",
        "status",
        p,
        &left,
        "disputed",
        "--rationale",
        "The dismissal record and the exit stamp disagree.",
    ]);
    let show: Value = serde_json::from_str(&duizhao_ok(&["claim", "show", p, &left])).unwrap();
    assert_eq!(show["status"], "disputed");
    let stances: Vec<&str> = show["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["stance"].as_str().unwrap())
        .collect();
    assert_eq!(stances.len(), 2);
    assert!(stances.contains(&"supports") && stances.contains(&"contradicts"));
    let history = show["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "created, then disputed: {history:?}");
    assert_eq!(history[1]["from"], "unverified");
    assert_eq!(history[1]["to"], "disputed");
    assert_eq!(show["links"][0]["kind"], "contradicts");
    let list = duizhao_ok(&["claim", "list", p]);
    assert!(list.contains("disputed\t2018年十月上旬\t+1 -1"), "{list}");

    // Undo the status change: the claim is unverified again, its history one entry shorter.
    duizhao_ok(&["undo", p]);
    let show: Value = serde_json::from_str(&duizhao_ok(&["claim", "show", p, &left])).unwrap();
    assert_eq!(show["status"], "unverified");
    assert_eq!(show["history"].as_array().unwrap().len(), 1);

    // Refusals: each names the problem and changes nothing.
    let message = refused(
        &project,
        &[
            "evidence",
            "add",
            p,
            "--title",
            "x",
            "--kind",
            "record",
            "--reliability",
            "G",
            "--credibility",
            "2",
        ],
    );
    assert!(
        message.contains('G') && message.contains("A–F"),
        "{message}"
    );
    let message = refused(
        &project,
        &[
            "evidence",
            "add",
            p,
            "--title",
            "x",
            "--kind",
            "record",
            "--reliability",
            "A",
            "--credibility",
            "7",
        ],
    );
    assert!(message.contains('7'), "{message}");
    let message = refused(&project, &["claim", "link", p, &left, "contradicts", &left]);
    assert!(message.contains("itself"), "{message}");
    duizhao_ok(&["claim", "link", p, &left, "supports", &dismissed]);
    let message = refused(
        &project,
        &["claim", "link", p, &dismissed, "supports", &left],
    );
    assert!(message.contains("cycle"), "{message}");
    let message = refused(
        &project,
        &[
            "claim",
            "add",
            p,
            "--summary",
            "x",
            "--time",
            "Octember 2019",
        ],
    );
    assert!(message.contains("Octember 2019"), "{message}");
    let message = refused(&project, &["claim", "status", p, "999", "supported"]);
    assert!(message.contains("999"), "{message}");
    let message = refused(&project, &["claim", "status", p, &left, "true"]);
    assert!(message.contains("unverified"), "{message}");

    // The log tells who did what, newest first.
    let log = log(&project);
    let first = log.lines().next().unwrap();
    assert!(first.contains("duizhao cli"), "{first}");
    assert!(log.contains("(undone)"), "{log}");
    assert!(log.contains("disputed"), "{log}");
}
