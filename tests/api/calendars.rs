//! Calendars: the learner's subscription feed, parsed by an independent
//! parser (Python's `icalendar`), the one-séance invitation, and what
//! neither ever carries: the meeting link, id or password.

use chrono::{Duration, Utc};
use formations::server::store::audit::Actor;
use formations::server::store::formations::SeanceFields;
use serde_json::Value;

use crate::helpers::seed::{Active, Upcoming, LINK, MEETING_ID, SECRET};
use crate::helpers::{client_for, http, spawn_app, TestApp};

/// Events of an iCalendar text, as Python's `icalendar` reads them.
fn parse(ics: &str) -> Value {
    use std::io::Write;
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/parse_ics.py");
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 with icalendar (.ci/setup --for-tests installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}\n{ics}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_no_meeting_detail(text: &str) {
    for secret in [LINK, MEETING_ID, SECRET, "555000111"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

/// The learner's feed URL from the API, as a path on the test server.
async fn feed_path(app: &TestApp, token: &str) -> String {
    let (status, body) = app.get_json("/api/auth/user/calendar/", token).await;
    assert_eq!(status, 200, "{body}");
    let url = body["url"].as_str().unwrap();
    assert!(url.starts_with("http://"), "{url}");
    assert!(url.ends_with(".ics"), "{url}");
    let after = &url["http://".len()..];
    after[after.find('/').unwrap()..].to_string()
}

async fn fetch(path: &str, app: &TestApp) -> (u16, String, String) {
    let resp = http().get(app.url(path)).send().await.unwrap();
    let status = resp.status().as_u16();
    let kind = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, resp.text().await.unwrap())
}

fn event(feed: &Value, session: i64) -> &Value {
    feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["uid"]
                .as_str()
                .unwrap()
                .starts_with(&format!("session-{session}-"))
        })
        .unwrap_or_else(|| panic!("no event of séance {session} in {feed}"))
}

fn move_to(title: &str, at: chrono::DateTime<Utc>) -> SeanceFields {
    SeanceFields {
        title: title.into(),
        scheduled_at: at,
        duration_minutes: 120,
        meeting_link: Some("https://zoom.us/j/999000111".into()),
        recording_link: None,
    }
}

#[tokio::test]
async fn the_feed_parses_lists_the_seances_of_the_periods_and_never_a_meeting_detail() {
    let app = spawn_app().await;
    let learner = app.learner("agenda@example.com").await;
    let now = Utc::now();
    let rust = app.formation("Rust").await;
    let soon = app.session(rust, 1, now + Duration::days(2)).await;
    let recent = app.session(rust, 2, now - Duration::days(10)).await;
    let old = app.session(rust, 3, now - Duration::days(40)).await;
    let enrollment = app.enroll(learner.id, rust, -60, 20, Active).await;
    let later = app.formation("Go").await;
    let next_month = app.session(later, 1, now + Duration::days(35)).await;
    let outside = app.session(later, 2, now + Duration::days(80)).await;
    app.enroll(learner.id, later, 30, 60, Upcoming).await;

    let path = feed_path(&app, &learner.token).await;
    // No login: calendar apps cannot sign in.
    let (status, kind, text) = fetch(&path, &app).await;
    assert_eq!(status, 200);
    assert_eq!(kind, "text/calendar; charset=utf-8");
    assert_no_meeting_detail(&text);
    assert!(
        text.contains(&format!(
            "DTSTART:{}",
            (now + Duration::days(2)).format("%Y%m%dT%H%M%SZ")
        )),
        "{text}"
    );
    let feed = parse(&text);
    let uids: Vec<&str> = feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids.len(), 3, "{feed}");
    for shown in [soon, recent, next_month] {
        event(&feed, shown);
    }
    for hidden in [old, outside] {
        assert!(
            !uids
                .iter()
                .any(|u| u.starts_with(&format!("session-{hidden}-"))),
            "{hidden} in {uids:?}"
        );
    }
    let e = event(&feed, soon);
    assert_eq!(
        e["uid"],
        format!("session-{soon}-user-{}@127.0.0.1", learner.id)
    );
    assert_eq!(e["summary"], "Rust — Séance 1 : Séance 1");
    assert_eq!(e["status"], "CONFIRMED");
    assert_eq!(e["alarms"], serde_json::json!(["-PT15M"]));
    assert!(e["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/user/formations/{enrollment}#seance-{soon}")));
    assert!(e["description"].as_str().unwrap().contains("#seance-"));

    // Stable across fetches.
    let (_, _, again) = fetch(&path, &app).await;
    assert_eq!(again, text, "the same bytes at every fetch");
}

#[tokio::test]
async fn sequence_grows_when_a_seance_moves_or_is_renumbered_and_withdrawn_events_come_back_cancelled(
) {
    let app = spawn_app().await;
    let learner = app.learner("sequence@example.com").await;
    let now = Utc::now();
    let f = app.formation("Séquences").await;
    let first = app.session(f, 1, now + Duration::days(3)).await;
    let second = app.session(f, 2, now + Duration::days(5)).await;
    let enrollment = app.enroll(learner.id, f, -1, 30, Active).await;
    let path = feed_path(&app, &learner.token).await;
    let before = parse(&fetch(&path, &app).await.2);
    let seq = |feed: &Value, s: i64| event(feed, s)["sequence"].as_i64().unwrap();

    // The admin moves séance 1 a day later.
    app.db
        .update_session(
            &Actor::System,
            first,
            &move_to("Séance 1", now + Duration::days(4)),
        )
        .await
        .unwrap();
    let moved = parse(&fetch(&path, &app).await.2);
    assert!(seq(&moved, first) > seq(&before, first), "{moved}");
    assert_eq!(seq(&moved, second), seq(&before, second));
    assert_eq!(
        event(&moved, first)["uid"],
        event(&before, first)["uid"],
        "the same event, moved"
    );
    // A meeting link of its own changes nothing a calendar shows.
    assert_no_meeting_detail(&fetch(&path, &app).await.2);
    assert!(!fetch(&path, &app).await.2.contains("999000111"));

    // A séance added before both renumbers them: both change.
    let added = app.session(f, 1, now + Duration::days(2)).await;
    let renumbered = parse(&fetch(&path, &app).await.2);
    assert!(seq(&renumbered, first) > seq(&moved, first));
    assert!(seq(&renumbered, second) > seq(&moved, second));
    assert_eq!(
        event(&renumbered, second)["summary"],
        "Séquences — Séance 3 : Séance 2"
    );

    // A deleted séance stays, cancelled, with a higher sequence.
    app.db.delete_session(&Actor::System, added).await.unwrap();
    let deleted = parse(&fetch(&path, &app).await.2);
    let gone = event(&deleted, added);
    assert_eq!(gone["status"], "CANCELLED");
    assert!(gone["sequence"].as_i64().unwrap() > seq(&renumbered, added));

    // A cancelled enrollment's events come back cancelled.
    app.db
        .cancel_enrollment(&Actor::System, enrollment)
        .await
        .unwrap();
    let cancelled = parse(&fetch(&path, &app).await.2);
    for s in [first, second, added] {
        assert_eq!(event(&cancelled, s)["status"], "CANCELLED", "{cancelled}");
    }
    assert!(seq(&cancelled, first) > seq(&renumbered, first));
}

#[tokio::test]
async fn regenerating_makes_the_old_url_a_404_and_unknown_feeds_are_404() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in_learner("regen@example.com").await;
    let (status, page) = app.page(&client, "/user/agenda").await;
    assert_eq!(status, 200);
    let start = page.find("/calendrier/").expect("the feed URL on the page");
    let old: String = page[start..].chars().take_while(|c| *c != '"').collect();
    assert!(old.ends_with(".ics"), "{old}");
    assert!(page.contains("webcal://"), "{page}");
    assert!(page.contains("calendar.google.com/calendar/r?cid="));
    assert!(page.contains("outlook.live.com/calendar/0/addfromweb"));
    assert_eq!(fetch(&old, &app).await.0, 200);

    let resp = app.form_post(&client, "regenerate_calendar", &[]).await;
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(fetch(&old, &app).await.0, 404);
    let (_, page) = app.page(&client, "/user/agenda?ok=1").await;
    let start = page.find("/calendrier/").unwrap();
    let new: String = page[start..].chars().take_while(|c| *c != '"').collect();
    assert_ne!(new, old);
    assert_eq!(fetch(&new, &app).await.0, 200);
    for unknown in [
        "/calendrier/nope.ics",
        "/calendrier/.ics",
        old.trim_end_matches(".ics"),
    ] {
        assert_eq!(fetch(unknown, &app).await.0, 404, "{unknown}");
    }
}

#[tokio::test]
async fn the_invitation_is_the_feeds_event_for_its_learner_only() {
    let app = spawn_app().await;
    let now = Utc::now();
    let (client, user) = app.signed_in_learner("invite@example.com").await;
    let f = app.formation("Invitations").await;
    let session = app.session(f, 1, now + Duration::days(3)).await;
    let enrollment = app.enroll(user, f, -1, 30, Active).await;
    let (status, page) = app
        .page(&client, &format!("/user/formations/{enrollment}"))
        .await;
    assert_eq!(status, 200);
    let download = format!("/user/formations/{enrollment}/seances/{session}.ics");
    assert!(page.contains(&download), "{page}");
    assert!(page.contains("Ajouter à mon agenda"));

    let resp = client.get(app.url(&download)).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let ics = resp.text().await.unwrap();
    assert_no_meeting_detail(&ics);
    let invitation = parse(&ics);
    assert_eq!(invitation["method"], "PUBLISH");
    assert_eq!(
        invitation["events"][0]["uid"],
        format!("session-{session}-user-{user}@127.0.0.1")
    );

    let resp = client
        .get(app.url(&format!(
            "/user/formations/{enrollment}/seances/{session}/google"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let to = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(
        to.starts_with("https://calendar.google.com/calendar/render?action=TEMPLATE"),
        "{to}"
    );
    assert_no_meeting_detail(&to);

    // Someone else: 404, and so are malformed ids.
    let (other, _) = app.signed_in_learner("curieux-agenda@example.com").await;
    for path in [
        download.clone(),
        format!("/user/formations/{enrollment}/seances/{session}/google"),
        format!("/user/formations/{enrollment}/seances/abc.ics"),
        format!("/user/formations/0/seances/{session}.ics"),
    ] {
        let resp = other.get(app.url(&path)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 404, "{path}");
    }
    // Signed out: no invitation.
    let anonymous = client_for(&app.address);
    let resp = anonymous.get(app.url(&download)).send().await.unwrap();
    assert_ne!(resp.status().as_u16(), 200);
}

#[tokio::test]
async fn the_feed_costs_the_same_statements_for_two_or_forty_seances() {
    let app = spawn_app().await;
    let learner = app.learner("cout@example.com").await;
    let now = Utc::now();
    let f = app.formation("Coût").await;
    for n in 1..=2 {
        app.session(f, n, now + Duration::days(n)).await;
    }
    app.enroll(learner.id, f, -1, 60, Active).await;
    let path = feed_path(&app, &learner.token).await;
    let token = path
        .trim_start_matches("/calendrier/")
        .trim_end_matches(".ics")
        .to_string();
    let count = |app: &TestApp| {
        let db = app.db.clone();
        let token = token.clone();
        async move {
            let before = db.query_count();
            let feed = db.calendar_feed(&token, Utc::now()).await.unwrap().unwrap();
            (db.query_count() - before, feed.events.len())
        }
    };
    let (small, n) = count(&app).await;
    assert_eq!(n, 2);
    for n in 3..=40 {
        app.session(f, n, now + Duration::hours(n * 20)).await;
    }
    let (large, n) = count(&app).await;
    assert_eq!(n, 40);
    assert_eq!(small, large);
}
