//! The mail that tells a learner what became of their enrollment request:
//! confirmed (payment received, with the enrollment's period) or refused
//! (with the admin's reason). Never a meeting detail: the mail outlives
//! the active period, and the platform's pages show the link when allowed.

use crate::domain::catalogue::RequestStatus;
use crate::domain::format;
use crate::i18n::tr;
use crate::server::http::AppState;
use crate::server::store::requests::RequestDecision;

/// The mail of a decided request, in the learner's language; `None` for a
/// request still waiting (or withdrawn).
pub fn decision_mail(
    state: &AppState,
    request_id: i64,
    d: &RequestDecision,
    base: &str,
) -> Option<crate::server::mail::OutgoingMail> {
    let (id, link) = match d.status {
        RequestStatus::Confirmed => ("request-confirmed-mail", format!("{base}/user/formations")),
        RequestStatus::Rejected => (
            "request-rejected-mail",
            format!("{base}/formations/{}", d.formation_id),
        ),
        RequestStatus::Pending | RequestStatus::Withdrawn => return None,
    };
    let lang = d.lang;
    let (start, end) = d
        .period
        .map(|(s, e)| (format::date(lang, s), format::date(lang, e)))
        .unwrap_or_default();
    let args = [
        ("formation", (&d.formation_name).into()),
        ("start", (&start).into()),
        ("end", (&end).into()),
        ("reason", d.reason.as_deref().unwrap_or_default().into()),
    ];
    let part = |attribute: &str| tr(lang, &format!("{id}.{attribute}"), &args);
    let (subject, intro, body) = (part("subject"), part("intro"), part("body"));
    Some(crate::server::accounts::compose(
        lang,
        &d.email,
        &d.name,
        &subject,
        &[intro.as_str(), body.as_str()],
        (&part("button"), &link),
        &part("closing"),
        state.mailer.message_id(&format!("request.{request_id}")),
    ))
}

/// Tells the learner about the decision. A mail that cannot go is logged,
/// never a failure of the admin's decision, which is made already.
pub async fn tell(state: &AppState, request_id: i64) {
    let base = crate::server::accounts::request_base_url();
    let decision = match state.db.request_decision(request_id).await {
        Ok(decision) => decision,
        Err(err) => {
            tracing::warn!(request = request_id, error = %err, "request decision not read");
            return;
        }
    };
    if let Some(mail) = decision_mail(state, request_id, &decision, &base) {
        if let Err(err) = state.mailer.send(mail).await {
            tracing::warn!(request = request_id, error = %err, "request decision not mailed");
        }
    }
}
