//! The parent information pack as it prints: the print style writes a web address after each
//! link's text, so this marks the links whose address is already on paper — a later link to the
//! same address, or a link whose text is its own address — and the print style writes nothing
//! after them. Each address is printed once.

use crate::render::html_tags::{splice, tags, Tag};
use std::collections::BTreeSet;

/// The class of a link whose address the printed pack shows elsewhere (or in its text).
pub const PRINTED: &str = "pack-address-printed";

/// The class of a glossary term's link, which prints no address at all.
const TERM: &str = "term-link";

/// The rendered pack page `html` with [`PRINTED`] on every link inside `<article class="pack">`
/// whose web address (`http:`/`https:`) came before in the pack, or is what the link says.
/// Nothing outside the pack's article changes, and every other byte stays as rendered.
pub fn addresses_once(html: &str) -> String {
    let all = tags(html);
    let Some(start) = all.iter().position(|t| is_pack_article(html, t)) else {
        return html.to_string();
    };
    let mut seen = BTreeSet::new();
    let mut edits = Vec::new();
    for (i, tag) in all.iter().enumerate().skip(start + 1) {
        if tag.name == "article" && tag.end {
            break;
        }
        if tag.name != "a" || tag.end {
            continue;
        }
        let Some(href) = attr(html, tag, "href").filter(|h| is_web(h)) else {
            continue;
        };
        if attr(html, tag, "class").is_some_and(|c| c.split_ascii_whitespace().any(|c| c == TERM)) {
            // A glossary term prints no address (the pack has its own glossary).
            continue;
        }
        let said = link_text(html, &all, i);
        let first = seen.insert(plain(href));
        if !first || plain(&said) == plain(href) {
            edits.push(mark(html, tag));
        }
    }
    splice(html, &edits)
}

/// `<article class="… pack …">`: where the pack's own content starts.
fn is_pack_article(html: &str, tag: &Tag) -> bool {
    !tag.end
        && tag.name == "article"
        && attr(html, tag, "class").is_some_and(|c| c.split_ascii_whitespace().any(|c| c == "pack"))
}

/// The value of `tag`'s attribute `name`, as written.
fn attr<'h>(html: &'h str, tag: &Tag, name: &str) -> Option<&'h str> {
    tag.attrs
        .iter()
        .find(|a| a.name == name)
        .map(|a| &html[a.value.clone()])
}

fn is_web(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// An address as a reader compares it: no scheme, no `www.`, no trailing `/`, lower case.
fn plain(address: &str) -> String {
    let a = address.trim().to_ascii_lowercase();
    let a = a
        .strip_prefix("https://")
        .or_else(|| a.strip_prefix("http://"))
        .unwrap_or(&a);
    let a = a.strip_prefix("www.").unwrap_or(a);
    a.trim_end_matches('/').to_string()
}

/// The text of the link opened by `all[i]`: what lies between it and its `</a>`, without tags.
fn link_text(html: &str, all: &[Tag], i: usize) -> String {
    let mut text = String::new();
    let mut at = all[i].span.end;
    for tag in &all[i + 1..] {
        text.push_str(&html[at..tag.span.start]);
        at = tag.span.end;
        if tag.name == "a" && tag.end {
            return text;
        }
    }
    text
}

/// The edit that adds [`PRINTED`] to a link's classes.
fn mark(html: &str, tag: &Tag) -> (std::ops::Range<usize>, String) {
    match tag.attrs.iter().find(|a| a.name == "class") {
        Some(class) if class.written.is_some() => {
            let q = class.quote.unwrap_or('"');
            let value = &html[class.value.clone()];
            let span = class.written.clone().unwrap_or(class.value.clone());
            (span, format!("{q}{value} {PRINTED}{q}"))
        }
        _ => (
            tag.name_at.end..tag.name_at.end,
            format!(" class=\"{PRINTED}\""),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_address_is_printed_after_its_first_link_only() {
        let html = "<a href=\"https://x.example/a\">before the pack</a>\
            <article class=\"pack\"><p><a href=\"https://x.example/a\">first</a> \
            <a class='x' href=\"https://X.example/a/\">again</a> \
            <a class=\"term-link\" href=\"https://x.example/g\">term</a> <a href=\"https://x.example/g\">g</a> \
            <a href=\"https://www.ipsea.org.uk\">ipsea.org.uk</a> \
            <a href=\"mailto:a@b.example\">a@b.example</a> <a href=\"#part-1\">in the pack</a> \
            <a href=\"https://x.example/b\"><strong>second</strong> address</a></p></article>\
            <a href=\"https://x.example/b\">after</a>";
        let out = addresses_once(html);
        assert_eq!(
            out,
            html.replace("class='x'", "class='x pack-address-printed'")
                .replace(
                    "<a href=\"https://www.ipsea",
                    "<a class=\"pack-address-printed\" href=\"https://www.ipsea"
                )
        );
    }

    #[test]
    fn a_page_without_the_pack_is_left_alone() {
        let html = "<a href=\"https://x.example/\">x</a><a href=\"https://x.example/\">x</a>";
        assert_eq!(addresses_once(html), html);
    }
}
