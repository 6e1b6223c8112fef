//! The learners' catalogue and their enrollment requests.

mod get_catalogue;
mod request_enrollment;
mod withdraw_request;

pub use get_catalogue::*;
pub use request_enrollment::*;
pub use withdraw_request::*;
