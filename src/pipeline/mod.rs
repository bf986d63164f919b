//! The build pipeline, stage by stage: load settings and content → the immutable [`Site`] model →
//! parse Markdown → render bodies (links resolved; each body read for the search index as it
//! goes) → render templates → the list of output files. [`build()`] writes nothing to disk: the
//! preview server or `output::write` takes the files. [`build_into`] hands pages and search files
//! to an output staging folder as they are made, so `senpack build` never holds a whole site.
//! (Over 400 lines: the stages in order, each a function under 80 lines, so the order of a build
//! reads top to bottom in one file.)

mod build;
pub mod duties;
pub mod page;
mod paths;
pub mod progress;
pub mod school_list;
pub mod schools;
pub mod search;
pub mod services;

pub use build::Build;
use build::Timer;
use paths::check_output_paths;

use crate::diagnostics::Code;
use crate::diagnostics::{self, Diagnostic};
use crate::glossary::Glossary;
use crate::load::config::{BuildOptions, SiteConfig};
use crate::load::content;
use crate::model::links::{Generated, Links};
use crate::model::site::{self, Site};
use crate::output::sink::{lock, Sink};
use crate::output::site_files::{self};
use crate::output::Staging;
use crate::readability::Figures;
use crate::render::body::PageOutput;
use crate::render::markdown::Rendered;
use crate::render::pack::{Part, PartMarkup};
use crate::render::{glossary_page, Theme};
use crate::search::PageWords;
use page::{link_diagnostics, PagePass, PageRenderer, RenderSetup};
pub use progress::{Progress, Unwatched};
use rayon::prelude::*;
use schools::Schools;
use serde_json::Value;
use services::Services;
use std::collections::{BTreeMap, HashSet};

/// Runs the whole pipeline in memory. Always returns; problems are in `diagnostics`.
pub fn build(opts: &BuildOptions) -> Build {
    run(opts, &Sink::default(), &Unwatched)
}

/// Runs the whole pipeline, writing pages and search files into `staging` as they are made
/// instead of holding them (what `senpack build` does: a big site then needs far less memory).
/// The caller commits the staging folder only when the build has no errors.
pub fn build_into(opts: &BuildOptions, staging: &Staging) -> Build {
    run(opts, &Sink::to(staging), &Unwatched)
}

/// [`build_into`], telling `progress` how far it has got (the command line's progress bar).
pub fn build_into_watched(
    opts: &BuildOptions,
    staging: &Staging,
    progress: &dyn Progress,
) -> Build {
    run(opts, &Sink::to(staging), progress)
}

fn run(opts: &BuildOptions, sink: &Sink, progress: &dyn Progress) -> Build {
    let mut timer = Timer::new();
    let mut diags = Vec::new();
    let Some(loaded) = load(opts, &mut diags) else {
        return Build::failed(diags, timer.stages);
    };
    timer.lap("load");

    let model = Model::new(opts, loaded, &mut diags);
    // Links and images may point at content files and at the theme's static files (the Easy
    // Read pictures, `/easy-read/school.svg`).
    let asset_paths: HashSet<&str> = model
        .assets
        .iter()
        .map(|(p, _)| p.as_str())
        .chain(model.theme_files.iter().map(String::as_str))
        .collect();
    timer.lap("model");

    // One pass per page: parse, then render with links resolved. Anchors (`page.md#id`) are
    // checked afterwards, once every page's headings are known, so no page keeps its parsed
    // events while the others are rendered.
    let setup = RenderSetup::new(
        &model.site,
        &model.glossary,
        model.theme.as_ref(),
        &mut diags,
    );
    let unchecked = model.links(&[], &asset_paths);
    let body_renderer = setup.renderer(&model.site, &unchecked, &model.schools, &model.services);
    progress.stage(progress::BODIES, model.site.pages.len());
    let (mut rendered, figures, search_read) = body_pass(&body_renderer, sink, progress);
    let anchors: Vec<HashSet<String>> = rendered
        .iter()
        .map(|r| r.headings.iter().map(|h| h.id.clone()).collect())
        .collect();
    let links = model.links(&anchors, &asset_paths);
    let renderer = PageRenderer {
        links: &links,
        ..body_renderer
    };
    check_bodies(&renderer, &model, &anchors, &mut rendered, &mut diags);
    timer.lap("markdown");

    let site_value = model.theme.as_ref().map(|theme| {
        progress.stage(progress::TEMPLATES, model.site.pages.len());
        page_pass(&renderer, theme, &mut rendered, sink, progress, &mut diags)
    });
    let packs = model
        .theme
        .as_ref()
        .map_or_else(Vec::new, |t| pack_parts(&renderer, t));
    timer.lap("templates");

    let pages = rendered
        .into_iter()
        .zip(figures)
        .map(|(rendered, readability)| PageOutput {
            rendered,
            readability,
        })
        .collect();
    progress.stage(progress::EXTRAS, 0);
    let mut build = extras(
        opts,
        model,
        pages,
        &anchors,
        site_value,
        &packs,
        search_read,
        sink,
        diags,
    );
    timer.lap("extras+search+checks");
    progress.finish();
    build.timings = timer.stages;
    build
}

/// What the load stage read from disk.
struct Loaded {
    config: SiteConfig,
    content: content::LoadedContent,
    glossary: Glossary,
    theme: Option<Theme>,
}

/// Reads `site.yaml`, the content, the glossary and the theme; `None` when there is no usable
/// `site.yaml` (the reason is in `diags`).
fn load(opts: &BuildOptions, diags: &mut Vec<Diagnostic>) -> Option<Loaded> {
    let mut config = match SiteConfig::load(&opts.root) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if let Some(base) = &opts.base_url {
        config.base_url = base.clone();
    }
    let mut content = content::load(&opts.root, opts.drafts);
    diags.append(&mut content.diagnostics);
    let (mut glossary, glossary_diags) = Glossary::load(&opts.root);
    diags.extend(glossary_diags);
    for code in config.language_codes() {
        if let Some((g, d)) = crate::glossary::translation::load(&opts.root, code, &glossary) {
            diags.extend(d);
            glossary.translations.insert(code.to_string(), g);
        }
    }
    let theme = match Theme::load(&opts.root, &config) {
        Ok(t) => {
            diags.extend(t.warnings.iter().cloned());
            Some(t)
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    Some(Loaded {
        config,
        content,
        glossary,
        theme,
    })
}

/// The model stage's result: the immutable site with its schools, and every address the build
/// makes besides content pages.
struct Model {
    site: Site,
    schools: Schools,
    services: Services,
    duties: duties::Duties,
    generated: Generated,
    assets: Vec<(String, std::path::PathBuf)>,
    /// The theme's static files, by their address inside the site (`easy-read/school.svg`).
    theme_files: Vec<String>,
    glossary: Glossary,
    theme: Option<Theme>,
}

impl Model {
    fn new(opts: &BuildOptions, loaded: Loaded, diags: &mut Vec<Diagnostic>) -> Model {
        let Loaded {
            mut config,
            content,
            glossary,
            theme,
        } = loaded;
        let sources = crate::model::variants::prepare(content.pages, &config, diags);
        let mut pages = site::shared_pages(sources);
        let schools = schools::prepare(
            opts,
            &mut config,
            &content.school_pages,
            theme.as_ref(),
            &mut pages,
            diags,
        );
        let mut services = services::prepare(opts, diags);
        services.add_pages(&config, theme.as_ref(), &mut pages, diags);
        let duties = duties::prepare(opts, diags);
        let empty = BTreeMap::new();
        duties.add_pages(
            opts.today,
            theme.as_ref().map_or(&empty, |t| &t.words),
            &services.list,
            &mut pages,
        );
        diags.extend(duties.check(&services.list, &services.hidden));
        let (site, model_diags) = Site::new(config, opts.clone(), pages);
        diags.extend(model_diags);
        if site.home().is_none() {
            diags.push(
                Diagnostic::error(
                    Code::Content,
                    "content/_index.md",
                    "the site has no home page",
                )
                .with_hint("add content/_index.md with a title and description"),
            );
        }
        let mut generated: Generated = BTreeMap::new();
        generated.insert("/404.html".into(), HashSet::new());
        generated.insert(
            glossary_page::PATH.into(),
            glossary_page::anchors(&glossary),
        );
        for (code, g) in &glossary.translations {
            generated.insert(
                glossary_page::path_in(Some(code)),
                glossary_page::anchors(g),
            );
        }
        schools.register(&mut generated);
        services.register(&mut generated);
        duties.register(&mut generated);
        services::register_feed(&site, &mut generated);
        if site.config.search {
            crate::search::register(&site, &mut generated);
        }
        diags.extend(nav_problems(&site, &generated));
        let theme_files = theme
            .as_ref()
            .map(|t| {
                crate::load::files::walk(&opts.root, &t.dir.join("static"))
                    .0
                    .into_iter()
                    .map(|(rel, _)| rel)
                    .collect()
            })
            .unwrap_or_default();
        Model {
            site,
            schools,
            services,
            duties,
            generated,
            theme_files,
            assets: content.assets,
            glossary,
            theme,
        }
    }

    /// Links resolved against this model; `anchors` empty while headings are not known yet.
    fn links<'a>(
        &'a self,
        anchors: &'a [HashSet<String>],
        assets: &'a HashSet<&'a str>,
    ) -> Links<'a> {
        Links {
            site: &self.site,
            anchors,
            generated: &self.generated,
            assets,
        }
    }
}

/// The words read for each search index: one per language (the site's own first, then each
/// variant's), with the reader that finishes it.
type SearchRead = Vec<(crate::search::Reader, Vec<PageWords>)>;

/// Every page's body, in parallel, a search excerpt group of pages at a time: each body is read
/// for its language's search index as it is rendered (the group's excerpt file is written and
/// its words numbered; the text is not kept). Returns bodies, readability figures (in page
/// order) and the words read for each index.
fn body_pass(
    renderer: &PageRenderer,
    sink: &Sink,
    progress: &dyn Progress,
) -> (Vec<Rendered>, Vec<Figures>, Option<SearchRead>) {
    let site = renderer.site;
    let search_on = site.config.search;
    let put = |f| sink.sink(f);
    // Pages by language: the site's own, then each variant's (its own index, its own numbers).
    let mut lists: Vec<(Option<&str>, Vec<usize>)> = vec![(None, Vec::new())];
    for v in site.variants() {
        lists.push((Some(v), Vec::new()));
    }
    for (i, p) in site.pages.iter().enumerate() {
        let v = p.variant();
        if let Some(l) = lists.iter_mut().find(|(lv, _)| *lv == v) {
            l.1.push(i);
        }
    }
    let readers: Vec<crate::search::Reader> = lists
        .iter()
        .map(|(v, _)| crate::search::Reader::for_variant(site, *v))
        .collect();
    let tasks: Vec<(usize, usize, &[usize])> = lists
        .iter()
        .enumerate()
        .flat_map(|(l, (_, ids))| {
            ids.chunks(crate::search::EXCERPT_GROUP)
                .enumerate()
                .map(move |(n, chunk)| (l, n * crate::search::EXCERPT_GROUP, chunk))
        })
        .collect();
    type Read = (Vec<(usize, Rendered, Figures)>, Vec<PageWords>);
    let read: Vec<(usize, Read)> = tasks
        .par_iter()
        .map(|&(l, first, chunk)| {
            let mut bodies = Vec::with_capacity(chunk.len());
            let mut docs = Vec::new();
            for &i in chunk {
                let (r, f, sections) = renderer.body_and_sections(i, search_on);
                if let Some(sections) = sections {
                    docs.push(crate::search::page_doc(site, i, sections));
                }
                bodies.push((i, r, f));
            }
            let words = if search_on {
                readers[l].group(first, &docs, &put)
            } else {
                Vec::new()
            };
            progress.advance(chunk.len());
            (l, (bodies, words))
        })
        .collect();
    let n = site.pages.len();
    let mut rendered: Vec<Option<(Rendered, Figures)>> = (0..n).map(|_| None).collect();
    let mut words: Vec<Vec<PageWords>> = lists.iter().map(|_| Vec::new()).collect();
    for (l, (bodies, w)) in read {
        for (i, r, f) in bodies {
            rendered[i] = Some((r, f));
        }
        words[l].extend(w);
    }
    let (rendered, figures): (Vec<Rendered>, Vec<Figures>) = rendered
        .into_iter()
        .map(|x| x.expect("every page is in one language's list"))
        .unzip();
    let search_read = search_on.then(|| readers.into_iter().zip(words).collect());
    (rendered, figures, search_read)
}

/// Once every page's headings are known: anchors of `page.md#id` links, glossary `see:`
/// targets, every broken link as a diagnostic at its line, and the schools' own links.
fn check_bodies(
    renderer: &PageRenderer,
    model: &Model,
    anchors: &[HashSet<String>],
    rendered: &mut [Rendered],
    diags: &mut Vec<Diagnostic>,
) {
    let site = &model.site;
    rendered
        .par_iter_mut()
        .enumerate()
        .for_each(|(i, r)| renderer.check_anchors(i, r));
    let see_url = |see: &str| glossary_page::resolve_see(see, site, anchors);
    diags.extend(model.glossary.check_see(see_url));
    for (i, r) in rendered.iter().enumerate() {
        diags.extend(link_diagnostics(site, i, r));
    }
    diags.extend(model.schools.check(site, renderer.links, renderer.labels));
}

/// Every page through its template, in parallel (one Tera context per thread, reused; each
/// page's variables moved in and out), into the sink. Returns the `site` value templates saw.
fn page_pass(
    renderer: &PageRenderer,
    theme: &Theme,
    rendered: &mut [Rendered],
    sink: &Sink,
    progress: &dyn Progress,
    diags: &mut Vec<Diagnostic>,
) -> page::ByVariant<Value> {
    let pass = PagePass::new(renderer, theme, diags);
    let all: Vec<usize> = (0..renderer.site.pages.len()).collect();
    // Bodies are kept in memory (the preview server keeps them), not when pages stream to disk.
    let keep = !sink.streams();
    // Regulation 57: on a Local Offer site every page links the accessibility statement.
    let statement = renderer
        .site
        .config
        .local_offer
        .as_ref()
        .and_then(|_| crate::render::duties_view(renderer.site).accessibility_url)
        .map(|url| format!("href=\"{url}\""));
    let unlinked = std::sync::Mutex::new(Vec::new());
    pass.run(&all, rendered, diags, |i, r, out| {
        if let (Some(href), Ok(f)) = (&statement, &out) {
            let has = match &f.contents {
                crate::model::file::Contents::Bytes(b) => {
                    memchr::memmem::find(b, href.as_bytes()).is_some()
                }
                crate::model::file::Contents::Copy(_) => true,
            };
            if !has {
                lock(&unlinked).push(i);
            }
        }
        match out {
            Ok(f) => sink.sink(f),
            Err(d) => sink.error(d),
        }
        if !keep {
            r.html = String::new();
        }
        progress.advance(1);
    });
    release_free_memory();
    let mut unlinked = unlinked.into_inner().unwrap_or_default();
    unlinked.sort_unstable();
    for i in unlinked {
        let p = &renderer.site.pages[i];
        diags.push(
            Diagnostic::warning(
                Code::LocalOffer,
                p.src.file.clone(),
                format!("the page {} does not link the accessibility statement", p.path),
            )
            .with_hint("every page of a Local Offer must link its accessibility statement (SEND Regulations 2014, regulation 57): keep the theme's footer, or add the link to this page's template"),
        );
    }
    pass.site_values()
}

/// Every school's pack parts, rendered for the pack (see [`PageRenderer::pack_part`]), in the
/// order of the schools' list; none when the theme has no `pack.html`.
fn pack_parts(renderer: &PageRenderer, theme: &Theme) -> Vec<Vec<Part>> {
    if !theme.has_template("pack.html") {
        return Vec::new();
    }
    let site = renderer.site;
    renderer
        .schools
        .pack_pages(site)
        .par_iter()
        .map(|pages| {
            pages
                .iter()
                .enumerate()
                .map(|(n, &page)| Part {
                    page,
                    html: renderer.pack_part(page, &PartMarkup::new(&site.config, n)),
                })
                .collect()
        })
        .collect()
}

/// The last stage: the search index is finished while the other files (school lists and packs,
/// the glossary page, site files, static copies) are made and the checks run, since the index
/// only needs the words the body pass read. Returns the finished build.
#[allow(clippy::too_many_arguments)]
fn extras(
    opts: &BuildOptions,
    model: Model,
    pages: Vec<PageOutput>,
    anchors: &[HashSet<String>],
    site_values: Option<page::ByVariant<Value>>,
    packs: &[Vec<Part>],
    search_read: Option<SearchRead>,
    sink: &Sink,
    mut diags: Vec<Diagnostic>,
) -> Build {
    let Model {
        site,
        schools,
        services,
        duties,
        assets,
        glossary,
        theme,
        ..
    } = model;
    let groups = search::synonym_groups(&glossary);
    let site_value = site_values.as_ref().and_then(|m| m.get(&None));
    let with_theme = theme.as_ref().zip(site_value);
    // The glossary's entries are results in the site's own language's index.
    let words = match (&theme, &search_read) {
        (Some(t), Some(_)) => search::glossary_words(&site, &glossary, t),
        _ => Vec::new(),
    };
    // Each search page's A–Z list (the no-JavaScript way in): its language's pages, and the
    // glossary's words on the site's own language's page.
    let azs: Vec<Vec<crate::search::Letter>> = site_values
        .iter()
        .flatten()
        .map(|(variant, _)| {
            let extra = if variant.is_none() {
                words.as_slice()
            } else {
                &[]
            };
            crate::search::site_az(&site, variant.as_deref(), extra)
        })
        .collect();
    let put = |f| sink.sink(f);
    let (search_diags, (mut build, check_diags)) = rayon::join(
        || {
            let mut found = Vec::new();
            if let Some(read) = search_read {
                read.into_par_iter()
                    .enumerate()
                    .for_each(|(n, (reader, pages))| {
                        let extra = if n == 0 { words.as_slice() } else { &[] };
                        reader.finish(pages, extra, &groups, &put)
                    });
                for ((variant, value), az) in site_values.iter().flatten().zip(&azs) {
                    let with = theme.as_ref().map(|t| (t, value));
                    crate::search::search_page(with, variant.as_deref(), az, &put, &mut found);
                }
            }
            found
        },
        || {
            let mut files = Vec::new();
            if let Some((theme, site_value)) = with_theme {
                let see_url = |see: &str| glossary_page::resolve_see(see, &site, anchors);
                let listed = schools.list_paths(&site);
                files.extend(site_files::site_files(
                    &site, theme, site_value, &listed, &mut diags,
                ));
                files.extend(schools.files(&site, theme, site_value, packs, &glossary, &mut diags));
                files.extend(services.files(&site, theme, site_value, &mut diags));
                files.extend(services::feed_files(&site, &services, &schools, &duties));
                files.extend(duties.files(&site));
                files.extend(site_files::static_files(
                    &opts.root, theme, &assets, &mut diags,
                ));
                if theme.has_template("glossary.html") {
                    match glossary_page::render(&glossary, &site, theme, site_value, see_url) {
                        Ok(f) => files.push(f),
                        Err(d) => diags.push(d),
                    }
                    // Each language's glossary page, in its interface words.
                    for (code, g) in &glossary.translations {
                        let value = site_values
                            .as_ref()
                            .and_then(|m| m.get(&Some(code.clone())));
                        let Some(value) = value else { continue };
                        match glossary_page::render_in(g, Some(code), &site, theme, value, see_url)
                        {
                            Ok(f) => files.push(f),
                            Err(d) => diags.push(d),
                        }
                    }
                }
            }
            let build = Build {
                site: Some(site),
                pages,
                files,
                streamed: Vec::new(),
                diagnostics: diags,
                timings: Vec::new(),
                glossary,
                schools,
                services,
                duties,
            };
            let checks = build
                .check_input()
                .map(|input| crate::checks::run(&input))
                .unwrap_or_default();
            (build, checks)
        },
    );
    build.diagnostics.extend(search_diags);
    build.diagnostics.extend(check_diags);
    sink.take(&mut build.files, &mut build.diagnostics);
    build.streamed = std::mem::take(&mut *lock(&sink.streamed));
    build.streamed.sort_unstable();
    check_output_paths(&mut build);
    diagnostics::sort(&mut build.diagnostics);
    build.diagnostics.dedup();
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

/// Counts of what a build made, for the summary line.
pub fn page_count(build: &Build) -> usize {
    build.site.as_ref().map_or(0, |s| s.pages.len())
}

/// The header's links that lead nowhere: a `nav:` page that does not exist, or a `url` that is
/// no page's or generated file's address.
fn nav_problems(site: &Site, generated: &Generated) -> Vec<Diagnostic> {
    let (_, mut diags) = crate::render::nav(site);
    for (n, entry) in site.config.nav.iter().flatten().enumerate() {
        let crate::load::config::NavEntry::Link(link) = entry else {
            continue;
        };
        let Some(url) = &link.url else { continue };
        let path = url.split(['#', '?']).next().unwrap_or(url);
        if site.find_path(path).is_none() && !generated.contains_key(path) {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    "site.yaml",
                    format!("the nav link `{}` goes to `{url}`, which is no page of this site", link.label),
                )
                .at(site.config.line_of(&format!("nav[{n}]")), 0, Some(&site.config.text))
                .with_hint("use an address the site makes, such as `/schools/`, `/services/`, `/glossary/` or `/search/`, or `page:` with a path inside content/"),
            );
        }
    }
    diags
}
