//! The panels moved into the catalogs, each run in the pseudo-locale: no
//! label in the panel may stand outside ⟦ ⟧ but names and data
//! (`tests/support/pseudo.rs`). Each test keeps its language on its own thread.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::app::{AppOptions, SocklabApp};
use socklab::i18n::{self, Lang};
use socklab::model::Status;
use socklab::net::{EndpointKind, EndpointSpec, ReplyMode};

use super::gui_support::{harness_with, rect_of};
use super::pseudo::unlocalized;
use super::wait_until;

pub(super) fn pseudo_harness() -> Harness<'static, SocklabApp> {
    let mut h = harness_with([1280.0, 820.0], AppOptions { language: Some(Lang::Pseudo), ..Default::default() });
    h.run_steps(4);
    assert!(i18n::text("endpoints-title", None).starts_with('⟦'));
    h
}

/// Fails with every label in `region` that is not from the catalogs.
pub(super) fn assert_localized(
    h: &Harness<'_, SocklabApp>,
    what: &str,
    region: Option<egui::Rect>,
    user_data: &[&str],
) {
    let found = unlocalized(h, region, user_data);
    assert!(found.is_empty(), "text not from the catalogs in {what}:\n{}", found.join("\n"));
}

/// A server with a connected client, both in the list.
pub(super) fn server_and_client(h: &mut Harness<'_, SocklabApp>) {
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
    let server = h.state_mut().open_endpoint(&ctx, "srv", spec);
    wait_until(h, "the server", |a| a.model.endpoints[&server].status == Status::Listening);
    let addr = h.state().model.endpoints[&server].local.clone().expect("address").to_string();
    let client = h.state_mut().open_endpoint(&ctx, "cli", EndpointSpec::new(EndpointKind::TcpClient, addr));
    wait_until(h, "the client", |a| {
        a.model.endpoints[&client].status == Status::Connected && a.model.endpoints[&server].conns.len() == 1
    });
    h.run_steps(4);
}

/// The endpoint list: from its heading down to the dock, as wide as it is by default.
fn list_region(h: &Harness<'_, SocklabApp>) -> egui::Rect {
    // The heading, not the Endpoints menu of the same name.
    let title = i18n::text("endpoints-title", None);
    let heading = h.query_all_by_label(&title).find(|n| n.accesskit_node().role() != Role::Button);
    let b = heading.and_then(|n| n.accesskit_node().bounding_box()).expect("the list's heading has a place");
    let heading = egui::Rect::from_min_max(egui::pos2(b.x0 as f32, b.y0 as f32), egui::pos2(b.x1 as f32, b.y1 as f32));
    // The dock's fold button sits on its tab strip.
    let arrows = h.query_all_by_label("▾").chain(h.query_all_by_label("▴"));
    let dock_top = arrows.filter_map(|n| n.accesskit_node().bounding_box()).map(|b| b.y0);
    let bottom = dock_top.fold(h.ctx.content_rect().bottom() as f64, f64::min) as f32 - 2.0;
    egui::Rect::from_min_max(
        egui::pos2(0.0, heading.top() - 4.0),
        egui::pos2(heading.left() + socklab::ui::dock::LIST_DEFAULT - 16.0, bottom),
    )
}

#[test]
fn the_endpoint_list_with_a_server_and_a_client_is_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    assert_localized(&h, "the empty endpoint list", Some(list_region(&h)), &[]);
    server_and_client(&mut h);
    assert_localized(&h, "the endpoint list", Some(list_region(&h)), &["srv", "cli"]);
    // The menu of each, opened.
    for name in ["srv", "cli"] {
        let before = unlocalized(&h, None, &["srv", "cli"]);
        let list = list_region(&h);
        let in_list = |n: &egui_kittest::Node<'_>| {
            n.accesskit_node().role() == Role::Button
                && n.accesskit_node()
                    .bounding_box()
                    .is_some_and(|b| list.contains(egui::pos2(b.x0 as f32, b.y0 as f32)))
        };
        h.query_all_by_label(name).find(in_list).expect("the endpoint in the list").click_secondary();
        h.run_steps(3);
        let menu = i18n::text("endpoints-menu-pop-out", None);
        assert!(h.query_by_label(&menu).is_some(), "{name}'s menu is open");
        // What the menu adds to the window (the panels behind it are other tests' business).
        let new = unlocalized(&h, None, &["srv", "cli"]).into_iter().filter(|f| !before.contains(f));
        let new: Vec<_> = new.collect();
        assert!(new.is_empty(), "text not from the catalogs in {name}'s menu:\n{}", new.join("\n"));
        h.key_press(egui::Key::Escape);
        h.run_steps(3);
    }
}

/// A server whose bind failed (its error in the list) and a UDP socket, at the top of the list.
#[test]
fn the_endpoint_list_with_a_failed_server_is_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("hold a port");
    let port = taken.local_addr().expect("addr").port();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::TcpServer, format!("127.0.0.1:{port}"));
    let failed = h.state_mut().open_endpoint(&ctx, "taken", spec);
    let udp = h.state_mut().open_endpoint(&ctx, "dgram", EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0"));
    wait_until(&mut h, "the bind to fail and the socket to bind", |a| {
        a.model.endpoints[&failed].status == Status::Error && a.model.endpoints[&udp].status == Status::Bound
    });
    h.state_mut().selection = None;
    h.run_steps(4);
    assert!(h.query_all_by_label_contains("EADDRINUSE").count() >= 1, "the error is in the list");
    assert_localized(&h, "the endpoint list", Some(list_region(&h)), &["taken", "dgram"]);
}

/// The dock's tab strip and the event log's filters, with entries in the log
/// (the entries' own words come from the engine and are not checked here).
#[test]
fn the_event_log_filters_and_the_dock_tabs_are_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    server_and_client(&mut h);
    assert!(h.state().model.log.entries().len() >= 3, "the log has entries");
    // Nothing selected: no inspector above the dock, the welcome page in the centre.
    h.state_mut().selection = None;
    h.run_steps(4);
    // Two bands across the window: the tab strip (its fold button) and the filters
    // (the "show" label); the rows below scroll, and a scrolled-out row keeps a place.
    let arrows = h.query_all_by_label("▾").chain(h.query_all_by_label("▴"));
    let strip = arrows.filter_map(|n| n.accesskit_node().bounding_box()).next().expect("the dock's fold button");
    let show = rect_of(&h, &i18n::text("log-show", None));
    let width = h.ctx.content_rect().right();
    let band =
        |top: f32, bottom: f32| egui::Rect::from_min_max(egui::pos2(0.0, top - 2.0), egui::pos2(width, bottom + 2.0));
    // Rows scrolled out of view keep a place under the filters: their words are the engine's.
    let entries = h.state().model.log.entries().iter().flat_map(|e| [e.call.to_string(), e.summary.clone()]);
    let mut data: Vec<String> = entries.collect();
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let data: Vec<&str> = data.iter().map(String::as_str).chain(["srv", "cli"]).collect();
    for region in [band(strip.y0 as f32, strip.y1 as f32), band(show.top(), show.bottom())] {
        assert_localized(&h, "the dock's tabs and the event log's filters", Some(region), &data);
    }
}

/// What opening a window adds to the window's labels that is not from the catalogs.
pub(super) fn added_by(
    h: &mut Harness<'_, SocklabApp>,
    user_data: &[&str],
    open: impl FnOnce(&mut Harness<'_, SocklabApp>),
) -> Vec<String> {
    let before = unlocalized(h, None, user_data);
    open(h);
    h.run_steps(4);
    unlocalized(h, None, user_data).into_iter().filter(|f| !before.contains(f)).collect()
}

/// The "new endpoint" form of each kind, with errors at its fields. The reply
/// modes' names and descriptions are the engine's words (src/net) and not checked.
#[test]
fn the_new_endpoint_form_of_each_kind_is_all_from_the_catalogs() {
    let modes = ReplyMode::ALL.iter().flat_map(|m| [m.name(), m.describe()]);
    let mut engine: Vec<&str> = modes.collect();
    engine.sort_by_key(|d| std::cmp::Reverse(d.len()));
    for kind in ["kind-tcp-server", "kind-tcp-client", "kind-udp", "kind-unix-socket"] {
        let mut h = pseudo_harness();
        let button = format!("+ {}", i18n::text(kind, None));
        let found = added_by(&mut h, &engine, |h| h.get_by_label(&button).click());
        let form_start = format!("▶ {}", i18n::text("form-start", None));
        assert!(h.query_by_label(&form_start).is_some(), "the form opened from {button}");
        assert!(found.is_empty(), "text not from the catalogs in the form for {kind}:\n{}", found.join("\n"));
        // Errors at their fields: no name, a host with a space (or no path), an option on.
        let found = added_by(&mut h, &engine, |h| {
            h.get_by_label(&i18n::text("form-name", None)).set_text_value_accesskit("");
            h.run_steps(2);
            let host = [i18n::text("form-bind-host", None), i18n::text("form-connect-host", None)];
            if let Some(field) = host.iter().find_map(|l| h.query_by_label(l)) {
                field.set_text_value_accesskit("my host");
            } else if let Some(field) = h.query_by_label(&i18n::text("form-path", None)) {
                field.set_text_value_accesskit("");
            }
            h.run_steps(2);
            h.get_by_label("SO_RCVBUF").click();
        });
        let found: Vec<_> = found.into_iter().filter(|f| !f.contains("my host")).collect();
        assert!(found.is_empty(), "text not from the catalogs in the form's errors for {kind}:\n{}", found.join("\n"));
    }
}

/// The unsaved-changes question, asked before a new workspace replaces the changed one.
#[test]
fn the_unsaved_changes_question_is_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    server_and_client(&mut h);
    assert!(h.state().is_dirty(), "opening endpoints changed the workspace");
    let found = added_by(&mut h, &["srv", "cli"], |h| h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N));
    let title = i18n::text("unsaved-title", None);
    assert!(h.query_by_label(&title).is_some(), "the question is asked");
    assert!(found.is_empty(), "text not from the catalogs in the question:\n{}", found.join("\n"));
}
