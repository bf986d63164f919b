//! Incremental rebuilds for the preview server: which page outputs use which source pages
//! ([`Deps`]), and re-rendering only the pages an edit touches. A change to `site.yaml`, a template,
//! the page structure (weight, draft, aliases, steps…) or the set of files falls back to a full build.
//! (Over 400 lines: planning a rebuild, rendering it through the pipeline's `PagePass` and putting
//! it in place share the `Incremental` state; the dependency graph is in `deps`.)

mod deps;

pub use deps::Deps;
use deps::{generated_from, link_targets};

use crate::diagnostics::{self, Diagnostic};
use crate::load::config::BuildOptions;
use crate::load::content::SourcePage;
use crate::model::file::{Contents, OutputFile};
use crate::model::links::{Generated, Links};
use crate::model::site::Site;
use crate::pipeline::{self, Build};
use crate::render::markdown;
use crate::render::Theme;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where the search index's files and the search page live in the output.
const SEARCH_DIR: &str = "search/";

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RebuildKind {
    /// Everything was built again.
    Full,
    /// Some pages were re-rendered.
    Pages,
    /// Only stylesheets changed; nothing needed building.
    Styles,
    /// Only copied files (images, scripts…) changed; nothing needed building.
    Files,
}

/// What one rebuild did, for the terminal line, the browser and tests.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    pub kind: RebuildKind,
    /// URL paths of the pages rendered again, sorted (every page for a full build).
    pub rendered: Vec<String>,
    /// Files of re-rendered pages whose checks have not run yet (see [`Incremental::rebuild_unchecked`]).
    pub unchecked: BTreeSet<PathBuf>,
    pub elapsed: Duration,
}

/// A built site kept in memory with what an incremental rebuild needs.
pub struct Incremental {
    pub opts: BuildOptions,
    pub build: Build,
    theme: Option<Theme>,
    anchors: Vec<HashSet<String>>,
    assets: HashSet<String>,
    generated: Generated,
    deps: Deps,
}

/// How an edit to a page's front matter reaches other outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FrontChange {
    Same,
    /// Only this page (and the site files: sitemap, feed) show it.
    Page,
    /// The title or description, shown on other pages' cards.
    Card,
    /// The shape of the site (order, drafts, aliases, steps, template): rebuild everything.
    Structure,
}

impl Incremental {
    /// A full build.
    pub fn full(opts: &BuildOptions) -> Incremental {
        let build = pipeline::build(opts);
        Incremental::from_build(opts, build)
    }

    fn from_build(opts: &BuildOptions, build: Build) -> Incremental {
        let theme = build
            .site
            .as_ref()
            .and_then(|s| Theme::load(&opts.root, &s.config).ok());
        let anchors = build
            .pages
            .iter()
            .map(|p| p.rendered.headings.iter().map(|h| h.id.clone()).collect())
            .collect();
        let content = opts.root.join("content");
        let assets = build
            .files
            .iter()
            .filter(|f| matches!(&f.contents, Contents::Copy(p) if p.starts_with(&content)))
            .map(|f| f.path.clone())
            .collect();
        let deps = match &build.site {
            Some(site) => {
                let bodies: Vec<&str> = build
                    .pages
                    .iter()
                    .map(|p| p.rendered.html.as_str())
                    .collect();
                Deps::new(site, &bodies)
            }
            None => Deps::default(),
        };
        Incremental {
            opts: opts.clone(),
            generated: generated_from(&build),
            build,
            theme,
            anchors,
            assets,
            deps,
        }
    }

    /// The file at an output path.
    pub fn file(&self, path: &str) -> Option<&OutputFile> {
        let files = &self.build.files;
        files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &files[i])
    }

    /// Whether the changes need everything built again (then build it outside any lock).
    pub fn needs_full(&self, changed: &[PathBuf]) -> bool {
        matches!(self.plan(changed), Plan::Full)
    }

    /// Rebuilds after the files `changed` (paths from the site root) changed on disk.
    /// Pages, their checks and the search index, all at once (a server serves the pages first:
    /// see [`Incremental::rebuild_unchecked`] and [`Incremental::search_again`]).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> RebuildReport {
        let report = self.rebuild_unchecked(changed);
        let found = self.run_checks(&report.unchecked);
        self.add_checks(found);
        if report.kind == RebuildKind::Pages {
            let files = self.search_again();
            self.put_search(files);
        }
        report
    }

    /// Like [`Incremental::rebuild`] but leaves the checks of re-rendered pages to the caller
    /// ([`Incremental::run_checks`] on `report.unchecked`), so their new HTML can be served first.
    pub fn rebuild_unchecked(&mut self, changed: &[PathBuf]) -> RebuildReport {
        let start = Instant::now();
        let mut unchecked = BTreeSet::new();
        let (kind, rendered) = match self.plan(changed) {
            Plan::Copied { styles_only } => {
                let kind = if styles_only {
                    RebuildKind::Styles
                } else {
                    RebuildKind::Files
                };
                (kind, Vec::new())
            }
            Plan::Pages(pages) => match self.edit_pages(&pages) {
                Some((rendered, touched)) => {
                    unchecked = touched;
                    (RebuildKind::Pages, rendered)
                }
                None => self.full_again(),
            },
            Plan::Full => self.full_again(),
        };
        RebuildReport {
            kind,
            rendered,
            unchecked,
            elapsed: start.elapsed(),
        }
    }

    fn full_again(&mut self) -> (RebuildKind, Vec<String>) {
        *self = Incremental::full(&self.opts);
        let rendered = self
            .build
            .site
            .as_ref()
            .map(|s| s.pages.iter().map(|p| p.path.clone()).collect())
            .unwrap_or_default();
        (RebuildKind::Full, rendered)
    }

    /// Sorts the changed files into what they need.
    fn plan(&self, changed: &[PathBuf]) -> Plan {
        let (Some(site), Some(_)) = (&self.build.site, &self.theme) else {
            return Plan::Full;
        };
        let mut pages = BTreeSet::new();
        let mut copied = 0;
        let mut styles = 0;
        for rel in changed {
            let slash = crate::load::files::slash_path(rel);
            let exists = self.opts.root.join(rel).is_file();
            // Pages the build adds a made list to (events, "You said, we did", the list of
            // schools, whose title and intro its later, filter and A–Z pages repeat) are made
            // again whole.
            let made = [
                "content/events/_index.md",
                "content/you-said-we-did/_index.md",
                "content/schools/_index.md",
            ];
            if made.contains(&slash.as_str()) {
                return Plan::Full;
            }
            let page = slash
                .strip_prefix("content/")
                .filter(|s| s.ends_with(".md"))
                .and_then(|s| site.find_source(None, s))
                .filter(|&i| site.pages[i].school.is_none())
                // A version inherits from its page and shows its dates: rebuilt in full.
                .filter(|&i| !site.has_versions(i));
            if let (Some(i), true) = (page, exists) {
                pages.insert(i);
            } else if exists && self.is_copied(&self.opts.root.join(rel)) {
                copied += 1;
                styles += usize::from(slash.ends_with(".css"));
            } else {
                return Plan::Full;
            }
        }
        if pages.is_empty() {
            Plan::Copied {
                styles_only: copied > 0 && styles == copied,
            }
        } else {
            Plan::Pages(pages)
        }
    }

    fn is_copied(&self, abs: &Path) -> bool {
        self.build
            .files
            .iter()
            .any(|f| matches!(&f.contents, Contents::Copy(p) if p == abs))
    }

    /// Re-reads and re-renders edited pages and those that use them; `None` when a full build is needed.
    fn edit_pages(&mut self, edited: &BTreeSet<usize>) -> Option<(Vec<String>, BTreeSet<PathBuf>)> {
        let mut affected = BTreeSet::new();
        let mut front = FrontChange::Same;
        let mut read_errors = Vec::new();
        for &j in edited {
            let site = self.build.site.as_mut()?;
            let old = &site.pages[j].src;
            let text = std::fs::read_to_string(self.opts.root.join(&old.file)).ok()?;
            match SourcePage::parse(&old.source, old.file.clone(), text) {
                Ok(src) => {
                    let change = front_change(&old.front, &src.front);
                    if change == FrontChange::Structure {
                        return None;
                    }
                    front = front.max(change);
                    self.anchors[j] = crate::load::markdown::parse(src.body())
                        .headings
                        .iter()
                        .map(|h| h.id.clone())
                        .collect();
                    site.pages[j].src = src;
                    if change == FrontChange::Card && !in_order(site, j) {
                        return None; // a new title moved the page in its section's order
                    }
                    if change == FrontChange::Card && self.deps.in_nav(j) {
                        return None; // the navigation on every page, generated ones too, changes
                    }
                    affected.extend(self.deps.affected(site, j, change >= FrontChange::Card));
                }
                Err(d) => read_errors.push(d),
            }
        }
        let touched = self.render_pages(&affected);
        for d in read_errors {
            self.build.diagnostics.retain(|x| x.file != d.file);
            self.build.diagnostics.push(d);
        }
        diagnostics::sort(&mut self.build.diagnostics);
        self.build.diagnostics.dedup();
        let site = self.build.site.as_ref()?;
        let mut paths: Vec<String> = affected
            .iter()
            .map(|&i| site.pages[i].path.clone())
            .collect();
        paths.sort();
        Some((paths, touched))
    }

    /// Renders the bodies and templates of `pages` again and puts them in place, with their diagnostics.
    fn render_pages(&mut self, pages: &BTreeSet<usize>) -> BTreeSet<PathBuf> {
        let (Some(site), Some(theme)) = (&self.build.site, &self.theme) else {
            return BTreeSet::new();
        };
        let assets: HashSet<&str> = self.assets.iter().map(String::as_str).collect();
        let links = Links {
            site,
            anchors: &self.anchors,
            generated: &self.generated,
            assets: &assets,
        };
        let list: Vec<usize> = pages.iter().copied().collect();
        // A glossary whose matcher cannot be built was reported by the build that loaded it.
        let setup = pipeline::page::RenderSetup::new(
            site,
            &self.build.glossary,
            Some(theme),
            &mut Vec::new(),
        );
        let renderer = setup.renderer(site, &links, &self.build.schools, &self.build.services);
        let again = render_again(&renderer, theme, &list);
        self.put_in_place(&list, again)
    }

    /// Keeps pages rendered again (bodies, readability, the pages they link to), their files and
    /// their diagnostics (in place of the old ones of their source files). Returns those files.
    fn put_in_place(&mut self, list: &[usize], again: RenderedAgain) -> BTreeSet<PathBuf> {
        let Some(site) = &self.build.site else {
            return BTreeSet::new();
        };
        let touched: BTreeSet<PathBuf> = list
            .iter()
            .map(|&i| site.pages[i].src.file.clone())
            .collect();
        for ((&i, r), f) in list.iter().zip(again.bodies).zip(again.figures) {
            let targets = link_targets(site, &r.html);
            self.deps.set_links(i, targets);
            self.build.pages[i].rendered = r;
            self.build.pages[i].readability = f;
        }
        for f in again.files {
            self.put_file(f);
        }
        self.build
            .diagnostics
            .retain(|d| !touched.contains(&d.file));
        self.build.diagnostics.extend(again.diags);
        touched
    }

    /// Runs the site's checks and keeps what they find in `files` (the pages a rebuild touched).
    /// Needs only `&self`, so a server can run it under a read lock while pages are served.
    pub fn run_checks(&self, files: &BTreeSet<PathBuf>) -> Vec<Diagnostic> {
        let Some(input) = self.build.check_input() else {
            return Vec::new();
        };
        crate::checks::run(&input)
            .into_iter()
            .filter(|d| files.contains(&d.file))
            .collect()
    }

    /// The search index made again from every page's body as it is now (see
    /// [`pipeline::search::index_again`]), for after the pages an edit touched are served: a
    /// server calls it under a read lock and puts the files in place with
    /// [`Incremental::put_search`]. Empty when nothing needs it (search off, no theme).
    pub fn search_again(&self) -> Vec<OutputFile> {
        self.search_input()
            .map_or_else(Vec::new, pipeline::search::SearchInput::files)
    }

    /// What [`Incremental::search_again`] makes the index from, read off the build: the slow
    /// part ([`pipeline::search::SearchInput::files`]) can then run without any lock held.
    pub fn search_input(&self) -> Option<pipeline::search::SearchInput> {
        pipeline::search::SearchInput::read(&self.build, self.theme.as_ref()?)
    }

    /// Replaces every file under `search/` with `files` (from [`Incremental::search_again`]):
    /// shards whose words are gone go too.
    pub fn put_search(&mut self, files: Vec<OutputFile>) {
        if files.is_empty() {
            return;
        }
        let files_now = &mut self.build.files;
        files_now.retain(|f| !f.path.starts_with(SEARCH_DIR));
        files_now.extend(files);
        files_now.sort_by(|a, b| a.path.cmp(&b.path));
    }

    /// Adds the findings of [`Incremental::run_checks`].
    pub fn add_checks(&mut self, found: Vec<Diagnostic>) {
        self.build.diagnostics.extend(found);
        diagnostics::sort(&mut self.build.diagnostics);
        self.build.diagnostics.dedup();
    }

    fn put_file(&mut self, f: OutputFile) {
        let files = &mut self.build.files;
        match files.binary_search_by(|x| x.path.cmp(&f.path)) {
            Ok(i) => files[i] = f,
            Err(i) => files.insert(i, f),
        }
    }
}

/// Pages rendered again, in the order asked for, with the files and diagnostics they make.
struct RenderedAgain {
    bodies: Vec<markdown::Rendered>,
    figures: Vec<crate::readability::Figures>,
    files: Vec<OutputFile>,
    diags: Vec<Diagnostic>,
}

/// Renders the bodies (anchors checked) and templates of pages `list` in parallel, with the site
/// files that carry their titles and dates (sitemap, feed, 404 page, redirects).
fn render_again(
    renderer: &pipeline::page::PageRenderer,
    theme: &Theme,
    list: &[usize],
) -> RenderedAgain {
    let site = renderer.site;
    let (mut bodies, figures): (Vec<markdown::Rendered>, Vec<_>) = list
        .par_iter()
        .map(|&i| {
            let (mut r, f) = renderer.body(i);
            renderer.check_anchors(i, &mut r);
            (r, f)
        })
        .unzip();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let pass = pipeline::page::PagePass::new(renderer, theme, &mut diags);
    let outputs = std::sync::Mutex::new(Vec::with_capacity(list.len()));
    pass.run(list, &mut bodies, &mut diags, |i, _, out| {
        outputs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((i, out));
    });
    let mut outputs = outputs.into_inner().unwrap_or_else(|e| e.into_inner());
    outputs.sort_by_key(|(i, _)| *i);
    let mut files = Vec::new();
    for ((&i, r), (_, out)) in list.iter().zip(&bodies).zip(outputs) {
        diags.extend(pipeline::page::link_diagnostics(site, i, r));
        match out {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    let site_value = pass.site_value();
    // Sitemap, feed, 404 page and redirects: cheap, and they carry titles and dates.
    let listed = renderer.schools.list_paths(site);
    files.extend(crate::output::site_files::site_files(
        site,
        theme,
        &site_value,
        &listed,
        &mut diags,
    ));
    RenderedAgain {
        bodies,
        figures,
        files,
        diags,
    }
}

enum Plan {
    /// Only files served as they are changed: nothing to build.
    Copied {
        styles_only: bool,
    },
    /// These pages were edited.
    Pages(BTreeSet<usize>),
    Full,
}

/// Whether page `j` still sits in its section's lists where the model's order puts it.
fn in_order(site: &Site, j: usize) -> bool {
    let Some(parent) = site.pages[j].parent else {
        return true;
    };
    let key = |i: &usize| {
        let p = &site.pages[*i];
        (p.src.front.weight, p.title(), &p.path)
    };
    let p = &site.pages[parent];
    [&p.pages, &p.subsections]
        .iter()
        .all(|list| list.windows(2).all(|w| key(&w[0]) <= key(&w[1])))
}

/// Compares two versions of a page's front matter, key by key.
fn front_change(
    old: &crate::load::content::FrontMatter,
    new: &crate::load::content::FrontMatter,
) -> FrontChange {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) =
        (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return FrontChange::Structure;
    };
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| match k.as_str() {
            "title" | "description" => FrontChange::Card,
            "reviewed" | "review_every" | "summary" | "audience" | "reading_age" => {
                FrontChange::Page
            }
            _ => FrontChange::Structure,
        })
        .max()
        .unwrap_or(FrontChange::Same)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(yaml: &str) -> crate::load::content::FrontMatter {
        serde_yaml::from_str(&format!("title: A\ndescription: B\n{yaml}")).expect("front matter")
    }

    #[test]
    fn front_matter_changes_are_graded() {
        assert_eq!(front_change(&front(""), &front("")), FrontChange::Same);
        assert_eq!(
            front_change(&front(""), &front("reviewed: 2026-01-01\n")),
            FrontChange::Page
        );
        let retitled: crate::load::content::FrontMatter =
            serde_yaml::from_str("title: C\ndescription: B\n").expect("front matter");
        assert_eq!(front_change(&front(""), &retitled), FrontChange::Card);
        assert_eq!(
            front_change(&front(""), &front("weight: 3\n")),
            FrontChange::Structure
        );
        assert_eq!(
            front_change(&front(""), &front("aliases: [/old/]\n")),
            FrontChange::Structure
        );
    }
}
