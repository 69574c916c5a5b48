//! Scoring an alignment against gold, as Sennrich & Volk (2010) and the Vecalign and
//! Bertalign papers report it: beads with an empty side are left out; a bead is *strictly*
//! right when the same bead is in gold, *laxly* right when it shares at least one Chinese
//! and one English sentence with a gold bead; precision, recall and F1 are pooled over all
//! files (sum the counts, then divide).

use std::ops::Range;

use super::Bead;

/// One bead as sentence-number lists (the gold file format `[0,1]:[0]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GoldBead {
    pub zh: Vec<usize>,
    pub en: Vec<usize>,
}

impl From<&Bead> for GoldBead {
    fn from(bead: &Bead) -> Self {
        GoldBead {
            zh: range_ids(&bead.zh),
            en: range_ids(&bead.en),
        }
    }
}

fn range_ids(range: &Range<usize>) -> Vec<usize> {
    range.clone().collect()
}

/// A line of a bead file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct BeadParseError {
    pub line: usize,
    pub message: String,
}

/// Parse a bead file: one `[zh ids]:[en ids]` per line; blank lines are skipped.
pub fn parse_beads(text: &str) -> Result<Vec<GoldBead>, BeadParseError> {
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| BeadParseError {
            line: index + 1,
            message,
        };
        let (zh, en) = line
            .split_once("]:[")
            .ok_or_else(|| err(format!("expected `[zh ids]:[en ids]`, found `{line}`")))?;
        let zh = zh
            .strip_prefix('[')
            .ok_or_else(|| err(format!("expected `[` at the start of `{line}`")))?;
        let en = en
            .strip_suffix(']')
            .ok_or_else(|| err(format!("expected `]` at the end of `{line}`")))?;
        let ids = |list: &str| -> Result<Vec<usize>, BeadParseError> {
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<usize>()
                        .map_err(|_| err(format!("`{s}` is not a sentence number")))
                })
                .collect()
        };
        out.push(GoldBead {
            zh: ids(zh)?,
            en: ids(en)?,
        });
    }
    Ok(out)
}

/// Pooled counts; add files with [`Counts::add`], read the scores at the end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Test beads (both sides non-empty).
    pub test: usize,
    /// Gold beads (both sides non-empty).
    pub gold: usize,
    pub strict_test_right: usize,
    pub strict_gold_found: usize,
    pub lax_test_right: usize,
    pub lax_gold_found: usize,
}

/// Precision, recall, F1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn prf(right: usize, test: usize, found: usize, gold: usize) -> Prf {
    let precision = if test == 0 {
        0.0
    } else {
        right as f64 / test as f64
    };
    let recall = if gold == 0 {
        0.0
    } else {
        found as f64 / gold as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

fn overlaps(a: &GoldBead, b: &GoldBead) -> bool {
    a.zh.iter().any(|z| b.zh.contains(z)) && a.en.iter().any(|e| b.en.contains(e))
}

impl Counts {
    /// Count one file's test beads against its gold beads.
    pub fn add(&mut self, test: &[GoldBead], gold: &[GoldBead]) {
        let test: Vec<&GoldBead> = test
            .iter()
            .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
            .collect();
        let gold: Vec<&GoldBead> = gold
            .iter()
            .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
            .collect();
        self.test += test.len();
        self.gold += gold.len();
        let gold_set: std::collections::HashSet<&GoldBead> = gold.iter().copied().collect();
        let test_set: std::collections::HashSet<&GoldBead> = test.iter().copied().collect();
        self.strict_test_right += test.iter().filter(|b| gold_set.contains(*b)).count();
        self.strict_gold_found += gold.iter().filter(|b| test_set.contains(*b)).count();
        self.lax_test_right += test
            .iter()
            .filter(|t| gold.iter().any(|g| overlaps(t, g)))
            .count();
        self.lax_gold_found += gold
            .iter()
            .filter(|g| test.iter().any(|t| overlaps(t, g)))
            .count();
    }

    pub fn strict(&self) -> Prf {
        prf(
            self.strict_test_right,
            self.test,
            self.strict_gold_found,
            self.gold,
        )
    }

    pub fn lax(&self) -> Prf {
        prf(
            self.lax_test_right,
            self.test,
            self.lax_gold_found,
            self.gold,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gold_lines_and_names_a_bad_line() {
        let beads = parse_beads("[0,1]:[0]\n\n[]:[1]\n[2]:[2,3]\n").unwrap();
        assert_eq!(beads.len(), 3);
        assert_eq!(beads[0].zh, vec![0, 1]);
        assert!(beads[1].zh.is_empty());
        let error = parse_beads("[0]:[0]\n[x]:[1]\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(parse_beads("0:0").is_err());
    }

    #[test]
    fn strict_and_lax_scores_follow_the_definitions() {
        let gold = parse_beads("[0]:[0]\n[1]:[1,2]\n[]:[3]\n[2]:[4]").unwrap();
        let test = parse_beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3,4]").unwrap();
        let mut counts = Counts::default();
        counts.add(&test, &gold);
        // Test beads counted: [0]:[0], [1]:[1], [2]:[3,4]; gold: 3 (the 0-1 is left out).
        assert_eq!(counts.test, 3);
        assert_eq!(counts.gold, 3);
        let strict = counts.strict();
        assert!((strict.precision - 1.0 / 3.0).abs() < 1e-9);
        assert!((strict.recall - 1.0 / 3.0).abs() < 1e-9);
        let lax = counts.lax();
        assert!((lax.precision - 1.0).abs() < 1e-9);
        assert!((lax.recall - 1.0).abs() < 1e-9);
    }
}
