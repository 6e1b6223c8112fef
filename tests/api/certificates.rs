//! Completion certificates (issue 12): earned, issued on the first read and
//! by the sweep, one per enrollment, frozen, revoked and reissued, a real
//! PDF with a QR code of the public verification, and its mail.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use crate::helpers::seed::{days, Active, LINK, MEETING_ID, SECRET};
use crate::helpers::{cli, http, spawn_app, spawn_app_at, TestApp, PASSWORD};
use formations::domain::account::DisplayName;
use formations::server::store::audit::Actor;

const NAME: &str = "Zoé Lefèvre-Ørsted";

/// A learner (with accents in the name) and a bearer token.
async fn learner_named(app: &TestApp, email: &str, name: &str) -> (i64, String) {
    let id = formations::server::cli::create_user(&app.db, email, name, PASSWORD, false)
        .await
        .unwrap();
    let resp = app.api_login(email, PASSWORD).await;
    let token = resp.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    (id, token)
}

/// A finished formation of 10 séances (two of them in the learner's
/// period), of which the learner attended `attended` out of 10 planned.
async fn finished(
    app: &TestApp,
    user_id: i64,
    name: &str,
    min: i64,
    attended: usize,
) -> (i64, i64) {
    let f = app.formation_with(name, min).await;
    let start = Utc::now() - Duration::days(30);
    let mut sessions = Vec::new();
    for n in 0..10 {
        sessions.push(app.session(f, n + 1, start + Duration::days(2 * n)).await);
    }
    let e = app
        .enroll_dated(user_id, f, (days(-31), days(-2)), Active, 10)
        .await;
    for s in sessions.iter().take(attended) {
        app.db
            .insert_attendance(
                user_id,
                *s,
                formations::server::store::enrollments::AttendanceSource::Manual,
                Utc::now() - Duration::days(3),
            )
            .await
            .unwrap();
    }
    (f, e)
}

fn item(list: &Value, id: i64) -> Value {
    list["formations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap()
        .clone()
}

fn is_code(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups[0] == "FMT"
        && groups[1..].iter().all(|g| {
            g.len() == 4
                && g.chars()
                    .all(|c| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c))
        })
}

async fn pdf(app: &TestApp, token: &str, enrollment: i64) -> reqwest::Response {
    http()
        .get(app.url(&format!(
            "/api/auth/user/formations/{enrollment}/certificate.pdf"
        )))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finished_enrollment_with_enough_attendance_gets_its_certificate_on_the_first_read() {
    let app = spawn_app().await;
    let (user, token) = learner_named(&app, "zoe@example.com", NAME).await;
    let (_, e) = finished(&app, user, "Rust avancé", 80, 8).await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM certificates").await, 0);

    let (status, list) = app.get_json("/api/auth/user/formations/", &token).await;
    assert_eq!(status, 200);
    let it = item(&list, e);
    let code = it["certificate_code"].as_str().unwrap().to_string();
    assert!(is_code(&code), "{code}");
    assert_eq!(
        it["completion_certificate"],
        app.url(&format!("/api/auth/user/formations/{e}/certificate.pdf"))
    );
    // A later read finds the same certificate; no second one is made.
    let (_, again) = app.get_json("/api/auth/user/formations/", &token).await;
    assert_eq!(item(&again, e)["certificate_code"], code.as_str());
    assert_eq!(app.scalar("SELECT COUNT(*) FROM certificates").await, 1);

    let resp = pdf(&app, &token, e).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    assert_eq!(
        resp.headers()["content-disposition"],
        format!("attachment; filename=\"certificat-{code}.pdf\"").as_str()
    );
    assert!(resp.bytes().await.unwrap().starts_with(b"%PDF-"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn below_the_minimum_attendance_there_is_no_certificate_and_the_card_says_why() {
    let app = spawn_app().await;
    let (client, user) = app.signed_in_learner("low@example.com").await;
    let (_, e) = finished(&app, user, "Présence exigée", 80, 6).await;
    let (status, page) = app.page(&client, "/user/formations").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Taux de présence 60 % — 80 % requis"),
        "{page}"
    );
    assert!(!page.contains("Télécharger le certificat"));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM certificates").await, 0);
    let resp = client
        .get(app.url(&format!("/api/auth/user/formations/{e}/certificate.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
    // A late mark brings it to 80 %: the next read issues it.
    let sessions: Vec<i64> = sqlx::query_scalar(
        "SELECT s.id FROM formation_sessions s JOIN enrollments e ON e.formation_id = s.formation_id
         WHERE e.id = $1 ORDER BY s.session_number",
    )
    .bind(e)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    for s in &sessions[6..8] {
        app.db
            .insert_attendance(
                user,
                *s,
                formations::server::store::enrollments::AttendanceSource::Manual,
                Utc::now(),
            )
            .await
            .unwrap();
    }
    let (_, page) = app.page(&client, "/user/formations").await;
    assert!(page.contains("Télécharger le certificat"), "{page}");
    assert!(page.contains("Lien de vérification"));
    let (_, sessions_page) = app.page(&client, &format!("/user/formations/{e}")).await;
    assert!(sessions_page.contains("Télécharger le certificat"));
    let (_, dashboard) = app.page(&client, "/user").await;
    assert!(dashboard.contains("Mes certificats"));
    assert!(dashboard.contains(&format!("/api/auth/user/formations/{e}/certificate.pdf")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_first_reads_make_one_certificate() {
    let app = spawn_app().await;
    let (user, token) = learner_named(&app, "many@example.com", "Many Reads").await;
    let (_, e) = finished(&app, user, "Concurrence", 0, 3).await;
    let reads = (0..20).map(|_| {
        let url = app.url("/api/auth/user/formations/");
        let token = token.clone();
        async move {
            let resp = http().get(url).bearer_auth(token).send().await.unwrap();
            assert_eq!(resp.status().as_u16(), 200);
            resp.json::<Value>().await.unwrap()
        }
    });
    let answers = futures_join_all(reads).await;
    let codes: std::collections::HashSet<String> = answers
        .iter()
        .map(|a| item(a, e)["certificate_code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM certificates").await, 1);
    // The sweep, run twice at once on top, adds none.
    let (a, b) = tokio::join!(
        formations::server::certificates::sweep(&app.state),
        formations::server::certificates::sweep(&app.state)
    );
    assert_eq!(a.unwrap().issued + b.unwrap().issued, 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM certificates").await, 1);
}

/// `join_all` without a dependency: spawns each and awaits them in order.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_certificate_is_earned_the_day_after_the_end_date_by_the_apps_clock() {
    let end_day: DateTime<Utc> = Utc::now() + Duration::days(20);
    let app = spawn_app_at(end_day).await;
    let (user, token) = learner_named(&app, "clock@example.com", "Clock Learner").await;
    let f = app.formation("Horloge").await;
    // Ends in 20 days (Paris): active at the fixed "now".
    let e = app
        .enroll_dated(user, f, (days(-5), days(20)), Active, 0)
        .await;
    let (_, list) = app.get_json("/api/auth/user/formations/", &token).await;
    assert_eq!(item(&list, e)["status"], "active");
    assert!(item(&list, e)["completion_certificate"].is_null());
    app.state.clock.advance(Duration::days(2));
    let (_, list) = app.get_json("/api/auth/user/formations/", &token).await;
    assert_eq!(item(&list, e)["status"], "completed");
    assert!(item(&list, e)["certificate_code"].is_string());
    let issued: String = sqlx::query_scalar("SELECT issued_at FROM certificates")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(issued.starts_with(&app.state.clock.now().date_naive().to_string()));
}

fn run(cmd: &str, args: &[&str]) -> (String, String) {
    let out = std::process::Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} is missing ({e}): `bash .ci/setup --for-tests` installs poppler-utils and zbar-tools")
    });
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pdf_has_the_learners_name_as_text_and_a_qr_code_of_the_verification_url() {
    let app = spawn_app().await;
    let (user, token) = learner_named(&app, "pdf@example.com", NAME).await;
    let (_, e) = finished(&app, user, "Gestion de portefeuille", 50, 9).await;
    let (_, list) = app.get_json("/api/auth/user/formations/", &token).await;
    let code = item(&list, e)["certificate_code"]
        .as_str()
        .unwrap()
        .to_string();
    let bytes = pdf(&app, &token, e).await.bytes().await.unwrap();
    let dir = crate::helpers::TempDir::new("pdf");
    let file = dir.path.join("certificat.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let file = file.to_str().unwrap();

    let (text, _) = run("pdftotext", &["-layout", file, "-"]);
    for expected in [
        NAME,
        "Gestion de portefeuille",
        "Certificat de réalisation",
        code.as_str(),
        "Niveau : Avancé",
        "9 séances suivies sur 10",
        "18 h de présence",
        "Jane Smith",
        "Formations",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let (info, _) = run("pdfinfo", &[file]);
    // A4 landscape: 841.89 x 595.28 pts.
    assert!(info.contains("841.89 x 595.28"), "{info}");

    let png = dir.path.join("page");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "150",
            "-singlefile",
            file,
            png.to_str().unwrap(),
        ],
    );
    let (decoded, _) = run(
        "zbarimg",
        &["--quiet", "--raw", &format!("{}.png", png.display())],
    );
    assert_eq!(
        decoded.trim(),
        app.url(&format!("/certificats/{code}")),
        "the QR code is the absolute verification URL"
    );
    // The README's picture of a certificate, made by this run.
    if std::env::var("FORMATIONS_TEST_BACKEND").as_deref() != Ok("postgres") {
        let shot = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("end2end/screenshots/certificat.png");
        let _ = std::fs::copy(format!("{}.png", png.display()), shot);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anyone_verifies_a_code_in_any_case_and_unknown_or_malformed_codes_are_404() {
    let app = spawn_app().await;
    let (user, token) = learner_named(&app, "verify@example.com", NAME).await;
    let (_, e) = finished(&app, user, "Vérifiable", 0, 5).await;
    let (_, list) = app.get_json("/api/auth/user/formations/", &token).await;
    let code = item(&list, e)["certificate_code"]
        .as_str()
        .unwrap()
        .to_string();
    let bare = code.replace('-', "").to_lowercase();
    for typed in [code.clone(), bare.clone(), bare["fmt".len()..].to_string()] {
        let resp = http()
            .get(app.url(&format!("/api/certificates/{typed}/")))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{typed}");
        let v: Value = resp.json().await.unwrap();
        assert_eq!(v["state"], "valid");
        assert_eq!(v["code"], code.as_str());
        assert_eq!(v["learner_name"], NAME);
        assert_eq!(v["formation_name"], "Vérifiable");
        let text = v.to_string();
        for private in ["verify@example.com", LINK, MEETING_ID, SECRET, "\"id\""] {
            assert!(!text.contains(private), "{private} in {text}");
        }
    }
    // The page, anonymous.
    let resp = http()
        .get(app.url(&format!("/certificats/{bare}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let page = resp.text().await.unwrap();
    assert!(page.contains("Certificat valide"), "{page}");
    assert!(page.contains(NAME));
    for private in ["verify@example.com", LINK, MEETING_ID, SECRET] {
        assert!(!page.contains(private), "{private} on the page");
    }
    for bad in [
        "FMT-0000-0000-0000-0000",
        "nope",
        "FMT-7K3M-9QXA-2B4C-D5E6-EXTRA",
        "%E2%80%AE",
    ] {
        let resp = http()
            .get(app.url(&format!("/api/certificates/{bad}/")))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 404, "{bad}");
        let resp = http()
            .get(app.url(&format!("/certificats/{bad}")))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 404, "page {bad}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_learners_certificate_is_not_found() {
    let app = spawn_app().await;
    let (user, token) = learner_named(&app, "owner@example.com", "Owner").await;
    let (_, other_token) = learner_named(&app, "other@example.com", "Other").await;
    let (_, e) = finished(&app, user, "À moi", 0, 5).await;
    app.get_json("/api/auth/user/formations/", &token).await;
    assert_eq!(pdf(&app, &other_token, e).await.status().as_u16(), 404);
    assert_eq!(pdf(&app, &token, e).await.status().as_u16(), 200);
    for bad in ["0", "-1", "abc", "99999999999999999999"] {
        let resp = http()
            .get(app.url(&format!("/api/auth/user/formations/{bad}/certificate.pdf")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 404, "{bad}");
    }
    let anonymous = http()
        .get(app.url(&format!("/api/auth/user/formations/{e}/certificate.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_certificate_blocks_a_new_one_until_an_admin_reissues_it_with_the_corrected_name()
{
    let app = spawn_app().await;
    let (user, token) = learner_named(&app, "rev@example.com", "Zoe Lefevre").await;
    let (_, e) = finished(&app, user, "Révocable", 0, 5).await;
    let (_, list) = app.get_json("/api/auth/user/formations/", &token).await;
    let old = item(&list, e)["certificate_code"]
        .as_str()
        .unwrap()
        .to_string();

    let out = cli(
        &app._db_guard.url,
        &[
            "certificate",
            "revoke",
            "--code",
            &old,
            "--reason",
            "Erreur de nom",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, v) = app
        .get_json(&format!("/api/certificates/{old}/"), &token)
        .await;
    assert_eq!(v["state"], "revoked");
    assert_eq!(v["revoked_reason"], "Erreur de nom");
    // No automatic re-issue, by a read or by the sweep.
    let (_, list) = app.get_json("/api/auth/user/formations/", &token).await;
    assert!(item(&list, e)["completion_certificate"].is_null());
    formations::server::certificates::sweep(&app.state)
        .await
        .unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM certificates").await, 1);
    assert_eq!(pdf(&app, &token, e).await.status().as_u16(), 404);
    let again = cli(
        &app._db_guard.url,
        &["certificate", "issue", "--enrollment", &e.to_string()],
    );
    assert!(!again.status.success());

    // The admin corrects the name, then reissues: a new code, frozen anew.
    app.db
        .set_user_name(user, &DisplayName::parse("Zoé Lefèvre").unwrap())
        .await
        .unwrap();
    let code = formations::domain::certificate::CertificateCode::parse(&old).unwrap();
    let new = app
        .db
        .reissue_certificate(&Actor::Cli, &code, Utc::now())
        .await
        .unwrap()
        .display();
    assert_ne!(new, old);
    let (_, v) = app
        .get_json(&format!("/api/certificates/{old}/"), &token)
        .await;
    assert_eq!(v["state"], "replaced");
    assert_eq!(v["replaced_by"], new.as_str());
    let (_, v) = app
        .get_json(&format!("/api/certificates/{new}/"), &token)
        .await;
    assert_eq!(v["state"], "valid");
    assert_eq!(v["learner_name"], "Zoé Lefèvre");
    let (_, list) = app.get_json("/api/auth/user/formations/", &token).await;
    assert_eq!(item(&list, e)["certificate_code"], new.as_str());

    // Later edits of the learner do not change a certificate.
    app.db
        .set_user_name(user, &DisplayName::parse("Someone Else").unwrap())
        .await
        .unwrap();
    let (_, v) = app
        .get_json(&format!("/api/certificates/{new}/"), &token)
        .await;
    assert_eq!(v["learner_name"], "Zoé Lefèvre");

    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE entity = 'certificate' ORDER BY id")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(actions, ["certificate.revoke", "certificate.reissue"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_issues_by_exception_and_shows_a_certificate() {
    let app = spawn_app().await;
    let (user, _) = learner_named(&app, "cli@example.com", NAME).await;
    let (_, e) = finished(&app, user, "Exception", 90, 2).await;
    let url = app._db_guard.url.clone();
    let refused = cli(
        &url,
        &["certificate", "issue", "--enrollment", &e.to_string()],
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("minimum"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let out = cli(
        &url,
        &[
            "certificate",
            "issue",
            "--enrollment",
            &e.to_string(),
            "--force",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(is_code(&code), "{code}");
    let shown = cli(
        &url,
        &["certificate", "show", "--code", &code.to_lowercase()],
    );
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        text.contains(NAME) && text.contains("valid") && text.contains("2/10"),
        "{text}"
    );
    let missing = cli(
        &url,
        &["certificate", "show", "--code", "FMT-0000-0000-0000-0000"],
    );
    assert!(!missing.status.success());
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issue' AND actor_email = 'ligne de commande'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sweep_issues_what_nobody_read_and_mails_it_once_with_the_pdf() {
    let app = spawn_app().await;
    let (user, _) = learner_named(&app, "mail@example.com", NAME).await;
    finished(&app, user, "Courrier", 0, 4).await;
    // Two instances sweeping at once: one certificate, one mail.
    let (a, b) = tokio::join!(
        formations::server::certificates::sweep(&app.state),
        formations::server::certificates::sweep(&app.state)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.issued + b.issued, 1);
    assert_eq!(a.mailed + b.mailed, 1);
    let again = formations::server::certificates::sweep(&app.state)
        .await
        .unwrap();
    assert_eq!((again.issued, again.mailed), (0, 0));
    let mails = app.mails_to("mail@example.com");
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.text.contains("Courrier"), "{}", mail.text);
    assert!(mail.raw.contains("application/pdf"));
    assert!(mail.raw.contains("certificat-FMT-"));
    let code: String = sqlx::query_scalar("SELECT code FROM certificates")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(mail
        .text
        .contains(&format!("/certificats/FMT-{}", &code[..4])));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_list_revoke_reissue_and_export_a_formations_certificates() {
    let app = spawn_app().await;
    let (user, _) = learner_named(&app, "adm@example.com", NAME).await;
    let (f, e) = finished(&app, user, "Administrée", 80, 5).await;
    let (admin, _) = app.signed_in_admin("boss@example.com").await;
    let (status, view) = app
        .server_fn_json(
            &admin,
            "admin_list_certificates",
            &[("formation_id", &f.to_string())],
        )
        .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["certificates"].as_array().unwrap().len(), 0);
    assert_eq!(view["without"][0]["enrollment_id"], e);
    assert_eq!(view["without"][0]["rate_percent"], 50);
    let (status, code) = app
        .server_fn_json(
            &admin,
            "admin_issue_certificate",
            &[
                ("enrollment_id", &e.to_string()),
                ("formation_id", &f.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{code}");
    let code = code.as_str().unwrap().to_string();
    let resp = app
        .form_post(
            &admin,
            "admin_revoke_certificate",
            &[
                ("code", &code),
                ("reason", ""),
                ("formation_id", &f.to_string()),
            ],
        )
        .await;
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("error=a-revoke-reason"), "{location}");
    let (status, _) = app
        .server_fn_json(
            &admin,
            "admin_revoke_certificate",
            &[
                ("code", &code),
                ("reason", "Doublon"),
                ("formation_id", &f.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (status, new) = app
        .server_fn_json(
            &admin,
            "admin_reissue_certificate",
            &[("code", &code), ("formation_id", &f.to_string())],
        )
        .await;
    assert_eq!(status, 200, "{new}");
    let (_, view) = app
        .server_fn_json(
            &admin,
            "admin_list_certificates",
            &[("formation_id", &f.to_string())],
        )
        .await;
    assert_eq!(view["certificates"].as_array().unwrap().len(), 2);
    let (status, page) = app
        .page(&admin, &format!("/admin/formations/{f}/certificats"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(new.as_str().unwrap()));
    let csv = admin
        .get(app.url(&format!("/admin/formations/{f}/certificats.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("Code;Apprenant"), "{csv}");
    assert!(csv.contains(&code) && csv.contains("Remplacé") && csv.contains("Valide"));
    let audited: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE entity = 'certificate' ORDER BY id")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        audited,
        [
            "certificate.issue",
            "certificate.revoke",
            "certificate.reissue"
        ]
    );
    // A learner may not.
    let (learner, _) = app.signed_in_learner("nosy@example.com").await;
    let (status, _) = app
        .server_fn_json(
            &learner,
            "admin_list_certificates",
            &[("formation_id", &f.to_string())],
        )
        .await;
    assert_eq!(status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_learner_has_a_certificate_and_another_demo_certificate_is_revoked() {
    let app = spawn_app().await;
    for _ in 0..2 {
        formations::server::demo::load(&app.db, Utc::now())
            .await
            .unwrap();
    }
    let states: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT u.email, c.revoked_at FROM certificates c JOIN users u ON u.id = c.user_id ORDER BY u.email",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(states.len(), 2, "{states:?}");
    assert_eq!(states[0].0, "apprenant@formations.test");
    assert!(states[0].1.is_none());
    assert_eq!(states[1].0, "lea@formations.test");
    assert!(states[1].1.is_some());
}

/// Two real `formations serve` processes on one database, their periodic
/// runners on (each sweeps at start-up): every earned certificate is issued
/// once and mailed once, whichever instance got there first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_issue_and_mail_each_certificate_once() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let app = spawn_app().await;
    for n in 0..3 {
        let (user, _) = learner_named(
            &app,
            &format!("two-{n}@example.com"),
            &format!("Learner {n}"),
        )
        .await;
        finished(&app, user, &format!("Deux serveurs {n}"), 0, 5).await;
    }
    let mail = crate::helpers::TempDir::new("two-servers");
    let servers: Vec<_> = (0..2)
        .map(|_| {
            let mut child = Command::new(env!("CARGO_BIN_EXE_formations"))
                .arg("serve")
                .env("DATABASE_URL", &app._db_guard.url)
                .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
                .env("FORMATIONS_MAIL_DIR", &mail.path)
                .env("FORMATIONS_BACKGROUND", "on")
                .env("RUST_LOG", "formations::server::jobs=debug")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start formations serve");
            // Told once this instance's first sweep is over.
            let (done_tx, done_rx) = std::sync::mpsc::channel();
            let stderr = child.stderr.take().unwrap();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if line.contains("periodic task done") || line.contains("periodic task failed")
                    {
                        let _ = done_tx.send(line);
                    }
                }
            });
            (child, done_rx)
        })
        .collect();
    let mut reports = Vec::new();
    for (_, done) in &servers {
        // A bound, not a measure: a server that never sweeps fails here.
        let line = done
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("each server runs its sweep at start-up");
        reports.push(line);
    }
    for (mut child, _) in servers {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    assert!(
        reports.iter().all(|r| r.contains("periodic task done")),
        "{reports:?}"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM certificates").await, 3);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM certificates WHERE mailed_at IS NULL")
            .await,
        0
    );
    let mails: Vec<String> = std::fs::read_dir(&mail.path)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert_eq!(mails.len(), 3, "one mail per certificate, never two");
    for n in 0..3 {
        let to = format!("two-{n}@example.com");
        assert_eq!(mails.iter().filter(|m| m.contains(&to)).count(), 1, "{to}");
    }
}
