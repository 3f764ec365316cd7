//! One frame's layout: the menu and notice, the status bar and the event log,
//! the endpoint list, the inspector, the conversation (or the welcome page),
//! the form, and the popped-out windows. Everything here only reads the app
//! and its view state and pushes [`Action`]s.

use egui::{CentralPanel, Panel, RichText};

use crate::ui::dock::{self, Arrangement, DockTab};

use super::{SocklabApp, menus};
use crate::net::{ConnId, EndpointId};
use crate::t;
use crate::ui::{self, Action, Selection};

impl SocklabApp {
    pub(super) fn panels(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        if self.presenter
            && let Some(sel) = self.selection.filter(|s| self.model.endpoints.contains_key(&s.endpoint))
        {
            return self.presenter_layout(ui, sel, actions);
        }
        let title = self.document.title();
        let lesson = self.document.lesson().map(|_| self.lesson_shown());
        let labs = menus::Labs { found: self.labs_found.as_deref(), open: self.lab.is_some() };
        Panel::top("menu").show(ui, |ui| menus::menu_bar(ui, &self.settings, &title, lesson, labs, actions));
        if let Some(notice) = &self.notice {
            Panel::top("notice").show(ui, |ui| {
                // Dismiss first, then the text wrapped: a long path never pushes the button off-screen.
                ui.horizontal(|ui| {
                    if ui.small_button("✖").on_hover_text(t!("frame-dismiss")).clicked() {
                        actions.push(Action::DismissNotice);
                    }
                    let (text, color) = match notice.is_error {
                        true => (format!("⚠ {}", notice.text()), ui::style::error_color(ui)),
                        false => (notice.text(), ui.visuals().text_color()),
                    };
                    ui.add(egui::Label::new(RichText::new(text).color(color)).wrap());
                });
            });
        }
        Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        let selected = self.selection.filter(|s| self.model.endpoints.contains_key(&s.endpoint));
        let shown = dock::Shown {
            log: self.settings.show_log,
            inspector: self.settings.show_inspector && selected.is_some(),
            lab: self.lab.is_some(),
        };
        let arrangement = Arrangement::decide(ui.available_size(), shown, self.dock);
        if !arrangement.tabs.is_empty() {
            self.dock_panel(ui, &arrangement, selected, actions);
        }
        if let (Some(run), true) = (&self.lab, arrangement.lab_side) {
            let max = (ui.available_width() - dock::LIST_MIN - dock::CENTRE_MIN).max(dock::LAB_MIN);
            Panel::right("lab")
                .resizable(true)
                .default_size(dock::LAB_DEFAULT)
                .size_range(dock::LAB_MIN..=max)
                .show(ui, |ui| ui::lab::show(ui, run, actions));
        }
        // The first step's button sits in the list unless the welcome page shows it already.
        let welcome_in_centre = !self.lesson_shown() && selected.is_none();
        let quick_start = (!welcome_in_centre).then(|| self.quick_start());
        Panel::left("endpoints")
            .resizable(true)
            .default_size(dock::LIST_DEFAULT)
            .size_range(dock::LIST_MIN..=arrangement.list_max)
            .show(ui, |ui| ui::endpoints::show(ui, &self.model, self.selection, quick_start.as_ref(), actions));
        if let (Some(sel), true) = (selected, arrangement.inspector_side) {
            let max = (ui.available_width() - dock::CENTRE_MIN).max(dock::INSPECTOR_MIN);
            Panel::right("inspector")
                .resizable(true)
                .default_size(dock::INSPECTOR_DEFAULT)
                .size_range(dock::INSPECTOR_MIN..=max)
                .show(ui, |ui| self.inspector_view(ui, sel, actions));
        }
        CentralPanel::default().show(ui, |ui| match (self.document.lesson().filter(|_| self.show_lesson), selected) {
            (Some(lesson), _) => ui::lesson::show(ui, lesson, actions),
            (None, Some(sel)) => self.endpoint_view(ui, sel, actions),
            (None, None) => ui::welcome::show(ui, &self.welcome(), actions),
        });
        if let Some(form) = self.form.as_mut()
            && !ui::new_endpoint::show(&ctx, form, actions)
        {
            actions.push(Action::CloseForm);
        }
        if let Some(picker) = self.picker.as_mut()
            && !ui::file_picker::show(&ctx, picker, actions)
        {
            actions.push(Action::ClosePicker);
        }
    }

    /// The bottom dock: the event log and, when it has no room at the side, the inspector.
    fn dock_panel(
        &mut self,
        ui: &mut egui::Ui,
        arrangement: &Arrangement,
        selected: Option<Selection>,
        actions: &mut Vec<Action>,
    ) {
        let rows = self.model.log.entries().len() as u64;
        if !arrangement.dock_open {
            Panel::bottom("dock-folded").resizable(false).show(ui, |ui| {
                self.dock = dock::tab_strip(ui, arrangement, self.dock, rows);
            });
            return;
        }
        let panel = Panel::bottom("dock")
            .resizable(true)
            .default_size(dock::DOCK_DEFAULT)
            .size_range(dock::DOCK_MIN..=arrangement.dock_max);
        panel.show(ui, |ui| {
            self.dock = dock::tab_strip(ui, arrangement, self.dock, rows);
            ui.separator();
            match (arrangement.current(self.dock), selected, &self.lab) {
                (Some(DockTab::Lab), _, Some(run)) => ui::lab::show(ui, run, actions),
                (Some(DockTab::Inspector), Some(sel), _) => self.inspector_view(ui, sel, actions),
                _ => ui::event_log::show(ui, &self.model, &mut self.log_view),
            }
        });
    }

    fn inspector_view(&mut self, ui: &mut egui::Ui, sel: Selection, actions: &mut Vec<Action>) {
        if let Some(ep) = self.model.endpoints.get(&sel.endpoint) {
            ui::inspector::show(ui, ep, sel, &mut self.inspector, actions);
        }
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        let s = self.stats;
        let frame = match s.events_last_frame {
            0 => t!("statusbar-idle"),
            n => t!("statusbar-frame", events = n, ms = format!("{:.1}", s.drain_time.as_secs_f64() * 1000.0)),
        };
        let text = t!(
            "statusbar-line",
            endpoints = t!("statusbar-endpoints", count = self.model.endpoints.len()),
            events = self.model.events_applied,
            frame = frame,
            waiting = s.backlog
        );
        ui.add(egui::Label::new(RichText::new(text).small().weak()).wrap());
    }

    /// Conversation and composer of one endpoint: the centre, or a popped-out window.
    fn endpoint_view(&mut self, ui: &mut egui::Ui, sel: Selection, actions: &mut Vec<Action>) {
        let Some(ep) = self.model.endpoints.get(&sel.endpoint) else {
            ui.label(t!("frame-endpoint-removed"));
            return;
        };
        let heading = match sel.conn {
            Some(c) => t!("frame-heading-connection", name = ep.name.as_str(), conn = c.to_string()),
            None if ep.is_server() => t!("frame-heading-all-clients", name = ep.name.as_str()),
            None => ep.name.clone(),
        };
        // One row, never two (the conversation needs the height): the tabs, the
        // state, then the name, cut short when the row is narrow.
        let header = |ui: &mut egui::Ui, tab| {
            ui.horizontal(|ui| {
                let tab = ui::code::tabs(ui, tab);
                ui.separator();
                // A narrow centre keeps its row for the tabs; the list and the inspector show the state.
                if ui.available_width() >= HEADER_BADGE_FROM {
                    ui::style::badge(ui, ep.status);
                }
                ui.add(egui::Label::new(RichText::new(&heading).heading()).truncate());
                tab
            })
            .inner
        };
        if self.centre_tab == ui::code::CentreTab::Code {
            self.centre_tab = header(ui, self.centre_tab);
            ui::code::show(ui, ep, &mut self.code_view);
            return;
        }
        if self.centre_tab == ui::code::CentreTab::Sequence {
            self.centre_tab = header(ui, self.centre_tab);
            ui::sequence_view::show(ui, &self.model, ep, sel, &mut self.sequence_view, false, actions);
            return;
        }
        let composer = self.composers.entry(sel.endpoint).or_default();
        let messages = self.document.messages();
        // A short centre folds the composer's extra rows into its "⋯" menu.
        let compact = ui.available_height() < COMPOSER_FULL_FROM;
        Panel::bottom(("composer", sel.endpoint)).resizable(false).show(ui, |ui| {
            ui.add_space(4.0);
            ui::composer::show(ui, ep, sel, composer, messages, compact, actions);
            ui.add_space(2.0);
        });
        self.centre_tab = header(ui, self.centre_tab);
        if ep.status == crate::model::Status::Error
            && let Some(err) = &ep.last_error
        {
            // The explanation where the eye is, with the way out. Nothing sent or
            // received: the explanation is the whole story and takes all the room
            // (a short centre would clip it above an empty space otherwise).
            let alone = ep.conversation.is_empty();
            let room = ui.available_height() * if alone { 1.0 } else { 0.6 };
            egui::ScrollArea::vertical().id_salt("centre-error").max_height(room).show(ui, |ui| {
                ui::style::error_box(ui, err, |ui| error_actions(ui, ep, err, actions));
            });
            if alone {
                return;
            }
            ui.add_space(6.0);
        }
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

/// "Try again", and "Use a free port" when the address was taken.
fn error_actions(
    ui: &mut egui::Ui,
    ep: &crate::model::EndpointState,
    err: &crate::net::NetError,
    actions: &mut Vec<Action>,
) {
    ui::style::toolbar(ui, |ui| {
        if ui.button(try_again()).on_hover_text(t!("frame-try-again.hint")).clicked() {
            actions.push(Action::Start(ep.id));
        }
        let taken = err.errno.as_deref() == Some("EADDRINUSE");
        if taken && let Some(free) = with_port_zero(&ep.spec.address) {
            let tip = t!("frame-use-free-port.hint", address = free.as_str());
            if ui.button(t!("frame-use-free-port")).on_hover_text(tip).clicked() {
                actions.push(Action::StartOn { endpoint: ep.id, address: free });
            }
        }
    });
}

/// "127.0.0.1:9000" → "127.0.0.1:0"; None for what has no port (a Unix path).
fn with_port_zero(address: &str) -> Option<String> {
    let (host, port) = address.rsplit_once(':')?;
    port.parse::<u16>().ok().filter(|&p| p != 0).map(|_| format!("{host}:0"))
}

/// The button that starts a failed endpoint again.
pub fn try_again() -> String {
    format!("↻ {}", t!("frame-try-again"))
}

/// Room left after the tabs from which the heading row shows the state badge.
const HEADER_BADGE_FROM: f32 = 160.0;

/// Height of the centre from which the composer shows all its rows.
const COMPOSER_FULL_FROM: f32 = 480.0;
