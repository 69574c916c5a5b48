//! Scoring suggestions against gold mentions (exact span and type), per origin and
//! overall, and reading public character-per-line Chinese NER test sets (BIO/BMES).

use std::collections::HashSet;

use super::{SuggestOrigin, ORGANISATION, PERSON, PLACE};

/// A mention to score: which text it is in (any id the caller chooses), its code-point
/// span and its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EvalMention {
    pub text_id: String,
    pub start: usize,
    pub end: usize,
    pub type_name: String,
}

/// Counts behind precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub suggested: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.suggested)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// One line of a score table: a type (or `all`) and an origin (or `None` for all origins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    pub type_name: String,
    pub origin: Option<SuggestOrigin>,
    pub counts: Counts,
}

/// Score `suggested` against `gold` for each of `types` and for all types together, per
/// origin and overall. A suggestion is correct when a gold mention has the same text,
/// span and type. Recall per origin is the share of all gold mentions that origin found.
pub fn score(
    gold: &[EvalMention],
    suggested: &[(EvalMention, SuggestOrigin)],
    types: &[&str],
) -> Vec<ScoreRow> {
    let gold_set: HashSet<&EvalMention> = gold.iter().collect();
    let mut rows = Vec::new();
    let all_types: Vec<Option<&str>> = types.iter().map(|t| Some(*t)).chain([None]).collect();
    for type_filter in all_types {
        let of_type = |m: &EvalMention| type_filter.is_none_or(|t| m.type_name == t);
        let gold_count = gold.iter().filter(|m| of_type(m)).count();
        let origins: Vec<Option<SuggestOrigin>> = SuggestOrigin::ALL
            .iter()
            .map(|o| Some(*o))
            .chain([None])
            .collect();
        for origin in origins {
            let mut seen = HashSet::new();
            let mut counts = Counts {
                gold: gold_count,
                ..Counts::default()
            };
            for (m, o) in suggested {
                if !of_type(m) || origin.is_some_and(|want| want != *o) || !seen.insert(m) {
                    continue;
                }
                counts.suggested += 1;
                if gold_set.contains(m) {
                    counts.correct += 1;
                }
            }
            rows.push(ScoreRow {
                type_name: type_filter.unwrap_or("all").to_string(),
                origin,
                counts,
            });
        }
    }
    rows
}

/// One sentence of a character-per-line NER set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerSentence {
    pub text: String,
    /// Code-point spans with our type names (person, place, organisation).
    pub mentions: Vec<(usize, usize, &'static str)>,
}

/// Our type for a NER set's entity label: NR/PER/PERSON/NAME → person, NS/LOC/GPE →
/// place, NT/ORG → organisation; other labels are ignored.
fn map_label(label: &str) -> Option<&'static str> {
    let upper = label.to_ascii_uppercase();
    let base = upper.split('.').next().unwrap_or(&upper);
    match base {
        "NR" | "PER" | "PERSON" | "NAME" => Some(PERSON),
        "NS" | "LOC" | "GPE" | "LOCATION" => Some(PLACE),
        "NT" | "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(ORGANISATION),
        _ => None,
    }
}

/// Parse a character-per-line NER file: `char TAG` per line (space or tab), a blank line
/// between sentences; tags `O`, `B-X`, `I-X`, `M-X`, `E-X`, `S-X` (BIO or BMES). A line
/// that is not `char TAG` is an error with its 1-based number.
pub fn parse_char_ner(text: &str) -> Result<Vec<NerSentence>, (usize, String)> {
    let mut out = Vec::new();
    let mut sentence = NerSentence {
        text: String::new(),
        mentions: Vec::new(),
    };
    let mut len = 0usize;
    let mut open: Option<(usize, &'static str)> = None;
    let close = |open: &mut Option<(usize, &'static str)>, end: usize, s: &mut NerSentence| {
        if let Some((start, t)) = open.take() {
            if end > start {
                s.mentions.push((start, end, t));
            }
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            close(&mut open, len, &mut sentence);
            if !sentence.text.is_empty() {
                out.push(std::mem::replace(
                    &mut sentence,
                    NerSentence {
                        text: String::new(),
                        mentions: Vec::new(),
                    },
                ));
            }
            len = 0;
            continue;
        }
        let mut fields = line.split_whitespace();
        let (Some(ch), Some(tag), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err((i + 1, format!("expected `CHARACTER TAG`, found `{line}`")));
        };
        let (prefix, label) = if tag == "O" {
            ("O", "")
        } else {
            match tag.split_once(['-', '_']) {
                Some((p, l)) if matches!(p, "B" | "I" | "M" | "E" | "S") => (p, l),
                _ => return Err((i + 1, format!("unknown tag `{tag}`"))),
            }
        };
        let ty = map_label(label);
        let here = len;
        sentence.text.push_str(ch);
        len += ch.chars().count();
        match (prefix, ty) {
            ("O", _) | (_, None) => close(&mut open, here, &mut sentence),
            ("B", Some(t)) => {
                close(&mut open, here, &mut sentence);
                open = Some((here, t));
            }
            ("S", Some(t)) => {
                close(&mut open, here, &mut sentence);
                sentence.mentions.push((here, len, t));
            }
            // A continuation without its beginning begins a mention.
            ("I" | "M", Some(t)) if open.is_none_or(|(_, ot)| ot != t) => {
                close(&mut open, here, &mut sentence);
                open = Some((here, t));
            }
            ("E", Some(t)) => {
                if open.is_none_or(|(_, ot)| ot != t) {
                    close(&mut open, here, &mut sentence);
                    open = Some((here, t));
                }
                close(&mut open, len, &mut sentence);
            }
            _ => {}
        }
    }
    close(&mut open, len, &mut sentence);
    if !sentence.text.is_empty() {
        out.push(sentence);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: &str, s: usize, e: usize, t: &str) -> EvalMention {
        EvalMention {
            text_id: id.into(),
            start: s,
            end: e,
            type_name: t.into(),
        }
    }

    #[test]
    fn scores_per_origin_and_overall() {
        let gold = vec![
            m("a", 0, 3, "person"),
            m("a", 5, 9, "organisation"),
            m("b", 1, 2, "place"),
        ];
        let suggested = vec![
            (m("a", 0, 3, "person"), SuggestOrigin::Registry),
            (m("a", 5, 8, "organisation"), SuggestOrigin::Rule),
            (m("b", 1, 2, "place"), SuggestOrigin::Jieba),
            (m("b", 1, 2, "person"), SuggestOrigin::Jieba),
        ];
        let rows = score(&gold, &suggested, &["person", "organisation"]);
        let row = |t: &str, o: Option<SuggestOrigin>| {
            rows.iter()
                .find(|r| r.type_name == t && r.origin == o)
                .unwrap()
                .counts
        };
        assert_eq!(
            row("person", None),
            Counts {
                gold: 1,
                suggested: 2,
                correct: 1
            }
        );
        assert_eq!(row("organisation", Some(SuggestOrigin::Rule)).correct, 0);
        let all = row("all", None);
        assert_eq!(
            all,
            Counts {
                gold: 3,
                suggested: 4,
                correct: 2
            }
        );
        assert!((all.precision() - 0.5).abs() < 1e-9);
        assert!((all.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(row("all", Some(SuggestOrigin::Jieba)).correct, 1);
    }

    #[test]
    fn parses_bio_and_bmes_character_files() {
        // BIO (MSRA style) and BMES (Resume/Weibo style), two sentences.
        let text = "张 B-PER\n三 I-PER\n在 O\n北 B-LOC\n京 I-LOC\n\n\
                    新 B-NT\n华 M-NT\n社 E-NT\n报 O\n道 O\n李 S-NR\n职 B-TITLE\n员 E-TITLE\n";
        let sentences = parse_char_ner(text).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].text, "张三在北京");
        assert_eq!(
            sentences[0].mentions,
            vec![(0, 2, "person"), (3, 5, "place")]
        );
        assert_eq!(sentences[1].text, "新华社报道李职员");
        assert_eq!(
            sentences[1].mentions,
            vec![(0, 3, "organisation"), (5, 6, "person")]
        );
        assert_eq!(parse_char_ner("张 B-PER\n三\n").unwrap_err().0, 2);
        assert_eq!(parse_char_ner("张 X-PER\n").unwrap_err().0, 1);
    }
}
