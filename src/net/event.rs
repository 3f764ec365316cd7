//! What the engine reports: the steps a tutorial would print, each timestamped.

use std::time::SystemTime;

use super::addr::Addr;
use super::chunk::Chunk;
use super::errors::NetError;
use super::kernel::{self, KernelSocket, TcpInfo, TcpState};
use super::options::{OptValue, SockOpt};

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
    /// The value read back, or why it could not be read.
    pub effective: Result<OptValue, String>,
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
    Loss { engine_dropped: u64, kernel_dropped: Option<u64>, echo_dropped: u64 },
    /// A call failed. `conn` names the connection it concerned, if any.
    Error { conn: Option<ConnId>, error: NetError },
    /// A capture to this file started, or (`None`) the capture stopped.
    Capture { path: Option<String> },
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
            EventKind::Stopped => "stopped",
            EventKind::TcpState { .. } => "tcp_state",
            EventKind::TcpInfo { .. } => "tcp_info",
            EventKind::PeerSeen { .. } => "peer_seen",
        }
    }
}

impl EventKind {
    /// One line, as a tutorial would print it: "accept() → #2 from 127.0.0.1:53012".
    pub fn summary(&self) -> String {
        use super::payload::render_text;
        let preview = |data: &[u8]| {
            let (s, is_text) = render_text(&data[..data.len().min(48)]);
            let s = if is_text { format!("{:?}", s) } else { format!("[{s}]") };
            if data.len() > 48 { format!("{s}…") } else { s }
        };
        let conn_tag = |c: &Option<ConnId>| c.map(|c| format!(" #{c}")).unwrap_or_default();
        match self {
            EventKind::Resolved { host, addrs } => {
                let list: Vec<String> = addrs.iter().map(|a| a.to_string()).collect();
                format!("getaddrinfo({host}) → {}", list.join(", "))
            }
            EventKind::Socket { family, ty, .. } => format!("socket({family}, {ty})"),
            EventKind::OptionSet { conn, report } => {
                let asked = report.requested.as_ref().map(|v| v.to_string()).unwrap_or_default();
                let got = match &report.effective {
                    Ok(v) => v.to_string(),
                    Err(e) => format!("unreadable: {e}"),
                };
                format!("setsockopt{}({}, {asked}) → kernel has {got}", conn_tag(conn), report.opt.c_name())
            }
            EventKind::Options { conn, reports } => {
                format!("getsockopt{}: {} options read", conn_tag(conn), reports.len())
            }
            EventKind::Bound { local } => format!("bind({local})"),
            EventKind::Listening { local, backlog } => format!("listen({local}, backlog {backlog})"),
            EventKind::Accepted { conn, peer, .. } => format!("accept() → #{conn} from {peer}"),
            EventKind::AcceptResumed { refused } => format!(
                "accept() works again: descriptors are free ({refused} clients were turned away meanwhile, \
                 accepted and closed at once)"
            ),
            EventKind::Connected { local, peer, .. } => format!("connect({peer}) from {local}"),
            EventKind::Sent { conn, to, data } => match to {
                Some(to) => format!("sendto({to}) = {} bytes {}", data.len(), preview(data)),
                None => format!("send(#{conn}) = {} bytes {}", data.len(), preview(data)),
            },
            EventKind::Received { conn, from, data } => match from {
                Some(from) => format!("recvfrom({from}) = {} bytes {}", data.len(), preview(data)),
                None => format!("recv(#{conn}) = {} bytes {}", data.len(), preview(data)),
            },
            EventKind::PeerClosed { conn } => {
                format!("recv(#{conn}) = 0: the peer sent FIN (closed or shut down its sending side)")
            }
            EventKind::Shutdown { conn } => format!("shutdown(#{conn}, SHUT_WR): FIN sent, still reading"),
            EventKind::Closed { conn: Some(c), abortive: true } => format!("close(#{c}) with SO_LINGER 0: RST sent"),
            EventKind::Closed { conn: Some(c), .. } => format!("close(#{c})"),
            EventKind::Closed { conn: None, .. } => "close(): endpoint closed".into(),
            EventKind::FileProgress { sent, total, .. } => format!("file: {sent} of {total} bytes queued"),
            EventKind::Loss { engine_dropped, kernel_dropped, echo_dropped } => {
                let kernel = match kernel_dropped {
                    Some(k) => format!(", {k} by the kernel (SO_RXQ_OVFL)"),
                    None => String::new(),
                };
                let echo = match echo_dropped {
                    0 => String::new(),
                    n => format!("; {n} echo replies not sent (the send queue was full)"),
                };
                format!("loss: {engine_dropped} datagrams dropped by socklab (the caller was too slow){kernel}{echo}")
            }
            EventKind::Error { error, .. } => error.to_string(),
            EventKind::Capture { path: Some(p) } => format!("capture: recording every send and receive to {p}"),
            EventKind::Capture { path: None } => "capture: stopped".into(),
            EventKind::Stopped => "worker stopped".into(),
            EventKind::TcpState { conn, from, to, source, .. } => {
                kernel::text::state_change_line(&conn_tag(conn), *from, *to, *source == StateSource::SockDiag)
            }
            EventKind::TcpInfo { conn, info } => kernel::text::info_line(&conn_tag(conn), info),
            EventKind::PeerSeen { conn, peer } => kernel::text::peer_line(&conn_tag(&Some(*conn)), peer),
        }
    }
}
