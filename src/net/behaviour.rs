//! What an endpoint does with what it receives: its framing and its rules
//! (its own, then those of its reply mode's preset), checked against the kind
//! of socket, and compiled for a worker.

use std::time::SystemTime;

use super::addr::Addr;
use super::frame::{FrameSpec, FrameSpecError, Framing};
use super::lasting::lasting;
use super::reply::ReplyMode;
use super::rules::{Action, Matcher, Outcome, Reach, Rule, RuleEngine, RuleListError, Trigger, preset};
use super::sequence::SequenceError;
use super::spec::{EndpointKind, EndpointSpec};
use super::template::Rng;
use crate::t;

// The reasons a rule or sequence means nothing on this kind of socket, in
// the current language (callers keep them as `&'static str`).
fn framing_on_datagram() -> &'static str {
    lasting("behaviour-framing-on-datagram")
}
fn connect_on_datagram() -> &'static str {
    lasting("behaviour-connect-on-datagram")
}
fn close_on_datagram() -> &'static str {
    lasting("behaviour-close-on-datagram")
}
fn relay_not_server() -> &'static str {
    lasting("behaviour-relay-not-server")
}

/// Why an endpoint's framing, rules or sequences cannot run: which one and
/// why, so a form can show it at the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BehaviourError {
    Framing(FrameSpecError),
    FramingOnDatagram,
    /// A rule that does not compile (its index, part, position and reason).
    Rule(RuleListError),
    /// A rule that compiles but means nothing on this kind of socket.
    RuleNotForKind {
        index: usize,
        why: &'static str,
    },
    Sequence {
        index: usize,
        name: String,
        error: SequenceError,
    },
}

impl std::fmt::Display for BehaviourError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            BehaviourError::Framing(e) => t!("behaviour-framing", why = e.to_string()),
            BehaviourError::FramingOnDatagram => t!("behaviour-framing", why = framing_on_datagram()),
            BehaviourError::Rule(e) => e.to_string(),
            BehaviourError::RuleNotForKind { index, why } => {
                t!("behaviour-rule", number = (index + 1).to_string(), why = *why)
            }
            BehaviourError::Sequence { index, name, error } => t!(
                "behaviour-sequence",
                number = (index + 1).to_string(),
                name = name.as_str(),
                why = error.to_string()
            ),
        };
        f.write_str(&text)
    }
}

impl EndpointSpec {
    /// Checks framing, rules and sequences as the worker will run them.
    pub fn check_behaviour(&self) -> Result<(), BehaviourError> {
        check_framing(self.kind, &self.frame)?;
        check_rules(self.kind, &self.rules)?;
        for (index, seq) in self.sequences.iter().enumerate() {
            let error = |error| BehaviourError::Sequence { index, name: seq.name.clone(), error };
            seq.check().map_err(error)?;
            if self.kind.is_datagram() && self.peer.is_none() {
                return Err(error(SequenceError { step: None, problem: crate::msg!("behaviour-sequence-needs-peer") }));
            }
        }
        Ok(())
    }
}

/// Framing for this kind of socket: checked, and only on streams.
pub fn check_framing(kind: EndpointKind, frame: &FrameSpec) -> Result<(), BehaviourError> {
    if kind.is_datagram() && frame.framing != Framing::Raw {
        return Err(BehaviourError::FramingOnDatagram);
    }
    frame.validate().map_err(BehaviourError::Framing)
}

/// Rules for this kind of socket: each compiles and means something here.
pub fn check_rules(kind: EndpointKind, rules: &[Rule]) -> Result<(), BehaviourError> {
    RuleEngine::new(rules).map_err(BehaviourError::Rule)?;
    for (index, rule) in rules.iter().enumerate() {
        let why = if kind.is_datagram() && rule.when == Matcher::Connect {
            Some(connect_on_datagram())
        } else if kind.is_datagram() && rule.actions.contains(&Action::Close) {
            Some(close_on_datagram())
        } else if !kind.is_server() && rule.actions.iter().any(|a| matches!(a, Action::Relay(_))) {
            Some(relay_not_server())
        } else {
            None
        };
        if let Some(why) = why {
            return Err(BehaviourError::RuleNotForKind { index, why });
        }
    }
    Ok(())
}

/// What a worker runs: the framing and the compiled rules. The endpoint's
/// own rules come first (so `exact:quit => close` goes before an echo); the
/// reply mode's preset follows, and its framing is used unless the endpoint
/// sets one of its own.
pub(crate) struct Behaviour {
    pub frame: FrameSpec,
    pub rules: RuleEngine,
    /// The first `own` rules are the endpoint's: their firings are reported.
    pub own: usize,
    pub reach: Reach,
    rng: Rng,
}

impl Behaviour {
    pub fn new(
        kind: EndpointKind,
        reply: ReplyMode,
        frame: &FrameSpec,
        rules: &[Rule],
    ) -> Result<Behaviour, BehaviourError> {
        check_framing(kind, frame)?;
        check_rules(kind, rules)?;
        let preset = preset(reply);
        let frame = if frame.framing == Framing::Raw { preset.frame } else { frame.clone() };
        let all: Vec<Rule> = rules.iter().cloned().chain(preset.rules).collect();
        let engine = RuleEngine::new(&all).map_err(BehaviourError::Rule)?;
        Ok(Behaviour { frame, reach: engine.reach(), rules: engine, own: rules.len(), rng: Rng::from_entropy() })
    }

    /// The reply mode's preset alone: what runs when the endpoint's own
    /// framing or rules cannot.
    pub fn preset_only(reply: ReplyMode) -> Behaviour {
        let preset = preset(reply);
        let rules = RuleEngine::new(&preset.rules).unwrap_or_else(|_| RuleEngine::empty());
        Behaviour { frame: preset.frame, reach: rules.reach(), rules, own: 0, rng: Rng::from_entropy() }
    }

    /// Some rule may answer.
    pub fn answers(&self) -> bool {
        !self.rules.is_empty()
    }

    pub fn react(&mut self, trigger: Trigger<'_>, peer: Option<&Addr>) -> Outcome {
        self.rules.react(trigger, peer, SystemTime::now(), &mut self.rng)
    }

    /// The endpoint's own rules among those that fired, with their counts.
    pub fn reported(&self, outcome: &Outcome) -> Vec<(usize, u64)> {
        let fired = self.rules.fired();
        outcome.fired.iter().filter(|&&i| i < self.own).map(|&i| (i, fired[i])).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::sequence::{Sequence, Step};

    fn rule(s: &str) -> Rule {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn rules_and_framing_that_mean_nothing_on_the_socket_are_refused() {
        let udp = EndpointKind::Udp;
        let line = FrameSpec::new(Framing::Line);
        assert_eq!(check_framing(udp, &line), Err(BehaviourError::FramingOnDatagram));
        assert_eq!(check_framing(EndpointKind::TcpClient, &line), Ok(()));
        let err = |kind, r: &str| check_rules(kind, &[rule("any => ignore"), rule(r)]).unwrap_err().to_string();
        assert_eq!(err(udp, "connect => reply:hi"), format!("rule 2: {}", connect_on_datagram()));
        assert_eq!(err(udp, "exact:bye => close"), format!("rule 2: {}", close_on_datagram()));
        assert_eq!(err(EndpointKind::TcpClient, "any => relay:x"), format!("rule 2: {}", relay_not_server()));
        assert!(check_rules(EndpointKind::TcpServer, &[rule("any => relay:x")]).is_ok());
        let bad = Rule::new(Matcher::Regex("(".into()), vec![Action::Close]);
        let e = check_rules(EndpointKind::TcpServer, &[rule("any => ignore"), bad]).unwrap_err();
        assert_eq!(e.to_string(), "rule 2: in the pattern, at character 1: unclosed group");
    }

    #[test]
    fn a_spec_names_the_sequence_that_cannot_run() {
        let mut spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0");
        let send = Step::Send { payload: "${nope}".into(), format: crate::net::PayloadFormat::Text };
        spec.sequences.push(Sequence { name: "login".into(), steps: vec![send], ..Sequence::default() });
        let e = spec.check_behaviour().unwrap_err().to_string();
        assert!(e.starts_with("sequence 1 (login): step 1: at character 1: unknown variable ${nope}"), "{e}");
        spec.sequences[0].steps[0] = Step::Send { payload: "hi".into(), format: crate::net::PayloadFormat::Text };
        assert_eq!(
            spec.check_behaviour().unwrap_err().to_string(),
            format!("sequence 1 (login): {}", crate::t!("behaviour-sequence-needs-peer"))
        );
        spec.peer = Some("127.0.0.1:9".into());
        assert_eq!(spec.check_behaviour(), Ok(()));
    }

    #[test]
    fn own_rules_go_before_the_preset_and_only_they_are_reported() {
        let own = [rule("exact:quit => reply:bye => close")];
        let mut b = Behaviour::new(EndpointKind::TcpServer, ReplyMode::Echo, &FrameSpec::default(), &own).unwrap();
        assert!(b.frame.framing == Framing::Raw && b.answers() && b.reach.replies);
        let quit = crate::net::frame::Frame::whole(0, b"quit\n".to_vec());
        let out = b.react(Trigger::Message(&quit), None);
        assert_eq!(b.reported(&out), vec![(0, 1)]);
        let other = crate::net::frame::Frame::whole(1, b"hello".to_vec());
        let out = b.react(Trigger::Message(&other), None);
        assert_eq!(out.effects, vec![crate::net::rules::Effect::Send(b"hello".to_vec())]);
        assert_eq!(b.reported(&out), vec![], "the echo preset's firing is not reported");
        // The preset's framing unless the endpoint has one of its own.
        let chat = Behaviour::new(EndpointKind::TcpServer, ReplyMode::Chat, &FrameSpec::default(), &[]).unwrap();
        assert_eq!(chat.frame.framing, Framing::Line);
        let fixed = FrameSpec::new(Framing::Fixed(4));
        let chat = Behaviour::new(EndpointKind::TcpServer, ReplyMode::Chat, &fixed, &[]).unwrap();
        assert_eq!(chat.frame, fixed);
    }
}
