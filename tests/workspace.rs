//! Workspace files (load, save, errors, the lesson files), `socklab run`, and
//! captures. Loopback only, port 0, a deadline on every wait.

// A test crate's root looks for modules beside it, so point into tests/workspace/.
#[path = "workspace/capture.rs"]
mod capture;
#[path = "workspace/encoding.rs"]
mod encoding;
#[path = "workspace/helpers.rs"]
mod helpers;
#[path = "workspace/lessons_zh.rs"]
mod lessons_zh;
#[path = "workspace/limits.rs"]
mod limits;
#[path = "workspace/run.rs"]
mod run;
#[path = "workspace/run_output.rs"]
mod run_output;
#[path = "workspace/sequences.rs"]
mod sequences;
#[path = "support/mod.rs"]
mod support;

use std::fs;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::time::Duration;

use helpers::lessons_dir;
use socklab::net::{EndpointKind, EndpointSpec, OptValue, PayloadFormat, ReplyMode, SockOpt};
use socklab::workspace::{
    self, CURRENT_VERSION, Layout, Lesson, LessonText, LineEnding, SavedMessage, Workspace, WorkspaceEndpoint,
    WorkspaceError,
};

fn sample() -> Workspace {
    let mut server = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:9000")
        .with_reply(ReplyMode::Chat)
        .with_option(SockOpt::ReuseAddr, OptValue::Bool(true))
        .with_option(SockOpt::RcvBuf, OptValue::Int(65536))
        .with_option(SockOpt::Linger, OptValue::Linger(None))
        .with_option(SockOpt::ReadTimeout, OptValue::Millis(Some(250)));
    server.backlog = 7;
    let mut client = EndpointSpec::new(EndpointKind::TcpClient, "[::1]:80");
    client.connect_timeout = Duration::from_millis(1500);
    let udp = EndpointSpec::new(EndpointKind::Udp, "0.0.0.0:0")
        .with_peer("127.0.0.1:9001")
        .with_option(SockOpt::JoinMulticast, OptValue::Group(IpAddr::V4(Ipv4Addr::new(239, 1, 2, 3))));
    let unix = EndpointSpec::new(EndpointKind::UnixServer, "/tmp/sock \"lab\".sock");
    let ep = |name: &str, spec, autostart| WorkspaceEndpoint { name: name.into(), spec, autostart };
    let msg = |name: &str, payload: &str, format, line_ending| SavedMessage {
        name: name.into(),
        payload: payload.into(),
        format,
        line_ending,
    };
    Workspace {
        version: CURRENT_VERSION,
        endpoints: vec![
            ep("chat \"room\" ☕", server, true),
            ep("client", client, false),
            ep("udp", udp, true),
            ep("unix", unix, false),
        ],
        messages: vec![
            msg("text", "a\\tb\\r\\n\\x00 \"quoted\" é", PayloadFormat::Text, LineEnding::CrLf),
            msg("hex", "de ad be ef", PayloadFormat::Hex, LineEnding::None),
            msg("b64", "aGVsbG8=", PayloadFormat::Base64, LineEnding::Lf),
        ],
        layout: Layout { show_inspector: false, show_log: true, selected: Some(2) },
        lesson: Lesson {
            title: "Chat \"room\" ☕".into(),
            teaches: "One server,\nmany clients.\n\nA second paragraph.".into(),
            steps: vec!["Start it".into(), "Type `hi` and press Enter".into()],
            translations: [(
                "zh-CN".to_string(),
                LessonText {
                    title: "聊天“室” ☕".into(),
                    teaches: "一个服务器，\n许多客户端。".into(),
                    steps: vec!["启动它".into(), "输入 `hi` 后按回车".into()],
                },
            )]
            .into(),
        },
    }
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).expect("write test file");
    p
}

fn dir_entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").file_name().to_string_lossy().into()).collect();
    v.sort();
    v
}

#[test]
fn save_then_load_gives_the_same_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    let ws = sample();
    workspace::save(&path, &ws).expect("save");
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("//"), "header comment: {text}");
    assert_eq!(workspace::load(&path).expect("load"), ws);
    // Saving again writes the same bytes (no churn in version control).
    workspace::save(&path, &ws).expect("save again");
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
    assert_eq!(dir_entries(dir.path()), vec!["w.ron"]);
}

#[test]
fn saved_messages_give_their_bytes() {
    let ws = sample();
    let bytes: Vec<Vec<u8>> = ws.messages.iter().map(|m| m.bytes().expect("payload")).collect();
    assert_eq!(bytes[0], "a\tb\r\n\0 \"quoted\" é\r\n".as_bytes());
    assert_eq!(bytes[1], [0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(bytes[2], b"hello\n");
}

#[test]
fn an_old_minimal_file_loads_with_defaults() {
    let ws = workspace::parse("(version: 1)", Path::new("min.ron")).expect("minimal file");
    assert_eq!(ws, Workspace::default());
    let text = "(version: 1, endpoints: [(name: \"e\", spec: (kind: Udp, address: \"127.0.0.1:0\"))],\
                messages: [(name: \"m\", payload: \"x\")], layout: (show_log: false, added_later: 3))";
    let ws = workspace::parse(text, Path::new("old.ron")).expect("defaults fill the rest");
    assert!(!ws.endpoints[0].autostart);
    assert_eq!(ws.endpoints[0].spec.reply, ReplyMode::None);
    assert_eq!(ws.messages[0].line_ending, LineEnding::None);
    assert_eq!(ws.layout, Layout { show_log: false, ..Layout::default() });
}

#[test]
fn every_lesson_loads_and_explains_itself() {
    let mut names = Vec::new();
    for entry in fs::read_dir(lessons_dir()).expect("assets/workspaces") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read lesson");
        assert!(text.starts_with("// "), "{} must start with a // comment", path.display());
        assert!(text.contains("Try it"), "{} must say how to try it", path.display());
        let ws = workspace::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(ws.endpoints.iter().any(|e| e.autostart), "{}: nothing starts", path.display());
        for ep in &ws.endpoints {
            assert!(ep.spec.address.starts_with("127.0.0.1:"), "{}: {} is not on loopback", path.display(), ep.name);
        }
        let lesson = &ws.lesson;
        assert!(!lesson.title.is_empty() && !lesson.teaches.is_empty(), "{}: no lesson text", path.display());
        assert!(lesson.steps.len() >= 3, "{}: fewer than three steps", path.display());
        let port = ws.endpoints[0].spec.address.rsplit(':').next().expect("port");
        assert!(lesson.steps.iter().any(|s| s.contains(port)), "{}: no step names port {port}", path.display());
        names.push(path.file_name().expect("name").to_string_lossy().into_owned());
    }
    names.sort();
    assert_eq!(
        names,
        [
            "chat_room.ron",
            "daytime.ron",
            "hello_name.ron",
            "http_by_hand.ron",
            "json_file.ron",
            "nagle.ron",
            "port_in_use.ron",
            "several_clients.ron",
            "tcp_echo.ron",
            "time_wait.ron",
            "udp_echo.ron"
        ]
    );

    let http = workspace::load(lessons_dir().join("http_by_hand.ron")).expect("http lesson");
    assert_eq!(http.endpoints[0].spec.reply, ReplyMode::Http);
    assert_eq!(http.messages[0].bytes().expect("GET"), b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    let ports = workspace::load(lessons_dir().join("port_in_use.ron")).expect("port lesson");
    assert_eq!(ports.endpoints.len(), 2);
    assert_eq!(ports.endpoints[0].spec.address, ports.endpoints[1].spec.address);
    let chat = workspace::load(lessons_dir().join("chat_room.ron")).expect("chat lesson");
    assert!(chat.endpoints[0].spec.options.iter().any(|o| o.opt == SockOpt::ReuseAddr));
    assert_eq!(chat.messages[0].bytes().expect("greeting"), b"hello everyone\n");
    // `None` here is the LineEnding variant, not Option's None.
    assert_eq!(chat.messages[1].line_ending, LineEnding::None);
    let hello = workspace::load(lessons_dir().join("hello_name.ron")).expect("hello lesson");
    let rules: Vec<String> = hello.endpoints[0].spec.rules.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        rules,
        [
            "connect => reply:Welcome!\\n",
            "exact:exit => reply:Bye!${eol} => close",
            "regex:^\\s*$ => ignore",
            "regex:^(.+)$ => reply:Hello, ${1}!${eol}"
        ]
    );
    let udp = workspace::load(lessons_dir().join("udp_echo.ron")).expect("udp lesson");
    assert_eq!(
        (udp.endpoints[0].spec.kind, udp.endpoints[0].spec.address.as_str()),
        (EndpointKind::Udp, "127.0.0.1:9001")
    );
}

/// Loads a broken file; checks it was left as it was and returns the message.
fn refused(name: &str, text: &str) -> (WorkspaceError, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), name, text);
    let err = workspace::load(&path).expect_err("must be refused");
    assert_eq!(fs::read_to_string(&path).expect("read"), text, "a failed load must not touch the file");
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "names the file: {msg}");
    (err, msg)
}

#[test]
fn a_corrupt_file_is_refused_with_its_line_and_column() {
    let text = "// my workspace\n(\n    version: 1,\n    endpoints: [(name: \"a\" spec: ())],\n)\n";
    let (err, msg) = refused("corrupt.ron", text);
    match err {
        WorkspaceError::Syntax { line, column, .. } => assert_eq!((line, column), (4, 28), "{msg}"),
        e => panic!("expected a syntax error, got {e:?}"),
    }
    assert!(msg.contains("line 4, column 28: Expected comma"), "{msg}");
    let (_, msg) = refused("cut.ron", "(version: 1, endpoints: [");
    assert!(msg.contains("line 1, column"), "{msg}");
}

#[test]
fn a_future_version_is_refused_even_if_the_rest_is_unknown() {
    // Version 2 may have kinds and fields this build has never heard of.
    let text = "// from the future\n(\n    endpoints: [(name: \"q\", spec: (kind: QuicServer, address: \"x\", zeta: [1, 2]))],\n    theme: Dark,\n    version: 2,\n)\n";
    let (err, msg) = refused("future.ron", text);
    match err {
        WorkspaceError::TooNew { line, column, found, .. } => assert_eq!((line, column, found), (5, 14, 2)),
        e => panic!("expected TooNew, got {e:?}"),
    }
    assert!(msg.contains("made by a newer socklab (version 2; this one reads up to 1)"), "{msg}");
    assert!(msg.contains("line 5, column 14"), "{msg}");
}

#[test]
fn a_wrong_type_says_what_was_expected() {
    let (err, msg) = refused("type.ron", "(\n  version: \"one\",\n)");
    assert!(matches!(err, WorkspaceError::Syntax { line: 2, column: 12, .. }), "points at the value: {err:?}");
    assert!(msg.contains("line 2, column 12: Expected integer"), "{msg}");
    let (_, msg) = refused(
        "autostart.ron",
        "(version: 1, endpoints: [(name: \"e\", spec: (kind: TcpServer, address: \"127.0.0.1:0\"), autostart: 1)])",
    );
    assert!(msg.contains("line 1, column 98: Expected boolean"), "{msg}");
    let (_, msg) = refused("typo.ron", "(version: 1, endpoint: [])");
    assert!(msg.contains("line 1, column 14: Unexpected field named `endpoint`"), "{msg}");
    assert!(msg.contains("expected one of `version`, `endpoints`"), "{msg}");
}

#[test]
fn an_unusable_endpoint_or_message_is_refused_by_name() {
    let (err, msg) = refused(
        "addr.ron",
        "(version: 1, endpoints: [(name: \"my server\", spec: (kind: TcpServer, address: \"127.0.0.1\"))])",
    );
    assert!(matches!(err, WorkspaceError::Invalid { .. }), "{err:?}");
    assert!(msg.contains("endpoint 'my server'") && msg.contains("no port"), "{msg}");
    let (_, msg) = refused(
        "reply.ron",
        "(version: 1, endpoints: [(name: \"u\", spec: (kind: Udp, address: \"127.0.0.1:0\", reply: Chat))])",
    );
    assert!(msg.contains("endpoint 'u'") && msg.contains("chat"), "{msg}");
    let (_, msg) = refused("msg.ron", "(version: 1, messages: [(name: \"bad hex\", payload: \"zz\", format: Hex)])");
    assert!(msg.contains("message 'bad hex'") && msg.contains("'z'"), "{msg}");
}

#[test]
fn a_lesson_that_cannot_be_shown_is_refused_by_its_part() {
    let (err, msg) = refused("title.ron", "(version: 1, lesson: (title: \"\", steps: [\"start it\"]))");
    assert!(matches!(err, WorkspaceError::Invalid { what: "lesson", .. }), "{err:?}");
    assert!(
        msg.ends_with("lesson '': title: it is empty: a lesson needs a title, e.g. title: \"A TCP echo server\""),
        "{msg}"
    );
    let (_, msg) = refused("step.ron", "(version: 1, lesson: (title: \"Echo\", steps: [\"ok\", \"bad \\u{1b}[2J\"]))");
    assert!(msg.ends_with("lesson 'Echo': step 2: character 5 is U+001B, a control or direction character that is not shown as text: remove it (a line break is written \\n)"), "{msg}");
    let (_, msg) = refused("field.ron", "(version: 1, lesson: (title: \"Echo\", step: []))");
    assert!(msg.contains("Unexpected field named `step`"), "{msg}");
    // A plain workspace writes no lesson at all.
    assert!(!workspace::to_ron(&Workspace::default()).expect("ron").contains("lesson"));
}

#[test]
fn saving_onto_a_directory_fails_and_leaves_everything_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("w.ron");
    fs::create_dir(&target).expect("mkdir");
    let inner = write(&target, "keep.txt", "precious");
    let err = workspace::save(&target, &sample()).expect_err("cannot replace a directory");
    assert!(matches!(err, WorkspaceError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains(&target.display().to_string()), "{err}");
    // rename(2) of a file onto a directory: the call, its paths and the errno.
    let text = err.to_string();
    let call = format!("rename({}/.socklab-save-", dir.path().display());
    assert!(
        text.contains(&call) && text.contains(".tmp, ") && text.contains("failed: EISDIR (Is a directory)"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(inner).expect("read"), "precious");
    assert_eq!(dir_entries(dir.path()), vec!["w.ron"], "no temporary file left behind");
}

#[test]
fn saving_into_a_missing_or_read_only_directory_keeps_the_original() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(workspace::save(dir.path().join("nope/w.ron"), &sample()).is_err());
    assert_eq!(dir_entries(dir.path()), Vec::<String>::new());

    let original = "(version: 1)\n";
    let path = write(dir.path(), "w.ron", original);
    // root ignores directory permissions; the lib's unit tests inject the failure instead.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("running as root: the read-only directory case cannot fail here");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    let result = workspace::save(&path, &sample());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert!(result.is_err());
    assert_eq!(fs::read_to_string(&path).expect("read"), original);
    assert_eq!(dir_entries(dir.path()), vec!["w.ron"]);
}

#[test]
fn saving_over_a_file_replaces_it_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "w.ron", "old contents that are longer than the new ones will be, or not");
    let ws = Workspace::default();
    workspace::save(&path, &ws).expect("save");
    assert_eq!(workspace::load(&path).expect("load"), ws);
    assert_eq!(fs::read_to_string(&path).expect("read"), workspace::to_ron(&ws).expect("ron"));
    assert_eq!(dir_entries(dir.path()), vec!["w.ron"]);
}
