//! Formations and their séances: the one write path of each (the admin
//! area, the command line and the demo all come here), and the admin area's
//! reads of them. Every change writes its audit entry in its transaction.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::json;

use super::audit::{record_and_commit, Actor, Change};
use super::{decode, instant_text};
use crate::domain::admin::{
    self, FormationDetail, FormationFields, FormationHead, FormationInput, FormationRow,
    SeanceDetail, SeanceLine, SeancesView, Series, SyncState, ZoomSync,
};
use crate::domain::attendance::attendance_open;
use crate::domain::audit::changes_nothing;
use crate::domain::formation::{Level, Platform};
use crate::domain::schedule::weekly_occurrences;
use crate::error::{AppError, ErrorCode};
use crate::server::db::{Backend, Db, Tx};

/// The most sessions one series may create.
pub const MAX_SERIES: usize = 200;

/// Filters of the formations list.
#[derive(Debug, Clone, Default)]
pub struct FormationFilter {
    pub search: String,
    pub level: Option<Level>,
    pub platform: Option<Platform>,
    pub include_archived: bool,
}

/// A session's fields once checked, in UTC.
#[derive(Clone)]
pub struct SeanceFields {
    pub title: String,
    pub scheduled_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub meeting_link: Option<String>,
    pub recording_link: Option<String>,
}
crate::debug_redacted!(SeanceFields { title, scheduled_at, duration_minutes, recording_link } hide { meeting_link });

pub(super) use super::decode::timezone as tz_of;

/// Binds a formation's fields as `$1`…`$10`, the time of the write as
/// `$11`, its two thresholds as `$12` and `$13`, its automatic Zoom
/// meetings as `$14` and its offer (price, currency, dates, seats,
/// payment instructions) as `$15`…`$20`, in the column order both
/// the INSERT and the UPDATE use. A macro because the query may be a
/// `query` or a `query_scalar`.
macro_rules! bind_fields {
    ($query:expr, $f:expr) => {
        $query
            .bind(&$f.info.name)
            .bind(&$f.info.description)
            .bind($f.info.level.as_str())
            .bind($f.info.platform.as_str())
            .bind(&$f.meeting_link)
            .bind($f.meeting_id.as_deref())
            .bind($f.meeting_password.as_deref())
            .bind(&$f.info.instructor_name)
            .bind(&$f.info.schedule_description)
            .bind($f.timezone.name())
            .bind(instant_text(Utc::now()))
            .bind($f.certificate_min_attendance)
            .bind($f.zoom_min_presence)
            .bind(i64::from($f.zoom_auto_meetings))
            .bind($f.offer.price.as_ref().map(|p| p.cents))
            .bind(
                $f.offer
                    .price
                    .as_ref()
                    .map_or("EUR", |p| p.currency.as_str()),
            )
            .bind($f.offer.starts_on.map(|d| d.to_string()))
            .bind($f.offer.ends_on.map(|d| d.to_string()))
            .bind($f.offer.seats)
            .bind(&$f.offer.payment_instructions)
    };
}

fn fields_json(f: &FormationFields) -> serde_json::Value {
    json!({
        "name": f.info.name, "description": f.info.description, "level": f.info.level.as_str(),
        "platform": f.info.platform.as_str(), "meeting_link": f.meeting_link,
        "meeting_id": f.meeting_id, "meeting_password": f.meeting_password,
        "instructor_name": f.info.instructor_name, "schedule_description": f.info.schedule_description,
        "timezone": f.timezone.name(), "certificate_min_attendance": f.certificate_min_attendance,
        "zoom_min_presence": f.zoom_min_presence, "zoom_auto_meetings": f.zoom_auto_meetings,
    })
    .as_object()
    .cloned()
    .map(|mut fields| {
        fields.extend(offer_json(&f.offer).as_object().cloned().unwrap_or_default());
        serde_json::Value::Object(fields)
    })
    .unwrap_or_default()
}

/// A formation's offer as its audit entries record it.
fn offer_json(o: &crate::domain::admin::Offer) -> serde_json::Value {
    json!({
        "price": o.price.as_ref().map(|p| p.cents),
        "currency": o.price.as_ref().map(|p| p.currency.clone()),
        "starts_on": o.starts_on.map(|d| d.to_string()),
        "ends_on": o.ends_on.map(|d| d.to_string()),
        "seats": o.seats,
        "payment_instructions": o.payment_instructions,
    })
}

fn input_json(d: &FormationDetail) -> serde_json::Value {
    let (i, archived, version) = (&d.input, d.archived, d.version);
    let mut before = json!({
        "name": i.name, "description": i.description, "level": i.level,
        "platform": i.platform, "meeting_link": i.meeting_link, "meeting_id": i.meeting_id,
        "meeting_password": i.meeting_password,
        "instructor_name": i.instructor_name, "schedule_description": i.schedule_description,
        "timezone": i.timezone, "archived": archived, "version": version,
        "certificate_min_attendance": i.certificate_min_attendance.parse::<i64>().unwrap_or_default(),
        "zoom_min_presence": i.zoom_min_presence.parse::<i64>().unwrap_or_default(),
        "zoom_auto_meetings": i.zoom_auto_meetings,
    });
    if let (Some(before), Some(offer)) = (before.as_object_mut(), offer_json(&d.offer).as_object())
    {
        before.extend(offer.clone());
    }
    before
}

fn session_json(s: &SeanceLine) -> serde_json::Value {
    json!({
        "number": s.number, "title": s.title, "scheduled_date": s.scheduled_at,
        "duration_minutes": s.duration_minutes, "meeting_link": s.meeting_link,
        "recording_link": s.recording_link,
    })
}

/// A `formation_sessions` row as stored.
#[derive(sqlx::FromRow)]
pub(super) struct StoredSeance {
    pub id: i64,
    pub session_number: i64,
    pub title: String,
    pub scheduled_date: String,
    pub duration_minutes: i64,
    pub meeting_link: Option<String>,
    pub recording_link: Option<String>,
    /// The séance's own meeting number and passcode (Zoom's, when it made
    /// the meeting).
    pub meeting_id: Option<String>,
    pub meeting_password: Option<String>,
}

/// The admin view of a stored séance, its local time in the formation's zone.
pub(super) fn session_row(tz: Tz, r: StoredSeance) -> Result<SeanceLine, AppError> {
    let starts_at = decode::instant(&r.scheduled_date)?;
    Ok(SeanceLine {
        attendance_open: attendance_open(starts_at, Utc::now()),
        local: starts_at
            .with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        id: r.id,
        number: r.session_number,
        title: r.title,
        scheduled_at: r.scheduled_date,
        duration_minutes: r.duration_minutes,
        meeting_link: r.meeting_link.unwrap_or_default(),
        recording_link: r.recording_link.unwrap_or_default(),
        zoom: None,
        clashes: Vec::new(),
    })
}

/// A formation's heading as stored.
#[derive(sqlx::FromRow)]
struct StoredHead {
    id: i64,
    name: String,
    platform: String,
    timezone: String,
    archived: i64,
    zoom_auto_meetings: i64,
}

impl TryFrom<StoredHead> for FormationHead {
    type Error = AppError;

    fn try_from(r: StoredHead) -> Result<Self, AppError> {
        decode::timezone(&r.timezone)?;
        Ok(FormationHead {
            id: r.id,
            name: r.name,
            platform: decode::platform(&r.platform)?,
            timezone: r.timezone,
            archived: r.archived == 1,
            zoom_auto_meetings: r.zoom_auto_meetings == 1,
        })
    }
}

/// A line of the admin's formations list as stored.
#[derive(sqlx::FromRow)]
struct StoredListed {
    id: i64,
    name: String,
    level: String,
    platform: String,
    instructor_name: String,
    schedule_description: String,
    archived: i64,
    draft: i64,
    session_count: i64,
    enrollment_count: i64,
}

impl TryFrom<StoredListed> for FormationRow {
    type Error = AppError;

    fn try_from(r: StoredListed) -> Result<Self, AppError> {
        Ok(FormationRow {
            id: r.id,
            level: decode::level(&r.level)?,
            platform: decode::platform(&r.platform)?,
            name: r.name,
            instructor_name: r.instructor_name,
            schedule_description: r.schedule_description,
            archived: r.archived == 1,
            draft: r.draft == 1,
            session_count: r.session_count,
            enrollment_count: r.enrollment_count,
        })
    }
}

const SESSION_COLUMNS: &str = "id, session_number, title, scheduled_date, duration_minutes, \
     meeting_link, recording_link, meeting_id, meeting_password";

/// Sessions are numbered by date: after any change, 1..n in date order. Two
/// statements whatever the count; the first moves the numbers out of the way
/// so the unique (formation, number) index holds at every row.
async fn renumber(tx: &mut Tx, formation_id: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE formation_sessions SET session_number = session_number + 1000000 WHERE formation_id = $1",
    )
    .bind(formation_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE formation_sessions SET session_number = (
             SELECT COUNT(*) FROM formation_sessions s2
             WHERE s2.formation_id = formation_sessions.formation_id
               AND (s2.scheduled_date < formation_sessions.scheduled_date
                    OR (s2.scheduled_date = formation_sessions.scheduled_date AND s2.id <= formation_sessions.id)))
         WHERE formation_id = $1",
    )
    .bind(formation_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The rules of a séance, checked in the transaction that writes it,
/// whoever asks: the meeting link belongs to the formation's platform, the
/// duration and number are in range.
fn check_session(
    head: &FormationHead,
    s: &SeanceFields,
    number: Option<i64>,
) -> Result<(), AppError> {
    use crate::domain::formation::parse_meeting_link;
    if let Some(link) = &s.meeting_link {
        parse_meeting_link(head.platform, link)?;
    }
    admin::check_duration_minutes(s.duration_minutes)?;
    if let Some(number) = number {
        admin::check_session_number(number)?;
    }
    Ok(())
}

/// Gives the just-inserted séance `id` the number `number`, moving the
/// séances numbered `number` or more up by one (two statements, through
/// numbers out of the way, so the unique (formation, number) index holds).
async fn make_room(tx: &mut Tx, formation_id: i64, id: i64, number: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE formation_sessions SET session_number = session_number + 1000000
         WHERE formation_id = $1 AND (session_number >= $2 OR id = $3)",
    )
    .bind(formation_id)
    .bind(number)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE formation_sessions
         SET session_number = CASE WHEN id = $3 THEN $2 ELSE session_number - 1000000 + 1 END
         WHERE formation_id = $1 AND session_number > 1000000",
    )
    .bind(formation_id)
    .bind(number)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) async fn head_in(tx: &mut Tx, formation_id: i64) -> Result<FormationHead, AppError> {
    let row: Option<StoredHead> = sqlx::query_as(
        "SELECT id, name, platform, timezone, archived, zoom_auto_meetings FROM formations WHERE id = $1",
    )
    .bind(formation_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.ok_or(AppError::NotFound)?.try_into()
}

/// The formation a session belongs to.
/// A séance's number as it stands (after a renumbering), for its entry.
async fn number_in(tx: &mut Tx, session_id: i64) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT session_number FROM formation_sessions WHERE id = $1")
            .bind(session_id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

async fn session_formation_in(tx: &mut Tx, session_id: i64) -> Result<i64, AppError> {
    let formation_id: Option<i64> =
        sqlx::query_scalar("SELECT formation_id FROM formation_sessions WHERE id = $1")
            .bind(session_id)
            .fetch_optional(&mut **tx)
            .await?;
    formation_id.ok_or(AppError::NotFound)
}

impl Db {
    /// Serialises the changes to one formation and its sessions, taken
    /// before anything of them is read. On PostgreSQL each statement sees
    /// what was committed when it started: two sessions added at once would
    /// both be numbered MAX + 1 (a unique violation, a 500), and two
    /// renumberings or archive toggles could interleave and log a wrong
    /// "before". The row lock makes the second transaction wait for the
    /// first to commit and then read its result — waiting is right here,
    /// whereas retrying on a unique violation would only cover the insert.
    /// SQLite needs nothing: `BEGIN IMMEDIATE` (see [`Db::begin_write`])
    /// already holds its single write lock.
    pub(super) async fn lock_formation(
        &self,
        tx: &mut Tx,
        formation_id: i64,
    ) -> Result<(), AppError> {
        if self.backend == Backend::Postgres {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT id FROM formations WHERE id = $1 FOR UPDATE")
                    .bind(formation_id)
                    .fetch_optional(&mut **tx)
                    .await?;
            found.ok_or(AppError::NotFound)?;
        }
        Ok(())
    }
}

impl Db {
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_formations(
        &self,
        filter: &FormationFilter,
        after: Option<i64>,
        size: i64,
    ) -> Result<(Vec<FormationRow>, Option<i64>), AppError> {
        let search = filter.search.trim().to_lowercase();
        let pattern = format!("%{}%", search.replace(['\\', '%', '_'], ""));
        // In the order shown (archived last, then by name), after the `after`
        // formation: a keyset cursor on (archived, name, id).
        let rows: Vec<StoredListed> = sqlx::query_as(
            "SELECT f.id, f.name, f.level, f.platform, f.instructor_name, f.schedule_description, f.archived, f.draft,
                (SELECT COUNT(*) FROM formation_sessions s WHERE s.formation_id = f.id) AS session_count,
                (SELECT CAST(COALESCE(SUM(c.n), 0) AS BIGINT) FROM enrollment_counts c
                 WHERE c.formation_id = f.id AND c.cancelled = 0) AS enrollment_count
             FROM formations f
             WHERE ($1 = '' OR lower(f.name) LIKE $2 OR lower(f.instructor_name) LIKE $2 OR lower(f.description) LIKE $2)
               AND ($3 = '' OR f.level = $3)
               AND ($4 = '' OR f.platform = $4)
               AND ($5 = 1 OR f.archived = 0)
               AND ($6 = 0 OR (f.archived, f.name, f.id) > (SELECT archived, name, id FROM formations WHERE id = $6))
             ORDER BY f.archived, f.name, f.id LIMIT $7",
        )
        .bind(&search)
        .bind(&pattern)
        .bind(filter.level.map(Level::as_str).unwrap_or_default())
        .bind(filter.platform.map(Platform::as_str).unwrap_or_default())
        .bind(i64::from(filter.include_archived))
        .bind(after.unwrap_or(0))
        .bind(size + 1)
        .fetch_all(self.pool())
        .await?;
        super::keyset_page(rows, size, |f: &FormationRow| f.id)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_formation(&self, id: i64) -> Result<FormationDetail, AppError> {
        let mut tx = self.pool().begin().await?;
        let detail = formation_detail_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(detail)
    }

    #[tracing::instrument(skip_all, err)]
    /// Creates a published formation (the command line, the demo).
    pub async fn create_formation(
        &self,
        actor: &Actor,
        f: &FormationFields,
    ) -> Result<i64, AppError> {
        self.create_formation_as(actor, f, false).await
    }

    /// Creates a formation, a draft (out of the catalogue until published)
    /// or published: the one INSERT into `formations`.
    #[tracing::instrument(skip_all, err)]
    pub async fn create_formation_as(
        &self,
        actor: &Actor,
        f: &FormationFields,
        draft: bool,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = bind_fields!(
            sqlx::query_scalar(
                "INSERT INTO formations (name, description, level, platform, meeting_link, meeting_id,
                 meeting_password, instructor_name, schedule_description, timezone, created_at, updated_at,
                 certificate_min_attendance, zoom_min_presence, zoom_auto_meetings,
                 price_cents, currency, starts_on, ends_on, seats, payment_instructions, draft)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14,
                 $15, $16, $17, $18, $19, $20, $21) RETURNING id",
            ),
            f
        )
        .bind(i64::from(draft))
        .fetch_one(&mut *tx)
        .await?;
        let mut after = fields_json(f);
        after["draft"] = json!(draft);
        let change = Change::new("formation.create", "formation", id)
            .formation(id, &f.info.name)
            .after(after);
        record_and_commit(tx, actor, change).await?;
        Ok(id)
    }

    /// The first formation with this name, if any (the demo's "already loaded").
    pub async fn formation_id_by_name(&self, name: &str) -> Result<Option<i64>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM formations WHERE name = $1 ORDER BY id LIMIT 1")
                .bind(name)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// Saves a formation only if nobody saved it since `version` was read:
    /// a second admin's stale form is refused (409), never silently applied.
    #[tracing::instrument(skip_all, err)]
    pub async fn update_formation(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        f: &FormationFields,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        let before = formation_detail_in(&mut tx, id).await?;
        let before_json = input_json(&before);
        let mut after = fields_json(f);
        // A save that changes no field is no change: no new version, no entry
        // (a stale form is still refused, as below).
        if changes_nothing(Some(&before_json), Some(&after)) {
            if before.version != version {
                return Err(AppError::Conflict(ErrorCode::StaleFormation));
            }
            tx.commit().await?;
            return Ok(());
        }
        let done = bind_fields!(
            sqlx::query(
                "UPDATE formations SET name = $1, description = $2, level = $3, platform = $4,
                 meeting_link = $5, meeting_id = $6, meeting_password = $7, instructor_name = $8,
                 schedule_description = $9, timezone = $10, updated_at = $11,
                 certificate_min_attendance = $12, zoom_min_presence = $13,
                 zoom_auto_meetings = $14, price_cents = $15, currency = $16, starts_on = $17,
                 ends_on = $18, seats = $19, payment_instructions = $20, version = version + 1
             WHERE id = $21 AND version = $22",
            ),
            f
        )
        .bind(id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(AppError::Conflict(ErrorCode::StaleFormation));
        }
        after["version"] = json!(before.version + 1);
        // The name is in every event's summary.
        super::calendars::revise_in(&mut tx, id).await?;
        // And in every Zoom meeting's topic, with the zone of its time.
        super::zoom_sync::queue_formation_in(&mut tx, id, Utc::now()).await?;
        let change = Change::new("formation.update", "formation", id)
            .formation(id, &f.info.name)
            .before(before_json)
            .after(after);
        record_and_commit(tx, actor, change).await?;
        Ok(())
    }

    /// Archives (or restores) a formation: it leaves (or returns to) the
    /// catalogue; its enrollments are untouched.
    #[tracing::instrument(skip_all, err)]
    pub async fn set_archived(
        &self,
        actor: &Actor,
        id: i64,
        archived: bool,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        self.lock_formation(&mut tx, id).await?;
        let before = formation_detail_in(&mut tx, id).await?;
        // Archiving an archived formation (or restoring a restored one)
        // changes nothing: no new version, no entry, however many clicks.
        if before.archived == archived {
            tx.commit().await?;
            return Ok(());
        }
        sqlx::query(
            "UPDATE formations SET archived = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(i64::from(archived))
        .bind(instant_text(Utc::now()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let change = Change::new(
            if archived {
                "formation.archive"
            } else {
                "formation.restore"
            },
            "formation",
            id,
        )
        .formation(id, &before.input.name)
        .before(json!({ "archived": before.archived, "version": before.version }))
        .after(json!({ "archived": archived, "version": before.version + 1 }));
        record_and_commit(tx, actor, change).await?;
        Ok(())
    }

    /// Publishes a draft (it enters the catalogue) or takes a formation back
    /// to draft. Publishing one without séances needs `without_sessions`:
    /// learners would ask for a formation with no date.
    #[tracing::instrument(skip_all, err)]
    pub async fn set_draft(
        &self,
        actor: &Actor,
        id: i64,
        draft: bool,
        without_sessions: bool,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        self.lock_formation(&mut tx, id).await?;
        let before = formation_detail_in(&mut tx, id).await?;
        if before.draft == draft {
            tx.commit().await?;
            return Ok(());
        }
        if !draft && before.session_count == 0 && !without_sessions {
            return Err(ErrorCode::PublishWithoutSessions.into());
        }
        sqlx::query(
            "UPDATE formations SET draft = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(i64::from(draft))
        .bind(instant_text(Utc::now()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let change = Change::new(
            if draft {
                "formation.unpublish"
            } else {
                "formation.publish"
            },
            "formation",
            id,
        )
        .formation(id, &before.input.name)
        .before(json!({ "draft": before.draft, "version": before.version }))
        .after(json!({ "draft": draft, "version": before.version + 1 }));
        record_and_commit(tx, actor, change).await?;
        Ok(())
    }

    /// What a series would create, without creating it: each date, flagged
    /// when past or when it overlaps a séance of this formation or of
    /// another formation with the same instructor. Three statements.
    pub async fn series_preview(
        &self,
        formation_id: i64,
        series: &Series,
        now: DateTime<Utc>,
    ) -> Result<crate::domain::admin::SeriesPreview, AppError> {
        let mut tx = self.pool().begin().await?;
        let head = head_in(&mut tx, formation_id).await?;
        let tz = tz_of(&head.timezone)?;
        let planned = weekly_occurrences(
            tz,
            &series.weekdays,
            series.start_time,
            series.from,
            series.to,
        );
        let (Some(first), Some(last)) = (planned.first(), planned.last()) else {
            return Err(ErrorCode::SeriesEmpty.into());
        };
        // Séances last at most a day: a day either side covers every overlap.
        let rows: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
            "SELECT s.formation_id, f.name, s.session_number, s.scheduled_date, s.duration_minutes
             FROM formation_sessions s JOIN formations f ON f.id = s.formation_id
             WHERE s.scheduled_date >= $1 AND s.scheduled_date <= $2
               AND (s.formation_id = $3 OR (f.instructor_name =
                    (SELECT instructor_name FROM formations WHERE id = $3) AND f.archived = 0))",
        )
        .bind(instant_text(*first - chrono::Duration::days(1)))
        .bind(instant_text(*last + chrono::Duration::days(1)))
        .bind(formation_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut others = Vec::with_capacity(rows.len());
        let mut existing: HashSet<DateTime<Utc>> = HashSet::new();
        for (formation, name, number, at, minutes) in rows {
            let at = decode::instant(&at)?;
            if formation == formation_id {
                existing.insert(at);
            }
            others.push((name, number, at, minutes));
        }
        let lines: Vec<_> = planned
            .iter()
            .filter(|at| !existing.contains(at))
            .map(|at| crate::domain::admin::PreviewLine {
                starts_at: *at,
                past: *at < now,
                clashes: admin::overlapping(*at, series.duration_minutes, &others),
            })
            .collect();
        if lines.len() > MAX_SERIES {
            return Err(ErrorCode::SeriesTooLong.into());
        }
        Ok(crate::domain::admin::SeriesPreview {
            existing: planned.len() - lines.len(),
            lines,
            duration_minutes: series.duration_minutes,
        })
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_head(&self, formation_id: i64) -> Result<FormationHead, AppError> {
        let mut tx = self.pool().begin().await?;
        let head = head_in(&mut tx, formation_id).await?;
        tx.commit().await?;
        Ok(head)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_sessions(&self, formation_id: i64) -> Result<SeancesView, AppError> {
        let mut tx = self.pool().begin().await?;
        let formation = head_in(&mut tx, formation_id).await?;
        let mut sessions = sessions_in(&mut tx, &formation).await?;
        // Overlaps, within the formation and with its instructor's other
        // formations: one statement over the plan's span.
        let starts: Vec<DateTime<Utc>> = sessions
            .iter()
            .filter_map(|s| decode::instant(&s.scheduled_at).ok())
            .collect();
        if let (Some(first), Some(last)) = (starts.iter().min(), starts.iter().max()) {
            let rows: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
                "SELECT s.id, f.name, s.session_number, s.scheduled_date, s.duration_minutes
                 FROM formation_sessions s JOIN formations f ON f.id = s.formation_id
                 WHERE s.scheduled_date >= $1 AND s.scheduled_date <= $2
                   AND (s.formation_id = $3 OR (f.archived = 0 AND f.instructor_name =
                        (SELECT instructor_name FROM formations WHERE id = $3)))",
            )
            .bind(instant_text(*first - chrono::Duration::days(1)))
            .bind(instant_text(*last + chrono::Duration::days(1)))
            .bind(formation_id)
            .fetch_all(&mut *tx)
            .await?;
            let mut others = Vec::with_capacity(rows.len());
            for (id, name, number, at, minutes) in rows {
                others.push((id, (name, number, decode::instant(&at)?, minutes)));
            }
            for s in &mut sessions {
                let at = decode::instant(&s.scheduled_at)?;
                let rest: Vec<_> = others
                    .iter()
                    .filter(|(id, _)| *id != s.id)
                    .map(|(_, o)| o.clone())
                    .collect();
                s.clashes = admin::overlapping(at, s.duration_minutes, &rest);
            }
        }
        tx.commit().await?;
        Ok(SeancesView {
            formation,
            sessions,
            // The store does not know the server's configuration.
            zoom_configured: false,
        })
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_session(&self, session_id: i64) -> Result<SeanceDetail, AppError> {
        let mut tx = self.pool().begin().await?;
        let (formation_id, session) = session_in(&mut tx, session_id).await?;
        let formation = head_in(&mut tx, formation_id).await?;
        let tz = tz_of(&formation.timezone)?;
        tx.commit().await?;
        Ok(SeanceDetail {
            session: session_row(tz, session)?,
            formation,
        })
    }

    #[tracing::instrument(skip_all, err)]
    /// Adds a séance: the one INSERT into `formation_sessions` for a single
    /// séance. Without a number, séances are then renumbered by date (the
    /// admin area); with one (`formations session add --number N`), it takes
    /// that number and the séances from N on move up by one.
    pub async fn create_session(
        &self,
        actor: &Actor,
        formation_id: i64,
        s: &SeanceFields,
        number: Option<i64>,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        check_session(&head, s, number)?;
        let id = insert_session_in(&mut tx, formation_id, s).await?;
        match number {
            None => renumber(&mut tx, formation_id).await?,
            Some(number) => make_room(&mut tx, formation_id, id, number).await?,
        }
        super::calendars::revise_in(&mut tx, formation_id).await?;
        super::zoom_sync::queue_formation_in(&mut tx, formation_id, Utc::now()).await?;
        let seance_number = number_in(&mut tx, id).await?;
        let change = Change::new("session.create", "session", id)
            .formation(head.id, &head.name)
            .seance(seance_number, &s.title)
            .after(json!({
            "formation_id": formation_id, "title": s.title,
            "scheduled_date": instant_text(s.scheduled_at), "duration_minutes": s.duration_minutes,
            "meeting_link": s.meeting_link, "recording_link": s.recording_link,
        }));
        record_and_commit(tx, actor, change).await?;
        Ok(id)
    }

    /// Creates the sessions of a recurrence in the formation's time zone,
    /// skipping instants that already have a session. Returns how many.
    #[tracing::instrument(skip_all, err)]
    pub async fn generate_sessions(
        &self,
        actor: &Actor,
        formation_id: i64,
        title: &str,
        series: &Series,
    ) -> Result<usize, AppError> {
        let mut tx = self.begin_write().await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        let tz = tz_of(&head.timezone)?;
        let existing: Vec<(String, i64)> = sqlx::query_as(
            "SELECT scheduled_date, session_number FROM formation_sessions WHERE formation_id = $1",
        )
        .bind(formation_id)
        .fetch_all(&mut *tx)
        .await?;
        let last_number = existing.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let existing: HashSet<String> = existing.into_iter().map(|(at, _)| at).collect();
        let planned: Vec<DateTime<Utc>> = weekly_occurrences(
            tz,
            &series.weekdays,
            series.start_time,
            series.from,
            series.to,
        )
        .into_iter()
        .filter(|at| !existing.contains(&instant_text(*at)))
        .collect();
        if planned.is_empty() {
            return Err(ErrorCode::SeriesEmpty.into());
        }
        if planned.len() > MAX_SERIES {
            return Err(ErrorCode::SeriesTooLong.into());
        }
        insert_series_in(
            &mut tx,
            formation_id,
            last_number,
            title,
            series.duration_minutes,
            &planned,
        )
        .await?;
        renumber(&mut tx, formation_id).await?;
        super::calendars::revise_in(&mut tx, formation_id).await?;
        super::zoom_sync::queue_formation_in(&mut tx, formation_id, Utc::now()).await?;
        let change = Change::new("session.generate", "formation", formation_id)
            .formation(head.id, &head.name)
            .after(json!({
                "title": title,
                "weekdays": series.weekdays.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                "start_time": series.start_time.format("%H:%M").to_string(),
                "duration_minutes": series.duration_minutes,
                "from": series.from.to_string(), "to": series.to.to_string(),
                "timezone": head.timezone,
                "created": planned.iter().map(|at| instant_text(*at)).collect::<Vec<_>>(),
            }));
        record_and_commit(tx, actor, change).await?;
        Ok(planned.len())
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn update_session(
        &self,
        actor: &Actor,
        session_id: i64,
        s: &SeanceFields,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let formation_id = session_formation_in(&mut tx, session_id).await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let (_, before) = session_in(&mut tx, session_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        let before = session_row(tz_of(&head.timezone)?, before)?;
        sqlx::query(
            // `moved_at` holds reminders computed before a move back.
            // A séance whose meeting Zoom made keeps Zoom's link: the
            // outbox owns it (moved with the séance, deleted with it).
            "UPDATE formation_sessions SET title = $1, scheduled_date = $2, duration_minutes = $3,
                 meeting_link = CASE WHEN zoom_meeting_id IS NULL THEN $4 ELSE meeting_link END,
                 recording_link = $5,
                 moved_at = CASE WHEN scheduled_date = $2 THEN moved_at ELSE $7 END
             WHERE id = $6",
        )
        .bind(&s.title)
        .bind(instant_text(s.scheduled_at))
        .bind(s.duration_minutes)
        .bind(s.meeting_link.as_deref())
        .bind(s.recording_link.as_deref())
        .bind(session_id)
        .bind(instant_text(Utc::now()))
        .execute(&mut *tx)
        .await?;
        renumber(&mut tx, formation_id).await?;
        super::calendars::revise_in(&mut tx, formation_id).await?;
        super::zoom_sync::queue_formation_in(&mut tx, formation_id, Utc::now()).await?;
        let seance_number = number_in(&mut tx, session_id).await?;
        let change = Change::new("session.update", "session", session_id)
            .formation(head.id, &head.name)
            .seance(seance_number, &s.title)
            .before(session_json(&before))
            .after(json!({
                "title": s.title, "scheduled_date": instant_text(s.scheduled_at),
                "duration_minutes": s.duration_minutes, "meeting_link": s.meeting_link,
                "recording_link": s.recording_link,
            }));
        record_and_commit(tx, actor, change).await?;
        Ok(formation_id)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn set_recording(
        &self,
        actor: &Actor,
        session_id: i64,
        recording_link: Option<&str>,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let formation_id = session_formation_in(&mut tx, session_id).await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let (_, before) = session_in(&mut tx, session_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        sqlx::query("UPDATE formation_sessions SET recording_link = $1 WHERE id = $2")
            .bind(recording_link)
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        let change = Change::new("session.recording", "session", session_id)
            .formation(head.id, &head.name)
            .seance(before.session_number, &before.title)
            .before(json!({ "recording_link": before.recording_link }))
            .after(json!({ "recording_link": recording_link }));
        record_and_commit(tx, actor, change).await?;
        Ok(formation_id)
    }

    /// Deletes a session (and its attendance rows) and renumbers the rest.
    #[tracing::instrument(skip_all, err)]
    pub async fn delete_session(&self, actor: &Actor, session_id: i64) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let formation_id = session_formation_in(&mut tx, session_id).await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let (_, before) = session_in(&mut tx, session_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        let before = session_row(tz_of(&head.timezone)?, before)?;
        super::calendars::bury_session_in(&mut tx, session_id).await?;
        super::zoom_sync::queue_delete_in(&mut tx, session_id, Utc::now()).await?;
        sqlx::query("DELETE FROM session_attendance WHERE session_id = $1")
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM formation_sessions WHERE id = $1")
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        renumber(&mut tx, formation_id).await?;
        super::calendars::revise_in(&mut tx, formation_id).await?;
        let mut before_json = session_json(&before);
        before_json["formation_id"] = json!(formation_id);
        let change = Change::new("session.delete", "session", session_id)
            .formation(head.id, &head.name)
            .seance(before.number, &before.title)
            .before(before_json);
        record_and_commit(tx, actor, change).await?;
        Ok(formation_id)
    }
}

async fn formation_detail_in(tx: &mut Tx, id: i64) -> Result<FormationDetail, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        name: String,
        description: String,
        level: String,
        platform: String,
        meeting_link: String,
        meeting_id: Option<String>,
        meeting_password: Option<String>,
        instructor_name: String,
        schedule_description: String,
        timezone: String,
        archived: i64,
        version: i64,
        certificate_min_attendance: i64,
        zoom_min_presence: i64,
        zoom_auto_meetings: i64,
        draft: i64,
        session_count: i64,
        price_cents: Option<i64>,
        currency: String,
        starts_on: Option<String>,
        ends_on: Option<String>,
        seats: Option<i64>,
        payment_instructions: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, name, description, level, platform, meeting_link, meeting_id, meeting_password,
             instructor_name, schedule_description, timezone, archived, version,
             certificate_min_attendance, zoom_min_presence, zoom_auto_meetings, draft,
             (SELECT COUNT(*) FROM formation_sessions s WHERE s.formation_id = formations.id)
                 AS session_count,
             price_cents, currency, starts_on, ends_on, seats, payment_instructions
         FROM formations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let r = row.ok_or(AppError::NotFound)?;
    let offer = decode::offer(
        r.price_cents,
        &r.currency,
        r.starts_on.as_deref(),
        r.ends_on.as_deref(),
        r.seats,
        r.payment_instructions,
    )?;
    Ok(FormationDetail {
        id: r.id,
        input: FormationInput {
            name: r.name,
            description: r.description,
            level: r.level,
            platform: r.platform,
            meeting_link: r.meeting_link,
            meeting_id: r.meeting_id.unwrap_or_default(),
            meeting_password: r.meeting_password.unwrap_or_default(),
            instructor_name: r.instructor_name,
            schedule_description: r.schedule_description,
            timezone: r.timezone,
            certificate_min_attendance: r.certificate_min_attendance.to_string(),
            zoom_min_presence: r.zoom_min_presence.to_string(),
            zoom_auto_meetings: r.zoom_auto_meetings == 1,
            offer: offer.input(crate::domain::language::Lang::Fr),
        },
        offer,
        archived: r.archived == 1,
        draft: r.draft == 1,
        session_count: r.session_count,
        version: r.version,
    })
}

pub(super) async fn sessions_in(
    tx: &mut Tx,
    head: &FormationHead,
) -> Result<Vec<SeanceLine>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        seance: StoredSeance,
        zoom_state: Option<String>,
        zoom_error: Option<String>,
        zoom_meeting: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {SESSION_COLUMNS}, z.state AS zoom_state, z.last_error AS zoom_error,
             s.zoom_meeting_id AS zoom_meeting
         FROM formation_sessions s LEFT JOIN zoom_syncs z ON z.session_id = s.id
         WHERE s.formation_id = $1 ORDER BY s.session_number"
    ))
    .bind(head.id)
    .fetch_all(&mut **tx)
    .await?;
    let tz = tz_of(&head.timezone)?;
    rows.into_iter()
        .map(|r| {
            let zoom = match r.zoom_state.as_deref() {
                None if r.zoom_meeting.is_none() => None,
                None => Some(SyncState::Done),
                Some(state) => Some(
                    SyncState::parse(state)
                        .ok_or_else(|| super::corrupt("zoom sync state", state))?,
                ),
            }
            .map(|state| ZoomSync {
                state,
                error: r.zoom_error.filter(|_| state != SyncState::Done),
                meeting_id: r.zoom_meeting,
            });
            Ok(SeanceLine {
                zoom,
                ..session_row(tz, r.seance)?
            })
        })
        .collect()
}

pub(super) async fn session_in(
    tx: &mut Tx,
    session_id: i64,
) -> Result<(i64, StoredSeance), AppError> {
    let formation_id: Option<i64> =
        sqlx::query_scalar("SELECT formation_id FROM formation_sessions WHERE id = $1")
            .bind(session_id)
            .fetch_optional(&mut **tx)
            .await?;
    let formation_id = formation_id.ok_or(AppError::NotFound)?;
    let row: StoredSeance = sqlx::query_as(&format!(
        "SELECT {SESSION_COLUMNS} FROM formation_sessions WHERE id = $1"
    ))
    .bind(session_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok((formation_id, row))
}

async fn insert_session_in(
    tx: &mut Tx,
    formation_id: i64,
    s: &SeanceFields,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO formation_sessions (formation_id, session_number, title, scheduled_date,
             duration_minutes, meeting_link, recording_link, moved_at)
         VALUES ($1, (SELECT COALESCE(MAX(session_number), 0) + 1 FROM formation_sessions WHERE formation_id = $1),
                 $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(formation_id)
    .bind(&s.title)
    .bind(instant_text(s.scheduled_at))
    .bind(s.duration_minutes)
    .bind(s.meeting_link.as_deref())
    .bind(s.recording_link.as_deref())
    .bind(instant_text(Utc::now()))
    .fetch_one(&mut **tx)
    .await?)
}

/// The séances of a series in one INSERT, whatever their number, numbered
/// after `last_number` (the caller renumbers them by date afterwards).
async fn insert_series_in(
    tx: &mut Tx,
    formation_id: i64,
    last_number: i64,
    title: &str,
    duration_minutes: i64,
    planned: &[DateTime<Utc>],
) -> Result<(), AppError> {
    // $1 to $4 are shared; each row adds its number and its instant.
    let rows: Vec<String> = (0..planned.len())
        .map(|i| format!("($1, ${}, $2, ${}, $3, $4)", 5 + 2 * i, 6 + 2 * i))
        .collect();
    let sql = format!(
        "INSERT INTO formation_sessions (formation_id, session_number, title, scheduled_date,
             duration_minutes, moved_at)
         VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql)
        .bind(formation_id)
        .bind(title)
        .bind(duration_minutes)
        .bind(instant_text(Utc::now()));
    for (number, at) in (last_number + 1..).zip(planned) {
        query = query.bind(number).bind(instant_text(*at));
    }
    query.execute(&mut **tx).await?;
    Ok(())
}
