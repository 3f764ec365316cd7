//! From a spec to a working socket: the bind/listen/connect steps of each
//! kind of endpoint, each reported as its event. An endpoint that fails a
//! step reports why and opens nothing (no half-made socket is served, no
//! socket file is left behind).

use std::path::PathBuf;

use mio::net::{TcpListener, TcpStream, UdpSocket, UnixDatagram, UnixListener, UnixStream};
use socket2::{Domain, SockAddr, SockRef, Socket, Type};

use super::WorkerCtx;
use super::rxq;
use super::setup::{apply_options, domain_for, new_socket, resolve, snapshot};
use crate::net::addr::Addr;
use crate::net::errors::NetError;
use crate::net::event::EventKind;
use crate::net::options::SocketClass;

/// A Unix socket address: a path, or `@name` for Linux's abstract namespace.
/// An empty address is refused: the kernel would silently pick an abstract one.
pub(crate) fn unix_sockaddr(address: &str) -> std::io::Result<SockAddr> {
    if address.is_empty() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, crate::t!("net-unix-needs-path")));
    }
    match address.strip_prefix('@') {
        Some(name) => SockAddr::unix(format!("\0{name}")),
        None => SockAddr::unix(address),
    }
}

/// The file a Unix socket bound at `address` leaves on disk (none for `@name`).
pub(crate) fn unix_file(address: &str) -> Option<PathBuf> {
    (!address.starts_with('@') && !address.is_empty()).then(|| PathBuf::from(address))
}

fn fail(ctx: &mut WorkerCtx, call: String, e: &std::io::Error) {
    ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io(call, e) });
}

fn listen(sock: &Socket, ctx: &mut WorkerCtx) -> Option<Addr> {
    let local = match sock.local_addr() {
        Ok(a) => a.as_socket().map(Addr::Inet).unwrap_or_else(|| Addr::Unix(ctx.spec.address.clone())),
        Err(_) => Addr::Unnamed,
    };
    ctx.out.push(EventKind::Bound { local: local.clone() });
    if let Err(e) = sock.listen(ctx.spec.backlog) {
        fail(ctx, format!("listen({})", ctx.spec.backlog), &e);
        return None;
    }
    ctx.out.push(EventKind::Listening { local: local.clone(), backlog: ctx.spec.backlog });
    sock.set_nonblocking(true).ok()?;
    Some(local)
}

pub(crate) fn tcp_server(ctx: &mut WorkerCtx) -> Option<TcpListener> {
    let addr = *resolve(&ctx.spec.address, &mut ctx.out)?.first()?;
    let sock = new_socket(domain_for(&addr), Type::STREAM, &mut ctx.out, None)?;
    if !apply_options(&sock, &ctx.spec.options, SocketClass::Tcp, addr.is_ipv6(), &mut ctx.out) {
        return None;
    }
    if let Err(e) = sock.bind(&addr.into()) {
        fail(ctx, format!("bind({addr})"), &e);
        return None;
    }
    listen(&sock, ctx)?;
    let reports = snapshot(SockRef::from(&sock), SocketClass::Tcp, addr.is_ipv6());
    ctx.out.push(EventKind::Options { conn: None, reports });
    Some(TcpListener::from_std(sock.into()))
}

pub(crate) fn unix_server(ctx: &mut WorkerCtx) -> Option<UnixListener> {
    let path = ctx.spec.address.clone();
    let sock = new_socket(Domain::UNIX, Type::STREAM, &mut ctx.out, None)?;
    if !apply_options(&sock, &ctx.spec.options, SocketClass::UnixStream, false, &mut ctx.out) {
        return None;
    }
    if let Err(e) = unix_sockaddr(&path).and_then(|a| sock.bind(&a)) {
        let mut error = NetError::from_io(format!("bind({path})"), &e);
        if e.raw_os_error() == Some(libc::EADDRINUSE) && unix_file(&path).is_some() {
            error.set_hint(crate::msg!("net-hint-unix-file-exists"));
        }
        ctx.out.push(EventKind::Error { conn: None, error });
        return None;
    }
    if listen(&sock, ctx).is_none() {
        if let Some(file) = unix_file(&path) {
            let _ = std::fs::remove_file(file);
        }
        return None;
    }
    let reports = snapshot(SockRef::from(&sock), SocketClass::UnixStream, false);
    ctx.out.push(EventKind::Options { conn: None, reports });
    Some(UnixListener::from_std(sock.into()))
}

/// Tries each resolved address in turn, as a careful client does.
pub(crate) fn tcp_client(ctx: &mut WorkerCtx) -> Option<TcpStream> {
    let addrs = resolve(&ctx.spec.address, &mut ctx.out)?;
    for addr in addrs {
        let Some(sock) = new_socket(domain_for(&addr), Type::STREAM, &mut ctx.out, Some(0)) else { continue };
        if !apply_options(&sock, &ctx.spec.options, SocketClass::Tcp, addr.is_ipv6(), &mut ctx.out) {
            return None;
        }
        // connect() may block for the whole timeout: show the steps so far first.
        ctx.out.flush();
        ctx.out.wake();
        match sock.connect_timeout(&addr.into(), ctx.spec.connect_timeout) {
            Ok(()) => {
                sock.set_nonblocking(true).ok()?;
                // A client's socket-level options are reported as the endpoint's (conn None).
                let reports = snapshot(SockRef::from(&sock), SocketClass::Tcp, addr.is_ipv6());
                ctx.out.push(EventKind::Options { conn: None, reports });
                return Some(TcpStream::from_std(sock.into()));
            }
            Err(e) => ctx
                .out
                .push(EventKind::Error { conn: Some(0), error: NetError::from_io(format!("connect({addr})"), &e) }),
        }
    }
    None
}

pub(crate) fn unix_client(ctx: &mut WorkerCtx) -> Option<UnixStream> {
    let path = ctx.spec.address.clone();
    let sock = new_socket(Domain::UNIX, Type::STREAM, &mut ctx.out, Some(0))?;
    if !apply_options(&sock, &ctx.spec.options, SocketClass::UnixStream, false, &mut ctx.out) {
        return None;
    }
    if let Err(e) = unix_sockaddr(&path).and_then(|a| sock.connect(&a)) {
        ctx.out.push(EventKind::Error { conn: Some(0), error: NetError::from_io(format!("connect({path})"), &e) });
        return None;
    }
    sock.set_nonblocking(true).ok()?;
    let reports = snapshot(SockRef::from(&sock), SocketClass::UnixStream, false);
    ctx.out.push(EventKind::Options { conn: None, reports });
    Some(UnixStream::from_std(sock.into()))
}

/// A UDP socket: bound to its address, or (no address, a peer given) left
/// for connect() to bind, so the kernel picks the source address and port
/// that reach the peer instead of socklab guessing an interface.
pub(crate) fn udp(ctx: &mut WorkerCtx) -> Option<UdpSocket> {
    let unbound = ctx.spec.address.trim().is_empty();
    let peer = match ctx.spec.peer.clone() {
        Some(p) => Some(resolve(&p, &mut ctx.out)?),
        None if unbound => {
            let msg = crate::msg!("net-udp-needs-address");
            ctx.out.push(EventKind::Error { conn: None, error: NetError::said("bind", msg) });
            return None;
        }
        None => None,
    };
    let local = if unbound { None } else { Some(*resolve(&ctx.spec.address, &mut ctx.out)?.first()?) };
    // The family: the bind address's, or the peer's first address.
    let family_of = local.or_else(|| peer.as_ref().and_then(|p| p.first().copied()))?;
    let v6 = family_of.is_ipv6();
    let sock = new_socket(domain_for(&family_of), Type::DGRAM, &mut ctx.out, None)?;
    if !apply_options(&sock, &ctx.spec.options, SocketClass::Udp, v6, &mut ctx.out) {
        return None;
    }
    if let Some(addr) = local {
        if let Err(e) = sock.bind(&addr.into()) {
            fail(ctx, format!("bind({addr})"), &e);
            return None;
        }
        ctx.out.push(EventKind::Bound { local: local_of(&sock) });
    }
    let _ = rxq::enable(&sock);
    if let Some(peer) = peer {
        let Some(target) = peer.into_iter().find(|p| p.is_ipv6() == v6) else {
            let peer = ctx.spec.peer.as_deref().unwrap_or("");
            let msg = crate::msg!("net-peer-wrong-family", peer = peer, address = family_of.to_string());
            ctx.out.push(EventKind::Error { conn: None, error: NetError::said("connect", msg) });
            return None;
        };
        if let Err(e) = sock.connect(&target.into()) {
            fail(ctx, format!("connect({target})"), &e);
            return None;
        }
        if unbound {
            // connect() bound the socket: say where, as getsockname() tells.
            ctx.out.push(EventKind::Bound { local: local_of(&sock) });
        }
    }
    sock.set_nonblocking(true).ok()?;
    ctx.out.push(EventKind::Options { conn: None, reports: snapshot(SockRef::from(&sock), SocketClass::Udp, v6) });
    Some(UdpSocket::from_std(sock.into()))
}

fn local_of(sock: &Socket) -> Addr {
    sock.local_addr().ok().and_then(|a| a.as_socket()).map(Addr::Inet).unwrap_or(Addr::Unnamed)
}

/// A Unix datagram socket, bound to its path (if any) and connected to its peer
/// (if any). If connecting fails after the bind, the socket file is removed.
pub(crate) fn unix_datagram(ctx: &mut WorkerCtx) -> Option<UnixDatagram> {
    let path = ctx.spec.address.clone();
    let sock = new_socket(Domain::UNIX, Type::DGRAM, &mut ctx.out, None)?;
    if !apply_options(&sock, &ctx.spec.options, SocketClass::UnixDgram, false, &mut ctx.out) {
        return None;
    }
    let mut bound_file = None;
    if !path.is_empty() {
        if let Err(e) = unix_sockaddr(&path).and_then(|a| sock.bind(&a)) {
            fail(ctx, format!("bind({path})"), &e);
            return None;
        }
        bound_file = unix_file(&path);
        ctx.out.push(EventKind::Bound { local: Addr::Unix(path.clone()) });
    }
    let remove_file = || {
        if let Some(f) = &bound_file {
            let _ = std::fs::remove_file(f);
        }
    };
    if let Some(peer) = ctx.spec.peer.clone()
        && let Err(e) = unix_sockaddr(&peer).and_then(|a| sock.connect(&a))
    {
        fail(ctx, format!("connect({peer})"), &e);
        remove_file();
        return None;
    }
    if sock.set_nonblocking(true).is_err() {
        remove_file();
        return None;
    }
    let reports = snapshot(SockRef::from(&sock), SocketClass::UnixDgram, false);
    ctx.out.push(EventKind::Options { conn: None, reports });
    Some(UnixDatagram::from_std(sock.into()))
}
