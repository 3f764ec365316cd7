//! One stream connection inside a worker: its socket, the bytes waiting to be
//! sent, and the flags that drive half-close and close-after-flush; its
//! framer and rule state are in `proto`.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::os::fd::AsFd;

use mio::event::Source;

use crate::net::addr::Addr;
use crate::net::chunk::{BUF_SIZE, Chunk, Packer};
use crate::net::errors::NetError;
use crate::net::event::{ConnId, EventKind};
use crate::net::frame::FrameSpec;
use crate::net::outbox::Outbox;
use crate::net::worker::file::FileSend;
use crate::net::worker::proto::ConnProto;
use crate::net::worker::{interrupted, would_block};

/// What a stream socket must offer the worker (TCP and Unix streams both do).
pub(crate) trait StreamSock: Read + Write + Source + AsFd + Send + 'static {
    fn local(&self) -> Addr;
    fn peer(&self) -> Addr;
    fn shutdown_write(&self) -> io::Result<()>;
}

impl StreamSock for mio::net::TcpStream {
    fn local(&self) -> Addr {
        self.local_addr().map(Addr::Inet).unwrap_or(Addr::Unnamed)
    }
    fn peer(&self) -> Addr {
        self.peer_addr().map(Addr::Inet).unwrap_or(Addr::Unnamed)
    }
    fn shutdown_write(&self) -> io::Result<()> {
        self.shutdown(std::net::Shutdown::Write)
    }
}

impl StreamSock for mio::net::UnixStream {
    fn local(&self) -> Addr {
        self.local_addr().map(|a| Addr::from_unix(&a)).unwrap_or(Addr::Unnamed)
    }
    fn peer(&self) -> Addr {
        self.peer_addr().map(|a| Addr::from_unix(&a)).unwrap_or(Addr::Unnamed)
    }
    fn shutdown_write(&self) -> io::Result<()> {
        self.shutdown(std::net::Shutdown::Write)
    }
}

/// Bytes queued for one connection before its own reads pause (echo, chat).
pub(crate) const OUT_PAUSE: usize = 1 << 20;
/// Bytes a connection may have queued at all; a send past it is refused.
pub(crate) const OUT_MAX: usize = 64 << 20;
/// How much of a file is read ahead into the send queue.
const FILE_AHEAD: usize = 256 * 1024;

pub(crate) struct Conn<S> {
    pub id: ConnId,
    pub sock: S,
    pub local: Addr,
    pub peer: Addr,
    /// The socket may have data (mio is edge-triggered: remember it until WouldBlock).
    pub readable: bool,
    pub writable: bool,
    /// The peer sent FIN.
    pub read_closed: bool,
    pub shutdown_requested: bool,
    pub write_shut: bool,
    pub close_when_flushed: bool,
    /// Framer, answers held by a wait, recv() count, running sequence.
    pub proto: ConnProto,
    pub file: Option<FileSend>,
    out: VecDeque<Vec<u8>>,
    out_off: usize,
    out_bytes: usize,
}

pub(crate) enum ReadOutcome {
    Data(Chunk),
    WouldBlock,
    Eof,
    Failed,
}

/// recv() of up to BUF_SIZE bytes straight into `buf`'s spare capacity
/// (a pool buffer): nothing to zero first, and `buf` can then be handed over
/// whole (see `take_chunk`).
fn recv_into(sock: &impl AsFd, buf: &mut Vec<u8>) -> io::Result<usize> {
    buf.clear();
    buf.reserve(BUF_SIZE);
    let n = socket2::SockRef::from(sock).recv(&mut buf.spare_capacity_mut()[..BUF_SIZE])?;
    // SAFETY: recv() returned n, so it initialised the first n bytes of the spare capacity.
    unsafe { buf.set_len(n) };
    Ok(n)
}

/// The bytes a recv() left in `buf`, as an event's chunk. A big read gives
/// `buf` itself away (no copy; another pool buffer takes its place); a small
/// one is packed into a shared block and `buf` kept, so an event never holds
/// more than twice the memory its bytes count for.
fn take_chunk(buf: &mut Vec<u8>, packer: &mut Packer) -> Chunk {
    if buf.len() < BUF_SIZE / 2 {
        return packer.pack(buf);
    }
    let full = std::mem::replace(buf, packer.pool().take());
    Chunk::whole(full, packer.pool())
}

impl<S: StreamSock> Conn<S> {
    pub fn new(id: ConnId, sock: S, frame: &FrameSpec, keep_early: bool) -> Conn<S> {
        let local = sock.local();
        let peer = sock.peer();
        Conn {
            id,
            sock,
            local,
            peer,
            readable: true,
            writable: true,
            read_closed: false,
            shutdown_requested: false,
            write_shut: false,
            close_when_flushed: false,
            proto: ConnProto::new(frame, keep_early),
            file: None,
            out: VecDeque::new(),
            out_off: 0,
            out_bytes: 0,
        }
    }

    pub fn queued(&self) -> usize {
        self.out_bytes
    }

    /// Queues bytes, or says why not (closed for writing, queue full).
    pub fn queue(&mut self, data: Vec<u8>) -> Result<(), NetError> {
        if self.write_shut || self.shutdown_requested {
            return Err(NetError::from_io("send", &io::Error::from_raw_os_error(libc::EPIPE)));
        }
        if self.out_bytes + data.len() > OUT_MAX {
            return Err(NetError::said(
                "send",
                crate::msg!("net-peer-not-reading", bytes = self.out_bytes.to_string()),
            ));
        }
        if !data.is_empty() {
            self.out_bytes += data.len();
            self.out.push_back(data);
        }
        Ok(())
    }

    /// One recv() of up to BUF_SIZE bytes. `buf` is the worker's read buffer
    /// (from the pool): a big read becomes the event's data as it is, without a copy.
    pub fn read_chunk(&mut self, buf: &mut Vec<u8>, packer: &mut Packer, out: &mut Outbox) -> ReadOutcome {
        loop {
            match recv_into(&self.sock, buf) {
                Ok(0) => {
                    self.readable = false;
                    return ReadOutcome::Eof;
                }
                Ok(_) => return ReadOutcome::Data(take_chunk(buf, packer)),
                Err(e) if interrupted(&e) => continue,
                Err(e) if would_block(&e) => {
                    self.readable = false;
                    return ReadOutcome::WouldBlock;
                }
                Err(e) => {
                    self.readable = false;
                    out.push(EventKind::Error { conn: Some(self.id), error: NetError::from_io("recv", &e) });
                    return ReadOutcome::Failed;
                }
            }
        }
    }

    /// Writes what the socket takes now; reports each send(). Err means the
    /// connection is broken and must be closed.
    pub fn flush(&mut self, out: &mut Outbox) -> Result<(), ()> {
        while self.writable {
            let Some(front) = self.out.front() else { break };
            match self.sock.write(&front[self.out_off..]) {
                Ok(n) => {
                    out.push(EventKind::Sent {
                        conn: self.id,
                        to: None,
                        data: front[self.out_off..self.out_off + n].to_vec(),
                    });
                    self.out_off += n;
                    self.out_bytes -= n;
                    if self.out_off == front.len() {
                        self.out.pop_front();
                        self.out_off = 0;
                    }
                }
                Err(e) if interrupted(&e) => {}
                Err(e) if would_block(&e) => self.writable = false,
                Err(e) => {
                    out.push(EventKind::Error { conn: Some(self.id), error: NetError::from_io("send", &e) });
                    return Err(());
                }
            }
        }
        if self.out.is_empty() && self.file.is_none() && self.shutdown_requested && !self.write_shut {
            self.write_shut = true;
            match self.sock.shutdown_write() {
                Ok(()) => out.push(EventKind::Shutdown { conn: self.id }),
                Err(e) => out.push(EventKind::Error { conn: Some(self.id), error: NetError::from_io("shutdown", &e) }),
            }
        }
        Ok(())
    }

    /// Reads the next piece of a file being sent into the queue.
    pub fn pump_file(&mut self, out: &mut Outbox) {
        if self.out_bytes >= FILE_AHEAD {
            return;
        }
        let Some(f) = self.file.as_mut() else { return };
        match f.next(BUF_SIZE) {
            Ok(Some(piece)) => {
                out.push(f.progress(self.id));
                self.out_bytes += piece.len();
                self.out.push_back(piece);
            }
            Ok(None) => {
                out.push(f.progress(self.id));
                self.file = None;
            }
            Err(error) => {
                out.push(EventKind::Error { conn: Some(self.id), error });
                self.file = None;
            }
        }
    }

    /// Done with everything it was asked to send (answers a wait holds
    /// back included) and ready to close.
    pub fn flushed(&self) -> bool {
        self.out.is_empty() && self.file.is_none() && self.proto.pending.is_empty()
    }

    /// Something to do without waiting for the poll.
    pub fn busy(&self, reading_allowed: bool) -> bool {
        (self.readable && reading_allowed && !self.read_closed)
            || (self.writable && !self.out.is_empty())
            || (self.file.is_some() && self.out_bytes < FILE_AHEAD)
    }
}
