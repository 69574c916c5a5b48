//! The banded dynamic program over beads.
//!
//! State (i, j): the first i Chinese and j English sentences are aligned. Only cells inside a
//! band around an expected path are visited; the band follows anchors (pairs of sentences
//! that share rare words) where there are any, so time and memory grow linearly with the
//! document, not with the product of its two lengths.

use super::features::{pair_coverage, Sentence};

/// The bead shapes the aligner may choose, as (Chinese sentences, English sentences).
pub(crate) const SHAPES: &[(usize, usize)] = &[
    (1, 1),
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (2, 2),
    (1, 4),
    (4, 1),
    (2, 3),
    (3, 2),
    (0, 1),
    (1, 0),
];

/// The scoring knobs. Defaults are set from first principles (a length model in standard
/// deviations, a lexical term in units of coverage, priors in log-odds), not fitted per file.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    /// English characters per Chinese character in this document.
    pub ratio: f32,
    /// Variance of the English length around `ratio × Chinese length`, per character.
    pub variance: f32,
    /// Weight of the lexical term (1 − coverage, per sentence of the bead).
    pub lexical: f32,
    /// Extra cost of each bead shape, indexed like [`SHAPES`].
    pub shape_cost: [f32; SHAPES.len()],
    /// Half-width of the band, in sentences.
    pub band: usize,
    /// The cost of leaving a bracketed note without counterpart, instead of the 0-1/1-0
    /// shape cost.
    pub note_skip_cost: f32,
}

impl Params {
    pub(crate) fn new(ratio: f32, variance: f32) -> Self {
        Params {
            ratio,
            variance,
            // One unit of lexical cost is a whole sentence without any matched word; ten of
            // them outweigh a length mismatch of four standard deviations (δ²/2 = 8).
            lexical: 10.0,
            // Merged beads are rarer than 1-1 and always fit lengths more easily (one
            // variance over more characters), so each extra sentence must earn its place.
            shape_cost: [
                0.0,  // 1-1
                4.0,  // 1-2
                4.0,  // 2-1
                8.8,  // 1-3
                8.8,  // 3-1
                10.4, // 2-2
                13.6, // 1-4
                13.6, // 4-1
                15.2, // 2-3
                15.2, // 3-2
                4.5,  // 0-1, plus half a sentence of lexical cost
                4.5,  // 1-0
            ],
            band: 30,
            // Notes are left untranslated far more often than sentences; a translated note
            // still aligns 1-1 on its own words.
            note_skip_cost: 1.0,
        }
    }
}

/// Pair coverages for every (zh, en) sentence pair the band can touch.
struct PairTable {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    values: Vec<(f32, f32)>,
}

impl PairTable {
    fn get(&self, i: usize, j: usize) -> (f32, f32) {
        if j >= self.lo[i] && j < self.hi[i] {
            self.values[self.offset[i] + j - self.lo[i]]
        } else {
            (0.0, 0.0)
        }
    }
}

/// One scored bead of the best path.
#[derive(Debug, Clone)]
pub(crate) struct ScoredBead {
    pub zh: std::ops::Range<usize>,
    pub en: std::ops::Range<usize>,
    /// Coverage 0–1 of the bead's words by their counterparts.
    pub coverage: f32,
    /// Squared length deviation / 2.
    pub length_cost: f32,
    /// How much more the best other last bead into the same cell would have cost
    /// (infinite when there was no other).
    pub margin: f32,
}

pub(crate) struct Problem<'a> {
    pub zh: &'a [Sentence],
    pub en: &'a [Sentence],
    pub params: &'a Params,
}

impl Problem<'_> {
    /// Align zh[zh_range] with en[en_range], with `center(i)` giving the expected English
    /// position for Chinese position i (both absolute).
    pub(crate) fn solve(
        &self,
        zh_range: std::ops::Range<usize>,
        en_range: std::ops::Range<usize>,
        center: &dyn Fn(usize) -> f32,
    ) -> Vec<ScoredBead> {
        let n = zh_range.len();
        let m = en_range.len();
        let (z0, e0) = (zh_range.start, en_range.start);
        if n == 0 || m == 0 {
            let mut out = Vec::new();
            for i in zh_range.clone() {
                out.push(self.scored(i..i + 1, e0..e0));
            }
            for j in en_range.clone() {
                out.push(self.scored(z0..z0, j..j + 1));
            }
            return out;
        }
        // The band: rows 0..=n, English positions lo..=hi (relative).
        let w = self.params.band as f32;
        let mut lo = vec![0usize; n + 1];
        let mut hi = vec![0usize; n + 1];
        for i in 0..=n {
            let c = (center(z0 + i) - e0 as f32).clamp(0.0, m as f32);
            lo[i] = (c - w).floor().max(0.0) as usize;
            hi[i] = ((c + w).ceil() as usize).min(m);
        }
        lo[0] = 0;
        hi[n] = m;
        // Monotone edges, and each row overlapping the previous one, so a path exists.
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            if lo[i] > hi[i - 1] {
                lo[i] = hi[i - 1];
            }
        }
        let pairs = self.pair_table(z0, e0, n, m, &lo, &hi);

        let mut offset = vec![0usize; n + 2];
        for i in 0..=n {
            offset[i + 1] = offset[i] + (hi[i] - lo[i] + 1);
        }
        let cells = offset[n + 1];
        let mut cost = vec![f32::INFINITY; cells];
        let mut back = vec![u8::MAX; cells];
        // How much worse the best other way into each cell is: the bead's margin.
        let mut margin = vec![f32::INFINITY; cells];
        cost[0] = 0.0;
        let cell = |i: usize, j: usize| -> Option<usize> {
            (j >= lo[i] && j <= hi[i]).then(|| offset[i] + j - lo[i])
        };
        for i in 0..=n {
            for j in lo[i]..=hi[i] {
                if i == 0 && j == 0 {
                    continue;
                }
                let here = offset[i] + j - lo[i];
                let mut best = f32::INFINITY;
                let mut second = f32::INFINITY;
                let mut best_shape = u8::MAX;
                for (s, &(a, b)) in SHAPES.iter().enumerate() {
                    if a > i || b > j {
                        continue;
                    }
                    let Some(prev) = cell(i - a, j - b) else {
                        continue;
                    };
                    let before = cost[prev];
                    if !before.is_finite() {
                        continue;
                    }
                    let total = before + self.bead_cost(&pairs, z0, e0, i - a, a, j - b, b, s);
                    if total < best {
                        second = best;
                        best = total;
                        best_shape = s as u8;
                    } else if total < second {
                        second = total;
                    }
                }
                cost[here] = best;
                back[here] = best_shape;
                margin[here] = second - best;
            }
        }
        // Walk back from (n, m).
        let mut out = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let here = offset[i] + j - lo[i];
            let (a, b) = SHAPES[back[here] as usize];
            let zh = z0 + i - a..z0 + i;
            let en = e0 + j - b..e0 + j;
            let mut bead = self.scored(zh, en);
            bead.margin = margin[here];
            out.push(bead);
            i -= a;
            j -= b;
        }
        out.reverse();
        out
    }

    fn pair_table(
        &self,
        z0: usize,
        e0: usize,
        n: usize,
        m: usize,
        lo: &[usize],
        hi: &[usize],
    ) -> PairTable {
        let max_span = SHAPES.iter().map(|s| s.0.max(s.1)).max().unwrap_or(1);
        let mut plo = vec![0usize; n];
        let mut phi = vec![0usize; n];
        let mut offset = vec![0usize; n];
        let mut values = Vec::new();
        for i in 0..n {
            // Beads that contain Chinese sentence i end on rows i+1 ..= i+max_span.
            let rows = i + 1..=(i + max_span).min(n);
            let first = rows.clone().map(|r| lo[r]).min().unwrap_or(0);
            let last = rows.map(|r| hi[r]).max().unwrap_or(0);
            plo[i] = first.saturating_sub(max_span);
            phi[i] = last.min(m);
            offset[i] = values.len();
            for j in plo[i]..phi[i] {
                values.push(pair_coverage(&self.zh[z0 + i], &self.en[e0 + j]));
            }
        }
        PairTable {
            lo: plo,
            hi: phi,
            offset,
            values,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn bead_cost(
        &self,
        pairs: &PairTable,
        z0: usize,
        e0: usize,
        i: usize,
        a: usize,
        j: usize,
        b: usize,
        shape: usize,
    ) -> f32 {
        let p = self.params;
        let size = (a + b) as f32 / 2.0;
        if a == 0 || b == 0 {
            let alone = if a == 1 {
                &self.zh[z0 + i]
            } else {
                &self.en[e0 + j]
            };
            let shape_cost = if alone.note {
                p.note_skip_cost
            } else {
                p.shape_cost[shape]
            };
            return p.lexical * size + shape_cost;
        }
        let coverage = coverage(pairs, self.zh, self.en, z0, e0, i, a, j, b);
        let lz: f32 = self.zh[z0 + i..z0 + i + a].iter().map(|s| s.len).sum();
        let le: f32 = self.en[e0 + j..e0 + j + b].iter().map(|s| s.len).sum();
        p.lexical * size * (1.0 - coverage) + length_cost(p, lz, le) + p.shape_cost[shape]
    }

    fn scored(&self, zh: std::ops::Range<usize>, en: std::ops::Range<usize>) -> ScoredBead {
        if zh.is_empty() || en.is_empty() {
            return ScoredBead {
                zh,
                en,
                coverage: 0.0,
                length_cost: 0.0,
                margin: f32::INFINITY,
            };
        }
        let zs = &self.zh[zh.clone()];
        let es = &self.en[en.clone()];
        let mut covered = 0.0;
        for z in zs {
            let sum: f32 = es.iter().map(|e| pair_coverage(z, e).0).sum();
            covered += sum.min(z.weight);
        }
        for e in es {
            let sum: f32 = zs.iter().map(|z| pair_coverage(z, e).1).sum();
            covered += sum.min(e.weight);
        }
        let total: f32 =
            zs.iter().map(|s| s.weight).sum::<f32>() + es.iter().map(|s| s.weight).sum::<f32>();
        let lz: f32 = zs.iter().map(|s| s.len).sum();
        let le: f32 = es.iter().map(|s| s.len).sum();
        ScoredBead {
            zh,
            en,
            coverage: if total > 0.0 { covered / total } else { 0.0 },
            length_cost: length_cost(self.params, lz, le),
            margin: f32::INFINITY,
        }
    }
}

/// Share of the bead's word weight matched across: each sentence's coverage is the sum of
/// its pairwise coverages, capped at its own weight (a word matched twice counts once,
/// approximately).
#[allow(clippy::too_many_arguments)]
fn coverage(
    pairs: &PairTable,
    zh: &[Sentence],
    en: &[Sentence],
    z0: usize,
    e0: usize,
    i: usize,
    a: usize,
    j: usize,
    b: usize,
) -> f32 {
    let mut covered = 0.0;
    let mut total = 0.0;
    for di in 0..a {
        let z = &zh[z0 + i + di];
        let sum: f32 = (0..b).map(|dj| pairs.get(i + di, j + dj).0).sum();
        covered += sum.min(z.weight);
        total += z.weight;
    }
    for dj in 0..b {
        let e = &en[e0 + j + dj];
        let sum: f32 = (0..a).map(|di| pairs.get(i + di, j + dj).1).sum();
        covered += sum.min(e.weight);
        total += e.weight;
    }
    if total > 0.0 {
        covered / total
    } else {
        0.0
    }
}

/// Gale–Church: the English length is normal around `ratio × Chinese length`, with a
/// variance growing with the length. Returns δ²/2 (the negative log density, up to a
/// constant), capped so one odd pair cannot outweigh everything else.
pub(crate) fn length_cost(p: &Params, lz: f32, le: f32) -> f32 {
    let expected = p.ratio * lz;
    let scale = (p.variance * (lz + le / p.ratio.max(0.01)) / 2.0).max(1.0);
    let delta = (le - expected) / scale.sqrt();
    (delta * delta / 2.0).min(12.0)
}
