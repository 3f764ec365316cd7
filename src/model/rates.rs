//! Bytes per second in and out, one bucket a second, for the throughput plot.

use std::collections::VecDeque;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds of history the plot shows.
pub const RATE_HISTORY: usize = 120;

#[derive(Clone, Debug, Default)]
pub struct Rates {
    /// (unix second, bytes in, bytes out), oldest first.
    buckets: VecDeque<(u64, u64, u64)>,
}

impl Rates {
    pub fn add(&mut self, time: SystemTime, bytes_in: u64, bytes_out: u64) {
        let sec = time.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO).as_secs();
        match self.buckets.back_mut() {
            Some(b) if b.0 == sec => {
                b.1 += bytes_in;
                b.2 += bytes_out;
            }
            Some(b) if b.0 > sec => {} // clock went back: keep the plot monotonic
            _ => {
                self.buckets.push_back((sec, bytes_in, bytes_out));
                while self.buckets.len() > RATE_HISTORY {
                    self.buckets.pop_front();
                }
            }
        }
    }

    /// Points for the plot: (seconds before `now`, bytes/s in, bytes/s out).
    pub fn series(&self, now: SystemTime) -> Vec<(f64, f64, f64)> {
        let now = now.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO).as_secs();
        self.buckets
            .iter()
            .filter(|b| now.saturating_sub(b.0) < RATE_HISTORY as u64)
            .map(|b| (-(now.saturating_sub(b.0) as f64), b.1 as f64, b.2 as f64))
            .collect()
    }

    /// The last complete second's rates (in, out).
    pub fn current(&self, now: SystemTime) -> (u64, u64) {
        let now = now.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO).as_secs();
        self.buckets.iter().rev().find(|b| b.0 + 1 == now).map(|b| (b.1, b.2)).unwrap_or((0, 0))
    }
}
