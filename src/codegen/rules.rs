//! The rules and framing an endpoint runs, decided once for both languages:
//! each matcher with its bytes, each reply as pieces (literal bytes,
//! captures, variables, checksums), and what the program must define
//! (counters, clocks, checksums, the clients list for relays).

use std::collections::BTreeSet;

use crate::net::EndpointSpec;
use crate::net::checksum::{ByteOrder, Checksum};
use crate::net::frame::{FrameSpec, Framing};
use crate::net::rules::{Action, CompiledMatcher, Matcher, Rule, Then, preset};
use crate::net::template::{Piece, Scope, Template};

/// A template piece the program writes out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Bytes(Vec<u8>),
    Capture(usize),
    Var(&'static str),
    Checksum(Checksum, ByteOrder),
    RandomBytes(usize),
}

#[derive(Clone, Debug)]
pub(super) enum When {
    Exact(Vec<u8>),
    Prefix(Vec<u8>),
    Contains(Vec<u8>),
    /// The pattern as written (the `re` module and the regex crate read it alike for most patterns).
    Regex(String),
    Hex {
        bytes: Vec<(u8, u8)>,
        open_end: bool,
    },
    Any,
    Connect,
    Oversize,
}

#[derive(Clone, Debug)]
pub(super) enum Do {
    Reply(Vec<Part>),
    Relay(Vec<Part>),
    Wait(u64),
    Close,
}

#[derive(Clone, Debug)]
pub(super) struct RulePlan {
    /// As the command line writes it, for the comment above its code.
    pub text: String,
    pub when: When,
    pub steps: Vec<Do>,
    pub stop: bool,
    /// A template uses `${seq}`: the rule counts how often it fired.
    pub counts: bool,
}

/// What the program must define for its rules.
#[derive(Clone, Debug, Default)]
pub(super) struct Uses {
    pub vars: BTreeSet<&'static str>,
    /// Checksums by their template name (`crc16`, `crc32` …).
    pub checksums: BTreeSet<&'static str>,
    pub regex: bool,
    pub hex: bool,
    pub relay: bool,
    pub wait: bool,
    pub close: bool,
    pub connect: bool,
    pub oversize: bool,
    pub counts: bool,
}

#[derive(Clone, Debug)]
pub(super) struct RulesPlan {
    pub frame: FrameSpec,
    pub rules: Vec<RulePlan>,
    pub uses: Uses,
}

/// Which function of the program a rule goes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Group {
    /// A new connection.
    Greet,
    /// A frame the framer refused.
    Oversize,
    /// A message.
    Answer,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Greet, Group::Oversize, Group::Answer];

    pub fn of(when: &When) -> Group {
        match when {
            When::Connect => Group::Greet,
            When::Oversize => Group::Oversize,
            _ => Group::Answer,
        }
    }

    /// The function's name in both languages.
    pub fn name(self) -> &'static str {
        match self {
            Group::Greet => "greet",
            Group::Oversize => "oversize",
            Group::Answer => "answer",
        }
    }

    pub fn note(self) -> &'static str {
        match self {
            Group::Greet => "code-rules-greet",
            Group::Oversize => "code-rules-oversize",
            Group::Answer => "code-rules",
        }
    }
}

impl RulesPlan {
    /// The rules of one group, with their numbers in the whole list (from 0).
    pub fn group(&self, group: Group) -> Vec<(usize, &RulePlan)> {
        self.rules.iter().enumerate().filter(|(_, r)| Group::of(&r.when) == group).collect()
    }

    /// Some rule answers messages.
    pub fn answers(&self) -> bool {
        !self.group(Group::Answer).is_empty()
    }

    /// The rules program's plan, when the endpoint has rules or framing of
    /// its own (the reply modes alone keep their hand-written programs).
    pub fn of(spec: &EndpointSpec) -> Option<RulesPlan> {
        if spec.rules.is_empty() && spec.frame.framing == Framing::Raw {
            return None;
        }
        let preset = preset(spec.reply);
        let frame = if spec.frame.framing == Framing::Raw { preset.frame } else { spec.frame.clone() };
        let all: Vec<Rule> = spec.rules.iter().cloned().chain(preset.rules).collect();
        let mut uses = Uses::default();
        // A rule that does not compile was refused when the file was loaded; skip it here.
        let rules = all.iter().filter_map(|r| plan_rule(r, &mut uses)).collect();
        Some(RulesPlan { frame, rules, uses })
    }

    pub fn framed(&self) -> bool {
        self.frame.framing != Framing::Raw
    }
}

fn plan_rule(rule: &Rule, uses: &mut Uses) -> Option<RulePlan> {
    let compiled = CompiledMatcher::compile(&rule.when).ok()?;
    let scope = match rule.when {
        Matcher::Connect => Scope::Connect,
        Matcher::Oversize => Scope::Oversize,
        _ => Scope::Message { regex_groups: compiled.groups() },
    };
    let when = match (&rule.when, compiled) {
        (_, CompiledMatcher::Exact(b)) => When::Exact(b),
        (_, CompiledMatcher::Prefix(b)) => When::Prefix(b),
        (_, CompiledMatcher::Contains(b)) => When::Contains(b),
        (Matcher::Regex(src), CompiledMatcher::Regex(_)) => When::Regex(src.clone()),
        (_, CompiledMatcher::Hex(h)) => When::Hex { bytes: h.bytes().to_vec(), open_end: h.open_end() },
        (_, CompiledMatcher::Connect) => When::Connect,
        (_, CompiledMatcher::Oversize) => When::Oversize,
        _ => When::Any,
    };
    uses.regex |= matches!(when, When::Regex(_));
    uses.hex |= matches!(when, When::Hex { .. });
    uses.connect |= matches!(when, When::Connect);
    uses.oversize |= matches!(when, When::Oversize);
    let mut counts = false;
    let mut steps = Vec::new();
    let parts = |t: &str, uses: &mut Uses, counts: &mut bool| -> Option<Vec<Part>> {
        let template = Template::parse(t, scope).ok()?;
        Some(template.pieces().into_iter().map(|p| own(p, uses, counts)).collect())
    };
    for action in &rule.actions {
        steps.push(match action {
            Action::Reply(t) => Do::Reply(parts(t, uses, &mut counts)?),
            Action::Relay(t) => {
                uses.relay = true;
                Do::Relay(parts(t, uses, &mut counts)?)
            }
            Action::Wait(ms) => {
                uses.wait = true;
                Do::Wait(*ms)
            }
            Action::Close => {
                uses.close = true;
                Do::Close
            }
        });
    }
    uses.counts |= counts;
    Some(RulePlan { text: comment_safe(&rule.to_string()), when, steps, stop: rule.then == Then::Stop, counts })
}

fn own(piece: Piece<'_>, uses: &mut Uses, counts: &mut bool) -> Part {
    match piece {
        Piece::Bytes(b) => Part::Bytes(b.to_vec()),
        Piece::Capture(i) => Part::Capture(i),
        Piece::Var(v) => {
            *counts |= v == "seq";
            uses.vars.insert(v);
            Part::Var(v)
        }
        Piece::Checksum(sum, order) => {
            uses.checksums.insert(sum.name());
            Part::Checksum(sum, order)
        }
        Piece::RandomBytes(n) => {
            uses.vars.insert("random:N");
            Part::RandomBytes(n)
        }
    }
}

/// The rule's text with control and line-separator characters escaped, so a
/// pattern from a file cannot end the comment it is shown in.
fn comment_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
