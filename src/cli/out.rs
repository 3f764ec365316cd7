//! What reaches the terminal. Received bytes go to stdout unchanged (that is
//! the point of a netcat); everything else is a line of text, and text can
//! carry names, paths and messages from a file or a peer, so every stderr
//! line has its control characters escaped and every JSON line its C1
//! controls, which serde_json leaves raw (see json_write.rs).

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::{LazyLock, Mutex, MutexGuard};

use serde_json::Value;

use crate::net::{ConnId, EndpointId, Event, EventKind};
use crate::workspace::escape_controls;

use super::encoding_io::Decoding;
use super::json::event_json;
use super::json_write::{write_line, write_received};

/// stdout, buffered: the loops flush it whenever no event is waiting (and
/// before any stderr line), so a burst costs one write() per 64 KiB instead
/// of one per event, and nothing waits in the buffer once the burst is over.
static STDOUT: LazyLock<Mutex<BufWriter<Stdout>>> =
    LazyLock::new(|| Mutex::new(BufWriter::with_capacity(64 << 10, io::stdout())));

fn stdout() -> MutexGuard<'static, BufWriter<Stdout>> {
    STDOUT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Hands what stdout holds to the terminal or pipe.
pub fn flush_stdout() {
    let _ = stdout().flush();
}

/// Flushes stdout once the caller has printed every event waiting.
pub fn flush_if_idle(events: &crate::net::Events) {
    if events.is_empty() {
        flush_stdout();
    }
}

/// One line on stderr: "socklab: " and the message, escaped; after what
/// stdout has so far, so the two stay in order on a terminal.
pub fn say(msg: &str) {
    flush_stdout();
    eprintln!("socklab: {}", escape_controls(msg));
}

/// One JSON value on its own stdout line (flushed when the loop is idle).
pub fn print_json(v: &Value) {
    let _ = write_line(&mut *stdout(), v);
}

/// Received bytes on stdout: as they came, or decoded to UTF-8 text with `--encoding`.
pub fn print_received(decoding: Option<&Decoding>, endpoint: EndpointId, conn: ConnId, datagram: bool, data: &[u8]) {
    let _ = match decoding {
        Some(d) => stdout().write_all(d.text(endpoint, conn, datagram, data).as_bytes()),
        None => stdout().write_all(data),
    };
}

/// A connection ended: with `--encoding`, the character it cut off, as bytes.
pub fn print_cut_off(decoding: Option<&Decoding>, endpoint: EndpointId, conn: ConnId) {
    if let Some(d) = decoding {
        let _ = stdout().write_all(d.finish(endpoint, conn).as_bytes());
    }
}

/// Prints `serve`'s and `connect`'s events: JSON lines, or received bytes raw
/// with the main steps (and, with -v, every step) on stderr. A framing does
/// not change stdout: the bytes still go out as each recv() returned them, as
/// a netcat's would, so a pipe gets the stream unchanged; each framed message,
/// and each rule that fired, is a line on stderr with -v (and a JSON object
/// with --json). Frame errors are always said.
/// The kernel's reports are JSON lines only with `--tcp-info`; on stderr,
/// state changes show with -v too.
pub struct Printer {
    pub json: bool,
    pub verbose: bool,
    pub tcp_info: bool,
    /// `--encoding`: received bytes are decoded instead of written raw.
    decoding: Option<Decoding>,
    datagram: bool,
}

impl Printer {
    pub fn new(common: &super::args::Common, datagram: bool) -> Printer {
        Printer {
            json: common.json,
            verbose: common.verbose,
            tcp_info: common.tcp_info.is_some(),
            decoding: common.encoding.map(Decoding::new),
            datagram,
        }
    }

    pub fn show(&self, ev: &Event) {
        let kernel =
            matches!(ev.kind, EventKind::TcpState { .. } | EventKind::TcpInfo { .. } | EventKind::PeerSeen { .. });
        if self.json {
            // Received bytes, the bulk of a burst, skip the `Value` tree.
            if self.decoding.is_none() && !matches!(write_received(&mut *stdout(), ev), Ok(false)) {
                return;
            }
            if !kernel || self.tcp_info {
                let mut v = event_json(ev);
                if let Some(d) = &self.decoding {
                    d.json(&mut v, &ev.kind);
                }
                print_json(&v);
            }
            return;
        }
        match &ev.kind {
            _ if kernel && self.tcp_info => say(&ev.kind.summary()),
            EventKind::Received { conn, data, .. } => {
                print_received(self.decoding.as_ref(), ev.endpoint, *conn, self.datagram, data);
                if self.verbose {
                    say(&ev.kind.summary());
                }
            }
            EventKind::PeerClosed { conn } | EventKind::Closed { conn: Some(conn), .. } => {
                print_cut_off(self.decoding.as_ref(), ev.endpoint, *conn);
                if self.verbose {
                    say(&ev.kind.summary());
                }
            }
            EventKind::Error { .. }
            | EventKind::Listening { .. }
            | EventKind::Bound { .. }
            | EventKind::Loss { .. }
            | EventKind::FrameError { .. }
            | EventKind::AcceptResumed { .. } => say(&ev.kind.summary()),
            _ if self.verbose => say(&ev.kind.summary()),
            _ => {}
        }
    }
}
