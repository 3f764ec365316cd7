//! The questions the app asks in a modal: unsaved changes before they are
//! lost, and endpoints that would be reachable from the network before they
//! start. Answers are pushed as [`Action`]s.

use egui::RichText;

use super::exposure::HeldStart;
use super::{Pending, SocklabApp};
use crate::t;
use crate::ui::{Action, ExposedAnswer, UnsavedAnswer};

impl SocklabApp {
    pub(super) fn prompts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        // Closing the window with unsaved changes: keep it open and ask.
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.document.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            actions.push(Action::Quit);
        }
        if let Some(pending) = &self.pending {
            unsaved_changes(ctx, &self.document.title(), pending, actions);
        } else if let Some(held) = &self.held {
            exposed_endpoints(ctx, held, actions);
        }
    }
}

fn unsaved_changes(ctx: &egui::Context, title: &str, pending: &Pending, actions: &mut Vec<Action>) {
    egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
        ui.heading(t!("unsaved-title"));
        ui.label(t!("unsaved-changes", title = title));
        ui.label(match pending {
            Pending::New => t!("unsaved-before-new"),
            Pending::Open(_) => t!("unsaved-before-open"),
            Pending::OpenLab(_) => t!("unsaved-before-lab"),
            Pending::Quit => t!("unsaved-before-quit"),
        });
        ui.horizontal(|ui| {
            if ui.button(RichText::new(t!("unsaved-save")).strong()).clicked() {
                actions.push(Action::Unsaved(UnsavedAnswer::Save));
            }
            if ui.button(t!("unsaved-discard")).clicked() {
                actions.push(Action::Unsaved(UnsavedAnswer::Discard));
            }
            if ui.button(t!("unsaved-cancel")).clicked() {
                actions.push(Action::Unsaved(UnsavedAnswer::Cancel));
            }
        });
    });
}

fn exposed_endpoints(ctx: &egui::Context, held: &HeldStart, actions: &mut Vec<Action>) {
    egui::Modal::new(egui::Id::unique("exposed-endpoints")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(t!("exposure-title"));
        ui.label(t!("exposure-explain"));
        ui.add_space(4.0);
        for e in &held.exposed {
            ui.add(egui::Label::new(RichText::new(format!("• {}", e.line())).strong()).wrap());
        }
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(t!("exposure-loopback")).on_hover_text(t!("exposure-loopback.hint")).clicked() {
                actions.push(Action::Exposed(ExposedAnswer::Loopback));
            }
            if ui.button(t!("exposure-dont-start")).on_hover_text(t!("exposure-dont-start.hint")).clicked() {
                actions.push(Action::Exposed(ExposedAnswer::DontStart));
            }
            if ui.button(t!("exposure-start-anyway")).clicked() {
                actions.push(Action::Exposed(ExposedAnswer::StartAnyway));
            }
        });
    });
}
