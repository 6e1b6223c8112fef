//! The in-app notice 15 minutes before a séance and the Web Push
//! notification 1 hour before: both rows of the reminder outbox, delivered
//! once whatever the restarts, re-timed with their séance, stopped by the
//! learner; pushes go to a real push service on loopback that checks their
//! VAPID signature and decrypts them; notices reach open pages live, from
//! whichever instance wrote them.
//!
//! As in the e-mail tests, séances and enrollments are written at the real
//! "now" and the app's clock is set ahead: nothing sleeps.

use chrono::{DateTime, Duration, Utc};
use formations::domain::reminder::Channel;
use formations::server::store::audit::Actor;
use formations::server::store::formations::SeanceFields;
use serde_json::{json, Value};

use crate::helpers::seed::{Active, Learner, LINK, MEETING_ID, SECRET};
use crate::helpers::{http, spawn_app_at, spawn_app_at_with, PushSink, TestApp};

const SUBSCRIPTIONS: &str = "/api/auth/user/push-subscriptions/";
const NOTICES: &str = "/api/auth/user/notifications/";
const STREAM: &str = "/api/auth/user/notifications/stream";

fn instant() -> DateTime<Utc> {
    use chrono::Timelike;
    Utc::now().with_nanosecond(0).unwrap()
}

async fn sweep(app: &TestApp) -> formations::server::reminders::SweepReport {
    formations::server::reminders::sweep(&app.state)
        .await
        .unwrap()
}

fn sent(report: &formations::server::reminders::SweepReport, channel: Channel) -> usize {
    report.sent.iter().filter(|s| s.channel == channel).count()
}

/// A formation whose `n` séances start at `starts`, five minutes apart,
/// and the enrollments of `learners` (over the next ten days).
async fn formation_with(
    app: &TestApp,
    name: &str,
    starts: DateTime<Utc>,
    n: i64,
    learners: &[i64],
) -> (Vec<i64>, Vec<i64>) {
    let formation = app.formation(name).await;
    let mut sessions = Vec::new();
    for k in 0..n {
        sessions.push(
            app.session(formation, k + 1, starts + Duration::minutes(5 * k))
                .await,
        );
    }
    let mut enrollments = Vec::new();
    for user in learners {
        enrollments.push(app.enroll(*user, formation, -1, 10, Active).await);
    }
    (sessions, enrollments)
}

/// Subscribes a new browser of `sink` for `learner`; answers the sink's id.
async fn subscribe(app: &TestApp, sink: &PushSink, learner: &Learner) -> i64 {
    let subscription = sink.subscription().await;
    let resp = http()
        .post(app.url(SUBSCRIPTIONS))
        .bearer_auth(&learner.token)
        .json(&subscription)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    subscription["id"].as_i64().unwrap()
}

fn assert_no_meeting_detail(text: &str) {
    for secret in [LINK, MEETING_ID, SECRET, "555000111"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

/// The pushes the sink took, checked as a push service would: encrypted
/// for the subscription, signed by the platform's key for this service.
async fn delivered(app: &TestApp, sink: &PushSink) -> Vec<Value> {
    let (_, key) = app.get_json("/api/push/vapid-public-key/", "").await;
    let received = sink.received().await;
    for push in &received {
        if push["status"] != 201 {
            continue;
        }
        assert_eq!(push["error"], Value::Null, "{push}");
        assert_eq!(push["content_encoding"], "aes128gcm", "{push}");
        assert_eq!(push["vapid_key"], key["key"], "{push}");
        assert_eq!(
            push["claims"]["aud"],
            format!("http://127.0.0.1:{}", sink.port)
        );
        assert_eq!(
            push["claims"]["sub"],
            format!("mailto:{}", "no-reply@localhost")
        );
        assert!(push["ttl"].as_i64().unwrap() > 0, "{push}");
        assert_no_meeting_detail(push["plaintext"].as_str().unwrap());
    }
    received
        .into_iter()
        .filter(|p| p["status"] == 201)
        .collect()
}

#[tokio::test]
async fn three_seances_and_five_learners_make_fifteen_notices_and_fifteen_pushes_once() {
    let now = instant();
    let app = spawn_app_at(now).await;
    let sink = PushSink::start().await;
    let mut learners = Vec::new();
    let mut subscriptions = Vec::new();
    for n in 0..5 {
        let learner = app.learner(&format!("notif-{n}@example.com")).await;
        subscriptions.push(subscribe(&app, &sink, &learner).await);
        learners.push(learner);
    }
    let ids: Vec<i64> = learners.iter().map(|l| l.id).collect();
    let starts = now + Duration::hours(3);
    let (sessions, enrollments) = formation_with(&app, "Rust avancé", starts, 3, &ids).await;

    // The last séance's hour: every push is due, no notice yet.
    app.state
        .clock
        .set(starts + Duration::minutes(10) - Duration::hours(1));
    let first = sweep(&app).await;
    assert_eq!(
        (sent(&first, Channel::Push), sent(&first, Channel::InApp)),
        (15, 0),
        "{first}"
    );
    // A minute before the first séance: every notice, no push again.
    app.state.clock.set(starts - Duration::minutes(1));
    let second = sweep(&app).await;
    assert_eq!(
        (sent(&second, Channel::Push), sent(&second, Channel::InApp)),
        (0, 15),
        "{second}"
    );
    assert_eq!(sweep(&app).await.sent.len(), 0);

    // A restart: another process, the CLI, at the same instant.
    let at = formations::server::store::instant_text(starts - Duration::minutes(1));
    let out = crate::helpers::cli_in(
        "C",
        &app._db_guard.url,
        &["reminders", "run-once", "--now", &at],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "nothing twice");

    let pushes = delivered(&app, &sink).await;
    assert_eq!(pushes.len(), 15);
    let mut seen: Vec<(i64, String)> = pushes
        .iter()
        .map(|p| {
            (
                p["subscription"].as_i64().unwrap(),
                p["payload"]["url"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 15, "one push per learner and séance");
    // Each learner's pushes point to their own séances' entries.
    for (k, subscription) in subscriptions.iter().enumerate() {
        for session in &sessions {
            let path = format!("/user/formations/{}#seance-{session}", enrollments[k]);
            assert!(
                seen.iter()
                    .any(|(s, url)| s == subscription && url.ends_with(&path)),
                "{path} not pushed to {subscription}"
            );
        }
    }
    let push = &pushes[0]["payload"];
    assert_eq!(push["title"], "Rust avancé — Séance 1", "{push}");
    assert_eq!(
        push["body"], "La séance « Séance 1 » commence dans 1 h",
        "{push}"
    );
    assert!(push["url"].as_str().unwrap().starts_with("http"), "{push}");

    // Each learner has three notices, unread, in the REST list.
    for (k, learner) in learners.iter().enumerate() {
        let (status, body) = app.get_json(NOTICES, &learner.token).await;
        assert_eq!(status, 200);
        assert_eq!(body["unread"], 3, "{body}");
        let list = body["notifications"].as_array().unwrap();
        assert_eq!(list.len(), 3);
        assert_no_meeting_detail(&body.to_string());
        let newest = &list[0];
        assert_eq!(newest["kind"], "seance_soon");
        assert_eq!(newest["read"], false);
        assert_eq!(newest["title"], "Rust avancé — Séance 3");
        assert_eq!(
            newest["body"],
            "La séance « Séance 3 » commence dans 15 min"
        );
        assert!(newest["url"].as_str().unwrap().ends_with(&format!(
            "/user/formations/{}#seance-{}",
            enrollments[k], sessions[2]
        )));
        assert_eq!(
            newest["created_at"],
            formations::server::store::instant_text(starts - Duration::minutes(1))
        );
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM notifications").await, 15);
}

#[tokio::test]
async fn a_moved_seance_re_times_its_push_and_its_notice() {
    let now = instant();
    let app = spawn_app_at(now).await;
    let sink = PushSink::start().await;
    let learner = app.learner("deplacee@example.com").await;
    subscribe(&app, &sink, &learner).await;
    let starts = now + Duration::hours(3);
    let (sessions, _) = formation_with(&app, "Déplacée", starts, 1, &[learner.id]).await;

    app.state.clock.set(starts - Duration::minutes(50));
    assert_eq!(sent(&sweep(&app).await, Channel::Push), 1);

    // Moved a day later before its notice: the old time gets no notice,
    // the new one a push and a notice of its own.
    let moved_to = starts + Duration::days(1);
    app.db
        .update_session(
            &Actor::System,
            sessions[0],
            &SeanceFields {
                title: "Séance déplacée".into(),
                scheduled_at: moved_to,
                duration_minutes: 120,
                meeting_link: None,
                recording_link: None,
            },
        )
        .await
        .unwrap();
    app.state.clock.set(starts - Duration::minutes(5));
    assert_eq!(sweep(&app).await.sent.len(), 0);
    app.state.clock.set(moved_to - Duration::minutes(30));
    let report = sweep(&app).await;
    assert_eq!(
        (sent(&report, Channel::Push), sent(&report, Channel::InApp)),
        (1, 0),
        "{report}"
    );
    assert_eq!(report.sent[0].starts_at, moved_to);
    app.state.clock.set(moved_to - Duration::minutes(10));
    let report = sweep(&app).await;
    assert_eq!(sent(&report, Channel::InApp), 1, "{report}");

    let pushes = delivered(&app, &sink).await;
    assert_eq!(pushes.len(), 2);
    assert_eq!(
        pushes[1]["payload"]["body"],
        "La séance « Séance déplacée » commence dans 1 h"
    );
    let (_, body) = app.get_json(NOTICES, &learner.token).await;
    assert_eq!(body["notifications"].as_array().unwrap().len(), 1, "{body}");
    assert_eq!(
        body["notifications"][0]["body"],
        "La séance « Séance déplacée » commence dans 15 min"
    );
}

#[tokio::test]
async fn a_channel_turned_off_gets_nothing_and_the_other_still_comes() {
    let now = instant();
    let app = spawn_app_at(now).await;
    let sink = PushSink::start().await;
    let no_notice = app.learner("sans-notice@example.com").await;
    let no_push = app.learner("sans-push@example.com").await;
    let unsubscribed = app.learner("sans-navigateur@example.com").await;
    let with_notice = subscribe(&app, &sink, &no_notice).await;
    subscribe(&app, &sink, &no_push).await;
    app.db
        .set_reminder_channel(no_notice.id, Channel::InApp, false)
        .await
        .unwrap();
    app.db
        .set_reminder_channel(no_push.id, Channel::Push, false)
        .await
        .unwrap();
    let starts = now + Duration::hours(3);
    formation_with(
        &app,
        "Préférences",
        starts,
        1,
        &[no_notice.id, no_push.id, unsubscribed.id],
    )
    .await;

    app.state.clock.set(starts - Duration::minutes(55));
    let pushes = sweep(&app).await;
    app.state.clock.set(starts - Duration::minutes(10));
    let notices = sweep(&app).await;
    assert_eq!(sent(&pushes, Channel::Push), 1, "{pushes}");
    assert_eq!(sent(&notices, Channel::InApp), 2, "{notices}");
    let received = delivered(&app, &sink).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["subscription"], with_notice);
    for (learner, count) in [(&no_notice, 0), (&no_push, 1), (&unsubscribed, 1)] {
        let (_, body) = app.get_json(NOTICES, &learner.token).await;
        assert_eq!(body["notifications"].as_array().unwrap().len(), count);
    }
    // A learner with no browser subscribed queues no push at all.
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM reminders WHERE channel = 'push' AND user_id = {}",
            unsubscribed.id
        ))
        .await,
        0
    );
}

#[tokio::test]
async fn a_gone_browser_is_forgotten_and_a_busy_push_service_is_tried_again() {
    let now = instant();
    let app = spawn_app_at(now).await;
    let sink = PushSink::start().await;
    let two_browsers = app.learner("deux@example.com").await;
    let gone = subscribe(&app, &sink, &two_browsers).await;
    let kept = subscribe(&app, &sink, &two_browsers).await;
    sink.answer(gone, 410).await;
    let busy_learner = app.learner("occupe@example.com").await;
    let busy = subscribe(&app, &sink, &busy_learner).await;
    sink.answer(busy, 503).await;
    let starts = now + Duration::hours(3);
    formation_with(
        &app,
        "Service de push",
        starts,
        1,
        &[two_browsers.id, busy_learner.id],
    )
    .await;

    let at = starts - Duration::minutes(59);
    app.state.clock.set(at);
    let report = sweep(&app).await;
    assert_eq!(sent(&report, Channel::Push), 1, "{report}");
    assert_eq!(report.failed, 1, "{report}");
    let received = delivered(&app, &sink).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["subscription"], kept);
    // The browser whose service said 410 is forgotten.
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM push_subscriptions WHERE user_id = {}",
            two_browsers.id
        ))
        .await,
        1
    );
    // The busy one is tried again after the backoff, and then delivered.
    app.state.clock.set(at + Duration::seconds(30));
    assert_eq!(sweep(&app).await.sent.len(), 0);
    sink.answer(busy, 201).await;
    app.state.clock.set(at + Duration::minutes(2));
    let report = sweep(&app).await;
    assert_eq!(sent(&report, Channel::Push), 1, "{report}");
    let received = delivered(&app, &sink).await;
    assert_eq!(received.len(), 2);
    assert_eq!(received[1]["subscription"], busy);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM reminders WHERE channel = 'push' AND state = 'sent' AND attempts = 2")
            .await,
        1
    );
}

#[tokio::test]
async fn push_subscriptions_are_checked_idempotent_and_owned() {
    let app = crate::helpers::spawn_app().await;
    let sink = PushSink::start().await;
    let learner = app.learner("abonne@example.com").await;
    let other = app.learner("autre@example.com").await;
    let subscription = sink.subscription().await;
    let post = |token: &str, body: Value| {
        http()
            .post(app.url(SUBSCRIPTIONS))
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    // Anonymous: 401.
    let resp = http()
        .post(app.url(SUBSCRIPTIONS))
        .json(&subscription)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    // Twice: one subscription.
    for _ in 0..2 {
        let resp = post(&learner.token, subscription.clone()).await.unwrap();
        assert_eq!(resp.status().as_u16(), 201);
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM push_subscriptions").await,
        1
    );
    // Refused: an endpoint in clear off the loopback, keys that are not
    // RFC 8291's, a body that is not a subscription. Nothing is stored.
    let keys = subscription["keys"].clone();
    for (body, code) in [
        (
            json!({"endpoint": "http://push.example.com/x", "keys": keys}),
            "push_endpoint",
        ),
        (
            json!({"endpoint": "https://push.example.com/x", "keys": {"p256dh": "AAAA", "auth": keys["auth"]}}),
            "push_keys",
        ),
        (
            json!({"endpoint": "https://push.example.com/x", "keys": {"p256dh": keys["p256dh"], "auth": "not base64!"}}),
            "push_keys",
        ),
        (
            json!({"endpoint": "https://push.example.com/x"}),
            "malformed",
        ),
        (json!([1, 2]), "malformed"),
    ] {
        let resp = post(&learner.token, body.clone()).await.unwrap();
        assert_eq!(resp.status().as_u16(), 400, "{body}");
        let answer: Value = resp.json().await.unwrap();
        assert_eq!(answer["code"], code, "{body}: {answer}");
        assert!(answer["detail"].as_str().is_some_and(|d| !d.is_empty()));
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM push_subscriptions").await,
        1
    );

    // Another learner cannot unsubscribe it.
    let delete = |token: &str| {
        http()
            .delete(app.url(SUBSCRIPTIONS))
            .bearer_auth(token)
            .json(&json!({"endpoint": subscription["endpoint"]}))
            .send()
    };
    assert_eq!(delete(&other.token).await.unwrap().status().as_u16(), 404);
    assert_eq!(delete(&learner.token).await.unwrap().status().as_u16(), 204);
    assert_eq!(delete(&learner.token).await.unwrap().status().as_u16(), 404);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM push_subscriptions").await,
        0
    );

    // The key is public, the same for every instance of one database.
    let (status, key) = app.get_json("/api/push/vapid-public-key/", "").await;
    assert_eq!(status, 200);
    let raw = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(key["key"].as_str().unwrap())
            .unwrap()
    };
    assert_eq!((raw.len(), raw[0]), (65, 4), "an uncompressed P-256 point");
    let second = app.another_instance(instant()).await;
    let again: Value = http()
        .get(format!("{}/api/push/vapid-public-key/", second.address))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again, key);

    // The service worker: at the root, never cached by name, allowed by
    // the CSP, served to anybody.
    let resp = http().get(app.url("/sw.js")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-cache");
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert!(resp.text().await.unwrap().contains("notificationclick"));
    let page = http().get(app.url("/login")).send().await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("worker-src 'self'"), "{csp}");
}

#[tokio::test]
async fn notices_are_paged_read_one_by_one_or_all_and_nobody_elses() {
    let now = instant();
    // Counted statements: no session cache (every request looks up).
    let app = spawn_app_at_with(now, |c| c.session_cache_seconds = 0).await;
    let learner = app.learner("lecteur@example.com").await;
    let other = app.learner("voisin@example.com").await;
    let starts = now + Duration::hours(3);
    let formation = app.formation("Vingt-cinq séances").await;
    for k in 0..25 {
        app.session(formation, k + 1, starts + Duration::seconds(20 * k))
            .await;
    }
    app.enroll(learner.id, formation, -1, 10, Active).await;
    app.state.clock.set(starts - Duration::minutes(1));
    assert_eq!(sent(&sweep(&app).await, Channel::InApp), 25);

    let before = app.db.query_count();
    let (status, first) = app.get_json(NOTICES, &learner.token).await;
    let cost = app.db.query_count() - before;
    assert_eq!(status, 200);
    assert_eq!(first["unread"], 25);
    assert_eq!(first["notifications"].as_array().unwrap().len(), 20);
    let cursor = first["older_than"].as_i64().expect("a next page");
    let (_, second) = app
        .get_json(&format!("{NOTICES}?before={cursor}"), &learner.token)
        .await;
    assert_eq!(second["notifications"].as_array().unwrap().len(), 5);
    assert_eq!(second["older_than"], Value::Null);
    // A page costs what an empty one does, whatever it holds.
    let before = app.db.query_count();
    let (_, empty) = app.get_json(NOTICES, &other.token).await;
    assert_eq!(empty["notifications"].as_array().unwrap().len(), 0);
    assert_eq!(app.db.query_count() - before, cost);
    let (status, _) = app
        .get_json(&format!("{NOTICES}?before=abc"), &learner.token)
        .await;
    assert_eq!(status, 400);

    let id = first["notifications"][0]["id"].as_i64().unwrap();
    let read = format!("{NOTICES}{id}/read/");
    let (status, body) = app.post_json(&read, &learner.token).await;
    assert_eq!((status, body["unread"].as_i64()), (200, Some(24)));
    // Again: nothing changes.
    let (status, body) = app.post_json(&read, &learner.token).await;
    assert_eq!((status, body["unread"].as_i64()), (200, Some(24)));
    // Someone else's, or no such id: not found.
    assert_eq!(app.post_json(&read, &other.token).await.0, 404);
    assert_eq!(
        app.post_json(&format!("{NOTICES}999999/read/"), &learner.token)
            .await
            .0,
        404
    );
    assert_eq!(
        app.post_json(&format!("{NOTICES}x/read/"), &learner.token)
            .await
            .0,
        404
    );
    let (_, others) = app.get_json(NOTICES, &other.token).await;
    assert_eq!(others["notifications"].as_array().unwrap().len(), 0);
    let (status, body) = app
        .post_json(&format!("{NOTICES}read-all/"), &learner.token)
        .await;
    assert_eq!((status, body["unread"].as_i64()), (200, Some(0)));
    let (_, after) = app.get_json(NOTICES, &learner.token).await;
    assert_eq!(after["unread"], 0);
    assert_eq!(after["notifications"][0]["read"], true);
    assert_eq!(app.get_json(NOTICES, "").await.0, 401);
}

/// Reads a Server-Sent Events response until an event named `notice`
/// arrives; answers its `id` and `data`.
async fn next_notice(resp: &mut reqwest::Response, buffer: &mut String) -> (i64, Value) {
    let read = async {
        loop {
            if let Some(end) = buffer.find("\n\n") {
                let event: String = buffer.drain(..end + 2).collect();
                let field = |name: &str| {
                    event
                        .lines()
                        .find_map(|l| l.strip_prefix(&format!("{name}:")))
                        .map(|v| v.trim().to_string())
                };
                if field("event").as_deref() == Some("notice") {
                    let id = field("id").unwrap().parse().unwrap();
                    let data = serde_json::from_str(&field("data").unwrap()).unwrap();
                    return (id, data);
                }
                continue;
            }
            let chunk = resp.chunk().await.unwrap().expect("the stream stays open");
            buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    };
    // Bounds a hang, measures nothing.
    tokio::time::timeout(std::time::Duration::from_secs(20), read)
        .await
        .expect("a notice arrives on the stream")
}

async fn open_stream(address: &str, token: &str, last: Option<i64>) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .get(format!("{address}{STREAM}"))
        .bearer_auth(token);
    if let Some(last) = last {
        request = request.header("Last-Event-ID", last.to_string());
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_page_on_one_instance_hears_of_the_notice_another_instance_wrote() {
    let now = instant();
    let app = spawn_app_at(now).await;
    let learner = app.learner("en-direct@example.com").await;
    let starts = now + Duration::hours(3);
    let (sessions, enrollments) = formation_with(&app, "En direct", starts, 2, &[learner.id]).await;
    let other = app.another_instance(starts - Duration::minutes(9)).await;

    let mut resp = open_stream(&app.address, &learner.token, None).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    // The sweep runs on the other instance.
    let report = formations::server::reminders::sweep(&other.state)
        .await
        .unwrap();
    assert_eq!(sent(&report, Channel::InApp), 2, "{report}");
    let mut buffer = String::new();
    let (first, data) = next_notice(&mut resp, &mut buffer).await;
    assert_eq!(data["id"], first);
    assert_eq!(data["title"], "En direct — Séance 1");
    assert_eq!(data["body"], "La séance « Séance 1 » commence dans 15 min");
    assert!(data["url"].as_str().unwrap().ends_with(&format!(
        "/user/formations/{}#seance-{}",
        enrollments[0], sessions[0]
    )));
    assert_no_meeting_detail(&data.to_string());
    let (second, _) = next_notice(&mut resp, &mut buffer).await;
    assert!(second > first);
    drop(resp);

    // A browser reconnecting with Last-Event-ID gets what it missed.
    let mut resumed = open_stream(&other.address, &learner.token, Some(first)).await;
    let mut buffer = String::new();
    let (id, _) = next_notice(&mut resumed, &mut buffer).await;
    assert_eq!(id, second);
}

#[tokio::test]
async fn live_streams_are_bounded_per_learner_and_end_at_shutdown() {
    let now = instant();
    let app = spawn_app_at(now).await;
    let learner = app.learner("onglets@example.com").await;
    let mut instance = app.another_instance(now).await;
    let mut open = Vec::new();
    for _ in 0..formations::domain::notification::MAX_STREAMS_PER_USER {
        let resp = open_stream(&instance.address, &learner.token, None).await;
        assert_eq!(resp.status().as_u16(), 200);
        open.push(resp);
    }
    let refused = open_stream(&instance.address, &learner.token, None).await;
    assert_eq!(refused.status().as_u16(), 429);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "streams");
    // Another learner is not held back by this one.
    let other = app.learner("autre-onglet@example.com").await;
    assert_eq!(
        open_stream(&instance.address, &other.token, None)
            .await
            .status()
            .as_u16(),
        200
    );
    // Anonymous: 401.
    let anonymous = reqwest::Client::new()
        .get(format!("{}{STREAM}", instance.address))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);

    // The streams are still open; a graceful shutdown ends them instead of
    // waiting for clients that never hang up.
    let stopped = instance.shut_down();
    let result = tokio::time::timeout(std::time::Duration::from_secs(20), stopped)
        .await
        .expect("graceful shutdown does not wait for live streams");
    result.unwrap().unwrap();
    for mut resp in open {
        let end = tokio::time::timeout(std::time::Duration::from_secs(20), async {
            while let Ok(Some(_)) = resp.chunk().await {}
        })
        .await;
        assert!(end.is_ok(), "each stream ends");
    }
}

#[tokio::test]
async fn the_cli_delivers_the_pushes_and_notices_due_at_its_instant() {
    let now = instant();
    let app = spawn_app_at(now).await;
    let sink = PushSink::start().await;
    let learner = app.learner("cli-notif@example.com").await;
    subscribe(&app, &sink, &learner).await;
    let starts = now + Duration::hours(3);
    formation_with(&app, "Ligne de commande", starts, 1, &[learner.id]).await;

    let at = formations::server::store::instant_text(starts - Duration::minutes(14));
    let out = crate::helpers::cli_in(
        "C",
        &app._db_guard.url,
        &["reminders", "run-once", "--now", &at],
    );
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("push → cli-notif@example.com"),
        "{printed}"
    );
    assert!(
        printed.contains("in_app → cli-notif@example.com"),
        "{printed}"
    );
    assert_eq!(delivered(&app, &sink).await.len(), 1);
    let (_, body) = app.get_json(NOTICES, &learner.token).await;
    assert_eq!(body["unread"], 1);
}
