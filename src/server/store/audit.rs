//! The audit log: every admin change, written in the transaction of the
//! change itself, so a change without its log line cannot exist.

use chrono::{NaiveDate, NaiveTime, Utc};

use super::formations::head_in;
use super::{corrupt, instant_text};
use crate::domain::account::SessionUser;
use crate::domain::audit::{self, AuditEntry, AuditPage, AuditQuery, FieldChange};
use crate::domain::format::PLATFORM_ZONE;
use crate::domain::schedule::local_to_utc;
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
    /// Zoom: its webhooks (a recording arrived) and the meetings it made.
    Zoom,
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
            Actor::Cli | Actor::Zoom | Actor::System => None,
        }
    }

    fn label(&self) -> &str {
        match self {
            Actor::Admin { email, .. } => email,
            Actor::Cli => "ligne de commande",
            Actor::Zoom => "Zoom",
            Actor::System => "système",
        }
    }
}

/// What was done, to one thing, with its state before and after and the
/// names of what it touched, in words, as they are at the change.
pub struct Change {
    action: &'static str,
    entity: &'static str,
    entity_id: Option<i64>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
    formation: Option<(i64, String)>,
    learner: Option<LearnerNames>,
    seance: Option<(i64, String)>,
}

/// A learner as an entry names them.
pub(crate) struct LearnerNames {
    pub name: String,
    pub email: String,
}

impl Change {
    pub fn new(action: &'static str, entity: &'static str, entity_id: i64) -> Change {
        Change {
            action,
            entity,
            entity_id: Some(entity_id),
            before: None,
            after: None,
            formation: None,
            learner: None,
            seance: None,
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

    /// The formation the change is about (or the séance's, the enrollment's…).
    pub fn formation(mut self, id: i64, name: &str) -> Change {
        self.formation = Some((id, name.to_string()));
        self
    }

    pub(crate) fn learner(mut self, learner: LearnerNames) -> Change {
        self.learner = Some(learner);
        self
    }

    /// Names the formation and the learner the change is about, as they
    /// are now, read in the change's transaction.
    pub(crate) async fn about(
        self,
        tx: &mut Tx,
        formation_id: i64,
        user_id: i64,
    ) -> Result<Change, AppError> {
        let head = head_in(tx, formation_id).await?;
        let learner = learner_in(tx, user_id).await?;
        Ok(self.formation(head.id, &head.name).learner(learner))
    }

    pub fn seance(mut self, number: i64, title: &str) -> Change {
        self.seance = Some((number, title.to_string()));
        self
    }

    /// Whether the change leaves everything as it was, on the real values
    /// (before any masking): such a change is not written, and a store that
    /// would bump a version for it asks this first.
    pub fn changes_nothing(&self) -> bool {
        audit::changes_nothing(self.before.as_ref(), self.after.as_ref())
    }
}

/// A learner's name and e-mail, read in the change's transaction.
pub(crate) async fn learner_in(tx: &mut Tx, user_id: i64) -> Result<LearnerNames, AppError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT name, email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    let (name, email) = row.ok_or(AppError::NotFound)?;
    Ok(LearnerNames { name, email })
}

/// The end of most writes: the entry of the change, then the commit that
/// makes both the change and its entry visible at once.
pub(crate) async fn record_and_commit(
    mut tx: Tx,
    actor: &Actor,
    change: Change,
) -> Result<(), AppError> {
    record(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes the audit entry of a change, in the change's own transaction;
/// a change that changes nothing writes none (sixty clicks on "restore"
/// of a restored formation are one fact at most, not sixty). The changed
/// fields are worked out here, where the real values are; the states are
/// stored with passwords masked, as they always were.
pub(crate) async fn record(tx: &mut Tx, actor: &Actor, change: Change) -> Result<(), AppError> {
    if *actor == Actor::System || change.changes_nothing() {
        return Ok(());
    }
    let changes = audit::diff(change.before.as_ref(), change.after.as_ref());
    let (formation_id, formation_name) = change.formation.unzip();
    let (learner_name, learner_email) = change.learner.map(|l| (l.name, l.email)).unzip();
    let (seance_number, seance_title) = change.seance.unzip();
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, before_json, after_json, at,
             formation_id, formation_name, learner_name, learner_email, seance_number, seance_title, changes_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(actor.user_id())
    .bind(actor.label())
    .bind(change.action)
    .bind(change.entity)
    .bind(change.entity_id)
    .bind(change.before.map(|v| audit::mask_passwords(&v).to_string()))
    .bind(change.after.map(|v| audit::mask_passwords(&v).to_string()))
    .bind(instant_text(Utc::now()))
    .bind(formation_id)
    .bind(formation_name)
    .bind(learner_name)
    .bind(learner_email)
    .bind(seance_number)
    .bind(seance_title)
    .bind(serde_json::to_string(&changes).map_err(|_| AppError::Internal)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The log page's filters, read: a value that does not parse is no filter
/// (as on the other admin lists).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub formation_id: Option<i64>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    pub fn read(q: &AuditQuery) -> AuditFilter {
        let text = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
        let date = |v: &str| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok();
        AuditFilter {
            formation_id: q.formation.trim().parse().ok().filter(|id| *id > 0),
            actor: text(&q.actor),
            action: text(&q.action),
            from: date(&q.from),
            to: date(&q.to),
        }
    }
}

/// An `audit_log` row as stored.
#[derive(sqlx::FromRow)]
struct StoredEntry {
    id: i64,
    at: String,
    actor_email: String,
    action: String,
    entity: String,
    entity_id: Option<i64>,
    before_json: Option<String>,
    after_json: Option<String>,
    formation_id: Option<i64>,
    formation_name: Option<String>,
    learner_name: Option<String>,
    learner_email: Option<String>,
    seance_number: Option<i64>,
    seance_title: Option<String>,
    changes_json: Option<String>,
}

impl TryFrom<StoredEntry> for AuditEntry {
    type Error = AppError;

    /// Entries written before the changed fields were kept get them from
    /// their states; either way, no secret value comes out.
    fn try_from(r: StoredEntry) -> Result<Self, AppError> {
        let json = |text: &Option<String>| -> Result<Option<serde_json::Value>, AppError> {
            text.as_deref()
                .map(|t| serde_json::from_str(t).map_err(|_| corrupt("audit state", t)))
                .transpose()
        };
        let (before, after) = (json(&r.before_json)?, json(&r.after_json)?);
        let changes = match &r.changes_json {
            Some(t) => serde_json::from_str::<Vec<FieldChange>>(t)
                .map_err(|_| corrupt("audit changes", t))?
                .into_iter()
                .map(|c| {
                    if c.hidden || audit::is_secret(&c.field) {
                        FieldChange {
                            before: None,
                            after: None,
                            hidden: true,
                            ..c
                        }
                    } else {
                        c
                    }
                })
                .collect(),
            None => audit::diff(before.as_ref(), after.as_ref()),
        };
        let masked = |v: Option<serde_json::Value>| v.map(|v| audit::mask_secrets(&v).to_string());
        Ok(AuditEntry {
            id: r.id,
            at: r.at,
            actor_email: r.actor_email,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            formation_id: r.formation_id,
            formation_name: r.formation_name,
            learner_name: r.learner_name,
            learner_email: r.learner_email,
            seance_number: r.seance_number,
            seance_title: r.seance_title,
            changes,
            before_json: masked(before),
            after_json: masked(after),
        })
    }
}

impl Db {
    /// A page of entries matching `filter`, newest first, older than the
    /// `before` id when one is given, with the choices of the filters: three
    /// statements whatever the size of the log. A keyset cursor, not an
    /// offset: entries written while an admin pages through never shift or
    /// repeat a page.
    #[tracing::instrument(skip_all, err)]
    pub async fn audit_page(
        &self,
        filter: &AuditFilter,
        before: Option<i64>,
        size: i64,
    ) -> Result<AuditPage, AppError> {
        // Days of the platform's zone, the zone the page's times are in
        // before the browser shows the reader's.
        let day = |d: NaiveDate| instant_text(local_to_utc(PLATFORM_ZONE, d, NaiveTime::MIN));
        let mut tx = self.pool().begin().await?;
        let rows: Vec<StoredEntry> = sqlx::query_as(
            "SELECT id, at, actor_email, action, entity, entity_id, before_json, after_json,
                 formation_id, formation_name, learner_name, learner_email, seance_number, seance_title,
                 changes_json
             FROM audit_log
             WHERE ($1 = 0 OR id < $1)
               AND ($2 = 0 OR formation_id = $2)
               AND ($3 = '' OR actor_email = $3)
               AND ($4 = '' OR action = $4)
               AND ($5 = '' OR at >= $5)
               AND ($6 = '' OR at < $6)
             ORDER BY id DESC LIMIT $7",
        )
        .bind(before.unwrap_or(0))
        .bind(filter.formation_id.unwrap_or(0))
        .bind(filter.actor.clone().unwrap_or_default())
        .bind(filter.action.clone().unwrap_or_default())
        .bind(filter.from.map(day).unwrap_or_default())
        .bind(filter.to.and_then(|d| d.succ_opt()).map(day).unwrap_or_default())
        // One more than shown tells whether an older page exists.
        .bind(size + 1)
        .fetch_all(&mut *tx)
        .await?;
        let formations: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, name FROM formations ORDER BY name, id")
                .fetch_all(&mut *tx)
                .await?;
        let actors: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT actor_email FROM audit_log ORDER BY actor_email")
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        let (entries, older_than) = super::keyset_page(rows, size, |e: &AuditEntry| e.id)?;
        Ok(AuditPage {
            entries,
            older_than,
            formations,
            actors,
        })
    }
}
