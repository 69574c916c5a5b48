//! Chinese names from jieba-rs tokens: single words tagged as names (checked against
//! CC-CEDICT), transliterated names around a middle dot, compound surnames with their
//! given names, names before a title or after a cue word, organisation names grown
//! leftwards from a suffix, and places with a facility word.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::{
    self, compound_surname_at, is_function_char, is_glue_char, is_han, is_surname_char,
    is_transliteration_char, SuffixKind,
};
use super::{Candidate, LineCtx, Suggester, ORGANISATION, PERSON, PLACE};
use crate::segment::intern_tag;

/// What CC-CEDICT says about a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dict {
    /// Not in the dictionary.
    Unknown,
    /// Only ordinary senses (lowercase pinyin), or a surname sense beside them.
    Common,
    /// A proper noun (capitalised pinyin); `place` when a gloss names a place.
    Proper { place: bool },
}

/// CC-CEDICT lookups of one `suggest` call (a text repeats its words).
#[derive(Debug, Default)]
pub(crate) struct DictCache {
    map: HashMap<String, Dict>,
}

fn place_gloss() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(city|town|district|county|province|prefecture|country|capital|region|area|islands?|river|mountains?|range|lake|port|village|municipality|peninsula|sea|bay|kingdom|republic|continent|harbou?r|street|road|plain|desert|autonomous|plateau|basin|suburb|township)\b|^[A-Z][^,;(]*, [A-Z]",
        )
        .expect("valid regex")
    })
}

impl DictCache {
    pub(crate) fn get(&mut self, word: &str) -> Dict {
        if let Some(&d) = self.map.get(word) {
            return d;
        }
        let entries = chinese_dictionary::query_by_simplified(word);
        let d = if entries.is_empty() {
            Dict::Unknown
        } else {
            let proper: Vec<_> = entries
                .iter()
                .filter(|e| e.pinyin_numbers.starts_with(|c: char| c.is_uppercase()))
                .collect();
            let common = entries.len() > proper.len();
            let only_surname = proper.iter().all(|e| {
                e.english
                    .iter()
                    .all(|g| g.to_lowercase().starts_with("surname"))
            });
            if proper.is_empty() || (common && only_surname) {
                Dict::Common
            } else {
                let place = proper
                    .iter()
                    .any(|e| e.english.iter().any(|g| place_gloss().is_match(g)));
                Dict::Proper { place }
            }
        };
        self.map.insert(word.to_string(), d);
        d
    }
}

/// One jieba token of a line (offsets in code points of the line; `bs..be` in bytes of
/// the shadow).
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    bs: usize,
    be: usize,
    pub pos: &'static str,
    /// Not in jieba's dictionary: found by its HMM.
    oov: bool,
    /// A registered name (its `pos` is the registry type's tag).
    registered: bool,
    /// A registered abbreviation (北大).
    abbreviation: bool,
}

impl Tok {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

fn text<'l>(line: &'l LineCtx, t: &Tok) -> &'l str {
    &line.shadow[t.bs..t.be]
}

fn all_han(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_han)
}

fn all_transliteration(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_transliteration_char)
}

/// The jieba tokens of a line (whitespace left out), with registered names retagged.
pub(crate) fn tokens(s: &Suggester, line: &LineCtx, _cache: &mut DictCache) -> Vec<Tok> {
    let mut out = Vec::with_capacity(line.chars.len() / 2 + 1);
    for tag in s.jieba.tag(&line.shadow, true) {
        if tag.word.chars().all(char::is_whitespace) {
            continue;
        }
        let registered = s.overrides.get(tag.word).copied();
        out.push(Tok {
            start: tag.start,
            end: tag.end,
            bs: tag.byte_start,
            be: tag.byte_end,
            pos: registered.map_or_else(|| intern_tag(tag.tag), |r| r.0),
            oov: registered.is_none() && !s.jieba.has_word(tag.word),
            registered: registered.is_some(),
            abbreviation: registered.is_some_and(|r| r.1),
        });
    }
    out
}

pub(crate) fn suggest(
    jieba: &jieba_rs::Jieba,
    line: &LineCtx,
    toks: &[Tok],
    cache: &mut DictCache,
    out: &mut Vec<Candidate>,
    parts: &mut Vec<(usize, usize)>,
) {
    single_words(line, toks, cache, out);
    nested_in_words(jieba, line, toks, out);
    foreign_names(line, toks, cache, out, parts);
    compound_surname_names(line, toks, out);
    titled_names(line, toks, cache, out);
    organisations(jieba, line, toks, cache, out);
    facility_places(line, toks, cache, out);
}

/// Strip a preposition jieba's HMM glued to the front of an unknown word (向华瑞 → 华瑞).
fn unglued(line: &LineCtx, t: &Tok) -> (usize, String) {
    let word = text(line, t);
    let first = word.chars().next();
    if t.oov && t.len() >= 3 && first.is_some_and(is_glue_char) {
        let rest: String = word.chars().skip(1).collect();
        return (t.start + 1, rest);
    }
    (t.start, word.to_string())
}

const PLACE_ENDINGS: &str = "区市省县镇乡村州港湾岛路街";

/// Single words tagged as names: nr → person, ns → place, and proper nouns CC-CEDICT
/// glosses as places.
fn single_words(line: &LineCtx, toks: &[Tok], cache: &mut DictCache, out: &mut Vec<Candidate>) {
    for (k, t) in toks.iter().enumerate() {
        if t.registered || t.len() < 2 {
            continue;
        }
        let raw = text(line, t);
        if !all_han(raw) {
            continue;
        }
        match t.pos {
            "nr" | "nrfg" | "nrt" => person_word(line, t, cache, out),
            "x" if t.oov => person_word(line, t, cache, out),
            "ns" => {
                let (start, word) = unglued(line, t);
                let chars: Vec<char> = word.chars().collect();
                if chars.len() < 2
                    || lexicon::ZH_GENERIC_PLACES.contains(&word.as_str())
                    || compound_surname_at(&chars)
                    || cache.get(&word) == Dict::Common
                {
                    continue;
                }
                out.push(Candidate::jieba(start, t.end, PLACE));
            }
            // An organisation jieba knows by name (新华社); suffix names are handled below.
            "nt" => {
                if !t.oov
                    && lexicon::org_suffix(raw).is_none()
                    && matches!(cache.get(raw), Dict::Proper { .. })
                {
                    out.push(Candidate::jieba(t.start, t.end, ORGANISATION));
                }
            }
            // An abbreviated name of a body (省委, 欧盟, 村委会, 党支部) or one CC-CEDICT knows
            // as a proper noun that is not a place (北大).
            // An administrative level right before it is part of the name (省 纪检委).
            "j" => {
                if abbreviated_body(raw, cache) {
                    let start = match k.checked_sub(1).map(|p| &toks[p]) {
                        Some(p) if p.end == t.start && is_admin_level(text(line, p)) => p.start,
                        _ => t.start,
                    };
                    out.push(Candidate::jieba(start, t.end, ORGANISATION));
                }
            }
            "nz" => {}
            _ => {
                if !t.oov
                    && !lexicon::ZH_GENERIC_PLACES.contains(&raw)
                    && cache.get(raw) == (Dict::Proper { place: true })
                {
                    out.push(Candidate::jieba(t.start, t.end, PLACE));
                }
            }
        }
    }
}

/// An abbreviation (jieba's `j`) that names a body: one ending in a character of
/// committees, unions and party branches, or a proper noun CC-CEDICT does not gloss as a
/// place. Numbered abbreviations (三大, 十五大) are events or counts.
fn abbreviated_body(word: &str, cache: &mut DictCache) -> bool {
    if word
        .chars()
        .any(|c| "一二三四五六七八九十百千两".contains(c))
    {
        return false;
    }
    let body_ending = ["委", "委会", "盟", "联", "协", "支部", "总支"]
        .iter()
        .any(|e| word.ends_with(e))
        && !word.ends_with("运会");
    if word.chars().next().is_some_and(is_glue_char) {
        return false;
    }
    body_ending || (cache.get(word) == (Dict::Proper { place: false }) && !event_gloss(word))
}

/// Whether CC-CEDICT glosses a proper noun as an event (奥运会: Olympic Games).
fn event_gloss(word: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)\b(games|olympics?|congress|festival|war|championships?|expo)\b")
            .expect("valid regex")
    });
    chinese_dictionary::query_by_simplified(word)
        .iter()
        .any(|e| e.english.iter().any(|g| re.is_match(g)))
}

/// A one-character administrative level written before the name of a body of that level
/// (省 纪检委, 区 林业局).
fn is_admin_level(word: &str) -> bool {
    matches!(word, "省" | "市" | "县" | "区" | "乡" | "镇")
}

fn person_word(line: &LineCtx, t: &Tok, cache: &mut DictCache, out: &mut Vec<Candidate>) {
    let (start, word) = unglued(line, t);
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 2 {
        return;
    }
    match cache.get(&word) {
        Dict::Common => return,
        Dict::Proper { place: true } => {
            out.push(Candidate::jieba(start, t.end, PLACE));
            return;
        }
        _ => {}
    }
    if chars.last().is_some_and(|&c| PLACE_ENDINGS.contains(c)) {
        out.push(Candidate::jieba(start, t.end, PLACE));
        return;
    }
    let person = if compound_surname_at(&chars) {
        (3..=4).contains(&n)
    } else if is_surname_char(chars[0]) {
        n <= 3
    } else {
        n <= 6 && chars.iter().all(|&c| is_transliteration_char(c))
    };
    if person {
        out.push(Candidate::jieba(start, t.end, PERSON));
    }
}

/// Organisations inside one long dictionary word: jieba knows 北京大学光华管理学院 as a
/// single word, whose head 北京大学 is an organisation of its own (nested, as in the
/// annotation policy). A head counts when it ends with a suffix and jieba knows it too.
fn nested_in_words(
    jieba: &jieba_rs::Jieba,
    line: &LineCtx,
    toks: &[Tok],
    out: &mut Vec<Candidate>,
) {
    for t in toks {
        if t.registered || t.len() < 6 || !matches!(t.pos, "nt" | "nz" | "n") {
            continue;
        }
        let word: Vec<char> = text(line, t).chars().collect();
        for end in 3..word.len() - 1 {
            let head: String = word[..end].iter().collect();
            let suffix =
                lexicon::org_suffix(&head).is_some_and(|(_, kind)| kind != SuffixKind::Branch);
            if suffix && jieba.has_word(&head) {
                out.push(Candidate::rule(t.start, t.start + end, ORGANISATION));
            }
        }
    }
}

/// A part of a transliterated name: consecutive tokens of transliteration characters that
/// are not ordinary words.
fn transliterated(line: &LineCtx, t: &Tok, cache: &mut DictCache) -> bool {
    let word = text(line, t);
    all_transliteration(word) && cache.get(word) != Dict::Common && !t.registered
        || t.registered && t.pos == "nr"
}

/// 约翰·史密斯: transliterated parts joined by middle dots. The part after the last dot
/// (the surname) is remembered so that it is found alone elsewhere.
fn foreign_names(
    line: &LineCtx,
    toks: &[Tok],
    cache: &mut DictCache,
    out: &mut Vec<Candidate>,
    parts: &mut Vec<(usize, usize)>,
) {
    let mut k = 0;
    while k < toks.len() {
        if text(line, &toks[k]) != "·" {
            k += 1;
            continue;
        }
        // Left part: tokens ending at the dot.
        let mut left = k;
        while left > 0
            && toks[left - 1].end == toks[left].start
            && transliterated(line, &toks[left - 1], cache)
            && toks[k].start - toks[left - 1].start <= 8
        {
            left -= 1;
        }
        if left == k {
            k += 1;
            continue;
        }
        // Right parts, possibly several joined by more dots.
        let mut right = k;
        let mut last_part_start = toks[k].end;
        loop {
            let part_start = right + 1;
            let mut r = right;
            while r + 1 < toks.len()
                && toks[r + 1].start == toks[r].end
                && transliterated(line, &toks[r + 1], cache)
                && toks[r + 1].end - toks[part_start.min(toks.len() - 1)].start <= 8
            {
                r += 1;
            }
            if r == right {
                break;
            }
            last_part_start = toks[part_start].start;
            right = r;
            if right + 2 < toks.len() && text(line, &toks[right + 1]) == "·" {
                right += 1;
                continue;
            }
            break;
        }
        if right > k && text(line, &toks[right]) != "·" {
            let end = toks[right].end;
            out.push(Candidate::rule(toks[left].start, end, PERSON));
            parts.push((last_part_start, end));
            k = right + 1;
        } else {
            k += 1;
        }
    }
}

/// A single character that can be part of a given name.
fn given_name_char(line: &LineCtx, t: &Tok) -> bool {
    let word = text(line, t);
    let mut chars = word.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    is_han(c)
        && !is_function_char(c)
        && !is_glue_char(c)
        && !matches!(
            t.pos,
            "p" | "c"
                | "u"
                | "uj"
                | "ul"
                | "uz"
                | "ud"
                | "ug"
                | "uv"
                | "d"
                | "r"
                | "m"
                | "q"
                | "f"
                | "y"
                | "e"
                | "o"
                | "v"
                | "vi"
                | "vd"
                | "t"
        )
}

/// 欧阳 + 修, 司马 + 相如: a compound surname token and one or two given-name characters.
fn compound_surname_names(line: &LineCtx, toks: &[Tok], out: &mut Vec<Candidate>) {
    for (k, t) in toks.iter().enumerate() {
        if t.registered {
            continue;
        }
        let chars: Vec<char> = text(line, t).chars().collect();
        if chars.len() != 2 || !compound_surname_at(&chars) {
            continue;
        }
        let mut end = t.end;
        let mut j = k + 1;
        while j < toks.len()
            && toks[j].start == end
            && end - t.end < 2
            && given_name_char(line, &toks[j])
        {
            end = toks[j].end;
            j += 1;
        }
        // jieba may glue the last given-name character to a following preposition
        // (司马𠮷 祥于 → 祥 + 于): take the character.
        if end - t.end < 2 && j < toks.len() && toks[j].start == end && toks[j].len() == 2 {
            let pair: Vec<char> = text(line, &toks[j]).chars().collect();
            if is_han(pair[0])
                && !is_function_char(pair[0])
                && !is_glue_char(pair[0])
                && (is_function_char(pair[1]) || is_glue_char(pair[1]))
            {
                end += 1;
            }
        }
        // A two-character unknown word as the given name.
        if end == t.end
            && j < toks.len()
            && toks[j].start == end
            && toks[j].oov
            && toks[j].len() == 2
            && all_han(text(line, &toks[j]))
        {
            end = toks[j].end;
        }
        if end > t.end {
            out.push(Candidate::rule(t.start, end, PERSON));
        }
    }
}

/// A name token (or a run of single-character tokens) that reads as a personal name.
fn name_tokens_before(
    line: &LineCtx,
    toks: &[Tok],
    k: usize,
    cache: &mut DictCache,
) -> Option<(usize, usize)> {
    if k == 0 {
        return None;
    }
    let prev = &toks[k - 1];
    let word = text(line, prev);
    let chars: Vec<char> = word.chars().collect();
    if prev.end != toks[k].start || !all_han(word) {
        return None;
    }
    if chars.len() >= 2 {
        // Transliterated names may be cut into several tokens (布伦 德利).
        if all_transliteration(word) {
            let mut s = k - 1;
            while s > 0
                && toks[s - 1].end == toks[s].start
                && transliterated(line, &toks[s - 1], cache)
                && prev.end - toks[s - 1].start <= 6
            {
                s -= 1;
            }
            if cache.get(word) != Dict::Common || s < k - 1 {
                return Some((toks[s].start, prev.end));
            }
        }
        let ok = (2..=3).contains(&chars.len())
            && (is_surname_char(chars[0]) || compound_surname_at(&chars))
            && cache.get(word) != Dict::Common
            && !prev.registered;
        return ok.then_some((prev.start, prev.end));
    }
    // Single characters, or an unknown two-character token and a character (韩敩 林):
    // two or three characters in all, starting with a surname.
    let piece = |t: &Tok| {
        t.len() == 1 && (given_name_char(line, t) || is_surname_char(first_char(line, t)))
            || t.len() == 2 && (t.oov || t.pos == "x") && all_han(text(line, t))
    };
    let mut s = k;
    while s > 0
        && toks[s - 1].end == toks[s].start
        && piece(&toks[s - 1])
        && toks[k - 1].end - toks[s - 1].start <= 3
    {
        s -= 1;
    }
    (s..k)
        .filter(|&i| prev.end - toks[i].start >= 2)
        .find(|&i| is_surname_char(first_char(line, &toks[i])))
        .map(|i| (toks[i].start, prev.end))
}

fn first_char(line: &LineCtx, t: &Tok) -> char {
    text(line, t).chars().next().unwrap_or(' ')
}

/// The name a cue word introduces (法定代表人张伟, 名叫X): two or three characters from
/// `pos`, starting with a surname, ending on a token edge, without function characters
/// (jieba may glue the cue's last character to the name: 法定代表 人张 伟).
fn name_after(
    line: &LineCtx,
    toks: &[Tok],
    pos: usize,
    cache: &mut DictCache,
) -> Option<(usize, usize)> {
    let chars = &line.chars;
    let first = *chars.get(pos)?;
    if !is_surname_char(first) {
        return None;
    }
    if toks
        .iter()
        .any(|t| t.registered && t.start <= pos && pos < t.end)
    {
        return None;
    }
    let token_end = |e: usize| toks.binary_search_by_key(&e, |t| t.end).is_ok();
    [3, 2]
        .into_iter()
        .map(|n| pos + n)
        .find(|&e| {
            e <= chars.len()
                && token_end(e)
                && chars[pos..e]
                    .iter()
                    .all(|&c| is_han(c) && !is_function_char(c) && !is_glue_char(c))
                && cache.get(&chars[pos..e].iter().collect::<String>()) != Dict::Common
        })
        .map(|e| (pos, e))
}

fn titled_names(line: &LineCtx, toks: &[Tok], cache: &mut DictCache, out: &mut Vec<Candidate>) {
    for (k, t) in toks.iter().enumerate() {
        let word = text(line, t);
        if lexicon::ZH_TITLES_AFTER.contains(&word) {
            if let Some((s, e)) = name_tokens_before(line, toks, k, cache) {
                out.push(Candidate::rule(s, e, PERSON));
            }
        }
    }
    // Cues may span tokens (法定代表 + 人): look for them in the text.
    for cue in lexicon::ZH_CUES_BEFORE {
        for (byte, _) in line.shadow.match_indices(cue) {
            let Some(cue_end) = line_char_offset(line, byte + cue.len()) else {
                continue;
            };
            let mut pos = cue_end;
            while pos < line.chars.len()
                && matches!(line.chars[pos], ':' | '：' | ' ' | '为' | '是')
            {
                pos += 1;
            }
            if let Some((s, e)) = name_after(line, toks, pos, cache) {
                out.push(Candidate::rule(s, e, PERSON));
            }
        }
    }
}

fn line_char_offset(line: &LineCtx, byte: usize) -> Option<usize> {
    if !line.shadow.is_char_boundary(byte) {
        return None;
    }
    Some(line.shadow[..byte].chars().count())
}

/// How a token may take part in an organisation name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cls {
    /// Name material: a proper noun, an unknown word, an ordinal (第十四), Latin letters.
    Name,
    /// A known place (上海): name material, but a place + 公司 alone is not a name.
    Place,
    /// An ordinary noun (材料, 物资).
    Mod,
    /// An adjective: inside a name only (精密).
    Adj,
    /// A verb: only right before a department suffix, after a noun (物资 采购 处).
    Verb,
    /// 与, between nouns (材料科学与工程学院).
    Conn,
    Stop,
}

fn is_ordinal(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next() == Some('第')
        && word.chars().count() >= 2
        && chars.all(|c| c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(c))
}

fn classify(line: &LineCtx, t: &Tok, cache: &mut DictCache) -> Cls {
    let word = text(line, t);
    if t.registered {
        return if t.pos == "ns" { Cls::Place } else { Cls::Name };
    }
    if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        return if word.chars().any(|c| c.is_ascii_alphabetic()) {
            Cls::Name
        } else {
            Cls::Stop
        };
    }
    if !all_han(word) {
        return Cls::Stop;
    }
    if word == "与" && t.pos == "p" {
        return Cls::Conn;
    }
    if t.len() == 1 && word.chars().all(|c| is_function_char(c) || is_glue_char(c)) {
        return Cls::Stop;
    }
    match t.pos {
        "ns" => {
            if lexicon::ZH_GENERIC_PLACES.contains(&word) {
                Cls::Stop
            } else if t.oov {
                Cls::Name
            } else if cache.get(word) == Dict::Common {
                Cls::Mod
            } else {
                Cls::Place
            }
        }
        "nr" | "nrfg" | "nrt" | "nt" | "nz" | "j" => match cache.get(word) {
            Dict::Common => Cls::Mod,
            Dict::Proper { place: true } => Cls::Place,
            _ => Cls::Name,
        },
        "m" => {
            if is_ordinal(word) {
                Cls::Name
            } else {
                Cls::Stop
            }
        }
        "n" | "vn" | "an" | "b" | "ng" | "l" | "nrf" => {
            if t.oov {
                Cls::Name
            } else {
                match cache.get(word) {
                    Dict::Proper { place: true } => Cls::Place,
                    Dict::Proper { place: false } if t.len() >= 2 => Cls::Name,
                    _ => Cls::Mod,
                }
            }
        }
        "s" => {
            if lexicon::ZH_GENERIC_PLACES.contains(&word) {
                return Cls::Stop;
            }
            match cache.get(word) {
                Dict::Proper { place: true } => Cls::Place,
                Dict::Proper { place: false } => Cls::Name,
                _ => Cls::Stop,
            }
        }
        "a" => Cls::Adj,
        "v" | "vd" | "vi" => Cls::Verb,
        "p" if word == "与" => Cls::Conn,
        "x" if t.oov => Cls::Name,
        _ => Cls::Stop,
    }
}

/// The organisation suffix a token carries, if any. `single` marks the one-character
/// suffixes (局, 处 …), which need more care.
fn suffix_of(line: &LineCtx, t: &Tok) -> Option<(SuffixKind, bool)> {
    // Registered names are matched as they are; a numeral + 所 is a count (三所).
    if t.registered || matches!(t.pos, "m" | "q" | "mq") {
        return None;
    }
    let word = text(line, t);
    if let Some((_, kind)) = lexicon::org_suffix(word) {
        // 掉队, 组织 (a verb): a team or a body is a noun.
        if kind == SuffixKind::Named && !matches!(t.pos, "n" | "nz" | "nt" | "j" | "ng") {
            return None;
        }
        return Some((kind, false));
    }
    let last = word.chars().last()?;
    if !lexicon::ORG_SINGLE_SUFFIXES.contains(last) {
        return None;
    }
    let n = t.len();
    // 人事处, 保卫科, 编辑部: a two-character noun and a unit suffix (one-character words
    // before the suffix make ordinary words: 好处, 住处, 内部).
    // 干部 is a person (村干部, 老干部), not a department.
    let department = n == 3
        && "处科部局厅署".contains(last)
        && matches!(t.pos, "n" | "nz" | "j")
        && !word.ends_with("干部");
    // jieba tags a lone 厂 as a morpheme (zg).
    let ok = if n == 1 {
        matches!(t.pos, "n" | "ng" | "nt" | "j") || (last == '厂' && t.pos == "zg")
    } else {
        t.pos == "nt" || (t.oov && all_han(word)) || department
    };
    ok.then_some((SuffixKind::Institutional, true))
}

/// A one-token organisation: a word jieba tags `nt` that CC-CEDICT does not know as an
/// ordinary word (人事处), or an unknown three-character word ending in a unit suffix
/// (an abbreviation such as XX委).
fn single_token_org(line: &LineCtx, t: &Tok, single: bool, cache: &mut DictCache) -> bool {
    let word = text(line, t);
    if t.len() < 3 || !all_han(word) || t.registered {
        return false;
    }
    let department = t.len() == 3 && word.ends_with(['处', '科']);
    (t.pos == "nt" && cache.get(word) != Dict::Common)
        || (single && (t.oov || department) && t.len() == 3)
}

const MAX_ORG_CHARS: usize = 30;

/// Organisation names: from a suffix token, grow leftwards over name material. A parent
/// body met on the way is taken whole and ends the growth: a name the rules found
/// (北京大学 | 光华管理学院) or a registered full name; a registered abbreviation
/// of the parent is not part of the unit's name (北大 | 人事处), except for a branch.
fn organisations(
    jieba: &jieba_rs::Jieba,
    line: &LineCtx,
    toks: &[Tok],
    cache: &mut DictCache,
    out: &mut Vec<Candidate>,
) {
    if toks.is_empty() {
        return;
    }
    let cls: Vec<Cls> = toks.iter().map(|t| classify(line, t, cache)).collect();
    // For each token that ends an accepted organisation: the token it starts at.
    let mut org_start: Vec<Option<usize>> = vec![None; toks.len()];
    let registered_org = |t: &Tok| t.registered && t.pos == "nt";
    for k in 0..toks.len() {
        let Some((kind, single)) = suffix_of(line, &toks[k]) else {
            continue;
        };
        let mut i = k;
        // A branch is named by a short word after its parent (…银行 鼓楼 支行).
        if kind == SuffixKind::Branch {
            for take in 1..=2 {
                if k < take + 1 {
                    break;
                }
                let j = k - take;
                let words_ok = (j..k).all(|x| {
                    let w = text(line, &toks[x]);
                    all_han(w) && !w.chars().all(is_function_char)
                }) && toks[k].start - toks[j].start <= 4;
                let parent = &toks[j - 1];
                let is_parent = registered_org(parent)
                    || org_start[j - 1].is_some()
                    || suffix_of(line, parent).is_some_and(|(kind, _)| kind != SuffixKind::Branch);
                if words_ok && is_parent {
                    i = j - 1;
                    if let Some(s) = org_start[j - 1] {
                        i = s;
                    }
                    break;
                }
            }
        }
        let grown_from_branch = i < k;
        let named_word = kind == SuffixKind::Named && suffix_len(line, &toks[k]) < toks[k].len();
        while i > 0 && !grown_from_branch {
            let j = i - 1;
            let gap = &line.chars[toks[j].end..toks[i].start];
            if !gap.iter().all(|c| c.is_whitespace()) {
                break;
            }
            if toks[k].end - toks[j].start > MAX_ORG_CHARS {
                break;
            }
            // A parent body: taken whole (or left out, if abbreviated), and the end.
            if registered_org(&toks[j]) {
                if !toks[j].abbreviation {
                    i = j;
                }
                break;
            }
            if let Some(s) = org_start[j] {
                i = s;
                break;
            }
            // A team (…队) or a 组织 is named by names and places only; a team word that
            // carries its own name takes only a place before it (卫冕冠军 | 印尼男队,
            // 北京 | 国安队).
            let named = kind == SuffixKind::Named;
            let ok = match cls[j] {
                Cls::Name => !named_word,
                Cls::Mod | Cls::Adj => !named,
                // A foreign city before a transliterated name is where the body is, not its
                // name (伦敦 | 巴克莱银行); a Chinese place before a trade name is part of it.
                Cls::Place => {
                    !(i < k && cls[i] == Cls::Name && all_transliteration(text(line, &toks[i])))
                }
                // 物资 采购 处: a verb right before a one-character unit suffix, after a noun.
                Cls::Verb => {
                    !named
                        && i == k
                        && single
                        && toks[k].len() == 1
                        && j >= 1
                        && matches!(cls[j - 1], Cls::Name | Cls::Place | Cls::Mod)
                        && toks[j - 1].pos.starts_with('n')
                }
                // Between two ordinary words only: 与 between names, places or bodies joins
                // two mentions (丹麦男队 与 中国男队, 西雅图 与 美国队).
                Cls::Conn if named => false,
                Cls::Conn => {
                    let plain = |x: usize| {
                        matches!(cls[x], Cls::Name | Cls::Mod)
                            && !matches!(toks[x].pos, "nt" | "ns" | "nr" | "nrfg" | "nrt")
                            && org_start[x].is_none()
                    };
                    j >= 1 && plain(j - 1) && plain(i)
                }
                Cls::Stop => false,
            };
            if !ok {
                break;
            }
            i = j;
        }
        while i < k && matches!(cls[i], Cls::Adj | Cls::Verb | Cls::Conn) {
            i += 1;
        }
        // An ordinary word right before a place is not part of the name (原 | 重庆…局,
        // 主办单位 | 中国…协会, 指控 | 墨西哥银行): names start at the place.
        while i + 1 < k
            && matches!(cls[i], Cls::Mod | Cls::Adj | Cls::Verb)
            && org_start[i].is_none()
            && cls[i + 1] == Cls::Place
        {
            i += 1;
        }
        if i < k && !grown_accepted(line, toks, &cls, &org_start, i, k, kind, single) {
            // The grown name is not one (时任 | 全国人大常委会): the word alone may be.
            i = k;
        }
        if i == k {
            let ok = if kind == SuffixKind::Named {
                named_word_org(jieba, line, &toks[k], cache)
            } else {
                single_token_org(line, &toks[k], single, cache)
            };
            if ok {
                out.push(Candidate::jieba(toks[k].start, toks[k].end, ORGANISATION));
                org_start[k] = Some(k);
            }
            continue;
        }
        let mut start = toks[i].start;
        let first = text(line, &toks[i]);
        if toks[i].oov && toks[i].len() >= 3 && first.chars().next().is_some_and(is_glue_char) {
            start += 1;
        }
        out.push(Candidate::rule(start, toks[k].end, ORGANISATION));
        org_start[k] = Some(i);
    }
}

/// Whether the tokens `i..k` and the suffix token `k` make an organisation name.
#[allow(clippy::too_many_arguments)]
fn grown_accepted(
    line: &LineCtx,
    toks: &[Tok],
    cls: &[Cls],
    org_start: &[Option<usize>],
    i: usize,
    k: usize,
    kind: SuffixKind,
    single: bool,
) -> bool {
    let registered_org = |t: &Tok| t.registered && t.pos == "nt";
    let mods = &cls[i..k];
    let anchor = mods.iter().any(|c| matches!(c, Cls::Name | Cls::Place))
        || (k - i == 1 && is_admin_level(text(line, &toks[i])))
        || toks[i..k].iter().any(registered_org)
        || org_start[i..k].iter().any(Option::is_some);
    let suffix_word = text(line, &toks[k]);
    let accept = match kind {
        SuffixKind::Commercial => {
            let only_places = mods.iter().all(|c| *c == Cls::Place);
            anchor && !(only_places && matches!(suffix_word, "公司" | "集团"))
        }
        SuffixKind::Branch | SuffixKind::Named => anchor,
        SuffixKind::Institutional => anchor || k - i >= 2,
    };
    // 一部, 两局, 三处: a numeral before a one-character suffix is a count.
    let counted = single
        && matches!(toks[k - 1].pos, "m" | "q" | "mq")
        && !is_ordinal(text(line, &toks[k - 1]));
    accept && !counted
}

/// The length of the organisation suffix a token ends with (0 if none).
fn suffix_len(line: &LineCtx, t: &Tok) -> usize {
    lexicon::org_suffix(text(line, t)).map_or(0, |(n, _)| n)
}

/// One word ending in a team suffix (国安队, 五牛队, 印尼男队) is a team when what comes
/// before the suffix is a name: not an ordinary word (施工队, 登山队, 全队), or, when jieba
/// knows the whole word as an organisation, a word jieba itself tags as a name (国安 in
/// 国安队, not 国家 in 国家队). The word must be a noun jieba knows as a name or one it
/// does not know at all (掉队, 球队 are ordinary words).
fn named_word_org(jieba: &jieba_rs::Jieba, line: &LineCtx, t: &Tok, cache: &mut DictCache) -> bool {
    let word = text(line, t);
    if t.registered || !all_han(word) {
        return false;
    }
    let n = suffix_len(line, t);
    let head: String = word.chars().take(t.len() - n).collect();
    if head.chars().count() < 2 {
        return false;
    }
    let noun = matches!(t.pos, "nt" | "nz" | "j" | "n");
    if !noun {
        return false;
    }
    if cache.get(&head) != Dict::Common {
        return true;
    }
    t.pos == "nt" && {
        let tags = jieba.tag(&head, true);
        tags.len() == 1 && matches!(tags[0].tag, "nz" | "nt" | "ns" | "nr" | "nrt" | "j")
    }
}

/// A place followed by a facility word is one place (皇岗 + 口岸), and so is a place
/// followed by a development zone (成都市 + 高新区); an administrative district after a city
/// (广州 天河区) stays a place of its own.
fn facility_places(line: &LineCtx, toks: &[Tok], cache: &mut DictCache, out: &mut Vec<Candidate>) {
    const FACILITIES: &[&str] = &[
        "口岸",
        "机场",
        "火车站",
        "码头",
        "港口",
        "车站",
        "大桥",
        "广场",
    ];
    const ZONES: &[&str] = &[
        "高新区",
        "开发区",
        "新区",
        "园区",
        "保税区",
        "自贸区",
        "经济区",
        "科技园",
    ];
    for w in toks.windows(2) {
        let word = text(line, &w[0]);
        let place = w[0].pos == "ns"
            || (w[0].len() >= 2
                && all_han(word)
                && !lexicon::ZH_GENERIC_PLACES.contains(&word)
                && matches!(w[0].pos, "n" | "nz" | "nr" | "nrt" | "j")
                && cache.get(word) != Dict::Common);
        if !place || w[0].end != w[1].start {
            continue;
        }
        let next = text(line, &w[1]);
        if FACILITIES.contains(&next) || ZONES.iter().any(|z| next.ends_with(z)) {
            out.push(Candidate::rule(w[0].start, w[1].end, PLACE));
        }
    }
}

/// The trade name (字号) of a Chinese company name: what is left when the company suffix,
/// the trade words (ordinary words such as 国际, 物流, 贸易, 科技, 发展) and a leading place are
/// taken off (华瑞国际物流有限公司 → 华瑞, 南京恒达科技发展有限公司 → 恒达). Companies are
/// referred to by it alone (华瑞的人).
pub(crate) fn trade_name_zh(
    jieba: &jieba_rs::Jieba,
    name: &str,
    places: &std::collections::HashSet<String>,
    cache: &mut DictCache,
) -> Option<String> {
    let (suffix_len, kind) = lexicon::org_suffix(name)?;
    if kind != SuffixKind::Commercial {
        return None;
    }
    let chars: Vec<char> = name.chars().collect();
    let body: String = chars[..chars.len() - suffix_len].iter().collect();
    let mut words: Vec<(String, &str)> = jieba
        .tag(&body, true)
        .into_iter()
        .map(|t| (t.word.to_string(), intern_tag(t.tag)))
        .collect();
    while words
        .last()
        .is_some_and(|(w, _)| w.chars().count() >= 2 && cache.get(w) == Dict::Common)
    {
        words.pop();
    }
    let mut rest: String = words.iter().map(|(w, _)| w.as_str()).collect();
    // A leading place: a registered one, or one jieba knows.
    let leading_place = places
        .iter()
        .filter(|p| rest.starts_with(p.as_str()) && rest.chars().count() > p.chars().count())
        .max_by_key(|p| p.chars().count())
        .cloned()
        .or_else(|| {
            words
                .first()
                .filter(|(w, pos)| *pos == "ns" && cache.get(w) != Dict::Unknown && words.len() > 1)
                .map(|(w, _)| w.clone())
        });
    if let Some(place) = leading_place {
        rest = rest.chars().skip(place.chars().count()).collect();
    }
    let n = rest.chars().count();
    let ok = (2..=4).contains(&n) && all_han(&rest) && cache.get(&rest) != Dict::Common;
    ok.then_some(rest)
}
