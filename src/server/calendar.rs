//! Calendars over HTTP: each learner's subscription feed
//! (`/calendrier/{token}.ics`, no login: calendar apps cannot log in, the
//! token is the proof), the one-séance invitation (`.ics` download and
//! Google Calendar link) and the invitation attached to reminder mails.
//! RFC 5545 text comes from the `icalendar` crate. No meeting link, id or
//! password ever goes in: the events point to the séance's page.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use icalendar::{Alarm, Calendar, Component, EventLike, EventStatus, Trigger};

use crate::domain::calendar::{self, CalendarLinks, SeanceEvent};
use crate::domain::enrollment::seance_path;
use crate::domain::language::Lang;
use crate::error::AppError;
use crate::i18n::tr;
use crate::server::extract::Learner;
use crate::server::http::AppState;
use crate::server::store::users::UserSecret;

/// One séance's invitation.
pub struct Invitation {
    pub filename: String,
    pub ics: String,
    pub google_url: String,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendrier/{file}", get(feed))
        .route(
            "/user/formations/{enrollment_id}/seances/{file}",
            get(download),
        )
        .route(
            "/user/formations/{enrollment_id}/seances/{session_id}/google",
            get(google),
        )
}

/// The learner's feed links (the token made at the first ask).
pub async fn links(
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
) -> Result<CalendarLinks, AppError> {
    let token = state
        .db
        .user_secret(
            UserSecret::Calendar,
            user_id,
            &crate::server::auth::secret_token(),
        )
        .await?;
    let url = format!(
        "{}{}",
        state.settings.base_url(headers),
        calendar::feed_path(&token)
    );
    Ok(CalendarLinks::new(&url, &state.settings.org_name))
}

/// "Régénérer": the old feed URL stops working.
pub async fn regenerate(state: &AppState, user_id: i64) -> Result<(), AppError> {
    state
        .db
        .replace_user_secret(
            UserSecret::Calendar,
            user_id,
            &crate::server::auth::secret_token(),
        )
        .await
}

fn page_url(base: &str, e: &SeanceEvent) -> String {
    format!("{base}{}", seance_path(e.enrollment_id, e.session_id))
}

/// The VEVENT of one séance for one learner.
fn vevent(e: &SeanceEvent, lang: Lang, base: &str) -> icalendar::Event {
    let page = page_url(base, e);
    let summary = e.summary(lang);
    let mut event = icalendar::Event::new();
    event
        .uid(&e.uid(&calendar::host_of(base)))
        .timestamp(e.stamp)
        .starts(e.starts_at)
        .ends(e.ends_at())
        .summary(&summary)
        .description(&e.description(lang, &page))
        .url(&page)
        .sequence(u32::try_from(e.sequence).unwrap_or(0))
        .status(if e.cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    if !e.cancelled {
        // The crate stamps a component left without them with "now" and a
        // random UID: the alarm gets the event's, so a feed reads the same
        // at every fetch.
        let mut alarm = Alarm::display(&summary, Trigger::before_start(calendar::alarm_before()));
        alarm
            .uid(&format!("alarm-{}", e.uid(&calendar::host_of(base))))
            .timestamp(e.stamp);
        event.alarm(alarm.done());
    }
    event.done()
}

fn calendar_of(name: &str, events: impl IntoIterator<Item = icalendar::Event>) -> Calendar {
    let mut cal = Calendar::new();
    cal.name(name);
    cal.append_property(("METHOD", "PUBLISH"));
    for event in events {
        cal.push(event);
    }
    cal.done()
}

/// The feed's text for a token at `now`; `None` for an unknown token.
pub async fn feed_text(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, AppError> {
    let Some(feed) = state.db.calendar_feed(token, now).await? else {
        return Ok(None);
    };
    let lang = feed.language.unwrap_or_default();
    let base = state.settings.base_url(headers);
    let name = tr(
        lang,
        "calendar-name",
        &[("org", (&state.settings.org_name).into())],
    );
    let events = feed.events.iter().map(|e| vevent(e, lang, &base));
    Ok(Some(calendar_of(&name, events).to_string()))
}

/// One séance's invitation for a learner with a live enrollment holding it.
pub async fn invitation(
    state: &AppState,
    base_url: &str,
    user_id: i64,
    session_id: i64,
) -> Result<Option<Invitation>, AppError> {
    Ok(state
        .db
        .seance_event(user_id, session_id, state.clock.now())
        .await?
        .map(|(event, lang)| invitation_of(state, base_url, &event, lang)))
}

/// The invitation of an event already read.
fn invitation_of(
    state: &AppState,
    base_url: &str,
    event: &SeanceEvent,
    lang: Option<Lang>,
) -> Invitation {
    let lang = lang.unwrap_or_else(crate::i18n::current);
    let name = tr(
        lang,
        "calendar-name",
        &[("org", (&state.settings.org_name).into())],
    );
    let ics = calendar_of(&name, [vevent(event, lang, base_url)]).to_string();
    let page = page_url(base_url, event);
    Invitation {
        filename: format!("seance-{}.ics", event.session_id),
        ics,
        google_url: calendar::google_template(event, lang, &page),
    }
}

fn ics_response(body: String, filename: Option<&str>) -> Response {
    let mut resp = (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // Private data behind a secret URL: no shared cache keeps it.
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response();
    if let Some(name) = filename {
        if let Ok(value) = format!("attachment; filename=\"{name}\"").parse() {
            resp.headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
    }
    resp
}

/// `GET /calendrier/{token}.ics`.
async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    if token.is_empty() || token.len() > 128 {
        return Err(AppError::NotFound);
    }
    let text = feed_text(&state, &headers, token, state.clock.now())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ics_response(text, None))
}

fn id(text: &str) -> Result<i64, AppError> {
    text.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or(AppError::NotFound)
}

/// The invitation, checked against the enrollment of the URL: the caller's
/// own and the séance's, else 404. One read of the séance.
async fn own_invitation(
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
    enrollment_id: i64,
    session_id: i64,
) -> Result<Invitation, AppError> {
    match state
        .db
        .seance_event(user_id, session_id, state.clock.now())
        .await?
    {
        Some((event, lang)) if event.enrollment_id == enrollment_id => Ok(invitation_of(
            state,
            &state.settings.base_url(headers),
            &event,
            lang,
        )),
        _ => Err(AppError::NotFound),
    }
}

/// `GET /user/formations/{enrollment}/seances/{session}.ics`.
async fn download(
    State(state): State<AppState>,
    Learner(user): Learner,
    headers: HeaderMap,
    Path((enrollment_id, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let session = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let invitation =
        own_invitation(&state, &headers, user.id, id(&enrollment_id)?, id(session)?).await?;
    Ok(ics_response(invitation.ics, Some(&invitation.filename)))
}

/// `GET /user/formations/{enrollment}/seances/{session}/google`: on to
/// Google Calendar's page for this séance (built here, where the absolute
/// URLs are known; a plain link, so it works without JavaScript).
async fn google(
    State(state): State<AppState>,
    Learner(user): Learner,
    headers: HeaderMap,
    Path((enrollment_id, session_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let invitation = own_invitation(
        &state,
        &headers,
        user.id,
        id(&enrollment_id)?,
        id(&session_id)?,
    )
    .await?;
    Ok(Redirect::to(&invitation.google_url).into_response())
}
