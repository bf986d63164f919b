//! Jargon checks: acronyms the glossary does not define, and superseded terms used in pages.

use super::{Glossary, Matcher};
use crate::build::Build;
use crate::check::Check;
use crate::diagnostics::{line_col, Diagnostic};
use crate::site::{Page, Site};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// Calls `f(offset, text)` for each run of prose text among parsed events (not code or images).
fn prose_of<'e, E>(events: impl Iterator<Item = (E, Range<usize>)>, mut f: impl FnMut(usize, &str))
where
    E: std::borrow::Borrow<Event<'e>>,
{
    let mut skip = 0usize;
    for (ev, range) in events {
        match ev.borrow() {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_)) => {
                skip += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(t) if skip == 0 => f(range.start, t),
            _ => {}
        }
    }
}

/// The acronyms in a parsed body that `known` (see [`known_words`]) does not hold and no
/// glossary term around them explains, first use of each, with their byte offsets. Done while
/// the body is rendered, so the check needs no second parse.
pub fn unknown_acronyms(
    events: &[(Event<'_>, Range<usize>)],
    known: &HashSet<String>,
    matcher: &Matcher,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    prose_of(
        events.iter().map(|(e, r)| (e, r.clone())),
        |offset, text| {
            let mut candidates = acronyms(text)
                .into_iter()
                .filter(|(_, w)| !known.contains(*w))
                .peekable();
            if candidates.peek().is_none() {
                return;
            }
            // Only texts with an unknown acronym pay for the glossary search.
            let found = matcher.find(text);
            for (i, word) in candidates {
                let inside = found.iter().any(|f| f.start <= i && i < f.end);
                if !inside && seen.insert(word.to_string()) {
                    out.push((offset + i, word.to_string()));
                }
            }
        },
    );
    out
}

fn at(page: &Page, offset: usize, d: Diagnostic) -> Diagnostic {
    let (line, col) = line_col(&page.src.text, page.src.body_start + offset);
    d.at(line, col, Some(&page.src.text))
}

/// Words of 2–6 capital letters (an `s` plural allowed) in `text`, with their byte offsets.
pub fn acronyms(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    // Most text has no two capitals in a row: a quick byte scan settles it.
    let upper = |b: &u8| b.is_ascii_uppercase();
    if !text
        .as_bytes()
        .windows(2)
        .any(|w| upper(&w[0]) && upper(&w[1]))
    {
        return out;
    }
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                let bare = word
                    .strip_suffix('s')
                    .filter(|b| b.len() >= 2)
                    .unwrap_or(word);
                if (2..=6).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_uppercase()) {
                    out.push((s, bare));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Warns on acronyms the glossary does not define and `acronyms_allowed` does not list.
pub struct UndefinedAcronyms;

impl Check for UndefinedAcronyms {
    fn name(&self) -> &'static str {
        "acronyms"
    }
    fn run(&self, build: &Build, site: &Site) -> Vec<Diagnostic> {
        site.pages
            .iter()
            .zip(&build.pages)
            .flat_map(|(page, out)| {
                out.rendered
                    .unknown_acronyms
                    .iter()
                    .map(move |(offset, word)| at(page, *offset, undefined_acronym(page, word)))
            })
            .collect()
    }
}

/// Every spelling the glossary defines, and the acronyms a site allows without one.
pub fn known_words(glossary: &Glossary, allowed: &[String]) -> HashSet<String> {
    glossary
        .entries
        .iter()
        .flat_map(|e| e.spellings().map(str::to_string).collect::<Vec<_>>())
        .chain(allowed.iter().cloned())
        .collect()
}

/// The warning for an undefined acronym.
pub fn undefined_acronym(page: &Page, word: &str) -> Diagnostic {
    Diagnostic::warning(
        "acronyms",
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
    fn name(&self) -> &'static str {
        "superseded"
    }
    fn run(&self, build: &Build, site: &Site) -> Vec<Diagnostic> {
        let g = &build.glossary;
        let mut out = Vec::new();
        for (page, built) in site.pages.iter().zip(&build.pages) {
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

/// The first use of each old term (an entry with `superseded_by`) in a parsed body: byte
/// offset, entry and the words as written. Lines of one paragraph are read as one text, so a
/// term broken over two lines is found. Done while the body is rendered.
pub fn superseded_uses(
    events: &[(Event<'_>, Range<usize>)],
    matcher: &Matcher,
) -> Vec<(usize, usize, String)> {
    let g = matcher.glossary;
    let mut out = Vec::new();
    if g.entries.iter().all(|e| e.superseded_by.is_none()) {
        return out;
    }
    let mut seen = HashSet::new();
    // The current run of text, and where each of its pieces starts: (in the run, in the body).
    let mut run = String::new();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut flush = |run: &mut String, pieces: &mut Vec<(usize, usize)>| {
        for f in matcher.find(run) {
            if g.entries[f.entry].superseded_by.is_some() && seen.insert(f.entry) {
                let (at, body) = pieces
                    .iter()
                    .rev()
                    .find(|(at, _)| *at <= f.start)
                    .copied()
                    .unwrap_or((0, 0));
                out.push((
                    body + f.start - at,
                    f.entry,
                    run[f.start..f.end].to_string(),
                ));
            }
        }
        run.clear();
        pieces.clear();
    };
    let mut skip = 0usize;
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_)) => {
                flush(&mut run, &mut pieces);
                skip += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(t) if skip == 0 => {
                pieces.push((run.len(), range.start));
                run.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => run.push(' '),
            _ => flush(&mut run, &mut pieces),
        }
    }
    flush(&mut run, &mut pieces);
    out
}

/// The warning for a superseded term.
pub fn superseded(page: &Page, used: &str, new: &str, new_abbr: Option<&str>) -> Diagnostic {
    let name = match new_abbr {
        Some(a) => format!("\"{new}\" ({a})"),
        None => format!("\"{new}\""),
    };
    Diagnostic::warning(
        "superseded",
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
    use crate::content::SourcePage;

    fn page() -> Page {
        let src = SourcePage::parse(
            "a.md",
            "content/a.md".into(),
            "---\ntitle: A\ndescription: B\n---\nx\n".into(),
        )
        .unwrap();
        crate::site::shared_pages(vec![src]).remove(0)
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
    fn an_old_term_broken_over_two_lines_is_found_at_its_first_word() {
        let (g, _) = Glossary::parse(
            "- term: School Action Plus\n  definition: Extra help a school gave before 2014.\n  superseded_by: SEN support\n- term: SEN support\n  definition: Help in school.\n",
        );
        let matcher = Matcher::new(&g).expect("matcher");
        let body =
            "Before 2014 this was *called* School\nAction Plus.\n\n```\nSchool Action Plus\n```\n";
        let parsed = crate::markdown::parse(body);
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
}
