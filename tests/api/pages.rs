use chrono::{Duration, Utc};

use crate::helpers::seed::{Active, Cancelled, Upcoming, LINK, MEETING_ID, SECRET};
use crate::helpers::{spawn_app, spawn_app_with};

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
    assert!(html.contains("1 / 1 séance passée · 10 au programme"));

    let resp = post(future).await.unwrap();
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, format!("{page}?error=attend_window"));
    let (_, html) = app.page(&client, &location).await;
    assert!(html.contains("15 minutes avant le début"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_page_costs_the_same_number_of_queries_for_one_or_many_enrollments() {
    // Counted statements: no session cache (every request looks up).
    let app = spawn_app_with(|c| c.session_cache_seconds = 0, None).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendance_reads_over_the_seances_held_so_far_and_a_missed_one_says_absent() {
    use formations::server::store::enrollments::AttendanceSource;
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("assidu@example.com").await;
    let learner = app.learner("assidu-api@example.com").await;
    let f = app.formation("Assiduité").await;
    let now = Utc::now();
    // Four séances held (three attended), five to come; nine on the programme.
    let mut held = vec![];
    for n in 1..=9 {
        let at = if n <= 4 {
            now - Duration::days(5 - n)
        } else {
            now + Duration::days(n - 4)
        };
        let id = app.session(f, n, at).await;
        if n <= 4 {
            held.push(id);
        }
    }
    let enrollment = app
        .enroll_dated(
            user,
            f,
            (
                crate::helpers::seed::days(-6),
                crate::helpers::seed::days(6),
            ),
            Active,
            9,
        )
        .await;
    app.enroll_dated(
        learner.id,
        f,
        (
            crate::helpers::seed::days(-6),
            crate::helpers::seed::days(6),
        ),
        Active,
        9,
    )
    .await;
    for who in [user, learner.id] {
        for session in &held[..3] {
            app.db
                .insert_attendance(who, *session, AttendanceSource::Manual, now)
                .await
                .unwrap();
        }
    }
    let (_, html) = app.page(&client, "/user/formations").await;
    assert!(
        html.contains("3 / 4 séances passées · 9 au programme (75 %)"),
        "{html}"
    );
    let (_, html) = app
        .page(&client, &format!("/user/formations/{enrollment}"))
        .await;
    assert!(
        html.contains("3 / 4 séances passées · 9 au programme"),
        "{html}"
    );
    assert_eq!(
        html.matches("class=\"absent\"").count(),
        1,
        "the one missed"
    );

    // The API keeps the spec's rate and adds the rate to date.
    let (status, list) = app
        .get_json("/api/auth/user/formations/", &learner.token)
        .await;
    assert_eq!(status, 200);
    let item = &list["formations"][0];
    assert_eq!(item["attendance_rate"], 33.3);
    assert_eq!(item["past_sessions"], 4);
    assert_eq!(item["attendance_rate_to_date"], 75.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_menu_marks_the_current_page_the_filters_add_up_and_a_new_learner_is_pointed_to_the_catalogue(
) {
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("nouveau@example.com").await;
    // Nothing yet: the dashboard sends to the catalogue.
    let (_, html) = app.page(&client, "/user").await;
    assert!(html.contains("Bienvenue !"), "{html}");
    assert!(html.contains("Découvrir le catalogue"), "{html}");
    assert!(
        html.contains(r#"<a href="/user" aria-current="page">"#),
        "{html}"
    );

    let f = app.formation("Menu").await;
    let g = app.formation("Menu annulé").await;
    let enrollment = app.enroll(user, f, -1, 10, Active).await;
    let (_, html) = app.page(&client, "/user/formations").await;
    assert!(
        !html.contains("Annulées"),
        "no cancelled enrollment, no filter"
    );
    app.enroll(user, g, -1, 10, Cancelled).await;
    let (_, html) = app.page(&client, "/user/formations").await;
    assert!(html.contains("Annulées"), "{html}");
    assert!(html.contains("/user/formations?status=cancelled"));
    let (_, html) = app.page(&client, "/user/formations?status=cancelled").await;
    assert!(html.contains("Menu annulé") && !html.contains(">Menu<"));
    assert!(!html.contains("Bienvenue !"));

    for (path, current) in [
        (format!("/user/formations/{enrollment}"), "/user/formations"),
        ("/user/formations/next".to_string(), "/user/formations/next"),
        ("/compte".to_string(), "/compte"),
    ] {
        let (_, html) = app.page(&client, &path).await;
        assert_eq!(html.matches(r#"aria-current="page""#).count(), 1, "{path}");
        assert!(
            html.contains(&format!(r#"<a href="{current}" aria-current="page">"#)),
            "{path}: {html}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_sessions_are_flagged_on_the_next_sessions_page_and_admins_land_on_the_admin_area(
) {
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("deux-lieux@example.com").await;
    let f = app.formation("Matin").await;
    let g = app.formation("Soir").await;
    let at = Utc::now() + Duration::days(2);
    app.session(f, 1, at).await;
    app.session(g, 1, at + Duration::minutes(60)).await;
    app.session(g, 2, at + Duration::days(1)).await;
    app.enroll(user, f, -1, 10, Active).await;
    app.enroll(user, g, -1, 10, Active).await;
    let (_, html) = app.page(&client, "/user/formations/next").await;
    assert_eq!(html.matches(r#"class="clash""#).count(), 2, "{html}");
    assert!(
        html.contains("En même temps qu&#x27;une autre de vos sessions : Soir · Séance 1")
            || html.contains("En même temps qu'une autre de vos sessions : Soir · Séance 1"),
        "{html}"
    );

    // An admin who logs in without a destination lands on /admin.
    formations::server::cli::create_user(
        &app.db,
        "chef-login@example.com",
        "Chef",
        crate::helpers::PASSWORD,
        true,
    )
    .await
    .unwrap();
    let admin = crate::helpers::client_for(&app.address);
    for next in ["/", ""] {
        let resp = admin
            .post(app.url("/fn/login"))
            .header("Accept", "text/html")
            .form(&[
                ("email", "chef-login@example.com"),
                ("password", crate::helpers::PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.headers()["location"], "/admin", "next={next:?}");
    }
    // A learner still lands on their formations; a destination is kept.
    let resp = admin
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[
            ("email", "chef-login@example.com"),
            ("password", crate::helpers::PASSWORD),
            ("next", "/admin/audit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["location"], "/admin/audit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogue_and_its_formation_pages_are_public_searchable_and_never_show_a_meeting() {
    let app = spawn_app().await;
    let rust = app.formation("Rust pour tous").await;
    let other = app.formation("Cuisine lyonnaise").await;
    let at = Utc::now() + Duration::days(3);
    app.session(rust, 1, at).await;
    app.session_with(
        other,
        1,
        formations::server::store::formations::SeanceFields {
            title: "Quenelles".into(),
            scheduled_at: Utc::now() + Duration::days(40),
            duration_minutes: 90,
            meeting_link: Some("https://zoom.us/j/123123123".into()),
            recording_link: None,
        },
    )
    .await;
    let anonymous = crate::helpers::client_for(&app.address);

    let (status, html) = app.page(&anonymous, "/formations").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Rust pour tous") && html.contains("Cuisine lyonnaise"));
    assert!(
        html.contains("S&#x27;inscrire pour demander une place")
            || html.contains("S'inscrire pour demander une place")
    );
    assert!(
        html.contains(&format!("/signup?next=/formations/{rust}")),
        "{html}"
    );
    assert!(
        !html.contains("Mes demandes"),
        "nothing of anybody's requests"
    );
    for secret in [LINK, MEETING_ID, SECRET, "123123123"] {
        assert!(!html.contains(secret), "{secret}");
    }
    // Search and filters: plain GET links.
    let (_, html) = app.page(&anonymous, "/formations?q=RUST").await;
    assert!(html.contains("Rust pour tous") && !html.contains("Cuisine lyonnaise"));
    let month = (Utc::now() + Duration::days(40))
        .format("%Y-%m")
        .to_string();
    let (_, html) = app
        .page(
            &anonymous,
            &format!("/formations?month={month}&platform=zoom"),
        )
        .await;
    assert!(html.contains("Cuisine lyonnaise"), "{html}");
    let (_, html) = app.page(&anonymous, "/formations?level=expert").await;
    assert!(html.contains("Aucune formation ne correspond"));

    // A formation's page: its séances' dates, never how to join.
    let (status, html) = app.page(&anonymous, &format!("/formations/{other}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Séance 1 — Quenelles"), "{html}");
    assert!(!html.contains("123123123") && !html.contains(LINK));
    let (status, _) = app.page(&anonymous, "/formations/999999").await;
    assert_eq!(status, 404);

    // Signed in: ask from the formation's page, without JavaScript, and
    // come back to it with the confirmation.
    let (client, _) = app.signed_in_learner("catalogue-public@example.com").await;
    let (_, html) = app.page(&client, &format!("/formations/{rust}")).await;
    assert!(
        html.contains("Demander l&#x27;inscription") || html.contains("Demander l'inscription")
    );
    let resp = app
        .form_post(
            &client,
            "catalogue_request",
            &[("formation_id", &rust.to_string()), ("from", "detail")],
        )
        .await;
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, format!("/formations/{rust}?demande=1"));
    let (_, html) = app.page(&client, &location).await;
    assert!(
        html.contains("Votre demande d&#x27;inscription est enregistrée")
            || html.contains("Votre demande d'inscription est enregistrée"),
        "{html}"
    );
    assert!(html.contains("En attente de paiement"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_is_previewed_with_its_past_dates_and_clashes_before_it_is_created() {
    use chrono::{Datelike, NaiveDate, TimeZone, Weekday};
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("apercu@example.com").await;
    let f = app.formation("Série").await;
    let other = app.formation("Même formateur").await;
    // Next Tuesday and Thursday, 19:00 in Paris.
    let today = crate::helpers::seed::today();
    let next = |day: Weekday| {
        (1..=7)
            .map(|n| today + Duration::days(n))
            .find(|d| d.weekday() == day)
            .unwrap()
    };
    let (tue, thu) = (next(Weekday::Tue), next(Weekday::Thu));
    let at = |d: NaiveDate, h: u32, m: u32| {
        chrono_tz::Europe::Paris
            .from_local_datetime(&d.and_hms_opt(h, m, 0).unwrap())
            .unwrap()
            .with_timezone(&Utc)
    };
    app.session(f, 1, at(tue, 19, 0)).await;
    app.session(other, 1, at(thu, 19, 30)).await;
    let from = tue.min(thu).to_string();
    let to = tue.max(thu).to_string();
    let args = [
        ("formation_id", f.to_string()),
        ("weekdays", "mar, jeu".to_string()),
        ("start_time", "19:00".to_string()),
        ("duration_minutes", "120".to_string()),
        ("from_date", from.clone()),
        ("to_date", to.clone()),
    ];
    let form: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, preview) = app
        .server_fn_json(&admin, "admin_preview_series", &form)
        .await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["existing"], 1, "Tuesday has its séance already");
    let lines = preview["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["past"], false);
    assert_eq!(lines[0]["clashes"][0][0], "Même formateur");
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM formation_sessions WHERE formation_id = {f}"
        ))
        .await,
        1,
        "a preview creates nothing"
    );
    // The page of the preview, reached by the GET form without JavaScript.
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("preview", "1")
        .append_pair("title", "Séance")
        .extend_pairs(args.iter().skip(1).map(|(k, v)| (*k, v.as_str())))
        .finish();
    let (_, html) = app
        .page(&admin, &format!("/admin/formations/{f}/seances?{query}"))
        .await;
    assert!(html.contains("Aperçu : 1 séance"), "{html}");
    assert!(
        html.contains("chevauche Même formateur · Séance 1"),
        "{html}"
    );
    assert!(html.contains("Créer cette séance"), "{html}");

    // A séance added over another of the instructor's is flagged on the plan.
    let (_, plan) = app
        .page(&admin, &format!("/admin/formations/{f}/seances"))
        .await;
    assert!(!plan.contains("chevauche"), "{plan}");
    app.session(f, 2, at(thu, 20, 0)).await;
    let (_, plan) = app
        .page(&admin, &format!("/admin/formations/{f}/seances"))
        .await;
    assert!(
        plan.contains("chevauche Même formateur · Séance 1"),
        "{plan}"
    );
}
