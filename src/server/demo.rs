//! Demo data, relative to today, so every status, platform and level shows
//! up whenever the app is started. Loading twice changes nothing.

use chrono::{DateTime, Duration, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::domain::account::{Email, Password, Role};
use crate::domain::admin::FormationFields;
use crate::domain::attendance::DEFAULT_MIN_PRESENCE;
use crate::domain::formation::{FormationInfo, Level, Platform};
use crate::domain::schedule::weekly_occurrences;
use crate::domain::status::today_in;
use crate::error::AppError;
use crate::i18n::{current, tr};
use crate::server::auth;
use crate::server::db::Db;
use crate::server::store::audit::Actor;
use crate::server::store::enrollments::{AttendanceSource, NewEnrollment};
use crate::server::store::formations::SeanceFields;
use crate::server::store::users::MadeBy;

pub const ADMIN_EMAIL: &str = "admin@formations.test";
pub const ADMIN_PASSWORD: &str = "admin-demo-2026";
pub const LEARNER_EMAIL: &str = "apprenant@formations.test";
pub const LEARNER_PASSWORD: &str = "apprenant-demo-2026";
const SECOND_LEARNER_EMAIL: &str = "lea@formations.test";

struct DemoFormation {
    formation: FormationFields,
    weekdays: &'static [Weekday],
    at: (u32, u32),
    duration_minutes: i64,
    /// Session period relative to today, in days.
    period: (i64, i64),
    topics: &'static [&'static str],
    with_recordings: bool,
}

fn formations() -> Vec<DemoFormation> {
    let paris: Tz = chrono_tz::Europe::Paris;
    vec![
        DemoFormation {
            formation: FormationFields {
                info: FormationInfo {
                    name: "Formation Basic".into(),
                    description: "Analyse technique et gestion du risque".into(),
                    level: Level::Beginner,
                    platform: Platform::GoogleMeet,
                    instructor_name: "Jane Smith".into(),
                    schedule_description: "Mar-Jeu, 19h-21h".into(),
                },
                meeting_link: "https://meet.google.com/abc-defg-hij".into(),
                meeting_id: Some("abc-defg-hij".into()),
                meeting_password: None,
                timezone: paris,
                certificate_min_attendance: 0,
                zoom_min_presence: DEFAULT_MIN_PRESENCE,
                zoom_auto_meetings: false,
                offer: Default::default(),
            },
            weekdays: &[Weekday::Tue, Weekday::Thu],
            at: (19, 0),
            duration_minutes: 120,
            period: (-14, 16),
            topics: &[
                "Introduction au trading",
                "Lire un graphique",
                "Supports et résistances",
                "Tendances et figures",
                "Indicateurs techniques",
                "Gestion du risque",
                "Taille de position",
                "Psychologie du trader",
                "Plan de trading",
                "Études de cas",
            ],
            with_recordings: true,
        },
        DemoFormation {
            formation: FormationFields {
                info: FormationInfo {
                    name: "Formation Advanced".into(),
                    description:
                        "Stratégies avancées : options, couverture et gestion de portefeuille"
                            .into(),
                    level: Level::Intermediate,
                    platform: Platform::Zoom,
                    instructor_name: "John Doe".into(),
                    schedule_description: "Mar-Jeu, 19h-21h".into(),
                },
                meeting_link: "https://zoom.us/j/123456789".into(),
                meeting_id: Some("123 456 789".into()),
                meeting_password: Some("secret123".into()),
                timezone: paris,
                certificate_min_attendance: 0,
                zoom_min_presence: DEFAULT_MIN_PRESENCE,
                zoom_auto_meetings: false,
                offer: Default::default(),
            },
            weekdays: &[Weekday::Tue, Weekday::Thu],
            at: (19, 0),
            duration_minutes: 120,
            period: (7, 37),
            topics: &[
                "Rappels et objectifs",
                "Les options",
                "Stratégies de couverture",
                "Volatilité",
                "Allocation d'actifs",
                "Backtesting",
                "Automatisation",
                "Gestion avancée du risque",
                "Fiscalité",
                "Synthèse",
            ],
            with_recordings: false,
        },
        DemoFormation {
            formation: FormationFields {
                info: FormationInfo {
                    name: "Formation Expert".into(),
                    description: "Trading algorithmique et microstructure des marchés".into(),
                    level: Level::Expert,
                    platform: Platform::Teams,
                    instructor_name: "Sophie Laurent".into(),
                    schedule_description: "Lun-Mer, 18h-20h".into(),
                },
                meeting_link: "https://teams.microsoft.com/l/meetup-join/demo-expert".into(),
                meeting_id: Some("EXP-2026".into()),
                meeting_password: Some("expert-pass".into()),
                timezone: paris,
                certificate_min_attendance: 80,
                zoom_min_presence: DEFAULT_MIN_PRESENCE,
                zoom_auto_meetings: false,
                offer: Default::default(),
            },
            weekdays: &[Weekday::Mon, Weekday::Wed],
            at: (18, 0),
            duration_minutes: 120,
            period: (-60, -30),
            topics: &[
                "Microstructure",
                "Carnet d'ordres",
                "Exécution",
                "Market making",
                "Arbitrage statistique",
                "Données haute fréquence",
                "Risque opérationnel",
                "Projet final",
                "Présentations",
            ],
            with_recordings: true,
        },
        DemoFormation {
            formation: FormationFields {
                info: FormationInfo {
                    name: "Gestion de portefeuille".into(),
                    description: "Construire et piloter un portefeuille diversifié".into(),
                    level: Level::Advanced,
                    platform: Platform::Zoom,
                    instructor_name: "Marc Petit".into(),
                    schedule_description: "Sam, 10h-12h".into(),
                },
                meeting_link: "https://zoom.us/j/987654321".into(),
                meeting_id: Some("987 654 321".into()),
                meeting_password: Some("pf-2026".into()),
                timezone: chrono_tz::America::Montreal,
                certificate_min_attendance: 0,
                zoom_min_presence: DEFAULT_MIN_PRESENCE,
                zoom_auto_meetings: false,
                offer: Default::default(),
            },
            weekdays: &[Weekday::Sat],
            at: (10, 0),
            duration_minutes: 120,
            period: (-5, 25),
            topics: &[
                "Allocation",
                "Diversification",
                "Rééquilibrage",
                "Mesure de performance",
                "Bilan",
            ],
            with_recordings: false,
        },
    ]
}

/// Loads the demo data; returns a summary with the accounts to log in with,
/// in the current language. An account with a demo e-mail that the demo did
/// not create is left as it is — not reset, not enrolled — and the summary
/// says so.
pub async fn load(db: &Db, now: DateTime<Utc>) -> Result<String, AppError> {
    let mut accounts = Vec::new();
    ensure_user(
        db,
        &mut accounts,
        ADMIN_EMAIL,
        "Admin Démo",
        ADMIN_PASSWORD,
        Role::Admin,
    )
    .await?;
    let camille = ensure_user(
        db,
        &mut accounts,
        LEARNER_EMAIL,
        "Camille Martin",
        LEARNER_PASSWORD,
        Role::Learner,
    )
    .await?;
    let lea = ensure_user(
        db,
        &mut accounts,
        SECOND_LEARNER_EMAIL,
        "Léa Dubois",
        LEARNER_PASSWORD,
        Role::Learner,
    )
    .await?;

    for (index, demo) in formations().into_iter().enumerate() {
        if db
            .formation_id_by_name(&demo.formation.info.name)
            .await?
            .is_some()
        {
            continue;
        }
        let tz = demo.formation.timezone;
        let today = today_in(tz, now);
        let from = today + Duration::days(demo.period.0);
        let to = today + Duration::days(demo.period.1);
        // What the catalogue announces: the period of the séances, a price
        // and places, and how to pay.
        let mut fields = demo.formation.clone();
        fields.offer = crate::domain::admin::Offer {
            price: Some(crate::domain::price::Price {
                cents: [29_000, 45_000, 69_000, 39_000][index % 4],
                currency: "EUR".into(),
            }),
            starts_on: Some(from),
            ends_on: Some(to),
            seats: Some([20, 15, 12, 12][index % 4]),
            payment_instructions: "Virement bancaire à l'ordre de Formations Démo\n\
                IBAN FR76 3000 6000 0112 3456 7890 189 — BIC AGRIFRPP\n\
                Indiquez votre nom et la formation en référence."
                .into(),
        };
        let formation_id = db.create_formation(&Actor::System, &fields).await?;
        let time = NaiveTime::from_hms_opt(demo.at.0, demo.at.1, 0).expect("valid demo time");
        let starts = weekly_occurrences(tz, demo.weekdays, time, from, to);
        let mut session_ids = Vec::new();
        for (i, at) in starts.iter().enumerate() {
            let number = i as i64 + 1;
            let ended = *at + Duration::minutes(demo.duration_minutes) < now;
            let session = SeanceFields {
                title: demo
                    .topics
                    .get(i)
                    .copied()
                    .unwrap_or("Séance de pratique")
                    .to_string(),
                scheduled_at: *at,
                duration_minutes: demo.duration_minutes,
                meeting_link: None,
                recording_link: (demo.with_recordings && ended)
                    .then(|| format!("https://zoom.us/rec/share/demo-{formation_id}-{number}")),
            };
            let id = db
                .create_session(&Actor::System, formation_id, &session, Some(number))
                .await?;
            session_ids.push((id, *at));
        }
        let total = starts.len() as i64;
        let mut learners = vec![(camille, index != 3)];
        if index == 0 || index == 2 || index == 3 {
            learners.push((lea, true));
        }
        let mut finished = Vec::new();
        for (user_id, live) in learners {
            let Some(user_id) = user_id else {
                continue;
            };
            let enrollment = db
                .enroll(
                    &Actor::System,
                    &NewEnrollment {
                        user_id,
                        formation_id,
                        start_date: from,
                        end_date: to,
                        total_sessions: Some(total),
                    },
                )
                .await?;
            if !live {
                db.cancel_enrollment(&Actor::System, enrollment).await?;
                continue;
            }
            // Present at every past session but the second one.
            for (n, (session_id, at)) in session_ids.iter().enumerate() {
                if *at < now && n != 1 {
                    let marked = *at + Duration::minutes(30);
                    db.insert_attendance(
                        user_id,
                        *session_id,
                        AttendanceSource::SelfMarked,
                        marked,
                    )
                    .await?;
                }
            }
            finished.push((user_id, enrollment));
        }
        // The finished formation: Camille's certificate, and Léa's revoked
        // (the verification page shows both states).
        if to < today {
            for (user_id, enrollment) in finished {
                let code = db
                    .issue_certificate(&Actor::System, enrollment, true, now)
                    .await?;
                if Some(user_id) == lea {
                    db.revoke_certificate(
                        &Actor::System,
                        &code,
                        "Démonstration : certificat révoqué",
                        now,
                    )
                    .await?;
                }
            }
        }
    }
    Ok(format!(
        "{}\n{}",
        tr(current(), "cli-demo-ready", &[]),
        accounts.join("\n")
    ))
}

/// The id of the demo account with this e-mail, created if missing; `None`
/// when the e-mail belongs to an account the demo did not create. One line
/// for the summary either way.
async fn ensure_user(
    db: &Db,
    accounts: &mut Vec<String>,
    email: &str,
    name: &str,
    password: &str,
    role: Role,
) -> Result<Option<i64>, AppError> {
    let email = Email::parse(email)?;
    let lang = current();
    let labels = [
        tr(lang, "cli-demo-admin", &[]),
        tr(lang, "cli-demo-learner", &[]),
    ];
    // The addresses line up under each other, whatever the words' lengths.
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let label = match role {
        Role::Admin => &labels[0],
        Role::Learner => &labels[1],
    };
    let label = format!("{label:<width$}");
    let id = match db.user_origin(&email).await? {
        Some((id, true)) => Some(id),
        Some((_, false)) => None,
        None => {
            let hash = auth::hash_password(Password::parse(password)?).await?;
            Some(
                db.insert_user(&email, name, &hash, role, MadeBy::Demo)
                    .await?,
            )
        }
    };
    accounts.push(match id {
        Some(_) => format!("  {label} {} / {password}", email.as_str()),
        None => format!(
            "  {label} {}",
            tr(
                lang,
                "cli-demo-foreign",
                &[("email", email.as_str().into())]
            )
        ),
    });
    Ok(id)
}
