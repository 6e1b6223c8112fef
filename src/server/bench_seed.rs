//! `formations bench-seed`: the benchmark's large database, so that
//! `end2end/bench.sh --scale` measures the pages at 10 k and at 1 M
//! enrollments from the same command. The formations and their séances go
//! through their write paths; the rows by the hundred thousand through
//! [`Db::bench_fill`].

use chrono::{DateTime, Duration, Utc};

use crate::domain::account::Password;
use crate::domain::admin::FormationFields;
use crate::domain::attendance::DEFAULT_MIN_PRESENCE;
use crate::domain::formation::{FormationInfo, Level, Platform};
use crate::error::AppError;
use crate::server::auth;
use crate::server::db::Db;
use crate::server::store::audit::Actor;
use crate::server::store::bench::{BenchCounts, ENROLLMENTS_PER_LEARNER};
use crate::server::store::formations::SeanceFields;

/// The formations of a bench database (as in issue 19: 1 M enrollments,
/// 200 k learners, 20 formations).
pub const BENCH_FORMATIONS: i64 = 20;
/// Séances of each, one a week from three weeks ago.
const SEANCES: i64 = 10;
/// Every bench learner's password.
pub const BENCH_PASSWORD: &str = "bench-password-2026";

/// Adds `enrollments` enrollments (rounded down to a multiple of five) of
/// `enrollments / 5` new learners across 20 new formations.
pub async fn seed(db: &Db, enrollments: i64, now: DateTime<Utc>) -> Result<BenchCounts, AppError> {
    let learners = enrollments / ENROLLMENTS_PER_LEARNER;
    let mut formations = Vec::new();
    for n in 1..=BENCH_FORMATIONS {
        let fields = FormationFields {
            info: FormationInfo {
                name: format!("Banc d'essai {n:02}"),
                description: "Formation du banc d'essai".into(),
                level: Level::Intermediate,
                platform: Platform::Zoom,
                instructor_name: "Banc d'essai".into(),
                schedule_description: "Lundi, 18h-20h".into(),
            },
            meeting_link: format!("https://zoom.us/j/9{n:09}"),
            meeting_id: None,
            meeting_password: None,
            timezone: crate::domain::zone::PARIS,
            certificate_min_attendance: 0,
            zoom_min_presence: DEFAULT_MIN_PRESENCE,
            zoom_auto_meetings: false,
            offer: Default::default(),
        };
        let id = db.create_formation(&Actor::System, &fields).await?;
        for number in 1..=SEANCES {
            let seance = SeanceFields {
                title: format!("Séance {number}"),
                scheduled_at: now + Duration::days(7 * (number - 4)) + Duration::minutes(n),
                duration_minutes: 120,
                meeting_link: None,
                recording_link: None,
            };
            db.create_session(&Actor::System, id, &seance, Some(number))
                .await?;
        }
        formations.push(id);
    }
    let hash =
        auth::hash_password(Password::parse(BENCH_PASSWORD).map_err(AppError::BadRequest)?).await?;
    db.bench_fill(learners, &formations, &hash, now).await
}
