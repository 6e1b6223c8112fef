//! The certificates' public server function: verification needs no login.

mod verify_certificate;

pub use verify_certificate::*;
