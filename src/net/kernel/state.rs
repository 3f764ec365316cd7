//! TCP's connection states, as the kernel numbers and names them, and the
//! textbook transitions between them (RFC 793, figure 6).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A TCP connection's state, named as `ss` and the kernel name it.
/// Serialised as that name (`"FIN_WAIT1"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TcpState {
    Listen,
    SynSent,
    SynRecv,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
    Closed,
}

impl TcpState {
    pub const ALL: [TcpState; 11] = [
        TcpState::Listen,
        TcpState::SynSent,
        TcpState::SynRecv,
        TcpState::Established,
        TcpState::FinWait1,
        TcpState::FinWait2,
        TcpState::CloseWait,
        TcpState::Closing,
        TcpState::LastAck,
        TcpState::TimeWait,
        TcpState::Closed,
    ];

    /// The kernel's name (include/net/tcp_states.h without the `TCP_`).
    pub fn name(self) -> &'static str {
        match self {
            TcpState::Listen => "LISTEN",
            TcpState::SynSent => "SYN_SENT",
            TcpState::SynRecv => "SYN_RECV",
            TcpState::Established => "ESTABLISHED",
            TcpState::FinWait1 => "FIN_WAIT1",
            TcpState::FinWait2 => "FIN_WAIT2",
            TcpState::CloseWait => "CLOSE_WAIT",
            TcpState::Closing => "CLOSING",
            TcpState::LastAck => "LAST_ACK",
            TcpState::TimeWait => "TIME_WAIT",
            TcpState::Closed => "CLOSED",
        }
    }

    /// The state a name stands for (as [`TcpState::name`] writes it).
    pub fn from_name(name: &str) -> Option<TcpState> {
        TcpState::ALL.into_iter().find(|s| s.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The state for the kernel's number (`tcpi_state`, `idiag_state`).
    /// NEW_SYN_RECV (12), the kernel's light-weight request socket, is what
    /// `ss` shows as SYN-RECV too; unknown numbers give None.
    pub fn from_kernel(n: u8) -> Option<TcpState> {
        Some(match n {
            1 => TcpState::Established,
            2 => TcpState::SynSent,
            3 | 12 => TcpState::SynRecv,
            4 => TcpState::FinWait1,
            5 => TcpState::FinWait2,
            6 => TcpState::TimeWait,
            7 => TcpState::Closed,
            8 => TcpState::CloseWait,
            9 => TcpState::LastAck,
            10 => TcpState::Listen,
            11 => TcpState::Closing,
            _ => return None,
        })
    }

    /// Data can still flow towards the peer in this state.
    pub fn can_send(self) -> bool {
        matches!(self, TcpState::Established | TcpState::CloseWait)
    }
}

impl fmt::Display for TcpState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What moves a connection from one state to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cause {
    /// listen()
    Listen,
    /// connect(): SYN sent.
    Connect,
    /// A SYN arrived at a listening socket; SYN-ACK sent.
    SynReceived,
    /// The SYN-ACK arrived; ACK sent.
    SynAckReceived,
    /// The handshake's last ACK arrived.
    AckReceived,
    /// close() or shutdown(SHUT_WR): FIN sent.
    Close,
    /// The peer's FIN arrived; ACK sent.
    FinReceived,
    /// Our FIN was acknowledged.
    FinAcked,
    /// TIME_WAIT's 2 MSL are over (60 s on Linux).
    Timeout,
    /// RST sent or received.
    Reset,
}

/// The transitions a state-machine drawing needs (RFC 793 figure 6, plus RST).
pub const TRANSITIONS: &[(TcpState, TcpState, Cause)] = &[
    (TcpState::Closed, TcpState::Listen, Cause::Listen),
    (TcpState::Closed, TcpState::SynSent, Cause::Connect),
    (TcpState::Listen, TcpState::SynRecv, Cause::SynReceived),
    (TcpState::SynSent, TcpState::Established, Cause::SynAckReceived),
    (TcpState::SynRecv, TcpState::Established, Cause::AckReceived),
    (TcpState::Established, TcpState::FinWait1, Cause::Close),
    (TcpState::Established, TcpState::CloseWait, Cause::FinReceived),
    (TcpState::FinWait1, TcpState::FinWait2, Cause::FinAcked),
    (TcpState::FinWait1, TcpState::Closing, Cause::FinReceived),
    (TcpState::FinWait2, TcpState::TimeWait, Cause::FinReceived),
    (TcpState::Closing, TcpState::TimeWait, Cause::FinAcked),
    (TcpState::CloseWait, TcpState::LastAck, Cause::Close),
    (TcpState::LastAck, TcpState::Closed, Cause::FinAcked),
    (TcpState::TimeWait, TcpState::Closed, Cause::Timeout),
    (TcpState::Established, TcpState::Closed, Cause::Reset),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde_and_from_name() {
        for s in TcpState::ALL {
            let json = serde_json::to_string(&s).expect("serialise");
            assert_eq!(json, format!("\"{}\"", s.name()));
            assert_eq!(serde_json::from_str::<TcpState>(&json).expect("parse"), s);
            assert_eq!(TcpState::from_name(s.name()), Some(s));
        }
        assert_eq!(TcpState::from_name("fin_wait2"), Some(TcpState::FinWait2));
        assert_eq!(TcpState::from_name("SYN-SENT"), None);
    }

    #[test]
    fn kernel_numbers_map_to_the_kernel_names() {
        let names: Vec<&str> = (1..=11).filter_map(TcpState::from_kernel).map(TcpState::name).collect();
        assert_eq!(
            names,
            [
                "ESTABLISHED",
                "SYN_SENT",
                "SYN_RECV",
                "FIN_WAIT1",
                "FIN_WAIT2",
                "TIME_WAIT",
                "CLOSED",
                "CLOSE_WAIT",
                "LAST_ACK",
                "LISTEN",
                "CLOSING"
            ]
        );
        assert_eq!(TcpState::from_kernel(12), Some(TcpState::SynRecv));
        assert_eq!(TcpState::from_kernel(0), None);
        assert_eq!(TcpState::from_kernel(200), None);
    }

    #[test]
    fn every_state_is_reachable_in_the_transition_table() {
        for s in TcpState::ALL {
            let touched = TRANSITIONS.iter().any(|(a, b, _)| *a == s || *b == s);
            assert!(touched, "{s} is in no transition");
        }
    }
}
