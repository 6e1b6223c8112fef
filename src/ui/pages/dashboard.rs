use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learner::{dashboard, DashboardData};
use crate::domain::format::duration;
use crate::i18n::{current, t, t_with};
use crate::ui::components::countdown::Countdown;
use crate::ui::components::enrollment_card::seance_titled;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::my_certificates::MyCertificates;
use crate::ui::components::platform_label::PlatformLabel;
use crate::ui::hooks::version_of;

/// The learner's home: the spec's three widgets and the very next session.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let withdraw = ServerAction::<crate::api::catalogue::WithdrawRequest>::new();
    let data = {
        let withdrawn = version_of(withdraw.version());
        Resource::new(withdrawn, |_| dashboard())
    };
    view! {
        <Title text=t("learner-dashboard-title") />
        <Loaded data let:data>
            <DashboardView data withdraw />
        </Loaded>
    }
}

#[component]
fn DashboardView(
    data: DashboardData,
    withdraw: ServerAction<crate::api::catalogue::WithdrawRequest>,
) -> impl IntoView {
    let requests = data.requests;
    let stats = data.stats;
    let now = data.now;
    let widget = |class: &'static str,
                  icon: &'static str,
                  count: i64,
                  label: String,
                  status: &'static str| {
        view! {
            <a class=format!("widget {class}") href=format!("/user/formations?status={status}")>
                <span class="widget-icon" aria-hidden="true">{icon}</span>
                <span class="widget-count">{count}</span>
                <span class="widget-label">{label}</span>
            </a>
        }
    };
    let next = match data.next {
        None => view! {
            <p class="empty">{t("learner-dashboard-no-next")}</p>
        }
        .into_any(),
        Some(n) => {
            let s = n.session;
            let join = s.meeting_link.clone().map(|href| {
                view! {
                    <a class="join-button" href=href target="_blank" rel="noopener noreferrer">
                        {t("learner-join-session")}
                        <span class="visually-hidden">{format!(" {}", t("learner-new-tab"))}</span>
                    </a>
                }
            });
            let no_link = s.meeting_link.is_none().then(|| {
                view! {
                    <p class="no-link">{t("learner-link-upcoming")}</p>
                }
            });
            view! {
                <article class="card next-card" aria-labelledby="next-title">
                    <h3 id="next-title">
                        <a href=format!("/user/formations/{}", n.enrollment_id)>{n.formation_name.clone()}</a>
                    </h3>
                    <p>{seance_titled(s.session_number, &s.title)}</p>
                    <p>
                        <LocalTime at=s.scheduled_date timezone=n.timezone.clone() />
                        {format!(" · {} · ", duration(current(), s.duration_minutes))}
                        <PlatformLabel platform=n.platform />
                    </p>
                    <p class="next-countdown">
                        <Countdown starts_at=s.scheduled_date duration_minutes=s.duration_minutes server_now=now />
                    </p>
                    {join}
                    {no_link}
                </article>
            }
            .into_any()
        }
    };
    view! {
        <h1>{t_with("learner-dashboard-hello", &[("name", (&data.name).into())])}</h1>
        // A new learner has nothing to count yet: the catalogue is where to go.
        {(stats.total == 0).then(|| view! {
            <div class="empty welcome">
                <p>{t("learner-dashboard-new")}</p>
                <p><a class="button-link" href="/formations">{t("learner-formations-discover")}</a></p>
            </div>
        })}
        // On a phone the next session (and its join button) comes first:
        // the stylesheet reorders this column.
        <div class="dashboard-main">
            <section class="widgets" aria-label=t("learner-dashboard-glance")>
                {widget("widget-active", "🎓", stats.active, t("learner-widget-active"), "active")}
                {widget("widget-completed", "🏆", stats.completed, t("learner-widget-completed"), "completed")}
                {widget("widget-upcoming", "⏰", stats.upcoming, t("learner-widget-upcoming"), "upcoming")}
            </section>
            <section class="next" aria-labelledby="next-heading">
                <h2 id="next-heading">{t("learner-next-session")}</h2>
                {next}
            </section>
        </div>
        <crate::ui::components::my_requests::WithdrawnNotice withdraw />
        {(!requests.is_empty()).then(|| view! {
            <section class="my-requests" aria-labelledby="open-requests-h">
                <h2 id="open-requests-h">{t("learner-requests-open")}</h2>
                <crate::ui::components::my_requests::MyRequests requests back="/user" withdraw />
            </section>
        })}
        <MyCertificates certificates=data.certificates />
    }
}
