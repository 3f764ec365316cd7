//! What the engine reports: the steps a tutorial would print, each timestamped.

use std::time::SystemTime;

use super::addr::Addr;
use super::chunk::Chunk;
use super::errors::NetError;
use super::frame::{Frame, FrameError};
use super::kernel::{KernelSocket, TcpInfo, TcpState};
use super::options::{OptValue, SockOpt};
use super::sequence::{StepReport, Summary};

pub type EndpointId = u64;
/// A connection within an endpoint. A client's one connection is 0; a server
/// numbers its accepted connections from 1.
pub type ConnId = u64;

#[derive(Clone, Debug)]
pub struct Event {
    pub time: SystemTime,
    pub endpoint: EndpointId,
    pub kind: EventKind,
}

/// One option after a setsockopt or getsockopt: what was asked, what the kernel kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionReport {
    pub opt: SockOpt,
    pub requested: Option<OptValue>,
    /// The value read back, or why it could not be read (worded when shown,
    /// in the language of that moment).
    pub effective: Result<OptValue, NetError>,
}

/// Where the kernel's view of a TCP socket was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateSource {
    /// getsockopt(TCP_INFO) on socklab's own socket.
    TcpInfo,
    /// sock_diag, after socklab closed its socket: the kernel still holds the
    /// connection (TIME_WAIT, or an orphan finishing its close).
    SockDiag,
}

#[derive(Clone, Debug)]
pub enum EventKind {
    /// getaddrinfo(): what a host name resolved to.
    Resolved { host: String, addrs: Vec<Addr> },
    /// socket(): created, with its family and type as C names it.
    Socket { conn: Option<ConnId>, family: &'static str, ty: &'static str },
    /// setsockopt() then getsockopt() of one option.
    OptionSet { conn: Option<ConnId>, report: OptionReport },
    /// Every applicable option, read back from the kernel.
    Options { conn: Option<ConnId>, reports: Vec<OptionReport> },
    /// bind(): the local address (with the real port when 0 was asked for).
    Bound { local: Addr },
    /// listen() with the backlog.
    Listening { local: Addr, backlog: i32 },
    /// accept(): a new connection of a server.
    Accepted { conn: ConnId, local: Addr, peer: Addr },
    /// accept() works again after failing for want of descriptors (EMFILE);
    /// `refused` clients were accepted and closed at once meanwhile.
    AcceptResumed { refused: u64 },
    /// connect() succeeded (getsockname / getpeername).
    Connected { conn: ConnId, local: Addr, peer: Addr },
    /// send()/sendto() returned: exactly these bytes left for the kernel.
    Sent { conn: ConnId, to: Option<Addr>, data: Vec<u8> },
    /// recv()/recvfrom() returned these bytes; each call is its own event.
    Received { conn: ConnId, from: Option<Addr>, data: Chunk },
    /// recv() returned 0: the peer sent FIN (it closed or shut down writing).
    PeerClosed { conn: ConnId },
    /// shutdown(SHUT_WR) done: our FIN is on its way.
    Shutdown { conn: ConnId },
    /// close(): one connection, or the endpoint itself when `conn` is None.
    Closed { conn: Option<ConnId>, abortive: bool },
    /// A file send advanced.
    FileProgress { conn: ConnId, sent: u64, total: u64 },
    /// Datagrams lost: received but dropped by the engine (the caller was too
    /// slow); dropped by the kernel, where the OS tells (Linux SO_RXQ_OVFL);
    /// echo replies not sent because the send queue was full. Running totals.
    /// `settled`: read again once the socket went quiet, so they hold until
    /// the next datagram; otherwise traffic may still be adding to them.
    Loss { engine_dropped: u64, kernel_dropped: Option<u64>, echo_dropped: u64, settled: bool },
    /// A call failed. `conn` names the connection it concerned, if any.
    Error { conn: Option<ConnId>, error: NetError },
    /// A capture to this file started, or (`None`) the capture stopped.
    Capture { path: Option<String> },
    /// A framed message (a stream whose framing is not raw; with raw framing
    /// each `Received` is the message). Its chunk marks number the
    /// connection's recv() calls from 0, in the order of its `Received` events.
    Message { conn: ConnId, frame: Frame },
    /// The framer refused a frame (oversize, or a length header that cannot
    /// be right), and says what it does next.
    FrameError { conn: ConnId, error: FrameError },
    /// After an oversize frame, framing starts again; `skipped` bytes were dropped.
    Resynced { conn: ConnId, skipped: u64 },
    /// One of the endpoint's own rules fired (`rule` indexes `spec.rules`);
    /// `count` is how often it has fired since the rules were set.
    RuleFired { conn: ConnId, rule: usize, count: u64 },
    /// A step of the sequence running on this connection ended.
    SequenceStep { conn: ConnId, report: StepReport },
    /// The sequence running on this connection ended: its totals.
    SequenceDone { conn: ConnId, summary: Summary },
    /// The worker has ended; nothing more comes from this endpoint's worker.
    /// While its TCP sockets are watched, the engine's kernel thread may still
    /// report `TcpState` (TIME_WAIT, then CLOSED) and `PeerSeen` after it.
    Stopped,
    /// A watched TCP socket moved to a new state: a connection, or the
    /// listener (`conn` None). `info` is the sample that showed it, when there is one.
    TcpState { conn: Option<ConnId>, from: Option<TcpState>, to: TcpState, info: Option<TcpInfo>, source: StateSource },
    /// TCP_INFO and the queues of a watched socket, at the watch's interval.
    TcpInfo { conn: Option<ConnId>, info: TcpInfo },
    /// The peer of a watched connection is a socket on this machine that
    /// socklab does not own: its state, queues and owner as sock_diag reports
    /// them (on first sight and whenever they change; CLOSED when it is gone).
    PeerSeen { conn: ConnId, peer: Box<KernelSocket> },
}

impl EventKind {
    /// The syscall-like name a log shows for this event.
    pub fn label(&self) -> &'static str {
        match self {
            EventKind::Resolved { .. } => "getaddrinfo",
            EventKind::Socket { .. } => "socket",
            EventKind::OptionSet { .. } => "setsockopt",
            EventKind::Options { .. } => "getsockopt",
            EventKind::Bound { .. } => "bind",
            EventKind::Listening { .. } => "listen",
            EventKind::Accepted { .. } => "accept",
            EventKind::AcceptResumed { .. } => "accept_resumed",
            EventKind::Connected { .. } => "connect",
            EventKind::Sent { .. } => "send",
            EventKind::Received { .. } => "recv",
            EventKind::PeerClosed { .. } => "recv = 0 (FIN)",
            EventKind::Shutdown { .. } => "shutdown",
            EventKind::Closed { .. } => "close",
            EventKind::FileProgress { .. } => "file",
            EventKind::Loss { .. } => "loss",
            EventKind::Error { .. } => "error",
            EventKind::Capture { .. } => "capture",
            EventKind::Message { .. } => "message",
            EventKind::FrameError { .. } => "frame_error",
            EventKind::Resynced { .. } => "resync",
            EventKind::RuleFired { .. } => "rule",
            EventKind::SequenceStep { .. } => "step",
            EventKind::SequenceDone { .. } => "sequence_done",
            EventKind::Stopped => "stopped",
            EventKind::TcpState { .. } => "tcp_state",
            EventKind::TcpInfo { .. } => "tcp_info",
            EventKind::PeerSeen { .. } => "peer_seen",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clients_own_socket_reads_as_the_call_is_written() {
        let sent = EventKind::Sent { conn: 0, to: None, data: b"hi".to_vec() };
        assert_eq!(sent.summary(), "send() = 2 bytes \"hi\"");
        let sent = EventKind::Sent { conn: 3, to: None, data: b"hi".to_vec() };
        assert_eq!(sent.summary(), "send(#3) = 2 bytes \"hi\"", "a server's connection keeps its number");
        assert!(EventKind::PeerClosed { conn: 0 }.summary().starts_with("recv() = 0"));
        assert!(EventKind::Shutdown { conn: 0 }.summary().starts_with("shutdown(SHUT_WR)"));
        assert_eq!(EventKind::Closed { conn: Some(0), abortive: false }.summary(), "close()");
    }
}
