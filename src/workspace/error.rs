//! Why a workspace could not be loaded or saved, always naming the file and,
//! for what is wrong inside it, the line and column or the entry's name.

use std::path::PathBuf;

use thiserror::Error;

use super::safe_text::display_name;
use super::{CURRENT_VERSION, MAX_FILE_BYTES};
use crate::net::NetError;
use crate::t;
use crate::util::FileOpError;

#[derive(Debug, Error)]
pub enum WorkspaceError {
    #[error("{}", self.text())]
    /// open, fstat or read failed: the call and its errno.
    Read { path: PathBuf, source: FileOpError },
    /// A FIFO, a device …: reading it could block or never end. `what` is
    /// the catalogs' `file-kind`.
    #[error("{}", self.text())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{}", self.text())]
    TooLarge { path: PathBuf, size: u64 },
    /// Not valid RON, or a value of the wrong type: `message` says what was expected.
    #[error("{}", self.text())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}", self.text())]
    TooNew { path: PathBuf, line: usize, column: usize, found: u32 },
    /// Parsed, but an entry cannot work (an address without a port, …). The
    /// name is shown escaped and shortened: it comes from the file.
    #[error("{}", self.text())]
    Invalid { path: PathBuf, what: &'static str, name: String, message: String },
    #[error("{}", self.text())]
    /// A step of the atomic save failed (open, write, fsync, rename …).
    Write { path: PathBuf, source: FileOpError },
    #[error("{}", self.text())]
    Encode { path: PathBuf, message: String },
}

impl WorkspaceError {
    /// The message in the current language. The file's own words (a name, the
    /// parser's or the OS's message) go in as they are; sizes and versions are
    /// exact numbers, passed as text so they are not grouped.
    fn text(&self) -> String {
        let shown = |p: &PathBuf| p.display().to_string();
        match self {
            WorkspaceError::Read { path, source } => {
                t!("workspace-read", path = shown(path), error = NetError::from_file(source).to_string())
            }
            WorkspaceError::NotAFile { path, what } => {
                t!("workspace-not-a-file", path = shown(path), what = t!("file-kind", kind = *what))
            }
            WorkspaceError::TooLarge { path, size } => {
                t!("workspace-too-large", path = shown(path), size = size.to_string(), max = MAX_FILE_BYTES.to_string())
            }
            WorkspaceError::Syntax { path, line, column, message } => t!(
                "workspace-syntax",
                path = shown(path),
                line = line.to_string(),
                column = column.to_string(),
                message = message.as_str()
            ),
            WorkspaceError::TooNew { path, line, column, found } => t!(
                "workspace-too-new",
                path = shown(path),
                line = line.to_string(),
                column = column.to_string(),
                found = found.to_string(),
                current = CURRENT_VERSION.to_string()
            ),
            WorkspaceError::Invalid { path, what, name, message } => {
                let entry = match *what {
                    "endpoint" => t!("workspace-entry-endpoint"),
                    "message" => t!("workspace-entry-message"),
                    "lesson" => t!("workspace-entry-lesson"),
                    other => other.to_string(),
                };
                let name = display_name(name);
                t!("workspace-invalid", path = shown(path), entry = entry, name = name, message = message.as_str())
            }
            WorkspaceError::Write { path, source } => {
                t!("workspace-write", path = shown(path), error = NetError::from_file(source).to_string())
            }
            WorkspaceError::Encode { path, message } => {
                t!("workspace-encode", path = shown(path), message = message.as_str())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{self, Lang};

    #[test]
    fn the_message_is_in_the_language_of_the_moment_with_the_file_words_as_they_are() {
        i18n::isolate_thread();
        let err = WorkspaceError::Invalid {
            path: "w.ron".into(),
            what: "endpoint",
            name: "echo".into(),
            message: "address: no port".into(),
        };
        i18n::set_language(Lang::En);
        assert_eq!(err.to_string(), "cannot load workspace w.ron: endpoint 'echo': address: no port");
        i18n::set_language(Lang::ZhCn);
        assert_eq!(err.to_string(), "无法加载工作区 w.ron：端点“echo”：address: no port");
        let big = WorkspaceError::TooLarge { path: "w.ron".into(), size: 16_777_217 };
        assert!(big.to_string().contains("16777217 字节"), "{big}");
    }
}
