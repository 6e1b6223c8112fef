//! CSV exports of the admin area, plain axum GET routes so a browser
//! downloads them with a link. The router runs the [`Admin`] extractor in
//! front of every route it holds, so a new export cannot forget it (the
//! page guard in front of the links is only a courtesy).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::middleware::from_extractor;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::domain::admin::{AttendanceGrid, EnrollmentLine};
use crate::domain::certificate::CertificateRecord;
use crate::domain::csv;
use crate::error::AppError;
use crate::server::extract::Admin;
use crate::server::http::AppState;
use crate::server::store::enrollments::EnrollmentPage;

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

/// Rows read from the store at a time while an export streams: memory stays
/// one such page whatever the formation's size.
const EXPORT_PAGE: i64 = 500;

/// A CSV download written as it is read: its first page is read before the
/// answer starts (so an unknown formation is a 404, not a broken download),
/// then `more` reads each next page by its keyset cursor until there is
/// none. A failure after the first byte aborts the transfer: the browser
/// reports a failed download, never a short file that looks whole.
fn streamed<F, Fut>(
    filename: String,
    header: &[impl AsRef<str>],
    rows: String,
    next: Option<i64>,
    more: F,
) -> Response
where
    F: FnMut(i64) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<(String, Option<i64>), AppError>> + Send + 'static,
{
    use futures_util::stream::{once, unfold, StreamExt};

    // The BOM and the header line, then the first page's rows.
    let first = csv::document(header, &[]) + &rows;
    let first = once(async move { Ok::<_, AppError>(first) });
    let rest = unfold((next, more), |(cursor, mut more)| async move {
        let cursor = cursor?;
        Some(match more(cursor).await {
            Ok((chunk, next)) => (Ok(chunk), (next, more)),
            Err(err) => (Err(err), (None, more)),
        })
    });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        // Fused: the compression layer polls once more after the end.
        Body::from_stream(first.chain(rest).fuse()),
    )
        .into_response()
}

/// The lines of `rows`, for a page of an export.
fn lines(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    rows.into_iter().map(|row| csv::line(&row)).collect()
}

/// A page of a formation's enrollments, `EXPORT_PAGE` of them.
fn export_page(before: Option<i64>) -> EnrollmentPage<'static> {
    EnrollmentPage {
        before,
        search: "",
        size: EXPORT_PAGE,
    }
}

/// 50.0 → "50,0": the decimal comma a French spreadsheet expects.
fn rate(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

fn enrollment_row(e: &EnrollmentLine) -> Vec<String> {
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
}

/// Every enrollment of a formation, newest first.
async fn enrollments_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let view = state.db.admin_enrollments(id, &export_page(None)).await?;
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
    let rows = lines(view.enrollments.iter().map(enrollment_row));
    let db = state.db.clone();
    Ok(streamed(
        format!("inscriptions-formation-{id}.csv"),
        &header,
        rows,
        view.older_than,
        move |before| {
            let db = db.clone();
            async move {
                let view = db.admin_enrollments(id, &export_page(Some(before))).await?;
                Ok((
                    lines(view.enrollments.iter().map(enrollment_row)),
                    view.older_than,
                ))
            }
        },
    ))
}

/// A page of the grid's learners as lines: present, absent, or empty for a
/// séance that has not happened yet.
fn attendance_lines(grid: &AttendanceGrid) -> String {
    lines(grid.learners.iter().map(|l| {
        let mut row = vec![l.name.clone(), l.email.clone()];
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
    }))
}

/// The attendance grid of every learner (not cancelled), newest enrollment
/// first. The columns are the séances the first page read.
async fn attendance_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let grid = state.db.admin_attendance(id, &export_page(None)).await?;
    let mut header = vec!["Nom".to_string(), "E-mail".to_string()];
    header.extend(
        grid.sessions
            .iter()
            .map(|s| format!("Séance {} ({})", s.number, s.local.replace('T', " "))),
    );
    header.push("Séances suivies".into());
    header.push("Taux de présence (%)".into());
    let rows = attendance_lines(&grid);
    let db = state.db.clone();
    let columns: Vec<i64> = grid.sessions.iter().map(|s| s.id).collect();
    Ok(streamed(
        format!("presences-formation-{id}.csv"),
        &header,
        rows,
        grid.older_than,
        move |before| {
            let db = db.clone();
            let columns = columns.clone();
            async move {
                let grid = db.admin_attendance(id, &export_page(Some(before))).await?;
                // A séance added or deleted while the export runs would
                // shift the columns under the header: the download fails
                // rather than mislabel them.
                if grid
                    .sessions
                    .iter()
                    .map(|s| s.id)
                    .ne(columns.iter().copied())
                {
                    return Err(AppError::Conflict(
                        crate::error::ErrorCode::NoLongerPossible,
                    ));
                }
                Ok((attendance_lines(&grid), grid.older_than))
            }
        },
    ))
}

fn certificate_row(c: &CertificateRecord) -> Vec<String> {
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
}

/// Every certificate of a formation, replaced and revoked ones included,
/// newest first.
async fn certificates_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state.db.admin_head(id).await?;
    let page = state.db.admin_certificates(id, None, EXPORT_PAGE).await?;
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
    let rows = lines(page.certificates.iter().map(certificate_row));
    let db = state.db.clone();
    Ok(streamed(
        format!("certificats-formation-{id}.csv"),
        &header,
        rows,
        page.older_than,
        move |before| {
            let db = db.clone();
            async move {
                let page = db.admin_certificates(id, Some(before), EXPORT_PAGE).await?;
                Ok((
                    lines(page.certificates.iter().map(certificate_row)),
                    page.older_than,
                ))
            }
        },
    ))
}
