use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Refuses a request with a reason the learner will read, once confirmed.
#[server(prefix = "/fn", endpoint = "admin_reject_request")]
pub async fn admin_reject_request(
    request_id: i64,
    #[server(default)] reason: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::admin::check_confirmed;
    use crate::domain::formation::parse_required;
    use crate::error::ErrorCode;
    use crate::server::{admin_form, state};

    let form = format!("reject-{request_id}");
    admin_form(
        async |actor| {
            let reason =
                parse_required("reason", &reason, 500).map_err(|_| ErrorCode::RejectReason)?;
            check_confirmed(confirm.as_deref())?;
            let state = state();
            state.db.reject_request(actor, request_id, &reason).await?;
            // The learner reads the reason in their mailbox too.
            crate::server::request_mail::tell(&state, request_id).await;
            Ok(())
        },
        |_| "/admin/demandes".into(),
        Some(Flash::RequestRefused),
        "/admin/demandes",
        &[("form", &form), ("reason", &reason)],
    )
    .await
}
