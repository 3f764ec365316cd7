//! The GUI under load: how long a frame takes while a peer floods an endpoint,
//! against the idle frame time, and what the process's memory does.
//!
//! ```text
//! cargo run --release --example bench_gui              # 1 GiB of TCP
//! cargo run --release --example bench_gui -- --quick   # 128 MiB of TCP
//! cargo run --release --example bench_gui -- --bytes 512M   (or BENCH_BYTES=512M)
//! ```
//!
//! The real app (`SocklabApp`) runs in an egui_kittest harness at 1280×800,
//! one `Harness::step()` per frame: `App::logic` (draining engine events under
//! its 8 ms budget) and `App::ui`, plus the harness's AccessKit update. Nothing
//! is painted: tessellation (which eframe does next) is timed on its own, and
//! the GPU's share is not measured. Loopback only.
//!
//! 1. Idle: an endpoint selected, nothing happening.
//! 2. UDP flood: 50,000 datagrams of 64 B sent without pacing to a Udp endpoint
//!    (reply none); frames run until the model has accounted for every one
//!    (received + dropped by the engine + dropped by the kernel = sent).
//! 3. TCP flood: a client writes 1 GiB (128 MiB with --quick) to a TcpServer
//!    endpoint (reply none); frames run until the model has counted every byte.
//! 4. Where the time goes: frames with one new message a frame, with panels
//!    switched off one at a time, and `Model::apply` on its own.
//! 5. A Markdown summary to paste into the README.

use std::net::{SocketAddr, UdpSocket};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime};

use egui_kittest::Harness;
use socklab::app::{AppOptions, SocklabApp};
use socklab::model::{EndpointState, EventLog, Model, Status};
use socklab::net::{Addr, EndpointId, EndpointKind, EndpointSpec, Event, EventKind, ReplyMode};
use socklab::ui::Selection;
use socklab::ui::code::CentreTab;

#[path = "../tests/support/gui.rs"]
mod gui_support;
#[path = "support/mod.rs"]
mod support;

use support::machine::Machine;
use support::{Config, human_bytes, spawn_tcp_sender};

const WINDOW: [f32; 2] = [1280.0, 800.0];

const IDLE_FRAMES: usize = 300;
const IDLE_AFTER_FRAMES: usize = 120;
const SETUP_TIMEOUT: Duration = Duration::from_secs(5);

const UDP_COUNT: u32 = 50_000;
const UDP_SIZE: usize = 64;
const UDP_DEADLINE: Duration = Duration::from_secs(20);
/// A marker not seen by then (and with the model caught up) is taken as lost: send another.
const MARKER_RETRY: Duration = Duration::from_millis(100);
const DATA_MAGIC: &[u8; 4] = b"SLBD";
const MARKER_MAGIC: &[u8; 4] = b"SLBE";

/// Frames per configuration in the breakdown, unless they take longer than the time.
const BREAKDOWN_FRAMES: usize = 40;
const BREAKDOWN_TIME: Duration = Duration::from_secs(1);
/// A frame at 60 Hz; p99 well above this is a visible stutter.
const FRAME_TARGET_MS: f64 = 20.0;

fn main() {
    let cfg = match Config::from_args() {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("bench_gui: {msg}");
            eprintln!("usage: bench_gui [--quick] [--bytes N[K|M|G]]   (or env BENCH_BYTES)");
            std::process::exit(2);
        }
    };
    if cfg!(debug_assertions) {
        println!("warning: a debug build; run with --release for meaningful figures\n");
    }
    let run_start = Instant::now();
    let machine = Machine::read();
    println!("# socklab GUI benchmark");
    println!("{}", machine.line());
    println!(
        "window {}×{}, one Harness::step() per frame (App::logic + App::ui + AccessKit), drain budget {:?}",
        WINDOW[0],
        WINDOW[1],
        socklab::app::DRAIN_BUDGET
    );
    println!();

    let rss_start = Mem::read();
    let mut harness = gui_support::harness_with(WINDOW, AppOptions::default());

    let udp = bench_udp(&mut harness);
    println!();
    let tcp = bench_tcp(&mut harness, cfg.bytes, cfg.tcp_deadline(), CentreTab::Conversation);
    println!();
    // The same flood with the sequence diagram drawn instead of the conversation.
    let tcp_sequence = bench_tcp(&mut harness, cfg.bytes, cfg.tcp_deadline(), CentreTab::Sequence);
    println!();
    let rss_floods = Mem::read();
    let breakdown = bench_breakdown(&mut harness, &udp, &tcp);
    println!();
    let rss_end = Mem::read();
    println!(
        "process memory: RSS {} at start, {} after both floods (peak so far {}), {} at the end (peak {})",
        mib(rss_start.rss),
        mib(rss_floods.rss),
        mib(rss_floods.hwm),
        mib(rss_end.rss),
        mib(rss_end.hwm)
    );
    println!("whole run: {:.1} s", run_start.elapsed().as_secs_f64());
    println!();
    print_summary(&machine, &cfg, &udp, &tcp, &tcp_sequence, &breakdown);
}

// ---------------------------------------------------------------- arguments

impl Config {
    /// The TCP flood's deadline: generous for the size, so the whole run stays bounded.
    fn tcp_deadline(&self) -> Duration {
        Duration::from_secs(15)
            .max(Duration::from_secs_f64(self.bytes as f64 / (16 << 20) as f64))
            .min(Duration::from_secs(60))
    }
}

// ---------------------------------------------------------------- machine and memory

/// Resident and peak resident memory, in bytes, from /proc/self/status.
#[derive(Clone, Copy, Debug, Default)]
struct Mem {
    rss: u64,
    hwm: u64,
}

impl Mem {
    fn read() -> Mem {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let kb = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .map(|k| k * 1024)
                .unwrap_or(0)
        };
        Mem { rss: kb("VmRSS:"), hwm: kb("VmHWM:") }
    }
}

fn mib(n: u64) -> String {
    format!("{:.1} MiB", n as f64 / (1 << 20) as f64)
}

// ---------------------------------------------------------------- frames

type App<'a> = Harness<'a, SocklabApp>;

/// What a run of frames cost.
#[derive(Default)]
struct Frames {
    /// Each step, in ms.
    step: Vec<f64>,
    /// Tessellating each frame's shapes, in ms (eframe's next step, not in `step`).
    tess: Vec<f64>,
    events: Vec<usize>,
    drain_ms: Vec<f64>,
    backlog_max: usize,
}

impl Frames {
    fn len(&self) -> usize {
        self.step.len()
    }

    fn step_pct(&self, p: f64) -> f64 {
        percentile(&self.step, p)
    }

    fn max(&self) -> f64 {
        self.step.iter().copied().fold(0.0, f64::max)
    }

    fn events_max(&self) -> usize {
        self.events.iter().copied().max().unwrap_or(0)
    }

    fn events_total(&self) -> usize {
        self.events.iter().sum()
    }

    fn line(&self) -> String {
        format!(
            "{:>5} frames  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  | tessellate p50 {:>5.2} ms p99 {:>5.2} ms",
            self.len(),
            self.step_pct(50.0),
            self.step_pct(99.0),
            self.max(),
            percentile(&self.tess, 50.0),
            percentile(&self.tess, 99.0),
        )
    }

    fn events_line(&self) -> String {
        let frames_with = self.events.iter().filter(|&&n| n > 0).count().max(1);
        format!(
            "events applied: {} in all, max {} a frame, mean {:.0} a frame that had any; drain time max {:.2} ms; channel backlog max {}",
            self.events_total(),
            self.events_max(),
            self.events_total() as f64 / frames_with as f64,
            self.drain_ms.iter().copied().fold(0.0, f64::max),
            self.backlog_max
        )
    }
}

/// Nearest-rank percentile.
fn percentile(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

/// One frame, timed, with what the app says it drained.
fn frame(h: &mut App<'_>, f: &mut Frames) {
    let t = Instant::now();
    h.step();
    f.step.push(t.elapsed().as_secs_f64() * 1e3);
    let shapes = h.output().shapes.clone();
    let ppp = h.ctx.pixels_per_point();
    let t = Instant::now();
    let meshes = h.ctx.tessellate(shapes, ppp);
    f.tess.push(t.elapsed().as_secs_f64() * 1e3);
    drop(meshes);
    let s = h.state().stats;
    f.events.push(s.events_last_frame);
    f.drain_ms.push(s.drain_time.as_secs_f64() * 1e3);
    f.backlog_max = f.backlog_max.max(s.backlog);
}

fn frames(h: &mut App<'_>, n: usize) -> Frames {
    let mut f = Frames::default();
    for _ in 0..n {
        frame(h, &mut f);
    }
    f
}

fn endpoint<'h>(h: &'h App<'_>, id: EndpointId) -> &'h EndpointState {
    h.state().model.endpoints.get(&id).expect("the endpoint is in the model")
}

/// Opens an endpoint through the app (as the form does) and runs frames until
/// it is listening or bound; returns its id and local address.
fn open(h: &mut App<'_>, name: &str, spec: EndpointSpec) -> (EndpointId, SocketAddr) {
    let ctx = h.ctx.clone();
    let want = if spec.kind.is_server() { Status::Listening } else { Status::Bound };
    let id = h.state_mut().open_endpoint(&ctx, name, spec);
    let deadline = Instant::now() + SETUP_TIMEOUT;
    loop {
        h.step();
        let ep = endpoint(h, id);
        if let (true, Some(Addr::Inet(a))) = (ep.status == want, &ep.local) {
            return (id, *a);
        }
        if let Some(e) = &ep.last_error {
            panic!("{name} failed to open: {e}");
        }
        assert!(Instant::now() < deadline, "{name} was not {} within {SETUP_TIMEOUT:?}", want.label());
    }
}

fn select(h: &mut App<'_>, id: EndpointId) {
    h.state_mut().selection = Some(Selection { endpoint: id, conn: None });
}

fn print_frames(label: &str, f: &Frames) {
    println!("  {label:<22} {}", f.line());
}

fn ratio_line(flood: &Frames, idle: &Frames) -> String {
    let r = flood.step_pct(99.0) / idle.step_pct(99.0).max(1e-6);
    let verdict = if flood.step_pct(99.0) <= FRAME_TARGET_MS {
        "within".to_string()
    } else {
        format!("ABOVE (by {:.1}×)", flood.step_pct(99.0) / FRAME_TARGET_MS)
    };
    format!(
        "p99 flood / p99 idle = {r:.1}×; p50 {:.1}×; p99 {verdict} the {FRAME_TARGET_MS:.0} ms frame target",
        flood.step_pct(50.0) / idle.step_pct(50.0).max(1e-6)
    )
}

// ---------------------------------------------------------------- UDP

struct UdpResult {
    id: EndpointId,
    idle: Frames,
    flood: Frames,
    idle_after: Frames,
    sent: u32,
    send_errors: u32,
    send_time: Duration,
    markers_sent: u32,
    markers_seen: u32,
    delivered: u64,
    engine_dropped: u64,
    kernel_dropped: u64,
    complete: bool,
    /// From the first datagram sent to the model accounting for all.
    elapsed: Duration,
    rss_before: Mem,
    rss_after: Mem,
}

fn spawn_udp_sender(to: SocketAddr) -> JoinHandle<(u32, u32, Duration)> {
    thread::spawn(move || {
        let sock = UdpSocket::bind("127.0.0.1:0").expect("bind the UDP sender");
        let mut buf = [0x5Au8; UDP_SIZE];
        buf[..4].copy_from_slice(DATA_MAGIC);
        let (mut sent, mut errors) = (0, 0);
        let start = Instant::now();
        for seq in 0..UDP_COUNT {
            buf[4..8].copy_from_slice(&seq.to_be_bytes());
            match sock.send_to(&buf, to) {
                Ok(_) => sent += 1,
                Err(_) => errors += 1,
            }
        }
        (sent, errors, start.elapsed())
    })
}

fn marker(n: u32) -> [u8; UDP_SIZE] {
    let mut m = [0u8; UDP_SIZE];
    m[..4].copy_from_slice(MARKER_MAGIC);
    m[4..8].copy_from_slice(&n.to_be_bytes());
    m
}

/// Markers among the last `within` messages, and whether marker `last` is one of them.
fn markers_in(ep: &EndpointState, within: u32, last: u32) -> (u32, bool) {
    let mut seen = 0;
    let mut found_last = false;
    for m in ep.conversation.iter().rev().take(within as usize) {
        if m.data.starts_with(MARKER_MAGIC) {
            seen += 1;
            found_last |= m.data == marker(last);
        }
    }
    (seen, found_last)
}

fn bench_udp(h: &mut App<'_>) -> UdpResult {
    println!("## UDP flood: {UDP_COUNT} datagrams of {UDP_SIZE} B, no pacing, into a Udp endpoint (reply none)");
    let (id, addr) = open(h, "UDP flood", EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0"));
    select(h, id);
    let idle = frames(h, IDLE_FRAMES);
    print_frames("idle (UDP selected)", &idle);

    let rss_before = Mem::read();
    let marker_sock = UdpSocket::bind("127.0.0.1:0").expect("bind the marker socket");
    let start = Instant::now();
    let mut sender = Some(spawn_udp_sender(addr));
    let mut flood = Frames::default();
    let (mut sent, mut send_errors, mut send_time) = (0, 0, Duration::ZERO);
    let (mut markers_sent, mut last_marker_at, mut last_seen) = (0u32, start, false);
    let mut complete = false;
    while start.elapsed() < UDP_DEADLINE {
        frame(h, &mut flood);
        if sender.as_ref().is_some_and(|s| s.is_finished()) {
            let r = sender.take().map(|s| s.join().expect("the UDP sender panicked"));
            (sent, send_errors, send_time) = r.unwrap_or_default();
        }
        if sender.is_some() {
            continue;
        }
        let ep = endpoint(h, id);
        if markers_sent > 0 {
            last_seen = markers_in(ep, markers_sent, markers_sent - 1).1;
        }
        let (engine, kernel) = (ep.loss.0, ep.loss.1.unwrap_or(0));
        if last_seen && ep.msgs_in + engine + kernel == u64::from(sent + markers_sent) {
            complete = true;
            break;
        }
        // The kernel's drop count comes with the next datagram it delivers: send
        // one marker at a time, another only when the last is lost for sure-ish
        // (not seen though the model has caught up).
        let s = h.state().stats;
        let caught_up = s.backlog == 0 && s.events_last_frame == 0;
        if !last_seen && (markers_sent == 0 || (caught_up && last_marker_at.elapsed() >= MARKER_RETRY)) {
            let _ = marker_sock.send_to(&marker(markers_sent), addr);
            markers_sent += 1;
            last_marker_at = Instant::now();
        }
    }
    let elapsed = start.elapsed();
    if let Some(s) = sender.take() {
        (sent, send_errors, send_time) = s.join().expect("the UDP sender panicked");
    }
    let rss_after = Mem::read();
    let ep = endpoint(h, id);
    let markers_seen = markers_in(ep, markers_sent, markers_sent.saturating_sub(1)).0;
    let res = UdpResult {
        id,
        idle,
        idle_after: Frames::default(),
        sent,
        send_errors,
        send_time,
        markers_sent,
        markers_seen,
        delivered: ep.msgs_in - u64::from(markers_seen),
        engine_dropped: ep.loss.0,
        kernel_dropped: ep.loss.1.unwrap_or(0),
        complete,
        elapsed,
        rss_before,
        rss_after,
        flood,
    };
    print_frames("flood", &res.flood);
    println!("  {}", res.flood.events_line());
    println!(
        "  sent {} datagrams in {:.1} ms{}; then {} marker(s), {} seen",
        res.sent,
        res.send_time.as_secs_f64() * 1e3,
        if res.send_errors > 0 { format!(" ({} send errors)", res.send_errors) } else { String::new() },
        res.markers_sent,
        res.markers_seen
    );
    println!(
        "  model: {} delivered, {} dropped by the engine, {} by the kernel: {} (sent {} + {} markers) after {:.2} s",
        res.delivered,
        res.engine_dropped,
        res.kernel_dropped,
        if res.complete { "ALL ACCOUNTED FOR" } else { "INCOMPLETE at the deadline" },
        res.sent,
        res.markers_sent,
        res.elapsed.as_secs_f64()
    );
    println!("  RSS {} before, {} after", mib(res.rss_before.rss), mib(res.rss_after.rss));
    println!("  {}", ratio_line(&res.flood, &res.idle));
    let mut res = res;
    res.idle_after = frames(h, IDLE_AFTER_FRAMES);
    print_frames("idle after (5,000 kept)", &res.idle_after);
    res
}

// ---------------------------------------------------------------- TCP

struct TcpResult {
    id: EndpointId,
    total: u64,
    idle: Frames,
    flood: Frames,
    idle_after: Frames,
    counted: u64,
    elapsed: Duration,
    complete: bool,
    rss_before: Mem,
    rss_after: Mem,
    /// RSS when the model had counted 25, 50, 75 and 100 % of the bytes.
    rss_quarters: Vec<(u32, u64)>,
    kept_msgs: usize,
    kept_bytes: u64,
}

impl TcpResult {
    fn mbps(&self) -> f64 {
        self.counted as f64 / self.elapsed.as_secs_f64() / 1e6
    }
}

fn bench_tcp(h: &mut App<'_>, total: u64, deadline: Duration, tab: CentreTab) -> TcpResult {
    println!(
        "## TCP flood: a client writes {} to a TcpServer endpoint (reply none), {tab:?} shown, deadline {deadline:?}",
        human_bytes(total)
    );
    let (id, addr) =
        open(h, "TCP flood", EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(ReplyMode::None));
    select(h, id);
    h.state_mut().show_centre_tab(tab);
    let idle = frames(h, IDLE_FRAMES);
    print_frames("idle (TCP selected)", &idle);

    let rss_before = Mem::read();
    let start = Instant::now();
    let sender = spawn_tcp_sender(addr, total);
    let mut flood = Frames::default();
    let mut rss_quarters = Vec::new();
    let mut next_quarter = 1u32;
    let mut complete = false;
    while start.elapsed() < deadline {
        frame(h, &mut flood);
        let counted = endpoint(h, id).bytes_in;
        while next_quarter <= 4 && counted >= total / 4 * u64::from(next_quarter) {
            rss_quarters.push((next_quarter * 25, Mem::read().rss));
            next_quarter += 1;
        }
        if counted >= total {
            complete = counted == total;
            break;
        }
    }
    let elapsed = start.elapsed();
    let rss_after = Mem::read();
    let ep = endpoint(h, id);
    let (counted, kept_msgs) = (ep.bytes_in, ep.conversation.len());
    let kept_bytes: u64 = ep.conversation.iter().map(|m| m.data.len() as u64).sum();
    if complete {
        match sender.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("warning: the TCP sender failed: {e}"),
            Err(_) => eprintln!("warning: the TCP sender panicked"),
        }
    } else {
        // The sender is blocked on a full socket; it ends when the app closes the endpoint.
        eprintln!("warning: the TCP flood did not finish: the sender thread is left behind");
    }
    let res = TcpResult {
        id,
        total,
        idle,
        flood,
        idle_after: Frames::default(),
        counted,
        elapsed,
        complete,
        rss_before,
        rss_after,
        rss_quarters,
        kept_msgs,
        kept_bytes,
    };
    print_frames("flood", &res.flood);
    println!("  {}", res.flood.events_line());
    println!(
        "  model counted {} of {} bytes ({}) in {:.2} s: {:.1} MB/s through the GUI",
        res.counted,
        res.total,
        if res.complete { "EXACT" } else { "INCOMPLETE at the deadline" },
        res.elapsed.as_secs_f64(),
        res.mbps()
    );
    println!(
        "  conversation keeps {} messages, {} of payload (the counters hold the rest)",
        res.kept_msgs,
        mib(res.kept_bytes)
    );
    let quarters: Vec<String> = res.rss_quarters.iter().map(|(p, r)| format!("{p}%: {}", mib(*r))).collect();
    println!(
        "  RSS {} before, {} after; along the way {}",
        mib(res.rss_before.rss),
        mib(res.rss_after.rss),
        quarters.join(", ")
    );
    println!("  {}", ratio_line(&res.flood, &res.idle));
    let mut res = res;
    res.idle_after = frames(h, IDLE_AFTER_FRAMES);
    print_frames("idle after (history full)", &res.idle_after);
    res
}

// ---------------------------------------------------------------- breakdown

struct Breakdown {
    rows: Vec<(String, f64, f64)>,
    apply: Vec<(String, f64, f64)>,
}

fn received(id: EndpointId, conn: u64, from: Option<Addr>, data: Vec<u8>) -> Event {
    Event { time: SystemTime::now(), endpoint: id, kind: EventKind::Received { conn, from, data: data.into() } }
}

/// Frames with `per_frame` new messages put straight into the model before each
/// one: `n` of them, or as many as fit in [`BREAKDOWN_TIME`] (at least 5).
fn frames_with_data(h: &mut App<'_>, n: usize, per_frame: usize, make: &dyn Fn() -> Event) -> Frames {
    let mut f = Frames::default();
    let start = Instant::now();
    while f.len() < n && (f.len() < 5 || start.elapsed() < BREAKDOWN_TIME) {
        for _ in 0..per_frame {
            h.state_mut().model.apply(make());
        }
        frame(h, &mut f);
    }
    f
}

fn bench_breakdown(h: &mut App<'_>, udp: &UdpResult, tcp: &TcpResult) -> Breakdown {
    println!(
        "## Where the time goes: {BREAKDOWN_FRAMES} frames each (or {BREAKDOWN_TIME:?}), the history as the floods left it, no network"
    );
    let chunk: Vec<u8> = (0..64 * 1024).map(|i| (i % 251) as u8).collect();
    let datagram = {
        let mut d = [0x5Au8; UDP_SIZE];
        d[..4].copy_from_slice(DATA_MAGIC);
        d.to_vec()
    };
    let from: Addr = Addr::Inet("127.0.0.1:40000".parse().expect("an address"));
    let tcp_ev = {
        let chunk = chunk.clone();
        let id = tcp.id;
        move || received(id, 1, None, chunk.clone())
    };
    let udp_ev = {
        let (d, from) = (datagram.clone(), from.clone());
        let id = udp.id;
        move || received(id, 0, Some(from.clone()), d.clone())
    };
    let (show_log, show_inspector) = (h.state().settings.show_log, h.state().settings.show_inspector);
    let mut rows = Vec::new();
    let cases: [(&str, EndpointId, &dyn Fn() -> Event); 2] =
        [("TCP, 64 KiB binary chunks", tcp.id, &tcp_ev), ("UDP, 64 B datagrams", udp.id, &udp_ev)];
    for (name, id, make) in cases {
        let configs: [(&str, bool, bool, bool, usize); 6] = [
            ("all panels, no new data", true, true, true, 0),
            ("all panels, 1 new message a frame", true, true, true, 1),
            ("  without the event log", false, true, true, 1),
            ("  without the inspector", true, false, true, 1),
            ("  without the conversation (none selected)", true, true, false, 1),
            ("  without all three", false, false, false, 1),
        ];
        println!("  {name}:");
        for (label, log, insp, selected, per_frame) in configs {
            {
                let app = h.state_mut();
                app.settings.show_log = log;
                app.settings.show_inspector = insp;
                app.selection = selected.then_some(Selection { endpoint: id, conn: None });
            }
            frames(h, 3); // let the layout settle
            let f = frames_with_data(h, BREAKDOWN_FRAMES, per_frame, make);
            println!(
                "    {label:<44} {:>3} frames  p50 {:>7.2} ms  p99 {:>7.2} ms",
                f.len(),
                f.step_pct(50.0),
                f.step_pct(99.0)
            );
            rows.push((format!("{name}: {}", label.trim()), f.step_pct(50.0), f.step_pct(99.0)));
        }
    }
    {
        let app = h.state_mut();
        app.settings.show_log = show_log;
        app.settings.show_inspector = show_inspector;
        app.selection = Some(Selection { endpoint: tcp.id, conn: None });
    }

    // Model::apply on its own, and the event log's share of it.
    println!("  Model::apply alone (default limits), per event:");
    let mut apply = Vec::new();
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0");
    // Enough events to fill the history (and drop from it), few enough to keep memory down.
    for (name, data, n) in [("64 B datagram", datagram, 100_000usize), ("64 KiB binary chunk", chunk, 400)] {
        let mut model = Model::new(Default::default());
        model.add_endpoint(1, "bench".into(), spec.clone());
        let events: Vec<Event> = (0..n).map(|_| received(1, 0, Some(from.clone()), data.clone())).collect();
        let t = Instant::now();
        for ev in events {
            model.apply(ev);
        }
        let per_apply = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        let mut log = EventLog::new(10_000);
        let ev = received(1, 0, Some(from.clone()), data.clone());
        let t = Instant::now();
        for _ in 0..n {
            log.push(&ev, "bench");
        }
        let per_log = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        println!(
            "    {name:<20} {per_apply:>7.2} µs (of which the event log entry {per_log:.2} µs): {:.0} events in the 8 ms budget",
            8000.0 / per_apply
        );
        apply.push((name.to_string(), per_apply, per_log));
    }
    Breakdown { rows, apply }
}

// ---------------------------------------------------------------- summary

fn print_summary(m: &Machine, cfg: &Config, udp: &UdpResult, tcp: &TcpResult, seq: &TcpResult, b: &Breakdown) {
    println!("## Summary (Markdown)");
    println!();
    println!(
        "`cargo run --release --example bench_gui{}` ({}): {} CPUs ({}), Linux {}; the real app in an egui_kittest \
         harness at {}×{}, one `step()` (logic + ui, no painting) per frame, loopback.",
        if cfg.label == "--quick" { " -- --quick" } else { "" },
        cfg.label,
        m.nproc,
        m.cpu,
        m.kernel,
        WINDOW[0],
        WINDOW[1]
    );
    println!();
    println!(
        "| Frame time | frames | p50 ms | p99 ms | max ms | p99 / idle p99 | events a frame, max | RSS before → after |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let row = |name: String, f: &Frames, idle: Option<&Frames>, mem: Option<(Mem, Mem)>| {
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} | {} | {} | {} |",
            f.len(),
            f.step_pct(50.0),
            f.step_pct(99.0),
            f.max(),
            idle.map(|i| format!("{:.1}×", f.step_pct(99.0) / i.step_pct(99.0).max(1e-6))).unwrap_or_default(),
            if f.events_max() > 0 { f.events_max().to_string() } else { String::new() },
            mem.map(|(a, b)| format!("{:.0} → {:.0} MiB", a.rss as f64 / 1048576.0, b.rss as f64 / 1048576.0))
                .unwrap_or_default(),
        )
    };
    row("idle, UDP endpoint selected".into(), &udp.idle, None, None);
    row(
        format!("UDP flood, {UDP_COUNT} × {UDP_SIZE} B"),
        &udp.flood,
        Some(&udp.idle),
        Some((udp.rss_before, udp.rss_after)),
    );
    row("idle after it (history full)".into(), &udp.idle_after, Some(&udp.idle), None);
    row("idle, TCP server selected".into(), &tcp.idle, None, None);
    row(
        format!("TCP flood, {}", human_bytes(tcp.total)),
        &tcp.flood,
        Some(&tcp.idle),
        Some((tcp.rss_before, tcp.rss_after)),
    );
    row("idle after it (history full)".into(), &tcp.idle_after, Some(&tcp.idle), None);
    row(
        format!("TCP flood, {}, Sequence tab shown", human_bytes(seq.total)),
        &seq.flood,
        Some(&seq.idle),
        Some((seq.rss_before, seq.rss_after)),
    );
    println!();
    println!(
        "UDP: {} sent, {} counted by the GUI, {} dropped by the engine, {} by the kernel (+{} markers): {}, in {:.2} s. \
         TCP: {} of {} bytes counted ({}), {:.0} MB/s through the GUI; the conversation keeps {} messages / {:.1} MiB.",
        udp.sent,
        udp.delivered,
        udp.engine_dropped,
        udp.kernel_dropped,
        udp.markers_sent,
        if udp.complete { "all accounted for" } else { "INCOMPLETE" },
        udp.elapsed.as_secs_f64(),
        tcp.counted,
        tcp.total,
        if tcp.complete { "exact" } else { "INCOMPLETE" },
        tcp.mbps(),
        tcp.kept_msgs,
        tcp.kept_bytes as f64 / 1048576.0
    );
    println!();
    println!("| Where a frame goes (one new message a frame) | p50 ms | p99 ms |");
    println!("| --- | ---: | ---: |");
    for (name, p50, p99) in &b.rows {
        println!("| {name} | {p50:.2} | {p99:.2} |");
    }
    println!();
    println!("| `Model::apply` alone, per event | µs | of which the event log entry | events in the 8 ms budget |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, apply, log) in &b.apply {
        println!("| {name} | {apply:.2} | {log:.2} | {:.0} |", 8000.0 / apply);
    }
}
