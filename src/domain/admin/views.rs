//! What the admin pages show: formations, séances, enrollments, requests,
//! the attendance grid and the dashboard, as the stores read them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::forms::FormationInput;
use crate::domain::catalogue::RequestStatus;
use crate::domain::formation::{Level, Platform};
use crate::domain::status::EnrollmentStatus;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormationRow {
    pub id: i64,
    pub name: String,
    pub level: Level,
    pub platform: Platform,
    pub instructor_name: String,
    pub schedule_description: String,
    pub archived: bool,
    /// Still being prepared: not in the catalogue.
    pub draft: bool,
    pub session_count: i64,
    pub enrollment_count: i64,
}

/// Everything the edit form shows, the version included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormationDetail {
    pub id: i64,
    pub input: FormationInput,
    /// The stored offer, which the form writes in the reader's language.
    pub offer: super::Offer,
    pub archived: bool,
    /// Still being prepared: not in the catalogue until published.
    pub draft: bool,
    /// Its séances: publishing one without any asks for confirmation.
    pub session_count: i64,
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
    /// Its séances get Zoom meetings made by the platform.
    pub zoom_auto_meetings: bool,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SeanceLine {
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
    /// Its Zoom meeting's synchronisation, for a séance in the Zoom outbox.
    pub zoom: Option<ZoomSync>,
    /// Other séances it overlaps (formation, number): of this formation or
    /// of another with the same instructor.
    #[serde(default)]
    pub clashes: Vec<(String, i64)>,
}
crate::debug_redacted!(SeanceLine { id, number, title, scheduled_at, local, duration_minutes, recording_link, attendance_open, zoom, clashes } hide { meeting_link });

/// The outbox state of a séance's meeting, as the admin sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    Pending,
    Done,
    Failed,
}

impl SyncState {
    pub fn as_str(self) -> &'static str {
        match self {
            SyncState::Pending => "pending",
            SyncState::Done => "done",
            SyncState::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<SyncState> {
        match value {
            "pending" => Some(SyncState::Pending),
            "done" => Some(SyncState::Done),
            "failed" => Some(SyncState::Failed),
            _ => None,
        }
    }
}

/// Where a séance's Zoom meeting stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoomSync {
    pub state: SyncState,
    /// Why the last call failed (Zoom's own words), while not done.
    pub error: Option<String>,
    /// The meeting's number in Zoom, once created.
    pub meeting_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeancesView {
    pub formation: FormationHead,
    pub sessions: Vec<SeanceLine>,
    /// The server has Zoom API credentials (else automatic meetings wait).
    pub zoom_configured: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeanceDetail {
    pub formation: FormationHead,
    pub session: SeanceLine,
}

/// A participant of a séance's Zoom meeting whose e-mail matched no
/// learner: an admin may attach it to one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoomParticipant {
    pub key: String,
    pub name: String,
    pub email: Option<String>,
    pub minutes: i64,
}

/// An uploaded attendance report, matched to the learners, before (or
/// after) the admin confirms it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: i64,
    /// `GoogleMeet`, `TeamsSummary` or `TeamsFlat`.
    pub kind: String,
    pub attendees: Vec<crate::domain::attendance::MatchedAttendee>,
    pub applied: bool,
}

/// The automatic sources of one séance's attendance, on its admin page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeanceAttendance {
    /// Zoom's webhooks are configured.
    pub zoom_on: bool,
    /// The presence threshold, percent of the séance.
    pub min_percent: i64,
    pub unrecognized: Vec<ZoomParticipant>,
    /// The formation's learners (id, name), to attach a participant to.
    pub learners: Vec<(i64, String)>,
    pub import: Option<ImportPreview>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollmentLine {
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
    /// A page of them, newest first.
    pub enrollments: Vec<EnrollmentLine>,
    /// The cursor of the next (older) page, when there is one.
    pub older_than: Option<i64>,
    /// The search the page answers, as typed.
    pub search: String,
}

/// A page of the formations list, and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormationsView {
    pub formations: Vec<FormationRow>,
    pub next: Option<i64>,
}

/// A page of the requests waiting for their payment, oldest first, and the
/// cursor of the next one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestsView {
    pub requests: Vec<RequestRow>,
    pub next: Option<i64>,
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
    /// Where each mark came from and the minutes present, when known.
    pub marks: Vec<Option<GridMark>>,
    pub attended_sessions: i64,
    pub attendance_rate: f64,
}

/// One mark of the grid: `manual`, `self`, `zoom` or `import`, and the
/// minutes the source counted (Zoom, reports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridMark {
    pub source: String,
    pub minutes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceGrid {
    pub formation: FormationHead,
    pub sessions: Vec<SeanceLine>,
    /// A page of the learners, newest enrollment first.
    pub learners: Vec<GridLearner>,
    /// The cursor of the next page of learners, when there is one.
    pub older_than: Option<i64>,
    pub search: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekSeance {
    pub formation_id: i64,
    pub formation_name: String,
    pub number: i64,
    pub title: String,
    pub at: DateTime<Utc>,
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
    pub week_sessions: Vec<WeekSeance>,
}

/// One séance a series would create, as its preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewLine {
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// Already past: created all the same, but probably a mistake.
    pub past: bool,
    /// Another séance it overlaps: of this formation, or of another
    /// formation of the same instructor (name, number).
    pub clashes: Vec<(String, i64)>,
}

/// What "Générer les séances" would do, shown before it does it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPreview {
    pub lines: Vec<PreviewLine>,
    /// Dates skipped because the formation has a séance at that instant.
    pub existing: usize,
    pub duration_minutes: i64,
}
