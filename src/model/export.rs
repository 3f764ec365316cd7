//! A conversation as a file: plain text to read, CSV for a spreadsheet, JSON
//! lines for scripts. Pure functions (no I/O): the caller writes the bytes.
//!
//! Every format is exact: CSV and JSON lines always carry every byte as hex
//! (lower case, two digits per byte, nothing between them: `xxd -r -p` and
//! Python's `bytes.fromhex` turn it back), and the text column/field as well
//! when the bytes are UTF-8. The text format escapes `\ \n \r \t \0` and other
//! control characters as the composer writes them (`\xHH` per byte), so a
//! line can be pasted back and sends the same bytes.
//!
//! Times: the text format shows local time to the millisecond, like the
//! conversation view; CSV and JSON lines use RFC 3339 UTC with microseconds,
//! like `--json` and capture files.

use std::fmt::Write as _;

use serde::Serialize;

use super::conversation::{Direction, Message};
use crate::net::Addr;
use crate::util::clock::{local_date_time, rfc3339};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// One readable line per message.
    Text,
    /// RFC 4180: a header row, CRLF line ends, fields quoted when they need it.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Text, ExportFormat::Csv, ExportFormat::JsonLines];

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Text => "Text",
            ExportFormat::Csv => "CSV",
            ExportFormat::JsonLines => "JSON lines",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Text => "txt",
            ExportFormat::Csv => "csv",
            ExportFormat::JsonLines => "jsonl",
        }
    }
}

/// The messages, oldest first as given, as the bytes of a file in `format`.
pub fn export_conversation<'a>(messages: impl IntoIterator<Item = &'a Message>, format: ExportFormat) -> Vec<u8> {
    let mut out = String::new();
    match format {
        ExportFormat::Text => messages.into_iter().for_each(|m| text_line(&mut out, m)),
        ExportFormat::Csv => {
            out.push_str("time,direction,conn,peer,bytes,text,hex\r\n");
            messages.into_iter().for_each(|m| csv_row(&mut out, m));
        }
        ExportFormat::JsonLines => messages.into_iter().for_each(|m| json_line(&mut out, m)),
    }
    out.into_bytes()
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::In => "in",
        Direction::Out => "out",
    }
}

/// The peer's address; an unnamed Unix socket has none to show.
fn peer(m: &Message) -> Option<String> {
    match &m.peer {
        Some(Addr::Unnamed) | None => None,
        Some(a) => Some(a.to_string()),
    }
}

/// Lower-case hex, two digits a byte, nothing between.
fn hex_compact(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Text with the composer's escapes, so it stays on one line and reads back exactly.
fn escape_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\x{b:02x}");
                }
            }
            c => out.push(c),
        }
    }
}

/// `2026-11-21 23:45:01.123  recv #1 from 127.0.0.1:53012  6 bytes  hello`
fn text_line(out: &mut String, m: &Message) {
    let _ = write!(out, "{}  ", local_date_time(m.time));
    let (verb, prep) = match m.dir {
        Direction::In => ("recv", "from"),
        Direction::Out => ("send", "to"),
    };
    let _ = write!(out, "{verb} #{}", m.conn);
    if let Some(p) = peer(m) {
        let _ = write!(out, " {prep} ");
        escape_text(out, &p);
    }
    let _ = write!(out, "  {} {}", m.data.len(), if m.data.len() == 1 { "byte" } else { "bytes" });
    if !m.data.is_empty() {
        out.push_str("  ");
        match std::str::from_utf8(&m.data) {
            Ok(s) => escape_text(out, s),
            Err(_) => {
                out.push_str("hex:");
                for b in &m.data {
                    let _ = write!(out, " {b:02x}");
                }
            }
        }
    }
    out.push('\n');
}

/// One CSV field, quoted (with quotes doubled) when it holds a comma, a quote or a line break.
fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn csv_row(out: &mut String, m: &Message) {
    let peer = peer(m).unwrap_or_default();
    let text = std::str::from_utf8(&m.data).unwrap_or("");
    let _ = write!(out, "{},{},{},", rfc3339(m.time), direction(m.dir), m.conn);
    csv_field(out, &peer);
    let _ = write!(out, ",{},", m.data.len());
    csv_field(out, text);
    out.push(',');
    out.push_str(&hex_compact(&m.data));
    out.push_str("\r\n");
}

#[derive(Serialize)]
struct JsonMessage<'a> {
    time: String,
    direction: &'static str,
    conn: u64,
    peer: Option<String>,
    len: usize,
    /// None (null) when the bytes are not UTF-8.
    text: Option<&'a str>,
    hex: String,
}

fn json_line(out: &mut String, m: &Message) {
    let record = JsonMessage {
        time: rfc3339(m.time),
        direction: direction(m.dir),
        conn: m.conn,
        peer: peer(m),
        len: m.data.len(),
        text: std::str::from_utf8(&m.data).ok(),
        hex: hex_compact(&m.data),
    };
    // Serializing a struct of strings and numbers into a String cannot fail.
    if let Ok(line) = serde_json::to_string(&record) {
        out.push_str(&line);
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use super::*;

    fn msg(seq: u64, dir: Direction, data: &[u8]) -> Message {
        Message {
            seq,
            time: UNIX_EPOCH + Duration::from_micros(1_795_304_701_123_456),
            dir,
            conn: 1,
            peer: Some(Addr::Inet("127.0.0.1:53012".parse().unwrap())),
            data: data.to_vec(),
        }
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// A minimal RFC 4180 reader, to check the writer against.
    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let (mut row, mut field) = (Vec::new(), String::new());
        let mut chars = s.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') if field.is_empty() => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') if chars.peek() == Some(&'\n') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        assert!(!quoted && field.is_empty() && row.is_empty(), "the CSV ends in the middle of a row");
        rows
    }

    #[test]
    fn formats_have_labels_and_extensions() {
        let ext: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.extension()).collect();
        assert_eq!(ext, ["txt", "csv", "jsonl"]);
        assert!(ExportFormat::ALL.iter().all(|f| !f.label().is_empty()));
    }

    #[test]
    fn text_escapes_and_falls_back_to_hex() {
        let msgs = [
            msg(0, Direction::In, b"hello\r\n\tback\\slash\x01"),
            msg(1, Direction::Out, &[0x68, 0x65, 0xff]),
            Message { peer: None, ..msg(2, Direction::In, b"") },
        ];
        let out = String::from_utf8(export_conversation(&msgs, ExportFormat::Text)).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        // The date and time, local, to the millisecond: "YYYY-MM-DD HH:MM:SS.mmm".
        assert_eq!(lines[0].as_bytes()[10], b' ');
        assert_eq!(lines[0].as_bytes()[19], b'.');
        assert!(lines[0].ends_with("  recv #1 from 127.0.0.1:53012  19 bytes  hello\\r\\n\\tback\\\\slash\\x01"));
        assert!(lines[1].ends_with("  send #1 to 127.0.0.1:53012  3 bytes  hex: 68 65 ff"));
        assert!(lines[2].ends_with("  recv #1  0 bytes"));
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let tricky = "a,b \"quoted\"\r\nnext line";
        let msgs = [msg(0, Direction::In, tricky.as_bytes()), msg(1, Direction::Out, b"plain")];
        let out = String::from_utf8(export_conversation(&msgs, ExportFormat::Csv)).unwrap();
        assert!(out.contains("\"a,b \"\"quoted\"\"\r\nnext line\""));
        let rows = parse_csv(&out);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], ["time", "direction", "conn", "peer", "bytes", "text", "hex"]);
        assert_eq!(rows[1][0], "2026-11-21T23:45:01.123456Z");
        assert_eq!(rows[1][1..6], ["in", "1", "127.0.0.1:53012", &tricky.len().to_string(), tricky]);
        assert_eq!(unhex(&rows[1][6]), tricky.as_bytes());
        assert_eq!(rows[2][1..], ["out", "1", "127.0.0.1:53012", "5", "plain", "706c61696e"]);
    }

    #[test]
    fn csv_non_utf8_has_empty_text_and_every_byte_in_hex() {
        let data: Vec<u8> = (0..=255).collect();
        let out = String::from_utf8(export_conversation([&msg(0, Direction::In, &data)], ExportFormat::Csv)).unwrap();
        let rows = parse_csv(&out);
        assert_eq!(rows[1][4], "256");
        assert_eq!(rows[1][5], "");
        assert_eq!(unhex(&rows[1][6]), data);
    }

    #[test]
    fn json_lines_parse_back_exactly() {
        let binary: Vec<u8> = (0..=255).rev().collect();
        let msgs = [
            msg(0, Direction::In, "hé \"x\"\n".as_bytes()),
            msg(1, Direction::Out, &binary),
            Message { peer: Some(Addr::Unnamed), ..msg(2, Direction::In, b"") },
        ];
        let out = String::from_utf8(export_conversation(&msgs, ExportFormat::JsonLines)).unwrap();
        assert!(out.ends_with('\n'));
        let values: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(values.len(), 3);
        let keys: Vec<&str> = values[0].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 7);
        for k in ["time", "direction", "conn", "peer", "len", "text", "hex"] {
            assert!(keys.contains(&k), "{k} missing");
        }
        let v = &values[0];
        assert_eq!(v["time"], "2026-11-21T23:45:01.123456Z");
        let t = chrono::DateTime::parse_from_rfc3339(v["time"].as_str().unwrap()).unwrap();
        assert_eq!(SystemTime::from(t), msgs[0].time);
        assert_eq!(v["direction"], "in");
        assert_eq!(v["conn"], 1);
        assert_eq!(v["peer"], "127.0.0.1:53012");
        assert_eq!(v["len"], 8);
        assert_eq!(v["text"], "hé \"x\"\n");
        assert_eq!(unhex(v["hex"].as_str().unwrap()), "hé \"x\"\n".as_bytes());

        let v = &values[1];
        assert_eq!(v["direction"], "out");
        assert!(v["text"].is_null());
        assert_eq!(v["len"], 256);
        assert_eq!(unhex(v["hex"].as_str().unwrap()), binary);

        let v = &values[2];
        assert!(v["peer"].is_null());
        assert_eq!(v["text"], "");
        assert_eq!(v["hex"], "");
    }
}
