//! PLACEHOLDER until the calendars branch merges (replaced by its module).

use crate::error::AppError;
use crate::server::http::AppState;

pub struct Invitation {
    pub filename: String,
    pub ics: String,
    pub google_url: String,
}

pub async fn invitation(
    _state: &AppState,
    _base_url: &str,
    _user_id: i64,
    _session_id: i64,
) -> Result<Option<Invitation>, AppError> {
    Ok(None)
}
