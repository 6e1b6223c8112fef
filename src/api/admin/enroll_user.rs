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
    use crate::domain::admin::{check_period, check_total_sessions, invalid};
    use crate::server::{form_error, require_admin, state};

    use crate::server::store::audit::Actor;
    use crate::server::store::enrollments::NewEnrollment;

    let admin = require_admin()?;
    let db = state().db;
    let outcome = async {
        let email = Email::parse(&email).map_err(|_| invalid("a-email"))?;
        let user_id = db
            .user_id_by_email(&email)
            .await?
            .ok_or_else(|| invalid("a-email"))?;
        let (start, end) =
            check_period(&start_date, &end_date, ["a-start", "a-end", "a-end-before"])?;
        let total = check_total_sessions(&total_sessions)?;
        let enrollment = NewEnrollment {
            user_id,
            formation_id,
            start_date: start,
            end_date: end,
            total_sessions: total,
        };
        db.enroll(&Actor::admin(&admin), &enrollment).await
    }
    .await;
    let path = format!("/admin/formations/{formation_id}/inscriptions");
    match outcome {
        Ok(id) => {
            leptos_axum::redirect(&path);
            Ok(id)
        }
        Err(err) => Err(form_error(
            err,
            &path,
            &[
                ("form", "enroll"),
                ("email", &email),
                ("start_date", &start_date),
                ("end_date", &end_date),
                ("total_sessions", &total_sessions),
            ],
        )),
    }
}
