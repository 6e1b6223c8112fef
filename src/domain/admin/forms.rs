//! What the admin forms accept: each field typed as text, checked into a
//! value or refused with the [`ErrorCode`] of its field. A form checks every
//! field before answering, so the admin sees every refusal at once.

use crate::domain::zone::Tz;
use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::domain::formation::{self, FormationInfo, Level, Platform};
use crate::domain::recurrence;
use crate::error::ErrorCode;

/// The refusals of one form, gathered field by field.
#[derive(Debug, Default)]
pub struct Refusals(Vec<ErrorCode>);

impl Refusals {
    /// The value of a field's check, or `fallback` (never stored: the form
    /// is refused) once its refusal is noted.
    pub fn take<T>(&mut self, checked: Result<T, ErrorCode>, fallback: T) -> T {
        checked.unwrap_or_else(|code| {
            self.0.push(code);
            fallback
        })
    }

    /// The same for a check that reports several refusals (a period).
    pub fn take_all<T>(&mut self, checked: Result<T, Vec<ErrorCode>>, fallback: T) -> T {
        checked.unwrap_or_else(|codes| {
            self.0.extend(codes);
            fallback
        })
    }

    pub fn add(&mut self, code: ErrorCode) {
        self.0.push(code);
    }

    /// `value` when nothing was refused, else every refusal.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<ErrorCode>> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.0)
        }
    }
}

/// A date field: empty is `missing`, unreadable `invalid`.
pub fn check_date(
    value: &str,
    missing: ErrorCode,
    invalid: ErrorCode,
) -> Result<NaiveDate, ErrorCode> {
    match value.trim() {
        "" => Err(missing),
        typed => NaiveDate::parse_from_str(typed, "%Y-%m-%d").map_err(|_| invalid),
    }
}

/// A formation's fields as typed in the admin form.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormationInput {
    pub name: String,
    pub description: String,
    pub level: String,
    pub platform: String,
    pub meeting_link: String,
    pub meeting_id: String,
    pub meeting_password: String,
    pub instructor_name: String,
    pub schedule_description: String,
    pub timezone: String,
    /// Percent of the sessions a learner must attend for the certificate.
    pub certificate_min_attendance: String,
    /// Percent of a séance a learner must attend in Zoom's records or an
    /// imported report to be marked present.
    pub zoom_min_presence: String,
    /// "Créer les réunions Zoom automatiquement" (a checkbox).
    pub zoom_auto_meetings: bool,
    /// What the catalogue announces, as typed.
    pub offer: OfferInput,
}
crate::debug_redacted!(FormationInput { name, description, level, platform, instructor_name, schedule_description, timezone, certificate_min_attendance, zoom_min_presence, zoom_auto_meetings, offer } hide { meeting_link, meeting_id, meeting_password });

/// A formation's fields once checked.
#[derive(Clone, PartialEq)]
pub struct FormationFields {
    pub info: FormationInfo,
    pub meeting_link: String,
    pub meeting_id: Option<String>,
    pub meeting_password: Option<String>,
    pub timezone: Tz,
    /// 0–100: the attendance (percent) the certificate asks for.
    pub certificate_min_attendance: i64,
    /// 0–100: the share of a séance (percent) Zoom's records or an imported
    /// report must show for a learner to be marked present.
    pub zoom_min_presence: i64,
    /// Each séance gets its own Zoom meeting, made by the platform.
    pub zoom_auto_meetings: bool,
    pub offer: Offer,
}
crate::debug_redacted!(FormationFields { info, timezone, certificate_min_attendance, zoom_min_presence, zoom_auto_meetings, offer } hide { meeting_link, meeting_id, meeting_password });

/// What the catalogue announces of a formation, as the admin form types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferInput {
    /// "450", "450,50"; empty is free.
    pub price: String,
    pub currency: String,
    /// `YYYY-MM-DD`, both or neither.
    pub starts_on: String,
    pub ends_on: String,
    /// Places offered; empty is not limited.
    pub seats: String,
    pub payment_instructions: String,
}

/// What the catalogue announces of a formation, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    /// `None`: free.
    pub price: Option<crate::domain::price::Price>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// `None`: not limited.
    pub seats: Option<i64>,
    /// Shown to a learner after they ask (bank transfer details…).
    pub payment_instructions: String,
}

/// The longest payment instructions.
pub const MAX_PAYMENT_INSTRUCTIONS: usize = 2000;

impl OfferInput {
    /// Every field checked; all refusals at once.
    pub fn check(&self) -> Result<Offer, Vec<ErrorCode>> {
        use crate::domain::price::{parse, PriceError};
        let mut refusals = Refusals::default();
        let price = refusals.take(
            parse(&self.price, &self.currency).map_err(|e| match e {
                PriceError::Amount => ErrorCode::PriceAmount,
                PriceError::Currency => ErrorCode::PriceCurrency,
            }),
            None,
        );
        // Both dates or neither: one alone names the other as missing.
        let (starts_on, ends_on) = match (self.starts_on.trim(), self.ends_on.trim()) {
            ("", "") => (None, None),
            (start, end) => {
                let start = refusals.take(
                    check_date(start, ErrorCode::OfferStartMissing, ErrorCode::OfferStart)
                        .map(Some),
                    None,
                );
                let end = refusals.take(
                    check_date(end, ErrorCode::OfferEndMissing, ErrorCode::OfferEnd).map(Some),
                    None,
                );
                if let (Some(start), Some(end)) = (start, end) {
                    if end < start {
                        refusals.add(ErrorCode::OfferEndBeforeStart);
                    }
                }
                (start, end)
            }
        };
        let seats = refusals.take(
            match self.seats.trim() {
                "" => Ok(None),
                t => t
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=100_000).contains(n))
                    .map(Some)
                    .ok_or(ErrorCode::Seats),
            },
            None,
        );
        let payment_instructions = self.payment_instructions.trim().replace("\r\n", "\n");
        if payment_instructions.chars().count() > MAX_PAYMENT_INSTRUCTIONS {
            refusals.add(ErrorCode::PaymentInstructionsTooLong);
        }
        refusals.finish(|| Offer {
            price,
            starts_on,
            ends_on,
            seats,
            payment_instructions,
        })
    }
}

impl Offer {
    /// The offer as the form shows it back.
    pub fn input(&self, lang: crate::domain::language::Lang) -> OfferInput {
        OfferInput {
            price: self
                .price
                .as_ref()
                .map(|p| p.amount_text(lang))
                .unwrap_or_default(),
            currency: self
                .price
                .as_ref()
                .map(|p| p.currency.clone())
                .unwrap_or_else(|| "EUR".into()),
            starts_on: self.starts_on.map(|d| d.to_string()).unwrap_or_default(),
            ends_on: self.ends_on.map(|d| d.to_string()).unwrap_or_default(),
            seats: self.seats.map(|n| n.to_string()).unwrap_or_default(),
            payment_instructions: self.payment_instructions.clone(),
        }
    }
}

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The meeting link check of `formation`, with the admin form's codes.
pub fn check_meeting_link(platform: Platform, value: &str) -> Result<String, ErrorCode> {
    formation::parse_meeting_link(platform, value).map_err(|err| {
        if value.trim().chars().count() > formation::MAX_LINK_CHARS {
            ErrorCode::MeetingLinkTooLong
        } else if matches!(err, ErrorCode::NotHttps { .. }) {
            ErrorCode::MeetingLinkNotHttps
        } else {
            ErrorCode::meeting_link_host(platform)
        }
    })
}

pub fn check_recording_link(value: &str) -> Result<Option<String>, ErrorCode> {
    match optional(value) {
        None => Ok(None),
        Some(v) => formation::parse_recording_link(&v)
            .map(Some)
            .map_err(|_| ErrorCode::RecordingLink),
    }
}

impl FormationInput {
    /// Checks every field; every problem found is reported on its field.
    pub fn check(&self) -> Result<FormationFields, Vec<ErrorCode>> {
        let mut r = Refusals::default();
        let name = r.take(
            formation::parse_required("name", &self.name, 200)
                .map_err(|_| ErrorCode::FormationName),
            String::new(),
        );
        let level = r.take(
            Level::parse(&self.level).map_err(|_| ErrorCode::LevelMissing),
            Level::Beginner,
        );
        let platform = Platform::parse(&self.platform).map_err(|_| ErrorCode::PlatformMissing);
        let meeting_link = match &platform {
            Ok(platform) if self.zoom_auto_meetings && *platform != Platform::Zoom => {
                r.add(ErrorCode::ZoomAutoNotZoom);
                String::new()
            }
            // With automatic meetings each séance has its own link: the
            // formation's becomes optional.
            Ok(_) if self.zoom_auto_meetings && self.meeting_link.trim().is_empty() => {
                String::new()
            }
            Ok(platform) => r.take(
                check_meeting_link(*platform, &self.meeting_link),
                String::new(),
            ),
            // Without a platform the link cannot be judged: only its field's
            // other refusal (the platform's) is shown.
            Err(_) => String::new(),
        };
        let platform = r.take(platform, Platform::Zoom);
        let instructor_name = r.take(
            formation::parse_required("instructor_name", &self.instructor_name, 200)
                .map_err(|_| ErrorCode::InstructorName),
            String::new(),
        );
        let schedule_description = r.take(
            formation::parse_required("schedule_description", &self.schedule_description, 200)
                .map_err(|_| ErrorCode::ScheduleDescription),
            String::new(),
        );
        let description = r.take(
            formation::parse_optional(
                "description",
                &self.description,
                formation::MAX_DESCRIPTION_CHARS,
            )
            .map_err(|_| ErrorCode::DescriptionTooLong),
            None,
        );
        let meeting_id = r.take(
            formation::parse_optional(
                "meeting_id",
                &self.meeting_id,
                formation::MAX_MEETING_CODE_CHARS,
            )
            .map_err(|_| ErrorCode::MeetingIdTooLong),
            None,
        );
        let meeting_password = r.take(
            formation::parse_optional(
                "meeting_password",
                &self.meeting_password,
                formation::MAX_MEETING_CODE_CHARS,
            )
            .map_err(|_| ErrorCode::MeetingPasswordTooLong),
            None,
        );
        let timezone = if self.timezone.trim().is_empty() {
            crate::domain::zone::PARIS
        } else {
            r.take(
                formation::parse_timezone(&self.timezone).map_err(|_| ErrorCode::TimezoneUnknown),
                crate::domain::zone::PARIS,
            )
        };
        let certificate_min_attendance = r.take(
            crate::domain::certificate::parse_min_attendance(&self.certificate_min_attendance),
            0,
        );
        let zoom_min_presence = r.take(
            crate::domain::attendance::parse_min_presence(&self.zoom_min_presence),
            0,
        );
        let offer = r.take_all(self.offer.check(), Offer::default());
        r.finish(|| FormationFields {
            info: FormationInfo {
                name,
                description: description.unwrap_or_default(),
                level,
                platform,
                instructor_name,
                schedule_description,
            },
            meeting_link,
            meeting_id,
            meeting_password,
            timezone,
            certificate_min_attendance,
            zoom_min_presence,
            zoom_auto_meetings: self.zoom_auto_meetings,
            offer,
        })
    }
}

/// A series of sessions as typed in the admin form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesInput {
    pub weekdays: String,
    pub start_time: String,
    pub duration_minutes: String,
    pub from_date: String,
    pub to_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub weekdays: Vec<Weekday>,
    pub start_time: NaiveTime,
    pub duration_minutes: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The séances of `others` (name, number, start, minutes) that a séance
/// from `start` for `minutes` overlaps.
pub fn overlapping(
    start: chrono::DateTime<chrono::Utc>,
    minutes: i64,
    others: &[(String, i64, chrono::DateTime<chrono::Utc>, i64)],
) -> Vec<(String, i64)> {
    let end = start + chrono::Duration::minutes(minutes);
    others
        .iter()
        .filter(|(_, _, at, m)| *at < end && start < *at + chrono::Duration::minutes(*m))
        .map(|(name, number, _, _)| (name.clone(), *number))
        .collect()
}

pub fn check_duration(value: &str) -> Result<i64, ErrorCode> {
    let minutes = value
        .trim()
        .parse::<i64>()
        .map_err(|_| ErrorCode::Duration)?;
    check_duration_minutes(minutes)?;
    Ok(minutes)
}

/// A séance lasts from one minute to a day.
pub fn check_duration_minutes(minutes: i64) -> Result<(), ErrorCode> {
    if (1..=1440).contains(&minutes) {
        Ok(())
    } else {
        Err(ErrorCode::Duration)
    }
}

/// Séances are numbered from 1.
pub fn check_session_number(number: i64) -> Result<(), ErrorCode> {
    if number >= 1 {
        Ok(())
    } else {
        Err(ErrorCode::SeanceNumber)
    }
}

/// An enrollment ends on or after its first day and counts no negative
/// number of séances.
pub fn check_enrollment(
    start: NaiveDate,
    end: NaiveDate,
    total: Option<i64>,
) -> Result<(), ErrorCode> {
    if end < start {
        return Err(ErrorCode::EndBeforeStart);
    }
    if total.is_some_and(|n| n < 0) {
        return Err(ErrorCode::TotalSessions);
    }
    Ok(())
}

pub fn check_title(value: &str) -> Result<String, ErrorCode> {
    formation::parse_required("title", value, 200).map_err(|_| ErrorCode::SeanceTitle)
}

/// The codes of a period's fields: (missing, invalid) for its start and its
/// end, then the end before the start.
pub struct PeriodCodes {
    pub start: (ErrorCode, ErrorCode),
    pub end: (ErrorCode, ErrorCode),
    pub end_before_start: ErrorCode,
}

/// The codes of an enrollment's period, for [`check_period`].
pub const ENROLLMENT_PERIOD: PeriodCodes = PeriodCodes {
    start: (ErrorCode::StartDateMissing, ErrorCode::StartDate),
    end: (ErrorCode::EndDateMissing, ErrorCode::EndDate),
    end_before_start: ErrorCode::EndBeforeStart,
};

/// Start and end dates of an enrollment or a series, end not before start;
/// both dates are checked, every refusal reported.
pub fn check_period(
    start: &str,
    end: &str,
    codes: PeriodCodes,
) -> Result<(NaiveDate, NaiveDate), Vec<ErrorCode>> {
    let mut r = Refusals::default();
    let start = r.take(
        check_date(start, codes.start.0, codes.start.1).map(Some),
        None,
    );
    let end = r.take(check_date(end, codes.end.0, codes.end.1).map(Some), None);
    match (start, end) {
        (Some(start), Some(end)) if end < start => Err(vec![codes.end_before_start]),
        (Some(start), Some(end)) => r.finish(|| (start, end)),
        // A date left out or unreadable: its refusal is noted.
        _ => Err(r.0),
    }
}

impl SeriesInput {
    /// Every field checked; all refusals at once.
    pub fn check(&self) -> Result<Series, Vec<ErrorCode>> {
        let mut r = Refusals::default();
        let weekdays = r.take(
            recurrence::parse_weekdays(&self.weekdays).ok_or(ErrorCode::Weekdays),
            Vec::new(),
        );
        let start_time = r.take(
            match self.start_time.trim() {
                "" => Err(ErrorCode::StartTimeMissing),
                typed => recurrence::parse_clock_time(typed).ok_or(ErrorCode::StartTime),
            },
            NaiveTime::MIN,
        );
        let duration_minutes = r.take(
            match self.duration_minutes.trim() {
                "" => Err(ErrorCode::DurationMissing),
                typed => check_duration(typed),
            },
            0,
        );
        let period = check_period(
            &self.from_date,
            &self.to_date,
            PeriodCodes {
                start: (ErrorCode::SeriesFromMissing, ErrorCode::SeriesFrom),
                end: (ErrorCode::SeriesToMissing, ErrorCode::SeriesTo),
                end_before_start: ErrorCode::SeriesToBeforeFrom,
            },
        );
        let (from, to) = r.take_all(period, (NaiveDate::MIN, NaiveDate::MIN));
        if (to - from).num_days() > 3 * 366 {
            r.add(ErrorCode::SeriesTooLong);
        }
        r.finish(|| Series {
            weekdays,
            start_time,
            duration_minutes,
            from,
            to,
        })
    }
}

/// An optional count typed in a form: empty means "use the default".
pub fn check_total_sessions(value: &str) -> Result<Option<i64>, ErrorCode> {
    match value.trim() {
        "" => Ok(None),
        v => v
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or(ErrorCode::TotalSessions),
    }
}

/// A destructive action is done only when its "Je confirme" box was ticked.
pub fn check_confirmed(value: Option<&str>) -> Result<(), ErrorCode> {
    match value.map(str::trim) {
        Some("on" | "1" | "true" | "oui") => Ok(()),
        _ => Err(ErrorCode::ConfirmUnchecked),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> FormationInput {
        FormationInput {
            name: "Formation Advanced".into(),
            description: "Stratégies avancées".into(),
            level: "intermediate".into(),
            platform: "zoom".into(),
            meeting_link: "https://zoom.us/j/123456789".into(),
            meeting_id: " 123 456 789 ".into(),
            meeting_password: "".into(),
            instructor_name: "John Doe".into(),
            schedule_description: "Mar-Jeu, 19h-21h".into(),
            timezone: "Europe/Paris".into(),
            certificate_min_attendance: "".into(),
            zoom_min_presence: "".into(),
            zoom_auto_meetings: false,
            offer: OfferInput::default(),
        }
    }

    #[test]
    fn overlaps_are_strict_a_seance_ending_at_the_next_start_is_fine() {
        use chrono::{TimeZone, Utc};
        let at = Utc.with_ymd_and_hms(2027, 1, 5, 18, 0, 0).unwrap();
        let others = vec![
            ("A".to_string(), 1, at + chrono::Duration::minutes(120), 60),
            ("B".to_string(), 2, at + chrono::Duration::minutes(60), 30),
            ("C".to_string(), 3, at - chrono::Duration::minutes(30), 30),
        ];
        assert_eq!(overlapping(at, 120, &others), vec![("B".to_string(), 2)]);
    }

    #[test]
    fn automatic_meetings_make_the_link_optional_on_zoom_only() {
        let mut i = input();
        i.meeting_link = " ".into();
        assert!(i.check().is_err());
        i.zoom_auto_meetings = true;
        let f = i.check().unwrap();
        assert!(f.zoom_auto_meetings);
        assert_eq!(f.meeting_link, "");
        i.meeting_link = "https://meet.google.com/abc-defg-hij".into();
        assert!(i.check().is_err(), "a link given is still checked");
        i.platform = "google_meet".into();
        assert_eq!(i.check().unwrap_err(), vec![ErrorCode::ZoomAutoNotZoom]);
    }

    #[test]
    fn a_complete_formation_form_is_accepted_and_trimmed() {
        let f = input().check().unwrap();
        assert_eq!(f.meeting_id.as_deref(), Some("123 456 789"));
        assert_eq!(f.meeting_password, None);
        assert_eq!(f.timezone, crate::domain::zone::PARIS);
    }

    #[test]
    fn a_meeting_link_on_another_platform_is_refused_on_its_field_in_french() {
        let mut i = input();
        i.platform = "google_meet".into();
        let err = i.check().unwrap_err();
        assert_eq!(err[0].field(), Some("meeting_link"));
        assert_eq!(
            crate::error::AppError::from(err).to_string(),
            "Un lien Google Meet doit être sur meet.google.com."
        );
        i.meeting_link = "http://meet.google.com/abc".into();
        assert_eq!(i.check().unwrap_err(), vec![ErrorCode::MeetingLinkNotHttps]);
    }

    #[test]
    fn a_series_needs_weekdays_a_time_and_an_ordered_period() {
        let ok = SeriesInput {
            weekdays: "Mar-Jeu".into(),
            start_time: "19:00".into(),
            duration_minutes: "120".into(),
            from_date: "2024-01-15".into(),
            to_date: "2024-02-15".into(),
        };
        assert_eq!(
            ok.check().unwrap().weekdays,
            vec![Weekday::Tue, Weekday::Thu]
        );
        let mut bad = ok.clone();
        bad.to_date = "2024-01-01".into();
        assert_eq!(bad.check().unwrap_err()[0].field(), Some("to_date"));
        let mut bad = ok.clone();
        bad.duration_minutes = "0".into();
        assert_eq!(
            bad.check().unwrap_err()[0].field(),
            Some("duration_minutes")
        );
    }

    #[test]
    fn a_form_reports_every_refused_field_at_once() {
        let mut i = input();
        i.name = " ".into();
        i.timezone = "Mars/Olympus".into();
        i.offer.starts_on = "2027-01-10".into();
        i.offer.seats = "0".into();
        assert_eq!(
            i.check().unwrap_err(),
            vec![
                ErrorCode::FormationName,
                ErrorCode::TimezoneUnknown,
                ErrorCode::OfferEndMissing,
                ErrorCode::Seats,
            ]
        );
        let err = crate::error::AppError::from(i.check().unwrap_err());
        assert_eq!(err.status_code(), 422);
        assert_eq!(
            err.for_field(Some("ends_on")).unwrap().to_string(),
            "La date de fin est obligatoire quand une date de début est donnée."
        );
        assert!(err.for_field(Some("description")).is_none());
        // Through a redirect and back, each field keeps its message.
        let back = crate::error::AppError::from_form_code(&err.form_code());
        assert_eq!(back, err);
    }

    #[test]
    fn an_empty_date_is_required_and_a_wrong_one_invalid() {
        let series = SeriesInput {
            weekdays: "".into(),
            start_time: "".into(),
            duration_minutes: "".into(),
            from_date: "".into(),
            to_date: "2024-13-45".into(),
        };
        assert_eq!(
            series.check().unwrap_err(),
            vec![
                ErrorCode::Weekdays,
                ErrorCode::StartTimeMissing,
                ErrorCode::DurationMissing,
                ErrorCode::SeriesFromMissing,
                ErrorCode::SeriesTo,
            ]
        );
        assert_eq!(
            check_period("", "", ENROLLMENT_PERIOD).unwrap_err(),
            vec![ErrorCode::StartDateMissing, ErrorCode::EndDateMissing]
        );
        assert_eq!(
            check_period("2024-02-01", "2024-01-01", ENROLLMENT_PERIOD).unwrap_err(),
            vec![ErrorCode::EndBeforeStart]
        );
        assert_eq!(
            crate::error::AppError::from(ErrorCode::SeriesFromMissing).to_string(),
            "La date de début de la série est obligatoire."
        );
    }

    #[test]
    fn the_time_zones_offered_are_places_then_utc() {
        let zones = crate::domain::formation::timezone_choices();
        assert!(zones.contains(&"Europe/Paris") && zones.contains(&"America/Montreal"));
        assert!(!zones
            .iter()
            .any(|z| z.starts_with("US/") || z.starts_with("Etc/")));
        assert_eq!(zones.last(), Some(&"UTC"));
        assert!(zones
            .iter()
            .all(|z| crate::domain::formation::parse_timezone(z).is_ok()));
    }

    #[test]
    fn destructive_actions_need_the_confirmation_box() {
        assert!(check_confirmed(Some("on")).is_ok());
        assert_eq!(check_confirmed(None).unwrap_err().field(), Some("confirm"));
        assert_eq!(
            check_confirmed(Some("")).unwrap_err().field(),
            Some("confirm")
        );
    }
}
