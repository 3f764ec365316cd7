//! A conversation: every send and recv as its own message, newest last,
//! bounded by count and bytes; what falls out is counted.

use std::collections::VecDeque;
use std::time::SystemTime;

use crate::net::{Addr, ConnId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    In,
    Out,
}

#[derive(Clone, Debug)]
pub struct Message {
    pub seq: u64,
    pub time: SystemTime,
    pub dir: Direction,
    pub conn: ConnId,
    /// The peer: the connection's, or the datagram's source/destination.
    pub peer: Option<Addr>,
    pub data: Vec<u8>,
}

#[derive(Debug)]
pub struct Conversation {
    messages: VecDeque<Message>,
    bytes: usize,
    max_messages: usize,
    max_bytes: usize,
    next_seq: u64,
    /// Messages dropped from view (still counted in the endpoint's totals).
    pub dropped: u64,
    pub dropped_bytes: u64,
}

impl Conversation {
    pub fn new(max_messages: usize, max_bytes: usize) -> Conversation {
        Conversation {
            messages: VecDeque::new(),
            bytes: 0,
            max_messages: max_messages.max(1),
            max_bytes: max_bytes.max(1),
            next_seq: 0,
            dropped: 0,
            dropped_bytes: 0,
        }
    }

    pub fn push(&mut self, time: SystemTime, dir: Direction, conn: ConnId, peer: Option<Addr>, data: Vec<u8>) {
        self.bytes += data.len();
        self.messages.push_back(Message { seq: self.next_seq, time, dir, conn, peer, data });
        self.next_seq += 1;
        while self.messages.len() > self.max_messages || (self.bytes > self.max_bytes && self.messages.len() > 1) {
            if let Some(m) = self.messages.pop_front() {
                self.bytes -= m.data.len();
                self.dropped += 1;
                self.dropped_bytes += m.data.len() as u64;
            }
        }
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Message> + ExactSizeIterator {
        self.messages.iter()
    }

    /// The messages numbered `from` and later, oldest first: what a view that has
    /// seen everything before `from` needs to catch up. Found without a scan, as
    /// the messages kept are numbered consecutively.
    pub fn since(&self, from: u64) -> impl DoubleEndedIterator<Item = &Message> + ExactSizeIterator {
        let first = self.messages.front().map_or(self.next_seq, |m| m.seq);
        let skip = usize::try_from(from.saturating_sub(first)).unwrap_or(usize::MAX).min(self.messages.len());
        self.messages.range(skip..)
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// Changes whenever a message is added: lets views cache derived layouts.
    pub fn revision(&self) -> u64 {
        self.next_seq
    }

    pub fn clear(&mut self) {
        self.messages.clear();
        self.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_by_count_and_bytes_and_counts_what_it_drops() {
        let mut c = Conversation::new(3, 10);
        for i in 0..5u8 {
            c.push(SystemTime::now(), Direction::In, 0, None, vec![i]);
        }
        assert_eq!(c.len(), 3);
        assert_eq!(c.dropped, 2);
        c.push(SystemTime::now(), Direction::Out, 0, None, vec![0; 9]);
        assert!(c.iter().map(|m| m.data.len()).sum::<usize>() <= 10);
        assert_eq!(c.iter().last().map(|m| m.seq), Some(5));
    }

    #[test]
    fn since_gives_the_messages_from_a_seq_on() {
        let mut c = Conversation::new(3, 100);
        for i in 0..5u8 {
            c.push(SystemTime::now(), Direction::In, 0, None, vec![i]);
        }
        // Kept: 2, 3, 4.
        let seqs = |from| c.since(from).map(|m| m.seq).collect::<Vec<_>>();
        assert_eq!(seqs(0), [2, 3, 4]);
        assert_eq!(seqs(3), [3, 4]);
        assert_eq!(seqs(5), Vec::<u64>::new());
        assert_eq!(seqs(u64::MAX), Vec::<u64>::new());
        assert_eq!(Conversation::new(3, 100).since(0).len(), 0);
    }
}
