use leptos::prelude::*;

use crate::domain::admin::AuditPage;
use crate::error::AppError;

/// A page of admin changes, newest first; `before` is the cursor a previous
/// page gave (`older_than`).
#[server(prefix = "/fn", endpoint = "admin_list_audit")]
pub async fn admin_list_audit(before: Option<i64>) -> Result<AuditPage, AppError> {
    use crate::domain::admin::AUDIT_PAGE_SIZE;
    use crate::server::{require_admin, state};

    require_admin()?;
    if before.is_some_and(|id| id <= 0) {
        return Err(AppError::BadRequest(crate::error::ErrorCode::AuditCursor));
    }
    state().db.audit_page(before, AUDIT_PAGE_SIZE).await
}
