use chrono::{DateTime, Utc};

use super::{instant_text, is_foreign_key_violation, is_unique_violation};
use crate::domain::admin::FormationFields;
use crate::domain::catalog::Platform;
use crate::error::AppError;
use crate::server::db::Db;

/// The one INSERT of a formation, on the pool or inside a transaction (the
/// admin area writes its audit entry in the same one).
pub(crate) async fn insert_formation_in<'e, E>(
    exec: E,
    f: &FormationFields,
) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO formations (name, description, level, platform, meeting_link, meeting_id,
             meeting_password, instructor_name, schedule_description, timezone, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(&f.name)
    .bind(&f.description)
    .bind(f.level.as_str())
    .bind(f.platform.as_str())
    .bind(&f.meeting_link)
    .bind(f.meeting_id.as_deref())
    .bind(f.meeting_password.as_deref())
    .bind(&f.instructor_name)
    .bind(&f.schedule_description)
    .bind(f.timezone.name())
    .bind(instant_text(Utc::now()))
    .fetch_one(exec)
    .await
}

#[derive(Clone)]
pub struct NewSession {
    pub formation_id: i64,
    pub session_number: i64,
    pub title: String,
    pub scheduled_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub meeting_link: Option<String>,
    pub recording_link: Option<String>,
}
crate::debug_redacted!(NewSession { formation_id, session_number, title, scheduled_at, duration_minutes, recording_link } hide { meeting_link });

impl Db {
    #[tracing::instrument(skip_all, err)]
    pub async fn insert_formation(&self, f: &FormationFields) -> Result<i64, AppError> {
        Ok(insert_formation_in(self.pool(), f).await?)
    }

    pub async fn formation_id_by_name(&self, name: &str) -> Result<Option<i64>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM formations WHERE name = $1 ORDER BY id LIMIT 1")
                .bind(name)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn insert_session(&self, s: &NewSession) -> Result<i64, AppError> {
        sqlx::query_scalar(
            "INSERT INTO formation_sessions (formation_id, session_number, title, scheduled_date,
                 duration_minutes, meeting_link, recording_link)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(s.formation_id)
        .bind(s.session_number)
        .bind(&s.title)
        .bind(instant_text(s.scheduled_at))
        .bind(s.duration_minutes)
        .bind(s.meeting_link.as_deref())
        .bind(s.recording_link.as_deref())
        .fetch_one(self.pool())
        .await
        .map_err(|err| {
            if is_unique_violation(&err) {
                AppError::Invalid {
                    field: "session_number".into(),
                    message: format!(
                        "la formation {} a déjà une séance numéro {}",
                        s.formation_id, s.session_number
                    ),
                }
            } else if is_foreign_key_violation(&err) {
                AppError::Invalid {
                    field: "formation".into(),
                    message: format!("aucune formation n'a l'identifiant {}", s.formation_id),
                }
            } else {
                err.into()
            }
        })
    }
}

impl Db {
    /// The platform of a formation, or `None` when no formation has that id.
    pub async fn formation_platform(&self, id: i64) -> Result<Option<Platform>, AppError> {
        let text: Option<String> =
            sqlx::query_scalar("SELECT platform FROM formations WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        Ok(text.and_then(|t| Platform::parse(&t).ok()))
    }
}
