//! The languages of the platform and the words of `locales/`: one Fluent
//! file set per language (`locales/fr/*.ftl`, `locales/en/*.ftl`), compiled
//! into the binary, so the server, the CLI and the browser read the same
//! words. French is the default and the fallback of a missing entry.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, LanguageIdentifier};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Without this, every argument is wrapped in Unicode isolation
        // marks: invisible, but they break copy-paste and exact matches.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language of the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The BCP 47 code, as `<html lang>`, a cookie or a profile store it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// A language tag (`fr`, `en-GB`, `EN_us.UTF-8`) read by its primary
    /// subtag; `None` for a language the platform does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// The preferred language of an `Accept-Language` header that the
    /// platform speaks: by quality, then by order; `None` if none is spoken.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
            let (Some(lang), Some(q)) = (Lang::from_tag(tag), quality) else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Fr => langid!("fr"),
            Lang::En => langid!("en"),
        }
    }
}

/// A message's words, with its arguments; French words where `lang`'s
/// are missing (a bug the locale tests catch), the id where both are.
pub fn tr(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    lookup(lang, id, args)
        .or_else(|| lookup(Lang::Fr, id, args))
        .unwrap_or_else(|| id.to_string())
}

/// A message's words in `lang` alone: `None` when its files lack the
/// message or the words need an argument that was not given.
pub fn lookup(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Owned(name.to_string()), value.to_fluent()))
        .collect();
    LOCALES
        .lookup_single_language(&lang.id(), id, Some(&args))
        .ok()
}

/// An argument of a message: numbers select plural forms, text does not.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            Arg::Text(text) => FluentValue::from(text.clone()),
            Arg::Number(n) => FluentValue::from(*n),
        }
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// The language the current words are for, when no caller names one: a
/// REST request's `Accept-Language` on the server, `LANG` for the command
/// line, the page's `<html lang>` in the browser; French otherwise.
pub fn current() -> Lang {
    #[cfg(feature = "ssr")]
    {
        context::current()
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser_lang()
    }
}

#[cfg(not(feature = "ssr"))]
fn browser_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Lang::default()
    }
}

/// The server's side of [`current`]: a request's language while it is
/// handled (a task-local), else the process's (the CLI's `LANG`).
#[cfg(feature = "ssr")]
pub mod context {
    use std::sync::OnceLock;

    use super::Lang;

    tokio::task_local! {
        static REQUEST: Lang;
    }

    static PROCESS: OnceLock<Lang> = OnceLock::new();

    pub fn current() -> Lang {
        REQUEST
            .try_with(|lang| *lang)
            .unwrap_or_else(|_| PROCESS.get().copied().unwrap_or_default())
    }

    /// Runs `work` with `lang` as the current language.
    pub async fn scope<F: std::future::Future>(lang: Lang, work: F) -> F::Output {
        REQUEST.scope(lang, work).await
    }

    /// The language of this process's messages, from `LANG` (or
    /// `LC_ALL`/`LC_MESSAGES`, which take precedence as in POSIX); French
    /// when none names a language the platform speaks. Set once, at start.
    pub fn set_process_from_env() {
        let tag = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        let lang = tag.as_deref().and_then(Lang::from_tag).unwrap_or_default();
        let _ = PROCESS.set(lang);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_by_their_primary_subtag() {
        assert_eq!(Lang::from_tag("fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("FR_ca"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("de-DE"), None);
        assert_eq!(Lang::from_tag("C"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn accept_language_picks_the_best_spoken_language() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(
            Lang::from_accept_language("de-DE, en;q=0.5, fr;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_accept_language("de, es;q=0.9"), None);
        assert_eq!(
            Lang::from_accept_language("en;q=0, fr;q=0.1"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_accept_language("*"), None);
        assert_eq!(Lang::from_accept_language("en;q=abc"), None);
    }

    #[test]
    fn messages_take_arguments_and_plural_forms() {
        let cases: [(Lang, &str, &str, i64, &str); 4] = [
            (Lang::Fr, "delay-seconds", "n", 1, "dans 1 seconde"),
            (Lang::Fr, "delay-minutes", "n", 15, "dans 15 minutes"),
            (Lang::En, "delay-seconds", "n", 1, "in 1 second"),
            (
                Lang::En,
                "error-no_formation",
                "id",
                42,
                "No formation has the ID 42.",
            ),
        ];
        for (lang, id, name, n, words) in cases {
            assert_eq!(tr(lang, id, &[(name, n.into())]), words);
        }
        // A missing argument is no words in that language, not a guess.
        assert_eq!(lookup(Lang::En, "delay-seconds", &[]), None);
        assert_eq!(tr(Lang::En, "no-such-id", &[]), "no-such-id");
    }
}
