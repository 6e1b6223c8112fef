use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Creates a series from a recurrence ("mar, jeu" at 19:00 for 120 minutes
/// from one date to another) in the formation's time zone, so the UTC times
/// follow daylight saving; sessions are then renumbered by date.
#[server(prefix = "/fn", endpoint = "admin_generate_sessions")]
pub async fn admin_generate_sessions(
    formation_id: i64,
    #[server(default)] title: String,
    #[server(default)] weekdays: String,
    #[server(default)] start_time: String,
    #[server(default)] duration_minutes: String,
    #[server(default)] from_date: String,
    #[server(default)] to_date: String,
) -> Result<usize, AppError> {
    use crate::domain::admin::{check_title, SeriesInput};
    use crate::server::{admin_form, state};

    let path = format!("/admin/formations/{formation_id}/seances");
    admin_form(
        async |actor| {
            let title = check_title(if title.trim().is_empty() {
                "Séance"
            } else {
                &title
            })?;
            let series = SeriesInput {
                weekdays: weekdays.clone(),
                start_time: start_time.clone(),
                duration_minutes: duration_minutes.clone(),
                from_date: from_date.clone(),
                to_date: to_date.clone(),
            }
            .check()?;
            state()
                .db
                .generate_sessions(actor, formation_id, &title, &series)
                .await
        },
        |_| path.clone(),
        Some(Flash::SeriesCreated),
        &path,
        &[
            ("form", "series"),
            ("title", &title),
            ("weekdays", &weekdays),
            ("start_time", &start_time),
            ("duration_minutes", &duration_minutes),
            ("from_date", &from_date),
            ("to_date", &to_date),
        ],
    )
    .await
}
