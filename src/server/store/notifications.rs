//! The learners' notices (`notifications`), their browsers' Web Push
//! subscriptions (`push_subscriptions`) and the secrets the instances
//! share (`server_keys`). A notice is written by the delivery of an
//! in-app reminder, once per reminder whichever instance delivers it; on
//! PostgreSQL the same transaction wakes every instance's live streams
//! (`NOTIFY`), on SQLite the one process watches the table.

use chrono::{DateTime, Utc};

use super::decode;
use super::instant_text;
use crate::domain::notification::NoticeKind;
use crate::error::AppError;
use crate::server::db::{Backend, Db};

/// The channel of PostgreSQL's `LISTEN/NOTIFY` that carries new notices,
/// as `user_id:notice_id`.
pub const NOTICE_CHANNEL: &str = "formations_notices";

/// A notice as stored, with the séance it names: the words are made from
/// it when read, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredNotice {
    pub id: i64,
    pub kind: NoticeKind,
    pub session_id: i64,
    pub enrollment_id: i64,
    pub formation_name: String,
    pub session_number: i64,
    pub session_title: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(sqlx::FromRow)]
struct NoticeRow {
    id: i64,
    kind: String,
    session_id: i64,
    enrollment_id: i64,
    formation_name: String,
    session_number: i64,
    session_title: String,
    created_at: String,
    read_at: Option<String>,
}

const NOTICE_COLUMNS: &str = "n.id, n.kind, n.session_id, n.enrollment_id,
     f.name AS formation_name, s.session_number, s.title AS session_title,
     n.created_at, n.read_at
     FROM notifications n
     JOIN formation_sessions s ON s.id = n.session_id
     JOIN formations f ON f.id = s.formation_id";

fn notice(row: NoticeRow) -> Result<StoredNotice, AppError> {
    Ok(StoredNotice {
        id: row.id,
        kind: NoticeKind::parse(&row.kind)
            .ok_or_else(|| super::corrupt("notice kind", &row.kind))?,
        session_id: row.session_id,
        enrollment_id: row.enrollment_id,
        formation_name: row.formation_name,
        session_number: row.session_number,
        session_title: row.session_title,
        created_at: decode::instant(&row.created_at)?,
        read: row.read_at.is_some(),
    })
}

/// A browser's push subscription, as the sender needs it.
#[derive(Clone, PartialEq, Eq)]
pub struct PushSubscription {
    pub id: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}
crate::debug_redacted!(PushSubscription { id } hide { endpoint, p256dh, auth });

impl Db {
    /// The notice an in-app reminder leaves (the one write path of
    /// `notifications`); delivering the same reminder again writes nothing
    /// more. On PostgreSQL the commit also tells every instance listening.
    /// Answers the notice's id when it is new.
    pub async fn notice_for_reminder(
        &self,
        reminder_id: i64,
        user_id: i64,
        session_id: i64,
        enrollment_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, AppError> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO notifications (user_id, kind, session_id, enrollment_id, reminder_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (reminder_id) DO NOTHING
             RETURNING id",
        )
        .bind(user_id)
        .bind(NoticeKind::SeanceSoon.as_str())
        .bind(session_id)
        .bind(enrollment_id)
        .bind(reminder_id)
        .bind(instant_text(now))
        .fetch_optional(&mut *tx)
        .await?;
        if let (Some(id), Backend::Postgres) = (id, self.backend) {
            // Delivered at commit, to every session that LISTENs.
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(NOTICE_CHANNEL)
                .bind(format!("{user_id}:{id}"))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        // The bell's count comes with the session.
        self.sessions.forget_user(user_id);
        Ok(id)
    }

    /// A page of the learner's notices, newest first (`before` is the
    /// cursor of the previous page), and how many are unread in all: two
    /// statements whatever the count.
    pub async fn notices(
        &self,
        user_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<(Vec<StoredNotice>, i64, Option<i64>), AppError> {
        let mut tx = self.pool().begin().await?;
        let rows: Vec<NoticeRow> = sqlx::query_as(&format!(
            "SELECT {NOTICE_COLUMNS}
             WHERE n.user_id = $1 AND ($2 = 0 OR n.id < $2)
             ORDER BY n.id DESC LIMIT $3"
        ))
        .bind(user_id)
        .bind(before.unwrap_or(0))
        .bind(limit + 1)
        .fetch_all(&mut *tx)
        .await?;
        let unread: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        let more = rows.len() as i64 > limit;
        let list = rows
            .into_iter()
            .take(limit as usize)
            .map(notice)
            .collect::<Result<Vec<_>, _>>()?;
        let older_than = more.then(|| list.last().map(|n| n.id)).flatten();
        Ok((list, unread, older_than))
    }

    /// The learner's notices after `after` (a live stream's last one),
    /// oldest first, at most `limit`.
    pub async fn notices_after(
        &self,
        user_id: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<StoredNotice>, AppError> {
        let rows: Vec<NoticeRow> = sqlx::query_as(&format!(
            "SELECT {NOTICE_COLUMNS}
             WHERE n.user_id = $1 AND n.id > $2
             ORDER BY n.id LIMIT $3"
        ))
        .bind(user_id)
        .bind(after)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(notice).collect()
    }

    /// The learner's unread notices, for the bell.
    pub async fn unread_notices(&self, user_id: i64) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(self.pool())
        .await?)
    }

    /// The newest notice of the learner (0 without any): where a live
    /// stream opened without `Last-Event-ID` starts.
    pub async fn latest_notice(&self, user_id: i64) -> Result<i64, AppError> {
        Ok(
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM notifications WHERE user_id = $1")
                .bind(user_id)
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// The newest notice of anybody (0 without any): where SQLite's
    /// watcher starts.
    pub async fn newest_notice(&self) -> Result<i64, AppError> {
        Ok(
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM notifications")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// The (learner, notice) pairs after `after`, oldest first: what
    /// SQLite's watcher hands to the live streams.
    pub async fn notices_since(&self, after: i64, limit: i64) -> Result<Vec<(i64, i64)>, AppError> {
        Ok(sqlx::query_as(
            "SELECT user_id, id FROM notifications WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Marks one of the learner's notices read (again: no change); another
    /// learner's, or none, is "not found".
    pub async fn mark_notice_read(
        &self,
        user_id: i64,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let found = sqlx::query(
            "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(user_id)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?
        .rows_affected();
        if found == 0 {
            return Err(AppError::NotFound);
        }
        self.sessions.forget_user(user_id);
        Ok(())
    }

    /// "Tout marquer comme lu": answers how many were unread.
    pub async fn mark_all_notices_read(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<u64, AppError> {
        let read = sqlx::query(
            "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?
        .rows_affected();
        self.sessions.forget_user(user_id);
        Ok(read)
    }

    /// Stores a browser's subscription for the learner (the one write path
    /// of `push_subscriptions`). The same endpoint again replaces its keys
    /// and owner: a browser has one subscription, held by whoever
    /// subscribed on it last.
    pub async fn save_push_subscription(
        &self,
        user_id: i64,
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (endpoint) DO UPDATE SET
                 user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth",
        )
        .bind(user_id)
        .bind(endpoint)
        .bind(p256dh)
        .bind(auth)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The learner unsubscribes a browser; answers whether it was theirs.
    pub async fn delete_push_subscription(
        &self,
        user_id: i64,
        endpoint: &str,
    ) -> Result<bool, AppError> {
        Ok(
            sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2")
                .bind(user_id)
                .bind(endpoint)
                .execute(self.pool())
                .await?
                .rows_affected()
                > 0,
        )
    }

    /// A subscription its push service says is gone (404, 410).
    pub async fn forget_push_subscription(&self, id: i64) -> Result<(), AppError> {
        sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Every browser the learner subscribed.
    pub async fn push_subscriptions(
        &self,
        user_id: i64,
    ) -> Result<Vec<PushSubscription>, AppError> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, endpoint, p256dh, auth)| PushSubscription {
                id,
                endpoint,
                p256dh,
                auth,
            })
            .collect())
    }

    /// The shared secret `name`: the one stored, or `make()` stored now by
    /// the first instance to ask (all instances then read the same value).
    pub async fn server_key(
        &self,
        name: &str,
        make: impl FnOnce() -> String,
    ) -> Result<String, AppError> {
        sqlx::query(
            "INSERT INTO server_keys (name, value, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(make())
        .bind(instant_text(Utc::now()))
        .execute(self.pool())
        .await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM server_keys WHERE name = $1")
                .bind(name)
                .fetch_one(self.pool())
                .await?,
        )
    }
}
