use leptos::prelude::*;

use crate::domain::catalogue::{CatalogueDetail, CatalogueView};
use crate::error::AppError;

/// The catalogue, readable without an account: formations (never their
/// meeting details), searched and filtered by `query`; a signed-in
/// caller also gets their request and enrollment states.
#[server(prefix = "/fn", endpoint = "catalogue")]
pub async fn get_catalogue(
    #[server(default)] q: String,
    #[server(default)] level: String,
    #[server(default)] platform: String,
    #[server(default)] month: String,
) -> Result<CatalogueView, AppError> {
    use crate::domain::catalogue::CatalogueQuery;
    use crate::server::{caller, state};

    let user = caller().user.map(|u| u.id);
    let query = CatalogueQuery {
        q,
        level,
        platform,
        month,
    };
    state().db.catalogue(user, &query).await
}

/// One formation's public page: what it is and when its séances are,
/// never how to join them. Archived or unknown: 404.
#[server(prefix = "/fn", endpoint = "catalogue_formation")]
pub async fn get_catalogue_formation(id: i64) -> Result<CatalogueDetail, AppError> {
    use crate::server::{caller, state};

    let state = state();
    let user = caller().user.map(|u| u.id);
    state
        .db
        .catalogue_formation(user, id, state.clock.now())
        .await
}
