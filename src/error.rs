//! The one error type of the application. Its text is what a person sees;
//! internal causes are logged on the server and never serialised.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::domain::Invalid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Vous devez être connecté.")]
    Unauthorized,
    #[error("E-mail ou mot de passe incorrect.")]
    InvalidCredentials,
    #[error("Accès réservé aux administrateurs.")]
    Forbidden,
    /// The right password, but the address was never confirmed.
    #[error("Votre adresse e-mail n'est pas encore confirmée : suivez le lien reçu par mail, ou demandez un nouveau lien.")]
    Unconfirmed,
    #[error("Page introuvable.")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("{0}")]
    Conflict(String),
    #[error("Une erreur interne est survenue. Réessayez dans un instant.")]
    Internal,
    /// Too many attempts (per account or per address): 429 with `Retry-After`.
    #[error("{message}")]
    TooManyRequests {
        message: String,
        retry_after_secs: u64,
    },
    /// Waited too long for the password hasher: 503 with `Retry-After`.
    #[error("{}", crate::domain::throttle::BUSY)]
    Busy,
    /// Transport problems between the browser and the server.
    #[error("Le serveur est injoignable : {0}")]
    Transport(String),
}

impl AppError {
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthorized | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::Unconfirmed => 403,
            AppError::NotFound => 404,
            AppError::BadRequest(_) | AppError::Transport(_) => 400,
            AppError::Invalid { .. } => 422,
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

    /// The form field this error belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// How long a client that met a busy password hasher waits before retrying.
pub const BUSY_RETRY_AFTER_SECS: u64 = 2;

impl From<Invalid> for AppError {
    fn from(value: Invalid) -> Self {
        AppError::Invalid {
            field: value.field.to_string(),
            message: value.message,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let err = match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg) => {
                AppError::BadRequest(format!("Requête invalide : {msg}"))
            }
            other => AppError::Transport(other.to_string()),
        };
        // On the server this runs when a call's arguments cannot be decoded,
        // before the function body (and its own status handling) exists:
        // the answer must still be a 400, never server_fn's default 500.
        #[cfg(feature = "ssr")]
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(code) = axum::http::StatusCode::from_u16(err.status_code()) {
                options.set_status(code);
            }
        }
        err
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
            let mut body = serde_json::json!({ "detail": self.to_string() });
            if let AppError::Invalid { field, .. } = &self {
                body["field"] = serde_json::Value::String(field.clone());
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

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            tracing::error!(error = %err, "database error");
            AppError::Internal
        }
    }
}

use crate::domain::attendance::{
    REFUSED_NOT_ACTIVE, REFUSED_OUTSIDE_PERIOD, REFUSED_OUTSIDE_WINDOW,
};

/// Short codes carried in the URL when a form was posted without JavaScript,
/// so the page can show the error after the redirect without echoing any
/// text an attacker could put in a link.
impl AppError {
    /// The code of any message that has one: the admin area's table first
    /// (`domain::admin`), then the generic codes.
    pub fn form_code(&self) -> &'static str {
        let admin = match self {
            AppError::Invalid { message, .. } | AppError::Conflict(message) => {
                crate::domain::admin::code_of(message)
            }
            _ => None,
        };
        admin.unwrap_or_else(|| self.generic_form_code())
    }

    fn generic_form_code(&self) -> &'static str {
        match self {
            AppError::InvalidCredentials => "credentials",
            AppError::Unconfirmed => "unconfirmed",
            AppError::BadRequest(message) if message == crate::domain::account::LINK_INVALID => {
                "link"
            }
            AppError::Invalid { field, message } => match field.as_str() {
                "email" if message == crate::domain::account::EMAIL_TAKEN => "email_taken",
                "email" if message == crate::domain::account::EMAIL_SAME => "email_same",
                "current_password" => "current_password",
                "email" => "email",
                "password" => "password",
                "name" => "name",
                _ => "invalid",
            },
            AppError::Unauthorized => "unauthorized",
            AppError::TooManyRequests { .. } => "throttled",
            AppError::Busy => "busy",
            AppError::NotFound => "not_found",
            AppError::Conflict(message) => match message.as_str() {
                REFUSED_NOT_ACTIVE => "attend_status",
                REFUSED_OUTSIDE_PERIOD => "attend_period",
                REFUSED_OUTSIDE_WINDOW => "attend_window",
                crate::domain::account::EMAIL_IN_USE => "email_in_use",
                _ => "conflict",
            },
            _ => "internal",
        }
    }

    pub fn from_form_code(code: &str) -> AppError {
        use crate::domain::account::{
            DisplayName, Email, Password, CURRENT_PASSWORD_WRONG, EMAIL_IN_USE, EMAIL_SAME,
            EMAIL_TAKEN, LINK_INVALID,
        };
        let invalid = |field: &str, message: String| AppError::Invalid {
            field: field.into(),
            message,
        };
        match code {
            "credentials" => AppError::InvalidCredentials,
            "email_taken" => invalid("email", EMAIL_TAKEN.into()),
            "email_same" => invalid("email", EMAIL_SAME.into()),
            "email_in_use" => AppError::Conflict(EMAIL_IN_USE.into()),
            "current_password" => invalid("current_password", CURRENT_PASSWORD_WRONG.into()),
            "unconfirmed" => AppError::Unconfirmed,
            "link" => AppError::BadRequest(LINK_INVALID.into()),
            "email" => Email::parse("")
                .map(|_| AppError::Internal)
                .unwrap_or_else(Into::into),
            "password" => Password::parse("")
                .map(|_| AppError::Internal)
                .unwrap_or_else(Into::into),
            "name" => DisplayName::parse("")
                .map(|_| AppError::Internal)
                .unwrap_or_else(Into::into),
            "invalid" => AppError::BadRequest("Certaines valeurs sont invalides.".into()),
            "unauthorized" => AppError::Unauthorized,
            "throttled" => AppError::TooManyRequests {
                message: crate::domain::throttle::TRY_LATER.into(),
                retry_after_secs: 0,
            },
            "busy" => AppError::Busy,
            "not_found" => AppError::NotFound,
            "attend_status" => AppError::Conflict(REFUSED_NOT_ACTIVE.into()),
            "attend_period" => AppError::Conflict(REFUSED_OUTSIDE_PERIOD.into()),
            "attend_window" => AppError::Conflict(REFUSED_OUTSIDE_WINDOW.into()),
            "conflict" => AppError::Conflict("Cette action n'est plus possible.".into()),
            other => AppError::from_admin_code(other).unwrap_or(AppError::Internal),
        }
    }
}

/// The admin area's messages travel as codes too (see `domain::admin`).
impl AppError {
    pub fn from_admin_code(code: &str) -> Option<AppError> {
        let (field, message) = crate::domain::admin::by_code(code)?;
        Some(if field.is_empty() {
            AppError::Conflict(message.into())
        } else {
            AppError::Invalid {
                field: field.into(),
                message: message.into(),
            }
        })
    }
}
