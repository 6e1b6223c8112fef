//! The writes under real concurrency (many requests in flight at once, on
//! both backends), attendance only for sessions that happened, and the
//! management commands that must not touch what they did not create.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use chrono::{Duration, Utc};
use formations::domain::account::{Email, Role};
use formations::error::{AppError, ErrorCode};
use formations::server::auth::{hash_password, open_session};
use formations::server::demo::{ADMIN_EMAIL, LEARNER_EMAIL};
use formations::server::store::users::{MadeBy, TokenKind};

use crate::helpers::seed::Active;
use crate::helpers::{cli, http, spawn_app, TestApp, TestDb, PASSWORD};

/// An admin API client: a bearer token of a new admin account.
struct Admin {
    email: String,
    token: String,
}

/// `count` admins. The password is hashed once and shared, and each session
/// is opened directly: the tests are about writes, not about logging in.
async fn admins(app: &TestApp, count: usize) -> Vec<Admin> {
    let hash = hash_password(formations::domain::account::Password::parse(PASSWORD).unwrap())
        .await
        .unwrap();
    let mut out = Vec::new();
    for i in 0..count {
        let email = format!("admin{i}@example.com");
        let id = app
            .db
            .insert_user(
                &Email::parse(&email).unwrap(),
                &format!("Admin {i}"),
                &hash,
                Role::Admin,
                MadeBy::Admin,
            )
            .await
            .unwrap();
        let token = open_session(&app.db, id, TokenKind::Bearer).await.unwrap();
        out.push(Admin { email, token });
    }
    out
}

/// Calls a server function as the hydrated app does; status and body.
async fn call(app: &TestApp, token: &str, name: &str, form: &[(&str, String)]) -> (u16, String) {
    call_at(&app.address, token, name, form).await
}

async fn call_at(address: &str, token: &str, name: &str, form: &[(&str, String)]) -> (u16, String) {
    let resp = http()
        .post(format!("{address}/fn/{name}"))
        .bearer_auth(token)
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

/// Runs every task at once on the runtime's threads; their results in order.
async fn join_all<T: Send + 'static>(
    tasks: impl IntoIterator<Item = impl std::future::Future<Output = T> + Send + 'static>,
) -> Vec<T> {
    let handles: Vec<_> = tasks.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.expect("task panicked"));
    }
    out
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twelve_admins_making_sixty_changes_each_at_once_all_succeed_and_all_are_in_the_audit_log()
{
    const ADMINS: usize = 12;
    const CHANGES: usize = 60;
    let app = spawn_app().await;
    let mut formations = Vec::new();
    for n in 0..ADMINS {
        formations.push(app.formation(&format!("Formation {n}")).await);
    }
    let admins = admins(&app, ADMINS).await;

    // All admins at once, round after round: in round j admin i toggles
    // formation i + j, so every formation passes from admin to admin and
    // twelve transactions that read and then write are in flight together.
    // Each click is a real change (archive in even rounds, restore in odd
    // ones): a click that changes nothing writes no entry, and this test is
    // about every change being kept.
    let round = std::sync::Arc::new(tokio::sync::Barrier::new(ADMINS));
    let runs = admins.iter().enumerate().map(|(i, admin)| {
        let (address, formations) = (app.address.clone(), formations.clone());
        let (email, token) = (admin.email.clone(), admin.token.clone());
        let round = round.clone();
        async move {
            let mut failures = Vec::new();
            for j in 0..CHANGES {
                round.wait().await;
                let id = formations[(i + j) % formations.len()].to_string();
                let archived = ((j + 1) % 2).to_string();
                let (status, body) = call_at(
                    &address,
                    &token,
                    "admin_archive_formation",
                    &[("id", id), ("archived", archived), ("confirm", "on".into())],
                )
                .await;
                if !(200..300).contains(&status) {
                    failures.push(format!("{email} change {j}: {status} {body}"));
                }
            }
            failures
        }
    });
    let failures: Vec<String> = join_all(runs).await.into_iter().flatten().collect();
    assert!(
        failures.is_empty(),
        "{} of {} changes failed, e.g. {:?}",
        failures.len(),
        ADMINS * CHANGES,
        failures.first()
    );

    let per_actor: Vec<(String, i64)> = sqlx::query_as(
        "SELECT actor_email, COUNT(*) FROM audit_log
         WHERE action IN ('formation.archive', 'formation.restore')
         GROUP BY actor_email ORDER BY actor_email",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(per_actor.len(), ADMINS, "{per_actor:?}");
    assert!(
        per_actor.iter().all(|(_, n)| *n == CHANGES as i64),
        "every change of every admin is in the audit log: {per_actor:?}"
    );

    // The log is a true history: per formation, each change moved the
    // version by one from the one before it, and the last is the current.
    let entries: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT entity_id, before_json, after_json FROM audit_log
         WHERE entity = 'formation' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut versions: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
    for (id, before, after) in entries {
        let v = |json: &str| {
            serde_json::from_str::<serde_json::Value>(json).unwrap()["version"]
                .as_i64()
                .unwrap()
        };
        versions
            .entry(id)
            .or_default()
            .push((v(&before), v(&after)));
    }
    for id in &formations {
        let chain = &versions[id];
        for (n, (before, after)) in chain.iter().enumerate() {
            assert_eq!(
                (*before, *after),
                (n as i64 + 1, n as i64 + 2),
                "formation {id}, change {n}"
            );
        }
        let current: i64 = sqlx::query_scalar("SELECT version FROM formations WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(current, chain.len() as i64 + 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_request_decided_twice_at_the_same_moment_has_exactly_one_winner_and_the_loser_gets_a_409(
) {
    const PAIRS: usize = 8;
    let app = spawn_app().await;
    let learner = app.learner("demandeur@example.com").await;
    let mut requests = Vec::new();
    for i in 0..2 * PAIRS {
        let formation = app.formation(&format!("Formation {i:02}")).await;
        requests.push(
            app.db
                .request_enrollment(learner.id, formation)
                .await
                .unwrap(),
        );
    }
    let team = admins(&app, 2).await;
    let confirm = |request: i64, admin: usize| {
        let (address, token) = (app.address.clone(), team[admin].token.clone());
        async move {
            let outcome = call_at(
                &address,
                &token,
                "admin_confirm_request",
                &[
                    ("request_id", request.to_string()),
                    ("start_date", "2024-01-15".into()),
                    ("end_date", "2099-02-15".into()),
                ],
            )
            .await;
            ("confirm", outcome)
        }
    };
    let reject = |request: i64, admin: usize| {
        let (address, token) = (app.address.clone(), team[admin].token.clone());
        async move {
            let outcome = call_at(
                &address,
                &token,
                "admin_reject_request",
                &[
                    ("request_id", request.to_string()),
                    ("reason", "Paiement non reçu".into()),
                    ("confirm", "on".into()),
                ],
            )
            .await;
            ("reject", outcome)
        }
    };
    // Half the requests get a confirmation and a refusal at once, the other
    // half two confirmations at once; every request's pair in flight together.
    let mut races = Vec::new();
    for (i, &request) in requests.iter().enumerate() {
        let first = tokio::spawn(confirm(request, i % 2));
        let second = if i < PAIRS {
            tokio::spawn(reject(request, (i + 1) % 2))
        } else {
            tokio::spawn(confirm(request, (i + 1) % 2))
        };
        races.push((request, first, second));
    }
    let mut outcomes = Vec::new();
    for (request, first, second) in races {
        outcomes.push((request, first.await.unwrap(), second.await.unwrap()));
    }

    let mut confirmed = 0;
    for (request, a, b) in outcomes {
        let (winner, loser) = match (a.1 .0, b.1 .0) {
            (200, 409) => (a, b),
            (409, 200) => (b, a),
            other => panic!(
                "request {request}: expected one 200 and one 409, got {other:?}: {a:?} {b:?}"
            ),
        };
        assert!(
            loser.1 .1.contains("déjà été traitée"),
            "request {request}: the loser is told why: {}",
            loser.1 .1
        );
        let status: String =
            sqlx::query_scalar("SELECT status FROM enrollment_requests WHERE id = $1")
                .bind(request)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let expected = if winner.0 == "confirm" {
            confirmed += 1;
            "confirmed"
        } else {
            "rejected"
        };
        assert_eq!(
            status, expected,
            "request {request}: the winner's decision stands"
        );
        let decisions: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'enrollment_request' AND entity_id = $1",
        )
        .bind(request)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(decisions, 1, "request {request}: one decision logged");
    }
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM enrollments").await,
        confirmed,
        "one enrollment per confirmed request, none for a lost race"
    );
    assert!(
        confirmed >= PAIRS as i64,
        "the double confirmations all confirm"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sessions_added_at_once_to_one_formation_are_all_saved_with_distinct_numbers_in_date_order()
{
    const SESSIONS: usize = 12;
    let app = spawn_app().await;
    let formation = app.formation("Formation Advanced").await;
    let team = admins(&app, 3).await;
    // Dates in reverse order of sending, so that each one renumbers others.
    let adds = (0..SESSIONS).map(|i| {
        let (address, token) = (app.address.clone(), team[i % team.len()].token.clone());
        async move {
            let day = 28 - i;
            call_at(
                &address,
                &token,
                "admin_add_session",
                &[
                    ("formation_id", formation.to_string()),
                    ("title", format!("Séance du {day}")),
                    ("scheduled_at", format!("2030-01-{day:02}T19:00")),
                    ("duration_minutes", "120".into()),
                ],
            )
            .await
        }
    });
    for (status, body) in join_all(adds).await {
        assert_eq!(status, 200, "{body}");
    }
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT session_number, scheduled_date FROM formation_sessions
         WHERE formation_id = $1 ORDER BY scheduled_date",
    )
    .bind(formation)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), SESSIONS);
    let numbers: Vec<i64> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        numbers,
        (1..=SESSIONS as i64).collect::<Vec<_>>(),
        "numbered 1..n in date order: {rows:?}"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'session.create'"
        )
        .await,
        SESSIONS as i64
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_presence_is_marked_before_a_session_opens_and_the_grid_and_csv_show_it_blank_and_locked(
) {
    let app = spawn_app().await;
    let formation = app.formation("Formation Advanced").await;
    let now = Utc::now();
    let past = app.session(formation, 1, now - Duration::days(2)).await;
    // Starts in ten minutes: attendance opens fifteen minutes before.
    let opening = app.session(formation, 2, now + Duration::minutes(10)).await;
    let future = app.session(formation, 3, now + Duration::days(2)).await;
    let learner = app.learner("apprenant@example.com").await;
    app.enroll(learner.id, formation, -5, 10, Active).await;
    let team = admins(&app, 1).await;
    let admin = &team[0].token;
    let mark = |session: i64, present: &str| {
        vec![
            ("formation_id", formation.to_string()),
            ("user_id", learner.id.to_string()),
            ("session_id", session.to_string()),
            ("present", present.to_string()),
        ]
    };

    // The admin grid: refused before the session, with the reason.
    let (status, body) = call(&app, admin, "admin_set_attendance", &mark(future, "1")).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| serde_json::from_value::<AppError>(v["error"].clone()).ok()),
        Some(AppError::Conflict(ErrorCode::AttendanceNotStarted)),
        "{body}"
    );
    // Posted without JavaScript: back to the grid, which says why.
    let no_redirect = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = no_redirect
        .post(app.url("/fn/admin_set_attendance"))
        .bearer_auth(admin)
        .header("Accept", "text/html")
        .form(&mark(future, "1"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("error=a-not-started"), "{location}");
    let page = http()
        .get(app.url(&location))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("pas encore eu lieu"),
        "the grid shows the reason"
    );
    for session in [past, opening] {
        let (status, body) = call(&app, admin, "admin_set_attendance", &mark(session, "1")).await;
        assert_eq!(status, 200, "session {session}: {body}");
    }
    let (status, _) = call(&app, admin, "admin_set_attendance", &mark(opening, "0")).await;
    assert_eq!(status, 200, "a mark can be removed");

    // The learner: neither the API nor the page's server function.
    let (status, body) = app
        .post_json(
            &format!("/api/auth/user/sessions/{future}/attend/"),
            &learner.token,
        )
        .await;
    assert_eq!(status, 409);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("15 minutes avant"),
        "{body}"
    );
    let (status, body) = call(
        &app,
        &learner.token,
        "mark_attendance",
        &[
            ("enrollment_id", "0".into()),
            ("session_id", future.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 409, "{body}");
    let (status, _) = app
        .post_json(
            &format!("/api/auth/user/sessions/{opening}/attend/"),
            &learner.token,
        )
        .await;
    assert_eq!(status, 200, "open fifteen minutes before the start");
    let marks: Vec<i64> = sqlx::query_scalar(
        "SELECT session_id FROM session_attendance WHERE user_id = $1 ORDER BY session_id",
    )
    .bind(learner.id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        marks,
        vec![past, opening],
        "nothing recorded for the future"
    );

    // The CSV: present, present, and blank — not "Absent" — for the future.
    let csv = http()
        .get(app.url(&format!("/admin/formations/{formation}/presences.csv")))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let row = csv
        .split("\r\n")
        .find(|line| line.contains("apprenant@example.com"))
        .unwrap_or_else(|| panic!("{csv}"));
    let cells: Vec<&str> = row.split(';').collect();
    assert_eq!(&cells[2..5], &["Présent", "Présent", ""], "{row}");

    // The grid: no button for the session to come, a locked blank cell.
    let page = http()
        .get(app.url(&format!("/admin/formations/{formation}/presences")))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(page.matches("class=\"cell-button\"").count(), 2, "{page}");
    assert_eq!(page.matches("cell locked").count(), 1, "{page}");
    assert!(
        !page.contains(&format!("value=\"{future}\"")),
        "no form for it"
    );
    let (_, grid) = call(
        &app,
        admin,
        "admin_get_attendance",
        &[("formation_id", formation.to_string())],
    )
    .await;
    let grid: serde_json::Value = serde_json::from_str(&grid).unwrap();
    let open: Vec<bool> = grid["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["attendance_open"].as_bool().unwrap())
        .collect();
    assert_eq!(open, vec![true, true, false]);
}

/// Runs the real binary with `input` on its standard input.
fn cli_with_stdin(database_url: &str, args: &[&str], input: &str) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_formations"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run formations");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dash_reads_the_password_from_standard_input_on_every_command_that_takes_one() {
    let app = spawn_app().await;
    let url = app._db_guard.url.clone();
    let out = cli_with_stdin(
        &url,
        &[
            "user",
            "create",
            "--email",
            "stdin@example.com",
            "--name",
            "Par l'entrée",
            "--password",
            "-",
        ],
        "mot-de-passe du pipe\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        app.api_login("stdin@example.com", "mot-de-passe du pipe")
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        app.api_login("stdin@example.com", "-")
            .await
            .status()
            .as_u16(),
        401,
        "the dash is not the password"
    );

    let out = cli_with_stdin(
        &url,
        &[
            "formation",
            "create",
            "--name",
            "Formation Advanced",
            "--description",
            "D",
            "--level",
            "intermediate",
            "--platform",
            "zoom",
            "--meeting-link",
            "https://zoom.us/j/123456789",
            "--meeting-password",
            "-",
            "--instructor",
            "John Doe",
            "--schedule",
            "Mar-Jeu, 19h-21h",
        ],
        "zoom-pw-2026\r\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stored: String = sqlx::query_scalar("SELECT meeting_password FROM formations")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, "zoom-pw-2026");

    // Nothing on standard input: one clear line, nothing created.
    let out = cli_with_stdin(
        &url,
        &[
            "user",
            "create",
            "--email",
            "empty@example.com",
            "--name",
            "Vide",
            "--password",
            "-",
        ],
        "",
    );
    assert!(!out.status.success());
    assert!(text(&out.stdout).is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("--password: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM users WHERE email = 'empty@example.com'"
        )
        .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_never_touches_an_account_with_a_demo_e_mail_that_it_did_not_create() {
    let db = TestDb::new().await;
    // Someone made these accounts before the demo ran, with other roles.
    for (email, name, admin) in [
        (ADMIN_EMAIL, "Vraie Personne", false),
        (LEARNER_EMAIL, "Cheffe Réelle", true),
    ] {
        let mut args = vec![
            "user",
            "create",
            "--email",
            email,
            "--name",
            name,
            "--password",
            "leur-propre-mot-de-passe",
        ];
        if admin {
            args.push("--admin");
        }
        let out = cli(&db.url, &args);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let conn = formations::server::db::Db::open(&db.url).await.unwrap();
    let accounts = || async {
        sqlx::query_as::<_, (i64, String, String, String, String)>(
            "SELECT id, email, name, role, password_hash FROM users
             WHERE email IN ($1, $2) ORDER BY id",
        )
        .bind(ADMIN_EMAIL)
        .bind(LEARNER_EMAIL)
        .fetch_all(&conn.pool)
        .await
        .unwrap()
    };
    let before = accounts().await;
    assert_eq!(before.len(), 2);

    for run in 0..2 {
        let out = cli(&db.url, &["demo"]);
        assert!(out.status.success(), "run {run}: {}", text(&out.stderr));
        let summary = text(&out.stderr);
        assert!(
            summary.contains(&format!(
                "{ADMIN_EMAIL} appartient déjà à un compte que la démo n'a pas créé"
            )),
            "{summary}"
        );
        assert!(!summary.contains("admin-demo-2026"), "{summary}");
    }
    assert_eq!(accounts().await, before, "name, role and password kept");
    let ids: HashSet<i64> = before.iter().map(|a| a.0).collect();
    for table in ["enrollments", "session_attendance", "enrollment_requests"] {
        let users: Vec<i64> = sqlx::query_scalar(&format!("SELECT DISTINCT user_id FROM {table}"))
            .fetch_all(&conn.pool)
            .await
            .unwrap();
        assert!(
            users.iter().all(|u| !ids.contains(u)),
            "{table}: nothing added for the accounts the demo did not make"
        );
    }
    // The rest of the demo is there, with the learner it made itself.
    let demo_made: Vec<String> =
        sqlx::query_scalar("SELECT email FROM users WHERE created_by_demo = 1")
            .fetch_all(&conn.pool)
            .await
            .unwrap();
    assert_eq!(demo_made, vec!["lea@formations.test".to_string()]);
    let lea_enrollments: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM enrollments e JOIN users u ON u.id = e.user_id
         WHERE u.created_by_demo = 1",
    )
    .fetch_one(&conn.pool)
    .await
    .unwrap();
    // Léa: two formations running, and the finished one whose certificate
    // the demo revokes.
    assert_eq!(lea_enrollments, 3);
    let formations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM formations")
        .fetch_one(&conn.pool)
        .await
        .unwrap();
    assert_eq!(formations, 4);
}
