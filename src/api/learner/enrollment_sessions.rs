use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::enrollment::{EnrollmentView, SeanceView};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollmentSeancesData {
    pub now: DateTime<Utc>,
    pub enrollment: EnrollmentView,
    pub sessions: Vec<SeanceView>,
}

/// One of the caller's enrollments with its sessions; anybody else's is
/// "not found".
#[server(prefix = "/fn", endpoint = "enrollment_sessions")]
pub async fn enrollment_sessions(enrollment_id: i64) -> Result<EnrollmentSeancesData, AppError> {
    use crate::server::{learner, learner_read};
    learner_read(async |db, user, now| {
        let (enrollment, sessions) =
            learner::enrollment_sessions(db, user.id, enrollment_id, now).await?;
        Ok(EnrollmentSeancesData {
            now,
            enrollment,
            sessions,
        })
    })
    .await
}
