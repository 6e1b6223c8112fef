use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::t;
use crate::ui::pages::not_found::NotFoundContent;

/// What a page shows when its data could not be loaded.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    // A page that could not load its data answers with the error's status,
    // as the server function's own answer would.
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = axum::http::StatusCode::from_u16(error.status_code()) {
            response.set_status(code);
        }
    }
    match error {
        AppError::NotFound => view! { <NotFoundContent /> }.into_any(),
        AppError::Unauthorized => view! {
            <p class="notice" role="alert">
                {format!("{} ", t("learner-session-expired"))}
                <a href="/login">{t("learner-sign-in-again")}</a>
            </p>
        }
        .into_any(),
        other => view! { <p class="notice" role="alert">{other.to_string()}</p> }.into_any(),
    }
}
