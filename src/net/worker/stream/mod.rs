//! The stream worker: a TCP or Unix stream server with all its connections,
//! or a client with its one connection, served by one mio poll loop.
//! Commands are in `commands.rs`; framing, rules and sequences in
//! `replies.rs`; one connection's buffers and flags in `conn.rs`.

mod accept;
mod commands;
mod conn;
mod replies;
mod tcp_watch;

use std::collections::BTreeMap;
use std::io;
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::time::Duration;

use mio::net::{TcpListener, TcpStream, UnixListener, UnixStream};
use mio::{Interest, Token};
use socket2::SockRef;

use self::accept::Acceptor;
use self::conn::{Conn, ReadOutcome, StreamSock};
use self::tcp_watch::TcpWatching;
use super::{PollLoop, WorkerCtx, open, run_loop};
use crate::net::behaviour::Behaviour;
use crate::net::chunk::Packer;
use crate::net::command::Command;
use crate::net::errors::NetError;
use crate::net::event::{ConnId, EventKind};
use crate::net::options::SocketClass;
use crate::net::spec::EndpointKind;
use crate::net::worker::proto::behaviour_or_report;

const LISTENER: Token = Token(1);
/// Reads from one connection before the loop moves on to the others.
const READS_PER_TURN: usize = 16;

fn token(conn: ConnId) -> Token {
    Token(conn as usize + 2)
}

/// A listening socket the worker can accept from.
pub(crate) trait ListenSock: mio::event::Source + AsFd + Send + 'static {
    type Stream: StreamSock;
    fn accept_one(&self) -> io::Result<Self::Stream>;
}

impl ListenSock for TcpListener {
    type Stream = TcpStream;
    fn accept_one(&self) -> io::Result<TcpStream> {
        self.accept().map(|(s, _)| s)
    }
}

impl ListenSock for UnixListener {
    type Stream = UnixStream;
    fn accept_one(&self) -> io::Result<UnixStream> {
        self.accept().map(|(s, _)| s)
    }
}

pub(crate) fn run(mut ctx: WorkerCtx) {
    match ctx.spec.kind {
        EndpointKind::TcpServer => {
            let listener = open::tcp_server(&mut ctx);
            Worker::start(ctx, listener, None, None);
        }
        EndpointKind::UnixServer => {
            let listener = open::unix_server(&mut ctx);
            let path = listener.as_ref().and_then(|_| open::unix_file(&ctx.spec.address));
            Worker::start(ctx, listener, None, path);
        }
        EndpointKind::TcpClient => {
            let conn = open::tcp_client(&mut ctx);
            Worker::<TcpListener>::start(ctx, None, conn, None);
        }
        // The datagram kinds never come here (see worker::run); a Unix client is what remains.
        _ => {
            let conn = open::unix_client(&mut ctx);
            Worker::<UnixListener>::start(ctx, None, conn, None);
        }
    }
}

struct Worker<L: ListenSock> {
    ctx: WorkerCtx,
    listener: Option<L>,
    acceptor: Acceptor,
    conns: BTreeMap<ConnId, Conn<L::Stream>>,
    next_conn: ConnId,
    /// Framing and rules: the endpoint's own, then its reply mode's.
    behaviour: Behaviour,
    class: SocketClass,
    /// A Unix server removes its socket file when it stops.
    unix_path: Option<PathBuf>,
    /// The next recv()'s buffer, from the pool.
    buf: Vec<u8>,
    packer: Packer,
    /// TCP state from the kernel, while someone watches.
    tcp: TcpWatching,
    done: bool,
}

impl<L: ListenSock> Worker<L> {
    fn start(mut ctx: WorkerCtx, listener: Option<L>, client: Option<L::Stream>, unix_path: Option<PathBuf>) {
        let class = ctx.spec.kind.class();
        let failed = listener.is_none() && client.is_none();
        let (buf, packer) = (ctx.pool.take(), Packer::new(ctx.pool.clone()));
        let spec = &ctx.spec;
        let built = Behaviour::new(spec.kind, spec.reply, &spec.frame, &spec.rules);
        let reply = spec.reply;
        let behaviour = behaviour_or_report(&mut ctx.out, built, || Behaviour::preset_only(reply));
        let mut w = Worker {
            ctx,
            acceptor: Acceptor::new(listener.is_some()),
            listener,
            conns: BTreeMap::new(),
            next_conn: 1,
            behaviour,
            class,
            unix_path,
            buf,
            packer,
            tcp: TcpWatching::default(),
            done: failed,
        };
        if let Some(l) = w.listener.as_mut()
            && let Err(e) = w.ctx.poll.registry().register(l, LISTENER, Interest::READABLE)
        {
            w.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("epoll_ctl", &e) });
            w.done = true;
        }
        if let Some(s) = client {
            let mut c = Conn::new(0, s, &w.behaviour.frame, !w.ctx.spec.sequences.is_empty());
            w.ctx.out.push(EventKind::Connected { conn: 0, local: c.local.clone(), peer: c.peer.clone() });
            if let Err(e) =
                w.ctx.poll.registry().register(&mut c.sock, token(0), Interest::READABLE | Interest::WRITABLE)
            {
                w.ctx.out.push(EventKind::Error { conn: Some(0), error: NetError::from_io("epoll_ctl", &e) });
                w.done = true;
            }
            w.conns.insert(0, c);
            if !w.done {
                w.greet(0);
            }
        }
        if !w.done {
            run_loop(&mut w);
        }
        w.finish();
    }

    fn is_server(&self) -> bool {
        self.ctx.spec.kind.is_server()
    }

    /// A new connection: registered with the poll, reported, and greeted by
    /// the rules that answer a connect (daytime's date, a --greet).
    fn add_conn(&mut self, sock: L::Stream) {
        let id = self.next_conn;
        self.next_conn += 1;
        let mut c = Conn::new(id, sock, &self.behaviour.frame, !self.ctx.spec.sequences.is_empty());
        let both = Interest::READABLE | Interest::WRITABLE;
        if let Err(e) = self.ctx.poll.registry().register(&mut c.sock, token(id), both) {
            self.ctx.out.push(EventKind::Error { conn: Some(id), error: NetError::from_io("epoll_ctl", &e) });
            return;
        }
        self.ctx.out.push(EventKind::Accepted { conn: id, local: c.local.clone(), peer: c.peer.clone() });
        self.conns.insert(id, c);
        self.tcp_sample_now(id);
        self.greet(id);
    }

    fn service_all(&mut self) {
        let ids: Vec<ConnId> = self.conns.keys().copied().collect();
        for id in ids {
            if self.ctx.out.congested() {
                break;
            }
            self.service_conn(id);
        }
    }

    fn service_conn(&mut self, id: ConnId) {
        let mut broken = false;
        let mut active = false;
        for _ in 0..READS_PER_TURN {
            let Some(c) = self.conns.get(&id) else { return };
            if !c.readable || c.read_closed || !self.may_read(c) || self.ctx.out.congested() {
                break;
            }
            let Some(c) = self.conns.get_mut(&id) else { return };
            match c.read_chunk(&mut self.buf, &mut self.packer, &mut self.ctx.out) {
                ReadOutcome::Data(data) => {
                    active = true;
                    self.on_data(id, data);
                }
                ReadOutcome::WouldBlock => break,
                ReadOutcome::Eof => {
                    self.on_eof(id);
                    self.tcp_sample_now(id);
                    break;
                }
                ReadOutcome::Failed => {
                    broken = true;
                    break;
                }
            }
        }
        let Some(c) = self.conns.get_mut(&id) else { return };
        let (queued, shut) = (c.queued(), c.write_shut);
        if !broken {
            c.pump_file(&mut self.ctx.out);
            broken = c.flush(&mut self.ctx.out).is_err();
        }
        let shut_now = c.write_shut != shut;
        active |= c.queued() != queued;
        let finished = c.flushed() && (c.close_when_flushed || (c.read_closed && c.write_shut));
        if shut_now {
            self.tcp_sample_now(id);
        } else if active {
            self.tcp_touch(id);
        }
        if broken || finished {
            self.close_conn(id, false);
        }
    }

    /// The peer sent FIN. As netcat does, the connection closes once nothing
    /// is left to send it (its queue, file and held answers), unless the
    /// endpoint keeps half-open connections; a server with rules (a reply
    /// mode) always answers what it has, then closes, as tutorial servers do.
    fn on_eof(&mut self, id: ConnId) {
        self.ctx.out.push(EventKind::PeerClosed { conn: id });
        self.unfinished_frame(id);
        let server_replies = self.is_server() && self.behaviour.answers();
        let close = server_replies || !self.ctx.spec.keep_half_open;
        if let Some(c) = self.conns.get_mut(&id) {
            c.read_closed = true;
            c.close_when_flushed |= close;
        }
    }

    fn queue_to(&mut self, id: ConnId, data: Vec<u8>) {
        let Some(c) = self.conns.get_mut(&id) else { return };
        if let Err(error) = c.queue(data) {
            self.ctx.out.push(EventKind::Error { conn: Some(id), error });
        }
    }

    fn close_conn(&mut self, id: ConnId, abort: bool) {
        let Some(mut c) = self.conns.remove(&id) else { return };
        let ended = c.proto.sequence_closed();
        crate::net::worker::proto::sequence_events(&mut self.ctx.out, id, ended);
        let _ = self.ctx.poll.registry().deregister(&mut c.sock);
        if abort && let Err(e) = SockRef::from(&c.sock).set_linger(Some(Duration::ZERO)) {
            self.ctx
                .out
                .push(EventKind::Error { conn: Some(id), error: NetError::from_io("setsockopt(SO_LINGER, 0)", &e) });
        }
        self.tcp_closing(id, &c);
        drop(c);
        self.ctx.out.push(EventKind::Closed { conn: Some(id), abortive: abort });
        if !self.is_server() {
            self.done = true;
        }
    }

    fn close_all(&mut self, abort: bool) {
        let ids: Vec<ConnId> = self.conns.keys().copied().collect();
        for id in ids {
            if let Some(c) = self.conns.get_mut(&id)
                && !abort
            {
                let _ = c.flush(&mut self.ctx.out);
            }
            self.close_conn(id, abort);
        }
        self.done = true;
    }

    fn finish(mut self) {
        if !self.conns.is_empty() {
            self.close_all(false);
        }
        let listened = self.listener.take().map(|mut l| {
            let _ = self.ctx.poll.registry().deregister(&mut l);
        });
        if let Some(p) = self.unix_path.take() {
            let _ = std::fs::remove_file(p);
        }
        self.tcp_before_stop();
        super::finish(self.ctx.out, listened.is_some());
    }
}

impl<L: ListenSock> PollLoop for Worker<L> {
    fn ctx(&mut self) -> &mut WorkerCtx {
        &mut self.ctx
    }

    fn ready(&mut self, token: Token, ev: &mio::event::Event) {
        if token == LISTENER {
            return self.accept_all();
        }
        if let Some(c) = self.conns.get_mut(&(token.0 as u64 - 2)) {
            c.readable |= ev.is_readable() || ev.is_read_closed() || ev.is_error();
            c.writable |= ev.is_writable() || ev.is_error();
        }
    }

    fn handle(&mut self, cmd: Command) {
        self.command(cmd);
    }

    fn inbox_closed(&mut self) {
        self.close_all(false);
    }

    fn service(&mut self) {
        if self.acceptor.retry_due() {
            self.accept_all();
        }
        // Even while the caller is behind: a due timer left alone would keep
        // the poll from waiting at all.
        let now = std::time::Instant::now();
        let due: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| c.proto.deadline().is_some_and(|d| d <= now))
            .map(|(&id, _)| id)
            .collect();
        for id in due {
            self.timers(id);
        }
        if !self.ctx.out.congested() {
            self.service_all();
        }
        self.tcp_sample();
    }

    fn after_flush(&mut self) {
        self.tcp_send_requests();
    }

    fn busy(&mut self) -> bool {
        self.conns.values().any(|c| c.busy(self.may_read(c)))
    }

    fn next_deadline(&self) -> Option<std::time::Instant> {
        let conns = self.conns.values().filter_map(|c| c.proto.deadline());
        conns.chain(self.acceptor.retry_at()).chain(self.tcp.next_sample()).min()
    }

    fn done(&self) -> bool {
        self.done
    }
}
