//! "Peer seen by the kernel": the other end of a watched connection, when it
//! is a socket on this machine that socklab does not own (a student's Python
//! client, `nc`, a browser). sock_diag finds it by the same 4-tuple seen from
//! the other side; its inode tells whether it is one of ours.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::net::event::{ConnId, EndpointId, EventKind};
use crate::net::kernel::{FOLLOW_EVERY, FOLLOW_LIMIT, KernelSocket, Lookup, TcpState};

/// Lookups that find nothing before the peer is given up (it is not on this
/// machine after all, e.g. behind a NAT rule).
const MISSES_MAX: u32 = 4;
/// Lookups that find a socket nobody owns yet (waiting in a listener's
/// accept queue) before the peer is given up (5 s): its owner cannot be told.
const UNDECIDED_MAX: u32 = 20;
/// A peer seen before that lookups miss is reported gone only once they have
/// missed it this long: the kernel moves a socket into TIME_WAIT by hashing a
/// new one in its place, and lookups in between find neither.
const CONFIRM_GONE: Duration = Duration::from_millis(20);

pub(super) struct PeerWatch {
    pub endpoint: EndpointId,
    pub conn: ConnId,
    /// Our connection's addresses; the peer's are the same, swapped.
    local: SocketAddr,
    remote: SocketAddr,
    /// What was reported last (state and queues), to report only changes.
    reported: Option<KernelSocket>,
    misses: u32,
    /// Lookups that found the socket with no owner yet.
    undecided: u32,
    /// Since when lookups miss the peer seen before.
    vanished: Option<Instant>,
    /// After our side closed, the peer is followed at most FOLLOW_LIMIT more.
    give_up: Option<Instant>,
    pub next: Instant,
    done: bool,
}

impl PeerWatch {
    pub fn new(endpoint: EndpointId, conn: ConnId, local: SocketAddr, remote: SocketAddr, now: Instant) -> PeerWatch {
        PeerWatch {
            endpoint,
            conn,
            local,
            remote,
            reported: None,
            misses: 0,
            undecided: 0,
            vanished: None,
            give_up: None,
            next: now,
            done: false,
        }
    }

    pub fn ours_closed(&mut self, now: Instant) {
        self.give_up.get_or_insert(now + FOLLOW_LIMIT);
    }

    pub fn done(&self) -> bool {
        self.done
    }

    /// One lookup of the peer's socket; the event to report, if anything changed.
    pub fn poll(&mut self, lookup: &mut impl Lookup, now: Instant) -> Option<EventKind> {
        self.next = now + FOLLOW_EVERY;
        if self.give_up.is_some_and(|t| now >= t) {
            self.done = true;
            return None;
        }
        // Our sockets before the lookup too: one of ours closed in between
        // still counts as ours.
        let ours_before = if self.reported.is_none() { owned_inodes() } else { None };
        let found = match lookup.find(self.remote, self.local) {
            Ok(found) => found,
            Err(error) => {
                self.done = true;
                return Some(EventKind::Error { conn: Some(self.conn), error });
            }
        };
        let Some(peer) = found else { return self.gone(now) };
        self.vanished = None;
        if self.reported.is_none() {
            match owner(&peer, ours_before.as_deref()) {
                Owner::Other => {}
                // socklab's own socket: drawn as a lane of its own.
                Owner::Socklab => {
                    self.done = true;
                    return None;
                }
                // Not accepted yet (a fast client is looked up before its
                // server's accept()): look again, a few times.
                Owner::NotYet => {
                    self.undecided += 1;
                    self.done = self.undecided >= UNDECIDED_MAX;
                    return None;
                }
            }
        }
        let changed = self
            .reported
            .as_ref()
            .is_none_or(|r| (r.state, r.recv_q, r.send_q, r.uid) != (peer.state, peer.recv_q, peer.send_q, peer.uid));
        if !changed {
            return None;
        }
        self.reported = Some(peer.clone());
        Some(EventKind::PeerSeen { conn: self.conn, peer: Box::new(peer) })
    }

    /// The lookup found nothing: the peer is gone (reported as CLOSED once a
    /// second lookup agrees) or, if it was never seen, not on this machine.
    fn gone(&mut self, now: Instant) -> Option<EventKind> {
        if self.reported.is_none() {
            self.misses += 1;
            self.done = self.misses >= MISSES_MAX;
            return None;
        }
        let confirmed = *self.vanished.get_or_insert(now) + CONFIRM_GONE;
        if now < confirmed {
            self.next = confirmed;
            return None;
        }
        let last = self.reported.take()?;
        self.done = true;
        let closed = KernelSocket { state: TcpState::Closed, recv_q: 0, send_q: 0, inode: 0, info: None, ..last };
        Some(EventKind::PeerSeen { conn: self.conn, peer: Box::new(closed) })
    }
}

enum Owner {
    /// Another process: no fd of ours refers to its inode.
    Other,
    /// socklab, or nothing can tell (no /proc).
    Socklab,
    /// No inode: a socket in an accept queue has none until accept(), nor
    /// has a TIME_WAIT or orphaned one.
    NotYet,
}

/// `ours_before`: this process's socket inodes read before the lookup.
fn owner(peer: &KernelSocket, ours_before: Option<&[u32]>) -> Owner {
    if peer.inode == 0 {
        return Owner::NotYet;
    }
    let ours = |inodes: Option<&[u32]>| inodes.is_none_or(|i| i.contains(&peer.inode));
    if ours(ours_before) || ours(owned_inodes().as_deref()) { Owner::Socklab } else { Owner::Other }
}

/// The inodes of this process's sockets, from /proc/self/fd ("socket:[123]").
#[cfg(target_os = "linux")]
fn owned_inodes() -> Option<Vec<u32>> {
    let dir = std::fs::read_dir("/proc/self/fd").ok()?;
    let inodes = dir
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter_map(|target| {
            let s = target.to_str()?;
            s.strip_prefix("socket:[")?.strip_suffix(']')?.parse().ok()
        })
        .collect();
    Some(inodes)
}

#[cfg(not(target_os = "linux"))]
fn owned_inodes() -> Option<Vec<u32>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetError;
    use std::collections::VecDeque;

    /// Answers lookups from a script, one answer each.
    struct Script(VecDeque<Option<KernelSocket>>);

    impl Lookup for Script {
        fn find(&mut self, _: SocketAddr, _: SocketAddr) -> Result<Option<KernelSocket>, NetError> {
            Ok(self.0.pop_front().flatten())
        }
    }

    fn socket(state: TcpState, inode: u32) -> Option<KernelSocket> {
        let (local, remote) = ("127.0.0.1:5000".parse().expect("addr"), "127.0.0.1:9000".parse().expect("addr"));
        Some(KernelSocket { state, local, remote, recv_q: 0, send_q: 0, uid: 0, inode, info: None })
    }

    fn state_of(ev: Option<EventKind>) -> Option<TcpState> {
        match ev {
            Some(EventKind::PeerSeen { peer, .. }) => Some(peer.state),
            _ => None,
        }
    }

    #[test]
    fn a_peer_not_accepted_yet_is_looked_at_again_and_a_missed_lookup_is_confirmed_before_closed() {
        use TcpState::*;
        let t0 = Instant::now();
        let (a, b) = ("127.0.0.1:9000".parse().expect("addr"), "127.0.0.1:5000".parse().expect("addr"));
        let mut w = PeerWatch::new(1, 1, a, b, t0);
        // u32::MAX is no inode of this process.
        let mut lookup =
            Script([socket(Established, 0), socket(Established, u32::MAX), None, None, None].into_iter().collect());
        assert_eq!(state_of(w.poll(&mut lookup, t0)), None, "in an accept queue: no owner yet");
        assert!(!w.done());
        assert_eq!(state_of(w.poll(&mut lookup, t0)), Some(Established));
        // Missed once (a socket moving into TIME_WAIT), then again too soon: nothing yet.
        assert_eq!(state_of(w.poll(&mut lookup, t0)), None);
        assert_eq!(w.next, t0 + CONFIRM_GONE);
        assert_eq!(state_of(w.poll(&mut lookup, t0 + CONFIRM_GONE / 2)), None);
        assert!(!w.done());
        assert_eq!(state_of(w.poll(&mut lookup, t0 + CONFIRM_GONE)), Some(Closed));
        assert!(w.done());
    }
}
