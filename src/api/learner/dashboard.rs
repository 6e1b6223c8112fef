use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::enrollment::{NextSeance, Stats};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub now: DateTime<Utc>,
    pub name: String,
    pub stats: Stats,
    pub next: Option<NextSeance>,
}

#[server(prefix = "/fn", endpoint = "dashboard")]
pub async fn dashboard() -> Result<DashboardData, AppError> {
    use crate::server::{learner, require_user, state};
    let user = require_user()?;
    let now = Utc::now();
    let (stats, next) = learner::dashboard(&state().db, user.id, now).await?;
    Ok(DashboardData {
        now,
        name: user.name,
        stats,
        next,
    })
}
