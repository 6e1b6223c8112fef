//! Zoom meetings made, moved and deleted with the séances, against the
//! loopback Zoom of `fake_zoom` (which checks every request). The sweeps
//! are called at the test's clock; one test lets the background worker do
//! it.

use chrono::{DateTime, Duration, DurationRound, Utc};
use formations::domain::admin::FormationFields;
use formations::domain::formation::{FormationInfo, Level, Platform};
use formations::server::store::audit::Actor;
use formations::server::store::formations::SeanceFields;
use formations::server::zoom_sync;
use serde_json::Value;

use crate::fake_zoom::{FakeZoom, HOST};
use crate::helpers::seed::{Active, Upcoming};
use crate::helpers::{spawn_app_at_with, TestApp};

fn now() -> DateTime<Utc> {
    Utc::now().duration_trunc(Duration::seconds(1)).unwrap()
}

async fn zoom_app(zoom: &FakeZoom, at: DateTime<Utc>) -> TestApp {
    let config = zoom.config();
    spawn_app_at_with(at, move |c| c.zoom.api = Some(config)).await
}

/// A Zoom formation that makes its meetings, without a link of its own.
async fn auto_formation(app: &TestApp, name: &str) -> i64 {
    app.db
        .create_formation(
            &Actor::System,
            &FormationFields {
                info: FormationInfo {
                    name: name.into(),
                    description: String::new(),
                    level: Level::Intermediate,
                    platform: Platform::Zoom,
                    instructor_name: "Jane Smith".into(),
                    schedule_description: "Mar-Jeu, 19h-21h".into(),
                },
                meeting_link: String::new(),
                meeting_id: None,
                meeting_password: None,
                timezone: chrono_tz::Europe::Paris,
                certificate_min_attendance: 0,
                zoom_min_presence: 50,
                zoom_auto_meetings: true,
                offer: Default::default(),
            },
        )
        .await
        .unwrap()
}

fn fields(title: &str, at: DateTime<Utc>) -> SeanceFields {
    SeanceFields {
        title: title.into(),
        scheduled_at: at,
        duration_minutes: 120,
        meeting_link: None,
        recording_link: None,
    }
}

async fn add(app: &TestApp, formation: i64, title: &str, at: DateTime<Utc>) -> i64 {
    app.db
        .create_session(&Actor::Cli, formation, &fields(title, at), None)
        .await
        .unwrap()
}

async fn sweep(app: &TestApp) -> zoom_sync::SyncReport {
    zoom_sync::sweep(&app.state).await.unwrap()
}

/// The séance's own meeting as stored: (zoom id, link, id, password).
async fn stored_meeting(
    app: &TestApp,
    session: i64,
) -> (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    sqlx::query_as(
        "SELECT zoom_meeting_id, meeting_link, meeting_id, meeting_password
         FROM formation_sessions WHERE id = $1",
    )
    .bind(session)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

async fn sync_state(app: &TestApp, session: i64) -> (String, Option<String>) {
    sqlx::query_as("SELECT state, last_error FROM zoom_syncs WHERE session_id = $1")
        .bind(session)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meetings_are_created_moved_and_deleted_with_the_seances() {
    let zoom = FakeZoom::start().await;
    let at = now();
    let app = zoom_app(&zoom, at).await;
    let formation = auto_formation(&app, "Rust avancé").await;
    // Monday 19:00 Paris, whatever today is, in a week or two.
    let first_at = at + Duration::days(7);
    let a = add(&app, formation, "Ownership", first_at).await;
    let b = add(&app, formation, "Traits", first_at + Duration::days(2)).await;

    let report = sweep(&app).await;
    assert_eq!((report.created, report.updated, report.failed), (2, 0, 0));
    let calls = zoom.calls();
    let create = format!("POST /users/{HOST}/meetings 201");
    assert_eq!(calls, vec![create.clone(), create.clone()]);
    let created = zoom.lock().calls[0].body.clone();
    assert_eq!(created["topic"], "Rust avancé — Ownership");
    assert_eq!(created["timezone"], "Europe/Paris");
    assert_eq!(created["duration"], 120);
    assert_eq!(
        created["start_time"],
        first_at
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string()
    );
    let meetings = zoom.meetings();
    assert_eq!(meetings.len(), 2);
    let (zoom_id, link, id, password) = stored_meeting(&app, a).await;
    let zoom_id = zoom_id.expect("the séance knows its meeting");
    assert_eq!(
        link.as_deref(),
        Some(format!("https://us05web.zoom.us/j/{zoom_id}?pwd=JoinPwd{zoom_id}").as_str())
    );
    assert_eq!(id.as_deref(), Some(zoom_id.as_str()));
    assert!(password.is_some());
    // The host's start_url is kept nowhere; the log keeps no link or
    // passcode (it outlives every active period).
    let dumped: i64 = app
        .scalar(
            "SELECT (SELECT COUNT(*) FROM formation_sessions WHERE meeting_link LIKE '%zak=%')
                  + (SELECT COUNT(*) FROM audit_log
                     WHERE after_json LIKE '%zak=%' OR after_json LIKE '%JoinPwd%'
                        OR after_json LIKE '%HOST-ONLY%')",
        )
        .await;
    assert_eq!(dumped, 0, "the log keeps no link or passcode");
    assert_eq!(sync_state(&app, a).await.0, "done");

    // Nothing changed: nothing is asked, the token is reused.
    assert_eq!(sweep(&app).await.created, 0);
    assert_eq!(zoom.calls().len(), 2);

    // A séance added before the others renumbers them: only it is created.
    let c = add(&app, formation, "Intro", first_at - Duration::days(1)).await;
    let report = sweep(&app).await;
    assert_eq!((report.created, report.updated), (1, 0), "{report}");
    assert_eq!(zoom.calls().len(), 3);

    // Moved: PATCH with the new time.
    let moved = first_at + Duration::days(3) + Duration::hours(1);
    app.db
        .update_session(&Actor::Cli, b, &fields("Traits", moved))
        .await
        .unwrap();
    let report = sweep(&app).await;
    assert_eq!((report.created, report.updated), (0, 1), "{report}");
    let (b_zoom, ..) = stored_meeting(&app, b).await;
    let b_zoom: u64 = b_zoom.unwrap().parse().unwrap();
    assert_eq!(
        zoom.calls().last().unwrap(),
        &format!("PATCH /meetings/{b_zoom} 204")
    );
    assert_eq!(
        zoom.meetings()[&b_zoom].start_time,
        moved
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string()
    );

    // Deleted: DELETE, and the outbox forgets the row.
    app.db.delete_session(&Actor::Cli, a).await.unwrap();
    let report = sweep(&app).await;
    assert_eq!(report.deleted, 1, "{report}");
    assert_eq!(
        zoom.calls().last().unwrap(),
        &format!("DELETE /meetings/{zoom_id} 204")
    );
    assert!(!zoom.meetings().contains_key(&zoom_id.parse().unwrap()));
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM zoom_syncs WHERE session_id = {a}"
        ))
        .await,
        0
    );
    assert_eq!(zoom.meetings().len(), 2, "c and b remain");
    let _ = c;
    assert_eq!(zoom.tokens(), 1, "one token for the whole run");
    zoom.assert_no_violation();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_shared_refetched_once_on_401_and_before_it_expires() {
    let zoom = FakeZoom::start().await;
    let at = now();
    let app = zoom_app(&zoom, at).await;
    let formation = auto_formation(&app, "Jetons").await;
    for day in 1..=5 {
        add(&app, formation, "Séance", at + Duration::days(day)).await;
    }
    // Five creates at once from concurrent callers: one token.
    let state = app.state.clone();
    let api = state.zoom_api.clone().unwrap();
    let plan = formations::domain::zoom_meetings::MeetingPlan::new(
        "Jetons",
        "Parallèle",
        at + Duration::days(9),
        60,
        chrono_tz::Europe::Paris,
    );
    let calls = (0..5).map(|_| {
        let api = api.clone();
        let plan = plan.clone();
        tokio::spawn(async move { api.create_meeting(&plan, at).await })
    });
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(zoom.tokens(), 1, "concurrent callers share one fetch");
    assert_eq!(sweep(&app).await.created, 5);
    assert_eq!(zoom.tokens(), 1);

    // Zoom forgets the token: one 401, one new token, the call goes.
    zoom.revoke_tokens();
    add(&app, formation, "Après rotation", at + Duration::days(6)).await;
    assert_eq!(sweep(&app).await.created, 1);
    assert_eq!(zoom.tokens(), 2);
    let calls = zoom.calls();
    assert!(calls[calls.len() - 2].ends_with(" 401"), "{calls:?}");
    assert!(calls[calls.len() - 1].ends_with(" 201"), "{calls:?}");

    // A minute before the hour is up, a new token is fetched first.
    app.state.clock.set(at + Duration::seconds(3599 - 59));
    add(&app, formation, "Plus tard", at + Duration::days(8)).await;
    assert_eq!(sweep(&app).await.created, 1);
    assert_eq!(zoom.tokens(), 3);
    assert!(zoom.calls().last().unwrap().ends_with(" 201"));
    zoom.assert_no_violation();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zoom_down_never_blocks_the_admin_and_the_outbox_catches_up_honouring_retry_after() {
    let zoom = FakeZoom::start().await;
    let at = now();
    let app = zoom_app(&zoom, at).await;
    let formation = auto_formation(&app, "Panne").await;
    let (admin, _) = app.signed_in_admin("admin-zoom-down@example.com").await;
    zoom.set_down(true);

    // The admin's form saves the séance whatever Zoom does.
    let when = (at + Duration::days(3))
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let resp = app
        .form_post(
            &admin,
            "admin_add_session",
            &[
                ("formation_id", &formation.to_string()),
                ("title", "Pendant la panne"),
                ("scheduled_at", &when),
                ("duration_minutes", "90"),
            ],
        )
        .await;
    assert_eq!(
        resp.status().as_u16(),
        302,
        "saved and sent back to the plan"
    );
    let session: i64 = app.scalar("SELECT MAX(id) FROM formation_sessions").await;

    let report = sweep(&app).await;
    assert_eq!((report.created, report.failed), (0, 1));
    let (state, error) = sync_state(&app, session).await;
    assert_eq!(state, "pending");
    assert!(error.unwrap().contains("503"));
    let (_, page) = app
        .page(&admin, &format!("/admin/formations/{formation}/seances"))
        .await;
    assert!(
        page.contains("synchronisation Zoom : en attente (HTTP 503"),
        "{page}"
    );

    // Back up: the retry waits its backoff, then goes.
    zoom.set_down(false);
    assert_eq!(sweep(&app).await.created, 0, "not before its backoff");
    app.state.clock.advance(Duration::minutes(1));
    assert_eq!(sweep(&app).await.created, 1);
    assert_eq!(sync_state(&app, session).await, ("done".into(), None));
    let (_, page) = app
        .page(&admin, &format!("/admin/formations/{formation}/seances"))
        .await;
    assert!(page.contains("synchronisée"), "{page}");

    // 429: Zoom's Retry-After is honoured, to the second.
    let now = app.state.clock.now();
    let later = add(&app, formation, "Quota", now + Duration::days(4)).await;
    zoom.script(
        429,
        Some("120"),
        serde_json::json!({ "code": 429, "message": "You have reached the maximum per-second rate limit for this API." }),
    );
    let before = zoom.calls().len();
    assert_eq!(sweep(&app).await.failed, 1);
    assert_eq!(zoom.calls().len(), before + 1);
    app.state.clock.advance(Duration::seconds(119));
    sweep(&app).await;
    assert_eq!(zoom.calls().len(), before + 1, "nothing before Retry-After");
    app.state.clock.advance(Duration::seconds(1));
    assert_eq!(sweep(&app).await.created, 1);
    assert_eq!(sync_state(&app, later).await.0, "done");

    // A refusal is not retried by itself: "échouée (raison)" and
    // "Réessayer", which puts it back.
    let now = app.state.clock.now();
    let refused = add(&app, formation, "Refusée", now + Duration::days(5)).await;
    zoom.script(
        400,
        None,
        serde_json::json!({ "code": 300, "message": "Invalid meeting start time." }),
    );
    sweep(&app).await;
    let (state, error) = sync_state(&app, refused).await;
    assert_eq!(state, "failed");
    assert_eq!(
        error.as_deref(),
        Some("HTTP 400: Invalid meeting start time. (code 300)")
    );
    let (_, page) = app
        .page(&admin, &format!("/admin/formations/{formation}/seances"))
        .await;
    assert!(
        page.contains(
            "synchronisation Zoom : échouée (HTTP 400: Invalid meeting start time. (code 300))"
        ),
        "{page}"
    );
    assert!(page.contains("Réessayer"));
    let resp = app
        .form_post(
            &admin,
            "admin_retry_zoom_sync",
            &[("session_id", &refused.to_string())],
        )
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(sync_state(&app, refused).await.0, "pending");
    assert_eq!(sweep(&app).await.created, 1);
    assert_eq!(sync_state(&app, refused).await.0, "done");
    // Retrying what did not fail is refused, and the retry is in the log.
    let (status, body) = app
        .server_fn_json(
            &admin,
            "admin_retry_zoom_sync",
            &[("session_id", &refused.to_string())],
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'session.zoom_retry'")
            .await,
        1
    );
    zoom.assert_no_violation();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn learners_see_the_seances_own_meeting_only_while_their_enrollment_is_active() {
    let zoom = FakeZoom::start().await;
    let at = now();
    let app = zoom_app(&zoom, at).await;
    let formation = auto_formation(&app, "Visibilité").await;
    let session = add(&app, formation, "Prochaine", at + Duration::days(2)).await;
    sweep(&app).await;
    let (Some(zoom_id), Some(link), _, Some(password)) = stored_meeting(&app, session).await else {
        panic!("no meeting made");
    };

    let active = app.learner("actif@example.com").await;
    let upcoming = app.learner("bientot@example.com").await;
    let active_enrollment = app.enroll(active.id, formation, -1, 30, Active).await;
    let upcoming_enrollment = app.enroll(upcoming.id, formation, 10, 40, Upcoming).await;

    let (status, list) = app
        .get_json("/api/auth/user/formations/", &active.token)
        .await;
    assert_eq!(status, 200);
    let item = &list["formations"][0];
    assert_eq!(item["meeting_link"], Value::String(link.clone()), "{item}");
    assert_eq!(item["meeting_id"], Value::String(zoom_id.clone()));
    assert_eq!(item["meeting_password"], Value::String(password.clone()));
    let (_, sessions) = app
        .get_json(
            &format!("/api/auth/user/formations/{active_enrollment}/sessions/"),
            &active.token,
        )
        .await;
    let text = sessions.to_string();
    assert!(text.contains(&link), "{text}");
    assert!(text.contains(&password));

    // Upcoming: nothing of it, anywhere.
    let (_, list) = app
        .get_json("/api/auth/user/formations/", &upcoming.token)
        .await;
    let (_, sessions) = app
        .get_json(
            &format!("/api/auth/user/formations/{upcoming_enrollment}/sessions/"),
            &upcoming.token,
        )
        .await;
    for body in [list.to_string(), sessions.to_string()] {
        assert!(
            !body.contains(&link) && !body.contains(&password) && !body.contains(&zoom_id),
            "{body}"
        );
    }
    let (client, web_user) = app.signed_in_learner("bientot-web@example.com").await;
    let web_enrollment = app.enroll(web_user, formation, 10, 40, Upcoming).await;
    for path in [
        "/user/formations".to_string(),
        format!("/user/formations/{web_enrollment}"),
        "/user/formations/next".to_string(),
    ] {
        let (status, html) = app.page(&client, &path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!html.contains(&link) && !html.contains(&password), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replays_missing_two_hours_after_the_end_are_asked_of_zoom() {
    let zoom = FakeZoom::start().await;
    let at = now();
    let app = zoom_app(&zoom, at).await;
    let formation = auto_formation(&app, "Replays").await;
    let session = add(&app, formation, "Enregistrée", at + Duration::hours(1)).await;
    let silent = add(
        &app,
        formation,
        "Sans enregistrement",
        at + Duration::hours(2),
    )
    .await;
    sweep(&app).await;
    let (Some(meeting), ..) = stored_meeting(&app, session).await else {
        panic!("no meeting made");
    };
    let meeting: u64 = meeting.parse().unwrap();
    zoom.add_recording(
        meeting,
        "https://us05web.zoom.us/rec/share/AbC",
        "PlayPass1",
    );

    // One hour after the end: too early.
    app.state.clock.set(at + Duration::hours(4));
    assert_eq!(zoom_sync::recordings(&app.state).await.unwrap(), 0);
    let asked = zoom.calls().len();
    // Past two hours: asked, the link (with ?pwd=) filled in, by Zoom.
    app.state.clock.set(at + Duration::hours(6));
    assert_eq!(zoom_sync::recordings(&app.state).await.unwrap(), 1);
    let link: Option<String> =
        sqlx::query_scalar("SELECT recording_link FROM formation_sessions WHERE id = $1")
            .bind(session)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        link.as_deref(),
        Some("https://us05web.zoom.us/rec/share/AbC?pwd=PlayPass1")
    );
    let calls = zoom.calls();
    assert!(calls[asked..].contains(&format!("GET /meetings/{meeting}/recordings 200")));
    assert!(
        calls[asked..]
            .iter()
            .any(|c| c.ends_with("/recordings 404")),
        "the silent one too"
    );
    // Asked again six hours later at the soonest, not at every run.
    let asked = zoom.calls().len();
    zoom_sync::recordings(&app.state).await.unwrap();
    assert_eq!(zoom.calls().len(), asked);
    assert_eq!(
        app.scalar(&format!(
            "SELECT recording_checks FROM zoom_syncs WHERE session_id = {silent}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'session.recording' AND actor_email = 'Zoom'")
            .await,
        1
    );
    zoom.assert_no_violation();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seance_added_by_the_command_line_is_synced_by_the_running_servers_worker() {
    let zoom = FakeZoom::start().await;
    let zoom_config = zoom.config();
    // The real clock: the worker runs on its own.
    let app = crate::helpers::spawn_app_with(move |c| c.zoom.api = Some(zoom_config), None).await;
    let worker = zoom_sync::spawn(app.state.clone()).expect("credentials given");
    let formation = auto_formation(&app, "Ligne de commande").await;
    // Another process's write: only the database says it happened.
    let other = formations::server::db::Db::open(&app._db_guard.url)
        .await
        .unwrap();
    other
        .create_session(
            &Actor::Cli,
            formation,
            &fields("Depuis la CLI", Utc::now() + Duration::days(1)),
            None,
        )
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while zoom.meetings().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the worker never made the meeting"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    worker.abort();
    zoom.assert_no_violation();
}
