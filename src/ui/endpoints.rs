//! The left panel: every endpoint with its state, and a server's connections
//! beneath it. Buttons add endpoints; right-click on an endpoint (or its "⋯"
//! button) offers everything that applies to it: stop, close with FIN, abort
//! with RST, half-close, pop out, start again, remove.

use egui::RichText;

use super::welcome::{self, QuickStart};
use super::{Action, Selection, style};
use crate::model::{EndpointState, Model, Status};
use crate::net::{Command, EndpointKind};
use crate::t;

/// A server with thousands of clients lists this many; the rest are counted.
const MAX_LISTED_CONNS: usize = 200;

pub fn show(
    ui: &mut egui::Ui,
    model: &Model,
    selection: Option<Selection>,
    quick_start: Option<&QuickStart>,
    actions: &mut Vec<Action>,
) {
    ui.heading(t!("endpoints-title"));
    ui.add_space(4.0);
    if let Some(quick_start) = quick_start {
        welcome::start_button(ui, quick_start, actions);
    }
    style::toolbar(ui, |ui| {
        for (label, kind) in [
            (t!("kind-tcp-server"), EndpointKind::TcpServer),
            (t!("kind-tcp-client"), EndpointKind::TcpClient),
            (t!("kind-udp"), EndpointKind::Udp),
            (t!("kind-unix-socket"), EndpointKind::UnixServer),
        ] {
            if ui.button(format!("+ {label}")).clicked() {
                actions.push(Action::ShowForm(kind));
            }
        }
    });
    ui.separator();
    if model.endpoints.is_empty() {
        ui.label(RichText::new(t!("endpoints-empty")).weak());
        return;
    }
    let newest = model.endpoints.keys().next_back().copied();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for ep in model.endpoints.values() {
            let r = endpoint_row(ui, ep, selection, actions);
            // A new endpoint is scrolled into view once.
            let seen = egui::Id::unique("endpoint-list-newest");
            if Some(ep.id) == newest && ui.data(|d| d.get_temp::<u64>(seen)) != Some(ep.id) {
                r.scroll_to_me(None);
                ui.data_mut(|d| d.insert_temp(seen, ep.id));
            }
            ui.add_space(2.0);
        }
    });
}

fn endpoint_row(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    selection: Option<Selection>,
    actions: &mut Vec<Action>,
) -> egui::Response {
    let selected = selection.is_some_and(|s| s.endpoint == ep.id && s.conn.is_none());
    let addr = ep.local.as_ref().map(|a| a.to_string()).unwrap_or_else(|| ep.spec.address.clone());
    let addr = match (&ep.peer, ep.spec.kind) {
        (Some(p), EndpointKind::TcpClient | EndpointKind::UnixClient) => format!("→ {p}"),
        _ => addr,
    };
    let failed = ep.status == Status::Error;
    let frame = match failed {
        // An error is marked by more than a dot: the whole row is framed in red.
        true => egui::Frame::new().stroke(egui::Stroke::new(1.5, style::error_color(ui))).inner_margin(4.0),
        false => egui::Frame::new().inner_margin(4.0),
    };
    let response = frame
        .show(ui, |ui| {
            style::toolbar(ui, |ui| {
                let title = RichText::new(&ep.name).strong();
                let r = ui.add(egui::Button::selectable(selected, title).truncate()).on_hover_text(&ep.name);
                if r.clicked() {
                    actions.push(Action::Select(Selection { endpoint: ep.id, conn: None }));
                }
                r.context_menu(|ui| endpoint_menu(ui, ep, actions));
                style::badge(ui, ep.status);
            });
            if let Some(err) = ep.last_error.as_ref().filter(|_| failed) {
                let text = style::call_failed(err);
                ui.add(egui::Label::new(RichText::new(text).color(style::error_color(ui)).strong()).wrap());
            }
            ui.add(
                egui::Label::new(RichText::new(format!("{} · {addr}", style::kind_name(ep.spec.kind))).small()).wrap(),
            );
            if ep.local.as_ref().is_some_and(|a| a.is_unspecified()) {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("⚠ {}", t!("endpoints-all-interfaces")))
                            .small()
                            .color(style::warn_color(ui)),
                    )
                    .wrap(),
                );
            }
            ui.label(
                RichText::new(format!("↓ {}  ↑ {}", style::bytes(ep.bytes_in), style::bytes(ep.bytes_out)))
                    .small()
                    .monospace(),
            );
            if ep.is_server() {
                conn_list(ui, ep, selection, actions);
            }
        })
        .response;
    // The name button selects and holds the context menu: a click sense on the
    // whole frame would sit on top of the buttons inside it and take their clicks.
    style::toolbar(ui, |ui| endpoint_buttons(ui, ep, actions));
    response
}

/// The commands used most, as visible buttons; "⋯" opens the whole menu.
fn endpoint_buttons(ui: &mut egui::Ui, ep: &EndpointState, actions: &mut Vec<Action>) {
    if ep.status.is_open() && !ep.stopped {
        let label = if ep.is_server() { t!("endpoints-stop") } else { t!("endpoints-close") };
        if ui.small_button(label).clicked() {
            actions.push(Action::Engine(Command::Close { id: ep.id, abort: false }));
        }
    } else {
        let label = if ep.status == Status::Idle {
            format!("▶ {}", t!("endpoints-start"))
        } else {
            t!("endpoints-start-again")
        };
        if ui.small_button(label).on_hover_text(t!("endpoints-start-again.hint")).clicked() {
            actions.push(Action::Start(ep.id));
        }
        if ui.small_button(t!("endpoints-remove")).on_hover_text(t!("endpoints-remove.hint")).clicked() {
            actions.push(Action::Forget(ep.id));
        }
    }
    let pop_out = format!("{} ↗", t!("endpoints-pop-out"));
    if ui.small_button(pop_out).on_hover_text(t!("endpoints-pop-out.hint")).clicked() {
        actions.push(Action::PopOut(ep.id));
    }
    ui.menu_button("⋯", |ui| endpoint_menu(ui, ep, actions)).response.on_hover_text(t!("endpoints-more"));
}

/// Every command that applies to this endpoint now, by kind and state.
fn endpoint_menu(ui: &mut egui::Ui, ep: &EndpointState, actions: &mut Vec<Action>) {
    let mut item = |ui: &mut egui::Ui, item: MenuItem, action: Action| {
        if ui.button(item.label()).clicked() {
            actions.push(action);
            ui.close();
        }
    };
    let id = ep.id;
    if ep.status.is_open() && !ep.stopped {
        let stream_client = matches!(ep.spec.kind, EndpointKind::TcpClient | EndpointKind::UnixClient);
        if ep.is_server() {
            item(ui, MenuItem::Stop, Action::Engine(Command::Close { id, abort: false }));
            item(ui, MenuItem::StopRst, Action::Engine(Command::Close { id, abort: true }));
        } else if stream_client {
            item(ui, MenuItem::CloseFin, Action::Engine(Command::Close { id, abort: false }));
            if ep.status != Status::HalfClosed {
                item(ui, MenuItem::HalfClose, Action::Engine(Command::ShutdownWrite { id, conn: None }));
            }
            item(ui, MenuItem::AbortRst, Action::Engine(Command::Close { id, abort: true }));
        } else {
            item(ui, MenuItem::Close, Action::Engine(Command::Close { id, abort: false }));
        }
    } else {
        let start = if ep.status == Status::Idle { MenuItem::Start } else { MenuItem::StartAgain };
        item(ui, start, Action::Start(id));
        item(ui, MenuItem::Remove, Action::Forget(id));
    }
    item(ui, MenuItem::PopOut, Action::PopOut(id));
}

/// The items of an endpoint's menu (tests look them up by their label).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuItem {
    Stop,
    StopRst,
    CloseFin,
    HalfClose,
    AbortRst,
    Close,
    Start,
    StartAgain,
    Remove,
    PopOut,
}

impl MenuItem {
    /// The item's text, in the current language.
    pub fn label(self) -> String {
        match self {
            MenuItem::Stop => t!("endpoints-menu-stop"),
            MenuItem::StopRst => t!("endpoints-menu-stop-rst"),
            MenuItem::CloseFin => t!("endpoints-menu-close-fin"),
            MenuItem::HalfClose => t!("endpoints-menu-half-close"),
            MenuItem::AbortRst => t!("endpoints-menu-abort-rst"),
            MenuItem::Close => t!("endpoints-menu-close"),
            MenuItem::Start => format!("▶ {}", t!("endpoints-menu-start")),
            MenuItem::StartAgain => t!("endpoints-menu-start-again"),
            MenuItem::Remove => t!("endpoints-menu-remove"),
            MenuItem::PopOut => t!("endpoints-menu-pop-out"),
        }
    }
}

fn conn_list(ui: &mut egui::Ui, ep: &EndpointState, selection: Option<Selection>, actions: &mut Vec<Action>) {
    ui.indent(("conns", ep.id), |ui| {
        if ep.conns.is_empty() {
            ui.label(RichText::new(t!("endpoints-no-clients")).small().weak());
            return;
        }
        let all_selected = selection.is_some_and(|s| s.endpoint == ep.id && s.conn.is_none());
        let all = t!("endpoints-all-clients", count = ep.conns.len());
        if ui.add(egui::Button::selectable(all_selected, all).wrap()).clicked() {
            actions.push(Action::Select(Selection { endpoint: ep.id, conn: None }));
        }
        for c in ep.conns.values().take(MAX_LISTED_CONNS) {
            let sel = selection.is_some_and(|s| s.endpoint == ep.id && s.conn == Some(c.id));
            let note = style::half_close_text(c.peer_closed, c.we_shut).map(|n| format!("  {n}"));
            let text = format!("#{} {}{}", c.id, c.peer, note.unwrap_or_default());
            let r = ui.add(egui::Button::selectable(sel, RichText::new(text).small().monospace()).wrap());
            if r.clicked() {
                actions.push(Action::Select(Selection { endpoint: ep.id, conn: Some(c.id) }));
            }
            r.context_menu(|ui| {
                if ui.button(t!("endpoints-disconnect-fin")).clicked() {
                    actions.push(Action::Engine(Command::Disconnect { id: ep.id, conn: c.id, abort: false }));
                    ui.close();
                }
                if ui.button(t!("endpoints-disconnect-rst")).clicked() {
                    actions.push(Action::Engine(Command::Disconnect { id: ep.id, conn: c.id, abort: true }));
                    ui.close();
                }
                if ui.button(MenuItem::HalfClose.label()).clicked() {
                    actions.push(Action::Engine(Command::ShutdownWrite { id: ep.id, conn: Some(c.id) }));
                    ui.close();
                }
            });
        }
        if ep.conns.len() > MAX_LISTED_CONNS {
            let more = ep.conns.len() - MAX_LISTED_CONNS;
            ui.label(RichText::new(t!("endpoints-more-conns", count = more)).small().weak());
        }
    });
}
