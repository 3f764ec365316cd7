//! `--encoding NAME`: stdin (UTF-8, as a terminal types it) is written in the
//! peer's encoding line by line, and what the peer sends is decoded back to
//! UTF-8 for stdout. Bytes that are no character in the encoding are written
//! as `\xHH` (never U+FFFD); text is written as it is, so a backslash the
//! peer sent is not doubled: stdout is for reading. With `--json`, `text` is
//! in the composer's escape syntax (`\\` for a backslash), which is exact.
//! Without `--encoding` none of this runs: bytes pass through untouched.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::{Value, json};

use crate::net::{ConnId, Encoding, EndpointId, EventKind, Piece, StreamDecoder, escaped};
use crate::t;

use super::json_parts::merge;

/// Decodes received bytes for stdout. A stream keeps one decoder per
/// connection, so a character split between two recv()s comes out whole;
/// each holds at most 3 bytes, and is dropped when its connection closes.
pub struct Decoding {
    pub encoding: Encoding,
    streams: RefCell<HashMap<(EndpointId, ConnId), StreamDecoder>>,
}

impl Decoding {
    pub fn new(encoding: Encoding) -> Decoding {
        Decoding { encoding, streams: RefCell::new(HashMap::new()) }
    }

    /// Received bytes as the text to write on stdout; a datagram is decoded whole.
    pub fn text(&self, endpoint: EndpointId, conn: ConnId, datagram: bool, data: &[u8]) -> String {
        let pieces = if datagram {
            self.encoding.decode(data)
        } else {
            let mut streams = self.streams.borrow_mut();
            streams.entry((endpoint, conn)).or_insert_with(|| StreamDecoder::new(self.encoding)).feed(data)
        };
        readable(&pieces)
    }

    /// The connection ended: a character it cut off, as bytes to write.
    pub fn finish(&self, endpoint: EndpointId, conn: ConnId) -> String {
        let decoder = self.streams.borrow_mut().remove(&(endpoint, conn));
        decoder.map(|mut d| readable(&d.finish())).unwrap_or_default()
    }

    /// A JSON event's `text`, decoded (each event on its own, so `text` and
    /// `hex` describe the same bytes), and the `encoding` it was decoded with.
    /// Other events are left as they are.
    pub fn json(&self, v: &mut Value, kind: &EventKind) {
        let data = match kind {
            EventKind::Received { data, .. } => &data[..],
            EventKind::Sent { data, .. } => &data[..],
            _ => return,
        };
        merge(v, json!({ "text": escaped(&self.encoding.decode(data)), "encoding": self.encoding.name() }));
    }
}

/// Text as it is, bytes that did not decode as `\xHH`.
fn readable(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Bytes(b) => b.iter().for_each(|b| out.push_str(&format!("\\x{b:02X}"))),
        }
    }
    out
}

/// One line of stdin (`number` from 1) in the encoding, or why it is not sent.
pub fn encode_line(line: &[u8], number: u64, encoding: Encoding) -> Result<Vec<u8>, String> {
    let line_no = number.to_string();
    let Ok(text) = std::str::from_utf8(line) else {
        return Err(t!("encoding-stdin-not-utf8", line = line_no, encoding = encoding.label()));
    };
    encoding.encode(text).map_err(|e| t!("encoding-line-not-sent", line = line_no, reason = e.message()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_do_not_decode_are_written_as_hex() {
        assert_eq!(readable(&Encoding::Gbk.decode(b"\xc4\xe3\xba\xc3\xff\xfe!")), "你好\\xFF\\xFE!");
        assert_eq!(encode_line("你好\n".as_bytes(), 1, Encoding::Gbk), Ok(b"\xc4\xe3\xba\xc3\n".to_vec()));
        assert!(encode_line("€\n".as_bytes(), 4, Encoding::Latin1).is_err());
        assert!(encode_line(b"\xff\n", 1, Encoding::Gbk).is_err());
    }

    #[test]
    fn a_character_cut_off_by_the_close_is_written_once_and_only_for_its_connection() {
        let d = Decoding::new(Encoding::Gbk);
        // The first byte of 你 (c4 e3) on two connections; the first one closes.
        assert_eq!(d.text(1, 2, false, b"\xc4"), "");
        assert_eq!(d.text(1, 3, false, b"\xc4"), "");
        assert_eq!(d.finish(1, 2), "\\xC4");
        assert_eq!(d.finish(1, 2), "", "its decoder is gone with it");
        assert_eq!(d.text(1, 3, false, b"\xe3"), "你", "the other connection still holds its byte");
    }
}
