//! UDP burst: 50,000 small datagrams without pacing into a std `recv` loop
//! and into a Udp endpoint, at the default SO_RCVBUF and raised, with what
//! the engine reports as dropped (by itself, and by the kernel's queue).

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use socklab::net::{EndpointKind, EndpointSpec, Engine, Event, EventKind, NoWaker, OptValue, SockOpt};

use super::{close_endpoint, wait_ready};

pub const UDP_COUNT: u32 = 50_000;
pub const UDP_SIZE: usize = 64;
pub const UDP_ROUNDS: usize = 3;
pub const UDP_DEADLINE: Duration = Duration::from_secs(10);
/// The pause before the marker, so the receiver has drained and the marker
/// itself is queued (and carries the kernel's final SO_RXQ_OVFL count).
pub const MARKER_DELAY: Duration = Duration::from_millis(50);
pub const RAISED_RCVBUF: u64 = 4 << 20;
pub const DATA_MAGIC: &[u8; 4] = b"SLBD";
pub const MARKER_MAGIC: &[u8; 4] = b"SLBE";

pub struct UdpSent {
    pub sent: u32,
    pub send_errors: u32,
    pub elapsed: Duration,
}

/// Sends UDP_COUNT datagrams without pacing, then (after MARKER_DELAY) a marker,
/// repeated every 100 ms until the receiver says it has it.
pub fn spawn_udp_sender(to: SocketAddr, got_marker: Arc<AtomicBool>) -> JoinHandle<UdpSent> {
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

pub enum Datagram {
    Data,
    Marker,
    Other,
}

pub fn classify(d: &[u8]) -> Datagram {
    match d.get(..4) {
        Some(m) if m == DATA_MAGIC && d.len() == UDP_SIZE => Datagram::Data,
        Some(m) if m == MARKER_MAGIC => Datagram::Marker,
        _ => Datagram::Other,
    }
}

pub struct UdpRun {
    pub sent: UdpSent,
    pub delivered: u32,
    /// From the first send to the last data datagram taken by the caller.
    pub taken_by: Duration,
    pub marker_seen: bool,
    /// What the engine reported last; None for the std baseline.
    pub engine_dropped: Option<u64>,
    pub kernel_dropped: Option<u64>,
    pub loss_events: u32,
    pub rcvbuf: Option<u64>,
}

pub fn udp_baseline(rcvbuf: Option<u64>) -> UdpRun {
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

pub fn udp_engine(rcvbuf: Option<u64>) -> UdpRun {
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

pub struct UdpCase {
    pub name: &'static str,
    pub engine: bool,
    pub rcvbuf: Option<u64>,
    pub runs: Vec<UdpRun>,
}

impl UdpCase {
    /// The run with the median number delivered.
    pub fn median(&self) -> &UdpRun {
        let mut v: Vec<&UdpRun> = self.runs.iter().collect();
        v.sort_by_key(|r| r.delivered);
        v[v.len() / 2]
    }
}

pub fn opt_u64(v: Option<u64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "-".into())
}

pub fn bench_udp() -> Vec<UdpCase> {
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

pub fn pct(a: u32, b: u32) -> f64 {
    if b == 0 { 0.0 } else { 100.0 * f64::from(a) / f64::from(b) }
}
