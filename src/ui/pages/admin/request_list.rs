use leptos::prelude::*;

use crate::api::admin::{admin_list_requests, AdminConfirmRequest, AdminRejectRequest};
use crate::domain::admin::RequestRow;
use crate::ui::components::admin::confirm_box::ConfirmBox;
use crate::ui::components::admin::form_state::{form_state, reload_on_success};
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::status_badge::RequestBadge;

/// Requests waiting for their payment: confirm (creates the enrollment) or
/// refuse with a reason.
#[component]
pub fn AdminRequestsPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let requests = Resource::new(move || reload.get(), |_| admin_list_requests());
    view! {
        <PageHeading heading="Demandes en attente de paiement" tab="Demandes d'inscription" />
        <Loaded data=requests plain=true let:rows>
            {if rows.is_empty() {
                view! { <p>"Aucune demande en attente."</p> }.into_any()
            } else {
                view! {
                    <ul class="request-list">
                        {rows.into_iter().map(|r| view! { <RequestItem r reload /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </Loaded>
    }
}

#[component]
fn RequestItem(r: RequestRow, reload: RwSignal<u32>) -> impl IntoView {
    let confirm = ServerAction::<AdminConfirmRequest>::new();
    let reject = ServerAction::<AdminRejectRequest>::new();
    let (confirm_query, confirm_error) = form_state(format!("confirm-{}", r.id), confirm.value());
    let (reject_query, reject_error) = form_state(format!("reject-{}", r.id), reject.value());
    reload_on_success(confirm.value(), reload);
    reload_on_success(reject.value(), reload);
    let id = r.id;
    let heading = format!("{} — {}", r.user_name, r.formation_name);
    view! {
        <li class="request-card">
            <h2 id=format!("request-{id}")>{heading}</h2>
            <p class="hint">{r.user_email.clone()} " · demandé le " {r.created_at.replace('T', " ").replace('Z', " UTC")}</p>
            <RequestBadge status=r.status />
            <div class="two-forms">
                <ActionForm action=confirm attr:class="admin-form">
                    <h3>"Confirmer le paiement"</h3>
                    <input type="hidden" name="request_id" value=id />
                    <TextField id=format!("confirm-start-{id}") label="Date de début" name="start_date" kind="date" value=confirm_query.value("start_date", "") required=true error=confirm_error />
                    <TextField id=format!("confirm-end-{id}") label="Date de fin" name="end_date" kind="date" value=confirm_query.value("end_date", "") required=true error=confirm_error />
                    <TextField id=format!("confirm-total-{id}") label="Nombre de séances (facultatif)" name="total_sessions" kind="number" value=confirm_query.value("total_sessions", "") hint="Vide : les séances de la formation sur la période." error=confirm_error />
                    <FieldError error=confirm_error />
                    <button type="submit">"Confirmer le paiement"</button>
                </ActionForm>
                <ActionForm action=reject attr:class="admin-form">
                    <h3>"Refuser"</h3>
                    <input type="hidden" name="request_id" value=id />
                    <TextField id=format!("reject-reason-{id}") label="Motif du refus" name="reason" value=reject_query.value("reason", "") required=true error=reject_error />
                    <ConfirmBox id=format!("reject-confirm-{id}") error=reject_error />
                    <FieldError error=reject_error />
                    <button type="submit" class="danger">"Refuser la demande"</button>
                </ActionForm>
            </div>
        </li>
    }
}
