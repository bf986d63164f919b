//! Jargon checks: acronyms the glossary does not define, and superseded terms used in pages.

use crate::checks::{Check, CheckInput};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::model::site::Page;

fn at(page: &Page, offset: usize, d: Diagnostic) -> Diagnostic {
    page.src.placed(d, offset)
}

/// Warns on acronyms the glossary does not define and `acronyms_allowed` does not list.
pub struct UndefinedAcronyms;

impl Check for UndefinedAcronyms {
    fn code(&self) -> Code {
        Code::Acronyms
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let site = input.site;
        site.pages
            .iter()
            .zip(input.pages)
            .flat_map(|(page, out)| {
                out.rendered
                    .unknown_acronyms
                    .iter()
                    .map(move |(offset, word)| {
                        let d = undefined_acronym(page, word);
                        // A translation's words are checked against its language's glossary.
                        let d = match page.variant().filter(|v| input.glossary.translations.contains_key(*v)) {
                            Some(v) => d.with_hint(format!(
                                "add \"{word}\" to {} (as `abbr:` of its entry), write it out in full, or list it in `acronyms_allowed` in site.yaml",
                                crate::glossary::translation::file(v)
                            )),
                            None => d,
                        };
                        at(page, *offset, d)
                    })
            })
            .collect()
    }
}

/// The warning for an undefined acronym.
pub fn undefined_acronym(page: &Page, word: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::Acronyms,
        page.src.file.clone(),
        format!("\"{word}\" is not explained: the glossary does not define it"),
    )
    .with_hint(format!(
        "add \"{word}\" to content/glossary.yaml (as `abbr:` of its entry), write it out in full, or list it in `acronyms_allowed` in site.yaml"
    ))
}

/// Warns on old terms (entries with `superseded_by`) used in pages.
pub struct SupersededTerms;

impl Check for SupersededTerms {
    fn code(&self) -> Code {
        Code::Superseded
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let site = input.site;
        let mut out = Vec::new();
        for (page, built) in site.pages.iter().zip(input.pages) {
            // Each page's words were matched against its own language's glossary.
            let g = input.glossary.for_variant(page.variant());
            for (offset, entry, used) in &built.rendered.superseded_terms {
                let Some(new) = &g.entries[*entry].superseded_by else {
                    continue;
                };
                let current = g.by_term(new).map(|n| &g.entries[n]);
                let d = superseded(page, used, new, current.and_then(|c| c.abbr.as_deref()));
                out.push(at(page, *offset, d));
            }
        }
        out
    }
}

/// The warning for a superseded term.
pub fn superseded(page: &Page, used: &str, new: &str, new_abbr: Option<&str>) -> Diagnostic {
    let name = match new_abbr {
        Some(a) => format!("\"{new}\" ({a})"),
        None => format!("\"{new}\""),
    };
    Diagnostic::warning(
        Code::Superseded,
        page.src.file.clone(),
        format!("\"{used}\" is an old term; it is now called {name}"),
    )
    .with_hint(format!(
        "use {name} instead, or say plainly that \"{used}\" is the old name"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::usage::{acronyms, superseded_uses};
    use crate::glossary::{Glossary, Matcher};
    use crate::load::content::SourcePage;

    fn page() -> Page {
        let src = SourcePage::parse(
            "a.md",
            "content/a.md".into(),
            "---\ntitle: A\ndescription: B\n---\nx\n".into(),
        )
        .unwrap();
        crate::model::site::shared_pages(vec![src]).remove(0)
    }

    #[test]
    fn acronyms_are_two_to_six_capitals() {
        let found: Vec<&str> = acronyms("The LA and SENDIASS, EHCPs, A, ABCDEFG, SpLD, UK's, X2")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(found, ["LA", "EHCP", "UK"]);
    }

    #[test]
    fn dotted_names_are_words_not_acronyms() {
        let found: Vec<&str> = acronyms("See GOV.UK and NHS.UK. Ask the LA. Then the SENCO.")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            found,
            ["LA", "SENCO"],
            "a full stop ending a sentence still ends the word"
        );
    }

    #[test]
    fn an_old_term_broken_over_two_lines_is_found_at_its_first_word() {
        let (g, _) = Glossary::parse(
            "- term: School Action Plus\n  definition: Extra help a school gave before 2014.\n  superseded_by: SEN support\n- term: SEN support\n  definition: Help in school.\n",
        );
        let matcher = Matcher::new(&g).expect("matcher");
        let body =
            "Before 2014 this was *called* School\nAction Plus.\n\n```\nSchool Action Plus\n```\n";
        let parsed = crate::load::markdown::parse(body);
        let found = superseded_uses(&parsed.events, &matcher);
        assert_eq!(found.len(), 1, "{found:?}");
        let (offset, entry, used) = &found[0];
        assert_eq!((*entry, used.as_str()), (0, "School Action Plus"));
        assert_eq!(&body[*offset..*offset + 6], "School");
    }

    #[test]
    fn messages_name_the_word_and_the_fix() {
        let d = undefined_acronym(&page(), "LA");
        assert_eq!(
            d.message,
            "\"LA\" is not explained: the glossary does not define it"
        );
        assert!(d.hint.unwrap().contains("`acronyms_allowed` in site.yaml"));
        let d = superseded(
            &page(),
            "statement",
            "Education, Health and Care plan",
            Some("EHCP"),
        );
        assert_eq!(d.message, "\"statement\" is an old term; it is now called \"Education, Health and Care plan\" (EHCP)");
        assert_eq!(d.hint.as_deref(), Some("use \"Education, Health and Care plan\" (EHCP) instead, or say plainly that \"statement\" is the old name"));
    }

    const GLOSSARY: &str = "- term: Education, Health and Care plan\n  abbr: EHCP\n  definition: A legal plan.\n- term: statement of special educational needs\n  also: [statement]\n  definition: The old plan.\n  superseded_by: Education, Health and Care plan\n";

    fn sample() -> crate::checks::sample::Sample {
        use crate::checks::sample::{page, Sample};
        Sample::with(
            "acronyms_allowed: [UK]\n",
            GLOSSARY,
            &[
                (
                    "acronyms.md",
                    &page(
                        "",
                        "Ask the LA about an EHCP. The LA will reply.\n\nThe UK rules apply.\n\nYour SENCO can help.\n\n```\nCODE IN A BLOCK\n```\n",
                    ),
                ),
                (
                    "old-words.md",
                    &page(
                        "",
                        "Your statement still counts.\n\nA statement again.\n\n```\nstatement\n```\n",
                    ),
                ),
                ("plain.md", &page("", "Your plan says what help you get.\n")),
            ],
        )
    }

    #[test]
    fn undefined_acronyms_are_found_once_at_their_first_use() {
        let found = sample().run(&UndefinedAcronyms);
        assert_eq!(
            crate::checks::sample::places(&found),
            [
                "content/acronyms.md:5:9 \"LA\" is not explained: the glossary does not define it",
                "content/acronyms.md:9:6 \"SENCO\" is not explained: the glossary does not define it",
            ],
            "EHCP is the glossary's, UK is allowed, LA is named once, code blocks are not prose"
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("add \"LA\" to content/glossary.yaml (as `abbr:` of its entry), write it out in full, or list it in `acronyms_allowed` in site.yaml")
        );
        assert_eq!(
            found[0].source_line.as_deref(),
            Some("Ask the LA about an EHCP. The LA will reply.")
        );
        assert!(found
            .iter()
            .all(|d| d.code == Code::Acronyms && !d.is_error()));
    }

    #[test]
    fn old_terms_are_found_once_naming_the_current_term() {
        let found = sample().run(&SupersededTerms);
        assert_eq!(
            crate::checks::sample::places(&found),
            ["content/old-words.md:5:6 \"statement\" is an old term; it is now called \"Education, Health and Care plan\" (EHCP)"]
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("use \"Education, Health and Care plan\" (EHCP) instead, or say plainly that \"statement\" is the old name")
        );
        assert!(found
            .iter()
            .all(|d| d.code == Code::Superseded && !d.is_error()));
    }
}
