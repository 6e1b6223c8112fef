use chrono::{Duration, Utc};
use serde_json::Value;

use crate::helpers::seed::{days, Active, Cancelled, Upcoming, LINK, MEETING_ID, SECRET};
use crate::helpers::{spawn_app, spawn_app_with, TestApp};

/// A learner with one enrollment of each status, each in its own formation
/// with sessions around now. Returns (app, token, [active, upcoming, completed, cancelled] ids).
async fn learner_with_every_status() -> (TestApp, String, [i64; 4]) {
    let app = spawn_app().await;
    let learner = app.learner("learner@example.com").await;
    let now = Utc::now();
    let mut ids = [0; 4];
    let periods = [
        (-10, 10, Upcoming),
        (5, 30, Upcoming),
        (-40, -5, Active),
        (-10, 10, Cancelled),
    ];
    for (i, (start, end, stored)) in periods.into_iter().enumerate() {
        let f = app.formation(&format!("Formation {i}")).await;
        // Sessions 6 days ago (ended), in 1 hour, and in 8 days.
        app.session(f, 1, now - Duration::days(6)).await;
        app.session(f, 2, now + Duration::hours(1)).await;
        app.session(f, 3, now + Duration::days(8)).await;
        ids[i] = app.enroll(learner.id, f, start, end, stored).await;
    }
    (app, learner.token, ids)
}

fn by_id(list: &Value, id: i64) -> Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap()
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn you_must_be_logged_in_to_see_your_formations() {
    let app = spawn_app().await;
    for path in [
        "/api/auth/user/formations/",
        "/api/auth/user/formations/next-sessions/",
        "/api/auth/user/formations/1/sessions/",
    ] {
        let resp = crate::helpers::http()
            .get(app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 401, "{path}");
        let body: Value = resp.json().await.unwrap();
        assert!(body["detail"].is_string());
        let (status, _) = app.get_json(path, "not-a-token").await;
        assert_eq!(status, 401, "{path} with a bad token");
    }
    let resp = crate::helpers::http()
        .post(app.url("/api/auth/user/sessions/1/attend/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_formations_list_has_the_spec_shape_and_links_only_for_active_enrollments() {
    let (app, token, [active, upcoming, completed, cancelled]) = learner_with_every_status().await;
    let (status, body) = app.get_json("/api/auth/user/formations/", &token).await;
    assert_eq!(status, 200);
    let list = &body["formations"];
    assert_eq!(list.as_array().unwrap().len(), 4);

    let a = by_id(list, active);
    for (key, kind) in [
        ("id", "number"),
        ("name", "string"),
        ("description", "string"),
        ("level", "string"),
        ("platform", "string"),
        ("meeting_link", "string"),
        ("meeting_id", "string"),
        ("instructor", "string"),
        ("schedule", "string"),
        ("start_date", "string"),
        ("end_date", "string"),
        ("status", "string"),
        ("next_session", "string"),
        ("total_sessions", "number"),
        ("attended_sessions", "number"),
        ("attendance_rate", "number"),
        ("days_until_end", "number"),
    ] {
        let v = &a[key];
        let ok = match kind {
            "number" => v.is_number(),
            _ => v.is_string(),
        };
        assert!(ok, "{key} should be a {kind}: {v}");
    }
    assert_eq!(a["status"], "active");
    assert_eq!(a["meeting_link"], LINK);
    assert_eq!(a["meeting_id"], MEETING_ID);
    assert_eq!(a["meeting_password"], SECRET);
    assert_eq!(a["level"], "advanced");
    assert_eq!(a["platform"], "zoom");
    assert_eq!(a["start_date"], days(-10).to_string());
    assert_eq!(a["days_until_end"], 10);
    assert_eq!(a["attendance_rate"], 0.0);
    let next = a["next_session"].as_str().unwrap();
    assert!(next.ends_with('Z') && next.len() == 20, "{next}");

    for (id, expected) in [
        (upcoming, "upcoming"),
        (completed, "completed"),
        (cancelled, "cancelled"),
    ] {
        let f = by_id(list, id);
        assert_eq!(f["status"], expected);
        assert!(
            f["meeting_link"].is_null()
                && f["meeting_id"].is_null()
                && f["meeting_password"].is_null()
        );
    }
    assert!(by_id(list, upcoming)["next_session"].is_string());
    assert!(by_id(list, completed)["next_session"].is_null());
    assert!(by_id(list, cancelled)["next_session"].is_null());
    assert_eq!(by_id(list, completed)["days_until_end"], 0);

    assert_eq!(
        body["stats"],
        serde_json::json!({"total": 4, "active": 1, "completed": 1, "upcoming": 1, "cancelled": 1})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_status_filter_narrows_the_list_but_not_the_stats_and_unknown_values_are_explained() {
    let (app, token, [active, ..]) = learner_with_every_status().await;
    let (status, body) = app
        .get_json("/api/auth/user/formations/?status=active", &token)
        .await;
    assert_eq!(status, 200);
    let ids: Vec<_> = body["formations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].clone())
        .collect();
    assert_eq!(ids, vec![Value::from(active)]);
    assert_eq!(body["stats"]["total"], 4);

    let (status, body) = app
        .get_json("/api/auth/user/formations/?status=paused", &token)
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "unknown_status", "{body}");
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("upcoming, active, completed ou cancelled"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_meeting_detail_ever_leaves_the_server_for_an_enrollment_that_is_not_active() {
    let app = spawn_app().await;
    let learner = app.learner("nolink@example.com").await;
    let now = Utc::now();
    let mut enrollments = vec![];
    for (i, (start, end, stored)) in [(5, 30, Upcoming), (-40, -5, Active), (-10, 10, Cancelled)]
        .into_iter()
        .enumerate()
    {
        let f = app.formation(&format!("F{i}")).await;
        app.session(f, 1, now + Duration::hours(1)).await;
        app.session(f, 2, now - Duration::days(20)).await;
        enrollments.push(app.enroll(learner.id, f, start, end, stored).await);
    }
    let mut paths = vec![
        "/api/auth/user/formations/".to_string(),
        "/api/auth/user/formations/next-sessions/".to_string(),
    ];
    paths.extend(
        enrollments
            .iter()
            .map(|e| format!("/api/auth/user/formations/{e}/sessions/")),
    );
    for path in paths {
        let text = crate::helpers::http()
            .get(app.url(&path))
            .bearer_auth(&learner.token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for secret in [LINK, MEETING_ID, SECRET, "zoom.us/j/"] {
            assert!(!text.contains(secret), "{path} leaked {secret}: {text}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enrollment_sessions_are_listed_by_number_with_gated_links() {
    let (app, token, [active, upcoming, completed, _]) = learner_with_every_status().await;
    let (status, body) = app
        .get_json(
            &format!("/api/auth/user/formations/{active}/sessions/"),
            &token,
        )
        .await;
    assert_eq!(status, 200);
    let sessions = body["sessions"].as_array().unwrap();
    let numbers: Vec<_> = sessions
        .iter()
        .map(|s| s["session_number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, vec![1, 2, 3]);
    for key in [
        "id",
        "session_number",
        "title",
        "scheduled_date",
        "duration_minutes",
        "meeting_link",
        "recording_link",
        "user_attended",
        "can_mark_attendance",
    ] {
        assert!(sessions[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(sessions[1]["meeting_link"], LINK);
    assert!(sessions[0]["recording_link"].is_string());
    assert_eq!(
        sessions[1]["can_mark_attendance"], false,
        "starts in an hour: not yet"
    );

    let (_, body) = app
        .get_json(
            &format!("/api/auth/user/formations/{upcoming}/sessions/"),
            &token,
        )
        .await;
    for s in body["sessions"].as_array().unwrap() {
        assert!(s["meeting_link"].is_null() && s["recording_link"].is_null());
    }
    let (_, body) = app
        .get_json(
            &format!("/api/auth/user/formations/{completed}/sessions/"),
            &token,
        )
        .await;
    for s in body["sessions"].as_array().unwrap() {
        assert!(s["meeting_link"].is_null());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_learners_enrollment_is_not_found_and_so_are_malformed_ids() {
    let (app, _, [active, ..]) = learner_with_every_status().await;
    let other = app.learner("other@example.com").await;
    for path in [
        format!("/api/auth/user/formations/{active}/sessions/"),
        "/api/auth/user/formations/abc/sessions/".into(),
        "/api/auth/user/formations/-1/sessions/".into(),
        "/api/auth/user/formations/99999999999999999999999/sessions/".into(),
    ] {
        let (status, body) = app.get_json(&path, &other.token).await;
        assert_eq!(status, 404, "{path}");
        assert!(body["detail"].is_string());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_sessions_are_soonest_first_across_active_and_upcoming_enrollments() {
    let (app, token, [active, upcoming, ..]) = learner_with_every_status().await;
    let (status, body) = app
        .get_json("/api/auth/user/formations/next-sessions/", &token)
        .await;
    assert_eq!(status, 200);
    let list = body["sessions"].as_array().unwrap();
    let enrollments: Vec<_> = list
        .iter()
        .map(|s| s["enrollment_id"].as_i64().unwrap())
        .collect();
    // The active one has sessions in 1 hour and 8 days; the upcoming one
    // starts in 5 days, so only its session in 8 days is in its period.
    assert_eq!(enrollments, vec![active, active, upcoming]);
    let dates: Vec<_> = list
        .iter()
        .map(|s| s["scheduled_date"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    for key in [
        "formation_id",
        "formation_name",
        "platform",
        "session_number",
        "title",
    ] {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    assert!(list[2]["meeting_link"].is_null(), "upcoming: no link");

    let (_, body) = app
        .get_json("/api/auth/user/formations/next-sessions/?limit=1", &token)
        .await;
    assert_eq!(body["sessions"].as_array().unwrap().len(), 1);
    for bad in ["0", "101", "abc", "-3"] {
        let (status, body) = app
            .get_json(
                &format!("/api/auth/user/formations/next-sessions/?limit={bad}"),
                &token,
            )
            .await;
        assert_eq!(status, 400, "limit={bad}");
        assert!(body["detail"].as_str().unwrap().contains("entre 1 et 100"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marking_attendance_is_idempotent_and_updates_the_counts() {
    let app = spawn_app().await;
    let learner = app.learner("present@example.com").await;
    let f = app.formation("Présence").await;
    let live = app.session(f, 1, Utc::now() - Duration::minutes(30)).await;
    app.enroll(learner.id, f, -3, 20, Upcoming).await;

    let path = format!("/api/auth/user/sessions/{live}/attend/");
    let (status, body) = app.post_json(&path, &learner.token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        serde_json::json!({"session_id": live, "attended": true, "attended_sessions": 1, "total_sessions": 10, "attendance_rate": 10.0})
    );
    let (status, again) = app
        .post_json(path.trim_end_matches('/'), &learner.token)
        .await;
    assert_eq!((status, again), (200, body));

    let (_, list) = app
        .get_json("/api/auth/user/formations/", &learner.token)
        .await;
    assert_eq!(list["formations"][0]["attended_sessions"], 1);
    assert_eq!(list["formations"][0]["attendance_rate"], 10.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_marks_leave_exactly_one_attendance_row() {
    let app = spawn_app().await;
    let learner = app.learner("race@example.com").await;
    let f = app.formation("Course").await;
    let live = app.session(f, 1, Utc::now() - Duration::minutes(10)).await;
    app.enroll(learner.id, f, -3, 20, Upcoming).await;
    let path = format!("/api/auth/user/sessions/{live}/attend/");
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (url, token) = (app.url(&path), learner.token.clone());
        calls.spawn(async move {
            let resp = crate::helpers::http()
                .post(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            (resp.status().as_u16(), resp.json::<Value>().await.unwrap())
        });
    }
    for (status, body) in calls.join_all().await {
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["attended_sessions"], 1);
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM session_attendance")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendance_is_refused_with_a_reason_outside_an_active_enrollment_or_the_window() {
    let app = spawn_app().await;
    let learner = app.learner("refused@example.com").await;
    let now = Utc::now();

    let upcoming = app.formation("Bientôt").await;
    let s_upcoming = app.session(upcoming, 1, now + Duration::days(10)).await;
    app.enroll(learner.id, upcoming, 9, 30, Upcoming).await;
    let (status, body) = app
        .post_json(
            &format!("/api/auth/user/sessions/{s_upcoming}/attend/"),
            &learner.token,
        )
        .await;
    assert_eq!(status, 409);
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("pendant la formation"));

    let active = app.formation("En cours").await;
    let later = app.session(active, 1, now + Duration::hours(3)).await;
    let long_ago = app.session(active, 2, now - Duration::days(3)).await;
    app.enroll(learner.id, active, -5, 20, Upcoming).await;
    for s in [later, long_ago] {
        let (status, body) = app
            .post_json(
                &format!("/api/auth/user/sessions/{s}/attend/"),
                &learner.token,
            )
            .await;
        assert_eq!(status, 409);
        assert!(
            body["detail"]
                .as_str()
                .unwrap()
                .contains("15 minutes avant"),
            "{body}"
        );
    }

    let not_mine = app.formation("Pas la mienne").await;
    let s_not_mine = app.session(not_mine, 1, now).await;
    for s in [s_not_mine.to_string(), "999999".into(), "x".into()] {
        let (status, _) = app
            .post_json(
                &format!("/api/auth/user/sessions/{s}/attend/"),
                &learner.token,
            )
            .await;
        assert_eq!(status, 404, "session {s}");
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM session_attendance")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paths_work_with_and_without_the_trailing_slash_and_wrong_methods_get_json_405() {
    let (app, token, _) = learner_with_every_status().await;
    for path in ["/api/auth/user/formations/", "/api/auth/user/formations"] {
        assert_eq!(app.get_json(path, &token).await.0, 200, "{path}");
    }
    let resp = crate::helpers::http()
        .delete(app.url("/api/auth/user/formations/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 405);
    let body: Value = resp.json().await.unwrap();
    assert!(body["detail"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_endpoint() {
    let app = spawn_app().await;
    let doc: Value = crate::helpers::http()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/auth/login/",
        "/api/auth/logout/",
        "/api/auth/user/formations/",
        "/api/auth/user/formations/{enrollment_id}/sessions/",
        "/api/auth/user/formations/next-sessions/",
        "/api/auth/user/sessions/{session_id}/attend/",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["FormationItem"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_formations_list_costs_the_same_number_of_queries_for_one_or_many_enrollments() {
    // Counted statements: no session cache (every request looks up).
    let app = spawn_app_with(|c| c.session_cache_seconds = 0, None).await;
    let few = app.learner("few@example.com").await;
    let many = app.learner("many@example.com").await;
    let now = Utc::now();
    let f = app.formation("Seule").await;
    app.session(f, 1, now + Duration::hours(2)).await;
    app.enroll(few.id, f, -1, 10, Upcoming).await;
    for i in 0..15 {
        let f = app.formation(&format!("Beaucoup {i}")).await;
        for n in 1..=6 {
            app.session(f, n, now + Duration::days(n - 3)).await;
        }
        app.enroll(many.id, f, -5 + i, 20, Upcoming).await;
    }
    let mut costs = vec![];
    for learner in [&few, &many] {
        for path in [
            "/api/auth/user/formations/",
            "/api/auth/user/formations/next-sessions/",
        ] {
            let before = app.db.query_count();
            assert_eq!(app.get_json(path, &learner.token).await.0, 200);
            costs.push((path, app.db.query_count() - before));
        }
    }
    assert_eq!(costs[0].1, costs[2].1, "{costs:?}");
    assert_eq!(costs[1].1, costs[3].1, "{costs:?}");
    assert!(costs[0].1 <= 3, "{costs:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_detail_speaks_the_clients_accept_language_and_its_code_stays_the_same() {
    let (app, token, _) = learner_with_every_status().await;
    let limit = |accept: Option<&'static str>| {
        let mut req = crate::helpers::http()
            .get(app.url("/api/auth/user/formations/next-sessions/?limit=0"))
            .bearer_auth(&token);
        if let Some(accept) = accept {
            req = req.header("Accept-Language", accept);
        }
        async move {
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status().as_u16(), 400);
            resp.json::<Value>().await.unwrap()
        }
    };
    let french = limit(None).await;
    let english = limit(Some("en-GB,en;q=0.9,fr;q=0.5")).await;
    let german = limit(Some("de-DE")).await;
    let preferred_french = limit(Some("en;q=0.4, fr-CA")).await;
    assert!(
        french["detail"]
            .as_str()
            .unwrap()
            .contains("doit être un entier"),
        "{french}"
    );
    assert!(
        english["detail"]
            .as_str()
            .unwrap()
            .contains("must be a whole number"),
        "{english}"
    );
    assert_eq!(german["detail"], french["detail"]);
    assert_eq!(preferred_french["detail"], french["detail"]);
    for body in [&english, &german, &preferred_french] {
        assert_eq!(body["code"], french["code"]);
    }

    let resp = crate::helpers::http()
        .post(app.url("/api/auth/login/"))
        .header("Accept-Language", "en")
        .json(&serde_json::json!({"email": "learner@example.com", "password": "wrong password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["detail"], "Wrong e-mail or password.", "{body}");
}
