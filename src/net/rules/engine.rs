//! The rule engine a worker runs: compiled rules and their fired counters.
//! It never touches a socket: it returns the effects, and the worker carries
//! them out (waits through its timers, see [`super::Pending`]).

use std::ops::Range;
use std::time::{Duration, SystemTime};

use super::matcher::Compiled;
use super::{Action, MAX_WAIT_MS, Matcher, Rule, RuleError, RuleListError, RulePart, Then};
use crate::i18n::Message;
use crate::net::addr::Addr;
use crate::net::frame::{Frame, FrameEnd};
use crate::net::template::{Context, Rng, Scope, Template};

/// What the rules are asked to answer.
#[derive(Clone, Copy, Debug)]
pub enum Trigger<'a> {
    /// A new connection (for a datagram socket: never).
    Connect,
    /// A framed message. A frame cut short by the end of the stream
    /// (`FrameEnd::Eof`) is not a message of the protocol: no rule fires.
    Message(&'a Frame),
    /// The framer refused a frame as oversize.
    Oversize,
}

/// One thing for the worker to do, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Send to whoever sent the message: this connection, or the datagram's source.
    Send(Vec<u8>),
    /// Send to every other connection of this server.
    Relay(Vec<u8>),
    /// Carry out what follows (and this connection's later effects) after this long.
    Wait(Duration),
    /// Close this connection once everything queued before it is sent; the
    /// worker feeds it to no rule after this.
    Close,
}

/// What one trigger produced: the effects, and which rules fired (indexes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub fired: Vec<usize>,
}

/// What the rules may do, so a worker can apply backpressure: pause reading
/// a connection whose answers are not being taken (`replies`), or every
/// connection while any is slow (`relays`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    pub replies: bool,
    pub relays: bool,
    /// Some rule answers new connections.
    pub greets: bool,
}

pub(crate) struct CompiledRule {
    matcher: Compiled,
    steps: Vec<Step>,
    then: Then,
}

enum Step {
    Reply(Template),
    Relay(Template),
    Wait(Duration),
    Close,
}

impl CompiledRule {
    pub fn compile(rule: &Rule) -> Result<CompiledRule, RuleError> {
        let matcher = Compiled::compile(&rule.when).map_err(|(position, problem)| RuleError {
            part: RulePart::Matcher,
            position,
            problem,
        })?;
        let scope = match rule.when {
            Matcher::Connect => Scope::Connect,
            Matcher::Oversize => Scope::Oversize,
            _ => Scope::Message { regex_groups: matcher.groups() },
        };
        let mut steps = Vec::with_capacity(rule.actions.len());
        for (i, action) in rule.actions.iter().enumerate() {
            let error = |position, problem: Message| RuleError { part: RulePart::Action(i), position, problem };
            let template = |t: &str| Template::parse(t, scope).map_err(|e| error(e.position, e.problem.message()));
            steps.push(match action {
                Action::Reply(t) => Step::Reply(template(t)?),
                Action::Relay(t) => Step::Relay(template(t)?),
                Action::Wait(ms) if *ms > MAX_WAIT_MS => return Err(error(1, crate::msg!("rule-wait-too-long"))),
                Action::Wait(ms) => Step::Wait(Duration::from_millis(*ms)),
                Action::Close => Step::Close,
            });
        }
        Ok(CompiledRule { matcher, steps, then: rule.then })
    }

    fn hit(&self, trigger: Trigger<'_>, captures: &mut Vec<Option<Range<usize>>>) -> bool {
        match (trigger, &self.matcher) {
            (Trigger::Connect, Compiled::Connect) | (Trigger::Oversize, Compiled::Oversize) => {
                captures.clear();
                true
            }
            (Trigger::Message(frame), m) => m.matches(frame, captures),
            _ => false,
        }
    }
}

/// Compiled rules, tried in order, with how often each fired.
pub struct RuleEngine {
    rules: Vec<CompiledRule>,
    fired: Vec<u64>,
    captures: Vec<Option<Range<usize>>>,
}

impl RuleEngine {
    /// Checks and compiles every rule; the first bad one is refused with its
    /// number, part, position and reason.
    pub fn new(rules: &[Rule]) -> Result<RuleEngine, RuleListError> {
        let compiled = rules
            .iter()
            .enumerate()
            .map(|(index, r)| CompiledRule::compile(r).map_err(|error| RuleListError { index, error }))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RuleEngine { fired: vec![0; compiled.len()], rules: compiled, captures: Vec::new() })
    }

    /// No rules at all.
    pub fn empty() -> RuleEngine {
        RuleEngine { rules: Vec::new(), fired: Vec::new(), captures: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// How often each rule fired, in rule order.
    pub fn fired(&self) -> &[u64] {
        &self.fired
    }

    pub fn reach(&self) -> Reach {
        let mut reach = Reach::default();
        for rule in &self.rules {
            reach.greets |= matches!(rule.matcher, Compiled::Connect);
            for step in &rule.steps {
                reach.replies |= matches!(step, Step::Reply(_));
                reach.relays |= matches!(step, Step::Relay(_));
            }
        }
        reach
    }

    /// Tries the rules in order on `trigger` and returns what to do.
    pub fn react(&mut self, trigger: Trigger<'_>, peer: Option<&Addr>, now: SystemTime, rng: &mut Rng) -> Outcome {
        let mut out = Outcome::default();
        let frame = match trigger {
            Trigger::Message(f) if f.end == FrameEnd::Eof => return out,
            Trigger::Message(f) => Some(f),
            Trigger::Connect | Trigger::Oversize => None,
        };
        for (i, rule) in self.rules.iter().enumerate() {
            if !rule.hit(trigger, &mut self.captures) {
                continue;
            }
            self.fired[i] += 1;
            out.fired.push(i);
            let mut ctx = Context { frame, captures: &self.captures, peer, seq: self.fired[i], now, rng: &mut *rng };
            for step in &rule.steps {
                let effect = match step {
                    Step::Reply(t) => Effect::Send(t.render(&mut ctx)),
                    Step::Relay(t) => Effect::Relay(t.render(&mut ctx)),
                    Step::Wait(d) => Effect::Wait(*d),
                    Step::Close => Effect::Close,
                };
                if !matches!(&effect, Effect::Send(b) | Effect::Relay(b) if b.is_empty()) {
                    out.effects.push(effect);
                }
            }
            if rule.then == Then::Stop {
                break;
            }
        }
        out
    }
}
