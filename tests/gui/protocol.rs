//! The protocol tester in the GUI: framed messages with their recv() chunk
//! marks, framing and rules set in the inspector against a real client, a bad
//! rule refused at its line, and composer templates.

use std::io::Write as _;
use std::net::TcpStream;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use socklab::app::SocklabApp;
use socklab::model::Status;
use socklab::net::frame::{FrameSpec, Framing};
use socklab::net::{Addr, EndpointId, EndpointKind, EndpointSpec, ReplyMode};

use super::{harness, wait_until};

fn port_of(h: &Harness<'_, SocklabApp>, id: EndpointId) -> u16 {
    match h.state().model.endpoints.get(&id).and_then(|e| e.local.clone()) {
        Some(Addr::Inet(a)) => a.port(),
        other => panic!("no address: {other:?}"),
    }
}

/// A TCP server answering nothing by itself, listening on a port the OS picks.
fn server(h: &mut Harness<'static, SocklabApp>, frame: FrameSpec) -> (EndpointId, u16) {
    let ctx = h.ctx.clone();
    let mut spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
    spec.reply = ReplyMode::None;
    spec.frame = frame;
    let id = h.state_mut().open_endpoint(&ctx, "proto", spec);
    wait_until(h, "the server to listen", |a| {
        a.model.endpoints.get(&id).is_some_and(|e| e.status == Status::Listening)
    });
    (id, port_of(h, id))
}

#[test]
fn a_message_split_over_two_recvs_is_one_framed_message_with_two_chunk_marks() {
    let mut h = harness();
    let (id, port) = server(&mut h, FrameSpec::new(Framing::Line));
    let mut peer = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    peer.set_nodelay(true).expect("nodelay");
    peer.write_all(b"hello").expect("write");
    // The second half only once the first has been read: two recv() calls.
    wait_until(&mut h, "the first half to arrive", |a| a.model.endpoints.get(&id).is_some_and(|e| e.msgs_in == 1));
    peer.write_all(b" world\n").expect("write");
    wait_until(&mut h, "the framed message", |a| a.model.endpoints.get(&id).is_some_and(|e| e.framed.frames == 1));
    h.get_by_label("Messages").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("2 recv(): 5 + 7 bytes").is_some(),
        "the one message says which recv() chunks it spanned"
    );
    assert_eq!(h.query_all_by_label_contains("recv():").count(), 1, "one framed message, not two");
    h.get_by_label("Each recv()").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("2 recv(): 5 + 7 bytes").is_none(), "each recv() has its own bubble again");
    assert_eq!(h.query_all_by_label("hello").count(), 1, "the first recv() alone");
}
