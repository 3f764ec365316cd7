//! `socklab run` and a workspace's send sequences: each auto-start endpoint
//! runs its sequences one after the other, once it is connected (a server:
//! on its first connection), each step printed with its outcome and time.
//! When every one has ended, the run is over: 0 if every expectation
//! passed, 3 if one failed, 1 if a sequence never got a connection to run on.

use std::collections::{HashMap, VecDeque};

use crate::net::sequence::{Repeat, Sequence};
use crate::net::{Command, ConnId, EndpointId, EndpointSpec, Event, EventKind};
use crate::workspace::display_name;

use super::Exit;
use super::messages;
use super::out::say;

struct Planned {
    name: String,
    server: bool,
    waiting: VecDeque<(usize, Sequence)>,
    /// The sequence running (its number in the endpoint's list, from 0).
    current: Option<(usize, Sequence)>,
    /// The connection they run on, once there is one.
    conn: Option<Option<ConnId>>,
}

#[derive(Default)]
pub(super) struct SequencePlan {
    endpoints: HashMap<EndpointId, Planned>,
    /// An expectation failed (or a run was cut short by a close).
    failed: bool,
    /// A sequence never started: its endpoint never had a connection.
    not_run: bool,
    /// Print step lines (not with --json, where the events say it all).
    print: bool,
}

impl SequencePlan {
    pub fn new(print: bool) -> SequencePlan {
        SequencePlan { print, ..SequencePlan::default() }
    }

    /// An endpoint just opened; its sequences wait for a connection.
    pub fn add(&mut self, id: EndpointId, name: &str, spec: &EndpointSpec) {
        if spec.sequences.is_empty() {
            return;
        }
        let waiting = spec.sequences.iter().cloned().enumerate().collect();
        let planned =
            Planned { name: name.to_string(), server: spec.kind.is_server(), waiting, current: None, conn: None };
        self.endpoints.insert(id, planned);
    }

    /// Whether any auto-start endpoint has sequences (the run then ends with them).
    pub fn is_empty(&self) -> bool {
        self.endpoints.is_empty()
    }

    /// Every sequence has ended (or can no longer run).
    pub fn all_done(&self) -> bool {
        self.endpoints.values().all(|p| p.current.is_none() && p.waiting.is_empty())
    }

    pub fn exit(&self) -> Option<Exit> {
        if self.failed {
            Some(Exit::Failed)
        } else if self.not_run {
            Some(Exit::Network)
        } else {
            None
        }
    }

    /// Follows an event; returns the commands that start the next sequence.
    pub fn on_event(&mut self, ev: &Event) -> Vec<Command> {
        let Some(p) = self.endpoints.get_mut(&ev.endpoint) else { return Vec::new() };
        let (print, id) = (self.print, ev.endpoint);
        match &ev.kind {
            EventKind::Connected { .. } if !p.server && p.conn.is_none() => p.conn = Some(None),
            EventKind::Accepted { conn, .. } if p.server && p.conn.is_none() => p.conn = Some(Some(*conn)),
            EventKind::SequenceStep { conn, report } if p.runs_on(*conn) => {
                if let Some((n, seq)) = &p.current
                    && print
                {
                    let step = seq.steps.get(report.step).map(|s| s.to_string()).unwrap_or_default();
                    say(&messages::tagged(&display_name(&p.name), &messages::sequence_step(*n, seq, &step, report)));
                }
                return Vec::new();
            }
            EventKind::SequenceDone { conn, summary } if p.runs_on(*conn) => {
                let Some((n, seq)) = p.current.take() else { return Vec::new() };
                if print {
                    say(&messages::tagged(&display_name(&p.name), &messages::sequence_done(n, &seq, summary)));
                }
                // Cut short by a close, it did not pass (one that repeats until stopped ends so).
                let endless = seq.repeat == Repeat::UntilStopped;
                self.failed |= !summary.ok() || (summary.stopped && !endless);
            }
            EventKind::Closed { conn: Some(c), .. } if p.runs_on(*c) => self.cut_short(id, true),
            EventKind::Stopped => {
                let started = p.conn.is_some();
                self.cut_short(id, started);
            }
            _ => return Vec::new(),
        }
        self.start_next(id)
    }

    /// The connection is gone: what did not run yet never will.
    fn cut_short(&mut self, id: EndpointId, started: bool) {
        let Some(p) = self.endpoints.get_mut(&id) else { return };
        let left: Vec<(usize, Sequence)> = p.current.take().into_iter().chain(p.waiting.drain(..)).collect();
        for (n, seq) in &left {
            if self.print {
                say(&messages::tagged(&display_name(&p.name), &messages::sequence_not_run(*n, seq, started)));
            }
        }
        if !left.is_empty() {
            if started {
                self.failed = true;
            } else {
                self.not_run = true;
            }
        }
    }

    fn start_next(&mut self, id: EndpointId) -> Vec<Command> {
        let Some(p) = self.endpoints.get_mut(&id) else { return Vec::new() };
        let Some(conn) = p.conn else { return Vec::new() };
        if p.current.is_some() {
            return Vec::new();
        }
        let Some((n, sequence)) = p.waiting.pop_front() else { return Vec::new() };
        p.current = Some((n, sequence.clone()));
        vec![Command::RunSequence { id, conn, sequence, since_connect: true }]
    }
}

impl Planned {
    fn runs_on(&self, conn: ConnId) -> bool {
        self.conn.is_some_and(|c| c.unwrap_or(0) == conn)
    }
}
