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
    s.chars().find(|&c| refused_in_name(c))
}

/// Whether a name may not hold `c` (see [`forbidden_in_name`]).
pub fn refused_in_name(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// The first character that a free text (a description, a note, a narrative) may not hold, if
/// any: control characters other than line breaks and tabs.
pub fn forbidden_in_text(s: &str) -> Option<char> {
    s.chars().find(|&c| refused_in_text(c))
}

/// Whether a free text may not hold `c` (see [`forbidden_in_text`]).
pub fn refused_in_text(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t' && c != '\r'
}

/// A character as Unicode names it in prose: `U+200B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// A name folded for search and sorting: lowercase, without accents or other combining marks,
/// whether they were typed composed or not (`Águas de Lindóia` → `aguas de lindoia`, `Ñemby` →
/// `nemby`).
pub fn search_key(s: &str) -> String {
    without_marks(&s.trim().to_lowercase())
}

fn without_marks(s: &str) -> String {
    s.nfd().filter(|&c| !is_combining_mark(c)).collect()
}

/// The keys under which two names are the same name, for comparing only (never shown): the
/// name without accents, its runs of spaces made one, in lower case and in capitals, each
/// reduced to its Unicode confusable skeleton (UTS #39). Two names are the same when either key
/// is: a Cyrillic `о` looks like an `o` in both cases, a Cyrillic `Т` like a `T` only in
/// capitals, a Greek `ν` like a `v` only in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKeys {
    /// The skeleton of the name in lower case.
    pub lower: String,
    /// The skeleton of the name in capitals.
    pub upper: String,
}

impl NameKeys {
    pub fn of(name: &str) -> Self {
        let plain = without_marks(name);
        let spaced = plain.split_whitespace().collect::<Vec<_>>().join(" ");
        let skeleton =
            |s: &str| -> String { unicode_security::skeleton(&without_marks(s)).collect() };
        Self {
            lower: skeleton(&spaced.to_lowercase()),
            upper: skeleton(&spaced.to_uppercase()),
        }
    }

    /// Whether the names of these keys are the same name.
    pub fn same(&self, other: &NameKeys) -> bool {
        self.lower == other.lower || self.upper == other.upper
    }
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
    fn name_keys_ignore_case_accents_spaces_and_look_alikes() {
        let montevideo = NameKeys::of("Montevideo");
        for same in [
            "MONTEVIDEO",
            "montevideo",
            "Montevídeo",
            "Monte\u{301}video",
            // Cyrillic о and е.
            "M\u{43E}nt\u{435}vide\u{43E}",
            // Cyrillic О, Е and Greek Ι.
            "M\u{41E}NT\u{415}V\u{399}DEO",
            "  Montevideo ",
        ] {
            assert!(NameKeys::of(same).same(&montevideo), "{same}");
        }
        assert!(NameKeys::of("San  José").same(&NameKeys::of("san jose")));
        let utc = NameKeys::of("UTC");
        for same in ["utc", "ÚTC", "U\u{422}C", "\u{55}\u{422}\u{421}"] {
            assert!(NameKeys::of(same).same(&utc), "{same}");
        }
        // A Cyrillic Т looks like a T in capitals only; a Greek ν like a v in lower case only.
        assert_ne!(NameKeys::of("U\u{422}C").lower, utc.lower);
        assert_eq!(NameKeys::of("U\u{422}C").upper, utc.upper);
        assert!(NameKeys::of("\u{3BD}ida").same(&NameKeys::of("vida")));
        for other in ["Maldonado", "Montevideo 2", "Salto"] {
            assert!(!NameKeys::of(other).same(&montevideo), "{other}");
        }
        assert!(!NameKeys::of("Salto").same(&NameKeys::of("Saito")));
    }

    #[test]
    fn name_keys_keep_digits_apart() {
        let keys: Vec<NameKeys> = (0..10)
            .map(|d| NameKeys::of(&format!("Ciudad {d:05}")))
            .collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert!(!a.same(b), "{a:?} {b:?}");
            }
        }
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
