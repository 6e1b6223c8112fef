//! How an admin form finds its error and its typed values: with JavaScript
//! from its action, without it from the query string the server redirected
//! to (`?error=<code>&form=<name>&field=value…`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;

/// The error and the typed values of the form named `form` after a plain
/// form post came back with an error.
#[derive(Clone, Copy)]
pub struct QueryForm {
    query: Memo<leptos_router::params::ParamsMap>,
    form: StoredValue<String>,
}

impl QueryForm {
    pub fn new(form: impl Into<String>) -> Self {
        Self {
            query: use_query_map(),
            form: StoredValue::new(form.into()),
        }
    }

    fn is_mine(&self) -> bool {
        let query = self.query.read();
        query.get("error").is_some()
            && self
                .form
                .with_value(|form| query.get("form").unwrap_or_default() == *form)
    }

    /// The error carried by the URL for this form, if any.
    pub fn error(&self) -> Option<AppError> {
        if !self.is_mine() {
            return None;
        }
        self.query
            .read()
            .get("error")
            .map(|code| AppError::from_form_code(&code))
    }

    /// The typed value of `field` if the URL carries this form's values,
    /// else `default`.
    pub fn value(&self, field: &str, default: &str) -> String {
        if self.is_mine() {
            self.query.read().get(field).unwrap_or_default()
        } else {
            default.to_string()
        }
    }
}

/// The error to show for a form: its action's, else the URL's.
pub fn form_error<T, S>(value: S, query: QueryForm) -> Signal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(Result::err).or_else(|| query.error()))
}

/// The form named `form` (for its typed values) and the error to show for
/// it.
pub fn form_state<T, S>(form: impl Into<String>, value: S) -> (QueryForm, Signal<Option<AppError>>)
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let query = QueryForm::new(form);
    (query, form_error(value, query))
}

/// How many times an action succeeded. Pages refetch their data on success
/// only: a refused form is not re-rendered, so what was typed stays.
pub fn successes<T, S>(value: S) -> Signal<usize>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let count = RwSignal::new(0usize);
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            count.update(|c| *c += 1);
        }
    });
    count.into()
}

/// Bumps `reload` each time the action succeeds: for forms drawn inside the
/// data they change (a row's own form), whose page refetches on the count.
pub fn reload_on_success<T, S>(value: S, reload: RwSignal<u32>)
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            reload.update(|n| *n += 1);
        }
    });
}
