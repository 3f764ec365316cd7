//! The stream worker: a TCP or Unix stream server with all its connections,
//! or a client with its one connection, served by one mio poll loop.

use std::collections::BTreeMap;
use std::io;
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use mio::net::{TcpListener, TcpStream, UnixListener, UnixStream};
use mio::{Events, Interest, Token};
use socket2::{Domain, SockAddr, SockRef, Socket, Type};

use super::addr::Addr;
use super::command::{Command, Target};
use super::conn::{CHUNK, Conn, FileSend, OUT_PAUSE, ReadOutcome, StreamSock};
use super::engine::{WAKE_TOKEN, WorkerCtx};
use super::errors::NetError;
use super::event::{ConnId, EventKind};
use super::reply::{self, ReplyMode};
use super::setup::{apply_options, domain_for, new_socket, resolve, set_option, snapshot};
use super::spec::{EndpointKind, SocketClass};

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
            let listener = open_tcp_server(&mut ctx);
            Worker::start(ctx, listener, None, None);
        }
        EndpointKind::TcpClient => {
            let conn = open_tcp_client(&mut ctx);
            Worker::<TcpListener>::start(ctx, None, conn, None);
        }
        EndpointKind::UnixServer => {
            let listener = open_unix_server(&mut ctx);
            let path = listener.is_some().then(|| PathBuf::from(&ctx.spec.address));
            Worker::start(ctx, listener, None, path);
        }
        EndpointKind::UnixClient => {
            let conn = open_unix_client(&mut ctx);
            Worker::<UnixListener>::start(ctx, None, conn, None);
        }
        EndpointKind::Udp | EndpointKind::UnixDatagram => unreachable!("datagram kinds run in dgram.rs"),
    }
}

fn listen(sock: &Socket, ctx: &mut WorkerCtx) -> Option<Addr> {
    let local = match sock.local_addr() {
        Ok(a) => a.as_socket().map(Addr::Inet).unwrap_or_else(|| Addr::Unix(ctx.spec.address.clone())),
        Err(_) => Addr::Unnamed,
    };
    ctx.out.push(EventKind::Bound { local: local.clone() });
    if let Err(e) = sock.listen(ctx.spec.backlog) {
        ctx.out.push(EventKind::Error {
            conn: None,
            error: NetError::from_io(format!("listen({})", ctx.spec.backlog), &e),
        });
        return None;
    }
    ctx.out.push(EventKind::Listening { local: local.clone(), backlog: ctx.spec.backlog });
    sock.set_nonblocking(true).ok()?;
    Some(local)
}

fn open_tcp_server(ctx: &mut WorkerCtx) -> Option<TcpListener> {
    let addr = *resolve(&ctx.spec.address, &mut ctx.out)?.first()?;
    let sock = new_socket(domain_for(&addr), Type::STREAM, &mut ctx.out, None)?;
    apply_options(&sock, &ctx.spec.options, SocketClass::Tcp, addr.is_ipv6(), &mut ctx.out);
    if let Err(e) = sock.bind(&addr.into()) {
        ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io(format!("bind({addr})"), &e) });
        return None;
    }
    listen(&sock, ctx)?;
    let reports = snapshot(SockRef::from(&sock), SocketClass::Tcp, addr.is_ipv6());
    ctx.out.push(EventKind::Options { conn: None, reports });
    Some(TcpListener::from_std(sock.into()))
}

fn open_unix_server(ctx: &mut WorkerCtx) -> Option<UnixListener> {
    let path = ctx.spec.address.clone();
    let sock = new_socket(Domain::UNIX, Type::STREAM, &mut ctx.out, None)?;
    apply_options(&sock, &ctx.spec.options, SocketClass::UnixStream, false, &mut ctx.out);
    let bind = SockAddr::unix(&path).and_then(|a| sock.bind(&a));
    if let Err(e) = bind {
        let mut error = NetError::from_io(format!("bind({path})"), &e);
        if e.raw_os_error() == Some(libc::EADDRINUSE) {
            error.hint =
                "A file already exists at this path: if no server uses it any more, delete it and start again.".into();
        }
        ctx.out.push(EventKind::Error { conn: None, error });
        return None;
    }
    if listen(&sock, ctx).is_none() {
        let _ = std::fs::remove_file(&path);
        return None;
    }
    ctx.out.push(EventKind::Options {
        conn: None,
        reports: snapshot(SockRef::from(&sock), SocketClass::UnixStream, false),
    });
    Some(UnixListener::from_std(sock.into()))
}

/// Tries each resolved address in turn, as a careful client does.
fn open_tcp_client(ctx: &mut WorkerCtx) -> Option<TcpStream> {
    let addrs = resolve(&ctx.spec.address, &mut ctx.out)?;
    for addr in addrs {
        let Some(sock) = new_socket(domain_for(&addr), Type::STREAM, &mut ctx.out, Some(0)) else { continue };
        apply_options(&sock, &ctx.spec.options, SocketClass::Tcp, addr.is_ipv6(), &mut ctx.out);
        // connect() may block for the whole timeout: show the steps so far first.
        ctx.out.flush();
        ctx.out.wake();
        match sock.connect_timeout(&addr.into(), ctx.spec.connect_timeout) {
            Ok(()) => {
                sock.set_nonblocking(true).ok()?;
                ctx.out.push(EventKind::Options {
                    // A client's socket-level options are reported as the endpoint's (conn None).
                    conn: None,
                    reports: snapshot(SockRef::from(&sock), SocketClass::Tcp, addr.is_ipv6()),
                });
                return Some(TcpStream::from_std(sock.into()));
            }
            Err(e) => ctx
                .out
                .push(EventKind::Error { conn: Some(0), error: NetError::from_io(format!("connect({addr})"), &e) }),
        }
    }
    None
}

fn open_unix_client(ctx: &mut WorkerCtx) -> Option<UnixStream> {
    let path = ctx.spec.address.clone();
    let sock = new_socket(Domain::UNIX, Type::STREAM, &mut ctx.out, Some(0))?;
    apply_options(&sock, &ctx.spec.options, SocketClass::UnixStream, false, &mut ctx.out);
    if let Err(e) = SockAddr::unix(&path).and_then(|a| sock.connect(&a)) {
        ctx.out.push(EventKind::Error { conn: Some(0), error: NetError::from_io(format!("connect({path})"), &e) });
        return None;
    }
    sock.set_nonblocking(true).ok()?;
    ctx.out.push(EventKind::Options {
        // A client's socket-level options are reported as the endpoint's (conn None).
        conn: None,
        reports: snapshot(SockRef::from(&sock), SocketClass::UnixStream, false),
    });
    Some(UnixStream::from_std(sock.into()))
}

struct Worker<L: ListenSock> {
    ctx: WorkerCtx,
    listener: Option<L>,
    conns: BTreeMap<ConnId, Conn<L::Stream>>,
    next_conn: ConnId,
    reply: ReplyMode,
    class: SocketClass,
    /// A Unix server removes its socket file when it stops.
    unix_path: Option<PathBuf>,
    buf: Vec<u8>,
    done: bool,
}

impl<L: ListenSock> Worker<L> {
    fn start(ctx: WorkerCtx, listener: Option<L>, client: Option<L::Stream>, unix_path: Option<PathBuf>) {
        let class = ctx.spec.kind.class();
        let reply = ctx.spec.reply;
        let failed = listener.is_none() && client.is_none();
        let mut w = Worker {
            ctx,
            listener,
            conns: BTreeMap::new(),
            next_conn: 1,
            reply,
            class,
            unix_path,
            buf: vec![0; CHUNK],
            done: failed,
        };
        if let Some(l) = w.listener.as_mut()
            && let Err(e) = w.ctx.poll.registry().register(l, LISTENER, Interest::READABLE)
        {
            w.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("epoll_ctl", &e) });
            w.done = true;
        }
        if let Some(s) = client {
            let mut c = Conn::new(0, s);
            w.ctx.out.push(EventKind::Connected { conn: 0, local: c.local.clone(), peer: c.peer.clone() });
            if let Err(e) =
                w.ctx.poll.registry().register(&mut c.sock, token(0), Interest::READABLE | Interest::WRITABLE)
            {
                w.ctx.out.push(EventKind::Error { conn: Some(0), error: NetError::from_io("epoll_ctl", &e) });
                w.done = true;
            }
            w.conns.insert(0, c);
        }
        if !w.done {
            w.run();
        }
        w.finish();
    }

    fn is_server(&self) -> bool {
        self.ctx.spec.kind.is_server()
    }

    fn run(&mut self) {
        let mut events = Events::with_capacity(1024);
        while !self.done {
            let timeout = if self.ctx.out.congested() || self.ctx.out.has_pending() {
                Some(Duration::from_millis(2))
            } else if self.conns.values().any(|c| c.busy(self.may_read(c))) {
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
                match ev.token() {
                    WAKE_TOKEN => {}
                    LISTENER => self.accept_all(),
                    t => {
                        if let Some(c) = self.conns.get_mut(&(t.0 as u64 - 2)) {
                            c.readable |= ev.is_readable() || ev.is_read_closed() || ev.is_error();
                            c.writable |= ev.is_writable() || ev.is_error();
                        }
                    }
                }
            }
            self.handle_commands();
            self.ctx.out.flush();
            if !self.ctx.out.congested() {
                self.service();
            }
            self.ctx.out.flush();
            self.ctx.out.wake();
        }
    }

    fn accept_all(&mut self) {
        loop {
            let Some(l) = self.listener.as_ref() else { return };
            match l.accept_one() {
                Ok(sock) => {
                    let id = self.next_conn;
                    self.next_conn += 1;
                    let mut c = Conn::new(id, sock);
                    if let Err(e) = self.ctx.poll.registry().register(
                        &mut c.sock,
                        token(id),
                        Interest::READABLE | Interest::WRITABLE,
                    ) {
                        self.ctx
                            .out
                            .push(EventKind::Error { conn: Some(id), error: NetError::from_io("epoll_ctl", &e) });
                        continue;
                    }
                    self.ctx.out.push(EventKind::Accepted { conn: id, local: c.local.clone(), peer: c.peer.clone() });
                    if self.reply == ReplyMode::Daytime {
                        let _ = c.queue(reply::daytime_line(SystemTime::now()).into_bytes());
                        c.close_when_flushed = true;
                    }
                    self.conns.insert(id, c);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // EMFILE and friends: report, and try again at the next connection.
                    self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("accept", &e) });
                    return;
                }
            }
        }
    }

    /// Whether this connection's reads should go on: not while its peer (or,
    /// in chat, any client) is slow to take what we send back.
    fn may_read(&self, c: &Conn<L::Stream>) -> bool {
        match self.reply {
            ReplyMode::Echo => c.queued() < OUT_PAUSE,
            ReplyMode::Chat => self.conns.values().all(|o| o.queued() < OUT_PAUSE),
            _ => true,
        }
    }

    fn service(&mut self) {
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
        for _ in 0..READS_PER_TURN {
            let Some(c) = self.conns.get(&id) else { return };
            if !c.readable || c.read_closed || !self.may_read(c) || self.ctx.out.congested() {
                break;
            }
            let Some(c) = self.conns.get_mut(&id) else { return };
            match c.read_chunk(&mut self.buf, &mut self.ctx.out) {
                ReadOutcome::Data(data) => self.on_data(id, data),
                ReadOutcome::WouldBlock => break,
                ReadOutcome::Eof => {
                    self.on_eof(id);
                    break;
                }
                ReadOutcome::Failed => {
                    broken = true;
                    break;
                }
            }
        }
        let Some(c) = self.conns.get_mut(&id) else { return };
        if !broken {
            c.pump_file(&mut self.ctx.out);
            broken = c.flush(&mut self.ctx.out).is_err();
        }
        let finished = c.flushed() && (c.close_when_flushed || (c.read_closed && c.write_shut));
        if broken || finished {
            self.close_conn(id, false);
        }
    }

    fn on_data(&mut self, id: ConnId, data: Vec<u8>) {
        let reply_data = match self.reply {
            ReplyMode::Echo | ReplyMode::Chat | ReplyMode::Http if self.is_server() => Some(data.clone()),
            _ => None,
        };
        self.ctx.out.push(EventKind::Received { conn: id, from: None, data });
        let Some(data) = reply_data else { return };
        match self.reply {
            ReplyMode::Echo => self.queue_to(id, data),
            ReplyMode::Chat => {
                let Some(c) = self.conns.get_mut(&id) else { return };
                c.reply_buf.extend_from_slice(&data);
                let prefix = format!("{}: ", c.peer);
                for line in reply::take_chat_lines(&mut c.reply_buf) {
                    let mut msg = prefix.clone().into_bytes();
                    msg.extend_from_slice(&line);
                    let others: Vec<ConnId> = self.conns.keys().copied().filter(|&o| o != id).collect();
                    for o in others {
                        self.queue_to(o, msg.clone());
                    }
                }
            }
            ReplyMode::Http => {
                let Some(c) = self.conns.get_mut(&id) else { return };
                if c.replied {
                    return;
                }
                c.reply_buf.extend_from_slice(&data);
                let answer = match reply::http_head_end(&c.reply_buf) {
                    Some(end) => Some(reply::http_response(Some(&c.reply_buf[..end]))),
                    None if c.reply_buf.len() > reply::MAX_HTTP_HEAD => Some(reply::http_response(None)),
                    None => None,
                };
                if let Some(answer) = answer {
                    c.replied = true;
                    c.reply_buf = Vec::new();
                    c.close_when_flushed = true;
                    self.queue_to(id, answer);
                }
            }
            _ => {}
        }
    }

    fn on_eof(&mut self, id: ConnId) {
        self.ctx.out.push(EventKind::PeerClosed { conn: id });
        let server_replies = self.is_server() && self.reply != ReplyMode::None;
        if let Some(c) = self.conns.get_mut(&id) {
            c.read_closed = true;
            // Reply modes answer what they have, then close, as tutorial servers do.
            if server_replies {
                c.close_when_flushed = true;
            }
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
        let _ = self.ctx.poll.registry().deregister(&mut c.sock);
        if abort && let Err(e) = SockRef::from(&c.sock).set_linger(Some(Duration::ZERO)) {
            self.ctx
                .out
                .push(EventKind::Error { conn: Some(id), error: NetError::from_io("setsockopt(SO_LINGER, 0)", &e) });
        }
        drop(c);
        self.ctx.out.push(EventKind::Closed { conn: Some(id), abortive: abort });
        if !self.is_server() {
            self.done = true;
        }
    }

    fn targets(&self, target: &Target) -> Result<Vec<ConnId>, NetError> {
        let none = |msg: &str| Err(NetError::usage("send", msg));
        match target {
            Target::Peer if !self.is_server() => Ok(self.conns.keys().copied().collect()),
            Target::Peer => none("a server has no single peer: pick a connection, or send to all"),
            Target::Conn(c) if self.conns.contains_key(c) => Ok(vec![*c]),
            Target::Conn(c) => none(&format!("connection #{c} is closed")),
            Target::All if self.conns.is_empty() => none("no client is connected"),
            Target::All => Ok(self.conns.keys().copied().collect()),
            Target::To(_) => none("a stream socket sends to its connection, not to an address"),
        }
    }

    fn handle_commands(&mut self) {
        loop {
            match self.ctx.inbox.try_recv() {
                Ok(cmd) => self.handle(cmd),
                Err(crossbeam_channel::TryRecvError::Empty) => return,
                Err(crossbeam_channel::TryRecvError::Disconnected) => {
                    self.close_all(false);
                    return;
                }
            }
        }
    }

    fn handle(&mut self, cmd: Command) {
        match cmd {
            Command::Open { .. } => {}
            Command::Send { target, data, .. } => match self.targets(&target) {
                Ok(ids) => {
                    for id in ids {
                        self.queue_to(id, data.clone());
                    }
                }
                Err(error) => self.ctx.out.push(EventKind::Error { conn: None, error }),
            },
            Command::SendFile { target, path, .. } => match self.targets(&target) {
                Ok(ids) => {
                    for id in ids {
                        self.start_file(id, &path);
                    }
                }
                Err(error) => self.ctx.out.push(EventKind::Error { conn: None, error }),
            },
            Command::SetOption { conn, opt, value, .. } => {
                let ipv6 = self.is_ipv6(conn);
                let class = self.class;
                if let Some(sock) = Self::sock_ref(&self.listener, &self.conns, conn) {
                    set_option(sock, opt, &value, class, ipv6, true, &mut self.ctx.out, conn);
                } else {
                    self.no_such_conn(conn);
                }
            }
            Command::ReadOptions { conn, .. } => {
                let ipv6 = self.is_ipv6(conn);
                if let Some(sock) = Self::sock_ref(&self.listener, &self.conns, conn) {
                    let reports = snapshot(sock, self.class, ipv6);
                    self.ctx.out.push(EventKind::Options { conn, reports });
                } else {
                    self.no_such_conn(conn);
                }
            }
            Command::SetReply { reply, .. } => self.reply = reply,
            Command::ShutdownWrite { conn, .. } => {
                let id = conn.unwrap_or(0);
                match self.conns.get_mut(&id) {
                    Some(c) => {
                        c.shutdown_requested = true;
                        let _ = c.flush(&mut self.ctx.out);
                    }
                    None => self.no_such_conn(Some(id)),
                }
            }
            Command::Disconnect { conn, abort, .. } => {
                if abort || self.conns.get(&conn).is_some_and(|c| c.flushed()) {
                    self.close_conn(conn, abort);
                } else if let Some(c) = self.conns.get_mut(&conn) {
                    c.close_when_flushed = true;
                } else {
                    self.no_such_conn(Some(conn));
                }
            }
            Command::Close { abort, .. } => self.close_all(abort),
            Command::Capture { path, .. } => self.ctx.out.set_capture(path),
        }
    }

    fn start_file(&mut self, id: ConnId, path: &std::path::Path) {
        let opened = std::fs::File::open(path).and_then(|f| {
            let total = f.metadata()?.len();
            Ok(FileSend { file: f, queued: 0, total })
        });
        match (opened, self.conns.get_mut(&id)) {
            (Ok(f), Some(c)) => c.file = Some(f),
            (Err(e), _) => {
                let error = NetError::from_io(format!("open({})", path.display()), &e);
                self.ctx.out.push(EventKind::Error { conn: Some(id), error });
            }
            (Ok(_), None) => {}
        }
    }

    fn no_such_conn(&mut self, conn: Option<ConnId>) {
        let msg = match conn {
            Some(c) => format!("connection #{c} is closed"),
            None => "the endpoint has no socket open".into(),
        };
        self.ctx.out.push(EventKind::Error { conn, error: NetError::usage("getsockopt", msg) });
    }

    /// The socket a command means: the listener, the client's one connection, or one of a server's.
    fn sock_ref<'a>(
        listener: &'a Option<L>,
        conns: &'a BTreeMap<ConnId, Conn<L::Stream>>,
        conn: Option<ConnId>,
    ) -> Option<SockRef<'a>> {
        match conn {
            None if listener.is_some() => listener.as_ref().map(SockRef::from),
            None => conns.get(&0).map(|c| SockRef::from(&c.sock)),
            Some(id) => conns.get(&id).map(|c| SockRef::from(&c.sock)),
        }
    }

    fn is_ipv6(&self, conn: Option<ConnId>) -> bool {
        let local = match conn {
            None if self.is_server() => {
                self.listener.as_ref().and_then(|l| SockRef::from(l).local_addr().ok()).and_then(|a| a.as_socket())
            }
            _ => match self.conns.get(&conn.unwrap_or(0)).map(|c| &c.local) {
                Some(Addr::Inet(a)) => Some(*a),
                _ => None,
            },
        };
        local.is_some_and(|a| a.is_ipv6())
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
        if let Some(mut l) = self.listener.take() {
            let _ = self.ctx.poll.registry().deregister(&mut l);
            drop(l);
            self.ctx.out.push(EventKind::Closed { conn: None, abortive: false });
        } else if self.is_server() {
            // Never listened: nothing to close, but say the endpoint is over.
        }
        if let Some(p) = self.unix_path.take() {
            let _ = std::fs::remove_file(p);
        }
        self.ctx.out.push(EventKind::Stopped);
        self.ctx.out.close();
    }
}
