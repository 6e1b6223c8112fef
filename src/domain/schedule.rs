//! Session series: wall-clock times in the formation's time zone turned into
//! UTC instants, so "19h" stays 19h in Paris across a daylight-saving change.

use crate::domain::zone::Tz;
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

/// The instant at which `time` on `date` happens in `tz`. A wall-clock time
/// skipped by a spring-forward change is moved one hour later, as calendars do.
pub fn local_to_utc(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            let later = naive + chrono::Duration::hours(1);
            tz.from_local_datetime(&later)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&naive))
        }
    }
}

/// Every `time` on the given weekdays from `from` to `to` inclusive, in date
/// order.
pub fn weekly_occurrences(
    tz: Tz,
    weekdays: &[Weekday],
    time: NaiveTime,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<DateTime<Utc>> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| weekdays.contains(&d.weekday()))
        .map(|d| local_to_utc(tz, d, time))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn tuesday_thursday_evenings_from_mid_january_to_mid_february() {
        let t = NaiveTime::from_hms_opt(19, 0, 0).unwrap();
        let all = weekly_occurrences(
            crate::domain::zone::PARIS,
            &[Weekday::Tue, Weekday::Thu],
            t,
            d("2024-01-15"),
            d("2024-02-15"),
        );
        assert_eq!(all.len(), 10);
        assert_eq!(all[0].to_rfc3339(), "2024-01-16T18:00:00+00:00");
        assert_eq!(all[9].to_rfc3339(), "2024-02-15T18:00:00+00:00");
    }

    #[test]
    fn seven_pm_in_paris_moves_one_hour_earlier_in_utc_after_the_spring_change() {
        let t = NaiveTime::from_hms_opt(19, 0, 0).unwrap();
        let all = weekly_occurrences(
            crate::domain::zone::PARIS,
            &[Weekday::Thu],
            t,
            d("2024-03-21"),
            d("2024-04-04"),
        );
        let utc: Vec<_> = all
            .iter()
            .map(|x| x.format("%m-%d %H:%M").to_string())
            .collect();
        assert_eq!(utc, ["03-21 18:00", "03-28 18:00", "04-04 17:00"]);
    }

    #[test]
    fn a_time_skipped_by_the_change_moves_an_hour_later() {
        let at = local_to_utc(
            crate::domain::zone::PARIS,
            d("2024-03-31"),
            NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        );
        assert_eq!(at.to_rfc3339(), "2024-03-31T01:30:00+00:00");
    }
}
