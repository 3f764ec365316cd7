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
mod tcp;
mod window;

pub use conversation::{Conversation, Direction, Message};
pub use endpoint::{ConnState, EndpointState, OptionView, Status};
pub use export::{ExportFormat, export_conversation};
pub use framed::{FramedEntry, FramedKind, FramedLog};
pub use log::{EventLog, LogEntry, LogKind};
pub use rates::Rates;
pub use tcp::{CLOSED_KEPT, PATH_KEPT, SAMPLES_KEPT, TcpView, TcpViews};

use std::collections::BTreeMap;

use crate::net::{EndpointId, EndpointSpec, Event, EventKind};

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
    /// Every connection's sequence diagram, fed by the same events.
    pub sequence: sequence::Sequence,
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
        let ep = self.endpoints.get(&ev.endpoint);
        // Interval samples feed the TCP panel, not the log; a peer's report is
        // logged when its state changes, not each time its queues move.
        let logged = match &ev.kind {
            EventKind::TcpInfo { .. } => false,
            EventKind::PeerSeen { conn, peer } => ep.is_none_or(|e| e.tcp.peer_state(*conn) != Some(peer.state)),
            _ => true,
        };
        if logged {
            self.log.push(&ev, ep.map(|e| e.name.as_str()).unwrap_or("?"));
        }
        self.sequence.apply(&ev);
        if let Some(ep) = self.endpoints.get_mut(&ev.endpoint) {
            ep.apply(ev);
        }
    }

    pub fn name_of(&self, id: EndpointId) -> &str {
        self.endpoints.get(&id).map(|e| e.name.as_str()).unwrap_or("?")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::kernel::{KernelSocket, TcpInfo, TcpState};
    use crate::net::{EndpointKind, StateSource};
    use std::time::SystemTime;

    #[test]
    fn the_log_shows_state_changes_not_every_sample() {
        let mut m = Model::new(Limits::default());
        m.add_endpoint(1, "server".into(), EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0"));
        let ev = |kind| Event { time: SystemTime::now(), endpoint: 1, kind };
        let to = TcpState::Established;
        m.apply(ev(EventKind::TcpState { conn: Some(1), from: None, to, info: None, source: StateSource::TcpInfo }));
        for _ in 0..5 {
            m.apply(ev(EventKind::TcpInfo { conn: Some(1), info: TcpInfo::unknown(to) }));
        }
        let peer = |state, recv_q| KernelSocket {
            state,
            local: "127.0.0.1:5000".parse().expect("addr"),
            remote: "127.0.0.1:9000".parse().expect("addr"),
            recv_q,
            send_q: 0,
            uid: 0,
            inode: 1,
            info: None,
        };
        for (state, q) in [(to, 0), (to, 10), (to, 20), (TcpState::FinWait2, 20)] {
            m.apply(ev(EventKind::PeerSeen { conn: 1, peer: Box::new(peer(state, q)) }));
        }
        let calls: Vec<&str> = m.log.entries().iter().map(|e| e.call).collect();
        assert_eq!(calls, ["tcp_state", "peer_seen", "peer_seen"]);
        let view = m.endpoints[&1].tcp.get(Some(1)).expect("a view");
        assert_eq!(view.samples.len(), 5);
        assert_eq!(view.peer.as_ref().map(|p| (p.state, p.recv_q)), Some((TcpState::FinWait2, 20)));
    }
}
