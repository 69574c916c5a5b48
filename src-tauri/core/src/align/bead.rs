//! The result types of alignment: beads (n:m sentence links) and span-link suggestions.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One bead: a run of consecutive Chinese sentences aligned with a run of consecutive
/// English sentences. Either side may be empty (an untranslated or added sentence).
/// Ranges are sentence indices (0-based ordinals within the aligned texts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    pub zh: Range<usize>,
    pub en: Range<usize>,
    /// How sure the aligner is, 0.0–1.0; what the UI shows. Hand-made beads carry 1.0.
    pub confidence: f32,
}

impl Bead {
    pub fn new(zh: Range<usize>, en: Range<usize>, confidence: f32) -> Self {
        Bead { zh, en, confidence }
    }

    /// `[0,1]:[0]`: the format of `duizhao align` and of the gold files.
    pub fn to_gold_line(&self) -> String {
        fn ids(range: &Range<usize>) -> String {
            range
                .clone()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        }
        format!("[{}]:[{}]", ids(&self.zh), ids(&self.en))
    }
}

/// Why a span link was suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkReason {
    /// A CC-CEDICT translation of the Chinese word occurs in the English span.
    Dictionary,
    /// The same number, date, acronym or Latin word on both sides.
    Identical,
    /// The pinyin of a Chinese name matches a capitalised English word.
    Pinyin,
    /// An alias pair of one entity (supplied by the caller).
    Alias,
    /// Learned from this document's own confident beads.
    Learned,
}

impl LinkReason {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkReason::Dictionary => "dictionary",
            LinkReason::Identical => "identical",
            LinkReason::Pinyin => "pinyin",
            LinkReason::Alias => "alias",
            LinkReason::Learned => "learned",
        }
    }
}

/// A suggested word/phrase link inside one bead. `zh_sentence`/`en_sentence` index the
/// sentence slices given to the suggester; `zh`/`en` are code-point offsets inside that
/// sentence's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkSuggestion {
    pub zh_sentence: usize,
    pub zh: Range<usize>,
    pub en_sentence: usize,
    pub en: Range<usize>,
    pub reason: LinkReason,
}
