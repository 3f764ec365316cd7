//! Shared helpers for the integration tests: waiting for engine events with a
//! deadline, and child processes (Python, socat, ncat, the socklab binary)
//! that are always killed when a test ends, however it ends.
//!
//! Nothing here sleeps to synchronise: every wait is for a condition, with a
//! deadline, and a timeout panics with what was seen so far.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub mod translation;

use crossbeam_channel::{Receiver, RecvTimeoutError, bounded};
use socklab::net::{Addr, ConnId, EndpointId, EndpointSpec, Engine, Event, EventKind, Events, NoWaker};

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

pub fn deadline() -> Instant {
    Instant::now() + WAIT
}

// ---------------------------------------------------------------------------
// Engine events
// ---------------------------------------------------------------------------

/// The receiving side of an engine, keeping events that no wait has claimed
/// yet (so waiting for one endpoint never loses another's events) and a short
/// history of summaries for failure messages.
pub struct Rx {
    pub events: Events,
    backlog: VecDeque<Event>,
    history: VecDeque<String>,
}

const HISTORY: usize = 400;

pub fn engine() -> (Engine, Rx) {
    let (engine, events) = Engine::new(Arc::new(NoWaker));
    (engine, Rx { events, backlog: VecDeque::new(), history: VecDeque::new() })
}

fn describe(ev: &Event) -> String {
    format!("[ep {}] {}: {}", ev.endpoint, ev.kind.label(), ev.kind.summary())
}

impl Rx {
    fn note(&mut self, ev: &Event) {
        if self.history.len() == HISTORY {
            self.history.pop_front();
        }
        self.history.push_back(describe(ev));
    }

    /// Everything seen so far, for a failure message.
    pub fn dump(&self) -> String {
        let mut s = String::from("events seen (oldest first):\n");
        for h in &self.history {
            s.push_str("  ");
            s.push_str(h);
            s.push('\n');
        }
        s.push_str("unclaimed:\n");
        for ev in &self.backlog {
            s.push_str("  ");
            s.push_str(&describe(ev));
            s.push('\n');
        }
        s
    }

    /// The first event (unclaimed earlier, or new) that `pred` accepts; it is
    /// removed, the others stay for later waits. Panics after [`WAIT`].
    pub fn wait(&mut self, what: &str, mut pred: impl FnMut(&Event) -> bool) -> Event {
        if let Some(i) = self.backlog.iter().position(&mut pred) {
            return self.backlog.remove(i).expect("index is in range");
        }
        let end = deadline();
        loop {
            match self.events.recv_deadline(end) {
                Some(ev) => {
                    self.note(&ev);
                    if pred(&ev) {
                        return ev;
                    }
                    self.backlog.push_back(ev);
                }
                None => panic!("timed out after {WAIT:?} waiting for {what}\n{}", self.dump()),
            }
        }
    }

    /// Waits for an event of this endpoint whose kind `pred` accepts.
    pub fn wait_kind(&mut self, id: EndpointId, what: &str, mut pred: impl FnMut(&EventKind) -> bool) -> EventKind {
        self.wait(what, |ev| ev.endpoint == id && pred(&ev.kind)).kind
    }

    /// Takes every unclaimed event that `pred` accepts, without waiting.
    pub fn take(&mut self, mut pred: impl FnMut(&Event) -> bool) -> Vec<Event> {
        self.pull_ready();
        let (taken, kept): (Vec<Event>, Vec<Event>) = self.backlog.drain(..).partition(|e| pred(e));
        self.backlog = kept.into();
        taken
    }

    /// Moves events already in the channel into the backlog (no waiting).
    fn pull_ready(&mut self) {
        while let Some(ev) = self.events.try_recv() {
            self.note(&ev);
            self.backlog.push_back(ev);
        }
    }

    /// Waits until this endpoint's worker has stopped and returns every event
    /// of it that was not claimed before, in order, the `Stopped` included.
    pub fn until_stopped(&mut self, id: EndpointId) -> Vec<EventKind> {
        self.wait(&format!("endpoint {id} to stop"), |ev| ev.endpoint == id && matches!(ev.kind, EventKind::Stopped));
        let mut kinds: Vec<EventKind> = self.take(|ev| ev.endpoint == id).into_iter().map(|e| e.kind).collect();
        kinds.push(EventKind::Stopped);
        kinds
    }

    /// Stream data: collects `Received` events of one connection until `n`
    /// bytes have come, and returns them (more than `n` if more came).
    pub fn recv_bytes(&mut self, id: EndpointId, conn: ConnId, n: usize) -> Vec<u8> {
        let mut got = Vec::new();
        while got.len() < n {
            let what = format!(
                "{} more bytes on endpoint {id} #{conn} (have {:?})",
                n - got.len(),
                String::from_utf8_lossy(&got)
            );
            match self.wait_kind(id, &what, |k| matches!(k, EventKind::Received { conn: c, .. } if *c == conn)) {
                EventKind::Received { data, .. } => got.extend_from_slice(&data),
                _ => unreachable!(),
            }
        }
        got
    }

    /// Waits for a stream server to listen, panicking at once if it fails
    /// instead, and returns the address it listens on.
    pub fn listening(&mut self, id: EndpointId) -> Addr {
        let ev = self.wait(&format!("endpoint {id} to listen"), |ev| {
            ev.endpoint == id
                && matches!(ev.kind, EventKind::Listening { .. } | EventKind::Error { .. } | EventKind::Stopped)
        });
        match ev.kind {
            EventKind::Listening { local, .. } => local,
            other => panic!("endpoint {id} did not start: {}\n{}", other.summary(), self.dump()),
        }
    }
}

/// Opens a stream server and returns its id and the address it listens on.
pub fn open_server(engine: &Engine, rx: &mut Rx, spec: EndpointSpec) -> (EndpointId, Addr) {
    assert!(spec.kind.is_server(), "open_server is for stream servers");
    let id = engine.open(spec).expect("open");
    let local = rx.listening(id);
    (id, local)
}

/// Opens a datagram socket and returns its id and the address it is bound to.
pub fn open_dgram(engine: &Engine, rx: &mut Rx, spec: EndpointSpec) -> (EndpointId, Addr) {
    assert!(spec.kind.is_datagram(), "open_dgram is for datagram sockets");
    let id = engine.open(spec).expect("open");
    let ev = rx.wait(&format!("endpoint {id} to be bound"), |ev| {
        ev.endpoint == id && matches!(ev.kind, EventKind::Bound { .. } | EventKind::Error { .. } | EventKind::Stopped)
    });
    match ev.kind {
        EventKind::Bound { local } => (id, local),
        other => panic!("endpoint {id} did not bind: {}\n{}", other.summary(), rx.dump()),
    }
}

pub fn inet(a: &Addr) -> SocketAddr {
    match a {
        Addr::Inet(s) => *s,
        other => panic!("expected an IP address, got {other}"),
    }
}

// ---------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------

/// One output stream of a child, read on its own thread.
pub struct Output {
    name: String,
    rx: Receiver<Vec<u8>>,
    /// What has arrived and not been consumed yet.
    pub buf: Vec<u8>,
    /// Everything that ever arrived, for failure messages (capped).
    pub all: Vec<u8>,
    pub eof: bool,
}

const KEEP_ALL: usize = 1 << 20;

impl Output {
    fn new(name: String, mut r: impl Read + Send + 'static) -> Output {
        let (tx, rx) = bounded::<Vec<u8>>(4096);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match r.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Output { name, rx, buf: Vec::new(), all: Vec::new(), eof: false }
    }

    fn got(&mut self, chunk: Vec<u8>) {
        if self.all.len() < KEEP_ALL {
            self.all.extend_from_slice(&chunk);
        }
        self.buf.extend_from_slice(&chunk);
    }

    /// Takes what has arrived already, without waiting.
    pub fn poll(&mut self) {
        while let Ok(chunk) = self.rx.try_recv() {
            self.got(chunk);
        }
    }

    /// Waits for one more chunk; false on timeout or end of stream.
    fn pump(&mut self, end: Instant) -> bool {
        if self.eof {
            return false;
        }
        match self.rx.recv_timeout(end.saturating_duration_since(Instant::now())) {
            Ok(chunk) => {
                self.got(chunk);
                true
            }
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.all).into_owned()
    }

    /// Waits until `pred` holds for the unconsumed bytes; `context` is added
    /// to the panic message (e.g. the other stream of the child).
    pub fn wait_until(&mut self, what: &str, context: &dyn Fn() -> String, pred: impl Fn(&[u8]) -> bool) {
        let end = deadline();
        while !pred(&self.buf) {
            if !self.pump(end) {
                if pred(&self.buf) {
                    return;
                }
                let why = if self.eof { "the stream ended" } else { "timed out" };
                panic!(
                    "{}: {why} waiting for {what}\n--- {} so far:\n{}\n{}",
                    self.name,
                    self.name,
                    self.text(),
                    context()
                );
            }
        }
    }

    /// The next line, without its '\n'.
    pub fn line(&mut self, context: &dyn Fn() -> String) -> String {
        self.wait_until("a line", context, |b| b.contains(&b'\n'));
        let i = self.buf.iter().position(|&b| b == b'\n').expect("a newline");
        let line: Vec<u8> = self.buf.drain(..=i).collect();
        String::from_utf8_lossy(&line[..i]).into_owned()
    }

    /// Everything up to the end of the stream.
    pub fn read_to_end(&mut self, context: &dyn Fn() -> String) -> Vec<u8> {
        let end = deadline();
        while !self.eof {
            if !self.pump(end) && !self.eof {
                panic!("{}: timed out waiting for the end\n--- so far:\n{}\n{}", self.name, self.text(), context());
            }
        }
        std::mem::take(&mut self.buf)
    }
}

/// A child process that is killed (SIGKILL) and reaped when dropped.
pub struct Proc {
    pub name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    pub stdout: Output,
    pub stderr: Output,
    status: Option<ExitStatus>,
}

impl Proc {
    /// Spawns `cmd` with piped stdin (unless `stdin` is false: /dev/null), stdout and stderr.
    pub fn spawn(name: &str, cmd: &mut Command, stdin: bool) -> Proc {
        cmd.stdin(if stdin { Stdio::piped() } else { Stdio::null() }).stdout(Stdio::piped()).stderr(Stdio::piped());
        // A shell that starts the tests in the background (`cargo test &`,
        // nohup in a CI script) hands them SIGINT ignored, and Python keeps it
        // ignored (no KeyboardInterrupt): the Ctrl+C tests need it as a
        // terminal would deliver it.
        // SAFETY: signal() is async-signal-safe, as pre_exec requires.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(cmd, || {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                Ok(())
            });
        }
        // Others may be relinking the binary in the shared target directory
        // right now (ETXTBSY, or a moment without the file): try again briefly.
        let end = deadline();
        let mut child = loop {
            match cmd.spawn() {
                Ok(child) => break child,
                Err(e)
                    if Instant::now() < end
                        && (e.raw_os_error() == Some(libc::ETXTBSY) || e.kind() == std::io::ErrorKind::NotFound)
                        && std::path::Path::new(cmd.get_program()).is_absolute() =>
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => panic!("could not start {name}: {e}"),
            }
        };
        let stdout = Output::new(format!("{name} stdout"), child.stdout.take().expect("piped stdout"));
        let stderr = Output::new(format!("{name} stderr"), child.stderr.take().expect("piped stderr"));
        let stdin = child.stdin.take();
        Proc { name: name.to_string(), child, stdin, stdout, stderr, status: None }
    }

    /// `python3 -c <PRELUDE + script> args…`.
    pub fn python(script: &str, args: &[&str]) -> Proc {
        let mut cmd = Command::new(python_exe());
        cmd.arg("-c").arg(format!("{PY_PRELUDE}\n{script}")).args(args);
        Proc::spawn("python", &mut cmd, true)
    }

    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Both streams so far, for failure messages.
    pub fn context(&self) -> String {
        format!(
            "--- {} stdout:\n{}\n--- {} stderr:\n{}",
            self.name,
            String::from_utf8_lossy(&self.stdout.all),
            self.name,
            String::from_utf8_lossy(&self.stderr.all)
        )
    }

    /// The next stdout line (stderr is shown if it never comes).
    pub fn line(&mut self) -> String {
        self.stderr.poll();
        let err = self.stderr.text();
        let name = self.name.clone();
        let ctx = move || format!("--- {name} stderr:\n{err}");
        self.stdout.line(&ctx)
    }

    /// The next stdout line that is a JSON value.
    pub fn json_line(&mut self) -> serde_json::Value {
        let line = self.line();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{}: not JSON ({e}): {line}", self.name))
    }

    /// Waits for a whole stderr line containing `needle` and returns that line.
    pub fn stderr_line_with(&mut self, needle: &str) -> String {
        self.stdout.poll();
        let out = String::from_utf8_lossy(&self.stdout.all).into_owned();
        let name = self.name.clone();
        let ctx = move || format!("--- {name} stdout:\n{out}");
        let find = |b: &[u8]| -> Option<String> {
            let text = String::from_utf8_lossy(b);
            text.split_inclusive('\n')
                .find(|l| l.ends_with('\n') && l.contains(needle))
                .map(|l| l.trim_end().to_string())
        };
        self.stderr.wait_until(&format!("a line with {needle:?} on stderr"), &ctx, |b| find(b).is_some());
        find(&self.stderr.buf).expect("the line is there")
    }

    /// Waits until stderr (everything so far) contains `needle`; returns all of it.
    pub fn stderr_until(&mut self, needle: &str) -> String {
        self.stdout.poll();
        let out = String::from_utf8_lossy(&self.stdout.all).into_owned();
        let name = self.name.clone();
        let ctx = move || format!("--- {name} stdout:\n{out}");
        let n = needle.as_bytes().to_vec();
        self.stderr.wait_until(&format!("{needle:?} on stderr"), &ctx, |b| b.windows(n.len()).any(|w| w == n));
        self.stderr.text()
    }

    pub fn write(&mut self, data: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap_or_else(|| panic!("{}: stdin is closed", self.name));
        stdin.write_all(data).and_then(|_| stdin.flush()).unwrap_or_else(|e| panic!("{}: write stdin: {e}", self.name));
    }

    /// Writes `data` to stdin on a thread of its own, then closes stdin, so a
    /// child that reads slowly (or never) cannot block the test.
    pub fn feed_and_close(&mut self, data: Vec<u8>) {
        let mut stdin = self.stdin.take().unwrap_or_else(|| panic!("{}: stdin is closed", self.name));
        std::thread::spawn(move || {
            let _ = stdin.write_all(&data);
        });
    }

    /// Takes stdin, to write on a thread of its own: a child that stops
    /// reading must fail a wait with a deadline, not block the test.
    pub fn take_stdin(&mut self) -> ChildStdin {
        self.stdin.take().unwrap_or_else(|| panic!("{}: stdin is closed", self.name))
    }

    pub fn send_line(&mut self, line: &str) {
        self.write(format!("{line}\n").as_bytes());
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    pub fn try_status(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("try_wait");
        }
        self.status
    }

    /// Waits (up to [`WAIT`]) for the child to exit.
    pub fn wait_exit(&mut self) -> ExitStatus {
        self.wait_exit_within(WAIT).unwrap_or_else(|| {
            panic!("{} did not exit within {WAIT:?}\n{}", self.name, {
                self.stdout.poll();
                self.stderr.poll();
                self.context()
            })
        })
    }

    /// Waits up to `limit` for the child to exit; `None` if it is still running.
    /// (Polls `try_wait`: std has no wait-with-timeout for a child.)
    pub fn wait_exit_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let end = Instant::now() + limit;
        loop {
            if let Some(s) = self.try_status() {
                return Some(s);
            }
            if Instant::now() >= end {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the exit and for both output streams to end; returns the
    /// exit code and the unconsumed stdout and stderr.
    pub fn finish(&mut self) -> (i32, Vec<u8>, String) {
        let status = self.wait_exit();
        let ctx = || String::new();
        let out = self.stdout.read_to_end(&ctx);
        self.stderr.read_to_end(&ctx);
        let code = status.code().unwrap_or_else(|| panic!("{} was killed by a signal: {status:?}", self.name));
        (code, out, self.stderr.text())
    }

    /// Sends a signal (e.g. `libc::SIGINT`).
    pub fn signal(&self, sig: i32) {
        // SAFETY: kill() with the pid of a child we have not reaped yet.
        let r = unsafe { libc::kill(self.pid(), sig) };
        assert_eq!(r, 0, "kill({}, {sig}) failed: {}", self.pid(), std::io::Error::last_os_error());
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if self.try_status().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The real interpreter behind `python3` (asked once): a version manager's
/// shim costs a shell start per script, several times Python's own start.
pub fn python_exe() -> &'static str {
    static EXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    EXE.get_or_init(|| {
        let out = Command::new("python3")
            .args(["-c", "import sys; print(sys.executable)"])
            .stderr(Stdio::inherit())
            .output()
            .expect("python3 must be installed");
        let exe = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && !exe.is_empty() { exe } else { "python3".into() }
    })
}

/// Helpers every Python peer script starts with. Sockets time out after 10 s,
/// so a peer never hangs a test.
pub const PY_PRELUDE: &str = r#"
import errno, json, os, socket, struct, sys, time
socket.setdefaulttimeout(10)
def out(*a):
    print(*a, flush=True)
def recv_all(s):
    chunks = []
    while True:
        d = s.recv(65536)
        if not d:
            return b"".join(chunks)
        chunks.append(d)
def recv_n(s, n):
    b = b""
    while len(b) < n:
        d = s.recv(n - len(b))
        if not d:
            raise EOFError("EOF after %d of %d bytes: %r" % (len(b), n, b))
        b += d
    return b
def recv_line(s):
    b = b""
    while not b.endswith(b"\n"):
        d = s.recv(1)
        if not d:
            raise EOFError("EOF in a line: %r" % b)
        b += d
    return b
def wait_go():
    line = sys.stdin.readline()
    if not line:
        sys.exit("stdin closed before go")
def addr(a):
    return ("[%s]:%d" % (a[0], a[1])) if ":" in a[0] else ("%s:%d" % (a[0], a[1]))
def accept_one():
    # Listens on a free loopback port, prints the port for the test, accepts one client.
    l = socket.socket()
    l.bind(("127.0.0.1", 0))
    l.listen(1)
    out(l.getsockname()[1])
    c, _ = l.accept()
    l.close()
    return c
"#;

/// Lower-case hex without separators, as Python's `bytes.hex()` writes it.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// A port that was free a moment ago (bound, then closed): for "nothing listens here".
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().expect("local_addr").port()
}

/// `true` when this machine can bind ::1 (IPv6 loopback).
pub fn ipv6_available() -> bool {
    std::net::TcpListener::bind("[::1]:0").is_ok()
}

/// Polls `cond` until it holds (every few milliseconds, up to [`WAIT`]); for
/// state only the OS shows (/proc), which sends no event to wait on.
pub fn poll_until(what: &str, mut cond: impl FnMut() -> bool) {
    let end = deadline();
    while !cond() {
        assert!(Instant::now() < end, "timed out after {WAIT:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// TCP sockets (IPv4 and IPv6) in CLOSE_WAIT whose local port is `port`:
/// connections whose peer has closed and that this side never closed.
pub fn close_wait_on(port: u16) -> usize {
    const CLOSE_WAIT: &str = "08";
    ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|table| {
            table
                .lines()
                .skip(1)
                .filter(|l| {
                    let f: Vec<&str> = l.split_whitespace().collect();
                    let local_port =
                        f.get(1).and_then(|a| a.rsplit(':').next()).and_then(|h| u16::from_str_radix(h, 16).ok());
                    local_port == Some(port) && f.get(3) == Some(&CLOSE_WAIT)
                })
                .count()
        })
        .sum()
}

/// Descriptors a process has open (/proc/PID/fd).
pub fn open_fds(pid: i32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map(|d| d.count()).unwrap_or(0)
}
