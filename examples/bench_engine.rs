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
//! run show what the engine's path costs. The engine hands each recv() to the
//! caller as a fresh heap buffer that the caller frees on its own thread, so
//! glibc's trimming of the worker's arena shows up as page faults; to see that
//! part go away, run with `GLIBC_TUNABLES=glibc.malloc.trim_threshold=134217728`.

use std::io::{self, Read};
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use socklab::net::{
    Addr, Command, EndpointId, EndpointKind, EndpointSpec, Engine, Event, EventKind, Events, NoWaker, OptValue, SockOpt,
};

#[path = "support/mod.rs"]
mod support;

use support::{Config, human_bytes, spawn_tcp_sender};

const TCP_ROUNDS: usize = 3;
const TCP_READ_BUF: usize = 64 * 1024;
/// A TCP run that has not finished by then is reported as incomplete.
const TCP_DEADLINE: Duration = Duration::from_secs(60);

const UDP_COUNT: u32 = 50_000;
const UDP_SIZE: usize = 64;
const UDP_ROUNDS: usize = 3;
const UDP_DEADLINE: Duration = Duration::from_secs(10);
/// The pause before the marker, so the receiver has drained and the marker
/// itself is queued (and carries the kernel's final SO_RXQ_OVFL count).
const MARKER_DELAY: Duration = Duration::from_millis(50);
const RAISED_RCVBUF: u64 = 4 << 20;
const DATA_MAGIC: &[u8; 4] = b"SLBD";
const MARKER_MAGIC: &[u8; 4] = b"SLBE";

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

// ---------------------------------------------------------------- arguments

// ---------------------------------------------------------------- machine

struct Machine {
    nproc: usize,
    cpu: String,
    kernel: String,
    rmem_default: String,
    rmem_max: String,
    /// The 1-minute load average when the run started.
    load: f64,
}

impl Machine {
    fn read() -> Machine {
        let proc = |p: &str| std::fs::read_to_string(p).map(|s| s.trim().to_string()).unwrap_or_else(|_| "?".into());
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .unwrap_or_else(|| "?".into());
        Machine {
            nproc: thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            cpu,
            kernel: proc("/proc/sys/kernel/osrelease"),
            rmem_default: proc("/proc/sys/net/core/rmem_default"),
            rmem_max: proc("/proc/sys/net/core/rmem_max"),
            load: load_average(),
        }
    }

    /// Whether other work competed for the CPUs (figures then reflect CPU cost as much as speed).
    fn busy(&self) -> bool {
        self.load > 0.5 * self.nproc.max(1) as f64
    }

    fn line(&self) -> String {
        format!(
            "machine: nproc {}, {}, Linux {}, net.core.rmem_default {}, net.core.rmem_max {}, load average {:.2}",
            self.nproc, self.cpu, self.kernel, self.rmem_default, self.rmem_max, self.load
        )
    }
}

fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0.0)
}

/// CPU time and minor page faults of the whole process (every thread, the
/// sender's included) so far.
#[derive(Clone, Copy)]
struct Usage {
    cpu: f64,
    minflt: i64,
}

impl Usage {
    fn now() -> Usage {
        // SAFETY: getrusage fills in the struct it is given; all-zero is a valid rusage.
        let ru = unsafe {
            let mut ru: libc::rusage = std::mem::zeroed();
            libc::getrusage(libc::RUSAGE_SELF, &mut ru);
            ru
        };
        let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        Usage { cpu: secs(ru.ru_utime) + secs(ru.ru_stime), minflt: ru.ru_minflt }
    }

    fn since(self, before: Usage) -> Usage {
        Usage { cpu: self.cpu - before.cpu, minflt: self.minflt - before.minflt }
    }
}

// ---------------------------------------------------------------- engine helpers

/// What an endpoint reported while it opened.
struct Ready {
    addr: SocketAddr,
    /// SO_RCVBUF as read back from the kernel.
    rcvbuf: Option<u64>,
}

/// Waits for the endpoint's socket to be bound (and listening), up to the
/// `Options` snapshot it sends last when it opens.
fn wait_ready(events: &Events) -> Ready {
    let deadline = Instant::now() + SETUP_TIMEOUT;
    let mut addr = None;
    let mut rcvbuf = None;
    let int = |v: &Result<OptValue, String>| match v {
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
fn close_endpoint(engine: &Engine, events: &Events, id: EndpointId, mut on: impl FnMut(&Event)) {
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

// ---------------------------------------------------------------- TCP

struct TcpRun {
    bytes: u64,
    elapsed: Duration,
    /// read() calls that returned data, or Received events.
    chunks: u64,
    complete: bool,
    /// CPU and page faults of the run, all threads.
    usage: Usage,
}

impl TcpRun {
    fn mbps(&self) -> f64 {
        self.bytes as f64 / self.elapsed.as_secs_f64() / 1e6
    }

    /// CPU seconds (all threads) per GiB received.
    fn cpu_per_gib(&self) -> f64 {
        self.usage.cpu / (self.bytes.max(1) as f64 / (1u64 << 30) as f64)
    }

    fn avg_chunk(&self) -> f64 {
        if self.chunks == 0 { 0.0 } else { self.bytes as f64 / self.chunks as f64 }
    }
}

fn join_sender(h: JoinHandle<io::Result<()>>) {
    match h.join() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => eprintln!("warning: the TCP sender failed: {e}"),
        Err(_) => eprintln!("warning: the TCP sender panicked"),
    }
}

fn tcp_baseline(total: u64) -> TcpRun {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local_addr");
    let usage = Usage::now();
    let start = Instant::now();
    let sender = spawn_tcp_sender(addr, total);
    let (mut s, _) = listener.accept().expect("accept");
    s.set_read_timeout(Some(Duration::from_secs(1))).expect("SO_RCVTIMEO");
    let mut buf = vec![0u8; TCP_READ_BUF];
    let (mut bytes, mut chunks) = (0u64, 0u64);
    while bytes < total && start.elapsed() < TCP_DEADLINE {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                bytes += n as u64;
                chunks += 1;
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock) => {}
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {}
            Err(e) => {
                eprintln!("warning: baseline read failed: {e}");
                break;
            }
        }
    }
    let elapsed = start.elapsed();
    drop(s);
    join_sender(sender);
    let usage = Usage::now().since(usage);
    TcpRun { bytes, elapsed, chunks, complete: bytes >= total, usage }
}

fn tcp_engine(total: u64) -> TcpRun {
    let (engine, events) = Engine::new(Arc::new(NoWaker));
    let id = engine.open(EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0")).expect("open a TCP server");
    let ready = wait_ready(&events);
    let usage = Usage::now();
    let start = Instant::now();
    let sender = spawn_tcp_sender(ready.addr, total);
    let (mut bytes, mut chunks) = (0u64, 0u64);
    while bytes < total {
        let left = TCP_DEADLINE.saturating_sub(start.elapsed());
        let Some(ev) = events.recv_timeout(left) else { break };
        match ev.kind {
            EventKind::Received { data, .. } => {
                bytes += data.len() as u64;
                chunks += 1;
            }
            EventKind::Error { error, .. } => eprintln!("warning: engine error: {error}"),
            EventKind::Stopped => break,
            _ => {}
        }
    }
    let elapsed = start.elapsed();
    join_sender(sender);
    let usage = Usage::now().since(usage);
    close_endpoint(&engine, &events, id, |_| {});
    TcpRun { bytes, elapsed, chunks, complete: bytes >= total, usage }
}

struct TcpResult {
    total: u64,
    baseline: Vec<TcpRun>,
    engine: Vec<TcpRun>,
}

/// Median CPU seconds per GiB.
fn median_cpu(runs: &[TcpRun]) -> f64 {
    let mut v: Vec<f64> = runs.iter().map(TcpRun::cpu_per_gib).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Median minor page faults per run.
fn median_faults(runs: &[TcpRun]) -> i64 {
    let mut v: Vec<i64> = runs.iter().map(|r| r.usage.minflt).collect();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// (best, median) MB/s.
fn best_median(runs: &[TcpRun]) -> (f64, f64) {
    let mut v: Vec<f64> = runs.iter().map(TcpRun::mbps).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    (v.last().copied().unwrap_or(0.0), v.get(v.len() / 2).copied().unwrap_or(0.0))
}

fn bench_tcp(total: u64) -> TcpResult {
    println!("## TCP bulk receive: {} over 127.0.0.1, {TCP_ROUNDS} rounds alternating", human_bytes(total));
    let mut res = TcpResult { total, baseline: Vec::new(), engine: Vec::new() };
    let line = |who: &str, round: usize, r: &TcpRun| {
        println!(
            "  round {round} {who:<8} {:>7.1} MB/s  {:>6.3} s  {:>6} chunks  avg {:>5.0} B  cpu {:>5.2} s/GiB  {:>6} minor faults{}",
            r.mbps(),
            r.elapsed.as_secs_f64(),
            r.chunks,
            r.avg_chunk(),
            r.cpu_per_gib(),
            r.usage.minflt,
            if r.complete { String::new() } else { format!("  INCOMPLETE: {} of {total} bytes", r.bytes) }
        );
    };
    for round in 1..=TCP_ROUNDS {
        let b = tcp_baseline(total);
        line("baseline", round, &b);
        res.baseline.push(b);
        let e = tcp_engine(total);
        line("engine", round, &e);
        res.engine.push(e);
    }
    let (bb, bm) = best_median(&res.baseline);
    let (eb, em) = best_median(&res.engine);
    println!("  baseline (std read, 64 KiB buffer): best {bb:.1} MB/s, median {bm:.1} MB/s");
    println!("  engine   (TcpServer, Received events): best {eb:.1} MB/s, median {em:.1} MB/s");
    let (chunks, avg) = res.engine_chunks();
    println!("  engine Received events per run: {chunks:.0}, average {avg:.0} bytes each");
    let verdict = if em / bm >= 0.9 { "meets" } else { "BELOW" };
    println!("  ratio engine/baseline: best {:.2}x, median {:.2}x ({verdict} the 0.9x target)", eb / bb, em / bm);
    let (bc, ec) = (median_cpu(&res.baseline), median_cpu(&res.engine));
    println!(
        "  CPU per GiB, all threads (sender included), median: baseline {bc:.2} s, engine {ec:.2} s ({:.2}x)",
        ec / bc
    );
    res
}

impl TcpResult {
    /// Received events per engine run and their average size, over all runs.
    fn engine_chunks(&self) -> (f64, f64) {
        let chunks: u64 = self.engine.iter().map(|r| r.chunks).sum();
        let bytes: u64 = self.engine.iter().map(|r| r.bytes).sum();
        let n = self.engine.len().max(1) as f64;
        (chunks as f64 / n, if chunks == 0 { 0.0 } else { bytes as f64 / chunks as f64 })
    }

    fn baseline_chunks(&self) -> (f64, f64) {
        let chunks: u64 = self.baseline.iter().map(|r| r.chunks).sum();
        let bytes: u64 = self.baseline.iter().map(|r| r.bytes).sum();
        let n = self.baseline.len().max(1) as f64;
        (chunks as f64 / n, if chunks == 0 { 0.0 } else { bytes as f64 / chunks as f64 })
    }
}

// ---------------------------------------------------------------- UDP

struct UdpSent {
    sent: u32,
    send_errors: u32,
    elapsed: Duration,
}

/// Sends UDP_COUNT datagrams without pacing, then (after MARKER_DELAY) a marker,
/// repeated every 100 ms until the receiver says it has it.
fn spawn_udp_sender(to: SocketAddr, got_marker: Arc<AtomicBool>) -> JoinHandle<UdpSent> {
    thread::spawn(move || {
        let sock = UdpSocket::bind("127.0.0.1:0").expect("bind the UDP sender");
        let mut buf = [0x5Au8; UDP_SIZE];
        buf[..4].copy_from_slice(DATA_MAGIC);
        let (mut sent, mut send_errors) = (0, 0);
        let start = Instant::now();
        for seq in 0..UDP_COUNT {
            buf[4..8].copy_from_slice(&seq.to_be_bytes());
            match sock.send_to(&buf, to) {
                Ok(_) => sent += 1,
                Err(_) => send_errors += 1,
            }
        }
        let elapsed = start.elapsed();
        let mut marker = [0u8; UDP_SIZE];
        marker[..4].copy_from_slice(MARKER_MAGIC);
        thread::sleep(MARKER_DELAY);
        let until = Instant::now() + UDP_DEADLINE;
        while !got_marker.load(Ordering::Acquire) && Instant::now() < until {
            let _ = sock.send_to(&marker, to);
            thread::sleep(Duration::from_millis(100));
        }
        UdpSent { sent, send_errors, elapsed }
    })
}

enum Datagram {
    Data,
    Marker,
    Other,
}

fn classify(d: &[u8]) -> Datagram {
    match d.get(..4) {
        Some(m) if m == DATA_MAGIC && d.len() == UDP_SIZE => Datagram::Data,
        Some(m) if m == MARKER_MAGIC => Datagram::Marker,
        _ => Datagram::Other,
    }
}

struct UdpRun {
    sent: UdpSent,
    delivered: u32,
    /// From the first send to the last data datagram taken by the caller.
    taken_by: Duration,
    marker_seen: bool,
    /// What the engine reported last; None for the std baseline.
    engine_dropped: Option<u64>,
    kernel_dropped: Option<u64>,
    loss_events: u32,
    rcvbuf: Option<u64>,
}

fn udp_baseline(rcvbuf: Option<u64>) -> UdpRun {
    let sock = UdpSocket::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    if let Some(n) = rcvbuf {
        socket2::SockRef::from(&sock).set_recv_buffer_size(n as usize).expect("SO_RCVBUF");
    }
    let effective = socket2::SockRef::from(&sock).recv_buffer_size().ok().map(|n| n as u64);
    sock.set_read_timeout(Some(Duration::from_millis(100))).expect("SO_RCVTIMEO");
    let to = sock.local_addr().expect("local_addr");
    let got_marker = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let sender = spawn_udp_sender(to, got_marker.clone());
    let mut buf = [0u8; 2048];
    let (mut delivered, mut taken_by, mut marker_seen) = (0, Duration::ZERO, false);
    while start.elapsed() < UDP_DEADLINE {
        match sock.recv(&mut buf) {
            Ok(n) => match classify(&buf[..n]) {
                Datagram::Data => {
                    delivered += 1;
                    taken_by = start.elapsed();
                }
                Datagram::Marker => {
                    marker_seen = true;
                    break;
                }
                Datagram::Other => {}
            },
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                eprintln!("warning: baseline recv failed: {e}");
                break;
            }
        }
    }
    got_marker.store(true, Ordering::Release);
    let sent = sender.join().expect("the UDP sender panicked");
    UdpRun {
        sent,
        delivered,
        taken_by,
        marker_seen,
        engine_dropped: None,
        kernel_dropped: None,
        loss_events: 0,
        rcvbuf: effective,
    }
}

fn udp_engine(rcvbuf: Option<u64>) -> UdpRun {
    let (engine, events) = Engine::new(Arc::new(NoWaker));
    let mut spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0");
    if let Some(n) = rcvbuf {
        spec = spec.with_option(SockOpt::RcvBuf, OptValue::Int(n));
    }
    let id = engine.open(spec).expect("open a UDP endpoint");
    let ready = wait_ready(&events);
    let got_marker = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let sender = spawn_udp_sender(ready.addr, got_marker.clone());
    let mut run = UdpRun {
        sent: UdpSent { sent: 0, send_errors: 0, elapsed: Duration::ZERO },
        delivered: 0,
        taken_by: Duration::ZERO,
        marker_seen: false,
        engine_dropped: Some(0),
        kernel_dropped: None,
        loss_events: 0,
        rcvbuf: ready.rcvbuf,
    };
    let on = |ev: &Event, run: &mut UdpRun| match &ev.kind {
        EventKind::Received { data, .. } => match classify(data) {
            Datagram::Data => {
                run.delivered += 1;
                run.taken_by = start.elapsed();
            }
            Datagram::Marker => run.marker_seen = true,
            Datagram::Other => {}
        },
        EventKind::Loss { engine_dropped, kernel_dropped, .. } => {
            run.loss_events += 1;
            run.engine_dropped = Some(*engine_dropped);
            run.kernel_dropped = *kernel_dropped;
        }
        EventKind::Error { error, .. } => eprintln!("warning: engine error: {error}"),
        _ => {}
    };
    while !run.marker_seen {
        let left = UDP_DEADLINE.saturating_sub(start.elapsed());
        let Some(ev) = events.recv_timeout(left) else { break };
        on(&ev, &mut run);
    }
    got_marker.store(true, Ordering::Release);
    run.sent = sender.join().expect("the UDP sender panicked");
    // Closing makes the worker report its final loss counts before it stops.
    close_endpoint(&engine, &events, id, |ev| on(ev, &mut run));
    run
}

struct UdpCase {
    name: &'static str,
    engine: bool,
    rcvbuf: Option<u64>,
    runs: Vec<UdpRun>,
}

impl UdpCase {
    /// The run with the median number delivered.
    fn median(&self) -> &UdpRun {
        let mut v: Vec<&UdpRun> = self.runs.iter().collect();
        v.sort_by_key(|r| r.delivered);
        v[v.len() / 2]
    }
}

fn opt_u64(v: Option<u64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "-".into())
}

fn bench_udp() -> Vec<UdpCase> {
    println!(
        "## UDP burst: {UDP_COUNT} datagrams of {UDP_SIZE} B, no pacing, then a marker; {UDP_ROUNDS} rounds alternating"
    );
    let mut cases = vec![
        UdpCase { name: "std recv, default rcvbuf", engine: false, rcvbuf: None, runs: Vec::new() },
        UdpCase { name: "engine, default rcvbuf", engine: true, rcvbuf: None, runs: Vec::new() },
        UdpCase { name: "std recv, SO_RCVBUF 4 MiB", engine: false, rcvbuf: Some(RAISED_RCVBUF), runs: Vec::new() },
        UdpCase { name: "engine, SO_RCVBUF 4 MiB", engine: true, rcvbuf: Some(RAISED_RCVBUF), runs: Vec::new() },
    ];
    for round in 1..=UDP_ROUNDS {
        for case in cases.iter_mut() {
            let r = if case.engine { udp_engine(case.rcvbuf) } else { udp_baseline(case.rcvbuf) };
            let lost = u64::from(r.sent.sent.saturating_sub(r.delivered));
            let reported = if case.engine {
                format!(
                    "engine_dropped {:>5}  kernel_dropped {:>6}",
                    opt_u64(r.engine_dropped),
                    r.kernel_dropped.map(|n| n.to_string()).unwrap_or_else(|| "0 (none reported)".into())
                )
            } else {
                format!("{:<44}", "(std: not reported)")
            };
            println!(
                "  round {round} {:<26} sent {:>6}  delivered {:>6}  missing {:>6}  {reported}  rcvbuf {:>8}  sent in {:>6.1} ms, last taken at {:>7.1} ms{}{}",
                case.name,
                r.sent.sent,
                r.delivered,
                lost,
                opt_u64(r.rcvbuf),
                r.sent.elapsed.as_secs_f64() * 1e3,
                r.taken_by.as_secs_f64() * 1e3,
                if r.sent.send_errors > 0 { format!("  ({} send errors)", r.sent.send_errors) } else { String::new() },
                if r.marker_seen { "" } else { "  (no marker: deadline)" },
            );
            case.runs.push(r);
        }
    }
    println!("  median of {UDP_ROUNDS} rounds (by datagrams delivered):");
    for case in &cases {
        let m = case.median();
        let engine = if case.engine {
            format!(
                ", engine_dropped {}, kernel_dropped {}",
                opt_u64(m.engine_dropped),
                opt_u64(Some(m.kernel_dropped.unwrap_or(0)))
            )
        } else {
            String::new()
        };
        println!(
            "    {:<26} delivered {:>6} of {:>6} ({:>5.1}%){engine}, rcvbuf {}",
            case.name,
            m.delivered,
            m.sent.sent,
            pct(m.delivered, m.sent.sent),
            opt_u64(m.rcvbuf)
        );
    }
    let engine_self_drops: u64 = cases.iter().flat_map(|c| &c.runs).filter_map(|r| r.engine_dropped).sum();
    let accounted = cases.iter().filter(|c| c.engine).flat_map(|c| &c.runs).all(|r| {
        u64::from(r.delivered) + r.engine_dropped.unwrap_or(0) + r.kernel_dropped.unwrap_or(0) == u64::from(r.sent.sent)
    });
    println!(
        "  engine_dropped over all engine runs: {engine_self_drops} ({})",
        if engine_self_drops == 0 { "the engine itself lost nothing" } else { "the ENGINE lost datagrams" }
    );
    println!(
        "  every engine run accounted for (delivered + engine_dropped + kernel_dropped = sent): {}",
        if accounted { "yes" } else { "NO" }
    );
    println!(
        "  note: Linux caps SO_RCVBUF at net.core.rmem_max unless CAP_NET_ADMIN, and reports double the value kept"
    );
    cases
}

fn pct(a: u32, b: u32) -> f64 {
    if b == 0 { 0.0 } else { 100.0 * f64::from(a) / f64::from(b) }
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
