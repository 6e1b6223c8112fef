use chrono::{DateTime, Utc};

use super::{instant_text, is_unique_violation};
use crate::domain::account::{Email, Role, SessionUser};
use crate::error::AppError;
use crate::server::db::Db;

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
}

impl From<UserRow> for SessionUser {
    fn from(row: UserRow) -> Self {
        SessionUser {
            id: row.id,
            email: row.email,
            name: row.name,
            role: Role::from_stored(&row.role),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Cookie,
    Bearer,
}

impl TokenKind {
    fn as_str(self) -> &'static str {
        match self {
            TokenKind::Cookie => "cookie",
            TokenKind::Bearer => "bearer",
        }
    }
}

impl Db {
    #[tracing::instrument(skip_all, err)]
    pub async fn insert_user(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
        role: Role,
    ) -> Result<i64, AppError> {
        self.insert_user_marked(email, name, password_hash, role, false)
            .await
    }

    /// A user made by `formations demo`, marked so: the demo reuses only
    /// the accounts it made itself.
    #[tracing::instrument(skip_all, err)]
    pub async fn insert_demo_user(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
        role: Role,
    ) -> Result<i64, AppError> {
        self.insert_user_marked(email, name, password_hash, role, true)
            .await
    }

    /// The id of the user with this e-mail and whether the demo made it.
    pub async fn user_origin(&self, email: &Email) -> Result<Option<(i64, bool)>, AppError> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, created_by_demo FROM users WHERE email = $1")
                .bind(email.as_str())
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(id, demo)| (id, demo == 1)))
    }

    async fn insert_user_marked(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
        role: Role,
        demo: bool,
    ) -> Result<i64, AppError> {
        sqlx::query_scalar(
            "INSERT INTO users (email, name, password_hash, role, created_at, created_by_demo)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(email.as_str())
        .bind(name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(instant_text(Utc::now()))
        .bind(i64::from(demo))
        .fetch_one(self.pool())
        .await
        .map_err(|err| {
            if is_unique_violation(&err) {
                AppError::Invalid {
                    field: "email".into(),
                    message: crate::domain::account::EMAIL_TAKEN.into(),
                }
            } else {
                err.into()
            }
        })
    }

    /// The user and their password hash, for a login attempt.
    pub async fn credentials(
        &self,
        email: &Email,
    ) -> Result<Option<(SessionUser, String)>, AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            email: String,
            name: String,
            role: String,
            password_hash: String,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, email, name, role, password_hash FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| {
            let user = UserRow {
                id: r.id,
                email: r.email,
                name: r.name,
                role: r.role,
            };
            (user.into(), r.password_hash)
        }))
    }

    pub async fn user_id_by_email(&self, email: &Email) -> Result<Option<i64>, AppError> {
        Ok(sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(self.pool())
            .await?)
    }

    pub async fn insert_auth_session(
        &self,
        token_hash: &str,
        user_id: i64,
        kind: TokenKind,
        expires_at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        self.insert_linked_auth_session(token_hash, user_id, kind, expires_at, None)
            .await
    }

    /// A session that ends with another one: the cookie session a REST login
    /// opens names that login's token in `opened_with`.
    pub async fn insert_linked_auth_session(
        &self,
        token_hash: &str,
        user_id: i64,
        kind: TokenKind,
        expires_at: DateTime<Utc>,
        opened_with: Option<&str>,
    ) -> Result<(), AppError> {
        let now = instant_text(Utc::now());
        sqlx::query(
            "INSERT INTO auth_sessions
                 (token_hash, user_id, kind, created_at, expires_at, last_seen_at, opened_with)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(kind.as_str())
        .bind(&now)
        .bind(instant_text(expires_at))
        .bind(&now)
        .bind(opened_with)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The user behind a live token; one query per request. A session unused
    /// since `idle_since` is over, as is one past its absolute expiry.
    pub async fn user_for_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        idle_since: DateTime<Utc>,
    ) -> Result<Option<(SessionUser, DateTime<Utc>)>, AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            email: String,
            name: String,
            role: String,
            last_seen_at: String,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT u.id, u.email, u.name, u.role,
                    COALESCE(s.last_seen_at, s.created_at) AS last_seen_at
             FROM auth_sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2
               AND COALESCE(s.last_seen_at, s.created_at) > $3",
        )
        .bind(token_hash)
        .bind(instant_text(now))
        .bind(instant_text(idle_since))
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| {
            let last_seen = super::parse_instant(&r.last_seen_at).unwrap_or(now);
            let user = UserRow {
                id: r.id,
                email: r.email,
                name: r.name,
                role: r.role,
            };
            (user.into(), last_seen)
        }))
    }

    /// Records that a session is in use. Conditional, so that instances
    /// racing on one session write once, and a read that comes too soon after
    /// the last write changes nothing.
    pub async fn touch_auth_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        seen_before: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE auth_sessions SET last_seen_at = $1
             WHERE token_hash = $2 AND COALESCE(last_seen_at, created_at) < $3",
        )
        .bind(instant_text(now))
        .bind(token_hash)
        .bind(instant_text(seen_before))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Logs a token out together with the session opened by the same login.
    pub async fn delete_auth_session_and_linked(&self, token_hash: &str) -> Result<(), AppError> {
        sqlx::query("DELETE FROM auth_sessions WHERE token_hash = $1 OR opened_with = $1")
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn delete_auth_session(&self, token_hash: &str) -> Result<(), AppError> {
        sqlx::query("DELETE FROM auth_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Expired sessions are swept at each login so the table does not grow
    /// without bound; no background job is needed for that.
    pub async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        sqlx::query("DELETE FROM auth_sessions WHERE expires_at <= $1")
            .bind(instant_text(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
