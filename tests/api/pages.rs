use chrono::{Duration, Utc};

use crate::helpers::seed::{Active, Cancelled, Upcoming, LINK, MEETING_ID, SECRET};
use crate::helpers::spawn_app;

fn assert_no_meeting_details(what: &str, text: &str) {
    for secret in [LINK, MEETING_ID, SECRET, "zoom.us/j/"] {
        assert!(!text.contains(secret), "{what} leaked {secret}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_server_functions_never_carry_meeting_details_of_enrollments_that_are_not_active()
{
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("nolink-pages@example.com").await;
    let now = Utc::now();
    let mut ids = vec![];
    for (i, (start, end, stored)) in [(5, 30, Upcoming), (-40, -5, Active), (-10, 10, Cancelled)]
        .into_iter()
        .enumerate()
    {
        let f = app.formation(&format!("F{i}")).await;
        app.session(f, 1, now + Duration::hours(1)).await;
        app.session(f, 2, now + Duration::days(6)).await;
        app.session(f, 3, now - Duration::days(20)).await;
        ids.push(app.enroll(user, f, start, end, stored).await);
    }
    let mut pages = vec![
        "/user".to_string(),
        "/user/formations".into(),
        "/user/formations?status=upcoming".into(),
        "/user/formations?status=completed".into(),
        "/user/formations/next".into(),
    ];
    pages.extend(ids.iter().map(|id| format!("/user/formations/{id}")));
    for path in &pages {
        let (status, html) = app.page(&client, path).await;
        assert_eq!(status, 200, "{path}");
        assert_no_meeting_details(path, &html);
    }
    for (name, form) in [
        ("my_formations", vec![]),
        ("dashboard", vec![]),
        ("upcoming_sessions", vec![]),
    ] {
        let (status, body) = app.server_fn(&client, name, &form).await;
        assert_eq!(status, 200, "{name}: {body}");
        assert_no_meeting_details(name, &body);
    }
    for id in &ids {
        let (status, body) = app
            .server_fn(
                &client,
                "enrollment_sessions",
                &[("enrollment_id", &id.to_string())],
            )
            .await;
        assert_eq!(status, 200);
        assert_no_meeting_details("enrollment_sessions", &body);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_active_enrollment_shows_the_join_button_opening_a_new_tab() {
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("active-page@example.com").await;
    let f = app.formation("Active").await;
    app.session(f, 1, Utc::now() + Duration::hours(2)).await;
    app.enroll(user, f, -1, 10, Upcoming).await;
    let (_, html) = app.page(&client, "/user/formations").await;
    assert!(html.contains("Rejoindre la session"));
    assert!(html.contains(&format!(
        r#"href="{LINK}" target="_blank" rel="noopener noreferrer""#
    )));
    assert!(html.contains("En cours"));
    assert!(html.contains("Prochaine session"));
    assert!(
        html.contains("class=\"countdown"),
        "the countdown's first frame is rendered by the server"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_status_filter_is_applied_on_the_server_too_so_links_work_without_javascript() {
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("filter@example.com").await;
    let active = app.formation("Formation Active").await;
    let later = app.formation("Formation Plus Tard").await;
    app.enroll(user, active, -1, 10, Upcoming).await;
    app.enroll(user, later, 10, 20, Upcoming).await;
    let (_, html) = app.page(&client, "/user/formations?status=upcoming").await;
    assert!(html.contains("Formation Plus Tard"));
    assert!(
        !html.contains("<h2 id=\"formation-1\">Formation Active</h2>")
            && !html.contains(">Formation Active<")
    );
    assert!(html.contains(r#"href="/user/formations?status=upcoming" aria-current="page""#));
    let (_, html) = app.page(&client, "/user/formations?status=completed").await;
    assert!(html.contains("Aucune formation dans ce filtre."));
    let (_, html) = app.page(&client, "/user/formations").await;
    assert!(html.contains("Total Inscrit"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_without_enrollments_sees_an_empty_state() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in_learner("empty@example.com").await;
    let (status, html) = app.page(&client, "/user/formations").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Vous n&#x27;êtes inscrit à aucune formation")
            || html.contains("Vous n'êtes inscrit à aucune formation")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_learners_enrollment_page_is_the_not_found_page() {
    let app = spawn_app().await;
    let (_, owner) = app.signed_in_learner("owner@example.com").await;
    let (intruder, _) = app.signed_in_learner("intruder@example.com").await;
    let f = app.formation("Privée").await;
    let enrollment = app.enroll(owner, f, -1, 10, Upcoming).await;
    for path in [
        format!("/user/formations/{enrollment}"),
        "/user/formations/abc".into(),
    ] {
        let (status, html) = app.page(&intruder, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Page introuvable"));
        assert_no_meeting_details(&path, &html);
    }
    let (status, _) = app
        .server_fn(
            &intruder,
            "enrollment_sessions",
            &[("enrollment_id", &enrollment.to_string())],
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marking_attendance_without_javascript_comes_back_to_the_sessions_page_marked() {
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("mark@example.com").await;
    let f = app.formation("Présence").await;
    let live = app.session(f, 1, Utc::now() - Duration::minutes(5)).await;
    let future = app.session(f, 2, Utc::now() + Duration::days(2)).await;
    let enrollment = app.enroll(user, f, -1, 10, Upcoming).await;
    let page = format!("/user/formations/{enrollment}");
    let (_, html) = app.page(&client, &page).await;
    assert!(html.contains("Marquer ma présence"));

    let post = |session: i64| {
        client
            .post(app.url("/fn/mark_attendance"))
            .header("Accept", "text/html")
            .header("Referer", app.url(&page))
            .form(&[
                ("enrollment_id", enrollment.to_string()),
                ("session_id", session.to_string()),
            ])
            .send()
    };
    let resp = post(live).await.unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    assert_eq!(resp.headers()["location"].to_str().unwrap(), page);
    let (_, html) = app.page(&client, &page).await;
    assert!(html.contains("✓ Présent"));
    assert!(html.contains("1 / 10 séances"));

    let resp = post(future).await.unwrap();
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, format!("{page}?error=attend_window"));
    let (_, html) = app.page(&client, &location).await;
    assert!(html.contains("15 minutes avant le début"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_page_costs_the_same_number_of_queries_for_one_or_many_enrollments() {
    let app = spawn_app().await;
    let (few, few_id) = app.signed_in_learner("few-pages@example.com").await;
    let (many, many_id) = app.signed_in_learner("many-pages@example.com").await;
    let now = Utc::now();
    let f = app.formation("Une").await;
    app.session(f, 1, now + Duration::hours(3)).await;
    let few_enrollment = app.enroll(few_id, f, -1, 10, Upcoming).await;
    let mut many_enrollment = 0;
    for i in 0..12 {
        let f = app.formation(&format!("Plusieurs {i}")).await;
        for n in 1..=8 {
            app.session(f, n, now + Duration::days(n - 4)).await;
        }
        many_enrollment = app.enroll(many_id, f, -5 + i, 20, Upcoming).await;
    }
    for (path_few, path_many) in [
        ("/user".to_string(), "/user".to_string()),
        ("/user/formations".into(), "/user/formations".into()),
        (
            "/user/formations/next".into(),
            "/user/formations/next".into(),
        ),
        (
            format!("/user/formations/{few_enrollment}"),
            format!("/user/formations/{many_enrollment}"),
        ),
    ] {
        let before = app.db.query_count();
        assert_eq!(app.page(&few, &path_few).await.0, 200);
        let cost_few = app.db.query_count() - before;
        let before = app.db.query_count();
        assert_eq!(app.page(&many, &path_many).await.0, 200);
        let cost_many = app.db.query_count() - before;
        assert_eq!(cost_few, cost_many, "{path_many}");
        assert!(cost_many <= 4, "{path_many}: {cost_many} queries");
    }
}

/// Every test builds its own app in the same process, and building the router
/// renders the whole app once to list its routes. That listing used to run for
/// every app and, while it ran, froze any page render that started meanwhile
/// in another app (a process-wide switch in Leptos, leptos-rs/leptos#4773): the
/// request never ended. Here one app serves pages while others are built.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_keep_rendering_while_other_apps_are_built_in_the_same_process() {
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("builds@example.com").await;
    let f = app.formation("Pendant les builds").await;
    app.session(f, 1, Utc::now() + Duration::days(1)).await;
    let id = app.enroll(user, f, -1, 10, Upcoming).await;
    let builder = tokio::spawn(async {
        for _ in 0..20 {
            drop(spawn_app().await);
        }
    });
    let mut rendered = 0;
    while !builder.is_finished() || rendered < 30 {
        for path in ["/user".to_string(), format!("/user/formations/{id}")] {
            let (status, html) = app.page(&client, &path).await;
            assert_eq!(status, 200, "{path}");
            assert!(html.contains("Pendant les builds"), "{path}");
        }
        rendered += 1;
    }
    builder.await.unwrap();
}
