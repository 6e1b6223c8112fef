use chrono::{DateTime, Utc};

use super::audit::{record, Change, LearnerNames};
use super::{instant_text, unique_or};
use crate::domain::account::{DisplayName, Email, LinkPurpose, Role, SessionUser};
use crate::domain::language::Lang;
use crate::error::{AppError, ErrorCode};
use crate::server::db::{Db, Tx};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    language: Option<String>,
}

impl From<UserRow> for SessionUser {
    fn from(row: UserRow) -> Self {
        SessionUser {
            id: row.id,
            email: row.email,
            name: row.name,
            role: Role::from_stored(&row.role),
            // An unknown stored language is one never chosen: the reader's
            // browser decides, as for anyone who never chose.
            language: row.language.as_deref().and_then(Lang::from_tag),
            unread_notices: 0,
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

/// Who made an account that an admin makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MadeBy {
    /// The command line or a test: an account like any other.
    Admin,
    /// `formations demo`.
    Demo,
}

/// A secret of a user's kept as it is, in its own column: made by the
/// first use that needs it, replaced on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserSecret {
    /// The calendar feed's (`/calendrier/{token}.ics`).
    Calendar,
    /// The one-click unsubscribe link's of reminder mails.
    Unsubscribe,
}

impl UserSecret {
    fn column(self) -> &'static str {
        match self {
            UserSecret::Calendar => "calendar_token",
            UserSecret::Unsubscribe => "unsubscribe_token",
        }
    }
}

impl Db {
    /// The user's secret of this kind, made now if missing (`fresh` is kept
    /// only if none exists, whichever request or instance wins).
    pub async fn user_secret(
        &self,
        kind: UserSecret,
        user_id: i64,
        fresh: &str,
    ) -> Result<String, AppError> {
        let column = kind.column();
        sqlx::query(&format!(
            "UPDATE users SET {column} = $1 WHERE id = $2 AND {column} IS NULL"
        ))
        .bind(fresh)
        .bind(user_id)
        .execute(self.pool())
        .await?;
        let secret: Option<String> =
            sqlx::query_scalar(&format!("SELECT {column} FROM users WHERE id = $1"))
                .bind(user_id)
                .fetch_one(self.pool())
                .await?;
        secret.ok_or(AppError::NotFound)
    }

    /// A new secret of this kind: links with the old one stop working.
    pub async fn replace_user_secret(
        &self,
        kind: UserSecret,
        user_id: i64,
        fresh: &str,
    ) -> Result<(), AppError> {
        sqlx::query(&format!(
            "UPDATE users SET {} = $1 WHERE id = $2",
            kind.column()
        ))
        .bind(fresh)
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// An account made by an admin (CLI, demo): its address counts as
    /// confirmed. The demo's are marked so: it reuses only the accounts it
    /// made itself.
    #[tracing::instrument(skip_all, err)]
    pub async fn insert_user(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
        role: Role,
        made_by: MadeBy,
    ) -> Result<i64, AppError> {
        let demo = made_by == MadeBy::Demo;
        self.insert_user_row(email, name, password_hash, role, true, demo)
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

    /// An account from the sign-up form: it cannot log in until its address
    /// is confirmed by the link sent there. (No `err` in the span: a taken
    /// address is an expected answer here, not an error to log.)
    #[tracing::instrument(skip_all)]
    pub async fn insert_unconfirmed_user(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
    ) -> Result<i64, AppError> {
        self.insert_user_row(email, name, password_hash, Role::Learner, false, false)
            .await
    }

    async fn insert_user_row(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
        role: Role,
        confirmed: bool,
        demo: bool,
    ) -> Result<i64, AppError> {
        let now = instant_text(Utc::now());
        sqlx::query_scalar(
            "INSERT INTO users (email, name, password_hash, role, created_at, email_confirmed_at, created_by_demo)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(email.as_str())
        .bind(name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(now.clone())
        .bind(confirmed.then_some(now))
        .bind(i64::from(demo))
        .fetch_one(self.pool())
        .await
        .map_err(unique_or(AppError::Invalid(ErrorCode::EmailTaken)))
    }

    /// Saves the language a user chose with the switch.
    pub async fn set_language(&self, user_id: i64, lang: Lang) -> Result<(), AppError> {
        self.set_user_text(user_id, "language", lang.code()).await
    }

    /// One text column of a user's own row; `column` is always one of ours,
    /// never input.
    async fn set_user_text(
        &self,
        user_id: i64,
        column: &'static str,
        value: &str,
    ) -> Result<(), AppError> {
        sqlx::query(&format!("UPDATE users SET {column} = $1 WHERE id = $2"))
            .bind(value)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        self.sessions.forget_user(user_id);
        Ok(())
    }

    /// The user and their password hash, for a login attempt.
    pub async fn credentials(
        &self,
        email: &Email,
    ) -> Result<Option<(SessionUser, String)>, AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            password_hash: String,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, email, name, role, language, password_hash FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| (r.user.into(), r.password_hash)))
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

    /// The user behind a live token: a query, or none when this instance
    /// looked it up less than the session cache's time to live ago
    /// (`server::session_cache`). A session unused since `idle_since` is
    /// over, as is one past its absolute expiry.
    pub async fn user_for_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        idle_since: DateTime<Utc>,
    ) -> Result<Option<(SessionUser, DateTime<Utc>)>, AppError> {
        if let Some((user, last_seen)) = self.sessions.get(token_hash) {
            if last_seen > idle_since {
                return Ok(Some((user, last_seen)));
            }
        }
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            last_seen_at: String,
            unread_notices: i64,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT u.id, u.email, u.name, u.role, u.language,
                    COALESCE(s.last_seen_at, s.created_at) AS last_seen_at,
                    (SELECT COUNT(*) FROM notifications n
                     WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread_notices
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
            let mut user: SessionUser = r.user.into();
            user.unread_notices = r.unread_notices;
            self.sessions.put(token_hash, &user, last_seen);
            (user, last_seen)
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
        self.sessions.touched(token_hash, now);
        Ok(())
    }

    /// Logs a token out together with the session opened by the same login.
    pub async fn delete_auth_session_and_linked(&self, token_hash: &str) -> Result<(), AppError> {
        self.delete_auth_sessions(
            "DELETE FROM auth_sessions WHERE token_hash = $1 OR opened_with = $1",
            token_hash,
        )
        .await
    }

    pub async fn delete_auth_session(&self, token_hash: &str) -> Result<(), AppError> {
        self.delete_auth_sessions(
            "DELETE FROM auth_sessions WHERE token_hash = $1",
            token_hash,
        )
        .await
    }

    /// Expired sessions are swept at each login so the table does not grow
    /// without bound; no background job is needed for that.
    pub async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        self.delete_auth_sessions(
            "DELETE FROM auth_sessions WHERE expires_at <= $1",
            &instant_text(now),
        )
        .await
    }

    /// One DELETE on `auth_sessions` with its one value as `$1` (a token's
    /// hash, or an instant for the expired ones), its copies forgotten.
    async fn delete_auth_sessions(&self, sql: &'static str, value: &str) -> Result<(), AppError> {
        sqlx::query(sql).bind(value).execute(self.pool()).await?;
        self.sessions.forget_token(value);
        Ok(())
    }
}

/// An account as the mail flows need it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub email_confirmed_at: Option<String>,
    /// The language the user chose with the switch, as stored.
    pub language: Option<String>,
}

impl AccountRow {
    pub fn is_confirmed(&self) -> bool {
        self.email_confirmed_at.is_some()
    }

    /// The language their mails are written in, if they ever chose one; an
    /// unknown stored value counts as none, as for the pages.
    pub fn saved_language(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::from_tag)
    }
}

/// What following a link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// The sign-up address is confirmed.
    Confirmed { user_id: i64 },
    /// The account now has this address.
    EmailChanged { user_id: i64, email: String },
}

/// One open login session, as stored.
#[derive(Clone, sqlx::FromRow)]
pub struct LoginSessionRow {
    pub token_hash: String,
    pub kind: String,
    pub user_agent: Option<String>,
    pub created_at: String,
}
crate::debug_redacted!(LoginSessionRow { kind, user_agent, created_at } hide { token_hash });

/// How many characters of a session's token hash name it on `/compte`.
pub const SESSION_KEY_CHARS: usize = 16;

impl Db {
    #[tracing::instrument(skip_all, err)]
    pub async fn account_by_email(&self, email: &Email) -> Result<Option<AccountRow>, AppError> {
        Ok(sqlx::query_as(
            "SELECT id, email, name, email_confirmed_at, language FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(self.pool())
        .await?)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn account_by_id(&self, user_id: i64) -> Result<Option<AccountRow>, AppError> {
        Ok(sqlx::query_as(
            "SELECT id, email, name, email_confirmed_at, language FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Whether the account may log in: checked once its password is verified.
    pub async fn email_confirmed(&self, user_id: i64) -> Result<bool, AppError> {
        let at: Option<Option<String>> =
            sqlx::query_scalar("SELECT email_confirmed_at FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(at.flatten().is_some())
    }

    /// Stores the hash of a single-use link's token; expired links of
    /// everybody are swept at the same time.
    #[tracing::instrument(skip_all, err)]
    pub async fn insert_account_token(
        &self,
        token_hash: &str,
        user_id: i64,
        purpose: LinkPurpose,
        new_email: Option<&Email>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM account_tokens WHERE expires_at <= $1")
            .bind(instant_text(now))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(purpose.as_str())
        .bind(new_email.map(|e| e.as_str().to_string()))
        .bind(instant_text(now))
        .bind(instant_text(now + purpose.lifetime()))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether a reset link is still usable, before the new password is
    /// hashed: a made-up token costs one lookup, not an Argon2 run.
    pub async fn reset_token_is_live(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM account_tokens
             WHERE token_hash = $1 AND purpose = 'reset' AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(instant_text(now))
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Uses a reset link: sets the password, confirms the address (the link
    /// proved it), and revokes every session and token of the user, in one
    /// transaction. The conditional UPDATE makes the link single-use even
    /// when two requests race.
    #[tracing::instrument(skip_all, err)]
    pub async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let mut tx = self.pool().begin().await?;
        let user_id = consume_token(&mut tx, token_hash, &[LinkPurpose::Reset], now)
            .await?
            .map(|(user_id, _, _)| user_id)
            .ok_or(AppError::BadRequest(ErrorCode::LinkInvalid))?;
        sqlx::query(
            "UPDATE users SET password_hash = $1, email_confirmed_at = COALESCE(email_confirmed_at, $2)
             WHERE id = $3",
        )
        .bind(password_hash)
        .bind(instant_text(now))
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM auth_sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        // Other reset links sent before this one die with the old password.
        forget_reset_links(&mut tx, user_id).await?;
        tx.commit().await?;
        self.sessions.forget_user(user_id);
        Ok(user_id)
    }

    /// Uses a confirmation link: the sign-up address, or an e-mail change.
    #[tracing::instrument(skip_all, err)]
    pub async fn follow_confirmation_link(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<LinkOutcome, AppError> {
        let mut tx = self.pool().begin().await?;
        let (user_id, purpose, new_email) = consume_token(
            &mut tx,
            token_hash,
            &[LinkPurpose::Confirm, LinkPurpose::EmailChange],
            now,
        )
        .await?
        .ok_or(AppError::BadRequest(ErrorCode::LinkInvalid))?;
        let outcome = match (purpose, new_email) {
            (LinkPurpose::EmailChange, Some(email)) => {
                sqlx::query("UPDATE users SET email = $1, email_confirmed_at = $2 WHERE id = $3")
                    .bind(&email)
                    .bind(instant_text(now))
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(unique_or(AppError::Conflict(ErrorCode::EmailInUse)))?;
                LinkOutcome::EmailChanged { user_id, email }
            }
            (LinkPurpose::Confirm, _) => {
                sqlx::query(
                    "UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, $1)
                     WHERE id = $2",
                )
                .bind(instant_text(now))
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                LinkOutcome::Confirmed { user_id }
            }
            _ => return Err(AppError::BadRequest(ErrorCode::LinkInvalid)),
        };
        tx.commit().await?;
        self.sessions.forget_user(user_id);
        Ok(outcome)
    }

    /// The stored password hash of a signed-in user, to check the current
    /// password before changing it.
    pub async fn password_hash(&self, user_id: i64) -> Result<Option<String>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// A new password chosen on `/compte`: every other session and token of
    /// the user is revoked, the one making the change stays open.
    #[tracing::instrument(skip_all, err)]
    pub async fn change_password(
        &self,
        user_id: i64,
        password_hash: &str,
        keep_token_hash: &str,
    ) -> Result<(), AppError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM auth_sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user_id)
            .bind(keep_token_hash)
            .execute(&mut *tx)
            .await?;
        forget_reset_links(&mut tx, user_id).await?;
        tx.commit().await?;
        self.sessions.forget_user(user_id);
        Ok(())
    }

    /// "Se déconnecter de partout": every session and API token of the user.
    #[tracing::instrument(skip_all, err)]
    pub async fn revoke_all_sessions(&self, user_id: i64) -> Result<(), AppError> {
        sqlx::query("DELETE FROM auth_sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        self.sessions.forget_user(user_id);
        Ok(())
    }

    /// One session of the user, named by its key; another user's key
    /// matches nothing.
    #[tracing::instrument(skip_all, err)]
    pub async fn revoke_session(&self, user_id: i64, key: &str) -> Result<bool, AppError> {
        if key.len() != SESSION_KEY_CHARS || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(false);
        }
        let done = sqlx::query(
            "DELETE FROM auth_sessions WHERE user_id = $1 AND substr(token_hash, 1, 16) = $2",
        )
        .bind(user_id)
        .bind(key)
        .execute(self.pool())
        .await?;
        self.sessions.forget_user(user_id);
        Ok(done.rows_affected() > 0)
    }

    /// The user's open sessions, newest first.
    #[tracing::instrument(skip_all, err)]
    pub async fn login_sessions(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<LoginSessionRow>, AppError> {
        Ok(sqlx::query_as(
            "SELECT token_hash, kind, user_agent, created_at FROM auth_sessions
             WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, token_hash",
        )
        .bind(user_id)
        .bind(instant_text(now))
        .fetch_all(self.pool())
        .await?)
    }

    /// Which browser or client opened a session, for the sessions list.
    pub async fn set_session_user_agent(
        &self,
        token_hash: &str,
        user_agent: &str,
    ) -> Result<(), AppError> {
        let user_agent: String = user_agent.chars().take(300).collect();
        sqlx::query("UPDATE auth_sessions SET user_agent = $1 WHERE token_hash = $2")
            .bind(user_agent)
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The user corrects their own name.
    #[tracing::instrument(skip_all, err)]
    pub async fn set_user_name(&self, user_id: i64, name: &DisplayName) -> Result<(), AppError> {
        self.set_user_text(user_id, "name", name.as_str()).await
    }

    /// An admin corrects a learner's name; the audit line is written in the
    /// same transaction.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_set_user_name(
        &self,
        actor: &SessionUser,
        user_id: i64,
        name: &DisplayName,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT name, email FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (before, email) = row.ok_or(AppError::NotFound)?;
        if before != name.as_str() {
            sqlx::query("UPDATE users SET name = $1 WHERE id = $2")
                .bind(name.as_str())
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            record(
                &mut tx,
                &crate::server::store::audit::Actor::admin(actor),
                Change::new("user.rename", "user", user_id)
                    .learner(LearnerNames {
                        name: name.as_str().to_string(),
                        email,
                    })
                    .before(serde_json::json!({ "name": before }))
                    .after(serde_json::json!({ "name": name.as_str() })),
            )
            .await?;
        }
        tx.commit().await?;
        self.sessions.forget_user(user_id);
        Ok(())
    }
}

/// Marks a live token of one of `purposes` used and returns its user,
/// purpose and new address. `UPDATE … RETURNING` on both backends: of two
/// requests racing on one link, exactly one gets the row.
async fn consume_token(
    tx: &mut Tx,
    token_hash: &str,
    purposes: &[LinkPurpose],
    now: DateTime<Utc>,
) -> Result<Option<(i64, LinkPurpose, Option<String>)>, AppError> {
    // The purposes are our own constants, never input: safe in the text.
    let wanted = purposes
        .iter()
        .map(|p| format!("'{}'", p.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let row: Option<(i64, String, Option<String>)> = sqlx::query_as(&format!(
        "UPDATE account_tokens SET used_at = $1
         WHERE token_hash = $2 AND purpose IN ({wanted}) AND used_at IS NULL AND expires_at > $1
         RETURNING user_id, purpose, new_email"
    ))
    .bind(instant_text(now))
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.and_then(|(user_id, purpose, new_email)| {
        LinkPurpose::from_stored(&purpose).map(|purpose| (user_id, purpose, new_email))
    }))
}

/// Reset links die with the password they were sent to replace.
async fn forget_reset_links(tx: &mut Tx, user_id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM account_tokens WHERE user_id = $1 AND purpose = 'reset'")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
