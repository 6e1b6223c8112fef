use leptos::prelude::*;

use crate::domain::account::AccountView;
use crate::error::AppError;

/// The signed-in user's name, address and open sessions.
#[server(prefix = "/fn", endpoint = "get_account")]
pub async fn get_account() -> Result<AccountView, AppError> {
    use crate::server::{accounts, caller, require_user, state};

    let user = require_user()?;
    let current = caller().token_hash;
    accounts::account_view(&state().db, &user, current.as_deref()).await
}
