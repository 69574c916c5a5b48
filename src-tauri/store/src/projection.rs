//! Mentions across the alignment: proposing the counterpart of a mention on the other side
//! of its bead ([`Project::project_mentions`], through `duizhao_core::projection`), and
//! listing the accepted mentions that have no counterpart there ([`Project::one_sided`]), a
//! check list for the translator (a name left out or mistranslated).
//!
//! Both read the alignment as it is stored; a document that has not been aligned yet is
//! refused, because without beads there is no "other side" to speak of.

use std::collections::HashSet;
use std::ops::Range;

use duizhao_core::projection::{project, ProjectionInput};
use duizhao_core::{Lang, Segmenter};
use serde::Serialize;

use crate::model::{
    AlignmentView, BeadId, BeadView, DocumentId, MentionId, MentionOrigin, MentionStatus,
};
use crate::{MentionView, Project, StoreError, SuggestedMention};

/// An accepted mention whose bead has no accepted mention of the same entity (or, for a
/// mention without entity, of the same type) on the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OneSidedMention {
    pub mention: MentionView,
    /// The bead it lies in.
    pub bead: BeadId,
    /// Whether the bead has any sentence on the other side at all (false: the sentence was
    /// left untranslated, or added in translation).
    pub other_side_present: bool,
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// From the start of a bead's first sentence of `lang` to the end of its last one.
fn extent(bead: &BeadView, lang: Lang) -> Option<Range<usize>> {
    let side = match lang {
        Lang::Zh => &bead.zh,
        Lang::En => &bead.en,
    };
    Some(side.first()?.start as usize..side.last()?.end as usize)
}

/// The bead whose sentences of the mention's language hold the mention.
fn bead_of<'a>(alignment: &'a AlignmentView, mention: &MentionView) -> Option<&'a BeadView> {
    let (start, end) = (mention.start as usize, mention.end as usize);
    alignment.beads.iter().find(|b| {
        extent(b, mention.lang).is_some_and(|range| range.start <= start && end <= range.end)
    })
}

/// `range` of a text given as a char-indexed vector.
fn slice(chars: &[char], range: &Range<usize>) -> String {
    chars[range.start.min(chars.len())..range.end.min(chars.len())]
        .iter()
        .collect()
}

impl Project {
    fn aligned(&self, document: DocumentId) -> Result<AlignmentView, StoreError> {
        self.alignment(document)?.ok_or_else(|| {
            StoreError::Invalid(format!(
                "document {document} is not aligned yet, so its mentions have no other side"
            ))
        })
    }

    /// Propose, on the other side of their beads, the counterparts of the document's accepted
    /// mentions (or of the mentions `only` names, whatever their status). The proposals are
    /// stored as suggestions with origin `projected`, the source mention's type and entity,
    /// in one undoable step. A mention whose other side already has a counterpart (a mention
    /// of the same type over the proposed span, or of the same entity in the bead, rejected
    /// ones aside) gets no proposal, so projecting twice adds nothing. Returns how many were
    /// added.
    pub fn project_mentions(
        &mut self,
        document: impl Into<DocumentId>,
        only: &[MentionId],
        segmenter: &Segmenter,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let document = document.into();
        let alignment = self.aligned(document)?;
        let mentions = self.mentions(document)?;
        let wanted: HashSet<MentionId> = only.iter().copied().collect();
        for id in &wanted {
            if !mentions.iter().any(|m| m.id == *id) {
                return Err(StoreError::NotFound(format!(
                    "mention {id} does not exist in document {document}"
                )));
            }
        }
        let registry = self.registry()?;
        let zh: Vec<char> = self.text_content(alignment.zh_text)?.chars().collect();
        let en: Vec<char> = self.text_content(alignment.en_text)?.chars().collect();
        let text_of = |lang: Lang| match lang {
            Lang::Zh => &zh,
            Lang::En => &en,
        };

        let mut proposals = Vec::new();
        let sources = mentions.iter().filter(|m| {
            if wanted.is_empty() {
                m.status == MentionStatus::Accepted && !m.orphaned
            } else {
                wanted.contains(&m.id)
            }
        });
        for mention in sources {
            let Some(bead) = bead_of(&alignment, mention) else {
                continue;
            };
            let target_lang = other(mention.lang);
            let (Some(source_range), Some(target_range)) =
                (extent(bead, mention.lang), extent(bead, target_lang))
            else {
                continue;
            };
            let source_text = slice(text_of(mention.lang), &source_range);
            let target_text = slice(text_of(target_lang), &target_range);
            let links: Vec<(Range<usize>, Range<usize>)> = bead
                .links
                .iter()
                .map(|l| {
                    (
                        l.zh_start as usize..l.zh_end as usize,
                        l.en_start as usize..l.en_end as usize,
                    )
                })
                .collect();
            // An abbreviation (特材委) is projected onto the other side's abbreviation
            // (SCOSMI) when the bead has one, and a full name onto a full name: the
            // projection prefers the names it is given, so the short ones go first.
            let names_of = |abbreviation: bool| -> Vec<String> {
                let Some(entity) = mention.entity else {
                    return Vec::new();
                };
                registry
                    .iter()
                    .filter(|n| n.entity == entity && n.lang == target_lang)
                    .filter(|n| n.abbreviation == abbreviation)
                    .map(|n| n.text.clone())
                    .collect()
            };
            let is_abbreviation = mention.entity.is_some_and(|entity| {
                registry.iter().any(|n| {
                    n.entity == entity
                        && n.lang == mention.lang
                        && n.abbreviation
                        && n.text == mention.quote
                })
            });
            let (short, full) = (names_of(true), names_of(false));
            let attempts: Vec<Vec<String>> = if is_abbreviation {
                vec![short, full]
            } else {
                vec![[full, short].concat()]
            };
            let links: &[(Range<usize>, Range<usize>)] = &links;
            let Some(found) = attempts.iter().find_map(|target_names| {
                project(
                    segmenter,
                    &ProjectionInput {
                        source_lang: mention.lang,
                        source_text: &source_text,
                        source_offset: source_range.start,
                        target_text: &target_text,
                        target_offset: target_range.start,
                        span: mention.start as usize..mention.end as usize,
                        links,
                        target_names,
                    },
                )
            }) else {
                continue;
            };
            // A counterpart the other side already has (any mention of the same type over
            // the proposed span, or of the same entity in the bead, unless rejected) needs
            // no proposal: a second, slightly different span would only be noise to review.
            let taken = mentions.iter().any(|m| {
                m.lang == target_lang
                    && m.status != MentionStatus::Rejected
                    && m.type_name == mention.type_name
                    && ((m.start as usize) < found.span.end && found.span.start < m.end as usize
                        || mention.entity.is_some()
                            && m.entity == mention.entity
                            && target_range.start <= m.start as usize
                            && m.end as usize <= target_range.end)
            });
            if taken {
                continue;
            }
            proposals.push(SuggestedMention {
                lang: target_lang,
                start: found.span.start,
                end: found.span.end,
                type_name: mention.type_name.clone(),
                origin: MentionOrigin::Projected,
                entity: mention.entity,
            });
        }
        // Two source mentions (an alias and its full name) may land on one target span.
        let mut seen = HashSet::new();
        proposals.retain(|p| seen.insert((p.lang, p.start, p.end, p.type_name.clone())));
        if proposals.is_empty() {
            return Ok(0);
        }
        self.store_suggestions(document, proposals, actor)
    }

    /// The document's accepted mentions that have no accepted counterpart on the other side
    /// of their bead, in text order (zh first). A counterpart is an accepted mention of the
    /// same entity, or, when the mention has no entity, of the same type.
    pub fn one_sided(
        &self,
        document: impl Into<DocumentId>,
    ) -> Result<Vec<OneSidedMention>, StoreError> {
        let document = document.into();
        let alignment = self.aligned(document)?;
        let mentions = self.mentions(document)?;
        let accepted: Vec<&MentionView> = mentions
            .iter()
            .filter(|m| m.status == MentionStatus::Accepted)
            .collect();
        let mut out = Vec::new();
        for mention in &accepted {
            let Some(bead) = bead_of(&alignment, mention) else {
                continue;
            };
            let target_lang = other(mention.lang);
            let Some(target) = extent(bead, target_lang) else {
                out.push(OneSidedMention {
                    mention: (*mention).clone(),
                    bead: bead.id,
                    other_side_present: false,
                });
                continue;
            };
            let counterpart = accepted.iter().any(|m| {
                m.lang == target_lang
                    && target.start <= m.start as usize
                    && m.end as usize <= target.end
                    && match mention.entity {
                        Some(entity) => m.entity == Some(entity),
                        None => m.type_name == mention.type_name,
                    }
            });
            if !counterpart {
                out.push(OneSidedMention {
                    mention: (*mention).clone(),
                    bead: bead.id,
                    other_side_present: true,
                });
            }
        }
        Ok(out)
    }
}
