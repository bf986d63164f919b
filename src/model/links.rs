//! Links between pages: resolving a link written in a page (to another page's `.md` file, a
//! section, an asset, a generated address such as `/schools/`) to its URL, and the output file of
//! an address.

use crate::load::content::resolve_relative;
use crate::load::markdown::{scheme_of, ALLOWED_SCHEMES};
use crate::model::site::Site;
use std::collections::{BTreeMap, HashSet};

/// What the caller's link resolver says about one link target.
pub enum Resolved {
    /// Use this URL instead.
    Url(String),
    /// Use this URL, of a page in the site's own language: the linking page is a translation
    /// and the page linked to has no version in its language (the link says so: "in English").
    Fallback(String),
    /// Leave the link as it is (external, mail, phone).
    Keep,
    /// The target does not exist: (message, hint).
    Broken(String, String),
}

/// Addresses the build makes besides content pages, with the anchors each has.
pub type Generated = BTreeMap<String, HashSet<String>>;

/// The output file of a page path: `/a/b/` → `a/b/index.html`.
pub fn page_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// Resolves link targets written in a page.
pub struct Links<'a> {
    pub site: &'a Site,
    /// Heading ids of each page; empty while they are not known yet (anchors are then not checked).
    pub anchors: &'a [HashSet<String>],
    pub generated: &'a Generated,
    pub assets: &'a HashSet<&'a str>,
}

impl Links<'_> {
    /// Resolves one link written in page `from`.
    pub fn resolve(&self, from: usize, target: &str) -> Resolved {
        let target = target.trim();
        if target.is_empty() {
            return Resolved::Keep;
        }
        if let Some(scheme) = scheme_of(target) {
            // Markdown leaves out links of any other scheme before they get here.
            return if ALLOWED_SCHEMES.contains(&scheme.as_str()) {
                Resolved::Keep
            } else {
                Resolved::Broken(
                    format!("link to `{target}`: `{scheme}:` links are not allowed"),
                    "link with http://, https://, mailto: or tel:, or to a page's .md file".into(),
                )
            };
        }
        if target.starts_with("//") {
            return Resolved::Keep;
        }
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (target, None),
        };
        let page = &self.site.pages[from];
        if path.is_empty() {
            return self.with_anchor(Some(from), "", anchor, target);
        }
        if let Some(abs) = path.strip_prefix('/') {
            let mut normal = format!("/{abs}");
            // A generated address (`/glossary/`, `/search/`) has its language's copy.
            if let Some(v) = page.variant() {
                let own = format!("/{}{normal}", crate::load::languages::url_prefix(v));
                if self.generated.contains_key(&own) {
                    normal = own;
                }
            }
            if let Some(i) = self.site.find_path(&normal) {
                return self.with_anchor(Some(i), &self.site.url(&normal), anchor, target);
            }
            if let Some(ids) = self.generated.get(&normal) {
                let url = self.site.url(&normal);
                return match anchor {
                    Some(a) if !ids.contains(a) => broken_anchor(target, a),
                    Some(a) => Resolved::Url(format!("{url}#{a}")),
                    None => Resolved::Url(url),
                };
            }
            if self.assets.contains(abs) {
                return Resolved::Url(self.site.url(&normal));
            }
            let file_like = abs.rsplit('/').next().is_some_and(|f| f.contains('.'));
            return Resolved::Broken(
                format!("link to `{target}`, which is not a page of this site"),
                if file_like {
                    "a file's address is its path inside content/ or the theme's static/ folder (`/easy-read/school.svg` is themes/default/static/easy-read/school.svg); check the name".into()
                } else {
                    "link to the page's .md file with a relative path, e.g. `../parents/meetings.md`"
                        .into()
                },
            );
        }
        let Some(resolved) = resolve_relative(&page.src.source, path) else {
            return Resolved::Broken(
                format!("link to `{target}` climbs out of the content folder"),
                "remove a `../` from the start of the path".into(),
            );
        };
        if resolved.ends_with(".md") {
            return match self.site.find_source(page.school.as_deref(), &resolved) {
                Some(i) => {
                    let (j, fallback) = self.in_language_of(from, i);
                    let url = self.site.url(&self.site.pages[j].path);
                    match self.with_anchor(Some(j), &url, anchor, target) {
                        Resolved::Url(u) if fallback => Resolved::Fallback(u),
                        other => other,
                    }
                }
                None => Resolved::Broken(
                    format!("link to a missing page `{path}` (looked for content/{resolved})"),
                    "check the file name and folder; paths are relative to this page's folder"
                        .into(),
                ),
            };
        }
        if self.assets.contains(resolved.as_str()) {
            let url = self.site.url(&format!("/{resolved}"));
            return Resolved::Url(match anchor {
                Some(a) => format!("{url}#{a}"),
                None => url,
            });
        }
        Resolved::Broken(
            format!("link to `{target}`, which is neither a page (.md) nor a file in content/"),
            "link to pages by their .md file, and to files by their path inside content/".into(),
        )
    }

    /// The page to link to from page `from` for a link to page `to`: its version in `from`'s
    /// language when there is one; else `to`, and whether that is a fallback to a page in the
    /// site's own language from a translation (Easy Read versions fall back to the standard
    /// page, which is in their own language).
    pub fn in_language_of(&self, from: usize, to: usize) -> (usize, bool) {
        let site = self.site;
        let Some(v) = site.pages[from].variant() else {
            return (to, false);
        };
        if site.pages[to].variant().is_some() {
            return (to, false); // a link written to a version goes there
        }
        match site.version(to, Some(v)) {
            Some(j) => (j, false),
            None => (to, v != crate::load::languages::EASY_READ),
        }
    }

    fn with_anchor(
        &self,
        page: Option<usize>,
        url: &str,
        anchor: Option<&str>,
        target: &str,
    ) -> Resolved {
        match (anchor, page) {
            (None, _) => Resolved::Url(url.to_string()),
            (Some(a), Some(i)) if self.anchors.get(i).is_none_or(|ids| ids.contains(a)) => {
                Resolved::Url(format!("{url}#{a}"))
            }
            (Some(a), _) => broken_anchor(target, a),
        }
    }
}

fn broken_anchor(target: &str, anchor: &str) -> Resolved {
    Resolved::Broken(
        format!("link to `{target}`: there is no heading with the id `{anchor}` there"),
        "a heading's id is its text in lower case with `-` between words, e.g. `## What is SEN support?` → `#what-is-sen-support`".into(),
    )
}
