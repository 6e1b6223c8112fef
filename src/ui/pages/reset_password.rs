use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::auth::ResetPassword;
use crate::domain::account::Password;
use crate::error::AppError;
use crate::ui::components::field_error::{form_error_signal, FieldError};

/// `/reinitialiser/{token}`: the link of a reset mail, with the form for the
/// new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let error = form_error_signal(move || reset.value().get().and_then(Result::err));
    let link_dead = move || matches!(error.get(), Some(AppError::BadRequest(_)));
    let min = Password::MIN_CHARS.to_string();
    view! {
        <Title text="Nouveau mot de passe" />
        <main class="auth-page" id="contenu">
            <h1>"Choisir un nouveau mot de passe"</h1>
            <ActionForm action=reset>
                <FieldError error />
                <Show when=link_dead>
                    <p><a href="/mot-de-passe-oublie">"Demander un nouveau lien"</a></p>
                </Show>
                <input type="hidden" name="token" value=token />
                <label for="password">"Nouveau mot de passe"</label>
                <input
                    id="password"
                    type="password"
                    name="password"
                    required
                    minlength=min
                    autocomplete="new-password"
                    aria-describedby="password-hint"
                />
                <p class="hint" id="password-hint">
                    {format!("Au moins {} caractères. Toutes vos sessions seront fermées.", Password::MIN_CHARS)}
                </p>
                <FieldError error field="password" />
                <button type="submit" disabled=move || reset.pending().get()>
                    "Enregistrer le mot de passe"
                </button>
            </ActionForm>
            <p><a href="/login">"Retour à la connexion"</a></p>
        </main>
    }
}
