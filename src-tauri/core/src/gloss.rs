//! Word glosses for reading a Chinese sentence: its words, and for each word its pinyin and
//! its CC-CEDICT definitions. This is what the window shows when the mouse rests on a
//! Chinese word of the parallel view.
//!
//! * [`sentence_words`]: the words of a text, cut by the shared [`Segmenter`] (jieba, with
//!   traditional text segmented through its simplified shadow), with code-point offsets.
//!   Only words with at least one Han character count: punctuation, digits and Latin
//!   letters have nothing to gloss.
//! * [`readings`]: one word's readings. CC-CEDICT (embedded by `chinese_dictionary`, CC BY-SA
//!   4.0) is asked for the word as simplified, then as traditional, then for its simplified
//!   form. The pinyin is the dictionary's, so a word reads as a word (银行 is yín háng, not
//!   the yín xíng of its characters' usual readings); when the dictionary gives several
//!   readings, the one the `pinyin` crate gives (the usual one) comes first, with its
//!   definitions. A word the dictionary does not know (most names) gets its characters'
//!   usual pinyin and, when it has more than one character, each character's own readings.
//! * [`gloss_text`]: both, for every word of a text.
//!
//! Pinyin carries tone marks, one space between syllables, as CC-CEDICT writes it (proper
//! nouns capitalised: Zhōng guó). Definitions keep CC-CEDICT's wording, deduplicated, at
//! most [`MAX_DEFINITIONS`] per word and [`MAX_CHAR_DEFINITIONS`] per character.

use chinese_dictionary::WordEntry;
use pinyin::ToPinyin;
use serde::Serialize;

use crate::align::keys::is_han;
use crate::segment::Segmenter;
use crate::text::CharIndex;

/// The most definitions a word gets (a word like 打 has dozens of senses).
pub const MAX_DEFINITIONS: usize = 8;
/// The most definitions each character of an unknown word gets.
pub const MAX_CHAR_DEFINITIONS: usize = 3;

/// A word of a text: code points `start..end` (start inclusive, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceWord {
    pub start: usize,
    pub end: usize,
    /// The word as the text writes it (traditional stays traditional).
    pub text: String,
}

/// What the dictionary says about a word.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Readings {
    /// Pinyin with tone marks, the usual reading first; each distinct reading once. For a
    /// word the dictionary does not know, one reading made of its characters' usual
    /// pinyin. Empty when no character has a known reading (𠮷).
    pub pinyin: Vec<String>,
    /// CC-CEDICT's definitions of the word, at most [`MAX_DEFINITIONS`]; empty when the
    /// dictionary does not know the word.
    pub definitions: Vec<String>,
    /// Whether CC-CEDICT has the word itself.
    pub in_dictionary: bool,
    /// For a word of several characters the dictionary does not know: each Han character's
    /// own readings, in order. Empty otherwise.
    pub characters: Vec<CharReadings>,
}

/// One character of a word the dictionary does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CharReadings {
    pub character: String,
    /// The character's readings, the usual one first.
    pub pinyin: Vec<String>,
    /// At most [`MAX_CHAR_DEFINITIONS`] of its definitions.
    pub definitions: Vec<String>,
}

/// A word of a text with its readings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordGloss {
    pub word: SentenceWord,
    pub readings: Readings,
}

/// The words of `text` that have a Han character, in order, with code-point offsets into
/// `text`.
pub fn sentence_words(segmenter: &Segmenter, text: &str) -> Vec<SentenceWord> {
    if text.is_empty() {
        return Vec::new();
    }
    let index = CharIndex::new(text);
    segmenter
        .zh_words(text)
        .into_iter()
        .filter_map(|word| {
            let slice = index.slice(word.start, word.end)?;
            slice.chars().any(is_han).then(|| SentenceWord {
                start: word.start,
                end: word.end,
                text: slice.to_owned(),
            })
        })
        .collect()
}

/// Every word of `text` (as [`sentence_words`]) with its [`readings`].
pub fn gloss_text(segmenter: &Segmenter, text: &str) -> Vec<WordGloss> {
    sentence_words(segmenter, text)
        .into_iter()
        .map(|word| {
            let readings = readings(&word.text);
            WordGloss { word, readings }
        })
        .collect()
}

/// The readings of one word (simplified or traditional).
pub fn readings(word: &str) -> Readings {
    let word = word.trim();
    if word.is_empty() {
        return Readings::default();
    }
    let entries = dictionary_entries(word);
    if !entries.is_empty() {
        let (pinyin, definitions) = from_entries(word, &entries, MAX_DEFINITIONS);
        return Readings {
            pinyin,
            definitions,
            in_dictionary: true,
            characters: Vec::new(),
        };
    }
    let syllables: Vec<&str> = word
        .chars()
        .filter_map(|c| c.to_pinyin().map(|p| p.with_tone()))
        .collect();
    let pinyin = if syllables.is_empty() {
        Vec::new()
    } else {
        vec![syllables.join(" ")]
    };
    let han: Vec<char> = word.chars().filter(|c| is_han(*c)).collect();
    let characters = if han.len() > 1 {
        han.iter().map(|c| char_readings(*c)).collect()
    } else {
        Vec::new()
    };
    Readings {
        pinyin,
        definitions: Vec::new(),
        in_dictionary: false,
        characters,
    }
}

fn char_readings(c: char) -> CharReadings {
    let character = c.to_string();
    let entries = dictionary_entries(&character);
    let (pinyin, definitions) = if entries.is_empty() {
        let usual = c.to_pinyin().map(|p| p.with_tone().to_owned());
        (usual.into_iter().collect(), Vec::new())
    } else {
        from_entries(&character, &entries, MAX_CHAR_DEFINITIONS)
    };
    CharReadings {
        character,
        pinyin,
        definitions,
    }
}

/// CC-CEDICT's entries for `word`: as simplified, else as traditional, else for its
/// simplified form.
fn dictionary_entries(word: &str) -> Vec<&'static WordEntry> {
    let entries = chinese_dictionary::query_by_simplified(word);
    if !entries.is_empty() {
        return entries;
    }
    let entries = chinese_dictionary::query_by_traditional(word);
    if !entries.is_empty() {
        return entries;
    }
    let simplified = fast2s::convert(word);
    if simplified != word {
        return chinese_dictionary::query_by_simplified(&simplified);
    }
    Vec::new()
}

/// The distinct readings of `entries` (the usual one first) and their definitions (the usual
/// reading's first), deduplicated, at most `most`.
fn from_entries(word: &str, entries: &[&WordEntry], most: usize) -> (Vec<String>, Vec<String>) {
    // Readings in CC-CEDICT's order, case aside (陈 is both Chén, the surname, and chén).
    let mut readings: Vec<(String, Vec<&WordEntry>)> = Vec::new();
    for entry in entries {
        let key = entry.pinyin_marks.to_lowercase();
        match readings.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(entry),
            None => readings.push((key, vec![entry])),
        }
    }
    if let Some(usual) = usual_pinyin(word) {
        if let Some(at) = readings.iter().position(|(key, _)| *key == usual) {
            let group = readings.remove(at);
            readings.insert(0, group);
        }
    }
    let mut pinyin = Vec::with_capacity(readings.len());
    let mut definitions: Vec<String> = Vec::new();
    for (key, group) in &mut readings {
        // A capitalised reading is a proper noun's (书 Shū, the Book of History; 年 Nián,
        // a surname): the common word's senses come first, and its spelling is shown.
        group.sort_by_key(|entry| entry.pinyin_marks != *key);
        pinyin.push(group[0].pinyin_marks.clone());
        for entry in group.iter() {
            for sense in &entry.english {
                let sense = sense.trim();
                if definitions.len() < most
                    && !sense.is_empty()
                    && !definitions.iter().any(|d| d == sense)
                {
                    definitions.push(sense.to_owned());
                }
            }
        }
    }
    (pinyin, definitions)
}

/// The `pinyin` crate's usual reading of every character, lowercase, space-separated; `None`
/// when a character has none.
fn usual_pinyin(word: &str) -> Option<String> {
    let syllables: Option<Vec<&str>> = word.to_pinyin().map(|p| p.map(|p| p.with_tone())).collect();
    syllables.map(|s| s.join(" "))
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;

    fn segmenter() -> &'static Segmenter {
        static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
        SEGMENTER.get_or_init(Segmenter::new)
    }

    fn texts(words: &[SentenceWord]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn a_dictionary_word_reads_as_a_word_with_its_definitions() {
        let bank = readings("银行");
        assert!(bank.in_dictionary);
        assert_eq!(
            bank.pinyin,
            ["yín háng"],
            "not the characters' usual yín xíng"
        );
        assert!(bank.definitions.iter().any(|d| d == "bank"), "{bank:?}");
        assert!(bank.characters.is_empty());
    }

    #[test]
    fn traditional_characters_find_the_same_entry() {
        let bank = readings("銀行");
        assert!(bank.in_dictionary);
        assert_eq!(bank.pinyin, ["yín háng"]);
        assert!(bank.definitions.iter().any(|d| d == "bank"), "{bank:?}");
        assert!(readings("護照").definitions.iter().any(|d| d == "passport"));
    }

    #[test]
    fn every_reading_of_a_polyphone_is_given_the_usual_one_first_with_its_definitions() {
        let xing = readings("行");
        assert_eq!(
            xing.pinyin.first().map(String::as_str),
            Some("xíng"),
            "{xing:?}"
        );
        assert!(xing.pinyin.iter().any(|p| p == "háng"), "{xing:?}");
        assert!(xing.definitions[0].contains("to walk"), "{xing:?}");
        // Chén (the surname) and chén are one reading, shown once, as the common word's;
        // the common word's senses come before the proper noun's.
        let chen = readings("陈");
        assert_eq!(chen.pinyin, ["chén"]);
        assert!(chen.definitions[0].contains("to lay out"), "{chen:?}");
        assert!(
            chen.definitions.iter().any(|d| d == "surname Chen"),
            "{chen:?}"
        );
        let book = readings("书");
        assert_eq!(book.pinyin, ["shū"]);
        assert!(book.definitions[0].contains("book"), "{book:?}");
        // A proper noun keeps its capital.
        assert_eq!(readings("中国").pinyin, ["Zhōng guó"]);
    }

    #[test]
    fn definitions_are_deduplicated_and_limited() {
        // 了 is in the dictionary's simplified and traditional halves, with many senses.
        for word in ["了", "一", "打", "行"] {
            let r = readings(word);
            assert!(!r.definitions.is_empty(), "{word}");
            assert!(r.definitions.len() <= MAX_DEFINITIONS, "{word}: {r:?}");
            let mut unique = r.definitions.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), r.definitions.len(), "{word}: {r:?}");
            let mut pinyin = r.pinyin.clone();
            pinyin.sort();
            pinyin.dedup();
            assert_eq!(pinyin.len(), r.pinyin.len(), "{word}: {r:?}");
        }
    }

    #[test]
    fn an_unknown_name_gets_its_characters_pinyin_and_their_own_entries() {
        let name = readings("欧阳翀");
        assert!(!name.in_dictionary);
        assert_eq!(name.pinyin, ["ōu yáng chōng"]);
        assert!(name.definitions.is_empty());
        let chars: Vec<&str> = name
            .characters
            .iter()
            .map(|c| c.character.as_str())
            .collect();
        assert_eq!(chars, ["欧", "阳", "翀"]);
        let chong = &name.characters[2];
        assert_eq!(chong.pinyin, ["chōng"]);
        assert_eq!(chong.definitions, ["soar"]);
        assert!(name
            .characters
            .iter()
            .all(|c| !c.definitions.is_empty() && c.definitions.len() <= MAX_CHAR_DEFINITIONS));
    }

    #[test]
    fn a_character_without_any_reading_gets_none() {
        let r = readings("𠮷");
        assert!(!r.in_dictionary);
        assert!(r.pinyin.is_empty() && r.definitions.is_empty() && r.characters.is_empty());
        assert_eq!(readings(""), Readings::default());
        assert_eq!(readings("  "), Readings::default());
    }

    #[test]
    fn words_have_code_point_offsets_even_after_astral_characters() {
        let text = "𠮷野家的银行，在北京。";
        let words = sentence_words(segmenter(), text);
        let chars: Vec<char> = text.chars().collect();
        for word in &words {
            let slice: String = chars[word.start..word.end].iter().collect();
            assert_eq!(slice, word.text, "{words:?}");
        }
        let bank = words
            .iter()
            .find(|w| w.text == "银行")
            .expect("银行 is a word");
        assert_eq!((bank.start, bank.end), (4, 6));
        let beijing = words
            .iter()
            .find(|w| w.text == "北京")
            .expect("北京 is a word");
        assert_eq!((beijing.start, beijing.end), (8, 10));
        assert!(words.iter().any(|w| w.text.contains('𠮷')), "{words:?}");
    }

    #[test]
    fn punctuation_digits_and_latin_letters_are_not_words() {
        let words = sentence_words(segmenter(), "本人护照号码E37158264，1981年6月生。");
        assert!(!words.is_empty());
        assert!(
            words.iter().all(|w| w.text.chars().any(is_han)),
            "{:?}",
            texts(&words)
        );
        assert!(texts(&words).contains(&"本人"), "{:?}", texts(&words));
    }

    #[test]
    fn traditional_text_is_cut_into_words_as_written() {
        let words = sentence_words(segmenter(), "我在銀行工作");
        assert!(texts(&words).contains(&"銀行"), "{:?}", texts(&words));
    }

    #[test]
    fn empty_text_has_no_words() {
        assert!(sentence_words(segmenter(), "").is_empty());
        assert!(gloss_text(segmenter(), "").is_empty());
        assert!(gloss_text(segmenter(), " \n。").is_empty());
    }

    #[test]
    fn a_text_is_glossed_word_by_word() {
        let glosses = gloss_text(segmenter(), "我的护照在银行。");
        let passport = glosses
            .iter()
            .find(|g| g.word.text == "护照")
            .expect("护照 is a word");
        assert_eq!((passport.word.start, passport.word.end), (2, 4));
        assert_eq!(passport.readings.pinyin, ["hù zhào"]);
        assert_eq!(passport.readings.definitions, ["passport"]);
        assert!(glosses.iter().all(|g| !g.readings.pinyin.is_empty()));
    }
}
