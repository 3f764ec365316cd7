//! The left panel: every endpoint with its state, and a server's connections
//! beneath it. Buttons add endpoints; right-click offers stop/close/pop out.

use egui::RichText;

use super::{Action, Selection, style};
use crate::model::{EndpointState, Model, Status};
use crate::net::{Command, EndpointKind, EndpointSpec, ReplyMode};

/// A server with thousands of clients lists this many; the rest are counted.
const MAX_LISTED_CONNS: usize = 200;

pub const QUICK_START_LABEL: &str = "▶ Start a server on 127.0.0.1:9999";

pub fn show(ui: &mut egui::Ui, model: &Model, selection: Option<Selection>, actions: &mut Vec<Action>) {
    ui.heading("Endpoints");
    ui.add_space(4.0);
    if ui
        .button(RichText::new(QUICK_START_LABEL).strong())
        .on_hover_text("An echo server on this machine, port 9999: the first step of every lesson")
        .clicked()
    {
        let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:9999").with_reply(ReplyMode::Echo);
        actions.push(Action::Open { name: "Echo server :9999".into(), spec });
    }
    ui.horizontal_wrapped(|ui| {
        for (label, kind) in [
            ("+ TCP server", EndpointKind::TcpServer),
            ("+ TCP client", EndpointKind::TcpClient),
            ("+ UDP socket", EndpointKind::Udp),
            ("+ Unix socket", EndpointKind::UnixServer),
        ] {
            if ui.button(label).clicked() {
                actions.push(Action::ShowForm(kind));
            }
        }
    });
    ui.separator();
    if model.endpoints.is_empty() {
        ui.label(RichText::new("Nothing open yet. Start a server, then connect a client to it.").weak());
        return;
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for ep in model.endpoints.values() {
            endpoint_row(ui, ep, selection, actions);
            ui.add_space(2.0);
        }
    });
}

fn endpoint_row(ui: &mut egui::Ui, ep: &EndpointState, selection: Option<Selection>, actions: &mut Vec<Action>) {
    let selected = selection.is_some_and(|s| s.endpoint == ep.id && s.conn.is_none());
    let addr = ep.local.as_ref().map(|a| a.to_string()).unwrap_or_else(|| ep.spec.address.clone());
    let addr = match (&ep.peer, ep.spec.kind) {
        (Some(p), EndpointKind::TcpClient | EndpointKind::UnixClient) => format!("→ {p}"),
        _ => addr,
    };
    let response = ui
        .vertical(|ui| {
            ui.horizontal(|ui| {
                let title = RichText::new(&ep.name).strong();
                let r = ui.selectable_label(selected, title);
                if r.clicked() {
                    actions.push(Action::Select(Selection { endpoint: ep.id, conn: None }));
                }
                style::badge(ui, ep.status);
            });
            ui.label(RichText::new(format!("{} · {addr}", ep.spec.kind.label())).small());
            if ep.local.as_ref().is_some_and(|a| a.is_unspecified()) {
                ui.label(
                    RichText::new("⚠ all interfaces: reachable from the network").small().color(style::warn_color(ui)),
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
    let response = response.interact(egui::Sense::click());
    if response.clicked() {
        actions.push(Action::Select(Selection { endpoint: ep.id, conn: None }));
    }
    response.context_menu(|ui| endpoint_menu(ui, ep, actions));
    ui.horizontal(|ui| endpoint_buttons(ui, ep, actions));
}

/// The same commands as the context menu, as visible buttons.
fn endpoint_buttons(ui: &mut egui::Ui, ep: &EndpointState, actions: &mut Vec<Action>) {
    if ep.status.is_open() && !ep.stopped {
        let label = if ep.is_server() { "Stop" } else { "Close" };
        if ui.small_button(label).clicked() {
            actions.push(Action::Engine(Command::Close { id: ep.id, abort: false }));
        }
    } else {
        let label = if ep.status == Status::Idle { "▶ Start" } else { "Start again" };
        if ui.small_button(label).on_hover_text("Open it with the same settings").clicked() {
            actions.push(Action::Start(ep.id));
        }
        if ui.small_button("Remove").on_hover_text("Take it off the list (and out of the workspace)").clicked() {
            actions.push(Action::Forget(ep.id));
        }
    }
    if ui.small_button("Pop out ↗").on_hover_text("Open in its own window").clicked() {
        actions.push(Action::PopOut(ep.id));
    }
}

fn endpoint_menu(ui: &mut egui::Ui, ep: &EndpointState, actions: &mut Vec<Action>) {
    if ep.status.is_open() && !ep.stopped {
        if ui.button(if ep.is_server() { "Stop server" } else { "Close" }).clicked() {
            actions.push(Action::Engine(Command::Close { id: ep.id, abort: false }));
            ui.close();
        }
        if matches!(ep.spec.kind, EndpointKind::TcpClient | EndpointKind::UnixClient) {
            if ui.button("Half-close (shutdown SHUT_WR)").clicked() {
                actions.push(Action::Engine(Command::ShutdownWrite { id: ep.id, conn: None }));
                ui.close();
            }
            if ui.button("Abort (RST, SO_LINGER 0)").clicked() {
                actions.push(Action::Engine(Command::Close { id: ep.id, abort: true }));
                ui.close();
            }
        }
    } else if ui.button("Remove from list").clicked() {
        actions.push(Action::Forget(ep.id));
        ui.close();
    }
    if ui.button("Pop out into its own window").clicked() {
        actions.push(Action::PopOut(ep.id));
        ui.close();
    }
}

fn conn_list(ui: &mut egui::Ui, ep: &EndpointState, selection: Option<Selection>, actions: &mut Vec<Action>) {
    ui.indent(("conns", ep.id), |ui| {
        if ep.conns.is_empty() {
            ui.label(RichText::new("no clients connected").small().weak());
            return;
        }
        let all_selected = selection.is_some_and(|s| s.endpoint == ep.id && s.conn.is_none());
        if ui.selectable_label(all_selected, format!("All clients ({})", ep.conns.len())).clicked() {
            actions.push(Action::Select(Selection { endpoint: ep.id, conn: None }));
        }
        for c in ep.conns.values().take(MAX_LISTED_CONNS) {
            let sel = selection.is_some_and(|s| s.endpoint == ep.id && s.conn == Some(c.id));
            let status = c.status();
            let text =
                format!("#{} {}  {}", c.id, c.peer, if status == Status::HalfClosed { "(half-closed)" } else { "" });
            let r = ui.selectable_label(sel, RichText::new(text).small().monospace());
            if r.clicked() {
                actions.push(Action::Select(Selection { endpoint: ep.id, conn: Some(c.id) }));
            }
            r.context_menu(|ui| {
                if ui.button("Disconnect (FIN)").clicked() {
                    actions.push(Action::Engine(Command::Disconnect { id: ep.id, conn: c.id, abort: false }));
                    ui.close();
                }
                if ui.button("Abort (RST)").clicked() {
                    actions.push(Action::Engine(Command::Disconnect { id: ep.id, conn: c.id, abort: true }));
                    ui.close();
                }
                if ui.button("Half-close (shutdown SHUT_WR)").clicked() {
                    actions.push(Action::Engine(Command::ShutdownWrite { id: ep.id, conn: Some(c.id) }));
                    ui.close();
                }
            });
        }
        if ep.conns.len() > MAX_LISTED_CONNS {
            ui.label(RichText::new(format!("… and {} more", ep.conns.len() - MAX_LISTED_CONNS)).small().weak());
        }
    });
}
