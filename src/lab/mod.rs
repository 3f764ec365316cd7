//! Guided labs: a workspace plus steps, each with a short instruction, a hint
//! and an automatic check on the engine's events. Labs are RON files in
//! `assets/labs/` (see [`load`]); a [`LabRun`] is fed every engine event and
//! ticks the steps as their checks pass.
//!
//! The workspace is referenced, not embedded: `workspace: "../workspaces/x.ron"`
//! is read through [`crate::workspace::load`] with its exact errors, so the
//! lesson a lab starts from is also a lesson of its own (File → Open,
//! `socklab run`, `socklab code`), and one file serves both.
//!
//! Steps tick in order: only the current step's check listens, and a check
//! that is about the state of things (a server listening, three clients
//! connected) is also tried the moment its step becomes current, so what is
//! already true counts. Order matters because a lab tells a story (start,
//! connect, send, break it, fix it), later checks often need what earlier
//! steps set up (a restart needs a server that was stopped), and a later step
//! must not tick by accident while the student is doing an earlier one.
//!
//! Texts are written in English in the lab file, each with a Fluent message
//! id derived from the lab's and the step's `id` (see [`Lab::texts`]); the
//! panel shows them in the current language through the lab catalogs
//! (`assets/i18n/labs.*.ftl`, see `text.rs`).

mod check;
mod checker;
mod error;
#[cfg(test)]
mod error_tests;
mod file;
mod json;
mod streams;
mod text;
mod world;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::workspace::Workspace;

pub use check::{Check, Role};
pub use checker::{LabRun, StepState};
pub use error::LabError;
pub use file::{load, load_dir, parse};
pub use text::{CHECKER_TEXTS, CheckText, FtlKey, Progress, localized, to_ftl};

/// The newest lab format this build reads.
pub const CURRENT_VERSION: u32 = 1;

/// Largest file a check may compare received bytes with.
pub const MAX_CHECK_FILE: u64 = 1 << 20;

/// A lab as loaded and checked: its steps, its workspace, and the files its
/// checks compare with.
#[derive(Clone, Debug)]
pub struct Lab {
    /// Lower-case letters, digits and '-': the start of every text's message id.
    pub id: String,
    pub title: String,
    /// What the lab teaches, in a sentence or two.
    pub summary: String,
    pub steps: Vec<Step>,
    /// The lab file itself.
    pub path: PathBuf,
    /// The workspace file, resolved against the lab file's folder.
    pub workspace_path: PathBuf,
    pub workspace: Workspace,
    /// Files named by checks, by the name the check gives.
    files: BTreeMap<String, Vec<u8>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Unique in its lab, same alphabet as the lab's id.
    pub id: String,
    /// What to do, in one or two sentences.
    pub text: String,
    /// Shown on request: how to do it in socklab (and with a tutorial's tool).
    pub hint: String,
    pub check: Check,
}

impl Lab {
    /// The bytes of a file a check names (loaded with the lab).
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(Vec::as_slice)
    }
}
