//! A lesson in the app: its text in the centre when the workspace opens, the
//! welcome page aimed at its own server, and the text readable on a
//! projector (1024×768 at 150 %), wrapped inside the window.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use socklab::app::{AppOptions, SocklabApp};
use socklab::model::Status;
use socklab::net::Addr;
use socklab::workspace;

use super::gui_support::{rect_of, shown_text};
use super::{WINDOW, harness_with, wait_until};

/// The TCP echo lesson as shipped, its server moved to a free port and not
/// started on open (so the welcome page offers to start it).
fn echo_lesson(dir: &std::path::Path) -> (std::path::PathBuf, u16, workspace::Lesson) {
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/workspaces/tcp_echo.ron");
    let mut ws = workspace::load(shipped).expect("the shipped lesson loads");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    for e in &mut ws.endpoints {
        e.spec.address = format!("127.0.0.1:{port}");
        e.autostart = false;
    }
    let path = dir.join("echo lesson.ron");
    workspace::save(&path, &ws).expect("save the lesson");
    (path, port, ws.lesson)
}

fn open(size: [f32; 2], path: &std::path::Path) -> Harness<'static, SocklabApp> {
    let mut h = harness_with(size, AppOptions { workspace: Some(path.to_path_buf()), ..Default::default() });
    wait_until(&mut h, "the lesson to open", |a| a.lesson_shown());
    h.run_steps(2);
    h
}

#[test]
fn a_lesson_opens_on_its_text_and_the_welcome_page_starts_its_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, port, lesson) = echo_lesson(dir.path());
    let mut h = open(WINDOW, &path);
    assert_eq!(lesson.title, "A TCP echo server");
    assert!(h.query_by_label(&lesson.title).is_some(), "the title is shown");
    assert!(h.query_by_label_contains("TCP is a byte stream").is_some(), "what it teaches is shown");
    for (i, step) in lesson.steps.iter().enumerate() {
        // Backquoted code is shown without its quotes.
        let shown = format!("{}. {}", i + 1, step.replace('`', ""));
        assert!(h.query_by_label(&shown).is_some(), "step {} is shown whole: {shown}", i + 1);
    }

    h.get_by_label("Close the lesson").click();
    h.run_steps(2);
    assert!(!h.state().lesson_shown());
    assert!(h.query_by_label_contains("Reopen the last workspace").is_none(), "the open file is not offered again");
    let start = format!("▶ Start echo server on 127.0.0.1:{port}");
    h.get_by_label(&start).click();
    wait_until(&mut h, "the lesson's server to listen on its port", |a| {
        a.model
            .endpoints
            .values()
            .any(|e| e.status == Status::Listening && matches!(&e.local, Some(Addr::Inet(l)) if l.port() == port))
    });
    assert_eq!(h.state().model.endpoints.len(), 1, "the listed server started, no second one");

    h.get_by_label("📖 Lesson").click();
    h.run_steps(2);
    assert!(h.state().lesson_shown(), "the Lesson button brings the text back");
    assert!(h.query_by_label(&lesson.title).is_some());
}

#[test]
fn without_a_server_the_welcome_page_offers_an_echo_server() {
    let h = {
        let mut h = harness_with(WINDOW, AppOptions::default());
        h.run_steps(2);
        h
    };
    assert!(h.query_by_label("▶ Start an echo server on 127.0.0.1:9999").is_some());
    assert!(h.query_by_label("📖 Lesson").is_none(), "no lesson, no button");
}

#[test]
fn a_lesson_reads_whole_on_a_projector_at_150_percent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _, lesson) = echo_lesson(dir.path());
    let mut h = open([1024.0, 768.0], &path);
    h.ctx.set_zoom_factor(1.5);
    h.run_steps(4);
    let window = h.ctx.content_rect();
    assert!(window.width() < 700.0, "the zoom applies: {window:?}");
    let last = format!("{}. {}", lesson.steps.len(), lesson.steps[lesson.steps.len() - 1].replace('`', ""));
    for text in [lesson.title.as_str(), last.as_str()] {
        let rect = h.get_by_label(text).rect();
        assert!(rect.min.x >= window.min.x && rect.max.x <= window.max.x + 0.5, "{text:?} at {rect:?} in {window:?}");
        assert!(rect.height() > 30.0 || text == lesson.title, "a long step wraps onto lines: {rect:?}");
    }
}

#[test]
fn the_endpoint_list_aims_its_start_button_at_the_lessons_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, port, _) = echo_lesson(dir.path());
    let h = open(WINDOW, &path);
    // The lesson is in the centre: the list carries the first step, aimed at the lesson's port.
    assert!(h.query_by_label(&format!("▶ Start echo server on 127.0.0.1:{port}")).is_some());
    assert!(h.query_by_label_contains("127.0.0.1:9999").is_none(), "not the default port");
}

/// The lesson page's own words in the pseudo-locale: all from the catalogs;
/// the lesson's text is the workspace's, as written.
#[test]
fn the_lesson_page_in_the_pseudo_locale_has_no_text_outside_the_catalogs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _, lesson) = echo_lesson(dir.path());
    let shown_path = path.display().to_string();
    let options =
        AppOptions { workspace: Some(path), language: Some(socklab::i18n::Lang::Pseudo), ..Default::default() };
    let mut h = harness_with(WINDOW, options);
    wait_until(&mut h, "the lesson to open", |a| a.lesson_shown());
    h.run_steps(2);
    // The notice that says it opened.
    let notice = shown_text(&h.get_by_label_contains(&shown_path));
    assert!(notice.starts_with('⟦'), "{notice}");
    assert_eq!(super::pseudo::foreign_words(&notice, &[&shown_path]), Vec::<String>::new(), "{notice}");
    let kicker = rect_of(&h, &socklab::i18n::text("lesson-kicker", None));
    let close = rect_of(&h, &socklab::i18n::text("lesson-close", None));
    let page = egui::Rect::from_min_max(
        egui::pos2(kicker.left() - 4.0, kicker.top() - 4.0),
        egui::pos2(h.ctx.content_rect().right(), close.bottom() + 4.0),
    );
    let mut data: Vec<String> = lesson.teaches.split("\n\n").map(|p| p.trim().replace('`', "")).collect();
    data.extend(lesson.steps.iter().enumerate().map(|(i, s)| format!("{}. {}", i + 1, s.trim().replace('`', ""))));
    data.push(lesson.title.clone());
    let data: Vec<&str> = data.iter().map(String::as_str).collect();
    let found = super::pseudo::unlocalized(&h, Some(page), &data);
    assert!(found.is_empty(), "text not from the catalogs on the lesson page:\n{}", found.join("\n"));
    // The menu bar with its Lesson button (the workspace's name is the file's).
    let button = rect_of(&h, &socklab::ui::lesson::button());
    let bar = egui::Rect::from_min_max(
        egui::pos2(0.0, button.top() - 2.0),
        egui::pos2(h.ctx.content_rect().right(), button.bottom() + 2.0),
    );
    let name = path_stem(&shown_path);
    let found = super::pseudo::unlocalized(&h, Some(bar), &[&name]);
    assert!(found.is_empty(), "text not from the catalogs in the menu bar:\n{}", found.join("\n"));
}

fn path_stem(path: &str) -> String {
    std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn the_lesson_page_in_chinese_shows_the_lessons_chinese_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _, lesson) = echo_lesson(dir.path());
    let zh = lesson.page_in(socklab::i18n::Lang::ZhCn);
    assert!(zh.title.starts_with("TCP 回显"), "the shipped lesson has its Chinese: {}", zh.title);
    let options = AppOptions { workspace: Some(path), language: Some(socklab::i18n::Lang::ZhCn), ..Default::default() };
    let mut h = harness_with(WINDOW, options);
    wait_until(&mut h, "the lesson to open", |a| a.lesson_shown());
    h.run_steps(2);
    assert!(h.query_by_label(zh.title).is_some(), "the Chinese title is shown: {}", zh.title);
    assert!(h.query_by_label(&lesson.title).is_none(), "not the English one");
    let first = format!("1. {}", zh.steps[0].replace('`', ""));
    assert!(h.query_by_label(&first).is_some(), "the first step in Chinese: {first}");
}

#[test]
fn every_shipped_lessons_chinese_has_its_glyphs_in_the_fonts_the_app_installs() {
    let h = harness_with([400.0, 300.0], AppOptions::default());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/workspaces");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the lessons").flatten() {
        let ws = workspace::load(entry.path()).unwrap_or_else(|e| panic!("{e}"));
        let page = ws.lesson.page_in(socklab::i18n::Lang::ZhCn);
        let text = format!("{}{}{}", page.title, page.teaches, page.steps.concat());
        let font = egui::FontId::proportional(14.0);
        let lacking: String =
            text.chars().filter(|c| *c != '\n' && !h.ctx.fonts_mut(|f| f.has_glyph(&font, *c))).collect();
        if !lacking.is_empty() {
            missing.push(format!("{}: {lacking:?}", entry.path().display()));
        }
    }
    assert!(missing.is_empty(), "no glyph for:\n{}", missing.join("\n"));
}
