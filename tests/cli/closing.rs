//! How `connect` ends a TCP conversation: a peer's FIN closes only its
//! side, so stdin keeps going to it until stdin ends; a reset is an error.

use super::socklab;
use super::support::Proc;

const TWENTY_MB: usize = 20_000_000;

/// A peer that shuts down its sending side at once, then reads and counts.
const HALF_CLOSING_COUNTER: &str = r#"
c = accept_one()
c.sendall(b"send me everything\n")
c.shutdown(socket.SHUT_WR)
n = 0
while True:
    d = c.recv(1 << 20)
    if not d:
        break
    n += len(d)
out("counted", n)
"#;

#[test]
fn connect_keeps_sending_to_a_peer_that_half_closed() {
    let mut py = Proc::python(HALF_CLOSING_COUNTER, &[]);
    let port = py.line();
    let mut client = socklab(&["connect", "tcp", &format!("127.0.0.1:{port}")], true);
    client.feed_and_close(vec![b'z'; TWENTY_MB]);
    let (code, out, err) = client.finish();
    assert_eq!(py.line(), format!("counted {TWENTY_MB}"), "every byte of stdin must arrive; socklab stderr: {err}");
    assert_eq!((code, out.as_slice()), (0, &b"send me everything\n"[..]), "stderr: {err}");
    assert!(err.contains("the peer closed its sending side (FIN)"), "{err}");
}

#[test]
fn connect_reports_a_reset_after_the_peers_half_close() {
    // Half-closes, reads a little, then closes with SO_LINGER 0: an RST.
    let mut py = Proc::python(
        r#"
c = accept_one()
c.shutdown(socket.SHUT_WR)
recv_n(c, 100000)
c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
c.close()
out("reset")
"#,
        &[],
    );
    let port = py.line();
    let mut client = socklab(&["connect", "tcp", &format!("127.0.0.1:{port}")], true);
    client.feed_and_close(vec![b'z'; TWENTY_MB]);
    assert_eq!(py.line(), "reset");
    let (code, out, err) = client.finish();
    assert_eq!(out, b"");
    assert_eq!(code, 1, "a reset is a network error: {err}");
    assert!(err.contains("ECONNRESET") || err.contains("EPIPE"), "the reset must be reported: {err}");
}
