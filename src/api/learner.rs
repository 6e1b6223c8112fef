//! The learner's server functions. Every payload carries the server's `now`
//! so the browser's first render (hydration) prints the same countdowns as
//! the server did; the browser's clock takes over in an effect.

mod calendar;
mod dashboard;
mod enrollment_sessions;
mod mark_attendance;
mod my_formations;
mod next_sessions;
mod notifications;

pub use calendar::*;
pub use dashboard::*;
pub use enrollment_sessions::*;
pub use mark_attendance::*;
pub use my_formations::*;
pub use next_sessions::*;
pub use notifications::*;
