//! Standard input with nowhere to go, and lines too long for one datagram:
//! memory stays bounded and the input keeps flowing.

use std::io::Write;

use crossbeam_channel::bounded;

use super::support::{Proc, WAIT};
use super::{interrupt, is_event, json_until, socklab, stderr_bound_port};

#[test]
fn serve_discards_stdin_with_no_client_and_goes_on_reading() {
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0", "-v"], true);
    let port = stderr_bound_port(&mut serve);
    // 3 MiB with nobody to send them to: more than the 1 MiB that may wait
    // for the socket. Written on a thread: a serve that stops reading must
    // fail the deadline below, not block the test.
    let mut stdin = serve.take_stdin();
    let (tx, rx) = bounded(1);
    std::thread::spawn(move || {
        let written = stdin.write_all(&vec![b'x'; 3 << 20]).and_then(|()| stdin.flush());
        let _ = tx.send((written.is_ok(), stdin));
    });
    let (written, mut stdin) = rx.recv_timeout(WAIT).expect("serve must go on reading stdin with no client");
    assert!(written);
    serve.stderr_until("no client is connected: stdin is discarded until one connects");

    let mut py = Proc::python(
        r#"
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
got = b""
while not got.endswith(b"MARK\n"):
    d = c.recv(65536)
    if not d:
        break
    got += d
out(got[-5:].decode())
"#,
        &[&port.to_string()],
    );
    serve.stderr_line_with("accept()");
    stdin.write_all(b"MARK\n").and_then(|()| stdin.flush()).expect("write");
    assert_eq!(py.line(), "MARK", "input reaches a client that came later");
    assert_eq!(interrupt(&mut serve).0, 0);
    let err = serve.stderr.text();
    assert_eq!(err.matches("no client is connected").count(), 1, "said once: {err}");
}

#[test]
fn a_line_longer_than_a_datagram_is_sent_in_pieces() {
    let mut serve = socklab(&["serve", "udp", "127.0.0.1:0"], true);
    let port = stderr_bound_port(&mut serve);
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
s.bind(("127.0.0.1", 0))
s.sendto(b"hi\n", ("127.0.0.1", int(sys.argv[1])))
sizes, total = [], 0
while total < 2 * 200001:
    d = s.recv(1 << 17)
    sizes.append(len(d))
    total += len(d)
out(*sizes)
"#,
        &[&port.to_string()],
    );
    let ctx = String::new;
    serve.stdout.wait_until("the peer's datagram", &ctx, |b| b == b"hi\n");
    let mut line = vec![b'a'; 200_000];
    line.push(b'\n');
    serve.write(&line);
    serve.write(&line);
    // 200,001 bytes: three datagrams of the largest UDP payload and the rest.
    assert_eq!(py.line(), "65507 65507 65507 3480 65507 65507 65507 3480");
    assert_eq!(interrupt(&mut serve).0, 0);
    let err = serve.stderr.text();
    let warning = "a line of stdin is longer than the largest datagram (65507 bytes)";
    assert_eq!(err.matches(warning).count(), 1, "one warning: {err}");
}

#[test]
fn many_short_lines_wait_for_the_socket_instead_of_being_refused() {
    // 6,000 two-byte datagrams to a Unix datagram peer that reads nothing
    // until told to: more than a datagram worker queues (4,096), far less
    // than the 1 MiB that may wait in bytes. Each must wait and then arrive
    // (Unix datagrams are not dropped), none be refused as "queue full".
    let dir = tempfile::tempdir().expect("tempdir");
    let server = dir.path().join("serve.sock").display().to_string();
    let client = dir.path().join("peer.sock").display().to_string();
    let mut serve = socklab(&["serve", "unix-dgram", &server, "--json"], true);
    json_until(&mut serve, "bind", |v| is_event(v, "bind"));
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[2])
s.sendto(b"hi\n", sys.argv[1])
wait_go()
n = 0
while n < 6000:
    s.recv(100)
    n += 1
out("received", n)
"#,
        &[&server, &client],
    );
    json_until(&mut serve, "the peer's datagram", |v| is_event(v, "recv"));
    serve.feed_and_close(b"x\n".repeat(6000));
    json_until(&mut serve, "the first send", |v| is_event(v, "send") || is_event(v, "error"));
    py.send_line("go");
    // Each datagram is a "send" event, or an "error" if it was refused.
    let (mut sent, mut errors) = (1, Vec::new());
    while sent < 6000 && errors.len() < 3 {
        let v = serve.json_line();
        sent += usize::from(is_event(&v, "send"));
        if is_event(&v, "error") {
            errors.push(v);
        }
    }
    assert!(errors.is_empty(), "refused after {sent} sends: {errors:?}");
    assert_eq!(py.line(), "received 6000");
    assert_eq!(interrupt(&mut serve).0, 0);
}
