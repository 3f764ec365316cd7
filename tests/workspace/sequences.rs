//! `socklab run` with rules and send sequences, headless as in CI: the
//! "Hello, name" lesson against the tutorials' client; a Python "device" on
//! port 0 and a workspace whose client runs sequences against it, printing
//! each step with its outcome and time and ending by itself, 0 when every
//! expectation passed and 3 when one failed.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use socklab::net::frame::{FrameSpec, Framing};
use socklab::net::rules::Matcher;
use socklab::net::sequence::{Repeat, Sequence, Step};
use socklab::net::{EndpointKind, EndpointSpec, PayloadFormat};
use socklab::workspace::{self, Workspace, WorkspaceEndpoint};

use crate::support::Proc;

/// Greets with READY, answers each "PING x" with "PONG x" (CRLF lines), for
/// any number of connections.
const DEVICE: &str = r#"
import threading
l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen(8)
out(l.getsockname()[1])
def serve(c):
    c.sendall(b"READY\r\n")
    f = c.makefile("rb")
    for line in f:
        word = line.strip()
        if word.startswith(b"PING "):
            c.sendall(b"PONG " + word[5:] + b"\r\n")
    c.close()
while True:
    c, _ = l.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"#;

fn device() -> (Proc, String) {
    let mut py = Proc::python(DEVICE, &[]);
    let port = py.line();
    (py, format!("127.0.0.1:{port}"))
}

fn text(payload: &str) -> Step {
    Step::Send { payload: payload.into(), format: PayloadFormat::Text }
}

fn expect(when: Matcher, timeout_ms: u64) -> Step {
    Step::Expect { when, timeout_ms }
}

/// A workspace with one auto-start client running `sequences` against `address`.
fn workspace_with(dir: &Path, address: &str, sequences: Vec<Sequence>) -> PathBuf {
    let mut spec = EndpointSpec::new(EndpointKind::TcpClient, address).with_frame(FrameSpec::new(Framing::Line));
    spec.sequences = sequences;
    let ws = Workspace {
        endpoints: vec![WorkspaceEndpoint { name: "tester".into(), spec, autostart: true }],
        ..Workspace::default()
    };
    let path = dir.join("device_test.ron");
    workspace::save(&path, &ws).expect("save");
    path
}

fn hello() -> Sequence {
    Sequence { name: "hello".into(), steps: vec![expect(Matcher::Exact("READY".into()), 5000)], ..Sequence::default() }
}

fn ping(expected: Matcher, timeout_ms: u64) -> Sequence {
    Sequence {
        name: "ping".into(),
        steps: vec![text("PING ${seq}\\r\\n"), expect(expected, timeout_ms), Step::Wait { ms: 5 }],
        repeat: Repeat::Times(3),
        stop_on_failure: true,
    }
}

fn run(file: &Path, json: bool) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_socklab"));
    cmd.env("LC_ALL", "C"); // English output, whatever the locale
    cmd.arg("run").arg(file);
    if json {
        cmd.arg("--json");
    }
    let (code, out, err) = Proc::spawn("socklab run", &mut cmd, false).finish();
    (code, String::from_utf8_lossy(&out).into_owned(), err)
}

#[test]
fn a_sequence_run_headless_passes_and_exits_0() {
    let (_device, address) = device();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = workspace_with(dir.path(), &address, vec![hello(), ping(Matcher::Regex("^PONG [123]$".into()), 5000)]);
    let (code, out, err) = run(&file, false);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "READY\r\nPONG 1\r\nPONG 2\r\nPONG 3\r\n", "received bytes still go to stdout");
    let steps: Vec<&str> = err.lines().filter(|l| l.contains(", step ")).collect();
    assert_eq!(steps.len(), 1 + 3 * 3, "{err}");
    assert!(
        steps[0].starts_with(
            "socklab: [tester] sequence 1 (hello), step 1 (expect exact:READY within 5000 ms): passed: READY ("
        ),
        "{err}"
    );
    assert!(steps[2].starts_with("socklab: [tester] sequence 2 (ping), round 1, step 2 (expect regex:^PONG [123]$ within 5000 ms): passed: PONG 1 ("), "{err}");
    assert!(steps.iter().all(|l| l.ends_with(" ms)")), "each step says how long it took: {err}");
    assert!(err.contains("sequence 2 (ping): 3 passed, 0 failed in 3 rounds: PASSED"), "{err}");

    // The same with --json: step and sequence_done events, named.
    let (code, out, err) = run(&file, true);
    assert_eq!(code, 0, "{err}");
    let events: Vec<Value> = out.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let steps: Vec<&Value> = events.iter().filter(|v| v["event"] == "step").collect();
    assert_eq!(steps.len(), 10);
    assert!(steps.iter().all(|v| v["endpoint_name"] == "tester" && v["took_ms"].is_number()), "{steps:#?}");
    assert_eq!(
        (&steps[2]["result"], &steps[2]["line"], &steps[2]["round"]),
        (&Value::from("passed"), &Value::from("PONG 1"), &Value::from(1))
    );
    let done: Vec<bool> = events.iter().filter(|v| v["event"] == "sequence_done").map(|v| v["ok"] == true).collect();
    assert_eq!(done, vec![true, true]);
}

#[test]
fn a_sequence_that_fails_exits_3_and_says_which_step() {
    let (_device, address) = device();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = workspace_with(dir.path(), &address, vec![hello(), ping(Matcher::Exact("PONG 99".into()), 300)]);
    let (code, _, err) = run(&file, false);
    assert_eq!(code, 3, "an expectation failed: {err}");
    assert!(
        err.contains("sequence 2 (ping), round 1, step 2 (expect exact:PONG 99 within 300 ms): FAILED: 1 messages arrived, none matched in time (300"),
        "{err}"
    );
    assert!(err.contains("sequence 2 (ping): 0 passed, 1 failed in 1 round: FAILED"), "{err}");

    // Nothing listening: the sequences never ran, a network error (exit 1).
    drop(_device);
    let refused = format!("127.0.0.1:{}", crate::support::closed_port());
    let file = workspace_with(dir.path(), &refused, vec![hello()]);
    let (code, _, err) = run(&file, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("ECONNREFUSED")
            && err.contains("sequence 1 (hello) did not run: there was no connection to run it on"),
        "{err}"
    );
}

#[test]
fn the_hello_name_lesson_answers_the_tutorials_client() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ws = workspace::load(crate::helpers::lessons_dir().join("hello_name.ron")).expect("lesson");
    ws.endpoints[0].spec.address = "127.0.0.1:0".into();
    let file = dir.path().join("hello_name.ron");
    workspace::save(&file, &ws).expect("save");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_socklab"));
    cmd.env("LC_ALL", "C"); // English output, whatever the locale
    cmd.arg("run").arg(&file);
    let mut run = Proc::spawn("socklab run hello_name", &mut cmd, false);
    let line = run.stderr_line_with("listen(127.0.0.1:");
    let port = line.split("127.0.0.1:").nth(1).and_then(|r| r.split(',').next()).expect("the port");
    let mut client = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
f = s.makefile("rb")
out(f.readline().decode().rstrip())
for name in ["Ann", "", "Li Lei"]:
    s.sendall(name.encode() + b"\r\n")
    if name:
        out(f.readline().decode().rstrip())
s.sendall(b"exit\r\n")
out(f.readline().decode().rstrip())
out("closed" if f.read() == b"" else "more")
"#,
        &[port],
    );
    for expected in ["Welcome!", "Hello, Ann!", "Hello, Li Lei!", "Bye!", "closed"] {
        assert_eq!(client.line(), expected);
    }
    run.signal(libc::SIGINT);
    let (code, _, err) = run.finish();
    assert_eq!(code, 0, "{err}");
}
