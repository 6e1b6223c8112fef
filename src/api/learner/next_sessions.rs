use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::enrollment::NextSeance;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpcomingSeancesData {
    pub now: DateTime<Utc>,
    pub sessions: Vec<NextSeance>,
}

#[server(prefix = "/fn", endpoint = "upcoming_sessions")]
pub async fn upcoming_sessions() -> Result<UpcomingSeancesData, AppError> {
    use crate::server::{learner, require_user, state};
    let user = require_user()?;
    let now = Utc::now();
    let sessions = learner::upcoming_sessions(&state().db, user.id, now, 50).await?;
    Ok(UpcomingSeancesData { now, sessions })
}
