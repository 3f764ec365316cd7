//! Reply rules and send sequences in the workers, against Python peers:
//! rules on a stream server (greeting, captures, close, waits in order),
//! rules changed on a running endpoint, rules on a UDP socket answering each
//! sender, and sequences that pass, fail, and see a greeting that came first.

use std::time::Instant;

use socklab::net::PayloadFormat;
use socklab::net::frame::{FrameSpec, Framing};
use socklab::net::rules::Rule;
use socklab::net::sequence::{Failure, Repeat, Sequence, Step, StepResult, Summary};

use super::*;

fn rule(s: &str) -> Rule {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn hello_server() -> EndpointSpec {
    tcp_server(ReplyMode::None)
        .with_frame(FrameSpec::new(Framing::Line))
        .with_rule(rule("connect => reply:Welcome!\\n"))
        .with_rule(rule("exact:exit => reply:Bye!${eol} => close"))
        .with_rule(rule("regex:^(.+)$ => reply:Hello, ${1}!${eol}"))
}

/// Rules the test counts: (rule index, count) of each RuleFired, in order.
fn fired(rx: &mut Rx, id: u64) -> Vec<(usize, u64)> {
    rx.take(|e| e.endpoint == id && matches!(e.kind, EventKind::RuleFired { .. }))
        .into_iter()
        .map(|e| match e.kind {
            EventKind::RuleFired { rule, count, .. } => (rule, count),
            _ => unreachable!(),
        })
        .collect()
}

#[test]
fn hello_name_server_built_from_rules_answers_a_python_client() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, hello_server());
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
out(recv_line(s).decode().strip())
for name in ["Ann", "Bob"]:
    s.sendall(name.encode() + b"\r\n")
    out(recv_line(s).decode().strip())
s.sendall(b"exit\n")
out(recv_line(s).decode().strip())
out("eof" if recv_all(s) == b"" else "more")
"#,
        &[&inet(&local).port().to_string()],
    );
    for expected in ["Welcome!", "Hello, Ann!", "Hello, Bob!", "Bye!", "eof"] {
        assert_eq!(py.line(), expected);
    }
    rx.wait_kind(id, "the close", |k| matches!(k, EventKind::Closed { conn: Some(1), .. }));
    assert_eq!(fired(&mut rx, id), vec![(0, 1), (2, 1), (2, 2), (1, 1)]);
    close(&engine, &mut rx, id);
}

#[test]
fn a_wait_holds_the_answer_back_and_later_answers_keep_their_order() {
    let (engine, mut rx) = engine();
    let spec = tcp_server(ReplyMode::None)
        .with_frame(FrameSpec::new(Framing::Line))
        .with_rule(rule("exact:slow => wait:300 => reply:slow done\\n"))
        .with_rule(rule("any => reply:${line} done\\n"));
    let (id, local) = open_server(&engine, &mut rx, spec);
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
t0 = time.monotonic()
s.sendall(b"slow\nfast\n")
got = recv_n(s, len(b"slow done\nfast done\n"))
out(got.decode().replace("\n", "|"), int((time.monotonic() - t0) * 1000))
"#,
        &[&inet(&local).port().to_string()],
    );
    let line = py.line();
    let (text, ms) = line.rsplit_once(' ').expect("text and time");
    assert_eq!(text, "slow done|fast done|", "the fast answer waits behind the slow one");
    assert!(ms.parse::<u64>().expect("ms") >= 300, "answered after {ms} ms, before the wait was over");
    close(&engine, &mut rx, id);
}

#[test]
fn rules_set_on_a_running_server_apply_and_a_bad_list_is_refused() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::Echo));
    let bad = vec![Rule::new(socklab::net::rules::Matcher::Regex("(".into()), vec![])];
    engine.send(Command::SetRules { id, rules: bad }).expect("set rules");
    let (_, error) = error_of(&mut rx, id, "the refusal");
    assert!(error.to_string().contains("rule 1: in the pattern, at character 1: unclosed group"), "{error}");
    engine.send(Command::SetRules { id, rules: vec![rule("exact:quit => reply:bye\\n => close")] }).expect("set");
    engine.send(Command::SetFraming { id, frame: FrameSpec::new(Framing::Line) }).expect("set framing");
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"echo me\n")
out(recv_line(s).decode().strip())
s.sendall(b"quit\n")
out(recv_all(s).decode().strip())
"#,
        &[&inet(&local).port().to_string()],
    );
    // The echo preset still answers what the endpoint's own rule does not.
    assert_eq!(py.line(), "echo me");
    assert_eq!(py.line(), "bye");
    close(&engine, &mut rx, id);
}

#[test]
fn udp_rules_answer_each_sender() {
    let (engine, mut rx) = engine();
    let spec =
        EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_rule(rule("regex:^ping (\\d+)$ => reply:pong ${1}"));
    let (id, local) = open_dgram(&engine, &mut rx, spec);
    let mut py = Proc::python(
        r#"
port = int(sys.argv[1])
a, b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM), socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a.sendto(b"ping 1", ("127.0.0.1", port))
b.sendto(b"ping 2", ("127.0.0.1", port))
b.sendto(b"noise", ("127.0.0.1", port))
out(a.recv(100).decode(), b.recv(100).decode())
"#,
        &[&inet(&local).port().to_string()],
    );
    assert_eq!(py.line(), "pong 1 pong 2");
    close(&engine, &mut rx, id);
}

fn text(payload: &str) -> Step {
    Step::Send { payload: payload.into(), format: PayloadFormat::Text }
}

fn expect(pattern: &str, timeout_ms: u64) -> Step {
    Step::Expect { when: socklab::net::rules::Matcher::Exact(pattern.into()), timeout_ms }
}

/// Runs `sequence` on a client of the hello server, once its greeting has
/// arrived; returns each step's result and the summary.
fn run_against_hello(sequence: Sequence, since_connect: bool) -> (Vec<StepResult>, Summary) {
    let (engine, mut rx) = engine();
    let (server, local) = open_server(&engine, &mut rx, hello_server());
    let mut client =
        EndpointSpec::new(EndpointKind::TcpClient, local.to_string()).with_frame(FrameSpec::new(Framing::Line));
    client.sequences.push(sequence.clone());
    let id = engine.open(client).expect("open");
    rx.wait_kind(id, "connect", |k| matches!(k, EventKind::Connected { .. }));
    // The greeting has arrived before the sequence starts.
    rx.wait_kind(id, "the greeting", |k| matches!(k, EventKind::Received { .. }));
    engine.send(Command::RunSequence { id, conn: None, sequence, since_connect }).expect("run");
    let summary = match rx.wait_kind(id, "the end of the sequence", |k| matches!(k, EventKind::SequenceDone { .. })) {
        EventKind::SequenceDone { summary, .. } => summary,
        _ => unreachable!(),
    };
    let steps = rx
        .take(|e| e.endpoint == id && matches!(e.kind, EventKind::SequenceStep { .. }))
        .into_iter()
        .map(|e| match e.kind {
            EventKind::SequenceStep { report, .. } => report.result,
            _ => unreachable!(),
        })
        .collect();
    close(&engine, &mut rx, id);
    close(&engine, &mut rx, server);
    (steps, summary)
}

#[test]
fn a_sequence_that_passes_sees_the_greeting_that_came_before_it() {
    let seq = Sequence {
        name: "hello".into(),
        steps: vec![expect("Welcome!", 5000), text("Ann\\n"), expect("Hello, Ann!", 5000)],
        repeat: Repeat::Once,
        stop_on_failure: true,
    };
    let (steps, summary) = run_against_hello(seq, true);
    let passed = |l: &str| StepResult::Passed { line: l.as_bytes().to_vec(), passed_over: 0 };
    assert_eq!(steps, vec![passed("Welcome!"), StepResult::Sent { len: 4 }, passed("Hello, Ann!")]);
    assert_eq!((summary.passed, summary.failed, summary.stopped, summary.ok()), (2, 0, false, true));
}

#[test]
fn a_sequence_fails_on_a_wrong_answer_in_time_and_without_the_greeting() {
    let t0 = Instant::now();
    let seq = Sequence {
        name: "wrong".into(),
        steps: vec![text("Bob\\n"), expect("Hello, Ann!", 300)],
        repeat: Repeat::Once,
        stop_on_failure: true,
    };
    let (steps, summary) = run_against_hello(seq, false);
    assert_eq!(steps[1], StepResult::Failed(Failure::Timeout { passed_over: 1 }), "Hello, Bob! did not match");
    assert!(t0.elapsed() >= std::time::Duration::from_millis(300));
    assert!(!summary.ok());
    // Without since_connect, the greeting that came before the start is not seen.
    let seq = Sequence { name: "late".into(), steps: vec![expect("Welcome!", 300)], ..Sequence::default() };
    let (steps, _) = run_against_hello(seq, false);
    assert_eq!(steps, vec![StepResult::Failed(Failure::Timeout { passed_over: 0 })]);
}
