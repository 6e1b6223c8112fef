//! Hours attended in words of the reader's language, for the pages, the
//! PDF and the mails alike (dates are `domain::format`'s).

use super::{tr, Lang};
use crate::domain::certificate::hours_and_minutes;

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
    fn hours_read_in_the_language() {
        assert_eq!(hours_words(Lang::Fr, 990), "16 h 30");
        assert_eq!(hours_words(Lang::En, 960), "16 h");
    }
}
