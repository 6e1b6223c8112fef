//! Who may call: the role rules, once. A handler that takes a [`Learner`] or
//! an [`Admin`] never runs for anybody else, and the refusal is the same
//! [`AppError`] everywhere (401 anonymous, 403 signed in without the role).
//! Server functions reach the same rules through
//! [`crate::server::require_user`] and [`crate::server::require_admin`], the
//! admin page guard through [`Admin::of`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::domain::account::SessionUser;
use crate::error::AppError;
use crate::server::auth::Caller;

/// Any signed-in user, admins included.
#[derive(Debug, Clone)]
pub struct Learner(pub SessionUser);

/// A signed-in admin.
#[derive(Debug, Clone)]
pub struct Admin(pub SessionUser);

impl Learner {
    /// 401 for an anonymous caller.
    pub fn of(caller: &Caller) -> Result<Learner, AppError> {
        caller
            .user
            .clone()
            .map(Learner)
            .ok_or(AppError::Unauthorized)
    }
}

impl Admin {
    /// 401 for an anonymous caller, 403 for a signed-in learner.
    pub fn of(caller: &Caller) -> Result<Admin, AppError> {
        let Learner(user) = Learner::of(caller)?;
        if user.is_admin() {
            Ok(Admin(user))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The caller that [`crate::server::auth::resolve_session`] put in the
/// request; a request it did not see (a route outside that layer) is
/// anonymous, never an error.
fn caller_of(parts: &Parts) -> Caller {
    parts
        .extensions
        .get::<Caller>()
        .cloned()
        .unwrap_or_default()
}

impl<S: Send + Sync> FromRequestParts<S> for Learner {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        Learner::of(&caller_of(parts))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        Admin::of(&caller_of(parts))
    }
}
