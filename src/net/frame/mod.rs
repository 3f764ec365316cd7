//! Framing: how the received byte stream is cut into the protocol's messages
//! (lines, delimited records, fixed-size or length-prefixed frames) instead of
//! whatever each recv() happened to return.
//!
//! [`FrameSpec`] is what a person chooses (saved in workspaces, given as
//! `--frame`); a [`Framer`] applies it to one connection's recv chunks.

mod framer;
mod spec_text;
#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use framer::Framer;
pub use spec_text::{FramingParseError, parse_size};

/// The default frame limit: a frame larger than this is "oversize".
pub const DEFAULT_LIMIT: usize = 64 * 1024;
/// The largest limit anyone may set: what one connection may hold at most.
pub const MAX_LIMIT: usize = 16 * 1024 * 1024;
/// The longest delimiter accepted.
pub const MAX_DELIMITER: usize = 16;
/// How many recv() chunk marks a frame keeps; more are only counted.
pub const MAX_MARKS: usize = 256;

/// How a stream is cut into messages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Framing {
    /// Each recv() is a message, as it came.
    #[default]
    Raw,
    /// Lines ending in `\n` (a `\r` before it is part of the line end).
    Line,
    /// Records ending with this byte string.
    Delimiter(Vec<u8>),
    /// Frames of exactly this many bytes.
    Fixed(usize),
    /// A binary length header, then that many bytes.
    LengthPrefix {
        width: PrefixWidth,
        big_endian: bool,
        /// The length counts the header's own bytes too.
        counts_header: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrefixWidth {
    One,
    Two,
    Four,
}

impl PrefixWidth {
    pub fn bytes(self) -> usize {
        match self {
            PrefixWidth::One => 1,
            PrefixWidth::Two => 2,
            PrefixWidth::Four => 4,
        }
    }
}

/// What happens to a frame larger than the limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Oversize {
    /// Report it, skip its bytes (to the next delimiter, or the length the
    /// header announced) and go on with the next frame.
    #[default]
    Resync,
    /// Report it and close the connection.
    Close,
    /// Deliver it in pieces of at most the limit, each marked as cut.
    Split,
}

/// Framing with its limit: everything a [`Framer`] needs. Saved in workspaces.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct FrameSpec {
    pub framing: Framing,
    /// The largest frame in bytes, header and delimiter included.
    pub limit: usize,
    pub oversize: Oversize,
}

impl Default for FrameSpec {
    fn default() -> Self {
        FrameSpec { framing: Framing::Raw, limit: DEFAULT_LIMIT, oversize: Oversize::Resync }
    }
}

/// Why a frame spec cannot be used (a workspace may hold anything). Its
/// words are the catalogs' (`frame-spec-…`, in `spec_text.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameSpecError {
    Limit(usize),
    EmptyDelimiter,
    LongDelimiter(usize),
    LimitBelowFraming { limit: usize, need: usize },
    ZeroFixed,
    FixedOverLimit { size: usize, limit: usize },
}

impl std::error::Error for FrameSpecError {}

impl FrameSpec {
    pub fn new(framing: Framing) -> FrameSpec {
        FrameSpec { framing, ..FrameSpec::default() }
    }

    pub fn validate(&self) -> Result<(), FrameSpecError> {
        if self.limit == 0 || self.limit > MAX_LIMIT {
            return Err(FrameSpecError::Limit(self.limit));
        }
        match &self.framing {
            Framing::Delimiter(d) if d.is_empty() => Err(FrameSpecError::EmptyDelimiter),
            Framing::Delimiter(d) if d.len() > MAX_DELIMITER => Err(FrameSpecError::LongDelimiter(d.len())),
            Framing::Fixed(0) => Err(FrameSpecError::ZeroFixed),
            Framing::Fixed(n) if *n > self.limit => Err(FrameSpecError::FixedOverLimit { size: *n, limit: self.limit }),
            Framing::Delimiter(d) if d.len() > self.limit => {
                Err(FrameSpecError::LimitBelowFraming { limit: self.limit, need: d.len() })
            }
            Framing::LengthPrefix { width, .. } if width.bytes() > self.limit => {
                Err(FrameSpecError::LimitBelowFraming { limit: self.limit, need: width.bytes() })
            }
            _ => Ok(()),
        }
    }
}

/// Part of one recv() inside a frame: `range` is where its bytes sit in the
/// frame, so a view can draw a mark where recv() split the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChunkSpan {
    /// The recv() chunk's number, as the caller numbered it.
    pub chunk: u64,
    pub range: Range<usize>,
}

/// How a frame ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameEnd {
    /// A whole frame: its delimiter or its full length arrived.
    Complete,
    /// A piece of an oversize frame (`Oversize::Split`).
    Cut,
    /// What was held when the stream ended, before the frame was complete.
    Eof,
}

/// One framed message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// Every byte, as received: length header and delimiter included.
    pub bytes: Vec<u8>,
    /// The payload inside `bytes`: without the length header or delimiter.
    pub body: Range<usize>,
    /// The recv() chunks it came from, in order (at most [`MAX_MARKS`]).
    pub chunks: Vec<ChunkSpan>,
    /// How many recv() chunks it spanned, even past [`MAX_MARKS`].
    pub chunk_count: u64,
    pub end: FrameEnd,
}

impl Frame {
    /// A message that is one whole datagram or chunk.
    pub fn whole(chunk: u64, bytes: Vec<u8>) -> Frame {
        let n = bytes.len();
        Frame {
            bytes,
            body: 0..n,
            chunks: vec![ChunkSpan { chunk, range: 0..n }],
            chunk_count: 1,
            end: FrameEnd::Complete,
        }
    }

    pub fn body(&self) -> &[u8] {
        &self.bytes[self.body.clone()]
    }

    /// The body without one trailing `\n` or `\r\n`: what text rules match.
    pub fn line(&self) -> &[u8] {
        strip_line_end(self.body())
    }

    /// The line end of the message (`\r\n` or `\n`): the end of its body,
    /// or else the delimiter that followed it; empty when it has none.
    pub fn line_end(&self) -> &[u8] {
        let after = &self.bytes[self.body.end..];
        [self.body(), after].into_iter().find_map(line_end_of).unwrap_or_default()
    }
}

fn line_end_of(b: &[u8]) -> Option<&'static [u8]> {
    if b.ends_with(b"\r\n") {
        Some(b"\r\n")
    } else if b.ends_with(b"\n") {
        Some(b"\n")
    } else {
        None
    }
}

pub(crate) fn strip_line_end(b: &[u8]) -> &[u8] {
    match b.strip_suffix(b"\n") {
        Some(rest) => rest.strip_suffix(b"\r").unwrap_or(rest),
        None => b,
    }
}

/// Why a frame was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameErrorKind {
    /// No delimiter within the limit.
    NoDelimiter { limit: usize },
    /// A length header announced more than the limit.
    Announced { length: u64, limit: usize },
    /// A length header (that counts itself) smaller than the header.
    Impossible { length: u64, header: usize },
}

/// An oversize or impossible frame, and what the framer does about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameError {
    pub kind: FrameErrorKind,
    pub then: Oversize,
}

/// What the framer reports for the chunks it is given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameEvent {
    Frame(Frame),
    /// A frame was refused; with `Oversize::Close` nothing more is framed.
    Error(FrameError),
    /// After a `Resync`, the framer found the start of the next frame.
    Resynced {
        skipped: u64,
    },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Sizes as written (65536), as the limit is given on the command line.
        let what = match &self.kind {
            FrameErrorKind::NoDelimiter { limit } => crate::t!("frame-error-no-delimiter", limit = limit.to_string()),
            FrameErrorKind::Announced { length, limit } => {
                crate::t!("frame-error-announced", length = length.to_string(), limit = limit.to_string())
            }
            FrameErrorKind::Impossible { length, header } => {
                crate::t!("frame-error-impossible", length = length.to_string(), header = header.to_string())
            }
        };
        let then = match self.then {
            Oversize::Resync => crate::t!("frame-error-then-resync", error = what),
            Oversize::Close => crate::t!("frame-error-then-close", error = what),
            Oversize::Split => crate::t!("frame-error-then-split", error = what),
        };
        f.write_str(&then)
    }
}
