//! A page's rendered body and what the checks need to know about it, found once while it is
//! rendered: headings, links, jargon, readability.

use crate::render::markdown::Rendered;

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
pub fn vague_links(
    events: &[(pulldown_cmark::Event<'_>, std::ops::Range<usize>)],
) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Tag, TagEnd};
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
