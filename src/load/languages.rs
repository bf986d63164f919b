//! The site's languages: the `languages:` list of `site.yaml`, each language's text direction,
//! and how a content file names the page it is a version of (`sen-support.pl.md` is the Polish
//! version of `sen-support.md`, `sen-support.easy.md` its Easy Read version).

use serde::{Deserialize, Serialize};

/// One language a site is translated into (`languages:` in `site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Its tag, as in file names and addresses: `pl`, `ur`, `pt-BR`.
    pub code: String,
    /// Its name in its own script: "Polski", "اردو".
    pub name: String,
}

/// Whether `code` is a BCP 47-style language tag: a 2–8 letter language, then `-`-joined parts
/// of 1–8 letters or digits (`en`, `cy`, `pt-BR`, `zh-Hant`, `es-419`). It names a theme file
/// (`i18n/<code>.yaml`), so nothing else may pass.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The variant name of an Easy Read version (`page.easy.md`).
pub const EASY_READ: &str = "easy";
/// The address folder of Easy Read versions: `/easy-read/parents/sen-support/`.
pub const EASY_READ_PREFIX: &str = "easy-read";

/// Languages written right to left (primary subtags). Punjabi (`pa`) is written in Gurmukhi,
/// left to right, in England; Shahmukhi Punjabi is `pa-Arab`, which this list catches.
const RTL: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// `rtl` or `ltr` for a language tag.
pub fn direction(code: &str) -> &'static str {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    let arabic_script = parts.any(|p| p.eq_ignore_ascii_case("arab"));
    if RTL.contains(&primary.as_str()) || arabic_script {
        "rtl"
    } else {
        "ltr"
    }
}

/// Splits a content path into the page it is a version of and the variant:
/// `parents/sen-support.pl.md` → (`parents/sen-support.md`, `pl`);
/// `complaints/_index.easy.md` → (`complaints/_index.md`, `easy`). `None` for an ordinary page
/// (no second dot, or a middle part that is no language tag).
pub fn split_variant(source: &str) -> Option<(String, String)> {
    let stem = source.strip_suffix(".md")?;
    let (dir, file) = match stem.rfind('/') {
        Some(i) => (&stem[..=i], &stem[i + 1..]),
        None => ("", stem),
    };
    let (name, code) = file.rsplit_once('.')?;
    if name.is_empty() || !(code == EASY_READ || is_language_code(code)) {
        return None;
    }
    Some((format!("{dir}{name}.md"), code.to_string()))
}

/// The address folder of a variant: `pl` → `pl`, `easy` → `easy-read`.
pub fn url_prefix(variant: &str) -> &str {
    if variant == EASY_READ {
        EASY_READ_PREFIX
    } else {
        variant
    }
}

/// The `lang` of a variant's pages: an Easy Read page is English.
pub fn html_lang<'a>(variant: &'a str, default: &'a str) -> &'a str {
    if variant == EASY_READ {
        default
    } else {
        variant
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_come_from_the_built_in_list() {
        for rtl in ["ar", "ur", "fa", "he", "ps", "pa-Arab"] {
            assert_eq!(direction(rtl), "rtl", "{rtl}");
        }
        for ltr in ["en", "pl", "pa", "bn", "ro", "cy", "pt-BR"] {
            assert_eq!(direction(ltr), "ltr", "{ltr}");
        }
    }

    #[test]
    fn variants_are_read_from_file_names() {
        let split = |s| split_variant(s);
        assert_eq!(
            split("parents/sen-support.pl.md"),
            Some(("parents/sen-support.md".into(), "pl".into()))
        );
        assert_eq!(
            split("complaints/_index.ur.md"),
            Some(("complaints/_index.md".into(), "ur".into()))
        );
        assert_eq!(split("a.easy.md"), Some(("a.md".into(), "easy".into())));
        assert_eq!(split("parents/sen-support.md"), None);
        assert_eq!(split("policy.v2.md"), None, "v2 is no language tag");
        assert_eq!(
            split("a.b/c.md"),
            None,
            "a dot in a folder is not a variant"
        );
        assert_eq!(split(".pl.md"), None);
        assert_eq!(url_prefix("easy"), "easy-read");
        assert_eq!(url_prefix("pl"), "pl");
    }
}
