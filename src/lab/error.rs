//! Why a lab could not be loaded, always naming the file and, for what is
//! wrong inside it, the line and column or the step.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use super::CURRENT_VERSION;
use crate::workspace::WorkspaceError;

#[derive(Debug, Error)]
pub enum LabError {
    #[error("cannot read lab {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    /// Not valid RON, or a value of the wrong type: `message` says what was expected.
    #[error("cannot load lab {}: line {line}, column {column}: {message}", path.display())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error(
        "cannot load lab {}: line {line}, column {column}: made by a newer socklab (version {found}; this one reads up to {CURRENT_VERSION})",
        path.display()
    )]
    TooNew { path: PathBuf, line: usize, column: usize, found: u32 },
    /// Parsed, but cannot work: `what` names the field or the step.
    #[error("cannot load lab {}: {what}: {message}", path.display())]
    Invalid { path: PathBuf, what: String, message: String },
    /// The lab's workspace did not load (its own error says where).
    #[error("cannot load lab {}: its workspace: {source}", path.display())]
    Workspace { path: PathBuf, source: WorkspaceError },
    /// A file a check compares with could not be read.
    #[error("cannot load lab {}: step '{step}': file {}: {message}", path.display(), file.display())]
    CheckFile { path: PathBuf, step: String, file: PathBuf, message: String },
}
