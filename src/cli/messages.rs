//! Every sentence the command line prints of its own, in one place (a later
//! issue moves them into translation catalogs). Event summaries come from the
//! engine; these are the CLI's notes, warnings and refusals.

use std::path::Path;

use crate::net::{BindScope, parse_host_port};

pub fn timeout_not_a_number(s: &str) -> String {
    format!("'{s}' is not a number of seconds: write e.g. 10 or 0.5")
}

pub fn timeout_out_of_range(s: &str, max: f64) -> String {
    format!("{s} is not between 0.001 and {max} seconds (a day): a connect() that takes longer than that has failed")
}

pub fn empty_unix_path(proto: &str) -> String {
    format!(
        "{proto}: the path is empty: give a file path such as /tmp/socklab.sock, or @name for an abstract socket (Linux only, no file)"
    )
}

pub fn empty_bind_path() -> String {
    "--bind: the path is empty: give a file path such as /tmp/socklab-client.sock, or leave --bind out".into()
}

pub fn reply_not_for(reply: &str, kind: &str) -> String {
    format!("--reply {reply} does not apply to a {kind}")
}

pub fn option_not_for(name: &str, c_name: &str, kind: &str, why: &str) -> String {
    format!("--set {name}: {c_name} does not apply to a {kind}: {why}")
}

pub fn nothing_to_run() -> String {
    "nothing to run: give a command (serve, connect, run) or see --help".into()
}

pub fn no_temp_dir(dir: &Path, err: &std::io::Error) -> String {
    format!("cannot create a directory for the reply socket in {}: {err}: give a path with --bind PATH", dir.display())
}

/// `serve`, before binding beyond loopback: who will be able to reach it.
pub fn serve_exposed(address: &str, scope: BindScope, datagram: bool) -> String {
    let port = parse_host_port(address).map(|(_, p)| p).unwrap_or_default();
    let can = if datagram { "send to it" } else { "connect" };
    let fix = format!("to keep it to this machine, use 127.0.0.1:{port} (or [::1]:{port})");
    match scope {
        BindScope::AllInterfaces => {
            format!("{address} is every interface: anyone who can reach this machine over a network can {can}; {fix}")
        }
        _ => format!("{address} is a network interface: other machines on its network can {can}; {fix}"),
    }
}

/// `run`, before starting: an endpoint of the file binds beyond loopback.
pub fn workspace_exposed(name: &str, address: &str, scope: BindScope) -> String {
    let reach = match scope {
        BindScope::AllInterfaces => "every interface, so anyone who can reach this machine over a network",
        _ => "a network interface, so other machines on its network",
    };
    format!(
        "warning: [{name}] binds {address}: {reach} can reach it (edit its address to 127.0.0.1 to keep it to this machine)"
    )
}

pub fn no_client_discarding() -> String {
    "no client is connected: stdin is discarded until one connects".into()
}

pub fn no_peer_discarding() -> String {
    "nobody to send to yet: stdin is discarded until a datagram arrives (replies go to its sender)".into()
}

pub fn line_split(max: usize) -> String {
    format!(
        "a line of stdin is longer than the largest datagram ({max} bytes): it is sent in pieces of {max} bytes, as is any later long line"
    )
}

pub fn input_not_sent(err: &dyn std::fmt::Display) -> String {
    format!("input not sent: {err}")
}

pub fn peer_half_closed() -> String {
    "the peer closed its sending side (FIN); it may still read, so stdin is sent until it ends, then ours is closed too"
        .into()
}

pub fn workspace_still_not_ready(name: &str) -> String {
    format!("[{name}] still not ready; starting the next endpoint anyway")
}

pub fn workspace_nothing_autostarts(file: &Path) -> String {
    format!("{}: no endpoint has `autostart: true`, so there is nothing to run", file.display())
}

pub fn did_not_stop(n: usize) -> String {
    format!("{n} endpoint(s) did not stop in time")
}

pub fn no_ctrl_c(err: &dyn std::fmt::Display) -> String {
    format!("cannot handle Ctrl+C: {err}")
}

/// A line about one endpoint of a workspace: "[name] what happened".
pub fn tagged(name: &str, msg: &str) -> String {
    format!("[{name}] {msg}")
}

fn sequence_name(n: usize, seq: &crate::net::sequence::Sequence) -> String {
    if seq.name.is_empty() { format!("sequence {}", n + 1) } else { format!("sequence {} ({})", n + 1, seq.name) }
}

/// `run`: one step of a sequence, with its outcome and how long it took.
pub fn sequence_step(
    n: usize,
    seq: &crate::net::sequence::Sequence,
    step: &str,
    report: &crate::net::sequence::StepReport,
) -> String {
    let round = match seq.repeat {
        crate::net::sequence::Repeat::Once => String::new(),
        _ => format!(", round {}", report.round),
    };
    let ms = report.took.as_secs_f64() * 1000.0;
    format!("{}{round}, step {} ({step}): {} ({ms:.1} ms)", sequence_name(n, seq), report.step + 1, report.result)
}

/// `run`: a sequence ended.
pub fn sequence_done(
    n: usize,
    seq: &crate::net::sequence::Sequence,
    summary: &crate::net::sequence::Summary,
) -> String {
    let endless = seq.repeat == crate::net::sequence::Repeat::UntilStopped;
    let verdict = if summary.ok() && (!summary.stopped || endless) { "PASSED" } else { "FAILED" };
    format!("{}: {summary}: {verdict}", sequence_name(n, seq))
}

/// `run`: a sequence that could not run (or finish).
pub fn sequence_not_run(n: usize, seq: &crate::net::sequence::Sequence, had_connection: bool) -> String {
    let why = if had_connection { "the connection closed first" } else { "there was no connection to run it on" };
    format!("{} did not run: {why}", sequence_name(n, seq))
}

/// `--tcp-info` on a socket that is not TCP.
pub fn tcp_info_not_tcp(proto: &str) -> String {
    format!("--tcp-info: TCP_INFO exists only for TCP sockets, and this is {proto}: use `tcp`, or leave --tcp-info out")
}

/// Where the OS has no TCP_INFO: said once, and the rest goes on.
pub fn kernel_state_unavailable(flag: &str) -> String {
    format!("{flag}: {}; going on without it", crate::net::kernel::text::not_available())
}

pub fn ladder_is_dir(path: &Path) -> String {
    format!("--ladder {}: this is a directory: give a file name such as {}/ladder.svg", path.display(), path.display())
}

pub fn ladder_no_dir(path: &Path, dir: &Path) -> String {
    format!(
        "--ladder {}: the directory {} does not exist: create it first, or write the file elsewhere",
        path.display(),
        dir.display()
    )
}

pub fn ladder_not_written(path: &Path, err: &std::io::Error) -> String {
    let errno = err.raw_os_error().and_then(crate::net::errno_name).map(|n| format!(" ({n})")).unwrap_or_default();
    format!("--ladder {}: the sequence diagram could not be written{errno}: {err}", path.display())
}

pub fn ladder_written(path: &Path, diagrams: usize) -> String {
    format!("sequence diagram of {diagrams} connection(s) written to {}", path.display())
}
