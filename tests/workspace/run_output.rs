//! What `socklab run` prints and how it ends, for files nobody should trust:
//! names with terminal escapes, endpoints reachable from the network,
//! special files, values that overflow. Loopback only, port 0 or a port
//! held on 127.0.0.1 (so a 0.0.0.0 bind fails and nothing is exposed).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use socklab::net::{EndpointKind, EndpointSpec, OptValue, SockOpt};
use socklab::workspace::{self, Workspace, WorkspaceEndpoint};

use super::limits::mkfifo;
use crate::support::Proc;

fn socklab_run(file: &Path, json: bool) -> Proc {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_socklab"));
    cmd.env("LC_ALL", "C"); // English output, whatever the locale
    cmd.arg("run").arg(file);
    if json {
        cmd.arg("--json");
    }
    Proc::spawn("socklab run", &mut cmd, false)
}

fn save(dir: &Path, endpoints: Vec<(&str, EndpointSpec, bool)>) -> std::path::PathBuf {
    let ws = Workspace {
        endpoints: endpoints
            .into_iter()
            .map(|(name, spec, autostart)| WorkspaceEndpoint { name: name.into(), spec, autostart })
            .collect(),
        ..Workspace::default()
    };
    let path = dir.join("w.ron");
    workspace::save(&path, &ws).expect("save");
    path
}

fn server(address: &str) -> EndpointSpec {
    EndpointSpec::new(EndpointKind::TcpServer, address)
}

#[test]
fn run_shows_names_escaped_and_shortened() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Retitles the terminal, clears the screen, turns text red (7-bit and C1 CSI).
    let name = format!("\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m{}", "n".repeat(5000));
    let file = save(dir.path(), vec![(&name, server("127.0.0.1:0"), true)]);

    let mut run = socklab_run(&file, false);
    run.stderr_line_with("listen(127.0.0.1:");
    run.signal(libc::SIGINT);
    let (code, _, err) = run.finish();
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains(['\u{1b}', '\u{7}', '\u{9b}']), "raw control characters reached stderr: {err:?}");
    let shown = format!("[\\x1b]0;pwned\\x07\\x1b[2J\\u{{9b}}31m{}…]", "n".repeat(60 - 18));
    assert!(err.lines().all(|l| l.starts_with(&format!("socklab: {shown} "))), "{err}");
    assert!(err.lines().all(|l| l.chars().count() < 300), "one line, not a page: {err}");

    // JSON keeps the name whole (JSON escapes it), C1 controls included.
    let mut run = socklab_run(&file, true);
    let line = run.line();
    assert!(!line.contains('\u{9b}'), "a raw C1 control in JSON: {line:?}");
    let v: serde_json::Value = serde_json::from_str(&line).expect("JSON");
    assert_eq!(v["endpoint_name"], name.as_str());
}

#[test]
fn run_json_keeps_the_options_name_beside_the_endpoints() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = server("127.0.0.1:0").with_option(SockOpt::RcvBuf, OptValue::Int(65536));
    let file = save(dir.path(), vec![("srv", spec, true)]);
    let mut run = socklab_run(&file, true);
    let set = loop {
        let v = run.json_line();
        if v["event"] == "setsockopt" {
            break v;
        }
    };
    assert_eq!(set["name"], "rcvbuf", "the option's name stays: {set}");
    assert_eq!(set["option"], "SO_RCVBUF", "{set}");
    assert_eq!(set["endpoint_name"], "srv", "{set}");
    run.signal(libc::SIGINT);
    assert_eq!(run.finish().0, 0);
}

#[test]
fn run_warns_before_starting_what_the_network_can_reach() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = held.local_addr().expect("addr").port();
    let dir = tempfile::tempdir().expect("tempdir");
    let open = format!("0.0.0.0:{port}");
    let file = save(
        dir.path(),
        vec![
            ("lab server", server(&open), true),
            ("local", server("127.0.0.1:0"), true),
            ("not started", server(&open), false),
        ],
    );
    let mut run = socklab_run(&file, false);
    run.stderr_line_with("[local] listen(127.0.0.1:");
    run.signal(libc::SIGINT);
    let (_, _, err) = run.finish();
    let lines: Vec<&str> = err.lines().collect();
    let warning = format!(
        "socklab: warning: [lab server] binds {open}: every interface, so anyone who can reach this machine over a network can reach it"
    );
    assert!(lines.first().is_some_and(|l| l.starts_with(&warning)), "warned first: {err}");
    assert!(err.contains(&format!("[lab server] bind({open}) failed: EADDRINUSE")), "{err}");
    assert_eq!(err.matches("warning:").count(), 1, "only auto-start endpoints beyond loopback: {err}");
}

#[test]
fn run_refuses_special_files_and_overflowing_timeouts_with_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("fifo.ron");
    mkfifo(&fifo);
    for (file, what) in [(fifo.as_path(), "a FIFO (named pipe)"), (Path::new("/dev/zero"), "a character device")] {
        let (code, out, err) = socklab_run(file, false).finish();
        assert_eq!((code, out.as_slice()), (2, &b""[..]), "{err}");
        assert!(err.contains(&format!("{}: it is {what}, not a regular file", file.display())), "{err}");
    }
    let mut client = EndpointSpec::new(EndpointKind::TcpClient, "127.0.0.1:9");
    client.connect_timeout = Duration::new(u64::MAX - 1, 999_999_999);
    let file = save(dir.path(), vec![("slow client", client, true)]);
    let (code, _, err) = socklab_run(&file, false).finish();
    assert_eq!(code, 2, "refused, not a panic (101): {err}");
    assert!(err.contains("endpoint 'slow client': connect_timeout:"), "{err}");
}

#[test]
fn run_ladder_writes_the_diagram_of_each_tcp_conversation_when_it_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = save(dir.path(), vec![("srv", server("127.0.0.1:0"), true)]);
    let svg_path = dir.path().join("run.svg");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_socklab"));
    cmd.env("LC_ALL", "C"); // English output, whatever the locale
    cmd.arg("run").arg(&file).arg("--json").arg("--ladder").arg(&svg_path);
    let mut run = Proc::spawn("socklab run --ladder", &mut cmd, false);
    let listen = loop {
        let v = run.json_line();
        if v["event"] == "listen" {
            break v;
        }
    };
    let local = listen["local"].as_str().unwrap_or_default().to_string();
    let port = local.rsplit_once(':').map(|(_, p)| p).expect("port");
    let mut py = Proc::python(
        r#"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"hi\n")
s.shutdown(socket.SHUT_WR)
out(len(recv_all(s)))
"#,
        &[port],
    );
    assert_eq!(py.line(), "0", "the server closed after the client's FIN");
    while run.json_line()["event"] != "close" {}
    run.signal(libc::SIGINT);
    let (code, _, err) = run.finish();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("written to {}", svg_path.display())), "{err}");
    let svg = std::fs::read_to_string(&svg_path).expect("the SVG was written");
    for label in [">SYN<", ">SYN-ACK<", ">FIN<", ">3 B &quot;hi\\n&quot;<", ">CLOSE_WAIT<", ">close()<"] {
        assert!(svg.contains(label), "{label} missing from the SVG:\n{svg}");
    }
}
