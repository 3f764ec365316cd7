//! The language switch and the pseudo-locale on the screen converted so far
//! (the welcome page). Each test keeps its language on its own thread.

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::app::AppOptions;
use socklab::codegen;
use socklab::i18n::{self, Lang};

use super::gui_support::harness_with;
use super::pseudo::unlocalized;

#[test]
fn switching_the_language_in_the_view_menu_repaints_the_welcome_page_in_chinese() {
    let mut h = harness_with([1100.0, 640.0], AppOptions::default());
    h.run_steps(4);
    h.get_by_label("Welcome to socklab");
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("中文").click();
    h.run_steps(4);
    assert_eq!(i18n::language(), Lang::ZhCn);
    assert_eq!(h.state().settings.language.as_deref(), Some("zh-CN"), "the choice is remembered");
    h.get_by_label("欢迎使用 socklab");
    h.get_by_label("▶ 在 127.0.0.1:9999 启动回显 (echo) 服务器");
    assert!(h.query_by_label("Welcome to socklab").is_none(), "no English left on the page");
    // Close the menu, so the snapshot shows the page alone.
    h.key_press(egui::Key::Escape);
    h.run_steps(4);
    h.snapshot("welcome_zh_cn");

    h.get_by_label(&i18n::text("menu-view", None)).click();
    h.run_steps(2);
    h.get_by_label("English").click();
    h.run_steps(4);
    h.get_by_label("Welcome to socklab");
    assert_eq!(h.state().settings.language.as_deref(), Some("en"));
}

#[test]
fn the_window_starts_in_the_language_picked_before() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("settings.ron");
    std::fs::write(&path, "(language: Some(\"zh-CN\"))").expect("settings written");
    // Not `harness_with`, which starts in English: this thread's language is the app's to choose.
    i18n::isolate_thread();
    i18n::set_language(Lang::En);
    let options = AppOptions { settings_path: Some(path), ..Default::default() };
    let mut h = egui_kittest::Harness::builder()
        .with_size([1100.0, 640.0])
        .build_eframe(move |cc| socklab::app::SocklabApp::new(cc, options.clone()));
    h.run_steps(4);
    assert_eq!(i18n::language(), Lang::ZhCn);
    h.get_by_label("欢迎使用 socklab");
}

#[test]
fn every_chinese_message_has_its_glyphs_in_the_fonts_the_app_installs() {
    let h = harness_with([400.0, 300.0], AppOptions::default());
    let ids = i18n::ids();
    assert!(ids.len() > 10, "{ids:?}");
    let mut missing = Vec::new();
    // The catalogs' messages, and the comments of the programs the Code tab shows.
    let notes = codegen::text::NOTES.iter().map(|(id, _)| (id.to_string(), codegen::text::note_in(Lang::ZhCn, id)));
    let texts = ids.into_iter().map(|id| (id.clone(), Some(i18n::text_in(Lang::ZhCn, &id, None))));
    for (id, text) in texts.chain(notes.map(|(id, t)| (id, t.map(String::from)))) {
        let text = text.unwrap_or_else(|| panic!("{id} has no Chinese"));
        for font in [egui::FontId::proportional(14.0), egui::FontId::monospace(14.0)] {
            let lacking: String = text.chars().filter(|c| !h.ctx.fonts_mut(|f| f.has_glyph(&font, *c))).collect();
            if !lacking.is_empty() {
                missing.push(format!("{id} ({:?}): {lacking:?}", font.family));
            }
        }
    }
    assert!(missing.is_empty(), "no glyph for:\n{}", missing.join("\n"));
}

/// The centre of the window, where the welcome page is: between the
/// endpoint list and the inspector, below the menu bar, above the event log.
fn welcome_region(h: &egui_kittest::Harness<'_, socklab::app::SocklabApp>) -> egui::Rect {
    let (title, last_step) = (i18n::text("welcome-title", None), i18n::text("welcome-step-send", None));
    let heading = h.get_by_label(&title);
    let b = heading.accesskit_node().bounding_box().expect("the heading has a place");
    let step = h.get_by_label(&last_step);
    let s = step.accesskit_node().bounding_box().expect("the last step has a place");
    let (x0, x1) = (b.x0.min(s.x0) as f32, b.x1.max(s.x1) as f32);
    egui::Rect::from_min_max(egui::pos2(x0, b.y0 as f32 - 40.0), egui::pos2(x1, s.y1 as f32 + 120.0))
}

#[test]
fn the_welcome_page_in_the_pseudo_locale_has_no_text_outside_the_catalogs() {
    let mut h = harness_with([1100.0, 640.0], AppOptions { language: Some(Lang::Pseudo), ..Default::default() });
    h.run_steps(4);
    let heading = i18n::text("welcome-title", None);
    assert!(heading.starts_with('⟦'), "{heading}");
    let region = welcome_region(&h);
    let found = unlocalized(&h, Some(region), &[]);
    assert!(found.is_empty(), "text not from the catalogs on the welcome page:\n{}", found.join("\n"));
    // Nor anywhere else in the window: the menu bar and the status bar too.
    let found = unlocalized(&h, None, &[]);
    assert!(found.is_empty(), "text not from the catalogs around the welcome page:\n{}", found.join("\n"));
}

/// The whole window in the pseudo-locale.
#[test]
fn every_label_on_the_first_screen_comes_from_the_catalogs() {
    let mut h = harness_with([1280.0, 820.0], AppOptions { language: Some(Lang::Pseudo), ..Default::default() });
    h.run_steps(4);
    let found = unlocalized(&h, None, &[]);
    assert!(found.is_empty(), "{} labels not from the catalogs:\n{}", found.len(), found.join("\n"));
}

/// The whole window with a server and its client, the server's connection
/// selected (its conversation, composer, inspector and the event log).
#[test]
fn every_label_with_a_conversation_open_comes_from_the_catalogs() {
    let mut h = harness_with([1280.0, 820.0], AppOptions { language: Some(Lang::Pseudo), ..Default::default() });
    h.run_steps(4);
    super::sweep::server_and_client(&mut h);
    let server = h.state().model.endpoints.values().find(|e| e.name == "srv").expect("the server");
    let (id, conn) = (server.id, server.conns.keys().next().copied());
    h.state_mut().selection = Some(socklab::ui::Selection { endpoint: id, conn });
    h.run_steps(4);
    let found = unlocalized(&h, None, &["srv", "cli"]);
    assert!(found.is_empty(), "{} labels not from the catalogs:\n{}", found.len(), found.join("\n"));
}

/// A notice under the menu bar is kept as a message, so a switch repaints it too.
#[test]
fn switching_the_language_repaints_the_notice_under_the_menu_bar() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lab = super::gui_support::echo_lab(dir.path());
    let mut h = harness_with([1100.0, 640.0], AppOptions::default());
    h.run_steps(4);
    h.state_mut().open_lab(lab.clone());
    super::wait_until(&mut h, "the lab's notice", |a| a.notice().is_some());
    h.run_steps(2);
    let path = lab.display().to_string();
    assert!(h.query_by_label(&format!("Opened the lab {path}")).is_some(), "the notice in English");
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("中文").click();
    h.run_steps(4);
    assert!(h.query_by_label(&format!("已打开实验 {path}")).is_some(), "the same notice, now in Chinese");
    assert!(h.query_by_label(&format!("Opened the lab {path}")).is_none());
}

/// The event log keeps what it said as messages: after a switch, the lines
/// already shown (a failed bind's errno, cause and fix) read in the new language.
#[test]
fn switching_the_language_words_the_event_log_s_history_again() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("hold a port");
    let port = taken.local_addr().expect("addr").port();
    let mut h = harness_with([1400.0, 900.0], AppOptions::default());
    let ctx = h.ctx.clone();
    let spec = socklab::net::EndpointSpec::new(socklab::net::EndpointKind::TcpServer, format!("127.0.0.1:{port}"));
    let id = h.state_mut().open_endpoint(&ctx, "taken", spec);
    super::wait_until(&mut h, "the bind to fail", |a| a.model.endpoints[&id].status == socklab::model::Status::Error);
    h.run_steps(3);
    let english = "Address already in use";
    let log_row = |h: &egui_kittest::Harness<'_, socklab::app::SocklabApp>, text: &str| {
        let log_top = h.get_by_label(&i18n::text("log-show", None)).rect().top();
        h.query_all_by_label_contains(text).filter(|n| n.rect().top() > log_top).count()
    };
    assert_eq!(log_row(&h, english), 1, "the log's bind line, in English");
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("中文").click();
    h.run_steps(4);
    assert_eq!(log_row(&h, english), 0, "no English left in the log");
    assert_eq!(log_row(&h, "地址已被占用"), 1, "the same line, now in Chinese");
}
