//! The `duizhao` CLI over the sample corpus and over bad input, as a user scripting it
//! would see it: exit status, one-line errors naming the file, and a project that is never
//! left changed or broken by a failed command.

use std::path::Path;

use duizhao_e2e::{corpus, corpus_sentences, duizhao, duizhao_ok, gold_sentence_counts, path_str};

/// A project with both corpus documents imported.
fn corpus_project(dir: &Path) -> std::path::PathBuf {
    let project = dir.join("corpus.duizhao");
    duizhao_ok(&["init", path_str(&project)]);
    for (name, kind) in [("statement", "statement"), ("notice", "notice")] {
        let zh = corpus(&format!("{name}.zh.txt"));
        let en = corpus(&format!("{name}.en.txt"));
        duizhao_ok(&[
            "import",
            path_str(&project),
            "--zh",
            path_str(&zh),
            "--en",
            path_str(&en),
            "--kind",
            kind,
        ]);
    }
    project
}

fn list(project: &Path) -> Vec<Vec<String>> {
    duizhao_ok(&["list", path_str(project)])
        .lines()
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn corpus_imports_checks_and_matches_the_gold_sentence_counts() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus_project(dir.path());
    let rows = list(&project);
    assert_eq!(rows.len(), 2, "two documents: {rows:?}");
    for (row, gold) in rows.iter().zip(["statement.align", "notice.align"]) {
        assert_eq!(row.len(), 4, "ID, title, zh count, en count: {row:?}");
        let (zh, en) = gold_sentence_counts(gold);
        assert_eq!(row[2], zh.to_string(), "zh sentences of {gold}");
        assert_eq!(row[3], en.to_string(), "en sentences of {gold}");
    }
    let check = duizhao_ok(&["check", path_str(&project)]);
    assert!(check.starts_with("ok"), "{check}");
}

#[test]
fn segment_prints_the_sentences_the_gold_alignment_counts() {
    for (name, gold) in [("statement", "statement.align"), ("notice", "notice.align")] {
        let (zh, en) = gold_sentence_counts(gold);
        assert_eq!(corpus_sentences(&format!("{name}.zh.txt"), "zh").len(), zh);
        assert_eq!(corpus_sentences(&format!("{name}.en.txt"), "en").len(), en);
    }
}

#[test]
fn show_prints_both_languages_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus_project(dir.path());
    let id = &list(&project)[0][0];
    let shown = duizhao_ok(&["show", path_str(&project), id]);
    let zh = corpus_sentences("statement.zh.txt", "zh");
    let en = corpus_sentences("statement.en.txt", "en");
    assert!(shown.contains(&format!("1\t{}", zh[0])), "{shown}");
    assert!(shown.contains(&format!("1\t{}", en[0])), "{shown}");
    assert!(shown.contains(&format!("{}\t{}", zh.len(), zh[zh.len() - 1])));
    let missing = duizhao(&["show", path_str(&project), "999"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("999"));
}

#[test]
fn segment_words_keeps_one_output_line_per_input_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lines.zh.txt");
    std::fs::write(&file, "我们明天去北京。\n\n他说：“好的！”\n").unwrap();
    let out = duizhao_ok(&["segment", "--lang", "zh", "--words", path_str(&file)]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out:?}");
    assert_eq!(lines[1], "");
    assert!(lines[0].split("  ").count() >= 3, "{out:?}");
    assert_eq!(lines[0].replace("  ", ""), "我们明天去北京。");
}

/// Every bad import below must fail with a message naming the file, and leave the project
/// exactly as it was.
#[test]
fn bad_input_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus_project(dir.path());
    let before = list(&project);
    let good_en = corpus("statement.en.txt");

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let png = dir.path().join("picture.png");
    std::fs::write(
        &png,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0",
    )
    .unwrap();
    let gbk_bytes = dir.path().join("not-big5.txt");
    std::fs::write(&gbk_bytes, b"\xff\xfe\xfd\xfc").unwrap();
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let missing = dir.path().join("missing.txt");

    let cases: Vec<(&Path, Vec<&str>, &str)> = vec![
        (&empty, vec![], "empty"),
        (&png, vec![], "binary"),
        (&gbk_bytes, vec!["--encoding", "big5"], "Big5"),
        (&huge, vec![], "MB"),
        (&missing, vec![], "does not exist"),
    ];
    for (zh, extra, expected) in cases {
        let mut args = vec![
            "import",
            path_str(&project),
            "--zh",
            path_str(zh),
            "--en",
            path_str(&good_en),
        ];
        args.extend(extra);
        let output = duizhao(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{zh:?} was accepted");
        let name = zh.file_name().unwrap().to_str().unwrap();
        assert!(
            stderr.contains(name),
            "error does not name the file: {stderr}"
        );
        assert!(
            stderr.to_lowercase().contains(&expected.to_lowercase()),
            "error for {name} does not say `{expected}`: {stderr}"
        );
        assert_eq!(stderr.trim().lines().count(), 1, "one-line error: {stderr}");
        assert_eq!(list(&project), before, "{name} changed the project");
    }
    assert!(duizhao_ok(&["check", path_str(&project)]).starts_with("ok"));
}

#[test]
fn bad_project_paths_are_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let zh = corpus("notice.zh.txt");
    let en = corpus("notice.en.txt");

    let not_sqlite = dir.path().join("notes.duizhao");
    std::fs::write(&not_sqlite, "just some text, not a database\n").unwrap();
    let good = corpus_project(dir.path());
    let truncated = dir.path().join("truncated.duizhao");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();

    for (project, expected) in [
        (dir.path(), "folder"),
        (not_sqlite.as_path(), "not"),
        (truncated.as_path(), "truncated.duizhao"),
    ] {
        let before = std::fs::read(project).ok();
        let output = duizhao(&[
            "import",
            path_str(project),
            "--zh",
            path_str(&zh),
            "--en",
            path_str(&en),
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{project:?} was accepted");
        assert!(stderr.contains(expected), "{project:?}: {stderr}");
        assert_eq!(
            std::fs::read(project).ok(),
            before,
            "{project:?} was modified"
        );
    }

    // `init` never overwrites an existing project.
    let output = duizhao(&["init", path_str(&good)]);
    assert!(!output.status.success());
    assert!(duizhao_ok(&["check", path_str(&good)]).starts_with("ok"));
}

#[test]
fn two_imports_at_once_leave_a_consistent_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("busy.duizhao");
    duizhao_ok(&["init", path_str(&project)]);
    let zh = corpus("statement.zh.txt");
    let en = corpus("statement.en.txt");
    let binary = duizhao_e2e::binary("duizhao");
    // Start both at the same time, not one after the other.
    let spawned: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(&binary)
                .args([
                    "import",
                    path_str(&project),
                    "--zh",
                    path_str(&zh),
                    "--en",
                    path_str(&en),
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = spawned
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let succeeded = outputs.iter().filter(|o| o.status.success()).count();
    for output in outputs.iter().filter(|o| !o.status.success()) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("busy"),
            "a failed concurrent import says why: {stderr}"
        );
    }
    assert!(
        succeeded >= 1,
        "at least one of two concurrent imports succeeds"
    );
    assert_eq!(list(&project).len(), succeeded);
    assert!(duizhao_ok(&["check", path_str(&project)]).starts_with("ok"));
}

/// The alignment editing commands over the aligned sample statement: each edit shows in
/// `duizhao beads`, refusals change nothing, and undo walks every edit back.
#[test]
fn beads_are_edited_undone_and_redone_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus_project(dir.path());
    let p = path_str(&project);
    let beads = || duizhao_ok(&["beads", p, "1"]);
    let not_aligned = duizhao(&["beads", p, "1"]);
    assert!(!not_aligned.status.success());
    assert!(String::from_utf8_lossy(&not_aligned.stderr).contains("not aligned yet"));
    duizhao_ok(&["align", p, "1"]);
    let aligned = beads();
    let count = aligned.lines().count();
    let first: Vec<&str> = aligned.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        first.len(),
        6,
        "number, status, confidence, ranges, zh, en: {first:?}"
    );
    assert_eq!((first[0], first[1]), ("1", "unconfirmed"));
    assert!(
        first[3].starts_with("[1") && first[3].contains("]:["),
        "{first:?}"
    );

    duizhao_ok(&["bead", "confirm", p, "1", "2"]);
    assert!(beads()
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("2\tconfirmed\t"));
    duizhao_ok(&["bead", "merge", p, "1", "3"]);
    assert_eq!(beads().lines().count(), count - 1);
    duizhao_ok(&["bead", "split", p, "1", "3", "1", "1"]);
    assert_eq!(beads().lines().count(), count);
    let zh = corpus_sentences("statement.zh.txt", "zh");
    let en = corpus_sentences("statement.en.txt", "en");
    let (zh_word, en_word): (String, String) = (
        zh[0].chars().take(2).collect(),
        en[0].split(' ').next().unwrap().to_owned(),
    );
    duizhao_ok(&[
        "link",
        "add",
        p,
        "1",
        "1",
        "--zh",
        &zh_word,
        "--en",
        &en_word,
        "--suggested",
    ]);
    let links = duizhao_ok(&["link", "list", p, "1"]);
    let link: Vec<&str> = links.trim_end().split('\t').collect();
    assert_eq!(&link[1..4], ["1", "suggested", "manual"], "{links}");
    assert_eq!((link[5], link[7]), (zh_word.as_str(), en_word.as_str()));
    duizhao_ok(&["link", "accept", p, link[0]]);
    assert!(duizhao_ok(&["link", "list", p, "1"]).contains("\taccepted\t"));

    let edited = beads();
    for (args, words) in [
        (vec!["bead", "merge", p, "1", "9999"], "9999"),
        (vec!["bead", "merge", p, "1", &count.to_string()], "no bead"),
        (
            vec!["sentence", "merge", p, "1", "zh", "1"],
            "merge the beads first",
        ),
        (
            vec!["bead", "move", p, "1", "1", "zh", "previous"],
            "first bead",
        ),
        (vec!["link", "accept", p, link[0]], "already accepted"),
    ] {
        let out = duizhao(&args);
        assert!(!out.status.success(), "{args:?} should fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(words), "{args:?}: {stderr}");
    }
    assert_eq!(beads(), edited, "refused edits change nothing");

    // accept, add, split, merge, confirm
    for _ in 0..5 {
        assert!(duizhao_ok(&["undo", p]).starts_with("undone: "));
    }
    assert_eq!(beads(), aligned);
    assert!(duizhao_ok(&["redo", p]).starts_with("redone: confirmed bead"));
    assert!(beads()
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("2\tconfirmed\t"));
    let check = duizhao_ok(&["check", p]);
    assert!(
        check.starts_with("ok") && check.contains("1 alignments"),
        "{check}"
    );
}
