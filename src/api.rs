//! Server functions: thin. Each authorises, parses, calls the store and maps
//! the error; the bodies run only on the server.

pub mod account;
pub mod admin;
pub mod auth;
pub mod catalogue;
pub mod certificates;
pub mod learner;
