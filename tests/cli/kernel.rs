//! What the kernel says about a TCP connection, as the command line shows it:
//! `--tcp-info` JSON events, state changes with `-v`, and the `--ladder`
//! sequence diagram written at exit. Linux only (TCP_INFO and sock_diag).
#![cfg(target_os = "linux")]

use serde_json::Value;

use super::support::Proc;
use super::svg::svg_texts;
use super::{is_event, json_until, rest_json, run, socklab};

/// Reads everything up to socklab's FIN, answers with the count, and closes:
/// socklab half-closes first, so its socket ends in TIME_WAIT.
const COUNT_THEN_CLOSE: &str = r#"
c = accept_one()
d = recv_all(c)
c.sendall(b"got %d\n" % len(d))
c.close()
out("closed", len(d))
"#;

/// The fields `--tcp-info` promises as integers in every `tcp_info` event.
const INTEGER_FIELDS: [&str; 9] =
    ["rtt_us", "rttvar_us", "cwnd", "ssthresh", "mss", "unacked", "retrans", "recv_q", "send_q"];

/// The states an active closer goes through, in order (a sample may miss any
/// but the first and the last: FIN_WAIT1/2 can last microseconds on loopback).
const ACTIVE_CLOSE: [&str; 4] = ["ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT"];

#[test]
fn tcp_info_reports_samples_at_the_interval_and_every_state_change_up_to_time_wait() {
    let mut py = Proc::python(COUNT_THEN_CLOSE, &[]);
    let port = py.line();
    let address = format!("127.0.0.1:{port}");
    let mut p = socklab(&["connect", "tcp", &address, "--json", "--tcp-info", "20"], true);
    p.write(b"hello\n");
    // Interval samples while the connection is up, the data acknowledged
    // (bytes_acked counts the SYN too), and the Python peer as the kernel
    // sees it (once it has accepted: a socket in an accept queue has no owner).
    let (mut acked_samples, mut peer) = (0, None);
    let mut lines = json_until(&mut p, "two interval samples after the data was acknowledged, and the peer", |v| {
        let sample = is_event(v, "tcp_info") && v["state_change"] == false;
        if sample && v["bytes_acked"].as_u64() >= Some(7) {
            acked_samples += 1;
        }
        if is_event(v, "peer_seen") {
            peer.get_or_insert_with(|| v.clone());
        }
        acked_samples >= 2 && peer.is_some()
    });
    p.close_stdin();
    let (code, out, err) = p.finish();
    assert_eq!(py.line(), "closed 6", "socklab stderr: {err}");
    assert_eq!(code, 0, "stderr: {err}");
    lines.extend(rest_json(&out));
    assert!(lines.last().is_some_and(|v| is_event(v, "stopped")), "stopped is the last line: {lines:?}");

    let infos: Vec<&Value> = lines.iter().filter(|v| is_event(v, "tcp_info")).collect();
    for v in &infos {
        for field in INTEGER_FIELDS {
            assert!(v[field].is_u64(), "{field} is not an integer in {v}");
        }
        assert!(v["state"].is_string(), "{v}");
        assert_eq!(v["conn"], 0, "{v}");
    }
    let up = infos.iter().find(|v| v["state"] == "ESTABLISHED" && v["state_change"] == false).expect("a sample");
    assert!(up["rtt_us"].as_u64() > Some(0) && up["mss"].as_u64() > Some(0) && up["cwnd"].as_u64() > Some(0), "{up}");

    let changes: Vec<(&Value, &str, &str)> = infos
        .iter()
        .filter(|v| v["state_change"] == true)
        .map(|v| (&v["from"], v["state"].as_str().unwrap_or("?"), v["source"].as_str().unwrap_or("?")))
        .collect();
    let states: Vec<&str> = changes.iter().map(|c| c.1).collect();
    assert_eq!(states.first(), Some(&"ESTABLISHED"), "{changes:?}");
    assert_eq!(changes.last().map(|c| (c.1, c.2)), Some(("TIME_WAIT", "sock_diag")), "{changes:?}");
    let mut order = ACTIVE_CLOSE.iter();
    assert!(states.iter().all(|s| order.any(|o| o == s)), "out of order: {states:?}");
    // Each change starts where the one before ended.
    assert_eq!(changes[0].0, &Value::Null);
    for pair in changes.windows(2) {
        assert_eq!(pair[1].0, pair[0].1, "{changes:?}");
    }
    // The Python peer is a socket on this machine that socklab does not own.
    let peer = peer.unwrap_or_default();
    assert_eq!((&peer["local"], &peer["state"]), (&Value::from(address), &Value::from("ESTABLISHED")), "{peer}");
    assert!(peer["uid"].is_u64() && peer["inode"].as_u64() > Some(0), "{peer}");
}

#[test]
fn ladder_writes_the_handshake_data_fins_and_time_wait_and_v_prints_the_states() {
    let mut py = Proc::python(COUNT_THEN_CLOSE, &[]);
    let port = py.line();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("talk.svg");
    let path_arg = path.to_string_lossy().into_owned();
    let mut p = socklab(&["connect", "tcp", &format!("127.0.0.1:{port}"), "-v", "--ladder", &path_arg], true);
    p.feed_and_close(b"hello\n".to_vec());
    let (code, out, err) = p.finish();
    assert_eq!(py.line(), "closed 6", "socklab stderr: {err}");
    assert_eq!((code, out.as_slice()), (0, &b"got 6\n"[..]), "stderr: {err}");
    assert!(err.contains("TCP state #0: ESTABLISHED"), "-v shows the states: {err}");
    assert!(err.contains("TIME_WAIT (sock_diag"), "-v shows TIME_WAIT after the close: {err}");
    assert!(err.contains(&format!("written to {path_arg}")), "{err}");

    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    let texts = svg_texts(&svg);
    let count = |t: &str| texts.iter().filter(|x| *x == t).count();
    for label in ["SYN", "SYN-ACK", "ACK", "ESTABLISHED", "shutdown(SHUT_WR)", "close()", "TIME_WAIT"] {
        assert!(count(label) >= 1, "{label} missing from {texts:?}");
    }
    assert_eq!(count("FIN"), 2, "a FIN each way: {texts:?}");
    for data in ["6 B \"hello\\n\"", "6 B \"got 6\\n\""] {
        assert!(texts.iter().any(|t| t == data), "{data} missing from {texts:?}");
    }
    // Written atomically: nothing else is left beside the file.
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(names, ["talk.svg"]);
}

#[test]
fn tcp_info_on_udp_and_a_ladder_in_a_missing_directory_are_refused_before_anything_opens() {
    let (code, out, err) = run(&["connect", "udp", "127.0.0.1:9", "--tcp-info", "100"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("--tcp-info") && err.contains("only for TCP"), "{err}");
    assert!(!err.contains("socket("), "nothing was opened: {err}");

    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no/such/dir/x.svg");
    let (code, _, err) = run(&["serve", "tcp", "127.0.0.1:0", "--ladder", &missing.to_string_lossy()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--ladder") && err.contains("does not exist"), "{err}");
    assert!(!err.contains("bind("), "nothing was opened: {err}");

    let (code, _, err) = run(&["connect", "tcp", "127.0.0.1:9", "--tcp-info", "5"]);
    assert_eq!(code, 2, "below the 10 ms minimum: {err}");
}
