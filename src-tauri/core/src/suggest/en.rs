//! English mentions, by rule:
//!
//! * organisations: capitalised spans (joined by `of`, `for`, `the` after them, `and`/`&`
//!   in an `of` complement, `No. 7`, and `Co., Ltd.`) that contain a designator
//!   (Company, Limited, Bank, University, Institute, Commission, Bureau, Division, …);
//!   `Circular of the X Bureau` is cut to `X Bureau`, and `A of (the) B` also yields `B`
//!   when `B` is a complete name (nested as in the annotation policy);
//! * people: names after a title (Mr., Dr., Professor, Comrade …; the title is not part of
//!   the span), and romanised Chinese names: a surname in pinyin (from the Chinese
//!   surname list, every reading) and a given name of one or two pinyin syllables (Shan
//!   Jianguo, Li Xiaohong), or a Cantonese surname with a hyphenated given name (Chan
//!   Tai-man); three capitalised syllables in a row (Sha Tin Wai, Jing Zheng Fa) are not
//!   a name;
//! * places: capitalised words before a place designator (Nanjing City, Tianhe District);
//! * dates, money, documents: patterns (8 May 2020, early September 2020, between 2019
//!   and 2021, Five days later, the end of August that year; RMB 4.5 million,
//!   2,500,000 U.S. dollars; Supply Contract, Provisions on the Administration of …,
//!   Jing Zheng Fa [2020] No. 5, quoted titles, the title line).

use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::{
    self, is_cantonese_surname, is_en_starter, pinyin_given_name, pinyin_surnames,
    pinyin_syllables, EN_DOTTED_DESIGNATORS, EN_GENRE_WORDS, EN_ORG_DESIGNATORS,
    EN_PLACE_DESIGNATORS, EN_TITLES,
};
use super::{Candidate, LineCtx, DATE, DOCUMENT, EVENT, MONEY, ORGANISATION, PERSON, PLACE};
use crate::fuzzy_time::MONTH_NAMES as MONTHS;

/// A word (letters and digits, inner hyphens kept: Sub-branch, Wing-sum) or a single
/// punctuation character, with code-point offsets in the line.
#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    text: String,
    word: bool,
}

impl Tok {
    fn is(&self, s: &str) -> bool {
        self.text == s
    }
    fn capitalised(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
    fn all_caps(&self) -> bool {
        self.word
            && self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !self.text.chars().any(char::is_lowercase)
    }
    fn number(&self) -> bool {
        self.word && self.text.chars().all(|c| c.is_ascii_digit())
    }
    /// The word in title case (`COMPANY` → `Company`), for list lookups.
    fn title_case(&self) -> String {
        if !self.all_caps() {
            return self.text.clone();
        }
        let mut out = String::new();
        let mut first = true;
        for c in self.text.chars() {
            if first {
                out.extend(c.to_uppercase());
            } else if c == '-' {
                out.push(c);
                first = true;
                continue;
            } else {
                out.extend(c.to_lowercase());
            }
            first = false;
        }
        out
    }
}

fn tokenize(chars: &[char]) -> Vec<Tok> {
    let mut out = Vec::new();
    let n = chars.len();
    let mut i = 0;
    let alnum = |c: char| c.is_alphanumeric() || is_combining(c);
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if alnum(c) {
            let start = i;
            while i < n
                && (alnum(chars[i])
                    || (chars[i] == '-' && i + 1 < n && alnum(chars[i + 1]) && i > start))
            {
                i += 1;
            }
            out.push(Tok {
                start,
                end: i,
                text: chars[start..i].iter().collect(),
                word: true,
            });
        } else {
            out.push(Tok {
                start: i,
                end: i + 1,
                text: c.to_string(),
                word: false,
            });
            i += 1;
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

fn is_designator(t: &Tok) -> bool {
    t.capitalised() && EN_ORG_DESIGNATORS.contains(&t.title_case().as_str())
}

/// A capitalised word that can be part of a name.
fn name_word(t: &Tok) -> bool {
    t.capitalised() && !MONTHS.contains(&t.text.as_str())
}

pub(crate) fn suggest(line: &LineCtx, out: &mut Vec<Candidate>, parts: &mut Vec<(usize, usize)>) {
    let toks = tokenize(&line.chars);
    // Where a registered abbreviation of an organisation begins (Institute 7): a unit
    // `of` it is named without it (Finance Division | of Institute 7).
    let abbreviated: Vec<usize> = out
        .iter()
        .filter(|c| c.abbreviation && c.type_name == ORGANISATION)
        .map(|c| c.start)
        .collect();
    let registered: Vec<usize> = out
        .iter()
        .filter(|c| c.entity.is_some() && c.type_name == ORGANISATION)
        .map(|c| c.start)
        .collect();
    organisations(&toks, &abbreviated, &registered, out);
    self_references(&toks, out);
    addresses(line, out);
    events(line, out);
    places(&toks, out);
    people(&toks, out, parts);
    dates(line, out);
    money(line, out);
    documents(line, &toks, out);
}

/// One piece of a capitalised span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Word {
        designator: bool,
    },
    /// `No. 7` or a number after a designator (`Institute 7`).
    Number,
    /// `of`/`for` (with a following `the`), splitting the span into segments.
    Of {
        of: bool,
    },
    /// `and`/`&` inside an `of` complement.
    And,
}

fn organisations(
    toks: &[Tok],
    abbreviated: &[usize],
    registered: &[usize],
    out: &mut Vec<Candidate>,
) {
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if !(toks[i].capitalised() || starts_no_number(toks, i)) {
            i += 1;
            continue;
        }
        // (unit, first token, end token exclusive)
        let mut units: Vec<(Unit, usize, usize)> = Vec::new();
        let mut j = i;
        let mut saw_of = false;
        while j < n {
            let t = &toks[j];
            if starts_no_number(toks, j) {
                units.push((Unit::Number, j, j + 3));
                j += 3;
                if units.len() >= 2
                    && matches!(units[units.len() - 2].0, Unit::Word { designator: true })
                {
                    break;
                }
                continue;
            }
            if t.capitalised() {
                if EN_DOTTED_DESIGNATORS.contains(&t.title_case().as_str())
                    && toks
                        .get(j + 1)
                        .is_some_and(|p| p.is(".") && p.start == t.end)
                {
                    // Co. / Co., Ltd. / Ltd. / Inc. close the name.
                    let mut end = j + 2;
                    if toks.get(end).is_some_and(|p| p.is(","))
                        && toks.get(end + 1).is_some_and(|w| {
                            EN_DOTTED_DESIGNATORS.contains(&w.title_case().as_str())
                                || w.title_case() == "Limited"
                        })
                    {
                        end += 2;
                        if toks
                            .get(end)
                            .is_some_and(|p| p.is(".") && p.start == toks[end - 1].end)
                        {
                            end += 1;
                        }
                    }
                    units.push((Unit::Word { designator: true }, j, end));
                    j = end;
                    break;
                }
                units.push((
                    Unit::Word {
                        designator: is_designator(t),
                    },
                    j,
                    j + 1,
                ));
                j += 1;
                continue;
            }
            if t.number() && matches!(units.last(), Some((Unit::Word { designator: true }, _, _))) {
                units.push((Unit::Number, j, j + 1));
                j += 1;
                break;
            }
            let next_cap = |k: usize| {
                toks.get(k)
                    .is_some_and(|w| w.capitalised() || starts_no_number(toks, k))
            };
            if (t.is("of") || t.is("for")) && !units.is_empty() {
                let abbreviation_at =
                    |k: usize| toks.get(k).is_some_and(|w| abbreviated.contains(&w.start));
                if abbreviation_at(j + 1)
                    || (toks.get(j + 1).is_some_and(|w| w.is("the")) && abbreviation_at(j + 2))
                {
                    break;
                }
                if next_cap(j + 1) {
                    units.push((Unit::Of { of: t.is("of") }, j, j + 1));
                    saw_of = true;
                    j += 1;
                    continue;
                }
                if toks.get(j + 1).is_some_and(|w| w.is("the")) && next_cap(j + 2) {
                    units.push((Unit::Of { of: t.is("of") }, j, j + 2));
                    saw_of = true;
                    j += 2;
                    continue;
                }
                break;
            }
            // `and` inside a name: in an `of` complement (University of Science and
            // Technology), or before the designator (Development and Reform Commission),
            // but not between two names (Huarui and Institute 7).
            if (t.is("and") || t.is("&"))
                && next_cap(j + 1)
                && !is_designator(&toks[j + 1])
                && !registered.contains(&toks[j + 1].start)
            {
                let designator_before = units
                    .iter()
                    .any(|u| matches!(u.0, Unit::Word { designator: true }));
                let designator_ahead = (j + 1..(j + 5).min(n))
                    .take_while(|&x| toks[x].capitalised())
                    .any(|x| is_designator(&toks[x]));
                if saw_of || (!designator_before && designator_ahead) {
                    units.push((Unit::And, j, j + 1));
                    j += 1;
                    continue;
                }
            }
            // A possessive inside a name (People's Government, People's Bank).
            if matches!(t.text.as_str(), "'" | "’")
                && t.start == toks[j - 1].end
                && toks
                    .get(j + 1)
                    .is_some_and(|w| w.is("s") && w.start == t.end)
                && toks.get(j + 2).is_some_and(Tok::capitalised)
                && matches!(units.last(), Some((Unit::Word { .. }, _, _)))
            {
                if let Some(last) = units.last_mut() {
                    last.2 = j + 2;
                }
                j += 2;
                continue;
            }
            break;
        }
        let next = j.max(i + 1);
        emit_organisation(toks, &units, out);
        i = next;
    }
}

/// `No. 7`: the word No, a period right after it, and a number.
fn starts_no_number(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.is("No"))
        && toks
            .get(i + 1)
            .is_some_and(|p| p.is(".") && p.start == toks[i].end)
        && toks.get(i + 2).is_some_and(Tok::number)
}

fn emit_organisation(toks: &[Tok], units: &[(Unit, usize, usize)], out: &mut Vec<Candidate>) {
    let mut units = units.to_vec();
    // Sentence-initial words and titles are not part of a name.
    while let Some((Unit::Word { designator: false }, s, _)) = units.first() {
        let w = &toks[*s].text;
        if is_en_starter(w) || MONTHS.contains(&w.as_str()) || EN_TITLES.contains(&w.as_str()) {
            units.remove(0);
        } else {
            break;
        }
    }
    while matches!(units.last(), Some((Unit::Of { .. } | Unit::And, _, _))) {
        units.pop();
    }
    if units.is_empty() || !matches!(units[0].0, Unit::Word { .. } | Unit::Number) {
        return;
    }
    // Segments between of/for.
    let mut segments: Vec<(usize, usize)> = Vec::new(); // unit ranges
    let mut seg_start = 0;
    for (k, u) in units.iter().enumerate() {
        if matches!(u.0, Unit::Of { .. }) {
            segments.push((seg_start, k));
            seg_start = k + 1;
        }
    }
    segments.push((seg_start, units.len()));
    let has_designator = |(a, b): (usize, usize)| {
        units[a..b]
            .iter()
            .any(|u| matches!(u.0, Unit::Word { designator: true }))
    };
    // The head is the first segment with a designator: `Circular of the X Bureau` → `X Bureau`.
    let Some(head) = segments.iter().position(|&s| has_designator(s)) else {
        return;
    };
    let first_unit = segments[head].0;
    let last_unit = units.len() - 1;
    let (_, s_tok, _) = units[first_unit];
    let (_, _, e_tok) = units[last_unit];
    // `Company No. 2287164`: a bare designator with a number is an identifier.
    let head_units = &units[segments[head].0..segments[head].1];
    let bare = head_units.len() == 2
        && matches!(head_units[0].0, Unit::Word { designator: true })
        && head_units[1].0 == Unit::Number
        && toks[head_units[1].1].is("No")
        && segments.len() == head + 1;
    // A designator alone (`the Bureau`) names nothing in particular.
    let lone = units.len() - first_unit == 1;
    if bare || lone {
        return;
    }
    out.push(Candidate::rule(
        toks[s_tok].start,
        toks[e_tok - 1].end,
        ORGANISATION,
    ));
    // Nested: `A of (the) B …` where B's own head has a designator.
    for (k, &(a, b)) in segments.iter().enumerate().skip(head + 1) {
        if a >= b || !has_designator((a, b)) {
            continue;
        }
        if !matches!(units[a - 1].0, Unit::Of { of: true }) {
            continue;
        }
        let _ = k;
        let (_, s2, _) = units[a];
        out.push(Candidate::rule(
            toks[s2].start,
            toks[e_tok - 1].end,
            ORGANISATION,
        ));
    }
}

fn places(toks: &[Tok], out: &mut Vec<Candidate>) {
    let is_place_designator =
        |t: &Tok| t.capitalised() && EN_PLACE_DESIGNATORS.contains(&t.text.as_str());
    for (k, t) in toks.iter().enumerate() {
        if !is_place_designator(t) {
            continue;
        }
        // Only the last of several designators ends the name (Huanggang Border Port).
        if toks
            .get(k + 1)
            .is_some_and(|n| is_place_designator(n) && n.start == t.end + 1)
        {
            continue;
        }
        let mut s = k;
        while s > 0
            && k - s < 4
            && name_word(&toks[s - 1])
            && toks[s - 1].end + 1 == toks[s].start
            && !is_en_starter(&toks[s - 1].text)
            && !is_designator(&toks[s - 1])
        {
            s -= 1;
        }
        if s < k && !is_place_designator(&toks[s]) {
            out.push(Candidate::rule(toks[s].start, t.end, PLACE));
        }
    }
}

/// `this Bureau`, `This Court`: a body referring to itself, capitalised in the text.
fn self_references(toks: &[Tok], out: &mut Vec<Candidate>) {
    for w in toks.windows(3) {
        let (this, body, next) = (&w[0], &w[1], &w[2]);
        if (this.is("this") || this.is("This"))
            && is_designator(body)
            && !body.all_caps()
            && !(next.capitalised() || next.is("of"))
        {
            out.push(Candidate::rule(this.start, body.end, ORGANISATION));
        }
    }
}

/// Street addresses in the British style: `Flat 5, 3/F, Golden Building, 20 Nathan Road,
/// Jordan, Kowloon`, one place.
fn addresses(line: &LineCtx, out: &mut Vec<Candidate>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, || {
        let cap = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*";
        format!(
            r"\b(?:Room|Flat|Unit|Suite|Block|Shop) [0-9A-Z-]+(?:, (?:\d+/F|\d+[A-Za-z]? {cap}|{cap}))+"
        )
    });
    let index = crate::text::CharIndex::new(&line.shadow);
    for m in re.find_iter(&line.shadow) {
        // At least a floor or street and a district: two commas.
        if m.as_str().matches(", ").count() < 2 {
            continue;
        }
        if let (Some(s), Some(e)) = (index.char_offset(m.start()), index.char_offset(m.end())) {
            out.push(Candidate::rule(s, e, PLACE));
        }
    }
}

/// Named events: `annual budget review meeting`, `the 2020 national congress`.
fn events(line: &LineCtx, out: &mut Vec<Candidate>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, || {
        r"\b(?:[Aa]nnual|[Bb]iennial|[Ii]nternational|[Nn]ational|(?:19|20)\d{2})(?: [a-z][a-z-]+){0,4} (?:meeting|conference|summit|forum|audit|election|congress|exhibition|symposium|plenum|session)\b".to_string()
    });
    let index = crate::text::CharIndex::new(&line.shadow);
    for m in re.find_iter(&line.shadow) {
        if let (Some(s), Some(e)) = (index.char_offset(m.start()), index.char_offset(m.end())) {
            out.push(Candidate::rule(s, e, EVENT));
        }
    }
}

/// A word that can stand in a personal name after a title.
fn person_word(t: &Tok) -> bool {
    name_word(t)
        && !is_designator(t)
        && !EN_GENRE_WORDS.contains(&t.text.as_str())
        && !EN_PLACE_DESIGNATORS.contains(&t.text.as_str())
        && !is_en_starter(&t.text)
}

fn people(toks: &[Tok], out: &mut Vec<Candidate>, parts: &mut Vec<(usize, usize)>) {
    let n = toks.len();
    // After a title.
    for (k, t) in toks.iter().enumerate() {
        if !t.capitalised() || !EN_TITLES.contains(&t.text.as_str()) {
            continue;
        }
        let mut s = k + 1;
        if toks.get(s).is_some_and(|p| p.is(".") && p.start == t.end) {
            s += 1;
        }
        let mut e = s;
        while e < n
            && e - s < 3
            && person_word(&toks[e])
            && (e == s || toks[e - 1].end < toks[e].start)
        {
            e += 1;
        }
        if e == s {
            continue;
        }
        out.push(Candidate::rule(toks[s].start, toks[e - 1].end, PERSON));
        if e - s >= 2 && !chinese_order(&toks[s], &toks[e - 1]) {
            parts.push((toks[e - 1].start, toks[e - 1].end));
        }
    }
    // Romanised Chinese names.
    for k in 0..n.saturating_sub(1) {
        let (a, b) = (&toks[k], &toks[k + 1]);
        if !name_word(a) || !name_word(b) || a.end >= b.start || b.start - a.end != 1 {
            continue;
        }
        if is_en_starter(&a.text) || !person_word(b) {
            continue;
        }
        // Not the middle of a longer run of capitalised syllables (Sha Tin Wai).
        let syllable = |t: &Tok| pinyin_syllables().contains(t.text.to_lowercase().as_str());
        if toks
            .get(k + 2)
            .is_some_and(|c| name_word(c) && c.start == b.end + 1 && syllable(c))
        {
            continue;
        }
        if k > 0
            && name_word(&toks[k - 1])
            && toks[k - 1].end + 1 == a.start
            && syllable(&toks[k - 1])
        {
            continue;
        }
        // People are not `in`, `at` or `a` something: `in Hong Kong`, `a Hong Kong woman`.
        let place_context = k > 0
            && toks[k - 1].word
            && lexicon::NOT_BEFORE_PEOPLE.contains(&toks[k - 1].text.to_lowercase().as_str());
        if !place_context && (chinese_order(a, b) || cantonese_name(a, b)) {
            out.push(Candidate::rule(a.start, b.end, PERSON));
        }
    }
}

/// Surname in pinyin + a given name of one or two pinyin syllables.
fn chinese_order(surname: &Tok, given: &Tok) -> bool {
    let s = surname.text.to_lowercase();
    let g = given.text.to_lowercase();
    pinyin_surnames().contains(&s) && given.capitalised() && pinyin_given_name(&g)
}

/// A Cantonese surname + a hyphenated given name (Chan Tai-man).
fn cantonese_name(surname: &Tok, given: &Tok) -> bool {
    let s = surname.text.to_lowercase();
    let parts: Vec<&str> = given.text.split('-').collect();
    is_cantonese_surname(&s)
        && parts.len() == 2
        && parts
            .iter()
            .all(|p| (1..=6).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
}

fn regex(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern()).expect("valid regex"))
}

const MONTH_RE: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
const YEAR_RE: &str = r"(?:1[5-9]|20)\d{2}";
const DAY_RE: &str = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
const COUNT_RE: &str = r"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Aa] few|[Ss]everal|[Aa]n?|\d+)";

fn dates(line: &LineCtx, out: &mut Vec<Candidate>) {
    static MAIN: OnceLock<Regex> = OnceLock::new();
    static PREP: OnceLock<Regex> = OnceLock::new();
    let main = regex(&MAIN, || {
        let (m, y, d, c) = (MONTH_RE, YEAR_RE, DAY_RE, COUNT_RE);
        let q = r"(?:[Ee]arly|[Mm]id|[Ll]ate|[Mm]id-)";
        let rel_year = r"(?:that year|the (?:same|following|previous|next) year)";
        let daypart = r"(?:morning|day|evening|afternoon|night)";
        [
            format!(r"\b{d} (?:to|-|–|and) {d} {m},? {y}\b"),
            format!(r"\b{m} {d} ?(?:to|-|–) ?{d},? {y}\b"),
            format!(r"\b{d} {m},? {y}\b"),
            format!(r"\b{m} {d}, {y}\b"),
            format!(r"\b(?:{q}[ -])?{m},? {y}\b"),
            format!(r"\b{q}[ -]{y}\b"),
            format!(r"\b[Tt]he (?:end|beginning|start|middle|first half|second half|turn) of (?:{m} (?:{y}|{rel_year})|{y}|{m}|{rel_year})"),
            format!(r"\b{m} of (?:{rel_year}|{y})"),
            format!(r"\b(?:[Bb]etween {y} and|[Ff]rom {y} to) {y}\b"),
            format!(r"\b(?:[Bb]efore|[Aa]fter) {y}\b"),
            format!(r"\b(?:(?:[Aa]bout|[Ss]ome|[Nn]early|[Aa]lmost) )?{c} (?:days?|weeks?|months?|years?) (?:later|ago|earlier|afterwards)\b"),
            r"\b(?:[Ll]ast|[Nn]ext|[Tt]his) (?:month|week|year)\b".to_string(),
            format!(r"\b[Tt]he (?:next|following|previous) {daypart}\b"),
            format!(r"\b(?:[Oo]ver|[Dd]uring|[Ww]ithin) the (?:next|following|past|previous|last|same) (?:{c} )?(?:days?|weeks?|months?|years?|period)\b"),
            r"\b\d{1,2}(?::\d{2})? ?(?:a\.m\.|p\.m\.) (?:that|the same|the next|the following) day\b".to_string(),
            format!(r"\b(?:that|the same) {daypart}\b"),
            r"\b[Rr]ecently\b".to_string(),
        ]
        .join("|")
    });
    let prep = regex(&PREP, || {
        format!(
            r"\b(?:in|In|by|By|until|Until|since|Since|from|From|of|during|During) ({YEAR_RE}|{MONTH_RE})(?:\b|$)"
        )
    });
    let index = crate::text::CharIndex::new(&line.shadow);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for m in main.find_iter(&line.shadow) {
        if let (Some(s), Some(e)) = (index.char_offset(m.start()), index.char_offset(m.end())) {
            found.push((s, e));
        }
    }
    for caps in prep.captures_iter(&line.shadow) {
        let Some(g) = caps.get(1) else { continue };
        if let (Some(s), Some(e)) = (index.char_offset(g.start()), index.char_offset(g.end())) {
            // `May` is a month only before a year or after these prepositions; `in May 2017`
            // was found above already.
            if !found.iter().any(|&(fs, fe)| fs < e && s < fe) {
                found.push((s, e));
            }
        }
    }
    for (s, e) in found {
        out.push(Candidate::rule(s, e, DATE));
    }
}

fn money(line: &LineCtx, out: &mut Vec<Candidate>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, || {
        let num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
        let mag = r"(?:thousand|million|billion|trillion)";
        let words = r"(?:[Aa]|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety|[Aa] hundred|[Ss]everal)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred))*";
        let currency = r"(?:U\.S\. dollars|US dollars|Hong Kong dollars|HK dollars|Swiss francs|dollars|yuan|renminbi|euros|pounds|francs)";
        format!(
            r"(?:\bRMB|\bCNY|\bUSD|\bHKD|\bEUR|\bGBP|\bCHF|\bJPY|\bUS\$|\bHK\$|\$|€|£|¥) ?(?:{num})(?: {mag})?\b|\b(?:(?:[Mm]ore than|[Oo]ver|[Uu]pwards of) a {mag}|(?:{num}|{words})(?: {mag})?) {currency}\b"
        )
    });
    let index = crate::text::CharIndex::new(&line.shadow);
    for m in re.find_iter(&line.shadow) {
        if let (Some(s), Some(e)) = (index.char_offset(m.start()), index.char_offset(m.end())) {
            out.push(Candidate::rule(s, e, MONEY));
        }
    }
}

fn documents(line: &LineCtx, toks: &[Tok], out: &mut Vec<Candidate>) {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    static CODE: OnceLock<Regex> = OnceLock::new();
    let number = regex(&NUMBER, || {
        r"(?:[A-Z][\w'-]*|\d+)(?: (?:[A-Z][\w'-]*|\d+)){0,5} \[(?:19|20)\d{2}\] No\. ?\d+"
            .to_string()
    });
    let code = regex(&CODE, || {
        r"\b(?:numbered|[Nn]o\.|number) ([A-Z]{1,8}(?:-[A-Z0-9]+){1,6})\b".to_string()
    });
    let index = crate::text::CharIndex::new(&line.shadow);
    let span = |a: usize, b: usize| Some((index.char_offset(a)?, index.char_offset(b)?));
    for m in number.find_iter(&line.shadow) {
        if let Some((s, e)) = span(m.start(), m.end()) {
            out.push(Candidate::rule(s, e, DOCUMENT));
        }
    }
    for caps in code.captures_iter(&line.shadow) {
        let Some(g) = caps.get(1) else { continue };
        if g.as_str().chars().any(|c| c.is_ascii_digit()) {
            if let Some((s, e)) = span(g.start(), g.end()) {
                out.push(Candidate::rule(s, e, DOCUMENT));
            }
        }
    }
    genre_titles(toks, out);
    quoted_titles(line, toks, out);
    if line.title {
        title_line(line, toks, out);
    }
}

fn is_genre(t: &Tok) -> bool {
    t.capitalised() && EN_GENRE_WORDS.contains(&t.text.as_str())
}

/// Title-case phrases headed by a genre word: `Supply Contract`,
/// `Interim Provisions on the Administration of …`, `Decision on the Expulsion of X`.
fn genre_titles(toks: &[Tok], out: &mut Vec<Candidate>) {
    let n = toks.len();
    let mut k = 0;
    while k < n {
        if !is_genre(&toks[k]) {
            k += 1;
            continue;
        }
        let mut s = k;
        while s > 0
            && name_word(&toks[s - 1])
            && toks[s - 1].end < toks[s].start
            && !is_en_starter(&toks[s - 1].text)
            && !EN_TITLES.contains(&toks[s - 1].text.as_str())
        {
            s -= 1;
        }
        let mut e = k + 1;
        // A complement: on/of/for/concerning (the) + capitalised words, repeatedly.
        loop {
            let mut j = e;
            if !toks.get(j).is_some_and(|t| {
                ["on", "of", "for", "concerning", "regarding"].contains(&t.text.as_str())
            }) {
                break;
            }
            j += 1;
            if toks.get(j).is_some_and(|t| t.is("the")) {
                j += 1;
            }
            let words_start = j;
            while j < n
                && (toks[j].capitalised()
                    || (toks[j].is("and")
                        && j > words_start
                        && toks.get(j + 1).is_some_and(Tok::capitalised)))
            {
                j += 1;
            }
            if j == words_start {
                break;
            }
            e = j;
        }
        if e - s >= 2 {
            out.push(Candidate::rule(toks[s].start, toks[e - 1].end, DOCUMENT));
        }
        k = e.max(k + 1);
    }
}

/// Quoted titles: after headlined/titled/entitled, or a quoted genre word (“Declaration”).
fn quoted_titles(line: &LineCtx, toks: &[Tok], out: &mut Vec<Candidate>) {
    let chars = &line.chars;
    let mut i = 0;
    while i < chars.len() {
        let closer = match chars[i] {
            '“' => '”',
            '"' => '"',
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(close) = chars[i + 1..]
            .iter()
            .position(|&c| c == closer)
            .map(|p| i + 1 + p)
        else {
            break;
        };
        let mut s = i + 1;
        let mut e = close;
        while e > s && matches!(chars[e - 1], ',' | '.' | ';' | ':' | ' ') {
            e -= 1;
        }
        while s < e && chars[s] == ' ' {
            s += 1;
        }
        if e > s && chars[s].is_uppercase() {
            let inner: Vec<&Tok> = toks
                .iter()
                .filter(|t| t.start >= s && t.end <= e && t.word)
                .collect();
            let before: String = chars[..i].iter().collect();
            let cue = ["headlined", "titled", "entitled"]
                .iter()
                .any(|w| before.trim_end().ends_with(w));
            let genre = inner.len() == 1 && is_genre(inner[0]);
            if cue || genre {
                out.push(Candidate::rule(s, e, DOCUMENT));
            }
        }
        i = close + 1;
    }
}

/// The title line of a text, when it names a document: a capitalised line without a final
/// stop whose first words or last word is a genre word (`Declaration`, `Circular of …`).
fn title_line(line: &LineCtx, toks: &[Tok], out: &mut Vec<Candidate>) {
    let words: Vec<&Tok> = toks.iter().filter(|t| t.word).collect();
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return;
    };
    if words.is_empty() || words.len() > 30 || !first.capitalised() {
        return;
    }
    if matches!(last.text.as_str(), "." | "!" | "?" | ";" | ":") {
        return;
    }
    let genre = words.iter().take(3).any(|t| is_genre(t)) || is_genre(words[words.len() - 1]);
    if genre {
        let _ = line;
        out.push(Candidate::rule(first.start, last.end, DOCUMENT));
    }
}
