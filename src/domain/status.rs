//! The enrollment lifecycle. The stored status only matters when it says
//! "cancelled": every other status is derived from the dates and today's date
//! in the formation's time zone, so a meeting link never depends on a job
//! having run at midnight.

use crate::domain::zone::Tz;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentStatus {
    Upcoming,
    Active,
    Completed,
    Cancelled,
}

impl EnrollmentStatus {
    pub const ALL: [EnrollmentStatus; 4] = [
        EnrollmentStatus::Upcoming,
        EnrollmentStatus::Active,
        EnrollmentStatus::Completed,
        EnrollmentStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EnrollmentStatus::Upcoming => "upcoming",
            EnrollmentStatus::Active => "active",
            EnrollmentStatus::Completed => "completed",
            EnrollmentStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Result<Self, ErrorCode> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .ok_or_else(|| ErrorCode::UnknownStatus {
                value: value.to_string(),
            })
    }

    /// The French badge text of the spec, for CSV exports and the CLI;
    /// pages show the reader's words, [`Self::label_id`].
    pub fn label(self) -> &'static str {
        match self {
            EnrollmentStatus::Upcoming => "À venir",
            EnrollmentStatus::Active => "En cours",
            EnrollmentStatus::Completed => "Terminée",
            EnrollmentStatus::Cancelled => "Annulée",
        }
    }

    /// The id of the badge text in `locales/*/shared.ftl`.
    pub fn label_id(self) -> &'static str {
        match self {
            EnrollmentStatus::Upcoming => "status-upcoming",
            EnrollmentStatus::Active => "status-active",
            EnrollmentStatus::Completed => "status-completed",
            EnrollmentStatus::Cancelled => "status-cancelled",
        }
    }

    /// Only an active enrollment may ever see the meeting link, id or password.
    pub fn shows_meeting_details(self) -> bool {
        self == EnrollmentStatus::Active
    }
}

/// The status a reader must use, whatever the stored column says.
pub fn effective_status(
    stored: EnrollmentStatus,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> EnrollmentStatus {
    if stored == EnrollmentStatus::Cancelled {
        EnrollmentStatus::Cancelled
    } else if today < start {
        EnrollmentStatus::Upcoming
    } else if today <= end {
        EnrollmentStatus::Active
    } else {
        EnrollmentStatus::Completed
    }
}

/// The calendar date at `now` in the formation's time zone: a formation in
/// Paris starts at midnight in Paris, not at midnight UTC.
pub fn today_in(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// Whole days from `today` to `end`, never negative.
pub fn days_until(today: NaiveDate, end: NaiveDate) -> i64 {
    (end - today).num_days().max(0)
}

/// The three days "today" can be somewhere on Earth at `now`: UTC's, the
/// day before and the day after (zones run from UTC−12 to UTC+14). Counting
/// against these three lets the database count by effective status for
/// every time zone at once, without reading the rows.
pub fn candidate_days(now: DateTime<Utc>) -> [NaiveDate; 3] {
    let utc = now.date_naive();
    [
        utc.pred_opt().unwrap_or(utc),
        utc,
        utc.succ_opt().unwrap_or(utc),
    ]
}

/// A group of enrollments counted by the database against the
/// [`candidate_days`]: how many are cancelled, how many are not, and of
/// those, how many start after and end before each candidate day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateCounts {
    pub cancelled: i64,
    pub live: i64,
    pub start_after: [i64; 3],
    pub end_before: [i64; 3],
}

/// The counts by effective status (upcoming, active, completed, cancelled)
/// of a group whose time zone is at `today`, one of the candidate `days`:
/// the same rule as [`effective_status`], applied to counts. A day outside
/// the three cannot happen; it is read as the nearest.
pub fn counts_on(c: &DateCounts, days: [NaiveDate; 3], today: NaiveDate) -> [i64; 4] {
    let k = days.iter().position(|d| *d >= today).unwrap_or(2);
    let upcoming = c.start_after[k];
    let completed = c.end_before[k];
    [
        upcoming,
        c.live - upcoming - completed,
        completed,
        c.cancelled,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use EnrollmentStatus::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The status, on `today`, of an enrollment from 2024-01-15 to 2024-02-15
    /// stored as `stored`.
    fn on(stored: EnrollmentStatus, today: NaiveDate) -> EnrollmentStatus {
        effective_status(stored, d("2024-01-15"), d("2024-02-15"), today)
    }

    #[test]
    fn the_dates_decide_the_status_not_the_stored_value_unless_cancelled() {
        for (stored, today, expected) in [
            // Upcoming the day before it starts.
            (Active, d("2024-01-14"), Upcoming),
            // Active on its first and last day.
            (Upcoming, d("2024-01-15"), Active),
            (Upcoming, d("2024-02-15"), Active),
            // Completed the day after it ends.
            (Active, d("2024-02-16"), Completed),
            // A stale stored status is ignored.
            (Completed, d("2024-01-20"), Active),
            // A cancelled enrollment stays cancelled whatever the date.
            (Cancelled, d("2024-01-01"), Cancelled),
            (Cancelled, d("2024-01-20"), Cancelled),
            (Cancelled, d("2024-03-01"), Cancelled),
        ] {
            assert_eq!(on(stored, today), expected, "{stored:?} on {today}");
        }
    }

    #[test]
    fn midnight_in_paris_is_already_the_next_day_while_utc_is_still_the_day_before() {
        // 2024-01-14 23:30 UTC is 2024-01-15 00:30 in Paris (UTC+1 in winter).
        let now = Utc.with_ymd_and_hms(2024, 1, 14, 23, 30, 0).unwrap();
        let paris = today_in(crate::domain::zone::PARIS, now);
        let utc = today_in(crate::domain::zone::UTC, now);
        assert_eq!(paris, d("2024-01-15"));
        assert_eq!(utc, d("2024-01-14"));
        assert_eq!(on(Upcoming, paris), Active);
        assert_eq!(on(Upcoming, utc), Upcoming);
    }

    #[test]
    fn the_last_day_ends_at_midnight_in_the_formation_time_zone() {
        // 2024-02-15 23:30 UTC is already 2024-02-16 in Paris: completed there.
        let now = Utc.with_ymd_and_hms(2024, 2, 15, 23, 30, 0).unwrap();
        let paris = today_in(crate::domain::zone::PARIS, now);
        assert_eq!(on(Active, paris), Completed);
    }

    #[test]
    fn only_active_shows_meeting_details() {
        let shown: Vec<_> = EnrollmentStatus::ALL
            .into_iter()
            .filter(|s| s.shows_meeting_details())
            .collect();
        assert_eq!(shown, vec![Active]);
    }

    #[test]
    fn status_text_round_trips_and_unknown_values_name_the_allowed_ones() {
        for s in EnrollmentStatus::ALL {
            assert_eq!(EnrollmentStatus::parse(s.as_str()), Ok(s));
        }
        let err = crate::error::AppError::from(EnrollmentStatus::parse("paused").unwrap_err());
        assert!(err
            .to_string()
            .contains("upcoming, active, completed ou cancelled"));
    }

    #[test]
    fn the_french_words_of_the_pages_are_the_labels_of_exports() {
        use crate::i18n::{lookup, Lang};
        for s in EnrollmentStatus::ALL {
            assert_eq!(
                lookup(Lang::Fr, s.label_id(), &[]).as_deref(),
                Some(s.label())
            );
            assert!(lookup(Lang::En, s.label_id(), &[]).is_some(), "{s:?}");
        }
    }

    #[test]
    fn days_until_end_is_never_negative() {
        assert_eq!(days_until(d("2024-01-21"), d("2024-02-15")), 25);
        assert_eq!(days_until(d("2024-02-20"), d("2024-02-15")), 0);
    }

    #[test]
    fn counts_from_the_candidate_days_agree_with_the_status_of_each_enrollment() {
        let now = Utc.with_ymd_and_hms(2024, 3, 10, 23, 30, 0).unwrap();
        let days = candidate_days(now);
        assert_eq!(days, [d("2024-03-09"), d("2024-03-10"), d("2024-03-11")]);
        let enrollments = [
            (Active, d("2024-03-11"), d("2024-04-01")),
            (Upcoming, d("2024-03-10"), d("2024-03-10")),
            (Active, d("2024-02-01"), d("2024-03-09")),
            (Cancelled, d("2024-03-01"), d("2024-03-30")),
            (Completed, d("2024-03-09"), d("2024-03-11")),
        ];
        let mut c = DateCounts::default();
        for (stored, start, end) in enrollments {
            if stored == Cancelled {
                c.cancelled += 1;
                continue;
            }
            c.live += 1;
            for (k, day) in days.iter().enumerate() {
                c.start_after[k] += i64::from(start > *day);
                c.end_before[k] += i64::from(end < *day);
            }
        }
        // Paris is already on the 11th at 23:30 UTC; New York still on the
        // 10th; Baker Island (UTC−12) on the 10th too.
        for tz in [
            "Europe/Paris",
            "America/New_York",
            "Etc/GMT+12",
            "Pacific/Kiritimati",
        ] {
            let tz: Tz = tz.parse().unwrap();
            let today = today_in(tz, now);
            let mut expected = [0; 4];
            for (stored, start, end) in enrollments {
                let i = match effective_status(stored, start, end, today) {
                    Upcoming => 0,
                    Active => 1,
                    Completed => 2,
                    Cancelled => 3,
                };
                expected[i] += 1;
            }
            assert_eq!(counts_on(&c, days, today), expected, "{tz}");
        }
    }
}
