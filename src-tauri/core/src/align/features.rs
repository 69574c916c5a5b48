//! What the aligner knows about each sentence: its length and its words, each word with
//! its keys (see [`super::keys`]) and its weight (rarity in this document).

use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

use super::keys::{self, KeySpace};
use crate::segment::Segmenter;

/// A word of a sentence with its keys (sorted, deduplicated) and weight.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Code points relative to the sentence.
    pub start: usize,
    pub end: usize,
    /// Normalised form for rarity counts and the learned table (simplified Chinese word or
    /// the English primary key).
    pub form: u32,
    pub keys: Vec<u32>,
    pub weight: f32,
    pub origin: KeyOrigin,
}

/// Where a Chinese word's keys mostly come from (for span-link reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyOrigin {
    Dictionary,
    Identical,
    Pinyin,
    Alias,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Sentence {
    pub words: Vec<Word>,
    /// Every key of every word, sorted, deduplicated.
    pub key_set: Vec<u32>,
    /// Sum of word weights: what full coverage means.
    pub weight: f32,
    /// Length in characters, whitespace left out.
    pub len: f32,
    /// The whole sentence is in brackets: an editor's or transcriber's note
    /// (（原件此处有涂改……）, "[Translator's note: …]"), which translations often leave out.
    pub note: bool,
}

impl Sentence {
    fn finish(&mut self) {
        self.refresh_key_set();
        self.weight = self.words.iter().map(|w| w.weight).sum();
    }

    /// Recompute [`Sentence::key_set`] after the words' keys changed.
    pub(crate) fn refresh_key_set(&mut self) {
        let mut set: Vec<u32> = self
            .words
            .iter()
            .flat_map(|w| w.keys.iter().copied())
            .collect();
        set.sort_unstable();
        set.dedup();
        self.key_set = set;
    }
}

/// Sentence features of both sides of a document, in one key space.
pub(crate) struct Features {
    pub zh: Vec<Sentence>,
    pub en: Vec<Sentence>,
    pub keys: KeySpace,
    /// Forms (strings) by id, for the learned table.
    pub forms: KeySpace,
}

/// Wholly inside one pair of brackets, final punctuation aside.
pub(crate) fn is_bracketed_note(sentence: &str) -> bool {
    const PAIRS: &[(char, char)] = &[
        ('（', '）'),
        ('(', ')'),
        ('【', '】'),
        ('[', ']'),
        ('〔', '〕'),
    ];
    let trimmed = sentence
        .trim()
        .trim_end_matches(['。', '.', '．', '!', '！', '?', '？']);
    if trimmed.chars().count() < 3 {
        return false;
    }
    let mut chars = trimmed.chars();
    let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
        return false;
    };
    PAIRS.iter().any(|&(open, close)| {
        first == open && last == close && {
            // The opening bracket must close only at the very end: "(a) b (c)" is no note.
            let mut depth = 0i32;
            let inner: Vec<char> = trimmed.chars().collect();
            inner.iter().enumerate().all(|(k, &c)| {
                if c == open {
                    depth += 1;
                } else if c == close {
                    depth -= 1;
                }
                depth > 0 || k == inner.len() - 1
            })
        }
    })
}

fn non_space_len(s: &str) -> f32 {
    s.chars().filter(|c| !c.is_whitespace()).count() as f32
}

fn is_word_like(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric())
}

/// Build the features. `aliases` are (Chinese, English) pairs of one entity's names.
pub(crate) fn build(
    segmenter: &Segmenter,
    zh: &[&str],
    en: &[&str],
    aliases: &[(String, String)],
) -> Features {
    let mut keys = KeySpace::default();
    let mut forms = KeySpace::default();
    let mut cache: HashMap<String, (Vec<u32>, KeyOrigin)> = HashMap::new();
    let mut scratch = Vec::new();

    let alias_keys: Vec<(String, Vec<u32>)> = aliases
        .iter()
        .filter(|(z, e)| !z.trim().is_empty() && !e.trim().is_empty())
        .map(|(z, e)| {
            let mut ids = Vec::new();
            for word in e.unicode_words() {
                keys::en_word_keys(word, &mut scratch);
                ids.extend(scratch.iter().map(|k| keys.id(k)));
            }
            ids.sort_unstable();
            ids.dedup();
            (z.trim().to_string(), ids)
        })
        .collect();

    let mut zh_sentences = Vec::with_capacity(zh.len());
    for sentence in zh {
        let mut out = Sentence {
            len: non_space_len(sentence),
            note: is_bracketed_note(sentence),
            ..Sentence::default()
        };
        for word in segmenter.zh_words(sentence) {
            if !is_word_like(&word.simplified) {
                continue;
            }
            let (ids, origin) = cache
                .entry(word.simplified.clone())
                .or_insert_with(|| zh_word_keys(&word.simplified, word.pos, &mut keys))
                .clone();
            if ids.is_empty() {
                continue;
            }
            out.words.push(Word {
                start: word.start,
                end: word.end,
                form: forms.id(&word.simplified),
                keys: ids,
                weight: 1.0,
                origin,
            });
        }
        for (alias, ids) in &alias_keys {
            for (byte, _) in sentence.match_indices(alias.as_str()) {
                let start = sentence[..byte].chars().count();
                out.words.push(Word {
                    start,
                    end: start + alias.chars().count(),
                    form: forms.id(alias),
                    keys: ids.clone(),
                    weight: 1.0,
                    origin: KeyOrigin::Alias,
                });
            }
        }
        zh_sentences.push(out);
    }

    let mut en_sentences = Vec::with_capacity(en.len());
    for sentence in en {
        let mut out = Sentence {
            len: non_space_len(sentence),
            note: is_bracketed_note(sentence),
            ..Sentence::default()
        };
        let mut chars_before = 0;
        for piece in sentence.split_word_bounds() {
            let len = piece.chars().count();
            if is_word_like(piece) {
                keys::en_word_keys(piece, &mut scratch);
                if let Some(primary) = scratch.first() {
                    let form = forms.id(primary);
                    let mut ids: Vec<u32> = scratch.iter().map(|k| keys.id(k)).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    out.words.push(Word {
                        start: chars_before,
                        end: chars_before + len,
                        form,
                        keys: ids,
                        weight: 1.0,
                        origin: KeyOrigin::Dictionary,
                    });
                }
            }
            chars_before += len;
        }
        en_sentences.push(out);
    }

    weigh_by_rarity(&mut zh_sentences);
    weigh_by_rarity(&mut en_sentences);
    Features {
        zh: zh_sentences,
        en: en_sentences,
        keys,
        forms,
    }
}

/// Inverse document frequency over the sentences of one side: a word found in every
/// sentence says little about which sentences belong together.
fn weigh_by_rarity(sentences: &mut [Sentence]) {
    let mut df: HashMap<u32, u32> = HashMap::new();
    for sentence in sentences.iter() {
        let mut seen: Vec<u32> = sentence.words.iter().map(|w| w.form).collect();
        seen.sort_unstable();
        seen.dedup();
        for form in seen {
            *df.entry(form).or_default() += 1;
        }
    }
    let n = sentences.len().max(1) as f32;
    for sentence in sentences.iter_mut() {
        for word in &mut sentence.words {
            let count = df.get(&word.form).copied().unwrap_or(1) as f32;
            word.weight = (1.0 + n / count).ln();
        }
        sentence.finish();
    }
}

/// The keys of one Chinese word.
fn zh_word_keys(word: &str, pos: &str, space: &mut KeySpace) -> (Vec<u32>, KeyOrigin) {
    let mut strings: Vec<String> = Vec::new();
    let mut origin = KeyOrigin::Dictionary;
    if let Some(value) = keys::number_value(word) {
        strings.push(format!("={value}"));
        origin = KeyOrigin::Identical;
    } else if word.is_ascii() {
        let mut scratch = Vec::new();
        keys::en_word_keys(word, &mut scratch);
        strings.extend(scratch);
        strings.push(format!("#{}", word.to_lowercase()));
        origin = KeyOrigin::Identical;
    } else {
        match keys::dictionary_keys(word) {
            Some(found) => strings.extend(found),
            None => {
                // A compound jieba knows and CC-CEDICT does not: its characters' senses.
                let chars: Vec<char> = word.chars().collect();
                if chars.len() > 1 {
                    for c in chars {
                        if let Some(found) = keys::dictionary_keys(c.encode_utf8(&mut [0; 4])) {
                            strings.extend(found.into_iter().take(8));
                        }
                    }
                }
                origin = KeyOrigin::Pinyin;
            }
        }
        let is_name = pos.starts_with("nr") || pos.starts_with("ns") || pos == "nz";
        if is_name {
            origin = KeyOrigin::Pinyin;
        }
        keys::pinyin_keys(word, &mut strings);
    }
    let mut ids: Vec<u32> = strings.iter().map(|k| space.id(k)).collect();
    ids.sort_unstable();
    ids.dedup();
    (ids, origin)
}

/// Whether two sorted id lists share an element.
pub(crate) fn intersects(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// How much of `zh`'s weight is matched by `en` and how much of `en`'s by `zh`.
pub(crate) fn pair_coverage(zh: &Sentence, en: &Sentence) -> (f32, f32) {
    if zh.key_set.is_empty() || en.key_set.is_empty() {
        return (0.0, 0.0);
    }
    let covered_zh: f32 = zh
        .words
        .iter()
        .filter(|w| intersects(&w.keys, &en.key_set))
        .map(|w| w.weight)
        .sum();
    let covered_en: f32 = en
        .words
        .iter()
        .filter(|w| intersects(&w.keys, &zh.key_set))
        .map(|w| w.weight)
        .sum();
    (covered_zh, covered_en)
}
