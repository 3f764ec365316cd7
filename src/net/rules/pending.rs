//! A connection's effects held back by a `wait`: what follows a wait runs
//! when its time comes, and later answers on the same connection queue
//! behind it, so replies keep their order. The worker calls `push` with each
//! outcome and `due` when its timer (`deadline`) fires.

use std::collections::VecDeque;
use std::time::Instant;

use super::Effect;

/// How many bytes of answers may wait on one connection; past it the worker
/// should stop reading that connection (backpressure), not drop answers.
pub const PENDING_PAUSE: usize = 1 << 20;

/// Effects waiting their turn, each with a tag the worker needs to carry it
/// out (a datagram socket tags replies with their destination; a stream
/// connection needs none).
#[derive(Debug)]
pub struct Pending<T = ()> {
    queue: VecDeque<(Effect, T)>,
    /// When the effects in `queue` may go on; None when nothing waits.
    resume_at: Option<Instant>,
    bytes: usize,
}

impl<T> Default for Pending<T> {
    fn default() -> Self {
        Pending { queue: VecDeque::new(), resume_at: None, bytes: 0 }
    }
}

impl<T: Clone> Pending<T> {
    /// Takes new effects: returns those to carry out now, keeps the rest.
    pub fn push(&mut self, effects: Vec<Effect>, tag: T, now: Instant) -> Vec<(Effect, T)> {
        for e in effects {
            self.bytes += effect_len(&e);
            self.queue.push_back((e, tag.clone()));
        }
        if self.resume_at.is_some() { Vec::new() } else { self.run(now) }
    }

    /// The effects whose wait is over at `now`.
    pub fn due(&mut self, now: Instant) -> Vec<(Effect, T)> {
        match self.resume_at {
            Some(at) if at <= now => {
                self.resume_at = None;
                self.run(at)
            }
            _ => Vec::new(),
        }
    }

    /// When the worker should call `due` next.
    pub fn deadline(&self) -> Option<Instant> {
        self.resume_at
    }

    /// Bytes of answers still waiting (to pause reads past [`PENDING_PAUSE`]).
    pub fn queued_bytes(&self) -> usize {
        self.bytes
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Runs effects from `from` on until the next wait.
    fn run(&mut self, from: Instant) -> Vec<(Effect, T)> {
        let mut now_out = Vec::new();
        while let Some((e, tag)) = self.queue.pop_front() {
            if let Effect::Wait(d) = e {
                self.resume_at = Some(from + d);
                break;
            }
            self.bytes -= effect_len(&e);
            now_out.push((e, tag));
        }
        now_out
    }
}

fn effect_len(e: &Effect) -> usize {
    match e {
        Effect::Send(b) | Effect::Relay(b) => b.len(),
        Effect::Wait(_) | Effect::Close => 0,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn send(s: &str) -> (Effect, ()) {
        (Effect::Send(s.as_bytes().to_vec()), ())
    }

    fn wait(ms: u64) -> Effect {
        Effect::Wait(Duration::from_millis(ms))
    }

    #[test]
    fn waits_hold_back_what_follows_and_later_answers_stay_in_order() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut p = Pending::default();
        let (a, b) = (send("a").0, send("b").0);
        let now = p.push(vec![a, wait(100), b, Effect::Close], (), t0);
        assert_eq!(now, vec![send("a")]);
        assert_eq!(p.deadline(), Some(t0 + ms(100)));
        assert_eq!(p.queued_bytes(), 1);
        // A second message's answer waits behind the first one's wait.
        assert_eq!(p.push(vec![send("c").0], (), t0 + ms(10)), vec![]);
        assert_eq!(p.due(t0 + ms(99)), vec![]);
        assert_eq!(p.due(t0 + ms(100)), vec![send("b"), (Effect::Close, ()), send("c")]);
        assert_eq!((p.deadline(), p.queued_bytes(), p.is_empty()), (None, 0, true));
    }

    #[test]
    fn consecutive_waits_count_from_when_the_previous_one_ended() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut p = Pending::default();
        p.push(vec![wait(50), send("x").0, wait(50), send("y").0], (), t0);
        // The timer fired late: the second wait still ends at t0 + 100.
        assert_eq!(p.due(t0 + ms(70)), vec![send("x")]);
        assert_eq!(p.deadline(), Some(t0 + ms(100)));
        assert_eq!(p.due(t0 + ms(100)), vec![send("y")]);
    }
}
