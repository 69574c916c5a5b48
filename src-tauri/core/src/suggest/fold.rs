//! Folding text for matching, one character for one character, so that every code-point
//! offset into the folded text is an offset into the original.
//!
//! * [`shadow`]: traditional → simplified (fast2s, without its two-character context
//!   rules, which would make the fold depend on neighbours), full-width ASCII → ASCII
//!   (ＡＢＣ１２３ → ABC123), the ideographic space → a space, and the variants of the
//!   middle dot used in transliterated names → `·`. Segmentation and the rules read this.
//! * [`key`]: the shadow, lowercased where lowercasing keeps one character (Latin, Greek,
//!   Cyrillic); registry matching reads this.

use std::sync::OnceLock;

/// BMP code point → folded code point (0 = unchanged), for the traditional characters
/// fast2s converts. Built once by converting every three-byte character at once.
fn t2s_table() -> &'static [u16] {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![0u16; 0x1_0000];
        // Each probe character between spaces, so fast2s's context rules see no neighbours.
        let probe: String = ('\u{800}'..='\u{FFFF}').flat_map(|c| [c, ' ']).collect();
        let converted = fast2s::convert(&probe);
        for (original, simplified) in probe.chars().zip(converted.chars()) {
            let (o, s) = (original as u32, simplified as u32);
            if o != s && o <= 0xFFFF && s <= 0xFFFF {
                table[o as usize] = s as u16;
            }
        }
        table
    })
}

/// Load the folding table now (it takes a few milliseconds), e.g. when a suggester is built.
pub(crate) fn warm_up() {
    let _ = t2s_table();
}

/// One character of the shadow.
#[inline]
pub(crate) fn shadow_char(c: char) -> char {
    let code = c as u32;
    match code {
        0..=0x7F => c,
        0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        0x2022 | 0x2027 | 0x2219 | 0x30FB | 0xFF65 => '·',
        0x800..=0xFFFF => match t2s_table()[code as usize] {
            0 => c,
            s => char::from_u32(u32::from(s)).unwrap_or(c),
        },
        _ => c,
    }
}

/// One character of the matching key: the shadow, lowercased when that gives one character.
#[inline]
pub(crate) fn key_char(c: char) -> char {
    let s = shadow_char(c);
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    if !s.is_alphabetic() || !s.is_uppercase() {
        return s;
    }
    let mut lower = s.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => s,
    }
}

/// The shadow of `text` (same number of characters).
pub(crate) fn shadow(text: &str) -> String {
    text.chars().map(shadow_char).collect()
}

/// The matching key of `text` (same number of characters).
pub(crate) fn key(text: &str) -> String {
    text.chars().map(key_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_one_character_for_one() {
        let text = "嘉朗貿易有限公司（ＫＡ　ＬＯＮＧ）𠮷Ｚüｒｉｃｈ麥穎琛卢卡斯・布伦德利";
        let k = key(text);
        assert_eq!(k.chars().count(), text.chars().count());
        assert_eq!(k, "嘉朗贸易有限公司(ka long)𠮷zürich麦颖琛卢卡斯·布伦德利");
        assert_eq!(shadow("ＡＢＣ１２３"), "ABC123");
        assert_eq!(key("KA LONG TRADING"), "ka long trading");
        // A character whose lowercase is two characters stays as it is.
        assert_eq!(key("İ").chars().count(), 1);
    }
}
