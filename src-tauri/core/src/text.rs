//! Cutting text by code-point offsets.
//!
//! Every offset in Duizhao is a Unicode scalar value index (see the crate docs), while Rust
//! strings are indexed by UTF-8 bytes. This module is the one place that converts: use
//! [`slice_chars`] for a single cut and [`CharIndex`] when many spans of the same text are
//! checked or cut (a store loading thousands of anchors, the segmenter's own tests).

/// The part of `text` between code points `start` (inclusive) and `end` (exclusive), or
/// `None` if `start > end` or `end` is past the end of the text.
///
/// Walks the text once; for many spans over one text build a [`CharIndex`].
pub fn slice_chars(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut start_byte = None;
    let mut count = 0;
    for (byte, _) in text.char_indices() {
        if count == start {
            start_byte = Some(byte);
        }
        if count == end {
            return start_byte.map(|s| &text[s..byte]);
        }
        count += 1;
    }
    // `end` may be exactly the length of the text.
    if count == end {
        let s = if count == start {
            text.len()
        } else {
            start_byte?
        };
        return Some(&text[s..]);
    }
    None
}

/// How many code points lie between two checkpoints of a [`CharIndex`]. Small enough that
/// the scan from a checkpoint is a few cache lines, large enough that the table costs
/// well under a byte per character.
const STRIDE: usize = 32;

/// A code point → byte offset table for one text, built in one pass.
///
/// It stores the byte offset of every 32nd code point (and nothing at all for ASCII-only
/// text, where the two coincide), so a lookup is a table read plus a scan of at most 31
/// characters: constant time for the span checks the store and the UI boundary do by the
/// thousand, without an 8-bytes-per-character table for a million-character text.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    len_chars: usize,
    /// Byte offset of code point `k * STRIDE`; empty when the text is ASCII.
    checkpoints: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    /// Index `text`.
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                text,
                len_chars: text.len(),
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len_chars = 0;
        for (byte, _) in text.char_indices() {
            if len_chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            len_chars += 1;
        }
        CharIndex {
            text,
            len_chars,
            checkpoints,
        }
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The length of the text in code points.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len_chars == 0
    }

    /// The byte offset of code point `char_offset`; `len_chars()` maps to the byte length.
    /// `None` past the end.
    pub fn byte_offset(&self, char_offset: usize) -> Option<usize> {
        if char_offset > self.len_chars {
            return None;
        }
        if char_offset == self.len_chars {
            return Some(self.text.len());
        }
        if self.checkpoints.is_empty() {
            return Some(char_offset);
        }
        let base = self.checkpoints[char_offset / STRIDE];
        let skip = char_offset % STRIDE;
        self.text[base..]
            .char_indices()
            .nth(skip)
            .map(|(byte, _)| base + byte)
    }

    /// The code point offset of `byte_offset`, or `None` if it is past the end or not on a
    /// character boundary.
    pub fn char_offset(&self, byte_offset: usize) -> Option<usize> {
        if byte_offset > self.text.len() || !self.text.is_char_boundary(byte_offset) {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(byte_offset);
        }
        // The last checkpoint at or before `byte_offset`.
        let k = self.checkpoints.partition_point(|&b| b <= byte_offset) - 1;
        let base = self.checkpoints[k];
        Some(k * STRIDE + self.text[base..byte_offset].chars().count())
    }

    /// The text between code points `start` and `end`, or `None` if the span is inverted or
    /// out of range.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end || end > self.len_chars {
            return None;
        }
        let s = self.byte_offset(start)?;
        // Scan forward from `start` instead of a second table lookup when the span is short.
        let e = if end - start <= STRIDE {
            self.text[s..]
                .char_indices()
                .nth(end - start)
                .map_or(self.text.len(), |(b, _)| s + b)
        } else {
            self.byte_offset(end)?
        };
        Some(&self.text[s..e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str = "a𠮷b👍中文𡃁 end";

    #[test]
    fn slice_chars_cuts_by_code_points() {
        assert_eq!(slice_chars(MIXED, 0, 1), Some("a"));
        assert_eq!(slice_chars(MIXED, 1, 2), Some("𠮷"));
        assert_eq!(slice_chars(MIXED, 3, 4), Some("👍"));
        assert_eq!(slice_chars(MIXED, 4, 7), Some("中文𡃁"));
        assert_eq!(slice_chars(MIXED, 8, 11), Some("end"));
        assert_eq!(slice_chars(MIXED, 11, 11), Some(""));
        assert_eq!(slice_chars(MIXED, 0, 11), Some(MIXED));
    }

    #[test]
    fn slice_chars_rejects_bad_spans() {
        assert_eq!(slice_chars(MIXED, 0, 12), None);
        assert_eq!(slice_chars(MIXED, 12, 12), None);
        assert_eq!(slice_chars(MIXED, 3, 2), None);
        assert_eq!(slice_chars("", 0, 0), Some(""));
        assert_eq!(slice_chars("", 0, 1), None);
    }

    #[test]
    fn char_index_agrees_with_slice_chars_everywhere() {
        let text: String = (0..200)
            .map(|i| match i % 5 {
                0 => 'a',
                1 => '𠮷',
                2 => '中',
                3 => '👍',
                _ => ' ',
            })
            .collect();
        let index = CharIndex::new(&text);
        assert_eq!(index.len_chars(), 200);
        for start in 0..=200 {
            for end in start..=200 {
                assert_eq!(
                    index.slice(start, end),
                    slice_chars(&text, start, end),
                    "{start}..{end}"
                );
            }
        }
        assert_eq!(index.slice(0, 201), None);
        assert_eq!(index.slice(5, 4), None);
    }

    #[test]
    fn char_index_round_trips_offsets() {
        let index = CharIndex::new(MIXED);
        for (char_offset, (byte, _)) in MIXED.char_indices().enumerate() {
            assert_eq!(index.byte_offset(char_offset), Some(byte));
            assert_eq!(index.char_offset(byte), Some(char_offset));
        }
        assert_eq!(index.byte_offset(11), Some(MIXED.len()));
        assert_eq!(index.char_offset(MIXED.len()), Some(11));
        assert_eq!(index.byte_offset(12), None);
        assert_eq!(index.char_offset(2), None, "inside 𠮷");
    }

    #[test]
    fn char_index_ascii_fast_path() {
        let index = CharIndex::new("hello");
        assert_eq!(index.slice(1, 4), Some("ell"));
        assert_eq!(index.byte_offset(5), Some(5));
        assert_eq!(index.char_offset(3), Some(3));
        assert!(CharIndex::new("").is_empty());
    }
}
