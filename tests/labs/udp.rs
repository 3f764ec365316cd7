//! The UDP lab: datagrams without connections, peers told apart by address,
//! and the kernel's drops counted.

use socklab::net::{EndpointKind, EndpointSpec, EventKind, OptValue, SockOpt};

use crate::driver::Driver;
use crate::support::Proc;

/// A Python UDP socket that sends each stdin line to the port as one
/// datagram and prints the echo it gets back.
fn udp_sender(port: u16) -> Proc {
    let mut p = Proc::python(
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('127.0.0.1', 0))\nout('ready')\nfor line in sys.stdin:\n    s.sendto(line.strip().encode(), ('127.0.0.1', int(sys.argv[1])))\n    out('echo ' + s.recvfrom(65536)[0].decode())",
        &[&port.to_string()],
    );
    assert_eq!(p.line(), "ready");
    p
}

#[test]
fn udp_lab() {
    let mut d = Driver::new("udp.ron");
    // A TCP server is not a datagram socket.
    let (tcp, _) = d.listen(EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0"));
    d.assert_current("bind");
    let (echo, addr) = d.start_workspace_server("udp echo");
    d.until_ticked("bind");
    d.close(tcp);

    // TCP to a UDP port: nothing listens for TCP there, and nothing arrives.
    let wrong = d.open(EndpointSpec::new(EndpointKind::TcpClient, addr.to_string()));
    d.failed(wrong, "ECONNREFUSED");
    d.stopped(wrong);
    d.assert_current("datagram");
    let mut one = udp_sender(addr.port());
    one.send_line("ping");
    assert_eq!(one.line(), "echo ping");
    d.until_ticked("datagram");

    // The same sender again and again is still one peer.
    for again in ["again", "and again"] {
        one.send_line(again);
        assert_eq!(one.line(), format!("echo {again}"));
        d.received(echo, again.as_bytes());
    }
    d.assert_current("two-senders");
    assert_eq!(d.run.progress().map(|p| p.english()).as_deref(), Some("1 of 2"));
    let mut two = udp_sender(addr.port());
    two.send_line("hello");
    assert_eq!(two.line(), "echo hello");
    d.until_ticked("two-senders");

    // Datagrams one at a time, each answered before the next: nothing overflows.
    for i in 0..10 {
        one.send_line(&format!("slow {i}"));
        assert_eq!(one.line(), format!("echo slow {i}"));
    }
    d.received(echo, b"slow 9");
    d.assert_current("overflow");
    d.set_option(echo, SockOpt::RcvBuf, OptValue::Int(2048));
    d.until("SO_RCVBUF read back", |e| e.endpoint == echo && matches!(e.kind, EventKind::OptionSet { .. }));
    let mut flood = Proc::python(
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nfor _ in range(20000):\n    s.sendto(b'x' * 1000, ('127.0.0.1', int(sys.argv[1])))\nout('sent')",
        &[&addr.port().to_string()],
    );
    assert_eq!(flood.line(), "sent");
    d.until_ticked("overflow");
}
