//! Faults that turned a long-running server into a dead one or left a peer
//! waiting: each against real peers, in the engine and in `socklab serve`.

use std::os::unix::process::CommandExt;

use serde_json::Value;

use super::*;
use support::{close_wait_on, open_fds, poll_until};

/// `socklab ARGS…` as a child; with `nofile`, its RLIMIT_NOFILE is set that low first.
fn socklab(args: &[&str], nofile: Option<u64>) -> Proc {
    let mut cmd = Cmd::new(env!("CARGO_BIN_EXE_socklab"));
    cmd.args(args);
    if let Some(n) = nofile {
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit { rlim_cur: n, rlim_max: n };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
    }
    Proc::spawn(&format!("socklab {}", args.join(" ")), &mut cmd, true)
}

/// The port of plain `serve`'s "socklab: listen(127.0.0.1:PORT, …)" line.
fn stderr_listen_port(p: &mut Proc) -> u16 {
    let line = p.stderr_line_with("listen(127.0.0.1:");
    let rest = line.split_once("listen(127.0.0.1:").map(|(_, r)| r).unwrap_or_default();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("no port in {line:?}"))
}

/// The port of `serve --json`'s "listen" line; every line read is kept in `seen`.
fn json_listen_port(p: &mut Proc, seen: &mut Vec<Value>) -> u16 {
    loop {
        let v = p.json_line();
        let local = (v["event"] == "listen").then(|| v["local"].as_str().unwrap_or_default().to_string());
        seen.push(v);
        if let Some(local) = local {
            return local.rsplit_once(':').and_then(|(_, p)| p.parse().ok()).unwrap_or_else(|| panic!("{local}"));
        }
        assert!(seen.len() < 1000, "no listen line in {seen:?}");
    }
}

// ---------------------------------------------------------------------------
// A client that closed is closed here too (netcat's rule), not left in CLOSE_WAIT
// ---------------------------------------------------------------------------

/// Python clients that connect and close, `n` of them, 100 at a time (a
/// line after each hundred, so a busy machine is slow but not a failure).
const COME_AND_GO: &str = r#"
port, n = int(sys.argv[1]), int(sys.argv[2])
for first in range(0, n, 100):
    batch = [socket.create_connection(("127.0.0.1", port)) for _ in range(first, min(n, first + 100))]
    for s in batch:
        s.close()
    out("left", first + len(batch))
"#;

/// Waits for COME_AND_GO's last line.
fn all_came_and_went(py: &mut Proc, n: usize) {
    for left in (100..=n).step_by(100) {
        assert_eq!(py.line(), format!("left {left}"));
    }
}

#[test]
fn two_thousand_clients_that_leave_leave_no_close_wait_in_the_engine() {
    const N: usize = 2000;
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None));
    let port = inet(&local).port();
    let mut py = Proc::python(COME_AND_GO, &[&port.to_string(), &N.to_string()]);
    all_came_and_went(&mut py, N);
    let mut closed = 0;
    poll_until(&format!("no CLOSE_WAIT on port {port}"), || {
        let events = rx.take(|e| e.endpoint == id);
        closed += events.iter().filter(|e| matches!(e.kind, EventKind::Closed { conn: Some(_), .. })).count();
        close_wait_on(port) == 0 && closed == N
    });
    close(&engine, &mut rx, id);
}

#[test]
fn two_thousand_clients_that_leave_leave_no_close_wait_in_socklab_serve() {
    const N: usize = 2000;
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0"], None);
    let port = stderr_listen_port(&mut serve);
    let before = open_fds(serve.pid());
    let mut py = Proc::python(COME_AND_GO, &[&port.to_string(), &N.to_string()]);
    all_came_and_went(&mut py, N);
    poll_until(&format!("no CLOSE_WAIT on port {port} and socklab back to {before} descriptors"), || {
        close_wait_on(port) == 0 && open_fds(serve.pid()) <= before
    });
    assert!(serve.try_status().is_none(), "serve must still run\n{}", serve.context());
}

/// Sends `size` bytes, shuts down writing, then waits (5 s at most) for the
/// server's close: prints "eof" and how long it took, or "no eof".
const SEND_THEN_WAIT_FOR_CLOSE: &str = r#"
port, size = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(bytes(range(256)) * (size // 256))
s.shutdown(socket.SHUT_WR)
t = time.monotonic()
s.settimeout(5)
try:
    d = s.recv(1)
    out("eof" if not d else "data " + d.hex(), "%.3f" % (time.monotonic() - t))
except socket.timeout:
    out("no eof", "%.3f" % (time.monotonic() - t))
"#;

fn assert_prompt_eof(line: &str) {
    let (what, secs) = line.rsplit_once(' ').unwrap_or((line, "?"));
    assert_eq!(what, "eof", "the sender must see the server's close, not wait: {line}");
    let secs: f64 = secs.parse().unwrap_or(f64::MAX);
    assert!(secs < 2.0, "the close came {secs} s after the sender's FIN");
}

#[test]
fn a_sender_that_shuts_down_writing_sees_the_engine_server_close() {
    const SIZE: usize = 1 << 20;
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None));
    let mut py = Proc::python(SEND_THEN_WAIT_FOR_CLOSE, &[&inet(&local).port().to_string(), &SIZE.to_string()]);
    assert_eq!(rx.recv_bytes(id, 1, SIZE), pattern(0, SIZE));
    rx.wait_kind(id, "FIN", |k| matches!(k, EventKind::PeerClosed { conn: 1 }));
    rx.wait_kind(id, "close of #1", |k| matches!(k, EventKind::Closed { conn: Some(1), abortive: false }));
    assert_prompt_eof(&py.line());
    close(&engine, &mut rx, id);
}

#[test]
fn a_sender_that_shuts_down_writing_sees_socklab_serve_close() {
    const SIZE: usize = 1 << 20;
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0"], None);
    let port = stderr_listen_port(&mut serve);
    let mut py = Proc::python(SEND_THEN_WAIT_FOR_CLOSE, &[&port.to_string(), &SIZE.to_string()]);
    assert_prompt_eof(&py.line());
    let ctx = || String::new();
    serve.stdout.wait_until("every byte on stdout", &ctx, |b| b.len() >= SIZE);
    assert!(serve.stdout.buf == pattern(0, SIZE), "stdout must be exactly the bytes sent");
}

#[test]
fn a_client_closes_after_the_servers_fin_when_it_has_nothing_to_send() {
    let mut py = Proc::python(
        r#"
c = accept_one()
c.sendall(b"bye")
c.shutdown(socket.SHUT_WR)
c.settimeout(5)
try:
    out("eof" if not c.recv(1) else "data")
except socket.timeout:
    out("no eof")
"#,
        &[],
    );
    let port: u16 = py.line().parse().expect("a port");
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"))).expect("open");
    assert_eq!(rx.recv_bytes(id, 0, 3), b"bye");
    assert_eq!(py.line(), "eof", "the client must close once the server's FIN came and nothing is left to send");
    let rest = rx.until_stopped(id);
    assert!(
        matches!(
            rest.iter()
                .filter(|k| !matches!(
                    k,
                    EventKind::Socket { .. } | EventKind::Options { .. } | EventKind::Connected { .. }
                ))
                .collect::<Vec<_>>()
                .as_slice(),
            [
                EventKind::PeerClosed { conn: 0 },
                EventKind::Closed { conn: Some(0), abortive: false },
                EventKind::Stopped
            ]
        ),
        "{rest:?}"
    );
}

// ---------------------------------------------------------------------------
// After EMFILE a server accepts again once descriptors are free
// ---------------------------------------------------------------------------

/// Opens `n` clients (more than the server's descriptor limit), closes them
/// all, then a new client sends "ping\n" and, in echo mode, waits for it back.
const CROWD_THEN_ONE: &str = r#"
port, n, echo = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "echo"
crowd = [socket.create_connection(("127.0.0.1", port)) for _ in range(n)]
for s in crowd:
    s.close()
out("crowd left", len(crowd))
wait_go()
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"ping\n")
if echo:
    s.settimeout(5)
    try:
        out("echo", recv_line(s).decode().strip())
    except (socket.timeout, EOFError) as e:
        out("no echo", type(e).__name__)
else:
    out("sent")
wait_go()
"#;

#[test]
fn after_emfile_socklab_serve_accepts_again_once_clients_leave() {
    for mode in ["echo", "none"] {
        let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0", "--reply", mode, "--json"], Some(64));
        let mut seen = Vec::new();
        let port = json_listen_port(&mut serve, &mut seen);
        let mut py = Proc::python(CROWD_THEN_ONE, &[&port.to_string(), "150", mode]);
        assert_eq!(py.line(), "crowd left 150", "{mode}");
        // The crowd has left once socklab has closed every connection it kept.
        poll_until("the crowd's connections to close", || close_wait_on(port) == 0 && serve.try_status().is_none());
        py.send_line("go");
        if mode == "echo" {
            assert_eq!(py.line(), "echo ping", "a new client must be served once descriptors are free");
        } else {
            assert_eq!(py.line(), "sent");
        }
        loop {
            let v = serve.json_line();
            let got_ping = v["event"] == "recv" && v["text"] == "ping\n";
            seen.push(v);
            if got_ping {
                break;
            }
        }
        let errors: Vec<&Value> = seen.iter().filter(|v| v["event"] == "error").collect();
        assert_eq!(errors.len(), 1, "EMFILE once, not once per retry ({mode}): {errors:?}");
        assert_eq!((errors[0]["call"].as_str(), errors[0]["errno"].as_str()), (Some("accept"), Some("EMFILE")));
        let resumed: Vec<&Value> = seen.iter().filter(|v| v["event"] == "accept_resumed").collect();
        assert_eq!(resumed.len(), 1, "one event says accepting works again ({mode})");
        assert!(resumed[0]["refused"].as_u64().is_some_and(|n| n > 0), "{:?}", resumed[0]);
        py.send_line("go");
    }
}

// ---------------------------------------------------------------------------
// An echo that does not fit the send queue is counted, not dropped silently
// ---------------------------------------------------------------------------

#[test]
fn echo_replies_that_do_not_fit_the_send_queue_are_counted() {
    // A Unix datagram peer that does not read makes send() fail with EAGAIN
    // (its queue holds a few datagrams), so the echoes pile up in the
    // engine's send queue (4,096) until it is full; the rest are dropped.
    const N: usize = 6000;
    let dir = tempfile::tempdir().expect("tempdir");
    let ours = dir.path().join("echo.sock").display().to_string();
    let theirs = dir.path().join("python.sock").display().to_string();
    let (engine, mut rx) = engine();
    let spec = EndpointSpec::new(EndpointKind::UnixDatagram, &ours).with_reply(ReplyMode::Echo);
    let (id, _) = open_dgram(&engine, &mut rx, spec);
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[2])
for i in range(int(sys.argv[3])):
    s.sendto(b"%05d" % i, sys.argv[1])
    if i % 1000 == 999:
        out("sent", i + 1)
expect = int(sys.stdin.readline())
seen = set(int(s.recv(100)) for _ in range(expect))
out("echoes", len(seen))
"#,
        &[&ours, &theirs, &N.to_string()],
    );
    for sent in (1000..=N).step_by(1000) {
        assert_eq!(py.line(), format!("sent {sent}"));
    }
    let mut received = 0;
    while received < N {
        let what = format!("datagram {} of {N}", received + 1);
        match rx.wait_kind(id, &what, |k| matches!(k, EventKind::Received { .. } | EventKind::Loss { .. })) {
            EventKind::Received { .. } => received += 1,
            EventKind::Loss { engine_dropped, .. } => assert_eq!(engine_dropped, 0, "the caller kept up"),
            _ => unreachable!(),
        }
    }
    // Every echo was queued or dropped as its datagram came: the next report is final.
    let dropped = match rx.wait_kind(id, "the loss report", |k| matches!(k, EventKind::Loss { .. })) {
        EventKind::Loss { echo_dropped, .. } => echo_dropped as usize,
        _ => unreachable!(),
    };
    assert!(dropped > 0 && dropped < N, "{dropped} of {N} echoes dropped");
    py.send_line(&(N - dropped).to_string());
    assert_eq!(py.line(), format!("echoes {}", N - dropped), "every echo not counted as dropped arrived");
    let rest = close(&engine, &mut rx, id);
    let sent = rx.take(|e| e.endpoint == id && matches!(e.kind, EventKind::Sent { .. })).len()
        + rest.iter().filter(|k| matches!(k, EventKind::Sent { .. })).count();
    assert_eq!(sent, N - dropped, "a Sent event for each echo that went out");
    let last = rest.iter().rev().find_map(|k| match k {
        EventKind::Loss { echo_dropped, .. } => Some(*echo_dropped as usize),
        _ => None,
    });
    assert!(last.is_none_or(|d| d == dropped), "the count changed after the burst: {last:?}");
}
