//! One frame's layout: the menu and notice, the status bar and the event log,
//! the endpoint list, the inspector, the conversation (or the welcome page),
//! the form, and the popped-out windows. Everything here only reads the app
//! and its view state and pushes [`Action`]s.

use egui::{CentralPanel, Panel, RichText};

use super::{SocklabApp, menus};
use crate::net::{ConnId, EndpointId};
use crate::ui::{self, Action, Selection};

impl SocklabApp {
    pub(super) fn panels(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        let title = self.document.title();
        Panel::top("menu").show(ui, |ui| menus::menu_bar(ui, &self.settings, &title, actions));
        if let Some(notice) = &self.notice {
            Panel::top("notice").show(ui, |ui| {
                // Dismiss first, then the text wrapped: a long path never pushes the button off-screen.
                ui.horizontal(|ui| {
                    if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                        actions.push(Action::DismissNotice);
                    }
                    let (text, color) = match notice.is_error {
                        true => (format!("⚠ {}", notice.text), ui::style::error_color(ui)),
                        false => (notice.text.clone(), ui.visuals().text_color()),
                    };
                    ui.add(egui::Label::new(RichText::new(text).color(color)).wrap());
                });
            });
        }
        Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.settings.show_log {
            Panel::bottom("log").resizable(true).default_size(190.0).min_size(90.0).show(ui, |ui| {
                ui::event_log::show(ui, &self.model, &mut self.log_view);
            });
        }
        // Side panels take at most a share of the window: the conversation always keeps room.
        let width = ui.available_width();
        Panel::left("endpoints")
            .resizable(true)
            .default_size(300.0)
            .min_size(200.0)
            .max_size(width * 0.28)
            .show(ui, |ui| ui::endpoints::show(ui, &self.model, self.selection, actions));
        let selected = self.selection.filter(|s| self.model.endpoints.contains_key(&s.endpoint));
        if let (Some(sel), true) = (selected, self.settings.show_inspector) {
            let max = (width * 0.34).max(240.0);
            Panel::right("inspector").resizable(true).default_size(380.0).min_size(240.0).max_size(max).show(
                ui,
                |ui| {
                    if let Some(ep) = self.model.endpoints.get(&sel.endpoint) {
                        ui::inspector::show(ui, ep, sel, &mut self.inspector, actions);
                    }
                },
            );
        }
        CentralPanel::default().show(ui, |ui| match selected {
            Some(sel) => self.endpoint_view(ui, sel, actions),
            None => welcome(ui, self.settings.last_workspace.as_deref(), actions),
        });
        if let Some(form) = self.form.as_mut()
            && !ui::new_endpoint::show(&ctx, form, actions)
        {
            actions.push(Action::CloseForm);
        }
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let s = self.stats;
            let frame = match s.events_last_frame {
                0 => "idle".to_string(),
                n => format!("{n} events in {:.1} ms", s.drain_time.as_secs_f64() * 1000.0),
            };
            ui.label(
                RichText::new(format!(
                    "{} endpoints · {} events applied · last frame: {frame} · waiting: {}",
                    self.model.endpoints.len(),
                    self.model.events_applied,
                    s.backlog
                ))
                .small()
                .weak(),
            );
        });
    }

    /// Conversation and composer of one endpoint: the centre, or a popped-out window.
    fn endpoint_view(&mut self, ui: &mut egui::Ui, sel: Selection, actions: &mut Vec<Action>) {
        let Some(ep) = self.model.endpoints.get(&sel.endpoint) else {
            ui.label("This endpoint was removed.");
            return;
        };
        let composer = self.composers.entry(sel.endpoint).or_default();
        let messages = self.document.messages();
        Panel::bottom(("composer", sel.endpoint)).resizable(false).show(ui, |ui| {
            ui.add_space(4.0);
            ui::composer::show(ui, ep, sel, composer, messages, actions);
            ui.add_space(2.0);
        });
        let heading = match sel.conn {
            Some(c) => format!("{} — connection #{c}", ep.name),
            None if ep.is_server() => format!("{} — all clients", ep.name),
            None => ep.name.clone(),
        };
        ui.horizontal(|ui| {
            ui.heading(heading);
            ui::style::badge(ui, ep.status);
        });
        let view = self.views.entry(sel.endpoint).or_default();
        ui::conversation::show(ui, ep, sel, view, actions);
    }

    pub(super) fn popped_windows(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let popped: Vec<(EndpointId, Option<ConnId>)> = self.popped.iter().map(|(k, v)| (*k, *v)).collect();
        for (id, conn) in popped {
            let title = format!("socklab — {}", self.model.name_of(id));
            let builder = egui::ViewportBuilder::default().with_title(title).with_inner_size([720.0, 560.0]);
            ctx.show_viewport_immediate(egui::ViewportId::from_hash_of(("endpoint-window", id)), builder, |ui, _| {
                CentralPanel::default().show(ui, |ui| {
                    self.endpoint_view(ui, Selection { endpoint: id, conn }, actions);
                });
                if ui.ctx().input(|i| i.viewport().close_requested()) {
                    actions.push(Action::PopIn(id));
                }
            });
        }
    }
}

fn welcome(ui: &mut egui::Ui, last: Option<&std::path::Path>, actions: &mut Vec<Action>) {
    ui.add_space(30.0);
    ui.vertical_centered(|ui| {
        ui.heading("Welcome to socklab");
        ui.add_space(8.0);
        ui.label("1. Start a server: the ▶ button on the left starts an echo server on 127.0.0.1:9999.");
        ui.label("2. Connect a client: \"+ TCP client\", host 127.0.0.1, port 9999.");
        ui.label("3. Type a message and press Enter: watch it arrive, and every step in the event log below.");
        ui.add_space(8.0);
        ui.label(RichText::new("Pop an endpoint out (↗) to chat between two windows side by side.").weak());
        if let Some(path) = last {
            ui.add_space(12.0);
            if ui.button(format!("Reopen the last workspace: {}", path.display())).clicked() {
                actions.push(Action::OpenWorkspace(Some(path.to_path_buf())));
            }
        }
    });
}
