#![forbid(unsafe_code)]
// The views' static types nest deeply (a table in its scrolling region, each
// row's cells): the release build of the browser crate computes their layout
// past the default query depth of 128.
#![recursion_limit = "256"]
//! Formations: live trainings on Zoom, Google Meet or Teams, and everything
//! around them.

pub mod api;
pub mod app;
pub mod domain;
pub mod error;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    ui::crash::install();
    // Asynchronous hydration: a page that loads lazily (see `app.rs`) is
    // hydrated once its code has arrived.
    leptos::mount::hydrate_lazy(app::App);
}
