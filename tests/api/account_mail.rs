//! Accounts people manage themselves, with the mails they receive: sign-up
//! confirmation, password reset, e-mail and password change, sessions, and
//! an admin correcting a name. Mails go to a real SMTP server on loopback
//! (`aiosmtpd`) or to the `.eml` folder of the embedded default.

use chrono::{DateTime, Duration, Utc};
use formations::server::cli::create_user;

use crate::helpers::{client_for, http, spawn_app, spawn_app_with_smtp, TestApp, PASSWORD};

const NEW_PASSWORD: &str = "a brand new passphrase";

/// A confirmed account (made as the CLI makes them) and a browser logged
/// into it.
async fn browser_of(app: &TestApp, email: &str, admin: bool) -> (reqwest::Client, i64) {
    let id = create_user(&app.db, email, "Dominique", PASSWORD, admin)
        .await
        .unwrap();
    let client = client_for(&app.address);
    let resp = app.log_in(&client, email, PASSWORD).await;
    assert_eq!(resp.status().as_u16(), 302, "login of {email}");
    (client, id)
}

async fn bearer(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.api_login(email, password).await
}

async fn token_of(resp: reqwest::Response) -> String {
    resp.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn post_html(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(&format!("/fn/{endpoint}")))
        .header("Accept", "text/html")
        .form(form)
        .send()
        .await
        .unwrap()
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()["location"].to_str().unwrap().to_string()
}

async fn request_reset(app: &TestApp, email: &str) -> (u16, serde_json::Value) {
    let resp = http()
        .post(app.url("/api/auth/password/reset/"))
        .json(&serde_json::json!({ "email": email }))
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

async fn confirm_reset(app: &TestApp, token: &str, password: &str) -> (u16, serde_json::Value) {
    let resp = http()
        .post(app.url("/api/auth/password/reset/confirm/"))
        .json(&serde_json::json!({ "token": token, "password": password }))
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

async fn is_signed_in(app: &TestApp, client: &reqwest::Client) -> bool {
    !app.current_user(client, None).await.is_null()
}

async fn bearer_works(app: &TestApp, token: &str) -> bool {
    let (status, _) = app.get_json("/api/auth/user/formations/", token).await;
    status == 200
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_mail_reaches_the_smtp_server_and_its_link_works_once() {
    let app = spawn_app_with_smtp().await;
    app.learner("reset@example.com").await;

    let (status, body) = request_reset(&app, "reset@example.com").await;
    assert_eq!(status, 202, "{body}");
    let mail = app
        .wait_for_mail("reset@example.com", "/reinitialiser/")
        .await;

    // Multipart text + HTML, from the default sender, with a Message-ID made
    // of what the mail is about (the stored hash of its token).
    let raw = &mail.raw;
    assert!(raw.contains("multipart/alternative"), "{raw}");
    assert!(
        raw.contains("text/plain") && raw.contains("text/html"),
        "{raw}"
    );
    assert!(
        mail.header("From").unwrap().contains("no-reply@localhost"),
        "{raw}"
    );
    let token = mail.token();
    let hash = formations::server::auth::token_hash(&token);
    assert_eq!(
        mail.header("Message-ID").unwrap(),
        format!("<reset.{}@localhost>", &hash[..24])
    );
    assert!(mail.text.contains("30 minutes"), "{}", mail.text);
    assert!(mail.link().starts_with(&app.address), "{}", mail.link());

    // The link opens the new-password form to an anonymous visitor.
    let (status, page) = app.page(&http(), &mail.link_path()).await;
    assert_eq!(status, 200);
    assert!(page.contains("Choisir un nouveau mot de passe"), "{page}");

    let (status, body) = confirm_reset(&app, &token, NEW_PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = confirm_reset(&app, &token, "yet another password").await;
    assert_eq!(status, 400, "a used link: {body}");
    assert!(body["detail"].as_str().unwrap().contains("plus valable"));

    assert_eq!(
        bearer(&app, "reset@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        bearer(&app, "reset@example.com", NEW_PASSWORD)
            .await
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_revokes_every_session_and_token_of_the_user() {
    let app = spawn_app().await;
    let (browser, _) = browser_of(&app, "revoked@example.com", false).await;
    let token = token_of(bearer(&app, "revoked@example.com", PASSWORD).await).await;
    assert!(is_signed_in(&app, &browser).await);
    assert!(bearer_works(&app, &token).await);

    // The forgotten-password page, without JavaScript.
    let anonymous = client_for(&app.address);
    let resp = post_html(
        &app,
        &anonymous,
        "request_password_reset",
        &[("email", "revoked@example.com")],
    )
    .await;
    assert_eq!(location(&resp), "/mot-de-passe-oublie?envoye=1");
    let mail = app
        .wait_for_mail("revoked@example.com", "/reinitialiser/")
        .await;
    let resp = post_html(
        &app,
        &anonymous,
        "reset_password",
        &[("token", &mail.token()), ("password", NEW_PASSWORD)],
    )
    .await;
    assert_eq!(location(&resp), "/login?reinitialise=1");

    assert!(!is_signed_in(&app, &browser).await, "the browser session");
    assert!(!bearer_works(&app, &token).await, "the API token");
    let again = post_html(
        &app,
        &anonymous,
        "reset_password",
        &[("token", &mail.token()), ("password", NEW_PASSWORD)],
    )
    .await;
    assert_eq!(
        location(&again),
        format!("/reinitialiser/{}?error=link", mail.token())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_for_an_unknown_address_answers_the_same_and_sends_nothing() {
    let app = spawn_app().await;
    app.learner("known@example.com").await;
    let unknown = request_reset(&app, "nobody@example.com").await;
    let known = request_reset(&app, "known@example.com").await;
    let malformed = request_reset(&app, "not an address").await;
    assert_eq!(unknown, known);
    assert_eq!(malformed, known);
    assert_eq!(known.0, 202);
    app.wait_for_mails("known@example.com", 1).await;
    // No task is ever started for an unknown address: once the known
    // address's mail is there, nothing else will come.
    assert_eq!(app.mails().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_up_with_an_existing_address_sends_the_other_mail_and_answers_the_same() {
    let app = spawn_app_with_smtp().await;
    create_user(&app.db, "taken@example.com", "Owner", PASSWORD, false)
        .await
        .unwrap();
    let new = app
        .sign_up(&client_for(&app.address), "fresh@example.com", "Fresh")
        .await;
    let existing = app
        .sign_up(&client_for(&app.address), "taken@example.com", "Intruder")
        .await;
    assert_eq!(new.status(), existing.status());
    assert_eq!(location(&new), location(&existing));
    assert!(new.headers().get("set-cookie").is_none());
    assert!(existing.headers().get("set-cookie").is_none());

    let welcome = app.wait_for_mail("fresh@example.com", "/confirmer/").await;
    assert!(welcome.text.contains("24 heures"), "{}", welcome.text);
    let other = app
        .wait_for_mail("taken@example.com", "vous avez déjà un compte")
        .await;
    assert!(other.link_path().starts_with("/reinitialiser/"));
    assert!(other.text.contains("Bonjour Owner"), "{}", other.text);

    // The owner's account is untouched.
    assert_eq!(
        bearer(&app, "taken@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        200
    );
    let name: String =
        sqlx::query_scalar("SELECT name FROM users WHERE email = 'taken@example.com'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(name, "Owner");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unconfirmed_account_cannot_log_in_and_can_ask_for_a_new_link() {
    let app = spawn_app().await;
    app.sign_up(&client_for(&app.address), "pending@example.com", "Pending")
        .await;
    app.wait_for_mails("pending@example.com", 1).await;

    let api = bearer(&app, "pending@example.com", PASSWORD).await;
    assert_eq!(api.status().as_u16(), 403);
    let body: serde_json::Value = api.json().await.unwrap();
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("pas encore confirmée"),
        "{body}"
    );
    // A wrong password still gets the plain 401: nothing about the account.
    assert_eq!(
        bearer(&app, "pending@example.com", "wrong password")
            .await
            .status()
            .as_u16(),
        401
    );

    let browser = client_for(&app.address);
    let resp = app.log_in(&browser, "pending@example.com", PASSWORD).await;
    let back = location(&resp);
    assert!(back.starts_with("/login?error=unconfirmed"), "{back}");
    let (_, page) = app.page(&browser, &back).await;
    assert!(page.contains("pas encore confirmée"), "{page}");
    assert!(page.contains("Renvoyer le lien de confirmation"), "{page}");
    assert!(!is_signed_in(&app, &browser).await);

    // "Renvoyer le lien": the same answer for any address, a new link only
    // for the unconfirmed one.
    let resend = post_html(
        &app,
        &browser,
        "resend_confirmation",
        &[("email", "pending@example.com")],
    )
    .await;
    let unknown = post_html(
        &app,
        &browser,
        "resend_confirmation",
        &[("email", "nobody@example.com")],
    )
    .await;
    assert_eq!(location(&resend), "/renvoyer-confirmation?envoye=1");
    assert_eq!(location(&resend), location(&unknown));
    let mails = app.wait_for_mails("pending@example.com", 2).await;
    let newest = mails
        .iter()
        .map(|m| m.token())
        .collect::<std::collections::HashSet<_>>();
    assert_eq!(newest.len(), 2, "a new link each time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmation_link_works_once() {
    let app = spawn_app().await;
    let browser = client_for(&app.address);
    app.sign_up(&browser, "once@example.com", "Once").await;
    let mail = app.wait_for_mail("once@example.com", "/confirmer/").await;

    // Opening the link changes nothing (a mail scanner may open it).
    let (status, page) = app.page(&http(), &mail.link_path()).await;
    assert_eq!(status, 200);
    assert!(page.contains("Confirmer mon adresse"), "{page}");
    assert_eq!(
        bearer(&app, "once@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        403
    );

    let first = app.confirm(&browser, &mail.token()).await;
    assert_eq!(location(&first), "/login?confirme=1");
    let second = app.confirm(&browser, &mail.token()).await;
    assert_eq!(
        location(&second),
        format!("/confirmer/{}?error=link", mail.token())
    );
    let (status, body) = app
        .server_fn(&browser, "confirm_email", &[("token", &mail.token())])
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        bearer(&app, "once@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_expire_after_24_hours_for_confirmation_and_30_minutes_for_reset() {
    let app = spawn_app().await;
    let browser = client_for(&app.address);
    app.sign_up(&browser, "late@example.com", "Late").await;
    let confirm = app.wait_for_mail("late@example.com", "/confirmer/").await;
    let (status, _) = request_reset(&app, "late@example.com").await;
    assert_eq!(status, 202);
    let reset = app
        .wait_for_mail("late@example.com", "/reinitialiser/")
        .await;

    // Tokens are stored hashed, with their lifetime.
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT token_hash, purpose, created_at, expires_at FROM account_tokens ORDER BY purpose",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let lifetime = |purpose: &str| {
        let (_, _, created, expires) = rows.iter().find(|r| r.1 == purpose).unwrap();
        DateTime::parse_from_rfc3339(expires).unwrap()
            - DateTime::parse_from_rfc3339(created).unwrap()
    };
    assert_eq!(lifetime("confirm"), Duration::hours(24));
    assert_eq!(lifetime("reset"), Duration::minutes(30));
    for token in [confirm.token(), reset.token()] {
        assert!(rows.iter().all(|r| r.0 != token), "never stored in clear");
        let hash = formations::server::auth::token_hash(&token);
        assert!(rows.iter().any(|r| r.0 == hash));
    }

    // The links' time passes: their expiry moves one second into the past.
    let past = (Utc::now() - Duration::seconds(1))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    sqlx::query("UPDATE account_tokens SET expires_at = $1")
        .bind(&past)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (status, _) = app
        .server_fn(&browser, "confirm_email", &[("token", &confirm.token())])
        .await;
    assert_eq!(status, 400, "an expired confirmation link");
    let (status, _) = confirm_reset(&app, &reset.token(), NEW_PASSWORD).await;
    assert_eq!(status, 400, "an expired reset link");
    assert_eq!(
        bearer(&app, "late@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        403,
        "still unconfirmed, password unchanged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_email_takes_effect_only_when_the_new_address_confirms() {
    let app = spawn_app_with_smtp().await;
    let (browser, id) = browser_of(&app, "old@example.com", false).await;
    let resp = post_html(
        &app,
        &browser,
        "change_email",
        &[("email", "New@Example.com")],
    )
    .await;
    assert_eq!(location(&resp), "/compte?ok=email-sent");
    let email = |app: &TestApp| {
        let pool = app.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT email FROM users WHERE id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        email(&app).await,
        "old@example.com",
        "nothing before the link"
    );

    let mail = app.wait_for_mail("new@example.com", "/confirmer/").await;
    // The link works from any browser: it proves the new mailbox.
    let other = client_for(&app.address);
    let resp = app.confirm(&other, &mail.token()).await;
    assert_eq!(location(&resp), "/compte?ok=email");
    assert_eq!(email(&app).await, "new@example.com");
    assert_eq!(
        bearer(&app, "new@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        200
    );
    let again = app.confirm(&other, &mail.token()).await;
    assert!(location(&again).ends_with("?error=link"), "used once");

    // The same address again is refused with a message; typed values kept.
    let same = post_html(
        &app,
        &browser,
        "change_email",
        &[("email", "new@example.com")],
    )
    .await;
    assert_eq!(
        location(&same),
        "/compte?error=email_same&form=email&email=new%40example.com"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_to_an_address_that_has_an_account_mails_its_owner_and_changes_nothing() {
    let app = spawn_app().await;
    let (browser, _) = browser_of(&app, "mover@example.com", false).await;
    create_user(&app.db, "owner@example.com", "Owner", PASSWORD, false)
        .await
        .unwrap();
    let resp = post_html(
        &app,
        &browser,
        "change_email",
        &[("email", "owner@example.com")],
    )
    .await;
    assert_eq!(location(&resp), "/compte?ok=email-sent", "the same answer");
    let mail = app
        .wait_for_mail("owner@example.com", "vous avez déjà un compte")
        .await;
    assert!(!mail.text.contains("/confirmer/"));
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM account_tokens WHERE purpose = 'email_change'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_asks_the_current_one_and_revokes_the_other_sessions() {
    let app = spawn_app().await;
    let (browser, _) = browser_of(&app, "change@example.com", false).await;
    let phone = client_for(&app.address);
    let resp = app.log_in(&phone, "change@example.com", PASSWORD).await;
    assert_eq!(resp.status().as_u16(), 302);
    let token = token_of(bearer(&app, "change@example.com", PASSWORD).await).await;

    let wrong = post_html(
        &app,
        &browser,
        "change_password",
        &[
            ("current_password", "not it at all"),
            ("password", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(
        location(&wrong),
        "/compte?error=current_password&form=password"
    );
    let (_, page) = app.page(&browser, &location(&wrong)).await;
    assert!(
        page.contains("Le mot de passe actuel est incorrect."),
        "{page}"
    );
    assert!(
        is_signed_in(&app, &phone).await,
        "a refused change revokes nothing"
    );

    let ok = post_html(
        &app,
        &browser,
        "change_password",
        &[("current_password", PASSWORD), ("password", NEW_PASSWORD)],
    )
    .await;
    assert_eq!(location(&ok), "/compte?ok=password");
    assert!(
        is_signed_in(&app, &browser).await,
        "this session stays open"
    );
    assert!(
        !is_signed_in(&app, &phone).await,
        "the other browser is out"
    );
    assert!(
        !bearer_works(&app, &token).await,
        "the API token is revoked"
    );
    assert_eq!(
        bearer(&app, "change@example.com", NEW_PASSWORD)
            .await
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_everywhere_revokes_every_session_and_token() {
    let app = spawn_app().await;
    let (browser, _) = browser_of(&app, "all@example.com", false).await;
    let laptop = client_for(&app.address);
    app.log_in(&laptop, "all@example.com", PASSWORD).await;
    let token = token_of(bearer(&app, "all@example.com", PASSWORD).await).await;
    let (other_user_browser, _) = browser_of(&app, "bystander@example.com", false).await;

    let resp = post_html(&app, &browser, "logout_everywhere", &[]).await;
    assert_eq!(location(&resp), "/login");
    assert!(!is_signed_in(&app, &browser).await);
    assert!(!is_signed_in(&app, &laptop).await);
    assert!(!bearer_works(&app, &token).await);
    assert!(
        is_signed_in(&app, &other_user_browser).await,
        "another user's session is untouched"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_lists_the_sessions_and_ends_one() {
    let app = spawn_app().await;
    let (browser, _) = browser_of(&app, "list@example.com", false).await;
    let laptop = client_for(&app.address);
    let resp = laptop
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .header(
            "User-Agent",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        )
        .form(&[
            ("email", "list@example.com"),
            ("password", PASSWORD),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);

    let (status, page) = app.page(&browser, "/compte").await;
    assert_eq!(status, 200);
    assert!(page.contains("Mon compte") && page.contains("list@example.com"));
    assert!(page.contains("Firefox sur Linux"), "{page}");
    assert!(page.contains("Cette session"));
    assert!(page.contains("Se déconnecter de partout"));

    let (status, body) = app.server_fn(&browser, "get_account", &[]).await;
    assert_eq!(status, 200, "{body}");
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    let sessions = view["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    let other = sessions.iter().find(|s| s["current"] == false).unwrap();
    let key = other["key"].as_str().unwrap().to_string();

    // Another user cannot end it.
    let (intruder, _) = browser_of(&app, "intruder@example.com", false).await;
    let (status, _) = app
        .server_fn(&intruder, "revoke_session", &[("key", &key)])
        .await;
    assert_eq!(status, 404);
    assert!(is_signed_in(&app, &laptop).await);

    let resp = post_html(&app, &browser, "revoke_session", &[("key", &key)]).await;
    assert_eq!(location(&resp), "/compte?ok=session");
    assert!(!is_signed_in(&app, &laptop).await, "that session is over");
    assert!(is_signed_in(&app, &browser).await, "this one is not");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_corrects_their_own_name_without_an_audit_line() {
    let app = spawn_app().await;
    let (browser, id) = browser_of(&app, "rename@example.com", false).await;
    let blank = post_html(&app, &browser, "update_name", &[("name", "   ")]).await;
    assert_eq!(location(&blank), "/compte?error=name&form=name");
    let resp = post_html(
        &app,
        &browser,
        "update_name",
        &[("name", " Dominique Martin ")],
    )
    .await;
    assert_eq!(location(&resp), "/compte?ok=name");
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(name, "Dominique Martin");
    let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(audit, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_correcting_a_learners_name_is_recorded_in_the_audit_log() {
    let app = spawn_app().await;
    let (admin, _) = browser_of(&app, "boss@example.com", true).await;
    let (learner, learner_id) = browser_of(&app, "learner@example.com", false).await;
    let formation = app.formation("Rust").await;
    let id = learner_id.to_string();
    let formation_id = formation.to_string();

    let (status, _) = app
        .server_fn(
            &learner,
            "admin_rename_user",
            &[
                ("user_id", &id),
                ("name", "Hacked"),
                ("formation_id", &formation_id),
            ],
        )
        .await;
    assert_eq!(status, 403, "a learner cannot");

    let resp = post_html(
        &app,
        &admin,
        "admin_rename_user",
        &[
            ("user_id", &id),
            ("name", "Dominique Durand"),
            ("formation_id", &formation_id),
        ],
    )
    .await;
    // Back to the list, which says it was done.
    assert!(
        location(&resp).starts_with(&format!(
            "/admin/formations/{formation}/inscriptions?flash=learner-renamed&t="
        )),
        "{}",
        location(&resp)
    );
    let (action, entity_id, before, after, actor): (String, i64, String, String, String) =
        sqlx::query_as(
            "SELECT action, entity_id, before_json, after_json, actor_email FROM audit_log",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(action, "user.rename");
    assert_eq!(entity_id, learner_id);
    assert_eq!(before, r#"{"name":"Dominique"}"#);
    assert_eq!(after, r#"{"name":"Dominique Durand"}"#);
    assert_eq!(actor, "boss@example.com");
    assert_eq!(
        app.current_user(&learner, None).await["name"],
        "Dominique Durand"
    );

    let (status, _) = app
        .server_fn(
            &admin,
            "admin_rename_user",
            &[
                ("user_id", "999999"),
                ("name", "Nobody"),
                ("formation_id", &formation_id),
            ],
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_smtp_server_neither_breaks_the_request_nor_tells_anything() {
    // An SMTP server that was there and is gone: the port refuses.
    let mut app = spawn_app_with_smtp().await;
    drop(app._smtp.take());
    app.learner("down@example.com").await;
    let known = request_reset(&app, "down@example.com").await;
    let unknown = request_reset(&app, "nobody@example.com").await;
    assert_eq!(known, unknown);
    assert_eq!(known.0, 202);
    let resp = app
        .sign_up(&client_for(&app.address), "new@example.com", "New")
        .await;
    assert_eq!(location(&resp), "/signup?envoye=1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_to_recover_an_account_are_public_and_the_account_page_is_not() {
    let app = spawn_app().await;
    for path in [
        "/mot-de-passe-oublie",
        "/renvoyer-confirmation",
        "/reinitialiser/some-token",
        "/confirmer/some-token",
    ] {
        let (status, _) = app.page(&client_for(&app.address), path).await;
        assert_eq!(status, 200, "{path}");
    }
    let (status, _) = app.page(&client_for(&app.address), "/compte").await;
    assert_eq!(status, 303);
    for endpoint in ["get_account", "logout_everywhere"] {
        let (status, _) = app.server_fn(&http(), endpoint, &[]).await;
        assert_eq!(status, 401, "{endpoint}");
    }
    let (status, _) = app
        .server_fn(&http(), "update_name", &[("name", "Anonymous")])
        .await;
    assert_eq!(status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_speaks_its_recipients_saved_language_else_the_requests() {
    let app = spawn_app().await;

    // Chose English once (here straight in the table); asks in French.
    app.learner("english@example.com").await;
    sqlx::query("UPDATE users SET language = 'en' WHERE email = 'english@example.com'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (status, body) = request_reset(&app, "english@example.com").await;
    assert_eq!(status, 202, "{body}");
    let mail = app
        .wait_for_mail("english@example.com", "/reinitialiser/")
        .await;
    assert_eq!(mail.header("Subject").unwrap(), "Reset your password");
    assert!(mail.text.starts_with("Hello Learner,"), "{}", mail.text);
    assert!(mail.text.contains("valid for 30 minutes"), "{}", mail.text);
    assert!(mail.raw.contains("lang=3D\"en\""), "{}", mail.raw);
    assert!(!mail.text.contains("Bonjour"), "{}", mail.text);

    // Chose French: an English request does not change their mail.
    app.learner("francais@example.com").await;
    sqlx::query("UPDATE users SET language = 'fr' WHERE email = 'francais@example.com'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let resp = http()
        .post(app.url("/api/auth/password/reset/"))
        .header("Accept-Language", "en")
        .json(&serde_json::json!({ "email": "francais@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 202);
    let mail = app
        .wait_for_mail("francais@example.com", "/reinitialiser/")
        .await;
    assert!(mail.text.starts_with("Bonjour Learner,"), "{}", mail.text);

    // Not a user yet: the sign-up's own language, subject and body.
    let resp = client_for(&app.address)
        .post(app.url("/fn/signup"))
        .header("Accept", "text/html")
        .header("Accept-Language", "en-US,en;q=0.9")
        .header("Referer", app.url("/signup"))
        .form(&[
            ("email", "newcomer@example.com"),
            ("name", "Newcomer"),
            ("password", PASSWORD),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&resp), "/signup?envoye=1");
    let mail = app
        .wait_for_mail("newcomer@example.com", "/confirmer/")
        .await;
    assert_eq!(
        mail.header("Subject").unwrap(),
        "Confirm your e-mail address"
    );
    assert!(mail.text.starts_with("Hello Newcomer,"), "{}", mail.text);
    assert!(mail.text.contains("valid for 24 hours"), "{}", mail.text);
    assert!(!mail.text.contains("Bonjour"), "{}", mail.text);
}
