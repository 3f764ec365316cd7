//! Generated programs with rules and framing do what socklab does: the same
//! conversation against the engine (the reference) and against the program
//! must get the same bytes back, for every framing mode, matcher, action and
//! template feature that renders the same each time; plus a UDP socket and a
//! client with rules.

use std::io::Write;
use std::net::{Shutdown, SocketAddr, UdpSocket};

use socklab::net::frame::{FrameSpec, Framing, Oversize, PrefixWidth};
use socklab::net::rules::Rule;
use socklab::net::{EndpointKind, EndpointSpec, ReplyMode};

use super::helpers::{Program, connect, read_to_end};
use crate::support::{Proc, WAIT, engine, inet, open_server};

fn rule(s: &str) -> Rule {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Sends each input in its own send() (TCP_NODELAY), shuts down writing,
/// and returns everything that came back before the server closed.
fn conversation(addr: SocketAddr, inputs: &[&[u8]]) -> Vec<u8> {
    let mut c = connect(addr);
    c.set_nodelay(true).expect("nodelay");
    for input in inputs {
        c.write_all(input).unwrap_or_else(|e| panic!("send {input:?}: {e}"));
    }
    c.shutdown(Shutdown::Write).expect("shutdown");
    read_to_end(&mut c)
}

/// The reference: what socklab's own engine answers.
fn engine_answers(spec: &EndpointSpec, inputs: &[&[u8]]) -> Vec<u8> {
    let (engine, mut rx) = engine();
    let spec = EndpointSpec { address: "127.0.0.1:0".into(), ..spec.clone() };
    let (_id, local) = open_server(&engine, &mut rx, spec);
    conversation(inet(&local), inputs)
}

/// The program answers `inputs` as the engine does.
pub fn check_same_answers(p: &mut Program, addr: SocketAddr, spec: &EndpointSpec, inputs: &[&[u8]]) {
    let want = engine_answers(spec, inputs);
    assert!(!want.is_empty(), "the reference said nothing: pick inputs the rules answer");
    let got = conversation(addr, inputs);
    assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want), "{}\n{}", p.code, p.proc.context());
}

/// What every rules server of a lesson gets (lines, a blank, a split word, exit).
pub const LINES: [&[u8]; 6] = [b"Ann\r\n", b"  \n", b"Bo", b"b\n", b"Zhang San\n", b"exit\n"];

fn server(frame: FrameSpec, rules: &[&str]) -> EndpointSpec {
    let mut spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_frame(frame);
    spec.rules = rules.iter().map(|r| rule(r)).collect();
    spec
}

fn prefixed(width: PrefixWidth, big_endian: bool, counts_header: bool) -> FrameSpec {
    FrameSpec::new(Framing::LengthPrefix { width, big_endian, counts_header })
}

/// (name, spec, inputs): every framing, matcher, action and template feature
/// whose output does not depend on time, chance or the client's port.
pub fn cases() -> Vec<(&'static str, EndpointSpec, Vec<Vec<u8>>)> {
    let lines = |l: &[&[u8]]| l.iter().map(|b| b.to_vec()).collect::<Vec<_>>();
    let limited = |mut f: FrameSpec, limit: usize, oversize: Oversize| {
        f.limit = limit;
        f.oversize = oversize;
        f
    };
    vec![
        (
            "delimiter, text matchers, continue, counters",
            server(
                FrameSpec::new(Framing::Delimiter(b"\r\n".to_vec())),
                &[
                    "exact:ping => reply:pong${seq}\\r\\n",
                    "prefix:say  => reply:${line} (${len} bytes) => continue",
                    "contains:hi => reply: and hi\\r\\n",
                    "any => reply:? ${msg}",
                ],
            ),
            lines(&[b"ping\r\n", b"say hi\r", b"\nping\r\nwhat\r\n"]),
        ),
        (
            "fixed frames, hex patterns and checksums",
            server(
                FrameSpec::new(Framing::Fixed(4)),
                &[
                    "hex:01 03 ?? 0? => reply:${body}${crc16}${crc16-ccitt:le}${crc32}${sum8}${xor8}",
                    "hex:ff * => reply:${hex:aa bb}${msg}${crc16:be}",
                    "any => reply:${len}",
                ],
            ),
            lines(&[b"\x01\x03\x99\x0e", b"\xff\x00", b"\x00\x00zzzz"]),
        ),
        (
            "length prefix with a wait and an oversize rule",
            server(
                limited(prefixed(PrefixWidth::Two, true, false), 10, Oversize::Resync),
                &["oversize => reply:too long\\n", "any => wait:50 => reply:[${body}]"],
            ),
            lines(&[b"\x00\x03abc\x00\x0cskipped this\x00", b"\x01x\x00\x00"]),
        ),
        (
            "little-endian length that counts itself, split when too long",
            server(limited(prefixed(PrefixWidth::Four, false, true), 8, Oversize::Split), &["any => reply:<${msg}>"]),
            lines(&[b"\x06\x00\x00\x00ab", b"\x0b\x00\x00\x00abcdefg", b"\x04\x00\x00\x00"]),
        ),
        (
            "a line too long, closed",
            server(limited(FrameSpec::new(Framing::Line), 6, Oversize::Close), &["any => reply:${line}!"]),
            lines(&[b"ok\n", b"far too long\n"]),
        ),
        (
            "the http preset after a rule of its own: a head too long gets 431",
            EndpointSpec { reply: ReplyMode::Http, ..server(FrameSpec::default(), &["exact:ping => reply:pong"]) },
            vec![vec![b'a'; 17 * 1024]],
        ),
        (
            "the echo preset after a rule of its own",
            EndpointSpec {
                reply: ReplyMode::Echo,
                ..server(FrameSpec::default(), &["exact:quit => reply:bye\\n => close"])
            },
            lines(&[b"hello"]),
        ),
    ]
}

/// Every kind with rules that use each helper (checksums, clocks, counters,
/// relays, hex patterns, waits), for the compile and line-length check.
pub fn variants() -> Vec<(String, EndpointSpec)> {
    let every = [
        "connect => reply:hi ${time} ${time:unix} ${time:ms} ${random} ${random:4}\\n",
        "hex:01 ?? * => reply:${body}${crc16}${crc16-ccitt:le}${crc32}${sum8}${xor8} => close",
        "regex:^(\\w+) (.*)$ => wait:10 => reply:${2} ${1} #${seq} from ${peer}${eol} => continue",
        "oversize => reply:too long\\n",
        "any => reply:${daytime} ${len} ${msg}",
    ];
    let mut out: Vec<(String, EndpointSpec)> =
        cases().into_iter().map(|(name, spec, _)| (name.to_string(), spec)).collect();
    for kind in EndpointKind::ALL {
        let address = if kind.is_unix() { "/tmp/socklab-rules.sock" } else { "127.0.0.1:9000" };
        let mut spec = EndpointSpec::new(kind, address);
        if !kind.is_datagram() {
            spec.frame = FrameSpec::new(Framing::Line);
        }
        spec.rules = every.iter().map(|r| rule(r)).collect();
        if kind.is_server() {
            // Before `any`, which always stops: a rule after it is never written out.
            spec.rules.insert(3, rule("prefix:all  => relay:${line}${eol} => reply:sent${eol}"));
        }
        out.push((format!("{kind:?} with every rule helper"), spec));
    }
    out
}

#[test]
fn generated_python_rules_answer_as_the_engine_does() {
    for (name, spec, inputs) in cases() {
        eprintln!("case: {name}");
        let mut p = Program::start(name, &spec);
        let addr = p.address("listening on ");
        let inputs: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        check_same_answers(&mut p, addr, &spec, &inputs);
    }
}

/// A UDP socket whose rule answers each sender; its relay has nobody to
/// send to (as in the engine), and the program must still answer.
pub fn udp_spec() -> EndpointSpec {
    EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0")
        .with_rule(rule("regex:^ping (\\d+)$ => reply:pong ${1}"))
        .with_rule(rule("exact:all => relay:${line} => reply:nobody else"))
}

/// Two senders' pings get their pongs, from the program's address.
pub fn check_udp_answers(p: &mut Program) {
    let addr = p.address("bound to ");
    let s = UdpSocket::bind("127.0.0.1:0").expect("bind");
    s.set_read_timeout(Some(WAIT)).expect("timeout");
    let mut buf = [0u8; 64];
    for (ping, pong) in [("ping 7", "pong 7"), ("all", "nobody else"), ("ping 42", "pong 42")] {
        s.send_to(ping.as_bytes(), addr).expect("send");
        let (len, from) = s.recv_from(&mut buf).unwrap_or_else(|e| panic!("no answer: {e}\n{}", p.proc.context()));
        assert_eq!((&buf[..len], from), (pong.as_bytes(), addr));
    }
}

/// The chat reply mode with line framing of its own: the rules' relay to
/// the other clients, which must do what the chat mode does.
pub fn chat_spec() -> EndpointSpec {
    EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0")
        .with_reply(ReplyMode::Chat)
        .with_frame(FrameSpec::new(Framing::Line))
}

#[test]
fn generated_python_relay_rules_chat_between_clients() {
    let mut p = Program::start("chat rules", &chat_spec());
    let addr = p.address("listening on ");
    super::checks::chat(&mut p, addr);
}

#[test]
fn generated_python_udp_rules_answer_each_sender() {
    check_udp_answers(&mut Program::start("udp rules", &udp_spec()));
}

/// A client that greets on connect and answers PING lines; a relay has
/// nobody to send to (a client has no other clients).
pub fn client_spec(port: u16) -> EndpointSpec {
    EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"))
        .with_frame(FrameSpec::new(Framing::Line))
        .with_rule(rule("connect => reply:HELLO\\n"))
        .with_rule(rule("exact:ALL => relay:${line}${eol}"))
        .with_rule(rule("regex:^PING (\\d+)$ => reply:PONG ${1}${eol}"))
}

#[test]
fn a_generated_python_client_answers_with_its_rules() {
    let mut server = Proc::python(
        r#"
c = accept_one()
f = c.makefile("rb")
out(f.readline().decode().rstrip())
c.sendall(b"ALL\nPING 1\n")
out(f.readline().decode().rstrip())
c.close()
"#,
        &[],
    );
    let port: u16 = server.line().parse().expect("a port");
    let mut p = Program::start("client rules", &client_spec(port));
    assert_eq!(server.line(), "HELLO");
    assert_eq!(server.line(), "PONG 1");
    assert_eq!(p.proc.line(), "ALL", "what arrives is printed");
    assert_eq!(p.proc.line(), "PING 1", "what arrives is printed");
    p.proc.close_stdin();
    assert_eq!(p.exit_code(), 0, "{}", p.proc.context());
}

/// Like `socklab serve`, a rules server shows what arrived: without framing,
/// each recv() as `peer: b'…'`, as it shows each frame with framing.
#[test]
fn a_generated_python_rules_server_without_framing_prints_what_arrives() {
    let spec = server(FrameSpec::default(), &["prefix:hi => reply:hello\\n"]);
    let mut p = Program::start("raw rules", &spec);
    let addr = p.address("listening on ");
    assert_eq!(conversation(addr, &[b"hi there"]), b"hello\n");
    let peer = p.line_after("connection from ");
    assert_eq!(p.proc.line(), format!("{peer}: b'hi there'"), "{}", p.proc.context());
}
