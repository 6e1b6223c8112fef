//! Passwords, tokens and the request-level checks: who is calling, whether a
//! state-changing request comes from our own pages, and whether a page may be
//! shown to an anonymous visitor.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use chrono::{Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::domain::account::{Email, Password, SessionUser};
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::http::AppState;
use crate::server::store::users::TokenKind;

pub const COOKIE_NAME: &str = "formations_session";
pub const SESSION_DAYS: i64 = 30;

/// Who is calling, resolved once per request by [`resolve_session`].
#[derive(Clone, Debug, Default)]
pub struct Caller {
    pub user: Option<SessionUser>,
    pub token_hash: Option<String>,
}

/// Argon2id with the crate's defaults (19 MiB, 2 passes), run on the blocking
/// pool: a hash takes tens of milliseconds and must not stall other requests.
pub async fn hash_password(password: Password) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|err| {
        tracing::error!(error = %err, "password hashing failed");
        AppError::Internal
    })
}

/// A hash of a password nobody knows, verified when the e-mail is unknown so
/// that a wrong e-mail and a wrong password take the same time.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no user has this password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

pub(crate) async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash().to_string());
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && known
    })
    .await
    .unwrap_or(false)
}

/// A new random token and the hash under which it is stored: a stolen
/// database does not hold usable tokens.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks the credentials and opens a session of the given kind. The error
/// never says whether the e-mail or the password was wrong.
pub async fn login(
    db: &Db,
    email: &str,
    password: &str,
    kind: TokenKind,
) -> Result<(SessionUser, String), AppError> {
    let email = Email::parse(email).map_err(|_| AppError::InvalidCredentials)?;
    let found = db.credentials(&email).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    if !verify_password(password.to_string(), hash).await {
        return Err(AppError::InvalidCredentials);
    }
    let user = user.ok_or(AppError::InvalidCredentials)?;
    // Said only after the password matched, so it reveals nothing.
    if !db.email_confirmed(user.id).await? {
        return Err(AppError::Unconfirmed);
    }
    let token = open_session(db, user.id, kind).await?;
    Ok((user, token))
}

pub async fn open_session(db: &Db, user_id: i64, kind: TokenKind) -> Result<String, AppError> {
    let now = Utc::now();
    db.delete_expired_sessions(now).await?;
    let (token, hash) = new_token();
    db.insert_auth_session(&hash, user_id, kind, now + Duration::days(SESSION_DAYS))
        .await?;
    Ok(token)
}

pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = SESSION_DAYS * 24 * 3600;
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("a token is URL-safe base64")
}

pub fn clearing_cookie() -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ))
    .expect("static cookie")
}

fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()).then(|| token.trim())
}

/// Resolves the caller from `Authorization: Bearer` or the session cookie.
pub async fn resolve_session(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let token = bearer_token(req.headers()).or_else(|| cookie_token(req.headers()));
    let mut caller = Caller::default();
    if let Some(token) = token {
        let hash = token_hash(token);
        match state.db.user_for_token(&hash, Utc::now()).await {
            Ok(user) => {
                caller.user = user;
                caller.token_hash = Some(hash);
            }
            Err(err) => return err.into_response(),
        }
    }
    req.extensions_mut().insert(caller);
    next.run(req).await
}

fn host_of_origin(origin: &str) -> Option<&str> {
    let rest = origin.split_once("://")?.1;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// State changes only come from our own pages: a cross-site form or fetch
/// carrying the session cookie is refused. Bearer-token clients are not
/// exposed to that attack (a browser never adds the header by itself).
pub async fn require_same_origin(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || bearer_token(req.headers()).is_some() {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .filter(|v| *v != "null");
    let allowed = match (claimed, host) {
        (Some(claimed), Some(host)) => host_of_origin(claimed) == Some(host),
        // A script without cookies (curl logging in) has no origin to check.
        (None, _) => cookie_token(headers).is_none(),
        (Some(_), None) => false,
    };
    if allowed {
        next.run(req).await
    } else {
        (
            StatusCode::FORBIDDEN,
            axum::Json(serde_json::json!({
                "detail": "Requête refusée : elle ne provient pas de ce site."
            })),
        )
            .into_response()
    }
}

/// Paths an anonymous visitor may open.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/login" | "/signup" | "/favicon.ico" | "/favicon.svg" | "/robots.txt"
    ) || crate::server::accounts::is_public_page(path)
        || ["/pkg/", "/fn/", "/api/", "/assets/", "/verify/"]
            .iter()
            .any(|prefix| path.starts_with(prefix))
}

/// Every page but login and sign-up needs a signed-in user; an anonymous
/// visitor is sent to the login page and brought back afterwards.
pub async fn require_login_for_pages(req: Request, next: Next) -> Response {
    let is_page_read = matches!(*req.method(), Method::GET | Method::HEAD);
    let signed_in = req
        .extensions()
        .get::<Caller>()
        .is_some_and(|c| c.user.is_some());
    if is_page_read && signed_in && is_admin_path(req.uri().path()) {
        let is_admin = req
            .extensions()
            .get::<Caller>()
            .and_then(|c| c.user.as_ref())
            .is_some_and(SessionUser::is_admin);
        if !is_admin {
            return forbidden_page();
        }
    }
    if !is_page_read || signed_in || is_public(req.uri().path()) {
        return next.run(req).await;
    }
    let target = req
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let next_param: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
    Redirect::to(&format!("/login?next={next_param}")).into_response()
}

/// The admin area: its pages and its CSV exports.
pub fn is_admin_path(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

/// What a signed-in learner gets for an admin page. Every admin server
/// function checks the role again: this page is a courtesy, not the lock.
fn forbidden_page() -> Response {
    (
        StatusCode::FORBIDDEN,
        axum::response::Html(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Accès refusé · Formations</title>\
             <link rel=\"stylesheet\" href=\"/pkg/formations.css\"></head><body><main id=\"contenu\" class=\"auth-page\">\
             <h1>Accès refusé</h1><p>Accès réservé aux administrateurs.</p>\
             <p><a href=\"/user/formations\">Retour à mes formations</a></p></main></body></html>",
        ),
    )
        .into_response()
}

/// Where to go after logging in: only a path on this site, never another host.
pub fn safe_next(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.contains(['\r', '\n']) =>
        {
            path.to_string()
        }
        _ => "/user/formations".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_redirects_stay_on_this_site() {
        assert_eq!(
            safe_next(Some("/user/formations?status=active")),
            "/user/formations?status=active"
        );
        assert_eq!(safe_next(Some("//evil.example")), "/user/formations");
        assert_eq!(safe_next(Some("https://evil.example")), "/user/formations");
        assert_eq!(safe_next(Some("/\\evil.example")), "/user/formations");
        assert_eq!(safe_next(None), "/user/formations");
    }

    #[test]
    fn tokens_are_stored_hashed() {
        let (token, hash) = new_token();
        assert_eq!(hash, token_hash(&token));
        assert_ne!(token, hash);
        assert_eq!(hash.len(), 64);
    }

    #[test]
    fn the_session_cookie_is_http_only_and_same_site_lax() {
        let cookie = session_cookie("abc", false);
        let text = cookie.to_str().unwrap();
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Lax"));
        assert!(!text.contains("Secure"));
        assert!(session_cookie("abc", true)
            .to_str()
            .unwrap()
            .ends_with("; Secure"));
    }
}
