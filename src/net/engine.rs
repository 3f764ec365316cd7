//! The caller's handle: opens endpoints (one worker thread each) and routes
//! commands to them. Every call returns at once; nothing here blocks on I/O.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TrySendError, bounded};
use thiserror::Error;

use super::chunk::Pool;
use super::command::Command;
use super::errors::NetError;
use super::event::{EndpointId, Event, EventKind};
use super::kernel_thread::KernelLink;
use super::outbox::{InFlight, Outbox, payload_len};
use super::spec::EndpointSpec;
use super::waker::Waker;
use super::worker::{self, WAKE_TOKEN, WorkerCtx};

/// Events the channel holds before workers start to wait (and stop reading).
const EVENT_CAPACITY: usize = 16 * 1024;
/// Commands a worker's inbox holds.
const INBOX_CAPACITY: usize = 1024;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EngineError {
    #[error("{}", crate::t!("engine-unknown-endpoint", id = .0.to_string()))]
    UnknownEndpoint(EndpointId),
    #[error("{}", crate::t!("engine-busy", id = .0.to_string()))]
    Busy(EndpointId),
    #[error("{}", crate::t!("engine-spawn", error = .0.as_str()))]
    Spawn(String),
}

struct WorkerHandle {
    tx: Sender<Command>,
    wake: Arc<mio::Waker>,
}

/// The live workers' inboxes. A worker removes its own entry when it ends,
/// so a long session does not keep a handle (and an eventfd) per closed endpoint.
type Workers = Arc<Mutex<HashMap<EndpointId, WorkerHandle>>>;

struct Inner {
    next_id: AtomicU64,
    workers: Workers,
    events: Sender<Event>,
    in_flight: Arc<InFlight>,
    pool: Arc<Pool>,
    waker: Arc<dyn Waker>,
    /// Follows TCP connections through sock_diag for watched endpoints.
    kernel: KernelLink,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.kernel.stop();
        // Dropping the inboxes tells each worker to close; wake them to see it.
        let workers = std::mem::take(&mut *self.workers.lock().unwrap_or_else(|e| e.into_inner()));
        for (_, w) in workers {
            drop(w.tx);
            let _ = w.wake.wake();
        }
    }
}

/// The engine handle. Clone it freely: clones share the same workers.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

/// The receiving end of the engine's events.
pub struct Events {
    rx: Receiver<Event>,
    in_flight: Arc<InFlight>,
}

impl Events {
    fn taken(&self, ev: Event) -> Event {
        self.in_flight.sub(payload_len(&ev.kind));
        ev
    }

    pub fn try_recv(&self) -> Option<Event> {
        self.rx.try_recv().ok().map(|e| self.taken(e))
    }

    /// Waits up to `timeout`; `None` when nothing came (or every sender is gone).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Event> {
        match self.rx.recv_timeout(timeout) {
            Ok(e) => Some(self.taken(e)),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    pub fn recv_deadline(&self, deadline: Instant) -> Option<Event> {
        self.recv_timeout(deadline.saturating_duration_since(Instant::now()))
    }

    /// Events waiting in the channel now.
    pub fn len(&self) -> usize {
        self.rx.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rx.is_empty()
    }
}

impl Engine {
    pub fn new(waker: Arc<dyn Waker>) -> (Engine, Events) {
        let (tx, rx) = bounded(EVENT_CAPACITY);
        let in_flight = Arc::new(InFlight::default());
        let kernel = KernelLink::new(tx.clone(), waker.clone());
        let inner = Inner {
            next_id: AtomicU64::new(1),
            workers: Arc::new(Mutex::new(HashMap::new())),
            events: tx,
            in_flight: in_flight.clone(),
            pool: Pool::new(),
            waker,
            kernel,
        };
        (Engine { inner: Arc::new(inner) }, Events { rx, in_flight })
    }

    /// A fresh endpoint id, for `Command::Open`.
    pub fn next_id(&self) -> EndpointId {
        self.inner.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Opens an endpoint and returns its id; progress and errors arrive as events.
    pub fn open(&self, spec: EndpointSpec) -> Result<EndpointId, EngineError> {
        let id = self.next_id();
        self.send(Command::Open { id, spec })?;
        Ok(id)
    }

    /// Routes a command to its worker without blocking.
    pub fn send(&self, cmd: Command) -> Result<(), EngineError> {
        let id = cmd.endpoint();
        if let Command::Open { spec, .. } = cmd {
            return self.spawn(id, spec);
        }
        if let Command::UnwatchTcp { .. } = cmd {
            // Closed connections may still be followed after the worker ended.
            self.inner.kernel.forget(id);
        }
        let mut workers = self.inner.workers.lock().unwrap_or_else(|e| e.into_inner());
        let Some(w) = workers.get(&id) else {
            return match cmd {
                Command::UnwatchTcp { .. } => Ok(()),
                _ => Err(EngineError::UnknownEndpoint(id)),
            };
        };
        match w.tx.try_send(cmd) {
            Ok(()) => {
                let _ = w.wake.wake();
                Ok(())
            }
            Err(TrySendError::Full(_)) => Err(EngineError::Busy(id)),
            Err(TrySendError::Disconnected(_)) => {
                workers.remove(&id);
                Err(EngineError::UnknownEndpoint(id))
            }
        }
    }

    /// Like [`Engine::send`], but waits up to `timeout` for room in a full
    /// inbox. For callers off the UI thread (the CLI's stdin reader).
    pub fn send_wait(&self, cmd: Command, timeout: Duration) -> Result<(), EngineError> {
        let id = cmd.endpoint();
        let (tx, wake) = {
            let workers = self.inner.workers.lock().unwrap_or_else(|e| e.into_inner());
            let w = workers.get(&id).ok_or(EngineError::UnknownEndpoint(id))?;
            (w.tx.clone(), w.wake.clone())
        };
        tx.send_timeout(cmd, timeout).map_err(|e| match e {
            crossbeam_channel::SendTimeoutError::Timeout(_) => EngineError::Busy(id),
            crossbeam_channel::SendTimeoutError::Disconnected(_) => EngineError::UnknownEndpoint(id),
        })?;
        let _ = wake.wake();
        Ok(())
    }

    /// Waits until the kernel thread has handled every request the workers
    /// made so far (each closed connection's first lookup is reported): what
    /// a caller that is about to exit does, so TIME_WAIT is among the events
    /// it takes. False if that took longer than `timeout`.
    pub fn sync_kernel(&self, timeout: Duration) -> bool {
        self.inner.kernel.sync(timeout)
    }

    fn spawn(&self, id: EndpointId, spec: EndpointSpec) -> Result<(), EngineError> {
        let fail = |e: std::io::Error| EngineError::Spawn(NetError::from_io("epoll_create", &e).to_string());
        let poll = mio::Poll::new().map_err(fail)?;
        let wake = Arc::new(mio::Waker::new(poll.registry(), WAKE_TOKEN).map_err(fail)?);
        let (tx, inbox) = bounded(INBOX_CAPACITY);
        let (max_events, max_bytes) = if spec.kind.is_datagram() { (64 * 1024, 16 << 20) } else { (256, 4 << 20) };
        let out = Outbox::new(
            id,
            self.inner.events.clone(),
            self.inner.in_flight.clone(),
            self.inner.waker.clone(),
            max_events,
            max_bytes,
        );
        let kernel = self.inner.kernel.clone();
        let ctx = WorkerCtx { spec, pool: self.inner.pool.clone(), inbox, poll, out, kernel };
        let panic_tx = self.inner.events.clone();
        let panic_waker = self.inner.waker.clone();
        // Registered before the thread starts, so a worker that ends at once still finds its entry to remove.
        self.inner.workers.lock().unwrap_or_else(|e| e.into_inner()).insert(id, WorkerHandle { tx, wake });
        let workers = Arc::downgrade(&self.inner.workers);
        let spawned = std::thread::Builder::new().name(format!("socklab-endpoint-{id}")).spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| worker::run(ctx)));
            if let Err(panic) = result {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                let error = NetError::said("worker", crate::msg!("net-worker-crashed", reason = msg));
                for kind in [EventKind::Error { conn: None, error }, EventKind::Stopped] {
                    let _ = panic_tx.send(Event { time: std::time::SystemTime::now(), endpoint: id, kind });
                }
                panic_waker.wake();
            }
            if let Some(workers) = workers.upgrade() {
                workers.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            }
        });
        if let Err(e) = spawned {
            self.inner.workers.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            return Err(EngineError::Spawn(NetError::from_io("pthread_create(endpoint)", &e).to_string()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::{EndpointKind, NoWaker};

    #[test]
    fn a_stopped_worker_releases_its_handle() {
        let (engine, events) = Engine::new(Arc::new(NoWaker));
        let id = engine.open(EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:99999")).expect("open");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !matches!(events.recv_deadline(deadline).map(|e| e.kind), Some(EventKind::Stopped)) {
            assert!(Instant::now() < deadline, "no Stopped event");
        }
        // The handle goes when the thread ends, just after its last event.
        while engine.inner.workers.lock().map(|w| w.contains_key(&id)).unwrap_or(false) {
            assert!(Instant::now() < deadline, "the worker's handle was never removed");
            std::thread::yield_now();
        }
        assert_eq!(engine.send(Command::Close { id, abort: false }), Err(EngineError::UnknownEndpoint(id)));
    }

    /// The kernel thread costs nothing until an endpoint is watched, and ends with the engine.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_kernel_thread_starts_for_a_watch_and_stops_with_the_engine() {
        use crate::net::ReplyMode;
        let (engine, events) = Engine::new(Arc::new(NoWaker));
        let deadline = Instant::now() + Duration::from_secs(10);
        let wait = |what: &str, pred: &dyn Fn(&EventKind) -> bool| loop {
            match events.recv_deadline(deadline) {
                Some(ev) if pred(&ev.kind) => return ev.kind,
                Some(_) => {}
                None => panic!("timed out waiting for {what}"),
            }
        };
        let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(ReplyMode::Echo);
        let server = engine.open(spec).expect("open");
        let EventKind::Listening { local, .. } = wait("listen", &|k| matches!(k, EventKind::Listening { .. })) else {
            unreachable!()
        };
        let connect = |engine: &Engine| {
            let id = engine.open(EndpointSpec::new(EndpointKind::TcpClient, local.to_string())).expect("open");
            wait("connect", &|k| matches!(k, EventKind::Connected { .. }));
            id
        };
        let client = connect(&engine);
        engine.send(Command::Close { id: client, abort: false }).expect("close");
        wait("the client to stop", &|k| matches!(k, EventKind::Stopped));
        assert!(!engine.inner.kernel.running(), "nothing watched: no kernel thread");
        let client = connect(&engine);
        engine.send(Command::WatchTcp { id: client, interval: None }).expect("watch");
        wait("ESTABLISHED", &|k| {
            matches!(k, EventKind::TcpState { to: crate::net::kernel::TcpState::Established, .. })
        });
        engine.send(Command::Close { id: client, abort: false }).expect("close");
        wait("the client to stop", &|k| matches!(k, EventKind::Stopped));
        assert!(engine.sync_kernel(Duration::from_secs(10)));
        assert!(engine.inner.kernel.running(), "a watched close is followed");
        let link = engine.inner.kernel.clone();
        let _ = engine.send(Command::Close { id: server, abort: false });
        drop(engine);
        while link.running() {
            assert!(Instant::now() < deadline, "the kernel thread outlived the engine");
            std::thread::yield_now();
        }
    }
}
