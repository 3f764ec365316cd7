//! Send sequences: steps (send a payload, wait, expect a message matching a
//! pattern within a timeout) run once, N times or until stopped, each step
//! marked pass or fail with the time it took. A [`Sequence`] is saved in
//! workspaces; a [`Runner`] is the pure state machine a worker or
//! `socklab run` drives with messages and time.

mod runner;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Message;
use crate::msg;
use crate::net::payload::PayloadFormat;
use crate::net::rules::Matcher;

pub use runner::{Failure, Output, Runner, StepReport, StepResult, Summary};

/// The longest wait or expect timeout: one hour.
pub const MAX_STEP_MS: u64 = 3_600_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Sequence {
    pub name: String,
    pub steps: Vec<Step>,
    pub repeat: Repeat,
    /// End the run at the first failed expectation (otherwise go on).
    pub stop_on_failure: bool,
}

impl Default for Sequence {
    fn default() -> Self {
        Sequence { name: String::new(), steps: Vec::new(), repeat: Repeat::Once, stop_on_failure: true }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    /// Send a payload. Text takes the composer's escapes and variables;
    /// `${seq}` is the round, from 1.
    Send {
        payload: String,
        format: PayloadFormat,
    },
    Wait {
        ms: u64,
    },
    /// Pass when a message matching `when` arrives within `timeout_ms`
    /// (messages that do not match are passed over).
    Expect {
        when: Matcher,
        timeout_ms: u64,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Repeat {
    #[default]
    Once,
    Times(u32),
    UntilStopped,
}

/// Why a sequence cannot run: the step (from 0; None for the whole
/// sequence) and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SequenceError {
    pub step: Option<usize>,
    /// Formatted when shown, in the language of that moment.
    pub problem: Message,
}

impl fmt::Display for SequenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.step {
            Some(i) => f.write_str(&crate::t!(
                "sequence-error-step",
                step = (i + 1).to_string(),
                problem = self.problem.text()
            )),
            None => f.write_str(&self.problem.text()),
        }
    }
}

impl std::error::Error for SequenceError {}

impl Sequence {
    /// Checks the sequence as a run would (steps compiled: patterns, payloads).
    pub fn check(&self) -> Result<(), SequenceError> {
        Runner::new(self, crate::net::template::Rng::seeded(0)).map(drop)
    }

    /// The checks that need no compiling (the runner compiles the rest).
    fn check_shape(&self) -> Result<(), SequenceError> {
        let whole = |problem: Message| Err(SequenceError { step: None, problem });
        if self.steps.is_empty() {
            return whole(msg!("sequence-error-no-steps"));
        }
        if self.repeat == Repeat::Times(0) {
            return whole(msg!("sequence-error-no-rounds"));
        }
        let pauses = self.steps.iter().any(|s| matches!(s, Step::Wait { .. } | Step::Expect { .. }));
        if self.repeat != Repeat::Once && self.repeat != Repeat::Times(1) && !pauses {
            return whole(msg!("sequence-error-needs-pause"));
        }
        for (i, s) in self.steps.iter().enumerate() {
            let at = |problem: Message| Err(SequenceError { step: Some(i), problem });
            match s {
                Step::Wait { ms } | Step::Expect { timeout_ms: ms, .. } if *ms > MAX_STEP_MS => {
                    return at(msg!("sequence-error-too-long"));
                }
                Step::Expect { when: Matcher::Connect | Matcher::Oversize, .. } => {
                    return at(msg!("sequence-error-not-a-message"));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl Step {
    /// The step as a person reads it: `send hello`, `wait 100 ms`,
    /// `expect exact:PONG within 5000 ms`. Payloads and patterns stay as typed.
    pub fn message(&self) -> Message {
        match self {
            Step::Send { payload, format: PayloadFormat::Text } => msg!("sequence-step-send", payload = payload),
            Step::Send { payload, format } => {
                msg!("sequence-step-send-format", format = format.label(), payload = payload)
            }
            Step::Wait { ms } => msg!("sequence-step-wait", ms = ms.to_string()),
            Step::Expect { when, timeout_ms } => {
                msg!("sequence-step-expect", when = when.to_string(), ms = timeout_ms.to_string())
            }
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text())
    }
}
