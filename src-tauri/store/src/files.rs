//! Reading source files for import, shared by the CLI and the app so both refuse the same
//! files with the same messages.
//!
//! `duizhao_core` does no file IO (it decodes bytes); this is the one place that turns a
//! user-chosen path into those bytes.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use duizhao_core::MAX_IMPORT_BYTES;

use crate::project::io_err;
use crate::StoreError;

/// Read a source file to import.
///
/// Refuses a missing path (`not_found`), a folder or other non-file (`invalid`), and a file
/// larger than [`MAX_IMPORT_BYTES`] (`too_large`). The size is checked from the metadata
/// before reading, so an oversized file is never loaded into memory, and again while reading,
/// in case the file grows in between.
pub fn read_source(path: &Path) -> Result<Vec<u8>, StoreError> {
    let limit = MAX_IMPORT_BYTES;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(StoreError::NotFound(format!(
                "{} does not exist",
                path.display()
            )))
        }
        Err(e) => return Err(io_err("read", path, e)),
    };
    if meta.is_dir() {
        return Err(StoreError::Invalid(format!(
            "{} is a folder, not a file to import",
            path.display()
        )));
    }
    if !meta.is_file() {
        return Err(StoreError::Invalid(format!(
            "{} is not a regular file (a device, pipe or socket cannot be imported)",
            path.display()
        )));
    }
    if meta.len() > limit {
        return Err(too_large(path, meta.len(), limit));
    }

    let file = File::open(path).map_err(|e| io_err("read", path, e))?;
    // Capacity from the metadata (bounded by the limit), plus one byte to detect growth.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_err("read", path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(path: &Path, size: u64, limit: u64) -> StoreError {
    StoreError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "对照\n").unwrap();
        assert_eq!(read_source(&p).unwrap(), "对照\n".as_bytes());
    }

    #[test]
    fn refuses_missing_path_and_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("nope.txt");
        let e = read_source(&p).unwrap_err();
        assert_eq!(e.code(), "not_found");
        assert!(e.to_string().contains("nope.txt"), "{e}");
        assert!(e.to_string().contains("does not exist"), "{e}");
    }

    #[test]
    fn refuses_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_source(dir.path()).unwrap_err();
        assert_eq!(e.code(), "invalid");
        assert!(e.to_string().contains(&dir.path().display().to_string()));
    }

    #[test]
    fn refuses_an_oversized_file_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        // A sparse file: larger than the limit on paper, costs no disk and no memory.
        let f = File::create(&p).unwrap();
        f.set_len(MAX_IMPORT_BYTES + 1).unwrap();
        let e = read_source(&p).unwrap_err();
        assert_eq!(e.code(), "too_large");
        let msg = e.to_string();
        assert!(msg.contains("big.txt"), "{msg}");
        assert!(msg.contains("the limit is 67.1 MB"), "{msg}");
    }
}
