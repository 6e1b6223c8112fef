//! Attendance arithmetic and the self-marking window.

use chrono::{DateTime, Duration, Utc};

/// Why a learner's own mark is refused; shown as they are.
pub const REFUSED_NOT_ACTIVE: &str = "La présence ne peut être marquée que pendant la formation.";
pub const REFUSED_OUTSIDE_PERIOD: &str =
    "Cette séance ne fait pas partie de votre période d'inscription.";
pub const REFUSED_OUTSIDE_WINDOW: &str =
    "La présence se marque de 15 minutes avant le début jusqu'à 24 heures après la fin de la séance.";

/// attended / total × 100, rounded to one decimal; 0.0 when nothing is planned.
pub fn attendance_rate(attended: i64, total: i64) -> f64 {
    if total <= 0 {
        return 0.0;
    }
    (attended as f64 * 1000.0 / total as f64).round() / 10.0
}

/// A learner may mark their own presence from 15 minutes before a session
/// starts until 24 hours after it ends.
pub fn within_marking_window(
    starts_at: DateTime<Utc>,
    duration_minutes: i64,
    now: DateTime<Utc>,
) -> bool {
    let opens = starts_at - Duration::minutes(15);
    let closes = starts_at + Duration::minutes(duration_minutes) + Duration::hours(24);
    opens <= now && now <= closes
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
}
