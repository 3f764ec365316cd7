//! The lab panel: the open lab's title, its steps in order with a tick as
//! each check passes, the current step highlighted with what it waits for, a
//! hint per step, the progress, and Skip / Start over. It only reads the
//! [`LabRun`] the app feeds with events, and pushes [`Action`]s.

use egui::RichText;

use super::Action;
use crate::lab::{LabRun, StepState};
use crate::t;

const DONE_MARK: &str = "✔";
const CURRENT_MARK: &str = "▶";
const WAITING_MARK: &str = "·";
const SKIPPED_MARK: &str = "–";

/// The menu bar's menu listing the shipped labs.
pub fn menu() -> String {
    format!("🎓 {}", t!("labpanel-menu"))
}

/// "3 of 6 steps done"
fn progress_line(done: usize, total: usize) -> String {
    t!("labpanel-progress", done = done, total = total)
}

/// One step's line as shown (and as a screen reader reads it): its mark, number and instruction.
pub fn step_line(state: StepState, number: usize, text: &str) -> String {
    match state {
        StepState::Done { .. } => format!("{DONE_MARK} {number}. {text}"),
        StepState::Current => format!("{CURRENT_MARK} {number}. {text}"),
        StepState::Waiting => format!("{WAITING_MARK} {number}. {text}"),
        StepState::Skipped => format!("{SKIPPED_MARK} {number}. {text} {}", t!("labpanel-skipped")),
    }
}

pub fn show(ui: &mut egui::Ui, run: &LabRun, actions: &mut Vec<Action>) {
    let lab = run.lab();
    // One scroll area (a short dock has little room); the buttons come before the steps.
    egui::ScrollArea::vertical().id_salt("lab-panel").auto_shrink([false, false]).show(ui, |ui| {
        ui.label(RichText::new(t!("labpanel-kicker")).small().weak());
        ui.add(egui::Label::new(RichText::new(lab.title_text()).heading().strong()).wrap());
        let ended = run.states().iter().filter(|s| !matches!(s, StepState::Waiting | StepState::Current)).count();
        ui.label(RichText::new(progress_line(ended, run.states().len())).strong());
        if run.is_finished() {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("✔ {}", t!("labpanel-complete"))).strong().color(done_color(ui)),
                )
                .wrap(),
            );
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(!run.is_finished(), egui::Button::new(t!("labpanel-skip")))
                .on_hover_text(t!("labpanel-skip.hint"))
                .clicked()
            {
                actions.push(Action::LabSkip);
            }
            if ui.button(t!("labpanel-start-over")).on_hover_text(t!("labpanel-start-over.hint")).clicked() {
                actions.push(Action::LabRestart);
            }
            if ui.button(t!("labpanel-close")).on_hover_text(t!("labpanel-close.hint")).clicked() {
                actions.push(Action::CloseLab);
            }
        });
        ui.separator();
        ui.add(egui::Label::new(RichText::new(lab.summary_text()).weak()).wrap());
        ui.add_space(4.0);
        for (i, (step, &state)) in lab.steps.iter().zip(run.states()).enumerate() {
            let line = step_line(state, i + 1, &lab.step_text(step));
            if state == StepState::Current {
                egui::Frame::group(ui.style()).fill(ui.visuals().faint_bg_color).show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(line).strong()).wrap());
                    if let Some(waiting) = run.waiting_for() {
                        let mut text = t!("labpanel-waiting-for", what = waiting.text());
                        if let Some(progress) = run.progress() {
                            text = format!("{text} ({})", progress.text());
                        }
                        ui.add(egui::Label::new(RichText::new(text).italics()).wrap());
                    }
                    hint(ui, &lab.id, i, &lab.hint_text(step));
                });
            } else {
                let text = match state {
                    StepState::Done { .. } => RichText::new(line).color(done_color(ui)),
                    _ => RichText::new(line).weak(),
                };
                ui.add(egui::Label::new(text).wrap());
                hint(ui, &lab.id, i, &lab.hint_text(step));
            }
            ui.add_space(2.0);
        }
    });
}

/// A step's hint, folded until asked for (egui keeps each one's state).
fn hint(ui: &mut egui::Ui, lab: &str, step: usize, text: &str) {
    egui::CollapsingHeader::new(RichText::new(t!("labpanel-hint")).small()).id_salt(("lab-hint", lab, step)).show(
        ui,
        |ui| {
            ui.add(egui::Label::new(text).wrap());
        },
    );
}

fn done_color(ui: &egui::Ui) -> egui::Color32 {
    super::style::status_color(crate::model::Status::Connected, ui.visuals().dark_mode)
}
