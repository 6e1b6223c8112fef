use leptos::prelude::*;

use crate::domain::admin::AuditEntry;
use crate::error::AppError;

/// The latest 200 admin changes, newest first.
#[server(prefix = "/fn", endpoint = "admin_list_audit")]
pub async fn admin_list_audit() -> Result<Vec<AuditEntry>, AppError> {
    use crate::server::{require_admin, state, with_status};

    require_admin()?;
    with_status(state().db.audit_entries(200).await)
}
