//! The command-line spelling of a rule:
//!
//! ```text
//! MATCH => ACTION [=> ACTION]... [=> continue]
//! MATCH:  exact:TEXT  prefix:TEXT  contains:TEXT  regex:RE  hex:PATTERN  any  connect  oversize
//! ACTION: reply:TEMPLATE  relay:TEMPLATE  wait:MS  close  ignore
//! ```
//!
//! Spaces around `=>` are not part of the text; write `\x20` for a space at
//! either end and `=\x3e` for a `=>` inside a text (regexes read both too).
//! Errors give the character position in the whole rule.

use std::fmt;
use std::str::FromStr;

use crate::i18n::Message;
use crate::{msg, t};

use super::{Action, MAX_WAIT_MS, Matcher, Rule, RuleError, RulePart, Then};

const ARROW: &str = "=>";

/// Why a `--rule` was refused: the character position in the rule (from 1).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct RuleParseError {
    pub position: usize,
    /// Formatted when shown, in the language of that moment.
    pub problem: Message,
}

impl fmt::Display for RuleParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&t!("rule-at", position = self.position.to_string(), problem = self.problem.text()))
    }
}

/// A piece of the rule between arrows, trimmed, with where it starts.
struct Piece<'a> {
    text: &'a str,
    /// Character position of its first character, from 1.
    at: usize,
}

fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bounds = s.match_indices(ARROW).map(|(i, _)| (i, i + ARROW.len())).chain([(s.len(), s.len())]);
    for (end, next) in bounds {
        let raw = &s[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        out.push(Piece { text, at: s[..start + lead].chars().count() + 1 });
        start = next;
    }
    out
}

fn fail<T>(at: usize, problem: Message) -> Result<T, RuleParseError> {
    Err(RuleParseError { position: at, problem })
}

impl FromStr for Rule {
    type Err = RuleParseError;

    fn from_str(s: &str) -> Result<Rule, RuleParseError> {
        let pieces = pieces(s);
        let Some((first, actions)) = pieces.split_first().filter(|(_, rest)| !rest.is_empty()) else {
            return fail(1, msg!("rule-no-arrow"));
        };
        let (when, text_at) = parse_matcher(first)?;
        let mut rule = Rule::new(when, Vec::new());
        let mut starts = Vec::new(); // where each action's text starts, for errors
        for (i, piece) in actions.iter().enumerate() {
            let last = i + 1 == actions.len();
            match piece.text {
                "" => return fail(piece.at, msg!("rule-no-action")),
                "continue" if last && i > 0 => rule.then = Then::Continue,
                "continue" if i == 0 => return fail(piece.at, msg!("rule-continue-first")),
                "continue" => return fail(piece.at, msg!("rule-continue-last")),
                "ignore" if actions.len() == 1 || (actions.len() == 2 && actions[1].text == "continue") => {}
                "ignore" => return fail(piece.at, msg!("rule-ignore-alone")),
                _ => {
                    let (action, at) = parse_action(piece)?;
                    rule.actions.push(action);
                    starts.push(at);
                }
            }
        }
        rule.check().map_err(|e: RuleError| {
            let base = match e.part {
                RulePart::Matcher => text_at,
                RulePart::Action(i) => starts.get(i).copied().unwrap_or(1),
            };
            RuleParseError { position: base + e.position - 1, problem: e.problem }
        })?;
        Ok(rule)
    }
}

/// The matcher, and the position where its text starts.
fn parse_matcher(piece: &Piece<'_>) -> Result<(Matcher, usize), RuleParseError> {
    let (kind, text) = match piece.text.split_once(':') {
        Some((k, t)) => (k, Some(t)),
        None => (piece.text, None),
    };
    let text_at = piece.at + kind.chars().count() + 1;
    let owned = || text.unwrap_or_default().to_string();
    let m = match (kind, text) {
        ("exact", Some(_)) => Matcher::Exact(owned()),
        ("prefix", Some(_)) => Matcher::Prefix(owned()),
        ("contains", Some(_)) => Matcher::Contains(owned()),
        ("regex", Some(_)) => Matcher::Regex(owned()),
        ("hex", Some(_)) => Matcher::Hex(owned()),
        ("any", None) => Matcher::Any,
        ("connect", None) => Matcher::Connect,
        ("oversize", None) => Matcher::Oversize,
        ("any" | "connect" | "oversize", Some(_)) => return fail(piece.at, msg!("rule-bare-match", kind = kind)),
        _ => return fail(piece.at, msg!("rule-bad-match", text = piece.text)),
    };
    Ok((m, text_at))
}

/// An action, and the position where its text starts.
fn parse_action(piece: &Piece<'_>) -> Result<(Action, usize), RuleParseError> {
    let (kind, text) = match piece.text.split_once(':') {
        Some((k, t)) => (k, Some(t)),
        None => (piece.text, None),
    };
    let text_at = piece.at + kind.chars().count() + 1;
    let action = match (kind, text) {
        ("reply", Some(t)) => Action::Reply(t.to_string()),
        ("relay", Some(t)) => Action::Relay(t.to_string()),
        ("wait", Some(ms)) => match ms.parse::<u64>() {
            Ok(ms) if ms <= MAX_WAIT_MS => Action::Wait(ms),
            _ => return fail(text_at, msg!("rule-bad-wait")),
        },
        ("close", None) => Action::Close,
        _ => return fail(piece.at, msg!("rule-bad-action", text = piece.text)),
    };
    Ok((action, text_at))
}

/// Text as the CLI reads it back: `=>` and whitespace at the ends escaped.
fn cli_safe(text: &str) -> String {
    let s = text.replace(ARROW, "=\\x3e");
    let rest = s.trim_start();
    let lead = &s[..s.len() - rest.len()];
    let mid = rest.trim_end();
    let trail = &rest[mid.len()..];
    format!("{}{mid}{}", escape_ascii(lead), escape_ascii(trail))
}

fn escape_ascii(ws: &str) -> String {
    ws.chars().map(|c| if c.is_ascii() { format!("\\x{:02x}", c as u32) } else { c.to_string() }).collect()
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Matcher::Hex(t) => write!(f, "hex:{}", t.trim()),
            m => match m.text() {
                Some(t) => write!(f, "{}:{}", m.keyword(), cli_safe(t)),
                None => f.write_str(m.keyword()),
            },
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Reply(t) | Action::Relay(t) => write!(f, "{}:{}", self.keyword(), cli_safe(t)),
            Action::Wait(ms) => write!(f, "wait:{ms}"),
            Action::Close => f.write_str("close"),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.when)?;
        if self.actions.is_empty() {
            f.write_str(" => ignore")?;
        }
        for a in &self.actions {
            write!(f, " => {a}")?;
        }
        if self.then == Then::Continue {
            f.write_str(" => continue")?;
        }
        Ok(())
    }
}
