//! The centre's lesson page: the open workspace's title, what it teaches and
//! the steps to try, wrapped to a readable width. Shown when a lesson opens
//! and from the "Lesson" button after; closing it shows what was selected.

use egui::text::LayoutJob;
use egui::{FontSelection, RichText, TextFormat, TextStyle};

use super::Action;
use crate::t;
use crate::workspace::Lesson;

/// The menu bar's button that brings the lesson back.
pub fn button() -> String {
    format!("📖 {}", t!("lesson-kicker"))
}

pub fn button_hint() -> String {
    t!("lesson-button-hint")
}

/// Lines longer than this are hard to follow on a projector.
const READABLE_WIDTH: f32 = 760.0;

pub fn show(ui: &mut egui::Ui, lesson: &Lesson, actions: &mut Vec<Action>) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let width = ui.available_width().min(READABLE_WIDTH);
        let margin = ((ui.available_width() - width) / 2.0).max(0.0);
        ui.horizontal_top(|ui| {
            ui.add_space(margin);
            ui.vertical(|ui| {
                ui.set_max_width(width);
                page(ui, lesson, actions);
            });
        });
    });
}

fn page(ui: &mut egui::Ui, lesson: &Lesson, actions: &mut Vec<Action>) {
    let lesson = lesson.page();
    ui.add_space(12.0);
    ui.label(RichText::new(t!("lesson-kicker")).small().weak());
    ui.add(egui::Label::new(RichText::new(lesson.title).heading().strong()).wrap());
    ui.add_space(8.0);
    if !lesson.teaches.trim().is_empty() {
        ui.label(RichText::new(t!("lesson-teaches")).strong());
        for paragraph in lesson.teaches.split("\n\n").filter(|p| !p.trim().is_empty()) {
            ui.add(egui::Label::new(with_code(ui, paragraph.trim())).wrap());
            ui.add_space(4.0);
        }
        ui.add_space(6.0);
    }
    if !lesson.steps.is_empty() {
        ui.label(RichText::new(t!("lesson-steps")).strong());
        for (i, step) in lesson.steps.iter().enumerate() {
            ui.add(egui::Label::new(with_code(ui, &format!("{}. {}", i + 1, step.trim()))).wrap());
            ui.add_space(4.0);
        }
    }
    ui.add_space(10.0);
    if ui.button(t!("lesson-close")).on_hover_text(t!("lesson-close.hint")).clicked() {
        actions.push(Action::ShowLesson(false));
    }
    ui.add_space(12.0);
}

/// Body text, with what stands between backquotes (a command, a value) in
/// monospace; the backquotes themselves are not shown.
fn with_code(ui: &egui::Ui, text: &str) -> LayoutJob {
    let style = ui.style();
    let color = ui.visuals().text_color();
    let body = FontSelection::from(TextStyle::Body).resolve(style);
    let mono = FontSelection::from(TextStyle::Monospace).resolve(style);
    let code_bg = ui.visuals().code_bg_color;
    let mut job = LayoutJob::default();
    for (i, piece) in text.split('`').enumerate() {
        let format = if i % 2 == 1 {
            TextFormat { font_id: mono.clone(), color, background: code_bg, ..Default::default() }
        } else {
            TextFormat { font_id: body.clone(), color, ..Default::default() }
        };
        job.append(piece, 0.0, format);
    }
    job
}
