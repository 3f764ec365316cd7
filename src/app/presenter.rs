//! The presenter layout, for a class on a projector: everything hidden but
//! the connection's TCP state (a large badge), its sequence diagram and its
//! conversation. Entered from the sequence tab; Escape or the button leaves.

use egui::{CentralPanel, Panel, RichText};

use super::SocklabApp;
use crate::t;
use crate::ui::{self, Action, Selection};

/// The button that leaves the layout (tests find it by this).
pub fn leave() -> String {
    format!("✖ {}", t!("presenter-leave"))
}

/// The conversation's share of the width, and its least.
const CONVERSATION_SHARE: f32 = 0.36;
const CONVERSATION_MIN: f32 = 220.0;
const DIAGRAM_MIN: f32 = 360.0;

impl SocklabApp {
    /// Draws the presenter layout for `sel`.
    pub(super) fn presenter_layout(&mut self, ui: &mut egui::Ui, sel: Selection, actions: &mut Vec<Action>) {
        if ui.ctx().input(|i| i.key_pressed(egui::Key::Escape)) {
            actions.push(Action::Presenter(false));
        }
        let Some(ep) = self.model.endpoints.get(&sel.endpoint) else {
            actions.push(Action::Presenter(false));
            return;
        };
        Panel::top("presenter-top").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui.button(leave()).on_hover_text(t!("presenter-leave.hint")).clicked() {
                    actions.push(Action::Presenter(false));
                }
                ui.add(egui::Label::new(RichText::new(&ep.name).heading()).truncate());
            });
            ui::tcp_panel::state_badge(ui, ep, sel);
        });
        let width = ui.available_width();
        let max = (width - DIAGRAM_MIN).max(CONVERSATION_MIN);
        Panel::right("presenter-conversation")
            .resizable(true)
            .default_size((width * CONVERSATION_SHARE).clamp(CONVERSATION_MIN, max))
            .size_range(CONVERSATION_MIN..=max)
            .show(ui, |ui| {
                let view = self.views.entry(sel.endpoint).or_default();
                ui::conversation::show(ui, ep, sel, view, actions);
            });
        CentralPanel::default().show(ui, |ui| {
            ui::sequence_view::show(ui, &self.model, ep, sel, &mut self.sequence_view, true, actions);
        });
    }
}
