use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::enrollment::{EnrollmentView, Stats};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyFormationsData {
    pub now: DateTime<Utc>,
    pub enrollments: Vec<EnrollmentView>,
    pub stats: Stats,
    /// Requests waiting for the payment or refused.
    pub requests: Vec<crate::domain::catalogue::MyRequest>,
}

/// Every enrollment of the learner, in the order the list shows them, with
/// the counts of each status.
#[server(prefix = "/fn", endpoint = "my_formations")]
pub async fn my_formations() -> Result<MyFormationsData, AppError> {
    use crate::server::{learner, learner_read};
    learner_read(async |db, user, now| {
        let (enrollments, stats) = learner::overview(db, user.id, now).await?;
        let requests = db.my_requests(user.id, true).await?;
        Ok(MyFormationsData {
            now,
            enrollments,
            stats,
            requests,
        })
    })
    .await
}
