//! The inspector (summary, counters, loss, the socket options table and the
//! framing & rules editor), the Code tab and the lab panel in the
//! pseudo-locale. The engine's own words (reply modes, why an option does not
//! apply, an option's value) and the lab's text are data here: other sweeps
//! check them.

use std::time::SystemTime;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::app::SocklabApp;
use socklab::i18n;
use socklab::model::Status;
use socklab::net::{EndpointKind, EndpointSpec, Event, EventKind, ReplyMode, SockOpt};
use socklab::ui::Selection;

use super::gui_support::{rect_of, type_new_rule};
use super::pseudo::unlocalized;
use super::sweep::{assert_localized, pseudo_harness, server_and_client};
use super::wait_until;

/// No event log (so no dock under the side panels) and a window tall enough for the whole inspector.
fn tall_pseudo_harness() -> Harness<'static, SocklabApp> {
    let mut h = pseudo_harness();
    h.state_mut().settings.show_log = false;
    h.set_size(egui::vec2(1280.0, 2400.0));
    h.run_steps(4);
    h
}

/// The engine's words the inspector shows: reply modes, why an option does not apply, option values.
fn engine_words(h: &Harness<'_, SocklabApp>) -> Vec<String> {
    let mut words: Vec<String> = ReplyMode::ALL.iter().map(|m| m.name().to_string()).collect();
    for class in [EndpointKind::TcpServer, EndpointKind::Udp].map(EndpointKind::class) {
        for ipv6 in [false, true] {
            let why = SockOpt::ALL.into_iter().filter_map(|o| o.not_applicable(class, ipv6));
            words.extend(why.map(|w| w.split(':').next().unwrap_or(w).to_string()));
        }
    }
    for ep in h.state().model.endpoints.values() {
        for values in ep.options.values() {
            for v in values.values() {
                words.extend(v.effective.as_ref().map(ToString::to_string));
                words.extend(v.effective.as_ref().err().map(|e| format!("({e})")));
                words.extend(v.requested.as_ref().map(ToString::to_string));
            }
        }
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
}

/// Everything right of the inspector's left edge (the side panel), below the menu bar.
fn inspector_region(h: &Harness<'_, SocklabApp>) -> egui::Rect {
    let options = rect_of(h, &i18n::text("inspector-socket-options", None));
    let top = rect_of(h, &i18n::text("menu-file", None)).bottom() + 2.0;
    let right = h.ctx.content_rect().right();
    egui::Rect::from_min_max(egui::pos2(options.left() - 24.0, top), egui::pos2(right, f32::MAX))
}

fn check_inspector(h: &Harness<'_, SocklabApp>, what: &str, names: &[&str]) {
    let words = engine_words(h);
    let data: Vec<&str> = words.iter().map(String::as_str).chain(names.iter().copied()).collect();
    assert_localized(h, what, Some(inspector_region(h)), &data);
}

#[test]
fn the_inspector_of_a_server_its_connection_and_its_rules_is_all_from_the_catalogs() {
    let mut h = tall_pseudo_harness();
    server_and_client(&mut h);
    let server = h.state().model.endpoints.values().find(|e| e.name == "srv").map(|e| e.id).expect("the server");
    // A rule that fired and one that is wrong, with the caret and the reason under it.
    let ctx = h.ctx.clone();
    let mut spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
    spec.rules = vec!["exact:ping => reply:pong".parse().expect("a rule")];
    let hello = h.state_mut().open_endpoint(&ctx, "hello", spec);
    wait_until(&mut h, "the rules server", |a| a.model.endpoints[&hello].status == Status::Listening);
    for (id, conn) in [(server, None), (hello, None)] {
        h.state_mut().selection = Some(Selection { endpoint: id, conn });
        wait_until(&mut h, "its options read back", |a| a.model.endpoints[&id].options.contains_key(&None));
        h.run_steps(4);
        check_inspector(&h, "the inspector of a listening server", &["srv", "cli", "hello"]);
    }
    // Framing & rules: a wrong rule added.
    type_new_rule(&mut h, 2, "regex:ab(c => close");
    h.run_steps(2);
    assert!(h.query_by_label_contains("unclosed group").is_some(), "the rule's error is shown");
    // The parser's reason is its own words; the rule is the user's.
    check_inspector(&h, "the rules editor with a wrong rule", &["srv", "cli", "hello", "unclosed group", "regex:ab(c"]);
    // One connection of the server, with its own socket's options.
    let conn = h.state().model.endpoints[&server].conns.keys().next().copied().expect("a connection");
    h.state_mut().selection = Some(Selection { endpoint: server, conn: Some(conn) });
    h.run_steps(2);
    h.get_by_label(&i18n::text("inspector-read-options", None)).click();
    wait_until(&mut h, "the connection's options", |a| a.model.endpoints[&server].options.contains_key(&Some(conn)));
    h.run_steps(4);
    check_inspector(&h, "the inspector of a connection", &["srv", "cli", "hello"]);
    assert_eq!(
        i18n::text_in(i18n::Lang::En, "rules-rule-hint", None),
        "regex:^(.+)$ => reply:Hello, ${1}!${eol}",
        "the rule language's variables come out of Fluent as they are"
    );
}

#[test]
fn the_inspector_of_a_udp_socket_with_losses_is_all_from_the_catalogs() {
    let mut h = tall_pseudo_harness();
    let ctx = h.ctx.clone();
    let id = h.state_mut().open_endpoint(&ctx, "dgram", EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0"));
    wait_until(&mut h, "the socket to bind", |a| a.model.endpoints[&id].status == Status::Bound);
    h.state_mut().selection = Some(Selection { endpoint: id, conn: None });
    wait_until(&mut h, "its options read back", |a| a.model.endpoints[&id].options.contains_key(&None));
    // Lost by the kernel and echoes not sent, while the burst may still add to them.
    let kind = EventKind::Loss { engine_dropped: 3, kernel_dropped: Some(41_097), echo_dropped: 12, settled: false };
    h.state_mut().model.apply(Event { time: SystemTime::now(), endpoint: id, kind });
    h.run_steps(4);
    assert!(h.query_by_label(&socklab::ui::inspector::still_counting()).is_some(), "the loss is shown");
    check_inspector(&h, "the inspector of a UDP socket with losses", &["dgram"]);
}

#[test]
fn the_code_tab_is_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    server_and_client(&mut h);
    let server = h.state().model.endpoints.values().find(|e| e.name == "srv").map(|e| e.id).expect("the server");
    h.state_mut().selection = Some(Selection { endpoint: server, conn: None });
    h.run_steps(4);
    // What the Code tab adds to the window (the conversation's and the log's words are other tests' business).
    let before = unlocalized(&h, None, &["srv", "cli"]);
    h.get_by_label(&socklab::ui::code::tab_code()).click();
    h.run_steps(4);
    for lang in [socklab::ui::code::PYTHON, socklab::ui::code::RUST] {
        h.get_by_label(lang).click();
        h.run_steps(4);
        // The program itself is the generator's.
        let nodes = h.root().children_recursive();
        let text = nodes.filter_map(|n| n.accesskit_node().label().or_else(|| n.accesskit_node().value()));
        let program: Vec<String> = text.filter(|p| p.lines().count() > 5).collect();
        assert!(!program.is_empty(), "the {lang} program is shown");
        let data: Vec<&str> = program.iter().map(String::as_str).chain(["srv", "cli"]).collect();
        let found: Vec<String> = unlocalized(&h, None, &data).into_iter().filter(|f| !before.contains(f)).collect();
        assert!(found.is_empty(), "text not from the catalogs in the Code tab ({lang}):\n{}", found.join("\n"));
    }
}

#[test]
fn the_lab_panel_is_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    h.state_mut().settings.show_log = false;
    let dir = tempfile::tempdir().expect("tempdir");
    let lab = super::gui_support::echo_lab(dir.path());
    h.state_mut().open_lab(lab);
    wait_until(&mut h, "the lab's first step to tick", |a| a.lab_run().is_some_and(|r| r.current() == Some(1)));
    h.state_mut().selection = None;
    h.run_steps(4);
    // The lab's own text: its title, summary, steps, hints and what a check waits for.
    let run = h.state().lab_run().expect("the lab");
    let lab = run.lab();
    let mut words: Vec<String> = vec![lab.title.clone(), lab.summary.clone()];
    words.extend(lab.steps.iter().flat_map(|s| [s.text.clone(), s.hint.clone()]));
    words.extend(run.waiting_for().map(|w| w.english()));
    words.extend(run.progress().map(|p| p.english()));
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let data: Vec<&str> = words.iter().map(String::as_str).collect();
    let kicker = rect_of(&h, &i18n::text("labpanel-kicker", None));
    let panel = egui::Rect::from_min_max(
        egui::pos2(kicker.left() - 8.0, kicker.top() - 8.0),
        egui::pos2(h.ctx.content_rect().right(), f32::MAX),
    );
    assert_localized(&h, "the lab panel", Some(panel), &data);
}
