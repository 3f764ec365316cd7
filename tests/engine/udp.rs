//! UDP: echo, sendto and a connected peer, and a burst where nothing is lost.

use super::*;

// ---------------------------------------------------------------------------
// UDP
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
            assert_eq!((from.to_string(), data.into_vec()), (py_addr.clone(), b"\x00datagram\xff".to_vec()));
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
                let i: usize = String::from_utf8(data.into_vec()).unwrap().parse().unwrap();
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
