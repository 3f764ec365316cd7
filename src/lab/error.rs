//! Why a lab could not be loaded, always naming the file and, for what is
//! wrong inside it, the line and column or the step. The words are the
//! catalogs' (`labfile-…`), formatted when shown; the parser's and the file's
//! own words go in as they are.

use std::path::PathBuf;

use thiserror::Error;

use super::CURRENT_VERSION;
use crate::i18n::Message;
use crate::net::NetError;
use crate::t;
use crate::util::FileOpError;
use crate::workspace::WorkspaceError;

#[derive(Debug, Error)]
pub enum LabError {
    /// open, fstat, read (or opendir, for a folder of labs) failed.
    #[error("{}", self.text())]
    Read { path: PathBuf, source: FileOpError },
    /// A FIFO, a device …: the catalogs' `file-kind`.
    #[error("{}", self.text())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{}", self.text())]
    TooLarge { path: PathBuf, size: u64, max: u64 },
    /// Not valid RON, or a value of the wrong type: `message` is the parser's.
    #[error("{}", self.text())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}", self.text())]
    NotUtf8 { path: PathBuf, line: usize, column: usize, byte: u8 },
    #[error("{}", self.text())]
    TooNew { path: PathBuf, line: usize, column: usize, found: u32 },
    /// Parsed, but cannot work: `what` names the field or the step.
    #[error("{}", self.text())]
    Invalid { path: PathBuf, what: Message, message: Message },
    /// The lab's workspace did not load (its own error says where).
    #[error("{}", self.text())]
    Workspace { path: PathBuf, source: WorkspaceError },
    /// A file a check compares with could not be read.
    #[error("{}", self.text())]
    CheckFile { path: PathBuf, step: String, file: PathBuf, message: Message },
}

impl LabError {
    /// The message in the current language. Line, column, sizes and versions
    /// are exact numbers, passed as text so they are not grouped.
    fn text(&self) -> String {
        let shown = |p: &PathBuf| p.display().to_string();
        match self {
            LabError::Read { path, source } => {
                t!("labfile-read", path = shown(path), error = NetError::from_file(source).to_string())
            }
            LabError::NotAFile { path, what } => {
                t!("labfile-not-a-file", path = shown(path), what = t!("file-kind", kind = *what))
            }
            LabError::TooLarge { path, size, max } => {
                t!("labfile-too-large", path = shown(path), size = size.to_string(), max = max.to_string())
            }
            LabError::Syntax { path, line, column, message } => t!(
                "labfile-syntax",
                path = shown(path),
                line = line.to_string(),
                column = column.to_string(),
                message = message.as_str()
            ),
            LabError::NotUtf8 { path, line, column, byte } => t!(
                "labfile-not-utf8",
                path = shown(path),
                line = line.to_string(),
                column = column.to_string(),
                byte = format!("0x{byte:02x}")
            ),
            LabError::TooNew { path, line, column, found } => t!(
                "labfile-too-new",
                path = shown(path),
                line = line.to_string(),
                column = column.to_string(),
                found = found.to_string(),
                current = CURRENT_VERSION.to_string()
            ),
            LabError::Invalid { path, what, message } => {
                t!("labfile-invalid", path = shown(path), what = what.text(), message = message.text())
            }
            LabError::Workspace { path, source } => {
                t!("labfile-workspace", path = shown(path), error = source.to_string())
            }
            LabError::CheckFile { path, step, file, message } => t!(
                "labfile-check-file",
                path = shown(path),
                step = step.as_str(),
                file = shown(file),
                message = message.text()
            ),
        }
    }
}
