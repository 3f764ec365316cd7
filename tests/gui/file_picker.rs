//! File dialogs that never fail silently: with no desktop dialog (a bare X
//! server, a minimal desktop), the app says so and opens its own picker,
//! whose typed path does what the dialog's answer would have.

use std::path::Path;
use std::sync::Arc;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use socklab::app::{Answer, AppOptions, Dialogs, NoDialog, SocklabApp};
use socklab::ui::file_picker::no_dialog_line;
use socklab::workspace;

use super::gui_support::ChosenPaths;
use super::{WINDOW, harness_with, wait_until};

const WHY: &str = "no dialog available";

/// Dialogs on a desktop that has none.
struct NoDialogs;

impl Dialogs for NoDialogs {
    fn open_workspace(&self) -> Answer {
        Err(NoDialog(WHY.into()))
    }
    fn save_workspace(&self, _: &str) -> Answer {
        Err(NoDialog(WHY.into()))
    }
    fn pick_file(&self) -> Answer {
        Err(NoDialog(WHY.into()))
    }
    fn save_file(&self, _: &str, _: &str, _: &str) -> Answer {
        Err(NoDialog(WHY.into()))
    }
}

fn harness() -> Harness<'static, SocklabApp> {
    let mut h = harness_with(WINDOW, AppOptions { dialogs: Some(Arc::new(NoDialogs)), ..Default::default() });
    h.run_steps(2);
    h
}

/// Types `text` into the picker's path field and waits until its folder is listed (`shows` in the list).
fn type_path(h: &mut Harness<'_, SocklabApp>, text: &str, shows: &str) {
    h.get_by_label("Path").set_text_value_accesskit(text);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while h.query_by_label_contains(shows).is_none() {
        assert!(std::time::Instant::now() < deadline, "{shows} never listed");
        h.step();
    }
}

/// The shipped echo lesson, not started on open, in `dir`.
fn lesson_in(dir: &Path) -> std::path::PathBuf {
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/workspaces/tcp_echo.ron");
    let mut ws = workspace::load(shipped).expect("the shipped lesson loads");
    ws.endpoints.iter_mut().for_each(|e| e.autostart = false);
    let path = dir.join("echo.ron");
    workspace::save(&path, &ws).expect("save");
    path
}

#[test]
fn with_no_dialog_the_in_app_picker_opens_a_typed_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lesson = lesson_in(dir.path());
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_until(&mut h, "the in-app picker", SocklabApp::picker_open);
    h.run_steps(2);
    assert!(h.query_by_label(&no_dialog_line(WHY)).is_some(), "it says why no dialog opened");

    // A name that is not there: refused at the picker, nothing opened.
    let folder = dir.path().display().to_string();
    type_path(&mut h, &format!("{folder}/missing.ron"), "echo.ron");
    h.get_by_label("Open").click();
    h.run_steps(2);
    let refusal = format!("there is no file named 'missing.ron' in {folder}: check the name (Tab completes it)");
    assert!(h.query_by_label(&format!("⚠ {refusal}")).is_some(), "the refusal says what and where");
    assert!(h.state().picker_open() && h.state().workspace_path().is_none());

    // Tab completes the name; Open opens it.
    type_path(&mut h, &format!("{folder}/ec"), "echo.ron");
    h.get_by_label("Path").focus();
    h.run_steps(2);
    h.key_press(Key::Tab);
    h.run_steps(2);
    h.get_by_label("Open").click();
    wait_until(&mut h, "the workspace to open", |a| a.workspace_path() == Some(lesson.as_path()));
    assert!(!h.state().picker_open());
    wait_until(&mut h, "its lesson to show", SocklabApp::lesson_shown);
}

#[test]
fn with_no_dialog_save_as_writes_where_the_path_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = socklab::net::EndpointSpec::new(socklab::net::EndpointKind::TcpServer, "127.0.0.1:0");
    h.state_mut().open_endpoint(&ctx, "server", spec);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    wait_until(&mut h, "the in-app picker", SocklabApp::picker_open);
    h.run_steps(2);
    let target = dir.path().join("mine.ron");
    std::fs::write(dir.path().join("marker.txt"), "").expect("write");
    type_path(&mut h, &target.display().to_string(), "marker.txt");
    h.get_by_label("Save").click();
    wait_until(&mut h, "the save to land", |a| !a.is_dirty());
    let saved = workspace::load(&target).expect("the file it wrote loads");
    assert_eq!(saved.endpoints[0].name, "server");
}

/// The picker in the pseudo-locale, with a folder listed and a refusal shown:
/// what it adds to the window is all from the catalogs but the reason the
/// test's dialogs gave, and the paths and names.
#[test]
fn the_picker_in_the_pseudo_locale_has_no_text_outside_the_catalogs() {
    use socklab::i18n::{self, Lang};
    let dir = tempfile::tempdir().expect("tempdir");
    lesson_in(dir.path());
    let options = AppOptions { dialogs: Some(Arc::new(NoDialogs)), language: Some(Lang::Pseudo), ..Default::default() };
    let mut h = harness_with(WINDOW, options);
    h.run_steps(2);
    let before = super::pseudo::unlocalized(&h, None, &[WHY]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_until(&mut h, "the in-app picker", SocklabApp::picker_open);
    h.run_steps(2);
    let folder = dir.path().display().to_string();
    h.get_by_label(&i18n::text("picker-path", None)).set_text_value_accesskit(&format!("{folder}/missing.ron"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while h.query_by_label_contains("echo.ron").is_none() {
        assert!(std::time::Instant::now() < deadline, "the folder is never listed");
        h.step();
    }
    h.get_by_label(&i18n::text("picker-open", None)).click();
    h.run_steps(2);
    let refusal = i18n::text("picker-error-no-such-file", None);
    assert!(h.query_all_by_label_contains("⚠ ⟦").count() >= 2, "the refusal {refusal} and the reason are shown");
    let found = super::pseudo::unlocalized(&h, None, &[WHY]);
    let found: Vec<_> = found.into_iter().filter(|f| !before.contains(f)).collect();
    assert!(found.is_empty(), "text not from the catalogs in the picker:\n{}", found.join("\n"));
}

#[test]
fn a_workspace_that_cannot_be_opened_names_the_call_the_errno_and_a_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.ron");
    let options = AppOptions { dialogs: Some(Arc::new(ChosenPaths::opening(missing.clone()))), ..Default::default() };
    let mut h = harness_with(WINDOW, options);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_until(&mut h, "the failure to be shown", |a| a.notice().is_some());
    let notice = h.state().notice().cloned().expect("a notice");
    assert!(notice.is_error);
    let text = notice.text();
    let want = format!("open({}) failed: ENOENT (No such file or directory). Nothing has this name", missing.display());
    assert!(text.contains(&want), "{text}");
    assert!(h.state().workspace_path().is_none(), "nothing opened");
}
