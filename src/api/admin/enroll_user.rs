use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
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
    use crate::domain::admin::{check_period, check_total_sessions, Refusals, ENROLLMENT_PERIOD};
    use crate::error::ErrorCode;
    use crate::server::store::enrollments::NewEnrollment;
    use crate::server::{admin_form, state};

    let db = state().db.clone();
    let path = format!("/admin/formations/{formation_id}/inscriptions");
    admin_form(
        async |actor| {
            // Every field is checked before answering (the account looked up
            // once the address reads as one).
            let mut r = Refusals::default();
            let email = r.take(
                match email.trim() {
                    "" => Err(ErrorCode::EmailMissing),
                    typed => Email::parse(typed)
                        .map(Some)
                        .map_err(|_| ErrorCode::EmailInvalid),
                },
                None,
            );
            let user_id = match email {
                Some(email) => r.take(
                    db.user_id_by_email(&email)
                        .await?
                        .ok_or(ErrorCode::NoAccountWithEmail),
                    0,
                ),
                None => 0,
            };
            let (start, end) = r.take_all(
                check_period(&start_date, &end_date, ENROLLMENT_PERIOD),
                (chrono::NaiveDate::MIN, chrono::NaiveDate::MIN),
            );
            let total_sessions = r.take(check_total_sessions(&total_sessions), None);
            let enrollment = r.finish(|| NewEnrollment {
                user_id,
                formation_id,
                start_date: start,
                end_date: end,
                total_sessions,
            })?;
            db.enroll(actor, &enrollment).await
        },
        |_| path.clone(),
        Some(Flash::UserEnrolled),
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
