//! The learner's reads and the one write they make (marking attendance).
//! Each page is two queries at most, whatever the number of enrollments and
//! sessions.

use std::sync::LazyLock;

use chrono::{DateTime, Duration, Utc};

use super::decode;
use super::formations::StoredSeance;
use super::instant_text;
use crate::domain::certificate::{CertificateBrief, CertificateCode};
use crate::domain::enrollment::{EnrollmentRecord, SeanceRecord};
use crate::domain::formation::FormationInfo;
use crate::error::AppError;
use crate::server::db::Db;

const ENROLLMENT_COLUMNS: &str = "
    e.id, e.formation_id, e.start_date, e.end_date, e.status, e.total_sessions,
    f.name, f.description, f.level, f.platform, f.meeting_link, f.meeting_id, f.meeting_password,
    f.instructor_name, f.schedule_description, f.timezone,
    (SELECT COUNT(*) FROM session_attendance a JOIN formation_sessions s ON s.id = a.session_id
      WHERE a.user_id = e.user_id AND s.formation_id = e.formation_id) AS attended_sessions,
    (SELECT COUNT(*) FROM formation_sessions s
      WHERE s.formation_id = e.formation_id AND s.scheduled_date <= $1) AS held_sessions,
    f.certificate_min_attendance, c.code AS certificate_code, c.revoked_at AS certificate_revoked_at";

/// `$1` is the instant the sessions held so far are counted at.
/// The enrollments, their formation and their current certificate.
const ENROLLMENT_FROM: &str = "FROM enrollments e JOIN formations f ON f.id = e.formation_id
    LEFT JOIN certificates c ON c.enrollment_id = e.id AND c.replaced_at IS NULL";

/// Sessions with whether the learner `$1` attended each, for a WHERE to
/// narrow down.
const LEARNER_SESSIONS: &str = "
    SELECT s.id, s.formation_id, s.session_number, s.title, s.scheduled_date, s.duration_minutes,
           s.meeting_link, s.recording_link, s.meeting_id, s.meeting_password,
           (SELECT COUNT(*) FROM session_attendance a WHERE a.session_id = s.id AND a.user_id = $1) AS attended
    FROM formation_sessions s";

#[derive(sqlx::FromRow)]
struct StoredLearnerEnrollment {
    id: i64,
    formation_id: i64,
    start_date: String,
    end_date: String,
    status: String,
    total_sessions: i64,
    #[sqlx(flatten)]
    info: super::StoredInfo,
    meeting_link: String,
    meeting_id: Option<String>,
    meeting_password: Option<String>,
    timezone: String,
    attended_sessions: i64,
    held_sessions: i64,
    certificate_min_attendance: i64,
    certificate_code: Option<String>,
    certificate_revoked_at: Option<String>,
}

impl TryFrom<StoredLearnerEnrollment> for EnrollmentRecord {
    type Error = AppError;

    fn try_from(r: StoredLearnerEnrollment) -> Result<Self, AppError> {
        Ok(EnrollmentRecord {
            id: r.id,
            formation_id: r.formation_id,
            timezone: decode::timezone(&r.timezone)?,
            start_date: decode::date(&r.start_date)?,
            end_date: decode::date(&r.end_date)?,
            stored_status: decode::status(&r.status)?,
            info: FormationInfo::try_from(r.info)?,
            meeting_link: r.meeting_link,
            meeting_id: r.meeting_id,
            meeting_password: r.meeting_password,
            total_sessions: r.total_sessions,
            attended_sessions: r.attended_sessions,
            held_sessions: r.held_sessions,
            certificate_min_attendance: r.certificate_min_attendance,
            certificate: r
                .certificate_code
                .map(|code| {
                    Ok::<_, AppError>(CertificateBrief {
                        code: CertificateCode::parse(&code)
                            .map_err(|_| super::corrupt("certificate code", &code))?,
                        revoked: r.certificate_revoked_at.is_some(),
                    })
                })
                .transpose()?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct StoredLearnerSeance {
    #[sqlx(flatten)]
    seance: StoredSeance,
    formation_id: i64,
    attended: i64,
}

impl TryFrom<StoredLearnerSeance> for SeanceRecord {
    type Error = AppError;

    fn try_from(r: StoredLearnerSeance) -> Result<Self, AppError> {
        let s = r.seance;
        Ok(SeanceRecord {
            starts_at: decode::instant(&s.scheduled_date)?,
            id: s.id,
            formation_id: r.formation_id,
            session_number: s.session_number,
            title: s.title,
            duration_minutes: s.duration_minutes,
            meeting_link: s.meeting_link,
            meeting_id: s.meeting_id,
            meeting_password: s.meeting_password,
            recording_link: s.recording_link,
            attended: r.attended > 0,
        })
    }
}

fn convert<R, T: TryFrom<R, Error = AppError>>(rows: Vec<R>) -> Result<Vec<T>, AppError> {
    rows.into_iter().map(T::try_from).collect()
}

/// What the attend endpoint needs to decide.
pub struct AttendTarget {
    pub enrollment: EnrollmentRecord,
    pub session: SeanceRecord,
}

async fn enrollments_of<'c>(
    executor: impl sqlx::Executor<'c, Database = sqlx::Any>,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<EnrollmentRecord>, AppError> {
    // Built once: every learner's page runs it.
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT {ENROLLMENT_COLUMNS} {ENROLLMENT_FROM}
             WHERE e.user_id = $2 ORDER BY e.start_date DESC, e.id DESC"
        )
    });
    let rows: Vec<StoredLearnerEnrollment> = sqlx::query_as(SQL.as_str())
        .bind(instant_text(now))
        .bind(user_id)
        .fetch_all(executor)
        .await?;
    convert(rows)
}

async fn open_sessions_of<'c>(
    executor: impl sqlx::Executor<'c, Database = sqlx::Any>,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<SeanceRecord>, AppError> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{LEARNER_SESSIONS}
             WHERE s.formation_id IN (SELECT formation_id FROM enrollments WHERE user_id = $1)
               AND s.scheduled_date >= $2
             ORDER BY s.scheduled_date, s.id"
        )
    });
    let rows: Vec<StoredLearnerSeance> = sqlx::query_as(SQL.as_str())
        .bind(user_id)
        .bind(instant_text(now - Duration::days(1)))
        .fetch_all(executor)
        .await?;
    convert(rows)
}

impl Db {
    /// Every enrollment of the learner, newest first, and the sessions of
    /// their formations that may not have ended at `now` (a session lasts at
    /// most a day), soonest first. One connection for both, one after the
    /// other: each use of the pool costs one more round trip to the database
    /// (sqlx pings a connection on its way back), and under load that cost
    /// more than running the two at once on two connections saved.
    #[tracing::instrument(skip(self), err)]
    pub async fn learner_reads(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(Vec<EnrollmentRecord>, Vec<SeanceRecord>), AppError> {
        let mut conn = self.pool().acquire().await?;
        let enrollments = enrollments_of(&mut conn, user_id, now).await?;
        let sessions = open_sessions_of(&mut conn, user_id, now).await?;
        Ok((enrollments, sessions))
    }

    /// One enrollment of this learner; `None` for anybody else's.
    #[tracing::instrument(skip(self), err)]
    pub async fn learner_enrollment(
        &self,
        user_id: i64,
        enrollment_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<EnrollmentRecord>, AppError> {
        let row: Option<StoredLearnerEnrollment> = sqlx::query_as(&format!(
            "SELECT {ENROLLMENT_COLUMNS} {ENROLLMENT_FROM}
             WHERE e.id = $2 AND e.user_id = $3"
        ))
        .bind(instant_text(now))
        .bind(enrollment_id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(EnrollmentRecord::try_from).transpose()
    }

    /// All sessions of a formation with this learner's presence, by number.
    #[tracing::instrument(skip(self), err)]
    pub async fn learner_formation_sessions(
        &self,
        user_id: i64,
        formation_id: i64,
    ) -> Result<Vec<SeanceRecord>, AppError> {
        let rows: Vec<StoredLearnerSeance> = sqlx::query_as(&format!(
            "{LEARNER_SESSIONS} WHERE s.formation_id = $2 ORDER BY s.session_number"
        ))
        .bind(user_id)
        .bind(formation_id)
        .fetch_all(self.pool())
        .await?;
        convert(rows)
    }

    /// The session and the learner's enrollment in its formation (the live
    /// one if there is one, else the latest); `None` if either is missing.
    #[tracing::instrument(skip(self), err)]
    pub async fn attend_target(
        &self,
        user_id: i64,
        session_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<AttendTarget>, AppError> {
        let session: Option<StoredLearnerSeance> =
            sqlx::query_as(&format!("{LEARNER_SESSIONS} WHERE s.id = $2"))
                .bind(user_id)
                .bind(session_id)
                .fetch_optional(self.pool())
                .await?;
        let Some(session) = session else {
            return Ok(None);
        };
        let session = SeanceRecord::try_from(session)?;
        let row: Option<StoredLearnerEnrollment> = sqlx::query_as(&format!(
            "SELECT {ENROLLMENT_COLUMNS} {ENROLLMENT_FROM}
             WHERE e.user_id = $2 AND e.formation_id = $3
             ORDER BY CASE WHEN e.status = 'cancelled' THEN 1 ELSE 0 END, e.id DESC LIMIT 1"
        ))
        .bind(instant_text(now))
        .bind(user_id)
        .bind(session.formation_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            Some(row) => Some(AttendTarget {
                enrollment: row.try_into()?,
                session,
            }),
            None => None,
        })
    }

    /// The learner's attendance count in a formation, after a mark.
    pub async fn attended_count(&self, user_id: i64, formation_id: i64) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM session_attendance a JOIN formation_sessions s ON s.id = a.session_id
             WHERE a.user_id = $1 AND s.formation_id = $2",
        )
        .bind(user_id)
        .bind(formation_id)
        .fetch_one(self.pool())
        .await?)
    }
}
