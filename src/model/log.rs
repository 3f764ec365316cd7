//! The event log: the syscall-like timeline, bounded, with what was dropped counted.

use std::collections::VecDeque;
use std::time::SystemTime;

use crate::net::{EndpointId, Event, EventKind};

/// Groups for the log's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogKind {
    /// socket, getaddrinfo, bind, listen, close …
    Lifecycle,
    /// accept, connect, shutdown, FIN
    Connection,
    /// send, recv, file, loss
    Data,
    /// setsockopt, getsockopt
    Option,
    Error,
}

impl LogKind {
    pub const ALL: [LogKind; 5] =
        [LogKind::Lifecycle, LogKind::Connection, LogKind::Data, LogKind::Option, LogKind::Error];

    /// The filter's name on screen, in the current language.
    pub fn label(self) -> String {
        match self {
            LogKind::Lifecycle => crate::t!("log-kind-lifecycle"),
            LogKind::Connection => crate::t!("log-kind-connections"),
            LogKind::Data => crate::t!("log-kind-data"),
            LogKind::Option => crate::t!("log-kind-options"),
            LogKind::Error => crate::t!("log-kind-errors"),
        }
    }

    fn of(kind: &EventKind) -> LogKind {
        match kind {
            EventKind::Accepted { .. }
            | EventKind::Connected { .. }
            | EventKind::PeerClosed { .. }
            | EventKind::Shutdown { .. }
            | EventKind::TcpState { .. }
            | EventKind::PeerSeen { .. } => LogKind::Connection,
            EventKind::Sent { .. }
            | EventKind::Received { .. }
            | EventKind::FileProgress { .. }
            | EventKind::Loss { .. } => LogKind::Data,
            EventKind::OptionSet { .. } | EventKind::Options { .. } => LogKind::Option,
            EventKind::Error { .. } => LogKind::Error,
            _ => LogKind::Lifecycle,
        }
    }
}

#[derive(Clone, Debug)]
pub struct LogEntry {
    pub time: SystemTime,
    pub endpoint: EndpointId,
    pub endpoint_name: String,
    pub kind: LogKind,
    pub call: &'static str,
    pub summary: String,
    /// For errors: the errno name and the plain-language cause and fix.
    pub errno: Option<String>,
    pub hint: Option<String>,
}

#[derive(Debug, Default)]
pub struct EventLog {
    entries: VecDeque<LogEntry>,
    max: usize,
    /// Entries dropped from the log because it was full.
    pub dropped: u64,
    /// Entries removed from the front, by dropping or clearing: the number of the first one kept.
    first: u64,
}

impl EventLog {
    pub fn new(max: usize) -> EventLog {
        EventLog { entries: VecDeque::new(), max: max.max(1), dropped: 0, first: 0 }
    }

    pub fn push(&mut self, ev: &Event, endpoint_name: &str) {
        let (errno, hint) = match &ev.kind {
            EventKind::Error { error, .. } => (error.errno.clone(), Some(error.hint.clone()).filter(|h| !h.is_empty())),
            _ => (None, None),
        };
        self.entries.push_back(LogEntry {
            time: ev.time,
            endpoint: ev.endpoint,
            endpoint_name: endpoint_name.to_string(),
            kind: LogKind::of(&ev.kind),
            call: ev.kind.label(),
            summary: ev.kind.summary(),
            errno,
            hint,
        });
        while self.entries.len() > self.max {
            self.entries.pop_front();
            self.dropped += 1;
            self.first += 1;
        }
    }

    pub fn entries(&self) -> &VecDeque<LogEntry> {
        &self.entries
    }

    /// Every entry ever pushed has a number, counting from 0; this is the first one still kept.
    /// A view can remember entries by number across frames.
    pub fn first_number(&self) -> u64 {
        self.first
    }

    /// The entry numbered `n`, if it is still kept.
    pub fn get(&self, n: u64) -> Option<&LogEntry> {
        self.entries.get(usize::try_from(n.checked_sub(self.first)?).ok()?)
    }

    pub fn clear(&mut self) {
        self.first += self.entries.len() as u64;
        self.entries.clear();
    }
}
