//! Writing JSON lines straight into stdout's buffer. A burst of datagrams
//! prints a line each, on the thread that must keep up with the worker (and,
//! on a two-core machine, with the sender): received bytes are written field
//! by field into the buffer instead of through a `serde_json::Value` tree and
//! a `String`, and the C1 controls are escaped as each string is written
//! instead of by a second pass over the line.

use std::io::{self, Write};

use serde::Serialize;

use crate::net::{Addr, Event, EventKind};
use crate::util::clock::rfc3339;

/// serde_json escapes U+0000–U+001F but writes U+0080–U+009F as they are,
/// and some terminals obey U+009B as CSI: this formatter writes them as
/// `\u009b`, which means the same character inside a JSON string.
struct C1Safe;

impl serde_json::ser::Formatter for C1Safe {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        // In UTF-8 every C1 control starts with the byte 0xC2.
        if !fragment.as_bytes().contains(&0xc2) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices().filter(|&(_, c)| is_c1(c)) {
            w.write_all(&fragment.as_bytes()[start..i])?;
            write!(w, "\\u{:04x}", c as u32)?;
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

pub(super) fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// `value` as one line of JSON, C1 controls escaped.
pub(super) fn write_line(w: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut *w, C1Safe)).map_err(io::Error::from)?;
    w.write_all(b"\n")
}

/// Writes `ev` if it is received bytes, the one event a burst is made of,
/// as the general path writes it: the same fields in the same (alphabetical)
/// order, so a script cannot tell which path wrote it (a test compares them
/// byte for byte). False for every other event, which takes the general path.
pub(super) fn write_received(w: &mut impl Write, ev: &Event) -> io::Result<bool> {
    let EventKind::Received { conn, from, data } = &ev.kind else { return Ok(false) };
    write!(w, "{{\"conn\":{conn},\"endpoint\":{},\"event\":\"recv\",\"from\":", ev.endpoint)?;
    match from {
        // An IP address and port never need escaping.
        Some(Addr::Inet(a)) => write!(w, "\"{a}\"")?,
        Some(other) => write_str(w, &other.to_string())?,
        None => w.write_all(b"null")?,
    }
    w.write_all(b",\"hex\":\"")?;
    write_hex(w, data)?;
    write!(w, "\",\"len\":{},\"text\":", data.len())?;
    match std::str::from_utf8(data) {
        Ok(text) => write_str(w, text)?,
        Err(_) => w.write_all(b"null")?,
    }
    writeln!(w, ",\"time\":\"{}\"}}", rfc3339(ev.time))?;
    Ok(true)
}

/// A JSON string, escaped as every other line's strings are.
fn write_str(w: &mut impl Write, s: &str) -> io::Result<()> {
    s.serialize(&mut serde_json::Serializer::with_formatter(w, C1Safe)).map_err(io::Error::from)
}

/// Bytes as `68 69`, as `hex_string` writes them, straight into `w`.
fn write_hex(w: &mut impl Write, data: &[u8]) -> io::Result<()> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 3 * 256];
    for (i, block) in data.chunks(256).enumerate() {
        let mut n = 0;
        for &b in block {
            buf[n] = b' ';
            buf[n + 1] = DIGITS[usize::from(b >> 4)];
            buf[n + 2] = DIGITS[usize::from(b & 0xf)];
            n += 3;
        }
        // The first byte of all has no space before it.
        let skip = usize::from(i == 0);
        w.write_all(&buf[skip..n])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;
    use std::time::SystemTime;

    use serde_json::Value;

    use super::*;
    use crate::cli::json::event_json;

    fn line(v: &impl Serialize) -> String {
        let mut out = Vec::new();
        write_line(&mut out, v).expect("into a Vec");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn c1_controls_become_escapes_and_the_value_stays_the_same() {
        let v = serde_json::json!({ "name": "a\u{9b}2Jb\u{1b}c é \u{85}" });
        let written = line(&v);
        assert_eq!(written, "{\"name\":\"a\\u009b2Jb\\u001bc é \\u0085\"}\n");
        let back: Value = serde_json::from_str(&written).expect("still JSON");
        assert_eq!(back, v);
    }

    /// The fast path writes exactly what the general one does, byte for byte.
    #[test]
    fn received_bytes_are_written_as_the_general_path_writes_them() {
        let inet: SocketAddr = "127.0.0.1:9000".parse().expect("addr");
        let cases: Vec<(Option<Addr>, Vec<u8>)> = vec![
            (Some(Addr::Inet(inet)), b"hello\n".to_vec()),
            (Some(Addr::Inet("[::1]:1".parse().expect("addr"))), "你好 \u{9b}2J \"q\" \\".as_bytes().to_vec()),
            (Some(Addr::Unix("/tmp/a\u{9b}\"b".into())), vec![0xff, 0x00, b'a']),
            (Some(Addr::Unnamed), vec![]),
            (None, b"\x1b[2J".to_vec()),
            // Longer than one block of the hex writer.
            (Some(Addr::Inet(inet)), (0..=255u8).cycle().take(600).collect()),
        ];
        for (from, data) in cases {
            let ev = Event {
                endpoint: 7,
                time: SystemTime::now(),
                kind: EventKind::Received { conn: 3, from, data: data.into() },
            };
            let mut fast = Vec::new();
            assert!(write_received(&mut fast, &ev).expect("into a Vec"));
            let general = line(&event_json(&ev));
            assert_eq!(String::from_utf8_lossy(&fast), general);
        }
        let other = Event { endpoint: 1, time: SystemTime::now(), kind: EventKind::Stopped };
        assert!(!write_received(&mut Vec::new(), &other).expect("into a Vec"));
    }
}
