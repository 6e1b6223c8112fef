//! The learner's use cases, shared by the pages' server functions and the
//! REST API so both apply the same rules.

use crate::domain::attendance::attendance_rate;
use crate::domain::enrollment::{
    display_order, enrollment_view, next_sessions, session_view, AttendOutcome, EnrollmentView,
    NextSeance, SeanceView, Stats,
};
use crate::domain::status::EnrollmentStatus;
use crate::error::{AppError, ErrorCode};
use crate::server::db::Db;
use crate::server::store::enrollments::AttendanceSource;
use chrono::{DateTime, Utc};

pub async fn overview(
    db: &Db,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(Vec<EnrollmentView>, Stats), AppError> {
    let records = db.learner_enrollments(user_id).await?;
    let sessions = db.learner_open_sessions(user_id, now).await?;
    let mut views: Vec<EnrollmentView> = records
        .iter()
        .map(|r| enrollment_view(r, &sessions, now))
        .collect();
    views.sort_by_key(display_order);
    let stats = Stats::of(&views);
    Ok((views, stats))
}

pub async fn upcoming_sessions(
    db: &Db,
    user_id: i64,
    now: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<NextSeance>, AppError> {
    let records = db.learner_enrollments(user_id).await?;
    let sessions = db.learner_open_sessions(user_id, now).await?;
    Ok(next_sessions(&records, &sessions, now, limit))
}

/// One enrollment and its sessions; another learner's id is "not found".
pub async fn enrollment_sessions(
    db: &Db,
    user_id: i64,
    enrollment_id: i64,
    now: DateTime<Utc>,
) -> Result<(EnrollmentView, Vec<SeanceView>), AppError> {
    let record = db
        .learner_enrollment(user_id, enrollment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let sessions = db
        .learner_formation_sessions(user_id, record.formation_id)
        .await?;
    let status = record.status(now);
    let mine: Vec<_> = sessions
        .iter()
        .filter(|s| s.within(&record))
        .cloned()
        .collect();
    let views = mine
        .iter()
        .map(|s| session_view(s, &record, status, now))
        .collect();
    Ok((enrollment_view(&record, &mine, now), views))
}

/// Marks the learner present. Idempotent: a repeat changes nothing and
/// answers the same; concurrent calls leave one row (the unique constraint
/// and `ON CONFLICT DO NOTHING` decide, not a read-then-write).
pub async fn attend(
    db: &Db,
    user_id: i64,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<AttendOutcome, AppError> {
    let target = db
        .attend_target(user_id, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (enrollment, session) = (target.enrollment, target.session);
    if !session.attended {
        let status = enrollment.status(now);
        if status != EnrollmentStatus::Active {
            return Err(AppError::Conflict(ErrorCode::AttendanceNotActive));
        }
        if !session.within(&enrollment) {
            return Err(AppError::Conflict(ErrorCode::AttendanceOutsidePeriod));
        }
        let view = session_view(&session, &enrollment, status, now);
        if !view.can_mark_attendance {
            return Err(AppError::Conflict(ErrorCode::AttendanceOutsideWindow));
        }
        db.insert_attendance(user_id, session_id, AttendanceSource::SelfMarked, now)
            .await?;
    }
    let attended_sessions = db.attended_count(user_id, enrollment.formation_id).await?;
    Ok(AttendOutcome {
        session_id,
        attended: true,
        attended_sessions,
        total_sessions: enrollment.total_sessions,
        attendance_rate: attendance_rate(attended_sessions, enrollment.total_sessions),
    })
}

/// The dashboard: counts and the very next session, from the same two
/// queries as the formations list.
pub async fn dashboard(
    db: &Db,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(Stats, Option<NextSeance>), AppError> {
    let records = db.learner_enrollments(user_id).await?;
    let sessions = db.learner_open_sessions(user_id, now).await?;
    let views: Vec<EnrollmentView> = records
        .iter()
        .map(|r| enrollment_view(r, &sessions, now))
        .collect();
    Ok((
        Stats::of(&views),
        next_sessions(&records, &sessions, now, 1)
            .into_iter()
            .next(),
    ))
}
