//! From the bytes of two source files to one stored document: decode and segment each file
//! with `duizhao_core`, then store both texts in one change. Shared by the CLI, the app's
//! first-run sample and (later) the window's import dialog, so that every way in applies the
//! same rules and the same error messages, which always name the file at fault.

use duizhao_core::{decode, segment_decoded, Decoded, Lang, Segmenter};

use crate::{DocumentId, DocumentKind, NewDocument, NewText, Project, StoreError};

/// Longest default title, in characters; the first line of a text can be a whole paragraph.
const DEFAULT_TITLE_CHARS: usize = 80;

/// One source file of an import: its bytes, the name the user knows it by, and optionally
/// the encoding the user chose instead of detection.
#[derive(Debug, Clone)]
pub struct ImportSource<'a> {
    pub bytes: &'a [u8],
    pub name: String,
    pub encoding: Option<String>,
}

impl<'a> ImportSource<'a> {
    pub fn new(bytes: &'a [u8], name: &str) -> Self {
        Self {
            bytes,
            name: name.to_owned(),
            encoding: None,
        }
    }

    pub fn with_encoding(mut self, encoding: Option<String>) -> Self {
        self.encoding = encoding;
        self
    }
}

/// A Chinese text and its English translation, to be stored as one document.
#[derive(Debug, Clone)]
pub struct ImportRequest<'a> {
    /// The document's title; `None` takes it from the first lines of the texts.
    pub title: Option<String>,
    pub kind: DocumentKind,
    pub source: Option<String>,
    pub zh: ImportSource<'a>,
    pub en: ImportSource<'a>,
}

/// Decodes, segments and stores both files as one document (one transaction, one history
/// event). Nothing is stored if either file is refused.
pub fn import_texts(
    project: &mut Project,
    segmenter: &Segmenter,
    request: ImportRequest<'_>,
    actor: &str,
) -> Result<DocumentId, StoreError> {
    prepare_import(segmenter, request, |_| {})?.store(project, actor)
}

/// The steps of preparing an import, reported as each one begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStage {
    Decoding,
    Segmenting,
}

/// Both files of an import decoded and segmented, not yet stored. Preparing needs no
/// project, so a caller that shares the project (the app) holds it only while storing.
#[derive(Debug, Clone)]
pub struct PreparedImport {
    document: NewDocument,
}

impl PreparedImport {
    /// The document's title: the one asked for, or the default from the first lines.
    pub fn title(&self) -> &str {
        &self.document.title
    }

    /// Stores the document: one transaction and one history event.
    pub fn store(self, project: &mut Project, actor: &str) -> Result<DocumentId, StoreError> {
        project.import_document(self.document, actor)
    }
}

/// Decodes both files, then segments both (on two threads: they are independent), calling
/// `on_stage` as each step begins. A refused file is an error naming it; the Chinese file
/// is checked first.
pub fn prepare_import(
    segmenter: &Segmenter,
    request: ImportRequest<'_>,
    mut on_stage: impl FnMut(ImportStage),
) -> Result<PreparedImport, StoreError> {
    if let Some(title) = &request.title {
        if title.trim().is_empty() {
            return Err(StoreError::Invalid("the title is empty".to_owned()));
        }
    }
    on_stage(ImportStage::Decoding);
    let zh = decode_source(&request.zh)?;
    let en = decode_source(&request.en)?;
    on_stage(ImportStage::Segmenting);
    let (zh, en) = std::thread::scope(|scope| {
        let en = scope.spawn(|| segment_source(en, &request.en, Lang::En, segmenter));
        let zh = segment_source(zh, &request.zh, Lang::Zh, segmenter);
        (zh, en.join().expect("segmentation does not panic"))
    });
    let texts = vec![zh?, en?];
    let title = match request.title {
        Some(title) => title.trim().to_owned(),
        None => default_title(
            &texts[0].prepared.decoded.text,
            &texts[1].prepared.decoded.text,
        ),
    };
    Ok(PreparedImport {
        document: NewDocument {
            title,
            kind: request.kind,
            source: request.source,
            texts,
        },
    })
}

fn decode_source(source: &ImportSource<'_>) -> Result<Decoded, StoreError> {
    decode(source.bytes, source.encoding.as_deref()).map_err(|error| StoreError::BadSource {
        name: source.name.clone(),
        detail: error.to_string(),
    })
}

fn segment_source(
    decoded: Decoded,
    source: &ImportSource<'_>,
    lang: Lang,
    segmenter: &Segmenter,
) -> Result<NewText, StoreError> {
    let prepared = segment_decoded(decoded, lang, segmenter);
    if prepared.sentences.is_empty() {
        return Err(StoreError::BadSource {
            name: source.name.clone(),
            detail: "the file has no text, only white space".to_owned(),
        });
    }
    Ok(NewText {
        prepared,
        original_name: Some(file_name(&source.name)),
    })
}

/// The last component of a path as given by the user (the full path stays in their shell
/// history; the project records only which file it was).
fn file_name(name: &str) -> String {
    std::path::Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned())
}

/// "中文标题 / English title" from the first non-blank line of each text.
fn default_title(zh: &str, en: &str) -> String {
    let first_line = |text: &str| -> String {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let mut title: String = line.chars().take(DEFAULT_TITLE_CHARS).collect();
        if line.chars().count() > DEFAULT_TITLE_CHARS {
            title.push('…');
        }
        title
    };
    match (first_line(zh), first_line(en)) {
        (zh, en) if en.is_empty() || zh == en => zh,
        (zh, en) if zh.is_empty() => en,
        (zh, en) => format!("{zh} / {en}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::create(dir.path().join("p.duizhao")).unwrap();
        (dir, project)
    }

    fn request<'a>(zh: &'a [u8], en: &'a [u8]) -> ImportRequest<'a> {
        ImportRequest {
            title: None,
            kind: DocumentKind::Statement,
            source: None,
            zh: ImportSource::new(zh, "/home/a/statement.zh.txt"),
            en: ImportSource::new(en, "/home/a/statement.en.txt"),
        }
    }

    #[test]
    fn imports_both_texts_with_a_title_from_their_first_lines() {
        let (_dir, mut project) = project();
        let segmenter = Segmenter::new();
        let id = import_texts(
            &mut project,
            &segmenter,
            request(
                "陈述书\n\n我们明天走。".as_bytes(),
                b"Statement\n\nWe leave tomorrow.",
            ),
            "test",
        )
        .unwrap();
        let view = project.document(id).unwrap();
        assert_eq!(view.title, "陈述书 / Statement");
        assert_eq!(view.texts.len(), 2);
        assert_eq!(
            view.texts[0].original_name.as_deref(),
            Some("statement.zh.txt")
        );
        assert_eq!(view.texts[1].sentences[1].text, "We leave tomorrow.");
    }

    #[test]
    fn a_refused_file_is_named_and_nothing_is_stored() {
        let (_dir, mut project) = project();
        let segmenter = Segmenter::new();
        for (zh, en, bad) in [
            (&b""[..], &b"Statement"[..], "statement.zh.txt"),
            (
                "陈述书".as_bytes(),
                &b"\x89PNG\r\n\x1a\n\0\0"[..],
                "statement.en.txt",
            ),
            ("陈述书".as_bytes(), &b"  \n\n \n"[..], "statement.en.txt"),
        ] {
            let error =
                import_texts(&mut project, &segmenter, request(zh, en), "test").unwrap_err();
            assert_eq!(error.code(), "bad_source");
            assert!(error.to_string().contains(bad), "{error}");
        }
        assert!(project.list_documents().unwrap().is_empty());
        assert!(project.history(10).unwrap().is_empty());
    }

    #[test]
    fn a_forced_encoding_applies_to_its_file_only() {
        let (_dir, mut project) = project();
        let segmenter = Segmenter::new();
        // "通知" in GBK; the English file stays detected.
        let mut req = request(b"\xcd\xa8\xd6\xaa", b"Notice");
        req.zh = req.zh.with_encoding(Some("gbk".to_owned()));
        let id = import_texts(&mut project, &segmenter, req, "test").unwrap();
        let view = project.document(id).unwrap();
        assert_eq!(view.texts[0].sentences[0].text, "通知");
        assert!(!view.texts[0].encoding_detected);
        assert!(view.texts[1].encoding_detected);
    }

    #[test]
    fn preparing_reports_its_stages_and_stores_nothing_until_asked() {
        let (_dir, mut project) = project();
        let segmenter = Segmenter::new();
        let mut stages = Vec::new();
        let prepared = prepare_import(
            &segmenter,
            request("通知".as_bytes(), b"Notice"),
            |stage| stages.push(stage),
        )
        .unwrap();
        assert_eq!(stages, [ImportStage::Decoding, ImportStage::Segmenting]);
        assert_eq!(prepared.title(), "通知 / Notice");
        assert!(project.list_documents().unwrap().is_empty());
        prepared.store(&mut project, "test").unwrap();
        assert_eq!(project.list_documents().unwrap().len(), 1);

        // A file refused while decoding stops there, before segmenting.
        let mut stages = Vec::new();
        let error = prepare_import(&segmenter, request(b"", b"Notice"), |stage| {
            stages.push(stage)
        })
        .unwrap_err();
        assert!(error.to_string().contains("statement.zh.txt"), "{error}");
        assert_eq!(stages, [ImportStage::Decoding]);
    }

    #[test]
    fn long_first_lines_are_shortened_for_the_title() {
        let long = "长".repeat(200);
        assert_eq!(
            default_title(&long, "").chars().count(),
            DEFAULT_TITLE_CHARS + 1
        );
        assert_eq!(default_title("\n\n  标题 \n正文", "Title"), "标题 / Title");
    }
}
