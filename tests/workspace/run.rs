//! `socklab run FILE.ron` as a user runs it: a lesson (on port 0), a real
//! client, then Ctrl+C (SIGINT).

use std::process::{Command, Stdio};

use serde_json::Value;
use socklab::workspace;

use super::helpers::{Guard, Lines, Peer, hex, lessons_dir};

const ECHO_CLIENT: &str = r#"
import socket, sys
port, data = int(sys.argv[1]), sys.stdin.buffer.read()
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(data)
s.shutdown(socket.SHUT_WR)
got = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    got += b
print(got.hex())
"#;

fn json(line: &str) -> Option<Value> {
    serde_json::from_str(line).ok()
}

#[test]
fn run_serves_a_lesson_and_stops_cleanly_on_sigint() {
    // The lesson as shipped, moved to port 0 so tests never collide.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ws = workspace::load(lessons_dir().join("tcp_echo.ron")).expect("lesson");
    for ep in &mut ws.endpoints {
        ep.spec.address = "127.0.0.1:0".into();
    }
    let file = dir.path().join("tcp_echo.ron");
    workspace::save(&file, &ws).expect("save copy");

    let child = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(["run", "--json"])
        .arg(&file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn socklab");
    let mut child = Guard(child);
    let lines = Lines::new(child.0.stdout.take().expect("stdout"));
    let errors = Lines::new(child.0.stderr.take().expect("stderr"));

    let port: u16 = lines.find("listen", |l| {
        let v = json(l)?;
        (v["event"] == "listen").then(|| {
            assert_eq!(v["endpoint_name"], "echo server");
            let local = v["local"].as_str().expect("local");
            local.rsplit_once(':').and_then(|(_, p)| p.parse().ok()).expect("port")
        })
    });
    assert_ne!(port, 0);

    let data: Vec<u8> = (0..=255u8).chain(*b"\r\nhello\n").collect();
    let peer = Peer::spawn(ECHO_CLIENT, vec![port.to_string()], data.clone());
    assert_eq!(peer.join().trim(), hex(&data), "the echo came back exactly");
    // The server saw the bytes too (its events carry them as hex).
    let received: String = {
        let mut got = String::new();
        lines.find("every byte received", |l| {
            let v = json(l)?;
            if v["event"] == "recv" {
                got.push_str(&v["hex"].as_str()?.replace(' ', ""));
            }
            (got.len() >= data.len() * 2).then(|| got.clone())
        })
    };
    assert_eq!(received, hex(&data));

    let pid = i32::try_from(child.0.id()).expect("pid");
    // SAFETY: kill() with a pid we spawned and still own (not yet reaped).
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let rest = lines.rest();
    let status = child.0.wait().expect("wait");
    let stderr = errors.rest().join("\n");
    assert!(status.success(), "exit {status:?}; stderr: {stderr}");
    let events: Vec<Value> = rest.iter().filter_map(|l| json(l)).collect();
    let last = events.last().expect("events after SIGINT");
    assert_eq!(last["event"], "stopped", "{rest:?}");
    assert!(events.iter().any(|v| v["event"] == "close" && v["conn"].is_null()), "the listener was closed: {rest:?}");
}

#[test]
fn run_refuses_a_broken_workspace_naming_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("broken.ron");
    std::fs::write(&file, "(\n  version: 1,\n  endpoints: [(name: 1)],\n)").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .arg("run")
        .arg(&file)
        .stdin(Stdio::null())
        .output()
        .expect("run socklab");
    assert_eq!(out.status.code(), Some(2), "a bad file is bad input");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&file.display().to_string()), "{stderr}");
    assert!(stderr.contains("line 3, column 22: Expected string"), "{stderr}");
    assert!(out.stdout.is_empty());
}
