//! A worker's side of the event channel. Events wait here when the channel is
//! full; a worker whose outbox is congested stops reading its sockets, so the
//! kernel's flow control holds the peer back and memory stays bounded.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use crossbeam_channel::{Sender, TrySendError};

use super::capture::Recorder;
use super::event::{EndpointId, Event, EventKind};
use super::waker::Waker;

/// Bytes of payload that may sit in the event channel, all workers together.
pub(crate) const IN_FLIGHT_BUDGET: usize = 64 << 20;

/// Events a worker collects before handing them over mid-turn.
const FLUSH_BATCH: usize = 32;

/// Payload bytes handed to the caller but not yet taken out of the channel.
#[derive(Default)]
pub(crate) struct InFlight(AtomicUsize);

impl InFlight {
    pub fn add(&self, n: usize) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }
    pub fn sub(&self, n: usize) {
        self.0.fetch_sub(n, Ordering::Relaxed);
    }
    pub fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

pub(crate) fn payload_len(kind: &EventKind) -> usize {
    match kind {
        EventKind::Sent { data, .. } => data.len(),
        EventKind::Received { data, .. } => data.len(),
        EventKind::Message { frame, .. } => frame.bytes.len(),
        _ => 0,
    }
}

pub(crate) struct Outbox {
    endpoint: EndpointId,
    tx: Sender<Event>,
    pending: VecDeque<Event>,
    pending_bytes: usize,
    /// Past either limit the worker is congested.
    max_events: usize,
    max_bytes: usize,
    in_flight: Arc<InFlight>,
    waker: Arc<dyn Waker>,
    delivered_since_wake: bool,
    /// Every event passes here, so a capture taken here misses no byte.
    recorder: Recorder,
}

impl Outbox {
    pub fn new(
        endpoint: EndpointId,
        tx: Sender<Event>,
        in_flight: Arc<InFlight>,
        waker: Arc<dyn Waker>,
        max_events: usize,
        max_bytes: usize,
    ) -> Outbox {
        Outbox {
            endpoint,
            tx,
            pending: VecDeque::new(),
            pending_bytes: 0,
            max_events,
            max_bytes,
            in_flight,
            waker,
            delivered_since_wake: false,
            recorder: Recorder::default(),
        }
    }

    /// The endpoint whose events these are.
    pub fn endpoint(&self) -> EndpointId {
        self.endpoint
    }

    pub fn push(&mut self, kind: EventKind) {
        if matches!(kind, EventKind::Stopped) && self.recorder.active() {
            // Say the capture ended while the caller still listens.
            self.set_capture(None);
        }
        let ev = Event { time: SystemTime::now(), endpoint: self.endpoint, kind };
        if let Err(error) = self.recorder.observe(&ev) {
            self.queue(EventKind::Error { conn: None, error });
            self.queue(EventKind::Capture { path: None });
        }
        self.queue_event(ev);
    }

    /// Starts recording sends and receives to `path` (replacing any capture
    /// in progress), or stops with `None`; each change is reported as an event.
    pub fn set_capture(&mut self, path: Option<PathBuf>) {
        if let Err(error) = self.recorder.stop() {
            self.push(EventKind::Error { conn: None, error });
        }
        let started = path.and_then(|path| {
            let shown = path.display().to_string();
            match self.recorder.start(path, self.endpoint) {
                Ok(()) => Some(shown),
                Err(error) => {
                    self.push(EventKind::Error { conn: None, error });
                    None
                }
            }
        });
        // Always one event with the state now, so a view can show it.
        self.push(EventKind::Capture { path: started });
    }

    /// An event that bypasses the recorder (it reports on the recorder itself).
    fn queue(&mut self, kind: EventKind) {
        self.queue_event(Event { time: SystemTime::now(), endpoint: self.endpoint, kind });
    }

    fn queue_event(&mut self, ev: Event) {
        self.pending_bytes += payload_len(&ev.kind);
        self.pending.push_back(ev);
        // Workers flush at the end of every turn; handing events over in
        // batches wakes the caller once per batch instead of once per event.
        if self.pending.len() >= FLUSH_BATCH {
            self.flush();
        }
    }

    /// Moves pending events into the channel while it has room.
    pub fn flush(&mut self) {
        while let Some(ev) = self.pending.pop_front() {
            let n = payload_len(&ev.kind);
            if n > 0 && self.in_flight.get() + n > IN_FLIGHT_BUDGET && self.in_flight.get() > 0 {
                self.pending.push_front(ev);
                break;
            }
            // Counted before it is sent: the receiver may take it (and
            // subtract) before try_send even returns.
            self.in_flight.add(n);
            match self.tx.try_send(ev) {
                Ok(()) => {
                    self.pending_bytes -= n;
                    self.delivered_since_wake = true;
                }
                Err(TrySendError::Full(ev)) => {
                    self.in_flight.sub(n);
                    self.pending.push_front(ev);
                    break;
                }
                // Nobody listens any more: nothing to keep.
                Err(TrySendError::Disconnected(_)) => {
                    self.in_flight.sub(n);
                    self.pending.clear();
                    self.pending_bytes = 0;
                }
            }
        }
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// True when the worker should stop reading until the caller catches up.
    pub fn congested(&self) -> bool {
        self.pending.len() >= self.max_events
            || self.pending_bytes >= self.max_bytes
            || self.in_flight.get() >= IN_FLIGHT_BUDGET
    }

    /// Wakes the caller once for everything delivered since the last wake.
    /// Called once per worker turn, which is also when the capture file is flushed.
    pub fn wake(&mut self) {
        if let Err(error) = self.recorder.flush() {
            self.queue(EventKind::Error { conn: None, error });
            self.queue(EventKind::Capture { path: None });
        }
        if self.delivered_since_wake {
            self.delivered_since_wake = false;
            self.waker.wake();
        }
    }

    /// Hands every pending event over, waiting for room as long as it takes
    /// (for events that must arrive before what the worker does next).
    pub fn deliver_all(&mut self) {
        while let Some(ev) = self.pending.pop_front() {
            let n = payload_len(&ev.kind);
            self.pending_bytes -= n;
            self.in_flight.add(n);
            if self.tx.send(ev).is_err() {
                self.in_flight.sub(n);
                self.pending.clear();
                self.pending_bytes = 0;
                break;
            }
            self.delivered_since_wake = true;
        }
    }

    /// The last events of a worker must arrive: block until they are taken.
    pub fn close(mut self) {
        let _ = self.recorder.stop();
        self.deliver_all();
        self.waker.wake();
    }
}
