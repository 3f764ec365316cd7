//! A conversation: every send and recv as its own message, newest last,
//! bounded by count and bytes; what falls out is counted.

use std::time::SystemTime;

use super::window::{Numbered, Window};
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

impl Numbered for Message {
    fn seq(&self) -> u64 {
        self.seq
    }
    fn bytes(&self) -> usize {
        self.data.len()
    }
}

#[derive(Debug)]
pub struct Conversation {
    messages: Window<Message>,
    /// Messages dropped from view (still counted in the endpoint's totals).
    pub dropped: u64,
    pub dropped_bytes: u64,
}

impl Conversation {
    pub fn new(max_messages: usize, max_bytes: usize) -> Conversation {
        Conversation { messages: Window::new(max_messages, max_bytes), dropped: 0, dropped_bytes: 0 }
    }

    pub fn push(&mut self, time: SystemTime, dir: Direction, conn: ConnId, peer: Option<Addr>, data: Vec<u8>) {
        let seq = self.messages.next_seq();
        let (dropped, bytes) = self.messages.push(Message { seq, time, dir, conn, peer, data });
        self.dropped += dropped;
        self.dropped_bytes += bytes;
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Message> + ExactSizeIterator {
        self.messages.iter()
    }

    /// The messages numbered `from` and later, oldest first (found without a scan).
    pub fn since(&self, from: u64) -> impl DoubleEndedIterator<Item = &Message> + ExactSizeIterator {
        self.messages.since(from)
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// Changes whenever a message is added: lets views cache derived layouts.
    pub fn revision(&self) -> u64 {
        self.messages.next_seq()
    }

    pub fn clear(&mut self) {
        self.messages.clear();
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
