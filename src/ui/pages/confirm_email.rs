use leptos::prelude::*;

use crate::api::auth::ConfirmEmail;
use crate::i18n::t;
use crate::ui::components::auth_page::AuthPage;
use crate::ui::components::field_error::form_error_signal;
use crate::ui::components::mail_link_fields::MailLinkFields;

/// `/confirmer/{token}`: the link of a confirmation mail (sign-up or new
/// address). Confirming takes a click: opening the link changes nothing, so
/// a mail scanner that follows links cannot use it up.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmEmail>::new();
    let error = form_error_signal(move || confirm.value().get().and_then(Result::err));
    let query = leptos_router::hooks::use_query_map();
    view! {
        <AuthPage title=t("auth-confirm-title") heading=t("auth-confirm-heading")>
            <ActionForm action=confirm>
                <MailLinkFields error renew_href="/renvoyer-confirmation" renew_text=t("auth-confirm-renew") />
                // Where the sign-up was going, passed on to the login.
                <input type="hidden" name="next" value=move || query.read().get("next").unwrap_or_default() />
                <button type="submit" disabled=move || confirm.pending().get()>
                    {t("auth-confirm-title")}
                </button>
            </ActionForm>
            <p><a href="/login">{t("auth-go-to-login")}</a></p>
        </AuthPage>
    }
}
