//! TCP bulk receive: a std `read` loop against a TcpServer endpoint whose
//! caller drains `Received` events.

use std::io::{self, Read};
use std::net::TcpListener;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use socklab::net::{EndpointKind, EndpointSpec, Engine, EventKind, NoWaker};
use std::sync::Arc;

use super::support::machine::Usage;
use super::support::{human_bytes, spawn_tcp_sender};
use super::{close_endpoint, wait_ready};

pub const TCP_ROUNDS: usize = 3;
pub const TCP_READ_BUF: usize = 64 * 1024;
/// A TCP run that has not finished by then is reported as incomplete.
pub const TCP_DEADLINE: Duration = Duration::from_secs(60);

pub struct TcpRun {
    pub bytes: u64,
    pub elapsed: Duration,
    /// read() calls that returned data, or Received events.
    pub chunks: u64,
    pub complete: bool,
    /// CPU and page faults of the run, all threads.
    pub usage: Usage,
}

impl TcpRun {
    pub fn mbps(&self) -> f64 {
        self.bytes as f64 / self.elapsed.as_secs_f64() / 1e6
    }

    /// CPU seconds (all threads) per GiB received.
    pub fn cpu_per_gib(&self) -> f64 {
        self.usage.cpu / (self.bytes.max(1) as f64 / (1u64 << 30) as f64)
    }

    pub fn avg_chunk(&self) -> f64 {
        if self.chunks == 0 { 0.0 } else { self.bytes as f64 / self.chunks as f64 }
    }
}

pub fn join_sender(h: JoinHandle<io::Result<()>>) {
    match h.join() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => eprintln!("warning: the TCP sender failed: {e}"),
        Err(_) => eprintln!("warning: the TCP sender panicked"),
    }
}

pub fn tcp_baseline(total: u64) -> TcpRun {
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

pub fn tcp_engine(total: u64) -> TcpRun {
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

pub struct TcpResult {
    pub total: u64,
    pub baseline: Vec<TcpRun>,
    pub engine: Vec<TcpRun>,
}

/// Median CPU seconds per GiB.
pub fn median_cpu(runs: &[TcpRun]) -> f64 {
    let mut v: Vec<f64> = runs.iter().map(TcpRun::cpu_per_gib).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Median minor page faults per run.
pub fn median_faults(runs: &[TcpRun]) -> i64 {
    let mut v: Vec<i64> = runs.iter().map(|r| r.usage.minflt).collect();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// (best, median) MB/s.
pub fn best_median(runs: &[TcpRun]) -> (f64, f64) {
    let mut v: Vec<f64> = runs.iter().map(TcpRun::mbps).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    (v.last().copied().unwrap_or(0.0), v.get(v.len() / 2).copied().unwrap_or(0.0))
}

pub fn bench_tcp(total: u64) -> TcpResult {
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
    pub fn engine_chunks(&self) -> (f64, f64) {
        let chunks: u64 = self.engine.iter().map(|r| r.chunks).sum();
        let bytes: u64 = self.engine.iter().map(|r| r.bytes).sum();
        let n = self.engine.len().max(1) as f64;
        (chunks as f64 / n, if chunks == 0 { 0.0 } else { bytes as f64 / chunks as f64 })
    }

    pub fn baseline_chunks(&self) -> (f64, f64) {
        let chunks: u64 = self.baseline.iter().map(|r| r.chunks).sum();
        let bytes: u64 = self.baseline.iter().map(|r| r.bytes).sum();
        let n = self.baseline.len().max(1) as f64;
        (chunks as f64 / n, if chunks == 0 { 0.0 } else { bytes as f64 / chunks as f64 })
    }
}
