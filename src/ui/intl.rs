//! The reader's local time, written by the browser's own `Intl`: it knows
//! the reader's zone, its short name ("UTC−5", "EST") and the locale's
//! conventions, so none of that data is compiled into the WebAssembly.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Duration, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use js_sys::Date;
use js_sys::Intl::{
    DateTimeFormat, DateTimeFormatOptions, DayFormat, HourCycle, MonthFormat, NumericFormat,
    SupportedValuesKey, TimeZoneNameFormat, WeekdayFormat, YearFormat,
};
use wasm_bindgen::{JsCast, JsValue};

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

/// A time zone the browser knows, by its IANA name. Its offsets come from
/// `Intl.DateTimeFormat` (the browser's zone database), so none are
/// compiled into the WebAssembly; see `domain::zone`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tz(&'static str);

/// The answer of a name no zone has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownZone;

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown time zone")
    }
}

impl Tz {
    /// A zone every browser has (`Europe/Paris`, `UTC`).
    pub const fn known(name: &'static str) -> Tz {
        Tz(name)
    }

    pub fn name(self) -> &'static str {
        self.0
    }

    /// The wall clock in this zone at a UTC instant, read from the parts
    /// `Intl` writes for it (a 24-hour clock, numbers only).
    fn wall_clock(self, utc: &NaiveDateTime) -> NaiveDateTime {
        let millis = utc.and_utc().timestamp_millis() as f64;
        let parts = with_formatter(self.0, |formatter| {
            formatter.format_to_parts(&Date::new(&JsValue::from_f64(millis)))
        });
        let Some(parts) = parts else {
            return *utc;
        };
        let mut fields = [0u32; 6];
        for part in parts.iter() {
            let get = |key: &str| {
                js_sys::Reflect::get(&part, &JsValue::from_str(key))
                    .ok()
                    .and_then(|v| v.as_string())
            };
            let slot = match get("type").as_deref() {
                Some("year") => 0,
                Some("month") => 1,
                Some("day") => 2,
                Some("hour") => 3,
                Some("minute") => 4,
                Some("second") => 5,
                _ => continue,
            };
            fields[slot] = get("value").and_then(|v| v.parse().ok()).unwrap_or(0);
        }
        let [year, month, day, hour, minute, second] = fields;
        NaiveDate::from_ymd_opt(year as i32, month, day)
            // Some engines write midnight as 24 even with h23.
            .and_then(|date| date.and_hms_opt(hour % 24, minute, second))
            .map(|local| {
                if hour == 24 {
                    local + Duration::days(1)
                } else {
                    local
                }
            })
            .unwrap_or(*utc)
    }

    fn offset_at(self, utc: &NaiveDateTime) -> ZoneOffset {
        let seconds = (self.wall_clock(utc) - *utc).num_seconds();
        ZoneOffset {
            zone: self,
            fixed: FixedOffset::east_opt(seconds as i32)
                .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero is an offset")),
        }
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl FromStr for Tz {
    type Err = UnknownZone;

    /// A name `Intl` accepts; each is kept for the page's lifetime (a page
    /// shows a handful of zones).
    fn from_str(name: &str) -> Result<Tz, UnknownZone> {
        let known = FORMATTERS.with_borrow(|known| known.keys().find(|k| **k == name).copied());
        let name = match known {
            Some(name) => name,
            None => Box::leak(name.to_string().into_boxed_str()),
        };
        with_formatter(name, |_| ())
            .map(|()| Tz(name))
            .ok_or(UnknownZone)
    }
}

/// The offset of a zone at one instant, remembering the zone (chrono's
/// `TimeZone::from_offset` rebuilds the zone from it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Tz,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fixed.fmt(f)
    }
}

impl TimeZone for Tz {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Tz {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    /// The offsets a day either side are the only candidates (zones change
    /// at most once a day): those that give back `local` are the answers,
    /// none in a gap (spring forward), two in an overlap (fall back).
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        let day = Duration::days(1);
        let mut found: Vec<ZoneOffset> = Vec::with_capacity(2);
        for probe in [*local - day, *local + day] {
            let candidate = self.offset_at(&probe);
            let utc = *local - Duration::seconds(i64::from(candidate.fixed.local_minus_utc()));
            let actual = self.offset_at(&utc);
            if actual == candidate && !found.contains(&candidate) {
                found.push(candidate);
            }
        }
        // The earlier instant has the larger offset.
        found.sort_by_key(|o| std::cmp::Reverse(o.fixed.local_minus_utc()));
        match found[..] {
            [] => MappedLocalTime::None,
            [one] => MappedLocalTime::Single(one),
            [earlier, later, ..] => MappedLocalTime::Ambiguous(earlier, later),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_at(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset_at(utc)
    }
}

thread_local! {
    /// One `Intl.DateTimeFormat` per zone: making one is the slow part.
    static FORMATTERS: RefCell<HashMap<&'static str, DateTimeFormat>> = RefCell::default();
}

/// Runs `f` with the zone's formatter, made on first use; `None` when the
/// browser has no such zone (`Intl` throws a `RangeError`).
fn with_formatter<T>(name: &'static str, f: impl FnOnce(&DateTimeFormat) -> T) -> Option<T> {
    FORMATTERS.with_borrow_mut(|formatters| {
        if !formatters.contains_key(name) {
            let options = DateTimeFormatOptions::new();
            options.set_time_zone(name);
            options.set_hour_cycle(HourCycle::H23);
            options.set_year(YearFormat::Numeric);
            options.set_month(MonthFormat::Numeric);
            options.set_day(DayFormat::Numeric);
            options.set_hour(NumericFormat::Numeric);
            options.set_minute(NumericFormat::Numeric);
            options.set_second(NumericFormat::Numeric);
            let constructor: js_sys::Function = js_sys::Reflect::get(
                &js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?,
                &JsValue::from_str("DateTimeFormat"),
            )
            .ok()?
            .dyn_into()
            .ok()?;
            let args = js_sys::Array::of2(&js_sys::Array::of1(&"en-US".into()), options.as_ref());
            let formatter = js_sys::Reflect::construct(&constructor, &args).ok()?;
            formatters.insert(name, formatter.unchecked_into());
        }
        formatters.get(name).map(f)
    })
}

/// The zones this browser knows (`Intl.supportedValuesOf`), `UTC` included.
pub fn zone_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> =
        js_sys::Intl::supported_values_of(SupportedValuesKey::TimeZone)
            .iter()
            .filter_map(|name| name.as_string())
            .map(|name| &*Box::leak(name.into_boxed_str()))
            .collect();
    if !names.contains(&"UTC") {
        names.push("UTC");
    }
    names
}
