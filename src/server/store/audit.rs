//! The audit log: every admin change, written in the transaction of the
//! change itself, so a change without its log line cannot exist.

use chrono::Utc;

use super::instant_text;
use crate::domain::account::SessionUser;
use crate::domain::admin::{AuditEntry, AuditPage};
use crate::error::AppError;
use crate::server::db::{Db, Tx};

/// Who makes a change. Every write of the stores takes one, so the admin
/// area, the command line and the demo loader go through the same functions
/// and the same rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// An admin, in the admin area.
    Admin { id: i64, email: String },
    /// The management command line (`formations session add`…).
    Cli,
    /// Data put in place rather than changed by someone: the demo loader and
    /// test fixtures. The audit log is about people's changes, so these write
    /// no entry.
    System,
}

impl Actor {
    pub fn admin(user: &SessionUser) -> Actor {
        Actor::Admin {
            id: user.id,
            email: user.email.clone(),
        }
    }

    /// The user id recorded as the decider of a request, if a person.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::Admin { id, .. } => Some(*id),
            Actor::Cli | Actor::System => None,
        }
    }

    fn label(&self) -> &str {
        match self {
            Actor::Admin { email, .. } => email,
            Actor::Cli => "ligne de commande",
            Actor::System => "système",
        }
    }
}

/// What was done, to one thing, with its state before and after.
pub struct Change {
    action: &'static str,
    entity: &'static str,
    entity_id: Option<i64>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

impl Change {
    pub fn new(action: &'static str, entity: &'static str, entity_id: i64) -> Change {
        Change {
            action,
            entity,
            entity_id: Some(entity_id),
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, value: serde_json::Value) -> Change {
        self.before = Some(value);
        self
    }

    pub fn after(mut self, value: serde_json::Value) -> Change {
        self.after = Some(value);
        self
    }
}

/// Writes the audit entry of a change, in the change's own transaction.
pub(crate) async fn record(tx: &mut Tx, actor: &Actor, change: Change) -> Result<(), AppError> {
    if *actor == Actor::System {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, before_json, after_json, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(actor.user_id())
    .bind(actor.label())
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
        let rows: Vec<AuditEntry> = sqlx::query_as(
            "SELECT id, at, actor_email, action, entity, entity_id, before_json, after_json
                 FROM audit_log WHERE ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(before.unwrap_or(0))
        // One more than shown tells whether an older page exists.
        .bind(size + 1)
        .fetch_all(self.pool())
        .await?;
        let more = rows.len() as i64 > size;
        let entries: Vec<AuditEntry> = rows.into_iter().take(size as usize).collect();
        let older_than = more.then(|| entries.last().map(|e| e.id)).flatten();
        Ok(AuditPage {
            entries,
            older_than,
        })
    }
}
