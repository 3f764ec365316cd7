//! What each kind of generated server must do, checked with real sockets:
//! one function per reply mode, shared by the lesson test and the others.

use std::net::{Shutdown, SocketAddr, UdpSocket};

use socklab::net::{EndpointKind, EndpointSpec, ReplyMode};

use super::helpers::{Program, assert_options_set, connect, read_exact, read_to_end, send, shown};
use crate::support::WAIT;

/// Runs the check that fits the endpoint; every option of the spec must be
/// set on the program's socket too.
pub fn check_server(p: &mut Program, spec: &EndpointSpec) {
    let prefix = if spec.kind.is_datagram() { "bound to " } else { "listening on " };
    let addr = p.address(prefix);
    if !spec.kind.is_unix() {
        assert_options_set(p.proc.pid(), addr, spec);
    }
    let rules = !spec.rules.is_empty() || spec.frame.framing != socklab::net::frame::Framing::Raw;
    match (spec.kind, spec.reply, &spec.peer) {
        (EndpointKind::TcpServer, _, _) if rules => {
            super::rules::check_same_answers(p, addr, spec, &super::rules::LINES)
        }
        (EndpointKind::TcpServer, ReplyMode::Echo, _) => echo(p, addr),
        (EndpointKind::TcpServer, ReplyMode::Chat, _) => chat(p, addr),
        (EndpointKind::TcpServer, ReplyMode::Daytime, _) => daytime(p, addr),
        (EndpointKind::TcpServer, ReplyMode::Http, _) => http(p, addr),
        (EndpointKind::TcpServer, ReplyMode::None, _) => manual(p, addr),
        (EndpointKind::Udp, ReplyMode::Echo, None) => udp_echo(addr),
        (EndpointKind::Udp, ReplyMode::None, None) => udp_print(p, addr),
        other => panic!("no check for {other:?} yet: add one to tests/codegen/checks.rs"),
    }
}

/// Echo: what is sent comes back, and the server closes after our FIN.
pub fn echo(p: &mut Program, addr: SocketAddr) {
    let mut c = connect(addr);
    let me = c.local_addr().expect("local addr");
    send(&mut c, b"hello, echo\n");
    assert_eq!(read_exact(&mut c, 12), b"hello, echo\n");
    assert_eq!(p.line_after("connection from "), shown(me));
    send(&mut c, b"second");
    assert_eq!(read_exact(&mut c, 6), b"second");
    c.shutdown(Shutdown::Write).expect("shutdown");
    assert_eq!(read_to_end(&mut c), b"", "the server closes once we have");
    assert_eq!(p.proc.line(), format!("{me} closed"));
}

/// Chat: a line from one client reaches the other as "addr: line", not its sender.
pub fn chat(p: &mut Program, addr: SocketAddr) {
    let mut a = connect(addr);
    let a_addr = a.local_addr().expect("local addr");
    assert_eq!(p.line_after("connection from "), shown(a_addr));
    let mut b = connect(addr);
    let b_addr = b.local_addr().expect("local addr");
    assert_eq!(p.line_after("connection from "), shown(b_addr));
    // In two pieces: the server must wait for the newline.
    send(&mut a, b"hello ");
    send(&mut a, b"from a\nand more\n");
    let want = format!("{a_addr}: hello from a\n{a_addr}: and more\n");
    assert_eq!(String::from_utf8_lossy(&read_exact(&mut b, want.len())), want);
    send(&mut b, b"hi a\n");
    let want = format!("{b_addr}: hi a\n");
    assert_eq!(String::from_utf8_lossy(&read_exact(&mut a, want.len())), want, "a gets b's line, not its own");
    a.shutdown(Shutdown::Write).expect("shutdown");
    assert_eq!(read_to_end(&mut a), b"");
}

/// Daytime: one line with the date and time, then the server closes.
pub fn daytime(p: &mut Program, addr: SocketAddr) {
    let mut c = connect(addr);
    let text = String::from_utf8(read_to_end(&mut c)).expect("UTF-8");
    let line = text.strip_suffix("\r\n").unwrap_or_else(|| panic!("{text:?} does not end with CRLF"));
    assert!(!line.contains('\n'), "one line: {text:?}");
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert!(fields.len() >= 5, "{line:?}");
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    assert!(days.contains(&fields[0]) && months.contains(&fields[1]), "{line:?}");
    assert!(fields[2].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)), "{line:?}");
    assert_eq!(fields[3].split(':').count(), 3, "{line:?}");
    let year: i32 = fields[4].parse().unwrap_or_else(|_| panic!("no year in {line:?}"));
    let now = chrono::Datelike::year(&chrono::Local::now());
    assert!((now - 1..=now + 1).contains(&year), "{line:?}");
    assert_eq!(p.line_after("connection from "), shown(c.local_addr().expect("local addr")));
}

/// HTTP: a request head gets a 200 page saying what was asked, then a close;
/// a head that never ends gets 431.
pub fn http(p: &mut Program, addr: SocketAddr) {
    let mut c = connect(addr);
    send(&mut c, b"GET /lesson?q=<b> HT");
    send(&mut c, b"TP/1.1\r\nHost: localhost\r\n\r\n");
    let answer = String::from_utf8(read_to_end(&mut c)).expect("UTF-8");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no head in {answer:?}"));
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head:?}");
    assert!(head.contains(&format!("Content-Length: {}\r\n", body.len())), "{head:?} for {} bytes", body.len());
    assert!(body.contains("You sent: <code>GET /lesson?q=b HTTP/1.1</code>"), "{body:?}");
    p.line_after("connection from ");

    let mut c = connect(addr);
    send(&mut c, &[b'a'; 17 * 1024]);
    let answer = String::from_utf8(read_to_end(&mut c)).expect("UTF-8");
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer:?}");
}

/// Manual (reply none): each recv() is printed; each stdin line goes to every client.
pub fn manual(p: &mut Program, addr: SocketAddr) {
    let mut a = connect(addr);
    let a_addr = a.local_addr().expect("local addr");
    assert_eq!(p.line_after("connection from "), shown(a_addr));
    send(&mut a, b"hi\n");
    assert_eq!(as_python_prints(&p.proc.line()), format!("{a_addr}: b'hi\\n'"));
    let mut b = connect(addr);
    assert_eq!(p.line_after("connection from "), shown(b.local_addr().expect("local addr")));
    p.proc.send_line("to everyone");
    assert_eq!(read_exact(&mut a, 12), b"to everyone\n");
    assert_eq!(read_exact(&mut b, 12), b"to everyone\n");
}

fn udp_peer(addr: SocketAddr) -> UdpSocket {
    let here = if addr.is_ipv6() { "[::1]:0" } else { "127.0.0.1:0" };
    let s = UdpSocket::bind(here).expect("bind");
    s.set_read_timeout(Some(WAIT)).expect("read timeout");
    s
}

/// UDP echo: every datagram comes back whole, from the server's address.
pub fn udp_echo(addr: SocketAddr) {
    let s = udp_peer(addr);
    let mut buf = [0u8; 2048];
    for msg in [&b"ping"[..], b"a second datagram\n"] {
        s.send_to(msg, addr).expect("send_to");
        let (n, from) = s.recv_from(&mut buf).expect("the echo");
        assert_eq!((&buf[..n], from), (msg, addr));
    }
}

/// UDP print (reply none): each datagram is printed with its sender.
pub fn udp_print(p: &mut Program, addr: SocketAddr) {
    let s = udp_peer(addr);
    s.send_to(b"dgram", addr).expect("send_to");
    let me = s.local_addr().expect("local addr");
    assert_eq!(as_python_prints(&p.proc.line()), format!("{me}: b'dgram'"));
}

/// A printed bytes value in Python's quotes: the Rust programs print
/// `b"…"` (escape_ascii), Python's repr `b'…'`.
fn as_python_prints(line: &str) -> String {
    match line.split_once(": b\"") {
        Some((who, rest)) if rest.ends_with('"') => format!("{who}: b'{}'", &rest[..rest.len() - 1]),
        _ => line.to_string(),
    }
}
