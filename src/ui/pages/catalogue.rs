use leptos::prelude::*;

use crate::api::catalogue::{get_catalogue, RequestEnrollment};
use crate::domain::catalogue::{CatalogueEntry, CatalogueView, RequestStatus};
use crate::domain::format::{schedule, zone_of};
use crate::i18n::{current, t, t_with};
use crate::ui::components::admin::form_state::{form_error, QueryForm};
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::status_badge::{RequestBadge, StatusBadge};

/// The catalogue: formations a learner may ask to join (never any meeting
/// detail here), and the state of the learner's requests.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let request = ServerAction::<RequestEnrollment>::new();
    let data = Resource::new(move || request.version().get(), |_| get_catalogue());
    view! {
        <PageHeading heading=t("learner-catalogue-title") tab=t("learner-catalogue-tab") />
        <Loaded data plain=true bare_error=true let:data>
            <CatalogueBody data request />
        </Loaded>
    }
}

#[component]
fn CatalogueBody(data: CatalogueView, request: ServerAction<RequestEnrollment>) -> impl IntoView {
    let requests = data.requests;
    view! {
        {if data.formations.is_empty() {
            view! { <p>{t("learner-catalogue-empty")}</p> }.into_any()
        } else {
            view! {
                <ul class="catalogue">
                    {data.formations.into_iter().map(|f| view! { <CatalogueCard f request /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <section class="my-requests" aria-labelledby="my-requests-h">
            <h2 id="my-requests-h">{t("learner-requests")}</h2>
            {if requests.is_empty() {
                view! { <p>{t("learner-requests-empty")}</p> }.into_any()
            } else {
                view! {
                    <ul class="request-states">
                        {requests.into_iter().map(|r| view! {
                            <li class="request-state" data-formation=r.formation_id>
                                <strong>{r.formation_name}</strong>
                                " "
                                <RequestBadge status=r.status />
                                {r.enrollment.map(|status| view! { " " <StatusBadge status /> })}
                                {(r.status == RequestStatus::Rejected).then(|| view! {
                                    <p class="reason">
                                        {t_with("learner-request-reason", &[("reason", r.reason.as_deref().unwrap_or_default().into())])}
                                    </p>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn CatalogueCard(f: CatalogueEntry, request: ServerAction<RequestEnrollment>) -> impl IntoView {
    let id = f.id;
    let query = QueryForm::new(format!("request-{id}"));
    let last_input_is_mine = move || request.input().get().map(|i| i.formation_id == id);
    let error = {
        let base = form_error(request.value(), query);
        Signal::derive(move || {
            // With JavaScript, one action serves every card: show its error
            // only on the card that was asked.
            base.get().filter(|_| last_input_is_mine().unwrap_or(true))
        })
    };
    let can_request = f.can_request();
    let heading_id = format!("formation-{id}");
    view! {
        <li class="catalogue-card">
            <h2 id=heading_id>{f.info.name.clone()}</h2>
            <p>{f.info.description.clone()}</p>
            <dl class="facts">
                <dt>{t("learner-fact-level")}</dt><dd>{t(f.info.level.label_id())}</dd>
                <dt>{t("learner-fact-platform")}</dt><dd>{t(f.info.platform.label_id())}</dd>
                <dt>{t("learner-fact-instructor")}</dt><dd>{f.info.instructor_name.clone()}</dd>
                <dt>{t("learner-fact-schedule")}</dt><dd>{schedule(current(), &f.info.schedule_description, zone_of(&f.timezone))}</dd>
            </dl>
            <p class="card-state">
                {f.request.filter(|r| *r == RequestStatus::Pending || f.enrollment.is_none()).map(|status| view! {
                    <RequestBadge status />
                })}
                {f.enrollment.map(|status| {
                    let text = t_with("learner-enrolled-as", &[("status", (&t(status.label_id())).into())]);
                    view! { " " <StatusBadge status text /> }
                })}
            </p>
            {can_request.then(|| view! {
                <ActionForm action=request>
                    <input type="hidden" name="formation_id" value=id />
                    <FieldError error />
                    <button type="submit" aria-label=t_with("learner-request-for", &[("name", (&f.info.name).into())])>
                        {t("learner-request")}
                    </button>
                </ActionForm>
            })}
        </li>
    }
}
