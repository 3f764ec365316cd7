//! Standard input, read on its own thread and handed to the engine: as it
//! comes (streams) or one datagram per line. Memory stays bounded: at most
//! [`STDIN_AHEAD`] bytes (and [`DATAGRAMS_AHEAD`] datagrams) wait for the
//! socket, a line is at most the largest datagram, and input with nobody to
//! send it to is dropped (said once), not kept.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::net::{Command, Encoding, EndpointId, Engine, Target};

use super::encoding_io::encode_line;
use super::messages;
use super::out::say;

/// Bytes of stdin handed to the engine and not yet sent before reading more.
const STDIN_AHEAD: u64 = 1 << 20;
/// Datagrams on their way before reading more: well under what a datagram
/// worker queues (4,096), so short lines are never refused as "queue full".
const DATAGRAMS_AHEAD: usize = 1024;

/// The largest UDP payload over IPv4 (65,535 - 20 IP - 8 UDP header bytes):
/// a longer line cannot be one datagram.
pub const MAX_LINE: usize = 65_507;

/// How much stdin is on its way, so that reading waits for the socket
/// instead of piling input up in memory. Every wait has an end: a send that
/// will never happen (its connection is gone, sendto() failed) is forgotten.
pub struct Flow {
    state: Mutex<FlowState>,
    changed: Condvar,
}

struct FlowState {
    bytes: u64,
    /// Datagram sockets: the size of each datagram on its way. Each one ends
    /// in exactly one `Sent` or one failed send, in whatever order.
    datagrams: Option<VecDeque<u64>>,
}

impl FlowState {
    fn has_room(&self) -> bool {
        self.bytes <= STDIN_AHEAD && self.datagrams.as_ref().is_none_or(|d| d.len() < DATAGRAMS_AHEAD)
    }
}

impl Flow {
    pub fn new(datagram: bool) -> Flow {
        let datagrams = datagram.then(VecDeque::new);
        Flow { state: Mutex::new(FlowState { bytes: 0, datagrams }), changed: Condvar::new() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FlowState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until there is room, then counts `n` more bytes on their way.
    fn add(&self, n: u64) {
        let mut s = self.lock();
        while !s.has_room() {
            s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        s.bytes += n;
        if let Some(d) = s.datagrams.as_mut() {
            d.push_back(n);
        }
    }

    /// `n` bytes left for the kernel (for a datagram socket: one datagram).
    /// Replies the server sends itself (echo) count too, which only ever
    /// lets input through sooner: this is a bound, not a ledger.
    pub fn sent(&self, n: u64) {
        let mut s = self.lock();
        let done = match s.datagrams.as_mut() {
            Some(d) => d.pop_front().unwrap_or(0),
            None => n,
        };
        s.bytes = s.bytes.saturating_sub(done);
        self.changed.notify_all();
    }

    /// A send failed: for a datagram socket, one datagram will never go.
    pub fn send_failed(&self) {
        let mut s = self.lock();
        if let Some(size) = s.datagrams.as_mut().and_then(VecDeque::pop_front) {
            s.bytes = s.bytes.saturating_sub(size);
            self.changed.notify_all();
        }
    }

    /// Nothing on its way will be sent (every connection is gone).
    pub fn forget_all(&self) {
        let mut s = self.lock();
        s.bytes = 0;
        if let Some(d) = s.datagrams.as_mut() {
            d.clear();
        }
        self.changed.notify_all();
    }
}

/// Where stdin goes now; `None` while there is nobody to send it to.
pub type Destination = Arc<Mutex<Option<Target>>>;

pub struct Pump {
    pub engine: Engine,
    pub id: EndpointId,
    pub dest: Destination,
    pub flow: Arc<Flow>,
    /// One datagram per line instead of the bytes as they come.
    pub lines: bool,
    /// `--encoding`: each line is re-encoded from UTF-8 (streams go line by line too).
    pub encoding: Option<Encoding>,
    /// Said once each time input starts being discarded.
    pub nobody: String,
}

impl Pump {
    /// Reads stdin on its own thread until it ends, then calls `on_eof`.
    pub fn spawn(self, on_eof: impl FnOnce(&Engine) + Send + 'static) {
        std::thread::spawn(move || {
            self.read_all();
            on_eof(&self.engine);
        });
    }

    fn read_all(&self) {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        let mut buf = vec![0u8; 64 * 1024];
        let mut pending = Vec::new();
        let mut discarding = false;
        let mut warned_split = false;
        let mut line_no = 0u64;
        loop {
            let n = match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            if !self.lines && self.encoding.is_none() {
                self.send(buf[..n].to_vec(), &mut discarding);
                continue;
            }
            pending.extend_from_slice(&buf[..n]);
            let (pieces, split) = take_lines(&mut pending, MAX_LINE);
            if split && !warned_split {
                warned_split = true;
                say(&messages::line_split(MAX_LINE));
            }
            for piece in pieces {
                self.send_line(piece, &mut line_no, &mut discarding);
            }
        }
        if !pending.is_empty() {
            self.send_line(pending, &mut line_no, &mut discarding);
        }
    }

    /// A line (or a datagram), in the encoding if one was given; a line the
    /// encoding cannot hold is said on stderr and not sent.
    fn send_line(&self, line: Vec<u8>, line_no: &mut u64, discarding: &mut bool) {
        *line_no += 1;
        match self.encoding.map(|enc| encode_line(&line, *line_no, enc)) {
            None => self.send(line, discarding),
            Some(Ok(data)) => self.send(data, discarding),
            Some(Err(msg)) => say(&msg),
        }
    }

    fn send(&self, data: Vec<u8>, discarding: &mut bool) {
        let target = self.dest.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(target) = target else {
            if !*discarding {
                *discarding = true;
                say(&self.nobody);
            }
            return;
        };
        *discarding = false;
        self.flow.add(data.len() as u64);
        // A full inbox only means the worker is behind: wait for room.
        let cmd = Command::Send { id: self.id, target, data };
        if let Err(e) = self.engine.send_wait(cmd, Duration::from_secs(30)) {
            self.flow.send_failed();
            say(&messages::input_not_sent(&e));
        }
    }
}

/// Takes the datagrams out of buffered input: each line with its newline,
/// and a line longer than `max` in pieces of `max` bytes (then `true`). What
/// is left is a line not ended yet, shorter than `max`.
fn take_lines(pending: &mut Vec<u8>, max: usize) -> (Vec<Vec<u8>>, bool) {
    let mut pieces = Vec::new();
    let mut split = false;
    let mut start = 0;
    loop {
        let rest = &pending[start..];
        let window = &rest[..rest.len().min(max)];
        let end = match window.iter().position(|&b| b == b'\n') {
            Some(i) => i + 1,
            None if rest.len() >= max => {
                split = true;
                max
            }
            None => break,
        };
        pieces.push(rest[..end].to_vec());
        start += end;
    }
    // One move of the unfinished line to the front, not one per line taken.
    pending.drain(..start);
    (pieces, split)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_datagrams_and_long_ones_are_cut() {
        let mut buf = b"one\ntwo\nthr".to_vec();
        assert_eq!(take_lines(&mut buf, 10), (vec![b"one\n".to_vec(), b"two\n".to_vec()], false));
        assert_eq!(buf, b"thr");
        let mut buf = b"0123456789abcdefghij\nx".to_vec();
        let (pieces, split) = take_lines(&mut buf, 8);
        assert!(split);
        assert_eq!(pieces, vec![b"01234567".to_vec(), b"89abcdef".to_vec(), b"ghij\n".to_vec()]);
        assert_eq!(buf, b"x");
        // A line that fills the limit exactly, newline included, is one datagram.
        let mut buf = b"1234567\n".to_vec();
        assert_eq!(take_lines(&mut buf, 8), (vec![b"1234567\n".to_vec()], false));
    }

    #[test]
    fn many_short_lines_are_taken_in_one_pass() {
        let mut buf = b"x\n".repeat(100_000);
        let (pieces, split) = take_lines(&mut buf, MAX_LINE);
        assert_eq!((pieces.len(), split, buf.len()), (100_000, false, 0));
    }

    #[test]
    fn the_flow_forgets_what_will_never_be_sent() {
        let flow = Flow::new(true);
        flow.add(STDIN_AHEAD);
        flow.add(10);
        flow.send_failed();
        assert_eq!(flow.lock().bytes, 10);
        flow.sent(10);
        assert_eq!(flow.lock().bytes, 0);
        // Many small datagrams wait on their count, not their bytes.
        for _ in 0..DATAGRAMS_AHEAD {
            flow.add(1);
        }
        assert!(!flow.lock().has_room(), "{DATAGRAMS_AHEAD} datagrams of 1 byte fill the flow");
        flow.sent(1);
        assert!(flow.lock().has_room());
        let stream = Flow::new(false);
        stream.add(STDIN_AHEAD + 1);
        stream.forget_all();
        stream.add(1); // would wait forever if the bytes were still counted
        assert_eq!(stream.lock().bytes, 1);
    }
}
