//! What every answer goes through on its way in and out: security headers
//! (with the script nonce Leptos renders), caching rules, body limits, the
//! request timeout and the panic guard.

use std::any::Any;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Response, StatusCode};
use axum::middleware::Next;
use axum::response::IntoResponse;
use base64::Engine;
use rand::RngCore;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;

use crate::server::http::AppState;

/// Smaller answers go out as they are: below one TCP segment, compressing
/// saves no round trip and only costs time.
const COMPRESS_ABOVE: u16 = 1400;

/// Compresses dynamic answers (pages, JSON, CSV) for browsers that take it:
/// brotli at nginx's on-the-fly level, else gzip. Event streams, images,
/// PDFs and the `/pkg` files are left as they are, and so is any answer to a
/// request with a query string (see [`mark_reflecting`]).
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new().compress_when(
        SizeAbove::new(COMPRESS_ABOVE)
            .and(NotForContentType::GRPC)
            .and(NotForContentType::IMAGES)
            .and(NotForContentType::SSE)
            .and(NotForContentType::const_new("application/pdf"))
            .and(NotMarked),
    )
}

/// An answer [`compression`] leaves as it is: one that may repeat what the
/// request's query string said, or a file of `/pkg` (sent precompressed by
/// a release build; a debug build's megabytes of WebAssembly are not worth
/// compressing again on every load).
#[derive(Clone, Copy, Debug)]
pub struct Uncompressed;

/// BREACH: when a compressed answer holds a secret (a meeting link or
/// password) next to text an attacker chose, the attacker can guess the
/// secret a character at a time from the answer's size, by sending the
/// victim's browser to crafted URLs and watching the encrypted lengths.
/// Pages echo only their query strings (a search, a filter, a page
/// cursor); path segments are ids checked against the database. So an answer
/// to a request with a query string is never compressed, and the others
/// (every page a learner opens from a link, the API, where a bearer token
/// is not ambient) are.
pub async fn mark_reflecting(req: Request, next: Next) -> Response<Body> {
    let reflecting = req.uri().query().is_some_and(|q| !q.is_empty());
    let mut res = next.run(req).await;
    if reflecting {
        res.extensions_mut().insert(Uncompressed);
    }
    res
}

#[derive(Clone, Copy, Debug)]
struct NotMarked;

impl Predicate for NotMarked {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &Response<B>) -> bool {
        response.extensions().get::<Uncompressed>().is_none()
    }
}

/// Every request is answered within this time or gets a 408; a slow client
/// or a stuck query cannot hold a worker for ever.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs the handler in a task of its own, which a client that hangs up does
/// not cancel. Cancelling a render midway disposes its reactive owner while
/// the tasks Leptos spawned for its suspended parts still run: they then
/// panic on the disposed values, or deadlock a runtime thread for good when
/// the last handle on an owner is dropped inside `use_context` (a read lock on
/// the child, a write lock to clean it up; seen with `gdb` after clients cut
/// connections to `/admin/demandes` mid-render). A handler that finishes is
/// also a write that is never half made because its client went away. The
/// task still ends at the request timeout.
pub async fn run_to_completion(req: Request, next: Next) -> Response<Body> {
    use tracing::Instrument;

    let handler = tokio::time::timeout(REQUEST_TIMEOUT, next.run(req));
    match tokio::spawn(handler.instrument(tracing::Span::current())).await {
        Ok(Ok(res)) => res,
        Ok(Err(_elapsed)) => StatusCode::REQUEST_TIMEOUT.into_response(),
        // The panic guard outside turns it into the error page.
        Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
        Err(_cancelled) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// Form posts (server functions, plain HTML forms).
pub const FORM_BODY_LIMIT: usize = 2 * 1024 * 1024;
/// JSON bodies (REST API, server functions called by the app).
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// The script nonce of one response, made before the render so the header
/// and the `nonce="…"` attributes Leptos writes carry the same value.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    fn new() -> Self {
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        CspNonce(base64::engine::general_purpose::STANDARD.encode(bytes))
    }
}

/// Hands the request's nonce to the Leptos render (called from the
/// additional context of pages, server functions and the fallback). Leptos
/// provides a random nonce of its own first; providing ours afterwards
/// replaces it.
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(value)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(value));
    }
}

fn content_security_policy(nonce: &str) -> String {
    // 'wasm-unsafe-eval' lets the page compile its WebAssembly and nothing
    // more; scripts run only from this origin or with this response's nonce.
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Files served as they are from the site root: the only answers that may
/// be cached, since everything else can depend on who asks. The service
/// worker keeps its own `no-cache` (browsers revalidate it, see
/// `notifications::service_worker`).
fn is_static_file(path: &str) -> bool {
    path.starts_with("/pkg/")
        || matches!(
            path,
            "/favicon.svg" | "/favicon.ico" | "/robots.txt" | "/sw.js"
        )
}

/// Sets the security headers on every answer and `no-store` on every
/// dynamic one: pages, server functions and API answers can carry a meeting
/// link, which no shared or browser cache may keep.
pub async fn security_headers(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response<Body> {
    let nonce = CspNonce::new();
    let path = req.uri().path().to_owned();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let cacheable = is_static_file(&path) && res.status().is_success();
    let https = state.settings.is_https();
    let headers = res.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(
        header::CONTENT_SECURITY_POLICY,
        &content_security_policy(&nonce.0),
    );
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    // Full URLs of the platform never reach Zoom, Meet or Teams.
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    if https {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if !cacheable {
        set(header::CACHE_CONTROL, "no-store");
        set(header::VARY, "Cookie, Authorization");
    }
    res
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"))
}

fn too_large(limit: usize) -> Response<Body> {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        axum::Json(serde_json::json!({
            "detail": format!("Requête trop volumineuse : {} Ko au plus.", limit / 1024),
            "code": "payload_too_large",
        })),
    )
        .into_response()
}

/// Caps request bodies: 64 KB of JSON, 2 MB for anything else. A declared
/// length over the cap is refused before reading; a body that keeps going
/// past it (chunked) is cut off while being read.
pub async fn limit_body(req: Request, next: Next) -> Response<Body> {
    let limit = if is_json(req.headers()) {
        JSON_BODY_LIMIT
    } else {
        FORM_BODY_LIMIT
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return too_large(limit);
    }
    let (parts, body) = req.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

/// A panic anywhere in a handler becomes the 500 answer and one log line,
/// never a dropped connection.
pub fn panic_response(stylesheet: &str, err: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = %detail, "a request handler panicked");
    let mut res = (
        StatusCode::INTERNAL_SERVER_ERROR,
        axum::response::Html(format!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Erreur · Formations</title>\
             <link rel=\"stylesheet\" href=\"{stylesheet}\"></head><body><main id=\"contenu\" class=\"auth-page\">\
             <h1>Une erreur interne est survenue</h1><p>Réessayez dans un instant.</p>\
             <p><a href=\"/user/formations\">Retour à mes formations</a></p></main></body></html>",
        )),
    )
        .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_carries_the_nonce_and_forbids_framing() {
        let csp = content_security_policy("abc123");
        assert!(csp.contains("'nonce-abc123'"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn nonces_differ_between_requests() {
        assert_ne!(CspNonce::new().0, CspNonce::new().0);
        assert_eq!(CspNonce::new().0.len(), 24);
    }

    #[test]
    fn only_site_files_are_cacheable() {
        assert!(is_static_file("/pkg/formations.css"));
        assert!(is_static_file("/robots.txt"));
        assert!(!is_static_file("/user/formations"));
        assert!(!is_static_file("/fn/login"));
        assert!(!is_static_file("/api/auth/user/formations/"));
    }
}
