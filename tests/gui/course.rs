//! The course in the app: an endpoint's "Code" tab (Python or Rust, copied to
//! the clipboard) and a guided lab whose steps tick as they are really done.

use egui::OutputCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use socklab::app::{AppOptions, SocklabApp};
use socklab::i18n::{Lang, text_in};
use socklab::lab::StepState;
use socklab::model::Status;
use socklab::net::frame::{FrameSpec, Framing};
use socklab::net::{EndpointKind, EndpointSpec, ReplyMode};
use socklab::ui::code::{RUST, copy, tab_code, tab_conversation};

use super::gui_support::{echo_lab, shown_text};
use super::{WINDOW, harness, harness_with, start_from_form, status_of, wait_until};

/// The text the app asked to put on the clipboard in the last frame, if any.
fn copied(h: &Harness<'_, SocklabApp>) -> Option<String> {
    h.output().platform_output.commands.iter().find_map(|c| match c {
        OutputCommand::CopyText(text) => Some(text.clone()),
        _ => None,
    })
}

#[test]
fn the_code_tab_shows_an_echo_server_in_python_copies_it_and_switches_to_rust() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(ReplyMode::Echo);
    h.state_mut().open_endpoint(&ctx, "echo", spec);
    wait_until(&mut h, "the server to listen", |a| status_of(a, EndpointKind::TcpServer) == Some(Status::Listening));
    assert!(h.query_by_label_contains("socket.socket(").is_none(), "the conversation shows first");

    h.get_by_label(&tab_code()).click();
    h.run_steps(3);
    let text = shown_text(&h.get_by_label_contains("socket.socket("));
    assert!(text.contains("bind(") && text.contains("listen("), "a server's calls: {text}");
    assert!(h.query_by_label_contains("run it with python3").is_some(), "how to run it");

    h.get_by_label(&copy()).click();
    // The click lands in the next frame; that frame's output carries the copy.
    let mut on_clipboard = None;
    for _ in 0..4 {
        h.step();
        on_clipboard = on_clipboard.or_else(|| copied(&h));
    }
    assert_eq!(on_clipboard.as_deref(), Some(text.as_str()), "Copy puts the whole program on the clipboard");

    h.get_by_label(RUST).click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("socket2::").is_some(), "the Rust program uses socket2");
    assert!(h.query_by_label_contains("socket.socket(").is_none(), "the Python is gone");
    assert!(h.query_by_label_contains("[dependencies], then: cargo run").is_some(), "how to run it");

    h.get_by_label(&tab_conversation()).click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("socket2::").is_none(), "back to the conversation");
    assert!(h.query_by_label("Message").is_some(), "with its composer");
}

#[test]
fn the_code_tab_shows_the_rust_program_of_an_endpoint_with_rules() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0")
        .with_frame(FrameSpec::new(Framing::Line))
        .with_rule("regex:^(.+)$ => reply:Hello, ${1}!${eol}".parse().expect("rule"));
    h.state_mut().open_endpoint(&ctx, "hello", spec);
    wait_until(&mut h, "the server to listen", |a| status_of(a, EndpointKind::TcpServer) == Some(Status::Listening));
    h.get_by_label(&tab_code()).click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("def answer(").is_some(), "the Python program with its rules");
    h.get_by_label(RUST).click();
    h.run_steps(3);
    let text = shown_text(&h.get_by_label_contains("fn answer("));
    assert!(text.contains("RULE_1.captures(line)") && text.contains("struct Framer"), "the rules and framer: {text}");
    assert!(h.query_by_label_contains(&text_in(Lang::En, "code-cannot", None)).is_none(), "no refusal");
    assert!(h.query_by_label_contains("regex = \"1\" under [dependencies]").is_some(), "both dependencies named");
}

#[test]
fn the_code_tab_follows_the_language_of_the_window() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(ReplyMode::Echo);
    h.state_mut().open_endpoint(&ctx, "echo", spec);
    wait_until(&mut h, "the server to listen", |a| status_of(a, EndpointKind::TcpServer) == Some(Status::Listening));
    h.get_by_label(&tab_code()).click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("# listen() makes it a server").is_some(), "English first");

    socklab::i18n::set_language(Lang::ZhCn);
    h.run_steps(3);
    assert!(h.query_by_label_contains("# 监听 listen() 让它成为服务器").is_some(), "the comments in Chinese");
    assert!(h.query_by_label_contains("# listen() makes it a server").is_none(), "no English comment left");
    assert!(h.query_by_label_contains("server.listen(").is_some(), "the same code");

    socklab::i18n::set_language(Lang::En);
    h.run_steps(3);
    assert!(h.query_by_label_contains("# listen() makes it a server").is_some(), "back in English");
}

#[test]
fn the_code_tab_says_plainly_when_no_program_can_be_written() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    // A UDP socket has no "chat" reply: codegen refuses it, whatever the engine does.
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_reply(ReplyMode::Chat);
    h.state_mut().open_endpoint(&ctx, "odd", spec);
    h.run_steps(3);
    h.get_by_label(&tab_code()).click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("No program can be written").is_some());
    assert!(h.query_by_label_contains("reply mode chat does not apply").is_some(), "the reason, as codegen gives it");
    assert!(h.query_by_label(&copy()).is_none(), "nothing to copy");
}

fn step_state(app: &SocklabApp, i: usize) -> Option<StepState> {
    app.lab_run().and_then(|r| r.states().get(i).copied())
}

fn done(app: &SocklabApp, i: usize) -> bool {
    matches!(step_state(app, i), Some(StepState::Done { .. }))
}

#[test]
fn a_lab_ticks_its_steps_in_the_panel_as_they_are_done_and_can_skip_and_start_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lab = echo_lab(dir.path());
    let mut h = harness_with(WINDOW, AppOptions { lab: Some(lab), ..Default::default() });
    wait_until(&mut h, "the lab's server to listen", |a| {
        a.lab_run().is_some() && status_of(a, EndpointKind::TcpServer) == Some(Status::Listening)
    });
    wait_until(&mut h, "the first step to tick", |a| done(a, 0));
    h.run_steps(3);
    assert!(h.query_by_label_contains("The server's four calls").is_some(), "the lab's summary");
    assert!(h.query_by_label_contains("✔ 1. Start the echo server").is_some(), "step 1 ticked");
    assert!(h.query_by_label_contains("▶ 2. Connect a client").is_some(), "step 2 is current");
    assert!(h.query_by_label_contains("Waiting for: one server has 1 connections").is_some());
    assert!(h.query_by_label_contains("· 3. From a socklab client").is_some(), "step 3 waits");
    assert!(h.query_by_label("1 of 4 steps done").is_some());

    // Connect a client through the app: the form is aimed at the lab's server.
    start_from_form(&mut h, "+ TCP client", None);
    wait_until(&mut h, "the connection to tick step 2", |a| done(a, 1));
    h.run_steps(3);
    assert!(h.query_by_label_contains("✔ 2. Connect a client").is_some(), "step 2 ticked in the panel");

    let message = h.get_by_label("Message");
    message.focus();
    message.type_text("hello");
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    wait_until(&mut h, "the echo to tick step 3", |a| done(a, 2));
    h.run_steps(3);
    assert!(h.query_by_label_contains("✔ 3. From a socklab client").is_some());
    assert!(h.query_by_label("3 of 4 steps done").is_some());
    assert!(h.query_by_label(&format!("✔ {}", socklab::i18n::text("labpanel-complete", None))).is_none());

    h.get_by_label(&socklab::i18n::text("labpanel-skip", None)).click();
    h.run_steps(3);
    assert_eq!(step_state(h.state(), 3), Some(StepState::Skipped));
    assert!(h.query_by_label_contains("– 4. Half-close the client").is_some(), "marked skipped");
    assert!(
        h.query_by_label(&format!("✔ {}", socklab::i18n::text("labpanel-complete", None))).is_some(),
        "the lab is complete"
    );

    // Start over: the server still listens and the client is still connected, so
    // steps 1 and 2 tick at once; step 3 waits for a new echo.
    h.get_by_label(&socklab::i18n::text("labpanel-start-over", None)).click();
    h.run_steps(3);
    assert!(done(h.state(), 0) && done(h.state(), 1), "what is still true ticks at once");
    assert_eq!(step_state(h.state(), 2), Some(StepState::Current));
    assert!(h.query_by_label_contains("▶ 3. From a socklab client").is_some());
    assert!(h.query_by_label(&format!("✔ {}", socklab::i18n::text("labpanel-complete", None))).is_none());
    assert!(h.query_by_label("2 of 4 steps done").is_some());
}

#[test]
fn the_labs_menu_lists_the_shipped_labs() {
    let mut h = harness();
    wait_until(&mut h, "the labs to be looked for", |a| a.labs_found().is_some());
    let found = h.state().labs_found().map(<[_]>::len).unwrap_or_default();
    assert_eq!(found, 9, "one lab per topic of the tutorials");
    h.get_by_label(&socklab::ui::lab::menu()).click();
    h.run_steps(3);
    for title in ["A TCP echo server", "Nagle and TCP_NODELAY"] {
        assert!(h.query_by_label(title).is_some(), "{title} is offered");
    }
}

#[test]
fn a_lab_in_chinese_shows_its_steps_in_chinese_and_ticks_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lab = echo_lab(dir.path());
    let options = AppOptions { lab: Some(lab), language: Some(Lang::ZhCn), ..Default::default() };
    let mut h = harness_with(WINDOW, options);
    wait_until(&mut h, "the lab to open", |a| a.lab_run().is_some());
    h.run_steps(2);
    let first = text_in(Lang::ZhCn, "lab-tcp-echo-listen", None);
    assert!(first.starts_with("在 127.0.0.1:9000 上启动回显服务器"), "{first}");
    assert!(h.query_by_label_contains(&first).is_some(), "the first step in Chinese");
    // The lab's title, and the lesson page's (the same workspace), both in Chinese.
    assert!(h.query_all_by_label("TCP 回显 (echo) 服务器").count() >= 1, "the title in Chinese");
    assert!(h.query_by_label("A TCP echo server").is_none(), "no English title");

    // The workspace's server really starts; its listen() ticks the step.
    wait_until(&mut h, "the lab's server to listen", |a| {
        status_of(a, EndpointKind::TcpServer) == Some(Status::Listening)
    });
    wait_until(&mut h, "the first step to tick", |a| done(a, 0));
    h.run_steps(3);
    assert!(h.query_by_label_contains(&format!("✔ 1. {first}")).is_some(), "step 1 ticked, in Chinese");
    assert!(h.query_by_label_contains("▶ 2. 连上一个客户端").is_some(), "step 2 is current");
    assert!(h.query_by_label_contains("同一个服务器同时开着 1 个连接").is_some(), "what it waits for, in Chinese");
    assert!(h.query_by_label_contains("Connect a client").is_none(), "no English step left");
}

#[test]
fn the_labs_menu_lists_the_labs_in_the_language_of_the_moment() {
    let mut h = harness_with(WINDOW, AppOptions { language: Some(Lang::ZhCn), ..Default::default() });
    wait_until(&mut h, "the labs to be looked for", |a| a.labs_found().is_some());
    h.get_by_label(&socklab::ui::lab::menu()).click();
    h.run_steps(3);
    for title in ["TCP 回显 (echo) 服务器", "Nagle 算法与 TCP_NODELAY"] {
        assert!(h.query_by_label(title).is_some(), "{title} is offered");
    }
    assert!(h.query_by_label("A TCP echo server").is_none(), "no English title");
}
