//! Long lists split into pages with an A–Z, shared by the services directory and the list of
//! schools: how many cards a page holds, each page's address, the letter a name is listed
//! under, where each letter starts, the `pagination` and `az` values their templates show, and
//! each card rendered once for every page that lists it.

use crate::diagnostics::Diagnostic;
use crate::render::{base_context, Theme};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// How many cards one list page shows; later ones are on `page/2/`, `page/3/`…
pub const PER_LIST_PAGE: usize = 50;

/// The cards of a list, each rendered once with the theme's `template` (which sees `s`, what
/// `card(i)` gives for the `i`th of `len` items, with `site.prefix` and `i18n`), in parallel with
/// one template context per thread. A card that cannot be rendered is empty, its error (at the
/// file `card` names) in `diags`.
pub fn render_cards<'a, S: Serialize>(
    theme: &Theme,
    template: &str,
    prefix: &str,
    len: usize,
    card: impl Fn(usize) -> (S, &'a Path) + Sync,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let site = json!({ "prefix": prefix });
    let out: Vec<Result<String, Diagnostic>> = (0..len)
        .into_par_iter()
        .map_init(
            || base_context(&site, theme),
            |ctx, i| {
                let (value, file) = card(i);
                ctx.insert("s", &value);
                theme.render(template, ctx, file)
            },
        )
        .collect();
    out.into_iter()
        .map(|r| {
            r.unwrap_or_else(|e| {
                diags.push(e);
                String::new()
            })
        })
        .collect()
}

/// The letter a name is listed under in an A–Z: its first letter or digit's letter, upper
/// case; `#` for a name that starts with a digit or a letter outside A–Z.
pub fn letter(name: &str) -> char {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_uppercase)
        .unwrap_or('#')
}

/// A letter as it appears in addresses and ids: `a`…`z`, and `other` for `#`.
pub fn letter_slug(c: char) -> String {
    if c.is_ascii_alphabetic() {
        c.to_ascii_lowercase().to_string()
    } else {
        "other".into()
    }
}

/// The id of the place in a list where letter `c` starts: `letter-a`, `letter-other`.
pub fn letter_id(c: char) -> String {
    format!("letter-{}", letter_slug(c))
}

/// Every letter of an A–Z in order: A to Z, then `#`.
pub fn all_letters() -> impl Iterator<Item = char> {
    ('A'..='Z').chain(['#'])
}

/// The path of page `n` (from 1) of the list whose first page is `base`: `base` itself, then
/// `<base>page/<n>/`.
pub fn page_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// How many pages a list of `len` cards has (at least one, which may be empty).
pub fn page_count(len: usize) -> usize {
    len.div_ceil(PER_LIST_PAGE).max(1)
}

/// Page `page` of a list of `len` cards: the page (kept between 1 and the last) and the
/// positions of its cards.
pub fn page_range(len: usize, page: usize) -> (usize, Range<usize>) {
    let page = page.clamp(1, page_count(len));
    let from = ((page - 1) * PER_LIST_PAGE).min(len);
    (page, from..(from + PER_LIST_PAGE).min(len))
}

/// Where each letter of an A–Z starts in a list of names (in list order).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Letters {
    /// Each letter with names: the page (from 1) its first name is on.
    pub pages: BTreeMap<char, usize>,
    /// The position in the list of each letter's first name, with the letter.
    pub starts: BTreeMap<usize, char>,
}

impl Letters {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Letters {
        let mut out = Letters::default();
        for (pos, name) in names.into_iter().enumerate() {
            let l = letter(name);
            if let std::collections::btree_map::Entry::Vacant(e) = out.pages.entry(l) {
                e.insert(pos / PER_LIST_PAGE + 1);
                out.starts.insert(pos, l);
            }
        }
        out
    }
}

/// The `az` value of page `page` of a list: every letter A–Z and `#`, each with the address of
/// the place it starts (`#letter-m` on this page, `<page url>#letter-m` on another; `url(n)` is
/// page `n`'s address) or none when no name starts with it.
pub fn az_value(letters: &Letters, page: usize, url: impl Fn(usize) -> String) -> Vec<Value> {
    all_letters()
        .map(|c| {
            let id = letter_id(c);
            let href = letters.pages.get(&c).map(|&p| {
                if p == page {
                    format!("#{id}")
                } else {
                    format!("{}#{id}", url(p))
                }
            });
            json!({"letter": c.to_string(), "href": href})
        })
        .collect()
}

/// The `pagination` value of page `page` of `pages`: this page, the previous and next pages'
/// addresses (when there are), and the first and last pages' (`url(n)` is page `n`'s address).
pub fn pagination_value(page: usize, pages: usize, url: impl Fn(usize) -> String) -> Value {
    json!({
        "page": page,
        "pages": pages,
        "prev": (page > 1).then(|| url(page - 1)),
        "next": (page < pages).then(|| url(page + 1)),
        "first_url": url(1),
        "last_url": url(pages),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_their_slugs() {
        assert_eq!(letter("anyshire CAMHS"), 'A');
        assert_eq!(letter("\"Zoom\" club"), 'Z');
        assert_eq!(letter("123 club"), '#');
        assert_eq!(letter("École"), '#');
        assert_eq!(letter(""), '#');
        assert_eq!(letter_slug('O'), "o");
        assert_eq!(letter_slug('#'), "other");
        assert_eq!(letter_id('#'), "letter-other");
        assert_eq!(all_letters().count(), 27);
    }

    #[test]
    fn pages_hold_fifty_and_have_addresses() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(50), 1);
        assert_eq!(page_count(51), 2);
        assert_eq!(page_path("/schools/", 1), "/schools/");
        assert_eq!(page_path("/schools/", 3), "/schools/page/3/");
        assert_eq!(page_range(120, 3), (3, 100..120));
        assert_eq!(page_range(120, 9), (3, 100..120));
        assert_eq!(page_range(0, 1), (1, 0..0));
    }

    #[test]
    fn each_letter_starts_on_its_page_and_the_a_to_z_links_there() {
        let names: Vec<String> = (0..120)
            .map(|i| format!("{} {i}", ["Apple", "Mango", "Zebra"][i / 40]))
            .collect();
        let l = Letters::new(names.iter().map(String::as_str));
        assert_eq!(l.pages, BTreeMap::from([('A', 1), ('M', 1), ('Z', 2)]));
        assert_eq!(l.starts, BTreeMap::from([(0, 'A'), (40, 'M'), (80, 'Z')]));
        let az = az_value(&l, 1, |n| page_path("/s/", n));
        assert_eq!(az[12]["href"], "#letter-m");
        assert_eq!(az[25]["href"], "/s/page/2/#letter-z");
        assert_eq!(az[1]["href"], Value::Null);
        let p = pagination_value(1, 3, |n| page_path("/s/", n));
        assert_eq!(p["prev"], Value::Null);
        assert_eq!(p["next"], "/s/page/2/");
        assert_eq!(p["last_url"], "/s/page/3/");
    }
}
