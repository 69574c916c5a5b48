//! Sentences and words: the units everything else (alignment, annotation) is built on.
//!
//! All spans are code-point offsets into the text they were computed from (see the crate
//! docs), start inclusive, end exclusive; the text of a span is always exactly
//! `text[start..end]` in code points, never a normalised copy.
//!
//! # Lines and paragraphs
//!
//! A line break (LF, and for robustness also CR, VT, FF, NEL, U+2028, U+2029) always ends
//! the current sentence: one paragraph per line is the common layout of Chinese
//! statements, and a sentence never spans two lines. **A paragraph is a non-blank line**:
//! `paragraph` is the 0-based ordinal of the non-blank line a sentence is on. Blank lines
//! (only whitespace) separate paragraphs but produce no sentence and no paragraph number.
//! This is simpler than "blank lines separate paragraphs, consecutive lines join" and
//! predictable for both layouts. Leading and trailing whitespace, including the full-width
//! space U+3000 used to indent Chinese paragraphs, is never part of a sentence.
//!
//! # Chinese sentences
//!
//! A sentence ends after a run of end marks: `。！？；…⋯｡` and the half-width `! ? ;` (the
//! latter only when followed by the end of the line, whitespace, a closing mark or a
//! non-ASCII character, so that `?` in a URL does not split). A run counts as one end
//! (`？！`, `！！！`, `……。`), and closing quotes or brackets right after it
//! (`” ’ 」 』 ） ) 》 】 〉 〕`) stay with the sentence.
//!
//! Quotes `“…” 「…」 『…』` and title marks `《…》 〈…〉` protect their content: inside
//! them an end mark does not end the sentence, except that an end mark directly followed
//! by the closing quote of the outermost quotation ends the sentence after that quote
//! (`他说：“我们明天走。”然后…` splits after `”`). Inside title marks nothing ever splits.
//! Only quotes that are closed on the same line protect: an opening mark whose partner
//! never comes is ignored, so a stray `“` cannot swallow the rest of a paragraph. A piece
//! that is nothing but closing marks (`好。 ”`) joins the sentence before it.
//!
//! # English sentences
//!
//! Each line is split with Unicode's sentence boundaries (UAX #29,
//! `split_sentence_bound_indices`), then a piece is joined to the next when it ends in an
//! abbreviation, with rules by kind:
//!
//! * titles (`Mr. Mrs. Ms. Dr. Prof. …`) and `e.g. i.e. vs. cf. viz.` always join;
//! * `No. Nos. Art. Vol. pp. etc.` join only before a lowercase word or a digit
//!   (`No. 5`, but `No. He refused.` is two sentences);
//! * abbreviations that can also end a sentence (`U.S. U.K. U.N.` and any dotted
//!   acronym, `Jr. Sr. St. a.m. p.m. Co. Ltd. Inc. Corp.`, the months `Jan. … Dec.`, and
//!   single capital initials as in `J. Smith`) join unless the next word is a capitalised
//!   word that typically starts a sentence (`The`, `He`, `Then`, `In`, …; see
//!   [`SENTENCE_STARTERS`]). So `the U.S. Department of State` stays together while
//!   `to the U.S. Then he left.` splits. `May` is never treated as an abbreviation (the
//!   month has no period, so `May.` is a sentence end) and `Mar.` is an ambiguous one.
//!
//! # Words
//!
//! Chinese: jieba-rs `tag` with the HMM on, over each sentence. jieba's dictionary is
//! simplified Chinese, so each sentence is first mapped character-for-character to a
//! simplified "shadow" (`fast2s`, which only ever replaces one character with another of
//! the same UTF-8 length); segmenting the shadow gives traditional text the same words,
//! and since the shadow has the same characters at the same positions, jieba's code-point
//! offsets apply to the original unchanged. Whitespace tokens are dropped; punctuation
//! tokens are kept (jieba tags them `x`).
//!
//! English: Unicode word boundaries (UAX #29, `split_word_bound_indices`) minus the
//! whitespace pieces, so words and punctuation marks are tokens (`don't` and `3.5` are one
//! token; `U.S.` is `U.S` and `.`, since UAX #29 keeps inner periods only, and a sentence
//! ending in an abbreviation has a single period to give); `pos` is `None`. The same
//! rule serves [`Segmenter::tokens`] and [`Segmenter::words`].

use jieba_rs::Jieba;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::lang::Lang;
use crate::text::CharIndex;

/// A sentence: code points `start..end` of the text, on paragraph `paragraph` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// A word or punctuation token: code points `start..end` of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenSpan {
    pub start: usize,
    pub end: usize,
    /// jieba's part-of-speech tag for Chinese (`"nr"` person, `"ns"` place, `"x"`
    /// punctuation, …); `None` for English. Interned: a text has hundreds of thousands of
    /// tokens but only a few dozen distinct tags, and an allocation per token cost about a
    /// third of segmentation time.
    pub pos: Option<&'static str>,
}

/// The tags of jieba's dictionary and HMM, sorted for binary search.
const KNOWN_TAGS: [&str; 58] = [
    "a", "ad", "ag", "an", "b", "bg", "c", "d", "df", "dg", "e", "eng", "f", "g", "h", "i", "j",
    "k", "l", "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q",
    "r", "rg", "rr", "rz", "s", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "v", "vd",
    "vg", "vi", "vn", "vq", "x", "y", "yg", "z", "zg",
];

/// A `'static` copy of a POS tag. Tags outside jieba's own set (from a user dictionary) are
/// leaked once each, which is bounded by the number of distinct tags ever seen.
pub fn intern_tag(tag: &str) -> &'static str {
    if let Ok(i) = KNOWN_TAGS.binary_search(&tag) {
        return KNOWN_TAGS[i];
    }
    static OTHERS: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut others = OTHERS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(known) = others.iter().find(|t| **t == tag) {
        return known;
    }
    let leaked: &'static str = Box::leak(tag.to_owned().into_boxed_str());
    others.push(leaked);
    leaked
}

/// One Chinese word of a sentence, as [`Segmenter::zh_words`] returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZhWord {
    pub start: usize,
    pub end: usize,
    /// The word in simplified characters (the text itself may be traditional).
    pub simplified: String,
    /// jieba's part-of-speech tag (`nr` person, `ns` place, `nt` organisation, `m` numeral…).
    pub pos: &'static str,
}

/// Splits texts into sentences and words. Building one loads jieba's dictionary, which
/// takes a noticeable fraction of a second, so build it once and share it (it is `Send`
/// and `Sync`).
#[derive(Debug, Clone)]
pub struct Segmenter {
    jieba: Jieba,
    traditional: TraditionalChars,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// A segmenter with jieba's built-in dictionary.
    pub fn new() -> Self {
        Segmenter {
            jieba: Jieba::new(),
            traditional: TraditionalChars::new(),
        }
    }

    /// Add a word (an entity name from the registry, say) to the Chinese dictionary so that
    /// it comes out as one token. Traditional characters are fine: the word is stored in
    /// the simplified form that segmentation actually looks at.
    pub fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Option<&str>) {
        let shadow = self.traditional.shadow(word);
        self.jieba.add_word(&shadow, freq, tag);
    }

    /// The sentences of `text`, in order, never overlapping.
    pub fn sentences(&self, text: &str, lang: Lang) -> Vec<SentenceSpan> {
        let mut out = Vec::new();
        let mut paragraph = 0;
        for line in lines(text) {
            let before = out.len();
            match lang {
                Lang::Zh => split_zh_line(line.text, line.char_start, paragraph, &mut out),
                Lang::En => split_en_line(line.text, line.char_start, paragraph, &mut out),
            }
            if out.len() > before {
                paragraph += 1;
            }
        }
        out
    }

    /// The tokens of `text` inside `sentences` (spans the caller got from
    /// [`Segmenter::sentences`], possibly stored and reloaded), in sentence order. No
    /// whitespace tokens; punctuation is kept. A sentence that does not fit the text is
    /// skipped rather than trusted.
    pub fn tokens(&self, text: &str, lang: Lang, sentences: &[SentenceSpan]) -> Vec<TokenSpan> {
        let mut slicer = Slicer::new(text);
        let mut out = Vec::with_capacity(text.len() / 4);
        for sentence in sentences {
            let Some(slice) = slicer.slice(sentence.start, sentence.end) else {
                continue;
            };
            match lang {
                Lang::Zh => self.zh_tokens(slice, sentence.start, &mut out),
                Lang::En => en_tokens(slice, sentence.start, &mut out),
            }
        }
        out
    }

    /// The words of one line as strings, punctuation included, whitespace left out: what
    /// `segment --words` prints.
    pub fn words(&self, line: &str, lang: Lang) -> Vec<String> {
        match lang {
            Lang::Zh => {
                let shadow = self.traditional.shadow(line);
                let index = CharIndex::new(line);
                self.jieba
                    .cut(&shadow, true)
                    .into_iter()
                    .filter_map(|t| index.slice(t.start, t.end))
                    .filter(|w| !is_blank(w))
                    .map(str::to_string)
                    .collect()
            }
            Lang::En => line
                .split_word_bounds()
                .filter(|w| !is_blank(w))
                .map(str::to_string)
                .collect(),
        }
    }

    /// The Chinese words of one sentence with their part-of-speech tags and their
    /// simplified form (what dictionary lookups need); offsets are code points relative to
    /// `sentence`. Whitespace is left out, punctuation kept.
    pub fn zh_words(&self, sentence: &str) -> Vec<ZhWord> {
        let shadow = self.traditional.shadow(sentence);
        self.jieba
            .tag(&shadow, true)
            .into_iter()
            .filter(|tag| !is_blank(tag.word))
            .map(|tag| ZhWord {
                start: tag.start,
                end: tag.end,
                simplified: tag.word.to_string(),
                pos: intern_tag(tag.tag),
            })
            .collect()
    }

    fn zh_tokens(&self, sentence: &str, base: usize, out: &mut Vec<TokenSpan>) {
        let shadow = self.traditional.shadow(sentence);
        for tag in self.jieba.tag(&shadow, true) {
            if is_blank(tag.word) {
                continue;
            }
            out.push(TokenSpan {
                start: base + tag.start,
                end: base + tag.end,
                pos: Some(intern_tag(tag.tag)),
            });
        }
    }
}

/// Cuts spans out of one text. Sentences usually come in order, so it walks the text
/// forward once (no table at all); a span that lies behind the walk falls back to a
/// [`CharIndex`], built the first time that happens.
struct Slicer<'a> {
    text: &'a str,
    char_pos: usize,
    byte_pos: usize,
    index: Option<CharIndex<'a>>,
}

impl<'a> Slicer<'a> {
    fn new(text: &'a str) -> Self {
        Slicer {
            text,
            char_pos: 0,
            byte_pos: 0,
            index: None,
        }
    }

    fn slice(&mut self, start: usize, end: usize) -> Option<&'a str> {
        if start > end {
            return None;
        }
        if start < self.char_pos {
            let text = self.text;
            return self
                .index
                .get_or_insert_with(|| CharIndex::new(text))
                .slice(start, end);
        }
        let s = self.advance_to(start)?;
        let e = self.advance_to(end)?;
        Some(&self.text[s..e])
    }

    /// Walk forward to code point `target` (not behind the walk) and return its byte offset.
    fn advance_to(&mut self, target: usize) -> Option<usize> {
        let mut chars = self.text[self.byte_pos..].chars();
        while self.char_pos < target {
            self.byte_pos += chars.next()?.len_utf8();
            self.char_pos += 1;
        }
        Some(self.byte_pos)
    }
}

/// English tokens: Unicode word-boundary pieces that are not whitespace.
fn en_tokens(sentence: &str, base: usize, out: &mut Vec<TokenSpan>) {
    let mut chars_before = 0;
    for piece in sentence.split_word_bounds() {
        let len = piece.chars().count();
        if !is_blank(piece) {
            out.push(TokenSpan {
                start: base + chars_before,
                end: base + chars_before + len,
                pos: None,
            });
        }
        chars_before += len;
    }
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Which characters the traditional → simplified conversion may change, so that the
/// (much more common) sentences without any are segmented as they are, without paying for
/// a conversion: a bitset over the Basic Multilingual Plane (8 KiB), since fast2s only
/// ever converts three-byte UTF-8 characters.
#[derive(Clone)]
struct TraditionalChars {
    bits: Vec<u64>,
}

impl std::fmt::Debug for TraditionalChars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
        f.debug_struct("TraditionalChars")
            .field("count", &count)
            .finish()
    }
}

impl TraditionalChars {
    /// Characters fast2s converts only in some contexts (its exclusion and special-case
    /// lists, e.g. 著 in 看著), which a one-character probe cannot reveal.
    const CONTEXTUAL: &'static str = "兒覆夥藉瞭麽幺於乾著苧闔鍾讎畫";

    fn new() -> Self {
        // Probe every three-byte character at once, each between spaces so that fast2s's
        // two-character context rules see no neighbours.
        let probe: String = ('\u{800}'..='\u{FFFF}').flat_map(|c| [c, ' ']).collect();
        let converted = fast2s::convert(&probe);
        let mut bits = vec![0u64; 1024];
        let mut mark = |c: char| {
            let code = c as usize;
            if code <= 0xFFFF {
                bits[code / 64] |= 1 << (code % 64);
            }
        };
        for (original, simplified) in probe.chars().zip(converted.chars()) {
            if original != simplified {
                mark(original);
            }
        }
        Self::CONTEXTUAL.chars().for_each(&mut mark);
        TraditionalChars { bits }
    }

    fn contains(&self, c: char) -> bool {
        let code = c as usize;
        code <= 0xFFFF && self.bits[code / 64] & (1 << (code % 64)) != 0
    }

    /// `text` with traditional characters replaced by simplified ones, one for one.
    ///
    /// fast2s maps each character to exactly one character of the same UTF-8 length (its
    /// table is three-byte to three-byte), so code-point offsets into the shadow are
    /// offsets into the original. Should that ever not hold, segmenting the original is
    /// the safe fallback.
    fn shadow<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if text.is_ascii() || !text.chars().any(|c| self.contains(c)) {
            return text.into();
        }
        let shadow = fast2s::convert(text);
        if shadow.len() == text.len() {
            shadow.into()
        } else {
            text.into()
        }
    }
}

/// One line of a text, without its line break.
struct Line<'a> {
    text: &'a str,
    /// Code-point offset of the line's first character in the whole text.
    char_start: usize,
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The lines of `text`, each with its code-point offset, in one pass.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut byte_start = 0;
    let mut char_start = 0;
    let mut chars = text.char_indices();
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        for (count, (byte, c)) in chars.by_ref().enumerate() {
            if is_line_break(c) {
                let line = Line {
                    text: &text[byte_start..byte],
                    char_start,
                };
                byte_start = byte + c.len_utf8();
                char_start += count + 1;
                return Some(line);
            }
        }
        done = true;
        Some(Line {
            text: &text[byte_start..],
            char_start,
        })
    })
}

// ---------------------------------------------------------------------------------------
// Chinese sentences

/// Marks that end a Chinese sentence.
fn is_zh_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '…' | '⋯' | '｡') || is_half_width_end(c)
}

fn is_half_width_end(c: char) -> bool {
    matches!(c, '!' | '?' | ';')
}

/// Closing marks that stay with the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〉' | '〕'
    )
}

/// For a protecting opening mark: its closing partner and whether it is a title mark
/// (inside which nothing ever splits) rather than a quote.
fn protecting_pair(c: char) -> Option<(char, bool)> {
    match c {
        '“' => Some(('”', false)),
        '「' => Some(('」', false)),
        '『' => Some(('』', false)),
        '《' => Some(('》', true)),
        '〈' => Some(('〉', true)),
        _ => None,
    }
}

fn is_protecting_closer(c: char) -> bool {
    matches!(c, '”' | '」' | '』' | '》' | '〉')
}

/// For each character of `chars`: if it is an opening mark closed later on the line, the
/// index of its partner. Pairs never cross: a closer matches the nearest open mark of its
/// kind, and marks opened after that one are left unmatched.
fn match_pairs(chars: &[char]) -> Vec<Option<usize>> {
    let mut partner = vec![None; chars.len()];
    // Open marks: (index, expected closer).
    let mut stack: Vec<(usize, char)> = Vec::new();
    // How many open marks expect each closer, so that a closer with no partner does not
    // search the whole stack (which would make adversarial input quadratic).
    let mut waiting = [0usize; 5];
    let slot = |closer: char| match closer {
        '”' => 0,
        '」' => 1,
        '』' => 2,
        '》' => 3,
        _ => 4,
    };
    for (i, &c) in chars.iter().enumerate() {
        if let Some((closer, _)) = protecting_pair(c) {
            stack.push((i, closer));
            waiting[slot(closer)] += 1;
        } else if is_protecting_closer(c) && waiting[slot(c)] > 0 {
            while let Some((open, closer)) = stack.pop() {
                waiting[slot(closer)] -= 1;
                if closer == c {
                    partner[open] = Some(i);
                    break;
                }
            }
        }
    }
    partner
}

/// Split one line of Chinese into sentences (see the module docs for the rules).
fn split_zh_line(line: &str, base: usize, paragraph: usize, out: &mut Vec<SentenceSpan>) {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let first_of_line = out.len();
    let has_openers = chars.iter().any(|&c| protecting_pair(c).is_some());
    let partner = if has_openers {
        match_pairs(&chars)
    } else {
        Vec::new()
    };
    // Open protected regions: (index of the closing mark, is a title), and how many of
    // them are titles (kept as a count so deep nesting costs nothing per end mark).
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut titles_open = 0usize;
    let mut sentence_start = 0;
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if let Some(Some(close)) = partner.get(i) {
            let is_title = matches!(c, '《' | '〈');
            open.push((*close, is_title));
            titles_open += usize::from(is_title);
            i += 1;
            continue;
        }
        if open.last().map(|o| o.0) == Some(i) {
            if let Some((_, is_title)) = open.pop() {
                titles_open -= usize::from(is_title);
            }
            i += 1;
            continue;
        }
        if !is_zh_end(c) {
            i += 1;
            continue;
        }

        let mut after_marks = i;
        let mut only_half_width = true;
        while after_marks < n && is_zh_end(chars[after_marks]) {
            only_half_width &= is_half_width_end(chars[after_marks]);
            after_marks += 1;
        }
        let in_title = titles_open > 0;
        let was_protected = !open.is_empty();
        let mut end = after_marks;
        while end < n && is_closer(chars[end]) {
            if open.last().map(|o| o.0) == Some(end) {
                if let Some((_, is_title)) = open.pop() {
                    titles_open -= usize::from(is_title);
                }
            }
            end += 1;
        }
        let splits = if !was_protected {
            // `?` in `a.com/?q=1` is not a sentence end; `?` before a space or CJK is.
            !only_half_width
                || end > after_marks
                || chars
                    .get(end)
                    .is_none_or(|c| c.is_whitespace() || !c.is_ascii())
        } else {
            // Inside quotes: only when the closers right after the marks closed the
            // outermost quotation. Inside title marks: never.
            !in_title && open.is_empty()
        };
        if splits {
            push_zh_piece(
                &chars,
                sentence_start,
                end,
                base,
                paragraph,
                first_of_line,
                out,
            );
            sentence_start = end;
        }
        i = end;
    }
    push_zh_piece(
        &chars,
        sentence_start,
        n,
        base,
        paragraph,
        first_of_line,
        out,
    );
}

/// Emit `chars[from..to]` without surrounding whitespace as a sentence; a piece made only
/// of closing marks and end marks extends the previous sentence of the line instead.
fn push_zh_piece(
    chars: &[char],
    from: usize,
    to: usize,
    base: usize,
    paragraph: usize,
    first_of_line: usize,
    out: &mut Vec<SentenceSpan>,
) {
    let (from, to) = trim_span(chars, from, to);
    if from == to {
        return;
    }
    let only_marks = chars[from..to]
        .iter()
        .all(|&c| is_closer(c) || is_zh_end(c));
    if only_marks && out.len() > first_of_line {
        if let Some(last) = out.last_mut() {
            last.end = base + to;
            return;
        }
    }
    out.push(SentenceSpan {
        start: base + from,
        end: base + to,
        paragraph,
    });
}

fn trim_span(chars: &[char], mut from: usize, mut to: usize) -> (usize, usize) {
    while from < to && chars[from].is_whitespace() {
        from += 1;
    }
    while to > from && chars[to - 1].is_whitespace() {
        to -= 1;
    }
    (from, to)
}

// ---------------------------------------------------------------------------------------
// English sentences

/// Split one line of English into sentences: UAX #29 plus the abbreviation guard.
fn split_en_line(line: &str, base: usize, paragraph: usize, out: &mut Vec<SentenceSpan>) {
    if is_blank(line) {
        return;
    }
    let pieces: Vec<(usize, &str)> = line.split_sentence_bound_indices().collect();
    // Byte ranges of the merged sentences.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
    let mut k = 0;
    while k < pieces.len() {
        let start = pieces[k].0;
        let mut end = start + pieces[k].1.len();
        while k + 1 < pieces.len() && joins_next(&line[start..end], pieces[k + 1].1) {
            k += 1;
            end = pieces[k].0 + pieces[k].1.len();
        }
        merged.push((start, end));
        k += 1;
    }

    // Byte → code-point conversion in one forward walk: the ranges are in order.
    let mut cursor_byte = 0;
    let mut cursor_char = 0;
    let mut to_char = |byte: usize| {
        cursor_char += line[cursor_byte..byte].chars().count();
        cursor_byte = byte;
        cursor_char
    };
    for (start, end) in merged {
        let piece = &line[start..end];
        let trimmed_start = start + (piece.len() - piece.trim_start().len());
        let trimmed_end = start + piece.trim_end().len();
        if trimmed_start >= trimmed_end {
            continue;
        }
        let s = to_char(trimmed_start);
        let e = to_char(trimmed_end);
        out.push(SentenceSpan {
            start: base + s,
            end: base + e,
            paragraph,
        });
    }
}

/// Marks that may stand before a word: skipped when looking at the word itself.
const OPENING_PUNCTUATION: [char; 6] = ['"', '\'', '“', '‘', '(', '['];

/// How an abbreviation behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// Always followed by more of the same sentence: titles, `e.g.`, `vs.`.
    Always,
    /// Joins only before a lowercase word or a number: `No. 5`, `etc. and`.
    BeforeLowerOrDigit,
    /// May end a sentence: joins unless the next word is a likely sentence start.
    Ambiguous,
}

const ALWAYS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Prof.", "Rev.", "Hon.", "Gen.", "Col.", "Capt.", "Lt.",
    "Sgt.", "Gov.", "Sen.", "Rep.", "Pres.", "Amb.", "Messrs.", "Mme.", "e.g.", "i.e.", "vs.",
    "cf.", "viz.",
];

const BEFORE_LOWER_OR_DIGIT: &[&str] = &[
    "No.", "Nos.", "no.", "nos.", "Art.", "Vol.", "vol.", "pp.", "p.", "etc.", "para.", "Para.",
];

const AMBIGUOUS: &[&str] = &[
    "Jr.", "Sr.", "St.", "Co.", "Ltd.", "Inc.", "Corp.", "Bros.", "Dept.", "Jan.", "Feb.", "Mar.",
    "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// Capitalised words that usually begin a sentence. After an abbreviation that can end a
/// sentence (`U.S.`, `Inc.`), one of these means it did.
pub const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "According",
    "After",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "During",
    "Each",
    "Every",
    "For",
    "From",
    "Furthermore",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Later",
    "Many",
    "Meanwhile",
    "Moreover",
    "Most",
    "My",
    "Neither",
    "Nevertheless",
    "No",
    "Now",
    "On",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "Therefore",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "Today",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
    "Your",
];

fn classify_abbreviation(word: &str) -> Option<Abbrev> {
    if ALWAYS.contains(&word) {
        return Some(Abbrev::Always);
    }
    if BEFORE_LOWER_OR_DIGIT.contains(&word) {
        return Some(Abbrev::BeforeLowerOrDigit);
    }
    if AMBIGUOUS.contains(&word) || is_dotted_acronym(word) || is_initial(word) {
        return Some(Abbrev::Ambiguous);
    }
    None
}

/// `U.S.`, `U.K.`, `a.m.`, `D.C.`, `Ph.D.`: at least two groups of one or two letters,
/// each followed by a period.
fn is_dotted_acronym(word: &str) -> bool {
    let Some(body) = word.strip_suffix('.') else {
        return false;
    };
    let groups: Vec<&str> = body.split('.').collect();
    groups.len() >= 2
        && groups
            .iter()
            .all(|g| (1..=2).contains(&g.chars().count()) && g.chars().all(char::is_alphabetic))
}

/// A single capital initial: `J.` in `J. Smith`.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// What follows an abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    End,
    Lower,
    Digit,
    /// A capitalised word from [`SENTENCE_STARTERS`].
    Starter,
    /// Any other capitalised word (a name, `Department`).
    Capital,
    Other,
}

fn next_word(next: &str) -> Next {
    let rest =
        next.trim_start_matches(|c: char| c.is_whitespace() || OPENING_PUNCTUATION.contains(&c));
    let Some(first) = rest.chars().next() else {
        return Next::End;
    };
    if first.is_lowercase() {
        Next::Lower
    } else if first.is_numeric() {
        Next::Digit
    } else if first.is_uppercase() {
        let word_end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        if SENTENCE_STARTERS.contains(&&rest[..word_end]) {
            Next::Starter
        } else {
            Next::Capital
        }
    } else {
        Next::Other
    }
}

/// Whether the sentence piece `piece` (with its trailing space) continues into `next`
/// because it ends in an abbreviation, not a full stop.
fn joins_next(piece: &str, next: &str) -> bool {
    let trimmed = piece.trim_end();
    if !trimmed.ends_with('.') {
        return false;
    }
    let last = trimmed
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or(trimmed)
        .trim_start_matches(OPENING_PUNCTUATION);
    let Some(kind) = classify_abbreviation(last) else {
        return false;
    };
    let next = next_word(next);
    match kind {
        Abbrev::Always => next != Next::End,
        Abbrev::BeforeLowerOrDigit => matches!(next, Next::Lower | Next::Digit),
        Abbrev::Ambiguous => !matches!(next, Next::End | Next::Starter),
    }
}

#[cfg(test)]
mod tests;
