//! The framer against every framing mode, with the stream split at every
//! pair of byte positions, in one-byte chunks and coalesced into one chunk.

use super::*;

fn spec(framing: Framing) -> FrameSpec {
    FrameSpec::new(framing)
}

fn prefix(width: PrefixWidth, big_endian: bool, counts_header: bool) -> Framing {
    Framing::LengthPrefix { width, big_endian, counts_header }
}

/// Feeds `chunks` (numbered from 0) and returns every event, then what
/// `finish` gave back.
fn run(spec: &FrameSpec, chunks: &[&[u8]]) -> (Vec<FrameEvent>, Option<Frame>) {
    let mut framer = Framer::new(spec.clone()).unwrap();
    let mut out = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        framer.push(i as u64, c, &mut out);
        assert!(framer.held() <= spec.limit, "held {} over the limit", framer.held());
    }
    (out, framer.finish())
}

fn frames(events: &[FrameEvent]) -> Vec<&Frame> {
    events.iter().filter_map(|e| if let FrameEvent::Frame(f) = e { Some(f) } else { None }).collect()
}

/// Checks that each frame's marks cover it exactly, in order, and name the
/// chunk its bytes really came from.
fn check_marks(chunks: &[&[u8]], events: &[FrameEvent]) {
    let mut starts = vec![0usize];
    for c in chunks {
        starts.push(starts.last().unwrap() + c.len());
    }
    let chunk_of = |offset: usize| starts.windows(2).position(|w| w[0] <= offset && offset < w[1]).unwrap() as u64;
    let mut offset = 0;
    for f in frames(events) {
        let mut covered = 0;
        for span in &f.chunks {
            assert_eq!(span.range.start, covered, "marks are contiguous");
            assert!(!span.range.is_empty());
            assert_eq!(chunk_of(offset + span.range.start), span.chunk);
            assert_eq!(chunk_of(offset + span.range.end - 1), span.chunk);
            covered = span.range.end;
        }
        assert_eq!(covered, f.bytes.len(), "marks cover the frame");
        assert_eq!(f.chunk_count, f.chunks.len() as u64);
        offset += f.bytes.len();
    }
}

/// Every way of cutting `stream` into one, two, three and one-byte chunks
/// gives the same frames (bytes and body), with correct chunk marks.
fn check_every_split(spec: &FrameSpec, stream: &[u8], expected: &[(&[u8], &[u8])]) {
    let n = stream.len();
    let mut cuts: Vec<Vec<&[u8]>> = vec![vec![stream], stream.chunks(1).collect()];
    for i in 1..n {
        cuts.push(vec![&stream[..i], &stream[i..]]);
        for j in i + 1..n {
            cuts.push(vec![&stream[..i], &stream[i..j], &stream[j..]]);
        }
    }
    for chunks in &cuts {
        let (events, rest) = run(spec, chunks);
        let got: Vec<(&[u8], &[u8])> = frames(&events).iter().map(|f| (f.bytes.as_slice(), f.body())).collect();
        assert_eq!(got, expected, "{} with chunks {chunks:?}", spec.framing);
        assert!(frames(&events).iter().all(|f| f.end == FrameEnd::Complete));
        assert_eq!(events.len(), expected.len(), "no errors");
        assert_eq!(rest, None);
        check_marks(chunks, &events);
    }
}

#[test]
fn line_frames_at_every_split() {
    let stream = b"hello\r\nworld\n\nlast one\r\n";
    let expected: [(&[u8], &[u8]); 4] =
        [(b"hello\r\n", b"hello"), (b"world\n", b"world"), (b"\n", b""), (b"last one\r\n", b"last one")];
    check_every_split(&spec(Framing::Line), stream, &expected);
}

#[test]
fn delimiter_frames_at_every_split() {
    let stream = b"ab\r\n\r\ncd\r\n\r\n\r\n\r\nef\r\r\n\r\n";
    let d = Framing::Delimiter(b"\r\n\r\n".to_vec());
    let expected: [(&[u8], &[u8]); 4] =
        [(b"ab\r\n\r\n", b"ab"), (b"cd\r\n\r\n", b"cd"), (b"\r\n\r\n", b""), (b"ef\r\r\n\r\n", b"ef\r")];
    check_every_split(&spec(d), stream, &expected);
    let nul = Framing::Delimiter(vec![0]);
    check_every_split(&spec(nul), b"a\0bc\0\0", &[(b"a\0", b"a"), (b"bc\0", b"bc"), (b"\0", b"")]);
}

#[test]
fn fixed_frames_at_every_split() {
    let expected: [(&[u8], &[u8]); 3] = [(b"abcd", b"abcd"), (b"efgh", b"efgh"), (b"\0\0\0\0", b"\0\0\0\0")];
    check_every_split(&spec(Framing::Fixed(4)), b"abcdefgh\0\0\0\0", &expected);
}

#[test]
fn length_prefixed_frames_at_every_split() {
    use PrefixWidth::*;
    type Case<'a> = (Framing, &'a [u8], Vec<(&'a [u8], &'a [u8])>);
    let cases: [Case; 6] = [
        (
            prefix(One, true, false),
            b"\x02hi\x00\x03abc",
            vec![(b"\x02hi", b"hi"), (b"\x00", b""), (b"\x03abc", b"abc")],
        ),
        (prefix(Two, true, false), b"\x00\x02hi\x00\x01z", vec![(b"\x00\x02hi", b"hi"), (b"\x00\x01z", b"z")]),
        (prefix(Two, false, false), b"\x02\x00hi\x00\x00", vec![(b"\x02\x00hi", b"hi"), (b"\x00\x00", b"")]),
        (
            prefix(Four, true, false),
            b"\0\0\0\x03abc\0\0\0\x01z",
            vec![(b"\0\0\0\x03abc", b"abc"), (b"\0\0\0\x01z", b"z")],
        ),
        (prefix(Four, false, false), b"\x03\0\0\0abc", vec![(b"\x03\0\0\0abc", b"abc")]),
        (prefix(Two, true, true), b"\x00\x04hi\x00\x02", vec![(b"\x00\x04hi", b"hi"), (b"\x00\x02", b"")]),
    ];
    for (framing, stream, expected) in cases {
        check_every_split(&spec(framing), stream, &expected);
    }
}

#[test]
fn raw_keeps_each_recv_as_it_came() {
    let (events, rest) = run(&spec(Framing::Raw), &[b"ab", b"c\nd"]);
    let got: Vec<&[u8]> = frames(&events).iter().map(|f| f.bytes.as_slice()).collect();
    assert_eq!(got, vec![b"ab".as_slice(), b"c\nd"]);
    assert_eq!(frames(&events)[1].chunks, vec![ChunkSpan { chunk: 1, range: 0..3 }]);
    assert_eq!(rest, None);
}

#[test]
fn a_frame_over_three_chunks_carries_three_marks() {
    let (events, _) = run(&spec(Framing::Line), &[b"he", b"ll", b"o\nnext"]);
    let f = frames(&events)[0];
    let marks: Vec<(u64, std::ops::Range<usize>)> = f.chunks.iter().map(|s| (s.chunk, s.range.clone())).collect();
    assert_eq!(marks, vec![(0, 0..2), (1, 2..4), (2, 4..6)]);
    assert_eq!(f.chunk_count, 3);
}

#[test]
fn an_incomplete_frame_waits_and_is_handed_back_at_the_end() {
    let (events, rest) = run(&spec(Framing::Line), &[b"one\ntw", b"o"]);
    assert_eq!(frames(&events).len(), 1);
    let rest = rest.unwrap();
    assert_eq!((rest.bytes.as_slice(), rest.end), (b"two".as_slice(), FrameEnd::Eof));
    assert_eq!(rest.chunk_count, 2);
}

#[test]
fn a_line_past_the_limit_is_reported_then_skipped_to_the_next_line() {
    let s = FrameSpec { limit: 8, ..spec(Framing::Line) };
    let (events, _) = run(&s, &[b"ok\n0123456", b"789abcdef", b"xyz\nafter\n"]);
    let error = FrameError { kind: FrameErrorKind::NoDelimiter { limit: 8 }, then: Oversize::Resync };
    assert_eq!(events[1], FrameEvent::Error(error.clone()));
    assert_eq!(events[2], FrameEvent::Resynced { skipped: 20 });
    assert_eq!(frames(&events).iter().map(|f| f.body()).collect::<Vec<_>>(), vec![b"ok".as_slice(), b"after"]);
    assert_eq!(
        error.to_string(),
        "no delimiter within the frame limit of 8 bytes: skipped to the next frame; raise the limit if frames are this long"
    );
}

#[test]
fn resync_finds_a_delimiter_split_across_chunks() {
    let s = FrameSpec { limit: 6, ..spec(Framing::Delimiter(b"END".to_vec())) };
    let (events, _) = run(&s, &[b"aaaaaaaaE", b"N", b"Dok", b"END"]);
    assert!(matches!(events[0], FrameEvent::Error(_)));
    assert_eq!(events[1], FrameEvent::Resynced { skipped: 11 });
    assert_eq!(frames(&events)[0].body(), b"ok");
}

#[test]
fn close_stops_framing_and_counts_what_follows() {
    let s = FrameSpec { limit: 4, oversize: Oversize::Close, ..spec(Framing::Line) };
    let mut framer = Framer::new(s).unwrap();
    let mut out = Vec::new();
    framer.push(0, b"abcdef\nok\n", &mut out);
    assert!(matches!(out.as_slice(), [FrameEvent::Error(FrameError { then: Oversize::Close, .. })]));
    assert!(framer.is_closed());
    framer.push(1, b"more\n", &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(framer.skipped(), 15);
    assert_eq!(framer.finish(), None);
}

#[test]
fn split_hands_on_an_oversize_line_in_pieces() {
    let s = FrameSpec { limit: 4, oversize: Oversize::Split, ..spec(Framing::Line) };
    let (events, _) = run(&s, &[b"abcdefghij\nok\n"]);
    let got: Vec<(&[u8], FrameEnd)> = frames(&events).iter().map(|f| (f.bytes.as_slice(), f.end)).collect();
    let expected: Vec<(&[u8], FrameEnd)> = vec![
        (b"abcd", FrameEnd::Cut),
        (b"efgh", FrameEnd::Cut),
        (b"ij\n", FrameEnd::Complete),
        (b"ok\n", FrameEnd::Complete),
    ];
    assert_eq!(got, expected);
    // A cut never separates the bytes of a multi-byte delimiter.
    let s = FrameSpec { limit: 5, oversize: Oversize::Split, ..spec(Framing::Delimiter(b"\r\n".to_vec())) };
    let (events, _) = run(&s, &[b"abc\r", b"\nz\r\n"]);
    let got: Vec<&[u8]> = frames(&events).iter().map(|f| f.bytes.as_slice()).collect();
    assert_eq!(got, vec![b"abc\r\n".as_slice(), b"z\r\n"]);
    let (events, _) = run(&s, &[b"abcd\r", b"\n"]);
    let got: Vec<(&[u8], FrameEnd)> = frames(&events).iter().map(|f| (f.bytes.as_slice(), f.end)).collect();
    assert_eq!(got, vec![(b"abcd".as_slice(), FrameEnd::Cut), (b"\r\n", FrameEnd::Complete)]);
}

#[test]
fn split_hands_on_an_oversize_length_prefixed_frame_in_pieces() {
    let s = FrameSpec { limit: 4, oversize: Oversize::Split, ..spec(prefix(PrefixWidth::One, true, false)) };
    let (events, _) = run(&s, &[b"\x06abc", b"def\x01z"]);
    assert!(matches!(
        events[0],
        FrameEvent::Error(FrameError { kind: FrameErrorKind::Announced { length: 6, .. }, .. })
    ));
    let got: Vec<(&[u8], FrameEnd)> = frames(&events).iter().map(|f| (f.bytes.as_slice(), f.end)).collect();
    let expected: Vec<(&[u8], FrameEnd)> =
        vec![(b"\x06abc", FrameEnd::Cut), (b"def", FrameEnd::Cut), (b"\x01z", FrameEnd::Complete)];
    assert_eq!(got, expected);
}

#[test]
fn an_impossible_length_is_reported_and_its_header_dropped() {
    let s = spec(prefix(PrefixWidth::Two, true, true));
    let (events, _) = run(&s, &[b"\x00\x01\x00\x03z"]);
    let kind = FrameErrorKind::Impossible { length: 1, header: 2 };
    assert_eq!(events[0], FrameEvent::Error(FrameError { kind, then: Oversize::Resync }));
    assert_eq!(events[1], FrameEvent::Resynced { skipped: 2 });
    assert_eq!(frames(&events)[0].body(), b"z");
}

/// A peer announcing a 4 GB frame, then sending 64 MiB of it, costs nothing:
/// nothing is held, the bytes are only counted, and the next frame arrives.
#[test]
fn a_4_gb_announcement_holds_no_memory() {
    let s = spec(prefix(PrefixWidth::Four, true, false));
    let mut framer = Framer::new(s).unwrap();
    let mut out = Vec::new();
    framer.push(0, &[0xff, 0xff, 0xff, 0xff], &mut out);
    let kind = FrameErrorKind::Announced { length: 0xffff_ffff, limit: DEFAULT_LIMIT };
    assert_eq!(out, vec![FrameEvent::Error(FrameError { kind, then: Oversize::Resync })]);
    let chunk = vec![b'x'; 64 * 1024];
    for i in 1..=1024 {
        framer.push(i, &chunk, &mut out);
        assert_eq!(framer.held(), 0);
    }
    assert_eq!(out.len(), 1, "nothing but the one error");
    assert_eq!(framer.skipped(), 4 + 64 * 1024 * 1024);
}

/// A peer that never sends the delimiter never makes the framer hold more
/// than the limit, whatever the chunk sizes.
#[test]
fn a_missing_delimiter_holds_at_most_the_limit() {
    for (oversize, limit) in [(Oversize::Resync, 1000), (Oversize::Split, 1000), (Oversize::Close, 1000)] {
        let s = FrameSpec { limit, oversize, ..spec(Framing::Delimiter(b"\r\n".to_vec())) };
        let mut framer = Framer::new(s).unwrap();
        let mut out = Vec::new();
        for (i, size) in [1, 999, 64 * 1024, 3, 500_000].into_iter().cycle().take(40).enumerate() {
            framer.push(i as u64, &vec![b'a'; size], &mut out);
            assert!(framer.held() <= limit, "{oversize}: held {}", framer.held());
            out.retain(|e| matches!(e, FrameEvent::Error(_)));
        }
    }
}

#[test]
fn the_marks_of_a_frame_from_many_tiny_chunks_are_capped_but_counted() {
    let s = spec(Framing::Line);
    let mut framer = Framer::new(s).unwrap();
    let mut out = Vec::new();
    for i in 0..1000 {
        framer.push(i, b"a", &mut out);
    }
    framer.push(1000, b"\n", &mut out);
    let f = frames(&out)[0];
    assert_eq!(f.chunks.len(), MAX_MARKS);
    assert_eq!(f.chunk_count, 1001);
}

#[test]
fn specs_a_framer_cannot_use_are_refused() {
    let bad = [
        (
            FrameSpec { limit: 0, ..FrameSpec::default() },
            "the frame limit must be between 1 byte and 16777216 bytes (16 MiB), not 0",
        ),
        (spec(Framing::Delimiter(vec![])), "the delimiter is empty: give at least one byte in hex, as in delim:0d0a"),
        (spec(Framing::Fixed(0)), "fixed frames must be at least 1 byte long"),
        (
            FrameSpec { limit: 10, ..spec(Framing::Fixed(11)) },
            "fixed frames of 11 bytes are larger than the frame limit of 10 bytes: raise the limit",
        ),
        (
            FrameSpec { limit: 1, ..spec(prefix(PrefixWidth::Two, true, false)) },
            "the frame limit of 1 bytes is shorter than the 2-byte delimiter or length header: raise it",
        ),
    ];
    for (s, msg) in bad {
        assert_eq!(Framer::new(s).err().map(|e| e.to_string()).as_deref(), Some(msg));
    }
}

#[test]
fn line_text_and_line_end() {
    let (events, _) = run(&spec(Framing::Raw), &[b"exit\r\n"]);
    let f = frames(&events)[0];
    assert_eq!((f.line(), f.line_end()), (b"exit".as_slice(), b"\r\n".as_slice()));
    let (events, _) = run(&spec(Framing::Line), &[b"bob\r\nann\n"]);
    let got: Vec<(&[u8], &[u8])> = frames(&events).iter().map(|f| (f.line(), f.line_end())).collect();
    assert_eq!(got, vec![(b"bob".as_slice(), b"\r\n".as_slice()), (b"ann", b"\n")]);
    let (events, _) = run(&spec(Framing::Delimiter(vec![0])), &[b"x\0"]);
    assert_eq!(frames(&events)[0].line_end(), b"");
}

/// Random specs, streams and chunkings: nothing panics, the framer never
/// holds more than the limit, and every byte is accounted for exactly once
/// (in a frame, skipped, or handed back at the end).
#[test]
fn every_byte_is_accounted_for_whatever_arrives() {
    let mut rng = crate::net::template::Rng::seeded(11);
    let mut pick = |n: u64| (rng.next_u64() % n) as usize;
    for _ in 0..3000 {
        let limit = 1 + pick(12);
        let framing = match pick(5) {
            0 => Framing::Line,
            1 => Framing::Delimiter(vec![b'a'; 1 + pick(3)]),
            2 => Framing::Fixed(1 + pick(limit as u64)),
            3 => prefix(PrefixWidth::One, true, pick(2) == 0),
            _ => prefix(PrefixWidth::Two, pick(2) == 0, pick(2) == 0),
        };
        let oversize = Oversize::ALL[pick(3)];
        let s = FrameSpec { framing, limit, oversize };
        let Ok(mut framer) = Framer::new(s.clone()) else { continue };
        let stream: Vec<u8> = (0..pick(60)).map(|_| b"ab\n\0\x01\x03"[pick(6)]).collect();
        let mut out = Vec::new();
        let mut at = 0;
        let mut chunk = 0;
        while at < stream.len() {
            let n = (1 + pick(8)).min(stream.len() - at);
            framer.push(chunk, &stream[at..at + n], &mut out);
            assert!(framer.held() <= limit, "{s:?}");
            at += n;
            chunk += 1;
        }
        let framed: usize = frames(&out).iter().map(|f| f.bytes.len()).sum();
        let skipped = framer.skipped() as usize;
        let rest = framer.finish().map_or(0, |f| f.bytes.len());
        assert_eq!(framed + skipped + rest, stream.len(), "{s:?} {stream:?}");
        for f in frames(&out) {
            assert!(f.bytes.len() <= limit, "{s:?}: a {}-byte frame", f.bytes.len());
            assert!(f.body.start <= f.body.end && f.body.end <= f.bytes.len());
        }
    }
}
