//! The centre when nothing is selected: the first three steps, with a button
//! for the first one aimed at the open workspace's own server (its port), and
//! the last workspace to reopen unless it is the one already open.

use std::path::Path;

use egui::RichText;

use super::Action;
use crate::net::{EndpointId, EndpointKind, EndpointSpec, ReplyMode};
use crate::t;

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
        QuickStart::EchoServer { address } => Some(format!("▶ {}", t!("welcome-start-echo", address = address))),
        QuickStart::Listed { name, address, .. } => {
            Some(format!("▶ {}", t!("welcome-start-listed", name = name, address = address)))
        }
        QuickStart::Running { .. } => None,
    }
}

pub fn show(ui: &mut egui::Ui, welcome: &Welcome<'_>, actions: &mut Vec<Action>) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.add_space(30.0);
        ui.vertical_centered(|ui| {
            ui.heading(t!("welcome-title"));
            ui.add_space(8.0);
            first_step(ui, &welcome.quick_start, actions);
            ui.add_space(4.0);
            let client = match &welcome.quick_start {
                QuickStart::Running { kind: EndpointKind::Udp, address, .. } => {
                    t!("welcome-step-datagrams", address = address)
                }
                QuickStart::EchoServer { address }
                | QuickStart::Listed { address, .. }
                | QuickStart::Running { address, .. } => {
                    t!("welcome-step-client", address = address)
                }
            };
            ui.add(egui::Label::new(client).wrap());
            ui.add(egui::Label::new(t!("welcome-step-send")).wrap());
            ui.add_space(8.0);
            ui.add(egui::Label::new(RichText::new(t!("welcome-pop-out")).weak()).wrap());
            if let Some(path) = welcome.reopen {
                ui.add_space(12.0);
                let text = t!("welcome-reopen", path = path.display().to_string());
                if ui.add(egui::Button::new(text).wrap()).clicked() {
                    actions.push(Action::OpenWorkspace(Some(path.to_path_buf())));
                }
            }
        });
    });
}

fn first_step(ui: &mut egui::Ui, quick_start: &QuickStart, actions: &mut Vec<Action>) {
    if let QuickStart::Running { name, address, .. } = quick_start {
        ui.add(egui::Label::new(t!("welcome-running", name = name, address = address)).wrap());
        return;
    }
    ui.label(t!("welcome-step-start"));
    start_button(ui, quick_start, actions);
}

/// The button that takes the first step, here and at the top of the
/// endpoint list; nothing once the server runs.
pub fn start_button(ui: &mut egui::Ui, quick_start: &QuickStart, actions: &mut Vec<Action>) {
    let Some(label) = start_label(quick_start) else { return };
    let hover = t!("welcome-start-hover");
    if ui.add(egui::Button::new(RichText::new(label).strong()).wrap()).on_hover_text(hover).clicked() {
        match quick_start {
            QuickStart::EchoServer { address } => {
                let spec = EndpointSpec::new(EndpointKind::TcpServer, address.clone()).with_reply(ReplyMode::Echo);
                let name = t!("welcome-echo-server-name", port = port_of(address));
                actions.push(Action::Open { name, spec });
            }
            QuickStart::Listed { id, .. } => actions.push(Action::Start(*id)),
            QuickStart::Running { .. } => {}
        }
    }
}

fn port_of(address: &str) -> &str {
    address.rsplit(':').next().unwrap_or(address)
}
