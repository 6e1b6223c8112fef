use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::Logout;

/// A page to sign out from, for a link or a bookmark; signing out is a POST.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    view! {
        <Title text="Déconnexion" />
        <main class="auth-page" id="contenu">
            <h1>"Déconnexion"</h1>
            <p>"Voulez-vous vous déconnecter ?"</p>
            <ActionForm action=logout>
                <button type="submit">"Se déconnecter"</button>
            </ActionForm>
            <p><a href="/user/formations">"Retour à mes formations"</a></p>
        </main>
    }
}
