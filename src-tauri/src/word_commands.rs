//! The word-gloss command: what the window shows when the mouse rests on a Chinese word of
//! the parallel view (its pinyin and CC-CEDICT definitions, `duizhao_core::gloss`).
//!
//! - `gloss_sentence(text)` returns the words of `text` that have a Han character, in order,
//!   each with its offsets (code points into `text`, start inclusive, end exclusive), its
//!   pinyin and definitions. The window asks once per sentence, the first time the mouse
//!   rests on it, and keeps the answer; nothing is stored in the project.
//!
//! **Arguments.** `text` is at most [`MAX_GLOSS_CHARS`] characters (a sentence, not a whole
//! document); an empty text has no words.

use duizhao_core::gloss::{self, CharReadings, Readings};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::IpcError;
use crate::AppState;

/// The longest text `gloss_sentence` takes, in characters.
pub const MAX_GLOSS_CHARS: usize = 10_000;

/// A Chinese word of a sentence and what CC-CEDICT says about it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WordGloss {
    /// Code points into the sentence, start inclusive, end exclusive.
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub end: usize,
    /// The word as the sentence writes it.
    pub word: String,
    /// Pinyin with tone marks, syllables separated by spaces, the usual reading first.
    /// Empty when no character of the word has a known reading.
    pub pinyin: Vec<String>,
    /// CC-CEDICT's definitions of the word (a few at most); empty when it does not know it.
    pub definitions: Vec<String>,
    /// Whether CC-CEDICT has the word itself.
    pub in_dictionary: bool,
    /// For a word of several characters CC-CEDICT does not know (a name, say): each
    /// character's readings.
    pub characters: Vec<CharGloss>,
}

/// One character of a word CC-CEDICT does not know.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CharGloss {
    pub character: String,
    pub pinyin: Vec<String>,
    pub definitions: Vec<String>,
}

impl From<CharReadings> for CharGloss {
    fn from(c: CharReadings) -> Self {
        Self {
            character: c.character,
            pinyin: c.pinyin,
            definitions: c.definitions,
        }
    }
}

/// The words of `text` with their pinyin and definitions.
#[tauri::command(async)]
pub fn gloss_sentence(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<WordGloss>, IpcError> {
    let length = text.chars().count();
    if length > MAX_GLOSS_CHARS {
        return Err(IpcError::invalid_argument(
            "text",
            format!("is {length} characters long; at most {MAX_GLOSS_CHARS} are glossed at once"),
        ));
    }
    if text.trim().is_empty() {
        // No segmenter needed (building one loads jieba's dictionary).
        return Ok(Vec::new());
    }
    Ok(gloss::gloss_text(state.segmenter(), &text)
        .into_iter()
        .map(|g| {
            let Readings {
                pinyin,
                definitions,
                in_dictionary,
                characters,
            } = g.readings;
            WordGloss {
                start: g.word.start,
                end: g.word.end,
                word: g.word.text,
                pinyin,
                definitions,
                in_dictionary,
                characters: characters.into_iter().map(CharGloss::from).collect(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::MAX_GLOSS_CHARS;
    use crate::error::IpcError;
    use crate::test_support::{app, expect_error, invoke};
    use crate::AppState;

    /// No project is needed to gloss a sentence (the command never touches it).
    fn window() -> (
        tauri::App<tauri::test::MockRuntime>,
        tauri::WebviewWindow<tauri::test::MockRuntime>,
    ) {
        app(AppState::new(Err(IpcError::new(
            "no_project",
            "no project in this test",
        ))))
    }

    fn word<'a>(words: &'a Value, text: &str) -> &'a Value {
        words
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["word"] == text)
            .unwrap_or_else(|| panic!("no word {text} in {words}"))
    }

    #[test]
    fn a_sentence_comes_back_word_by_word_with_pinyin_and_definitions() {
        let (_app, window) = window();
        // 𠮷 (outside the BMP) is one code point: the offsets after it are code points.
        let words = invoke(
            &window,
            "gloss_sentence",
            json!({ "text": "𠮷说渭川市的护照在银行。" }),
        )
        .unwrap();
        let passport = word(&words, "护照");
        assert_eq!(passport["start"], 6);
        assert_eq!(passport["end"], 8);
        assert_eq!(passport["pinyin"], json!(["hù zhào"]));
        assert_eq!(passport["definitions"], json!(["passport"]));
        assert_eq!(passport["inDictionary"], true);
        assert_eq!(passport["characters"], json!([]));
        let bank = word(&words, "银行");
        assert_eq!(bank["pinyin"][0], "yín háng");
        assert_eq!(
            (bank["start"].as_u64(), bank["end"].as_u64()),
            (Some(9), Some(11))
        );
        // No word for the full stop.
        assert!(
            words.as_array().unwrap().iter().all(|w| w["word"] != "。"),
            "{words}"
        );
        // A name CC-CEDICT does not know: its characters' pinyin, and each character's entries.
        let city = word(&words, "渭川市");
        assert_eq!(city["inDictionary"], false);
        assert_eq!(city["pinyin"], json!(["wèi chuān shì"]));
        assert_eq!(city["definitions"], json!([]));
        let chars = city["characters"].as_array().unwrap();
        let each: Vec<&str> = chars
            .iter()
            .map(|c| c["character"].as_str().unwrap())
            .collect();
        assert_eq!(each, ["渭", "川", "市"]);
        assert_eq!(chars[1]["pinyin"], json!(["chuān"]));
        assert!(chars
            .iter()
            .all(|c| !c["definitions"].as_array().unwrap().is_empty()));
    }

    #[test]
    fn an_empty_text_has_no_words_and_a_long_one_is_refused() {
        let (_app, window) = window();
        let empty = invoke(&window, "gloss_sentence", json!({ "text": "" }));
        assert_eq!(empty.unwrap(), json!([]));
        let most = "好".repeat(MAX_GLOSS_CHARS);
        let words = invoke(&window, "gloss_sentence", json!({ "text": most })).unwrap();
        assert!(!words.as_array().unwrap().is_empty());
        let too_long = json!({ "text": format!("{most}好") });
        let error = invoke(&window, "gloss_sentence", too_long).unwrap_err();
        expect_error(&error, "invalid_argument", "`text`");
        expect_error(&error, "invalid_argument", "10001 characters");
        let error = invoke(&window, "gloss_sentence", json!({})).unwrap_err();
        assert!(error.to_string().contains("text"), "{error}");
    }
}
