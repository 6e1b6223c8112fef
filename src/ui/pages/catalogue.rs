use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::catalogue::{
    get_catalogue, get_catalogue_formation, RequestEnrollment, WithdrawRequest,
};
use crate::domain::catalogue::{
    CatalogueDetail, CatalogueEntry, CatalogueQuery, CatalogueView, RequestStatus,
};
use crate::domain::format::{duration, period, schedule, zone_of};
use crate::i18n::{current, t, t_with};
use crate::ui::components::admin::form_state::{form_error, QueryForm};
use crate::ui::components::admin::words::{level_options, platform_options};
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::my_requests::{MyRequests, WithdrawnNotice};
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::status_badge::{RequestBadge, StatusBadge};
use crate::ui::hooks::version_of;
use crate::ui::pages::login::encode_query_value;

/// The catalogue, open to anyone: formations (never any meeting detail),
/// searched by name and filtered by level, platform and month with a plain
/// GET form; a signed-in learner also sees the state of their requests.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let request = ServerAction::<RequestEnrollment>::new();
    let withdraw = ServerAction::<WithdrawRequest>::new();
    let query = use_query_map();
    let search = move || {
        let q = query.read();
        CatalogueQuery {
            q: q.get("q").unwrap_or_default(),
            level: q.get("level").unwrap_or_default(),
            platform: q.get("platform").unwrap_or_default(),
            month: q.get("month").unwrap_or_default(),
        }
    };
    let (requested, withdrawn) = (
        version_of(request.version()),
        version_of(withdraw.version()),
    );
    let data = Resource::new(
        move || (search(), requested(), withdrawn()),
        |(s, _, _)| get_catalogue(s.q, s.level, s.platform, s.month),
    );
    view! {
        <PageHeading heading=t("learner-catalogue-title") tab=t("learner-catalogue-tab") />
        <SearchForm query=search() />
        <Loaded data plain=true bare_error=true let:data>
            <CatalogueBody data request withdraw filtered=search().is_filtered() />
        </Loaded>
    }
}

/// The search and filters: a GET form, so it works without JavaScript and
/// its result is a link anyone can share.
#[component]
fn SearchForm(query: CatalogueQuery) -> impl IntoView {
    let option = |value: &'static str, label: String, selected: &str| {
        view! { <option value=value selected=value == selected>{label}</option> }
    };
    let levels = level_options()
        .into_iter()
        .map(|(v, l)| option(v, l, &query.level))
        .collect_view();
    let platforms = platform_options()
        .into_iter()
        .map(|(v, l)| option(v, l, &query.platform))
        .collect_view();
    view! {
        <form method="get" action="/formations" class="catalogue-search" role="search">
            <div class="field">
                <label for="catalogue-q">{t("catalogue-search")}</label>
                <input id="catalogue-q" type="search" name="q" value=query.q.clone() />
            </div>
            <div class="field">
                <label for="catalogue-level">{t("learner-fact-level")}</label>
                <select id="catalogue-level" name="level">
                    <option value="">{t("catalogue-any")}</option>
                    {levels}
                </select>
            </div>
            <div class="field">
                <label for="catalogue-platform">{t("learner-fact-platform")}</label>
                <select id="catalogue-platform" name="platform">
                    <option value="">{t("catalogue-any")}</option>
                    {platforms}
                </select>
            </div>
            <div class="field">
                <label for="catalogue-month">{t("catalogue-month")}</label>
                <input id="catalogue-month" type="month" name="month" value=query.month.clone() />
            </div>
            <button type="submit">{t("catalogue-filter")}</button>
        </form>
    }
}

#[component]
fn CatalogueBody(
    data: CatalogueView,
    request: ServerAction<RequestEnrollment>,
    withdraw: ServerAction<WithdrawRequest>,
    filtered: bool,
) -> impl IntoView {
    let requests = data.requests;
    let signed_in = data.signed_in;
    view! {
        {if data.formations.is_empty() && filtered {
            view! {
                <p>{t("catalogue-none-found")}" "<a href="/formations">{t("catalogue-clear")}</a></p>
            }.into_any()
        } else if data.formations.is_empty() {
            view! { <p>{t("learner-catalogue-empty")}</p> }.into_any()
        } else {
            view! {
                <ul class="catalogue">
                    {data.formations.into_iter().map(|f| view! { <CatalogueCard f request signed_in /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <WithdrawnNotice withdraw />
        {signed_in.then(|| view! {
            <section class="my-requests" aria-labelledby="my-requests-h">
                <h2 id="my-requests-h">{t("learner-requests")}</h2>
                {if requests.is_empty() {
                    view! { <p>{t("learner-requests-empty")}</p> }.into_any()
                } else {
                    view! { <MyRequests requests back="/formations" withdraw /> }.into_any()
                }}
            </section>
        })}
    }
}

/// What a card or the page of a formation offers: ask (signed in, when
/// allowed), or create an account and come back here to ask.
#[component]
fn RequestOrSignUp(
    f: CatalogueEntry,
    request: ServerAction<RequestEnrollment>,
    signed_in: bool,
    /// Asked from the formation's own page (the answer comes back there).
    #[prop(optional)]
    detail: bool,
) -> impl IntoView {
    let id = f.id;
    if !signed_in {
        let back = encode_query_value(&format!("/formations/{id}"));
        return view! {
            <p class="card-actions">
                <a class="button-link" href=format!("/signup?next={back}")>
                    {t("catalogue-signup-to-request")}
                    <span class="visually-hidden">{format!(" {}", f.info.name)}</span>
                </a>
                " "
                <a href=format!("/login?next={back}")>{t("catalogue-login-to-request")}</a>
            </p>
        }
        .into_any();
    }
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
    view! {
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
                {detail.then(|| view! { <input type="hidden" name="from" value="detail" /> })}
                <FieldError error />
                <button type="submit" aria-label=t_with("learner-request-for", &[("name", (&f.info.name).into())])>
                    {t("learner-request")}
                </button>
            </ActionForm>
        })}
    }
    .into_any()
}

#[component]
fn CatalogueCard(
    f: CatalogueEntry,
    request: ServerAction<RequestEnrollment>,
    signed_in: bool,
) -> impl IntoView {
    let id = f.id;
    let heading_id = format!("formation-{id}");
    view! {
        <li class="catalogue-card">
            <h2 id=heading_id><a href=format!("/formations/{id}")>{f.info.name.clone()}</a></h2>
            <p>{f.info.description.clone()}</p>
            <Facts f=f.clone() />
            <RequestOrSignUp f request signed_in />
        </li>
    }
}

#[component]
fn Facts(f: CatalogueEntry) -> impl IntoView {
    let price = match &f.offer.price {
        Some(p) if p.cents > 0 => p.display(current()),
        _ => t("catalogue-free"),
    };
    let dates = match (f.offer.starts_on, f.offer.ends_on) {
        (Some(start), Some(end)) => Some(period(current(), start, end)),
        _ => None,
    };
    let seats = f.offer.seats.map(|total| match f.seats_left() {
        Some(0) => t("catalogue-seats-full"),
        Some(left) if left < total => t_with(
            "catalogue-seats-left",
            &[("left", left.into()), ("total", total.into())],
        ),
        _ => t_with("catalogue-seats", &[("total", total.into())]),
    });
    view! {
        <dl class="facts">
            <dt>{t("catalogue-price")}</dt><dd class="price">{price}</dd>
            {dates.map(|d| view! { <dt>{t("learner-fact-period")}</dt><dd>{d}</dd> })}
            {seats.map(|s| view! { <dt>{t("catalogue-places")}</dt><dd class="seats">{s}</dd> })}
            <dt>{t("learner-fact-level")}</dt><dd>{t(f.info.level.label_id())}</dd>
            <dt>{t("learner-fact-platform")}</dt><dd>{t(f.info.platform.label_id())}</dd>
            <dt>{t("learner-fact-instructor")}</dt><dd>{f.info.instructor_name.clone()}</dd>
            <dt>{t("learner-fact-schedule")}</dt><dd>{schedule(current(), &f.info.schedule_description, zone_of(&f.timezone))}</dd>
        </dl>
    }
}

/// One formation's public page: what, who, when (its séances to come, in
/// the reader's time), and how to ask for a place. Never how to join.
#[component]
pub fn CatalogueFormationPage() -> impl IntoView {
    let request = ServerAction::<RequestEnrollment>::new();
    let withdraw = ServerAction::<WithdrawRequest>::new();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let (requested, withdrawn) = (
        version_of(request.version()),
        version_of(withdraw.version()),
    );
    let data = Resource::new(
        move || (id(), requested(), withdrawn()),
        |(id, _, _)| get_catalogue_formation(id),
    );
    view! {
        <Loaded data let:data>
            <FormationDetail data request withdraw />
        </Loaded>
    }
}

#[component]
fn FormationDetail(
    data: CatalogueDetail,
    request: ServerAction<RequestEnrollment>,
    withdraw: ServerAction<WithdrawRequest>,
) -> impl IntoView {
    let query = use_query_map();
    let f = data.entry;
    let asked = move || {
        matches!(request.value().get(), Some(Ok(_)))
            || (request.value().get().is_none() && query.read().get("demande").is_some())
    };
    let tz = f.timezone.clone();
    let sessions = if data.sessions.is_empty() {
        view! { <p>{t("catalogue-no-sessions")}</p> }.into_any()
    } else {
        view! {
            <ol class="public-sessions">
                {data.sessions.into_iter().map(|s| view! {
                    <li>
                        <strong>{crate::ui::components::enrollment_card::seance_titled(s.number, &s.title)}</strong>
                        " · "
                        <LocalTime at=s.starts_at timezone=tz.clone() />
                        {format!(" · {}", duration(current(), s.duration_minutes))}
                    </li>
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <Title text=f.info.name.clone() />
        <p class="breadcrumb"><a href="/formations">{t("catalogue-back")}</a></p>
        <h1>{f.info.name.clone()}</h1>
        <WithdrawnNotice withdraw />
        <Show when=asked>
            <div class="notice" role="status">
                <p>{t("catalogue-request-sent")}</p>
            </div>
        </Show>
        // Waiting for the payment: how to pay, and a way back.
        {data.payment_instructions.clone().map(|how| {
            let request_id = data.request_id.unwrap_or_default();
            let name = f.info.name.clone();
            view! {
                <section class="payment" aria-labelledby="payment-h">
                    <h2 id="payment-h">{t("catalogue-payment")}</h2>
                    {if how.trim().is_empty() {
                        view! { <p>{t("catalogue-payment-none")}</p> }.into_any()
                    } else {
                        view! { <p class="payment-instructions">{how}</p> }.into_any()
                    }}
                    <ActionForm action=withdraw attr:class="inline-form">
                        <input type="hidden" name="request_id" value=request_id />
                        <input type="hidden" name="back" value=format!("/formations/{}", f.id) />
                        <button type="submit" class="link-button" disabled=move || withdraw.pending().get()
                            aria-label=t_with("learner-request-withdraw-for", &[("name", (&name).into())])>
                            {t("learner-request-withdraw")}
                        </button>
                    </ActionForm>
                </section>
            }
        })}
        <p class="description">{f.info.description.clone()}</p>
        <Facts f=f.clone() />
        <section aria-labelledby="public-sessions-h">
            <h2 id="public-sessions-h">{t("catalogue-sessions")}</h2>
            {sessions}
        </section>
        <RequestOrSignUp f request signed_in=data.signed_in detail=true />
    }
}
