//! Counters that add up when the traffic stops: after a UDP burst, the
//! kernel's drop count is read again once the socket is quiet, so delivered +
//! dropped equals sent without waiting for another datagram to carry it.

use socklab::net::{EndpointKind, EndpointSpec, EventKind, OptValue, SockOpt};

use super::close;
use super::support::{Proc, engine, inet, open_dgram};

#[test]
fn after_a_burst_the_settled_loss_adds_up_without_another_datagram() {
    const SENT: u64 = 20_000;
    let (engine, mut rx) = engine();
    // A small receive buffer: the kernel must drop, up to the burst's last datagram.
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_option(SockOpt::RcvBuf, OptValue::Int(4096));
    let (id, local) = open_dgram(&engine, &mut rx, spec);
    let mut py = Proc::python(
        r#"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
port, n = int(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    s.sendto(b"%06d" % i, ("127.0.0.1", port))
out("sent", n)
"#,
        &[&inet(&local).port().to_string(), &SENT.to_string()],
    );
    let mut delivered = 0u64;
    let mut burst_over = false;
    let (engine_dropped, kernel_dropped) = loop {
        let kind = rx.wait_kind(id, "a settled loss count adding up to what was sent", |k| {
            matches!(k, EventKind::Received { .. } | EventKind::Loss { .. })
        });
        match kind {
            EventKind::Received { .. } => delivered += 1,
            EventKind::Loss { engine_dropped, kernel_dropped, settled: true, .. } => {
                // A pause inside the burst settles too; the last one must add up.
                if !burst_over {
                    assert_eq!(py.line(), format!("sent {SENT}"));
                    burst_over = true;
                }
                let total = delivered + engine_dropped + kernel_dropped.unwrap_or(0);
                if total == SENT {
                    break (engine_dropped, kernel_dropped.unwrap_or(0));
                }
                assert!(total < SENT, "more accounted for than sent: {total}");
            }
            EventKind::Loss { .. } => {}
            _ => unreachable!(),
        }
    };
    println!("delivered {delivered}, dropped by socklab {engine_dropped}, by the kernel {kernel_dropped}");
    assert!(kernel_dropped > 0, "the small buffer made the kernel drop some of the burst");
    assert_eq!(py.wait_exit().code(), Some(0));
    let rest = close(&engine, &mut rx, id);
    assert!(!rest.iter().any(|k| matches!(k, EventKind::Received { .. })), "no datagram came after: {rest:?}");
}
