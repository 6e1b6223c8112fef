//! The learners' notices, live: the hub that tells every open stream of a
//! learner that a notice arrived (from this instance or another), the
//! Server-Sent Events stream itself, the REST list and "read" calls, the
//! Web Push key and subscriptions, and the service worker.
//!
//! Who learns of a new notice: on PostgreSQL the notice's transaction
//! `NOTIFY`s and every instance `LISTEN`s on a connection of its own beside
//! the pool, so a sweep on any instance reaches streams on all of them; on
//! SQLite there is one server per file, and it watches the table while a
//! stream is open (which also sees a `formations reminders run-once` run
//! by another process). Either way a signal only says "look": each stream
//! reads its learner's notices after the last one it sent, so a lost or
//! repeated signal never loses or repeats a notice.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, watch, Notify};
use utoipa::ToSchema;

use crate::domain::enrollment::seance_path;
use crate::domain::format;
use crate::domain::language::Lang;
use crate::domain::notification::{Notice, MAX_STREAMS_PER_USER, PAGE_SIZE};
use crate::domain::reminder::Channel;
use crate::error::{AppError, ErrorCode};
use crate::i18n::tr;
use crate::server::db::{Backend, Db};
use crate::server::extract::Learner;
use crate::server::http::AppState;
use crate::server::store::notifications::{StoredNotice, NOTICE_CHANNEL};

/// A comment line on every stream this often, so proxies and browsers keep
/// it open and a dead client is noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// How often SQLite's watcher looks for new notices while a stream is open.
const WATCH_PERIOD: Duration = Duration::from_secs(1);

/// Notices read at once by a stream catching up.
const CATCH_UP: i64 = 50;

/// What the hub tells the streams.
#[derive(Debug, Clone, Copy)]
enum Signal {
    /// A new notice of this learner.
    New { user_id: i64, id: i64 },
    /// Signals may have been missed (a reconnection): everybody looks.
    Resync,
}

/// The live side of notices, one per process.
pub struct Hub {
    signals: broadcast::Sender<Signal>,
    /// Wakes SQLite's watcher at once after a notice of this process.
    wake: Notify,
    /// Open streams per learner.
    streams: Mutex<HashMap<i64, usize>>,
    /// Raised at shutdown: every stream ends, so graceful shutdown does not
    /// wait for clients that never hang up.
    closing: watch::Sender<bool>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            signals: broadcast::channel(1024).0,
            wake: Notify::new(),
            streams: Mutex::default(),
            closing: watch::channel(false).0,
        }
    }
}

/// A learner's place among the open streams, given back on drop.
struct Admission {
    hub: Arc<Hub>,
    user_id: i64,
}

impl Drop for Admission {
    fn drop(&mut self) {
        let mut streams = self.hub.streams.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = streams.get_mut(&self.user_id) {
            *n -= 1;
            if *n == 0 {
                streams.remove(&self.user_id);
            }
        }
    }
}

impl Hub {
    /// Ends every stream and stops the watcher (at shutdown).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// A notice was written by this process (SQLite's watcher looks now).
    pub fn written(&self) {
        self.wake.notify_one();
    }

    fn open_streams(&self) -> usize {
        self.streams
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .sum()
    }

    fn admit(self: &Arc<Self>, user_id: i64) -> Result<Admission, AppError> {
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        let n = streams.entry(user_id).or_default();
        if *n >= MAX_STREAMS_PER_USER {
            return Err(AppError::TooManyRequests {
                code: ErrorCode::TooManyStreams,
                retry_after_secs: HEARTBEAT.as_secs(),
            });
        }
        *n += 1;
        Ok(Admission {
            hub: self.clone(),
            user_id,
        })
    }

    /// Starts what feeds the hub: PostgreSQL's listener or SQLite's watcher.
    pub fn start(self: &Arc<Self>, db: Db) -> tokio::task::JoinHandle<()> {
        let hub = self.clone();
        match db.backend {
            Backend::Postgres => tokio::spawn(listen(hub, db)),
            Backend::Sqlite => tokio::spawn(watch_table(hub, db)),
        }
    }
}

/// PostgreSQL: one connection that `LISTEN`s, reconnected when lost (and
/// then every stream looks, since signals may have gone by meanwhile).
async fn listen(hub: Arc<Hub>, db: Db) {
    let mut closing = hub.closing.subscribe();
    while !*closing.borrow() {
        match sqlx::postgres::PgListener::connect(db.url()).await {
            Ok(mut listener) => match listener.listen(NOTICE_CHANNEL).await {
                Ok(()) => {
                    let _ = hub.signals.send(Signal::Resync);
                    loop {
                        tokio::select! {
                            _ = closing.changed() => return,
                            received = listener.try_recv() => match received {
                                Ok(Some(n)) => {
                                    if let Some(signal) = parse_payload(n.payload()) {
                                        let _ = hub.signals.send(signal);
                                    }
                                }
                                // Lost and reconnected by the next call.
                                Ok(None) => {
                                    let _ = hub.signals.send(Signal::Resync);
                                }
                                Err(err) => {
                                    tracing::warn!(error = %err, "notice listener lost");
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(err) => tracing::warn!(error = %err, "cannot LISTEN for notices"),
            },
            Err(err) => tracing::warn!(error = %err, "cannot connect the notice listener"),
        }
        tokio::select! {
            _ = closing.changed() => return,
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

fn parse_payload(payload: &str) -> Option<Signal> {
    let (user, id) = payload.split_once(':')?;
    Some(Signal::New {
        user_id: user.parse().ok()?,
        id: id.parse().ok()?,
    })
}

/// SQLite: while a stream is open, new rows of `notifications` (whoever
/// wrote them) become signals. Idle, it reads nothing.
async fn watch_table(hub: Arc<Hub>, db: Db) {
    let mut closing = hub.closing.subscribe();
    let mut seen: Option<i64> = None;
    loop {
        tokio::select! {
            _ = closing.changed() => return,
            _ = hub.wake.notified() => {}
            _ = tokio::time::sleep(WATCH_PERIOD) => {}
        }
        if hub.open_streams() == 0 {
            seen = None;
            continue;
        }
        let after = match seen {
            Some(after) => after,
            None => match db.newest_notice().await {
                Ok(newest) => {
                    // Streams opened while the watcher was idle look once
                    // for themselves.
                    let _ = hub.signals.send(Signal::Resync);
                    seen = Some(newest);
                    continue;
                }
                Err(err) => {
                    tracing::warn!(error = %err, "cannot watch notices");
                    continue;
                }
            },
        };
        match db.notices_since(after, 500).await {
            Ok(rows) => {
                for (user_id, id) in rows {
                    seen = Some(id);
                    let _ = hub.signals.send(Signal::New { user_id, id });
                }
            }
            Err(err) => tracing::warn!(error = %err, "cannot watch notices"),
        }
    }
}

/// A notice in its reader's words; `base` prefixes its link (empty for the
/// pages, the site's origin for REST and the streams).
pub fn render(lang: Lang, n: &StoredNotice, base: &str) -> Notice {
    let (title, body) = seance_words(
        lang,
        Channel::InApp,
        &n.formation_name,
        n.session_number,
        &n.session_title,
    );
    Notice {
        id: n.id,
        kind: n.kind,
        title,
        body,
        url: format!("{base}{}", seance_path(n.enrollment_id, n.session_id)),
        created_at: n.created_at,
        read: n.read,
    }
}

/// The title and body of a "séance soon" notice or push: the formation and
/// séance named, and the channel's lead ("dans 15 min", "dans 1 h").
pub fn seance_words(
    lang: Lang,
    channel: Channel,
    formation: &str,
    number: i64,
    title: &str,
) -> (String, String) {
    let lead = format::duration(lang, channel.lead().num_minutes());
    (
        tr(
            lang,
            "notice-seance-soon-title",
            &[("formation", formation.into()), ("number", number.into())],
        ),
        tr(
            lang,
            "notice-seance-soon",
            &[("title", title.into()), ("lead", (&lead).into())],
        ),
    )
}

/// A page of the learner's notices, in `lang`.
pub async fn page(
    state: &AppState,
    lang: Lang,
    user_id: i64,
    before: Option<i64>,
    base: &str,
) -> Result<crate::domain::notification::NoticesView, AppError> {
    let (notices, unread, older_than) = state.db.notices(user_id, before, PAGE_SIZE).await?;
    Ok(crate::domain::notification::NoticesView {
        notices: notices.iter().map(|n| render(lang, n, base)).collect(),
        unread,
        older_than,
    })
}

/// A notice as REST and the live stream give it.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeItem {
    id: i64,
    /// What it is about: `seance_soon`.
    #[schema(example = "seance_soon")]
    kind: String,
    title: String,
    body: String,
    /// The session's page on the platform (absolute), where the join
    /// button is while the enrollment is active.
    url: String,
    /// UTC.
    #[schema(example = "2026-12-10T17:45:00Z")]
    created_at: String,
    read: bool,
}

impl From<Notice> for NoticeItem {
    fn from(n: Notice) -> Self {
        NoticeItem {
            id: n.id,
            kind: n.kind.as_str().into(),
            title: n.title,
            body: n.body,
            url: n.url,
            created_at: crate::server::store::instant_text(n.created_at),
            read: n.read,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NoticesBody {
    notifications: Vec<NoticeItem>,
    /// Unread notifications in all.
    unread: i64,
    /// Pass as `before` for the next (older) page; null on the last one.
    older_than: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ReadBody {
    /// Unread notifications left.
    unread: i64,
}

#[derive(Serialize, ToSchema)]
pub struct VapidKeyBody {
    /// The VAPID public key (uncompressed P-256 point, base64url): the
    /// `applicationServerKey` of `pushManager.subscribe`.
    key: String,
}

#[derive(Deserialize, ToSchema)]
pub struct SubscriptionBody {
    /// The push service's URL for this browser (https; plain http only on
    /// 127.0.0.1 or localhost).
    endpoint: String,
    keys: SubscriptionKeys,
}

#[derive(Deserialize, ToSchema)]
pub struct SubscriptionKeys {
    /// The browser's P-256 public key, base64url.
    p256dh: String,
    /// The browser's 16-byte auth secret, base64url.
    auth: String,
}

#[derive(Deserialize, ToSchema)]
pub struct EndpointBody {
    endpoint: String,
}

#[derive(Serialize, ToSchema)]
pub struct SubscribedBody {
    endpoint: String,
}

fn cursor(query: Option<&str>) -> Result<Option<i64>, AppError> {
    match crate::server::rest::query_param(query, "before").filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|v| *v > 0)
            .map(Some)
            .ok_or(AppError::BadRequest(ErrorCode::AuditCursor)),
    }
}

#[utoipa::path(
    get, path = "/api/auth/user/notifications/", tag = "notifications",
    params(("before" = Option<i64>, Query, description = "The `older_than` of the previous page")),
    responses(
        (status = 200, description = "The caller's notifications, newest first, 20 a page, and the unread count", body = NoticesBody),
        (status = 400, description = "Bad cursor", body = crate::server::rest::ErrorBody),
        (status = 401, description = "Not logged in", body = crate::server::rest::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    Learner(user): Learner,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<NoticesBody>, AppError> {
    let base = state.settings.base_url(&headers);
    let view = page(
        &state,
        crate::i18n::current(),
        user.id,
        cursor(query.as_deref())?,
        &base,
    )
    .await?;
    Ok(Json(NoticesBody {
        notifications: view.notices.into_iter().map(NoticeItem::from).collect(),
        unread: view.unread,
        older_than: view.older_than,
    }))
}

#[utoipa::path(
    post, path = "/api/auth/user/notifications/{id}/read/", tag = "notifications",
    params(("id" = i64, Path, description = "The notification id")),
    responses(
        (status = 200, description = "Read (a repeat changes nothing)", body = ReadBody),
        (status = 401, description = "Not logged in", body = crate::server::rest::ErrorBody),
        (status = 404, description = "No such notification of the caller", body = crate::server::rest::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn mark_read(
    State(state): State<AppState>,
    Learner(user): Learner,
    Path(id): Path<String>,
) -> Result<Json<ReadBody>, AppError> {
    let id = crate::server::rest::id(&id)?;
    state
        .db
        .mark_notice_read(user.id, id, state.clock.now())
        .await?;
    Ok(Json(ReadBody {
        unread: state.db.unread_notices(user.id).await?,
    }))
}

#[utoipa::path(
    post, path = "/api/auth/user/notifications/read-all/", tag = "notifications",
    responses(
        (status = 200, description = "Every notification of the caller is read", body = ReadBody),
        (status = 401, description = "Not logged in", body = crate::server::rest::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn mark_all_read(
    State(state): State<AppState>,
    Learner(user): Learner,
) -> Result<Json<ReadBody>, AppError> {
    state
        .db
        .mark_all_notices_read(user.id, state.clock.now())
        .await?;
    Ok(Json(ReadBody { unread: 0 }))
}

#[utoipa::path(
    get, path = "/api/auth/user/notifications/stream", tag = "notifications",
    params(("Last-Event-ID" = Option<i64>, Header, description = "Resume after this notification (sent again by browsers when they reconnect)")),
    responses(
        (status = 200, description = "Server-Sent Events: `event: notice`, `id:` the notification's id, `data:` a notification as in the list; a comment line every 15 s", content_type = "text/event-stream", body = NoticeItem),
        (status = 401, description = "Not logged in", body = crate::server::rest::ErrorBody),
        (status = 429, description = "The caller already holds 5 live streams", body = crate::server::rest::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn stream(
    State(state): State<AppState>,
    Learner(user): Learner,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let admission = state.hub.admit(user.id)?;
    // Subscribed before the starting point is read: a notice written in
    // between is signalled, not lost.
    let signals = state.hub.signals.subscribe();
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|id| *id >= 0);
    let last = match resume {
        Some(id) => id,
        None => state.db.latest_notice(user.id).await?,
    };
    let live = Live {
        base: state.settings.base_url(&headers),
        closing: state.hub.closing.subscribe(),
        state,
        user_id: user.id,
        lang: crate::i18n::current(),
        last,
        look: resume.is_some(),
        pending: VecDeque::new(),
        signals,
        _admission: admission,
    };
    let events = futures_util::stream::unfold(live, |mut live| async move {
        live.next()
            .await
            .map(|event| (Ok::<_, Infallible>(event), live))
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(HEARTBEAT).text("heartbeat"))
        .into_response();
    // Proxies must pass each event on at once.
    response
        .headers_mut()
        .insert("x-accel-buffering", header::HeaderValue::from_static("no"));
    Ok(response)
}

/// One open stream.
struct Live {
    state: AppState,
    user_id: i64,
    lang: Lang,
    base: String,
    /// The last notice sent (or the newest at the start).
    last: i64,
    /// Read the notices after `last` before waiting (a resumed stream).
    look: bool,
    pending: VecDeque<Notice>,
    signals: broadcast::Receiver<Signal>,
    closing: watch::Receiver<bool>,
    _admission: Admission,
}

impl Live {
    /// The next event, or `None` when the stream ends (shutdown, or the
    /// database failing: the browser reconnects with `Last-Event-ID`).
    async fn next(&mut self) -> Option<Event> {
        loop {
            if *self.closing.borrow() {
                return None;
            }
            if let Some(n) = self.pending.pop_front() {
                let data = serde_json::to_string(&NoticeItem::from(n.clone())).ok()?;
                return Some(
                    Event::default()
                        .id(n.id.to_string())
                        .event("notice")
                        .data(data),
                );
            }
            if std::mem::take(&mut self.look) {
                self.catch_up().await?;
                continue;
            }
            let signal = tokio::select! {
                _ = self.closing.changed() => return None,
                signal = self.signals.recv() => signal,
            };
            let look = match signal {
                Ok(Signal::New { user_id, id }) => user_id == self.user_id && id > self.last,
                Ok(Signal::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => true,
                Err(broadcast::error::RecvError::Closed) => return None,
            };
            self.look = look;
        }
    }

    async fn catch_up(&mut self) -> Option<()> {
        match self
            .state
            .db
            .notices_after(self.user_id, self.last, CATCH_UP)
            .await
        {
            Ok(notices) => {
                if let Some(newest) = notices.last() {
                    self.last = newest.id;
                    // A full batch may have more behind it.
                    self.look = notices.len() as i64 == CATCH_UP;
                }
                self.pending
                    .extend(notices.iter().map(|n| render(self.lang, n, &self.base)));
                Some(())
            }
            Err(err) => {
                tracing::warn!(error = %err, "notice stream ends");
                None
            }
        }
    }
}

#[utoipa::path(
    get, path = "/api/push/vapid-public-key/", tag = "notifications",
    responses(
        (status = 200, description = "The key browsers subscribe with; no login needed", body = VapidKeyBody),
    )
)]
pub async fn vapid_public_key(
    State(state): State<AppState>,
) -> Result<Json<VapidKeyBody>, AppError> {
    Ok(Json(VapidKeyBody {
        key: state.vapid().await?.public.clone(),
    }))
}

#[utoipa::path(
    post, path = "/api/auth/user/push-subscriptions/", tag = "notifications",
    request_body = SubscriptionBody,
    responses(
        (status = 201, description = "Subscribed (again: the same; an endpoint belongs to the last account that subscribed on it)", body = SubscribedBody),
        (status = 400, description = "Malformed body, an endpoint neither https nor on the loopback, or keys that are not RFC 8291's", body = crate::server::rest::ErrorBody),
        (status = 401, description = "Not logged in", body = crate::server::rest::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn subscribe(
    State(state): State<AppState>,
    Learner(user): Learner,
    body: Bytes,
) -> Result<Response, AppError> {
    let body: SubscriptionBody = crate::server::rest::json_body(&body)?;
    crate::server::push::check_subscription(&body.endpoint, &body.keys.p256dh, &body.keys.auth)?;
    state
        .db
        .save_push_subscription(
            user.id,
            &body.endpoint,
            &body.keys.p256dh,
            &body.keys.auth,
            state.clock.now(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(SubscribedBody {
            endpoint: body.endpoint,
        }),
    )
        .into_response())
}

#[utoipa::path(
    delete, path = "/api/auth/user/push-subscriptions/", tag = "notifications",
    request_body = EndpointBody,
    responses(
        (status = 204, description = "This browser receives no more pushes"),
        (status = 400, description = "Malformed body", body = crate::server::rest::ErrorBody),
        (status = 401, description = "Not logged in", body = crate::server::rest::ErrorBody),
        (status = 404, description = "No such subscription of the caller", body = crate::server::rest::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn unsubscribe(
    State(state): State<AppState>,
    Learner(user): Learner,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    let body: EndpointBody = crate::server::rest::json_body(&body)?;
    if state
        .db
        .delete_push_subscription(user.id, &body.endpoint)
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// The service worker: at the root so its scope is the whole site, never
/// cached by name (`no-cache`: browsers check it at each registration), and
/// outside `/pkg` whose files are hashed by the build.
pub async fn service_worker() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("sw.js"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_name_a_learner_and_a_notice() {
        assert!(matches!(
            parse_payload("12:345"),
            Some(Signal::New {
                user_id: 12,
                id: 345
            })
        ));
        assert!(parse_payload("12").is_none());
        assert!(parse_payload("a:1").is_none());
    }

    #[test]
    fn streams_are_bounded_per_learner() {
        let hub = Arc::new(Hub::default());
        let held: Vec<_> = (0..MAX_STREAMS_PER_USER)
            .map(|_| hub.admit(1).unwrap())
            .collect();
        assert!(hub.admit(1).is_err());
        assert!(hub.admit(2).is_ok());
        drop(held);
        assert_eq!(hub.open_streams(), 0);
        assert!(hub.admit(1).is_ok());
    }
}
