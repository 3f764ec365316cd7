//! `socklab run FILE.ron`: a workspace without the window. Its auto-start
//! endpoints are opened one after another, in file order, each once it has
//! settled (listening, bound, connected or failed), so a client listed after
//! its server finds it listening and "the second server" really is second.
//! Ctrl+C closes them all and waits for each worker to stop. Endpoints with
//! send sequences run them once connected (see `run_sequences.rs`); when
//! every sequence has ended, the run closes everything and ends with their verdict.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::net::{
    BindScope, Command, Encoding, EndpointId, EndpointKind, Engine, Event, EventKind, Events, NoWaker, kernel,
};
use crate::workspace::{self, MAX_CONNECT_TIMEOUT, Workspace, WorkspaceEndpoint, display_name};

use super::encoding_io::Decoding;
use super::json::event_json;
use super::out::{flush_if_idle, print_cut_off, print_json, print_received, say};
use super::run_sequences::SequencePlan;
use super::session::is_bad_input;
use super::watch::{Ladder, kernel_settled};
use super::{Exit, messages};

/// How long to wait for closed endpoints to report `Stopped` after Ctrl+C.
const STOP_GRACE: Duration = Duration::from_secs(5);
/// Beyond the connect timeout, how long an endpoint may take to settle.
const SETTLE_EXTRA: Duration = Duration::from_secs(2);

/// `encoding` (`--encoding`) replaces every endpoint's own and decodes what they receive on stdout.
pub fn run_workspace(file: &Path, json: bool, ladder: Option<PathBuf>, encoding: Option<Encoding>) -> Exit {
    let ws = match workspace::load(file) {
        Ok(ws) => ws,
        Err(e) => {
            say(&e.to_string());
            return Exit::Usage;
        }
    };
    warn_exposed(&ws);
    let mut pending: VecDeque<WorkspaceEndpoint> = ws.endpoints.into_iter().filter(|e| e.autostart).collect();
    if let Some(enc) = encoding {
        pending.iter_mut().for_each(|e| e.spec.encoding = enc);
    }
    if pending.is_empty() {
        say(&messages::workspace_nothing_autostarts(file));
        return Exit::Usage;
    }
    let interrupts = Arc::new(AtomicUsize::new(0));
    let counter = interrupts.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        // A second Ctrl+C means "now": do not wait for the workers.
        if counter.fetch_add(1, Ordering::SeqCst) >= 1 {
            std::process::exit(130);
        }
    }) {
        say(&messages::no_ctrl_c(&e));
        return Exit::Network;
    }
    let mut runner = Runner::new(json, pending);
    runner.ladder = ladder.map(Ladder::new);
    runner.decoding = encoding.map(Decoding::new);
    runner.run(&interrupts)
}

/// Before anything starts: one line per auto-start endpoint that will be
/// reachable from beyond this machine (a file from someone else may bind 0.0.0.0).
fn warn_exposed(ws: &Workspace) {
    for ep in ws.exposed_endpoints().into_iter().filter(|e| e.autostart) {
        if let Some(scope) = BindScope::of(&ep.spec.address) {
            say(&messages::workspace_exposed(&display_name(&ep.name), &ep.spec.address, scope));
        }
    }
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
    /// An endpoint stopped on something the file asked for (an option the kernel refused).
    bad_input: bool,
    sequences: SequencePlan,
    /// `--ladder`: the sequence diagram, with TCP states from the kernel.
    ladder: Option<Ladder>,
    /// `--encoding`: received bytes are decoded on stdout.
    decoding: Option<Decoding>,
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
            bad_input: false,
            sequences: SequencePlan::new(!json),
            ladder: None,
            decoding: None,
        }
    }

    fn run(mut self, interrupts: &AtomicUsize) -> Exit {
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
            let sequences_over = !self.sequences.is_empty() && self.pending.is_empty() && self.sequences.all_done();
            if stop_deadline.is_none() && sequences_over {
                for &id in &self.live {
                    let _ = self.engine.send(Command::Close { id, abort: false });
                }
                stop_deadline = Some(Instant::now() + STOP_GRACE);
            }
            if self.live.is_empty() && self.pending.is_empty() {
                if self.write_ladder().is_err() {
                    return Exit::Network;
                }
                // Every endpoint has stopped: by Ctrl+C (clean), at the end
                // of the sequences (their verdict), or on its own.
                if self.bad_input {
                    return Exit::Usage;
                }
                if let Some(exit) = self.sequences.exit() {
                    return exit;
                }
                return match (stop_deadline.is_some(), self.failed) {
                    (true, _) | (false, false) => Exit::Done,
                    (false, true) => Exit::Network,
                };
            }
            if stop_deadline.is_some_and(|d| Instant::now() >= d) {
                say(&messages::did_not_stop(self.live.len()));
                let _ = self.write_ladder();
                return Exit::Network;
            }
            if let Some(ev) = self.events.recv_timeout(Duration::from_millis(50)) {
                self.on_event(&ev);
            }
            flush_if_idle(&self.events);
        }
    }

    fn start_next(&mut self) {
        if let Some((id, deadline)) = self.starting {
            if Instant::now() < deadline {
                return;
            }
            let name = self.names.get(&id).map(|n| display_name(n)).unwrap_or_default();
            say(&messages::workspace_still_not_ready(&name));
            self.starting = None;
        }
        let Some(ep) = self.pending.pop_front() else { return };
        // Checked at load; capped again so no sum here can overflow.
        let settle = ep.spec.connect_timeout.min(MAX_CONNECT_TIMEOUT) + SETTLE_EXTRA;
        let datagram = ep.spec.kind.is_datagram();
        let tcp = matches!(ep.spec.kind, EndpointKind::TcpServer | EndpointKind::TcpClient);
        let spec = ep.spec.clone();
        match self.engine.open(ep.spec) {
            Ok(id) => {
                self.sequences.add(id, &ep.name, &spec);
                if tcp && kernel::AVAILABLE && self.ladder.is_some() {
                    // TCP states from the kernel, TIME_WAIT included, for the diagram.
                    let _ = self.engine.send(Command::WatchTcp { id, interval: None });
                }
                self.names.insert(id, ep.name);
                if datagram {
                    self.datagram.insert(id);
                }
                self.live.push(id);
                self.starting = Some((id, Instant::now() + settle));
            }
            Err(e) => {
                say(&messages::tagged(&display_name(&ep.name), &e.to_string()));
                self.failed = true;
            }
        }
    }

    fn on_event(&mut self, ev: &Event) {
        if let Some(l) = self.ladder.as_mut() {
            l.feed(ev);
        }
        self.print(ev);
        for cmd in self.sequences.on_event(ev) {
            if let Err(e) = self.engine.send(cmd) {
                let name = self.names.get(&ev.endpoint).map(|n| display_name(n)).unwrap_or_default();
                say(&messages::tagged(&name, &e.to_string()));
            }
        }
        let settled = match &ev.kind {
            EventKind::Listening { .. } | EventKind::Connected { .. } | EventKind::Stopped => true,
            // A datagram socket's last opening step reads its options back.
            EventKind::Options { conn: None, .. } => self.datagram.contains(&ev.endpoint),
            EventKind::Error { error, .. } => {
                self.failed = true;
                self.bad_input |= is_bad_input(error) && self.starting.is_some_and(|(id, _)| id == ev.endpoint);
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

    /// With `--ladder`: the kernel's last reports (TIME_WAIT after the
    /// closes), then the diagram, written all at once.
    fn write_ladder(&mut self) -> Result<(), ()> {
        if self.ladder.is_none() {
            return Ok(());
        }
        if kernel_settled(&self.engine) {
            while let Some(ev) = self.events.try_recv() {
                self.on_event(&ev);
            }
        }
        self.ladder.as_ref().map_or(Ok(()), Ladder::write)
    }

    /// JSON lines (with the endpoint's name as `endpoint_name`) on stdout,
    /// or, as `serve` does, received bytes raw on stdout and the main steps
    /// on stderr, each line with the name as it can safely be shown.
    fn print(&self, ev: &Event) {
        let name = self.names.get(&ev.endpoint).map(String::as_str).unwrap_or("?");
        if self.json {
            let mut v = event_json(ev);
            if let Some(o) = v.as_object_mut() {
                o.insert("endpoint_name".into(), name.into());
            }
            if let Some(d) = &self.decoding {
                d.json(&mut v, &ev.kind);
            }
            print_json(&v);
            return;
        }
        match &ev.kind {
            EventKind::Received { conn, data, .. } => {
                let datagram = self.datagram.contains(&ev.endpoint);
                print_received(self.decoding.as_ref(), ev.endpoint, *conn, datagram, data);
            }
            EventKind::PeerClosed { conn } | EventKind::Closed { conn: Some(conn), .. } => {
                print_cut_off(self.decoding.as_ref(), ev.endpoint, *conn);
            }
            EventKind::Listening { .. }
            | EventKind::Bound { .. }
            | EventKind::Connected { .. }
            | EventKind::Error { .. }
            | EventKind::Loss { .. }
            | EventKind::AcceptResumed { .. }
            | EventKind::Capture { .. }
            | EventKind::FrameError { .. }
            | EventKind::Stopped => say(&messages::tagged(&display_name(name), &ev.kind.summary())),
            _ => {}
        }
    }
}
