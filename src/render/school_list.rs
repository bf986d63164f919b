//! The Local Offer list of schools as pages: the whole list, each filter's list and each
//! letter's list (`/schools/a-z/<letter>/`) in A–Z order, [`listing::PER_LIST_PAGE`] schools a
//! page under a heading per letter; the `offer` value the list's template sees; and the compact
//! index (`/schools/index.json`) the list's script searches every school in.

use crate::model::site::Site;
use crate::render::listing::{self, Letters};
use crate::school::facts::School;
use crate::school::local_offer::Filter;
use serde_json::{json, Value};

/// The list's address.
pub const PATH: &str = "/schools/";

/// The address of the list's compact index, fetched by the list's script when a parent first
/// searches or filters.
pub const INDEX: &str = "/schools/index.json";

/// The theme's card template, rendered once per school for every list page.
pub const CARD_TEMPLATE: &str = "partials/school-card.html";

/// Which schools a list has: all, one filter's (an index of the filters) or one letter's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Filter(usize),
    Letter(char),
}

/// One list: its scope, its schools (indexes of the school list, in list order) and where each
/// letter starts in it.
#[derive(Debug)]
pub struct List {
    pub scope: Scope,
    pub members: Vec<usize>,
    pub letters: Letters,
}

/// Every list of one build, worked out once: the whole list first, then one per filter (in
/// the filters' order), then one per letter that some school's name starts with.
#[derive(Debug, Default)]
pub struct Lists {
    /// Indexes of the school list in list order: by letter (A to Z, then `#`), then by name.
    pub order: Vec<usize>,
    pub lists: Vec<List>,
}

/// The address of letter `c`'s list: `/schools/a-z/o/`, `/schools/a-z/other/`.
pub fn letter_path(c: char) -> String {
    format!("{PATH}a-z/{}/", listing::letter_slug(c))
}

/// What a letter's list is called: "Names starting with O".
pub fn letter_label(c: char) -> String {
    if c == '#' {
        "Names starting with a number or another character".into()
    } else {
        format!("Names starting with {c}")
    }
}

/// Where a letter sits in the A–Z: A is 0, Z 25, `#` last.
fn letter_rank(c: char) -> u32 {
    if c.is_ascii_uppercase() {
        c as u32 - 'A' as u32
    } else {
        26
    }
}

impl Lists {
    pub fn new(schools: &[School], filters: &[Filter]) -> Lists {
        let mut order: Vec<usize> = (0..schools.len()).collect();
        order.sort_by_cached_key(|&i| {
            let name = &schools[i].facts.name;
            (
                letter_rank(listing::letter(name)),
                name.to_lowercase(),
                schools[i].slug.clone(),
            )
        });
        let list = |scope: Scope, members: Vec<usize>| List {
            scope,
            letters: Letters::new(members.iter().map(|&i| schools[i].facts.name.as_str())),
            members,
        };
        let mut lists = vec![list(Scope::All, order.clone())];
        for (n, f) in filters.iter().enumerate() {
            let members = order
                .iter()
                .copied()
                .filter(|&i| f.matches(&schools[i]))
                .collect();
            lists.push(list(Scope::Filter(n), members));
        }
        let mut letters: Vec<char> = lists[0].letters.pages.keys().copied().collect();
        letters.sort_by_key(|&c| letter_rank(c));
        for c in letters {
            let members = order
                .iter()
                .copied()
                .filter(|&i| listing::letter(&schools[i].facts.name) == c)
                .collect();
            lists.push(list(Scope::Letter(c), members));
        }
        Lists { order, lists }
    }

    /// The first page's address of list `n`.
    pub fn base(&self, n: usize, filters: &[Filter]) -> String {
        match self.lists[n].scope {
            Scope::All => PATH.to_string(),
            Scope::Filter(f) => filters[f].path(),
            Scope::Letter(c) => letter_path(c),
        }
    }

    /// Every list page but the first page of the whole list (a page of the model): list and
    /// page number (from 1), in list order.
    pub fn pages(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (n, l) in self.lists.iter().enumerate() {
            let first = if l.scope == Scope::All { 2 } else { 1 };
            for page in first..=listing::page_count(l.members.len()) {
                out.push((n, page));
            }
        }
        out
    }

    /// The address of every page [`Lists::pages`] lists.
    pub fn paths(&self, filters: &[Filter]) -> Vec<String> {
        self.pages()
            .into_iter()
            .map(|(n, page)| listing::page_path(&self.base(n, filters), page))
            .collect()
    }

    fn count(&self, scope: Scope) -> usize {
        self.lists
            .iter()
            .find(|l| l.scope == scope)
            .map_or(0, |l| l.members.len())
    }
}

/// The `offer` value of page `page` of list `n`: this page's cards (from `cards`, one per school,
/// made once per build) under a heading per letter, the counts, the filters with their counts,
/// the pages of this list, its A–Z and the letters of the no-JavaScript letter form.
pub fn offer_value(
    site: &Site,
    schools: &[School],
    filters: &[Filter],
    lists: &Lists,
    cards: &[String],
    n: usize,
    page: usize,
) -> Value {
    let list = &lists.lists[n];
    let base = lists.base(n, filters);
    let url = |p: usize| site.url(&listing::page_path(&base, p));
    let pages = listing::page_count(list.members.len());
    let (page, range) = listing::page_range(list.members.len(), page);
    let (first, last) = (range.start + 1, range.end);
    let mut groups: Vec<(char, String)> = Vec::new();
    for &i in list.members.get(range).unwrap_or_default() {
        let l = listing::letter(&schools[i].facts.name);
        if groups.last().is_none_or(|g| g.0 != l) {
            groups.push((l, String::new()));
        }
        if let (Some(g), Some(card)) = (groups.last_mut(), cards.get(i)) {
            g.1.push_str(card);
        }
    }
    let shown: usize = last + 1 - first;
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(l, html)| json!({"letter": l.to_string(), "id": listing::letter_id(l), "cards_html": html}))
        .collect();
    let group = |kind: &str| -> Vec<Value> {
        filters
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == kind)
            .map(|(k, f)| {
                json!({
                    "slug": f.slug,
                    "label": f.label,
                    "url": site.url(&f.path()),
                    "count": lists.count(Scope::Filter(k)),
                    "current": list.scope == Scope::Filter(k),
                })
            })
            .collect()
    };
    let letters: Vec<Value> = lists
        .lists
        .iter()
        .filter_map(|l| match l.scope {
            Scope::Letter(c) => Some(json!({
                "letter": c.to_string(),
                "label": letter_label(c),
                "url": site.url(&letter_path(c)),
                "current": list.scope == l.scope,
            })),
            _ => None,
        })
        .collect();
    let current = match list.scope {
        Scope::All => Value::Null,
        Scope::Filter(k) => {
            let f = &filters[k];
            json!({"kind": f.kind, "slug": f.slug, "label": f.label})
        }
        Scope::Letter(c) => json!({
            "kind": "letter", "slug": listing::letter_slug(c), "label": letter_label(c),
        }),
    };
    json!({
        "groups": groups,
        "shown": shown,
        "first": if shown == 0 { 0 } else { first },
        "last": last,
        "matching": list.members.len(),
        "total": schools.len(),
        "all_url": site.url(PATH),
        "index_url": site.url(INDEX),
        "feed_url": site.url(&format!("{}services/index.json", site.config.oruk_path)),
        "phases": group("phase"),
        "areas": group("area"),
        "needs": group("need"),
        "letters": letters,
        "pagination": listing::pagination_value(page, pages, url),
        "az": listing::az_value(&list.letters, page, url),
        "current": current,
    })
}

/// The list's compact index: every school in list order with only what searching, filtering
/// and a card need, under short keys: `n` name, `l` its letter in the A–Z, `u` address of its pages, `p` phase, `a` ages,
/// `r` area slug, `t` area, `c` postcode, `e` needs, `x` an example school, `rp` resourced
/// provision and `su` SEN unit (their places, 0 when not known). Phase and need labels are in
/// the page's filter form, so are not repeated here. `values` are the schools' `school` values.
pub fn index_json(schools: &[School], values: &[Value], order: &[usize]) -> String {
    let items: Vec<Value> = order
        .iter()
        .filter_map(|&i| {
            let (s, v) = (schools.get(i)?, values.get(i)?);
            let f = &s.facts;
            let mut m = serde_json::Map::new();
            m.insert("n".into(), json!(f.name));
            m.insert("l".into(), json!(listing::letter(&f.name).to_string()));
            m.insert("u".into(), v["url"].clone());
            m.insert("p".into(), json!(f.phase.slug()));
            if let Some(a) = &f.age_range {
                m.insert("a".into(), json!(a));
            }
            m.insert("r".into(), v["area_slug"].clone());
            m.insert("t".into(), json!(f.area));
            if let Some(c) = &f.postcode {
                m.insert("c".into(), json!(c));
            }
            if !f.needs.is_empty() {
                m.insert("e".into(), json!(f.needs));
            }
            if f.example {
                m.insert("x".into(), json!(1));
            }
            if let Some(r) = &f.register {
                if let Some(p) = r.resourced_provision {
                    m.insert("rp".into(), json!(p));
                }
                if let Some(p) = r.sen_unit {
                    m.insert("su".into(), json!(p));
                }
            }
            Some(Value::Object(m))
        })
        .collect();
    let mut text = serde_json::to_string(&json!({"v": 1, "schools": items})).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_have_addresses_ranks_and_labels() {
        assert_eq!(letter_path('O'), "/schools/a-z/o/");
        assert_eq!(letter_path('#'), "/schools/a-z/other/");
        assert_eq!(letter_label('O'), "Names starting with O");
        assert!(letter_rank('A') < letter_rank('Z') && letter_rank('Z') < letter_rank('#'));
    }
}
