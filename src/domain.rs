//! Pure types and rules shared by the server and the browser build.
//! Nothing here touches I/O, so every rule is unit-tested in isolation.

pub mod account;
pub mod admin;
pub mod attendance;
pub mod catalog;
pub mod csv;
pub mod enrollment;
pub mod format;
pub mod recurrence;
pub mod schedule;
pub mod status;
pub mod throttle;

/// A value that failed to parse at the edge, with the field it belongs to so
/// forms can show the message next to it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Invalid {}
