use leptos::prelude::*;

use crate::api::catalogue::{get_catalogue, RequestEnrollment};
use crate::domain::catalogue::{CatalogueEntry, CatalogueView, RequestStatus};
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
        <PageHeading heading="Catalogue des formations" tab="Catalogue" />
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
            view! { <p>"Aucune formation n'est proposée pour le moment."</p> }.into_any()
        } else {
            view! {
                <ul class="catalogue">
                    {data.formations.into_iter().map(|f| view! { <CatalogueCard f request /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <section class="my-requests" aria-labelledby="my-requests-h">
            <h2 id="my-requests-h">"Mes demandes"</h2>
            {if requests.is_empty() {
                view! { <p>"Vous n'avez fait aucune demande."</p> }.into_any()
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
                                    <p class="reason">"Motif : " {r.reason.clone().unwrap_or_default()}</p>
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
                <dt>"Niveau"</dt><dd>{f.info.level.label()}</dd>
                <dt>"Plateforme"</dt><dd>{f.info.platform.label()}</dd>
                <dt>"Formateur"</dt><dd>{f.info.instructor_name.clone()}</dd>
                <dt>"Horaires"</dt><dd>{f.info.schedule_description.clone()}</dd>
            </dl>
            <p class="card-state">
                {f.request.filter(|r| *r == RequestStatus::Pending || f.enrollment.is_none()).map(|status| view! {
                    <RequestBadge status />
                })}
                {f.enrollment.map(|status| view! { " " <StatusBadge status prefix="Inscrit : " /> })}
            </p>
            {can_request.then(|| view! {
                <ActionForm action=request>
                    <input type="hidden" name="formation_id" value=id />
                    <FieldError error />
                    <button type="submit" aria-label=format!("Demander l'inscription à {}", f.info.name)>"Demander l'inscription"</button>
                </ActionForm>
            })}
        </li>
    }
}
