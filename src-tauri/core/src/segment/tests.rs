//! One test per segmentation rule. Every test goes through [`sents`] or [`toks`], which
//! check that each span's text is exactly the code-point slice of the input (never a byte
//! or UTF-16 slice: the inputs carry 𠮷, 𡃁 and emoji, where the three differ).

use super::*;
use crate::text::{slice_chars, CharIndex};
use std::sync::OnceLock;

fn seg() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(Segmenter::new)
}

/// The sentences of `text` as (text, paragraph), after checking every invariant.
fn sents(text: &str, lang: Lang) -> Vec<(String, usize)> {
    let spans = seg().sentences(text, lang);
    let index = CharIndex::new(text);
    let mut prev_end = 0;
    let mut prev_paragraph = 0;
    for (k, s) in spans.iter().enumerate() {
        assert!(s.start < s.end, "empty sentence {s:?}");
        assert!(s.start >= prev_end, "overlap at {s:?}");
        assert!(s.paragraph == prev_paragraph || s.paragraph == prev_paragraph + 1 || k == 0);
        let slice = index.slice(s.start, s.end).expect("sentence out of range");
        assert_eq!(Some(slice), slice_chars(text, s.start, s.end));
        assert_eq!(
            slice.trim(),
            slice,
            "sentence {slice:?} has outer whitespace"
        );
        assert!(
            !slice.chars().any(is_line_break),
            "sentence {slice:?} spans lines"
        );
        prev_end = s.end;
        prev_paragraph = s.paragraph;
    }
    if let Some(first) = spans.first() {
        assert_eq!(first.paragraph, 0);
    }
    spans
        .iter()
        .map(|s| {
            (
                index.slice(s.start, s.end).unwrap().to_string(),
                s.paragraph,
            )
        })
        .collect()
}

fn texts(text: &str, lang: Lang) -> Vec<String> {
    sents(text, lang).into_iter().map(|(s, _)| s).collect()
}

/// The tokens of `text` as (text, pos), after checking every invariant.
fn toks(text: &str, lang: Lang) -> Vec<(String, Option<String>)> {
    let sentences = seg().sentences(text, lang);
    let tokens = seg().tokens(text, lang, &sentences);
    let index = CharIndex::new(text);
    let mut prev_end = 0;
    for t in &tokens {
        assert!(t.start < t.end, "empty token {t:?}");
        assert!(
            t.start >= prev_end,
            "tokens overlap or go backwards at {t:?}"
        );
        assert!(
            sentences
                .iter()
                .any(|s| s.start <= t.start && t.end <= s.end),
            "token {t:?} outside every sentence"
        );
        let slice = index.slice(t.start, t.end).expect("token out of range");
        assert_eq!(Some(slice), slice_chars(text, t.start, t.end));
        assert!(
            !slice.chars().all(char::is_whitespace),
            "whitespace token at {t:?}"
        );
        assert_eq!(t.pos.is_some(), lang == Lang::Zh);
        prev_end = t.end;
    }
    tokens
        .iter()
        .map(|t| {
            (
                index.slice(t.start, t.end).unwrap().to_string(),
                t.pos.map(str::to_owned),
            )
        })
        .collect()
}

fn words_of(text: &str, lang: Lang) -> Vec<String> {
    toks(text, lang).into_iter().map(|(w, _)| w).collect()
}

// --- lines and paragraphs -----------------------------------------------------------

#[test]
fn a_newline_always_ends_a_sentence() {
    assert_eq!(
        sents("第一行没有句号\n第二行。", Lang::Zh),
        [("第一行没有句号".into(), 0), ("第二行。".into(), 1)]
    );
    assert_eq!(
        sents("No full stop here\nNext line.", Lang::En),
        [("No full stop here".into(), 0), ("Next line.".into(), 1)]
    );
}

#[test]
fn every_non_blank_line_is_a_paragraph_and_blank_lines_produce_nothing() {
    let text = "甲。\n\n \t　\n乙。丙。\n丁。\n\n";
    assert_eq!(
        sents(text, Lang::Zh),
        [
            ("甲。".into(), 0),
            ("乙。".into(), 1),
            ("丙。".into(), 1),
            ("丁。".into(), 2)
        ]
    );
}

#[test]
fn outer_whitespace_including_ideographic_space_is_excluded() {
    let text = "　　𠮷先生说：你好。  他走了。\t\n";
    let spans = seg().sentences(text, Lang::Zh);
    assert_eq!(spans[0].start, 2, "two U+3000 before the sentence");
    assert_eq!(spans[0].end, 10);
    assert_eq!(texts(text, Lang::Zh), ["𠮷先生说：你好。", "他走了。"]);
    assert_eq!(
        texts("   Hello there.   Bye.  ", Lang::En),
        ["Hello there.", "Bye."]
    );
}

#[test]
fn empty_and_blank_texts_have_no_sentences() {
    assert!(sents("", Lang::Zh).is_empty());
    assert!(sents(" \n\n　\n", Lang::Zh).is_empty());
    assert!(sents("\n \n", Lang::En).is_empty());
}

#[test]
fn cr_and_crlf_are_line_breaks_too() {
    // Decoded texts only have LF, but the segmenter should not depend on that.
    assert_eq!(
        sents("甲。\r\n乙。\r丙", Lang::Zh),
        [("甲。".into(), 0), ("乙。".into(), 1), ("丙".into(), 2)]
    );
}

// --- Chinese sentences ----------------------------------------------------------------

#[test]
fn zh_full_width_end_marks() {
    assert_eq!(
        texts("今天开会。你来吗？来吧！先这样；再说", Lang::Zh),
        ["今天开会。", "你来吗？", "来吧！", "先这样；", "再说"]
    );
}

#[test]
fn zh_runs_of_end_marks_count_as_one_end() {
    assert_eq!(
        texts("真的吗？！太好了！！！然后呢……。结束……好", Lang::Zh),
        ["真的吗？！", "太好了！！！", "然后呢……。", "结束……", "好"]
    );
}

#[test]
fn zh_half_width_end_marks_end_but_not_inside_urls() {
    assert_eq!(
        texts(
            "真的吗?好的!走吧;见 https://example.com/?q=1&x=2 网站。",
            Lang::Zh
        ),
        [
            "真的吗?",
            "好的!",
            "走吧;",
            "见 https://example.com/?q=1&x=2 网站。"
        ]
    );
}

#[test]
fn zh_closing_marks_stay_with_the_sentence() {
    assert_eq!(
        texts("（全文完。）下一段。他的书【完。】再见！）好", Lang::Zh),
        [
            "（全文完。）",
            "下一段。",
            "他的书【完。】",
            "再见！）",
            "好"
        ]
    );
}

#[test]
fn zh_quote_closed_right_after_the_end_mark_ends_the_sentence_after_the_quote() {
    assert_eq!(
        texts("他说：“我们明天走。”然后离开了。", Lang::Zh),
        ["他说：“我们明天走。”", "然后离开了。"]
    );
}

#[test]
fn zh_no_split_inside_quotes() {
    assert_eq!(
        texts("他说：“我们明天走。你们呢？”她没回答。", Lang::Zh),
        ["他说：“我们明天走。你们呢？”", "她没回答。"]
    );
    assert_eq!(
        texts("他说：「我们走。你们呢？」她问：『好。』完。", Lang::Zh),
        ["他说：「我们走。你们呢？」", "她问：『好。』", "完。"]
    );
}

#[test]
fn zh_no_split_inside_title_marks_even_before_the_closing_mark() {
    assert_eq!(
        texts(
            "他读了《你好！世界。》这本书。《再见！》是另一本。",
            Lang::Zh
        ),
        ["他读了《你好！世界。》这本书。", "《再见！》是另一本。"]
    );
    assert_eq!(
        texts("见〈附件一。〉和《决定〈草案。〉》。完", Lang::Zh),
        ["见〈附件一。〉和《决定〈草案。〉》。", "完"]
    );
}

#[test]
fn zh_nested_quotes_end_only_when_the_outer_quote_closes() {
    assert_eq!(
        texts("“他说‘好。’然后走了。”结束。", Lang::Zh),
        ["“他说‘好。’然后走了。”", "结束。"]
    );
    assert_eq!(
        texts("他问：“你读过《论语。》吗？”我说读过。", Lang::Zh),
        ["他问：“你读过《论语。》吗？”", "我说读过。"]
    );
}

#[test]
fn zh_a_colon_does_not_end_a_sentence() {
    assert_eq!(
        texts("发言人表示：此事属实，我们将调查。", Lang::Zh),
        ["发言人表示：此事属实，我们将调查。"]
    );
}

#[test]
fn zh_an_unclosed_quote_does_not_swallow_the_rest() {
    assert_eq!(
        texts("他说：“我们走。然后他们来了。最后结束。", Lang::Zh),
        ["他说：“我们走。", "然后他们来了。", "最后结束。"]
    );
    assert_eq!(
        texts("《未闭合的书名。然后。", Lang::Zh),
        ["《未闭合的书名。", "然后。"]
    );
    // A quote left open on one line never affects the next.
    assert_eq!(
        sents("“未闭合。\n第二行。第三句。", Lang::Zh),
        [
            ("“未闭合。".into(), 0),
            ("第二行。".into(), 1),
            ("第三句。".into(), 1)
        ]
    );
    // A stray closing quote is just a character.
    assert_eq!(texts("好”的。走。", Lang::Zh), ["好”的。", "走。"]);
}

#[test]
fn zh_a_piece_of_only_closing_marks_joins_the_previous_sentence() {
    assert_eq!(texts("他说好。 ”", Lang::Zh), ["他说好。 ”"]);
}

#[test]
fn zh_astral_characters_and_emoji_before_and_inside_sentences() {
    let text = "👍👍 𠮷先生来了。𡃁仔走了👍！好👍";
    let spans = seg().sentences(text, Lang::Zh);
    assert_eq!(
        texts(text, Lang::Zh),
        ["👍👍 𠮷先生来了。", "𡃁仔走了👍！", "好👍"]
    );
    // Code points, not bytes (𠮷 is 4 bytes) and not UTF-16 units (2 each).
    assert_eq!((spans[0].start, spans[0].end), (0, 9));
    assert_eq!((spans[1].start, spans[1].end), (9, 15));
    assert_eq!((spans[2].start, spans[2].end), (15, 17));
}

#[test]
fn zh_adversarial_quotes_stay_linear() {
    // 100k unmatched openers then 100k closers of another kind: quadratic matching would
    // take minutes.
    let text = format!("{}{}。", "「".repeat(100_000), "”".repeat(100_000));
    let spans = seg().sentences(&text, Lang::Zh);
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].end, 200_001);
    // 50k nested title marks with an end mark at every level.
    let text = format!("{}{}", "《。".repeat(50_000), "》".repeat(50_000));
    assert_eq!(seg().sentences(&text, Lang::Zh).len(), 1);
}

// --- English sentences ----------------------------------------------------------------

#[test]
fn en_unicode_sentence_boundaries() {
    assert_eq!(
        texts(
            "Hello world. How are you? Fine!  \"Quoted.\" Next.",
            Lang::En
        ),
        [
            "Hello world.",
            "How are you?",
            "Fine!",
            "\"Quoted.\"",
            "Next."
        ]
    );
}

#[test]
fn en_titles_and_street_and_time_do_not_split() {
    assert_eq!(
        texts(
            "Mr. Li met Dr. Wang at No. 5 Main St. at 3 p.m. on Monday.",
            Lang::En
        ),
        ["Mr. Li met Dr. Wang at No. 5 Main St. at 3 p.m. on Monday."]
    );
    assert_eq!(
        texts("Prof. Zhang and Mrs. Chen arrived. They sat.", Lang::En),
        ["Prof. Zhang and Mrs. Chen arrived.", "They sat."]
    );
}

#[test]
fn en_dotted_acronym_inside_then_a_real_end() {
    assert_eq!(
        texts("He moved to the U.S. in 2016. Then he left.", Lang::En),
        ["He moved to the U.S. in 2016.", "Then he left."]
    );
}

#[test]
fn en_dotted_acronym_ends_before_a_sentence_starter_only() {
    assert_eq!(
        texts("He moved to the U.S. Then he left.", Lang::En),
        ["He moved to the U.S.", "Then he left."]
    );
    assert_eq!(
        texts(
            "She works for the U.S. Department of State. It is large.",
            Lang::En
        ),
        [
            "She works for the U.S. Department of State.",
            "It is large."
        ]
    );
    assert_eq!(
        texts(
            "He joined Acme Inc. The firm grew. Acme Inc. Beijing opened.",
            Lang::En
        ),
        [
            "He joined Acme Inc.",
            "The firm grew.",
            "Acme Inc. Beijing opened."
        ]
    );
}

#[test]
fn en_single_initials_join_the_name() {
    assert_eq!(
        texts(
            "J. Smith arrived. John F. Kennedy spoke. It was Plan B. The end.",
            Lang::En
        ),
        [
            "J. Smith arrived.",
            "John F. Kennedy spoke.",
            "It was Plan B.",
            "The end."
        ]
    );
}

#[test]
fn en_number_abbreviations_need_a_number_or_lowercase_after() {
    assert_eq!(
        texts(
            "See No. 12 for details. Was he there? No. He was not.",
            Lang::En
        ),
        [
            "See No. 12 for details.",
            "Was he there?",
            "No.",
            "He was not."
        ]
    );
    assert_eq!(
        texts("We sold apples, pears, etc. The shop closed.", Lang::En),
        ["We sold apples, pears, etc.", "The shop closed."]
    );
}

#[test]
fn en_always_joining_abbreviations() {
    assert_eq!(
        texts(
            "Big cities, e.g. Beijing, are crowded. China vs. India is a match.",
            Lang::En
        ),
        [
            "Big cities, e.g. Beijing, are crowded.",
            "China vs. India is a match."
        ]
    );
}

#[test]
fn en_months_join_a_date_but_may_is_a_word() {
    assert_eq!(
        texts(
            "On Jan. 5 they met. He left in May. Then he returned.",
            Lang::En
        ),
        [
            "On Jan. 5 they met.",
            "He left in May.",
            "Then he returned."
        ]
    );
}

#[test]
fn en_astral_characters_and_emoji_before_and_inside_sentences() {
    let text = "👍 Mr. 𠮷 arrived. Good 𡃁 work 👍. Bye";
    let spans = seg().sentences(text, Lang::En);
    assert_eq!(
        texts(text, Lang::En),
        ["👍 Mr. 𠮷 arrived.", "Good 𡃁 work 👍.", "Bye"]
    );
    assert_eq!((spans[0].start, spans[0].end), (0, 16));
    assert_eq!((spans[1].start, spans[1].end), (17, 31));
}

// --- tokens ----------------------------------------------------------------------------

#[test]
fn zh_tokens_are_jieba_words_with_pos() {
    let tokens = toks("我们明天去北京开会。", Lang::Zh);
    let words: Vec<&str> = tokens.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(words, ["我们", "明天", "去", "北京", "开会", "。"]);
    let pos = |w: &str| tokens.iter().find(|(t, _)| t == w).unwrap().1.clone();
    assert_eq!(pos("北京").as_deref(), Some("ns"));
    assert_eq!(pos("。").as_deref(), Some("x"));
}

#[test]
fn zh_token_offsets_are_code_points_with_astral_characters() {
    let text = "👍　𠮷先生在北京👍见了𡃁仔。";
    let tokens = seg().tokens(text, Lang::Zh, &seg().sentences(text, Lang::Zh));
    let words = words_of(text, Lang::Zh);
    assert!(words.contains(&"北京".to_string()), "{words:?}");
    assert!(words.contains(&"👍".to_string()), "{words:?}");
    let beijing = tokens
        .iter()
        .find(|t| slice_chars(text, t.start, t.end) == Some("北京"))
        .unwrap();
    assert_eq!((beijing.start, beijing.end), (6, 8));
    // Every character except the ideographic space is covered by a token.
    let covered: usize = tokens.iter().map(|t| t.end - t.start).sum();
    assert_eq!(covered, text.chars().count() - 1);
}

#[test]
fn zh_whitespace_tokens_are_dropped() {
    assert_eq!(
        words_of("我们 明天　去。", Lang::Zh),
        ["我们", "明天", "去", "。"]
    );
}

#[test]
fn zh_tokens_only_inside_sentences() {
    let text = "　　第一句。\n\n  第二句  \n";
    let words = words_of(text, Lang::Zh);
    assert_eq!(words.concat(), "第一句。第二句");
}

#[test]
fn zh_traditional_text_is_segmented_like_simplified() {
    let traditional = "我們明天去臺北開會，討論經濟發展問題。";
    let simplified = "我们明天去台北开会，讨论经济发展问题。";
    let trad = seg().tokens(
        traditional,
        Lang::Zh,
        &seg().sentences(traditional, Lang::Zh),
    );
    let simp = seg().tokens(simplified, Lang::Zh, &seg().sentences(simplified, Lang::Zh));
    assert_eq!(trad, simp, "same boundaries and tags");
    assert_eq!(
        words_of(traditional, Lang::Zh),
        [
            "我們", "明天", "去", "臺北", "開會", "，", "討論", "經濟", "發展", "問題", "。"
        ]
    );
}

#[test]
fn only_sentences_with_traditional_characters_are_converted() {
    let traditional = TraditionalChars::new();
    for c in ['臺', '們', '經', '著'] {
        assert!(traditional.contains(c), "{c}");
    }
    for c in ['台', '们', '中', 'a', '👍', '𠮷'] {
        assert!(!traditional.contains(c), "{c}");
    }
    assert!(matches!(
        traditional.shadow("我们去北京"),
        std::borrow::Cow::Borrowed(_)
    ));
    assert_eq!(traditional.shadow("我們去臺北"), "我们去台北");
}

#[test]
fn zh_added_words_come_out_whole_in_either_script() {
    let mut segmenter = Segmenter::new();
    segmenter.add_word("華芯微電子", Some(100_000), Some("nt"));
    let text = "华芯微电子发表声明。華芯微電子發表聲明。";
    let tokens = segmenter.tokens(text, Lang::Zh, &segmenter.sentences(text, Lang::Zh));
    let named: Vec<_> = tokens
        .iter()
        .filter(|t| t.pos == Some("nt"))
        .map(|t| slice_chars(text, t.start, t.end).unwrap())
        .collect();
    assert_eq!(named, ["华芯微电子", "華芯微電子"]);
}

#[test]
fn tokens_of_sentences_given_out_of_order() {
    let text = "𠮷先生来了。我们去北京。👍好的。";
    let mut sentences = seg().sentences(text, Lang::Zh);
    let in_order = seg().tokens(text, Lang::Zh, &sentences);
    sentences.reverse();
    let mut reversed = seg().tokens(text, Lang::Zh, &sentences);
    reversed.sort_by_key(|t| t.start);
    assert_eq!(in_order, reversed);
}

#[test]
fn tokens_skip_sentences_that_do_not_fit_the_text() {
    let text = "你好。";
    let bogus = [SentenceSpan {
        start: 2,
        end: 99,
        paragraph: 0,
    }];
    assert!(seg().tokens(text, Lang::Zh, &bogus).is_empty());
    assert!(seg().tokens(text, Lang::En, &bogus).is_empty());
    // A bad span does not spoil the good ones after it.
    let mixed = [
        bogus[0],
        SentenceSpan {
            start: 0,
            end: 3,
            paragraph: 0,
        },
        SentenceSpan {
            start: 3,
            end: 2,
            paragraph: 0,
        },
    ];
    let tokens = seg().tokens(text, Lang::Zh, &mixed);
    assert_eq!(tokens.first().map(|t| (t.start, t.end)), Some((0, 2)));
}

#[test]
fn en_tokens_are_word_bound_pieces_without_whitespace() {
    let tokens = toks("👍 Mr. 𠮷's 3.5% stake, don't.", Lang::En);
    let words: Vec<&str> = tokens.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(
        words,
        ["👍", "Mr", ".", "𠮷", "'", "s", "3.5", "%", "stake", ",", "don't", "."]
    );
}

#[test]
fn words_of_a_chinese_line() {
    assert_eq!(
        seg().words("我们明天去北京。 👍", Lang::Zh),
        ["我们", "明天", "去", "北京", "。", "👍"]
    );
    assert_eq!(
        seg().words("我們去臺北。", Lang::Zh),
        ["我們", "去", "臺北", "。"]
    );
}

#[test]
fn words_of_an_english_line() {
    assert_eq!(
        seg().words("Hello, world! It's 3.5 km.", Lang::En),
        ["Hello", ",", "world", "!", "It's", "3.5", "km", "."]
    );
    // UAX #29 keeps inner periods in a word but not the final one.
    assert_eq!(
        seg().words("the U.S. policy", Lang::En),
        ["the", "U.S", ".", "policy"]
    );
}

#[test]
fn the_wrong_language_does_not_crash() {
    let en = "This is English. Really! Is it?";
    assert!(!toks(en, Lang::Zh).is_empty());
    let zh = "这是中文。真的！“是吗？”";
    assert!(!toks(zh, Lang::En).is_empty());
    assert!(!sents(zh, Lang::En).is_empty());
}

#[test]
fn segmenter_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Segmenter>();
}

#[test]
fn spans_serialise_with_plain_field_names() {
    let json = serde_json::to_value(TokenSpan {
        start: 1,
        end: 2,
        pos: Some("ns"),
    })
    .unwrap();
    assert_eq!(json, serde_json::json!({"start": 1, "end": 2, "pos": "ns"}));
}

#[test]
fn known_tags_are_sorted_and_interning_returns_equal_tags() {
    assert!(super::KNOWN_TAGS.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(super::intern_tag("nr"), "nr");
    let custom = super::intern_tag("org_custom");
    assert_eq!(custom, "org_custom");
    assert!(std::ptr::eq(custom, super::intern_tag("org_custom")));
}
