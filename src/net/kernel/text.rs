//! Every sentence the TCP panel and the CLI show about kernel state, in one
//! place, from the catalogs (`kernel-…`). State names, Recv-Q, Send-Q and
//! the short names `ss -ti` prints stay the kernel's own.

use super::state::{Cause, TcpState};
use crate::i18n::Message;
use crate::{msg, t};

/// The message of every call where the OS has neither TCP_INFO nor sock_diag.
pub fn not_available() -> Message {
    msg!("kernel-not-available")
}

/// Label for a socket found through sock_diag that socklab does not own.
pub fn peer_seen_by_kernel() -> String {
    t!("kernel-peer-seen")
}

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

/// One TCP_INFO sample on a line, the way `ss -ti` abbreviates it (its words are the kernel's own).
pub fn info_line(conn: &str, i: &super::TcpInfo) -> String {
    let ssthresh = if i.ssthresh_is_infinite() { "∞".to_string() } else { i.ssthresh.to_string() };
    format!(
        "tcp_info{conn}: {} rtt {}/{} µs cwnd {} ssthresh {ssthresh} mss {} unacked {} retrans {} Recv-Q {} Send-Q {}",
        i.state, i.rtt_us, i.rttvar_us, i.cwnd, i.mss, i.unacked, i.retrans, i.recv_q, i.send_q
    )
}

/// A peer on this machine that socklab does not own, as sock_diag reports it:
/// one catalog message, formatted when shown (state names, Recv-Q, Send-Q and
/// uid stay as `ss` prints them).
pub fn peer_line(conn: &str, s: &super::KernelSocket) -> Message {
    msg!(
        "kernel-peer-line",
        conn = conn,
        local = s.local.to_string(),
        remote = s.remote.to_string(),
        state = s.state.to_string(),
        recv_q = s.recv_q.to_string(),
        send_q = s.send_q.to_string(),
        uid = s.uid.to_string()
    )
}

/// One line on what a state means for a student watching the connection.
pub fn state_explanation(s: TcpState) -> String {
    match s {
        TcpState::Listen => t!("kernel-state-listen"),
        TcpState::SynSent => t!("kernel-state-syn-sent"),
        TcpState::SynRecv => t!("kernel-state-syn-recv"),
        TcpState::Established => t!("kernel-state-established"),
        TcpState::FinWait1 => t!("kernel-state-fin-wait1"),
        TcpState::FinWait2 => t!("kernel-state-fin-wait2"),
        TcpState::CloseWait => t!("kernel-state-close-wait"),
        TcpState::Closing => t!("kernel-state-closing"),
        TcpState::LastAck => t!("kernel-state-last-ack"),
        TcpState::TimeWait => t!("kernel-state-time-wait"),
        TcpState::Closed => t!("kernel-state-closed"),
    }
}

/// What moves a connection along one transition, as the state diagram labels it.
pub fn cause_label(c: Cause) -> String {
    match c {
        Cause::Listen => t!("kernel-cause-listen"),
        Cause::Connect => t!("kernel-cause-connect"),
        Cause::SynReceived => t!("kernel-cause-syn"),
        Cause::SynAckReceived => t!("kernel-cause-syn-ack"),
        Cause::AckReceived => t!("kernel-cause-ack"),
        Cause::Close => t!("kernel-cause-close"),
        Cause::FinReceived => t!("kernel-cause-fin"),
        Cause::FinAcked => t!("kernel-cause-fin-acked"),
        Cause::Timeout => t!("kernel-cause-timeout"),
        Cause::Reset => t!("kernel-cause-reset"),
    }
}

/// A TCP_INFO field's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    None,
    Micros,
    Segments,
    Bytes,
    BytesPerSecond,
}

impl Unit {
    /// As written after a value ("" for none; µs in every language).
    pub fn text(self) -> String {
        match self {
            Unit::None => String::new(),
            Unit::Micros => "µs".to_string(),
            Unit::Segments => t!("kernel-unit-segments"),
            Unit::Bytes => t!("kernel-unit-bytes"),
            Unit::BytesPerSecond => t!("kernel-unit-bytes-per-second"),
        }
    }
}

/// One field of [`super::TcpInfo`]: its JSON key and its unit; [`FieldText::label`]
/// and [`FieldText::explain`] give its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldText {
    pub key: &'static str,
    pub unit: Unit,
}

const fn field(key: &'static str, unit: Unit) -> FieldText {
    FieldText { key, unit }
}

/// The fields, in the order the panel lists them.
pub const FIELDS: &[FieldText] = &[
    field("state", Unit::None),
    field("rtt_us", Unit::Micros),
    field("rttvar_us", Unit::Micros),
    field("rto_us", Unit::Micros),
    field("cwnd", Unit::Segments),
    field("ssthresh", Unit::Segments),
    field("mss", Unit::Bytes),
    field("unacked", Unit::Segments),
    field("retrans", Unit::Segments),
    field("bytes_acked", Unit::Bytes),
    field("bytes_received", Unit::Bytes),
    field("delivery_rate", Unit::BytesPerSecond),
    field("notsent_bytes", Unit::Bytes),
    field("recv_q", Unit::Bytes),
    field("send_q", Unit::Bytes),
];

impl FieldText {
    /// The short name ("Congestion window").
    pub fn label(&self) -> String {
        self.words().0
    }

    /// What it means, one line (shown on hover).
    pub fn explain(&self) -> String {
        self.words().1
    }

    /// The name and the explanation, from literal ids so the catalog test checks each one.
    fn words(&self) -> (String, String) {
        match self.key {
            "state" => (t!("kernel-field-state"), t!("kernel-field-state.hint")),
            "rtt_us" => (t!("kernel-field-rtt"), t!("kernel-field-rtt.hint")),
            "rttvar_us" => (t!("kernel-field-rttvar"), t!("kernel-field-rttvar.hint")),
            "rto_us" => (t!("kernel-field-rto"), t!("kernel-field-rto.hint")),
            "cwnd" => (t!("kernel-field-cwnd"), t!("kernel-field-cwnd.hint")),
            "ssthresh" => (t!("kernel-field-ssthresh"), t!("kernel-field-ssthresh.hint")),
            "mss" => (t!("kernel-field-mss"), t!("kernel-field-mss.hint")),
            "unacked" => (t!("kernel-field-unacked"), t!("kernel-field-unacked.hint")),
            "retrans" => (t!("kernel-field-retrans"), t!("kernel-field-retrans.hint")),
            "bytes_acked" => (t!("kernel-field-bytes-acked"), t!("kernel-field-bytes-acked.hint")),
            "bytes_received" => (t!("kernel-field-bytes-received"), t!("kernel-field-bytes-received.hint")),
            "delivery_rate" => (t!("kernel-field-delivery-rate"), t!("kernel-field-delivery-rate.hint")),
            "notsent_bytes" => (t!("kernel-field-notsent"), t!("kernel-field-notsent.hint")),
            "recv_q" => (t!("kernel-field-recv-q"), t!("kernel-field-recv-q.hint")),
            "send_q" => (t!("kernel-field-send-q"), t!("kernel-field-send-q.hint")),
            other => (other.to_string(), String::new()),
        }
    }
}

/// The table's row for a JSON key.
pub fn field_text(key: &str) -> Option<&'static FieldText> {
    FIELDS.iter().find(|f| f.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_peer_line_is_one_catalog_message_in_each_language() {
        let s = super::super::KernelSocket {
            state: TcpState::Established,
            local: "127.0.0.1:5000".parse().unwrap(),
            remote: "127.0.0.1:6000".parse().unwrap(),
            recv_q: 3,
            send_q: 0,
            uid: 1000,
            inode: 7,
            info: None,
        };
        let line = peer_line(" #2", &s);
        assert_eq!(
            line.text_in(Lang::En),
            "peer seen by the kernel #2: 127.0.0.1:5000 → 127.0.0.1:6000 ESTABLISHED Recv-Q 3 Send-Q 0 uid 1000"
        );
        assert_eq!(
            line.text_in(Lang::ZhCn),
            "内核看到的对端 #2：127.0.0.1:5000 → 127.0.0.1:6000 ESTABLISHED Recv-Q 3 Send-Q 0 uid 1000"
        );
    }

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
            let explain = field_text(&k).map(FieldText::explain).unwrap_or_default();
            assert!(!explain.is_empty() && !explain.starts_with(crate::i18n::MISSING.0), "{k} has no explanation");
        }
        for s in TcpState::ALL {
            assert!(!state_explanation(s).is_empty());
        }
    }
}
