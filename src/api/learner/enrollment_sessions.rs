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
    use crate::server::{learner, require_user, state};
    let user = require_user()?;
    let now = Utc::now();
    let (enrollment, sessions) =
        learner::enrollment_sessions(&state().db, user.id, enrollment_id, now).await?;
    Ok(EnrollmentSeancesData {
        now,
        enrollment,
        sessions,
    })
}
