//! The `socklab` binary as a user runs it, against ncat, socat and Python
//! peers. Loopback only, port 0 always, every child killed when a test ends.
//! The tests are split by topic under tests/cli/; the helpers are here.

mod support;
#[path = "support/svg.rs"]
mod svg;

// A test crate's root looks for modules beside it, so point into tests/cli/.
#[path = "cli/basics.rs"]
mod basics;
#[path = "cli/closing.rs"]
mod closing;
#[path = "cli/encoding.rs"]
mod encoding;
#[path = "cli/input.rs"]
mod input;
#[path = "cli/kernel.rs"]
mod kernel;
#[path = "cli/language.rs"]
mod language;
#[path = "cli/protocol.rs"]
mod protocol;
#[path = "cli/reach.rs"]
mod reach;
#[path = "cli/stdin.rs"]
mod stdin;

use std::process::Command;

use serde_json::Value;
use support::Proc;

fn socklab(args: &[&str], stdin: bool) -> Proc {
    socklab_with(args, stdin, |_| {})
}

/// Like [`socklab`], with the command adjusted first (environment, directory).
fn socklab_with(args: &[&str], stdin: bool, adjust: impl FnOnce(&mut Command)) -> Proc {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_socklab"));
    // The CLI speaks the locale's language: these tests read its English.
    cmd.args(args).env("LC_ALL", "C").env_remove("LANGUAGE");
    adjust(&mut cmd);
    Proc::spawn(&format!("socklab {}", args.join(" ")), &mut cmd, stdin)
}

/// Runs socklab to the end (stdin empty) and returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let mut p = socklab(args, false);
    let (code, out, err) = p.finish();
    (code, String::from_utf8_lossy(&out).into_owned(), err)
}

/// Reads `--json` lines until one satisfies `pred`; returns every line read.
fn json_until(p: &mut Proc, what: &str, mut pred: impl FnMut(&Value) -> bool) -> Vec<Value> {
    let mut lines = Vec::new();
    loop {
        let v = p.json_line();
        let done = pred(&v);
        lines.push(v);
        if done {
            return lines;
        }
        assert!(lines.len() < 10_000, "no {what} in {lines:?}");
    }
}

fn is_event(v: &Value, name: &str) -> bool {
    v["event"] == name
}

/// The port of the "listen" line of `serve … --json`.
fn json_listen_port(p: &mut Proc) -> u16 {
    let lines = json_until(p, "listen", |v| is_event(v, "listen"));
    let local = lines.last().and_then(|v| v["local"].as_str()).expect("listen has local").to_string();
    local.rsplit_once(':').and_then(|(_, port)| port.parse().ok()).unwrap_or_else(|| panic!("bad local {local}"))
}

/// The port of the "socklab: bind(127.0.0.1:PORT)" line of plain `serve`.
fn stderr_bound_port(p: &mut Proc) -> u16 {
    let line = p.stderr_line_with("socklab: bind(127.0.0.1:");
    let rest = line.split_once("bind(127.0.0.1:").expect("bind line").1;
    rest.trim_end_matches(')').parse().unwrap_or_else(|_| panic!("bad bind line {line:?}"))
}

/// SIGINT, then the exit code and what stdout still had.
fn interrupt(p: &mut Proc) -> (i32, Vec<u8>) {
    p.signal(libc::SIGINT);
    let (code, out, _) = p.finish();
    (code, out)
}

fn rest_json(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}
