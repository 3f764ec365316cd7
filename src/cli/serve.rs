//! `socklab serve`: a server (or a bound datagram socket) until Ctrl+C.
//! Received bytes go to stdout; stdin goes to every client, or for a
//! datagram socket to the last peer heard from. With nobody to send to,
//! stdin is discarded (said once) instead of waiting for sends that will
//! never happen.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::net::{Addr, BindScope, Command, EndpointKind, EndpointSpec, EventKind, Target};

use super::args::Common;
use super::out::{Printer, flush_if_idle, say};
use super::session::{is_bad_input, open_with_ctrl_c};
use super::stdin::{Destination, Flow, Pump};
use super::watch::Extras;
use super::{Exit, messages};

pub fn serve(spec: EndpointSpec, common: &Common) -> Exit {
    let kind = spec.kind;
    if !kind.is_unix() {
        warn_if_exposed(&spec.address, kind.is_datagram());
    }
    let mut extras = Extras::new(common, kind == EndpointKind::TcpServer);
    let Some((engine, events, id)) = open_with_ctrl_c(spec) else { return Exit::Network };
    extras.start(&engine, id);
    let printer = Printer::new(common, kind.is_datagram());
    let dest: Destination = Arc::new(Mutex::new(None));
    let flow = Arc::new(Flow::new(kind.is_datagram()));
    let mut clients = 0usize;
    let mut started = false;
    let mut bad_input = false;
    let mut pumping = false;
    loop {
        let Some(ev) = events.recv_timeout(Duration::from_millis(200)) else { continue };
        extras.observe(&ev);
        // Who stdin goes to is updated before the event is shown: whoever
        // reacts to a line on stdout or stderr finds it already in effect.
        match &ev.kind {
            EventKind::Listening { .. } => started = true,
            EventKind::Bound { .. } if kind.is_datagram() => started = true,
            EventKind::Accepted { .. } => {
                clients += 1;
                set(&dest, Some(Target::All));
            }
            EventKind::Closed { conn: Some(_), .. } if kind.is_server() => {
                clients = clients.saturating_sub(1);
                if clients == 0 {
                    set(&dest, None);
                    flow.forget_all();
                }
            }
            EventKind::Received { from: Some(from), .. } if !kind.is_server() => {
                set(&dest, reply_target(from));
            }
            EventKind::Sent { data, .. } => flow.sent(data.len() as u64),
            EventKind::Error { error, .. } if !started && is_bad_input(error) => {
                bad_input = true;
                // The engine stops such an endpoint itself; this is in case it went on.
                let _ = engine.send(Command::Close { id, abort: false });
            }
            EventKind::Error { error, .. } if error.call.starts_with("send") => {
                if kind.is_datagram() {
                    flow.send_failed();
                } else if clients == 0 {
                    flow.forget_all();
                }
            }
            EventKind::Stopped => {
                // The kernel's last reports (TIME_WAIT) come before the last line.
                let ladder = extras.finish(&engine, &events, |e| printer.show(e));
                printer.show(&ev);
                return match (bad_input, started, ladder) {
                    (true, _, _) => Exit::Usage,
                    (false, false, _) | (false, true, Err(())) => Exit::Network,
                    (false, true, Ok(())) => Exit::Done,
                };
            }
            _ => {}
        }
        printer.show(&ev);
        flush_if_idle(&events);
        if started && !bad_input && !pumping {
            pumping = true;
            let nobody =
                if kind.is_server() { messages::no_client_discarding() } else { messages::no_peer_discarding() };
            let pump = Pump {
                engine: engine.clone(),
                id,
                dest: dest.clone(),
                flow: flow.clone(),
                lines: kind.is_datagram(),
                encoding: common.encoding,
                nobody,
            };
            pump.spawn(|_| {});
        }
    }
}

fn set(dest: &Destination, target: Option<Target>) {
    *dest.lock().unwrap_or_else(|e| e.into_inner()) = target;
}

/// Where a reply to this datagram's sender goes (an unnamed Unix socket cannot be answered).
fn reply_target(from: &Addr) -> Option<Target> {
    match from {
        Addr::Inet(a) => Some(Target::To(a.to_string())),
        Addr::Unix(p) => Some(Target::To(p.clone())),
        Addr::Unnamed => None,
    }
}

/// One line, before binding, when the socket will be reachable from beyond this machine.
fn warn_if_exposed(address: &str, datagram: bool) {
    if let Some(scope) = BindScope::of(address)
        && !scope.is_loopback()
    {
        say(&messages::serve_exposed(address, scope, datagram));
    }
}
