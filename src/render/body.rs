//! A page's rendered body and what the checks need to know about it, found once while it is
//! rendered: headings, links, jargon, readability.

use crate::glossary::{usage, Matcher};
use crate::render::markdown::Rendered;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// What the checks need to know about a body, read once from its parsed events while it is
/// rendered, so no check parses a page again.
pub struct PageFacts {
    pub unknown_acronyms: Vec<(usize, String)>,
    pub vague_links: Vec<(usize, String)>,
    pub superseded_terms: Vec<(usize, usize, String)>,
    pub images_without_alt: Vec<usize>,
}

impl PageFacts {
    /// Reads the facts from a body's events; `known` are the words that need no explaining.
    pub fn of(
        events: &[(Event<'_>, Range<usize>)],
        known: &HashSet<String>,
        matcher: &Matcher,
    ) -> Self {
        PageFacts {
            unknown_acronyms: usage::unknown_acronyms(events, known, matcher),
            vague_links: vague_links(events),
            superseded_terms: usage::superseded_uses(events, matcher),
            images_without_alt: images_without_alt(events),
        }
    }

    /// Puts the facts into the rendered body the checks read.
    pub fn into_body(self, r: &mut Rendered) {
        r.unknown_acronyms = self.unknown_acronyms;
        r.vague_links = self.vague_links;
        r.superseded_terms = self.superseded_terms;
        r.images_without_alt = self.images_without_alt;
    }
}

/// Images whose alt text is empty or only spaces (`![](a.png)`, `![ ][ref]`), by the byte offset
/// of their `!`; images written in code are not images.
pub fn images_without_alt(events: &[(Event<'_>, Range<usize>)]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::Image { .. }) if open.is_none() => open = Some((range.start, false)),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, said)) = &mut open {
                    *said |= !t.trim().is_empty();
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = open.take() {
                    out.push(at);
                }
            }
            _ => {}
        }
    }
    out
}

/// A rendered page body, kept for checks and the search index.
#[derive(Debug, Clone)]
pub struct PageOutput {
    pub rendered: Rendered,
    /// Readability figures of the page's prose.
    pub readability: crate::readability::Figures,
}

pub const VAGUE: &[&str] = &[
    "click here",
    "here",
    "read more",
    "more",
    "this link",
    "link",
    "this page",
];

/// Links in a parsed body whose text does not say where they go ("click here"), with their
/// byte offsets; found while the body is rendered, so the check needs no second parse.
pub fn vague_links(events: &[(Event<'_>, Range<usize>)]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::Link { .. }) => open = Some((range.start, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, buf)) = &mut open {
                    buf.push_str(t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((at, text)) = open.take() {
                    let t = text.trim().trim_end_matches(['.', '!']).to_lowercase();
                    if VAGUE.contains(&t.as_str()) {
                        out.push((at, text.trim().to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}
