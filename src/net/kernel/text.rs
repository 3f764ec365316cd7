//! Every sentence the TCP panel and the CLI show about kernel state, in one
//! place (a later issue moves them into the translation catalogs).

use super::state::{Cause, TcpState};
use crate::i18n::Message;
use crate::msg;

/// The message of every call where the OS has neither TCP_INFO nor sock_diag.
pub fn not_available() -> Message {
    msg!("kernel-not-available")
}

/// Label for a socket found through sock_diag that socklab does not own.
pub const PEER_SEEN_BY_KERNEL: &str = "peer seen by the kernel";

/// The kernel thread's inbox is full: a flood of closing connections.
pub fn kernel_thread_busy() -> Message {
    msg!("kernel-thread-busy")
}

/// The kernel thread ended (the engine is stopping).
pub fn kernel_thread_gone() -> Message {
    msg!("kernel-thread-gone")
}

/// A watch asked of a socket that is not TCP.
pub fn not_tcp() -> Message {
    msg!("kernel-not-tcp")
}

pub fn kernel_events_dropped(n: u64) -> Message {
    msg!("kernel-events-dropped", count = n.to_string())
}

pub fn too_many_followed(max: usize) -> Message {
    msg!("kernel-too-many-followed", max = max.to_string())
}

/// "#2: ESTABLISHED → FIN_WAIT2", as the log and `-v` show a state change.
pub fn state_change_line(conn: &str, from: Option<TcpState>, to: TcpState, after_close: bool) -> Message {
    let from = from.map(|f| format!("{f} → ")).unwrap_or_default();
    let source = if after_close { "sock_diag" } else { "socket" };
    msg!("kernel-state-change", conn = conn, from = from, to = to.to_string(), source = source)
}

/// One TCP_INFO sample on a line, the way `ss -ti` abbreviates it.
pub fn info_line(conn: &str, i: &super::TcpInfo) -> String {
    let ssthresh = if i.ssthresh_is_infinite() { "∞".to_string() } else { i.ssthresh.to_string() };
    format!(
        "tcp_info{conn}: {} rtt {}/{} µs cwnd {} ssthresh {ssthresh} mss {} unacked {} retrans {} Recv-Q {} Send-Q {}",
        i.state, i.rtt_us, i.rttvar_us, i.cwnd, i.mss, i.unacked, i.retrans, i.recv_q, i.send_q
    )
}

/// A peer on this machine that socklab does not own, as sock_diag reports it.
pub fn peer_line(conn: &str, s: &super::KernelSocket) -> String {
    format!(
        "{PEER_SEEN_BY_KERNEL}{conn}: {} → {} {} Recv-Q {} Send-Q {} uid {}",
        s.local, s.remote, s.state, s.recv_q, s.send_q, s.uid
    )
}

/// One line on what a state means for a student watching the connection.
pub fn state_explanation(s: TcpState) -> &'static str {
    match s {
        TcpState::Listen => "Waiting for connections: the kernel completes handshakes and queues them for accept().",
        TcpState::SynSent => "connect() sent SYN and waits for the server's SYN-ACK.",
        TcpState::SynRecv => "A SYN arrived and SYN-ACK went back; waiting for the client's ACK.",
        TcpState::Established => "The handshake is done: both sides can send and receive.",
        TcpState::FinWait1 => "We closed our sending side (FIN sent) and wait for the peer to acknowledge it.",
        TcpState::FinWait2 => "Our FIN was acknowledged; we still read until the peer closes its side too.",
        TcpState::CloseWait => "The peer closed its sending side (FIN received); we can still send, then should close.",
        TcpState::Closing => "Both sides sent FIN at the same time; waiting for the ACK of ours.",
        TcpState::LastAck => "We closed after the peer did; waiting for the ACK of our FIN.",
        TcpState::TimeWait => {
            "We closed first: the kernel keeps the connection 60 s so late segments cannot confuse a new one with the same ports."
        }
        TcpState::Closed => "No connection: closed, reset, or forgotten by the kernel.",
    }
}

/// What moves a connection along one transition, as the state diagram labels it.
pub fn cause_label(c: Cause) -> &'static str {
    match c {
        Cause::Listen => "listen()",
        Cause::Connect => "connect(): send SYN",
        Cause::SynReceived => "SYN in: send SYN-ACK",
        Cause::SynAckReceived => "SYN-ACK in: send ACK",
        Cause::AckReceived => "ACK in",
        Cause::Close => "close(): send FIN",
        Cause::FinReceived => "FIN in: send ACK",
        Cause::FinAcked => "ACK of FIN in",
        Cause::Timeout => "2 MSL timeout",
        Cause::Reset => "RST",
    }
}

/// One field of [`super::TcpInfo`]: its JSON key, a short label, its unit and a one-line explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldText {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub explain: &'static str,
}

const fn field(key: &'static str, label: &'static str, unit: &'static str, explain: &'static str) -> FieldText {
    FieldText { key, label, unit, explain }
}

/// The explanation table, in the order the panel lists the fields.
pub const FIELDS: &[FieldText] = &[
    field("state", "State", "", "The connection's state in TCP's state machine."),
    field("rtt_us", "RTT", "µs", "Smoothed round-trip time: how long a segment takes to be acknowledged."),
    field(
        "rttvar_us",
        "RTT variation",
        "µs",
        "How much the round-trip time jitters; it widens the retransmission timeout.",
    ),
    field("rto_us", "RTO", "µs", "Retransmission timeout: how long the kernel waits for an ACK before sending again."),
    field(
        "cwnd",
        "Congestion window",
        "segments",
        "How many segments may be in flight before an ACK; grows while all goes well.",
    ),
    field(
        "ssthresh",
        "Slow-start threshold",
        "segments",
        "Below it the window doubles each round trip; set by the first loss (∞ until then).",
    ),
    field("mss", "MSS", "bytes", "Largest segment this side sends (about 65,483 on loopback, 1,448 on Ethernet)."),
    field("unacked", "Unacknowledged", "segments", "Segments sent that the peer has not acknowledged yet."),
    field(
        "retrans",
        "Retransmissions",
        "segments",
        "Segments sent again because no ACK came in time (0 on a healthy loopback).",
    ),
    field("bytes_acked", "Bytes acknowledged", "bytes", "Bytes the peer has confirmed receiving."),
    field("bytes_received", "Bytes received", "bytes", "Bytes that arrived in order from the peer."),
    field("delivery_rate", "Delivery rate", "bytes/s", "Recent rate at which the peer acknowledged data."),
    field(
        "notsent_bytes",
        "Held back",
        "bytes",
        "Written but not sent yet: Nagle waits for an ACK, or a window is full.",
    ),
    field("recv_q", "Recv-Q", "bytes", "Received and not read by the program yet; it grows while nobody calls recv()."),
    field(
        "send_q",
        "Send-Q",
        "bytes",
        "Sent by the program and not acknowledged by the peer yet; it grows while the peer does not read.",
    ),
];

/// The table's row for a JSON key.
pub fn field_text(key: &str) -> Option<&'static FieldText> {
    FIELDS.iter().find(|f| f.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tcp_info_field_is_explained_once() {
        let info = serde_json::json!({
            "state": "LISTEN", "rtt_us": 0, "rttvar_us": 0, "rto_us": 0, "cwnd": 0, "ssthresh": 0, "mss": 0,
            "unacked": 0, "retrans": 0, "bytes_acked": 0, "bytes_received": 0, "delivery_rate": 0,
            "notsent_bytes": 0, "recv_q": 0, "send_q": 0
        });
        let info: super::super::TcpInfo = serde_json::from_value(info).expect("every field named");
        let keys: Vec<String> =
            serde_json::to_value(info).expect("json").as_object().expect("object").keys().cloned().collect();
        assert_eq!(keys.len(), FIELDS.len());
        for k in keys {
            assert!(field_text(&k).is_some_and(|f| !f.explain.is_empty()), "{k} has no explanation");
        }
        for s in TcpState::ALL {
            assert!(!state_explanation(s).is_empty());
        }
    }
}
