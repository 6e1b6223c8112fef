//! CSV exports of the admin area, plain axum GET routes so a browser
//! downloads them with a link. The router runs the [`Admin`] extractor in
//! front of every route it holds, so a new export cannot forget it (the
//! page guard in front of the links is only a courtesy).

use axum::extract::{Path, State};
use axum::http::header;
use axum::middleware::from_extractor;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::domain::csv;
use crate::error::AppError;
use crate::server::extract::Admin;
use crate::server::http::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/formations/{id}/inscriptions.csv",
            get(enrollments_csv),
        )
        .route("/admin/formations/{id}/presences.csv", get(attendance_csv))
        .route(
            "/admin/formations/{id}/certificats.csv",
            get(certificates_csv),
        )
        .route_layer(from_extractor::<Admin>())
}

/// A CSV download: its file name, its header line and its rows.
struct Csv {
    filename: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl IntoResponse for Csv {
    fn into_response(self) -> Response {
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", self.filename),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            csv::document(&self.header, &self.rows),
        )
            .into_response()
    }
}

/// 50.0 → "50,0": the decimal comma a French spreadsheet expects.
fn rate(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

async fn enrollments_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Csv, AppError> {
    let view = state.db.admin_enrollments(id).await?;
    let rows: Vec<Vec<String>> = view
        .enrollments
        .iter()
        .map(|e| {
            vec![
                e.user_name.clone(),
                e.user_email.clone(),
                e.start_date.clone(),
                e.end_date.clone(),
                e.status.label().to_string(),
                e.total_sessions.to_string(),
                e.attended_sessions.to_string(),
                rate(e.attendance_rate),
            ]
        })
        .collect();
    let header = [
        "Nom",
        "E-mail",
        "Début",
        "Fin",
        "Statut",
        "Séances prévues",
        "Séances suivies",
        "Taux de présence (%)",
    ];
    Ok(Csv {
        filename: format!("inscriptions-formation-{id}.csv"),
        header: header.map(String::from).to_vec(),
        rows,
    })
}

async fn attendance_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Csv, AppError> {
    let grid = state.db.admin_attendance(id).await?;
    let mut header = vec!["Nom".to_string(), "E-mail".to_string()];
    header.extend(
        grid.sessions
            .iter()
            .map(|s| format!("Séance {} ({})", s.number, s.local.replace('T', " "))),
    );
    header.push("Séances suivies".into());
    header.push("Taux de présence (%)".into());
    let rows: Vec<Vec<String>> = grid
        .learners
        .iter()
        .map(|l| {
            let mut row = vec![l.name.clone(), l.email.clone()];
            // A session that has not happened yet is neither: left empty.
            row.extend(grid.sessions.iter().zip(&l.attended).map(|(s, p)| {
                match (s.attendance_open, *p) {
                    (false, _) => "",
                    (true, true) => "Présent",
                    (true, false) => "Absent",
                }
                .to_string()
            }));
            row.push(l.attended_sessions.to_string());
            row.push(rate(l.attendance_rate));
            row
        })
        .collect();
    Ok(Csv {
        filename: format!("presences-formation-{id}.csv"),
        header,
        rows,
    })
}

/// Every certificate of a formation, replaced and revoked ones included.
async fn certificates_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Csv, AppError> {
    state.db.admin_head(id).await?;
    let rows: Vec<Vec<String>> = state
        .db
        .formation_certificates(id)
        .await?
        .iter()
        .map(|c| {
            let state = c.state();
            let (revoked_at, reason) = match &state {
                crate::domain::certificate::CertificateState::Revoked { at, reason } => {
                    (crate::server::store::instant_text(*at), reason.clone())
                }
                _ => (String::new(), String::new()),
            };
            vec![
                c.code.display(),
                c.learner_name.clone(),
                c.start_date.to_string(),
                c.end_date.to_string(),
                c.attended_sessions.to_string(),
                c.total_sessions.to_string(),
                rate(c.attended_minutes as f64 / 60.0),
                crate::server::store::instant_text(c.issued_at),
                state.label().to_string(),
                if c.by_exception { "oui" } else { "non" }.to_string(),
                revoked_at,
                reason,
                c.replaced_by
                    .as_ref()
                    .map(|r| r.display())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        "Code",
        "Apprenant",
        "Début",
        "Fin",
        "Séances suivies",
        "Séances prévues",
        "Heures suivies",
        "Délivré le",
        "État",
        "Par exception",
        "Révoqué le",
        "Motif",
        "Remplacé par",
    ];
    Ok(Csv {
        filename: format!("certificats-formation-{id}.csv"),
        header: header.map(String::from).to_vec(),
        rows,
    })
}
