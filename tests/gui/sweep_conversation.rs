//! The conversation and the composer in the pseudo-locale, with bubbles in
//! them: recv() chunks, joined lines, framed messages with their chunk marks,
//! a frame error, the text, hex and both views, the Export menu, and the
//! composer's count and errors. What a peer sent is data; everything around
//! it is the catalogs'.

use std::io::Write as _;
use std::net::TcpStream;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use socklab::app::SocklabApp;
use socklab::i18n;
use socklab::model::Status;
use socklab::net::frame::{FrameSpec, Framing};
use socklab::net::{Addr, EndpointKind, EndpointSpec, ReplyMode};
use socklab::ui::Selection;

use super::sweep::{assert_localized, pseudo_harness};
use super::wait_until;

/// What the peer sends and how it shows: digits, so a hexdump has no letter
/// but its line ends' `0a` (data too), and a byte that is not UTF-8.
const DATA: &[&str] = &["proto", "0a", "ff"];

fn click(h: &mut Harness<'static, SocklabApp>, id: &str) {
    h.get_by_label(&i18n::text(id, None)).click();
    h.run_steps(3);
}

#[test]
fn a_conversation_with_bubbles_and_its_composer_come_from_the_catalogs() {
    let mut h = pseudo_harness();
    let ctx = h.ctx.clone();
    let mut spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
    spec.reply = ReplyMode::None;
    spec.frame = FrameSpec::new(Framing::Line);
    spec.frame.limit = 8;
    let id = h.state_mut().open_endpoint(&ctx, "proto", spec);
    wait_until(&mut h, "the server", |a| a.model.endpoints[&id].status == Status::Listening);
    let Some(Addr::Inet(addr)) = h.state().model.endpoints[&id].local.clone() else { panic!("no address") };
    let mut peer = TcpStream::connect(addr).expect("connect");
    peer.set_nodelay(true).expect("nodelay");
    peer.write_all(b"123").expect("write");
    // The rest only once the first part was read: one message over two recv() calls.
    wait_until(&mut h, "the first part", |a| a.model.endpoints[&id].msgs_in == 1);
    peer.write_all(b"45\n\xff\n1234567890123\n").expect("write");
    wait_until(&mut h, "a frame error", |a| a.model.endpoints[&id].framed.errors > 0);
    let conn = h.state().model.endpoints[&id].conns.keys().next().copied();
    h.state_mut().selection = Some(Selection { endpoint: id, conn });
    h.run_steps(4);
    let recv = i18n::text("conversation-recv", None);
    assert!(h.query_all_by_label_contains(&recv).count() >= 2, "the bubbles are drawn");
    assert_localized(&h, "each recv()", None, DATA);
    for view in ["conversation-hex", "conversation-both", "conversation-joined", "conversation-messages"] {
        click(&mut h, view);
        assert_localized(&h, view, None, DATA);
    }
    // The composer: a byte count, then a payload it refuses.
    let message = i18n::text("composer-message", None);
    h.get_by_label(&message).focus();
    h.get_by_label(&message).type_text("7");
    h.run_steps(3);
    assert_localized(&h, "the composer with a byte count", None, DATA);
    let warnings = h.query_all_by_label_contains("⚠").count();
    click(&mut h, "composer-format-hex");
    h.get_by_label(&message).type_text("g");
    h.run_steps(3);
    assert_eq!(h.query_all_by_label_contains("⚠").count(), warnings + 1, "the refusal is shown");
    assert_localized(&h, "the composer refusing a payload", None, &[DATA, &["7g"]].concat());
    click(&mut h, "conversation-export");
    assert!(h.query_by_label(&i18n::text("conversation-export-json-lines", None)).is_some(), "the menu is open");
    assert_localized(&h, "the Export menu", None, &[DATA, &["7g"]].concat());
}
