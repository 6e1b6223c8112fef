//! Passwords, tokens and the request-level checks: who is calling, whether a
//! state-changing request comes from our own pages, and whether a page may be
//! shown to an anonymous visitor.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use std::net::{IpAddr, SocketAddr};

use argon2::Argon2;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, Extensions, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use chrono::{Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::domain::account::{Email, Password, SessionUser};
use crate::domain::throttle;
use crate::error::{AppError, ErrorCode};
use crate::server::db::Db;
use crate::server::extract::Admin;
use crate::server::http::{AppState, Settings};
use crate::server::store::users::TokenKind;
use crate::server::throttle::Hashing;

pub const COOKIE_NAME: &str = "formations_session";
pub const SESSION_DAYS: i64 = 30;
/// How often a session's "last seen" time is written, at most.
pub const LAST_SEEN_EVERY_SECS: i64 = 60;

/// Who is calling, resolved once per request by [`resolve_session`].
#[derive(Clone, Default)]
pub struct Caller {
    pub user: Option<SessionUser>,
    pub token_hash: Option<String>,
}
crate::debug_redacted!(Caller { user } hide { token_hash });

/// Argon2id with the crate's defaults (19 MiB, 2 passes), run on a hashing
/// thread under the process-wide hashing bound: a hash takes tens of
/// milliseconds and must not stall other requests nor exhaust the memory.
pub async fn hash_password(password: Password) -> Result<String, AppError> {
    Hashing::global()
        .run(move || {
            let salt = SaltString::generate(&mut OsRng);
            hash_in_place(password.expose().as_bytes(), &salt)
        })
        .await?
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

/// Runs on a hashing thread, under a hashing permit.
fn verify_password(password: &str, hash: Option<&str>) -> bool {
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| dummy_hash());
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    verify_in_place(password.as_bytes(), &parsed) && known
}

thread_local! {
    /// The Argon2 working memory of this hashing thread, kept between
    /// hashes: the crate's own `vec!` per hash was never handed back to the
    /// system by the allocator (measured: +19 MiB of RSS per login, 350 MiB
    /// after 15 sequential logins); reused, a thread holds one block set.
    static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `PasswordVerifier::verify_password`, its working memory this thread's.
fn verify_in_place(password: &[u8], parsed: &PasswordHash<'_>) -> bool {
    let (Some(expected), Some(salt)) = (parsed.hash, parsed.salt) else {
        return false;
    };
    let Ok(algorithm) = argon2::Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = match parsed.version.map(argon2::Version::try_from) {
        None => argon2::Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let Ok(params) = argon2::Params::try_from(parsed) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    // `Output`'s equality is constant-time.
    argon2_into(&argon, password, salt, &mut out).is_ok()
        && argon2::password_hash::Output::new(&out).is_ok_and(|out| out == expected)
}

/// `PasswordHasher::hash_password` with the default parameters, its working
/// memory this thread's: the PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
fn hash_in_place(
    password: &[u8],
    salt: &SaltString,
) -> Result<String, argon2::password_hash::Error> {
    let argon = Argon2::default();
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_bytes)?;
    let len = argon
        .params()
        .output_len()
        .unwrap_or(argon2::Params::DEFAULT_OUTPUT_LEN);
    let output = argon2::password_hash::Output::init_with(len, |out| {
        argon2_into(&argon, password, salt_raw, out).map_err(Into::into)
    })?;
    let hash = PasswordHash {
        algorithm: argon2::Algorithm::default().ident(),
        version: Some(argon2::Version::default().into()),
        params: argon2::password_hash::ParamsString::try_from(argon.params())?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(hash.to_string())
}

/// One Argon2 computation in this thread's block set.
fn argon2_into(
    argon: &Argon2<'_>,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let count = argon.params().block_count();
    BLOCKS.with_borrow_mut(|blocks| {
        if blocks.len() < count {
            blocks.resize(count, argon2::Block::default());
        }
        argon.hash_password_into_with_memory(password, salt, out, &mut blocks[..count])
    })
}

/// Whether `password` matches a stored hash, checked on a hashing thread
/// under the process-wide hashing bound (the password change asks for the
/// current one).
pub(crate) async fn password_matches(
    password: String,
    hash: Option<String>,
) -> Result<bool, AppError> {
    Hashing::global()
        .run(move || verify_password(&password, hash.as_deref()))
        .await
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

/// A secret kept as it is (a calendar feed's, an unsubscribe link's): 256
/// random bits in hex, for URLs nobody guesses.
pub fn secret_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The client's address as the per-address limits count it.
pub fn client_ip(state: &AppState, extensions: &Extensions, headers: &HeaderMap) -> IpAddr {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0);
    state.limits.client_ip(peer, headers)
}

fn account_locked(left: Duration) -> AppError {
    let secs = throttle::retry_after_secs(left);
    AppError::TooManyRequests {
        code: ErrorCode::LoginLocked,
        retry_after_secs: secs,
    }
}

/// Checks the credentials and opens a session of the given kind. The error
/// never says whether the e-mail or the password was wrong, and a locked
/// address gets the same answer whether an account has it or not. Every
/// refusal for too many attempts comes before any hashing.
pub async fn login(
    state: &AppState,
    client: IpAddr,
    email: &str,
    password: &str,
    kind: TokenKind,
) -> Result<(SessionUser, String), AppError> {
    let db = &state.db;
    state.limits.check_login(client)?;
    let Ok(email) = Email::parse(email) else {
        state.limits.record_login_failure(client);
        return Err(AppError::InvalidCredentials);
    };
    // A locked account costs one read: no waiting for a permit, no hashing.
    if let Some(left) = db.login_locked_for(&email, Utc::now()).await? {
        return Err(account_locked(left));
    }
    let found = db.credentials(&email).await?;
    let permit = state.hashing.acquire().await?;
    // Counted before hashing and cleared on success, so that attempts in
    // parallel cannot all pass the check above before the first one fails.
    if let Err(left) = db.claim_login_attempt(&email, Utc::now()).await? {
        return Err(account_locked(left));
    }
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password = password.to_string();
    let verified = permit
        .run(move || verify_password(&password, hash.as_deref()))
        .await?;
    let Some(user) = user.filter(|_| verified) else {
        state.limits.record_login_failure(client);
        return Err(AppError::InvalidCredentials);
    };
    db.clear_login_failures(&email, Utc::now()).await?;
    // Said only after the password matched, so it reveals nothing.
    if !db.email_confirmed(user.id).await? {
        return Err(AppError::Unconfirmed);
    }
    let token = open_session(db, user.id, kind).await?;
    Ok((user, token))
}

pub async fn open_session(db: &Db, user_id: i64, kind: TokenKind) -> Result<String, AppError> {
    open_linked_session(db, user_id, kind, None).await
}

/// A session that ends when the session whose token hash is `opened_with`
/// is logged out (the cookie a REST login also sets).
pub async fn open_linked_session(
    db: &Db,
    user_id: i64,
    kind: TokenKind,
    opened_with: Option<&str>,
) -> Result<String, AppError> {
    let now = Utc::now();
    db.delete_expired_sessions(now).await?;
    let (token, hash) = new_token();
    db.insert_linked_auth_session(
        &hash,
        user_id,
        kind,
        now + Duration::days(SESSION_DAYS),
        opened_with,
    )
    .await?;
    Ok(token)
}

pub fn session_cookie(settings: &Settings, token: &str) -> HeaderValue {
    let secure = if settings.cookie_secure() {
        "; Secure"
    } else {
        ""
    };
    let max_age = SESSION_DAYS * 24 * 3600;
    let name = settings.cookie_name();
    HeaderValue::from_str(&format!(
        "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("a token is URL-safe base64")
}

pub fn clearing_cookie(settings: &Settings) -> HeaderValue {
    let secure = if settings.cookie_secure() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
        settings.cookie_name()
    ))
    .expect("static cookie")
}

pub fn cookie_token<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
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
    // The app's own files need no caller: no database trip for them.
    if req.uri().path().starts_with("/pkg/") {
        req.extensions_mut().insert(Caller::default());
        return next.run(req).await;
    }
    let cookie_name = state.settings.cookie_name();
    let token = bearer_token(req.headers()).or_else(|| cookie_token(req.headers(), cookie_name));
    let mut caller = Caller::default();
    if let Some(token) = token {
        let hash = token_hash(token);
        let now = Utc::now();
        let idle_since = now - state.settings.session_idle;
        match state.db.user_for_token(&hash, now, idle_since).await {
            Ok(found) => {
                if let Some((_, last_seen)) = &found {
                    // At most one write a minute per session: reads stay reads.
                    let seen_before = now - Duration::seconds(LAST_SEEN_EVERY_SECS);
                    if *last_seen < seen_before {
                        if let Err(err) = state.db.touch_auth_session(&hash, now, seen_before).await
                        {
                            return err.into_response();
                        }
                    }
                }
                caller.user = found.map(|(user, _)| user);
                caller.token_hash = Some(hash);
            }
            Err(err) => return err.into_response(),
        }
    }
    req.extensions_mut().insert(caller);
    next.run(req).await
}

/// Whether `claimed` (an `Origin` or `Referer`) is this site: the configured
/// public URL when there is one (behind a proxy the `Host` may be rewritten,
/// and HTTP/2 has no `Host` at all), else the request's `Host`, read with the
/// claimed scheme (TLS may end at a proxy in front of us).
fn is_own_origin(settings: &Settings, claimed: &str, host: Option<&str>) -> bool {
    if let Some(public) = &settings.public_url {
        return public.matches(claimed);
    }
    let (Ok(claimed), Some(host)) = (url::Url::parse(claimed), host) else {
        return false;
    };
    matches!(claimed.scheme(), "http" | "https")
        && url::Url::parse(&format!("{}://{host}", claimed.scheme()))
            .is_ok_and(|own| own.origin() == claimed.origin())
}

/// State changes only come from our own pages: a cross-site form or fetch
/// carrying the session cookie is refused. Bearer-token clients are not
/// exposed to that attack (a browser never adds the header by itself).
pub async fn require_same_origin(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // An unsubscribe link's token is its own proof; the mailbox that POSTs
    // it (RFC 8058) sends no Origin of ours.
    let by_token = req
        .uri()
        .path()
        .starts_with(crate::server::reminders::UNSUBSCRIBE_PREFIX);
    if safe || by_token || bearer_token(req.headers()).is_some() {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let claimed = origin.or_else(|| headers.get(header::REFERER).and_then(|v| v.to_str().ok()));
    let allowed = match claimed {
        // An opaque origin (sandboxed frame, data: URL, some redirects) can
        // never be proven to be ours.
        Some("null") => false,
        Some(claimed) => is_own_origin(&state.settings, claimed, host),
        // A script without cookies (curl logging in) has no origin to check.
        None => cookie_token(headers, state.settings.cookie_name()).is_none(),
    };
    if allowed {
        next.run(req).await
    } else {
        // Refused before any session is looked up: the language is the
        // cookie's or the browser's, never a profile's.
        let lang = crate::server::language::reader_language(req.headers(), None);
        (
            StatusCode::FORBIDDEN,
            axum::Json(serde_json::json!({
                "detail": crate::i18n::tr(lang, "edge-cross-site", &[])
            })),
        )
            .into_response()
    }
}

/// Paths an anonymous visitor may open.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/login"
            | "/signup"
            | "/favicon.ico"
            | "/favicon.svg"
            | "/robots.txt"
            | "/sw.js"
            // The catalogue and its formations' pages (never a meeting detail).
            | "/formations"
    ) || crate::server::accounts::is_public_page(path)
        || path
            .strip_prefix("/formations/")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        || [
            "/pkg/",
            "/fn/",
            "/api/",
            "/assets/",
            "/verify/",
            "/certificats/",
            "/calendrier/",
            // Zoom proves itself by its signature, not a session.
            "/webhooks/",
            crate::server::reminders::UNSUBSCRIBE_PREFIX,
        ]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// Every page but login and sign-up needs a signed-in user; an anonymous
/// visitor is sent to the login page and brought back afterwards.
pub async fn require_login_for_pages(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let is_page_read = matches!(*req.method(), Method::GET | Method::HEAD);
    let caller = req.extensions().get::<Caller>();
    let signed_in = caller.is_some_and(|c| c.user.is_some());
    // Anonymous goes to the login page below; signed in without the role, 403.
    let refused = caller.is_some_and(|c| matches!(Admin::of(c), Err(AppError::Forbidden)));
    if is_page_read && refused && is_admin_path(req.uri().path()) {
        return forbidden_page(state.assets.stylesheet());
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

/// What a signed-in learner gets for an admin page, in the reader's
/// language. Every admin server function checks the role again: this page
/// is a courtesy, not the lock.
fn forbidden_page(stylesheet: &str) -> Response {
    use crate::i18n::tr;
    let lang = crate::i18n::current();
    let title = tr(lang, "auth-forbidden-title", &[]);
    let text = tr(lang, "auth-forbidden-text", &[]);
    let back = tr(lang, "auth-back-to-formations", &[]);
    let code = lang.code();
    // The words come from our own locale files, not from the request: no
    // escaping needed.
    let page = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><title>{title} · Formations</title>\
         <link rel=\"stylesheet\" href=\"{stylesheet}\"></head><body><main id=\"contenu\" class=\"auth-page\">\
         <h1>{title}</h1><p>{text}</p>\
         <p><a href=\"/user/formations\">{back}</a></p></main></body></html>"
    );
    (StatusCode::FORBIDDEN, axum::response::Html(page)).into_response()
}

/// Where to go after logging in: only a path on this site, never another host.
///
/// The value is refused unless it is a plain absolute path; it is then
/// resolved against a placeholder origin the way a browser would, and kept
/// only if it stays on that origin. What comes back is re-serialised, so it
/// is always a valid `Location` header (a control character made the
/// redirect panic before).
pub fn safe_next(next: Option<&str>) -> String {
    const HOME: &str = "/user/formations";
    let Some(path) = next else {
        return HOME.to_string();
    };
    let suspicious = !path.starts_with('/')
        || path.starts_with("//")
        || path
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if suspicious {
        return HOME.to_string();
    }
    let base = url::Url::parse("http://formations.invalid/").expect("static URL");
    match base.join(path) {
        Ok(url) if url.origin() == base.origin() => {
            url[url::Position::BeforePath..url::Position::AfterQuery].to_string()
        }
        _ => HOME.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_in_reused_memory_are_the_crates_own() {
        use argon2::PasswordVerifier;
        let salt = SaltString::generate(&mut OsRng);
        let ours = hash_in_place(b"correct horse", &salt).unwrap();
        let theirs = Argon2::default()
            .hash_password(b"correct horse", &salt)
            .unwrap()
            .to_string();
        assert_eq!(ours, theirs);
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(b"correct horse", &parsed)
            .is_ok());
        assert!(verify_in_place(b"correct horse", &parsed));
        assert!(!verify_in_place(b"correct horsE", &parsed));
        // A hash made with other parameters still verifies.
        let other = Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(8192, 3, 1, None).unwrap(),
        )
        .hash_password(b"pw", &salt)
        .unwrap()
        .to_string();
        let parsed = PasswordHash::new(&other).unwrap();
        assert!(verify_in_place(b"pw", &parsed) && !verify_in_place(b"px", &parsed));
        assert!(
            !verify_password("pw", None),
            "an unknown account never matches"
        );
    }

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
        // `/%09/evil.example` arrives decoded: a tab that browsers drop.
        assert_eq!(safe_next(Some("/\t/evil.example")), "/user/formations");
        assert_eq!(safe_next(Some("/\u{1}")), "/user/formations");
        assert_eq!(safe_next(Some(" /user")), "/user/formations");
        assert_eq!(safe_next(Some("javascript:alert(1)")), "/user/formations");
        assert_eq!(safe_next(Some("/user/é?x=1")), "/user/%C3%A9?x=1");
        assert_eq!(safe_next(Some("/a/../../b")), "/b");
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
        let plain = Settings {
            cookie_secure: false,
            public_url: None,
            session_idle: chrono::Duration::hours(2),
            org_name: String::new(),
            zoom: Default::default(),
        };
        let cookie = session_cookie(&plain, "abc");
        let text = cookie.to_str().unwrap();
        assert!(text.starts_with("formations_session=abc;"));
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Lax"));
        assert!(!text.contains("Secure"));
        let secure = Settings {
            cookie_secure: true,
            public_url: None,
            session_idle: chrono::Duration::hours(2),
            org_name: String::new(),
            zoom: Default::default(),
        };
        assert!(session_cookie(&secure, "abc")
            .to_str()
            .unwrap()
            .ends_with("; Secure"));
    }

    #[test]
    fn behind_https_the_cookie_is_host_prefixed_and_secure() {
        let https = Settings {
            cookie_secure: false,
            public_url: Some(
                crate::server::config::PublicUrl::parse("https://formations.example.org").unwrap(),
            ),
            session_idle: chrono::Duration::hours(2),
            org_name: String::new(),
            zoom: Default::default(),
        };
        let text = session_cookie(&https, "abc").to_str().unwrap().to_string();
        assert!(
            text.starts_with("__Host-formations_session=abc; Path=/;"),
            "{text}"
        );
        assert!(text.ends_with("; Secure") && !text.contains("Domain"));
        assert!(clearing_cookie(&https)
            .to_str()
            .unwrap()
            .starts_with("__Host-formations_session=;"));
    }

    #[test]
    fn origins_are_compared_with_the_public_url_when_set() {
        let plain = Settings {
            cookie_secure: false,
            public_url: None,
            session_idle: chrono::Duration::hours(2),
            org_name: String::new(),
            zoom: Default::default(),
        };
        assert!(is_own_origin(
            &plain,
            "http://127.0.0.1:3000",
            Some("127.0.0.1:3000")
        ));
        assert!(is_own_origin(
            &plain,
            "http://127.0.0.1:3000/login",
            Some("127.0.0.1:3000")
        ));
        assert!(!is_own_origin(
            &plain,
            "http://127.0.0.1:3001",
            Some("127.0.0.1:3000")
        ));
        assert!(!is_own_origin(
            &plain,
            "http://evil.example",
            Some("127.0.0.1:3000")
        ));
        assert!(!is_own_origin(&plain, "http://127.0.0.1:3000", None));
        let proxied = Settings {
            cookie_secure: false,
            public_url: Some(
                crate::server::config::PublicUrl::parse("https://formations.example.org").unwrap(),
            ),
            session_idle: chrono::Duration::hours(2),
            org_name: String::new(),
            zoom: Default::default(),
        };
        assert!(is_own_origin(
            &proxied,
            "https://formations.example.org",
            Some("10.0.0.5:3000")
        ));
        assert!(!is_own_origin(
            &proxied,
            "http://10.0.0.5:3000",
            Some("10.0.0.5:3000")
        ));
    }
}
