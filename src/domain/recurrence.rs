//! What an admin types to plan sessions: weekdays ("mar, jeu" or "Mar-Jeu"),
//! a wall-clock time ("19h", "19h30", "19:00") and a local date-time from a
//! `datetime-local` input. Pure parsing; the series itself comes from
//! `schedule::weekly_occurrences`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// The weekdays named in `value`, in week order, without duplicates. French
/// and English abbreviations or full names, separated by commas, spaces,
/// slashes or dashes. `None` when nothing or something unknown was typed.
pub fn parse_weekdays(value: &str) -> Option<Vec<Weekday>> {
    let mut days = Vec::new();
    for word in value
        .split([',', ' ', '/', '-', ';', '+'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let word = word.trim_end_matches('.');
        let day = match word {
            "lun" | "lundi" | "lu" | "mon" | "monday" => Weekday::Mon,
            "mar" | "mardi" | "ma" | "tue" | "tuesday" => Weekday::Tue,
            "mer" | "mercredi" | "me" | "wed" | "wednesday" => Weekday::Wed,
            "jeu" | "jeudi" | "je" | "thu" | "thursday" => Weekday::Thu,
            "ven" | "vendredi" | "ve" | "fri" | "friday" => Weekday::Fri,
            "sam" | "samedi" | "sa" | "sat" | "saturday" => Weekday::Sat,
            "dim" | "dimanche" | "di" | "sun" | "sunday" => Weekday::Sun,
            _ => return None,
        };
        if !days.contains(&day) {
            days.push(day);
        }
    }
    days.sort_by_key(|d| d.num_days_from_monday());
    (!days.is_empty()).then_some(days)
}

/// "19h", "19h30", "19:00", "9:05" → the wall-clock time.
pub fn parse_clock_time(value: &str) -> Option<NaiveTime> {
    let value = value.trim().to_lowercase();
    let (h, m) = match value.split_once(['h', ':']) {
        Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
        None => (value.as_str(), "0"),
    };
    // "19:00:00" from some browsers: ignore the seconds.
    let m = m.split(':').next().unwrap_or("0");
    let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    NaiveTime::from_hms_opt(h, m, 0)
}

/// The value of a `datetime-local` input ("2024-01-22T19:00", seconds
/// optional, a space accepted instead of the T).
pub fn parse_local_datetime(value: &str) -> Option<NaiveDateTime> {
    let value = value.trim().replace(' ', "T");
    NaiveDateTime::parse_from_str(&value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&value, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

/// The French short name of a weekday, as the schedule descriptions use it.
pub fn weekday_label(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Lun",
        Weekday::Tue => "Mar",
        Weekday::Wed => "Mer",
        Weekday::Thu => "Jeu",
        Weekday::Fri => "Ven",
        Weekday::Sat => "Sam",
        Weekday::Sun => "Dim",
    }
}

/// The Monday starting the week of `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuesday_and_thursday_can_be_typed_the_way_the_spec_writes_them() {
        let expected = Some(vec![Weekday::Tue, Weekday::Thu]);
        assert_eq!(parse_weekdays("Mar-Jeu"), expected);
        assert_eq!(parse_weekdays("mar, jeu"), expected);
        assert_eq!(parse_weekdays("Jeudi mardi mardi"), expected);
        assert_eq!(parse_weekdays("tue/thu"), expected);
    }

    #[test]
    fn unknown_or_missing_weekdays_are_refused() {
        assert_eq!(parse_weekdays(""), None);
        assert_eq!(parse_weekdays("mar, jour férié"), None);
    }

    #[test]
    fn clock_times_accept_the_french_and_the_iso_forms() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_clock_time("19h"), t(19, 0));
        assert_eq!(parse_clock_time("19h30"), t(19, 30));
        assert_eq!(parse_clock_time("19:00"), t(19, 0));
        assert_eq!(parse_clock_time("09:05:00"), t(9, 5));
        assert_eq!(parse_clock_time("25h"), None);
        assert_eq!(parse_clock_time("soir"), None);
    }

    #[test]
    fn a_datetime_local_value_is_read_with_or_without_seconds() {
        let at = parse_local_datetime("2024-01-22T19:00").unwrap();
        assert_eq!(at.to_string(), "2024-01-22 19:00:00");
        assert!(parse_local_datetime("2024-01-22 19:00:30").is_some());
        assert!(parse_local_datetime("22/01/2024 19:00").is_none());
    }

    #[test]
    fn the_week_starts_on_monday() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 18).unwrap();
        assert_eq!(week_start(d), NaiveDate::from_ymd_opt(2024, 1, 15).unwrap());
    }
}
