//! The `/glossary/` page: entries A–Z with letter navigation, one anchor per entry (its id),
//! rendered by the theme's `glossary.html`.

use crate::diagnostics::Diagnostic;
use crate::glossary::Glossary;
use crate::model::file::OutputFile;
use crate::model::site::Site;
use crate::render::{self, Theme};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};

/// The glossary page's address.
pub const PATH: &str = "/glossary/";

/// The id of a letter's section: `letter-a` for a Latin letter, `letter-u0627` for a letter of
/// another script (ids and links stay plain ASCII), `letter-other` for the "#" section.
fn letter_id(letter: char) -> String {
    match letter {
        '#' => "letter-other".into(),
        c if c.is_ascii() => format!("letter-{}", c.to_ascii_lowercase()),
        c => format!("letter-u{:04x}", c as u32),
    }
}

/// The letter an entry is filed under: its first letter in capitals (in any script: a Polish,
/// Arabic or Bengali glossary files its terms under its own letters), or "#" when the term
/// starts with a digit or has no letter.
fn letter_of(term: &str) -> char {
    let Some(c) = term.chars().find(|c| c.is_alphanumeric()) else {
        return '#';
    };
    if !c.is_alphabetic() {
        return '#';
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Every anchor of the page: entry ids and letter sections.
pub fn anchors(glossary: &Glossary) -> HashSet<String> {
    glossary
        .entries
        .iter()
        .map(|e| e.id.clone())
        .chain(
            glossary
                .entries
                .iter()
                .map(|e| letter_id(letter_of(&e.term))),
        )
        .collect()
}

/// Where a `see:` goes: a page's URL (with its anchor), or `None` when it names nothing.
pub fn resolve_see(see: &str, site: &Site, anchors: &[HashSet<String>]) -> Option<String> {
    if see.starts_with("https://") || see.starts_with("http://") {
        return Some(see.to_string());
    }
    let (path, anchor) = match see.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (see, None),
    };
    let source = path.trim_start_matches("./").trim_start_matches("content/");
    let i = site.find_source(None, source)?;
    let url = site.url(&site.pages[i].path);
    match anchor {
        None => Some(url),
        Some(a) if anchors[i].contains(a) => Some(format!("{url}#{a}")),
        Some(_) => None,
    }
}

/// The `glossary` value the template gets.
pub fn value(glossary: &Glossary, see: impl Fn(&str) -> Option<String>) -> Value {
    let mut order: Vec<usize> = (0..glossary.entries.len()).collect();
    order.sort_by_key(|&i| {
        let t = &glossary.entries[i].term;
        (letter_of(t), t.to_lowercase())
    });
    let mut letters: BTreeMap<char, Vec<Value>> = BTreeMap::new();
    for i in order {
        let e = &glossary.entries[i];
        let replaced = e
            .superseded_by
            .as_ref()
            .and_then(|t| glossary.by_term(t))
            .map(|n| {
                let new = &glossary.entries[n];
                json!({ "term": new.term, "id": new.id })
            });
        letters.entry(letter_of(&e.term)).or_default().push(json!({
            "id": e.id,
            "term": e.term,
            "abbr": e.abbr,
            "also": e.also,
            "definition": e.definition,
            "see": e.see.as_deref().and_then(&see),
            "superseded_by": replaced,
        }));
    }
    // A to Z always (letters with no entry shown but not linked), then every other letter that
    // has entries (another script's, or a Latin letter with an accent), then "#".
    let others = letters
        .keys()
        .copied()
        .filter(|c| !c.is_ascii_uppercase() && *c != '#');
    let nav: Vec<Value> = ('A'..='Z')
        .chain(others.collect::<Vec<_>>())
        .chain(std::iter::once('#'))
        .filter(|c| *c != '#' || letters.contains_key(c))
        .map(|c| json!({ "letter": c.to_string(), "id": letter_id(c), "present": letters.contains_key(&c) }))
        .collect();
    let sections: Vec<Value> = letters
        .into_iter()
        .map(|(c, entries)| json!({ "letter": c.to_string(), "id": letter_id(c), "entries": entries }))
        .collect();
    json!({ "nav": nav, "letters": sections, "count": glossary.entries.len() })
}

/// The glossary page's address in a variant: `/glossary/`, `/pl/glossary/`.
pub fn path_in(variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("/{}{PATH}", crate::load::languages::url_prefix(v)),
        None => PATH.to_string(),
    }
}

/// Renders `glossary/index.html` with the theme's `glossary.html`.
pub fn render(
    glossary: &Glossary,
    site: &Site,
    theme: &Theme,
    site_value: &Value,
    see: impl Fn(&str) -> Option<String>,
) -> Result<OutputFile, Diagnostic> {
    render_in(glossary, None, site, theme, site_value, see)
}

/// Renders a variant's glossary page (`pl/glossary/index.html`) in its interface words;
/// `site_value` is that variant's.
pub fn render_in(
    glossary: &Glossary,
    variant: Option<&str>,
    site: &Site,
    theme: &Theme,
    site_value: &Value,
    see: impl Fn(&str) -> Option<String>,
) -> Result<OutputFile, Diagnostic> {
    let words = theme.words_for(variant);
    let mut ctx = render::base_context(site_value, theme);
    ctx.insert("i18n", words);
    let title = words
        .get("glossary")
        .cloned()
        .unwrap_or_else(|| "Glossary".into());
    let crumbs: Vec<render::Card> = site
        .home()
        .map(|h| render::card(site, site.version(h, variant).unwrap_or(h)))
        .into_iter()
        .collect();
    let path = path_in(variant);
    ctx.insert(
        "page",
        &json!({ "title": title, "url": site.url(&path), "path": path, "breadcrumbs": crumbs }),
    );
    ctx.insert("glossary", &value(glossary, see));
    let html = theme.render(
        "glossary.html",
        &ctx,
        std::path::Path::new(crate::glossary::FILE),
    )?;
    Ok(OutputFile::bytes(
        crate::model::links::page_file(&path),
        html,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_in_other_scripts_are_filed_under_their_own_letters_with_ascii_ids() {
        let g = Glossary::parse(
            "- term: \"منسق\"\n  definition: A.\n- term: \"ósemka\"\n  definition: B.\n- term: \"16 plus\"\n  definition: C.\n- term: \"ابن\"\n  definition: D.\n",
        )
        .0;
        let v = value(&g, |s| Some(format!("/{s}")));
        let ids: Vec<&str> = v["letters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "letter-other",
                "letter-u00d3",
                "letter-u0627",
                "letter-u0645"
            ]
        );
        let nav: Vec<&str> = v["nav"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["present"] == true)
            .map(|l| l["letter"].as_str().unwrap())
            .collect();
        assert_eq!(nav, ["Ó", "ا", "م", "#"]);
        for id in ids {
            assert!(id.is_ascii() && !id.contains('#'), "{id}");
        }
    }

    #[test]
    fn entries_are_filed_a_to_z_with_replacements() {
        let g = Glossary::parse(
            "- term: Statement\n  definition: Old.\n  superseded_by: EHC plan\n- term: annual review\n  definition: A yearly meeting.\n- term: EHC plan\n  abbr: EHCP\n  definition: A plan.\n  see: parents/ehc-plans.md\n- term: 16 to 19 bursary\n  definition: Money.\n",
        )
        .0;
        let v = value(&g, |s| Some(format!("/{s}")));
        let letters: Vec<&str> = v["letters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["letter"].as_str().unwrap())
            .collect();
        assert_eq!(letters, ["#", "A", "E", "S"]);
        assert_eq!(
            v["letters"][3]["entries"][0]["superseded_by"]["id"],
            "ehc-plan"
        );
        assert_eq!(
            v["letters"][2]["entries"][0]["see"],
            "/parents/ehc-plans.md"
        );
        assert_eq!(v["nav"][1]["present"], false);
        assert!(anchors(&g).contains("letter-a") && anchors(&g).contains("annual-review"));
    }
}
