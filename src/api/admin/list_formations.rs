use leptos::prelude::*;

use crate::domain::admin::FormationRow;
use crate::error::AppError;

/// The formations, searched by name, instructor or description and filtered
/// by level and platform; archived ones only when asked.
#[server(prefix = "/fn", endpoint = "admin_list_formations")]
pub async fn admin_list_formations(
    #[server(default)] q: String,
    #[server(default)] level: String,
    #[server(default)] platform: String,
    #[server(default)] archived: String,
) -> Result<Vec<FormationRow>, AppError> {
    use crate::domain::formation::{Level, Platform};
    use crate::server::store::formations::FormationFilter;
    use crate::server::{require_admin, state};

    require_admin()?;
    let filter = FormationFilter {
        search: q,
        level: Level::parse(&level).ok(),
        platform: Platform::parse(&platform).ok(),
        include_archived: !archived.is_empty(),
    };
    state().db.admin_formations(&filter).await
}
