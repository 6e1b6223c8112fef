//! The periodic tasks of `formations serve` (off with
//! `FORMATIONS_BACKGROUND=off`). Each task is idempotent and safe to run on
//! several instances sharing one PostgreSQL: the database decides who does
//! what (unique indexes, claims by `UPDATE … WHERE`), never an in-memory
//! lock. A failing run is logged and the next one tries again.

use std::time::Duration;

use crate::server::http::AppState;

/// How often the tasks run.
pub const PERIOD: Duration = Duration::from_secs(60);

/// One named task: what the runner calls each period.
type Task = fn(&AppState) -> futures_core::future::BoxFuture<'_, Result<String, String>>;

/// Every periodic task, in the order they run.
const TASKS: &[(&str, Task)] = &[
    ("certificates", certificates),
    ("reminders", reminders),
    ("zoom-recordings", zoom_recordings),
];

/// Asks Zoom for the replays its webhook did not bring.
fn zoom_recordings(
    state: &AppState,
) -> futures_core::future::BoxFuture<'_, Result<String, String>> {
    Box::pin(async move {
        crate::server::zoom_sync::recordings(state)
            .await
            .map(|found| format!("{found} replays found"))
            .map_err(|err| err.to_string())
    })
}

/// Issues the certificates earned and not issued yet, mails the new ones.
fn certificates(state: &AppState) -> futures_core::future::BoxFuture<'_, Result<String, String>> {
    Box::pin(async move {
        crate::server::certificates::sweep(state)
            .await
            .map(|r| format!("{} issued, {} mailed", r.issued, r.mailed))
            .map_err(|err| err.to_string())
    })
}

/// Queues the reminders now due, delivers them, retries and expires.
fn reminders(state: &AppState) -> futures_core::future::BoxFuture<'_, Result<String, String>> {
    Box::pin(async move {
        crate::server::reminders::sweep(state)
            .await
            .map(|r| r.to_string())
            .map_err(|err| err.to_string())
    })
}

/// Runs every task once, now.
pub async fn run_once(state: &AppState) {
    for (name, task) in TASKS {
        match task(state).await {
            Ok(report) => tracing::debug!(task = name, %report, "periodic task done"),
            Err(err) => tracing::error!(task = name, error = %err, "periodic task failed"),
        }
    }
}

/// Starts the runner: the tasks at start-up, then every [`PERIOD`]; and,
/// with Zoom credentials, the Zoom meetings worker beside it (its own
/// shorter period: admins wait on it).
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    crate::server::zoom_sync::spawn(state.clone());
    tracing::info!(period_secs = PERIOD.as_secs(), "periodic tasks started");
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(PERIOD);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            run_once(&state).await;
        }
    })
}
