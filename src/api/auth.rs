mod current_user;
mod login;
mod logout;
mod signup;

pub use current_user::*;
pub use login::*;
pub use logout::*;
pub use signup::*;
