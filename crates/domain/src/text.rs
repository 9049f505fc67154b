//! Text written by people, kept in the language it was written in.

use crate::validation::{FieldError, bounded_text, codes};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language of the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Es,
    Pt,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Es, Lang::Pt, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "es" => Ok(Lang::Es),
            "pt" => Ok(Lang::Pt),
            "en" => Ok(Lang::En),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name folded for search and sorting: lowercase, without the accents of Spanish and
/// Portuguese (`Águas de Lindóia` → `aguas de lindoia`, `Ñemby` → `nemby`).
pub fn search_key(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// A text in Spanish, Portuguese and/or English, at least one of them present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalizedText {
    es: Option<String>,
    pt: Option<String>,
    en: Option<String>,
}

impl LocalizedText {
    /// Builds a localized text; each present value is trimmed and bounded to `max` characters,
    /// empty strings count as absent, and at least one language must remain.
    pub fn parse(
        es: Option<&str>,
        pt: Option<&str>,
        en: Option<&str>,
        max: usize,
    ) -> Result<Self, FieldError> {
        let one = |lang: &str, v: Option<&str>| -> Result<Option<String>, FieldError> {
            match v.map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => bounded_text(lang, s, max).map(Some),
            }
        };
        let text = Self {
            es: one("es", es)?,
            pt: one("pt", pt)?,
            en: one("en", en)?,
        };
        if text.es.is_none() && text.pt.is_none() && text.en.is_none() {
            return Err(FieldError::new("", codes::EMPTY));
        }
        Ok(text)
    }

    /// Builds a text that requires all three languages (reference data such as countries).
    pub fn parse_complete(es: &str, pt: &str, en: &str, max: usize) -> Result<Self, FieldError> {
        Ok(Self {
            es: Some(bounded_text("es", es, max)?),
            pt: Some(bounded_text("pt", pt, max)?),
            en: Some(bounded_text("en", en, max)?),
        })
    }

    pub fn es(&self) -> Option<&str> {
        self.es.as_deref()
    }
    pub fn pt(&self) -> Option<&str> {
        self.pt.as_deref()
    }
    pub fn en(&self) -> Option<&str> {
        self.en.as_deref()
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Es => self.es(),
            Lang::Pt => self.pt(),
            Lang::En => self.en(),
        }
    }

    /// The text in `lang`, else in the network's languages, else whatever is present.
    pub fn best(&self, lang: Lang) -> &str {
        self.get(lang)
            .or(self.es())
            .or(self.pt())
            .or(self.en())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_keys_fold_case_and_accents() {
        assert_eq!(search_key(" Águas de Lindóia "), "aguas de lindoia");
        assert_eq!(search_key("ÑEMBY"), "nemby");
        assert_eq!(search_key("São João"), "sao joao");
        assert_eq!(search_key("Montevideo"), "montevideo");
    }

    #[test]
    fn at_least_one_language() {
        assert!(LocalizedText::parse(None, Some(" "), None, 10).is_err());
        let t = LocalizedText::parse(None, Some("Cultura"), None, 10);
        assert_eq!(t.as_ref().map(|t| t.best(Lang::En)), Ok("Cultura"));
    }

    #[test]
    fn bounds_each_language() {
        let err = LocalizedText::parse(Some("x".repeat(11).as_str()), None, None, 10);
        assert_eq!(
            err.map_err(|e| (e.field, e.code)),
            Err(("es".to_owned(), codes::TOO_LONG))
        );
    }

    #[test]
    fn complete_requires_all() {
        assert!(LocalizedText::parse_complete("Uruguay", "", "Uruguay", 10).is_err());
        assert!(LocalizedText::parse_complete("Uruguay", "Uruguai", "Uruguay", 10).is_ok());
    }
}
