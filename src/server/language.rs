//! Which language a reader gets, and the FR/EN switch.
//!
//! The choice, in order: the `lang` cookie the switch sets, the language
//! saved in the signed-in user's profile, the browser's `Accept-Language`,
//! French. A language detected from the browser is never written anywhere:
//! only a click on the switch saves one.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;

use crate::domain::language::Lang;
use crate::error::AppError;
use crate::server::auth::{cookie_token, safe_next, Caller};
use crate::server::http::AppState;

/// The cookie that remembers the switch, a year long.
const COOKIE: &str = "lang";
const COOKIE_DAYS: i64 = 365;

pub fn router() -> Router<AppState> {
    Router::new().route("/langue", post(switch))
}

/// Puts the reader's language in the request (for the pages and the server
/// functions) and makes it the current one while the request is handled.
/// Runs after the session is resolved, so the profile's choice is known.
pub async fn choose(mut req: Request, next: Next) -> Response {
    let lang = reader_language(req.headers(), req.extensions().get::<Caller>());
    req.extensions_mut().insert(lang);
    crate::i18n::context::scope(lang, next.run(req)).await
}

/// The reader's language from the request alone (cookie, profile when the
/// caller is known, `Accept-Language`), French by default.
pub fn reader_language(headers: &HeaderMap, caller: Option<&Caller>) -> Lang {
    cookie_token(headers, COOKIE)
        .and_then(Lang::from_tag)
        .or_else(|| {
            caller
                .and_then(|c| c.user.as_ref())
                .and_then(|u| u.language)
        })
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct Switch {
    lang: String,
    #[serde(default)]
    next: String,
}

/// The switch, a plain form post that works without JavaScript: remembers
/// the language in the cookie and, for a signed-in user, in their profile,
/// then goes back to the page it was clicked on.
async fn switch(
    State(state): State<AppState>,
    caller: Option<axum::Extension<Caller>>,
    Form(form): Form<Switch>,
) -> Result<Response, AppError> {
    let lang = Lang::ALL
        .iter()
        .copied()
        .find(|lang| lang.code() == form.lang)
        .ok_or(AppError::BadRequest(
            crate::error::ErrorCode::SomeValuesInvalid,
        ))?;
    if let Some(user) = caller.as_ref().and_then(|c| c.user.as_ref()) {
        state.db.set_language(user.id, lang).await?;
    }
    let secure = if state.settings.cookie_secure() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        lang.code(),
        COOKIE_DAYS * 24 * 3600
    );
    let next = safe_next(
        Some(&form.next)
            .filter(|n| !n.is_empty())
            .map(String::as_str),
    );
    Ok((
        StatusCode::SEE_OTHER,
        [
            (
                header::SET_COOKIE,
                HeaderValue::from_str(&cookie).expect("ascii cookie"),
            ),
            (
                header::LOCATION,
                HeaderValue::from_str(&next).expect("a safe path"),
            ),
        ],
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn the_cookie_wins_then_the_profile_then_the_browser_then_french() {
        let chosen_en = Caller {
            user: Some(crate::domain::account::SessionUser {
                id: 1,
                email: "a@b.fr".into(),
                name: "A".into(),
                role: crate::domain::account::Role::Learner,
                language: Some(Lang::En),
                unread_notices: 0,
            }),
            token_hash: None,
        };
        let browser_fr = headers(&[("accept-language", "fr-FR,fr;q=0.9")]);
        assert_eq!(reader_language(&browser_fr, Some(&chosen_en)), Lang::En);
        let cookie_fr = headers(&[("cookie", "session=x; lang=fr"), ("accept-language", "en")]);
        assert_eq!(reader_language(&cookie_fr, Some(&chosen_en)), Lang::Fr);
        let browser_en = headers(&[("accept-language", "en-US,en;q=0.9")]);
        assert_eq!(reader_language(&browser_en, None), Lang::En);
        assert_eq!(
            reader_language(&headers(&[("accept-language", "de")]), None),
            Lang::Fr
        );
        assert_eq!(
            reader_language(&headers(&[("cookie", "lang=xx")]), None),
            Lang::Fr
        );
    }
}
