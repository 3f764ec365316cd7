//! TCP: the reply modes against Python clients, each recv() as its own
//! event, and the engine's client against socat.

use super::*;

// ---------------------------------------------------------------------------
// TCP server reply modes, each with a Python client
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
// Each recv() is its own event
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
        EventKind::Received { conn, from, data } => (conn, from, data.into_vec()),
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
// TCP client against socat
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
