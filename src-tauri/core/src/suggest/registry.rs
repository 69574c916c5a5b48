//! Registry matching: every preferred name and alias of every registered entity, found in
//! a line by one Aho–Corasick automaton over the folded matching key (see [`super::fold`]),
//! so that traditional/simplified, full-width/half-width and Latin case do not matter.
//! The fold is one character for one, so a match's code-point offsets are the original's.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::fold;
use super::lexicon::is_han;
use super::{Candidate, LineCtx, RegistryName, SuggestOrigin, RANK_REGISTRY, RANK_RULE};

/// One registered name, as the matcher needs it.
#[derive(Debug, Clone)]
pub(crate) struct NameEntry {
    pub entity: i64,
    pub type_name: String,
    /// The folded shadow (not lowercased), for acronyms that must match case-sensitively.
    pub shadow: String,
    /// Its length in characters.
    pub len: usize,
    /// Starts or ends with a Latin letter or digit: must not touch another one there.
    pub latin_start: bool,
    pub latin_end: bool,
    /// An all-capitals acronym (NATO, IBM): matched case-sensitively, so that `US` or `IT`
    /// never match `us` or `it`.
    pub case_sensitive: bool,
    /// A Chinese name of at most two characters: must also be a whole jieba token.
    pub short_han: bool,
    /// Has capital letters: an all-lowercase occurrence is an ordinary word, not the name
    /// (`the agreement` is not the document `Agreement`).
    pub has_upper: bool,
    pub abbreviation: bool,
    /// Not a registered name but derived from one (the trade name 华瑞 of 华瑞国际物流有限公司):
    /// suggested with origin `rule`, still naming the entity.
    pub derived: bool,
}

/// A name for the matcher: a registered name, or one derived from it.
#[derive(Debug, Clone)]
pub(crate) struct MatcherName {
    pub name: RegistryName,
    pub derived: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RegistryMatcher {
    automaton: Option<AhoCorasick>,
    names: Vec<NameEntry>,
}

fn is_latin_alnum(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

impl RegistryMatcher {
    pub(crate) fn new(registry: &[MatcherName]) -> Self {
        let mut names: Vec<NameEntry> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for MatcherName { name, derived } in registry {
            let text = name.text.trim();
            let shadow = fold::shadow(text);
            let key = fold::key(text);
            let chars: Vec<char> = shadow.chars().collect();
            let len = chars.len();
            // A single character (or nothing) would match everywhere.
            if len < 2 || !seen.insert((name.entity, key.clone(), name.type_name.clone())) {
                continue;
            }
            let han_count = chars.iter().filter(|&&c| is_han(c)).count();
            let case_sensitive = len <= 8
                && chars
                    .iter()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && chars.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2;
            names.push(NameEntry {
                entity: name.entity,
                type_name: name.type_name.clone(),
                shadow: shadow.clone(),
                len,
                latin_start: is_latin_alnum(chars[0]),
                latin_end: is_latin_alnum(chars[len - 1]),
                case_sensitive,
                short_han: han_count == len && len <= 2,
                has_upper: chars.iter().any(|c| c.is_uppercase()),
                abbreviation: name.abbreviation,
                derived: *derived,
            });
            keys.push(key);
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&keys)
                .ok()
        };
        RegistryMatcher { automaton, names }
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// Every registered name in the line, overlapping ones included (the resolver decides
    /// which nested ones stay). `token_edges`, for Chinese lines, marks the code points
    /// where a jieba token starts or ends; short Chinese names must sit on them.
    pub(crate) fn find(&self, line: &LineCtx, token_edges: Option<&[bool]>) -> Vec<Candidate> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let key = &line.key;
        let index = crate::text::CharIndex::new(key);
        let mut out = Vec::new();
        for m in automaton.find_overlapping_iter(key.as_str()) {
            let entry = &self.names[m.pattern().as_usize()];
            let (Some(start), Some(end)) =
                (index.char_offset(m.start()), index.char_offset(m.end()))
            else {
                continue;
            };
            if end - start != entry.len {
                continue;
            }
            if entry.latin_start && start > 0 && is_latin_alnum(line.chars[start - 1]) {
                continue;
            }
            if entry.latin_end && end < line.chars.len() && is_latin_alnum(line.chars[end]) {
                continue;
            }
            let found = &line.chars[start..end];
            if entry.case_sensitive && !found.iter().copied().eq(entry.shadow.chars()) {
                continue;
            }
            if entry.has_upper && !found.iter().any(|c| c.is_uppercase()) {
                continue;
            }
            if entry.short_han {
                if let Some(edges) = token_edges {
                    if !edges.get(start).copied().unwrap_or(true)
                        || !edges.get(end).copied().unwrap_or(true)
                    {
                        continue;
                    }
                }
            }
            out.push(Candidate {
                start,
                end,
                type_name: entry.type_name.clone().into(),
                origin: if entry.derived {
                    SuggestOrigin::Rule
                } else {
                    SuggestOrigin::Registry
                },
                entity: Some(entry.entity),
                rank: if entry.derived {
                    RANK_RULE
                } else {
                    RANK_REGISTRY
                },
                abbreviation: entry.abbreviation,
            });
        }
        out
    }
}

/// English words that describe a company's trade rather than name it.
const EN_TRADE_WORDS: &[&str] = &[
    "International",
    "Logistics",
    "Trading",
    "Trade",
    "Technology",
    "Technologies",
    "Tech",
    "Development",
    "Developments",
    "Industrial",
    "Industries",
    "Industry",
    "Investment",
    "Investments",
    "Holdings",
    "Holding",
    "Consulting",
    "Consultancy",
    "Services",
    "Service",
    "Engineering",
    "Import",
    "Export",
    "Commercial",
    "Commerce",
    "Enterprise",
    "Enterprises",
    "Electronics",
    "Electronic",
    "Pharmaceutical",
    "Pharmaceuticals",
    "Financial",
    "Finance",
    "Property",
    "Properties",
    "Estate",
    "Real",
    "Shipping",
    "Transport",
    "Manufacturing",
    "Materials",
    "Chemical",
    "Chemicals",
    "Energy",
    "Media",
    "Culture",
    "Network",
    "Networks",
    "Information",
    "Software",
    "Systems",
    "Supply",
    "Supplies",
    "Construction",
    "Machinery",
    "Equipment",
    "Medical",
    "Food",
    "Foods",
    "Textile",
    "Textiles",
    "Metals",
    "Mining",
    "Resources",
    "Capital",
    "Asset",
    "Assets",
    "Management",
    "Global",
    "Worldwide",
    "General",
    "Science",
    "Sciences",
    "Research",
    "Precision",
    "Security",
    "Securities",
    "Insurance",
    "Private",
    "Public",
    "National",
    "Municipal",
    "Provincial",
    "State",
    "and",
    "&",
];

/// Company designators at the end of an English name (`Co., Ltd.` is two words).
const EN_COMPANY_WORDS: &[&str] = &[
    "Limited",
    "Ltd",
    "Co",
    "Company",
    "Corporation",
    "Corp",
    "Inc",
    "Incorporated",
    "Group",
    "LLC",
    "PLC",
    "GmbH",
    "AG",
    "SA",
];

/// The trade name of an English company name: the words left when the designators, the
/// trade words and a leading place are taken off (Wing Fat International Logistics
/// Limited → Wing Fat; Nanjing Huarui Technology Development Co., Ltd. → Huarui).
pub(crate) fn trade_name_en(
    name: &str,
    places: &std::collections::HashSet<String>,
) -> Option<String> {
    let mut words: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == ',' || c == '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let title = |w: &str| -> String {
        let mut c = w.chars();
        match c.next() {
            Some(f) => f
                .to_uppercase()
                .chain(c.flat_map(char::to_lowercase))
                .collect(),
            None => String::new(),
        }
    };
    let mut company = false;
    while words.last().is_some_and(|w| {
        EN_COMPANY_WORDS.contains(&title(w).as_str()) || EN_COMPANY_WORDS.contains(w)
    }) {
        words.pop();
        company = true;
    }
    if !company {
        return None;
    }
    while words
        .last()
        .is_some_and(|w| EN_TRADE_WORDS.contains(&title(w).as_str()))
    {
        words.pop();
    }
    while words.len() > 1 && places.contains(&words[0].to_lowercase()) {
        words.remove(0);
    }
    let ok = (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !EN_TRADE_WORDS.contains(&title(w).as_str())
        });
    ok.then(|| words.join(" "))
}
