//! The one error type of the store, with a stable machine-readable code.
//!
//! The Tauri shell and the CLI turn a [`StoreError`] into `{code, message}`: the UI branches
//! on [`StoreError::code`], which therefore never changes once published, and shows the
//! message, which names the project file or source file concerned so that the user can act
//! on it without guessing which file was meant.

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A document, text or source file that was asked for does not exist.
    #[error("{0}")]
    NotFound(String),

    /// `Project::create` was pointed at something that is already there and not empty.
    #[error("cannot create a project at {path}: {reason}")]
    AlreadyExists { path: PathBuf, reason: String },

    /// The file exists but is not a Duizhao project (not SQLite, another program's SQLite
    /// file, empty, a directory, …).
    #[error("not a Duizhao project: {path} {reason}")]
    NotAProject { path: PathBuf, reason: String },

    /// The project's schema is newer than this build knows; opening it could lose data.
    #[error(
        "{path} was made by a newer version of Duizhao (schema {found}, this build knows up \
         to {known}); update Duizhao to open it"
    )]
    NewerVersion {
        path: PathBuf,
        found: i64,
        known: usize,
    },

    /// The file is an SQLite database, but damaged (truncated, corrupt pages).
    #[error("the project file {path} is damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },

    /// Another window or process held the write lock for longer than the busy timeout.
    #[error(
        "the project {path} is busy: another window or process is writing to it; try again \
         in a moment"
    )]
    Busy { path: PathBuf },

    /// The project file or its folder cannot be written.
    #[error("cannot write to {path}: {detail}")]
    ReadOnly { path: PathBuf, detail: String },

    /// A source file could not be decoded or holds no text; `name` is the file as the user
    /// named it.
    #[error("{name}: {detail}")]
    BadSource { name: String, detail: String },

    /// A source file is larger than the import limit.
    #[error(
        "{path} is too large to import: {} MB, the limit is {} MB",
        megabytes(*size),
        megabytes(*limit)
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },

    /// The operating system refused a file operation.
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The caller asked for something that breaks an invariant (bad offsets, empty title, …).
    #[error("{0}")]
    Invalid(String),

    /// Any other SQLite error. `path` is filled in by [`StoreError::at`] on the way out of
    /// the project, so that code inside a transaction can simply use `?`.
    #[error("{}", DbMessage(path.as_deref(), source))]
    Database {
        path: Option<PathBuf>,
        #[source]
        source: rusqlite::Error,
    },

    /// A migration failed to apply.
    #[error("cannot update the project {path} to this version of Duizhao: {detail}")]
    Migration { path: PathBuf, detail: String },
}

/// Sizes in messages are for people: megabytes (10^6 bytes) with one decimal.
fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

struct DbMessage<'a>(Option<&'a Path>, &'a rusqlite::Error);

impl fmt::Display for DbMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(path) => write!(f, "database error in {}: {}", path.display(), self.1),
            None => write!(f, "database error: {}", self.1),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(source: rusqlite::Error) -> Self {
        StoreError::Database { path: None, source }
    }
}

impl StoreError {
    /// The stable code the UI branches on. Never rename one: add a new one instead.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound(_) => "not_found",
            StoreError::AlreadyExists { .. } => "already_exists",
            StoreError::NotAProject { .. } => "not_a_project",
            StoreError::NewerVersion { .. } => "newer_version",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::Busy { .. } => "busy",
            StoreError::ReadOnly { .. } => "read_only",
            StoreError::BadSource { .. } => "bad_source",
            StoreError::TooLarge { .. } => "too_large",
            StoreError::Io { .. } => "io",
            StoreError::Invalid(_) => "invalid",
            StoreError::Database { .. } => "database",
            StoreError::Migration { .. } => "migration",
        }
    }

    /// Attach the project path to an SQLite error and classify it: SQLite reports busy,
    /// corrupt and read-only conditions as error codes, and the user needs to tell these
    /// apart (wait, restore a backup, move the file) rather than see "database error".
    pub(crate) fn at(self, path: &Path) -> StoreError {
        match self {
            StoreError::Database { path: None, source } => classify(path, source),
            other => other,
        }
    }
}

/// Turn an SQLite error on the project at `path` into the most specific [`StoreError`].
pub(crate) fn classify(path: &Path, source: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match source.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
        Some(ErrorCode::NotADatabase) => StoreError::NotAProject {
            path,
            reason: "is not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            detail: source.to_string(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path,
            detail: source.to_string(),
        },
        Some(ErrorCode::CannotOpen) => StoreError::Io {
            action: "open",
            path,
            source: std::io::Error::other(source.to_string()),
        },
        _ => StoreError::Database {
            path: Some(path),
            source,
        },
    }
}
