//! Helpers for these tests: deadlines on every wait, children killed on drop.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError};
use socklab::net::{EndpointId, EventKind, Events};

pub const DEADLINE: Duration = Duration::from_secs(20);

pub fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/workspaces")
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// A child process that is killed (and reaped) however the test ends.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Lines of a child's stdout, read on a thread; disconnected at EOF.
pub struct Lines(Receiver<String>);

impl Lines {
    pub fn new(out: impl Read + Send + 'static) -> Lines {
        let (tx, rx) = crossbeam_channel::bounded(1024);
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { return };
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Lines(rx)
    }

    /// The first line (skipping others) for which `f` gives a value.
    pub fn find<T>(&self, what: &str, mut f: impl FnMut(&str) -> Option<T>) -> T {
        let deadline = Instant::now() + DEADLINE;
        loop {
            match self.0.recv_deadline(deadline) {
                Ok(line) => {
                    if let Some(v) = f(&line) {
                        return v;
                    }
                }
                Err(e) => panic!("no line with {what}: {e:?}"),
            }
        }
    }

    /// Every remaining line, until the child closes its stdout.
    pub fn rest(&self) -> Vec<String> {
        let deadline = Instant::now() + DEADLINE;
        let mut lines = Vec::new();
        loop {
            match self.0.recv_deadline(deadline) {
                Ok(line) => lines.push(line),
                Err(RecvTimeoutError::Disconnected) => return lines,
                Err(RecvTimeoutError::Timeout) => panic!("stdout still open after {DEADLINE:?}: {lines:?}"),
            }
        }
    }
}

/// Runs a Python peer on a thread, `input` on its stdin; join it with
/// [`Peer::join`]. The script's sockets have timeouts, so it always ends.
pub struct Peer(std::thread::JoinHandle<std::io::Result<std::process::Output>>);

impl Peer {
    pub fn spawn(script: &'static str, args: Vec<String>, input: Vec<u8>) -> Peer {
        Peer(std::thread::spawn(move || {
            let mut child = Command::new("python3")
                .arg("-c")
                .arg(script)
                .args(args)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()?;
            // The scripts read all of stdin first; dropping the pipe ends it.
            let written = child.stdin.take().map(|mut s| s.write_all(&input));
            let out = child.wait_with_output()?;
            match written {
                Some(Err(e)) if out.status.success() => Err(e),
                _ => Ok(out),
            }
        }))
    }

    pub fn join(self) -> String {
        let out = self.0.join().expect("peer thread").expect("python3 runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "python peer failed: {:?}\n{stderr}", out.status);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// Engine events of one endpoint, with a deadline on every wait.
pub fn wait_for<T>(events: &Events, id: EndpointId, what: &str, mut f: impl FnMut(&EventKind) -> Option<T>) -> T {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let Some(ev) = events.recv_deadline(deadline) else { panic!("timed out waiting for {what}") };
        if ev.endpoint != id {
            continue;
        }
        if let EventKind::Error { error, .. } = &ev.kind {
            eprintln!("(endpoint {id}) {error}");
        }
        if let Some(v) = f(&ev.kind) {
            return v;
        }
        assert!(!matches!(ev.kind, EventKind::Stopped), "endpoint {id} stopped while waiting for {what}");
    }
}
