use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::auth::ConfirmEmail;
use crate::error::AppError;
use crate::ui::components::field_error::{form_error_signal, FieldError};

/// `/confirmer/{token}`: the link of a confirmation mail (sign-up or new
/// address). Confirming takes a click: opening the link changes nothing, so
/// a mail scanner that follows links cannot use it up.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmEmail>::new();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let error = form_error_signal(move || confirm.value().get().and_then(Result::err));
    let link_dead = move || matches!(error.get(), Some(AppError::BadRequest(_)));
    view! {
        <Title text="Confirmer mon adresse" />
        <main class="auth-page" id="contenu">
            <h1>"Confirmer mon adresse e-mail"</h1>
            <ActionForm action=confirm>
                <FieldError error />
                <Show when=link_dead>
                    <p><a href="/renvoyer-confirmation">"Recevoir un nouveau lien"</a></p>
                </Show>
                <input type="hidden" name="token" value=token />
                <button type="submit" disabled=move || confirm.pending().get()>
                    "Confirmer mon adresse"
                </button>
            </ActionForm>
            <p><a href="/login">"Aller à la connexion"</a></p>
        </main>
    }
}
