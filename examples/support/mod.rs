//! What both benchmarks share: the byte-count arguments and the TCP sender.
//! Included with `#[path]`, so it is not an example of its own (and not
//! every example uses every item).

#![allow(dead_code)]

pub mod machine;

use std::io::{self, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread::{self, JoinHandle};

pub const DEFAULT_BYTES: u64 = 1 << 30;
pub const QUICK_BYTES: u64 = 128 << 20;
/// Size of each write() of the TCP sender.
pub const TCP_WRITE_BUF: usize = 256 * 1024;

pub struct Config {
    pub bytes: u64,
    pub label: &'static str,
}

impl Config {
    pub fn from_args() -> Result<Config, String> {
        let mut quick = false;
        let mut bytes = None;
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            match a.as_str() {
                "--quick" => quick = true,
                "--bytes" => {
                    let v = args.next().ok_or("--bytes needs a value")?;
                    bytes = Some(parse_bytes(&v)?);
                }
                s if s.starts_with("--bytes=") => bytes = Some(parse_bytes(&s["--bytes=".len()..])?),
                "-h" | "--help" => return Err("help".into()),
                s => return Err(format!("unknown argument {s:?}")),
            }
        }
        if bytes.is_none()
            && let Ok(v) = std::env::var("BENCH_BYTES")
        {
            bytes = Some(parse_bytes(&v).map_err(|e| format!("BENCH_BYTES: {e}"))?);
        }
        let (bytes, label) = match (bytes, quick) {
            (Some(b), _) => (b, "custom"),
            (None, true) => (QUICK_BYTES, "--quick"),
            (None, false) => (DEFAULT_BYTES, "default"),
        };
        if bytes == 0 {
            return Err("the byte count must be above 0".into());
        }
        Ok(Config { bytes, label })
    }
}

/// "1073741824", "512M", "1G", "128MiB", "64k": binary multiples.
pub fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let mult = match &lower[digits.len()..] {
        "" | "b" => 1u64,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown unit {other:?} in {s:?}")),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("not a byte count: {s:?}"))?;
    n.checked_mul(mult).ok_or_else(|| format!("too large: {s:?}"))
}

pub fn human_bytes(n: u64) -> String {
    if n >= 1 << 30 && n.is_multiple_of(1 << 30) {
        format!("{} GiB", n >> 30)
    } else if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} B")
    }
}

/// Connects and writes `total` bytes as fast as the socket takes them, then closes.
pub fn spawn_tcp_sender(addr: SocketAddr, total: u64) -> JoinHandle<io::Result<()>> {
    thread::spawn(move || write_pattern(&mut TcpStream::connect(addr)?, total))
}

/// Writes `total` bytes of a repeating pattern in `TCP_WRITE_BUF` pieces.
pub fn write_pattern(s: &mut TcpStream, total: u64) -> io::Result<()> {
    let buf: Vec<u8> = (0..TCP_WRITE_BUF).map(|i| (i % 251) as u8).collect();
    let mut left = total;
    while left > 0 {
        let n = left.min(buf.len() as u64) as usize;
        s.write_all(&buf[..n])?;
        left -= n as u64;
    }
    Ok(())
}
