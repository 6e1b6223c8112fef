//! The learners' catalogue and their enrollment requests ("En attente de
//! paiement" until an admin confirms the payment or refuses).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use serde_json::json;

use super::audit::{learner_in, record_and_commit, Actor, Change};
use super::enrollments::{enroll_in, NewEnrollment};
use super::formations::head_in;
use super::{decode, instant_text, unique_or};
use crate::domain::admin::RequestRow;
use crate::domain::catalogue::{CatalogueEntry, CatalogueView, MyRequest, RequestStatus};
use crate::domain::formation::FormationInfo;
use crate::domain::status::EnrollmentStatus;
use crate::error::{AppError, ErrorCode};
use crate::server::db::{Db, Tx};

fn effective(status: &str, start: &str, end: &str, tz: &str) -> Result<EnrollmentStatus, AppError> {
    decode::effective(status, start, end, tz, Utc::now())
}

fn request_status(value: &str) -> Result<RequestStatus, AppError> {
    RequestStatus::parse(value).ok_or_else(|| super::corrupt("request status", value))
}

/// A formation of the catalogue as stored (no meeting detail is selected).
#[derive(sqlx::FromRow)]
struct StoredCatalogueEntry {
    id: i64,
    #[sqlx(flatten)]
    info: super::StoredInfo,
    timezone: String,
}

/// A learner's request as stored, with its enrollment if confirmed.
#[derive(sqlx::FromRow)]
struct StoredMyRequest {
    id: i64,
    formation_id: i64,
    formation_name: String,
    status: String,
    reason: Option<String>,
    created_at: String,
    e_status: Option<String>,
    e_start: Option<String>,
    e_end: Option<String>,
    timezone: String,
}

impl TryFrom<StoredMyRequest> for MyRequest {
    type Error = AppError;

    fn try_from(r: StoredMyRequest) -> Result<Self, AppError> {
        let enrollment = match (&r.e_status, &r.e_start, &r.e_end) {
            (Some(s), Some(a), Some(b)) => Some(effective(s, a, b, &r.timezone)?),
            _ => None,
        };
        Ok(MyRequest {
            status: request_status(&r.status)?,
            enrollment,
            id: r.id,
            formation_id: r.formation_id,
            formation_name: r.formation_name,
            reason: r.reason,
            created_at: r.created_at,
        })
    }
}

/// A pending request of the admin's list as stored.
#[derive(sqlx::FromRow)]
struct StoredRequest {
    id: i64,
    user_name: String,
    user_email: String,
    formation_id: i64,
    formation_name: String,
    created_at: String,
    status: String,
    reason: Option<String>,
}

impl TryFrom<StoredRequest> for RequestRow {
    type Error = AppError;

    fn try_from(r: StoredRequest) -> Result<Self, AppError> {
        Ok(RequestRow {
            status: request_status(&r.status)?,
            id: r.id,
            user_name: r.user_name,
            user_email: r.user_email,
            formation_id: r.formation_id,
            formation_name: r.formation_name,
            created_at: r.created_at,
            reason: r.reason,
        })
    }
}

/// Decides a pending request: the UPDATE's own condition on the status,
/// and its row count, tell whether this call made the decision. A request
/// already decided is a 409 with the reason, one that does not exist a 404.
async fn claim_pending(
    tx: &mut Tx,
    request_id: i64,
    status: &str,
    reason: Option<&str>,
    actor: &Actor,
) -> Result<(), AppError> {
    let claimed = sqlx::query(
        "UPDATE enrollment_requests SET status = $1, reason = $2, decided_at = $3, decided_by = $4
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(status)
    .bind(reason)
    .bind(instant_text(Utc::now()))
    .bind(actor.user_id())
    .bind(request_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if claimed == 1 {
        return Ok(());
    }
    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enrollment_requests WHERE id = $1")
        .bind(request_id)
        .fetch_one(&mut **tx)
        .await?;
    Err(if exists == 0 {
        AppError::NotFound
    } else {
        AppError::Conflict(ErrorCode::RequestDecided)
    })
}

impl Db {
    /// The non-archived formations, each with the caller's request and
    /// enrollment state, and the caller's requests. Three queries; no meeting
    /// detail is ever selected.
    #[tracing::instrument(skip_all, err)]
    pub async fn catalogue(&self, user_id: i64) -> Result<CatalogueView, AppError> {
        let formations: Vec<StoredCatalogueEntry> = sqlx::query_as(
            "SELECT id, name, description, level, platform, instructor_name, schedule_description, timezone
             FROM formations WHERE archived = 0 ORDER BY name, id",
        )
        .fetch_all(self.pool())
        .await?;
        let requests: Vec<StoredMyRequest> = sqlx::query_as(
            "SELECT r.id, r.formation_id, f.name AS formation_name, r.status, r.reason, r.created_at,
                    e.status AS e_status, e.start_date AS e_start, e.end_date AS e_end, f.timezone
                 FROM enrollment_requests r
                 JOIN formations f ON f.id = r.formation_id
                 LEFT JOIN enrollments e ON e.id = r.enrollment_id
                 WHERE r.user_id = $1
                 ORDER BY r.created_at DESC, r.id DESC",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        let enrollments: Vec<(i64, String, String, String, String)> = sqlx::query_as(
            "SELECT e.formation_id, e.status, e.start_date, e.end_date, f.timezone
             FROM enrollments e JOIN formations f ON f.id = e.formation_id
             WHERE e.user_id = $1 ORDER BY e.id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;

        // Latest enrollment per formation, a live one winning over a cancelled one.
        let mut enrollment_of: HashMap<i64, EnrollmentStatus> = HashMap::new();
        for (formation_id, status, start, end, tz) in &enrollments {
            let status = effective(status, start, end, tz)?;
            let keep = enrollment_of.get(formation_id).is_some_and(|s| {
                *s != EnrollmentStatus::Cancelled && status == EnrollmentStatus::Cancelled
            });
            if !keep {
                enrollment_of.insert(*formation_id, status);
            }
        }
        let mut request_of: HashMap<i64, RequestStatus> = HashMap::new();
        let requests = requests
            .into_iter()
            .map(MyRequest::try_from)
            .collect::<Result<Vec<_>, AppError>>()?;
        for r in &requests {
            request_of.entry(r.formation_id).or_insert(r.status);
        }
        let formations = formations
            .into_iter()
            .map(|f| {
                Ok(CatalogueEntry {
                    info: FormationInfo::try_from(f.info)?,
                    timezone: decode::timezone(&f.timezone)?.name().to_string(),
                    request: request_of.get(&f.id).copied(),
                    enrollment: enrollment_of.get(&f.id).copied(),
                    id: f.id,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(CatalogueView {
            formations,
            requests,
        })
    }

    /// A learner asks to enroll; the request waits for the payment.
    #[tracing::instrument(skip_all, err)]
    pub async fn request_enrollment(
        &self,
        user_id: i64,
        formation_id: i64,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let archived: Option<i64> =
            sqlx::query_scalar("SELECT archived FROM formations WHERE id = $1")
                .bind(formation_id)
                .fetch_optional(&mut *tx)
                .await?;
        match archived {
            None => return Err(AppError::NotFound),
            Some(1) => return Err(AppError::Conflict(ErrorCode::FormationArchived)),
            Some(_) => {}
        }
        let live: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT e.status, e.start_date, e.end_date, f.timezone
             FROM enrollments e JOIN formations f ON f.id = e.formation_id
             WHERE e.user_id = $1 AND e.formation_id = $2 AND e.status <> 'cancelled'",
        )
        .bind(user_id)
        .bind(formation_id)
        .fetch_all(&mut *tx)
        .await?;
        let mut running = false;
        for (s, a, b, tz) in &live {
            running |= matches!(
                effective(s, a, b, tz)?,
                EnrollmentStatus::Upcoming | EnrollmentStatus::Active
            );
        }
        if running {
            return Err(AppError::Conflict(ErrorCode::AlreadyEnrolled));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO enrollment_requests (user_id, formation_id, status, created_at)
             VALUES ($1, $2, 'pending', $3) RETURNING id",
        )
        .bind(user_id)
        .bind(formation_id)
        .bind(instant_text(Utc::now()))
        .fetch_one(&mut *tx)
        .await
        .map_err(unique_or(AppError::Conflict(ErrorCode::RequestPending)))?;
        tx.commit().await?;
        Ok(id)
    }

    /// Requests waiting for a decision, oldest first.
    #[tracing::instrument(skip_all, err)]
    pub async fn pending_requests(&self) -> Result<Vec<RequestRow>, AppError> {
        let rows: Vec<StoredRequest> = sqlx::query_as(
            "SELECT r.id, u.name AS user_name, u.email AS user_email, f.id AS formation_id,
                    f.name AS formation_name, r.created_at, r.status, r.reason
             FROM enrollment_requests r
             JOIN users u ON u.id = r.user_id
             JOIN formations f ON f.id = r.formation_id
             WHERE r.status = 'pending'
             ORDER BY r.created_at, r.id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(RequestRow::try_from).collect()
    }

    /// Confirms the payment: the enrollment is created and the request
    /// closed, in one transaction.
    #[tracing::instrument(skip_all, err)]
    pub async fn confirm_request(
        &self,
        actor: &Actor,
        request_id: i64,
        start: NaiveDate,
        end: NaiveDate,
        total: Option<i64>,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT user_id, formation_id FROM enrollment_requests WHERE id = $1")
                .bind(request_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (user_id, formation_id) = row.ok_or(AppError::NotFound)?;
        // The request is claimed first, on its status: of a confirmation and
        // a refusal (or two confirmations) at once, the second waits for the
        // first (its row lock on PostgreSQL, the write lock on SQLite), then
        // changes no row and is told so — never a second decision.
        claim_pending(&mut tx, request_id, "confirmed", None, actor).await?;
        let head = head_in(&mut tx, formation_id).await?;
        let (enrollment_id, total) = enroll_in(
            &mut tx,
            &head,
            &NewEnrollment {
                user_id,
                formation_id,
                start_date: start,
                end_date: end,
                total_sessions: total,
            },
        )
        .await?;
        sqlx::query("UPDATE enrollment_requests SET enrollment_id = $1 WHERE id = $2")
            .bind(enrollment_id)
            .bind(request_id)
            .execute(&mut *tx)
            .await?;
        let learner = learner_in(&mut tx, user_id).await?;
        let change = Change::new("request.confirm", "enrollment_request", request_id)
            .formation(head.id, &head.name)
            .learner(learner)
            .before(json!({ "status": "pending" }))
            .after(json!({
                "status": "confirmed", "enrollment_id": enrollment_id, "user_id": user_id,
                "formation_id": formation_id, "start_date": start.to_string(),
                "end_date": end.to_string(), "total_sessions": total,
            }));
        record_and_commit(tx, actor, change).await?;
        Ok(enrollment_id)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn reject_request(
        &self,
        actor: &Actor,
        request_id: i64,
        reason: &str,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        claim_pending(&mut tx, request_id, "rejected", Some(reason), actor).await?;
        let (user_id, formation_id): (i64, i64) =
            sqlx::query_as("SELECT user_id, formation_id FROM enrollment_requests WHERE id = $1")
                .bind(request_id)
                .fetch_one(&mut *tx)
                .await?;
        let change = Change::new("request.reject", "enrollment_request", request_id)
            .before(json!({ "status": "pending" }))
            .after(json!({ "status": "rejected", "reason": reason }))
            .about(&mut tx, formation_id, user_id)
            .await?;
        record_and_commit(tx, actor, change).await?;
        Ok(())
    }
}
