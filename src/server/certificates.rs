//! The certificates' use cases, shared by the pages, the REST API, the
//! admin area, the CLI and the sweep: verification of a code, the learner's
//! PDF, and the mail that brings it.

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};

use crate::domain::certificate::{
    verification_path, CertificateCode, CertificateRecord, Verification,
};
use crate::domain::language::Lang;
use crate::error::AppError;
use crate::i18n::tr;
use crate::server::certificate_pdf::{self, PdfContext};
use crate::server::http::AppState;
use crate::server::mail::{Attachment, OutgoingMail};

/// The verification of a typed code: malformed and unknown codes alike
/// are "not found" (404, never a 500), whatever the case and dashes.
pub async fn verify(state: &AppState, typed: &str) -> Result<Verification, AppError> {
    let code = CertificateCode::parse(typed).map_err(|_| AppError::NotFound)?;
    let found = state
        .db
        .certificate_by_code(&code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(found.certificate.verification())
}

/// The absolute verification URL of a certificate.
pub fn verification_url(state: &AppState, headers: &HeaderMap, code: &CertificateCode) -> String {
    format!(
        "{}{}",
        state.settings.base_url(headers),
        verification_path(code)
    )
}

/// A learner's PDF of one of their enrollments: issued first if earned and
/// not yet (the download may be the first read), then rendered in their
/// saved language (else the request's). Anybody else's enrollment, no
/// certificate or a revoked one: 404.
pub async fn learner_pdf(
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
    enrollment_id: i64,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    // The same read as the sessions page, which issues on the way.
    crate::server::learner::enrollment_sessions(&state.db, user_id, enrollment_id, now).await?;
    let found = state
        .db
        .learner_certificate(user_id, enrollment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = found.language.unwrap_or_else(crate::i18n::current);
    let pdf = render(state, headers, &found.certificate, lang).await?;
    Ok((certificate_pdf::filename(&found.certificate), pdf))
}

/// Renders on the blocking pool: a page of vector drawing and font
/// subsetting is CPU work that must not hold up the async workers.
pub async fn render(
    state: &AppState,
    headers: &HeaderMap,
    c: &CertificateRecord,
    lang: Lang,
) -> Result<Vec<u8>, AppError> {
    let url = verification_url(state, headers, &c.code);
    let org = state.settings.org_name.clone();
    let c = c.clone();
    tokio::task::spawn_blocking(move || {
        certificate_pdf::render(
            &c,
            &PdfContext {
                org_name: &org,
                verification_url: &url,
                lang,
            },
        )
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// "Votre certificat est disponible", the PDF attached, in `lang`.
pub fn certificate_mail(
    state: &AppState,
    lang: Lang,
    to: &str,
    c: &CertificateRecord,
    url: &str,
    pdf: Vec<u8>,
) -> OutgoingMail {
    // One message, its parts as attributes (`certificates-mail.subject`…).
    let id = "certificates-mail";
    let part = |attribute: &str| {
        tr(
            lang,
            &format!("{id}.{attribute}"),
            &[("formation", (&c.formation_name).into())],
        )
    };
    let subject = part("subject");
    let (intro, body) = (part("intro"), part("body"));
    let mut mail = crate::server::accounts::compose(
        lang,
        to,
        &c.learner_name,
        &subject,
        &[intro.as_str(), body.as_str()],
        (&part("button"), url),
        &part("closing"),
        state
            .mailer
            .message_id(&format!("certificate.{}", c.code.as_str())),
    );
    mail.attachments.push(Attachment {
        filename: certificate_pdf::filename(c),
        content_type: "application/pdf".into(),
        bytes: pdf,
    });
    mail
}

/// What one sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    pub issued: u64,
    pub mailed: u64,
}

/// Certificates mailed per sweep at most (the next sweep takes the rest).
const MAILS_PER_SWEEP: i64 = 50;

/// The periodic sweep: issues every certificate earned and not issued yet
/// (so admin lists and exports are complete even if the learner never came
/// back), then mails each new one once. Safe to run on several instances
/// at once: the insert skips what exists, and a mail is claimed by one
/// `UPDATE … WHERE mailed_at IS NULL` before it is sent.
pub async fn sweep(state: &AppState) -> Result<SweepReport, AppError> {
    let now = state.clock.now();
    let issued = state.db.issue_all_earned(now).await?;
    let mut mailed = 0;
    let headers = HeaderMap::new();
    for due in state.db.certificates_to_mail(MAILS_PER_SWEEP).await? {
        let c = &due.certificate;
        if !state.db.claim_certificate_mail(c.id, now).await? {
            continue;
        }
        let lang = due.language.unwrap_or_default();
        let sent = async {
            let pdf = render(state, &headers, c, lang).await?;
            let url = verification_url(state, &headers, &c.code);
            let mail = certificate_mail(state, lang, &due.email, c, &url, pdf);
            state.mailer.send(mail).await.map_err(|err| {
                tracing::error!(error = %err, code = c.code.as_str(), "certificate mail not sent");
                AppError::Internal
            })
        }
        .await;
        match sent {
            Ok(()) => mailed += 1,
            // Given back: the next sweep tries again.
            Err(_) => state.db.release_certificate_mail(c.id).await?,
        }
    }
    Ok(SweepReport { issued, mailed })
}
