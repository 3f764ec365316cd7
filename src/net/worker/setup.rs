//! The first steps every endpoint takes, each reported as its event:
//! getaddrinfo, socket, setsockopt (read back), and the option rules.
//! What comes after (bind, listen, connect) is in `open.rs`.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

use socket2::{Domain, Protocol, SockRef, Socket, Type};

use crate::i18n::Message;
use crate::msg;
use crate::net::addr::{Addr, parse_host_port};
use crate::net::errors::NetError;
use crate::net::event::{ConnId, EventKind, OptionReport};
use crate::net::options::{OptValue, Phase, SockOpt, SocketClass};
use crate::net::outbox::Outbox;
use crate::net::spec::OptionRequest;

/// Resolves host:port. Host names are looked up here, on the worker thread.
pub(crate) fn resolve(address: &str, out: &mut Outbox) -> Option<Vec<SocketAddr>> {
    let (host, port) = match parse_host_port(address) {
        Ok(hp) => hp,
        Err(msg) => {
            out.push(EventKind::Error { conn: None, error: NetError::usage("parse address", msg) });
            return None;
        }
    };
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Some(vec![SocketAddr::new(ip, port)]);
    }
    match (host.as_str(), port).to_socket_addrs() {
        Ok(addrs) => {
            let addrs: Vec<SocketAddr> = addrs.collect();
            out.push(EventKind::Resolved {
                host: host.clone(),
                addrs: addrs.iter().copied().map(Addr::Inet).collect(),
            });
            if addrs.is_empty() {
                out.push(EventKind::Error {
                    conn: None,
                    error: NetError::said(format!("getaddrinfo({host})"), msg!("net-no-addresses")),
                });
                return None;
            }
            Some(addrs)
        }
        Err(e) => {
            out.push(EventKind::Error { conn: None, error: NetError::from_io(format!("getaddrinfo({host})"), &e) });
            None
        }
    }
}

fn family_name(domain: Domain) -> &'static str {
    if domain == Domain::IPV4 {
        "AF_INET"
    } else if domain == Domain::IPV6 {
        "AF_INET6"
    } else {
        "AF_UNIX"
    }
}

/// socket(): reported with the names a C program would use.
pub(crate) fn new_socket(domain: Domain, ty: Type, out: &mut Outbox, conn: Option<ConnId>) -> Option<Socket> {
    let (proto, ty_name) = match (domain == Domain::UNIX, ty == Type::STREAM) {
        (true, true) => (None, "SOCK_STREAM"),
        (true, false) => (None, "SOCK_DGRAM"),
        (false, true) => (Some(Protocol::TCP), "SOCK_STREAM"),
        (false, false) => (Some(Protocol::UDP), "SOCK_DGRAM"),
    };
    let family = family_name(domain);
    match Socket::new(domain, ty, proto) {
        Ok(s) => {
            out.push(EventKind::Socket { conn, family, ty: ty_name });
            Some(s)
        }
        Err(e) => {
            out.push(EventKind::Error { conn, error: NetError::from_io(format!("socket({family}, {ty_name})"), &e) });
            None
        }
    }
}

/// The socket an option is set on, as the option rules need to know it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OptTarget {
    pub class: SocketClass,
    pub ipv6: bool,
    /// Already bound: options that only act before bind() are refused.
    pub bound: bool,
    /// The connection the events are about (None: the endpoint's own socket).
    pub conn: Option<ConnId>,
}

/// What became of one setsockopt().
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SetOutcome {
    /// The kernel took it (and the value read back is reported).
    Set,
    /// It has no meaning on this socket (TCP_NODELAY on UDP): refused, harmless.
    NotApplicable,
    /// Refused by the rules or by the kernel: the value asked for is not in effect.
    Failed,
}

/// Applies the options asked for before bind/connect, each read back.
/// False when one failed: the endpoint must not go on without an option the
/// user asked for (one that has no meaning on this socket is only refused).
pub(crate) fn apply_options(
    sock: &Socket,
    options: &[OptionRequest],
    class: SocketClass,
    ipv6: bool,
    out: &mut Outbox,
) -> bool {
    let target = OptTarget { class, ipv6, bound: false, conn: None };
    options.iter().all(|req| set_option(SockRef::from(sock), req.opt, &req.value, target, out) != SetOutcome::Failed)
}

/// setsockopt() then getsockopt(), refusing what cannot apply or comes too late.
pub(crate) fn set_option(
    sock: SockRef<'_>,
    opt: SockOpt,
    value: &OptValue,
    at: OptTarget,
    out: &mut Outbox,
) -> SetOutcome {
    let conn = at.conn;
    let call = format!("setsockopt({}, {value})", opt.c_name());
    let refuse = |out: &mut Outbox, msg: Message| {
        out.push(EventKind::Error { conn, error: NetError::said(call.clone(), msg) });
        SetOutcome::Failed
    };
    if let Some(why) = opt.not_applicable(at.class, at.ipv6) {
        refuse(out, msg!("net-option-not-here", c_name = opt.c_name(), why = why));
        return SetOutcome::NotApplicable;
    }
    if let Err(why) = opt.check(value) {
        return refuse(out, msg!("net-verbatim", text = why));
    }
    match opt.phase() {
        Phase::ReadOnly => {
            return refuse(out, msg!("option-read-only", name = opt.name(), c_name = opt.c_name()));
        }
        Phase::BeforeBind if at.bound => return refuse(out, msg!("net-option-before-bind", c_name = opt.c_name())),
        _ => {}
    }
    let applied = opt.set(&sock, value, at.ipv6);
    if let Err(e) = &applied {
        out.push(EventKind::Error { conn, error: NetError::from_io(call, e) });
    }
    let effective = match opt {
        SockOpt::JoinMulticast | SockOpt::LeaveMulticast => Ok(value.clone()),
        _ => opt.get(&sock, at.ipv6).map_err(|e| NetError::from_io("getsockopt", &e)),
    };
    out.push(EventKind::OptionSet { conn, report: OptionReport { opt, requested: Some(value.clone()), effective } });
    if applied.is_ok() { SetOutcome::Set } else { SetOutcome::Failed }
}

/// Every readable option that applies to this socket, straight from the kernel.
pub(crate) fn snapshot(sock: SockRef<'_>, class: SocketClass, ipv6: bool) -> Vec<OptionReport> {
    SockOpt::ALL
        .into_iter()
        .filter(|o| o.not_applicable(class, ipv6).is_none())
        .filter(|o| !matches!(o, SockOpt::JoinMulticast | SockOpt::LeaveMulticast))
        .map(|opt| OptionReport {
            opt,
            requested: None,
            effective: opt.get(&sock, ipv6).map_err(|e| NetError::from_io("getsockopt", &e)),
        })
        .collect()
}

pub(crate) fn domain_for(addr: &SocketAddr) -> Domain {
    Domain::for_address(*addr)
}
