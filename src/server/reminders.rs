//! Reminders, end to end: the sweep that derives what is due from séances
//! and enrollments and writes it into the outbox, and the workers that
//! claim, deliver, retry and expire. Run by the periodic runner of every
//! instance and by `formations reminders run-once`; the database decides
//! who delivers what, so several instances send each reminder once.
//!
//! Delivery over SMTP is at-least-once: an instance that dies between the
//! relay's "250 OK" and `reminder_sent` leaves the row to be claimed again
//! once its lease ends. The `Message-ID` is made of the reminder's id, so
//! the second copy is recognisably the same message.

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};

use crate::domain::enrollment::seance_path;
use crate::domain::format;
use crate::domain::language::Lang;
use crate::domain::reminder::{self, Channel, DeliveryState};
use crate::error::AppError;
use crate::i18n::tr;
use crate::server::http::AppState;
use crate::server::mail::{Attachment, OutgoingMail};
use crate::server::store::reminders::{DueReminder, NewReminder};
use crate::server::store::users::UserSecret;

/// Reminders claimed at once by one worker: small, so that several
/// instances share a large batch instead of one taking it all.
const CLAIM: i64 = 20;

pub use crate::domain::reminder::{PREFERENCES_PATH, UNSUBSCRIBE_PREFIX};

/// One reminder that went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub channel: Channel,
    pub to: String,
    pub formation: String,
    pub session_number: i64,
    pub starts_at: DateTime<Utc>,
}

/// What one sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    /// New rows in the outbox.
    pub queued: u64,
    pub sent: Vec<Sent>,
    /// Attempts that failed (tried again later, or given up).
    pub failed: u64,
    /// Reminders that could no longer help.
    pub expired: u64,
}

impl std::fmt::Display for SweepReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} queued, {} sent, {} failed, {} expired",
            self.queued,
            self.sent.len(),
            self.failed,
            self.expired
        )
    }
}

/// One sweep at the clock's `now`: queues what is due, expires what can no
/// longer help, then delivers every claimable reminder of every channel.
pub async fn sweep(state: &AppState) -> Result<SweepReport, AppError> {
    sweep_at(state, state.clock.now()).await
}

/// [`sweep`] as if it were `now`.
pub async fn sweep_at(state: &AppState, now: DateTime<Utc>) -> Result<SweepReport, AppError> {
    let mut report = SweepReport {
        queued: queue(state, now).await?,
        expired: state.db.expire_reminders(now).await?,
        ..SweepReport::default()
    };
    for channel in Channel::ALL {
        // Each claimed row leaves `pending`-and-due (sent, expired, or
        // retried later), so this ends.
        loop {
            let batch = state.db.claim_reminders(*channel, now, CLAIM).await?;
            if batch.is_empty() {
                break;
            }
            for due in batch {
                deliver(state, due, now, &mut report).await?;
            }
        }
    }
    Ok(report)
}

/// Writes into the outbox every reminder due at `now` that is not there.
async fn queue(state: &AppState, now: DateTime<Utc>) -> Result<u64, AppError> {
    let candidates = state
        .db
        .reminder_candidates(now, Channel::horizon())
        .await?;
    let due: Vec<NewReminder> = candidates
        .into_iter()
        .flat_map(|(c, off)| {
            Channel::ALL
                .iter()
                .map(move |channel| {
                    let candidate = reminder::Candidate {
                        opted_out: off.contains(channel),
                        ..c.clone()
                    };
                    (*channel, candidate)
                })
                .collect::<Vec<_>>()
        })
        .filter(|(channel, c)| reminder::deserves(*channel, c, now))
        .map(|(channel, c)| NewReminder {
            channel,
            user_id: c.user_id,
            session_id: c.session_id,
            starts_at: c.starts_at,
        })
        .collect();
    state.db.insert_reminders(&due, now).await
}

async fn deliver(
    state: &AppState,
    due: DueReminder,
    now: DateTime<Utc>,
    report: &mut SweepReport,
) -> Result<(), AppError> {
    if !due.deliverable(now) {
        state.db.reminder_expired(due.id).await?;
        report.expired += 1;
        return Ok(());
    }
    let outcome = match due.channel {
        Channel::Email => send_email(state, &due).await.map(|()| true),
        Channel::InApp => leave_notice(state, &due, now).await,
        Channel::Push => send_push(state, &due).await,
    };
    match outcome {
        Ok(true) => {
            state.db.reminder_sent(due.id, now).await?;
            report.sent.push(Sent {
                channel: due.channel,
                to: due.email.clone(),
                formation: due.formation_name.clone(),
                session_number: due.session_number,
                starts_at: due.starts_at,
            });
        }
        // Nothing left to deliver it to (every browser unsubscribed).
        Ok(false) => {
            state.db.reminder_expired(due.id).await?;
            report.expired += 1;
        }
        Err(error) => {
            let given_up = state
                .db
                .reminder_failed(due.id, due.attempts, &error, now)
                .await?
                == DeliveryState::Failed;
            tracing::warn!(reminder = due.id, %error, given_up, "reminder not delivered");
            report.failed += 1;
        }
    }
    Ok(())
}

/// The in-app notice: a row the bell, the page and the live streams of
/// every instance show. Written once per reminder, so a redelivery after a
/// lost lease adds nothing.
async fn leave_notice(
    state: &AppState,
    due: &DueReminder,
    now: DateTime<Utc>,
) -> Result<bool, String> {
    let Some(enrollment) = due.enrollment_id else {
        return Ok(false);
    };
    state
        .db
        .notice_for_reminder(
            due.id,
            due.candidate.user_id,
            due.candidate.session_id,
            enrollment,
            now,
        )
        .await
        .map_err(|err| err.to_string())?;
    state.hub.written();
    Ok(true)
}

/// The push of the hour before, to every browser the learner subscribed:
/// sent when one took it; subscriptions their service says are gone are
/// forgotten; busy or failing services are tried again through the outbox.
async fn send_push(state: &AppState, due: &DueReminder) -> Result<bool, String> {
    use crate::domain::notification::{push_result, PushOutcome, PushPayload};
    let (Some(enrollment), subscriptions) = (
        due.enrollment_id,
        state
            .db
            .push_subscriptions(due.candidate.user_id)
            .await
            .map_err(|err| err.to_string())?,
    ) else {
        return Ok(false);
    };
    let vapid = state.vapid().await.map_err(|err| err.to_string())?;
    let lang = due.language.unwrap_or_default();
    let (title, body) = crate::server::notifications::seance_words(
        lang,
        Channel::Push,
        &due.formation_name,
        due.session_number,
        &due.session_title,
    );
    let base = state.settings.base_url(&HeaderMap::new());
    let payload = PushPayload {
        title,
        body,
        url: format!(
            "{base}{}",
            seance_path(enrollment, due.candidate.session_id)
        ),
        tag: format!("seance-{}", due.candidate.session_id),
    };
    let mut outcomes = Vec::with_capacity(subscriptions.len());
    for subscription in &subscriptions {
        let outcome = crate::server::push::send(&state.http, vapid, subscription, &payload).await;
        if outcome == PushOutcome::Gone {
            state
                .db
                .forget_push_subscription(subscription.id)
                .await
                .map_err(|err| err.to_string())?;
        }
        outcomes.push(outcome);
    }
    match push_result(&outcomes) {
        PushOutcome::Delivered => Ok(true),
        PushOutcome::Gone => Ok(false),
        PushOutcome::Retry(error) | PushOutcome::Refused(error) => Err(error),
    }
}

/// The 24-hour e-mail; the error is what the "Envois" page shows.
async fn send_email(state: &AppState, due: &DueReminder) -> Result<(), String> {
    let base = state.settings.base_url(&HeaderMap::new());
    let token = match &due.unsubscribe_token {
        Some(token) => token.clone(),
        None => state
            .db
            .user_secret(
                UserSecret::Unsubscribe,
                due.candidate.user_id,
                &crate::server::auth::secret_token(),
            )
            .await
            .map_err(|err| err.to_string())?,
    };
    let invitation = crate::server::calendar::invitation(
        state,
        &base,
        due.candidate.user_id,
        due.candidate.session_id,
    )
    .await
    .map_err(|err| err.to_string())?;
    let lang = due.language.unwrap_or_default();
    let mut mail = reminder_mail(state, lang, due, &base, &token);
    if let Some(invitation) = invitation {
        mail.attachments.push(Attachment {
            filename: invitation.filename,
            content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
            bytes: invitation.ics.into_bytes(),
        });
    }
    state.mailer.send(mail).await.map_err(|err| err.to_string())
}

/// The words of the 24-hour e-mail in `lang`: what, when in the
/// formation's zone (named), the séance's page on the platform (where the
/// join button obeys the active rule) and how to stop these mails. Never
/// the meeting link, id or password: a mail outlives the active period.
pub fn reminder_mail(
    state: &AppState,
    lang: Lang,
    due: &DueReminder,
    base: &str,
    token: &str,
) -> OutgoingMail {
    let tz = format::zone_of(&due.timezone);
    let page = match due.enrollment_id {
        Some(enrollment) => format!(
            "{base}{}",
            seance_path(enrollment, due.candidate.session_id)
        ),
        None => format!("{base}/user/formations"),
    };
    let id = "reminder-mail";
    let args = [
        ("formation", (&due.formation_name).into()),
        ("number", due.session_number.into()),
        ("title", (&due.session_title).into()),
        ("when", (&format::in_zone(lang, due.starts_at, tz)).into()),
        (
            "duration",
            (&format::duration(lang, due.duration_minutes)).into(),
        ),
        ("preferences", (&format!("{base}{PREFERENCES_PATH}")).into()),
    ];
    let part = |attribute: &str| tr(lang, &format!("{id}.{attribute}"), &args);
    let (intro, join, calendar) = (part("intro"), part("join"), part("calendar"));
    let mut mail = crate::server::accounts::compose(
        lang,
        &due.email,
        &due.learner_name,
        &part("subject"),
        &[intro.as_str(), join.as_str(), calendar.as_str()],
        (&part("button"), &page),
        &part("closing"),
        state.mailer.message_id(&format!("reminder.{}", due.id)),
    );
    mail.list_unsubscribe = Some(format!("{base}{UNSUBSCRIBE_PREFIX}{token}"));
    mail
}

/// Turns off the e-mail reminders of the learner an unsubscribe link
/// names; unknown tokens are "not found". Answers the address, for the
/// confirmation.
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<String, AppError> {
    let (user_id, email) = state
        .db
        .user_by_unsubscribe_token(token)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .db
        .set_reminder_channel(user_id, Channel::Email, false)
        .await?;
    Ok(email)
}

/// `POST /rappels/desabonner/{token}`: the one-click unsubscribe of RFC
/// 8058 (a mailbox POSTs `List-Unsubscribe=One-Click`, answered 200) and
/// the confirmation form of the page at the same address (sent back to
/// the page, which then says it is done). No login and no Origin check:
/// the token is the proof, and the mailbox's POST carries neither.
pub fn router() -> axum::Router<AppState> {
    axum::Router::new().route(
        "/rappels/desabonner/{token}",
        axum::routing::post(unsubscribe_post),
    )
}

async fn unsubscribe_post(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
    body: axum::body::Bytes,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let one_click = url::form_urlencoded::parse(&body)
        .any(|(key, value)| key == "List-Unsubscribe" && value == "One-Click");
    let lang = crate::i18n::current();
    match unsubscribe(&state, &token).await {
        Ok(_) if one_click => (
            StatusCode::OK,
            tr(lang, "reminders-unsubscribed-short", &[]),
        )
            .into_response(),
        Ok(_) => axum::response::Redirect::to(&format!("{UNSUBSCRIBE_PREFIX}{token}?fait=1"))
            .into_response(),
        Err(AppError::NotFound) => (
            StatusCode::NOT_FOUND,
            tr(lang, "reminders-unsubscribe-unknown", &[]),
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "unsubscribe failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                tr(lang, "reminders-unsubscribe-failed", &[]),
            )
                .into_response()
        }
    }
}
