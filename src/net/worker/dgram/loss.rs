//! Datagrams lost, reported as running totals: while traffic flows at most
//! every 200 ms, and once the socket goes quiet a last, settled report with
//! the kernel's drop count read again (it otherwise rides only on the next
//! datagram), so delivered + dropped adds up when a burst is over.

use std::time::{Duration, Instant};

use super::{Losses, Sock, Worker};
use crate::net::event::EventKind;
use crate::net::worker::rxq;

pub(super) const LOSS_REPORT_EVERY: Duration = Duration::from_millis(200);
/// No datagram for this long after one arrived: the burst is over.
pub(super) const QUIET: Duration = Duration::from_millis(100);

impl Worker {
    pub(super) fn loss_unreported(&self) -> bool {
        self.reported != self.losses
    }

    pub(super) fn report_loss(&mut self, now: bool) {
        if self.loss_unreported() && (now || self.last_report.elapsed() >= LOSS_REPORT_EVERY) {
            self.push_loss(false);
        }
    }

    fn push_loss(&mut self, settled: bool) {
        self.reported = self.losses;
        self.last_report = Instant::now();
        self.unsettled = !settled;
        let Losses { engine, kernel, echo } = self.losses;
        self.ctx.out.push(EventKind::Loss {
            engine_dropped: engine,
            kernel_dropped: kernel,
            echo_dropped: echo,
            settled,
        });
    }

    /// Once the socket is quiet (or closing), reads the kernel's drop count
    /// again and reports the totals as settled, if they changed or a count
    /// went out during the burst. Nothing is said after traffic with no loss.
    pub(super) fn settle(&mut self, closing: bool) {
        if !closing && self.quiet_at.is_none_or(|at| Instant::now() < at) {
            return;
        }
        self.quiet_at = None;
        if let Some(Sock::Udp(s)) = &self.sock
            && let Some(now) = rxq::kernel_drops(s)
            && (now > 0 || self.losses.kernel.is_some())
        {
            self.losses.kernel = Some(self.losses.kernel.unwrap_or(0).max(now));
        }
        if self.loss_unreported() || self.unsettled {
            self.push_loss(true);
        }
    }
}
