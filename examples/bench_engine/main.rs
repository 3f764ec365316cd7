//! Throughput of the socket engine against plain std sockets, measured in the same run.
//!
//! ```text
//! cargo run --release --example bench_engine              # 1 GiB of TCP
//! cargo run --release --example bench_engine -- --quick   # 128 MiB of TCP
//! cargo run --release --example bench_engine -- --bytes 512M   (or BENCH_BYTES=512M)
//! ```
//!
//! 1. TCP bulk receive over loopback: a std `read` loop into a 64 KiB buffer
//!    against a TcpServer endpoint whose caller drains `Received` events.
//! 2. UDP burst of 50,000 small datagrams sent without pacing: a std `recv`
//!    loop against a Udp endpoint, then both again with SO_RCVBUF raised, and
//!    what the engine reports as dropped (by itself, and by the kernel's queue).
//! 3. A Markdown summary to paste into the README.
//!
//! MB/s depend on what else runs on the machine; the CPU seconds per GiB (every
//! thread of the process, the sender's included) and the minor page faults per
//! run show what the engine's path costs. The engine reads into pool buffers
//! that come back when the caller drops each `Chunk`, so a steady stream
//! allocates nothing and faults in no fresh pages.
//!
//! The command line against socat, ncat and Python is `bench_cli`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use socklab::net::{Addr, Command, EndpointId, Engine, Event, EventKind, Events, OptValue, SockOpt};

#[path = "../support/mod.rs"]
mod support;

mod tcp;
mod udp;

use support::machine::Machine;
use support::{Config, human_bytes};
use tcp::{TCP_ROUNDS, TcpResult, bench_tcp, best_median, median_cpu, median_faults};
use udp::{UDP_COUNT, UDP_ROUNDS, UDP_SIZE, UdpCase, bench_udp, opt_u64, pct};

const SETUP_TIMEOUT: Duration = Duration::from_secs(5);

fn main() {
    let cfg = match Config::from_args() {
        Ok(c) => c,
        Err(msg) => {
            let usage = "usage: bench_engine [--quick] [--bytes N[K|M|G]]   (or env BENCH_BYTES)";
            if msg == "help" {
                println!("{usage}");
                std::process::exit(0);
            }
            eprintln!("bench_engine: {msg}\n{usage}");
            std::process::exit(2);
        }
    };
    if cfg!(debug_assertions) {
        println!("warning: a debug build; run with --release for meaningful figures\n");
    }
    let machine = Machine::read();
    println!("# socklab engine benchmark");
    println!("{}", machine.line());
    if machine.busy() {
        println!(
            "note: the machine is busy (load {:.2} on {} CPUs): MB/s swing from run to run,",
            machine.load, machine.nproc
        );
        println!("      CPU per GiB is the steadier figure");
    }
    println!();

    let tcp = bench_tcp(cfg.bytes);
    println!();
    let udp = bench_udp();
    println!();
    print_summary(&machine, &cfg, &tcp, &udp);
}

// ---------------------------------------------------------------- engine helpers

/// What an endpoint reported while it opened.
pub struct Ready {
    addr: SocketAddr,
    /// SO_RCVBUF as read back from the kernel.
    rcvbuf: Option<u64>,
}

/// Waits for the endpoint's socket to be bound (and listening), up to the
/// `Options` snapshot it sends last when it opens.
pub fn wait_ready(events: &Events) -> Ready {
    let deadline = Instant::now() + SETUP_TIMEOUT;
    let mut addr = None;
    let mut rcvbuf = None;
    let int = |v: &Result<OptValue, socklab::net::NetError>| match v {
        Ok(OptValue::Int(n)) => Some(*n),
        _ => None,
    };
    loop {
        let Some(ev) = events.recv_deadline(deadline) else {
            panic!("the endpoint did not open within {SETUP_TIMEOUT:?}");
        };
        match ev.kind {
            EventKind::Bound { local: Addr::Inet(a) } | EventKind::Listening { local: Addr::Inet(a), .. } => {
                addr = Some(a)
            }
            EventKind::OptionSet { report, .. } if report.opt == SockOpt::RcvBuf => rcvbuf = int(&report.effective),
            EventKind::Options { reports, .. } => {
                if let Some(r) = reports.iter().find(|r| r.opt == SockOpt::RcvBuf) {
                    rcvbuf = int(&r.effective).or(rcvbuf);
                }
                let addr = addr.expect("Options came before the socket was bound");
                return Ready { addr, rcvbuf };
            }
            EventKind::Error { error, .. } => panic!("the endpoint failed to open: {error}"),
            EventKind::Stopped => panic!("the endpoint stopped while opening"),
            _ => {}
        }
    }
}

/// Closes the endpoint and drains its last events; calls `on` for each.
pub fn close_endpoint(engine: &Engine, events: &Events, id: EndpointId, mut on: impl FnMut(&Event)) {
    if engine.send(Command::Close { id, abort: false }).is_err() {
        return;
    }
    let deadline = Instant::now() + SETUP_TIMEOUT;
    while let Some(ev) = events.recv_deadline(deadline) {
        on(&ev);
        if matches!(ev.kind, EventKind::Stopped) && ev.endpoint == id {
            return;
        }
    }
    eprintln!("warning: endpoint {id} did not stop within {SETUP_TIMEOUT:?}");
}

// ---------------------------------------------------------------- summary

fn print_summary(m: &Machine, cfg: &Config, tcp: &TcpResult, udp: &[UdpCase]) {
    let (bb, bm) = best_median(&tcp.baseline);
    let (eb, em) = best_median(&tcp.engine);
    let (bc, ba) = tcp.baseline_chunks();
    let (ec, ea) = tcp.engine_chunks();
    println!("## Summary (Markdown)");
    println!();
    println!(
        "Loopback, `cargo run --release --example bench_engine{}` ({}): {} CPUs ({}), Linux {}, rmem_default {}, rmem_max {}, load average {:.2} at the start{}.",
        if cfg.label == "--quick" { " -- --quick" } else { "" },
        cfg.label,
        m.nproc,
        m.cpu,
        m.kernel,
        m.rmem_default,
        m.rmem_max,
        m.load,
        if m.busy() { " (other work shared the CPUs)" } else { "" }
    );
    println!();
    println!("| TCP bulk receive, {} | std `read` (64 KiB) | socklab engine | engine / std |", human_bytes(tcp.total));
    println!("| --- | ---: | ---: | ---: |");
    println!("| best of {TCP_ROUNDS}, MB/s | {bb:.0} | {eb:.0} | {:.2}× |", eb / bb);
    println!("| median, MB/s | {bm:.0} | {em:.0} | {:.2}× |", em / bm);
    println!("| reads / Received events per run | {bc:.0} | {ec:.0} | |");
    println!("| average chunk, bytes | {ba:.0} | {ea:.0} | |");
    let (bcpu, ecpu) = (median_cpu(&tcp.baseline), median_cpu(&tcp.engine));
    println!("| CPU s per GiB, all threads, median | {bcpu:.2} | {ecpu:.2} | {:.2}× |", ecpu / bcpu);
    println!(
        "| minor page faults per run, median | {} | {} | |",
        median_faults(&tcp.baseline),
        median_faults(&tcp.engine)
    );
    println!();
    println!(
        "| UDP burst, {UDP_COUNT} × {UDP_SIZE} B, median of {UDP_ROUNDS} | rcvbuf (read back) | delivered | engine_dropped | kernel_dropped |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    for case in udp {
        let r = case.median();
        let (ed, kd) = if case.engine {
            (opt_u64(r.engine_dropped), r.kernel_dropped.unwrap_or(0).to_string())
        } else {
            ("n/a".into(), format!("({} missing)", r.sent.sent.saturating_sub(r.delivered)))
        };
        println!(
            "| {} | {} | {} / {} ({:.1}%) | {ed} | {kd} |",
            case.name,
            opt_u64(r.rcvbuf),
            r.delivered,
            r.sent.sent,
            pct(r.delivered, r.sent.sent)
        );
    }
}
