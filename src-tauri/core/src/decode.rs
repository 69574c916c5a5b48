//! Turning the bytes of an imported file into text.
//!
//! [`decode`] is the only way bytes become a Duizhao text, so everything the rest of the
//! app assumes about a text is established here:
//!
//! * **Strict.** Bytes that are not valid in the chosen encoding are an error
//!   ([`DecodeError::Malformed`], with the byte offset and line), never U+FFFD: a text is
//!   immutable once imported, so damage done while decoding would be permanent.
//! * **BOM stripped.** A byte order mark is not part of the text (offsets start after it).
//! * **Newlines normalised.** CRLF and a lone CR both become LF, so that offsets do not
//!   depend on the platform the file was written on and "one line" means the same for
//!   every file. [`Decoded::newlines_normalised`] says whether anything was changed.
//! * **A DOS end-of-file mark dropped.** Old DOS and Windows editors ended files with one
//!   Ctrl-Z (U+001A); it marks the end, it is not text, so a final one is removed.
//! * **No control characters.** NUL and the C0 controls other than tab, LF, CR and form
//!   feed mean the file is not text ([`DecodeError::Binary`]).
//! * **SHA-256 of the original bytes**, so the same file is recognised however it decodes.
//!
//! Detection, when the caller does not force an encoding: BOM (UTF-8, UTF-16LE/BE) →
//! well-known binary signatures → NUL bytes (BOM-less UTF-16 if they sit in every other
//! byte, otherwise binary) → valid UTF-8 (which includes plain ASCII) → `chardetng` over
//! the whole input, decoded strictly. chardetng's guess is overridden in two places: English
//! with a few stray typographic bytes is windows-1252 (`prefer_windows_1252`), and a guess
//! outside the encodings Chinese and English files come in (GBK/gb18030, Big5,
//! windows-1252) is replaced by the more plausible of those (see `choose_legacy_encoding`).

use encoding_rs::{
    DecoderResult, Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Inputs larger than this are refused. Callers check the file size before reading.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// The encodings a user may force on an import, by label (each one also names the encoding
/// [`Decoded::encoding`] reports, compared without regard to case). Other labels
/// `encoding_rs` understands still decode, but these are the ones Chinese and English files
/// come in, and the ones the window offers.
pub const IMPORT_ENCODINGS: [&str; 7] = [
    "utf-8",
    "utf-16le",
    "utf-16be",
    "gb18030",
    "gbk",
    "big5",
    "windows-1252",
];

/// The labels offered to the user when a forced encoding is not understood: the
/// [`IMPORT_ENCODINGS`], in their order.
const LABEL_HINT: &str = "try utf-8, utf-16le, utf-16be, gb18030, gbk, big5, windows-1252";

/// A successfully decoded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decoded {
    /// The decoded text: BOM stripped, CRLF and lone CR turned into LF.
    pub text: String,
    /// The `encoding_rs` name of the encoding actually used ("UTF-8", "UTF-16LE",
    /// "UTF-16BE", "GBK", "gb18030", "Big5", "windows-1252", …).
    pub encoding: String,
    /// False when the caller forced the encoding.
    pub detected: bool,
    /// Whether the file started with a byte order mark (which was stripped).
    pub had_bom: bool,
    /// True if any CR was changed (CRLF → LF or CR → LF).
    pub newlines_normalised: bool,
    /// Lowercase hex SHA-256 of the original bytes, BOM and CRs included.
    pub sha256: String,
}

/// Why a file could not be decoded. Each message is a one-liner meant for the user; the
/// caller prefixes the file name.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty (0 bytes)")]
    Empty,
    #[error("the file is too large ({}; the limit is {})", human_size(.size), human_size(.limit))]
    TooLarge { size: u64, limit: u64 },
    #[error("looks like a binary file ({reason})")]
    Binary { reason: String },
    #[error("unknown encoding `{label}` ({LABEL_HINT})")]
    UnknownEncoding { label: String },
    /// A label `encoding_rs` knows but that cannot be used to import text (for example
    /// `iso-2022-kr`, which the Encoding Standard maps to the "replacement" encoding).
    #[error("the encoding `{label}` is not supported for import ({LABEL_HINT})")]
    UnsupportedEncoding { label: String },
    /// `byte_offset` is 0-based from the start of the file (BOM included); `line` is 1-based.
    #[error("not valid {encoding} at byte {byte_offset} (line {line})")]
    Malformed {
        encoding: String,
        byte_offset: usize,
        line: usize,
    },
}

fn human_size(bytes: &u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if *bytes >= MIB {
        let tenths = bytes * 10 / MIB;
        if tenths.is_multiple_of(10) {
            format!("{} MiB", tenths / 10)
        } else {
            format!("{}.{} MiB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{bytes} bytes")
    }
}

/// Decode `bytes`, detecting the encoding unless `forced` names one (any label
/// `encoding_rs::Encoding::for_label` accepts: "utf-8", "utf-16le", "gbk", "latin1", …).
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DecodeError> {
    let size = bytes.len() as u64;
    if size > MAX_IMPORT_BYTES {
        return Err(DecodeError::TooLarge {
            size,
            limit: MAX_IMPORT_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }

    let (text, encoding, had_bom) = match forced {
        Some(label) => decode_forced(bytes, label)?,
        None => decode_detected(bytes)?,
    };
    let text = strip_dos_end_of_file(text);
    check_control_chars(&text)?;
    let (text, newlines_normalised) = normalise_newlines(text);
    Ok(Decoded {
        text,
        encoding: encoding.to_string(),
        detected: forced.is_none(),
        had_bom,
        newlines_normalised,
        sha256: sha256_hex(bytes),
    })
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    out
}

fn decode_forced(bytes: &[u8], label: &str) -> Result<(String, &'static str, bool), DecodeError> {
    let trimmed = label.trim();
    let encoding =
        Encoding::for_label(trimmed.as_bytes()).ok_or_else(|| DecodeError::UnknownEncoding {
            label: label.to_string(),
        })?;
    // Labels such as iso-2022-kr and hz-gb-2312 resolve to the Encoding Standard's
    // "replacement" encoding, which decodes any input to a single U+FFFD.
    if encoding == encoding_rs::REPLACEMENT {
        return Err(DecodeError::UnsupportedEncoding {
            label: label.to_string(),
        });
    }
    if let Some(reason) = binary_signature(bytes) {
        return Err(DecodeError::Binary {
            reason: reason.to_string(),
        });
    }
    // A BOM that agrees with the forced encoding is still a BOM, not text. A BOM of another
    // encoding is left alone (the user said what the bytes are), except that the generic
    // label "utf-16", which the Encoding Standard resolves to UTF-16LE, names no byte
    // order, so a UTF-16BE BOM decides.
    let generic_utf16 = trimmed.eq_ignore_ascii_case("utf-16");
    let (body, had_bom, encoding) = match Encoding::for_bom(bytes) {
        Some((bom_encoding, len)) if bom_encoding == encoding => (&bytes[len..], true, encoding),
        Some((bom_encoding, len)) if generic_utf16 && bom_encoding == UTF_16BE => {
            (&bytes[len..], true, UTF_16BE)
        }
        _ => (bytes, false, encoding),
    };
    let offset = bytes.len() - body.len();
    let text = decode_strict(body, encoding, offset)?;
    let name = name_for(encoding, body);
    Ok((text, name, had_bom))
}

fn decode_detected(bytes: &[u8]) -> Result<(String, &'static str, bool), DecodeError> {
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        let text = decode_strict(&bytes[len..], encoding, len)?;
        return Ok((text, encoding.name(), true));
    }
    if let Some(reason) = binary_signature(bytes) {
        return Err(DecodeError::Binary {
            reason: reason.to_string(),
        });
    }
    if bytes.contains(&0) {
        return match bomless_utf16(bytes) {
            Some(encoding) => {
                let text = decode_strict(bytes, encoding, 0)?;
                Ok((text, encoding.name(), false))
            }
            None => Err(DecodeError::Binary {
                reason: "it contains NUL bytes".to_string(),
            }),
        };
    }
    if control_byte_share_is_high(bytes) {
        return Err(DecodeError::Binary {
            reason: "it is full of control characters".to_string(),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), UTF_8.name(), false));
    }

    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    let encoding = choose_legacy_encoding(bytes, guess);
    let text = decode_strict(bytes, encoding, 0)?;
    Ok((text, name_for(encoding, bytes), false))
}

/// The legacy encoding to decode with, given chardetng's `guess`.
///
/// Duizhao imports Chinese and English, so the legacy encodings it expects are GBK (and
/// its superset gb18030), Big5 and windows-1252. chardetng is built for the whole Web and
/// on very short inputs it can land elsewhere: for 你好 alone in GBK it says EUC-KR, for
/// 李 windows-1254, for `Mr. Li (李明) said so.` EUC-JP. So its guess is taken only when
/// it is one of the three; otherwise the choice is made among them by
/// [`chinese_candidate`]. Korean or Japanese legacy files therefore need a forced
/// encoding, which is the right trade for this app. Before all that,
/// [`prefer_windows_1252`] catches English with a few typographic bytes.
fn choose_legacy_encoding(bytes: &[u8], guess: &'static Encoding) -> &'static Encoding {
    if prefer_windows_1252(bytes) {
        return WINDOWS_1252;
    }
    if guess == GBK || guess == BIG5 || guess == WINDOWS_1252 {
        return guess;
    }
    chinese_candidate(bytes).unwrap_or(WINDOWS_1252)
}

/// GBK or Big5, whichever reads `bytes` as more plausible Chinese, or `None` if neither
/// does. A reading qualifies if it decodes strictly, has no private-use characters (what
/// the other encoding's byte pairs often turn into) and at least half of its non-ASCII
/// characters are ideographs or CJK punctuation. Among qualifying readings, the one with
/// the larger share of byte pairs in the encoding's "frequent characters" block wins
/// (GB2312 level 1, lead 0xB0..=0xD7 with trail ≥ 0xA1; Big5 level 1, lead 0xA4..=0xC6);
/// on a tie GBK wins, mainland statements being the common case.
fn chinese_candidate(bytes: &[u8]) -> Option<&'static Encoding> {
    let gbk = plausible_chinese(bytes, GBK).then(|| frequent_pair_share(bytes, 0xB0..=0xD7, 0xA1));
    let big5 =
        plausible_chinese(bytes, BIG5).then(|| frequent_pair_share(bytes, 0xA4..=0xC6, 0x40));
    match (gbk, big5) {
        (Some(g), Some(b)) => Some(if b > g { BIG5 } else { GBK }),
        (Some(_), None) => Some(GBK),
        (None, Some(_)) => Some(BIG5),
        (None, None) => None,
    }
}

fn plausible_chinese(bytes: &[u8], encoding: &'static Encoding) -> bool {
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return false;
    };
    let (mut non_ascii, mut cjk) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        match c {
            '\u{E000}'..='\u{F8FF}' => return false,
            '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' => cjk += 1,
            _ => {}
        }
    }
    non_ascii > 0 && cjk * 2 >= non_ascii
}

/// Of the two-byte sequences in `bytes` (a high lead byte and whatever follows), the share
/// in permille whose lead is in `leads` and whose trail is at least `min_trail`.
fn frequent_pair_share(bytes: &[u8], leads: std::ops::RangeInclusive<u8>, min_trail: u8) -> usize {
    let (mut pairs, mut frequent) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] >= 0x81 {
            pairs += 1;
            if leads.contains(&bytes[i]) && bytes.get(i + 1).is_some_and(|t| *t >= min_trail) {
                frequent += 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    frequent * 1000 / pairs.max(1)
}

/// Whether to import as windows-1252 although chardetng guessed something else.
///
/// chardetng scores whole-text statistics, and on a short English text whose only
/// non-ASCII bytes are a few typographic characters (0x93/0x94 curly quotes, 0x96 en dash,
/// 0xE9 é) there is little to score: such bytes also form valid GBK or Big5 pairs with the
/// ASCII letter that follows them (a GBK trail byte may be 0x40..=0x7E), so a CJK guess can
/// win by accident and the text would come out as nonsense ideographs. Real Chinese text is
/// the opposite: mostly non-ASCII, with high bytes in pairs. So when more than 95% of the
/// bytes are ASCII and no two high bytes are adjacent, windows-1252 is the honest reading.
pub(crate) fn prefer_windows_1252(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    if high == 0 || high * 20 >= bytes.len() {
        return false;
    }
    !bytes.windows(2).any(|w| w[0] >= 0x80 && w[1] >= 0x80)
}

/// The name to report for `encoding` having decoded `bytes`. The GBK decoder of the
/// Encoding Standard is the gb18030 decoder, so what chardetng calls GBK may contain
/// four-byte gb18030 sequences; then "gb18030" is the truthful name.
fn name_for(encoding: &'static Encoding, bytes: &[u8]) -> &'static str {
    if encoding == GBK && has_gb18030_four_byte_sequence(bytes) {
        GB18030.name()
    } else {
        encoding.name()
    }
}

/// Whether `bytes` (valid gb18030) use a four-byte sequence: lead 0x81..=0xFE followed by
/// a digit 0x30..=0x39, which no two-byte GBK sequence has as its trail.
fn has_gb18030_four_byte_sequence(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x81..=0xFE).contains(&b) {
            match bytes.get(i + 1) {
                Some(0x30..=0x39) => return true,
                _ => i += 2,
            }
        } else {
            i += 1;
        }
    }
    false
}

/// A BOM-less UTF-16 file of mostly Latin or CJK-with-ASCII text has its NUL bytes in
/// every other position. Anything else with NULs in it is treated as binary.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = bytes.len() / 2;
    // Require a clear pattern: NULs on one side only, and in at least a fifth of the code
    // units (newlines and spaces alone give that much in CJK text).
    if even == 0 && odd * 5 >= units {
        Some(UTF_16LE)
    } else if odd == 0 && even * 5 >= units {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Well-known file signatures, named the way a user would recognise them.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (
            b"PK\x03\x04",
            "a ZIP archive, or a .docx/.xlsx/.odt document",
        ),
        (b"PK\x05\x06", "a ZIP archive"),
        (b"\x7FELF", "an ELF executable"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Microsoft Office document (.doc/.xls)",
        ),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, name)| *name)
}

/// Removes one Ctrl-Z (U+001A) at the very end of the text, where DOS-era editors put it.
fn strip_dos_end_of_file(mut text: String) -> String {
    if text.ends_with('\u{1A}') {
        text.pop();
    }
    text
}

/// Text control bytes that are legitimate in a text file.
fn is_allowed_control(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\x0C')
}

/// A quick pre-check so that a binary blob gets "binary" rather than a confusing
/// "not valid GBK at byte 3" from a detector that had to guess something.
fn control_byte_share_is_high(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|b| **b < 0x20 && !is_allowed_control(char::from(**b)))
        .count();
    controls * 10 > sample.len() // more than 10%
}

/// After decoding: NUL and C0 controls (other than tab, LF, CR, form feed) are not text.
fn check_control_chars(text: &str) -> Result<(), DecodeError> {
    let mut line = 1;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        } else if (c as u32) < 0x20 && !is_allowed_control(c) {
            return Err(DecodeError::Binary {
                reason: format!(
                    "it contains the control character U+{:04X} on line {line}",
                    c as u32
                ),
            });
        }
    }
    Ok(())
}

/// Decode `body` strictly; `offset` is where `body` starts in the file (after a BOM), so
/// that reported byte offsets are file offsets.
fn decode_strict(
    body: &[u8],
    encoding: &'static Encoding,
    offset: usize,
) -> Result<String, DecodeError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let mut consumed = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&body[consumed..], &mut text, true);
        consumed += read;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(body.len() - consumed)
                    .unwrap_or(1024);
                text.reserve(more.max(16));
            }
            DecoderResult::Malformed(bad, after) => {
                let bad_start = consumed.saturating_sub(usize::from(after) + usize::from(bad));
                return Err(DecodeError::Malformed {
                    encoding: encoding.name().to_string(),
                    byte_offset: offset + bad_start,
                    line: line_of_end(&text),
                });
            }
        }
    }
}

/// The 1-based line on which the end of `text` lies, counting LF, CRLF and lone CR.
fn line_of_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut line = 1;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'\n' => line += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
    }
    line
}

/// CRLF → LF and lone CR → LF. Returns whether anything changed.
fn normalise_newlines(text: String) -> (String, bool) {
    if !text.contains('\r') {
        return (text, false);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    (out, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, used, had_errors) = encoding.encode(text);
        assert_eq!(used, encoding, "encoder fell back to another encoding");
        assert!(
            !had_errors,
            "{text:?} is not representable in {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut push = |unit: u16| {
            if big_endian {
                out.extend_from_slice(&unit.to_be_bytes());
            } else {
                out.extend_from_slice(&unit.to_le_bytes());
            }
        };
        if bom {
            push(0xFEFF);
        }
        for unit in text.encode_utf16() {
            push(unit);
        }
        out
    }

    const ZH_SHORT: &str = "我们明天去北京开会。";
    const ZH_TWO: &str = "国务院新闻办公室今天发表白皮书。文件全面介绍了有关情况。";
    const ZH_TRAD: &str = "我們明天去臺北開會，討論經濟發展問題。";

    #[test]
    fn utf8_without_bom() {
        let d = decode("他说：“你好。” 👍 𠮷".as_bytes(), None).unwrap();
        assert_eq!(d.text, "他说：“你好。” 👍 𠮷");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.detected);
        assert!(!d.had_bom);
        assert!(!d.newlines_normalised);
    }

    #[test]
    fn utf8_with_bom_is_stripped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("中文".as_bytes());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "中文");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_bom);
    }

    #[test]
    fn plain_ascii_is_utf8() {
        let d = decode(b"Hello world.\n", None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "Hello world.\n");
    }

    #[test]
    fn utf16le_with_bom() {
        let text = "对照 Duizhao 𡃁\n第二行";
        let d = decode(&utf16(text, false, true), None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.had_bom);
    }

    #[test]
    fn utf16be_with_bom() {
        let text = "对照 Duizhao 👍";
        let d = decode(&utf16(text, true, true), None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "UTF-16BE");
        assert!(d.had_bom);
    }

    #[test]
    fn utf16le_without_bom_is_recognised_by_its_nul_pattern() {
        let text = "The statement of 12 May.\nIt was short.";
        let d = decode(&utf16(text, false, false), None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(!d.had_bom);
        let d = decode(&utf16(text, true, false), None).unwrap();
        assert_eq!(d.encoding, "UTF-16BE");
    }

    #[test]
    fn gbk_short_sentence() {
        let d = decode(&encode(GBK, ZH_SHORT), None).unwrap();
        assert_eq!(d.text, ZH_SHORT);
        assert_eq!(d.encoding, "GBK");
    }

    #[test]
    fn gbk_two_sentences() {
        let d = decode(&encode(GBK, ZH_TWO), None).unwrap();
        assert_eq!(d.text, ZH_TWO);
        assert_eq!(d.encoding, "GBK");
    }

    #[test]
    fn gb2312_subset_text_is_gbk() {
        // Every character here is in GB2312, the subset most old files use.
        let text = "中华人民共和国外交部发言人答记者问。";
        let d = decode(&encode(GBK, text), None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "GBK");
    }

    #[test]
    fn gbk_paragraph_with_ascii_and_newlines() {
        let text =
            "第一条　为了规范管理，制定本办法。\r\n第二条　本办法自2016年10月1日起施行。\r\n";
        let d = decode(&encode(GBK, text), None).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.text, text.replace("\r\n", "\n"));
        assert!(d.newlines_normalised);
    }

    #[test]
    fn gb18030_four_byte_sequences_are_reported_as_gb18030() {
        // 𠮷 (U+20BB7) is not in GBK; gb18030 encodes it in four bytes.
        let text = "我们的同事𠮷先生明天到北京。";
        let bytes = encode(GB18030, text);
        assert!(has_gb18030_four_byte_sequence(&bytes));
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn very_short_gbk_is_not_taken_for_korean_or_turkish() {
        // chardetng alone guesses EUC-KR, windows-1254 and EUC-JP for these.
        for text in ["你好", "李", "Mr. Li (李明) said so."] {
            let d = decode(&encode(GBK, text), None).unwrap();
            assert_eq!((d.text.as_str(), d.encoding.as_str()), (text, "GBK"));
        }
    }

    #[test]
    fn very_short_big5_is_found_by_plausibility() {
        // chardetng alone guesses ISO-8859-2; as GBK the bytes contain private-use characters.
        let d = decode(&encode(BIG5, "許多"), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("許多", "Big5"));
    }

    #[test]
    fn big5_traditional_chinese() {
        let d = decode(&encode(BIG5, ZH_TRAD), None).unwrap();
        assert_eq!(d.text, ZH_TRAD);
        assert_eq!(d.encoding, "Big5");
    }

    #[test]
    fn big5_two_sentences() {
        let text = "中華民國外交部今天發表聲明。該聲明表示，政府將持續關注。";
        let d = decode(&encode(BIG5, text), None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "Big5");
    }

    #[test]
    fn windows_1252_with_accent() {
        let bytes = b"Mr. P\xE9rez arrived in Beijing on Monday.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.text, "Mr. Pérez arrived in Beijing on Monday.");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn windows_1252_curly_quotes_and_en_dash_are_not_gbk() {
        let bytes = b"\x93He said so,\x94 the spokesman noted \x96 twice.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(
            d.text,
            "\u{201C}He said so,\u{201D} the spokesman noted \u{2013} twice."
        );
    }

    #[test]
    fn windows_1252_longer_english_text() {
        let bytes = b"The ministry\x92s statement of 3 May \x96 issued in Beijing \x96 \
            said that Mr. P\xE9rez had \x93no role\x94 in the talks. It added that the \
            caf\xE9 meeting was private.\r\n";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("ministry\u{2019}s"));
        assert!(d.text.contains("café"));
        assert!(d.text.ends_with("private.\n"));
    }

    #[test]
    fn prefer_windows_1252_rule() {
        assert!(prefer_windows_1252(
            b"A \x93quoted\x94 word in a line that is mostly ASCII text."
        ));
        // Adjacent high bytes: a CJK pair, not a stray typographic byte.
        assert!(!prefer_windows_1252(
            b"A name \xC0\xEE in a mostly ASCII line......"
        ));
        // Too many high bytes to be a stray few.
        assert!(!prefer_windows_1252(b"\x93a\x94b\x96c"));
        assert!(!prefer_windows_1252(b"pure ascii"));
    }

    #[test]
    fn empty_input() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert_eq!(
            DecodeError::Empty.to_string(),
            "the file is empty (0 bytes)"
        );
    }

    #[test]
    fn too_large_message() {
        let e = DecodeError::TooLarge {
            size: 70 * 1024 * 1024 + 512 * 1024,
            limit: MAX_IMPORT_BYTES,
        };
        assert_eq!(
            e.to_string(),
            "the file is too large (70.5 MiB; the limit is 64 MiB)"
        );
    }

    #[test]
    fn png_is_binary() {
        let bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        let e = decode(bytes, None).unwrap_err();
        assert_eq!(
            e,
            DecodeError::Binary {
                reason: "a PNG image".into()
            }
        );
        assert_eq!(e.to_string(), "looks like a binary file (a PNG image)");
        // Forcing an encoding does not turn a PNG into text.
        assert!(matches!(
            decode(bytes, Some("windows-1252")),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn other_signatures_are_binary() {
        for (bytes, what) in [
            (&b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"[..], "PDF"),
            (&b"PK\x03\x04\x14\0\x06\0"[..], "ZIP"),
            (&b"\xFF\xD8\xFF\xE0\0\x10JFIF"[..], "JPEG"),
            (&b"GIF89a\x01\0\x01\0"[..], "GIF"),
            (&b"\x7FELF\x02\x01\x01\0"[..], "ELF"),
        ] {
            match decode(bytes, None) {
                Err(DecodeError::Binary { reason }) => assert!(reason.contains(what), "{reason}"),
                other => panic!("{what}: {other:?}"),
            }
        }
    }

    #[test]
    fn nul_bytes_are_binary() {
        let e = decode(b"abc\0\x01\x02def\0\0\0xyz", None).unwrap_err();
        assert!(matches!(e, DecodeError::Binary { .. }), "{e:?}");
    }

    #[test]
    fn many_control_bytes_are_binary() {
        let bytes: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' + i % 26 })
            .collect();
        let e = decode(&bytes, None).unwrap_err();
        assert!(matches!(e, DecodeError::Binary { .. }), "{e:?}");
    }

    #[test]
    fn a_final_dos_end_of_file_mark_is_dropped_but_not_one_inside() {
        // "通知。\r\n" three times in GBK, then Ctrl-Z, as a DOS editor saved it.
        let mut bytes = b"\xcd\xa8\xd6\xaa\xa1\xa3\r\n".repeat(3);
        bytes.push(0x1a);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.text, "通知。\n".repeat(3));
        assert!(matches!(
            decode(b"one\x1atwo", None),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn a_stray_control_character_is_reported_with_its_line() {
        let e = decode(b"line one\nline two \x07 bell\n", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "looks like a binary file (it contains the control character U+0007 on line 2)"
        );
    }

    #[test]
    fn form_feed_and_tab_are_text() {
        let d = decode(b"page one\tcol\n\x0Cpage two", None).unwrap();
        assert_eq!(d.text, "page one\tcol\n\x0Cpage two");
    }

    #[test]
    fn forced_gbk_decodes_and_is_not_detected() {
        let d = decode(&encode(GBK, ZH_TWO), Some("gbk")).unwrap();
        assert_eq!(d.text, ZH_TWO);
        assert_eq!(d.encoding, "GBK");
        assert!(!d.detected);
    }

    #[test]
    fn forced_labels_are_resolved() {
        let cases = [
            ("utf-8", "UTF-8"),
            ("UTF8", "UTF-8"),
            (" gb2312 ", "GBK"),
            ("gb18030", "gb18030"),
            ("big5", "Big5"),
            ("latin1", "windows-1252"),
            ("windows-1252", "windows-1252"),
        ];
        for (label, name) in cases {
            let d = decode(b"plain ascii", Some(label)).unwrap();
            assert_eq!(d.encoding, name, "{label}");
        }
        let d = decode(&utf16("ab", false, false), Some("utf-16le")).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("ab", "UTF-16LE"));
        let d = decode(&utf16("ab", true, true), Some("utf-16be")).unwrap();
        assert_eq!((d.text.as_str(), d.had_bom), ("ab", true));
    }

    #[test]
    fn forced_generic_utf16_follows_the_bom() {
        let d = decode(&utf16("对照", true, true), Some("utf-16")).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("对照", "UTF-16BE"));
        let d = decode(&utf16("对照", false, true), Some("UTF-16")).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("对照", "UTF-16LE"));
        assert!(d.had_bom);
    }

    #[test]
    fn too_large_input_is_refused_before_anything_else() {
        let bytes = vec![b'a'; MAX_IMPORT_BYTES as usize + 1];
        assert_eq!(
            decode(&bytes, None),
            Err(DecodeError::TooLarge {
                size: MAX_IMPORT_BYTES + 1,
                limit: MAX_IMPORT_BYTES
            })
        );
    }

    #[test]
    fn forced_windows_1252_on_a_gbk_file_still_decodes() {
        // The user is allowed to be wrong: windows-1252 maps every byte.
        let d = decode(&encode(GBK, ZH_SHORT), Some("windows-1252")).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_ne!(d.text, ZH_SHORT);
    }

    #[test]
    fn invalid_bytes_in_forced_encoding_give_offset_and_line() {
        let mut bytes = b"first line\nsecond\n".to_vec(); // 18 bytes
        bytes.extend_from_slice(b"ok \xFF\xFE bad");
        let e = decode(&bytes, Some("utf-8")).unwrap_err();
        assert_eq!(
            e,
            DecodeError::Malformed {
                encoding: "UTF-8".into(),
                byte_offset: 21,
                line: 3
            }
        );
        assert_eq!(e.to_string(), "not valid UTF-8 at byte 21 (line 3)");
    }

    #[test]
    fn invalid_gbk_gives_offset_and_line() {
        let mut bytes = encode(GBK, "第一行\r\n第二行\r\n"); // 16 bytes
        bytes.extend_from_slice(b"\x81\x7F"); // 0x7F is never a GBK trail byte
        let e = decode(&bytes, Some("gbk")).unwrap_err();
        match e {
            DecodeError::Malformed {
                ref encoding,
                byte_offset,
                line,
            } => {
                assert_eq!(encoding, "GBK");
                assert!(byte_offset == 16 || byte_offset == 17, "{byte_offset}");
                assert_eq!(line, 3);
            }
            ref other => panic!("{other:?}"),
        }
        assert!(e.to_string().starts_with("not valid GBK at byte 1"));
    }

    #[test]
    fn malformed_offset_counts_the_bom() {
        let bytes = b"\xEF\xBB\xBFab\xFF";
        let e = decode(bytes, None).unwrap_err();
        assert_eq!(
            e,
            DecodeError::Malformed {
                encoding: "UTF-8".into(),
                byte_offset: 5,
                line: 1
            }
        );
    }

    #[test]
    fn odd_length_utf16_is_malformed() {
        let mut bytes = utf16("abc", false, true);
        bytes.push(b'x');
        let e = decode(&bytes, None).unwrap_err();
        assert!(
            matches!(e, DecodeError::Malformed { ref encoding, .. } if encoding == "UTF-16LE"),
            "{e:?}"
        );
    }

    #[test]
    fn the_import_encodings_are_the_hinted_labels_and_each_one_decodes_and_names_itself() {
        assert_eq!(LABEL_HINT, format!("try {}", IMPORT_ENCODINGS.join(", ")));
        for label in IMPORT_ENCODINGS {
            let decoded = decode(b"Notice", Some(label)).unwrap();
            assert!(decoded.encoding.eq_ignore_ascii_case(label), "{label}");
            assert!(!decoded.detected);
        }
    }

    #[test]
    fn unknown_label() {
        let e = decode(b"abc", Some("foo")).unwrap_err();
        assert_eq!(
            e,
            DecodeError::UnknownEncoding {
                label: "foo".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "unknown encoding `foo` (try utf-8, utf-16le, utf-16be, gb18030, gbk, big5, windows-1252)"
        );
    }

    #[test]
    fn replacement_label_is_unsupported() {
        let e = decode(b"abc", Some("iso-2022-kr")).unwrap_err();
        assert!(
            matches!(e, DecodeError::UnsupportedEncoding { .. }),
            "{e:?}"
        );
    }

    #[test]
    fn forced_text_with_nul_is_binary() {
        let e = decode(b"abc\0def", Some("windows-1252")).unwrap_err();
        assert!(matches!(e, DecodeError::Binary { .. }), "{e:?}");
    }

    #[test]
    fn crlf_and_lone_cr_are_normalised() {
        let d = decode(b"one\r\ntwo\rthree\n\r\nfour", None).unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\n\nfour");
        assert!(d.newlines_normalised);
        // The hash is of the original bytes, not of the normalised text.
        assert_eq!(d.sha256, sha256_hex(b"one\r\ntwo\rthree\n\r\nfour"));
        assert_ne!(d.sha256, sha256_hex(d.text.as_bytes()));
    }

    #[test]
    fn sha256_of_known_input() {
        let d = decode(b"abc", None).unwrap();
        assert_eq!(
            d.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn decoded_serialises() {
        let d = decode(b"abc", None).unwrap();
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["encoding"], "UTF-8");
        assert_eq!(json["detected"], true);
    }
}
