//! The admin area's values, in two files: what its forms accept (`forms`)
//! and what its pages show (`views`). Both are re-exported here, so a caller
//! names `domain::admin::X` whichever file holds it.

mod flash;
mod forms;
mod views;

pub use flash::*;
pub use forms::*;
pub use views::*;

/// Rows of a page of the admin lists (the audit log shows 100).
pub const ADMIN_PAGE_SIZE: i64 = 50;
