//! Storing the suggester's proposals for a document: the registry's names become a
//! `duizhao_core::suggest::Suggester`, which reads both current texts of the document, and
//! what it finds is stored as `suggested` mentions in one undoable step. Nothing is accepted
//! here; spans already tagged with the same type (in any status, rejected ones included) are
//! skipped by `Project::store_suggestions`, so suggesting again only adds what is new, such as
//! the names the registry learned from the analyst since.

use duizhao_core::suggest::{RegistryName as CoreName, SuggestOrigin, Suggester};
use duizhao_core::Lang;

use crate::model::{DocumentId, EntityId, MentionOrigin};
use crate::{Project, StoreError, SuggestedMention};

impl Project {
    /// A suggester that knows every name of the project's registry.
    pub fn suggester(&self) -> Result<Suggester, StoreError> {
        let names: Vec<CoreName> = self
            .registry()?
            .into_iter()
            .map(|n| CoreName {
                entity: n.entity.0,
                key: n.key,
                type_name: n.type_name,
                lang: n.lang,
                text: n.text,
                abbreviation: n.abbreviation,
            })
            .collect();
        Ok(Suggester::new(&names))
    }

    /// Suggest mentions in both current texts of a document with a suggester built from the
    /// registry as it is now; returns how many new suggestions were stored.
    pub fn suggest_mentions(
        &mut self,
        document: impl Into<DocumentId>,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let suggester = self.suggester()?;
        self.suggest_mentions_with(document, &suggester, actor)
    }

    /// The same with a suggester the caller keeps (building one loads jieba's dictionary).
    pub fn suggest_mentions_with(
        &mut self,
        document: impl Into<DocumentId>,
        suggester: &Suggester,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let document = document.into();
        let view = self.document(document)?;
        let superseded: Vec<_> = view.texts.iter().filter_map(|t| t.supersedes).collect();
        let types = self.entity_types()?;
        let mut proposals = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            let Some(text) = view
                .texts
                .iter()
                .find(|t| t.lang == lang && !superseded.contains(&t.id))
            else {
                continue;
            };
            let content = self.text_content(text.id)?;
            for s in suggester.suggest(&content, lang) {
                // A type the project's schema lacks cannot be stored; the seeded schema has
                // all the suggester's types, so this only matters for a hand-edited file.
                if !types.contains(&s.type_name) {
                    continue;
                }
                proposals.push(SuggestedMention {
                    lang,
                    start: s.start,
                    end: s.end,
                    type_name: s.type_name,
                    origin: match s.origin {
                        SuggestOrigin::Registry => MentionOrigin::Registry,
                        SuggestOrigin::Jieba => MentionOrigin::Jieba,
                        SuggestOrigin::Rule => MentionOrigin::Rule,
                    },
                    entity: s.entity.map(EntityId),
                });
            }
        }
        self.store_suggestions(document, proposals, actor)
    }
}
