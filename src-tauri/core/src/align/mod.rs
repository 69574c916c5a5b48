//! Sentence alignment of a Chinese text with its English translation.
//!
//! [`Aligner::align`] finds beads (runs of Chinese sentences ↔ runs of English sentences)
//! by dynamic programming over bead shapes 0-1 … 4-1 (see [`dp`]), scoring each bead with
//! - a Gale–Church length model whose ratio and variance come from the document itself;
//! - lexical coverage: the share of the bead's words, weighted by rarity in the document,
//!   whose counterpart is on the other side, through CC-CEDICT glosses, identical numbers
//!   (二〇一六年 = 2016), Latin words, pinyin of names against capitalised English words,
//!   and the caller's entity aliases;
//!
//! in a band that follows anchors (sentence pairs sharing rare words), so it runs in time
//! linear in the document. A second pass re-estimates the length variance from the first
//! pass's confident beads and learns word pairs the dictionary lacks from them. Last, two
//! neighbouring 1-1 beads between which the translation moved a clause become one 2-2 bead.
//! Confirmed beads given as anchors are kept as they are; only the stretches between them
//! are aligned ("realign").
//!
//! [`Aligner::suggest_links`] proposes word links inside one bead; [`eval`] scores an
//! alignment against gold the way the literature does.

mod bead;
mod dp;
pub mod eval;
mod features;
pub(crate) mod keys;

use std::collections::HashMap;

pub use bead::{Bead, LinkReason, LinkSuggestion};
pub use keys::preload_dictionary;

use crate::segment::Segmenter;
use dp::{Params, Problem, ScoredBead};
use features::{intersects, Features, KeyOrigin, Sentence};

/// Aligns sentences and suggests word links. Cheap to build: it borrows a [`Segmenter`]
/// (for Chinese words) and holds the caller's entity aliases.
pub struct Aligner<'s> {
    segmenter: &'s Segmenter,
    aliases: Vec<(String, String)>,
}

impl<'s> Aligner<'s> {
    pub fn new(segmenter: &'s Segmenter) -> Self {
        Aligner {
            segmenter,
            aliases: Vec::new(),
        }
    }

    /// (Chinese, English) name pairs of the same entity, e.g. ("宏远贸易公司", "Hongyuan
    /// Trading Company"): evidence that two sentences mention the same thing.
    pub fn with_aliases(mut self, aliases: Vec<(String, String)>) -> Self {
        self.aliases = aliases;
        self
    }

    /// Align `zh` with `en` (one string per sentence). The result covers every sentence
    /// of both sides exactly once, in order. `anchors` are beads to keep as they are
    /// (confirmed by a translator); anchors that overlap an earlier one or fall outside the
    /// texts are ignored. Each bead's confidence is between 0 and 1.
    pub fn align(&self, zh: &[&str], en: &[&str], anchors: &[Bead]) -> Vec<Bead> {
        let features = features::build(self.segmenter, zh, en, &self.aliases);
        let anchors = valid_anchors(anchors, zh.len(), en.len());
        let mut params = initial_params(&features);
        let center = Center::new(&features, &anchors);
        let first = solve_around_anchors(&features, &params, &anchors, &center);

        // Second pass: the variance of this document's lengths, and word pairs learned from
        // the beads the first pass is surest of.
        let mut features = features;
        if let Some(variance) = estimate_variance(&first, &features, &params) {
            params.variance = variance;
        }
        learn_pairs(&mut features, &first);
        let center = Center::from_beads(&first, &anchors);
        let second = solve_around_anchors(&features, &params, &anchors, &center);
        let second = merge_moved_clauses(&features, zh, en, second, &anchors);
        confidences(&second, &anchors)
    }

    /// Suggested word links between the Chinese sentences `zh` and the English sentences
    /// `en` of one bead: each Chinese word whose translation, number, pinyin or alias
    /// appears in the English, linked to the nearest such English word (adjacent matching
    /// English words, like "Chen Qingyang", form one span).
    pub fn suggest_links(&self, zh: &[&str], en: &[&str]) -> Vec<LinkSuggestion> {
        let features = features::build(self.segmenter, zh, en, &self.aliases);
        let mut out = Vec::new();
        let en_words: Vec<(usize, &features::Word)> = features
            .en
            .iter()
            .enumerate()
            .flat_map(|(s, sentence)| sentence.words.iter().map(move |w| (s, w)))
            .collect();
        let total_zh: usize = zh.iter().map(|s| s.chars().count()).sum::<usize>().max(1);
        let total_en: usize = en.iter().map(|s| s.chars().count()).sum::<usize>().max(1);
        let zh_base: Vec<usize> = prefix_lengths(zh);
        let en_base: Vec<usize> = prefix_lengths(en);
        let mut used = vec![false; en_words.len()];
        for (zs, sentence) in features.zh.iter().enumerate() {
            // An entity's alias speaks for the whole name: link it first, and not the words
            // inside it one by one.
            let mut words: Vec<&features::Word> = sentence.words.iter().collect();
            words.sort_by_key(|w| (w.origin != KeyOrigin::Alias, w.start));
            let mut alias_spans: Vec<std::ops::Range<usize>> = Vec::new();
            for word in words {
                if alias_spans
                    .iter()
                    .any(|span| span.start <= word.start && word.end <= span.end)
                {
                    continue;
                }
                let relative = (zh_base[zs] + word.start) as f32 / total_zh as f32;
                let mut best: Option<(usize, f32)> = None;
                for (k, (es, en_word)) in en_words.iter().enumerate() {
                    if used[k] || !intersects(&word.keys, &en_word.keys) {
                        continue;
                    }
                    let distance =
                        ((en_base[*es] + en_word.start) as f32 / total_en as f32 - relative).abs();
                    if best.is_none_or(|(_, d)| distance < d) {
                        best = Some((k, distance));
                    }
                }
                let Some((k, _)) = best else { continue };
                used[k] = true;
                if word.origin == KeyOrigin::Alias {
                    alias_spans.push(word.start..word.end);
                }
                let (es, first) = en_words[k];
                // "Chen Qingyang", "Weichuan City": the neighbouring English words of the
                // same sentence that match the same Chinese word join the span, on either
                // side, when only spaces separate them.
                let joins = |used: &[bool], other: usize, from: usize, to: usize| {
                    !used[other]
                        && en_words[other].0 == es
                        && intersects(&word.keys, &en_words[other].1.keys)
                        && en[es]
                            .chars()
                            .skip(from)
                            .take(to.saturating_sub(from))
                            .all(char::is_whitespace)
                };
                let (mut start, mut end) = (first.start, first.end);
                let mut next = k + 1;
                while next < en_words.len() && joins(&used, next, end, en_words[next].1.start) {
                    used[next] = true;
                    end = en_words[next].1.end;
                    next += 1;
                }
                let mut previous = k;
                while previous > 0
                    && joins(&used, previous - 1, en_words[previous - 1].1.end, start)
                {
                    previous -= 1;
                    used[previous] = true;
                    start = en_words[previous].1.start;
                }
                out.push(LinkSuggestion {
                    zh_sentence: zs,
                    zh: word.start..word.end,
                    en_sentence: es,
                    en: start..end,
                    reason: link_reason(&features, word, &first.keys),
                });
            }
        }
        out
    }
}

/// The clause (0-based) each word of a sentence is in: clauses end at commas, semicolons,
/// colons and dashes.
fn clause_of_words(text: &str, sentence: &Sentence) -> (Vec<usize>, usize) {
    let mut clause = 0;
    let mut clause_at_char = Vec::new();
    for c in text.chars() {
        clause_at_char.push(clause);
        if matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '—' | '、') {
            clause += 1;
        }
    }
    let of = sentence
        .words
        .iter()
        .map(|w| clause_at_char.get(w.start).copied().unwrap_or(0))
        .collect::<Vec<_>>();
    let count = of.iter().copied().max().map_or(0, |m| m + 1);
    (of, count)
}

/// Share of the weight of `sentence`'s words in `clause` matched by `other`.
fn clause_coverage(
    sentence: &Sentence,
    clauses: &[usize],
    clause: usize,
    other: &Sentence,
) -> (f32, usize) {
    let mut total = 0.0;
    let mut hit = 0.0;
    let mut n = 0;
    for (w, &c) in sentence.words.iter().zip(clauses) {
        if c != clause {
            continue;
        }
        n += 1;
        total += w.weight;
        if intersects(&w.keys, &other.key_set) {
            hit += w.weight;
        }
    }
    (if total > 0.0 { hit / total } else { 0.0 }, n)
}

/// Two neighbouring 1-1 beads where the translation moved a clause across the sentence
/// boundary (the last clause of one English sentence speaks only to the next Chinese one,
/// or the like) become one 2-2 bead: the smallest bead that holds every correspondence.
fn merge_moved_clauses(
    features: &Features,
    zh: &[&str],
    en: &[&str],
    beads: Vec<ScoredBead>,
    anchors: &[Bead],
) -> Vec<ScoredBead> {
    // A clause of at least two content words, most of whose weight the neighbouring
    // sentence matches and none of which its own partner does.
    const MIN_WORDS: usize = 2;
    const TO_OTHER: f32 = 0.6;
    let moved = |s: &Sentence, text: &str, last: bool, own: &Sentence, other: &Sentence| -> bool {
        let (clauses, count) = clause_of_words(text, s);
        if count < 2 {
            return false;
        }
        let clause = if last { count - 1 } else { 0 };
        let (to_other, n) = clause_coverage(s, &clauses, clause, other);
        let (to_own, _) = clause_coverage(s, &clauses, clause, own);
        n >= MIN_WORDS && to_other >= TO_OTHER && to_own == 0.0
    };
    let mut out: Vec<ScoredBead> = Vec::with_capacity(beads.len());
    for bead in beads {
        if let Some(prev) = out.last() {
            let one = |b: &ScoredBead| b.zh.len() == 1 && b.en.len() == 1 && b.coverage.is_finite();
            let anchored = |b: &ScoredBead| anchors.iter().any(|a| a.zh == b.zh && a.en == b.en);
            if one(prev) && one(&bead) && !anchored(prev) && !anchored(&bead) {
                let (i1, i2, j1, j2) = (prev.zh.start, bead.zh.start, prev.en.start, bead.en.start);
                let (z1, z2, e1, e2) = (
                    &features.zh[i1],
                    &features.zh[i2],
                    &features.en[j1],
                    &features.en[j2],
                );
                let crossed = moved(e1, en[j1], true, z1, z2)
                    || moved(e2, en[j2], false, z2, z1)
                    || moved(z1, zh[i1], true, e1, e2)
                    || moved(z2, zh[i2], false, e2, e1);
                if crossed {
                    let merged = ScoredBead {
                        zh: prev.zh.start..bead.zh.end,
                        en: prev.en.start..bead.en.end,
                        coverage: (prev.coverage + bead.coverage) / 2.0,
                        length_cost: prev.length_cost.min(bead.length_cost),
                        margin: prev.margin.min(bead.margin),
                    };
                    out.pop();
                    out.push(merged);
                    continue;
                }
            }
        }
        out.push(bead);
    }
    out
}

fn prefix_lengths(sentences: &[&str]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut total = 0;
    for s in sentences {
        out.push(total);
        total += s.chars().count();
    }
    out
}

fn link_reason(features: &Features, zh_word: &features::Word, en_keys: &[u32]) -> LinkReason {
    if zh_word.origin == KeyOrigin::Alias {
        return LinkReason::Alias;
    }
    let shared = zh_word.keys.iter().find(|k| en_keys.contains(k));
    match shared.map(|k| features.keys.name(*k)) {
        Some(name) if name.starts_with('=') => LinkReason::Identical,
        Some(name) if name.starts_with('#') && zh_word.origin == KeyOrigin::Identical => {
            LinkReason::Identical
        }
        Some(name) if name.starts_with('#') => LinkReason::Pinyin,
        Some(name) if name.starts_with("l:") => LinkReason::Learned,
        _ => LinkReason::Dictionary,
    }
}

/// Anchors in order, inside the texts, not overlapping; the others are dropped.
fn valid_anchors(anchors: &[Bead], n: usize, m: usize) -> Vec<Bead> {
    let mut sorted: Vec<Bead> = anchors
        .iter()
        .filter(|b| {
            b.zh.start <= b.zh.end
                && b.en.start <= b.en.end
                && b.zh.end <= n
                && b.en.end <= m
                && !(b.zh.is_empty() && b.en.is_empty())
        })
        .cloned()
        .collect();
    sorted.sort_by_key(|b| (b.zh.start, b.en.start));
    let mut out: Vec<Bead> = Vec::with_capacity(sorted.len());
    for bead in sorted {
        if let Some(last) = out.last() {
            if bead.zh.start < last.zh.end || bead.en.start < last.en.end {
                continue;
            }
        }
        out.push(bead);
    }
    out
}

fn initial_params(features: &Features) -> Params {
    let lz: f32 = features.zh.iter().map(|s| s.len).sum();
    let le: f32 = features.en.iter().map(|s| s.len).sum();
    let ratio = if lz > 0.0 && le > 0.0 { le / lz } else { 3.0 };
    // About 2.2 characters of variance per character of English: wide enough for loose
    // literary translation, narrow enough to tell a 1-1 from a 1-2.
    Params::new(ratio, 2.2 * ratio)
}

fn solve_around_anchors(
    features: &Features,
    params: &Params,
    anchors: &[Bead],
    center: &Center,
) -> Vec<ScoredBead> {
    let problem = Problem {
        zh: &features.zh,
        en: &features.en,
        params,
    };
    let mut out = Vec::new();
    let (mut zi, mut ej) = (0, 0);
    let center_fn = |i: usize| center.at(i);
    for anchor in anchors {
        out.extend(problem.solve(zi..anchor.zh.start, ej..anchor.en.start, &center_fn));
        out.push(ScoredBead {
            zh: anchor.zh.clone(),
            en: anchor.en.clone(),
            coverage: f32::NAN,
            length_cost: 0.0,
            margin: f32::INFINITY,
        });
        zi = anchor.zh.end;
        ej = anchor.en.end;
    }
    out.extend(problem.solve(zi..features.zh.len(), ej..features.en.len(), &center_fn));
    out
}

/// The expected English position of each Chinese position: a piecewise-linear path
/// through anchor points.
struct Center {
    points: Vec<(f32, f32)>,
}

impl Center {
    /// From pairs of sentences that share words rare on both sides, kept only where they
    /// form an increasing chain (a longest increasing subsequence), plus the caller's
    /// anchors.
    fn new(features: &Features, anchors: &[Bead]) -> Self {
        let n = features.zh.len();
        let m = features.en.len();
        let df_en = key_frequencies(&features.en);
        let df_zh = key_frequencies(&features.zh);
        let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
        for (j, sentence) in features.en.iter().enumerate() {
            for key in &sentence.key_set {
                if df_en.get(key).copied().unwrap_or(0) <= 2 {
                    postings.entry(*key).or_default().push(j);
                }
            }
        }
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for (i, sentence) in features.zh.iter().enumerate() {
            let mut scores: HashMap<usize, u32> = HashMap::new();
            for key in &sentence.key_set {
                if df_zh.get(key).copied().unwrap_or(0) > 2 {
                    continue;
                }
                if let Some(js) = postings.get(key) {
                    for j in js {
                        *scores.entry(*j).or_default() += 1;
                    }
                }
            }
            let mut ranked: Vec<(usize, u32)> = scores.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            if let Some(&(j, best)) = ranked.first() {
                let second = ranked.get(1).map_or(0, |r| r.1);
                if best >= 2 && best > second {
                    candidates.push((i, j));
                }
            }
        }
        let mut points = vec![(0.0, 0.0)];
        for (i, j) in longest_increasing_chain(&candidates) {
            points.push((i as f32 + 0.5, j as f32 + 0.5));
        }
        points.push((n as f32, m as f32));
        let mut center = Center { points };
        center.add_anchors(anchors);
        center
    }

    /// Through the corners of the beads of an earlier pass.
    fn from_beads(beads: &[ScoredBead], anchors: &[Bead]) -> Self {
        let mut points = vec![(0.0, 0.0)];
        for bead in beads {
            points.push((bead.zh.end as f32, bead.en.end as f32));
        }
        let mut center = Center { points };
        center.add_anchors(anchors);
        center
    }

    fn add_anchors(&mut self, anchors: &[Bead]) {
        for anchor in anchors {
            self.points
                .push((anchor.zh.start as f32, anchor.en.start as f32));
            self.points
                .push((anchor.zh.end as f32, anchor.en.end as f32));
        }
        self.points
            .sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        // Keep the path monotone in both coordinates.
        let mut monotone: Vec<(f32, f32)> = Vec::with_capacity(self.points.len());
        for p in self.points.drain(..) {
            if monotone.last().is_none_or(|last| p.1 >= last.1) {
                monotone.push(p);
            }
        }
        self.points = monotone;
    }

    fn at(&self, i: usize) -> f32 {
        let x = i as f32;
        let k = self.points.partition_point(|p| p.0 <= x);
        if k == 0 {
            return self.points.first().map_or(0.0, |p| p.1);
        }
        if k >= self.points.len() {
            return self.points.last().map_or(0.0, |p| p.1);
        }
        let (x0, y0) = self.points[k - 1];
        let (x1, y1) = self.points[k];
        if (x1 - x0).abs() < f32::EPSILON {
            y1
        } else {
            y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        }
    }
}

fn key_frequencies(sentences: &[Sentence]) -> HashMap<u32, u32> {
    let mut df = HashMap::new();
    for s in sentences {
        for k in &s.key_set {
            *df.entry(*k).or_default() += 1;
        }
    }
    df
}

/// The longest chain of pairs increasing in both coordinates (patience sorting on j after
/// ordering by i), in O(k log k).
fn longest_increasing_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut sorted = pairs.to_vec();
    // Equal i: larger j first, so two pairs of one row never both enter the chain.
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut tails: Vec<usize> = Vec::new(); // index into sorted
    let mut parent: Vec<Option<usize>> = vec![None; sorted.len()];
    for (k, &(_, j)) in sorted.iter().enumerate() {
        let pos = tails.partition_point(|&t| sorted[t].1 < j);
        if pos > 0 {
            parent[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut chain = Vec::new();
    let mut cursor = tails.last().copied();
    while let Some(k) = cursor {
        chain.push(sorted[k]);
        cursor = parent[k];
    }
    chain.reverse();
    chain
}

/// The variance of English length around ratio × Chinese length, per character, over the
/// first pass's 1-1 beads with at least median lexical support.
fn estimate_variance(beads: &[ScoredBead], features: &Features, params: &Params) -> Option<f32> {
    let mut ones: Vec<&ScoredBead> = beads
        .iter()
        .filter(|b| b.zh.len() == 1 && b.en.len() == 1 && b.coverage.is_finite())
        .collect();
    if ones.len() < 20 {
        return None;
    }
    ones.sort_by(|a, b| b.coverage.total_cmp(&a.coverage));
    ones.truncate(ones.len() / 2);
    let mut sum = 0.0;
    for bead in &ones {
        let lz = features.zh[bead.zh.start].len;
        let le = features.en[bead.en.start].len;
        let d = le - params.ratio * lz;
        sum += d * d / ((lz + le / params.ratio) / 2.0).max(1.0);
    }
    let variance = sum / ones.len() as f32;
    // The confident half underestimates the spread of the rest.
    Some((variance * 1.5).clamp(0.5 * params.ratio, 6.0 * params.ratio))
}

/// Word pairs (Chinese word, English word) that co-occur in the first pass's beads far more
/// than chance, added as keys: names spelt in ways pinyin misses, words CC-CEDICT glosses
/// differently.
fn learn_pairs(features: &mut Features, beads: &[ScoredBead]) {
    let mut zh_count: HashMap<u32, u32> = HashMap::new();
    let mut en_count: HashMap<u32, u32> = HashMap::new();
    let mut pair_count: HashMap<(u32, u32), u32> = HashMap::new();
    let mut good: Vec<&ScoredBead> = beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty() && b.coverage.is_finite())
        .collect();
    good.sort_by(|a, b| b.coverage.total_cmp(&a.coverage));
    good.truncate(good.len() * 2 / 3);
    for bead in &good {
        let mut zh_forms: Vec<u32> = bead
            .zh
            .clone()
            .flat_map(|i| features.zh[i].words.iter().map(|w| w.form))
            .collect();
        zh_forms.sort_unstable();
        zh_forms.dedup();
        let mut en_forms: Vec<u32> = bead
            .en
            .clone()
            .flat_map(|j| features.en[j].words.iter().map(|w| w.form))
            .collect();
        en_forms.sort_unstable();
        en_forms.dedup();
        for z in &zh_forms {
            *zh_count.entry(*z).or_default() += 1;
        }
        for e in &en_forms {
            *en_count.entry(*e).or_default() += 1;
        }
        for z in &zh_forms {
            for e in &en_forms {
                *pair_count.entry((*z, *e)).or_default() += 1;
            }
        }
    }
    let mut learned: HashMap<u32, Vec<u32>> = HashMap::new();
    for ((z, e), together) in pair_count {
        if together < 2 {
            continue;
        }
        let dice = 2.0 * together as f32 / (zh_count[&z] + en_count[&e]) as f32;
        if dice >= 0.8 {
            learned.entry(z).or_default().push(e);
        }
    }
    if learned.is_empty() {
        return;
    }
    // A learned pair becomes one more key "l:<english form>", given to the Chinese word
    // and to every English word of that form.
    let mut en_key_of_form: HashMap<u32, u32> = HashMap::new();
    for targets in learned.values_mut() {
        for e in targets.iter_mut() {
            let key = *en_key_of_form.entry(*e).or_insert_with(|| {
                let name = format!("l:{}", features.forms.name(*e));
                features.keys.id(&name)
            });
            *e = key;
        }
    }
    for sentence in features.zh.iter_mut() {
        for word in sentence.words.iter_mut() {
            if let Some(keys) = learned.get(&word.form) {
                word.keys.extend(keys.iter().copied());
                word.keys.sort_unstable();
                word.keys.dedup();
            }
        }
        sentence.refresh_key_set();
    }
    for sentence in features.en.iter_mut() {
        for word in sentence.words.iter_mut() {
            if let Some(key) = en_key_of_form.get(&word.form) {
                word.keys.push(*key);
                word.keys.sort_unstable();
                word.keys.dedup();
            }
        }
        sentence.refresh_key_set();
    }
}

/// Confidence 0–1: half from the bead's own evidence (lexical coverage relative to what this
/// document's beads typically reach, and how well its lengths fit), half from the DP's
/// margin (how much worse the best alternative ending at the same place was). On MAC-Dev,
/// beads above 0.8 are right 98% of the time, 0.65–0.8 89%, 0.5–0.65 78%, 0.3–0.5 61%,
/// below 0.3 30%. Anchors keep theirs.
fn confidences(beads: &[ScoredBead], anchors: &[Bead]) -> Vec<Bead> {
    let mut typical: Vec<f32> = beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty() && b.coverage.is_finite())
        .map(|b| b.coverage)
        .collect();
    typical.sort_by(f32::total_cmp);
    let median = typical
        .get(typical.len() / 2)
        .copied()
        .unwrap_or(0.2)
        .max(0.05);
    beads
        .iter()
        .map(|b| {
            if let Some(anchor) = anchors.iter().find(|a| a.zh == b.zh && a.en == b.en) {
                return anchor.clone();
            }
            let length_fit = (-b.length_cost / 2.0).exp();
            // 1 − e^(−margin/5): how decisively the DP preferred this last bead to every
            // other way into the same cell.
            let decisive = 1.0 - (-b.margin.min(50.0) / 5.0).exp();
            let confidence = if b.zh.is_empty() || b.en.is_empty() {
                // A sentence without counterpart is never a sure thing.
                0.5 * decisive
            } else {
                let lexical = (b.coverage / median).min(1.5) / 1.5;
                0.5 * (0.6 * lexical + 0.4 * length_fit) + 0.5 * decisive
            };
            Bead::new(b.zh.clone(), b.en.clone(), confidence.clamp(0.0, 1.0))
        })
        .collect()
}

#[cfg(test)]
mod tests;
