//! The netcat-like loops: stdin goes out, received bytes come to stdout
//! unchanged (or every event as JSON with --json).

use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::net::{
    Addr, Command, EndpointId, EndpointKind, EndpointSpec, Engine, Event, EventKind, NoWaker, OptionRequest, Target,
    parse_host_port,
};

use super::args::{Cli, Common, Proto, Sub};
use super::json::event_json;

/// Bytes of stdin sent but not yet taken by the kernel before reading more.
const STDIN_AHEAD: u64 = 1 << 20;

/// Exit codes: 0 done, 1 a network error, 2 bad arguments (clap's own).
pub fn exit_code_for(failed: bool) -> i32 {
    if failed { 1 } else { 0 }
}

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Some(Sub::Serve { proto, address, reply, common, backlog }) => {
            let kind = match proto {
                Proto::Tcp => EndpointKind::TcpServer,
                Proto::Udp => EndpointKind::Udp,
                Proto::Unix => EndpointKind::UnixServer,
                Proto::UnixDgram => EndpointKind::UnixDatagram,
            };
            let mut spec = with_options(EndpointSpec::new(kind, address), &common).with_reply(reply.into());
            spec.backlog = backlog;
            if !kind.reply_modes().contains(&spec.reply) {
                eprintln!("socklab: --reply {} does not apply to {}", spec.reply.name(), kind.label());
                return 2;
            }
            serve(spec, &common)
        }
        Some(Sub::Connect { proto, address, common, timeout, wait, bind }) => {
            let spec = match client_spec(proto, &address, bind) {
                Ok(s) => s,
                Err(msg) => {
                    eprintln!("socklab: {msg}");
                    return 2;
                }
            };
            let mut spec = with_options(spec, &common);
            spec.connect_timeout = Duration::from_secs_f64(timeout.max(0.001));
            connect(spec, &common, Duration::from_millis(wait))
        }
        Some(Sub::Run { file, json }) => super::workspace_run::run_workspace(&file, json),
        Some(Sub::Code { file, lang, endpoint }) => super::code::run_code(&file, lang.into(), endpoint.as_deref()),
        None => {
            eprintln!("socklab: nothing to run");
            2
        }
    }
}

fn with_options(mut spec: EndpointSpec, common: &Common) -> EndpointSpec {
    spec.options = common.set.iter().map(|(opt, value)| OptionRequest { opt: *opt, value: value.clone() }).collect();
    spec
}

fn client_spec(proto: Proto, address: &str, bind: Option<String>) -> Result<EndpointSpec, String> {
    Ok(match proto {
        Proto::Tcp => {
            parse_host_port(address)?;
            EndpointSpec::new(EndpointKind::TcpClient, address)
        }
        Proto::Unix => EndpointSpec::new(EndpointKind::UnixClient, address),
        Proto::Udp => {
            let (host, _) = parse_host_port(address)?;
            // Bind where the target is: loopback stays loopback, others get any interface.
            let any = match host.parse::<std::net::IpAddr>() {
                Ok(ip) if ip.is_loopback() && ip.is_ipv6() => "[::1]:0",
                Ok(ip) if ip.is_loopback() => "127.0.0.1:0",
                _ if host.contains(':') => "[::]:0",
                _ => "0.0.0.0:0",
            };
            EndpointSpec::new(EndpointKind::Udp, any).with_peer(address)
        }
        Proto::UnixDgram => {
            let path = bind.unwrap_or_else(|| {
                std::env::temp_dir().join(format!("socklab-{}.sock", std::process::id())).display().to_string()
            });
            EndpointSpec::new(EndpointKind::UnixDatagram, path).with_peer(address)
        }
    })
}

/// Prints events: JSON lines, or received bytes raw with steps on stderr.
struct Printer {
    json: bool,
    verbose: bool,
}

impl Printer {
    fn show(&mut self, ev: &Event) {
        if self.json {
            let mut out = io::stdout().lock();
            let _ = writeln!(out, "{}", event_json(ev));
            let _ = out.flush();
            return;
        }
        match &ev.kind {
            EventKind::Received { data, .. } => {
                let mut out = io::stdout().lock();
                let _ = out.write_all(data);
                let _ = out.flush();
                if self.verbose {
                    eprintln!("socklab: {}", ev.kind.summary());
                }
            }
            EventKind::Error { .. } => eprintln!("socklab: {}", ev.kind.summary()),
            EventKind::Listening { .. } | EventKind::Bound { .. } | EventKind::Loss { .. } => {
                eprintln!("socklab: {}", ev.kind.summary())
            }
            _ if self.verbose => eprintln!("socklab: {}", ev.kind.summary()),
            _ => {}
        }
    }
}

/// Counts stdin bytes handed to the engine and not yet sent, so a large
/// input waits for the socket instead of piling up in memory.
#[derive(Default)]
struct Ahead {
    bytes: Mutex<u64>,
    drained: Condvar,
}

impl Ahead {
    fn add(&self, n: u64) {
        let mut b = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        while *b > STDIN_AHEAD {
            b = self.drained.wait(b).unwrap_or_else(|e| e.into_inner());
        }
        *b += n;
    }
    fn sent(&self, n: u64) {
        let mut b = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        *b = b.saturating_sub(n);
        self.drained.notify_all();
    }
}

/// Reads stdin on its own thread and sends it; `lines` sends one datagram per line.
fn pump_stdin(
    engine: Engine,
    id: EndpointId,
    target: Arc<Mutex<Option<Target>>>,
    ahead: Arc<Ahead>,
    lines: bool,
    on_eof: impl FnOnce(&Engine) + Send + 'static,
) {
    std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        let mut buf = vec![0u8; 64 * 1024];
        let mut pending_line = Vec::new();
        loop {
            let n = match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            let mut pieces = Vec::new();
            if lines {
                pending_line.extend_from_slice(&buf[..n]);
                while let Some(i) = pending_line.iter().position(|&b| b == b'\n') {
                    pieces.push(pending_line.drain(..=i).collect::<Vec<u8>>());
                }
            } else {
                pieces.push(buf[..n].to_vec());
            }
            for data in pieces {
                send_piece(&engine, id, &target, &ahead, data);
            }
        }
        if !pending_line.is_empty() {
            send_piece(&engine, id, &target, &ahead, pending_line);
        }
        on_eof(&engine);
    });
}

fn send_piece(engine: &Engine, id: EndpointId, target: &Mutex<Option<Target>>, ahead: &Ahead, data: Vec<u8>) {
    let Some(target) = target.lock().unwrap_or_else(|e| e.into_inner()).clone() else {
        eprintln!("socklab: nobody to send to yet: {} bytes of input discarded", data.len());
        return;
    };
    ahead.add(data.len() as u64);
    // A full inbox only means the worker is behind: wait for room.
    if let Err(e) = engine.send_wait(Command::Send { id, target, data }, Duration::from_secs(30)) {
        eprintln!("socklab: input not sent: {e}");
    }
}

fn install_ctrl_c(engine: &Engine, id: EndpointId) {
    let engine = engine.clone();
    let _ = ctrlc::set_handler(move || {
        let _ = engine.send(Command::Close { id, abort: false });
    });
}

/// An engine with this one endpoint open, closed cleanly on Ctrl+C.
fn open_with_ctrl_c(spec: EndpointSpec) -> Option<(Engine, crate::net::Events, EndpointId)> {
    let (engine, events) = Engine::new(Arc::new(NoWaker));
    match engine.open(spec) {
        Ok(id) => {
            install_ctrl_c(&engine, id);
            Some((engine, events, id))
        }
        Err(e) => {
            eprintln!("socklab: {e}");
            None
        }
    }
}

fn serve(spec: EndpointSpec, common: &Common) -> i32 {
    let kind = spec.kind;
    let Some((engine, events, id)) = open_with_ctrl_c(spec) else { return 1 };
    let mut printer = Printer { json: common.json, verbose: common.verbose };
    let target = Arc::new(Mutex::new(kind.is_server().then_some(Target::All)));
    let ahead = Arc::new(Ahead::default());
    let mut started = false;
    let mut stdin_started = false;
    loop {
        let Some(ev) = events.recv_timeout(Duration::from_millis(200)) else { continue };
        printer.show(&ev);
        match &ev.kind {
            EventKind::Listening { .. } | EventKind::Bound { .. } => started = true,
            EventKind::Received { from: Some(from), .. } if !kind.is_server() => {
                let to = match from {
                    Addr::Inet(a) => Some(Target::To(a.to_string())),
                    Addr::Unix(p) => Some(Target::To(p.clone())),
                    Addr::Unnamed => None,
                };
                *target.lock().unwrap_or_else(|e| e.into_inner()) = to;
            }
            EventKind::Sent { data, .. } => ahead.sent(data.len() as u64),
            EventKind::Stopped => return exit_code_for(!started),
            _ => {}
        }
        if started && !stdin_started {
            stdin_started = true;
            pump_stdin(engine.clone(), id, target.clone(), ahead.clone(), kind.is_datagram(), |_| {});
        }
    }
}

fn connect(spec: EndpointSpec, common: &Common, wait: Duration) -> i32 {
    let datagram = spec.kind.is_datagram();
    let Some((engine, events, id)) = open_with_ctrl_c(spec) else { return 1 };
    let mut printer = Printer { json: common.json, verbose: common.verbose };
    let ahead = Arc::new(Ahead::default());
    let stdin_done = Arc::new(AtomicBool::new(false));
    let mut connected = false;
    let mut closing = false;
    let mut failed = false;
    let mut last_activity = Instant::now();
    loop {
        let ev = events.recv_timeout(Duration::from_millis(20));
        // An error that came before we began to close is a failure (e.g. a UDP
        // peer's ICMP port unreachable); errors while closing are not.
        failed |= !closing && ev.as_ref().is_some_and(|e| matches!(e.kind, EventKind::Error { .. }));
        if datagram && !closing && stdin_done.load(Ordering::SeqCst) && last_activity.elapsed() >= wait {
            closing = true;
            let _ = engine.send(Command::Close { id, abort: false });
        }
        let Some(ev) = ev else { continue };
        printer.show(&ev);
        match &ev.kind {
            EventKind::Connected { .. } => {
                connected = true;
                last_activity = Instant::now();
                let done = stdin_done.clone();
                pump_stdin(
                    engine.clone(),
                    id,
                    Arc::new(Mutex::new(Some(Target::Peer))),
                    ahead.clone(),
                    datagram,
                    move |engine| {
                        if !datagram {
                            let _ = engine.send(Command::ShutdownWrite { id, conn: None });
                        }
                        done.store(true, Ordering::SeqCst);
                    },
                );
            }
            EventKind::Sent { data, .. } => {
                last_activity = Instant::now();
                ahead.sent(data.len() as u64);
            }
            EventKind::Received { .. } => last_activity = Instant::now(),
            EventKind::PeerClosed { .. } if !closing => {
                closing = true;
                let _ = engine.send(Command::Close { id, abort: false });
            }
            EventKind::Stopped => return exit_code_for(!connected || failed),
            _ => {}
        }
    }
}
