//! Why a workspace could not be loaded or saved, always naming the file and,
//! for what is wrong inside it, the line and column.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use super::CURRENT_VERSION;

#[derive(Debug, Error)]
pub enum WorkspaceError {
    #[error("cannot read workspace {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    /// Not valid RON, or a value of the wrong type: `message` says what was expected.
    #[error("cannot load workspace {}: line {line}, column {column}: {message}", path.display())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error(
        "cannot load workspace {}: line {line}, column {column}: made by a newer socklab (version {found}; this one reads up to {CURRENT_VERSION})",
        path.display()
    )]
    TooNew { path: PathBuf, line: usize, column: usize, found: u32 },
    /// Parsed, but an entry cannot work (an address without a port, …).
    #[error("cannot load workspace {}: {what} '{name}': {message}", path.display())]
    Invalid { path: PathBuf, what: &'static str, name: String, message: String },
    #[error("cannot save workspace {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot save workspace {}: {message}", path.display())]
    Encode { path: PathBuf, message: String },
}
