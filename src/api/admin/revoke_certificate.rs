use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Revokes a certificate (audited): its verification says so, with the
/// date and the reason, and none is issued again automatically.
#[server(prefix = "/fn", endpoint = "admin_revoke_certificate")]
pub async fn admin_revoke_certificate(
    code: String,
    #[server(default)] reason: String,
    #[server(default)] formation_id: i64,
) -> Result<(), AppError> {
    use crate::domain::certificate::CertificateCode;
    use crate::server::{admin_form, state};

    let page = format!("/admin/formations/{formation_id}/certificats");
    let form = format!("revoke-{code}");
    admin_form(
        async |actor| {
            let code = CertificateCode::parse(&code).map_err(|_| AppError::NotFound)?;
            let state = state();
            state
                .db
                .revoke_certificate(actor, &code, &reason, state.clock.now())
                .await
        },
        |_| page.clone(),
        Some(Flash::CertificateRevoked),
        &page,
        &[("form", &form), ("reason", &reason)],
    )
    .await
}
