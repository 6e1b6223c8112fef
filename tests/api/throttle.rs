//! Login throttling, bounded hashing, per-address limits and session
//! lifetime. Time is moved by rewinding the stored timestamps, never by
//! sleeping, and no assertion is about how long anything took.

use chrono::{Duration, Utc};
use formations::server::cli::create_user;
use formations::server::store::instant_text;
use formations::server::throttle::Hashing;

use crate::helpers::{client_for, http, spawn_app, spawn_app_with, TestApp, PASSWORD};

const WRONG: &str = "not the password";

fn retry_after(resp: &reqwest::Response) -> u64 {
    resp.headers()
        .get("retry-after")
        .expect("a Retry-After header")
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn detail(resp: reqwest::Response) -> String {
    let body: serde_json::Value = resp.json().await.unwrap();
    body["detail"].as_str().unwrap().to_string()
}

/// Moves the stored failures of an address `minutes` into the past.
async fn rewind_failures(app: &TestApp, email: &str, minutes: i64) {
    let at = instant_text(Utc::now() - Duration::minutes(minutes));
    let done = sqlx::query(
        "UPDATE login_throttle SET first_failure_at = $1, last_failure_at = $1 WHERE email = $2",
    )
    .bind(&at)
    .bind(email)
    .execute(&app.db.pool)
    .await
    .unwrap()
    .rows_affected();
    assert_eq!(done, 1, "a counter for {email}");
}

async fn failures_of(app: &TestApp, email: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT failures FROM login_throttle WHERE email = $1")
        .bind(email)
        .fetch_optional(&app.db.pool)
        .await
        .unwrap()
}

async fn status_of_api_login(app: &TestApp, email: &str, password: &str) -> u16 {
    app.api_login(email, password).await.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sixth_wrong_password_gets_429_and_the_right_one_works_after_the_delay() {
    let app = spawn_app().await;
    create_user(&app.db, "locked@example.com", "Locked", PASSWORD, false)
        .await
        .unwrap();
    for _ in 0..5 {
        assert_eq!(
            status_of_api_login(&app, "locked@example.com", WRONG).await,
            401
        );
    }
    let resp = app.api_login("Locked@Example.com ", WRONG).await;
    assert_eq!(
        resp.status().as_u16(),
        429,
        "keyed by the normalised e-mail"
    );
    let wait = retry_after(&resp);
    assert!((1..=60).contains(&wait), "one minute at most: {wait}");
    let message = detail(resp).await;
    assert!(
        message.starts_with("Trop de tentatives de connexion pour ce compte. Réessayez dans"),
        "{message}"
    );
    // Locked means locked, even for the right password.
    assert_eq!(
        status_of_api_login(&app, "locked@example.com", PASSWORD).await,
        429
    );
    assert_eq!(failures_of(&app, "locked@example.com").await, Some(5));

    // A minute later the right password works and clears the count.
    rewind_failures(&app, "locked@example.com", 1).await;
    let resp = app.api_login("locked@example.com", PASSWORD).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.json::<serde_json::Value>().await.unwrap()["token"].is_string());
    assert_eq!(failures_of(&app, "locked@example.com").await, None);
    assert_eq!(
        status_of_api_login(&app, "locked@example.com", WRONG).await,
        401
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_email_gets_the_same_answers_and_the_delay_doubles() {
    let app = spawn_app().await;
    let ghost = "nobody@example.com";
    for _ in 0..5 {
        let resp = app.api_login(ghost, WRONG).await;
        assert_eq!(resp.status().as_u16(), 401);
        assert_eq!(detail(resp).await, "E-mail ou mot de passe incorrect.");
    }
    let resp = app.api_login(ghost, WRONG).await;
    assert_eq!(resp.status().as_u16(), 429);
    assert!((1..=60).contains(&retry_after(&resp)));
    assert!(detail(resp)
        .await
        .starts_with("Trop de tentatives de connexion pour ce compte."));

    // After the first minute, one more failure locks it for two.
    rewind_failures(&app, ghost, 1).await;
    assert_eq!(status_of_api_login(&app, ghost, WRONG).await, 401);
    let resp = app.api_login(ghost, WRONG).await;
    assert_eq!(resp.status().as_u16(), 429);
    let wait = retry_after(&resp);
    assert!((61..=120).contains(&wait), "two minutes: {wait}");
    assert_eq!(failures_of(&app, ghost).await, Some(6));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_login_shares_the_account_counter_and_answers_429_with_retry_after() {
    let app = spawn_app().await;
    create_user(&app.db, "pages@example.com", "Pages", PASSWORD, false)
        .await
        .unwrap();
    // Three failures through the API, two through the login page.
    for _ in 0..3 {
        assert_eq!(
            status_of_api_login(&app, "pages@example.com", WRONG).await,
            401
        );
    }
    let client = client_for(&app.address);
    for _ in 0..2 {
        let (status, _) = app
            .server_fn(
                &client,
                "login",
                &[("email", "pages@example.com"), ("password", WRONG)],
            )
            .await;
        assert_eq!(status, 401);
    }
    let resp = client
        .post(app.url("/fn/login"))
        .header("Accept", "application/json")
        .form(&[("email", "pages@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    assert!((1..=60).contains(&retry_after(&resp)));
    assert!(resp.text().await.unwrap().contains("Trop de tentatives"));

    // Without JavaScript: back to the form with a message, the e-mail kept.
    let resp = client
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[
            ("email", "pages@example.com"),
            ("password", PASSWORD),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/login?error=throttled"), "{location}");
    let (_, page) = app.page(&client, &location).await;
    assert!(page.contains("Trop de tentatives"), "the page says why");

    rewind_failures(&app, "pages@example.com", 1).await;
    let (status, _) = app
        .server_fn(
            &client,
            "login",
            &[("email", "pages@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert!(status == 200 || status == 302, "{status}");
    assert_eq!(
        app.current_user(&client, None).await["email"],
        "pages@example.com"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_that_waits_too_long_for_the_hasher_gets_503_and_is_not_counted() {
    let hashing = Hashing::new(1);
    let app = spawn_app_with(|_| {}, Some(hashing.clone())).await;
    create_user(&app.db, "busy@example.com", "Busy", PASSWORD, false)
        .await
        .unwrap();
    for _ in 0..5 {
        assert_eq!(
            status_of_api_login(&app, "locked@example.com", WRONG).await,
            401
        );
    }
    let held = hashing.semaphore().acquire_owned().await.unwrap();

    let resp = app.api_login("busy@example.com", PASSWORD).await;
    assert_eq!(resp.status().as_u16(), 503);
    assert_eq!(retry_after(&resp), 2);
    assert!(detail(resp).await.contains("sollicité"));
    assert_eq!(
        failures_of(&app, "busy@example.com").await,
        None,
        "not counted as a failed login"
    );
    // A locked account is answered before any wait for the hasher.
    assert_eq!(
        status_of_api_login(&app, "locked@example.com", PASSWORD).await,
        429
    );

    drop(held);
    assert_eq!(
        status_of_api_login(&app, "busy@example.com", PASSWORD).await,
        200
    );
}

async fn login_from(app: &TestApp, email: &str, forwarded_for: Option<&str>) -> reqwest::Response {
    let mut req = http()
        .post(app.url("/api/auth/login/"))
        .json(&serde_json::json!({ "email": email, "password": WRONG }));
    if let Some(xff) = forwarded_for {
        req = req.header("X-Forwarded-For", xff);
    }
    req.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_failed_logins_block_the_address_whatever_x_forwarded_for_says() {
    let app = spawn_app().await;
    // No trusted proxy: the header is the client's word and changes nothing.
    // One real wrong password, and 29 logins with no valid e-mail at all,
    // which fail without hashing (the allowance refills by one every 30 s:
    // these keep the test far from that).
    let resp = login_from(&app, "someone@example.com", Some("203.0.113.1")).await;
    assert_eq!(resp.status().as_u16(), 401);
    for i in 1..30 {
        let resp = login_from(
            &app,
            &format!("someone{i}"),
            Some(&format!("203.0.113.{i}")),
        )
        .await;
        assert_eq!(resp.status().as_u16(), 401, "failure {i}");
    }
    let resp = login_from(&app, "someone-else@example.com", Some("198.51.100.1")).await;
    assert_eq!(resp.status().as_u16(), 429);
    assert!(retry_after(&resp) >= 1);
    assert!(detail(resp).await.contains("adresse réseau"));
    assert_eq!(
        failures_of(&app, "someone-else@example.com").await,
        None,
        "refused before the account was even looked at"
    );
    // The page login is refused too.
    let (status, _) = app
        .server_fn(
            &app.client,
            "login",
            &[("email", "someone-else@example.com"), ("password", WRONG)],
        )
        .await;
    assert_eq!(status, 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_the_forwarded_client_is_counted() {
    let app = spawn_app_with(
        |config| {
            config.trusted_proxies =
                formations::server::config::parse_trusted_proxies("127.0.0.1/32, 10.0.0.0/8")
                    .unwrap()
        },
        None,
    )
    .await;
    for i in 0..30 {
        // The client may write anything on the left; the proxy appends the peer.
        let xff = format!("6.6.6.{i}, 203.0.113.7, 10.1.2.3");
        let email = if i == 0 {
            "someone@example.com".to_string()
        } else {
            format!("someone{i}")
        };
        let resp = login_from(&app, &email, Some(&xff)).await;
        assert_eq!(resp.status().as_u16(), 401, "failure {i}");
    }
    let resp = login_from(&app, "next@example.com", Some("203.0.113.7")).await;
    assert_eq!(resp.status().as_u16(), 429);
    // Another client behind the same proxy is not blocked…
    let resp = login_from(&app, "next@example.com", Some("203.0.113.8")).await;
    assert_eq!(resp.status().as_u16(), 401);
    // …nor is the proxy's own address.
    let resp = login_from(&app, "next@example.com", None).await;
    assert_eq!(resp.status().as_u16(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_sign_ups_an_hour_per_address() {
    let app = spawn_app().await;
    let sign_up = |i: usize| {
        let client = client_for(&app.address);
        let url = app.url("/fn/signup");
        async move {
            client
                .post(url)
                .header("Accept", "application/json")
                .form(&[
                    ("email", format!("new{i}@example.com")),
                    ("name", "Nouveau".to_string()),
                    ("password", PASSWORD.to_string()),
                    ("next", String::new()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    for i in 0..10 {
        let resp = sign_up(i).await;
        assert!(
            resp.status().as_u16() < 400,
            "sign-up {i}: {}",
            resp.status()
        );
    }
    let resp = sign_up(10).await;
    assert_eq!(resp.status().as_u16(), 429);
    assert!(retry_after(&resp) >= 1);
    assert!(resp.text().await.unwrap().contains("Trop d'inscriptions"));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 10);
}

async fn set_last_seen(app: &TestApp, token: &str, minutes_ago: i64) {
    sqlx::query("UPDATE auth_sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(instant_text(Utc::now() - Duration::minutes(minutes_ago)))
        .bind(formations::server::auth::token_hash(token))
        .execute(&app.db.pool)
        .await
        .unwrap();
}

async fn last_seen(app: &TestApp, token: &str) -> String {
    sqlx::query_scalar("SELECT last_seen_at FROM auth_sessions WHERE token_hash = $1")
        .bind(formations::server::auth::token_hash(token))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_unused_for_two_hours_is_over_and_reads_write_at_most_once_a_minute() {
    // Counted statements: no session cache (every request looks up).
    let app = spawn_app_with(|c| c.session_cache_seconds = 0, None).await;
    let learner = app.learner("idle@example.com").await;
    let path = "/api/auth/user/formations/";
    assert_eq!(app.get_json(path, &learner.token).await.0, 200);

    // Used less than a minute ago: the read writes nothing.
    let seen = last_seen(&app, &learner.token).await;
    let before = app.db.query_count();
    assert_eq!(app.get_json(path, &learner.token).await.0, 200);
    let cost_fresh = app.db.query_count() - before;
    assert_eq!(last_seen(&app, &learner.token).await, seen);

    // Used 119 minutes ago: still open, and the use is recorded (one write).
    set_last_seen(&app, &learner.token, 119).await;
    let stale = last_seen(&app, &learner.token).await;
    let before = app.db.query_count();
    assert_eq!(app.get_json(path, &learner.token).await.0, 200);
    assert_eq!(app.db.query_count() - before, cost_fresh + 1);
    let touched = last_seen(&app, &learner.token).await;
    assert!(touched > stale, "{touched} after {stale}");

    // Unused for more than two hours: over.
    set_last_seen(&app, &learner.token, 121).await;
    assert_eq!(app.get_json(path, &learner.token).await.0, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_idle_timeout_is_configurable() {
    // The test ages the session in the database between two requests: no
    // session cache, whose copy would otherwise answer for 2 s.
    let app = spawn_app_with(
        |config| {
            config.session_idle_minutes = 5;
            config.session_cache_seconds = 0;
        },
        None,
    )
    .await;
    let learner = app.learner("short@example.com").await;
    let path = "/api/auth/user/formations/";
    set_last_seen(&app, &learner.token, 4).await;
    assert_eq!(app.get_json(path, &learner.token).await.0, 200);
    set_last_seen(&app, &learner.token, 6).await;
    assert_eq!(app.get_json(path, &learner.token).await.0, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rest_logout_also_ends_the_cookie_session_of_the_same_login_only() {
    let app = spawn_app().await;
    create_user(&app.db, "pair@example.com", "Pair", PASSWORD, false)
        .await
        .unwrap();
    // One REST login: a token, and a cookie in this client.
    let api_client = client_for(&app.address);
    let resp = api_client
        .post(app.url("/api/auth/login/"))
        .json(&serde_json::json!({ "email": "pair@example.com", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let token = resp.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        app.current_user(&api_client, None).await["email"],
        "pair@example.com"
    );
    // A browser signed in on its own.
    let browser = client_for(&app.address);
    let (status, _) = app
        .server_fn(
            &browser,
            "login",
            &[("email", "pair@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert!(status == 200 || status == 302, "{status}");

    let (status, _) = app.post_json("/api/auth/logout/", &token).await;
    assert_eq!(status, 200);
    assert_eq!(
        app.get_json("/api/auth/user/formations/", &token).await.0,
        401
    );
    assert!(
        app.current_user(&api_client, None).await.is_null(),
        "the cookie of the same login is revoked"
    );
    assert_eq!(
        app.current_user(&browser, None).await["email"],
        "pair@example.com",
        "another login's session is not"
    );
}

#[test]
fn an_invalid_trusted_proxies_value_stops_the_program_with_one_line() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_formations"))
        .arg("migrate")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("FORMATIONS_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("FORMATIONS_TRUSTED_PROXIES") && stderr.contains("proxy.internal"));

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_formations"))
        .arg("migrate")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("FORMATIONS_SESSION_IDLE_MINUTES", "two hours")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("FORMATIONS_SESSION_IDLE_MINUTES"));
}

/// Peak resident memory of a spawned server, read from /proc.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status")
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `cargo test` runs every test in one process, so memory is measured on a
/// server binary of its own, on a fresh SQLite database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_parallel_logins_stay_under_300_mb_on_a_spawned_server() {
    let dir = std::env::temp_dir().join("formations-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let db_path = dir.join(format!("{}.db", uuid::Uuid::new_v4().simple()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server(
        std::process::Command::new(env!("CARGO_BIN_EXE_formations"))
            .arg("serve")
            .env("DATABASE_URL", format!("sqlite://{}", db_path.display()))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            // Each login comes from its own address behind this "proxy", so
            // that the per-address limit does not spare the hasher.
            .env("FORMATIONS_TRUSTED_PROXIES", "127.0.0.1")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = http();
    let mut ready = false;
    for _ in 0..600 {
        if client.get(format!("{base}/login")).send().await.is_ok() {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "the server never answered");
    let idle_kib = peak_rss_kib(server.0.id());

    let mut requests = tokio::task::JoinSet::new();
    for i in 0..300 {
        let client = client.clone();
        let url = format!("{base}/api/auth/login/");
        requests.spawn(async move {
            let resp = client
                .post(url)
                .header("X-Forwarded-For", format!("198.51.{}.{}", i / 200, i % 200))
                .json(&serde_json::json!({
                    "email": format!("ghost{i}@example.com"),
                    "password": "whatever it is",
                }))
                .send()
                .await
                .unwrap();
            let retry = resp.headers().get("retry-after").is_some();
            (resp.status().as_u16(), retry)
        });
    }
    let answers = requests.join_all().await;
    let peak_kib = peak_rss_kib(server.0.id());
    let _ = std::fs::remove_file(&db_path);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db_path.display()));
    }

    let checked = answers.iter().filter(|(s, _)| *s == 401).count();
    let busy = answers.iter().filter(|(s, _)| *s == 503).count();
    eprintln!(
        "300 parallel logins: {checked} answered 401, {busy} answered 503; \
         peak RSS {} MiB (idle {} MiB)",
        peak_kib / 1024,
        idle_kib / 1024
    );
    assert_eq!(checked + busy, 300, "{answers:?}");
    assert!(checked >= 1, "some passwords were really checked");
    assert!(answers.iter().all(|(s, retry)| *s != 503 || *retry));
    assert!(
        peak_kib < 300 * 1024,
        "peak resident memory {} MiB",
        peak_kib / 1024
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_wrong_passwords_for_one_account_get_exactly_five_checks() {
    // Enough permits that nobody waits for the hasher: only the counter decides.
    let app = spawn_app_with(|_| {}, Some(Hashing::new(12))).await;
    create_user(&app.db, "race@example.com", "Race", PASSWORD, false)
        .await
        .unwrap();
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let url = app.url("/api/auth/login/");
        attempts.spawn(async move {
            http()
                .post(url)
                .json(&serde_json::json!({ "email": "race@example.com", "password": WRONG }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    let mut statuses = attempts.join_all().await;
    statuses.sort();
    assert_eq!(statuses, [[401; 5].as_slice(), &[429; 7]].concat());
    assert_eq!(failures_of(&app, "race@example.com").await, Some(5));
}
