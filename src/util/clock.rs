//! Every time a person or a script reads, formatted in one place.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use chrono::{DateTime, Local, SecondsFormat, Utc};

/// Shows times of day in UTC instead of the local zone: for screens that must
/// look the same on every machine (pixel snapshots, comparing with a capture
/// taken elsewhere).
static SHOW_UTC: AtomicBool = AtomicBool::new(false);

pub fn show_utc(on: bool) {
    SHOW_UTC.store(on, Ordering::Relaxed);
}

/// RFC 3339 in UTC with microseconds, `2026-11-21T23:45:01.123456Z`: what
/// `--json`, capture files, CSV and JSON-lines exports carry.
pub fn rfc3339(t: SystemTime) -> String {
    let t: DateTime<Utc> = t.into();
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Local time of day to the millisecond, `23:45:01.123`: the conversation and the event log.
pub fn local_time(t: SystemTime) -> String {
    format_time(t, "%H:%M:%S%.3f")
}

/// Local date and time to the millisecond, `2026-11-21 23:45:01.123`: text exports.
pub fn local_date_time(t: SystemTime) -> String {
    format_time(t, "%Y-%m-%d %H:%M:%S%.3f")
}

fn format_time(t: SystemTime, format: &str) -> String {
    if SHOW_UTC.load(Ordering::Relaxed) {
        DateTime::<Utc>::from(t).format(format).to_string()
    } else {
        DateTime::<Local>::from(t).format(format).to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn rfc3339_is_utc_with_microseconds_and_parses_back() {
        let t = UNIX_EPOCH + Duration::from_micros(1_795_304_701_123_456);
        assert_eq!(rfc3339(t), "2026-11-21T23:45:01.123456Z");
        let back = DateTime::parse_from_rfc3339(&rfc3339(t)).unwrap();
        assert_eq!(SystemTime::from(back), t);
    }

    #[test]
    fn local_formats_have_fixed_widths() {
        let t = UNIX_EPOCH + Duration::from_micros(1_795_304_701_123_456);
        let time = local_time(t);
        assert_eq!(time.len(), 12);
        assert!(time.ends_with(".123"));
        let both = local_date_time(t);
        assert_eq!(both.len(), 23);
        assert!(both.ends_with(&time), "{both} ends with {time}");
    }
}
