//! The Rust pieces of a program that runs rules and framing (see `render`
//! for the marks), the same as the Python ones in `python_rules_tpl`.
//! Comments are `@@ note-id` lines: their text is in `text.rs`.

/// What a framer hands on; `{{too_long}}` is empty for fixed frames, which
/// are never too long.
pub(super) const FRAMED: &str = r#"
/// What the framer hands on.
enum Framed {
    /// A whole message, and its body (without the delimiter or the length).
    Message(Vec<u8>, Vec<u8>),
    {{too_long}}
}
"#;

pub(super) const TOO_LONG: &str = r#"
/// A message refused as longer than MAX_FRAME.
TooLong,
"#;

pub(super) const FRAMER_DELIMITED: &str = r#"
@@ code-framer-delimited
struct Framer {
    held: Vec<u8>,
    skipping: bool,
    closed: bool,
}

impl Framer {
    fn new() -> Framer {
        Framer {
            held: Vec::new(),
            skipping: false,
            closed: false,
        }
    }

    /// The whole messages in what has arrived.
    fn push(&mut self, data: &[u8]) -> Vec<Framed> {
        self.held.extend_from_slice(data);
        let mut out = Vec::new();
        while !self.closed {
            if self.skipping {
                match find(&self.held, DELIMITER) {
                    Some(end) => {
                        self.held.drain(..end + DELIMITER.len());
                        self.skipping = false;
                    }
                    None => {
                        let keep = self.held.len().min(DELIMITER.len() - 1);
                        self.held.drain(..self.held.len() - keep);
                        break;
                    }
                }
            }
            let window = &self.held[..self.held.len().min(MAX_FRAME)];
            if let Some(end) = find(window, DELIMITER) {
                let frame: Vec<u8> = self.held.drain(..end + DELIMITER.len()).collect();
                let body = {{body}};
                out.push(Framed::Message(frame, body));
            } else if self.held.len() >= MAX_FRAME {
                out.push(Framed::TooLong);
                {{oversize}}
            } else {
                break;
            }
        }
        out
    }
}
"#;

pub(super) const FIND: &str = r#"
fn find(data: &[u8], what: &[u8]) -> Option<usize> {
    data.windows(what.len()).position(|w| w == what)
}
"#;

pub(super) const OVERSIZE_DELIMITED_RESYNC: &str = r#"
@@ code-oversize-resync
self.skipping = true;
"#;

pub(super) const OVERSIZE_DELIMITED_SPLIT: &str = r#"
@@ code-oversize-split
let cut = self.held.len() - (DELIMITER.len() - 1);
let piece: Vec<u8> = self.held.drain(..cut).collect();
out.push(Framed::Message(piece.clone(), piece));
"#;

pub(super) const OVERSIZE_CLOSE: &str = r#"
@@ code-oversize-close
self.closed = true;
"#;

pub(super) const FRAMER_FIXED: &str = r#"
@@ code-framer-fixed
struct Framer {
    held: Vec<u8>,
}

impl Framer {
    fn new() -> Framer {
        Framer { held: Vec::new() }
    }

    /// The whole messages in what has arrived.
    fn push(&mut self, data: &[u8]) -> Vec<Framed> {
        self.held.extend_from_slice(data);
        let mut out = Vec::new();
        while self.held.len() >= FRAME_SIZE {
            let frame: Vec<u8> = self.held.drain(..FRAME_SIZE).collect();
            out.push(Framed::Message(frame.clone(), frame));
        }
        out
    }
}
"#;

pub(super) const FRAMER_LENGTH: &str = r#"
@@ code-framer-length
struct Framer {
    held: Vec<u8>,
    skip: usize,
    cutting: usize,
    closed: bool,
}

impl Framer {
    fn new() -> Framer {
        Framer {
            held: Vec::new(),
            skip: 0,
            cutting: 0,
            closed: false,
        }
    }

    /// The whole messages in what has arrived.
    fn push(&mut self, data: &[u8]) -> Vec<Framed> {
        self.held.extend_from_slice(data);
        let mut out = Vec::new();
        while !self.closed {
            if self.skip > 0 {
                let n = self.skip.min(self.held.len());
                self.held.drain(..n);
                self.skip -= n;
                if self.skip > 0 {
                    break;
                }
            }
            if self.cutting > 0 {
                let n = self.cutting.min(MAX_FRAME);
                if self.held.len() < n {
                    break;
                }
                let piece: Vec<u8> = self.held.drain(..n).collect();
                self.cutting -= n;
                out.push(Framed::Message(piece.clone(), piece));
                continue;
            }
            if self.held.len() < HEADER {
                break;
            }
            let mut header = [0u8; HEADER];
            header.copy_from_slice(&self.held[..HEADER]);
            let length = {{uint}}::from_{{order}}_bytes(header) as usize;
            {{total}}
            if {{impossible}}total > MAX_FRAME {
                out.push(Framed::TooLong);
                {{oversize}}
                continue;
            }
            if self.held.len() < total {
                break;
            }
            let frame: Vec<u8> = self.held.drain(..total).collect();
            let body = frame[HEADER..].to_vec();
            out.push(Framed::Message(frame, body));
        }
        out
    }
}
"#;

pub(super) const OVERSIZE_LENGTH_RESYNC: &str = r#"
@@ code-oversize-resync
self.held.drain(..HEADER);
self.skip = total.saturating_sub(HEADER);
"#;

pub(super) const OVERSIZE_LENGTH_SPLIT: &str = r#"
@@ code-oversize-split
self.cutting = total;
if total <= HEADER {
    self.held.drain(..HEADER);
    self.cutting = 0;
}
"#;

pub(super) const STRIP_LINE_END: &str = r#"
@@ code-line-end
fn strip_line_end(body: &[u8]) -> &[u8] {
    match body.strip_suffix(b"\n") {
        Some(line) => line.strip_suffix(b"\r").unwrap_or(line),
        None => body,
    }
}
"#;

pub(super) const LINE_END: &str = r#"
fn line_end(frame: &[u8], body: &[u8]) -> &'static [u8] {
    let after = frame.get(body.len()..).unwrap_or_default();
    for part in [body, after] {
        for end in [b"\r\n".as_slice(), b"\n"] {
            if part.ends_with(end) {
                return end;
            }
        }
    }
    b"\n"
}
"#;

pub(super) const HEX_MATCH: &str = r#"
fn hex_match(data: &[u8], pattern: &[(u8, u8)], open_end: bool) -> bool {
    @@ code-hex-match
    if data.len() < pattern.len() || (!open_end && data.len() != pattern.len()) {
        return false;
    }
    let mut pairs = data.iter().zip(pattern);
    pairs.all(|(byte, (value, mask))| byte & mask == value & mask)
}
"#;

pub(super) const GROUP: &str = r#"
@@ code-regex-group
fn group<'a>(m: &Captures<'a>, n: usize) -> &'a [u8] {
    m.get(n).map_or(b"".as_slice(), |g| g.as_bytes())
}
"#;

pub(super) const COMPILE: &str = r#"
@@ code-regex-compile
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("socklab checked this pattern")
}
"#;

pub(super) const FIRED: &str = r#"
@@ code-rules-seq
static FIRED: [AtomicU64; {{count}}] = [const { AtomicU64::new(0) }; {{count}}];

fn fired(rule: usize) -> u64 {
    FIRED[rule].fetch_add(1, Ordering::SeqCst) + 1
}
"#;

pub(super) const SINCE_EPOCH: &str = r#"
fn since_epoch() -> Duration {
    let since = SystemTime::now().duration_since(UNIX_EPOCH);
    since.unwrap_or_default()
}
"#;

pub(super) const TIME_TEXT: &str = r#"
@@ code-time-utc
fn time_text() -> String {
    let now = since_epoch();
    let (year, month, day, secs) = utc_date(now.as_secs());
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let ms = now.subsec_millis();
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{ms:03}+00:00")
}
"#;

pub(super) const RANDOM: &str = r#"
@@ code-random
fn random_bytes(n: usize) -> io::Result<Vec<u8>> {
    let mut bytes = vec![0u8; n];
    File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes)
}
"#;

pub(super) const RANDOM_U32: &str = r#"
fn random_u32() -> io::Result<u32> {
    let mut bytes = [0u8; 4];
    bytes.copy_from_slice(&random_bytes(4)?);
    Ok(u32::from_ne_bytes(bytes))
}
"#;

pub(super) const CRC16_MODBUS: &str = r#"
@@ code-crc16
fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in data {
        crc ^= u16::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
    }
    crc
}
"#;

pub(super) const CRC16_CCITT: &str = r#"
@@ code-crc16-ccitt
fn crc16_ccitt(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}
"#;

pub(super) const CRC32: &str = r#"
@@ code-crc32-rs
fn crc32(data: &[u8]) -> u32 {
    let mut crc: u32 = 0xFFFF_FFFF;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
"#;

pub(super) const SUM8: &str = r#"
fn sum8(data: &[u8]) -> u8 {
    data.iter().fold(0, |sum, &b| sum.wrapping_add(b))
}
"#;

pub(super) const XOR8: &str = r#"
fn xor8(data: &[u8]) -> u8 {
    data.iter().fold(0, |x, &b| x ^ b)
}
"#;

/// A stream server's client thread: messages through the rules.
pub(super) const SERVE_CLIENT: &str = r#"
fn serve_client({{params}}) -> io::Result<()> {
    {{framer_new}}
    {{greet}}
    let mut buf = [0u8; 65536];
    while {{running}} {
        @@ code-recv
        let n = «conn.read(&mut buf)»?;
        if n == 0 {
            @@ code-recv-eof
            break;
        }
        {{dispatch}}
    }
    @@ code-close
    drop(conn);
    Ok(())
}
"#;

/// A stream client: what arrives is printed and goes through the rules;
/// stdin is sent as it is.
pub(super) const STREAM_CLIENT: &str = r#"
fn run() -> io::Result<()> {
    {{open}}
    @@ {{connect_note}}
    {{connect}}
    let mut conn: {{Stream}} = socket.into();
    let peer = {{peer_of}};
    @@ code-status-stderr
    eprintln!("connected to {peer}");
    @@ code-client-threads
    let writer = conn.try_clone()?;
    thread::spawn(move || send_lines(writer));
    {{framer_new}}
    {{greet}}
    let mut buf = [0u8; 65536];
    let mut stdout = io::stdout();
    while {{running}} {
        @@ code-recv
        let n = «conn.read(&mut buf)»?;
        if n == 0 {
            @@ code-client-eof
            break;
        }
        stdout.write_all(&buf[..n])?;
        stdout.flush()?;
        {{dispatch}}
    }
    Ok(())
}
"#;

/// What a datagram socket's loop (`rust_dgram_tpl::DGRAM_LOOP`) does with
/// each datagram: it is one message; answers go to its sender.
pub(super) const DGRAM_RULES: &str = r#"
let peer = {{from_text}};
@@ code-print-datagram
println!("{peer}: b\"{}\"", buf[..n].escape_ascii());
{{answer}}
"#;

pub(super) const DGRAM_UNNAMED: &str = r#"
let Some(path) = from.as_pathname() else {
    @@ code-unix-unnamed
    continue;
};
"#;
