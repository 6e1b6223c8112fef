mod confirm_email;
mod current_user;
mod login;
mod logout;
mod request_password_reset;
mod resend_confirmation;
mod reset_password;
mod signup;

pub use confirm_email::*;
pub use current_user::*;
pub use login::*;
pub use logout::*;
pub use request_password_reset::*;
pub use resend_confirmation::*;
pub use reset_password::*;
pub use signup::*;
