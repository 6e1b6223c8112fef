use leptos::prelude::*;

use crate::api::catalogue::WithdrawRequest;
use crate::domain::catalogue::{MyRequest, RequestStatus};
use crate::i18n::{t, t_with};
use crate::ui::components::admin::form_state::{form_error, QueryForm};
use crate::ui::components::field_error::FieldError;
use crate::ui::components::status_badge::{RequestBadge, StatusBadge};

/// "Votre demande est retirée." after a withdrawal: with JavaScript the
/// action's answer, without it the redirect's `?retire=1`. Shown apart from
/// the list, which the withdrawn request may have been the last of.
#[component]
pub fn WithdrawnNotice(withdraw: ServerAction<WithdrawRequest>) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let withdrawn = move || {
        matches!(withdraw.value().get(), Some(Ok(_)))
            || (withdraw.value().get().is_none() && query.read().get("retire").is_some())
    };
    view! {
        <Show when=withdrawn>
            <p class="notice" role="status">{t("learner-request-withdrawn")}</p>
        </Show>
    }
}

/// The learner's enrollment requests: each with its state, the refusal's
/// reason, and "Retirer ma demande" while it waits for the payment. `back`
/// is the page the withdrawal returns to without JavaScript.
#[component]
pub fn MyRequests(
    requests: Vec<MyRequest>,
    back: &'static str,
    /// Called after a withdrawal (with JavaScript), to read the page again.
    withdraw: ServerAction<WithdrawRequest>,
) -> impl IntoView {
    let error = form_error(withdraw.value(), QueryForm::new("withdraw"));
    view! {
        <FieldError error />
        <ul class="request-states">
            {requests.into_iter().map(|r| {
                let pending = r.status == RequestStatus::Pending;
                view! {
                    <li class="request-state" data-formation=r.formation_id>
                        <a href=format!("/formations/{}", r.formation_id)><strong>{r.formation_name.clone()}</strong></a>
                        " "
                        <RequestBadge status=r.status />
                        {r.enrollment.map(|status| view! { " " <StatusBadge status /> })}
                        {(r.status == RequestStatus::Rejected).then(|| view! {
                            <p class="reason">
                                {t_with("learner-request-reason", &[("reason", r.reason.as_deref().unwrap_or_default().into())])}
                            </p>
                        })}
                        {pending.then(|| view! {
                            <ActionForm action=withdraw attr:class="inline-form">
                                <input type="hidden" name="request_id" value=r.id />
                                <input type="hidden" name="back" value=back />
                                <button type="submit" class="link-button" disabled=move || withdraw.pending().get()
                                    aria-label=t_with("learner-request-withdraw-for", &[("name", (&r.formation_name).into())])>
                                    {t("learner-request-withdraw")}
                                </button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
