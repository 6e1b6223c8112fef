use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::enrollment::EnrollmentView;
use crate::domain::format::date_fr;
use crate::domain::status::EnrollmentStatus;
use crate::ui::components::countdown::Countdown;
use crate::ui::components::join_link::JoinLink;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::platform_label::PlatformLabel;
use crate::ui::components::status_badge::StatusBadge;

#[component]
pub fn EnrollmentCard(enrollment: EnrollmentView, now: DateTime<Utc>) -> impl IntoView {
    let e = enrollment;
    let title_id = format!("formation-{}", e.id);
    let labelled_by = title_id.clone();
    let next = (e.status == EnrollmentStatus::Active)
        .then_some(e.next_session.clone())
        .flatten()
        .map(|s| {
            let tz = e.timezone.clone();
            view! {
                <dt>"Prochaine session"</dt>
                <dd class="next-session">
                    <LocalTime at=s.scheduled_date timezone=tz />
                    " · "
                    <Countdown starts_at=s.scheduled_date duration_minutes=s.duration_minutes server_now=now />
                </dd>
            }
        });
    let meeting_details = e.meeting.as_ref().and_then(|m| {
        let parts: Vec<String> = [
            m.id.as_ref().map(|id| format!("ID : {id}")),
            m.password.as_ref().map(|pw| format!("Code : {pw}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| view! { <p class="meeting-details">{parts.join(" · ")}</p> })
    });
    view! {
        <article class=format!("card card-{}", e.status.as_str()) aria-labelledby=labelled_by>
            <div class="card-head">
                <h2 id=title_id>{e.info.name.clone()}</h2>
                <StatusBadge status=e.status />
            </div>
            <p class="description">{e.info.description.clone()}</p>
            <dl class="facts">
                <dt>"Niveau"</dt>
                <dd>{e.info.level.label()}</dd>
                <dt>"Plateforme"</dt>
                <dd><PlatformLabel platform=e.info.platform /></dd>
                <dt>"Période"</dt>
                <dd>{format!("{} – {}", date_fr(e.start_date), date_fr(e.end_date))}</dd>
                <dt>"Horaires"</dt>
                <dd>{e.info.schedule_description.clone()}</dd>
                <dt>"Formateur"</dt>
                <dd>{e.info.instructor_name.clone()}</dd>
                <dt>"Présence"</dt>
                <dd class="attendance">
                    {format!(
                        "{} / {} séances ({} %)",
                        e.attended_sessions,
                        e.total_sessions,
                        format_rate(e.attendance_rate),
                    )}
                </dd>
                {next}
            </dl>
            <div class="card-actions">
                <JoinLink link=e.meeting.as_ref().map(|m| m.link.clone()) status=e.status />
                {meeting_details}
                <a class="secondary-link" href=format!("/user/formations/{}", e.id)>
                    "Voir les séances"
                    <span class="visually-hidden">{format!(" de {}", e.info.name)}</span>
                </a>
            </div>
        </article>
    }
}

/// "50", "33,3": French decimal comma, no trailing ",0".
pub fn format_rate(rate: f64) -> String {
    let text = format!("{rate:.1}");
    text.strip_suffix(".0")
        .map(str::to_string)
        .unwrap_or_else(|| text.replace('.', ","))
}
