//! The shared "key" space in which Chinese words and English words meet: English stems
//! (`w:`), exact names and Latin words (`#`), and numbers (`=`). A Chinese word gets keys
//! from its CC-CEDICT glosses, its pinyin, its digits or numerals; an English word gets keys
//! from its stem, its lowercase form when capitalised, and its numeric value.

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::{ToPinyin, ToPinyinMulti};
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// Interned key ids, so that sentences carry sorted `u32` sets instead of strings.
#[derive(Debug, Default)]
pub(crate) struct KeySpace {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl KeySpace {
    pub(crate) fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.names.push(key.to_string());
        id
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Function words that carry no alignment evidence on the English side (and in glosses).
const EN_STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "me",
    "him",
    "her",
    "them",
    "us",
    "my",
    "his",
    "their",
    "our",
    "your",
    "not",
    "no",
    "so",
    "if",
    "then",
    "than",
    "there",
    "here",
    "do",
    "did",
    "does",
    "had",
    "has",
    "have",
    "would",
    "could",
    "should",
    "will",
    "shall",
    "may",
    "might",
    "can",
    "must",
    "into",
    "onto",
    "up",
    "down",
    "out",
    "off",
    "about",
    "over",
    "under",
    "all",
    "some",
    "any",
    "one's",
    "oneself",
    "sb",
    "sth",
    "something",
    "someone",
    "etc",
    "also",
    "very",
    "too",
    "just",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "how",
    "why",
    "s",
    "t",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "o",
    "de",
];

/// Past forms of irregular English verbs → their base form, which is how CC-CEDICT glosses
/// verbs ("to speak"). Narrative translations are mostly in the past tense, and a stemmer
/// leaves "spoke", "went", "thought" alone.
const IRREGULAR_VERBS: &str = "arose arise awoke awake awoken awake bore bear borne bear beat beat beaten beat \
became become began begin begun begin bent bend bet bet bit bite bitten bite bled bleed blew blow blown blow \
broke break broken break brought bring built build burnt burn bought buy caught catch chose choose \
chosen choose came come cost cost crept creep cut cut dealt deal dug dig did do done do drew draw \
drawn draw dreamt dream drank drink drunk drink drove drive driven drive ate eat eaten eat fell fall \
fallen fall fed feed felt feel fought fight found find fled flee flew fly flown fly forbade forbid \
forgot forget forgotten forget forgave forgive forgiven forgive froze freeze frozen freeze got get \
gotten get gave give given give went go gone go grew grow grown grow hung hang heard hear hid hide \
hidden hide held hold hurt hurt kept keep knelt kneel knew know known know laid lay led lead leapt leap \
left leave lent lend lay lie lain lie lit light lost lose made make meant mean met meet paid pay \
quit quit ran run rang ring rung ring rode ride ridden ride rose rise risen rise said say saw see \
seen see sought seek sold sell sent send set set shook shake shaken shake shone shine shot shoot \
showed show shown show shrank shrink shut shut sang sing sung sing sank sink sunk sink sat sit slept sleep \
slid slide slung sling spoke speak spoken speak spent spend spun spin spat spit split split spread spread \
sprang spring stood stand stole steal stolen steal stuck stick stung sting strode stride struck strike \
swore swear sworn swear swept sweep swam swim swum swim swung swing took take taken take taught teach \
tore tear torn tear told tell thought think threw throw thrown throw understood understand woke wake \
woken wake wore wear worn wear wept weep won win wound wind wrote write written write \
men man women woman children child feet foot teeth tooth mice mouse";

fn irregular_base(word: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let words: Vec<&str> = IRREGULAR_VERBS.split_whitespace().collect();
            words.chunks(2).map(|pair| (pair[0], pair[1])).collect()
        })
        .get(word)
        .copied()
}

/// The stem of a lowercase English word, through the irregular forms first.
fn stem(lower: &str) -> String {
    let base = irregular_base(lower).unwrap_or(lower);
    stemmer().stem(base).into_owned()
}

pub(crate) fn is_en_stopword(word: &str) -> bool {
    EN_STOPWORDS.contains(&word)
}

const EN_NUMBERS: &[(&str, u64)] = &[
    ("zero", 0),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
    ("thousand", 1000),
    ("million", 1_000_000),
    ("first", 1),
    ("second", 2),
    ("third", 3),
];

/// The keys of one English word, primary key first; empty for function words and
/// punctuation.
pub(crate) fn en_word_keys(word: &str, out: &mut Vec<String>) {
    out.clear();
    let trimmed = word
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.is_empty() {
        return;
    }
    let digits: String = trimmed.chars().filter(|c| *c != ',').collect();
    if digits.chars().all(|c| c.is_ascii_digit()) {
        let value = digits.trim_start_matches('0');
        out.push(format!("={}", if value.is_empty() { "0" } else { value }));
        return;
    }
    let lower = trimmed.to_lowercase();
    if is_en_stopword(&lower) {
        return;
    }
    if let Some((_, n)) = EN_NUMBERS.iter().find(|(w, _)| *w == lower) {
        out.push(format!("={n}"));
    }
    out.push(format!("w:{}", stem(&lower)));
    if trimmed.chars().next().is_some_and(char::is_uppercase)
        || trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        out.push(format!("#{lower}"));
    }
}

/// The English stems of one CC-CEDICT gloss ("to carry out", "company; firm"): what a
/// Chinese word may come out as in English.
fn gloss_keys(gloss: &str, out: &mut Vec<String>) {
    let lower = gloss.to_lowercase();
    if lower.starts_with("variant of")
        || lower.starts_with("old variant of")
        || lower.starts_with("see ")
        || lower.starts_with("cl:")
        || lower.starts_with("used in")
        || lower.starts_with("(used in")
    {
        return;
    }
    if let Some(name) = lower.strip_prefix("surname ") {
        out.push(format!("#{}", name.trim()));
        return;
    }
    // Parenthesised remarks ("(bound form)", "(literary)") are about usage, not meaning.
    let mut plain = String::with_capacity(lower.len());
    let mut depth = 0u32;
    for c in lower.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    for word in plain.unicode_words() {
        if word.chars().all(|c| c.is_ascii_digit()) {
            out.push(format!("={}", word.trim_start_matches('0')));
        } else if !is_en_stopword(word) && word.chars().count() > 1 {
            out.push(format!("w:{}", stem(word)));
        }
    }
}

/// CC-CEDICT's English keys for a simplified Chinese word, or `None` when the dictionary
/// does not know it. Looked up through `chinese_dictionary`, which embeds CC-CEDICT
/// (CC BY-SA 4.0); its first lookup loads the dictionary (~0.3 s).
pub(crate) fn dictionary_keys(simplified: &str) -> Option<Vec<String>> {
    let entries = chinese_dictionary::query_by_simplified(simplified);
    if entries.is_empty() {
        return None;
    }
    let mut keys = Vec::new();
    for entry in entries {
        for gloss in &entry.english {
            for part in gloss.split(';') {
                gloss_keys(part.trim(), &mut keys);
            }
        }
    }
    keys.sort();
    keys.dedup();
    // A word with dozens of senses (打, 开, 上) matches nearly anything: keep 40 keys. Which
    // 40 matters little (alphabetical, reverse or hashed subsets score alike on MAC-Dev);
    // CC-CEDICT orders entries by pinyin, not by frequency, so there is no "main sense" to
    // prefer, and keeping the first entries' senses scores worse.
    const MOST: usize = 40;
    keys.truncate(MOST);
    Some(keys)
}

/// Warm the dictionary up (load it) ahead of the first alignment, e.g. on a worker thread
/// at start-up.
pub fn preload_dictionary() {
    let _ = chinese_dictionary::query_by_simplified("中");
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Pinyin keys of a (name-like) word: the whole word ("#chenqingyang"), the first syllable
/// with every reading of a 多音字 surname ("#chen"; 曾 → "#zeng", "#ceng"), and the rest
/// ("#qingyang"), as English writes Chinese names.
pub(crate) fn pinyin_keys(word: &str, out: &mut Vec<String>) {
    // 渭川市 is "Weichuan City" or just "Weichuan": the place's name without its
    // administrative suffix is what English spells in pinyin.
    const PLACE_SUFFIXES: &[char] = &['市', '省', '县', '区', '镇', '乡', '村', '州'];
    if word.chars().count() >= 3 {
        if let Some(stem) = word.strip_suffix(PLACE_SUFFIXES) {
            if let Some(joined) = joined_pinyin(stem) {
                out.push(format!("#{joined}"));
            }
        }
    }
    let chars: Vec<char> = word.chars().collect();
    if chars.is_empty() || chars.len() > 4 || !chars.iter().all(|c| is_han(*c)) {
        return;
    }
    let mut syllables = Vec::with_capacity(chars.len());
    for p in word.to_pinyin() {
        match p {
            Some(p) => syllables.push(p.plain().to_string()),
            None => return,
        }
    }
    out.push(format!("#{}", syllables.concat()));
    if chars.len() >= 2 {
        let mut surnames: Vec<String> = vec![syllables[0].clone()];
        if let Some(Some(multi)) = word.to_pinyin_multi().next() {
            for p in multi.into_iter() {
                surnames.push(p.plain().to_string());
            }
        }
        surnames.sort();
        surnames.dedup();
        for s in surnames {
            out.push(format!("#{s}"));
        }
        out.push(format!("#{}", syllables[1..].concat()));
    }
}

fn joined_pinyin(word: &str) -> Option<String> {
    if !word.chars().all(is_han) {
        return None;
    }
    word.to_pinyin()
        .map(|p| p.map(|p| p.plain().to_string()))
        .collect::<Option<Vec<String>>>()
        .map(|syllables| syllables.concat())
}

const ZH_DIGITS: &[(char, u64)] = &[
    ('〇', 0),
    ('零', 0),
    ('一', 1),
    ('二', 2),
    ('两', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
];

/// The value of a Chinese or Arabic number word, possibly with a unit of date or count
/// (二〇一六年 → 2016, 十二月 → 12, 三十 → 30, 1998年 → 1998, ５ → 5).
pub(crate) fn number_value(word: &str) -> Option<u64> {
    let core = word.trim_end_matches(['年', '月', '日', '号', '岁', '个', '名', '次', '点', '时']);
    if core.is_empty() {
        return None;
    }
    let ascii: String = core
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if ascii.chars().all(|c| c.is_ascii_digit()) {
        return ascii.parse().ok();
    }
    let digit = |c: char| ZH_DIGITS.iter().find(|(d, _)| *d == c).map(|(_, v)| *v);
    if core.chars().all(|c| digit(c).is_some()) {
        // 二〇一六: read digit by digit, as years are written.
        let mut value: u64 = 0;
        for c in core.chars() {
            value = value.checked_mul(10)?.checked_add(digit(c)?)?;
        }
        return Some(value);
    }
    let mut total = 0u64;
    let mut section = 0u64;
    let mut current = 0u64;
    let mut any = false;
    for c in core.chars() {
        if let Some(d) = digit(c) {
            current = d;
            any = true;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        any = true;
        if unit >= 10_000 {
            total = (total + section + current).checked_mul(unit)?;
            section = 0;
        } else {
            section += if current == 0 { 1 } else { current } * unit;
        }
        current = 0;
    }
    any.then_some(total + section + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_and_years_have_their_values() {
        assert_eq!(number_value("二〇一六年"), Some(2016));
        assert_eq!(number_value("十二月"), Some(12));
        assert_eq!(number_value("三十"), Some(30));
        assert_eq!(number_value("一百二十三"), Some(123));
        assert_eq!(number_value("两万"), Some(20_000));
        assert_eq!(number_value("1998年"), Some(1998));
        assert_eq!(number_value("１９９８"), Some(1998));
        assert_eq!(number_value("年"), None);
        assert_eq!(number_value("公司"), None);
    }

    #[test]
    fn english_words_become_stems_names_and_numbers() {
        let mut keys = Vec::new();
        en_word_keys("Companies", &mut keys);
        assert_eq!(
            keys,
            vec!["w:compani".to_string(), "#companies".to_string()]
        );
        en_word_keys("the", &mut keys);
        assert!(keys.is_empty());
        en_word_keys("2,016", &mut keys);
        assert_eq!(keys, vec!["=2016".to_string()]);
        en_word_keys("Chen's", &mut keys);
        assert_eq!(keys, vec!["w:chen".to_string(), "#chen".to_string()]);
    }

    #[test]
    fn names_get_pinyin_keys_with_every_surname_reading() {
        let mut keys = Vec::new();
        pinyin_keys("陈清扬", &mut keys);
        assert!(keys.contains(&"#chenqingyang".to_string()));
        assert!(keys.contains(&"#chen".to_string()));
        assert!(keys.contains(&"#qingyang".to_string()));
        keys.clear();
        pinyin_keys("渭川市", &mut keys);
        assert!(keys.contains(&"#weichuan".to_string()), "{keys:?}");
        keys.clear();
        pinyin_keys("曾", &mut keys);
        assert_eq!(keys, vec!["#ceng".to_string()]);
        keys.clear();
        pinyin_keys("曾国藩", &mut keys);
        assert!(keys.contains(&"#zeng".to_string()), "{keys:?}");
    }

    #[test]
    fn glosses_give_stems_and_surnames() {
        assert!(dictionary_keys("公司")
            .unwrap()
            .contains(&"w:compani".to_string()));
        assert!(dictionary_keys("郭").unwrap().contains(&"#guo".to_string()));
        assert_eq!(dictionary_keys("㐀㐀㐀㐀"), None);
    }
}
