//! Generated clients: they send each line of stdin, print what arrives, and
//! end as the tutorials' clients end. Peers are Python scripts or other
//! generated programs.

use socklab::net::{EndpointKind, EndpointSpec, OptValue, ReplyMode, SockOpt};

use super::helpers::Program;
use crate::support::{Proc, closed_port, ipv6_available};

/// A TCP echo peer that prints its port, then "eof" when the client has
/// half-closed, then closes.
const ECHO_PEER: &str = r#"
host = sys.argv[1]
l = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
l.bind((host, 0))
l.listen(1)
out(l.getsockname()[1])
c, _ = l.accept()
while True:
    d = c.recv(65536)
    if not d:
        break
    c.sendall(d)
out("eof")
c.close()
"#;

fn echo_peer(host: &str) -> (Proc, u16) {
    let mut peer = Proc::python(ECHO_PEER, &[host]);
    let port = peer.line().parse().expect("a port");
    (peer, port)
}

fn tcp_client(address: String) -> EndpointSpec {
    EndpointSpec::new(EndpointKind::TcpClient, address).with_option(SockOpt::NoDelay, OptValue::Bool(true))
}

#[test]
fn tcp_client_sends_stdin_lines_prints_replies_and_half_closes() {
    let (mut peer, port) = echo_peer("127.0.0.1");
    let mut c = Program::start("client", &tcp_client(format!("127.0.0.1:{port}")));
    c.proc.send_line("first line");
    assert_eq!(c.proc.line(), "first line", "printed as it arrives, before input ends");
    c.proc.feed_and_close(b"second\nthird\n".to_vec());
    assert_eq!(peer.line(), "eof", "the client sent FIN at the end of its input");
    let (code, out, err) = c.proc.finish();
    assert_eq!((code, String::from_utf8_lossy(&out).as_ref()), (0, "second\nthird\n"), "stderr: {err}");
    assert!(err.contains(&format!("connected to 127.0.0.1:{port}")), "{err}");
}

#[test]
fn tcp_client_ends_when_the_server_closes_first() {
    // A generated daytime server answers and closes; the client's input stays open.
    let server = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(ReplyMode::Daytime);
    let mut s = Program::start("daytime", &server);
    let addr = s.address("listening on ");
    let mut c = Program::start("client", &tcp_client(addr.to_string()));
    let line = c.proc.line();
    assert!(line.ends_with('\r') && line.len() > 20, "{line:?}");
    assert_eq!(c.exit_code(), 0, "{}", c.proc.context());
}

#[test]
fn tcp_client_and_server_generated_for_ipv6() {
    if !ipv6_available() {
        eprintln!("skipped: this machine cannot bind ::1");
        return;
    }
    let server = EndpointSpec::new(EndpointKind::TcpServer, "[::1]:0").with_reply(ReplyMode::Echo);
    let mut s = Program::start("echo6", &server);
    let addr = s.address("listening on ");
    assert!(addr.is_ipv6(), "{addr}");
    let mut c = Program::start("client6", &tcp_client(addr.to_string()));
    assert!(c.code.contains("socket.AF_INET6"), "{}", c.code);
    c.proc.feed_and_close(b"over IPv6\n".to_vec());
    let (code, out, err) = c.proc.finish();
    assert_eq!((code, out.as_slice()), (0, &b"over IPv6\n"[..]), "stderr: {err}");
}

#[test]
fn tcp_client_exits_1_with_the_errno_when_nothing_listens() {
    let mut c = Program::start("refused", &tcp_client(format!("127.0.0.1:{}", closed_port())));
    c.proc.close_stdin();
    let (code, _, err) = c.proc.finish();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Connection refused"), "{err}");
}

/// A UDP peer that answers each datagram with "got:" + it, and prints its hex.
const UDP_PEER: &str = r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
out(s.getsockname()[1])
while True:
    d, a = s.recvfrom(65536)
    out(d.hex())
    s.sendto(b"got:" + d, a)
"#;

#[test]
fn udp_client_sends_each_line_as_a_datagram_and_prints_replies() {
    let mut peer = Proc::python(UDP_PEER, &[]);
    let port: u16 = peer.line().parse().expect("a port");
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_peer(format!("127.0.0.1:{port}"));
    let mut c = Program::start("udp client", &spec);
    c.proc.feed_and_close(b"a\nbc\n".to_vec());
    assert_eq!((peer.line(), peer.line()), ("610a".to_string(), "62630a".to_string()), "one datagram a line");
    // UDP has no end: the client stops once nothing came for a second after its input.
    let (code, out, err) = c.proc.finish();
    assert_eq!((code, String::from_utf8_lossy(&out).as_ref()), (0, "got:a\ngot:bc\n"), "stderr: {err}");
}
