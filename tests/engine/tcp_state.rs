//! TCP state from the kernel as engine events (`Command::WatchTcp`): state
//! changes in order on both ends, TIME_WAIT through sock_diag after the
//! close, interval samples with the queues, and sockets of other programs
//! on this machine as "peer seen by the kernel".
#![cfg(target_os = "linux")]

use std::time::Duration;

use socklab::net::kernel::{KernelSocket, TcpInfo, TcpState};
use socklab::net::{ConnId, EndpointId, Event, StateSource};

use super::*;

fn watch(engine: &socklab::net::Engine, id: EndpointId, interval: Option<Duration>) {
    engine.send(Command::WatchTcp { id, interval }).expect("watch");
}

/// Every state change, in the order they arrived: waits claim them all, so
/// no wait for a later state can take one out of order.
#[derive(Default)]
struct States(Vec<Event>);

impl States {
    /// Waits for the change of `id`'s connection `conn` (None: the listener) to `to`.
    fn wait(
        &mut self,
        rx: &mut Rx,
        id: EndpointId,
        conn: Option<ConnId>,
        to: TcpState,
    ) -> (Option<TcpState>, StateSource) {
        let is = |e: &Event| {
            e.endpoint == id && matches!(e.kind, EventKind::TcpState { conn: c, to: t, .. } if c == conn && t == to)
        };
        let what = format!("endpoint {id} #{conn:?} to reach {to}");
        while !self.0.iter().any(is) {
            let ev = rx.wait(&what, |e| matches!(e.kind, EventKind::TcpState { .. }));
            self.0.push(ev);
        }
        match self.0.iter().find(|e| is(e)).map(|e| &e.kind) {
            Some(EventKind::TcpState { from, source, .. }) => (*from, *source),
            _ => unreachable!(),
        }
    }

    /// The states one connection went through, in order.
    fn path(&self, id: EndpointId, conn: ConnId) -> Vec<TcpState> {
        self.0
            .iter()
            .filter(|e| e.endpoint == id)
            .filter_map(|e| match e.kind {
                EventKind::TcpState { conn: Some(c), to, .. } if c == conn => Some(to),
                _ => None,
            })
            .collect()
    }
}

fn peer_seen(rx: &mut Rx, id: EndpointId, what: &str, pred: impl Fn(&KernelSocket) -> bool) -> KernelSocket {
    match rx.wait_kind(id, what, |k| matches!(k, EventKind::PeerSeen { peer, .. } if pred(peer))) {
        EventKind::PeerSeen { peer, .. } => *peer,
        _ => unreachable!(),
    }
}

#[test]
fn a_watched_connection_reports_each_state_in_order_and_time_wait_after_the_close() {
    let (engine, mut rx) = engine();
    let (server, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None).keeping_half_open());
    watch(&engine, server, None);
    let client = engine.open(EndpointSpec::new(EndpointKind::TcpClient, local.to_string())).expect("open");
    rx.wait_kind(client, "connect", |k| matches!(k, EventKind::Connected { .. }));
    watch(&engine, client, None);
    let (conn, _, _) = accepted(&mut rx, server);
    let mut states = States::default();
    let (_, source) = states.wait(&mut rx, server, None, TcpState::Listen);
    assert_eq!(source, StateSource::TcpInfo, "the listener listens");
    states.wait(&mut rx, client, Some(0), TcpState::Established);
    states.wait(&mut rx, server, Some(conn), TcpState::Established);

    // Our half-close: FIN_WAIT1 (FIN sent), FIN_WAIT2 once it is acknowledged.
    engine.send(Command::ShutdownWrite { id: client, conn: None }).expect("shutdown");
    // The side that received FIN waits in CLOSE_WAIT until it closes too.
    rx.wait_kind(server, "eof", |k| matches!(k, EventKind::PeerClosed { .. }));
    let (from, _) = states.wait(&mut rx, server, Some(conn), TcpState::CloseWait);
    assert_eq!(from, Some(TcpState::Established));
    engine.send(Command::ShutdownWrite { id: server, conn: Some(conn) }).expect("shutdown");

    // The client closes on the server's FIN; its fd is gone, sock_diag still sees TIME_WAIT.
    rx.wait_kind(client, "close", |k| matches!(k, EventKind::Closed { conn: Some(0), .. }));
    let (from, source) = states.wait(&mut rx, client, Some(0), TcpState::TimeWait);
    assert_eq!(source, StateSource::SockDiag, "after close(), only sock_diag sees it");
    assert!(matches!(from, Some(TcpState::FinWait1 | TcpState::FinWait2)), "from {from:?}");
    // The passive closer's connection is gone at once: CLOSED.
    let (_, source) = states.wait(&mut rx, server, Some(conn), TcpState::Closed);
    assert_eq!(source, StateSource::SockDiag);

    use TcpState::*;
    let client_path = states.path(client, 0);
    assert!(
        matches!(
            client_path.as_slice(),
            [Established, FinWait1, FinWait2, TimeWait] | [Established, FinWait2 | FinWait1, TimeWait]
        ),
        "the active closer: {client_path:?}\n{}",
        rx.dump()
    );
    let server_path = states.path(server, conn);
    assert!(
        matches!(server_path.as_slice(), [Established, CloseWait, Closed] | [Established, CloseWait, LastAck, Closed]),
        "the passive closer: {server_path:?}\n{}",
        rx.dump()
    );
    let seen = rx.take(|_| true);
    assert!(!seen.iter().any(|e| matches!(e.kind, EventKind::PeerSeen { .. })), "both ends are socklab's own");
    assert!(!seen.iter().any(|e| matches!(e.kind, EventKind::TcpInfo { .. })), "no interval: no samples");
    close(&engine, &mut rx, server);
}

#[test]
fn interval_samples_carry_the_queues_and_the_listener_reports_its_backlog() {
    let (engine, mut rx) = engine();
    let mut spec = tcp_server(ReplyMode::None);
    spec.backlog = 7;
    let (server, local) = open_server(&engine, &mut rx, spec);
    watch(&engine, server, Some(Duration::from_millis(20)));
    let sample = |rx: &mut Rx, what: &str, pred: &dyn Fn(Option<ConnId>, &TcpInfo) -> bool| -> TcpInfo {
        match rx.wait_kind(server, what, |k| matches!(k, EventKind::TcpInfo { conn, info } if pred(*conn, info))) {
            EventKind::TcpInfo { info, .. } => info,
            _ => unreachable!(),
        }
    };
    let l = sample(&mut rx, "a listener sample", &|c, i| c.is_none() && i.state == TcpState::Listen);
    assert_eq!((l.recv_q, l.send_q), (0, 7), "accept queue empty, its limit the backlog");
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"x" * 1000)
wait_go()
"#,
        &[&inet(&local).port().to_string()],
    );
    let (conn, _, _) = accepted(&mut rx, server);
    rx.recv_bytes(server, conn, 1000);
    let i = sample(&mut rx, "a sample after the bytes", &|c, i| c == Some(conn) && i.bytes_received >= 1000);
    assert_eq!(i.state, TcpState::Established);
    assert!(i.mss > 0 && i.cwnd > 0 && i.rtt_us > 0, "{i:?}");
    assert_eq!(i.recv_q, 0, "socklab read everything: {i:?}");
    py.send_line("go");
    rx.wait_kind(server, "eof", |k| matches!(k, EventKind::PeerClosed { .. }));
    // The options read when the server opened must not answer the waits below.
    rx.take(|e| matches!(e.kind, EventKind::Options { .. }));
    engine.send(Command::UnwatchTcp { id: server }).expect("unwatch");
    // Everything after the unwatch is handled, by the worker and then by the
    // kernel thread (which follows the closed connection): reports stop.
    let settle = |rx: &mut Rx| {
        engine.send(Command::ReadOptions { id: server, conn: None }).expect("options");
        rx.wait_kind(server, "options", |k| matches!(k, EventKind::Options { conn: None, .. }));
        assert!(engine.sync_kernel(support::WAIT), "the kernel thread answers");
    };
    settle(&mut rx);
    rx.take(|_| true);
    settle(&mut rx);
    let after = rx.take(|e| matches!(e.kind, EventKind::TcpInfo { .. } | EventKind::TcpState { .. }));
    assert!(after.is_empty(), "nothing after the unwatch: {after:?}");
    close(&engine, &mut rx, server);
}

#[test]
fn a_python_client_is_a_peer_seen_by_the_kernel_with_its_state_and_owner() {
    let (engine, mut rx) = engine();
    let (server, local) = open_server(&engine, &mut rx, tcp_server(ReplyMode::None));
    watch(&engine, server, None);
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
out(addr(s.getsockname()))
wait_go()
s.shutdown(socket.SHUT_WR)
out(len(recv_all(s)))
wait_go()
"#,
        &[&inet(&local).port().to_string()],
    );
    let py_addr = py.line();
    let (conn, _, peer) = accepted(&mut rx, server);
    assert_eq!(peer.to_string(), py_addr);
    let seen = peer_seen(&mut rx, server, "the Python client", |p| p.state == TcpState::Established);
    assert_eq!(seen.local.to_string(), py_addr, "the peer's own view: its address is its local one");
    assert_eq!(seen.remote, inet(&local));
    // SAFETY: getuid() has no preconditions.
    assert_eq!(seen.uid, unsafe { libc::getuid() }, "the same user started it");
    assert_ne!(seen.inode, 0);
    // The client closes first: the server closes on its FIN and the client ends in TIME_WAIT.
    py.send_line("go");
    assert_eq!(py.line(), "0");
    rx.wait_kind(server, "close", |k| matches!(k, EventKind::Closed { conn: Some(c), .. } if *c == conn));
    peer_seen(&mut rx, server, "the client in TIME_WAIT", |p| p.state == TcpState::TimeWait);
    let events = rx.take(|e| e.endpoint == server);
    let peer_path: Vec<TcpState> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::PeerSeen { peer, .. } => Some(peer.state),
            _ => None,
        })
        .collect();
    assert!(
        peer_path.iter().all(|s| matches!(s, TcpState::FinWait1 | TcpState::FinWait2)),
        "between ESTABLISHED and TIME_WAIT the active closer is in FIN_WAIT1/2: {peer_path:?}"
    );
    py.send_line("go");
    close(&engine, &mut rx, server);
}

#[test]
fn recv_q_grows_on_a_peer_that_does_not_read() {
    let mut py = Proc::python(
        r#"
c = accept_one()
wait_go()
"#,
        &[],
    );
    let port: u16 = py.line().parse().expect("a port");
    let (engine, mut rx) = engine();
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"))).expect("open");
    rx.wait_kind(id, "connect", |k| matches!(k, EventKind::Connected { .. }));
    watch(&engine, id, Some(Duration::from_millis(20)));
    let mut unread = 0;
    for round in 1..=3 {
        engine.send(Command::Send { id, target: Target::Peer, data: vec![b'q'; 20_000] }).expect("send");
        let goal = round * 20_000;
        let peer = peer_seen(&mut rx, id, &format!("Recv-Q {goal}"), |p| p.recv_q as usize >= goal);
        assert!(peer.recv_q > unread, "Recv-Q grows: {} after {unread}", peer.recv_q);
        unread = peer.recv_q;
        assert_eq!(peer.state, TcpState::Established);
    }
    py.send_line("go");
    // The peer's FIN closes the connection, and a client without one stops.
    rx.until_stopped(id);
}
