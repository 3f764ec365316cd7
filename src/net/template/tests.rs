use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::*;
use crate::net::addr::Addr;
use crate::net::frame::{Frame, FrameEnd};

const MSG: Scope = Scope::Message { regex_groups: None };

fn err(source: &str, scope: Scope) -> (usize, String) {
    let e = Template::parse(source, scope).unwrap_err();
    (e.position, e.problem.to_string())
}

fn line_frame(bytes: &[u8], body_len: usize) -> Frame {
    Frame { bytes: bytes.to_vec(), body: 0..body_len, chunks: vec![], chunk_count: 1, end: FrameEnd::Complete }
}

fn render(t: &Template, frame: Option<&Frame>, captures: &[Option<std::ops::Range<usize>>]) -> Vec<u8> {
    let mut rng = Rng::seeded(7);
    let peer = Addr::Inet("127.0.0.1:4242".parse().unwrap());
    let now = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
    t.render(&mut Context { frame, captures, peer: Some(&peer), seq: 3, now, rng: &mut rng })
}

#[test]
fn escapes_as_in_the_composer_and_a_literal_dollar() {
    let t = Template::parse("hi\\r\\n\\x41 \\$5 $x ${hex:0d 0A}", Scope::Payload).unwrap();
    assert_eq!(render(&t, None, &[]), b"hi\r\nA $5 $x \r\n");
    assert!(t.is_constant());
    assert_eq!(err("ab\\q", Scope::Payload), (3, "unknown escape \\q: use \\n \\r \\t \\0 \\\\ or \\xHH".into()));
    assert_eq!(err("${seq}\\q", Scope::Payload).0, 7);
    assert_eq!(err("a\\x4${seq}", Scope::Payload).0, 2);
    let t = Template::parse("\\\\${seq}", Scope::Payload).unwrap();
    assert_eq!(render(&t, None, &[]), b"\\3", "an escaped backslash, then a variable");
}

#[test]
fn bad_variables_are_refused_with_position_and_reason() {
    assert_eq!(err("ab${seq", Scope::Payload), (3, "${ is not closed: end the variable with }".into()));
    assert_eq!(err("${}", Scope::Payload), (1, "${} names no variable".into()));
    let (pos, msg) = err("x ${nmae}", MSG);
    assert_eq!(pos, 3);
    assert!(msg.starts_with("unknown variable ${nmae}: use ${line} ${msg}"), "{msg}");
    assert_eq!(
        err("${line}", Scope::Connect),
        (1, "${line} has nothing to take its value from on connect, before any message".into())
    );
    assert_eq!(err("${peer}", Scope::Payload).1, "${peer} has nothing to take its value from in a payload you send");
    assert_eq!(err("${1}", MSG), (1, "${1}: only a regex: rule has capture groups".into()));
    assert_eq!(
        err("${3}", Scope::Message { regex_groups: Some(2) }),
        (1, "${3}: the regex has only 2 capture group(s)".into())
    );
    assert_eq!(err("ab${time:iso}", Scope::Payload).0, 10, "the position of the argument");
    assert!(err("${time:iso}", Scope::Payload).1.starts_with("${time:iso}: use ${time}, ${time:unix}"));
    assert!(err("${random:0}", Scope::Payload).1.contains("1 to 65536"));
    assert!(err("${random:65537}", Scope::Payload).1.contains("1 to 65536"));
    assert!(err("${crc16:mid}", Scope::Payload).1.contains(":be (high byte first) or :le"));
    assert_eq!(err("${hex:0d0g}", Scope::Payload), (10, "${hex:…}: 'g' is not a hex digit (0-9, a-f)".into()));
    assert!(err("${hex:}", Scope::Payload).1.contains("give the bytes in hex"));
    assert!(err("${len:2}", MSG).1.contains("takes no argument"));
    assert_eq!(err("中${x}", Scope::Payload).0, 2, "positions count characters, not bytes");
}

#[test]
fn message_variables() {
    let f = line_frame(b"bob\r\n", 3);
    let t = Template::parse("[${line}|${body}|${msg}|${len}|${eol}]", MSG).unwrap();
    assert_eq!(render(&t, Some(&f), &[]), b"[bob|bob|bob\r\n|5|\r\n]");
    assert!(!t.is_constant());
    let nul = line_frame(b"x\0", 1);
    let t = Template::parse("${line}${eol}", MSG).unwrap();
    assert_eq!(render(&t, Some(&nul), &[]), b"x\n", "no line end: ${{eol}} is a newline");
}

#[test]
fn captures_peer_seq_and_time() {
    let f = line_frame(b"name=ann\n", 8);
    let t = Template::parse("Hello, ${1}! [${0}] ${2}", Scope::Message { regex_groups: Some(2) }).unwrap();
    assert_eq!(render(&t, Some(&f), &[Some(0..8), Some(5..8), None]), b"Hello, ann! [name=ann] ");
    let t = Template::parse("${peer} #${seq} ${time:unix} ${time:ms}", Scope::Connect).unwrap();
    assert_eq!(render(&t, None, &[]), b"127.0.0.1:4242 #3 1700000000 1700000000123");
    let local = String::from_utf8(render(&Template::parse("${time}", Scope::Payload).unwrap(), None, &[])).unwrap();
    assert_eq!(local.len(), "2023-11-14T22:13:20.123+00:00".len(), "{local}");
    assert!(local.contains(".123"));
}

#[test]
fn checksums_cover_what_precedes_them() {
    let t = Template::parse("123456789${crc16}", Scope::Payload).unwrap();
    assert_eq!(render(&t, None, &[]), b"123456789\x37\x4B");
    let t = Template::parse("123456789${crc32:le}", Scope::Payload).unwrap();
    assert_eq!(render(&t, None, &[]), b"123456789\x26\x39\xF4\xCB");
    let t = Template::parse("${hex:01 03 00 00 00 01}${crc16-modbus}", Scope::Payload).unwrap();
    assert_eq!(render(&t, None, &[]), [1, 3, 0, 0, 0, 1, 0x84, 0x0A]);
    let t = Template::parse("\\x02AB${xor8}${sum8}", Scope::Payload).unwrap();
    assert_eq!(render(&t, None, &[]), [2, b'A', b'B', 2 ^ 0x41 ^ 0x42, (2u8 + 0x41 + 0x42 + (2 ^ 0x41 ^ 0x42))]);
}

#[test]
fn random_is_seeded_and_varies() {
    let t = Template::parse("${random} ${random} ${random:5}", Scope::Payload).unwrap();
    let a = render(&t, None, &[]);
    assert_eq!(a, render(&t, None, &[]), "same seed, same bytes");
    let text = String::from_utf8_lossy(&a);
    let words: Vec<&str> = text.split(' ').collect();
    assert_ne!(words[0], words[1]);
    assert!(words[0].parse::<u32>().is_ok());
    assert_eq!(a.len(), words[0].len() + words[1].len() + 2 + 5);
    let mut r1 = Rng::from_entropy();
    let mut r2 = Rng::from_entropy();
    assert_ne!(r1.next_u64(), r2.next_u64());
}

#[test]
fn daytime_and_http_as_the_reply_modes_wrote_them() {
    let now = SystemTime::now();
    let mut rng = Rng::seeded(1);
    let t = Template::parse("${daytime}\\r\\n", Scope::Connect).unwrap();
    let got = t.render(&mut Context { frame: None, captures: &[], peer: None, seq: 1, now, rng: &mut rng });
    assert_eq!(got, crate::net::reply::daytime_line(now).into_bytes());
    let req = line_frame(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n", 24);
    let t = Template::parse("${http}", MSG).unwrap();
    assert_eq!(render(&t, Some(&req), &[]), crate::net::reply::http_response(Some(&req.bytes)));
    let t = Template::parse("${http}", Scope::Oversize).unwrap();
    assert!(render(&t, None, &[]).starts_with(b"HTTP/1.1 431 "));
}

#[test]
fn composer_payload_expansion() {
    let mut rng = Rng::seeded(1);
    let now = UNIX_EPOCH + Duration::from_secs(5);
    assert_eq!(expand_payload("id=${seq} t=${time:unix}\\n", 42, now, &mut rng).unwrap(), b"id=42 t=5\n");
    assert_eq!(expand_payload("plain", 1, now, &mut rng).unwrap(), b"plain");
    let e = expand_payload("x${line}", 1, now, &mut rng).unwrap_err();
    assert_eq!(e.to_string(), "at character 2: ${line} has nothing to take its value from in a payload you send");
}
