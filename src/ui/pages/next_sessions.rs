use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::api::learner::upcoming_sessions;
use crate::domain::enrollment::NextSeance;
use crate::domain::format::duration;
use crate::i18n::{current, t, t_with};
use crate::ui::components::countdown::Countdown;
use crate::ui::components::enrollment_card::seance_titled;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::platform_label::PlatformLabel;
use crate::ui::components::status_badge::StatusBadge;

/// "Prochaines sessions" across the learner's active and upcoming enrollments.
#[component]
pub fn NextSeancesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| upcoming_sessions());
    view! {
        <PageHeading heading=t("learner-next-title") />
        <Loaded data let:data>
            {if data.sessions.is_empty() {
                view! { <p class="empty">{t("learner-next-empty")}</p> }.into_any()
            } else {
                let now = data.now;
                view! {
                    <ol class="sessions" aria-label=t("learner-next-title")>
                        {data.sessions.into_iter().map(|next| view! { <NextSeanceCard next now /> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </Loaded>
    }
}

#[component]
fn NextSeanceCard(next: NextSeance, now: DateTime<Utc>) -> impl IntoView {
    let n = next;
    let s = n.session;
    let join = s.meeting_link.clone().map(|href| {
        view! {
            <a href=href target="_blank" rel="noopener noreferrer" class="join-button small">
                {t("learner-join-session")}
                <span class="visually-hidden">{format!(" {}", t("learner-new-tab"))}</span>
            </a>
        }
    });
    let clash = (!n.clashes_with.is_empty()).then(|| {
        let others = n
            .clashes_with
            .iter()
            .map(|(formation, number)| {
                format!(
                    "{formation} · {}",
                    t_with("learner-seance", &[("number", (*number).into())])
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <p class="clash" role="note">
                <span aria-hidden="true">"⚠ "</span>
                {t_with("learner-next-clash", &[("others", (&others).into())])}
            </p>
        }
    });
    view! {
        <li class=if n.clashes_with.is_empty() { "session" } else { "session clashing" }>
            <div class="session-head">
                <a class="session-formation" href=format!("/user/formations/{}", n.enrollment_id)>
                    {n.formation_name.clone()}
                </a>
                <StatusBadge status=n.status />
                <PlatformLabel platform=n.platform />
            </div>
            <h2 class="session-title">{seance_titled(s.session_number, &s.title)}</h2>
            <p class="session-when">
                <LocalTime at=s.scheduled_date timezone=n.timezone.clone() />
                {format!(" · {} · ", duration(current(), s.duration_minutes))}
                <Countdown starts_at=s.scheduled_date duration_minutes=s.duration_minutes server_now=now />
            </p>
            {clash}
            {join}
        </li>
    }
}
