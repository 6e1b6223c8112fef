#![forbid(unsafe_code)]

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use formations::i18n::{current, tr};
use formations::server::cli::{run, Cli, Command};
use formations::server::config::Config;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("start the async runtime");
    let code = runtime.block_on(start());
    // The command is over (for `serve`: stopped, after the drain deadline).
    // Dropping the runtime would wait for every thread it runs, and a thread
    // stuck in a task (a render deadlocked inside Leptos, say) would keep a
    // stopped server alive for ever.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    code
}

async fn start() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    // The commands speak the language of `LANG`; the server speaks each
    // reader's, whatever its own environment says.
    if !matches!(command, Command::Serve) {
        formations::i18n::context::set_process_from_env();
    }
    // Logs go to stderr so that stdout carries only the ids scripts read.
    let default_filter = if matches!(command, Command::Serve) {
        "info,sqlx=warn"
    } else {
        "warn"
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal: a log file or journald
        // would keep the escape codes, and colouring each request's span
        // and line cost a page about 0.4 % of its instructions (callgrind).
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter)),
        )
        .init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{}", error_line(&message));
            return ExitCode::FAILURE;
        }
    };
    match run(command, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", error_line(&err.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// The one line a failed command ends with, in the language of its words.
fn error_line(message: &str) -> String {
    let lang = current();
    tr(lang, "cli-error", &[("message", message.into())])
}
