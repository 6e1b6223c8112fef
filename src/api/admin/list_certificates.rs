use leptos::prelude::*;

use crate::domain::certificate::CertificatesView;
use crate::error::AppError;

/// A page of a formation's certificates (newest first, older ones by the
/// `before` cursor) and a page of its finished enrollments without one
/// (`without_before`). Three statements whatever the numbers.
#[server(prefix = "/fn", endpoint = "admin_list_certificates")]
pub async fn admin_list_certificates(
    formation_id: i64,
    #[server(default)] before: Option<i64>,
    #[server(default)] without_before: Option<i64>,
) -> Result<CertificatesView, AppError> {
    use crate::domain::admin::ADMIN_PAGE_SIZE;
    use crate::domain::certificate::AdminCertificateLine;
    use crate::server::{require_admin, state};

    require_admin()?;
    let state = state();
    let head = state.db.admin_head(formation_id).await?;
    let page = state
        .db
        .admin_certificates(formation_id, before.filter(|b| *b > 0), ADMIN_PAGE_SIZE)
        .await?;
    let (without, without_older_than) = state
        .db
        .enrollments_without_certificate(
            formation_id,
            without_before.filter(|b| *b > 0),
            ADMIN_PAGE_SIZE,
            state.clock.now(),
        )
        .await?;
    Ok(CertificatesView {
        formation_id: head.id,
        formation_name: head.name,
        certificates: page
            .certificates
            .iter()
            .map(AdminCertificateLine::from)
            .collect(),
        older_than: page.older_than,
        without,
        without_older_than,
    })
}
