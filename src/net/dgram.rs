//! The datagram worker: a UDP or Unix datagram socket. Every recvfrom() is
//! reported with its source; what the caller cannot take is counted, never
//! hidden, and so is what the kernel dropped (Linux SO_RXQ_OVFL).

use std::collections::VecDeque;
use std::io::{self, Read};
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use mio::net::{UdpSocket, UnixDatagram};
use mio::{Events, Interest, Token};
use socket2::{Domain, SockAddr, SockRef, Type};

use super::addr::Addr;
use super::command::{Command, Target};
use super::engine::{WAKE_TOKEN, WorkerCtx};
use super::errors::NetError;
use super::event::EventKind;
use super::reply::ReplyMode;
use super::setup::{apply_options, domain_for, new_socket, resolve, set_option, snapshot};
use super::spec::{EndpointKind, SocketClass};
use super::{parse_host_port, rxq};

const SOCK: Token = Token(1);
/// Datagrams read per turn before commands get a look in.
const RECVS_PER_TURN: usize = 256;
/// Datagrams waiting for the socket to take them.
const SEND_QUEUE: usize = 4096;
/// A file goes out as datagrams of this size (under a typical 1500-byte MTU).
const FILE_DATAGRAM: usize = 1200;
/// recvfrom() takes datagrams up to this size whole.
const MAX_DATAGRAM: usize = 65536;
const LOSS_REPORT_EVERY: Duration = Duration::from_millis(200);

enum Sock {
    Udp(UdpSocket),
    Unix(UnixDatagram),
}

#[derive(Clone)]
enum Dest {
    Connected,
    Inet(SocketAddr),
    Path(PathBuf),
}

impl Dest {
    fn addr(&self) -> Option<Addr> {
        match self {
            Dest::Connected => None,
            Dest::Inet(a) => Some(Addr::Inet(*a)),
            Dest::Path(p) => Some(Addr::Unix(p.display().to_string())),
        }
    }
}

impl Sock {
    fn local(&self) -> Addr {
        match self {
            Sock::Udp(s) => s.local_addr().map(Addr::Inet).unwrap_or(Addr::Unnamed),
            Sock::Unix(s) => s.local_addr().map(|a| Addr::from_unix(&a)).unwrap_or(Addr::Unnamed),
        }
    }

    fn peer(&self) -> Option<Addr> {
        match self {
            Sock::Udp(s) => s.peer_addr().ok().map(Addr::Inet),
            Sock::Unix(s) => s.peer_addr().ok().map(|a| Addr::from_unix(&a)),
        }
    }

    fn send(&self, data: &[u8], dest: &Dest) -> io::Result<usize> {
        match (self, dest) {
            (Sock::Udp(s), Dest::Connected) => s.send(data),
            (Sock::Udp(s), Dest::Inet(a)) => s.send_to(data, *a),
            (Sock::Unix(s), Dest::Connected) => s.send(data),
            (Sock::Unix(s), Dest::Path(p)) => s.send_to(data, p),
            _ => Err(io::Error::from_raw_os_error(libc::EAFNOSUPPORT)),
        }
    }

    fn sock_ref(&self) -> SockRef<'_> {
        match self {
            Sock::Udp(s) => SockRef::from(s),
            Sock::Unix(s) => SockRef::from(s),
        }
    }
}

pub(crate) fn run(mut ctx: WorkerCtx) {
    let opened = match ctx.spec.kind {
        EndpointKind::Udp => open_udp(&mut ctx),
        _ => open_unix(&mut ctx),
    };
    let mut w = Worker {
        sock: opened,
        class: ctx.spec.kind.class(),
        reply: ctx.spec.reply,
        ctx,
        queue: VecDeque::new(),
        file: None,
        engine_dropped: 0,
        kernel_dropped: None,
        reported: (0, None),
        last_report: Instant::now(),
        readable: true,
        recv_buf: vec![0; MAX_DATAGRAM],
        writable: true,
        done: false,
    };
    if w.sock.is_some() {
        w.run();
    }
    w.finish();
}

fn open_udp(ctx: &mut WorkerCtx) -> Option<Sock> {
    let addr = *resolve(&ctx.spec.address, &mut ctx.out)?.first()?;
    let sock = new_socket(domain_for(&addr), Type::DGRAM, &mut ctx.out, None)?;
    apply_options(&sock, &ctx.spec.options, SocketClass::Udp, addr.is_ipv6(), &mut ctx.out);
    if let Err(e) = sock.bind(&addr.into()) {
        ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io(format!("bind({addr})"), &e) });
        return None;
    }
    let local = sock.local_addr().ok().and_then(|a| a.as_socket()).map(Addr::Inet).unwrap_or(Addr::Unnamed);
    ctx.out.push(EventKind::Bound { local });
    let _ = rxq::enable(sock.as_raw_fd());
    if let Some(peer) = ctx.spec.peer.clone() {
        let target = resolve(&peer, &mut ctx.out)?.into_iter().find(|p| p.is_ipv6() == addr.is_ipv6());
        let Some(target) = target else {
            let msg = format!("{peer} has no address of the same family as {addr}");
            ctx.out.push(EventKind::Error { conn: None, error: NetError::usage("connect", msg) });
            return None;
        };
        if let Err(e) = sock.connect(&target.into()) {
            ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io(format!("connect({target})"), &e) });
            return None;
        }
    }
    sock.set_nonblocking(true).ok()?;
    ctx.out.push(EventKind::Options {
        conn: None,
        reports: snapshot(SockRef::from(&sock), SocketClass::Udp, addr.is_ipv6()),
    });
    Some(Sock::Udp(UdpSocket::from_std(sock.into())))
}

fn open_unix(ctx: &mut WorkerCtx) -> Option<Sock> {
    let path = ctx.spec.address.clone();
    let sock = new_socket(Domain::UNIX, Type::DGRAM, &mut ctx.out, None)?;
    apply_options(&sock, &ctx.spec.options, SocketClass::UnixDgram, false, &mut ctx.out);
    if !path.is_empty() {
        if let Err(e) = SockAddr::unix(&path).and_then(|a| sock.bind(&a)) {
            ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io(format!("bind({path})"), &e) });
            return None;
        }
        ctx.out.push(EventKind::Bound { local: Addr::Unix(path.clone()) });
    }
    if let Some(peer) = ctx.spec.peer.clone()
        && let Err(e) = SockAddr::unix(&peer).and_then(|a| sock.connect(&a))
    {
        ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io(format!("connect({peer})"), &e) });
        return None;
    }
    sock.set_nonblocking(true).ok()?;
    ctx.out.push(EventKind::Options {
        conn: None,
        reports: snapshot(SockRef::from(&sock), SocketClass::UnixDgram, false),
    });
    Some(Sock::Unix(UnixDatagram::from_std(sock.into())))
}

struct FileSend {
    file: std::fs::File,
    dest: Dest,
    sent: u64,
    total: u64,
}

struct Worker {
    ctx: WorkerCtx,
    sock: Option<Sock>,
    class: SocketClass,
    reply: ReplyMode,
    queue: VecDeque<(Vec<u8>, Dest)>,
    file: Option<FileSend>,
    engine_dropped: u64,
    kernel_dropped: Option<u64>,
    reported: (u64, Option<u64>),
    last_report: Instant,
    readable: bool,
    /// recvfrom()'s buffer, kept across turns so no turn zeroes 64 KiB first.
    recv_buf: Vec<u8>,
    writable: bool,
    done: bool,
}

impl Worker {
    fn run(&mut self) {
        let mut events = Events::with_capacity(64);
        let registered = match self.sock.as_mut() {
            Some(Sock::Udp(s)) => self.ctx.poll.registry().register(s, SOCK, Interest::READABLE | Interest::WRITABLE),
            Some(Sock::Unix(s)) => self.ctx.poll.registry().register(s, SOCK, Interest::READABLE | Interest::WRITABLE),
            None => return,
        };
        if let Err(e) = registered {
            self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("epoll_ctl", &e) });
            return;
        }
        if let Some(peer) = self.sock.as_ref().and_then(Sock::peer) {
            let local = self.sock.as_ref().map(Sock::local).unwrap_or(Addr::Unnamed);
            self.ctx.out.push(EventKind::Connected { conn: 0, local, peer });
        }
        while !self.done {
            let busy = self.readable || (self.writable && (!self.queue.is_empty() || self.file.is_some()));
            let timeout = if self.ctx.out.has_pending() || self.loss_unreported() {
                Some(Duration::from_millis(2).max(if busy { Duration::ZERO } else { Duration::from_millis(50) }))
            } else if busy {
                Some(Duration::ZERO)
            } else {
                None
            };
            if let Err(e) = self.ctx.poll.poll(&mut events, timeout)
                && e.kind() != io::ErrorKind::Interrupted
            {
                self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("epoll_wait", &e) });
                break;
            }
            for ev in events.iter() {
                if ev.token() == SOCK {
                    self.readable |= ev.is_readable() || ev.is_error();
                    self.writable |= ev.is_writable() || ev.is_error();
                }
                debug_assert!(ev.token() == SOCK || ev.token() == WAKE_TOKEN);
            }
            self.handle_commands();
            self.receive();
            self.pump_file();
            self.send_queued();
            self.report_loss(false);
            self.ctx.out.flush();
            self.ctx.out.wake();
        }
    }

    fn receive(&mut self) {
        for _ in 0..RECVS_PER_TURN {
            if !self.readable {
                return;
            }
            let got = match self.sock.as_ref() {
                Some(Sock::Udp(s)) => rxq::recv_from(s, &mut self.recv_buf).map(|(n, a, d)| (n, Addr::Inet(a), d)),
                Some(Sock::Unix(s)) => s.recv_from(&mut self.recv_buf).map(|(n, a)| (n, Addr::from_unix(&a), None)),
                None => return,
            };
            match got {
                Ok((n, from, drops)) => {
                    if let Some(d) = drops {
                        self.kernel_dropped = Some(d.into());
                    }
                    if self.ctx.out.congested() {
                        self.engine_dropped += 1;
                        continue;
                    }
                    let data = self.recv_buf[..n].to_vec();
                    if self.reply == ReplyMode::Echo {
                        let dest = match &from {
                            Addr::Inet(a) => Some(Dest::Inet(*a)),
                            Addr::Unix(p) => Some(Dest::Path(PathBuf::from(p))),
                            Addr::Unnamed => None,
                        };
                        match dest {
                            Some(d) if self.queue.len() < SEND_QUEUE => self.queue.push_back((data.clone(), d)),
                            _ => {}
                        }
                    }
                    self.ctx.out.push(EventKind::Received { conn: 0, from: Some(from), data });
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => self.readable = false,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // e.g. ECONNREFUSED: an earlier datagram got ICMP port unreachable.
                    self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("recvfrom", &e) });
                }
            }
        }
    }

    fn send_queued(&mut self) {
        while self.writable {
            let Some((data, dest)) = self.queue.front() else { return };
            let Some(sock) = self.sock.as_ref() else { return };
            match sock.send(data, dest) {
                Ok(n) => {
                    let to = dest.addr();
                    let data = data[..n].to_vec();
                    self.queue.pop_front();
                    self.ctx.out.push(EventKind::Sent { conn: 0, to, data });
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => self.writable = false,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let call = match dest.addr() {
                        Some(a) => format!("sendto({a})"),
                        None => "send".into(),
                    };
                    self.queue.pop_front();
                    self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io(call, &e) });
                }
            }
        }
    }

    fn pump_file(&mut self) {
        while self.queue.len() < 64 {
            let Some(f) = self.file.as_mut() else { return };
            let mut chunk = vec![0u8; FILE_DATAGRAM];
            match f.file.read(&mut chunk) {
                Ok(0) => {
                    self.ctx.out.push(EventKind::FileProgress { conn: 0, sent: f.sent, total: f.total.max(f.sent) });
                    self.file = None;
                }
                Ok(n) => {
                    chunk.truncate(n);
                    f.sent += n as u64;
                    self.queue.push_back((chunk, f.dest.clone()));
                    if f.sent % (64 * FILE_DATAGRAM as u64) == 0 {
                        self.ctx.out.push(EventKind::FileProgress {
                            conn: 0,
                            sent: f.sent,
                            total: f.total.max(f.sent),
                        });
                    }
                }
                Err(e) => {
                    self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("read(file)", &e) });
                    self.file = None;
                }
            }
        }
    }

    fn loss_unreported(&self) -> bool {
        self.reported != (self.engine_dropped, self.kernel_dropped)
    }

    fn report_loss(&mut self, now: bool) {
        if self.loss_unreported() && (now || self.last_report.elapsed() >= LOSS_REPORT_EVERY) {
            self.reported = (self.engine_dropped, self.kernel_dropped);
            self.last_report = Instant::now();
            self.ctx
                .out
                .push(EventKind::Loss { engine_dropped: self.engine_dropped, kernel_dropped: self.kernel_dropped });
        }
    }

    fn dest(&mut self, target: &Target) -> Result<Dest, NetError> {
        let connected = self.sock.as_ref().and_then(Sock::peer).is_some();
        match target {
            Target::Peer if connected => Ok(Dest::Connected),
            Target::Peer => Err(NetError::usage(
                "send",
                "this socket is not connected: give an address to send to (or set a default peer)",
            )),
            Target::To(addr) => match self.sock.as_ref() {
                Some(Sock::Unix(_)) => Ok(Dest::Path(PathBuf::from(addr))),
                _ => {
                    parse_host_port(addr).map_err(|m| NetError::usage("sendto", m))?;
                    let v6 = matches!(self.sock.as_ref().map(Sock::local), Some(Addr::Inet(a)) if a.is_ipv6());
                    let found = resolve(addr, &mut self.ctx.out).unwrap_or_default();
                    found.into_iter().find(|a| a.is_ipv6() == v6).map(Dest::Inet).ok_or_else(|| {
                        NetError::usage(format!("sendto({addr})"), "no address of this socket's family (IPv4/IPv6)")
                    })
                }
            },
            Target::Conn(_) | Target::All => {
                Err(NetError::usage("send", "a datagram socket has no connections: send to an address"))
            }
        }
    }

    fn handle_commands(&mut self) {
        loop {
            match self.ctx.inbox.try_recv() {
                Ok(cmd) => self.handle(cmd),
                Err(crossbeam_channel::TryRecvError::Empty) => return,
                Err(crossbeam_channel::TryRecvError::Disconnected) => {
                    self.done = true;
                    return;
                }
            }
        }
    }

    fn handle(&mut self, cmd: Command) {
        let result = match cmd {
            Command::Open { .. } => Ok(()),
            Command::Send { target, data, .. } => self.dest(&target).and_then(|d| {
                if self.queue.len() >= SEND_QUEUE {
                    return Err(NetError::usage("sendto", "the send queue is full: wait for it to drain"));
                }
                self.queue.push_back((data, d));
                Ok(())
            }),
            Command::SendFile { target, path, .. } => self.dest(&target).and_then(|dest| {
                let f = std::fs::File::open(&path)
                    .and_then(|file| Ok(FileSend { total: file.metadata()?.len(), file, dest, sent: 0 }))
                    .map_err(|e| NetError::from_io(format!("open({})", path.display()), &e))?;
                self.file = Some(f);
                Ok(())
            }),
            Command::SetOption { opt, value, .. } => {
                let ipv6 = matches!(self.sock.as_ref().map(Sock::local), Some(Addr::Inet(a)) if a.is_ipv6());
                if let Some(s) = self.sock.as_ref() {
                    set_option(s.sock_ref(), opt, &value, self.class, ipv6, true, &mut self.ctx.out, None);
                }
                Ok(())
            }
            Command::ReadOptions { .. } => {
                let ipv6 = matches!(self.sock.as_ref().map(Sock::local), Some(Addr::Inet(a)) if a.is_ipv6());
                if let Some(s) = self.sock.as_ref() {
                    let reports = snapshot(s.sock_ref(), self.class, ipv6);
                    self.ctx.out.push(EventKind::Options { conn: None, reports });
                }
                Ok(())
            }
            Command::SetReply { reply, .. } => {
                self.reply = reply;
                Ok(())
            }
            Command::ShutdownWrite { .. } | Command::Disconnect { .. } => {
                Err(NetError::usage("shutdown", "a datagram socket has no connection to shut down or disconnect"))
            }
            Command::Close { .. } => {
                self.done = true;
                Ok(())
            }
            Command::Capture { path, .. } => {
                self.ctx.out.set_capture(path);
                Ok(())
            }
        };
        if let Err(error) = result {
            self.ctx.out.push(EventKind::Error { conn: None, error });
        }
    }

    fn finish(mut self) {
        self.report_loss(true);
        if let Some(sock) = self.sock.take() {
            let path = match &sock {
                Sock::Unix(s) => s.local_addr().ok().and_then(|a| a.as_pathname().map(|p| p.to_path_buf())),
                Sock::Udp(_) => None,
            };
            drop(sock);
            if let Some(p) = path {
                let _ = std::fs::remove_file(p);
            }
            self.ctx.out.push(EventKind::Closed { conn: None, abortive: false });
        }
        self.ctx.out.push(EventKind::Stopped);
        self.ctx.out.close();
    }
}
