//! Reading and writing workspace files: RON in, checked; pretty RON out, atomically.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use ron::error::{Position, SpannedError};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use super::validate::validate;
use super::{CURRENT_VERSION, MAX_FILE_BYTES, Workspace, WorkspaceError};
use crate::util::write_atomic;

const HEADER: &str = "// socklab workspace. Open it in the app, or run it headless: socklab run FILE.ron\n\
// Comments are not kept when the app saves this file.\n";

/// Marks the probe's refusal of a newer version, so it can be told from other errors.
const NEWER: &str = "socklab-workspace-newer-version:";

/// Reads only the version, refusing a newer one: the error then carries the
/// position of the number itself. The rest of a newer file may not parse at all.
#[derive(Default)]
struct VersionCheck;

impl<'de> Deserialize<'de> for VersionCheck {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = u32::deserialize(d)?;
        if v > CURRENT_VERSION {
            return Err(D::Error::custom(format!("{NEWER}{v}")));
        }
        Ok(VersionCheck)
    }
}

#[derive(Deserialize)]
#[serde(rename = "Workspace")]
struct Probe {
    #[serde(default)]
    #[allow(dead_code)]
    version: VersionCheck,
}

/// Reads and checks a workspace file. Only a regular file of at most
/// [`MAX_FILE_BYTES`] is read: `/dev/zero` would never end and a FIFO would
/// block until someone writes to it.
pub fn load(path: impl AsRef<Path>) -> Result<Workspace, WorkspaceError> {
    let path = path.as_ref();
    let bytes = read_limited(path)?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(not_utf8(path, &e)),
    };
    parse(&text, path)
}

fn read_limited(path: &Path) -> Result<Vec<u8>, WorkspaceError> {
    let read_error = |source| WorkspaceError::Read { path: path.to_path_buf(), source };
    // O_NONBLOCK: opening a FIFO must not wait for a writer; regular files ignore it.
    let file = OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).map_err(read_error)?;
    // The open file's own metadata: what was checked is what is read.
    let meta = file.metadata().map_err(read_error)?;
    if !meta.is_file() {
        return Err(WorkspaceError::NotAFile { path: path.to_path_buf(), what: file_kind(&meta) });
    }
    let too_large = |size| WorkspaceError::TooLarge { path: path.to_path_buf(), size };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read stops one byte past the limit.
    Read::take(&file, MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file_size(&file).unwrap_or(bytes.len() as u64)));
    }
    Ok(bytes)
}

fn file_size(file: &File) -> io::Result<u64> {
    file.metadata().map(|m| m.len())
}

fn file_kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

/// Points at the first byte that is not UTF-8, as a syntax error does.
fn not_utf8(path: &Path, e: &std::string::FromUtf8Error) -> WorkspaceError {
    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
    // The prefix is valid UTF-8 by definition; count lines and characters in it.
    let prefix = std::str::from_utf8(valid).unwrap_or_default();
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let byte = e.as_bytes().get(valid.len()).copied().unwrap_or_default();
    WorkspaceError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message: format!("byte 0x{byte:02x} is not UTF-8 text: a workspace is a text file"),
    }
}

/// Parses and checks workspace text; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Workspace, WorkspaceError> {
    if let Err(e) = ron::from_str::<Probe>(text)
        && let ron::Error::Message(m) = &e.code
        && let Some(found) = m.strip_prefix(NEWER).and_then(|n| n.parse().ok())
    {
        let (line, column) = first_visible(text, e.span.start, e.span.end);
        return Err(WorkspaceError::TooNew { path: path.to_path_buf(), line, column, found });
    }
    let ws: Workspace = ron::from_str(text).map_err(|e| syntax(path, text, e))?;
    if ws.version > CURRENT_VERSION {
        // The probe catches this with a position; this is the fallback if it could not read the file.
        return Err(WorkspaceError::TooNew { path: path.to_path_buf(), line: 1, column: 1, found: ws.version });
    }
    validate(&ws, path)?;
    Ok(ws)
}

fn syntax(path: &Path, text: &str, e: SpannedError) -> WorkspaceError {
    let (line, column) = first_visible(text, e.span.start, e.span.end);
    WorkspaceError::Syntax { path: path.to_path_buf(), line, column, message: e.code.to_string() }
}

/// ron's span of a wrong value can start at the blank before it: point at the
/// value itself, the first non-blank character in the span.
fn first_visible(text: &str, start: Position, end: Position) -> (usize, usize) {
    let mut pos = (start.line, start.col);
    for (i, line) in text.split('\n').skip(start.line.saturating_sub(1)).enumerate() {
        let skip = if i == 0 { start.col.saturating_sub(1) } else { 0 };
        for c in line.chars().skip(skip) {
            if pos >= (end.line, end.col) || !c.is_whitespace() {
                return pos;
            }
            pos.1 += 1;
        }
        pos = (pos.0 + 1, 1);
    }
    (start.line, start.col)
}

/// The workspace as pretty RON, with a header comment.
pub fn to_ron(ws: &Workspace) -> Result<String, ron::Error> {
    // One option per line; what is deeper stays on its line.
    let config = ron::ser::PrettyConfig::new().new_line("\n").indentor("    ").depth_limit(5);
    let body = ron::ser::to_string_pretty(ws, config)?;
    Ok(format!("{HEADER}{body}\n"))
}

/// Saves atomically: the file on disk is either the old one or the new one,
/// whole, never a mix, even if the disk fills or the process dies midway.
pub fn save(path: impl AsRef<Path>, ws: &Workspace) -> Result<(), WorkspaceError> {
    let path = path.as_ref();
    let text = to_ron(ws).map_err(|e| WorkspaceError::Encode { path: path.to_path_buf(), message: e.to_string() })?;
    write_atomic(path, text.as_bytes()).map_err(|source| WorkspaceError::Write { path: path.to_path_buf(), source })
}
