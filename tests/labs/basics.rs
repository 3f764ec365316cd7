//! The first labs: TCP echo, chat room, daytime, HTTP by hand. Each step: a
//! wrong action first (the step must not tick), then the step itself.

use socklab::net::{Command, EndpointKind, EndpointSpec, EventKind, Target};

use crate::driver::Driver;
use crate::support::{Proc, closed_port};

/// A socklab client aimed at a port nothing listens on: ECONNREFUSED.
fn refused_client(d: &mut Driver) {
    let id = d.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{}", closed_port())));
    d.failed(id, "ECONNREFUSED");
    d.stopped(id);
}

/// A Python client that connects, prints "connected", sends each stdin line
/// (with its newline) and, when stdin ends, half-closes and reads to the end
/// (closing with unread data would send RST, not FIN).
fn python_client(port: u16) -> Proc {
    let mut p = Proc::python(
        "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\nout('connected')\nfor line in sys.stdin:\n    s.sendall(line.encode())\ns.shutdown(socket.SHUT_WR)\nrecv_all(s)\ns.close()\nout('closed')",
        &[&port.to_string()],
    );
    assert_eq!(p.line(), "connected");
    p
}

#[test]
fn tcp_echo_lab() {
    let mut d = Driver::new("tcp_echo.ron");
    let spec = d.workspace_spec("echo server");

    d.listen_on_taken_port(spec.clone());
    d.assert_current("listen");
    let (server, addr) = d.start_workspace_server("echo server");
    d.until_ticked("listen");

    refused_client(&mut d);
    d.assert_current("connect");
    let mut py = python_client(addr.port());
    d.until_ticked("connect");

    // The server receiving "hello" is not the echo coming back to a client.
    py.send_line("hello");
    d.received(server, b"hello\n");
    d.assert_current("echo");
    let client = d.client(addr);
    d.send(client, Target::Peer, b"help\n");
    d.received(client, b"help\n");
    d.assert_current("echo");
    d.send(client, Target::Peer, b"hello\n");
    d.until_ticked("echo");

    // The server seeing FIN (the Python client leaving) is not the client seeing it.
    py.close_stdin();
    d.until("the server to see the Python client's FIN", |e| {
        e.endpoint == server && matches!(e.kind, EventKind::PeerClosed { .. })
    });
    d.assert_current("half-close");
    d.engine.send(Command::ShutdownWrite { id: client, conn: None }).expect("shutdown");
    d.until_ticked("half-close");
    assert!(d.run.is_finished());
}

#[test]
fn chat_room_lab() {
    let mut d = Driver::new("chat_room.ron");

    // A UDP socket is bound, but nothing listens.
    d.bind(EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0"));
    d.assert_current("listen");
    let (server, addr) = d.start_workspace_server("chat server");
    d.until_ticked("listen");

    // Two clients one after the other are never two at once.
    let first = d.client(addr);
    d.until("the first accept", |e| e.endpoint == server && matches!(e.kind, EventKind::Accepted { conn: 1, .. }));
    d.close(first);
    d.until("the server to close #1", |e| {
        e.endpoint == server && matches!(e.kind, EventKind::Closed { conn: Some(1), .. })
    });
    let b = d.client(addr);
    d.until("the second accept", |e| e.endpoint == server && matches!(e.kind, EventKind::Accepted { conn: 2, .. }));
    d.assert_current("two-clients");
    let c = d.client(addr);
    d.until_ticked("two-clients");

    // Without its newline the line is not relayed yet.
    d.send(b, Target::Peer, b"hello everyone");
    d.received(server, b"hello everyone");
    d.assert_current("relay");
    d.send(b, Target::Peer, b"\n");
    d.until_ticked("relay");

    // A line relayed is not a client leaving.
    d.send(c, Target::Peer, b"bye\n");
    d.received(b, b"bye\n");
    d.assert_current("leave");
    d.close(c);
    d.until_ticked("leave");
}

/// A TCP server in Python that accepts one client, says nothing, prints
/// what it receives and "eof" when the client half-closes, and never closes.
fn silent_server() -> (Proc, u16) {
    let mut p = Proc::python(
        "c = accept_one()\nc.settimeout(None)\nwhile True:\n    d = c.recv(100)\n    out('eof' if not d else 'got ' + d.decode())\n    if not d:\n        break\nwait_go()",
        &[],
    );
    let port = p.line().parse().expect("a port");
    (p, port)
}

#[test]
fn daytime_lab() {
    let mut d = Driver::new("daytime.ron");
    d.listen_on_taken_port(d.workspace_spec("daytime server"));
    d.assert_current("listen");
    let (_, addr) = d.start_workspace_server("daytime server");
    d.until_ticked("listen");

    // A server that says nothing: the client hears nothing.
    let (mut silent, port) = silent_server();
    let client = d.client(format!("127.0.0.1:{port}").parse().expect("addr"));
    d.send(client, Target::Peer, b"time?");
    assert_eq!(silent.line(), "got time?");
    d.assert_current("ask");
    d.client(addr);
    d.until_ticked("ask");
    d.until_ticked("closed");

    // The client's own FIN is not the server's.
    let mut d = Driver::new("daytime.ron");
    d.skip_to("closed");
    let (mut silent, port) = silent_server();
    let client = d.client(format!("127.0.0.1:{port}").parse().expect("addr"));
    d.engine.send(Command::ShutdownWrite { id: client, conn: None }).expect("shutdown");
    assert_eq!(silent.line(), "eof");
    d.until("the client's shutdown", |e| e.endpoint == client && matches!(e.kind, EventKind::Shutdown { .. }));
    d.assert_current("closed");
    let (_, addr) = d.start_workspace_server("daytime server");
    d.client(addr);
    d.until_ticked("closed");
}

#[test]
fn http_by_hand_lab() {
    let mut d = Driver::new("http_by_hand.ron");
    d.listen_on_taken_port(d.workspace_spec("http server"));
    d.assert_current("listen");
    let (server, addr) = d.start_workspace_server("http server");
    d.until_ticked("listen");

    // No empty line yet: the server waits for the rest of the request.
    let client = d.client(addr);
    d.send(client, Target::Peer, b"GET / HTTP/1.1\r\nHost: localhost\r\n");
    d.received(server, b"Host: localhost\r\n");
    d.assert_current("request");
    d.send(client, Target::Peer, b"\r\n");
    d.until_ticked("request");

    // The same page again is not /hello.
    let again = d.client(addr);
    d.send(again, Target::Peer, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    d.received(again, b"</html>\n");
    d.assert_current("another-path");
    let hello = d.client(addr);
    d.send(hello, Target::Peer, b"GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
    d.until_ticked("another-path");
}
