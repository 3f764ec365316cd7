//! The `socklab` command line against the tools people use instead, each
//! baseline measured in the same run.
//!
//! ```text
//! cargo build --release --bin socklab
//! cargo run --release --example bench_cli              # 2 GiB of TCP
//! cargo run --release --example bench_cli -- --quick   # 128 MiB of TCP
//! cargo run --release --example bench_cli -- --bytes 512M   (or BENCH_BYTES=512M)
//! ```
//!
//! 1. TCP sink, the close included: a sender connects, writes N bytes,
//!    shuts down writing and waits for the server's close. Servers:
//!    `socklab serve tcp ADDR > FILE`, `socat -u TCP-LISTEN:… STDOUT > FILE`
//!    and `ncat -l --recv-only … > FILE`. A run ends when the sender has seen
//!    the close and the file holds every byte.
//! 2. UDP burst: a Python loop sends 50,000 datagrams of 100 B as fast as it
//!    can to `socklab serve udp ADDR --json > FILE` and to a bare Python recv
//!    loop, both at the default SO_RCVBUF. socklab's JSON is counted after:
//!    delivered, dropped by socklab, dropped by the kernel (SO_RXQ_OVFL).
//!
//! FILE is in `BENCH_DIR` (default: the temp directory) and removed after each
//! run. `SOCKLAB_BIN` names the binary (default: beside this example's
//! directory, i.e. `target/release/socklab`).

use std::io::{BufRead, BufReader, Read};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

#[path = "support/mod.rs"]
mod support;

use support::machine::Machine;
use support::{Config, human_bytes, write_pattern};

const SINK_BYTES: u64 = 2 << 30;
const ROUNDS: usize = 3;
const DEADLINE: Duration = Duration::from_secs(120);
const UDP_COUNT: usize = 50_000;
const UDP_SIZE: usize = 100;

fn main() {
    let cfg = Config::from_args().unwrap_or_else(|msg| {
        let usage = "usage: bench_cli [--quick] [--bytes N[K|M|G]]   (or env BENCH_BYTES, BENCH_DIR, SOCKLAB_BIN)";
        if msg == "help" {
            println!("{usage}");
            std::process::exit(0);
        }
        eprintln!("bench_cli: {msg}\n{usage}");
        std::process::exit(2);
    });
    let bytes = if cfg.label == "default" { SINK_BYTES } else { cfg.bytes };
    let bin = socklab_bin();
    let dir = std::env::var_os("BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let machine = Machine::read();
    println!("# socklab command-line benchmark");
    println!("{}", machine.line());
    println!("binary: {}", bin.display());
    if machine.busy() {
        println!("note: the machine is busy: figures swing from run to run; compare within a round");
    }
    println!();
    let sink = bench_sink(&bin, &dir, bytes);
    println!();
    let udp = bench_udp(&bin, &dir);
    println!();
    print_summary(&cfg, bytes, &sink, &udp);
}

fn socklab_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("SOCKLAB_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().unwrap_or_default();
    let bin = exe.parent().and_then(Path::parent).map(|d| d.join("socklab")).unwrap_or_default();
    if !bin.exists() {
        eprintln!("bench_cli: {} not found: run `cargo build --release --bin socklab` first", bin.display());
        std::process::exit(2);
    }
    bin
}

/// Reads a child's stderr until a line contains `marker`; returns the port after it.
fn port_after(stderr: &mut BufReader<ChildStderr>, marker: &str) -> u16 {
    let mut line = String::new();
    loop {
        line.clear();
        if stderr.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("the server ended before saying {marker:?}");
        }
        if let Some(i) = line.find(marker) {
            let digits: String = line[i + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
            return digits.parse().unwrap_or_else(|_| panic!("no port in {line:?}"));
        }
    }
}

fn interrupt(child: &mut Child) {
    // SAFETY: kill() with the pid of a child not yet reaped.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let _ = child.wait();
}

// ---------------------------------------------------------------- TCP sink

#[derive(Clone, Copy, PartialEq)]
enum Sink {
    Socklab,
    Socat,
    Ncat,
}

impl Sink {
    const ALL: [Sink; 3] = [Sink::Socklab, Sink::Socat, Sink::Ncat];

    fn name(self) -> &'static str {
        match self {
            Sink::Socklab => "socklab serve tcp",
            Sink::Socat => "socat -u TCP-LISTEN STDOUT",
            Sink::Ncat => "ncat -l --recv-only",
        }
    }

    /// Starts the server writing to `file`; returns it and its port once it listens.
    fn start(self, bin: &Path, file: &Path) -> (Child, u16) {
        let free_port = || std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port());
        let ncat_port = if self == Sink::Ncat { free_port().unwrap_or(0) } else { 0 };
        let mut cmd = match self {
            Sink::Socklab => Command::new(bin),
            Sink::Socat => Command::new("socat"),
            Sink::Ncat => Command::new("ncat"),
        };
        match self {
            Sink::Socklab => cmd.args(["serve", "tcp", "127.0.0.1:0"]),
            Sink::Socat => cmd.args(["-d", "-d", "-u", "TCP-LISTEN:0,bind=127.0.0.1", "STDOUT"]),
            Sink::Ncat => cmd.args(["-v", "-l", "--recv-only", "127.0.0.1", &ncat_port.to_string()]),
        };
        let out = std::fs::File::create(file).expect("create the output file");
        cmd.stdin(Stdio::null()).stdout(out).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("could not start {}: {e}", self.name()));
        let mut stderr = BufReader::new(child.stderr.take().expect("piped stderr"));
        let port = match self {
            Sink::Socklab => port_after(&mut stderr, "listen(127.0.0.1:"),
            Sink::Socat => port_after(&mut stderr, "listening on AF=2 127.0.0.1:"),
            Sink::Ncat => {
                port_after(&mut stderr, "Listening on 127.0.0.1:");
                ncat_port
            }
        };
        // Keep draining stderr so the server never blocks on it.
        thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
        (child, port)
    }
}

struct SinkRun {
    /// From connect() to the sender seeing the server's close.
    closed_after: Option<Duration>,
    /// From connect() until both the close and every byte in the file.
    done_after: Option<Duration>,
}

/// Writes `total` bytes, shuts down writing, waits for EOF: the time that took.
fn send_and_wait_for_close(addr: SocketAddr, total: u64) -> std::io::Result<Duration> {
    let start = Instant::now();
    let mut s = TcpStream::connect(addr)?;
    write_pattern(&mut s, total)?;
    s.shutdown(Shutdown::Write)?;
    s.set_read_timeout(Some(DEADLINE))?;
    let mut rest = [0u8; 64];
    while s.read(&mut rest)? > 0 {}
    Ok(start.elapsed())
}

fn sink_run(sink: Sink, bin: &Path, dir: &Path, total: u64) -> SinkRun {
    let file = dir.join(format!("socklab-bench-{}.out", std::process::id()));
    let (mut child, port) = sink.start(bin, &file);
    let start = Instant::now();
    let closed_after = match send_and_wait_for_close(SocketAddr::from(([127, 0, 0, 1], port)), total) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("warning: {}: the sender failed: {e}", sink.name());
            None
        }
    };
    let size = || std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    while size() < total && start.elapsed() < DEADLINE {
        thread::sleep(Duration::from_millis(2));
    }
    let complete = size() == total;
    if !complete {
        eprintln!("warning: {}: the file has {} of {total} bytes", sink.name(), size());
    }
    let done_after = closed_after.filter(|_| complete).map(|c| c.max(start.elapsed()));
    interrupt(&mut child);
    let _ = std::fs::remove_file(&file);
    SinkRun { closed_after, done_after }
}

fn mbps(total: u64, t: Option<Duration>) -> f64 {
    t.map_or(0.0, |t| total as f64 / t.as_secs_f64() / 1e6)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Median MB/s of each sink, in `Sink::ALL` order.
fn bench_sink(bin: &Path, dir: &Path, total: u64) -> Vec<f64> {
    println!("## TCP sink to a file, the close included: {} over 127.0.0.1, {ROUNDS} rounds", human_bytes(total));
    let mut runs: Vec<Vec<f64>> = vec![Vec::new(); Sink::ALL.len()];
    for round in 1..=ROUNDS {
        for (i, sink) in Sink::ALL.into_iter().enumerate() {
            let r = sink_run(sink, bin, dir, total);
            let secs = |t: Option<Duration>| t.map_or("failed".into(), |t| format!("{:.3} s", t.as_secs_f64()));
            println!(
                "  round {round} {:<28} {:>8.1} MB/s  close seen after {:>9}, file complete after {:>9}",
                sink.name(),
                mbps(total, r.done_after),
                secs(r.closed_after),
                secs(r.done_after)
            );
            runs[i].push(mbps(total, r.done_after));
        }
    }
    let medians: Vec<f64> = runs.into_iter().map(median).collect();
    for (sink, m) in Sink::ALL.iter().zip(&medians) {
        println!("  median {:<28} {m:>8.1} MB/s  ({:.2}× socat)", sink.name(), m / medians[1]);
    }
    let verdict = if medians[0] >= 1.5 * medians[1] { "meets" } else { "BELOW" };
    println!("  socklab / socat: {:.2}× ({verdict} the 1.5× target)", medians[0] / medians[1]);
    medians
}

// ---------------------------------------------------------------- UDP burst

const PY_SENDER: &str = r#"
import socket, sys, time
port, count, size = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
to = ("127.0.0.1", port)
burst = [(b"SLBD%06d" % i).ljust(size, b".") for i in range(count)]
sent = 0
t = time.perf_counter()
for d in burst:
    try:
        s.sendto(d, to)
        sent += 1
    except OSError:
        pass
print(sent, time.perf_counter() - t, flush=True)
time.sleep(0.05)
marker = b"SLBE".ljust(size, b".")
for _ in range(200):
    s.sendto(marker, to)
    time.sleep(0.05)
"#;

const PY_RECEIVER: &str = r#"
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
n = 0
while True:
    d = s.recv(2048)
    if d.startswith(b"SLBE"):
        break
    if d.startswith(b"SLBD"):
        n += 1
print(n, flush=True)
"#;

#[derive(Default)]
struct UdpRun {
    sent: u64,
    rate: f64,
    delivered: u64,
    /// socklab only: what its last `loss` line said.
    engine_dropped: Option<u64>,
    kernel_dropped: Option<u64>,
    /// socklab only: CPU time of its main thread (which prints) and of its
    /// endpoint thread (which receives), in ms: what the burst cost it,
    /// whatever else the machine was doing.
    cpu_ms: Option<(f64, f64)>,
}

fn python(script: &str, args: &[String]) -> Child {
    Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be installed")
}

/// Starts the Python sender; returns it and (sent, datagrams/s) once the burst is out.
fn burst_to(port: u16) -> (Child, u64, f64) {
    let args = [port.to_string(), UDP_COUNT.to_string(), UDP_SIZE.to_string()];
    let mut sender = python(PY_SENDER, &args);
    let mut line = String::new();
    let _ = BufReader::new(sender.stdout.take().expect("stdout")).read_line(&mut line);
    let mut it = line.split_whitespace();
    let sent: u64 = it.next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let secs: f64 = it.next().and_then(|v| v.parse().ok()).unwrap_or(f64::INFINITY);
    (sender, sent, sent as f64 / secs)
}

fn udp_python() -> UdpRun {
    let mut rx = python(PY_RECEIVER, &[]);
    let mut out = BufReader::new(rx.stdout.take().expect("stdout"));
    let mut line = String::new();
    let _ = out.read_line(&mut line);
    let port: u16 = line.trim().parse().expect("the receiver's port");
    let (mut sender, sent, rate) = burst_to(port);
    line.clear();
    let _ = out.read_line(&mut line);
    let _ = sender.kill();
    let _ = sender.wait();
    let _ = rx.wait();
    UdpRun { sent, rate, delivered: line.trim().parse().unwrap_or(0), ..UdpRun::default() }
}

fn udp_socklab(bin: &Path, dir: &Path) -> UdpRun {
    let file = dir.join(format!("socklab-bench-{}.json", std::process::id()));
    let out = std::fs::File::create(&file).expect("create the output file");
    let mut child = Command::new(bin)
        .args(["serve", "udp", "127.0.0.1:0", "--json"])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .expect("start socklab");
    let json = |v: &str| serde_json::from_str::<serde_json::Value>(v).unwrap_or_default();
    let port = wait_in_file(&file, "\"event\":\"bind\"")
        .and_then(|l| json(&l)["local"].as_str().and_then(|a| a.rsplit(':').next()).and_then(|p| p.parse().ok()))
        .expect("socklab's bind line");
    let (mut sender, sent, rate) = burst_to(port);
    // The marker ("SLBE…") is the last datagram: everything before it has been printed.
    let _ = wait_in_file(&file, "SLBE");
    let _ = sender.kill();
    let _ = sender.wait();
    let cpu_ms = thread_cpu_ms(child.id());
    interrupt(&mut child);
    let mut run = UdpRun { sent, rate, cpu_ms, ..UdpRun::default() };
    for line in std::fs::read_to_string(&file).unwrap_or_default().lines() {
        let v = json(line);
        match v["event"].as_str() {
            Some("recv") if v["text"].as_str().is_some_and(|t| t.starts_with("SLBD")) => run.delivered += 1,
            Some("loss") => {
                run.engine_dropped = v["engine_dropped"].as_u64();
                run.kernel_dropped = v["kernel_dropped"].as_u64();
            }
            _ => {}
        }
    }
    let _ = std::fs::remove_file(&file);
    run
}

/// (main thread, endpoint threads) CPU time so far in ms, from the
/// scheduler's own count (/proc/PID/task/TID/schedstat, in ns).
fn thread_cpu_ms(pid: u32) -> Option<(f64, f64)> {
    let (mut main, mut endpoints) = (0.0, 0.0);
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()?.flatten() {
        let read = |f: &str| std::fs::read_to_string(task.path().join(f)).unwrap_or_default();
        let ns: f64 = read("schedstat").split_whitespace().next().and_then(|v| v.parse().ok())?;
        if task.file_name().to_str() == Some(&pid.to_string()) {
            main += ns / 1e6;
        } else if read("comm").starts_with("socklab-endpoin") {
            endpoints += ns / 1e6;
        }
    }
    Some((main, endpoints))
}

/// Polls a growing file (reading only what is new) for a line containing `needle`.
fn wait_in_file(file: &Path, needle: &str) -> Option<String> {
    let start = Instant::now();
    let (mut seen, mut tail) = (0u64, String::new());
    while start.elapsed() < DEADLINE {
        let mut f = std::fs::File::open(file).ok()?;
        let mut new = String::new();
        if std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(seen)).is_ok() && f.read_to_string(&mut new).is_ok() {
            seen += new.len() as u64;
            tail.push_str(&new);
            if let Some(line) = tail.lines().find(|l| l.contains(needle)) {
                return Some(line.to_string());
            }
            // Keep only the last (maybe partial) line.
            tail = tail.rsplit_once('\n').map(|(_, rest)| rest.to_string()).unwrap_or(tail);
        }
        thread::sleep(Duration::from_millis(20));
    }
    None
}

/// (Python's, socklab's) runs.
fn bench_udp(bin: &Path, dir: &Path) -> (Vec<UdpRun>, Vec<UdpRun>) {
    println!("## UDP burst: {UDP_COUNT} × {UDP_SIZE} B from a Python loop, default SO_RCVBUF, {ROUNDS} rounds");
    let (mut py, mut sl) = (Vec::new(), Vec::new());
    for round in 1..=ROUNDS {
        for socklab in [false, true] {
            let r = if socklab { udp_socklab(bin, dir) } else { udp_python() };
            let who = if socklab { "socklab serve udp --json" } else { "python recv loop" };
            let dropped = match (r.engine_dropped, r.kernel_dropped) {
                (None, None) if !socklab => "(not reported)".to_string(),
                (e, k) => format!("dropped by socklab {}, by the kernel {}", e.unwrap_or(0), k.unwrap_or(0)),
            };
            let cpu =
                r.cpu_ms.map(|(m, e)| format!("; CPU: printing {m:.0} ms, receiving {e:.0} ms")).unwrap_or_default();
            println!(
                "  round {round} {who:<26} sent {:>6} at {:>7.0}/s  delivered {:>6}  {dropped}{cpu}",
                r.sent, r.rate, r.delivered
            );
            if socklab { sl.push(r) } else { py.push(r) }
        }
    }
    (py, sl)
}

fn median_run(runs: &[UdpRun]) -> Option<&UdpRun> {
    let mut v: Vec<&UdpRun> = runs.iter().collect();
    v.sort_by_key(|r| r.delivered);
    v.get(v.len() / 2).copied()
}

// ---------------------------------------------------------------- summary

fn print_summary(cfg: &Config, bytes: u64, sink: &[f64], udp: &(Vec<UdpRun>, Vec<UdpRun>)) {
    println!("## Summary (Markdown)");
    println!();
    println!(
        "`cargo run --release --example bench_cli{}`, median of {ROUNDS}:",
        if cfg.label == "--quick" { " -- --quick" } else { "" }
    );
    println!();
    println!("| TCP sink, {}, to a file, close included | MB/s | vs socat |", human_bytes(bytes));
    println!("| --- | ---: | ---: |");
    for (s, m) in Sink::ALL.iter().zip(sink) {
        println!("| `{}` | {m:.0} | {:.2}× |", s.name(), m / sink[1]);
    }
    println!();
    println!(
        "| UDP burst, {UDP_COUNT} × {UDP_SIZE} B, default SO_RCVBUF | delivered | dropped by socklab | dropped by the kernel | CPU: printing / receiving |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    if let Some(r) = median_run(&udp.0) {
        println!(
            "| bare Python recv loop | {} / {} | — | ({} missing) | — |",
            r.delivered,
            r.sent,
            r.sent - r.delivered.min(r.sent)
        );
    }
    if let Some(r) = median_run(&udp.1) {
        let (e, k) = (r.engine_dropped.unwrap_or(0), r.kernel_dropped.unwrap_or(0));
        let accounted = if r.delivered + e + k == r.sent { "every one accounted for" } else { "NOT accounted for" };
        let cpu = r.cpu_ms.map(|(m, e)| format!("{m:.0} ms / {e:.0} ms")).unwrap_or_else(|| "—".into());
        println!("| `socklab serve udp --json` | {} / {} | {e} | {k} ({accounted}) | {cpu} |", r.delivered, r.sent);
    }
}
