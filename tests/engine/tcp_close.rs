//! Ending TCP connections: half-close, a file then FIN, a graceful
//! disconnect of one connection, and RST both ways.

use super::*;

// ---------------------------------------------------------------------------
// Half-close
// ---------------------------------------------------------------------------

#[test]
fn half_close_lets_the_peer_answer_after_eof() {
    let mut py = Proc::python(
        r#"
c = accept_one()
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
c = accept_one()
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
// RST both ways
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
// Keeping half-open connections (a teaching switch): sending after the peer's FIN
// ---------------------------------------------------------------------------

#[test]
fn a_server_keeping_half_open_connections_answers_after_the_clients_fin() {
    let (engine, mut rx) = engine();
    let (id, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None).keeping_half_open());
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"question")
s.shutdown(socket.SHUT_WR)
out(recv_all(s).decode())
"#,
        &[&inet(&local).port().to_string()],
    );
    assert_eq!(rx.recv_bytes(id, 1, 8), b"question");
    rx.wait_kind(id, "FIN", |k| matches!(k, EventKind::PeerClosed { conn: 1 }));
    engine.send(Command::Send { id, target: Target::Conn(1), data: b"answer after your FIN".to_vec() }).unwrap();
    match rx.wait_kind(id, "send", |k| matches!(k, EventKind::Sent { .. } | EventKind::Closed { .. })) {
        EventKind::Sent { conn: 1, data, .. } => assert_eq!(data, b"answer after your FIN"),
        other => panic!("the half-open connection must still take data: {other:?}\n{}", rx.dump()),
    }
    engine.send(Command::Disconnect { id, conn: 1, abort: false }).unwrap();
    assert_eq!(py.line(), "answer after your FIN");
    rx.wait_kind(id, "close of #1", |k| matches!(k, EventKind::Closed { conn: Some(1), abortive: false }));
    close(&engine, &mut rx, id);
}

#[test]
fn a_client_keeping_half_open_connections_sends_after_the_servers_fin() {
    let mut py = Proc::python(
        r#"
c = accept_one()
c.sendall(b"hi")
c.shutdown(socket.SHUT_WR)
out(recv_all(c).decode())
"#,
        &[],
    );
    let port: u16 = py.line().parse().expect("a port");
    let (engine, mut rx) = engine();
    let spec = EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}")).keeping_half_open();
    let id = engine.open(spec).expect("open");
    assert_eq!(rx.recv_bytes(id, 0, 2), b"hi");
    rx.wait_kind(id, "FIN", |k| matches!(k, EventKind::PeerClosed { conn: 0 }));
    engine.send(Command::Send { id, target: Target::Peer, data: b"still here".to_vec() }).unwrap();
    engine.send(Command::ShutdownWrite { id, conn: None }).unwrap();
    assert_eq!(py.line(), "still here", "the server read our bytes after its own FIN");
    let rest = rx.until_stopped(id);
    assert!(
        matches!(
            rest.iter()
                .filter(|k| matches!(k, EventKind::Shutdown { .. } | EventKind::Closed { .. }))
                .collect::<Vec<_>>()
                .as_slice(),
            [EventKind::Shutdown { conn: 0 }, EventKind::Closed { conn: Some(0), abortive: false }]
        ),
        "{rest:?}"
    );
}
