//! From bytes to a text ready to store: decode, then split into sentences and tokens.
//!
//! This is the import pipeline minus the file system and the database, so the CLI, the
//! app and the tests all prepare a text the same way.

use crate::decode::{decode, DecodeError, Decoded};
use crate::lang::Lang;
use crate::segment::{Segmenter, SentenceSpan, TokenSpan};

/// A decoded and segmented text, not yet stored.
#[derive(Debug, Clone)]
pub struct PreparedText {
    pub lang: Lang,
    pub decoded: Decoded,
    /// Length of `decoded.text` in code points, the unit of every offset.
    pub char_len: usize,
    pub sentences: Vec<SentenceSpan>,
    pub tokens: Vec<TokenSpan>,
}

impl PreparedText {
    /// Whether the text contains at least one Han character. A "Chinese" text without one
    /// was probably imported with the wrong language; preparing it still works, and the
    /// caller decides whether to warn.
    pub fn has_han(&self) -> bool {
        self.decoded.text.chars().any(is_han)
    }
}

/// Decode `bytes` (detecting the encoding unless `forced` names one) and segment the text
/// as `lang`. Text in the other language is segmented without complaint.
pub fn prepare_text(
    bytes: &[u8],
    lang: Lang,
    forced: Option<&str>,
    segmenter: &Segmenter,
) -> Result<PreparedText, DecodeError> {
    Ok(segment_decoded(decode(bytes, forced)?, lang, segmenter))
}

/// Segment an already decoded text as `lang`: the second half of [`prepare_text`], for
/// callers that report decoding and segmenting as separate steps.
pub fn segment_decoded(decoded: Decoded, lang: Lang, segmenter: &Segmenter) -> PreparedText {
    let char_len = decoded.text.chars().count();
    let sentences = segmenter.sentences(&decoded.text, lang);
    let tokens = segmenter.tokens(&decoded.text, lang, &sentences);
    PreparedText {
        lang,
        decoded,
        char_len,
        sentences,
        tokens,
    }
}

/// CJK unified ideographs, their extensions and compatibility ideographs.
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::CharIndex;
    use std::sync::OnceLock;

    fn segmenter() -> &'static Segmenter {
        static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
        SEGMENTER.get_or_init(Segmenter::new)
    }

    fn assert_consistent(p: &PreparedText) {
        let index = CharIndex::new(&p.decoded.text);
        assert_eq!(index.len_chars(), p.char_len);
        for s in &p.sentences {
            assert!(s.start < s.end && s.end <= p.char_len, "{s:?}");
            assert!(index.slice(s.start, s.end).is_some());
        }
        for t in &p.tokens {
            assert!(t.start < t.end && t.end <= p.char_len, "{t:?}");
            assert!(
                p.sentences
                    .iter()
                    .any(|s| s.start <= t.start && t.end <= s.end),
                "token {t:?} outside every sentence"
            );
        }
    }

    #[test]
    fn prepares_a_gbk_chinese_file() {
        let (bytes, _, errors) =
            encoding_rs::GBK.encode("　　国务院今天发表声明。\r\n\r\n声明指出，此事属实。");
        assert!(!errors);
        let p = prepare_text(&bytes, Lang::Zh, None, segmenter()).unwrap();
        assert_eq!(p.decoded.encoding, "GBK");
        assert!(p.decoded.newlines_normalised);
        assert_eq!(p.sentences.len(), 2);
        assert_eq!(p.sentences[0].paragraph, 0);
        assert_eq!(p.sentences[1].paragraph, 1);
        assert!(p.has_han());
        assert_consistent(&p);
    }

    #[test]
    fn prepares_utf8_english_with_emoji_and_astral_han() {
        let text = "👍 Mr. Li met 𠮷 at 3 p.m. on Monday. Then he left 𡃁.\n";
        let p = prepare_text(text.as_bytes(), Lang::En, None, segmenter()).unwrap();
        assert_eq!(p.char_len, text.chars().count());
        assert_eq!(p.sentences.len(), 2);
        let index = CharIndex::new(&p.decoded.text);
        assert_eq!(
            index.slice(p.sentences[0].start, p.sentences[0].end),
            Some("👍 Mr. Li met 𠮷 at 3 p.m. on Monday.")
        );
        assert!(p.tokens.iter().all(|t| t.pos.is_none()));
        assert_consistent(&p);
    }

    #[test]
    fn english_prepared_as_chinese_does_not_crash() {
        let text = "This is English. It was imported as Chinese by mistake!\nSecond line?";
        let p = prepare_text(text.as_bytes(), Lang::Zh, None, segmenter()).unwrap();
        assert!(!p.has_han());
        assert!(!p.sentences.is_empty());
        assert!(!p.tokens.is_empty());
        assert_consistent(&p);
    }

    #[test]
    fn chinese_prepared_as_english_does_not_crash() {
        let text = "我们明天去北京。他说：“好！”";
        let p = prepare_text(text.as_bytes(), Lang::En, None, segmenter()).unwrap();
        assert!(p.has_han());
        assert_consistent(&p);
    }

    #[test]
    fn decode_errors_pass_through() {
        let err = prepare_text(b"", Lang::Zh, None, segmenter()).unwrap_err();
        assert_eq!(err, DecodeError::Empty);
        let err = prepare_text(b"abc", Lang::En, Some("nope"), segmenter()).unwrap_err();
        assert!(matches!(err, DecodeError::UnknownEncoding { .. }));
    }

    #[test]
    fn whitespace_only_file_has_no_sentences() {
        let p = prepare_text(" \n\t\n　\n".as_bytes(), Lang::Zh, None, segmenter()).unwrap();
        assert!(p.sentences.is_empty());
        assert!(p.tokens.is_empty());
    }
}
