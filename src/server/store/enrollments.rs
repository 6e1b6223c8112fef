//! Enrollments and attendance: the one write path of each (the admin area,
//! payment confirmations, the command line and the demo all come here), and
//! the admin area's reads of them.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde_json::json;

use super::audit::{learner_in, record, record_and_commit, Actor, Change};
use super::formations::{head_in, session_in, sessions_in, tz_of};
use super::{decode, instant_text, is_foreign_key_violation, is_unique_violation};
use crate::domain::admin::{
    self, AttendanceGrid, EnrollmentLine, EnrollmentsView, FormationHead, GridLearner, GridMark,
};
use crate::domain::attendance::{attendance_rate, check_attendance_open};
use crate::domain::schedule::local_to_utc;
use crate::domain::status::{effective_status, today_in, EnrollmentStatus};
use crate::error::{AppError, ErrorCode};
use crate::server::db::{Db, Tx};

/// An enrollment to create. Without a count of séances, it is the number of
/// the formation's séances within the period.
#[derive(Debug, Clone)]
pub struct NewEnrollment {
    pub user_id: i64,
    pub formation_id: i64,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub total_sessions: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttendanceSource {
    Manual,
    SelfMarked,
    /// Zoom's webhooks: the minutes in the meeting reached the threshold.
    Zoom,
    /// A Google Meet or Microsoft Teams report an admin imported.
    Import,
}

impl AttendanceSource {
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceSource::Manual => "manual",
            AttendanceSource::SelfMarked => "self",
            AttendanceSource::Zoom => "zoom",
            AttendanceSource::Import => "import",
        }
    }
}

/// Sessions of a formation whose local date falls in [start, end].
async fn sessions_in_period(
    tx: &mut Tx,
    formation_id: i64,
    tz: Tz,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<i64, AppError> {
    let from = local_to_utc(tz, start, NaiveTime::MIN);
    let to = local_to_utc(tz, end + Duration::days(1), NaiveTime::MIN);
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM formation_sessions
         WHERE formation_id = $1 AND scheduled_date >= $2 AND scheduled_date < $3",
    )
    .bind(formation_id)
    .bind(instant_text(from))
    .bind(instant_text(to))
    .fetch_one(&mut **tx)
    .await?)
}

/// Creates an enrollment inside a transaction, its rules checked there;
/// shared by [`Db::enroll`] and the payment confirmation. Returns its id and
/// total.
pub(crate) async fn enroll_in(
    tx: &mut Tx,
    head: &FormationHead,
    e: &NewEnrollment,
) -> Result<(i64, i64), AppError> {
    let (start, end) = (e.start_date, e.end_date);
    admin::check_enrollment(start, end, e.total_sessions)?;
    let tz = tz_of(&head.timezone)?;
    let total = match e.total_sessions {
        Some(t) => t,
        None => sessions_in_period(tx, head.id, tz, start, end).await?,
    };
    // The stored status only matters once cancelled; readers derive the rest.
    let status = effective_status(
        EnrollmentStatus::Upcoming,
        start,
        end,
        today_in(tz, Utc::now()),
    );
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO enrollments (user_id, formation_id, start_date, end_date, status, total_sessions, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(e.user_id)
    .bind(head.id)
    .bind(start.to_string())
    .bind(end.to_string())
    .bind(status.as_str())
    .bind(total)
    .bind(instant_text(Utc::now()))
    .fetch_one(&mut **tx)
    .await
    .map_err(|err| {
        if is_unique_violation(&err) {
            AppError::Conflict(ErrorCode::UserAlreadyEnrolled)
        } else if is_foreign_key_violation(&err) {
            AppError::NotFound
        } else {
            err.into()
        }
    })?;
    Ok((id, total))
}

/// Refuses a learner who is not (or no longer) enrolled in the formation:
/// only they can be present at its séances.
pub(super) async fn check_enrolled(
    tx: &mut Tx,
    formation_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    let enrolled: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM enrollments WHERE user_id = $1 AND formation_id = $2 AND status <> 'cancelled'",
    )
    .bind(user_id)
    .bind(formation_id)
    .fetch_one(&mut **tx)
    .await?;
    if enrolled == 0 {
        return Err(AppError::Conflict(ErrorCode::NotEnrolled));
    }
    Ok(())
}

impl Db {
    /// Records a presence once; a second call for the same user and session
    /// changes nothing. Returns whether a row was added.
    pub async fn insert_attendance(
        &self,
        user_id: i64,
        session_id: i64,
        source: AttendanceSource,
        at: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let result = sqlx::query(
            "INSERT INTO session_attendance (user_id, session_id, marked_at, source)
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, session_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(session_id)
        .bind(instant_text(at))
        .bind(source.as_str())
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Marks present the learners an automatic source found (Zoom's
    /// minutes, an imported report), with their minutes, in one statement
    /// whatever their number: a learner an admin marked or unmarked by hand
    /// is left as the admin said; one already marked keeps the mark and
    /// gets the minutes. Answers how many marks are new.
    pub async fn record_automatic_attendance(
        &self,
        session_id: i64,
        marks: &[(i64, i64)],
        source: AttendanceSource,
        at: DateTime<Utc>,
    ) -> Result<u64, AppError> {
        if marks.is_empty() {
            return Ok(0);
        }
        let values = (0..marks.len())
            .map(|k| format!("(${}, ${})", 4 + 2 * k, 5 + 2 * k))
            .collect::<Vec<_>>()
            .join(", ");
        // VALUES' columns are column1, column2 on both backends.
        let sql = format!(
            "INSERT INTO session_attendance (user_id, session_id, marked_at, source, minutes)
             SELECT v.column1, $1, $2, $3, v.column2 FROM (VALUES {values}) AS v
             WHERE NOT EXISTS (SELECT 1 FROM attendance_overrides o
                               WHERE o.user_id = v.column1 AND o.session_id = $1)
             ON CONFLICT (user_id, session_id) DO UPDATE SET minutes = excluded.minutes
             WHERE session_attendance.source <> 'manual'"
        );
        let before: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM session_attendance WHERE session_id = $1")
                .bind(session_id)
                .fetch_one(self.pool())
                .await?;
        let mut query = sqlx::query(&sql)
            .bind(session_id)
            .bind(instant_text(at))
            .bind(source.as_str());
        for (user_id, minutes) in marks {
            query = query.bind(*user_id).bind(*minutes);
        }
        query.execute(self.pool()).await?;
        let after: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM session_attendance WHERE session_id = $1")
                .bind(session_id)
                .fetch_one(self.pool())
                .await?;
        Ok(u64::try_from(after - before).unwrap_or(0))
    }

    /// A page of a formation's enrollments, newest first, older than the
    /// `before` id when given (a keyset cursor, as the audit log), matching
    /// `search` (name or e-mail) when not empty. Two statements whatever the
    /// number of enrollments.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_enrollments(
        &self,
        formation_id: i64,
        page: &EnrollmentPage<'_>,
    ) -> Result<EnrollmentsView, AppError> {
        let mut tx = self.pool().begin().await?;
        let formation = head_in(&mut tx, formation_id).await?;
        let (enrollments, older_than) = enrollments_in(&mut tx, &formation, page, false).await?;
        tx.commit().await?;
        Ok(EnrollmentsView {
            formation,
            enrollments,
            older_than,
            search: page.search.to_string(),
        })
    }

    /// Enrolls a user (payment handled elsewhere): the one way an enrollment
    /// is made but a payment confirmation. A pending request of theirs for
    /// this formation is marked confirmed by the same change.
    // A refusal here (unknown formation, already enrolled) is the caller's
    // mistake, told to them; not an error of the server.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn enroll(&self, actor: &Actor, e: &NewEnrollment) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let head = head_in(&mut tx, e.formation_id).await?;
        let (id, total) = enroll_in(&mut tx, &head, e).await?;
        sqlx::query(
            "UPDATE enrollment_requests SET status = 'confirmed', enrollment_id = $1, decided_at = $2, decided_by = $3
             WHERE user_id = $4 AND formation_id = $5 AND status = 'pending'",
        )
        .bind(id)
        .bind(instant_text(Utc::now()))
        .bind(actor.user_id())
        .bind(e.user_id)
        .bind(e.formation_id)
        .execute(&mut *tx)
        .await?;
        let learner = learner_in(&mut tx, e.user_id).await?;
        let change = Change::new("enrollment.create", "enrollment", id)
            .formation(head.id, &head.name)
            .learner(learner)
            .after(json!({
                "user_id": e.user_id, "formation_id": e.formation_id,
                "start_date": e.start_date.to_string(), "end_date": e.end_date.to_string(),
                "total_sessions": total,
            }));
        record_and_commit(tx, actor, change).await?;
        Ok(id)
    }

    /// Cancels an enrollment: from now on its effective status is cancelled,
    /// so the meeting link is no longer served to the learner.
    #[tracing::instrument(skip_all, err)]
    pub async fn cancel_enrollment(
        &self,
        actor: &Actor,
        enrollment_id: i64,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let row: Option<(i64, String, i64)> =
            sqlx::query_as("SELECT formation_id, status, user_id FROM enrollments WHERE id = $1")
                .bind(enrollment_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (formation_id, status, user_id) = row.ok_or(AppError::NotFound)?;
        // The condition, not the read above, decides: of two cancellations at
        // once only one changes the row and writes the audit line.
        let changed = sqlx::query(
            "UPDATE enrollments SET status = 'cancelled' WHERE id = $1 AND status <> 'cancelled'",
        )
        .bind(enrollment_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            super::calendars::bury_enrollment_in(&mut tx, enrollment_id).await?;
            let change = Change::new("enrollment.cancel", "enrollment", enrollment_id)
                .before(json!({ "status": status }))
                .after(json!({ "status": "cancelled" }))
                .about(&mut tx, formation_id, user_id)
                .await?;
            record(&mut tx, actor, change).await?;
        }
        tx.commit().await?;
        Ok(formation_id)
    }

    /// The attendance grid of a page of the formation's learners (not
    /// cancelled, newest enrollment first, by the same cursor and search as
    /// [`Db::admin_enrollments`]) across all its séances: four statements
    /// whatever the number of learners.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_attendance(
        &self,
        formation_id: i64,
        page: &EnrollmentPage<'_>,
    ) -> Result<AttendanceGrid, AppError> {
        let mut tx = self.pool().begin().await?;
        let formation = head_in(&mut tx, formation_id).await?;
        let sessions = sessions_in(&mut tx, &formation).await?;
        let (enrollments, older_than) = enrollments_in(&mut tx, &formation, page, true).await?;
        // The marks of this page's learners only.
        let marks: Vec<(i64, i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT a.user_id, a.session_id, a.source, a.minutes FROM session_attendance a
             JOIN formation_sessions s ON s.id = a.session_id
             WHERE s.formation_id = $1 AND a.user_id IN (
                 SELECT e.user_id FROM enrollments e JOIN users u ON u.id = e.user_id
                 WHERE e.formation_id = $1 AND e.status <> 'cancelled' AND ($2 = 0 OR e.id < $2)
                   AND ($3 = '' OR lower(u.name) LIKE $3 OR u.email LIKE $3)
                 ORDER BY e.id DESC LIMIT $4)",
        )
        .bind(formation_id)
        .bind(page.before.unwrap_or(0))
        .bind(like_pattern(page.search))
        .bind(page.size)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let marks: HashMap<(i64, i64), GridMark> = marks
            .into_iter()
            .map(|(user, session, source, minutes)| ((user, session), GridMark { source, minutes }))
            .collect();
        let learners = enrollments
            .into_iter()
            .map(|e| {
                let cells: Vec<Option<GridMark>> = sessions
                    .iter()
                    .map(|s| marks.get(&(e.user_id, s.id)).cloned())
                    .collect();
                let attended = cells.iter().map(Option::is_some).collect();
                GridLearner {
                    user_id: e.user_id,
                    name: e.user_name,
                    email: e.user_email,
                    status: e.status,
                    total_sessions: e.total_sessions,
                    attended,
                    marks: cells,
                    attended_sessions: e.attended_sessions,
                    attendance_rate: e.attendance_rate,
                }
            })
            .collect();
        Ok(AttendanceGrid {
            formation,
            sessions,
            learners,
            older_than,
            search: page.search.to_string(),
        })
    }

    /// Marks (or unmarks) a learner's presence at a session of the formation,
    /// as source 'manual'. Returns whether anything changed.
    #[tracing::instrument(skip_all, err)]
    pub async fn set_attendance(
        &self,
        actor: &Actor,
        formation_id: i64,
        user_id: i64,
        session_id: i64,
        present: bool,
    ) -> Result<bool, AppError> {
        let mut tx = self.begin_write().await?;
        let (session_formation, session) = session_in(&mut tx, session_id).await?;
        if session_formation != formation_id {
            return Err(AppError::NotFound);
        }
        // Removing a mark stays possible (a session moved to a later date
        // keeps its register to fix); adding one waits for the session.
        if present {
            let starts_at = decode::instant(&session.scheduled_date)?;
            check_attendance_open(starts_at, Utc::now()).map_err(AppError::Conflict)?;
        }
        check_enrolled(&mut tx, formation_id, user_id).await?;
        // The admin's word is kept apart from the marks: Zoom, a later
        // webhook or an import never undo it.
        sqlx::query(
            "INSERT INTO attendance_overrides (user_id, session_id, present, decided_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (user_id, session_id) DO UPDATE SET present = excluded.present, decided_at = excluded.decided_at",
        )
        .bind(user_id)
        .bind(session_id)
        .bind(i64::from(present))
        .bind(instant_text(Utc::now()))
        .execute(&mut *tx)
        .await?;
        let changed = if present {
            sqlx::query(
                "INSERT INTO session_attendance (user_id, session_id, marked_at, source)
                 VALUES ($1, $2, $3, 'manual') ON CONFLICT (user_id, session_id) DO NOTHING",
            )
            .bind(user_id)
            .bind(session_id)
            .bind(instant_text(Utc::now()))
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1
        } else {
            sqlx::query("DELETE FROM session_attendance WHERE user_id = $1 AND session_id = $2")
                .bind(user_id)
                .bind(session_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1
        };
        if changed {
            let action = if present {
                "attendance.mark"
            } else {
                "attendance.unmark"
            };
            let change = Change::new(action, "session", session_id)
                .seance(session.session_number, &session.title)
                .before(json!({ "user_id": user_id, "present": !present }))
                .after(json!({ "user_id": user_id, "present": present, "source": "manual" }))
                .about(&mut tx, formation_id, user_id)
                .await?;
            record(&mut tx, actor, change).await?;
        }
        tx.commit().await?;
        Ok(changed)
    }
}

/// Which enrollments of a formation a page shows: older than `before` (an
/// enrollment id), matching `search` (a part of the name or e-mail), `size`
/// of them.
#[derive(Debug, Clone, Copy)]
pub struct EnrollmentPage<'a> {
    pub before: Option<i64>,
    pub search: &'a str,
    pub size: i64,
}

/// `%text%` for a `LIKE` on lowercased names and e-mails, the wildcards
/// typed removed; empty for no search.
fn like_pattern(search: &str) -> String {
    let search = search.trim().to_lowercase().replace(['\\', '%', '_'], "");
    if search.is_empty() {
        search
    } else {
        format!("%{search}%")
    }
}

/// A page of a formation's enrollments with their attended counts (from the
/// attendance rows) and effective statuses, newest first, and the cursor of
/// the next page when there is one: one query, which reads only the page's
/// rows through `enrollments_formation_page` (no search) whatever the
/// formation's size.
pub(crate) async fn enrollments_in(
    tx: &mut Tx,
    head: &FormationHead,
    page: &EnrollmentPage<'_>,
    live_only: bool,
) -> Result<(Vec<EnrollmentLine>, Option<i64>), AppError> {
    let rows: Vec<StoredEnrollment> = sqlx::query_as(
        "SELECT e.id, e.user_id, u.name AS user_name, u.email AS user_email, e.start_date, e.end_date,
            e.status, e.total_sessions, f.timezone,
            (SELECT COUNT(*) FROM session_attendance a JOIN formation_sessions s ON s.id = a.session_id
             WHERE a.user_id = e.user_id AND s.formation_id = e.formation_id) AS attended_sessions
         FROM enrollments e JOIN users u ON u.id = e.user_id JOIN formations f ON f.id = e.formation_id
         WHERE e.formation_id = $1 AND ($2 = 0 OR e.id < $2)
           AND ($3 = '' OR lower(u.name) LIKE $3 OR u.email LIKE $3)
           AND ($4 = 0 OR e.status <> 'cancelled')
         ORDER BY e.id DESC LIMIT $5",
    )
    .bind(head.id)
    .bind(page.before.unwrap_or(0))
    .bind(like_pattern(page.search))
    .bind(i64::from(live_only))
    // One more than shown tells whether an older page exists.
    .bind(page.size + 1)
    .fetch_all(&mut **tx)
    .await?;
    super::keyset_page(rows, page.size, |e: &EnrollmentLine| e.id)
}

/// An enrollment of the admin's list as stored.
#[derive(sqlx::FromRow)]
struct StoredEnrollment {
    id: i64,
    user_id: i64,
    user_name: String,
    user_email: String,
    start_date: String,
    end_date: String,
    status: String,
    total_sessions: i64,
    timezone: String,
    attended_sessions: i64,
}

impl TryFrom<StoredEnrollment> for EnrollmentLine {
    type Error = AppError;

    fn try_from(r: StoredEnrollment) -> Result<Self, AppError> {
        Ok(EnrollmentLine {
            status: decode::effective(
                &r.status,
                &r.start_date,
                &r.end_date,
                &r.timezone,
                Utc::now(),
            )?,
            attendance_rate: attendance_rate(r.attended_sessions, r.total_sessions),
            id: r.id,
            user_id: r.user_id,
            user_name: r.user_name,
            user_email: r.user_email,
            start_date: r.start_date,
            end_date: r.end_date,
            total_sessions: r.total_sessions,
            attended_sessions: r.attended_sessions,
        })
    }
}
