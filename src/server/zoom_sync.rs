//! Keeps Zoom in step with the séances of formations that create their
//! meetings: the worker of the Zoom outbox (every few seconds on every
//! instance, and at once after an admin's change on this one) and the
//! fallback that asks Zoom for the replays its webhook did not bring.
//! Zoom being down never blocks an admin: the séance is saved, its row
//! waits here with backoff.

use chrono::{DateTime, Utc};

use crate::domain::zoom_meetings::{self as rules, Failure, Step, SyncJob};
use crate::error::AppError;
use crate::server::http::AppState;
use crate::server::store::audit::Actor;
use crate::server::store::zoom_sync::Written;
use crate::server::zoom_api::ZoomApi;

/// Rows claimed at once: small, so that instances share a long series.
const CLAIM: i64 = 20;

/// Claims per sweep at most: a row Zoom keeps sending back "now" cannot
/// hold a worker in a loop.
const MAX_ROUNDS: usize = 20;

/// Replays asked for per run.
const RECORDING_CHECKS: i64 = 20;

/// How often each instance looks at the outbox: a séance added by the
/// command line or another instance is in Zoom within this (plus the
/// calls).
pub const PERIOD: std::time::Duration = std::time::Duration::from_secs(5);

/// What one sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub created: u64,
    pub updated: u64,
    pub deleted: u64,
    /// Rows Zoom was already in step with.
    pub unchanged: u64,
    pub failed: u64,
}

impl std::fmt::Display for SyncReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} deleted, {} unchanged, {} failed",
            self.created, self.updated, self.deleted, self.unchanged, self.failed
        )
    }
}

/// Works the outbox at the clock's now. Without Zoom credentials there is
/// nothing to do (rows wait, the admin area says why).
pub async fn sweep(state: &AppState) -> Result<SyncReport, AppError> {
    sweep_at(state, state.clock.now()).await
}

pub async fn sweep_at(state: &AppState, now: DateTime<Utc>) -> Result<SyncReport, AppError> {
    let mut report = SyncReport::default();
    let Some(api) = state.zoom_api.as_deref() else {
        return Ok(report);
    };
    for _ in 0..MAX_ROUNDS {
        let batch = state.db.claim_zoom_syncs(now, CLAIM).await?;
        if batch.is_empty() {
            break;
        }
        for job in batch {
            work(state, api, &job, now, &mut report).await?;
        }
    }
    Ok(report)
}

async fn work(
    state: &AppState,
    api: &ZoomApi,
    job: &SyncJob,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<(), AppError> {
    let db = &state.db;
    match rules::next_step(job, now) {
        Step::Nothing if job.seance.is_none() => db.zoom_forget(job).await,
        Step::Nothing => {
            report.unchanged += 1;
            db.zoom_synced(job, None, now).await
        }
        Step::Create(plan) => match api.create_meeting(&plan, now).await {
            Ok(meeting) => {
                match db
                    .zoom_meeting_created(job, &meeting, &plan.fingerprint(), now)
                    .await?
                {
                    Written::Yes => {
                        report.created += 1;
                        Ok(())
                    }
                    // Deleted while Zoom made it: the meeting goes too.
                    Written::SeanceGone => match api.delete_meeting(&meeting.id, now).await {
                        Ok(()) => db.zoom_forget(job).await,
                        Err(failure) => {
                            tracing::warn!(session = job.session_id, meeting = %meeting.id,
                                reason = %failure.reason(), "orphan Zoom meeting not deleted");
                            db.zoom_forget(job).await
                        }
                    },
                }
            }
            Err(failure) => failed(state, job, failure, now, report).await,
        },
        Step::Update(id, plan) => match api.update_meeting(&id, &plan, now).await {
            Ok(()) => {
                report.updated += 1;
                db.zoom_synced(job, Some(&plan.fingerprint()), now).await
            }
            // Deleted in Zoom by someone: the séance gets a new one.
            Err(Failure::NotFound) => db.zoom_meeting_lost(job, now).await,
            Err(failure) => failed(state, job, failure, now, report).await,
        },
        Step::Delete(id) => match api.delete_meeting(&id, now).await {
            Ok(()) => {
                report.deleted += 1;
                db.zoom_forget(job).await
            }
            Err(failure) => failed(state, job, failure, now, report).await,
        },
    }
}

async fn failed(
    state: &AppState,
    job: &SyncJob,
    failure: Failure,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<(), AppError> {
    report.failed += 1;
    let (reason, retry_at) = match &failure {
        Failure::Retry { reason, after } => {
            (reason.clone(), rules::retry_at(job.attempts, *after, now))
        }
        // A 404 on a create is a host Zoom does not know: a refusal.
        Failure::Refused(reason) => (reason.clone(), None),
        Failure::NotFound => (failure.reason(), None),
    };
    tracing::warn!(session = job.session_id, %reason, given_up = retry_at.is_none(), "Zoom sync failed");
    state.db.zoom_sync_failed(job, &reason, retry_at, now).await
}

/// Asks Zoom for the replays of séances that ended over two hours ago
/// without one (the `recording.completed` webhook may have been lost or
/// not configured). Bounded per run.
pub async fn recordings(state: &AppState) -> Result<u64, AppError> {
    recordings_at(state, state.clock.now()).await
}

pub async fn recordings_at(state: &AppState, now: DateTime<Utc>) -> Result<u64, AppError> {
    let Some(api) = state.zoom_api.as_deref() else {
        return Ok(0);
    };
    let mut found = 0;
    for (session_id, meeting) in state
        .db
        .claim_recording_checks(now, RECORDING_CHECKS)
        .await?
    {
        match api.recording(&meeting, now).await {
            Ok(Some(link)) => {
                state
                    .db
                    .set_recording(&Actor::Zoom, session_id, Some(&link))
                    .await?;
                found += 1;
            }
            Ok(None) => {}
            Err(failure) => {
                tracing::warn!(session = session_id, reason = %failure.reason(), "Zoom recordings not read");
            }
        }
    }
    Ok(found)
}

/// The worker of this instance: a sweep every [`PERIOD`], or sooner when
/// an admin's change wakes it. Only with Zoom credentials.
pub fn spawn(state: AppState) -> Option<tokio::task::JoinHandle<()>> {
    state.zoom_api.as_ref()?;
    tracing::info!(
        period_secs = PERIOD.as_secs(),
        "Zoom meetings worker started"
    );
    Some(tokio::spawn(async move {
        loop {
            match sweep(&state).await {
                Ok(report) if report != SyncReport::default() => {
                    tracing::info!(%report, "Zoom meetings synchronised")
                }
                Ok(_) => {}
                Err(err) => tracing::error!(error = %err, "Zoom meetings worker failed"),
            }
            tokio::select! {
                () = tokio::time::sleep(PERIOD) => {}
                () = state.zoom_wake.notified() => {}
            }
        }
    }))
}
