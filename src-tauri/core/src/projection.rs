//! Projection of a mention across the alignment: the analyst accepts a mention on one side
//! of a bead (渭川市公安局 in its Chinese sentences, say) and [`project`] proposes the span
//! that says the same on the other side of that bead ("Weichuan Municipal Public Security
//! Bureau").
//!
//! Three sources of evidence are tried in order of trust, and the first that gives an
//! answer wins:
//!
//! 1. **Alias** — one of the entity's names in the target language occurs in the target
//!    text (ignoring case, full/half width, traditional/simplified characters and Latin
//!    diacritics; whole words only for Latin names). The longest name found wins, and among
//!    its occurrences the one nearest the mention's relative position in the bead.
//! 2. **Link** — span links of the bead whose source side lies in the mention (or mostly)
//!    give the union of their target spans (of the closest-knit group of them, when they
//!    point to different places). When they cover only part of the mention, the span grows
//!    over neighbouring target words that match the uncovered words' keys and over the rest
//!    of the name: in English the capitalised phrase (a link 公安局 → "Public Security
//!    Bureau" for the mention 渭川市公安局 gives "Weichuan Municipal Public Security
//!    Bureau"), in Chinese neighbouring name-like words (嘉朗 before 贸易有限公司). A link
//!    that covers more than the mention narrows the search of (3) to its target span.
//! 3. **Keys** — the words of the mention and of the target meet in the aligner's key space
//!    (`align::keys`: CC-CEDICT glosses, pinyin with every surname reading, numbers), with
//!    some additions: joined pinyin over runs of short name-like Chinese words (仇/敩/林 meets
//!    "Qiu Xiaolin", 司马/𠮷/祥 "Sima Jixiang"), two-word English names ("Shan Qian"), month
//!    names and date parts (上旬 "early", 年底 "the end of"), amounts ("3.2 million" =
//!    三百二十万), administrative suffixes (渭川市 "Weichuan City"), abbreviations ("Co.,
//!    Ltd."), and the first six letters of stems, which the stemmer leaves apart
//!    ("administer"/"administration"). Chinese numbers are re-cut out of jieba's words
//!    (二/〇/一/七年 → 二〇一七/年) and Latin words out of Chinese text
//!    (QL-JS-2016-031 → QL, JS, 2016, 031) so that both sides count alike.
//!
//!    Among the contiguous target windows that do not cross a sentence end, brackets or
//!    quotes, the best covers most of the mention's word weight with the fewest unmatched
//!    content words inside; then the one whose words the mention explains best (the longest
//!    run of target words matching one source word: "Shan Qian" rather than "Shan" for
//!    单骞); then the shortest; then the one clearly nearer the mention's relative position
//!    (by more than a tenth of the bead); then the one matched through words with fewer
//!    senses (深圳 "Shenzhen" rather than 福田区, glossed "Futian district of Shenzhen
//!    city"); then the nearer.
//!
//! Whatever the source, the span is trimmed of punctuation and function words at its edges
//! ("the", "of"; 的, 在), dates keep their units (2016年3月14日), English organisation names
//! run on through "of"/"and" while they match ("Guanzhong University of Science and
//! Technology"), and the span never leaves the target text. When the evidence is thin (a key
//! window covering less than 60% of the mention, say) the answer is `None` rather than a
//! guess: transliterated foreign names (布伦德利 / Brändli) and Cantonese spellings (麦颖琛 /
//! Mak Wing-sum) need the entity's names.
//!
//! All offsets are code points, start inclusive, end exclusive; spans in and out are in text
//! offsets (the bead's texts start at `source_offset` / `target_offset`).

use std::ops::Range;

use pinyin::ToPinyinMulti;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::align::keys::{self, KeySpace};
use crate::lang::Lang;
use crate::segment::Segmenter;

/// What [`project`] needs to know about one mention and its bead.
#[derive(Debug, Clone)]
pub struct ProjectionInput<'a> {
    /// The language of the mention.
    pub source_lang: Lang,
    /// The bead's text on the source side (its sentences joined as they stand in the text)
    /// and where it starts in the text.
    pub source_text: &'a str,
    pub source_offset: usize,
    /// The bead's text on the target side and where it starts in the text.
    pub target_text: &'a str,
    pub target_offset: usize,
    /// The mention, in text offsets.
    pub span: Range<usize>,
    /// Span links of this bead (accepted or suggested), in text offsets: (zh range, en range).
    pub links: &'a [(Range<usize>, Range<usize>)],
    /// Names of the mention's entity in the target language (preferred name + aliases), if
    /// it has one.
    pub target_names: &'a [String],
}

/// Where the projected span came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionReason {
    /// One of the entity's target-language names occurs in the target text.
    Alias,
    /// Span links of the bead cover the mention.
    Link,
    /// Dictionary glosses of the mention's words (and identical Latin words).
    Dictionary,
    /// The pinyin of Chinese names against romanised names.
    Pinyin,
    /// Numbers, dates and amounts (and identical codes with digits, QL-JS-2016-031).
    Number,
}

impl ProjectionReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectionReason::Alias => "alias",
            ProjectionReason::Link => "link",
            ProjectionReason::Dictionary => "dictionary",
            ProjectionReason::Pinyin => "pinyin",
            ProjectionReason::Number => "number",
        }
    }
}

/// A proposed counterpart of a mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// Text offsets on the target side, inside the target text of the bead.
    pub span: Range<usize>,
    pub reason: ProjectionReason,
    /// How much to trust it, 0–1: 0.9–0.95 for an alias, 0.6–0.9 for links (by how much of
    /// the mention they cover), 0.55–0.8 for keys (by the window's coverage and precision).
    pub score: f32,
}

/// Alias matches: one occurrence of the name, or one of several.
const ALIAS_SCORE: f32 = 0.95;
const ALIAS_AMBIGUOUS_SCORE: f32 = 0.9;
/// Links must cover this share of the mention's characters to be used.
const MIN_LINK_COVERAGE: f32 = 0.3;
/// A key window must cover this share of the mention's word weight…
const MIN_KEY_COVERAGE: f32 = 0.6;
/// …and score at least this (coverage × (½ + ½ precision)).
const MIN_KEY_SCORE: f32 = 0.5;

/// Propose the counterpart of `input.span` on the other side of its bead, or `None` when
/// there is no good evidence (or the input is inconsistent: a span outside the source text,
/// an empty target text).
pub fn project(segmenter: &Segmenter, input: &ProjectionInput) -> Option<Projection> {
    let source_chars: Vec<char> = input.source_text.chars().collect();
    let target_chars: Vec<char> = input.target_text.chars().collect();
    let (source_len, target_len) = (source_chars.len(), target_chars.len());
    let span = &input.span;
    if span.start >= span.end
        || span.start < input.source_offset
        || span.end > input.source_offset + source_len
        || target_len == 0
    {
        return None;
    }
    let mention_range = span.start - input.source_offset..span.end - input.source_offset;
    let mention: String = source_chars[mention_range.clone()].iter().collect();
    if !mention.chars().any(char::is_alphanumeric) {
        return None;
    }
    let position = (mention_range.start + mention_range.end) as f32 / 2.0 / source_len as f32;
    let to_text = |range: Range<usize>| {
        let range = range.start.min(target_len)..range.end.min(target_len);
        (!range.is_empty())
            .then(|| input.target_offset + range.start..input.target_offset + range.end)
    };

    if let Some((range, several)) = find_alias(&target_chars, input.target_names, position) {
        return Some(Projection {
            span: to_text(range)?,
            reason: ProjectionReason::Alias,
            score: if several {
                ALIAS_AMBIGUOUS_SCORE
            } else {
                ALIAS_SCORE
            },
        });
    }

    let target_lang = match input.source_lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let mut space = KeySpace::default();
    let source = Side::build(segmenter, input.source_lang, &mention, &mut space);
    let target = Side::build(segmenter, target_lang, input.target_text, &mut space);
    if source.tokens.is_empty() || target.tokens.is_empty() {
        return None;
    }
    let matches = Matches::new(&source, &target, &space);
    let context = Context {
        target_chars: &target_chars,
        source: &source,
        target: &target,
        matches: &matches,
        position,
    };
    let links = bead_links(input, &mention_range, target_len);
    let (range, reason, score) = context
        .by_links(&links, &mention_range)
        .or_else(|| context.by_keys(0..target.tokens.len()))?;
    Some(Projection {
        span: to_text(range)?,
        reason,
        score,
    })
}

// ---------------------------------------------------------------------------------------
// (1) Aliases

/// One character as name matching sees it: lowercase, half width, simplified, without
/// diacritics; always exactly one character, so offsets carry over.
fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '’' | '‘' | '`' => '\'',
        '‐' | '‑' | '–' | '—' => '-',
        _ => c,
    };
    let mut lower = c.to_lowercase();
    let c = match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    };
    let c = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => c,
    };
    if keys::is_han(c) && (c as u32) <= 0xFFFF {
        // fast2s maps three-byte characters one for one.
        let mut buf = [0u8; 4];
        let simplified = fast2s::convert(c.encode_utf8(&mut buf));
        let mut chars = simplified.chars();
        if let (Some(s), None) = (chars.next(), chars.next()) {
            return s;
        }
    }
    c
}

fn is_latin_alnum(c: char) -> bool {
    c.is_alphanumeric() && !keys::is_han(c)
}

/// The longest of `names` found in `target` (a code-point range), the occurrence nearest
/// `position`, and whether that name occurs more than once.
fn find_alias(target: &[char], names: &[String], position: f32) -> Option<(Range<usize>, bool)> {
    let text: Vec<char> = target.iter().copied().map(fold_char).collect();
    // (length, distance, range, occurrences of names of that length)
    let mut best: Option<(usize, f32, Range<usize>, usize)> = None;
    let mut seen: Vec<Range<usize>> = Vec::new();
    for name in names {
        let name: Vec<char> = name.trim().chars().map(fold_char).collect();
        if name.is_empty() || name.len() > text.len() {
            continue;
        }
        // Latin names match whole words only ("Ka Long" is not in "Ka Longwei").
        let check_start = is_latin_alnum(name[0]);
        let check_end = is_latin_alnum(name[name.len() - 1]);
        for start in 0..=text.len() - name.len() {
            let end = start + name.len();
            if text[start..end] != name[..]
                || (check_start && start > 0 && is_latin_alnum(text[start - 1]))
                || (check_end && end < text.len() && is_latin_alnum(text[end]))
                || seen.contains(&(start..end))
            {
                continue;
            }
            seen.push(start..end);
            let distance = ((start + end) as f32 / 2.0 / text.len() as f32 - position).abs();
            best = match best {
                Some((len, d, range, n)) if len > name.len() => Some((len, d, range, n)),
                Some((len, d, range, n)) if len == name.len() => {
                    if distance < d {
                        Some((len, distance, start..end, n + 1))
                    } else {
                        Some((len, d, range, n + 1))
                    }
                }
                _ => Some((name.len(), distance, start..end, 1)),
            };
        }
    }
    best.map(|(_, _, range, n)| (range, n > 1))
}

// ---------------------------------------------------------------------------------------
// Words, keys and units

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A word that says something.
    Content,
    /// A number.
    Number,
    /// 年/月/日/号/元 after a number: part of a date or amount, no evidence of its own.
    DateUnit,
    /// A function word (the, of; 的, 在): weighs little, never starts or ends a span.
    Function,
    /// Punctuation (Chinese tokens only; English punctuation lies between tokens).
    Punct,
}

#[derive(Debug, Clone)]
struct Token {
    /// Code points in the side's text.
    start: usize,
    end: usize,
    /// The text as written.
    text: String,
    kind: Kind,
    /// Chinese: jieba's part of speech ("" in English).
    pos: &'static str,
    /// Share of the mention's evidence (source side).
    weight: f32,
    /// English: starts with a capital letter and is no function word.
    capitalised: bool,
    /// Only whitespace or a hyphen separates it from the previous token (English), or
    /// nothing (Chinese).
    joined_to_previous: bool,
    /// The text between the previous token and this one.
    gap_before: String,
    /// Chinese: a name or a word CC-CEDICT lacks (嘉朗, 贝尔/瑙, 翀).
    name_like: bool,
}

/// A run of consecutive tokens (often one) with the keys it has as a whole.
#[derive(Debug, Clone)]
struct Unit {
    first: usize,
    last: usize,
    keys: Vec<u32>,
}

#[derive(Debug)]
struct Side {
    lang: Lang,
    tokens: Vec<Token>,
    units: Vec<Unit>,
}

/// Chinese words that English renders with a word their glosses miss (dates above all:
/// 上旬 is "early", 年底 "the end of"; 所 in 十四所 is "Institute").
const ZH_EXTRA_GLOSSES: &[(&str, &str)] = &[
    ("上旬", "early"),
    ("中旬", "mid middle"),
    ("下旬", "late"),
    ("初", "early beginning start"),
    ("年初", "early beginning start"),
    ("月初", "early beginning start"),
    ("底", "end late"),
    ("末", "end late"),
    ("年底", "end late"),
    ("年末", "end late"),
    ("月底", "end late"),
    ("月末", "end late"),
    ("以前", "before"),
    ("之前", "before"),
    ("以后", "after"),
    ("之后", "after"),
    ("间", "between"),
    ("之间", "between"),
    ("期间", "between during"),
    ("年间", "between"),
    ("所", "institute"),
    ("处", "division office department"),
    ("科", "section"),
    ("局", "bureau"),
    ("我局", "bureau"),
    ("本局", "bureau"),
    ("委", "commission committee"),
    ("区", "district zone"),
    ("高新", "high tech"),
    ("高新区", "high tech zone"),
    ("暂行", "interim provisional temporary"),
    ("室", "laboratory office room"),
    ("研究室", "research laboratory"),
    ("院", "school college institute academy court"),
    ("人民币", "RMB yuan"),
    ("美元", "dollars USD"),
    ("元", "yuan"),
];

/// Units that belong to the number before them and say nothing of their own in English
/// (2016年3月14日, 人民币五万元, 2016年度).
const ZH_NUMBER_UNITS: &[&str] = &["年", "月", "日", "号", "元", "年度", "万元"];

/// Generic heads that translations often leave out (鑫源公司 is just "Xinyuan"): they weigh
/// half in a mention.
const ZH_GENERIC_HEADS: &[&str] = &["公司", "集团"];

/// Characters jieba glues onto the front of a name it does not know (由德信, 以嘉朗, 经渭川市,
/// 而鑫源): prepositions and conjunctions, cut off again.
const ZH_LEADING_PARTICLES: &[char] = &[
    '由', '以', '经', '而', '在', '从', '向', '与', '和', '被', '把', '对', '将', '于', '自', '给',
];

/// Suffixes of place names and their English words: 渭川市 is "Weichuan City" (or
/// "Municipal" in an organisation's name), 深圳湾 "Shenzhen Bay".
const PLACE_SUFFIXES: &[(char, &str)] = &[
    ('市', "city municipal"),
    ('省', "province provincial"),
    ('县', "county"),
    ('区', "district zone"),
    ('镇', "town"),
    ('乡', "township"),
    ('村', "village"),
    ('州', "prefecture"),
    ('湾', "bay"),
    ('港', "port harbour"),
    ('岛', "island"),
    ('河', "river"),
    ('湖', "lake"),
    ('山', "mountain"),
];

/// One-character heads of Chinese organisation names that complete a span on the right
/// (管理 + 局, 采购 + 处).
const ZH_ORG_HEADS: &[&str] = &[
    "局", "处", "所", "院", "部", "厅", "委", "会", "司", "科", "室", "行",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(lower: &str) -> Option<usize> {
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(lower)))
        .map(|i| i + 1)
}

/// Words no span starts or ends with.
const EN_EDGE_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "that", "this", "its", "his", "her", "their", "which", "who", "whose",
];

/// Function words inside names: "University of Science and Technology".
const EN_CONNECTORS: &[&str] = &["of", "and", "for", "the", "on", "&"];

/// Head words of English organisation names, after which a name goes on through "of"/"and"
/// ("Guanzhong University of Science and Technology").
const EN_NAME_HEADS: &[&str] = &[
    "university",
    "institute",
    "commission",
    "committee",
    "bureau",
    "ministry",
    "department",
    "office",
    "administration",
    "agency",
    "association",
    "council",
    "court",
    "school",
    "college",
    "academy",
    "laboratory",
    "centre",
    "center",
    "company",
    "corporation",
    "bank",
    "registry",
    "division",
    "provisions",
    "regulations",
    "declaration",
    "decision",
    "republic",
    "federation",
    "union",
    "society",
    "foundation",
    "group",
];

/// Abbreviations whose period belongs to the name ("Co., Ltd.", "No. 14"), or that do not
/// end a sentence ("Dr. Brändli").
const EN_ABBREVIATIONS: &[&str] = &[
    "co", "ltd", "inc", "corp", "no", "st", "jr", "sr", "dr", "mr", "mrs", "ms", "prof",
];

/// Abbreviations in names and what they stand for.
const EN_ABBREVIATION_WORDS: &[(&str, &str)] = &[
    ("co", "company"),
    ("ltd", "limited"),
    ("inc", "incorporated"),
    ("corp", "corporation"),
    ("dept", "department"),
    ("govt", "government"),
    ("intl", "international"),
    ("univ", "university"),
    ("u.s", "american america"),
    ("us", "american america"),
];

const EN_MAGNITUDES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
];

fn is_zh_function(pos: &str, word: &str) -> bool {
    let n = word.chars().count();
    n <= 2
        && (pos.starts_with('u')
            || pos == "p"
            || pos == "c"
            || pos.starts_with('y')
            || pos == "e"
            || (pos == "r" && n == 1))
}

fn is_name_pos(pos: &str) -> bool {
    pos.starts_with("nr") || pos == "ns" || pos == "nz" || pos == "x" || pos.ends_with('g')
}

/// Readings of one character for joined pinyin: the plain readings of the pinyin crate,
/// and for the few characters it lacks, those of the character they are variants of.
fn readings(c: char) -> Vec<String> {
    // 𠮷 (U+20BB7) is the "土" form of 吉 in names (司马𠮷祥).
    const VARIANTS: &[(char, char)] = &[('𠮷', '吉')];
    let c = VARIANTS
        .iter()
        .find(|(v, _)| *v == c)
        .map_or(c, |(_, base)| *base);
    let mut out: Vec<String> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi.into_iter() {
            let plain = p.plain().to_string();
            if !out.contains(&plain) {
                out.push(plain);
            }
        }
    }
    out.truncate(3);
    out
}

/// Every joined pinyin spelling of `text` (all Han), at most 32: 单骞 → danqian, chanqian,
/// shanqian.
fn joined_pinyin(text: &str) -> Vec<String> {
    let mut spellings = vec![String::new()];
    for c in text.chars() {
        let options = readings(c);
        if options.is_empty() {
            return Vec::new();
        }
        let mut next = Vec::new();
        for prefix in &spellings {
            for option in &options {
                if next.len() < 32 {
                    next.push(format!("{prefix}{option}"));
                }
            }
        }
        spellings = next;
    }
    spellings
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "〇零一二三四五六七八九十百千万亿两".contains(c)
}

/// The value of a Chinese or Arabic number word, with thousands separators allowed.
fn number_of(word: &str) -> Option<u64> {
    if word.contains(',') {
        let digits: String = word.chars().filter(|c| *c != ',').collect();
        return digits
            .chars()
            .all(|c| c.is_ascii_digit())
            .then(|| digits.parse().ok())
            .flatten();
    }
    keys::number_value(word)
}

/// 第十四, 十四所: a number (after 第) and what follows it.
fn numeral_prefix(word: &str) -> Option<(u64, &str)> {
    let rest = word.strip_prefix('第').unwrap_or(word);
    let end = rest
        .char_indices()
        .find(|(_, c)| !is_numeral(*c))
        .map_or(rest.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    Some((number_of(&rest[..end])?, &rest[end..]))
}

fn extra_glosses(word: &str, out: &mut Vec<String>) {
    let mut scratch = Vec::new();
    for (zh, en) in ZH_EXTRA_GLOSSES {
        if *zh == word {
            for e in en.split(' ') {
                keys::en_word_keys(e, &mut scratch);
                out.append(&mut scratch);
            }
        }
    }
}

fn zh_word_keys(word: &str, pos: &str, out: &mut Vec<String>) {
    let mut scratch = Vec::new();
    if let Some(value) = number_of(word) {
        out.push(format!("={value}"));
        return;
    }
    if word.is_ascii() {
        keys::en_word_keys(word, &mut scratch);
        out.append(&mut scratch);
        out.push(format!("#{}", word.to_lowercase()));
        return;
    }
    extra_glosses(word, out);
    if word.chars().count() >= 3 {
        if let Some((_, en)) = PLACE_SUFFIXES.iter().find(|(c, _)| word.ends_with(*c)) {
            for e in en.split(' ') {
                keys::en_word_keys(e, &mut scratch);
                out.append(&mut scratch);
            }
        }
    }
    let known = keys::dictionary_keys(word);
    let name_like = is_name_pos(pos) || known.is_none();
    match known {
        Some(found) => out.extend(found),
        None => {
            if let Some((value, rest)) = numeral_prefix(word) {
                out.push(format!("={value}"));
                if !rest.is_empty() {
                    zh_word_keys(rest, "n", out);
                }
                return;
            }
            // A compound CC-CEDICT lacks: its characters' senses, unless it is a name.
            let chars: Vec<char> = word.chars().collect();
            if chars.len() > 1 && !is_name_pos(pos) {
                for c in chars {
                    if let Some(found) = keys::dictionary_keys(c.encode_utf8(&mut [0; 4])) {
                        out.extend(found.into_iter().take(8));
                    }
                }
            }
        }
    }
    keys::pinyin_keys(word, out);
    if name_like && word.chars().all(keys::is_han) {
        // Every stretch of the name, joined: 欧阳翀 → ouyang, chong, ouyangchong, …
        let chars: Vec<char> = word.chars().collect();
        if chars.len() <= 4 {
            for i in 0..chars.len() {
                for j in i + 1..=chars.len() {
                    let part: String = chars[i..j].iter().collect();
                    out.extend(joined_pinyin(&part).into_iter().map(|p| format!("#{p}")));
                }
            }
        }
    }
}

fn en_keys(word: &str, out: &mut Vec<String>) {
    let mut scratch = Vec::new();
    keys::en_word_keys(word, &mut scratch);
    out.append(&mut scratch);
    let lower = word.to_lowercase();
    if let Some((_, full)) = EN_ABBREVIATION_WORDS.iter().find(|(a, _)| *a == lower) {
        keys::en_word_keys(full, &mut scratch);
        out.append(&mut scratch);
    }
    let folded: String = word.chars().map(fold_char).collect();
    if folded != lower {
        // Zürich → zurich as well.
        keys::en_word_keys(&folded, &mut scratch);
        out.append(&mut scratch);
        if word.chars().next().is_some_and(char::is_uppercase) {
            out.push(format!("#{folded}"));
        }
    }
    if word.len() >= 3 {
        if let Some(month) = month_of(&lower) {
            out.push(format!("={month}"));
        }
    }
}

/// Key ids of `strings` (which it empties), sorted; every stem of six letters or more also
/// gives its first six letters ("p:admini" for both "administ" and "administr").
fn ids(strings: &mut Vec<String>, space: &mut KeySpace) -> Vec<u32> {
    let mut ids: Vec<u32> = Vec::with_capacity(strings.len() * 2);
    for key in strings.drain(..) {
        if let Some(stem) = key.strip_prefix("w:") {
            if stem.chars().count() >= 6 && stem.chars().all(|c| c.is_ascii_alphabetic()) {
                ids.push(space.id(&format!("p:{}", &stem[..6])));
            }
        }
        ids.push(space.id(&key));
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// jieba's words re-cut so that both languages count alike: Latin runs split as English
/// splits them (QL-JS-2016-031 → QL, -, JS, …), numbers cut out whole (二/〇/一/七年 →
/// 二〇一七/年, 1/,/250/,/000 → 1,250,000, 十四所 → 十四/所), and compounds CC-CEDICT lacks
/// cut into the longest words it has (财务处 → 财务/处). Each piece: (start, end, pos).
fn recut(text: &[char], words: &[crate::segment::ZhWord]) -> Vec<(usize, usize, &'static str)> {
    // Latin runs.
    let mut pieces: Vec<(usize, usize, &'static str)> = Vec::with_capacity(words.len());
    for word in words {
        let original: String = text[word.start..word.end].iter().collect();
        if original.is_ascii() && original.unicode_words().nth(1).is_some() {
            let mut at = word.start;
            for piece in original.split_word_bounds() {
                let len = piece.chars().count();
                if !piece.trim().is_empty() {
                    let pos = if piece.chars().any(char::is_alphanumeric) {
                        "eng"
                    } else {
                        "x"
                    };
                    pieces.push((at, at + len, pos));
                }
                at += len;
            }
        } else {
            pieces.push((word.start, word.end, word.pos));
        }
    }
    // Numbers: runs of numerals (after an optional 第; commas and points between digits),
    // of two characters or more or with a digit, not inside a Latin word (E37158264).
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let start = i;
        if text[i] == '第' && text.get(i + 1).is_some_and(|c| is_numeral(*c)) {
            i += 1;
        }
        let digits_from = i;
        while i < text.len()
            && (is_numeral(text[i])
                || (matches!(text[i], ',' | '.')
                    && i > digits_from
                    && text[i - 1].is_ascii_digit()
                    && text.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            i += 1;
        }
        if i == digits_from {
            i = start + 1;
            continue;
        }
        let run = start..i;
        let latin_neighbour = (start > 0 && text[start - 1].is_ascii_alphabetic())
            || text.get(i).is_some_and(|c| c.is_ascii_alphabetic());
        let has_digit = text[run.clone()].iter().any(|c| c.is_ascii_digit());
        if (run.len() >= 2 || has_digit) && !latin_neighbour {
            runs.push(run);
        }
    }
    let mut cut: Vec<(usize, usize, &'static str)> = Vec::with_capacity(pieces.len());
    let mut k = 0;
    for run in runs {
        while k < pieces.len() && pieces[k].1 <= run.start {
            cut.push(pieces[k]);
            k += 1;
        }
        if k == pieces.len() || pieces[k].0 >= run.end {
            continue;
        }
        let (first_start, _, first_pos) = pieces[k];
        if first_start < run.start {
            cut.push((first_start, run.start, first_pos));
        }
        let mut last = pieces[k];
        while k < pieces.len() && pieces[k].0 < run.end {
            last = pieces[k];
            k += 1;
        }
        cut.push((run.start.max(first_start), run.end, "m"));
        if last.1 > run.end {
            cut.push((run.end, last.1, last.2));
        }
    }
    cut.extend_from_slice(&pieces[k..]);
    // A date unit glued to the next word after a number (6 + 月生 → 6 + 月 + 生).
    let mut k = 1;
    while k < cut.len() {
        let (start, end, pos) = cut[k];
        let previous_is_number = cut[k - 1].2 == "m"
            && text[cut[k - 1].0..cut[k - 1].1]
                .iter()
                .all(|c| is_numeral(*c) || *c == ',');
        let piece: String = text[start..end].iter().collect();
        if previous_is_number
            && end - start > 1
            && matches!(text[start], '年' | '月' | '日' | '号')
            && !ZH_NUMBER_UNITS.contains(&piece.as_str())
        {
            cut[k] = (start, start + 1, "m");
            cut.insert(k + 1, (start + 1, end, pos));
        }
        k += 1;
    }
    // Unknown compounds.
    let mut out = Vec::with_capacity(cut.len());
    for (mut start, end, pos) in cut {
        let word: String = text[start..end].iter().collect();
        if word.chars().count() >= 3
            && word.starts_with(ZH_LEADING_PARTICLES)
            && word.chars().all(keys::is_han)
            && keys::dictionary_keys(&word).is_none()
        {
            out.push((start, start + 1, "p"));
            start += 1;
        }
        let word: String = text[start..end].iter().collect();
        let chars: Vec<char> = word.chars().collect();
        let splittable = chars.len() >= 3
            && chars.iter().all(|c| keys::is_han(*c))
            && !pos.starts_with("nr")
            && pos != "ns"
            && numeral_prefix(&word).is_none()
            && keys::dictionary_keys(&word).is_none();
        if !splittable {
            out.push((start, end, pos));
            continue;
        }
        let mut parts = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let len = (2..=4.min(chars.len() - i))
                .rev()
                .find(|&len| {
                    let part: String = chars[i..i + len].iter().collect();
                    keys::dictionary_keys(&part).is_some()
                })
                .unwrap_or(1);
            parts.push((start + i, start + i + len, "n"));
            i += len;
        }
        if parts.iter().all(|(s, e, _)| e - s == 1) {
            out.push((start, end, pos));
        } else {
            out.extend(parts);
        }
    }
    out
}

impl Side {
    fn build(segmenter: &Segmenter, lang: Lang, text: &str, space: &mut KeySpace) -> Side {
        match lang {
            Lang::Zh => Side::chinese(segmenter, text, space),
            Lang::En => Side::english(text, space),
        }
    }

    fn chinese(segmenter: &Segmenter, text: &str, space: &mut KeySpace) -> Side {
        let chars: Vec<char> = text.chars().collect();
        let words = segmenter.zh_words(text);
        // The simplified shadow of the text, character for character.
        let mut simplified = chars.clone();
        for word in &words {
            for (k, c) in word.simplified.chars().enumerate() {
                if let Some(slot) = simplified.get_mut(word.start + k) {
                    *slot = c;
                }
            }
        }
        let pieces = recut(&chars, &words);
        let mut tokens: Vec<Token> = Vec::with_capacity(pieces.len());
        let mut units = Vec::with_capacity(pieces.len());
        let mut strings = Vec::new();
        for (k, &(start, end, pos)) in pieces.iter().enumerate() {
            let original: String = chars[start..end].iter().collect();
            let word: String = simplified[start..end].iter().collect();
            let previous_end = if k == 0 { start } else { pieces[k - 1].1 };
            let gap_before: String = chars[previous_end.min(start)..start].iter().collect();
            let after_number = tokens.last().is_some_and(|t| t.kind == Kind::Number);
            let kind = if !original.chars().any(char::is_alphanumeric) {
                Kind::Punct
            } else if after_number && ZH_NUMBER_UNITS.contains(&word.as_str()) {
                Kind::DateUnit
            } else if number_of(&word).is_some() {
                Kind::Number
            } else if is_zh_function(pos, &word) {
                Kind::Function
            } else {
                Kind::Content
            };
            if matches!(kind, Kind::Content | Kind::Number | Kind::Function) {
                zh_word_keys(&word, pos, &mut strings);
            }
            let name_like = kind == Kind::Content
                && word.chars().all(keys::is_han)
                && (is_name_pos(pos) || keys::dictionary_keys(&word).is_none());
            units.push(Unit {
                first: k,
                last: k,
                keys: ids(&mut strings, space),
            });
            tokens.push(Token {
                start,
                end,
                text: original,
                kind,
                pos,
                weight: match kind {
                    Kind::Content if ZH_GENERIC_HEADS.contains(&word.as_str()) => 0.5,
                    Kind::Content | Kind::Number => 1.0,
                    Kind::Function => 0.25,
                    Kind::DateUnit | Kind::Punct => 0.0,
                },
                capitalised: false,
                joined_to_previous: gap_before.is_empty(),
                gap_before,
                name_like,
            });
        }
        // Runs of short name-like words spelt as one word in English: 仇/敩/林 "Qiu
        // Xiaolin", 司马/𠮷/祥 "Sima Jixiang". A run may start with a surname the dictionary
        // knows (仇).
        let short_name = |t: &Token| t.name_like && t.text.chars().count() <= 2;
        let surname = |t: &Token| {
            t.text.chars().count() <= 2
                && t.text.chars().all(keys::is_han)
                && keys::dictionary_keys(&simplified[t.start..t.end].iter().collect::<String>())
                    .is_some_and(|k| k.iter().any(|k| k.starts_with('#')))
        };
        for first in 0..tokens.len() {
            let mut run = String::new();
            for (last, t) in tokens.iter().enumerate().skip(first).take(4) {
                if !(short_name(t) || (last == first && surname(t)))
                    || !t.joined_to_previous && last > first
                {
                    break;
                }
                run.extend(&simplified[t.start..t.end]);
                if last == first || run.chars().count() > 4 {
                    continue;
                }
                strings.extend(joined_pinyin(&run).into_iter().map(|p| format!("#{p}")));
                units.push(Unit {
                    first,
                    last,
                    keys: ids(&mut strings, space),
                });
            }
        }
        Side {
            lang: Lang::Zh,
            tokens,
            units,
        }
    }

    fn english(text: &str, space: &mut KeySpace) -> Side {
        let mut tokens: Vec<Token> = Vec::new();
        let mut units = Vec::new();
        let mut strings = Vec::new();
        let mut position = 0;
        let mut gap = String::new();
        for piece in text.split_word_bounds() {
            let len = piece.chars().count();
            if !piece.chars().any(char::is_alphanumeric) {
                gap.push_str(piece);
                position += len;
                continue;
            }
            en_keys(piece, &mut strings);
            let unit_keys = ids(&mut strings, space);
            let lower = piece.to_lowercase();
            let numeric = piece.chars().any(|c| c.is_ascii_digit())
                && unit_keys.iter().any(|&k| space.name(k).starts_with('='));
            let kind = if unit_keys.is_empty() {
                Kind::Function
            } else if numeric {
                Kind::Number
            } else {
                Kind::Content
            };
            let joined = !tokens.is_empty()
                && ((gap.chars().all(char::is_whitespace) && !gap.contains('\n')) || gap == "-");
            units.push(Unit {
                first: tokens.len(),
                last: tokens.len(),
                keys: unit_keys,
            });
            tokens.push(Token {
                start: position,
                end: position + len,
                text: piece.to_string(),
                kind,
                pos: "",
                weight: if kind == Kind::Function { 0.0 } else { 1.0 },
                capitalised: piece.chars().next().is_some_and(char::is_uppercase)
                    && !EN_EDGE_WORDS.contains(&lower.as_str()),
                joined_to_previous: joined,
                gap_before: std::mem::take(&mut gap),
                name_like: false,
            });
            position += len;
        }
        for k in 1..tokens.len() {
            let (a, b) = (&tokens[k - 1], &tokens[k]);
            if !b.joined_to_previous {
                continue;
            }
            // Names written as two words, or hyphenated: "Shan Qian" (#shanqian),
            // "Wing-sum".
            if (a.capitalised || b.gap_before == "-") && a.kind == Kind::Content {
                let joined: String = format!("{}{}", a.text, b.text)
                    .chars()
                    .map(fold_char)
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                strings.push(format!("#{joined}"));
                if b.gap_before == "-" {
                    // "Sub-branch" is CC-CEDICT's "subbranch".
                    let mut scratch = Vec::new();
                    keys::en_word_keys(&joined, &mut scratch);
                    strings.extend(scratch.into_iter().filter(|k| k.starts_with("w:")));
                }
            }
            // Amounts: "3.2 million", "three million".
            let magnitude = EN_MAGNITUDES
                .iter()
                .find(|(word, _)| b.text.eq_ignore_ascii_case(word));
            if let (Some((_, times)), Some(value)) =
                (magnitude, english_number(a, space, &units[k - 1]))
            {
                let amount = value * times;
                if amount.fract() == 0.0 && amount < 1e15 {
                    strings.push(format!("={}", amount as u64));
                }
            }
            if !strings.is_empty() {
                units.push(Unit {
                    first: k - 1,
                    last: k,
                    keys: ids(&mut strings, space),
                });
            }
        }
        Side {
            lang: Lang::En,
            tokens,
            units,
        }
    }

    fn char_range(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].start..self.tokens[last].end
    }

    /// The first and last tokens overlapping a code-point range.
    fn tokens_in(&self, range: &Range<usize>) -> Option<(usize, usize)> {
        let touches = |t: &Token| t.end > range.start && t.start < range.end;
        let first = self.tokens.iter().position(touches)?;
        let last = self.tokens.iter().rposition(touches)?;
        Some((first, last))
    }

    /// Whether a window may not run from token `k - 1` into token `k`: a sentence end,
    /// brackets or quotes, a line break, Chinese punctuation (except the middle dot of
    /// foreign names).
    fn breaks_before(&self, k: usize) -> bool {
        let token = &self.tokens[k];
        match self.lang {
            Lang::Zh => {
                // The middle dot of foreign names and the brackets of document numbers
                // (渭公通〔2019〕17号) stay inside.
                let punct = |t: &Token| {
                    t.kind == Kind::Punct
                        && !matches!(
                            t.text.as_str(),
                            "·" | "・" | "-" | "－" | "〔" | "〕" | "[" | "]"
                        )
                };
                punct(token) || punct(&self.tokens[k - 1]) || token.gap_before.contains('\n')
            }
            Lang::En => {
                let gap = &token.gap_before;
                if gap.contains(['\n', '“', '”', '"', '(', ')', ';', ':', '!', '?']) {
                    return true;
                }
                // A period ends a sentence unless it ends an abbreviation ("No. 14",
                // "U.S. dollars").
                let previous = &self.tokens[k - 1].text;
                gap.contains('.')
                    && !previous.contains('.')
                    && !EN_ABBREVIATIONS.contains(&previous.to_lowercase().as_str())
            }
        }
    }
}

/// The value of an English number token ("3.2", "1,250,000", "three").
fn english_number(token: &Token, space: &KeySpace, unit: &Unit) -> Option<f64> {
    let plain: String = token.text.chars().filter(|c| *c != ',').collect();
    if let Ok(value) = plain.parse::<f64>() {
        return Some(value);
    }
    unit.keys
        .iter()
        .find_map(|&k| space.name(k).strip_prefix('=').and_then(|v| v.parse().ok()))
}

/// Which source units match which target units, and through what kind of key.
struct Matches {
    /// (source unit, target unit, reason of the first shared key)
    pairs: Vec<(usize, usize, ProjectionReason)>,
    /// For each target unit, the indices into `pairs`.
    by_target: Vec<Vec<usize>>,
    /// Target tokens that some matching unit holds.
    hit: Vec<bool>,
}

impl Matches {
    fn new(source: &Side, target: &Side, space: &KeySpace) -> Matches {
        let mut pairs = Vec::new();
        let mut by_target = vec![Vec::new(); target.units.len()];
        let mut hit = vec![false; target.tokens.len()];
        for (s, su) in source.units.iter().enumerate() {
            for (t, tu) in target.units.iter().enumerate() {
                let Some(key) = first_shared(&su.keys, &tu.keys) else {
                    continue;
                };
                let name = space.name(key);
                let zh = if source.lang == Lang::Zh {
                    (su, source)
                } else {
                    (tu, target)
                };
                let zh_is_latin = (zh.0.first..=zh.0.last).all(|k| zh.1.tokens[k].text.is_ascii());
                let reason = if name.starts_with('=') {
                    ProjectionReason::Number
                } else if name.starts_with('#') && !zh_is_latin {
                    ProjectionReason::Pinyin
                } else if name.starts_with('#') && name.chars().any(|c| c.is_ascii_digit()) {
                    ProjectionReason::Number
                } else {
                    ProjectionReason::Dictionary
                };
                by_target[t].push(pairs.len());
                pairs.push((s, t, reason));
                (tu.first..=tu.last).for_each(|k| hit[k] = true);
            }
        }
        Matches {
            pairs,
            by_target,
            hit,
        }
    }
}

fn first_shared(a: &[u32], b: &[u32]) -> Option<u32> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return Some(a[i]),
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// (2) Links and (3) keys

struct Context<'c> {
    target_chars: &'c [char],
    source: &'c Side,
    target: &'c Side,
    matches: &'c Matches,
    position: f32,
}

/// A link of the bead relative to the bead's texts, oriented: (source range, target range).
type BeadLink = (Range<usize>, Range<usize>);

/// The bead's links that touch the mention, relative to the bead's texts, oriented source →
/// target, their targets clipped to the target text.
fn bead_links(input: &ProjectionInput, mention: &Range<usize>, target_len: usize) -> Vec<BeadLink> {
    let mut out = Vec::new();
    for (zh, en) in input.links {
        let (source, target) = match input.source_lang {
            Lang::Zh => (zh, en),
            Lang::En => (en, zh),
        };
        let (Some(s_start), Some(t_start)) = (
            source.start.checked_sub(input.source_offset),
            target.start.checked_sub(input.target_offset),
        ) else {
            continue;
        };
        let s = s_start..source.end.saturating_sub(input.source_offset);
        let t = t_start.min(target_len)
            ..target
                .end
                .saturating_sub(input.target_offset)
                .min(target_len);
        if s.is_empty() || t.is_empty() || s.end <= mention.start || s.start >= mention.end {
            continue;
        }
        out.push((s, t));
    }
    out
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// A candidate: target range (relative to the bead), reason, score.
type Found = (Range<usize>, ProjectionReason, f32);

/// A scored key window (token indices, inclusive).
#[derive(Debug, Clone)]
struct Window {
    first: usize,
    last: usize,
    coverage: f32,
    score: f32,
    /// Target tokens the mention's words account for (see [`Context::explained`]).
    explained: usize,
    /// Mean number of keys of the matched target units: fewer senses, surer match.
    senses: f32,
    distance: f32,
    reason: ProjectionReason,
}

/// Higher score, then more target tokens explained, then shorter, then clearly nearer the
/// mention's relative position (more than a tenth of the bead apart), then through words of
/// fewer senses, then nearer.
fn better(a: &Window, b: &Window) -> bool {
    const EPS: f32 = 1e-4;
    if (a.score - b.score).abs() > EPS {
        return a.score > b.score;
    }
    if a.explained != b.explained {
        return a.explained > b.explained;
    }
    let (la, lb) = (a.last - a.first, b.last - b.first);
    if la != lb {
        return la < lb;
    }
    // Position first when it clearly differs, then senses.
    if (a.distance - b.distance).abs() > 0.1 {
        return a.distance < b.distance;
    }
    if (a.senses - b.senses).abs() > EPS {
        return a.senses < b.senses;
    }
    a.distance < b.distance
}

impl Context<'_> {
    fn distance(&self, range: &Range<usize>) -> f32 {
        let len = self.target_chars.len().max(1) as f32;
        ((range.start + range.end) as f32 / 2.0 / len - self.position).abs()
    }

    fn by_links(&self, links: &[BeadLink], mention: &Range<usize>) -> Option<Found> {
        let inside: Vec<&BeadLink> = links
            .iter()
            .filter(|(s, _)| {
                let within = s.start >= mention.start && s.end <= mention.end;
                let around = s.start <= mention.start && s.end >= mention.end;
                within || (!around && overlap(s, mention) * 2 >= s.len())
            })
            .collect();
        if let Some(found) = self.by_inside_links(&inside, mention) {
            return Some(found);
        }
        // The smallest link around the mention narrows the key search to its target.
        let around = links
            .iter()
            .filter(|(s, _)| {
                s.start <= mention.start && s.end >= mention.end && s.len() > mention.len()
            })
            .min_by_key(|(s, _)| s.len())?;
        let (first, last) = self.target.tokens_in(&around.1)?;
        if let Some((range, _, score)) = self.by_keys(first..last + 1) {
            return Some((
                range,
                ProjectionReason::Link,
                (0.45 + 0.45 * score).min(0.9),
            ));
        }
        let share = mention.len() as f32 / around.0.len() as f32;
        if share >= 0.6 {
            let range = self.finish(first, last, false)?;
            return Some((range, ProjectionReason::Link, 0.5 + 0.3 * share));
        }
        None
    }

    fn by_inside_links(&self, inside: &[&BeadLink], mention: &Range<usize>) -> Option<Found> {
        if inside.is_empty() {
            return None;
        }
        // Group the links by where they point: targets a few words apart make one phrase.
        let gap = match self.target.lang {
            Lang::En => 30,
            Lang::Zh => 8,
        };
        let mut sorted: Vec<&BeadLink> = inside.to_vec();
        sorted.sort_by_key(|(_, t)| (t.start, t.end));
        let mut groups: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::new();
        for (s, t) in sorted {
            match groups.last_mut() {
                Some((range, sources)) if t.start <= range.end + gap => {
                    range.end = range.end.max(t.end);
                    sources.push(s.clone());
                }
                _ => groups.push((t.clone(), vec![s.clone()])),
            }
        }
        let covered = |sources: &[Range<usize>]| -> Vec<bool> {
            (mention.start..mention.end)
                .map(|c| sources.iter().any(|s| s.contains(&c)))
                .collect()
        };
        let count = |mask: &[bool]| mask.iter().filter(|c| **c).count();
        let (target_range, sources) = groups.into_iter().max_by(|a, b| {
            count(&covered(&a.1))
                .cmp(&count(&covered(&b.1)))
                .then(self.distance(&b.0).total_cmp(&self.distance(&a.0)))
        })?;
        let mask = covered(&sources);
        let coverage = count(&mask) as f32 / mention.len() as f32;
        if coverage < MIN_LINK_COVERAGE {
            return None;
        }
        let (mut first, mut last) = self.target.tokens_in(&target_range)?;
        let complete = coverage >= 0.999;
        if !complete {
            // Source tokens (offsets relative to the mention) the links leave out.
            let uncovered: Vec<bool> = self
                .source
                .tokens
                .iter()
                .map(|t| (t.start..t.end).any(|c| !mask.get(c).copied().unwrap_or(true)))
                .collect();
            (first, last) = self.grow(first, last, &uncovered);
        }
        let range = self.finish(first, last, !complete)?;
        Some((range, ProjectionReason::Link, 0.5 + 0.4 * coverage))
    }

    /// Widen `first..=last` over neighbouring target units that match source tokens marked
    /// in `wanted`.
    fn grow(&self, mut first: usize, mut last: usize, wanted: &[bool]) -> (usize, usize) {
        loop {
            let mut changed = false;
            for (t, unit) in self.target.units.iter().enumerate() {
                let left = unit.last + 1 == first && !self.target.breaks_before(first);
                let right = unit.first == last + 1 && !self.target.breaks_before(unit.first);
                if !(left || right) {
                    continue;
                }
                let useful = self.matches.by_target[t].iter().any(|&p| {
                    let source_unit = &self.source.units[self.matches.pairs[p].0];
                    (source_unit.first..=source_unit.last).any(|k| wanted[k])
                });
                if useful {
                    first = first.min(unit.first);
                    last = last.max(unit.last);
                    changed = true;
                }
            }
            if !changed {
                return (first, last);
            }
        }
    }

    /// The best key window inside target tokens `allowed`, finished.
    fn by_keys(&self, allowed: Range<usize>) -> Option<Found> {
        let window = self.best_window(allowed)?;
        let range = self.finish(window.first, window.last, window.coverage < 0.999)?;
        Some((range, window.reason, 0.3 + 0.5 * window.score))
    }

    fn best_window(&self, allowed: Range<usize>) -> Option<Window> {
        let source = self.source;
        let target = self.target;
        let total: f32 = source.tokens.iter().map(|t| t.weight).sum();
        if total <= 0.0 {
            return None;
        }
        // Where windows may start and end: tokens a matching unit starts or ends at.
        let mut starts = vec![false; target.tokens.len()];
        let mut ends = vec![false; target.tokens.len()];
        let mut units_by_first: Vec<Vec<usize>> = vec![Vec::new(); target.tokens.len()];
        for (t, unit) in target.units.iter().enumerate() {
            if !self.matches.by_target[t].is_empty() {
                starts[unit.first] = true;
                ends[unit.last] = true;
                units_by_first[unit.first].push(t);
            }
        }
        let words = source.tokens.iter().filter(|t| t.weight > 0.0).count();
        let longest = match target.lang {
            Lang::En => 4 * words + 4,
            Lang::Zh => 3 * words + 3,
        };
        let mut best: Option<Window> = None;
        for first in allowed.clone() {
            if !starts[first] {
                continue;
            }
            let stop = allowed.end.min(first + longest);
            for (last, &can_end) in ends.iter().enumerate().take(stop).skip(first) {
                if last > first && target.breaks_before(last) {
                    break;
                }
                if !can_end {
                    continue;
                }
                let window = self.window(first, last, &units_by_first, total);
                if best.as_ref().is_none_or(|b| better(&window, b)) {
                    best = Some(window);
                }
            }
        }
        best.filter(|w| w.coverage >= MIN_KEY_COVERAGE && w.score >= MIN_KEY_SCORE)
    }

    fn window(
        &self,
        first: usize,
        last: usize,
        units_by_first: &[Vec<usize>],
        total: f32,
    ) -> Window {
        let source = self.source;
        let target = self.target;
        let mut covered = vec![false; source.tokens.len()];
        let mut hit = vec![false; target.tokens.len()];
        // Target tokens each source unit matches in the window.
        let mut hit_by: Vec<Vec<usize>> = vec![Vec::new(); source.units.len()];
        let mut tally = [0.0f32; 3];
        let (mut senses, mut matched_units) = (0usize, 0usize);
        for starting_here in &units_by_first[first..=last] {
            for &t in starting_here {
                let unit = &target.units[t];
                if unit.last > last {
                    continue;
                }
                (unit.first..=unit.last).for_each(|k| hit[k] = true);
                senses += unit.keys.len();
                matched_units += 1;
                for &p in &self.matches.by_target[t] {
                    let (s, _, reason) = self.matches.pairs[p];
                    hit_by[s].extend(unit.first..=unit.last);
                    let su = &source.units[s];
                    let slot = match reason {
                        ProjectionReason::Number => 0,
                        ProjectionReason::Pinyin => 1,
                        _ => 2,
                    };
                    let tokens = &source.tokens[su.first..=su.last];
                    for (seen, token) in covered[su.first..=su.last].iter_mut().zip(tokens) {
                        if !*seen {
                            *seen = true;
                            tally[slot] += token.weight;
                        }
                    }
                }
            }
        }
        let coverage = source
            .tokens
            .iter()
            .zip(&covered)
            .filter(|(_, c)| **c)
            .map(|(t, _)| t.weight)
            .sum::<f32>()
            / total;
        // Unmatched content words count against the window, and so, by half, do English
        // function words other than those that join the words of a name ("company was
        // Weichuan…" is no name; "University of Science" is). The penalty grows with their
        // weight against the mention's, so that matched words added to a window never buy
        // room for unmatched ones.
        let mut unmatched = 0.0f32;
        for (k, token) in target.tokens.iter().enumerate().take(last + 1).skip(first) {
            if hit[k] {
                continue;
            }
            unmatched += match token.kind {
                Kind::Content | Kind::Number => 1.0,
                Kind::Function
                    if target.lang == Lang::En
                        && !EN_CONNECTORS.contains(&token.text.to_lowercase().as_str())
                        && !(token.text == "No"
                            && target
                                .tokens
                                .get(k + 1)
                                .is_some_and(|t| t.kind == Kind::Number)) =>
                {
                    0.5
                }
                _ => 0.0,
            };
        }
        let precision = 1.0 - unmatched / (unmatched + total);
        let reason = if tally[0] >= tally[1] && tally[0] >= tally[2] {
            ProjectionReason::Number
        } else if tally[1] >= tally[2] {
            ProjectionReason::Pinyin
        } else {
            ProjectionReason::Dictionary
        };
        Window {
            first,
            last,
            coverage,
            score: coverage * (0.5 + 0.5 * precision),
            explained: hit_by.iter_mut().map(|hits| self.explained(hits)).sum(),
            senses: senses as f32 / matched_units.max(1) as f32,
            distance: self.distance(&target.char_range(first, last)),
            reason,
        }
    }

    /// How many target tokens one source unit accounts for, given the tokens it matches: in
    /// English the longest run of them ("Public Security Bureau" for 公安局, "Shan Qian" for
    /// 单骞), in Chinese one (an English word seldom needs several Chinese words, and
    /// 十四所所长 must not beat 十四所 for "Institute 14").
    fn explained(&self, hits: &mut Vec<usize>) -> usize {
        if hits.is_empty() {
            return 0;
        }
        if self.target.lang == Lang::Zh {
            return 1;
        }
        hits.sort_unstable();
        hits.dedup();
        let (mut longest, mut run) = (1, 1);
        for pair in hits.windows(2) {
            if pair[1] == pair[0] + 1 && self.target.tokens[pair[1]].joined_to_previous {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 1;
            }
        }
        longest
    }

    /// Turn tokens `first..=last` into the final range: trimmed of function words and
    /// punctuation at the edges and completed (dates with their units, organisation names
    /// with their heads, and when `incomplete` — the evidence covers part of the mention —
    /// with the rest of the name).
    fn finish(&self, mut first: usize, mut last: usize, incomplete: bool) -> Option<Range<usize>> {
        let tokens = &self.target.tokens;
        let trimmable = |t: &Token| match self.target.lang {
            Lang::En => EN_EDGE_WORDS.contains(&t.text.to_lowercase().as_str()),
            Lang::Zh => matches!(t.kind, Kind::Punct | Kind::Function),
        };
        while first < last && trimmable(&tokens[first]) {
            first += 1;
        }
        while last > first && trimmable(&tokens[last]) {
            last -= 1;
        }
        if trimmable(&tokens[first]) {
            return None;
        }
        // Token `k` follows `k - 1` with nothing but a space (or a hyphen) between.
        let attached = |k: usize| {
            k > 0
                && k < tokens.len()
                && tokens[k].joined_to_previous
                && !self.target.breaks_before(k)
        };
        match self.target.lang {
            Lang::Zh => {
                // 2016年3月14 → 2016年3月14日.
                while attached(last + 1)
                    && tokens[last + 1].kind == Kind::DateUnit
                    && tokens[last].kind == Kind::Number
                {
                    last += 1;
                }
                if incomplete {
                    // The rest of a name: 嘉朗 before 贸易有限公司, 贝尔/瑙 before 私人银行.
                    let name_part = |t: &Token| {
                        t.text == "·"
                            || (t.name_like
                                && (t.pos.starts_with("nr")
                                    || matches!(t.pos, "nz" | "x" | "nt")
                                    || t.pos.ends_with('g')
                                    || (t.pos == "ns" && keys::dictionary_keys(&t.text).is_none())))
                    };
                    while attached(first) && name_part(&tokens[first - 1]) {
                        first -= 1;
                    }
                    while attached(last + 1) && name_part(&tokens[last + 1]) {
                        last += 1;
                    }
                    while tokens[first].text == "·" && first < last {
                        first += 1;
                    }
                    while tokens[last].text == "·" && last > first {
                        last -= 1;
                    }
                }
                // An organisation's head: 监督管理 + 局.
                if attached(last + 1)
                    && tokens[last].kind == Kind::Content
                    && ZH_ORG_HEADS.contains(&tokens[last + 1].text.as_str())
                {
                    last += 1;
                }
            }
            Lang::En => {
                let name_word = |k: usize, boundary: usize| {
                    tokens[k].kind != Kind::Function
                        && (tokens[k].capitalised || tokens[boundary].gap_before == "-")
                };
                if incomplete {
                    // The rest of the capitalised name, from a word (not a number) at the edge.
                    if tokens[first].kind != Kind::Number {
                        while attached(first) && name_word(first - 1, first) {
                            first -= 1;
                        }
                    }
                    if tokens[last].kind != Kind::Number {
                        while attached(last + 1) && name_word(last + 1, last + 1) {
                            last += 1;
                        }
                    }
                }
                last = self.through_connectors(first, last);
                // "Co., Ltd.": the company's form is one piece.
                if tokens[last].text == "Co"
                    && tokens
                        .get(last + 1)
                        .is_some_and(|next| next.text == "Ltd" && next.gap_before.trim() == ".,")
                {
                    last += 1;
                }
                // "No. 14 Research Institute": the abbreviation goes with the number.
                if first > 0
                    && tokens[first].kind == Kind::Number
                    && tokens[first].gap_before.trim() == "."
                    && tokens[first - 1].text == "No"
                {
                    first -= 1;
                }
            }
        }
        let mut range = self.target.char_range(first, last);
        if self.target.lang == Lang::En {
            let text = &tokens[last].text;
            if text.ends_with("'s") || text.ends_with("’s") {
                range.end -= 2;
            } else if EN_ABBREVIATIONS.contains(&text.to_lowercase().as_str())
                && self.target_chars.get(range.end) == Some(&'.')
            {
                range.end += 1; // "Co., Ltd."
            }
        }
        (!range.is_empty()).then_some(range)
    }

    /// "Guanzhong University of Science and Technology": an organisation's name goes on
    /// through "of"/"and"/"for" into capitalised words, as long as the mention speaks for
    /// some of them ("the Materials Procurement Division of Institute 14" stops before "of").
    fn through_connectors(&self, first: usize, mut last: usize) -> usize {
        let tokens = &self.target.tokens;
        let attached = |k: usize| {
            k > 0
                && k < tokens.len()
                && tokens[k].joined_to_previous
                && !self.target.breaks_before(k)
        };
        let has_head = |last: usize| {
            (first..=last).any(|k| EN_NAME_HEADS.contains(&tokens[k].text.to_lowercase().as_str()))
        };
        while has_head(last) {
            let mut next = last + 1;
            while attached(next) && matches!(tokens[next].text.as_str(), "of" | "and" | "for" | "&")
            {
                next += 1;
            }
            if next == last + 1 || !attached(next) {
                break;
            }
            let mut end = next;
            while end < tokens.len() && tokens[end].capitalised && (end == next || attached(end)) {
                end += 1;
            }
            if end == next || !(next..end).any(|k| self.matches.hit[k]) {
                break;
            }
            last = end - 1;
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn segmenter() -> &'static Segmenter {
        static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
        SEGMENTER.get_or_init(Segmenter::new)
    }

    // Sentences of corpus/statement.*.txt and corpus/notice.*.txt.
    const ZH1: &str =
        "本人欧阳翀，男，汉族，1981年6月生，原籍陕西省渭川市，现居境外，护照号码E37158264。";
    const EN1: &str = "I, Ouyang Chong, male, of Han ethnicity, was born in June 1981 and am a native of \
Weichuan City, Shaanxi Province; I currently live outside China, and my passport number is E37158264.";
    const ZH5: &str =
        "2006年7月，我从关中理工大学材料科学与工程学院硕士毕业，经导师仇敩林教授推荐，\
进入国家特种材料工业委员会（以下简称“特材委”）第十四研究所工作。";
    const EN5: &str = "In July 2006 I graduated with a master's degree from the School of Materials \
Science and Engineering of Guanzhong University of Science and Technology and, on the recommendation \
of my supervisor, Professor Qiu Xiaolin, joined the No. 14 Research Institute of the State Commission \
of Special Materials Industry (hereinafter “SCOSMI”).";
    const ZH9: &str = "当时十四所所长是单骞，分管物资采购的副所长是司马𠮷祥，财务处处长是曾鋆。";
    const EN8: &str = "At that time the director of Institute 14 was Shan Qian, the deputy director in \
charge of materials procurement was Sima Jixiang, and the head of the Finance Division was Zeng Yun.";
    const ZH28: &str = "「嘉朗貿易有限公司（KA LONG TRADING COMPANY LIMITED），公司編號2287164，\
於2015年9月8日在香港註冊成立，類別為私人股份有限公司。註冊辦事處地址為九龍旺角亞皆老街118號華昌商業大廈12樓1203室。\
現任董事一名，即麥穎琛。」";
    const EN24_26: &str =
        "“KA LONG TRADING COMPANY LIMITED, Company No. 2287164, was incorporated in \
Hong Kong on 8 September 2015 as a private company limited by shares. Its registered office is at \
Room 1203, 12/F, Wah Cheong Commercial Building, 118 Argyle Street, Mong Kok, Kowloon. It has one \
current director, namely MAK Wing-sum.”";
    const ZH25: &str = "香港的公司有两家：一家是嘉朗贸易有限公司，负责对外签约和收付款；\
另一家是德信国际物流有限公司，负责报关和转运。这两家公司的董事都是一位名叫麦颖琛的香港女士，大家都叫她“麦太”。";
    const EN20: &str = "There were two companies in Hong Kong: one was Ka Long Trading Company Limited, \
which signed contracts with outside parties and handled payments, and the other was Tak Shun \
International Logistics Limited, which handled customs declarations and transshipment. The director \
of both companies was a Hong Kong woman called Mak Wing-sum, whom everyone called “Mrs. Mak.”";
    const ZH30: &str = "第一次正式交易是在2016年3月14日。";
    const EN28: &str = "The first real transaction took place on 14 March 2016.";
    const ZH31: &str = "那天下午三点，单骞、曾鋆和我在深圳福田区一家酒店的会议室里见到了瑞士人卢卡斯·布伦德利博士。";
    const EN29: &str =
        "At 3 p.m. that day, Shan Qian, Zeng Yun and I met a Swiss national, Dr. Lukas \
Brändli, in a meeting room at a hotel in Futian District, Shenzhen.";
    const ZH38: &str = "三天后，鑫源公司与十四所签订了《技术服务合同》，合同编号为QL-JS-2016-031，\
金额为人民币三百二十万元。";
    const EN37: &str = "Three days later, Xinyuan and Institute 14 signed a Technical Services \
Contract, numbered QL-JS-2016-031, for RMB 3.2 million.";
    const ZH52: &str = "二〇一七年五月，我持因公护照随一个“学术交流”团出访奥地利，途中以身体不适为由单独离团两天，\
去苏黎世与布伦德利核对当年第二批货物的单据。";
    const EN52: &str = "In May 2017, travelling on an official passport, I went to Austria with an \
“academic exchange” delegation; on the way I left the group for two days, pleading illness, and went \
to Zürich to check the documents for that year's second consignment with Dr. Brändli.";
    const ZH76: &str = "2018年十月上旬，我以照顾生病的母亲为由请了长假，此后再也没有回到所里。";
    const EN77: &str =
        "In early October 2018 I took extended leave on the grounds that I had to care for \
my sick mother, and I never went back to the institute.";
    const NOTICE_ZH0: &str = "渭川市公安局关于欧阳翀涉嫌职务侵占案有关情况的通报";
    const NOTICE_EN0: &str =
        "Circular of the Weichuan Municipal Public Security Bureau on the Case of \
Ouyang Chong, Suspected of Occupational Embezzlement";

    /// The code-point range of the `nth` occurrence of `needle` in `text`, shifted by `offset`.
    fn find(text: &str, needle: &str, nth: usize, offset: usize) -> Range<usize> {
        let (byte, _) = text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        let start = text[..byte].chars().count();
        offset + start..offset + start + needle.chars().count()
    }

    /// A bead of one source text and one target text at the given text offsets.
    struct Bead<'a> {
        lang: Lang,
        source: &'a str,
        source_offset: usize,
        target: &'a str,
        target_offset: usize,
    }

    impl<'a> Bead<'a> {
        fn zh(zh: &'a str, en: &'a str) -> Self {
            // Offsets as if the bead stood in the middle of its texts.
            Bead {
                lang: Lang::Zh,
                source: zh,
                source_offset: 1000,
                target: en,
                target_offset: 3000,
            }
        }

        fn en(en: &'a str, zh: &'a str) -> Self {
            Bead {
                lang: Lang::En,
                source: en,
                source_offset: 3000,
                target: zh,
                target_offset: 1000,
            }
        }

        fn project_with(
            &self,
            mention: &str,
            links: &[(Range<usize>, Range<usize>)],
            names: &[String],
        ) -> Option<Projection> {
            let input = ProjectionInput {
                source_lang: self.lang,
                source_text: self.source,
                source_offset: self.source_offset,
                target_text: self.target,
                target_offset: self.target_offset,
                span: find(self.source, mention, 0, self.source_offset),
                links,
                target_names: names,
            };
            let projection = project(segmenter(), &input);
            if let Some(p) = &projection {
                let len = self.target.chars().count();
                assert!(
                    p.span.start >= self.target_offset && p.span.end <= self.target_offset + len,
                    "{p:?} outside the target text"
                );
                assert!((0.0..=1.0).contains(&p.score));
            }
            projection
        }

        /// The target text the mention projects to, and why.
        fn project(&self, mention: &str) -> Option<(String, ProjectionReason)> {
            self.project_with(mention, &[], &[])
                .map(|p| (self.target_text(&p.span), p.reason))
        }

        fn target_text(&self, span: &Range<usize>) -> String {
            self.target
                .chars()
                .skip(span.start - self.target_offset)
                .take(span.len())
                .collect()
        }

        /// A link in text offsets, (zh, en), from quotes of the two sides.
        fn link(&self, source: &str, target: &str) -> (Range<usize>, Range<usize>) {
            let s = find(self.source, source, 0, self.source_offset);
            let t = find(self.target, target, 0, self.target_offset);
            match self.lang {
                Lang::Zh => (s, t),
                Lang::En => (t, s),
            }
        }
    }

    fn is(projection: Option<(String, ProjectionReason)>, text: &str, reason: ProjectionReason) {
        assert_eq!(projection, Some((text.to_string(), reason)));
    }

    use ProjectionReason::{Alias, Dictionary, Link, Number, Pinyin};

    #[test]
    fn chinese_person_names_become_their_pinyin() {
        // A compound surname and a rare given name.
        is(Bead::zh(ZH1, EN1).project("欧阳翀"), "Ouyang Chong", Pinyin);
        // 单 is read Shàn as a surname; 曾 Zēng.
        let bead = Bead::zh(ZH9, EN8);
        is(bead.project("单骞"), "Shan Qian", Pinyin);
        is(bead.project("曾鋆"), "Zeng Yun", Pinyin);
        // 仇 is Qiú; jieba cuts 仇/敩/林 and the run is spelt as one given name.
        is(Bead::zh(ZH5, EN5).project("仇敩林"), "Qiu Xiaolin", Pinyin);
    }

    #[test]
    fn english_person_names_find_their_characters() {
        let bead = Bead::en(EN8, ZH9);
        is(bead.project("Shan Qian"), "单骞", Pinyin);
        is(bead.project("Zeng Yun"), "曾鋆", Pinyin);
        is(Bead::en(EN5, ZH5).project("Qiu Xiaolin"), "仇敩林", Pinyin);
        is(
            Bead::en(NOTICE_EN0, NOTICE_ZH0).project("Ouyang Chong"),
            "欧阳翀",
            Pinyin,
        );
    }

    #[test]
    fn offsets_are_code_points_around_the_astral_character() {
        // 𠮷 (U+20BB7) is one code point (two UTF-16 units, four UTF-8 bytes).
        let bead = Bead::zh(ZH9, EN8);
        let sima = bead.project_with("司马𠮷祥", &[], &[]).unwrap();
        assert_eq!(bead.target_text(&sima.span), "Sima Jixiang");
        assert_eq!(sima.reason, Pinyin);
        // 曾鋆 comes after 𠮷: its source span counts 𠮷 as one.
        assert_eq!(find(ZH9, "曾鋆", 0, 1000), 1033..1035);
        let zeng = bead.project_with("曾鋆", &[], &[]).unwrap();
        assert_eq!(zeng.span, find(EN8, "Zeng Yun", 0, 3000));

        // And back: the Chinese span after 𠮷 is in code points.
        let bead = Bead::en(EN8, ZH9);
        let sima = bead.project_with("Sima Jixiang", &[], &[]).unwrap();
        assert_eq!(sima.span, 1000 + 22..1000 + 26);
        assert_eq!(bead.target_text(&sima.span), "司马𠮷祥");
        let zeng = bead.project_with("Zeng Yun", &[], &[]).unwrap();
        assert_eq!(zeng.span, 1033..1035);
        // The entity's name with 𠮷 found as an alias.
        let names = vec!["司马𠮷祥".to_string()];
        let alias = bead.project_with("Sima Jixiang", &[], &names).unwrap();
        assert_eq!((alias.span, alias.reason), (1022..1026, Alias));
    }

    #[test]
    fn organisations_by_their_words() {
        is(
            Bead::zh(NOTICE_ZH0, NOTICE_EN0).project("渭川市公安局"),
            "Weichuan Municipal Public Security Bureau",
            Pinyin,
        );
        is(
            Bead::en(NOTICE_EN0, NOTICE_ZH0).project("Weichuan Municipal Public Security Bureau"),
            "渭川市公安局",
            Dictionary,
        );
        let bead = Bead::zh(ZH5, EN5);
        is(
            bead.project("国家特种材料工业委员会"),
            "State Commission of Special Materials Industry",
            Dictionary,
        );
        // The name goes on through "of … and …" while the mention speaks for it.
        is(
            bead.project("关中理工大学"),
            "Guanzhong University of Science and Technology",
            Dictionary,
        );
        // "No." goes with its number.
        is(
            bead.project("第十四研究所"),
            "No. 14 Research Institute",
            Number,
        );
        is(
            Bead::en(EN5, ZH5).project("State Commission of Special Materials Industry"),
            "国家特种材料工业委员会",
            Dictionary,
        );
        let bead = Bead::zh(ZH9, EN8);
        is(bead.project("十四所"), "Institute 14", Number);
        is(bead.project("财务处"), "Finance Division", Dictionary);
        is(Bead::en(EN8, ZH9).project("Institute 14"), "十四所", Number);
    }

    #[test]
    fn places() {
        let bead = Bead::zh(ZH1, EN1);
        is(bead.project("渭川市"), "Weichuan City", Pinyin);
        is(bead.project("陕西省"), "Shaanxi Province", Dictionary);
        is(Bead::zh(ZH52, EN52).project("苏黎世"), "Zürich", Dictionary);
        is(Bead::en(EN52, ZH52).project("Zürich"), "苏黎世", Dictionary);
        // 福田区 is glossed "Futian district of Shenzhen city": 深圳 is the surer match.
        is(Bead::en(EN29, ZH31).project("Shenzhen"), "深圳", Pinyin);
        is(
            Bead::zh(ZH31, EN29).project("福田区"),
            "Futian District",
            Dictionary,
        );
    }

    #[test]
    fn dates_and_amounts() {
        is(
            Bead::zh(ZH30, EN28).project("2016年3月14日"),
            "14 March 2016",
            Number,
        );
        is(
            Bead::en(EN28, ZH30).project("14 March 2016"),
            "2016年3月14日",
            Number,
        );
        is(
            Bead::zh(ZH76, EN77).project("2018年十月上旬"),
            "early October 2018",
            Number,
        );
        is(
            Bead::en(EN77, ZH76).project("early October 2018"),
            "2018年十月上旬",
            Number,
        );
        // 〇 is U+3007, and jieba cuts 二/〇/一/七年.
        is(
            Bead::zh(ZH52, EN52).project("二〇一七年五月"),
            "May 2017",
            Number,
        );
        is(
            Bead::en(EN52, ZH52).project("May 2017"),
            "二〇一七年五月",
            Number,
        );
        is(Bead::zh(ZH1, EN1).project("1981年6月"), "June 1981", Number);
        let bead = Bead::zh(ZH38, EN37);
        is(
            bead.project("人民币三百二十万元"),
            "RMB 3.2 million",
            Number,
        );
        is(bead.project("QL-JS-2016-031"), "QL-JS-2016-031", Number);
        is(
            Bead::en(EN37, ZH38).project("RMB 3.2 million"),
            "人民币三百二十万元",
            Number,
        );
    }

    #[test]
    fn aliases_come_first_longest_and_nearest() {
        // Traditional characters in the text, simplified names; the longest name wins.
        let names = vec!["嘉朗".to_string(), "嘉朗贸易有限公司".to_string()];
        let bead = Bead::en(EN24_26, ZH28);
        let found = bead
            .project_with("KA LONG TRADING COMPANY LIMITED", &[], &names)
            .unwrap();
        assert_eq!(bead.target_text(&found.span), "嘉朗貿易有限公司");
        assert_eq!((found.reason, found.score), (Alias, ALIAS_SCORE));
        // Case-insensitive, whole words.
        let names = vec!["Ka Long Trading Company Limited".to_string()];
        let bead = Bead::zh(ZH28, EN24_26);
        let found = bead.project_with("嘉朗貿易有限公司", &[], &names).unwrap();
        assert_eq!(
            bead.target_text(&found.span),
            "KA LONG TRADING COMPANY LIMITED"
        );
        assert_eq!(
            find_alias(
                &"Ka Longwei".chars().collect::<Vec<_>>(),
                &["Ka Long".to_string()],
                0.0
            ),
            None
        );
        // The Cantonese spelling nothing else would find, at the mention's end of the bead.
        let names = vec!["Mak Wing-sum".to_string(), "Mrs. Mak".to_string()];
        let bead = Bead::zh(ZH25, EN20);
        let found = bead.project_with("麦颖琛", &[], &names).unwrap();
        assert_eq!(bead.target_text(&found.span), "Mak Wing-sum");
        // Two occurrences of the same name: the one nearer the mention, less sure.
        let names = vec!["Hong Kong".to_string()];
        let first = bead.project_with("香港", &[], &names).unwrap();
        assert_eq!(first.span, find(EN20, "Hong Kong", 0, 3000));
        assert_eq!(first.score, ALIAS_AMBIGUOUS_SCORE);
        let input = ProjectionInput {
            source_lang: Lang::Zh,
            source_text: ZH25,
            source_offset: 1000,
            target_text: EN20,
            target_offset: 3000,
            span: find(ZH25, "香港", 1, 1000),
            links: &[],
            target_names: &names,
        };
        let second = project(segmenter(), &input).unwrap();
        assert_eq!(second.span, find(EN20, "Hong Kong", 1, 3000));
    }

    #[test]
    fn links_covering_part_of_a_mention_grow_to_the_whole_name() {
        let bead = Bead::zh(NOTICE_ZH0, NOTICE_EN0);
        let links = [bead.link("公安局", "Public Security Bureau")];
        let found = bead.project_with("渭川市公安局", &links, &[]).unwrap();
        assert_eq!(
            bead.target_text(&found.span),
            "Weichuan Municipal Public Security Bureau"
        );
        assert_eq!(found.reason, Link);
        assert!((found.score - 0.7).abs() < 1e-6, "{found:?}");
        // Links covering the whole mention: their union, trimmed of "the" and brackets.
        let links = [
            bead.link("渭川市", "the Weichuan Municipal"),
            bead.link("公安局", "Public Security Bureau on"),
        ];
        let found = bead.project_with("渭川市公安局", &links, &[]).unwrap();
        assert_eq!(
            bead.target_text(&found.span),
            "Weichuan Municipal Public Security Bureau"
        );
        assert!((found.score - 0.9).abs() < 1e-6);
        // In Chinese, the name before the linked words: 嘉朗 before 贸易有限公司.
        let bead = Bead::en(EN20, ZH25);
        let links = [bead.link("Trading Company Limited", "贸易有限公司")];
        let found = bead
            .project_with("Ka Long Trading Company Limited", &links, &[])
            .unwrap();
        assert_eq!(bead.target_text(&found.span), "嘉朗贸易有限公司");
        assert_eq!(found.reason, Link);
    }

    #[test]
    fn a_link_around_the_mention_narrows_the_search() {
        // "Hong Kong" twice in the English; the link of the whole name picks the second.
        let bead = Bead::zh(ZH25, EN20);
        let input_links = [bead.link("香港女士", "Hong Kong woman")];
        let input = ProjectionInput {
            source_lang: Lang::Zh,
            source_text: ZH25,
            source_offset: 1000,
            target_text: EN20,
            target_offset: 3000,
            span: find(ZH25, "香港", 1, 1000),
            links: &input_links,
            target_names: &[],
        };
        let found = project(segmenter(), &input).unwrap();
        assert_eq!(found.span, find(EN20, "Hong Kong", 1, 3000));
        assert_eq!(found.reason, Link);
        // Links elsewhere in the bead are ignored.
        let links = [bead.link(
            "德信国际物流有限公司",
            "Tak Shun International Logistics Limited",
        )];
        is(
            bead.project_with("嘉朗贸易有限公司", &links, &[])
                .map(|p| (bead.target_text(&p.span), p.reason)),
            "Ka Long Trading Company Limited",
            Dictionary,
        );
    }

    #[test]
    fn no_guess_without_evidence() {
        // Cantonese and transliterated names need the entity's names.
        assert_eq!(Bead::zh(ZH25, EN20).project("麦颖琛"), None);
        assert_eq!(Bead::en(EN20, ZH25).project("Mak Wing-sum"), None);
        assert_eq!(Bead::zh(ZH31, EN29).project("卢卡斯·布伦德利"), None);
        // A mention whose counterpart is not in the bead.
        assert_eq!(Bead::zh(ZH52, EN28).project("苏黎世"), None);
        assert_eq!(Bead::en(EN28, ZH9).project("14 March 2016"), None);
        // Inconsistent input: a span outside the source text, an empty target, punctuation.
        let input = ProjectionInput {
            source_lang: Lang::Zh,
            source_text: ZH30,
            source_offset: 1000,
            target_text: EN28,
            target_offset: 3000,
            span: 990..1004,
            links: &[],
            target_names: &[],
        };
        assert_eq!(project(segmenter(), &input), None);
        let input = ProjectionInput {
            span: 1030..1032,
            ..input
        };
        assert_eq!(project(segmenter(), &input), None);
        let input = ProjectionInput {
            span: find(ZH30, "2016年3月14日", 0, 1000),
            target_text: "",
            ..input
        };
        assert_eq!(project(segmenter(), &input), None);
        assert_eq!(Bead::zh(ZH30, EN28).project("。"), None);
    }

    #[test]
    fn spans_stay_inside_the_target_for_every_word() {
        // Whatever the mention, the answer lies in the target text (checked by
        // `project_with`), on both sides of an uneven bead.
        for (bead, words) in [
            (Bead::zh(ZH28, EN24_26), segmenter().words(ZH28, Lang::Zh)),
            (
                Bead::en(EN24_26, ZH28),
                segmenter().words(EN24_26, Lang::En),
            ),
        ] {
            for word in words {
                bead.project_with(&word, &[], &[]);
            }
        }
    }

    #[test]
    fn projections_serialise_with_snake_case_reasons() {
        let projection = Projection {
            span: 3..7,
            reason: Pinyin,
            score: 0.5,
        };
        assert_eq!(
            serde_json::to_string(&projection).unwrap(),
            r#"{"span":{"start":3,"end":7},"reason":"pinyin","score":0.5}"#
        );
        assert_eq!(ProjectionReason::Number.as_str(), "number");
    }
}
#[cfg(test)]
mod corpus_eval {
    use super::*;

    fn beads(align: &str) -> Vec<(Vec<usize>, Vec<usize>)> {
        align
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let (z, e) = l.split_once(':').unwrap();
                let ids = |s: &str| -> Vec<usize> {
                    s.trim_matches(|c| c == '[' || c == ']')
                        .split(',')
                        .filter(|x| !x.is_empty())
                        .map(|x| x.parse().unwrap())
                        .collect()
                };
                (ids(z), ids(e))
            })
            .collect()
    }

    /// The seed gazetteer's names of `entity` in `lang`.
    fn gazetteer_names(entity: &str, lang: Lang) -> Vec<String> {
        let tsv = include_str!("../../../corpus/seed-gazetteer.tsv");
        let mut out = Vec::new();
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.first() != Some(&entity) || cols.len() < 4 {
                continue;
            }
            let name = if lang == Lang::Zh { cols[2] } else { cols[3] };
            out.push(name.to_string());
            for alias in cols.get(4).copied().unwrap_or("").split('|') {
                let is_zh = alias.chars().any(crate::align::keys::is_han);
                if !alias.is_empty() && is_zh == (lang == Lang::Zh) {
                    out.push(alias.to_string());
                }
            }
        }
        out
    }

    /// Project every gold mention of both documents into its gold bead, without links, and
    /// count how the answer compares with the gold mentions of the same entity there:
    /// `[exact, overlapping, wrong, none (rightly: no counterpart), none (missed)]`.
    /// With `names`, the seed gazetteer's names of the entity are given too. It takes about a
    /// second, so it runs with the other tests; `--nocapture` prints the table.
    #[test]
    fn evaluate_on_the_corpus() {
        for names in [false, true] {
            println!("== with gazetteer names: {names}");
            evaluate(names);
        }
    }

    fn evaluate(use_names: bool) {
        let seg = Segmenter::new();
        let gold: Vec<serde_json::Value> = include_str!("../../../corpus/gold/entities.jsonl")
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let docs = [
            (
                "statement",
                include_str!("../../../corpus/statement.zh.txt"),
                include_str!("../../../corpus/statement.en.txt"),
                include_str!("../../../corpus/gold/statement.align"),
            ),
            (
                "notice",
                include_str!("../../../corpus/notice.zh.txt"),
                include_str!("../../../corpus/notice.en.txt"),
                include_str!("../../../corpus/gold/notice.align"),
            ),
        ];
        let mut totals = std::collections::BTreeMap::<String, [usize; 5]>::new();
        for (doc, zh, en, align) in docs {
            let zs = seg.sentences(zh, Lang::Zh);
            let es = seg.sentences(en, Lang::En);
            let zc: Vec<char> = zh.chars().collect();
            let ec: Vec<char> = en.chars().collect();
            for (bz, be) in beads(align) {
                if bz.is_empty() || be.is_empty() {
                    continue;
                }
                let zr = zs[bz[0]].start..zs[*bz.last().unwrap()].end;
                let er = es[be[0]].start..es[*be.last().unwrap()].end;
                let ztext: String = zc[zr.clone()].iter().collect();
                let etext: String = ec[er.clone()].iter().collect();
                for (lang, range, other_range, stext, ttext, tchars) in [
                    (Lang::Zh, &zr, &er, &ztext, &etext, &ec),
                    (Lang::En, &er, &zr, &etext, &ztext, &zc),
                ] {
                    let mentions: Vec<&serde_json::Value> = gold
                        .iter()
                        .filter(|g| g["doc"] == doc && g["lang"] == lang.code())
                        .filter(|g| {
                            let s = g["start"].as_u64().unwrap() as usize;
                            range.contains(&s)
                        })
                        .collect();
                    for m in mentions {
                        let start = m["start"].as_u64().unwrap() as usize;
                        let end = m["end"].as_u64().unwrap() as usize;
                        let entity = m["entity"].as_str().unwrap();
                        let other = if lang == Lang::Zh { "en" } else { "zh" };
                        let counterparts: Vec<Range<usize>> = gold
                            .iter()
                            .filter(|g| {
                                g["doc"] == doc && g["lang"] == other && g["entity"] == entity
                            })
                            .map(|g| {
                                g["start"].as_u64().unwrap() as usize
                                    ..g["end"].as_u64().unwrap() as usize
                            })
                            .filter(|r| other_range.contains(&r.start))
                            .collect();
                        let input = ProjectionInput {
                            source_lang: lang,
                            source_text: stext,
                            source_offset: range.start,
                            target_text: ttext,
                            target_offset: other_range.start,
                            span: start..end,
                            links: &[],
                            target_names: &[],
                        };
                        let target_lang = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
                        let names = if use_names {
                            gazetteer_names(entity, target_lang)
                        } else {
                            Vec::new()
                        };
                        let input = ProjectionInput {
                            target_names: &names,
                            ..input
                        };
                        let got = project(&seg, &input);
                        let key = format!("{} {}→{}", m["type"].as_str().unwrap(), lang, other);
                        let slot = totals.entry(key).or_default();
                        // exact, overlap, wrong, none-correct (no counterpart), none-missed
                        let outcome = match (&got, counterparts.is_empty()) {
                            (None, true) => 3,
                            (None, false) => 4,
                            (Some(p), _) if counterparts.contains(&p.span) => 0,
                            (Some(p), _)
                                if counterparts.iter().any(|c| overlap(c, &p.span) > 0) =>
                            {
                                1
                            }
                            _ => 2,
                        };
                        slot[outcome] += 1;
                        if outcome != 0 && outcome != 3 && std::env::var_os("VERBOSE").is_some() {
                            let text =
                                |r: &Range<usize>| -> String { tchars[r.clone()].iter().collect() };
                            println!(
                                "{doc} {} {:?} → {:?} ({:?}) gold {:?}",
                                ["exact", "overlap", "WRONG", "none-ok", "MISSED"][outcome],
                                m["text"].as_str().unwrap(),
                                got.as_ref().map(|p| text(&p.span)),
                                got.as_ref().map(|p| p.reason),
                                counterparts.iter().map(text).collect::<Vec<_>>()
                            );
                        }
                    }
                }
            }
        }
        println!("type lang: exact overlap wrong none-ok missed");
        for (k, v) in &totals {
            println!("{k}: {v:?}");
        }
        let sum = totals.values().fold([0; 5], |mut a, v| {
            for i in 0..5 {
                a[i] += v[i];
            }
            a
        });
        println!("all: {sum:?}");
        if !use_names {
            // A floor, so that tuning notices a regression.
            assert!(sum[0] >= 350 && sum[2] <= 8, "{sum:?}");
        }
    }
}
