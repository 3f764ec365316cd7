//! `socklab connect`: stdin goes to the peer, what the peer sends goes to
//! stdout, as netcat does. A stream ends when both sides are done: when
//! stdin ends we shut down writing (FIN) and read until the peer closes;
//! when the peer closes first (its FIN) it may still be reading, so stdin
//! is sent until it ends. A reset from the peer is an error (exit 1).
//! A datagram socket has no FIN: after stdin ends it stops once nothing
//! has moved for `wait`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::net::{Command, EndpointKind, EndpointSpec, EventKind, Target};

use super::args::Common;
use super::out::{Printer, flush_if_idle, say};
use super::session::{is_bad_input, open_with_ctrl_c};
use super::stdin::{Flow, Pump};
use super::watch::Extras;
use super::{Exit, messages};

pub fn connect(spec: EndpointSpec, common: &Common, wait: Duration) -> Exit {
    let datagram = spec.kind.is_datagram();
    let mut extras = Extras::new(common, spec.kind == EndpointKind::TcpClient);
    let Some((engine, events, id)) = open_with_ctrl_c(spec) else { return Exit::Network };
    extras.start(&engine, id);
    let printer = Printer::new(common, datagram);
    let flow = Arc::new(Flow::new(datagram));
    let stdin_done = Arc::new(AtomicBool::new(false));
    let mut connected = false;
    let mut closing = false;
    let mut failed = false;
    let mut bad_input = false;
    let mut last_activity = Instant::now();
    loop {
        let ev = events.recv_timeout(Duration::from_millis(20));
        if datagram && !closing && stdin_done.load(Ordering::SeqCst) && last_activity.elapsed() >= wait {
            closing = true;
            let _ = engine.send(Command::Close { id, abort: false });
        }
        let Some(ev) = ev else { continue };
        extras.observe(&ev);
        if !matches!(ev.kind, EventKind::Stopped) {
            printer.show(&ev);
        }
        flush_if_idle(&events);
        match &ev.kind {
            EventKind::Connected { .. } => {
                connected = true;
                last_activity = Instant::now();
                let done = stdin_done.clone();
                let pump = Pump {
                    engine: engine.clone(),
                    id,
                    dest: Arc::new(Mutex::new(Some(Target::Peer))),
                    flow: flow.clone(),
                    lines: datagram,
                    encoding: common.encoding,
                    nobody: String::new(),
                };
                pump.spawn(move |engine| {
                    if !datagram {
                        let _ = engine.send(Command::ShutdownWrite { id, conn: None });
                    }
                    done.store(true, Ordering::SeqCst);
                });
            }
            EventKind::Sent { data, .. } => {
                last_activity = Instant::now();
                flow.sent(data.len() as u64);
            }
            EventKind::Received { .. } => last_activity = Instant::now(),
            EventKind::PeerClosed { .. } if !common.json && !stdin_done.load(Ordering::SeqCst) => {
                say(&messages::peer_half_closed());
            }
            EventKind::Error { error, .. } => {
                if !connected && is_bad_input(error) {
                    bad_input = true;
                    // The engine stops such an endpoint itself; this is in case it went on.
                    let _ = engine.send(Command::Close { id, abort: false });
                } else if !closing {
                    // E.g. a reset, or a UDP peer's ICMP port unreachable. Errors
                    // while a datagram socket closes are not failures.
                    failed = true;
                }
                if error.call.starts_with("send") {
                    flow.send_failed();
                }
            }
            EventKind::Stopped => {
                // The kernel's last reports (TIME_WAIT) come before the last line.
                let ladder = extras.finish(&engine, &events, |e| printer.show(e));
                printer.show(&ev);
                return if bad_input {
                    Exit::Usage
                } else if !connected || failed || ladder.is_err() {
                    Exit::Network
                } else {
                    Exit::Done
                };
            }
            _ => {}
        }
    }
}
