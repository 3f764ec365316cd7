//! Plain data the GUI draws from, fed only by engine events (no I/O, no egui).
//! Every history here is bounded, and what falls out of it is counted.

mod conversation;
mod endpoint;
mod export;
mod framed;
pub mod ladder_svg;
mod log;
mod rates;
pub mod sequence;

pub use conversation::{Conversation, Direction, Message};
pub use endpoint::{ConnState, EndpointState, OptionView, Status};
pub use export::{ExportFormat, export_conversation};
pub use framed::{FramedEntry, FramedKind, FramedLog};
pub use log::{EventLog, LogEntry, LogKind};
pub use rates::Rates;

use std::collections::BTreeMap;

use crate::net::{EndpointId, EndpointSpec, Event};

/// How much history the views keep (configurable; memory stays bounded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Messages kept per endpoint's conversation.
    pub messages: usize,
    /// Payload bytes kept per endpoint's conversation.
    pub message_bytes: usize,
    /// Entries kept in the event log.
    pub log_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { messages: 5_000, message_bytes: 8 << 20, log_entries: 10_000 }
    }
}

#[derive(Default)]
pub struct Model {
    pub endpoints: BTreeMap<EndpointId, EndpointState>,
    pub log: EventLog,
    pub limits: Limits,
    /// Events applied since start (for the status bar and tests).
    pub events_applied: u64,
}

impl Model {
    pub fn new(limits: Limits) -> Model {
        Model { limits, log: EventLog::new(limits.log_entries), ..Default::default() }
    }

    /// Registers an endpoint the user just asked to open.
    pub fn add_endpoint(&mut self, id: EndpointId, name: String, spec: EndpointSpec) {
        self.endpoints.insert(id, EndpointState::new(id, name, spec, self.limits));
    }

    /// Lists a workspace endpoint that has not been started.
    pub fn add_idle_endpoint(&mut self, id: EndpointId, name: String, spec: EndpointSpec) {
        let mut ep = EndpointState::new(id, name, spec, self.limits);
        ep.status = Status::Idle;
        ep.stopped = true;
        ep.autostart = false;
        self.endpoints.insert(id, ep);
    }

    pub fn apply(&mut self, ev: Event) {
        self.events_applied += 1;
        let name = self.endpoints.get(&ev.endpoint).map(|e| e.name.as_str()).unwrap_or("?");
        self.log.push(&ev, name);
        if let Some(ep) = self.endpoints.get_mut(&ev.endpoint) {
            ep.apply(ev);
        }
    }

    pub fn name_of(&self, id: EndpointId) -> &str {
        self.endpoints.get(&id).map(|e| e.name.as_str()).unwrap_or("?")
    }
}
