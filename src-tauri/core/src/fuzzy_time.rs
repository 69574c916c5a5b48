//! Fuzzy times for claims: what an analyst types ("early October 2018", "2016年至2018年间",
//! "before 1997") read as a label and the calendar interval it allows.
//!
//! [`parse_time`] returns a [`FuzzyTime`]: the input (trimmed) as its label, and the earliest
//! and latest day the time may fall on, as ISO dates (`YYYY-MM-DD`, proleptic Gregorian),
//! either of which may be open. It reads, in English and Chinese:
//!
//! * a year (`2016`, `2016年`, `二〇一六年`), a month (`March 2016`, `Mar. 2016`,
//!   `2016-03`, `2016年3月`, `二〇一七年五月`), a date (`2016-03-14`, `2016/3/14`,
//!   `14 March 2016`, `March 14, 2016`, `the 14th of March 2016`, `2016年3月14日`);
//!   years are written with four digits, so `五年前` ("five years ago") is refused rather
//!   than read as the year 5;
//! * parts of a month: `early`/`mid`/`late` (also `beginning of`, `middle of`, `end of`,
//!   `上旬`/`中旬`/`下旬`, `月初`/`月中`/`月底`/`月末`) are days 1–10, 11–20 and 21 to the
//!   month's end, the customary 旬;
//! * parts of a year: `early 2018` / `年初` is January–April, `mid-2018` / `年中` May–August,
//!   `late 2017` / `年底` / `年末` September–December (thirds of the year, so that the three
//!   parts tile it as the 旬 tile a month); `first half of 2017` / `上半年` is
//!   January–June, `second half` / `下半年` July–December;
//! * open times: `before X` / `prior to X` / `X以前` / `X之前` / `X前` end the day before X
//!   begins; `after X` / `X以后` / `X之后` / `X后` start the day after X ends (both exclusive,
//!   so 1997年以前 and 2015年以后 do not include 1997 and 2015); `since X` / `from X` /
//!   `自X以来` / `X以来` / `X起` start when X starts; `until X` / `till X` / `up to X` /
//!   `截至X` / `X为止` end when X ends;
//! * ranges: `A to B`, `A through B`, `A–B`, `A-B` (`2016-2018`), `A..B`, `between A and B`,
//!   `from A to B`, `A至B`, `A到B`, with `间`/`之间`/`期间` after; a side may leave out what
//!   the other gives (`2016年3月13日至16日`, `13–16 March 2016`, `March 13–16, 2016`,
//!   `2016-03-13..16`, `March to May 2016`).
//!
//! Leading `in`/`on`/`during`/`在`/`于` and trailing `期间` are ignored. Calendars are checked
//! (February 29 only in leap years, months 1–12, days within the month), and a range must not
//! end before it starts. Relative times (`三天后`, `the next morning`) need a reference point
//! and are refused.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A time as an analyst wrote it, with the interval of days it allows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FuzzyTime {
    /// The input, trimmed.
    pub label: String,
    /// The first day the time may be (`YYYY-MM-DD`), or `None` when open ("before 1997").
    pub earliest: Option<String>,
    /// The last day the time may be (`YYYY-MM-DD`), or `None` when open ("since 2015").
    pub latest: Option<String>,
}

impl FuzzyTime {
    /// Whether the two times can be the same day (their intervals share a day; an open end
    /// reaches forever). Two claims whose times do not overlap cannot both be about one
    /// event.
    pub fn overlaps(&self, other: &FuzzyTime) -> bool {
        // ISO dates with four-digit years sort as strings.
        let starts_before_end = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(start), Some(end)) => start <= end,
            _ => true,
        };
        starts_before_end(&self.earliest, &other.latest)
            && starts_before_end(&other.earliest, &self.latest)
    }
}

/// Why a text could not be read as a time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("no time given: expected {}", EXPECTED)]
    Empty,
    #[error("cannot read \"{input}\" as a time: expected {}", EXPECTED)]
    Unreadable { input: String },
    #[error("\"{input}\" is not a day of the calendar: {reason}")]
    NotInCalendar { input: String, reason: String },
    #[error("the range \"{input}\" ends ({end}) before it starts ({start})")]
    Reversed {
        input: String,
        start: String,
        end: String,
    },
}

const EXPECTED: &str = "a year, a month and year, a date, 'early/mid/late' + month, \
'before/after' + time, or a range 'A to B'";

/// Read a time the way analysts write them (see the [module docs](self)).
pub fn parse_time(input: &str) -> Result<FuzzyTime, TimeError> {
    let label = input.trim();
    if label.is_empty() {
        return Err(TimeError::Empty);
    }
    let unreadable = || TimeError::Unreadable {
        input: label.to_string(),
    };
    let tokens = tokenize(label).ok_or_else(unreadable)?;
    let tokens = strip_context(&tokens);
    let interval = match read(tokens) {
        Ok(interval) => interval,
        Err(Failure::NoMatch) => return Err(unreadable()),
        Err(Failure::Calendar(reason)) => {
            return Err(TimeError::NotInCalendar {
                input: label.to_string(),
                reason,
            })
        }
        Err(Failure::Reversed(start, end)) => {
            return Err(TimeError::Reversed {
                input: label.to_string(),
                start: start.to_string(),
                end: end.to_string(),
            })
        }
    };
    Ok(FuzzyTime {
        label: label.to_string(),
        earliest: interval.earliest.map(|d| d.to_string()),
        latest: interval.latest.map(|d| d.to_string()),
    })
}

// ---------------------------------------------------------------------------------------
// Calendar

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

/// English month names, January first (shared with the English date rules of `suggest`).
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    fn previous(self) -> Date {
        if self.day > 1 {
            Date {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            Date {
                month: self.month - 1,
                day: days_in_month(self.year, self.month - 1),
                ..self
            }
        } else {
            Date {
                year: self.year - 1,
                month: 12,
                day: 31,
            }
        }
    }

    fn next(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Date {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Date {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }
}

/// Days, either end possibly open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interval {
    earliest: Option<Date>,
    latest: Option<Date>,
}

impl Interval {
    fn closed(earliest: Date, latest: Date) -> Interval {
        Interval {
            earliest: Some(earliest),
            latest: Some(latest),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Failure {
    /// Not one of the forms.
    NoMatch,
    /// One of the forms, but no such day (the reason says why).
    Calendar(String),
    /// A range ending before it starts.
    Reversed(Date, Date),
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// A number; `digits` is how many digits it was written with (0 for Chinese numerals
    /// with 十/百, which cannot be years).
    Num { value: u32, digits: usize },
    /// A run of Latin letters, lowercased.
    Word(String),
    /// One Chinese character that is not a numeral.
    Han(char),
    /// Punctuation: `-` (hyphen), `–` (any dash or tilde), `/`, `.`, `,`, and `…` for `..`.
    Punct(char),
}

fn is_zh_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百两".contains(c)
}

fn zh_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .or(match c {
            '零' => Some(0),
            '两' => Some(2),
            _ => None,
        })
        .map(|v| v as u32)
}

/// 二〇一七 → (2017, 4 digits); 十四 → (14, 0); 三十一 → (31, 0).
fn zh_number(run: &str) -> Option<(u32, usize)> {
    if !run.contains(['十', '百']) {
        let mut value: u32 = 0;
        for c in run.chars() {
            value = value.checked_mul(10)?.checked_add(zh_digit(c)?)?;
        }
        return Some((value, run.chars().count()));
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in run.chars() {
        match c {
            '十' | '百' => {
                let unit = if c == '十' { 10 } else { 100 };
                total += current.unwrap_or(1) * unit;
                current = None;
            }
            _ => {
                if current.is_some() {
                    return None; // 二三十: not a number we read
                }
                current = Some(zh_digit(c)?);
            }
        }
    }
    Some((total + current.unwrap_or(0), 0))
}

/// Split into tokens; `None` when a character belongs to no time (an emoji, say).
fn tokenize(text: &str) -> Option<Vec<Tok>> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            // Full-width ASCII → ASCII, ideographic space → space.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run_end = |pred: &dyn Fn(char) -> bool| {
            let mut j = i;
            while j < chars.len() && pred(chars[j]) {
                j += 1;
            }
            j
        };
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let j = run_end(&|c| c.is_ascii_digit());
            let run: String = chars[i..j].iter().collect();
            let value = run.parse().ok()?;
            out.push(Tok::Num {
                value,
                digits: j - i,
            });
            i = j;
        } else if is_zh_numeral(c) {
            let j = run_end(&is_zh_numeral);
            let run: String = chars[i..j].iter().collect();
            let (value, digits) = zh_number(&run)?;
            out.push(Tok::Num { value, digits });
            i = j;
        } else if c.is_alphabetic() && !crate_is_han(c) {
            let j = run_end(&|c: char| c.is_alphabetic() && !crate_is_han(c));
            let run: String = chars[i..j].iter().collect();
            out.push(Tok::Word(run.to_lowercase()));
            i = j;
        } else if crate_is_han(c) {
            out.push(Tok::Han(c));
            i += 1;
        } else {
            let punct = match c {
                '-' => '-',
                '–' | '—' | '‐' | '‑' | '−' | '~' | '～' | '〜' | '―' => '–',
                '.' if chars.get(i + 1) == Some(&'.') => {
                    i += 1;
                    '…'
                }
                '.' | '．' | '。' => '.',
                '/' => '/',
                ',' | '，' | '、' => ',',
                _ => return None,
            };
            out.push(Tok::Punct(punct));
            i += 1;
        }
    }
    Some(out)
}

fn crate_is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

fn is_word(tok: Option<&Tok>, word: &str) -> bool {
    matches!(tok, Some(Tok::Word(w)) if w == word)
}

/// Whether `tokens` start with the Chinese characters of `word`.
fn starts_with_han(tokens: &[Tok], word: &str) -> bool {
    let n = word.chars().count();
    tokens.len() >= n && word.chars().zip(tokens).all(|(c, t)| *t == Tok::Han(c))
}

fn ends_with_han(tokens: &[Tok], word: &str) -> bool {
    let n = word.chars().count();
    tokens.len() >= n && starts_with_han(&tokens[tokens.len() - n..], word)
}

/// Drop what only says "at that time": leading in/on/during/在/于, trailing 期间.
fn strip_context(mut tokens: &[Tok]) -> &[Tok] {
    loop {
        match tokens.first() {
            Some(Tok::Word(w)) if matches!(w.as_str(), "in" | "on" | "during") => {
                tokens = &tokens[1..]
            }
            Some(Tok::Han('在' | '于')) => tokens = &tokens[1..],
            _ => break,
        }
    }
    for suffix in ["期间", "之间", "间"] {
        if ends_with_han(tokens, suffix) {
            tokens = &tokens[..tokens.len() - suffix.chars().count()];
            break;
        }
    }
    tokens
}

// ---------------------------------------------------------------------------------------
// Reading

fn read(tokens: &[Tok]) -> Result<Interval, Failure> {
    if tokens.is_empty() {
        return Err(Failure::NoMatch);
    }
    if let Some(result) = read_open(tokens) {
        return result;
    }
    match read_point(tokens) {
        Err(Failure::NoMatch) => read_range(tokens),
        other => other,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Before,
    After,
    Since,
    Until,
}

/// "before X", "X以前", "since X", …: `None` when `tokens` have no such marker.
fn read_open(tokens: &[Tok]) -> Option<Result<Interval, Failure>> {
    let first = tokens.first();
    let (kind, rest): (Open, &[Tok]) = if is_word(first, "before") {
        (Open::Before, &tokens[1..])
    } else if is_word(first, "prior") && is_word(tokens.get(1), "to") {
        (Open::Before, &tokens[2..])
    } else if is_word(first, "after") {
        (Open::After, &tokens[1..])
    } else if is_word(first, "since")
        || (is_word(first, "from") && !has_range_separator(&tokens[1..]))
    {
        (Open::Since, &tokens[1..])
    } else if is_word(first, "until") || is_word(first, "till") {
        (Open::Until, &tokens[1..])
    } else if is_word(first, "up") && is_word(tokens.get(1), "to") {
        (Open::Until, &tokens[2..])
    } else if starts_with_han(tokens, "截至") || starts_with_han(tokens, "截止") {
        let rest = &tokens[2..];
        let rest = if starts_with_han(rest, "到") {
            &rest[1..]
        } else {
            rest
        };
        let rest = if ends_with_han(rest, "为止") {
            &rest[..rest.len() - 2]
        } else {
            rest
        };
        (Open::Until, rest)
    } else {
        // Chinese markers come last.
        const SUFFIXES: &[(&str, Open)] = &[
            ("以前", Open::Before),
            ("之前", Open::Before),
            ("以后", Open::After),
            ("之后", Open::After),
            ("以来", Open::Since),
            ("开始", Open::Since),
            ("为止", Open::Until),
            ("前", Open::Before),
            ("后", Open::After),
            ("起", Open::Since),
        ];
        let (suffix, kind) = SUFFIXES
            .iter()
            .find(|(suffix, _)| ends_with_han(tokens, suffix))?;
        let mut rest = &tokens[..tokens.len() - suffix.chars().count()];
        if matches!(rest.first(), Some(Tok::Han('自' | '从'))) && *kind != Open::Before {
            rest = &rest[1..];
        }
        if *kind == Open::Until && matches!(rest.first(), Some(Tok::Han('到'))) {
            rest = &rest[1..];
        }
        (*kind, rest)
    };
    if rest.is_empty() {
        return Some(Err(Failure::NoMatch));
    }
    let point = match read_point(rest) {
        Ok(point) => point,
        Err(failure) => return Some(Err(failure)),
    };
    let (Some(start), Some(end)) = (point.earliest, point.latest) else {
        return Some(Err(Failure::NoMatch));
    };
    Some(Ok(match kind {
        Open::Before => Interval {
            earliest: None,
            latest: Some(start.previous()),
        },
        Open::After => Interval {
            earliest: Some(end.next()),
            latest: None,
        },
        Open::Since => Interval {
            earliest: Some(start),
            latest: None,
        },
        Open::Until => Interval {
            earliest: None,
            latest: Some(end),
        },
    }))
}

fn has_range_separator(tokens: &[Tok]) -> bool {
    tokens.iter().any(|t| {
        matches!(t, Tok::Punct('–' | '-' | '…') | Tok::Han('至' | '到'))
            || matches!(t, Tok::Word(w) if matches!(w.as_str(), "to" | "through" | "thru" | "until" | "till"))
    })
}

/// One calendar time, wholly given.
fn read_point(tokens: &[Tok]) -> Result<Interval, Failure> {
    let partial = read_partial(tokens)?;
    let full = partial.complete()?;
    full.interval()
}

/// A range "A to B", each side possibly leaving out what the other gives.
fn read_range(tokens: &[Tok]) -> Result<Interval, Failure> {
    let mut tokens = tokens;
    let mut between = false;
    if is_word(tokens.first(), "between") {
        between = true;
        tokens = &tokens[1..];
    } else if is_word(tokens.first(), "from")
        || matches!(tokens.first(), Some(Tok::Han('从' | '自')))
    {
        tokens = &tokens[1..];
    }
    for suffix in ["之间", "期间", "间"] {
        if ends_with_han(tokens, suffix) {
            tokens = &tokens[..tokens.len() - suffix.chars().count()];
            break;
        }
    }
    let strong = |t: &Tok| match t {
        Tok::Word(w) if between => w == "and",
        Tok::Word(w) => matches!(w.as_str(), "to" | "through" | "thru" | "until" | "till"),
        Tok::Punct('–' | '…') => true,
        Tok::Han('至' | '到') => true,
        _ => false,
    };
    let weak = |t: &Tok| !between && *t == Tok::Punct('-');
    let mut first_failure = Failure::NoMatch;
    for pass_is_strong in [true, false] {
        for (i, t) in tokens.iter().enumerate() {
            let is_separator = if pass_is_strong { strong(t) } else { weak(t) };
            if !is_separator || i == 0 || i + 1 == tokens.len() {
                continue;
            }
            match read_sides(&tokens[..i], &tokens[i + 1..]) {
                Ok(interval) => return Ok(interval),
                Err(Failure::NoMatch) => {}
                Err(other) => {
                    if first_failure == Failure::NoMatch {
                        first_failure = other;
                    }
                }
            }
        }
    }
    Err(first_failure)
}

fn read_sides(left: &[Tok], right: &[Tok]) -> Result<Interval, Failure> {
    let mut a = read_partial(left)?;
    let mut b = read_partial(right)?;
    // What one side leaves out, the other gives: 2016年3月13日至16日, 13–16 March 2016.
    if a.year.is_none() {
        a.year = b.year;
    }
    if b.year.is_none() {
        b.year = a.year;
    }
    if a.month.is_none() && a.day.is_some() && b.day.is_some() {
        a.month = b.month;
    }
    if b.month.is_none() && b.day.is_some() && a.day.is_some() {
        b.month = a.month;
    }
    let a = a.complete()?.interval()?;
    let b = b.complete()?.interval()?;
    let (Some(start), Some(end)) = (a.earliest, b.latest) else {
        return Err(Failure::NoMatch);
    };
    if end < start {
        return Err(Failure::Reversed(start, end));
    }
    Ok(Interval::closed(start, end))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
    FirstHalf,
    SecondHalf,
}

/// A time with some of its fields, as one side of a range may give it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Partial {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    part: Option<Part>,
}

/// A time with every field it needs (a day needs a month, a month a year).
struct Full(Partial);

impl Partial {
    fn complete(self) -> Result<Full, Failure> {
        let complete = self.year.is_some()
            && (self.day.is_none() || self.month.is_some())
            && !(self.part.is_some() && self.day.is_some())
            && !(matches!(self.part, Some(Part::FirstHalf | Part::SecondHalf))
                && self.month.is_some());
        if complete {
            Ok(Full(self))
        } else {
            Err(Failure::NoMatch)
        }
    }
}

impl Full {
    fn interval(&self) -> Result<Interval, Failure> {
        let Partial {
            year,
            month,
            day,
            part,
        } = self.0;
        let year = year.unwrap_or_default();
        if !(1..=9999).contains(&year) {
            return Err(Failure::NoMatch);
        }
        let date = |month: u32, day: u32| Date { year, month, day };
        let Some(month) = month else {
            let (first, last) = match part {
                None => (1, 12),
                Some(Part::Early) => (1, 4),
                Some(Part::Mid) => (5, 8),
                Some(Part::Late) => (9, 12),
                Some(Part::FirstHalf) => (1, 6),
                Some(Part::SecondHalf) => (7, 12),
            };
            return Ok(Interval::closed(
                date(first, 1),
                date(last, days_in_month(year, last)),
            ));
        };
        if !(1..=12).contains(&month) {
            return Err(Failure::Calendar(format!(
                "there is no month {month} (months are 1 to 12)"
            )));
        }
        let length = days_in_month(year, month);
        let name = MONTH_NAMES[month as usize - 1];
        if let Some(day) = day {
            if day == 0 || day > length {
                let leap = if month == 2 && day == 29 {
                    format!(" ({year} is not a leap year)")
                } else {
                    String::new()
                };
                return Err(Failure::Calendar(format!(
                    "{name} {year} has {length} days{leap}"
                )));
            }
            return Ok(Interval::closed(date(month, day), date(month, day)));
        }
        let (first, last) = match part {
            None => (1, length),
            Some(Part::Early) => (1, 10),
            Some(Part::Mid) => (11, 20),
            Some(Part::Late) => (21, length),
            Some(Part::FirstHalf | Part::SecondHalf) => return Err(Failure::NoMatch),
        };
        Ok(Interval::closed(date(month, first), date(month, last)))
    }
}

fn month_number(word: &str) -> Option<u32> {
    const ABBREVIATIONS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if word == "sept" {
        return Some(9);
    }
    MONTH_NAMES
        .iter()
        .position(|name| name.to_lowercase() == word)
        .or_else(|| ABBREVIATIONS.iter().position(|a| *a == word))
        .map(|i| i as u32 + 1)
}

fn english_part(word: &str) -> Option<Part> {
    match word {
        "early" | "beginning" | "start" => Some(Part::Early),
        "mid" | "middle" => Some(Part::Mid),
        "late" | "end" => Some(Part::Late),
        _ => None,
    }
}

/// Read the fields of one time from `tokens`, all of which it must use.
fn read_partial(tokens: &[Tok]) -> Result<Partial, Failure> {
    let set_once = |slot: &mut Option<u32>, value: u32| -> Result<(), Failure> {
        if slot.replace(value).is_some() {
            return Err(Failure::NoMatch);
        }
        Ok(())
    };
    let mut year: Option<u32> = None;
    let mut month: Option<u32> = None;
    let mut day: Option<u32> = None;
    let mut part: Option<Part> = None;
    let set_part = |part: &mut Option<Part>, value: Part| -> Result<(), Failure> {
        if part.replace(value).is_some() {
            return Err(Failure::NoMatch);
        }
        Ok(())
    };
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        let next = tokens.get(i + 1);
        match tok {
            Tok::Num { value, digits } => {
                // ISO 2016-03-14, 2016/3/14, 2016-03.
                if *digits == 4 {
                    if let Some(consumed) = iso_date(&tokens[i..], &mut year, &mut month, &mut day)
                    {
                        i += consumed;
                        continue;
                    }
                }
                match next {
                    Some(Tok::Han('年')) if *digits == 4 => {
                        set_once(&mut year, *value)?;
                        i += 2;
                    }
                    Some(Tok::Han('月')) => {
                        set_once(&mut month, *value)?;
                        i += 2;
                    }
                    Some(Tok::Han('日' | '号')) => {
                        set_once(&mut day, *value)?;
                        i += 2;
                    }
                    Some(Tok::Han(_)) => return Err(Failure::NoMatch),
                    _ if *digits == 4 => {
                        set_once(&mut year, *value)?;
                        i += 1;
                    }
                    _ if (1..=2).contains(digits) => {
                        set_once(&mut day, *value)?;
                        i += 1;
                        // 14th, 1st, 2nd, 3rd.
                        if matches!(tokens.get(i), Some(Tok::Word(w)) if matches!(w.as_str(), "st" | "nd" | "rd" | "th"))
                        {
                            i += 1;
                        }
                    }
                    _ => return Err(Failure::NoMatch),
                }
            }
            Tok::Word(w) => {
                if let Some(m) = month_number(w) {
                    set_once(&mut month, m)?;
                    i += 1;
                    // Mar. 2016, Sept. 2017
                    if tokens.get(i) == Some(&Tok::Punct('.')) && w.len() <= 4 {
                        i += 1;
                    }
                } else if let Some(p) = english_part(w) {
                    set_part(&mut part, p)?;
                    i += 1;
                    if tokens.get(i) == Some(&Tok::Punct('-')) {
                        i += 1; // mid-2018, mid-October
                    }
                } else if (w == "first" || w == "second") && is_word(next, "half") {
                    let half = if w == "first" {
                        Part::FirstHalf
                    } else {
                        Part::SecondHalf
                    };
                    set_part(&mut part, half)?;
                    i += 2;
                } else if w == "the" || w == "of" {
                    i += 1;
                } else {
                    return Err(Failure::NoMatch);
                }
            }
            Tok::Punct(',') => i += 1,
            Tok::Han(c) => {
                let rest = &tokens[i..];
                if starts_with_han(rest, "上半年") || starts_with_han(rest, "下半年") {
                    let half = if *c == '上' {
                        Part::FirstHalf
                    } else {
                        Part::SecondHalf
                    };
                    set_part(&mut part, half)?;
                    i += 3;
                } else if starts_with_han(rest, "上旬")
                    || starts_with_han(rest, "中旬")
                    || starts_with_han(rest, "下旬")
                {
                    // 旬 belong to a month.
                    if month.is_none() {
                        return Err(Failure::NoMatch);
                    }
                    let p = match c {
                        '上' => Part::Early,
                        '中' => Part::Mid,
                        _ => Part::Late,
                    };
                    set_part(&mut part, p)?;
                    i += 2;
                } else if matches!(c, '初' | '中' | '底' | '末') {
                    // 年初, 12月底: the part of the unit just named.
                    if !matches!(
                        i.checked_sub(1).map(|k| &tokens[k]),
                        Some(Tok::Han('年' | '月'))
                    ) {
                        return Err(Failure::NoMatch);
                    }
                    let p = match c {
                        '初' => Part::Early,
                        '中' => Part::Mid,
                        _ => Part::Late,
                    };
                    set_part(&mut part, p)?;
                    i += 1;
                } else if matches!(c, '年' | '月')
                    && matches!(tokens.get(i + 1), Some(Tok::Han('初' | '中' | '底' | '末')))
                    && matches!(
                        i.checked_sub(1).map(|k| &tokens[k]),
                        Some(Tok::Han('年' | '月'))
                    )
                {
                    // 2014年年底, 2017年12月月底: the unit said again before its part.
                    i += 1;
                } else {
                    return Err(Failure::NoMatch);
                }
            }
            _ => return Err(Failure::NoMatch),
        }
    }
    if part.is_some() && day.is_some() {
        return Err(Failure::NoMatch);
    }
    let out = Partial {
        year: year.map(|y| y as i32),
        month,
        day,
        part,
    };
    if out == Partial::default() {
        return Err(Failure::NoMatch);
    }
    Ok(out)
}

/// `2016-03-14`, `2016/3/14`, `2016-03` at the start of `tokens`: how many tokens it took.
fn iso_date(
    tokens: &[Tok],
    year: &mut Option<u32>,
    month: &mut Option<u32>,
    day: &mut Option<u32>,
) -> Option<usize> {
    let Some(Tok::Num { value: y, .. }) = tokens.first() else {
        return None;
    };
    let part = |k: usize, sep: char| match (tokens.get(k), tokens.get(k + 1)) {
        (Some(Tok::Punct(s)), Some(Tok::Num { value, digits }))
            if *s == sep && (1..=2).contains(digits) =>
        {
            Some(*value)
        }
        _ => None,
    };
    let sep = match tokens.get(1) {
        Some(Tok::Punct(s @ ('-' | '/' | '.'))) => *s,
        _ => return None,
    };
    let m = part(1, sep)?;
    let d = part(3, sep);
    // 2016.03 and 2016/03 are too unlike a month to guess at; 2016-03 is ISO.
    if (d.is_none() && sep != '-') || year.is_some() || month.is_some() || day.is_some() {
        return None;
    }
    *year = Some(*y);
    *month = Some(m);
    *day = d;
    Some(if d.is_some() { 5 } else { 3 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(input: &str) -> (Option<String>, Option<String>) {
        let time = parse_time(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(time.label, input.trim());
        (time.earliest, time.latest)
    }

    fn is(input: &str, earliest: &str, latest: &str) {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        assert_eq!(range(input), (some(earliest), some(latest)), "{input}");
    }

    #[test]
    fn years_months_and_days_in_english_and_iso() {
        is("2016", "2016-01-01", "2016-12-31");
        is("  2016 ", "2016-01-01", "2016-12-31");
        is("2016-03-14", "2016-03-14", "2016-03-14");
        is("2016/3/14", "2016-03-14", "2016-03-14");
        is("2016-03", "2016-03-01", "2016-03-31");
        is("March 2016", "2016-03-01", "2016-03-31");
        is("Mar. 2016", "2016-03-01", "2016-03-31");
        is("Sept 2017", "2017-09-01", "2017-09-30");
        is("march, 2016", "2016-03-01", "2016-03-31");
        is("14 March 2016", "2016-03-14", "2016-03-14");
        is("14th March, 2016", "2016-03-14", "2016-03-14");
        is("the 14th of March 2016", "2016-03-14", "2016-03-14");
        is("March 14, 2016", "2016-03-14", "2016-03-14");
        is("March 14th 2016", "2016-03-14", "2016-03-14");
        is("in May 2017", "2017-05-01", "2017-05-31");
        is("on 8 September 2015", "2015-09-08", "2015-09-08");
        is("２０１６年３月", "2016-03-01", "2016-03-31");
    }

    #[test]
    fn parts_of_months_and_years() {
        is("early October 2019", "2019-10-01", "2019-10-10");
        is("mid October 2019", "2019-10-11", "2019-10-20");
        is("mid-October 2019", "2019-10-11", "2019-10-20");
        is("late October 2019", "2019-10-21", "2019-10-31");
        is("late February 2016", "2016-02-21", "2016-02-29");
        is("late February 2015", "2015-02-21", "2015-02-28");
        is("early 2018", "2018-01-01", "2018-04-30");
        is("mid-2018", "2018-05-01", "2018-08-31");
        is("late 2017", "2017-09-01", "2017-12-31");
        is("the end of 2017", "2017-09-01", "2017-12-31");
        is("the beginning of 2018", "2018-01-01", "2018-04-30");
        is("end of December 2018", "2018-12-21", "2018-12-31");
        is("first half of 2017", "2017-01-01", "2017-06-30");
        is("second half of 2017", "2017-07-01", "2017-12-31");
    }

    #[test]
    fn open_times() {
        is("before 1997", "", "1996-12-31");
        is("prior to March 2016", "", "2016-02-29");
        is("before 1 March 2015", "", "2015-02-28");
        is("after 2015", "2016-01-01", "");
        is("after 31 December 2015", "2016-01-01", "");
        is("since 2015", "2015-01-01", "");
        is("from 2015", "2015-01-01", "");
        is("until May 2017", "", "2017-05-31");
        is("up to 2017", "", "2017-12-31");
    }

    #[test]
    fn ranges_in_english() {
        for input in [
            "2016–2018",
            "2016-2018",
            "2016 - 2018",
            "2016 to 2018",
            "between 2016 and 2018",
            "from 2016 to 2018",
            "2016 through 2018",
            "2016..2018",
            "2016~2018",
        ] {
            is(input, "2016-01-01", "2018-12-31");
        }
        is("2016-03-13..2016-03-16", "2016-03-13", "2016-03-16");
        is("2016-03-13–2016-03-16", "2016-03-13", "2016-03-16");
        is("2016-03-13..16", "2016-03-13", "2016-03-16");
        is("13 to 16 March 2016", "2016-03-13", "2016-03-16");
        is("from 13 to 16 March 2016", "2016-03-13", "2016-03-16");
        is("13–16 March 2016", "2016-03-13", "2016-03-16");
        is("March 13–16, 2016", "2016-03-13", "2016-03-16");
        is("March to May 2016", "2016-03-01", "2016-05-31");
        is("late April 2016 to early 2017", "2016-04-21", "2017-04-30");
        is("between 2015 and 2017", "2015-01-01", "2017-12-31");
    }

    #[test]
    fn chinese_forms() {
        is("2016年", "2016-01-01", "2016-12-31");
        is("2016年3月", "2016-03-01", "2016-03-31");
        is("2016年3月14日", "2016-03-14", "2016-03-14");
        is("2016年3月14号", "2016-03-14", "2016-03-14");
        is("二〇一七年五月", "2017-05-01", "2017-05-31");
        is("二〇一七年五月十四日", "2017-05-14", "2017-05-14");
        is("二零一九年十一月二十日", "2019-11-20", "2019-11-20");
        is("2018年十月上旬", "2018-10-01", "2018-10-10");
        is("2018年十月中旬", "2018-10-11", "2018-10-20");
        is("2018年十月下旬", "2018-10-21", "2018-10-31");
        is("2016年4月下旬", "2016-04-21", "2016-04-30");
        is("2014年初", "2014-01-01", "2014-04-30");
        is("2014年底", "2014-09-01", "2014-12-31");
        is("2014年末", "2014-09-01", "2014-12-31");
        is("2014年年底", "2014-09-01", "2014-12-31");
        is("2018年中", "2018-05-01", "2018-08-31");
        is("2017年12月底", "2017-12-21", "2017-12-31");
        is("2017年2月初", "2017-02-01", "2017-02-10");
        is("2017年上半年", "2017-01-01", "2017-06-30");
        is("2017年下半年", "2017-07-01", "2017-12-31");
        is("在2017年5月期间", "2017-05-01", "2017-05-31");
        is("２０１６年３月１４日", "2016-03-14", "2016-03-14");
    }

    #[test]
    fn chinese_open_times_and_ranges() {
        is("1997年以前", "", "1996-12-31");
        is("1997年之前", "", "1996-12-31");
        is("1997年前", "", "1996-12-31");
        is("2015年以后", "2016-01-01", "");
        is("2015年之后", "2016-01-01", "");
        is("2015年以来", "2015-01-01", "");
        is("自2015年以来", "2015-01-01", "");
        is("2015年起", "2015-01-01", "");
        is("截至2017年5月", "", "2017-05-31");
        is("到2017年底为止", "", "2017-12-31");
        is("2016年至2018年间", "2016-01-01", "2018-12-31");
        is("2016年至2018年之间", "2016-01-01", "2018-12-31");
        is("2016年到2018年", "2016-01-01", "2018-12-31");
        is("从2016年到2018年", "2016-01-01", "2018-12-31");
        is("2015年至2017年间", "2015-01-01", "2017-12-31");
        is("2016年3月13日至16日", "2016-03-13", "2016-03-16");
        is("2016年3月至5月", "2016-03-01", "2016-05-31");
        is("2016年3月13日—2016年3月16日", "2016-03-13", "2016-03-16");
    }

    #[test]
    fn leap_years() {
        is("2016-02-29", "2016-02-29", "2016-02-29");
        is("29 February 2000", "2000-02-29", "2000-02-29");
        is("2016年2月", "2016-02-01", "2016-02-29");
        is("February 2100", "2100-02-01", "2100-02-28");
        is("before 1 March 2016", "", "2016-02-29");
        is("after February 2016", "2016-03-01", "");
        for input in ["2015-02-29", "29 February 1900", "2019年2月29日"] {
            match parse_time(input) {
                Err(TimeError::NotInCalendar { reason, .. }) => {
                    assert!(reason.contains("not a leap year"), "{input}: {reason}")
                }
                other => panic!("{input}: {other:?}"),
            }
        }
    }

    #[test]
    fn refusals_quote_the_input_and_say_what_is_expected() {
        let err = parse_time("Octember 2019").unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read \"Octember 2019\" as a time: expected a year, a month and year, a \
date, 'early/mid/late' + month, 'before/after' + time, or a range 'A to B'"
        );
        for input in [
            "三天后",
            "大约五年前",
            "the next morning",
            "16",
            "March",
            "early October",
            "14 2016",
            "2016 2017",
            "16年",
            "2016年3月上旬14日",
            "1997年以前以后",
            "before",
            "between 2016 to 2018",
            "2016.03",
            "🙂 2016",
        ] {
            match parse_time(input) {
                Err(TimeError::Unreadable { input: quoted }) => assert_eq!(quoted, input),
                other => panic!("{input}: {other:?}"),
            }
        }
        assert_eq!(parse_time("  "), Err(TimeError::Empty));
        let err = parse_time("2016-13").unwrap_err();
        assert!(
            matches!(&err, TimeError::NotInCalendar { reason, .. } if reason.contains("no month 13")),
            "{err:?}"
        );
        assert_eq!(
            parse_time("31 April 2016").unwrap_err().to_string(),
            "\"31 April 2016\" is not a day of the calendar: April 2016 has 30 days"
        );
        assert!(matches!(
            parse_time("2016年2月30日"),
            Err(TimeError::NotInCalendar { .. })
        ));
        assert_eq!(
            parse_time("2018 to 2016").unwrap_err().to_string(),
            "the range \"2018 to 2016\" ends (2016-12-31) before it starts (2018-01-01)"
        );
    }

    #[test]
    fn overlap_of_claimed_times() {
        let t = |s: &str| parse_time(s).unwrap();
        // Statement: left in early October 2018; notice: dismissed 29 December 2017.
        assert!(!t("2018年十月上旬").overlaps(&t("2017年12月29日")));
        // 14 March 2016 against 13–16 March 2016.
        assert!(t("2016年3月14日").overlaps(&t("2016年3月13日至16日")));
        assert!(t("before 1997").overlaps(&t("1990")));
        assert!(!t("before 1997").overlaps(&t("after 1996")));
        assert!(t("since 2015").overlaps(&t("after 2016")));
    }

    #[test]
    fn serialises_with_iso_dates() {
        let json = serde_json::to_string(&parse_time("before 1997").unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"label":"before 1997","earliest":null,"latest":"1996-12-31"}"#
        );
        let back: FuzzyTime = serde_json::from_str(&json).unwrap();
        assert_eq!(back.latest.as_deref(), Some("1996-12-31"));
    }
}
