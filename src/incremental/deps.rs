//! Which page outputs use which source pages: the model's lists, neighbours, breadcrumbs and
//! navigation, and the links read off each rendered body; plus the non-page addresses a build made.

use crate::model::file::Contents;
use crate::model::links::Generated;
use crate::model::site::Site;
use crate::pipeline::Build;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Which pages' outputs use which pages, in both directions that an edit needs.
#[derive(Debug, Default)]
pub struct Deps {
    /// `cards[j]`: pages showing page j's title or description (its section, neighbours, descendants' breadcrumbs).
    cards: Vec<BTreeSet<usize>>,
    /// `linked_by[j]`: pages whose body links to page j (they depend on its address and headings).
    linked_by: Vec<BTreeSet<usize>>,
    /// `links[i]`: pages the body of page i links to.
    links: Vec<BTreeSet<usize>>,
    /// Pages in the site-wide navigation: the header's links and the footer's sections (shown on
    /// every page).
    nav: BTreeSet<usize>,
}

impl Deps {
    /// Reads the dependencies off a built site: the model's structure and the links in each body.
    pub fn new(site: &Site, bodies: &[&str]) -> Deps {
        let n = site.pages.len();
        let mut deps = Deps {
            cards: vec![BTreeSet::new(); n],
            linked_by: vec![BTreeSet::new(); n],
            links: vec![BTreeSet::new(); n],
            nav: site
                .home()
                .map(|h| site.pages[h].subsections.iter().copied().collect())
                .unwrap_or_default(),
        };
        // The header's own list (site.yaml `nav:`) may name pages that are not sections.
        let nav_urls: BTreeSet<String> = crate::render::nav(site)
            .0
            .into_iter()
            .map(|c| c.url)
            .collect();
        for (i, p) in site.pages.iter().enumerate() {
            if nav_urls.contains(&site.url(&p.path)) {
                deps.nav.insert(i);
            }
        }
        for (i, body) in bodies.iter().enumerate() {
            for a in site.ancestors(i) {
                deps.cards[a].insert(i);
            }
            let (prev, next) = site.neighbours(i);
            for j in prev.into_iter().chain(next) {
                deps.cards[j].insert(i);
            }
            deps.set_links(i, link_targets(site, body));
        }
        deps
    }

    /// Replaces the pages page `i` links to.
    pub fn set_links(&mut self, i: usize, targets: BTreeSet<usize>) {
        for &t in &self.links[i] {
            self.linked_by[t].remove(&i);
        }
        for &t in &targets {
            self.linked_by[t].insert(i);
        }
        self.links[i] = targets;
    }

    /// The pages to re-render after page `j` changed; `card_changed` when its title or description did.
    /// Whether page `j` is in the site-wide navigation, which every page (generated ones too) shows.
    pub fn in_nav(&self, j: usize) -> bool {
        self.nav.contains(&j)
    }

    pub fn affected(&self, site: &Site, j: usize, card_changed: bool) -> BTreeSet<usize> {
        let mut out = BTreeSet::from([j]);
        out.extend(&self.linked_by[j]);
        out.extend(site.pages[j].parent);
        let (prev, next) = site.neighbours(j);
        out.extend(prev.into_iter().chain(next));
        if card_changed {
            out.extend(&self.cards[j]);
        }
        out
    }
}

/// Addresses the build made besides content pages (404 page, glossary, search…), with the
/// anchors in each, read off the output files so that every module's pages count as link targets.
pub fn generated_from(build: &Build) -> Generated {
    let pages: HashSet<String> = build
        .site
        .iter()
        .flat_map(|s| {
            s.pages
                .iter()
                .map(|p| crate::model::links::page_file(&p.path))
        })
        .collect();
    let mut out: Generated = BTreeMap::new();
    for f in &build.files {
        if pages.contains(&f.path) {
            continue;
        }
        let address = match f.path.strip_suffix("index.html") {
            Some(folder) => format!("/{folder}"),
            None => format!("/{}", f.path),
        };
        let ids = match &f.contents {
            Contents::Bytes(b) if f.path.ends_with(".html") => {
                html_ids(&String::from_utf8_lossy(b))
            }
            _ => HashSet::new(),
        };
        out.insert(address, ids);
    }
    out
}

/// The `id` attributes in an HTML document.
fn html_ids(html: &str) -> HashSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The pages a rendered body links to, read from its `href`s.
pub fn link_targets(site: &Site, html: &str) -> BTreeSet<usize> {
    let prefix = site.config.path_prefix();
    let mut out = BTreeSet::new();
    let mut rest = html;
    while let Some(at) = rest.find("href=\"") {
        rest = &rest[at + 6..];
        let end = rest.find('"').unwrap_or(rest.len());
        let href = &rest[..end];
        let path = href.split('#').next().unwrap_or("");
        if let Some(i) = path
            .strip_prefix(prefix.as_str())
            .and_then(|p| site.find_path(p))
        {
            out.insert(i);
        }
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_off_html() {
        let ids = html_ids("<h2 id=\"a\">A</h2><dt id=\"ehcp\">EHCP</dt><p>id=\"no\"</p>");
        assert_eq!(ids, HashSet::from(["a".to_string(), "ehcp".to_string()]));
    }
}
