//! Receiving datagrams: recvmmsg() batches on UDP, recvfrom() on Unix
//! datagram sockets, each datagram packed into a shared pool block (no
//! allocation per datagram). A datagram the caller is too slow to take is
//! counted, and so is a reply the send queue cannot take.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{Dest, SEND_QUEUE, Sock, Worker};
use crate::net::addr::Addr;
use crate::net::chunk::Chunk;
use crate::net::errors::NetError;
use crate::net::event::EventKind;
use crate::net::frame::FrameEvent;
use crate::net::rules::{Effect, Trigger};
use crate::net::sequence::Output;
use crate::net::worker::proto::{report_fired, sequence_events};
use crate::net::worker::{interrupted, rxq, would_block};

/// Datagrams read per turn before commands get a look in: 8 recvmmsg()
/// calls on UDP, as many recvfrom() calls on a Unix socket.
const PER_TURN: usize = 8 * rxq::BATCH;

/// While datagrams stream in, how long to let them gather after the queue ran
/// dry, so that one recvmmsg() takes many and the caller is woken once for
/// them, instead of a wakeup and a few syscalls per datagram. The default
/// receive buffer holds over a millisecond of a fast burst: this is well within.
const GATHER: Duration = Duration::from_micros(200);

impl Worker {
    pub(super) fn receive(&mut self) {
        let per_call = if matches!(self.sock, Some(Sock::Udp(_))) { rxq::BATCH } else { 1 };
        let (mut got_some, mut gathered) = (false, false);
        for _ in 0..PER_TURN / per_call {
            if !self.readable {
                if !got_some || gathered {
                    return;
                }
                // The queue ran dry mid-stream: hand over what came (and
                // echo it) now, then wait a moment, once a turn, for more.
                gathered = true;
                self.send_queued();
                self.ctx.out.flush();
                self.ctx.out.wake();
                std::thread::sleep(GATHER);
                self.readable = true;
            }
            let got = match self.sock.as_ref() {
                Some(Sock::Udp(s)) => self.batch.recv(s),
                Some(Sock::Unix(s)) => s.recv_from(self.batch.first_slot()).map(|(n, from)| {
                    self.unix_from = (n, Addr::from_unix(&from));
                    1
                }),
                None => return,
            };
            match got {
                Ok(n) => {
                    got_some = true;
                    self.take_batch(n);
                }
                Err(e) if would_block(&e) => self.readable = false,
                Err(e) if interrupted(&e) => {}
                Err(e) => {
                    // e.g. ECONNREFUSED: an earlier datagram got ICMP port unreachable.
                    self.ctx.out.push(EventKind::Error { conn: None, error: NetError::from_io("recvfrom", &e) });
                }
            }
        }
    }

    /// Hands over the `n` datagrams the last call received.
    fn take_batch(&mut self, n: usize) {
        if n > 0 {
            self.quiet_at = Some(std::time::Instant::now() + super::loss::QUIET);
        }
        for i in 0..n {
            let (bytes, from) = match self.sock {
                Some(Sock::Unix(_)) => {
                    let (len, from) = std::mem::replace(&mut self.unix_from, (0, Addr::Unnamed));
                    (&self.batch.first_slot()[..len], from)
                }
                _ => {
                    let d = self.batch.get(i);
                    if let Some(k) = d.kernel_dropped {
                        self.losses.kernel = Some(k.into());
                    }
                    (d.data, d.from.map(Addr::Inet).unwrap_or(Addr::Unnamed))
                }
            };
            if self.ctx.out.congested() {
                self.losses.engine += 1;
                continue;
            }
            let data = self.packer.pack(bytes);
            self.deliver(from, data);
        }
    }

    /// Each datagram is one message: the rules answer its sender, and a
    /// sequence running with the default peer sees it.
    fn deliver(&mut self, from: Addr, data: Chunk) {
        let wanted = self.behaviour.answers();
        let frames = self.proto.frame(&data, wanted);
        self.ctx.out.push(EventKind::Received { conn: 0, from: Some(from.clone()), data });
        for ev in frames {
            let FrameEvent::Frame(frame) = ev else { continue };
            let outputs = self.proto.sequence_message(&frame, Instant::now());
            // An unnamed Unix socket cannot be answered.
            let dest = match &from {
                Addr::Inet(a) => Some(Dest::Inet(*a)),
                Addr::Unix(p) => Some(Dest::Path(PathBuf::from(p))),
                Addr::Unnamed => None,
            };
            if wanted && let Some(dest) = dest {
                let outcome = self.behaviour.react(Trigger::Message(&frame), Some(&from));
                report_fired(&mut self.ctx.out, &self.behaviour, 0, &outcome);
                let now = self.proto.take_effects(outcome.effects, dest);
                self.carry_out(now);
            }
            self.sequence_outputs(outputs);
        }
    }

    /// Replies go to their datagram's sender; one the send queue cannot
    /// take is counted, never waited for.
    pub(super) fn carry_out(&mut self, effects: Vec<(Effect, Dest)>) {
        for (effect, dest) in effects {
            if let Effect::Send(bytes) = effect {
                if self.queue.len() < SEND_QUEUE {
                    self.queue.push_back((Chunk::from(bytes), dest));
                } else {
                    self.losses.echo += 1;
                }
            }
        }
    }

    /// A sequence's sends go to the default peer; its steps are reported.
    pub(super) fn sequence_outputs(&mut self, outputs: Vec<Output>) {
        for bytes in sequence_events(&mut self.ctx.out, 0, outputs) {
            if self.queue.len() < SEND_QUEUE {
                self.queue.push_back((Chunk::from(bytes), Dest::Connected));
            } else {
                let error = NetError::said("send", crate::msg!("net-send-queue-full-step"));
                self.ctx.out.push(EventKind::Error { conn: None, error });
            }
        }
    }

    /// Waits that are over and sequence steps whose time has come.
    pub(super) fn timers(&mut self) {
        let now = Instant::now();
        if self.proto.deadline().is_none_or(|d| d > now) {
            return;
        }
        let due = self.proto.pending.due(now);
        self.carry_out(due);
        let outputs = self.proto.sequence_time(now);
        self.sequence_outputs(outputs);
    }
}
