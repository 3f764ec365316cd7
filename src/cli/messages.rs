//! Every sentence the command line prints of its own, in one place, from the
//! catalogs (`cli-…` in `assets/i18n/*.ftl`), in the language of LANG. Event
//! summaries come from the engine; these are the CLI's notes, warnings and
//! refusals.

use std::path::Path;

use crate::net::{BindScope, parse_host_port};
use crate::t;

pub fn timeout_not_a_number(s: &str) -> String {
    t!("cli-timeout-not-a-number", value = s)
}

pub fn timeout_out_of_range(s: &str, max: f64) -> String {
    t!("cli-timeout-out-of-range", value = s, max = max.to_string())
}

pub fn not_a_whole_number(s: &str) -> String {
    t!("cli-not-a-whole-number", value = s)
}

/// Limits are identifiers here (a port-like 86400000 reads better ungrouped).
pub fn number_out_of_range(s: &str, min: impl std::fmt::Display, max: impl std::fmt::Display) -> String {
    t!("cli-number-out-of-range", value = s, min = min.to_string(), max = max.to_string())
}

pub fn empty_unix_path(proto: &str) -> String {
    t!("cli-empty-unix-path", proto = proto)
}

pub fn empty_bind_path() -> String {
    t!("cli-empty-bind-path")
}

pub fn reply_not_for(reply: &str, kind: &str) -> String {
    t!("cli-reply-not-for", reply = reply, kind = kind)
}

pub fn option_not_for(name: &str, c_name: &str, kind: &str, why: &str) -> String {
    t!("cli-option-not-for", name = name, c_name = c_name, kind = kind, why = why)
}

pub fn nothing_to_run() -> String {
    t!("cli-nothing-to-run")
}

pub fn no_temp_dir(dir: &Path, err: &std::io::Error) -> String {
    t!("cli-no-temp-dir", dir = dir.display().to_string(), error = err.to_string())
}

/// `serve`, before binding beyond loopback: who will be able to reach it.
pub fn serve_exposed(address: &str, scope: BindScope, datagram: bool) -> String {
    let port = parse_host_port(address).map(|(_, p)| p).unwrap_or_default().to_string();
    let socket = if datagram { "datagram" } else { "stream" };
    match scope {
        BindScope::AllInterfaces => t!("cli-serve-exposed-all", address = address, port = port, socket = socket),
        _ => t!("cli-serve-exposed-interface", address = address, port = port, socket = socket),
    }
}

/// `run`, before starting: an endpoint of the file binds beyond loopback.
pub fn workspace_exposed(name: &str, address: &str, scope: BindScope) -> String {
    match scope {
        BindScope::AllInterfaces => t!("cli-workspace-exposed-all", name = name, address = address),
        _ => t!("cli-workspace-exposed-interface", name = name, address = address),
    }
}

pub fn no_client_discarding() -> String {
    t!("cli-no-client-discarding")
}

pub fn no_peer_discarding() -> String {
    t!("cli-no-peer-discarding")
}

pub fn line_split(max: usize) -> String {
    t!("cli-line-split", max = max.to_string())
}

pub fn input_not_sent(err: &dyn std::fmt::Display) -> String {
    t!("cli-input-not-sent", error = err.to_string())
}

pub fn peer_half_closed() -> String {
    t!("cli-peer-half-closed")
}

pub fn workspace_still_not_ready(name: &str) -> String {
    t!("cli-workspace-still-not-ready", name = name)
}

pub fn workspace_nothing_autostarts(file: &Path) -> String {
    t!("cli-workspace-nothing-autostarts", file = file.display().to_string())
}

pub fn did_not_stop(n: usize) -> String {
    t!("cli-did-not-stop", count = n)
}

pub fn no_ctrl_c(err: &dyn std::fmt::Display) -> String {
    t!("cli-no-ctrl-c", error = err.to_string())
}

/// A line about one endpoint of a workspace: "[name] what happened".
pub fn tagged(name: &str, msg: &str) -> String {
    format!("[{name}] {msg}")
}

fn sequence_name(n: usize, seq: &crate::net::sequence::Sequence) -> String {
    let number = (n + 1).to_string();
    if seq.name.is_empty() {
        t!("cli-sequence", number = number)
    } else {
        t!("cli-sequence-named", number = number, name = seq.name.as_str())
    }
}

/// `run`: one step of a sequence, with its outcome and how long it took.
pub fn sequence_step(
    n: usize,
    seq: &crate::net::sequence::Sequence,
    step: &str,
    report: &crate::net::sequence::StepReport,
) -> String {
    let ms = format!("{:.1}", report.took.as_secs_f64() * 1000.0);
    let (sequence, number, result) = (sequence_name(n, seq), (report.step + 1).to_string(), report.result.to_string());
    match seq.repeat {
        crate::net::sequence::Repeat::Once => {
            t!("cli-sequence-step", sequence = sequence, number = number, step = step, result = result, ms = ms)
        }
        _ => t!(
            "cli-sequence-step-round",
            sequence = sequence,
            round = report.round.to_string(),
            number = number,
            step = step,
            result = result,
            ms = ms
        ),
    }
}

/// `run`: a sequence ended.
pub fn sequence_done(
    n: usize,
    seq: &crate::net::sequence::Sequence,
    summary: &crate::net::sequence::Summary,
) -> String {
    let endless = seq.repeat == crate::net::sequence::Repeat::UntilStopped;
    let (sequence, summary_text) = (sequence_name(n, seq), summary.to_string());
    if summary.ok() && (!summary.stopped || endless) {
        t!("cli-sequence-passed", sequence = sequence, summary = summary_text)
    } else {
        t!("cli-sequence-failed", sequence = sequence, summary = summary_text)
    }
}

/// `run`: a sequence that could not run (or finish).
pub fn sequence_not_run(n: usize, seq: &crate::net::sequence::Sequence, had_connection: bool) -> String {
    let sequence = sequence_name(n, seq);
    if had_connection {
        t!("cli-sequence-closed-first", sequence = sequence)
    } else {
        t!("cli-sequence-no-connection", sequence = sequence)
    }
}

/// `--tcp-info` on a socket that is not TCP.
pub fn tcp_info_not_tcp(proto: &str) -> String {
    t!("cli-tcp-info-not-tcp", proto = proto)
}

/// Where the OS has no TCP_INFO: said once, and the rest goes on.
pub fn kernel_state_unavailable(flag: &str) -> String {
    t!("cli-kernel-state-unavailable", flag = flag, why = crate::net::kernel::text::not_available().text())
}

pub fn ladder_is_dir(path: &Path) -> String {
    t!("cli-ladder-is-dir", path = path.display().to_string())
}

pub fn ladder_no_dir(path: &Path, dir: &Path) -> String {
    t!("cli-ladder-no-dir", path = path.display().to_string(), dir = dir.display().to_string())
}

pub fn ladder_not_written(path: &Path, err: &std::io::Error) -> String {
    let path = path.display().to_string();
    match err.raw_os_error().and_then(crate::net::errno_name) {
        Some(errno) => t!("cli-ladder-not-written-errno", path = path, errno = errno, error = err.to_string()),
        None => t!("cli-ladder-not-written", path = path, error = err.to_string()),
    }
}

pub fn ladder_written(path: &Path, diagrams: usize) -> String {
    t!("cli-ladder-written", count = diagrams, path = path.display().to_string())
}
