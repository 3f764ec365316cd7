//! What the checker knows about the engine's endpoints, kept up to date from
//! every event (whatever step is current), and the facts each event adds.
//! Memory follows the engine's: an endpoint is forgotten when it stops, a
//! connection when it closes; the history kept beyond that is bounded.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime};

use super::check::Role;
use super::streams::{Found, Streams};
use crate::net::{Addr, ConnId, EndpointId, Event, EventKind, NetError, OptValue, OptionReport, SockOpt};

/// Listeners remembered after they close, for a restart on the same port.
const MAX_CLOSED_LISTENERS: usize = 64;

/// Something an event showed, in the terms checks use.
#[derive(Debug)]
pub(super) enum Fact<'a> {
    Received {
        ep: EndpointId,
        role: Role,
        conn: ConnId,
        from: Option<&'a Addr>,
        data: &'a [u8],
    },
    PeerClosed {
        role: Role,
    },
    ActiveClose {
        role: Role,
    },
    Failed(&'a NetError),
    OptionRead {
        opt: SockOpt,
        value: &'a OptValue,
    },
    /// A server listens where one that left a connection in TIME_WAIT closed `after` ago.
    Restarted {
        after: Duration,
    },
    KernelDrop,
    Split,
    Coalesced,
}

#[derive(Default)]
struct Endpoint {
    datagram: bool,
    /// Ever listened: its events are a server's, even after it closes.
    server: bool,
    listening: Option<Addr>,
    bound: bool,
    conns: HashMap<ConnId, Conn>,
    /// The latest value read back, per connection (None: the endpoint's own socket) and option.
    options: HashMap<(Option<ConnId>, SockOpt), OptValue>,
    kernel_dropped: u64,
    /// It closed a connection before the peer did, without RST.
    left_time_wait: bool,
}

impl Endpoint {
    /// Keeps an option's value as the kernel reported it.
    fn read_back<'a>(&mut self, conn: Option<ConnId>, report: &'a OptionReport, facts: &mut Vec<Fact<'a>>) {
        if let Ok(value) = &report.effective {
            self.options.insert((conn, report.opt), value.clone());
            facts.push(Fact::OptionRead { opt: report.opt, value });
        }
    }

    fn role(&self) -> Role {
        if self.datagram {
            Role::Datagram
        } else if self.server {
            Role::Server
        } else {
            Role::Client
        }
    }
}

struct Conn {
    local: Addr,
    peer: Addr,
    peer_closed: bool,
}

struct ClosedListener {
    local: Addr,
    at: SystemTime,
    left_time_wait: bool,
}

/// Listeners that closed lately, oldest first.
#[derive(Default)]
struct ClosedListeners(VecDeque<ClosedListener>);

impl ClosedListeners {
    fn remember(&mut self, closed: ClosedListener) {
        if self.0.len() == MAX_CLOSED_LISTENERS {
            self.0.pop_front();
        }
        self.0.push_back(closed);
    }

    /// A listener on `local` at `now`: a restart, if the last one on that
    /// port closed leaving a connection in TIME_WAIT.
    fn restarted(&mut self, local: &Addr, now: SystemTime) -> Option<Fact<'static>> {
        let i = self.0.iter().rposition(|c| same_port(&c.local, local))?;
        let old = self.0.remove(i)?;
        old.left_time_wait.then(|| Fact::Restarted { after: now.duration_since(old.at).unwrap_or_default() })
    }
}

/// Two listeners compete for a port when they have the same port (any IP
/// address may conflict) or the same Unix path.
fn same_port(a: &Addr, b: &Addr) -> bool {
    match (a, b) {
        (Addr::Inet(a), Addr::Inet(b)) => a.port() == b.port(),
        (Addr::Unix(a), Addr::Unix(b)) => a == b,
        _ => false,
    }
}

#[derive(Default)]
pub(super) struct World {
    endpoints: HashMap<EndpointId, Endpoint>,
    closed_listeners: ClosedListeners,
    streams: Streams,
}

impl World {
    pub fn any_listening(&self) -> bool {
        self.endpoints.values().any(|e| e.listening.is_some())
    }

    pub fn any_datagram_bound(&self) -> bool {
        self.endpoints.values().any(|e| e.datagram && e.bound)
    }

    pub fn any_client_connected(&self) -> bool {
        self.endpoints.values().any(|e| e.role() == Role::Client && !e.conns.is_empty())
    }

    /// The most connections one server has open now.
    pub fn max_connections(&self) -> usize {
        self.endpoints.values().filter(|e| e.server).map(|e| e.conns.len()).max().unwrap_or(0)
    }

    pub fn has_option(&self, opt: SockOpt, value: &OptValue) -> bool {
        self.endpoints.values().flat_map(|e| e.options.iter()).any(|((_, o), v)| *o == opt && v == value)
    }

    /// Updates what is known from one event and returns what it showed.
    pub fn apply<'a>(&mut self, ev: &'a Event) -> Vec<Fact<'a>> {
        let mut facts = Vec::new();
        if matches!(ev.kind, EventKind::Stopped) {
            self.endpoints.remove(&ev.endpoint);
            return facts;
        }
        let ep = self.endpoints.entry(ev.endpoint).or_default();
        match &ev.kind {
            EventKind::Socket { conn: None, ty, .. } => ep.datagram = *ty == "SOCK_DGRAM",
            EventKind::OptionSet { conn, report } => ep.read_back(*conn, report, &mut facts),
            EventKind::Options { conn, reports } => reports.iter().for_each(|r| ep.read_back(*conn, r, &mut facts)),
            EventKind::Bound { .. } => ep.bound = true,
            EventKind::Listening { local, .. } => {
                ep.server = true;
                ep.listening = Some(local.clone());
                facts.extend(self.closed_listeners.restarted(local, ev.time));
            }
            EventKind::Accepted { conn, local, peer } | EventKind::Connected { conn, local, peer } => {
                ep.conns.insert(*conn, Conn { local: local.clone(), peer: peer.clone(), peer_closed: false });
            }
            EventKind::Sent { conn, data, .. } => {
                if let Some(c) = ep.conns.get(conn)
                    && let (false, Addr::Inet(local), Addr::Inet(peer)) = (ep.datagram, &c.local, &c.peer)
                {
                    let found = self.streams.sent(*local, *peer, data.len());
                    push_found(&mut facts, found);
                }
            }
            EventKind::Received { conn, from, data } => {
                let role = ep.role();
                if let Some(c) = ep.conns.get(conn)
                    && let (false, Addr::Inet(local), Addr::Inet(peer)) = (ep.datagram, &c.local, &c.peer)
                {
                    let found = self.streams.received(*peer, *local, data.len());
                    push_found(&mut facts, found);
                }
                facts.push(Fact::Received { ep: ev.endpoint, role, conn: *conn, from: from.as_ref(), data });
            }
            EventKind::PeerClosed { conn } => {
                if let Some(c) = ep.conns.get_mut(conn) {
                    c.peer_closed = true;
                }
                facts.push(Fact::PeerClosed { role: ep.role() });
            }
            EventKind::Closed { conn: Some(conn), abortive } => {
                let first = ep.conns.remove(conn).is_some_and(|c| !c.peer_closed);
                ep.options.retain(|(c, _), _| *c != Some(*conn));
                // RST (SO_LINGER 0) leaves nothing behind; a FIN sent first leaves TIME_WAIT.
                if first && !*abortive && !ep.datagram {
                    ep.left_time_wait = true;
                    facts.push(Fact::ActiveClose { role: ep.role() });
                }
            }
            EventKind::Closed { conn: None, .. } => {
                if let Some(local) = ep.listening.take() {
                    self.closed_listeners.remember(ClosedListener {
                        local,
                        at: ev.time,
                        left_time_wait: ep.left_time_wait,
                    });
                }
                ep.bound = false;
                ep.conns.clear();
                ep.options.clear();
            }
            EventKind::Loss { kernel_dropped: Some(k), .. } if *k > ep.kernel_dropped => {
                ep.kernel_dropped = *k;
                facts.push(Fact::KernelDrop);
            }
            EventKind::Error { error, .. } => facts.push(Fact::Failed(error)),
            _ => {}
        }
        facts
    }
}

fn push_found(facts: &mut Vec<Fact<'_>>, found: Found) {
    if found.split {
        facts.push(Fact::Split);
    }
    if found.coalesced {
        facts.push(Fact::Coalesced);
    }
}
