//! TCP's stream boundaries made visible: for data going from one socklab
//! endpoint to another over TCP, where each send() ended against where each
//! recv() ended. A recv() that ends inside a send means that send was split;
//! a send that ends inside a recv means sends were joined.
//!
//! A direction is keyed by its (source, destination) addresses, so the two
//! ends pair up without knowing which endpoints they are. Offsets are
//! absolute, so forgetting old boundaries (the bounds below) never misaligns
//! what is left.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;

/// Boundaries kept per direction and side before the oldest are forgotten
/// (only one side is seen when the peer is not a socklab endpoint).
const MAX_BOUNDARIES: usize = 256;
/// Directions tracked at once; the least recently used is forgotten first.
const MAX_FLOWS: usize = 128;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Found {
    /// A send() arrived in two or more recv()s.
    pub split: bool,
    /// Two or more send()s arrived in one recv().
    pub coalesced: bool,
}

#[derive(Default)]
struct Flow {
    sends: VecDeque<(u64, u64)>,
    recvs: VecDeque<(u64, u64)>,
    sent: u64,
    received: u64,
    last_used: u64,
}

impl Flow {
    /// Compares the boundaries both sides have reported so far, then forgets them.
    fn compare(&mut self) -> Found {
        let mut found = Found::default();
        while let (Some(&(s0, s1)), Some(&(r0, r1))) = (self.sends.front(), self.recvs.front()) {
            if s1 <= r0 {
                self.sends.pop_front();
                continue;
            }
            if r1 <= s0 {
                self.recvs.pop_front();
                continue;
            }
            // Each boundary is looked at once, when the interval it ends is at the front.
            found.split |= s0 < r1 && r1 < s1;
            found.coalesced |= r0 < s1 && s1 < r1;
            if s1 <= r1 {
                self.sends.pop_front();
            }
            if r1 <= s1 {
                self.recvs.pop_front();
            }
        }
        found
    }
}

fn push(list: &mut VecDeque<(u64, u64)>, start: u64, len: usize) -> u64 {
    if list.len() == MAX_BOUNDARIES {
        list.pop_front();
    }
    let end = start + len as u64;
    list.push_back((start, end));
    end
}

#[derive(Default)]
pub(super) struct Streams {
    flows: HashMap<(SocketAddr, SocketAddr), Flow>,
    clock: u64,
}

impl Streams {
    fn flow(&mut self, from: SocketAddr, to: SocketAddr) -> &mut Flow {
        self.clock += 1;
        if !self.flows.contains_key(&(from, to))
            && self.flows.len() >= MAX_FLOWS
            && let Some(oldest) = self.flows.iter().min_by_key(|(_, f)| f.last_used).map(|(k, _)| *k)
        {
            self.flows.remove(&oldest);
        }
        let clock = self.clock;
        let flow = self.flows.entry((from, to)).or_default();
        flow.last_used = clock;
        flow
    }

    /// A send() of `len` bytes from `from` to `to`.
    pub fn sent(&mut self, from: SocketAddr, to: SocketAddr, len: usize) -> Found {
        let flow = self.flow(from, to);
        flow.sent = push(&mut flow.sends, flow.sent, len);
        flow.compare()
    }

    /// A recv() of `len` bytes that `to` got from `from`.
    pub fn received(&mut self, from: SocketAddr, to: SocketAddr, len: usize) -> Found {
        let flow = self.flow(from, to);
        flow.received = push(&mut flow.recvs, flow.received, len);
        flow.compare()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addrs() -> (SocketAddr, SocketAddr) {
        ("127.0.0.1:1000".parse().expect("addr"), "127.0.0.1:2000".parse().expect("addr"))
    }

    #[test]
    fn one_send_in_two_recvs_is_a_split_whichever_side_reports_first() {
        let (a, b) = addrs();
        let mut s = Streams::default();
        assert_eq!(s.received(a, b, 4), Found::default(), "nothing to compare yet");
        assert_eq!(s.sent(a, b, 10), Found { split: true, coalesced: false });
        assert_eq!(s.received(a, b, 6), Found::default(), "the rest of the same send");
    }

    #[test]
    fn two_sends_in_one_recv_are_joined_and_equal_boundaries_are_neither() {
        let (a, b) = addrs();
        let mut s = Streams::default();
        assert_eq!(s.sent(a, b, 3), Found::default());
        assert_eq!(s.sent(a, b, 3), Found::default());
        assert_eq!(s.received(a, b, 6), Found { split: false, coalesced: true });
        for _ in 0..5 {
            assert_eq!(s.sent(a, b, 7), Found::default());
            assert_eq!(s.received(a, b, 7), Found::default(), "one send, one recv");
        }
        // The other direction is a different flow.
        assert_eq!(s.sent(b, a, 2), Found::default());
        assert_eq!(s.received(a, b, 1), Found::default(), "no send of a→b is waiting");
    }

    #[test]
    fn memory_stays_bounded_when_only_one_side_is_seen() {
        let mut s = Streams::default();
        for port in 0..1000u16 {
            let from: SocketAddr = format!("127.0.0.1:{}", 3000 + port).parse().expect("addr");
            let (_, to) = addrs();
            for _ in 0..300 {
                s.received(from, to, 10);
            }
        }
        assert!(s.flows.len() <= MAX_FLOWS);
        assert!(s.flows.values().all(|f| f.recvs.len() <= MAX_BOUNDARIES && f.sends.is_empty()));
    }
}
