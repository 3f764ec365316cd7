//! Recording an endpoint's traffic to a file, exactly, as it passes through the
//! worker's outbox (so nothing depends on what a view chooses to keep).
//!
//! Format (UTF-8 text, one record per line, fields separated by a tab, shown as <TAB>):
//!
//! ```text
//! # socklab capture 1
//! # endpoint 3, started 2025-01-01T12:00:00.000000Z
//! # time<TAB>dir<TAB>conn<TAB>peer<TAB>len<TAB>hex
//! 2025-01-01T12:00:01.250000Z<TAB>in<TAB>1<TAB>127.0.0.1:53012<TAB>6<TAB>68656c6c6f0a
//! ```
//!
//! - Lines starting with `#` are comments.
//! - `time`: when send()/recv() returned, RFC 3339 UTC with microseconds.
//! - `dir`: `in` (received) or `out` (sent); each line is one send()/recv() call
//!   (for datagram sockets, one datagram).
//! - `conn`: the connection number (a client's is 0, a server's from 1).
//! - `peer`: the other end's address, `-` if unknown; control characters and `\`
//!   in Unix paths are escaped (`\t`, `\n`, `\\`, `\u{..}`) so a line stays a line.
//! - `len`: the byte count; `hex`: the bytes as lower-case hex, two digits per
//!   byte, nothing between them (`xxd -r -p` turns it back into bytes).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::SystemTime;

use super::addr::Addr;
use super::errors::NetError;
use super::event::{ConnId, EndpointId, Event, EventKind};
use crate::util::clock::rfc3339;

/// The first line of every capture file; bump the number if the format changes.
pub const CAPTURE_HEADER: &str = "# socklab capture 1";

fn escape_peer(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() || c == '\\' { c.escape_default().to_string() } else { c.to_string() })
        .collect()
}

struct CaptureFile {
    path: PathBuf,
    out: BufWriter<File>,
}

/// Remembers each connection's peer (stream events carry it only at accept or
/// connect) and writes the records while a capture is on.
#[derive(Default)]
pub(crate) struct Recorder {
    peers: HashMap<ConnId, Addr>,
    file: Option<CaptureFile>,
    line: String,
}

impl Recorder {
    pub fn active(&self) -> bool {
        self.file.is_some()
    }

    /// Opens (truncating) the capture file and writes its header.
    pub fn start(&mut self, path: PathBuf, endpoint: EndpointId) -> Result<(), NetError> {
        let fail = |e: &io::Error| NetError::from_io(format!("open({})", path.display()), e);
        let file = File::create(&path).map_err(|e| fail(&e))?;
        let mut out = BufWriter::new(file);
        let header = format!(
            "{CAPTURE_HEADER}\n# endpoint {endpoint}, started {}\n# time\tdir\tconn\tpeer\tlen\thex\n",
            rfc3339(SystemTime::now())
        );
        out.write_all(header.as_bytes()).map_err(|e| fail(&e))?;
        self.file = Some(CaptureFile { path, out });
        Ok(())
    }

    /// Flushes and closes the file; returns its path if a capture was on.
    pub fn stop(&mut self) -> Result<Option<PathBuf>, NetError> {
        let Some(mut f) = self.file.take() else { return Ok(None) };
        f.out.flush().map_err(|e| NetError::from_io(format!("write({})", f.path.display()), &e))?;
        Ok(Some(f.path))
    }

    /// Pushes buffered records to the file (once per worker turn, so a reader
    /// of the file sees them soon without a write per event). On an error the
    /// capture is over.
    pub fn flush(&mut self) -> Result<(), NetError> {
        let Some(f) = self.file.as_mut() else { return Ok(()) };
        if let Err(e) = f.out.flush() {
            let error = NetError::from_io(format!("write({})", f.path.display()), &e);
            self.file = None;
            return Err(error);
        }
        Ok(())
    }

    /// Sees every event; records sends and receives while capturing. On a
    /// write error the capture is over (the file is dropped) and the error returned.
    pub fn observe(&mut self, ev: &Event) -> Result<(), NetError> {
        let (dir, conn, addr, data) = match &ev.kind {
            EventKind::Accepted { conn, peer, .. } | EventKind::Connected { conn, peer, .. } => {
                self.peers.insert(*conn, peer.clone());
                return Ok(());
            }
            EventKind::Closed { conn: Some(conn), .. } => {
                self.peers.remove(conn);
                return Ok(());
            }
            EventKind::Sent { conn, to, data } => ("out", *conn, to.as_ref(), data.as_slice()),
            EventKind::Received { conn, from, data } => ("in", *conn, from.as_ref(), &data[..]),
            _ => return Ok(()),
        };
        let Some(f) = self.file.as_mut() else { return Ok(()) };
        let peer = addr.or_else(|| self.peers.get(&conn)).map(|a| escape_peer(&a.to_string()));
        let line = &mut self.line;
        line.clear();
        let _ =
            write!(line, "{}\t{dir}\t{conn}\t{}\t{}\t", rfc3339(ev.time), peer.as_deref().unwrap_or("-"), data.len());
        line.reserve(data.len() * 2 + 1);
        for b in data.iter() {
            let _ = write!(line, "{b:02x}");
        }
        line.push('\n');
        if let Err(e) = f.out.write_all(line.as_bytes()) {
            let error = NetError::from_io(format!("write({})", f.path.display()), &e);
            self.file = None;
            return Err(error);
        }
        Ok(())
    }
}
