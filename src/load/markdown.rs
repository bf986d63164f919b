//! Markdown source to events: pulldown-cmark with senpack's options, every heading given a
//! stable id (never one the theme uses), and the small text rules shared by every layer above
//! (slugs, link schemes, HTML escaping). Rendering the events to HTML is `render::markdown`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// A heading in a page, for anchors and the "on this page" list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Byte offset of the heading in the body it was parsed from (not shown to templates).
    #[serde(skip)]
    pub offset: usize,
}

/// A parsed page body: events with their byte ranges in the body, and its headings.
pub struct Parsed<'a> {
    pub events: Vec<(Event<'a>, Range<usize>)>,
    pub headings: Vec<Heading>,
}

/// Every id the default theme's templates write themselves (a test reads the templates and fails
/// when one is missing here). Content may not use them: a heading that would get one gets `h-`
/// in front, and an author's `id` in raw HTML that is one is dropped.
pub const THEME_IDS: &[&str] = &[
    "az-title",
    "disabled-pupils",
    "display-options",
    "everything",
    "feedback-comment",
    "feedback-comment-hint",
    "feedback-error",
    "feedback-title",
    "filter-age",
    "filter-area",
    "filter-category",
    "filter-day",
    "filter-free",
    "filter-need",
    "filter-phase",
    "filter-q",
    "filters-title",
    "header-q",
    "in-this-section",
    "main",
    "main-tasks",
    "more-guides",
    "mr-date",
    "mr-explore",
    "mr-focus",
    "mr-plan",
    "mr-review",
    "mr-title",
    "mr-who",
    "near-me-district",
    "near-me-title",
    "pack-contents-title",
    "pack-glossary",
    "pack-title",
    "rl-title",
    "route-title",
    "school-facts-title",
    "school-senco-title",
    "school-list-title",
    "school-pages",
    "search-audience",
    "search-english",
    "search-q",
    "search-results",
    "search-school",
    "search-status",
    "search-title",
    "service-answers",
    "service-contacts",
    "service-cost",
    "service-list-title",
    "service-times",
    "service-where",
    "service-who-for",
    "shortlist-link",
    "shortlist-share",
    "toc-title",
];

/// Starts of the ids the theme numbers itself on a page: report items (`item-1`), pack parts
/// (`part-1`), glossary letters (`letter-a`), the search page's A–Z letters (`az-a`) and the
/// shortlist buttons' notes (`save-note-<slug>`). (The glossary's in-place definitions,
/// `gl-def-1`, are made before cleaning and so pass it; headings never take them.)
pub const THEME_ID_PREFIXES: &[&str] = &["item-", "part-", "letter-", "az-", "save-note-"];

/// Whether content may not use `id` because the theme or senpack uses it.
pub fn is_theme_id(id: &str) -> bool {
    let id = id.trim().to_ascii_lowercase();
    THEME_IDS.contains(&id.as_str()) || THEME_ID_PREFIXES.iter().any(|p| id.starts_with(p))
}

pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Parses a body and assigns heading ids (explicit `{#id}` ids are kept).
pub fn parse(body: &str) -> Parsed<'_> {
    let mut events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, parser_options())
        .into_offset_iter()
        .collect();
    let mut headings = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // The open heading: its event's index and the text read so far.
    let mut open: Option<(usize, String)> = None;
    for i in 0..events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { .. }) => open = Some((i, String::new())),
            Event::End(TagEnd::Heading(level)) => {
                let level = *level;
                let Some((start, text)) = open.take() else {
                    continue;
                };
                let text = text.trim().to_string();
                let offset = events[start].1.start;
                let Event::Start(Tag::Heading { id, .. }) = &mut events[start].0 else {
                    continue;
                };
                let mut base = match id {
                    Some(explicit) => explicit.to_string(),
                    None => slugify(&text),
                };
                // The theme's own ids (`main`, the skip link's target, ...) are never a heading's.
                if is_theme_id(&base) || base.starts_with("gl-def-") {
                    base = format!("h-{base}");
                }
                let n = seen.entry(base.clone()).or_insert(0);
                *n += 1;
                let unique = if *n == 1 { base } else { format!("{base}-{n}") };
                *id = Some(CowStr::from(unique.clone()));
                headings.push(Heading {
                    level: heading_level(level),
                    id: unique,
                    text,
                    offset,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, buf)) = &mut open {
                    buf.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, buf)) = &mut open {
                    buf.push(' ');
                }
            }
            _ => {}
        }
    }
    Parsed { events, headings }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// A heading's id: lower-cased, runs of anything but letters and digits become one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// The schemes a link or image may use; a target without a scheme is a relative link.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of a link target as a browser reads it (tabs and line breaks removed, leading
/// spaces and control characters trimmed, lower-cased), or `None` for a relative link.
pub fn scheme_of(target: &str) -> Option<String> {
    let cleaned: String = target
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if cleaned[end..].starts_with(':') {
        Some(cleaned[..end].to_ascii_lowercase())
    } else {
        None
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}
