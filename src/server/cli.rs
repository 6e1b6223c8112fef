//! The management commands of the spec, for admins and scripts. Each
//! `create`/`add`/`enroll` prints the new id alone on stdout; every error is
//! one line on stderr and a non-zero exit code. The messages speak the
//! language of `LANG` (French by default); clap's `--help` stays English.

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::domain::account::{DisplayName, Email, Password, Role};
use crate::domain::admin::FormationFields;
use crate::domain::formation::{
    parse_date, parse_meeting_link, parse_optional, parse_recording_link, parse_required,
    parse_timezone, FormationInfo, Level, Platform, MAX_DESCRIPTION_CHARS, MAX_MEETING_CODE_CHARS,
};
use crate::error::{AppError, ErrorCode};
use crate::i18n::{current, tr, Arg};
use crate::server::auth;
use crate::server::config::Config;
use crate::server::db::{Db, DbSetupError};
use crate::server::http::Application;
use crate::server::store::audit::Actor;
use crate::server::store::enrollments::NewEnrollment;
use crate::server::store::formations::SeanceFields;
use crate::server::store::users::MadeBy;

#[derive(Parser, Debug)]
#[command(
    name = "formations",
    version,
    about = "Formations: live trainings and everything around them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web app and the API (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage formations.
    #[command(subcommand)]
    Formation(FormationCommand),
    /// Manage the sessions of a formation.
    #[command(subcommand)]
    Session(SeanceCommand),
    /// Enroll a user in a formation (payment already confirmed).
    Enroll(EnrollArgs),
    /// Load the demo data (idempotent).
    Demo,
    /// Add the benchmark's large data: learners enrolled five times each
    /// across 20 new formations, with attendance and pending requests
    /// (`end2end/bench.sh --scale`). Not for a real database.
    BenchSeed {
        /// How many enrollments (a multiple of five).
        #[arg(long)]
        enrollments: i64,
    },
    /// Completion certificates: issue, revoke, show.
    #[command(subcommand)]
    Certificate(CertificateCommand),
    /// Session reminders.
    #[command(subcommand)]
    Reminders(RemindersCommand),
}

#[derive(Subcommand, Debug)]
pub enum RemindersCommand {
    /// One sweep: queue what is due, deliver it on every channel, and print
    /// what was sent.
    RunOnce {
        /// The instant to sweep at (RFC 3339), instead of now.
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<Utc>>,
    },
}

fn parse_now(value: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| tr(current(), "cli-reminders-now", &[("value", value.into())]))
}

#[derive(Subcommand, Debug)]
pub enum CertificateCommand {
    /// Issue the certificate of a finished enrollment; prints its code.
    Issue {
        #[arg(long)]
        enrollment: i64,
        /// Issue it even below the formation's minimum attendance.
        #[arg(long)]
        force: bool,
    },
    /// Revoke a certificate.
    Revoke {
        #[arg(long)]
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// Print a certificate and its state.
    Show {
        #[arg(long)]
        code: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The password, or `-` to read it from standard input (first line)
        /// so that it stays out of the process list and the shell history.
        #[arg(long)]
        password: SecretArg,
        #[arg(long)]
        admin: bool,
    },
}

/// A secret typed on the command line: `Debug` (clap's, logs) prints `***`.
#[derive(Clone)]
pub struct SecretArg(String);

impl std::str::FromStr for SecretArg {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(SecretArg(value.to_string()))
    }
}

impl std::fmt::Debug for SecretArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

#[derive(Subcommand, Debug)]
pub enum FormationCommand {
    Create(FormationArgs),
}

#[derive(Args)]
pub struct FormationArgs {
    #[arg(long)]
    name: String,
    #[arg(long)]
    description: String,
    /// beginner, intermediate, advanced or expert
    #[arg(long)]
    level: String,
    /// zoom, google_meet or teams
    #[arg(long)]
    platform: String,
    /// Optional with --zoom-auto-meetings (each session gets its own)
    #[arg(long, default_value = "")]
    meeting_link: String,
    #[arg(long)]
    meeting_id: Option<String>,
    /// The meeting password, or `-` to read it from standard input
    #[arg(long)]
    meeting_password: Option<String>,
    #[arg(long)]
    instructor: String,
    /// e.g. "Mar-Jeu, 19h-21h"
    #[arg(long)]
    schedule: String,
    /// IANA time zone of the formation
    #[arg(long, default_value = "Europe/Paris")]
    timezone: String,
    /// Percent (0-100) of the sessions to attend for the certificate
    #[arg(long, default_value = "0")]
    certificate_min_attendance: String,
    /// Percent (0-100) of a session to attend, in Zoom's records or an
    /// imported report, to be marked present
    #[arg(long, default_value = "50")]
    zoom_min_presence: String,
    /// Create, move and delete a Zoom meeting with each session (Zoom
    /// formations; needs the server's Zoom API credentials)
    #[arg(long)]
    zoom_auto_meetings: bool,
    /// Keep it out of the catalogue until an admin publishes it
    #[arg(long)]
    draft: bool,
}
crate::debug_redacted!(FormationArgs { name, description, level, platform, instructor, schedule, timezone, certificate_min_attendance, zoom_min_presence, zoom_auto_meetings, draft } hide { meeting_link, meeting_id, meeting_password });

#[derive(Subcommand, Debug)]
pub enum SeanceCommand {
    Add(SeanceArgs),
}

#[derive(Args)]
pub struct SeanceArgs {
    #[arg(long)]
    formation: i64,
    #[arg(long)]
    number: i64,
    #[arg(long)]
    title: String,
    /// RFC 3339 with an offset or Z, e.g. 2024-01-22T19:00:00+01:00
    #[arg(long)]
    at: String,
    #[arg(long)]
    duration_minutes: i64,
    #[arg(long)]
    meeting_link: Option<String>,
    #[arg(long)]
    recording_link: Option<String>,
}
crate::debug_redacted!(SeanceArgs { formation, number, title, at, duration_minutes, recording_link } hide { meeting_link });

#[derive(Args, Debug)]
pub struct EnrollArgs {
    #[arg(long)]
    email: String,
    #[arg(long)]
    formation: i64,
    #[arg(long)]
    start_date: String,
    #[arg(long)]
    end_date: String,
    #[arg(long)]
    total_sessions: i64,
}

/// A command's failure, printed as one line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(String);

impl From<ErrorCode> for CliError {
    fn from(value: ErrorCode) -> Self {
        AppError::from(value).into()
    }
}

/// The database's set-up errors in the command's language; the reason
/// under them is the driver's own.
impl From<DbSetupError> for CliError {
    fn from(value: DbSetupError) -> Self {
        let lang = current();
        CliError(match value {
            DbSetupError::UnsupportedUrl(url) => {
                tr(lang, "cli-db-unsupported", &[("url", (&url).into())])
            }
            DbSetupError::Connect { url, reason } => tr(
                lang,
                "cli-db-connect",
                &[("url", (&url).into()), ("reason", (&reason).into())],
            ),
            DbSetupError::Migrate { url, reason } => tr(
                lang,
                "cli-db-migrate",
                &[("url", (&url).into()), ("reason", (&reason).into())],
            ),
        })
    }
}

impl From<AppError> for CliError {
    fn from(value: AppError) -> Self {
        match value.field() {
            Some(field) => CliError(format!("--{}: {value}", field.replace('_', "-"))),
            None => CliError(value.to_string()),
        }
    }
}

/// A secret given on the command line, or read from standard input when it
/// is `-`: its first line, without the line ending.
fn secret(flag: &str, value: String) -> Result<String, CliError> {
    if value != "-" {
        return Ok(value);
    }
    secret_from(flag, std::io::stdin().lock())
}

fn secret_from(flag: &str, mut input: impl std::io::BufRead) -> Result<String, CliError> {
    let lang = current();
    let mut line = String::new();
    let read = input.read_line(&mut line).map_err(|e| {
        CliError(tr(
            lang,
            "cli-stdin-unreadable",
            &[("flag", flag.into()), ("reason", (&e.to_string()).into())],
        ))
    })?;
    let line = line.trim_end_matches(['\n', '\r']);
    if read == 0 || line.is_empty() {
        return Err(CliError(tr(
            lang,
            "cli-stdin-empty",
            &[("flag", flag.into())],
        )));
    }
    Ok(line.to_string())
}

fn optional(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub async fn run(command: Command, config: Config) -> Result<(), CliError> {
    let lang = current();
    let open = || async { Db::open(&config.database_url).await.map_err(CliError::from) };
    let reason = |e: std::io::Error| Arg::from(&e.to_string());
    match command {
        Command::Serve => {
            let db = open().await?;
            let app = Application::build(&config, db).await.map_err(|e| {
                CliError(tr(
                    lang,
                    "cli-cannot-listen",
                    &[
                        ("addr", (&config.site_addr.to_string()).into()),
                        ("reason", reason(e)),
                    ],
                ))
            })?;
            tracing::info!(addr = %config.site_addr, "listening on http://{}", config.site_addr);
            if config.background {
                crate::server::jobs::spawn(app.state());
            } else {
                tracing::info!("FORMATIONS_BACKGROUND=off: no periodic tasks");
            }
            app.run_until_stopped()
                .await
                .map_err(|e| CliError(tr(lang, "cli-server-error", &[("reason", reason(e))])))
        }
        Command::Migrate => {
            open().await?;
            eprintln!("{}", tr(lang, "cli-migrations-applied", &[]));
            Ok(())
        }
        Command::User(UserCommand::Create {
            email,
            name,
            password,
            admin,
        }) => {
            let password = secret("--password", password.0)?;
            let db = open().await?;
            let id = create_user(&db, &email, &name, &password, admin).await?;
            println!("{id}");
            Ok(())
        }
        Command::Formation(FormationCommand::Create(mut args)) => {
            args.meeting_password = args
                .meeting_password
                .map(|pw| secret("--meeting-password", pw))
                .transpose()?;
            let draft = args.draft;
            let formation = parse_formation(args)?;
            let db = open().await?;
            println!(
                "{}",
                db.create_formation_as(&Actor::Cli, &formation, draft)
                    .await?
            );
            Ok(())
        }
        Command::Session(SeanceCommand::Add(args)) => {
            let db = open().await?;
            println!("{}", add_session(&db, args).await?);
            Ok(())
        }
        Command::Certificate(command) => {
            let db = open().await?;
            certificate(&db, command, Utc::now()).await
        }
        Command::Reminders(RemindersCommand::RunOnce { now }) => {
            let db = open().await?;
            let clock = match now {
                Some(at) => crate::server::clock::Clock::fixed(at),
                None => crate::server::clock::Clock::real(),
            };
            let state = crate::server::http::AppState::new(
                &config,
                db,
                crate::server::throttle::Hashing::global(),
                clock,
            )
            .map_err(|e| CliError(e.to_string()))?;
            let report = crate::server::reminders::sweep(&state).await?;
            for sent in &report.sent {
                println!(
                    "{}",
                    tr(
                        lang,
                        "cli-reminder-sent",
                        &[
                            ("channel", sent.channel.as_str().into()),
                            ("to", (&sent.to).into()),
                            ("formation", (&sent.formation).into()),
                            ("number", sent.session_number.into()),
                            (
                                "start",
                                (&crate::server::store::instant_text(sent.starts_at)).into()
                            ),
                        ],
                    )
                );
            }
            eprintln!(
                "{}",
                tr(
                    lang,
                    "cli-reminders-report",
                    &[
                        ("queued", report.queued.into()),
                        ("sent", (report.sent.len() as u64).into()),
                        ("failed", report.failed.into()),
                        ("expired", report.expired.into()),
                    ],
                )
            );
            Ok(())
        }
        Command::Enroll(args) => {
            let db = open().await?;
            println!("{}", enroll(&db, args).await?);
            Ok(())
        }
        Command::Demo => {
            let db = open().await?;
            let summary = crate::server::demo::load(&db, Utc::now()).await?;
            eprintln!("{summary}");
            Ok(())
        }
        Command::BenchSeed { enrollments } => {
            let db = open().await?;
            let c = crate::server::bench_seed::seed(&db, enrollments, Utc::now()).await?;
            println!(
                "{} learners, {} enrollments, {} attendance marks, {} pending requests",
                c.learners, c.enrollments, c.marks, c.requests
            );
            Ok(())
        }
    }
}

pub async fn create_user(
    db: &Db,
    email: &str,
    name: &str,
    password: &str,
    admin: bool,
) -> Result<i64, CliError> {
    let email = Email::parse(email)?;
    let name = DisplayName::parse(name)?;
    let password = Password::parse(password)?;
    let hash = auth::hash_password(password).await?;
    let role = if admin { Role::Admin } else { Role::Learner };
    Ok(db
        .insert_user(&email, name.as_str(), &hash, role, MadeBy::Admin)
        .await?)
}

fn parse_formation(args: FormationArgs) -> Result<FormationFields, CliError> {
    let platform = Platform::parse(&args.platform)?;
    if args.zoom_auto_meetings && platform != Platform::Zoom {
        return Err(ErrorCode::ZoomAutoNotZoom.into());
    }
    Ok(FormationFields {
        info: FormationInfo {
            name: parse_required("name", &args.name, 200)?,
            description: parse_optional("description", &args.description, MAX_DESCRIPTION_CHARS)?
                .unwrap_or_default(),
            level: Level::parse(&args.level)?,
            platform,
            instructor_name: parse_required("instructor", &args.instructor, 200)?,
            schedule_description: parse_required("schedule", &args.schedule, 200)?,
        },
        meeting_link: if args.zoom_auto_meetings && args.meeting_link.trim().is_empty() {
            String::new()
        } else {
            parse_meeting_link(platform, &args.meeting_link)?
        },
        meeting_id: parse_optional(
            "meeting-id",
            args.meeting_id.as_deref().unwrap_or_default(),
            MAX_MEETING_CODE_CHARS,
        )?,
        meeting_password: parse_optional(
            "meeting-password",
            args.meeting_password.as_deref().unwrap_or_default(),
            MAX_MEETING_CODE_CHARS,
        )?,
        timezone: parse_timezone(&args.timezone)?,
        certificate_min_attendance: crate::domain::certificate::parse_min_attendance(
            &args.certificate_min_attendance,
        )?,
        zoom_min_presence: crate::domain::attendance::parse_min_presence(&args.zoom_min_presence)?,
        zoom_auto_meetings: args.zoom_auto_meetings,
        offer: Default::default(),
    })
}

/// The formation flag's error when no formation has that id.
fn no_formation(id: i64) -> impl FnOnce(AppError) -> CliError {
    move |err| match err {
        AppError::NotFound => ErrorCode::NoFormationWithId { id }.into(),
        err => err.into(),
    }
}

/// Parses the arguments; the rules of a séance (number, duration, link on
/// the formation's platform) are checked by the store, as for every caller.
async fn add_session(db: &Db, args: SeanceArgs) -> Result<i64, CliError> {
    let scheduled_at = DateTime::parse_from_rfc3339(args.at.trim())
        .map_err(|_| ErrorCode::NotADateTime {
            field: "at".into(),
            value: args.at.clone(),
        })?
        .with_timezone(&Utc);
    let session = SeanceFields {
        title: parse_required("title", &args.title, 200)?,
        scheduled_at,
        duration_minutes: args.duration_minutes,
        meeting_link: optional(args.meeting_link),
        recording_link: optional(args.recording_link)
            .map(|l| parse_recording_link(&l))
            .transpose()?,
    };
    db.create_session(&Actor::Cli, args.formation, &session, Some(args.number))
        .await
        .map_err(no_formation(args.formation))
}

async fn enroll(db: &Db, args: EnrollArgs) -> Result<i64, CliError> {
    let email = Email::parse(&args.email)?;
    let start_date = parse_date("start_date", &args.start_date)?;
    let end_date = parse_date("end_date", &args.end_date)?;
    // Checked here to name the flag before any query; the store checks the
    // same rule for every caller.
    if end_date < start_date {
        return Err(ErrorCode::EndBeforeStart.into());
    }
    let user_id = db
        .user_id_by_email(&email)
        .await?
        .ok_or_else(|| ErrorCode::NoUserWithEmail {
            email: email.as_str().to_string(),
        })?;
    let enrollment = NewEnrollment {
        user_id,
        formation_id: args.formation,
        start_date,
        end_date,
        total_sessions: Some(args.total_sessions),
    };
    db.enroll(&Actor::Cli, &enrollment)
        .await
        .map_err(no_formation(args.formation))
}

/// `formations certificate …`: the same store functions as the admin area,
/// as the CLI (audited as "ligne de commande").
async fn certificate(
    db: &Db,
    command: CertificateCommand,
    now: DateTime<Utc>,
) -> Result<(), CliError> {
    use crate::domain::certificate::{CertificateCode, CertificateState};
    let parse = |code: &str| CertificateCode::parse(code).map_err(CliError::from);
    match command {
        CertificateCommand::Issue { enrollment, force } => {
            let code = db
                .issue_certificate(&Actor::Cli, enrollment, force, now)
                .await?;
            println!("{}", code.display());
        }
        CertificateCommand::Revoke { code, reason } => {
            db.revoke_certificate(&Actor::Cli, &parse(&code)?, &reason, now)
                .await?;
        }
        CertificateCommand::Show { code } => {
            let c = db
                .certificate_by_code(&parse(&code)?)
                .await?
                .ok_or(AppError::NotFound)?
                .certificate;
            let lang = current();
            // One message, its labels as attributes.
            let id = "cli-certificate-show";
            let label = |attribute: &str| tr(lang, &format!("{id}.{attribute}"), &[]);
            let state = match c.state() {
                CertificateState::Valid => c.state().as_str().to_string(),
                CertificateState::Revoked { at, reason } => {
                    format!(
                        "revoked {} ({reason})",
                        crate::server::store::instant_text(at)
                    )
                }
                CertificateState::Replaced { by } => format!("replaced by {by}"),
            };
            for (attribute, value) in [
                ("code", c.code.display()),
                ("state", state),
                ("learner", c.learner_name.clone()),
                (
                    "formation",
                    format!("{} ({})", c.formation_name, c.level.as_str()),
                ),
                ("period", format!("{} → {}", c.start_date, c.end_date)),
                (
                    "attendance",
                    format!(
                        "{}/{} ({} min)",
                        c.attended_sessions, c.total_sessions, c.attended_minutes
                    ),
                ),
                ("issued", crate::server::store::instant_text(c.issued_at)),
            ] {
                println!("{} {value}", label(attribute));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_commands_never_print_their_secrets_in_debug() {
        use clap::Parser;
        let cli = Cli::parse_from([
            "formations",
            "user",
            "create",
            "--email",
            "a@b.example",
            "--name",
            "A",
            "--password",
            "hunter2-secret",
        ]);
        let text = format!("{cli:?}");
        assert!(
            !text.contains("hunter2-secret") && text.contains("***"),
            "{text}"
        );
        let cli = Cli::parse_from([
            "formations",
            "formation",
            "create",
            "--name",
            "N",
            "--description",
            "D",
            "--level",
            "beginner",
            "--platform",
            "zoom",
            "--meeting-link",
            "https://zoom.us/j/4242",
            "--meeting-id",
            "42 42",
            "--meeting-password",
            "pw-4242",
            "--instructor",
            "I",
            "--schedule",
            "S",
        ]);
        let text = format!("{cli:?}");
        for secret in ["zoom.us/j/4242", "42 42", "pw-4242"] {
            assert!(!text.contains(secret), "{text}");
        }
    }

    #[test]
    fn a_secret_from_standard_input_is_its_first_line_without_the_line_ending() {
        let read = |text: &str| secret_from("--password", text.as_bytes());
        assert_eq!(read("s3cret pw\r\nrest\n").unwrap(), "s3cret pw");
        assert_eq!(
            read("last-line-without-newline").unwrap(),
            "last-line-without-newline"
        );
        for empty in ["", "\n"] {
            let err = read(empty).unwrap_err().to_string();
            // French, the language of a process that never read `LANG`.
            assert!(
                err.starts_with("--password: ") && err.contains("ligne vide"),
                "{err}"
            );
        }
    }
}
