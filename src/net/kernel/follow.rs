//! Turning samples of a connection's state into state changes: while
//! socklab holds the socket (TCP_INFO), and after it closed it (sock_diag,
//! until the kernel forgets the connection).

use std::net::SocketAddr;
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use super::info::TcpInfo;
use super::state::TcpState;
use super::{KernelSocket, SockDiag};
use crate::net::errors::NetError;

/// States remembered per connection for the "path taken so far".
const PATH_MAX: usize = 32;
/// How often a closed connection is looked up: TIME_WAIT shows within this.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(250);
/// A closed connection is followed at most this long (TIME_WAIT is 60 s on
/// Linux; an orphan in FIN_WAIT2 or LAST_ACK may linger about as long).
pub const FOLLOW_LIMIT: Duration = Duration::from_secs(180);

/// One state change, from the state seen before (None: the first sample).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StateChange {
    pub from: Option<TcpState>,
    pub to: TcpState,
}

/// Remembers a connection's last state and the states it went through.
#[derive(Clone, Debug, Default)]
pub struct StateWatch {
    path: Vec<TcpState>,
}

impl StateWatch {
    pub fn new() -> StateWatch {
        StateWatch::default()
    }

    /// Takes one sample; Some when the state differs from the last one.
    pub fn observe(&mut self, state: TcpState) -> Option<StateChange> {
        let from = self.current();
        if from == Some(state) {
            return None;
        }
        if self.path.len() == PATH_MAX {
            self.path.remove(0);
        }
        self.path.push(state);
        Some(StateChange { from, to: state })
    }

    pub fn current(&self) -> Option<TcpState> {
        self.path.last().copied()
    }

    /// Reads TCP_INFO of a socket socklab holds and takes its state as a
    /// sample: what a worker does on each event of a connection, and at the
    /// panel's interval while the panel is shown.
    pub fn sample(&mut self, sock: &impl AsFd) -> Result<(TcpInfo, Option<StateChange>), NetError> {
        let info = super::tcp_info(sock)?;
        let change = self.observe(info.state);
        Ok((info, change))
    }

    /// The states passed through, oldest first (the last [`PATH_MAX`]).
    pub fn path(&self) -> &[TcpState] {
        &self.path
    }
}

/// Something that finds a TCP socket by its addresses: the kernel's
/// sock_diag, or a stand-in in tests.
pub trait Lookup {
    fn find(&mut self, local: SocketAddr, remote: SocketAddr) -> Result<Option<KernelSocket>, NetError>;
}

impl Lookup for SockDiag {
    fn find(&mut self, local: SocketAddr, remote: SocketAddr) -> Result<Option<KernelSocket>, NetError> {
        SockDiag::find(self, local, remote)
    }
}

/// Follows one connection by its 4-tuple after its fd is gone, until the
/// kernel forgets it (then one last change to CLOSED) or [`FOLLOW_LIMIT`].
#[derive(Clone, Debug)]
pub struct Follower {
    pub local: SocketAddr,
    pub remote: SocketAddr,
    watch: StateWatch,
    /// The socket as the last lookup found it (None once it is gone).
    seen: Option<KernelSocket>,
    give_up: Instant,
    done: bool,
}

impl Follower {
    /// `last` is the state known when the fd was closed, so a first lookup
    /// that finds the same state reports nothing.
    pub fn new(local: SocketAddr, remote: SocketAddr, last: Option<TcpState>, now: Instant) -> Follower {
        let mut watch = StateWatch::new();
        if let Some(s) = last {
            watch.observe(s);
        }
        Follower { local, remote, watch, seen: None, give_up: now + FOLLOW_LIMIT, done: false }
    }

    /// One lookup; the change it shows, if any. An error ends the follow (it
    /// is returned once; the caller reports it).
    pub fn poll(&mut self, lookup: &mut impl Lookup, now: Instant) -> Result<Option<StateChange>, NetError> {
        if self.done {
            return Ok(None);
        }
        if now >= self.give_up {
            self.done = true;
            return Ok(None);
        }
        self.seen = lookup.find(self.local, self.remote).inspect_err(|_| self.done = true)?;
        let state = match &self.seen {
            Some(s) => s.state,
            None => {
                self.done = true;
                TcpState::Closed
            }
        };
        let change = self.watch.observe(state);
        if state == TcpState::Closed {
            self.done = true;
        }
        Ok(change)
    }

    pub fn state(&self) -> Option<TcpState> {
        self.watch.current()
    }

    /// The socket as the last lookup found it: its queues, and its TCP_INFO
    /// unless it is in TIME_WAIT (which has none).
    pub fn last_seen(&self) -> Option<&KernelSocket> {
        self.seen.as_ref()
    }

    pub fn path(&self) -> &[TcpState] {
        self.watch.path()
    }

    /// The kernel has forgotten the connection, or following it ended.
    pub fn done(&self) -> bool {
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Script(Vec<Option<TcpState>>);

    impl Lookup for Script {
        fn find(&mut self, local: SocketAddr, remote: SocketAddr) -> Result<Option<KernelSocket>, NetError> {
            let next = if self.0.is_empty() { None } else { self.0.remove(0) };
            Ok(next.map(|state| KernelSocket {
                state,
                local,
                remote,
                recv_q: 0,
                send_q: 0,
                uid: 0,
                inode: 0,
                info: None,
            }))
        }
    }

    fn addr(p: u16) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], p))
    }

    #[test]
    fn a_watch_reports_only_changes_and_keeps_the_path() {
        let mut w = StateWatch::new();
        assert_eq!(w.observe(TcpState::Established), Some(StateChange { from: None, to: TcpState::Established }));
        assert_eq!(w.observe(TcpState::Established), None);
        let c = w.observe(TcpState::FinWait1).expect("a change");
        assert_eq!((c.from, c.to), (Some(TcpState::Established), TcpState::FinWait1));
        assert_eq!(w.path(), [TcpState::Established, TcpState::FinWait1]);
        for i in 0..100 {
            w.observe(if i % 2 == 0 { TcpState::Closed } else { TcpState::Listen });
        }
        assert_eq!(w.path().len(), PATH_MAX);
    }

    #[test]
    fn a_follower_reports_time_wait_then_closed_when_the_kernel_forgets() {
        let now = Instant::now();
        let mut f = Follower::new(addr(1), addr(2), Some(TcpState::FinWait2), now);
        let mut k = Script(vec![Some(TcpState::FinWait2), Some(TcpState::TimeWait), Some(TcpState::TimeWait), None]);
        assert_eq!(f.poll(&mut k, now).expect("ok"), None);
        assert_eq!(f.poll(&mut k, now).expect("ok").map(|c| c.to), Some(TcpState::TimeWait));
        assert_eq!(f.poll(&mut k, now).expect("ok"), None);
        let last = f.poll(&mut k, now).expect("ok").expect("closed");
        assert_eq!((last.from, last.to), (Some(TcpState::TimeWait), TcpState::Closed));
        assert!(f.done());
        assert_eq!(f.path(), [TcpState::FinWait2, TcpState::TimeWait, TcpState::Closed]);
        assert_eq!(f.poll(&mut k, now).expect("ok"), None, "nothing after done");
    }

    #[test]
    fn a_follower_gives_up_after_the_limit() {
        let now = Instant::now();
        let mut f = Follower::new(addr(1), addr(2), None, now);
        let mut k = Script(vec![Some(TcpState::TimeWait); 3]);
        assert!(f.poll(&mut k, now).expect("ok").is_some());
        assert_eq!(f.poll(&mut k, now + FOLLOW_LIMIT).expect("ok"), None);
        assert!(f.done());
    }
}
