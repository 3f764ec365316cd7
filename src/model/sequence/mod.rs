//! The sequence ("ladder") diagram's data: per connection, what each end
//! did and when, fed by the engine's events (and, where the kernel says,
//! TCP state changes). When both ends are socklab endpoints their flows are
//! joined, so each send is tied to the receives that carried its bytes.
//! Bounded: each flow keeps its newest rows, and the oldest flows go first.
//! Plain data, no egui: the GUI, the SVG export and the tests read
//! [`Diagram`]s built from it.

mod build;
mod diagram;
mod flow;
mod join;
mod links;
pub mod text;
mod timeline;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::time::SystemTime;

pub use diagram::{Arrow, Call, Diagram, End, Lane, Mark, MarkKind, Side, Signal, Step, StepId};
pub use flow::{Flow, FlowKey, Preview, Row, RowId, Transport, What};
pub use join::Group;
pub use timeline::{Speed, Timeline};

use crate::net::kernel::TcpState;
use crate::net::{Addr, ConnId, EndpointId, Event, EventKind, OptValue, OptionReport, SockOpt};

/// Rows kept per flow, and flows kept at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SequenceLimits {
    pub rows_per_flow: usize,
    pub flows: usize,
}

impl Default for SequenceLimits {
    fn default() -> Self {
        // About 110 bytes a row: at most some 35 MB, and 0.5 MB per flooded connection.
        SequenceLimits { rows_per_flow: 5_000, flows: 64 }
    }
}

/// What the model learnt about an endpoint from its events.
#[derive(Clone, Debug, Default)]
struct EndpointFacts {
    transport: Transport,
    local: Option<Addr>,
    /// A connected datagram socket's default peer.
    peer: Option<Addr>,
    kernel_dropped: u64,
    engine_dropped: u64,
    /// The datagram flow that received last: where a loss report is shown.
    last_in: Option<FlowKey>,
    /// SO_LINGER is on with 0 s: close() sends RST (accepted connections inherit it).
    linger_zero: bool,
}

#[derive(Debug, Default)]
pub struct Sequence {
    flows: HashMap<FlowKey, Flow>,
    endpoints: HashMap<EndpointId, EndpointFacts>,
    limits: SequenceLimits,
    next_row: RowId,
    /// Flows forgotten to stay within the limit.
    pub dropped_flows: u64,
}

impl Sequence {
    pub fn new(limits: SequenceLimits) -> Sequence {
        Sequence { limits, ..Default::default() }
    }

    /// Changes whenever a row is added: views cache their diagrams on it.
    pub fn revision(&self) -> u64 {
        self.next_row
    }

    pub fn flow(&self, key: &FlowKey) -> Option<&Flow> {
        self.flows.get(key)
    }

    /// Every flow, oldest first.
    pub fn flows(&self) -> Vec<&Flow> {
        let mut all: Vec<&Flow> = self.flows.values().collect();
        all.sort_by_key(|f| f.created);
        all
    }

    /// The flows of one endpoint, oldest first.
    pub fn flows_of(&self, endpoint: EndpointId) -> Vec<&Flow> {
        self.flows().into_iter().filter(|f| f.key.endpoint == endpoint).collect()
    }

    /// The diagram of one flow: its lane and its peer's.
    pub fn diagram(&self, key: &FlowKey) -> Option<Diagram> {
        let flow = self.flows.get(key)?;
        let partner = flow.partner.as_ref().and_then(|p| self.flows.get(p));
        Some(build::diagram(flow, partner))
    }

    /// Forgets an endpoint the user removed, with its flows.
    pub fn forget_endpoint(&mut self, endpoint: EndpointId) {
        self.endpoints.remove(&endpoint);
        let gone: Vec<FlowKey> = self.flows.keys().filter(|k| k.endpoint == endpoint).cloned().collect();
        for k in gone {
            self.remove_flow(&k);
        }
    }

    /// A TCP state the kernel reported for a stream connection (TCP_INFO
    /// while socklab holds it, sock_diag after). From the first one on the
    /// flow's states are the kernel's, no longer inferred from the calls.
    /// A report of the state already known adds nothing.
    pub fn kernel_state(&mut self, time: SystemTime, endpoint: EndpointId, conn: ConnId, state: TcpState) {
        let key = FlowKey::stream(endpoint, conn);
        let Some(f) = self.flow_mut(&key) else { return };
        f.kernel_states = true;
        if f.state() != Some(state) {
            self.push(&key, time, What::State { state, from_kernel: true });
        }
    }

    /// The TCP state of a stream connection's peer that is not a socklab
    /// endpoint (a student's own client), as sock_diag reports it; from the
    /// first one on the peer lane shows the kernel's states, not mirrored ones.
    pub fn peer_kernel_state(&mut self, time: SystemTime, endpoint: EndpointId, conn: ConnId, state: TcpState) {
        let key = FlowKey::stream(endpoint, conn);
        let Some(f) = self.flow_mut(&key) else { return };
        f.peer_kernel_states = true;
        if f.peer_state != Some(state) {
            f.peer_state = Some(state);
            self.push(&key, time, What::PeerState { state });
        }
    }

    /// One diagram per conversation, oldest first: a connection whose two ends
    /// are both socklab endpoints is drawn once, from the end seen first
    /// (what `--ladder` writes).
    pub fn diagrams(&self) -> Vec<Diagram> {
        let mut drawn: Vec<&FlowKey> = Vec::new();
        let mut out = Vec::new();
        for f in self.flows() {
            if f.partner.as_ref().is_some_and(|p| drawn.contains(&p)) {
                continue;
            }
            drawn.push(&f.key);
            out.extend(self.diagram(&f.key));
        }
        out
    }

    /// The diagrams of every flow of an endpoint, oldest first (what an export writes).
    pub fn diagrams_of(&self, endpoint: EndpointId) -> Vec<Diagram> {
        self.flows_of(endpoint).into_iter().filter_map(|f| self.diagram(&f.key)).collect()
    }

    pub fn apply(&mut self, ev: &Event) {
        let (ep, time) = (ev.endpoint, ev.time);
        match &ev.kind {
            EventKind::Socket { conn: None, family, ty } => {
                self.endpoints.entry(ep).or_default().transport = Transport::from_socket(family, ty);
            }
            EventKind::OptionSet { conn, report } => self.option(ep, *conn, report),
            EventKind::Options { conn, reports } => reports.iter().for_each(|r| self.option(ep, *conn, r)),
            EventKind::Bound { local } | EventKind::Listening { local, .. } => {
                self.endpoints.entry(ep).or_default().local = Some(local.clone());
            }
            EventKind::Connected { local, peer, .. } if self.is_datagram(ep) => {
                let facts = self.endpoints.entry(ep).or_default();
                (facts.local, facts.peer) = (Some(local.clone()), Some(peer.clone()));
            }
            EventKind::Connected { conn, local, peer } => self.open_stream(ep, *conn, time, local, peer, What::Connect),
            EventKind::Accepted { conn, local, peer } => self.open_stream(ep, *conn, time, local, peer, What::Accept),
            EventKind::Sent { conn, to, data } => self.data(ep, *conn, time, to.as_ref(), data, true),
            EventKind::Received { conn, from, data } => self.data(ep, *conn, time, from.as_ref(), data, false),
            EventKind::PeerClosed { conn } => self.push(&FlowKey::stream(ep, *conn), time, What::PeerFin),
            EventKind::Shutdown { conn } => {
                let key = FlowKey::stream(ep, *conn);
                if let Some(f) = self.flow_mut(&key) {
                    f.fin_sent = true;
                }
                self.push(&key, time, What::Shutdown);
            }
            EventKind::Closed { conn: Some(c), abortive } if !self.is_datagram(ep) => {
                self.close_stream(ep, *c, time, *abortive);
            }
            EventKind::Closed { conn: None, .. } if self.is_datagram(ep) => self.close_datagrams(ep, time),
            EventKind::TcpState { conn: Some(c), to, .. } => self.kernel_state(time, ep, *c, *to),
            EventKind::PeerSeen { conn, peer } => self.peer_kernel_state(time, ep, *conn, peer.state),
            EventKind::Loss { engine_dropped, kernel_dropped, .. } => {
                self.loss(ep, time, *engine_dropped, kernel_dropped.unwrap_or(0));
            }
            EventKind::Error { conn: Some(c), error } if !self.is_datagram(ep) => {
                let key = FlowKey::stream(ep, *c);
                let what = match error.errno.as_deref() {
                    Some("ECONNRESET") => What::Reset,
                    errno => What::Error { call: error.call.clone(), errno: errno.map(str::to_string) },
                };
                if let (What::Reset, Some(f)) = (&what, self.flow_mut(&key)) {
                    f.reset = true;
                }
                self.push(&key, time, what);
            }
            EventKind::Error { error, .. } => {
                // A connected datagram socket's errors (ECONNREFUSED) concern its peer.
                let peer = self.endpoints.get(&ep).and_then(|f| f.peer.clone());
                if let Some(peer) = peer.filter(|_| self.is_datagram(ep)) {
                    let what = What::Error { call: error.call.clone(), errno: error.errno.clone() };
                    self.push(&FlowKey::datagram(ep, peer), time, what);
                }
            }
            _ => {}
        }
    }

    fn is_datagram(&self, ep: EndpointId) -> bool {
        self.endpoints.get(&ep).is_some_and(|f| !f.transport.is_stream())
    }

    fn flow_mut(&mut self, key: &FlowKey) -> Option<&mut Flow> {
        self.flows.get_mut(key)
    }

    /// Adds a row to an existing flow (events of unknown flows are ignored:
    /// their connection was never reported, or fell out long ago).
    fn push(&mut self, key: &FlowKey, time: SystemTime, what: What) {
        let id = self.next_row;
        if let Some(f) = self.flows.get_mut(key) {
            f.push(id, time, what);
            self.next_row += 1;
        }
    }

    /// The flow, created (and joined to its other end) if it is new.
    fn ensure_flow(&mut self, key: &FlowKey, local: Option<&Addr>, remote: Option<&Addr>) {
        if self.flows.contains_key(key) {
            return;
        }
        if self.flows.len() >= self.limits.flows.max(1) {
            self.evict_one();
        }
        let mut transport = self.endpoints.get(&key.endpoint).map(|f| f.transport).unwrap_or_default();
        if key.remote.is_some() && transport.is_stream() {
            transport = Transport::Udp; // socket() was not seen; only datagram flows have a remote in their key
        }
        let mut flow = Flow::new(key.clone(), transport, self.limits.rows_per_flow, self.next_row);
        flow.local = local.cloned();
        if let Some(r) = remote {
            flow.remote = Some(r.clone());
        }
        self.flows.insert(key.clone(), flow);
        self.join(key);
    }

    /// Forgets the oldest closed flow, or the oldest of all.
    fn evict_one(&mut self) {
        let oldest = |closed_only: bool| {
            self.flows.values().filter(|f| f.closed || !closed_only).min_by_key(|f| f.created).map(|f| f.key.clone())
        };
        if let Some(k) = oldest(true).or_else(|| oldest(false)) {
            self.remove_flow(&k);
            self.dropped_flows += 1;
        }
    }

    fn remove_flow(&mut self, key: &FlowKey) {
        let partner = self.flows.remove(key).and_then(|f| f.partner);
        if let Some(p) = partner.and_then(|p| self.flows.get_mut(&p)) {
            p.partner = None;
        }
    }

    /// Ties a new flow to the newest unjoined flow of another endpoint with
    /// the same addresses reversed: the same connection seen from its other end.
    fn join(&mut self, key: &FlowKey) {
        let Some(flow) = self.flows.get(key) else { return };
        let (Some(local), Some(remote)) = (flow.local.clone(), flow.remote.clone()) else { return };
        let stream = flow.transport.is_stream();
        let candidates: Vec<&Flow> = self
            .flows
            .values()
            .filter(|o| o.key.endpoint != key.endpoint && o.partner.is_none() && !o.closed)
            .filter(|o| o.transport.is_stream() == stream)
            .filter(|o| o.local.as_ref().is_some_and(|l| same_end(l, &remote)))
            .filter(|o| o.remote.as_ref().is_some_and(|r| same_end(r, &local)))
            .collect();
        // Unnamed Unix clients all look alike: join only when there is no doubt.
        let unnamed = matches!(local, Addr::Unnamed) || matches!(remote, Addr::Unnamed);
        if unnamed && candidates.len() != 1 {
            return;
        }
        let Some(other) = candidates.into_iter().max_by_key(|o| o.created).map(|o| o.key.clone()) else { return };
        if let Some(o) = self.flows.get_mut(&other) {
            o.partner = Some(key.clone());
        }
        if let Some(f) = self.flows.get_mut(key) {
            f.partner = Some(other);
        }
    }

    fn open_stream(&mut self, ep: EndpointId, conn: ConnId, time: SystemTime, local: &Addr, peer: &Addr, what: What) {
        let key = FlowKey::stream(ep, conn);
        self.ensure_flow(&key, Some(local), Some(peer));
        self.push(&key, time, what);
    }

    fn data(&mut self, ep: EndpointId, conn: ConnId, time: SystemTime, addr: Option<&Addr>, data: &[u8], out: bool) {
        let preview = Preview::of(data);
        // An address on the event means a datagram even if socket() was not seen.
        if addr.is_none() && !self.is_datagram(ep) {
            let key = FlowKey::stream(ep, conn);
            let Some(f) = self.flow_mut(&key) else { return };
            let what = if out {
                What::Send { range: f.next_sent(data.len()), preview }
            } else {
                What::Recv { range: f.next_received(data.len()), preview }
            };
            return self.push(&key, time, what);
        }
        let facts = self.endpoints.entry(ep).or_default();
        let Some(remote) = addr.or(facts.peer.as_ref()).cloned() else { return };
        let local = facts.local.clone();
        let key = FlowKey::datagram(ep, remote.clone());
        if !out {
            facts.last_in = Some(key.clone());
        }
        self.ensure_flow(&key, local.as_ref(), Some(&remote));
        let hash = hash_bytes(data);
        let what = if out { What::DatagramOut { hash, preview } } else { What::DatagramIn { hash, preview } };
        self.push(&key, time, what);
    }

    /// Remembers SO_LINGER 0, the one option that changes what the diagram shows.
    fn option(&mut self, ep: EndpointId, conn: Option<ConnId>, report: &OptionReport) {
        if report.opt != SockOpt::Linger {
            return;
        }
        let zero = matches!(report.effective, Ok(OptValue::Linger(Some(0))));
        match conn {
            None => self.endpoints.entry(ep).or_default().linger_zero = zero,
            Some(c) => {
                if let Some(f) = self.flow_mut(&FlowKey::stream(ep, c)) {
                    f.linger_zero = Some(zero);
                }
            }
        }
    }

    fn close_stream(&mut self, ep: EndpointId, conn: ConnId, time: SystemTime, abortive: bool) {
        let key = FlowKey::stream(ep, conn);
        let endpoint_zero = self.endpoints.get(&ep).is_some_and(|f| f.linger_zero);
        let Some(f) = self.flow_mut(&key) else { return };
        // close() with SO_LINGER 0 resets the connection whatever the caller asked.
        let abortive = abortive || f.linger_zero.unwrap_or(endpoint_zero);
        // After an RST, sent or received, the kernel has no connection left to send FIN on.
        let abortive = abortive && !f.reset;
        let fin = !abortive && !f.fin_sent && !f.reset;
        f.fin_sent |= fin;
        f.reset |= abortive;
        f.closed = true;
        self.push(&key, time, What::Close { fin, abortive });
    }

    fn close_datagrams(&mut self, ep: EndpointId, time: SystemTime) {
        let keys: Vec<FlowKey> = self.flows.keys().filter(|k| k.endpoint == ep).cloned().collect();
        for k in keys {
            if let Some(f) = self.flow_mut(&k) {
                f.closed = true;
            }
            self.push(&k, time, What::Close { fin: false, abortive: false });
        }
    }

    /// A loss report carries running totals: the increase is what is new.
    fn loss(&mut self, ep: EndpointId, time: SystemTime, engine_total: u64, kernel_total: u64) {
        let Some(facts) = self.endpoints.get_mut(&ep) else { return };
        let kernel = kernel_total.saturating_sub(facts.kernel_dropped);
        let engine = engine_total.saturating_sub(facts.engine_dropped);
        facts.kernel_dropped = facts.kernel_dropped.max(kernel_total);
        facts.engine_dropped = facts.engine_dropped.max(engine_total);
        if kernel + engine == 0 {
            return;
        }
        if let Some(key) = facts.last_in.clone() {
            self.push(&key, time, What::Lost { kernel, engine });
        }
    }
}

/// Two addresses name the same socket end: equal, or the same port where
/// one side bound the wildcard address or sees an IPv4-mapped IPv6 one.
fn same_end(a: &Addr, b: &Addr) -> bool {
    match (a, b) {
        (Addr::Inet(x), Addr::Inet(y)) => {
            let canon = |ip: std::net::IpAddr| ip.to_canonical();
            x.port() == y.port()
                && (canon(x.ip()) == canon(y.ip()) || x.ip().is_unspecified() || y.ip().is_unspecified())
        }
        (Addr::Unnamed, Addr::Unnamed) => true,
        _ => a == b,
    }
}

/// Identifies a datagram's bytes for the join (the process's own hasher
/// keys are fixed, so equal bytes hash equal on both ends).
fn hash_bytes(data: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests;
