//! What a caller asks the engine to do. Each variant names the endpoint it is for.

use std::path::PathBuf;
use std::time::Duration;

use super::event::{ConnId, EndpointId};
use super::frame::FrameSpec;
use super::options::{OptValue, SockOpt};
use super::reply::ReplyMode;
use super::rules::Rule;
use super::sequence::Sequence;
use super::spec::EndpointSpec;

/// Where a send goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A client's or a connected datagram socket's peer.
    Peer,
    /// One connection of a server.
    Conn(ConnId),
    /// Every connection of a server.
    All,
    /// A datagram to this address (host:port, or a path for Unix datagrams).
    To(String),
}

#[derive(Clone, Debug)]
pub enum Command {
    /// Start a worker for a new endpoint: resolve, create the socket, apply the
    /// options, bind/listen or connect, then serve it until closed.
    Open { id: EndpointId, spec: EndpointSpec },
    /// Queue bytes for sending; the worker reports each send() as it happens.
    Send { id: EndpointId, target: Target, data: Vec<u8> },
    /// Stream a file to the target, read in chunks as the socket takes them.
    SendFile { id: EndpointId, target: Target, path: PathBuf },
    /// Set an option on the endpoint's socket (or one connection) and read it back.
    SetOption { id: EndpointId, conn: Option<ConnId>, opt: SockOpt, value: OptValue },
    /// Read every option that applies and report them all.
    ReadOptions { id: EndpointId, conn: Option<ConnId> },
    /// Change what a server does with what it receives.
    SetReply { id: EndpointId, reply: ReplyMode },
    /// shutdown(SHUT_WR): send FIN once queued data is out, keep reading.
    ShutdownWrite { id: EndpointId, conn: Option<ConnId> },
    /// Close one connection of a server; `abort` sends RST (SO_LINGER 0).
    Disconnect { id: EndpointId, conn: ConnId, abort: bool },
    /// Close the endpoint (a server with all its connections); the worker ends.
    Close { id: EndpointId, abort: bool },
    /// Record every send and receive to this file (see `net/capture.rs` for
    /// the format), replacing any capture in progress; `None` stops.
    Capture { id: EndpointId, path: Option<PathBuf> },
    /// Change how a stream endpoint cuts what it receives into messages: every
    /// connection, from its next recv() on (what it held is handed over as an
    /// unfinished message). A framing that cannot work is refused with an error.
    SetFraming { id: EndpointId, frame: FrameSpec },
    /// Replace the endpoint's own rules (they go before its reply mode's);
    /// fired counts start again. A bad list is refused with an error and the
    /// old rules stay.
    SetRules { id: EndpointId, rules: Vec<Rule> },
    /// Run a sequence on a client's connection (`conn` None) or one connection
    /// of a server, replacing any sequence running there; each step and the
    /// end are reported. `since_connect`: the connection's first sequence also
    /// sees what arrived before it started (a greeting), as an endpoint with
    /// sequences keeps its first 64 KiB of messages for it.
    RunSequence { id: EndpointId, conn: Option<ConnId>, sequence: Sequence, since_connect: bool },
    /// Stop the sequence running there (reported as done, stopped).
    StopSequence { id: EndpointId, conn: Option<ConnId> },
    /// Watch the endpoint's TCP sockets through the kernel: sample TCP_INFO
    /// and the queues of each connection on its events, report every state
    /// change (`TcpState`), and with `interval` report a sample of each socket
    /// (`TcpInfo`, the listener's too) that often. Closed connections are then
    /// followed through sock_diag until the kernel forgets them, and a peer on
    /// this machine that socklab does not own is reported (`PeerSeen`).
    /// Replaces an earlier watch. TCP only; where the OS has no TCP_INFO, one
    /// error says so.
    WatchTcp { id: EndpointId, interval: Option<Duration> },
    /// Stop watching the endpoint's TCP sockets (also after its worker ended:
    /// the kernel thread stops following its closed connections).
    UnwatchTcp { id: EndpointId },
}

impl Command {
    pub fn endpoint(&self) -> EndpointId {
        match self {
            Command::Open { id, .. }
            | Command::Send { id, .. }
            | Command::SendFile { id, .. }
            | Command::SetOption { id, .. }
            | Command::ReadOptions { id, .. }
            | Command::SetReply { id, .. }
            | Command::ShutdownWrite { id, .. }
            | Command::Disconnect { id, .. }
            | Command::Close { id, .. }
            | Command::Capture { id, .. }
            | Command::SetFraming { id, .. }
            | Command::SetRules { id, .. }
            | Command::RunSequence { id, .. }
            | Command::StopSequence { id, .. }
            | Command::WatchTcp { id, .. }
            | Command::UnwatchTcp { id } => *id,
        }
    }
}
