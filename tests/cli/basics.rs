//! The main paths: serve and connect over TCP, UDP and Unix sockets, options
//! shown in JSON, errors explained.

use std::process::Command;

use serde_json::Value;

use super::support::{Proc, closed_port, hex};
use super::{interrupt, is_event, json_listen_port, json_until, rest_json, run, socklab, stderr_bound_port};

#[test]
fn serve_tcp_echo_json_with_an_ncat_client() {
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0", "--reply", "echo", "--json"], false);
    let port = json_listen_port(&mut serve);

    let mut ncat = Proc::spawn("ncat", Command::new("ncat").args(["127.0.0.1", &port.to_string()]), true);
    ncat.feed_and_close(b"hello socklab\n".to_vec());
    let (code, out, err) = ncat.finish();
    assert_eq!((code, out.as_slice()), (0, &b"hello socklab\n"[..]), "ncat stderr: {err}");

    let lines = json_until(&mut serve, "close of #1", |v| is_event(v, "close") && v["conn"] == 1);
    let find = |name: &str| -> &Value {
        lines.iter().find(|v| is_event(v, name)).unwrap_or_else(|| panic!("no {name} in {lines:#?}"))
    };
    let accept = find("accept");
    assert_eq!(accept["conn"], 1);
    assert_eq!(accept["local"], format!("127.0.0.1:{port}"));
    let peer = accept["peer"].as_str().expect("peer");
    let peer_port: u16 = peer.strip_prefix("127.0.0.1:").and_then(|p| p.parse().ok()).expect("127.0.0.1:PORT");
    assert_ne!(peer_port, 0);
    let recv = find("recv");
    assert_eq!(recv["conn"], 1);
    assert_eq!(recv["len"], 14);
    assert_eq!(recv["text"], "hello socklab\n");
    assert_eq!(recv["hex"], "68 65 6c 6c 6f 20 73 6f 63 6b 6c 61 62 0a");
    let send = find("send");
    assert_eq!((&send["len"], &send["text"]), (&Value::from(14), &Value::from("hello socklab\n")));
    assert!(lines.iter().all(|v| v["time"].as_str().is_some_and(|t| t.ends_with('Z'))), "{lines:#?}");

    let (code, out) = interrupt(&mut serve);
    assert_eq!(code, 0);
    let rest = rest_json(&out);
    let names: Vec<&str> = rest.iter().filter_map(|v| v["event"].as_str()).collect();
    assert_eq!(names.last(), Some(&"stopped"), "{rest:#?}");
    assert!(rest.iter().any(|v| is_event(v, "close") && v["conn"].is_null()), "{rest:#?}");
}

#[test]
fn connect_tcp_sends_stdin_exactly_and_prints_the_reply() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("received.bin");
    let mut py = Proc::python(
        r#"
c = accept_one()
got = recv_all(c)
open(sys.argv[1], "wb").write(got)
c.sendall(b"thanks for %d bytes\n" % len(got))
c.close()
out("done")
"#,
        &[&dump.display().to_string()],
    );
    let port = py.line();
    // Binary, and bigger than one read of stdin.
    let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
    let mut client = socklab(&["connect", "tcp", &format!("127.0.0.1:{port}")], true);
    client.feed_and_close(data.clone());
    let (code, out, err) = client.finish();
    assert_eq!(String::from_utf8_lossy(&out), "thanks for 200000 bytes\n", "stderr: {err}");
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(py.line(), "done");
    assert!(std::fs::read(&dump).unwrap() == data, "the server must receive exactly stdin");
}

#[test]
fn connect_tcp_ends_with_0_when_the_peer_closes_first() {
    let mut py = Proc::python(
        r#"
c = accept_one()
c.sendall(b"hello and goodbye\r\n")
c.close()
"#,
        &[],
    );
    let port = py.line();
    // The peer's FIN alone does not end the client (a peer that shut down
    // its side may still read, as ncat assumes too): it says so, and ends
    // when stdin ends.
    let mut client = socklab(&["connect", "tcp", &format!("127.0.0.1:{port}")], true);
    client.stderr_until("the peer closed its sending side (FIN)");
    client.close_stdin();
    let (code, out, err) = client.finish();
    assert_eq!((code, out.as_slice()), (0, &b"hello and goodbye\r\n"[..]), "stderr: {err}");
}

#[test]
fn connect_tcp_to_a_closed_port_explains_econnrefused() {
    let port = closed_port();
    let (code, out, err) = run(&["connect", "tcp", &format!("127.0.0.1:{port}")]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out, "");
    assert!(err.contains(&format!("connect(127.0.0.1:{port}) failed: ECONNREFUSED")), "{err}");
    assert!(err.contains("Nothing is listening on that address and port"), "{err}");
}

#[test]
fn serve_tcp_on_a_port_in_use_is_eaddrinuse() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let (code, _, err) = run(&["serve", "tcp", &format!("127.0.0.1:{port}")]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("bind(127.0.0.1:{port}) failed: EADDRINUSE")), "{err}");
    assert!(err.contains("SO_REUSEADDR"), "{err}");
}

#[test]
fn port_99999_is_out_of_range() {
    // Bad input: exit 2, for a server as for a client.
    let (code, _, err) = run(&["serve", "tcp", "127.0.0.1:99999"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("port 99999 is out of range"), "{err}");
    assert!(!err.contains("bind("), "nothing may be bound: {err}");
    // A client checks its address before it starts: a usage error.
    let (code, _, err) = run(&["connect", "tcp", "127.0.0.1:99999"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("port 99999 is out of range"), "{err}");
}

#[test]
fn set_rcvbuf_shows_requested_and_effective_in_json() {
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0", "--set", "rcvbuf=65536", "--json"], false);
    let lines = json_until(&mut serve, "setsockopt", |v| is_event(v, "setsockopt"));
    let v = lines.last().unwrap();
    assert_eq!(v["option"], "SO_RCVBUF");
    assert_eq!(v["name"], "rcvbuf");
    assert_eq!(v["requested"], "65536");
    assert_eq!(v["effective"], "131072", "Linux doubles SO_RCVBUF: {v}");
    assert!(v["read_error"].is_null(), "{v}");
    json_listen_port(&mut serve);
    assert_eq!(interrupt(&mut serve).0, 0);
}

#[test]
fn unknown_option_is_a_usage_error_listing_the_options() {
    let (code, out, err) = run(&["serve", "tcp", "127.0.0.1:0", "--set", "bogus=1"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert!(err.contains("unknown option 'bogus'"), "{err}");
    for name in ["reuseaddr", "nodelay", "rcvbuf", "sndbuf", "linger"] {
        assert!(err.contains(name), "{name} missing from {err}");
    }
}

#[test]
fn serve_udp_echo_with_a_python_client() {
    let mut serve = socklab(&["serve", "udp", "127.0.0.1:0", "--reply", "echo"], true);
    let port = stderr_bound_port(&mut serve);
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.sendto(b"udp \x00\xfe ping\n", ("127.0.0.1", int(sys.argv[1])))
for _ in range(2):
    d, src = s.recvfrom(65536)
    out(d.hex(), addr(src))
"#,
        &[&port.to_string()],
    );
    let expected = b"udp \x00\xfe ping\n".to_vec();
    assert_eq!(py.line(), format!("{} 127.0.0.1:{port}", hex(&expected)), "the echo, from the bound port");
    // The datagram also went to stdout, unchanged.
    let ctx = || String::new();
    serve.stdout.wait_until("the datagram on stdout", &ctx, |b| b == expected.as_slice());
    // A line of stdin goes, as one datagram, to the last peer heard from.
    serve.write(b"from stdin\n");
    assert_eq!(py.line(), format!("{} 127.0.0.1:{port}", hex(b"from stdin\n")));
    assert_eq!(interrupt(&mut serve).0, 0);
}

#[test]
fn connect_udp_to_a_python_echo_server() {
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
out(s.getsockname()[1])
for _ in range(2):
    d, src = s.recvfrom(65536)
    out(d.hex())
    s.sendto(d, src)
"#,
        &[],
    );
    let port = py.line();
    let mut client = socklab(&["connect", "udp", &format!("127.0.0.1:{port}"), "--wait", "300"], true);
    client.feed_and_close(b"one\ntwo\n".to_vec());
    // One datagram per line.
    assert_eq!(py.line(), "6f6e650a");
    assert_eq!(py.line(), "74776f0a");
    let (code, out, err) = client.finish();
    assert_eq!((code, String::from_utf8_lossy(&out).as_ref()), (0, "one\ntwo\n"), "stderr: {err}");
}

#[test]
fn connect_udp_to_a_closed_port_reports_econnrefused_and_fails() {
    let port = std::net::UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut client = socklab(&["connect", "udp", &format!("127.0.0.1:{port}"), "--wait", "300"], true);
    client.feed_and_close(b"anyone there?\n".to_vec());
    let (code, out, err) = client.finish();
    // Loopback answers the datagram with ICMP port unreachable, which the
    // connected socket's next recv() reports.
    assert!(err.contains("recvfrom failed: ECONNREFUSED"), "{err}");
    assert!(err.contains("ICMP port unreachable"), "the hint must fit UDP: {err}");
    assert_eq!(out, b"");
    assert_eq!(code, 1, "an error before closing is a failure: {err}");
}

#[test]
fn connect_unix_dgram_to_a_python_echo_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = dir.path().join("server.sock").display().to_string();
    let client = dir.path().join("client.sock").display().to_string();
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
out("ready")
d, src = s.recvfrom(65536)
out(d.hex(), src)
s.sendto(b"echo: " + d, src)
"#,
        &[&server],
    );
    assert_eq!(py.line(), "ready");
    let mut c = socklab(&["connect", "unix-dgram", &server, "--bind", &client, "--wait", "300"], true);
    c.feed_and_close(b"over unix dgram\n".to_vec());
    assert_eq!(py.line(), format!("{} {client}", hex(b"over unix dgram\n")), "sent from the --bind path");
    let (code, out, err) = c.finish();
    assert_eq!((code, String::from_utf8_lossy(&out).as_ref()), (0, "echo: over unix dgram\n"), "stderr: {err}");
    assert!(!std::path::Path::new(&client).exists(), "the client's socket file must be removed");
}

#[test]
fn serve_sends_stdin_to_clients_and_stops_cleanly_on_sigint() {
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0", "--json"], true);
    let port = json_listen_port(&mut serve);
    let mut ncat = Proc::spawn("ncat", Command::new("ncat").args(["127.0.0.1", &port.to_string()]), true);
    json_until(&mut serve, "accept", |v| is_event(v, "accept"));

    serve.write(b"hello client\n");
    let ctx = || String::new();
    ncat.stdout.wait_until("the server's line", &ctx, |b| b == b"hello client\n");
    ncat.write(b"hi server\n");
    let lines = json_until(&mut serve, "recv", |v| is_event(v, "recv"));
    assert_eq!(lines.last().unwrap()["text"], "hi server\n");

    let (code, out) = interrupt(&mut serve);
    assert_eq!(code, 0, "a SIGINT is a clean stop");
    let rest = rest_json(&out);
    let names: Vec<&str> = rest.iter().filter_map(|v| v["event"].as_str()).collect();
    assert!(names.ends_with(&["close", "close", "stopped"]), "{names:?}");
    assert_eq!(rest[rest.len() - 3]["conn"], 1, "{rest:#?}");
    // The server closed the connection gracefully (FIN, not RST): once its
    // stdin ends too, ncat exits without an error.
    ncat.close_stdin();
    let (code, out, err) = ncat.finish();
    assert_eq!((code, out.as_slice()), (0, &b"hello client\n"[..]), "all ncat got; stderr: {err}");
}

#[test]
fn serve_unix_echo_with_socat_then_the_file_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cli.sock");
    let path_s = path.display().to_string();
    let mut serve = socklab(&["serve", "unix", &path_s, "--reply", "echo"], false);
    serve.stderr_line_with(&format!("socklab: listen({path_s}"));
    let mut socat = Proc::spawn("socat", Command::new("socat").args(["-", &format!("UNIX-CONNECT:{path_s}")]), true);
    socat.feed_and_close(b"over a unix socket\n".to_vec());
    let (code, out, err) = socat.finish();
    assert_eq!((code, out.as_slice()), (0, &b"over a unix socket\n"[..]), "socat stderr: {err}");
    assert_eq!(interrupt(&mut serve).0, 0);
    assert!(!path.exists(), "the socket file must be removed");
}
