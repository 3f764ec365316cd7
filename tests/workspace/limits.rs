//! What `workspace::load` refuses before reading or starting anything: files
//! that are not regular files or are too large, bytes that are not text,
//! values that would overflow or wrap, and names made to fool a terminal.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossbeam_channel::bounded;
use socklab::net::{EndpointKind, EndpointSpec, OptValue, SockOpt};
use socklab::workspace::{self, Workspace, WorkspaceEndpoint};

use super::helpers::DEADLINE;

/// Loads on a thread, so a load that blocks (a FIFO) fails the test instead of hanging it.
fn load_error(path: &Path) -> String {
    let (tx, rx) = bounded(1);
    let p = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(workspace::load(&p).map(|_| ()).map_err(|e| e.to_string()));
    });
    let result = rx.recv_timeout(DEADLINE).unwrap_or_else(|_| panic!("load({}) did not return", path.display()));
    result.expect_err("must be refused")
}

pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("no NUL in a temp path");
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo: {}", std::io::Error::last_os_error());
}

#[test]
fn only_a_regular_file_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("lesson.ron");
    mkfifo(&fifo);
    let not_a_file = |p: &Path, what: &str| {
        format!(
            "cannot load workspace {}: it is {what}, not a regular file: open a .ron file that socklab saved",
            p.display()
        )
    };
    assert_eq!(load_error(&fifo), not_a_file(&fifo, "a FIFO (named pipe)"));
    let folder = dir.path().display();
    assert_eq!(
        load_error(dir.path()),
        format!(
            "cannot read workspace {folder}: read({folder}) failed: EISDIR (Is a directory). This is a folder, not a file: pick a file inside it."
        )
    );
    let zero = PathBuf::from("/dev/zero");
    assert_eq!(load_error(&zero), not_a_file(&zero, "a character device"));
}

#[test]
fn a_file_over_16_mib_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    // Sparse: 16 MiB + 1 byte of nothing, written in no time.
    fs::File::create(&path).and_then(|f| f.set_len((16 << 20) + 1)).expect("sparse file");
    assert_eq!(
        load_error(&path),
        format!(
            "cannot load workspace {}: it is 16777217 bytes, and a workspace file is at most 16777216 bytes (16 MiB): this is not one",
            path.display()
        )
    );
}

#[test]
fn bytes_that_are_not_utf8_are_pointed_at() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("latin1.ron");
    fs::write(&path, b"(\n  version: 1,\n  endpoints: [(name: \"caf\xe9\")],\n)").expect("write");
    let err = load_error(&path);
    assert!(err.ends_with("line 3, column 26: byte 0xe9 is not UTF-8 text: a workspace is a text file"), "{err}");
}

fn with_endpoint(name: &str, spec: EndpointSpec) -> String {
    let ws = Workspace {
        endpoints: vec![WorkspaceEndpoint { name: name.into(), spec, autostart: true }],
        ..Workspace::default()
    };
    workspace::to_ron(&ws).expect("ron")
}

fn parse_error(text: &str) -> String {
    workspace::parse(text, Path::new("w.ron")).map(|_| ()).expect_err("must be refused").to_string()
}

#[test]
fn a_connect_timeout_beyond_a_day_is_refused_by_name() {
    let mut spec = EndpointSpec::new(EndpointKind::TcpClient, "127.0.0.1:80");
    spec.connect_timeout = Duration::new(u64::MAX, 0);
    let err = parse_error(&with_endpoint("slow client", spec));
    assert!(err.starts_with("cannot load workspace w.ron: endpoint 'slow client': connect_timeout: "), "{err}");
    assert!(err.contains("is not between a millisecond and a day (86400 s)"), "{err}");
}

#[test]
fn option_values_out_of_range_are_refused_by_name() {
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0")
        .with_option(SockOpt::RcvBuf, OptValue::Int(3_000_000_000));
    let err = parse_error(&with_endpoint("big buffers", spec));
    // The option table's own words follow (its range, once it states one).
    assert!(
        err.starts_with("cannot load workspace w.ron: endpoint 'big buffers': option rcvbuf: 3000000000 "),
        "{err}"
    );
    let spec =
        EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_option(SockOpt::NoDelay, OptValue::Int(1));
    let err = parse_error(&with_endpoint("wrong kind", spec));
    assert!(err.contains("endpoint 'wrong kind': option nodelay: Int(1) is not the kind of value"), "{err}");
}

#[test]
fn option_values_the_kernel_type_cannot_hold_are_refused_by_name() {
    // Needs the option table's ranges (engine side of fault 4): SO_LINGER's
    // seconds are a C int, so 2^32 wrapped to "on, 0 s" (every close a RST).
    for (opt, value) in
        [(SockOpt::Linger, OptValue::Linger(Some(1 << 31))), (SockOpt::Linger, OptValue::Linger(Some(1 << 32)))]
    {
        let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_option(opt, value.clone());
        let err = workspace::parse(&with_endpoint("wraps", spec), Path::new("w.ron"));
        let err = err.map(|_| ()).map_err(|e| e.to_string()).expect_err(&format!("{value:?} must be refused"));
        assert!(err.contains(&format!("endpoint 'wraps': option {}", opt.name())), "{err}");
    }
}

#[test]
fn a_name_is_shown_escaped_and_shortened() {
    let name = format!("\u{1b}[2J\u{9b}31m{}", "n".repeat(10_000));
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1");
    let err = parse_error(&with_endpoint(&name, spec));
    let shown = format!("\\x1b[2J\\u{{9b}}31m{}…", "n".repeat(60 - 8));
    assert!(err.contains(&format!("endpoint '{shown}': address:")), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{9b}'), "{err}");
}
