//! The lab files: each loads with its workspace, texts are keyed for the
//! catalogs, and broken files are refused with the place and the reason.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use socklab::lab::{self, Check, LabError};

use crate::driver::labs_dir;

#[test]
fn every_lab_loads_with_its_workspace_one_per_topic() {
    let labs = lab::load_dir(labs_dir()).unwrap_or_else(|e| panic!("{e}"));
    let mut ids: Vec<&str> = labs.iter().map(|l| l.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "chat-room",
            "daytime",
            "http-by-hand",
            "json-file",
            "nagle",
            "several-sockets",
            "tcp-echo",
            "time-wait",
            "udp"
        ]
    );
    let mut keys = HashSet::new();
    for lab in &labs {
        let name = lab.path.display();
        assert!(lab.workspace.endpoints.iter().any(|e| e.autostart), "{name}: its workspace starts nothing");
        assert!(
            lab.workspace_path.starts_with(labs_dir().join("../workspaces")),
            "{name}: a lab's workspace is a lesson of assets/workspaces"
        );
        assert!(lab.steps.len() >= 3, "{name}: {} steps", lab.steps.len());
        let text = fs::read_to_string(&lab.path).expect("read");
        assert!(text.starts_with("// Lab: "), "{name} must start with a // Lab: comment");
        for (key, text) in lab.texts() {
            assert!(keys.insert(key.to_string()), "{name}: the key {key} is used twice");
            assert!(!text.trim().is_empty(), "{name}: {key} is empty");
        }
        for step in &lab.steps {
            if let Check::JsonFile { file, .. } = &step.check {
                assert!(lab.file(file).is_some_and(|b| !b.is_empty()), "{name}: {file} was not loaded");
            }
        }
    }
    assert_eq!(keys.len(), labs.iter().map(|l| 2 + 2 * l.steps.len()).sum::<usize>());
}

#[test]
fn texts_are_keyed_for_fluent() {
    let labs = lab::load_dir(labs_dir()).expect("labs");
    let echo = labs.iter().find(|l| l.id == "tcp-echo").expect("tcp-echo");
    let texts = echo.texts();
    assert_eq!(texts[0].0.to_string(), "lab-tcp-echo");
    assert_eq!(texts[1].0.to_string(), "lab-tcp-echo.summary");
    assert_eq!(texts[2].0.to_string(), "lab-tcp-echo-listen");
    assert_eq!(texts[3].0.to_string(), "lab-tcp-echo-listen.hint");
    let ftl = lab::to_ftl(&labs);
    assert!(ftl.contains("\nlab-tcp-echo =\n        A TCP echo server\n    .summary =\n"), "{ftl}");
    // Braces are Fluent's placeables: the JSON in a text must come out as literals.
    assert!(ftl.contains(r#"object, {"{"}"name": "poem.txt", "data": "…"{"}"}, where"#), "{ftl}");
    assert!(ftl.contains("lab-check-received = { $who } receives “{ $text }”"));
}

/// Writes `text` as a lab beside a copy of a real workspace and loads it.
fn refused(text: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("ws")).expect("mkdir");
    fs::copy(labs_dir().join("../workspaces/tcp_echo.ron"), dir.path().join("ws/echo.ron")).expect("copy");
    fs::write(dir.path().join("data.bin"), b"hello").expect("write");
    let path = dir.path().join("lab.ron");
    fs::write(&path, text).expect("write");
    let err = lab::load(&path).expect_err("must be refused");
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "names the file: {msg}");
    assert_eq!(fs::read_to_string(&path).expect("read"), text, "loading never touches the file");
    msg
}

fn lab_text(steps: &str) -> String {
    format!(
        "(\n    version: 1,\n    id: \"t\",\n    title: \"T\",\n    summary: \"S\",\n    workspace: \"ws/echo.ron\",\n    steps: [\n{steps}\n    ],\n)\n"
    )
}

fn step(id: &str, check: &str) -> String {
    format!("        (id: \"{id}\", text: \"Do.\", hint: \"How.\", check: {check}),")
}

#[test]
fn a_good_lab_outside_assets_loads_with_its_check_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("ws")).expect("mkdir");
    fs::copy(labs_dir().join("../workspaces/tcp_echo.ron"), dir.path().join("ws/echo.ron")).expect("copy");
    fs::write(dir.path().join("data.bin"), b"hello").expect("write");
    let path = dir.path().join("lab.ron");
    let text =
        lab_text(&[step("a", "Listening"), step("b", "JsonFile(field: \"data\", file: \"data.bin\")")].join("\n"));
    fs::write(&path, text).expect("write");
    let lab = lab::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lab.file("data.bin"), Some(&b"hello"[..]));
    assert_eq!(lab.workspace.endpoints[0].name, "echo server");
}

#[test]
fn broken_labs_are_refused_with_the_place_and_the_reason() {
    let cases: Vec<(String, &str)> = vec![
        (lab_text(&step("a", "Listening,,")), "line 8, column"),
        (lab_text(&step("a", "Listenning")), "Listenning"),
        (lab_text(&step("a", "Connections(0)")), "step 1 ('a'): check: the count must be 1 to 64, not 0"),
        (lab_text(&step("a", "Failed(call: \"bind\", errno: \"EINUSE\")")), "`errno` \"EINUSE\" is not an errno name"),
        (lab_text(&[step("a", "Listening"), step("a", "Listening")].join("\n")), "step 2 ('a'): the same id"),
        (lab_text(&step("Bad_Id", "Listening")), "step 1 ('Bad_Id'): id: use lower-case letters"),
        (lab_text(""), "steps: a lab needs at least one step"),
        (lab_text(&step("a", "JsonFile(field: \"data\", file: \"missing.bin\")")), "step 'a': file"),
        (lab_text(&step("a", "Received(by: Client, contains: \"hi\", extra: 1)")), "extra"),
        (
            lab_text(&step("a", "Listening")).replace("ws/echo.ron", "ws/none.ron"),
            "its workspace: cannot read workspace",
        ),
        (
            lab_text(&step("a", "Listening")).replace("version: 1", "version: 7"),
            "line 2, column 14: made by a newer socklab (version 7",
        ),
    ];
    for (text, want) in cases {
        let msg = refused(&text);
        assert!(msg.contains(want), "expected {want:?} in: {msg}");
    }
}

#[test]
fn a_lab_whose_workspace_is_broken_says_where_in_the_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws.ron");
    fs::write(&ws, "(version: 1, endpoints: [(name: \"x\", spec: (kind: TcpServer, address: \"127.0.0.1\"))])")
        .expect("w");
    let path = dir.path().join("lab.ron");
    fs::write(&path, lab_text(&step("a", "Listening")).replace("ws/echo.ron", "ws.ron")).expect("write");
    let err = lab::load(&path).expect_err("refused");
    assert!(matches!(err, LabError::Workspace { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(&ws.display().to_string()) && msg.contains("endpoint 'x'"), "{msg}");
    assert!(Path::new(&path).exists());
}
