//! Backpressure: a caller that does not drain stalls the sender instead of
//! growing memory, and everything still arrives in order.

use super::*;

// ---------------------------------------------------------------------------
// Backpressure
// ---------------------------------------------------------------------------

#[test]
fn undrained_events_stall_the_sender_then_everything_arrives() {
    // More than the engine may hold undelivered (its in-flight budget) plus
    // the kernel's buffers, which the small SO_RCVBUF/SO_SNDBUF keep small.
    const SIZE: usize = 96 << 20;
    let (engine, mut rx) = engine();
    let spec = tcp_server(ReplyMode::None).with_option(SockOpt::RcvBuf, OptValue::Int(65536));
    let (id, local) = open_server(&engine, &mut rx, spec);
    let mut py = Proc::python(
        r#"
port, size = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
s.connect(("127.0.0.1", port))
view = memoryview(bytes(range(256)) * (size // 256))
off = 0
stalled = False
s.settimeout(1.0)
while off < size:
    try:
        off += s.send(view[off:off + (1 << 20)])
    except socket.timeout:
        if stalled:
            raise
        # A whole second without the socket taking one byte.
        stalled = True
        out("stalled", off)
        s.settimeout(10)
out("sent", off)
s.close()
"#,
        &[&inet(&local).port().to_string(), &SIZE.to_string()],
    );
    // Not draining: the sender must stall, well short of the end.
    let line = py.line();
    let stalled_at: usize =
        line.strip_prefix("stalled ").unwrap_or_else(|| panic!("the sender never stalled: {line:?}")).parse().unwrap();
    assert!(stalled_at < SIZE, "{stalled_at}");
    assert!(py.try_status().is_none(), "the sender must still be blocked");
    assert!(rx.events.len() > 100, "the undrained events are waiting in the channel: {}", rx.events.len());

    // Draining lets it all arrive, in order, byte for byte.
    let periodic = pattern(0, (1 << 20) + 256);
    let mut total = 0usize;
    let end = support::deadline();
    loop {
        let ev = rx.events.recv_deadline(end).unwrap_or_else(|| panic!("timed out at {total} of {SIZE} bytes"));
        assert_eq!(ev.endpoint, id);
        match ev.kind {
            EventKind::Received { data, .. } => {
                let start = total % 256;
                assert!(data == periodic[start..start + data.len()], "wrong bytes at offset {total}");
                total += data.len();
            }
            EventKind::PeerClosed { .. } => break,
            other @ (EventKind::Error { .. } | EventKind::Closed { .. } | EventKind::Stopped) => {
                panic!("unexpected {other:?} at {total} of {SIZE} bytes")
            }
            _ => {}
        }
    }
    assert_eq!(total, SIZE);
    assert_eq!(py.line(), format!("sent {SIZE}"));
    assert_eq!(py.wait_exit().code(), Some(0));
    close(&engine, &mut rx, id);
}
