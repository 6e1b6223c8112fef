//! The signed-in user's own account (`/compte`), one server function per
//! file. Each starts with `require_user()`, the forms' through
//! [`crate::server::user_form`].

mod change_email;
mod change_password;
mod get_account;
mod logout_everywhere;
mod reminder_channels;
mod revoke_session;
mod update_name;

pub use change_email::*;
pub use change_password::*;
pub use get_account::*;
pub use logout_everywhere::*;
pub use reminder_channels::*;
pub use revoke_session::*;
pub use update_name::*;
