//! The engine against real sockets and real peers: Python's socket module,
//! socat and ncat. Loopback only, port 0 always, every wait has a deadline.
//! One file per topic beside this one; the helpers they share are here.

#[path = "../support/mod.rs"]
mod support;

mod backpressure;
mod errors;
mod faults;
mod framing;
mod loss;
mod open;
mod options;
mod rules;
mod tcp;
mod tcp_close;
mod tcp_state;
mod udp;
mod unix;

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::Command as Cmd;
use std::time::{Duration, SystemTime};

use socklab::net::{
    Addr, Command, EndpointKind, EndpointSpec, EngineError, EventKind, OptValue, OptionReport, ReplyMode, SockOpt,
    Target,
};
use support::{Proc, Rx, closed_port, engine, hex, inet, ipv6_available, open_dgram, open_server};

fn tcp_server(reply: ReplyMode) -> EndpointSpec {
    EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(reply)
}

fn localhost(port: u16) -> SocketAddr {
    SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)
}

/// Claims the next `Accepted` of endpoint `id`: (conn, local, peer).
fn accepted(rx: &mut Rx, id: u64) -> (u64, Addr, Addr) {
    match rx.wait_kind(id, "accept", |k| matches!(k, EventKind::Accepted { .. })) {
        EventKind::Accepted { conn, local, peer } => (conn, local, peer),
        _ => unreachable!(),
    }
}

fn error_of(rx: &mut Rx, id: u64, what: &str) -> (Option<u64>, socklab::net::NetError) {
    match rx.wait_kind(id, what, |k| matches!(k, EventKind::Error { .. })) {
        EventKind::Error { conn, error } => (conn, error),
        _ => unreachable!(),
    }
}

fn close(engine: &socklab::net::Engine, rx: &mut Rx, id: u64) -> Vec<EventKind> {
    engine.send(Command::Close { id, abort: false }).expect("close");
    rx.until_stopped(id)
}

/// Bytes `len` long starting at offset `off` of the repeating 0..=255 pattern.
fn pattern(off: usize, len: usize) -> Vec<u8> {
    (off..off + len).map(|i| i as u8).collect()
}
