use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Reissues a certificate (audited): a new code, frozen from the learner
/// and formation as they are now (a corrected name); the old one says
/// "replaced" and points to the new one.
#[server(prefix = "/fn", endpoint = "admin_reissue_certificate")]
pub async fn admin_reissue_certificate(
    code: String,
    #[server(default)] formation_id: i64,
) -> Result<String, AppError> {
    use crate::domain::certificate::CertificateCode;
    use crate::server::{admin_form, state};

    let page = format!("/admin/formations/{formation_id}/certificats");
    let form = format!("reissue-{code}");
    admin_form(
        async |actor| {
            let code = CertificateCode::parse(&code).map_err(|_| AppError::NotFound)?;
            let state = state();
            state
                .db
                .reissue_certificate(actor, &code, state.clock.now())
                .await
                .map(|new| new.display())
        },
        |_| page.clone(),
        Some(Flash::CertificateReissued),
        &page,
        &[("form", &form)],
    )
    .await
}
