//! Every SQL statement of the application. Pages and endpoints call one
//! method per thing they show; no method issues a query per row.

pub mod audit;
pub mod bench;
pub mod calendars;
pub mod certificates;
pub mod dashboard;
pub mod enrollments;
pub mod formations;
pub mod imports;
pub mod learner;
pub mod notifications;
pub mod reminders;
pub mod requests;
pub mod throttle;
pub mod users;
pub mod zoom;
pub mod zoom_sync;

use chrono::{DateTime, Utc};

/// Instants are stored as fixed-width UTC text so that they sort and compare
/// the same way on SQLite and PostgreSQL.
pub fn instant_text(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// The `$first, $first+1, …` placeholders of `n` bound values, for an
/// `IN (…)` list.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A page of a keyset-paged list from `rows` read with `LIMIT size + 1`:
/// the extra row, when there is one, only tells that another page exists,
/// whose cursor is the `id` of the last row kept.
pub(crate) fn keyset_page<R, T>(
    rows: Vec<R>,
    size: i64,
    id: impl Fn(&T) -> i64,
) -> Result<(Vec<T>, Option<i64>), crate::error::AppError>
where
    T: TryFrom<R, Error = crate::error::AppError>,
{
    let more = rows.len() as i64 > size;
    let kept = rows
        .into_iter()
        .take(size.max(0) as usize)
        .map(T::try_from)
        .collect::<Result<Vec<T>, _>>()?;
    let next = more.then(|| kept.last().map(&id)).flatten();
    Ok((kept, next))
}

/// A stored value this code cannot read: logged once, here, with what it
/// was, and a 500 for the caller, never a default standing in for it.
pub(crate) fn corrupt(what: &str, value: &str) -> crate::error::AppError {
    tracing::error!(what, value, "unreadable value in the database");
    crate::error::AppError::Internal
}

/// A formation's six public facts as its columns hold them; flattened into
/// the row structs that select them.
#[derive(sqlx::FromRow)]
pub(crate) struct StoredInfo {
    name: String,
    description: String,
    level: String,
    platform: String,
    instructor_name: String,
    schedule_description: String,
}

impl TryFrom<StoredInfo> for crate::domain::formation::FormationInfo {
    type Error = crate::error::AppError;

    fn try_from(r: StoredInfo) -> Result<Self, Self::Error> {
        Ok(Self {
            level: decode::level(&r.level)?,
            platform: decode::platform(&r.platform)?,
            name: r.name,
            description: r.description,
            instructor_name: r.instructor_name,
            schedule_description: r.schedule_description,
        })
    }
}

/// Readers of stored text into domain values; each failure is [`corrupt`].
pub(crate) mod decode {
    use chrono::{DateTime, NaiveDate, Utc};

    use super::corrupt;
    use crate::domain::formation::{Level, Platform};
    use crate::domain::status::EnrollmentStatus;
    use crate::error::AppError;

    pub fn date(value: &str) -> Result<NaiveDate, AppError> {
        NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| corrupt("date", value))
    }

    /// A formation's offer from its stored columns (price in cents).
    pub fn offer(
        price_cents: Option<i64>,
        currency: &str,
        starts_on: Option<&str>,
        ends_on: Option<&str>,
        seats: Option<i64>,
        payment_instructions: String,
    ) -> Result<crate::domain::admin::Offer, AppError> {
        Ok(crate::domain::admin::Offer {
            price: price_cents.map(|cents| crate::domain::price::Price {
                cents,
                currency: currency.to_string(),
            }),
            starts_on: starts_on.map(date).transpose()?,
            ends_on: ends_on.map(date).transpose()?,
            seats,
            payment_instructions,
        })
    }

    pub fn instant(value: &str) -> Result<DateTime<Utc>, AppError> {
        super::parse_instant(value).ok_or_else(|| corrupt("instant", value))
    }

    pub fn timezone(value: &str) -> Result<chrono_tz::Tz, AppError> {
        value.parse().map_err(|_| corrupt("timezone", value))
    }

    pub fn level(value: &str) -> Result<Level, AppError> {
        Level::parse(value).map_err(|_| corrupt("level", value))
    }

    pub fn platform(value: &str) -> Result<Platform, AppError> {
        Platform::parse(value).map_err(|_| corrupt("platform", value))
    }

    pub fn status(value: &str) -> Result<EnrollmentStatus, AppError> {
        EnrollmentStatus::parse(value).map_err(|_| corrupt("status", value))
    }

    /// An enrollment's effective status at `now`, from its stored columns
    /// and its formation's time zone (`domain/status.rs` decides).
    pub fn effective(
        status: &str,
        start: &str,
        end: &str,
        tz: &str,
        now: DateTime<Utc>,
    ) -> Result<EnrollmentStatus, AppError> {
        let today = crate::domain::status::today_in(timezone(tz)?, now);
        Ok(crate::domain::status::effective_status(
            self::status(status)?,
            date(start)?,
            date(end)?,
            today,
        ))
    }
}

pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Answers `taken` when a write hits a unique key (the row exists already:
/// an expected answer, not a failure), else the database error.
pub(crate) fn unique_or(
    taken: crate::error::AppError,
) -> impl FnOnce(sqlx::Error) -> crate::error::AppError {
    move |err| {
        if is_unique_violation(&err) {
            taken
        } else {
            err.into()
        }
    }
}

pub(crate) fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_foreign_key_violation())
}
