//! Which project the window opens: the file named on the command line (`--project PATH`, or
//! a bare PATH as a file manager passes it on double-click), or else the user's sample
//! project in the platform data directory, created and filled from the embedded corpus on
//! first run: both sample documents imported and aligned, the seed gazetteer loaded into the
//! entity registry and the suggester's mentions stored for review, so the window opens on an
//! alignment ready to be checked and suggestions ready to be accepted or rejected.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use duizhao_core::align::Aligner;
use duizhao_core::suggest::gazetteer::parse_entries;
use duizhao_core::Segmenter;
use duizhao_store::ingest::{import_texts, ImportRequest, ImportSource};
use duizhao_store::{DocumentKind, NewEntity, Project};

use crate::error::IpcError;

/// One sample document, compiled into the binary so the first run works wherever the app is
/// installed.
struct SampleDocument {
    kind: DocumentKind,
    zh_name: &'static str,
    zh: &'static [u8],
    en_name: &'static str,
    en: &'static [u8],
}

const SAMPLE: [SampleDocument; 2] = [
    SampleDocument {
        kind: DocumentKind::Statement,
        zh_name: "statement.zh.txt",
        zh: include_bytes!("../../corpus/statement.zh.txt"),
        en_name: "statement.en.txt",
        en: include_bytes!("../../corpus/statement.en.txt"),
    },
    SampleDocument {
        kind: DocumentKind::Notice,
        zh_name: "notice.zh.txt",
        zh: include_bytes!("../../corpus/notice.zh.txt"),
        en_name: "notice.en.txt",
        en: include_bytes!("../../corpus/notice.en.txt"),
    },
];

/// The sample's seed registry (deliberately incomplete: the analyst teaches it the rest).
const SAMPLE_GAZETTEER: &str = include_str!("../../corpus/seed-gazetteer.tsv");

const SAMPLE_FILE_NAME: &str = "sample.duizhao";

/// Who built the sample project, in its history.
const SAMPLE_ACTOR: &str = "duizhao-desktop (first run)";

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LaunchOptions {
    pub project: Option<PathBuf>,
}

impl LaunchOptions {
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Result<Self, String> {
        let mut options = Self::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy();
            let path = if text == "--project" {
                PathBuf::from(
                    args.next()
                        .ok_or_else(|| "--project needs a file path".to_owned())?,
                )
            } else if let Some(value) = text.strip_prefix("--project=") {
                PathBuf::from(value)
            } else if text.starts_with('-') {
                return Err(format!("unknown option `{text}`"));
            } else {
                PathBuf::from(arg)
            };
            if options.project.replace(path).is_some() {
                return Err("only one project can be opened at a time".to_owned());
            }
        }
        Ok(options)
    }
}

/// Opens the project the options name, or the user's sample project. `segmenter` is the
/// app's one segmenter slot: filled here only if the sample project has to be built.
pub fn open_project(
    options: &LaunchOptions,
    segmenter: &OnceLock<Segmenter>,
) -> Result<Project, IpcError> {
    match &options.project {
        Some(path) => {
            if !path.exists() {
                return Err(IpcError::new(
                    "not_found",
                    format!(
                        "{} does not exist (create a project with `duizhao init {}`)",
                        path.display(),
                        path.display()
                    ),
                ));
            }
            Ok(Project::open(path)?)
        }
        None => {
            let dirs =
                directories::ProjectDirs::from("org", "Duizhao", "Duizhao").ok_or_else(|| {
                    IpcError::new(
                        "io",
                        "cannot find a data directory for this user (is HOME set?)",
                    )
                })?;
            open_or_create_sample(dirs.data_dir(), segmenter)
        }
    }
}

/// Opens `<data_dir>/sample.duizhao`, creating it from the embedded corpus if it is absent
/// (the one place the sample project is made: its documents imported, then aligned).
pub fn open_or_create_sample(
    data_dir: &Path,
    segmenter: &OnceLock<Segmenter>,
) -> Result<Project, IpcError> {
    let path = data_dir.join(SAMPLE_FILE_NAME);
    if path.exists() {
        return Ok(Project::open(&path)?);
    }
    std::fs::create_dir_all(data_dir).map_err(|error| {
        IpcError::new(
            "io",
            format!(
                "cannot create the data directory {}: {error}",
                data_dir.display()
            ),
        )
    })?;
    let mut project = Project::create(&path)?;
    if let Err(error) = build_sample(&mut project, segmenter.get_or_init(Segmenter::new)) {
        // Without this, the next start would open an empty project and never retry.
        drop(project);
        let _ = std::fs::remove_file(&path);
        return Err(error);
    }
    Ok(project)
}

fn build_sample(project: &mut Project, segmenter: &Segmenter) -> Result<(), IpcError> {
    let aligner = Aligner::new(segmenter);
    let mut documents = Vec::new();
    for sample in &SAMPLE {
        let request = ImportRequest {
            title: None,
            kind: sample.kind,
            source: Some(format!(
                "Duizhao sample corpus ({}, {})",
                sample.zh_name, sample.en_name
            )),
            zh: ImportSource::new(sample.zh, sample.zh_name),
            en: ImportSource::new(sample.en, sample.en_name),
        };
        let document = import_texts(project, segmenter, request, SAMPLE_ACTOR)?;
        project.align_with_links(document, SAMPLE_ACTOR, &aligner, false)?;
        documents.push(document);
    }
    let entries = parse_entries(SAMPLE_GAZETTEER)
        .map_err(|e| IpcError::new("invalid", format!("corpus/seed-gazetteer.tsv: {e}")))?;
    let entities = entries
        .into_iter()
        .map(|entry| {
            let origin = format!("corpus/seed-gazetteer.tsv line {}", entry.line);
            (origin, NewEntity::from(entry))
        })
        .collect();
    project.create_entities(entities, SAMPLE_ACTOR)?;
    let suggester = project.suggester()?;
    for document in documents {
        project.suggest_mentions_with(document, &suggester, SAMPLE_ACTOR)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn reads_the_project_path_in_every_form() {
        for form in [
            &["--project", "a.duizhao"][..],
            &["--project=a.duizhao"],
            &["a.duizhao"],
        ] {
            let options = LaunchOptions::from_args(args(form)).unwrap();
            assert_eq!(
                options.project,
                Some(PathBuf::from("a.duizhao")),
                "{form:?}"
            );
        }
        assert_eq!(LaunchOptions::from_args(args(&[])).unwrap().project, None);
    }

    #[test]
    fn refuses_bad_arguments_with_a_message() {
        assert!(LaunchOptions::from_args(args(&["--project"]))
            .unwrap_err()
            .contains("needs a file path"));
        assert!(LaunchOptions::from_args(args(&["--verbose"]))
            .unwrap_err()
            .contains("--verbose"));
        assert!(LaunchOptions::from_args(args(&["a", "b"]))
            .unwrap_err()
            .contains("one project"));
    }

    #[test]
    fn a_missing_project_file_is_refused_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.duizhao");
        let error = open_project(
            &LaunchOptions {
                project: Some(path.clone()),
            },
            &OnceLock::new(),
        )
        .unwrap_err();
        assert_eq!(error.code, "not_found");
        assert!(error.message.contains("missing.duizhao"));
        assert!(!path.exists());
    }

    #[test]
    fn first_run_creates_the_sample_project_and_the_second_reopens_it() {
        let dir = tempfile::tempdir().unwrap();
        let segmenter = OnceLock::new();
        let project = open_or_create_sample(dir.path(), &segmenter).unwrap();
        let documents = project.list_documents().unwrap();
        assert_eq!(documents.len(), 2);
        for document in &documents {
            assert!(document.zh_sentences > 0 && document.en_sentences > 0);
            // Aligned on first run: every sentence of both texts in exactly one bead.
            let alignment = project.alignment(document.id).unwrap().expect("aligned");
            let zh: usize = alignment.beads.iter().map(|b| b.zh.len()).sum();
            let en: usize = alignment.beads.iter().map(|b| b.en.len()).sum();
            assert_eq!(zh as i64, document.zh_sentences);
            assert_eq!(en as i64, document.en_sentences);
        }
        assert!(
            segmenter.get().is_some(),
            "the app's segmenter slot was used"
        );
        drop(project);
        let untouched = OnceLock::new();
        let reopened = open_or_create_sample(dir.path(), &untouched).unwrap();
        assert!(untouched.get().is_none(), "reopening builds no segmenter");
        assert_eq!(reopened.list_documents().unwrap().len(), 2);
        assert!(reopened.check().unwrap().is_ok());
        // The seed registry is loaded and its names are suggested, none accepted yet.
        assert_eq!(reopened.entities().unwrap().len(), 12);
        for document in &documents {
            let mentions = reopened.mentions(document.id).unwrap();
            assert!(mentions.len() > 50, "{} suggestions", mentions.len());
            assert!(mentions
                .iter()
                .all(|m| m.status == duizhao_store::MentionStatus::Suggested));
        }
    }
}
