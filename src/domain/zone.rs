//! A formation's IANA time zone (`Europe/Paris`), as chrono's `TimeZone`.
//!
//! The server reads the zone database compiled into chrono-tz. The browser
//! asks its own (`Intl`, see `ui::intl::Tz`): the same answers without
//! shipping ~1 MB of tables in the WebAssembly. Either way the rules below
//! and in the rest of `domain` read `Tz` the same.

#[cfg(not(feature = "hydrate"))]
pub use chrono_tz::Tz;

#[cfg(feature = "hydrate")]
pub use crate::ui::intl::Tz;

/// The platform's home (Paris): the zone of instants that belong to no
/// formation and of a formation whose zone was never set.
#[cfg(not(feature = "hydrate"))]
pub const PARIS: Tz = chrono_tz::Europe::Paris;
#[cfg(feature = "hydrate")]
pub const PARIS: Tz = Tz::known("Europe/Paris");

/// Coordinated Universal Time.
#[cfg(not(feature = "hydrate"))]
pub const UTC: Tz = chrono_tz::UTC;
#[cfg(feature = "hydrate")]
pub const UTC: Tz = Tz::known("UTC");

/// Every zone name this side knows, aliases included.
#[cfg(not(feature = "hydrate"))]
pub fn names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}
#[cfg(feature = "hydrate")]
pub fn names() -> Vec<&'static str> {
    crate::ui::intl::zone_names()
}
