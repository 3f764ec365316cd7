//! The sequence runner: a state machine fed with framed messages and time,
//! returning what to send and each step's outcome. It never sleeps and never
//! touches a socket; `deadline` says when it wants `on_time` next.

use std::collections::VecDeque;
use std::fmt;
use std::ops::Range;
use std::time::{Duration, Instant, SystemTime};

use super::{Repeat, Sequence, SequenceError, Step};
use crate::i18n::Message;
use crate::msg;
use crate::net::frame::Frame;
use crate::net::payload::{PayloadFormat, parse_payload};
use crate::net::rules::CompiledMatcher;
use crate::net::template::{Context, Rng, Scope, Template};

/// Messages kept for a later expect; older ones are dropped (and counted).
pub const BACKLOG: usize = 256;

/// What the runner asks for, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Send(Vec<u8>),
    Step(StepReport),
    /// The run is over: nothing more comes.
    Done(Summary),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepReport {
    /// From 1.
    pub round: u64,
    /// From 0.
    pub step: usize,
    pub result: StepResult,
    pub took: Duration,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepResult {
    Sent {
        len: usize,
    },
    Waited,
    /// The expectation was met by this message (its line); `passed_over`
    /// messages before it did not match.
    Passed {
        line: Vec<u8>,
        passed_over: usize,
    },
    Failed(Failure),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Nothing matching arrived in time; `passed_over` messages did not match.
    Timeout { passed_over: usize },
    /// The connection closed while waiting.
    Closed,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rounds begun.
    pub rounds: u64,
    pub passed: u64,
    pub failed: u64,
    /// Ended by `stop` (or a close) rather than by running out of rounds.
    pub stopped: bool,
    /// Messages dropped from a full backlog.
    pub dropped: u64,
}

impl Summary {
    /// Whether `socklab run` should exit 0.
    pub fn ok(&self) -> bool {
        self.failed == 0
    }
}

enum RunStep {
    Send(Template),
    Wait(Duration),
    Expect { matcher: CompiledMatcher, timeout: Duration },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    NotStarted,
    Running,
    Waiting { until: Instant },
    Expecting { until: Instant, passed_over: usize },
    Finished,
}

pub struct Runner {
    steps: Vec<RunStep>,
    repeat: Repeat,
    stop_on_failure: bool,
    state: State,
    round: u64,
    index: usize,
    step_started: Instant,
    /// The wall clock at `clock_base`, for `${time}`.
    wall_base: SystemTime,
    clock_base: Instant,
    backlog: VecDeque<Frame>,
    summary: Summary,
    rng: Rng,
    captures: Vec<Option<Range<usize>>>,
}

impl Runner {
    pub fn new(seq: &Sequence, rng: Rng) -> Result<Runner, SequenceError> {
        seq.check_shape()?;
        let steps = seq
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| compile(s).map_err(|problem| SequenceError { step: Some(i), problem }))
            .collect::<Result<Vec<_>, _>>()?;
        let now = Instant::now();
        Ok(Runner {
            steps,
            repeat: seq.repeat,
            stop_on_failure: seq.stop_on_failure,
            state: State::NotStarted,
            round: 0,
            index: 0,
            step_started: now,
            wall_base: SystemTime::now(),
            clock_base: now,
            backlog: VecDeque::new(),
            summary: Summary::default(),
            rng,
            captures: Vec::new(),
        })
    }

    /// Starts round 1. `wall` is the wall clock at `now` (for `${time}`).
    pub fn start(&mut self, now: Instant, wall: SystemTime) -> Vec<Output> {
        let mut out = Vec::new();
        if self.state == State::NotStarted {
            (self.clock_base, self.wall_base) = (now, wall);
            self.begin_round();
            self.run(now, &mut out);
        }
        out
    }

    /// A framed message arrived from the peer.
    pub fn on_message(&mut self, frame: &Frame, now: Instant) -> Vec<Output> {
        let mut out = Vec::new();
        match self.state {
            State::Expecting { passed_over, .. } => {
                if self.try_match(frame, passed_over, now, &mut out) {
                    self.run(now, &mut out);
                }
            }
            State::Finished | State::NotStarted => {}
            State::Running | State::Waiting { .. } => {
                if self.backlog.len() == BACKLOG {
                    self.backlog.pop_front();
                    self.summary.dropped += 1;
                }
                self.backlog.push_back(frame.clone());
            }
        }
        out
    }

    /// Time passed: ends a wait, or fails an expectation whose time is up.
    pub fn on_time(&mut self, now: Instant) -> Vec<Output> {
        let mut out = Vec::new();
        match self.state {
            State::Waiting { until } if now >= until => {
                self.report(StepResult::Waited, until - self.step_started, &mut out);
                self.state = State::Running;
                self.index += 1;
                self.run(now, &mut out);
            }
            State::Expecting { until, passed_over } if now >= until => {
                let took = until - self.step_started;
                if self.fail(Failure::Timeout { passed_over }, took, &mut out) {
                    self.run(now, &mut out);
                }
            }
            _ => {}
        }
        out
    }

    /// The connection closed: a pending expectation fails and the run ends.
    pub fn on_closed(&mut self, now: Instant) -> Vec<Output> {
        let mut out = Vec::new();
        if let State::Expecting { .. } = self.state {
            self.summary.failed += 1;
            self.report(StepResult::Failed(Failure::Closed), now - self.step_started, &mut out);
        }
        self.finish(true, &mut out);
        out
    }

    /// The person stopped it.
    pub fn stop(&mut self) -> Vec<Output> {
        let mut out = Vec::new();
        self.finish(true, &mut out);
        out
    }

    /// When `on_time` should be called next.
    pub fn deadline(&self) -> Option<Instant> {
        match self.state {
            State::Waiting { until } | State::Expecting { until, .. } => Some(until),
            _ => None,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.state == State::Finished
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    fn begin_round(&mut self) {
        self.round += 1;
        self.summary.rounds = self.round;
        self.index = 0;
        self.state = State::Running;
    }

    /// Runs steps until one has to wait for time or a message.
    fn run(&mut self, now: Instant, out: &mut Vec<Output>) {
        while self.state == State::Running {
            if self.index == self.steps.len() {
                let more = match self.repeat {
                    Repeat::Once => false,
                    Repeat::Times(n) => self.round < u64::from(n),
                    Repeat::UntilStopped => true,
                };
                if !more {
                    self.finish(false, out);
                    return;
                }
                self.begin_round();
            }
            self.step_started = now;
            match &self.steps[self.index] {
                RunStep::Send(t) => {
                    let wall = self.wall_base + now.saturating_duration_since(self.clock_base);
                    let bytes = t.render(&mut Context::payload(self.round, wall, &mut self.rng));
                    self.report(StepResult::Sent { len: bytes.len() }, Duration::ZERO, out);
                    out.push(Output::Send(bytes));
                    self.index += 1;
                }
                RunStep::Wait(d) => self.state = State::Waiting { until: now + *d },
                RunStep::Expect { timeout, .. } => {
                    self.state = State::Expecting { until: now + *timeout, passed_over: 0 };
                    self.match_backlog(now, out);
                }
            }
        }
    }

    /// A new expectation looks at what arrived before it first.
    fn match_backlog(&mut self, now: Instant, out: &mut Vec<Output>) {
        while let Some(frame) = self.backlog.pop_front() {
            let State::Expecting { passed_over, .. } = self.state else { return };
            if self.try_match(&frame, passed_over, now, out) {
                return;
            }
        }
    }

    /// Whether `frame` met the current expectation (then the step is done).
    fn try_match(&mut self, frame: &Frame, passed_over: usize, now: Instant, out: &mut Vec<Output>) -> bool {
        let RunStep::Expect { matcher, .. } = &self.steps[self.index] else { return false };
        if !matcher.matches(frame, &mut self.captures) {
            if let State::Expecting { until, .. } = self.state {
                self.state = State::Expecting { until, passed_over: passed_over + 1 };
            }
            return false;
        }
        self.summary.passed += 1;
        let result = StepResult::Passed { line: frame.line().to_vec(), passed_over };
        self.report(result, now - self.step_started, out);
        self.state = State::Running;
        self.index += 1;
        true
    }

    /// Records a failure; returns whether the run goes on.
    fn fail(&mut self, failure: Failure, took: Duration, out: &mut Vec<Output>) -> bool {
        self.summary.failed += 1;
        self.report(StepResult::Failed(failure), took, out);
        if self.stop_on_failure {
            self.finish(false, out);
            return false;
        }
        self.state = State::Running;
        self.index += 1;
        true
    }

    fn report(&self, result: StepResult, took: Duration, out: &mut Vec<Output>) {
        out.push(Output::Step(StepReport { round: self.round, step: self.index, result, took }));
    }

    fn finish(&mut self, stopped: bool, out: &mut Vec<Output>) {
        if self.state == State::Finished {
            return;
        }
        self.state = State::Finished;
        self.summary.stopped = stopped;
        self.backlog.clear();
        out.push(Output::Done(self.summary.clone()));
    }
}

fn compile(step: &Step) -> Result<RunStep, Message> {
    let at =
        |id, position: usize, problem| Message::new(id).arg("position", position.to_string()).arg("problem", problem);
    Ok(match step {
        Step::Send { payload, format: PayloadFormat::Text } => RunStep::Send(
            Template::parse(payload, Scope::Payload).map_err(|e| at("template-at", e.position, e.problem.message()))?,
        ),
        Step::Send { payload, format } => {
            let bytes = parse_payload(payload, *format).map_err(|e| msg!("rule-as-is", text = e.to_string()))?;
            RunStep::Send(Template::literal(bytes))
        }
        Step::Wait { ms } => RunStep::Wait(Duration::from_millis(*ms)),
        Step::Expect { when, timeout_ms } => {
            let matcher =
                CompiledMatcher::compile(when).map_err(|(position, problem)| at("rule-at", position, problem))?;
            RunStep::Expect { matcher, timeout: Duration::from_millis(*timeout_ms) }
        }
    })
}

impl StepResult {
    /// The outcome as a person reads it (`sent 5 bytes`, `FAILED: …`), in
    /// the language of the moment it is shown.
    pub fn message(&self) -> Message {
        match self {
            StepResult::Sent { len } => msg!("sequence-result-sent", len = *len),
            StepResult::Waited => msg!("sequence-result-waited"),
            StepResult::Passed { line, passed_over: 0 } => {
                msg!("sequence-result-passed", line = String::from_utf8_lossy(line).into_owned())
            }
            StepResult::Passed { line, passed_over } => msg!(
                "sequence-result-passed-after",
                line = String::from_utf8_lossy(line).into_owned(),
                passed_over = *passed_over
            ),
            StepResult::Failed(Failure::Timeout { passed_over: 0 }) => msg!("sequence-result-timeout"),
            StepResult::Failed(Failure::Timeout { passed_over }) => {
                msg!("sequence-result-timeout-unmatched", passed_over = *passed_over)
            }
            StepResult::Failed(Failure::Closed) => msg!("sequence-result-closed"),
        }
    }
}

impl fmt::Display for StepResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text())
    }
}

impl Summary {
    /// `3 passed, 0 failed in 3 rounds`, and how it ended.
    pub fn message(&self) -> Message {
        let summary = msg!(
            "sequence-summary",
            passed = self.passed,
            failed = self.failed,
            rounds = self.rounds,
            stopped = if self.stopped { "yes" } else { "no" }
        );
        match self.dropped {
            0 => summary,
            dropped => msg!("sequence-summary-dropped", summary = summary, dropped = dropped),
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text())
    }
}
