//! Fault 2 of issue 7, in the GUI: a connection whose peer sent FIN says so
//! in TCP's words (CLOSE_WAIT), and "keep half-open connections" is a switch
//! in the new-endpoint form, off by default, kept in the workspace.

use std::io::{Read as _, Write as _};
use std::net::{Shutdown, TcpStream};

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::model::Status;
use socklab::net::{Addr, EndpointKind};

use super::{endpoint_of, harness, status_of, wait_until};

const NOTE: &str = "peer closed its side (CLOSE_WAIT)";

#[test]
fn a_peers_fin_shows_close_wait_and_the_switch_keeps_it_open() {
    let mut h = harness();
    h.get_by_label("+ TCP server").click();
    h.run_steps(4);
    h.get_by_label("Port").set_text_value_accesskit("0");
    let switch = h.get_by_label("keep half-open connections");
    assert_eq!(switch.accesskit_node().toggled(), Some(egui::accesskit::Toggled::False), "off by default");
    switch.click();
    h.run_steps(2);
    // Reply mode none: the connection is answered by hand, so only the switch keeps it open.
    h.get_by_label("Reply mode").click();
    h.run_steps(2);
    h.get_by_label("none").click();
    h.run_steps(2);
    h.get_by_label("▶ Start").click();
    wait_until(&mut h, "the server to listen", |a| status_of(a, EndpointKind::TcpServer) == Some(Status::Listening));
    let server = endpoint_of(h.state(), EndpointKind::TcpServer).expect("server");
    assert!(server.spec.keep_half_open, "the form's switch is in the spec");
    let port = match &server.local {
        Some(Addr::Inet(a)) => a.port(),
        other => panic!("no address: {other:?}"),
    };
    let saved = h.state().current_workspace();
    assert!(saved.endpoints[0].spec.keep_half_open, "and in the workspace it saves");

    let mut peer = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    peer.write_all(b"bye\n").expect("write");
    peer.shutdown(Shutdown::Write).expect("FIN");
    wait_until(&mut h, "the server to see the FIN", |a| {
        endpoint_of(a, EndpointKind::TcpServer).is_some_and(|s| s.conns.values().any(|c| c.peer_closed))
    });
    h.run_steps(2);
    assert!(h.query_by_label_contains(NOTE).is_some(), "the connection's row says CLOSE_WAIT");
    h.get_by_label_contains(NOTE).click();
    h.run_steps(2);
    assert!(h.query_all_by_label_contains(NOTE).count() >= 2, "and so does the inspector, once it is selected");

    // Half-open means the server can still send to the peer.
    let message = h.get_by_label("Message");
    message.focus();
    message.type_text("still here");
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    let mut got = [0u8; 11];
    peer.set_read_timeout(Some(std::time::Duration::from_secs(10))).expect("timeout");
    let mut have = 0;
    while have < got.len() {
        h.step();
        match peer.read(&mut got[have..]) {
            Ok(0) => panic!("closed after {have} bytes"),
            Ok(n) => have += n,
            Err(e) => panic!("read: {e}"),
        }
    }
    assert_eq!(&got, b"still here\n");
}
