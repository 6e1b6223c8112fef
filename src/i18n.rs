//! The languages of the platform and the words of `locales/`: one Fluent
//! file set per language (`locales/fr/*.ftl`, `locales/en/*.ftl`), compiled
//! into the binary, so the server, the CLI and the browser read the same
//! words. French is the default and the fallback of a missing entry.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use crate::domain::language::Lang;

pub mod dates;

/// The files of each language, compiled in. One list for both languages:
/// `every_locale_file_is_compiled_in` fails when `locales/` gains a file
/// this list lacks.
macro_rules! locale_files {
    ($($file:literal),* $(,)?) => {
        /// The names of the files of `locales/<code>/`.
        #[cfg(test)]
        const LOCALE_FILES: &[&str] = &[$($file),*];

        /// The text of every file of a language.
        fn locale_texts(lang: Lang) -> Vec<&'static str> {
            match lang {
                Lang::Fr => vec![$(include_str!(concat!("../locales/fr/", $file))),*],
                Lang::En => vec![$(include_str!(concat!("../locales/en/", $file))),*],
            }
        }
    };
}

locale_files!(
    "admin.ftl",
    "auth.ftl",
    "certificates.ftl",
    "cli.ftl",
    "common.ftl",
    "dates.ftl",
    "errors.ftl",
    "learner.ftl",
    "mail.ftl",
    "notifications.ftl",
    "reminders.ftl",
    "rest.ftl",
    "shared.ftl",
);

/// A language's words, parsed once, when first read: the browser then
/// parses only its page's language (and French's, should a word be
/// missing), not every language's files as it starts. The bundle is read
/// directly rather than through a loader (fluent-templates, before): its
/// API took the arguments as a `HashMap` that it then copied into
/// `FluentArgs`, and found the bundle by hashing the language's identifier
/// on every word: reading the bundle itself made a word about a third
/// cheaper (README, "Throughput").
fn language(lang: Lang) -> &'static FluentBundle<FluentResource> {
    const COUNT: usize = Lang::ALL.len();
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; COUNT] =
        [const { OnceLock::new() }; COUNT];
    let index = Lang::ALL
        .iter()
        .position(|&known| known == lang)
        .expect("every language is in Lang::ALL");
    BUNDLES[index].get_or_init(|| bundle(lang))
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang
        .code()
        .parse()
        .expect("a language code is a valid identifier");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Without this, every argument is wrapped in Unicode isolation marks:
    // invisible, but they break copy-paste and exact matches.
    bundle.set_use_isolating(false);
    for text in locale_texts(lang) {
        // The files are part of the build, and the locale tests parse them:
        // an error here is a bug that never reaches a running server.
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("{} locale: {errors:?}", lang.code()));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("{} locale: {errors:?}", lang.code()));
    }
    bundle
}

/// A message's words, with its arguments; French words where `lang`'s
/// are missing (a bug the locale tests catch), the id where both are.
pub fn tr(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    lookup(lang, id, args)
        .or_else(|| lookup(Lang::Fr, id, args))
        .unwrap_or_else(|| id.to_string())
}

/// A message's words in `lang` alone: `None` when its files lack the
/// message (or the attribute, for `message.attribute`) or the words need
/// an argument that was not given.
pub fn lookup(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let bundle = language(lang);
    let pattern = match id.split_once('.') {
        Some((message, attribute)) => bundle
            .get_message(message)?
            .get_attribute(attribute)?
            .value(),
        None => bundle.get_message(id)?.value()?,
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.to_fluent());
    }
    let mut errors = Vec::new();
    // A pattern that is plain text comes back borrowed from the bundle:
    // words without arguments cost one copy.
    let words = bundle.format_pattern(
        pattern,
        (!args.is_empty()).then_some(&fluent_args),
        &mut errors,
    );
    errors.is_empty().then(|| words.into_owned())
}

/// An argument of a message: numbers select plural forms, text does not.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Text(text) => FluentValue::from(text.as_str()),
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

/// The language the current words are for, when no caller names one: the
/// reader's inside a page (the app provides it, see [`request_lang`]), a
/// request's while it is handled, `LANG` for the command line; French
/// otherwise.
pub fn current() -> Lang {
    if let Some(lang) = leptos::prelude::use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    {
        context::current()
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser_lang()
    }
}

/// The reader's language, for the app to provide to every component: on
/// the server the one the request chose (`server::language`), in the
/// browser the page's `<html lang>`, which the server wrote from the same.
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Lang>().copied())
            .unwrap_or_else(context::current)
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser_lang()
    }
}

/// A message in the reader's language, for components.
pub fn t(id: &str) -> String {
    tr(current(), id, &[])
}

/// The same with arguments.
pub fn t_with(id: &str, args: &[(&str, Arg)]) -> String {
    tr(current(), id, args)
}

/// The language the server wrote into the page's `<html lang>` (French
/// outside a browser).
#[cfg(not(feature = "ssr"))]
pub fn browser_lang() -> Lang {
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

/// Message ids whose end is computed (`error-{key}`), so the source
/// names only their beginning; every other id stands in the source whole.
pub const COMPUTED_IDS: &[&str] = &["error-", "delay-"];

/// The folder of a language's files, `locales/<code>/`.
#[cfg(test)]
fn locale_dir(lang: Lang) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.code())
}

/// The message ids of a language's files, read from `locales/`.
#[cfg(test)]
pub(crate) fn message_ids(lang: Lang) -> std::collections::BTreeSet<String> {
    let mut ids = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(locale_dir(lang)).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let starts_an_entry = line.starts_with(|c: char| c.is_ascii_alphabetic());
            if let Some((id, _)) = line.split_once(" =").filter(|_| starts_an_entry) {
                ids.insert(id.trim().to_string());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.rs` file under `src/`, as text.
    fn sources() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let mut out = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        out
    }

    #[test]
    fn every_language_has_the_same_ids() {
        let french = message_ids(Lang::Fr);
        assert!(french.len() > 50, "{} ids", french.len());
        for &lang in Lang::ALL {
            assert_eq!(message_ids(lang), french, "{} differs from fr", lang.code());
        }
    }

    #[test]
    fn every_id_is_used_and_every_literal_id_exists() {
        let sources = sources();
        let french = message_ids(Lang::Fr);
        for id in &french {
            let computed = COMPUTED_IDS.iter().any(|prefix| id.starts_with(prefix));
            let quoted = format!("\"{id}\"");
            assert!(
                computed || sources.iter().any(|s| s.contains(&quoted)),
                "{id} is in the locale files but no source names it"
            );
        }
        // The other way: every id a call of `t`, `t_with` or `tr` spells out
        // exists.
        for source in &sources {
            for call in ["t(\"", "t_with(\"", "tr(lang, \""] {
                for (at, _) in source.match_indices(call) {
                    let before = source[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let rest = &source[at + call.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    assert!(
                        french.contains(id),
                        "{id} is used but not in the locale files"
                    );
                }
            }
        }
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

    #[test]
    fn every_locale_file_is_compiled_in() {
        for &lang in Lang::ALL {
            let mut found: Vec<String> = std::fs::read_dir(locale_dir(lang))
                .unwrap()
                .map(|entry| entry.unwrap().file_name().into_string().unwrap())
                .collect();
            found.sort();
            assert_eq!(found, LOCALE_FILES, "{}", lang.code());
        }
    }

    #[test]
    fn attributes_are_words_of_their_own() {
        assert_eq!(
            lookup(Lang::En, "certificates-mail.subject", &[]).as_deref(),
            Some("Your certificate is available")
        );
        // The message alone has no value, only attributes: no words.
        assert_eq!(lookup(Lang::En, "certificates-mail", &[]), None);
        assert_eq!(lookup(Lang::En, "certificates-mail.no-such", &[]), None);
        assert_eq!(lookup(Lang::En, "no-such-id.subject", &[]), None);
    }
}
