//! The engine against real sockets and real peers: Python's socket module,
//! socat and ncat. Loopback only, port 0 always, every wait has a deadline.

mod support;

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::Command as Cmd;
use std::time::{Duration, SystemTime};

use socklab::net::{
    Addr, Command, EndpointKind, EndpointSpec, EngineError, EventKind, OptValue, OptionReport, ReplyMode, SockOpt,
    Target,
};
use support::{Proc, Rx, closed_port, engine, hex, inet, ipv6_available, open_dgram, open_server};

fn tcp_server(reply: ReplyMode) -> EndpointSpec {
    EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(reply)
}

fn localhost(port: u16) -> SocketAddr {
    SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)
}

/// Claims the next `Accepted` of endpoint `id`: (conn, local, peer).
fn accepted(rx: &mut Rx, id: u64) -> (u64, Addr, Addr) {
    match rx.wait_kind(id, "accept", |k| matches!(k, EventKind::Accepted { .. })) {
        EventKind::Accepted { conn, local, peer } => (conn, local, peer),
        _ => unreachable!(),
    }
}

fn error_of(rx: &mut Rx, id: u64, what: &str) -> (Option<u64>, socklab::net::NetError) {
    match rx.wait_kind(id, what, |k| matches!(k, EventKind::Error { .. })) {
        EventKind::Error { conn, error } => (conn, error),
        _ => unreachable!(),
    }
}

fn close(engine: &socklab::net::Engine, rx: &mut Rx, id: u64) -> Vec<EventKind> {
    engine.send(Command::Close { id, abort: false }).expect("close");
    rx.until_stopped(id)
}

/// Bytes `len` long starting at offset `off` of the repeating 0..=255 pattern.
fn pattern(off: usize, len: usize) -> Vec<u8> {
    (off..off + len).map(|i| i as u8).collect()
}

// ---------------------------------------------------------------------------
// 1. TCP server reply modes, each with a Python client
// ---------------------------------------------------------------------------

#[test]
fn tcp_echo_server_returns_exact_bytes() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::Echo));
    let port = inet(&local).port();
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
out(addr(s.getsockname()))
data = bytes(range(256)) * 4 + b"end\n"
s.sendall(data)
out(recv_n(s, len(data)).hex())
s.close()
"#,
        &[&port.to_string()],
    );
    let py_addr = py.line();
    let data: Vec<u8> = pattern(0, 1024).into_iter().chain(*b"end\n").collect();
    assert_eq!(py.line(), hex(&data), "the echo differs from what was sent");

    let (conn, acc_local, peer) = accepted(&mut rx, id);
    assert_eq!((conn, acc_local, peer.to_string()), (1, local.clone(), py_addr));
    assert_eq!(rx.recv_bytes(id, 1, data.len()), data);
    rx.wait_kind(id, "FIN from python", |k| matches!(k, EventKind::PeerClosed { conn: 1 }));
    rx.wait_kind(id, "close of #1", |k| matches!(k, EventKind::Closed { conn: Some(1), abortive: false }));
    let sent: Vec<u8> = rx
        .take(|e| e.endpoint == id && matches!(e.kind, EventKind::Sent { .. }))
        .into_iter()
        .flat_map(|e| match e.kind {
            EventKind::Sent { conn: 1, to: None, data } => data,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(sent, data, "the Sent events must add up to exactly the echo");
    let rest = close(&engine, &mut rx, id);
    assert!(matches!(rest.as_slice(), [.., EventKind::Closed { conn: None, .. }, EventKind::Stopped]), "{rest:?}");
}

#[test]
fn tcp_echo_of_8_mb_survives_the_read_pause() {
    // Far past the 1 MiB an echoing connection may have queued before its
    // reads pause: the pause must lift again as the client reads.
    const SIZE: usize = 8 << 20;
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::Echo));
    let mut py = Proc::python(
        r#"
import threading
port, size = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port))
data = bytes(range(251)) * (size // 251 + 1)
data = data[:size]
def send():
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
threading.Thread(target=send, daemon=True).start()
got = recv_all(s)
out(len(got), got == data)
"#,
        &[&inet(&local).port().to_string(), &SIZE.to_string()],
    );
    assert_eq!(py.line(), format!("{SIZE} True"), "the echo must be the exact bytes, then EOF");
    let rest = close(&engine, &mut rx, id);
    assert!(
        !rest.iter().any(|k| matches!(k, EventKind::Error { .. })),
        "{:?}",
        rest.iter().map(|k| k.summary()).collect::<Vec<_>>()
    );
}

#[test]
fn tcp_chat_relays_each_line_to_the_other_clients_only() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::Chat));
    let mut py = Proc::python(
        r#"
port = int(sys.argv[1])
a, b, c = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
for s in (a, b, c):
    out(addr(s.getsockname()))
wait_go()
a.sendall(b"hello from a\n")
out(json.dumps(recv_line(b).decode()))
out(json.dumps(recv_line(c).decode()))
b.sendall(b"b he")
b.sendall(b"re\n")
# a's first line must be b's: a never got its own line back
out(json.dumps(recv_line(a).decode()))
out(json.dumps(recv_line(c).decode()))
"#,
        &[&inet(&local).port().to_string()],
    );
    let names: Vec<String> = (0..3).map(|_| py.line()).collect();
    let mut peers = BTreeSet::new();
    for _ in 0..3 {
        peers.insert(accepted(&mut rx, id).2.to_string());
    }
    assert_eq!(peers, names.iter().cloned().collect::<BTreeSet<_>>());
    py.send_line("go");
    let mut line = || serde_json::from_str::<String>(&py.line()).expect("a JSON string");
    let from_a = format!("{}: hello from a\n", names[0]);
    let from_b = format!("{}: b here\n", names[1]);
    assert_eq!(line(), from_a, "b's view");
    assert_eq!(line(), from_a, "c's view");
    assert_eq!(line(), from_b, "a's view: its own line must not come back to it");
    assert_eq!(line(), from_b, "c's view");
    close(&engine, &mut rx, id);
}

#[test]
fn tcp_daytime_sends_one_line_then_closes() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::Daytime));
    let before = SystemTime::now();
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
out(json.dumps(recv_all(s).decode("latin-1")))
"#,
        &[&inet(&local).port().to_string()],
    );
    let got: String = serde_json::from_str(&py.line()).expect("JSON");
    let after = SystemTime::now();
    // recv_all only returns at EOF: the server closed after one line.
    assert!(got.ends_with("\r\n") && got.matches('\n').count() == 1, "{got:?}");
    let fmt = |t: SystemTime| {
        let local: chrono::DateTime<chrono::Local> = t.into();
        format!("{}\r\n", local.format("%a %b %e %H:%M:%S %Y %Z"))
    };
    let mut candidates = Vec::new();
    let mut t = before - Duration::from_secs(1);
    while t <= after + Duration::from_secs(1) {
        candidates.push(fmt(t));
        t += Duration::from_millis(500);
    }
    assert!(candidates.contains(&got), "{got:?} is not the time now (one of {candidates:?})");
    rx.wait_kind(id, "server closes #1", |k| matches!(k, EventKind::Closed { conn: Some(1), abortive: false }));
    close(&engine, &mut rx, id);
}

#[test]
fn tcp_http_answers_one_request_with_exact_content_length() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::Http));
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
data = recv_all(s)
head, sep, body = data.partition(b"\r\n\r\n")
out(json.dumps({"head": head.decode(), "sep": sep.decode(), "body": body.decode("latin-1"), "body_len": len(body)}))
"#,
        &[&inet(&local).port().to_string()],
    );
    let v = py.json_line();
    assert_eq!(v["sep"], "\r\n\r\n", "{v}");
    let head = v["head"].as_str().expect("head");
    let mut lines = head.split("\r\n");
    assert_eq!(lines.next(), Some("HTTP/1.1 200 OK"));
    let lengths: Vec<u64> = lines
        .clone()
        .filter_map(|l| l.strip_prefix("Content-Length: "))
        .map(|n| n.parse().expect("a number"))
        .collect();
    assert_eq!(lengths, vec![v["body_len"].as_u64().expect("len")], "exactly one Content-Length, equal to the body");
    assert!(lines.any(|l| l == "Connection: close"), "{head}");
    let body = v["body"].as_str().expect("body");
    assert!(body.contains("<code>GET /hello HTTP/1.1</code>"), "{body}");
    rx.wait_kind(id, "server closes #1", |k| matches!(k, EventKind::Closed { conn: Some(1), abortive: false }));
    close(&engine, &mut rx, id);
}

// ---------------------------------------------------------------------------
// 2. Each recv() is its own event
// ---------------------------------------------------------------------------

#[test]
fn each_recv_is_its_own_received_event() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None));
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"ab")
wait_go()
s.sendall(b"cd")
wait_go()
s.close()
"#,
        &[&inet(&local).port().to_string()],
    );
    let recv = |rx: &mut Rx| match rx.wait_kind(id, "recv", |k| matches!(k, EventKind::Received { .. })) {
        EventKind::Received { conn, from, data } => (conn, from, data),
        _ => unreachable!(),
    };
    assert_eq!(recv(&mut rx), (1, None, b"ab".to_vec()));
    py.send_line("go");
    assert_eq!(recv(&mut rx), (1, None, b"cd".to_vec()));
    py.send_line("go");
    rx.wait_kind(id, "FIN", |k| matches!(k, EventKind::PeerClosed { conn: 1 }));
    let extra = rx.take(|e| e.endpoint == id && matches!(e.kind, EventKind::Received { .. }));
    assert!(extra.is_empty(), "no other recv events: {extra:?}");
    close(&engine, &mut rx, id);
}

// ---------------------------------------------------------------------------
// 3. TCP client against socat
// ---------------------------------------------------------------------------

/// The port in a socat log line ending "AF=2 127.0.0.1:PORT" (after `marker`).
fn socat_port(line: &str, marker: &str) -> u16 {
    let rest = &line[line.find(marker).unwrap_or_else(|| panic!("{marker:?} not in {line:?}")) + marker.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("no port after {marker:?} in {line:?}"))
}

#[test]
fn tcp_client_against_socat_echo_server() {
    let mut socat =
        Proc::spawn("socat", Cmd::new("socat").args(["-d", "-d", "TCP-LISTEN:0,bind=127.0.0.1", "PIPE"]), false);
    let port = socat_port(&socat.stderr_line_with("listening on"), "listening on AF=2 127.0.0.1:");
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"))).expect("open");
    let sock = rx.wait_kind(id, "socket()", |k| matches!(k, EventKind::Socket { .. }));
    assert!(matches!(sock, EventKind::Socket { conn: Some(0), family: "AF_INET", ty: "SOCK_STREAM" }), "{sock:?}");
    let (local, peer) = match rx.wait_kind(id, "connect", |k| matches!(k, EventKind::Connected { .. })) {
        EventKind::Connected { conn: 0, local, peer } => (inet(&local), inet(&peer)),
        other => panic!("{other:?}"),
    };
    assert_eq!(peer, localhost(port), "getpeername");
    assert_eq!(local.ip(), IpAddr::V4(Ipv4Addr::LOCALHOST), "getsockname");
    // socat saw the connection come from exactly our local address.
    let from =
        socat_port(&socat.stderr_line_with("accepting connection from"), "accepting connection from AF=2 127.0.0.1:");
    assert_eq!(from, local.port(), "getsockname's port is the one socat saw");

    let data: Vec<u8> = b"ping\n".iter().copied().chain(pattern(0, 256)).collect();
    engine.send(Command::Send { id, target: Target::Peer, data: data.clone() }).expect("send");
    assert_eq!(rx.recv_bytes(id, 0, data.len()), data);
    engine.send(Command::ShutdownWrite { id, conn: None }).expect("shutdown");
    let rest = rx.until_stopped(id);
    let order: Vec<&str> = rest
        .iter()
        .filter(|k| {
            matches!(
                k,
                EventKind::Shutdown { .. }
                    | EventKind::PeerClosed { .. }
                    | EventKind::Closed { .. }
                    | EventKind::Stopped
            )
        })
        .map(|k| k.label())
        .collect();
    assert_eq!(order, ["shutdown", "recv = 0 (FIN)", "close", "stopped"], "{rest:?}");
    assert!(!rest.iter().any(|k| matches!(k, EventKind::Error { .. })), "{rest:?}");
    assert_eq!(socat.wait_exit().code(), Some(0), "{}", socat.context());
}

// ---------------------------------------------------------------------------
// 4. Options, read back from the kernel
// ---------------------------------------------------------------------------

fn option_set(rx: &mut Rx, id: u64, opt: SockOpt) -> (Option<u64>, OptionReport) {
    match rx.wait_kind(id, opt.c_name(), |k| matches!(k, EventKind::OptionSet { report, .. } if report.opt == opt)) {
        EventKind::OptionSet { conn, report } => (conn, report),
        _ => unreachable!(),
    }
}

#[test]
fn options_are_read_back_and_refused_when_they_cannot_apply() {
    let (engine, mut rx) = engine();
    let spec = tcp_server(ReplyMode::None).with_option(SockOpt::RcvBuf, OptValue::Int(65536));
    let (id, local) = open_server(&engine, &mut rx, spec);
    let (conn, report) = option_set(&mut rx, id, SockOpt::RcvBuf);
    assert_eq!(conn, None);
    // Linux doubles SO_RCVBUF for its bookkeeping.
    assert_eq!(
        report,
        OptionReport {
            opt: SockOpt::RcvBuf,
            requested: Some(OptValue::Int(65536)),
            effective: Ok(OptValue::Int(131072))
        }
    );
    let reports = match rx.wait_kind(id, "snapshot", |k| matches!(k, EventKind::Options { conn: None, .. })) {
        EventKind::Options { reports, .. } => reports,
        _ => unreachable!(),
    };
    let rcvbuf = reports.iter().find(|r| r.opt == SockOpt::RcvBuf).expect("SO_RCVBUF in the snapshot");
    assert_eq!(rcvbuf.effective, Ok(OptValue::Int(131072)));
    let ty = reports.iter().find(|r| r.opt == SockOpt::SoType).expect("SO_TYPE");
    assert_eq!(ty.effective, Ok(OptValue::Text("SOCK_STREAM".into())));

    // SO_REUSEADDR after bind: refused, and nothing is set.
    engine.send(Command::SetOption { id, conn: None, opt: SockOpt::ReuseAddr, value: OptValue::Bool(true) }).unwrap();
    let (conn, err) = error_of(&mut rx, id, "the refusal");
    assert_eq!((conn, err.call.as_str(), err.errno.as_deref()), (None, "setsockopt(SO_REUSEADDR, on)", None));
    assert!(err.message.contains("before bind"), "{err}");

    // TCP_NODELAY on a client: set before connect, read back on.
    let client = EndpointSpec::new(EndpointKind::TcpClient, local.to_string())
        .with_option(SockOpt::NoDelay, OptValue::Bool(true));
    let cid = engine.open(client).expect("open");
    let (_, report) = option_set(&mut rx, cid, SockOpt::NoDelay);
    assert_eq!(
        report,
        OptionReport {
            opt: SockOpt::NoDelay,
            requested: Some(OptValue::Bool(true)),
            effective: Ok(OptValue::Bool(true))
        }
    );
    rx.wait_kind(cid, "connect", |k| matches!(k, EventKind::Connected { .. }));
    // And it can be turned off again on the live connection.
    engine
        .send(Command::SetOption { id: cid, conn: None, opt: SockOpt::NoDelay, value: OptValue::Bool(false) })
        .unwrap();
    let (_, report) = option_set(&mut rx, cid, SockOpt::NoDelay);
    assert_eq!(report.effective, Ok(OptValue::Bool(false)));
    // The server's accepted socket inherited the listener's receive buffer.
    let (conn, _, _) = accepted(&mut rx, id);
    engine.send(Command::ReadOptions { id, conn: Some(conn) }).unwrap();
    let reports = match rx.wait_kind(id, "conn options", |k| matches!(k, EventKind::Options { conn: Some(1), .. })) {
        EventKind::Options { reports, .. } => reports,
        _ => unreachable!(),
    };
    let rcvbuf = reports.iter().find(|r| r.opt == SockOpt::RcvBuf).expect("SO_RCVBUF");
    assert_eq!(rcvbuf.effective, Ok(OptValue::Int(131072)));

    // TCP_NODELAY on UDP: refused as not applicable, the socket still opens.
    let udp = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_option(SockOpt::NoDelay, OptValue::Bool(true));
    let uid = engine.open(udp).expect("open");
    let (_, err) = error_of(&mut rx, uid, "nodelay refused");
    assert_eq!(err.call, "setsockopt(TCP_NODELAY, on)");
    assert!(err.message.contains("does not apply"), "{err}");
    rx.wait_kind(uid, "bind", |k| matches!(k, EventKind::Bound { .. }));
    engine
        .send(Command::SetOption { id: uid, conn: None, opt: SockOpt::NoDelay, value: OptValue::Bool(true) })
        .unwrap();
    let (_, err) = error_of(&mut rx, uid, "nodelay refused again");
    assert!(err.message.contains("does not apply"), "{err}");
    let stray = rx.take(|e| {
        matches!(&e.kind, EventKind::OptionSet { report, .. }
            if e.endpoint == uid || report.opt == SockOpt::ReuseAddr)
    });
    assert!(stray.is_empty(), "refused options must not be reported as set: {stray:?}");

    close(&engine, &mut rx, cid);
    close(&engine, &mut rx, uid);
    close(&engine, &mut rx, id);
}

// ---------------------------------------------------------------------------
// 5. Half-close
// ---------------------------------------------------------------------------

#[test]
fn half_close_lets_the_peer_answer_after_eof() {
    let mut py = Proc::python(
        r#"
l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen(1)
out(l.getsockname()[1])
c, _ = l.accept()
got = recv_all(c)
out("eof after " + got.hex())
c.sendall(b"after eof: " + got)
c.close()
"#,
        &[],
    );
    let port: u16 = py.line().parse().expect("a port");
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"))).expect("open");
    rx.wait_kind(id, "connect", |k| matches!(k, EventKind::Connected { .. }));
    engine.send(Command::Send { id, target: Target::Peer, data: b"hello".to_vec() }).unwrap();
    engine.send(Command::ShutdownWrite { id, conn: None }).unwrap();
    rx.wait_kind(id, "shutdown", |k| matches!(k, EventKind::Shutdown { conn: 0 }));
    assert_eq!(py.line(), format!("eof after {}", hex(b"hello")), "python saw EOF after exactly our bytes");
    assert_eq!(rx.recv_bytes(id, 0, 16), b"after eof: hello");
    let all = rx.until_stopped(id);
    let sent: Vec<&[u8]> = all
        .iter()
        .filter_map(|k| if let EventKind::Sent { data, .. } = k { Some(data.as_slice()) } else { None })
        .collect();
    assert_eq!(sent, [b"hello"], "one send() of exactly our bytes");
    let rest: Vec<&EventKind> = all
        .iter()
        .filter(|k| !matches!(k, EventKind::Socket { .. } | EventKind::Options { .. } | EventKind::Sent { .. }))
        .collect();
    assert!(
        matches!(
            rest.as_slice(),
            [
                EventKind::PeerClosed { conn: 0 },
                EventKind::Closed { conn: Some(0), abortive: false },
                EventKind::Stopped
            ]
        ),
        "after the reply: FIN, close, stopped and nothing else: {rest:?}"
    );
}

#[test]
fn send_file_streams_exact_bytes_to_a_python_server() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("payload.bin");
    let data: Vec<u8> = (0..300_001u32).map(|i| (i % 253) as u8).collect();
    std::fs::write(&file, &data).unwrap();
    let mut py = Proc::python(
        r#"
l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen(1)
out(l.getsockname()[1])
c, _ = l.accept()
got = recv_all(c)
out(len(got), got == open(sys.argv[1], "rb").read())
"#,
        &[&file.display().to_string()],
    );
    let port: u16 = py.line().parse().unwrap();
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"))).unwrap();
    rx.wait_kind(id, "connect", |k| matches!(k, EventKind::Connected { .. }));
    engine.send(Command::SendFile { id, target: Target::Peer, path: file.clone() }).unwrap();
    engine.send(Command::ShutdownWrite { id, conn: None }).unwrap();
    assert_eq!(py.line(), "300001 True");
    let all = rx.until_stopped(id);
    let sent: usize = all.iter().map(|k| if let EventKind::Sent { data, .. } = k { data.len() } else { 0 }).sum();
    assert_eq!(sent, data.len(), "Sent events add up to the file");
    let last_progress = all.iter().rev().find_map(|k| match k {
        EventKind::FileProgress { sent, total, .. } => Some((*sent, *total)),
        _ => None,
    });
    assert_eq!(last_progress, Some((300_001, 300_001)));
    assert!(!all.iter().any(|k| matches!(k, EventKind::Error { .. })), "{all:?}");
}

#[test]
fn graceful_disconnect_of_one_connection_keeps_the_server_listening() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None));
    let mut py = Proc::python(
        r#"
port = int(sys.argv[1])
a = socket.create_connection(("127.0.0.1", port))
out("a connected")
for _ in range(2):
    d = a.recv(100)
    out("a got " + ("EOF" if not d else d.hex()))
b = socket.create_connection(("127.0.0.1", port))
b.sendall(b"b is here")
out("b sent")
wait_go()
"#,
        &[&inet(&local).port().to_string()],
    );
    assert_eq!(py.line(), "a connected");
    let (a, _, _) = accepted(&mut rx, id);
    engine.send(Command::Send { id, target: Target::Conn(a), data: b"bye".to_vec() }).unwrap();
    engine.send(Command::Disconnect { id, conn: a, abort: false }).unwrap();
    assert_eq!(py.line(), format!("a got {}", hex(b"bye")));
    assert_eq!(py.line(), "a got EOF", "queued bytes first, then FIN");
    rx.wait_kind(
        id,
        "close of a",
        move |k| matches!(k, EventKind::Closed { conn: Some(c), abortive: false } if *c == a),
    );
    assert_eq!(py.line(), "b sent");
    let (b, _, _) = accepted(&mut rx, id);
    assert_eq!(b, a + 1, "connections are numbered in order");
    assert_eq!(rx.recv_bytes(id, b, 9), b"b is here");
    // Sending to the closed connection is refused by name.
    engine.send(Command::Send { id, target: Target::Conn(a), data: b"x".to_vec() }).unwrap();
    let (_, err) = error_of(&mut rx, id, "send to a closed connection");
    assert_eq!(err.message, format!("connection #{a} is closed"));
    py.send_line("go");
    close(&engine, &mut rx, id);
}

// ---------------------------------------------------------------------------
// 6. RST both ways
// ---------------------------------------------------------------------------

#[test]
fn abortive_close_resets_the_python_peer() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None));
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
out("connected")
try:
    d = s.recv(100)
    out("EOF" if not d else "DATA " + d.hex())
except OSError as e:
    out(type(e).__name__ + " " + errno.errorcode[e.errno])
"#,
        &[&inet(&local).port().to_string()],
    );
    assert_eq!(py.line(), "connected");
    let (conn, _, _) = accepted(&mut rx, id);
    engine.send(Command::Close { id, abort: true }).unwrap();
    rx.wait_kind(
        id,
        "RST close",
        move |k| matches!(k, EventKind::Closed { conn: Some(c), abortive: true } if *c == conn),
    );
    assert_eq!(py.line(), "ConnectionResetError ECONNRESET");
    rx.until_stopped(id);
}

#[test]
fn peer_reset_is_reported_as_econnreset() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None));
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
wait_go()
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
s.close()
out("reset")
"#,
        &[&inet(&local).port().to_string()],
    );
    let (conn, _, _) = accepted(&mut rx, id);
    py.send_line("go");
    assert_eq!(py.line(), "reset");
    let (econn, err) = error_of(&mut rx, id, "ECONNRESET");
    assert_eq!((econn, err.call.as_str(), err.errno.as_deref()), (Some(conn), "recv", Some("ECONNRESET")));
    assert!(err.hint.contains("RST"), "{err}");
    rx.wait_kind(id, "close", move |k| matches!(k, EventKind::Closed { conn: Some(c), .. } if *c == conn));
    assert!(rx.take(|e| e.endpoint == id && matches!(e.kind, EventKind::PeerClosed { .. })).is_empty());
    close(&engine, &mut rx, id);
}

// ---------------------------------------------------------------------------
// 7. Errors a student meets
// ---------------------------------------------------------------------------

#[test]
fn bind_to_a_port_in_use_is_eaddrinuse_with_a_hint() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpServer, format!("127.0.0.1:{port}"))).unwrap();
    let (conn, err) = error_of(&mut rx, id, "EADDRINUSE");
    assert_eq!(conn, None);
    assert_eq!(err.call, format!("bind(127.0.0.1:{port})"));
    assert_eq!(err.errno.as_deref(), Some("EADDRINUSE"));
    assert!(err.hint.contains("SO_REUSEADDR"), "{err}");
    let text = err.to_string();
    assert!(text.starts_with(&format!("bind(127.0.0.1:{port}) failed: EADDRINUSE")), "{text}");
    let rest = rx.until_stopped(id);
    assert!(!rest.iter().any(|k| matches!(k, EventKind::Listening { .. } | EventKind::Bound { .. })), "{rest:?}");
}

#[test]
fn connect_to_a_closed_port_is_econnrefused() {
    let port = closed_port();
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"))).unwrap();
    let (conn, err) = error_of(&mut rx, id, "ECONNREFUSED");
    assert_eq!(conn, Some(0));
    assert_eq!(err.call, format!("connect(127.0.0.1:{port})"));
    assert_eq!(err.errno.as_deref(), Some("ECONNREFUSED"));
    assert!(err.hint.contains("Nothing is listening"), "{err}");
    let rest = rx.until_stopped(id);
    assert!(!rest.iter().any(|k| matches!(k, EventKind::Connected { .. })), "{rest:?}");
}

#[test]
fn port_out_of_range_is_refused_before_any_socket() {
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:99999")).unwrap();
    let rest = rx.until_stopped(id);
    match rest.as_slice() {
        [EventKind::Error { conn: None, error }, EventKind::Stopped] => {
            assert!(error.message.contains("out of range"), "{error}");
            assert_eq!(error.errno, None);
        }
        other => panic!("expected exactly an error then stopped, got {other:?}"),
    }
}

#[test]
fn unknown_host_is_a_getaddrinfo_error() {
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpClient, "no-such-host.invalid:80")).unwrap();
    let rest = rx.until_stopped(id);
    match rest.as_slice() {
        [EventKind::Error { conn: None, error }, EventKind::Stopped] => {
            assert_eq!(error.call, "getaddrinfo(no-such-host.invalid)");
            assert!(error.hint.contains("could not be resolved"), "{error}");
        }
        other => panic!("expected exactly an error then stopped, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// 8. UDP
// ---------------------------------------------------------------------------

#[test]
fn udp_echo_replies_from_the_bound_port() {
    let (engine, mut rx) = engine();
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_reply(ReplyMode::Echo);
    let (id, local) = open_dgram(&engine, &mut rx, spec);
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
out(addr(s.getsockname()))
s.sendto(b"\x00datagram\xff", ("127.0.0.1", int(sys.argv[1])))
d, src = s.recvfrom(65536)
out(d.hex(), addr(src))
"#,
        &[&inet(&local).port().to_string()],
    );
    let py_addr = py.line();
    assert_eq!(py.line(), format!("{} {}", hex(b"\x00datagram\xff"), local));
    match rx.wait_kind(id, "recvfrom", |k| matches!(k, EventKind::Received { .. })) {
        EventKind::Received { conn: 0, from: Some(from), data } => {
            assert_eq!((from.to_string(), data), (py_addr.clone(), b"\x00datagram\xff".to_vec()));
        }
        other => panic!("{other:?}"),
    }
    match rx.wait_kind(id, "sendto", |k| matches!(k, EventKind::Sent { .. })) {
        EventKind::Sent { to: Some(to), data, .. } => {
            assert_eq!((to.to_string(), data), (py_addr, b"\x00datagram\xff".to_vec()))
        }
        other => panic!("{other:?}"),
    }
    close(&engine, &mut rx, id);
}

const UDP_PEER: &str = r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
out(s.getsockname()[1])
for _ in range(int(sys.argv[1])):
    d, src = s.recvfrom(65536)
    out(d.hex(), addr(src))
"#;

#[test]
fn udp_sends_to_an_address_and_to_a_connected_peer() {
    let mut py = Proc::python(UDP_PEER, &["2"]);
    let py_port: u16 = py.line().parse().unwrap();
    let (engine, mut rx) = engine();

    // Unconnected: sendto an address.
    let (id, local) = open_dgram(&engine, &mut rx, EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0"));
    let to = format!("127.0.0.1:{py_port}");
    engine.send(Command::Send { id, target: Target::To(to.clone()), data: b"to an address".to_vec() }).unwrap();
    assert_eq!(py.line(), format!("{} {local}", hex(b"to an address")));
    match rx.wait_kind(id, "sendto", |k| matches!(k, EventKind::Sent { .. })) {
        EventKind::Sent { to: Some(a), data, .. } => {
            assert_eq!((a.to_string(), data), (to.clone(), b"to an address".to_vec()))
        }
        other => panic!("{other:?}"),
    }
    // Target::Peer without a default peer is refused.
    engine.send(Command::Send { id, target: Target::Peer, data: b"x".to_vec() }).unwrap();
    let (_, err) = error_of(&mut rx, id, "no peer");
    assert!(err.message.contains("not connected"), "{err}");
    close(&engine, &mut rx, id);

    // Connected (spec.peer): send() to Peer.
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_peer(to.clone());
    let (cid, clocal) = open_dgram(&engine, &mut rx, spec);
    match rx.wait_kind(cid, "connect", |k| matches!(k, EventKind::Connected { .. })) {
        EventKind::Connected { conn: 0, local, peer } => assert_eq!((local, peer.to_string()), (clocal.clone(), to)),
        other => panic!("{other:?}"),
    }
    engine.send(Command::Send { id: cid, target: Target::Peer, data: b"to the peer".to_vec() }).unwrap();
    assert_eq!(py.line(), format!("{} {clocal}", hex(b"to the peer")));
    match rx.wait_kind(cid, "send", |k| matches!(k, EventKind::Sent { .. })) {
        EventKind::Sent { to: None, data, .. } => assert_eq!(data, b"to the peer"),
        other => panic!("{other:?}"),
    }
    assert_eq!(py.wait_exit().code(), Some(0));
    close(&engine, &mut rx, cid);
}

#[test]
fn udp_burst_of_2000_datagrams_all_arrive_as_events() {
    const N: usize = 2000;
    let (engine, mut rx) = engine();
    // A big receive buffer, so the kernel never has to drop (Linux doubles it, up to rmem_max).
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_option(SockOpt::RcvBuf, OptValue::Int(4 << 20));
    let (id, local) = open_dgram(&engine, &mut rx, spec);
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
port, n = int(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    s.sendto(b"%05d" % i, ("127.0.0.1", port))
out("sent", n)
"#,
        &[&inet(&local).port().to_string(), &N.to_string()],
    );
    let mut seen = BTreeSet::new();
    let mut count = 0;
    while count < N {
        match rx.wait_kind(id, &format!("datagram {} of {N}", count + 1), |k| {
            matches!(k, EventKind::Received { .. } | EventKind::Loss { .. })
        }) {
            EventKind::Received { data, .. } => {
                count += 1;
                let i: usize = String::from_utf8(data).unwrap().parse().unwrap();
                assert!(seen.insert(i), "datagram {i} arrived twice");
            }
            loss => panic!("datagrams were lost: {loss:?}"),
        }
    }
    assert_eq!(seen, (0..N).collect::<BTreeSet<_>>());
    assert_eq!(py.line(), format!("sent {N}"));
    let rest = close(&engine, &mut rx, id);
    assert!(!rest.iter().any(|k| matches!(k, EventKind::Received { .. } | EventKind::Loss { .. })), "{rest:?}");
}

// ---------------------------------------------------------------------------
// 9. IPv6
// ---------------------------------------------------------------------------

#[test]
fn ipv6_loopback_tcp_and_udp_echo() {
    if !ipv6_available() {
        eprintln!("note: skipping the IPv6 test: this machine cannot bind [::1]:0");
        return;
    }
    let (engine, mut rx) = engine();
    let (tid, tlocal) = open_server(
        &engine,
        &mut rx,
        EndpointSpec::new(EndpointKind::TcpServer, "[::1]:0").with_reply(ReplyMode::Echo),
    );
    let (uid, ulocal) =
        open_dgram(&engine, &mut rx, EndpointSpec::new(EndpointKind::Udp, "[::1]:0").with_reply(ReplyMode::Echo));
    assert!(inet(&tlocal).is_ipv6() && inet(&ulocal).is_ipv6());
    let mut py = Proc::python(
        r#"
t = socket.create_connection(("::1", int(sys.argv[1])))
out(addr(t.getsockname()[:2]))
t.sendall(b"over tcp6")
out(recv_n(t, 9).decode())
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
u.bind(("::1", 0))
out(addr(u.getsockname()[:2]))
u.sendto(b"over udp6", ("::1", int(sys.argv[2])))
d, src = u.recvfrom(100)
out(d.decode(), addr(src[:2]))
"#,
        &[&inet(&tlocal).port().to_string(), &inet(&ulocal).port().to_string()],
    );
    let tcp_peer = py.line();
    assert_eq!(py.line(), "over tcp6");
    let (_, _, peer) = accepted(&mut rx, tid);
    assert_eq!(peer.to_string(), tcp_peer);
    assert!(tcp_peer.starts_with("[::1]:"), "{tcp_peer}");
    let udp_peer = py.line();
    assert_eq!(py.line(), format!("over udp6 {ulocal}"));
    match rx.wait_kind(uid, "recvfrom", |k| matches!(k, EventKind::Received { .. })) {
        EventKind::Received { from: Some(from), data, .. } => {
            assert_eq!((from.to_string(), data), (udp_peer, b"over udp6".to_vec()))
        }
        other => panic!("{other:?}"),
    }
    close(&engine, &mut rx, tid);
    close(&engine, &mut rx, uid);
}

// ---------------------------------------------------------------------------
// 10. Unix sockets
// ---------------------------------------------------------------------------

#[test]
fn unix_stream_server_and_client_then_the_file_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("echo.sock");
    let path_s = path.display().to_string();
    let (engine, mut rx) = engine();
    let (sid, local) =
        open_server(&engine, &mut rx, EndpointSpec::new(EndpointKind::UnixServer, &path_s).with_reply(ReplyMode::Echo));
    assert_eq!(local, Addr::Unix(path_s.clone()));
    assert!(path.exists());

    // A Python client first: a peer nobody here wrote.
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.sendall(b"unix\x00bytes")
out(recv_n(s, 10).hex())
"#,
        &[&path_s],
    );
    assert_eq!(py.line(), hex(b"unix\x00bytes"));
    let (_, acc_local, peer) = accepted(&mut rx, sid);
    assert_eq!((acc_local, peer), (Addr::Unix(path_s.clone()), Addr::Unnamed));

    // Then the engine's own Unix client.
    let cid = engine.open(EndpointSpec::new(EndpointKind::UnixClient, &path_s)).unwrap();
    match rx.wait_kind(cid, "connect", |k| matches!(k, EventKind::Connected { .. })) {
        EventKind::Connected { conn: 0, local, peer } => {
            assert_eq!((local, peer), (Addr::Unnamed, Addr::Unix(path_s.clone())))
        }
        other => panic!("{other:?}"),
    }
    engine.send(Command::Send { id: cid, target: Target::Peer, data: b"from the engine".to_vec() }).unwrap();
    assert_eq!(rx.recv_bytes(cid, 0, 15), b"from the engine");
    close(&engine, &mut rx, cid);
    close(&engine, &mut rx, sid);
    assert!(!path.exists(), "the socket file must be removed when the server closes");

    // A stale file at the path: bind() says EADDRINUSE, with a hint about the file.
    std::fs::write(&path, b"stale").unwrap();
    let again = engine.open(EndpointSpec::new(EndpointKind::UnixServer, &path_s)).unwrap();
    let (_, err) = error_of(&mut rx, again, "EADDRINUSE");
    assert_eq!((err.call.clone(), err.errno.as_deref()), (format!("bind({path_s})"), Some("EADDRINUSE")));
    assert!(err.hint.contains("A file already exists at this path"), "{err}");
    rx.until_stopped(again);
    assert_eq!(std::fs::read(&path).unwrap(), b"stale", "a failed server must not delete someone else's file");
    std::fs::remove_file(&path).unwrap();

    // Nothing at the path any more: ENOENT.
    let cid = engine.open(EndpointSpec::new(EndpointKind::UnixClient, &path_s)).unwrap();
    let (_, err) = error_of(&mut rx, cid, "ENOENT");
    assert_eq!((err.call, err.errno.as_deref()), (format!("connect({path_s})"), Some("ENOENT")));
    rx.until_stopped(cid);
}

#[test]
fn unix_datagram_both_ways_then_the_file_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("engine.sock").display().to_string();
    let theirs = dir.path().join("python.sock").display().to_string();
    let (engine, mut rx) = engine();
    let (id, local) = open_dgram(&engine, &mut rx, EndpointSpec::new(EndpointKind::UnixDatagram, &ours));
    assert_eq!(local, Addr::Unix(ours.clone()));
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[2])
s.sendto(b"dgram\x01", sys.argv[1])
d, src = s.recvfrom(100)
out(d.hex(), src)
"#,
        &[&ours, &theirs],
    );
    match rx.wait_kind(id, "recvfrom", |k| matches!(k, EventKind::Received { .. })) {
        EventKind::Received { conn: 0, from, data } => {
            assert_eq!((from, data), (Some(Addr::Unix(theirs.clone())), b"dgram\x01".to_vec()))
        }
        other => panic!("{other:?}"),
    }
    engine.send(Command::Send { id, target: Target::To(theirs.clone()), data: b"back".to_vec() }).unwrap();
    assert_eq!(py.line(), format!("{} {ours}", hex(b"back")));
    close(&engine, &mut rx, id);
    assert!(!std::path::Path::new(&ours).exists(), "the socket file must be removed after close");
}

// ---------------------------------------------------------------------------
// 11. Backpressure
// ---------------------------------------------------------------------------

#[test]
fn undrained_events_stall_the_sender_then_everything_arrives() {
    // More than the engine may hold undelivered (its in-flight budget) plus
    // the kernel's buffers, which the small SO_RCVBUF/SO_SNDBUF keep small.
    const SIZE: usize = 96 << 20;
    let (engine, mut rx) = engine();
    let spec = tcp_server(ReplyMode::None).with_option(SockOpt::RcvBuf, OptValue::Int(65536));
    let (id, local) = open_server(&engine, &mut rx, spec);
    let mut py = Proc::python(
        r#"
port, size = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
s.connect(("127.0.0.1", port))
view = memoryview(bytes(range(256)) * (size // 256))
off = 0
stalled = False
s.settimeout(1.0)
while off < size:
    try:
        off += s.send(view[off:off + (1 << 20)])
    except socket.timeout:
        if stalled:
            raise
        # A whole second without the socket taking one byte.
        stalled = True
        out("stalled", off)
        s.settimeout(10)
out("sent", off)
s.close()
"#,
        &[&inet(&local).port().to_string(), &SIZE.to_string()],
    );
    // Not draining: the sender must stall, well short of the end.
    let line = py.line();
    let stalled_at: usize =
        line.strip_prefix("stalled ").unwrap_or_else(|| panic!("the sender never stalled: {line:?}")).parse().unwrap();
    assert!(stalled_at < SIZE, "{stalled_at}");
    assert!(py.try_status().is_none(), "the sender must still be blocked");
    assert!(rx.events.len() > 100, "the undrained events are waiting in the channel: {}", rx.events.len());

    // Draining lets it all arrive, in order, byte for byte.
    let periodic = pattern(0, (1 << 20) + 256);
    let mut total = 0usize;
    let end = support::deadline();
    loop {
        let ev = rx.events.recv_deadline(end).unwrap_or_else(|| panic!("timed out at {total} of {SIZE} bytes"));
        assert_eq!(ev.endpoint, id);
        match ev.kind {
            EventKind::Received { data, .. } => {
                let start = total % 256;
                assert!(data == periodic[start..start + data.len()], "wrong bytes at offset {total}");
                total += data.len();
            }
            EventKind::PeerClosed { .. } => break,
            other @ (EventKind::Error { .. } | EventKind::Closed { .. } | EventKind::Stopped) => {
                panic!("unexpected {other:?} at {total} of {SIZE} bytes")
            }
            _ => {}
        }
    }
    assert_eq!(total, SIZE);
    assert_eq!(py.line(), format!("sent {SIZE}"));
    assert_eq!(py.wait_exit().code(), Some(0));
    close(&engine, &mut rx, id);
}

// ---------------------------------------------------------------------------
// 12. A failing endpoint ends cleanly; the engine goes on
// ---------------------------------------------------------------------------

#[test]
fn a_failed_endpoint_stops_cleanly_and_the_engine_keeps_working() {
    let (engine, mut rx) = engine();
    // 203.0.113.7 (TEST-NET-3) is on no interface of this machine.
    let bad = engine.open(EndpointSpec::new(EndpointKind::TcpServer, "203.0.113.7:0")).unwrap();
    let rest = rx.until_stopped(bad);
    match rest.as_slice() {
        [EventKind::Socket { .. }, EventKind::Error { conn: None, error }, EventKind::Stopped] => {
            assert_eq!(error.call, "bind(203.0.113.7:0)");
            assert_eq!(error.errno.as_deref(), Some("EADDRNOTAVAIL"));
        }
        other => panic!("expected socket, error, stopped; got {other:?}"),
    }
    assert_eq!(
        engine.send(Command::Close { id: 424242, abort: false }),
        Err(EngineError::UnknownEndpoint(424242)),
        "an id that was never opened"
    );

    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::Echo));
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"still working")
out(recv_n(s, 13).decode())
"#,
        &[&inet(&local).port().to_string()],
    );
    assert_eq!(py.line(), "still working");
    close(&engine, &mut rx, id);
}
