//! The bubble cache against the conversation it follows: what is cached as
//! messages arrive, join, and fall out of the bounded history.

use std::time::SystemTime;

use super::*;
use crate::model::Limits;
use crate::net::{EndpointKind, EndpointSpec, Event, EventKind};

fn endpoint(kind: EndpointKind, messages: usize) -> EndpointState {
    let limits = Limits { messages, message_bytes: 1 << 20, ..Default::default() };
    EndpointState::new(1, "t".into(), EndpointSpec::new(kind, "127.0.0.1:0"), limits)
}

fn recv(ep: &mut EndpointState, conn: u64, data: &[u8]) {
    let kind = EventKind::Received { conn, from: None, data: data.to_vec().into() };
    ep.apply(Event { time: SystemTime::now(), endpoint: 1, kind });
}

fn send(ep: &mut EndpointState, conn: u64, data: &[u8]) {
    let kind = EventKind::Sent { conn, to: None, data: data.to_vec() };
    ep.apply(Event { time: SystemTime::now(), endpoint: 1, kind });
}

fn shape(chunks: bool) -> Shape<'static> {
    Shape { mode: ViewMode::Text, chunks, filter: "", conn: None, hex_row: 16, encoding: Encoding::Utf8 }
}

fn seqs(c: &BubbleCache) -> Vec<(u64, u64)> {
    c.bubbles().iter().map(|b| b.seqs).collect()
}

#[test]
fn each_message_arriving_appends_one_bubble() {
    let mut ep = endpoint(EndpointKind::Udp, 100);
    let mut cache = BubbleCache::default();
    cache.update(&ep, shape(true));
    assert!(cache.bubbles().is_empty());
    recv(&mut ep, 0, b"hello\n");
    send(&mut ep, 0, b"back\n");
    cache.update(&ep, shape(true));
    assert_eq!(seqs(&cache), [(0, 0), (1, 1)]);
    let b = &cache.bubbles()[0];
    assert_eq!(b.dir, Direction::In);
    assert_eq!(b.lines, ["hello"]);
    assert!(b.header.contains("⬅ recv · 6 bytes"), "{}", b.header);
    assert!(cache.bubbles()[1].header.contains("send ➡ · 5 bytes"));
    recv(&mut ep, 0, b"third");
    cache.update(&ep, shape(true));
    assert_eq!(seqs(&cache), [(0, 0), (1, 1), (2, 2)], "only the new one is added");
}

#[test]
fn joined_lines_keep_a_bubble_open_until_its_line_ends() {
    let mut ep = endpoint(EndpointKind::TcpClient, 100);
    let mut cache = BubbleCache::default();
    recv(&mut ep, 0, b"hel");
    cache.update(&ep, shape(false));
    assert_eq!(seqs(&cache), [(0, 0)]);
    recv(&mut ep, 0, b"lo\nwor");
    cache.update(&ep, shape(false));
    assert_eq!(seqs(&cache), [(0, 1)], "the chunk joined the open bubble");
    assert_eq!(cache.bubbles()[0].lines, ["hello", "wor"]);
    assert!(cache.bubbles()[0].header.contains("9 bytes · 2 chunks"), "{}", cache.bubbles()[0].header);
    recv(&mut ep, 0, b"ld\n");
    recv(&mut ep, 0, b"next\n");
    cache.update(&ep, shape(false));
    assert_eq!(seqs(&cache), [(0, 2), (3, 3)], "a line end closes the bubble");
    send(&mut ep, 0, b"mine");
    recv(&mut ep, 0, b"theirs");
    cache.update(&ep, shape(false));
    assert_eq!(seqs(&cache), [(0, 2), (3, 3), (4, 4), (5, 5)], "the other side starts its own bubble");
}

#[test]
fn bubbles_whose_messages_fell_out_of_the_history_go() {
    let mut ep = endpoint(EndpointKind::Udp, 3);
    let mut cache = BubbleCache::default();
    for i in 0..5u8 {
        recv(&mut ep, 0, &[b'a' + i, b'\n']);
        cache.update(&ep, shape(true));
    }
    assert_eq!(seqs(&cache), [(2, 2), (3, 3), (4, 4)]);
    // Many arrive between two frames: the cache still holds only what the history does.
    for i in 0..10u8 {
        recv(&mut ep, 0, &[b'k' + i]);
    }
    cache.update(&ep, shape(true));
    assert_eq!(seqs(&cache), [(12, 12), (13, 13), (14, 14)]);
}

#[test]
fn a_joined_group_that_lost_its_start_goes_whole() {
    let mut ep = endpoint(EndpointKind::TcpClient, 3);
    let mut cache = BubbleCache::default();
    for chunk in [b"a" as &[u8], b"b", b"c\n"] {
        recv(&mut ep, 0, chunk);
    }
    cache.update(&ep, shape(false));
    assert_eq!(seqs(&cache), [(0, 2)]);
    recv(&mut ep, 0, b"d\n");
    cache.update(&ep, shape(false));
    assert_eq!(seqs(&cache), [(3, 3)], "message 0 fell out, so its bubble went");
}

#[test]
fn a_changed_shape_builds_the_bubbles_again() {
    let mut ep = endpoint(EndpointKind::TcpServer, 100);
    recv(&mut ep, 1, b"Apple\n");
    recv(&mut ep, 2, b"banana\n");
    recv(&mut ep, 1, &[0xff, 0x0a]);
    let mut cache = BubbleCache::default();
    cache.update(&ep, shape(true));
    assert_eq!(cache.bubbles().len(), 3);
    cache.update(&ep, Shape { filter: "APP", ..shape(true) });
    assert_eq!(seqs(&cache), [(0, 0)], "text matches in any case");
    cache.update(&ep, Shape { filter: "ff 0a", ..shape(true) });
    assert_eq!(seqs(&cache), [(2, 2)], "the hex matches too");
    cache.update(&ep, Shape { conn: Some(2), ..shape(true) });
    assert_eq!(seqs(&cache), [(1, 1)], "one connection");
    assert!(cache.bubbles()[0].header.contains(" #2"), "a server's bubble names the connection");
    cache.update(&ep, Shape { mode: ViewMode::Hex, ..shape(true) });
    assert_eq!(cache.bubbles()[0].lines[0], format!("{:06x}  {:<47}  |Apple.|", 0, "41 70 70 6c 65 0a"));
    assert_eq!(cache.bubbles()[2].lines, [format!("{:06x}  {:<47}  |..|", 0, "ff 0a")]);
}

#[test]
fn long_and_binary_bodies_are_cut_and_counted() {
    let many: String = (0..MAX_BUBBLE_LINES + 8).map(|i| format!("line {i}\n")).collect();
    let lines = body_lines(many.as_bytes(), ViewMode::Text, 16);
    assert_eq!(lines.len(), MAX_BUBBLE_LINES + 1);
    assert_eq!(lines[MAX_BUBBLE_LINES], "… 8 more lines (Copy takes them all)");
    let wide = "x".repeat(MAX_LINE_CHARS + 5);
    assert_eq!(body_lines(wide.as_bytes(), ViewMode::Text, 16)[0].chars().count(), MAX_LINE_CHARS + 1);
    assert_eq!(body_lines(b"a\tb\r\n", ViewMode::Text, 16), ["a\\tb\\r"]);
    assert_eq!(body_lines(&[0xff], ViewMode::Text, 16)[0], "(not UTF-8: shown as hex)");
    assert_eq!(body_lines(b"", ViewMode::Both, 16), ["(empty)"]);
    assert_eq!(body_lines(b"hi", ViewMode::Both, 16).len(), 2, "text, then the hexdump");
}

#[test]
fn hexdump_rows_take_a_fixed_width_that_fits_the_view() {
    let data: Vec<u8> = (b'a'..=b'z').collect();
    let rows = body_lines(&data, ViewMode::Hex, 8);
    assert_eq!(rows.len(), 4, "26 bytes at 8 a row");
    assert_eq!(rows[0], "000000  61 62 63 64 65 66 67 68  |abcdefgh|");
    assert_eq!(rows[3], format!("{:06x}  {:<23}  |yz|", 24, "79 7a"));
    assert!(rows.iter().all(|r| r.chars().count() <= hexdump_chars(8)));
    assert_eq!(hexdump_chars(16), body_lines(&data, ViewMode::Hex, 16)[0].chars().count());
}

#[test]
fn copy_takes_the_whole_group() {
    let mut ep = endpoint(EndpointKind::TcpServer, 100);
    recv(&mut ep, 1, b"one ");
    recv(&mut ep, 2, b"other\n");
    recv(&mut ep, 1, b"two\n");
    assert_eq!(full_text(&ep, (0, 2), Some(1)), "one two\n");
    assert_eq!(full_text(&ep, (0, 2), None), "one other\ntwo\n");
}

#[test]
fn incremental_cache_matches_a_full_rebuild() {
    let limits = Limits { messages: 25, message_bytes: 400, ..Default::default() };
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
    let mut ep = EndpointState::new(1, "t".into(), spec, limits);
    let mut views: Vec<(Shape<'static>, BubbleCache)> = Vec::new();
    for chunks in [true, false] {
        for filter in ["", "a", "0a"] {
            for conn in [None, Some(1)] {
                for mode in [ViewMode::Text, ViewMode::Hex, ViewMode::Both] {
                    views.push((
                        Shape { mode, chunks, filter, conn, hex_row: 16, encoding: Encoding::Utf8 },
                        BubbleCache::default(),
                    ));
                }
            }
        }
    }
    let mut x: u64 = 12345;
    let mut rnd = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    for step in 0..400 {
        let len = rnd(40) as usize;
        let data: Vec<u8> = (0..len)
            .map(|_| match rnd(10) {
                0 => b'\n',
                1 => 0xff,
                2 => b'a',
                _ => b'b' + rnd(20) as u8,
            })
            .collect();
        let conn = 1 + rnd(2);
        if rnd(2) == 0 {
            recv(&mut ep, conn, &data)
        } else {
            send(&mut ep, conn, &data)
        }
        // Update some views only now and then, as a view not shown would.
        for (i, (shape, cache)) in views.iter_mut().enumerate() {
            if (step + i) % 3 == 0 {
                continue;
            }
            cache.update(&ep, *shape);
            let inc: Vec<&Bubble> = cache.bubbles().iter().collect();
            let full = build(&ep, *shape, 0).0;
            let skip = full.len() - inc.len();
            assert!(skip <= 1, "step {step} view {i}: {} vs {}", inc.len(), full.len());
            assert!(inc.iter().copied().eq(full[skip..].iter()), "step {step} view {i}");
            if skip == 1 {
                assert!(!shape.chunks);
            }
        }
    }
}

#[test]
fn gbk_split_across_recvs_reads_whole_when_joined_and_bad_bytes_stay_hex() {
    let mut ep = endpoint(EndpointKind::TcpClient, 100);
    recv(&mut ep, 0, b"\xc4\xe3\xba"); // 你 and half of 好
    recv(&mut ep, 0, b"\xc3\xff\xfe\n");
    let gbk = Shape { encoding: Encoding::Gbk, ..shape(false) };
    let mut cache = BubbleCache::default();
    cache.update(&ep, gbk);
    let b = &cache.bubbles()[0];
    assert_eq!(b.lines, ["你好\\xFF\\xFE"]);
    assert_eq!(b.undecoded, [Span { line: 0, start: 2, end: 10 }], "the bytes that did not decode are marked");
    // Another encoding builds the bubbles again (the cache must not keep GBK's text).
    cache.update(&ep, shape(false));
    assert_eq!(cache.bubbles()[0].lines[0], "(not UTF-8: shown as hex)");
    assert!(cache.bubbles()[0].undecoded.is_empty());
    cache.update(&ep, gbk);
    assert_eq!(cache.bubbles()[0].lines, ["你好\\xFF\\xFE"]);
    // One bubble per recv(): each half stays bytes, never U+FFFD.
    cache.update(&ep, Shape { encoding: Encoding::Gbk, ..shape(true) });
    let lines: Vec<_> = cache.bubbles().iter().map(|b| b.lines.join("|")).collect();
    assert_eq!(lines, ["你\\xBA", "\\xC3\\xFF\\xFE"]);
    ep.spec.encoding = Encoding::Gbk;
    assert_eq!(full_text(&ep, (0, 1), None), "你好\\xff\\xfe\n");
}

#[test]
fn switching_the_language_rebuilds_the_headers_and_notes_in_it() {
    use crate::i18n::{self, Lang};
    i18n::isolate_thread();
    i18n::set_language(Lang::En);
    let mut ep = endpoint(EndpointKind::Udp, 100);
    recv(&mut ep, 0, b"hi\n");
    recv(&mut ep, 0, &[0xff]);
    let mut cache = BubbleCache::default();
    cache.update(&ep, shape(true));
    assert!(cache.bubbles()[0].header.contains("⬅ recv · 3 bytes"), "{}", cache.bubbles()[0].header);
    i18n::set_language(Lang::ZhCn);
    cache.update(&ep, shape(true));
    assert!(cache.bubbles()[0].header.contains("⬅ recv 接收 · 3 字节"), "{}", cache.bubbles()[0].header);
    assert_eq!(cache.bubbles()[1].lines[0], "（不是 UTF-8：以十六进制显示）");
    i18n::set_language(Lang::En);
}
