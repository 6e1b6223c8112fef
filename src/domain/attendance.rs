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

/// A participant's joins and leaves (`true` for a join), in any order, as
/// stretches of presence: sorted by time, each join opens a stretch (a
/// second join while open is the same stretch, redelivered or seen twice),
/// the next leave closes it (a leave with nothing open is ignored); a
/// stretch still open at the end is returned open (`None`), for the
/// meeting's end to close.
pub fn stretches(
    movements: &[(bool, DateTime<Utc>)],
) -> Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let mut sorted = movements.to_vec();
    // A join and a leave at the same second: the leave first, so a
    // reconnection is two stretches, not one swallowed.
    sorted.sort_by_key(|(joined, at)| (*at, *joined));
    let mut out = Vec::new();
    let mut open: Option<DateTime<Utc>> = None;
    for (joined, at) in sorted {
        match (joined, open) {
            (true, None) => open = Some(at),
            (false, Some(from)) => {
                out.push((from, Some(at)));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        out.push((from, None));
    }
    out
}

/// How an attendee of a report was matched to a learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MatchedBy {
    Email,
    /// By exact name only: the preview flags it for the admin to check.
    Name,
}

/// One attendee of a report (or of a Zoom meeting), matched to a learner of
/// the formation if possible, and whether their minutes reach the
/// threshold.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MatchedAttendee {
    pub name: String,
    pub email: Option<String>,
    pub minutes: i64,
    /// The learner (id, name), when matched.
    pub learner: Option<(i64, String)>,
    pub matched_by: Option<MatchedBy>,
    /// Matched and `minutes` reach the threshold: will be (or was) marked.
    pub present: bool,
}

/// Matches attendees (name, e-mail, minutes) to the formation's learners
/// (id, name, e-mail): by e-mail, case-insensitive; else by exact name
/// when exactly one learner has it. `present` when matched and the minutes
/// are at least `min_percent` of `session_minutes`.
pub fn match_attendees(
    attendees: &[(String, Option<String>, i64)],
    learners: &[(i64, String, String)],
    session_minutes: i64,
    min_percent: i64,
) -> Vec<MatchedAttendee> {
    attendees
        .iter()
        .map(|(name, email, minutes)| {
            let by_email = email.as_deref().and_then(|email| {
                learners
                    .iter()
                    .find(|(_, _, e)| e.eq_ignore_ascii_case(email.trim()))
            });
            let (learner, matched_by) = match by_email {
                Some(l) => (Some(l), Some(MatchedBy::Email)),
                None => {
                    let mut same = learners.iter().filter(|(_, n, _)| n.trim() == name.trim());
                    match (same.next(), same.next()) {
                        (Some(l), None) => (Some(l), Some(MatchedBy::Name)),
                        _ => (None, None),
                    }
                }
            };
            MatchedAttendee {
                name: name.clone(),
                email: email.clone(),
                minutes: *minutes,
                learner: learner.map(|(id, n, _)| (*id, n.clone())),
                matched_by,
                present: learner.is_some() && reaches(*minutes, session_minutes, min_percent),
            }
        })
        .collect()
}

/// The share of a séance (percent) a formation asks unless told otherwise:
/// the column's default (migration 0012), so a form left empty and a
/// formation created before the setting existed agree.
pub const DEFAULT_MIN_PRESENCE: i64 = 50;

/// The lowest presence threshold a formation may set, and the highest (the
/// column's CHECK).
pub const MIN_PRESENCE_RANGE: std::ops::RangeInclusive<i64> = 0..=100;

/// A formation's `zoom_min_presence` as typed (empty is the default, 50).
pub fn parse_min_presence(text: &str) -> Result<i64, ErrorCode> {
    let text = text.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(DEFAULT_MIN_PRESENCE);
    }
    text.parse::<i64>()
        .ok()
        .filter(|p| MIN_PRESENCE_RANGE.contains(p))
        .ok_or(ErrorCode::ZoomMinPresence)
}

/// Whether `minutes` of a séance of `session_minutes` reach `min_percent`
/// percent: minutes × 100 ≥ min_percent × session_minutes, in integers (no
/// float rounding decides a presence) and in i128 (no overflow). A séance
/// of no length is reached by any presence.
pub fn reaches(minutes: i64, session_minutes: i64, min_percent: i64) -> bool {
    if minutes < 0 {
        return false;
    }
    if session_minutes <= 0 {
        return true;
    }
    i128::from(minutes) * 100 >= i128::from(min_percent) * i128::from(session_minutes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_presence_threshold_is_a_percentage_and_empty_is_the_default() {
        assert_eq!(parse_min_presence(""), Ok(50));
        assert_eq!(parse_min_presence(" 70 "), Ok(70));
        assert_eq!(parse_min_presence("75 %"), Ok(75));
        assert_eq!(parse_min_presence("0"), Ok(0));
        assert_eq!(parse_min_presence("100"), Ok(100));
        for bad in ["-1", "101", "150", "abc", "50.5"] {
            assert_eq!(
                parse_min_presence(bad),
                Err(ErrorCode::ZoomMinPresence),
                "{bad}"
            );
        }
    }

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

    fn t(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 10, 18, 0, 0).unwrap() + Duration::minutes(minute)
    }

    #[test]
    fn joins_and_leaves_in_any_order_make_the_same_stretches() {
        let moves = [(true, t(0)), (false, t(50)), (true, t(60)), (false, t(90))];
        let want = vec![(t(0), Some(t(50))), (t(60), Some(t(90)))];
        assert_eq!(stretches(&moves), want);
        let mut reversed = moves;
        reversed.reverse();
        assert_eq!(stretches(&reversed), want);
        // Delivered twice: the same.
        let twice: Vec<_> = moves.iter().chain(moves.iter()).copied().collect();
        assert_eq!(stretches(&twice), want);
        // Still in the meeting: the stretch stays open.
        assert_eq!(stretches(&[(true, t(5))]), vec![(t(5), None)]);
        // A leave alone counts nothing.
        assert_eq!(stretches(&[(false, t(5))]), vec![]);
    }

    #[test]
    fn attendees_match_by_email_then_by_a_unique_name() {
        let learners = vec![
            (1, "Léa Dupré".to_string(), "lea@example.com".to_string()),
            (2, "Sam Martin".to_string(), "sam@example.com".to_string()),
            (3, "Sam Martin".to_string(), "sam2@example.com".to_string()),
        ];
        let attendees = vec![
            (
                "L. Dupré".to_string(),
                Some("LEA@example.com".to_string()),
                80,
            ),
            ("Léa Dupré".to_string(), None, 30),
            ("Sam Martin".to_string(), None, 100),
            (
                "Invité".to_string(),
                Some("guest@example.org".to_string()),
                120,
            ),
        ];
        let m = match_attendees(&attendees, &learners, 120, 50);
        assert_eq!(m[0].learner, Some((1, "Léa Dupré".into())));
        assert_eq!(m[0].matched_by, Some(MatchedBy::Email));
        assert!(m[0].present);
        assert_eq!(m[1].matched_by, Some(MatchedBy::Name));
        assert!(!m[1].present, "30 of 120 minutes is under half");
        assert_eq!(m[2].learner, None, "two learners have that name");
        assert_eq!(m[3].learner, None);
        assert!(!m[3].present);
        assert!(reaches(80, 120, 50));
        assert!(!reaches(30, 120, 50));
        assert!(reaches(60, 120, 50));
        assert!(!reaches(59, 120, 50));
        // 2/3 of 90 minutes is 60: exactly enough at 66 %, not at 67 %.
        assert!(reaches(60, 90, 66));
        assert!(!reaches(60, 90, 67));
        assert!(reaches(0, 0, 80));
        assert!(!reaches(-1, 120, 0));
        assert!(!reaches(i64::MAX, i64::MAX, i64::MAX));
        assert!(reaches(i64::MAX, i64::MAX, 100));
    }
}
