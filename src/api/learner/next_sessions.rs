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

/// The next 50 sessions across the learner's active and upcoming enrollments.
#[server(prefix = "/fn", endpoint = "upcoming_sessions")]
pub async fn upcoming_sessions() -> Result<UpcomingSeancesData, AppError> {
    use crate::server::{learner, learner_read};
    learner_read(async |db, user, now| {
        let sessions = learner::upcoming_sessions(db, user.id, now, 50).await?;
        Ok(UpcomingSeancesData { now, sessions })
    })
    .await
}
