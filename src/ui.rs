//! Pages and components: one component per file. Components never touch SQL;
//! they call server functions.

#[cfg(feature = "hydrate")]
pub mod browser;
pub mod components;
#[cfg(feature = "hydrate")]
pub mod crash;
pub mod hooks;
#[cfg(feature = "hydrate")]
pub mod intl;
pub mod pages;
