//! Pure types and rules shared by the server and the browser build.
//! Nothing here touches I/O, so every rule is unit-tested in isolation.

pub mod account;
pub mod admin;
pub mod attendance;
#[cfg(feature = "ssr")]
pub mod attendance_report;
pub mod audit;
pub mod calendar;
pub mod catalogue;
pub mod certificate;
pub mod csv;
pub mod enrollment;
pub mod format;
pub mod formation;
pub mod language;
pub mod notification;
pub mod price;
pub mod recurrence;
pub mod reminder;
pub mod schedule;
pub mod status;
pub mod throttle;
pub mod zone;
#[cfg(feature = "ssr")]
pub mod zoom;

/// What a secret field prints in `Debug`, so logs, panics and test failures
/// never show meeting details, tokens or password hashes.
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// `Debug` for a struct holding secrets: the fields after `hide` print as
/// `***`. Every field must be named (the struct is destructured), so a field
/// added later cannot slip out of the list unnoticed.
#[macro_export]
macro_rules! debug_redacted {
    ($ty:ident { $($field:ident),* $(,)? } hide { $($secret:ident),* $(,)? }) => {
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let $ty { $($field,)* $($secret,)* } = self;
                $(let _ = $secret;)*
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), $field))*
                    $(.field(stringify!($secret), &$crate::domain::Redacted))*
                    .finish()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Clone)]
    struct Holder {
        name: String,
        meeting_password: Option<String>,
    }
    crate::debug_redacted!(Holder { name } hide { meeting_password });

    #[test]
    fn secrets_print_as_stars_in_debug() {
        let h = Holder {
            name: "Rust".into(),
            meeting_password: Some("hunter2".into()),
        };
        let text = format!("{h:?}");
        assert_eq!(text, "Holder { name: \"Rust\", meeting_password: *** }");
    }
}
#[cfg(feature = "ssr")]
pub mod zoom_meetings;
