//! Generated servers beyond the lessons: every reply mode, IPv6, a host
//! name, Unix sockets, and the socket options read back from the kernel.

use socklab::net::{EndpointKind, EndpointSpec, OptValue, ReplyMode, SockOpt};

use super::checks::{self, check_server};
use super::helpers::{Program, QUIET, assert_options_set, connect, option_of, read_exact, send};
use crate::support::ipv6_available;

fn server(reply: ReplyMode) -> EndpointSpec {
    EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(reply)
}

#[test]
fn daytime_server_sends_a_date_line_and_closes() {
    let spec = server(ReplyMode::Daytime);
    check_server(&mut Program::start("daytime", &spec), &spec);
}

#[test]
fn manual_server_prints_each_recv_and_sends_stdin_to_every_client() {
    let spec = server(ReplyMode::None);
    let mut p = Program::start("by hand", &spec);
    check_server(&mut p, &spec);
    // Ctrl+C while a thread waits on stdin: a clean exit, not Python's fatal error.
    p.proc.signal(libc::SIGINT);
    assert_eq!(p.exit_code(), 0, "{}", p.proc.context());
}

#[test]
fn udp_socket_without_a_reply_mode_prints_each_datagram() {
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0");
    check_server(&mut Program::start("udp print", &spec), &spec);
}

#[test]
fn ipv6_servers_are_af_inet6_with_the_ipv6_options() {
    if !ipv6_available() {
        eprintln!("skipped: this machine cannot bind ::1");
        return;
    }
    let spec = server(ReplyMode::Echo)
        .with_option(SockOpt::V6Only, OptValue::Bool(true))
        .with_option(SockOpt::Ttl, OptValue::Int(17));
    let spec = EndpointSpec { address: "[::1]:0".into(), ..spec };
    let mut p = Program::start("echo6", &spec);
    assert!(p.code.contains("socket.AF_INET6") && p.code.contains("IPV6_UNICAST_HOPS"), "{}", p.code);
    check_server(&mut p, &spec);
    let udp = EndpointSpec::new(EndpointKind::Udp, "[::1]:0").with_reply(ReplyMode::Echo);
    check_server(&mut Program::start("udp echo6", &udp), &udp);
}

#[test]
fn a_host_name_is_looked_up_and_options_follow_the_family_found() {
    // localhost may be ::1 or 127.0.0.1: the program decides at run time.
    let spec = EndpointSpec { address: "localhost:0".into(), ..server(ReplyMode::Echo) }
        .with_option(SockOpt::Ttl, OptValue::Int(21))
        .with_option(SockOpt::V6Only, OptValue::Bool(true));
    let mut p = Program::start("named", &spec);
    assert!(p.code.contains("getaddrinfo") && p.code.contains("if family == socket.AF_INET6:"), "{}", p.code);
    let addr = p.address("listening on ");
    assert_eq!(option_of(p.proc.pid(), addr, SockOpt::Ttl), OptValue::Int(21));
    if addr.is_ipv6() {
        assert_eq!(option_of(p.proc.pid(), addr, SockOpt::V6Only), OptValue::Bool(true));
    }
    checks::echo(&mut p, addr);
}

#[test]
fn options_are_set_on_the_generated_socket_as_the_kernel_reports() {
    // Buffer sizes and timeouts the kernel keeps exactly (timeouts in whole jiffies at any HZ).
    let options = [
        (SockOpt::ReuseAddr, OptValue::Bool(true)),
        (SockOpt::ReusePort, OptValue::Bool(true)),
        (SockOpt::NoDelay, OptValue::Bool(true)),
        (SockOpt::KeepIdle, OptValue::Int(30)),
        (SockOpt::KeepInterval, OptValue::Int(7)),
        (SockOpt::SndBuf, OptValue::Int(65536)),
        (SockOpt::RcvBuf, OptValue::Int(32768)),
        (SockOpt::Linger, OptValue::Linger(Some(3))),
        (SockOpt::Ttl, OptValue::Int(33)),
        (SockOpt::ReadTimeout, OptValue::Millis(Some(500))),
        (SockOpt::WriteTimeout, OptValue::Millis(Some(2000))),
    ];
    let spec = options.iter().fold(server(ReplyMode::Echo), |s, (o, v)| s.with_option(*o, v.clone()));
    check_server(&mut Program::start("options", &spec), &spec);

    let udp = [
        (SockOpt::Broadcast, OptValue::Bool(true)),
        (SockOpt::MulticastTtl, OptValue::Int(4)),
        (SockOpt::MulticastLoop, OptValue::Bool(false)),
        (SockOpt::Ttl, OptValue::Int(9)),
        (SockOpt::RcvBuf, OptValue::Int(65536)),
    ];
    let spec = udp
        .iter()
        .fold(EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_reply(ReplyMode::Echo), |s, (o, v)| {
            s.with_option(*o, v.clone())
        });
    check_server(&mut Program::start("udp options", &spec), &spec);

    // The reading is real: a server without options has them off.
    let mut plain = Program::start("plain", &server(ReplyMode::Echo));
    let addr = plain.address("listening on ");
    assert_eq!(option_of(plain.proc.pid(), addr, SockOpt::ReuseAddr), OptValue::Bool(false));
    assert_eq!(option_of(plain.proc.pid(), addr, SockOpt::NoDelay), OptValue::Bool(false));
}

#[test]
fn a_receive_timeout_does_not_end_the_generated_server() {
    // SO_RCVTIMEO makes the blocking accept() and recv() fail with EAGAIN;
    // the program must wait again, as socklab (which never blocks) does.
    let spec = server(ReplyMode::Echo).with_option(SockOpt::ReadTimeout, OptValue::Millis(Some(100)));
    let mut p = Program::start("rcvtimeo", &spec);
    let addr = p.address("listening on ");
    assert_options_set(p.proc.pid(), addr, &spec);
    assert_eq!(p.proc.wait_exit_within(QUIET), None, "accept() timed out and ended it\n{}", p.proc.context());
    let mut c = connect(addr);
    assert_eq!(p.proc.wait_exit_within(QUIET), None, "recv() timed out and ended it\n{}", p.proc.context());
    send(&mut c, b"still here\n");
    assert_eq!(read_exact(&mut c, 11), b"still here\n");
}

#[test]
fn unix_stream_chat_between_generated_clients_and_cleanup_on_ctrl_c() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("chat.sock").display().to_string();
    let spec = EndpointSpec::new(EndpointKind::UnixServer, &path).with_reply(ReplyMode::Chat);
    let mut server = Program::start("unix chat", &spec);
    assert_eq!(server.line_after("listening on "), path);
    let client = EndpointSpec::new(EndpointKind::UnixClient, &path);
    let mut a = Program::start("a", &client);
    assert_eq!(server.line_after("connection from "), "(unnamed)");
    let mut b = Program::start("b", &client);
    assert_eq!(server.line_after("connection from "), "(unnamed)");
    a.proc.send_line("hello over a file");
    assert_eq!(b.proc.line(), "(unnamed): hello over a file");
    // End of a's input: it half-closes, the server closes it, a exits.
    a.proc.close_stdin();
    assert_eq!(a.exit_code(), 0, "{}", a.proc.context());
    assert_eq!(server.line_after("(unnamed) "), "closed");
    // Ctrl+C: the server removes its socket file.
    server.proc.signal(libc::SIGINT);
    server.proc.wait_exit();
    assert!(!std::path::Path::new(&path).exists(), "{path} is still there");
    assert_eq!(b.exit_code(), 0, "b ends when the server closes\n{}", b.proc.context());
}

#[test]
fn unix_datagram_echo_with_generated_senders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let at = |name: &str| dir.path().join(name).display().to_string();
    let echo = EndpointSpec::new(EndpointKind::UnixDatagram, at("echo.sock")).with_reply(ReplyMode::Echo);
    let mut server = Program::start("unix echo", &echo);
    assert_eq!(server.line_after("bound to "), at("echo.sock"));
    // A sender bound to a path gets each line back as its own datagram.
    let client = EndpointSpec::new(EndpointKind::UnixDatagram, at("client.sock")).with_peer(at("echo.sock"));
    let mut c = Program::start("unix client", &client);
    c.proc.feed_and_close(b"one\ntwo\n".to_vec());
    let (code, out, err) = c.proc.finish();
    assert_eq!((code, String::from_utf8_lossy(&out).as_ref()), (0, "one\ntwo\n"), "stderr: {err}");
    // One that never bound a path can send, but nobody can answer it.
    let printer = EndpointSpec::new(EndpointKind::UnixDatagram, at("print.sock"));
    let mut printer = Program::start("unix print", &printer);
    assert_eq!(printer.line_after("bound to "), at("print.sock"));
    let unbound = EndpointSpec::new(EndpointKind::UnixDatagram, "").with_peer(at("print.sock"));
    let mut u = Program::start("unbound", &unbound);
    u.proc.feed_and_close(b"from nowhere\n".to_vec());
    assert_eq!(u.exit_code(), 0, "{}", u.proc.context());
    assert_eq!(printer.proc.line(), "(unnamed): b'from nowhere\\n'");
}
