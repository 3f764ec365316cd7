//! The first steps every endpoint takes, each reported as its event:
//! getaddrinfo, socket, setsockopt (read back), and the option rules.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

use socket2::{Domain, Protocol, SockRef, Socket, Type};

use super::addr::{Addr, parse_host_port};
use super::errors::NetError;
use super::event::{ConnId, EventKind, OptionReport};
use super::options::{OptValue, Phase, SockOpt};
use super::outbox::Outbox;
use super::spec::{OptionRequest, SocketClass};

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
                    error: NetError::usage(format!("getaddrinfo({host})"), "the name has no addresses"),
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

/// Applies the options asked for before bind/connect, each read back.
pub(crate) fn apply_options(
    sock: &Socket,
    options: &[OptionRequest],
    class: SocketClass,
    ipv6: bool,
    out: &mut Outbox,
) {
    for req in options {
        set_option(SockRef::from(sock), req.opt, &req.value, class, ipv6, false, out, None);
    }
}

/// setsockopt() then getsockopt(), refusing what cannot apply or comes too late.
#[allow(clippy::too_many_arguments)]
pub(crate) fn set_option(
    sock: SockRef<'_>,
    opt: SockOpt,
    value: &OptValue,
    class: SocketClass,
    ipv6: bool,
    bound: bool,
    out: &mut Outbox,
    conn: Option<ConnId>,
) {
    let call = format!("setsockopt({}, {value})", opt.c_name());
    if let Some(why) = opt.not_applicable(class, ipv6) {
        out.push(EventKind::Error {
            conn,
            error: NetError::usage(call, format!("{} does not apply here: {why}", opt.c_name())),
        });
        return;
    }
    match opt.phase() {
        Phase::ReadOnly => {
            out.push(EventKind::Error { conn, error: NetError::usage(call, format!("{} is read-only", opt.c_name())) });
            return;
        }
        Phase::BeforeBind if bound => {
            let msg = format!(
                "{} only matters before bind(), and this socket is already bound: set it in the form and start the endpoint again",
                opt.c_name()
            );
            out.push(EventKind::Error { conn, error: NetError::usage(call, msg) });
            return;
        }
        _ => {}
    }
    if let Err(e) = opt.set(&sock, value, ipv6) {
        out.push(EventKind::Error { conn, error: NetError::from_io(call, &e) });
    }
    let effective = match opt {
        SockOpt::JoinMulticast | SockOpt::LeaveMulticast => Ok(value.clone()),
        _ => opt.get(&sock, ipv6).map_err(|e| NetError::from_io("getsockopt", &e).to_string()),
    };
    out.push(EventKind::OptionSet { conn, report: OptionReport { opt, requested: Some(value.clone()), effective } });
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
            effective: opt.get(&sock, ipv6).map_err(|e| NetError::from_io("getsockopt", &e).to_string()),
        })
        .collect()
}

pub(crate) fn domain_for(addr: &SocketAddr) -> Domain {
    Domain::for_address(*addr)
}
