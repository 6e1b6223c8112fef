//! The audit log as people read it: entries name what they touched in
//! words, show the changed fields before → after, never a secret, record
//! nothing for a change that changes nothing, and the page filters by
//! formation, author, action and days, paged, with a GET form.

use chrono::{Duration, Utc};
use formations::domain::admin::FormationFields;
use formations::domain::formation::{FormationInfo, Level, Platform};
use formations::server::store::audit::Actor;
use formations::server::store::enrollments::NewEnrollment;
use formations::server::store::formations::SeanceFields;

use crate::helpers::seed::{days, LINK, MEETING_ID, SECRET};
use crate::helpers::{spawn_app, spawn_app_with, TestApp};

fn fields(name: &str, link: &str, password: &str) -> FormationFields {
    FormationFields {
        info: FormationInfo {
            name: name.into(),
            description: "Une formation".into(),
            level: Level::Beginner,
            platform: Platform::Zoom,
            instructor_name: "Jane Smith".into(),
            schedule_description: "Mar-Jeu, 19h-21h".into(),
        },
        meeting_link: link.into(),
        meeting_id: Some(MEETING_ID.into()),
        meeting_password: Some(password.into()),
        timezone: chrono_tz::Europe::Paris,
        certificate_min_attendance: 0,
        zoom_min_presence: 50,
        zoom_auto_meetings: false,
        offer: Default::default(),
    }
}

async fn admin(app: &TestApp, email: &str) -> (reqwest::Client, Actor) {
    let (client, id) = app.signed_in_admin(email).await;
    (
        client,
        Actor::Admin {
            id,
            email: email.into(),
        },
    )
}

/// The log as the page's server function gives it, with these filters.
async fn listed(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> serde_json::Value {
    let (status, body) = app.server_fn(client, "admin_list_audit", form).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn actions(page: &serde_json::Value) -> Vec<String> {
    page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// An entry's action, formation (id, name), séance (number, title) and
/// learner (name, e-mail) as stored.
type NamedRow = (
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_entry_names_the_formation_the_seance_and_the_learner_in_words() {
    let app = spawn_app().await;
    let (client, actor) = admin(&app, "chef@example.com").await;
    let formation = app
        .db
        .create_formation(&actor, &fields("Rust pour tous", LINK, SECRET))
        .await
        .unwrap();
    let seance = app
        .db
        .create_session(
            &actor,
            formation,
            &SeanceFields {
                title: "Introduction".into(),
                scheduled_at: Utc::now() + Duration::days(3),
                duration_minutes: 90,
                meeting_link: None,
                recording_link: None,
            },
            None,
        )
        .await
        .unwrap();
    let learner = formations::server::cli::create_user(
        &app.db,
        "camille@example.com",
        "Camille Martin",
        crate::helpers::PASSWORD,
        false,
    )
    .await
    .unwrap();
    let enrollment = app
        .db
        .enroll(
            &actor,
            &NewEnrollment {
                user_id: learner,
                formation_id: formation,
                start_date: days(-1),
                end_date: days(30),
                total_sessions: Some(4),
            },
        )
        .await
        .unwrap();
    app.db
        .cancel_enrollment(&Actor::Cli, enrollment)
        .await
        .unwrap();

    let rows: Vec<NamedRow> =
        sqlx::query_as(
            "SELECT action, formation_id, formation_name, seance_number, seance_title, learner_name, learner_email
             FROM audit_log ORDER BY id",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    let name = Some("Rust pour tous".to_string());
    let camille = (
        Some("Camille Martin".to_string()),
        Some("camille@example.com".to_string()),
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[0].0, "formation.create");
    assert_eq!((rows[0].1, &rows[0].2), (Some(formation), &name));
    assert_eq!(rows[1].0, "session.create");
    assert_eq!((rows[1].1, &rows[1].2), (Some(formation), &name));
    assert_eq!(
        (rows[1].3, rows[1].4.as_deref()),
        (Some(1), Some("Introduction"))
    );
    for row in &rows[2..] {
        assert_eq!((row.1, &row.2), (Some(formation), &name), "{row:?}");
        assert_eq!((row.5.clone(), row.6.clone()), camille, "{row:?}");
    }
    assert_eq!(rows[3].0, "enrollment.cancel");
    let _ = seance;

    let (status, html) = app.page(&client, "/admin/audit").await;
    assert_eq!(status, 200);
    assert!(html.contains("Formation : Rust pour tous"), "{html}");
    assert!(html.contains("Séance 1 : Introduction"));
    assert!(html.contains("Apprenant : Camille Martin (camille@example.com)"));
    assert!(
        html.contains("Annulation d&#x27;inscription") || html.contains("Annulation d'inscription")
    );
    assert!(
        html.contains("ligne de commande"),
        "the CLI is named as the author"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_lists_only_the_changed_fields_before_and_after_and_never_a_secret() {
    let app = spawn_app().await;
    let (client, actor) = admin(&app, "chef@example.com").await;
    let old_link = "https://zoom.us/j/111222333";
    let new_link = "https://zoom.us/j/999888777";
    let id = app
        .db
        .create_formation(&actor, &fields("Rust", old_link, "ancien-secret"))
        .await
        .unwrap();
    let mut changed = fields("Rust avancé", new_link, "nouveau-secret");
    changed.meeting_id = Some(MEETING_ID.into());
    app.db
        .update_formation(&actor, id, 1, &changed)
        .await
        .unwrap();
    // An entry written before the changed fields were kept, with a link in
    // its stored state, as older code wrote them.
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, before_json, after_json, at)
         VALUES (NULL, 'ancien@example.com', 'session.update', 'session', 7, $1, $2, '2026-01-01T10:00:00Z')",
    )
    .bind(r#"{"title":"A","meeting_link":"https://zoom.us/j/444555666"}"#)
    .bind(r#"{"title":"B","meeting_link":"https://zoom.us/j/777000777"}"#)
    .execute(&app.db.pool)
    .await
    .unwrap();

    let page = listed(&app, &client, &[]).await;
    let update = &page["entries"][1];
    assert_eq!(update["action"], "formation.update");
    let changes: Vec<(String, serde_json::Value, serde_json::Value, bool)> = update["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["field"].as_str().unwrap().to_string(),
                c["before"].clone(),
                c["after"].clone(),
                c["hidden"].as_bool().unwrap(),
            )
        })
        .collect();
    let null = serde_json::Value::Null;
    assert_eq!(
        changes,
        vec![
            ("meeting_link".into(), null.clone(), null.clone(), true),
            ("meeting_password".into(), null.clone(), null.clone(), true),
            ("name".into(), "Rust".into(), "Rust avancé".into(), false),
            ("version".into(), "1".into(), "2".into(), false),
        ],
        "only what changed; secrets named, never valued"
    );
    let old = &page["entries"][0];
    assert_eq!(old["changes"][0]["field"], "meeting_link");
    assert_eq!(old["changes"][0]["hidden"], true);
    assert_eq!(old["changes"][1]["before"], "A");

    let (status, html) = app.page(&client, "/admin/audit").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<strong>Nom</strong> : <del>Rust</del> → <ins>Rust avancé</ins>"),
        "{html}"
    );
    assert!(html.contains("<strong>Lien de réunion</strong> : modifié (valeur masquée)"));
    assert!(html.contains("<strong>Titre</strong> : <del>A</del> → <ins>B</ins>"));
    let json = serde_json::to_string(&page).unwrap();
    for secret in [
        old_link,
        new_link,
        MEETING_ID,
        "ancien-secret",
        "nouveau-secret",
        "https://zoom.us/j/444555666",
        "https://zoom.us/j/777000777",
    ] {
        assert!(!html.contains(secret), "{secret} on the page");
        assert!(!json.contains(secret), "{secret} sent to the browser");
    }
    // The stored states keep the rule they always had: no password.
    let stored: String =
        sqlx::query_scalar("SELECT after_json FROM audit_log WHERE action = 'formation.update'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(!stored.contains("nouveau-secret"), "{stored}");
    assert!(stored.contains(r#""meeting_password":"***""#), "{stored}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_change_that_changes_nothing_is_not_logged_however_many_clicks() {
    let app = spawn_app().await;
    let (client, actor) = admin(&app, "chef@example.com").await;
    let id = app
        .db
        .create_formation(&actor, &fields("Rust", LINK, SECRET))
        .await
        .unwrap();
    let click = |id: i64, archived: &'static str| {
        let (client, url) = (client.clone(), app.url("/fn/admin_archive_formation"));
        let id = id.to_string();
        tokio::spawn(async move {
            client
                .post(url)
                .header("Accept", "application/json")
                .form(&[
                    ("id", id.as_str()),
                    ("archived", archived),
                    ("confirm", "on"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    };
    // Sixty "restore" clicks on a formation that is not archived.
    let restores: Vec<_> = (0..60).map(|_| click(id, "0")).collect();
    for r in restores {
        assert_eq!(r.await.unwrap(), 200);
    }
    let entries =
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('formation.archive', 'formation.restore')";
    assert_eq!(count(&app, entries).await, 0);
    assert_eq!(count(&app, "SELECT version FROM formations").await, 1);
    // Sixty "archive" clicks at once: one change, one entry.
    let archives: Vec<_> = (0..60).map(|_| click(id, "1")).collect();
    for r in archives {
        assert_eq!(r.await.unwrap(), 200);
    }
    assert_eq!(count(&app, entries).await, 1);
    assert_eq!(count(&app, "SELECT version FROM formations").await, 2);

    // A formation saved as it is, a recording link set to what it is.
    app.db
        .update_formation(&actor, id, 2, &fields("Rust", LINK, SECRET))
        .await
        .unwrap();
    assert_eq!(count(&app, "SELECT version FROM formations").await, 2);
    let at = Utc::now() + Duration::days(2);
    let seance = app.session(id, 1, at).await;
    let link = format!("https://zoom.us/rec/share/{id}-1");
    for _ in 0..3 {
        app.db
            .set_recording(&actor, seance, Some(&link))
            .await
            .unwrap();
    }
    app.db
        .set_recording(&actor, seance, Some("https://zoom.us/rec/share/autre"))
        .await
        .unwrap();
    let page = listed(&app, &client, &[]).await;
    assert_eq!(
        actions(&page),
        ["session.recording", "formation.archive", "formation.create"],
        "the system's séance writes no entry; the same link set again neither"
    );

    // Archive and restore clicks mixed, at once, on one formation: each
    // entry is a real change from the state the one before it left.
    let other = app.formation("Autre").await;
    let mixed: Vec<_> = (0..60)
        .map(|n| click(other, if n % 2 == 0 { "1" } else { "0" }))
        .collect();
    for r in mixed {
        assert_eq!(r.await.unwrap(), 200);
    }
    let chain: Vec<(String, String)> = sqlx::query_as(
        "SELECT before_json, after_json FROM audit_log WHERE entity = 'formation' AND entity_id = $1 ORDER BY id",
    )
    .bind(other)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(!chain.is_empty());
    for (n, (before, after)) in chain.iter().enumerate() {
        let (b, a): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(before).unwrap(),
            serde_json::from_str(after).unwrap(),
        );
        assert_ne!(b["archived"], a["archived"], "change {n}");
        assert_eq!(
            b["archived"],
            (n % 2 == 1),
            "change {n} starts from the last"
        );
        assert_eq!(
            (b["version"].as_i64(), a["version"].as_i64()),
            (Some(n as i64 + 1), Some(n as i64 + 2))
        );
    }
    let version: i64 = sqlx::query_scalar("SELECT version FROM formations WHERE id = $1")
        .bind(other)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(version, chain.len() as i64 + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_filters_by_formation_author_action_and_day_with_a_plain_get_form() {
    let app = spawn_app().await;
    let (client, chef) = admin(&app, "chef@example.com").await;
    let (_, autre) = admin(&app, "autre@example.com").await;
    let a = app
        .db
        .create_formation(&chef, &fields("Alpha", LINK, SECRET))
        .await
        .unwrap();
    let b = app
        .db
        .create_formation(&autre, &fields("Bêta", LINK, SECRET))
        .await
        .unwrap();
    app.db.set_archived(&autre, a, true).await.unwrap();
    app.db.set_archived(&Actor::Cli, b, true).await.unwrap();
    // Two entries on known days, written as older code did.
    for (action, at) in [
        ("user.rename", "2025-03-01T22:59:59Z"),
        ("user.rename", "2025-03-01T23:00:00Z"),
    ] {
        sqlx::query(
            "INSERT INTO audit_log (actor_email, action, entity, entity_id, at)
             VALUES ('chef@example.com', $1, 'user', 1, $2)",
        )
        .bind(action)
        .bind(at)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let (a_id, b_id) = (a.to_string(), b.to_string());

    let by_formation = listed(&app, &client, &[("formation", &a_id)]).await;
    assert_eq!(
        actions(&by_formation),
        ["formation.archive", "formation.create"]
    );
    assert!(by_formation["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["formation_id"] == a));
    let by_actor = listed(&app, &client, &[("actor", "autre@example.com")]).await;
    assert_eq!(
        actions(&by_actor),
        ["formation.archive", "formation.create"]
    );
    assert_eq!(by_actor["entries"][1]["formation_id"], b);
    let by_cli = listed(&app, &client, &[("actor", "ligne de commande")]).await;
    assert_eq!(actions(&by_cli), ["formation.archive"]);
    assert_eq!(by_cli["entries"][0]["formation_id"], b);
    let by_action = listed(&app, &client, &[("action", "formation.create")]).await;
    assert_eq!(actions(&by_action).len(), 2);
    let both = listed(
        &app,
        &client,
        &[("action", "formation.archive"), ("formation", &b_id)],
    )
    .await;
    assert_eq!(both["entries"].as_array().unwrap().len(), 1);
    assert_eq!(both["entries"][0]["actor_email"], "ligne de commande");
    // Days are inclusive, days of the platform's zone (Paris, UTC+1 in
    // March): 23:00 UTC on 1 March is already the 2nd there.
    let first_day = listed(
        &app,
        &client,
        &[("from", "2025-03-01"), ("to", "2025-03-01")],
    )
    .await;
    assert_eq!(first_day["entries"].as_array().unwrap().len(), 1);
    assert_eq!(first_day["entries"][0]["at"], "2025-03-01T22:59:59Z");
    let from_second = listed(
        &app,
        &client,
        &[("from", "2025-03-02"), ("to", "2025-03-03")],
    )
    .await;
    assert_eq!(from_second["entries"].as_array().unwrap().len(), 1);
    assert_eq!(from_second["entries"][0]["at"], "2025-03-01T23:00:00Z");
    let until = listed(&app, &client, &[("to", "2025-12-31")]).await;
    assert_eq!(actions(&until), ["user.rename", "user.rename"]);
    // The choices of the filters.
    let all = listed(&app, &client, &[]).await;
    assert_eq!(
        all["actors"],
        serde_json::json!(["autre@example.com", "chef@example.com", "ligne de commande"])
    );
    assert_eq!(
        all["formations"],
        serde_json::json!([[a, "Alpha"], [b, "Bêta"]])
    );
    // A filter that does not parse is no filter, as on the other lists.
    let unreadable = listed(&app, &client, &[("formation", "abc"), ("from", "hier")]).await;
    assert_eq!(unreadable["entries"].as_array().unwrap().len(), 6);

    // Without JavaScript: the query string of the GET form.
    let (status, html) = app
        .page(
            &client,
            &format!("/admin/audit?formation={b_id}&actor=ligne+de+commande&action=&from=&to="),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"<form method="get" action="/admin/audit""#),
        "{html}"
    );
    assert!(html.contains("Archivage de formation"));
    assert!(
        !html.contains("Création de formation</td>") && !html.contains("formation.create</code>")
    );
    assert!(
        html.contains(&format!(r#"<option selected value="{b_id}">Bêta</option>"#))
            || html.contains(&format!(r#"<option value="{b_id}" selected>Bêta</option>"#))
            || html.contains(&format!(
                r#"<option selected="" value="{b_id}">Bêta</option>"#
            )),
        "the chosen formation stays selected: {html}"
    );
    let (_, none) = app
        .page(&client, "/admin/audit?action=request.reject")
        .await;
    assert!(none.contains("Aucune modification ne correspond."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filtered_log_pages_through_every_matching_entry_once_at_a_constant_cost() {
    // Counted statements: no session cache (every request looks up).
    let app = spawn_app_with(|c| c.session_cache_seconds = 0, None).await;
    let (client, _) = admin(&app, "archiviste@example.com").await;
    let cost = |path: String| {
        let (app, client) = (&app, &client);
        async move {
            let before = app.db.query_count();
            let (status, html) = app.page(client, &path).await;
            assert_eq!(status, 200, "{path}");
            (app.db.query_count() - before, html)
        }
    };
    let insert = |n: i64| {
        let pool = app.db.pool.clone();
        async move {
            // Formations 1 and 2 in turn; entity ids count up.
            sqlx::query(
                "INSERT INTO audit_log (actor_email, action, entity, entity_id, formation_id, formation_name, at)
                 VALUES ('archiviste@example.com', 'formation.update', 'formation', $1, $2, 'Nom', '2026-01-01T10:00:00Z')",
            )
            .bind(n)
            .bind(1 + n % 2)
            .execute(&pool)
            .await
            .unwrap();
        }
    };
    for n in 1..=4 {
        insert(n).await;
    }
    let (small, _) = cost("/admin/audit?formation=2".into()).await;
    for n in 5..=300 {
        insert(n).await;
    }
    let (large, _) = cost("/admin/audit?formation=2".into()).await;
    assert_eq!(
        small, large,
        "the same number of queries for 2 or 150 entries"
    );

    let mut seen = vec![];
    let mut path = "/admin/audit?formation=1".to_string();
    let mut pages = 0;
    loop {
        let (_, html) = cost(path.clone()).await;
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
        if pages > 1 {
            assert!(html.contains(r#"href="/admin/audit?formation=1">← Les plus récentes"#));
        }
        match html.split("href=\"/admin/audit?avant=").nth(1) {
            Some(rest) => {
                let link = rest[..rest.find('"').unwrap()].replace("&amp;", "&");
                assert!(
                    link.ends_with("&formation=1"),
                    "paging keeps the filter: {link}"
                );
                path = format!("/admin/audit?avant={link}");
            }
            None => break,
        }
    }
    assert_eq!(pages, 2);
    let even: Vec<i64> = (1..=300).rev().filter(|n| n % 2 == 0).collect();
    assert_eq!(
        seen, even,
        "formation 1 holds the even entity ids, newest first"
    );
}
