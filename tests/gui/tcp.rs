//! Issue 9 in the GUI: the inspector's TCP panel shows the kernel's state of
//! the selected socket (watched only while shown), and the centre's
//! Sequence tab draws the connection as a ladder with presenter controls
//! and an SVG export.

use std::io::Write as _;
use std::net::{Shutdown, TcpListener, TcpStream};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use socklab::app::SocklabApp;
use socklab::model::Status;
use socklab::net::{Addr, Command, EndpointId, EndpointKind, EndpointSpec, ReplyMode};
use socklab::ui::Selection;

use super::gui_support::{ChosenPaths, open, port_of, shown_text, status};
use super::{harness, wait_until};

/// Steps frames until `label` is shown exactly, failing after 15 s.
fn wait_for_label(h: &mut Harness<'_, SocklabApp>, label: &str) {
    h.step();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while h.query_by_label(label).is_none() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {label:?} to be shown");
        h.step();
    }
}

#[test]
fn the_tcp_panel_shows_established_then_time_wait_after_our_close_and_is_watched_only_while_shown() {
    let mut h = harness();
    let peer = TcpListener::bind("127.0.0.1:0").expect("bind the peer");
    let addr = peer.local_addr().expect("addr").to_string();
    let client = open(&mut h, "client", EndpointSpec::new(EndpointKind::TcpClient, addr));
    wait_until(&mut h, "the client to connect", |a| status(a, client) == Some(Status::Connected));
    let (accepted, _) = peer.accept().expect("accept");
    wait_for_label(&mut h, "ESTABLISHED");
    assert_eq!(h.state().tcp_watched(), [client], "shown, so watched");
    assert!(
        h.query_by_label_contains("The handshake is done").is_some(),
        "the state's plain explanation is under the badge"
    );

    // Hidden: no longer watched; shown again: watched again.
    h.state_mut().settings.show_inspector = false;
    h.run_steps(3);
    assert!(h.state().tcp_watched().is_empty(), "nothing shown, nothing watched");
    h.state_mut().settings.show_inspector = true;
    h.run_steps(3);
    assert_eq!(h.state().tcp_watched(), [client]);

    // We close first: FIN_WAIT2 until the peer closes too, then TIME_WAIT (through sock_diag).
    h.state_mut().engine_command(Command::Close { id: client, abort: false });
    wait_for_label(&mut h, "FIN_WAIT2");
    drop(accepted);
    wait_for_label(&mut h, "TIME_WAIT");
    assert!(h.query_by_label_contains("State machine, now: TIME_WAIT").is_some(), "the diagram lights it");
}

#[test]
fn the_tcp_panel_shows_close_wait_on_the_side_that_received_fin() {
    let mut h = harness();
    let mut spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(ReplyMode::None);
    spec.keep_half_open = true;
    let server = open(&mut h, "server", spec);
    wait_until(&mut h, "the server to listen", |a| status(a, server) == Some(Status::Listening));
    wait_for_label(&mut h, "LISTEN");
    let mut peer = TcpStream::connect(("127.0.0.1", port_of(h.state(), server))).expect("connect");
    wait_until(&mut h, "the connection", |a| a.model.endpoints.get(&server).is_some_and(|s| s.conns.len() == 1));
    let conn = h.state().model.endpoints[&server].conns.keys().next().copied();
    h.state_mut().selection = Some(Selection { endpoint: server, conn });
    wait_for_label(&mut h, "ESTABLISHED");
    peer.write_all(b"bye\n").expect("write");
    peer.shutdown(Shutdown::Write).expect("FIN");
    wait_for_label(&mut h, "CLOSE_WAIT");
}

/// The arrows the sequence tab says it draws ("9 arrows · 12 of 14 events").
fn arrows_drawn(h: &Harness<'_, SocklabApp>) -> usize {
    let label = shown_text(&h.get_by_label_contains(" arrows · "));
    label.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no count in {label:?}"))
}

/// A TCP server on a port the OS picks and a client connected to it: (server, client).
fn connected_pair(h: &mut Harness<'_, SocklabApp>) -> (EndpointId, EndpointId) {
    let server = open(h, "server", EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0"));
    wait_until(h, "the server to listen", |a| status(a, server) == Some(Status::Listening));
    let addr = format!("127.0.0.1:{}", port_of(h.state(), server));
    let client = open(h, "client", EndpointSpec::new(EndpointKind::TcpClient, addr));
    wait_until(h, "the client to connect", |a| status(a, client) == Some(Status::Connected));
    (server, client)
}

fn send(h: &mut Harness<'_, SocklabApp>, id: EndpointId, data: &[u8]) {
    h.state_mut().engine_command(Command::Send { id, target: socklab::net::Target::Peer, data: data.to_vec() });
}

#[test]
fn the_sequence_tab_draws_handshake_and_data_pauses_steps_and_exports_svg() {
    use socklab::ui::sequence_view::{export_svg, live, pause, step_back, step_forward, tab_sequence};
    let dir = tempfile::tempdir().expect("tempdir");
    let svg_path = dir.path().join("ladder.svg");
    let dialogs = std::sync::Arc::new(ChosenPaths::saving_files_to(svg_path.clone()));
    let options = socklab::app::AppOptions { dialogs: Some(dialogs), ..Default::default() };
    let mut h = super::harness_with(super::WINDOW, options);
    let (server, client) = connected_pair(&mut h);
    wait_until(&mut h, "the server to accept", |a| a.model.endpoints[&server].conns.len() == 1);
    h.get_by_label(&tab_sequence()).click();
    for label in ["SYN →", "← SYN-ACK", "ACK →"] {
        wait_for_label(&mut h, label);
    }
    send(&mut h, client, b"hello\n");
    wait_for_label(&mut h, "6 B \"hello\\n\" →");
    let before = arrows_drawn(&h);

    // Paused: the next send is recorded (the server gets it) but not drawn.
    h.get_by_label(&pause()).click();
    h.run_steps(2);
    send(&mut h, client, b"again\n");
    wait_until(&mut h, "the server to receive it", |a| a.model.endpoints[&server].bytes_in >= 12);
    h.run_steps(4);
    assert_eq!(arrows_drawn(&h), before, "paused: the drawing stands still");
    assert!(h.query_by_label("6 B \"again\\n\" →").is_none(), "the new send is not drawn");

    h.get_by_label(&live()).click();
    wait_for_label(&mut h, "6 B \"again\\n\" →");
    let live = arrows_drawn(&h);
    assert!(live > before, "live again: {live} arrows, {before} before");

    // One step back hides the last receive, so its arrow; one forward brings it back.
    h.get_by_label(&step_back()).click();
    h.run_steps(3);
    assert_eq!(arrows_drawn(&h), live - 1);
    h.get_by_label(&step_forward()).click();
    h.run_steps(3);
    assert_eq!(arrows_drawn(&h), live);

    h.get_by_label(&export_svg()).click();
    wait_until(&mut h, "the SVG to be written", |_| svg_path.exists());
    let svg = std::fs::read_to_string(&svg_path).expect("read the SVG");
    let texts = super::svg::svg_texts(&svg).join(" ");
    assert!(texts.contains("SYN-ACK") && texts.contains("hello"), "the diagram's words are in it: {texts}");
}

#[test]
fn a_replay_redraws_the_connection_slowly_then_stops_at_its_last_step() {
    use socklab::ui::sequence_view::{replay, tab_sequence};
    let mut h = harness();
    // Before anything is drawn: the diagram is younger than this.
    let opened = std::time::Instant::now();
    let (server, client) = connected_pair(&mut h);
    h.get_by_label(&tab_sequence()).click();
    // The kernel's first sample comes a watch interval (250 ms) after the tab
    // shows: the data then comes well after the handshake, so the replay lasts.
    wait_until(&mut h, "a TCP_INFO sample", |a| {
        a.model.endpoints[&client].tcp.get(Some(0)).is_some_and(|v| !v.samples.is_empty())
    });
    send(&mut h, client, b"hello\n");
    wait_for_label(&mut h, "6 B \"hello\\n\" →");
    // The server's recv too, drawn (the replay covers the steps drawn when it starts).
    wait_until(&mut h, "the server to read it", |a| a.model.endpoints[&server].bytes_in >= 6);
    let key = socklab::model::sequence::FlowKey::stream(client, 0);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let n = h.state().model.sequence.diagram(&key).map_or(0, |d| d.steps.len());
        if h.query_by_label_contains(&format!(" · {n} of {n} events")).is_some() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the tab never drew the model's {n} steps");
        h.step();
    }
    let live = arrows_drawn(&h);

    h.get_by_label("0.25×").click();
    h.run_steps(2);
    h.get_by_label(&replay()).click();
    h.run_steps(2);
    let start = arrows_drawn(&h);
    assert!(start < live, "the replay starts from the beginning: {start} of {live} arrows");
    // At 0.25× the replay lasts four times the diagram, which is younger than `opened`.
    let deadline = std::time::Instant::now() + opened.elapsed() * 4 + std::time::Duration::from_secs(10);
    let mut most = start;
    // It ends paused at the step that was newest when it began (a receive
    // reported after that is not part of it, so the count may stay below `live`).
    while h.query_by_label_contains("paused").is_none() {
        assert!(std::time::Instant::now() < deadline, "the replay never ended");
        h.step();
        most = most.max(arrows_drawn(&h));
    }
    assert!(arrows_drawn(&h) > start, "the replay drew more as it went: from {start} to {most} of {live}");
    h.get_by_label(&socklab::ui::sequence_view::live()).click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("paused").is_none());
}

#[test]
fn the_presenter_layout_shows_only_the_state_the_diagram_and_the_conversation() {
    use socklab::ui::sequence_view::{presenter, tab_sequence};
    let mut h = harness();
    let (_, client) = connected_pair(&mut h);
    send(&mut h, client, b"hello\n");
    h.get_by_label(&tab_sequence()).click();
    wait_for_label(&mut h, "6 B \"hello\\n\" →");
    assert!(h.query_by_label("+ TCP server").is_some(), "the endpoint list is shown");

    h.get_by_label(&presenter()).click();
    wait_for_label(&mut h, &socklab::app::presenter_leave());
    wait_for_label(&mut h, "ESTABLISHED");

    assert!(h.query_by_label("+ TCP server").is_none(), "the endpoint list is hidden");
    assert!(h.query_by_label("Socket options").is_none(), "so is the inspector");
    assert!(h.query_by_label("SYN →").is_some(), "the diagram stays");
    assert!(h.query_all_by_label_contains("hello").count() >= 2, "and the conversation beside its arrow");

    h.get_by_label(&socklab::app::presenter_leave()).click();
    h.run_steps(3);
    assert!(h.query_by_label("+ TCP server").is_some(), "every panel is back");
}

/// The sequence tab pixel for pixel, from events with fixed times and ports: a
/// client connects, sends three pieces the server reads in one recv, gets a
/// reply, half-closes, and both ends close.
#[test]
fn snapshot_the_sequence_tab_of_a_handshake_three_sends_one_recv_and_a_close() {
    use socklab::net::{Event, EventKind};
    use socklab::ui::sequence_view::tab_sequence;
    socklab::util::clock::show_utc(true);
    let mut h = super::harness_with([1280.0, 800.0], socklab::app::AppOptions::default());
    let at = |ms: u64| std::time::UNIX_EPOCH + std::time::Duration::from_millis(1_795_305_600_000 + ms);
    let inet = |port: u16| Addr::Inet(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
    let (server, client) = (901, 902);
    let model = &mut h.state_mut().model;
    model.add_endpoint(server, "server".into(), EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:9000"));
    model.add_endpoint(client, "client".into(), EndpointSpec::new(EndpointKind::TcpClient, "127.0.0.1:9000"));
    let stream = || EventKind::Socket { conn: None, family: "AF_INET", ty: "SOCK_STREAM" };
    let sent = |conn, data: &str| EventKind::Sent { conn, to: None, data: data.as_bytes().to_vec() };
    let received = |conn, data: &str| EventKind::Received { conn, from: None, data: data.as_bytes().to_vec().into() };
    let events = [
        (0, server, stream()),
        (1, server, EventKind::Listening { local: inet(9000), backlog: 128 }),
        (2, client, stream()),
        (5, client, EventKind::Connected { conn: 0, local: inet(50001), peer: inet(9000) }),
        (5, server, EventKind::Accepted { conn: 1, local: inet(9000), peer: inet(50001) }),
        (900, client, sent(0, "GET ")),
        (901, client, sent(0, "/ ")),
        (902, client, sent(0, "HTTP/1.0\n")),
        (903, server, received(1, "GET / HTTP/1.0\n")),
        (950, server, sent(1, "200 OK\n")),
        (951, client, received(0, "200 OK\n")),
        (1_500, client, EventKind::Shutdown { conn: 0 }),
        (1_501, server, EventKind::PeerClosed { conn: 1 }),
        (1_502, server, EventKind::Closed { conn: Some(1), abortive: false }),
        (1_503, client, EventKind::PeerClosed { conn: 0 }),
        (1_504, client, EventKind::Closed { conn: Some(0), abortive: false }),
    ];
    for (ms, endpoint, kind) in events {
        model.apply(Event { time: at(ms), endpoint, kind });
    }
    h.state_mut().selection = Some(Selection { endpoint: client, conn: None });
    h.run_steps(2);
    h.get_by_label(&tab_sequence()).click();
    h.run_steps(6);
    assert!(h.query_by_label_contains("3 sends → 1 recv").is_some(), "the coalesced sends are labelled");
    h.snapshot("sequence_tab_1280x800");
}

#[test]
fn the_sequence_diagram_pops_out_into_its_own_window() {
    use socklab::ui::sequence_view::{pop_out, tab_sequence};
    let mut h = harness();
    let (_, client) = connected_pair(&mut h);
    h.get_by_label(&tab_sequence()).click();
    wait_for_label(&mut h, "SYN →");
    h.get_by_label(&pop_out()).click();
    h.run_steps(4);
    assert_eq!(h.state().sequence_windows_open(), [client]);
    assert!(h.query_by_label_contains("socklab — sequence — client").is_some(), "a window titled after it");
    assert_eq!(h.query_all_by_label("SYN →").count(), 2, "the diagram in the centre and in the window");
}
