//! Dates and durations in words of the reader's language, for the pages,
//! the PDF and the mails alike (certificates first).

use chrono::NaiveDate;

use super::{tr, Lang};
use crate::domain::certificate::hours_and_minutes;

/// "15 janvier 2024", "15 January 2024".
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    use chrono::Datelike;
    let months = tr(lang, "certificates-months", &[]);
    let month = months
        .split(',')
        .nth(date.month0() as usize)
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    tr(
        lang,
        "certificates-date",
        &[
            ("day", i64::from(date.day()).into()),
            ("month", (&month).into()),
            ("year", i64::from(date.year()).into()),
        ],
    )
}

/// "6 h 30", "16 h".
pub fn hours_words(lang: Lang, minutes: i64) -> String {
    let (h, m) = hours_and_minutes(minutes);
    if m == 0 {
        tr(lang, "certificates-hours", &[("hours", h.into())])
    } else {
        tr(
            lang,
            "certificates-hours-minutes",
            &[
                ("hours", h.into()),
                ("minutes", format!("{m:02}").as_str().into()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_hours_read_in_the_language() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 5).unwrap();
        assert_eq!(long_date(Lang::Fr, d), "5 février 2024");
        assert_eq!(long_date(Lang::En, d), "5 February 2024");
        assert_eq!(hours_words(Lang::Fr, 990), "16 h 30");
        assert_eq!(hours_words(Lang::En, 960), "16 h");
    }
}
