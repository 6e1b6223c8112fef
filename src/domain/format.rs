//! French renderings of dates, times and countdowns. Pure, so the server and
//! the browser print exactly the same text for the same inputs.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};

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

/// "2 h", "1 h 30", "45 min"
pub fn duration_fr(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// The countdown to a session: days, hours and minutes while it is more
/// than an hour away, then minutes and seconds, "En direct" while it runs.
pub fn countdown_fr(starts_at: DateTime<Utc>, duration_minutes: i64, now: DateTime<Utc>) -> String {
    let ends_at = starts_at + Duration::minutes(duration_minutes);
    if now >= ends_at {
        return "Terminée".into();
    }
    if now >= starts_at {
        return "En direct".into();
    }
    let left = (starts_at - now).num_seconds();
    let (d, h, m, s) = (
        left / 86_400,
        left % 86_400 / 3600,
        left % 3600 / 60,
        left % 60,
    );
    if left < 3600 {
        format!("dans {m} min {s:02} s")
    } else if d > 0 {
        format!("dans {d} j {h:02} h {m:02} min")
    } else {
        format!("dans {h} h {m:02} min")
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
        assert_eq!(duration_fr(120), "2 h");
        assert_eq!(duration_fr(90), "1 h 30");
        assert_eq!(duration_fr(45), "45 min");
    }

    #[test]
    fn the_countdown_shows_days_hours_minutes_then_minutes_seconds_then_live() {
        let start = Utc.with_ymd_and_hms(2024, 1, 22, 18, 0, 0).unwrap();
        let before = |secs: i64| start - Duration::seconds(secs);
        assert_eq!(
            countdown_fr(start, 120, before(2 * 86_400 + 4 * 3600 + 12 * 60)),
            "dans 2 j 04 h 12 min"
        );
        assert_eq!(
            countdown_fr(start, 120, before(3 * 3600 + 5 * 60)),
            "dans 3 h 05 min"
        );
        assert_eq!(countdown_fr(start, 120, before(3600)), "dans 1 h 00 min");
        assert_eq!(countdown_fr(start, 120, before(3599)), "dans 59 min 59 s");
        assert_eq!(countdown_fr(start, 120, before(7)), "dans 0 min 07 s");
        assert_eq!(countdown_fr(start, 120, start), "En direct");
        assert_eq!(
            countdown_fr(start, 120, start + Duration::minutes(119)),
            "En direct"
        );
        assert_eq!(
            countdown_fr(start, 120, start + Duration::minutes(120)),
            "Terminée"
        );
    }
}
