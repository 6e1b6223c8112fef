//! The HTTP edge: redirects, panics, headers, body limits, the public URL and
//! the checks on links and form values (issue "Hardening the HTTP edge").

use axum::routing::post;
use axum::Router;
use formations::server::config::PublicUrl;

use crate::helpers::{client_for, http, spawn_app, spawn_app_with, TestApp, PASSWORD};

/// Logs in through the login server function as a form post without
/// JavaScript, with the given `next`, and returns where it redirects.
async fn login_redirect(app: &TestApp, email: &str, next: &str) -> (u16, String) {
    let resp = client_for(&app.address)
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[("email", email), ("password", PASSWORD), ("next", next)])
        .send()
        .await
        .expect("the connection must not drop");
    let location = resp
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (resp.status().as_u16(), location)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_login_only_a_path_on_this_site_is_followed_and_odd_characters_never_drop_the_connection(
) {
    let app = spawn_app().await;
    app.learner("next@example.com").await;
    for (next, expected) in [
        (
            "/user/formations?status=active",
            "/user/formations?status=active",
        ),
        ("/\t/evil.example", "/user/formations"),
        ("/\u{1}", "/user/formations"),
        ("//evil.example", "/user/formations"),
        ("/\\evil.example", "/user/formations"),
        ("https://evil.example/", "/user/formations"),
        ("/\r\nSet-Cookie: x=1", "/user/formations"),
        ("javascript:alert(1)", "/user/formations"),
    ] {
        let (status, location) = login_redirect(&app, "next@example.com", next).await;
        assert_eq!(status, 302, "next={next:?}");
        assert_eq!(location, expected, "next={next:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_a_handler_is_the_500_page_and_not_a_dropped_connection() {
    let app = spawn_app().await;
    // A POST: an anonymous GET would be sent to the login page first.
    let boom = Router::new().route(
        "/boom",
        post(|| async {
            panic!("a handler bug");
            #[allow(unreachable_code)]
            ""
        }),
    );
    let router = formations::server::http::with_edge_layers(boom, app.state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    let resp = http()
        .post(format!("{address}/boom"))
        .send()
        .await
        .expect("a panic must not drop the connection");
    assert_eq!(resp.status().as_u16(), 500);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    assert!(resp.text().await.unwrap().contains("Une erreur interne"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_server_function_arguments_are_a_400_with_a_message_on_every_endpoint() {
    let app = spawn_app().await;
    let endpoints = crate::helpers::declared_endpoints("");
    assert!(endpoints.len() > 20, "found {endpoints:?}");
    let client = client_for(&app.address);
    // Every numeric argument of this code base is one of these names; a
    // word where a number is expected cannot be decoded.
    let malformed = [
        ("id", "abc"),
        ("formation_id", "abc"),
        ("session_id", "abc"),
        ("enrollment_id", "abc"),
        ("request_id", "abc"),
        ("user_id", "abc"),
        ("version", "abc"),
        ("archived", "false"),
        ("present", "maybe"),
        ("before", "abc"),
    ];
    let mut decoded_as_bad = 0;
    for endpoint in &endpoints {
        for body in ["%%%=%%%&&==", ""] {
            for accept in ["application/json", "text/html"] {
                let resp = client
                    .post(app.url(&format!("/fn/{endpoint}")))
                    .header("Accept", accept)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(format!("{body}&{}", serde_urlencoded(&malformed)))
                    .send()
                    .await
                    .unwrap();
                let status = resp.status().as_u16();
                let text = resp.text().await.unwrap();
                assert!(
                    status < 500,
                    "{endpoint} ({accept}, body {body:?}) answered {status}: {text}"
                );
                if text.contains("Requête invalide") {
                    assert_eq!(status, 400, "{endpoint}: {text}");
                    decoded_as_bad += 1;
                }
            }
        }
    }
    assert!(
        decoded_as_bad > 10,
        "most endpoints take a number: {decoded_as_bad}"
    );
    // The example of the issue, exactly.
    let (admin, _) = app.signed_in_admin("bad-args@example.com").await;
    let resp = admin
        .post(app.url("/fn/admin_archive_formation"))
        .header("Accept", "application/json")
        .form(&[("id", "1"), ("archived", "false"), ("confirm", "on")])
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    assert!(
        status == 400 || (200..300).contains(&status) || status == 404 || status == 422,
        "{status}: {text}"
    );
    assert_ne!(status, 500);
}

fn serde_urlencoded(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn assert_private(what: &str, resp: &reqwest::Response) {
    let h = resp.headers();
    assert_eq!(h["cache-control"], "no-store", "{what}");
    assert_eq!(h["vary"], "Cookie, Authorization", "{what}");
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(
        h["referrer-policy"], "strict-origin-when-cross-origin",
        "{what}"
    );
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{what}: {csp}");
}

fn nonce_of(csp: &str) -> String {
    csp.split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_dynamic_answer_is_private_and_the_page_scripts_carry_the_nonce_of_the_policy() {
    let app = spawn_app().await;
    let learner = app.learner("headers@example.com").await;
    let (browser, _) = app.signed_in_learner("headers-page@example.com").await;
    let anonymous = client_for(&app.address);

    for path in [
        "/user/formations",
        "/user",
        "/formations",
        "/admin",
        "/user/formations/999999",
        "/nothing/here",
    ] {
        let resp = browser.get(app.url(path)).send().await.unwrap();
        let status = resp.status().as_u16();
        assert_private(path, &resp);
        let csp = resp.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        let html = resp.text().await.unwrap();
        if status == 200 || status == 404 {
            let nonce = nonce_of(&csp);
            assert!(
                html.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: the scripts must carry the policy's nonce"
            );
            assert!(
                !html.contains("<script>") && !html.contains("<script type=\"module\">"),
                "{path}: no script without a nonce"
            );
        }
    }
    let first = anonymous.get(app.url("/login")).send().await.unwrap();
    let second = anonymous.get(app.url("/login")).send().await.unwrap();
    assert_private("/login", &first);
    assert_ne!(
        nonce_of(first.headers()["content-security-policy"].to_str().unwrap()),
        nonce_of(
            second.headers()["content-security-policy"]
                .to_str()
                .unwrap()
        ),
        "one nonce per response"
    );

    let resp = browser
        .post(app.url("/fn/my_formations"))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_private("/fn/my_formations", &resp);

    let resp = http()
        .get(app.url("/api/auth/user/formations/"))
        .bearer_auth(&learner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_private("REST", &resp);
    let resp = http().get(app.url("/api/nothing/")).send().await.unwrap();
    assert_private("REST 404", &resp);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_with_origin_null_is_refused() {
    let app = spawn_app().await;
    app.learner("null-origin@example.com").await;
    let resp = http()
        .post(app.url("/fn/login"))
        .header("Origin", "null")
        .form(&[("email", "null-origin@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
    assert!(resp.headers().get("set-cookie").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_proxy_the_public_url_decides_the_origin_check_the_cookie_and_hsts() {
    let app = spawn_app_with(
        |config| {
            config.public_url = Some(PublicUrl::parse("https://formations.example.org").unwrap());
        },
        None,
    )
    .await;
    app.learner("proxied@example.com").await;
    let no_redirect = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login = |origin: &'static str| {
        let url = app.url("/fn/login");
        let client = no_redirect.clone();
        async move {
            client
                .post(url)
                .header("Origin", origin)
                .header("Accept", "text/html")
                .form(&[
                    ("email", "proxied@example.com"),
                    ("password", PASSWORD),
                    ("next", ""),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    // The proxy rewrote Host: the request's own address is not the site.
    let own_host = login(Box::leak(app.address.clone().into_boxed_str())).await;
    assert_eq!(own_host.status().as_u16(), 403);
    let resp = login("https://formations.example.org").await;
    assert_eq!(resp.status().as_u16(), 302);
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("__Host-formations_session=") && cookie.contains("; Secure"),
        "{cookie}"
    );
    assert!(
        resp.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age="),
        "HSTS over https"
    );
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_string();
    let page = http()
        .get(app.url("/user/formations"))
        .header("Cookie", format!("__Host-formations_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200, "the prefixed cookie signs in");

    // Without the variable, no HSTS and the plain cookie name.
    let plain = spawn_app().await;
    let resp = http().get(plain.url("/login")).send().await.unwrap();
    assert!(resp.headers().get("strict-transport-security").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_are_a_413_and_overlong_fields_a_clear_422() {
    let app = spawn_app().await;
    let resp = http()
        .post(app.url("/api/auth/login/"))
        .header("Content-Type", "application/json")
        .body(format!("{{\"email\":\"{}\"}}", "a".repeat(70 * 1024)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 413);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("64 Ko"));

    let sent = http()
        .post(app.url("/fn/login"))
        .form(&[
            ("email", "x@example.com"),
            ("password", &"p".repeat(3 * 1024 * 1024)),
        ])
        .send()
        .await;
    // The server answers 413 as soon as the limit is passed and closes the
    // connection: the client, still writing, may see its pipe broken
    // before it reads that answer. Either way nothing past the limit was
    // taken; any other answer fails.
    match sent {
        Ok(resp) => assert_eq!(resp.status().as_u16(), 413),
        Err(err) => assert!(
            format!("{err:?}").contains("BodyWrite"),
            "neither a 413 nor a refused body: {err:?}"
        ),
    }

    let (admin, _) = app.signed_in_admin("long@example.com").await;
    for (field, value, message) in [
        ("name", "n".repeat(201), "200 caractères"),
        ("description", "d".repeat(5_001), "5 000 caractères"),
        ("meeting_id", "1".repeat(201), "200 caractères"),
        (
            "meeting_link",
            format!("https://zoom.us/j/{}", "1".repeat(2_000)),
            "2 000 caractères",
        ),
    ] {
        let mut form = vec![
            ("name", "Rust".to_string()),
            ("description", "Un cours".into()),
            ("level", "beginner".into()),
            ("platform", "zoom".into()),
            ("meeting_link", "https://zoom.us/j/1".into()),
            ("instructor_name", "Jane".into()),
            ("schedule_description", "Mar-Jeu".into()),
            ("timezone", "Europe/Paris".into()),
        ];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let resp = admin
            .post(app.url("/fn/admin_create_formation"))
            .header("Accept", "application/json")
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 422, "{field}");
        let text = resp.text().await.unwrap();
        assert!(text.contains(message), "{field}: {text}");
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM formations")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing was saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_files_never_look_up_the_session() {
    let app = spawn_app().await;
    let learner = app.learner("pkg@example.com").await;
    let before = app.db.query_count();
    for _ in 0..5 {
        http()
            .get(app.url("/pkg/formations.css"))
            .bearer_auth(&learner.token)
            .header("Cookie", format!("formations_session={}", learner.token))
            .send()
            .await
            .unwrap();
    }
    assert_eq!(app.db.query_count(), before);
    http()
        .get(app.url("/user"))
        .bearer_auth(&learner.token)
        .send()
        .await
        .unwrap();
    assert!(app.db.query_count() > before, "pages do look it up");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_link_is_checked_as_a_browser_reads_it_and_never_taken_from_the_url() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("links@example.com").await;
    for link in [
        "https://evil.example\\.zoom.us/j/1",
        "https://evil.example\\@zoom.us/j/1",
        "https://zoom.us:8443/j/1",
        "https://user:pw@zoom.us/j/1",
    ] {
        let resp = admin
            .post(app.url("/fn/admin_create_formation"))
            .header("Accept", "application/json")
            .form(&[
                ("name", "Rust"),
                ("level", "beginner"),
                ("platform", "zoom"),
                ("meeting_link", link),
                ("instructor_name", "Jane"),
                ("schedule_description", "Mar-Jeu"),
                ("timezone", "Europe/Paris"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 422, "{link}");
    }

    // A no-JS error redirect does not carry the link back…
    let resp = admin
        .post(app.url("/fn/admin_create_formation"))
        .header("Accept", "text/html")
        .form(&[
            ("name", ""),
            ("level", "beginner"),
            ("platform", "zoom"),
            ("meeting_link", "https://zoom.us/j/424242"),
            ("meeting_id", "424 242"),
            ("meeting_password", "pw-4242"),
            ("instructor_name", "Jane"),
            ("schedule_description", "Mar-Jeu"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("error="), "{location}");
    for secret in ["424242", "424+242", "pw-4242"] {
        assert!(!location.contains(secret), "{location}");
    }
    // …and a crafted URL does not pre-fill it.
    let (status, html) = app
        .page(
            &admin,
            "/admin/formations/nouvelle?meeting_link=https%3A%2F%2Fevil.example%2Fj&meeting_id=evil-id-77",
        )
        .await;
    assert_eq!(status, 200);
    assert!(!html.contains("evil.example") && !html.contains("evil-id-77"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_public_url_the_links_in_mails_use_it_whatever_the_host_header_says() {
    let app = spawn_app_with(
        |config| {
            config.public_url = Some(PublicUrl::parse("https://formations.example.org").unwrap());
        },
        None,
    )
    .await;
    app.learner("public-link@example.com").await;
    let resp = http()
        .post(app.url("/api/auth/password/reset/"))
        .header("Host", "evil.example")
        .json(&serde_json::json!({ "email": "public-link@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 202);
    let mail = app
        .wait_for_mail("public-link@example.com", "/reinitialiser/")
        .await;
    assert!(
        mail.text
            .contains("https://formations.example.org/reinitialiser/"),
        "{}",
        mail.text
    );
    assert!(!mail.raw.contains("evil.example"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_waits_for_answers_in_flight_only_until_the_drain_deadline() {
    use tokio::io::AsyncWriteExt;

    let app = spawn_app().await;
    let mut instance = app.another_instance(chrono::Utc::now()).await;
    let host = instance.address.trim_start_matches("http://").to_string();
    // A client that announces a body and stops sending it: its request is in
    // flight until the 30 s request timeout.
    let mut stalled = tokio::net::TcpStream::connect(&host).await.unwrap();
    let head = format!(
        "POST /api/auth/login/ HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n\
         Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"email\""
    );
    stalled.write_all(head.as_bytes()).await.unwrap();
    // The server is reading that body once it answers another request.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let live = http()
        .get(format!("{}/login", instance.address))
        .send()
        .await
        .unwrap();
    assert_eq!(live.status().as_u16(), 200);

    let stopped = instance.shut_down();
    let result = tokio::time::timeout(std::time::Duration::from_secs(20), stopped)
        .await
        .expect("a stop ends within the drain deadline, not the request timeout");
    result.unwrap().unwrap();
    drop(stalled);
}

/// How many panics read a disposed reactive value, in any test of this binary.
static DISPOSED_READS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The test's own runtime, so that a worker thread left deadlocked fails the
/// test at `shutdown_timeout` instead of hanging the binary when it exits.
#[test]
fn clients_hanging_up_mid_render_leave_every_render_to_finish_without_a_panic() {
    use std::sync::atomic::Ordering;
    use tokio::io::AsyncWriteExt;

    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("already been disposed") {
            DISPOSED_READS.fetch_add(1, Ordering::SeqCst);
        }
        previous(info);
    }));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let answered = runtime.block_on(async {
        let app = spawn_app().await;
        let now = chrono::Utc::now();
        let mut formations = Vec::new();
        for n in 0..10 {
            let f = app.formation(&format!("Coupure {n}")).await;
            app.session(f, 1, now + chrono::Duration::days(3)).await;
            formations.push(f);
        }
        // 1,000 learners: 50 pending requests, a full page of rows, each
        // with its forms.
        app.db
            .bench_fill(1_000, &formations, "not-a-login-hash", now)
            .await
            .unwrap();
        formations::server::cli::create_user(&app.db, "coupe@example.com", "Admin", PASSWORD, true)
            .await
            .unwrap();
        let login = app.api_login("coupe@example.com", PASSWORD).await;
        let cookie = login
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
            .find(|c| c.starts_with("formations_session="))
            .expect("the login sets the session cookie");
        let host = app.address.trim_start_matches("http://").to_string();
        let request =
            format!("GET /admin/demandes HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n");
        // Each client hangs up (a reset) at a different point of the render.
        for n in 0..120u64 {
            let mut client = tokio::net::TcpStream::connect(&host).await.unwrap();
            client.write_all(request.as_bytes()).await.unwrap();
            tokio::time::sleep(std::time::Duration::from_micros((n % 12) * 500)).await;
            // A reset, as when a phone loses its network; a zero linger
            // does not block the drop (the reason for the deprecation).
            #[allow(deprecated)]
            client.set_linger(Some(std::time::Duration::ZERO)).unwrap();
            drop(client);
        }
        // The renders left behind finish; the server still answers.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        let resp = http()
            .get(app.url("/admin/demandes"))
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap();
        resp.status().as_u16()
    });
    runtime.shutdown_timeout(std::time::Duration::from_secs(10));
    assert_eq!(answered, 200);
    assert_eq!(
        DISPOSED_READS.load(Ordering::SeqCst),
        0,
        "a render cut off by its client read disposed values"
    );
}
