//! The 24-hour e-mail reminders: derived from séances and enrollments at
//! each sweep, delivered once through a real SMTP server on loopback,
//! re-timed when a séance moves, never for a moment before the enrollment
//! or the move, retried with backoff, and stopped by the learner.
//!
//! Séances and enrollments are written at the real "now" (their
//! `moved_at` and `created_at`); the app's clock is then set ahead, so no
//! test sleeps.

use chrono::{DateTime, Duration, Utc};
use formations::domain::reminder::Channel;
use formations::server::store::audit::Actor;
use formations::server::store::formations::SeanceFields;

use crate::helpers::seed::{Active, LINK, MEETING_ID, SECRET};
use crate::helpers::{
    spawn_app_at_with_relay, spawn_app_with_smtp_at, ReceivedMail, TestApp, PASSWORD,
};

/// Now, to the second, as instants are stored.
fn instant() -> DateTime<Utc> {
    use chrono::Timelike;
    Utc::now().with_nanosecond(0).unwrap()
}

async fn learner(app: &TestApp, email: &str) -> i64 {
    formations::server::cli::create_user(&app.db, email, "Camille Martin", PASSWORD, false)
        .await
        .unwrap()
}

async fn sweep(app: &TestApp) -> formations::server::reminders::SweepReport {
    formations::server::reminders::sweep(&app.state)
        .await
        .unwrap()
}

/// A formation with `n` séances starting at `starts` (one hour apart) and
/// `learners` enrolled over the next ten days.
async fn formation_with(
    app: &TestApp,
    name: &str,
    starts: DateTime<Utc>,
    n: i64,
    learners: &[i64],
) -> (i64, Vec<i64>, Vec<i64>) {
    let formation = app.formation(name).await;
    let mut sessions = Vec::new();
    for k in 0..n {
        sessions.push(
            app.session(formation, k + 1, starts + Duration::hours(k))
                .await,
        );
    }
    let mut enrollments = Vec::new();
    for user in learners {
        enrollments.push(app.enroll(*user, formation, -1, 10, Active).await);
    }
    (formation, sessions, enrollments)
}

fn assert_no_meeting_detail(mail: &ReceivedMail) {
    for secret in [LINK, MEETING_ID, SECRET, "555000111"] {
        assert!(!mail.raw.contains(secret), "{secret} in {}", mail.raw);
    }
}

fn message_ids(mails: &[ReceivedMail]) -> Vec<String> {
    let mut ids: Vec<String> = mails
        .iter()
        .map(|m| m.header("Message-ID").expect("a Message-ID"))
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn three_seances_and_five_learners_make_fifteen_mails_once_even_after_a_restart() {
    let now = instant();
    let app = spawn_app_with_smtp_at(now).await;
    let mut learners = Vec::new();
    for n in 0..5 {
        learners.push(learner(&app, &format!("rappel-{n}@example.com")).await);
    }
    let starts = now + Duration::hours(30);
    let (_, sessions, enrollments) =
        formation_with(&app, "Rust avancé", starts, 3, &learners).await;

    // Not yet due: nothing.
    app.state.clock.set(now + Duration::hours(5));
    assert_eq!(sweep(&app).await.sent.len(), 0);

    app.state.clock.set(now + Duration::hours(9));
    let first = sweep(&app).await;
    assert_eq!(first.sent.len(), 15, "{first}");
    let again = sweep(&app).await;
    assert_eq!((again.queued, again.sent.len()), (0, 0), "{again}");
    // A restart: another process, the CLI, at the same instant.
    let at = formations::server::store::instant_text(now + Duration::hours(9));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_formations"))
        .args(["reminders", "run-once", "--now", &at])
        .env("DATABASE_URL", &app._db_guard.url)
        .env(
            "FORMATIONS_SMTP_URL",
            format!("smtp://127.0.0.1:{}", app._smtp.as_ref().unwrap().port),
        )
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "nothing sent twice"
    );

    let mails = app.wait_for_mails("rappel-4@example.com", 3).await;
    assert_eq!(mails.len(), 3);
    let all = app.mails();
    assert_eq!(all.len(), 15);
    let mut ids = message_ids(&all);
    ids.dedup();
    assert_eq!(ids.len(), 15, "one Message-ID per reminder");
    for mail in &all {
        assert_no_meeting_detail(mail);
        assert!(
            mail.raw.contains("Content-Type: text/calendar"),
            "{}",
            mail.raw
        );
        assert!(mail.raw.contains("BEGIN:VCALENDAR") || mail.raw.contains(".ics"));
        let unsubscribe = mail.header("List-Unsubscribe").expect("List-Unsubscribe");
        assert!(
            unsubscribe.contains("/rappels/desabonner/"),
            "{unsubscribe}"
        );
        assert_eq!(
            mail.header("List-Unsubscribe-Post").as_deref(),
            Some("List-Unsubscribe=One-Click")
        );
        assert!(mail.text.contains("Rust avancé"), "{}", mail.text);
        assert!(mail.text.contains("(heure de Paris)"), "{}", mail.text);
        assert!(mail.text.contains("/compte/rappels"), "{}", mail.text);
    }
    // The link leads to the séance's entry on the learner's page.
    let to_first = app.mails_to("rappel-0@example.com");
    let paths: Vec<String> = to_first.iter().map(|m| m.link_path()).collect();
    for session in &sessions {
        let path = format!("/user/formations/{}#seance-{session}", enrollments[0]);
        assert!(paths.contains(&path), "{path} not in {paths:?}");
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM reminders WHERE state = 'sent'")
            .await,
        15
    );
}

#[tokio::test]
async fn a_moved_seance_re_times_its_mail_and_the_old_time_gets_none() {
    let now = instant();
    let app = spawn_app_with_smtp_at(now).await;
    let user = learner(&app, "deplace@example.com").await;
    let starts = now + Duration::hours(30);
    let (_, sessions, _) = formation_with(&app, "Déplacée", starts, 2, &[user]).await;

    app.state.clock.set(now + Duration::hours(8));
    assert_eq!(sweep(&app).await.sent.len(), 2);

    // Séance 1, reminded already, moves two days later: its new time gets
    // a reminder of its own.
    let moved_to = starts + Duration::hours(48);
    app.db
        .update_session(
            &Actor::System,
            sessions[0],
            &SeanceFields {
                title: "Séance 1".into(),
                scheduled_at: moved_to,
                duration_minutes: 120,
                meeting_link: None,
                recording_link: None,
            },
        )
        .await
        .unwrap();
    app.state.clock.set(moved_to - Duration::hours(23));
    let report = sweep(&app).await;
    assert_eq!(report.sent.len(), 1, "{report}");
    assert_eq!(report.sent[0].starts_at, moved_to);
    let mails = app.wait_for_mails("deplace@example.com", 3).await;
    assert_eq!(mails.len(), 3);
    let when = formations::domain::format::in_zone(
        formations::domain::language::Lang::Fr,
        moved_to,
        chrono_tz::Europe::Paris,
    );
    assert!(
        mails.iter().any(|m| m.text.contains(&when)),
        "no mail says {when}"
    );
    assert_eq!(sweep(&app).await.sent.len(), 0);
}

#[tokio::test]
async fn a_seance_moved_before_its_reminder_expires_the_old_one() {
    let now = instant();
    // A relay that refuses: the first attempt fails and stays pending.
    let app = spawn_app_at_with_relay(now, "smtp://127.0.0.1:9").await;
    let user = learner(&app, "expire@example.com").await;
    let starts = now + Duration::hours(30);
    let (_, sessions, _) = formation_with(&app, "Expirée", starts, 1, &[user]).await;
    app.state.clock.set(now + Duration::hours(8));
    let report = sweep(&app).await;
    assert_eq!((report.sent.len(), report.failed), (0, 1), "{report}");
    app.db
        .update_session(
            &Actor::System,
            sessions[0],
            &SeanceFields {
                title: "Séance 1".into(),
                scheduled_at: starts + Duration::hours(72),
                duration_minutes: 120,
                meeting_link: None,
                recording_link: None,
            },
        )
        .await
        .unwrap();
    app.state.clock.advance(Duration::minutes(2));
    let report = sweep(&app).await;
    assert_eq!(report.expired, 1, "{report}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM reminders WHERE state = 'expired'")
            .await,
        1
    );
}

#[tokio::test]
async fn cancelled_late_and_opted_out_enrollments_get_no_mail() {
    let now = instant();
    let app = spawn_app_with_smtp_at(now).await;
    let cancelled = learner(&app, "annule@example.com").await;
    let opted_out = learner(&app, "refus@example.com").await;
    let kept = learner(&app, "garde@example.com").await;
    let starts = now + Duration::hours(30);
    let (_, _, enrollments) =
        formation_with(&app, "Filtrée", starts, 1, &[cancelled, opted_out, kept]).await;
    app.db
        .cancel_enrollment(&Actor::System, enrollments[0])
        .await
        .unwrap();
    app.db
        .set_reminder_channel(opted_out, Channel::Email, false)
        .await
        .unwrap();
    // Enrolled 3 hours before a séance: its 24-hour moment was before the
    // enrollment existed.
    let late = learner(&app, "tard@example.com").await;
    formation_with(&app, "Tardive", now + Duration::hours(3), 1, &[late]).await;

    app.state.clock.set(now + Duration::hours(9));
    let report = sweep(&app).await;
    let to: Vec<&str> = report.sent.iter().map(|s| s.to.as_str()).collect();
    assert_eq!(to, ["garde@example.com"], "{report}");
    app.state.clock.set(now + Duration::hours(2));
    assert_eq!(sweep(&app).await.sent.len(), 0);
    app.wait_for_mails("garde@example.com", 1).await;
    assert_eq!(app.mails().len(), 1);
}

#[tokio::test]
async fn a_failing_relay_is_retried_with_backoff_then_given_up_and_an_admin_sends_it_again() {
    let now = instant();
    let app = spawn_app_at_with_relay(now, "smtp://127.0.0.1:9").await;
    let user = learner(&app, "relais@example.com").await;
    let starts = now + Duration::hours(30);
    formation_with(&app, "Relais", starts, 1, &[user]).await;
    app.state.clock.set(now + Duration::hours(8));
    let mut tries = 0;
    for _ in 0..10 {
        let report = sweep(&app).await;
        tries += report.failed;
        // Before the backoff ends, nothing is tried again.
        assert_eq!(sweep(&app).await.failed, 0);
        app.state.clock.advance(Duration::minutes(61));
    }
    assert_eq!(tries, formations::domain::reminder::MAX_ATTEMPTS as u64);
    let error: String = sqlx::query_scalar("SELECT last_error FROM reminders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(!error.is_empty());
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM reminders WHERE state = 'failed'")
            .await,
        1
    );

    // The "Envois" page shows it with its error and "Renvoyer".
    let (admin, _) = app.signed_in_admin("envois@example.com").await;
    let (status, page) = app.page(&admin, "/admin/envois?etat=failed").await;
    assert_eq!(status, 200);
    assert!(page.contains("relais@example.com"), "{page}");
    assert!(page.contains("Renvoyer"), "{page}");
    assert!(page.contains("En échec"), "{page}");
    let id = app.scalar("SELECT id FROM reminders").await;
    let resp = app
        .form_post(&admin, "admin_resend_reminder", &[("id", &id.to_string())])
        .await;
    assert_eq!(resp.status().as_u16(), 302, "{resp:?}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM reminders WHERE state = 'pending' AND attempts = 0")
            .await,
        1
    );
    // Pending again: it cannot be sent "again" twice (409).
    let (status, _) = app
        .server_fn(&admin, "admin_resend_reminder", &[("id", &id.to_string())])
        .await;
    assert_eq!(status, 409);
    learner(&app, "pas-admin@example.com").await;
    let learner_client = crate::helpers::client_for(&app.address);
    app.log_in(&learner_client, "pas-admin@example.com", PASSWORD)
        .await;
    let (status, _) = app.page(&learner_client, "/admin/envois").await;
    assert_eq!(status, 403);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'reminder.resend'")
            .await,
        1
    );
}

#[tokio::test]
async fn one_click_unsubscribe_stops_the_mails_and_opening_the_link_changes_nothing() {
    let now = instant();
    let app = spawn_app_with_smtp_at(now).await;
    let user = learner(&app, "stop@example.com").await;
    let starts = now + Duration::hours(30);
    formation_with(&app, "Stop", starts, 2, &[user]).await;
    app.state
        .clock
        .set(now + Duration::hours(6) + Duration::minutes(30));
    assert_eq!(sweep(&app).await.sent.len(), 1);
    let mail = app.wait_for_mails("stop@example.com", 1).await.remove(0);
    let header = mail.header("List-Unsubscribe").unwrap();
    let url = header.trim_matches(['<', '>']);
    let path = &url[url.find("/rappels/").unwrap()..];

    // Opening the link (a mail scanner would) only asks.
    let (status, page) = app.page(&crate::helpers::http(), path).await;
    assert_eq!(status, 200);
    assert!(page.contains("stop@example.com"), "{page}");
    assert!(page.contains("Me désabonner"), "{page}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM reminder_opt_outs").await,
        0
    );
    // The mailbox's one-click POST: no cookie, no Origin.
    let resp = crate::helpers::http()
        .post(app.url(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM reminder_opt_outs").await,
        1
    );
    // Séance 2's reminder, an hour later, does not go.
    app.state.clock.advance(Duration::hours(1));
    let report = sweep(&app).await;
    assert_eq!(report.sent.len(), 0, "{report}");
    // Unknown links are 404, on the page and the POST alike.
    let (status, _) = app
        .page(&crate::helpers::http(), "/rappels/desabonner/nope")
        .await;
    assert_eq!(status, 404);
    let resp = crate::helpers::http()
        .post(app.url("/rappels/desabonner/nope"))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
}

#[tokio::test]
async fn the_preferences_page_turns_the_email_channel_off_and_on_without_javascript() {
    let now = instant();
    let app = spawn_app_with_smtp_at(now).await;
    let (client, user) = app.signed_in_learner("prefs@example.com").await;
    let (status, page) = app.page(&client, "/compte/rappels").await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"email\""), "{page}");
    assert!(page.contains("checked"), "{page}");
    // An unticked box is absent from the form.
    let resp = app.form_post(&client, "set_reminder_channels", &[]).await;
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(
        app.db.reminder_channels(user).await.unwrap(),
        [
            (Channel::Email, false),
            (Channel::Push, false),
            (Channel::InApp, false)
        ]
    );
    let resp = app
        .form_post(
            &client,
            "set_reminder_channels",
            &[("email", "on"), ("in_app", "on")],
        )
        .await;
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(
        app.db.reminder_channels(user).await.unwrap(),
        [
            (Channel::Email, true),
            (Channel::Push, false),
            (Channel::InApp, true)
        ]
    );
    let anonymous = crate::helpers::client_for(&app.address);
    let (status, _) = app.page(&anonymous, "/compte/rappels").await;
    assert_ne!(status, 200, "signed out: not the page");
}

#[tokio::test]
async fn the_cli_delivers_what_is_due_at_the_instant_it_is_given_and_prints_it() {
    let now = instant();
    let app = spawn_app_with_smtp_at(now).await;
    let user = learner(&app, "cli-rappel@example.com").await;
    formation_with(
        &app,
        "Ligne de commande",
        now + Duration::hours(30),
        1,
        &[user],
    )
    .await;
    let port = app._smtp.as_ref().unwrap().port.to_string();
    let run = |at: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_formations"))
            .args(["reminders", "run-once", "--now", at])
            .env("DATABASE_URL", &app._db_guard.url)
            .env("FORMATIONS_SMTP_URL", format!("smtp://127.0.0.1:{port}"))
            .env("LANG", "fr_FR.UTF-8")
            .output()
            .unwrap()
    };
    let at = formations::server::store::instant_text(now + Duration::hours(7));
    let out = run(&at);
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("email → cli-rappel@example.com : Ligne de commande, séance 1"),
        "{printed}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 envoyés"));
    app.wait_for_mails("cli-rappel@example.com", 1).await;
    let out = run("demain");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("RFC 3339"));
}

/// Three real `formations serve` processes on one database, their
/// periodic runners on: 20 séances × 10 learners due, 200 mails at the
/// SMTP server, no Message-ID twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_servers_on_one_database_send_each_of_two_hundred_reminders_once() {
    use std::process::{Command, Stdio};

    let now = instant();
    let app = spawn_app_with_smtp_at(now).await;
    let mut learners = Vec::new();
    for n in 0..10 {
        learners.push(learner(&app, &format!("trois-{n}@example.com")).await);
    }
    // Séances from 2 hours on: due now, for séances and enrollments made
    // long ago (as if the servers had been down since).
    formation_with(
        &app,
        "Trois serveurs",
        now + Duration::hours(2),
        20,
        &learners,
    )
    .await;
    app.date_everything_long_ago().await;
    let port = app._smtp.as_ref().unwrap().port;
    let servers: Vec<_> = (0..3)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_formations"))
                .arg("serve")
                .env("DATABASE_URL", &app._db_guard.url)
                .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
                .env("FORMATIONS_SMTP_URL", format!("smtp://127.0.0.1:{port}"))
                .env("FORMATIONS_BACKGROUND", "on")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start formations serve")
        })
        .collect();
    // A bound, not a measure: servers that never send fail here.
    let mut mails = Vec::new();
    for _ in 0..600 {
        mails = app.mails();
        let sent = app
            .scalar("SELECT COUNT(*) FROM reminders WHERE state = 'sent'")
            .await;
        if mails.len() >= 200 && sent == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A moment more, so a duplicate would have arrived.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    for mut child in servers {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let mails = if mails.len() < 200 {
        mails
    } else {
        app.mails()
    };
    assert_eq!(mails.len(), 200, "one mail per reminder");
    let mut ids = message_ids(&mails);
    ids.dedup();
    assert_eq!(ids.len(), 200, "no Message-ID twice");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM reminders").await, 200);
}
