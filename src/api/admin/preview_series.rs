use leptos::prelude::*;

use crate::domain::admin::SeriesPreview;
use crate::error::AppError;

/// What "Générer les séances" would create, shown first: dates, count,
/// past dates and clashes flagged. Changes nothing.
#[server(prefix = "/fn", endpoint = "admin_preview_series")]
pub async fn admin_preview_series(
    formation_id: i64,
    #[server(default)] weekdays: String,
    #[server(default)] start_time: String,
    #[server(default)] duration_minutes: String,
    #[server(default)] from_date: String,
    #[server(default)] to_date: String,
) -> Result<SeriesPreview, AppError> {
    use crate::domain::admin::SeriesInput;
    use crate::server::{require_admin, state};

    require_admin()?;
    let series = SeriesInput {
        weekdays,
        start_time,
        duration_minutes,
        from_date,
        to_date,
    }
    .check()?;
    let state = state();
    state
        .db
        .series_preview(formation_id, &series, state.clock.now())
        .await
}
