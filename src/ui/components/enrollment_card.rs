use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::enrollment::EnrollmentView;
use crate::domain::format::{period, schedule, zone_of};
use crate::domain::status::EnrollmentStatus;
use crate::i18n::{current, t, t_with, Lang};
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
                <dt>{t("learner-next-session")}</dt>
                <dd class="next-session">
                    <LocalTime at=s.scheduled_date timezone=tz />
                    " · "
                    <Countdown starts_at=s.scheduled_date duration_minutes=s.duration_minutes server_now=now />
                </dd>
            }
        });
    let meeting_details = e.meeting.as_ref().and_then(|m| {
        let parts: Vec<String> = [
            m.id.as_ref()
                .map(|id| t_with("learner-meeting-id", &[("id", id.into())])),
            m.password
                .as_ref()
                .map(|pw| t_with("learner-meeting-code", &[("code", pw.into())])),
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
                <dt>{t("learner-fact-level")}</dt>
                <dd>{t(e.info.level.label_id())}</dd>
                <dt>{t("learner-fact-platform")}</dt>
                <dd><PlatformLabel platform=e.info.platform /></dd>
                <dt>{t("learner-fact-period")}</dt>
                <dd>{period(current(), e.start_date, e.end_date)}</dd>
                <dt>{t("learner-fact-schedule")}</dt>
                <dd>{schedule(current(), &e.info.schedule_description, zone_of(&e.timezone))}</dd>
                <dt>{t("learner-fact-instructor")}</dt>
                <dd>{e.info.instructor_name.clone()}</dd>
                <dt>{t("learner-fact-attendance")}</dt>
                <dd class="attendance">
                    {format!(
                        "{} {}",
                        attended_to_date(e.attended_sessions, e.held_sessions, e.total_sessions),
                        rate(e.attendance_rate_to_date),
                    )}
                </dd>
                {next}
            </dl>
            <div class="card-actions">
                <JoinLink link=e.meeting.as_ref().map(|m| m.link.clone()) status=e.status />
                {meeting_details}
                <crate::ui::components::certificate_links::CertificateLinks enrollment_id=e.id standing=e.certificate.clone() />
                <a class="secondary-link" href=format!("/user/formations/{}", e.id)>
                    {t("learner-see-seances")}
                    <span class="visually-hidden">
                        {format!(" {}", t_with("learner-see-seances-of", &[("name", (&e.info.name).into())]))}
                    </span>
                </a>
            </div>
        </article>
    }
}

/// "3 / 4 séances passées · 9 au programme": attendance over the sessions
/// held so far (what a learner can judge), then the programme's size.
pub fn attended_to_date(attended: i64, held: i64, total: i64) -> String {
    t_with(
        "learner-attended-to-date",
        &[
            ("attended", attended.min(held).into()),
            ("held", held.into()),
            ("total", total.into()),
        ],
    )
}

/// "Séance 3 — Introduction"; a séance whose title only says it is a
/// séance (what a generated series is called by default) is "Séance 3",
/// not "Séance 3 — Séance".
pub fn seance_titled(number: i64, title: &str) -> String {
    if crate::domain::enrollment::is_generic_title(title) {
        return t_with("learner-seance", &[("number", number.into())]);
    }
    t_with(
        "learner-seance-titled",
        &[("number", number.into()), ("title", title.into())],
    )
}

/// "(33,3 %)", "(33.3%)": the attendance rate in the reader's words.
pub fn rate(rate: f64) -> String {
    let number = format_rate(current(), rate);
    t_with("learner-rate", &[("rate", (&number).into())])
}

/// "50", "33,3" in French, "33.3" in English: one decimal, none when it
/// is 0.
pub fn format_rate(lang: Lang, rate: f64) -> String {
    let text = format!("{rate:.1}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None if lang == Lang::Fr => text.replace('.', ","),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_have_one_decimal_in_the_readers_notation_and_none_when_whole() {
        assert_eq!(format_rate(Lang::Fr, 50.0), "50");
        assert_eq!(format_rate(Lang::Fr, 100.0 / 3.0), "33,3");
        assert_eq!(format_rate(Lang::En, 100.0 / 3.0), "33.3");
        assert_eq!(format_rate(Lang::En, 0.0), "0");
    }
}
