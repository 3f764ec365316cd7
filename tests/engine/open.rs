//! Opening endpoints: what stops an endpoint before it binds, a UDP socket
//! that lets connect() choose its source, and Unix addresses (abstract, empty,
//! files left behind).

use super::*;

fn has(kinds: &[EventKind], pred: impl Fn(&EventKind) -> bool) -> bool {
    kinds.iter().any(pred)
}

#[test]
fn an_option_the_kernel_refuses_stops_the_endpoint_before_bind() {
    let (engine, mut rx) = engine();
    // Leaving a group never joined: the kernel answers EADDRNOTAVAIL.
    let leave = OptValue::Group("239.1.2.3".parse().expect("a group"));
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_option(SockOpt::LeaveMulticast, leave);
    let id = engine.open(spec).expect("open");
    let seen = rx.until_stopped(id);
    let refused = seen.iter().find_map(|k| match k {
        EventKind::Error { error, .. } => Some(error.clone()),
        _ => None,
    });
    let refused = refused.unwrap_or_else(|| panic!("no error in {seen:?}"));
    assert!(refused.call.starts_with("setsockopt(IP_DROP_MEMBERSHIP"), "{refused}");
    assert_eq!(refused.errno.as_deref(), Some("EADDRNOTAVAIL"), "{refused}");
    assert!(!has(&seen, |k| matches!(k, EventKind::Bound { .. })), "it must not bind: {seen:?}");
}

#[test]
fn a_value_the_option_cannot_hold_is_refused_before_it_wraps() {
    let (engine, mut rx) = engine();
    // 2^32 seconds would reach the kernel as "on, 0 s": every close a RST.
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0")
        .with_option(SockOpt::Linger, OptValue::Linger(Some(1 << 32)));
    let id = engine.open(spec).expect("open");
    let seen = rx.until_stopped(id);
    let message = seen.iter().find_map(|k| match k {
        EventKind::Error { error, .. } => Some(error.message.clone()),
        _ => None,
    });
    assert!(message.as_deref().is_some_and(|m| m.contains("out of range")), "{seen:?}");
    assert!(!has(&seen, |k| matches!(k, EventKind::Listening { .. } | EventKind::OptionSet { .. })), "{seen:?}");
}

#[test]
fn udp_without_an_address_lets_connect_pick_the_source() {
    let (engine, mut rx) = engine();
    let (server, server_addr) = open_dgram(&engine, &mut rx, EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0"));
    let client = EndpointSpec::new(EndpointKind::Udp, "").with_peer(server_addr.to_string());
    let (cid, local) = open_dgram(&engine, &mut rx, client);
    // The kernel chose loopback to reach a loopback peer, and a real port.
    let local = inet(&local);
    assert!(local.ip().is_loopback() && local.port() != 0, "bound to {local}");
    rx.wait_kind(cid, "connect", |k| matches!(k, EventKind::Connected { .. }));
    engine.send(Command::Send { id: cid, target: Target::Peer, data: b"hi".to_vec() }).expect("send");
    match rx.wait_kind(server, "recvfrom", |k| matches!(k, EventKind::Received { .. })) {
        EventKind::Received { from, data, .. } => {
            assert_eq!((from, data.into_vec()), (Some(Addr::Inet(local)), b"hi".to_vec()))
        }
        other => panic!("{other:?}"),
    }
    for id in [cid, server] {
        engine.send(Command::Close { id, abort: false }).expect("close");
        rx.until_stopped(id);
    }
}

#[test]
fn an_empty_unix_address_is_refused_instead_of_an_abstract_one() {
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::UnixServer, "")).expect("open");
    let seen = rx.until_stopped(id);
    let error = seen.iter().find_map(|k| match k {
        EventKind::Error { error, .. } => Some(error.to_string()),
        _ => None,
    });
    assert!(error.as_deref().is_some_and(|e| e.contains("needs a path")), "{seen:?}");
    assert!(!has(&seen, |k| matches!(k, EventKind::Listening { .. })), "{seen:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn an_at_name_is_an_abstract_unix_socket_a_python_client_reaches() {
    let name = format!("@socklab-test-{}", std::process::id());
    let (engine, mut rx) = engine();
    let spec = EndpointSpec::new(EndpointKind::UnixServer, &name).with_reply(socklab::net::ReplyMode::Echo);
    let id = engine.open(spec).expect("open");
    assert_eq!(rx.listening(id), Addr::Unix(name.clone()));
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect("\0" + sys.argv[1][1:])
s.sendall(b"abstract")
out(s.recv(100).decode())
"#,
        &[&name],
    );
    assert_eq!(py.line(), "abstract");
    engine.send(Command::Close { id, abort: false }).expect("close");
    rx.until_stopped(id);
}

#[test]
fn a_unix_datagram_socket_that_cannot_connect_leaves_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ours = dir.path().join("ours.sock");
    let nobody = dir.path().join("nobody.sock");
    let (engine, mut rx) = engine();
    let spec = EndpointSpec::new(EndpointKind::UnixDatagram, ours.display().to_string())
        .with_peer(nobody.display().to_string());
    let id = engine.open(spec).expect("open");
    let seen = rx.until_stopped(id);
    assert!(
        has(&seen, |k| matches!(k, EventKind::Error { error, .. } if error.call.starts_with("connect"))),
        "{seen:?}"
    );
    assert!(!ours.exists(), "the bound path must be removed when the socket fails");
}
