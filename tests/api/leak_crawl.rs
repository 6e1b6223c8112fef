//! The leak crawl: a learner with an active, an upcoming, a completed and a
//! cancelled enrollment (each formation with its own link, id and password,
//! some sessions with a link of their own) fetches every route the router
//! has — each page, each server function, each REST endpoint, each CSV — and
//! every byte of every answer (headers included) is searched for the meeting
//! details of the enrollments that are not active. Anonymously, the same
//! crawl reaches only the public pages.
//!
//! New surfaces (calendars, mails, notifications…) add themselves to
//! `extra_surfaces` as they appear; the reminders of every channel (the
//! mails, the decrypted pushes, the notices and their live stream) are
//! searched too.

use chrono::{DateTime, Duration, Utc};
use formations::domain::admin::FormationFields;
use formations::domain::formation::{FormationInfo, Level, Platform};
use formations::domain::status::EnrollmentStatus;
use formations::server::store::audit::Actor;
use formations::server::store::formations::SeanceFields;

use crate::helpers::seed::days;
use crate::helpers::{client_for, http, spawn_app, PushSink, TestApp};

/// The meeting details of one formation and of its sessions' own links.
struct Secrets {
    formation_id: i64,
    session_ids: Vec<i64>,
    enrollment_id: i64,
    values: Vec<String>,
}

async fn formation_with_secrets(
    app: &TestApp,
    tag: &str,
    user_id: i64,
    (start, end, status): (i64, i64, EnrollmentStatus),
    now: DateTime<Utc>,
) -> Secrets {
    let link = format!("https://zoom.us/j/77{tag}0001");
    let meeting_id = format!("77-{tag}-id");
    let password = format!("pw-{tag}-secret");
    let formation_id = app
        .db
        .create_formation(
            &Actor::System,
            &FormationFields {
                info: FormationInfo {
                    name: format!("Formation {tag}"),
                    description: "Une formation".into(),
                    level: Level::Beginner,
                    platform: Platform::Zoom,
                    instructor_name: "Jane Smith".into(),
                    schedule_description: "Mar-Jeu, 19h-21h".into(),
                },
                meeting_link: link.clone(),
                meeting_id: Some(meeting_id.clone()),
                meeting_password: Some(password.clone()),
                timezone: chrono_tz::Europe::Paris,
                certificate_min_attendance: 0,
                zoom_min_presence: 50,
                zoom_auto_meetings: false,
                offer: Default::default(),
            },
        )
        .await
        .unwrap();
    let mut values = vec![link, meeting_id, password];
    let mut session_ids = vec![];
    // Sessions inside the enrollment period: one now (live), one later, one
    // earlier; the live one and the later one have links of their own.
    let mid = days((start + end) / 2);
    let base = mid.and_hms_opt(10, 0, 0).unwrap().and_utc();
    for (n, at, own_link) in [
        (1, base - Duration::days(1), None),
        (
            2,
            now - Duration::minutes(5),
            Some(format!("https://zoom.us/j/88{tag}0002")),
        ),
        (
            3,
            base + Duration::days(1),
            Some(format!("https://zoom.us/j/88{tag}0003")),
        ),
    ] {
        let has_own = own_link.is_some();
        if let Some(l) = &own_link {
            values.push(l.clone());
        }
        let session_id = app
            .session_with(
                formation_id,
                n,
                SeanceFields {
                    title: format!("Séance {tag} {n}"),
                    scheduled_at: at,
                    duration_minutes: 120,
                    meeting_link: own_link,
                    recording_link: None,
                },
            )
            .await;
        if has_own {
            // A meeting number and passcode of its own, as Zoom's
            // automatic meetings give a séance.
            let (id, pw) = (format!("99{tag}0{n}4217"), format!("zpw-{tag}-{n}"));
            sqlx::query(
                "UPDATE formation_sessions SET meeting_id = $1, meeting_password = $2 WHERE id = $3",
            )
            .bind(&id)
            .bind(&pw)
            .bind(session_id)
            .execute(&app.db.pool)
            .await
            .unwrap();
            values.extend([id, pw]);
        }
        session_ids.push(session_id);
    }
    let enrollment_id = app
        .enroll_dated(user_id, formation_id, (days(start), days(end)), status, 3)
        .await;
    Secrets {
        formation_id,
        session_ids,
        enrollment_id,
        values,
    }
}

/// Surfaces that are not pages, server functions or documented REST paths.
fn extra_surfaces(formation_ids: &[i64]) -> Vec<String> {
    formation_ids
        .iter()
        .flat_map(|id| {
            [
                format!("/admin/formations/{id}/inscriptions.csv"),
                format!("/admin/formations/{id}/presences.csv"),
                format!("/admin/formations/{id}/certificats.csv"),
            ]
        })
        .collect()
}

/// Ends the session it is called with: crawled last.
fn ends_the_session(name: &str) -> bool {
    name.contains("logout")
}

#[derive(Default)]
struct Crawl {
    /// (what, status, every byte of headers and body)
    answers: Vec<(String, u16, String)>,
}

impl Crawl {
    async fn record(&mut self, what: String, resp: reqwest::Response) {
        let status = resp.status().as_u16();
        let mut text = format!("{what} {status}\n");
        for (name, value) in resp.headers() {
            text.push_str(&format!(
                "{name}: {}\n",
                String::from_utf8_lossy(value.as_bytes())
            ));
        }
        let live = resp
            .headers()
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
        if live {
            // A live stream never ends: what it sends within a second.
            let mut resp = resp;
            let _ = tokio::time::timeout(std::time::Duration::from_secs(1), async {
                while let Ok(Some(chunk)) = resp.chunk().await {
                    text.push_str(&String::from_utf8_lossy(&chunk));
                }
            })
            .await;
        } else {
            let body = resp.bytes().await.unwrap_or_default();
            text.push_str(&String::from_utf8_lossy(&body));
        }
        self.answers.push((what, status, text));
    }

    fn hits(&self, secret: &str) -> Vec<&str> {
        self.answers
            .iter()
            .filter(|(_, _, text)| text.contains(secret))
            .map(|(what, _, _)| what.as_str())
            .collect()
    }
}

/// Fetches every surface with `client` (cookie) and `token` (bearer, for
/// REST), with every id of the fixture put in every id slot.
async fn crawl(
    app: &TestApp,
    client: &reqwest::Client,
    token: Option<&str>,
    ids: &[i64],
    formation_ids: &[i64],
) -> Crawl {
    let mut out = Crawl::default();
    let with_ids = |template: &str| -> Vec<String> {
        let slots = [
            ":id",
            "{id}",
            "{enrollment_id}",
            "{session_id}",
            "{formation_id}",
        ];
        if !slots.iter().any(|s| template.contains(s)) {
            return vec![template.to_string()];
        }
        ids.iter()
            .map(|id| {
                slots
                    .iter()
                    .fold(template.to_string(), |t, s| t.replace(s, &id.to_string()))
            })
            .collect()
    };

    // Pages, from the router's own list.
    let mut pages: Vec<String> = formations::server::http::page_paths()
        .iter()
        .flat_map(|p| with_ids(p))
        .collect();
    for status in ["active", "upcoming", "completed", "cancelled"] {
        pages.push(format!("/user/formations?status={status}"));
    }
    pages.extend(extra_surfaces(formation_ids));
    for path in pages {
        let resp = client.get(app.url(&path)).send().await.unwrap();
        out.record(format!("GET {path}"), resp).await;
    }

    // Server functions, each with every id in every argument that takes one,
    // as the app calls them (JSON answer) and as a plain form (redirect).
    let functions = crate::helpers::declared_endpoints("");
    let (last, first): (Vec<_>, Vec<_>) = functions.iter().partition(|f| ends_the_session(f));
    for name in first.into_iter().chain(last) {
        for id in ids {
            let id = id.to_string();
            let form = [
                ("id", id.as_str()),
                ("enrollment_id", &id),
                ("session_id", &id),
                ("formation_id", &id),
                ("request_id", &id),
                ("user_id", &id),
            ];
            for accept in ["application/json", "text/html"] {
                let resp = client
                    .post(app.url(&format!("/fn/{name}")))
                    .header("Accept", accept)
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                out.record(format!("POST /fn/{name} ({accept}) id={id}"), resp)
                    .await;
            }
        }
    }

    // REST, from the OpenAPI document.
    let doc: serde_json::Value = http()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = doc["paths"].as_object().expect("documented paths").clone();
    let mut rest: Vec<(String, String)> = vec![];
    for (template, item) in &paths {
        for method in item.as_object().unwrap().keys() {
            for path in with_ids(template) {
                rest.push((method.clone(), path));
            }
        }
    }
    rest.sort_by_key(|(_, path)| ends_the_session(path));
    for (method, path) in rest {
        let url = app.url(&path);
        let req = match method.as_str() {
            "get" => http().get(url),
            "post" => http().post(url).json(&serde_json::json!({})),
            "delete" => http().delete(url).json(&serde_json::json!({})),
            other => panic!("undocumented method {other}"),
        };
        let req = match token {
            Some(token) => req.bearer_auth(token),
            None => req,
        };
        let resp = req.send().await.unwrap();
        out.record(format!("{} {path}", method.to_uppercase()), resp)
            .await;
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_route_ever_carries_the_meeting_details_of_an_enrollment_that_is_not_active() {
    let app = spawn_app().await;
    let learner = app.learner("crawler@example.com").await;
    let client = client_for(&app.address);
    let resp = client
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[
            ("email", "crawler@example.com"),
            ("password", crate::helpers::PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);

    let now = Utc::now();
    let active = formation_with_secrets(
        &app,
        "1",
        learner.id,
        (-3, 20, EnrollmentStatus::Active),
        now,
    )
    .await;
    let hidden = [
        formation_with_secrets(
            &app,
            "2",
            learner.id,
            (5, 30, EnrollmentStatus::Upcoming),
            now,
        )
        .await,
        formation_with_secrets(
            &app,
            "3",
            learner.id,
            (-40, -5, EnrollmentStatus::Active),
            now,
        )
        .await,
        formation_with_secrets(
            &app,
            "4",
            learner.id,
            (-3, 20, EnrollmentStatus::Cancelled),
            now,
        )
        .await,
    ];
    let mut ids: Vec<i64> = vec![];
    let mut formation_ids = vec![];
    for s in std::iter::once(&active).chain(hidden.iter()) {
        ids.push(s.enrollment_id);
        ids.push(s.formation_id);
        ids.extend(&s.session_ids);
        formation_ids.push(s.formation_id);
    }
    ids.sort();
    ids.dedup();

    // Calendars: the learner's feed (no login), each séance's invitation
    // and its Google link carry no meeting detail, not even the active
    // enrollment's (a calendar outlives the active period).
    let (status, body) = app
        .get_json("/api/auth/user/calendar/", &learner.token)
        .await;
    assert_eq!(status, 200);
    let feed_url = body["url"].as_str().unwrap().to_string();
    let feed = http().get(&feed_url).send().await.unwrap();
    assert_eq!(feed.status().as_u16(), 200);
    let mut calendars = vec![(feed_url, feed.text().await.unwrap())];
    let mut served = 0;
    for s in std::iter::once(&active).chain(hidden.iter()) {
        for session in &s.session_ids {
            for path in [
                formations::domain::calendar::invitation_path(s.enrollment_id, *session),
                formations::domain::calendar::google_path(s.enrollment_id, *session),
            ] {
                let resp = client.get(app.url(&path)).send().await.unwrap();
                assert!(resp.status().as_u16() < 500, "{path}");
                served += usize::from(resp.status().is_success() || resp.status().is_redirection());
                let location = resp
                    .headers()
                    .get("location")
                    .map(|v| v.to_str().unwrap().to_string())
                    .unwrap_or_default();
                calendars.push((path, format!("{location}\n{}", resp.text().await.unwrap())));
            }
        }
    }
    // The active and upcoming enrollments' séances to come are served.
    assert!(served >= 2, "{served} invitations served");
    for (what, text) in &calendars {
        for secrets in std::iter::once(&active).chain(hidden.iter()) {
            for secret in &secrets.values {
                assert!(!text.contains(secret.as_str()), "{secret} in {what}");
            }
        }
    }

    let found = crawl(&app, &client, Some(&learner.token), &ids, &formation_ids).await;
    assert!(found.answers.len() > 100, "{} answers", found.answers.len());
    for secrets in &hidden {
        for secret in &secrets.values {
            let hits = found.hits(secret);
            assert!(hits.is_empty(), "{secret} leaked in {hits:?}");
        }
    }
    // The crawl can see a link when one may be shown: the active
    // enrollment's own link is on its pages.
    assert!(
        !found.hits(&active.values[0]).is_empty(),
        "the crawl never reached the active enrollment's link"
    );
    assert!(found
        .answers
        .iter()
        .all(|(what, status, _)| { *status < 500 || panic!("{what} answered {status}") }));

    // Reminders: each séance's 24-hour e-mail, swept at the moment it is
    // due (séances and enrollments dated long before, so each is owed).
    app.date_everything_long_ago().await;
    let starts: Vec<String> = sqlx::query_scalar("SELECT scheduled_date FROM formation_sessions")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    // The crawl posted every server function, the preferences form too.
    use formations::domain::reminder::Channel;
    for channel in Channel::ALL {
        app.db
            .set_reminder_channel(learner.id, *channel, true)
            .await
            .unwrap();
    }
    // The crawl logged the token out: a new one.
    let token: String = app
        .api_login("crawler@example.com", crate::helpers::PASSWORD)
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap()["token"]
        .as_str()
        .unwrap()
        .into();
    // A browser subscribed to pushes, on a push service that decrypts them.
    let sink = PushSink::start().await;
    let subscription = sink.subscription().await;
    let resp = http()
        .post(app.url("/api/auth/user/push-subscriptions/"))
        .bearer_auth(&token)
        .json(&subscription)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let mut reminded = std::collections::HashMap::<Channel, usize>::new();
    for start in starts {
        let start = formations::server::store::parse_instant(&start).unwrap();
        // The hour before (the e-mail and the push), then ten minutes
        // before (the in-app notice).
        for at in [start - Duration::hours(1), start - Duration::minutes(10)] {
            let report = formations::server::reminders::sweep_at(&app.state, at)
                .await
                .unwrap();
            for sent in report.sent {
                *reminded.entry(sent.channel).or_default() += 1;
            }
        }
    }
    // The active enrollment's three séances and the upcoming one's two in
    // its period; none for the finished or the cancelled enrollment.
    for channel in Channel::ALL {
        assert_eq!(reminded.get(channel), Some(&5), "{channel:?}: {reminded:?}");
    }
    // The pushes (decrypted by the push service), the notices (REST, and
    // the live stream replaying them from the start) carry no meeting
    // detail, not even the active enrollment's.
    let mut delivered: Vec<(String, String)> = sink
        .received()
        .await
        .into_iter()
        .map(|p| ("a push".to_string(), p["plaintext"].to_string()))
        .collect();
    assert_eq!(delivered.len(), 5);
    let (_, notices) = app.get_json("/api/auth/user/notifications/", &token).await;
    assert_eq!(notices["notifications"].as_array().unwrap().len(), 5);
    delivered.push(("the notices".into(), notices.to_string()));
    let mut stream = http()
        .get(app.url("/api/auth/user/notifications/stream"))
        .bearer_auth(&token)
        .header("Last-Event-ID", "0")
        .send()
        .await
        .unwrap();
    let mut events = String::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        while events.matches("event: notice").count() < 5 {
            match stream.chunk().await {
                Ok(Some(chunk)) => events.push_str(&String::from_utf8_lossy(&chunk)),
                _ => break,
            }
        }
    })
    .await;
    assert_eq!(events.matches("event: notice").count(), 5, "{events}");
    delivered.push(("the live stream".into(), events));
    for (what, text) in &delivered {
        for secrets in std::iter::once(&active).chain(hidden.iter()) {
            for secret in &secrets.values {
                assert!(!text.contains(secret.as_str()), "{secret} in {what}");
            }
        }
    }

    // Mails: whatever the crawl and the account flows sent (a reset link, a
    // "you already have an account" mail, the reminders) carry no meeting
    // detail either.
    http()
        .post(app.url("/api/auth/password/reset/"))
        .json(&serde_json::json!({ "email": "crawler@example.com" }))
        .send()
        .await
        .unwrap();
    let mails = app.wait_for_mails("crawler@example.com", 1).await;
    for mail in app.mails() {
        for secrets in std::iter::once(&active).chain(hidden.iter()) {
            for secret in &secrets.values {
                assert!(!mail.raw.contains(secret.as_str()), "{secret} in a mail");
            }
        }
    }
    assert!(!mails.is_empty());

    // Anonymously: only the public pages answer 200 with a page; nothing
    // else shows any meeting detail at all.
    let anonymous = client_for(&app.address);
    let found = crawl(&app, &anonymous, None, &ids, &formation_ids).await;
    for secrets in std::iter::once(&active).chain(hidden.iter()) {
        for secret in &secrets.values {
            let hits = found.hits(secret);
            assert!(
                hits.is_empty(),
                "{secret} reached an anonymous caller in {hits:?}"
            );
        }
    }
    let public = [
        "GET /login",
        "GET /signup",
        "GET /logout",
        "GET /mot-de-passe-oublie",
        "GET /renvoyer-confirmation",
    ];
    for (what, status, text) in &found.answers {
        if what.starts_with("GET /") && !what.starts_with("GET /api/") && *status == 200 {
            let base = what.split('?').next().unwrap();
            // The pages of a mailed link: public, the token is the key.
            let link_page =
                base.starts_with("GET /reinitialiser/") || base.starts_with("GET /confirmer/");
            // The public catalogue and its formations' pages (searched for
            // meeting details like every other answer above).
            let catalogue = base == "GET /formations"
                || base
                    .strip_prefix("GET /formations/")
                    .is_some_and(|id| id.bytes().all(|b| b.is_ascii_digit()));
            assert!(
                public.contains(&base) || link_page || catalogue,
                "{what} answered 200 anonymously: {}",
                &text[..text.len().min(300)]
            );
        }
        if what.starts_with("GET /api/auth/user") {
            assert_eq!(*status, 401, "{what}");
        }
    }
}
