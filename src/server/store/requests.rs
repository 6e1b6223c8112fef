//! The learners' catalogue and their enrollment requests ("En attente de
//! paiement" until an admin confirms the payment or refuses).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::audit::{learner_in, record_and_commit, Actor, Change};
use super::enrollments::{enroll_in, NewEnrollment};
use super::formations::head_in;
use super::{decode, instant_text, unique_or};
use crate::domain::admin::RequestRow;
use crate::domain::catalogue::{
    CatalogueDetail, CatalogueEntry, CatalogueQuery, CatalogueView, MyRequest, PublicSeance,
    RequestStatus,
};
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

/// A decided request, as its mail tells it.
#[derive(Debug, Clone)]
pub struct RequestDecision {
    pub lang: crate::domain::language::Lang,
    pub email: String,
    pub name: String,
    pub formation_id: i64,
    pub formation_name: String,
    pub status: RequestStatus,
    pub reason: Option<String>,
    /// The enrollment's period, once confirmed.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// A formation of the catalogue as stored (no meeting detail is selected).
#[derive(sqlx::FromRow)]
struct StoredCatalogueEntry {
    id: i64,
    #[sqlx(flatten)]
    info: super::StoredInfo,
    timezone: String,
    price_cents: Option<i64>,
    currency: String,
    starts_on: Option<String>,
    ends_on: Option<String>,
    seats: Option<i64>,
    payment_instructions: String,
    seats_taken: i64,
}

/// The public facts of a catalogue entry, read the same way by the list
/// and a formation's page.
const CATALOGUE_COLUMNS: &str = "f.id, f.name, f.description, f.level, f.platform,
    f.instructor_name, f.schedule_description, f.timezone, f.price_cents, f.currency,
    f.starts_on, f.ends_on, f.seats, f.payment_instructions,
    (SELECT COUNT(*) FROM enrollments e WHERE e.formation_id = f.id AND e.status <> 'cancelled')
        AS seats_taken";

impl StoredCatalogueEntry {
    /// The entry, with the caller's states; its payment instructions are
    /// handed back apart (shown to who asked only).
    fn entry(
        self,
        request: Option<RequestStatus>,
        enrollment: Option<EnrollmentStatus>,
    ) -> Result<(CatalogueEntry, String), AppError> {
        // The instructions are handed back apart, never in the entry.
        let offer = decode::offer(
            self.price_cents,
            &self.currency,
            self.starts_on.as_deref(),
            self.ends_on.as_deref(),
            self.seats,
            String::new(),
        )?;
        Ok((
            CatalogueEntry {
                info: FormationInfo::try_from(self.info)?,
                timezone: decode::timezone(&self.timezone)?.name().to_string(),
                request,
                enrollment,
                offer,
                seats_taken: self.seats_taken,
                id: self.id,
            },
            self.payment_instructions,
        ))
    }
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
    pub async fn catalogue(
        &self,
        user_id: Option<i64>,
        query: &CatalogueQuery,
    ) -> Result<CatalogueView, AppError> {
        let filter = query.filter();
        let pattern = format!("%{}%", filter.words.replace(['\\', '%', '_'], ""));
        let (from, to) = filter
            .month
            .map(|(from, to)| (format!("{from}T00:00:00Z"), format!("{to}T00:00:00Z")))
            .unwrap_or_default();
        let formations: Vec<StoredCatalogueEntry> = sqlx::query_as(&format!(
            "SELECT {CATALOGUE_COLUMNS}
             FROM formations f
             WHERE f.archived = 0 AND f.draft = 0
               AND ($1 = '' OR lower(f.name) LIKE $2 OR lower(f.description) LIKE $2
                    OR lower(f.instructor_name) LIKE $2)
               AND ($3 = '' OR f.level = $3)
               AND ($4 = '' OR f.platform = $4)
               AND ($5 = '' OR EXISTS (SELECT 1 FROM formation_sessions s
                    WHERE s.formation_id = f.id AND s.scheduled_date >= $5 AND s.scheduled_date < $6))
             ORDER BY f.name, f.id"
        ))
        .bind(&filter.words)
        .bind(&pattern)
        .bind(filter.level.map(|l| l.as_str()).unwrap_or_default())
        .bind(filter.platform.map(|p| p.as_str()).unwrap_or_default())
        .bind(&from)
        .bind(&to)
        .fetch_all(self.pool())
        .await?;
        let (requests, enrollment_of) = match user_id {
            Some(user_id) => self.requests_and_enrollments(user_id).await?,
            None => (Vec::new(), HashMap::new()),
        };
        let mut request_of: HashMap<i64, RequestStatus> = HashMap::new();
        for r in &requests {
            request_of.entry(r.formation_id).or_insert(r.status);
        }
        let formations = formations
            .into_iter()
            .map(|f| {
                let (request, enrollment) = (
                    request_of.get(&f.id).copied(),
                    enrollment_of.get(&f.id).copied(),
                );
                Ok(f.entry(request, enrollment)?.0)
            })
            .collect::<Result<_, AppError>>()?;
        Ok(CatalogueView {
            formations,
            requests,
            signed_in: user_id.is_some(),
        })
    }

    /// One formation of the catalogue (not archived) and its séances not
    /// yet ended, as the public sees them; with the caller's request and
    /// enrollment when signed in.
    pub async fn catalogue_formation(
        &self,
        user_id: Option<i64>,
        formation_id: i64,
        now: DateTime<Utc>,
    ) -> Result<CatalogueDetail, AppError> {
        let found: Option<StoredCatalogueEntry> = sqlx::query_as(&format!(
            "SELECT {CATALOGUE_COLUMNS} FROM formations f
             WHERE f.id = $1 AND f.archived = 0 AND f.draft = 0"
        ))
        .bind(formation_id)
        .fetch_optional(self.pool())
        .await?;
        let f = found.ok_or(AppError::NotFound)?;
        // A séance lasts at most a day: those that started the day before
        // are read, and the ones over are left out here.
        let sessions: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT session_number, title, scheduled_date, duration_minutes FROM formation_sessions
             WHERE formation_id = $1 AND scheduled_date >= $2 ORDER BY scheduled_date, id",
        )
        .bind(formation_id)
        .bind(super::instant_text(now - chrono::Duration::days(1)))
        .fetch_all(self.pool())
        .await?;
        let sessions = sessions
            .into_iter()
            .map(|(number, title, at, duration_minutes)| {
                Ok(PublicSeance {
                    number,
                    title,
                    starts_at: decode::instant(&at)?,
                    duration_minutes,
                })
            })
            .filter(|s: &Result<PublicSeance, AppError>| {
                s.as_ref().map_or(true, |s| {
                    s.starts_at + chrono::Duration::minutes(s.duration_minutes) > now
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let (requests, enrollment_of) = match user_id {
            Some(user_id) => self.requests_and_enrollments(user_id).await?,
            None => (Vec::new(), HashMap::new()),
        };
        let latest = requests.iter().find(|r| r.formation_id == f.id);
        let request = latest.map(|r| r.status);
        let request_id = latest.map(|r| r.id);
        let enrollment = enrollment_of.get(&f.id).copied();
        let (entry, instructions) = f.entry(request, enrollment)?;
        Ok(CatalogueDetail {
            entry,
            sessions,
            signed_in: user_id.is_some(),
            payment_instructions: (request == Some(RequestStatus::Pending)).then_some(instructions),
            request_id,
        })
    }

    /// The learner's requests (newest first) and, per formation, their
    /// latest enrollment's effective status (a live one winning over a
    /// cancelled one): two statements.
    async fn requests_and_enrollments(
        &self,
        user_id: i64,
    ) -> Result<(Vec<MyRequest>, HashMap<i64, EnrollmentStatus>), AppError> {
        let requests = self.my_requests(user_id, false).await?;
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
        Ok((requests, enrollment_of))
    }

    /// The learner's requests, newest first; `open` keeps only those that
    /// still concern them on their pages (waiting, or refused with a
    /// reason to read). One statement.
    pub async fn my_requests(&self, user_id: i64, open: bool) -> Result<Vec<MyRequest>, AppError> {
        let requests: Vec<StoredMyRequest> = sqlx::query_as(
            "SELECT r.id, r.formation_id, f.name AS formation_name, r.status, r.reason, r.created_at,
                    e.status AS e_status, e.start_date AS e_start, e.end_date AS e_end, f.timezone
                 FROM enrollment_requests r
                 JOIN formations f ON f.id = r.formation_id
                 LEFT JOIN enrollments e ON e.id = r.enrollment_id
                 WHERE r.user_id = $1 AND ($2 = 0 OR r.status IN ('pending', 'rejected'))
                 ORDER BY r.created_at DESC, r.id DESC",
        )
        .bind(user_id)
        .bind(i64::from(open))
        .fetch_all(self.pool())
        .await?;
        requests.into_iter().map(MyRequest::try_from).collect()
    }

    /// Who to tell about a decided request, and what: the learner's
    /// address, name and language, the formation, and the decision.
    pub async fn request_decision(&self, request_id: i64) -> Result<RequestDecision, AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            email: String,
            name: String,
            language: Option<String>,
            formation_id: i64,
            formation_name: String,
            status: String,
            reason: Option<String>,
            start_date: Option<String>,
            end_date: Option<String>,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT u.email, u.name, u.language, f.id AS formation_id, f.name AS formation_name,
                    r.status, r.reason, e.start_date, e.end_date
             FROM enrollment_requests r
             JOIN users u ON u.id = r.user_id
             JOIN formations f ON f.id = r.formation_id
             LEFT JOIN enrollments e ON e.id = r.enrollment_id
             WHERE r.id = $1",
        )
        .bind(request_id)
        .fetch_optional(self.pool())
        .await?;
        let r = row.ok_or(AppError::NotFound)?;
        Ok(RequestDecision {
            lang: r
                .language
                .as_deref()
                .and_then(crate::domain::language::Lang::from_tag)
                .unwrap_or_default(),
            email: r.email,
            name: r.name,
            formation_id: r.formation_id,
            formation_name: r.formation_name,
            status: request_status(&r.status)?,
            reason: r.reason,
            period: match (r.start_date, r.end_date) {
                (Some(start), Some(end)) => Some((decode::date(&start)?, decode::date(&end)?)),
                _ => None,
            },
        })
    }

    /// The learner takes back a request still waiting for the payment.
    /// Someone else's request is "not found"; one already decided (or
    /// withdrawn) is a conflict, never a change.
    #[tracing::instrument(skip_all, err)]
    pub async fn withdraw_request(
        &self,
        user_id: i64,
        request_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT formation_id, status FROM enrollment_requests WHERE id = $1 AND user_id = $2",
        )
        .bind(request_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (formation_id, _) = row.ok_or(AppError::NotFound)?;
        let done = sqlx::query(
            "UPDATE enrollment_requests SET status = 'withdrawn', decided_at = $1
             WHERE id = $2 AND status = 'pending'",
        )
        .bind(instant_text(now))
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(AppError::Conflict(ErrorCode::RequestNotPending));
        }
        tx.commit().await?;
        Ok(formation_id)
    }

    /// A learner asks to enroll; the request waits for the payment.
    #[tracing::instrument(skip_all, err)]
    pub async fn request_enrollment(
        &self,
        user_id: i64,
        formation_id: i64,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        // A draft is not in the catalogue: nobody can ask for it.
        let state: Option<(i64, i64)> =
            sqlx::query_as("SELECT archived, draft FROM formations WHERE id = $1")
                .bind(formation_id)
                .fetch_optional(&mut *tx)
                .await?;
        match state {
            None | Some((_, 1)) => return Err(AppError::NotFound),
            Some((1, _)) => return Err(AppError::Conflict(ErrorCode::FormationArchived)),
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
    pub async fn pending_requests(
        &self,
        after: Option<i64>,
        size: i64,
    ) -> Result<(Vec<RequestRow>, Option<i64>), AppError> {
        // Oldest first, after the `after` request in that order: a keyset
        // cursor on (created_at, id), read through `enrollment_requests_status`.
        let rows: Vec<StoredRequest> = sqlx::query_as(
            "SELECT r.id, u.name AS user_name, u.email AS user_email, f.id AS formation_id,
                    f.name AS formation_name, r.created_at, r.status, r.reason
             FROM enrollment_requests r
             JOIN users u ON u.id = r.user_id
             JOIN formations f ON f.id = r.formation_id
             WHERE r.status = 'pending'
               AND ($1 = 0 OR r.created_at > (SELECT created_at FROM enrollment_requests WHERE id = $1)
                    OR (r.created_at = (SELECT created_at FROM enrollment_requests WHERE id = $1) AND r.id > $1))
             ORDER BY r.created_at, r.id LIMIT $2",
        )
        .bind(after.unwrap_or(0))
        .bind(size + 1)
        .fetch_all(self.pool())
        .await?;
        super::keyset_page(rows, size, |r: &RequestRow| r.id)
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
