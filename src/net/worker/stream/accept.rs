//! accept() that outlives running out of descriptors. mio is edge-triggered:
//! a listener whose accept() failed with EMFILE is never reported readable
//! again while its queue stays full, so the server would accept nobody ever
//! after. Two classic remedies, both here: a descriptor kept in reserve is
//! given up to accept and at once close the clients waiting (so none is left
//! hanging, and the queue empties), and a short timer retries while clients
//! may still wait. The error is reported once; an event says when accepting
//! works again and how many clients were turned away meanwhile.

use std::fs::File;
use std::io;
use std::time::{Duration, Instant};

use super::{ListenSock, Worker};
use crate::net::errors::NetError;
use crate::net::event::EventKind;
use crate::net::worker::{interrupted, would_block};

/// How soon to try accept() again while clients may be waiting in the queue.
const RETRY_EVERY: Duration = Duration::from_millis(100);
/// Clients turned away in one go, so a flood cannot hold the worker; the
/// timer comes back for the rest.
const TURN_AWAY_MAX: usize = 1024;

/// Errors that mean "no descriptor (or memory) for a new socket right now".
fn out_of_descriptors(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM))
}

/// The client gave up before we accepted it: nothing to report, accept the next.
fn client_gone(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ECONNABORTED | libc::EPROTO))
}

/// The listener's state between accept() calls.
pub(super) struct Acceptor {
    /// A descriptor kept in reserve for turning clients away when out of them.
    spare: Option<File>,
    /// Since accept() last failed for want of descriptors: clients turned away so far.
    starved: Option<u64>,
    /// When to try again without waiting for a new client to arrive.
    retry_at: Option<Instant>,
}

fn open_spare() -> Option<File> {
    File::open("/dev/null").ok()
}

impl Acceptor {
    pub fn new(listening: bool) -> Acceptor {
        Acceptor { spare: listening.then(open_spare).flatten(), starved: None, retry_at: None }
    }

    pub fn retry_at(&self) -> Option<Instant> {
        self.retry_at
    }

    pub fn retry_due(&self) -> bool {
        self.retry_at.is_some_and(|t| Instant::now() >= t)
    }

    /// Gives up the spare descriptor, accepts and closes every waiting client,
    /// takes the spare back. Returns how many were turned away and whether the
    /// queue is known to be empty now.
    fn turn_away(&mut self, listener: &impl ListenSock) -> (u64, bool) {
        if self.spare.is_none() {
            self.spare = open_spare();
        }
        let mut refused = 0;
        let mut emptied = false;
        if self.spare.take().is_some() {
            for _ in 0..TURN_AWAY_MAX {
                match listener.accept_one() {
                    Ok(client) => {
                        drop(client);
                        refused += 1;
                    }
                    Err(e) if interrupted(&e) || client_gone(&e) => {}
                    Err(e) => {
                        emptied = would_block(&e);
                        break;
                    }
                }
            }
            self.spare = open_spare();
        }
        (refused, emptied)
    }
}

impl<L: ListenSock> Worker<L> {
    /// Accepts every waiting client (mio is edge-triggered: until WouldBlock).
    pub(super) fn accept_all(&mut self) {
        self.acceptor.retry_at = None;
        loop {
            let Some(l) = self.listener.as_ref() else { return };
            match l.accept_one() {
                Ok(sock) => {
                    if let Some(refused) = self.acceptor.starved.take() {
                        self.ctx.out.push(EventKind::AcceptResumed { refused });
                    }
                    self.add_conn(sock);
                }
                Err(e) if would_block(&e) => return,
                Err(e) if interrupted(&e) || client_gone(&e) => {}
                Err(e) if out_of_descriptors(&e) => {
                    if self.acceptor.starved.is_none() {
                        let mut error = NetError::from_io("accept", &e);
                        let hint = error
                            .why
                            .as_deref()
                            .cloned()
                            .unwrap_or_else(|| crate::msg!("net-verbatim", text = &error.hint));
                        error.set_hint(crate::msg!("net-hint-accept-starved", hint = hint));
                        self.ctx.out.push(EventKind::Error { conn: None, error });
                        self.acceptor.starved = Some(0);
                    }
                    let (refused, emptied) = self.acceptor.turn_away(l);
                    if let Some(n) = self.acceptor.starved.as_mut() {
                        *n += refused;
                    }
                    if !emptied {
                        self.acceptor.retry_at = Some(Instant::now() + RETRY_EVERY);
                    }
                    return;
                }
                Err(e) => {
                    // Reported, and tried again when the next client arrives.
                    self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("accept", &e) });
                    return;
                }
            }
        }
    }
}
