//! The command-line spelling of framing choices:
//! `raw|line|delim:HEX|fixed:N|len:1|len:2|len:4|len:2le|len:4le` (a length
//! that counts its own header adds `:incl`), `resync|close|split`, and sizes
//! such as `64k`. Display writes what FromStr reads.

use std::fmt;
use std::str::FromStr;

use super::{FrameSpecError, Framing, MAX_DELIMITER, MAX_LIMIT, Oversize, PrefixWidth};
use crate::net::payload::{PayloadError, PayloadFormat, hex_string, parse_payload};
use crate::t;

/// Why a `--frame`, `--oversize` or size argument was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FramingParseError {
    Unknown(String),
    DelimiterHex { text: String, error: PayloadError },
    Delimiter(String, FrameSpecError),
    Fixed(String),
    Width(String),
    OneByteOrder,
    Oversize(String),
    Size(String),
    SizeTooLarge(u64),
}

impl fmt::Display for FrameSpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |v: &usize| v.to_string();
        let text = match self {
            FrameSpecError::Limit(limit) => t!("frame-spec-limit", max = MAX_LIMIT.to_string(), limit = n(limit)),
            FrameSpecError::EmptyDelimiter => t!("frame-spec-empty-delimiter"),
            FrameSpecError::LongDelimiter(len) => {
                t!("frame-spec-long-delimiter", len = n(len), max = MAX_DELIMITER.to_string())
            }
            FrameSpecError::LimitBelowFraming { limit, need } => {
                t!("frame-spec-limit-below-framing", limit = n(limit), need = n(need))
            }
            FrameSpecError::ZeroFixed => t!("frame-spec-zero-fixed"),
            FrameSpecError::FixedOverLimit { size, limit } => {
                t!("frame-spec-fixed-over-limit", size = n(size), limit = n(limit))
            }
        };
        f.write_str(&text)
    }
}

impl fmt::Display for FramingParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = MAX_LIMIT.to_string();
        let text = match self {
            FramingParseError::Unknown(s) => t!("frame-unknown", input = s.as_str()),
            FramingParseError::DelimiterHex { text, error } => {
                t!("frame-delimiter", input = text.as_str(), error = error.to_string())
            }
            FramingParseError::Delimiter(s, e) => t!("frame-delimiter", input = s.as_str(), error = e.to_string()),
            FramingParseError::Fixed(s) => t!("frame-fixed", input = s.as_str(), max = max),
            FramingParseError::Width(s) => t!("frame-width", input = s.as_str()),
            FramingParseError::OneByteOrder => t!("frame-one-byte-order"),
            FramingParseError::Oversize(s) => t!("frame-oversize", input = s.as_str()),
            FramingParseError::Size(s) => t!("frame-size", input = s.as_str()),
            FramingParseError::SizeTooLarge(n) => t!("frame-size-too-large", input = n.to_string(), max = max),
        };
        f.write_str(&text)
    }
}

const INCL: &str = ":incl";

impl FromStr for Framing {
    type Err = FramingParseError;

    fn from_str(s: &str) -> Result<Framing, FramingParseError> {
        let s = s.trim();
        if s == "raw" {
            return Ok(Framing::Raw);
        }
        if s == "line" {
            return Ok(Framing::Line);
        }
        if let Some(hex) = s.strip_prefix("delim:") {
            return parse_delimiter(hex);
        }
        if let Some(n) = s.strip_prefix("fixed:") {
            return match n.parse::<usize>() {
                Ok(size) if (1..=MAX_LIMIT).contains(&size) => Ok(Framing::Fixed(size)),
                _ => Err(FramingParseError::Fixed(n.to_string())),
            };
        }
        if let Some(rest) = s.strip_prefix("len:") {
            return parse_length_prefix(rest);
        }
        Err(FramingParseError::Unknown(s.to_string()))
    }
}

fn parse_delimiter(hex: &str) -> Result<Framing, FramingParseError> {
    let bytes = parse_payload(hex, PayloadFormat::Hex)
        .map_err(|error| FramingParseError::DelimiterHex { text: hex.to_string(), error })?;
    if bytes.is_empty() {
        return Err(FramingParseError::Delimiter(hex.to_string(), FrameSpecError::EmptyDelimiter));
    }
    if bytes.len() > MAX_DELIMITER {
        return Err(FramingParseError::Delimiter(hex.to_string(), FrameSpecError::LongDelimiter(bytes.len())));
    }
    Ok(Framing::Delimiter(bytes))
}

fn parse_length_prefix(rest: &str) -> Result<Framing, FramingParseError> {
    let (spec, counts_header) = match rest.strip_suffix(INCL) {
        Some(spec) => (spec, true),
        None => (rest, false),
    };
    let (width, big_endian) = match spec {
        "1" => (PrefixWidth::One, true),
        "2" | "2be" => (PrefixWidth::Two, true),
        "4" | "4be" => (PrefixWidth::Four, true),
        "2le" => (PrefixWidth::Two, false),
        "4le" => (PrefixWidth::Four, false),
        "1le" | "1be" => return Err(FramingParseError::OneByteOrder),
        _ => return Err(FramingParseError::Width(rest.to_string())),
    };
    Ok(Framing::LengthPrefix { width, big_endian, counts_header })
}

impl fmt::Display for Framing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Framing::Raw => f.write_str("raw"),
            Framing::Line => f.write_str("line"),
            Framing::Delimiter(d) => write!(f, "delim:{}", hex_string(d).replace(' ', "")),
            Framing::Fixed(n) => write!(f, "fixed:{n}"),
            Framing::LengthPrefix { width, big_endian, counts_header } => {
                let order = if *big_endian || *width == PrefixWidth::One { "" } else { "le" };
                let incl = if *counts_header { INCL } else { "" };
                write!(f, "len:{}{order}{incl}", width.bytes())
            }
        }
    }
}

impl Oversize {
    pub const ALL: [Oversize; 3] = [Oversize::Resync, Oversize::Close, Oversize::Split];

    pub fn name(self) -> &'static str {
        match self {
            Oversize::Resync => "resync",
            Oversize::Close => "close",
            Oversize::Split => "split",
        }
    }
}

impl FromStr for Oversize {
    type Err = FramingParseError;

    fn from_str(s: &str) -> Result<Oversize, FramingParseError> {
        Oversize::ALL
            .into_iter()
            .find(|o| o.name() == s.trim())
            .ok_or_else(|| FramingParseError::Oversize(s.to_string()))
    }
}

impl fmt::Display for Oversize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A size in bytes: `65536`, `64k` or `16m` (powers of 1024), at most [`MAX_LIMIT`].
pub fn parse_size(s: &str) -> Result<usize, FramingParseError> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1024u64),
        Some((i, 'm' | 'M')) => (&t[..i], 1024 * 1024),
        _ => (t, 1),
    };
    let n: u64 = digits.parse().map_err(|_| FramingParseError::Size(s.to_string()))?;
    let bytes = n.checked_mul(unit).ok_or(FramingParseError::SizeTooLarge(u64::MAX))?;
    if bytes > MAX_LIMIT as u64 {
        return Err(FramingParseError::SizeTooLarge(bytes));
    }
    Ok(bytes as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cli_spelling_parses_and_prints_back() {
        for s in ["raw", "line", "delim:0d0a", "delim:00", "fixed:16", "len:1", "len:2", "len:4", "len:2le", "len:4le"]
        {
            let f: Framing = s.parse().unwrap();
            assert_eq!(f.to_string(), s);
        }
        assert_eq!("len:2:incl".parse::<Framing>().unwrap().to_string(), "len:2:incl");
        assert_eq!(
            "len:4le".parse::<Framing>().unwrap(),
            Framing::LengthPrefix { width: PrefixWidth::Four, big_endian: false, counts_header: false }
        );
        assert_eq!("delim:0D 0A".parse::<Framing>().unwrap(), Framing::Delimiter(vec![13, 10]));
        assert_eq!("len:2be".parse::<Framing>().unwrap().to_string(), "len:2");
    }

    #[test]
    fn bad_spellings_are_refused_with_the_reason() {
        let e = |s: &str| s.parse::<Framing>().unwrap_err().to_string();
        assert!(e("lines").starts_with("'lines' is not a framing: use raw, line, delim:HEX"));
        assert_eq!(e("delim:0g"), "delim:0g: at character 2: 'g' is not a hex digit (0-9, a-f)");
        assert_eq!(e("delim:"), "delim:: the delimiter is empty: give at least one byte in hex, as in delim:0d0a");
        assert!(
            e(&format!("delim:{}", "00".repeat(17)))
                .ends_with("the delimiter is 17 bytes long; at most 16 are accepted")
        );
        assert!(e("fixed:0").starts_with("fixed:0: the frame size must be a whole number of bytes from 1 to 16777216"));
        assert!(e("fixed:-3").starts_with("fixed:-3:"));
        assert!(e("fixed:99999999").starts_with("fixed:99999999:"));
        assert!(e("len:3").starts_with("len:3: the length header is 1, 2 or 4 bytes"));
        assert_eq!(e("len:1le"), "len:1le: a 1-byte length has no byte order: write len:1");
        assert!(e("len:2:inc").starts_with("len:2:inc:"));
    }

    #[test]
    fn oversize_and_sizes() {
        assert_eq!("split".parse::<Oversize>().unwrap(), Oversize::Split);
        assert_eq!(
            "drop".parse::<Oversize>().unwrap_err().to_string(),
            "'drop' is not what to do with an oversize frame: use resync, close or split"
        );
        assert_eq!(parse_size("65536").unwrap(), 65536);
        assert_eq!(parse_size("64k").unwrap(), 65536);
        assert_eq!(parse_size("16M").unwrap(), MAX_LIMIT);
        assert_eq!(parse_size("17m").unwrap_err().to_string(), "17825792 bytes is too large: at most 16777216 (16m)");
        assert!(parse_size("k").is_err());
        assert!(parse_size("1.5k").is_err());
        assert!(parse_size("99999999999999999999k").is_err());
        assert!(parse_size("18446744073709551615k").is_err());
    }
}
