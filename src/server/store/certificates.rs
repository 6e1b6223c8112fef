//! Certificates: the one write path of the table (issue, revoke, reissue,
//! each taking an [`Actor`]; automatic issues are the system's), the
//! sweep's claims for mailing, and the reads of the learner, the public
//! verification and the admin list.
//!
//! At most one current (not replaced) certificate per enrollment: the
//! partial unique index `certificates_one_current`, and every insert is
//! `ON CONFLICT DO NOTHING`, so concurrent first reads, the sweep and
//! several instances on one PostgreSQL make one.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde_json::json;

use super::audit::{record_and_commit, Actor, Change};
use super::{decode, instant_text};
use crate::domain::certificate::{
    self, eligibility, CertificateCode, CertificateRecord, Eligibility, WithoutCertificate,
    CODE_BYTES,
};
use crate::domain::language::Lang;
use crate::error::{AppError, ErrorCode};
use crate::server::db::{Db, Tx};

/// A fresh code of 80 random bits from the operating system.
pub fn new_code() -> CertificateCode {
    let mut bytes = [0u8; CODE_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    CertificateCode::from_bytes(bytes)
}

/// Certificates a sweep inserts in one statement.
const INSERT_CHUNK: usize = 50;

/// An enrollment without a current certificate, with everything a
/// certificate freezes.
#[derive(sqlx::FromRow)]
struct StoredCandidate {
    enrollment_id: i64,
    user_id: i64,
    formation_id: i64,
    start_date: String,
    end_date: String,
    status: String,
    total_sessions: i64,
    learner_name: String,
    formation_name: String,
    level: String,
    instructor_name: String,
    timezone: String,
    certificate_min_attendance: i64,
    attended_sessions: i64,
    attended_minutes: i64,
}

/// The frozen facts of a certificate to insert.
struct NewCertificate {
    code: CertificateCode,
    enrollment_id: i64,
    user_id: i64,
    formation_id: i64,
    learner_name: String,
    formation_name: String,
    level: String,
    instructor_name: String,
    start_date: String,
    end_date: String,
    attended_sessions: i64,
    total_sessions: i64,
    attended_minutes: i64,
    by_exception: bool,
}

impl StoredCandidate {
    fn eligibility(&self, now: DateTime<Utc>) -> Result<Eligibility, AppError> {
        let status = decode::effective(
            &self.status,
            &self.start_date,
            &self.end_date,
            &self.timezone,
            now,
        )?;
        Ok(eligibility(
            status,
            self.attended_sessions,
            self.total_sessions,
            self.certificate_min_attendance,
        ))
    }

    fn freeze(self, by_exception: bool) -> NewCertificate {
        NewCertificate {
            code: new_code(),
            enrollment_id: self.enrollment_id,
            user_id: self.user_id,
            formation_id: self.formation_id,
            learner_name: self.learner_name,
            formation_name: self.formation_name,
            level: self.level,
            instructor_name: self.instructor_name,
            start_date: self.start_date,
            end_date: self.end_date,
            attended_sessions: self.attended_sessions,
            total_sessions: self.total_sessions,
            attended_minutes: self.attended_minutes,
            by_exception,
        }
    }
}

/// Enrollments that may need a certificate: not cancelled, ended by UTC
/// tomorrow (no time zone is further ahead; the effective status decides
/// exactly), with the learner `$2` (0 for all) or the enrollment `$3` (0 for
/// all). `$4` = 1 keeps only those without a current certificate.
const CANDIDATES: &str = "
    SELECT e.id AS enrollment_id, e.user_id, e.formation_id, e.start_date, e.end_date, e.status,
           e.total_sessions, u.name AS learner_name, f.name AS formation_name, f.level,
           f.instructor_name, f.timezone, f.certificate_min_attendance,
           (SELECT COUNT(*) FROM session_attendance a JOIN formation_sessions s ON s.id = a.session_id
             WHERE a.user_id = e.user_id AND s.formation_id = e.formation_id) AS attended_sessions,
           (SELECT CAST(COALESCE(SUM(s.duration_minutes), 0) AS BIGINT)
              FROM session_attendance a JOIN formation_sessions s ON s.id = a.session_id
             WHERE a.user_id = e.user_id AND s.formation_id = e.formation_id) AS attended_minutes
    FROM enrollments e
    JOIN users u ON u.id = e.user_id
    JOIN formations f ON f.id = e.formation_id
    WHERE e.status <> 'cancelled' AND e.end_date < $1
      AND ($2 = 0 OR e.user_id = $2)
      AND ($3 = 0 OR e.id = $3)
      AND ($4 = 0 OR NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrollment_id = e.id AND c.replaced_at IS NULL))
    ORDER BY e.id";

/// The day after `now` in UTC, as the candidates' bound.
fn tomorrow_utc(now: DateTime<Utc>) -> String {
    (now.date_naive() + Duration::days(1)).to_string()
}

async fn candidates_in(
    executor: impl sqlx::Executor<'_, Database = sqlx::Any>,
    now: DateTime<Utc>,
    user_id: i64,
    enrollment_id: i64,
    without_certificate: bool,
) -> Result<Vec<StoredCandidate>, AppError> {
    Ok(sqlx::query_as(CANDIDATES)
        .bind(tomorrow_utc(now))
        .bind(user_id)
        .bind(enrollment_id)
        .bind(i64::from(without_certificate))
        .fetch_all(executor)
        .await?)
}

/// Inserts certificates, skipping any enrollment that has a current one
/// by then; one statement per [`INSERT_CHUNK`].
async fn insert_in(
    tx: &mut Tx,
    new: &[NewCertificate],
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let mut inserted = 0;
    for chunk in new.chunks(INSERT_CHUNK) {
        const COLUMNS: usize = 15;
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let params: Vec<String> = (1..=COLUMNS)
                    .map(|c| format!("${}", i * COLUMNS + c))
                    .collect();
                format!("({})", params.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO certificates (code, enrollment_id, user_id, formation_id, learner_name,
                 formation_name, level, instructor_name, start_date, end_date, attended_sessions,
                 total_sessions, attended_minutes, by_exception, issued_at)
             VALUES {} ON CONFLICT DO NOTHING",
            rows.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for c in chunk {
            query = query
                .bind(c.code.as_str().to_string())
                .bind(c.enrollment_id)
                .bind(c.user_id)
                .bind(c.formation_id)
                .bind(c.learner_name.clone())
                .bind(c.formation_name.clone())
                .bind(c.level.clone())
                .bind(c.instructor_name.clone())
                .bind(c.start_date.clone())
                .bind(c.end_date.clone())
                .bind(c.attended_sessions)
                .bind(c.total_sessions)
                .bind(c.attended_minutes)
                .bind(i64::from(c.by_exception))
                .bind(instant_text(now));
        }
        inserted += query.execute(&mut **tx).await?.rows_affected();
    }
    Ok(inserted)
}

/// A certificate row with the code of the one that replaced it and the
/// learner's saved language (not frozen: the PDF speaks it today).
const CERTIFICATE_COLUMNS: &str = "
    c.id, c.code, c.enrollment_id, c.user_id, c.formation_id, c.learner_name, c.formation_name,
    c.level, c.instructor_name, c.start_date, c.end_date, c.attended_sessions, c.total_sessions,
    c.attended_minutes, c.issued_at, c.by_exception, c.revoked_at, c.revoked_reason,
    r.code AS replaced_by_code, u.language AS learner_language";

const CERTIFICATE_FROM: &str = "
    FROM certificates c
    LEFT JOIN certificates r ON r.id = c.replaced_by
    LEFT JOIN users u ON u.id = c.user_id";

#[derive(sqlx::FromRow)]
struct StoredCertificate {
    id: i64,
    code: String,
    enrollment_id: i64,
    user_id: i64,
    formation_id: i64,
    learner_name: String,
    formation_name: String,
    level: String,
    instructor_name: String,
    start_date: String,
    end_date: String,
    attended_sessions: i64,
    total_sessions: i64,
    attended_minutes: i64,
    issued_at: String,
    by_exception: i64,
    revoked_at: Option<String>,
    revoked_reason: Option<String>,
    replaced_by_code: Option<String>,
    learner_language: Option<String>,
}

fn code_of(text: &str) -> Result<CertificateCode, AppError> {
    CertificateCode::parse(text).map_err(|_| super::corrupt("certificate code", text))
}

/// A certificate and its learner's saved language.
#[derive(Debug, Clone)]
pub struct StoredCertificateWithLang {
    pub certificate: CertificateRecord,
    pub language: Option<Lang>,
}

impl TryFrom<StoredCertificate> for StoredCertificateWithLang {
    type Error = AppError;

    fn try_from(r: StoredCertificate) -> Result<Self, AppError> {
        Ok(StoredCertificateWithLang {
            language: r.learner_language.as_deref().and_then(Lang::from_tag),
            certificate: CertificateRecord {
                id: r.id,
                code: code_of(&r.code)?,
                enrollment_id: r.enrollment_id,
                user_id: r.user_id,
                formation_id: r.formation_id,
                learner_name: r.learner_name,
                formation_name: r.formation_name,
                level: decode::level(&r.level)?,
                instructor_name: r.instructor_name,
                start_date: decode::date(&r.start_date)?,
                end_date: decode::date(&r.end_date)?,
                attended_sessions: r.attended_sessions,
                total_sessions: r.total_sessions,
                attended_minutes: r.attended_minutes,
                issued_at: decode::instant(&r.issued_at)?,
                by_exception: r.by_exception != 0,
                revoked_at: r.revoked_at.as_deref().map(decode::instant).transpose()?,
                revoked_reason: r.revoked_reason,
                replaced_by: r.replaced_by_code.as_deref().map(code_of).transpose()?,
            },
        })
    }
}

fn convert(rows: Vec<StoredCertificate>) -> Result<Vec<CertificateRecord>, AppError> {
    rows.into_iter()
        .map(|r| StoredCertificateWithLang::try_from(r).map(|c| c.certificate))
        .collect()
}

/// The current certificate of each of these enrollments: code and whether
/// revoked.
pub(crate) type CurrentCodes = Vec<(i64, CertificateCode, bool)>;

/// One page of a formation's certificates for the admin list.
#[derive(Debug, Clone)]
pub struct CertificatePage {
    pub certificates: Vec<CertificateRecord>,
    /// The id to ask for the next (older) page with, if any.
    pub older_than: Option<i64>,
}

/// A certificate due to be mailed: the certificate, the learner's address
/// and saved language.
#[derive(Debug, Clone)]
pub struct MailDue {
    pub certificate: CertificateRecord,
    pub email: String,
    pub language: Option<Lang>,
}

impl Db {
    /// Issues the certificates these enrollments of `user_id` have earned
    /// and lack, and returns the current certificate of each (its code,
    /// whether revoked), the issue of a concurrent reader included. The
    /// learner's first read after the end date comes here; a later one has
    /// its certificate already and does not.
    #[tracing::instrument(skip(self, enrollment_ids), err)]
    pub(crate) async fn issue_earned_for(
        &self,
        user_id: i64,
        enrollment_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<CurrentCodes, AppError> {
        if enrollment_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        let candidates = candidates_in(&mut *tx, now, user_id, 0, true).await?;
        let mut due = Vec::new();
        for c in candidates {
            if enrollment_ids.contains(&c.enrollment_id)
                && c.eligibility(now)? == Eligibility::Earned
            {
                due.push(c.freeze(false));
            }
        }
        insert_in(&mut tx, &due, now).await?;
        let sql = format!(
            "SELECT enrollment_id, code, revoked_at FROM certificates
             WHERE user_id = $1 AND replaced_at IS NULL AND enrollment_id IN ({})",
            super::placeholders(2, enrollment_ids.len())
        );
        let mut query = sqlx::query_as::<_, (i64, String, Option<String>)>(&sql).bind(user_id);
        for id in enrollment_ids {
            query = query.bind(*id);
        }
        let rows = query.fetch_all(&mut *tx).await?;
        tx.commit().await?;
        rows.into_iter()
            .map(|(id, code, revoked)| Ok((id, code_of(&code)?, revoked.is_some())))
            .collect()
    }

    /// The sweep's first half: every earned certificate not issued yet, for
    /// all learners. Returns how many were issued (by this call: another
    /// instance's are skipped).
    #[tracing::instrument(skip(self), err)]
    pub async fn issue_all_earned(&self, now: DateTime<Utc>) -> Result<u64, AppError> {
        let candidates = candidates_in(self.pool(), now, 0, 0, true).await?;
        let mut due = Vec::new();
        for c in candidates {
            if c.eligibility(now)? == Eligibility::Earned {
                due.push(c.freeze(false));
            }
        }
        if due.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin_write().await?;
        let inserted = insert_in(&mut tx, &due, now).await?;
        tx.commit().await?;
        Ok(inserted)
    }

    /// An admin's (or the CLI's) issue for one enrollment: the certificate
    /// it earned, or with `force` one below the formation's minimum
    /// attendance ("by exception"). A current valid certificate is
    /// returned as it is; a revoked one must be reissued instead.
    #[tracing::instrument(skip(self), err(level = "info"))]
    pub async fn issue_certificate(
        &self,
        actor: &Actor,
        enrollment_id: i64,
        force: bool,
        now: DateTime<Utc>,
    ) -> Result<CertificateCode, AppError> {
        let mut tx = self.begin_write().await?;
        let current: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT code, revoked_at FROM certificates WHERE enrollment_id = $1 AND replaced_at IS NULL",
        )
        .bind(enrollment_id)
        .fetch_optional(&mut *tx)
        .await?;
        match current {
            Some((_, Some(_))) => return Err(AppError::Conflict(ErrorCode::CertificateRevoked)),
            Some((code, None)) => {
                tx.commit().await?;
                return code_of(&code);
            }
            None => {}
        }
        let mut found = candidates_in(&mut *tx, now, 0, enrollment_id, true).await?;
        let candidate = match found.pop() {
            Some(c) => c,
            None => {
                let exists: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM enrollments WHERE id = $1")
                        .bind(enrollment_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                exists.ok_or(AppError::NotFound)?;
                return Err(AppError::Conflict(ErrorCode::CertificateNotCompleted));
            }
        };
        let by_exception = match candidate.eligibility(now)? {
            Eligibility::Earned => false,
            Eligibility::BelowThreshold { .. } if force => true,
            Eligibility::BelowThreshold { .. } => {
                return Err(AppError::Conflict(ErrorCode::CertificateNotEarned))
            }
            Eligibility::NotCompleted => {
                return Err(AppError::Conflict(ErrorCode::CertificateNotCompleted))
            }
        };
        let (formation_id, user_id) = (candidate.formation_id, candidate.user_id);
        let new = candidate.freeze(by_exception);
        let code = new.code.clone();
        if insert_in(&mut tx, std::slice::from_ref(&new), now).await? == 0 {
            return Err(AppError::Conflict(ErrorCode::NoLongerPossible));
        }
        let id = id_of(&mut tx, &code).await?;
        let change = Change::new("certificate.issue", "certificate", id)
            .about(&mut tx, formation_id, user_id)
            .await?
            .after(json!({
                "code": code.display(), "enrollment_id": enrollment_id,
                "by_exception": by_exception,
            }));
        record_and_commit(tx, actor, change).await?;
        Ok(code)
    }

    /// Revokes the current certificate of this code: the verification says
    /// so (date, reason) and no certificate is issued again automatically.
    #[tracing::instrument(skip(self, reason), err(level = "info"))]
    pub async fn revoke_certificate(
        &self,
        actor: &Actor,
        code: &CertificateCode,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let reason = certificate::parse_reason(reason)?;
        let mut tx = self.begin_write().await?;
        let c = certificate_in(&mut tx, code).await?;
        if c.replaced_by.is_some() {
            return Err(AppError::Conflict(ErrorCode::CertificateReplaced));
        }
        let done = sqlx::query(
            "UPDATE certificates SET revoked_at = $1, revoked_reason = $2
             WHERE id = $3 AND revoked_at IS NULL AND replaced_at IS NULL",
        )
        .bind(instant_text(now))
        .bind(&reason)
        .bind(c.id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(AppError::Conflict(ErrorCode::CertificateAlreadyRevoked));
        }
        let change = Change::new("certificate.revoke", "certificate", c.id)
            .about(&mut tx, c.formation_id, c.user_id)
            .await?
            .before(json!({ "code": code.display(), "state": "valid" }))
            .after(json!({ "code": code.display(), "state": "revoked", "reason": reason }));
        record_and_commit(tx, actor, change).await?;
        Ok(())
    }

    /// Replaces the current certificate of this code (valid or revoked) by a
    /// new one with a new code, frozen from the learner and formation as
    /// they are now (a corrected name): the old one says "replaced" and
    /// points to the new one.
    #[tracing::instrument(skip(self), err(level = "info"))]
    pub async fn reissue_certificate(
        &self,
        actor: &Actor,
        code: &CertificateCode,
        now: DateTime<Utc>,
    ) -> Result<CertificateCode, AppError> {
        let mut tx = self.begin_write().await?;
        let old = certificate_in(&mut tx, code).await?;
        let done = sqlx::query(
            "UPDATE certificates SET replaced_at = $1 WHERE id = $2 AND replaced_at IS NULL",
        )
        .bind(instant_text(now))
        .bind(old.id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(AppError::Conflict(ErrorCode::CertificateReplaced));
        }
        let mut found = candidates_in(&mut *tx, now, 0, old.enrollment_id, false).await?;
        let candidate = found
            .pop()
            .ok_or(AppError::Conflict(ErrorCode::CertificateNotCompleted))?;
        let by_exception = old.by_exception || candidate.eligibility(now)? != Eligibility::Earned;
        let new = candidate.freeze(by_exception);
        let new_code = new.code.clone();
        if insert_in(&mut tx, std::slice::from_ref(&new), now).await? == 0 {
            return Err(AppError::Conflict(ErrorCode::NoLongerPossible));
        }
        let new_id = id_of(&mut tx, &new_code).await?;
        sqlx::query("UPDATE certificates SET replaced_by = $1 WHERE id = $2")
            .bind(new_id)
            .bind(old.id)
            .execute(&mut *tx)
            .await?;
        let change = Change::new("certificate.reissue", "certificate", new_id)
            .about(&mut tx, old.formation_id, old.user_id)
            .await?
            .before(json!({ "code": code.display(), "learner_name": old.learner_name }))
            .after(json!({ "code": new_code.display(), "learner_name": new.learner_name }));
        record_and_commit(tx, actor, change).await?;
        Ok(new_code)
    }

    /// A certificate by its code, whatever its state; `None` when no
    /// certificate has it.
    #[tracing::instrument(skip(self), err)]
    pub async fn certificate_by_code(
        &self,
        code: &CertificateCode,
    ) -> Result<Option<StoredCertificateWithLang>, AppError> {
        let row: Option<StoredCertificate> = sqlx::query_as(&format!(
            "SELECT {CERTIFICATE_COLUMNS} {CERTIFICATE_FROM} WHERE c.code = $1"
        ))
        .bind(code.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(StoredCertificateWithLang::try_from).transpose()
    }

    /// The current, valid certificate of one enrollment of this learner;
    /// `None` for anybody else's enrollment, or none, or a revoked one.
    #[tracing::instrument(skip(self), err)]
    pub async fn learner_certificate(
        &self,
        user_id: i64,
        enrollment_id: i64,
    ) -> Result<Option<StoredCertificateWithLang>, AppError> {
        let row: Option<StoredCertificate> = sqlx::query_as(&format!(
            "SELECT {CERTIFICATE_COLUMNS} {CERTIFICATE_FROM}
             WHERE c.enrollment_id = $1 AND c.user_id = $2
               AND c.replaced_at IS NULL AND c.revoked_at IS NULL"
        ))
        .bind(enrollment_id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(StoredCertificateWithLang::try_from).transpose()
    }

    /// "Mes certificats": the learner's current valid certificates, newest
    /// first.
    #[tracing::instrument(skip(self), err)]
    pub async fn learner_certificates(
        &self,
        user_id: i64,
    ) -> Result<Vec<CertificateRecord>, AppError> {
        let rows: Vec<StoredCertificate> = sqlx::query_as(&format!(
            "SELECT {CERTIFICATE_COLUMNS} {CERTIFICATE_FROM}
             WHERE c.user_id = $1 AND c.replaced_at IS NULL AND c.revoked_at IS NULL
             ORDER BY c.issued_at DESC, c.id DESC"
        ))
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        convert(rows)
    }

    /// A page of a formation's certificates, newest first, older than the
    /// `before` id when given (a keyset cursor, as the audit log).
    #[tracing::instrument(skip(self), err)]
    pub async fn admin_certificates(
        &self,
        formation_id: i64,
        before: Option<i64>,
        size: i64,
    ) -> Result<CertificatePage, AppError> {
        let rows: Vec<StoredCertificate> = sqlx::query_as(&format!(
            "SELECT {CERTIFICATE_COLUMNS} {CERTIFICATE_FROM}
             WHERE c.formation_id = $1 AND ($2 = 0 OR c.id < $2)
             ORDER BY c.id DESC LIMIT $3"
        ))
        .bind(formation_id)
        .bind(before.unwrap_or(0))
        .bind(size + 1)
        .fetch_all(self.pool())
        .await?;
        let mut certificates = convert(rows)?;
        let more = certificates.len() as i64 > size;
        certificates.truncate(size as usize);
        let older_than = more.then(|| certificates.last().map(|c| c.id)).flatten();
        Ok(CertificatePage {
            certificates,
            older_than,
        })
    }

    /// A page of the enrollments of a formation that are finished without a
    /// current certificate (below the minimum, or not swept yet): the
    /// admin's "issue by exception" choices, with the learner's name; newest
    /// enrollment first, older than the `before` id when given, and the
    /// cursor of the next page.
    #[tracing::instrument(skip(self), err)]
    pub async fn enrollments_without_certificate(
        &self,
        formation_id: i64,
        before: Option<i64>,
        size: i64,
        now: DateTime<Utc>,
    ) -> Result<(Vec<WithoutCertificate>, Option<i64>), AppError> {
        let rows: Vec<StoredCandidate> = sqlx::query_as(CANDIDATES_OF_FORMATION)
            .bind(tomorrow_utc(now))
            .bind(formation_id)
            .bind(before.unwrap_or(0))
            .bind(size + 1)
            .fetch_all(self.pool())
            .await?;
        let more = rows.len() as i64 > size;
        let rows = &rows[..rows.len().min(size as usize)];
        let next = more.then(|| rows.last().map(|r| r.enrollment_id)).flatten();
        let mut out = Vec::new();
        for r in rows {
            // The last day's enrollments may not be over in their zone yet:
            // left out of this page, not of the next.
            let e = r.eligibility(now)?;
            if e != Eligibility::NotCompleted {
                out.push(WithoutCertificate {
                    enrollment_id: r.enrollment_id,
                    learner_name: r.learner_name.clone(),
                    rate_percent: certificate::rate_percent(r.attended_sessions, r.total_sessions),
                    required: r.certificate_min_attendance,
                });
            }
        }
        Ok((out, next))
    }

    /// The sweep's second half: valid certificates never mailed, oldest
    /// first.
    #[tracing::instrument(skip(self), err)]
    pub async fn certificates_to_mail(&self, limit: i64) -> Result<Vec<MailDue>, AppError> {
        let found: Vec<StoredCertificateAndEmail> = sqlx::query_as(&format!(
            "SELECT {CERTIFICATE_COLUMNS}, u.email AS learner_email {CERTIFICATE_FROM}
             WHERE c.mailed_at IS NULL AND c.revoked_at IS NULL AND c.replaced_at IS NULL
             ORDER BY c.id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        found
            .into_iter()
            .map(|r| {
                let email = r.learner_email;
                let c = StoredCertificateWithLang::try_from(r.certificate)?;
                Ok(MailDue {
                    certificate: c.certificate,
                    email,
                    language: c.language,
                })
            })
            .collect()
    }

    /// Claims a certificate's mail for this sweep: true for the one caller
    /// (of any instance) that gets it, so the mail goes once.
    pub async fn claim_certificate_mail(
        &self,
        certificate_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE certificates SET mailed_at = $1 WHERE id = $2 AND mailed_at IS NULL",
        )
        .bind(instant_text(now))
        .bind(certificate_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives a claim back after a failed send, for the next sweep.
    pub async fn release_certificate_mail(&self, certificate_id: i64) -> Result<(), AppError> {
        sqlx::query("UPDATE certificates SET mailed_at = NULL WHERE id = $1")
            .bind(certificate_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// [`CANDIDATES`] for one formation (`$2`), certificate or not yet.
const CANDIDATES_OF_FORMATION: &str = "
    SELECT e.id AS enrollment_id, e.user_id, e.formation_id, e.start_date, e.end_date, e.status,
           e.total_sessions, u.name AS learner_name, f.name AS formation_name, f.level,
           f.instructor_name, f.timezone, f.certificate_min_attendance,
           (SELECT COUNT(*) FROM session_attendance a JOIN formation_sessions s ON s.id = a.session_id
             WHERE a.user_id = e.user_id AND s.formation_id = e.formation_id) AS attended_sessions,
           CAST(0 AS BIGINT) AS attended_minutes
    FROM enrollments e
    JOIN users u ON u.id = e.user_id
    JOIN formations f ON f.id = e.formation_id
    WHERE e.status <> 'cancelled' AND e.end_date < $1 AND e.formation_id = $2
      AND ($3 = 0 OR e.id < $3)
      AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrollment_id = e.id AND c.replaced_at IS NULL)
    ORDER BY e.id DESC LIMIT $4";

#[derive(sqlx::FromRow)]
struct StoredCertificateAndEmail {
    #[sqlx(flatten)]
    certificate: StoredCertificate,
    learner_email: String,
}

async fn id_of(tx: &mut Tx, code: &CertificateCode) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM certificates WHERE code = $1")
            .bind(code.as_str())
            .fetch_one(&mut **tx)
            .await?,
    )
}

async fn certificate_in(
    tx: &mut Tx,
    code: &CertificateCode,
) -> Result<CertificateRecord, AppError> {
    let row: Option<StoredCertificate> = sqlx::query_as(&format!(
        "SELECT {CERTIFICATE_COLUMNS} {CERTIFICATE_FROM} WHERE c.code = $1"
    ))
    .bind(code.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    Ok(StoredCertificateWithLang::try_from(row)?.certificate)
}
