//! The datagram worker: a UDP or Unix datagram socket. Every datagram is
//! reported with its source; what the caller cannot take is counted, never
//! hidden, and so is what the kernel dropped (Linux SO_RXQ_OVFL) and every
//! echo the send queue could not take. Receiving (recvmmsg batches) is in
//! `recv.rs` (with the rules' answers), commands in `commands.rs`.

mod commands;
mod loss;
mod recv;

use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Instant;

use mio::net::{UdpSocket, UnixDatagram};
use mio::{Interest, Token};
use socket2::SockRef;

use super::file::FileSend;
use super::proto::{ConnProto, behaviour_or_report};
use super::rxq::RecvBatch;
use super::{PollLoop, WorkerCtx, interrupted, open, run_loop, would_block};
use crate::net::addr::Addr;
use crate::net::behaviour::Behaviour;
use crate::net::chunk::{Chunk, Packer};
use crate::net::command::Command;
use crate::net::errors::NetError;
use crate::net::event::EventKind;
use crate::net::options::SocketClass;
use crate::net::spec::EndpointKind;

const SOCK: Token = Token(1);
/// Datagrams waiting for the socket to take them.
const SEND_QUEUE: usize = 4096;
/// A file goes out as datagrams of this size (under a typical 1500-byte MTU).
const FILE_DATAGRAM: usize = 1200;
/// A file's datagrams read ahead into the send queue.
const FILE_AHEAD: usize = 64;

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
        EndpointKind::Udp => open::udp(&mut ctx).map(Sock::Udp),
        _ => open::unix_datagram(&mut ctx).map(Sock::Unix),
    };
    let pool = ctx.pool.clone();
    let spec = &ctx.spec;
    let built = Behaviour::new(spec.kind, spec.reply, &spec.frame, &spec.rules);
    let reply = spec.reply;
    let behaviour = behaviour_or_report(&mut ctx.out, built, || Behaviour::preset_only(reply));
    let mut w = Worker {
        sock: opened,
        class: ctx.spec.kind.class(),
        proto: ConnProto::new(&behaviour.frame, !ctx.spec.sequences.is_empty()),
        behaviour,
        ctx,
        queue: VecDeque::new(),
        file: None,
        losses: Losses::default(),
        reported: Losses::default(),
        last_report: Instant::now(),
        unsettled: false,
        quiet_at: None,
        readable: true,
        batch: RecvBatch::new(),
        unix_from: (0, Addr::Unnamed),
        packer: Packer::new(pool),
        writable: true,
        done: false,
    };
    if w.register() {
        run_loop(&mut w);
    }
    w.finish();
}

/// Running totals of datagrams lost, each where it was lost.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Losses {
    /// Received, but the caller was too slow to take them.
    engine: u64,
    /// Dropped by the kernel for a full receive queue (Linux SO_RXQ_OVFL).
    kernel: Option<u64>,
    /// Replies (echo, rules) not sent because the send queue was full.
    echo: u64,
}

/// A file going out as datagrams, and where to.
struct DgramFile {
    file: FileSend,
    dest: Dest,
}

struct Worker {
    ctx: WorkerCtx,
    sock: Option<Sock>,
    class: SocketClass,
    /// The rules (the reply mode's preset after the endpoint's own).
    behaviour: Behaviour,
    /// Replies a wait holds back (each with its destination), the datagram
    /// count for chunk numbers, and the sequence running with the default peer.
    proto: ConnProto<Dest>,
    queue: VecDeque<(Chunk, Dest)>,
    file: Option<DgramFile>,
    losses: Losses,
    /// What the last `Loss` event said.
    reported: Losses,
    last_report: Instant,
    /// A count went out while traffic flowed; a settled one must follow.
    unsettled: bool,
    /// When the socket counts as quiet, if a datagram came since it last was.
    quiet_at: Option<Instant>,
    readable: bool,
    /// recvmmsg()'s buffers, allocated once.
    batch: RecvBatch,
    /// What recvfrom() on a Unix socket put in the batch's first slot: its length and source.
    unix_from: (usize, Addr),
    /// Copies each datagram into a shared pool block for its event.
    packer: Packer,
    writable: bool,
    done: bool,
}

impl Worker {
    /// Registers the socket with the poll; false if there is none or it failed.
    fn register(&mut self) -> bool {
        let registry = self.ctx.poll.registry();
        let both = Interest::READABLE | Interest::WRITABLE;
        let registered = match self.sock.as_mut() {
            Some(Sock::Udp(s)) => registry.register(s, SOCK, both),
            Some(Sock::Unix(s)) => registry.register(s, SOCK, both),
            None => return false,
        };
        if let Err(e) = registered {
            self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("epoll_ctl", &e) });
            return false;
        }
        if let Some(peer) = self.sock.as_ref().and_then(Sock::peer) {
            let local = self.sock.as_ref().map(Sock::local).unwrap_or(Addr::Unnamed);
            self.ctx.out.push(EventKind::Connected { conn: 0, local, peer });
        }
        true
    }

    pub(super) fn send_queued(&mut self) {
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
                Err(e) if would_block(&e) => self.writable = false,
                Err(e) if interrupted(&e) => {}
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
        while self.queue.len() < FILE_AHEAD {
            let Some(f) = self.file.as_mut() else { return };
            match f.file.next(FILE_DATAGRAM) {
                Ok(Some(piece)) => {
                    self.queue.push_back((Chunk::from(piece), f.dest.clone()));
                    if f.file.read % (64 * FILE_DATAGRAM as u64) == 0 {
                        self.ctx.out.push(f.file.progress(0));
                    }
                }
                Ok(None) => {
                    self.ctx.out.push(f.file.progress(0));
                    self.file = None;
                }
                Err(error) => {
                    self.ctx.out.push(EventKind::Error { conn: None, error });
                    self.file = None;
                }
            }
        }
    }

    fn finish(mut self) {
        self.settle(true);
        let had_socket = self.sock.take().map(|sock| {
            let file = match &sock {
                Sock::Unix(s) => s.local_addr().ok().and_then(|a| a.as_pathname().map(|p| p.to_path_buf())),
                Sock::Udp(_) => None,
            };
            drop(sock);
            if let Some(f) = file {
                let _ = std::fs::remove_file(f);
            }
        });
        super::finish(self.ctx.out, had_socket.is_some());
    }
}

impl PollLoop for Worker {
    fn ctx(&mut self) -> &mut WorkerCtx {
        &mut self.ctx
    }

    fn ready(&mut self, _token: Token, ev: &mio::event::Event) {
        self.readable |= ev.is_readable() || ev.is_error();
        self.writable |= ev.is_writable() || ev.is_error();
    }

    fn handle(&mut self, cmd: Command) {
        self.command(cmd);
    }

    fn inbox_closed(&mut self) {
        self.done = true;
    }

    fn service(&mut self) {
        self.timers();
        self.receive();
        self.pump_file();
        self.send_queued();
        self.report_loss(false);
        self.settle(false);
    }

    fn busy(&mut self) -> bool {
        self.readable || (self.writable && (!self.queue.is_empty() || self.file.is_some()))
    }

    fn next_deadline(&self) -> Option<Instant> {
        let report = self.loss_unreported().then(|| self.last_report + loss::LOSS_REPORT_EVERY);
        [report, self.quiet_at, self.proto.deadline()].into_iter().flatten().min()
    }

    fn done(&self) -> bool {
        self.done
    }
}
