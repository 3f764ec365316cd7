//! The presenter's controls over a diagram, as pure state: live, paused at
//! a step (events keep being recorded, only the drawing stops), or
//! replaying the last seconds slowly. The answer to "what is drawn now" is
//! always a number of steps from the top.

use std::time::{Duration, Instant, SystemTime};

use super::diagram::{Step, StepId};

/// Replay speeds a presenter picks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Speed {
    Quarter,
    Half,
    Normal,
}

impl Speed {
    pub const ALL: [Speed; 3] = [Speed::Quarter, Speed::Half, Speed::Normal];

    pub fn factor(self) -> f64 {
        match self {
            Speed::Quarter => 0.25,
            Speed::Half => 0.5,
            Speed::Normal => 1.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::Quarter => "0.25×",
            Speed::Half => "0.5×",
            Speed::Normal => "1×",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub enum Timeline {
    /// Every step is drawn as it comes.
    #[default]
    Live,
    /// Drawn up to and including this step (None: nothing yet).
    Paused { at: Option<StepId> },
    /// Steps up to `from` are drawn; the ones after it appear as the replay
    /// clock (started at `started`, running at `speed`) passes their time,
    /// up to `last`, the newest step when the replay began.
    Replay { from: SystemTime, last: StepId, started: Instant, speed: Speed },
}

impl Timeline {
    pub fn is_live(&self) -> bool {
        matches!(self, Timeline::Live)
    }

    /// How many steps from the top are drawn at `now`.
    pub fn visible(&self, steps: &[Step], now: Instant) -> usize {
        match self {
            Timeline::Live => steps.len(),
            Timeline::Paused { at } => at.map_or(0, |at| upto(steps, at)),
            Timeline::Replay { from, last, started, speed } => {
                let played = now.saturating_duration_since(*started).mul_f64(speed.factor());
                let clock = *from + played;
                let end = upto(steps, *last);
                steps[..end].iter().take_while(|s| s.time <= clock).count()
            }
        }
    }

    /// Stops drawing new steps where the drawing is now.
    pub fn pause(&mut self, steps: &[Step], now: Instant) {
        let shown = self.visible(steps, now);
        *self = Timeline::Paused { at: at_count(steps, shown) };
    }

    /// Back to drawing everything as it comes.
    pub fn resume(&mut self) {
        *self = Timeline::Live;
    }

    /// One more step drawn (pausing first if live or replaying).
    pub fn step_forward(&mut self, steps: &[Step], now: Instant) {
        let shown = self.visible(steps, now);
        *self = Timeline::Paused { at: at_count(steps, (shown + 1).min(steps.len())) };
    }

    /// One step fewer drawn (pausing first if live or replaying).
    pub fn step_back(&mut self, steps: &[Step], now: Instant) {
        let shown = self.visible(steps, now);
        *self = Timeline::Paused { at: at_count(steps, shown.saturating_sub(1)) };
    }

    /// Replays the last `last` seconds of the diagram (up to its newest step
    /// now) at `speed`, starting at `now`. Nothing to replay leaves it as it is.
    pub fn replay(&mut self, steps: &[Step], last: Duration, speed: Speed, now: Instant) {
        let Some(newest) = steps.last() else { return };
        let from = newest.time.checked_sub(last).unwrap_or(SystemTime::UNIX_EPOCH);
        *self = Timeline::Replay { from, last: newest.id, started: now, speed };
    }

    /// A replay that has drawn its last step becomes a pause there.
    pub fn tick(&mut self, steps: &[Step], now: Instant) {
        if let Timeline::Replay { last, .. } = *self
            && self.visible(steps, now) >= upto(steps, last)
        {
            *self = Timeline::Paused { at: Some(last) };
        }
    }
}

/// The number of steps up to and including `id`; 0 when it fell out of the history.
fn upto(steps: &[Step], id: StepId) -> usize {
    steps.iter().position(|s| s.id == id).map_or(0, |i| i + 1)
}

/// The step that makes `count` steps visible.
fn at_count(steps: &[Step], count: usize) -> Option<StepId> {
    count.checked_sub(1).and_then(|i| steps.get(i)).map(|s| s.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Steps one second apart from t0.
    fn steps(n: u64) -> (Vec<Step>, SystemTime) {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let steps = (0..n).map(|i| Step { id: StepId { row: i, sub: 0 }, time: t0 + Duration::from_secs(i) }).collect();
        (steps, t0)
    }

    #[test]
    fn pause_keeps_the_drawing_while_steps_keep_coming() {
        let (mut all, _) = steps(10);
        let now = Instant::now();
        let mut t = Timeline::Live;
        assert_eq!(t.visible(&all[..4], now), 4);
        t.pause(&all[..4], now);
        assert_eq!(t.visible(&all, now), 4, "six more were recorded, four still drawn");
        t.resume();
        assert_eq!(t.visible(&all, now), 10);
        // A paused step that fell out of the history shows nothing rather than panicking.
        t = Timeline::Paused { at: Some(StepId { row: 2, sub: 0 }) };
        all.drain(..3);
        assert_eq!(t.visible(&all, now), 0);
    }

    #[test]
    fn steps_go_forward_and_back_one_at_a_time_within_bounds() {
        let (all, _) = steps(3);
        let now = Instant::now();
        let mut t = Timeline::Live;
        t.step_back(&all, now);
        assert_eq!(t.visible(&all, now), 2);
        t.step_back(&all, now);
        t.step_back(&all, now);
        t.step_back(&all, now);
        assert_eq!(t.visible(&all, now), 0);
        t.step_forward(&all, now);
        assert_eq!(t.visible(&all, now), 1);
        for _ in 0..5 {
            t.step_forward(&all, now);
        }
        assert_eq!(t.visible(&all, now), 3);
        assert!(!t.is_live(), "stepping to the end stays paused");
    }

    #[test]
    fn replay_reveals_the_last_seconds_at_the_chosen_speed_then_pauses() {
        let (all, _) = steps(10); // times 0..9 s; the last 4 s are steps 5..=9 (from = 5 s).
        let start = Instant::now();
        let mut t = Timeline::Live;
        t.replay(&all, Duration::from_secs(4), Speed::Half, start);
        assert_eq!(t.visible(&all, start), 6, "steps up to 5 s are context");
        assert_eq!(t.visible(&all, start + Duration::from_secs(2)), 7, "2 s at 0.5× is 1 s of history");
        assert_eq!(t.visible(&all, start + Duration::from_secs(7)), 9);
        // Steps recorded during the replay are not part of it.
        let (more, _) = steps(12);
        assert_eq!(t.visible(&more, start + Duration::from_secs(60)), 10);
        t.tick(&more, start + Duration::from_secs(1));
        assert!(matches!(t, Timeline::Replay { .. }), "not finished yet");
        t.tick(&more, start + Duration::from_secs(8));
        assert_eq!(t, Timeline::Paused { at: Some(StepId { row: 9, sub: 0 }) });
        let mut q = Timeline::Live;
        q.replay(&all, Duration::from_secs(4), Speed::Quarter, start);
        assert_eq!(q.visible(&all, start + Duration::from_secs(4)), 7);
        q.replay(&[], Duration::from_secs(4), Speed::Normal, start);
        assert!(matches!(q, Timeline::Replay { .. }), "nothing to replay changes nothing");
    }
}
