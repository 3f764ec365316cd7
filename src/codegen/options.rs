//! Every socket option as a line of Python (`setsockopt` with the C names)
//! and of Rust (socket2's setter, as the engine itself calls it), and the
//! options block of a program.

use std::net::IpAddr;

use crate::net::{OptValue, SockOpt};

use super::plan::{Family, Only, Plan, Planned};
use super::render::{Renderer, Vars};

/// The target language of one program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Python,
    Rust,
}

/// True when the option has a different name on IPv6 sockets.
fn per_family(opt: SockOpt) -> bool {
    matches!(opt, SockOpt::Ttl | SockOpt::MulticastTtl | SockOpt::MulticastLoop)
}

/// An int value as the kernel takes it, or None when it does not fit.
fn int(value: &OptValue) -> Option<u64> {
    match value {
        OptValue::Int(n) if *n <= i32::MAX as u64 => Some(*n),
        _ => None,
    }
}

/// The Python lines setting `opt` on socket `s`; None when the option is
/// read-only or the value is not of its kind.
pub(super) fn python(opt: SockOpt, value: &OptValue, ipv6: bool, s: &str) -> Option<Vec<String>> {
    let flag = |v: &OptValue| match v {
        OptValue::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
        _ => None,
    };
    let number = |v: &OptValue| int(v).map(|n| n.to_string());
    let set = |level: &str, name: &str, arg: String| format!("{s}.setsockopt(socket.{level}, socket.{name}, {arg})");
    let keepalive = || set("SOL_SOCKET", "SO_KEEPALIVE", "1".into());
    let (ip, v6) = ("IPPROTO_IP", "IPPROTO_IPV6");
    Some(match opt {
        SockOpt::ReuseAddr => vec![set("SOL_SOCKET", "SO_REUSEADDR", flag(value)?)],
        SockOpt::ReusePort => vec![set("SOL_SOCKET", "SO_REUSEPORT", flag(value)?)],
        SockOpt::V6Only => vec![set(v6, "IPV6_V6ONLY", flag(value)?)],
        SockOpt::NoDelay => vec![set("IPPROTO_TCP", "TCP_NODELAY", flag(value)?)],
        SockOpt::KeepAlive => vec![set("SOL_SOCKET", "SO_KEEPALIVE", flag(value)?)],
        SockOpt::KeepIdle => vec![keepalive(), set("IPPROTO_TCP", "TCP_KEEPIDLE", number(value)?)],
        SockOpt::KeepInterval => vec![keepalive(), set("IPPROTO_TCP", "TCP_KEEPINTVL", number(value)?)],
        SockOpt::SndBuf => vec![set("SOL_SOCKET", "SO_SNDBUF", number(value)?)],
        SockOpt::RcvBuf => vec![set("SOL_SOCKET", "SO_RCVBUF", number(value)?)],
        SockOpt::Linger => {
            let (on, secs) = match value {
                OptValue::Linger(Some(secs)) => (1, *secs),
                OptValue::Linger(None) => (0, 0),
                _ => return None,
            };
            vec![format!("linger = struct.pack(\"ii\", {on}, {secs})"), set("SOL_SOCKET", "SO_LINGER", "linger".into())]
        }
        SockOpt::Ttl if ipv6 => vec![set(v6, "IPV6_UNICAST_HOPS", number(value)?)],
        SockOpt::Ttl => vec![set(ip, "IP_TTL", number(value)?)],
        SockOpt::Broadcast => vec![set("SOL_SOCKET", "SO_BROADCAST", flag(value)?)],
        SockOpt::MulticastTtl if ipv6 => vec![set(v6, "IPV6_MULTICAST_HOPS", number(value)?)],
        SockOpt::MulticastTtl => vec![set(ip, "IP_MULTICAST_TTL", number(value)?)],
        SockOpt::MulticastLoop if ipv6 => vec![set(v6, "IPV6_MULTICAST_LOOP", flag(value)?)],
        SockOpt::MulticastLoop => vec![set(ip, "IP_MULTICAST_LOOP", flag(value)?)],
        SockOpt::JoinMulticast | SockOpt::LeaveMulticast => {
            let join = opt == SockOpt::JoinMulticast;
            match value {
                OptValue::Group(IpAddr::V4(g)) => {
                    let name = if join { "IP_ADD_MEMBERSHIP" } else { "IP_DROP_MEMBERSHIP" };
                    let group = format!("group = socket.inet_aton(\"{g}\")");
                    let mreq = "mreq = struct.pack(\"4s4s\", group, socket.inet_aton(\"0.0.0.0\"))".to_string();
                    vec![group, mreq, set(ip, name, "mreq".into())]
                }
                OptValue::Group(IpAddr::V6(g)) => {
                    let name = if join { "IPV6_JOIN_GROUP" } else { "IPV6_LEAVE_GROUP" };
                    let group = format!("group = socket.inet_pton(socket.AF_INET6, \"{g}\")");
                    let mreq = "mreq = struct.pack(\"16sI\", group, 0)".to_string();
                    vec![group, mreq, set(v6, name, "mreq".into())]
                }
                _ => return None,
            }
        }
        SockOpt::ReadTimeout | SockOpt::WriteTimeout => {
            let name = if opt == SockOpt::ReadTimeout { "SO_RCVTIMEO" } else { "SO_SNDTIMEO" };
            let (secs, micros) = match value {
                OptValue::Millis(Some(ms)) => (ms / 1000, ms % 1000 * 1000),
                OptValue::Millis(None) => (0, 0),
                _ => return None,
            };
            vec![format!("timeval = struct.pack(\"ll\", {secs}, {micros})"), set("SOL_SOCKET", name, "timeval".into())]
        }
        SockOpt::SoType | SockOpt::SoError => return None,
    })
}

/// The Rust lines setting `opt` on the socket2 `socket`, the calls the engine makes.
pub(super) fn rust(opt: SockOpt, value: &OptValue, ipv6: bool) -> Option<Vec<String>> {
    let flag = |v: &OptValue| match v {
        OptValue::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let number = |v: &OptValue| int(v).map(|n| n.to_string());
    let call = |setter: &str, arg: String| vec![format!("socket.{setter}({arg})?;")];
    let duration = |v: Option<u64>, unit: &str| match v {
        Some(n) => format!("Some(Duration::from_{unit}({n}))"),
        None => "None".into(),
    };
    Some(match opt {
        SockOpt::ReuseAddr => call("set_reuse_address", flag(value)?),
        SockOpt::ReusePort => call("set_reuse_port", flag(value)?),
        SockOpt::V6Only => call("set_only_v6", flag(value)?),
        SockOpt::NoDelay => call("set_tcp_nodelay", flag(value)?),
        SockOpt::KeepAlive => call("set_keepalive", flag(value)?),
        SockOpt::KeepIdle | SockOpt::KeepInterval => {
            let with = if opt == SockOpt::KeepIdle { "with_time" } else { "with_interval" };
            let secs = number(value)?;
            call("set_tcp_keepalive", format!("&TcpKeepalive::new().{with}(Duration::from_secs({secs}))"))
        }
        SockOpt::SndBuf => call("set_send_buffer_size", number(value)?),
        SockOpt::RcvBuf => call("set_recv_buffer_size", number(value)?),
        SockOpt::Linger => match value {
            OptValue::Linger(l) => call("set_linger", duration(*l, "secs")),
            _ => return None,
        },
        SockOpt::Ttl if ipv6 => call("set_unicast_hops_v6", number(value)?),
        SockOpt::Ttl => call("set_ttl_v4", number(value)?),
        SockOpt::Broadcast => call("set_broadcast", flag(value)?),
        SockOpt::MulticastTtl if ipv6 => call("set_multicast_hops_v6", number(value)?),
        SockOpt::MulticastTtl => call("set_multicast_ttl_v4", number(value)?),
        SockOpt::MulticastLoop if ipv6 => call("set_multicast_loop_v6", flag(value)?),
        SockOpt::MulticastLoop => call("set_multicast_loop_v4", flag(value)?),
        SockOpt::JoinMulticast | SockOpt::LeaveMulticast => {
            let verb = if opt == SockOpt::JoinMulticast { "join" } else { "leave" };
            match value {
                OptValue::Group(IpAddr::V4(g)) => {
                    let [a, b, c, d] = g.octets();
                    call(
                        &format!("{verb}_multicast_v4"),
                        format!("&Ipv4Addr::new({a}, {b}, {c}, {d}), &Ipv4Addr::UNSPECIFIED"),
                    )
                }
                OptValue::Group(IpAddr::V6(g)) => {
                    let parts: Vec<String> = g.segments().iter().map(|s| format!("{s:#x}")).collect();
                    call(&format!("{verb}_multicast_v6"), format!("&Ipv6Addr::new({}), 0", parts.join(", ")))
                }
                _ => return None,
            }
        }
        SockOpt::ReadTimeout | SockOpt::WriteTimeout => {
            let setter = if opt == SockOpt::ReadTimeout { "set_read_timeout" } else { "set_write_timeout" };
            match value {
                OptValue::Millis(ms) => call(setter, duration(*ms, "millis")),
                _ => return None,
            }
        }
        SockOpt::SoType | SockOpt::SoError => return None,
    })
}

/// The lines for one option on one family, or the note saying why none.
fn lines(target: Target, opt: SockOpt, value: &OptValue, ipv6: bool, s: &str) -> Option<Vec<String>> {
    let ipv6 = match value {
        OptValue::Group(g) => g.is_ipv6(),
        _ => ipv6,
    };
    match target {
        Target::Python => python(opt, value, ipv6, s),
        Target::Rust => rust(opt, value, ipv6),
    }
}

/// `if` on the family found at run time (a host name), in each language.
fn family_test(target: Target, v6: bool) -> &'static str {
    match (target, v6) {
        (Target::Python, true) => "if family == socket.AF_INET6:",
        (Target::Python, false) => "if family == socket.AF_INET:",
        (Target::Rust, true) => "if address.is_ipv6() {",
        (Target::Rust, false) => "if address.is_ipv4() {",
    }
}

fn indented(lines: &[String]) -> impl Iterator<Item = String> + '_ {
    lines.iter().map(|l| format!("    {l}"))
}

/// The options block: a note, then each option with its own note. `s` is
/// the Python socket's name (Rust always calls it `socket`).
pub(super) fn block(plan: &Plan, target: Target, r: &Renderer<'_>, s: &str) -> String {
    if plan.options.is_empty() {
        return String::new();
    }
    let mut out = r.comment("", "code-options", &Vars::new());
    for p in &plan.options {
        match p {
            Planned::Skipped { note, opt, detail } => {
                let mut vars = Vars::new();
                vars.set("option", opt.c_name()).set("reason", detail.as_str()).set("group", detail.as_str());
                out.extend(r.comment("", note, &vars));
            }
            Planned::Set { opt, value, only } => {
                out.extend(r.comment("", &format!("code-opt-{}", opt.name()), &Vars::new()));
                out.extend(set_lines(plan, target, r, *opt, value, *only, s));
            }
        }
    }
    out.join("\n")
}

fn set_lines(
    plan: &Plan,
    target: Target,
    r: &Renderer<'_>,
    opt: SockOpt,
    value: &OptValue,
    only: Only,
    s: &str,
) -> Vec<String> {
    let bad = || {
        let mut vars = Vars::new();
        vars.set("option", opt.c_name()).set("value", value.to_string());
        r.comment("", "code-opt-bad-value", &vars)
    };
    let close = if target == Target::Rust { Some("}".to_string()) } else { None };
    let one = |v6: bool| lines(target, opt, value, v6, s);
    match (plan.family, only) {
        (Family::V6, _) => one(true).unwrap_or_else(bad),
        (Family::V4 | Family::Unix, _) => one(false).unwrap_or_else(bad),
        (Family::Named, Only::V4 | Only::V6) => {
            let v6 = only == Only::V6;
            let Some(code) = one(v6) else { return bad() };
            let mut out = vec![family_test(target, v6).to_string()];
            out.extend(indented(&code));
            out.extend(close);
            out
        }
        (Family::Named, Only::Any) if per_family(opt) => {
            let (Some(v6), Some(v4)) = (one(true), one(false)) else { return bad() };
            let mut out = vec![family_test(target, true).to_string()];
            out.extend(indented(&v6));
            out.push(if target == Target::Rust { "} else {" } else { "else:" }.to_string());
            out.extend(indented(&v4));
            out.extend(close);
            out
        }
        (Family::Named, Only::Any) => one(false).unwrap_or_else(bad),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::Phase;

    /// Every option that can be set has a line in both languages, naming its
    /// C constant in Python, and a note explaining it: a new option without
    /// them fails here.
    #[test]
    fn every_settable_option_has_code_and_a_note() {
        for opt in SockOpt::ALL {
            let value = match opt {
                SockOpt::JoinMulticast | SockOpt::LeaveMulticast => OptValue::Group("239.1.2.3".parse().unwrap()),
                _ => opt.default_value(),
            };
            let py = python(opt, &value, false, "sock");
            let rs = rust(opt, &value, false);
            if opt.phase() == Phase::ReadOnly {
                assert!(py.is_none() && rs.is_none(), "{opt:?} is read-only but has code");
                continue;
            }
            let py = py.unwrap_or_else(|| panic!("{opt:?} has no Python line"));
            assert!(py.concat().contains(&format!("socket.{}", opt.c_name())), "{opt:?}: {py:?}");
            assert!(
                rs.unwrap_or_else(|| panic!("{opt:?} has no Rust line")).concat().contains("socket.set_")
                    || matches!(opt, SockOpt::JoinMulticast | SockOpt::LeaveMulticast)
            );
            assert!(super::super::text::note(&format!("code-opt-{}", opt.name())).is_some(), "{opt:?} has no note");
            if per_family(opt) {
                assert_ne!(python(opt, &value, true, "s"), python(opt, &value, false, "s"), "{opt:?}");
                assert_ne!(rust(opt, &value, true), rust(opt, &value, false), "{opt:?}");
            }
        }
    }

    #[test]
    fn values_become_the_c_structures() {
        let linger = python(SockOpt::Linger, &OptValue::Linger(Some(0)), false, "s").unwrap();
        assert_eq!(
            linger,
            ["linger = struct.pack(\"ii\", 1, 0)", "s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)"]
        );
        let timeout = python(SockOpt::ReadTimeout, &OptValue::Millis(Some(1500)), false, "s").unwrap();
        assert_eq!(
            timeout,
            [
                "timeval = struct.pack(\"ll\", 1, 500000)",
                "s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeval)"
            ]
        );
        let join = rust(SockOpt::JoinMulticast, &OptValue::Group("ff02::1".parse().unwrap()), true).unwrap();
        assert_eq!(join, ["socket.join_multicast_v6(&Ipv6Addr::new(0xff02, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1), 0)?;"]);
        assert_eq!(python(SockOpt::NoDelay, &OptValue::Int(1), false, "s"), None, "a value of the wrong kind");
        assert_eq!(rust(SockOpt::SndBuf, &OptValue::Int(1 << 40), false), None, "too large for the kernel");
    }
}
