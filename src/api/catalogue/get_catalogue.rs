use leptos::prelude::*;

use crate::domain::catalogue::CatalogueView;
use crate::error::AppError;

/// The catalogue as the caller sees it: formations (never their meeting
/// details) with the caller's request and enrollment states.
#[server(prefix = "/fn", endpoint = "catalogue")]
pub async fn get_catalogue() -> Result<CatalogueView, AppError> {
    use crate::server::{require_user, state};

    let user = require_user()?;
    state().db.catalogue(user.id).await
}
