//! The learner's use cases, shared by the pages' server functions and the
//! REST API so both apply the same rules.

use crate::domain::attendance::attendance_rate;
use crate::domain::certificate::{CertificateBrief, CertificateLine, Eligibility};
use crate::domain::enrollment::EnrollmentRecord;
use crate::domain::enrollment::{
    display_order, enrollment_view, next_sessions, session_view, AttendOutcome, EnrollmentView,
    NextSeance, SeanceView, Stats,
};
use crate::domain::status::EnrollmentStatus;
use crate::error::{AppError, ErrorCode};
use crate::server::db::Db;
use crate::server::store::enrollments::AttendanceSource;
use chrono::{DateTime, Utc};

/// Certificates are issued on the first read that finds them earned: the
/// learner sees theirs on the first page or API call after the end date.
/// Records that have one already (every later read) cost nothing more.
async fn issue_on_read(
    db: &Db,
    user_id: i64,
    records: &mut [EnrollmentRecord],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let due: Vec<i64> = records
        .iter()
        .filter(|r| {
            r.certificate.is_none() && r.certificate_eligibility(now) == Eligibility::Earned
        })
        .map(|r| r.id)
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    let current = db.issue_earned_for(user_id, &due, now).await?;
    for (enrollment_id, code, revoked) in current {
        if let Some(r) = records.iter_mut().find(|r| r.id == enrollment_id) {
            r.certificate = Some(CertificateBrief { code, revoked });
        }
    }
    Ok(())
}

pub async fn overview(
    db: &Db,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(Vec<EnrollmentView>, Stats), AppError> {
    let (mut records, sessions) = db.learner_reads(user_id, now).await?;
    issue_on_read(db, user_id, &mut records, now).await?;
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
    let (records, sessions) = db.learner_reads(user_id, now).await?;
    Ok(next_sessions(&records, &sessions, now, limit))
}

/// One enrollment and its sessions; another learner's id is "not found".
pub async fn enrollment_sessions(
    db: &Db,
    user_id: i64,
    enrollment_id: i64,
    now: DateTime<Utc>,
) -> Result<(EnrollmentView, Vec<SeanceView>), AppError> {
    let mut record = db
        .learner_enrollment(user_id, enrollment_id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    issue_on_read(db, user_id, std::slice::from_mut(&mut record), now).await?;
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
        .attend_target(user_id, session_id, now)
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

/// The dashboard: counts, the very next session and "Mes certificats",
/// from the same two queries as the formations list.
pub async fn dashboard(
    db: &Db,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(Stats, Option<NextSeance>, Vec<CertificateLine>), AppError> {
    let (mut records, sessions) = db.learner_reads(user_id, now).await?;
    issue_on_read(db, user_id, &mut records, now).await?;
    let views: Vec<EnrollmentView> = records
        .iter()
        .map(|r| enrollment_view(r, &sessions, now))
        .collect();
    let mut certificates: Vec<CertificateLine> = views
        .iter()
        .filter_map(|v| {
            v.certificate.code().map(|code| CertificateLine {
                enrollment_id: v.id,
                formation_name: v.info.name.clone(),
                end_date: v.end_date,
                code: code.to_string(),
            })
        })
        .collect();
    certificates.sort_by_key(|c| std::cmp::Reverse((c.end_date, c.enrollment_id)));
    Ok((
        Stats::of(&views),
        next_sessions(&records, &sessions, now, 1)
            .into_iter()
            .next(),
        certificates,
    ))
}
