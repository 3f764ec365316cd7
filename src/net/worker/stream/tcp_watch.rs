//! Watching TCP sockets through the kernel (`Command::WatchTcp`): a
//! `StateWatch` per connection, sampled (TCP_INFO and the queues) at once
//! after the calls that change its state (accept, connect, shutdown, EOF,
//! close), at the end of a turn in which it moved data, and every socket at
//! the watch's interval. A state change is an event of its own. A closed
//! connection, and a peer on this machine, are handed to the engine's kernel
//! thread, which follows them through sock_diag; the peer is looked at again
//! whenever our side changes state, so a fast close is not missed.

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use super::conn::Conn;
use super::{ListenSock, Worker};
use crate::net::addr::Addr;
use crate::net::errors::NetError;
use crate::net::event::{ConnId, EndpointId, EventKind, StateSource};
use crate::net::kernel::{self, StateWatch, TcpState};
use crate::net::kernel_thread::Request;
use crate::net::options::SocketClass;
use crate::net::outbox::Outbox;

/// Requests held back while events wait to be handed over; past this many the
/// worker waits for the caller rather than hold more.
const MAX_QUEUED_REQUESTS: usize = 1024;

/// The shortest interval between samples: a faster watch would mostly measure itself.
pub(crate) const MIN_INTERVAL: Duration = Duration::from_millis(10);

/// A worker's watch over its TCP sockets; all empty while nobody watches.
#[derive(Default)]
pub(super) struct TcpWatching {
    on: bool,
    interval: Option<Duration>,
    next_sample: Option<Instant>,
    conns: HashMap<ConnId, ConnWatch>,
    listener: StateWatch,
    /// Connections that had an event this turn.
    dirty: BTreeSet<ConnId>,
    listener_dirty: bool,
    /// For the kernel thread, sent once the events before them are handed over
    /// (so a TIME_WAIT report never overtakes the close it follows).
    requests: Vec<Request>,
    /// A failed TCP_INFO is reported once per watch.
    failed: bool,
}

/// One watched connection.
#[derive(Default)]
struct ConnWatch {
    state: StateWatch,
    /// Its addresses, when its peer is on this machine (sock_diag may see the peer's socket).
    local_peer: Option<(SocketAddr, SocketAddr)>,
}

impl TcpWatching {
    pub fn next_sample(&self) -> Option<Instant> {
        self.next_sample.filter(|_| self.on)
    }

    /// Samples a connection, watching it from now on if it was not yet.
    fn sample_conn<S: AsFd>(&mut self, id: ConnId, c: &Conn<S>, how: Sample, out: &mut Outbox) {
        let endpoint = out.endpoint();
        let w = self.conns.entry(id).or_insert_with(|| ConnWatch::new(endpoint, id, c, &mut self.requests));
        w.sample(endpoint, &c.sock, id, how, &mut self.failed, &mut self.requests, out);
    }
}

/// What one sample is for: a state change only, or the interval's report too.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sample {
    OnEvent,
    Interval,
}

impl<L: ListenSock> Worker<L> {
    pub(super) fn watch_tcp(&mut self, interval: Option<Duration>) {
        let refuse = if self.class != SocketClass::Tcp {
            Some(NetError::said("getsockopt(TCP_INFO)", kernel::text::not_tcp()))
        } else if !kernel::AVAILABLE {
            Some(NetError::said("getsockopt(TCP_INFO)", kernel::text::not_available()))
        } else {
            None
        };
        if let Some(error) = refuse {
            return self.ctx.out.push(EventKind::Error { conn: None, error });
        }
        let t = &mut self.tcp;
        if !t.on {
            t.on = true;
            t.listener_dirty = true;
            // Now, not at the end of the turn: a command later in this turn
            // (a shutdown) would move a connection on before its first report.
            let ids: Vec<ConnId> = self.conns.keys().copied().collect();
            ids.into_iter().for_each(|id| self.tcp_sample_now(id));
        }
        let t = &mut self.tcp;
        t.interval = interval.map(|i| i.max(MIN_INTERVAL));
        t.next_sample = t.interval.map(|_| Instant::now());
    }

    pub(super) fn unwatch_tcp(&mut self) {
        self.tcp = TcpWatching::default();
        // After every Follow this worker sent, so none outlives the unwatch.
        self.ctx.kernel.forget(self.ctx.out.endpoint());
    }

    /// The connection moved data: sample it at the end of this turn.
    pub(super) fn tcp_touch(&mut self, id: ConnId) {
        if self.tcp.on {
            self.tcp.dirty.insert(id);
        }
    }

    /// A call that changes the connection's state just returned (accept,
    /// connect, shutdown, EOF): sample it now, before anything else moves it on.
    pub(super) fn tcp_sample_now(&mut self, id: ConnId) {
        if !self.tcp.on {
            return;
        }
        self.tcp.dirty.remove(&id);
        if let Some(c) = self.conns.get(&id) {
            self.tcp.sample_conn(id, c, Sample::OnEvent, &mut self.ctx.out);
        }
    }

    /// Samples what is due: every socket at the interval (unless the caller
    /// is behind: a sample is a measurement, the next one will do), and the
    /// connections that had events.
    pub(super) fn tcp_sample(&mut self) {
        if !self.tcp.on {
            return;
        }
        let now = Instant::now();
        let t = &mut self.tcp;
        let due = t.next_sample.is_some_and(|at| now >= at);
        if let (true, Some(every)) = (due, t.interval) {
            t.next_sample = Some(now + every);
        }
        let interval = due && !self.ctx.out.congested();
        if interval {
            t.listener_dirty = true;
            t.dirty.extend(self.conns.keys());
        }
        let how = if interval { Sample::Interval } else { Sample::OnEvent };
        if std::mem::take(&mut t.listener_dirty)
            && let Some(l) = self.listener.as_ref()
        {
            sample(&mut t.listener, l, None, how, &mut t.failed, &mut self.ctx.out);
        }
        for id in std::mem::take(&mut t.dirty) {
            let Some(c) = self.conns.get(&id) else { continue };
            t.sample_conn(id, c, how, &mut self.ctx.out);
        }
    }

    /// A watched connection is about to be closed: its last sample, then (once
    /// the close is reported) the kernel thread follows its 4-tuple.
    pub(super) fn tcp_closing(&mut self, id: ConnId, c: &Conn<L::Stream>) {
        if !self.tcp.on {
            return;
        }
        let endpoint = self.ctx.out.endpoint();
        let t = &mut self.tcp;
        t.dirty.remove(&id);
        let mut w = t.conns.remove(&id).unwrap_or_default();
        w.sample(endpoint, &c.sock, id, Sample::OnEvent, &mut t.failed, &mut t.requests, &mut self.ctx.out);
        if let (Addr::Inet(local), Addr::Inet(remote)) = (&c.local, &c.peer) {
            let (local, remote, last) = (*local, *remote, w.state.current());
            t.requests.push(Request::Follow { endpoint, conn: id, local, remote, last });
        }
    }

    /// Hands the requests to the kernel thread once nothing reported before them is still waiting.
    pub(super) fn tcp_send_requests(&mut self) {
        if self.tcp.requests.is_empty() {
            return;
        }
        if self.ctx.out.has_pending() {
            if self.tcp.requests.len() < MAX_QUEUED_REQUESTS {
                return;
            }
            // A peer that opens and closes connections faster than the caller
            // takes events would grow this list for ever: wait for the caller
            // instead (the worker stops accepting meanwhile, as backpressure).
            self.ctx.out.deliver_all();
        }
        let mut refused = None;
        for req in std::mem::take(&mut self.tcp.requests) {
            if let Err(e) = self.ctx.kernel.request(req) {
                refused = Some(e);
            }
        }
        if let Some(error) = refused {
            self.ctx.out.push(EventKind::Error { conn: None, error });
        }
    }

    /// The worker is ending: every close is handed over, then the requests
    /// that follow them, before the worker's last events.
    pub(super) fn tcp_before_stop(&mut self) {
        if !self.tcp.requests.is_empty() {
            self.ctx.out.deliver_all();
            self.tcp_send_requests();
        }
    }
}

impl ConnWatch {
    /// A new watch; a peer on this machine is handed to the kernel thread.
    fn new<S>(endpoint: EndpointId, id: ConnId, c: &Conn<S>, requests: &mut Vec<Request>) -> ConnWatch {
        let local_peer = on_this_machine(c);
        if let Some((local, remote)) = local_peer {
            requests.push(Request::Peer { endpoint, conn: id, local, remote });
        }
        ConnWatch { state: StateWatch::new(), local_peer }
    }

    /// Samples the connection; when its state changed, its peer is looked at again too.
    #[allow(clippy::too_many_arguments)]
    fn sample(
        &mut self,
        endpoint: EndpointId,
        sock: &impl AsFd,
        id: ConnId,
        how: Sample,
        failed: &mut bool,
        requests: &mut Vec<Request>,
        out: &mut Outbox,
    ) {
        let changed = sample(&mut self.state, sock, Some(id), how, failed, out);
        if let (true, Some((local, remote))) = (changed, self.local_peer) {
            requests.push(Request::Peer { endpoint, conn: id, local, remote });
        }
    }
}

/// One sample of a socket: a state change is reported as it is seen (and
/// true returned); at the interval the whole sample is reported too.
fn sample(
    watch: &mut StateWatch,
    sock: &impl AsFd,
    conn: Option<ConnId>,
    how: Sample,
    failed: &mut bool,
    out: &mut Outbox,
) -> bool {
    let info = match kernel::tcp_info(sock) {
        Ok(info) => info,
        Err(error) => {
            if !std::mem::replace(failed, true) {
                out.push(EventKind::Error { conn, error });
            }
            return false;
        }
    };
    // The fd's socket says CLOSED once the kernel has handed the connection
    // to a TIME_WAIT socket, and after a reset; which of the two, sock_diag
    // tells after close(). Until then there is nothing new to report.
    if info.state == TcpState::Closed {
        return false;
    }
    let change = watch.observe(info.state);
    if let Some(change) = change {
        let source = StateSource::TcpInfo;
        out.push(EventKind::TcpState { conn, from: change.from, to: change.to, info: Some(info), source });
    }
    if how == Sample::Interval {
        out.push(EventKind::TcpInfo { conn, info });
    }
    change.is_some()
}

/// Both addresses, when the peer is on this machine (loopback, or our own
/// address): then sock_diag can see its socket too.
fn on_this_machine<S>(c: &Conn<S>) -> Option<(SocketAddr, SocketAddr)> {
    let (Addr::Inet(local), Addr::Inet(remote)) = (&c.local, &c.peer) else { return None };
    let peer_ip = remote.ip().to_canonical();
    (peer_ip.is_loopback() || peer_ip == local.ip().to_canonical()).then_some((*local, *remote))
}
