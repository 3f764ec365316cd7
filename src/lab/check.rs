//! The closed set of checks a step can have: predicates over the engine's
//! events, as a lab file writes them (`check: Received(by: Client, contains: "hello")`).

use serde::Deserialize;

use crate::i18n::Message;
use crate::msg;
use crate::net::{OptValue, SockOpt, errno_name};

/// Which endpoints a check looks at, as the events show them: a server has
/// listened, a datagram socket was created SOCK_DGRAM, a client connected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum Role {
    /// A stream server (any of its connections).
    Server,
    /// A stream client started in socklab.
    Client,
    /// A UDP or Unix datagram socket.
    Datagram,
    Any,
}

impl Role {
    pub fn includes(self, other: Role) -> bool {
        self == Role::Any || self == other
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Check {
    /// A stream server is listening (listen() succeeded).
    Listening,
    /// A datagram socket is bound.
    DatagramBound,
    /// A client started in socklab is connected (connect() succeeded).
    ClientConnected,
    /// One server has this many connections open at once (from any client:
    /// socklab's, Python, ncat).
    Connections(u32),
    /// Bytes containing `contains` arrived at an endpoint in role `by`. In a
    /// stream the text may straddle two recv()s; in datagrams it must be in one.
    /// Empty `contains`: any bytes.
    Received {
        by: Role,
        #[serde(default)]
        contains: String,
    },
    /// One endpoint received data from this many different peers (a server's
    /// connections, a datagram socket's senders) since the step began.
    DistinctPeers(u32),
    /// recv() returned 0 on an endpoint in this role: its peer sent FIN.
    PeerClosed { by: Role },
    /// An endpoint in this role closed a connection before its peer did (no
    /// RST): its side keeps the port in TIME_WAIT.
    ActiveClose { by: Role },
    /// One send() between two socklab endpoints arrived as two or more recv()s.
    SendSplit,
    /// Two or more send()s between two socklab endpoints arrived in one recv().
    SendsCoalesced,
    /// A call failed with this errno, e.g. `Failed(call: "bind", errno: "EADDRINUSE")`.
    Failed { call: String, errno: String },
    /// An option read back from the kernel with this value.
    OptionIs { option: SockOpt, value: OptValue },
    /// A server listened again on the port of one that closed at most
    /// `within_secs` before, after closing a connection first (so the port
    /// had a connection in TIME_WAIT: only SO_REUSEADDR on both lets bind() succeed).
    Restarted { within_secs: u32 },
    /// The kernel dropped datagrams for a full receive buffer (SO_RXQ_OVFL).
    KernelDrop,
    /// A received message parses as a JSON object whose `field` is base64 of
    /// exactly the bytes of `file` (a path relative to the lab file).
    JsonFile { field: String, file: String },
}

/// Longest text a `Received` check looks for (it keeps that much of each stream).
pub const MAX_NEEDLE: usize = 256;
/// Most peers or connections a check can ask for.
pub const MAX_COUNT: u32 = 64;
/// Longest restart window.
pub const MAX_WITHIN_SECS: u32 = 600;

impl Check {
    /// True for checks on how things are (tried when the step starts too);
    /// false for checks on something that must happen during the step.
    pub fn is_state(&self) -> bool {
        matches!(
            self,
            Check::Listening
                | Check::DatagramBound
                | Check::ClientConnected
                | Check::Connections(_)
                | Check::OptionIs { .. }
        )
    }

    /// What makes a check impossible to pass or to run in bounded memory.
    pub(super) fn problem(&self) -> Option<Message> {
        match self {
            Check::Connections(n) | Check::DistinctPeers(n) if *n == 0 || *n > MAX_COUNT => {
                Some(msg!("labfile-check-count", max = MAX_COUNT.to_string(), count = n.to_string()))
            }
            Check::Received { contains, .. } if contains.len() > MAX_NEEDLE => Some(msg!(
                "labfile-check-contains-long",
                size = contains.len().to_string(),
                max = MAX_NEEDLE.to_string()
            )),
            Check::Failed { call, .. } if call.trim().is_empty() => Some(msg!("labfile-check-no-call")),
            Check::Failed { errno, .. } if !is_errno_name(errno) => {
                Some(msg!("labfile-check-bad-errno", errno = errno))
            }
            Check::Restarted { within_secs } if *within_secs == 0 || *within_secs > MAX_WITHIN_SECS => {
                Some(msg!("labfile-check-within", max = MAX_WITHIN_SECS.to_string(), secs = within_secs.to_string()))
            }
            Check::JsonFile { field, .. } if field.is_empty() => Some(msg!("labfile-check-no-field")),
            _ => None,
        }
    }
}

fn is_errno_name(name: &str) -> bool {
    (1..200).filter_map(errno_name).any(|n| n == name)
}
