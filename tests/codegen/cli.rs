//! `socklab code FILE.ron --lang python|rust [--endpoint NAME]` as a user runs it.

use std::process::Command;

use socklab::codegen::{self, Lang};
use socklab::workspace;

use super::helpers::lessons_dir;
use crate::support::Proc;

/// Runs `socklab code ARGS…` to the end: (exit code, stdout, stderr).
fn code(args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_socklab"));
    cmd.arg("code").args(args);
    let mut p = Proc::spawn(&format!("socklab code {}", args.join(" ")), &mut cmd, false);
    let (status, out, err) = p.finish();
    (status, String::from_utf8_lossy(&out).into_owned(), err)
}

fn lesson(name: &str) -> String {
    lessons_dir().join(name).display().to_string()
}

#[test]
fn code_prints_the_program_of_the_only_endpoint() {
    let file = lesson("tcp_echo.ron");
    let ws = workspace::load(&file).expect("lesson");
    let ep = &ws.endpoints[0];
    for (lang, name) in [(Lang::Python, "python"), (Lang::Rust, "rust")] {
        let (status, out, err) = code(&[&file, "--lang", name]);
        assert_eq!(status, 0, "{err}");
        assert_eq!(out, codegen::generate(&ep.name, &ep.spec, lang).expect("generate"));
    }
}

#[test]
fn code_asks_which_endpoint_when_there_are_several() {
    let file = lesson("port_in_use.ron");
    let (status, out, err) = code(&[&file, "--lang", "python"]);
    assert_eq!((status, out.as_str()), (2, ""));
    assert!(err.contains("--endpoint NAME") && err.contains("\"first server\", \"second server\""), "{err}");

    let (status, out, err) = code(&[&file, "--lang", "python", "--endpoint", "second server"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("\"second server\""), "{out}");

    let (status, out, err) = code(&[&file, "--lang", "rust", "--endpoint", "third"]);
    assert_eq!((status, out.as_str()), (2, ""));
    assert!(err.contains("no endpoint is named \"third\"") && err.contains("\"first server\""), "{err}");
}

#[test]
fn code_refuses_bad_input_with_exit_2() {
    let (status, _, err) = code(&["/nonexistent/lesson.ron", "--lang", "python"]);
    assert_eq!(status, 2);
    assert!(err.contains("/nonexistent/lesson.ron"), "{err}");

    let (status, _, err) = code(&[&lesson("tcp_echo.ron"), "--lang", "cobol"]);
    assert_eq!(status, 2, "{err}");

    // Loads, but a Unix datagram socket with neither a path nor a peer can do nothing.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("mute.ron");
    let text = r#"(version: 1, endpoints: [(name: "mute", spec: (kind: UnixDatagram, address: ""))])"#;
    std::fs::write(&file, text).expect("write");
    let (status, out, err) = code(&[&file.display().to_string(), "--lang", "python"]);
    assert_eq!((status, out.as_str()), (2, ""));
    assert!(err.contains("endpoint \"mute\"") && err.contains("no path and no peer"), "{err}");
}
