use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Sends a given-up or expired reminder again (audited), at the next
/// sweep, while its séance has not started.
#[server(prefix = "/fn", endpoint = "admin_resend_reminder")]
pub async fn admin_resend_reminder(id: i64) -> Result<(), AppError> {
    use crate::server::{admin_form, state};

    let page = "/admin/envois";
    let form = format!("resend-{id}");
    admin_form(
        async |actor| {
            let state = state();
            state.db.resend_reminder(actor, id, state.clock.now()).await
        },
        |_| page.into(),
        Some(Flash::ReminderResent),
        page,
        &[("form", &form)],
    )
    .await
}
