//! What parses but cannot work is refused at load, with the entry's name,
//! rather than when the endpoint is started (or, worse, half-applied).

use std::path::Path;

use super::{MAX_CONNECT_TIMEOUT, Workspace, WorkspaceError};
use crate::net::{EndpointKind, EndpointSpec, OptValue, SockOpt, parse_host_port};
use crate::t;

pub(super) fn validate(ws: &Workspace, path: &Path) -> Result<(), WorkspaceError> {
    let invalid = |what, name: &str, message: String| WorkspaceError::Invalid {
        path: path.to_path_buf(),
        what,
        name: name.to_string(),
        message,
    };
    for ep in &ws.endpoints {
        check_endpoint(&ep.spec).map_err(|m| invalid("endpoint", &ep.name, m))?;
    }
    for m in &ws.messages {
        m.bytes().map_err(|e| invalid("message", &m.name, format!("payload ({}): {e}", m.format.label())))?;
    }
    ws.lesson.check().map_err(|m| invalid("lesson", &ws.lesson.title, m))?;
    Ok(())
}

fn check_endpoint(spec: &EndpointSpec) -> Result<(), String> {
    if spec.kind.is_unix() {
        if spec.address.trim().is_empty() && spec.kind != EndpointKind::UnixDatagram {
            return Err(t!("workspace-check-unix-path"));
        }
    } else {
        parse_host_port(&spec.address).map_err(|m| format!("address: {m}"))?;
        if let Some(peer) = &spec.peer {
            parse_host_port(peer).map_err(|m| format!("peer: {m}"))?;
        }
    }
    if !spec.kind.reply_modes().contains(&spec.reply) {
        return Err(t!("workspace-check-reply", reply = spec.reply.name(), kind = spec.kind.label()));
    }
    let timeout = spec.connect_timeout;
    if timeout.is_zero() || timeout > MAX_CONNECT_TIMEOUT {
        let (secs, max) = (timeout.as_secs_f64().to_string(), MAX_CONNECT_TIMEOUT.as_secs().to_string());
        return Err(t!("workspace-check-timeout", secs = secs, max = max));
    }
    for req in &spec.options {
        check_option(req.opt, &req.value).map_err(|m| t!("workspace-check-option", problem = m))?;
    }
    // Framing, rules and sequences, as the worker will run them (an invalid
    // regex, an unknown variable, a relay on a client …).
    spec.check_behaviour().map_err(|e| e.to_string())
}

/// A value from a file gets the same check as one typed into the form or
/// given to `--set`: the option table's kind and range (so SO_LINGER 2^32
/// cannot wrap to "on, 0 s").
fn check_option(opt: SockOpt, value: &OptValue) -> Result<(), String> {
    opt.check(value)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn option_values_are_checked_like_typed_ones() {
        assert_eq!(check_option(SockOpt::NoDelay, &OptValue::Bool(true)), Ok(()));
        assert_eq!(check_option(SockOpt::Linger, &OptValue::Linger(None)), Ok(()));
        assert_eq!(check_option(SockOpt::ReadTimeout, &OptValue::Millis(Some(250))), Ok(()));
        let err = check_option(SockOpt::RcvBuf, &OptValue::Int(3_000_000_000)).unwrap_err();
        assert!(err.starts_with("rcvbuf: 3000000000 "), "{err}");
        let err = check_option(SockOpt::NoDelay, &OptValue::Int(1)).unwrap_err();
        assert!(err.starts_with("nodelay: Int(1) is not the kind of value"), "{err}");
        assert!(check_option(SockOpt::SoType, &OptValue::Text("x".into())).unwrap_err().contains("read-only"));
    }

    #[test]
    fn bad_rules_framing_and_sequences_are_refused_with_the_reason() {
        use crate::net::frame::{FrameSpec, Framing};
        use crate::net::rules::{Action, Matcher, Rule};
        let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
        let regex = spec.clone().with_rule(Rule::new(Matcher::Regex("a(".into()), vec![Action::Close]));
        assert_eq!(check_endpoint(&regex).unwrap_err(), "rule 1: in the pattern, at character 2: unclosed group");
        let var = spec.clone().with_rule(Rule::new(Matcher::Any, vec![Action::Reply("${nme}".into())]));
        assert!(
            check_endpoint(&var)
                .unwrap_err()
                .starts_with("rule 1: in action 1, at character 1: unknown variable ${nme}")
        );
        let udp = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_frame(FrameSpec::new(Framing::Line));
        assert!(check_endpoint(&udp).unwrap_err().starts_with("framing: a datagram is already one message"));
        let limit = spec.with_frame(FrameSpec { limit: 0, ..FrameSpec::new(Framing::Line) });
        assert!(check_endpoint(&limit).unwrap_err().starts_with("framing: the frame limit must be between 1 byte"));
    }

    #[test]
    fn a_timeout_beyond_a_day_or_of_zero_is_refused() {
        let mut spec = EndpointSpec::new(EndpointKind::TcpClient, "127.0.0.1:80");
        assert_eq!(check_endpoint(&spec), Ok(()));
        spec.connect_timeout = Duration::new(u64::MAX, 999_999_999);
        assert!(check_endpoint(&spec).unwrap_err().contains("not between a millisecond and a day"));
        spec.connect_timeout = Duration::ZERO;
        assert!(check_endpoint(&spec).unwrap_err().starts_with("connect_timeout: 0 s"));
    }
}
