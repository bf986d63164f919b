//! Sanitising untrusted HTML: raw HTML written in Markdown is cleaned with ammonia (scripts, event
//! handlers and `javascript:` links removed) unless `site.yaml` says the content is trusted, so one
//! school's text cannot inject code into a shared council site.

use crate::load::markdown::is_theme_id;
use std::collections::HashSet;
use std::sync::OnceLock;

fn builder() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| builder_keeping_ids(|id| !is_theme_id(id)))
}

/// The cleaner, keeping the `id`s `keep` accepts.
fn builder_keeping_ids(
    keep: impl Fn(&str) -> bool + Send + Sync + 'static,
) -> ammonia::Builder<'static> {
    {
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
        // Task-list boxes are the only form control content may have: any `<input>` becomes a
        // disabled checkbox, and forms, buttons, fields and labels are removed (no fake login
        // or payment form on a council's site).
        b.add_tags(["input"]);
        b.add_tag_attributes("input", ["checked"]);
        b.set_tag_attribute_value("input", "type", "checkbox");
        b.set_tag_attribute_value("input", "disabled", "");
        b.rm_tags([
            "form", "button", "select", "textarea", "option", "label", "fieldset",
        ]);
        b.url_schemes(
            crate::load::markdown::ALLOWED_SCHEMES
                .iter()
                .copied()
                .collect(),
        );
        b.attribute_filter(move |_, attr, value| {
            if attr == "id" && !keep(value) {
                None
            } else {
                Some(value.into())
            }
        });
        b.link_rel(None);
        b
    }
}

/// Cleans an HTML fragment.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

/// Cleans one part of a parent pack, whose ids all start with `prefix` (`part-2-`; see
/// `render::pack::PartMarkup`): an id is kept when, without the prefix, it is one content may
/// use; an id without the prefix is removed (it could clash with another part's).
pub fn clean_part(html: &str, prefix: &str) -> String {
    let prefix = prefix.to_string();
    let keep = move |id: &str| {
        id.strip_prefix(&prefix)
            .is_some_and(|own| !is_theme_id(own))
    };
    builder_keeping_ids(keep).clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::markdown::THEME_IDS;

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
    fn forms_are_removed_and_inputs_are_inert() {
        let out = clean("<form action=\"https://evil.example\"><label>Password <input type=password name=p></label><select><option>a</option></select><textarea>t</textarea><button>Send</button></form><input type=checkbox checked>");
        for bad in [
            "<form",
            "<label",
            "<select",
            "<option",
            "<textarea",
            "<button",
            "password",
            "name=",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert_eq!(out.matches("<input").count(), 2, "{out}");
        assert_eq!(out.matches("type=\"checkbox\"").count(), 2, "{out}");
        assert_eq!(out.matches("disabled=\"\"").count(), 2, "{out}");
    }

    #[test]
    fn author_ids_never_take_the_themes() {
        let out = clean("<div id=\"main\">x</div><p id=\"MAIN\">y</p><a id=\"letter-a\">z</a><span id=\"item-1\">w</span><p id=\"mine\">ok</p>");
        assert_eq!(out.matches(" id=").count(), 1, "{out}");
        assert!(out.contains("id=\"mine\""));
    }

    #[test]
    fn only_allowed_schemes_survive() {
        for bad in [
            "vbscript:x",
            "data:text/html,x",
            "javascript:alert(1)",
            "ftp://x.example/",
        ] {
            let out = clean(&format!("<a href=\"{bad}\">x</a><img src=\"{bad}\">"));
            assert!(!out.contains(bad), "{out}");
        }
        let ok = clean(
            "<a href=\"https://x.example/\">a</a><a href=\"tel:0123\">b</a><a href=\"../a/\">c</a>",
        );
        assert_eq!(ok.matches("href=").count(), 3, "{ok}");
    }

    /// Every literal `id="..."` in the default theme's templates is in `THEME_IDS`, and every
    /// computed one (`id="{{ x.id }}"`) is one whose start `THEME_ID_PREFIXES` knows: a new id in
    /// the theme makes this fail until it is added.
    #[test]
    fn theme_ids_are_all_known() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
        let mut files = vec![std::path::PathBuf::from(dir)];
        let mut literal = std::collections::BTreeSet::new();
        let mut computed = std::collections::BTreeSet::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                for e in std::fs::read_dir(&path).expect("theme folder") {
                    files.push(e.expect("entry").path());
                }
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("template");
            for part in text.split("id=\"").skip(1) {
                let value = &part[..part.find('"').expect("closed")];
                if value.contains("{{") {
                    computed.insert(value.to_string());
                } else {
                    literal.insert(value.to_string());
                }
            }
        }
        for id in &literal {
            assert!(THEME_IDS.contains(&id.as_str()), "add `{id}` to THEME_IDS");
        }
        // Computed ids: glossary entries (on the glossary page, which has no content), letters,
        // report items, pack parts, the services directory's and the list of schools' letters.
        let known = [
            "{{ e.id }}",
            "{{ l.id }}",
            "az-{{ l.id }}",
            "{{ item.id }}",
            "{{ part.id }}",
            "{{ s.letter_id }}",
            "{{ g.id }}",
            "save-note-{{ s.slug }}",
        ];
        for id in &computed {
            assert!(
                known.contains(&id.as_str()),
                "a new computed id `{id}`: add its prefix to THEME_ID_PREFIXES and here"
            );
        }
        assert!(is_theme_id(&crate::school::items::item_id(
            &crate::school::items::ITEMS[0]
        )));
    }

    #[test]
    fn a_pack_parts_ids_are_judged_without_its_prefix() {
        let out = clean_part(
            "<p id=\"part-2-mine\">a</p><p id=\"part-2-main\">b</p><p id=\"part-2-part-1-x\">c</p><p id=\"mine\">d</p><p id=\"part-1-mine\">e</p>",
            "part-2-",
        );
        assert_eq!(
            out,
            "<p id=\"part-2-mine\">a</p><p>b</p><p>c</p><p>d</p><p>e</p>"
        );
    }

    #[test]
    fn our_own_markup_survives() {
        let html = "<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p></div><h2 id=\"a\">A</h2>";
        assert_eq!(clean(html), html);
    }
}
