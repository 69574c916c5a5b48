//! Opening and creating a project file, and THE ONE WRITE PATH.
//!
//! A project is one SQLite file in WAL mode. Opening checks, in this order and before
//! writing anything, that the path is a file, that it is SQLite, that it is not truncated,
//! that it is a Duizhao project (`application_id`) and that its schema is not newer than this
//! build: a file we refuse is left byte-for-byte as it was.
//!
//! Every public method that changes the project goes through [`Project::write`], which runs
//! the change and appends its history event in one `BEGIN IMMEDIATE` transaction. Undo/redo
//! and the audit trail rely on there being no other way to change a project.

use std::fs::{self, File};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::classify;
use crate::model::Change;
use crate::schema::{migrate, Migrated, APPLICATION_ID, LATEST_VERSION};
use crate::StoreError;

/// How long a writer waits for another window or process to finish its change before giving
/// up with [`StoreError::Busy`]. Imports of a long statement take well under a second.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Page cache per connection, in KiB (SQLite's negative `cache_size` unit). Large enough
/// that importing a long text does not spill the transaction to the WAL mid-way.
const CACHE_KIB: i64 = 32 * 1024;

/// An open project file.
///
/// Not `Sync`: the app keeps one behind a mutex, and each thread or process that wants to
/// write concurrently opens its own handle; SQLite's locking serialises the writes.
pub struct Project {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project").field("path", &self.path).finish()
    }
}

impl Project {
    /// Create a new, empty project at `path`.
    ///
    /// Refuses a directory and an existing non-empty file (an existing empty file is taken
    /// over, which is what "new file" dialogs on some systems leave behind). The folder must
    /// exist and be writable.
    pub fn create(path: impl AsRef<Path>) -> Result<Project, StoreError> {
        let path = absolute(path.as_ref());
        let existed = match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                return Err(StoreError::AlreadyExists {
                    path,
                    reason: "it is a folder".into(),
                })
            }
            Ok(meta) if meta.len() > 0 => {
                return Err(StoreError::AlreadyExists {
                    path,
                    reason: "a file that is not empty is already there".into(),
                })
            }
            Ok(_) => true,
            Err(e) if e.kind() == ErrorKind::NotFound => false,
            Err(e) => return Err(io_err("create", &path, e)),
        };
        check_parent_writable(&path)?;
        if existed {
            check_file_writable(&path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let result = Connection::open_with_flags(&path, flags)
            .map_err(|e| classify(&path, e))
            .and_then(|conn| Project::init(conn, path.clone()));
        if result.is_err() && !existed {
            // Do not leave a half-made project behind for the next `open` to trip over.
            // Failures here are ignored: the original error is the one worth reporting.
            for suffix in ["", "-wal", "-shm"] {
                let _ = fs::remove_file(sidecar(&path, suffix));
            }
        }
        result
    }

    /// Open an existing project, migrating it to this build's schema if it is older.
    ///
    /// Refuses, with a message naming the file: a missing path (`not_found`), a directory,
    /// an empty file, a file that is not SQLite, an SQLite file of another program
    /// (`not_a_project`), a truncated or damaged file (`corrupt`), a project made by a newer
    /// Duizhao (`newer_version`), and a read-only file or folder (`read_only`).
    pub fn open(path: impl AsRef<Path>) -> Result<Project, StoreError> {
        let path = absolute(path.as_ref());
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Err(StoreError::NotFound(format!(
                    "the project {} does not exist",
                    path.display()
                )))
            }
            Err(e) => return Err(io_err("open", &path, e)),
        };
        if meta.is_dir() {
            return Err(StoreError::NotAProject {
                path,
                reason: "is a folder".into(),
            });
        }
        if meta.len() == 0 {
            return Err(StoreError::NotAProject {
                path,
                reason: "is an empty file".into(),
            });
        }
        check_header(&path, meta.len())?;
        check_parent_writable(&path)?;
        check_file_writable(&path)?;

        // No SQLITE_OPEN_CREATE: the file exists, and if it vanished meanwhile we want an
        // error rather than a fresh empty database.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, e))?;
        conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)
            .map_err(|e| classify(&path, e))?;

        // Read-only checks first: a file we refuse must stay exactly as it was, and
        // `journal_mode = WAL` or a migration would write to it.
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| classify(&path, e))?;
        if app_id != APPLICATION_ID {
            return Err(StoreError::NotAProject {
                path,
                reason: if app_id == 0 {
                    "is an SQLite database, but not one made by Duizhao".into()
                } else {
                    format!("is an SQLite database of another program (application_id {app_id:#x})")
                },
            });
        }
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| classify(&path, e))?;
        if version > LATEST_VERSION as i64 {
            return Err(StoreError::NewerVersion {
                path,
                found: version,
                known: LATEST_VERSION,
            });
        }
        Project::init(conn, path)
    }

    /// Open the project at `path`, or create it if nothing (or an empty file) is there.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<Project, StoreError> {
        let path = path.as_ref();
        match fs::metadata(path) {
            Ok(meta) if meta.is_file() && meta.len() == 0 => Project::create(path),
            Ok(_) => Project::open(path),
            Err(e) if e.kind() == ErrorKind::NotFound => Project::create(path),
            Err(e) => Err(io_err("open", &absolute(path), e)),
        }
    }

    /// Pragmas, migrations and a schema read, shared by `create` and `open`.
    fn init(mut conn: Connection, path: PathBuf) -> Result<Project, StoreError> {
        let db = |e: rusqlite::Error| classify(&path, e);
        conn.busy_timeout(DEFAULT_BUSY_TIMEOUT).map_err(db)?;
        // WAL: readers never block the writer and vice versa, so the UI can read while an
        // import runs. `journal_mode` returns the mode actually in force, which is not WAL
        // on file systems without shared memory; say so rather than run in a mode we never
        // tested.
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
            .map_err(db)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Io {
                action: "open",
                path: path.clone(),
                source: std::io::Error::other(format!(
                    "the file system does not support SQLite's WAL mode (got `{mode}`)"
                )),
            });
        }
        // NORMAL is durable across application crashes in WAL mode; only a power loss can
        // lose the last commits, never corrupt the file.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(db)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(db)?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)
            .map_err(db)?;
        conn.set_prepared_statement_cache_capacity(64);

        match migrate(&mut conn) {
            Ok(Migrated::Current) => {}
            // Checked in `open` already; only a concurrent newer Duizhao gets here.
            Ok(Migrated::TooNew(found)) => {
                return Err(StoreError::NewerVersion {
                    path,
                    found,
                    known: LATEST_VERSION,
                })
            }
            Err(e) => {
                return Err(match classify(&path, e) {
                    StoreError::Database { source, .. } => StoreError::Migration {
                        path,
                        detail: source.to_string(),
                    },
                    specific => specific,
                })
            }
        }

        // Reading the schema and the last event touches the b-tree roots, so a damaged file is
        // reported now, not in the middle of the first import.
        conn.query_row(
            "SELECT (SELECT count(*) FROM sqlite_schema), (SELECT max(id) FROM events)",
            [],
            |_| Ok(()),
        )
        .map_err(db)?;
        Ok(Project { conn, path })
    }

    /// The project file (absolute).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file (`PRAGMA user_version`); equals
    /// [`LATEST_VERSION`] once opened.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// How long a write waits for another writer before failing with `busy`.
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(timeout).map_err(|e| self.err(e))
    }

    /// THE ONE WRITE PATH. Every public method that changes the project calls this, once.
    ///
    /// Starts a `BEGIN IMMEDIATE` transaction, so that two writers never interleave: a
    /// second handle (thread or process) waits up to the busy timeout for the first, then
    /// fails with [`StoreError::Busy`]. Runs `f`, appends the event (`actor`, `action`, the
    /// change's summary and payload) to `events` in the same transaction and commits. If `f`
    /// or anything after it fails, the transaction rolls back: no rows and no event.
    pub(crate) fn write<T>(
        &mut self,
        actor: &str,
        action: &str,
        f: impl FnOnce(&Transaction) -> Result<(T, Change), StoreError>,
    ) -> Result<T, StoreError> {
        if actor.trim().is_empty() || action.trim().is_empty() {
            return Err(StoreError::Invalid(
                "every change needs an actor and an action for the history".into(),
            ));
        }
        let run = |conn: &mut Connection| -> Result<T, StoreError> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let (value, change) = f(&tx)?;
            let payload = serde_json::to_string(&change.payload)
                .map_err(|e| StoreError::Invalid(format!("history payload: {e}")))?;
            tx.prepare_cached(
                "INSERT INTO events (actor, action, summary, payload) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute((actor, action, &change.summary, &payload))?;
            tx.commit()?;
            Ok(value)
        };
        // Dropping an uncommitted Transaction rolls it back, so every error path above
        // (and a panic in `f`) leaves the file as it was.
        run(&mut self.conn).map_err(|e| e.at(&self.path))
    }

    /// The connection, for reads. Writes must go through [`Project::write`].
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Attach this project's path to an SQLite error and classify it.
    pub(crate) fn err(&self, e: impl Into<StoreError>) -> StoreError {
        e.into().at(&self.path)
    }
}

/// Check the 100-byte SQLite header ourselves, so that a file of another kind gets a plain
/// "not an SQLite database" and a truncated copy (a half-finished download or sync) is
/// caught before SQLite reads past its end.
fn check_header(path: &Path, file_len: u64) -> Result<(), StoreError> {
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let mut header = Vec::with_capacity(100);
    File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|e| io_err("read", path, e))?;
    if header.len() < MAGIC.len() || &header[..MAGIC.len()] != MAGIC {
        return Err(StoreError::NotAProject {
            path: path.to_path_buf(),
            reason: "is not an SQLite database".into(),
        });
    }
    if header.len() < 100 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("the file is truncated ({file_len} bytes, not even a header)"),
        });
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let page_count = u64::from(be32(28));
    // The page count in the header is only authoritative when the "version-valid-for" number
    // matches the change counter (SQLite file format §1.3.7). A WAL file next to the database
    // may hold pages beyond the main file's end that a checkpoint has not yet written back.
    let count_valid = page_count > 0 && be32(24) == be32(92);
    let wal_pending = fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > 0);
    if count_valid && !wal_pending && file_len < page_count * page_size {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!(
                "the file is truncated: it should hold {page_count} pages of {page_size} bytes \
                 ({} bytes) but has {file_len} bytes",
                page_count * page_size
            ),
        });
    }
    Ok(())
}

/// SQLite in WAL mode creates `<file>-wal` and `<file>-shm` next to the project, so the
/// folder must be writable, not just the file. Checked up front to give a clear message
/// instead of SQLite's "unable to open database file".
fn check_parent_writable(path: &Path) -> Result<(), StoreError> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match fs::metadata(parent) {
        Ok(meta) if !meta.is_dir() => Err(StoreError::Io {
            action: "create",
            path: path.to_path_buf(),
            source: std::io::Error::other(format!("{} is not a folder", parent.display())),
        }),
        Ok(meta) if meta.permissions().readonly() => Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            detail: format!(
                "its folder {} is read-only (a project needs to write files beside it)",
                parent.display()
            ),
        }),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Err(StoreError::Io {
            action: "create",
            path: path.to_path_buf(),
            source: std::io::Error::new(
                ErrorKind::NotFound,
                format!("the folder {} does not exist", parent.display()),
            ),
        }),
        // "Not a directory" and friends: a path through a file.
        Err(e) => Err(io_err("create", path, e)),
    }
}

/// A read-only project file would open but fail on the first write; refuse it up front.
/// (`readonly()` looks at the permission bits, so this also holds when running as root,
/// which the OS would otherwise let write anyway.)
fn check_file_writable(path: &Path) -> Result<(), StoreError> {
    match fs::metadata(path) {
        Ok(meta) if meta.permissions().readonly() => Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            detail: "the file is read-only".into(),
        }),
        Ok(_) => Ok(()),
        Err(e) => Err(io_err("open", path, e)),
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn absolute(path: &Path) -> PathBuf {
    // Messages should name the file unambiguously; fall back to the path as given if the
    // current directory is gone.
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

pub(crate) fn io_err(action: &'static str, path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}
