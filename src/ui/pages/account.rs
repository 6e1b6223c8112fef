use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::{
    get_account, ChangeEmail, ChangePassword, LogoutEverywhere, RevokeSession, UpdateName,
};
use crate::domain::account::{AccountView, LoginSessionView, Password};
use crate::ui::components::admin::form_state::{form_error, successes, QueryForm};
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::error_notice::ErrorNotice;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::local_time::LocalTime;

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
        <Title text="Mon compte" />
        <h1>"Mon compte"</h1>
        <AccountNotice />
        <Suspense fallback=|| view! { <p class="loading">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <AccountBody data rename email password revoke /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the page says after a form succeeded without JavaScript (and with
/// it: the server function redirects the same way).
#[component]
fn AccountNotice() -> impl IntoView {
    let query = use_query_map();
    let text = move || {
        let text = match query.read().get("ok")?.as_str() {
            "name" => "Nom enregistré.",
            "email-sent" => "Un lien de confirmation vient de partir vers la nouvelle adresse : l'adresse du compte changera quand vous l'aurez suivi (valable 24 heures).",
            "email" => "Adresse e-mail modifiée.",
            "password" => "Mot de passe modifié. Vos autres sessions ont été fermées.",
            "session" => "Session déconnectée.",
            _ => return None,
        };
        Some(text)
    };
    view! { {move || text().map(|t| view! { <p class="notice" role="status">{t}</p> })} }
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
    let name_form = QueryForm::new("name");
    let name_error = form_error(rename.value(), name_form);
    let email_form = QueryForm::new("email");
    let email_error = form_error(email.value(), email_form);
    let password_form = QueryForm::new("password");
    let password_error = form_error(password.value(), password_form);
    let sessions_form = QueryForm::new("sessions");
    let sessions_error = form_error(revoke.value(), sessions_form);
    let min = Password::MIN_CHARS;
    view! {
        <div class="two-forms">
            <section aria-labelledby="name-h">
                <h2 id="name-h">"Nom"</h2>
                <ActionForm action=rename attr:class="admin-form">
                    <TextField id="account-name".into() label="Nom affiché" name="name" value=name_form.value("name", &data.name) required=true error=name_error />
                    <FieldError error=name_error />
                    <button type="submit" disabled=move || rename.pending().get()>"Enregistrer le nom"</button>
                </ActionForm>
            </section>
            <section aria-labelledby="email-h">
                <h2 id="email-h">"E-mail"</h2>
                <p>"Adresse actuelle : " <strong>{data.email.clone()}</strong></p>
                <ActionForm action=email attr:class="admin-form">
                    <TextField id="account-email".into() label="Nouvelle adresse" name="email" kind="email" value=email_form.value("email", "") required=true hint="Un lien de confirmation y sera envoyé ; rien ne change avant." error=email_error />
                    <FieldError error=email_error />
                    <button type="submit" disabled=move || email.pending().get()>"Changer d'adresse"</button>
                </ActionForm>
            </section>
        </div>
        <section aria-labelledby="password-h">
            <h2 id="password-h">"Mot de passe"</h2>
            <ActionForm action=password attr:class="admin-form">
                <div class="field">
                    <label for="current-password">"Mot de passe actuel"</label>
                    <input id="current-password" type="password" name="current_password" required autocomplete="current-password" />
                    <FieldError error=password_error field="current_password" />
                </div>
                <div class="field">
                    <label for="new-password">"Nouveau mot de passe"</label>
                    <input id="new-password" type="password" name="password" required minlength=min.to_string() autocomplete="new-password" aria-describedby="new-password-hint" />
                    <p class="hint" id="new-password-hint">{format!("Au moins {min} caractères. Vos autres sessions seront fermées.")}</p>
                    <FieldError error=password_error field="password" />
                </div>
                <FieldError error=password_error />
                <button type="submit" disabled=move || password.pending().get()>"Changer le mot de passe"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="sessions-h">
            <h2 id="sessions-h">"Sessions ouvertes"</h2>
            <FieldError error=sessions_error />
            <table class="admin-table">
                <caption class="visually-hidden">"Vos sessions ouvertes"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Appareil"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Ouverte le"</th>
                        <th scope="col">"Action"</th>
                    </tr>
                </thead>
                <tbody>
                    {data.sessions.into_iter().map(|s| view! { <SessionItem s revoke /> }).collect_view()}
                </tbody>
            </table>
            <ActionForm action=logout_all>
                <button type="submit" class="danger">"Se déconnecter de partout"</button>
            </ActionForm>
            <p class="hint">"Ferme toutes vos sessions et révoque les jetons d'API, y compris sur cet appareil."</p>
        </section>
    }
}

#[component]
fn SessionItem(s: LoginSessionView, revoke: ServerAction<RevokeSession>) -> impl IntoView {
    let opened = DateTime::parse_from_rfc3339(&s.created_at)
        .ok()
        .map(|at| at.with_timezone(&Utc));
    let device = s.device.clone();
    view! {
        <tr>
            <td>{s.device.clone()}</td>
            <td>{s.kind.clone()}</td>
            <td>{opened.map(|at| view! { <LocalTime at timezone="Europe/Paris" /> })}</td>
            <td>
                {if s.current {
                    view! { <strong>"Cette session"</strong> }.into_any()
                } else {
                    view! {
                        <ActionForm action=revoke attr:class="inline-form">
                            <input type="hidden" name="key" value=s.key.clone() />
                            <button type="submit" aria-label=format!("Déconnecter la session {device}")>"Déconnecter"</button>
                        </ActionForm>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
