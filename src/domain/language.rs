//! The languages the platform speaks, and how a reader's is chosen from a
//! tag (`LANG`, a cookie, a profile) or an `Accept-Language` header.

use serde::{Deserialize, Serialize};

/// Declares the languages: one line each (the enum variant, the code, the
/// name in the language itself), the default first. A language
/// also needs its folder `locales/<code>/`, a copy of `locales/fr/` with
/// every message translated (the locale tests fail until it is complete).
macro_rules! languages {
    (
        $default:ident => $default_code:literal $default_name:literal,
        $($lang:ident => $code:literal $name:literal,)*
    ) => {
        /// A language of the platform.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        pub enum Lang {
            #[default]
            #[serde(rename = $default_code)]
            $default,
            $(#[serde(rename = $code)] $lang,)*
        }

        impl Lang {
            pub const ALL: &[Lang] = &[Lang::$default, $(Lang::$lang,)*];

            /// The BCP 47 code, as `<html lang>`, a cookie or a profile store it.
            pub fn code(self) -> &'static str {
                match self {
                    Lang::$default => $default_code,
                    $(Lang::$lang => $code,)*
                }
            }

            /// The language's name in itself, as the switch offers it.
            pub fn name(self) -> &'static str {
                match self {
                    Lang::$default => $default_name,
                    $(Lang::$lang => $name,)*
                }
            }
        }
    };
}

languages! {
    Fr => "fr" "Français",
    En => "en" "English",
}

impl Lang {
    /// A language tag (`fr`, `en-GB`, `EN_us.UTF-8`) read by its primary
    /// subtag; `None` for a language the platform does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default();
        Lang::ALL
            .iter()
            .copied()
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
}
