use crate::helpers::{client_for, spawn_app, PASSWORD};

fn cookie_of(resp: &reqwest::Response) -> Option<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("formations_session="))
        .map(str::to_string)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_visitor_is_sent_to_login_and_comes_back_after() {
    let app = spawn_app().await;
    let resp = app
        .client
        .get(app.url("/user/formations?status=active"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(
        resp.headers()["location"],
        "/login?next=%2Fuser%2Fformations%3Fstatus%3Dactive"
    );
    let login = app.client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(login.status().as_u16(), 200);
    assert!(login.text().await.unwrap().contains("Connexion"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_up_without_javascript_says_check_your_mail_and_opens_no_session() {
    let app = spawn_app().await;
    let resp = app
        .sign_up(&app.client, "Camille@Example.com", "Camille")
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(resp.headers()["location"], "/signup?envoye=1");
    assert!(cookie_of(&resp).is_none(), "no session before confirmation");
    let page = app
        .client
        .get(app.url("/signup?envoye=1"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Vérifiez votre boîte mail"), "{page}");
    let me = app.current_user(&app.client, None).await;
    assert!(me.is_null(), "{me}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_account_logs_in_with_an_http_only_same_site_cookie() {
    let app = spawn_app().await;
    app.sign_up(&app.client, "Camille@Example.com", "Camille")
        .await;
    let mail = app
        .wait_for_mail("camille@example.com", "/confirmer/")
        .await;
    assert_eq!(app.confirm(&app.client, &mail.token()).await.status(), 302);
    let resp = app
        .log_in(&app.client, "camille@example.com", PASSWORD)
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(resp.headers()["location"], "/user/formations");
    let cookie = cookie_of(&resp).expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let page = app
        .client
        .get(app.url("/user/formations"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Mes Formations"));
    assert!(html.contains("Camille"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_are_stored_as_argon2id_hashes() {
    let app = spawn_app().await;
    app.sign_up(&app.client, "hash@example.com", "Hash").await;
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'hash@example.com'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_up_twice_with_one_email_answers_the_same_both_times() {
    let app = spawn_app().await;
    let first = app
        .sign_up(&client_for(&app.address), "twice@example.com", "First")
        .await;
    let second = app
        .sign_up(&client_for(&app.address), "twice@example.com", "Second")
        .await;
    assert_eq!(first.status(), second.status());
    assert_eq!(first.headers()["location"], second.headers()["location"]);
    assert_eq!(second.headers()["location"], "/signup?envoye=1");
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM users")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(names, ["First"], "the second sign-up changed nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_email_at_sign_up_keeps_the_typed_values_and_says_why() {
    let app = spawn_app().await;
    let resp = app.sign_up(&app.client, "not-an-address", "Typed").await;
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/signup?error=email"), "{location}");
    assert!(location.contains("name=Typed"), "{location}");
    let page = app
        .client
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Adresse e-mail invalide."), "{page}");
    assert!(page.contains("value=\"Typed\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_password_is_refused_with_a_message_and_no_account() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post(app.url("/fn/signup"))
        .header("Accept", "application/json")
        .form(&[
            ("email", "short@example.com"),
            ("name", "S"),
            ("password", "abc"),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 422);
    let body = resp.text().await.unwrap();
    assert!(body.contains("au moins 8 caractères"), "{body}");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_or_an_unknown_email_get_the_same_401() {
    let app = spawn_app().await;
    app.sign_up_and_log_in(&app.client, "known@example.com", "Known")
        .await;
    let wrong_password = app.api_login("known@example.com", "not the password").await;
    let unknown_email = app.api_login("nobody@example.com", PASSWORD).await;
    assert_eq!(wrong_password.status().as_u16(), 401);
    assert_eq!(unknown_email.status().as_u16(), 401);
    let a: serde_json::Value = wrong_password.json().await.unwrap();
    let b: serde_json::Value = unknown_email.json().await.unwrap();
    assert_eq!(a, b);
    assert_eq!(a["detail"], "E-mail ou mot de passe incorrect.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_json_login_gives_a_bearer_token_and_a_page_session_and_logout_revokes_it() {
    let app = spawn_app().await;
    app.sign_up_and_log_in(&client_for(&app.address), "api@example.com", "Api")
        .await;
    let resp = app.api_login("api@example.com", PASSWORD).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert!(
        cookie_of(&resp).is_some(),
        "the JSON login also sets the page cookie"
    );
    let token = resp.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();

    let anonymous = crate::helpers::http();
    let me = app.current_user(&anonymous, Some(&token)).await;
    assert_eq!(me["email"], "api@example.com");

    let logout = anonymous
        .post(app.url("/api/auth/logout/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status().as_u16(), 200);
    assert!(app.current_user(&anonymous, Some(&token)).await.is_null());
    let again = anonymous
        .post(app.url("/api/auth/logout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_in_again_rotates_the_session_cookie() {
    let app = spawn_app().await;
    app.sign_up_and_log_in(&app.client, "rotate@example.com", "Rotate")
        .await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM auth_sessions")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let resp = app
        .client
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[
            ("email", "rotate@example.com"),
            ("password", PASSWORD),
            ("next", "/user/formations"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    assert!(cookie_of(&resp).is_some());
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM auth_sessions")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        before, after,
        "the old session is deleted when the new one opens"
    );
    let me = app.current_user(&app.client, None).await;
    assert_eq!(me["email"], "rotate@example.com");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_login_without_javascript_comes_back_with_the_email_kept() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[
            ("email", "who@example.com"),
            ("password", "whatever1"),
            ("next", "/user/formations"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        "/login?error=credentials&email=who%40example.com&next=%2Fuser%2Fformations"
    );
    let page = app
        .client
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("E-mail ou mot de passe incorrect."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_ends_the_session() {
    let app = spawn_app().await;
    app.sign_up_and_log_in(&app.client, "bye@example.com", "Bye")
        .await;
    let resp = app
        .client
        .post(app.url("/fn/logout"))
        .header("Accept", "text/html")
        .header("Referer", app.url("/user/formations"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(resp.headers()["location"], "/login");
    let page = app
        .client
        .get(app.url("/user/formations"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_redirect_never_leaves_the_site() {
    let app = spawn_app().await;
    app.sign_up_and_log_in(&client_for(&app.address), "next@example.com", "Next")
        .await;
    let resp = app
        .client
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[
            ("email", "next@example.com"),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["location"], "/user/formations");
}
