//! One conversation between two sockets as the ladder keeps it: a stream
//! connection, or a datagram socket's exchanges with one peer, with its
//! rows (what happened, when) bounded and counted when they fall out.

use std::collections::VecDeque;
use std::ops::Range;
use std::time::SystemTime;

use crate::net::kernel::TcpState;
use crate::net::{Addr, ConnId, EndpointId};

/// Rows are numbered in the order the model applied them, across all flows.
pub type RowId = u64;

/// Bytes of payload kept per row, for an arrow's label.
pub const PREVIEW: usize = 16;

/// Which conversation a row belongs to: a stream connection of an endpoint,
/// or a datagram endpoint's exchanges with one remote address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FlowKey {
    pub endpoint: EndpointId,
    pub conn: ConnId,
    /// Datagram sockets: the peer. None for a stream connection.
    pub remote: Option<Addr>,
}

impl FlowKey {
    pub fn stream(endpoint: EndpointId, conn: ConnId) -> FlowKey {
        FlowKey { endpoint, conn, remote: None }
    }

    pub fn datagram(endpoint: EndpointId, remote: Addr) -> FlowKey {
        FlowKey { endpoint, conn: 0, remote: Some(remote) }
    }
}

/// What kind of socket a flow is on: it decides which arrows are drawn
/// (a handshake and TCP states only for TCP).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Transport {
    #[default]
    Tcp,
    UnixStream,
    Udp,
    UnixDatagram,
}

impl Transport {
    pub fn from_socket(family: &str, ty: &str) -> Transport {
        match (family == "AF_UNIX", ty == "SOCK_STREAM") {
            (false, true) => Transport::Tcp,
            (true, true) => Transport::UnixStream,
            (false, false) => Transport::Udp,
            (true, false) => Transport::UnixDatagram,
        }
    }

    pub fn is_stream(self) -> bool {
        matches!(self, Transport::Tcp | Transport::UnixStream)
    }
}

/// The first bytes of a payload, with its full length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub head: Box<[u8]>,
    pub len: usize,
}

impl Preview {
    pub fn of(data: &[u8]) -> Preview {
        Preview { head: data[..data.len().min(PREVIEW)].into(), len: data.len() }
    }
}

/// What one row records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// connect() returned: the handshake (SYN, SYN-ACK, ACK) is done.
    Connect,
    /// accept() returned a connection.
    Accept,
    /// send(): these stream offsets left for the kernel.
    Send { range: Range<u64>, preview: Preview },
    /// recv(): these stream offsets arrived.
    Recv { range: Range<u64>, preview: Preview },
    /// sendto() of one datagram; `hash` identifies its bytes for the join.
    DatagramOut { hash: u64, preview: Preview },
    /// recvfrom() of one datagram.
    DatagramIn { hash: u64, preview: Preview },
    /// shutdown(SHUT_WR): FIN sent.
    Shutdown,
    /// recv() = 0: the peer's FIN arrived.
    PeerFin,
    /// close(). `fin`: this close sent the FIN (no shutdown before it);
    /// `abortive`: SO_LINGER 0, so RST instead.
    Close { fin: bool, abortive: bool },
    /// ECONNRESET: the peer's RST arrived.
    Reset,
    /// Another failed call, as the engine named it.
    Error { call: String, errno: Option<String> },
    /// Datagrams to this socket lost since the last report: by the kernel
    /// (its receive buffer was full) and by socklab (the caller was too slow).
    Lost { kernel: u64, engine: u64 },
    /// The connection's TCP state changed: reported by the kernel, or
    /// inferred from the calls when the kernel has not said.
    State { state: TcpState, from_kernel: bool },
    /// The peer's TCP state as the kernel reports it (sock_diag), for a peer
    /// that is not a socklab endpoint: "peer seen by the kernel".
    PeerState { state: TcpState },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: RowId,
    pub time: SystemTime,
    pub what: What,
}

/// One flow's facts and rows.
#[derive(Clone, Debug)]
pub struct Flow {
    pub key: FlowKey,
    pub transport: Transport,
    pub local: Option<Addr>,
    pub remote: Option<Addr>,
    /// The same connection seen from its other end, when that end is a socklab endpoint too.
    pub partner: Option<FlowKey>,
    /// The kernel has reported this flow's state: stop inferring it.
    pub kernel_states: bool,
    /// The kernel has reported the (non-socklab) peer's state: stop mirroring ours.
    pub peer_kernel_states: bool,
    /// The peer's state the kernel reported last.
    pub(super) peer_state: Option<TcpState>,
    pub closed: bool,
    /// Orders flows by age (the row count when the flow was created).
    pub created: RowId,
    pub(super) fin_sent: bool,
    /// An RST ended the connection (sent or received): a later close() sends nothing.
    pub(super) reset: bool,
    /// SO_LINGER 0 set on this connection itself (else the endpoint's applies).
    pub(super) linger_zero: Option<bool>,
    state: Option<TcpState>,
    /// Rows that fell out of the bounded history.
    pub dropped: u64,
    rows: VecDeque<Row>,
    max_rows: usize,
    sent: u64,
    received: u64,
}

impl Flow {
    pub(super) fn new(key: FlowKey, transport: Transport, max_rows: usize, created: RowId) -> Flow {
        let remote = key.remote.clone();
        Flow {
            key,
            transport,
            local: None,
            remote,
            partner: None,
            kernel_states: false,
            peer_kernel_states: false,
            peer_state: None,
            closed: false,
            created,
            fin_sent: false,
            reset: false,
            linger_zero: None,
            state: None,
            dropped: 0,
            rows: VecDeque::new(),
            max_rows: max_rows.max(1),
            sent: 0,
            received: 0,
        }
    }

    pub fn rows(&self) -> impl DoubleEndedIterator<Item = &Row> + ExactSizeIterator {
        self.rows.iter()
    }

    /// The TCP state the kernel last reported.
    pub fn state(&self) -> Option<TcpState> {
        self.state
    }

    pub(super) fn push(&mut self, id: RowId, time: SystemTime, what: What) {
        if let What::State { state, .. } = &what {
            self.state = Some(*state);
        }
        self.rows.push_back(Row { id, time, what });
        if self.rows.len() > self.max_rows {
            self.rows.pop_front();
            self.dropped += 1;
        }
    }

    /// The stream offsets the next `n` bytes sent occupy.
    pub(super) fn next_sent(&mut self, n: usize) -> Range<u64> {
        let start = self.sent;
        self.sent += n as u64;
        start..self.sent
    }

    pub(super) fn next_received(&mut self, n: usize) -> Range<u64> {
        let start = self.received;
        self.received += n as u64;
        start..self.received
    }
}

/// What moves an inferred TCP state, seen from one end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    SendSyn,
    GetSyn,
    GetSynAck,
    GetAck,
    SendFin,
    GetFin,
    Reset,
}

/// The textbook next state, or None when the calls say nothing new. Only
/// a guess between kernel reports: FIN_WAIT2 and CLOSING are not told apart
/// from the calls alone, so a FIN after ours leads straight to TIME_WAIT.
pub fn infer(state: Option<TcpState>, step: Step) -> Option<TcpState> {
    use TcpState::*;
    let next = match (state, step) {
        (_, Step::Reset) => Closed,
        (_, Step::SendSyn) => SynSent,
        (_, Step::GetSyn) => SynRecv,
        (Some(SynSent), Step::GetSynAck) | (Some(SynRecv), Step::GetAck) => Established,
        (Some(Established) | None, Step::SendFin) => FinWait1,
        (Some(CloseWait), Step::SendFin) => LastAck,
        (Some(Established) | None, Step::GetFin) => CloseWait,
        (Some(FinWait1 | FinWait2 | Closing), Step::GetFin) => TimeWait,
        _ => return None,
    };
    (state != Some(next)).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TcpState::*;

    fn run(steps: &[Step]) -> Vec<TcpState> {
        let mut s = None;
        let mut seen = Vec::new();
        for &st in steps {
            if let Some(n) = infer(s, st) {
                seen.push(n);
                s = Some(n);
            }
        }
        seen
    }

    #[test]
    fn inference_follows_the_textbook_for_both_closers() {
        let active = run(&[Step::SendSyn, Step::GetSynAck, Step::SendFin, Step::GetFin]);
        assert_eq!(active, [SynSent, Established, FinWait1, TimeWait]);
        let passive = run(&[Step::GetSyn, Step::GetAck, Step::GetFin, Step::SendFin]);
        assert_eq!(passive, [SynRecv, Established, CloseWait, LastAck]);
        assert_eq!(run(&[Step::GetSyn, Step::GetAck, Step::Reset]), [SynRecv, Established, Closed]);
        assert_eq!(run(&[Step::SendFin, Step::SendFin]), [FinWait1], "a second FIN changes nothing");
    }

    #[test]
    fn a_flow_keeps_its_newest_rows_and_counts_the_rest() {
        let mut f = Flow::new(FlowKey::stream(1, 0), Transport::Tcp, 3, 0);
        for i in 0..5 {
            f.push(i, SystemTime::now(), What::PeerFin);
        }
        assert_eq!(f.rows().map(|r| r.id).collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(f.dropped, 2);
        assert_eq!(f.next_sent(3), 0..3);
        assert_eq!(f.next_sent(2), 3..5);
        assert_eq!(f.next_received(1), 0..1);
    }
}
