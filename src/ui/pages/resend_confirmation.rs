use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::ResendConfirmation;
use crate::ui::components::field_error::{form_error_signal, FieldError};

/// `/renvoyer-confirmation`: a new confirmation link, with the same answer
/// for any address.
#[component]
pub fn ResendConfirmationPage() -> impl IntoView {
    let resend = ServerAction::<ResendConfirmation>::new();
    let query = use_query_map();
    let sent = move || query.read().get("envoye").is_some();
    let email = move || query.read().get("email").unwrap_or_default();
    let error = form_error_signal(move || resend.value().get().and_then(Result::err));
    view! {
        <Title text="Renvoyer le lien de confirmation" />
        <main class="auth-page" id="contenu">
            <h1>"Renvoyer le lien de confirmation"</h1>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <ActionForm action=resend>
                            <FieldError error />
                            <label for="email">"E-mail"</label>
                            <input id="email" type="email" name="email" required autocomplete="email" value=email />
                            <button type="submit" disabled=move || resend.pending().get()>
                                "Renvoyer le lien"
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="notice" role="status">
                    "Si cette adresse attend sa confirmation, un nouveau lien vient d'y être envoyé (valable 24 heures)."
                </p>
            </Show>
            <p><a href="/login">"Retour à la connexion"</a></p>
        </main>
    }
}
