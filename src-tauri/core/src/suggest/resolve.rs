//! Overlapping candidates → the suggestions of a line, following the corpus annotation
//! policy (corpus/README.md, "Annotation policy"):
//!
//! * the more trusted candidate wins (registry, then document titles, then other rules,
//!   then single jieba words), and among equals the longer one;
//! * two candidates that cross (overlap without one containing the other) never both stay;
//! * a candidate inside another stays only where the policy nests names: a person or an
//!   organisation inside a document title; an organisation inside a longer organisation
//!   name when it is a complete name of its own at the head of the longer one (北京大学 in
//!   北京大学光华管理学院, "Peking University" in "Guanghua School of Management of Peking
//!   University") and is not the same entity; a registered person inside an
//!   organisation name. Everything else inside a name goes (南京 in 南京华瑞科技有限公司,
//!   华瑞 in 华瑞贸易有限公司, a place inside a place), and the outer name wins over it.

use super::lexicon::{self, SuffixKind};
use super::{Candidate, LineCtx, SuggestOrigin, DOCUMENT, ORGANISATION, PERSON, RANK_RULE};
use crate::lang::Lang;

pub(crate) fn resolve(
    mut candidates: Vec<Candidate>,
    line: &LineCtx,
    lang: Lang,
) -> Vec<Candidate> {
    candidates.retain(|c| c.start < c.end && c.end <= line.chars.len());
    candidates.sort_by(|a, b| {
        b.rank
            .cmp(&a.rank)
            .then(b.len().cmp(&a.len()))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    'next: for c in candidates {
        let mut replaced: Vec<usize> = Vec::new();
        for (i, k) in kept.iter().enumerate() {
            if c.end <= k.start || k.end <= c.start {
                continue;
            }
            if c.start == k.start && c.end == k.end {
                continue 'next;
            }
            if k.start <= c.start && c.end <= k.end {
                if nests(&c, k, line, lang) {
                    continue;
                }
                continue 'next;
            }
            if c.start <= k.start && k.end <= c.end {
                if nests(k, &c, line, lang) {
                    continue;
                }
                // A longer name found by a rule takes the place of what it contains.
                if c.rank >= RANK_RULE && c.origin != SuggestOrigin::Jieba {
                    replaced.push(i);
                    continue;
                }
                continue 'next;
            }
            continue 'next;
        }
        for i in replaced.into_iter().rev() {
            kept.remove(i);
        }
        kept.push(c);
    }
    kept.sort_by_key(|c| (c.start, c.end));
    kept
}

/// Whether `inner` may stay inside `outer`.
fn nests(inner: &Candidate, outer: &Candidate, line: &LineCtx, lang: Lang) -> bool {
    if inner.entity.is_some() && inner.entity == outer.entity {
        return false;
    }
    match (&*outer.type_name, &*inner.type_name) {
        (DOCUMENT, PERSON) => true,
        (DOCUMENT, ORGANISATION) => {
            // An English designator phrase inside an unquoted title is the title's words
            // ("Provisions on the Administration of …"), not a body; registered names and
            // names with a modifier before the designator are bodies.
            lang == Lang::Zh
                || inner.origin == SuggestOrigin::Registry
                || !starts_with_designator(line, inner)
        }
        (ORGANISATION, PERSON) => inner.origin == SuggestOrigin::Registry,
        (ORGANISATION, ORGANISATION) => {
            complete_org(line, inner, lang) && at_head(line, inner, outer, lang)
        }
        _ => false,
    }
}

/// An organisation name that stands on its own: it ends with a Chinese suffix, or
/// contains an English designator.
fn complete_org(line: &LineCtx, c: &Candidate, lang: Lang) -> bool {
    let text = line.text(c.start, c.end);
    match lang {
        Lang::Zh => {
            lexicon::org_suffix(&text).is_some_and(|(_, kind)| kind != SuffixKind::Branch)
                || text
                    .chars()
                    .last()
                    .is_some_and(|ch| lexicon::ORG_SINGLE_SUFFIXES.contains(ch))
        }
        Lang::En => text
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
            .any(|w| lexicon::EN_ORG_DESIGNATORS.contains(&w)),
    }
}

/// `inner` begins `outer`, or (English) follows "of" / "of the" inside it.
fn at_head(line: &LineCtx, inner: &Candidate, outer: &Candidate, lang: Lang) -> bool {
    if inner.start == outer.start {
        return true;
    }
    if lang == Lang::Zh {
        return false;
    }
    let before = line.text(outer.start, inner.start).to_lowercase();
    before.ends_with(" of ") || before.ends_with(" of the ")
}

fn starts_with_designator(line: &LineCtx, c: &Candidate) -> bool {
    let text = line.text(c.start, c.end);
    let first = text
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
        .next()
        .unwrap_or("");
    lexicon::EN_ORG_DESIGNATORS.contains(&first)
}
