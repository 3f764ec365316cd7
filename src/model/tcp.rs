//! The TCP panel's data, fed by the engine's kernel events: per watched
//! socket (each connection, and a server's listener) the kernel's state, the
//! path taken through the state machine, the latest TCP_INFO with its queues,
//! a bounded history of samples for the rtt and cwnd plots, and the peer as
//! the kernel sees it when it is not a socklab endpoint.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::SystemTime;

use crate::net::kernel::{KernelSocket, TcpInfo, TcpState};
use crate::net::{ConnId, EventKind, StateSource};

/// Samples kept per socket: a minute at the panel's 250 ms.
pub const SAMPLES_KEPT: usize = 240;
/// States kept per socket for the "path taken so far".
pub const PATH_KEPT: usize = 32;
/// Closed connections whose view is kept (TIME_WAIT lasts a minute after close).
pub const CLOSED_KEPT: usize = 16;
/// Connections whose view went that are still recognised, so the kernel's
/// late reports on them (sock_diag's, the peer's, for up to minutes after
/// the close) do not bring a view back. As many as the kernel thread watches.
const GONE_REMEMBERED: usize = 4096;

/// One socket as the kernel reports it.
#[derive(Clone, Debug, Default)]
pub struct TcpView {
    /// The state now (None until the first report).
    pub state: Option<TcpState>,
    /// When it entered that state.
    pub since: Option<SystemTime>,
    /// The states it went through, oldest first (the last [`PATH_KEPT`]).
    pub path: Vec<TcpState>,
    /// The latest TCP_INFO and queues.
    pub info: Option<TcpInfo>,
    /// Interval samples, oldest first, for the plots.
    pub samples: VecDeque<(SystemTime, TcpInfo)>,
    /// Samples that fell out of the history.
    pub dropped_samples: u64,
    /// socklab has closed its socket: the state now comes from sock_diag.
    pub after_close: bool,
    /// The peer, when it is a socket on this machine that socklab does not own.
    pub peer: Option<KernelSocket>,
}

impl TcpView {
    fn state_change(&mut self, time: SystemTime, to: TcpState, info: Option<TcpInfo>, source: StateSource) {
        self.state = Some(to);
        self.since = Some(time);
        if self.path.len() == PATH_KEPT {
            self.path.remove(0);
        }
        self.path.push(to);
        if let Some(i) = info {
            self.info = Some(i);
        }
        self.after_close |= source == StateSource::SockDiag;
    }

    fn sample(&mut self, time: SystemTime, info: TcpInfo) {
        self.info = Some(info);
        if self.samples.len() == SAMPLES_KEPT {
            self.samples.pop_front();
            self.dropped_samples += 1;
        }
        self.samples.push_back((time, info));
    }
}

/// The views of one endpoint's sockets: `None` is a server's listener.
#[derive(Clone, Debug, Default)]
pub struct TcpViews {
    views: BTreeMap<Option<ConnId>, TcpView>,
    /// Closed connections, oldest first: the first to go past [`CLOSED_KEPT`].
    closed: VecDeque<ConnId>,
    /// Connections whose view went, oldest first, and the same as a set.
    gone: VecDeque<ConnId>,
    gone_set: HashSet<ConnId>,
}

impl TcpViews {
    pub fn get(&self, conn: Option<ConnId>) -> Option<&TcpView> {
        self.views.get(&conn)
    }

    /// Every socket with a view, the listener first, then by connection.
    pub fn iter(&self) -> impl Iterator<Item = (Option<ConnId>, &TcpView)> {
        self.views.iter().map(|(c, v)| (*c, v))
    }

    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    /// The peer's state as last reported, to tell a state change from a queue change.
    pub fn peer_state(&self, conn: ConnId) -> Option<TcpState> {
        self.views.get(&Some(conn)).and_then(|v| v.peer.as_ref()).map(|p| p.state)
    }

    /// Takes the events that concern the kernel's view; the rest are ignored.
    pub fn apply(&mut self, time: SystemTime, kind: &EventKind) {
        match kind {
            EventKind::TcpState { conn, .. } | EventKind::TcpInfo { conn, .. }
                if conn.is_some_and(|c| self.gone_set.contains(&c)) => {}
            EventKind::PeerSeen { conn, .. } if self.gone_set.contains(conn) => {}
            EventKind::TcpState { conn, to, info, source, .. } => {
                self.views.entry(*conn).or_default().state_change(time, *to, *info, *source);
                // sock_diag reports only closed sockets: one closed before its
                // first report has its first view now, and goes like the others.
                if let (Some(c), StateSource::SockDiag) = (conn, source)
                    && !self.closed.contains(c)
                {
                    self.retire(*c);
                }
            }
            EventKind::TcpInfo { conn, info } => self.views.entry(*conn).or_default().sample(time, *info),
            EventKind::PeerSeen { conn, peer } => {
                self.views.entry(Some(*conn)).or_default().peer = Some((**peer).clone());
            }
            EventKind::Closed { conn: Some(c), .. }
                if self.views.contains_key(&Some(*c)) && !self.closed.contains(c) =>
            {
                self.retire(*c);
            }
            _ => {}
        }
    }

    /// A closed connection's view is kept among the last [`CLOSED_KEPT`].
    fn retire(&mut self, conn: ConnId) {
        self.closed.push_back(conn);
        while self.closed.len() > CLOSED_KEPT {
            let Some(old) = self.closed.pop_front() else { break };
            self.views.remove(&Some(old));
            self.gone.push_back(old);
            self.gone_set.insert(old);
            if self.gone.len() > GONE_REMEMBERED
                && let Some(forgotten) = self.gone.pop_front()
            {
                self.gone_set.remove(&forgotten);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(ms: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_millis(ms)
    }

    fn change(conn: Option<ConnId>, to: TcpState, source: StateSource) -> EventKind {
        EventKind::TcpState { conn, from: None, to, info: None, source }
    }

    #[test]
    fn states_samples_and_peers_land_in_the_views_and_stay_bounded() {
        let mut v = TcpViews::default();
        v.apply(at(1), &change(None, TcpState::Listen, StateSource::TcpInfo));
        v.apply(at(2), &change(Some(1), TcpState::Established, StateSource::TcpInfo));
        for i in 0..SAMPLES_KEPT as u64 + 10 {
            let info = TcpInfo { rtt_us: i as u32, ..TcpInfo::unknown(TcpState::Established) };
            v.apply(at(10 + i), &EventKind::TcpInfo { conn: Some(1), info });
        }
        v.apply(at(500), &EventKind::Closed { conn: Some(1), abortive: false });
        v.apply(at(501), &change(Some(1), TcpState::TimeWait, StateSource::SockDiag));
        let c = v.get(Some(1)).expect("view");
        assert_eq!(c.path, [TcpState::Established, TcpState::TimeWait]);
        assert_eq!((c.state, c.since, c.after_close), (Some(TcpState::TimeWait), Some(at(501)), true));
        assert_eq!(c.samples.len(), SAMPLES_KEPT);
        assert_eq!(c.dropped_samples, 10);
        assert_eq!(c.samples.back().map(|s| s.1.rtt_us), Some(SAMPLES_KEPT as u32 + 9));
        assert_eq!(v.get(None).and_then(|l| l.state), Some(TcpState::Listen));
        // Closed connections' views go, oldest first, past the limit.
        for c in 2..2 + CLOSED_KEPT as u64 {
            v.apply(at(600), &change(Some(c), TcpState::Established, StateSource::TcpInfo));
            v.apply(at(601), &EventKind::Closed { conn: Some(c), abortive: false });
        }
        assert!(v.get(Some(1)).is_none(), "the oldest closed view went first");
        assert!(v.get(Some(2)).is_some());
        assert_eq!(v.iter().count(), 1 + CLOSED_KEPT);
    }

    /// A server churned by a peer: the kernel's reports that come after many
    /// more closes (or are a quick connection's first) keep the views bounded.
    #[test]
    fn late_reports_on_closed_connections_keep_the_views_bounded() {
        let mut v = TcpViews::default();
        let n = 10 * CLOSED_KEPT as u64;
        for c in 0..n {
            v.apply(at(1), &change(Some(c), TcpState::Established, StateSource::TcpInfo));
            v.apply(at(2), &EventKind::Closed { conn: Some(c), abortive: false });
        }
        for c in 0..n {
            v.apply(at(3), &change(Some(c), TcpState::TimeWait, StateSource::SockDiag));
            v.apply(at(3), &EventKind::TcpInfo { conn: Some(c), info: TcpInfo::unknown(TcpState::TimeWait) });
        }
        assert_eq!(v.iter().count(), CLOSED_KEPT);
        let last = v.get(Some(n - 1)).expect("the last closed view stays");
        assert_eq!(last.path, [TcpState::Established, TcpState::TimeWait]);
        // Closed before any report: sock_diag's report is the first.
        for c in n..2 * n {
            v.apply(at(4), &EventKind::Closed { conn: Some(c), abortive: false });
            v.apply(at(5), &change(Some(c), TcpState::TimeWait, StateSource::SockDiag));
        }
        assert_eq!(v.iter().count(), CLOSED_KEPT);
        assert!(v.get(Some(2 * n - 1)).is_some());
    }
}
