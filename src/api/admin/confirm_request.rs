use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Confirms a request's payment: creates the enrollment for the chosen
/// period (sessions counted from the formation's sessions in it when the
/// count is left empty).
#[server(prefix = "/fn", endpoint = "admin_confirm_request")]
pub async fn admin_confirm_request(
    request_id: i64,
    #[server(default)] start_date: String,
    #[server(default)] end_date: String,
    #[server(default)] total_sessions: String,
) -> Result<i64, AppError> {
    use crate::domain::admin::{check_period, check_total_sessions, Refusals, ENROLLMENT_PERIOD};
    use crate::server::{admin_form, state};

    let form = format!("confirm-{request_id}");
    admin_form(
        async |actor| {
            let mut r = Refusals::default();
            let (start, end) = r.take_all(
                check_period(&start_date, &end_date, ENROLLMENT_PERIOD),
                (chrono::NaiveDate::MIN, chrono::NaiveDate::MIN),
            );
            let total = r.take(check_total_sessions(&total_sessions), None);
            r.finish(|| ())?;
            let state = state();
            let enrollment = state
                .db
                .confirm_request(actor, request_id, start, end, total)
                .await?;
            crate::server::request_mail::tell(&state, request_id).await;
            Ok(enrollment)
        },
        |_| "/admin/demandes".into(),
        Some(Flash::RequestConfirmed),
        "/admin/demandes",
        &[
            ("form", &form),
            ("start_date", &start_date),
            ("end_date", &end_date),
            ("total_sessions", &total_sessions),
        ],
    )
    .await
}
