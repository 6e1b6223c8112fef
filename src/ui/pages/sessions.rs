use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learner::{enrollment_sessions, EnrollmentSeancesData, MarkAttendance};
use crate::domain::enrollment::{SeancePhase, SeanceView};
use crate::domain::format::duration;
use crate::i18n::{current, t, t_with, Arg};
use crate::ui::components::certificate_links::CertificateLinks;
use crate::ui::components::countdown::Countdown;
use crate::ui::components::enrollment_card::{attended_to_date, rate};
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::field_error::form_error_signal;
use crate::ui::components::join_link::JoinLink;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::hooks::{use_route_resource, version_of};

/// The sessions of one enrollment, with attendance marking.
#[component]
pub fn SeancesPage() -> impl IntoView {
    let mark = ServerAction::<MarkAttendance>::new();
    // Refetched after each mark: counts update without a page reload.
    let data = {
        let marked = version_of(mark.version());
        use_route_resource(marked, enrollment_sessions)
    };
    view! {
        <Loaded data keep_while_reloading=true let:data>
            <SeanceList data mark />
        </Loaded>
    }
}

#[component]
fn SeanceList(data: EnrollmentSeancesData, mark: ServerAction<MarkAttendance>) -> impl IntoView {
    let e = data.enrollment;
    let now = data.now;
    // A cancelled or finished enrollment's séances go in no calendar.
    let live = matches!(
        e.status,
        crate::domain::status::EnrollmentStatus::Active
            | crate::domain::status::EnrollmentStatus::Upcoming
    );
    let refused = form_error_signal(move || mark.value().get().and_then(Result::err));
    let rows = data
        .sessions
        .into_iter()
        .map(|s| view! { <SeanceEntry session=s enrollment_id=e.id timezone=e.timezone.clone() now mark live /> })
        .collect_view();
    let empty = rows.is_empty();
    view! {
        <Title text=e.info.name.clone() />
        <p class="breadcrumb"><a href="/user/formations">{t("learner-back")}</a></p>
        <div class="page-head">
            <h1>{e.info.name.clone()}</h1>
            <StatusBadge status=e.status />
        </div>
        <p class="attendance-summary">
            {format!("{} ", t("learner-attendance-label"))}
            <strong class="attended-count">{attended_to_date(e.attended_sessions, e.held_sessions, e.total_sessions)}</strong>
            {format!(" {}", rate(e.attendance_rate_to_date))}
        </p>
        <JoinLink link=e.meeting.as_ref().map(|m| m.link.clone()) status=e.status />
        <CertificateLinks enrollment_id=e.id standing=e.certificate.clone() />
        <ErrorAlert error=refused />
        {if empty {
            view! { <p class="empty">{t("learner-seances-empty")}</p> }.into_any()
        } else {
            view! { <ol class="sessions" aria-label=t("learner-seances")>{rows}</ol> }.into_any()
        }}
    }
}

#[component]
fn SeanceEntry(
    session: SeanceView,
    enrollment_id: i64,
    timezone: String,
    now: chrono::DateTime<chrono::Utc>,
    mark: ServerAction<MarkAttendance>,
    /// The enrollment is active or upcoming: its séances may be added to a calendar.
    live: bool,
) -> impl IntoView {
    let s = session;
    let n = s.session_number;
    let number = move || ("number", Arg::from(n));
    let (phase_label, phase_class) = match s.phase {
        SeancePhase::Past => ("learner-phase-past", "phase-past"),
        SeancePhase::Live => ("learner-phase-live", "phase-live"),
        SeancePhase::Upcoming => ("learner-phase-upcoming", "phase-upcoming"),
    };
    let countdown = (s.phase != SeancePhase::Past).then(|| {
        view! { " · " <Countdown starts_at=s.scheduled_date duration_minutes=s.duration_minutes server_now=now /> }
    });
    // A past séance the learner missed says so: the count above is over
    // the séances held, so each of them reads present or absent.
    let present = if s.user_attended {
        Some(view! { <span class="present">{t("learner-present")}</span> }.into_any())
    } else if s.phase == SeancePhase::Past {
        Some(view! { <span class="absent">{t("learner-absent")}</span> }.into_any())
    } else {
        None
    };
    let recording = s.recording_link.clone().map(|href| {
        view! {
            <a href=href target="_blank" rel="noopener noreferrer" class="recording">
                {t("learner-recording")}
                <span class="visually-hidden">{format!(" {}", t_with("learner-recording-of", &[number()]))}</span>
            </a>
        }
    });
    let join = (s.phase != SeancePhase::Past)
        .then_some(s.meeting_link.clone())
        .flatten()
        .map(|href| {
            view! {
                <a href=href target="_blank" rel="noopener noreferrer" class="join-button small">
                    {t("learner-join")}
                    <span class="visually-hidden">{format!(" {}", t_with("learner-join-of", &[number()]))}</span>
                </a>
            }
        });
    // The séance's own meeting number and passcode (a Zoom meeting made
    // for it), only where its join button is.
    let details = (s.phase != SeancePhase::Past && s.meeting_link.is_some())
        .then(|| {
            let parts: Vec<String> = [
                s.meeting_id
                    .as_ref()
                    .map(|id| t_with("learner-meeting-id", &[("id", id.into())])),
                s.meeting_password
                    .as_ref()
                    .map(|pw| t_with("learner-meeting-code", &[("code", pw.into())])),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty())
                .then(|| view! { <span class="meeting-details">{parts.join(" · ")}</span> })
        })
        .flatten();
    let add = (live && s.phase == SeancePhase::Upcoming).then(|| {
        use crate::domain::calendar::{google_path, invitation_path};
        view! {
            <span class="add-to-calendar">
                <a href=invitation_path(enrollment_id, s.id) download>
                    {t("calendar-add")}
                    <span class="visually-hidden">{format!(" {}", t_with("learner-seance", &[number()]))}</span>
                </a>
                " · "
                <a href=google_path(enrollment_id, s.id) rel="noopener noreferrer" target="_blank">{t("calendar-add-google")}</a>
            </span>
        }
    });
    let can_mark = s.can_mark_attendance && !s.user_attended;
    let form = can_mark.then(|| {
        view! {
            <ActionForm action=mark>
                <input type="hidden" name="enrollment_id" value=enrollment_id />
                <input type="hidden" name="session_id" value=s.id />
                <button type="submit" class="mark-button" disabled=move || mark.pending().get()>
                    {t("learner-mark")}
                    <span class="visually-hidden">{format!(" {}", t_with("learner-mark-of", &[number()]))}</span>
                </button>
            </ActionForm>
        }
    });
    view! {
        <li class=format!("session {phase_class}") id=crate::domain::enrollment::seance_anchor(s.id) data-session-id=s.id>
            <div class="session-head">
                <span class="session-number">{t_with("learner-seance", &[number()])}</span>
                <h2 class="session-title">{s.title.clone()}</h2>
                <span class=format!("phase {phase_class}")>{t(phase_label)}</span>
                {present}
            </div>
            <p class="session-when">
                <LocalTime at=s.scheduled_date timezone=timezone />
                {format!(" · {}", duration(current(), s.duration_minutes))}
                {countdown}
            </p>
            <div class="session-actions">{join} {details} {form} {recording} {add}</div>
        </li>
    }
}
