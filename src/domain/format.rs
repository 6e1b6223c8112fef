//! Renderings of dates, times, durations and countdowns in the reader's
//! language. Pure, so the server and the browser print exactly the same
//! text for the same inputs (hydration needs it); the words and the order
//! of the parts come from `locales/*/dates.ftl` (durations and countdowns
//! from `learner.ftl`). An instant is always printed with the zone it is
//! in: one rule, for learner and admin pages alike.

#[cfg(feature = "ssr")]
use std::cell::RefCell;
#[cfg(feature = "ssr")]
use std::collections::HashMap;

use crate::domain::zone::Tz;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};

use crate::i18n::{tr, Arg, Lang};

/// "26 novembre 2026", "November 26, 2026".
///
/// On the server, remembered per thread: each day written is two Fluent
/// messages with arguments (about 3,000 instructions), a learner's page
/// writes a dozen, and they are the same few days from one page to the
/// next (callgrind: 2.3 % of `/user/formations`). Bounded, so a long
/// export of varied days cannot grow it without end. The browser writes a
/// page's days once, where the map would only add to the download.
#[cfg(feature = "ssr")]
pub fn date(lang: Lang, date: NaiveDate) -> String {
    const KEPT: usize = 4096;
    thread_local! {
        static WRITTEN: RefCell<HashMap<(Lang, NaiveDate), String>> = RefCell::default();
    }
    if let Some(words) = WRITTEN.with_borrow(|written| written.get(&(lang, date)).cloned()) {
        return words;
    }
    let words = write_date(lang, date);
    WRITTEN.with_borrow_mut(|written| {
        if written.len() >= KEPT {
            written.clear();
        }
        written.insert((lang, date), words.clone());
    });
    words
}

#[cfg(not(feature = "ssr"))]
pub fn date(lang: Lang, date: NaiveDate) -> String {
    write_date(lang, date)
}

fn write_date(lang: Lang, date: NaiveDate) -> String {
    let month = tr(
        lang,
        "format-month",
        &[("n", i64::from(date.month()).into())],
    );
    tr(
        lang,
        "format-date",
        &[
            ("day", i64::from(date.day()).into()),
            ("month", (&month).into()),
            // As text: a number would be written with the locale's
            // grouping ("2 026").
            ("year", (&date.year().to_string()).into()),
        ],
    )
}

/// "12 nov.", "Nov 12": a day in a grid's heading, never "11-12".
pub fn date_short(lang: Lang, date: NaiveDate) -> String {
    let month = tr(
        lang,
        "format-month-short",
        &[("n", i64::from(date.month()).into())],
    );
    tr(
        lang,
        "format-date-short",
        &[
            ("day", i64::from(date.day()).into()),
            ("month", (&month).into()),
        ],
    )
}

/// "19:00", "7:00 PM".
pub fn time(lang: Lang, at: NaiveDateTime) -> String {
    let hour12 = match at.hour() % 12 {
        0 => 12,
        h => h,
    };
    tr(
        lang,
        "format-time",
        &[
            ("hour24", (&format!("{:02}", at.hour())).into()),
            ("hour12", i64::from(hour12).into()),
            ("minute", (&format!("{:02}", at.minute())).into()),
            ("ampm", if at.hour() < 12 { "am" } else { "pm" }.into()),
        ],
    )
}

/// "jeudi 26 novembre 2026 à 19:00", "Thursday, November 26, 2026, 7:00 PM":
/// a wall-clock time, whose zone the caller names.
pub fn datetime(lang: Lang, at: NaiveDateTime) -> String {
    let weekday = tr(
        lang,
        "format-weekday",
        &[("n", i64::from(at.weekday().number_from_monday()).into())],
    );
    tr(
        lang,
        "format-datetime",
        &[
            ("weekday", (&weekday).into()),
            ("date", (&date(lang, at.date())).into()),
            ("time", (&time(lang, at)).into()),
        ],
    )
}

/// The zone of instants that belong to no formation (an audit entry, a
/// login, a request) before the browser shows them in the reader's own:
/// the platform's home, and the zone of the admin dashboard's week.
pub const PLATFORM_ZONE: Tz = crate::domain::zone::PARIS;

/// An instant as views carry it (`YYYY-MM-DDTHH:MM:SSZ`, RFC 3339).
pub fn parse_instant(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// A day as views carry it (`YYYY-MM-DD`).
pub fn parse_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// The zone of a view's `timezone`. Views carry names the store read and
/// checked, so the fallback (the platform's zone, Paris) is never reached
/// by stored data.
pub fn zone_of(name: &str) -> Tz {
    name.parse().unwrap_or(crate::domain::zone::PARIS)
}

/// The city an IANA zone is named after: "Europe/Paris" → "Paris",
/// "America/Argentina/Buenos_Aires" → "Buenos Aires"; a zone without a
/// city ("UTC") is its own name.
pub fn city(zone: Tz) -> String {
    let name = zone.name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

/// "heure de Paris", "Paris time"; "UTC" for a zone without a city.
pub fn zone(lang: Lang, zone: Tz) -> String {
    if zone.name().contains('/') {
        tr(lang, "format-zone", &[("city", (&city(zone)).into())])
    } else {
        zone.name().to_string()
    }
}

/// An instant in a named zone: "jeudi 26 novembre 2026 à 19:00 (heure de
/// Paris)". What the server renders, as it cannot know the reader's zone;
/// the browser then shows the reader's own (`ui::intl`).
pub fn in_zone(lang: Lang, at: DateTime<Utc>, tz: Tz) -> String {
    tr(
        lang,
        "format-in-zone",
        &[
            (
                "when",
                (&datetime(lang, at.with_timezone(&tz).naive_local())).into(),
            ),
            ("zone", (&zone(lang, tz)).into()),
        ],
    )
}

/// The formation's time after the reader's: "19:00 à Paris".
pub fn elsewhere(lang: Lang, time: &str, tz: Tz) -> String {
    tr(
        lang,
        "format-elsewhere",
        &[("time", time.into()), ("city", (&city(tz)).into())],
    )
}

/// A schedule typed by an admin ("Mar-Jeu, 19h-21h") with the zone its
/// hours are in.
pub fn schedule(lang: Lang, schedule: &str, tz: Tz) -> String {
    tr(
        lang,
        "format-schedule",
        &[
            ("schedule", schedule.into()),
            ("zone", (&zone(lang, tz)).into()),
        ],
    )
}

/// "15 janvier 2024 – 15 février 2024".
pub fn period(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    tr(
        lang,
        "format-period",
        &[
            ("from", (&date(lang, from)).into()),
            ("to", (&date(lang, to)).into()),
        ],
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
    fn a_remembered_day_reads_as_a_fresh_one_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for _ in 0..2 {
            assert_eq!(date(Lang::Fr, d), "26 novembre 2026");
            assert_eq!(date(Lang::En, d), "November 26, 2026");
        }
        // More days than are kept: the words stay those of a fresh write.
        let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        for n in 0..5_000 {
            let day = first + Duration::days(n);
            assert_eq!(date(Lang::En, day), write_date(Lang::En, day));
        }
        assert_eq!(date(Lang::Fr, d), "26 novembre 2026");
    }

    #[test]
    fn dates_and_times_read_in_the_readers_conventions() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let evening = d.and_hms_opt(19, 5, 0).unwrap();
        let morning = d.and_hms_opt(0, 30, 0).unwrap();
        assert_eq!(date(Lang::Fr, d), "26 novembre 2026");
        assert_eq!(date(Lang::En, d), "November 26, 2026");
        assert_eq!(date_short(Lang::Fr, d), "26 nov.");
        assert_eq!(date_short(Lang::En, d), "Nov 26");
        assert_eq!(
            datetime(Lang::Fr, evening),
            "jeudi 26 novembre 2026 à 19:05"
        );
        assert_eq!(
            datetime(Lang::En, evening),
            "Thursday, November 26, 2026, 7:05 PM"
        );
        assert_eq!(time(Lang::Fr, morning), "00:30");
        assert_eq!(time(Lang::En, morning), "12:30 AM");
        assert_eq!(time(Lang::En, d.and_hms_opt(12, 0, 0).unwrap()), "12:00 PM");
        assert_eq!(
            period(Lang::Fr, d, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
            "26 novembre 2026 – 1 janvier 2027"
        );
    }

    #[test]
    fn an_instant_says_which_zone_it_is_in() {
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 18, 0, 0).unwrap();
        let paris = crate::domain::zone::PARIS;
        assert_eq!(
            in_zone(Lang::Fr, at, paris),
            "jeudi 26 novembre 2026 à 19:00 (heure de Paris)"
        );
        assert_eq!(
            in_zone(Lang::En, at, chrono_tz::America::Montreal),
            "Thursday, November 26, 2026, 1:00 PM (Montreal time)"
        );
        assert_eq!(
            in_zone(Lang::Fr, at, crate::domain::zone::UTC),
            "jeudi 26 novembre 2026 à 18:00 (UTC)"
        );
        assert_eq!(
            city(chrono_tz::America::Argentina::Buenos_Aires),
            "Buenos Aires"
        );
        assert_eq!(elsewhere(Lang::Fr, "19:00", paris), "19:00 à Paris");
        assert_eq!(elsewhere(Lang::En, "7:00 PM", paris), "7:00 PM in Paris");
        assert_eq!(
            schedule(Lang::Fr, "Mar-Jeu, 19h-21h", paris),
            "Mar-Jeu, 19h-21h (heure de Paris)"
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
