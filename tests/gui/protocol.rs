//! The protocol tester in the GUI: framed messages with their recv() chunk
//! marks, framing and rules set in the inspector against a real client, a bad
//! rule refused at its line, and composer templates.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::app::SocklabApp;
use socklab::model::Status;
use socklab::net::frame::{FrameSpec, Framing};
use socklab::net::{EndpointId, EndpointKind, EndpointSpec, ReplyMode};

use super::gui_support::{open, port_of, status};
use super::{harness, wait_until};

/// A TCP server answering nothing by itself, listening on a port the OS picks.
fn server(h: &mut Harness<'static, SocklabApp>, frame: FrameSpec) -> (EndpointId, u16) {
    let mut spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
    spec.reply = ReplyMode::None;
    spec.frame = frame;
    let id = open(h, "proto", spec);
    wait_until(h, "the server to listen", |a| status(a, id) == Some(Status::Listening));
    (id, port_of(h.state(), id))
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

/// The tutorials' "Hello, name" server, as a person types it in the inspector.
const HELLO_RULES: [&str; 4] = [
    "connect => reply:Welcome!\\n",
    "exact:exit => reply:Bye!${eol} => close",
    r"regex:^\s*$ => ignore",
    "regex:^(.+)$ => reply:Hello, ${1}!${eol}",
];

/// Types `text` into the editor labelled `label` (its label comes first in the tree).
fn type_into(h: &mut Harness<'static, SocklabApp>, label: &str, text: &str) {
    h.get_all_by_label(label).last().unwrap_or_else(|| panic!("no field {label}")).set_text_value_accesskit(text);
    h.run_steps(2);
}

fn add_rules(h: &mut Harness<'static, SocklabApp>, rules: &[&str]) {
    for (i, rule) in rules.iter().enumerate() {
        h.get_by_label("+ Add rule").click_accesskit();
        h.run_steps(2);
        type_into(h, &format!("Rule {}", i + 1), rule);
    }
}

/// Commands reach the worker in order: once options asked for after them
/// are read back, the worker has taken the framing and rules.
fn worker_caught_up(h: &mut Harness<'static, SocklabApp>) {
    let reads = |a: &SocklabApp| a.model.log.entries().iter().filter(|e| e.call == "getsockopt").count();
    let before = reads(h.state());
    h.get_by_label(&socklab::i18n::text("inspector-read-again", None)).click_accesskit();
    wait_until(h, "the options read after the rules", |a| reads(a) > before);
}

#[test]
fn framing_and_rules_set_in_the_inspector_answer_a_real_client_and_count_firings() {
    let mut h = harness();
    let (id, port) = server(&mut h, FrameSpec::default());
    h.get_all_by_label("Framing").last().expect("the framing picker").click_accesskit();
    h.run_steps(2);
    h.get_by_label("line (\\n or \\r\\n)").click_accesskit();
    h.run_steps(2);
    add_rules(&mut h, &HELLO_RULES);
    assert!(h.query_all_by_label("not applied yet").count() == 4, "typed, not applied");
    h.get_by_label("Apply").click_accesskit();
    h.run_steps(2);
    let spec = &h.state().model.endpoints[&id].spec;
    assert_eq!(spec.frame.framing, Framing::Line);
    let rules: Vec<String> = spec.rules.iter().map(|r| r.to_string()).collect();
    assert_eq!(rules, HELLO_RULES, "the rules are the endpoint's (and its workspace's)");
    worker_caught_up(&mut h);

    let peer = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    peer.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut writer = peer.try_clone().expect("clone");
    let mut reader = BufReader::new(peer);
    let mut line = String::new();
    let mut ask = |say: &[u8], line: &mut String| {
        writer.write_all(say).expect("write");
        line.clear();
        reader.read_line(line).expect("read");
    };
    ask(b"", &mut line);
    assert_eq!(line, "Welcome!\n");
    ask(b"Alice\n", &mut line);
    assert_eq!(line, "Hello, Alice!\n");
    ask(b"exit\r\n", &mut line);
    assert_eq!(line, "Bye!\r\n", "the answer keeps the client's line end");
    line.clear();
    assert_eq!(reader.read_line(&mut line).expect("read"), 0, "then the server closes");

    wait_until(&mut h, "the firings to be counted", |a| {
        a.model.endpoints.get(&id).is_some_and(|e| (e.fired(0), e.fired(1), e.fired(2), e.fired(3)) == (1, 1, 0, 1))
    });
    h.run_steps(2);
    assert_eq!(h.query_all_by_label("fired 1").count(), 3, "each rule's count, live");
    assert!(h.query_by_label("reply: its 4 rules").is_some(), "the inspector says the rules answer, not 'none'");
    assert_eq!(h.query_all_by_label("fired 0").count(), 1);
    assert!(h.query_all_by_label_contains("Hello, Alice!").count() >= 1, "the answer is in the conversation");
}

#[test]
fn a_bad_rule_is_shown_at_its_character_and_nothing_is_applied() {
    let mut h = harness();
    let (id, _) = server(&mut h, FrameSpec::default());
    add_rules(&mut h, &["exact:ping => reply:pong\\n", "regex:ab(c => close"]);
    assert!(h.query_by_label("⚠ at character 9: unclosed group").is_some(), "the reason, at the line");
    assert!(h.query_by_label("regex:ab^").is_some(), "a caret under the character");
    let apply = h.get_by_label("Apply");
    assert!(apply.accesskit_node().is_disabled(), "Apply waits until every line is right");
    apply.click_accesskit();
    h.run_steps(2);
    assert!(h.state().model.endpoints[&id].spec.rules.is_empty(), "nothing applied");
    type_into(&mut h, "Rule 2", "regex:ab(c) => close");
    assert!(h.query_by_label_contains("unclosed group").is_none(), "fixed: the error goes");
    assert!(!h.get_by_label("Apply").accesskit_node().is_disabled());
}

/// Types into the composer and presses Enter.
fn compose(h: &mut Harness<'static, SocklabApp>, text: &str) {
    let message = h.get_by_label("Message");
    message.focus();
    message.type_text(text);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
}

#[test]
fn a_composer_template_is_checked_at_the_field_and_its_variables_and_checksum_are_sent() {
    let mut h = harness();
    let (id, port) = server(&mut h, FrameSpec::default());
    let mut peer = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    peer.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    wait_until(&mut h, "the connection", |a| a.model.endpoints.get(&id).is_some_and(|e| e.conns.len() == 1));
    h.get_by_label("template").click();
    h.run_steps(2);
    compose(&mut h, "hi ${nope}");
    assert!(
        h.query_by_label_contains("at character 4: unknown variable ${nope}").is_some(),
        "the template's error is shown under the message"
    );
    assert!(h.get_by_label("Send").accesskit_node().is_disabled());
    assert_eq!(h.state().model.endpoints[&id].msgs_out, 0, "nothing sent");

    h.get_by_label("Message").set_text_value_accesskit("");
    h.run_steps(2);
    compose(&mut h, "n=${seq}");
    compose(&mut h, "n=${seq}");
    let mut got = [0u8; 8];
    std::io::Read::read_exact(&mut peer, &mut got).expect("read");
    assert_eq!(&got, b"n=1\nn=2\n", "the sequence variable counts the messages sent");

    // A checksum appended to hex bytes: CRC-16/MODBUS of "123456789" is 0x4B37, low byte first.
    h.get_by_label("hex").click();
    h.run_steps(2);
    h.get_all_by_label("checksum").last().expect("the checksum picker").click_accesskit();
    h.run_steps(2);
    h.get_by_label("CRC-16/MODBUS").click_accesskit();
    h.run_steps(2);
    compose(&mut h, "31 32 33 34 35 36 37 38 39");
    let mut got = [0u8; 11];
    std::io::Read::read_exact(&mut peer, &mut got).expect("read");
    assert_eq!(&got, b"123456789\x37\x4b");
}

/// The Messages view checks each frame's trailing CRC-16/MODBUS (before its
/// line end): one right, one with a byte changed in transit.
#[test]
fn the_messages_view_says_which_frames_end_with_a_valid_checksum() {
    let mut h = harness();
    let (id, port) = server(&mut h, FrameSpec::new(Framing::Line));
    let mut peer = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    // CRC-16/MODBUS of "123456789" is 0x4B37, sent low byte first.
    peer.write_all(b"123456789\x37\x4b\n").expect("write");
    peer.write_all(b"123456780\x37\x4b\n").expect("write");
    wait_until(&mut h, "both frames", |a| a.model.endpoints.get(&id).is_some_and(|e| e.framed.frames == 2));
    h.get_by_label("Messages").click();
    h.run_steps(3);
    h.get_by_label("check trailing checksum").click_accesskit();
    h.run_steps(2);
    h.get_by_label("CRC-16/MODBUS").click_accesskit();
    h.run_steps(3);
    assert_eq!(h.query_all_by_label_contains("✔ CRC-16/MODBUS ok").count(), 1, "the intact frame");
    let expected = format!("✖ CRC-16/MODBUS: expected {}, found 37 4b", {
        let crc = socklab::net::checksum::Checksum::Crc16Modbus
            .bytes(b"123456780", socklab::net::checksum::ByteOrder::Little);
        socklab::net::hex_string(&crc)
    });
    assert_eq!(h.query_all_by_label_contains(&expected).count(), 1, "the corrupted frame: {expected}");
}
