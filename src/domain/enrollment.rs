//! What a learner may see of their enrollments and sessions. The raw records
//! hold the meeting details and are deliberately not serialisable: the only
//! way to send anything to a client is through the views built here, and they
//! copy the meeting details only for an effectively active enrollment.

use crate::domain::zone::Tz;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::attendance::{attendance_rate, within_marking_window};
use super::certificate::{eligibility, CertificateBrief, CertificateStanding, Eligibility};
use super::formation::{FormationInfo, Platform};
use super::status::{days_until, effective_status, today_in, EnrollmentStatus};

/// An enrollment and its formation as stored, secrets included.
#[derive(Clone)]
pub struct EnrollmentRecord {
    pub id: i64,
    pub formation_id: i64,
    pub info: FormationInfo,
    pub meeting_link: String,
    pub meeting_id: Option<String>,
    pub meeting_password: Option<String>,
    pub timezone: Tz,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub stored_status: EnrollmentStatus,
    pub total_sessions: i64,
    pub attended_sessions: i64,
    /// The formation's sessions that have started by now: what attendance
    /// so far is measured against.
    pub held_sessions: i64,
    /// The formation's minimum attendance for its certificate, in percent.
    pub certificate_min_attendance: i64,
    /// The enrollment's current certificate, if one was issued.
    pub certificate: Option<CertificateBrief>,
}
crate::debug_redacted!(EnrollmentRecord { id, formation_id, info, timezone, start_date, end_date, stored_status, total_sessions, attended_sessions, held_sessions, certificate_min_attendance, certificate } hide { meeting_link, meeting_id, meeting_password });

/// A session as stored, with whether this learner attended it.
#[derive(Clone)]
pub struct SeanceRecord {
    pub id: i64,
    pub formation_id: i64,
    pub session_number: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub meeting_link: Option<String>,
    /// The séance's own meeting number and passcode (with its own link).
    pub meeting_id: Option<String>,
    pub meeting_password: Option<String>,
    pub recording_link: Option<String>,
    pub attended: bool,
}
crate::debug_redacted!(SeanceRecord { id, formation_id, session_number, title, starts_at, duration_minutes, recording_link, attended } hide { meeting_link, meeting_id, meeting_password });

impl SeanceRecord {
    /// The meeting learners join for this séance: its own when it has one
    /// (a Zoom meeting the platform made, or a link an admin set), else the
    /// formation's; `None` when neither has a link (a formation with
    /// automatic meetings whose meeting is not made yet). Deciding whether
    /// to show it is the caller's business.
    pub fn meeting(&self, enrollment: &EnrollmentRecord) -> Option<MeetingAccess> {
        match self.meeting_link.as_deref().map(str::trim) {
            Some(link) if !link.is_empty() => Some(MeetingAccess {
                link: link.to_string(),
                id: self.meeting_id.clone(),
                password: self.meeting_password.clone(),
            }),
            _ => enrollment.meeting(),
        }
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at + Duration::minutes(self.duration_minutes)
    }

    /// Sessions belong to the formation; a learner's are those whose date,
    /// in the formation's time zone, falls within their enrollment.
    pub fn within(&self, enrollment: &EnrollmentRecord) -> bool {
        let day = self
            .starts_at
            .with_timezone(&enrollment.timezone)
            .date_naive();
        enrollment.start_date <= day && day <= enrollment.end_date
    }
}

impl EnrollmentRecord {
    /// The formation's own meeting, when it has a link.
    pub fn meeting(&self) -> Option<MeetingAccess> {
        (!self.meeting_link.trim().is_empty()).then(|| MeetingAccess {
            link: self.meeting_link.clone(),
            id: self.meeting_id.clone(),
            password: self.meeting_password.clone(),
        })
    }

    pub fn status(&self, now: DateTime<Utc>) -> EnrollmentStatus {
        effective_status(
            self.stored_status,
            self.start_date,
            self.end_date,
            today_in(self.timezone, now),
        )
    }

    /// Whether it has earned its certificate at `now` (the rule of
    /// `domain/certificate.rs`).
    pub fn certificate_eligibility(&self, now: DateTime<Utc>) -> Eligibility {
        eligibility(
            self.status(now),
            self.attended_sessions,
            self.total_sessions,
            self.certificate_min_attendance,
        )
    }
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingAccess {
    pub link: String,
    pub id: Option<String>,
    pub password: Option<String>,
}
crate::debug_redacted!(MeetingAccess {  } hide { link, id, password });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeancePhase {
    Upcoming,
    Live,
    Past,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SeanceView {
    pub id: i64,
    pub session_number: i64,
    pub title: String,
    pub scheduled_date: DateTime<Utc>,
    pub duration_minutes: i64,
    pub meeting_link: Option<String>,
    /// The number and passcode of the meeting `meeting_link` opens.
    pub meeting_id: Option<String>,
    pub meeting_password: Option<String>,
    pub recording_link: Option<String>,
    pub user_attended: bool,
    pub can_mark_attendance: bool,
    pub phase: SeancePhase,
}
crate::debug_redacted!(SeanceView { id, session_number, title, scheduled_date, duration_minutes, recording_link, user_attended, can_mark_attendance, phase } hide { meeting_link, meeting_id, meeting_password });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollmentView {
    pub id: i64,
    pub formation_id: i64,
    pub info: FormationInfo,
    pub timezone: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: EnrollmentStatus,
    /// Only for an active enrollment.
    pub meeting: Option<MeetingAccess>,
    /// The next session of the enrollment not yet ended, for an active or
    /// upcoming enrollment.
    pub next_session: Option<SeanceView>,
    pub total_sessions: i64,
    pub attended_sessions: i64,
    /// Sessions held so far (started by now).
    pub held_sessions: i64,
    /// The spec's rate: attended ÷ the enrollment's total, in percent.
    pub attendance_rate: f64,
    /// Attended ÷ held so far, in percent: what the learner can judge.
    pub attendance_rate_to_date: f64,
    pub days_until_end: i64,
    /// What the card says of the certificate.
    pub certificate: CertificateStanding,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub total: i64,
    pub active: i64,
    pub completed: i64,
    pub upcoming: i64,
    pub cancelled: i64,
}

impl Stats {
    pub fn of(enrollments: &[EnrollmentView]) -> Stats {
        let mut stats = Stats {
            total: enrollments.len() as i64,
            ..Stats::default()
        };
        for e in enrollments {
            match e.status {
                EnrollmentStatus::Active => stats.active += 1,
                EnrollmentStatus::Completed => stats.completed += 1,
                EnrollmentStatus::Upcoming => stats.upcoming += 1,
                EnrollmentStatus::Cancelled => stats.cancelled += 1,
            }
        }
        stats
    }
}

pub fn session_view(
    session: &SeanceRecord,
    enrollment: &EnrollmentRecord,
    status: EnrollmentStatus,
    now: DateTime<Utc>,
) -> SeanceView {
    let phase = if now < session.starts_at {
        SeancePhase::Upcoming
    } else if now < session.ends_at() {
        SeancePhase::Live
    } else {
        SeancePhase::Past
    };
    let active = status.shows_meeting_details();
    let meeting = active.then(|| session.meeting(enrollment)).flatten();
    SeanceView {
        id: session.id,
        session_number: session.session_number,
        title: session.title.clone(),
        scheduled_date: session.starts_at,
        duration_minutes: session.duration_minutes,
        meeting_link: meeting.as_ref().map(|m| m.link.clone()),
        meeting_id: meeting.as_ref().and_then(|m| m.id.clone()),
        meeting_password: meeting.and_then(|m| m.password),
        // Replays stay available once the formation is over.
        recording_link: matches!(
            status,
            EnrollmentStatus::Active | EnrollmentStatus::Completed
        )
        .then(|| session.recording_link.clone())
        .flatten(),
        user_attended: session.attended,
        can_mark_attendance: active
            && session.within(enrollment)
            && within_marking_window(session.starts_at, session.duration_minutes, now),
        phase,
    }
}

/// The learner's view of one enrollment. `sessions` may hold sessions of
/// other formations; they are ignored.
pub fn enrollment_view(
    record: &EnrollmentRecord,
    sessions: &[SeanceRecord],
    now: DateTime<Utc>,
) -> EnrollmentView {
    let status = record.status(now);
    let next = matches!(
        status,
        EnrollmentStatus::Active | EnrollmentStatus::Upcoming
    )
    .then(|| {
        sessions
            .iter()
            .filter(|s| s.formation_id == record.formation_id && s.within(record))
            .filter(|s| s.ends_at() > now)
            .min_by_key(|s| (s.starts_at, s.id))
    })
    .flatten();
    let next_session = next.map(|s| session_view(s, record, status, now));
    EnrollmentView {
        id: record.id,
        formation_id: record.formation_id,
        info: record.info.clone(),
        timezone: record.timezone.name().to_string(),
        start_date: record.start_date,
        end_date: record.end_date,
        status,
        // The card's join button opens the next séance's meeting (its own,
        // when the platform made one per séance), else the formation's.
        meeting: status
            .shows_meeting_details()
            .then(|| match next {
                Some(s) => s.meeting(record),
                None => record.meeting(),
            })
            .flatten(),
        next_session,
        total_sessions: record.total_sessions,
        attended_sessions: record.attended_sessions,
        held_sessions: record.held_sessions,
        attendance_rate: attendance_rate(record.attended_sessions, record.total_sessions),
        attendance_rate_to_date: attendance_rate(
            record.attended_sessions.min(record.held_sessions),
            record.held_sessions,
        ),
        days_until_end: days_until(today_in(record.timezone, now), record.end_date),
        certificate: CertificateStanding::of(
            record.certificate.as_ref(),
            record.certificate_eligibility(now),
        ),
    }
}

/// The order of the cards: what a learner acts on first. Running ones, then
/// those starting soonest, then the finished ones (latest first), cancelled
/// last.
pub fn display_order(v: &EnrollmentView) -> (u8, i64, std::cmp::Reverse<i64>) {
    let days = v.start_date.num_days_from_ce() as i64;
    let (rank, key) = match v.status {
        EnrollmentStatus::Active => (0, -days),
        EnrollmentStatus::Upcoming => (1, days),
        EnrollmentStatus::Completed => (2, -days),
        EnrollmentStatus::Cancelled => (3, -days),
    };
    (rank, key, std::cmp::Reverse(v.id))
}

/// One entry of "Prochaines sessions".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextSeance {
    pub enrollment_id: i64,
    pub formation_id: i64,
    pub formation_name: String,
    pub platform: Platform,
    /// The formation's IANA zone, which its times are shown in.
    pub timezone: String,
    pub status: EnrollmentStatus,
    #[serde(flatten)]
    pub session: SeanceView,
    /// The learner's other sessions (formation name, session number) that
    /// overlap this one: two places at once.
    #[serde(default)]
    pub clashes_with: Vec<(String, i64)>,
}

/// Sessions not yet ended across active and upcoming enrollments, soonest
/// first.
pub fn next_sessions(
    records: &[EnrollmentRecord],
    sessions: &[SeanceRecord],
    now: DateTime<Utc>,
    limit: usize,
) -> Vec<NextSeance> {
    let mut all: Vec<NextSeance> = records
        .iter()
        .filter_map(|r| {
            let status = r.status(now);
            matches!(
                status,
                EnrollmentStatus::Active | EnrollmentStatus::Upcoming
            )
            .then_some((r, status))
        })
        .flat_map(|(r, status)| {
            sessions
                .iter()
                .filter(move |s| {
                    s.formation_id == r.formation_id && s.within(r) && s.ends_at() > now
                })
                .map(move |s| NextSeance {
                    enrollment_id: r.id,
                    formation_id: r.formation_id,
                    formation_name: r.info.name.clone(),
                    platform: r.info.platform,
                    timezone: r.timezone.name().to_string(),
                    status,
                    session: session_view(s, r, status, now),
                    clashes_with: Vec::new(),
                })
        })
        .collect();
    all.sort_by_key(|n| (n.session.scheduled_date, n.session.id));
    flag_clashes(&mut all);
    all.truncate(limit);
    all
}

/// Marks the sessions that overlap another of the list (sorted by start):
/// each overlapping pair names the other on both sides. A session of one
/// formation seen through two enrollments is not a clash with itself.
pub fn flag_clashes(sessions: &mut [NextSeance]) {
    let ends: Vec<DateTime<Utc>> = sessions
        .iter()
        .map(|n| n.session.scheduled_date + Duration::minutes(n.session.duration_minutes))
        .collect();
    for i in 0..sessions.len() {
        for j in i + 1..sessions.len() {
            // Sorted by start: once one starts after i ends, the rest do too.
            if sessions[j].session.scheduled_date >= ends[i] {
                break;
            }
            if sessions[j].session.id == sessions[i].session.id {
                continue;
            }
            let (a, b) = (
                (
                    sessions[i].formation_name.clone(),
                    sessions[i].session.session_number,
                ),
                (
                    sessions[j].formation_name.clone(),
                    sessions[j].session.session_number,
                ),
            );
            sessions[i].clashes_with.push(b);
            sessions[j].clashes_with.push(a);
        }
    }
}

/// Whether a séance's title says nothing but "séance" (a series' default
/// title, in either language, or nothing): its number alone then names it.
pub fn is_generic_title(title: &str) -> bool {
    let t = title.trim().to_lowercase();
    t.is_empty() || ["séance", "seance", "session"].contains(&t.as_str())
}

/// The answer to "mark my presence".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendOutcome {
    pub session_id: i64,
    pub attended: bool,
    pub attended_sessions: i64,
    pub total_sessions: i64,
    pub attendance_rate: f64,
}

/// The id of a séance's entry on its enrollment's page.
pub fn seance_anchor(session_id: i64) -> String {
    format!("seance-{session_id}")
}

/// The page of one séance on the platform: its entry on the learner's
/// enrollment page, where the join button obeys the active rule. Calendars,
/// reminders and notifications point here, never to the meeting.
pub fn seance_path(enrollment_id: i64, session_id: i64) -> String {
    format!(
        "/user/formations/{enrollment_id}#{}",
        seance_anchor(session_id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formation::Level;
    use chrono::TimeZone;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn record(start: &str, end: &str, stored: EnrollmentStatus) -> EnrollmentRecord {
        EnrollmentRecord {
            id: 1,
            formation_id: 7,
            info: FormationInfo {
                name: "Formation Basic".into(),
                description: "Analyse".into(),
                level: Level::Beginner,
                platform: Platform::Zoom,
                instructor_name: "Jane".into(),
                schedule_description: "Mar-Jeu, 19h-21h".into(),
            },
            meeting_link: "https://zoom.us/j/123456789".into(),
            meeting_id: Some("123 456 789".into()),
            meeting_password: Some("secret123".into()),
            timezone: crate::domain::zone::PARIS,
            start_date: d(start),
            end_date: d(end),
            stored_status: stored,
            total_sessions: 10,
            attended_sessions: 5,
            held_sessions: 6,
            certificate_min_attendance: 0,
            certificate: None,
        }
    }

    fn session(id: i64, at: DateTime<Utc>) -> SeanceRecord {
        SeanceRecord {
            id,
            formation_id: 7,
            session_number: id,
            title: format!("Séance {id}"),
            starts_at: at,
            duration_minutes: 120,
            meeting_link: None,
            meeting_id: None,
            meeting_password: None,
            recording_link: Some(format!("https://zoom.us/rec/{id}")),
            attended: false,
        }
    }

    fn at(y: i32, m: u32, day: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, 0, 0).unwrap()
    }

    fn json(view: &EnrollmentView) -> String {
        serde_json::to_string(view).unwrap()
    }

    #[test]
    fn a_series_default_title_is_no_title() {
        assert!(is_generic_title("Séance"));
        assert!(is_generic_title(" session "));
        assert!(is_generic_title(""));
        assert!(!is_generic_title("Séance de révision"));
    }

    #[test]
    fn overlapping_sessions_of_two_formations_are_flagged_on_both() {
        let now = Utc.with_ymd_and_hms(2024, 1, 20, 12, 0, 0).unwrap();
        let mut a = record("2024-01-15", "2024-02-15", EnrollmentStatus::Active);
        a.formation_id = 7;
        let mut b = a.clone();
        b.id = 2;
        b.formation_id = 8;
        b.info.name = "Formation Advanced".into();
        let at = Utc.with_ymd_and_hms(2024, 1, 22, 18, 0, 0).unwrap();
        let first = session(1, at);
        let mut second = session(2, at + Duration::minutes(90));
        second.formation_id = 8;
        // Starts exactly when the first (120 min) has ended: no clash.
        let mut third = session(3, at + Duration::minutes(210));
        third.formation_id = 8;
        let list = next_sessions(&[a, b], &[first, second, third], now, 10);
        assert_eq!(list.len(), 3);
        assert_eq!(
            list[0].clashes_with,
            vec![("Formation Advanced".to_string(), 2)]
        );
        assert_eq!(
            list[1].clashes_with,
            vec![("Formation Basic".to_string(), 1)]
        );
        assert!(list[2].clashes_with.is_empty());
    }

    #[test]
    fn a_seance_with_its_own_meeting_shows_it_and_the_card_follows_the_next_one() {
        let now = Utc.with_ymd_and_hms(2024, 1, 20, 12, 0, 0).unwrap();
        let r = record("2024-01-15", "2024-02-15", EnrollmentStatus::Active);
        let mut own = session(2, Utc.with_ymd_and_hms(2024, 1, 22, 18, 0, 0).unwrap());
        own.meeting_link = Some("https://us05web.zoom.us/j/857?pwd=x".into());
        own.meeting_id = Some("857".into());
        own.meeting_password = Some("Zp1".into());
        let later = session(3, Utc.with_ymd_and_hms(2024, 1, 29, 18, 0, 0).unwrap());
        let v = enrollment_view(&r, &[own.clone(), later.clone()], now);
        let meeting = v.meeting.clone().unwrap();
        assert_eq!(meeting.link, "https://us05web.zoom.us/j/857?pwd=x");
        assert_eq!(meeting.password.as_deref(), Some("Zp1"));
        let next = v.next_session.unwrap();
        assert_eq!(next.meeting_id.as_deref(), Some("857"));
        // A séance without its own meeting falls back to the formation's.
        let s = session_view(&later, &r, EnrollmentStatus::Active, now);
        assert_eq!(
            s.meeting_link.as_deref(),
            Some("https://zoom.us/j/123456789")
        );
        assert_eq!(s.meeting_password.as_deref(), Some("secret123"));
        // Not active: nothing of either.
        let upcoming = record("2024-01-25", "2024-02-15", EnrollmentStatus::Active);
        let v = enrollment_view(&upcoming, &[own.clone()], now);
        assert!(v.meeting.is_none());
        let s = session_view(&own, &upcoming, EnrollmentStatus::Upcoming, now);
        assert!(s.meeting_link.is_none() && s.meeting_id.is_none() && s.meeting_password.is_none());
        // Automatic meetings, none made yet, no formation link: no button.
        let mut auto = r.clone();
        auto.meeting_link = String::new();
        let v = enrollment_view(&auto, &[later], now);
        assert!(v.meeting.is_none());
    }

    #[test]
    fn an_active_enrollment_carries_the_meeting_details() {
        let r = record("2024-01-15", "2024-02-15", EnrollmentStatus::Upcoming);
        let v = enrollment_view(&r, &[], at(2024, 1, 20, 12));
        assert_eq!(v.status, EnrollmentStatus::Active);
        assert_eq!(v.meeting.unwrap().password.as_deref(), Some("secret123"));
    }

    #[test]
    fn upcoming_completed_and_cancelled_enrollments_never_carry_any_meeting_detail() {
        let sessions = [
            session(1, at(2024, 1, 16, 18)),
            session(2, at(2024, 2, 1, 18)),
        ];
        let cases = [
            (
                record("2024-01-15", "2024-02-15", EnrollmentStatus::Active),
                at(2024, 1, 10, 12),
            ),
            (
                record("2024-01-15", "2024-02-15", EnrollmentStatus::Active),
                at(2024, 3, 1, 12),
            ),
            (
                record("2024-01-15", "2024-02-15", EnrollmentStatus::Cancelled),
                at(2024, 1, 20, 12),
            ),
        ];
        for (r, now) in cases {
            let v = enrollment_view(&r, &sessions, now);
            assert!(v.meeting.is_none());
            let text = json(&v);
            for secret in ["zoom.us/j/", "123 456 789", "secret123"] {
                assert!(
                    !text.contains(secret),
                    "{:?} leaked {secret}: {text}",
                    v.status
                );
            }
            for s in &sessions {
                assert!(session_view(s, &r, v.status, now).meeting_link.is_none());
            }
        }
    }

    #[test]
    fn the_next_session_is_the_first_not_yet_ended_within_the_enrollment() {
        let r = record("2024-01-15", "2024-02-15", EnrollmentStatus::Upcoming);
        let sessions = [
            session(1, at(2024, 1, 10, 18)), // before the enrollment
            session(2, at(2024, 1, 16, 18)),
            session(3, at(2024, 1, 18, 18)),
        ];
        // During session 2: it is live, so it is still the next one.
        let v = enrollment_view(&r, &sessions, at(2024, 1, 16, 19));
        let next = v.next_session.unwrap();
        assert_eq!((next.id, next.phase), (2, SeancePhase::Live));
        let v = enrollment_view(&r, &sessions, at(2024, 1, 16, 21));
        assert_eq!(v.next_session.unwrap().id, 3);
        // Before the start, the next session is the first one of the enrollment.
        let v = enrollment_view(&r, &sessions, at(2024, 1, 1, 0));
        assert_eq!(v.next_session.unwrap().id, 2);
    }

    #[test]
    fn completed_and_cancelled_enrollments_have_no_next_session() {
        let sessions = [session(2, at(2024, 2, 15, 18))];
        let done = record("2024-01-15", "2024-02-15", EnrollmentStatus::Active);
        assert!(enrollment_view(&done, &sessions, at(2024, 2, 20, 0))
            .next_session
            .is_none());
        let cancelled = record("2024-01-15", "2024-02-15", EnrollmentStatus::Cancelled);
        assert!(enrollment_view(&cancelled, &sessions, at(2024, 1, 20, 0))
            .next_session
            .is_none());
    }

    #[test]
    fn recordings_show_while_active_or_completed_only() {
        let s = session(1, at(2024, 1, 16, 18));
        let r = record("2024-01-15", "2024-02-15", EnrollmentStatus::Active);
        for (status, shown) in [
            (EnrollmentStatus::Active, true),
            (EnrollmentStatus::Completed, true),
            (EnrollmentStatus::Upcoming, false),
            (EnrollmentStatus::Cancelled, false),
        ] {
            let v = session_view(&s, &r, status, at(2024, 1, 17, 0));
            assert_eq!(v.recording_link.is_some(), shown, "{status:?}");
        }
    }

    #[test]
    fn attendance_can_be_marked_only_while_active_and_in_the_window() {
        let s = session(1, at(2024, 1, 16, 18));
        let r = record("2024-01-15", "2024-02-15", EnrollmentStatus::Active);
        let active = EnrollmentStatus::Active;
        assert!(!session_view(&s, &r, active, at(2024, 1, 16, 17)).can_mark_attendance);
        assert!(session_view(&s, &r, active, at(2024, 1, 16, 18)).can_mark_attendance);
        assert!(
            !session_view(&s, &r, EnrollmentStatus::Completed, at(2024, 1, 16, 18))
                .can_mark_attendance
        );
    }

    #[test]
    fn cards_show_running_then_soonest_upcoming_then_finished_then_cancelled() {
        let now = at(2024, 1, 20, 12);
        let mut views: Vec<_> = [
            ("2023-01-15", "2023-02-15", EnrollmentStatus::Active),
            ("2024-03-15", "2024-04-15", EnrollmentStatus::Upcoming),
            ("2024-01-15", "2024-02-15", EnrollmentStatus::Cancelled),
            ("2024-02-15", "2024-03-15", EnrollmentStatus::Upcoming),
            ("2024-01-15", "2024-02-15", EnrollmentStatus::Upcoming),
        ]
        .iter()
        .enumerate()
        .map(|(i, (s, e, st))| {
            let mut r = record(s, e, *st);
            r.id = i as i64;
            enrollment_view(&r, &[], now)
        })
        .collect();
        views.sort_by_key(display_order);
        let ids: Vec<_> = views.iter().map(|v| v.id).collect();
        assert_eq!(ids, vec![4, 3, 1, 0, 2]);
    }

    #[test]
    fn stats_count_every_effective_status() {
        let now = at(2024, 1, 20, 12);
        let views: Vec<_> = [
            record("2024-01-15", "2024-02-15", EnrollmentStatus::Upcoming),
            record("2024-02-15", "2024-03-15", EnrollmentStatus::Upcoming),
            record("2023-01-15", "2023-02-15", EnrollmentStatus::Active),
            record("2024-01-15", "2024-02-15", EnrollmentStatus::Cancelled),
        ]
        .iter()
        .map(|r| enrollment_view(r, &[], now))
        .collect();
        assert_eq!(
            Stats::of(&views),
            Stats {
                total: 4,
                active: 1,
                completed: 1,
                upcoming: 1,
                cancelled: 1
            }
        );
    }

    #[test]
    fn next_sessions_are_soonest_first_across_enrollments_and_skip_ended_ones() {
        let mut a = record("2024-01-15", "2024-02-15", EnrollmentStatus::Upcoming);
        a.id = 1;
        let mut b = record("2024-01-15", "2024-02-15", EnrollmentStatus::Upcoming);
        b.id = 2;
        b.formation_id = 8;
        let mut s3 = session(3, at(2024, 1, 17, 18));
        s3.formation_id = 8;
        let sessions = [
            session(1, at(2024, 1, 16, 9)),
            session(2, at(2024, 1, 18, 18)),
            s3,
        ];
        let list = next_sessions(&[a, b], &sessions, at(2024, 1, 16, 12), 10);
        let ids: Vec<_> = list.iter().map(|n| n.session.id).collect();
        assert_eq!(ids, vec![3, 2]);
        assert_eq!(list[0].enrollment_id, 2);
        assert_eq!(
            next_sessions(&[], &sessions, at(2024, 1, 16, 12), 10).len(),
            0
        );
    }
}
