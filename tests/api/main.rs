//! All HTTP and CLI tests compile into one binary. Each test starts the real
//! server (or the real CLI) on a fresh database of the backend chosen by
//! FORMATIONS_TEST_BACKEND (sqlite, the default, or postgres).
//! Tests run on a multi-threaded runtime, as the server does in production.
//! Every request gives up after 30 s, so a hung render fails its test with the
//! request that hung instead of stalling the run (see
//! `pages_keep_rendering_while_other_apps_are_built_in_the_same_process`).

mod account_mail;
mod accounts;
mod admin;
mod assets;
mod audit;
mod calendars;
mod catalogue;
mod certificates;
mod cli;
mod edge;
mod fake_zoom;
mod helpers;
mod language;
mod leak_crawl;
mod notifications;
mod pages;
mod reminders;
mod rest;
mod scale;
mod security;
mod throttle;
mod writes;
mod zoom;
mod zoom_meetings;
