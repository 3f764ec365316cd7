//! What the centre shows of the open workspace when no endpoint is: its
//! lesson, and the welcome page aimed at its own server.

use std::path::Path;

use super::SocklabApp;
use crate::model::EndpointState;
use crate::net::EndpointKind;
use crate::ui::welcome::{ECHO_ADDRESS, QuickStart, Welcome};

impl SocklabApp {
    /// The lesson is open in the centre.
    pub fn lesson_shown(&self) -> bool {
        self.show_lesson && self.document.lesson().is_some()
    }

    /// The welcome page for the workspace as it stands.
    pub(super) fn welcome(&self) -> Welcome<'_> {
        let open = self.document.path();
        let reopen = self.settings.last_workspace.as_deref().filter(|last| Some(*last) != open);
        Welcome { quick_start: self.quick_start(), reopen }
    }

    /// "Start a server" aims at the workspace's first server (its port), or a
    /// new echo server when it has none.
    pub(super) fn quick_start(&self) -> QuickStart {
        let Some(server) = self.workspace_server() else {
            return QuickStart::EchoServer { address: ECHO_ADDRESS.into() };
        };
        let (name, address) = (server.name.clone(), server.spec.address.clone());
        if server.status.is_open() && !server.stopped {
            let address = server.local.as_ref().map_or(address, |a| a.to_string());
            QuickStart::Running { name, address, kind: server.spec.kind }
        } else {
            QuickStart::Listed { id: server.id, name, address }
        }
    }

    /// The first endpoint that others connect or send to: a TCP or Unix
    /// server, else a UDP socket.
    fn workspace_server(&self) -> Option<&EndpointState> {
        let endpoints = || self.model.endpoints.values();
        endpoints().find(|e| e.is_server()).or_else(|| endpoints().find(|e| e.spec.kind == EndpointKind::Udp))
    }

    /// Shows this tab in the centre (for benchmarks and tests).
    pub fn show_centre_tab(&mut self, tab: crate::ui::code::CentreTab) {
        self.centre_tab = tab;
    }

    /// The file the open workspace came from (for tests).
    pub fn workspace_path(&self) -> Option<&Path> {
        self.document.path()
    }
}
