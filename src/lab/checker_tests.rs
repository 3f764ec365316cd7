//! The checker on hand-made events: each check passes on what it names and
//! not on its near misses. (tests/labs.rs does the same with real sockets.)

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use super::*;
use crate::lab::Step;
use crate::net::{EventKind, NetError, OptionReport};
use crate::workspace::Workspace;

fn lab(checks: Vec<Check>) -> Arc<Lab> {
    let steps = checks
        .into_iter()
        .enumerate()
        .map(|(i, check)| Step { id: format!("s{i}"), text: "do it".into(), hint: "like this".into(), check })
        .collect();
    let files = BTreeMap::from([("hello.txt".to_string(), b"hello\n".to_vec())]);
    Arc::new(Lab {
        id: "test".into(),
        title: "Test".into(),
        summary: "A test.".into(),
        steps,
        path: PathBuf::from("test.ron"),
        workspace_path: PathBuf::from("ws.ron"),
        workspace: Workspace::default(),
        files,
    })
}

/// Events with times a millisecond apart unless `at` says otherwise.
struct Feed {
    run: LabRun,
    t: SystemTime,
}

impl Feed {
    fn new(checks: Vec<Check>) -> Feed {
        Feed { run: LabRun::new(lab(checks)), t: SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000) }
    }

    fn ev(&mut self, endpoint: EndpointId, kind: EventKind) -> Vec<usize> {
        self.t += Duration::from_millis(1);
        self.run.observe(&Event { time: self.t, endpoint, kind })
    }

    fn wait(&mut self, d: Duration) {
        self.t += d;
    }
}

fn a(s: &str) -> Addr {
    Addr::Inet(s.parse().expect("address"))
}

fn tcp(family_ty: &'static str) -> EventKind {
    EventKind::Socket { conn: None, family: "AF_INET", ty: family_ty }
}

fn listening(addr: &str) -> EventKind {
    EventKind::Listening { local: a(addr), backlog: 128 }
}

fn accepted(conn: ConnId, local: &str, peer: &str) -> EventKind {
    EventKind::Accepted { conn, local: a(local), peer: a(peer) }
}

fn received(conn: ConnId, data: &[u8]) -> EventKind {
    EventKind::Received { conn, from: None, data: data.to_vec().into() }
}

fn closed(conn: Option<ConnId>, abortive: bool) -> EventKind {
    EventKind::Closed { conn, abortive }
}

/// A socklab server (1) on :9000 and a socklab client (2) connected to it.
fn server_and_client(f: &mut Feed) {
    f.ev(1, tcp("SOCK_STREAM"));
    f.ev(1, listening("127.0.0.1:9000"));
    f.ev(2, tcp("SOCK_STREAM"));
    f.ev(2, EventKind::Connected { conn: 0, local: a("127.0.0.1:5000"), peer: a("127.0.0.1:9000") });
    f.ev(1, accepted(1, "127.0.0.1:9000", "127.0.0.1:5000"));
}

#[test]
fn steps_tick_in_order_and_a_state_already_true_ticks_at_once() {
    let mut f = Feed::new(vec![
        Check::DatagramBound,
        Check::Listening,
        Check::Received { by: Role::Client, contains: "hi".into() },
    ]);
    assert_eq!(f.run.states()[0], StepState::Current);
    f.ev(1, tcp("SOCK_STREAM"));
    assert_eq!(f.ev(1, listening("127.0.0.1:9000")), Vec::<usize>::new(), "step 2 waits for step 1");
    f.ev(2, tcp("SOCK_DGRAM"));
    assert_eq!(f.ev(2, EventKind::Bound { local: a("127.0.0.1:9001") }), vec![0, 1], "the server still listens");
    assert!(matches!(f.run.states()[1], StepState::Done { .. }));
    f.ev(3, tcp("SOCK_STREAM"));
    f.ev(3, EventKind::Connected { conn: 0, local: a("127.0.0.1:5000"), peer: a("127.0.0.1:9000") });
    assert!(f.ev(3, received(0, b"xh")).is_empty());
    assert_eq!(f.ev(3, received(0, b"i!")), vec![2], "the text straddles two recv()s");
    assert!(f.run.is_finished());
    assert_eq!(f.run.current(), None);
    assert!(f.ev(3, received(0, b"hi")).is_empty());
}

#[test]
fn an_event_before_its_step_does_not_count() {
    let mut f = Feed::new(vec![Check::Listening, Check::Received { by: Role::Server, contains: "hello".into() }]);
    f.ev(1, tcp("SOCK_STREAM"));
    f.ev(1, EventKind::Bound { local: a("127.0.0.1:9000") });
    f.ev(1, accepted(1, "127.0.0.1:9000", "127.0.0.1:5000"));
    // Not listening yet (a made-up order, but the point stands): "hello" comes too early.
    assert!(f.ev(1, received(1, b"hello")).is_empty());
    assert_eq!(f.ev(1, listening("127.0.0.1:9000")), vec![0]);
    assert!(f.ev(1, received(1, b"help")).is_empty(), "a near miss");
    assert_eq!(f.ev(1, received(1, b"hello")), vec![1]);
}

#[test]
fn connections_at_once_count_open_ones_and_report_progress() {
    let mut f = Feed::new(vec![Check::Connections(2)]);
    f.ev(1, tcp("SOCK_STREAM"));
    f.ev(1, listening("127.0.0.1:9000"));
    f.ev(1, accepted(1, "127.0.0.1:9000", "127.0.0.1:5001"));
    assert_eq!(f.run.progress().map(|p| p.english()).as_deref(), Some("1 of 2"));
    f.ev(1, closed(Some(1), false));
    assert!(f.ev(1, accepted(2, "127.0.0.1:9000", "127.0.0.1:5002")).is_empty(), "one after the other is not at once");
    assert_eq!(f.ev(1, accepted(3, "127.0.0.1:9000", "127.0.0.1:5003")), vec![0]);
}

#[test]
fn a_send_split_or_joined_between_two_socklab_endpoints_is_seen() {
    let mut f = Feed::new(vec![Check::SendsCoalesced, Check::SendSplit]);
    server_and_client(&mut f);
    let sent = |data: &[u8]| EventKind::Sent { conn: 0, to: None, data: data.to_vec() };
    f.ev(2, sent(b"one"));
    assert!(f.ev(1, received(1, b"one")).is_empty(), "one send, one recv");
    // The server's recv() may be reported before the client's send()s: the order must not matter.
    assert!(f.ev(1, received(1, b"twothree")).is_empty(), "no send to compare with yet");
    assert_eq!(f.ev(2, sent(b"two")), vec![0], "the recv goes on past the send's end");
    f.ev(2, sent(b"three"));
    f.ev(2, sent(&[b'x'; 10]));
    assert!(f.ev(1, received(1, &[b'x'; 10])).is_empty());
    f.ev(2, sent(&[b'y'; 10]));
    assert_eq!(f.ev(1, received(1, &[b'y'; 4])), vec![1]);
}

#[test]
fn a_restart_counts_only_after_an_active_close_and_within_the_time() {
    let check = || vec![Check::Restarted { within_secs: 5 }];
    // (who closed first, RST, seconds until the restart, should it tick)
    for (server_first, abortive, secs, want) in
        [(true, false, 3, true), (false, false, 3, false), (true, true, 3, false), (true, false, 9, false)]
    {
        let mut f = Feed::new(check());
        f.ev(1, tcp("SOCK_STREAM"));
        f.ev(1, listening("127.0.0.1:9000"));
        f.ev(1, accepted(1, "127.0.0.1:9000", "127.0.0.1:5000"));
        if !server_first {
            f.ev(1, EventKind::PeerClosed { conn: 1 });
        }
        f.ev(1, closed(Some(1), abortive));
        f.ev(1, closed(None, false));
        f.ev(1, EventKind::Stopped);
        f.wait(Duration::from_secs(secs));
        f.ev(2, tcp("SOCK_STREAM"));
        let ticked = f.ev(2, listening("127.0.0.1:9000"));
        assert_eq!(!ticked.is_empty(), want, "server first {server_first}, RST {abortive}, after {secs} s");
    }
}

#[test]
fn a_failure_must_be_the_call_and_errno_named() {
    let mut f = Feed::new(vec![Check::Failed { call: "bind".into(), errno: "EADDRINUSE".into() }]);
    let error = |call: &str, errno: i32| EventKind::Error {
        conn: None,
        error: NetError::from_io(call, &std::io::Error::from_raw_os_error(errno)),
    };
    assert!(f.ev(1, error("connect(127.0.0.1:9000)", libc::ECONNREFUSED)).is_empty());
    assert!(f.ev(1, error("listen", libc::EADDRINUSE)).is_empty());
    assert_eq!(f.ev(1, error("bind(127.0.0.1:9000)", libc::EADDRINUSE)), vec![0]);
}

#[test]
fn an_option_must_read_back_with_the_value() {
    let mut f = Feed::new(vec![Check::OptionIs { option: SockOpt::NoDelay, value: OptValue::Bool(true) }]);
    let set = |on: bool| EventKind::OptionSet {
        conn: Some(0),
        report: OptionReport {
            opt: SockOpt::NoDelay,
            requested: Some(OptValue::Bool(on)),
            effective: Ok(OptValue::Bool(on)),
        },
    };
    f.ev(2, tcp("SOCK_STREAM"));
    assert!(f.ev(2, set(false)).is_empty());
    assert_eq!(f.ev(2, set(true)), vec![0]);
    assert_eq!(describe(&f.run.lab().steps[0].check).english(), "TCP_NODELAY reads back as on");
}

#[test]
fn peers_of_a_datagram_socket_are_told_apart_by_address() {
    let mut f = Feed::new(vec![Check::DistinctPeers(2)]);
    f.ev(1, tcp("SOCK_DGRAM"));
    let from = |addr: &str| EventKind::Received { conn: 0, from: Some(a(addr)), data: b"ping".to_vec().into() };
    assert!(f.ev(1, from("127.0.0.1:7001")).is_empty());
    assert!(f.ev(1, from("127.0.0.1:7001")).is_empty(), "the same peer twice");
    assert_eq!(f.run.progress().map(|p| p.english()).as_deref(), Some("1 of 2"));
    assert_eq!(f.ev(1, from("127.0.0.1:7002")), vec![0]);
}

#[test]
fn kernel_drops_must_grow() {
    let mut f = Feed::new(vec![Check::KernelDrop]);
    f.ev(1, tcp("SOCK_DGRAM"));
    assert!(
        f.ev(1, EventKind::Loss { engine_dropped: 3, kernel_dropped: Some(0), echo_dropped: 0, settled: false })
            .is_empty()
    );
    assert!(
        f.ev(1, EventKind::Loss { engine_dropped: 3, kernel_dropped: None, echo_dropped: 0, settled: false })
            .is_empty()
    );
    assert_eq!(
        f.ev(1, EventKind::Loss { engine_dropped: 3, kernel_dropped: Some(12), echo_dropped: 0, settled: false }),
        vec![0]
    );
}

#[test]
fn peer_closed_and_active_close_name_the_side() {
    let mut f = Feed::new(vec![Check::PeerClosed { by: Role::Client }, Check::ActiveClose { by: Role::Server }]);
    server_and_client(&mut f);
    assert!(f.ev(1, EventKind::PeerClosed { conn: 1 }).is_empty(), "the server saw FIN, not the client");
    assert_eq!(f.ev(2, EventKind::PeerClosed { conn: 0 }), vec![0]);
    f.ev(1, accepted(2, "127.0.0.1:9000", "127.0.0.1:5002"));
    assert!(f.ev(1, closed(Some(1), false)).is_empty(), "its peer had closed first");
    assert_eq!(f.ev(1, closed(Some(2), false)), vec![1]);
}

#[test]
fn a_json_message_with_the_file_in_base64_ticks_and_others_do_not() {
    let mut f = Feed::new(vec![Check::JsonFile { field: "data".into(), file: "hello.txt".into() }]);
    server_and_client(&mut f);
    assert!(f.ev(1, received(1, br#"{"data": "aGVsbG8h"}"#)).is_empty());
    assert!(f.ev(1, received(1, br#"{"name": "hello.txt", "da"#)).is_empty());
    assert_eq!(f.ev(1, received(1, br#"ta": "aGVsbG8K"}"#)), vec![0]);
}

#[test]
fn skip_and_restart_move_through_the_steps() {
    let mut f = Feed::new(vec![Check::KernelDrop, Check::Listening]);
    assert_eq!(
        f.run.waiting_for().map(|t| t.english()).as_deref(),
        Some("the kernel drops datagrams for a full receive buffer (SO_RXQ_OVFL)")
    );
    f.ev(1, tcp("SOCK_STREAM"));
    f.ev(1, listening("127.0.0.1:9000"));
    let now = f.t;
    assert_eq!(f.run.skip(now), vec![0, 1], "the server listens already");
    assert_eq!(f.run.states(), [StepState::Skipped, StepState::Done { at: now }]);
    assert!(f.run.is_finished());
    assert!(f.run.restart(now).is_empty());
    assert_eq!(f.run.states(), [StepState::Current, StepState::Waiting]);
    f.ev(1, closed(None, false));
    assert_eq!(f.run.skip(now), vec![0], "nothing listens any more");
    assert_eq!(f.run.states()[1], StepState::Current);
}

#[test]
fn waiting_texts_read_well_in_english() {
    let cases = [
        (Check::Received { by: Role::Client, contains: "hello\n".into() }, "the client receives “hello\\n”"),
        (Check::Received { by: Role::Any, contains: String::new() }, "an endpoint receives data"),
        (Check::Connections(3), "one server has 3 connections open at once"),
        (Check::Failed { call: "bind".into(), errno: "EADDRINUSE".into() }, "bind() fails with EADDRINUSE"),
    ];
    for (check, want) in cases {
        assert_eq!(describe(&check).english(), want);
    }
}

#[test]
fn every_check_has_an_english_text_with_its_placeholders_filled() {
    let all = [
        Check::Listening,
        Check::DatagramBound,
        Check::ClientConnected,
        Check::Connections(2),
        Check::Received { by: Role::Server, contains: "x".into() },
        Check::Received { by: Role::Datagram, contains: String::new() },
        Check::DistinctPeers(2),
        Check::PeerClosed { by: Role::Client },
        Check::ActiveClose { by: Role::Any },
        Check::SendSplit,
        Check::SendsCoalesced,
        Check::Failed { call: "bind".into(), errno: "EADDRINUSE".into() },
        Check::OptionIs { option: SockOpt::RcvBuf, value: OptValue::Int(8192) },
        Check::Restarted { within_secs: 5 },
        Check::KernelDrop,
        Check::JsonFile { field: "data".into(), file: "a.txt".into() },
    ];
    let keys: Vec<&str> = crate::lab::text::CHECKER_TEXTS.iter().map(|(k, _)| *k).collect();
    for check in all {
        let text = describe(&check);
        assert!(keys.contains(&text.key), "{check:?}: {} is not in CHECKER_TEXTS", text.key);
        let english = text.english();
        assert!(!english.is_empty() && !english.contains("{ $"), "{check:?}: {english}");
    }
}
