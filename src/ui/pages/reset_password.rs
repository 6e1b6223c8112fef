use leptos::prelude::*;

use crate::api::auth::ResetPassword;
use crate::i18n::t;
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
        <AuthPage title=t("auth-new-password") heading=t("auth-reset-heading")>
            <ActionForm action=reset>
                <MailLinkFields error renew_href="/mot-de-passe-oublie" renew_text=t("auth-reset-renew") />
                <NewPasswordField
                    id="password"
                    label=t("auth-new-password")
                    consequence=t("auth-reset-consequence")
                    error
                />
                <button type="submit" disabled=move || reset.pending().get()>
                    {t("auth-reset-submit")}
                </button>
            </ActionForm>
            <p><a href="/login">{t("auth-back-to-login")}</a></p>
        </AuthPage>
    }
}
