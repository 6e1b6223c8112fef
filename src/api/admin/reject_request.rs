use leptos::prelude::*;

use crate::error::AppError;

/// Refuses a request with a reason the learner will read, once confirmed.
#[server(prefix = "/fn", endpoint = "admin_reject_request")]
pub async fn admin_reject_request(
    request_id: i64,
    #[server(default)] reason: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::admin::check_confirmed;
    use crate::domain::catalog::parse_required;
    use crate::error::ErrorCode;
    use crate::server::{finish_form, require_admin, state};

    use crate::server::store::audit::Actor;

    let admin = require_admin()?;
    let outcome = async {
        let reason = parse_required("reason", &reason, 500).map_err(|_| ErrorCode::RejectReason)?;
        check_confirmed(confirm.as_deref())?;
        state()
            .db
            .reject_request(&Actor::admin(&admin), request_id, &reason)
            .await
    }
    .await;
    let form = format!("reject-{request_id}");
    finish_form(
        outcome,
        |_| "/admin/demandes".into(),
        "/admin/demandes",
        &[("form", &form), ("reason", &reason)],
    )
}
