//! Text encodings against Python's own codecs, through the real engine:
//! bytes Python sends in GBK (split mid-character across two recv()s) come
//! out readable, bytes that are no character stay bytes, and text encoded by
//! socklab is exactly what Python decodes with the same codec name.

mod support;

use socklab::net::{
    Command, ConnId, Encoding, EndpointId, EndpointKind, EndpointSpec, EventKind, Piece, StreamDecoder, Target,
};
use support::{Proc, Rx, engine, inet, open_server};

/// Text each encoding holds, and Python's name for the codec.
const SAMPLES: [(Encoding, &str); 6] = [
    (Encoding::Utf8, "你好 café 😀"),
    (Encoding::Gbk, "你好，世界！汉字"),
    (Encoding::Gb18030, "你好😀€"),
    (Encoding::Big5, "臺灣，你好"),
    (Encoding::ShiftJis, "こんにちは、世界"),
    (Encoding::Latin1, "café naïve ß"),
];

/// Feeds each recv() of one connection to a stream decoder, as a view would,
/// until `n` bytes have come; returns the pieces joined.
fn decode_recvs(rx: &mut Rx, id: EndpointId, conn: ConnId, decoder: &mut StreamDecoder, n: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut got = 0;
    while got < n {
        let kind = rx.wait_kind(id, "data", |k| matches!(k, EventKind::Received { conn: c, .. } if *c == conn));
        if let EventKind::Received { data, .. } = kind {
            got += data.len();
            pieces.extend(decoder.feed(&data));
        }
    }
    join(pieces)
}

fn join(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match (out.last_mut(), p) {
            (Some(Piece::Text(a)), Piece::Text(b)) => a.push_str(&b),
            (Some(Piece::Bytes(a)), Piece::Bytes(b)) => a.extend(b),
            (_, p) => out.push(p),
        }
    }
    out
}

#[test]
fn gbk_from_python_arrives_readable_even_split_mid_character() {
    let (engine, mut rx) = engine();
    let (server, addr) = open_server(&engine, &mut rx, EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0"));
    // Python sends "你好，世界" in GBK in two parts cut inside 好 (C4 E3 BA | C3 ...),
    // waiting for "go" in between, so the server's recv() sees two chunks.
    let mut py = Proc::python(
        "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\ns.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)\ndata = '你好，世界\\n'.encode('gbk')\nout(data.hex())\ns.sendall(data[:3])\nwait_go()\ns.sendall(data[3:] + b'\\xff\\xff' + 'ok'.encode('gbk'))\nwait_go()",
        &[&inet(&addr).port().to_string()],
    );
    assert_eq!(py.line(), "c4e3bac3a3accac0bde70a", "Python's GBK bytes");
    let EventKind::Accepted { conn, .. } = rx.wait_kind(server, "accept", |k| matches!(k, EventKind::Accepted { .. }))
    else {
        unreachable!()
    };
    let mut decoder = StreamDecoder::new(Encoding::Gbk);
    assert_eq!(decode_recvs(&mut rx, server, conn, &mut decoder, 3), vec![Piece::Text("你".into())]);
    assert_eq!(decoder.pending(), [0xBA], "the first byte of 好 waits for the rest");
    py.send_line("go");
    let rest = decode_recvs(&mut rx, server, conn, &mut decoder, 8 + 2 + 2);
    assert_eq!(
        rest,
        vec![Piece::Text("好，世界\n".into()), Piece::Bytes(vec![0xFF, 0xFF]), Piece::Text("ok".into())],
        "invalid bytes stay bytes, never U+FFFD"
    );
    assert!(decoder.finish().is_empty());
}

#[test]
fn text_sent_in_each_encoding_is_what_python_decodes_with_that_codec() {
    let (engine, mut rx) = engine();
    // A Python server: each line is "codec:bytes"; it prints the decoded text as JSON,
    // then sends the same text back encoded by Python for the other direction.
    let mut py = Proc::python(
        "c = accept_one()\nwhile True:\n    line = recv_line(c)[:-1]\n    codec, data = line.split(b':', 1)\n    text = data.decode(codec.decode())\n    out(json.dumps([codec.decode(), text]))\n    c.sendall(text.encode(codec.decode()) + b'\\n')",
        &[],
    );
    let port = py.line();
    let client = engine.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{port}"))).expect("open");
    rx.wait_kind(client, "connect", |k| matches!(k, EventKind::Connected { .. }));
    for (enc, text) in SAMPLES {
        let mut data = format!("{}:", enc.name()).into_bytes();
        enc.encode_into(text, &mut data).unwrap_or_else(|e| panic!("{e}"));
        data.push(b'\n');
        engine.send(Command::Send { id: client, target: Target::Peer, data }).expect("send");
        let decoded = py.json_line();
        assert_eq!(decoded, serde_json::json!([enc.name(), text]), "Python decoded what socklab encoded in {enc}");
        // And back: what Python encodes, socklab decodes to the same text.
        let want = text.chars().count();
        let mut decoder = StreamDecoder::new(enc);
        let mut pieces = Vec::new();
        while !matches!(join(pieces.clone()).first(), Some(Piece::Text(t)) if t.ends_with('\n') && t.chars().count() > want)
        {
            let kind = rx.wait_kind(client, "the echo", |k| matches!(k, EventKind::Received { .. }));
            if let EventKind::Received { data, .. } = kind {
                pieces.extend(decoder.feed(&data));
            }
        }
        assert_eq!(join(pieces), vec![Piece::Text(format!("{text}\n"))], "{enc}");
    }
    // A character GBK lacks is refused before anything is sent.
    let err = Encoding::Gbk.encode("ok 😀").expect_err("GBK has no emoji");
    assert_eq!(err.index, 3);
}
