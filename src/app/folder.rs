//! Reading a folder for the in-app file picker, on a task thread: folders
//! first, then files, by name; at most [`MAX_ENTRIES`] kept, the rest counted.

use std::path::Path;

use crate::net::NetError;
use crate::ui::file_picker::{Entry, Listing};
use crate::util::FileOpError;

/// A folder with more entries than this is listed in part (and says how many more).
pub const MAX_ENTRIES: usize = 2_000;

/// The folder's entries, or why it cannot be read: the path, the errno and what to do.
pub fn list(dir: &Path) -> Result<Listing, String> {
    let read = std::fs::read_dir(dir).map_err(|e| cannot_list(dir, e))?;
    let mut entries = Vec::new();
    let mut more = 0;
    for item in read {
        let Ok(item) = item else { continue };
        if entries.len() == MAX_ENTRIES {
            more += 1;
            continue;
        }
        // Follows symbolic links: a link to a folder is opened like one.
        let is_dir = std::fs::metadata(item.path()).is_ok_and(|m| m.is_dir());
        entries.push(Entry { name: item.file_name().to_string_lossy().into_owned(), is_dir });
    }
    entries.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name)));
    Ok(Listing { entries, more })
}

/// The call, its errno and what to do, from the catalogs (the file hints of `errno-…`).
fn cannot_list(dir: &Path, e: std::io::Error) -> String {
    let error = NetError::from_file(&FileOpError::on("opendir", dir, e)).to_string();
    crate::t!("picker-cannot-list", path = dir.display().to_string(), error = error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_come_first_and_errors_name_the_path_and_errno() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.ron"), "").unwrap();
        std::fs::write(dir.path().join("a.txt"), "").unwrap();
        std::fs::create_dir(dir.path().join("z")).unwrap();
        let names: Vec<(String, bool)> =
            list(dir.path()).unwrap().entries.into_iter().map(|e| (e.name, e.is_dir)).collect();
        assert_eq!(names, [("z".into(), true), ("a.txt".into(), false), ("b.ron".into(), false)]);
        let missing = dir.path().join("nope");
        let err = list(&missing).unwrap_err();
        let shown = missing.display();
        let want = format!("cannot list {shown}: opendir({shown}) failed: ENOENT (No such file or directory). ");
        assert!(err.starts_with(&want), "{err}");
        assert!(err.contains("check the path's spelling"), "{err}");
        let err = list(&dir.path().join("a.txt")).unwrap_err();
        assert!(err.contains("ENOTDIR") && err.ends_with("should be a folder is a file: check the path."), "{err}");
    }
}
