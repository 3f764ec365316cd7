//! Servers with several clients: what select() does, and a file sent as JSON
//! with base64 by a Python client.

use socklab::net::{EndpointKind, EndpointSpec, EventKind, Target};

use crate::driver::{Driver, labs_dir};
use crate::support::{Proc, closed_port};

#[test]
fn several_sockets_lab() {
    let mut d = Driver::new("several_sockets.ron");
    d.listen_on_taken_port(d.workspace_spec("echo server"));
    d.assert_current("listen");
    let (server, addr) = d.start_workspace_server("echo server");
    d.until_ticked("listen");

    let a = d.client(addr);
    let b = d.client(addr);
    d.until("two accepts", |e| e.endpoint == server && matches!(e.kind, EventKind::Accepted { conn: 2, .. }));
    d.assert_current("three-clients");
    assert_eq!(d.run.progress().map(|p| p.english()).as_deref(), Some("2 of 3"));
    let mut py = Proc::python(
        "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\nout('connected')\nfor line in sys.stdin:\n    s.sendall(line.encode())\n    out('echo ' + recv_line(s).decode().strip())",
        &[&addr.port().to_string()],
    );
    assert_eq!(py.line(), "connected");
    d.until_ticked("three-clients");

    // One client talking three times is one peer.
    for i in 0..3 {
        d.send(a, Target::Peer, format!("a{i}\n").as_bytes());
        d.received(a, format!("a{i}\n").as_bytes());
    }
    d.assert_current("all-talk");
    d.send(b, Target::Peer, b"from b\n");
    py.send_line("from python");
    assert_eq!(py.line(), "echo from python");
    d.until_ticked("all-talk");

    // Talking is not leaving.
    d.send(b, Target::Peer, b"still here\n");
    d.received(b, b"still here\n");
    d.assert_current("one-leaves");
    py.close_stdin();
    d.until_ticked("one-leaves");
}

#[test]
fn json_file_lab() {
    let mut d = Driver::new("json_file.ron");
    d.listen_on_taken_port(d.workspace_spec("receiver"));
    d.assert_current("listen");
    let (server, addr) = d.start_workspace_server("receiver");
    d.until_ticked("listen");

    let refused = d.open(EndpointSpec::new(EndpointKind::TcpClient, format!("127.0.0.1:{}", closed_port())));
    d.failed(refused, "ECONNREFUSED");
    d.stopped(refused);
    d.assert_current("connect");
    let poem = labs_dir().join("files/poem.txt");
    let mut py = Proc::python(
        r#"import base64
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
data = open(sys.argv[2], 'rb').read()
b64 = lambda b: base64.b64encode(b).decode('ascii')
out('connected')
for line in sys.stdin:
    what = line.strip()
    msg = {
        'raw': data,
        'other': json.dumps({'name': 'poem.txt', 'data': b64(data + b'!')}).encode() + b'\n',
        'field': json.dumps({'name': 'poem.txt', 'file': b64(data)}).encode() + b'\n',
        'good': json.dumps({'name': 'poem.txt', 'data': b64(data)}).encode() + b'\n',
    }[what]
    s.sendall(msg)
    out('%s %d' % (what, len(msg)))"#,
        &[&addr.port().to_string(), &poem.to_string_lossy()],
    );
    assert_eq!(py.line(), "connected");
    d.until_ticked("connect");

    // The file as it is, the base64 of other bytes, the right bytes under another name: none is it.
    for wrong in ["raw", "other", "field"] {
        py.send_line(wrong);
        let line = py.line();
        let len: usize = line.strip_prefix(&format!("{wrong} ")).and_then(|n| n.parse().ok()).expect(&line);
        d.received_len(server, len);
        d.assert_current("send");
    }
    py.send_line("good");
    d.until_ticked("send");
    assert!(d.run.is_finished());
}
