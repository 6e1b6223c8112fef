use leptos::prelude::*;

use crate::domain::certificate::Verification;
use crate::error::AppError;

/// What anyone holding a certificate's code may read (no login): valid,
/// revoked or replaced, with the learner, formation, period and issue
/// date. An unknown or malformed code is "not found".
#[server(prefix = "/fn", endpoint = "verify_certificate")]
pub async fn verify_certificate(code: String) -> Result<Verification, AppError> {
    crate::server::certificates::verify(&crate::server::state(), &code).await
}
