//! When the settings file is written: after a change, on a background task,
//! one save at a time. A save that failed is not tried again until the
//! settings change, so a read-only config folder costs one attempt and one
//! notice, not a write per frame.

use crate::settings::Settings;

#[derive(Debug)]
pub struct SettingsSync {
    /// What the file holds, as far as this process knows.
    saved: Settings,
    /// A save of exactly these settings failed.
    failed: Option<Settings>,
    in_flight: bool,
    /// Numbers each save, so an older one never lands after a newer one.
    generation: u64,
}

impl SettingsSync {
    pub fn new(saved: Settings) -> SettingsSync {
        SettingsSync { saved, failed: None, in_flight: false, generation: 0 }
    }

    /// The settings to save now, with their number, if they changed and nothing is being saved.
    pub fn due(&mut self, now: &Settings) -> Option<(u64, Settings)> {
        // Any change since the failure (even back and forth) is worth another try.
        if self.failed.as_ref().is_some_and(|f| f != now) {
            self.failed = None;
        }
        if self.in_flight || *now == self.saved || self.failed.is_some() {
            return None;
        }
        self.in_flight = true;
        self.generation += 1;
        Some((self.generation, now.clone()))
    }

    /// A save finished: on success the file holds `settings`; on failure they are not tried again as they are.
    pub fn done(&mut self, settings: Settings, ok: bool) {
        self.in_flight = false;
        if ok {
            self.saved = settings;
            self.failed = None;
        } else {
            self.failed = Some(settings);
        }
    }

    /// True when the settings differ from what the file holds.
    pub fn unsaved(&self, now: &Settings) -> bool {
        *now != self.saved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_a_change_once_and_one_at_a_time() {
        let mut sync = SettingsSync::new(Settings::default());
        let mut s = Settings::default();
        assert!(sync.due(&s).is_none(), "nothing changed");
        s.dark = false;
        let (first, snapshot) = sync.due(&s).unwrap();
        assert!(!snapshot.dark);
        s.zoom = 1.5;
        assert!(sync.due(&s).is_none(), "one save at a time");
        sync.done(snapshot, true);
        let (second, snapshot) = sync.due(&s).unwrap();
        assert!(second > first);
        sync.done(snapshot, true);
        assert!(sync.due(&s).is_none());
        assert!(!sync.unsaved(&s));
    }

    #[test]
    fn a_failed_save_waits_for_the_next_change() {
        let mut sync = SettingsSync::new(Settings::default());
        let mut s = Settings { dark: false, ..Settings::default() };
        let (_, snapshot) = sync.due(&s).unwrap();
        sync.done(snapshot, false);
        for _ in 0..100 {
            assert!(sync.due(&s).is_none(), "not retried every frame");
        }
        assert!(sync.unsaved(&s));
        s.zoom = 2.0;
        let (_, snapshot) = sync.due(&s).expect("a change tries again");
        sync.done(snapshot, false);
        // Back to what the file holds (nothing to save), then to the failed settings again: tried again.
        let failed = s.clone();
        assert!(sync.due(&Settings::default()).is_none());
        assert!(sync.due(&failed).is_some(), "a change since the failure tries again");
    }
}
