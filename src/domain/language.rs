//! The languages the platform speaks, and how a reader's is chosen from a
//! tag (`LANG`, a cookie, a profile) or an `Accept-Language` header.

use serde::{Deserialize, Serialize};

/// A language of the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
