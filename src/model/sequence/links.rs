//! What ties one lane's rows to the other's: bytes (by stream offset),
//! datagrams (by their bytes, in order), FIN, RST and the handshake. Each
//! tie also says which row must be drawn below which.

use std::collections::HashMap;

use super::diagram::Side;
use super::flow::{Row, RowId, What};
use super::join::{Fate, Group, Link, join_datagrams, join_stream};

/// The rows of both lanes, `[local, peer]`, each in the order its end reported them.
pub(super) struct Lanes<'a> {
    pub rows: [Vec<&'a Row>; 2],
    /// Where each row is: its lane and its index there.
    pub at: HashMap<RowId, (Side, usize)>,
}

impl<'a> Lanes<'a> {
    pub fn new(local: Vec<&'a Row>, peer: Vec<&'a Row>) -> Lanes<'a> {
        let mut at = HashMap::with_capacity(local.len() + peer.len());
        for (side, rows) in [(Side::Local, &local), (Side::Peer, &peer)] {
            for (i, r) in rows.iter().enumerate() {
                at.insert(r.id, (side, i));
            }
        }
        Lanes { rows: [local, peer], at }
    }

    fn first(&self, side: Side, pred: impl Fn(&What) -> bool) -> Option<RowId> {
        self.rows[side.index()].iter().find(|r| pred(&r.what)).map(|r| r.id)
    }
}

/// A row of one lane answered by a row of the other (sent → received).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Pair {
    pub from: RowId,
    pub to: RowId,
}

#[derive(Default)]
pub(super) struct Links {
    /// Per direction (by the sending side's index): bytes of sends carried by recvs.
    pub data: [Vec<Link>; 2],
    pub groups: [Vec<Group>; 2],
    /// What became of each datagram sent, by its row.
    pub datagrams: HashMap<RowId, Fate>,
    /// Per sending side: its FIN and the peer's recv() = 0.
    pub fin: [Option<Pair>; 2],
    /// Per sending side: its abortive close and the peer's ECONNRESET.
    pub rst: [Option<Pair>; 2],
    /// connect() on one lane and accept() of the same connection on the other.
    pub handshake: Option<Pair>,
    /// For a row that answers another: the index, on the other lane, of the
    /// latest row it answers. It is drawn below that row.
    pub after: HashMap<RowId, usize>,
    /// Rows that answer something on the other lane.
    pub answered: HashMap<RowId, usize>,
}

impl Links {
    /// Ties between the lanes; none when the peer lane is empty (not a socklab endpoint).
    pub fn find(lanes: &Lanes<'_>, stream: bool) -> Links {
        let mut links = Links::default();
        if lanes.rows[1].is_empty() {
            return links;
        }
        for from in [Side::Local, Side::Peer] {
            if stream {
                links.stream_direction(lanes, from);
            } else {
                links.datagram_direction(lanes, from);
            }
            let to = from.other();
            let fin = lanes.first(from, |w| matches!(w, What::Shutdown | What::Close { fin: true, .. }));
            let got_fin = lanes.first(to, |w| matches!(w, What::PeerFin));
            links.fin[from.index()] = links.pair(lanes, fin, got_fin);
            let rst = lanes.first(from, |w| matches!(w, What::Close { abortive: true, .. }));
            let got_rst = lanes.first(to, |w| matches!(w, What::Reset));
            links.rst[from.index()] = links.pair(lanes, rst, got_rst);
            if links.handshake.is_none() {
                let connect = lanes.first(from, |w| matches!(w, What::Connect));
                let accept = lanes.first(to, |w| matches!(w, What::Accept));
                links.handshake = links.pair(lanes, connect, accept);
            }
        }
        links
    }

    /// Records that `to` answers `from`, if both rows are there.
    fn pair(&mut self, lanes: &Lanes<'_>, from: Option<RowId>, to: Option<RowId>) -> Option<Pair> {
        let (from, to) = (from?, to?);
        self.tie(lanes, from, to);
        Some(Pair { from, to })
    }

    fn tie(&mut self, lanes: &Lanes<'_>, from: RowId, to: RowId) {
        if let Some(&(_, i)) = lanes.at.get(&from) {
            let e = self.after.entry(to).or_insert(i);
            *e = (*e).max(i);
        }
        *self.answered.entry(to).or_default() += 1;
    }

    fn stream_direction(&mut self, lanes: &Lanes<'_>, from: Side) {
        let sends: Vec<_> = lanes.rows[from.index()]
            .iter()
            .filter_map(|r| match &r.what {
                What::Send { range, .. } => Some((r.id, range.clone())),
                _ => None,
            })
            .collect();
        let recvs: Vec<_> = lanes.rows[from.other().index()]
            .iter()
            .filter_map(|r| match &r.what {
                What::Recv { range, .. } => Some((r.id, range.clone())),
                _ => None,
            })
            .collect();
        let (data, groups) = join_stream(&sends, &recvs);
        for l in &data {
            self.tie(lanes, l.send, l.recv);
        }
        self.data[from.index()] = data;
        self.groups[from.index()] = groups;
    }

    fn datagram_direction(&mut self, lanes: &Lanes<'_>, from: Side) {
        let sends: Vec<_> = lanes.rows[from.index()]
            .iter()
            .filter_map(|r| match &r.what {
                What::DatagramOut { hash, .. } => Some((r.id, *hash)),
                _ => None,
            })
            .collect();
        let receiver = &lanes.rows[from.other().index()];
        let recvs: Vec<_> = receiver
            .iter()
            .filter_map(|r| match &r.what {
                What::DatagramIn { hash, .. } => Some((r.id, *hash)),
                _ => None,
            })
            .collect();
        let drops: u64 = receiver
            .iter()
            .map(|r| match r.what {
                What::Lost { kernel, engine } => kernel + engine,
                _ => 0,
            })
            .sum();
        for ((send, _), fate) in sends.iter().zip(join_datagrams(&sends, &recvs, drops)) {
            if let Fate::Delivered(recv) = fate {
                self.tie(lanes, *send, recv);
            }
            self.datagrams.insert(*send, fate);
        }
    }
}

/// Both lanes' rows in one top-to-bottom order: each lane keeps its own
/// order, a row that answers another comes after it, and otherwise the
/// earlier report goes first. (Reports of two workers may reach the model
/// out of order; the causes in `after` are what fixes the drawing.)
pub(super) fn causal_order(lanes: &Lanes<'_>, after: &HashMap<RowId, usize>) -> Vec<(Side, usize)> {
    let rows = &lanes.rows;
    let mut next = [0usize; 2];
    let mut order = Vec::with_capacity(rows[0].len() + rows[1].len());
    let head = |next: &[usize; 2], s: usize| rows[s].get(next[s]).map(|r| (r.time, r.id));
    loop {
        let ready = |s: usize| {
            let row = rows[s].get(next[s])?;
            after.get(&row.id).is_none_or(|&k| k < next[1 - s]).then_some((row.time, row.id))
        };
        let earlier = |a: Option<_>, b: Option<_>| match (a, b) {
            (Some(a), Some(b)) => Some(if a <= b { 0 } else { 1 }),
            (Some(_), None) => Some(0),
            (None, Some(_)) => Some(1),
            (None, None) => None,
        };
        // When both heads wait on each other (only with inconsistent reports), take the earlier.
        let pick = earlier(ready(0), ready(1)).or_else(|| earlier(head(&next, 0), head(&next, 1)));
        let Some(s) = pick else { break };
        order.push((if s == 0 { Side::Local } else { Side::Peer }, next[s]));
        next[s] += 1;
    }
    order
}
