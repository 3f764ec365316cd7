//! The centre when nothing is selected: the first three steps, with a button
//! for the first one aimed at the open workspace's own server (its port), and
//! the last workspace to reopen unless it is the one already open.

use std::path::Path;

use egui::RichText;

use super::Action;
use crate::net::{EndpointId, EndpointKind, EndpointSpec, ReplyMode};

/// Where "Start a server" points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuickStart {
    /// The workspace has no server: a new echo server on this address.
    EchoServer { address: String },
    /// The workspace's server, listed but not running: start it.
    Listed { id: EndpointId, name: String, address: String },
    /// The workspace's server is up: the next step is a client.
    Running { name: String, address: String, kind: EndpointKind },
}

/// The address a new echo server takes when the workspace has none.
pub const ECHO_ADDRESS: &str = "127.0.0.1:9999";

/// What the welcome page shows.
pub struct Welcome<'a> {
    pub quick_start: QuickStart,
    /// The last workspace opened, unless it is the one open now.
    pub reopen: Option<&'a Path>,
}

/// The start button's label: what a test looks for, and what the step names.
pub fn start_label(q: &QuickStart) -> Option<String> {
    match q {
        QuickStart::EchoServer { address } => Some(format!("▶ Start an echo server on {address}")),
        QuickStart::Listed { name, address, .. } => Some(format!("▶ Start {name} on {address}")),
        QuickStart::Running { .. } => None,
    }
}

pub fn show(ui: &mut egui::Ui, welcome: &Welcome<'_>, actions: &mut Vec<Action>) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.add_space(30.0);
        ui.vertical_centered(|ui| {
            ui.heading("Welcome to socklab");
            ui.add_space(8.0);
            first_step(ui, &welcome.quick_start, actions);
            ui.add_space(4.0);
            let client = match &welcome.quick_start {
                QuickStart::Running { kind: EndpointKind::Udp, address, .. } => {
                    format!("2. Send it datagrams: \"+ UDP socket\", port 0, default peer {address}.")
                }
                QuickStart::EchoServer { address }
                | QuickStart::Listed { address, .. }
                | QuickStart::Running { address, .. } => {
                    format!("2. Connect a client: \"+ TCP client\" is aimed at the server, {address}.")
                }
            };
            ui.add(egui::Label::new(client).wrap());
            ui.add(
                egui::Label::new(
                    "3. Type a message and press Enter: watch it arrive, and every step in the event log below.",
                )
                .wrap(),
            );
            ui.add_space(8.0);
            ui.add(
                egui::Label::new(
                    RichText::new("Pop an endpoint out (↗) to chat between two windows side by side.").weak(),
                )
                .wrap(),
            );
            if let Some(path) = welcome.reopen {
                ui.add_space(12.0);
                let text = format!("Reopen the last workspace: {}", path.display());
                if ui.add(egui::Button::new(text).wrap()).clicked() {
                    actions.push(Action::OpenWorkspace(Some(path.to_path_buf())));
                }
            }
        });
    });
}

fn first_step(ui: &mut egui::Ui, quick_start: &QuickStart, actions: &mut Vec<Action>) {
    if let QuickStart::Running { name, address, .. } = quick_start {
        ui.add(egui::Label::new(format!("1. ✔ {name} is running on {address}.")).wrap());
        return;
    }
    ui.label("1. Start a server:");
    start_button(ui, quick_start, actions);
}

/// The button that takes the first step, here and at the top of the
/// endpoint list; nothing once the server runs.
pub fn start_button(ui: &mut egui::Ui, quick_start: &QuickStart, actions: &mut Vec<Action>) {
    let Some(label) = start_label(quick_start) else { return };
    let hover = "A server on this machine (127.0.0.1): the first step of every lesson";
    if ui.add(egui::Button::new(RichText::new(label).strong()).wrap()).on_hover_text(hover).clicked() {
        match quick_start {
            QuickStart::EchoServer { address } => {
                let spec = EndpointSpec::new(EndpointKind::TcpServer, address.clone()).with_reply(ReplyMode::Echo);
                actions.push(Action::Open { name: format!("Echo server :{}", port_of(address)), spec });
            }
            QuickStart::Listed { id, .. } => actions.push(Action::Start(*id)),
            QuickStart::Running { .. } => {}
        }
    }
}

fn port_of(address: &str) -> &str {
    address.rsplit(':').next().unwrap_or(address)
}
