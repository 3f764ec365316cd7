//! The in-app file picker's state and rules, pure (no egui, no I/O): which
//! folder the typed path is in, Tab completion against that folder's listing,
//! and what is wrong with the path before anything is opened or written.

use std::path::{Path, PathBuf};

/// What the chosen file is for: decides the title, the button, and whether
/// the file must exist (open, send) or may be created (save, export, record).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileRequest {
    OpenWorkspace,
    SaveWorkspace,
    SendFile {
        endpoint: crate::net::EndpointId,
    },
    Export {
        endpoint: crate::net::EndpointId,
        format: crate::model::ExportFormat,
    },
    Record {
        endpoint: crate::net::EndpointId,
    },
    /// The sequence diagram as SVG.
    ExportLadder {
        endpoint: crate::net::EndpointId,
    },
}

impl FileRequest {
    /// An existing file is read (true) or a file is written (false).
    pub fn reads(&self) -> bool {
        matches!(self, FileRequest::OpenWorkspace | FileRequest::SendFile { .. })
    }
}

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// A folder's entries as read on a task thread: folders first, then by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    pub entries: Vec<Entry>,
    /// Entries not kept (a folder with more than the picker lists).
    pub more: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Asked for, not yet read.
    Loading,
    Ready(Listing),
    /// Why the folder could not be listed (the path, the errno, the cause).
    Failed(String),
}

pub struct FilePicker {
    pub request: FileRequest,
    /// Why the desktop's own dialog did not open.
    pub reason: String,
    /// What the person types: a path, absolute or relative to `base`.
    pub text: String,
    /// Where relative paths start.
    pub base: PathBuf,
    /// The folder listed below the field, and what is known of it.
    pub dir: PathBuf,
    pub shown: Shown,
    /// The last refusal of the typed path.
    pub error: Option<String>,
}

impl FilePicker {
    /// A picker in `base`, the field holding `suggested` (a file name to save
    /// as, or empty). The folder's listing must be asked for (`dir`).
    pub fn new(request: FileRequest, reason: String, base: PathBuf, suggested: &str) -> FilePicker {
        let text = if suggested.is_empty() { String::new() } else { base.join(suggested).display().to_string() };
        let dir = base.clone();
        FilePicker { request, reason, text, base, dir, shown: Shown::Loading, error: None }
    }

    /// The typed path made absolute.
    pub fn path(&self) -> PathBuf {
        let typed = Path::new(self.text.trim());
        if typed.is_absolute() { typed.to_path_buf() } else { self.base.join(typed) }
    }

    /// The folder the typed path is in (the path itself when it ends with '/').
    pub fn typed_dir(&self) -> PathBuf {
        let path = self.path();
        if self.text.trim().is_empty() || self.text.ends_with('/') {
            return path;
        }
        path.parent().map_or(path.clone(), Path::to_path_buf)
    }

    /// The last part of the typed path: what completion extends.
    fn typed_name(&self) -> &str {
        if self.text.ends_with('/') { "" } else { self.text.trim().rsplit('/').next().unwrap_or("") }
    }

    /// Lists `dir` next; true when that is a change (the app asks a task;
    /// the first folder is asked for when the picker opens).
    pub fn go_to(&mut self, dir: PathBuf) -> bool {
        if dir == self.dir {
            return false;
        }
        self.dir = dir;
        self.shown = Shown::Loading;
        true
    }

    /// Extends the typed name as far as the listed entries agree; a single
    /// folder gets its '/'. False when nothing could be added.
    pub fn complete(&mut self) -> bool {
        let Shown::Ready(listing) = &self.shown else { return false };
        if self.typed_dir() != self.dir {
            return false;
        }
        let name = self.typed_name();
        let matches: Vec<&Entry> = listing.entries.iter().filter(|e| e.name.starts_with(name)).collect();
        let Some(first) = matches.first() else { return false };
        let common = matches.iter().fold(first.name.as_str(), |acc, e| common_prefix(acc, &e.name));
        let mut added = common[name.len()..].to_string();
        if matches.len() == 1 && first.is_dir {
            added.push('/');
        }
        if added.is_empty() {
            return false;
        }
        self.text.push_str(&added);
        true
    }

    /// Puts an entry of the listed folder in the field.
    pub fn choose(&mut self, entry: &Entry) {
        let mut text = self.dir.join(&entry.name).display().to_string();
        if entry.is_dir {
            text.push('/');
        }
        self.text = text;
        self.error = None;
    }

    /// The path to use, or what is wrong with it, judged on the listing of
    /// its folder (nothing is opened or written here).
    pub fn check(&self) -> Result<PathBuf, String> {
        if self.text.trim().is_empty() {
            return Err(messages::empty());
        }
        let path = self.path();
        let dir = self.typed_dir();
        let name = self.typed_name();
        if name.is_empty() {
            return Err(messages::folder_given(&dir));
        }
        if dir != self.dir {
            return Err(messages::still_listing(&dir));
        }
        let listing = match &self.shown {
            Shown::Ready(l) => l,
            Shown::Loading => return Err(messages::still_listing(&dir)),
            Shown::Failed(why) => return Err(why.clone()),
        };
        match listing.entries.iter().find(|e| e.name == name) {
            Some(e) if e.is_dir => Err(messages::is_folder(name)),
            Some(_) => Ok(path),
            None if self.request.reads() && listing.more == 0 => Err(messages::no_such_file(name, &dir)),
            None => Ok(path),
        }
    }
}

fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let end = a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i);
    // `b` may be shorter than `a`: cut at a character boundary of `a` either way.
    let end = (0..=end).rev().find(|&i| a.is_char_boundary(i)).unwrap_or(0);
    &a[..end]
}

/// Every sentence the picker's rules produce, in one place.
pub mod messages {
    use std::path::Path;

    use crate::t;

    pub fn empty() -> String {
        t!("picker-error-empty")
    }
    pub fn folder_given(dir: &Path) -> String {
        t!("picker-error-folder-given", path = dir.display().to_string())
    }
    pub fn still_listing(dir: &Path) -> String {
        t!("picker-error-still-listing", path = dir.display().to_string())
    }
    pub fn is_folder(name: &str) -> String {
        t!("picker-error-is-folder", name = name)
    }
    pub fn no_such_file(name: &str, dir: &Path) -> String {
        t!("picker-error-no-such-file", name = name, path = dir.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker(request: FileRequest, text: &str) -> FilePicker {
        let mut p = FilePicker::new(request, "none".into(), PathBuf::from("/lab"), "");
        p.text = text.into();
        p.dir = PathBuf::from("/lab");
        let entry = |name: &str, is_dir| Entry { name: name.into(), is_dir };
        let entries = vec![entry("lessons", true), entry("echo.ron", false), entry("echo2.ron", false)];
        p.shown = Shown::Ready(Listing { entries, more: 0 });
        p
    }

    #[test]
    fn tab_completes_as_far_as_the_entries_agree_and_folders_get_a_slash() {
        let mut p = picker(FileRequest::OpenWorkspace, "ec");
        assert!(p.complete());
        assert_eq!(p.text, "echo");
        let mut p = picker(FileRequest::OpenWorkspace, "/lab/le");
        assert!(p.complete());
        assert_eq!(p.text, "/lab/lessons/");
        assert_eq!(p.typed_dir(), PathBuf::from("/lab/lessons"));
        let mut p = picker(FileRequest::OpenWorkspace, "zz");
        assert!(!p.complete());
    }

    #[test]
    fn a_path_to_open_must_be_a_listed_file() {
        assert_eq!(picker(FileRequest::OpenWorkspace, "echo.ron").check(), Ok(PathBuf::from("/lab/echo.ron")));
        assert_eq!(picker(FileRequest::OpenWorkspace, " ").check(), Err(messages::empty()));
        assert_eq!(
            picker(FileRequest::OpenWorkspace, "echo3.ron").check(),
            Err("there is no file named 'echo3.ron' in /lab: check the name (Tab completes it)".into())
        );
        assert!(
            picker(FileRequest::OpenWorkspace, "lessons").check().unwrap_err().starts_with("'lessons' is a folder")
        );
        assert!(picker(FileRequest::OpenWorkspace, "/lab/").check().unwrap_err().starts_with("/lab/ is a folder"));
        let p = picker(FileRequest::OpenWorkspace, "/elsewhere/x.ron");
        assert_eq!(p.check(), Err("/elsewhere is still being read: try again in a moment".into()));
    }

    #[test]
    fn a_path_to_save_may_be_new_and_a_folder_that_cannot_be_listed_says_why() {
        let save = picker(FileRequest::SaveWorkspace, "new.ron");
        assert_eq!(save.check(), Ok(PathBuf::from("/lab/new.ron")));
        let mut p = picker(FileRequest::SaveWorkspace, "new.ron");
        p.shown = Shown::Failed("cannot list /lab: EACCES (Permission denied)".into());
        assert_eq!(p.check(), Err("cannot list /lab: EACCES (Permission denied)".into()));
    }

    #[test]
    fn common_prefixes_stop_at_character_boundaries() {
        assert_eq!(common_prefix("héllo", "hérault"), "hé");
        assert_eq!(common_prefix("abc", "ab"), "ab");
        assert_eq!(common_prefix("日本", "日本語"), "日本");
    }
}
