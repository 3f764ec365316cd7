//! Socket options, read back from the kernel, and refused where they cannot apply.

use super::*;

// ---------------------------------------------------------------------------
// Options, read back from the kernel
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
