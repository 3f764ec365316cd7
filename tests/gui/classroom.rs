//! What a class meets first: keys typed fast, an error where the eye is, and
//! the menu each endpoint offers on right-click.

use std::net::{TcpListener, UdpSocket};
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::app::SocklabApp;
use socklab::model::Status;
use socklab::net::{Addr, EndpointKind, EndpointSpec};
use socklab::ui::endpoints::MenuItem;

use super::{harness, wait_until};

/// Characters and Enter queued in one frame (as a busy machine delivers fast
/// typing): everything before Enter is sent, what came after stays typed.
#[test]
fn keys_typed_in_the_same_frame_as_enter_are_all_sent() {
    let peer = UdpSocket::bind("127.0.0.1:0").expect("bind the peer");
    peer.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec =
        EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_peer(peer.local_addr().expect("addr").to_string());
    let id = h.state_mut().open_endpoint(&ctx, "fast", spec);
    wait_until(&mut h, "the socket to connect", |a| a.model.endpoints[&id].status == Status::Connected);
    h.get_by_label("Message").focus();
    h.run_steps(2);
    let key =
        |key| egui::Event::Key { key, physical_key: None, pressed: true, repeat: false, modifiers: Default::default() };
    let events = h.input_mut();
    for c in ["m", "s", "g", "2"] {
        events.events.push(egui::Event::Text(c.into()));
    }
    events.events.push(key(egui::Key::Enter));
    events.events.push(egui::Event::Text("x".into()));
    h.step();
    let mut buf = [0u8; 64];
    let n = peer.recv(&mut buf).expect("the message arrives");
    assert_eq!(&buf[..n], b"msg2\n", "every key before Enter is sent");
    h.run_steps(3);
    assert_eq!(h.get_by_label("Message").value().as_deref(), Some("x"), "the key after Enter starts the next message");
}

/// A bind that fails is explained in the centre, with a way out that works.
#[test]
fn a_failed_bind_is_explained_in_the_centre_with_a_way_out() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("hold a port");
    let port = taken.local_addr().expect("addr").port();
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::TcpServer, format!("127.0.0.1:{port}"));
    let id = h.state_mut().open_endpoint(&ctx, "taken", spec);
    wait_until(&mut h, "the bind to fail", |a| a.model.endpoints[&id].status == Status::Error);
    h.run_steps(3);
    let centre = h.get_by_label(&socklab::app::try_again()).rect();
    let list_right = h.get_by_label("+ TCP server").rect().right();
    assert!(centre.left() > list_right, "the explanation is in the centre, not the list");
    assert!(h.query_all_by_label_contains("failed: EADDRINUSE").count() >= 2, "in the centre and marked in the list");
    assert!(h.query_all_by_label_contains("Why and what to do").count() >= 1);
    assert!(h.query_by_label_contains("Connect a client").is_none(), "no invitation to connect to what failed");
    h.get_by_label(&socklab::i18n::text("frame-use-free-port", None)).click();
    wait_until(&mut h, "a free port to listen", |a| {
        a.model.endpoints.values().any(|e| {
            e.status == Status::Listening
                && matches!(&e.local, Some(Addr::Inet(a)) if a.port() != port && a.port() != 0)
        })
    });
    assert_eq!(h.state().model.endpoints.len(), 1, "the same endpoint, started again");
    drop(taken);
}

/// Right-clicks an endpoint's name in the list.
/// The list scrolls: bring the name into view first, as a person would.
fn right_click(h: &mut Harness<'_, SocklabApp>, name: &str) {
    for secondary_click in [false, true] {
        let button = h.query_all_by_label(name).find(|n| n.accesskit_node().role() == Role::Button);
        let button = button.unwrap_or_else(|| panic!("{name} in the list"));
        if secondary_click {
            button.click_secondary()
        } else {
            button.scroll_to_me()
        }
        h.run_steps(3);
    }
}

/// Right-click on any endpoint offers what applies to its kind and state.
#[test]
fn every_endpoint_offers_what_applies_on_right_click() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    let ctx = h.ctx.clone();
    // Kept half-open, so the client's half-close leaves it half-closed (not closed by the server's answer).
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").keeping_half_open();
    let server = h.state_mut().open_endpoint(&ctx, "srv", spec);
    wait_until(&mut h, "the server", |a| a.model.endpoints[&server].status == Status::Listening);
    let addr = h.state().model.endpoints[&server].local.clone().expect("address").to_string();
    let client = h.state_mut().open_endpoint(&ctx, "cli", EndpointSpec::new(EndpointKind::TcpClient, addr));
    let udp = h.state_mut().open_endpoint(&ctx, "dgram", EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0"));
    let path = dir.path().join("s.sock").display().to_string();
    let unix = h.state_mut().open_endpoint(&ctx, "unix", EndpointSpec::new(EndpointKind::UnixServer, path));
    wait_until(&mut h, "all to open", |a| {
        a.model.endpoints[&client].status == Status::Connected
            && a.model.endpoints[&udp].status == Status::Bound
            && a.model.endpoints[&unix].status == Status::Listening
            && a.model.endpoints[&server].conns.len() == 1
    });
    // Let the list settle (it scrolls to the newest endpoint) before clicking in it.
    h.run_steps(5);
    let offers = |h: &mut Harness<'_, SocklabApp>, name: &str, expect: &[MenuItem], not: &[MenuItem]| {
        right_click(h, name);

        for item in expect {
            assert!(h.query_by_label(&item.label()).is_some(), "{name} offers {item:?}");
        }
        for item in not {
            assert!(h.query_by_label(&item.label()).is_none(), "{name} does not offer {item:?}");
        }
        h.key_press(egui::Key::Escape);
        h.run_steps(3);
    };
    let server_items = [MenuItem::Stop, MenuItem::StopRst, MenuItem::PopOut];
    offers(&mut h, "srv", &server_items, &[MenuItem::HalfClose, MenuItem::Remove]);
    offers(&mut h, "unix", &server_items, &[MenuItem::HalfClose]);
    let client_items = [MenuItem::CloseFin, MenuItem::HalfClose, MenuItem::AbortRst, MenuItem::PopOut];
    offers(&mut h, "cli", &client_items, &[MenuItem::Stop, MenuItem::StartAgain]);
    offers(&mut h, "dgram", &[MenuItem::Close, MenuItem::PopOut], &[MenuItem::HalfClose, MenuItem::AbortRst]);

    // The client's half-close does what it says; a closed endpoint offers to start again or go.
    right_click(&mut h, "cli");
    h.get_by_label(&MenuItem::HalfClose.label()).click();
    wait_until(&mut h, "the client to half-close", |a| a.model.endpoints[&client].status == Status::HalfClosed);
    h.run_steps(2);
    right_click(&mut h, "dgram");
    h.get_by_label(&MenuItem::Close.label()).click();
    wait_until(&mut h, "the socket to close", |a| a.model.endpoints[&udp].status == Status::Closed);
    h.run_steps(2);
    offers(&mut h, "dgram", &[MenuItem::StartAgain, MenuItem::Remove, MenuItem::PopOut], &[MenuItem::Close]);
}
