//! Builds a [`Diagram`] from a flow and, when joined, its partner: orders
//! both lanes' rows so every arrow points down, spreads a handshake over its
//! three segments, draws each arrow, and infers TCP states where the kernel
//! has not reported them.

use std::collections::HashMap;

use super::diagram::{Arrow, Call, Diagram, End, Lane, Mark, MarkKind, Side, Signal, Step, StepId};
use super::flow::{self, Flow, Preview, Row, RowId, Transport, What};
use super::join::Fate;
use super::links::{Lanes, Links, causal_order};
use crate::net::kernel::TcpState;

pub(super) fn diagram(flow: &Flow, partner: Option<&Flow>) -> Diagram {
    let lanes = Lanes::new(flow.rows().collect(), partner.map(|p| p.rows().collect()).unwrap_or_default());
    let links = Links::find(&lanes, flow.transport.is_stream());
    let mut b = Builder::new(flow, partner, &links);
    for (side, i) in causal_order(&lanes, &links.after) {
        b.emit(side, lanes.rows[side.index()][i]);
    }
    b.link_arrows(&lanes);
    let Builder { steps, arrows, marks, .. } = b;
    Diagram {
        transport: flow.transport,
        lanes: [
            Lane { flow: Some(flow.key.clone()), addr: flow.local.clone(), seen_by_kernel: false },
            Lane {
                flow: partner.map(|p| p.key.clone()),
                addr: flow.remote.clone(),
                seen_by_kernel: partner.is_none() && flow.peer_kernel_states,
            },
        ],
        steps,
        arrows,
        marks,
        groups: links.groups.clone(),
        dropped: flow.dropped + partner.map_or(0, |p| p.dropped),
    }
}

struct Builder<'a> {
    links: &'a Links,
    tcp: bool,
    /// The peer lane is not a socklab endpoint: its states mirror ours
    /// (and the kernel's reports on it, if any, correct them).
    mirror: bool,
    state: [Option<TcpState>; 2],
    steps: Vec<Step>,
    arrows: Vec<Arrow>,
    marks: Vec<Mark>,
    /// Each row's own step (a connect's is the step where connect() returns).
    step_of: HashMap<RowId, usize>,
}

impl<'a> Builder<'a> {
    fn new(flow: &Flow, partner: Option<&Flow>, links: &'a Links) -> Builder<'a> {
        let tcp = flow.transport == Transport::Tcp;
        Builder {
            links,
            tcp,
            mirror: partner.is_none(),
            state: [None, None],
            steps: Vec::new(),
            arrows: Vec::new(),
            marks: Vec::new(),
            step_of: HashMap::new(),
        }
    }

    fn step(&mut self, row: &Row, sub: u8) -> usize {
        self.steps.push(Step { id: StepId { row: row.id, sub }, time: row.time });
        self.steps.len() - 1
    }

    fn call(&mut self, side: Side, step: usize, call: Call) {
        self.marks.push(Mark { side, step, kind: MarkKind::Call(call) });
    }

    /// Moves a lane's state as the calls imply (drawn dashed). The kernel
    /// samples a socket now and then; between its reports, and for moves too
    /// quick to catch (FIN_WAIT1 on loopback), the calls tell what happened.
    fn infer(&mut self, side: Side, step: usize, what: flow::Step) {
        if !self.tcp {
            return;
        }
        if let Some(next) = flow::infer(self.state[side.index()], what) {
            self.state[side.index()] = Some(next);
            self.marks.push(Mark { side, step, kind: MarkKind::State { state: next, from_kernel: false } });
        }
    }

    /// What the unseen peer's end went through when ours did `what` (only while it is unseen).
    fn mirror(&mut self, side: Side, step: usize, what: flow::Step) {
        if self.mirror && side == Side::Local {
            self.infer(Side::Peer, step, what);
        }
    }

    fn arrow(&mut self, signal: Signal, from: Side, from_step: usize, to_step: usize, end: End) {
        self.arrows.push(Arrow { signal, from, from_step, to_step, end });
    }

    /// An arrow whose other end was not seen: drawn across at the same step.
    fn across(&mut self, signal: Signal, from: Side, step: usize, end: End) {
        self.arrow(signal, from, step, step, end);
    }

    fn answered(&self, row: RowId) -> usize {
        self.links.answered.get(&row).copied().unwrap_or(0)
    }

    fn emit(&mut self, side: Side, row: &Row) {
        match &row.what {
            What::Connect if self.tcp => self.connect(side, row),
            What::Accept if self.tcp => self.accept(side, row),
            What::Connect | What::Accept => {
                let s = self.own_step(row);
                let call = if row.what == What::Connect { Call::Connect } else { Call::Accept };
                self.call(side, s, call);
            }
            What::Send { .. } | What::Recv { .. } | What::DatagramOut { .. } | What::DatagramIn { .. } => {
                self.data(side, row);
            }
            What::Shutdown | What::Close { .. } | What::PeerFin | What::Reset => self.ending(side, row),
            What::Error { call, errno } => {
                let s = self.own_step(row);
                self.call(side, s, Call::Error { call: call.clone(), errno: errno.clone() });
            }
            What::Lost { kernel, engine } => {
                let s = self.own_step(row);
                self.call(side, s, Call::Lost { kernel: *kernel, engine: *engine });
            }
            What::State { state, from_kernel } => {
                let s = self.own_step(row);
                self.reported_state(side, s, *state, *from_kernel);
            }
            What::PeerState { state } => {
                let s = self.own_step(row);
                self.reported_state(side.other(), s, *state, true);
            }
        }
    }

    /// A state the kernel (or a caller) reported for a lane: the lane is in it
    /// from here on, and inference goes on from it. The state the lane is
    /// already in gets no second mark: the kernel confirms the inferred one.
    fn reported_state(&mut self, side: Side, step: usize, state: TcpState, from_kernel: bool) {
        if self.state[side.index()] == Some(state) {
            let last = self.marks.iter_mut().rev().find(|m| m.side == side && matches!(m.kind, MarkKind::State { .. }));
            if let Some(Mark { kind: MarkKind::State { from_kernel: k, .. }, .. }) = last {
                *k |= from_kernel;
            }
            return;
        }
        self.state[side.index()] = Some(state);
        self.marks.push(Mark { side, step, kind: MarkKind::State { state, from_kernel } });
    }

    /// A send or a receive. Arrows from sends are drawn once every row has
    /// its step (`link_arrows`); a receive nothing explains gets one from the peer here.
    fn data(&mut self, side: Side, row: &Row) {
        let s = self.own_step(row);
        let unexplained = self.answered(row.id) == 0;
        match &row.what {
            What::Send { range, .. } => self.call(side, s, Call::Send { bytes: range.end - range.start }),
            What::Recv { range, preview } => {
                let bytes = range.end - range.start;
                self.call(side, s, Call::Recv { bytes, sends: self.answered(row.id) });
                if unexplained {
                    self.across(Signal::Data { bytes, preview: preview.clone() }, side.other(), s, End::Arrived);
                }
            }
            What::DatagramOut { preview, .. } => self.call(side, s, Call::SendTo { bytes: preview.len as u64 }),
            What::DatagramIn { preview, .. } => {
                self.call(side, s, Call::RecvFrom { bytes: preview.len as u64 });
                if unexplained {
                    self.across(Signal::Datagram { preview: preview.clone() }, side.other(), s, End::Arrived);
                }
            }
            _ => {}
        }
    }

    /// shutdown(), close(), the peer's FIN or RST: the call, the state it
    /// moves to, and the segment when its other end is not in the diagram.
    fn ending(&mut self, side: Side, row: &Row) {
        use flow::Step as S;
        let s = self.own_step(row);
        let (call, ours, theirs, signal) = match row.what {
            What::Shutdown => (Call::Shutdown, S::SendFin, S::GetFin, Signal::Fin),
            What::Close { fin: true, .. } => (Call::Close { abortive: false }, S::SendFin, S::GetFin, Signal::Fin),
            What::Close { abortive: true, .. } => (Call::Close { abortive: true }, S::Reset, S::Reset, Signal::Rst),
            What::Close { .. } => return self.call(side, s, Call::Close { abortive: false }),
            What::PeerFin => (Call::PeerFin, S::GetFin, S::SendFin, Signal::Fin),
            _ => (Call::Reset, S::Reset, S::Reset, Signal::Rst),
        };
        self.call(side, s, call);
        self.infer(side, s, ours);
        self.mirror(side, s, theirs);
        if !self.tcp {
            return;
        }
        let outgoing = matches!(row.what, What::Shutdown | What::Close { .. });
        let links = if signal == Signal::Fin { &self.links.fin } else { &self.links.rst };
        if outgoing && links[side.index()].is_none() {
            self.across(signal, side, s, End::Unseen);
        } else if !outgoing && self.answered(row.id) == 0 {
            self.across(signal, side.other(), s, End::Arrived);
        }
    }

    fn own_step(&mut self, row: &Row) -> usize {
        let s = self.step(row, 0);
        self.step_of.insert(row.id, s);
        s
    }

    /// connect() on `client`'s lane: SYN, SYN-ACK, then ACK, which ends at the
    /// peer's accept() when it is a socklab endpoint, else one step further.
    fn connect(&mut self, client: Side, row: &Row) {
        use flow::Step as S;
        let server = client.other();
        let s0 = self.step(row, 0);
        self.infer(client, s0, S::SendSyn);
        let s1 = self.step(row, 1);
        self.arrow(Signal::Syn, client, s0, s1, End::Arrived);
        self.infer(server, s1, S::GetSyn);
        let s2 = self.step(row, 2);
        self.step_of.insert(row.id, s2);
        self.arrow(Signal::SynAck, server, s1, s2, End::Arrived);
        self.call(client, s2, Call::Connect);
        self.infer(client, s2, S::GetSynAck);
        if self.links.handshake.is_none_or(|h| h.from != row.id) {
            let s3 = self.step(row, 3);
            self.arrow(Signal::Ack, client, s2, s3, End::Arrived);
            self.infer(server, s3, S::GetAck);
        }
    }

    /// accept() on `server`'s lane: the end of the handshake its peer's
    /// connect() drew, or the whole handshake when that was not seen.
    fn accept(&mut self, server: Side, row: &Row) {
        use flow::Step as S;
        let client = server.other();
        let joined = self.links.handshake.filter(|h| h.to == row.id).and_then(|h| self.step_of.get(&h.from).copied());
        let from = match joined {
            Some(s2) => s2,
            None => {
                let s0 = self.step(row, 0);
                self.infer(client, s0, S::SendSyn);
                let s1 = self.step(row, 1);
                self.arrow(Signal::Syn, client, s0, s1, End::Arrived);
                self.infer(server, s1, S::GetSyn);
                let s2 = self.step(row, 2);
                self.arrow(Signal::SynAck, server, s1, s2, End::Arrived);
                self.infer(client, s2, S::GetSynAck);
                s2
            }
        };
        let s3 = self.step(row, 3);
        self.step_of.insert(row.id, s3);
        self.arrow(Signal::Ack, client, from, s3, End::Arrived);
        self.call(server, s3, Call::Accept);
        self.infer(server, s3, S::GetAck);
    }

    /// The arrows between rows of both lanes, once every row has its step.
    fn link_arrows(&mut self, lanes: &Lanes<'_>) {
        let links = self.links;
        let preview_of = |id: RowId| match lanes.at.get(&id).map(|&(s, i)| &lanes.rows[s.index()][i].what) {
            Some(What::Send { preview, .. } | What::DatagramOut { preview, .. }) => preview.clone(),
            _ => Preview::of(&[]),
        };
        for from in [Side::Local, Side::Peer] {
            let mut carried: HashMap<RowId, u64> = HashMap::new();
            for l in &links.data[from.index()] {
                *carried.entry(l.send).or_default() += l.bytes;
                if let (Some(&a), Some(&b)) = (self.step_of.get(&l.send), self.step_of.get(&l.recv)) {
                    let signal = Signal::Data { bytes: l.bytes, preview: preview_of(l.send) };
                    self.arrow(signal, from, a, b, End::Arrived);
                }
            }
            self.unseen_sends(lanes, from, &carried);
            for (pair, signal) in [(links.fin[from.index()], Signal::Fin), (links.rst[from.index()], Signal::Rst)] {
                if let Some(p) = pair.filter(|_| self.tcp)
                    && let (Some(&a), Some(&b)) = (self.step_of.get(&p.from), self.step_of.get(&p.to))
                {
                    self.arrow(signal, from, a, b, End::Arrived);
                }
            }
        }
        self.arrows.sort_by_key(|a| (a.to_step.max(a.from_step), a.from_step));
    }

    /// Stream bytes no recv of the peer carried (yet), and every datagram's fate.
    fn unseen_sends(&mut self, lanes: &Lanes<'_>, from: Side, carried: &HashMap<RowId, u64>) {
        for row in &lanes.rows[from.index()] {
            let Some(&s) = self.step_of.get(&row.id) else { continue };
            match &row.what {
                What::Send { range, preview } => {
                    let left = (range.end - range.start).saturating_sub(carried.get(&row.id).copied().unwrap_or(0));
                    if left > 0 {
                        self.across(Signal::Data { bytes: left, preview: preview.clone() }, from, s, End::Unseen);
                    }
                }
                What::DatagramOut { preview, .. } => {
                    let signal = Signal::Datagram { preview: preview.clone() };
                    match self.links.datagrams.get(&row.id) {
                        Some(Fate::Delivered(r)) => match self.step_of.get(r) {
                            Some(&to) => self.arrow(signal, from, s, to, End::Arrived),
                            None => self.across(signal, from, s, End::Unseen),
                        },
                        Some(Fate::Lost) => self.across(signal, from, s, End::Lost),
                        Some(Fate::Unseen) | None => self.across(signal, from, s, End::Unseen),
                    }
                }
                _ => {}
            }
        }
    }
}
