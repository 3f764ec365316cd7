//! Received bytes as events carry them, in buffers that go back to a pool.
//!
//! A worker reads into 64 KiB buffers taken from the engine's pool. A big
//! read travels as the buffer itself; small reads and datagrams are copied
//! one behind the other into a shared block, so a 100-byte datagram costs
//! neither an allocation nor 64 KiB. When the caller drops the last [`Chunk`]
//! of a buffer, the buffer returns to the pool (or to the allocator if the
//! pool is full), so a steady stream allocates nothing and the worker does
//! not fault in fresh pages for every read.

use std::fmt;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender, bounded};

/// The size of every pool buffer: the most one recv() asks for.
pub(crate) const BUF_SIZE: usize = 64 * 1024;
/// Free buffers the pool keeps for reuse (8 MiB, whatever the number of
/// endpoints); more go back to the allocator. A bulk receive keeps about a
/// hundred buffers in flight while the caller catches up: fewer would send
/// most of them back to the allocator and fault fresh pages in for each read.
const POOL_KEEP: usize = 128;

/// Free buffers shared by every worker of an engine.
pub(crate) struct Pool {
    put: Sender<Vec<u8>>,
    get: Receiver<Vec<u8>>,
}

impl Pool {
    pub fn new() -> Arc<Pool> {
        let (put, get) = bounded(POOL_KEEP);
        Arc::new(Pool { put, get })
    }

    /// An empty buffer with room for `BUF_SIZE` bytes: a reused one when there is one.
    pub fn take(&self) -> Vec<u8> {
        self.get.try_recv().unwrap_or_else(|_| Vec::with_capacity(BUF_SIZE))
    }

    fn give(&self, mut buf: Vec<u8>) {
        if buf.capacity() >= BUF_SIZE {
            buf.clear();
            // A full pool: this one goes back to the allocator.
            let _ = self.put.try_send(buf);
        }
    }
}

/// One pool buffer held by raw parts, so that the packer can append behind
/// bytes that chunks already share. Dropped, it goes back to the pool.
struct Block {
    ptr: NonNull<u8>,
    cap: usize,
    pool: Arc<Pool>,
}

// SAFETY: a Block owns its allocation like a Vec<u8> does. Shared, it is only
// read in ranges that are written once before they are handed out (see Packer).
unsafe impl Send for Block {}
unsafe impl Sync for Block {}

impl Block {
    fn new(buf: Vec<u8>, pool: Arc<Pool>) -> Block {
        let mut buf = ManuallyDrop::new(buf);
        let cap = buf.capacity();
        // A Vec's pointer is never null, even with no capacity.
        let ptr = NonNull::new(buf.as_mut_ptr()).unwrap_or(NonNull::dangling());
        Block { ptr, cap, pool }
    }

    /// SAFETY: `start..end` lies within the bytes written, and nobody writes them any more.
    unsafe fn slice(&self, start: usize, end: usize) -> &[u8] {
        // SAFETY: the caller's promise, and the range is within the allocation.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr().add(start), end - start) }
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        // SAFETY: ptr and cap are the parts of the Vec this block was made from.
        let buf = unsafe { Vec::from_raw_parts(self.ptr.as_ptr(), 0, self.cap) };
        self.pool.give(buf);
    }
}

enum Repr {
    Owned(Vec<u8>),
    /// A whole pool buffer, its first `len` bytes (a big read, without a copy).
    Whole {
        block: Block,
        len: usize,
    },
    /// A range of a block shared with the chunks packed beside it.
    Shared {
        block: Arc<Block>,
        start: usize,
        end: usize,
    },
}

/// Bytes received: derefs to `[u8]`; its buffer goes back to the pool when dropped.
pub struct Chunk(Repr);

impl Chunk {
    /// The bytes as a Vec of their own (no copy when the chunk already is one).
    /// Keep this, not the chunk, to hold bytes for long: it frees the pool buffer.
    pub fn into_vec(self) -> Vec<u8> {
        match self.0 {
            Repr::Owned(v) => v,
            _ => self.to_vec(),
        }
    }

    /// The first `len` bytes of a pool buffer, without a copy.
    pub(crate) fn whole(buf: Vec<u8>, pool: &Arc<Pool>) -> Chunk {
        let len = buf.len();
        Chunk(Repr::Whole { block: Block::new(buf, pool.clone()), len })
    }
}

impl Deref for Chunk {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.0 {
            Repr::Owned(v) => v,
            // SAFETY: a Whole chunk's first `len` bytes were written before it was made.
            Repr::Whole { block, len } => unsafe { block.slice(0, *len) },
            // SAFETY: the packer wrote start..end before making the chunk, and never again.
            Repr::Shared { block, start, end } => unsafe { block.slice(*start, *end) },
        }
    }
}

impl AsRef<[u8]> for Chunk {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl std::borrow::Borrow<[u8]> for Chunk {
    fn borrow(&self) -> &[u8] {
        self
    }
}

impl Clone for Chunk {
    fn clone(&self) -> Chunk {
        match &self.0 {
            Repr::Shared { block, start, end } => {
                Chunk(Repr::Shared { block: block.clone(), start: *start, end: *end })
            }
            _ => Chunk(Repr::Owned(self.to_vec())),
        }
    }
}

impl fmt::Debug for Chunk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl From<Vec<u8>> for Chunk {
    fn from(v: Vec<u8>) -> Chunk {
        Chunk(Repr::Owned(v))
    }
}

impl From<&[u8]> for Chunk {
    fn from(b: &[u8]) -> Chunk {
        Chunk(Repr::Owned(b.to_vec()))
    }
}

impl From<Chunk> for Vec<u8> {
    fn from(c: Chunk) -> Vec<u8> {
        c.into_vec()
    }
}

impl PartialEq for Chunk {
    fn eq(&self, other: &Chunk) -> bool {
        **self == **other
    }
}

impl Eq for Chunk {}

impl PartialEq<[u8]> for Chunk {
    fn eq(&self, other: &[u8]) -> bool {
        &**self == other
    }
}

impl PartialEq<Vec<u8>> for Chunk {
    fn eq(&self, other: &Vec<u8>) -> bool {
        **self == **other
    }
}

impl<const N: usize> PartialEq<[u8; N]> for Chunk {
    fn eq(&self, other: &[u8; N]) -> bool {
        **self == other[..]
    }
}

impl<const N: usize> PartialEq<&[u8; N]> for Chunk {
    fn eq(&self, other: &&[u8; N]) -> bool {
        **self == other[..]
    }
}

/// Copies small pieces one behind the other into shared pool blocks.
pub(crate) struct Packer {
    pool: Arc<Pool>,
    block: Option<Arc<Block>>,
    /// Bytes of `block` written (and handed out) so far.
    fill: usize,
}

impl Packer {
    pub fn new(pool: Arc<Pool>) -> Packer {
        Packer { pool, block: None, fill: 0 }
    }

    pub fn pool(&self) -> &Arc<Pool> {
        &self.pool
    }

    /// A copy of `data` as a chunk: packed behind the previous pieces when it
    /// is small, in a pool buffer of its own when it is big (at most 2× its size).
    pub fn pack(&mut self, data: &[u8]) -> Chunk {
        if data.len() >= BUF_SIZE / 2 {
            if data.len() > BUF_SIZE {
                return Chunk::from(data);
            }
            let mut buf = self.pool.take();
            buf.extend_from_slice(data);
            return Chunk::whole(buf, &self.pool);
        }
        let block = match &self.block {
            Some(b) if self.fill + data.len() <= b.cap => b.clone(),
            _ => {
                let b = Arc::new(Block::new(self.pool.take(), self.pool.clone()));
                self.block = Some(b.clone());
                self.fill = 0;
                b
            }
        };
        let start = self.fill;
        // SAFETY: start..start+len lies within the block (checked above) and
        // past every range handed out so far, so no chunk reads it; only this
        // packer writes to the block, and it writes each byte once.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), block.ptr.as_ptr().add(start), data.len()) };
        self.fill += data.len();
        Chunk(Repr::Shared { block, start, end: self.fill })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_pieces_read_back_and_their_block_returns_to_the_pool() {
        let pool = Pool::new();
        let mut packer = Packer::new(pool.clone());
        let pieces: Vec<Vec<u8>> = (0..2000u32).map(|i| vec![i as u8; (i % 300) as usize]).collect();
        let chunks: Vec<Chunk> = pieces.iter().map(|p| packer.pack(p)).collect();
        for (p, c) in pieces.iter().zip(&chunks) {
            assert_eq!(c, p);
        }
        assert!(pool.get.is_empty(), "every block is still in use");
        drop(chunks);
        drop(packer);
        // 289,000 bytes in pieces of up to 299: five blocks, all back.
        assert_eq!(pool.get.len(), 5);
        assert!(pool.get.try_iter().all(|b| b.is_empty() && b.capacity() == BUF_SIZE));
    }

    #[test]
    fn a_big_piece_takes_a_buffer_of_its_own_and_a_whole_read_is_not_copied() {
        let pool = Pool::new();
        let mut packer = Packer::new(pool.clone());
        let big = vec![7u8; 40_000];
        let c = packer.pack(&big);
        assert_eq!(c, big);
        let mut buf = pool.take();
        buf.extend_from_slice(b"read");
        let at = buf.as_ptr();
        let whole = Chunk::whole(buf, &pool);
        assert_eq!((whole.as_ptr(), &*whole), (at, &b"read"[..]));
        assert_eq!(whole.clone().into_vec(), b"read");
        drop((c, whole));
        assert_eq!(pool.get.len(), 2);
        // A reused buffer is empty again.
        assert!(pool.take().is_empty());
    }

    #[test]
    fn chunks_outlive_their_packer_and_cross_threads() {
        let pool = Pool::new();
        let mut packer = Packer::new(pool.clone());
        let chunks: Vec<Chunk> = (0..100u8).map(|i| packer.pack(&[i; 10])).collect();
        drop(packer);
        let sums =
            std::thread::spawn(move || chunks.iter().map(|c| c.iter().map(|&b| b as u32).sum::<u32>()).sum::<u32>())
                .join()
                .expect("the thread");
        assert_eq!(sums, (0..100u32).map(|i| i * 10).sum::<u32>());
        assert_eq!(pool.get.len(), 1);
    }
}
