//! The Rust datagram programs' pieces (UDP and Unix datagram sockets), as
//! templates (see `render` for the marks). Comments are `@@ note-id` lines.

pub(super) const DGRAM_RUN: &str = r#"
fn run() -> io::Result<()> {
    {{open}}
    {{bind}}
    let sock: {{Dgram}} = socket.into();
    {{print_bound}}
    {{connect}}
    {{loop}}
}
"#;

pub(super) const DGRAM_CONNECT: &str = r#"
@@ code-dgram-connect
sock.connect(PEER)?;
"#;

pub(super) const DGRAM_LOOP: &str = r#"
let mut buf = [0u8; 65535];
loop {
    @@ code-recvfrom
    let (n, from) = «sock.recv_from(&mut buf)»?;
    {{reply}}
}
"#;

/// The same loop on a connected UDP socket, which may hear ECONNREFUSED.
pub(super) const DGRAM_LOOP_REFUSED: &str = r#"
let mut buf = [0u8; 65535];
loop {
    @@ code-recvfrom
    let (n, from) = match «sock.recv_from(&mut buf)» {
        Ok(got) => got,
        Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
            @@ code-udp-refused
            eprintln!("{e}");
            continue;
        }
        Err(e) => return Err(e),
    };
    {{reply}}
}
"#;

pub(super) const UDP_ECHO: &str = r#"
@@ code-echo-datagram
if let Err(e) = sock.send_to(&buf[..n], from) {
    eprintln!("{from}: {e}");
}
"#;

pub(super) const UNIX_ECHO: &str = r#"
let Some(path) = from.as_pathname() else {
    @@ code-unix-unnamed
    continue;
};
@@ code-echo-datagram
if let Err(e) = sock.send_to(&buf[..n], path) {
    eprintln!("{}: {e}", path.display());
}
"#;

pub(super) const DGRAM_PRINT: &str = r#"
@@ code-print-datagram
println!("{}: b\"{}\"", {{from_text}}, buf[..n].escape_ascii());
"#;

pub(super) const DGRAM_SEND_LINES: &str = r#"
fn send_lines(sock: &{{Dgram}}) {
    @@ code-dgram-stdin
    let mut input = io::stdin().lock();
    let mut line = Vec::new();
    while matches!(input.read_until(b'\n', &mut line), Ok(n) if n > 0) {
        if let Err(e) = sock.send(&line) {
            eprintln!("send: {e}");
        }
        line.clear();
    }
}
"#;

pub(super) const DGRAM_CLIENT_LOOP: &str = r#"
@@ code-client-threads
let finished = Arc::new(AtomicBool::new(false));
let sender = sock.try_clone()?;
let done = Arc::clone(&finished);
thread::spawn(move || {
    send_lines(&sender);
    done.store(true, Ordering::SeqCst);
});
@@ code-dgram-wait
sock.set_read_timeout(Some(WAIT_AFTER_INPUT))?;
let mut buf = [0u8; 65535];
let mut out = io::stdout();
loop {
    let input_done = finished.load(Ordering::SeqCst);
    match sock.recv(&mut buf) {
        Ok(n) => {
            out.write_all(&buf[..n])?;
            out.flush()?;
        }
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
            if input_done {
                return Ok(());
            }
        }
        {{refused}}
        Err(e) => return Err(e),
    }
}
"#;

pub(super) const DGRAM_CLIENT_REFUSED: &str = r#"
Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
    @@ code-udp-refused
    eprintln!("{e}");
}
"#;

pub(super) const DGRAM_SEND_ONLY: &str = r#"
@@ code-dgram-no-reply
send_lines(&sock);
Ok(())
"#;
