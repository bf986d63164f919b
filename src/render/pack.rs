//! The parent information pack: one printable page per school (cover, contents, the pages listed
//! under `pack:` in site.yaml, a short glossary). Printing it to PDF is `serve::print`.

use crate::diagnostics::Code;
use crate::model::site::Site;
use serde_json::{json, Value};

/// The pack's path for a school whose home is at `home` (`/schools/oak/` → `/schools/oak/pack/`).
pub fn pack_path(home: &str) -> String {
    format!("{home}pack/")
}

/// One page of the pack: its index in the site and its rendered body.
pub struct Part<'a> {
    pub page: usize,
    pub html: &'a str,
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
        let mut rest = part.html;
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

/// The `pack` value of `pack.html`.
pub fn pack_value(site: &Site, parts: &[Part], glossary: &[GlossaryTerm]) -> Value {
    let items: Vec<Value> = parts
        .iter()
        .enumerate()
        .map(|(n, part)| {
            let p = &site.pages[part.page];
            let id = format!("part-{}", n + 1);
            json!({
                "id": id,
                "title": p.title(),
                "description": p.src.front.description,
                "permalink": site.permalink(&p.path),
                "content": for_print(site, part.html, &id),
            })
        })
        .collect();
    json!({ "parts": items, "glossary": glossary })
}

/// Makes a page body fit inside the pack: headings move down a level, heading ids and in-page
/// links get the part's prefix (no
/// two parts share an id) and site links become full addresses (printed after the link text).
fn for_print(site: &Site, html: &str, prefix: &str) -> String {
    let local = format!("href=\"{}/", site.config.path_prefix());
    // Each part's title is an `h2`, so the page's own headings move one level down.
    let mut html = html.to_string();
    for level in (2..=5).rev() {
        html = html
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    let html = html
        .replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace("href=\"#", &format!("href=\"#{prefix}-"))
        .replace(&local, &format!("href=\"{}/", site.config.base()));
    prefix_id_refs(&html, prefix)
}

/// Attributes whose value is a list of ids in the same document.
const ID_REF_ATTRS: [&str; 5] = [
    "aria-describedby",
    "aria-labelledby",
    "aria-controls",
    "for",
    "headers",
];

/// Gives every id named by an id-reference attribute (e.g. a glossary term's `aria-describedby`)
/// the part's prefix, so the references still point at the renamed ids.
fn prefix_id_refs(html: &str, prefix: &str) -> String {
    let mut html = html.to_string();
    for attr in ID_REF_ATTRS {
        let open = format!(" {attr}=\"");
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(i) = rest.find(&open) {
            let start = i + open.len();
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find('"').unwrap_or(rest.len());
            let ids: Vec<String> = rest[..end]
                .split_whitespace()
                .map(|id| format!("{prefix}-{id}"))
                .collect();
            out.push_str(&ids.join(" "));
            rest = &rest[end..];
        }
        out.push_str(rest);
        html = out;
    }
    html
}

#[cfg(test)]
mod tests {
    use super::prefix_id_refs;

    #[test]
    fn id_references_get_the_parts_prefix() {
        let html = r#"<a href="/glossary/#x" aria-describedby="gl-def-1">X</a><span id="gl-def-1"></span><label for="q">Q</label><td headers="a b">1</td>"#;
        let out = prefix_id_refs(html, "part-2");
        assert!(
            out.contains(r#"aria-describedby="part-2-gl-def-1""#),
            "{out}"
        );
        assert!(out.contains(r#"for="part-2-q""#), "{out}");
        assert!(out.contains(r#"headers="part-2-a part-2-b""#), "{out}");
        // Ids themselves are left to `for_print`; links and other attributes are untouched.
        assert!(out.contains(r#"<span id="gl-def-1">"#), "{out}");
        assert!(out.contains(r#"href="/glossary/#x""#), "{out}");
    }
}
