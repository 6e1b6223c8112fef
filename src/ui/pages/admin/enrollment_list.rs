use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{
    admin_list_enrollments, AdminCancelEnrollment, AdminEnrollUser, AdminRenameUser,
};
use crate::domain::admin::{EnrollmentLine, EnrollmentsView};
use crate::domain::status::EnrollmentStatus;
use crate::ui::components::admin::confirm_box::ConfirmBox;
use crate::ui::components::admin::form_state::{
    form_error, form_state, reload_on_success, QueryForm,
};
use crate::ui::components::admin::formation_head::FormationHead;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::components::titled_section::TitledSection;
use crate::ui::hooks::use_route_resource;

/// A formation's enrollments: status, attendance, cancel; enroll a user.
#[component]
pub fn AdminEnrollmentsPage() -> impl IntoView {
    let enroll = ServerAction::<AdminEnrollUser>::new();
    // Also bumped by each row's own forms.
    let reload = RwSignal::new(0u32);
    reload_on_success(enroll.value(), reload);
    let data = use_route_resource(move || reload.get(), admin_list_enrollments);
    view! {
        <Title text="Inscriptions" />
        <Loaded data plain=true let:data>
            <EnrollmentsBody data enroll reload />
        </Loaded>
    }
}

#[component]
fn EnrollmentsBody(
    data: EnrollmentsView,
    enroll: ServerAction<AdminEnrollUser>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = data.formation.id;
    let (query, error) = form_state("enroll", enroll.value());
    view! {
        <FormationHead
            id
            name=data.formation.name
            title="Inscriptions"
            csv=format!("/admin/formations/{id}/inscriptions.csv")
        />
        <DataTable
            caption="Inscriptions de la formation"
            columns=&["Apprenant", "Période", "Statut", "Présences", "Action"]
            empty="Aucune inscription."
            rows=data.enrollments
            row=move |e| view! { <EnrollmentItem e formation_id=id reload /> }
        />
        <TitledSection id="enroll-h" title="Inscrire un utilisateur">
            <ActionForm action=enroll attr:class="admin-form">
                <input type="hidden" name="formation_id" value=id />
                <TextField id="enroll-email".into() label="E-mail de l'apprenant" name="email" kind="email" value=query.value("email", "") required=true error />
                <TextField id="enroll-start".into() label="Date de début" name="start_date" kind="date" value=query.value("start_date", "") required=true error />
                <TextField id="enroll-end".into() label="Date de fin" name="end_date" kind="date" value=query.value("end_date", "") required=true error />
                <TextField id="enroll-total".into() label="Nombre de séances (facultatif)" name="total_sessions" kind="number" value=query.value("total_sessions", "") hint="Vide : les séances de la formation sur la période." error />
                <FieldError error />
                <button type="submit" disabled=move || enroll.pending().get()>"Inscrire"</button>
            </ActionForm>
        </TitledSection>
    }
}

#[component]
fn EnrollmentItem(e: EnrollmentLine, formation_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let cancel = ServerAction::<AdminCancelEnrollment>::new();
    let error = form_error(cancel.value(), QueryForm::new(format!("cancel-{}", e.id)));
    reload_on_success(cancel.value(), reload);
    let cancelled = e.status == EnrollmentStatus::Cancelled;
    view! {
        <tr>
            <td>
                {e.user_name.clone()} <br /> <span class="hint">{e.user_email.clone()}</span>
                <RenameUser user_id=e.user_id name=e.user_name.clone() formation_id reload />
            </td>
            <td>{format!("{} → {}", e.start_date, e.end_date)}</td>
            <td><StatusBadge status=e.status /></td>
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
    let (query, error) = form_state(format!("rename-{user_id}"), rename.value());
    reload_on_success(rename.value(), reload);
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
