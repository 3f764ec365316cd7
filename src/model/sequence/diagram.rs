//! A ladder diagram ready to draw: two lanes, steps from top to bottom,
//! arrows between the lanes, and marks (calls, TCP states) on them.
//! Built from the flows by `build.rs`; drawn by the GUI and `ladder_svg`.

use std::time::SystemTime;

use super::flow::{FlowKey, Preview, RowId, Transport};
use super::join::Group;
use crate::net::Addr;
use crate::net::kernel::TcpState;

/// Which lane: this socket (left) or its peer (right).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Local,
    Peer,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Local => Side::Peer,
            Side::Peer => Side::Local,
        }
    }

    pub fn index(self) -> usize {
        match self {
            Side::Local => 0,
            Side::Peer => 1,
        }
    }
}

/// A step's identity across rebuilds: the row it comes from, and which of
/// the row's steps (a handshake spreads one row over four).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepId {
    pub row: RowId,
    pub sub: u8,
}

/// One position on the time axis, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: StepId,
    /// When the event behind it was reported.
    pub time: SystemTime,
}

/// What an arrow carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signal {
    Syn,
    SynAck,
    Ack,
    /// Stream bytes of one send carried by one recv.
    Data {
        bytes: u64,
        preview: Preview,
    },
    Fin,
    Rst,
    /// One datagram.
    Datagram {
        preview: Preview,
    },
}

/// How an arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The other end reported receiving it (or, for the handshake, TCP did).
    Arrived,
    /// The other end is not a socklab endpoint, or has not reported it yet.
    Unseen,
    /// A datagram the receiver's drop counters account for: drawn with a cross.
    Lost,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrow {
    pub signal: Signal,
    pub from: Side,
    pub from_step: usize,
    /// On the other lane; equal to `from_step` when the other end was not seen.
    pub to_step: usize,
    pub end: End,
}

impl Arrow {
    pub fn to(&self) -> Side {
        self.from.other()
    }
}

/// What a program did, written beside its lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    Connect,
    Accept,
    Send {
        bytes: u64,
    },
    /// `sends`: how many sends of the peer this recv carried bytes of (0 when
    /// the peer is not a socklab endpoint).
    Recv {
        bytes: u64,
        sends: usize,
    },
    SendTo {
        bytes: u64,
    },
    RecvFrom {
        bytes: u64,
    },
    Shutdown,
    PeerFin,
    Close {
        abortive: bool,
    },
    Reset,
    Error {
        call: String,
        errno: Option<String>,
    },
    Lost {
        kernel: u64,
        engine: u64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Call(Call),
    /// The lane's TCP state from this step on; `from_kernel` false when it
    /// was inferred from the calls.
    State {
        state: TcpState,
        from_kernel: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub side: Side,
    pub step: usize,
    pub kind: MarkKind,
}

/// One lane's heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// The flow drawn on it, when it is a socklab endpoint's.
    pub flow: Option<FlowKey>,
    pub addr: Option<Addr>,
    /// Not a socklab endpoint, but the kernel reported its states (sock_diag).
    pub seen_by_kernel: bool,
}

/// A whole diagram for one flow and its peer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagram {
    pub transport: Transport,
    /// [this socket, its peer].
    pub lanes: [Lane; 2],
    pub steps: Vec<Step>,
    pub arrows: Vec<Arrow>,
    pub marks: Vec<Mark>,
    /// Send→recv groups per direction: `[local → peer, peer → local]`
    /// (empty unless both ends are socklab endpoints).
    pub groups: [Vec<Group>; 2],
    /// Rows of either flow that fell out of the bounded history.
    pub dropped: u64,
}

impl Diagram {
    /// The position of a step, if it is still in the diagram.
    pub fn position(&self, id: StepId) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// Arrows whose end is among the first `visible` steps.
    pub fn visible_arrows(&self, visible: usize) -> impl Iterator<Item = &Arrow> {
        self.arrows.iter().filter(move |a| a.to_step.max(a.from_step) < visible)
    }

    pub fn visible_marks(&self, visible: usize) -> impl Iterator<Item = &Mark> {
        self.marks.iter().filter(move |m| m.step < visible)
    }

    /// Each lane's state at the end of the first `visible` steps.
    pub fn states_at(&self, visible: usize) -> [Option<TcpState>; 2] {
        let mut states = [None, None];
        for m in self.visible_marks(visible) {
            if let MarkKind::State { state, .. } = m.kind {
                states[m.side.index()] = Some(state);
            }
        }
        states
    }

    /// The groups of one direction, by the side that sent.
    pub fn groups_from(&self, sender: Side) -> &[Group] {
        &self.groups[sender.index()]
    }
}
