//! Sanitising untrusted HTML: raw HTML written in Markdown is cleaned with ammonia (scripts, event
//! handlers and `javascript:` links removed) unless `site.yaml` says the content is trusted, so one
//! school's text cannot inject code into a shared council site.

use std::collections::HashSet;
use std::sync::OnceLock;

fn builder() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        let generic: HashSet<&str> = [
            "class",
            "id",
            "role",
            "lang",
            "dir",
            "title",
            "tabindex",
            "aria-label",
            "aria-labelledby",
            "aria-describedby",
            "aria-hidden",
        ]
        .into_iter()
        .collect();
        b.generic_attributes(generic);
        b.add_tags([
            "details",
            "summary",
            "figure",
            "figcaption",
            "mark",
            "abbr",
            "dfn",
        ]);
        b.add_tag_attributes("input", ["type", "checked", "disabled"]);
        b.add_tags(["input"]);
        b.link_rel(None);
        b
    })
}

/// Cleans an HTML fragment.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let out =
            clean("<p class=\"x\">hi<script>alert(1)</script><img src=x onerror=\"alert(1)\"></p>");
        assert!(!out.contains("script"));
        assert!(!out.contains("onerror"));
        assert!(out.contains("class=\"x\""));
        assert!(!clean("<a href=\"javascript:alert(1)\">x</a>").contains("javascript"));
    }

    #[test]
    fn our_own_markup_survives() {
        let html = "<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p></div><h2 id=\"a\">A</h2>";
        assert_eq!(clean(html), html);
    }
}
