//! The build pipeline, stage by stage: load settings and content → the immutable [`Site`] model →
//! parse Markdown → render bodies (links resolved; each body read for the search index as it
//! goes) → render templates → the list of output files. [`build()`] writes nothing to disk: the
//! preview server or `output::write` takes the files. [`build_into`] hands pages and search files
//! to an output staging folder as they are made, so `senpack build` never holds a whole site.

use crate::config::{BuildOptions, SiteConfig};
use crate::content::{self, resolve_relative};
use crate::diagnostics::{self, line_col, Diagnostic};
use crate::glossary::{self, Glossary};
use crate::markdown::{self, Heading, Labels, Rendered, Resolved};
use crate::output::{OutputFile, Staging};
use crate::render::{self, Theme};
use crate::search::PageWords;
use crate::site::{self, Site};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A rendered page body, kept for checks and the search index.
#[derive(Debug, Clone)]
pub struct PageOutput {
    pub rendered: Rendered,
    /// Readability figures of the page's prose.
    pub readability: crate::readability::Figures,
}

/// Everything one build produced.
pub struct Build {
    /// `None` when the site could not even be loaded.
    pub site: Option<Site>,
    /// One per `site.pages` entry, same order.
    pub pages: Vec<PageOutput>,
    /// The files kept in memory (every file, unless the build wrote pages straight to disk).
    pub files: Vec<OutputFile>,
    /// Paths of the files written straight into a staging folder ([`build_into`]), sorted.
    pub streamed: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The glossary (`content/glossary.yaml`), empty when the site has none.
    pub glossary: Glossary,
    /// The schools of this build (empty when the site has none).
    pub schools: crate::school_site::Schools,
}

impl Build {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    fn failed(diagnostics: Vec<Diagnostic>, timings: Vec<(&'static str, Duration)>) -> Build {
        Build {
            site: None,
            pages: Vec::new(),
            files: Vec::new(),
            streamed: Vec::new(),
            diagnostics,
            timings,
            glossary: Glossary::default(),
            schools: Default::default(),
        }
    }
}

struct Timer {
    start: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Self {
        Timer {
            start: Instant::now(),
            stages: Vec::new(),
        }
    }
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.start));
        self.start = now;
    }
}

/// Addresses the build makes besides content pages, with the anchors each has.
pub type Generated = BTreeMap<String, HashSet<String>>;

/// Runs the whole pipeline in memory. Always returns; problems are in `diagnostics`.
pub fn build(opts: &BuildOptions) -> Build {
    run(opts, &Emit::default())
}

/// Runs the whole pipeline, writing pages and search files into `staging` as they are made
/// instead of holding them (what `senpack build` does: a big site then needs far less memory).
/// The caller commits the staging folder only when the build has no errors.
pub fn build_into(opts: &BuildOptions, staging: &Staging) -> Build {
    run(opts, &Emit::to(staging))
}

/// Where finished files go: kept in the build, or written straight into a staging folder.
#[derive(Default)]
struct Emit<'a> {
    staging: Option<&'a Staging>,
    streamed: Mutex<Vec<String>>,
    kept: Mutex<Vec<OutputFile>>,
    errors: Mutex<Vec<Diagnostic>>,
}

impl<'a> Emit<'a> {
    fn to(staging: &'a Staging) -> Self {
        Emit {
            staging: Some(staging),
            ..Emit::default()
        }
    }

    /// Writes `file` out now when there is a staging folder, else keeps it. Called from many
    /// threads: what is kept, and any write error, wait for [`Emit::take`].
    fn sink(&self, mut file: OutputFile) {
        if let Some(path) = crate::output::normal_path(&file.path) {
            file.path = path;
        }
        let Some(staging) = self.staging else {
            lock(&self.kept).push(file);
            return;
        };
        match staging.put(&file) {
            Ok(()) => lock(&self.streamed).push(file.path),
            Err(e) => self.error(
                Diagnostic::error("output", format!("output/{}", file.path), e.to_string())
                    .with_hint("check that the output folder's disk has space and can be written"),
            ),
        }
    }

    /// Holds a problem met while making files on many threads, until [`Emit::take`].
    fn error(&self, d: Diagnostic) {
        lock(&self.errors).push(d);
    }

    /// The files [`Emit::sink`] kept and the problems held.
    fn take(&self, files: &mut Vec<OutputFile>, diags: &mut Vec<Diagnostic>) {
        files.append(&mut lock(&self.kept));
        diags.append(&mut lock(&self.errors));
    }
}

/// Locks a mutex, carrying on after a panic elsewhere (the data is a plain list).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn run(opts: &BuildOptions, emit: &Emit) -> Build {
    let mut timer = Timer::new();
    let mut config = match SiteConfig::load(&opts.root) {
        Ok(c) => c,
        Err(d) => return Build::failed(vec![d], timer.stages),
    };
    if let Some(base) = &opts.base_url {
        config.base_url = base.clone();
    }
    let loaded = content::load(&opts.root, opts.drafts);
    let mut diags = loaded.diagnostics;
    let (glossary, glossary_diags) = Glossary::load(&opts.root);
    diags.extend(glossary_diags);
    let theme = match Theme::load(&opts.root, &config) {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    timer.lap("load");

    let mut pages = site::shared_pages(loaded.pages);
    let schools = crate::school_site::prepare(
        opts,
        &mut config,
        &loaded.school_pages,
        theme.as_ref(),
        &mut pages,
        &mut diags,
    );
    let (site, model_diags) = Site::new(config, opts.clone(), pages);
    diags.extend(model_diags);
    if site.home().is_none() {
        diags.push(
            Diagnostic::error("content", "content/_index.md", "the site has no home page")
                .with_hint("add content/_index.md with a title and description"),
        );
    }
    let assets: HashSet<&str> = loaded.assets.iter().map(|(p, _)| p.as_str()).collect();
    let mut generated: Generated = BTreeMap::new();
    generated.insert("/404.html".into(), HashSet::new());
    generated.insert(
        glossary::page::PATH.into(),
        glossary::page::anchors(&glossary),
    );
    schools.register(&mut generated);
    if site.config.search {
        crate::search::register(&mut generated);
    }
    timer.lap("model");

    // One pass per page: parse, then render with links resolved. Anchors (`page.md#id`) are
    // checked afterwards, once every page's headings are known, so no page keeps its parsed
    // events while the others are rendered.
    let matcher = glossary::Matcher::new(&glossary).unwrap_or_else(|e| {
        diags.push(e.diagnostic());
        glossary::Matcher::empty(&glossary)
    });
    let glossary_url = site.url(glossary::page::PATH);
    let labels = theme.as_ref().map(labels_from).unwrap_or_default();
    let unchecked = Links {
        site: &site,
        anchors: &[],
        generated: &generated,
        assets: &assets,
    };
    let known_acronyms = glossary::checks::known_words(&glossary, &site.config.acronyms_allowed);
    let body_renderer = PageRenderer {
        site: &site,
        labels: &labels,
        links: &unchecked,
        matcher: &matcher,
        known_acronyms: &known_acronyms,
        glossary_url: &glossary_url,
        schools: &schools,
    };
    // Each body is read for the search index as it is rendered, a search excerpt group of
    // pages at a time (their excerpt file is written and their words numbered; the text is
    // not kept).
    let search_on = site.config.search;
    let sink = |f| emit.sink(f);
    let reader = crate::search::Reader::default();
    type Read = (Vec<(Rendered, crate::readability::Figures)>, Vec<PageWords>);
    let ids: Vec<usize> = (0..site.pages.len()).collect();
    let read: Vec<Read> = ids
        .par_chunks(crate::search::EXCERPT_GROUP)
        .map(|chunk| {
            let mut bodies = Vec::with_capacity(chunk.len());
            let mut docs = Vec::new();
            for &i in chunk {
                let (r, f, sections) = body_renderer.body_and_sections(i, search_on);
                if let Some(sections) = sections {
                    docs.push(crate::search::page_doc(&site, i, sections));
                }
                bodies.push((r, f));
            }
            let words = if search_on {
                reader.group(chunk[0], &docs, &sink)
            } else {
                Vec::new()
            };
            (bodies, words)
        })
        .collect();
    let mut rendered = Vec::with_capacity(site.pages.len());
    let mut figures = Vec::with_capacity(site.pages.len());
    let mut search_read = Vec::with_capacity(if search_on { site.pages.len() } else { 0 });
    for (bodies, words) in read {
        for (r, f) in bodies {
            rendered.push(r);
            figures.push(f);
        }
        search_read.extend(words);
    }
    let search_read = search_on.then_some(search_read);
    let anchors: Vec<HashSet<String>> = rendered
        .iter()
        .map(|r| r.headings.iter().map(|h| h.id.clone()).collect())
        .collect();
    let links = Links {
        site: &site,
        anchors: &anchors,
        generated: &generated,
        assets: &assets,
    };
    let renderer = PageRenderer {
        links: &links,
        ..body_renderer
    };
    rendered
        .par_iter_mut()
        .enumerate()
        .for_each(|(i, r)| renderer.check_anchors(i, r));
    let see_text =
        content::read_text(&opts.root, &opts.root.join(glossary::FILE)).unwrap_or_default();
    let see_url = |see: &str| glossary::page::resolve_see(see, &site, &anchors);
    diags.extend(glossary.check_see(see_url, &see_text));
    for (i, r) in rendered.iter().enumerate() {
        diags.extend(link_diagnostics(&site, i, r));
    }
    diags.extend(schools.check(&site, &links, &labels));
    timer.lap("markdown");

    let mut files = Vec::new();
    let mut templates_site: Option<Value> = None;
    if let Some(theme) = &theme {
        let site_value = theme_site_value(&site, theme, &schools, &mut diags);
        let words = serde_json::to_value(&theme.words).expect("interface words are plain strings");
        let steps: Vec<Value> = (0..site.pages.len())
            .map(|i| renderer.steps(i, &mut diags))
            .collect();
        // Bodies needed after this pass: all of them in memory (the preview server keeps them);
        // when pages stream to disk, only those the schools' packs print.
        let keep_all = emit.staging.is_none();
        let keep = if keep_all {
            HashSet::new()
        } else {
            schools.pack_pages(&site)
        };
        rendered.par_iter_mut().enumerate().for_each_init(
            || render::PageContext::new(&site_value, &words),
            |ctx, (i, r)| {
                match renderer.page(theme, ctx, i, r, steps[i].clone()) {
                    Ok(f) => emit.sink(f),
                    Err(d) => emit.error(d),
                }
                if !keep_all && !keep.contains(&i) {
                    r.html = String::new();
                }
            },
        );
        release_free_memory();
        templates_site = Some(site_value);
    }
    timer.lap("templates");
    let groups = synonym_groups(&glossary);
    let with_theme = theme.as_ref().zip(templates_site.as_ref());

    // The search index is finished while the other files are made and the checks run: the
    // index only needs the words the body pass read.
    let (search_diags, (mut build, check_diags)) = rayon::join(
        || {
            let mut found = Vec::new();
            if let Some(read) = search_read {
                reader.finish(read, &groups, &sink);
                crate::search::search_page(with_theme, &sink, &mut found);
            }
            found
        },
        || {
            if let Some((theme, site_value)) = with_theme {
                let see_url = |see: &str| glossary::page::resolve_see(see, &site, &anchors);
                files.extend(site_files(&site, theme, site_value, &mut diags));
                let bodies: Vec<&str> = rendered.iter().map(|r| r.html.as_str()).collect();
                files.extend(
                    schools.files(&site, theme, site_value, &bodies, &glossary, &mut diags),
                );
                files.extend(static_files(&opts.root, theme, &loaded.assets, &mut diags));
                if theme.has_template("glossary.html") {
                    match glossary::page::render(&glossary, &site, theme, site_value, see_url) {
                        Ok(f) => files.push(f),
                        Err(d) => diags.push(d),
                    }
                }
            }
            let pages = rendered
                .into_iter()
                .zip(figures)
                .map(|(rendered, readability)| PageOutput {
                    rendered,
                    readability,
                })
                .collect();
            let build = Build {
                site: Some(site),
                pages,
                files,
                streamed: Vec::new(),
                diagnostics: diags,
                timings: Vec::new(),
                glossary,
                schools,
            };
            let checks = crate::check::run(&build, crate::check::Mode::Build);
            (build, checks)
        },
    );
    build.diagnostics.extend(search_diags);
    build.diagnostics.extend(check_diags);
    emit.take(&mut build.files, &mut build.diagnostics);
    build.streamed = std::mem::take(&mut *lock(&emit.streamed));
    build.streamed.sort_unstable();
    check_output_paths(&mut build);
    diagnostics::sort(&mut build.diagnostics);
    build.diagnostics.dedup();
    timer.lap("extras+search+checks");
    build.timings = timer.stages;
    build
}

/// Hands memory the page pass freed back to the system on every thread (mimalloc keeps freed
/// pages a while for reuse; the rest of the build needs far less), lowering the peak.
fn release_free_memory() {
    rayon::broadcast(|_| {
        // SAFETY: mi_collect only frees the allocator's unused pages; it takes no pointers.
        unsafe { libmimalloc_sys::mi_collect(true) }
    });
}

/// `site` as templates see it: the site's settings, a single school's brand and the theme's
/// site parts (see [`render::PARTS_DIR`]).
pub fn theme_site_value(
    site: &Site,
    theme: &Theme,
    schools: &crate::school_site::Schools,
    diags: &mut Vec<Diagnostic>,
) -> Value {
    let mut value = render::site_value(site, theme);
    schools.brand(site, &mut value);
    diags.extend(render::add_site_parts(&mut value, theme));
    value
}

/// The broken links found while rendering page `i`, placed in its file.
pub fn link_diagnostics(site: &Site, i: usize, r: &Rendered) -> Vec<Diagnostic> {
    let p = &site.pages[i].src;
    r.problems
        .iter()
        .map(|prob| {
            let (line, col) = line_col(&p.text, p.body_start + prob.offset);
            Diagnostic::error("links", p.file.clone(), prob.message.clone())
                .at(line, col, Some(&p.text))
                .with_hint(prob.hint.clone())
        })
        .collect()
}

/// What rendering one page needs besides the page itself. Full builds and the preview server's
/// incremental rebuilds render pages through this one type, so both make the same HTML.
pub struct PageRenderer<'a> {
    pub site: &'a Site,
    pub labels: &'a Labels,
    pub links: &'a Links<'a>,
    pub matcher: &'a glossary::Matcher<'a>,
    /// Acronyms that need no explaining (see [`glossary::checks::known_words`]).
    pub known_acronyms: &'a HashSet<String>,
    pub glossary_url: &'a str,
    pub schools: &'a crate::school_site::Schools,
}

impl PageRenderer<'_> {
    /// Page `i`'s Markdown body as HTML (glossary terms linked, untrusted HTML cleaned) and its
    /// readability figures.
    pub fn body(&self, i: usize) -> (Rendered, crate::readability::Figures) {
        let (r, figures, _) = self.body_and_sections(i, false);
        (r, figures)
    }

    /// [`PageRenderer::body`], with the body's text in sections for the search index when
    /// `sections` is set (read from the Markdown events, or from the HTML once it is cleaned).
    pub fn body_and_sections(
        &self,
        i: usize,
        sections: bool,
    ) -> (
        Rendered,
        crate::readability::Figures,
        Option<Vec<crate::search::text::Section>>,
    ) {
        let parsed = markdown::parse(self.site.pages[i].src.body());
        let figures = crate::readability::measure(&parsed.events);
        let acronyms =
            glossary::checks::unknown_acronyms(&parsed.events, self.known_acronyms, self.matcher);
        let vague_links = crate::check::vague_links(&parsed.events);
        let superseded = glossary::checks::superseded_uses(&parsed.events, self.matcher);
        let mut text = None;
        let mut r = markdown::render_with(
            parsed,
            self.labels,
            |t| self.links.resolve(i, t),
            |events| {
                let linked = self.matcher.link(events, self.glossary_url);
                if sections {
                    text = Some(crate::search::text::sections_of_events(&linked));
                }
                linked
            },
        );
        r.unknown_acronyms = acronyms;
        r.vague_links = vague_links;
        r.superseded_terms = superseded;
        // School pages are one school's text on a shared site: always cleaned unless trusted.
        let untrusted = r.had_raw_html || self.site.pages[i].school.is_some();
        if untrusted && !self.site.config.trusted_html {
            r.html = crate::sanitize::clean(&r.html);
            if sections {
                text = Some(crate::search::text::sections(&r.html));
            }
        }
        (r, figures, text)
    }

    /// Checks the `page.md#id` links of a rendered body once every page's headings are known.
    pub fn check_anchors(&self, i: usize, r: &mut Rendered) {
        for (offset, target) in std::mem::take(&mut r.anchored_links) {
            if r.problems.iter().any(|p| p.offset == offset) {
                continue; // already reported (a missing page)
            }
            if let Resolved::Broken(message, hint) = self.links.resolve(i, &target) {
                r.problems.push(markdown::LinkProblem {
                    offset,
                    target,
                    message,
                    hint,
                });
            }
        }
    }

    /// The step-by-step route page `i` shows, with its school's contacts at the right steps.
    pub fn steps(&self, i: usize, diags: &mut Vec<Diagnostic>) -> Value {
        let owner = self.schools.route_owner(self.site, i).unwrap_or(i);
        let steps = steps_value(self.site, owner, self.links, self.labels, diags);
        self.schools.with_contacts(self.site, i, steps)
    }

    /// Page `i` through its template: the finished HTML file. `ctx` holds `site` and `i18n`
    /// (one per thread, reused from page to page).
    pub fn page(
        &self,
        theme: &Theme,
        ctx: &mut render::PageContext,
        i: usize,
        r: &Rendered,
        steps: Value,
    ) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let page = &site.pages[i];
        let value = render::page_value(site, i, &r.html, &r.headings, steps);
        let template = render::template_for(site, theme, i);
        let html = ctx.with_page(value, |ctx| {
            self.schools
                .extend_context(site, i, ctx, self.labels, self.links);
            theme.render(&template, ctx, &page.src.file)
        })?;
        Ok(OutputFile::bytes(page_file(&page.path), html))
    }
}

/// Every output path in its normal form, and one source for each: two sources of one file (a page,
/// an alias, an asset, a theme file, a file senpack makes) are an error naming both, with lines.
fn check_output_paths(build: &mut Build) {
    let mut escaping = Vec::new();
    for f in &mut build.files {
        match crate::output::normal_path(&f.path) {
            Some(p) if !p.is_empty() => f.path = p,
            _ => escaping.push(f.path.clone()),
        }
    }
    build.files.retain(|f| !escaping.contains(&f.path));
    for path in escaping {
        build.diagnostics.push(
            Diagnostic::error(
                "output",
                format!("output/{path}"),
                format!("`{path}` is not a path inside the output folder"),
            )
            .with_hint("rename the file so its path has no `..` climbing out of its folder"),
        );
    }
    build.files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut paths: Vec<&str> = build.files.iter().map(|f| f.path.as_str()).collect();
    paths.extend(build.streamed.iter().map(String::as_str));
    paths.sort_unstable();
    let mut twice = Vec::new();
    for pair in paths.windows(2) {
        if pair[0] == pair[1] && twice.last() != Some(&pair[0]) {
            twice.push(pair[0]);
        }
    }
    let twice: Vec<String> = twice.into_iter().map(str::to_string).collect();
    for path in twice {
        let mut sources = sources_of(build, &path);
        if sources.len() < 2 {
            sources.push((
                std::path::PathBuf::from(format!("senpack's own output/{path}")),
                0,
                None,
            ));
        }
        // The source with a line (an alias) first: it is the one most likely to be moved.
        sources.sort_by_key(|(_, line, _)| *line == 0);
        let named: Vec<String> = sources
            .iter()
            .map(|(file, line, _)| match line {
                0 => file.display().to_string(),
                n => format!("{}:{n}", file.display()),
            })
            .collect();
        let (file, line, text) = sources.swap_remove(0);
        build.diagnostics.push(
            Diagnostic::error(
                "output",
                file,
                format!(
                    "{} would {} write the same file output/{path}",
                    named.join(" and "),
                    if named.len() == 2 { "both" } else { "all" }
                ),
            )
            .at(line, 0, text.as_deref())
            .with_hint("an alias, asset or page uses an address another one already has; rename or remove one"),
        );
    }
    build.files.dedup_by(|a, b| a.path == b.path);
}

/// What makes output file `path`, for the error when two do: (file, line, its text).
fn sources_of(build: &Build, path: &str) -> Vec<(std::path::PathBuf, usize, Option<String>)> {
    let mut found = Vec::new();
    let Some(site) = &build.site else {
        return found;
    };
    for page in &site.pages {
        if page_file(&page.path) == path {
            found.push((page.src.file.clone(), 0, None));
        }
        for alias in &page.src.front.aliases {
            if alias_file(alias).as_deref() == Some(path) {
                let line = page.src.front_matter_line("aliases", Some(alias));
                found.push((page.src.file.clone(), line, Some(page.src.text.clone())));
            }
        }
    }
    for f in &build.files {
        if f.path != path {
            continue;
        }
        if let crate::output::Contents::Copy(from) = &f.contents {
            let shown = from
                .strip_prefix(&site.options.root)
                .unwrap_or(from)
                .to_path_buf();
            found.push((shown, 0, None));
        }
    }
    found
}

pub fn labels_from(theme: &Theme) -> Labels {
    let d = Labels::default();
    let get = |k: &str, fallback: String| theme.words.get(k).cloned().unwrap_or(fallback);
    Labels {
        note: get("callout_note", d.note),
        tip: get("callout_tip", d.tip),
        important: get("callout_important", d.important),
        warning: get("callout_warning", d.warning),
        caution: get("callout_caution", d.caution),
        table: get("table", d.table),
    }
}

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
        if let Some(scheme) = markdown::scheme_of(target) {
            // Markdown leaves out links of any other scheme before they get here.
            return if markdown::ALLOWED_SCHEMES.contains(&scheme.as_str()) {
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
            let normal = format!("/{abs}");
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
            return Resolved::Broken(
                format!("link to `{target}`, which is not a page of this site"),
                "link to the page's .md file with a relative path, e.g. `../parents/meetings.md`"
                    .into(),
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
                    let url = self.site.url(&self.site.pages[i].path);
                    self.with_anchor(Some(i), &url, anchor, target)
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

/// The step-by-step route a page shows: its own `steps`, or its section's with itself marked current.
pub fn steps_value(
    site: &Site,
    i: usize,
    links: &Links,
    labels: &Labels,
    diags: &mut Vec<Diagnostic>,
) -> Value {
    let page = &site.pages[i];
    let (owner, current) = if !page.src.front.steps.is_empty() {
        (i, None)
    } else {
        match page.parent {
            Some(p) if !site.pages[p].src.front.steps.is_empty() => (p, Some(i)),
            _ => return Value::Null,
        }
    };
    let owner_page = &site.pages[owner];
    let mut found_current = false;
    let steps: Vec<Value> = owner_page
        .src
        .front
        .steps
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let target = s.page.as_ref().and_then(|p| {
                let src = resolve_relative(&owner_page.src.source, p)?;
                site.find_source(owner_page.school.as_deref(), &src)
            });
            if let (Some(p), None, true) = (&s.page, target, current.is_none()) {
                let line = owner_page
                    .src
                    .text
                    .lines()
                    .position(|l| l.contains("page:") && l.contains(p.as_str()))
                    .map_or(0, |l| l + 1);
                diags.push(
                    Diagnostic::error(
                        "links",
                        owner_page.src.file.clone(),
                        format!("step {} links to a missing page `{p}`", n + 1),
                    )
                    .at(line, 0, Some(&owner_page.src.text))
                    .with_hint("give the step's `page:` as a path relative to this file, e.g. `class-teacher.md`"),
                );
            }
            let is_current = target.is_some() && target == current;
            found_current |= is_current;
            // Step text is printed with `| safe`: cleaned like any untrusted body, and its
            // link problems reported at the step's line.
            let mut inline = |key: &str, text: &Option<String>| {
                text.as_ref().map(|t| {
                    let r = markdown::render(markdown::parse(t), labels, |l| links.resolve(owner, l));
                    if current.is_none() {
                        let line = step_line(&owner_page.src.text, n, key);
                        for p in &r.problems {
                            diags.push(
                                Diagnostic::error(
                                    "links",
                                    owner_page.src.file.clone(),
                                    format!("step {} `{key}`: {}", n + 1, p.message),
                                )
                                .at(line, 0, Some(&owner_page.src.text))
                                .with_hint(p.hint.clone()),
                            );
                        }
                    }
                    if site.config.trusted_html {
                        r.html
                    } else {
                        crate::sanitize::clean(&r.html)
                    }
                })
            };
            let what = inline("what", &s.what);
            let cannot = inline("cannot", &s.cannot);
            json!({
                "number": n + 1,
                "title": s.title,
                "who": s.who,
                "what": what,
                "cannot": cannot,
                "time_limit": s.time_limit,
                "url": target.map(|t| site.url(&site.pages[t].path)),
                "current": is_current,
            })
        })
        .collect();
    if current.is_some() && !found_current {
        return Value::Null;
    }
    json!({
        "title": owner_page.title(),
        "url": site.url(&owner_page.path),
        "items": steps,
        "on_route_page": current.is_none(),
    })
}

/// The 1-based line of step `n`'s `key:` in a page's front matter (0 when it cannot be found).
fn step_line(text: &str, n: usize, key: &str) -> usize {
    let mut steps = 0;
    let mut in_step = false;
    for (l, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("- title:") || t.starts_with("-   title:") {
            steps += 1;
            in_step = steps == n + 1;
        }
        if in_step && (t.starts_with(&format!("{key}:")) || t.starts_with(&format!("- {key}:"))) {
            return l + 1;
        }
    }
    0
}

/// sitemap.xml, robots.txt, 404.html, feed.xml, alias redirects and the highlighting stylesheet.
pub fn site_files(
    site: &Site,
    theme: &Theme,
    site_value: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut urls: Vec<&str> = site.pages.iter().map(|p| p.path.as_str()).collect();
    if theme.has_template("glossary.html") {
        urls.push(glossary::page::PATH);
    }
    urls.sort_unstable();
    urls.dedup();
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in &urls {
        sitemap.push_str("  <url><loc>");
        sitemap.push_str(&markdown::escape(&site.permalink(path)));
        sitemap.push_str("</loc>");
        let reviewed = site
            .find_path(path)
            .and_then(|i| site.pages[i].src.front.reviewed);
        if let Some(d) = reviewed {
            sitemap.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        sitemap.push_str("</url>\n");
    }
    sitemap.push_str("</urlset>\n");
    files.push(OutputFile::bytes("sitemap.xml", sitemap));
    files.push(OutputFile::bytes(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            site.permalink("/sitemap.xml")
        ),
    ));
    files.push(OutputFile::bytes("syntax.css", markdown::syntax_css()));
    files.push(OutputFile::bytes("feed.xml", feed(site)));

    let ctx = render::base_context(site_value, theme);
    if theme.has_template("404.html") {
        match theme.render("404.html", &ctx, std::path::Path::new("themes/404.html")) {
            Ok(html) => files.push(OutputFile::bytes("404.html", html)),
            Err(d) => diags.push(d),
        }
    }
    for page in &site.pages {
        for alias in &page.src.front.aliases {
            // Two spellings of one address are one address: compared (with every other output
            // path, in `check_output_paths`) only in their normal form.
            let Some(clean) = alias_file(alias) else {
                diags.push(
                    Diagnostic::error(
                        "aliases",
                        page.src.file.clone(),
                        format!("the alias `{alias}` climbs out of the site with `..`"),
                    )
                    .at(
                        page.src.front_matter_line("aliases", Some(alias)),
                        0,
                        Some(&page.src.text),
                    )
                    .with_hint(
                        "write the old address from the top of the site, e.g. `/old/sen-support/`",
                    ),
                );
                continue;
            };
            let target = markdown::escape(&site.url(&page.path));
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n",
                lang = markdown::escape(&site.config.language),
                title = markdown::escape(page.title()),
            );
            files.push(OutputFile::bytes(clean, html));
        }
    }
    files
}

/// The output file of an alias in its normal form (`complaints/./` → `complaints/index.html`);
/// `None` when it climbs out of the output folder.
pub fn alias_file(alias: &str) -> Option<String> {
    let path = crate::output::normal_path(alias)?;
    Some(if path.is_empty() {
        "index.html".into()
    } else {
        format!("{path}/index.html")
    })
}

/// An Atom feed of the most recently reviewed pages.
fn feed(site: &Site) -> String {
    let mut pages: Vec<&site::Page> = site
        .pages
        .iter()
        .filter(|p| p.src.front.reviewed.is_some() && p.school.is_none())
        .collect();
    pages.sort_by(|a, b| (b.src.front.reviewed, &a.path).cmp(&(a.src.front.reviewed, &b.path)));
    pages.truncate(30);
    let updated = pages
        .first()
        .and_then(|p| p.src.front.reviewed)
        .map(|d| d.to_string())
        .unwrap_or_else(|| "2000-01-01".into());
    let esc = markdown::escape;
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n",
        esc(&site.config.language),
        esc(&site.config.title),
        esc(&site.permalink("/")),
        esc(&site.permalink("/")),
    );
    for p in pages {
        let link = esc(&site.permalink(&p.path));
        let date = p
            .src
            .front
            .reviewed
            .map(|d| d.to_string())
            .unwrap_or_default();
        out.push_str(&format!(
            "<entry><title>{}</title><id>{link}</id><link href=\"{link}\"/><updated>{date}T00:00:00Z</updated><summary>{}</summary></entry>\n",
            esc(p.title()),
            esc(&p.src.front.description)
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// The theme's static files and the content's assets, copied as they are.
fn static_files(
    root: &std::path::Path,
    theme: &Theme,
    assets: &[(String, std::path::PathBuf)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let static_dir = theme.dir.join("static");
    if static_dir.is_dir() {
        let (found, walk_diags) = content::walk(root, &static_dir);
        diags.extend(walk_diags);
        for (rel, abs) in found {
            files.push(OutputFile::copy(rel, abs));
        }
    }
    for (rel, abs) in assets {
        files.push(OutputFile::copy(rel.clone(), abs.clone()));
    }
    files
}

/// Counts of what a build made, for the summary line.
pub fn page_count(build: &Build) -> usize {
    build.site.as_ref().map_or(0, |s| s.pages.len())
}

/// Looks up a heading list by page, for checks.
pub fn headings_of(build: &Build, i: usize) -> &[Heading] {
    &build.pages[i].rendered.headings
}

/// Map of page index by output path, used by the preview server.
pub fn index_files(build: &Build) -> HashMap<&str, usize> {
    build
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect()
}

/// The glossary as search synonyms: each entry's spellings find each other, and a superseded
/// term also finds the pages of the term that replaced it.
fn synonym_groups(glossary: &Glossary) -> Vec<crate::search::SynonymGroup> {
    glossary
        .entries
        .iter()
        .map(|e| crate::search::SynonymGroup {
            words: e.spellings().map(str::to_string).collect(),
            replaced_by: e.superseded_by.clone(),
        })
        .collect()
}
