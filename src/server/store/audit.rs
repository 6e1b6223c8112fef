//! The audit log: every admin change, written in the transaction of the
//! change itself, so a change without its log line cannot exist.
// Row tuples mirror the SELECT column lists written next to them.
#![allow(clippy::type_complexity)]

use chrono::Utc;
use sqlx::{Any, Transaction};

use super::instant_text;
use crate::domain::account::SessionUser;
use crate::domain::admin::{AuditEntry, AuditPage};
use crate::error::AppError;
use crate::server::db::Db;

/// What an admin did, to one thing, with its state before and after.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub(crate) async fn record(
    tx: &mut Transaction<'_, Any>,
    actor: &SessionUser,
    change: Change<'_>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, before_json, after_json, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(actor.id)
    .bind(&actor.email)
    .bind(change.action)
    .bind(change.entity)
    .bind(change.entity_id)
    .bind(change.before.map(|v| v.to_string()))
    .bind(change.after.map(|v| v.to_string()))
    .bind(instant_text(Utc::now()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Db {
    /// A page of entries, newest first, older than the `before` id when one
    /// is given. A keyset cursor, not an offset: entries written while an
    /// admin pages through never shift or repeat a page.
    #[tracing::instrument(skip_all, err)]
    pub async fn audit_page(&self, before: Option<i64>, size: i64) -> Result<AuditPage, AppError> {
        let rows: Vec<(
            i64,
            String,
            String,
            String,
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
        )> = sqlx::query_as(
            "SELECT id, at, actor_email, action, entity, entity_id, before_json, after_json
                 FROM audit_log WHERE ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(before.unwrap_or(0))
        // One more than shown tells whether an older page exists.
        .bind(size + 1)
        .fetch_all(self.pool())
        .await?;
        let more = rows.len() as i64 > size;
        let entries: Vec<AuditEntry> = rows
            .into_iter()
            .take(size as usize)
            .map(
                |(id, at, actor_email, action, entity, entity_id, before_json, after_json)| {
                    AuditEntry {
                        id,
                        at,
                        actor_email,
                        action,
                        entity,
                        entity_id,
                        before_json,
                        after_json,
                    }
                },
            )
            .collect();
        let older_than = more.then(|| entries.last().map(|e| e.id)).flatten();
        Ok(AuditPage {
            entries,
            older_than,
        })
    }
}
