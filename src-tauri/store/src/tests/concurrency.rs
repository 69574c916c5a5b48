//! Two writers on one file: SQLite's write lock serialises them, and a writer that cannot
//! get it in time fails cleanly with `busy`.

use std::time::Duration;

use super::{count, doc, new_project};
use crate::Project;

#[test]
fn two_handles_importing_at_once_both_succeed_or_report_busy() {
    let (_dir, path, first) = new_project();
    drop(first);
    const EACH: usize = 8;
    let workers: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|name| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut p = Project::open(&path).unwrap();
                let mut ok = 0;
                for i in 0..EACH {
                    match p.import_document(doc(&format!("{name} {i}")), name) {
                        Ok(_) => ok += 1,
                        Err(e) => assert_eq!(e.code(), "busy", "{e}"),
                    }
                }
                ok
            })
        })
        .collect();
    let ok: i64 = workers.into_iter().map(|w| w.join().unwrap()).sum();
    assert!(ok > 0);

    let p = Project::open(&path).unwrap();
    assert!(p.check().unwrap().is_ok());
    assert_eq!(count(&path, "documents"), ok);
    assert_eq!(count(&path, "events"), ok);
    assert_eq!(count(&path, "texts"), 2 * ok);
    assert_eq!(count(&path, "sentences"), 8 * ok);
    let docs = p.list_documents().unwrap();
    assert!(docs
        .iter()
        .all(|d| d.zh_sentences == 4 && d.en_sentences == 4));
}

#[test]
fn a_writer_that_cannot_get_the_lock_fails_with_busy() {
    let (_dir, path, mut p) = new_project();
    p.set_busy_timeout(Duration::from_millis(100)).unwrap();

    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let e = p.import_document(doc("Blocked"), "test").unwrap_err();
    assert_eq!(e.code(), "busy");
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");

    // Reads still work while another handle writes (WAL).
    assert!(p.list_documents().unwrap().is_empty());

    blocker.execute_batch("COMMIT").unwrap();
    p.import_document(doc("Unblocked"), "test").unwrap();
    assert_eq!(count(&path, "events"), 1);
}
