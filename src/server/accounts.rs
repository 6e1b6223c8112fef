//! What people do with their own account: sign up and confirm the address,
//! recover a forgotten password, change their e-mail, password and name,
//! see and end their sessions. Server functions and the REST API both call
//! these, so each rule lives once.
//!
//! Every link sent by mail is single-use, expires, and is stored only as the
//! SHA-256 of its token. The answers never say whether an address has an
//! account: the same words, and the mail is sent from a task of its own.
//!
//! A mail is written in the language its recipient chose; one who never
//! chose (or has no account yet) gets the language of the request that
//! caused it.

use axum::http::HeaderMap;
use chrono::Utc;

use crate::domain::account::{
    device_label, AccountView, DisplayName, Email, LinkPurpose, LoginSessionView, Password,
    SessionUser, CONFIRM_LINK_HOURS, EMAIL_CHANGE_LINK_HOURS, RESET_LINK_MINUTES,
};
use crate::domain::language::Lang;
use crate::error::{AppError, ErrorCode};
use crate::i18n::tr;
use crate::server::auth;
use crate::server::db::Db;
use crate::server::http::AppState;
use crate::server::mail::OutgoingMail;
use crate::server::store::users::{AccountRow, LinkOutcome, SESSION_KEY_CHARS};

/// The pages an anonymous visitor needs to get into their account.
pub fn is_public_page(path: &str) -> bool {
    matches!(path, "/mot-de-passe-oublie" | "/renvoyer-confirmation")
        || path.starts_with("/reinitialiser/")
        || path.starts_with("/confirmer/")
}

/// The base of the links in a mail caused by the current server-function
/// call.
pub fn request_base_url() -> String {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .map(|parts| super::state().settings.base_url(&parts.headers))
        .unwrap_or_else(|| super::state().settings.base_url(&HeaderMap::new()))
}

/// Sign-up: a new address gets a confirmation link (the account cannot log
/// in before); a known one gets "vous avez déjà un compte" with a reset
/// link, or a fresh confirmation link if it was never confirmed. The caller
/// answers "Vérifiez votre boîte mail" in every case.
pub async fn sign_up(
    state: &AppState,
    client: std::net::IpAddr,
    base: &str,
    email: &str,
    name: &str,
    password: &str,
    next: Option<&str>,
) -> Result<(), AppError> {
    let email = Email::parse(email)?;
    let name = DisplayName::parse(name)?;
    // Where the new learner was going (a formation of the catalogue, to
    // ask for a place): carried by the confirmation link, then the login.
    let next = next
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| auth::safe_next(Some(n)));
    let password = Password::parse(password)?;
    // Well-formed sign-ups are counted per address, before any hashing.
    state.limits.check_signup(client)?;
    // Hashed for a known address too: both answers take the same time.
    let hash = auth::hash_password(password).await?;
    match state
        .db
        .insert_unconfirmed_user(&email, name.as_str(), &hash)
        .await
    {
        // A new account has no saved language yet: the sign-up's own.
        Ok(user_id) => {
            let lang = mail_language(None);
            send_confirmation(
                state,
                base,
                lang,
                user_id,
                &email,
                name.as_str(),
                next.as_deref(),
            )
            .await
        }
        Err(AppError::Invalid(ErrorCode::EmailTaken)) => {
            match state.db.account_by_email(&email).await? {
                Some(account) if account.is_confirmed() => {
                    send_reset(state, base, &account, ResetReason::ExistingAccount).await
                }
                Some(account) => {
                    let lang = mail_language(account.saved_language());
                    send_confirmation(
                        state,
                        base,
                        lang,
                        account.id,
                        &email,
                        &account.name,
                        next.as_deref(),
                    )
                    .await
                }
                None => Ok(()),
            }
        }
        Err(err) => Err(err),
    }
}

/// "Renvoyer le lien": a fresh confirmation link for an unconfirmed
/// account; nothing otherwise, and the same answer.
pub async fn resend_confirmation(
    state: &AppState,
    base: &str,
    email: &str,
) -> Result<(), AppError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    match state.db.account_by_email(&email).await? {
        Some(account) if !account.is_confirmed() => {
            let lang = mail_language(account.saved_language());
            send_confirmation(state, base, lang, account.id, &email, &account.name, None).await
        }
        _ => Ok(()),
    }
}

/// "Mot de passe oublié": a reset link valid 30 minutes to a known address;
/// nothing otherwise, and the same answer.
pub async fn request_reset(state: &AppState, base: &str, email: &str) -> Result<(), AppError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    match state.db.account_by_email(&email).await? {
        Some(account) => send_reset(state, base, &account, ResetReason::Forgotten).await,
        None => Ok(()),
    }
}

/// Follows a reset link: the new password is set and every session and API
/// token of the user is revoked. A used, expired or unknown link is a 400.
pub async fn reset_password(db: &Db, token: &str, password: &str) -> Result<(), AppError> {
    let token_hash = auth::token_hash(token.trim());
    if !db.reset_token_is_live(&token_hash, Utc::now()).await? {
        return Err(AppError::BadRequest(ErrorCode::LinkInvalid));
    }
    let password = Password::parse(password)?;
    let hash = auth::hash_password(password).await?;
    db.reset_password(&token_hash, &hash, Utc::now()).await?;
    Ok(())
}

/// Follows a confirmation link (sign-up or e-mail change).
pub async fn follow_confirmation_link(db: &Db, token: &str) -> Result<LinkOutcome, AppError> {
    db.follow_confirmation_link(&auth::token_hash(token.trim()), Utc::now())
        .await
}

/// A new address on `/compte`: nothing changes until the link sent to it is
/// followed. An address that already has an account gets "vous avez déjà un
/// compte" instead; the answer is the same either way.
pub async fn request_email_change(
    state: &AppState,
    base: &str,
    user: &SessionUser,
    new_email: &str,
) -> Result<(), AppError> {
    let new_email = Email::parse(new_email)?;
    if new_email.as_str() == user.email {
        return Err(AppError::Invalid(ErrorCode::EmailSame));
    }
    if let Some(other) = state.db.account_by_email(&new_email).await? {
        return send_reset(state, base, &other, ResetReason::ExistingAccount).await;
    }
    let (token, hash) = auth::new_token();
    state
        .db
        .insert_account_token(
            &hash,
            user.id,
            LinkPurpose::EmailChange,
            Some(&new_email),
            Utc::now(),
        )
        .await?;
    send(
        state,
        MailKind::EmailChange,
        // The new address is the same person's: their saved language.
        mail_language(user.language),
        new_email.as_str(),
        &user.name,
        &format!("{base}/confirmer/{token}"),
        &hash,
    );
    Ok(())
}

/// A new password on `/compte`: asks the current one; every other session
/// and token of the user is revoked, the current one stays open.
pub async fn change_password(
    db: &Db,
    user: &SessionUser,
    current_token_hash: &str,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let stored = db.password_hash(user.id).await?;
    if !auth::password_matches(current.to_string(), stored).await? {
        return Err(AppError::Invalid(ErrorCode::CurrentPasswordWrong));
    }
    let new = Password::parse(new)?;
    let hash = auth::hash_password(new).await?;
    db.change_password(user.id, &hash, current_token_hash).await
}

/// What `/compte` shows: the user and their open sessions, this one marked,
/// described in the request's language.
pub async fn account_view(
    db: &Db,
    user: &SessionUser,
    current_token_hash: Option<&str>,
) -> Result<AccountView, AppError> {
    let sessions = db.login_sessions(user.id, Utc::now()).await?;
    let lang = crate::i18n::current();
    Ok(AccountView {
        name: user.name.clone(),
        email: user.email.clone(),
        sessions: sessions
            .into_iter()
            .map(|s| LoginSessionView {
                key: s.token_hash[..SESSION_KEY_CHARS].to_string(),
                kind: if s.kind == "bearer" {
                    crate::i18n::tr(lang, "auth-session-kind-api", &[])
                } else {
                    crate::i18n::tr(lang, "auth-session-kind-browser", &[])
                },
                device: device_label(lang, s.user_agent.as_deref()),
                created_at: s.created_at,
                current: current_token_hash == Some(s.token_hash.as_str()),
            })
            .collect(),
    })
}

/// Notes which client opened a new session, for the sessions list.
pub async fn record_device(db: &Db, token: &str, headers: &HeaderMap) -> Result<(), AppError> {
    let agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if agent.is_empty() {
        return Ok(());
    }
    db.set_session_user_agent(&auth::token_hash(token), agent)
        .await
}

/// The language of a mail: the recipient's saved one, else the current
/// request's.
fn mail_language(saved: Option<Lang>) -> Lang {
    saved.unwrap_or_else(crate::i18n::current)
}

async fn send_confirmation(
    state: &AppState,
    base: &str,
    lang: Lang,
    user_id: i64,
    email: &Email,
    name: &str,
    next: Option<&str>,
) -> Result<(), AppError> {
    let (token, hash) = auth::new_token();
    let next: String = next
        .map(|n| {
            let encoded: String = url::form_urlencoded::byte_serialize(n.as_bytes()).collect();
            format!("?next={encoded}")
        })
        .unwrap_or_default();
    state
        .db
        .insert_account_token(&hash, user_id, LinkPurpose::Confirm, None, Utc::now())
        .await?;
    send(
        state,
        MailKind::Confirm,
        lang,
        email.as_str(),
        name,
        &format!("{base}/confirmer/{token}{next}"),
        &hash,
    );
    Ok(())
}

/// Why a reset link is mailed.
#[derive(Clone, Copy)]
enum ResetReason {
    /// The owner asked for it.
    Forgotten,
    /// Someone tried to sign up or move an account to an address that
    /// already has one: the mail says so, with a link in case the owner
    /// forgot their password.
    ExistingAccount,
}

async fn send_reset(
    state: &AppState,
    base: &str,
    account: &AccountRow,
    reason: ResetReason,
) -> Result<(), AppError> {
    let (token, hash) = new_reset_token(state, account).await?;
    send(
        state,
        MailKind::Reset(reason),
        // The account's owner, whoever caused the mail: their saved language.
        mail_language(account.saved_language()),
        &account.email,
        &account.name,
        &format!("{base}/reinitialiser/{token}"),
        &hash,
    );
    Ok(())
}

async fn new_reset_token(
    state: &AppState,
    account: &AccountRow,
) -> Result<(String, String), AppError> {
    let (token, hash) = auth::new_token();
    state
        .db
        .insert_account_token(&hash, account.id, LinkPurpose::Reset, None, Utc::now())
        .await?;
    Ok((token, hash))
}

/// What an account mail is for.
#[derive(Clone, Copy)]
enum MailKind {
    /// A sign-up's confirmation link.
    Confirm,
    /// The link that moves an account to a new address.
    EmailChange,
    /// A password-reset link, for one of two reasons.
    Reset(ResetReason),
}

impl MailKind {
    /// The beginning of the Message-ID, before the token hash's prefix.
    fn about(self) -> &'static str {
        match self {
            MailKind::Confirm => "confirm",
            MailKind::EmailChange => "email-change",
            MailKind::Reset(ResetReason::Forgotten) => "reset",
            MailKind::Reset(ResetReason::ExistingAccount) => "existing",
        }
    }
}

/// Sends the mail of this kind with its link, from a task of its own.
fn send(
    state: &AppState,
    kind: MailKind,
    lang: Lang,
    to: &str,
    name: &str,
    link: &str,
    token_hash: &str,
) {
    let message_id = state
        .mailer
        .message_id(&format!("{}.{}", kind.about(), &token_hash[..24]));
    state
        .mailer
        .send_in_background(account_mail(kind, lang, to, name, link, message_id));
}

/// The words of a mail of this kind in `lang`.
fn account_mail(
    kind: MailKind,
    lang: Lang,
    to: &str,
    name: &str,
    link: &str,
    message_id: String,
) -> OutgoingMail {
    let hours = |n: i64| [("hours", n.into())];
    let minutes = [("minutes", RESET_LINK_MINUTES.into())];
    // One message per kind, its parts as attributes (`mail-reset.subject`…).
    let (id, validity_args) = match kind {
        MailKind::Confirm => ("mail-confirm", hours(CONFIRM_LINK_HOURS)),
        MailKind::EmailChange => ("mail-email-change", hours(EMAIL_CHANGE_LINK_HOURS)),
        MailKind::Reset(ResetReason::Forgotten) => ("mail-reset", minutes),
        MailKind::Reset(ResetReason::ExistingAccount) => ("mail-existing", minutes),
    };
    let part = |attribute: &str, args: &[(&str, crate::i18n::Arg)]| {
        tr(lang, &format!("{id}.{attribute}"), args)
    };
    let (subject, intro, validity, button, closing) = (
        part("subject", &[]),
        part("intro", &[]),
        part("validity", &validity_args),
        part("button", &[]),
        part("closing", &[]),
    );
    compose(
        lang,
        to,
        name,
        &subject,
        &[&intro, &validity],
        (&button, link),
        &closing,
        message_id,
    )
}

/// One account mail, in plain text and HTML: a greeting, the paragraphs,
/// the link as a button (and written out), and a closing line, all in
/// `lang`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn compose(
    lang: Lang,
    to: &str,
    name: &str,
    subject: &str,
    paragraphs: &[&str],
    (label, link): (&str, &str),
    closing: &str,
    message_id: String,
) -> OutgoingMail {
    let greeting = tr(lang, "mail-greeting", &[("name", name.into())]);
    let signature = tr(lang, "mail-signature", &[]);
    let mut text = format!("{greeting}\n\n");
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text.push_str(&format!("{link}\n\n{closing}\n\n{signature}\n"));

    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family: system-ui, sans-serif; color: #1f2933; line-height: 1.5\">\
         <p>{}</p>",
        lang.code(),
        escape_html(subject),
        escape_html(&greeting)
    );
    for p in paragraphs {
        html.push_str(&format!("<p>{}</p>", escape_html(p)));
    }
    let link = escape_html(link);
    html.push_str(&format!(
        "<p><a href=\"{link}\" style=\"display: inline-block; padding: 0.6em 1.2em; background: #1d4ed8; color: #fff; border-radius: 6px; text-decoration: none\">{}</a></p>\
         <p style=\"font-size: 0.9em\">{}<br>{link}</p>\
         <p style=\"font-size: 0.9em; color: #52606d\">{}</p><p>{}</p></body></html>",
        escape_html(label),
        escape_html(&tr(lang, "mail-copy-link", &[])),
        escape_html(closing),
        escape_html(&signature)
    ));
    OutgoingMail {
        to: to.to_string(),
        subject: subject.to_string(),
        text,
        html,
        message_id,
        attachments: Vec::new(),
        list_unsubscribe: None,
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_to_get_into_an_account_are_public() {
        assert!(is_public_page("/mot-de-passe-oublie"));
        assert!(is_public_page("/reinitialiser/abc"));
        assert!(is_public_page("/confirmer/abc"));
        assert!(is_public_page("/renvoyer-confirmation"));
        assert!(!is_public_page("/compte"));
    }

    #[test]
    fn names_in_html_mails_are_escaped() {
        assert_eq!(
            escape_html("<b>Jo & \"Al\"</b>"),
            "&lt;b&gt;Jo &amp; &quot;Al&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn a_mail_is_written_whole_in_its_language() {
        let link = "http://h/reinitialiser/t";
        let kind = MailKind::Reset(ResetReason::Forgotten);
        let french = account_mail(kind, Lang::Fr, "a@b.fr", "Jo", link, "<m@h>".into());
        assert_eq!(french.subject, "Réinitialisation de votre mot de passe");
        assert_eq!(
            french.text,
            "Bonjour Jo,\n\n\
             Une réinitialisation du mot de passe de votre compte Formations a été demandée.\n\n\
             Pour choisir un nouveau mot de passe, suivez ce lien, valable 30 minutes et utilisable une seule fois :\n\n\
             http://h/reinitialiser/t\n\n\
             Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.\n\n\
             — Formations\n"
        );
        assert!(french.html.contains("<html lang=\"fr\">"));
        let english = account_mail(kind, Lang::En, "a@b.fr", "Jo", link, "<m@h>".into());
        assert_eq!(english.subject, "Reset your password");
        assert!(
            english.text.starts_with("Hello Jo,\n\n"),
            "{}",
            english.text
        );
        assert!(english.html.contains("<html lang=\"en\">"));
        for french_word in ["Bonjour", "votre", "Ou copiez"] {
            assert!(!english.text.contains(french_word), "{}", english.text);
            assert!(!english.html.contains(french_word), "{}", english.html);
        }
    }
}
