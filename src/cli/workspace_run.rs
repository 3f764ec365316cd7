//! `socklab run FILE.ron`: a workspace without the window. Its auto-start
//! endpoints are opened one after another, in file order, each once it has
//! settled (listening, bound, connected or failed), so a client listed after
//! its server finds it listening and "the second server" really is second.
//! Ctrl+C closes them all and waits for each worker to stop.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::net::{Command, EndpointId, Engine, Event, EventKind, Events, NoWaker};
use crate::workspace::{self, WorkspaceEndpoint};

use super::json::event_json;

/// How long to wait for closed endpoints to report `Stopped` after Ctrl+C.
const STOP_GRACE: Duration = Duration::from_secs(5);
/// Beyond the connect timeout, how long an endpoint may take to settle.
const SETTLE_EXTRA: Duration = Duration::from_secs(2);

pub fn run_workspace(file: &Path, json: bool) -> i32 {
    let ws = match workspace::load(file) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("socklab: {e}");
            return 1;
        }
    };
    let pending: VecDeque<WorkspaceEndpoint> = ws.endpoints.into_iter().filter(|e| e.autostart).collect();
    if pending.is_empty() {
        eprintln!("socklab: {}: no endpoint has `autostart: true`, so there is nothing to run", file.display());
        return 1;
    }
    let interrupts = Arc::new(AtomicUsize::new(0));
    let counter = interrupts.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        // A second Ctrl+C means "now": do not wait for the workers.
        if counter.fetch_add(1, Ordering::SeqCst) >= 1 {
            std::process::exit(130);
        }
    }) {
        eprintln!("socklab: cannot handle Ctrl+C: {e}");
        return 1;
    }
    Runner::new(json, pending).run(&interrupts)
}

struct Runner {
    engine: Engine,
    events: Events,
    json: bool,
    pending: VecDeque<WorkspaceEndpoint>,
    names: HashMap<EndpointId, String>,
    datagram: HashSet<EndpointId>,
    live: Vec<EndpointId>,
    /// The endpoint being started, and until when to wait for it to settle.
    starting: Option<(EndpointId, Instant)>,
    failed: bool,
}

impl Runner {
    fn new(json: bool, pending: VecDeque<WorkspaceEndpoint>) -> Runner {
        let (engine, events) = Engine::new(Arc::new(NoWaker));
        Runner {
            engine,
            events,
            json,
            pending,
            names: HashMap::new(),
            datagram: HashSet::new(),
            live: Vec::new(),
            starting: None,
            failed: false,
        }
    }

    fn run(mut self, interrupts: &AtomicUsize) -> i32 {
        let mut stop_deadline: Option<Instant> = None;
        loop {
            if stop_deadline.is_none() && interrupts.load(Ordering::SeqCst) > 0 {
                self.pending.clear();
                for &id in &self.live {
                    let _ = self.engine.send(Command::Close { id, abort: false });
                }
                stop_deadline = Some(Instant::now() + STOP_GRACE);
            }
            if stop_deadline.is_none() {
                self.start_next();
            }
            if self.live.is_empty() && self.pending.is_empty() {
                // Every endpoint has stopped: by Ctrl+C (clean), or on its own.
                return if stop_deadline.is_some() || !self.failed { 0 } else { 1 };
            }
            if stop_deadline.is_some_and(|d| Instant::now() >= d) {
                eprintln!("socklab: {} endpoint(s) did not stop in time", self.live.len());
                return 1;
            }
            if let Some(ev) = self.events.recv_timeout(Duration::from_millis(50)) {
                self.on_event(&ev);
            }
        }
    }

    fn start_next(&mut self) {
        if let Some((id, deadline)) = self.starting {
            if Instant::now() < deadline {
                return;
            }
            let name = self.names.get(&id).cloned().unwrap_or_default();
            eprintln!("socklab: [{name}] still not ready; starting the next endpoint anyway");
            self.starting = None;
        }
        let Some(ep) = self.pending.pop_front() else { return };
        let settle = ep.spec.connect_timeout + SETTLE_EXTRA;
        let datagram = ep.spec.kind.is_datagram();
        match self.engine.open(ep.spec) {
            Ok(id) => {
                self.names.insert(id, ep.name);
                if datagram {
                    self.datagram.insert(id);
                }
                self.live.push(id);
                self.starting = Some((id, Instant::now() + settle));
            }
            Err(e) => {
                eprintln!("socklab: [{}] {e}", ep.name);
                self.failed = true;
            }
        }
    }

    fn on_event(&mut self, ev: &Event) {
        self.print(ev);
        let settled = match &ev.kind {
            EventKind::Listening { .. } | EventKind::Connected { .. } | EventKind::Stopped => true,
            // A datagram socket's last opening step reads its options back.
            EventKind::Options { conn: None, .. } => self.datagram.contains(&ev.endpoint),
            EventKind::Error { .. } => {
                self.failed = true;
                false
            }
            _ => false,
        };
        if settled && self.starting.is_some_and(|(id, _)| id == ev.endpoint) {
            self.starting = None;
        }
        if let EventKind::Stopped = ev.kind {
            self.live.retain(|&id| id != ev.endpoint);
        }
    }

    /// JSON lines (with the endpoint's name) on stdout, or, as `serve` does,
    /// received bytes raw on stdout and the main steps on stderr.
    fn print(&self, ev: &Event) {
        let name = self.names.get(&ev.endpoint).map(String::as_str).unwrap_or("?");
        let mut out = io::stdout().lock();
        if self.json {
            let mut v = event_json(ev);
            if let Some(o) = v.as_object_mut() {
                o.insert("name".into(), name.into());
            }
            let _ = writeln!(out, "{v}");
            let _ = out.flush();
            return;
        }
        match &ev.kind {
            EventKind::Received { data, .. } => {
                let _ = out.write_all(data);
                let _ = out.flush();
            }
            EventKind::Listening { .. }
            | EventKind::Bound { .. }
            | EventKind::Connected { .. }
            | EventKind::Error { .. }
            | EventKind::Loss { .. }
            | EventKind::Capture { .. }
            | EventKind::Stopped => eprintln!("socklab: [{name}] {}", ev.kind.summary()),
            _ => {}
        }
    }
}
