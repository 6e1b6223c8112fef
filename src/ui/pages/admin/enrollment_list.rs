use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{
    admin_list_enrollments, AdminCancelEnrollment, AdminEnrollUser, AdminRenameUser,
};
use crate::domain::admin::{status_css, EnrollmentRow, EnrollmentsView};
use crate::domain::status::EnrollmentStatus;
use crate::ui::components::admin::confirm_box::ConfirmBox;
use crate::ui::components::admin::form_state::{form_error, successes, QueryForm};
use crate::ui::components::admin::formation_nav::FormationNav;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::error_notice::ErrorNotice;
use crate::ui::components::field_error::FieldError;
use crate::ui::hooks::use_route_id;

/// A formation's enrollments: status, attendance, cancel; enroll a user.
#[component]
pub fn AdminEnrollmentsPage() -> impl IntoView {
    let id = use_route_id();
    let enroll = ServerAction::<AdminEnrollUser>::new();
    let reload = RwSignal::new(0u32);
    let enrolled = successes(enroll.value());
    let data = Resource::new(
        move || (id.get(), enrolled.get(), reload.get()),
        |(id, _, _)| admin_list_enrollments(id),
    );
    view! {
        <Title text="Inscriptions" />
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <EnrollmentsBody data enroll reload /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EnrollmentsBody(
    data: EnrollmentsView,
    enroll: ServerAction<AdminEnrollUser>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = data.formation.id;
    let query = QueryForm::new("enroll");
    let error = form_error(enroll.value(), query);
    let empty = data.enrollments.is_empty();
    view! {
        <FormationNav id name=data.formation.name.clone() />
        <div class="page-head">
            <h1>"Inscriptions — " {data.formation.name.clone()}</h1>
            <a class="button" href=format!("/admin/formations/{id}/inscriptions.csv") download="">"Exporter en CSV"</a>
        </div>
        {if empty {
            view! { <p>"Aucune inscription."</p> }.into_any()
        } else {
            view! {
                <table class="admin-table">
                    <caption class="visually-hidden">"Inscriptions de la formation"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Apprenant"</th>
                            <th scope="col">"Période"</th>
                            <th scope="col">"Statut"</th>
                            <th scope="col">"Présences"</th>
                            <th scope="col">"Action"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {data.enrollments.into_iter().map(|e| view! { <EnrollmentItem e formation_id=id reload /> }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <section aria-labelledby="enroll-h">
            <h2 id="enroll-h">"Inscrire un utilisateur"</h2>
            <ActionForm action=enroll attr:class="admin-form">
                <input type="hidden" name="formation_id" value=id />
                <TextField id="enroll-email".into() label="E-mail de l'apprenant" name="email" kind="email" value=query.value("email", "") required=true error />
                <TextField id="enroll-start".into() label="Date de début" name="start_date" kind="date" value=query.value("start_date", "") required=true error />
                <TextField id="enroll-end".into() label="Date de fin" name="end_date" kind="date" value=query.value("end_date", "") required=true error />
                <TextField id="enroll-total".into() label="Nombre de séances (facultatif)" name="total_sessions" kind="number" value=query.value("total_sessions", "") hint="Vide : les séances de la formation sur la période." error />
                <FieldError error />
                <button type="submit" disabled=move || enroll.pending().get()>"Inscrire"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn EnrollmentItem(e: EnrollmentRow, formation_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let cancel = ServerAction::<AdminCancelEnrollment>::new();
    let form = format!("cancel-{}", e.id);
    let query = QueryForm::new(form);
    let error = form_error(cancel.value(), query);
    Effect::new(move |_| {
        if matches!(cancel.value().get(), Some(Ok(()))) {
            reload.update(|n| *n += 1);
        }
    });
    let cancelled = e.status == EnrollmentStatus::Cancelled;
    view! {
        <tr>
            <td>
                {e.user_name.clone()} <br /> <span class="hint">{e.user_email.clone()}</span>
                <RenameUser user_id=e.user_id name=e.user_name.clone() formation_id reload />
            </td>
            <td>{format!("{} → {}", e.start_date, e.end_date)}</td>
            <td><span class=format!("badge {}", status_css(e.status))>{e.status.label()}</span></td>
            <td>{format!("{}/{} ({:.1} %)", e.attended_sessions, e.total_sessions, e.attendance_rate)}</td>
            <td>
                {(!cancelled).then(|| view! {
                    <ActionForm action=cancel attr:class="inline-form">
                        <input type="hidden" name="enrollment_id" value=e.id />
                        <input type="hidden" name="formation_id" value=formation_id />
                        <ConfirmBox id=format!("cancel-confirm-{}", e.id) error />
                        <FieldError error />
                        <button type="submit" class="danger" aria-label=format!("Annuler l'inscription de {}", e.user_name)>"Annuler l'inscription"</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

/// Corrects a learner's name (recorded in the audit log); folded away until
/// needed, and a plain form without JavaScript.
#[component]
fn RenameUser(
    user_id: i64,
    name: String,
    formation_id: i64,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let rename = ServerAction::<AdminRenameUser>::new();
    let query = QueryForm::new(format!("rename-{user_id}"));
    let error = form_error(rename.value(), query);
    Effect::new(move |_| {
        if matches!(rename.value().get(), Some(Ok(()))) {
            reload.update(|n| *n += 1);
        }
    });
    let open = query.error().is_some();
    view! {
        <details class="rename" open=open>
            <summary>"Corriger le nom"</summary>
            <ActionForm action=rename attr:class="inline-form">
                <input type="hidden" name="user_id" value=user_id />
                <input type="hidden" name="formation_id" value=formation_id />
                <TextField id=format!("rename-{user_id}") label="Nom" name="name" value=query.value("name", &name) required=true error />
                <button type="submit" disabled=move || rename.pending().get()>"Enregistrer"</button>
            </ActionForm>
        </details>
    }
}
