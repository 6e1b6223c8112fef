use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Issues the certificate of a finished enrollment by exception, below the
/// formation's minimum attendance (audited).
#[server(prefix = "/fn", endpoint = "admin_issue_certificate")]
pub async fn admin_issue_certificate(
    enrollment_id: i64,
    #[server(default)] formation_id: i64,
) -> Result<String, AppError> {
    use crate::server::{admin_form, state};

    let page = format!("/admin/formations/{formation_id}/certificats");
    let form = format!("issue-{enrollment_id}");
    admin_form(
        async |actor| {
            let state = state();
            state
                .db
                .issue_certificate(actor, enrollment_id, true, state.clock.now())
                .await
                .map(|code| code.display())
        },
        |_| page.clone(),
        Some(Flash::CertificateIssued),
        &page,
        &[("form", &form)],
    )
    .await
}
