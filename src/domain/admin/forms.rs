//! What the admin forms accept: each field typed as text, checked into a
//! value or refused with the [`ErrorCode`] of its field.

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::formation::{self, FormationInfo, Level, Platform};
use crate::domain::recurrence;
use crate::error::ErrorCode;

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
    pub fn check(&self) -> Result<Offer, ErrorCode> {
        use crate::domain::price::{parse, PriceError};
        let price = parse(&self.price, &self.currency).map_err(|e| match e {
            PriceError::Amount => ErrorCode::PriceAmount,
            PriceError::Currency => ErrorCode::PriceCurrency,
        })?;
        let date = |typed: &str, code: ErrorCode| match typed.trim() {
            "" => Ok(None),
            t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| code),
        };
        let starts_on = date(&self.starts_on, ErrorCode::OfferStart)?;
        let ends_on = date(&self.ends_on, ErrorCode::OfferEnd)?;
        match (starts_on, ends_on) {
            (Some(start), Some(end)) if end < start => return Err(ErrorCode::OfferEndBeforeStart),
            (Some(_), None) => return Err(ErrorCode::OfferEnd),
            (None, Some(_)) => return Err(ErrorCode::OfferStart),
            _ => {}
        }
        let seats = match self.seats.trim() {
            "" => None,
            t => Some(
                t.parse::<i64>()
                    .ok()
                    .filter(|n| (1..=100_000).contains(n))
                    .ok_or(ErrorCode::Seats)?,
            ),
        };
        let payment_instructions = self.payment_instructions.trim().replace("\r\n", "\n");
        if payment_instructions.chars().count() > MAX_PAYMENT_INSTRUCTIONS {
            return Err(ErrorCode::PaymentInstructionsTooLong);
        }
        Ok(Offer {
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
    /// Checks every field; the first problem found is reported on its field.
    pub fn check(&self) -> Result<FormationFields, ErrorCode> {
        let name = formation::parse_required("name", &self.name, 200)
            .map_err(|_| ErrorCode::FormationName)?;
        let level = Level::parse(&self.level).map_err(|_| ErrorCode::LevelMissing)?;
        let platform = Platform::parse(&self.platform).map_err(|_| ErrorCode::PlatformMissing)?;
        if self.zoom_auto_meetings && platform != Platform::Zoom {
            return Err(ErrorCode::ZoomAutoNotZoom);
        }
        // With automatic meetings each séance has its own link: the
        // formation's becomes optional.
        let meeting_link = if self.zoom_auto_meetings && self.meeting_link.trim().is_empty() {
            String::new()
        } else {
            check_meeting_link(platform, &self.meeting_link)?
        };
        let instructor_name =
            formation::parse_required("instructor_name", &self.instructor_name, 200)
                .map_err(|_| ErrorCode::InstructorName)?;
        let schedule_description =
            formation::parse_required("schedule_description", &self.schedule_description, 200)
                .map_err(|_| ErrorCode::ScheduleDescription)?;
        let description = formation::parse_optional(
            "description",
            &self.description,
            formation::MAX_DESCRIPTION_CHARS,
        )
        .map_err(|_| ErrorCode::DescriptionTooLong)?
        .unwrap_or_default();
        let meeting_id = formation::parse_optional(
            "meeting_id",
            &self.meeting_id,
            formation::MAX_MEETING_CODE_CHARS,
        )
        .map_err(|_| ErrorCode::MeetingIdTooLong)?;
        let meeting_password = formation::parse_optional(
            "meeting_password",
            &self.meeting_password,
            formation::MAX_MEETING_CODE_CHARS,
        )
        .map_err(|_| ErrorCode::MeetingPasswordTooLong)?;
        let timezone = if self.timezone.trim().is_empty() {
            chrono_tz::Europe::Paris
        } else {
            formation::parse_timezone(&self.timezone).map_err(|_| ErrorCode::TimezoneUnknown)?
        };
        let certificate_min_attendance =
            crate::domain::certificate::parse_min_attendance(&self.certificate_min_attendance)?;
        let zoom_min_presence =
            crate::domain::attendance::parse_min_presence(&self.zoom_min_presence)?;
        Ok(FormationFields {
            info: FormationInfo {
                name,
                description,
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
            offer: self.offer.check()?,
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

/// The codes of an enrollment's period, for [`check_period`].
pub const ENROLLMENT_PERIOD: [ErrorCode; 3] = [
    ErrorCode::StartDate,
    ErrorCode::EndDate,
    ErrorCode::EndBeforeStart,
];

/// Start and end dates of an enrollment or a series, end not before start.
pub fn check_period(
    start: &str,
    end: &str,
    codes: [ErrorCode; 3],
) -> Result<(NaiveDate, NaiveDate), ErrorCode> {
    let [bad_start, bad_end, end_before_start] = codes;
    let start = formation::parse_date("start", start).map_err(|_| bad_start)?;
    let end = formation::parse_date("end", end).map_err(|_| bad_end)?;
    if end < start {
        return Err(end_before_start);
    }
    Ok((start, end))
}

impl SeriesInput {
    pub fn check(&self) -> Result<Series, ErrorCode> {
        let weekdays = recurrence::parse_weekdays(&self.weekdays).ok_or(ErrorCode::Weekdays)?;
        let start_time =
            recurrence::parse_clock_time(&self.start_time).ok_or(ErrorCode::StartTime)?;
        let duration_minutes = check_duration(&self.duration_minutes)?;
        let (from, to) = check_period(
            &self.from_date,
            &self.to_date,
            [
                ErrorCode::SeriesFrom,
                ErrorCode::SeriesTo,
                ErrorCode::SeriesToBeforeFrom,
            ],
        )?;
        if (to - from).num_days() > 3 * 366 {
            return Err(ErrorCode::SeriesTooLong);
        }
        Ok(Series {
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
        assert_eq!(i.check().unwrap_err(), ErrorCode::ZoomAutoNotZoom);
    }

    #[test]
    fn a_complete_formation_form_is_accepted_and_trimmed() {
        let f = input().check().unwrap();
        assert_eq!(f.meeting_id.as_deref(), Some("123 456 789"));
        assert_eq!(f.meeting_password, None);
        assert_eq!(f.timezone, chrono_tz::Europe::Paris);
    }

    #[test]
    fn a_meeting_link_on_another_platform_is_refused_on_its_field_in_french() {
        let mut i = input();
        i.platform = "google_meet".into();
        let err = i.check().unwrap_err();
        assert_eq!(err.field(), Some("meeting_link"));
        assert_eq!(
            crate::error::AppError::from(err).to_string(),
            "Un lien Google Meet doit être sur meet.google.com."
        );
        i.meeting_link = "http://meet.google.com/abc".into();
        assert_eq!(i.check().unwrap_err(), ErrorCode::MeetingLinkNotHttps);
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
        assert_eq!(bad.check().unwrap_err().field(), Some("to_date"));
        let mut bad = ok.clone();
        bad.duration_minutes = "0".into();
        assert_eq!(bad.check().unwrap_err().field(), Some("duration_minutes"));
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
