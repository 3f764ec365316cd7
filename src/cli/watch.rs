//! What the command line follows beyond the events themselves: the kernel's
//! view of TCP sockets (`--tcp-info`, `-v`) and the sequence diagram
//! (`--ladder`), written atomically when the command ends.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::ladder_svg;
use crate::model::sequence::{Sequence, SequenceLimits};
use crate::net::{Command, EndpointId, Engine, Event, Events, kernel};
use crate::util::write_atomic;

use super::args::Common;
use super::messages;
use super::out::say;

/// How long the kernel thread may take to report the last states (a lookup
/// takes microseconds; this only bounds a stuck netlink socket).
const KERNEL_SETTLE: Duration = Duration::from_secs(3);

/// Waits until the kernel thread has reported the last states (TIME_WAIT
/// after the closes), so the events waiting now include them; false if it
/// did not answer in time (then the caller takes what it has).
pub(super) fn kernel_settled(engine: &Engine) -> bool {
    engine.sync_kernel(KERNEL_SETTLE)
}

/// `--ladder`'s path, checked before anything is opened (bad input: exit 2):
/// an existing directory to write into, and not a directory itself.
pub fn check_ladder_path(path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return Err(messages::ladder_is_dir(path));
    }
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(messages::ladder_no_dir(path, dir)),
        _ => Ok(()),
    }
}

/// The sequence diagram being recorded for `--ladder`.
pub struct Ladder {
    path: PathBuf,
    seq: Sequence,
}

impl Ladder {
    pub fn new(path: PathBuf) -> Ladder {
        Ladder { path, seq: Sequence::new(SequenceLimits::default()) }
    }

    pub fn feed(&mut self, ev: &Event) {
        self.seq.apply(ev);
    }

    /// Writes every conversation's diagram, all at once; says where, or why not.
    pub fn write(&self) -> Result<(), ()> {
        let diagrams = self.seq.diagrams();
        let svg = ladder_svg::render(&diagrams);
        match write_atomic(&self.path, svg.as_bytes()) {
            Ok(()) => {
                say(&messages::ladder_written(&self.path, diagrams.len()));
                Ok(())
            }
            Err(e) => {
                say(&messages::ladder_not_written(&self.path, &e));
                Err(())
            }
        }
    }
}

/// The kernel watch and the ladder of `serve` or `connect`.
pub struct Extras {
    ladder: Option<Ladder>,
    /// Watch the endpoint's TCP sockets, with this sample interval.
    watch: Option<Option<Duration>>,
}

impl Extras {
    /// `tcp`: the endpoint is a TCP socket (only those have a kernel state to watch).
    pub fn new(common: &Common, tcp: bool) -> Extras {
        let ladder = common.ladder.clone().map(Ladder::new);
        let wanted = tcp && (common.tcp_info.is_some() || common.verbose || ladder.is_some());
        let watch = if wanted && !kernel::AVAILABLE {
            // -v and --ladder do without; only --tcp-info was asked for by name.
            if common.tcp_info.is_some() {
                say(&messages::kernel_state_unavailable("--tcp-info"));
            }
            None
        } else {
            wanted.then(|| common.tcp_info.map(Duration::from_millis))
        };
        Extras { ladder, watch }
    }

    /// Asks the engine to watch the endpoint (just after opening it).
    pub fn start(&self, engine: &Engine, id: EndpointId) {
        if let Some(interval) = self.watch {
            let _ = engine.send(Command::WatchTcp { id, interval });
        }
    }

    pub fn observe(&mut self, ev: &Event) {
        if let Some(l) = self.ladder.as_mut() {
            l.feed(ev);
        }
    }

    /// At the end: takes the kernel thread's last reports (TIME_WAIT after
    /// the close), shows each with `show`, then writes the ladder. Err when
    /// the ladder could not be written (said on stderr).
    pub fn finish(&mut self, engine: &Engine, events: &Events, mut show: impl FnMut(&Event)) -> Result<(), ()> {
        if self.watch.is_some() && kernel_settled(engine) {
            while let Some(ev) = events.try_recv() {
                self.observe(&ev);
                show(&ev);
            }
        }
        self.ladder.as_ref().map_or(Ok(()), Ladder::write)
    }
}
