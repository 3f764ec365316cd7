//! Drives the real app headlessly (egui_kittest): clicks, typing, and real
//! sockets behind it. Worker-driven results are awaited frame by frame with a
//! deadline, never by sleeping.

use std::net::UdpSocket;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::app::{AppOptions, DRAIN_BUDGET, SocklabApp};
use socklab::model::{Direction, Status};
use socklab::net::{Addr, EndpointKind, EndpointSpec, OptValue, SockOpt};

#[path = "gui/app_state.rs"]
mod app_state;
#[path = "gui/classroom.rs"]
mod classroom;
#[path = "gui/course.rs"]
mod course;
#[path = "gui/encoding.rs"]
mod encoding;
#[path = "gui/exposure.rs"]
mod exposure;
#[path = "gui/file_picker.rs"]
mod file_picker;
#[path = "support/gui.rs"]
mod gui_support;
#[path = "gui/half_open.rs"]
mod half_open;
#[path = "gui/language.rs"]
mod language;
#[path = "gui/lesson.rs"]
mod lesson;
#[path = "gui/loss.rs"]
mod loss;
#[path = "gui/protocol.rs"]
mod protocol;
#[path = "support/pseudo.rs"]
mod pseudo;
#[path = "support/mod.rs"]
mod support;
#[path = "support/svg.rs"]
mod svg;
#[path = "gui/sweep.rs"]
mod sweep;
#[path = "gui/sweep_conversation.rs"]
mod sweep_conversation;
#[path = "gui/sweep_frame.rs"]
mod sweep_frame;
#[path = "gui/sweep_panels.rs"]
mod sweep_panels;
#[path = "gui/sweep_tcp.rs"]
mod sweep_tcp;
#[path = "gui/tcp.rs"]
mod tcp;

use gui_support::{ChosenPaths, harness_with, wait_until};

/// The window most tests use.
const WINDOW: [f32; 2] = [1280.0, 820.0];

fn harness() -> Harness<'static, SocklabApp> {
    harness_with(WINDOW, AppOptions::default())
}

fn endpoint_of(app: &SocklabApp, kind: EndpointKind) -> Option<&socklab::model::EndpointState> {
    app.model.endpoints.values().find(|e| e.spec.kind == kind)
}

fn status_of(app: &SocklabApp, kind: EndpointKind) -> Option<Status> {
    endpoint_of(app, kind).map(|e| e.status)
}

/// Opens the form for `button`, sets the port, and presses Start.
fn start_from_form(h: &mut Harness<'_, SocklabApp>, button: &str, port: Option<&str>) {
    h.get_by_label(button).click();
    h.run_steps(4);
    if let Some(port) = port {
        h.get_by_label("Port").set_text_value_accesskit(port);
        h.run_steps(4);
    }
    h.get_by_label("▶ Start").click();
    h.run_steps(4);
}

#[test]
fn start_a_server_and_a_client_by_clicking_and_chat() {
    let mut h = harness();
    start_from_form(&mut h, "+ TCP server", Some("0"));
    wait_until(&mut h, "the server to listen", |a| status_of(a, EndpointKind::TcpServer) == Some(Status::Listening));
    let server_port = match endpoint_of(h.state(), EndpointKind::TcpServer).and_then(|e| e.local.clone()) {
        Some(Addr::Inet(a)) => a.port(),
        other => panic!("server has no address: {other:?}"),
    };
    assert_ne!(server_port, 0, "the real port is shown, not 0");

    // The client form is aimed at the running server already.
    start_from_form(&mut h, "+ TCP client", None);
    wait_until(&mut h, "the client to connect", |a| {
        status_of(a, EndpointKind::TcpClient) == Some(Status::Connected)
            && endpoint_of(a, EndpointKind::TcpServer).is_some_and(|s| s.conns.len() == 1)
    });
    let peer = endpoint_of(h.state(), EndpointKind::TcpClient).and_then(|e| e.peer.clone());
    assert_eq!(peer.map(|p| p.to_string()), Some(format!("127.0.0.1:{server_port}")));

    let message = h.get_by_label("Message");
    message.focus();
    message.type_text("hello 中文");
    h.run_steps(4);
    h.key_press(egui::Key::Enter);
    wait_until(&mut h, "the message to reach the server", |a| {
        endpoint_of(a, EndpointKind::TcpServer).is_some_and(|s| {
            s.conversation.iter().any(|m| m.dir == Direction::In && m.data == "hello 中文\n".as_bytes())
        })
    });
    wait_until(&mut h, "the echo to come back", |a| {
        endpoint_of(a, EndpointKind::TcpClient).is_some_and(|c| {
            c.conversation.iter().any(|m| m.dir == Direction::In && m.data == "hello 中文\n".as_bytes())
        })
    });
    // The server's own view shows it, once selected.
    let server_name = endpoint_of(h.state(), EndpointKind::TcpServer).map(|e| e.name.clone()).unwrap_or_default();
    h.get_all_by_label(&server_name).next().expect("the server in the endpoint list").click();
    h.run_steps(4);
    assert!(h.query_all_by_label("hello 中文").count() >= 1, "the server's conversation shows the message");

    // A hex typo is flagged in the composer and nothing is sent.
    let sent_before = endpoint_of(h.state(), EndpointKind::TcpServer).map(|e| e.msgs_out);
    h.get_by_label("hex").click();
    h.run_steps(2);
    let message = h.get_by_label("Message");
    message.focus();
    message.type_text("4g");
    h.run_steps(4);
    h.key_press(egui::Key::Enter);
    h.run_steps(4);
    assert!(h.query_by_label_contains("'g' is not a hex digit").is_some(), "the hex error is shown at the composer");
    assert!(h.get_by_label("Send").accesskit_node().is_disabled());
    assert_eq!(endpoint_of(h.state(), EndpointKind::TcpServer).map(|e| e.msgs_out), sent_before, "nothing sent");
}

#[test]
fn an_invalid_port_is_explained_at_the_field_and_nothing_starts() {
    let mut h = harness();
    h.get_by_label("+ TCP server").click();
    h.run_steps(4);
    h.get_by_label("Port").set_text_value_accesskit("70000");
    h.run_steps(4);
    assert!(h.query_by_label_contains("port 70000 is out of range").is_some());
    let start = h.get_by_label("▶ Start");
    assert!(start.accesskit_node().is_disabled(), "Start stays disabled");
    start.click();
    h.run_steps(4);
    h.get_by_label("Port").set_text_value_accesskit("abc");
    h.run_steps(4);
    assert!(h.query_by_label_contains("'abc' is not a number").is_some());
    assert!(h.state().model.endpoints.is_empty(), "nothing was opened");
}

#[test]
fn setting_an_option_shows_the_value_the_kernel_kept() {
    let mut h = harness();
    start_from_form(&mut h, "+ TCP server", Some("0"));
    wait_until(&mut h, "the server to listen", |a| status_of(a, EndpointKind::TcpServer) == Some(Status::Listening));
    // The option's name labels both its row and its editor; the editor comes last.
    h.get_all_by_label("SO_RCVBUF").last().expect("an editor named SO_RCVBUF").set_text_value_accesskit("65536");
    h.run_steps(4);
    h.get_all_by_label("SO_RCVBUF").last().expect("editor").focus();
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    wait_until(&mut h, "SO_RCVBUF to be read back", |a| {
        endpoint_of(a, EndpointKind::TcpServer).is_some_and(|s| {
            s.options
                .get(&None)
                .and_then(|o| o.get(&SockOpt::RcvBuf))
                .is_some_and(|v| v.requested == Some(OptValue::Int(65536)) && v.effective == Ok(OptValue::Int(131072)))
        })
    });
    h.run_steps(4);
    assert!(h.query_by_label("65536 → 131072").is_some(), "asked and kernel values side by side");
}

#[test]
fn an_endpoint_pops_out_into_its_own_window() {
    let mut h = harness();
    start_from_form(&mut h, "+ UDP socket", Some("0"));
    wait_until(&mut h, "the socket to bind", |a| status_of(a, EndpointKind::Udp) == Some(Status::Bound));
    h.get_by_label("Pop out ↗").click();
    h.run_steps(4);
    let name = endpoint_of(h.state(), EndpointKind::Udp).map(|e| e.name.clone()).unwrap_or_default();
    assert!(h.query_by_label_contains(&format!("socklab — {name}")).is_some(), "a window titled after the endpoint");
    assert!(h.get_all_by_label("Message").count() >= 2, "the window has its own composer");
}

/// 50,000 datagrams as fast as possible: the UI keeps drawing within its
/// budget and every datagram is accounted for, received or counted as lost.
#[test]
fn a_udp_flood_is_counted_exactly_and_frames_stay_within_budget() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_option(SockOpt::RcvBuf, OptValue::Int(4 << 20));
    let id = h.state_mut().open_endpoint(&ctx, "flood", spec);
    wait_until(&mut h, "the socket to bind", |a| a.model.endpoints.get(&id).is_some_and(|e| e.status == Status::Bound));
    let target = match h.state().model.endpoints.get(&id).and_then(|e| e.local.clone()) {
        Some(Addr::Inet(a)) => a,
        other => panic!("no address: {other:?}"),
    };
    const BURST: u64 = 50_000;
    let sender = std::thread::spawn(move || {
        let s = UdpSocket::bind("127.0.0.1:0").expect("bind sender");
        for i in 0..BURST {
            let _ = s.send_to(&i.to_be_bytes(), target);
        }
        s
    });
    // Frames that stopped applying events with more still waiting: the drain
    // yields to drawing instead of emptying the channel in one long frame.
    let mut yielded = 0u32;
    let mut frames = 0u32;
    let mut step = |h: &mut Harness<'_, SocklabApp>| {
        h.step();
        frames += 1;
        let s = h.state().stats;
        if s.backlog > 0 && s.events_last_frame > 0 {
            yielded += 1;
        }
        frames
    };
    while !sender.is_finished() {
        step(&mut h);
    }
    sender.join().expect("sender thread");
    // No marker datagram: once the socket is quiet the worker reads the
    // kernel's drop count again, so the counts add up on their own.
    let accounted =
        |a: &SocklabApp| a.model.endpoints.get(&id).map(|e| e.msgs_in + e.loss.0 + e.loss.1.unwrap_or(0)).unwrap_or(0);
    let settled = |a: &SocklabApp| a.model.endpoints.get(&id).is_some_and(|e| !e.loss_counting);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !(accounted(h.state()) == BURST && settled(h.state())) {
        step(&mut h);
        let ep = &h.state().model.endpoints[&id];
        assert!(Instant::now() < deadline, "not every datagram counted: {} received, lost {:?}", ep.msgs_in, ep.loss);
    }
    let ep = &h.state().model.endpoints[&id];
    println!("received {} of {BURST}, lost: {:?}, frames {frames}, yielded {yielded}", ep.msgs_in, ep.loss);
    assert_eq!(ep.msgs_in + ep.loss.0 + ep.loss.1.unwrap_or(0), BURST);
    assert!(ep.conversation.len() <= h.state().model.limits.messages, "the view's history is bounded");
    assert!(yielded > 0, "some frame left events for the next one (budget {DRAIN_BUDGET:?})");
}

/// The two screens the issue names, pixel for pixel: a chat server with two
/// clients on a projector (1024x768 at 150 %) and at 1280x800. The scene is
/// built from events with fixed times and ports, so nothing varies between
/// runs (times of day in UTC, whatever the machine's zone).
#[test]
fn snapshot_a_chat_server_with_two_clients_on_a_projector_and_a_laptop() {
    socklab::util::clock::show_utc(true);
    let mut results = egui_kittest::SnapshotResults::new();
    for (name, size, zoom) in
        [("projector_1024x768_150", [1024.0, 768.0], 1.5), ("classroom_1280x800", [1280.0, 800.0], 1.0)]
    {
        let mut h = harness_with(size, AppOptions::default());
        h.ctx.set_zoom_factor(zoom);
        chat_scene(h.state_mut(), "hi alice");
        h.run_steps(6);
        h.snapshot(name);
        results.extend_harness(&mut h);
    }
}

/// A chat server on :9000, alice and bob connected, alice's line relayed to
/// bob, bob's `reply` to alice; bob is shown.
fn chat_scene(app: &mut SocklabApp, reply: &str) {
    use socklab::net::{Event, EventKind, ReplyMode};
    let at = |ms: u64| std::time::UNIX_EPOCH + Duration::from_millis(1_795_305_600_000 + ms);
    let inet = |port: u16| Addr::Inet(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
    let (server, alice, bob) = (901, 902, 903);
    let model = &mut app.model;
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:9000").with_reply(ReplyMode::Chat);
    model.add_endpoint(server, "chat server".into(), spec);
    for (id, name) in [(alice, "alice"), (bob, "bob")] {
        model.add_endpoint(id, name.into(), EndpointSpec::new(EndpointKind::TcpClient, "127.0.0.1:9000"));
    }
    let line = format!(
        "{}\n",
        "hello everyone: this line waits for its newline, then the server relays it whole to every other client"
    );
    let relayed = format!("127.0.0.1:50001: {line}");
    let (reply, reply_relayed) = (format!("{reply}\n"), format!("127.0.0.1:50002: {reply}\n"));
    let events = [
        (0, server, EventKind::Listening { local: inet(9000), backlog: 128 }),
        (5, alice, EventKind::Connected { conn: 0, local: inet(50001), peer: inet(9000) }),
        (5, server, EventKind::Accepted { conn: 1, local: inet(9000), peer: inet(50001) }),
        (9, bob, EventKind::Connected { conn: 0, local: inet(50002), peer: inet(9000) }),
        (9, server, EventKind::Accepted { conn: 2, local: inet(9000), peer: inet(50002) }),
        (2_000, alice, EventKind::Sent { conn: 0, to: None, data: line.clone().into_bytes() }),
        (2_001, server, EventKind::Received { conn: 1, from: None, data: line.as_bytes().into() }),
        (2_001, server, EventKind::Sent { conn: 2, to: None, data: relayed.clone().into_bytes() }),
        (2_002, bob, EventKind::Received { conn: 0, from: None, data: relayed.as_bytes().into() }),
        (3_500, bob, EventKind::Sent { conn: 0, to: None, data: reply.into_bytes() }),
        (3_501, alice, EventKind::Received { conn: 0, from: None, data: reply_relayed.as_bytes().into() }),
    ];
    for (ms, endpoint, kind) in events {
        model.apply(Event { time: at(ms), endpoint, kind });
    }
    app.selection = Some(socklab::ui::Selection { endpoint: bob, conn: None });
}

#[test]
fn save_reopen_and_refuse_a_corrupt_workspace_with_stubbed_dialogs() {
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().expect("tempdir");
    let saved_path = dir.path().join("lesson.ron");
    let corrupt = dir.path().join("corrupt.ron");
    std::fs::write(&corrupt, "(version: 1, endpoints: [ oops").expect("write corrupt");
    let dialogs = std::sync::Arc::new(ChosenPaths {
        save_workspace: Some(saved_path.clone()),
        ..ChosenPaths::opening(corrupt.clone())
    });
    let options = AppOptions { dialogs: Some(dialogs.clone()), ..Default::default() };
    let mut h = harness_with(WINDOW, options);

    start_from_form(&mut h, "+ TCP server", Some("0"));
    wait_until(&mut h, "the server to listen", |a| status_of(a, EndpointKind::TcpServer) == Some(Status::Listening));
    assert!(h.state().is_dirty(), "a new endpoint is an unsaved change");

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_until(&mut h, "the save to land", |a| !a.is_dirty());
    let ws = socklab::workspace::load(&saved_path).expect("the saved file loads");
    assert_eq!(ws.endpoints.len(), 1);
    assert_eq!(ws.endpoints[0].spec.kind, EndpointKind::TcpServer);
    assert!(ws.endpoints[0].autostart);

    // A corrupt file: a clear error, and what was open stays open.
    let before = std::fs::read(&corrupt).expect("read");
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_until(&mut h, "the error to show", |_| true);
    let deadline = Instant::now() + Duration::from_secs(10);
    while h.query_by_label_contains("line 1, column").is_none() {
        assert!(Instant::now() < deadline, "no error shown for the corrupt file");
        h.step();
    }
    assert!(h.query_by_label_contains("corrupt.ron").is_some(), "the message names the file");
    assert_eq!(h.state().model.endpoints.len(), 1, "the open workspace is unchanged");
    assert_eq!(std::fs::read(&corrupt).expect("read"), before, "the file on disk is untouched");

    // Reopen the saved file: its server starts again.
    *dialogs.open.lock().expect("lock") = Some(saved_path.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_until(&mut h, "the saved workspace to open and listen", |a| {
        a.model.endpoints.len() == 1
            && status_of(a, EndpointKind::TcpServer) == Some(Status::Listening)
            && !a.is_dirty()
    });

    // Unsaved changes are asked about before they are lost.
    start_from_form(&mut h, "+ UDP socket", Some("0"));
    wait_until(&mut h, "the UDP socket", |a| status_of(a, EndpointKind::Udp) == Some(Status::Bound));
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(4);
    assert!(h.query_by_label("Unsaved changes").is_some(), "the question is asked");
    h.get_by_label("Cancel").click();
    h.run_steps(4);
    assert_eq!(h.state().model.endpoints.len(), 2, "cancel keeps everything");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(4);
    h.get_by_label("Don't save").click();
    h.run_steps(4);
    assert!(h.state().model.endpoints.is_empty(), "a new, empty workspace");
}
