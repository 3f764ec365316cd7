//! Unix stream and datagram sockets, and the files they leave (or not).

use super::*;

// ---------------------------------------------------------------------------
// Unix sockets
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
            assert_eq!((from, data.into_vec()), (Some(Addr::Unix(theirs.clone())), b"dgram\x01".to_vec()))
        }
        other => panic!("{other:?}"),
    }
    engine.send(Command::Send { id, target: Target::To(theirs.clone()), data: b"back".to_vec() }).unwrap();
    assert_eq!(py.line(), format!("{} {ours}", hex(b"back")));
    close(&engine, &mut rx, id);
    assert!(!std::path::Path::new(&ours).exists(), "the socket file must be removed after close");
}
