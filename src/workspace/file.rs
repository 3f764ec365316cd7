//! Reading and writing workspace files: RON in, checked; pretty RON out, atomically.

use std::path::Path;

use ron::error::SpannedError;
use serde::Deserialize;

use super::validate::validate;
use super::{CURRENT_VERSION, MAX_FILE_BYTES, Workspace, WorkspaceError};
use crate::util::text_file::{KnownVersion, ReadError, newer_version, read_text, ron_position};
use crate::util::write_atomic;

const HEADER: &str = "// socklab workspace. Open it in the app, or run it headless: socklab run FILE.ron\n\
// Comments are not kept when the app saves this file.\n";

/// Reads only the version, so a newer file is refused before the rest is parsed.
#[derive(Deserialize)]
#[serde(rename = "Workspace")]
struct Probe {
    #[serde(default)]
    #[allow(dead_code)]
    version: KnownVersion<CURRENT_VERSION>,
}

/// Reads and checks a workspace file. Only a regular file of at most
/// [`MAX_FILE_BYTES`] is read: `/dev/zero` would never end and a FIFO would
/// block until someone writes to it.
pub fn load(path: impl AsRef<Path>) -> Result<Workspace, WorkspaceError> {
    let path = path.as_ref();
    let file = path.to_path_buf();
    let text = read_text(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(source) => WorkspaceError::Read { path: file, source },
        ReadError::NotAFile(what) => WorkspaceError::NotAFile { path: file, what },
        ReadError::TooLarge(size) => WorkspaceError::TooLarge { path: file, size },
        ReadError::NotUtf8 { line, column, byte } => WorkspaceError::Syntax {
            path: file,
            line,
            column,
            message: crate::t!("workspace-not-utf8", byte = format!("0x{byte:02x}")),
        },
    })?;
    parse(&text, path)
}

/// Parses and checks workspace text; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Workspace, WorkspaceError> {
    if let Some((found, line, column)) = newer_version::<Probe>(text) {
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
    let (line, column) = ron_position(text, &e);
    WorkspaceError::Syntax { path: path.to_path_buf(), line, column, message: e.code.to_string() }
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
