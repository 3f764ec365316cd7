//! The newest items of a numbered stream, bounded by count and by bytes: the
//! conversation's messages and the framed view's entries are both kept so.

use std::collections::VecDeque;

/// An item kept in a [`Window`]: its number and the bytes it counts.
pub(super) trait Numbered {
    fn seq(&self) -> u64;
    fn bytes(&self) -> usize;
}

#[derive(Debug)]
pub(super) struct Window<T> {
    items: VecDeque<T>,
    bytes: usize,
    max_items: usize,
    max_bytes: usize,
    next_seq: u64,
}

impl<T: Numbered> Window<T> {
    pub fn new(max_items: usize, max_bytes: usize) -> Window<T> {
        Window {
            items: VecDeque::new(),
            bytes: 0,
            max_items: max_items.max(1),
            max_bytes: max_bytes.max(1),
            next_seq: 0,
        }
    }

    /// The number the next item pushed must carry.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Adds an item numbered [`Self::next_seq`]; the oldest fall out past either
    /// bound (the newest always stays). Returns how many fell out and their bytes.
    pub fn push(&mut self, item: T) -> (u64, u64) {
        self.bytes += item.bytes();
        self.items.push_back(item);
        self.next_seq += 1;
        let (mut dropped, mut dropped_bytes) = (0, 0);
        while self.items.len() > self.max_items || (self.bytes > self.max_bytes && self.items.len() > 1) {
            if let Some(old) = self.items.pop_front() {
                self.bytes -= old.bytes();
                dropped += 1;
                dropped_bytes += old.bytes() as u64;
            }
        }
        (dropped, dropped_bytes)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.items.iter()
    }

    /// The items numbered `from` and later, oldest first: what a view that has
    /// seen everything before `from` needs to catch up. Found without a scan,
    /// as the items kept are numbered consecutively.
    pub fn since(&self, from: u64) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        let first = self.items.front().map_or(self.next_seq, |m| m.seq());
        let skip = usize::try_from(from.saturating_sub(first)).unwrap_or(usize::MAX).min(self.items.len());
        self.items.range(skip..)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Empties the window; the numbering goes on.
    pub fn clear(&mut self) {
        self.items.clear();
        self.bytes = 0;
    }
}
