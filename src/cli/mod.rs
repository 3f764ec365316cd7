//! The command line: a netcat-like front end on the same engine as the GUI.

mod args;
mod code;
mod json;
mod run;
mod workspace_run;

pub use args::{Cli, Proto, Sub};
pub use json::event_json;
pub use run::{exit_code_for, run};
