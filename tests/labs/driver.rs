//! A lab run against the real engine: every event the engine reports is fed
//! to the lab's checker as it is taken, and waits are for conditions with a
//! deadline (never sleeps). Failures print the steps and the recent events.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use socklab::lab::{self, Lab, LabRun, StepState};
use socklab::net::{
    Addr, Command, EndpointId, EndpointSpec, Engine, Event, EventKind, Events, NoWaker, OptValue, SockOpt, Target,
    parse_host_port,
};

use crate::support::{WAIT, deadline};

pub fn labs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/labs")
}

/// The same host on port 0.
pub fn port0(address: &str) -> String {
    let (host, _) = parse_host_port(address).expect("an IP address");
    format!("{host}:0")
}

pub struct Driver {
    pub engine: Engine,
    events: Events,
    pub run: LabRun,
    /// Events fed to the checker that no wait has claimed yet (oldest first),
    /// so waiting for one never misses an event that came while waiting for another.
    backlog: VecDeque<Event>,
    history: VecDeque<String>,
}

const HISTORY: usize = 300;
/// Unclaimed events kept (a flood's are not all waited for).
const BACKLOG: usize = 5000;

impl Driver {
    /// Loads `assets/labs/<file>` and starts its run with a fresh engine.
    pub fn new(file: &str) -> Driver {
        let lab = lab::load(labs_dir().join(file)).unwrap_or_else(|e| panic!("{e}"));
        let (engine, events) = Engine::new(Arc::new(NoWaker));
        Driver { engine, events, run: LabRun::new(Arc::new(lab)), backlog: VecDeque::new(), history: VecDeque::new() }
    }

    pub fn lab(&self) -> &Lab {
        self.run.lab()
    }

    fn index(&self, step: &str) -> usize {
        self.lab().steps.iter().position(|s| s.id == step).unwrap_or_else(|| panic!("no step {step:?}"))
    }

    fn feed(&mut self, ev: &Event) {
        let ticked = self.run.observe(ev);
        if self.history.len() == HISTORY {
            self.history.pop_front();
        }
        self.history.push_back(format!("[ep {}] {}", ev.endpoint, ev.kind.summary()));
        for i in ticked {
            self.history.push_back(format!("  ✔ step {:?} ticked", self.lab().steps[i].id));
        }
    }

    pub fn dump(&self) -> String {
        let steps: Vec<String> =
            self.lab().steps.iter().zip(self.run.states()).map(|(s, st)| format!("{}: {st:?}", s.id)).collect();
        format!(
            "steps: {}\nevents (oldest first):\n  {}",
            steps.join(", "),
            Vec::from(self.history.clone()).join("\n  ")
        )
    }

    /// Takes the next event from the engine and feeds it to the checker; it
    /// stays unclaimed for later waits.
    fn pull(&mut self, end: std::time::Instant, what: &str) {
        let Some(ev) = self.events.recv_deadline(end) else {
            panic!("timed out after {WAIT:?} waiting for {what}\n{}", self.dump());
        };
        self.feed(&ev);
        if self.backlog.len() == BACKLOG {
            self.backlog.pop_front();
        }
        self.backlog.push_back(ev);
    }

    /// The first unclaimed event `pred` accepts (already fed, or new: every
    /// event is fed to the checker as it comes, whoever waits for it).
    pub fn until(&mut self, what: &str, mut pred: impl FnMut(&Event) -> bool) -> Event {
        // `pred` sees each event once: it may count what it sees.
        if let Some(i) = self.backlog.iter().position(&mut pred) {
            return self.backlog.remove(i).expect("index is in range");
        }
        let end = deadline();
        loop {
            self.pull(end, what);
            if self.backlog.back().is_some_and(&mut pred) {
                return self.backlog.pop_back().expect("just pushed");
            }
        }
    }

    /// Takes events until `step` has ticked (it may have already).
    pub fn until_ticked(&mut self, step: &str) {
        let i = self.index(step);
        let end = deadline();
        while !matches!(self.run.states()[i], StepState::Done { .. }) {
            self.pull(end, &format!("step {step:?} to tick"));
        }
    }

    /// `step` is the one listening, and has not ticked.
    pub fn assert_current(&self, step: &str) {
        let i = self.index(step);
        assert_eq!(self.run.current(), Some(i), "step {step:?} should be current\n{}", self.dump());
    }

    /// Skips steps (as a teacher may) until `step` is current.
    pub fn skip_to(&mut self, step: &str) {
        let i = self.index(step);
        while self.run.current().is_some_and(|c| c < i) {
            self.run.skip(SystemTime::now());
        }
        self.assert_current(step);
    }

    /// Opens an endpoint; returns its id at once.
    pub fn open(&mut self, spec: EndpointSpec) -> EndpointId {
        self.engine.open(spec).expect("open")
    }

    /// Opens a stream server and waits until it listens; returns its address.
    pub fn listen(&mut self, spec: EndpointSpec) -> (EndpointId, SocketAddr) {
        let id = self.open(spec);
        let ev = self.until(&format!("endpoint {id} to listen"), |e| {
            e.endpoint == id && matches!(e.kind, EventKind::Listening { .. } | EventKind::Stopped)
        });
        match ev.kind {
            EventKind::Listening { local: Addr::Inet(a), .. } => (id, a),
            _ => panic!("endpoint {id} did not listen\n{}", self.dump()),
        }
    }

    /// Opens a datagram socket and waits until it is bound; returns its address.
    pub fn bind(&mut self, spec: EndpointSpec) -> (EndpointId, SocketAddr) {
        let id = self.open(spec);
        let ev = self.until(&format!("endpoint {id} to bind"), |e| {
            e.endpoint == id && matches!(e.kind, EventKind::Bound { .. } | EventKind::Stopped)
        });
        match ev.kind {
            EventKind::Bound { local: Addr::Inet(a) } => (id, a),
            _ => panic!("endpoint {id} did not bind\n{}", self.dump()),
        }
    }

    /// The workspace's endpoint called `name`, moved to port 0, started; its address.
    pub fn start_workspace_server(&mut self, name: &str) -> (EndpointId, SocketAddr) {
        let mut spec = self.workspace_spec(name);
        spec.address = port0(&spec.address);
        if spec.kind.is_datagram() { self.bind(spec) } else { self.listen(spec) }
    }

    pub fn workspace_spec(&self, name: &str) -> EndpointSpec {
        let ws = &self.lab().workspace;
        ws.endpoints.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no endpoint {name:?}")).spec.clone()
    }

    /// A socklab TCP client, connected; returns its id.
    pub fn client(&mut self, to: SocketAddr) -> EndpointId {
        let id = self.open(EndpointSpec::new(socklab::net::EndpointKind::TcpClient, to.to_string()));
        self.until(&format!("client {id} to connect"), |e| {
            e.endpoint == id && matches!(e.kind, EventKind::Connected { .. })
        });
        id
    }

    pub fn send(&mut self, id: EndpointId, target: Target, data: &[u8]) {
        // Waits for room rather than failing when a loaded machine's worker is slow to take commands.
        self.engine.send_wait(Command::Send { id, target, data: data.to_vec() }, WAIT).expect("send");
    }

    pub fn set_option(&mut self, id: EndpointId, opt: SockOpt, value: OptValue) {
        self.engine.send(Command::SetOption { id, conn: None, opt, value }).expect("set option");
    }

    /// Closes an endpoint and waits for its worker to stop.
    pub fn close(&mut self, id: EndpointId) {
        self.engine.send(Command::Close { id, abort: false }).expect("close");
        self.stopped(id);
    }

    pub fn stopped(&mut self, id: EndpointId) {
        self.until(&format!("endpoint {id} to stop"), |e| e.endpoint == id && matches!(e.kind, EventKind::Stopped));
    }

    /// Claims `id`'s Received events one by one, in order, until `enough`
    /// holds for the bytes they carried.
    fn collect(&mut self, id: EndpointId, what: &str, mut enough: impl FnMut(&[u8]) -> bool) {
        let mut got = Vec::new();
        while !enough(&got) {
            let ev = self.until(what, |e| e.endpoint == id && matches!(e.kind, EventKind::Received { .. }));
            if let EventKind::Received { data, .. } = ev.kind {
                got.extend_from_slice(&data);
            }
        }
    }

    /// Waits until what `id` receives (not claimed by an earlier wait)
    /// contains `needle`; it may come in several recv()s.
    pub fn received(&mut self, id: EndpointId, needle: &[u8]) {
        let what = format!("endpoint {id} to receive {:?}", String::from_utf8_lossy(needle));
        self.collect(id, &what, |got| got.windows(needle.len()).any(|w| w == needle));
    }

    /// Waits until `id` has received `n` more bytes.
    pub fn received_len(&mut self, id: EndpointId, n: usize) {
        self.collect(id, &format!("endpoint {id} to receive {n} bytes"), |got| got.len() >= n);
    }

    /// Waits for an error with this errno on `id`.
    pub fn failed(&mut self, id: EndpointId, errno: &str) {
        self.until(&format!("endpoint {id} to fail with {errno}"), |e| {
            e.endpoint == id
                && matches!(&e.kind, EventKind::Error { error, .. } if error.errno.as_deref() == Some(errno))
        });
    }

    /// Listens on a port a plain std listener holds: bind() fails with EADDRINUSE.
    pub fn listen_on_taken_port(&mut self, mut spec: EndpointSpec) {
        let holder = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a holder");
        spec.address = holder.local_addr().expect("holder address").to_string();
        let id = self.open(spec);
        self.failed(id, "EADDRINUSE");
        self.stopped(id);
    }
}
