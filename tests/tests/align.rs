//! `duizhao align` and `duizhao eval-align` as a translator or an evaluator scripts them:
//! beads over the sample corpus against its hand-made gold, the presegmented file format,
//! bad input, and (when ../shared/data is there) the published MAC-Dev gold set.

use std::fs;
use std::path::{Path, PathBuf};

use duizhao_e2e::{corpus, corpus_sentences, duizhao, duizhao_ok, path_str, repo_root};

fn parse_bead(line: &str) -> (Vec<usize>, Vec<usize>) {
    let (zh, en) = line.split_once("]:[").expect("a bead line");
    let ids = |s: &str| -> Vec<usize> {
        s.trim_matches(['[', ']'])
            .split(',')
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().expect("a sentence number"))
            .collect()
    };
    (ids(zh), ids(en))
}

/// Every sentence of both sides exactly once, in order.
fn assert_covers(beads: &[(Vec<usize>, Vec<usize>)], zh: usize, en: usize) {
    let zh_ids: Vec<usize> = beads.iter().flat_map(|b| b.0.clone()).collect();
    let en_ids: Vec<usize> = beads.iter().flat_map(|b| b.1.clone()).collect();
    assert_eq!(zh_ids, (0..zh).collect::<Vec<_>>());
    assert_eq!(en_ids, (0..en).collect::<Vec<_>>());
}

#[test]
fn the_sample_statement_and_notice_align_exactly_like_their_gold() {
    let zh = corpus("statement.zh.txt");
    let en = corpus("statement.en.txt");
    let out = duizhao_ok(&["align", "--zh", path_str(&zh), "--en", path_str(&en)]);
    let beads: Vec<_> = out.lines().map(parse_bead).collect();
    let zh_count = corpus_sentences("statement.zh.txt", "zh").len();
    let en_count = corpus_sentences("statement.en.txt", "en").len();
    assert_covers(&beads, zh_count, en_count);

    let gold: Vec<_> = fs::read_to_string(corpus("gold/statement.align"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(parse_bead)
        .collect();
    // Every bead of the hand-made gold: 1-2, 1-3, 2-1, 3-1, the untranslated bracketed
    // note [8]:[] and the crossing 2-2 bead [32,33]:[30,31] included.
    assert_eq!(beads, gold);

    let notice = duizhao_ok(&[
        "align",
        "--zh",
        path_str(&corpus("notice.zh.txt")),
        "--en",
        path_str(&corpus("notice.en.txt")),
    ]);
    let notice_gold = fs::read_to_string(corpus("gold/notice.align")).unwrap();
    assert_eq!(
        notice.lines().collect::<Vec<_>>(),
        notice_gold
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect::<Vec<_>>()
    );
}

#[test]
fn presegmented_files_number_lines_from_zero_and_print_one_bead_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("a.zh");
    let en = dir.path().join("a.en");
    fs::write(
        &zh,
        "我叫陈清扬。\n二〇一六年我进入宏远贸易公司。\n公司的老板姓郭，他让我负责与银行的联系。\n",
    )
    .unwrap();
    fs::write(
        &en,
        "My name is Chen Qingyang.\nIn 2016 I joined the Hongyuan Trading Company.\nThe owner of the company was surnamed Guo.\nHe put me in charge of our dealings with the banks.\n",
    )
    .unwrap();
    let out = duizhao_ok(&[
        "align",
        "--zh",
        path_str(&zh),
        "--en",
        path_str(&en),
        "--presegmented",
    ]);
    assert_eq!(out, "[0]:[0]\n[1]:[1]\n[2]:[2,3]\n");

    let with_confidence = duizhao_ok(&[
        "align",
        "--zh",
        path_str(&zh),
        "--en",
        path_str(&en),
        "--presegmented",
        "--confidence",
    ]);
    for (line, bead) in with_confidence.lines().zip(out.lines()) {
        let (printed, confidence) = line.split_once('\t').expect("bead<TAB>confidence");
        assert_eq!(printed, bead);
        let confidence: f64 = confidence.parse().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "{line}");
    }
}

#[test]
fn an_empty_side_or_a_missing_file_is_a_clear_error_or_unmatched_beads() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("a.zh");
    fs::write(&zh, "我叫陈清扬。\n").unwrap();
    let empty = dir.path().join("empty.en");
    fs::write(&empty, "").unwrap();
    let output = duizhao(&["align", "--zh", path_str(&zh), "--en", path_str(&empty)]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("empty.en"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");

    let missing = dir.path().join("missing.en");
    let output = duizhao(&["align", "--zh", path_str(&zh), "--en", path_str(&missing)]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.en"));

    // Only one of PROJECT DOC and --zh/--en.
    let output = duizhao(&["align", "--zh", path_str(&zh)]);
    assert!(!output.status.success());
}

/// Writes the corpus as an eval set (NNN.zh, NNN.en, NNN.align) the way MAC-Dev is laid out.
fn corpus_eval_set(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (zh_dir, en_dir, gold_dir) = (dir.join("zh"), dir.join("en"), dir.join("gold"));
    for d in [&zh_dir, &en_dir, &gold_dir] {
        fs::create_dir(d).unwrap();
    }
    for (n, name) in ["statement", "notice"].iter().enumerate() {
        let zh = corpus_sentences(&format!("{name}.zh.txt"), "zh").join("\n");
        let en = corpus_sentences(&format!("{name}.en.txt"), "en").join("\n");
        fs::write(zh_dir.join(format!("{:03}.zh", n + 1)), zh + "\n").unwrap();
        fs::write(en_dir.join(format!("{:03}.en", n + 1)), en + "\n").unwrap();
        fs::copy(
            corpus(&format!("gold/{name}.align")),
            gold_dir.join(format!("{:03}.align", n + 1)),
        )
        .unwrap();
    }
    (zh_dir, en_dir, gold_dir)
}

fn eval_align(zh: &Path, en: &Path, gold: &Path) -> std::process::Output {
    duizhao(&[
        "eval-align",
        "--zh-dir",
        path_str(zh),
        "--en-dir",
        path_str(en),
        "--gold-dir",
        path_str(gold),
    ])
}

fn stdout_ok(output: std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn score(out: &str, label: &str) -> f64 {
    let line = out
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no `{label}` line in {out}"));
    line.rsplit("F1 ")
        .next()
        .and_then(|f| f.trim().parse().ok())
        .unwrap_or_else(|| panic!("no F1 in `{line}`"))
}

#[test]
fn eval_align_prints_pooled_strict_and_lax_scores_and_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en, gold) = corpus_eval_set(dir.path());
    let out = stdout_ok(eval_align(&zh, &en, &gold));
    assert!(out.lines().any(|l| l.starts_with("001\t")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("002\t")), "{out}");
    assert!(score(&out, "strict") >= 0.95, "{out}");
    assert!(score(&out, "lax") >= 0.99, "{out}");
    assert!(out.lines().any(|l| l.starts_with("time\t2 files")), "{out}");

    // A gold file with a bad line is named, with its line.
    fs::write(gold.join("002.align"), "[0]:[0]\n[x]:[1]\n").unwrap();
    let output = eval_align(&zh, &en, &gold);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("002.align") && message.contains("line 2"),
        "{message}"
    );
}

/// The published gold set, when this checkout sits beside ../shared (a developer machine);
/// skipped on a fresh clone.
#[test]
fn mac_dev_reaches_the_target_scores_when_the_data_is_present() {
    let data = repo_root().join("../shared/data/align-zh-en-mac-dev");
    if !data.is_dir() {
        eprintln!("skipped: {} is absent", data.display());
        return;
    }
    let out = stdout_ok(eval_align(
        &data.join("zh"),
        &data.join("en"),
        &data.join("gold"),
    ));
    assert!(score(&out, "strict") >= 0.80, "{out}");
    assert!(score(&out, "lax") >= 0.97, "{out}");
}
