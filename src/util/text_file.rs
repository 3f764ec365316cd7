//! Reading the text files socklab is handed (workspaces, labs): only a regular
//! file, only up to a size, only UTF-8 — `/dev/zero` would never end, a FIFO
//! would block until someone writes to it — and RON error positions that point
//! at the value itself.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use ron::error::{Position, SpannedError};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};

use super::FileOpError;

/// Why a text file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// open, fstat or read failed (a directory: read's EISDIR).
    Io(FileOpError),
    /// A FIFO, a device …: which, as the catalogs' `file-kind` selects it
    /// (`fifo`, `char-device`, `block-device`, `socket`, `special`).
    NotAFile(&'static str),
    /// Its size in bytes, over the limit.
    TooLarge(u64),
    /// Where the first byte that is not UTF-8 is (1-based), and that byte.
    NotUtf8 { line: usize, column: usize, byte: u8 },
}

/// The whole file as text, if it is a regular file of at most `max` bytes.
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; regular files ignore it.
    let fail = |call: &str, e: io::Error| ReadError::Io(FileOpError::on(call, path, e));
    let file = OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).map_err(|e| fail("open", e))?;
    // The open file's own metadata: what was checked is what is read.
    let meta = file.metadata().map_err(|e| fail("fstat", e))?;
    if meta.is_dir() {
        // What read() on it would say, without reading.
        return Err(fail("read", io::Error::from_raw_os_error(libc::EISDIR)));
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile(file_kind(&meta)));
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read stops one byte past the limit.
    Read::take(&file, max + 1).read_to_end(&mut bytes).map_err(|e| fail("read", e))?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(file_size(&file).unwrap_or(bytes.len() as u64)));
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(&e))
}

fn file_size(file: &File) -> io::Result<u64> {
    file.metadata().map(|m| m.len())
}

fn file_kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_fifo() {
        "fifo"
    } else if t.is_char_device() {
        "char-device"
    } else if t.is_block_device() {
        "block-device"
    } else if t.is_socket() {
        "socket"
    } else {
        "special"
    }
}

/// Points at the first byte that is not UTF-8, as a syntax error does.
fn not_utf8(e: &std::string::FromUtf8Error) -> ReadError {
    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
    // The prefix is valid UTF-8 by definition; count lines and characters in it.
    let prefix = std::str::from_utf8(valid).unwrap_or_default();
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let byte = e.as_bytes().get(valid.len()).copied().unwrap_or_default();
    ReadError::NotUtf8 { line, column, byte }
}

/// Where a RON error is, as (line, column). ron's span of a wrong value can
/// start at the blank before it: point at the value itself, the first
/// non-blank character in the span.
pub fn ron_position(text: &str, e: &SpannedError) -> (usize, usize) {
    first_visible(text, e.span.start, e.span.end)
}

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

/// What a refused version's error message starts with.
const NEWER: &str = "socklab-newer-version:";

/// A format's `version`, no newer than `CURRENT`. A file format reads its
/// text once with a probe struct holding only this field: a newer version is
/// refused at the number's own position, before the rest (which may not parse
/// at all in an older socklab) is looked at.
#[derive(Default)]
pub struct KnownVersion<const CURRENT: u32>;

impl<'de, const CURRENT: u32> Deserialize<'de> for KnownVersion<CURRENT> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = u32::deserialize(d)?;
        if v > CURRENT {
            return Err(D::Error::custom(format!("{NEWER}{v}")));
        }
        Ok(KnownVersion)
    }
}

/// The newer version the probe `P` refused in `text`, and where (line, column).
pub fn newer_version<P: DeserializeOwned>(text: &str) -> Option<(u32, usize, usize)> {
    let e = ron::from_str::<P>(text).err()?;
    let found = match &e.code {
        ron::Error::Message(m) => m.strip_prefix(NEWER).and_then(|n| n.parse().ok())?,
        _ => return None,
    };
    let (line, column) = ron_position(text, &e);
    Some((found, line, column))
}
