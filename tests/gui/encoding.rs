//! Text encodings in the GUI, against a Python peer that speaks GBK: the
//! picker sets the endpoint's encoding (kept in the workspace), typed Chinese
//! leaves as GBK, a character GBK cannot hold is refused at the field, and
//! received GBK reads as Chinese when the chunks are joined, with bytes that
//! are no GBK shown as \xHH.

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::model::{Direction, Status};
use socklab::net::{Encoding, EndpointKind, EndpointSpec};

use super::support::Proc;
use super::{endpoint_of, harness, wait_until};

/// A GBK server: prints its port, sends 你 and half of 好, and when told on
/// stdin (the first half has arrived) the rest of 好 and two bytes that are no
/// GBK; then prints in hex the line it gets.
const PEER: &str = r#"
c = accept_one()
hello = "你好".encode("gbk")
c.sendall(hello[:3])
wait_go()
c.sendall(hello[3:] + b"\xff\xfe\n")
out(recv_line(c).hex())
c.recv(1)
"#;

#[test]
fn gbk_typed_and_received_through_the_picker() {
    let mut peer = Proc::python(PEER, &[]);
    let port = peer.line();
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"));
    h.state_mut().open_endpoint(&ctx, "gbk", spec);
    wait_until(&mut h, "the client to connect", |a| {
        endpoint_of(a, EndpointKind::TcpClient).is_some_and(|e| e.status == Status::Connected)
    });
    h.run_steps(4);
    h.get_all_by_label("encoding").last().expect("the encoding picker").click();
    h.run_steps(4);
    h.get_by_label("GBK").click();
    h.run_steps(4);
    let client = endpoint_of(h.state(), EndpointKind::TcpClient).expect("client");
    assert_eq!(client.spec.encoding, Encoding::Gbk, "the picker sets the endpoint's encoding");
    assert_eq!(h.state().current_workspace().endpoints[0].spec.encoding, Encoding::Gbk, "and the workspace keeps it");

    // Received: 你 and half of 好 in one recv(), the rest in the next.
    let received = |a: &socklab::app::SocklabApp, tail: &[u8]| {
        endpoint_of(a, EndpointKind::TcpClient).is_some_and(|c| c.conversation.iter().any(|m| m.data.ends_with(tail)))
    };
    wait_until(&mut h, "你 and half of 好", |a| received(a, b"\xc4\xe3\xba"));
    peer.send_line("go");
    wait_until(&mut h, "the rest of 好 and the bad bytes", |a| received(a, b"\xfe\n"));

    // A character GBK has no bytes for is refused where it is typed; nothing leaves.
    let message = h.get_by_label("Message");
    message.focus();
    message.type_text("世😀");
    h.run_steps(4);
    assert!(h.query_by_label_contains("character 2 '😀' (U+1F600) cannot be written in GBK").is_some());
    assert!(h.get_by_label("Send").accesskit_node().is_disabled());
    h.key_press(egui::Key::Enter);
    h.run_steps(4);
    let sent = |a: &socklab::app::SocklabApp| {
        endpoint_of(a, EndpointKind::TcpClient)
            .map_or(0, |c| c.conversation.iter().filter(|m| m.dir == Direction::Out).count())
    };
    assert_eq!(sent(h.state()), 0, "nothing sent");

    h.key_press(egui::Key::Backspace);
    h.get_by_label("Message").type_text("界");
    h.run_steps(4);
    h.key_press(egui::Key::Enter);
    wait_until(&mut h, "the message to be sent", |a| sent(a) == 1);
    assert_eq!(peer.line(), "cac0bde70a", "世界 and the line end, in GBK");

    h.get_by_label("Joined lines").click();
    h.run_steps(4);
    assert!(h.query_by_label_contains("你好\\xFF\\xFE").is_some(), "joined, 好 reads whole and 0xFF 0xFE stay hex");
    assert!(h.query_by_label_contains("世界").is_some(), "what was sent reads in Chinese too");
    assert!(h.query_by_label_contains("\u{FFFD}").is_none(), "nothing is replaced");
}

/// On a projector (1024x768 at 150 %) the composer folds its rows into "⋯":
/// the encoding is a submenu there, and works the same.
#[test]
fn the_encoding_is_in_the_folded_menu_on_a_zoomed_projector() {
    let mut h = super::gui_support::harness_at([1024.0, 768.0], 1.5, socklab::app::AppOptions::default());
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0");
    let id = h.state_mut().open_endpoint(&ctx, "udp", spec);
    wait_until(&mut h, "the socket to bind", |a| a.model.endpoints.get(&id).is_some_and(|e| e.status == Status::Bound));
    h.run_steps(4);
    assert!(h.query_all_by_label("encoding").next().is_none(), "folded on this screen");
    h.get_all_by_label("⋯").last().expect("the composer's ⋯ menu").click();
    h.run_steps(4);
    h.get_by_label("encoding: UTF-8").click();
    h.run_steps(4);
    h.get_by_label("Big5").click();
    h.run_steps(4);
    assert_eq!(h.state().model.endpoints[&id].spec.encoding, Encoding::Big5);
}
