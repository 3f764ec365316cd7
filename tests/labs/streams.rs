//! The labs about TCP's stream: TIME_WAIT and SO_REUSEADDR, Nagle and TCP_NODELAY.

use std::net::SocketAddr;

use socklab::lab::StepState;
use socklab::net::{Command, EndpointId, EndpointKind, EndpointSpec, EventKind, OptValue, SockOpt, Target};

use crate::driver::Driver;
use crate::support::closed_port;

/// Connects a socklab client to `addr` and stops the server while it is
/// connected, so the server closes first; waits until the server has stopped.
fn stop_with_client(d: &mut Driver, server: EndpointId, addr: SocketAddr) {
    d.client(addr);
    d.until("the server to accept", |e| e.endpoint == server && matches!(e.kind, EventKind::Accepted { .. }));
    d.close(server);
}

fn server_on(addr: &str, reuse: bool) -> EndpointSpec {
    let spec = EndpointSpec::new(EndpointKind::TcpServer, addr);
    if reuse { spec.with_option(SockOpt::ReuseAddr, OptValue::Bool(true)) } else { spec }
}

#[test]
fn time_wait_lab() {
    let mut d = Driver::new("time_wait.ron");
    d.listen_on_taken_port(d.workspace_spec("echo server"));
    d.assert_current("listen");
    let (server, addr) = d.start_workspace_server("echo server");
    d.until_ticked("listen");

    // The client leaves first: the TIME_WAIT is the client's, the server closes second.
    let first = d.client(addr);
    d.until("the first accept", |e| e.endpoint == server && matches!(e.kind, EventKind::Accepted { conn: 1, .. }));
    d.close(first);
    d.until("the server to close #1", |e| {
        e.endpoint == server && matches!(e.kind, EventKind::Closed { conn: Some(1), .. })
    });
    d.assert_current("close-first");
    stop_with_client(&mut d, server, addr);
    d.until_ticked("close-first");

    // Another port is free: that start works, and is not the lesson.
    let (other, _) = d.listen(server_on("127.0.0.1:0", false));
    d.close(other);
    d.assert_current("in-use");
    let again = d.open(server_on(&addr.to_string(), false));
    d.failed(again, "EADDRINUSE");
    d.until_ticked("in-use");
    d.stopped(again);

    // SO_REUSEADDR on the new socket only: the old connection did not have it, so bind() still fails (Linux).
    let late = d.open(server_on(&addr.to_string(), true));
    d.failed(late, "EADDRINUSE");
    d.stopped(late);
    // With it on both, but restarted without it: fails too.
    let (reusing, addr2) = d.listen(server_on("127.0.0.1:0", true));
    stop_with_client(&mut d, reusing, addr2);
    let without = d.open(server_on(&addr2.to_string(), false));
    d.failed(without, "EADDRINUSE");
    d.stopped(without);
    d.assert_current("reuse");
    // Both with SO_REUSEADDR: the restart binds.
    let (reusing, addr3) = d.listen(server_on("127.0.0.1:0", true));
    stop_with_client(&mut d, reusing, addr3);
    d.listen(server_on(&addr3.to_string(), true));
    d.until_ticked("reuse");
}

#[test]
fn nagle_lab() {
    let mut d = Driver::new("nagle.ron");
    let (reader, addr) = d.start_workspace_server("reader");

    let refused = d.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{}", closed_port())));
    d.failed(refused, "ECONNREFUSED");
    d.stopped(refused);
    d.assert_current("connect");
    let client = d.client(addr);
    d.until_ticked("connect");

    // One send cannot be joined with anything.
    d.send(client, Target::Peer, b"tick\n");
    d.received_len(reader, 5);
    d.assert_current("joined");
    // Bursts of small sends until two arrive in one recv (it takes one burst in practice).
    let joined = d.lab().steps.iter().position(|s| s.id == "joined").expect("step");
    for _ in 0..20 {
        for _ in 0..100 {
            d.send(client, Target::Peer, b"tick\n");
        }
        d.received_len(reader, 500);
        if matches!(d.run.states()[joined], StepState::Done { .. }) {
            break;
        }
    }
    d.until_ticked("joined");

    d.set_option(client, SockOpt::NoDelay, OptValue::Bool(false));
    d.until("TCP_NODELAY off read back", |e| e.endpoint == client && matches!(e.kind, EventKind::OptionSet { .. }));
    d.assert_current("nodelay");
    d.set_option(client, SockOpt::NoDelay, OptValue::Bool(true));
    d.until_ticked("nodelay");

    // A short message arrives whole.
    d.send(client, Target::Peer, b"short\n");
    d.received_len(reader, 6);
    d.assert_current("split");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("big.bin");
    std::fs::write(&file, vec![b'x'; 200_000]).expect("write");
    d.engine.send(Command::SendFile { id: client, target: Target::Peer, path: file }).expect("send file");
    d.until_ticked("split");
}
