use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learner::{dashboard, DashboardData};
use crate::domain::format::duration_fr;
use crate::ui::components::countdown::Countdown;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::platform_label::PlatformLabel;

/// The learner's home: the spec's three widgets and the very next session.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| dashboard());
    view! {
        <Title text="Tableau de bord" />
        <Loaded data let:data>
            <DashboardView data />
        </Loaded>
    }
}

#[component]
fn DashboardView(data: DashboardData) -> impl IntoView {
    let stats = data.stats;
    let now = data.now;
    let widget = |class: &'static str,
                  icon: &'static str,
                  count: i64,
                  label: &'static str,
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
            <p class="empty">"Aucune session à venir."</p>
        }
        .into_any(),
        Some(n) => {
            let s = n.session;
            let join = s.meeting_link.clone().map(|href| {
                view! {
                    <a class="join-button" href=href target="_blank" rel="noopener noreferrer">
                        "Rejoindre la session"
                        <span class="visually-hidden">" (nouvel onglet)"</span>
                    </a>
                }
            });
            let no_link = s.meeting_link.is_none().then(|| {
                view! {
                    <p class="no-link">"Le lien sera disponible au début de la formation."</p>
                }
            });
            view! {
                <article class="card next-card" aria-labelledby="next-title">
                    <h3 id="next-title">
                        <a href=format!("/user/formations/{}", n.enrollment_id)>{n.formation_name.clone()}</a>
                    </h3>
                    <p>{format!("Séance {} — {}", s.session_number, s.title)}</p>
                    <p>
                        <LocalTime at=s.scheduled_date timezone="UTC" />
                        {format!(" · {} · ", duration_fr(s.duration_minutes))}
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
        <h1>{format!("Bonjour, {}", data.name)}</h1>
        <section class="widgets" aria-label="Mes formations en un coup d'œil">
            {widget("widget-active", "🎓", stats.active, "Formations Actives", "active")}
            {widget("widget-completed", "🏆", stats.completed, "Formations Terminées", "completed")}
            {widget("widget-upcoming", "⏰", stats.upcoming, "Formations À Venir", "upcoming")}
        </section>
        <section class="next" aria-labelledby="next-heading">
            <h2 id="next-heading">"Prochaine session"</h2>
            {next}
        </section>
    }
}
