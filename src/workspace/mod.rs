//! Workspaces: a set of endpoints, saved messages and the window layout, kept
//! in a RON file so a lesson or an experiment can be reopened as it was.
//!
//! Compatibility: fields added after version 1 carry `#[serde(default)]`, so
//! older files keep loading; a file whose `version` is newer than
//! [`CURRENT_VERSION`] is refused instead of being half understood.

mod error;
mod file;
mod lesson;
mod safe_text;
mod validate;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::net::{Encoding, EndpointSpec, PayloadError, PayloadFormat, TextError, parse_payload, parse_text_in};

pub use error::WorkspaceError;
pub use file::{load, parse, save, to_ron};
pub use lesson::{Lesson, LessonPage, LessonText};
pub use safe_text::{NAME_SHOWN, display_name, escape_controls};

/// The newest file format this build reads and the one it writes.
pub const CURRENT_VERSION: u32 = 1;

/// The largest file `load` reads: far more than any workspace, small enough
/// that a wrong file is refused at once instead of filling memory.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// The longest connect timeout accepted (a day): more is a typo, and a sum
/// with it must not overflow.
pub const MAX_CONNECT_TIMEOUT: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub version: u32,
    #[serde(default)]
    pub endpoints: Vec<WorkspaceEndpoint>,
    #[serde(default)]
    pub messages: Vec<SavedMessage>,
    #[serde(default)]
    pub layout: Layout,
    /// The lesson's text, shown when the file opens; empty in a plain workspace.
    #[serde(default, skip_serializing_if = "Lesson::is_empty")]
    pub lesson: Lesson,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            version: CURRENT_VERSION,
            endpoints: Vec::new(),
            messages: Vec::new(),
            layout: Layout::default(),
            lesson: Lesson::default(),
        }
    }
}

/// One endpoint as the form describes it; `autostart` opens it when the
/// workspace is loaded (in the app) or run (`socklab run`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceEndpoint {
    pub name: String,
    pub spec: EndpointSpec,
    #[serde(default)]
    pub autostart: bool,
}

impl Workspace {
    /// Endpoints that would listen or bind beyond this machine when started
    /// (auto-start ones first matter most, but every one is listed): name and
    /// address, in file order. Unix sockets and clients are never exposed.
    pub fn exposed_endpoints(&self) -> Vec<&WorkspaceEndpoint> {
        self.endpoints
            .iter()
            .filter(|e| e.spec.kind.is_server() || e.spec.kind == crate::net::EndpointKind::Udp)
            .filter(|e| !e.spec.kind.is_unix())
            .filter(|e| crate::net::BindScope::of(&e.spec.address).is_some_and(|s| !s.is_loopback()))
            .collect()
    }
}

/// What is added after a saved message's payload.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LineEnding {
    #[default]
    None,
    /// `\n`, as Unix tools and most line protocols expect.
    Lf,
    /// `\r\n`, as HTTP, SMTP and telnet expect.
    CrLf,
}

impl LineEnding {
    pub const ALL: [LineEnding; 3] = [LineEnding::None, LineEnding::Lf, LineEnding::CrLf];

    pub fn bytes(self) -> &'static [u8] {
        match self {
            LineEnding::None => b"",
            LineEnding::Lf => b"\n",
            LineEnding::CrLf => b"\r\n",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LineEnding::None => "none",
            LineEnding::Lf => "\\n",
            LineEnding::CrLf => "\\r\\n",
        }
    }
}

/// A message kept for sending again, written as the send box takes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedMessage {
    pub name: String,
    /// As typed: text with escapes, hex or base64, per `format`.
    pub payload: String,
    #[serde(default)]
    pub format: PayloadFormat,
    #[serde(default)]
    pub line_ending: LineEnding,
}

impl SavedMessage {
    pub fn new(name: impl Into<String>, payload: impl Into<String>) -> SavedMessage {
        SavedMessage {
            name: name.into(),
            payload: payload.into(),
            format: PayloadFormat::Text,
            line_ending: LineEnding::None,
        }
    }

    /// The exact bytes to send: the parsed payload, then the line ending.
    pub fn bytes(&self) -> Result<Vec<u8>, PayloadError> {
        let mut data = parse_payload(&self.payload, self.format)?;
        data.extend_from_slice(self.line_ending.bytes());
        Ok(data)
    }

    /// The bytes to send from an endpoint whose text is in `encoding` (its
    /// text written in it, escapes as the bytes they name; hex and base64 as they are).
    pub fn bytes_in(&self, encoding: Encoding) -> Result<Vec<u8>, TextError> {
        let mut data = match self.format {
            PayloadFormat::Text => parse_text_in(&self.payload, encoding)?,
            other => parse_payload(&self.payload, other).map_err(TextError::Syntax)?,
        };
        data.extend_from_slice(self.line_ending.bytes());
        Ok(data)
    }
}

/// How the window was arranged. Unknown fields are ignored here (not refused)
/// so the app can add to it without making older files unreadable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    pub show_inspector: bool,
    pub show_log: bool,
    /// The selected endpoint, as an index into `endpoints`.
    pub selected: Option<usize>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { show_inspector: true, show_log: true, selected: None }
    }
}
