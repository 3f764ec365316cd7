//! The Rust programs' pieces, as templates (see `render` for the marks):
//! std::net and std::os::unix::net for the sockets, socket2 for the options.
//! Comments are `@@ note-id` lines: their text lives in `text.rs`.

pub(super) const HEADER: &str = r#"
@@ {{header_note}}
{{peer_line}}
@@ {{generated_note}}
{{dependency}}
"#;

pub(super) const MAIN: &str = r#"
fn main() {
    if let Err(e) = run() {
        @@ code-exit-on-error
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
"#;

pub(super) const RESOLVE: &str = r#"
@@ code-resolve
fn resolve(address: &str) -> io::Result<SocketAddr> {
    let found = address.to_socket_addrs()?.next();
    found.ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{address}: no address")))
}
"#;

pub(super) const SHOW: &str = r#"
@@ code-show
fn show(addr: &std::os::unix::net::SocketAddr) -> String {
    match addr.as_pathname() {
        Some(path) => path.display().to_string(),
        None => "(unnamed)".to_string(),
    }
}
"#;

pub(super) const PATIENT: &str = r#"
@@ code-patient
fn patient<T>(mut call: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match call() {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            other => return other,
        }
    }
}
"#;

pub(super) const OPEN_INET: &str = r#"
let address = resolve(ADDRESS)?;
let domain = Domain::for_address(address);
@@ {{socket_note}}
let socket = Socket::new(domain, Type::{{socktype}}, Some(Protocol::{{proto}}))?;
{{options}}
"#;

pub(super) const OPEN_UNIX: &str = r#"
@@ {{socket_note}}
let socket = Socket::new(Domain::UNIX, Type::{{socktype}}, None)?;
{{options}}
"#;

pub(super) const STREAM_SERVER_RUN: &str = r#"
fn run() -> io::Result<()> {
    {{open}}
    @@ {{bind_note}}
    socket.bind(&{{sockaddr}})?;
    @@ code-listen
    socket.listen({{backlog}})?;
    @@ code-into-std
    let listener: {{Listener}} = socket.into();
    @@ code-getsockname
    {{print_listening}}
    {{before_loop}}
    loop {
        @@ code-accept
        let (conn, peer) = match «listener.accept()» {
            Ok(pair) => pair,
            Err(e) => {
                eprintln!("accept: {e}");
                continue;
            }
        };
        let peer = {{peer_text}};
        {{register}}
        println!("connection from {peer}");
        @@ code-thread
        {{spawn}}
    }
}
"#;

pub(super) const SPAWN: &str = r#"
thread::spawn(move || {
    if let Err(e) = {{call}} {
        println!("{peer}: {e}");
    }
    println!("{peer} closed");
});
"#;

pub(super) const SPAWN_SHARED: &str = r#"
let clients = Arc::clone(&clients);
thread::spawn(move || {
    if let Err(e) = {{call}} {
        println!("{peer}: {e}");
    }
    lock(&clients).retain(|(other, _)| *other != id);
    println!("{peer} closed");
});
"#;

pub(super) const LOCK: &str = r#"
@@ code-lock
fn lock(clients: &Clients) -> MutexGuard<'_, ClientList> {
    clients.lock().unwrap_or_else(PoisonError::into_inner)
}
"#;

pub(super) const CLIENTS: &str = r#"
@@ code-clients
let clients: Clients = Arc::new(Mutex::new(Vec::new()));
let mut next_id: u64 = 0;
"#;

pub(super) const MANUAL_STDIN: &str = r#"
let everyone = Arc::clone(&clients);
thread::spawn(move || send_stdin_to_all(&everyone));
"#;

pub(super) const REGISTER: &str = r#"
let id = next_id;
next_id += 1;
@@ code-register
lock(&clients).push((id, conn.try_clone()?));
"#;

pub(super) const ECHO: &str = r#"
fn serve_client(mut conn: {{Stream}}) -> io::Result<()> {
    let mut buf = [0u8; 65536];
    loop {
        @@ code-recv
        let n = «conn.read(&mut buf)»?;
        if n == 0 {
            @@ code-recv-eof
            @@ code-echo-eof
            return Ok(());
        }
        @@ code-echo
        @@ code-write-all
        conn.write_all(&buf[..n])?;
    }
}
"#;

pub(super) const RELAY: &str = r#"
fn relay(clients: &Clients, sender: u64, message: &[u8]) {
    @@ code-chat-relay
    for (id, other) in lock(clients).iter_mut() {
        if *id != sender {
            let _ = other.write_all(message);
        }
    }
}
"#;

pub(super) const CHAT: &str = r#"
fn serve_client(mut conn: {{Stream}}, id: u64, peer: &str, clients: &Clients) -> io::Result<()> {
    let prefix = format!("{peer}: ");
    let mut pending = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        @@ code-recv
        let n = «conn.read(&mut buf)»?;
        if n == 0 {
            @@ code-recv-eof
            return Ok(());
        }
        @@ code-chat-lines
        pending.extend_from_slice(&buf[..n]);
        while let Some(end) = pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            relay(clients, id, &[prefix.as_bytes(), &line].concat());
        }
        if pending.len() >= MAX_LINE {
            @@ code-chat-long
            pending.push(b'\n');
            relay(clients, id, &[prefix.as_bytes(), &pending].concat());
            pending.clear();
        }
    }
}
"#;

pub(super) const DAYTIME: &str = r#"
fn serve_client(mut conn: {{Stream}}) -> io::Result<()> {
    @@ code-daytime
    conn.write_all(daytime().as_bytes())?;
    @@ code-close
    drop(conn);
    Ok(())
}
"#;

pub(super) const DAYTIME_FN: &str = r#"
@@ code-daytime-utc
fn daytime() -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let since = SystemTime::now().duration_since(UNIX_EPOCH);
    let secs = since.map_or(0, |d| d.as_secs());
    let (year, month, day, time) = utc_date(secs);
    let (h, m, s) = (time / 3600, time / 60 % 60, time % 60);
    let (weekday, name) = (DAYS[(secs / 86_400 % 7) as usize], MONTHS[month - 1]);
    format!("{weekday} {name} {day:>2} {h:02}:{m:02}:{s:02} {year} UTC\r\n")
}
"#;

/// Days since 1970-01-01 to a calendar date, as the daytime and ${time} helpers need it.
pub(super) const UTC_DATE: &str = r#"
/// Seconds since 1970 as (year, month, day, seconds into the day), in UTC.
fn utc_date(secs: u64) -> (i64, usize, i64, u64) {
    let (days, time) = (secs / 86_400, secs % 86_400);
    let z = days as i64 + 719_468;
    let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as usize, day, time)
}
"#;

pub(super) const HTTP: &str = r#"
fn serve_client(mut conn: {{Stream}}) -> io::Result<()> {
    @@ code-http-head
    let mut request = Vec::new();
    let mut buf = [0u8; 65536];
    let reply = loop {
        if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
            break http_page(Some(&request[..end + 4]));
        }
        if request.len() > MAX_HEAD {
            break http_page(None);
        }
        @@ code-recv
        let n = «conn.read(&mut buf)»?;
        if n == 0 {
            @@ code-recv-eof
            return Ok(());
        }
        request.extend_from_slice(&buf[..n]);
    };
    conn.write_all(&reply)?;
    @@ code-close
    drop(conn);
    Ok(())
}
"#;

pub(super) const HTTP_PAGE: &str = r#"
fn http_page(head: Option<&[u8]>) -> Vec<u8> {
    @@ code-http-answer
    let (status, kind, body) = match head {
        Some(head) => {
            let first = head.split(|&b| b == b'\r').next().unwrap_or_default();
            let first = String::from_utf8_lossy(first);
            let safe = first.replace(['<', '>', '&'], "");
            let body = format!(
                "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>socklab</title></head>\n\
                 <body><h1>Hello from socklab</h1>\n<p>You sent: <code>{safe}</code></p></body></html>\n"
            );
            ("200 OK", "text/html; charset=utf-8", body)
        }
        None => {
            let body = "request head too large\n".to_string();
            ("431 Request Header Fields Too Large", "text/plain", body)
        }
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Connection: close\r\nServer: socklab\r\n\r\n",
        body.len()
    );
    [head.into_bytes(), body.into_bytes()].concat()
}
"#;

pub(super) const MANUAL: &str = r#"
fn send_stdin_to_all(clients: &Clients) {
    @@ code-stdin-to-all
    let mut input = io::stdin().lock();
    let mut line = Vec::new();
    while matches!(input.read_until(b'\n', &mut line), Ok(n) if n > 0) {
        for (_, conn) in lock(clients).iter_mut() {
            let _ = conn.write_all(&line);
        }
        line.clear();
    }
}

fn serve_client(mut conn: {{Stream}}, peer: &str) -> io::Result<()> {
    let mut buf = [0u8; 65536];
    loop {
        @@ code-recv
        let n = «conn.read(&mut buf)»?;
        if n == 0 {
            @@ code-recv-eof
            @@ code-none-eof
            return Ok(());
        }
        @@ code-print-recv
        println!("{peer}: b\"{}\"", buf[..n].escape_ascii());
    }
}
"#;

pub(super) const STREAM_CLIENT: &str = r#"
fn run() -> io::Result<()> {
    {{open}}
    @@ {{connect_note}}
    {{connect}}
    let mut stream: {{Stream}} = socket.into();
    @@ code-status-stderr
    {{print_connected}}
    @@ code-client-threads
    let writer = stream.try_clone()?;
    thread::spawn(move || send_lines(writer));
    let mut buf = [0u8; 65536];
    let mut out = io::stdout();
    loop {
        @@ code-recv
        let n = «stream.read(&mut buf)»?;
        if n == 0 {
            @@ code-client-eof
            return Ok(());
        }
        out.write_all(&buf[..n])?;
        out.flush()?;
    }
}
"#;

pub(super) const SEND_LINES: &str = r#"
fn send_lines(mut stream: {{Stream}}) {
    let mut input = io::stdin().lock();
    let mut line = Vec::new();
    while matches!(input.read_until(b'\n', &mut line), Ok(n) if n > 0) {
        if let Err(e) = stream.write_all(&line) {
            eprintln!("send: {e}");
            return;
        }
        line.clear();
    }
    @@ code-shutdown
    let _ = stream.shutdown(Shutdown::Write);
}
"#;
