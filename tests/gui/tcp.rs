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

use super::{harness, wait_until};

fn open(h: &mut Harness<'_, SocklabApp>, name: &str, spec: EndpointSpec) -> EndpointId {
    let ctx = h.ctx.clone();
    h.state_mut().open_endpoint(&ctx, name, spec)
}

fn status(app: &SocklabApp, id: EndpointId) -> Option<Status> {
    app.model.endpoints.get(&id).map(|e| e.status)
}

fn port_of(app: &SocklabApp, id: EndpointId) -> u16 {
    match app.model.endpoints.get(&id).and_then(|e| e.local.clone()) {
        Some(Addr::Inet(a)) => a.port(),
        other => panic!("no address: {other:?}"),
    }
}

/// Steps frames until `label` is shown exactly, failing after 15 s.
fn wait_for_label(h: &mut Harness<'_, SocklabApp>, label: &str) {
    wait_until(h, label, |_| true);
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
