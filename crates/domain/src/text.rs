//! Text written by people, kept in the language it was written in.

use crate::validation::{FieldError, bounded_text, codes, name_text};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

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

/// A text as it is kept: in Unicode normalization form C, so that "Paysandú" typed with a
/// combining accent (NFD) is the same string as typed with the accented letter.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The first character that a name may not hold, if any: control characters (general category
/// Cc, NUL included), invisible format characters (Cf: zero-width spaces and joiners, the word
/// joiner, the byte order mark, bidirectional controls, the soft hyphen) and the line and
/// paragraph separators. Each would make two names that look the same compare different.
pub fn forbidden_in_name(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        matches!(
            c.general_category(),
            GeneralCategory::Control
                | GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        )
    })
}

/// The first character that a free text (a description, a note, a narrative) may not hold, if
/// any: control characters other than line breaks and tabs.
pub fn forbidden_in_text(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// A character as Unicode names it in prose: `U+200B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// A name folded for search and sorting: lowercase, without accents or other combining marks,
/// whether they were typed composed or not (`Águas de Lindóia` → `aguas de lindoia`, `Ñemby` →
/// `nemby`).
pub fn search_key(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .collect()
}

/// The key under which two names are the same name: folded as for search (case and accents
/// ignored), runs of spaces made one, then reduced to its Unicode confusable skeleton (UTS #39),
/// so that a Cyrillic `о` counts as a Latin `o`. Only for comparing: never shown.
pub fn identity_key(s: &str) -> String {
    let folded = search_key(s);
    let spaced = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    unicode_security::skeleton(&spaced).collect()
}

/// How one value of a text is checked: [`bounded_text`] or [`name_text`].
type TextRule = fn(&str, &str, usize) -> Result<String, FieldError>;

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
        Self::parse_by(es, pt, en, max, bounded_text)
    }

    /// As [`parse`](Self::parse), for a name: each value also follows the rules of names
    /// ([`name_text`]).
    pub fn parse_name(
        es: Option<&str>,
        pt: Option<&str>,
        en: Option<&str>,
        max: usize,
    ) -> Result<Self, FieldError> {
        Self::parse_by(es, pt, en, max, name_text)
    }

    fn parse_by(
        es: Option<&str>,
        pt: Option<&str>,
        en: Option<&str>,
        max: usize,
        rule: TextRule,
    ) -> Result<Self, FieldError> {
        let one = |lang: &str, v: Option<&str>| -> Result<Option<String>, FieldError> {
            match v.map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => rule(lang, s, max).map(Some),
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
        Self::complete_by(es, pt, en, max, bounded_text)
    }

    /// As [`parse_complete`](Self::parse_complete), for a name ([`name_text`]).
    pub fn parse_complete_name(
        es: &str,
        pt: &str,
        en: &str,
        max: usize,
    ) -> Result<Self, FieldError> {
        Self::complete_by(es, pt, en, max, name_text)
    }

    fn complete_by(
        es: &str,
        pt: &str,
        en: &str,
        max: usize,
        rule: TextRule,
    ) -> Result<Self, FieldError> {
        Ok(Self {
            es: Some(rule("es", es, max)?),
            pt: Some(rule("pt", pt, max)?),
            en: Some(rule("en", en, max)?),
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
    fn search_keys_fold_decomposed_accents_too() {
        let decomposed = "Paysandu\u{301}";
        assert_ne!(decomposed, "Paysandú");
        assert_eq!(search_key(decomposed), "paysandu");
        assert_eq!(search_key("Paysandú"), "paysandu");
        assert_eq!(search_key("Cac\u{327}ador"), search_key("Caçador"));
    }

    #[test]
    fn nfc_composes_what_was_typed_decomposed() {
        assert_eq!(nfc("Paysandu\u{301}"), "Paysandú");
        assert_eq!(nfc("Paysandú"), "Paysandú");
        assert_eq!(nfc("Sa\u{303}o Paulo").chars().count(), 9);
    }

    #[test]
    fn identity_keys_ignore_case_accents_spaces_and_look_alikes() {
        let montevideo = identity_key("Montevideo");
        for same in [
            "MONTEVIDEO",
            "montevideo",
            "Montevídeo",
            "Monte\u{301}video",
            // Cyrillic о and е.
            "M\u{43E}nt\u{435}vide\u{43E}",
            "  Montevideo ",
        ] {
            assert_eq!(identity_key(same), montevideo, "{same}");
        }
        assert_eq!(identity_key("San  José"), identity_key("San Jose"));
        assert_ne!(identity_key("Montevideo"), identity_key("Maldonado"));
        assert_eq!(identity_key("UTC"), identity_key("utc"));
        assert_eq!(identity_key("ÚTC"), identity_key("UTC"));
    }

    #[test]
    fn identity_keys_keep_digits_apart() {
        let keys: std::collections::HashSet<String> = (0..10)
            .map(|d| identity_key(&format!("Ciudad {d:05}")))
            .collect();
        assert_eq!(keys.len(), 10);
    }

    #[test]
    fn names_hold_no_invisible_or_control_characters() {
        for (bad, c) in [
            ("Monte\u{200B}video", '\u{200B}'),
            ("Monte\u{200C}video", '\u{200C}'),
            ("Monte\u{200D}video", '\u{200D}'),
            ("Monte\u{2060}video", '\u{2060}'),
            ("\u{FEFF}Montevideo", '\u{FEFF}'),
            ("Monte\u{AD}video", '\u{AD}'),
            ("\u{202E}oedivetnoM", '\u{202E}'),
            ("Monte\u{202A}video", '\u{202A}'),
            ("Monte\u{2066}video", '\u{2066}'),
            ("Monte\u{2069}video", '\u{2069}'),
            ("Monte\u{0}video", '\u{0}'),
            ("Monte\nvideo", '\n'),
            ("Monte\u{2028}video", '\u{2028}'),
        ] {
            assert_eq!(forbidden_in_name(bad), Some(c), "{bad:?}");
        }
        assert_eq!(forbidden_in_name("Águas de Lindóia"), None);
        assert_eq!(forbidden_in_name("Ciudad del Este (PY) – 2º"), None);
        assert_eq!(forbidden_in_text("línea\nlínea\tcolumna"), None);
        assert_eq!(forbidden_in_text("a\u{7}b"), Some('\u{7}'));
        assert_eq!(code_point('\u{200B}'), "U+200B");
        assert_eq!(code_point('\u{0}'), "U+0000");
    }

    #[test]
    fn names_of_every_language_follow_the_rules_of_names() {
        let err = LocalizedText::parse_name(None, Some("Cultu\u{200B}ra"), None, 20);
        assert_eq!(
            err.map_err(|e| (e.field, e.code)),
            Err(("pt".to_owned(), codes::INVISIBLE_CHARACTER))
        );
        let ok = LocalizedText::parse_name(Some("Cultura\u{301}"), None, None, 20);
        assert_eq!(
            ok.map(|t| t.best(Lang::Es).to_owned()),
            Ok("Culturá".to_owned())
        );
        assert!(
            LocalizedText::parse_complete_name("Uruguay", "Uru\u{AD}guai", "Uruguay", 20).is_err()
        );
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
