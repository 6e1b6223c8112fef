//! Uploaded attendance reports (Google Meet, Microsoft Teams): kept parsed
//! between the upload and the admin's confirmation (the one write path of
//! `attendance_imports`), applied once.

use chrono::{DateTime, Utc};

use super::instant_text;
use crate::error::AppError;
use crate::server::db::Db;

/// A report as kept: its layout, its entries (JSON of
/// `domain::attendance_report::ReportEntry`), and whether it was applied.
#[derive(Debug, Clone)]
pub struct StoredImport {
    pub id: i64,
    pub kind: String,
    pub entries: String,
    pub applied: bool,
}

impl Db {
    pub async fn save_attendance_import(
        &self,
        session_id: i64,
        kind: &str,
        entries: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO attendance_imports (session_id, kind, entries, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(session_id)
        .bind(kind)
        .bind(entries)
        .bind(instant_text(now))
        .fetch_one(self.pool())
        .await?)
    }

    /// The report `id` of séance `session_id` (another séance's: none).
    pub async fn attendance_import(
        &self,
        session_id: i64,
        id: i64,
    ) -> Result<Option<StoredImport>, AppError> {
        let row: Option<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, kind, entries, applied_at FROM attendance_imports WHERE id = $1 AND session_id = $2",
        )
        .bind(id)
        .bind(session_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(id, kind, entries, applied_at)| StoredImport {
            id,
            kind,
            entries,
            applied: applied_at.is_some(),
        }))
    }

    /// Claims the report for applying: true once, false ever after (a
    /// double click, two admins).
    pub async fn claim_attendance_import(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        Ok(sqlx::query(
            "UPDATE attendance_imports SET applied_at = $2 WHERE id = $1 AND applied_at IS NULL",
        )
        .bind(id)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }

    /// Gives a claim back when applying failed, so it can be tried again.
    pub async fn release_attendance_import(&self, id: i64) -> Result<(), AppError> {
        sqlx::query("UPDATE attendance_imports SET applied_at = NULL WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
