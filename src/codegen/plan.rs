//! What a generated program must do, decided once for both languages: the
//! address family, the addresses, and which options are set, where, and why
//! the others are not.

use std::net::IpAddr;
use std::time::Duration;

use crate::net::{EndpointKind, EndpointSpec, OptValue, Phase, ReplyMode, SockOpt, parse_host_port};

use super::CodegenError;
use super::rules::RulesPlan;

/// The address family, when the address tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    V4,
    V6,
    /// A host name: the family is known once it is looked up, at run time.
    Named,
    Unix,
}

/// Where an IP socket binds or connects.
#[derive(Clone, Debug)]
pub(super) struct HostPort {
    pub host: String,
    pub port: u16,
    /// As written in the workspace: `127.0.0.1:9000`, `[::1]:9000`, `localhost:80`.
    pub text: String,
}

/// On which sockets an option is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Only {
    Any,
    /// Only when the socket turns out to be IPv4 (a host name) or is.
    V4,
    V6,
}

#[derive(Clone, Debug)]
pub(super) enum Planned {
    /// Set it; with a host name, `only` may guard it by the family found.
    Set { opt: SockOpt, value: OptValue, only: Only },
    /// Not set: a note id and the values its text needs.
    Skipped { note: &'static str, opt: SockOpt, detail: String },
}

#[derive(Clone, Debug)]
pub(super) struct Plan {
    pub kind: EndpointKind,
    pub reply: ReplyMode,
    pub family: Family,
    /// IP kinds: the address to bind (servers, UDP) or connect to (clients).
    pub inet: Option<HostPort>,
    /// Unix kinds: the path (may be empty for an unbound datagram socket).
    pub path: String,
    /// Datagram sockets: the default peer, as written.
    pub peer: Option<String>,
    pub options: Vec<Planned>,
    pub backlog: i32,
    pub connect_timeout: Duration,
    /// SO_RCVTIMEO is set to a timeout: blocking calls must wait again after it.
    pub patient: bool,
    /// Rules or framing of the endpoint's own: the program runs them
    /// (otherwise the reply mode's own loop).
    pub rules: Option<RulesPlan>,
}

impl Plan {
    pub fn new(spec: &EndpointSpec) -> Result<Plan, CodegenError> {
        let kind = spec.kind;
        if !kind.reply_modes().contains(&spec.reply) {
            return Err(CodegenError::Reply { reply: spec.reply.name(), kind: kind.label() });
        }
        let (family, inet, path) = if kind.is_unix() {
            let path = spec.address.trim().to_string();
            if path.is_empty() && !(kind == EndpointKind::UnixDatagram && spec.peer.is_some()) {
                return Err(CodegenError::NoPath { kind: kind.label() });
            }
            (Family::Unix, None, path)
        } else {
            let hp = host_port(&spec.address).map_err(|message| CodegenError::Address { field: "address", message })?;
            (family_of(&hp.host), Some(hp), String::new())
        };
        let peer = match (&spec.peer, kind) {
            (Some(p), EndpointKind::Udp) => {
                host_port(p).map_err(|message| CodegenError::Address { field: "peer", message })?;
                Some(p.trim().to_string())
            }
            (Some(p), EndpointKind::UnixDatagram) if !p.trim().is_empty() => Some(p.trim().to_string()),
            _ => None,
        };
        let options: Vec<Planned> = spec.options.iter().map(|r| plan_option(kind, family, r.opt, &r.value)).collect();
        let patient = options.iter().any(|p| {
            matches!(p, Planned::Set { opt: SockOpt::ReadTimeout, value: OptValue::Millis(Some(ms)), .. } if *ms > 0)
        });
        Ok(Plan {
            kind,
            reply: spec.reply,
            family,
            inet,
            path,
            peer,
            options,
            backlog: spec.backlog,
            connect_timeout: spec.connect_timeout.max(Duration::from_millis(1)),
            patient,
            rules: RulesPlan::of(spec),
        })
    }

    /// The address as the header shows it.
    pub fn address_text(&self) -> &str {
        match &self.inet {
            Some(hp) => &hp.text,
            None if self.path.is_empty() => "(no path)",
            None => &self.path,
        }
    }

    /// A client, or a datagram socket that talks to its default peer (and
    /// has no rules to answer with): status goes to stderr and what arrives
    /// to stdout, as netcat does.
    pub fn client_like(&self) -> bool {
        matches!(self.kind, EndpointKind::TcpClient | EndpointKind::UnixClient)
            || (self.kind.is_datagram() && self.peer.is_some() && self.reply == ReplyMode::None && self.rules.is_none())
    }

    pub fn uses_reuseport(&self) -> bool {
        self.options.iter().any(|p| matches!(p, Planned::Set { opt: SockOpt::ReusePort, .. }))
    }
}

fn host_port(address: &str) -> Result<HostPort, String> {
    let (host, port) = parse_host_port(address)?;
    Ok(HostPort { host, port, text: address.trim().to_string() })
}

fn family_of(host: &str) -> Family {
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(_)) => Family::V4,
        Ok(IpAddr::V6(_)) => Family::V6,
        Err(_) => Family::Named,
    }
}

/// Whether an option is set, as the engine decides in `setup::set_option`.
fn plan_option(kind: EndpointKind, family: Family, opt: SockOpt, value: &OptValue) -> Planned {
    let skipped = |note, detail: &str| Planned::Skipped { note, opt, detail: detail.to_string() };
    if opt.phase() == Phase::ReadOnly {
        return skipped("code-opt-readonly", "");
    }
    let class = kind.class();
    let fits = |ipv6: bool| -> Result<(), String> {
        if let Some(why) = opt.not_applicable(class, ipv6) {
            return Err(why.to_string());
        }
        match value {
            OptValue::Group(g) if g.is_ipv6() != ipv6 => Err(String::new()),
            _ => Ok(()),
        }
    };
    let set = |only| Planned::Set { opt, value: value.clone(), only };
    let why = |e: String| match value {
        OptValue::Group(g) if e.is_empty() => skipped("code-opt-group-family", &g.to_string()),
        _ => skipped("code-opt-skipped", &e),
    };
    match family {
        Family::V4 | Family::Unix => fits(false).map_or_else(why, |()| set(Only::Any)),
        Family::V6 => fits(true).map_or_else(why, |()| set(Only::Any)),
        Family::Named => match (fits(false), fits(true)) {
            (Ok(()), Ok(())) => set(Only::Any),
            (Ok(()), Err(_)) => set(Only::V4),
            (Err(_), Ok(())) => set(Only::V6),
            (Err(e), Err(_)) => why(e),
        },
    }
}
