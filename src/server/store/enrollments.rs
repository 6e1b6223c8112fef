use chrono::{DateTime, NaiveDate, Utc};

use super::{instant_text, is_foreign_key_violation, is_unique_violation};
use crate::domain::status::EnrollmentStatus;
use crate::error::AppError;
use crate::server::db::Db;

#[derive(Debug, Clone)]
pub struct NewEnrollment {
    pub user_id: i64,
    pub formation_id: i64,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: EnrollmentStatus,
    pub total_sessions: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttendanceSource {
    Manual,
    SelfMarked,
}

impl AttendanceSource {
    fn as_str(self) -> &'static str {
        match self {
            AttendanceSource::Manual => "manual",
            AttendanceSource::SelfMarked => "self",
        }
    }
}

impl Db {
    #[tracing::instrument(skip_all, err)]
    pub async fn insert_enrollment(&self, e: &NewEnrollment) -> Result<i64, AppError> {
        if e.end_date < e.start_date {
            return Err(AppError::Invalid {
                field: "end_date".into(),
                message: "la date de fin doit être postérieure ou égale à la date de début".into(),
            });
        }
        sqlx::query_scalar(
            "INSERT INTO enrollments (user_id, formation_id, start_date, end_date, status, total_sessions, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(e.user_id)
        .bind(e.formation_id)
        .bind(e.start_date.to_string())
        .bind(e.end_date.to_string())
        .bind(e.status.as_str())
        .bind(e.total_sessions)
        .bind(instant_text(Utc::now()))
        .fetch_one(self.pool())
        .await
        .map_err(|err| {
            if is_unique_violation(&err) {
                AppError::Conflict("cet utilisateur est déjà inscrit à cette formation".into())
            } else if is_foreign_key_violation(&err) {
                AppError::Invalid {
                    field: "formation".into(),
                    message: format!("aucune formation n'a l'identifiant {}", e.formation_id),
                }
            } else {
                err.into()
            }
        })
    }

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

    pub async fn enrollment_exists(
        &self,
        user_id: i64,
        formation_id: i64,
    ) -> Result<bool, AppError> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM enrollments WHERE user_id = $1 AND formation_id = $2",
        )
        .bind(user_id)
        .bind(formation_id)
        .fetch_one(self.pool())
        .await?;
        Ok(count > 0)
    }
}
