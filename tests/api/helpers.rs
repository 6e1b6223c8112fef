use std::path::PathBuf;

use formations::server::config::Config;
use formations::server::db::Db;
use formations::server::http::Application;
use formations::server::mail::{MailConfig, MailTransport, DEFAULT_FROM};
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
    /// Where the app's mails land: its `.eml` folder, or the Maildir of the
    /// loopback SMTP server.
    pub mail_dir: PathBuf,
    /// The loopback SMTP server, when the app sends through SMTP; stopped
    /// when the app is dropped.
    pub _smtp: Option<SmtpServer>,
    _mail_guard: TempDir,
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

/// The app on a clock the test sets (`app.state.clock.set(…)`).
pub async fn spawn_app_at(at: chrono::DateTime<chrono::Utc>) -> TestApp {
    let mail = TempDir::new("mail");
    let transport = MailTransport::Folder(mail.path.clone());
    spawn_on(
        |_| {},
        None,
        transport,
        mail,
        None,
        formations::server::clock::Clock::fixed(at),
    )
    .await
}

/// [`spawn_app_at`] with a changed configuration.
pub async fn spawn_app_at_with(
    at: chrono::DateTime<chrono::Utc>,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let mail = TempDir::new("mail");
    let transport = MailTransport::Folder(mail.path.clone());
    let clock = formations::server::clock::Clock::fixed(at);
    spawn_on(configure, None, transport, mail, None, clock).await
}

/// The app on a clock the test sets, sending its mails to a real SMTP
/// server (`aiosmtpd`) on loopback.
pub async fn spawn_app_with_smtp_at(at: chrono::DateTime<chrono::Utc>) -> TestApp {
    let mail = TempDir::new("smtp");
    let smtp = SmtpServer::start(&mail.path).await;
    let transport = MailTransport::Smtp {
        url: format!("smtp://127.0.0.1:{}", smtp.port),
    };
    let clock = formations::server::clock::Clock::fixed(at);
    spawn_on(|_| {}, None, transport, mail, Some(smtp), clock).await
}

/// The app on a clock the test sets, its SMTP relay at `url` (one that
/// refuses, for the tests of retries).
pub async fn spawn_app_at_with_relay(at: chrono::DateTime<chrono::Utc>, url: &str) -> TestApp {
    let mail = TempDir::new("relay");
    let transport = MailTransport::Smtp { url: url.into() };
    let clock = formations::server::clock::Clock::fixed(at);
    spawn_on(|_| {}, None, transport, mail, None, clock).await
}

/// The app sending its mails to a real SMTP server (`aiosmtpd`) on
/// loopback, which stores them in a Maildir that the test reads.
pub async fn spawn_app_with_smtp() -> TestApp {
    let mail = TempDir::new("smtp");
    let smtp = SmtpServer::start(&mail.path).await;
    let transport = MailTransport::Smtp {
        url: format!("smtp://127.0.0.1:{}", smtp.port),
    };
    spawn(|_| {}, None, transport, mail, Some(smtp)).await
}

/// [`spawn_app`] with a changed configuration and, optionally, a password
/// hasher of its own (so a test can fill it without slowing the others).
/// Mails go to a folder of the test's own.
pub async fn spawn_app_with(
    configure: impl FnOnce(&mut Config),
    hashing: Option<std::sync::Arc<formations::server::throttle::Hashing>>,
) -> TestApp {
    let mail = TempDir::new("mail");
    let transport = MailTransport::Folder(mail.path.clone());
    spawn(configure, hashing, transport, mail, None).await
}

async fn spawn(
    configure: impl FnOnce(&mut Config),
    hashing: Option<std::sync::Arc<formations::server::throttle::Hashing>>,
    transport: MailTransport,
    mail: TempDir,
    smtp: Option<SmtpServer>,
) -> TestApp {
    let clock = formations::server::clock::Clock::real();
    spawn_on(configure, hashing, transport, mail, smtp, clock).await
}

async fn spawn_on(
    configure: impl FnOnce(&mut Config),
    hashing: Option<std::sync::Arc<formations::server::throttle::Hashing>>,
    transport: MailTransport,
    mail: TempDir,
    smtp: Option<SmtpServer>,
    clock: formations::server::clock::Clock,
) -> TestApp {
    let test_db = TestDb::new().await;
    let db = Db::open(&test_db.url).await.expect("open test database");
    let mut config = Config {
        database_url: test_db.url.clone(),
        site_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
        hash_file: None,
        cookie_secure: false,
        public_url: None,
        trusted_proxies: vec![],
        session_idle_minutes: formations::server::config::DEFAULT_SESSION_IDLE_MINUTES,
        session_cache_seconds: 2,
        mail: MailConfig::new(transport, DEFAULT_FROM).unwrap(),
        org_name: formations::server::config::DEFAULT_ORG_NAME.into(),
        background: false,
        vapid_subject: None,
        zoom: Default::default(),
    };
    configure(&mut config);
    let hashing = hashing.unwrap_or_else(formations::server::throttle::Hashing::global);
    let app = Application::build_with(&config, db.clone(), hashing, clock)
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
        mail_dir: mail.path.clone(),
        _smtp: smtp,
        _mail_guard: mail,
        _db_guard: test_db,
    }
}

/// A folder of its own for one test, deleted afterwards.
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    pub fn new(prefix: &str) -> TempDir {
        let path = std::env::temp_dir()
            .join("formations-tests")
            .join(format!("{prefix}-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A real SMTP server (`aiosmtpd`, via tests/support/smtp_sink.py) on a
/// loopback port the system picks, writing every mail it receives into a
/// Maildir; killed on drop. `.ci/setup --for-tests` installs aiosmtpd.
pub struct SmtpServer {
    pub port: u16,
    child: std::process::Child,
}

impl SmtpServer {
    pub async fn start(dir: &std::path::Path) -> SmtpServer {
        // A path that does not exist yet: Python's Maildir only lays out
        // tmp/, new/ and cur/ when it creates the folder itself.
        let maildir = dir.join("Maildir");
        let (port, child) = start_peer("smtp_sink.py", &[maildir.as_os_str()], "aiosmtpd").await;
        SmtpServer { port, child }
    }
}

/// Starts one of the loopback peers of `tests/support/` (a Python script
/// that prints its port once it listens) and answers that port and the
/// process; `needs` names the PyPI package it imports, for the message
/// when it cannot start. `.ci/setup --for-tests` installs them.
async fn start_peer(
    script: &str,
    args: &[&std::ffi::OsStr],
    needs: &str,
) -> (u16, std::process::Child) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(script);
    let mut child = std::process::Command::new("python3")
        .arg(path)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("python3 with {needs}: {err}"));
    let stdout = child.stdout.take().unwrap();
    // Blocking read, so off the runtime.
    let line = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        line
    })
    .await
    .unwrap();
    let Ok(port) = line.trim().parse() else {
        let _ = child.kill();
        panic!("{script} did not start (is {needs} installed?): {line:?}");
    };
    (port, child)
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One mail as received: its raw text and its decoded plain-text part.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub raw: String,
    pub text: String,
}

impl ReceivedMail {
    fn parse(raw: String) -> ReceivedMail {
        let normalised = raw.replace("\r\n", "\n");
        let text = normalised
            .find("Content-Type: text/plain")
            .and_then(|start| {
                let rest = &normalised[start..];
                let body = &rest[rest.find("\n\n")? + 2..];
                let end = body.find("\n--").unwrap_or(body.len());
                Some(decode_quoted_printable(&body[..end]))
            })
            .unwrap_or_default();
        ReceivedMail { raw, text }
    }

    /// A header's value as written (subjects with accents are encoded words).
    pub fn header(&self, name: &str) -> Option<String> {
        self.raw
            .replace("\r\n", "\n")
            .lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| {
                let (key, value) = l.split_once(':')?;
                key.eq_ignore_ascii_case(name)
                    .then(|| value.trim().to_string())
            })
    }

    pub fn is_to(&self, address: &str) -> bool {
        self.header("To").is_some_and(|to| to.contains(address))
    }

    /// The first link of the plain-text part.
    pub fn link(&self) -> String {
        let start = self.text.find("http://").expect("a link in the mail");
        self.text[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    }

    /// The path of the link (`/reinitialiser/…`), to request on the test
    /// server.
    pub fn link_path(&self) -> String {
        let link = self.link();
        let after_scheme = &link["http://".len()..];
        after_scheme[after_scheme.find('/').unwrap()..].to_string()
    }

    /// The token at the end of the link.
    pub fn token(&self) -> String {
        self.link().rsplit('/').next().unwrap().to_string()
    }
}

fn decode_quoted_printable(body: &str) -> String {
    let joined = body.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every file under `dir` (the `.eml` folder, or a Maildir's `new/` and
/// `cur/`). A Maildir's `tmp/` is left out: the SMTP sink writes each mail
/// there, then links it into `new/` and only then removes it, so reading
/// `tmp/` would see a mail being written, or the same mail twice.
fn mail_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name == "tmp") {
                    continue;
                }
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

impl TestApp {
    /// Every mail received so far.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        mail_files(&self.mail_dir)
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .map(ReceivedMail::parse)
            .collect()
    }

    pub fn mails_to(&self, address: &str) -> Vec<ReceivedMail> {
        self.mails()
            .into_iter()
            .filter(|m| m.is_to(address))
            .collect()
    }

    /// Waits for the `count`-th mail to `address` (mails leave from a task
    /// of their own, after the answer). Gives up after 10 s, far beyond the
    /// few milliseconds it takes, so a missing mail fails the test.
    pub async fn wait_for_mails(&self, address: &str, count: usize) -> Vec<ReceivedMail> {
        for _ in 0..200 {
            let mails = self.mails_to(address);
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!(
            "expected {count} mail(s) to {address}, got {}",
            self.mails_to(address).len()
        );
    }

    /// The newest mail to `address` whose text contains `needle`.
    pub async fn wait_for_mail(&self, address: &str, needle: &str) -> ReceivedMail {
        for _ in 0..200 {
            if let Some(mail) = self
                .mails_to(address)
                .into_iter()
                .find(|m| m.text.contains(needle))
            {
                return mail;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no mail to {address} containing {needle:?}");
    }
}

pub const PASSWORD: &str = "correct horse battery";

impl TestApp {
    /// Dates every séance's last move and every enrollment long ago, so
    /// each reminder is owed (as if no server had run since).
    pub async fn date_everything_long_ago(&self) {
        for sql in [
            "UPDATE formation_sessions SET moved_at = '2000-01-01T00:00:00Z'",
            "UPDATE enrollments SET created_at = '2000-01-01T00:00:00Z'",
        ] {
            sqlx::query(sql).execute(&self.db.pool).await.unwrap();
        }
    }
}

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
        // The commands speak `LANG`'s language: French here, whatever the
        // machine running the tests says.
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run formations")
}

/// The same in the language of `lang` (a `LANG` value).
pub fn cli_in(lang: &str, database_url: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_formations"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run formations")
}

pub mod seed {
    //! Builds data through the store, dated relative to now.
    use chrono::{DateTime, Duration, NaiveDate, Utc};
    use formations::domain::admin::FormationFields;
    use formations::domain::formation::{FormationInfo, Level, Platform};
    use formations::domain::status::{today_in, EnrollmentStatus};
    use formations::server::store::audit::Actor;
    use formations::server::store::enrollments::NewEnrollment;
    use formations::server::store::formations::SeanceFields;

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
            self.formation_with(name, 0).await
        }

        /// A formation whose certificate asks `min_attendance` percent.
        pub async fn formation_with(&self, name: &str, min_attendance: i64) -> i64 {
            self.db
                .create_formation(
                    &Actor::System,
                    &FormationFields {
                        info: FormationInfo {
                            name: name.into(),
                            description: format!("{name} description"),
                            level: Level::Advanced,
                            platform: Platform::Zoom,
                            instructor_name: "Jane Smith".into(),
                            schedule_description: "Mar-Jeu, 19h-21h".into(),
                        },
                        meeting_link: LINK.into(),
                        meeting_id: Some(MEETING_ID.into()),
                        meeting_password: Some(SECRET.into()),
                        timezone: chrono_tz::Europe::Paris,
                        certificate_min_attendance: min_attendance,
                        zoom_min_presence: 50,
                        zoom_auto_meetings: false,
                        offer: Default::default(),
                    },
                )
                .await
                .unwrap()
        }

        pub async fn session(&self, formation_id: i64, number: i64, at: DateTime<Utc>) -> i64 {
            self.session_with(
                formation_id,
                number,
                SeanceFields {
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
            fields: SeanceFields,
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
    /// A learner signed in with a browser-like client (cookie + Origin):
    /// signed up, confirmed from the mail, logged in.
    pub async fn signed_in_learner(&self, email: &str) -> (reqwest::Client, i64) {
        let client = client_for(&self.address);
        self.sign_up_and_log_in(&client, email, "Page Learner")
            .await;
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

    /// Signs up, follows the confirmation link of the mail, and logs in
    /// with `client` (which then holds the session cookie).
    pub async fn sign_up_and_log_in(&self, client: &reqwest::Client, email: &str, name: &str) {
        let resp = self.sign_up(client, email, name).await;
        assert_eq!(resp.status().as_u16(), 302);
        let address = email.trim().to_lowercase();
        let mail = self.wait_for_mail(&address, "/confirmer/").await;
        let confirmed = self.confirm(client, &mail.token()).await;
        assert_eq!(confirmed.status().as_u16(), 302, "the link confirms");
        let login = self.log_in(client, &address, PASSWORD).await;
        assert_eq!(login.status().as_u16(), 302, "logged in");
    }

    /// Presses "Confirmer mon adresse" on the page of a confirmation link.
    pub async fn confirm(&self, client: &reqwest::Client, token: &str) -> reqwest::Response {
        client
            .post(self.url("/fn/confirm_email"))
            .header("Accept", "text/html")
            .form(&[("token", token)])
            .send()
            .await
            .unwrap()
    }

    /// The login form, posted without JavaScript.
    pub async fn log_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/fn/login"))
            .header("Accept", "text/html")
            .form(&[("email", email), ("password", password), ("next", "")])
            .send()
            .await
            .unwrap()
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

    /// [`TestApp::server_fn`], its answer read as JSON (`Null` when it is
    /// not JSON).
    pub async fn server_fn_json(
        &self,
        client: &reqwest::Client,
        name: &str,
        form: &[(&str, &str)],
    ) -> (u16, serde_json::Value) {
        let (status, body) = self.server_fn(client, name, form).await;
        (status, serde_json::from_str(&body).unwrap_or_default())
    }

    /// Posts a server function's form the way a browser without JavaScript
    /// does: the answer is a redirect (not followed) or the error.
    pub async fn form_post(
        &self,
        client: &reqwest::Client,
        name: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/fn/{name}")))
            .header("Accept", "text/html")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// One number read from the database, e.g. `SELECT COUNT(*) FROM …`.
    pub async fn scalar(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.db.pool)
            .await
            .unwrap()
    }
}

/// Every server function endpoint (`endpoint = "…"`) declared under
/// `src/api/<under>`, sorted: tests that must cover them all read the list
/// from the source.
pub fn declared_endpoints(under: &str) -> Vec<String> {
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for part in text.split("endpoint = \"").skip(1) {
                    found.push(part.split('"').next().unwrap().to_string());
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/api")
            .join(under),
        &mut found,
    );
    found.sort();
    found
}

/// A real Web Push service (tests/support/push_sink.py) on a loopback
/// port the system picks: it hands out browser-like subscriptions (its
/// own P-256 keys and auth secrets), checks each push's VAPID signature,
/// decrypts its `aes128gcm` body and keeps what it received. Killed on
/// drop. `.ci/setup --for-tests` installs `http_ece`.
pub struct PushSink {
    pub port: u16,
    child: std::process::Child,
}

impl PushSink {
    pub async fn start() -> PushSink {
        let (port, child) = start_peer("push_sink.py", &[], "http_ece").await;
        PushSink { port, child }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// A new browser subscription, as `PushSubscription.toJSON()` gives
    /// it (`endpoint`, `keys.p256dh`, `keys.auth`), plus the sink's `id`.
    pub async fn subscription(&self) -> serde_json::Value {
        let resp = http()
            .post(self.url("/subscriptions"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 201);
        resp.json().await.unwrap()
    }

    /// From now on the push service answers `status` for subscription `id`.
    pub async fn answer(&self, id: i64, status: u16) {
        let resp = http()
            .put(self.url(&format!("/subscriptions/{id}/status")))
            .json(&serde_json::json!({ "status": status }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 204);
    }

    /// Every push received so far, in order.
    pub async fn received(&self) -> Vec<serde_json::Value> {
        http()
            .get(self.url("/received"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

impl Drop for PushSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Another `formations` instance on the database of `app` (as behind a load
/// balancer), with a clock of its own; stopped when dropped.
pub struct Instance {
    pub address: String,
    pub state: formations::server::http::AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub stopped: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Instance {
    /// Asks the instance to shut down gracefully; the handle ends when it has.
    pub fn shut_down(&mut self) -> tokio::task::JoinHandle<std::io::Result<()>> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.stopped.take().expect("running")
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl TestApp {
    /// A second server on this app's database, at `at` on its own clock.
    pub async fn another_instance(&self, at: chrono::DateTime<chrono::Utc>) -> Instance {
        let db = Db::open(&self._db_guard.url)
            .await
            .expect("open test database");
        let config = Config {
            database_url: self._db_guard.url.clone(),
            site_addr: "127.0.0.1:0".parse().unwrap(),
            site_root: "target/site".into(),
            hash_file: None,
            cookie_secure: false,
            public_url: None,
            trusted_proxies: vec![],
            session_idle_minutes: formations::server::config::DEFAULT_SESSION_IDLE_MINUTES,
            session_cache_seconds: 2,
            mail: MailConfig::new(MailTransport::Folder(self.mail_dir.clone()), DEFAULT_FROM)
                .unwrap(),
            org_name: formations::server::config::DEFAULT_ORG_NAME.into(),
            background: false,
            vapid_subject: None,
            zoom: Default::default(),
        };
        let app = Application::build_with(
            &config,
            db,
            formations::server::throttle::Hashing::global(),
            formations::server::clock::Clock::fixed(at),
        )
        .await
        .expect("build the second instance");
        let address = format!("http://127.0.0.1:{}", app.port());
        let state = app.state();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Instance {
            address,
            state,
            stop: Some(stop),
            stopped: Some(running),
        }
    }
}
