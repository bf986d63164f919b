//! Translations and Easy Read versions in the model: each variant file (`a.pl.md`, `a.easy.md`)
//! matched to the page it is a version of, the settings it does not give inherited from that
//! page, and its address under its language's folder (`/pl/a/`, `/easy-read/a/`).

use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::SiteConfig;
use crate::load::content::{url_path, SourcePage};
use crate::load::languages::{url_prefix, EASY_READ};
use std::collections::HashMap;

/// The keys a version takes from its page when it does not give them itself. Titles,
/// descriptions, summaries and bodies are the version's own; aliases are never shared.
const INHERITED: &[&str] = &[
    "audience",
    "reviewed",
    "review_every",
    "weight",
    "reading_age",
    "template",
    "steps",
];

/// Checks every variant against `config` and the pages it is a version of, and fills in what it
/// inherits. A variant whose page is missing is left out with an error; one named for a language
/// that `languages:` does not list is read as an ordinary page, with a warning.
pub fn prepare(
    sources: Vec<SourcePage>,
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SourcePage> {
    let originals: HashMap<String, usize> = sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.variant.is_none())
        .map(|(i, s)| (s.source.clone(), i))
        .collect();
    let mut inherited: Vec<(usize, usize)> = Vec::new();
    let mut keep = vec![true; sources.len()];
    let mut unlisted = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let Some((original, code)) = &s.variant else {
            if s.front.translated.is_some() || s.front.translated_from_reviewed.is_some() {
                let key = if s.front.translated.is_some() {
                    "translated"
                } else {
                    "translated_from_reviewed"
                };
                diags.push(
                    Diagnostic::error(
                        Code::Translation,
                        s.file.clone(),
                        format!("`{key}:` belongs in a translation, and this page is not one"),
                    )
                    .at(s.front_matter_line(key), 1, Some(&s.text))
                    .with_hint("a translation's file is named after its English page with the language before `.md` (`sen-support.pl.md`); remove the key here"),
                );
            }
            continue;
        };
        if code != EASY_READ && !config.language_codes().any(|c| c == code) {
            unlisted.push(i);
            diags.push(
                Diagnostic::warning(
                    Code::Translation,
                    s.file.clone(),
                    format!("this file is named like a translation into `{code}`, but site.yaml's `languages:` does not list `{code}`, so it is made as an ordinary page"),
                )
                .with_hint(format!("add `- {{code: {code}, name: \"…\"}}` to `languages:` in site.yaml (the name in its own script), or rename the file without `.{code}`")),
            );
            continue;
        }
        match originals.get(original) {
            Some(&o) => inherited.push((i, o)),
            None => {
                keep[i] = false;
                diags.push(
                    Diagnostic::error(
                        Code::Translation,
                        s.file.clone(),
                        format!("this is a version of content/{original}, which does not exist"),
                    )
                    .with_hint(format!("a translation or Easy Read file sits beside its English page: add content/{original}, or rename this file after the page it translates")),
                );
            }
        }
        if s.front.translated_from_reviewed.is_none() {
            diags.push(
                Diagnostic::warning(
                    Code::Translation,
                    s.file.clone(),
                    "this version does not say which English version it was made from, so it cannot be known when it goes out of date",
                )
                .at(2, 1, Some(&s.text))
                .with_hint("add `translated_from_reviewed: YYYY-MM-DD`, the English page's `reviewed:` date when it was translated"),
            );
        }
    }
    let mut sources = sources;
    for i in unlisted {
        sources[i].variant = None;
    }
    for (i, o) in inherited {
        let from = sources[o].front.clone();
        let s = &mut sources[i];
        let written: Vec<bool> = INHERITED
            .iter()
            .map(|k| s.positions().key_line(k).is_some())
            .collect();
        let f = &mut s.front;
        for (key, written) in INHERITED.iter().zip(written) {
            if written {
                continue;
            }
            match *key {
                "audience" => f.audience = from.audience,
                "reviewed" => f.reviewed = from.reviewed,
                "review_every" => f.review_every = from.review_every,
                "weight" => f.weight = from.weight,
                "reading_age" => f.reading_age = from.reading_age,
                "template" => f.template = from.template.clone(),
                _ => f.steps = from.steps.clone(),
            }
        }
    }
    sources
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .collect()
}

/// The address of a page: its own for an ordinary page, its page's under the variant's folder
/// for a version (`parents/sen-support.pl.md` → `/pl/parents/sen-support/`).
pub fn page_path(src: &SourcePage) -> String {
    match &src.variant {
        Some((original, code)) => format!("/{}{}", url_prefix(code), url_path(original)),
        None => url_path(&src.source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(source: &str, front: &str) -> SourcePage {
        let text = format!("---\ntitle: T\ndescription: D\n{front}---\nbody\n");
        SourcePage::parse(source, format!("content/{source}").into(), text).unwrap()
    }

    fn config() -> SiteConfig {
        SiteConfig::parse(
            "title: T\ndescription: D\nbase_url: https://x.example\nlanguages:\n  - {code: pl, name: Polski}\n".into(),
        )
        .unwrap()
    }

    #[test]
    fn a_translation_inherits_what_it_does_not_give() {
        let en = page(
            "a.md",
            "audience: parents\nreviewed: 2026-01-01\nweight: 3\n",
        );
        let pl = page(
            "a.pl.md",
            "weight: 9\ntranslated_from_reviewed: 2026-01-01\n",
        );
        let mut diags = Vec::new();
        let out = prepare(vec![en, pl], &config(), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let pl = &out[1].front;
        assert_eq!(pl.audience.as_str(), "parents");
        assert_eq!(
            pl.reviewed.map(|d| d.to_string()).as_deref(),
            Some("2026-01-01")
        );
        assert_eq!(pl.weight, 9, "its own weight is kept");
        assert_eq!(page_path(&out[1]), "/pl/a/");
        assert_eq!(page_path(&page("s/_index.easy.md", "")), "/easy-read/s/");
    }

    #[test]
    fn a_version_without_its_page_or_language_is_named() {
        let mut diags = Vec::new();
        let out = prepare(
            vec![
                page("b.pl.md", "translated_from_reviewed: 2026-01-01\n"),
                page("c.de.md", ""),
            ],
            &config(),
            &mut diags,
        );
        assert_eq!(
            out.len(),
            1,
            "the translation of a missing page is left out"
        );
        assert_eq!(
            out[0].variant, None,
            "an unlisted language makes an ordinary page"
        );
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages[0].contains("version of content/b.md, which does not exist"),
            "{messages:?}"
        );
        assert!(messages[1].contains("does not list `de`"), "{messages:?}");
        let mut diags = Vec::new();
        prepare(
            vec![page("a.md", "translated: 2026-01-01\n")],
            &config(),
            &mut diags,
        );
        assert_eq!(diags[0].line, 4, "{diags:?}");
        assert!(diags[0].message.contains("belongs in a translation"));
    }
}
