//! Attendance and recordings that arrive by themselves: Zoom's webhooks,
//! sent signed to the running server in the shape Zoom documents, and the
//! attendance reports Google Meet and Microsoft Teams export, uploaded as an
//! admin does. Nothing calls Zoom.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::helpers::seed::{Active, Learner};
use crate::helpers::{http, spawn_app_with, TestApp};

const SECRET: &str = "zoom-webhook-secret-for-tests";
const WEBHOOK: &str = "/webhooks/zoom";
/// The demo formations' meeting id is "555 000 111": Zoom sends its digits.
const MEETING: &str = "555000111";
const OCCURRENCE: &str = "4444AAAiAAAAAiAiAiiAii==";

async fn zoom_app() -> TestApp {
    spawn_app_with(|c| c.zoom.webhook_secret = Some(SECRET.into()), None).await
}

fn hmac_hex(key: &str, message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// Posts `body` as Zoom does: `x-zm-request-timestamp` and `x-zm-signature`
/// = v0= HMAC-SHA256(secret, "v0:{timestamp}:{body}").
async fn send_at(app: &TestApp, body: &str, timestamp: i64, secret: &str) -> reqwest::Response {
    let signature = format!(
        "v0={}",
        hmac_hex(secret, format!("v0:{timestamp}:{body}").as_bytes())
    );
    http()
        .post(app.url(WEBHOOK))
        .header("content-type", "application/json")
        .header("x-zm-request-timestamp", timestamp.to_string())
        .header("x-zm-signature", signature)
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

async fn send(app: &TestApp, event: &Value) -> u16 {
    send_at(app, &event.to_string(), Utc::now().timestamp(), SECRET)
        .await
        .status()
        .as_u16()
}

fn z(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn participant_event(
    kind: &str,
    start: DateTime<Utc>,
    who: (&str, &str, &str),
    at: DateTime<Utc>,
) -> Value {
    let (key, name, email) = who;
    let mut participant = json!({
        "user_id": format!("1677{}", key.len()),
        "user_name": name,
        "id": format!("id-{key}"),
        "participant_uuid": key,
        "email": email,
        "registrant_id": "",
        "participant_user_id": "",
    });
    if kind == "meeting.participant_joined" {
        participant["join_time"] = json!(z(at));
    } else {
        participant["leave_time"] = json!(z(at));
        participant["leave_reason"] = json!("left the meeting");
    }
    json!({
        "event": kind,
        "event_ts": at.timestamp_millis(),
        "payload": {
            "account_id": "AAAAAABBBB",
            "object": {
                "id": MEETING,
                "uuid": OCCURRENCE,
                "host_id": "x1yCzABCDEfg23HiJKl4mN",
                "topic": "Rust avancé",
                "type": 8,
                "start_time": z(start),
                "timezone": "Europe/Paris",
                "duration": 120,
                "participant": participant,
            }
        }
    })
}

fn join(start: DateTime<Utc>, who: (&str, &str, &str), minute: i64) -> Value {
    participant_event(
        "meeting.participant_joined",
        start,
        who,
        start + Duration::minutes(minute),
    )
}

fn leave(start: DateTime<Utc>, who: (&str, &str, &str), minute: i64) -> Value {
    participant_event(
        "meeting.participant_left",
        start,
        who,
        start + Duration::minutes(minute),
    )
}

/// A séance of 120 minutes that started three hours ago, on the seed
/// formation (meeting id "555 000 111"), and `learners` enrolled.
async fn seance(app: &TestApp, learners: &[&Learner]) -> (i64, i64, DateTime<Utc>) {
    use chrono::Timelike;
    let start = (Utc::now() - Duration::hours(3))
        .with_nanosecond(0)
        .unwrap();
    let formation = app.formation("Rust avancé").await;
    let session = app.session(formation, 1, start).await;
    for l in learners {
        app.enroll(l.id, formation, -1, 10, Active).await;
    }
    (formation, session, start)
}

async fn marks(app: &TestApp, session: i64) -> Vec<(i64, String, Option<i64>)> {
    sqlx::query_as(
        "SELECT user_id, source, minutes FROM session_attendance WHERE session_id = $1 ORDER BY user_id",
    )
    .bind(session)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn without_a_secret_there_is_no_webhook() {
    let app = crate::helpers::spawn_app().await;
    let resp = send_at(&app, "{}", Utc::now().timestamp(), SECRET).await;
    assert_eq!(resp.status().as_u16(), 404);
}

#[tokio::test]
async fn only_zoom_signed_fresh_requests_are_heard_and_url_validation_answers_the_hmac() {
    let app = zoom_app().await;
    let learner = app.learner("lea@example.com").await;
    let (_, _, start) = seance(&app, &[&learner]).await;
    let body = join(start, ("p1", "Léa", "lea@example.com"), 0).to_string();
    let now = Utc::now().timestamp();
    // A wrong secret, a changed body, a stale or future timestamp, no
    // headers: 401, and nothing kept.
    assert_eq!(
        send_at(&app, &body, now, "another-secret")
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        send_at(&app, &body, now - 301, SECRET)
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        send_at(&app, &body, now + 301, SECRET)
            .await
            .status()
            .as_u16(),
        401
    );
    let tampered = http()
        .post(app.url(WEBHOOK))
        .header("x-zm-request-timestamp", now.to_string())
        .header(
            "x-zm-signature",
            format!(
                "v0={}",
                hmac_hex(SECRET, format!("v0:{now}:{body}").as_bytes())
            ),
        )
        .body(body.replace("Léa", "Eve"))
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status().as_u16(), 401);
    let bare = http()
        .post(app.url(WEBHOOK))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status().as_u16(), 401);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM zoom_events").await, 0);

    // Signed and fresh: heard.
    assert_eq!(
        send_at(&app, &body, now, SECRET).await.status().as_u16(),
        200
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM zoom_events").await, 1);

    // Zoom's URL validation: encryptedToken = hex HMAC-SHA256(secret, plainToken).
    let validation = json!({
        "payload": {"plainToken": "qgg8vlvZRS6UYooatFL8Aw"},
        "event_ts": 1654503849680i64,
        "event": "endpoint.url_validation"
    });
    let resp = send_at(&app, &validation.to_string(), now, SECRET).await;
    assert_eq!(resp.status().as_u16(), 200);
    let answer: Value = resp.json().await.unwrap();
    assert_eq!(answer["plainToken"], "qgg8vlvZRS6UYooatFL8Aw");
    assert_eq!(
        answer["encryptedToken"],
        hmac_hex(SECRET, b"qgg8vlvZRS6UYooatFL8Aw")
    );

    // Over 1 MB: refused before it is read.
    let huge = format!(
        "{{\"event\":\"x\",\"pad\":\"{}\"}}",
        "a".repeat(1024 * 1024)
    );
    let resp = send_at(&app, &huge, now, SECRET).await;
    assert_eq!(resp.status().as_u16(), 413);
    // Signed but not an event: 400, never 500.
    assert_eq!(
        send_at(&app, "not json", now, SECRET)
            .await
            .status()
            .as_u16(),
        400
    );
}

#[tokio::test]
async fn eighty_of_a_hundred_and_twenty_minutes_over_two_joins_marks_once_whatever_the_order() {
    let app = zoom_app().await;
    let lea = app.learner("lea@example.com").await;
    let sam = app.learner("sam@example.com").await;
    let (_, session, start) = seance(&app, &[&lea, &sam]).await;
    let who_lea = ("lea-uuid", "Léa Dupré", "LEA@example.com");
    let who_sam = ("sam-uuid", "Sam Martin", "sam@example.com");
    let events = [
        join(start, who_lea, 0),
        leave(start, who_lea, 50),
        join(start, who_lea, 60),
        leave(start, who_lea, 90),
        join(start, who_sam, 10),
        leave(start, who_sam, 40),
    ];
    // Every event twice, the last first.
    for event in events.iter().rev().chain(events.iter().rev()) {
        assert_eq!(send(&app, event).await, 200);
    }
    assert_eq!(
        marks(&app, session).await,
        vec![(lea.id, "zoom".into(), Some(80))],
        "Léa: 80 of 120 minutes; Sam: 30, under half"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM zoom_events").await, 6);
    // The learner sees the séance attended.
    let (_, body) = app.get_json("/api/auth/user/formations/", &lea.token).await;
    assert_eq!(body["formations"][0]["attended_sessions"], 1, "{body}");
}

#[tokio::test]
async fn the_meeting_end_closes_whoever_is_still_there() {
    let app = zoom_app().await;
    let lea = app.learner("lea@example.com").await;
    let (_, session, start) = seance(&app, &[&lea]).await;
    assert_eq!(
        send(&app, &join(start, ("lea", "Léa", "lea@example.com"), 5)).await,
        200
    );
    assert!(
        marks(&app, session).await.is_empty(),
        "still in the meeting"
    );
    let ended = json!({
        "event": "meeting.ended",
        "event_ts": (start + Duration::minutes(100)).timestamp_millis(),
        "payload": {"account_id": "AAAAAABBBB", "object": {
            "id": MEETING, "uuid": OCCURRENCE, "host_id": "x", "topic": "Rust avancé", "type": 8,
            "start_time": z(start), "end_time": z(start + Duration::minutes(100)),
            "timezone": "Europe/Paris", "duration": 120
        }}
    });
    assert_eq!(send(&app, &ended).await, 200);
    assert_eq!(
        marks(&app, session).await,
        vec![(lea.id, "zoom".into(), Some(95))]
    );
}

#[tokio::test]
async fn an_unknown_address_is_listed_for_the_admin_who_attaches_it_to_a_learner() {
    let app = zoom_app().await;
    let lea = app.learner("lea@example.com").await;
    let (_, session, start) = seance(&app, &[&lea]).await;
    let guest = ("guest-uuid", "Léa (téléphone)", "lea.perso@example.org");
    for event in [join(start, guest, 0), leave(start, guest, 100)] {
        assert_eq!(send(&app, &event).await, 200);
    }
    assert!(marks(&app, session).await.is_empty());
    let (admin, _) = app.signed_in_admin("admin-zoom@example.com").await;
    let (status, view) = app
        .server_fn_json(
            &admin,
            "admin_session_attendance",
            &[("session_id", &session.to_string())],
        )
        .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["unrecognized"][0]["name"], "Léa (téléphone)");
    assert_eq!(view["unrecognized"][0]["email"], "lea.perso@example.org");
    assert_eq!(view["unrecognized"][0]["minutes"], 100);
    let key = view["unrecognized"][0]["key"].as_str().unwrap().to_string();
    // The page shows it, under "Participants non reconnus".
    let (_, page) = app.page(&admin, &format!("/admin/seances/{session}")).await;
    assert!(page.contains("Participants non reconnus"), "{page}");
    assert!(page.contains("lea.perso@example.org"));

    let resp = app
        .form_post(
            &admin,
            "admin_link_participant",
            &[
                ("session_id", &session.to_string()),
                ("participant_key", &key),
                ("user_id", &lea.id.to_string()),
            ],
        )
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(
        marks(&app, session).await,
        vec![(lea.id, "zoom".into(), Some(100))]
    );
    let (_, view) = app
        .server_fn_json(
            &admin,
            "admin_session_attendance",
            &[("session_id", &session.to_string())],
        )
        .await;
    assert_eq!(view["unrecognized"].as_array().unwrap().len(), 0);
    // A learner cannot.
    let (status, _) = app
        .server_fn(
            &app.signed_in_learner("curieux@example.com").await.0,
            "admin_link_participant",
            &[
                ("session_id", &session.to_string()),
                ("participant_key", &key),
                ("user_id", "1"),
            ],
        )
        .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn an_admins_unmark_survives_a_later_webhook() {
    let app = zoom_app().await;
    let lea = app.learner("lea@example.com").await;
    let (formation, session, start) = seance(&app, &[&lea]).await;
    let who = ("lea", "Léa", "lea@example.com");
    for event in [join(start, who, 0), leave(start, who, 70)] {
        send(&app, &event).await;
    }
    assert_eq!(marks(&app, session).await.len(), 1);
    let (admin, _) = app.signed_in_admin("admin-unmark@example.com").await;
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_set_attendance",
            &[
                ("formation_id", &formation.to_string()),
                ("user_id", &lea.id.to_string()),
                ("session_id", &session.to_string()),
                ("present", "0"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert!(marks(&app, session).await.is_empty());
    // Zoom tells more of the same meeting: the admin's word stands.
    for event in [join(start, who, 80), leave(start, who, 110)] {
        assert_eq!(send(&app, &event).await, 200);
    }
    assert!(marks(&app, session).await.is_empty());
}

#[tokio::test]
async fn a_completed_recording_becomes_the_seances_replay_link() {
    let app = zoom_app().await;
    let lea = app.learner("lea@example.com").await;
    let (_, session, start) = seance(&app, &[&lea]).await;
    let recording = json!({
        "event": "recording.completed",
        "event_ts": Utc::now().timestamp_millis(),
        "payload": {"account_id": "AAAAAABBBB", "object": {
            "id": MEETING, "uuid": OCCURRENCE, "host_id": "x", "account_id": "AAAAAABBBB",
            "topic": "Rust avancé", "type": 8, "start_time": z(start), "timezone": "Europe/Paris",
            "host_email": "host@example.com", "duration": 120, "total_size": 529758, "recording_count": 1,
            "share_url": "https://example.zoom.us/rec/share/Qg75t7xZBtEbAkjdlgbfdngBBBB",
            "password": "R3c!2026",
            "recording_play_passcode": "yNYIS408EJygs7rE5vVsJwXIz4-VW7MH",
            "recording_files": [{
                "id": "ed6c2f27-2ae7-42f4-b3d0-835b493e4fa8", "meeting_id": OCCURRENCE,
                "recording_start": z(start), "recording_end": z(start + Duration::minutes(118)),
                "file_type": "MP4", "file_size": 264205, "file_extension": "MP4",
                "play_url": "https://example.zoom.us/rec/play/Qg75t7xZBtEbAkjdlgbfdngBBBB",
                "download_url": "https://example.zoom.us/rec/download/Qg75t7xZBtEbAkjdlgbfdngBBBB",
                "status": "completed", "recording_type": "shared_screen_with_speaker_view"
            }]
        }},
        "download_token": "abJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJodHRwczovL2V2ZW50Lnpvb20udXMi"
    });
    assert_eq!(send(&app, &recording).await, 200);
    let link: Option<String> =
        sqlx::query_scalar("SELECT recording_link FROM formation_sessions WHERE id = $1")
            .bind(session)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let link = link.expect("the recording link is set");
    assert!(
        link.starts_with("https://example.zoom.us/rec/share/Qg75t7xZBtEbAkjdlgbfdngBBBB"),
        "{link}"
    );
}

#[tokio::test]
async fn an_event_about_an_unknown_meeting_is_acknowledged_and_kept() {
    let app = zoom_app().await;
    let mut event = join(Utc::now(), ("x", "Quelqu'un", "x@example.com"), 0);
    event["payload"]["object"]["id"] = json!(99988877766i64);
    assert_eq!(send(&app, &event).await, 200);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM zoom_events WHERE session_id IS NULL AND meeting_id = '99988877766'")
            .await,
        1
    );
}

/// Reports exported by Meet and Teams, as shipped in the fixtures.
fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/attendance")
            .join(name),
    )
    .unwrap()
}

async fn upload(app: &TestApp, admin: &reqwest::Client, session: i64, name: &str) -> String {
    let form = reqwest::multipart::Form::new().part(
        "report",
        reqwest::multipart::Part::bytes(fixture(name)).file_name(name.to_string()),
    );
    let resp = admin
        .post(app.url(&format!("/admin/seances/{session}/presences/import")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303, "{name}");
    resp.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn meet_and_both_teams_reports_are_previewed_then_imported_once() {
    for name in [
        "meet.csv",
        "meet-fr.csv",
        "teams-summary-utf16.csv",
        "teams-summary-fr.csv",
        "teams-flat.csv",
    ] {
        let app = crate::helpers::spawn_app().await;
        let report = formations::domain::attendance_report::parse(&fixture(name))
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        // The formation's learners are the report's people: by e-mail where
        // it has one, by name where it has none (the older Teams list).
        let formation = app.formation("Rust avancé").await;
        let session = app
            .session(formation, 1, Utc::now() - Duration::hours(3))
            .await;
        let mut learners = Vec::new();
        for (k, entry) in report.entries.iter().enumerate().take(3) {
            let email = entry
                .email
                .clone()
                .unwrap_or_else(|| format!("sans-email-{k}@example.com"));
            let id = formations::server::cli::create_user(
                &app.db,
                &email,
                &entry.name,
                crate::helpers::PASSWORD,
                false,
            )
            .await
            .unwrap();
            app.enroll(id, formation, -1, 10, Active).await;
            learners.push((id, entry.minutes));
        }
        let (admin, _) = app.signed_in_admin("admin-import@example.com").await;
        let location = upload(&app, &admin, session, name).await;
        let import = location
            .split("import=")
            .nth(1)
            .and_then(|r| r.split(['&', '#']).next())
            .unwrap_or_else(|| panic!("{name}: {location}"))
            .to_string();
        let (status, view) = app
            .server_fn_json(
                &admin,
                "admin_session_attendance",
                &[("session_id", &session.to_string()), ("import", &import)],
            )
            .await;
        assert_eq!(status, 200, "{name}: {view}");
        let attendees = view["import"]["attendees"].as_array().unwrap();
        assert_eq!(attendees.len(), report.entries.len(), "{name}");
        // Nothing is marked before the admin confirms.
        assert!(marks(&app, session).await.is_empty());
        let (_, page) = app
            .page(&admin, &format!("/admin/seances/{session}?import={import}"))
            .await;
        assert!(page.contains("Aperçu de l'import"), "{name}");

        let confirm = [
            ("session_id", session.to_string()),
            ("import", import.clone()),
        ];
        let confirm: Vec<(&str, &str)> = confirm.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            app.form_post(&admin, "admin_apply_import", &confirm)
                .await
                .status()
                .as_u16(),
            302
        );
        let expected: Vec<(i64, String, Option<i64>)> = learners
            .iter()
            .filter(|(_, minutes)| minutes * 100 >= 50 * 120)
            .map(|(id, minutes)| (*id, "import".to_string(), Some(*minutes)))
            .collect();
        assert!(!expected.is_empty(), "{name}: the fixture marks somebody");
        assert_eq!(marks(&app, session).await, expected, "{name}");
        assert_eq!(
            app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.import'")
                .await,
            1,
            "{name}: audited"
        );
        // Twice: refused, nothing more.
        let again = app.form_post(&admin, "admin_apply_import", &confirm).await;
        assert_eq!(
            again.status().as_u16(),
            302,
            "{name}: back to the form with the error"
        );
        assert!(again.headers()["location"]
            .to_str()
            .unwrap()
            .contains("error="));
        assert_eq!(marks(&app, session).await, expected);
    }
}

#[tokio::test]
async fn a_malformed_report_is_refused_with_the_line_and_nothing_is_kept() {
    let app = crate::helpers::spawn_app().await;
    let formation = app.formation("Rust avancé").await;
    let session = app
        .session(formation, 1, Utc::now() - Duration::hours(3))
        .await;
    let (admin, _) = app.signed_in_admin("admin-bad@example.com").await;
    for name in ["bad-duration.csv", "bad-layout.csv", "truncated-teams.csv"] {
        let expected =
            formations::domain::attendance_report::parse(&fixture(name)).expect_err(name);
        let location = upload(&app, &admin, session, name).await;
        let key = formations::server::attendance_import::error_key(&expected.kind);
        assert!(
            location.contains(&format!("import_erreur={key}&ligne={}", expected.line)),
            "{name}: {location}"
        );
        let (_, page) = app.page(&admin, &location).await;
        assert!(
            page.contains(&format!("Ligne {}", expected.line)) || expected.line == 0,
            "{name}"
        );
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM attendance_imports").await,
        0
    );
    // A learner may not upload.
    let (learner, _) = app.signed_in_learner("pas-admin@example.com").await;
    let form = reqwest::multipart::Form::new().part(
        "report",
        reqwest::multipart::Part::bytes(fixture("meet.csv")).file_name("meet.csv"),
    );
    let resp = learner
        .post(app.url(&format!("/admin/seances/{session}/presences/import")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
}
