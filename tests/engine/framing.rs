//! Framing over real sockets, for every framing mode: a Python client sends
//! the frames split at every byte position (TCP_NODELAY, and each piece is
//! received before the next is sent, so every split is a real recv()
//! boundary), then several frames coalesced in one sendall. The messages
//! must be the frames, whole, with chunk marks that name the recv() each
//! byte came from.

use std::ops::Range;

use socklab::net::frame::{FrameEnd, FrameSpec, Framing, PrefixWidth};

use super::*;

/// Reads hex lines on stdin and sends each as one piece.
const PIECES_CLIENT: &str = r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
out("connected")
for line in sys.stdin:
    s.sendall(bytes.fromhex(line.strip()))
s.close()
"#;

struct Case {
    name: String,
    frame: FrameSpec,
    /// Each frame's bytes and where its body is.
    frames: Vec<(Vec<u8>, Range<usize>)>,
}

fn delimited(name: &str, framing: Framing, delim: &[u8], bodies: &[&[u8]]) -> Case {
    let frames = bodies.iter().map(|b| ([*b, delim].concat(), 0..b.len())).collect();
    Case { name: name.into(), frame: FrameSpec::new(framing), frames }
}

fn prefixed(width: PrefixWidth, big_endian: bool, counts_header: bool) -> Case {
    let w = width.bytes();
    let frames = [b"abc".as_slice(), b"", b"hello!"]
        .iter()
        .map(|body| {
            let n = (body.len() + if counts_header { w } else { 0 }) as u32;
            let header = if big_endian { n.to_be_bytes()[4 - w..].to_vec() } else { n.to_le_bytes()[..w].to_vec() };
            ([header.as_slice(), body].concat(), w..w + body.len())
        })
        .collect();
    let framing = Framing::LengthPrefix { width, big_endian, counts_header };
    Case { name: framing.to_string(), frame: FrameSpec::new(framing), frames }
}

fn cases() -> Vec<Case> {
    let mut out = vec![
        Case {
            name: "line".into(),
            frame: FrameSpec::new(Framing::Line),
            frames: vec![(b"ab\n".to_vec(), 0..2), (b"cd\r\n".to_vec(), 0..2), (b"\n".to_vec(), 0..0)],
        },
        // A two-byte delimiter, one frame holding half of it, one empty.
        delimited("delim:ff00", Framing::Delimiter(vec![0xff, 0]), &[0xff, 0], &[b"one", b"", b"x\xffy"]),
        Case {
            name: "fixed:3".into(),
            frame: FrameSpec::new(Framing::Fixed(3)),
            frames: vec![(b"abc".to_vec(), 0..3), (b"def".to_vec(), 0..3), (vec![0, 1, 2], 0..3)],
        },
    ];
    for (width, big_endian) in
        [(PrefixWidth::One, true), (PrefixWidth::Two, true), (PrefixWidth::Four, true), (PrefixWidth::Two, false)]
    {
        out.push(prefixed(width, big_endian, false));
    }
    out.push(prefixed(PrefixWidth::Four, false, false));
    out.push(prefixed(PrefixWidth::Two, true, true));
    out
}

/// Sends `piece` and waits until the server has received all of it;
/// returns the sizes of the recv() chunks it came in.
fn send_piece(py: &mut Proc, rx: &mut Rx, id: u64, conn: u64, piece: &[u8]) -> Vec<usize> {
    py.send_line(&hex(piece));
    let mut sizes = Vec::new();
    while sizes.iter().sum::<usize>() < piece.len() {
        let what = format!("the rest of {:?}", String::from_utf8_lossy(piece));
        match rx.wait_kind(id, &what, |k| matches!(k, EventKind::Received { conn: c, .. } if *c == conn)) {
            EventKind::Received { data, .. } => sizes.push(data.len()),
            _ => unreachable!(),
        }
    }
    sizes
}

#[test]
fn every_framing_mode_over_real_sockets_split_at_every_byte_and_coalesced() {
    let (engine, mut rx) = engine();
    for case in cases() {
        let spec = tcp_server(ReplyMode::None).with_frame(case.frame.clone());
        let (id, local) = open_server(&engine, &mut rx, spec);
        let mut py = Proc::python(PIECES_CLIENT, &[&inet(&local).port().to_string()]);
        assert_eq!(py.line(), "connected");
        let (conn, _, _) = accepted(&mut rx, id);
        let stream: Vec<u8> = case.frames.iter().flat_map(|(b, _)| b.clone()).collect();
        // Each copy of the stream split in two at byte i, then three copies in one sendall.
        let mut chunk_sizes = Vec::new();
        for i in 1..stream.len() {
            chunk_sizes.extend(send_piece(&mut py, &mut rx, id, conn, &stream[..i]));
            chunk_sizes.extend(send_piece(&mut py, &mut rx, id, conn, &stream[i..]));
        }
        let coalesced = send_piece(&mut py, &mut rx, id, conn, &stream.repeat(3));
        assert_eq!(coalesced.len(), 1, "{}: three copies in one sendall came in one recv()", case.name);
        chunk_sizes.extend(coalesced);
        py.close_stdin();
        rx.wait_kind(id, "the client's FIN", |k| matches!(k, EventKind::PeerClosed { .. }));
        let messages: Vec<_> = rx
            .take(|e| e.endpoint == id && matches!(e.kind, EventKind::Message { .. }))
            .into_iter()
            .map(|e| match e.kind {
                EventKind::Message { frame, .. } => frame,
                _ => unreachable!(),
            })
            .collect();
        let copies = stream.len() - 1 + 3;
        assert_eq!(messages.len(), case.frames.len() * copies, "{}: one message per frame", case.name);
        // Where each recv() chunk starts in the whole stream.
        let mut starts = vec![0usize];
        for n in &chunk_sizes {
            starts.push(starts.last().copied().unwrap_or(0) + n);
        }
        let chunk_of =
            |at: usize| (starts.windows(2).position(|w| w[0] <= at && at < w[1]).expect("in a chunk")) as u64;
        let mut at = 0;
        for (k, m) in messages.iter().enumerate() {
            let (bytes, body) = &case.frames[k % case.frames.len()];
            let what = format!("{} message {k} at byte {at}", case.name);
            assert_eq!((&m.bytes, &m.body, m.end), (bytes, body, FrameEnd::Complete), "{what}");
            let mut covered = 0;
            for span in &m.chunks {
                assert_eq!(span.range.start, covered, "{what}: marks are contiguous");
                assert_eq!(chunk_of(at + span.range.start), span.chunk, "{what}: first byte of {span:?}");
                assert_eq!(chunk_of(at + span.range.end - 1), span.chunk, "{what}: last byte of {span:?}");
                covered = span.range.end;
            }
            assert_eq!(covered, m.bytes.len(), "{what}: the marks cover the message");
            assert_eq!(m.chunk_count, m.chunks.len() as u64, "{what}");
            at += m.bytes.len();
        }
        // The first copy was split after its first byte: its first frame spans two recv() calls.
        assert_eq!(messages[0].chunk_count, 2, "{}", case.name);
        close(&engine, &mut rx, id);
    }
}

#[test]
fn an_oversize_frame_is_reported_skipped_and_framing_goes_on() {
    let (engine, mut rx) = engine();
    let frame = FrameSpec { limit: 8, ..FrameSpec::new(Framing::Line) };
    let spec = tcp_server(ReplyMode::None).with_frame(frame);
    let (id, local) = open_server(&engine, &mut rx, spec);
    let mut py = Proc::python(PIECES_CLIENT, &[&inet(&local).port().to_string()]);
    assert_eq!(py.line(), "connected");
    let (conn, _, _) = accepted(&mut rx, id);
    send_piece(&mut py, &mut rx, id, conn, b"far too long a line\nok\n");
    match rx.wait_kind(id, "a frame error", |k| matches!(k, EventKind::FrameError { .. })) {
        EventKind::FrameError { error, .. } => {
            assert!(error.to_string().starts_with("no delimiter within the frame limit of 8 bytes"), "{error}")
        }
        _ => unreachable!(),
    }
    match rx.wait_kind(id, "resync", |k| matches!(k, EventKind::Resynced { .. })) {
        EventKind::Resynced { skipped, .. } => assert_eq!(skipped, 20),
        _ => unreachable!(),
    }
    match rx.wait_kind(id, "the next message", |k| matches!(k, EventKind::Message { .. })) {
        EventKind::Message { frame, .. } => assert_eq!(frame.bytes, b"ok\n"),
        _ => unreachable!(),
    }
    close(&engine, &mut rx, id);
}
