//! Reply rules: tried in order on each framed message (or on connect, or on
//! an oversize frame), each with a matcher, actions and whether the next
//! rules are tried too. The tutorial servers (echo, chat, daytime, http) are
//! presets built from them.
//!
//! A [`Rule`] is what a person writes (saved in workspaces, given as
//! `--rule 'MATCH => ACTION'`); a [`RuleEngine`] is the checked, compiled
//! list a worker runs: given a message it returns the effects to carry out.

mod engine;
mod matcher;
mod parse;
mod pending;
mod presets;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Message;

pub use engine::{Effect, Outcome, Reach, RuleEngine, Trigger};
pub(crate) use matcher::Compiled as CompiledMatcher;
pub use matcher::HexPattern;
pub use parse::RuleParseError;
pub use pending::{PENDING_PAUSE, Pending};
pub use presets::{Preset, preset};

/// The longest wait a rule may ask for: one hour.
pub const MAX_WAIT_MS: u64 = 3_600_000;

/// One reply rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rule {
    pub when: Matcher,
    /// Carried out in order; none means the message is ignored.
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub then: Then,
}

/// What a rule answers. Text patterns use the composer's escapes and are
/// compared with the message's line (its body without a trailing `\n` or
/// `\r\n`); hex patterns with its body.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Matcher {
    /// The line is exactly this text.
    Exact(String),
    /// The line starts with this text.
    Prefix(String),
    /// The line contains this text.
    Contains(String),
    /// The `regex` crate's syntax, searched in the line; `${1}`… are its groups.
    Regex(String),
    /// Hex bytes with `??` (or `0?`) wildcards, matching the whole body; a
    /// final `*` lets any bytes follow.
    Hex(String),
    /// Every message.
    Any,
    /// A new connection (before any message): a greeting.
    Connect,
    /// A frame too long for the framing's limit.
    Oversize,
}

/// What a rule does, in order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Send the rendered template to whoever sent the message.
    Reply(String),
    /// Send the rendered template to every other connection of this server.
    Relay(String),
    /// Wait this many milliseconds before the next actions (and before this
    /// connection's later answers, which stay in order).
    Wait(u64),
    /// Close the connection once everything queued before it is sent.
    Close,
}

/// After a rule fires: stop, or try the next rules too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Then {
    #[default]
    Stop,
    Continue,
}

/// Which part of a rule an error is in (for the field that shows it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulePart {
    Matcher,
    /// The action at this index (from 0).
    Action(usize),
}

/// Why a rule was refused: the part, the character position in that
/// part's text (from 1), and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub part: RulePart,
    pub position: usize,
    /// Formatted when shown, in the language of that moment.
    pub problem: Message,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let position = self.position.to_string();
        let problem = self.problem.text();
        let text = match self.part {
            RulePart::Matcher => crate::t!("rule-in-pattern", position = position, problem = problem),
            RulePart::Action(i) => {
                crate::t!("rule-in-action", action = (i + 1).to_string(), position = position, problem = problem)
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for RuleError {}

/// A rule refused within a list: which one (from 0) and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct RuleListError {
    pub index: usize,
    pub error: RuleError,
}

impl fmt::Display for RuleListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!("rule-in-list", index = (self.index + 1).to_string(), error = self.error.to_string()))
    }
}

impl Matcher {
    /// The CLI keyword: `exact`, `regex`, `any` …
    pub fn keyword(&self) -> &'static str {
        match self {
            Matcher::Exact(_) => "exact",
            Matcher::Prefix(_) => "prefix",
            Matcher::Contains(_) => "contains",
            Matcher::Regex(_) => "regex",
            Matcher::Hex(_) => "hex",
            Matcher::Any => "any",
            Matcher::Connect => "connect",
            Matcher::Oversize => "oversize",
        }
    }

    /// The pattern text, for the kinds that have one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Matcher::Exact(t) | Matcher::Prefix(t) | Matcher::Contains(t) | Matcher::Regex(t) | Matcher::Hex(t) => {
                Some(t)
            }
            Matcher::Any | Matcher::Connect | Matcher::Oversize => None,
        }
    }
}

impl Action {
    pub fn keyword(&self) -> &'static str {
        match self {
            Action::Reply(_) => "reply",
            Action::Relay(_) => "relay",
            Action::Wait(_) => "wait",
            Action::Close => "close",
        }
    }
}

impl Rule {
    pub fn new(when: Matcher, actions: Vec<Action>) -> Rule {
        Rule { when, actions, then: Then::Stop }
    }

    /// Checks the rule as the engine would, without building an engine.
    pub fn check(&self) -> Result<(), RuleError> {
        engine::CompiledRule::compile(self).map(|_| ())
    }
}
