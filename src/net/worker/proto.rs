//! One connection's (or one datagram socket's) side of the endpoint's
//! behaviour: its framer, the answers a `wait` holds back, its recv() count
//! for chunk marks, and the sequence running on it. The worker owns the
//! sockets; this only decides.

use std::time::{Instant, SystemTime};

use crate::net::behaviour::{Behaviour, BehaviourError};
use crate::net::errors::NetError;
use crate::net::event::{ConnId, EventKind};
use crate::net::frame::{Frame, FrameEvent, FrameSpec, Framer};
use crate::net::outbox::Outbox;
use crate::net::rules::{Effect, Outcome, Pending};
use crate::net::sequence::{Output, Runner, Sequence};
use crate::net::template::Rng;

/// What a connection keeps of its first messages for a sequence started
/// later that asks for them (`socklab run` starts its sequences as soon as
/// it hears of the connection, by when a greeting may have arrived).
const EARLY_BYTES: usize = 64 * 1024;

pub(crate) struct ConnProto<T = ()> {
    /// None with raw framing: each recv() is the message.
    pub framer: Option<Framer>,
    pub pending: Pending<T>,
    /// recv() calls so far: the number the next chunk's marks carry.
    pub chunks: u64,
    pub runner: Option<Runner>,
    /// A rule closed the connection: nothing after that is fed to a rule.
    pub rules_done: bool,
    /// The first messages, kept (up to [`EARLY_BYTES`]) until a sequence
    /// starts, when the endpoint has sequences.
    early: Option<(Vec<Frame>, usize)>,
}

impl<T: Clone> ConnProto<T> {
    /// `keep_early`: the endpoint has sequences, so keep the first messages
    /// for one that starts later and asks for them.
    pub fn new(frame: &FrameSpec, keep_early: bool) -> ConnProto<T> {
        ConnProto {
            framer: framer_for(frame),
            pending: Pending::default(),
            chunks: 0,
            runner: None,
            rules_done: false,
            early: keep_early.then(|| (Vec::new(), 0)),
        }
    }

    /// When a wait or a sequence step of this connection is due.
    pub fn deadline(&self) -> Option<Instant> {
        let runner = self.runner.as_ref().and_then(Runner::deadline);
        [self.pending.deadline(), runner].into_iter().flatten().min()
    }

    /// Cuts one recv()'s bytes into messages. With raw framing the chunk is
    /// the message, built only when something will look at it.
    pub fn frame(&mut self, data: &[u8], wanted: bool) -> Vec<FrameEvent> {
        let chunk = self.chunks;
        self.chunks += 1;
        let mut out = Vec::new();
        match self.framer.as_mut() {
            Some(framer) => framer.push(chunk, data, &mut out),
            None if wanted || self.runner.is_some() || self.early.is_some() => {
                out.push(FrameEvent::Frame(Frame::whole(chunk, data.to_vec())))
            }
            None => {}
        }
        out
    }

    /// A new framing from the next recv() on (hand over what the old one
    /// held first: see `Framer::finish`).
    pub fn reframe(&mut self, frame: &FrameSpec) {
        self.framer = framer_for(frame);
    }

    /// Rules' effects: returns those to carry out now (the rest wait their
    /// time). After a close, no rule sees this connection again.
    pub fn take_effects(&mut self, effects: Vec<Effect>, tag: T) -> Vec<(Effect, T)> {
        if effects.contains(&Effect::Close) {
            self.rules_done = true;
        }
        self.pending.push(effects, tag, Instant::now())
    }

    /// Starts `sequence`, stopping the one running (its end is reported
    /// first). With `since_connect` it also sees the messages that arrived
    /// before it, if this is the connection's first sequence.
    pub fn start_sequence(&mut self, sequence: &Sequence, since_connect: bool) -> Result<Vec<Output>, NetError> {
        let mut runner = Runner::new(sequence, Rng::from_entropy())
            .map_err(|e| NetError::usage("sequence", format!("{}: {e}", sequence.name)))?;
        let mut out = self.stop_sequence();
        let now = Instant::now();
        out.extend(runner.start(now, SystemTime::now()));
        let early = self.early.take().map(|(frames, _)| frames).unwrap_or_default();
        if since_connect {
            for frame in &early {
                out.extend(runner.on_message(frame, now));
            }
        }
        self.runner = Some(runner);
        Ok(out)
    }

    pub fn stop_sequence(&mut self) -> Vec<Output> {
        self.runner.take().map(|mut r| r.stop()).unwrap_or_default()
    }

    /// A message for the running sequence (not an unfinished one), or kept
    /// for the first one to come.
    pub fn sequence_message(&mut self, frame: &Frame, now: Instant) -> Vec<Output> {
        if frame.end == crate::net::frame::FrameEnd::Eof {
            return Vec::new();
        }
        if let Some(r) = self.runner.as_mut() {
            return r.on_message(frame, now);
        }
        if let Some((frames, bytes)) = self.early.as_mut()
            && *bytes + frame.bytes.len() <= EARLY_BYTES
        {
            *bytes += frame.bytes.len();
            frames.push(frame.clone());
        }
        Vec::new()
    }

    /// Time passed: a wait of the sequence or a timeout of its expectation.
    pub fn sequence_time(&mut self, now: Instant) -> Vec<Output> {
        self.runner.as_mut().map(|r| r.on_time(now)).unwrap_or_default()
    }

    /// The connection closed: a pending expectation fails, the run ends.
    pub fn sequence_closed(&mut self) -> Vec<Output> {
        self.runner.take().map(|mut r| r.on_closed(Instant::now())).unwrap_or_default()
    }
}

fn framer_for(frame: &FrameSpec) -> Option<Framer> {
    // A spec that fails here was refused when the behaviour was built.
    (frame.framing != crate::net::frame::Framing::Raw).then(|| Framer::new(frame.clone()).ok()).flatten()
}

/// Reports the endpoint's own rules that fired.
pub(crate) fn report_fired(out: &mut Outbox, behaviour: &Behaviour, conn: ConnId, outcome: &Outcome) {
    for (rule, count) in behaviour.reported(outcome) {
        out.push(EventKind::RuleFired { conn, rule, count });
    }
}

/// A sequence's step reports and end as events; returns the bytes to send.
pub(crate) fn sequence_events(out: &mut Outbox, conn: ConnId, outputs: Vec<Output>) -> Vec<Vec<u8>> {
    let mut sends = Vec::new();
    for o in outputs {
        match o {
            Output::Send(bytes) => sends.push(bytes),
            Output::Step(report) => out.push(EventKind::SequenceStep { conn, report }),
            Output::Done(summary) => out.push(EventKind::SequenceDone { conn, summary }),
        }
    }
    sends
}

/// A behaviour the endpoint asked for, or, if it cannot run, the reply
/// mode's alone, with the reason reported.
pub(crate) fn behaviour_or_report(
    out: &mut Outbox,
    built: Result<Behaviour, BehaviourError>,
    fallback: impl FnOnce() -> Behaviour,
) -> Behaviour {
    match built {
        Ok(b) => b,
        Err(e) => {
            out.push(EventKind::Error { conn: None, error: NetError::usage("rules", e.to_string()) });
            fallback()
        }
    }
}
