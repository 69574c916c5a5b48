//! Duizhao's domain core: turning the bytes of a statement into an immutable text with
//! sentences and tokens. It knows nothing of Tauri, SQLite or the file system, so every
//! rule here can be tested on plain values and reused by the CLI, the store and the app.
//!
//! Offsets everywhere in this crate are Unicode scalar values (code points), start
//! inclusive, end exclusive, relative to the decoded text.
//!
//! * [`mod@decode`]: bytes → text (encoding detection, strict decoding, newline normalisation).
//! * [`segment`]: text → sentences and tokens (Chinese via jieba-rs, English via UAX #29).
//! * [`prepare`]: both in one step, as an import does it.
//! * [`text`]: cutting text by code-point offsets ([`slice_chars`], [`CharIndex`]).
//! * [`lang`]: the two languages.
//! * [`align`]: sentence alignment (beads with confidence), span-link suggestions, and the
//!   strict/lax scoring of an alignment against gold.
//! * [`suggest`]: entity-mention suggestions (registry matches, jieba POS, rules), the
//!   gazetteer format, and their scoring against gold.
//! * [`projection`]: a mention on one side of a bead → its counterpart span on the other.
//! * [`gloss`]: the words of a Chinese sentence with their pinyin and CC-CEDICT definitions,
//!   for the gloss the window shows when the mouse rests on a word.
//! * [`fuzzy_time`]: the times analysts type for claims ("early October 2018",
//!   "2016年至2018年间", "before 1997") → earliest and latest day.

pub mod align;
pub mod decode;
pub mod fuzzy_time;
pub mod gloss;
pub mod lang;
pub mod prepare;
pub mod projection;
pub mod segment;
pub mod suggest;
pub mod text;

pub use decode::{decode, DecodeError, Decoded, IMPORT_ENCODINGS, MAX_IMPORT_BYTES};
pub use lang::Lang;
pub use prepare::{prepare_text, segment_decoded, PreparedText};
pub use segment::{Segmenter, SentenceSpan, TokenSpan, ZhWord};
pub use text::{slice_chars, CharIndex};
