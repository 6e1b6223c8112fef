//! Admin pages at any size: every list is paged (keyset, 50 a page, plain
//! links), each page costs the same statements with 25 or 2,750 enrollments
//! a formation, exports stream every row, and the session cache saves the
//! lookup without outliving a revocation.

use std::collections::HashSet;

use chrono::{Duration, Utc};

use crate::helpers::*;

/// Ten formations with three séances each (the bench's shape, smaller),
/// `learners` learners in five of them each.
async fn bench_formations(app: &TestApp) -> Vec<i64> {
    let now = Utc::now();
    let mut ids = Vec::new();
    for n in 0..10 {
        let f = app.formation(&format!("Échelle {n:02}")).await;
        for s in 1..=3 {
            app.session(f, s, now + Duration::days(7 * (s - 2))).await;
        }
        ids.push(f);
    }
    ids
}

async fn fill(app: &TestApp, formations: &[i64], learners: i64) {
    app.db
        .bench_fill(learners, formations, "not-a-login-hash", Utc::now())
        .await
        .unwrap();
}

/// The admin pages of formation `f`, and the statements each costs.
async fn page_costs(app: &TestApp, admin: &reqwest::Client, f: i64) -> Vec<(String, u64, usize)> {
    let session: i64 = app
        .scalar(&format!(
            "SELECT MIN(id) FROM formation_sessions WHERE formation_id = {f}"
        ))
        .await;
    let mut costs = Vec::new();
    for path in [
        "/admin".to_string(),
        "/admin/formations".into(),
        "/admin/demandes".into(),
        "/admin/audit".into(),
        "/admin/envois".into(),
        format!("/admin/formations/{f}"),
        format!("/admin/formations/{f}/seances"),
        format!("/admin/formations/{f}/inscriptions"),
        format!("/admin/formations/{f}/presences"),
        format!("/admin/formations/{f}/certificats"),
        format!("/admin/seances/{session}"),
    ] {
        let before = app.db.query_count();
        let (status, html) = app.page(admin, &path).await;
        assert_eq!(status, 200, "{path}");
        costs.push((path, app.db.query_count() - before, html.len()));
    }
    costs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_admin_page_costs_the_same_statements_at_two_sizes_and_lists_at_most_a_page() {
    // No session cache: each page pays its own lookup, the same each time.
    let app = spawn_app_with(|c| c.session_cache_seconds = 0, None).await;
    let (admin, _) = app.signed_in_admin("echelle@example.com").await;
    let formations = bench_formations(&app).await;
    let f = formations[0];
    fill(&app, &formations, 10).await;
    let small = page_costs(&app, &admin, f).await;
    fill(&app, &formations, 1_100).await;
    let enrolled = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM enrollments WHERE formation_id = {f}"
        ))
        .await;
    assert!(enrolled > 500, "{enrolled}");
    let large = page_costs(&app, &admin, f).await;
    for ((path, few, _), (_, many, html)) in small.iter().zip(&large) {
        assert_eq!(few, many, "{path}: {few} statements small, {many} large");
        // 50 rows of any list, not 550.
        assert!(*html < 200_000, "{path}: {html} bytes");
    }
    // The enrollments page shows 50 rows and a link to the next page.
    let (_, html) = app
        .page(&admin, &format!("/admin/formations/{f}/inscriptions"))
        .await;
    assert_eq!(html.matches("admin-enrollment-cancel").count(), 0);
    assert_eq!(
        html.matches("class=\"rename\"").count(),
        50,
        "one rename box a row"
    );
    assert!(html.contains("Page suivante"), "a link to the next page");
}

/// A paged server function: its name, the names of its cursor parameter,
/// of the next cursor and of the rows in its answer, and of a row's id.
struct Paged<'a> {
    endpoint: &'a str,
    cursor: &'a str,
    next: &'a str,
    rows: &'a str,
    key: &'a str,
}

/// Follows a server function's cursor from the first page to the last.
async fn walk(
    app: &TestApp,
    admin: &reqwest::Client,
    paged: Paged<'_>,
    params: &[(&str, String)],
) -> Vec<i64> {
    let Paged {
        endpoint,
        cursor,
        next,
        rows,
        key,
    } = paged;
    let mut seen = Vec::new();
    let mut at: Option<i64> = None;
    loop {
        let mut pairs: Vec<(&str, String)> = params.to_vec();
        if let Some(id) = at {
            pairs.push((cursor, id.to_string()));
        }
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, page) = app.server_fn_json(admin, endpoint, &pairs).await;
        assert_eq!(status, 200, "{endpoint}: {page}");
        let items = page[rows].as_array().unwrap();
        assert!(items.len() <= 50, "{endpoint}: {} rows", items.len());
        seen.extend(items.iter().map(|r| r[key].as_i64().unwrap()));
        match page[next].as_i64() {
            Some(id) => at = Some(id),
            None => break,
        }
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_visits_every_row_once_and_the_search_finds_a_learner_among_a_thousand() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("pages@example.com").await;
    let formations = bench_formations(&app).await;
    let f = formations[3];
    fill(&app, &formations, 1_100).await;
    let id = f.to_string();
    let total = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM enrollments WHERE formation_id = {f}"
        ))
        .await;
    let enrollments = walk(
        &app,
        &admin,
        Paged {
            endpoint: "admin_list_enrollments",
            cursor: "before",
            next: "older_than",
            rows: "enrollments",
            key: "id",
        },
        &[("formation_id", id.clone())],
    )
    .await;
    assert_eq!(enrollments.len() as i64, total);
    assert_eq!(
        enrollments.iter().collect::<HashSet<_>>().len(),
        enrollments.len()
    );
    assert!(enrollments.windows(2).all(|w| w[0] > w[1]), "newest first");
    // The grid pages by learners, cancelled ones left out.
    let live = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM enrollments WHERE formation_id = {f} AND status <> 'cancelled'"
        ))
        .await;
    let learners = walk(
        &app,
        &admin,
        Paged {
            endpoint: "admin_get_attendance",
            cursor: "before",
            next: "older_than",
            rows: "learners",
            key: "user_id",
        },
        &[("formation_id", id.clone())],
    )
    .await;
    assert_eq!(learners.len() as i64, live);
    let requests = walk(
        &app,
        &admin,
        Paged {
            endpoint: "admin_list_requests",
            cursor: "after",
            next: "next",
            rows: "requests",
            key: "id",
        },
        &[],
    )
    .await;
    assert_eq!(
        requests.len() as i64,
        app.scalar("SELECT COUNT(*) FROM enrollment_requests WHERE status = 'pending'")
            .await
    );
    assert!(requests.len() > 50);

    // One learner by a part of the e-mail, the same on the grid.
    let email: String = sqlx::query_scalar(&format!(
        "SELECT u.email FROM enrollments e JOIN users u ON u.id = e.user_id
         WHERE e.formation_id = {f} AND e.status <> 'cancelled' ORDER BY e.id LIMIT 1"
    ))
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let part = email.trim_end_matches("@bench.test").to_string() + "@";
    for (endpoint, rows) in [
        ("admin_list_enrollments", "enrollments"),
        ("admin_get_attendance", "learners"),
    ] {
        let (_, page) = app
            .server_fn_json(&admin, endpoint, &[("formation_id", &id), ("q", &part)])
            .await;
        let found = page[rows].as_array().unwrap();
        assert_eq!(found.len(), 1, "{endpoint}: {page}");
        assert_eq!(page["search"], part.as_str());
    }
    // Without JavaScript: the search form and the next link are plain GETs.
    let (status, html) = app
        .page(
            &admin,
            &format!(
                "/admin/formations/{f}/inscriptions?q={}",
                part.replace('@', "%40")
            ),
        )
        .await;
    assert_eq!(status, 200);
    assert!(html.contains(&email) && !html.contains("Page suivante"));
    let (_, html) = app
        .page(&admin, &format!("/admin/formations/{f}/presences"))
        .await;
    let next = html
        .split("href=\"")
        .filter_map(|h| h.split('"').next())
        .find(|h| h.contains("presences?avant="))
        .expect("a next page link")
        .replace("&amp;", "&");
    let (status, later) = app.page(&admin, &next).await;
    assert_eq!(status, 200);
    assert!(later.contains("Première page"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_stream_every_row_across_their_pages() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("exports@example.com").await;
    let formations = bench_formations(&app).await;
    let f = formations[1];
    fill(&app, &formations, 1_200).await;
    for (path, sql) in [
        ("inscriptions.csv", format!("SELECT COUNT(*) FROM enrollments WHERE formation_id = {f}")),
        (
            "presences.csv",
            format!("SELECT COUNT(*) FROM enrollments WHERE formation_id = {f} AND status <> 'cancelled'"),
        ),
    ] {
        let resp = admin
            .get(app.url(&format!("/admin/formations/{f}/{path}")))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
        let csv = resp.text().await.unwrap();
        let rows = csv.trim_end().split("\r\n").count() as i64 - 1;
        let expected = app.scalar(&sql).await;
        assert!(expected > 500, "more than one page of the export");
        assert_eq!(rows, expected, "{path}");
    }
    // As a browser asks for it, compressed: the whole file arrives.
    let resp = admin
        .get(app.url(&format!("/admin/formations/{f}/presences.csv")))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["content-encoding"], "gzip");
    let body = resp.bytes().await.expect("the compressed export ends well");
    assert!(body.len() > 1_000);
    // An unknown formation is a 404 before any byte of CSV.
    let resp = admin
        .get(app.url("/admin/formations/999999/inscriptions.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_counts_a_large_formation_by_effective_status_in_the_database() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("tableau@example.com").await;
    let formations = bench_formations(&app).await;
    fill(&app, &formations, 400).await;
    let (_, dash) = app.server_fn_json(&admin, "admin_get_dashboard", &[]).await;
    // Paris's day may be UTC's next one late in the evening: counted the
    // way the app counts, from the dates.
    let paris = Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
        .to_string();
    let cancelled = app
        .scalar("SELECT COUNT(*) FROM enrollments WHERE status = 'cancelled'")
        .await;
    let upcoming = app
        .scalar(&format!(
        "SELECT COUNT(*) FROM enrollments WHERE status <> 'cancelled' AND start_date > '{paris}'"
    ))
        .await;
    let completed = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM enrollments WHERE status <> 'cancelled' AND end_date < '{paris}'"
        ))
        .await;
    let all = app.scalar("SELECT COUNT(*) FROM enrollments").await;
    assert_eq!(dash["cancelled"], cancelled);
    assert_eq!(dash["upcoming"], upcoming);
    assert_eq!(dash["completed"], completed);
    assert_eq!(dash["active"], all - cancelled - upcoming - completed);
    assert!(upcoming > 0 && completed > 0 && cancelled > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_lookup_is_reused_and_a_revocation_reaches_every_instance_within_its_time() {
    let app = spawn_app_with(|c| c.session_cache_seconds = 60, None).await;
    let learner = app.learner("cache@example.com").await;
    let call = |token: String| {
        let app = &app;
        async move {
            let before = app.db.query_count();
            let (status, _) = app.get_json("/api/auth/user/formations/", &token).await;
            (status, app.db.query_count() - before)
        }
    };
    let (status, first) = call(learner.token.clone()).await;
    assert_eq!(status, 200);
    let (status, second) = call(learner.token.clone()).await;
    assert_eq!(status, 200);
    assert_eq!(second + 1, first, "the second call reads no session");
    // Revoked here: refused at once, whatever the cache holds.
    let other = app.another_instance(Utc::now()).await;
    let (status, _) = other_get(&other.address, &learner.token).await;
    assert_eq!(status, 200, "the other instance has looked it up");
    let resp = http()
        .post(app.url("/api/auth/logout/"))
        .header("Authorization", format!("Bearer {}", learner.token))
        .header("Origin", &app.address)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{}", resp.status());
    let (status, _) = call(learner.token.clone()).await;
    assert_eq!(status, 401);
    // The other instance keeps its copy at most its time to live (2 s in
    // the tests' configuration).
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    let (status, _) = other_get(&other.address, &learner.token).await;
    assert_eq!(status, 401);
}

async fn other_get(address: &str, token: &str) -> (u16, String) {
    let resp = http()
        .get(format!("{address}/api/auth/user/formations/"))
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}
