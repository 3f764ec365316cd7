//! What an endpoint is before it exists: the form a person fills in, the
//! CLI's arguments, or an entry of a workspace file.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::encoding::Encoding;
use super::frame::FrameSpec;
use super::options::{OptValue, SockOpt, SocketClass};
use super::reply::ReplyMode;
use super::rules::Rule;
use super::sequence::Sequence;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndpointKind {
    TcpServer,
    TcpClient,
    /// A UDP socket: bound, optionally connected to a default peer.
    Udp,
    UnixServer,
    UnixClient,
    /// A Unix datagram socket: bound to a path, optionally connected to another.
    UnixDatagram,
}

impl EndpointKind {
    pub const ALL: [EndpointKind; 6] = [
        EndpointKind::TcpServer,
        EndpointKind::TcpClient,
        EndpointKind::Udp,
        EndpointKind::UnixServer,
        EndpointKind::UnixClient,
        EndpointKind::UnixDatagram,
    ];

    /// What a person calls it, in the current language (`kind-…`).
    pub fn label(self) -> &'static str {
        super::lasting::lasting(self.label_id())
    }

    /// The catalog id of its name.
    pub fn label_id(self) -> &'static str {
        match self {
            EndpointKind::TcpServer => "kind-tcp-server",
            EndpointKind::TcpClient => "kind-tcp-client",
            EndpointKind::Udp => "kind-udp",
            EndpointKind::UnixServer => "kind-unix-server",
            EndpointKind::UnixClient => "kind-unix-client",
            EndpointKind::UnixDatagram => "kind-unix-datagram",
        }
    }

    pub fn class(self) -> SocketClass {
        match self {
            EndpointKind::TcpServer | EndpointKind::TcpClient => SocketClass::Tcp,
            EndpointKind::Udp => SocketClass::Udp,
            EndpointKind::UnixServer | EndpointKind::UnixClient => SocketClass::UnixStream,
            EndpointKind::UnixDatagram => SocketClass::UnixDgram,
        }
    }

    pub fn is_server(self) -> bool {
        matches!(self, EndpointKind::TcpServer | EndpointKind::UnixServer)
    }

    pub fn is_unix(self) -> bool {
        matches!(self, EndpointKind::UnixServer | EndpointKind::UnixClient | EndpointKind::UnixDatagram)
    }

    pub fn is_datagram(self) -> bool {
        matches!(self, EndpointKind::Udp | EndpointKind::UnixDatagram)
    }

    /// The reply modes that make sense for this kind of endpoint.
    pub fn reply_modes(self) -> &'static [ReplyMode] {
        match self {
            EndpointKind::TcpServer | EndpointKind::UnixServer => &ReplyMode::ALL,
            EndpointKind::Udp | EndpointKind::UnixDatagram => &[ReplyMode::None, ReplyMode::Echo],
            EndpointKind::TcpClient | EndpointKind::UnixClient => &[ReplyMode::None],
        }
    }
}

/// One option the user asked for, applied before bind/connect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionRequest {
    pub opt: SockOpt,
    pub value: OptValue,
}

/// Everything needed to open an endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointSpec {
    pub kind: EndpointKind,
    /// host:port to bind (servers, UDP) or connect to (clients); a path for Unix.
    pub address: String,
    /// UDP / Unix datagram: the default peer to connect() to, if any.
    #[serde(default)]
    pub peer: Option<String>,
    #[serde(default)]
    pub reply: ReplyMode,
    #[serde(default)]
    pub options: Vec<OptionRequest>,
    #[serde(default = "default_backlog")]
    pub backlog: i32,
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout: Duration,
    /// Streams: when the peer has sent FIN, keep the connection open for
    /// sending (a teaching switch). Off, a connection whose peer has closed
    /// is closed once nothing is left to send it, as netcat does.
    #[serde(default)]
    pub keep_half_open: bool,
    /// Streams: how received bytes are cut into messages (raw: each recv()
    /// as it came). The reply mode's own framing is used while this is raw.
    #[serde(default, skip_serializing_if = "is_default")]
    pub frame: FrameSpec,
    /// Reply rules, tried in order on each message (and on each new
    /// connection), before the reply mode's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// Send sequences to run on this endpoint (`socklab run` runs them all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sequences: Vec<Sequence>,
    /// The text encoding of what is typed and shown (the bytes on the wire
    /// are never changed by it). UTF-8 is not written, so older files stay as they were.
    #[serde(default, skip_serializing_if = "is_default")]
    pub encoding: Encoding,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

fn default_backlog() -> i32 {
    128
}

fn default_connect_timeout() -> Duration {
    Duration::from_secs(10)
}

impl EndpointSpec {
    pub fn new(kind: EndpointKind, address: impl Into<String>) -> EndpointSpec {
        EndpointSpec {
            kind,
            address: address.into(),
            peer: None,
            reply: ReplyMode::None,
            options: Vec::new(),
            backlog: default_backlog(),
            connect_timeout: default_connect_timeout(),
            keep_half_open: false,
            frame: FrameSpec::default(),
            rules: Vec::new(),
            sequences: Vec::new(),
            encoding: Encoding::Utf8,
        }
    }

    pub fn with_reply(mut self, reply: ReplyMode) -> Self {
        self.reply = reply;
        self
    }

    pub fn with_option(mut self, opt: SockOpt, value: OptValue) -> Self {
        self.options.push(OptionRequest { opt, value });
        self
    }

    /// Keeps connections open for sending after the peer's FIN (see `keep_half_open`).
    pub fn keeping_half_open(mut self) -> Self {
        self.keep_half_open = true;
        self
    }

    pub fn with_frame(mut self, frame: FrameSpec) -> Self {
        self.frame = frame;
        self
    }

    pub fn with_rule(mut self, rule: Rule) -> Self {
        self.rules.push(rule);
        self
    }

    pub fn with_peer(mut self, peer: impl Into<String>) -> Self {
        self.peer = Some(peer.into());
        self
    }
}
