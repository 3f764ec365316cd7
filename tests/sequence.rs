//! The sequence diagram fed by the real engine: a server and a client in one
//! engine, every event applied to the model as it arrives. Assertions are on
//! the model (groups, arrows, states), not on pixels.
#![cfg(target_os = "linux")]

mod support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use socklab::model::ladder_svg;
use socklab::model::sequence::{Diagram, End, FlowKey, MarkKind, Sequence, SequenceLimits, Side, Signal, What};
use socklab::net::kernel::{SockDiag, TcpState};
use socklab::net::{
    Command, EndpointId, EndpointKind, EndpointSpec, Engine, Event, EventKind, Events, NoWaker, OptValue, SockOpt,
    Target,
};
use support::{deadline, inet};

/// What a test waits for: a name for the timeout message, and the test.
type Condition<'a> = (&'a str, &'a dyn Fn(&Event) -> bool);

/// An engine whose every event goes into a sequence model, in arrival order.
struct Ladder {
    engine: Engine,
    events: Events,
    seq: Sequence,
    history: Vec<String>,
}

impl Ladder {
    fn new() -> Ladder {
        let (engine, events) = Engine::new(Arc::new(NoWaker));
        Ladder { engine, events, seq: Sequence::new(SequenceLimits::default()), history: Vec::new() }
    }

    fn feed(&mut self, ev: &Event) {
        self.seq.apply(ev);
        self.history.push(format!("[ep {}] {}", ev.endpoint, ev.kind.summary()));
    }

    /// Takes events until `done` accepts one (and returns it). Panics after the deadline.
    fn until(&mut self, what: &str, mut done: impl FnMut(&Event) -> bool) -> Event {
        let end = deadline();
        loop {
            let Some(ev) = self.events.recv_deadline(end) else {
                panic!("timed out waiting for {what}; events:\n{}", self.history.join("\n"))
            };
            self.feed(&ev);
            if done(&ev) {
                return ev;
            }
        }
    }

    /// Takes events until each condition has accepted one. Two workers report
    /// the two ends of a connection, so what one end did may arrive after the
    /// other end's reaction to it: a test waits for every event it asserts on.
    fn until_each(&mut self, conditions: &[Condition<'_>]) {
        let mut seen = vec![false; conditions.len()];
        let end = deadline();
        while seen.contains(&false) {
            let Some(ev) = self.events.recv_deadline(end) else {
                let missing: Vec<&str> = conditions.iter().zip(&seen).filter(|(_, s)| !**s).map(|(c, _)| c.0).collect();
                panic!("timed out waiting for {}; events:\n{}", missing.join(", "), self.history.join("\n"))
            };
            self.feed(&ev);
            for ((_, done), seen) in conditions.iter().zip(&mut seen) {
                *seen |= done(&ev);
            }
        }
    }

    /// Takes the events that arrive within `wait` (at least one wait, at most that long).
    fn pump(&mut self, wait: Duration) {
        if let Some(ev) = self.events.recv_timeout(wait) {
            self.feed(&ev);
        }
        while let Some(ev) = self.events.try_recv() {
            self.feed(&ev);
        }
    }

    /// Sends on `key`'s connection and waits until every byte has left in send() calls.
    fn send(&mut self, key: &FlowKey, data: &[u8]) {
        let target = if key.conn == 0 { Target::Peer } else { Target::Conn(key.conn) };
        let goal = self.totals(key).0 + data.len() as u64;
        self.engine.send(Command::Send { id: key.endpoint, target, data: data.to_vec() }).expect("send");
        let end = deadline();
        while self.totals(key).0 < goal {
            assert!(Instant::now() < end, "send() never took the bytes; events:\n{}", self.history.join("\n"));
            self.pump(Duration::from_millis(5));
        }
    }

    /// A TCP server and a client (with these options) connected; the client's and the server's flows.
    fn pair(&mut self, options: &[(SockOpt, OptValue)]) -> (EndpointId, EndpointId, FlowKey, FlowKey) {
        // The tests close each side themselves, so the server keeps a half-closed
        // connection open instead of closing it on the client's FIN.
        let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").keeping_half_open();
        let server = self.engine.open(spec).expect("open");
        let ev = self.until("listen", |e| e.endpoint == server && matches!(e.kind, EventKind::Listening { .. }));
        let EventKind::Listening { local, .. } = ev.kind else { unreachable!() };
        let mut spec = EndpointSpec::new(EndpointKind::TcpClient, local.to_string());
        for (opt, value) in options {
            spec = spec.with_option(*opt, value.clone());
        }
        let client = self.engine.open(spec).expect("open");
        // connect() and accept() are reported by two workers, in either order.
        let end = deadline();
        let accepted = loop {
            let conns = self.seq.flows_of(server);
            if let (Some(s), false) = (conns.first(), self.seq.flows_of(client).is_empty()) {
                break s.key.clone();
            }
            assert!(Instant::now() < end, "no connection; events:\n{}", self.history.join("\n"));
            self.pump(Duration::from_millis(5));
        };
        (server, client, FlowKey::stream(client, 0), accepted)
    }

    /// Stream bytes a flow has sent and received so far, by the model.
    fn totals(&self, key: &FlowKey) -> (u64, u64) {
        let flow = self.seq.flow(key).expect("flow");
        let (mut sent, mut received) = (0, 0);
        for r in flow.rows() {
            match &r.what {
                What::Send { range, .. } => sent = range.end,
                What::Recv { range, .. } => received = range.end,
                _ => {}
            }
        }
        (sent, received)
    }

    /// Waits until `to` has received everything `from` sent.
    fn delivered(&mut self, from: &FlowKey, to: &FlowKey) {
        let end = deadline();
        while self.totals(to).1 < self.totals(from).0 {
            assert!(Instant::now() < end, "bytes never arrived; events:\n{}", self.history.join("\n"));
            self.pump(Duration::from_millis(5));
        }
    }

    fn diagram(&self, key: &FlowKey) -> Diagram {
        self.seq.diagram(key).expect("a diagram")
    }
}

fn shapes(d: &Diagram, from: Side) -> Vec<(usize, usize)> {
    d.groups_from(from).iter().map(|g| (g.sends.len(), g.recvs.len())).collect()
}

fn addr_of(flow: Option<&socklab::model::sequence::Flow>, local: bool) -> SocketAddr {
    let f = flow.expect("flow");
    inet(if local { f.local.as_ref() } else { f.remote.as_ref() }.expect("address"))
}

/// Small sends after a ping-pong exchange, each one waited for until the
/// server has it or the kernel holds it back (notsent_bytes, seen through
/// sock_diag). After the ping-pong the server delays its ACKs, so with Nagle
/// the first small send stays unacknowledged and the next ones wait for it.
/// Returns the client→server groups and whether the kernel ever held bytes.
fn small_sends(nodelay: bool) -> (Vec<(usize, usize)>, bool) {
    const ATTEMPTS: usize = 3;
    const SENDS: usize = 6;
    let mut l = Ladder::new();
    let (_, _, ckey, skey) = l.pair(&[(SockOpt::NoDelay, OptValue::Bool(nodelay))]);
    let (local, remote) = (addr_of(l.seq.flow(&ckey), true), addr_of(l.seq.flow(&ckey), false));
    let mut diag = SockDiag::open().expect("sock_diag");
    let mut held = false;
    for attempt in 0..ATTEMPTS {
        // The server answers at once: TCP treats it as interactive and delays its ACKs.
        l.send(&ckey, format!("ping {attempt}\n").as_bytes());
        l.delivered(&ckey, &skey);
        l.send(&skey, b"pong\n");
        l.delivered(&skey, &ckey);
        for i in 0..SENDS {
            l.send(&ckey, format!("small {i}\n").as_bytes());
            let end = deadline();
            loop {
                if l.totals(&skey).1 >= l.totals(&ckey).0 {
                    break;
                }
                let seen = diag.find(local, remote).expect("sock_diag").and_then(|s| s.info);
                if seen.is_some_and(|i| i.notsent_bytes > 0) {
                    held = true;
                    break;
                }
                assert!(Instant::now() < end, "neither delivered nor held; events:\n{}", l.history.join("\n"));
                l.pump(Duration::from_millis(1));
            }
        }
        l.delivered(&ckey, &skey);
        if shapes(&l.diagram(&ckey), Side::Local).iter().any(|&(s, _)| s > 1) {
            break; // Coalesced: one round shows it (a stalled machine may need another).
        }
    }
    (shapes(&l.diagram(&ckey), Side::Local), held)
}

#[test]
fn nagle_coalesces_small_sends_that_tcp_nodelay_delivers_one_by_one() {
    let (nagle, nagle_held) = small_sends(false);
    let (nodelay, nodelay_held) = small_sends(true);
    assert!(nagle_held, "with Nagle the kernel held small sends back: {nagle:?}");
    assert!(nagle.iter().any(|&(s, r)| s >= 2 && r == 1), "with Nagle, sends coalesce into one recv: {nagle:?}");
    assert!(!nodelay_held, "with TCP_NODELAY nothing waits: {nodelay:?}");
    assert!(nodelay.iter().all(|&g| g == (1, 1)), "with TCP_NODELAY each send is its own recv: {nodelay:?}");
    assert_ne!(nagle, nodelay);
}

#[test]
fn so_linger_zero_close_is_drawn_as_rst_reaching_the_peer() {
    let mut l = Ladder::new();
    let (server, client, ckey, skey) = l.pair(&[(SockOpt::Linger, OptValue::Linger(Some(0)))]);
    l.send(&ckey, b"bye");
    l.delivered(&ckey, &skey);
    // An ordinary close(): SO_LINGER 0 is what turns it into RST.
    l.engine.send(Command::Close { id: client, abort: false }).expect("close");
    let reset_on_the_accepted_conn = |e: &Event| {
        e.endpoint == server
            && matches!(&e.kind, EventKind::Error { conn: Some(c), error }
                if *c == skey.conn && error.errno.as_deref() == Some("ECONNRESET"))
    };
    l.until_each(&[
        ("the server to see the reset", &reset_on_the_accepted_conn),
        ("the client's close", &|e| {
            e.endpoint == client && matches!(e.kind, EventKind::Closed { conn: Some(c), .. } if c == ckey.conn)
        }),
    ]);
    let d = l.diagram(&ckey);
    let rst: Vec<_> = d.arrows.iter().filter(|a| a.signal == Signal::Rst).collect();
    assert_eq!(rst.len(), 1, "one RST: {:?}", d.arrows);
    assert_eq!((rst[0].from, rst[0].end), (Side::Local, End::Arrived), "from the client, seen by the server");
    assert!(rst[0].to_step > rst[0].from_step);
    assert!(!d.arrows.iter().any(|a| a.signal == Signal::Fin), "no FIN: {:?}", d.arrows);
    assert_eq!(d.states_at(d.steps.len()), [Some(TcpState::Closed), Some(TcpState::Closed)]);
}

#[test]
fn a_real_connection_draws_handshake_split_data_and_both_closes() {
    let mut l = Ladder::new();
    let (server, client, ckey, skey) = l.pair(&[]);
    let big = vec![b'x'; 200_000];
    l.send(&ckey, &big);
    l.delivered(&ckey, &skey);
    l.engine.send(Command::ShutdownWrite { id: client, conn: None }).expect("shutdown");
    l.until("FIN at the server", |e| e.endpoint == server && matches!(e.kind, EventKind::PeerClosed { .. }));
    l.engine.send(Command::ShutdownWrite { id: server, conn: Some(skey.conn) }).expect("shutdown");
    l.until_each(&[
        ("the server's shutdown", &|e| e.endpoint == server && matches!(e.kind, EventKind::Shutdown { .. })),
        ("the client to end", &|e| e.endpoint == client && matches!(e.kind, EventKind::Stopped)),
    ]);

    let d = l.diagram(&ckey);
    assert_eq!(d.lanes[1].flow.as_ref(), Some(&skey), "joined to the server's connection");
    let signals: Vec<&str> = d
        .arrows
        .iter()
        .filter_map(|a| match a.signal {
            Signal::Syn => Some("SYN"),
            Signal::SynAck => Some("SYN-ACK"),
            Signal::Ack => Some("ACK"),
            Signal::Fin => Some("FIN"),
            Signal::Rst => Some("RST"),
            _ => None,
        })
        .collect();
    assert_eq!(signals, ["SYN", "SYN-ACK", "ACK", "FIN", "FIN"]);
    for a in &d.arrows {
        assert!(a.to_step >= a.from_step, "{a:?} points up");
        assert_eq!(a.end, End::Arrived, "both ends are in socklab: {a:?}");
    }
    // 200,000 bytes cannot arrive in fewer than four 64 KiB reads.
    let recvs: usize = d.groups_from(Side::Local).iter().map(|g| g.recvs.len()).sum();
    assert!(recvs >= 4, "{:?}", shapes(&d, Side::Local));
    assert!(d.groups_from(Side::Local).iter().all(|g| g.complete && g.bytes > 0));
    use TcpState::*;
    let states = |side| -> Vec<TcpState> {
        d.marks
            .iter()
            .filter(|m| m.side == side)
            .filter_map(|m| match m.kind {
                MarkKind::State { state, .. } => Some(state),
                _ => None,
            })
            .collect()
    };
    assert_eq!(states(Side::Local), [SynSent, Established, FinWait1, TimeWait]);
    assert_eq!(states(Side::Peer), [SynRecv, Established, CloseWait, LastAck]);
    let svg = ladder_svg::render(std::slice::from_ref(&d));
    for label in [">SYN<", ">SYN-ACK<", ">FIN<", ">TIME_WAIT<"] {
        assert!(svg.contains(label), "{label} missing from the SVG");
    }
}
