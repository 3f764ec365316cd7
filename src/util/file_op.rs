//! A file operation that failed: the call as `strace` would show it
//! (`open(w.ron)`, `rename(a, b)`) and the OS's error, so whoever shows it can
//! name the errno and explain it (`NetError::from_file`).

use std::fmt;
use std::io;
use std::path::Path;

#[derive(Debug)]
pub struct FileOpError {
    /// `open(w.ron)`: the call and its path(s).
    pub call: String,
    pub source: io::Error,
}

impl FileOpError {
    /// `call` on one path: `FileOpError::on("open", path, e)`.
    pub fn on(call: &str, path: &Path, source: io::Error) -> FileOpError {
        FileOpError { call: format!("{call}({})", path.display()), source }
    }

    /// A call on two paths: `rename(from, to)`.
    pub fn on_two(call: &str, from: &Path, to: &Path, source: io::Error) -> FileOpError {
        FileOpError { call: format!("{call}({}, {})", from.display(), to.display()), source }
    }

    pub fn errno(&self) -> Option<i32> {
        self.source.raw_os_error()
    }
}

/// For logs and tests; a person sees `NetError::from_file`'s words.
impl fmt::Display for FileOpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.call, self.source)
    }
}

impl std::error::Error for FileOpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
