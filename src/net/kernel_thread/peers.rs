//! "Peer seen by the kernel": the other end of a watched connection, when it
//! is a socket on this machine that socklab does not own (a student's Python
//! client, `nc`, a browser). sock_diag finds it by the same 4-tuple seen from
//! the other side; its inode tells whether it is one of ours.

use std::net::SocketAddr;
use std::time::Instant;

use crate::net::event::{ConnId, EndpointId, EventKind};
use crate::net::kernel::{FOLLOW_EVERY, FOLLOW_LIMIT, KernelSocket, Lookup, TcpState};

/// Lookups that find nothing before the peer is given up (it is not on this
/// machine after all, e.g. behind a NAT rule).
const MISSES_MAX: u32 = 4;

pub(super) struct PeerWatch {
    pub endpoint: EndpointId,
    pub conn: ConnId,
    /// Our connection's addresses; the peer's are the same, swapped.
    local: SocketAddr,
    remote: SocketAddr,
    /// What was reported last (state and queues), to report only changes.
    reported: Option<KernelSocket>,
    misses: u32,
    /// After our side closed, the peer is followed at most FOLLOW_LIMIT more.
    give_up: Option<Instant>,
    pub next: Instant,
    done: bool,
}

impl PeerWatch {
    pub fn new(endpoint: EndpointId, conn: ConnId, local: SocketAddr, remote: SocketAddr, now: Instant) -> PeerWatch {
        PeerWatch { endpoint, conn, local, remote, reported: None, misses: 0, give_up: None, next: now, done: false }
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
        let found = match lookup.find(self.remote, self.local) {
            Ok(found) => found,
            Err(error) => {
                self.done = true;
                return Some(EventKind::Error { conn: Some(self.conn), error });
            }
        };
        let Some(peer) = found else { return self.gone() };
        if self.reported.is_none() && !not_ours(&peer) {
            // socklab's own socket (drawn as a lane of its own), or one whose owner cannot be told.
            self.done = true;
            return None;
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

    /// The lookup found nothing: the peer is gone (reported as CLOSED) or, if
    /// it was never seen, not on this machine.
    fn gone(&mut self) -> Option<EventKind> {
        let Some(last) = self.reported.take() else {
            self.misses += 1;
            self.done = self.misses >= MISSES_MAX;
            return None;
        };
        self.done = true;
        let closed = KernelSocket { state: TcpState::Closed, recv_q: 0, send_q: 0, inode: 0, info: None, ..last };
        Some(EventKind::PeerSeen { conn: self.conn, peer: Box::new(closed) })
    }
}

/// The socket belongs to another process: it has an inode (a TIME_WAIT socket
/// has none, so nothing tells whose it was) and no fd of ours refers to it.
fn not_ours(peer: &KernelSocket) -> bool {
    peer.inode != 0 && owned_inodes().is_some_and(|ours| !ours.contains(&peer.inode))
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
