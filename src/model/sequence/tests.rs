//! The sequence model fed with engine events as the workers report them.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use super::*;
use crate::net::NetError;

const SERVER: EndpointId = 1;
const CLIENT: EndpointId = 2;

fn inet(port: u16) -> Addr {
    Addr::Inet(SocketAddr::from(([127, 0, 0, 1], port)))
}

/// Events with times one millisecond apart, in the order given.
struct Feed {
    seq: Sequence,
    t: SystemTime,
}

impl Feed {
    fn new(limits: SequenceLimits) -> Feed {
        Feed { seq: Sequence::new(limits), t: SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000) }
    }

    fn ev(&mut self, endpoint: EndpointId, kind: EventKind) -> &mut Feed {
        self.t += Duration::from_millis(1);
        self.seq.apply(&Event { time: self.t, endpoint, kind });
        self
    }

    fn tcp(&mut self, endpoint: EndpointId) -> &mut Feed {
        self.ev(endpoint, EventKind::Socket { conn: None, family: "AF_INET", ty: "SOCK_STREAM" })
    }

    fn udp(&mut self, endpoint: EndpointId, port: u16) -> &mut Feed {
        self.ev(endpoint, EventKind::Socket { conn: None, family: "AF_INET", ty: "SOCK_DGRAM" });
        self.ev(endpoint, EventKind::Bound { local: inet(port) })
    }

    fn sent(&mut self, endpoint: EndpointId, conn: ConnId, data: &[u8]) -> &mut Feed {
        self.ev(endpoint, EventKind::Sent { conn, to: None, data: data.to_vec() })
    }

    fn received(&mut self, endpoint: EndpointId, conn: ConnId, data: &[u8]) -> &mut Feed {
        self.ev(endpoint, EventKind::Received { conn, from: None, data: data.to_vec().into() })
    }

    /// A server on :9000 and a client from :5000, both in socklab, connected.
    fn connected_pair(&mut self) -> &mut Feed {
        self.tcp(SERVER).ev(SERVER, EventKind::Listening { local: inet(9000), backlog: 128 }).tcp(CLIENT);
        self.ev(CLIENT, EventKind::Connected { conn: 0, local: inet(5000), peer: inet(9000) });
        self.ev(SERVER, EventKind::Accepted { conn: 1, local: inet(9000), peer: inet(5000) })
    }
}

fn signals(d: &Diagram) -> Vec<String> {
    d.arrows.iter().map(|a| format!("{:?}{}", a.from, text::arrow_label(a).split(' ').next().unwrap_or(""))).collect()
}

fn states(d: &Diagram, side: Side) -> Vec<TcpState> {
    d.marks
        .iter()
        .filter(|m| m.side == side)
        .filter_map(|m| match m.kind {
            MarkKind::State { state, .. } => Some(state),
            _ => None,
        })
        .collect()
}

fn shapes(groups: &[Group]) -> Vec<(usize, usize)> {
    groups.iter().map(|g| (g.sends.len(), g.recvs.len())).collect()
}

fn assert_downward(d: &Diagram) {
    for a in &d.arrows {
        assert!(a.to_step >= a.from_step, "arrow {a:?} points up in {:#?}", d.steps);
    }
}

#[test]
fn a_joined_connection_draws_handshake_data_groups_and_both_fins() {
    let mut f = Feed::new(SequenceLimits::default());
    f.connected_pair();
    f.sent(CLIENT, 0, b"abc").sent(CLIENT, 0, b"def").sent(CLIENT, 0, b"ghi").received(SERVER, 1, b"abcdefghi");
    f.sent(SERVER, 1, &[b'x'; 400]);
    for _ in 0..4 {
        f.received(CLIENT, 0, &[b'x'; 100]);
    }
    f.ev(CLIENT, EventKind::Shutdown { conn: 0 }).ev(SERVER, EventKind::PeerClosed { conn: 1 });
    f.ev(SERVER, EventKind::Closed { conn: Some(1), abortive: false }).ev(CLIENT, EventKind::PeerClosed { conn: 0 });
    f.ev(CLIENT, EventKind::Closed { conn: Some(0), abortive: false });

    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("the client's flow");
    assert_eq!(d.lanes[1].flow, Some(FlowKey::stream(SERVER, 1)), "joined to the server's connection");
    assert_eq!(
        signals(&d),
        [
            "LocalSYN",
            "PeerSYN-ACK",
            "LocalACK",
            "Local3",
            "Local3",
            "Local3",
            "Peer100",
            "Peer100",
            "Peer100",
            "Peer100",
            "LocalFIN",
            "PeerFIN"
        ]
    );
    assert_eq!(shapes(d.groups_from(Side::Local)), [(3, 1)], "3 sends → 1 recv");
    assert_eq!(shapes(d.groups_from(Side::Peer)), [(1, 4)], "1 send → 4 recvs");
    use TcpState::*;
    assert_eq!(states(&d, Side::Local), [SynSent, Established, FinWait1, TimeWait]);
    assert_eq!(states(&d, Side::Peer), [SynRecv, Established, CloseWait, LastAck]);
    assert_downward(&d);
    // The server's own diagram is the same connection with the lanes swapped.
    let s = f.seq.diagram(&FlowKey::stream(SERVER, 1)).expect("the server's flow");
    assert_eq!(shapes(s.groups_from(Side::Peer)), [(3, 1)]);
    assert_eq!(s.arrows.len(), d.arrows.len());
}

#[test]
fn every_conversation_is_drawn_once_even_when_both_ends_are_socklabs() {
    let mut f = Feed::new(SequenceLimits::default());
    f.connected_pair();
    f.tcp(3).ev(3, EventKind::Connected { conn: 0, local: inet(6000), peer: inet(80) });
    let all = f.seq.diagrams();
    let lanes: Vec<_> = all.iter().map(|d| (d.lanes[0].flow.clone(), d.lanes[1].flow.clone())).collect();
    assert_eq!(
        lanes,
        [(Some(FlowKey::stream(CLIENT, 0)), Some(FlowKey::stream(SERVER, 1))), (Some(FlowKey::stream(3, 0)), None)]
    );
}

#[test]
fn reports_that_arrive_out_of_order_still_draw_every_arrow_downwards() {
    let mut f = Feed::new(SequenceLimits::default());
    f.tcp(SERVER).ev(SERVER, EventKind::Listening { local: inet(9000), backlog: 1 }).tcp(CLIENT);
    // The server's worker handed its accept and recv over before the client's worker did.
    f.ev(SERVER, EventKind::Accepted { conn: 1, local: inet(9000), peer: inet(5000) });
    f.ev(CLIENT, EventKind::Connected { conn: 0, local: inet(5000), peer: inet(9000) });
    f.received(SERVER, 1, b"hello").sent(CLIENT, 0, b"hel").sent(CLIENT, 0, b"lo");
    let d = f.seq.diagram(&FlowKey::stream(SERVER, 1)).expect("flow");
    assert_downward(&d);
    assert_eq!(shapes(d.groups_from(Side::Peer)), [(2, 1)]);
    let recv = d.marks.iter().find(|m| matches!(m.kind, MarkKind::Call(Call::Recv { .. }))).expect("recv");
    assert_eq!(recv.kind, MarkKind::Call(Call::Recv { bytes: 5, sends: 2 }));
}

#[test]
fn an_abortive_close_is_rst_and_the_peer_sees_econnreset() {
    let mut f = Feed::new(SequenceLimits::default());
    f.connected_pair().ev(CLIENT, EventKind::Closed { conn: Some(0), abortive: true });
    let reset = NetError::from_io("recv", &std::io::Error::from_raw_os_error(libc::ECONNRESET));
    f.ev(SERVER, EventKind::Error { conn: Some(1), error: reset });
    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("flow");
    let rst: Vec<&Arrow> = d.arrows.iter().filter(|a| a.signal == Signal::Rst).collect();
    assert_eq!(rst.len(), 1);
    assert_eq!((rst[0].from, rst[0].end), (Side::Local, End::Arrived));
    assert!(!d.arrows.iter().any(|a| a.signal == Signal::Fin), "no FIN with SO_LINGER 0");
    assert_eq!(states(&d, Side::Peer).last(), Some(&TcpState::Closed));
}

#[test]
fn closing_a_connection_the_peer_reset_sends_no_fin() {
    let mut f = Feed::new(SequenceLimits::default());
    f.connected_pair().ev(CLIENT, EventKind::Closed { conn: Some(0), abortive: true });
    let reset = NetError::from_io("recv", &std::io::Error::from_raw_os_error(libc::ECONNRESET));
    // The server's worker closes the connection after reporting the reset.
    f.ev(SERVER, EventKind::Error { conn: Some(1), error: reset });
    f.ev(SERVER, EventKind::Closed { conn: Some(1), abortive: false });
    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("flow");
    assert_eq!(signals(&d), ["LocalSYN", "PeerSYN-ACK", "LocalACK", "LocalRST"]);
    assert_eq!(states(&d, Side::Peer).last(), Some(&TcpState::Closed));
}

#[test]
fn a_plain_close_with_so_linger_zero_is_drawn_as_rst() {
    let mut f = Feed::new(SequenceLimits::default());
    let linger = |secs| crate::net::OptionReport {
        opt: crate::net::SockOpt::Linger,
        requested: None,
        effective: Ok(crate::net::OptValue::Linger(secs)),
    };
    f.tcp(CLIENT).ev(CLIENT, EventKind::OptionSet { conn: None, report: linger(Some(0)) });
    f.ev(CLIENT, EventKind::Connected { conn: 0, local: inet(5000), peer: inet(80) });
    f.ev(CLIENT, EventKind::Closed { conn: Some(0), abortive: false });
    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("flow");
    assert_eq!(d.arrows.last().map(|a| &a.signal), Some(&Signal::Rst));
    // Linger with a timeout is an orderly close.
    f.tcp(3).ev(3, EventKind::Options { conn: None, reports: vec![linger(Some(5))] });
    f.ev(3, EventKind::Connected { conn: 0, local: inet(5001), peer: inet(80) });
    f.ev(3, EventKind::Closed { conn: Some(0), abortive: false });
    let d = f.seq.diagram(&FlowKey::stream(3, 0)).expect("flow");
    assert_eq!(d.arrows.last().map(|a| &a.signal), Some(&Signal::Fin));
}

#[test]
fn a_peer_outside_socklab_gets_mirrored_states_and_arrows_across() {
    let mut f = Feed::new(SequenceLimits::default());
    f.tcp(CLIENT).ev(CLIENT, EventKind::Connected { conn: 0, local: inet(5000), peer: inet(80) });
    f.sent(CLIENT, 0, b"GET /").received(CLIENT, 0, b"200").ev(CLIENT, EventKind::PeerClosed { conn: 0 });
    f.ev(CLIENT, EventKind::Closed { conn: Some(0), abortive: true });
    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("flow");
    assert_eq!(d.lanes[1].flow, None);
    assert_eq!(signals(&d), ["LocalSYN", "PeerSYN-ACK", "LocalACK", "Local5", "Peer3", "PeerFIN", "LocalRST"]);
    let send = &d.arrows[3];
    assert_eq!((send.end, send.from_step == send.to_step), (End::Unseen, true));
    use TcpState::*;
    assert_eq!(states(&d, Side::Local), [SynSent, Established, CloseWait, Closed]);
    assert_eq!(states(&d, Side::Peer), [SynRecv, Established, FinWait1, Closed]);
    assert!(d.groups.iter().all(Vec::is_empty), "nothing to join with");
}

#[test]
fn datagrams_join_one_to_one_and_kernel_drops_become_crosses() {
    let mut f = Feed::new(SequenceLimits::default());
    f.udp(CLIENT, 5000).udp(SERVER, 9000);
    for i in 1..=5u8 {
        f.ev(CLIENT, EventKind::Sent { conn: 0, to: Some(inet(9000)), data: vec![i] });
    }
    for i in [1u8, 4, 5] {
        f.ev(SERVER, EventKind::Received { conn: 0, from: Some(inet(5000)), data: vec![i].into() });
    }
    f.ev(SERVER, EventKind::Loss { engine_dropped: 0, kernel_dropped: Some(2), echo_dropped: 0, settled: false });
    let d = f.seq.diagram(&FlowKey::datagram(CLIENT, inet(9000))).expect("flow");
    let mut sent: Vec<&Arrow> = d.arrows.iter().filter(|a| a.from == Side::Local).collect();
    sent.sort_by_key(|a| a.from_step);
    let ends: Vec<End> = sent.iter().map(|a| a.end).collect();
    assert_eq!(ends, [End::Arrived, End::Lost, End::Lost, End::Arrived, End::Arrived]);
    assert_downward(&d);
    let server = f.seq.diagram(&FlowKey::datagram(SERVER, inet(5000))).expect("flow");
    let lost = server.marks.iter().find_map(|m| match &m.kind {
        MarkKind::Call(Call::Lost { kernel, .. }) => Some(*kernel),
        _ => None,
    });
    assert_eq!(lost, Some(2), "the receiver's lane says how many the kernel dropped");
}

#[test]
fn history_is_bounded_per_flow_and_in_flows_and_what_falls_out_is_counted() {
    let mut f = Feed::new(SequenceLimits { rows_per_flow: 10, flows: 2 });
    f.connected_pair();
    for _ in 0..100 {
        f.sent(CLIENT, 0, b"x");
    }
    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("flow");
    assert_eq!(d.dropped, 91, "1 connect + 100 sends, 10 kept");
    assert!(d.steps.len() <= 10 + 10, "at most both flows' rows");
    f.tcp(3).ev(3, EventKind::Connected { conn: 0, local: inet(6000), peer: inet(7000) });
    assert_eq!(f.seq.flows().len(), 2);
    assert_eq!(f.seq.dropped_flows, 1);
    assert!(f.seq.flow(&FlowKey::stream(CLIENT, 0)).is_none(), "the oldest went first");
    let server = f.seq.flow(&FlowKey::stream(SERVER, 1)).expect("still there");
    assert_eq!(server.partner, None, "its partner is gone");
}

#[test]
fn kernel_states_are_drawn_as_reported_and_the_calls_fill_the_gaps() {
    let mut f = Feed::new(SequenceLimits::default());
    f.connected_pair();
    let t = f.t;
    f.seq.kernel_state(t, CLIENT, 0, TcpState::Established);
    f.ev(CLIENT, EventKind::Shutdown { conn: 0 });
    f.seq.kernel_state(t + Duration::from_secs(1), CLIENT, 0, TcpState::FinWait2);
    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("flow");
    let local: Vec<(TcpState, bool)> = d
        .marks
        .iter()
        .filter(|m| m.side == Side::Local)
        .filter_map(|m| match m.kind {
            MarkKind::State { state, from_kernel } => Some((state, from_kernel)),
            _ => None,
        })
        .collect();
    // The handshake before the first report is inferred; the kernel confirms ESTABLISHED;
    // FIN_WAIT1, too quick for a sample, is what shutdown() implies.
    assert_eq!(
        local,
        [
            (TcpState::SynSent, false),
            (TcpState::Established, true),
            (TcpState::FinWait1, false),
            (TcpState::FinWait2, true)
        ]
    );
    // The server has not read the FIN yet: from its calls alone it is still ESTABLISHED.
    assert_eq!(d.states_at(d.steps.len()), [Some(TcpState::FinWait2), Some(TcpState::Established)]);
}

#[test]
fn a_peer_seen_by_the_kernel_shows_its_reported_states_between_mirrored_ones() {
    let mut f = Feed::new(SequenceLimits::default());
    f.tcp(SERVER).ev(SERVER, EventKind::Accepted { conn: 1, local: inet(9000), peer: inet(5000) });
    let t = f.t;
    f.seq.peer_kernel_state(t, SERVER, 1, TcpState::Established);
    f.ev(SERVER, EventKind::PeerClosed { conn: 1 });
    f.seq.peer_kernel_state(f.t, SERVER, 1, TcpState::FinWait2);
    let d = f.seq.diagram(&FlowKey::stream(SERVER, 1)).expect("flow");
    assert!(d.lanes[1].seen_by_kernel);
    assert!(text::lane_title(&d, Side::Peer).contains("seen by the kernel"));
    // Mirrored from our calls (dashed), corrected by what the kernel reports.
    assert_eq!(
        states(&d, Side::Peer),
        [TcpState::SynSent, TcpState::Established, TcpState::FinWait1, TcpState::FinWait2]
    );
    let reported: Vec<bool> = d
        .marks
        .iter()
        .filter(|m| m.side == Side::Peer)
        .filter_map(|m| match m.kind {
            MarkKind::State { from_kernel, .. } => Some(from_kernel),
            _ => None,
        })
        .collect();
    assert_eq!(reported, [false, true, false, true]);
    assert_eq!(states(&d, Side::Local), [TcpState::SynRecv, TcpState::Established, TcpState::CloseWait]);
}

#[test]
fn engine_events_feed_kernel_states_and_time_wait_after_the_close() {
    use crate::net::StateSource;
    use crate::net::kernel::KernelSocket;
    use TcpState::*;
    let change = |conn, from, to, source| EventKind::TcpState { conn, from, to, info: None, source };
    let mut f = Feed::new(SequenceLimits::default());
    f.tcp(CLIENT).ev(CLIENT, EventKind::Connected { conn: 0, local: inet(5000), peer: inet(9000) });
    f.ev(CLIENT, change(Some(0), None, Established, StateSource::TcpInfo));
    f.ev(CLIENT, change(None, None, Listen, StateSource::TcpInfo)); // a listener's: no flow
    let peer = |state| KernelSocket {
        state,
        local: SocketAddr::from(([127, 0, 0, 1], 9000)),
        remote: SocketAddr::from(([127, 0, 0, 1], 5000)),
        recv_q: 0,
        send_q: 0,
        uid: 1000,
        inode: 42,
        info: None,
    };
    f.ev(CLIENT, EventKind::PeerSeen { conn: 0, peer: Box::new(peer(Established)) });
    f.ev(CLIENT, EventKind::Shutdown { conn: 0 });
    f.ev(CLIENT, change(Some(0), Some(Established), FinWait2, StateSource::TcpInfo));
    f.ev(CLIENT, EventKind::PeerSeen { conn: 0, peer: Box::new(peer(CloseWait)) });
    f.ev(CLIENT, EventKind::PeerSeen { conn: 0, peer: Box::new(peer(CloseWait)) }); // queues changed only
    f.ev(CLIENT, EventKind::PeerClosed { conn: 0 }).ev(CLIENT, EventKind::Closed { conn: Some(0), abortive: false });
    f.ev(CLIENT, change(Some(0), Some(FinWait2), TimeWait, StateSource::SockDiag));
    f.ev(CLIENT, EventKind::Stopped);
    f.ev(CLIENT, change(Some(0), Some(TimeWait), Closed, StateSource::SockDiag));
    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("flow");
    assert_eq!(states(&d, Side::Local), [SynSent, Established, FinWait1, FinWait2, TimeWait, Closed]);
    assert_eq!(states(&d, Side::Peer), [SynRecv, Established, CloseWait, LastAck], "our recv() = 0 implies its close");
    assert!(d.lanes[1].seen_by_kernel);
    // The kernel enters TIME_WAIT when the peer's FIN arrives: sock_diag's report
    // after close() confirms the state the calls implied there.
    let fin = d.marks.iter().find(|m| m.kind == MarkKind::Call(Call::PeerFin)).expect("recv() = 0");
    let time_wait = d.marks.iter().find(|m| matches!(m.kind, MarkKind::State { state: TimeWait, .. }));
    assert_eq!(
        time_wait.map(|m| (m.step, &m.kind)),
        Some((fin.step, &MarkKind::State { state: TimeWait, from_kernel: true }))
    );
}

#[test]
fn unix_stream_clients_join_only_when_unambiguous() {
    let mut f = Feed::new(SequenceLimits::default());
    let path = Addr::Unix("/tmp/s".into());
    f.ev(SERVER, EventKind::Socket { conn: None, family: "AF_UNIX", ty: "SOCK_STREAM" });
    f.ev(CLIENT, EventKind::Socket { conn: None, family: "AF_UNIX", ty: "SOCK_STREAM" });
    f.ev(SERVER, EventKind::Accepted { conn: 1, local: path.clone(), peer: Addr::Unnamed });
    f.ev(CLIENT, EventKind::Connected { conn: 0, local: Addr::Unnamed, peer: path.clone() });
    f.sent(CLIENT, 0, b"hi").received(SERVER, 1, b"hi");
    let d = f.seq.diagram(&FlowKey::stream(CLIENT, 0)).expect("flow");
    assert_eq!(d.lanes[1].flow, Some(FlowKey::stream(SERVER, 1)));
    assert_eq!(signals(&d), ["Local2"], "no SYN or TCP states on a Unix stream");
    assert!(states(&d, Side::Local).is_empty());
    // Two servers' connections from unnamed clients: which is whose is unknown.
    f.ev(3, EventKind::Socket { conn: None, family: "AF_UNIX", ty: "SOCK_STREAM" });
    f.ev(SERVER, EventKind::Accepted { conn: 2, local: path.clone(), peer: Addr::Unnamed });
    f.ev(SERVER, EventKind::Accepted { conn: 3, local: path.clone(), peer: Addr::Unnamed });
    f.ev(3, EventKind::Connected { conn: 0, local: Addr::Unnamed, peer: path });
    assert_eq!(f.seq.flow(&FlowKey::stream(3, 0)).and_then(|fl| fl.partner.clone()), None);
}
