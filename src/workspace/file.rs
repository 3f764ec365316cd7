//! Reading and writing workspace files: RON in, checked; pretty RON out, atomically.

use std::path::Path;

use ron::error::{Position, SpannedError};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use super::atomic::write_atomic;
use super::{CURRENT_VERSION, Workspace, WorkspaceError};
use crate::net::{EndpointKind, parse_host_port};

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

/// Reads and checks a workspace file.
pub fn load(path: impl AsRef<Path>) -> Result<Workspace, WorkspaceError> {
    let path = path.as_ref();
    let text =
        std::fs::read_to_string(path).map_err(|source| WorkspaceError::Read { path: path.to_path_buf(), source })?;
    parse(&text, path)
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

/// What parses but cannot work: caught here, with the entry's name, rather
/// than when the endpoint is started.
fn validate(ws: &Workspace, path: &Path) -> Result<(), WorkspaceError> {
    let invalid = |what, name: &str, message: String| WorkspaceError::Invalid {
        path: path.to_path_buf(),
        what,
        name: name.to_string(),
        message,
    };
    for ep in &ws.endpoints {
        let spec = &ep.spec;
        let fail = |message: String| invalid("endpoint", &ep.name, message);
        if spec.kind.is_unix() {
            if spec.address.trim().is_empty() && spec.kind != EndpointKind::UnixDatagram {
                return Err(fail("a Unix socket needs a path, e.g. /tmp/socklab.sock".into()));
            }
        } else {
            parse_host_port(&spec.address).map_err(|m| fail(format!("address: {m}")))?;
            if let Some(peer) = &spec.peer {
                parse_host_port(peer).map_err(|m| fail(format!("peer: {m}")))?;
            }
        }
        if !spec.kind.reply_modes().contains(&spec.reply) {
            return Err(fail(format!("reply mode {} does not apply to a {}", spec.reply.name(), spec.kind.label())));
        }
    }
    for m in &ws.messages {
        m.bytes().map_err(|e| invalid("message", &m.name, format!("payload ({}): {e}", m.format.label())))?;
    }
    Ok(())
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
