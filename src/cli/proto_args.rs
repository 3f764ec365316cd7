//! `--frame`, `--frame-limit`, `--oversize`, `--greet` and `--rule`: the
//! protocol tester on the command line. Each value is parsed as it is read
//! (a typo exits 2 with the position and the reason); [`ProtoArgs::apply`]
//! then checks them together against the kind of socket, before anything
//! is opened.

use crate::net::frame::{FrameSpec, Framing, Oversize, parse_size};
use crate::net::rules::{Action, Matcher, Rule, Then};
use crate::net::{BehaviourError, EndpointSpec};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct ProtoArgs {
    /// Cut what arrives into messages: line, delim:HEX, fixed:N, len:1, len:2, len:4, len:2le or len:4le
    /// (add :incl when the length counts its own header). Default: each recv() as it came.
    #[arg(long, value_name = "FRAMING", value_parser = parse_framing)]
    pub frame: Option<Framing>,
    /// The largest frame, header and delimiter included: bytes, or with k or m (default 64k, at most 16m).
    #[arg(long, value_name = "SIZE", value_parser = parse_limit, requires = "frame")]
    pub frame_limit: Option<usize>,
    /// What to do with a frame over the limit: resync (skip it), close (the connection) or split (hand it on
    /// in pieces).
    #[arg(long, value_name = "WHAT", value_parser = parse_oversize, requires = "frame")]
    pub oversize: Option<Oversize>,
    /// Sent on each new connection (accepted, or made by connect): text with \n \r \t \xHH escapes and
    /// ${...} variables, as in a rule's reply. Nothing is added: end it with \n for a line.
    #[arg(long, value_name = "TEXT", value_parser = parse_greet)]
    pub greet: Option<Rule>,
    /// Answer what arrives: 'MATCH => ACTION [=> ACTION]... [=> continue]'. Repeatable; tried in order on
    /// each message. MATCH: exact:TEXT prefix:TEXT contains:TEXT regex:RE hex:PATTERN any connect oversize.
    /// ACTION: reply:TEMPLATE relay:TEMPLATE wait:MS close ignore.
    #[arg(long = "rule", value_name = "RULE", value_parser = parse_rule)]
    pub rules: Vec<Rule>,
}

fn parse_framing(s: &str) -> Result<Framing, String> {
    s.parse::<Framing>().map_err(|e| e.to_string())
}

fn parse_limit(s: &str) -> Result<usize, String> {
    match parse_size(s) {
        Ok(0) => Err(crate::t!("cli-frame-limit-zero")),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

fn parse_oversize(s: &str) -> Result<Oversize, String> {
    s.parse::<Oversize>().map_err(|e| e.to_string())
}

/// The rule, or its error with the rule shown and a caret under the place.
fn parse_rule(s: &str) -> Result<Rule, String> {
    s.parse::<Rule>().map_err(|e| format!("{e}\n  {s}\n  {}^", " ".repeat(e.position.saturating_sub(1))))
}

/// `--greet TEXT` is the rule `connect => reply:TEXT => continue`, tried first.
fn parse_greet(s: &str) -> Result<Rule, String> {
    let rule = Rule { when: Matcher::Connect, actions: vec![Action::Reply(s.to_string())], then: Then::Continue };
    rule.check().map_err(|e| crate::t!("rule-at", position = e.position.to_string(), problem = e.problem.text()))?;
    Ok(rule)
}

impl ProtoArgs {
    /// The rules in the order they run: the greeting first, then each --rule.
    fn rule_list(&self) -> Vec<Rule> {
        self.greet.iter().chain(&self.rules).cloned().collect()
    }

    /// Which argument rule `index` of [`Self::rule_list`] came from.
    fn rule_arg(&self, index: usize) -> String {
        match (self.greet.is_some(), index) {
            (true, 0) => "--greet".into(),
            (true, i) => format!("--rule {i}"),
            (false, i) => format!("--rule {}", i + 1),
        }
    }

    /// Puts the framing and rules into `spec`, checked against its kind of
    /// socket; Err is the message for a person (exit 2).
    pub fn apply(&self, mut spec: EndpointSpec) -> Result<EndpointSpec, String> {
        if let Some(framing) = &self.frame {
            let mut frame = FrameSpec::new(framing.clone());
            frame.limit = self.frame_limit.unwrap_or(frame.limit);
            frame.oversize = self.oversize.unwrap_or_default();
            spec.frame = frame;
        }
        spec.rules = self.rule_list();
        spec.check_behaviour().map_err(|e| match e {
            BehaviourError::Framing(e) => format!("--frame: {e}"),
            BehaviourError::FramingOnDatagram => format!("--frame: {}", e.to_string().trim_start_matches("framing: ")),
            BehaviourError::Rule(e) => format!("{}: {}", self.rule_arg(e.index), e.error),
            BehaviourError::RuleNotForKind { index, why } => format!("{}: {why}", self.rule_arg(index)),
            other => other.to_string(),
        })?;
        Ok(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::EndpointKind;

    fn args(frame: Option<&str>, greet: Option<&str>, rules: &[&str]) -> ProtoArgs {
        ProtoArgs {
            frame: frame.map(|f| parse_framing(f).unwrap()),
            greet: greet.map(|g| parse_greet(g).unwrap()),
            rules: rules.iter().map(|r| parse_rule(r).unwrap()).collect(),
            ..ProtoArgs::default()
        }
    }

    #[test]
    fn typos_show_the_rule_with_a_caret() {
        assert_eq!(
            parse_rule("regex:ab(c => close").unwrap_err(),
            "at character 9: unclosed group\n  regex:ab(c => close\n          ^"
        );
        assert!(
            parse_greet("hi ${line}")
                .unwrap_err()
                .starts_with("at character 4: ${line} has nothing to take its value from on connect")
        );
        assert!(parse_framing("lines").unwrap_err().starts_with("'lines' is not a framing"));
        assert_eq!(parse_limit("0").unwrap_err(), "the frame limit must be at least 1 byte");
    }

    #[test]
    fn errors_name_the_argument_they_come_from() {
        let udp = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0");
        let e = args(Some("line"), None, &[]).apply(udp.clone()).unwrap_err();
        assert_eq!(
            e,
            "--frame: a datagram is already one message: framing applies to stream sockets (TCP, Unix stream)"
        );
        let e = args(None, None, &["any => ignore", "exact:x => close"]).apply(udp).unwrap_err();
        assert_eq!(e, "--rule 2: a datagram socket has no connection to close");
        let client = EndpointSpec::new(EndpointKind::TcpClient, "127.0.0.1:1");
        let e = args(None, Some("hi\\n"), &["any => relay:x"]).apply(client.clone()).unwrap_err();
        assert!(e.starts_with("--rule 1: relay sends to a server's other connections"), "{e}");
        let spec = args(Some("len:2"), Some("hi\\n"), &["any => reply:${msg}"]).apply(client).unwrap();
        assert_eq!(spec.rules.len(), 2);
        assert_eq!(spec.rules[0].to_string(), "connect => reply:hi\\n => continue");
        let mut fixed = args(Some("fixed:100"), None, &[]);
        fixed.frame_limit = Some(10);
        let server = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
        assert_eq!(
            fixed.apply(server).unwrap_err(),
            "--frame: fixed frames of 100 bytes are larger than the frame limit of 10 bytes: raise the limit"
        );
    }
}
