//! Bad input is refused with exit 2 and a reason, before anything is bound
//! or sent, and no input panics (exit 101).

use super::support::closed_port;
use super::{run, socklab};

#[test]
fn absurd_timeouts_are_refused_with_the_reason_not_a_panic() {
    let target = format!("127.0.0.1:{}", closed_port());
    for (timeout, reason) in [
        ("1e308", "not between 0.001 and 86400 seconds"),
        ("NaN", "not between 0.001 and 86400 seconds"),
        ("inf", "not between 0.001 and 86400 seconds"),
        ("-1", "not between 0.001 and 86400 seconds"),
        ("0", "not between 0.001 and 86400 seconds"),
        ("86401", "not between 0.001 and 86400 seconds"),
        ("ten", "'ten' is not a number of seconds"),
    ] {
        let (code, out, err) = run(&["connect", "tcp", &target, "--timeout", timeout]);
        assert_eq!(code, 2, "--timeout {timeout}: {err}");
        assert!(err.contains("--timeout") && err.contains(reason), "--timeout {timeout}: {err}");
        assert!(!err.contains("ECONNREFUSED"), "nothing may be tried: {err}");
        assert_eq!(out, "");
    }
    let (code, _, err) = run(&["connect", "udp", &target, "--wait", "18446744073709551615"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--wait"), "{err}");
}

#[test]
fn a_bare_port_is_refused_with_a_hint_that_works() {
    let (code, out, err) = run(&["serve", "tcp", "9000"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("'9000' has no host") && err.contains("e.g. 127.0.0.1:9000"), "{err}");
    assert!(!err.contains("9000:9000"), "{err}");
    assert!(!err.contains("bind("), "nothing may be bound: {err}");
}

#[test]
fn an_empty_unix_path_is_refused_not_made_abstract() {
    for args in [
        &["serve", "unix", ""][..],
        &["serve", "unix-dgram", ""],
        &["connect", "unix", ""],
        &["connect", "unix-dgram", ""],
    ] {
        // Before the fix `serve unix ''` listened on an autobound abstract
        // address; the deadline of `run` fails the test then.
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("the path is empty") && err.contains("@name for an abstract socket"), "{err}");
        assert!(!err.contains("bind(") && !err.contains("listen("), "{err}");
    }
    let (code, _, err) = run(&["connect", "unix-dgram", "/tmp/nowhere.sock", "--bind", ""]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--bind: the path is empty"), "{err}");
}

#[test]
fn option_values_beyond_their_range_are_refused_at_the_command_line() {
    // Needs the option table's ranges (engine side of issue 7, fault 4):
    // SO_LINGER takes an int of seconds, so 2^32 once wrapped to "on, 0 s".
    for set in ["linger=4294967296", "ttl=300", "keepidle=99999999999"] {
        let (code, out, err) = run(&["serve", "tcp", "127.0.0.1:0", "--set", set]);
        assert_eq!((code, out.as_str()), (2, ""), "--set {set}: {err}");
        assert!(err.contains(set.split('=').next().unwrap_or_default()), "names the option: {err}");
        assert!(!err.contains("listen("), "--set {set}: nothing may listen: {err}");
    }
}

#[test]
fn an_option_refused_as_the_socket_opens_stops_it_before_bind() {
    // Leaving a multicast group never joined parses, but the kernel refuses it
    // (EADDRNOTAVAIL): the endpoint stops before bind() and it is bad input.
    let mut serve = socklab(&["serve", "udp", "127.0.0.1:0", "--set", "leave=239.1.2.3"], true);
    let (code, out, err) = serve.finish();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("setsockopt(IP_DROP_MEMBERSHIP, 239.1.2.3) failed: EADDRNOTAVAIL"), "{err}");
    assert!(!err.contains("bind("), "nothing may be bound: {err}");
    assert_eq!(out, b"");
}

#[test]
fn an_option_with_no_meaning_on_the_socket_is_refused_before_it_opens() {
    let (code, out, err) = run(&["serve", "udp", "127.0.0.1:0", "--set", "nodelay=1"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("--set nodelay: TCP_NODELAY does not apply to a UDP socket"), "{err}");
    assert!(!err.contains("socket("), "nothing may be opened: {err}");
    let target = format!("127.0.0.1:{}", closed_port());
    let (code, _, err) = run(&["connect", "tcp", &target, "--set", "broadcast=1"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("SO_BROADCAST does not apply to a TCP client"), "{err}");
    assert!(!err.contains("ECONNREFUSED"), "connect() may not be tried: {err}");
}

#[test]
fn an_unreadable_workspace_exits_2_naming_the_call_the_errno_and_a_fix() {
    let (code, _, err) = run(&["run", "/nonexistent/lesson.ron"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read workspace /nonexistent/lesson.ron"), "{err}");
    assert!(
        err.contains("open(/nonexistent/lesson.ron) failed: ENOENT (No such file or directory). Nothing has this name"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");

    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().display().to_string();
    let (code, _, err) = run(&["run", &folder]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("read({folder}) failed: EISDIR (Is a directory). This is a folder")), "{err}");

    let locked = dir.path().join("locked.ron");
    std::fs::write(&locked, "(version: 1)").expect("write");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).expect("chmod");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped the EACCES case: root reads a file whatever its permissions");
        return;
    }
    let (code, _, err) = run(&["run", &locked.display().to_string()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("failed: EACCES (Permission denied). This user may not open this file"), "{err}");
}
