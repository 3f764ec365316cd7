//! Socket workers: one thread per endpoint, each a mio poll loop over its
//! sockets and its command inbox. What every worker shares is here: the
//! context the engine hands it, the loop itself (poll, take commands, serve
//! the sockets, hand events over), the small I/O helpers and the last steps.
//! `stream.rs` and `dgram.rs` keep only what differs; `setup.rs` and
//! `open.rs` are the steps from getaddrinfo() to a listening or connected socket.

mod dgram;
mod file;
mod open;
mod proto;
mod rxq;
mod setup;
mod stream;

use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, TryRecvError};
use mio::{Events, Token};

use super::chunk::Pool;
use super::command::Command;
use super::errors::NetError;
use super::event::EventKind;
use super::kernel_thread::KernelLink;
use super::outbox::Outbox;
use super::spec::EndpointSpec;

/// What a worker thread is given by the engine that spawns it.
pub(crate) struct WorkerCtx {
    pub spec: EndpointSpec,
    /// Buffers for received bytes, shared by every worker of the engine.
    pub pool: Arc<Pool>,
    pub inbox: Receiver<Command>,
    pub poll: mio::Poll,
    pub out: Outbox,
    /// The engine's kernel thread: follows closed TCP connections and peers.
    pub kernel: KernelLink,
}

/// mio's poll answers to this token when a command is waiting.
pub(crate) const WAKE_TOKEN: mio::Token = mio::Token(0);

/// How long to wait before handing events over again while the caller is behind.
const RETRY_HANDOVER: Duration = Duration::from_millis(2);

/// Runs the endpoint the context describes until it is closed.
pub(crate) fn run(ctx: WorkerCtx) {
    if ctx.spec.kind.is_datagram() { dgram::run(ctx) } else { stream::run(ctx) }
}

/// What differs between workers; [`run_loop`] drives them all the same way.
pub(crate) trait PollLoop {
    fn ctx(&mut self) -> &mut WorkerCtx;
    /// mio reported readiness for one of this worker's own tokens.
    fn ready(&mut self, token: Token, event: &mio::event::Event);
    fn handle(&mut self, cmd: Command);
    /// Every sender of the inbox is gone: nobody can ask for anything any more.
    fn inbox_closed(&mut self);
    /// Reads, writes and replies: whatever the sockets allow now.
    fn service(&mut self);
    /// There is work that needs no new readiness (data known to be waiting).
    fn busy(&mut self) -> bool;
    /// The turn's events have been handed over (as far as the channel took them).
    fn after_flush(&mut self) {}
    /// The earliest moment a timer of this worker is due, if any.
    fn next_deadline(&self) -> Option<Instant> {
        None
    }
    fn done(&self) -> bool;
}

/// The poll loop every worker runs: wait for readiness, a command or a
/// timer; take the commands; serve the sockets; hand the events over and
/// wake the caller once per turn.
pub(crate) fn run_loop(w: &mut impl PollLoop) {
    let mut events = Events::with_capacity(1024);
    while !w.done() {
        let timeout = poll_timeout(w);
        if let Err(e) = w.ctx().poll.poll(&mut events, timeout)
            && !interrupted(&e)
        {
            w.ctx().out.push(EventKind::Error { conn: None, error: NetError::from_io("epoll_wait", &e) });
            return;
        }
        for ev in events.iter() {
            if ev.token() != WAKE_TOKEN {
                w.ready(ev.token(), ev);
            }
        }
        take_commands(w);
        w.ctx().out.flush();
        w.service();
        w.ctx().out.flush();
        w.after_flush();
        w.ctx().out.wake();
    }
}

fn poll_timeout(w: &mut impl PollLoop) -> Option<Duration> {
    let congested = w.ctx().out.congested();
    let pending = w.ctx().out.has_pending();
    let mut timeout = if !congested && w.busy() {
        Some(Duration::ZERO)
    } else if congested || pending {
        Some(RETRY_HANDOVER)
    } else {
        None
    };
    if let Some(due) = w.next_deadline() {
        let until = due.saturating_duration_since(Instant::now());
        timeout = Some(timeout.map_or(until, |t| t.min(until)));
    }
    timeout
}

fn take_commands(w: &mut impl PollLoop) {
    loop {
        match w.ctx().inbox.try_recv() {
            Ok(cmd) => w.handle(cmd),
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                w.inbox_closed();
                return;
            }
        }
    }
}

/// The last events of every worker: the endpoint's own close (if it had a
/// socket), then `Stopped`, delivered even if the caller is slow.
pub(crate) fn finish(mut out: Outbox, had_socket: bool) {
    if had_socket {
        out.push(EventKind::Closed { conn: None, abortive: false });
    }
    out.push(EventKind::Stopped);
    out.close();
}

/// The call would block: try again at the next readiness (as in mio's examples).
pub(crate) fn would_block(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::WouldBlock
}

/// A signal interrupted the call: simply try again.
pub(crate) fn interrupted(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Interrupted
}
