//! Attendance arithmetic and the self-marking window.

use chrono::{DateTime, Duration, Utc};

use crate::error::ErrorCode;

/// How long before its start a session's attendance opens.
const OPENS_BEFORE_MINUTES: i64 = 15;

/// attended / total × 100, rounded to one decimal; 0.0 when nothing is planned.
pub fn attendance_rate(attended: i64, total: i64) -> f64 {
    if total <= 0 {
        return 0.0;
    }
    (attended as f64 * 1000.0 / total as f64).round() / 10.0
}

/// Whether a session's attendance has opened at `now` (15 minutes before
/// its start). The one rule for every way a presence is written — the
/// learner's own mark, the admin's grid — and for what the grid and the CSV
/// show: before that, a session has not happened and nobody attended it.
pub fn attendance_open(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    starts_at - Duration::minutes(OPENS_BEFORE_MINUTES) <= now
}

/// [`attendance_open`] as a check, with the refusal's code.
pub fn check_attendance_open(
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ErrorCode> {
    if attendance_open(starts_at, now) {
        Ok(())
    } else {
        Err(ErrorCode::AttendanceNotStarted)
    }
}

/// A learner may mark their own presence from the opening of attendance
/// (15 minutes before a session starts) until 24 hours after it ends.
pub fn within_marking_window(
    starts_at: DateTime<Utc>,
    duration_minutes: i64,
    now: DateTime<Utc>,
) -> bool {
    let closes = starts_at + Duration::minutes(duration_minutes) + Duration::hours(24);
    attendance_open(starts_at, now) && now <= closes
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_rate_is_rounded_to_one_decimal() {
        assert_eq!(attendance_rate(5, 10), 50.0);
        assert_eq!(attendance_rate(1, 3), 33.3);
        assert_eq!(attendance_rate(2, 3), 66.7);
        assert_eq!(attendance_rate(0, 0), 0.0);
    }

    #[test]
    fn marking_opens_fifteen_minutes_before_and_closes_a_day_after_the_end() {
        let start = Utc.with_ymd_and_hms(2024, 1, 22, 18, 0, 0).unwrap();
        assert!(!within_marking_window(
            start,
            120,
            start - Duration::minutes(16)
        ));
        assert!(within_marking_window(
            start,
            120,
            start - Duration::minutes(15)
        ));
        assert!(within_marking_window(
            start,
            120,
            start + Duration::hours(26)
        ));
        assert!(!within_marking_window(
            start,
            120,
            start + Duration::hours(26) + Duration::seconds(1)
        ));
    }

    #[test]
    fn attendance_opens_fifteen_minutes_before_the_start_and_stays_open() {
        let start = Utc.with_ymd_and_hms(2024, 1, 22, 18, 0, 0).unwrap();
        let before = start - Duration::minutes(15) - Duration::seconds(1);
        assert!(!attendance_open(start, before));
        assert_eq!(
            check_attendance_open(start, before),
            Err(ErrorCode::AttendanceNotStarted)
        );
        assert!(attendance_open(start, start - Duration::minutes(15)));
        // Unlike the learner's window, it never closes: an admin fixes
        // the register of a past session at any time.
        assert_eq!(
            check_attendance_open(start, start + Duration::days(400)),
            Ok(())
        );
    }
}
