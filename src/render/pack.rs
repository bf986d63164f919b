//! The parent information pack: one printable page per school (cover, contents, the pages listed
//! under `pack:` in site.yaml, a short glossary). Printing it to PDF is `serve::print`.

use crate::diagnostics::Code;
use crate::model::site::Site;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde_json::{json, Value};

/// The pack's path for a school whose home is at `home` (`/schools/oak/` → `/schools/oak/pack/`).
pub fn pack_path(home: &str) -> String {
    format!("{home}pack/")
}

/// One page of the pack: its index in the site and its body as the pack shows it (rendered
/// with [`PartMarkup`]).
pub struct Part {
    pub page: usize,
    pub html: String,
}

/// Finds the pack's pages for a school; every entry of `pack:` that is not a page is a diagnostic.
pub fn parts(site: &Site, slug: &str) -> (Vec<usize>, Vec<crate::Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    for (n, entry) in site.config.pack.iter().enumerate() {
        let source = entry.trim_start_matches("./");
        match site.find_source(Some(slug), source) {
            Some(i) => found.push(i),
            None => {
                let line = site.config.line_of(&format!("pack[{n}]"));
                diags.push(
                    crate::Diagnostic::error(
                        Code::Pack,
                        "site.yaml",
                        format!("the pack lists `{entry}`, which is not a page (looked for content/{source})"),
                    )
                    .at(line, 0, Some(&site.config.text))
                    .with_hint("list pages by their path inside content/, e.g. `parents/sen-support.md`"),
                );
            }
        }
    }
    (found, diags)
}

/// A term for the pack's glossary.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GlossaryTerm {
    pub term: String,
    pub definition: String,
}

/// The pack's short glossary: only the terms its pages use, in A–Z order. Glossary linking marks
/// the first use of every term in a page with a link to `/glossary/#<id>`, so the terms a page uses
/// are read off its rendered body without matching the text again.
pub fn glossary_terms(glossary: &crate::glossary::Glossary, parts: &[Part]) -> Vec<GlossaryTerm> {
    const MARK: &str = "glossary/#";
    let mut used = std::collections::BTreeSet::new();
    for part in parts {
        let mut rest = part.html.as_str();
        while let Some(i) = rest.find(MARK) {
            rest = &rest[i + MARK.len()..];
            let id = &rest[..rest.find('"').unwrap_or(0)];
            if let Some(e) = glossary.entries.iter().position(|e| e.id == id) {
                used.insert(e);
            }
        }
    }
    let mut terms: Vec<GlossaryTerm> = used
        .into_iter()
        .map(|e| {
            let entry = &glossary.entries[e];
            GlossaryTerm {
                term: match &entry.abbr {
                    Some(a) => format!("{} ({a})", entry.term),
                    None => entry.term.clone(),
                },
                definition: entry.definition.clone(),
            }
        })
        .collect();
    terms.sort_by_key(|t| t.term.to_lowercase());
    terms
}

/// The `pack` value of `pack.html`. Inside one school's pack, a part's title leaves out the
/// " – School name" its page's title carries on the site (the cover names the school).
pub fn pack_value(site: &Site, parts: &[Part], glossary: &[GlossaryTerm], school: &str) -> Value {
    let suffix = format!(" – {school}");
    let items: Vec<Value> = parts
        .iter()
        .enumerate()
        .map(|(n, part)| {
            let p = &site.pages[part.page];
            json!({
                "id": part_id(n),
                "title": p.title().strip_suffix(suffix.as_str()).unwrap_or(p.title()),
                "description": p.src.front.description,
                "permalink": site.permalink(&p.path),
                "content": part.html,
            })
        })
        .collect();
    json!({ "parts": items, "glossary": glossary })
}

/// The id of the pack's `n`th part (from 0): `part-1`, `part-2`… It starts every id inside
/// the part, so no two parts share one.
pub fn part_id(n: usize) -> String {
    format!("part-{}", n + 1)
}

/// How a page's body is made to fit inside the pack, applied to its Markdown events before they
/// become HTML (see [`PartMarkup::events`]): each part's title is an `h2`, so the page's own
/// headings move one level down; every id gets the part's prefix, and so do in-page links
/// (`#id`) and id references (`aria-describedby`…); site links become full addresses (the
/// print shows them after the link text).
#[derive(Debug, Clone)]
pub struct PartMarkup {
    /// `part-N-`, put before every id of the part.
    ids: String,
    /// `<path prefix>/`: where the site's own addresses start.
    local: String,
    /// The site's address without a trailing slash.
    base: String,
}

/// Attributes whose value is a list of ids in the same document.
const ID_REF_ATTRS: [&str; 5] = [
    "aria-describedby",
    "aria-labelledby",
    "aria-controls",
    "for",
    "headers",
];

impl PartMarkup {
    /// The markup of the pack's `n`th part (from 0) on the site `config` describes.
    pub fn new(config: &crate::load::config::SiteConfig, n: usize) -> PartMarkup {
        PartMarkup {
            ids: format!("{}-", part_id(n)),
            local: format!("{}/", config.path_prefix()),
            base: config.base().to_string(),
        }
    }

    /// `part-N-`: what every id of the part starts with.
    pub fn id_prefix(&self) -> &str {
        &self.ids
    }

    /// The part's `part-N` (its own id).
    pub fn part(&self) -> &str {
        self.ids.trim_end_matches('-')
    }

    fn id(&self, id: &str) -> String {
        format!("{}{id}", self.ids)
    }

    /// A link target inside the pack: `#id` gets the part's prefix and a site address
    /// (`<path prefix>/…`) becomes a full one; `None` for any other target (kept as it is).
    pub fn link(&self, dest: &str) -> Option<String> {
        if let Some(id) = dest.strip_prefix('#') {
            return Some(format!("#{}", self.id(id)));
        }
        dest.strip_prefix(&self.local)
            .map(|rest| format!("{}/{rest}", self.base))
    }

    /// The page's events as they go in the pack: headings a level down with prefixed ids,
    /// links and footnotes pointing at prefixed ids, site links in full, and raw HTML (with the
    /// renderer's own call-out, table and code markup, which has no ids or links) through
    /// [`PartMarkup::html`]. The lines of an HTML block become one event, so a tag written
    /// over several lines is read whole.
    pub fn events<'a>(&self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        let mut block: Option<String> = None;
        for event in events {
            if let Some(text) = &mut block {
                match event {
                    Event::Html(h) => text.push_str(&h),
                    other => {
                        let text = block.take().unwrap_or_default();
                        out.push(Event::Html(self.html(&text).into()));
                        out.push(self.event(other));
                    }
                }
                continue;
            }
            match event {
                Event::Start(Tag::HtmlBlock) => {
                    out.push(Event::Start(Tag::HtmlBlock));
                    block = Some(String::new());
                }
                other => out.push(self.event(other)),
            }
        }
        if let Some(text) = block {
            out.push(Event::Html(self.html(&text).into()));
        }
        out
    }

    fn event<'a>(&self, event: Event<'a>) -> Event<'a> {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: moved_down(level),
                id: id.map(|id| self.id(&id).into()),
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(moved_down(level))),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.link(&dest_url).map_or(dest_url, CowStr::from),
                title,
                id,
            }),
            Event::FootnoteReference(name) => Event::FootnoteReference(self.id(&name).into()),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                Event::Start(Tag::FootnoteDefinition(self.id(&name).into()))
            }
            Event::Html(h) => Event::Html(self.html(&h).into()),
            Event::InlineHtml(h) => Event::InlineHtml(self.html(&h).into()),
            other => other,
        }
    }

    /// Raw HTML as it goes in the pack: tags `h2`–`h5` a level down, `id` and id-reference
    /// values prefixed, `href`s treated as [`PartMarkup::link`] treats link targets. Only those
    /// values and tag names change; every other byte stays as written. Values are read as
    /// written: a character reference (`href="&#35;x"`) is not decoded first.
    pub fn html(&self, html: &str) -> String {
        let mut edits = Vec::new();
        for tag in crate::render::html_tags::tags(html) {
            if let Some(level) = heading_level(&tag.name).filter(|l| (2..=5).contains(l)) {
                edits.push((tag.name_at.clone(), format!("h{}", level + 1)));
            }
            for attr in &tag.attrs {
                let value = &html[attr.value.clone()];
                let new = match attr.name.as_str() {
                    "id" => Some(self.id(value)),
                    "href" => self.link(value).map(|v| escape_attr(&v, attr.quote)),
                    name if ID_REF_ATTRS.contains(&name) => Some(
                        value
                            .split_ascii_whitespace()
                            .map(|id| self.id(id))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    _ => None,
                };
                if let (Some(new), Some(written)) = (new, &attr.written) {
                    let q = attr.quote.unwrap_or('"');
                    edits.push((written.clone(), format!("{q}{new}{q}")));
                }
            }
        }
        edits.sort_by_key(|(span, _)| span.start);
        crate::render::html_tags::splice(html, &edits)
    }
}

/// A heading's level in the pack: `h2`–`h5` move one down (each part's title is the `h2`);
/// `h1` and `h6` stay as they are.
fn moved_down(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 => HeadingLevel::H6,
        other => other,
    }
}

/// `h1`…`h6` as a number.
fn heading_level(tag: &str) -> Option<u8> {
    match tag.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// A new `href` value, written for its quotes: the parts kept from the original were valid
/// there already; the site's address is escaped for them.
fn escape_attr(value: &str, quote: Option<char>) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' if quote != Some('\'') => out.push_str("&quot;"),
            '\'' if quote == Some('\'') => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    fn markup() -> PartMarkup {
        PartMarkup {
            ids: "part-2-".into(),
            local: "/sub/".into(),
            base: "https://x.example/sub".into(),
        }
    }

    #[test]
    fn raw_html_gets_the_parts_ids_levels_and_addresses() {
        let html = "<H2 Id=a class=\"b\">T</H2><h1 id='h'>1</h1><h6>6</h6>\
            <a href=\"#a\" aria-describedby='d  e'>y</a> <a href=/sub/x/>z</a> \
            <a href=\"https://o.example/sub/\">w</a><label for=\"q\">Q</label><td headers=\"m n\">1</td>\
            <p data-id=\"k\">id=\"t\" href=\"#t\"</p><!-- <h3 id=\"c\"> --><p hidden id>e</p>";
        assert_eq!(
            markup().html(html),
            "<h3 Id=\"part-2-a\" class=\"b\">T</h3><h1 id='part-2-h'>1</h1><h6>6</h6>\
            <a href=\"#part-2-a\" aria-describedby='part-2-d part-2-e'>y</a> <a href=\"https://x.example/sub/x/\">z</a> \
            <a href=\"https://o.example/sub/\">w</a><label for=\"part-2-q\">Q</label><td headers=\"part-2-m part-2-n\">1</td>\
            <p data-id=\"k\">id=\"t\" href=\"#t\"</p><!-- <h3 id=\"c\"> --><p hidden id>e</p>"
        );
    }

    fn pack_html(md: &str) -> String {
        let events: Vec<Event> = crate::load::markdown::parse(md)
            .events
            .into_iter()
            .map(|(e, _)| e)
            .collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, markup().events(events).into_iter());
        out
    }

    #[test]
    fn markdown_gets_the_parts_ids_levels_and_addresses() {
        let out = pack_html(
            "# One\n\n## Two\n\n##### Five\n\n###### Six\n\nSee [two](#two), [home](/sub/a/), \
             [out](https://o.example/sub/a/) and a note[^n].\n\n![pic](/sub/p.png)\n\n\
             <div\n  id=\"box\">\n<h2>Raw</h2>\n</div>\n\n[^n]: The note.\n",
        );
        for want in [
            "<h1 id=\"part-2-one\">One</h1>",
            "<h3 id=\"part-2-two\">Two</h3>",
            "<h6 id=\"part-2-five\">Five</h6>",
            "<h6 id=\"part-2-six\">Six</h6>",
            "<a href=\"#part-2-two\">two</a>",
            "<a href=\"https://x.example/sub/a/\">home</a>",
            "<a href=\"https://o.example/sub/a/\">out</a>",
            "<img src=\"/sub/p.png\"",
            "<sup class=\"footnote-reference\"><a href=\"#part-2-n\">1</a></sup>",
            "<div class=\"footnote-definition\" id=\"part-2-n\">",
            "<div\n  id=\"part-2-box\">\n<h3>Raw</h3>\n</div>",
        ] {
            assert!(out.contains(want), "{want} in {out}");
        }
    }
}
