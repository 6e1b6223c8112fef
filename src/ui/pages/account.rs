use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::account::{
    get_account, ChangeEmail, ChangePassword, LogoutEverywhere, RevokeSession, UpdateName,
};
use crate::domain::account::{AccountView, LoginSessionView};
use crate::domain::format::{parse_instant, PLATFORM_ZONE};
use crate::i18n::{t, t_with};
use crate::ui::components::admin::form_state::{form_error, form_state, successes, QueryForm};
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::new_password_field::NewPasswordField;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::titled_section::TitledSection;

/// `/compte`: name, e-mail, password and the open sessions of the signed-in
/// user. Every form works without JavaScript (redirect back with `?ok=` or
/// `?error=&form=`).
#[component]
pub fn AccountPage() -> impl IntoView {
    let query = use_query_map();
    let rename = ServerAction::<UpdateName>::new();
    let email = ServerAction::<ChangeEmail>::new();
    let password = ServerAction::<ChangePassword>::new();
    let revoke = ServerAction::<RevokeSession>::new();
    let renamed = successes(rename.value());
    let revoked = successes(revoke.value());
    let changed = successes(password.value());
    let data = Resource::new(
        move || {
            (
                query.read().get("ok"),
                renamed.get(),
                revoked.get(),
                changed.get(),
            )
        },
        |_| get_account(),
    );
    view! {
        <PageHeading heading=t("auth-account-title") />
        <AccountNotice />
        <Loaded data let:data>
            <AccountBody data rename email password revoke />
        </Loaded>
    }
}

/// What the page says after a form succeeded without JavaScript (and with
/// it: the server function redirects the same way).
#[component]
fn AccountNotice() -> impl IntoView {
    let query = use_query_map();
    let text = move || {
        let id = match query.read().get("ok")?.as_str() {
            "name" => "auth-account-ok-name",
            "email-sent" => "auth-account-ok-email-sent",
            "email" => "auth-account-ok-email",
            "password" => "auth-account-ok-password",
            "session" => "auth-account-ok-session",
            _ => return None,
        };
        Some(t(id))
    };
    view! { {move || text().map(|text| view! { <p class="notice" role="status">{text}</p> })} }
}

#[component]
fn AccountBody(
    data: AccountView,
    rename: ServerAction<UpdateName>,
    email: ServerAction<ChangeEmail>,
    password: ServerAction<ChangePassword>,
    revoke: ServerAction<RevokeSession>,
) -> impl IntoView {
    let logout_all = ServerAction::<LogoutEverywhere>::new();
    let (name_form, name_error) = form_state("name", rename.value());
    let (email_form, email_error) = form_state("email", email.value());
    let password_error = form_error(password.value(), QueryForm::new("password"));
    let sessions_error = form_error(revoke.value(), QueryForm::new("sessions"));
    view! {
        <div class="two-forms">
            <TitledSection id="name-h" title=t("auth-name")>
                <ActionForm action=rename attr:class="admin-form">
                    <TextField id="account-name".into() label=t("auth-account-name-label") name="name" value=name_form.value("name", &data.name) required=true error=name_error />
                    <FieldError error=name_error />
                    <button type="submit" disabled=move || rename.pending().get()>{t("auth-account-name-submit")}</button>
                </ActionForm>
            </TitledSection>
            <TitledSection id="email-h" title=t("auth-email")>
                <p>{format!("{} ", t("auth-account-email-current"))}<strong>{data.email.clone()}</strong></p>
                <ActionForm action=email attr:class="admin-form">
                    <TextField id="account-email".into() label=t("auth-account-email-label") name="email" kind="email" value=email_form.value("email", "") required=true hint=t("auth-account-email-hint") error=email_error />
                    <FieldError error=email_error />
                    <button type="submit" disabled=move || email.pending().get()>{t("auth-account-email-submit")}</button>
                </ActionForm>
            </TitledSection>
        </div>
        <TitledSection id="password-h" title=t("auth-password")>
            <ActionForm action=password attr:class="admin-form">
                <div class="field">
                    <label for="current-password">{t("auth-account-password-current")}</label>
                    <input id="current-password" type="password" name="current_password" required autocomplete="current-password" />
                    <FieldError error=password_error field="current_password" />
                </div>
                <div class="field">
                    <NewPasswordField
                        id="new-password"
                        label=t("auth-new-password")
                        consequence=t("auth-account-password-consequence")
                        error=password_error
                    />
                </div>
                <FieldError error=password_error />
                <button type="submit" disabled=move || password.pending().get()>{t("auth-account-password-submit")}</button>
            </ActionForm>
        </TitledSection>
        <TitledSection id="sessions-h" title=t("auth-account-sessions-title")>
            <FieldError error=sessions_error />
            <DataTable
                caption=t("auth-account-sessions-caption")
                columns=vec![
                    t("auth-account-column-device"),
                    t("auth-account-column-kind"),
                    t("auth-account-column-opened"),
                    t("auth-account-column-action"),
                ]
                rows=data.sessions
                row=move |s| view! { <LoginSessionItem s revoke /> }
            />
            <ActionForm action=logout_all>
                <button type="submit" class="danger">{t("auth-account-logout-all")}</button>
            </ActionForm>
            <p class="hint">{t("auth-account-logout-all-hint")}</p>
        </TitledSection>
        <TitledSection id="reminders-h" title=t("reminders-preferences-title")>
            <p><a href=crate::domain::reminder::PREFERENCES_PATH>{t("reminders-preferences-link")}</a></p>
        </TitledSection>
    }
}

#[component]
fn LoginSessionItem(s: LoginSessionView, revoke: ServerAction<RevokeSession>) -> impl IntoView {
    let opened = parse_instant(&s.created_at);
    let device = s.device.clone();
    view! {
        <tr>
            <td>{s.device.clone()}</td>
            <td>{s.kind.clone()}</td>
            <td>{opened.map(|at| view! { <LocalTime at timezone=PLATFORM_ZONE.name() /> })}</td>
            <td>
                {if s.current {
                    view! { <strong>{t("auth-account-this-session")}</strong> }.into_any()
                } else {
                    view! {
                        <ActionForm action=revoke attr:class="inline-form">
                            <input type="hidden" name="key" value=s.key.clone() />
                            <button type="submit" aria-label=t_with("auth-account-revoke-label", &[("device", (&device).into())])>{t("auth-account-revoke")}</button>
                        </ActionForm>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
