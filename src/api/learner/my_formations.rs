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
}

#[server(prefix = "/fn", endpoint = "my_formations")]
pub async fn my_formations() -> Result<MyFormationsData, AppError> {
    use crate::server::{learner, require_user, state};
    let user = require_user()?;
    let now = Utc::now();
    let (enrollments, stats) = learner::overview(&state().db, user.id, now).await?;
    Ok(MyFormationsData {
        now,
        enrollments,
        stats,
    })
}
