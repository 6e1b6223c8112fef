//! The learners' catalogue and their enrollment requests.

mod get_catalogue;
mod request_enrollment;

pub use get_catalogue::*;
pub use request_enrollment::*;
