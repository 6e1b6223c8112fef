use leptos::prelude::*;

use crate::domain::calendar::CalendarLinks;
use crate::error::AppError;

/// The signed-in learner's calendar feed and its subscribe links (the
/// feed's secret is made at the first ask).
#[server(prefix = "/fn", endpoint = "get_calendar")]
pub async fn get_calendar() -> Result<CalendarLinks, AppError> {
    use crate::server::{calendar, require_user, state};

    let user = require_user()?;
    let headers = use_context::<axum::http::request::Parts>()
        .map(|p| p.headers)
        .unwrap_or_default();
    calendar::links(&state(), &headers, user.id).await
}

/// "Régénérer": a new feed URL; the old one answers 404 from now on.
#[server(prefix = "/fn", endpoint = "regenerate_calendar")]
pub async fn regenerate_calendar() -> Result<(), AppError> {
    use crate::server::{calendar, state, user_form};

    user_form(
        async |user| calendar::regenerate(&state(), user.id).await,
        |_| "/user/agenda?ok=1".into(),
        "/user/agenda",
        &[("form", "calendar")],
    )
    .await
}
