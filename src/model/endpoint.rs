//! One endpoint as the GUI knows it: state, addresses, connections, counters,
//! options (asked for and read back), and its conversation.

use std::collections::BTreeMap;
use std::time::SystemTime;

use super::Limits;
use super::conversation::{Conversation, Direction};
use super::framed::{FramedKind, FramedLog};
use super::rates::Rates;
use super::tcp::TcpViews;
use crate::net::{Addr, ConnId, EndpointId, EndpointSpec, Event, EventKind, NetError, OptValue, ReplyMode, SockOpt};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// In the workspace, not started (it does not start automatically).
    Idle,
    Starting,
    Listening,
    /// A datagram socket with a local address.
    Bound,
    Connected,
    /// One side has sent FIN: we shut down writing, or the peer did.
    HalfClosed,
    Closed,
    Error,
}

impl Status {
    /// The state's name on screen, in the current language.
    pub fn label(self) -> String {
        match self {
            Status::Idle => crate::t!("status-idle"),
            Status::Starting => crate::t!("status-starting"),
            Status::Listening => crate::t!("status-listening"),
            Status::Bound => crate::t!("status-bound"),
            Status::Connected => crate::t!("status-connected"),
            Status::HalfClosed => crate::t!("status-half-closed"),
            Status::Closed => crate::t!("status-closed"),
            Status::Error => crate::t!("status-error"),
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, Status::Idle | Status::Closed | Status::Error)
    }
}

#[derive(Clone, Debug)]
pub struct ConnState {
    pub id: ConnId,
    pub local: Addr,
    pub peer: Addr,
    pub since: SystemTime,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub msgs_in: u64,
    pub msgs_out: u64,
    /// The peer sent FIN.
    pub peer_closed: bool,
    /// We sent FIN (shutdown SHUT_WR).
    pub we_shut: bool,
}

impl ConnState {
    pub fn status(&self) -> Status {
        if self.peer_closed || self.we_shut { Status::HalfClosed } else { Status::Connected }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionView {
    pub requested: Option<OptValue>,
    pub effective: Result<OptValue, crate::net::NetError>,
}

#[derive(Debug)]
pub struct EndpointState {
    pub id: EndpointId,
    pub name: String,
    pub spec: EndpointSpec,
    pub status: Status,
    pub reply: ReplyMode,
    pub local: Option<Addr>,
    pub peer: Option<Addr>,
    pub conns: BTreeMap<ConnId, ConnState>,
    pub conns_closed: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub msgs_in: u64,
    pub msgs_out: u64,
    pub rates: Rates,
    pub conversation: Conversation,
    /// Framed messages, sends, frame errors and resyncs, bounded like the conversation.
    pub framed: FramedLog,
    /// How often each of the endpoint's own rules fired since they were set.
    pub rule_fired: Vec<u64>,
    /// By socket (None: the endpoint's own; Some: a server's connection).
    pub options: BTreeMap<Option<ConnId>, BTreeMap<SockOpt, OptionView>>,
    pub last_error: Option<NetError>,
    pub errors: u64,
    /// Datagrams lost: by socklab, and by the kernel where the OS tells.
    pub loss: (u64, Option<u64>),
    /// Traffic may still add to `loss`: a count came in during a burst and
    /// the socket has not been quiet since.
    pub loss_counting: bool,
    /// Datagrams echoed back could not all be sent: the send buffer was full.
    pub echo_dropped: u64,
    /// A file being sent: (bytes queued, total).
    pub file_progress: Option<(u64, u64)>,
    pub stopped: bool,
    /// Started when its workspace opens.
    pub autostart: bool,
    /// The file every byte in and out is being recorded to.
    pub capture: Option<String>,
    /// What the kernel reports about its TCP sockets while they are watched.
    pub tcp: TcpViews,
}

impl EndpointState {
    pub fn new(id: EndpointId, name: String, spec: EndpointSpec, limits: Limits) -> EndpointState {
        EndpointState {
            id,
            name,
            reply: spec.reply,
            spec,
            status: Status::Starting,
            local: None,
            peer: None,
            conns: BTreeMap::new(),
            conns_closed: 0,
            bytes_in: 0,
            bytes_out: 0,
            msgs_in: 0,
            msgs_out: 0,
            rates: Rates::default(),
            conversation: Conversation::new(limits.messages, limits.message_bytes),
            framed: FramedLog::new(limits.messages, limits.message_bytes),
            rule_fired: Vec::new(),
            options: BTreeMap::new(),
            last_error: None,
            errors: 0,
            loss: (0, None),
            loss_counting: false,
            echo_dropped: 0,
            file_progress: None,
            stopped: false,
            autostart: true,
            capture: None,
            tcp: TcpViews::default(),
        }
    }

    pub fn is_server(&self) -> bool {
        self.spec.kind.is_server()
    }

    pub fn apply(&mut self, ev: Event) {
        let time = ev.time;
        self.tcp.apply(time, &ev.kind);
        match ev.kind {
            EventKind::Bound { local } => {
                self.local = Some(local);
                if self.spec.kind.is_datagram() {
                    self.status = Status::Bound;
                }
            }
            EventKind::Listening { local, .. } => {
                self.local = Some(local);
                self.status = Status::Listening;
            }
            EventKind::Accepted { conn, local, peer } => {
                self.conns.insert(conn, new_conn(conn, local, peer, time));
            }
            EventKind::Connected { conn, local, peer } => {
                self.local = Some(local.clone());
                self.peer = Some(peer.clone());
                self.status = Status::Connected;
                if !self.spec.kind.is_datagram() {
                    self.conns.insert(conn, new_conn(conn, local, peer, time));
                }
            }
            EventKind::Sent { conn, to, data } => {
                self.count(conn, Direction::Out, data.len() as u64, time);
                let peer = to.or_else(|| self.peer_of(conn));
                if self.frames_stream() {
                    self.framed.push(time, conn, peer.clone(), FramedKind::Sent(data.clone()));
                }
                self.conversation.push(time, Direction::Out, conn, peer, data);
            }
            EventKind::Received { conn, from, data } => {
                self.count(conn, Direction::In, data.len() as u64, time);
                let peer = from.or_else(|| self.peer_of(conn));
                self.conversation.push(time, Direction::In, conn, peer, data.into_vec());
            }
            EventKind::PeerClosed { conn } => {
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.peer_closed = true;
                }
                if !self.is_server() {
                    self.status = Status::HalfClosed;
                }
            }
            EventKind::Shutdown { conn } => {
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.we_shut = true;
                }
                if !self.is_server() {
                    self.status = Status::HalfClosed;
                }
            }
            EventKind::Closed { conn: Some(c), .. } => {
                if self.conns.remove(&c).is_some() {
                    self.conns_closed += 1;
                }
                self.options.remove(&Some(c));
                if !self.is_server() {
                    self.status = Status::Closed;
                }
            }
            EventKind::Closed { conn: None, .. } => self.status = Status::Closed,
            EventKind::OptionSet { conn, report } => {
                let view = OptionView { requested: report.requested, effective: report.effective };
                self.options.entry(conn).or_default().insert(report.opt, view);
            }
            EventKind::Options { conn, reports } => {
                let map = self.options.entry(conn).or_default();
                for r in reports {
                    let requested = map.get(&r.opt).and_then(|v| v.requested.clone());
                    map.insert(r.opt, OptionView { requested, effective: r.effective });
                }
            }
            EventKind::FileProgress { sent, total, .. } => {
                self.file_progress = if sent >= total { None } else { Some((sent, total)) };
            }
            EventKind::Loss { engine_dropped, kernel_dropped, echo_dropped, settled } => {
                self.loss = (engine_dropped, kernel_dropped);
                self.echo_dropped = echo_dropped;
                self.loss_counting = !settled;
            }
            EventKind::Capture { path } => self.capture = path,
            EventKind::Error { error, .. } => {
                self.errors += 1;
                if self.status == Status::Starting {
                    self.status = Status::Error;
                }
                self.last_error = Some(error);
            }
            EventKind::Message { conn, frame } => {
                let peer = self.peer_of(conn);
                self.framed.push(time, conn, peer, FramedKind::Frame(frame));
            }
            EventKind::FrameError { conn, error } => {
                let peer = self.peer_of(conn);
                self.framed.push(time, conn, peer, FramedKind::Error(error));
            }
            EventKind::Resynced { conn, skipped } => {
                let peer = self.peer_of(conn);
                self.framed.push(time, conn, peer, FramedKind::Resynced(skipped));
            }
            EventKind::RuleFired { rule, count, .. } if rule < self.spec.rules.len() => {
                self.rule_fired.resize(self.spec.rules.len(), 0);
                self.rule_fired[rule] = count;
            }
            EventKind::Stopped => {
                self.stopped = true;
                self.loss_counting = false;
                if self.status != Status::Error {
                    self.status = Status::Closed;
                }
                self.conns_closed += self.conns.len() as u64;
                self.conns.clear();
            }
            _ => {}
        }
    }

    /// New framing and rules were asked for: the counts start again, as the worker's do.
    pub fn set_behaviour(&mut self, frame: crate::net::frame::FrameSpec, rules: Vec<crate::net::rules::Rule>) {
        self.spec.frame = frame;
        self.spec.rules = rules;
        self.rule_fired = vec![0; self.spec.rules.len()];
    }

    /// How often rule `index` fired since the rules were set.
    pub fn fired(&self, index: usize) -> u64 {
        self.rule_fired.get(index).copied().unwrap_or(0)
    }

    /// Sends go in the framed view too once it may show frames: a stream
    /// socket (datagrams are never framed).
    fn frames_stream(&self) -> bool {
        !self.spec.kind.is_datagram()
    }

    fn peer_of(&self, conn: ConnId) -> Option<Addr> {
        self.conns.get(&conn).map(|c| c.peer.clone()).or_else(|| self.peer.clone())
    }

    fn count(&mut self, conn: ConnId, dir: Direction, n: u64, time: SystemTime) {
        let c = self.conns.get_mut(&conn);
        match dir {
            Direction::In => {
                self.bytes_in += n;
                self.msgs_in += 1;
                self.rates.add(time, n, 0);
                if let Some(c) = c {
                    c.bytes_in += n;
                    c.msgs_in += 1;
                }
            }
            Direction::Out => {
                self.bytes_out += n;
                self.msgs_out += 1;
                self.rates.add(time, 0, n);
                if let Some(c) = c {
                    c.bytes_out += n;
                    c.msgs_out += 1;
                }
            }
        }
    }
}

fn new_conn(id: ConnId, local: Addr, peer: Addr, since: SystemTime) -> ConnState {
    ConnState {
        id,
        local,
        peer,
        since,
        bytes_in: 0,
        bytes_out: 0,
        msgs_in: 0,
        msgs_out: 0,
        peer_closed: false,
        we_shut: false,
    }
}
