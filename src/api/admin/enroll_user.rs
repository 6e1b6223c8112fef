use leptos::prelude::*;

use crate::error::AppError;

/// Enrolls a user directly. An empty session count means "the formation's
/// sessions in that period".
#[server(prefix = "/fn", endpoint = "admin_enroll_user")]
pub async fn admin_enroll_user(
    formation_id: i64,
    #[server(default)] email: String,
    #[server(default)] start_date: String,
    #[server(default)] end_date: String,
    #[server(default)] total_sessions: String,
) -> Result<i64, AppError> {
    use crate::domain::account::Email;
    use crate::domain::admin::{check_period, check_total_sessions, ENROLLMENT_PERIOD};
    use crate::error::ErrorCode;
    use crate::server::store::enrollments::NewEnrollment;
    use crate::server::{admin_form, state};

    let db = state().db;
    let path = format!("/admin/formations/{formation_id}/inscriptions");
    admin_form(
        async |actor| {
            let email = Email::parse(&email).map_err(|_| ErrorCode::NoAccountWithEmail)?;
            let user_id = db
                .user_id_by_email(&email)
                .await?
                .ok_or(ErrorCode::NoAccountWithEmail)?;
            let (start, end) = check_period(&start_date, &end_date, ENROLLMENT_PERIOD)?;
            let enrollment = NewEnrollment {
                user_id,
                formation_id,
                start_date: start,
                end_date: end,
                total_sessions: check_total_sessions(&total_sessions)?,
            };
            db.enroll(actor, &enrollment).await
        },
        |_| path.clone(),
        &path,
        &[
            ("form", "enroll"),
            ("email", &email),
            ("start_date", &start_date),
            ("end_date", &end_date),
            ("total_sessions", &total_sessions),
        ],
    )
    .await
}
