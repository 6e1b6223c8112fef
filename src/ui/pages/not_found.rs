use crate::i18n::t;
use crate::ui::components::page_heading::PageHeading;
use leptos::prelude::*;

/// The not-found page: also what another learner's enrollment looks like.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="auth-page" id="contenu">
            <NotFoundContent />
        </main>
    }
}

#[component]
pub fn NotFoundContent() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageHeading heading=t("auth-not-found-title") />
        <p>{t("auth-not-found-text")}</p>
        <p><a href="/user/formations">{t("auth-back-to-formations")}</a></p>
    }
}
