//! Pages and components: one component per file. Components never touch SQL;
//! they call server functions.

pub mod components;
pub mod hooks;
#[cfg(feature = "hydrate")]
pub mod intl;
pub mod pages;
