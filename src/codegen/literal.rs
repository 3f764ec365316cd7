//! Literals for values that come from a file (paths, host names, rule
//! texts, reply bytes): nothing in them can end the literal or inject code.
//! A bytes literal is written the same way in Python and Rust (`b"…"`).

/// A Python string literal for any text (paths and host names come from a file).
pub(super) fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A bytes literal for any bytes, in Python or Rust.
pub(super) fn bytes_literal(b: &[u8]) -> String {
    format!("b\"{}\"", b.iter().map(|&c| escaped(c)).collect::<String>())
}

/// One byte as it is written inside a bytes literal.
fn escaped(c: u8) -> String {
    match c {
        b'\\' => "\\\\".into(),
        b'"' => "\\\"".into(),
        b'\n' => "\\n".into(),
        b'\r' => "\\r".into(),
        b'\t' => "\\t".into(),
        0x20..=0x7e => (c as char).to_string(),
        _ => format!("\\x{c:02x}"),
    }
}

/// Long bytes as several literals, each holding at most `room` characters
/// between its quotes, so each fits on a line of its own.
pub(super) fn literal_pieces(b: &[u8], room: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for &c in b {
        let e = escaped(c);
        if current.len() + e.len() > room {
            pieces.push(format!("b\"{current}\""));
            current.clear();
        }
        current.push_str(&e);
    }
    if !current.is_empty() || pieces.is_empty() {
        pieces.push(format!("b\"{current}\""));
    }
    pieces
}
