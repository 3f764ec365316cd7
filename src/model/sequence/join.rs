//! Joining one end's sends to the other end's receives: stream bytes by
//! their offsets (so coalescing and splitting show), datagrams one to one
//! by their bytes, in order.

use std::ops::Range;

use super::flow::RowId;

/// Bytes of one send that one recv carried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub send: RowId,
    pub recv: RowId,
    pub bytes: u64,
}

/// Sends and the receives that carried exactly their bytes, with no
/// boundary in common inside: "3 sends → 1 recv" is one group with three
/// sends and one recv, "1 send → 4 recvs" one with one send and four recvs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub sends: Vec<RowId>,
    pub recvs: Vec<RowId>,
    pub bytes: u64,
    /// The group's last send and last recv end at the same offset; false
    /// while bytes are still on their way (or before the history kept).
    pub complete: bool,
}

/// Links and groups of one direction of a stream, from the sends' and the
/// receives' offsets, each list in stream order.
pub fn join_stream(sends: &[(RowId, Range<u64>)], recvs: &[(RowId, Range<u64>)]) -> (Vec<Link>, Vec<Group>) {
    let mut links = Vec::new();
    let mut groups = Vec::new();
    let mut open: Option<Group> = None;
    let (mut i, mut j) = (0, 0);
    while i < sends.len() && j < recvs.len() {
        let (s_id, s) = (&sends[i].0, &sends[i].1);
        let (r_id, r) = (&recvs[j].0, &recvs[j].1);
        let overlap = s.end.min(r.end).saturating_sub(s.start.max(r.start));
        if overlap > 0 {
            links.push(Link { send: *s_id, recv: *r_id, bytes: overlap });
            let g = open.get_or_insert_with(|| Group { sends: vec![], recvs: vec![], bytes: 0, complete: false });
            if g.sends.last() != Some(s_id) {
                g.sends.push(*s_id);
            }
            if g.recvs.last() != Some(r_id) {
                g.recvs.push(*r_id);
            }
            g.bytes += overlap;
        }
        match s.end.cmp(&r.end) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if let Some(mut g) = open.take() {
                    g.complete = true;
                    groups.push(g);
                }
                i += 1;
                j += 1;
            }
        }
    }
    groups.extend(open);
    (links, groups)
}

/// What became of one datagram sent to a socklab peer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// recvfrom() on the peer returned it, in this row.
    Delivered(RowId),
    /// A later datagram arrived and this one did not, and the receiver's
    /// drop counters account for it.
    Lost,
    /// Not received (yet), and no drop counter says it was dropped.
    Unseen,
}

/// How far ahead of the last match a datagram is looked for (bounds the work
/// when the two ends' histories do not overlap).
const LOOK_AHEAD: usize = 512;

/// Matches datagrams sent (id, hash of the bytes) with those received, both
/// in order; `drops` is how many the receiver's counters say were dropped.
/// Returns each send's fate, in the order given.
pub fn join_datagrams(sends: &[(RowId, u64)], recvs: &[(RowId, u64)], drops: u64) -> Vec<Fate> {
    let mut fates = vec![Fate::Unseen; sends.len()];
    let mut missing = Vec::new();
    let mut next = 0;
    for &(recv, hash) in recvs {
        let end = sends.len().min(next + LOOK_AHEAD);
        let Some(k) = (next..end).find(|&k| sends[k].1 == hash) else { continue };
        missing.extend(next..k);
        fates[k] = Fate::Delivered(recv);
        next = k + 1;
    }
    let lost = usize::try_from(drops).unwrap_or(usize::MAX);
    for &k in missing.iter().take(lost) {
        fates[k] = Fate::Lost;
    }
    fates
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows numbered from `first`, one per length, with consecutive offsets.
    fn pieces(first: RowId, lens: &[u64]) -> Vec<(RowId, Range<u64>)> {
        let mut off = 0;
        lens.iter()
            .enumerate()
            .map(|(i, &n)| {
                off += n;
                (first + i as RowId, off - n..off)
            })
            .collect()
    }

    fn shape(groups: &[Group]) -> Vec<(usize, usize)> {
        groups.iter().map(|g| (g.sends.len(), g.recvs.len())).collect()
    }

    #[test]
    fn three_sends_into_one_recv_and_one_send_into_four_recvs() {
        let (links, groups) = join_stream(&pieces(0, &[5, 5, 5]), &pieces(10, &[15]));
        assert_eq!(shape(&groups), [(3, 1)]);
        assert_eq!(links.len(), 3);
        assert!(groups[0].complete);
        let (links, groups) = join_stream(&pieces(0, &[400]), &pieces(10, &[100, 100, 100, 100]));
        assert_eq!(shape(&groups), [(1, 4)]);
        assert_eq!(links.iter().map(|l| l.bytes).sum::<u64>(), 400);
    }

    #[test]
    fn groups_break_only_where_both_sides_have_a_boundary() {
        // Sends 4+4 | 4 ; recvs 2+6 | 2+2: groups {s0,s1 → r0,r1} and {s2 → r2,r3}.
        let (_, groups) = join_stream(&pieces(0, &[4, 4, 4]), &pieces(10, &[2, 6, 2, 2]));
        assert_eq!(shape(&groups), [(2, 2), (1, 2)]);
        assert_eq!(groups[0].sends, [0, 1]);
        assert_eq!(groups[1].recvs, [12, 13]);
        // Straddling: 3+3 sent, 2+4 received: one group.
        let (links, groups) = join_stream(&pieces(0, &[3, 3]), &pieces(10, &[2, 4]));
        assert_eq!(shape(&groups), [(2, 2)]);
        assert_eq!(links.len(), 3, "the first send is split over both recvs");
    }

    #[test]
    fn bytes_still_in_flight_make_an_incomplete_last_group() {
        let (_, groups) = join_stream(&pieces(0, &[5, 5]), &pieces(10, &[7]));
        assert_eq!(shape(&groups), [(2, 1)]);
        assert!(!groups[0].complete);
        assert!(join_stream(&pieces(0, &[5]), &[]).1.is_empty());
    }

    #[test]
    fn a_history_that_starts_mid_stream_joins_from_where_both_sides_overlap() {
        let sends: Vec<_> = pieces(0, &[10, 10, 10]).into_iter().skip(1).collect(); // 10..30
        let (links, groups) = join_stream(&sends, &pieces(10, &[15, 15]));
        assert_eq!(links.iter().map(|l| l.bytes).sum::<u64>(), 20);
        assert_eq!(shape(&groups), [(2, 2)]);
    }

    #[test]
    fn datagrams_match_in_order_and_the_kernels_count_turns_gaps_into_losses() {
        let sends = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)];
        let recvs = [(10, 1), (11, 4), (12, 5)];
        assert_eq!(
            join_datagrams(&sends, &recvs, 2),
            [Fate::Delivered(10), Fate::Lost, Fate::Lost, Fate::Delivered(11), Fate::Delivered(12)]
        );
        // Without a drop counter saying so, a gap is not called lost.
        assert_eq!(join_datagrams(&sends, &recvs, 1)[1..3], [Fate::Lost, Fate::Unseen]);
        // Equal payloads match one by one; an unknown one matches nothing.
        let same = [(0, 7), (1, 7)];
        assert_eq!(join_datagrams(&same, &[(10, 7), (11, 9)], 0), [Fate::Delivered(10), Fate::Unseen]);
    }
}
