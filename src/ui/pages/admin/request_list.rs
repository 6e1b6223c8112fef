use leptos::prelude::*;

use crate::api::admin::{admin_list_requests, AdminConfirmRequest, AdminRejectRequest};
use crate::domain::admin::RequestRow;
use crate::domain::format::{parse_instant, PLATFORM_ZONE};
use crate::i18n::t;
use crate::ui::components::admin::confirm_box::ConfirmBox;
use crate::ui::components::admin::form_state::{form_state, reload_on_success};
use crate::ui::components::admin::pager::Pager;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::status_badge::RequestBadge;
use crate::ui::hooks::use_named_cursor;

/// Requests waiting for their payment: confirm (creates the enrollment) or
/// refuse with a reason. Oldest first, 50 a page (`?apres=<id>`).
#[component]
pub fn AdminRequestsPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let after = use_named_cursor("apres");
    let requests = Resource::new(
        move || (after.get(), reload.get()),
        |(after, _)| admin_list_requests(after),
    );
    view! {
        <PageHeading heading=t("admin-requests-title") tab=t("admin-requests-tab") />
        <Loaded data=requests plain=true let:page>
            {let rows = page.requests;
            if rows.is_empty() {
                view! { <p>{t("admin-requests-empty")}</p> }.into_any()
            } else {
                view! {
                    <ul class="request-list">
                        {rows.into_iter().map(|r| view! { <RequestItem r reload /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <Pager
                path="/admin/demandes".to_string()
                later=after.get_untracked().is_some()
                next=page.next
                key="apres"
            />
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
            <p class="hint">{r.user_email.clone()} {format!(" {} ", t("admin-request-asked"))} {parse_instant(&r.created_at).map(|at| view! { <LocalTime at timezone=PLATFORM_ZONE.name() /> })}</p>
            <RequestBadge status=r.status />
            <div class="two-forms">
                <ActionForm action=confirm attr:class="admin-form">
                    <h3>{t("admin-request-confirm")}</h3>
                    <input type="hidden" name="request_id" value=id />
                    <TextField id=format!("confirm-start-{id}") label=t("admin-start-date") name="start_date" kind="date" value=confirm_query.value("start_date", "") required=true error=confirm_error />
                    <TextField id=format!("confirm-end-{id}") label=t("admin-end-date") name="end_date" kind="date" value=confirm_query.value("end_date", "") required=true error=confirm_error />
                    <TextField id=format!("confirm-total-{id}") label=t("admin-total-sessions") name="total_sessions" kind="number" value=confirm_query.value("total_sessions", "") hint=t("admin-total-sessions-hint") error=confirm_error />
                    <FieldError error=confirm_error />
                    <button type="submit">{t("admin-request-confirm")}</button>
                </ActionForm>
                <ActionForm action=reject attr:class="admin-form">
                    <h3>{t("admin-request-reject-title")}</h3>
                    <input type="hidden" name="request_id" value=id />
                    <TextField id=format!("reject-reason-{id}") label=t("admin-request-reason") name="reason" value=reject_query.value("reason", "") required=true error=reject_error />
                    <ConfirmBox id=format!("reject-confirm-{id}") error=reject_error />
                    <FieldError error=reject_error />
                    <button type="submit" class="danger">{t("admin-request-reject")}</button>
                </ActionForm>
            </div>
        </li>
    }
}
