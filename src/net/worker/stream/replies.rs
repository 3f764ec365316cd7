//! What a stream endpoint does with what it receives: each recv() is cut
//! into messages by the connection's framer, the rules answer them (the
//! reply modes are presets of rules), a running sequence sees them, and
//! waits hold answers back in order. Reads pause while answers pile up.

use std::time::Instant;

use super::conn::OUT_PAUSE;
use super::{ListenSock, Worker};
use crate::net::chunk::Chunk;
use crate::net::event::{ConnId, EventKind};
use crate::net::frame::{FrameEvent, Framer};
use crate::net::rules::{Effect, Trigger};
use crate::net::worker::proto::{report_fired, sequence_events};

impl<L: ListenSock> Worker<L> {
    /// Whether this connection's reads should go on: not while its peer (or,
    /// when rules relay, any client) is slow to take what is sent back.
    pub(super) fn may_read(&self, c: &super::conn::Conn<L::Stream>) -> bool {
        let backlog = |c: &super::conn::Conn<L::Stream>| c.queued() + c.proto.pending.queued_bytes();
        let reach = self.behaviour.reach;
        if reach.relays {
            self.conns.values().all(|o| backlog(o) < OUT_PAUSE)
        } else if reach.replies {
            backlog(c) < OUT_PAUSE
        } else {
            true
        }
    }

    /// A new connection: the rules that answer a connect.
    pub(super) fn greet(&mut self, id: ConnId) {
        let Some(c) = self.conns.get(&id) else { return };
        if !self.behaviour.reach.greets {
            return;
        }
        let peer = c.peer.clone();
        let outcome = self.behaviour.react(Trigger::Connect, Some(&peer));
        report_fired(&mut self.ctx.out, &self.behaviour, id, &outcome);
        self.take_effects(id, outcome.effects);
    }

    pub(super) fn on_data(&mut self, id: ConnId, data: Chunk) {
        let wanted = self.behaviour.answers();
        let Some(c) = self.conns.get_mut(&id) else { return };
        let events = c.proto.frame(&data, wanted && !c.proto.rules_done);
        let framed = c.proto.framer.is_some();
        self.ctx.out.push(EventKind::Received { conn: id, from: None, data });
        for ev in events {
            self.on_frame_event(id, ev, framed);
        }
    }

    fn on_frame_event(&mut self, id: ConnId, ev: FrameEvent, framed: bool) {
        let Some(c) = self.conns.get_mut(&id) else { return };
        let peer = c.peer.clone();
        let rules_on = !c.proto.rules_done;
        match ev {
            FrameEvent::Frame(frame) => {
                let outputs = c.proto.sequence_message(&frame, Instant::now());
                let outcome = rules_on.then(|| self.behaviour.react(Trigger::Message(&frame), Some(&peer)));
                if framed {
                    self.ctx.out.push(EventKind::Message { conn: id, frame });
                }
                if let Some(outcome) = outcome {
                    report_fired(&mut self.ctx.out, &self.behaviour, id, &outcome);
                    self.take_effects(id, outcome.effects);
                }
                self.sequence_outputs(id, outputs);
            }
            FrameEvent::Error(error) => {
                let closes = c.proto.framer.as_ref().is_some_and(Framer::is_closed);
                self.ctx.out.push(EventKind::FrameError { conn: id, error });
                if rules_on {
                    let outcome = self.behaviour.react(Trigger::Oversize, Some(&peer));
                    report_fired(&mut self.ctx.out, &self.behaviour, id, &outcome);
                    self.take_effects(id, outcome.effects);
                }
                if closes && let Some(c) = self.conns.get_mut(&id) {
                    c.close_when_flushed = true;
                }
            }
            FrameEvent::Resynced { skipped } => self.ctx.out.push(EventKind::Resynced { conn: id, skipped }),
        }
    }

    /// The stream ended (or the framing changed) inside a frame: what was
    /// held is handed over as an unfinished message (no rule answers it).
    pub(super) fn unfinished_frame(&mut self, id: ConnId) {
        let Some(c) = self.conns.get_mut(&id) else { return };
        if let Some(frame) = c.proto.framer.as_mut().and_then(Framer::finish) {
            self.ctx.out.push(EventKind::Message { conn: id, frame });
        }
    }

    /// Rules' effects: what is due now is carried out, the rest waits.
    fn take_effects(&mut self, id: ConnId, effects: Vec<Effect>) {
        let Some(c) = self.conns.get_mut(&id) else { return };
        if effects.is_empty() {
            return;
        }
        let now = c.proto.take_effects(effects, ());
        self.carry_out(id, now.into_iter().map(|(e, ())| e));
    }

    fn carry_out(&mut self, id: ConnId, effects: impl Iterator<Item = Effect>) {
        for effect in effects {
            match effect {
                Effect::Send(bytes) => self.queue_to(id, bytes),
                Effect::Relay(bytes) => {
                    let others: Vec<ConnId> = self.conns.keys().copied().filter(|&o| o != id).collect();
                    for o in others {
                        self.queue_to(o, bytes.clone());
                    }
                }
                Effect::Close => {
                    if let Some(c) = self.conns.get_mut(&id) {
                        c.close_when_flushed = true;
                    }
                }
                // Waits stay in the connection's pending queue.
                Effect::Wait(_) => {}
            }
        }
    }

    /// Sends a sequence's bytes and reports its steps.
    pub(super) fn sequence_outputs(&mut self, id: ConnId, outputs: Vec<crate::net::sequence::Output>) {
        for bytes in sequence_events(&mut self.ctx.out, id, outputs) {
            self.queue_to(id, bytes);
        }
    }

    /// Waits that are over and sequence steps whose time has come.
    pub(super) fn timers(&mut self, id: ConnId) {
        let now = Instant::now();
        let Some(c) = self.conns.get_mut(&id) else { return };
        let due = c.proto.pending.due(now);
        let outputs = c.proto.sequence_time(now);
        self.carry_out(id, due.into_iter().map(|(e, ())| e));
        self.sequence_outputs(id, outputs);
    }
}
