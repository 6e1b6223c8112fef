use leptos::prelude::*;

use crate::api::auth::ResetPassword;
use crate::ui::components::auth_page::AuthPage;
use crate::ui::components::field_error::form_error_signal;
use crate::ui::components::mail_link_fields::MailLinkFields;
use crate::ui::components::new_password_field::NewPasswordField;

/// `/reinitialiser/{token}`: the link of a reset mail, with the form for the
/// new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let error = form_error_signal(move || reset.value().get().and_then(Result::err));
    view! {
        <AuthPage title="Nouveau mot de passe" heading="Choisir un nouveau mot de passe">
            <ActionForm action=reset>
                <MailLinkFields error renew_href="/mot-de-passe-oublie" renew_text="Demander un nouveau lien" />
                <NewPasswordField
                    id="password"
                    label="Nouveau mot de passe"
                    consequence="Toutes vos sessions seront fermées."
                    error
                />
                <button type="submit" disabled=move || reset.pending().get()>
                    "Enregistrer le mot de passe"
                </button>
            </ActionForm>
            <p><a href="/login">"Retour à la connexion"</a></p>
        </AuthPage>
    }
}
