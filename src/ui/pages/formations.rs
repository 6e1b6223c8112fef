use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::learner::{my_formations, MyFormationsData};
use crate::domain::status::EnrollmentStatus;
use crate::i18n::t;
use crate::ui::components::enrollment_card::EnrollmentCard;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::hooks::{live, version_of};

/// "Mes Formations": stats, filters and one card per enrollment.
#[component]
pub fn FormationsPage() -> impl IntoView {
    let withdraw = ServerAction::<crate::api::catalogue::WithdrawRequest>::new();
    let data = {
        let withdrawn = version_of(withdraw.version());
        Resource::new(withdrawn, |_| my_formations())
    };
    view! {
        <PageHeading heading=t("learner-formations-title") />
        <Loaded data let:data>
            <FormationsView data withdraw />
        </Loaded>
    }
}

/// Each filter and the id of its words. "Annulées" shows only when there
/// are cancelled enrollments, so the filters' counts add up to "Toutes".
const FILTERS: [(Option<EnrollmentStatus>, &str); 5] = [
    (None, "learner-filter-all"),
    (Some(EnrollmentStatus::Active), "learner-filter-active"),
    (Some(EnrollmentStatus::Upcoming), "learner-filter-upcoming"),
    (
        Some(EnrollmentStatus::Completed),
        "learner-filter-completed",
    ),
    (
        Some(EnrollmentStatus::Cancelled),
        "learner-filter-cancelled",
    ),
];

fn filter_href(status: Option<EnrollmentStatus>) -> String {
    match status {
        None => "/user/formations".into(),
        Some(s) => format!("/user/formations?status={}", s.as_str()),
    }
}

#[component]
fn FormationsView(
    data: MyFormationsData,
    withdraw: ServerAction<crate::api::catalogue::WithdrawRequest>,
) -> impl IntoView {
    let requests = data.requests;
    let query = use_query_map();
    // The filter lives in the URL: shareable, and plain links without JavaScript.
    let filter = Memo::new(move |_| {
        query
            .read()
            .get("status")
            .and_then(|s| EnrollmentStatus::parse(&s).ok())
    });
    let stats = data.stats;
    let now = data.now;
    let all = StoredValue::new(data.enrollments);
    let count = move |status: Option<EnrollmentStatus>| {
        all.with_value(|list| {
            list.iter()
                .filter(|e| status.is_none_or(|s| e.status == s))
                .count()
        })
    };
    let shown = move || {
        all.with_value(|list| {
            list.iter()
                .filter(|e| filter.get().is_none_or(|s| e.status == s))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="stats" aria-label=t("learner-stats")>
            <div class="stat"><span class="stat-value">{stats.total}</span><span class="stat-label">{t("learner-stat-total")}</span></div>
            <div class="stat stat-active"><span class="stat-value">{stats.active}</span><span class="stat-label">{t("learner-stat-active")}</span></div>
            <div class="stat stat-completed"><span class="stat-value">{stats.completed}</span><span class="stat-label">{t("learner-stat-completed")}</span></div>
            <div class="stat stat-upcoming"><span class="stat-value">{stats.upcoming}</span><span class="stat-label">{t("learner-stat-upcoming")}</span></div>
        </section>
        // Requests waiting for the payment (or refused) are the learner's
        // business too, not only the catalogue's.
        <crate::ui::components::my_requests::WithdrawnNotice withdraw />
        {(!requests.is_empty()).then(|| view! {
            <section class="my-requests" aria-labelledby="open-requests-h">
                <h2 id="open-requests-h">{t("learner-requests-open")}</h2>
                <crate::ui::components::my_requests::MyRequests requests back="/user/formations" withdraw />
            </section>
        })}
        <nav class="filters" aria-label=t("learner-filters")>
            {FILTERS
                .into_iter()
                .filter(|(status, _)| *status != Some(EnrollmentStatus::Cancelled) || stats.cancelled > 0)
                .map(|(status, label)| {
                    let current = move || (filter.get() == status).then_some("page");
                    view! {
                        <a href=filter_href(status) aria-current=current class="filter">
                            {t(label)}
                            " "
                            <span class="filter-count">{format!("({})", count(status))}</span>
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        {live(move || {
            let list = shown();
            if all.with_value(Vec::is_empty) {
                empty_state(
                    "learner-formations-empty",
                    "/formations",
                    "learner-formations-discover",
                )
            } else if list.is_empty() {
                empty_state(
                    "learner-formations-filter-empty",
                    "/user/formations",
                    "learner-formations-see-all",
                )
            } else {
                view! {
                    <div class="cards">
                        {list
                            .into_iter()
                            .map(|enrollment| view! { <EnrollmentCard enrollment now /> })
                            .collect_view()}
                    </div>
                }
                    .into_any()
            }
        })}
    }
}

/// Why there is no card, and where to go instead (the ids of their words).
fn empty_state(text: &'static str, href: &'static str, link: &'static str) -> AnyView {
    view! {
        <div class="empty">
            <p>{t(text)}</p>
            <p><a href=href>{t(link)}</a></p>
        </div>
    }
    .into_any()
}
