//! The stored form of a sentence's tokens: one row per sentence instead of one per token.
//! Tokens are derived data (text + segmenter + dictionary) at about 0.6 per character and
//! are always read a sentence at a time; one row per token made storing a 1M-character
//! statement with its translation take several times longer than segmenting it.
//!
//! `offsets` holds, per token, two little-endian u32: its start and end in code points
//! relative to the sentence start. `pos` holds the tokens' POS tags separated by single
//! spaces, or is NULL when the segmenter gives none (English).

use duizhao_core::TokenSpan;

const BYTES_PER_TOKEN: usize = 8;

/// Packs the tokens of the sentence that starts at `sentence_start`. The caller has checked
/// that every token lies inside that sentence.
pub(crate) fn pack(sentence_start: usize, tokens: &[TokenSpan]) -> (Vec<u8>, Option<String>) {
    let mut offsets = Vec::with_capacity(tokens.len() * BYTES_PER_TOKEN);
    for token in tokens {
        for offset in [token.start, token.end] {
            let relative = u32::try_from(offset - sentence_start)
                .expect("a sentence shorter than 4 billion code points");
            offsets.extend_from_slice(&relative.to_le_bytes());
        }
    }
    let pos = tokens.iter().any(|t| t.pos.is_some()).then(|| {
        tokens
            .iter()
            .map(|t| t.pos.unwrap_or("-"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    (offsets, pos)
}

/// Packs token offsets that are already relative to their sentence (sentence edits cut and
/// join packed rows without going back to `TokenSpan`s).
pub(crate) fn pack_relative(tokens: &[(u32, u32)]) -> Vec<u8> {
    let mut offsets = Vec::with_capacity(tokens.len() * BYTES_PER_TOKEN);
    for &(start, end) in tokens {
        offsets.extend_from_slice(&start.to_le_bytes());
        offsets.extend_from_slice(&end.to_le_bytes());
    }
    offsets
}

/// The (start, end) pairs of a packed row, relative to the sentence start.
pub(crate) fn unpack(offsets: &[u8]) -> Result<Vec<(usize, usize)>, String> {
    if !offsets.len().is_multiple_of(BYTES_PER_TOKEN) {
        return Err(format!(
            "token offsets take {} bytes, not a multiple of {BYTES_PER_TOKEN}",
            offsets.len()
        ));
    }
    Ok(offsets
        .chunks_exact(BYTES_PER_TOKEN)
        .map(|pair| {
            let start = u32::from_le_bytes([pair[0], pair[1], pair[2], pair[3]]);
            let end = u32::from_le_bytes([pair[4], pair[5], pair[6], pair[7]]);
            (start as usize, end as usize)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_offsets_relative_to_the_sentence() {
        let tokens = [
            TokenSpan {
                start: 100,
                end: 102,
                pos: Some("nr"),
            },
            TokenSpan {
                start: 102,
                end: 103,
                pos: Some("x"),
            },
        ];
        let (offsets, pos) = pack(100, &tokens);
        assert_eq!(unpack(&offsets).unwrap(), [(0, 2), (2, 3)]);
        assert_eq!(pos.as_deref(), Some("nr x"));
    }

    #[test]
    fn english_tokens_have_no_pos_and_truncated_blobs_are_reported() {
        let (offsets, pos) = pack(
            0,
            &[TokenSpan {
                start: 0,
                end: 5,
                pos: None,
            }],
        );
        assert_eq!(pos, None);
        assert!(unpack(&offsets[..7]).unwrap_err().contains("7 bytes"));
        assert_eq!(unpack(&[]).unwrap(), []);
    }
}
