//! The Python pieces of a program that runs rules and framing (see `render`
//! for the marks). Comments are `@@ note-id` lines: their text is in `text.rs`.

pub(super) const FRAMER_DELIMITED: &str = r#"
class Framer:
    @@ code-framer-delimited
    def __init__(self):
        self.held = b""
        self.skipping = False
        self.closed = False

    def push(self, data):
        """The whole messages in what has arrived: (frame, body) pairs, and
        (None, None) for each frame refused as too long."""
        self.held += data
        out = []
        while not self.closed:
            if self.skipping:
                end = self.held.find(DELIMITER)
                if end < 0:
                    self.held = self.held[len(self.held) - len(DELIMITER) + 1 :]
                    break
                self.held = self.held[end + len(DELIMITER) :]
                self.skipping = False
            end = self.held.find(DELIMITER, 0, MAX_FRAME)
            if end >= 0:
                frame = self.held[: end + len(DELIMITER)]
                self.held = self.held[len(frame) :]
                out.append((frame, {{body}}))
            elif len(self.held) >= MAX_FRAME:
                out.append((None, None))
                {{oversize}}
            else:
                break
        return out
"#;

pub(super) const OVERSIZE_DELIMITED_RESYNC: &str = r#"
@@ code-oversize-resync
self.skipping = True
"#;

pub(super) const OVERSIZE_DELIMITED_SPLIT: &str = r#"
@@ code-oversize-split
piece = self.held[: len(self.held) - len(DELIMITER) + 1]
self.held = self.held[len(piece) :]
out.append((piece, piece))
"#;

pub(super) const OVERSIZE_CLOSE: &str = r#"
@@ code-oversize-close
self.closed = True
"#;

pub(super) const FRAMER_FIXED: &str = r#"
class Framer:
    @@ code-framer-fixed
    def __init__(self):
        self.held = b""
        self.closed = False

    def push(self, data):
        """The whole messages in what has arrived: (frame, body) pairs."""
        self.held += data
        out = []
        while len(self.held) >= FRAME_SIZE:
            frame = self.held[:FRAME_SIZE]
            self.held = self.held[FRAME_SIZE:]
            out.append((frame, frame))
        return out
"#;

pub(super) const FRAMER_LENGTH: &str = r#"
class Framer:
    @@ code-framer-length
    def __init__(self):
        self.held = b""
        self.skip = 0
        self.cutting = 0
        self.closed = False

    def push(self, data):
        """The whole messages in what has arrived: (frame, body) pairs, and
        (None, None) for each frame refused as too long."""
        self.held += data
        out = []
        while not self.closed:
            if self.skip:
                n = min(self.skip, len(self.held))
                self.held, self.skip = self.held[n:], self.skip - n
                if self.skip:
                    break
            if self.cutting:
                n = min(self.cutting, MAX_FRAME)
                if len(self.held) < n:
                    break
                piece, self.held = self.held[:n], self.held[n:]
                self.cutting -= n
                out.append((piece, piece))
                continue
            if len(self.held) < HEADER:
                break
            length = int.from_bytes(self.held[:HEADER], "{{order}}")
            {{total}}
            if {{impossible}}total > MAX_FRAME:
                out.append((None, None))
                {{oversize}}
                continue
            if len(self.held) < total:
                break
            frame, self.held = self.held[:total], self.held[total:]
            out.append((frame, frame[HEADER:]))
        return out
"#;

pub(super) const OVERSIZE_LENGTH_RESYNC: &str = r#"
@@ code-oversize-resync
self.held, self.skip = self.held[HEADER:], max(total - HEADER, 0)
"#;

pub(super) const OVERSIZE_LENGTH_SPLIT: &str = r#"
@@ code-oversize-split
self.cutting = total
if total <= HEADER:
    self.held, self.cutting = self.held[HEADER:], 0
"#;

pub(super) const LINE_HELPERS: &str = r#"
def strip_line_end(body):
    @@ code-line-end
    if body.endswith(b"\n"):
        body = body[:-1]
        if body.endswith(b"\r"):
            body = body[:-1]
    return body


def line_end(frame, body):
    for part in (body, frame[len(body) :]):
        for end in (b"\r\n", b"\n"):
            if part.endswith(end):
                return end
    return b"\n"
"#;

pub(super) const HEX_MATCH: &str = r#"
def hex_match(data, pattern, open_end):
    @@ code-hex-match
    if len(data) < len(pattern) or (not open_end and len(data) != len(pattern)):
        return False
    return all(d & mask == value & mask for d, (value, mask) in zip(data, pattern))
"#;

pub(super) const FIRED: &str = r#"
def fired(rule):
    @@ code-rules-seq
    with fired_lock:
        fired_counts[rule] += 1
        return fired_counts[rule]
"#;

pub(super) const TIME_TEXT: &str = r#"
def time_text():
    @@ code-time-local
    return datetime.datetime.now().astimezone().isoformat(timespec="milliseconds")
"#;

pub(super) const DAYTIME_FN: &str = r#"
def daytime():
    return time.ctime() + " " + time.strftime("%Z") + "\r\n"
"#;

pub(super) const HTTP_PAGE: &str = http_page_fn!();

pub(super) const CRC16_MODBUS: &str = r#"
def crc16(data):
    @@ code-crc16
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
"#;

pub(super) const CRC16_CCITT: &str = r#"
def crc16_ccitt(data):
    @@ code-crc16-ccitt
    crc = 0xFFFF
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc
"#;

pub(super) const CRC32: &str = r#"
def crc32(data):
    @@ code-crc32
    return zlib.crc32(data)
"#;

pub(super) const SUM8: &str = r#"
def sum8(data):
    return sum(data) & 0xFF
"#;

pub(super) const XOR8: &str = r#"
def xor8(data):
    x = 0
    for b in data:
        x ^= b
    return x
"#;

pub(super) const RELAY: &str = r#"
def relay(message, sender):
    @@ code-chat-relay
    with clients_lock:
        for other in clients:
            if other is not sender:
                try:
                    other.sendall(message)
                except OSError:
                    pass
"#;

/// A stream server's client thread: messages through the rules.
pub(super) const SERVE_CLIENT: &str = r#"
def serve_client(conn, addr):
    peer = show(addr)
    {{framer_new}}
    try:
        {{greet}}
        while {{running}}:
            @@ code-recv
            data = «conn.recv(65536)»
            if not data:
                @@ code-recv-eof
                break
            {{dispatch}}
    {{end}}
"#;

/// A stream client: what arrives is printed and goes through the rules;
/// stdin is sent as it is (`send_lines`, as the plain client's).
pub(super) const STREAM_CLIENT_RULES: &str = r#"
def main():
    {{open}}
    @@ {{connect_note}}
    sock.settimeout({{timeout}})
    sock.connect({{address}})
    sock.settimeout(None)
    conn, peer = sock, show(sock.getpeername())
    @@ code-status-stderr
    print(f"connected to {peer}", file=sys.stderr, flush=True)
    @@ code-client-threads
    threading.Thread(target=send_lines, args=(sock,), daemon=True).start()
    {{framer_new}}
    try:
        {{greet}}
        while {{running}}:
            @@ code-recv
            data = «sock.recv(65536)»
            if not data:
                @@ code-client-eof
                break
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            {{dispatch}}
    finally:
        sock.close()
"#;

/// A datagram socket: each datagram is one message; answers go to its sender.
pub(super) const DGRAM_RULES_LOOP: &str = r#"
while True:
    @@ code-recvfrom
    data, addr = «sock.recvfrom(65535)»
    peer = show(addr)
    @@ code-print-datagram
    print(f"{peer}: {data!r}", flush=True)
    {{unnamed}}
    @@ code-rules-datagram
    answer(sock, addr, peer, data, data)
"#;
