//! Renderings of dates, times, durations and countdowns. Pure, so the server
//! and the browser print exactly the same text for the same inputs. Dates
//! are still French whatever the language; durations and countdowns take
//! their words from `locales/*/learner.ftl`.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};

use crate::i18n::{tr, Arg, Lang};

const DAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "15 janvier 2024"
pub fn date_fr(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// "mardi 22 janvier 2024 à 19:00"
pub fn datetime_fr(at: NaiveDateTime) -> String {
    format!(
        "{} {} à {:02}:{:02}",
        DAYS[at.weekday().num_days_from_monday() as usize],
        date_fr(at.date()),
        at.hour(),
        at.minute()
    )
}

/// A session's length in the reader's words: "2 h", "1 h 30", "45 min".
pub fn duration(lang: Lang, minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => tr(lang, "learner-duration-minutes", &[("m", m.into())]),
        (h, 0) => tr(lang, "learner-duration-hours", &[("h", h.into())]),
        (h, m) => tr(
            lang,
            "learner-duration-hours-minutes",
            &[("h", h.into()), ("m", (&format!("{m:02}")).into())],
        ),
    }
}

/// What a session's countdown says: days, hours and minutes while it is
/// more than an hour away, then minutes and seconds, live while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLeft {
    Days { days: i64, hours: i64, minutes: i64 },
    Hours { hours: i64, minutes: i64 },
    Minutes { minutes: i64, seconds: i64 },
    Live,
    Ended,
}

impl TimeLeft {
    pub fn until(starts_at: DateTime<Utc>, duration_minutes: i64, now: DateTime<Utc>) -> TimeLeft {
        let ends_at = starts_at + Duration::minutes(duration_minutes);
        if now >= ends_at {
            return TimeLeft::Ended;
        }
        if now >= starts_at {
            return TimeLeft::Live;
        }
        let left = (starts_at - now).num_seconds();
        let (days, hours, minutes, seconds) = (
            left / 86_400,
            left % 86_400 / 3600,
            left % 3600 / 60,
            left % 60,
        );
        if left < 3600 {
            TimeLeft::Minutes { minutes, seconds }
        } else if days > 0 {
            TimeLeft::Days {
                days,
                hours,
                minutes,
            }
        } else {
            TimeLeft::Hours { hours, minutes }
        }
    }

    /// "dans 2 j 04 h 12 min", "in 59 min 07 s": all but the first number
    /// on two digits, so the text keeps its width while it ticks.
    pub fn words(self, lang: Lang) -> String {
        let two = |n: i64| Arg::from(&format!("{n:02}"));
        match self {
            TimeLeft::Days {
                days,
                hours,
                minutes,
            } => tr(
                lang,
                "learner-countdown-days",
                &[("d", days.into()), ("h", two(hours)), ("m", two(minutes))],
            ),
            TimeLeft::Hours { hours, minutes } => tr(
                lang,
                "learner-countdown-hours",
                &[("h", hours.into()), ("m", two(minutes))],
            ),
            TimeLeft::Minutes { minutes, seconds } => tr(
                lang,
                "learner-countdown-minutes",
                &[("m", minutes.into()), ("s", two(seconds))],
            ),
            TimeLeft::Live => tr(lang, "learner-countdown-live", &[]),
            TimeLeft::Ended => tr(lang, "learner-countdown-ended", &[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_read_the_french_way() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 22).unwrap();
        assert_eq!(date_fr(d), "22 janvier 2024");
        assert_eq!(
            datetime_fr(d.and_hms_opt(19, 5, 0).unwrap()),
            "lundi 22 janvier 2024 à 19:05"
        );
    }

    #[test]
    fn durations_read_in_the_readers_language() {
        for (minutes, fr, en) in [
            (120, "2 h", "2 h"),
            (90, "1 h 30", "1 h 30 min"),
            (65, "1 h 05", "1 h 05 min"),
            (45, "45 min", "45 min"),
        ] {
            assert_eq!(duration(Lang::Fr, minutes), fr);
            assert_eq!(duration(Lang::En, minutes), en);
        }
    }

    #[test]
    fn the_countdown_shows_days_hours_minutes_then_minutes_seconds_then_live() {
        let start = Utc.with_ymd_and_hms(2024, 1, 22, 18, 0, 0).unwrap();
        let before = |secs: i64| start - Duration::seconds(secs);
        let words = |now, lang| TimeLeft::until(start, 120, now).words(lang);
        for (now, fr, en) in [
            (
                before(2 * 86_400 + 4 * 3600 + 12 * 60),
                "dans 2 j 04 h 12 min",
                "in 2 days 04 h 12 min",
            ),
            (
                before(86_400 + 60),
                "dans 1 j 00 h 01 min",
                "in 1 day 00 h 01 min",
            ),
            (
                before(3 * 3600 + 5 * 60),
                "dans 3 h 05 min",
                "in 3 h 05 min",
            ),
            (before(3600), "dans 1 h 00 min", "in 1 h 00 min"),
            (before(3599), "dans 59 min 59 s", "in 59 min 59 s"),
            (before(7), "dans 0 min 07 s", "in 0 min 07 s"),
            (start, "En direct", "Live"),
            (start + Duration::minutes(119), "En direct", "Live"),
            (start + Duration::minutes(120), "Terminée", "Ended"),
        ] {
            assert_eq!(words(now, Lang::Fr), fr);
            assert_eq!(words(now, Lang::En), en);
        }
        assert_eq!(TimeLeft::until(start, 120, start), TimeLeft::Live);
    }
}
