//! A Zoom on loopback that speaks the documented API the platform uses:
//! `POST /oauth/token?grant_type=account_credentials&account_id=…` with
//! HTTP Basic client credentials, and under `/v2` the meetings
//! (`POST /users/{userId}/meetings`, `PATCH`/`DELETE /meetings/{id}`,
//! `GET /meetings/{id}/recordings`) with a bearer token. Each request is
//! checked (path, method, token, body) and recorded; what it found wrong
//! is kept in `violations`, which the tests assert empty. Outages, 429s
//! with `Retry-After` and revoked tokens are switched on by the test.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde_json::{json, Value};

pub const ACCOUNT: &str = "acc-LOOPBACK";
pub const CLIENT_ID: &str = "client-loopback";
pub const CLIENT_SECRET: &str = "client-secret-never-shown";
pub const HOST: &str = "host@example.com";

/// A meeting as the fake Zoom keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub topic: String,
    pub start_time: String,
    pub duration: i64,
    pub timezone: String,
    pub settings: Value,
}

/// One request the fake received (the meetings API; token requests are
/// counted apart).
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub body: Value,
}

#[derive(Default)]
pub struct Inner {
    pub tokens_issued: Vec<String>,
    pub valid_tokens: Vec<String>,
    pub expires_in: i64,
    pub meetings: BTreeMap<u64, Meeting>,
    pub recordings: BTreeMap<u64, (String, String)>,
    pub calls: Vec<Call>,
    pub violations: Vec<String>,
    /// While true every meetings call answers 503.
    pub down: bool,
    /// Answers given instead of the real one, first in first out:
    /// (status, Retry-After, Zoom error body).
    pub scripted: VecDeque<(u16, Option<String>, Value)>,
    next_id: u64,
}

#[derive(Clone)]
pub struct FakeZoom {
    pub base: String,
    pub inner: Arc<Mutex<Inner>>,
}

impl FakeZoom {
    pub async fn start() -> FakeZoom {
        let inner = Arc::new(Mutex::new(Inner {
            expires_in: 3599,
            next_id: 85_746_065_400,
            ..Inner::default()
        }));
        let router = Router::new()
            .route("/oauth/token", post(token))
            .route("/v2/users/{user}/meetings", post(create))
            .route("/v2/meetings/{id}", patch(update).delete(delete))
            .route("/v2/meetings/{id}/recordings", get(recordings))
            .fallback(unknown)
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        FakeZoom { base, inner }
    }

    /// The platform's configuration for this Zoom.
    pub fn config(&self) -> formations::server::config::ZoomApiConfig {
        formations::server::config::ZoomApiConfig {
            account_id: ACCOUNT.into(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            host_user: HOST.into(),
            oauth_url: self.base.clone(),
            api_url: format!("{}/v2", self.base),
        }
    }

    pub fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap()
    }

    /// The meetings calls so far, as "METHOD path status".
    pub fn calls(&self) -> Vec<String> {
        self.lock()
            .calls
            .iter()
            .map(|c| format!("{} {} {}", c.method, c.path, c.status))
            .collect()
    }

    pub fn tokens(&self) -> usize {
        self.lock().tokens_issued.len()
    }

    pub fn meetings(&self) -> BTreeMap<u64, Meeting> {
        self.lock().meetings.clone()
    }

    /// Every token issued so far stops working (as when Zoom rotates them).
    pub fn revoke_tokens(&self) {
        self.lock().valid_tokens.clear();
    }

    pub fn script(&self, status: u16, retry_after: Option<&str>, body: Value) {
        self.lock()
            .scripted
            .push_back((status, retry_after.map(str::to_string), body));
    }

    pub fn set_down(&self, down: bool) {
        self.lock().down = down;
    }

    pub fn add_recording(&self, meeting: u64, share_url: &str, passcode: &str) {
        self.lock()
            .recordings
            .insert(meeting, (share_url.into(), passcode.into()));
    }

    pub fn assert_no_violation(&self) {
        let violations = self.lock().violations.clone();
        assert!(violations.is_empty(), "the fake Zoom saw: {violations:#?}");
    }
}

fn zoom_error(status: StatusCode, code: i64, message: &str) -> Response {
    (
        status,
        rate_headers(),
        Json(json!({ "code": code, "message": message })),
    )
        .into_response()
}

/// The headers Zoom puts on every API answer.
fn rate_headers() -> [(&'static str, &'static str); 2] {
    [
        ("X-RateLimit-Category", "Light"),
        ("X-RateLimit-Type", "QPS"),
    ]
}

async fn token(
    State(inner): State<Arc<Mutex<Inner>>>,
    Query(query): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    use base64::Engine;
    let mut z = inner.lock().unwrap();
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if query.get("grant_type").map(String::as_str) != Some("account_credentials")
        || query.get("account_id").map(String::as_str) != Some(ACCOUNT)
    {
        z.violations
            .push(format!("token request with query {query:?}"));
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "reason": "Invalid request", "error": "invalid_request" })),
        )
            .into_response();
    }
    if auth != expected {
        z.violations
            .push("token request without the client's Basic credentials".into());
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "reason": "Invalid client_id or client_secret", "error": "invalid_client" })),
        )
            .into_response();
    }
    if !body.is_empty() && body.as_ref() != b"grant_type=account_credentials" {
        z.violations.push("unexpected token request body".into());
    }
    let value = format!("tok-{}", uuid::Uuid::new_v4().simple());
    z.tokens_issued.push(value.clone());
    z.valid_tokens.push(value.clone());
    Json(json!({
        "access_token": value,
        "token_type": "bearer",
        "expires_in": z.expires_in,
        "scope": "meeting:write:admin meeting:read:admin cloud_recording:read:admin",
        "api_url": "https://api.zoom.us",
    }))
    .into_response()
}

/// The checks every meetings call passes first; `Err` is the answer.
// Boxing the answer would only move it to the heap for its one caller.
#[allow(clippy::result_large_err)]
fn admit(
    z: &mut Inner,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    body: &Value,
) -> Result<(), Response> {
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_string();
    let answer = |z: &mut Inner, status: u16| {
        z.calls.push(Call {
            method: method.to_string(),
            path: path.to_string(),
            status,
            body: body.clone(),
        });
    };
    if !z.valid_tokens.contains(&bearer) {
        answer(z, 401);
        return Err(zoom_error(
            StatusCode::UNAUTHORIZED,
            124,
            "Invalid access token.",
        ));
    }
    if z.down {
        answer(z, 503);
        return Err((StatusCode::SERVICE_UNAVAILABLE, "upstream unavailable").into_response());
    }
    if let Some((status, retry_after, error)) = z.scripted.pop_front() {
        answer(z, status);
        let mut response = (
            StatusCode::from_u16(status).unwrap(),
            rate_headers(),
            Json(error),
        )
            .into_response();
        if let Some(after) = retry_after {
            response
                .headers_mut()
                .insert("retry-after", after.parse().unwrap());
        }
        return Err(response);
    }
    Ok(())
}

fn record(z: &mut Inner, method: &str, path: &str, status: u16, body: &Value) {
    z.calls.push(Call {
        method: method.into(),
        path: path.into(),
        status,
        body: body.clone(),
    });
}

/// What Zoom requires of a scheduled meeting's fields.
fn check_fields(z: &mut Inner, body: &Value, all: bool) -> bool {
    let mut ok = true;
    let mut fail = |z: &mut Inner, what: String| {
        z.violations.push(what);
        ok = false;
    };
    let fields = body.as_object().cloned().unwrap_or_default();
    for key in fields.keys() {
        if ![
            "topic",
            "type",
            "start_time",
            "duration",
            "timezone",
            "settings",
            "agenda",
        ]
        .contains(&key.as_str())
        {
            fail(z, format!("unknown meeting field {key}"));
        }
    }
    match body.get("topic").and_then(Value::as_str) {
        Some(t) if !t.is_empty() && t.chars().count() <= 200 => {}
        None if !all => {}
        other => fail(z, format!("bad topic {other:?}")),
    }
    match body.get("start_time").and_then(Value::as_str) {
        Some(t) if chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").is_ok() => {}
        None if !all => {}
        other => fail(z, format!("bad start_time {other:?}")),
    }
    match body.get("duration").and_then(Value::as_i64) {
        Some(d) if d > 0 => {}
        None if !all => {}
        other => fail(z, format!("bad duration {other:?}")),
    }
    match body.get("timezone").and_then(Value::as_str) {
        Some(tz) if tz.parse::<chrono_tz::Tz>().is_ok() => {}
        None if !all => {}
        other => fail(z, format!("bad timezone {other:?}")),
    }
    if all {
        if body.get("type").and_then(Value::as_i64) != Some(2) {
            fail(
                z,
                format!("a scheduled meeting is type 2, not {:?}", body.get("type")),
            );
        }
        if body.pointer("/settings/meeting_authentication") != Some(&Value::Bool(true)) {
            fail(z, "participants must be authenticated".into());
        }
    }
    ok
}

async fn create(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(user): Path<String>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut z = inner.lock().unwrap();
    let path = format!("/users/{user}/meetings");
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/json") {
        z.violations
            .push("create without a JSON content type".into());
    }
    if let Err(answer) = admit(&mut z, &method, &path, &headers, &json) {
        return answer;
    }
    if user != HOST {
        record(&mut z, "POST", &path, 404, &json);
        return zoom_error(StatusCode::NOT_FOUND, 1001, "User does not exist.");
    }
    if !check_fields(&mut z, &json, true) {
        record(&mut z, "POST", &path, 400, &json);
        return zoom_error(StatusCode::BAD_REQUEST, 300, "Invalid meeting fields.");
    }
    z.next_id += 1;
    let id = z.next_id;
    z.meetings.insert(
        id,
        Meeting {
            topic: json["topic"].as_str().unwrap().into(),
            start_time: json["start_time"].as_str().unwrap().into(),
            duration: json["duration"].as_i64().unwrap(),
            timezone: json["timezone"].as_str().unwrap().into(),
            settings: json["settings"].clone(),
        },
    );
    record(&mut z, "POST", &path, 201, &json);
    (
        StatusCode::CREATED,
        rate_headers(),
        Json(json!({
            "id": id,
            "uuid": format!("uuid-{id}=="),
            "host_id": "host-1",
            "host_email": HOST,
            "topic": json["topic"],
            "type": 2,
            "status": "waiting",
            "start_time": "2026-01-01T00:00:00Z",
            "duration": json["duration"],
            "timezone": json["timezone"],
            "created_at": "2026-01-01T00:00:00Z",
            "start_url": format!("https://us05web.zoom.us/s/{id}?zak=HOST-ONLY-SECRET-{id}"),
            "join_url": format!("https://us05web.zoom.us/j/{id}?pwd=JoinPwd{id}"),
            "password": format!("pw{}", id % 100_000),
            "h323_password": "123456",
            "pstn_password": "123456",
            "encrypted_password": format!("JoinPwd{id}"),
            "settings": json["settings"],
            "pre_schedule": false,
        })),
    )
        .into_response()
}

async fn update(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(id): Path<String>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut z = inner.lock().unwrap();
    let path = format!("/meetings/{id}");
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if let Err(answer) = admit(&mut z, &method, &path, &headers, &json) {
        return answer;
    }
    if !check_fields(&mut z, &json, false) {
        record(&mut z, "PATCH", &path, 400, &json);
        return zoom_error(StatusCode::BAD_REQUEST, 300, "Invalid meeting fields.");
    }
    let Some(meeting) = id
        .parse()
        .ok()
        .and_then(|id: u64| z.meetings.get(&id).cloned())
    else {
        record(&mut z, "PATCH", &path, 404, &json);
        return zoom_error(
            StatusCode::NOT_FOUND,
            3001,
            &format!("Meeting does not exist: {id}."),
        );
    };
    let mut meeting = meeting;
    if let Some(t) = json["topic"].as_str() {
        meeting.topic = t.into();
    }
    if let Some(t) = json["start_time"].as_str() {
        meeting.start_time = t.into();
    }
    if let Some(d) = json["duration"].as_i64() {
        meeting.duration = d;
    }
    if let Some(t) = json["timezone"].as_str() {
        meeting.timezone = t.into();
    }
    z.meetings.insert(id.parse().unwrap(), meeting);
    record(&mut z, "PATCH", &path, 204, &json);
    (StatusCode::NO_CONTENT, rate_headers()).into_response()
}

async fn delete(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(id): Path<String>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let mut z = inner.lock().unwrap();
    let path = format!("/meetings/{id}");
    if let Err(answer) = admit(&mut z, &method, &path, &headers, &Value::Null) {
        return answer;
    }
    let gone = id
        .parse()
        .ok()
        .and_then(|id: u64| z.meetings.remove(&id))
        .is_some();
    let status = if gone { 204 } else { 404 };
    record(&mut z, "DELETE", &path, status, &Value::Null);
    if gone {
        (StatusCode::NO_CONTENT, rate_headers()).into_response()
    } else {
        zoom_error(
            StatusCode::NOT_FOUND,
            3001,
            &format!("Meeting does not exist: {id}."),
        )
    }
}

async fn recordings(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(id): Path<String>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let mut z = inner.lock().unwrap();
    let path = format!("/meetings/{id}/recordings");
    if let Err(answer) = admit(&mut z, &method, &path, &headers, &Value::Null) {
        return answer;
    }
    let found = id
        .parse()
        .ok()
        .and_then(|id: u64| z.recordings.get(&id).cloned());
    let Some((share_url, passcode)) = found else {
        record(&mut z, "GET", &path, 404, &Value::Null);
        return zoom_error(
            StatusCode::NOT_FOUND,
            3301,
            "This recording does not exist.",
        );
    };
    record(&mut z, "GET", &path, 200, &Value::Null);
    Json(json!({
        "uuid": format!("uuid-{id}=="),
        "id": id.parse::<u64>().unwrap(),
        "host_id": "host-1",
        "topic": "recorded",
        "start_time": "2026-01-01T00:00:00Z",
        "duration": 120,
        "total_size": 1024,
        "recording_count": 1,
        "share_url": share_url,
        "password": "Typed!pw",
        "recording_play_passcode": passcode,
        "recording_files": [{
            "id": "file-1",
            "file_type": "MP4",
            "play_url": format!("https://zoom.us/rec/play/{id}"),
            "status": "completed",
        }],
    }))
    .into_response()
}

async fn unknown(
    State(inner): State<Arc<Mutex<Inner>>>,
    method: Method,
    uri: axum::http::Uri,
) -> Response {
    inner
        .lock()
        .unwrap()
        .violations
        .push(format!("unknown route {method} {uri}"));
    zoom_error(StatusCode::NOT_FOUND, 404, "No such API.")
}
