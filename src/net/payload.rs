//! What the user types into bytes (text with escapes, hex, base64), and bytes
//! back into something readable without mangling what is not UTF-8.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::encoding::{EncodeError, Encoding};
use crate::t;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PayloadFormat {
    /// UTF-8 text with `\n \r \t \0 \\ \xHH` escapes.
    #[default]
    Text,
    /// Hex digits, two per byte; spaces, tabs and newlines are ignored.
    Hex,
    /// Standard base64 (with or without padding).
    Base64,
}

impl PayloadFormat {
    pub const ALL: [PayloadFormat; 3] = [PayloadFormat::Text, PayloadFormat::Hex, PayloadFormat::Base64];

    pub fn label(self) -> &'static str {
        match self {
            PayloadFormat::Text => "text",
            PayloadFormat::Hex => "hex",
            PayloadFormat::Base64 => "base64",
        }
    }
}

/// Why a payload could not be parsed, and where (a character position, from 1).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub struct PayloadError {
    pub position: usize,
    pub message: String,
}

impl std::fmt::Display for PayloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = t!("payload-at", position = self.position.to_string(), problem = self.message.as_str());
        f.write_str(&at)
    }
}

fn err(position: usize, message: impl Into<String>) -> PayloadError {
    PayloadError { position, message: message.into() }
}

pub fn parse_payload(input: &str, format: PayloadFormat) -> Result<Vec<u8>, PayloadError> {
    match format {
        PayloadFormat::Text => parse_text(input),
        PayloadFormat::Hex => parse_hex(input),
        PayloadFormat::Base64 => parse_base64(input),
    }
}

fn parse_text(input: &str) -> Result<Vec<u8>, PayloadError> {
    parse_text_in(input, Encoding::Utf8).map_err(|e| match e {
        TextError::Syntax(e) => e,
        // UTF-8 holds every character: this cannot happen, but is reported rather than hidden.
        TextError::Unencodable(e) => err(e.index + 1, e.to_string()),
    })
}

/// Why typed text could not become bytes in an encoding.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("{0}")]
    Syntax(PayloadError),
    /// A character the encoding has no bytes for (its index counts the typed characters).
    #[error("{0}")]
    Unencodable(EncodeError),
}

/// Text with escapes, the characters written in `encoding` and each escape
/// as the byte it names (`\xff` stays 0xFF whatever the encoding).
pub fn parse_text_in(input: &str, encoding: Encoding) -> Result<Vec<u8>, TextError> {
    let mut out = Vec::with_capacity(input.len());
    let mut run = String::new();
    // Where the run of plain characters began: (characters, bytes) before it.
    let mut run_start = (0, 0);
    let flush = |run: &mut String, (chars, bytes): (usize, usize), out: &mut Vec<u8>| {
        let r = encoding.encode_into(run, out);
        run.clear();
        r.map_err(|e| TextError::Unencodable(EncodeError { index: e.index + chars, byte: e.byte + bytes, ..e }))
    };
    let mut chars = input.char_indices().enumerate().map(|(i, (b, c))| ((i, b), c));
    while let Some(((i, b), c)) = chars.next() {
        if c != '\\' {
            if run.is_empty() {
                run_start = (i, b);
            }
            run.push(c);
            continue;
        }
        flush(&mut run, run_start, &mut out)?;
        let pos = i + 1;
        let syntax = |m: String| TextError::Syntax(err(pos, m));
        match chars.next() {
            Some((_, 'n')) => out.push(b'\n'),
            Some((_, 'r')) => out.push(b'\r'),
            Some((_, 't')) => out.push(b'\t'),
            Some((_, '0')) => out.push(0),
            Some((_, '\\')) => out.push(b'\\'),
            Some((_, 'x')) => {
                let hi = chars.next().map(|(_, c)| c);
                let lo = chars.next().map(|(_, c)| c);
                match (hi.and_then(|c| c.to_digit(16)), lo.and_then(|c| c.to_digit(16))) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => return Err(syntax(t!("payload-hex-escape"))),
                }
            }
            Some((_, other)) => {
                return Err(syntax(t!("payload-unknown-escape", char = other.to_string())));
            }
            None => return Err(syntax(t!("payload-lone-backslash"))),
        }
    }
    flush(&mut run, run_start, &mut out)?;
    Ok(out)
}

fn parse_hex(input: &str) -> Result<Vec<u8>, PayloadError> {
    let mut out = Vec::with_capacity(input.len() / 2);
    let mut pending: Option<(usize, u8)> = None;
    for (i, c) in input.chars().enumerate() {
        if c.is_whitespace() {
            if let Some((p, _)) = pending {
                return Err(err(p, t!("payload-odd-hex")));
            }
            continue;
        }
        let Some(d) = c.to_digit(16) else {
            return Err(err(i + 1, t!("payload-not-hex", char = c.to_string())));
        };
        match pending.take() {
            Some((_, hi)) => out.push(hi * 16 + d as u8),
            None => pending = Some((i + 1, d as u8)),
        }
    }
    if let Some((p, _)) = pending {
        return Err(err(p, t!("payload-odd-hex")));
    }
    Ok(out)
}

fn parse_base64(input: &str) -> Result<Vec<u8>, PayloadError> {
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((i, c)) = input
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') || c.is_whitespace()))
    {
        return Err(err(i + 1, t!("payload-not-base64", char = c.to_string())));
    }
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    engine.decode(cleaned.as_bytes()).map_err(|e| match e {
        base64::DecodeError::InvalidByte(off, b) => {
            err(off + 1, t!("payload-base64-invalid", char = (b as char).to_string()))
        }
        base64::DecodeError::InvalidLength(n) => err(n, t!("payload-base64-length")),
        base64::DecodeError::InvalidLastSymbol(off, _) => err(off + 1, t!("payload-base64-last")),
        base64::DecodeError::InvalidPadding => err(cleaned.len(), t!("payload-base64-padding")),
    })
}

/// Lower-case hex, a space between bytes: "68 69 0a".
pub fn hex_string(bytes: &[u8]) -> String {
    // By table, not write!("{:02x}"): the CLI's --json prints this for every
    // datagram of a burst, and the formatter costs ten times as much.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, &b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// Received bytes as text when they are UTF-8, otherwise as hex: never mangled
/// by a lossy conversion. Returns the string and whether it is text.
pub fn render_text(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), true),
        Err(_) => (hex_string(bytes), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes() {
        assert_eq!(parse_payload("hi\\r\\n\\x41\\\\\\t中", PayloadFormat::Text).unwrap(), "hi\r\nA\\\t中".as_bytes());
        let e = parse_payload("ab\\q", PayloadFormat::Text).unwrap_err();
        assert_eq!(e.position, 3);
        assert!(e.message.contains("\\q"));
        assert_eq!(parse_payload("\\x4", PayloadFormat::Text).unwrap_err().position, 1);
        assert!(parse_payload("a\\", PayloadFormat::Text).is_err());
    }

    #[test]
    fn hex_with_spaces_and_typos() {
        assert_eq!(parse_payload("de ad BE EF\n00", PayloadFormat::Hex).unwrap(), vec![0xde, 0xad, 0xbe, 0xef, 0]);
        let e = parse_payload("de ag", PayloadFormat::Hex).unwrap_err();
        assert_eq!(e.position, 5);
        assert!(e.message.contains("'g'"));
        assert_eq!(parse_payload("abc", PayloadFormat::Hex).unwrap_err().position, 3);
        assert_eq!(parse_payload("a bc", PayloadFormat::Hex).unwrap_err().position, 1);
    }

    #[test]
    fn base64_round_trip_and_errors() {
        assert_eq!(parse_payload("aGVsbG8=", PayloadFormat::Base64).unwrap(), b"hello");
        assert_eq!(parse_payload("aGVsbG8", PayloadFormat::Base64).unwrap(), b"hello");
        assert_eq!(parse_payload("aGV*bG8=", PayloadFormat::Base64).unwrap_err().position, 4);
    }

    #[test]
    fn invalid_utf8_is_shown_as_hex() {
        assert_eq!(render_text(b"ok\n"), ("ok\n".to_string(), true));
        assert_eq!(render_text(&[0xff, 0x41]), ("ff 41".to_string(), false));
    }
}
