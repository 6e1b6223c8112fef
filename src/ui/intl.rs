//! The reader's local time, written by the browser's own `Intl`: it knows
//! the reader's zone, its short name ("UTC−5", "EST") and the locale's
//! conventions, so none of that data is compiled into the WebAssembly.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use js_sys::Date;
use js_sys::Intl::{
    DateTimeFormatOptions, DayFormat, MonthFormat, NumericFormat, TimeZoneNameFormat,
    WeekdayFormat, YearFormat,
};
use wasm_bindgen::JsValue;

use crate::domain::format::elsewhere;
use crate::i18n::Lang;

/// "jeudi 26 novembre 2026 à 13:00 UTC−5 · 19:00 à Paris": the instant in
/// the reader's zone, then in the formation's when the clocks there differ.
pub fn reader_time(lang: Lang, at: DateTime<Utc>, formation_zone: Tz) -> String {
    let date = Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let locale = lang.code();
    let format = |options: &DateTimeFormatOptions| -> String {
        date.to_locale_string(locale, options.as_ref()).into()
    };

    let full = clock();
    full.set_weekday(WeekdayFormat::Long);
    full.set_day(DayFormat::Numeric);
    full.set_month(MonthFormat::Long);
    full.set_year(YearFormat::Numeric);
    full.set_time_zone_name(TimeZoneNameFormat::Short);
    let here = format(&full);

    // The day is part of the comparison: 19:00 today and 19:00 tomorrow
    // are not the same time.
    let day_and_clock = clock();
    day_and_clock.set_day(DayFormat::Numeric);
    let reader = format(&day_and_clock);
    day_and_clock.set_time_zone(formation_zone.name());
    if format(&day_and_clock) == reader {
        return here;
    }
    let there = clock();
    there.set_time_zone(formation_zone.name());
    format!(
        "{here} · {}",
        elsewhere(lang, &format(&there), formation_zone)
    )
}

/// Hours and minutes the locale's way ("13:00", "1:00 PM").
fn clock() -> DateTimeFormatOptions {
    let options = DateTimeFormatOptions::new();
    options.set_hour(NumericFormat::Numeric);
    options.set_minute(NumericFormat::TwoDigit);
    options
}
