//! The one error type of the application: a kind (hence an HTTP status) and,
//! for refusals about data, an [`ErrorCode`]. Words come from `words`, in
//! one place; internal causes are logged on the server and never serialised.

mod code;
mod words;

pub use code::{ErrorCode, Kind};

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use server_fn::Encodes;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    Unauthorized,
    InvalidCredentials,
    Forbidden,
    /// The right password, but the address was never confirmed.
    Unconfirmed,
    NotFound,
    /// A REST path that exists, called with another method.
    MethodNotAllowed,
    BadRequest(ErrorCode),
    Invalid(ErrorCode),
    /// Several fields of one form refused at once (each code names its
    /// field): the form shows every message next to its field. Always more
    /// than one code (see `From<Vec<ErrorCode>>`).
    InvalidFields(Vec<ErrorCode>),
    Conflict(ErrorCode),
    Internal,
    /// Too many attempts (per account or per address): 429 with `Retry-After`.
    TooManyRequests {
        code: ErrorCode,
        retry_after_secs: u64,
    },
    /// Waited too long for the password hasher: 503 with `Retry-After`.
    Busy,
    /// Transport problems between the browser and the server.
    Transport(String),
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&words::describe(self))
    }
}

impl std::error::Error for AppError {}

impl AppError {
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthorized | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::Unconfirmed => 403,
            AppError::NotFound => 404,
            AppError::MethodNotAllowed => 405,
            AppError::BadRequest(_) | AppError::Transport(_) => 400,
            AppError::Invalid(_) | AppError::InvalidFields(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Internal => 500,
            AppError::TooManyRequests { .. } => 429,
            AppError::Busy => 503,
        }
    }

    /// Seconds for the `Retry-After` header of a refused attempt.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::TooManyRequests {
                retry_after_secs, ..
            } => Some((*retry_after_secs).max(1)),
            AppError::Busy => Some(BUSY_RETRY_AFTER_SECS),
            _ => None,
        }
    }

    /// The form field this error belongs to, if any (the first one's when
    /// several fields were refused).
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid(code) => code.field(),
            AppError::InvalidFields(codes) => codes.first().and_then(ErrorCode::field),
            _ => None,
        }
    }

    /// The part of this error a form shows next to `field` (`None`: the
    /// form's own line, for what belongs to no field).
    pub fn for_field(&self, field: Option<&str>) -> Option<AppError> {
        self.parts().into_iter().find(|part| part.field() == field)
    }

    /// `[{field, code, detail}]`, one per refused field, for JSON answers.
    pub fn errors_json(&self) -> serde_json::Value {
        self.parts()
            .iter()
            .map(|part| {
                serde_json::json!({
                    "field": part.field(),
                    "code": part.key(),
                    "detail": part.to_string(),
                })
            })
            .collect()
    }

    /// Every message of this error, one per refused field.
    pub fn parts(&self) -> Vec<AppError> {
        match self {
            AppError::InvalidFields(codes) => codes.iter().cloned().map(AppError::from).collect(),
            other => vec![other.clone()],
        }
    }

    /// The stable key of the error: JSON answers carry it as `code`, a form
    /// posted without JavaScript carries it through its redirect.
    pub fn key(&self) -> &'static str {
        match self {
            AppError::Unauthorized => "unauthorized",
            AppError::InvalidCredentials => "credentials",
            AppError::Forbidden => "forbidden",
            AppError::Unconfirmed => "unconfirmed",
            AppError::NotFound => "not_found",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Internal => "internal",
            AppError::Busy => "busy",
            AppError::Transport(_) => "transport",
            AppError::BadRequest(code)
            | AppError::Invalid(code)
            | AppError::Conflict(code)
            | AppError::TooManyRequests { code, .. } => code.key(),
            AppError::InvalidFields(codes) => codes.first().map_or("invalid", ErrorCode::key),
        }
    }

    /// The key a redirect carries: only keys that [`AppError::from_form_code`]
    /// reads back, so a page never shows another message than the form's.
    pub fn form_code(&self) -> String {
        match self {
            // Every key, comma-separated: each field gets its message back.
            AppError::InvalidFields(codes) => codes
                .iter()
                .map(|code| AppError::from(code.clone()).form_code())
                .collect::<Vec<_>>()
                .join(","),
            other => other.single_form_code().to_string(),
        }
    }

    fn single_form_code(&self) -> &'static str {
        match self {
            // The delay is not carried: the page says "in a few minutes".
            AppError::TooManyRequests { .. } => ErrorCode::TryLater.key(),
            AppError::BadRequest(code) | AppError::Invalid(code) | AppError::Conflict(code)
                if ErrorCode::from_key(code.key()).is_none() =>
            {
                match code.meta().kind {
                    Kind::Conflict => ErrorCode::NoLongerPossible.key(),
                    _ => ErrorCode::SomeValuesInvalid.key(),
                }
            }
            other => other.key(),
        }
    }

    /// The error a redirect's key stands for; an unknown key is the generic
    /// internal error (a key is never echoed).
    pub fn from_form_code(key: &str) -> AppError {
        if key.contains(',') {
            let codes: Option<Vec<ErrorCode>> = key.split(',').map(ErrorCode::from_key).collect();
            return codes.map(AppError::from).unwrap_or(AppError::Internal);
        }
        // The kinds without a code read back through `key`, the one table.
        const CARRIED: [AppError; 6] = [
            AppError::Unauthorized,
            AppError::InvalidCredentials,
            AppError::Forbidden,
            AppError::Unconfirmed,
            AppError::NotFound,
            AppError::Busy,
        ];
        CARRIED
            .into_iter()
            .find(|err| err.key() == key)
            .or_else(|| ErrorCode::from_key(key).map(AppError::from))
            .unwrap_or(AppError::Internal)
    }
}

/// How long a client that met a busy password hasher waits before retrying.
pub const BUSY_RETRY_AFTER_SECS: u64 = 2;

/// The refusals of one form: one is that code's error, several are
/// [`AppError::InvalidFields`].
impl From<Vec<ErrorCode>> for AppError {
    fn from(mut codes: Vec<ErrorCode>) -> Self {
        codes.dedup();
        match codes.len() {
            0 => AppError::Invalid(ErrorCode::SomeValuesInvalid),
            1 => AppError::from(codes.remove(0)),
            _ => AppError::InvalidFields(codes),
        }
    }
}

impl From<ErrorCode> for AppError {
    fn from(code: ErrorCode) -> Self {
        match code.meta().kind {
            Kind::Invalid => AppError::Invalid(code),
            Kind::Conflict => AppError::Conflict(code),
            Kind::BadRequest => AppError::BadRequest(code),
            Kind::Throttled => AppError::TooManyRequests {
                code,
                retry_after_secs: 0,
            },
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::Deserialization(detail) => {
                AppError::BadRequest(ErrorCode::Malformed { detail })
            }
            other => AppError::Transport(other.to_string()),
        }
    }

    /// Every server function's error passes here on its way out, inside the
    /// call's reactive owner: the one place that gives the answer its status
    /// (server_fn's default is 500 for any error) and its `Retry-After`.
    fn ser(&self) -> server_fn::Bytes {
        #[cfg(feature = "ssr")]
        self.set_response_status();
        // The same `detail`, `code` and `field` as a REST error, beside the
        // typed error the hydrated pages decode.
        let mut wire = serde_json::json!({
            "error": self,
            "detail": self.to_string(),
            "code": self.key(),
            "field": self.field(),
        });
        if let AppError::InvalidFields(_) = self {
            wire["errors"] = self.errors_json();
        }
        <JsonEncoding as Encodes<serde_json::Value>>::encode(&wire).unwrap_or_default()
    }

    fn de(data: server_fn::Bytes) -> Self {
        #[derive(Deserialize)]
        struct Wire {
            error: AppError,
        }
        serde_json::from_slice::<Wire>(&data)
            .map(|wire| wire.error)
            .unwrap_or_else(|err| AppError::Transport(err.to_string()))
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};
    use axum::Json;

    impl IntoResponse for AppError {
        fn into_response(self) -> Response {
            let status = StatusCode::from_u16(self.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut body = serde_json::json!({ "detail": self.to_string(), "code": self.key() });
            if let Some(field) = self.field() {
                body["field"] = serde_json::Value::String(field.to_string());
            }
            if let AppError::InvalidFields(_) = self {
                body["errors"] = self.errors_json();
            }
            let mut response = (status, Json(body)).into_response();
            if let Some(secs) = self.retry_after() {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, secs.into());
            }
            response
        }
    }

    impl AppError {
        /// Puts the status and `Retry-After` of this error on the current
        /// server function's response (see `ser`).
        pub(super) fn set_response_status(&self) {
            let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
            else {
                return;
            };
            // A plain form post that failed is already a redirect back to
            // its form (`server::form_error`): that answer stays a 302.
            let redirected = options
                .0
                .read()
                .is_ok_and(|parts| parts.status.is_some_and(|status| status.is_redirection()));
            if redirected {
                return;
            }
            if let Ok(code) = StatusCode::from_u16(self.status_code()) {
                options.set_status(code);
            }
            if let Some(secs) = self.retry_after() {
                options.insert_header(axum::http::header::RETRY_AFTER, secs.into());
            }
        }
    }

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            tracing::error!(error = %err, "database error");
            AppError::Internal
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_code_reads_back_as_the_same_error() {
        for err in [
            AppError::InvalidCredentials,
            AppError::Unconfirmed,
            AppError::Invalid(ErrorCode::SeanceTitle),
            AppError::Conflict(ErrorCode::StaleFormation),
            AppError::BadRequest(ErrorCode::LinkInvalid),
            AppError::Invalid(ErrorCode::MeetingLinkNotTeams),
        ] {
            assert_eq!(AppError::from_form_code(&err.form_code()), err);
        }
    }

    #[test]
    fn a_code_with_data_travels_as_its_generic_form_code() {
        let err = AppError::Invalid(ErrorCode::TooLong {
            field: "name".into(),
            max: 3,
        });
        assert_eq!(err.form_code(), "invalid");
        let throttled = AppError::TooManyRequests {
            code: ErrorCode::LoginLocked,
            retry_after_secs: 30,
        };
        assert_eq!(
            AppError::from_form_code(&throttled.form_code()).to_string(),
            "Trop de tentatives. Réessayez dans quelques minutes."
        );
        assert_eq!(AppError::from_form_code("nonsense"), AppError::Internal);
    }
}
