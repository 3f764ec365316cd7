//! Matchers, checked and compiled: text (with the composer's escapes),
//! regexes (byte regexes, so a message that is not UTF-8 still matches) and
//! hex patterns with wildcards.

use std::ops::Range;

use regex::bytes::{Regex, RegexBuilder};

use super::Matcher;
use crate::i18n::Message;
use crate::msg;
use crate::net::frame::Frame;
use crate::net::payload::{PayloadFormat, parse_payload};

/// How much memory one compiled regex may take.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A hex pattern: each byte a value and a mask of the bits that must match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HexPattern {
    bytes: Vec<(u8, u8)>,
    /// A final `*`: any bytes may follow.
    open_end: bool,
}

impl HexPattern {
    /// Parses `01 03 ?? 0? ff *`. Errors carry a character position from 1.
    pub fn parse(text: &str) -> Result<HexPattern, (usize, Message)> {
        let mut bytes = Vec::new();
        let mut star: Option<usize> = None;
        let mut pending: Option<(usize, u8, u8)> = None;
        for (i, c) in text.chars().enumerate() {
            let pos = i + 1;
            if let Some(p) = star
                && !c.is_whitespace()
            {
                return Err((p, msg!("rule-hex-star")));
            }
            let nibble = match c {
                c if c.is_whitespace() || c == '*' => {
                    if let Some((p, ..)) = pending {
                        return Err((p, msg!("rule-hex-odd")));
                    }
                    if c == '*' {
                        star = Some(pos);
                    }
                    continue;
                }
                '?' => (0, 0),
                c => match c.to_digit(16) {
                    Some(d) => (d as u8, 0xf),
                    None => return Err((pos, msg!("rule-hex-digit", char = c.to_string()))),
                },
            };
            match pending.take() {
                Some((_, v, m)) => bytes.push((v << 4 | nibble.0, m << 4 | nibble.1)),
                None => pending = Some((pos, nibble.0, nibble.1)),
            }
        }
        if let Some((p, ..)) = pending {
            return Err((p, msg!("rule-hex-odd")));
        }
        if bytes.is_empty() && star.is_none() {
            return Err((1, msg!("rule-hex-empty")));
        }
        Ok(HexPattern { bytes, open_end: star.is_some() })
    }

    /// Each byte's value and the mask of the bits that must match.
    pub fn bytes(&self) -> &[(u8, u8)] {
        &self.bytes
    }

    /// Whether any bytes may follow the pattern (a final `*`).
    pub fn open_end(&self) -> bool {
        self.open_end
    }

    pub fn matches(&self, data: &[u8]) -> bool {
        let length_ok = if self.open_end { data.len() >= self.bytes.len() } else { data.len() == self.bytes.len() };
        length_ok && self.bytes.iter().zip(data).all(|(&(v, m), &d)| d & m == v & m)
    }
}

/// A matcher ready to run.
#[derive(Clone, Debug)]
pub(crate) enum Compiled {
    Exact(Vec<u8>),
    Prefix(Vec<u8>),
    Contains(Vec<u8>),
    Regex(Regex),
    Hex(HexPattern),
    Any,
    Connect,
    Oversize,
}

impl Compiled {
    /// Compiles a matcher; errors carry a character position in its text.
    pub fn compile(m: &Matcher) -> Result<Compiled, (usize, Message)> {
        Ok(match m {
            Matcher::Exact(t) => Compiled::Exact(text(t, true)?),
            Matcher::Prefix(t) => Compiled::Prefix(text(t, false)?),
            Matcher::Contains(t) => Compiled::Contains(text(t, false)?),
            Matcher::Regex(r) => Compiled::Regex(regex(r)?),
            Matcher::Hex(h) => Compiled::Hex(HexPattern::parse(h)?),
            Matcher::Any => Compiled::Any,
            Matcher::Connect => Compiled::Connect,
            Matcher::Oversize => Compiled::Oversize,
        })
    }

    /// How many capture groups templates may use (None: not a regex).
    pub fn groups(&self) -> Option<usize> {
        match self {
            Compiled::Regex(r) => Some(r.captures_len() - 1),
            _ => None,
        }
    }

    /// Whether a message matches; a regex's groups go into `captures`, as
    /// ranges of the message's line.
    pub fn matches(&self, frame: &Frame, captures: &mut Vec<Option<Range<usize>>>) -> bool {
        captures.clear();
        let line = frame.line();
        match self {
            Compiled::Exact(t) => line == t.as_slice(),
            Compiled::Prefix(t) => line.starts_with(t),
            Compiled::Contains(t) => line.windows(t.len()).any(|w| w == t.as_slice()),
            Compiled::Regex(r) => match r.captures(line) {
                Some(caps) => {
                    captures.extend(caps.iter().map(|m| m.map(|m| m.range())));
                    true
                }
                None => false,
            },
            Compiled::Hex(h) => h.matches(frame.body()),
            Compiled::Any => true,
            Compiled::Connect | Compiled::Oversize => false,
        }
    }
}

fn text(t: &str, empty_ok: bool) -> Result<Vec<u8>, (usize, Message)> {
    let bytes =
        parse_payload(t, PayloadFormat::Text).map_err(|e| (e.position, msg!("rule-as-is", text = e.message)))?;
    if bytes.is_empty() && !empty_ok {
        return Err((1, msg!("rule-empty-text")));
    }
    Ok(bytes)
}

/// Compiles a byte regex. On a syntax error, regex-syntax's own parser gives
/// the position, turned from a byte offset into a character position.
fn regex(source: &str) -> Result<Regex, (usize, Message)> {
    let built = RegexBuilder::new(source).size_limit(REGEX_SIZE_LIMIT).build();
    let err = match built {
        Ok(r) => return Ok(r),
        Err(e) => e,
    };
    let char_pos = |byte: usize| source[..byte.min(source.len())].chars().count() + 1;
    let parsed = regex_syntax::ParserBuilder::new().utf8(false).build().parse(source);
    match (parsed, err) {
        (Err(regex_syntax::Error::Parse(e)), _) => {
            Err((char_pos(e.span().start.offset), msg!("rule-as-is", text = e.kind().to_string())))
        }
        (Err(regex_syntax::Error::Translate(e)), _) => {
            Err((char_pos(e.span().start.offset), msg!("rule-as-is", text = e.kind().to_string())))
        }
        (_, regex::Error::CompiledTooBig(_)) => Err((1, msg!("rule-regex-big"))),
        (_, other) => Err((1, msg!("rule-as-is", text = other.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(bytes: &[u8]) -> Frame {
        Frame::whole(0, bytes.to_vec())
    }

    fn matches(m: Matcher, data: &[u8]) -> bool {
        Compiled::compile(&m).unwrap().matches(&frame(data), &mut Vec::new())
    }

    #[test]
    fn text_matchers_look_at_the_line() {
        assert!(matches(Matcher::Exact("exit".into()), b"exit\r\n"));
        assert!(matches(Matcher::Exact("exit".into()), b"exit"));
        assert!(!matches(Matcher::Exact("exit".into()), b"exit now\n"));
        assert!(matches(Matcher::Exact("".into()), b"\n"));
        assert!(matches(Matcher::Prefix("GET ".into()), b"GET / HTTP/1.0\r\n"));
        assert!(matches(Matcher::Contains("\\x00\\xff".into()), b"a\x00\xffb"));
        assert!(!matches(Matcher::Contains("zz".into()), b"z"));
        assert_eq!(Compiled::compile(&Matcher::Prefix("".into())).unwrap_err(), (1, msg!("rule-empty-text")));
        assert_eq!(Compiled::compile(&Matcher::Exact("a\\q".into())).unwrap_err().0, 2);
    }

    #[test]
    fn regex_captures_are_ranges_of_the_line() {
        let c = Compiled::compile(&Matcher::Regex(r"^name=(\w+)(,(\d+))?$".into())).unwrap();
        assert_eq!(c.groups(), Some(3));
        let mut caps = Vec::new();
        assert!(c.matches(&frame(b"name=ann\r\n"), &mut caps));
        assert_eq!(caps, vec![Some(0..8), Some(5..8), None, None]);
        assert!(!c.matches(&frame(b"nope\n"), &mut caps));
        // Not UTF-8: still searched.
        let c = Compiled::compile(&Matcher::Regex(r"(?-u)\xff(.)".into())).unwrap();
        assert!(c.matches(&frame(b"\x00\xffA"), &mut caps));
        assert_eq!(caps[1], Some(2..3));
    }

    #[test]
    fn a_bad_regex_is_refused_with_its_position() {
        let err = |r: &str| Compiled::compile(&Matcher::Regex(r.into())).unwrap_err();
        assert_eq!(err("ab(c"), (3, msg!("rule-as-is", text = "unclosed group")));
        assert_eq!(err("中文[z-a]").0, 4);
        assert!(err("x{2,1}").1.text().contains("invalid repetition count range"), "{:?}", err("x{2,1}"));
        assert_eq!(err(r"(\w{100}){100}"), (1, msg!("rule-regex-big")));
    }

    #[test]
    fn hex_patterns_with_wildcards() {
        let p = HexPattern::parse("01 03 ?? 0? ff").unwrap();
        assert!(p.matches(&[1, 3, 0x77, 0x0e, 0xff]));
        assert!(!p.matches(&[1, 3, 0x77, 0x1e, 0xff]));
        assert!(!p.matches(&[1, 3, 0x77, 0x0e, 0xff, 0]));
        let open = HexPattern::parse("0103*").unwrap();
        assert!(open.matches(&[1, 3]) && open.matches(&[1, 3, 9, 9]) && !open.matches(&[1]));
        assert!(HexPattern::parse("*").unwrap().matches(b""));
        assert_eq!(HexPattern::parse("01 0g").unwrap_err().0, 5);
        assert_eq!(HexPattern::parse("01 3 04").unwrap_err(), (4, msg!("rule-hex-odd")));
        assert_eq!(HexPattern::parse("01 * 02").unwrap_err(), (4, msg!("rule-hex-star")));
        assert_eq!(HexPattern::parse("  ").unwrap_err(), (1, msg!("rule-hex-empty")));
        assert!(matches(Matcher::Hex("68 69 0a".into()), b"hi\n"), "hex sees the body, line end included");
    }
}
