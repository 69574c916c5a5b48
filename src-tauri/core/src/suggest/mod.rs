//! Entity-mention suggestions: spans of a text that look like a person, an organisation,
//! a place, a date, a document, an event or an amount of money, for an analyst to accept
//! or reject (they are never accepted automatically; the store saves them as suggested).
//!
//! Three origins, in order of trust:
//!
//! * **registry** — every preferred name and alias of the registered entities, matched
//!   traditional/simplified-, width- and (Latin) case-insensitively (`registry`, `fold`),
//!   with the entity it names;
//! * **rule** — patterns: organisation suffixes (…有限公司, …研究所, … Co., Ltd., … Bureau),
//!   names with titles and cues, Chinese compound surnames, transliterated names with a
//!   middle dot, romanised Chinese names, dates, money, document titles and numbers
//!   (`zh`, `zh_values`, `en`), and the trade names of registered companies used alone
//!   (华瑞 for 华瑞国际物流有限公司), which name their entity;
//! * **jieba** — single words jieba-rs tags as names (nr person, ns place, nt organisation),
//!   checked against CC-CEDICT: a word the dictionary knows only as a common word (陈述,
//!   明白, 东西, all tagged nr/ns in jieba's dictionary) is not a name. `nz` words are not
//!   suggested on their own: in jieba's dictionary they are mostly languages, ethnic groups
//!   and ordinary words (中文, 汉族, 申报); they count as name material inside
//!   organisation names.
//!
//! A text is handled line by line (a mention never crosses a line), and then once more as
//! a whole: a person name found on one line is suggested wherever it recurs (a full name
//! once found, or the surname of a transliterated name: 约翰·史密斯 → 史密斯), as a
//! reader of the document would. Overlaps are resolved (`resolve`) following the corpus
//! annotation policy (corpus/README.md): an organisation or person inside a longer
//! organisation name or a document title is kept (北京大学 in 北京大学光华管理学院), a shorter
//! alias of the same entity inside a longer name is not, nor is a place that is only part
//! of a name (南京 in 南京华瑞科技有限公司).
//!
//! Offsets are code points of the text passed to [`Suggester::suggest`].

mod en;
pub mod eval;
mod fold;
pub mod gazetteer;
mod lexicon;
mod registry;
mod resolve;
mod zh;
mod zh_values;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use lexicon::is_han;
use registry::RegistryMatcher;

/// The entity types of the schema, in display order.
pub const ENTITY_TYPES: [&str; 7] = [
    "person",
    "organisation",
    "place",
    "date",
    "document",
    "event",
    "money",
];

pub(crate) const PERSON: &str = "person";
pub(crate) const ORGANISATION: &str = "organisation";
pub(crate) const PLACE: &str = "place";
pub(crate) const DATE: &str = "date";
pub(crate) const DOCUMENT: &str = "document";
pub(crate) const EVENT: &str = "event";
pub(crate) const MONEY: &str = "money";

/// One name of a registered entity, as the store's registry returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryName {
    /// The entity's id (opaque).
    pub entity: i64,
    /// A stable key for the entity, if it has one (the gazetteer's first column).
    pub key: Option<String>,
    /// The entity's type (`person`, `organisation`, …).
    pub type_name: String,
    pub lang: Lang,
    pub text: String,
    /// An abbreviation or short form (北大, NATO, 华为).
    pub abbreviation: bool,
}

/// Where a suggestion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestOrigin {
    Registry,
    Jieba,
    Rule,
}

impl SuggestOrigin {
    pub const ALL: [SuggestOrigin; 3] = [
        SuggestOrigin::Registry,
        SuggestOrigin::Jieba,
        SuggestOrigin::Rule,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SuggestOrigin::Registry => "registry",
            SuggestOrigin::Jieba => "jieba",
            SuggestOrigin::Rule => "rule",
        }
    }
}

impl std::fmt::Display for SuggestOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A suggested mention: code points `start..end` of the text, its type, where the
/// suggestion comes from, and the registered entity it names (registry matches only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub type_name: String,
    pub origin: SuggestOrigin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<i64>,
}

/// How much a candidate is trusted when candidates overlap.
pub(crate) const RANK_REGISTRY: u8 = 30;
pub(crate) const RANK_DOCUMENT: u8 = 26;
pub(crate) const RANK_RULE: u8 = 20;
pub(crate) const RANK_JIEBA: u8 = 10;

/// A suggestion before overlaps are resolved; offsets are code points of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub type_name: Cow<'static, str>,
    pub origin: SuggestOrigin,
    pub entity: Option<i64>,
    pub rank: u8,
    /// A registered abbreviation (北大, Institute 7): a parent body named this way is not
    /// part of the name of a unit after it (北大 | 人事处).
    pub abbreviation: bool,
}

impl Candidate {
    pub(crate) fn rule(start: usize, end: usize, type_name: &'static str) -> Self {
        Candidate {
            start,
            end,
            type_name: Cow::Borrowed(type_name),
            origin: SuggestOrigin::Rule,
            entity: None,
            rank: if type_name == DOCUMENT {
                RANK_DOCUMENT
            } else {
                RANK_RULE
            },
            abbreviation: false,
        }
    }

    pub(crate) fn jieba(start: usize, end: usize, type_name: &'static str) -> Self {
        Candidate {
            start,
            end,
            type_name: Cow::Borrowed(type_name),
            origin: SuggestOrigin::Jieba,
            entity: None,
            rank: RANK_JIEBA,
            abbreviation: false,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }
}

/// One line of the text, folded: what every rule reads.
pub(crate) struct LineCtx {
    /// [`fold::shadow`] of the line (simplified, half-width).
    pub shadow: String,
    /// The shadow's characters.
    pub chars: Vec<char>,
    /// [`fold::key`] of the line (the shadow lowercased), for registry matching.
    pub key: String,
    /// The first non-blank line of the text: its title.
    pub title: bool,
    /// Chinese lines: `true` at every code point where a jieba token starts or ends.
    pub token_edges: Option<Vec<bool>>,
}

impl LineCtx {
    fn new(original: &str, title: bool) -> Self {
        let shadow = fold::shadow(original);
        let key = fold::key(original);
        let chars = shadow.chars().collect();
        LineCtx {
            shadow,
            chars,
            key,
            title,
            token_edges: None,
        }
    }

    /// The shadow's characters `start..end` as a string.
    pub(crate) fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }
}

/// A person name found on some line, to be looked for on every line.
#[derive(Debug, Clone)]
struct KnownName {
    key: String,
    origin: SuggestOrigin,
    rank: u8,
}

/// Suggests entity mentions. Building one loads jieba's dictionary and adds every
/// registered Chinese name to it as a word (so it comes out as one token), and builds the
/// registry automaton; build it once per registry and reuse it (it is `Send` and `Sync`).
#[derive(Debug, Clone)]
pub struct Suggester {
    jieba: Jieba,
    /// Registered Chinese names (simplified) → the POS tag their registry type stands for,
    /// and whether the name is only ever an abbreviation. jieba-rs `add_word` keeps the
    /// tag of a word it already knows (a place jieba knows as `nr` stays `nr`), so the rules read the registry's
    /// type from here instead.
    overrides: HashMap<String, (&'static str, bool)>,
    registry: RegistryMatcher,
}

/// The POS tag the rules treat a registered name of `type_name` as.
fn tag_for_type(type_name: &str) -> &'static str {
    match type_name {
        PERSON => "nr",
        PLACE => "ns",
        ORGANISATION => "nt",
        _ => "nz",
    }
}

impl Suggester {
    /// A suggester over `registry` (which may be empty).
    ///
    /// Besides the registered names it looks for the trade names of registered companies
    /// (华瑞 for 华瑞国际物流有限公司, Wing Fat for Wing Fat International Logistics Limited),
    /// which texts use alone; those suggestions have origin `rule` and name the entity.
    pub fn new(registry: &[RegistryName]) -> Suggester {
        fold::warm_up();
        let _ = lexicon::pinyin_syllables();
        let _ = lexicon::pinyin_surnames();
        crate::align::preload_dictionary();
        let mut jieba = Jieba::new();
        let mut overrides: HashMap<String, (&'static str, bool)> = HashMap::new();
        for name in registry {
            let shadow = fold::shadow(name.text.trim());
            let tag = tag_for_type(&name.type_name);
            for part in shadow.split(lexicon::is_name_dot) {
                if !add_user_word(&mut jieba, part, tag) {
                    continue;
                }
                let abbreviation = name.abbreviation && part == shadow;
                overrides
                    .entry(part.to_string())
                    .and_modify(|e| e.1 &= abbreviation)
                    .or_insert((tag, abbreviation));
            }
        }

        // Trade names of registered companies.
        let mut cache = zh::DictCache::default();
        let places: HashSet<String> = registry
            .iter()
            .filter(|n| n.type_name == PLACE)
            .map(|n| fold::key(n.text.trim()))
            .collect();
        let registered: HashSet<String> =
            registry.iter().map(|n| fold::key(n.text.trim())).collect();
        let mut names: Vec<registry::MatcherName> = registry
            .iter()
            .map(|n| registry::MatcherName {
                name: n.clone(),
                derived: false,
            })
            .collect();
        let mut derived_seen = HashSet::new();
        for n in registry
            .iter()
            .filter(|n| n.type_name == ORGANISATION && !n.abbreviation)
        {
            let text = n.text.trim();
            let derived = if text.chars().any(is_han) {
                zh::trade_name_zh(&jieba, &fold::shadow(text), &places, &mut cache)
            } else {
                registry::trade_name_en(text, &places)
            };
            let Some(derived) = derived else { continue };
            let key = fold::key(&derived);
            if registered.contains(&key) || !derived_seen.insert((n.entity, key)) {
                continue;
            }
            if derived.chars().any(is_han) {
                add_user_word(&mut jieba, &derived, "nz");
            }
            names.push(registry::MatcherName {
                name: RegistryName {
                    text: derived,
                    abbreviation: true,
                    ..n.clone()
                },
                derived: true,
            });
        }
        Suggester {
            jieba,
            overrides,
            registry: RegistryMatcher::new(&names),
        }
    }

    /// The suggestions for `text`, sorted by start then end. Offsets are code points of
    /// `text`.
    pub fn suggest(&self, text: &str, lang: Lang) -> Vec<Suggestion> {
        self.suggest_cached(text, lang, &mut zh::DictCache::default())
    }

    /// The suggestions for each of `texts` on its own (a name found in one is not looked
    /// for in the others), offsets relative to each text. Dictionary lookups are shared
    /// between the texts, which makes many short texts (one sentence per line) several
    /// times faster than calling [`Suggester::suggest`] on each.
    pub fn suggest_each<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
        lang: Lang,
    ) -> Vec<Vec<Suggestion>> {
        let mut cache = zh::DictCache::default();
        texts
            .into_iter()
            .map(|text| self.suggest_cached(text, lang, &mut cache))
            .collect()
    }

    fn suggest_cached(&self, text: &str, lang: Lang, cache: &mut zh::DictCache) -> Vec<Suggestion> {
        let mut lines: Vec<(usize, LineCtx)> = Vec::new();
        let mut seen_title = false;
        let mut char_start = 0;
        for raw in text.split(is_line_break) {
            let len = raw.chars().count();
            let title = !seen_title && !raw.trim().is_empty();
            seen_title |= title;
            lines.push((char_start, LineCtx::new(raw, title)));
            char_start += len + 1;
        }

        // Pass 1: each line on its own.
        let mut kept: Vec<Vec<Candidate>> = Vec::with_capacity(lines.len());
        let mut names: Vec<KnownName> = Vec::new();
        let mut name_keys: HashSet<String> = HashSet::new();
        for (_, line) in lines.iter_mut() {
            if line.chars.iter().all(|c| c.is_whitespace()) {
                kept.push(Vec::new());
                continue;
            }
            let mut found = Vec::new();
            let mut parts: Vec<(usize, usize)> = Vec::new();
            match lang {
                Lang::Zh => {
                    let tokens = zh::tokens(self, line, cache);
                    let mut edges = vec![false; line.chars.len() + 1];
                    for t in &tokens {
                        edges[t.start] = true;
                        edges[t.end] = true;
                    }
                    line.token_edges = Some(edges);
                    found.extend(self.registry.find(line, line.token_edges.as_deref()));
                    zh::suggest(&self.jieba, line, &tokens, cache, &mut found, &mut parts);
                    zh_values::suggest(line, &mut found);
                }
                Lang::En => {
                    found.extend(self.registry.find(line, None));
                    en::suggest(line, &mut found, &mut parts);
                }
            }
            let resolved = resolve::resolve(found, line, lang);
            for c in resolved.iter().filter(|c| c.type_name == PERSON) {
                // Registry names are matched everywhere already; their parts are not.
                let registered = c.origin == SuggestOrigin::Registry;
                let whole = (!registered).then_some((c.start, c.end));
                let inside = parts
                    .iter()
                    .copied()
                    .filter(|&(s, e)| s >= c.start && e <= c.end && (s, e) != (c.start, c.end));
                for (s, e) in whole.into_iter().chain(inside) {
                    let key: String = line.key.chars().skip(s).take(e - s).collect();
                    if key.chars().count() >= 2 && name_keys.insert(key.clone()) {
                        let (origin, rank) = if registered {
                            (SuggestOrigin::Rule, RANK_RULE)
                        } else {
                            (c.origin, c.rank)
                        };
                        names.push(KnownName { key, origin, rank });
                    }
                }
            }
            kept.push(resolved);
        }

        // Pass 2: names found anywhere, wherever else they occur.
        if !names.is_empty() {
            if let Ok(automaton) = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(names.iter().map(|n| n.key.as_str()))
            {
                for ((_, line), resolved) in lines.iter().zip(kept.iter_mut()) {
                    let index = crate::text::CharIndex::new(&line.key);
                    let mut extra = Vec::new();
                    for m in automaton.find_iter(line.key.as_str()) {
                        let name = &names[m.pattern().as_usize()];
                        let (Some(start), Some(end)) =
                            (index.char_offset(m.start()), index.char_offset(m.end()))
                        else {
                            continue;
                        };
                        if !propagation_fits(line, start, end) {
                            continue;
                        }
                        if resolved.iter().any(|c| c.start == start && c.end == end) {
                            continue;
                        }
                        extra.push(Candidate {
                            start,
                            end,
                            type_name: Cow::Borrowed(PERSON),
                            origin: name.origin,
                            entity: None,
                            rank: name.rank,
                            abbreviation: false,
                        });
                    }
                    if !extra.is_empty() {
                        let mut all = std::mem::take(resolved);
                        all.extend(extra);
                        *resolved = resolve::resolve(all, line, lang);
                    }
                }
            }
        }

        let mut out = Vec::new();
        for ((base, _), resolved) in lines.iter().zip(kept) {
            for c in resolved {
                out.push(Suggestion {
                    start: base + c.start,
                    end: base + c.end,
                    type_name: c.type_name.into_owned(),
                    origin: c.origin,
                    entity: c.entity,
                });
            }
        }
        out.sort_by_key(|a| (a.start, a.end));
        out
    }

    /// How many names the registry matcher holds.
    pub fn registry_names(&self) -> usize {
        self.registry.len()
    }
}

/// Make `word` (simplified, all Han, two characters or more) one jieba token; `false` if it
/// is not such a word.
fn add_user_word(jieba: &mut Jieba, word: &str, tag: &'static str) -> bool {
    let han = word.chars().filter(|&c| is_han(c)).count();
    if han < 2 || han != word.chars().count() {
        return false;
    }
    if jieba.has_word(word) {
        // Known to jieba already (with its own tag): make sure it wins as one token.
        let freq = jieba.suggest_freq(word);
        jieba.add_word(word, Some(freq), None);
    } else {
        jieba.add_word(word, None, Some(tag));
    }
    true
}

/// Whether a recurring name found at `start..end` stands on its own: Latin names on word
/// boundaries, short Chinese names on jieba token edges.
fn propagation_fits(line: &LineCtx, start: usize, end: usize) -> bool {
    let latin = |c: char| c.is_alphanumeric() && !is_han(c);
    let first = line.chars[start];
    let last = line.chars[end - 1];
    if latin(first) && start > 0 && latin(line.chars[start - 1]) {
        return false;
    }
    if latin(last) && end < line.chars.len() && latin(line.chars[end]) {
        return false;
    }
    if latin(first) {
        // The word before, as in the English name rule: not a place context.
        let before: String = line.chars[..start].iter().collect();
        let previous = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if lexicon::NOT_BEFORE_PEOPLE.contains(&previous.as_str()) {
            return false;
        }
    }
    if end - start <= 2 && is_han(first) {
        if let Some(edges) = &line.token_edges {
            return edges[start] && edges[end];
        }
    }
    true
}

/// Line breaks, as the segmenter counts them: a mention never crosses one.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}
