//! Creating and opening project files, and refusing everything that is not one.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use super::{doc, new_project};
use crate::{Project, APPLICATION_ID, LATEST_VERSION};

#[test]
fn create_then_reopen_shows_the_same_documents() {
    let (_dir, path, mut p) = new_project();
    assert_eq!(p.schema_version().unwrap(), LATEST_VERSION as i64);
    assert!(p.path().is_absolute());
    let id = p.import_document(doc("Statement"), "test").unwrap();
    let list = p.list_documents().unwrap();
    let view = p.document(id).unwrap();
    drop(p);

    let p = Project::open(&path).unwrap();
    assert_eq!(p.list_documents().unwrap(), list);
    assert_eq!(p.document(id).unwrap(), view);
    assert_eq!(p.schema_version().unwrap(), LATEST_VERSION as i64);
    assert!(p.check().unwrap().is_ok());

    let journal: String = p
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    let fk: bool = p
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert!(fk);
    let app: i32 = p
        .conn()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
}

#[test]
fn open_or_create_creates_then_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.duizhao");
    let mut p = Project::open_or_create(&path).unwrap();
    p.import_document(doc("One"), "test").unwrap();
    drop(p);
    let p = Project::open_or_create(&path).unwrap();
    assert_eq!(p.list_documents().unwrap().len(), 1);
}

#[test]
fn create_takes_over_an_empty_file_but_refuses_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.duizhao");
    fs::write(&empty, b"").unwrap();
    Project::create(&empty).unwrap();

    let e = Project::create(&empty).unwrap_err();
    assert_eq!(e.code(), "already_exists");
    assert!(e.to_string().contains("empty.duizhao"), "{e}");

    let e = Project::create(dir.path()).unwrap_err();
    assert_eq!(e.code(), "already_exists");

    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "keep me").unwrap();
    assert_eq!(
        Project::create(&notes).unwrap_err().code(),
        "already_exists"
    );
    assert_eq!(fs::read_to_string(&notes).unwrap(), "keep me");
}

#[test]
fn open_refuses_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.duizhao");
    let e = Project::open(&path).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert!(e.to_string().contains("missing.duizhao"), "{e}");
    assert!(!path.exists(), "open must not create a file");
}

#[test]
fn open_refuses_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statement.txt");
    fs::write(&path, "国务院新闻办公室发表声明。\n".repeat(100)).unwrap();
    let e = Project::open(&path).unwrap_err();
    assert_eq!(e.code(), "not_a_project");
    assert_eq!(
        e.to_string(),
        format!(
            "not a Duizhao project: {} is not an SQLite database",
            path.display()
        )
    );
}

#[test]
fn open_refuses_garbage_named_like_an_image() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    fs::write(&path, &bytes).unwrap();
    let e = Project::open(&path).unwrap_err();
    assert_eq!(e.code(), "not_a_project");
    assert!(e.to_string().contains("photo.png"), "{e}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn open_refuses_a_directory_and_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = Project::open(dir.path()).unwrap_err();
    assert_eq!(e.code(), "not_a_project");
    assert!(e.to_string().contains("is a folder"), "{e}");

    let empty = dir.path().join("empty.duizhao");
    fs::write(&empty, b"").unwrap();
    let e = Project::open(&empty).unwrap_err();
    assert_eq!(e.code(), "not_a_project");
    assert!(e.to_string().contains("empty"), "{e}");
}

#[test]
fn open_refuses_another_programs_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("history.sqlite");
    let conn = rusqlite::Connection::open(&plain).unwrap();
    conn.execute_batch("CREATE TABLE visits (url TEXT); INSERT INTO visits VALUES ('x');")
        .unwrap();
    drop(conn);
    let before = fs::read(&plain).unwrap();
    let e = Project::open(&plain).unwrap_err();
    assert_eq!(e.code(), "not_a_project");
    assert!(e.to_string().contains("not one made by Duizhao"), "{e}");
    assert_eq!(
        fs::read(&plain).unwrap(),
        before,
        "a refused file stays unchanged"
    );

    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("PRAGMA application_id = 42; CREATE TABLE t (x);")
        .unwrap();
    drop(conn);
    let e = Project::open(&other).unwrap_err();
    assert_eq!(e.code(), "not_a_project");
    assert!(e.to_string().contains("another program"), "{e}");
}

/// A project big enough to span many pages, closed so that its WAL is checkpointed.
fn closed_project_bytes() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let (dir, path, mut p) = new_project();
    for i in 0..20 {
        p.import_document(doc(&format!("Doc {i}")), "test").unwrap();
    }
    drop(p);
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 8 * 4096, "fixture too small: {}", bytes.len());
    (dir, path, bytes)
}

#[test]
fn open_refuses_a_truncated_copy() {
    let (dir, _path, bytes) = closed_project_bytes();
    let half = dir.path().join("half.duizhao");
    fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    let e = Project::open(&half).unwrap_err();
    assert_eq!(e.code(), "corrupt");
    assert!(e.to_string().contains("half.duizhao"), "{e}");
    assert!(e.to_string().contains("truncated"), "{e}");

    let stub = dir.path().join("stub.duizhao");
    fs::write(&stub, &bytes[..50]).unwrap();
    assert_eq!(Project::open(&stub).unwrap_err().code(), "corrupt");
}

#[test]
fn open_refuses_a_damaged_schema_page() {
    let (dir, _path, mut bytes) = closed_project_bytes();
    // Page 1 after the 100-byte file header is the root of sqlite_schema.
    for b in &mut bytes[100..400] {
        *b = 0xA5;
    }
    let bad = dir.path().join("damaged.duizhao");
    fs::write(&bad, &bytes).unwrap();
    let e = Project::open(&bad).unwrap_err();
    assert_eq!(e.code(), "corrupt", "{e}");
    assert!(e.to_string().contains("damaged.duizhao"), "{e}");
}

#[test]
fn open_refuses_a_newer_schema_and_leaves_the_file_unchanged() {
    let (_dir, path, p) = new_project();
    drop(p);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", LATEST_VERSION as i64 + 1)
        .unwrap();
    drop(conn);
    let before = fs::read(&path).unwrap();

    let e = Project::open(&path).unwrap_err();
    assert_eq!(e.code(), "newer_version");
    let msg = e.to_string();
    assert!(
        msg.contains(&format!(
            "made by a newer version of Duizhao (schema {}, this build knows up to {}); update Duizhao to open it",
            LATEST_VERSION + 1,
            LATEST_VERSION
        )),
        "{msg}"
    );
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(
        Project::open_or_create(&path).unwrap_err().code(),
        "newer_version"
    );
}

#[test]
fn create_refuses_paths_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();

    // A path through a regular file: fails for root too.
    let file = dir.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    let under = file.join("p.duizhao");
    let e = Project::create(&under).unwrap_err();
    assert_eq!(e.code(), "io");
    assert!(e.to_string().contains("p.duizhao"), "{e}");

    // A folder that does not exist.
    let nowhere = dir.path().join("no/such/folder/p.duizhao");
    let e = Project::create(&nowhere).unwrap_err();
    assert_eq!(e.code(), "io");
    assert!(e.to_string().contains("does not exist"), "{e}");

    // A read-only folder. Root could write into it anyway; the store goes by the
    // permission bits, so the user gets the same answer whoever runs it.
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let e = Project::create(ro.join("p.duizhao")).unwrap_err();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(e.code(), "read_only");
    assert!(e.to_string().contains("p.duizhao"), "{e}");
    assert!(!ro.join("p.duizhao").exists());
}

#[test]
fn open_refuses_a_read_only_project_file() {
    let (_dir, path, p) = new_project();
    drop(p);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let e = Project::open(&path).unwrap_err();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(e.code(), "read_only");
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
}
