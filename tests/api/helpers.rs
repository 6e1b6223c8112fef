use std::path::PathBuf;

use formations::server::config::Config;
use formations::server::db::Db;
use formations::server::http::Application;
use reqwest::redirect::Policy;

/// A fresh database for one test, dropped (PostgreSQL) or deleted (SQLite)
/// when the test ends.
pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

pub fn backend() -> String {
    std::env::var("FORMATIONS_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into())
}

impl TestDb {
    pub async fn new() -> TestDb {
        let unique = uuid::Uuid::new_v4().simple().to_string();
        match backend().as_str() {
            "postgres" => {
                use sqlx::Connection;
                let admin_url = postgres_admin_url();
                let name = format!("formations_test_{unique}");
                let mut conn = sqlx::PgConnection::connect(&format!("{admin_url}/postgres"))
                    .await
                    .expect("PostgreSQL must be running for FORMATIONS_TEST_BACKEND=postgres");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                TestDb {
                    url: format!("{admin_url}/{name}"),
                    cleanup: Cleanup::Postgres { admin_url, name },
                }
            }
            "sqlite" => {
                let dir = std::env::temp_dir().join("formations-tests");
                std::fs::create_dir_all(&dir).expect("temp dir");
                let path = dir.join(format!("{unique}.db"));
                TestDb {
                    url: format!("sqlite://{}", path.display()),
                    cleanup: Cleanup::File(path),
                }
            }
            other => panic!("FORMATIONS_TEST_BACKEND must be sqlite or postgres, not {other}"),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let admin_url = admin_url.clone();
                let name = name.clone();
                // Drop runs inside the test's runtime: use a thread of our own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    rt.block_on(async move {
                        use sqlx::Connection;
                        if let Ok(mut conn) =
                            sqlx::PgConnection::connect(&format!("{admin_url}/postgres")).await
                        {
                            let _ = sqlx::query(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .execute(&mut conn)
                            .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub db: Db,
    /// The running app's state, for tests that mount extra routes behind the
    /// same middleware.
    pub state: formations::server::http::AppState,
    /// A browser-like client: keeps cookies, does not follow redirects, and
    /// sends our Origin on every request.
    pub client: reqwest::Client,
    /// Dropped with the app, which deletes the database.
    pub _db_guard: TestDb,
}

/// Every test request gives up after 30 s: a hung server fails the test with
/// the request that hung instead of stalling the whole run.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap()
}

pub fn client_for(address: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ORIGIN, address.parse().unwrap());
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .default_headers(headers)
        .build()
        .unwrap()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}, None).await
}

/// [`spawn_app`] with a changed configuration and, optionally, a password
/// hasher of its own (so a test can fill it without slowing the others).
pub async fn spawn_app_with(
    configure: impl FnOnce(&mut Config),
    hashing: Option<std::sync::Arc<formations::server::throttle::Hashing>>,
) -> TestApp {
    let test_db = TestDb::new().await;
    let db = Db::open(&test_db.url).await.expect("open test database");
    let mut config = Config {
        database_url: test_db.url.clone(),
        site_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
        cookie_secure: false,
        public_url: None,
        trusted_proxies: vec![],
        session_idle_minutes: formations::server::config::DEFAULT_SESSION_IDLE_MINUTES,
    };
    configure(&mut config);
    let hashing = hashing.unwrap_or_else(formations::server::throttle::Hashing::global);
    let app = Application::build_with_hashing(&config, db.clone(), hashing)
        .await
        .expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    tokio::spawn(app.run_until(std::future::pending()));
    TestApp {
        client: client_for(&address),
        address,
        db,
        state,
        _db_guard: test_db,
    }
}

pub const PASSWORD: &str = "correct horse battery";

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Signs up through the sign-up server function, as a form post with
    /// JavaScript off would.
    pub async fn sign_up(
        &self,
        client: &reqwest::Client,
        email: &str,
        name: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/fn/signup"))
            .header("Accept", "text/html")
            .header("Referer", self.url("/signup"))
            .form(&[
                ("email", email),
                ("name", name),
                ("password", PASSWORD),
                ("next", ""),
            ])
            .send()
            .await
            .unwrap()
    }

    pub async fn api_login(&self, email: &str, password: &str) -> reqwest::Response {
        http()
            .post(self.url("/api/auth/login/"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap()
    }

    pub async fn current_user(
        &self,
        client: &reqwest::Client,
        bearer: Option<&str>,
    ) -> serde_json::Value {
        let mut req = client
            .post(self.url("/fn/current_user"))
            .header("Accept", "application/json");
        if let Some(token) = bearer {
            req = req.bearer_auth(token);
        }
        req.send().await.unwrap().json().await.unwrap()
    }
}

/// Runs the real `formations` binary against a database.
pub fn cli(database_url: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_formations"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run formations")
}

pub mod seed {
    //! Builds data through the store, dated relative to now.
    use chrono::{DateTime, Duration, NaiveDate, Utc};
    use formations::domain::admin::FormationFields;
    use formations::domain::catalog::{Level, Platform};
    use formations::domain::status::{today_in, EnrollmentStatus};
    use formations::server::store::audit::Actor;
    use formations::server::store::enrollments::NewEnrollment;
    use formations::server::store::formations::SessionFields;

    use super::{TestApp, PASSWORD};

    pub const LINK: &str = "https://zoom.us/j/555000111";
    pub const MEETING_ID: &str = "555 000 111";
    pub const SECRET: &str = "s3cr3t-pw";

    pub fn today() -> NaiveDate {
        today_in(chrono_tz::Europe::Paris, Utc::now())
    }

    pub fn days(n: i64) -> NaiveDate {
        today() + Duration::days(n)
    }

    pub struct Learner {
        pub id: i64,
        pub token: String,
    }

    impl TestApp {
        pub async fn learner(&self, email: &str) -> Learner {
            let id =
                formations::server::cli::create_user(&self.db, email, "Learner", PASSWORD, false)
                    .await
                    .unwrap();
            let resp = self.api_login(email, PASSWORD).await;
            let token = resp.json::<serde_json::Value>().await.unwrap()["token"]
                .as_str()
                .unwrap()
                .to_string();
            Learner { id, token }
        }

        pub async fn formation(&self, name: &str) -> i64 {
            self.db
                .create_formation(
                    &Actor::System,
                    &FormationFields {
                        name: name.into(),
                        description: format!("{name} description"),
                        level: Level::Advanced,
                        platform: Platform::Zoom,
                        meeting_link: LINK.into(),
                        meeting_id: Some(MEETING_ID.into()),
                        meeting_password: Some(SECRET.into()),
                        instructor_name: "Jane Smith".into(),
                        schedule_description: "Mar-Jeu, 19h-21h".into(),
                        timezone: chrono_tz::Europe::Paris,
                    },
                )
                .await
                .unwrap()
        }

        pub async fn session(&self, formation_id: i64, number: i64, at: DateTime<Utc>) -> i64 {
            self.session_with(
                formation_id,
                number,
                SessionFields {
                    title: format!("Séance {number}"),
                    scheduled_at: at,
                    duration_minutes: 120,
                    meeting_link: None,
                    recording_link: Some(format!(
                        "https://zoom.us/rec/share/{formation_id}-{number}"
                    )),
                },
            )
            .await
        }

        /// A séance with these fields, numbered `number`, through the one
        /// write path of séances.
        pub async fn session_with(
            &self,
            formation_id: i64,
            number: i64,
            fields: SessionFields,
        ) -> i64 {
            self.db
                .create_session(&Actor::System, formation_id, &fields, Some(number))
                .await
                .unwrap()
        }

        pub async fn enroll(
            &self,
            user_id: i64,
            formation_id: i64,
            start: i64,
            end: i64,
            status: EnrollmentStatus,
        ) -> i64 {
            self.enroll_dated(user_id, formation_id, (days(start), days(end)), status, 10)
                .await
        }

        /// An enrollment through the one write path of enrollments; a
        /// cancelled one is enrolled then cancelled.
        pub async fn enroll_dated(
            &self,
            user_id: i64,
            formation_id: i64,
            (start_date, end_date): (NaiveDate, NaiveDate),
            status: EnrollmentStatus,
            total_sessions: i64,
        ) -> i64 {
            let id = self
                .db
                .enroll(
                    &Actor::System,
                    &NewEnrollment {
                        user_id,
                        formation_id,
                        start_date,
                        end_date,
                        total_sessions: Some(total_sessions),
                    },
                )
                .await
                .unwrap();
            if status == EnrollmentStatus::Cancelled {
                self.db.cancel_enrollment(&Actor::System, id).await.unwrap();
            }
            id
        }

        pub async fn get_json(&self, path: &str, token: &str) -> (u16, serde_json::Value) {
            let resp = super::http()
                .get(self.url(path))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            (status, resp.json().await.unwrap_or(serde_json::Value::Null))
        }

        pub async fn post_json(&self, path: &str, token: &str) -> (u16, serde_json::Value) {
            let resp = super::http()
                .post(self.url(path))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            (status, resp.json().await.unwrap_or(serde_json::Value::Null))
        }
    }

    pub use EnrollmentStatus::{Active, Cancelled, Upcoming};
}

impl TestApp {
    /// A learner signed in with a browser-like client (cookie + Origin).
    pub async fn signed_in_learner(&self, email: &str) -> (reqwest::Client, i64) {
        let client = client_for(&self.address);
        let resp = self.sign_up(&client, email, "Page Learner").await;
        assert_eq!(resp.status().as_u16(), 302);
        let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&self.db.pool)
            .await
            .unwrap();
        (client, id)
    }

    /// A browser-like client signed in as a new admin, created the way the
    /// CLI does.
    pub async fn signed_in_admin(&self, email: &str) -> (reqwest::Client, i64) {
        let id = formations::server::cli::create_user(&self.db, email, "Admin", PASSWORD, true)
            .await
            .unwrap();
        let client = client_for(&self.address);
        let resp = client
            .post(self.url("/fn/login"))
            .header("Accept", "text/html")
            .form(&[("email", email), ("password", PASSWORD), ("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 302, "login of {email}");
        (client, id)
    }

    pub async fn page(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let resp = client.get(self.url(path)).send().await.unwrap();
        (resp.status().as_u16(), resp.text().await.unwrap())
    }

    /// Calls a server function the way the hydrated app does.
    pub async fn server_fn(
        &self,
        client: &reqwest::Client,
        name: &str,
        form: &[(&str, &str)],
    ) -> (u16, String) {
        let resp = client
            .post(self.url(&format!("/fn/{name}")))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap();
        (resp.status().as_u16(), resp.text().await.unwrap())
    }
}
