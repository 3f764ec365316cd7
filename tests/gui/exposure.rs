//! Safe by default: a workspace whose auto-start endpoints would listen beyond
//! this machine is held until the person answers, and each answer does what
//! it says. Opened through the File menu's shortcut with stubbed dialogs.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use socklab::app::{AppOptions, SocklabApp};
use socklab::model::Status;
use socklab::net::{Addr, EndpointKind, EndpointSpec, ReplyMode};
use socklab::workspace::{Workspace, WorkspaceEndpoint};

use super::gui_support::rect_of;
use super::{ChosenPaths, WINDOW, harness_with, wait_until};

const HEADING: &str = "This workspace would listen beyond this machine";

fn entry(name: &str, kind: EndpointKind, address: &str, autostart: bool) -> WorkspaceEndpoint {
    WorkspaceEndpoint {
        name: name.into(),
        spec: EndpointSpec::new(kind, address).with_reply(ReplyMode::None),
        autostart,
    }
}

/// Two exposed auto-start endpoints (IPv4 and IPv6), one on loopback, one exposed but not auto-started.
fn shared_workspace() -> Workspace {
    let mut echo = entry("echo", EndpointKind::TcpServer, "0.0.0.0:0", true);
    echo.spec.reply = ReplyMode::Echo;
    Workspace {
        endpoints: vec![
            echo,
            entry("dgram", EndpointKind::Udp, "[::]:0", true),
            entry("local", EndpointKind::TcpServer, "127.0.0.1:0", true),
            entry("later", EndpointKind::TcpServer, "0.0.0.0:0", false),
        ],
        ..Workspace::default()
    }
}

fn endpoint<'a>(app: &'a SocklabApp, name: &str) -> &'a socklab::model::EndpointState {
    app.model.endpoints.values().find(|e| e.name == name).unwrap_or_else(|| panic!("no endpoint {name}"))
}

/// Opens the workspace with Ctrl+O and waits for the question; checks what it lists and that nothing started.
fn open_and_ask(dir: &std::path::Path) -> Harness<'static, SocklabApp> {
    let path = dir.join("shared.ron");
    socklab::workspace::save(&path, &shared_workspace()).expect("save the workspace");
    let dialogs =
        std::sync::Arc::new(ChosenPaths { save_workspace: Some(dir.join("unused.ron")), ..ChosenPaths::opening(path) });
    let mut h = harness_with(WINDOW, AppOptions { dialogs: Some(dialogs), ..Default::default() });
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_until(&mut h, "the workspace to be listed", |a| a.model.endpoints.len() == 4);
    h.run_steps(2);
    assert!(h.query_by_label(HEADING).is_some(), "the question is asked");
    let lines = [
        "• echo — 0.0.0.0:0: every interface, reachable from the network",
        "• dgram — [::]:0: every interface, reachable from the network",
    ];
    for line in lines {
        assert!(h.query_by_label(line).is_some(), "the question lists {line}");
    }
    assert!(h.query_by_label_contains("local —").is_none(), "loopback endpoints are not listed");
    assert!(h.query_by_label_contains("later —").is_none(), "endpoints that do not auto-start are not listed");
    // Let the engine run a while: nothing may start before the answer.
    h.run_steps(10);
    for e in h.state().model.endpoints.values() {
        assert_eq!(e.status, Status::Idle, "{} waits for the answer", e.name);
    }
    assert!(!h.state().is_dirty());
    h
}

fn listening_on(app: &SocklabApp, name: &str) -> Option<std::net::SocketAddr> {
    let e = endpoint(app, name);
    match (&e.status, &e.local) {
        (Status::Listening | Status::Bound, Some(Addr::Inet(a))) => Some(*a),
        _ => None,
    }
}

#[test]
fn start_anyway_starts_them_as_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open_and_ask(dir.path());
    h.get_by_label("Start anyway").click();
    wait_until(&mut h, "echo and local to listen", |a| {
        listening_on(a, "echo").is_some() && listening_on(a, "local").is_some()
    });
    h.run_steps(2);
    assert!(h.query_by_label(HEADING).is_none(), "the question is gone");
    let echo = listening_on(h.state(), "echo").expect("echo listens");
    assert!(echo.ip().is_unspecified(), "bound as written: {echo}");
    assert_eq!(endpoint(h.state(), "dgram").spec.address, "[::]:0");
    assert_eq!(endpoint(h.state(), "later").status, Status::Idle);
    assert!(!h.state().is_dirty(), "nothing changed");
    // Dropping the app closes every endpoint: the all-interfaces socket lives only this long.
    drop(h);
}

#[test]
fn start_on_loopback_rewrites_the_exposed_addresses_and_marks_the_workspace_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open_and_ask(dir.path());
    h.get_by_label("Start on 127.0.0.1 instead").click();
    wait_until(&mut h, "echo and local to listen", |a| {
        listening_on(a, "echo").is_some() && listening_on(a, "local").is_some()
    });
    let echo = listening_on(h.state(), "echo").expect("echo listens");
    assert_eq!(echo.ip(), std::net::Ipv4Addr::LOCALHOST, "on loopback");
    assert_eq!(endpoint(h.state(), "echo").spec.address, "127.0.0.1:0");
    assert_eq!(endpoint(h.state(), "dgram").spec.address, "[::1]:0", "IPv6 becomes ::1, port kept");
    assert_ne!(endpoint(h.state(), "dgram").status, Status::Idle, "it was started");
    assert_eq!(endpoint(h.state(), "later").spec.address, "0.0.0.0:0", "only what was listed is rewritten");
    assert!(h.state().is_dirty(), "the addresses changed: unsaved");
    let saved = h.state().current_workspace();
    assert_eq!(saved.endpoints[0].spec.address, "127.0.0.1:0");
    assert!(saved.endpoints[0].autostart);
}

#[test]
fn dont_start_lists_them_idle_and_starts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open_and_ask(dir.path());
    h.get_by_label("Don't start").click();
    wait_until(&mut h, "local to listen", |a| listening_on(a, "local").is_some());
    h.run_steps(10);
    for name in ["echo", "dgram", "later"] {
        assert_eq!(endpoint(h.state(), name).status, Status::Idle, "{name} is listed, not started");
    }
    assert_eq!(endpoint(h.state(), "echo").spec.address, "0.0.0.0:0");
    assert!(!h.state().is_dirty(), "nothing changed");
    assert!(h.state().current_workspace().endpoints[0].autostart, "still an auto-start endpoint in the file");
    assert!(h.query_by_label(HEADING).is_none());
}

/// The question in the pseudo-locale: its own words from the catalogs; the
/// endpoints' names and addresses as they are.
#[test]
fn the_question_in_the_pseudo_locale_has_no_text_outside_the_catalogs() {
    use socklab::i18n::{self, Lang};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.ron");
    socklab::workspace::save(&path, &shared_workspace()).expect("save the workspace");
    let dialogs = std::sync::Arc::new(ChosenPaths {
        save_workspace: Some(dir.path().join("x.ron")),
        ..ChosenPaths::opening(path)
    });
    let options = AppOptions { dialogs: Some(dialogs), language: Some(Lang::Pseudo), ..Default::default() };
    let mut h = harness_with(WINDOW, options);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_until(&mut h, "the workspace to be listed", |a| a.model.endpoints.len() == 4);
    h.run_steps(2);
    let heading = rect_of(&h, &i18n::text("exposure-title", None));
    let last = rect_of(&h, &i18n::text("exposure-start-anyway", None));
    let question = heading.union(last).expand2(egui::vec2(0.0, 6.0)).with_max_x(heading.left() + 580.0);
    let found = super::pseudo::unlocalized(&h, Some(question), &["echo", "dgram"]);
    assert!(found.is_empty(), "text not from the catalogs in the question:\n{}", found.join("\n"));
    assert!(h.query_all_by_label_contains("echo — 0.0.0.0:0").count() == 1, "the endpoints are listed");
}
