//! The admin area over HTTP: role checks on every admin server function,
//! formations, sessions, requests, enrollments, attendance, exports, audit.

use chrono::{NaiveDate, TimeZone, Utc};
use formations::domain::admin::FormationFields;
use formations::domain::formation::{FormationInfo, Level, Platform};
use formations::domain::status::EnrollmentStatus;
use formations::server::cli::create_user;
use formations::server::store::audit::Actor;
use formations::server::store::formations::SeanceFields;

use crate::helpers::{client_for, spawn_app, spawn_app_with, TestApp, PASSWORD};

/// A form with owned values, for tables of calls built once.
fn f(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

fn zoom_formation(name: &str) -> FormationFields {
    FormationFields {
        info: FormationInfo {
            name: name.into(),
            description: "Stratégies avancées".into(),
            level: Level::Intermediate,
            platform: Platform::Zoom,
            instructor_name: "John Doe".into(),
            schedule_description: "Mar-Jeu, 19h-21h".into(),
        },
        meeting_link: "https://zoom.us/j/123456789".into(),
        meeting_id: Some("123 456 789".into()),
        meeting_password: Some("secret123".into()),
        timezone: chrono_tz::Europe::Paris,
        certificate_min_attendance: 0,
        zoom_min_presence: 50,
        zoom_auto_meetings: false,
        offer: Default::default(),
    }
}

fn formation_form<'a>(
    name: &'a str,
    platform: &'a str,
    link: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name", name),
        ("description", "Stratégies avancées"),
        ("level", "intermediate"),
        ("platform", platform),
        ("meeting_link", link),
        ("meeting_id", "123 456 789"),
        ("meeting_password", "secret123"),
        ("instructor_name", "John Doe"),
        ("schedule_description", "Mar-Jeu, 19h-21h"),
        ("timezone", "Europe/Paris"),
    ]
}

/// Everything an admin function could change, as one comparable text.
async fn snapshot(app: &TestApp) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT COUNT(*) FROM formations",
        "SELECT COALESCE(MAX(version), 0) FROM formations",
        "SELECT COUNT(*) FROM formations WHERE archived = 1",
        "SELECT COUNT(*) FROM formation_sessions",
        "SELECT COUNT(*) FROM formation_sessions WHERE recording_link IS NOT NULL",
        "SELECT COUNT(*) FROM enrollments",
        "SELECT COUNT(*) FROM enrollments WHERE status = 'cancelled'",
        "SELECT COUNT(*) FROM session_attendance",
        "SELECT COUNT(*) FROM enrollment_requests WHERE status = 'pending'",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT COUNT(*) FROM users WHERE name = 'Nom corrigé'",
    ] {
        out.push_str(&format!("{sql} = {}\n", app.scalar(sql).await));
    }
    let names: Vec<String> = sqlx::query_scalar("SELECT name || title FROM formations f JOIN formation_sessions s ON s.formation_id = f.id ORDER BY s.id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    out.push_str(&names.join("|"));
    out
}

struct Fixture {
    formation: i64,
    session: i64,
    learner: i64,
    enrollment: i64,
    request: i64,
}

async fn fixture(app: &TestApp) -> Fixture {
    let formation = app
        .db
        .create_formation(&Actor::System, &zoom_formation("Formation Advanced"))
        .await
        .unwrap();
    let session = app
        .session_with(
            formation,
            1,
            SeanceFields {
                title: "Introduction".into(),
                scheduled_at: Utc.with_ymd_and_hms(2024, 1, 16, 18, 0, 0).unwrap(),
                duration_minutes: 120,
                meeting_link: None,
                recording_link: None,
            },
        )
        .await;
    let learner = create_user(&app.db, "inscrit@example.com", "Inscrit", PASSWORD, false)
        .await
        .unwrap();
    let enrollment = app
        .enroll_dated(
            learner,
            formation,
            (
                NaiveDate::from_ymd_opt(2024, 1, 15).unwrap(),
                NaiveDate::from_ymd_opt(2099, 2, 15).unwrap(),
            ),
            EnrollmentStatus::Upcoming,
            10,
        )
        .await;
    let asker = create_user(&app.db, "demande@example.com", "Demandeur", PASSWORD, false)
        .await
        .unwrap();
    let request = app.db.request_enrollment(asker, formation).await.unwrap();
    Fixture {
        formation,
        session,
        learner,
        enrollment,
        request,
    }
}

/// A valid body for every admin server function.
fn every_admin_call(fx: &Fixture) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let id = fx.formation.to_string();
    let session = fx.session.to_string();
    let mut update = f(&formation_form("Renommée", "zoom", "https://zoom.us/j/1"));
    update.push(("id", id.clone()));
    update.push(("version", "1".into()));
    vec![
        ("admin_list_formations", f(&[("q", "")])),
        ("admin_get_formation", f(&[("id", &id)])),
        (
            "admin_create_formation",
            f(&formation_form("Nouvelle", "zoom", "https://zoom.us/j/2")),
        ),
        ("admin_update_formation", update),
        (
            "admin_archive_formation",
            f(&[("id", &id), ("archived", "1"), ("confirm", "on")]),
        ),
        (
            "admin_publish_formation",
            f(&[("id", &id), ("draft", "0"), ("confirm", "on")]),
        ),
        ("admin_list_sessions", f(&[("formation_id", &id)])),
        (
            "admin_preview_series",
            f(&[
                ("formation_id", &id),
                ("weekdays", "mar"),
                ("start_time", "19:00"),
                ("duration_minutes", "60"),
                ("from_date", "2024-01-15"),
                ("to_date", "2024-01-31"),
            ]),
        ),
        ("admin_get_session", f(&[("session_id", &session)])),
        (
            "admin_add_session",
            f(&[
                ("formation_id", &id),
                ("title", "Bonus"),
                ("scheduled_at", "2024-01-10T19:00"),
                ("duration_minutes", "60"),
            ]),
        ),
        (
            "admin_generate_sessions",
            f(&[
                ("formation_id", &id),
                ("title", "Séance"),
                ("weekdays", "mar, jeu"),
                ("start_time", "19:00"),
                ("duration_minutes", "120"),
                ("from_date", "2024-01-15"),
                ("to_date", "2024-02-15"),
            ]),
        ),
        (
            "admin_update_session",
            f(&[
                ("session_id", &session),
                ("title", "Autre titre"),
                ("scheduled_at", "2024-01-16T19:00"),
                ("duration_minutes", "90"),
            ]),
        ),
        (
            "admin_set_recording",
            f(&[
                ("session_id", &session),
                ("recording_link", "https://zoom.us/rec/share/x"),
            ]),
        ),
        (
            "admin_delete_session",
            f(&[("session_id", &session), ("confirm", "on")]),
        ),
        ("admin_list_enrollments", f(&[("formation_id", &id)])),
        (
            "admin_enroll_user",
            f(&[
                ("formation_id", &id),
                ("email", "demande@example.com"),
                ("start_date", "2024-01-15"),
                ("end_date", "2024-02-15"),
            ]),
        ),
        (
            "admin_cancel_enrollment",
            f(&[
                ("enrollment_id", &fx.enrollment.to_string()),
                ("formation_id", &id),
                ("confirm", "on"),
            ]),
        ),
        ("admin_list_requests", vec![]),
        (
            "admin_confirm_request",
            f(&[
                ("request_id", &fx.request.to_string()),
                ("start_date", "2024-01-15"),
                ("end_date", "2024-02-15"),
            ]),
        ),
        (
            "admin_reject_request",
            f(&[
                ("request_id", &fx.request.to_string()),
                ("reason", "Paiement non reçu"),
                ("confirm", "on"),
            ]),
        ),
        ("admin_get_attendance", f(&[("formation_id", &id)])),
        (
            "admin_set_attendance",
            f(&[
                ("formation_id", &id),
                ("user_id", &fx.learner.to_string()),
                ("session_id", &session),
                ("present", "1"),
            ]),
        ),
        ("admin_get_dashboard", vec![]),
        ("admin_list_audit", vec![]),
        ("admin_list_certificates", f(&[("formation_id", &id)])),
        ("admin_list_deliveries", vec![]),
        ("admin_resend_reminder", f(&[("id", "1")])),
        (
            "admin_retry_zoom_sync",
            f(&[("session_id", &fx.session.to_string())]),
        ),
        (
            "admin_session_attendance",
            f(&[("session_id", &fx.session.to_string())]),
        ),
        (
            "admin_link_participant",
            f(&[
                ("session_id", &fx.session.to_string()),
                ("participant_key", "p1"),
                ("user_id", &fx.learner.to_string()),
            ]),
        ),
        (
            "admin_apply_import",
            f(&[("session_id", &fx.session.to_string()), ("import", "1")]),
        ),
        (
            "admin_issue_certificate",
            f(&[
                ("enrollment_id", &fx.enrollment.to_string()),
                ("formation_id", &id),
            ]),
        ),
        (
            "admin_revoke_certificate",
            f(&[
                ("code", "FMT-0000-0000-0000-0000"),
                ("reason", "Fraude"),
                ("formation_id", &id),
            ]),
        ),
        (
            "admin_reissue_certificate",
            f(&[("code", "FMT-0000-0000-0000-0000"), ("formation_id", &id)]),
        ),
        (
            "admin_rename_user",
            f(&[
                ("user_id", &fx.learner.to_string()),
                ("name", "Nom corrigé"),
                ("formation_id", &id),
            ]),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_admin_server_function_refuses_learners_with_403_and_anonymous_callers_with_401_and_changes_nothing(
) {
    let app = spawn_app().await;
    let fx = fixture(&app).await;
    let calls = every_admin_call(&fx);

    let mut covered: Vec<String> = calls.iter().map(|(e, _)| e.to_string()).collect();
    covered.sort();
    assert_eq!(
        covered,
        crate::helpers::declared_endpoints("admin"),
        "the table must list every admin server function"
    );

    let (learner, _) = app.signed_in_learner("curieux@example.com").await;
    let anonymous = client_for(&app.address);
    let before = snapshot(&app).await;
    for (endpoint, body) in &calls {
        let body: Vec<(&str, &str)> = body.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for (who, client, expected) in [("learner", &learner, 403), ("anonymous", &anonymous, 401)]
        {
            let (status, _) = app.server_fn(client, endpoint, &body).await;
            assert_eq!(status, expected, "{endpoint} as {who}");
            let resp = app.form_post(client, endpoint, &body).await;
            assert_eq!(
                resp.status().as_u16(),
                expected,
                "{endpoint} as {who}, form post"
            );
            assert_eq!(
                snapshot(&app).await,
                before,
                "{endpoint} as {who} changed something"
            );
        }
    }

    // The same bodies are valid: an admin gets past the role check.
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    for (endpoint, body) in &calls {
        let body: Vec<(&str, &str)> = body.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, _) = app.server_fn(&admin, endpoint, &body).await;
        assert!(
            status < 500 && ![400, 401, 403].contains(&status),
            "{endpoint} as admin: {status}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_pages_are_refused_to_learners_and_send_anonymous_visitors_to_login() {
    let app = spawn_app().await;
    let resp = client_for(&app.address)
        .get(app.url("/admin/formations"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?next=%2Fadmin"));

    let (learner, _) = app.signed_in_learner("curieux@example.com").await;
    for path in [
        "/admin",
        "/admin/formations",
        "/admin/audit",
        "/admin/formations/1/inscriptions.csv",
    ] {
        let resp = learner.get(app.url(path)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 403, "{path}");
        assert!(resp
            .text()
            .await
            .unwrap()
            .contains("Accès réservé aux administrateurs"));
    }

    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let resp = admin.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_creates_a_formation_and_a_link_on_another_platform_is_refused_next_to_its_field()
{
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("chef@example.com").await;

    let (status, body) = app
        .server_fn_json(
            &admin,
            "admin_create_formation",
            &formation_form("Meet", "google_meet", "https://zoom.us/j/1"),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["field"], "meeting_link", "{body}");
    assert_eq!(body["code"], "a-link-meet", "{body}");
    assert_eq!(
        body["detail"],
        "Un lien Google Meet doit être sur meet.google.com."
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM formations").await, 0);

    // Without JavaScript: back to the form with the code and the typed values.
    let resp = app
        .form_post(
            &admin,
            "admin_create_formation",
            &formation_form("Meet", "google_meet", "https://zoom.us/j/1"),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/admin/formations/nouvelle?error=a-link-meet"),
        "{location}"
    );
    assert!(
        location.contains("name=Meet") && !location.contains("secret123"),
        "{location}"
    );
    let page = admin
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Un lien Google Meet doit être sur meet.google.com."),
        "message shown"
    );
    // The meeting link is never taken from a URL (anyone can send an admin
    // a crafted one), so the refused link is not carried back.
    assert!(
        !location.contains("zoom.us") && !page.contains("https://zoom.us/j/1"),
        "the link is not pre-filled from the URL"
    );

    let (status, id) = app
        .server_fn_json(
            &admin,
            "admin_create_formation",
            &formation_form(
                "Meet",
                "google_meet",
                "https://meet.google.com/abc-defg-hij",
            ),
        )
        .await;
    assert_eq!(status, 200);
    let id = id.as_i64().unwrap();
    let (name, tz, presence): (String, String, i64) =
        sqlx::query_as("SELECT name, timezone, zoom_min_presence FROM formations WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((name.as_str(), tz.as_str()), ("Meet", "Europe/Paris"));
    assert_eq!(
        presence, 50,
        "a form without the threshold gets the default"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'formation.create'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_zoom_presence_threshold_is_set_by_the_admin_form_and_outside_0_to_100_is_refused() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let read = async |id: &str| {
        let (status, detail) = app
            .server_fn_json(&admin, "admin_get_formation", &[("id", id)])
            .await;
        assert_eq!(status, 200, "{detail}");
        (
            detail["input"]["zoom_min_presence"].clone(),
            detail["version"].as_i64().unwrap(),
        )
    };

    let mut form = formation_form("Seuil", "zoom", "https://zoom.us/j/1");
    form.push(("zoom_min_presence", "70"));
    let (status, id) = app
        .server_fn_json(&admin, "admin_create_formation", &form)
        .await;
    assert_eq!(status, 200, "{id}");
    let id = id.as_i64().unwrap().to_string();
    assert_eq!(read(&id).await, (serde_json::json!("70"), 1));

    let mut form = formation_form("Seuil", "zoom", "https://zoom.us/j/1");
    form.extend([("id", id.as_str()), ("version", "1")]);
    form.push(("zoom_min_presence", "40"));
    assert_eq!(
        app.server_fn(&admin, "admin_update_formation", &form)
            .await
            .0,
        200
    );
    assert_eq!(read(&id).await, (serde_json::json!("40"), 2));
    let after: String =
        sqlx::query_scalar("SELECT after_json FROM audit_log WHERE action = 'formation.update'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["zoom_min_presence"], 40, "{after}");

    let mut refused = formation_form("Seuil", "zoom", "https://zoom.us/j/1");
    refused.extend([("id", id.as_str()), ("version", "2")]);
    refused.push(("zoom_min_presence", "150"));
    let before = snapshot(&app).await;
    let (status, body) = app
        .server_fn_json(&admin, "admin_update_formation", &refused)
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["field"], "zoom_min_presence", "{body}");
    assert_eq!(body["code"], "a-zoom-min", "{body}");
    assert_eq!(
        body["detail"],
        "La présence minimale Zoom / feuille importée est un pourcentage entier de 0 à 100."
    );
    assert_eq!(snapshot(&app).await, before, "nothing changed");
    assert_eq!(read(&id).await, (serde_json::json!("40"), 2));

    // Without JavaScript: back to the form with the message and the typed value.
    let resp = app
        .form_post(&admin, "admin_update_formation", &refused)
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!("/admin/formations/{id}?error=a-zoom-min"))
            && location.contains("zoom_min_presence=150"),
        "{location}"
    );
    let page = admin
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("pourcentage entier de 0 à 100"),
        "message shown"
    );
    assert!(page.contains("value=\"150\""), "typed value kept");
    assert!(page.contains("Présence minimale Zoom / feuille importée (%)"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_admins_saving_the_same_formation_do_not_silently_lose_a_change() {
    let app = spawn_app().await;
    let id = app
        .db
        .create_formation(&Actor::System, &zoom_formation("Formation"))
        .await
        .unwrap();
    let (first, _) = app.signed_in_admin("un@example.com").await;
    let (second, _) = app.signed_in_admin("deux@example.com").await;

    let id_text = id.to_string();
    let mut form = formation_form("Nom du premier", "zoom", "https://zoom.us/j/1");
    form.push(("id", &id_text));
    form.push(("version", "1"));
    assert_eq!(
        app.server_fn(&first, "admin_update_formation", &form)
            .await
            .0,
        200
    );

    let mut stale = formation_form("Nom du second", "zoom", "https://zoom.us/j/1");
    stale.push(("id", &id_text));
    stale.push(("version", "1"));
    let (status, body) = app
        .server_fn(&second, "admin_update_formation", &stale)
        .await;
    assert_eq!(status, 409);
    assert!(body.contains("modifiée entre-temps par un autre administrateur"));
    let name: String = sqlx::query_scalar("SELECT name FROM formations WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(name, "Nom du premier");
    assert_eq!(app.scalar("SELECT version FROM formations").await, 2);

    // Without JavaScript: back to the form with the message and what was typed.
    let resp = app
        .form_post(&second, "admin_update_formation", &stale)
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!("/admin/formations/{id}?error=a-stale")),
        "{location}"
    );
    let page = second
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("modifiée entre-temps par un autre administrateur"));
    assert!(page.contains("value=\"Nom du second\""), "typed name kept");
    assert!(page.contains("Recharger la version actuelle"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tuesday_thursday_evenings_are_generated_in_paris_time_across_the_spring_change_and_numbered_by_date(
) {
    let app = spawn_app().await;
    let id = app
        .db
        .create_formation(&Actor::System, &zoom_formation("Formation"))
        .await
        .unwrap();
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let id_text = id.to_string();
    let series = |from: &'static str, to: &'static str| {
        [
            ("formation_id", id_text.as_str()),
            ("title", "Séance"),
            ("weekdays", "Mar-Jeu"),
            ("start_time", "19h"),
            ("duration_minutes", "120"),
            ("from_date", from),
            ("to_date", to),
        ]
    };
    let (status, body) = app
        .server_fn(
            &admin,
            "admin_generate_sessions",
            &series("2024-01-15", "2024-02-15"),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<i64>(&body).unwrap(), 10);
    // Spring change in Paris on 2024-03-31: 19h is 18:00Z before, 17:00Z after.
    let (_, body) = app
        .server_fn(
            &admin,
            "admin_generate_sessions",
            &series("2024-03-26", "2024-04-04"),
        )
        .await;
    assert_eq!(serde_json::from_str::<i64>(&body).unwrap(), 4);
    // An earlier single session takes number 1; the others follow by date.
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_add_session",
            &[
                ("formation_id", &id.to_string()),
                ("title", "Accueil"),
                ("scheduled_at", "2024-01-10T19:00"),
                ("duration_minutes", "60"),
            ],
        )
        .await;
    assert_eq!(status, 200);

    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT session_number, title, scheduled_date FROM formation_sessions WHERE formation_id = $1 ORDER BY session_number",
    )
    .bind(id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 15);
    assert_eq!(
        rows[0],
        (1, "Accueil".into(), "2024-01-10T18:00:00Z".into())
    );
    assert_eq!(rows[1].2, "2024-01-16T18:00:00Z");
    assert_eq!(rows[10].2, "2024-02-15T18:00:00Z");
    let spring: Vec<&str> = rows[11..].iter().map(|r| r.2.as_str()).collect();
    assert_eq!(
        spring,
        [
            "2024-03-26T18:00:00Z",
            "2024-03-28T18:00:00Z",
            "2024-04-02T17:00:00Z",
            "2024-04-04T17:00:00Z"
        ]
    );
    assert!(rows
        .windows(2)
        .all(|w| w[0].2 <= w[1].2 && w[1].0 == w[0].0 + 1));

    // Generating the same period again creates nothing and says so.
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_generate_sessions",
            &series("2024-01-15", "2024-02-15"),
        )
        .await;
    assert_eq!(status, 422);

    // Deleting needs the confirmation, then renumbers.
    let first_id: i64 =
        sqlx::query_scalar("SELECT id FROM formation_sessions WHERE session_number = 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_delete_session",
            &[("session_id", &first_id.to_string())],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_delete_session",
            &[("session_id", &first_id.to_string()), ("confirm", "on")],
        )
        .await;
    assert_eq!(status, 200);
    let first: String = sqlx::query_scalar(
        "SELECT scheduled_date FROM formation_sessions WHERE session_number = 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(first, "2024-01-16T18:00:00Z");
    assert_eq!(
        app.scalar("SELECT MAX(session_number) FROM formation_sessions")
            .await,
        14
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_request_waits_for_payment_then_the_admin_confirms_it_and_the_enrollment_exists()
{
    let app = spawn_app().await;
    let id = app
        .db
        .create_formation(&Actor::System, &zoom_formation("Formation Advanced"))
        .await
        .unwrap();
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    for day in ["2024-01-16T19:00", "2024-01-18T19:00", "2024-03-01T19:00"] {
        let (status, _) = app
            .server_fn(
                &admin,
                "admin_add_session",
                &[
                    ("formation_id", &id.to_string()),
                    ("title", "S"),
                    ("scheduled_at", day),
                    ("duration_minutes", "120"),
                ],
            )
            .await;
        assert_eq!(status, 200);
    }
    let (learner, learner_id) = app.signed_in_learner("camille@example.com").await;

    let (status, _) = app
        .server_fn(
            &learner,
            "catalogue_request",
            &[("formation_id", &id.to_string())],
        )
        .await;
    assert_eq!(status, 200);
    let (again, _) = app
        .server_fn(
            &learner,
            "catalogue_request",
            &[("formation_id", &id.to_string())],
        )
        .await;
    assert_eq!(again, 409);

    let page = learner
        .get(app.url("/formations"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("En attente de paiement"));
    assert!(
        !page.contains("zoom.us/j") && !page.contains("secret123") && !page.contains("123 456 789")
    );
    let (_, json) = app.server_fn(&learner, "catalogue", &[]).await;
    assert!(
        !json.contains("zoom.us/j") && !json.contains("secret123") && !json.contains("123 456 789"),
        "{json}"
    );

    let (_, requests) = app.server_fn_json(&admin, "admin_list_requests", &[]).await;
    let request_id = requests["requests"][0]["id"].as_i64().unwrap();
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_confirm_request",
            &[
                ("request_id", &request_id.to_string()),
                ("start_date", "2024-01-15"),
                ("end_date", "2024-02-15"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (user_id, total, status): (i64, i64, String) = sqlx::query_as(
        "SELECT user_id, total_sessions, status FROM enrollments WHERE formation_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (user_id, total),
        (learner_id, 2),
        "two sessions in the period"
    );
    assert_eq!(status, "completed");

    let (twice, _) = app
        .server_fn(
            &admin,
            "admin_confirm_request",
            &[
                ("request_id", &request_id.to_string()),
                ("start_date", "2024-01-15"),
                ("end_date", "2024-02-15"),
            ],
        )
        .await;
    assert_eq!(twice, 409);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM enrollments").await, 1);

    let page = learner
        .get(app.url("/formations"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Paiement confirmé"),
        "the learner sees the confirmation"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_request_shows_refusee_and_its_reason_to_the_learner() {
    let app = spawn_app().await;
    let id = app
        .db
        .create_formation(&Actor::System, &zoom_formation("Formation Advanced"))
        .await
        .unwrap();
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let (learner, learner_id) = app.signed_in_learner("camille@example.com").await;
    let request_id = app.db.request_enrollment(learner_id, id).await.unwrap();

    let (status, _) = app
        .server_fn(
            &admin,
            "admin_reject_request",
            &[
                ("request_id", &request_id.to_string()),
                ("reason", "Paiement non reçu"),
            ],
        )
        .await;
    assert_eq!(status, 422, "the confirmation box is required");
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_reject_request",
            &[
                ("request_id", &request_id.to_string()),
                ("reason", "Paiement non reçu"),
                ("confirm", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let page = learner
        .get(app.url("/formations"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Refusée") && page.contains("Paiement non reçu"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_an_enrollment_makes_its_effective_status_cancelled_at_once() {
    let app = spawn_app().await;
    let id = app
        .db
        .create_formation(&Actor::System, &zoom_formation("Formation Advanced"))
        .await
        .unwrap();
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let (learner, _) = app.signed_in_learner("camille@example.com").await;
    let today = Utc::now().date_naive();
    let (status, body) = app
        .server_fn(
            &admin,
            "admin_enroll_user",
            &[
                ("formation_id", &id.to_string()),
                ("email", "camille@example.com"),
                (
                    "start_date",
                    &(today - chrono::Duration::days(10)).to_string(),
                ),
                (
                    "end_date",
                    &(today + chrono::Duration::days(10)).to_string(),
                ),
                ("total_sessions", "6"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let enrollment: i64 = serde_json::from_str(&body).unwrap();
    let (_, view) = app
        .server_fn_json(
            &admin,
            "admin_list_enrollments",
            &[("formation_id", &id.to_string())],
        )
        .await;
    assert_eq!(view["enrollments"][0]["status"], "active");

    let (status, _) = app
        .server_fn(
            &admin,
            "admin_enroll_user",
            &[
                ("formation_id", &id.to_string()),
                ("email", "nobody@example.com"),
                ("start_date", "2024-01-01"),
                ("end_date", "2024-01-02"),
            ],
        )
        .await;
    assert_eq!(status, 422);

    let (status, _) = app
        .server_fn(
            &admin,
            "admin_cancel_enrollment",
            &[
                ("enrollment_id", &enrollment.to_string()),
                ("formation_id", &id.to_string()),
                ("confirm", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (_, view) = app
        .server_fn_json(
            &admin,
            "admin_list_enrollments",
            &[("formation_id", &id.to_string())],
        )
        .await;
    assert_eq!(view["enrollments"][0]["status"], "cancelled");
    let (_, catalogue) = app.server_fn_json(&learner, "catalogue", &[]).await;
    assert_eq!(catalogue["formations"][0]["enrollment"], "cancelled");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'enrollment.cancel'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendance_marked_by_the_admin_is_manual_and_the_attended_count_follows_the_rows() {
    let app = spawn_app().await;
    let fx = fixture(&app).await;
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let (formation, learner, session) = (
        fx.formation.to_string(),
        fx.learner.to_string(),
        fx.session.to_string(),
    );
    let mark = |present: &'static str| {
        [
            ("formation_id", formation.as_str()),
            ("user_id", learner.as_str()),
            ("session_id", session.as_str()),
            ("present", present),
        ]
    };
    assert_eq!(
        app.server_fn(&admin, "admin_set_attendance", &mark("1"))
            .await
            .0,
        200
    );
    assert_eq!(
        app.server_fn(&admin, "admin_set_attendance", &mark("1"))
            .await
            .0,
        200
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM session_attendance WHERE source = 'manual'")
            .await,
        1
    );
    let (_, grid) = app
        .server_fn_json(
            &admin,
            "admin_get_attendance",
            &[("formation_id", &fx.formation.to_string())],
        )
        .await;
    assert_eq!(grid["learners"][0]["attended"], serde_json::json!([true]));
    assert_eq!(grid["learners"][0]["attended_sessions"], 1);
    assert_eq!(grid["learners"][0]["attendance_rate"], 10.0);

    assert_eq!(
        app.server_fn(&admin, "admin_set_attendance", &mark("0"))
            .await
            .0,
        200
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM session_attendance").await,
        0
    );
    let (_, grid) = app
        .server_fn_json(
            &admin,
            "admin_get_attendance",
            &[("formation_id", &fx.formation.to_string())],
        )
        .await;
    assert_eq!(grid["learners"][0]["attended_sessions"], 0);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'attendance.%'")
            .await,
        2
    );

    // Someone not enrolled cannot be marked; without JavaScript the grid says why.
    let mut stranger = mark("1");
    stranger[1].1 = "999999";
    let resp = app
        .form_post(&admin, "admin_set_attendance", &stranger)
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("error=a-not-enrolled"), "{location}");
    let page = admin
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("pas inscrit à cette formation"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_exports_are_attachments_with_a_bom_and_escaped_fields_for_admins_only() {
    let app = spawn_app().await;
    let fx = fixture(&app).await;
    sqlx::query("UPDATE users SET name = $1 WHERE id = $2")
        .bind("Dupont; \"Jo\"\nJr")
        .bind(fx.learner)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    for kind in ["inscriptions", "presences"] {
        let resp = admin
            .get(app.url(&format!("/admin/formations/{}/{kind}.csv", fx.formation)))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{kind}");
        assert!(resp.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename="));
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let body = resp.text().await.unwrap();
        assert!(body.starts_with('\u{feff}'), "{kind}: BOM");
        assert!(
            body.contains("\"Dupont; \"\"Jo\"\"\nJr\";inscrit@example.com;"),
            "{kind}: {body}"
        );
        assert!(body.contains("\r\n"));
    }
    let (learner, _) = app.signed_in_learner("curieux@example.com").await;
    let resp = learner
        .get(app.url(&format!("/admin/formations/{}/presences.csv", fx.formation)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_admin_change_is_in_the_audit_log_with_who_and_before_after() {
    let app = spawn_app().await;
    let fx = fixture(&app).await;
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_archive_formation",
            &[("id", &fx.formation.to_string()), ("archived", "1")],
        )
        .await;
    assert_eq!(status, 422, "archiving asks for confirmation");
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_archive_formation",
            &[
                ("id", &fx.formation.to_string()),
                ("archived", "1"),
                ("confirm", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (_, entries) = app.server_fn_json(&admin, "admin_list_audit", &[]).await;
    let entries = &entries["entries"];
    assert_eq!(entries[0]["action"], "formation.archive");
    assert_eq!(entries[0]["actor_email"], "chef@example.com");
    assert!(entries[0]["before_json"]
        .as_str()
        .unwrap()
        .contains("\"archived\":false"));
    assert!(entries[0]["after_json"]
        .as_str()
        .unwrap()
        .contains("\"archived\":true"));

    // Archived: out of the catalogue, enrollments kept.
    let (learner, _) = app.signed_in_learner("curieux@example.com").await;
    let (_, catalogue) = app.server_fn_json(&learner, "catalogue", &[]).await;
    assert_eq!(catalogue["formations"].as_array().unwrap().len(), 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM enrollments").await, 1);
    let page = admin
        .get(app.url("/admin/audit"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("formation.archive") || page.contains("Archivage"));
    assert!(
        !page.contains("class=\"pager\""),
        "one page of entries needs no pager"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_counts_enrollments_by_effective_status_and_pending_requests() {
    let app = spawn_app().await;
    let fx = fixture(&app).await;
    // Stored 'upcoming' but started in 2024 and ends in 2099: effectively active.
    let _ = fx.enrollment;
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let (_, dash) = app.server_fn_json(&admin, "admin_get_dashboard", &[]).await;
    assert_eq!(dash["active"], 1);
    assert_eq!(dash["upcoming"], 0);
    assert_eq!(dash["pending_requests"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_formations_list_is_searched_and_filtered_by_level_and_platform_and_hides_archived_ones(
) {
    // Counted statements: no session cache (every request looks up).
    let app = spawn_app_with(|c| c.session_cache_seconds = 0, None).await;
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let mut alpha = zoom_formation("Alpha trading");
    alpha.info.instructor_name = "Jane Smith".into();
    app.db
        .create_formation(&Actor::System, &alpha)
        .await
        .unwrap();
    let mut beta = zoom_formation("Beta analyse");
    beta.info.level = Level::Beginner;
    beta.info.platform = Platform::GoogleMeet;
    beta.meeting_link = "https://meet.google.com/abc-defg-hij".into();
    app.db
        .create_formation(&Actor::System, &beta)
        .await
        .unwrap();
    let gamma = app
        .db
        .create_formation(&Actor::System, &zoom_formation("Gamma archivée"))
        .await
        .unwrap();
    sqlx::query("UPDATE formations SET archived = 1 WHERE id = $1")
        .bind(gamma)
        .execute(&app.db.pool)
        .await
        .unwrap();

    let mut seen = Vec::new();
    for pairs in [
        &[][..],
        &[("q", "SMITH")],
        &[("level", "beginner")],
        &[("platform", "zoom")],
        &[("archived", "1"), ("platform", "zoom")],
    ] {
        let (status, body) = app.server_fn(&admin, "admin_list_formations", pairs).await;
        assert_eq!(status, 200);
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        let names: Vec<String> = body["formations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        seen.push(names.join(", "));
    }
    assert_eq!(
        seen,
        [
            "Alpha trading, Beta analyse",
            "Alpha trading",
            "Beta analyse",
            "Alpha trading",
            "Alpha trading, Gamma archivée",
        ]
    );
    let page = admin
        .get(app.url("/admin/formations?level=beginner"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Beta analyse") && !page.contains("Alpha trading"));
}

/// A formation with `sessions` sessions and `learners` enrolled learners, each
/// present at every session, plus as many pending requests. Returns the
/// formation's id and its first session's.
async fn populated_formation(
    app: &TestApp,
    name: &str,
    sessions: i64,
    learners: i64,
) -> (i64, i64) {
    let formation = app.formation(name).await;
    let mut session_ids = vec![];
    for n in 1..=sessions {
        let at = Utc.with_ymd_and_hms(2099, 1, 1, 18, 0, 0).unwrap() + chrono::Duration::days(n);
        session_ids.push(app.session(formation, n, at).await);
    }
    for i in 0..learners {
        let email = format!("{formation}-{i}@example.com");
        let user = create_user(&app.db, &email, "Inscrit", PASSWORD, false)
            .await
            .unwrap();
        app.enroll(user, formation, 5, 60, EnrollmentStatus::Upcoming)
            .await;
        for session in &session_ids {
            sqlx::query(
                "INSERT INTO session_attendance (user_id, session_id, marked_at, source)
                 VALUES ($1, $2, '2099-01-02T19:00:00Z', 'manual')",
            )
            .bind(user)
            .bind(session)
            .execute(&app.db.pool)
            .await
            .unwrap();
        }
        let asker = create_user(
            &app.db,
            &format!("ask-{email}"),
            "Demandeur",
            PASSWORD,
            false,
        )
        .await
        .unwrap();
        app.db.request_enrollment(asker, formation).await.unwrap();
    }
    (formation, session_ids[0])
}

async fn page_cost(app: &TestApp, client: &reqwest::Client, path: &str) -> u64 {
    let before = app.db.query_count();
    assert_eq!(app.page(client, path).await.0, 200, "{path}");
    app.db.query_count() - before
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_admin_page_costs_the_same_number_of_queries_for_one_or_many_rows() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("cout@example.com").await;
    let (small, small_session) = populated_formation(&app, "Petite", 1, 1).await;
    let per_formation = |f: i64, s: i64| {
        vec![
            format!("/admin/formations/{f}"),
            format!("/admin/formations/{f}/seances"),
            format!("/admin/formations/{f}/inscriptions"),
            format!("/admin/formations/{f}/presences"),
            format!("/admin/seances/{s}"),
            format!("/admin/formations/{f}/inscriptions.csv"),
            format!("/admin/formations/{f}/presences.csv"),
        ]
    };
    let global = [
        "/admin",
        "/admin/formations",
        "/admin/demandes",
        "/admin/audit",
    ];
    let mut global_small = vec![];
    for path in global {
        global_small.push(page_cost(&app, &admin, path).await);
    }
    let small_paths = per_formation(small, small_session);
    let mut small_costs = vec![];
    for path in &small_paths {
        small_costs.push(page_cost(&app, &admin, path).await);
    }

    let (large, large_session) = populated_formation(&app, "Grande", 10, 8).await;
    for extra in 0..3 {
        populated_formation(&app, &format!("Autre {extra}"), 3, 1).await;
    }
    for (path, small_cost) in global.iter().zip(global_small) {
        let cost = page_cost(&app, &admin, path).await;
        assert_eq!(cost, small_cost, "{path}");
        assert!(cost <= 6, "{path}: {cost} queries");
    }
    let large_paths = per_formation(large, large_session);
    for ((path, small_cost), small_path) in large_paths.iter().zip(small_costs).zip(&small_paths) {
        let cost = page_cost(&app, &admin, path).await;
        assert_eq!(cost, small_cost, "{path} against {small_path}");
        assert!(cost <= 6, "{path}: {cost} queries");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_page_for_a_record_that_does_not_exist_is_the_not_found_page() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("introuvable@example.com").await;
    for path in [
        "/admin/formations/999999",
        "/admin/formations/999999/seances",
        "/admin/formations/999999/inscriptions",
        "/admin/formations/999999/presences",
        "/admin/seances/999999",
        "/admin/formations/pas-un-nombre",
    ] {
        let (status, html) = app.page(&admin, path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Page introuvable"), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_pages_through_every_entry_once_newest_first() {
    let app = spawn_app().await;
    let (admin, admin_id) = app.signed_in_admin("archiviste@example.com").await;
    for n in 1..=230 {
        sqlx::query(
            "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, at)
             VALUES ($1, 'archiviste@example.com', 'formation.update', 'formation', $2, '2026-01-01T10:00:00Z')",
        )
        .bind(admin_id)
        .bind(n)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let mut seen = vec![];
    let mut path = "/admin/audit".to_string();
    let mut pages = 0;
    loop {
        let (status, html) = app.page(&admin, &path).await;
        assert_eq!(status, 200, "{path}");
        pages += 1;
        seen.extend(html.match_indices("formation #").map(|(at, _)| {
            html[at + "formation #".len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse::<i64>()
                .unwrap()
        }));
        assert_eq!(html.contains("Les plus récentes"), pages > 1, "{path}");
        match html.split("href=\"/admin/audit?avant=").nth(1) {
            Some(rest) => path = format!("/admin/audit?avant={}", &rest[..rest.find('"').unwrap()]),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, (1..=230).rev().collect::<Vec<i64>>());

    let (refused, refused_body) = app
        .server_fn(&admin, "admin_list_audit", &[("before", "-4")])
        .await;
    assert_eq!(refused, 400);
    assert!(refused_body.contains("identifiant positif"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_stored_value_is_an_error_never_a_default() {
    let app = spawn_app().await;
    let fx = fixture(&app).await;
    let (admin, _) = app.signed_in_admin("lecteur@example.com").await;
    // The CHECK constraints keep level and platform readable; a time zone
    // is only a name until it is read.
    sqlx::query("UPDATE formations SET timezone = 'Mars/Olympus' WHERE id = $1")
        .bind(fx.formation)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let id = fx.formation.to_string();
    let (status, _) = app
        .server_fn(&admin, "admin_list_enrollments", &[("formation_id", &id)])
        .await;
    assert_eq!(status, 500, "not read in Paris time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_admin_action_says_it_was_done_and_a_toggle_stays_in_place_with_javascript() {
    let app = spawn_app().await;
    let fx = fixture(&app).await;
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let formation = fx.formation.to_string();
    let add = [
        ("formation_id", formation.as_str()),
        ("title", "Séance bonus"),
        ("scheduled_at", "2030-03-05 19:00"),
        ("duration_minutes", "90"),
    ];
    // Without JavaScript: the redirect names the message, and the page it
    // leads to shows it; the same action twice leads to another address.
    let first = app.form_post(&admin, "admin_add_session", &add).await;
    let location = first.headers()["location"].to_str().unwrap().to_string();
    let prefix = format!("/admin/formations/{formation}/seances?flash=session-added&t=");
    assert!(location.starts_with(&prefix), "{location}");
    let (_, page) = app.page(&admin, &location).await;
    assert!(page.contains(r#"<p role="status" class="flash">Séance ajoutée.</p>"#));
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let second = app.form_post(&admin, "admin_add_session", &add).await;
    let again = second.headers()["location"].to_str().unwrap().to_string();
    assert!(again.starts_with(&prefix) && again != location, "{again}");
    // A key that is not a message shows nothing.
    let (_, page) = app
        .page(
            &admin,
            &format!("/admin/formations/{formation}/seances?flash=<b>x</b>"),
        )
        .await;
    assert!(!page.contains(r#"class="flash""#) && !page.contains("<b>x</b>"));
    // In English too.
    let page = admin
        .get(app.url(&location))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Session added."), "English flash");

    // An attendance toggle from JavaScript is answered in place (no
    // redirect: the grid keeps focus and scroll); without it, a redirect
    // that says so.
    let mark = [
        ("formation_id", formation.as_str()),
        ("user_id", &fx.learner.to_string()),
        ("session_id", &fx.session.to_string()),
        ("present", "1"),
    ];
    let resp = admin
        .post(app.url("/fn/admin_set_attendance"))
        .header("Accept", "application/json")
        .form(&mark)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers().get("location").is_none());
    assert!(resp.headers().get("serverfnredirect").is_none());
    let resp = app.form_post(&admin, "admin_set_attendance", &mark).await;
    assert_eq!(resp.status().as_u16(), 302);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_reports_every_refused_field_at_once_with_and_without_javascript() {
    let app = spawn_app().await;
    let fx = fixture(&app).await;
    let (admin, _) = app.signed_in_admin("chef@example.com").await;
    let formation = fx.formation.to_string();
    let enroll = [
        ("formation_id", formation.as_str()),
        ("email", " "),
        ("start_date", ""),
        ("end_date", "2030-13-01"),
    ];
    let before = app.scalar("SELECT COUNT(*) FROM enrollments").await;
    let (status, body) = app
        .server_fn_json(&admin, "admin_enroll_user", &enroll)
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "a-email-missing", "{body}");
    let errors: Vec<(String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_string(),
                e["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        vec![
            ("email".into(), "L'e-mail est obligatoire.".into()),
            (
                "start_date".into(),
                "La date de début est obligatoire.".into()
            ),
            (
                "end_date".into(),
                "Date de fin invalide (AAAA-MM-JJ).".into()
            ),
        ]
    );
    // Without JavaScript: every key travels back, each message next to its field.
    let resp = app.form_post(&admin, "admin_enroll_user", &enroll).await;
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.contains("error=a-email-missing%2Ca-start-missing%2Ca-end"),
        "{location}"
    );
    let (_, page) = app.page(&admin, &location).await;
    for (field, words) in [
        ("email", "L'e-mail est obligatoire."),
        ("start_date", "La date de début est obligatoire."),
        ("end_date", "Date de fin invalide (AAAA-MM-JJ)."),
    ] {
        assert!(
            page.contains(&format!(
                r#"<p id="{field}-error" role="alert" class="field-error">{words}</p>"#
            )),
            "{field} shows its message"
        );
    }
    // An address that reads as one but has no account says so.
    let (_, body) = app
        .server_fn_json(
            &admin,
            "admin_enroll_user",
            &[
                ("formation_id", formation.as_str()),
                ("email", "personne@example.com"),
                ("start_date", "2030-01-01"),
                ("end_date", "2030-02-01"),
            ],
        )
        .await;
    assert_eq!(body["code"], "a-email", "{body}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM enrollments").await, before);
}
