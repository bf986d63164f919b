//! What templates see of a page's versions: the site's languages (each named in its own
//! script), a page's versions for the language switcher and `hreflang` alternates, and a
//! translation's dates ("translated on …", "the English version changed on …").

use crate::load::languages::{direction, html_lang, EASY_READ};
use crate::model::site::Site;
use crate::render::Theme;
use serde::Serialize;

/// One language of the site.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    pub code: String,
    /// Its name in its own script ("Polski").
    pub name: String,
    pub dir: &'static str,
}

/// The site's own language (named by its interface words' `language_name`) and its
/// `languages:`.
pub fn languages(site: &Site, theme: &Theme) -> Vec<LanguageView> {
    let c = &site.config;
    let own = LanguageView {
        code: c.language.clone(),
        name: theme
            .words
            .get("language_name")
            .cloned()
            .unwrap_or_else(|| c.language.clone()),
        dir: direction(&c.language),
    };
    std::iter::once(own)
        .chain(c.languages.iter().map(|l| LanguageView {
            code: l.code.clone(),
            name: l.name.clone(),
            dir: direction(&l.code),
        }))
        .collect()
}

/// One version of a page.
#[derive(Debug, Clone, Serialize)]
pub struct VersionView {
    /// `lang`/`hreflang` of the version (an Easy Read version is in the site's language).
    pub lang: String,
    pub dir: &'static str,
    /// Its language's name in its own script; empty for the Easy Read version (the theme
    /// names it with its own words).
    pub name: String,
    pub url: String,
    pub permalink: String,
    /// Whether it is the page being rendered.
    pub current: bool,
    pub easy_read: bool,
}

/// Page `i`'s versions, itself included, the page in the site's language first; empty when it
/// has none.
pub fn versions(site: &Site, i: usize) -> Vec<VersionView> {
    if !site.has_versions(i) {
        return Vec::new();
    }
    let c = &site.config;
    site.family(i)
        .into_iter()
        .map(|j| {
            let p = &site.pages[j];
            let variant = p.variant();
            let lang = variant.map_or(c.language.as_str(), |v| html_lang(v, &c.language));
            let name = match variant {
                Some(EASY_READ) => String::new(),
                Some(v) => c
                    .languages
                    .iter()
                    .find(|l| l.code == v)
                    .map_or_else(|| v.to_string(), |l| l.name.clone()),
                None => String::new(),
            };
            VersionView {
                lang: lang.to_string(),
                dir: direction(lang),
                name,
                url: site.url(&p.path),
                permalink: site.permalink(&p.path),
                current: j == i,
                easy_read: variant == Some(EASY_READ),
            }
        })
        .collect()
}

/// Page `i`'s versions in other languages (Easy Read, in the same language, left out), when it
/// has at least one: what `hreflang` alternates list.
pub fn alternates(site: &Site, i: usize) -> Vec<VersionView> {
    if site.pages[i].variant() == Some(EASY_READ) {
        return Vec::new(); // not one of the set: the same language as the standard page
    }
    let list: Vec<VersionView> = versions(site, i)
        .into_iter()
        .filter(|v| !v.easy_read)
        .collect();
    if list.len() < 2 {
        Vec::new()
    } else {
        list
    }
}

/// A translation's or Easy Read version's dates, as templates see them.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationView {
    /// When it was translated (`translated:`), `YYYY-MM-DD`.
    pub translated_iso: Option<String>,
    /// The address of the page it is a version of.
    pub original_url: String,
    /// The date that page last changed (its `reviewed:`), when that is later than the one the
    /// version was made from: the version may be out of date.
    pub changed_iso: Option<String>,
    pub easy_read: bool,
}

/// Page `i`'s translation dates; `None` when it is not a version of another page.
pub fn translation(site: &Site, i: usize) -> Option<TranslationView> {
    let p = &site.pages[i];
    let o = p.original?;
    Some(TranslationView {
        translated_iso: p.src.front.translated.map(|d| d.to_string()),
        original_url: site.url(&site.pages[o].path),
        changed_iso: stale_since(site, i).map(|d| d.to_string()),
        easy_read: p.variant() == Some(EASY_READ),
    })
}

/// When page `i` is a version made from an older `reviewed:` date of its page: that page's
/// `reviewed:` date (the day it changed).
pub fn stale_since(site: &Site, i: usize) -> Option<chrono::NaiveDate> {
    let p = &site.pages[i];
    let changed = site.pages[p.original?].src.front.reviewed?;
    let from = p.src.front.translated_from_reviewed?;
    (changed > from).then_some(changed)
}
