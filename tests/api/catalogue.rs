//! The request from ask to pay: a formation's offer in the public
//! catalogue, the confirmation with the payment instructions, withdrawal,
//! the requests on the learner's own pages, and the decision mailed.

use chrono::{Duration, NaiveDate, Utc};
use formations::domain::admin::{FormationFields, Offer};
use formations::domain::formation::{FormationInfo, Level, Platform};
use formations::domain::price::Price;
use formations::server::store::audit::Actor;

use crate::helpers::seed::{LINK, MEETING_ID, SECRET};
use crate::helpers::{client_for, spawn_app, TestApp};

const IBAN: &str = "IBAN FR76 3000 6000 0112 3456 7890 189";

async fn offered(app: &TestApp, name: &str, seats: Option<i64>) -> i64 {
    app.db
        .create_formation(
            &Actor::System,
            &FormationFields {
                info: FormationInfo {
                    name: name.into(),
                    description: "Une formation payante".into(),
                    level: Level::Intermediate,
                    platform: Platform::Zoom,
                    instructor_name: "Jane Smith".into(),
                    schedule_description: "Mar-Jeu, 19h-21h".into(),
                },
                meeting_link: LINK.into(),
                meeting_id: Some(MEETING_ID.into()),
                meeting_password: Some(SECRET.into()),
                timezone: chrono_tz::Europe::Paris,
                certificate_min_attendance: 0,
                zoom_min_presence: 50,
                zoom_auto_meetings: false,
                offer: Offer {
                    price: Some(Price {
                        cents: 45_050,
                        currency: "EUR".into(),
                    }),
                    starts_on: NaiveDate::from_ymd_opt(2027, 1, 5),
                    ends_on: NaiveDate::from_ymd_opt(2027, 2, 20),
                    seats,
                    payment_instructions: format!("Virement à l'ordre de Formations\n{IBAN}"),
                },
            },
        )
        .await
        .unwrap()
}

fn has(html: &str, text: &str) -> bool {
    html.contains(text) || html.contains(&text.replace('\'', "&#x27;"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offer_shows_in_the_catalogue_and_the_instructions_only_to_who_asked() {
    let app = spawn_app().await;
    let f = offered(&app, "Comptabilité", Some(2)).await;
    let taken = app.learner("deja-inscrit@example.com").await;
    app.enroll(taken.id, f, 1, 30, crate::helpers::seed::Upcoming)
        .await;
    let anonymous = client_for(&app.address);
    let (_, html) = app.page(&anonymous, "/formations").await;
    assert!(html.contains("450,50\u{a0}€"), "{html}");
    assert!(html.contains("1 place restante sur 2"), "{html}");
    assert!(html.contains("5 janvier 2027"), "{html}");
    assert!(!html.contains("FR76"), "instructions are for who asked");
    let (_, html) = app.page(&anonymous, &format!("/formations/{f}")).await;
    assert!(!html.contains("FR76"));

    let (client, _) = app.signed_in_learner("payeur@example.com").await;
    let resp = app
        .form_post(
            &client,
            "catalogue_request",
            &[("formation_id", &f.to_string()), ("from", "detail")],
        )
        .await;
    let back = resp.headers()["location"].to_str().unwrap().to_string();
    let (_, html) = app.page(&client, &back).await;
    assert!(
        has(&html, "Votre demande d'inscription est enregistrée"),
        "{html}"
    );
    assert!(html.contains(IBAN), "{html}");
    assert!(html.contains("Retirer ma demande"));
    for secret in [LINK, MEETING_ID, SECRET] {
        assert!(!html.contains(secret));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_request_is_on_the_learners_pages_and_can_be_withdrawn_once() {
    let app = spawn_app().await;
    let f = offered(&app, "Gestion de projet", None).await;
    let (client, _) = app.signed_in_learner("attente@example.com").await;
    let (status, id) = app
        .server_fn_json(
            &client,
            "catalogue_request",
            &[("formation_id", &f.to_string())],
        )
        .await;
    assert_eq!(status, 200, "{id}");
    let request = id.as_i64().unwrap();
    for page in ["/user", "/user/formations"] {
        let (_, html) = app.page(&client, page).await;
        assert!(html.contains("Mes demandes en cours"), "{page}");
        assert!(
            html.contains("Gestion de projet") && html.contains("En attente de paiement"),
            "{page}"
        );
        assert!(html.contains("Retirer ma demande"), "{page}");
    }
    // Someone else cannot withdraw it.
    let (intruder, _) = app.signed_in_learner("intrus@example.com").await;
    let (status, _) = app
        .server_fn(
            &intruder,
            "catalogue_withdraw",
            &[("request_id", &request.to_string())],
        )
        .await;
    assert_eq!(status, 404);
    // Without JavaScript, back to the dashboard with the confirmation.
    let resp = app
        .form_post(
            &client,
            "catalogue_withdraw",
            &[("request_id", &request.to_string()), ("back", "/user")],
        )
        .await;
    assert_eq!(resp.headers()["location"], "/user?retire=1");
    let (_, html) = app.page(&client, "/user?retire=1").await;
    assert!(html.contains("Votre demande est retirée."), "{html}");
    assert!(
        !html.contains("Mes demandes en cours"),
        "withdrawn: off the pages"
    );
    // Once only; an address from elsewhere is never where it goes back.
    let (status, body) = app
        .server_fn_json(
            &client,
            "catalogue_withdraw",
            &[("request_id", &request.to_string())],
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let resp = app
        .form_post(
            &client,
            "catalogue_withdraw",
            &[
                ("request_id", &request.to_string()),
                ("back", "https://evil.example"),
            ],
        )
        .await;
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/formations?"));
    // The learner may ask again.
    let (status, _) = app
        .server_fn_json(
            &client,
            "catalogue_request",
            &[("formation_id", &f.to_string())],
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_decision_is_mailed_refused_with_its_reason_confirmed_without_any_meeting_detail() {
    let app = spawn_app().await;
    let f = offered(&app, "Marketing", None).await;
    let (client, _) = app.signed_in_learner("decision@example.com").await;
    let (admin, _) = app.signed_in_admin("decideur@example.com").await;
    let ask = || async {
        let (_, id) = app
            .server_fn_json(
                &client,
                "catalogue_request",
                &[("formation_id", &f.to_string())],
            )
            .await;
        id.as_i64().unwrap().to_string()
    };

    let first = ask().await;
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_reject_request",
            &[
                ("request_id", &first),
                ("reason", "Paiement non reçu"),
                ("confirm", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let mails = app.mails_to("decision@example.com");
    let refused = mails
        .iter()
        .find(|m| m.raw.contains("Demande d'inscription refus") || m.text.contains("Motif"))
        .expect("a refusal mail");
    assert!(
        refused.text.contains("Motif : Paiement non reçu"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains(&format!("/formations/{f}")));
    let (_, html) = app.page(&client, "/user/formations").await;
    assert!(
        html.contains("Refusée") && html.contains("Paiement non reçu"),
        "{html}"
    );

    let second = ask().await;
    let start = (Utc::now() - Duration::days(1)).date_naive().to_string();
    let end = (Utc::now() + Duration::days(30)).date_naive().to_string();
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_confirm_request",
            &[
                ("request_id", &second),
                ("start_date", &start),
                ("end_date", &end),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let mails = app.mails_to("decision@example.com");
    let confirmed = mails
        .iter()
        .find(|m| m.text.contains("Votre paiement est confirmé"))
        .expect("a confirmation mail");
    assert!(confirmed.text.contains("/user/formations"));
    for secret in [LINK, MEETING_ID, SECRET] {
        assert!(!confirmed.raw.contains(secret), "{secret} in the mail");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_up_from_a_formation_comes_back_to_it_after_confirming_and_logging_in() {
    let app = spawn_app().await;
    let f = offered(&app, "Retour après inscription", None).await;
    let browser = client_for(&app.address);
    let next = format!("/formations/{f}");
    let resp = browser
        .post(app.url("/fn/signup"))
        .header("Accept", "text/html")
        .form(&[
            ("email", "nouvelle@example.com"),
            ("name", "Nouvelle"),
            ("password", crate::helpers::PASSWORD),
            ("next", next.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let mail = app
        .wait_for_mail("nouvelle@example.com", "/confirmer/")
        .await;
    let link = mail
        .text
        .split_whitespace()
        .find(|w| w.contains("/confirmer/"))
        .expect("a confirmation link")
        .to_string();
    assert!(
        link.ends_with(&format!("?next=%2Fformations%2F{f}")),
        "{link}"
    );
    let path = &link[link.find("/confirmer/").unwrap()..];
    let (_, html) = app.page(&browser, path).await;
    assert!(
        html.contains(&format!(r#"name="next" value="/formations/{f}""#)),
        "{html}"
    );
    let token = path["/confirmer/".len()..path.find('?').unwrap()].to_string();
    let resp = browser
        .post(app.url("/fn/confirm_email"))
        .header("Accept", "text/html")
        .form(&[("token", token.as_str()), ("next", next.as_str())])
        .send()
        .await
        .unwrap();
    let login = resp.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(login, format!("/login?confirme=1&next=%2Fformations%2F{f}"));
    let resp = browser
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[
            ("email", "nouvelle@example.com"),
            ("password", crate::helpers::PASSWORD),
            ("next", next.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["location"].to_str().unwrap(), next);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_formation_made_in_the_admin_form_is_a_draft_until_published() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in_admin("brouillon@example.com").await;
    let resp = app
        .form_post(
            &admin,
            "admin_create_formation",
            &[
                ("name", "En préparation"),
                ("level", "beginner"),
                ("platform", "zoom"),
                ("meeting_link", "https://zoom.us/j/987654321"),
                ("instructor_name", "Jane Smith"),
                ("schedule_description", "Lun, 18h-20h"),
                ("timezone", "Europe/Paris"),
            ],
        )
        .await;
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    // "/admin/formations/{id}?flash=formation-created&t=…"
    let (path, flash) = location.split_once('?').unwrap();
    assert!(
        flash.starts_with("flash=formation-created&t="),
        "{location}"
    );
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let anonymous = client_for(&app.address);
    let (_, html) = app.page(&anonymous, "/formations").await;
    assert!(
        !html.contains("En préparation"),
        "a draft is not in the catalogue"
    );
    let (status, _) = app.page(&anonymous, &format!("/formations/{id}")).await;
    assert_eq!(status, 404);
    let (learner, _) = app.signed_in_learner("trop-tot@example.com").await;
    let (status, _) = app
        .server_fn(
            &learner,
            "catalogue_request",
            &[("formation_id", &id.to_string())],
        )
        .await;
    assert_eq!(status, 404, "nobody asks for a draft");
    let (_, page) = app.page(&admin, &format!("/admin/formations/{id}")).await;
    assert!(
        page.contains("Brouillon") && page.contains("Publier sans séance"),
        "{page}"
    );

    // No séance yet: publishing asks for confirmation.
    let (status, body) = app
        .server_fn_json(
            &admin,
            "admin_publish_formation",
            &[("id", &id.to_string()), ("draft", "0")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "a-publish-empty");
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_publish_formation",
            &[("id", &id.to_string()), ("draft", "0"), ("confirm", "on")],
        )
        .await;
    assert_eq!(status, 200);
    let (_, html) = app.page(&anonymous, "/formations").await;
    assert!(html.contains("En préparation"));
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'formation.publish'")
            .await,
        1
    );
    // Back to draft: out again.
    let (status, _) = app
        .server_fn(
            &admin,
            "admin_publish_formation",
            &[("id", &id.to_string()), ("draft", "1")],
        )
        .await;
    assert_eq!(status, 200);
    let (_, html) = app.page(&anonymous, "/formations").await;
    assert!(!html.contains("En préparation"));
    // The command line and the store publish unless asked for a draft.
    let cli = app
        .db
        .create_formation_as(&Actor::Cli, &catalogue_fields("Par la CLI"), true)
        .await
        .unwrap();
    let (status, _) = app.page(&anonymous, &format!("/formations/{cli}")).await;
    assert_eq!(status, 404);
}

fn catalogue_fields(name: &str) -> FormationFields {
    FormationFields {
        info: FormationInfo {
            name: name.into(),
            description: String::new(),
            level: Level::Beginner,
            platform: Platform::Zoom,
            instructor_name: "Jane Smith".into(),
            schedule_description: "Lun".into(),
        },
        meeting_link: LINK.into(),
        meeting_id: None,
        meeting_password: None,
        timezone: chrono_tz::Europe::Paris,
        certificate_min_attendance: 0,
        zoom_min_presence: 50,
        zoom_auto_meetings: false,
        offer: Offer::default(),
    }
}
