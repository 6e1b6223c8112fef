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
        <PageHeading heading="Page introuvable" />
        <p>"Cette page n'existe pas ou ne vous est pas accessible."</p>
        <p><a href="/user/formations">"Retour à mes formations"</a></p>
    }
}
