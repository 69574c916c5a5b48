//! The gazetteer file format of `corpus/seed-gazetteer.tsv`: tab-separated, a header row
//! `key  type  zh  en  aliases`, one entity per row; aliases are `|`-separated and their
//! language is decided by script (any Han character → Chinese, else English). Entity ids
//! are the 1-based row numbers of the entities. Blank lines and lines starting with `#`
//! are skipped.

use std::collections::HashSet;
use std::fmt;

use super::lexicon::is_han;
use super::{RegistryName, ENTITY_TYPES};
use crate::lang::Lang;

/// A problem in a gazetteer file, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for GazetteerError {}

const HEADER: [&str; 5] = ["key", "type", "zh", "en", "aliases"];

fn error(line: usize, message: impl Into<String>) -> GazetteerError {
    GazetteerError {
        line,
        message: message.into(),
    }
}

/// The language a name is written in, by its script.
pub fn lang_of(name: &str) -> Lang {
    if name.chars().any(is_han) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Whether `alias` is a short form of `full`: an acronym, or (Chinese) characters all
/// taken in order from the full name, or (Latin) words all taken from it.
fn is_abbreviation(alias: &str, full: &str) -> bool {
    if full.is_empty() || alias.chars().count() >= full.chars().count() {
        return false;
    }
    let acronym = alias.chars().count() >= 2
        && alias
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if acronym {
        return true;
    }
    if lang_of(alias) == Lang::Zh {
        let mut rest = full.chars();
        return alias.chars().all(|c| rest.any(|f| f == c));
    }
    let words: HashSet<String> = full.split_whitespace().map(str::to_lowercase).collect();
    alias
        .split_whitespace()
        .all(|w| words.contains(&w.to_lowercase()))
}

/// One entity of a gazetteer: its row's 1-based line number, key, type, preferred names and
/// other names (language by script, abbreviation flag by comparison with the full name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    pub line: usize,
    pub key: String,
    pub type_name: String,
    pub zh: Option<String>,
    pub en: Option<String>,
    pub aliases: Vec<GazetteerAlias>,
}

/// An alias of a gazetteer entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerAlias {
    pub text: String,
    pub lang: Lang,
    pub abbreviation: bool,
}

/// Parse a gazetteer into its entities. Blank and `#` lines are skipped; every other line
/// must have the five columns (a missing empty `aliases` column at the end is accepted).
pub fn parse_entries(text: &str) -> Result<Vec<GazetteerEntry>, GazetteerError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Vec::new();
    let mut keys = HashSet::new();
    let mut header_seen = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !header_seen {
            let lower: Vec<String> = fields.iter().map(|f| f.to_lowercase()).collect();
            if lower.len() != HEADER.len() || lower.iter().zip(HEADER).any(|(a, b)| a != b) {
                return Err(error(
                    line_no,
                    "expected the header row `key<TAB>type<TAB>zh<TAB>en<TAB>aliases`",
                ));
            }
            header_seen = true;
            continue;
        }
        if fields.len() != 5 && fields.len() != 4 {
            return Err(error(
                line_no,
                format!(
                    "expected 5 tab-separated columns (key, type, zh, en, aliases), found {}",
                    fields.len()
                ),
            ));
        }
        let (key, type_name, zh, en) = (fields[0], fields[1], fields[2], fields[3]);
        let aliases = fields.get(4).copied().unwrap_or("");
        if key.is_empty() || key.chars().any(char::is_whitespace) {
            return Err(error(line_no, "the key is empty or contains spaces"));
        }
        if !keys.insert(key.to_string()) {
            return Err(error(line_no, format!("the key `{key}` appears twice")));
        }
        if !ENTITY_TYPES.contains(&type_name) {
            return Err(error(
                line_no,
                format!(
                    "unknown type `{type_name}` (expected one of {})",
                    ENTITY_TYPES.join(", ")
                ),
            ));
        }
        if zh.is_empty() && en.is_empty() {
            return Err(error(line_no, "the entity has neither a zh nor an en name"));
        }
        let aliases = aliases
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|alias| {
                let lang = lang_of(alias);
                let full = if lang == Lang::Zh { zh } else { en };
                GazetteerAlias {
                    text: alias.to_string(),
                    lang,
                    abbreviation: is_abbreviation(alias, full),
                }
            })
            .collect();
        let name = |s: &str| (!s.is_empty()).then(|| s.to_string());
        out.push(GazetteerEntry {
            line: line_no,
            key: key.to_string(),
            type_name: type_name.to_string(),
            zh: name(zh),
            en: name(en),
            aliases,
        });
    }
    if !header_seen {
        return Err(error(
            1,
            "the file is empty: expected a header row and entities",
        ));
    }
    Ok(out)
}

/// Parse a gazetteer into registry names; entity ids are the entities' 1-based positions.
pub fn parse_gazetteer(text: &str) -> Result<Vec<RegistryName>, GazetteerError> {
    let mut out = Vec::new();
    for (entity, entry) in (1..).zip(parse_entries(text)?) {
        let mut push = |text: &str, lang: Lang, abbreviation: bool| {
            out.push(RegistryName {
                entity,
                key: Some(entry.key.clone()),
                type_name: entry.type_name.clone(),
                lang,
                text: text.to_string(),
                abbreviation,
            });
        };
        if let Some(zh) = &entry.zh {
            push(zh, Lang::Zh, false);
        }
        if let Some(en) = &entry.en {
            push(en, Lang::En, false);
        }
        for alias in &entry.aliases {
            push(&alias.text, alias.lang, alias.abbreviation);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_aliases_by_script() {
        let text = "key\ttype\tzh\ten\taliases\n\
                    acme\torganisation\t阿克米有限公司\tAcme Limited\t阿克米|ACME|Acme\n\
                    \n\
                    bob\tperson\t\tBob Smith\t\n";
        let names = parse_gazetteer(text).unwrap();
        assert_eq!(names.len(), 6);
        assert_eq!(names[0].entity, 1);
        assert_eq!(names[0].lang, Lang::Zh);
        let alias = names.iter().find(|n| n.text == "阿克米").unwrap();
        assert_eq!(alias.lang, Lang::Zh);
        assert!(alias.abbreviation);
        let acme = names.iter().find(|n| n.text == "ACME").unwrap();
        assert_eq!(acme.lang, Lang::En);
        assert!(acme.abbreviation);
        assert_eq!(names[5].entity, 2);
        assert_eq!(names[5].key.as_deref(), Some("bob"));
    }

    #[test]
    fn malformed_lines_are_errors_with_their_number() {
        let bad_columns = "key\ttype\tzh\ten\taliases\nacme\torganisation\n";
        assert_eq!(parse_gazetteer(bad_columns).unwrap_err().line, 2);
        let bad_type = "key\ttype\tzh\ten\taliases\n\na\tcompany\t甲\tA\t\n";
        let e = parse_gazetteer(bad_type).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("company"));
        assert_eq!(parse_gazetteer("no header\n").unwrap_err().line, 1);
        assert_eq!(parse_gazetteer("").unwrap_err().line, 1);
        let twice = "key\ttype\tzh\ten\taliases\na\tplace\t甲\t\t\na\tplace\t乙\t\t\n";
        assert_eq!(parse_gazetteer(twice).unwrap_err().line, 3);
        let nameless = "key\ttype\tzh\ten\taliases\na\tplace\t\t\t\n";
        assert_eq!(parse_gazetteer(nameless).unwrap_err().line, 2);
    }
}
