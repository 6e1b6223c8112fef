use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::certificate::CertificateLine;
use crate::domain::enrollment::{NextSeance, Stats};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub now: DateTime<Utc>,
    pub name: String,
    pub stats: Stats,
    pub next: Option<NextSeance>,
    /// "Mes certificats".
    pub certificates: Vec<CertificateLine>,
    /// Requests waiting for the payment or refused.
    pub requests: Vec<crate::domain::catalogue::MyRequest>,
}

/// The learner's home: the three counts and the very next session.
#[server(prefix = "/fn", endpoint = "dashboard")]
pub async fn dashboard() -> Result<DashboardData, AppError> {
    use crate::server::{learner, learner_read};
    learner_read(async |db, user, now| {
        let (stats, next, certificates) = learner::dashboard(db, user.id, now).await?;
        let requests = db.my_requests(user.id, true).await?;
        let name = user.name;
        Ok(DashboardData {
            now,
            name,
            stats,
            next,
            certificates,
            requests,
        })
    })
    .await
}
