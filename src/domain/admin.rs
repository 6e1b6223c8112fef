//! The admin area's values: what its pages show, what its forms accept, and
//! the French messages of its errors (each with a short code, so a form
//! posted without JavaScript can be redirected back with the code in the URL
//! and show the same message, never text taken from the URL).

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::catalog::{self, Level, Platform};
use super::recurrence;
use super::status::EnrollmentStatus;
use super::Invalid;

/// (code, field or "" for the whole form, message).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("a-name", "name", "Le nom est obligatoire (200 caractères au plus)."),
    ("a-instructor", "instructor_name", "Le nom du formateur est obligatoire (200 caractères au plus)."),
    ("a-schedule", "schedule_description", "Le planning est obligatoire (ex. : Mar-Jeu, 19h-21h)."),
    ("a-description", "description", "La description ne doit pas dépasser 5 000 caractères."),
    ("a-meeting-id", "meeting_id", "L'identifiant de réunion ne doit pas dépasser 200 caractères."),
    ("a-meeting-password", "meeting_password", "Le mot de passe de réunion ne doit pas dépasser 200 caractères."),
    ("a-link-long", "meeting_link", "Le lien de session ne doit pas dépasser 2 000 caractères."),
    ("a-level", "level", "Choisissez un niveau."),
    ("a-platform", "platform", "Choisissez une plateforme."),
    ("a-link-https", "meeting_link", "Le lien de session doit être une URL commençant par https://."),
    ("a-link-zoom", "meeting_link", "Un lien Zoom doit être sur zoom.us (ou l'un de ses sous-domaines)."),
    ("a-link-meet", "meeting_link", "Un lien Google Meet doit être sur meet.google.com."),
    ("a-link-teams", "meeting_link", "Un lien Teams doit être sur teams.microsoft.com ou teams.live.com."),
    ("a-timezone", "timezone", "Fuseau horaire inconnu (nom IANA, ex. : Europe/Paris)."),
    ("a-stale", "", "Cette formation a été modifiée entre-temps par un autre administrateur. Rechargez la page pour voir la version actuelle, puis refaites votre modification."),
    ("a-title", "title", "Le titre est obligatoire (200 caractères au plus)."),
    ("a-at", "scheduled_at", "Date et heure invalides (AAAA-MM-JJ HH:MM)."),
    ("a-duration", "duration_minutes", "La durée doit être un nombre de minutes entre 1 et 1440."),
    ("a-number", "number", "Le numéro de séance doit être 1 ou plus."),
    ("a-recording", "recording_link", "Le lien d'enregistrement doit être une URL commençant par https://."),
    ("a-weekdays", "weekdays", "Indiquez au moins un jour de la semaine (ex. : mar, jeu)."),
    ("a-time", "start_time", "Heure invalide (ex. : 19:00 ou 19h)."),
    ("a-from", "from_date", "Date de début de la série invalide (AAAA-MM-JJ)."),
    ("a-to", "to_date", "Date de fin de la série invalide (AAAA-MM-JJ)."),
    ("a-to-before", "to_date", "La fin de la série doit être postérieure ou égale à son début."),
    ("a-series-empty", "to_date", "Aucune nouvelle séance sur cette période pour ces jours."),
    ("a-series-long", "to_date", "Une série compte au plus 200 séances."),
    ("a-start", "start_date", "Date de début invalide (AAAA-MM-JJ)."),
    ("a-end", "end_date", "Date de fin invalide (AAAA-MM-JJ)."),
    ("a-end-before", "end_date", "La date de fin doit être postérieure ou égale à la date de début."),
    ("a-total", "total_sessions", "Le nombre de séances doit être un entier positif ou nul."),
    ("a-email", "email", "Aucun compte n'a cet e-mail."),
    ("a-enrolled", "", "Cet utilisateur est déjà inscrit à cette formation."),
    ("a-confirm", "confirm", "Cochez « Je confirme » pour valider cette action."),
    ("a-reason", "reason", "Indiquez le motif du refus (500 caractères au plus)."),
    ("a-decided", "", "Cette demande a déjà été traitée."),
    ("a-pending", "", "Vous avez déjà une demande en attente pour cette formation."),
    ("a-already", "", "Vous êtes déjà inscrit à cette formation."),
    ("a-archived", "", "Cette formation est archivée."),
    ("a-not-enrolled", "", "Cet apprenant n'est pas inscrit à cette formation."),
    ("a-not-started", "", super::attendance::REFUSED_NOT_STARTED),
];

/// The message of a code, with its field ("" for the whole form).
pub fn by_code(code: &str) -> Option<(&'static str, &'static str)> {
    MESSAGES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, f, m)| (*f, *m))
}

/// The code of a message, to carry it through a redirect.
pub fn code_of(message: &str) -> Option<&'static str> {
    MESSAGES
        .iter()
        .find(|(_, _, m)| *m == message)
        .map(|(c, _, _)| *c)
}

/// The field error of a code of [`MESSAGES`].
pub fn invalid(code: &str) -> Invalid {
    let (field, message) = by_code(code).unwrap_or(("", "Valeur invalide."));
    Invalid::new(field, message)
}

/// The message of a whole-form code of [`MESSAGES`].
pub fn message(code: &str) -> String {
    by_code(code)
        .map(|(_, m)| m)
        .unwrap_or_default()
        .to_string()
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
}
crate::debug_redacted!(FormationInput { name, description, level, platform, instructor_name, schedule_description, timezone } hide { meeting_link, meeting_id, meeting_password });

/// A formation's fields once checked.
#[derive(Clone, PartialEq)]
pub struct FormationFields {
    pub name: String,
    pub description: String,
    pub level: Level,
    pub platform: Platform,
    pub meeting_link: String,
    pub meeting_id: Option<String>,
    pub meeting_password: Option<String>,
    pub instructor_name: String,
    pub schedule_description: String,
    pub timezone: Tz,
}
crate::debug_redacted!(FormationFields { name, description, level, platform, instructor_name, schedule_description, timezone } hide { meeting_link, meeting_id, meeting_password });

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The meeting link check of `catalog`, with the admin form's French messages.
pub fn check_meeting_link(platform: Platform, value: &str) -> Result<String, Invalid> {
    catalog::parse_meeting_link(platform, value).map_err(|_| {
        if value.trim().chars().count() > catalog::MAX_LINK_CHARS {
            invalid("a-link-long")
        } else if !value.trim().starts_with("https://") {
            invalid("a-link-https")
        } else {
            invalid(match platform {
                Platform::Zoom => "a-link-zoom",
                Platform::GoogleMeet => "a-link-meet",
                Platform::Teams => "a-link-teams",
            })
        }
    })
}

pub fn check_recording_link(value: &str) -> Result<Option<String>, Invalid> {
    match optional(value) {
        None => Ok(None),
        Some(v) => catalog::parse_recording_link(&v)
            .map(Some)
            .map_err(|_| invalid("a-recording")),
    }
}

impl FormationInput {
    /// Checks every field; the first problem found is reported on its field.
    pub fn check(&self) -> Result<FormationFields, Invalid> {
        let name =
            catalog::parse_required("name", &self.name, 200).map_err(|_| invalid("a-name"))?;
        let level = Level::parse(&self.level).map_err(|_| invalid("a-level"))?;
        let platform = Platform::parse(&self.platform).map_err(|_| invalid("a-platform"))?;
        let meeting_link = check_meeting_link(platform, &self.meeting_link)?;
        let instructor_name =
            catalog::parse_required("instructor_name", &self.instructor_name, 200)
                .map_err(|_| invalid("a-instructor"))?;
        let schedule_description =
            catalog::parse_required("schedule_description", &self.schedule_description, 200)
                .map_err(|_| invalid("a-schedule"))?;
        let description = catalog::parse_optional(
            "description",
            &self.description,
            catalog::MAX_DESCRIPTION_CHARS,
        )
        .map_err(|_| invalid("a-description"))?
        .unwrap_or_default();
        let meeting_id = catalog::parse_optional(
            "meeting_id",
            &self.meeting_id,
            catalog::MAX_MEETING_CODE_CHARS,
        )
        .map_err(|_| invalid("a-meeting-id"))?;
        let meeting_password = catalog::parse_optional(
            "meeting_password",
            &self.meeting_password,
            catalog::MAX_MEETING_CODE_CHARS,
        )
        .map_err(|_| invalid("a-meeting-password"))?;
        let timezone = if self.timezone.trim().is_empty() {
            chrono_tz::Europe::Paris
        } else {
            catalog::parse_timezone(&self.timezone).map_err(|_| invalid("a-timezone"))?
        };
        Ok(FormationFields {
            name,
            description,
            level,
            platform,
            meeting_link,
            meeting_id,
            meeting_password,
            instructor_name,
            schedule_description,
            timezone,
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

pub fn check_duration(value: &str) -> Result<i64, Invalid> {
    let minutes = value
        .trim()
        .parse::<i64>()
        .map_err(|_| invalid("a-duration"))?;
    check_duration_minutes(minutes)?;
    Ok(minutes)
}

/// A séance lasts from one minute to a day.
pub fn check_duration_minutes(minutes: i64) -> Result<(), Invalid> {
    if (1..=1440).contains(&minutes) {
        Ok(())
    } else {
        Err(invalid("a-duration"))
    }
}

/// Séances are numbered from 1.
pub fn check_session_number(number: i64) -> Result<(), Invalid> {
    if number >= 1 {
        Ok(())
    } else {
        Err(invalid("a-number"))
    }
}

/// An enrollment ends on or after its first day and counts no negative
/// number of séances.
pub fn check_enrollment(
    start: NaiveDate,
    end: NaiveDate,
    total: Option<i64>,
) -> Result<(), Invalid> {
    if end < start {
        return Err(invalid("a-end-before"));
    }
    if total.is_some_and(|n| n < 0) {
        return Err(invalid("a-total"));
    }
    Ok(())
}

pub fn check_title(value: &str) -> Result<String, Invalid> {
    catalog::parse_required("title", value, 200).map_err(|_| invalid("a-title"))
}

/// Start and end dates of an enrollment or a series, end not before start.
pub fn check_period(
    start: &str,
    end: &str,
    codes: [&str; 3],
) -> Result<(NaiveDate, NaiveDate), Invalid> {
    let start = catalog::parse_date("start", start).map_err(|_| invalid(codes[0]))?;
    let end = catalog::parse_date("end", end).map_err(|_| invalid(codes[1]))?;
    if end < start {
        return Err(invalid(codes[2]));
    }
    Ok((start, end))
}

impl SeriesInput {
    pub fn check(&self) -> Result<Series, Invalid> {
        let weekdays =
            recurrence::parse_weekdays(&self.weekdays).ok_or_else(|| invalid("a-weekdays"))?;
        let start_time =
            recurrence::parse_clock_time(&self.start_time).ok_or_else(|| invalid("a-time"))?;
        let duration_minutes = check_duration(&self.duration_minutes)?;
        let (from, to) = check_period(
            &self.from_date,
            &self.to_date,
            ["a-from", "a-to", "a-to-before"],
        )?;
        if (to - from).num_days() > 3 * 366 {
            return Err(invalid("a-series-long"));
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
pub fn check_total_sessions(value: &str) -> Result<Option<i64>, Invalid> {
    match value.trim() {
        "" => Ok(None),
        v => v
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(|| invalid("a-total")),
    }
}

/// A destructive action is done only when its "Je confirme" box was ticked.
pub fn check_confirmed(value: Option<&str>) -> Result<(), Invalid> {
    match value.map(str::trim) {
        Some("on" | "1" | "true" | "oui") => Ok(()),
        _ => Err(invalid("a-confirm")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Pending,
    Confirmed,
    Rejected,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Confirmed => "confirmed",
            RequestStatus::Rejected => "rejected",
        }
    }

    /// The status of a stored value; `None` for a value no code writes.
    pub fn parse(value: &str) -> Option<RequestStatus> {
        match value {
            "pending" => Some(RequestStatus::Pending),
            "confirmed" => Some(RequestStatus::Confirmed),
            "rejected" => Some(RequestStatus::Rejected),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Pending => "En attente de paiement",
            RequestStatus::Confirmed => "Paiement confirmé",
            RequestStatus::Rejected => "Refusée",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            RequestStatus::Pending => "badge-upcoming",
            RequestStatus::Confirmed => "badge-completed",
            RequestStatus::Rejected => "badge-cancelled",
        }
    }
}

/// The CSS class of an enrollment status badge.
pub fn status_css(status: EnrollmentStatus) -> &'static str {
    match status {
        EnrollmentStatus::Upcoming => "badge-upcoming",
        EnrollmentStatus::Active => "badge-active",
        EnrollmentStatus::Completed => "badge-completed",
        EnrollmentStatus::Cancelled => "badge-cancelled",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormationRow {
    pub id: i64,
    pub name: String,
    pub level: Level,
    pub platform: Platform,
    pub instructor_name: String,
    pub schedule_description: String,
    pub archived: bool,
    pub session_count: i64,
    pub enrollment_count: i64,
}

/// Everything the edit form shows, the version included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormationDetail {
    pub id: i64,
    pub input: FormationInput,
    pub archived: bool,
    pub version: i64,
}

/// The few facts about a formation its sub-pages show in their heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormationHead {
    pub id: i64,
    pub name: String,
    pub platform: Platform,
    pub timezone: String,
    pub archived: bool,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRow {
    pub id: i64,
    pub number: i64,
    pub title: String,
    /// UTC instant, `YYYY-MM-DDTHH:MM:SSZ`.
    pub scheduled_at: String,
    /// Wall-clock time in the formation's zone, `YYYY-MM-DDTHH:MM`.
    pub local: String,
    pub duration_minutes: i64,
    pub meeting_link: String,
    pub recording_link: String,
    /// Whether its attendance has opened (`attendance::attendance_open`):
    /// until then the grid and the CSV show it blank and locked.
    pub attendance_open: bool,
}
crate::debug_redacted!(SessionRow { id, number, title, scheduled_at, local, duration_minutes, recording_link, attendance_open } hide { meeting_link });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionsView {
    pub formation: FormationHead,
    pub sessions: Vec<SessionRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub formation: FormationHead,
    pub session: SessionRow,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollmentRow {
    pub id: i64,
    pub user_id: i64,
    pub user_name: String,
    pub user_email: String,
    pub start_date: String,
    pub end_date: String,
    /// The effective status, never the stored column (but cancelled).
    pub status: EnrollmentStatus,
    pub total_sessions: i64,
    pub attended_sessions: i64,
    pub attendance_rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollmentsView {
    pub formation: FormationHead,
    pub enrollments: Vec<EnrollmentRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: i64,
    pub user_name: String,
    pub user_email: String,
    pub formation_id: i64,
    pub formation_name: String,
    pub created_at: String,
    pub status: RequestStatus,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridLearner {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub status: EnrollmentStatus,
    pub total_sessions: i64,
    /// One flag per session of the grid, in the same order.
    pub attended: Vec<bool>,
    pub attended_sessions: i64,
    pub attendance_rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceGrid {
    pub formation: FormationHead,
    pub sessions: Vec<SessionRow>,
    pub learners: Vec<GridLearner>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekSession {
    pub formation_id: i64,
    pub formation_name: String,
    pub number: i64,
    pub title: String,
    pub local: String,
    pub timezone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub upcoming: i64,
    pub active: i64,
    pub completed: i64,
    pub cancelled: i64,
    pub pending_requests: i64,
    pub formations: i64,
    pub week_sessions: Vec<WeekSession>,
}

/// A formation of the learners' catalogue: never any meeting detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub level: Level,
    pub platform: Platform,
    pub instructor_name: String,
    pub schedule_description: String,
    /// The caller's latest request for it, if any.
    pub request: Option<RequestStatus>,
    /// The caller's live (not cancelled) enrollment, effective status.
    pub enrollment: Option<EnrollmentStatus>,
}

impl CatalogueEntry {
    /// A learner may ask when nothing is pending and no live enrollment is
    /// running or ahead.
    pub fn can_request(&self) -> bool {
        self.request != Some(RequestStatus::Pending)
            && !matches!(
                self.enrollment,
                Some(EnrollmentStatus::Upcoming | EnrollmentStatus::Active)
            )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyRequest {
    pub id: i64,
    pub formation_id: i64,
    pub formation_name: String,
    pub status: RequestStatus,
    pub reason: Option<String>,
    pub created_at: String,
    /// For a confirmed request: the enrollment's effective status now.
    pub enrollment: Option<EnrollmentStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueView {
    pub formations: Vec<CatalogueEntry>,
    pub requests: Vec<MyRequest>,
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
        }
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
        assert_eq!(err.field, "meeting_link");
        assert_eq!(
            err.message,
            "Un lien Google Meet doit être sur meet.google.com."
        );
        i.meeting_link = "http://meet.google.com/abc".into();
        assert_eq!(i.check().unwrap_err().message, message("a-link-https"));
    }

    #[test]
    fn every_message_has_a_unique_code_that_leads_back_to_it() {
        for (code, field, msg) in MESSAGES {
            assert_eq!(code_of(msg), Some(*code));
            assert_eq!(by_code(code), Some((*field, *msg)));
        }
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
        assert_eq!(bad.check().unwrap_err().field, "to_date");
        let mut bad = ok.clone();
        bad.duration_minutes = "0".into();
        assert_eq!(bad.check().unwrap_err().field, "duration_minutes");
    }

    #[test]
    fn destructive_actions_need_the_confirmation_box() {
        assert!(check_confirmed(Some("on")).is_ok());
        assert_eq!(check_confirmed(None).unwrap_err().field, "confirm");
        assert_eq!(check_confirmed(Some("")).unwrap_err().field, "confirm");
    }

    #[test]
    fn a_learner_may_ask_again_after_a_refusal_but_not_while_waiting() {
        let mut e = CatalogueEntry {
            id: 1,
            name: "F".into(),
            description: String::new(),
            level: Level::Beginner,
            platform: Platform::Zoom,
            instructor_name: "I".into(),
            schedule_description: "S".into(),
            request: Some(RequestStatus::Pending),
            enrollment: None,
        };
        assert!(!e.can_request());
        e.request = Some(RequestStatus::Rejected);
        assert!(e.can_request());
        e.enrollment = Some(EnrollmentStatus::Active);
        assert!(!e.can_request());
        e.enrollment = Some(EnrollmentStatus::Cancelled);
        assert!(e.can_request());
    }
}
