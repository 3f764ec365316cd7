//! Keeps the engine watching the kernel's TCP state of exactly the endpoints
//! a view of it is shown for (the TCP panel, the sequence tab): views say so
//! each frame with `Action::TcpShown`, and once the frame's actions are
//! applied the watches are brought in line, here and nowhere else.

use std::collections::BTreeSet;
use std::time::Duration;

use super::SocklabApp;
use crate::model::Status;
use crate::net::{Command, EndpointId, EndpointKind};

/// How often a watched socket's TCP_INFO is sampled: smooth plots, little cost.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(250);

#[derive(Debug, Default)]
pub(super) struct TcpWatch {
    /// Endpoints a view was shown for during this frame.
    shown: BTreeSet<EndpointId>,
    /// Endpoints the engine was asked to watch.
    watching: BTreeSet<EndpointId>,
}

impl TcpWatch {
    pub fn shown(&mut self, id: EndpointId) {
        self.shown.insert(id);
    }
}

impl SocklabApp {
    /// Endpoints the engine is watching now (for tests).
    pub fn tcp_watched(&self) -> Vec<EndpointId> {
        self.tcp_watch.watching.iter().copied().collect()
    }

    /// Watches what was shown this frame and stops watching the rest.
    pub(super) fn sync_tcp_watch(&mut self) {
        let shown = std::mem::take(&mut self.tcp_watch.shown);
        let gone: Vec<EndpointId> = self.tcp_watch.watching.difference(&shown).copied().collect();
        for id in gone {
            // An endpoint whose worker ended is unwatched too: the kernel thread forgets it.
            let _ = self.engine.send(Command::UnwatchTcp { id });
            self.tcp_watch.watching.remove(&id);
        }
        for id in shown {
            if self.tcp_watch.watching.contains(&id) || !self.can_watch(id) {
                continue;
            }
            // A full inbox (a flood) is tried again next frame, not reported.
            if self.engine.send(Command::WatchTcp { id, interval: Some(WATCH_INTERVAL) }).is_ok() {
                self.tcp_watch.watching.insert(id);
            }
        }
    }

    /// A running TCP endpoint: anything else has no TCP_INFO to read.
    fn can_watch(&self, id: EndpointId) -> bool {
        self.model.endpoints.get(&id).is_some_and(|e| {
            matches!(e.spec.kind, EndpointKind::TcpServer | EndpointKind::TcpClient)
                && !e.stopped
                && !matches!(e.status, Status::Idle | Status::Closed | Status::Error)
        })
    }
}
