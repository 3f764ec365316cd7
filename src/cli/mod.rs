//! The command line: a netcat-like front end on the same engine as the GUI.

mod args;
mod code;
mod connect;
mod encoding_io;
mod help;
mod json;
mod json_parts;
mod json_proto;
mod json_write;
mod messages;
mod out;
mod parse;
mod proto_args;
#[cfg(test)]
mod pseudo_tests;
mod run;
mod run_sequences;
mod serve;
mod session;
mod stdin;
mod temp_socket;
mod watch;
mod workspace_run;

pub use args::{Cli, Proto, Sub};
pub use help::command;
pub use json::{event_json, json_name};
pub use parse::{Stop, parse};
pub use run::run;

/// How a command ended, as its exit status says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, or stopped by Ctrl+C.
    Done,
    /// 1: a network error (refused, reset, address in use …).
    Network,
    /// 2: bad input: arguments, an address, an option value, a workspace file.
    Usage,
    /// 3: `run`: a sequence's expectation failed (a device answered wrong, or not in time).
    Failed,
}

impl Exit {
    pub fn code(self) -> i32 {
        match self {
            Exit::Done => 0,
            Exit::Network => 1,
            Exit::Usage => 2,
            Exit::Failed => 3,
        }
    }
}
