//! The admin area's server functions, one per file. Each starts with
//! `require_admin()` (the forms' through [`crate::server::admin_form`]): 401
//! for an anonymous caller, 403 for a learner.

mod add_session;
mod archive_formation;
mod cancel_enrollment;
mod confirm_request;
mod create_formation;
mod delete_session;
mod enroll_user;
mod generate_sessions;
mod get_attendance;
mod get_dashboard;
mod get_formation;
mod get_session;
mod issue_certificate;
mod list_audit;
mod list_certificates;
mod list_deliveries;
mod list_enrollments;
mod list_formations;
mod list_requests;
mod list_sessions;
mod preview_series;
mod publish_formation;
mod reissue_certificate;
mod reject_request;
mod rename_user;
mod resend_reminder;
mod retry_zoom_sync;
mod revoke_certificate;
mod session_attendance;
mod set_attendance;
mod set_recording;
mod update_formation;
mod update_session;

pub use add_session::*;
pub use archive_formation::*;
pub use cancel_enrollment::*;
pub use confirm_request::*;
pub use create_formation::*;
pub use delete_session::*;
pub use enroll_user::*;
pub use generate_sessions::*;
pub use get_attendance::*;
pub use get_dashboard::*;
pub use get_formation::*;
pub use get_session::*;
pub use issue_certificate::*;
pub use list_audit::*;
pub use list_certificates::*;
pub use list_deliveries::*;
pub use list_enrollments::*;
pub use list_formations::*;
pub use list_requests::*;
pub use list_sessions::*;
pub use preview_series::*;
pub use publish_formation::*;
pub use reissue_certificate::*;
pub use reject_request::*;
pub use rename_user::*;
pub use resend_reminder::*;
pub use retry_zoom_sync::*;
pub use revoke_certificate::*;
pub use session_attendance::*;
pub use set_attendance::*;
pub use set_recording::*;
pub use update_formation::*;
pub use update_session::*;

/// A formation form (new or edit), once typed: its values checked, `save`
/// stores them as the admin, then [`crate::server::finish_form`]. A refused
/// form carries back in the URL what was typed (and the edit form's
/// `version`), never the meeting link, id or password: a URL is something
/// anyone can send an admin, so the forms never take those from it (a
/// crafted link must not pre-fill a phishing meeting link that a hurried
/// admin then saves).
#[cfg(feature = "ssr")]
async fn formation_form<T>(
    i: &crate::domain::admin::FormationInput,
    save: impl AsyncFnOnce(
        &crate::server::store::audit::Actor,
        &crate::domain::admin::FormationFields,
    ) -> Result<T, crate::error::AppError>,
    done: impl FnOnce(&T) -> String,
    flash: crate::domain::admin::Flash,
    form_path: &str,
    version: Option<&str>,
) -> Result<T, crate::error::AppError> {
    let mut keep = vec![
        ("name", i.name.as_str()),
        ("description", i.description.as_str()),
        ("level", i.level.as_str()),
        ("platform", i.platform.as_str()),
        ("instructor_name", i.instructor_name.as_str()),
        ("schedule_description", i.schedule_description.as_str()),
        ("timezone", i.timezone.as_str()),
        (
            "certificate_min_attendance",
            i.certificate_min_attendance.as_str(),
        ),
        ("zoom_min_presence", i.zoom_min_presence.as_str()),
        (
            "zoom_auto_meetings",
            if i.zoom_auto_meetings { "on" } else { "" },
        ),
        ("price", i.offer.price.as_str()),
        ("currency", i.offer.currency.as_str()),
        ("starts_on", i.offer.starts_on.as_str()),
        ("ends_on", i.offer.ends_on.as_str()),
        ("seats", i.offer.seats.as_str()),
        (
            "payment_instructions",
            i.offer.payment_instructions.as_str(),
        ),
    ];
    keep.extend(version.map(|v| ("version", v)));
    crate::server::admin_form(
        async |actor| save(actor, &i.check()?).await,
        done,
        Some(flash),
        form_path,
        &keep,
    )
    .await
}

/// A form of a session's page (edit, recording, delete): back to that page
/// with `keep` when refused, on to the formation's sessions when done.
#[cfg(feature = "ssr")]
async fn session_form(
    session_id: i64,
    run: impl AsyncFnOnce(&crate::server::store::audit::Actor) -> Result<i64, crate::error::AppError>,
    flash: crate::domain::admin::Flash,
    keep: &[(&str, &str)],
) -> Result<(), crate::error::AppError> {
    crate::server::admin_form(
        run,
        |formation_id| format!("/admin/formations/{formation_id}/seances"),
        Some(flash),
        &format!("/admin/seances/{session_id}"),
        keep,
    )
    .await
    .map(|_| ())
}

/// What a refused session form (add or edit) carries back: what was typed
/// but the meeting link (see [`formation_form`]).
#[cfg(feature = "ssr")]
fn session_keep<'a>(
    form: &'a str,
    title: &'a str,
    scheduled_at: &'a str,
    duration_minutes: &'a str,
    recording_link: &'a str,
) -> [(&'static str, &'a str); 5] {
    [
        ("form", form),
        ("title", title),
        ("scheduled_at", scheduled_at),
        ("duration_minutes", duration_minutes),
        ("recording_link", recording_link),
    ]
}

/// A session's fields as typed, checked, the local time read in the
/// formation's time zone and the meeting link against its platform; every
/// field refused at once.
#[cfg(feature = "ssr")]
fn session_fields(
    head: &crate::domain::admin::FormationHead,
    title: &str,
    scheduled_at: &str,
    duration_minutes: &str,
    meeting_link: &str,
    recording_link: &str,
) -> Result<crate::server::store::formations::SeanceFields, Vec<crate::error::ErrorCode>> {
    use crate::domain::admin::{
        check_duration, check_meeting_link, check_recording_link, check_title, Refusals,
    };
    use crate::domain::recurrence::parse_local_datetime;
    use crate::domain::schedule::local_to_utc;
    use crate::error::ErrorCode;

    let tz: crate::domain::zone::Tz = head.timezone.parse().unwrap_or(crate::domain::zone::PARIS);
    let mut r = Refusals::default();
    let title = r.take(check_title(title), String::new());
    let local = r.take(
        match scheduled_at.trim() {
            "" => Err(ErrorCode::ScheduledAtMissing),
            typed => parse_local_datetime(typed).ok_or(ErrorCode::ScheduledAt),
        },
        chrono::NaiveDateTime::MIN,
    );
    let duration_minutes = r.take(
        match duration_minutes.trim() {
            "" => Err(ErrorCode::DurationMissing),
            typed => check_duration(typed),
        },
        0,
    );
    let meeting_link = match meeting_link.trim() {
        "" => None,
        link => r.take(check_meeting_link(head.platform, link).map(Some), None),
    };
    let recording_link = r.take(check_recording_link(recording_link), None);
    r.finish(|| crate::server::store::formations::SeanceFields {
        title,
        scheduled_at: local_to_utc(tz, local.date(), local.time()),
        duration_minutes,
        meeting_link,
        recording_link,
    })
}
