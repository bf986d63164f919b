//! The site model: every page of the site with its URL, section and neighbours, built once from
//! loaded content and then only read. Later stages (markdown, render, checks, search) take `&Site`.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::config::{BuildOptions, SiteConfig};
use crate::load::content::{PageKind, SourcePage};
use crate::load::made::Review;
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// A page of the built site.
#[derive(Debug, Clone)]
pub struct Page {
    pub src: SourcePage,
    /// URL path without the base URL's prefix: `/parents/meetings/`.
    pub path: String,
    /// For a page made from `school-pages/`: the school's slug.
    pub school: Option<String>,
    /// Index of the enclosing section, if any (the home page has none).
    pub parent: Option<usize>,
    /// Ordinary pages directly in this section, in order (sections only).
    pub pages: Vec<usize>,
    /// Sections directly in this section, in order (sections only).
    pub subsections: Vec<usize>,
    /// For a translation or Easy Read version: the page it is a version of.
    pub original: Option<usize>,
}

impl Page {
    /// A page at `path` made from `src`, for `school` (`None`: a shared page), not yet placed in
    /// the tree: [`Site::new`] sets its parent, children and original.
    pub fn new(path: String, src: SourcePage, school: Option<String>) -> Page {
        Page {
            path,
            src,
            school,
            parent: None,
            pages: Vec::new(),
            subsections: Vec::new(),
            original: None,
        }
    }

    pub fn is_section(&self) -> bool {
        self.src.kind == PageKind::Section
    }

    pub fn title(&self) -> &str {
        &self.src.front.title
    }

    /// The variant of a translation or Easy Read version (`pl`, `easy`); `None` for a page in
    /// the site's own language.
    pub fn variant(&self) -> Option<&str> {
        self.src.variant.as_ref().map(|(_, v)| v.as_str())
    }

    /// For a service's page (made from `content/services/<slug>.yaml`, its `source` being
    /// `services/<slug>.yaml`): the service's slug.
    pub fn service_slug(&self) -> Option<&str> {
        self.src
            .source
            .strip_prefix("services/")?
            .strip_suffix(".yaml")
            .filter(|s| !s.contains('/'))
    }

    /// Whether `check` holds the page to a review date (see [`Review`]): every page of
    /// `content/` is; a page made from a data file only when the file says when it was checked.
    pub fn held_to_review(&self) -> bool {
        self.src.review() != Review::Exempt
    }

    /// When the page should next be reviewed, from `reviewed` and the review period (`None`
    /// for a page not [held to review](Page::held_to_review)).
    pub fn next_review(&self, config: &SiteConfig) -> Option<NaiveDate> {
        if !self.held_to_review() {
            return None;
        }
        let months = self.src.front.review_every.unwrap_or(config.review_every);
        self.src
            .front
            .reviewed
            .and_then(|d| d.checked_add_months(Months::new(months)))
    }
}

/// The whole site, immutable once built.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub options: BuildOptions,
    /// Every page, sorted by (school, source path).
    pub pages: Vec<Page>,
    by_source: BySource,
    by_path: HashMap<String, usize>,
    /// Each page that has versions, with them (in the order of `languages:`, Easy Read last).
    versions: HashMap<usize, Vec<usize>>,
}

/// Pages by (school, source path inside content/).
type BySource = HashMap<(Option<String>, String), usize>;

impl Site {
    /// Builds the model. Pages must carry their final URL path already.
    pub fn new(
        config: SiteConfig,
        options: BuildOptions,
        mut pages: Vec<Page>,
    ) -> (Site, Vec<Diagnostic>) {
        pages.sort_by(|a, b| (&a.school, &a.src.source).cmp(&(&b.school, &b.src.source)));
        let (by_source, by_path, diags) = index(&pages);
        let versions = link_versions(&config, &mut pages, &by_source);
        link_sections(&mut pages, &by_path, &versions);
        (
            Site {
                config,
                options,
                pages,
                by_source,
                by_path,
                versions,
            },
            diags,
        )
    }

    /// Finds a page by its source path inside content/, preferring the given school's copy.
    pub fn find_source(&self, school: Option<&str>, source: &str) -> Option<usize> {
        // A single-school site's home is the school's home; the shared one is left out.
        if source == "_index.md" && self.options.school.is_some() {
            return self.home();
        }
        if let Some(s) = school {
            if let Some(&i) = self
                .by_source
                .get(&(Some(s.to_string()), source.to_string()))
            {
                return Some(i);
            }
        }
        self.by_source.get(&(None, source.to_string())).copied()
    }

    /// The page a version is of (the page itself when it is in the site's own language).
    pub fn original_of(&self, i: usize) -> usize {
        self.pages[i].original.unwrap_or(i)
    }

    /// Page `i` and its versions: the page in the site's own language first.
    pub fn family(&self, i: usize) -> Vec<usize> {
        let o = self.original_of(i);
        let mut out = vec![o];
        out.extend(self.versions.get(&o).into_iter().flatten());
        out
    }

    /// Whether page `i` has another version (or is one).
    pub fn has_versions(&self, i: usize) -> bool {
        self.versions.contains_key(&self.original_of(i))
    }

    /// The version of page `i` in `variant` (`None`: the site's own language), if there is one.
    pub fn version(&self, i: usize, variant: Option<&str>) -> Option<usize> {
        let o = self.original_of(i);
        match variant {
            None => Some(o),
            Some(v) => self
                .versions
                .get(&o)?
                .iter()
                .copied()
                .find(|&j| self.pages[j].variant() == Some(v)),
        }
    }

    /// Every variant that some page has, in the order of `languages:` (Easy Read last).
    pub fn variants(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = self.pages.iter().filter_map(Page::variant).collect();
        seen.sort_unstable_by_key(|v| variant_rank(&self.config, v));
        seen.dedup();
        seen
    }

    pub fn find_path(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// The URL a visitor uses for a site path: the base URL's path prefix plus the path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.config.path_prefix(), path)
    }

    /// The full address, for sitemaps and feeds.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.config.base(), path)
    }

    /// The home page, if the site has one.
    pub fn home(&self) -> Option<usize> {
        self.find_path("/")
    }

    /// The chain of sections from the home page down to (not including) `page`; for a version,
    /// each section's version in its language where there is one.
    pub fn ancestors(&self, page: usize) -> Vec<usize> {
        let variant = self.pages[page].variant();
        let mut chain = Vec::new();
        let mut cur = self.pages[page].parent;
        while let Some(i) = cur {
            chain.push(self.version(i, variant).unwrap_or(i));
            cur = self.pages[i].parent;
        }
        chain.reverse();
        chain
    }

    /// The previous and next ordinary pages in the same section.
    pub fn neighbours(&self, page: usize) -> (Option<usize>, Option<usize>) {
        let Some(parent) = self.pages[page].parent else {
            return (None, None);
        };
        let list = &self.pages[parent].pages;
        match list.iter().position(|&i| i == page) {
            Some(pos) => (
                pos.checked_sub(1).map(|p| list[p]),
                list.get(pos + 1).copied(),
            ),
            None => (None, None),
        }
    }
}

/// Pages by (school, source) and by address; a second page at an address is a diagnostic.
fn index(pages: &[Page]) -> (BySource, HashMap<String, usize>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut by_source = HashMap::with_capacity(pages.len());
    let mut by_path: HashMap<String, usize> = HashMap::with_capacity(pages.len());
    for (i, p) in pages.iter().enumerate() {
        by_source.insert((p.school.clone(), p.src.source.clone()), i);
        if let Some(&other) = by_path.get(&p.path) {
            diags.push(
                Diagnostic::error(
                    Code::Content,
                    p.src.file.clone(),
                    format!(
                        "this page has the same address {} as {}",
                        p.path,
                        pages[other].src.file.display()
                    ),
                )
                .with_hint("rename or move one of the two files"),
            );
        } else {
            by_path.insert(p.path.clone(), i);
        }
    }
    (by_source, by_path, diags)
}

/// Where a variant sorts among a page's versions: the order of `languages:`, Easy Read last.
fn variant_rank(config: &SiteConfig, v: &str) -> usize {
    config
        .language_codes()
        .position(|c| c == v)
        .unwrap_or(usize::MAX)
}

/// Points every version at its page (`original`), and lists each page's versions in order.
fn link_versions(
    config: &SiteConfig,
    pages: &mut [Page],
    by_source: &BySource,
) -> HashMap<usize, Vec<usize>> {
    let mut versions: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, page) in pages.iter_mut().enumerate() {
        let Some((original, _)) = &page.src.variant else {
            continue;
        };
        if let Some(&o) = by_source.get(&(page.school.clone(), original.clone())) {
            page.original = Some(o);
            versions.entry(o).or_default().push(i);
        }
    }
    for list in versions.values_mut() {
        list.sort_by_key(|&j| variant_rank(config, pages[j].variant().unwrap_or_default()));
    }
    versions
}

/// The version of page `i` in `variant`, else page `i` itself.
fn in_variant(
    pages: &[Page],
    versions: &HashMap<usize, Vec<usize>>,
    i: usize,
    variant: Option<&str>,
) -> usize {
    versions
        .get(&i)
        .and_then(|l| l.iter().copied().find(|&j| pages[j].variant() == variant))
        .unwrap_or(i)
}

/// Links every page to its nearest enclosing section, and lists each section's pages and
/// subsections in order. A version sits in its language's version of its page's section (or
/// in that section itself, when it has no version), and a version of a section lists its
/// section's pages in its language where they have a version.
fn link_sections(
    pages: &mut [Page],
    by_path: &HashMap<String, usize>,
    versions: &HashMap<usize, Vec<usize>>,
) {
    let parents: Vec<Option<usize>> = pages
        .iter()
        .map(|p| match p.original {
            Some(o) => nearest_section(pages, by_path, &pages[o].path)
                .map(|s| in_variant(pages, versions, s, p.variant())),
            None if p.src.variant.is_some() => None,
            None => nearest_section(pages, by_path, &p.path),
        })
        .collect();
    for (i, parent) in parents.into_iter().enumerate() {
        if pages[i].original.is_some() {
            pages[i].parent = parent;
            continue;
        }
        pages[i].parent = parent;
        if let Some(pi) = parent {
            if pages[i].is_section() {
                pages[pi].subsections.push(i);
            } else {
                pages[pi].pages.push(i);
            }
        }
    }
    for i in 0..pages.len() {
        if pages[i].original.is_some() {
            continue; // in its page's order
        }
        let mut list = std::mem::take(&mut pages[i].pages);
        in_order(pages, &mut list);
        pages[i].pages = list;
        let mut list = std::mem::take(&mut pages[i].subsections);
        in_order(pages, &mut list);
        pages[i].subsections = list;
    }
    for i in 0..pages.len() {
        if let Some(o) = pages[i].original.filter(|_| pages[i].is_section()) {
            let v = pages[i].variant().map(str::to_string);
            let map = |l: &[usize]| -> Vec<usize> {
                l.iter()
                    .map(|&c| in_variant(pages, versions, c, v.as_deref()))
                    .collect()
            };
            let (list, subs) = (map(&pages[o].pages), map(&pages[o].subsections));
            pages[i].pages = list;
            pages[i].subsections = subs;
        }
    }
}

/// The nearest section above the page at `path`.
fn nearest_section(pages: &[Page], by_path: &HashMap<String, usize>, path: &str) -> Option<usize> {
    let mut path = path.to_string();
    loop {
        if path == "/" {
            return None;
        }
        path = parent_path(&path);
        if let Some(&i) = by_path.get(&path) {
            if pages[i].is_section() {
                return Some(i);
            }
        }
    }
}

/// Sorts a section's list by weight, then title, then address.
fn in_order(pages: &[Page], list: &mut [usize]) {
    list.sort_by(|&a, &b| {
        let (pa, pb) = (&pages[a], &pages[b]);
        (pa.src.front.weight, pa.title(), &pa.path).cmp(&(
            pb.src.front.weight,
            pb.title(),
            &pb.path,
        ))
    });
}

/// `/a/b/` → `/a/`; `/a/` → `/`.
pub fn parent_path(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => trimmed[..=i].to_string(),
        None => "/".to_string(),
    }
}

/// Makes the model's pages from loaded source pages (shared pages, not school copies).
pub fn shared_pages(sources: Vec<SourcePage>) -> Vec<Page> {
    sources
        .into_iter()
        .map(|src| Page::new(crate::model::variants::page_path(&src), src, None))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_paths() {
        assert_eq!(parent_path("/a/b/"), "/a/");
        assert_eq!(parent_path("/a/"), "/");
    }
}
