//! The engine's kernel thread: it follows TCP connections through sock_diag
//! where no socket of socklab can look. After a worker closes a watched
//! connection, its 4-tuple is followed until the kernel forgets it (so
//! TIME_WAIT is seen); and when the peer of a watched connection is a socket
//! on this machine that socklab does not own (a student's own client), its
//! state and queues are reported ("peer seen by the kernel").
//!
//! Workers send it requests through a bounded channel; it reports through the
//! engine's event channel and waker, like a worker. It starts with the first
//! request, so it costs nothing while nobody watches, and ends with the engine.

mod peers;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TrySendError, bounded};

use self::peers::PeerWatch;
use super::errors::NetError;
use super::event::{ConnId, EndpointId, Event, EventKind, StateSource};
use super::kernel::{FOLLOW_EVERY, Follower, SockDiag, TcpState, text};
use super::waker::Waker;

/// Requests the thread's inbox holds; a worker that finds it full says so.
const INBOX: usize = 1024;
/// Connections followed at once, closed ones and peers each: memory stays
/// bounded whatever a flood of short connections does.
const MAX_WATCHED: usize = 4096;
/// How long an event may wait for room in a full event channel before it is
/// dropped (and counted): the thread must not hang on a caller that stopped reading.
const SEND_WAIT: Duration = Duration::from_secs(1);

/// What a worker (or the engine) asks of the kernel thread.
#[derive(Debug)]
pub(crate) enum Request {
    /// This connection's fd was just closed: follow its 4-tuple until the
    /// kernel forgets it. `last` is the state the worker saw last.
    Follow { endpoint: EndpointId, conn: ConnId, local: SocketAddr, remote: SocketAddr, last: Option<TcpState> },
    /// This watched connection's peer is on this machine: report it if it is
    /// not socklab's own socket.
    Peer { endpoint: EndpointId, conn: ConnId, local: SocketAddr, remote: SocketAddr },
    /// Nobody watches this endpoint any more: stop following its connections.
    Forget { endpoint: EndpointId },
    /// Answered once every earlier request has been handled (its first lookup
    /// made and reported).
    Sync(Sender<()>),
}

/// The handle workers and the engine share. Cloning it is cheap.
#[derive(Clone)]
pub(crate) struct KernelLink {
    shared: Arc<Shared>,
}

struct Shared {
    /// The thread's inbox, once it has started.
    tx: Mutex<Option<Sender<Request>>>,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
    stopped: AtomicBool,
    events: Sender<Event>,
    waker: Arc<dyn Waker>,
}

impl KernelLink {
    pub fn new(events: Sender<Event>, waker: Arc<dyn Waker>) -> KernelLink {
        let shared =
            Shared { tx: Mutex::new(None), thread: Mutex::new(None), stopped: AtomicBool::new(false), events, waker };
        KernelLink { shared: Arc::new(shared) }
    }

    /// Hands a request over without blocking, starting the thread if needed.
    pub fn request(&self, req: Request) -> Result<(), NetError> {
        let mut tx = self.shared.tx.lock().unwrap_or_else(|e| e.into_inner());
        if self.shared.stopped.load(Ordering::SeqCst) {
            return Ok(());
        }
        if tx.is_none() {
            *tx = Some(self.spawn()?);
        }
        let Some(sender) = tx.as_ref() else { return Ok(()) };
        match sender.try_send(req) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_)) => Err(NetError::said("sock_diag", text::kernel_thread_busy())),
            Err(TrySendError::Disconnected(_)) => {
                *tx = None;
                Err(NetError::said("sock_diag", text::kernel_thread_gone()))
            }
        }
    }

    /// Stops following an endpoint's connections (nothing to do if the thread never started).
    pub fn forget(&self, endpoint: EndpointId) {
        let tx = self.shared.tx.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sender) = tx.as_ref() {
            let _ = sender.try_send(Request::Forget { endpoint });
        }
    }

    /// Waits until every request sent so far has been handled and its
    /// events are in the channel; false if that took longer than `timeout`.
    pub fn sync(&self, timeout: Duration) -> bool {
        let sender = self.shared.tx.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(sender) = sender else { return true };
        let (done_tx, done_rx) = bounded(1);
        if sender.send_timeout(Request::Sync(done_tx), timeout).is_err() {
            return false;
        }
        done_rx.recv_timeout(timeout).is_ok()
    }

    /// Ends the thread (the engine is going away); later requests are ignored.
    pub fn stop(&self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        // Dropping the only sender ends the thread's wait.
        self.shared.tx.lock().unwrap_or_else(|e| e.into_inner()).take();
    }

    fn spawn(&self) -> Result<Sender<Request>, NetError> {
        let (tx, rx) = bounded(INBOX);
        let thread = KernelThread::new(rx, self.shared.events.clone(), self.shared.waker.clone());
        let handle = std::thread::Builder::new()
            .name("socklab-kernel".into())
            .spawn(move || thread.run())
            .map_err(|e| NetError::from_io("spawn(kernel thread)", &e))?;
        *self.shared.thread.lock().unwrap_or_else(|e| e.into_inner()) = Some(handle);
        Ok(tx)
    }

    /// The thread has been started and has not ended yet.
    #[cfg(test)]
    pub fn running(&self) -> bool {
        self.shared.thread.lock().unwrap_or_else(|e| e.into_inner()).as_ref().is_some_and(|h| !h.is_finished())
    }
}

/// A closed connection being followed.
struct Followed {
    endpoint: EndpointId,
    conn: ConnId,
    follower: Follower,
    next: Instant,
}

struct KernelThread {
    rx: Receiver<Request>,
    events: Sender<Event>,
    waker: Arc<dyn Waker>,
    /// Opened at the first lookup; None after it failed to open (said once).
    diag: Option<SockDiag>,
    diag_failed: bool,
    follows: Vec<Followed>,
    peers: Vec<PeerWatch>,
    /// Events dropped because the caller took none for [`SEND_WAIT`]; said once it takes them again.
    dropped: u64,
    sent_since_wake: bool,
}

impl KernelThread {
    fn new(rx: Receiver<Request>, events: Sender<Event>, waker: Arc<dyn Waker>) -> KernelThread {
        KernelThread {
            rx,
            events,
            waker,
            diag: None,
            diag_failed: false,
            follows: Vec::new(),
            peers: Vec::new(),
            dropped: 0,
            sent_since_wake: false,
        }
    }

    fn run(mut self) {
        loop {
            let next = self.follows.iter().map(|f| f.next).chain(self.peers.iter().map(|p| p.next)).min();
            let got = match next {
                Some(at) => self.rx.recv_deadline(at),
                None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match got {
                Ok(req) => self.handle(req),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            self.poll_due(Instant::now());
            if std::mem::take(&mut self.sent_since_wake) {
                self.waker.wake();
            }
        }
    }

    fn handle(&mut self, req: Request) {
        let now = Instant::now();
        match req {
            Request::Follow { endpoint, conn, local, remote, last } => {
                for p in self.peers.iter_mut().filter(|p| p.endpoint == endpoint && p.conn == conn) {
                    p.ours_closed(now);
                    p.next = now;
                }
                if self.follows.len() >= MAX_WATCHED {
                    return self.report(endpoint, limit_error(conn));
                }
                let follower = Follower::new(local, remote, last, now);
                self.follows.push(Followed { endpoint, conn, follower, next: now });
            }
            Request::Peer { endpoint, conn, local, remote } => {
                // Asked again: our side changed state, so look at the peer now.
                if let Some(p) = self.peers.iter_mut().find(|p| p.endpoint == endpoint && p.conn == conn) {
                    p.next = now;
                    return;
                }
                if self.peers.len() >= MAX_WATCHED {
                    return self.report(endpoint, limit_error(conn));
                }
                self.peers.push(PeerWatch::new(endpoint, conn, local, remote, now));
            }
            Request::Forget { endpoint } => {
                self.follows.retain(|f| f.endpoint != endpoint);
                self.peers.retain(|p| p.endpoint != endpoint);
            }
            Request::Sync(done) => {
                // The requests before this one are handled; make their first lookups now.
                self.poll_due(now);
                let _ = done.send(());
            }
        }
    }

    /// Makes every lookup that is due, reports what changed, forgets what is done.
    fn poll_due(&mut self, now: Instant) {
        let due = self.follows.iter().any(|f| f.next <= now) || self.peers.iter().any(|p| p.next <= now);
        if !due {
            return;
        }
        let Some(mut diag) = self.open_diag() else {
            self.follows.clear();
            self.peers.clear();
            return;
        };
        let mut out = Vec::new();
        for f in self.follows.iter_mut().filter(|f| f.next <= now) {
            f.next = now + FOLLOW_EVERY;
            let kind = match f.follower.poll(&mut diag, now) {
                Ok(None) => continue,
                Ok(Some(change)) => EventKind::TcpState {
                    conn: Some(f.conn),
                    from: change.from,
                    to: change.to,
                    info: f.follower.last_seen().and_then(|s| s.info),
                    source: StateSource::SockDiag,
                },
                Err(error) => EventKind::Error { conn: Some(f.conn), error },
            };
            out.push((f.endpoint, kind));
        }
        for p in self.peers.iter_mut().filter(|p| p.next <= now) {
            if let Some(kind) = p.poll(&mut diag, now) {
                out.push((p.endpoint, kind));
            }
        }
        self.diag = Some(diag);
        self.follows.retain(|f| !f.follower.done());
        self.peers.retain(|p| !p.done());
        for (endpoint, kind) in out {
            self.report(endpoint, kind);
        }
    }

    /// The netlink socket, opened at the first need. If it cannot be opened
    /// (not Linux, or netlink refused), every request is answered with that
    /// error once and nothing is followed.
    fn open_diag(&mut self) -> Option<SockDiag> {
        if let Some(d) = self.diag.take() {
            return Some(d);
        }
        match SockDiag::open() {
            Ok(d) => Some(d),
            Err(error) => {
                let first = self.follows.iter().map(|f| f.endpoint).chain(self.peers.iter().map(|p| p.endpoint)).next();
                if let (false, Some(endpoint)) = (std::mem::replace(&mut self.diag_failed, true), first) {
                    self.report(endpoint, EventKind::Error { conn: None, error });
                }
                None
            }
        }
    }

    /// Sends one event (waiting a little for room). What could not be sent
    /// is counted and said with the next event that gets through.
    fn report(&mut self, endpoint: EndpointId, kind: EventKind) {
        if self.dropped > 0 {
            let error = NetError::said("sock_diag", text::kernel_events_dropped(self.dropped));
            let ev = Event { time: SystemTime::now(), endpoint, kind: EventKind::Error { conn: None, error } };
            if self.events.send_timeout(ev, SEND_WAIT).is_ok() {
                self.dropped = 0;
            }
        }
        let ev = Event { time: SystemTime::now(), endpoint, kind };
        match self.events.send_timeout(ev, SEND_WAIT) {
            Ok(()) => self.sent_since_wake = true,
            Err(_) => self.dropped += 1,
        }
    }
}

fn limit_error(conn: ConnId) -> EventKind {
    EventKind::Error { conn: Some(conn), error: NetError::said("sock_diag", text::too_many_followed(MAX_WATCHED)) }
}

#[cfg(test)]
mod tests;
