use leptos::prelude::*;

use crate::domain::audit::AuditPage;
use crate::error::AppError;

/// A page of admin changes, newest first, filtered by formation (id),
/// actor (as recorded: an e-mail or the command line), action and days of the platform's zone
/// `from`/`to` (YYYY-MM-DD, inclusive); `before` is the cursor a previous
/// page gave (`older_than`). A filter that does not parse is no filter.
#[server(prefix = "/fn", endpoint = "admin_list_audit")]
pub async fn admin_list_audit(
    before: Option<i64>,
    #[server(default)] formation: String,
    #[server(default)] actor: String,
    #[server(default)] action: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<AuditPage, AppError> {
    use crate::domain::audit::{AuditQuery, AUDIT_PAGE_SIZE};
    use crate::server::store::audit::AuditFilter;
    use crate::server::{require_admin, state};

    require_admin()?;
    if before.is_some_and(|id| id <= 0) {
        return Err(AppError::BadRequest(crate::error::ErrorCode::AuditCursor));
    }
    let filter = AuditFilter::read(&AuditQuery {
        formation,
        actor,
        action,
        from,
        to,
    });
    state()
        .db
        .audit_page(&filter, before, AUDIT_PAGE_SIZE)
        .await
}
