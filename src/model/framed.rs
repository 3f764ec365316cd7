//! Framed messages: what the framing cut the received stream into (each with
//! the recv() chunks it spanned), what was sent between them, and the frame
//! errors and resyncs where they happened. Bounded by count and bytes like
//! the conversation; what falls out is counted.

use std::time::SystemTime;

use super::window::{Numbered, Window};
use crate::net::frame::{Frame, FrameError};
use crate::net::{Addr, ConnId};

#[derive(Clone, Debug)]
pub enum FramedKind {
    /// A framed message received.
    Frame(Frame),
    /// Bytes sent (shown between the frames, as the conversation goes).
    Sent(Vec<u8>),
    /// The framer refused a frame.
    Error(FrameError),
    /// Framing picked up again after skipping this many bytes.
    Resynced(u64),
}

#[derive(Clone, Debug)]
pub struct FramedEntry {
    pub seq: u64,
    pub time: SystemTime,
    pub conn: ConnId,
    pub peer: Option<Addr>,
    pub kind: FramedKind,
}

impl FramedEntry {
    /// The bytes it holds (what counts against the byte bound).
    pub fn data(&self) -> &[u8] {
        match &self.kind {
            FramedKind::Frame(f) => &f.bytes,
            FramedKind::Sent(d) => d,
            FramedKind::Error(_) | FramedKind::Resynced(_) => &[],
        }
    }
}

impl Numbered for FramedEntry {
    fn seq(&self) -> u64 {
        self.seq
    }
    fn bytes(&self) -> usize {
        self.data().len()
    }
}

#[derive(Debug)]
pub struct FramedLog {
    entries: Window<FramedEntry>,
    /// Framed messages received (all of them, shown or not).
    pub frames: u64,
    /// Frame errors and resyncs, counted whatever the view still keeps.
    pub errors: u64,
    pub resyncs: u64,
    pub skipped_bytes: u64,
    /// Entries dropped from view.
    pub dropped: u64,
}

impl FramedLog {
    pub fn new(max_entries: usize, max_bytes: usize) -> FramedLog {
        FramedLog {
            entries: Window::new(max_entries, max_bytes),
            frames: 0,
            errors: 0,
            resyncs: 0,
            skipped_bytes: 0,
            dropped: 0,
        }
    }

    pub fn push(&mut self, time: SystemTime, conn: ConnId, peer: Option<Addr>, kind: FramedKind) {
        match &kind {
            FramedKind::Frame(_) => self.frames += 1,
            FramedKind::Error(_) => self.errors += 1,
            FramedKind::Resynced(n) => {
                self.resyncs += 1;
                self.skipped_bytes += n;
            }
            FramedKind::Sent(_) => {}
        }
        let seq = self.entries.next_seq();
        let (dropped, _) = self.entries.push(FramedEntry { seq, time, conn, peer, kind });
        self.dropped += dropped;
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &FramedEntry> + ExactSizeIterator {
        self.entries.iter()
    }

    /// The entries numbered `from` and later (numbered consecutively, so no scan).
    pub fn since(&self, from: u64) -> impl DoubleEndedIterator<Item = &FramedEntry> + ExactSizeIterator {
        self.entries.since(from)
    }

    /// Changes whenever an entry is added.
    pub fn revision(&self) -> u64 {
        self.entries.next_seq()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::frame::{FrameErrorKind, Oversize};

    fn frame(bytes: &[u8]) -> FramedKind {
        FramedKind::Frame(Frame::whole(0, bytes.to_vec()))
    }

    #[test]
    fn bounded_by_count_and_bytes_and_counts_everything() {
        let mut log = FramedLog::new(3, 10);
        let now = SystemTime::now();
        for i in 0..4u8 {
            log.push(now, 1, None, frame(&[i]));
        }
        let error = FrameError { kind: FrameErrorKind::NoDelimiter { limit: 4 }, then: Oversize::Resync };
        log.push(now, 1, None, FramedKind::Error(error));
        log.push(now, 1, None, FramedKind::Resynced(7));
        assert_eq!(log.len(), 3);
        assert_eq!(log.dropped, 3);
        assert_eq!((log.frames, log.errors, log.resyncs, log.skipped_bytes), (4, 1, 1, 7));
        log.push(now, 1, None, FramedKind::Sent(vec![0; 9]));
        log.push(now, 1, None, frame(&[0; 5]));
        assert!(log.iter().map(|e| e.data().len()).sum::<usize>() <= 10, "bytes bounded");
        assert_eq!(log.since(0).map(|e| e.seq).next_back(), Some(7));
        assert_eq!(log.since(7).count(), 1);
        assert_eq!(log.since(8).count(), 0);
    }

    #[test]
    fn an_endpoint_keeps_frames_sends_errors_and_rule_counts() {
        use crate::model::{EndpointState, Limits};
        use crate::net::{EndpointKind, EndpointSpec, Event, EventKind};
        let mut spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
        spec.rules = vec!["exact:a => close".parse().expect("rule"), "any => ignore".parse().expect("rule")];
        let mut ep = EndpointState::new(1, "s".into(), spec, Limits::default());
        let apply = |ep: &mut EndpointState, kind| ep.apply(Event { time: SystemTime::now(), endpoint: 1, kind });
        apply(&mut ep, EventKind::Received { conn: 1, from: None, data: b"a".to_vec().into() });
        apply(&mut ep, EventKind::Message { conn: 1, frame: Frame::whole(0, b"a\n".to_vec()) });
        apply(&mut ep, EventKind::Sent { conn: 1, to: None, data: b"b".to_vec() });
        apply(&mut ep, EventKind::RuleFired { conn: 1, rule: 1, count: 3 });
        apply(&mut ep, EventKind::RuleFired { conn: 1, rule: 9, count: 1 });
        let error = FrameError { kind: FrameErrorKind::NoDelimiter { limit: 4 }, then: Oversize::Resync };
        apply(&mut ep, EventKind::FrameError { conn: 1, error });
        let kinds: Vec<&str> = ep
            .framed
            .iter()
            .map(|e| match e.kind {
                FramedKind::Frame(_) => "frame",
                FramedKind::Sent(_) => "sent",
                FramedKind::Error(_) => "error",
                FramedKind::Resynced(_) => "resync",
            })
            .collect();
        assert_eq!(kinds, ["frame", "sent", "error"], "recv() chunks stay in the conversation only");
        assert_eq!((ep.fired(0), ep.fired(1), ep.fired(9)), (0, 3, 0), "a rule the endpoint lacks is not counted");
        ep.set_behaviour(ep.spec.frame.clone(), vec!["any => close".parse().expect("rule")]);
        assert_eq!((ep.fired(0), ep.fired(1)), (0, 0), "new rules start from 0");
    }
}
