//! The event log: the syscall-like timeline, bounded, with what was dropped counted.

use std::collections::VecDeque;
use std::time::SystemTime;

use crate::i18n::Message;
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
    /// What happened, and for errors the plain-language cause and fix, as
    /// messages: a language switch words the whole history again.
    said: Message,
    why: Option<Message>,
    /// `said` and `why` as text in the current language, for drawing and
    /// searching without formatting each entry every frame.
    pub summary: String,
    pub hint: Option<String>,
    /// For errors: the errno name.
    pub errno: Option<String>,
}

impl LogEntry {
    fn reword(&mut self) {
        self.summary = self.said.text();
        self.hint = self.why.as_ref().map(Message::text);
    }
}

#[derive(Debug, Default)]
pub struct EventLog {
    entries: VecDeque<LogEntry>,
    max: usize,
    /// Entries dropped from the log because it was full.
    pub dropped: u64,
    /// Entries removed from the front, by dropping or clearing: the number of the first one kept.
    first: u64,
    /// How often the entries were worded again (see `reword`).
    reworded: u64,
}

impl EventLog {
    pub fn new(max: usize) -> EventLog {
        EventLog { entries: VecDeque::new(), max: max.max(1), dropped: 0, first: 0, reworded: 0 }
    }

    pub fn push(&mut self, ev: &Event, endpoint_name: &str) {
        let (errno, why) = match &ev.kind {
            EventKind::Error { error, .. } => {
                let why = match &error.why {
                    Some(why) => Some(Message::clone(why)),
                    None if !error.hint.is_empty() => Some(crate::msg!("net-verbatim", text = error.hint.clone())),
                    None => None,
                };
                (error.errno.clone(), why)
            }
            _ => (None, None),
        };
        let mut entry = LogEntry {
            time: ev.time,
            endpoint: ev.endpoint,
            endpoint_name: endpoint_name.to_string(),
            kind: LogKind::of(&ev.kind),
            call: ev.kind.label(),
            said: ev.kind.summary_message(),
            why,
            summary: String::new(),
            hint: None,
            errno,
        };
        entry.reword();
        self.entries.push_back(entry);
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

    /// Words every entry again in the current language (after a switch);
    /// a view that searched the old words must search again (`revision`).
    pub fn reword(&mut self) {
        self.entries.iter_mut().for_each(LogEntry::reword);
        self.reworded += 1;
    }

    /// Changes each time the entries' words change.
    pub fn revision(&self) -> u64 {
        self.reworded
    }

    pub fn clear(&mut self) {
        self.first += self.entries.len() as u64;
        self.entries.clear();
    }
}
