//! The screens a class sees, reached one after another in one harness the way
//! a person would get there: the welcome page, a lesson's workspace opened, a
//! server with two clients, a UDP socket with no destination yet, a server
//! whose bind failed, the option table after a change, the framing and rules
//! editor (with a bad rule's error), the form that opens a new endpoint, the
//! Code tab in Python and in Rust, a client's TCP panel, its Sequence tab and
//! the presenter layout, and a guided lab's panel (at the side, or in the dock
//! where there is no room).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::app::{AppOptions, SocklabApp};
use socklab::i18n;
use socklab::model::Status;
use socklab::net::frame::{FrameSpec, Framing};
use socklab::net::{EndpointId, EndpointKind, EndpointSpec, OptValue, SockOpt};
use socklab::ui::Selection;

use super::gui_support::{ChosenPaths, open, port_of, status, type_new_rule, wait_until};

/// A message long enough to wrap at every size (the chat lesson's key moment).
pub const LONG_MESSAGE: &str =
    "this waits until a newline arrives... and only then does the chat server relay the whole line to everyone";

/// The chat-room lesson, on a port the OS picks so tests never collide.
pub fn lesson_options(dir: &std::path::Path) -> AppOptions {
    let text = include_str!("../../assets/workspaces/chat_room.ron").replace("127.0.0.1:9000", "127.0.0.1:0");
    let path = dir.join("chat_room.ron");
    std::fs::write(&path, text).expect("write the lesson");
    AppOptions { dialogs: Some(Arc::new(ChosenPaths::opening(path))), ..Default::default() }
}

fn select(h: &mut Harness<'_, SocklabApp>, endpoint: EndpointId) {
    h.state_mut().selection = Some(Selection { endpoint, conn: None });
    h.run_steps(3);
}

/// Shows the inspector when the layout has put it behind a tab.
fn show_inspector(h: &mut Harness<'_, SocklabApp>) {
    if h.query_by_label(&i18n::text("inspector-socket-options", None)).is_none()
        && let Some(tab) = h.query_by_label(&socklab::ui::dock::DockTab::Inspector.label())
        && tab.accesskit_node().role() == egui::accesskit::Role::Button
    {
        tab.click_accesskit();
        h.run_steps(3);
    }
}

/// Sends `text` from the selected endpoint's composer, as typed.
fn type_and_send(h: &mut Harness<'_, SocklabApp>, text: &str) {
    let label = i18n::text("composer-message", None);
    let message = h.get_by_label(&label);
    message.focus();
    message.type_text(text);
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(2);
}

/// Steps through every screen, calling `check(name, harness)` on each.
pub fn step_through(
    h: &mut Harness<'_, SocklabApp>,
    lab: &std::path::Path,
    mut check: impl FnMut(&str, &mut Harness<'_, SocklabApp>),
) {
    h.run_steps(4);
    check("welcome", h);

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_until(h, "the lesson's server to listen", |a| {
        a.model.endpoints.values().any(|e| e.status == Status::Listening)
    });
    h.run_steps(4);
    check("lesson opened", h);

    let server = *h.state().model.endpoints.keys().next().expect("the lesson's server");
    let addr = format!("127.0.0.1:{}", port_of(h.state(), server));
    let alice = open(h, "alice", EndpointSpec::new(EndpointKind::TcpClient, addr.clone()));
    let bob = open(h, "bob", EndpointSpec::new(EndpointKind::TcpClient, addr));
    wait_until(h, "two clients", |a| {
        status(a, alice) == Some(Status::Connected)
            && status(a, bob) == Some(Status::Connected)
            && a.model.endpoints.get(&server).is_some_and(|s| s.conns.len() == 2)
    });
    select(h, alice);
    type_and_send(h, LONG_MESSAGE);
    wait_until(h, "bob to get the line", |a| a.model.endpoints.get(&bob).is_some_and(|e| e.msgs_in > 0));
    select(h, server);
    // The inspector's TCP panel keeps the server watched: samples every 250 ms.
    rates_at_rest(h, server);
    settle(h);
    check("server with two clients", h);
    tcp_views(h, alice, &mut check);

    let udp = open(h, "udp", EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0"));
    wait_until(h, "the UDP socket to bind", |a| status(a, udp) == Some(Status::Bound));
    h.run_steps(3);
    check("UDP without a destination", h);

    let taken = TcpListener::bind("127.0.0.1:0").expect("hold a port");
    let port = taken.local_addr().expect("addr").port();
    let failed = open(h, "taken", EndpointSpec::new(EndpointKind::TcpServer, format!("127.0.0.1:{port}")));
    wait_until(h, "the bind to fail", |a| status(a, failed) == Some(Status::Error));
    h.run_steps(3);
    show_inspector(h);
    check("bind failed (EADDRINUSE)", h);

    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0")
        .with_option(SockOpt::RcvBuf, OptValue::Int(65536))
        .with_option(SockOpt::SndBuf, OptValue::Int(65536));
    let tuned = open(h, "tuned", spec);
    wait_until(h, "the options to be read back", |a| {
        a.model.endpoints.get(&tuned).is_some_and(|e| {
            e.options.get(&None).and_then(|o| o.get(&SockOpt::RcvBuf)).is_some_and(|v| v.effective.is_ok())
        })
    });
    h.run_steps(3);
    show_inspector(h);
    assert!(h.query_all_by_label("65536 → 131072").count() == 2, "the option table shows the change");
    settle(h);
    check("options after a change", h);
    // A server with options set: its program calls setsockopt() for each.
    code_tab(h, &mut check);

    // The tutorials' "Hello, name" server, and a rule being typed wrong.
    let mut spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
    spec.frame = FrameSpec::new(Framing::Line);
    spec.rules = [
        "connect => reply:Welcome!\\n",
        "exact:exit => reply:Bye!${eol} => close",
        "regex:^(.+)$ => reply:Hello, ${1}!${eol}",
    ]
    .iter()
    .map(|r| r.parse().expect("a rule"))
    .collect();
    let hello = open(h, "hello", spec);
    wait_until(h, "the hello server to listen", |a| status(a, hello) == Some(Status::Listening));
    show_inspector(h);
    type_new_rule(h, 4, "regex:ab(c => close");
    h.get_by_label(&format!("+ {}", i18n::text("rules-add", None))).scroll_to_me();
    h.run_steps(3);
    assert!(h.query_by_label_contains("unclosed group").is_some(), "the rule's error is shown");
    check("rules editor", h);

    // Labels in the language the window is in.
    h.get_by_label(&format!("+ {}", i18n::text("kind-tcp-client", None))).click();
    h.run_steps(4);
    assert!(h.query_by_label(&format!("▶ {}", i18n::text("form-start", None))).is_some(), "the form is open");
    settle(h);
    check("new endpoint form", h);
    h.get_by_label(&i18n::text("form-cancel", None)).click();
    h.run_steps(3);

    h.state_mut().open_lab(lab.to_path_buf());
    h.run_steps(2);
    if let Some(dont) = h.query_by_label(&i18n::text("unsaved-discard", None)) {
        dont.click();
    }
    wait_until(h, "the lab's first step to tick", |a| {
        a.lab_run().is_some_and(|r| r.current() == Some(1)) && a.model.endpoints.len() == 1
    });
    settle(h);
    assert!(h.query_by_label_contains("✔ 1.").is_some(), "the lab panel shows");
    check("lab panel", h);
}

/// Steps frames until no event is left to apply (a few at least), so what is checked stands still.
fn settle(h: &mut Harness<'_, SocklabApp>) {
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut quiet = 0;
    while quiet < 4 && Instant::now() < deadline {
        h.step();
        let s = h.state().stats;
        quiet = if s.events_last_frame == 0 && s.backlog == 0 { quiet + 1 } else { 0 };
    }
}

/// The selected endpoint's program, in Python and in Rust, then back to its conversation.
fn code_tab(h: &mut Harness<'_, SocklabApp>, check: &mut impl FnMut(&str, &mut Harness<'_, SocklabApp>)) {
    use socklab::ui::code::{PYTHON, RUST, tab_code, tab_conversation};
    h.get_by_label(&tab_code()).click();
    settle(h);
    assert!(h.query_by_label_contains("server.setsockopt(").is_some(), "the Python program sets the options");
    check("code tab (Python)", h);
    h.get_by_label(RUST).click();
    settle(h);
    check("code tab (Rust)", h);
    h.get_by_label(PYTHON).click();
    h.get_by_label(&tab_conversation()).click();
    h.run_steps(3);
}

/// A connected client's TCP panel (the throughput plot folded, so the panel
/// is in view), then its Sequence tab; back to the conversation after.
fn tcp_views(
    h: &mut Harness<'_, SocklabApp>,
    client: EndpointId,
    check: &mut impl FnMut(&str, &mut Harness<'_, SocklabApp>),
) {
    let throughput = i18n::text("inspector-throughput", None);
    let sequence_tab = format!("⇅ {}", i18n::text("code-tab-sequence", None));
    select(h, client);
    show_inspector(h);
    rates_at_rest(h, client);
    wait_until(h, "the kernel's first report", |a| {
        a.model.endpoints.get(&client).and_then(|e| e.tcp.get(Some(0))).is_some_and(|v| v.info.is_some())
    });
    h.get_by_label(&throughput).click();
    settle(h);
    assert!(h.query_by_label("ESTABLISHED").is_some(), "the panel shows the state");
    check("TCP panel", h);
    h.get_by_label(&throughput).click();
    h.get_by_label(&sequence_tab).click();
    settle(h);
    assert!(h.query_by_label_contains(" ↔ ").is_some(), "the ladder's title is drawn (the same in every language)");
    check("sequence tab", h);
    h.get_by_label(&socklab::ui::sequence_view::presenter()).click();
    settle(h);
    assert!(h.query_by_label(&socklab::app::presenter_leave()).is_some(), "the presenter layout is shown");
    check("presenter layout", h);
    h.get_by_label(&socklab::app::presenter_leave()).click();
    h.run_steps(3);
    h.get_by_label(&socklab::ui::code::tab_conversation()).click();
    h.run_steps(3);
}

/// Waits until the endpoint's rates are back to zero. A rate shows for the
/// second after traffic; a frame whose passes straddle its change reads back a
/// stale width for the counter, so screens are checked once it cannot change.
fn rates_at_rest(h: &mut Harness<'_, SocklabApp>, id: EndpointId) {
    // Shown is the last whole second's: at rest once every byte is two seconds old.
    wait_until(h, "the rates to fall back to zero", |a| {
        a.model.endpoints.get(&id).is_some_and(|e| {
            e.rates.series(std::time::SystemTime::now()).iter().all(|&(ago, i, o)| ago <= -2.0 || i + o == 0.0)
        })
    });
}
