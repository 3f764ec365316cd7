//! Templates: the text of a reply rule's answer, a sequence step or a
//! composer payload, with the composer's escapes (`\n \r \t \0 \\ \xHH`, and
//! `\$` for a literal `$`) and `${…}` variables.
//!
//! Parsing is strict and happens once, where the person types: an unknown
//! variable, a variable that has nothing to take its value from here
//! (`${line}` on connect), a capture group the regex does not have, or a bad
//! escape is refused with the character position and the reason. Rendering
//! cannot fail.

mod render;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::i18n::Message;
use crate::net::checksum::{ByteOrder, Checksum};
use crate::net::payload::{PayloadError, PayloadFormat, parse_payload};
use crate::{msg, t};

pub use render::{Context, Rng, expand_payload};

/// The most random bytes one `${random:N}` may produce.
pub const MAX_RANDOM_BYTES: usize = 64 * 1024;

/// One piece of a parsed template, for code that writes the template out in
/// another language ("show as code").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Bytes(&'a [u8]),
    /// `${N}`: a regex capture group (`${0}`: the whole match).
    Capture(usize),
    /// A variable, by its name as written: `line`, `msg`, `body`, `eol`,
    /// `len`, `seq`, `time`, `time:unix`, `time:ms`, `random`, `peer`,
    /// `daytime`, `http`.
    Var(&'static str),
    /// A checksum of everything rendered before it.
    Checksum(Checksum, ByteOrder),
    /// `${random:N}`: N random bytes.
    RandomBytes(usize),
}

/// Where a template is used: which variables have something to work with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A payload typed in the composer or a sequence step.
    Payload,
    /// An answer to a new connection (a greeting): no message yet.
    Connect,
    /// An answer to a frame that was too long: no message, but `${http}`.
    Oversize,
    /// An answer to a message; `regex_groups` is how many capture groups
    /// the rule's regex has (None: the rule is not a regex).
    Message { regex_groups: Option<usize> },
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Bytes(Vec<u8>),
    /// `${1}`: a regex capture group (`${0}`: the whole match).
    Capture(usize),
    Var(Var),
    /// `${crc16}` and friends: over everything rendered before it.
    Checksum(Checksum, ByteOrder),
    /// `${random:N}`: N random bytes.
    RandomBytes(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Var {
    Line,
    Msg,
    Body,
    Eol,
    Len,
    Seq,
    Time(TimeStyle),
    Random,
    Peer,
    Daytime,
    Http,
}

impl Var {
    fn name(self) -> &'static str {
        match self {
            Var::Line => "line",
            Var::Msg => "msg",
            Var::Body => "body",
            Var::Eol => "eol",
            Var::Len => "len",
            Var::Seq => "seq",
            Var::Time(TimeStyle::Local) => "time",
            Var::Time(TimeStyle::Unix) => "time:unix",
            Var::Time(TimeStyle::UnixMillis) => "time:ms",
            Var::Random => "random",
            Var::Peer => "peer",
            Var::Daytime => "daytime",
            Var::Http => "http",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TimeStyle {
    Local,
    Unix,
    UnixMillis,
}

/// Why a template was refused; `position` counts characters from 1.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct TemplateError {
    pub position: usize,
    pub problem: Problem,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = self.problem.message().text();
        f.write_str(&t!("template-at", position = self.position.to_string(), problem = problem))
    }
}

/// The reason, with its fields; formatted in the language of the moment.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A payload escape error, already in words.
    Escape(String),
    Unclosed,
    Empty,
    Unknown {
        name: String,
        scope: Scope,
    },
    NotHere {
        name: String,
        scope: Scope,
    },
    NoGroups(usize),
    NoSuchGroup {
        index: usize,
        groups: usize,
    },
    BadArgument {
        name: String,
        arg: String,
        expected: ArgHint,
    },
    Hex(String),
}

/// What a variable's argument should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgHint {
    Time,
    Random,
    Order,
    Hex,
    None,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text())
    }
}

impl Problem {
    /// The reason as a message, to format when it is shown.
    pub fn message(&self) -> Message {
        let var = |name: &dyn fmt::Display| format!("${{{name}}}");
        match self {
            Problem::Escape(text) => msg!("rule-as-is", text = text),
            Problem::Unclosed => msg!("template-unclosed"),
            Problem::Empty => msg!("template-empty"),
            Problem::Unknown { name, scope } => msg!("template-unknown", var = var(name), known = scope.known()),
            Problem::NotHere { name, scope } => scope.not_here(var(name)),
            Problem::NoGroups(i) => msg!("template-no-groups", var = var(i)),
            Problem::NoSuchGroup { index, groups } => {
                msg!("template-no-such-group", var = var(index), groups = groups.to_string())
            }
            Problem::BadArgument { name, arg, expected } => {
                msg!("template-bad-argument", var = var(&format!("{name}:{arg}")), expected = expected.message())
            }
            Problem::Hex(problem) => msg!("template-hex", problem = problem),
        }
    }
}

impl ArgHint {
    fn message(self) -> Message {
        match self {
            ArgHint::Time => msg!("template-arg-time"),
            ArgHint::Random => msg!("template-arg-random"),
            ArgHint::Order => msg!("template-arg-order"),
            ArgHint::Hex => msg!("template-arg-hex"),
            ArgHint::None => msg!("template-arg-none"),
        }
    }
}

const KNOWN_PAYLOAD: &str =
    "${seq} ${time} ${random} ${daytime} ${hex:…} ${crc16} ${crc16-ccitt} ${crc32} ${sum8} ${xor8}";
const KNOWN_CONNECT: &str =
    "${peer} ${seq} ${time} ${random} ${daytime} ${hex:…} ${crc16} ${crc16-ccitt} ${crc32} ${sum8} ${xor8}";
const KNOWN_OVERSIZE: &str =
    "${http} ${peer} ${seq} ${time} ${random} ${daytime} ${hex:…} ${crc16} ${crc16-ccitt} ${crc32} ${sum8} ${xor8}";
const KNOWN_MESSAGE: &str = "${line} ${msg} ${body} ${eol} ${len} ${1}… ${peer} ${seq} ${time} ${random} ${daytime} ${http} ${hex:…} ${crc16} ${crc16-ccitt} ${crc32} ${sum8} ${xor8}";

impl Scope {
    fn known(self) -> &'static str {
        match self {
            Scope::Payload => KNOWN_PAYLOAD,
            Scope::Connect => KNOWN_CONNECT,
            Scope::Oversize => KNOWN_OVERSIZE,
            Scope::Message { .. } => KNOWN_MESSAGE,
        }
    }

    fn not_here(self, var: String) -> Message {
        match self {
            Scope::Payload => msg!("template-not-here-payload", var = var),
            Scope::Connect => msg!("template-not-here-connect", var = var),
            Scope::Oversize => msg!("template-not-here-oversize", var = var),
            Scope::Message { .. } => msg!("template-not-here-message", var = var),
        }
    }

    fn allows(self, var: Var) -> bool {
        match var {
            Var::Seq | Var::Time(_) | Var::Random | Var::Daytime => true,
            Var::Peer => self != Scope::Payload,
            Var::Http => matches!(self, Scope::Message { .. } | Scope::Oversize),
            Var::Line | Var::Msg | Var::Body | Var::Eol | Var::Len => matches!(self, Scope::Message { .. }),
        }
    }
}

impl Template {
    pub fn parse(source: &str, scope: Scope) -> Result<Template, TemplateError> {
        let chars: Vec<(usize, char)> = source.char_indices().collect();
        let mut parts = Vec::new();
        let mut literal_from = 0; // index into `chars` where the current literal run starts
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            let next = chars.get(i + 1).map(|&(_, c)| c);
            if c == '\\' && next == Some('$') {
                push_literal(&mut parts, source, &chars, literal_from, i)?;
                push_bytes(&mut parts, b"$");
                i += 2;
                literal_from = i;
            } else if c == '\\' {
                i += 2;
            } else if c == '$' && next == Some('{') {
                push_literal(&mut parts, source, &chars, literal_from, i)?;
                let close = (i + 2..chars.len()).find(|&k| chars[k].1 == '}');
                let close = close.ok_or(TemplateError { position: i + 1, problem: Problem::Unclosed })?;
                let inner = &source[chars[i + 1].0 + 1..chars[close].0];
                let part = parse_variable(inner, scope)
                    .map_err(|(offset, problem)| TemplateError { position: i + 1 + offset, problem })?;
                match part {
                    Part::Bytes(b) => push_bytes(&mut parts, &b),
                    other => parts.push(other),
                }
                i = close + 1;
                literal_from = i;
            } else {
                i += 1;
            }
        }
        push_literal(&mut parts, source, &chars, literal_from, chars.len().min(i))?;
        Ok(Template { parts })
    }

    /// A template that is these bytes and nothing else.
    pub fn literal(bytes: Vec<u8>) -> Template {
        Template { parts: if bytes.is_empty() { Vec::new() } else { vec![Part::Bytes(bytes)] } }
    }

    /// Its pieces, in order.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Bytes(b) => Piece::Bytes(b),
                Part::Capture(i) => Piece::Capture(*i),
                Part::Var(v) => Piece::Var(v.name()),
                Part::Checksum(sum, order) => Piece::Checksum(*sum, *order),
                Part::RandomBytes(n) => Piece::RandomBytes(*n),
            })
            .collect()
    }

    /// Whether it renders the same bytes every time (no variables).
    pub fn is_constant(&self) -> bool {
        self.parts.iter().all(|p| matches!(p, Part::Bytes(_)))
    }
}

fn push_bytes(parts: &mut Vec<Part>, bytes: &[u8]) {
    if let Some(Part::Bytes(b)) = parts.last_mut() {
        b.extend_from_slice(bytes);
    } else if !bytes.is_empty() {
        parts.push(Part::Bytes(bytes.to_vec()));
    }
}

/// Parses the literal text of characters `from..to` with the composer's escapes.
fn push_literal(
    parts: &mut Vec<Part>,
    source: &str,
    chars: &[(usize, char)],
    from: usize,
    to: usize,
) -> Result<(), TemplateError> {
    if from >= to {
        return Ok(());
    }
    let end = chars.get(to).map_or(source.len(), |&(b, _)| b);
    let text = &source[chars[from].0..end];
    let bytes = parse_payload(text, PayloadFormat::Text).map_err(|e: PayloadError| TemplateError {
        position: from + e.position,
        problem: Problem::Escape(e.message),
    })?;
    push_bytes(parts, &bytes);
    Ok(())
}

/// Parses the inside of `${…}`; errors carry their offset from the `$`.
fn parse_variable(inner: &str, scope: Scope) -> Result<Part, (usize, Problem)> {
    let (name, arg) = match inner.split_once(':') {
        Some((n, a)) => (n, Some(a)),
        None => (inner, None),
    };
    let bad_arg = |expected| {
        let problem =
            Problem::BadArgument { name: name.to_string(), arg: arg.unwrap_or_default().to_string(), expected };
        (name.chars().count() + 3, problem)
    };
    if name.is_empty() && arg.is_none() {
        return Err((0, Problem::Empty));
    }
    if name == "hex" {
        let hex = arg.filter(|h| !h.trim().is_empty()).ok_or_else(|| bad_arg(ArgHint::Hex))?;
        return parse_payload(hex, PayloadFormat::Hex)
            .map(Part::Bytes)
            .map_err(|e| (6 + e.position - 1, Problem::Hex(e.message)));
    }
    if let Ok(index) = name.parse::<usize>() {
        return capture(index, scope).map_err(|p| (0, p));
    }
    if let Some(sum) = Checksum::from_name(name) {
        let order = match arg {
            None => sum.usual_order(),
            Some(a) => ByteOrder::from_name(a).ok_or_else(|| bad_arg(ArgHint::Order))?,
        };
        return Ok(Part::Checksum(sum, order));
    }
    let var = match (name, arg) {
        ("time", None) => Var::Time(TimeStyle::Local),
        ("time", Some("unix")) => Var::Time(TimeStyle::Unix),
        ("time", Some("ms")) => Var::Time(TimeStyle::UnixMillis),
        ("time", Some(_)) => return Err(bad_arg(ArgHint::Time)),
        ("random", None) => Var::Random,
        ("random", Some(n)) => {
            return match n.parse::<usize>() {
                Ok(n) if (1..=MAX_RANDOM_BYTES).contains(&n) => Ok(Part::RandomBytes(n)),
                _ => Err(bad_arg(ArgHint::Random)),
            };
        }
        (_, _) => {
            let var = simple_var(name).ok_or_else(|| (0, Problem::Unknown { name: inner.to_string(), scope }))?;
            if arg.is_some() {
                return Err(bad_arg(ArgHint::None));
            }
            var
        }
    };
    if !scope.allows(var) {
        return Err((0, Problem::NotHere { name: name.to_string(), scope }));
    }
    Ok(Part::Var(var))
}

fn simple_var(name: &str) -> Option<Var> {
    Some(match name {
        "line" => Var::Line,
        "msg" => Var::Msg,
        "body" => Var::Body,
        "eol" => Var::Eol,
        "len" => Var::Len,
        "seq" => Var::Seq,
        "peer" => Var::Peer,
        "daytime" => Var::Daytime,
        "http" => Var::Http,
        _ => return None,
    })
}

fn capture(index: usize, scope: Scope) -> Result<Part, Problem> {
    match scope {
        Scope::Message { regex_groups: None } => Err(Problem::NoGroups(index)),
        Scope::Message { regex_groups: Some(groups) } if index > groups => Err(Problem::NoSuchGroup { index, groups }),
        Scope::Message { .. } => Ok(Part::Capture(index)),
        other => Err(Problem::NotHere { name: index.to_string(), scope: other }),
    }
}
