//! Running a lab: fed every engine event, it ticks the current step when its
//! check passes, then moves to the next. Pure: no I/O, no clock of its own
//! (times are the events' own), so a run can be replayed from a log.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::Lab;
use super::check::{Check, Role};
use super::json::JsonMatcher;
use super::text::{Arg, CheckText, Progress};
use super::world::{Fact, World};
use crate::net::{Addr, ConnId, EndpointId, Event, OptValue, SockOpt};

/// Streams a `Received` check follows at once (each keeps a few bytes).
const MAX_WINDOWS: usize = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    /// An earlier step is not done yet.
    Waiting,
    /// Its check is listening now.
    Current,
    /// The check passed at this time (the event's).
    Done { at: SystemTime },
    /// Passed over by hand (a teacher's skip); not checked.
    Skipped,
}

/// The running state of the current step's check.
#[derive(Default)]
enum Progressing {
    #[default]
    Nothing,
    /// The last bytes of each stream, so a text split between two recv()s is found.
    Windows(HashMap<(EndpointId, ConnId), Vec<u8>>),
    /// Who each endpoint has heard from.
    Peers(HashMap<EndpointId, HashSet<Peer>>),
    Json(JsonMatcher),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Peer {
    Conn(ConnId),
    Addr(Addr),
}

pub struct LabRun {
    lab: Arc<Lab>,
    world: World,
    states: Vec<StepState>,
    current: usize,
    progressing: Progressing,
}

impl LabRun {
    /// Starts at the first step. Feed it every event from the moment the
    /// lab's workspace is opened (events from before are unknown to it).
    pub fn new(lab: Arc<Lab>) -> LabRun {
        let mut states = vec![StepState::Waiting; lab.steps.len()];
        if let Some(s) = states.first_mut() {
            *s = StepState::Current;
        }
        let mut run = LabRun { lab, world: World::default(), states, current: 0, progressing: Progressing::default() };
        run.arm();
        run
    }

    pub fn lab(&self) -> &Lab {
        &self.lab
    }

    pub fn states(&self) -> &[StepState] {
        &self.states
    }

    /// The step whose check is listening, if any is left.
    pub fn current(&self) -> Option<usize> {
        (self.current < self.states.len()).then_some(self.current)
    }

    pub fn is_finished(&self) -> bool {
        self.current >= self.states.len()
    }

    /// Takes one event; returns the steps it ticked (several when the next
    /// steps' states already hold).
    pub fn observe(&mut self, ev: &Event) -> Vec<usize> {
        let facts = self.world.apply(ev);
        let mut ticked = Vec::new();
        if self.is_finished() {
            return ticked;
        }
        let lab = Arc::clone(&self.lab);
        let check = &lab.steps[self.current].check;
        let hit = facts.iter().any(|f| self.fact_passes(check, ev.endpoint, f)) || self.state_holds(check);
        if hit {
            self.finish_current(StepState::Done { at: ev.time }, &mut ticked);
            self.tick_states(ev.time, &mut ticked);
        }
        ticked
    }

    /// Passes over the current step without its check (a teacher's choice,
    /// or a step this machine cannot do); returns the steps that ended,
    /// with the next ones whose state already holds, ticked at `now`.
    pub fn skip(&mut self, now: SystemTime) -> Vec<usize> {
        let mut ended = Vec::new();
        if !self.is_finished() {
            self.finish_current(StepState::Skipped, &mut ended);
            self.tick_states(now, &mut ended);
        }
        ended
    }

    /// Back to the first step. What is known about the endpoints is kept
    /// (it is still true), so steps whose state holds tick at once, at `now`.
    pub fn restart(&mut self, now: SystemTime) -> Vec<usize> {
        self.states.iter_mut().for_each(|s| *s = StepState::Waiting);
        self.current = 0;
        if let Some(s) = self.states.first_mut() {
            *s = StepState::Current;
        }
        self.arm();
        let mut ticked = Vec::new();
        self.tick_states(now, &mut ticked);
        ticked
    }

    /// Ticks the current step and the ones after it while their state holds
    /// (e.g. a server that is still listening).
    fn tick_states(&mut self, at: SystemTime, ticked: &mut Vec<usize>) {
        while !self.is_finished() && self.state_holds(&self.lab.steps[self.current].check) {
            self.finish_current(StepState::Done { at }, ticked);
        }
    }

    /// What the current step waits for, in words (for the panel, under the instruction).
    pub fn waiting_for(&self) -> Option<CheckText> {
        self.current().map(|i| describe(&self.lab.steps[i].check))
    }

    /// How far a counting check has got ("2 of 3"), if the current one counts.
    pub fn progress(&self) -> Option<Progress> {
        let check = &self.lab.steps.get(self.current)?.check;
        let (now, want) = match (check, &self.progressing) {
            (Check::Connections(n), _) => (self.world.max_connections(), *n),
            (Check::DistinctPeers(n), Progressing::Peers(seen)) => {
                (seen.values().map(HashSet::len).max().unwrap_or(0), *n)
            }
            _ => return None,
        };
        let now = now.min(want as usize) as u64;
        Some(CheckText::new("lab-progress-count").arg("now", Arg::Number(now)).arg("count", Arg::Number(want.into())))
    }

    fn finish_current(&mut self, state: StepState, ended: &mut Vec<usize>) {
        self.states[self.current] = state;
        ended.push(self.current);
        self.current += 1;
        if let Some(s) = self.states.get_mut(self.current) {
            *s = StepState::Current;
        }
        self.arm();
    }

    /// Resets the running state for the step that just became current.
    fn arm(&mut self) {
        self.progressing = match self.lab.steps.get(self.current).map(|s| &s.check) {
            Some(Check::Received { .. }) => Progressing::Windows(HashMap::new()),
            Some(Check::DistinctPeers(_)) => Progressing::Peers(HashMap::new()),
            Some(Check::JsonFile { .. }) => Progressing::Json(JsonMatcher::default()),
            _ => Progressing::Nothing,
        };
    }

    fn state_holds(&self, check: &Check) -> bool {
        match check {
            Check::Listening => self.world.any_listening(),
            Check::DatagramBound => self.world.any_datagram_bound(),
            Check::ClientConnected => self.world.any_client_connected(),
            Check::Connections(n) => self.world.max_connections() >= *n as usize,
            Check::OptionIs { option, value } => self.world.has_option(*option, value),
            _ => false,
        }
    }

    fn fact_passes(&mut self, check: &Check, ep: EndpointId, fact: &Fact<'_>) -> bool {
        match (check, fact) {
            (Check::Received { by, contains }, Fact::Received { role, conn, data, .. }) if by.includes(*role) => {
                let Progressing::Windows(windows) = &mut self.progressing else { return false };
                found_in_stream(windows, (ep, *conn), *role == Role::Datagram, contains.as_bytes(), data)
            }
            (Check::DistinctPeers(n), Fact::Received { ep, role, conn, from, .. }) => {
                let Progressing::Peers(seen) = &mut self.progressing else { return false };
                let peer = match (role, from) {
                    (Role::Datagram, Some(addr)) => Peer::Addr((*addr).clone()),
                    _ => Peer::Conn(*conn),
                };
                let set = seen.entry(*ep).or_default();
                if set.len() < *n as usize {
                    set.insert(peer);
                }
                set.len() >= *n as usize
            }
            (Check::PeerClosed { by }, Fact::PeerClosed { role }) => by.includes(*role),
            (Check::ActiveClose { by }, Fact::ActiveClose { role }) => by.includes(*role),
            (Check::SendSplit, Fact::Split) | (Check::SendsCoalesced, Fact::Coalesced) => true,
            (Check::Failed { call, errno }, Fact::Failed(e)) => {
                e.errno.as_deref() == Some(errno.as_str()) && e.call.starts_with(call.as_str())
            }
            (Check::OptionIs { option, value }, Fact::OptionRead { opt, value: v }) => option == opt && value == *v,
            (Check::Restarted { within_secs }, Fact::Restarted { after }) => {
                *after <= Duration::from_secs((*within_secs).into())
            }
            (Check::KernelDrop, Fact::KernelDrop) => true,
            (Check::JsonFile { field, file }, Fact::Received { ep, role, conn, data, .. }) => {
                let Progressing::Json(m) = &mut self.progressing else { return false };
                let want = self.lab.file(file).unwrap_or_default();
                m.feed((*ep, *conn), data, *role == Role::Datagram, field, want)
            }
            _ => false,
        }
    }
}

/// Looks for `needle` in a stream's bytes, across recv() boundaries: the last
/// `needle.len() - 1` bytes of each stream are kept for the next chunk.
/// A datagram is a message of its own. An empty needle matches any data.
fn found_in_stream(
    windows: &mut HashMap<(EndpointId, ConnId), Vec<u8>>,
    key: (EndpointId, ConnId),
    datagram: bool,
    needle: &[u8],
    data: &[u8],
) -> bool {
    if needle.is_empty() {
        return !data.is_empty();
    }
    let contains = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    if datagram {
        return contains(data);
    }
    if !windows.contains_key(&key) && windows.len() >= MAX_WINDOWS {
        windows.clear();
    }
    let kept = windows.entry(key).or_default();
    kept.extend_from_slice(data);
    if contains(kept) {
        return true;
    }
    let keep = needle.len() - 1;
    if kept.len() > keep {
        kept.drain(..kept.len() - keep);
    }
    false
}

/// A check in words, for "waiting for: …".
fn describe(check: &Check) -> CheckText {
    let who = |role: &Role| {
        Arg::Key(match role {
            Role::Server => "lab-role-server",
            Role::Client => "lab-role-client",
            Role::Datagram => "lab-role-datagram",
            Role::Any => "lab-role-any",
        })
    };
    let count = |n: &u32| Arg::Number((*n).into());
    match check {
        Check::Listening => CheckText::new("lab-check-listening"),
        Check::DatagramBound => CheckText::new("lab-check-datagram-bound"),
        Check::ClientConnected => CheckText::new("lab-check-client-connected"),
        Check::Connections(n) => CheckText::new("lab-check-connections").arg("count", count(n)),
        Check::Received { by, contains } if contains.is_empty() => {
            CheckText::new("lab-check-received-any").arg("who", who(by))
        }
        Check::Received { by, contains } => CheckText::new("lab-check-received")
            .arg("who", who(by))
            .arg("text", Arg::Text(contains.escape_debug().to_string())),
        Check::DistinctPeers(n) => CheckText::new("lab-check-distinct-peers").arg("count", count(n)),
        Check::PeerClosed { by } => CheckText::new("lab-check-peer-closed").arg("who", who(by)),
        Check::ActiveClose { by } => CheckText::new("lab-check-active-close").arg("who", who(by)),
        Check::SendSplit => CheckText::new("lab-check-send-split"),
        Check::SendsCoalesced => CheckText::new("lab-check-sends-coalesced"),
        Check::Failed { call, errno } => CheckText::new("lab-check-failed")
            .arg("call", Arg::Text(call.clone()))
            .arg("errno", Arg::Text(errno.clone())),
        Check::OptionIs { option, value } => option_text(*option, value),
        Check::Restarted { within_secs } => {
            CheckText::new("lab-check-restarted").arg("secs", Arg::Number((*within_secs).into()))
        }
        Check::KernelDrop => CheckText::new("lab-check-kernel-drop"),
        Check::JsonFile { field, file } => CheckText::new("lab-check-json-file")
            .arg("field", Arg::Text(field.clone()))
            .arg("file", Arg::Text(file.clone())),
    }
}

fn option_text(option: SockOpt, value: &OptValue) -> CheckText {
    CheckText::new("lab-check-option-is")
        .arg("option", Arg::Text(option.c_name().to_string()))
        .arg("value", Arg::Text(value.to_string()))
}

#[cfg(test)]
#[path = "checker_tests.rs"]
mod tests;
