//! Why a workspace could not be loaded or saved, always naming the file and,
//! for what is wrong inside it, the line and column or the entry's name.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use super::safe_text::display_name;
use super::{CURRENT_VERSION, MAX_FILE_BYTES};

#[derive(Debug, Error)]
pub enum WorkspaceError {
    #[error("cannot read workspace {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    /// A FIFO, a device, a directory …: reading it could block or never end.
    #[error(
        "cannot load workspace {}: it is {what}, not a regular file: open a .ron file that socklab saved",
        path.display()
    )]
    NotAFile { path: PathBuf, what: &'static str },
    #[error(
        "cannot load workspace {}: it is {size} bytes, and a workspace file is at most {MAX_FILE_BYTES} bytes (16 MiB): this is not one",
        path.display()
    )]
    TooLarge { path: PathBuf, size: u64 },
    /// Not valid RON, or a value of the wrong type: `message` says what was expected.
    #[error("cannot load workspace {}: line {line}, column {column}: {message}", path.display())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error(
        "cannot load workspace {}: line {line}, column {column}: made by a newer socklab (version {found}; this one reads up to {CURRENT_VERSION})",
        path.display()
    )]
    TooNew { path: PathBuf, line: usize, column: usize, found: u32 },
    /// Parsed, but an entry cannot work (an address without a port, …). The
    /// name is shown escaped and shortened: it comes from the file.
    #[error("cannot load workspace {}: {what} '{}': {message}", path.display(), display_name(name))]
    Invalid { path: PathBuf, what: &'static str, name: String, message: String },
    #[error("cannot save workspace {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot save workspace {}: {message}", path.display())]
    Encode { path: PathBuf, message: String },
}
