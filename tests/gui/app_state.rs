//! What the app keeps besides the model: pop-out windows when an endpoint is
//! started again, and the settings file when it cannot be written or read.

use egui_kittest::kittest::Queryable as _;
use socklab::app::AppOptions;
use socklab::model::Status;
use socklab::net::EndpointKind;

use super::{WINDOW, harness, harness_with, start_from_form, status_of, wait_until};

#[test]
fn starting_an_endpoint_again_closes_the_old_ones_window() {
    let mut h = harness();
    start_from_form(&mut h, "+ UDP socket", Some("0"));
    wait_until(&mut h, "the socket to bind", |a| status_of(a, EndpointKind::Udp) == Some(Status::Bound));
    h.get_by_label("Pop out ↗").click();
    h.run_steps(4);
    assert!(h.get_all_by_label("Message").count() >= 2, "the window is open");
    // Through AccessKit: the popped-out window, drawn inside the headless harness, covers the list.
    h.get_by_label("Close").click_accesskit();
    wait_until(&mut h, "the socket to close", |a| {
        a.model.endpoints.values().all(|e| e.stopped && e.status == Status::Closed)
    });
    h.get_by_label("Start again").click_accesskit();
    wait_until(&mut h, "the socket to bind again", |a| status_of(a, EndpointKind::Udp) == Some(Status::Bound));
    h.run_steps(4);
    assert!(h.query_by_label("This endpoint was removed.").is_none(), "no window left for the old endpoint");
    assert!(h.query_by_label_contains("socklab — ?").is_none());
    assert_eq!(h.get_all_by_label("Message").count(), 1, "only the main window's composer");
}

#[test]
fn a_settings_save_that_fails_is_shown_once_and_tried_again_only_after_a_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("config");
    std::fs::write(&blocker, "a file where the folder should be").expect("write");
    let settings_path = Some(blocker.join("socklab").join("settings.ron"));
    let mut h = harness_with(WINDOW, AppOptions { settings_path, ..Default::default() });
    h.run_steps(4);
    assert!(h.state().notice().is_none(), "a missing file is simply the defaults");
    h.get_by_label("☀ Light").click();
    wait_until(&mut h, "the failure to be shown", |a| a.notice().is_some());
    let notice = h.state().notice().cloned().expect("a notice");
    assert!(notice.is_error);
    let text = notice.text();
    assert!(text.contains("could not be saved") && text.contains("config/socklab"), "{text}");
    h.get_by_label("✖").click();
    h.run_steps(30);
    assert!(h.state().notice().is_none(), "not tried (and failed) again while nothing changed");
    // Back to the defaults (what the file would hold: nothing to save), then a change again.
    h.get_by_label("🌙 Dark").click();
    h.run_steps(4);
    h.get_by_label("☀ Light").click();
    wait_until(&mut h, "the next change to be tried", |a| a.notice().is_some());
}

#[test]
fn a_settings_file_that_does_not_parse_is_kept_aside_and_said_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.ron");
    std::fs::write(&path, "(dark: maybe)").expect("write");
    let mut h = harness_with(WINDOW, AppOptions { settings_path: Some(path.clone()), ..Default::default() });
    h.run_steps(4);
    let notice = h.state().notice().cloned().expect("a notice");
    assert!(notice.text().contains("settings.ron.bak"), "{}", notice.text());
    assert!(h.query_by_label_contains("settings.ron.bak").is_some(), "shown in the banner");
    assert_eq!(std::fs::read_to_string(dir.path().join("settings.ron.bak")).expect("backup"), "(dark: maybe)");
}
