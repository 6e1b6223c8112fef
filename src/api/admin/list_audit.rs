use leptos::prelude::*;

use crate::domain::admin::AuditPage;
use crate::error::AppError;

/// A page of admin changes, newest first; `before` is the cursor a previous
/// page gave (`older_than`).
#[server(prefix = "/fn", endpoint = "admin_list_audit")]
pub async fn admin_list_audit(before: Option<i64>) -> Result<AuditPage, AppError> {
    use crate::domain::admin::AUDIT_PAGE_SIZE;
    use crate::server::{require_admin, state, with_status};

    require_admin()?;
    if before.is_some_and(|id| id <= 0) {
        return with_status(Err(AppError::BadRequest(
            "`before` doit être l'identifiant positif d'une entrée du journal".into(),
        )));
    }
    with_status(state().db.audit_page(before, AUDIT_PAGE_SIZE).await)
}
