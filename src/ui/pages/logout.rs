use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::Logout;
use crate::i18n::t;

/// A page to sign out from, for a link or a bookmark; signing out is a POST.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    view! {
        <Title text=t("auth-logout-title") />
        <main class="auth-page" id="contenu">
            <h1>{t("auth-logout-title")}</h1>
            <p>{t("auth-logout-question")}</p>
            <ActionForm action=logout>
                <button type="submit">{t("auth-logout-submit")}</button>
            </ActionForm>
            <p><a href="/user/formations">{t("auth-back-to-formations")}</a></p>
        </main>
    }
}
