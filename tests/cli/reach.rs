//! Who can reach what the CLI opens, and what it leaves behind: warnings
//! before binding beyond loopback, the kernel's choice of a UDP client's
//! source address, Unix socket paths (abstract, temporary), and JSON names
//! a script can match on.

use std::process::Command;

use super::support::{Proc, hex};
use super::{interrupt, is_event, json_listen_port, json_until, run, socklab, socklab_with};

#[test]
fn serve_warns_before_binding_every_interface() {
    // Loopback only: the port is held on 127.0.0.1, so 0.0.0.0 cannot bind it
    // and nothing is ever reachable from outside during the test.
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = held.local_addr().expect("addr").port();
    let (code, _, err) = run(&["serve", "tcp", &format!("0.0.0.0:{port}")]);
    assert_eq!(code, 1, "{err}");
    let warning = format!(
        "socklab: 0.0.0.0:{port} is every interface: anyone who can reach this machine over a network can connect; to keep it to this machine, use 127.0.0.1:{port}"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.first().is_some_and(|l| l.starts_with(&warning)), "the warning comes first: {err}");
    assert!(err.contains("EADDRINUSE"), "{err}");
    // On loopback, not a word.
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0"], false);
    serve.stderr_line_with("socklab: listen(127.0.0.1:");
    assert_eq!(interrupt(&mut serve).0, 0);
    let err = serve.stderr.text();
    assert!(!err.contains("interface"), "{err}");
}

#[test]
fn connect_udp_to_a_host_name_sends_from_where_the_kernel_picks() {
    // Needs engine change (b): a UDP endpoint with an empty address
    // connect()s to its peer unbound. Before, a host name meant 0.0.0.0.
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
try:
    # Where localhost is ::1 first, answer there too.
    s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s6.bind(("::1", port))
except OSError:
    s6 = None
out(port)
import select
ready, _, _ = select.select([x for x in (s, s6) if x], [], [], 10)
d, src = ready[0].recvfrom(65536)
ready[0].sendto(d, src)
out(d.hex(), addr(src))
"#,
        &[],
    );
    let port = py.line();
    let mut client = socklab(&["connect", "udp", &format!("localhost:{port}"), "--wait", "300"], true);
    client.feed_and_close(b"by name\n".to_vec());
    let seen = py.line();
    let (code, out, err) = client.finish();
    assert_eq!((code, out.as_slice()), (0, &b"by name\n"[..]), "stderr: {err}");
    let (data, from) = seen.split_once(' ').expect("hex and address");
    assert_eq!(data, hex(b"by name\n"));
    assert!(from.starts_with("127.0.0.1:") || from.starts_with("[::1]:"), "sent from loopback: {from}");
    // The local address the kernel picked is shown, and it is the one the peer saw.
    assert!(err.contains(&format!("({from})")), "the local address is shown: {err}");
    assert!(!err.contains("0.0.0.0") && !err.contains("[::]"), "{err}");
}

#[test]
fn connect_unix_dgram_leaves_no_socket_file_when_it_fails() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut client = socklab_with(&["connect", "unix-dgram", "/nonexistent/server.sock"], true, |cmd| {
        cmd.env("TMPDIR", tmp.path());
    });
    client.close_stdin();
    let (code, _, err) = client.finish();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("connect(/nonexistent/server.sock) failed: ENOENT"), "{err}");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).expect("read dir").collect();
    assert!(left.is_empty(), "left behind in TMPDIR: {left:?}");
}

#[test]
fn serve_unix_at_a_name_is_an_abstract_socket() {
    // Needs engine change (c): '@' is Linux's abstract namespace.
    let dir = tempfile::tempdir().expect("tempdir");
    let name = format!("socklab-test-{}", std::process::id());
    let mut serve = socklab_with(&["serve", "unix", &format!("@{name}"), "--reply", "echo"], false, |cmd| {
        cmd.current_dir(dir.path());
    });
    serve.stderr_line_with("socklab: listen(");
    let mut py = Proc::python(
        r#"
c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
c.connect("\0" + sys.argv[1])
c.sendall(b"abstract\n")
out(recv_line(c).decode().strip())
"#,
        &[&name],
    );
    assert_eq!(py.line(), "abstract");
    assert_eq!(interrupt(&mut serve).0, 0);
    let files: Vec<_> = std::fs::read_dir(dir.path()).expect("read dir").collect();
    assert!(files.is_empty(), "an abstract socket has no file: {files:?}");
}

#[test]
fn a_peers_fin_is_the_json_event_eof() {
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0", "--json"], false);
    let port = json_listen_port(&mut serve);
    let mut ncat = Proc::spawn("ncat", Command::new("ncat").args(["127.0.0.1", &port.to_string()]), true);
    ncat.feed_and_close(b"bye\n".to_vec());
    // What follows the data is the FIN, under a name a script can match.
    let lines = json_until(&mut serve, "the event after #1's data", |v| {
        v["conn"] == 1 && !is_event(v, "accept") && !is_event(v, "recv")
    });
    let fin = lines.last().expect("a line");
    assert!(is_event(fin, "eof"), "{fin}");
    for v in &lines {
        let name = v["event"].as_str().unwrap_or_default();
        assert!(!name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{v}");
    }
    assert_eq!(interrupt(&mut serve).0, 0);
}
