//! The one place where an error becomes words, read from the locale files
//! (`locales/*/errors.ftl`, one entry `error-<key>` per code). Nothing else
//! in the crate writes an error sentence.

use super::code::ErrorCode;
use super::AppError;
use crate::i18n::{tr, Arg, Lang};

/// What a person reads for an error, in the current language
/// ([`crate::i18n::current`]).
pub fn describe(err: &AppError) -> String {
    describe_in(crate::i18n::current(), err)
}

/// What a person reads for an error, in `lang`.
pub fn describe_in(lang: Lang, err: &AppError) -> String {
    if let AppError::InvalidFields(_) = err {
        // Read out in one line where no field shows its own.
        return err
            .parts()
            .iter()
            .map(|part| describe_in(lang, part))
            .collect::<Vec<_>>()
            .join(" ");
    }
    let (id, args) = message(lang, err);
    tr(lang, &id, &args)
}

/// An error's entry in the locale files, and the data its words name.
fn message(lang: Lang, err: &AppError) -> (String, Vec<(&'static str, Arg)>) {
    let id = format!("error-{}", err.key());
    let args = match err {
        AppError::Transport(detail) => vec![("detail", detail.into())],
        AppError::TooManyRequests {
            code:
                ErrorCode::LoginLocked
                | ErrorCode::AddressLocked
                | ErrorCode::TooManySignups
                | ErrorCode::TooManyStreams,
            retry_after_secs,
        } => vec![("delay", delay(lang, *retry_after_secs).as_str().into())],
        AppError::BadRequest(code)
        | AppError::Invalid(code)
        | AppError::Conflict(code)
        | AppError::TooManyRequests { code, .. } => arguments(code),
        _ => Vec::new(),
    };
    (id, args)
}

/// "dans 45 secondes", "dans 1 minute", "in 15 minutes".
fn delay(lang: Lang, secs: u64) -> String {
    if secs < 60 {
        tr(lang, "delay-seconds", &[("n", secs.max(1).into())])
    } else {
        tr(lang, "delay-minutes", &[("n", secs.div_ceil(60).into())])
    }
}

/// The data a code's words may name.
fn arguments(code: &ErrorCode) -> Vec<(&'static str, Arg)> {
    use ErrorCode::*;
    match code {
        PasswordTooShort => vec![("min", crate::domain::account::Password::MIN_CHARS.into())],
        TooLong { max, .. } | PageLimit { max } => vec![("max", (*max).into())],
        NotADate { value, .. }
        | NotADateTime { value, .. }
        | UnknownLevel { value }
        | UnknownPlatform { value }
        | UnknownTimezone { value }
        | UnknownStatus { value } => vec![("value", value.into())],
        NoUserWithEmail { email } => vec![("email", email.into())],
        NoFormationWithId { id } => vec![("id", (*id).into())],
        Malformed { detail } => vec![("detail", detail.into())],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::i18n::lookup;

    /// Every error a person may read: the unit kinds and every code.
    fn every_error() -> Vec<AppError> {
        let mut all = vec![
            AppError::Unauthorized,
            AppError::InvalidCredentials,
            AppError::Forbidden,
            AppError::Unconfirmed,
            AppError::NotFound,
            AppError::MethodNotAllowed,
            AppError::Internal,
            AppError::Busy,
            AppError::Transport("x".into()),
        ];
        // Each code as it reaches a reader: the throttling ones with a delay.
        all.extend(ErrorCode::every().into_iter().map(|code| {
            if code.meta().kind == crate::error::code::Kind::Throttled {
                AppError::TooManyRequests {
                    code,
                    retry_after_secs: 90,
                }
            } else {
                AppError::Invalid(code)
            }
        }));
        all
    }

    #[test]
    fn every_error_has_words_in_every_language() {
        for &lang in Lang::ALL {
            for err in every_error() {
                let (id, args) = message(lang, &err);
                let words = lookup(lang, &id, &args);
                assert!(words.is_some(), "{}: no words for {id}", lang.code());
                assert_eq!(words.unwrap(), describe_in(lang, &err));
            }
        }
    }

    #[test]
    fn every_error_entry_of_the_locale_files_is_used() {
        let used: BTreeSet<String> = every_error()
            .iter()
            .map(|err| format!("error-{}", err.key()))
            .chain(["delay-seconds".into(), "delay-minutes".into()])
            .collect();
        let errors: BTreeSet<String> = crate::i18n::message_ids(Lang::Fr)
            .into_iter()
            .filter(|id| id.starts_with("error-") || id.starts_with("delay-"))
            .collect();
        assert_eq!(errors, used, "unused or missing error words");
    }

    #[test]
    fn a_throttled_answer_says_how_long_to_wait() {
        let err = |code, secs| AppError::TooManyRequests {
            code,
            retry_after_secs: secs,
        };
        assert_eq!(
            describe_in(Lang::Fr, &err(ErrorCode::LoginLocked, 120)),
            "Trop de tentatives de connexion pour ce compte. Réessayez dans 2 minutes."
        );
        assert!(describe_in(Lang::Fr, &err(ErrorCode::TooManySignups, 3600)).contains("60 minutes"));
        assert!(describe_in(Lang::Fr, &err(ErrorCode::AddressLocked, 30)).contains("30 secondes"));
        assert!(
            describe_in(Lang::Fr, &err(ErrorCode::AddressLocked, 1)).ends_with("dans 1 seconde.")
        );
        assert_eq!(
            describe_in(Lang::En, &err(ErrorCode::LoginLocked, 60)),
            "Too many sign-in attempts for this account. Try again in 1 minute."
        );
    }

    #[test]
    fn a_code_with_data_names_it() {
        let err = AppError::Invalid(ErrorCode::UnknownLevel {
            value: "guru".into(),
        });
        assert!(describe_in(Lang::Fr, &err).contains("« guru »"));
        assert!(describe_in(Lang::En, &err).contains("“guru”"));
        let err = AppError::Invalid(ErrorCode::PasswordTooShort);
        assert!(describe_in(Lang::En, &err)
            .contains(&crate::domain::account::Password::MIN_CHARS.to_string()));
    }
}
