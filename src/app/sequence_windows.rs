//! The sequence diagram in its own native window, one per endpoint, each
//! with its own presenter state: a second screen can show the ladder while
//! the main window shows the rest.

use std::collections::BTreeMap;

use egui::CentralPanel;

use super::SocklabApp;
use crate::net::EndpointId;
use crate::t;
use crate::ui::sequence_view::SequenceView;
use crate::ui::{self, Action, Selection};

/// Endpoints whose diagram has a window, with that window's view.
pub(super) type SequenceWindows = BTreeMap<EndpointId, SequenceView>;

impl SocklabApp {
    /// Endpoints whose sequence diagram has its own window (for tests).
    pub fn sequence_windows_open(&self) -> Vec<EndpointId> {
        self.sequence_windows.keys().copied().collect()
    }

    pub(super) fn sequence_windows(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let ids: Vec<EndpointId> = self.sequence_windows.keys().copied().collect();
        for id in ids {
            let Some(ep) = self.model.endpoints.get(&id) else {
                actions.push(Action::CloseSequenceWindow(id));
                continue;
            };
            let title = t!("sequence-window-title", name = ep.name.as_str());
            let builder = egui::ViewportBuilder::default().with_title(title).with_inner_size([760.0, 620.0]);
            let viewport = egui::ViewportId::from_hash_of(("sequence-window", id));
            let (model, windows) = (&self.model, &mut self.sequence_windows);
            ctx.show_viewport_immediate(viewport, builder, |ui, _| {
                CentralPanel::default().show(ui, |ui| {
                    if let Some(view) = windows.get_mut(&id) {
                        let sel = Selection { endpoint: id, conn: None };
                        ui::sequence_view::show(ui, model, ep, sel, view, true, actions);
                    }
                });
                if ui.ctx().input(|i| i.viewport().close_requested()) {
                    actions.push(Action::CloseSequenceWindow(id));
                }
            });
        }
    }
}
