//! Errors a student meets (EADDRINUSE, ECONNREFUSED, a bad port or host),
//! IPv6 loopback, and an engine that goes on after a failed endpoint.

use super::*;

// ---------------------------------------------------------------------------
// Errors a student meets
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
// IPv6
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
            assert_eq!((from.to_string(), data.into_vec()), (udp_peer, b"over udp6".to_vec()))
        }
        other => panic!("{other:?}"),
    }
    close(&engine, &mut rx, tid);
    close(&engine, &mut rx, uid);
}

// ---------------------------------------------------------------------------
// A failing endpoint ends cleanly; the engine goes on
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

#[test]
fn a_command_for_a_closed_connection_is_refused_by_the_call_it_would_have_made() {
    let (engine, mut rx) = engine();
    let (id, _) = open_server(&engine, &mut rx, EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0"));
    let (gone, opt, value) = (Some(77), SockOpt::NoDelay, OptValue::Bool(true));
    engine.send(Command::SetOption { id, conn: gone, opt, value }).unwrap();
    engine.send(Command::ReadOptions { id, conn: gone }).unwrap();
    engine.send(Command::ShutdownWrite { id, conn: gone }).unwrap();
    let mut calls = Vec::new();
    while calls.len() < 3 {
        if let EventKind::Error { conn, error } = rx.wait_kind(id, "an error", |k| matches!(k, EventKind::Error { .. }))
        {
            assert_eq!(conn, Some(77));
            assert!(error.message.contains("connection #77 is closed"), "{error}");
            calls.push(error.call);
        }
    }
    assert_eq!(calls, ["setsockopt", "getsockopt", "shutdown"]);
}
