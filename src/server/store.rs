//! Every SQL statement of the application. Pages and endpoints call one
//! method per thing they show; no method issues a query per row.

pub mod audit;
pub mod dashboard;
pub mod enrollments;
pub mod formations;
pub mod learner;
pub mod requests;
pub mod users;

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

pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

pub(crate) fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_foreign_key_violation())
}
