//! `Command::Capture`: the file must hold exactly what went over the wire,
//! checked against what a Python peer sent and received.

use std::path::Path;
use std::sync::Arc;

use socklab::net::{
    Addr, CAPTURE_HEADER, Command, EndpointId, EndpointKind, EndpointSpec, Engine, EventKind, Events, NoWaker,
    ReplyMode,
};

use super::helpers::{Peer, hex, wait_for};

/// One record of a capture file.
#[derive(Debug)]
struct Record {
    dir: String,
    conn: u64,
    peer: String,
    data: Vec<u8>,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

fn read_capture(path: &Path) -> Vec<Record> {
    let text = std::fs::read_to_string(path).expect("capture file");
    assert!(text.starts_with(CAPTURE_HEADER), "{text}");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "six fields: {l:?}");
            assert!(chrono::DateTime::parse_from_rfc3339(f[0]).is_ok(), "time: {l:?}");
            let data = unhex(f[5]);
            assert_eq!(f[4].parse::<usize>().expect("len"), data.len(), "{l:?}");
            Record { dir: f[1].into(), conn: f[2].parse().expect("conn"), peer: f[3].into(), data }
        })
        .collect()
}

fn joined(records: &[Record], dir: &str) -> Vec<u8> {
    records.iter().filter(|r| r.dir == dir).flat_map(|r| r.data.clone()).collect()
}

fn open(spec: EndpointSpec) -> (Engine, Events, EndpointId, u16) {
    let (engine, events) = Engine::new(Arc::new(NoWaker));
    let id = engine.open(spec).expect("open");
    let port = wait_for(&events, id, "bind", |k| match k {
        EventKind::Bound { local: Addr::Inet(a) } => Some(a.port()),
        _ => None,
    });
    (engine, events, id, port)
}

fn start_capture(engine: &Engine, events: &Events, id: EndpointId, path: &Path) {
    engine.send(Command::Capture { id, path: Some(path.to_path_buf()) }).expect("capture");
    let shown = wait_for(events, id, "capture started", |k| match k {
        EventKind::Capture { path } => Some(path.clone()),
        _ => None,
    });
    assert_eq!(shown.as_deref(), Some(path.display().to_string().as_str()));
}

fn stop_capture(engine: &Engine, events: &Events, id: EndpointId) {
    engine.send(Command::Capture { id, path: None }).expect("stop capture");
    wait_for(events, id, "capture stopped", |k| matches!(k, EventKind::Capture { path: None }).then_some(()));
}

const TCP_PEER: &str = r#"
import socket, sys
port, data = int(sys.argv[1]), sys.stdin.buffer.read()
s = socket.create_connection(("127.0.0.1", port), timeout=10)
for i in range(0, len(data), 1000):
    s.sendall(data[i:i + 1000])
s.shutdown(socket.SHUT_WR)
got = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    got += b
print("%s:%d %s" % (s.getsockname() + (got.hex(),)))
"#;

#[test]
fn a_tcp_capture_holds_exactly_what_the_peer_sent_and_the_echo_returned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("tcp.capture");
    let (engine, events, id, port) =
        open(EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(ReplyMode::Echo));
    start_capture(&engine, &events, id, &path);

    let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 + i / 256) as u8).collect();
    let peer = Peer::spawn(TCP_PEER, vec![port.to_string()], data.clone());
    let (mut received, mut sent) = (Vec::new(), Vec::new());
    wait_for(&events, id, "the connection to end", |k| match k {
        EventKind::Received { data, .. } => {
            received.push(data.to_vec());
            None
        }
        EventKind::Sent { data, .. } => {
            sent.push(data.clone());
            None
        }
        EventKind::Closed { conn: Some(_), .. } => Some(()),
        _ => None,
    });
    let out = peer.join();
    let (local, echoed) = out.trim().split_once(' ').expect("peer output");
    assert_eq!(echoed, hex(&data), "the echo is exact");
    stop_capture(&engine, &events, id);

    let records = read_capture(&path);
    assert_eq!(joined(&records, "in"), data);
    assert_eq!(joined(&records, "out"), data);
    // One record per recv()/send() call, in the order the events reported them.
    let ins: Vec<Vec<u8>> = records.iter().filter(|r| r.dir == "in").map(|r| r.data.clone()).collect();
    let outs: Vec<Vec<u8>> = records.iter().filter(|r| r.dir == "out").map(|r| r.data.clone()).collect();
    assert_eq!((ins, outs), (received, sent));
    assert!(records.iter().all(|r| r.conn == 1 && r.peer == local), "conn 1 from {local}: {:?}", records.first());
}

const UDP_PEER: &str = r#"
import socket, sys
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(10)
s.bind(("127.0.0.1", 0))
for d in sys.argv[2:]:
    s.sendto(bytes.fromhex(d), ("127.0.0.1", port))
    print(s.recvfrom(65536)[0].hex())
print("%s:%d" % s.getsockname())
"#;

#[test]
fn a_udp_capture_has_one_record_per_datagram_with_its_peer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("udp.capture");
    let (engine, events, id, port) =
        open(EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_reply(ReplyMode::Echo));
    start_capture(&engine, &events, id, &path);

    let datagrams: Vec<Vec<u8>> = vec![b"one".to_vec(), vec![0, 9, 10, 13, 255], Vec::from([b'x'; 1400])];
    let mut args = vec![port.to_string()];
    args.extend(datagrams.iter().map(|d| hex(d)));
    let peer = Peer::spawn(UDP_PEER, args, Vec::new());
    let mut echoes = 0;
    wait_for(&events, id, "every echo sent", |k| {
        echoes += usize::from(matches!(k, EventKind::Sent { .. }));
        (echoes == datagrams.len()).then_some(())
    });
    let out = peer.join();
    let lines: Vec<&str> = out.lines().collect();
    let expect: Vec<String> = datagrams.iter().map(|d| hex(d)).collect();
    assert_eq!(lines[..datagrams.len()], expect[..]);
    let local = lines[datagrams.len()];
    // Closing stops the capture (reported before Stopped) and flushes the file.
    engine.send(Command::Close { id, abort: false }).expect("close");
    wait_for(&events, id, "capture stopped", |k| matches!(k, EventKind::Capture { path: None }).then_some(()));

    let records = read_capture(&path);
    let dirs: Vec<&str> = records.iter().map(|r| r.dir.as_str()).collect();
    assert_eq!(dirs, ["in", "out", "in", "out", "in", "out"]);
    for (pair, d) in records.chunks(2).zip(&datagrams) {
        assert_eq!((&pair[0].data, &pair[1].data), (d, d));
    }
    assert!(records.iter().all(|r| r.peer == local && r.conn == 0), "{records:?}");
}

#[test]
fn a_capture_that_cannot_open_its_file_reports_open_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("missing/dir/x.capture");
    let (engine, events, id, _) = open(EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0"));
    engine.send(Command::Capture { id, path: Some(path.clone()) }).expect("capture");
    let error = wait_for(&events, id, "error", |k| match k {
        EventKind::Error { error, .. } => Some(error.clone()),
        _ => None,
    });
    assert_eq!(error.call, format!("open({})", path.display()));
    assert_eq!(error.errno.as_deref(), Some("ENOENT"));
    wait_for(&events, id, "not capturing", |k| matches!(k, EventKind::Capture { path: None }).then_some(()));
}
