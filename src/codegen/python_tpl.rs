//! The Python programs' pieces, as templates (see `render` for the marks).
//! Comments are `@@ note-id` lines: their text lives in `text.rs`.

pub(super) const HEADER: &str = r#"
#!/usr/bin/env python3
@@ {{header_note}}
{{peer_line}}
@@ code-generated-py
"#;

pub(super) const FOOTER: &str = r#"
if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    except OSError as e:
        @@ code-exit-on-error
        sys.exit(f"error: {e}")
"#;

/// For programs with a thread reading stdin, which may be blocked in read()
/// when the program ends: a normal exit would abort on the stdin lock.
pub(super) const FOOTER_EXIT_NOW: &str = r#"
if __name__ == "__main__":
    status = 0
    try:
        main()
    except KeyboardInterrupt:
        pass
    except OSError as e:
        @@ code-exit-on-error
        print(f"error: {e}", file=sys.stderr, flush=True)
        status = 1
    @@ code-exit-now
    os._exit(status)
"#;

pub(super) const SHOW: &str = r#"
def show(addr):
    @@ code-show
    if isinstance(addr, tuple):
        host, port = addr[0], addr[1]
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return addr or "(unnamed)"
"#;

pub(super) const PATIENT: &str = r#"
def patient(call):
    @@ code-patient
    while True:
        try:
            return call()
        except BlockingIOError:
            pass
"#;

pub(super) const RESOLVE: &str = r#"
@@ code-getaddrinfo
found = socket.getaddrinfo(HOST, PORT, type=socket.{{socktype}})
family, _, _, _, address = found[0]
"#;

pub(super) const OPEN: &str = r#"
{{resolve}}
@@ {{socket_note}}
{{s}} = socket.socket({{family}}, socket.{{socktype}})
{{options}}
"#;

pub(super) const STREAM_SERVER_MAIN: &str = r#"
def main():
    {{open}}
    @@ {{bind_note}}
    server.bind({{address}})
    @@ code-listen
    server.listen({{backlog}})
    @@ code-getsockname
    print(f"listening on {show(server.getsockname())}", flush=True)
    {{before_loop}}
    try:
        while True:
            @@ code-accept
            conn, addr = «server.accept()»
            {{register}}
            print(f"connection from {show(addr)}", flush=True)
            @@ code-thread
            args = (conn, addr)
            threading.Thread(target=serve_client, args=args, daemon=True).start()
    finally:
        server.close()
        {{cleanup}}
"#;

pub(super) const CLEANUP: &str = r#"
@@ code-unix-cleanup
os.unlink(ADDRESS)
"#;

pub(super) const CLIENTS: &str = r#"
@@ code-clients
clients = set()
clients_lock = threading.Lock()
"#;

pub(super) const REGISTER: &str = r#"
@@ code-register
with clients_lock:
    clients.add(conn)
"#;

/// The end of every stream server's `serve_client`.
pub(super) const CLIENT_END: &str = r#"
except OSError as e:
    print(f"{show(addr)}: {e}", flush=True)
finally:
    {{forget}}
    @@ {{close_note}}
    conn.close()
print(f"{show(addr)} closed", flush=True)
"#;

pub(super) const FORGET: &str = r#"
with clients_lock:
    clients.discard(conn)
"#;

pub(super) const ECHO: &str = r#"
def serve_client(conn, addr):
    try:
        while True:
            @@ code-recv
            data = «conn.recv(65536)»
            if not data:
                @@ code-recv-eof
                break
            @@ code-echo
            @@ code-sendall
            conn.sendall(data)
    {{end}}
"#;

pub(super) const CHAT: &str = r#"
def relay(message, sender):
    @@ code-chat-relay
    with clients_lock:
        for other in clients:
            if other is not sender:
                try:
                    other.sendall(message)
                except OSError:
                    pass


def serve_client(conn, addr):
    prefix = show(addr).encode() + b": "
    pending = b""
    try:
        while True:
            @@ code-recv
            data = «conn.recv(65536)»
            if not data:
                @@ code-recv-eof
                break
            @@ code-chat-lines
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                relay(prefix + line + b"\n", conn)
            if len(pending) >= MAX_LINE:
                @@ code-chat-long
                relay(prefix + pending + b"\n", conn)
                pending = b""
    {{end}}
"#;

pub(super) const DAYTIME: &str = r#"
def daytime():
    return time.ctime() + " " + time.strftime("%Z") + "\r\n"


def serve_client(conn, addr):
    try:
        @@ code-daytime
        conn.sendall(daytime().encode())
    {{end}}
"#;

pub(super) const HTTP: &str = concat!(
    http_page_fn!(),
    r#"

def serve_client(conn, addr):
    request = b""
    try:
        @@ code-http-head
        while b"\r\n\r\n" not in request and len(request) <= MAX_HEAD:
            @@ code-recv
            data = «conn.recv(65536)»
            if not data:
                @@ code-recv-eof
                break
            request += data
        end = request.find(b"\r\n\r\n")
        if end >= 0:
            conn.sendall(http_page(request[: end + 4]))
        elif len(request) > MAX_HEAD:
            conn.sendall(http_page(None))
    {{end}}
"#
);

pub(super) const MANUAL: &str = r#"
def send_stdin():
    @@ code-stdin-to-all
    for line in sys.stdin.buffer:
        with clients_lock:
            for conn in clients:
                try:
                    conn.sendall(line)
                except OSError:
                    pass


def serve_client(conn, addr):
    try:
        while True:
            @@ code-recv
            data = «conn.recv(65536)»
            if not data:
                @@ code-recv-eof
                break
            @@ code-print-recv
            print(f"{show(addr)}: {data!r}", flush=True)
    {{end}}
"#;

pub(super) const MANUAL_STDIN: &str = r#"
threading.Thread(target=send_stdin, daemon=True).start()
"#;

/// A client's second thread: each line of stdin is sent, then FIN. Both
/// clients (with rules or without) start it.
pub(super) const SEND_LINES: &str = r#"
def send_lines(sock):
    try:
        for line in sys.stdin.buffer:
            sock.sendall(line)
        @@ code-shutdown
        sock.shutdown(socket.SHUT_WR)
    except OSError as e:
        print(f"send: {e}", file=sys.stderr, flush=True)
"#;

pub(super) const STREAM_CLIENT: &str = r#"
def main():
    {{open}}
    @@ {{connect_note}}
    sock.settimeout({{timeout}})
    sock.connect({{address}})
    sock.settimeout(None)
    @@ code-status-stderr
    print(f"connected to {show(sock.getpeername())}", file=sys.stderr, flush=True)
    @@ code-client-threads
    threading.Thread(target=send_lines, args=(sock,), daemon=True).start()
    try:
        while True:
            @@ code-recv
            data = «sock.recv(65536)»
            if not data:
                @@ code-client-eof
                break
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    finally:
        sock.close()
"#;

pub(super) const DGRAM_MAIN: &str = r#"
def main():
    {{open}}
    {{bind}}
    {{connect}}
    try:
        {{loop}}
    finally:
        sock.close()
        {{cleanup}}
"#;

pub(super) const DGRAM_BIND: &str = r#"
@@ {{bind_note}}
sock.bind({{address}})
{{status_note}}
print(f"bound to {show(sock.getsockname())}"{{err}}, flush=True)
"#;

pub(super) const DGRAM_CONNECT: &str = r#"
@@ code-dgram-connect
sock.connect(PEER)
"#;

pub(super) const DGRAM_LOOP: &str = r#"
while True:
    @@ code-recvfrom
    data, addr = «sock.recvfrom(65535)»
    {{reply}}
"#;

/// The same loop on a connected UDP socket, which may hear ECONNREFUSED.
pub(super) const DGRAM_LOOP_REFUSED: &str = r#"
while True:
    try:
        @@ code-recvfrom
        data, addr = «sock.recvfrom(65535)»
        {{reply}}
    except ConnectionRefusedError as e:
        @@ code-udp-refused
        print(e, file=sys.stderr, flush=True)
"#;

pub(super) const DGRAM_ECHO: &str = r#"
{{unnamed}}
@@ code-echo-datagram
try:
    sock.sendto(data, addr)
except OSError as e:
    print(f"{show(addr)}: {e}", flush=True)
"#;

pub(super) const DGRAM_UNNAMED: &str = r#"
if not addr:
    @@ code-unix-unnamed
    continue
"#;

pub(super) const DGRAM_PRINT: &str = r#"
@@ code-print-datagram
print(f"{show(addr)}: {data!r}", flush=True)
"#;

pub(super) const DGRAM_SEND_LINES: &str = r#"
def send_lines(sock, finished):
    @@ code-dgram-stdin
    try:
        for line in sys.stdin.buffer:
            sock.send(line)
    except OSError as e:
        print(f"send: {e}", file=sys.stderr, flush=True)
    finished.set()
"#;

pub(super) const DGRAM_CLIENT_LOOP: &str = r#"
@@ code-client-threads
finished = threading.Event()
threading.Thread(target=send_lines, args=(sock, finished), daemon=True).start()
@@ code-dgram-wait
sock.settimeout(WAIT_AFTER_INPUT)
while True:
    input_done = finished.is_set()
    try:
        data = sock.recv(65535)
    except socket.timeout:
        if input_done:
            break
        continue
    {{refused}}
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
"#;

pub(super) const DGRAM_CLIENT_REFUSED: &str = r#"
except ConnectionRefusedError as e:
    @@ code-udp-refused
    print(e, file=sys.stderr, flush=True)
    continue
"#;

pub(super) const DGRAM_SEND_ONLY: &str = r#"
@@ code-dgram-no-reply
send_lines(sock, threading.Event())
"#;
