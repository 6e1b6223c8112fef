//! The JSON REST API of the spec, for API clients (the mobile app, scripts).
//! Paths and field names are the spec's; every error is `{"detail": "..."}`
//! with its status, and no HTML ever comes out of `/api/`.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{OpenApi, ToSchema};

use crate::domain::certificate::{self, CertificateState, Verification};
use crate::domain::enrollment::{AttendOutcome, EnrollmentView, NextSeance, SeanceView, Stats};
use crate::domain::status::EnrollmentStatus;
use crate::error::{AppError, ErrorCode};
use crate::server::accounts;
use crate::server::auth::{self, Caller};
use crate::server::extract::Learner;
use crate::server::http::AppState;
use crate::server::learner;
use crate::server::store::users::TokenKind;

pub fn router() -> Router<AppState> {
    // Both `/path/` (the spec's) and `/path` answer.
    let both =
        |router: Router<AppState>, path: &str, route: axum::routing::MethodRouter<AppState>| {
            router
                .route(path, route.clone())
                .route(path.trim_end_matches('/'), route)
        };
    let mut r = Router::new();
    r = both(r, "/api/auth/login/", post(login));
    r = both(r, "/api/auth/logout/", post(logout));
    r = both(r, "/api/auth/password/reset/", post(password_reset));
    r = both(
        r,
        "/api/auth/password/reset/confirm/",
        post(password_reset_confirm),
    );
    r = both(r, "/api/auth/user/formations/", get(list_formations));
    r = both(
        r,
        "/api/auth/user/formations/next-sessions/",
        get(list_next_sessions),
    );
    r = both(
        r,
        "/api/auth/user/formations/{enrollment_id}/sessions/",
        get(list_sessions),
    );
    r = both(
        r,
        "/api/auth/user/sessions/{session_id}/attend/",
        post(attend),
    );
    r = r.route(
        "/api/auth/user/formations/{enrollment_id}/certificate.pdf",
        get(certificate_pdf),
    );
    r = both(r, "/api/certificates/{code}/", get(verify_certificate));
    r = both(r, "/api/auth/user/calendar/", get(calendar_url));
    {
        use crate::server::notifications as n;
        r = both(r, "/api/auth/user/notifications/", get(n::list));
        r = both(
            r,
            "/api/auth/user/notifications/read-all/",
            post(n::mark_all_read),
        );
        r = both(
            r,
            "/api/auth/user/notifications/{id}/read/",
            post(n::mark_read),
        );
        r = r.route("/api/auth/user/notifications/stream", get(n::stream));
        r = both(r, "/api/push/vapid-public-key/", get(n::vapid_public_key));
        r = both(
            r,
            "/api/auth/user/push-subscriptions/",
            post(n::subscribe).delete(n::unsubscribe),
        );
    }
    r.route("/api/openapi.json", get(openapi))
        .route("/api/{*rest}", axum::routing::any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(client_language))
}

/// REST answers speak the client's `Accept-Language` (French when it names
/// no language the platform speaks); their `code` is the same in every one.
async fn client_language(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let lang = req
        .headers()
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(crate::i18n::Lang::from_accept_language)
        .unwrap_or_default();
    crate::i18n::context::scope(lang, next.run(req)).await
}

/// Parses a JSON body ourselves so a malformed one is a 400 with a message,
/// not axum's plain-text rejection.
pub fn json_body<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, AppError> {
    serde_json::from_slice(body).map_err(|err| {
        AppError::BadRequest(ErrorCode::Malformed {
            detail: format!("JSON: {err}"),
        })
    })
}

/// Ids in paths: anything that is not a positive integer names nothing.
pub(crate) fn id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

/// One query-string value (the last if repeated); parsed by hand so that no
/// query string can produce axum's plain-text rejection.
pub(crate) fn query_param(query: Option<&str>, key: &str) -> Option<String> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .last()
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// A message for a person.
    detail: String,
    /// The error's stable key, for programs (the words of `detail` may change).
    code: String,
    /// The input field the message is about, if any.
    #[schema(nullable = false)]
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct LoginBody {
    email: String,
    password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenBody {
    /// Send it as `Authorization: Bearer <token>`.
    token: String,
}

#[derive(Serialize, ToSchema)]
pub struct DetailBody {
    detail: String,
}

/// One enrollment, in the spec's shape. `id` is the enrollment id.
#[derive(Serialize, ToSchema)]
pub struct FormationItem {
    id: i64,
    formation_id: i64,
    name: String,
    description: String,
    #[schema(example = "beginner")]
    level: String,
    #[schema(example = "google_meet")]
    platform: String,
    /// Only while the enrollment is active; null otherwise.
    meeting_link: Option<String>,
    meeting_id: Option<String>,
    meeting_password: Option<String>,
    instructor: String,
    schedule: String,
    timezone: String,
    #[schema(example = "2024-01-15")]
    start_date: String,
    #[schema(example = "2024-02-15")]
    end_date: String,
    #[schema(example = "active")]
    status: String,
    /// The next session not yet ended, UTC; null when none or when the
    /// enrollment is completed or cancelled.
    #[schema(example = "2024-01-22T19:00:00Z")]
    next_session: Option<String>,
    total_sessions: i64,
    attended_sessions: i64,
    /// attended ÷ total_sessions, in percent (the spec's definition).
    attendance_rate: f64,
    /// Sessions of the formation held so far (started).
    past_sessions: i64,
    /// attended ÷ past_sessions, in percent: attendance to date.
    attendance_rate_to_date: f64,
    days_until_end: i64,
    /// The absolute URL of the completion certificate's PDF (bearer or
    /// cookie); null when there is none (not finished, below the minimum
    /// attendance, or revoked).
    #[schema(
        example = "https://formations.example.org/api/auth/user/formations/12/certificate.pdf"
    )]
    completion_certificate: Option<String>,
    /// The certificate's public code, to verify at `/api/certificates/{code}/`.
    #[schema(example = "FMT-7K3M-9QXA-2B4C-D5E6")]
    certificate_code: Option<String>,
}

impl FormationItem {
    /// The spec's item of an enrollment; `base` starts the certificate's
    /// absolute URL.
    fn of(v: &EnrollmentView, base: &str) -> Self {
        let code = v.certificate.code().map(str::to_string);
        FormationItem {
            completion_certificate: code
                .as_ref()
                .map(|_| format!("{base}{}", certificate::pdf_path(v.id))),
            certificate_code: code,
            id: v.id,
            formation_id: v.formation_id,
            name: v.info.name.clone(),
            description: v.info.description.clone(),
            level: v.info.level.as_str().into(),
            platform: v.info.platform.as_str().into(),
            meeting_link: v.meeting.as_ref().map(|m| m.link.clone()),
            meeting_id: v.meeting.as_ref().and_then(|m| m.id.clone()),
            meeting_password: v.meeting.as_ref().and_then(|m| m.password.clone()),
            instructor: v.info.instructor_name.clone(),
            schedule: v.info.schedule_description.clone(),
            timezone: v.timezone.clone(),
            start_date: v.start_date.to_string(),
            end_date: v.end_date.to_string(),
            status: v.status.as_str().into(),
            next_session: v.next_session.as_ref().map(|s| utc(s.scheduled_date)),
            total_sessions: v.total_sessions,
            attended_sessions: v.attended_sessions,
            attendance_rate: v.attendance_rate,
            past_sessions: v.held_sessions,
            attendance_rate_to_date: v.attendance_rate_to_date,
            days_until_end: v.days_until_end,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct StatsBody {
    total: i64,
    active: i64,
    completed: i64,
    upcoming: i64,
    cancelled: i64,
}

impl From<Stats> for StatsBody {
    fn from(s: Stats) -> Self {
        StatsBody {
            total: s.total,
            active: s.active,
            completed: s.completed,
            upcoming: s.upcoming,
            cancelled: s.cancelled,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct FormationsBody {
    formations: Vec<FormationItem>,
    /// Counts over all the caller's enrollments, whatever the filter.
    stats: StatsBody,
}

#[derive(Serialize, ToSchema)]
pub struct SeanceItem {
    id: i64,
    session_number: i64,
    title: String,
    #[schema(example = "2024-01-22T18:00:00Z")]
    scheduled_date: String,
    duration_minutes: i64,
    /// Only while the enrollment is active: the séance's own meeting when
    /// it has one (a Zoom meeting made by the platform), else the
    /// formation's.
    meeting_link: Option<String>,
    /// The number of the meeting `meeting_link` opens; only while active.
    meeting_id: Option<String>,
    /// Its passcode; only while active.
    meeting_password: Option<String>,
    /// While the enrollment is active or completed.
    recording_link: Option<String>,
    user_attended: bool,
    can_mark_attendance: bool,
    /// upcoming, live or past
    #[schema(example = "upcoming")]
    phase: String,
}

impl From<&SeanceView> for SeanceItem {
    fn from(s: &SeanceView) -> Self {
        SeanceItem {
            id: s.id,
            session_number: s.session_number,
            title: s.title.clone(),
            scheduled_date: utc(s.scheduled_date),
            duration_minutes: s.duration_minutes,
            meeting_link: s.meeting_link.clone(),
            meeting_id: s.meeting_id.clone(),
            meeting_password: s.meeting_password.clone(),
            recording_link: s.recording_link.clone(),
            user_attended: s.user_attended,
            can_mark_attendance: s.can_mark_attendance,
            phase: match s.phase {
                crate::domain::enrollment::SeancePhase::Upcoming => "upcoming",
                crate::domain::enrollment::SeancePhase::Live => "live",
                crate::domain::enrollment::SeancePhase::Past => "past",
            }
            .into(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SeancesBody {
    sessions: Vec<SeanceItem>,
}

#[derive(Serialize, ToSchema)]
pub struct NextSeanceItem {
    enrollment_id: i64,
    formation_id: i64,
    formation_name: String,
    platform: String,
    #[serde(flatten)]
    session: SeanceItem,
}

impl From<&NextSeance> for NextSeanceItem {
    fn from(n: &NextSeance) -> Self {
        NextSeanceItem {
            enrollment_id: n.enrollment_id,
            formation_id: n.formation_id,
            formation_name: n.formation_name.clone(),
            platform: n.platform.as_str().into(),
            session: (&n.session).into(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NextSeancesBody {
    sessions: Vec<NextSeanceItem>,
}

#[derive(Serialize, ToSchema)]
pub struct AttendBody {
    session_id: i64,
    attended: bool,
    attended_sessions: i64,
    total_sessions: i64,
    attendance_rate: f64,
}

impl From<AttendOutcome> for AttendBody {
    fn from(o: AttendOutcome) -> Self {
        AttendBody {
            session_id: o.session_id,
            attended: o.attended,
            attended_sessions: o.attended_sessions,
            total_sessions: o.total_sessions,
            attendance_rate: o.attendance_rate,
        }
    }
}

#[utoipa::path(
    post, path = "/api/auth/login/", tag = "auth",
    request_body = LoginBody,
    responses(
        (status = 200, description = "Logged in; also sets the page session cookie", body = TokenBody),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Wrong e-mail or password", body = ErrorBody),
        (status = 429, description = "Too many failed logins for this address or from this client; see Retry-After", body = ErrorBody),
        (status = 503, description = "The server is busy hashing passwords; see Retry-After", body = ErrorBody),
        (status = 403, description = "Right password, but the address is not confirmed yet (follow the link sent at sign-up)", body = ErrorBody),
    )
)]
async fn login(
    State(state): State<AppState>,
    request: axum::http::request::Parts,
    body: Bytes,
) -> Result<Response, AppError> {
    let body: LoginBody = json_body(&body)?;
    let client = auth::client_ip(&state, &request.extensions, &request.headers);
    let (user, token) = auth::login(
        &state,
        client,
        &body.email,
        &body.password,
        TokenKind::Bearer,
    )
    .await?;
    // The same login also signs the caller in on the pages; logging the
    // token out ends that cookie session too.
    let cookie_token = auth::open_linked_session(
        &state.db,
        user.id,
        TokenKind::Cookie,
        Some(&auth::token_hash(&token)),
    )
    .await?;
    accounts::record_device(&state.db, &token, &request.headers).await?;
    accounts::record_device(&state.db, &cookie_token, &request.headers).await?;
    let mut response = Json(TokenBody { token }).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        auth::session_cookie(&state.settings, &cookie_token),
    );
    Ok(response)
}

#[utoipa::path(
    post, path = "/api/auth/logout/", tag = "auth",
    responses(
        (status = 200, description = "The token (or cookie session) is revoked, with the cookie session its login opened", body = DetailBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn logout(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, AppError> {
    Learner::of(&caller)?;
    let hash = caller.token_hash.ok_or(AppError::Unauthorized)?;
    state.db.delete_auth_session_and_linked(&hash).await?;
    let mut response = Json(DetailBody {
        detail: crate::i18n::tr(crate::i18n::current(), "rest-logged-out", &[]),
    })
    .into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, auth::clearing_cookie(&state.settings));
    Ok(response)
}

#[derive(Deserialize, ToSchema)]
pub struct ResetRequestBody {
    email: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ResetConfirmBody {
    /// The token of the link `/reinitialiser/{token}` received by mail.
    token: String,
    /// The new password, 8 to 128 characters.
    password: String,
}

#[utoipa::path(
    post, path = "/api/auth/password/reset/", tag = "auth",
    request_body = ResetRequestBody,
    responses(
        (status = 202, description = "Accepted, whatever the address: a known one receives a single-use link valid 30 minutes", body = DetailBody),
        (status = 400, description = "Malformed body", body = ErrorBody),
    )
)]
async fn password_reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let body: ResetRequestBody = json_body(&body)?;
    accounts::request_reset(&state, &state.settings.base_url(&headers), &body.email).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(DetailBody {
            detail: crate::i18n::tr(crate::i18n::current(), "rest-reset-sent", &[]),
        }),
    )
        .into_response())
}

#[utoipa::path(
    post, path = "/api/auth/password/reset/confirm/", tag = "auth",
    request_body = ResetConfirmBody,
    responses(
        (status = 200, description = "The password is set; every session and token of the user is revoked", body = DetailBody),
        (status = 400, description = "Malformed body, or a link already used, expired or unknown", body = ErrorBody),
        (status = 422, description = "The new password is too short or too long", body = ErrorBody),
    )
)]
async fn password_reset_confirm(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<DetailBody>, AppError> {
    let body: ResetConfirmBody = json_body(&body)?;
    accounts::reset_password(&state.db, &body.token, &body.password).await?;
    Ok(Json(DetailBody {
        detail: crate::i18n::tr(crate::i18n::current(), "rest-password-changed", &[]),
    }))
}

#[utoipa::path(
    get, path = "/api/auth/user/formations/", tag = "formations",
    params(("status" = Option<String>, Query, description = "active, upcoming, completed or cancelled")),
    responses(
        (status = 200, description = "The caller's enrollments and their stats", body = FormationsBody),
        (status = 400, description = "Unknown status value", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn list_formations(
    State(state): State<AppState>,
    Learner(user): Learner,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<FormationsBody>, AppError> {
    let wanted = query_param(query.as_deref(), "status")
        .filter(|s| !s.is_empty())
        .map(|s| EnrollmentStatus::parse(&s).map_err(AppError::BadRequest))
        .transpose()?;
    let (views, stats) = learner::overview(&state.db, user.id, state.clock.now()).await?;
    let base = state.settings.base_url(&headers);
    Ok(Json(FormationsBody {
        formations: views
            .iter()
            .filter(|v| wanted.is_none_or(|w| v.status == w))
            .map(|v| FormationItem::of(v, &base))
            .collect(),
        stats: stats.into(),
    }))
}

#[utoipa::path(
    get, path = "/api/auth/user/formations/{enrollment_id}/sessions/", tag = "formations",
    params(("enrollment_id" = i64, Path, description = "The enrollment id (the `id` of the formations list)")),
    responses(
        (status = 200, description = "The sessions of the enrollment, by number", body = SeancesBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such enrollment of the caller", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn list_sessions(
    State(state): State<AppState>,
    Learner(user): Learner,
    Path(enrollment_id): Path<String>,
) -> Result<Json<SeancesBody>, AppError> {
    let (_, sessions) =
        learner::enrollment_sessions(&state.db, user.id, id(&enrollment_id)?, state.clock.now())
            .await?;
    Ok(Json(SeancesBody {
        sessions: sessions.iter().map(SeanceItem::from).collect(),
    }))
}

#[utoipa::path(
    get, path = "/api/auth/user/formations/next-sessions/", tag = "formations",
    params(("limit" = Option<i64>, Query, minimum = 1, maximum = 100, description = "How many (default 10)")),
    responses(
        (status = 200, description = "Sessions not yet ended of active and upcoming enrollments, soonest first", body = NextSeancesBody),
        (status = 400, description = "Bad limit", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn list_next_sessions(
    State(state): State<AppState>,
    Learner(user): Learner,
    RawQuery(query): RawQuery,
) -> Result<Json<NextSeancesBody>, AppError> {
    let limit = match query_param(query.as_deref(), "limit").filter(|l| !l.is_empty()) {
        None => 10,
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=100).contains(l))
            .ok_or(AppError::BadRequest(ErrorCode::PageLimit { max: 100 }))?,
    };
    let list = learner::upcoming_sessions(&state.db, user.id, state.clock.now(), limit).await?;
    Ok(Json(NextSeancesBody {
        sessions: list.iter().map(NextSeanceItem::from).collect(),
    }))
}

#[utoipa::path(
    post, path = "/api/auth/user/sessions/{session_id}/attend/", tag = "formations",
    params(("session_id" = i64, Path, description = "The session id")),
    responses(
        (status = 200, description = "Present (a repeat changes nothing)", body = AttendBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such session, or the caller is not enrolled in its formation", body = ErrorBody),
        (status = 409, description = "The enrollment is not active or the time is outside the window", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn attend(
    State(state): State<AppState>,
    Learner(user): Learner,
    Path(session_id): Path<String>,
) -> Result<Json<AttendBody>, AppError> {
    let outcome = learner::attend(&state.db, user.id, id(&session_id)?, state.clock.now()).await?;
    Ok(Json(outcome.into()))
}

#[utoipa::path(
    get, path = "/api/auth/user/formations/{enrollment_id}/certificate.pdf", tag = "certificates",
    params(("enrollment_id" = i64, Path, description = "The enrollment id (the `id` of the formations list)")),
    responses(
        (status = 200, description = "The completion certificate, A4 landscape, in the learner's language", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such enrollment of the caller, or no valid certificate for it", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn certificate_pdf(
    State(state): State<AppState>,
    Learner(user): Learner,
    headers: HeaderMap,
    Path(enrollment_id): Path<String>,
) -> Result<Response, AppError> {
    let (filename, pdf) = crate::server::certificates::learner_pdf(
        &state,
        &headers,
        user.id,
        id(&enrollment_id)?,
        state.clock.now(),
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// The public verification of a certificate: what anyone holding the code
/// may read, and nothing else.
#[derive(Serialize, ToSchema)]
pub struct VerificationBody {
    #[schema(example = "FMT-7K3M-9QXA-2B4C-D5E6")]
    code: String,
    /// valid, revoked or replaced
    #[schema(example = "valid")]
    state: String,
    learner_name: String,
    formation_name: String,
    #[schema(example = "advanced")]
    level: String,
    #[schema(example = "2024-01-15")]
    start_date: String,
    #[schema(example = "2024-02-15")]
    end_date: String,
    #[schema(example = "2024-02-16")]
    issued_on: String,
    /// When revoked, UTC; null otherwise.
    revoked_at: Option<String>,
    revoked_reason: Option<String>,
    /// When replaced, the code of the current certificate; null otherwise.
    replaced_by: Option<String>,
}

impl From<Verification> for VerificationBody {
    fn from(v: Verification) -> Self {
        let (revoked_at, revoked_reason, replaced_by) = match &v.state {
            CertificateState::Valid => (None, None, None),
            CertificateState::Revoked { at, reason } => {
                (Some(utc(*at)), Some(reason.clone()), None)
            }
            CertificateState::Replaced { by } => (None, None, Some(by.clone())),
        };
        VerificationBody {
            code: v.code,
            state: v.state.as_str().into(),
            learner_name: v.learner_name,
            formation_name: v.formation_name,
            level: v.level.as_str().into(),
            start_date: v.start_date.to_string(),
            end_date: v.end_date.to_string(),
            issued_on: v.issued_on.to_string(),
            revoked_at,
            revoked_reason,
            replaced_by,
        }
    }
}

#[utoipa::path(
    get, path = "/api/certificates/{code}/", tag = "certificates",
    params(("code" = String, Path, description = "The certificate's code, e.g. FMT-7K3M-9QXA-2B4C-D5E6 (any case, dashes optional)")),
    responses(
        (status = 200, description = "The certificate: valid, revoked or replaced; no login needed", body = VerificationBody),
        (status = 404, description = "No certificate has this code (or it is not a code)", body = ErrorBody),
    )
)]
async fn verify_certificate(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<VerificationBody>, AppError> {
    let v = crate::server::certificates::verify(&state, &code).await?;
    Ok(Json(v.into()))
}

#[derive(Serialize, ToSchema)]
struct CalendarBody {
    /// The learner's subscription feed (iCalendar, no login needed: the
    /// URL is the secret). Never carries meeting links.
    url: String,
}

#[utoipa::path(
    get, path = "/api/auth/user/calendar/", tag = "calendar",
    responses(
        (status = 200, description = "The absolute URL of the caller's calendar feed (made at the first ask)", body = CalendarBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn calendar_url(
    State(state): State<AppState>,
    Learner(user): Learner,
    headers: HeaderMap,
) -> Result<Json<CalendarBody>, AppError> {
    let links = crate::server::calendar::links(&state, &headers, user.id).await?;
    Ok(Json(CalendarBody { url: links.url }))
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Formations API", version = "1.0.0", description = "The learner's formations, sessions and attendance. Errors are {\"detail\": \"...\"}."),
    paths(login, logout, password_reset, password_reset_confirm, list_formations, list_sessions, list_next_sessions, attend, certificate_pdf, verify_certificate, calendar_url,
        crate::server::notifications::list, crate::server::notifications::mark_read, crate::server::notifications::mark_all_read,
        crate::server::notifications::stream, crate::server::notifications::vapid_public_key,
        crate::server::notifications::subscribe, crate::server::notifications::unsubscribe),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
