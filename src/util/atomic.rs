//! Replace a file all at once: write a temporary file beside it, fsync, rename.
//! rename() within one directory is atomic, so readers (and a crash) see the
//! old file or the new one, never a partial write.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::FileOpError;

static NEXT: AtomicU64 = AtomicU64::new(0);

/// Creates a new, unique file in `dir` (O_EXCL: never reuses one that exists).
/// When every name tried is taken, the last EEXIST says so: its explanation
/// in the catalogs tells the person what is in the way.
fn create_temp(dir: &Path) -> Result<(PathBuf, File), FileOpError> {
    let mut last = None;
    for _ in 0..1000 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        // A fixed short name: a temp name built from a long target name could
        // exceed NAME_MAX where the target itself does not.
        let tmp = dir.join(format!(".socklab-save-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(FileOpError::on("open", &tmp, e)),
            Err(e) => return Err(FileOpError::on("open", &tmp, e)),
        }
    }
    let exists = || FileOpError::on("open", dir, io::Error::from_raw_os_error(libc::EEXIST));
    Err(last.unwrap_or_else(exists))
}

/// Replaces `path` with `bytes`, whole or not at all. Workspaces, settings and
/// exports all go through here. A symlink stays a link (what it points to is
/// replaced) and the old file's permissions are kept. The directory must exist.
/// An error names the call that failed (open, write, fsync, rename …).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileOpError> {
    write_atomic_with(path, bytes, |_| Ok(()))
}

/// `before_rename` lets tests fail the last step, with the temp file complete.
fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> Result<(), FileOpError>,
) -> Result<(), FileOpError> {
    // Saving through a symlink replaces what it points to, not the link.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| FileOpError::on("realpath", path, e))?
        }
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp, mut file) = create_temp(&dir)?;
    let result = (|| {
        file.write_all(bytes).map_err(|e| FileOpError::on("write", &tmp, e))?;
        // Keep the old file's permissions (a private workspace stays private).
        if let Ok(m) = fs::metadata(&target)
            && m.is_file()
        {
            file.set_permissions(m.permissions()).map_err(|e| FileOpError::on("fchmod", &tmp, e))?;
        }
        file.sync_all().map_err(|e| FileOpError::on("fsync", &tmp, e))?;
        drop(file);
        before_rename(&tmp)?;
        fs::rename(&tmp, &target).map_err(|e| FileOpError::on_two("rename", &tmp, &target, e))
    })();
    match result {
        Ok(()) => {
            // Make the rename itself durable; not every filesystem allows it.
            let _ = File::open(&dir).and_then(|d| d.sync_all());
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_failure_before_the_rename_leaves_the_original_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        fs::write(&path, b"old").unwrap();
        let err = write_atomic_with(&path, b"new", |tmp| {
            assert_eq!(fs::read(tmp).unwrap(), b"new");
            Err(FileOpError::on("rename", tmp, io::Error::other("injected")))
        })
        .unwrap_err();
        assert_eq!(err.source.to_string(), "injected");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(entries(dir.path()), vec!["w.ron"]);
    }

    #[test]
    fn replaces_the_file_and_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(entries(dir.path()), vec!["w.ron"]);
    }

    #[test]
    fn saving_through_a_symlink_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }
}
