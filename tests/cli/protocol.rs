//! The protocol tester on the command line: `--frame`, `--greet` and
//! `--rule` against real peers, framed messages in `--json`, bad arguments
//! refused before anything opens, memory that stays bounded whatever a peer
//! announces, and `socklab run` with send sequences that pass and fail.

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::support::{Proc, closed_port, deadline, hex};
use super::{interrupt, is_event, json_listen_port, json_until, run, socklab, stderr_bound_port};

/// The tutorials' "Hello, name" server, as rules.
const HELLO: [&str; 8] = [
    "--frame",
    "line",
    "--greet",
    "Welcome!\\n",
    "--rule",
    "exact:exit => reply:Bye!${eol} => close",
    "--rule",
    "regex:^(.+)$ => reply:Hello, ${1}!${eol}",
];

/// The tutorials' client: reads the greeting, sends a name, reads the
/// answer, says exit, reads until the server closes.
const HELLO_CLIENT: &str = r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
f = s.makefile("rb")
out(f.readline().decode().rstrip())
for name in sys.argv[2:]:
    s.sendall(name.encode() + b"\n")
    out(f.readline().decode().rstrip())
s.sendall(b"exit\n")
out(f.readline().decode().rstrip())
out("closed" if f.read() == b"" else "not closed")
"#;

#[test]
fn serve_with_rules_is_the_hello_name_server() {
    let mut args = vec!["serve", "tcp", "127.0.0.1:0", "--json"];
    args.extend(HELLO);
    let mut serve = socklab(&args, false);
    let port = json_listen_port(&mut serve).to_string();
    let mut py = Proc::python(HELLO_CLIENT, &[&port, "Ann", "Zhang San"]);
    for expected in ["Welcome!", "Hello, Ann!", "Hello, Zhang San!", "Bye!", "closed"] {
        assert_eq!(py.line(), expected);
    }
    let lines = json_until(&mut serve, "the close of #1", |v| is_event(v, "close") && v["conn"] == 1);
    let rules: Vec<(i64, i64)> = lines
        .iter()
        .filter(|v| is_event(v, "rule"))
        .map(|v| (v["rule"].as_i64().unwrap_or(0), v["count"].as_i64().unwrap_or(0)))
        .collect();
    // --greet is rule 1, then each --rule in order.
    assert_eq!(rules, vec![(1, 1), (3, 1), (3, 2), (2, 1)], "{lines:#?}");
    let messages: Vec<&str> =
        lines.iter().filter(|v| is_event(v, "message")).filter_map(|v| v["text"].as_str()).collect();
    assert_eq!(messages, vec!["Ann\n", "Zhang San\n", "exit\n"]);
    let (code, _) = interrupt(&mut serve);
    assert_eq!(code, 0);
}

#[test]
fn framed_messages_in_json_carry_their_chunks() {
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0", "--frame", "len:2", "--json"], false);
    let port = json_listen_port(&mut serve).to_string();
    // One frame in two pieces (the second sent once the first is read), then two in one sendall.
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.sendall(b"\x00\x05he")
wait_go()
s.sendall(b"llo")
wait_go()
s.sendall(b"\x00\x02ab\x00\x00")
wait_go()
"#,
        &[&port],
    );
    let recv = |serve: &mut Proc, n: i64| {
        json_until(serve, &format!("a recv of {n} bytes"), |v| is_event(v, "recv") && v["len"] == n)
    };
    let mut lines = recv(&mut serve, 4);
    py.send_line("go");
    lines.extend(recv(&mut serve, 3));
    py.send_line("go");
    lines.extend(json_until(&mut serve, "the last message", |v| is_event(v, "message") && v["len"] == 2));
    py.send_line("go");
    let messages: Vec<Value> = lines.into_iter().filter(|v| is_event(v, "message")).collect();
    let m = &messages[0];
    assert_eq!(
        (m["len"].as_i64(), m["text"].as_str(), m["hex"].as_str()),
        (Some(7), Some("\u{0}\u{5}hello"), Some("00 05 68 65 6c 6c 6f"))
    );
    assert_eq!(m["body"], serde_json::json!([2, 7]));
    assert_eq!(m["chunks"], 2);
    assert_eq!(m["marks"], serde_json::json!([{"chunk": 0, "start": 0, "end": 4}, {"chunk": 1, "start": 4, "end": 7}]));
    assert_eq!(m["end"], "complete");
    let rest: Vec<(i64, i64)> =
        messages[1..].iter().map(|m| (m["len"].as_i64().unwrap_or(-1), m["chunks"].as_i64().unwrap_or(-1))).collect();
    assert_eq!(rest, vec![(4, 1), (2, 1)], "two frames coalesced in one recv: {messages:#?}");
    let (code, _) = interrupt(&mut serve);
    assert_eq!(code, 0);
}

#[test]
fn bad_framing_and_rules_exit_2_with_the_reason_before_anything_opens() {
    let refused = format!("127.0.0.1:{}", closed_port());
    let cases: [(&[&str], &str); 7] = [
        (&["serve", "tcp", "127.0.0.1:0", "--frame", "lines"], "'lines' is not a framing: use raw, line, delim:HEX"),
        (&["serve", "tcp", "127.0.0.1:0", "--frame", "delim:0g"], "delim:0g: at character 2: 'g' is not a hex digit"),
        (
            &["serve", "tcp", "127.0.0.1:0", "--rule", "regex:ab(c => close"],
            "at character 9: unclosed group\n  regex:ab(c => close\n          ^",
        ),
        (&["serve", "tcp", "127.0.0.1:0", "--rule", "any => reply:${nme}"], "unknown variable ${nme}"),
        (&["serve", "udp", "127.0.0.1:0", "--frame", "line"], "--frame: a datagram is already one message"),
        (
            &["serve", "tcp", "127.0.0.1:0", "--frame", "fixed:9", "--frame-limit", "4"],
            "--frame: fixed frames of 9 bytes are larger than the frame limit of 4 bytes",
        ),
        // A client that would be refused (exit 1) if it got as far as connect().
        (
            &["connect", "tcp", &refused, "--rule", "any => relay:${line}"],
            "--rule 1: relay sends to a server's other connections",
        ),
    ];
    for (args, reason) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(reason), "{args:?}: {err}");
        assert!(
            out.is_empty() && !err.contains("bind(") && !err.contains("connect("),
            "{args:?} opened something: {err}"
        );
    }
}

/// The resident memory of a process, in bytes (/proc/PID/status).
fn rss(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().strip_suffix("kB"));
    kb.and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(0) * 1024
}

const FLOOD: usize = 512 << 20;

/// `socklab serve` with `framing`, stdout thrown away; a peer sends `head`
/// then 512 MiB with no frame end in it, and waits for socklab to close
/// (it has read everything). Returns socklab's largest RSS growth over its
/// size when listening, and its stderr.
fn flood(framing: &str, head: &[u8]) -> (u64, String) {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "exec \"$0\" \"$@\" > /dev/null", env!("CARGO_BIN_EXE_socklab")]);
    cmd.args(["serve", "tcp", "127.0.0.1:0", "--frame", framing]);
    let mut serve = Proc::spawn(&format!("socklab serve --frame {framing}"), &mut cmd, false);
    let port = stderr_bound_port(&mut serve).to_string();
    let base = rss(serve.pid());
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(bytes.fromhex(sys.argv[2]))
block = b"a" * (1 << 20)
for _ in range(int(sys.argv[3]) >> 20):
    s.sendall(block)
s.shutdown(socket.SHUT_WR)
s.settimeout(60)
out("closed" if s.recv(1) == b"" else "not closed")
"#,
        &[&port, &hex(head), &FLOOD.to_string()],
    );
    let end = deadline() + Duration::from_secs(50);
    let mut peak = base;
    loop {
        peak = peak.max(rss(serve.pid()));
        py.stdout.poll();
        if py.stdout.buf.ends_with(b"closed\n") {
            break;
        }
        assert!(Instant::now() < end, "the flood did not end in time\n{}\n{}", serve.context(), py.context());
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(py.line(), "closed");
    serve.signal(libc::SIGINT);
    let (code, _, err) = serve.finish();
    assert_eq!(code, 0, "{err}");
    (peak.saturating_sub(base), err)
}

#[test]
fn memory_stays_bounded_when_a_peer_announces_4_gb_or_never_ends_a_line() {
    let (grew, err) = flood("len:4", &[0xff, 0xff, 0xff, 0xff]);
    assert!(err.contains("the length header announces 4294967295 bytes, over the frame limit of 65536 bytes"), "{err}");
    eprintln!("len:4 with a 4 GB header: RSS grew {} KiB while 512 MiB arrived", grew >> 10);
    assert!(grew < 96 << 20, "socklab grew by {} MiB", grew >> 20);
    let (grew, err) = flood("line", b"");
    assert!(err.contains("no delimiter within the frame limit of 65536 bytes"), "{err}");
    eprintln!("line, no newline: RSS grew {} KiB while 512 MiB arrived", grew >> 10);
    assert!(grew < 96 << 20, "socklab grew by {} MiB", grew >> 20);
}
