//! How schools join a build: loads the school facts, makes the school pages (or one school's site in
//! single-school mode), and gives the pipeline what it asks for at each stage — addresses to
//! register, template values (`school`, `report`, `offer`), complaint-route contacts, checks, and
//! the extra files (filter pages, the old feed's pointer, parent packs).
//! (Over 400 lines: one `Schools` value answers every stage's question about schools; splitting
//! it by stage would spread the school list's private state over several files.)

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::config::{BuildOptions, SiteConfig};
use crate::load::content::SourcePage;
use crate::model::file::OutputFile;
use crate::model::links::{page_file, Generated, Links};
use crate::model::site::{Page, Site};
use crate::pipeline::school_list::SchoolList;
use crate::render::markdown::{self, Labels};
use crate::render::pack::Part;
use crate::render::school_pages::{self, PageOptions};
use crate::render::{self, Theme};
use crate::school::facts::School;
use crate::school::local_offer::{self, Filter};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use tera::Context;

/// The schools of this build.
#[derive(Default)]
pub struct Schools {
    /// The schools built (only the chosen one in single-school mode), sorted by slug.
    pub list: Vec<School>,
    /// `school` values, one per school.
    pub values: Vec<Value>,
    /// Single-school mode.
    pub single: bool,
    filters: Vec<Filter>,
    /// The list of schools' pages: the whole list, filter and A–Z pages, 50 schools a page.
    list_pages: SchoolList,
    /// The site has a `content/schools/` folder: the list, feed and filters are made.
    active: bool,
    /// The site's step-by-step route (a shared section with `steps`), found once.
    route: std::sync::OnceLock<Option<usize>>,
}

/// Loads the schools and adds their pages (and the Local Offer list) to `pages`. In single-school
/// mode the school's pages take the root, the site takes the school's name, and the shared home
/// page is left out.
pub fn prepare(
    opts: &BuildOptions,
    config: &mut SiteConfig,
    templates: &[SourcePage],
    theme: Option<&Theme>,
    pages: &mut Vec<Page>,
    diags: &mut Vec<Diagnostic>,
) -> Schools {
    let (mut list, problems) = crate::school::load(&opts.root);
    diags.extend(problems);
    let single = opts.school.is_some();
    if let Some(slug) = &opts.school {
        match list.iter().position(|s| &s.slug == slug) {
            Some(i) => list = vec![list.swap_remove(i)],
            None => {
                diags.push(unknown_school(slug, &list));
                return Schools::default();
            }
        }
        config.title = list[0].facts.name.clone();
        pages.retain(|p| p.path != "/");
    }
    if list.is_empty() && !opts.root.join("content/schools").is_dir() {
        return Schools::default();
    }
    let empty = BTreeMap::new();
    let words = theme.map_or(&empty, |t| &t.words);
    let values: Vec<Value> = list
        .iter()
        .map(|s| {
            let home = school_pages::page_path(&s.slug, "school-pages/_index.md", single);
            let prefix = config.path_prefix();
            let mut v = school_pages::school_value(
                s,
                &format!("{prefix}{home}"),
                &format!("{prefix}{}", crate::render::pack::pack_path(&home)),
                &prefix,
            );
            v["report_overdue"] = json!(crate::school::report::is_overdue(s, opts.today));
            v
        })
        .collect();
    let site_value = json!({
        "title": config.title,
        "description": config.description,
        "base_url": config.base(),
        "publisher": config.publisher,
        "local_authority": config.local_authority,
        "sendiass": config.sendiass,
        "extra": config.extra,
    });
    let page_opts = PageOptions {
        single,
        school_template: theme.is_some_and(|t| t.has_template("school.html")),
        site: &site_value,
        words,
    };
    let (made, problems) = school_pages::make(templates, &list, &values, &page_opts);
    diags.extend(problems);
    pages.extend(made);
    match school_pages::list_page(&opts.root, words, single) {
        Ok(p) => pages.push(p),
        Err(d) => diags.push(d),
    }
    for s in &list {
        diags.extend(crate::school::values::check_logo(s, &opts.root));
    }
    for s in list.iter().filter(|s| RESERVED.contains(&s.slug.as_str())) {
        diags.push(
            Diagnostic::error(
                Code::School,
                &s.file,
                format!("a school cannot be called `{}`: /schools/{}/ holds pages of the list of schools", s.slug, s.slug),
            )
            .with_hint("rename the file, e.g. add the town: page-northbridge.yaml"),
        );
    }
    let filters = local_offer::filters(&list);
    let list_pages = SchoolList::new(
        &list,
        &values,
        &filters,
        theme,
        &config.path_prefix(),
        diags,
    );
    Schools {
        list,
        values,
        single,
        filters,
        list_pages,
        active: true,
        route: std::sync::OnceLock::new(),
    }
}

/// School names (file names) the list of schools' own pages use: `/schools/page/2/`,
/// `/schools/a-z/o/`, and the filter pages.
const RESERVED: [&str; 5] = ["page", "a-z", "phase", "area", "need"];

fn unknown_school(slug: &str, list: &[School]) -> Diagnostic {
    let known: Vec<&str> = list.iter().map(|s| s.slug.as_str()).collect();
    Diagnostic::error(
        Code::School,
        format!("content/schools/{slug}.yaml"),
        format!("there is no school `{slug}`"),
    )
    .with_hint(if known.is_empty() {
        "add the school's facts as content/schools/<slug>.yaml".to_string()
    } else {
        format!(
            "use one of the schools in content/schools/: {}",
            known.join(", ")
        )
    })
}

impl Schools {
    fn index(&self, slug: &str) -> Option<usize> {
        self.list
            .binary_search_by(|s| s.slug.as_str().cmp(slug))
            .ok()
    }

    /// The school whose facts page `i` shows: its own, or the only one on a single-school site.
    pub fn of_page(&self, site: &Site, i: usize) -> Option<usize> {
        match &site.pages[i].school {
            Some(slug) => self.index(slug),
            None if self.single && !self.list.is_empty() => Some(0),
            None => None,
        }
    }

    fn home_path(&self, i: usize) -> String {
        school_pages::page_path(&self.list[i].slug, "school-pages/_index.md", self.single)
    }

    /// Registers the filter pages, the feed and the packs so content links to them resolve.
    pub fn register(&self, generated: &mut Generated) {
        if !self.active {
            return;
        }
        generated.insert("/schools/feed.json".into(), HashSet::new());
        self.list_pages.register(&self.filters, generated);
        for i in 0..self.list.len() {
            generated.insert(
                crate::render::pack::pack_path(&self.home_path(i)),
                HashSet::new(),
            );
        }
    }

    /// The list of schools' pages besides `/schools/` (later pages, filter pages, A–Z pages),
    /// for the sitemap.
    pub fn list_paths(&self, site: &Site) -> Vec<String> {
        if !self.active || site.find_path(crate::render::school_list::PATH).is_none() {
            return Vec::new();
        }
        self.list_pages.lists.paths(&self.filters)
    }

    /// The brand of a single-school site, as `site.brand`.
    pub fn brand(&self, site: &Site, site_value: &mut Value) {
        let (true, Some(s)) = (self.single, self.list.first()) else {
            return;
        };
        let b = s.facts.branding.clone().unwrap_or_default();
        if let Some(obj) = site_value.as_object_mut() {
            obj.insert(
                "brand".into(),
                json!({
                    "name": s.facts.name,
                    "logo": b.logo.map(|l| site.url(&format!("/{}", l.trim_start_matches('/')))),
                    "accent": b.accent.filter(|a| crate::school::values::parse_colour(a).is_some()),
                }),
            );
        }
    }

    /// Adds `school`, and `report` (SEN information report) or `offer` (the list), to a page's context.
    /// Only names in [`render::PER_PAGE`] may be added: the page pass takes exactly those out again.
    pub fn extend_context(
        &self,
        site: &Site,
        i: usize,
        ctx: &mut Context,
        labels: &Labels,
        links: &Links,
    ) {
        let page = &site.pages[i];
        if page.path == "/schools/" && page.school.is_none() {
            ctx.insert(
                "offer",
                &self.list_pages.first_page(site, &self.list, &self.filters),
            );
        }
        let Some(si) = self.of_page(site, i) else {
            return;
        };
        let mut value = self.values[si].clone();
        if page.path == self.home_path(si) {
            value["pages"] = json!(self.pages_of(site, i));
        }
        ctx.insert("school", &value);
        if page.src.front.template.as_deref() == Some("sen-report.html") {
            let trusted = site.config.trusted_html;
            let report = crate::school::report::items_value(&self.list[si], |_, md| {
                let r = markdown::render(crate::load::markdown::parse(md), labels, |t| {
                    links.resolve(i, t)
                });
                if trusted {
                    r.html
                } else {
                    crate::render::sanitize::clean(&r.html)
                }
            });
            ctx.insert("report", &report);
        }
    }

    /// A school's own pages directly under its home, in the model's order.
    fn pages_of(&self, site: &Site, home: usize) -> Vec<render::Card> {
        let slug = site.pages[home].school.as_deref();
        let p = &site.pages[home];
        p.subsections
            .iter()
            .chain(&p.pages)
            .filter(|&&j| site.pages[j].school.as_deref() == slug)
            .map(|&j| render::card(site, j))
            .collect()
    }

    /// For a school's `raising-a-concern` page (or one using `steps.html`) without steps of its
    /// own: the site's step-by-step route it should show.
    pub fn route_owner(&self, site: &Site, i: usize) -> Option<usize> {
        let page = &site.pages[i];
        page.school.as_ref()?;
        let stem = page.src.source.rsplit('/').next().unwrap_or("");
        let wants = stem == "raising-a-concern.md"
            || page.src.front.template.as_deref() == Some("steps.html");
        let has_own = !page.src.front.steps.is_empty()
            || page
                .parent
                .is_some_and(|p| !site.pages[p].src.front.steps.is_empty());
        if !wants || has_own {
            return None;
        }
        *self.route.get_or_init(|| {
            site.pages
                .iter()
                .position(|p| p.school.is_none() && p.is_section() && !p.src.front.steps.is_empty())
        })
    }

    /// Adds this school's people (and the council) to the steps of a route shown on page `i`.
    pub fn with_contacts(&self, site: &Site, i: usize, mut steps: Value) -> Value {
        let Some(si) = self.of_page(site, i) else {
            return steps;
        };
        let owner = self.route_owner(site, i).or_else(|| {
            let p = &site.pages[i];
            if !p.src.front.steps.is_empty() {
                Some(i)
            } else {
                p.parent
                    .filter(|&q| !site.pages[q].src.front.steps.is_empty())
            }
        });
        let (Some(owner), Some(items)) =
            (owner, steps.get_mut("items").and_then(Value::as_array_mut))
        else {
            return steps;
        };
        let defs = &site.pages[owner].src.front.steps;
        for (item, def) in items.iter_mut().zip(defs) {
            if let Some(c) = crate::school::route::contact(def, &self.list[si], &site.config) {
                item["contact"] = c;
            }
        }
        steps
    }

    /// The SEN information report check, link problems in report answers, and the pack's pages.
    pub fn check(&self, site: &Site, links: &Links, labels: &Labels) -> Vec<Diagnostic> {
        let sendiass = site.config.sendiass.as_ref().map(|s| s.name.as_str());
        let mut out = crate::school::report::check(
            &self.list,
            sendiass,
            site.options.today,
            site.config
                .overdue_sen_reports
                .warns(site.options.school.is_none() && self.list.len() > 1),
        );
        let reports: BTreeMap<&str, usize> = (0..site.pages.len())
            .filter(|&j| site.pages[j].src.front.template.as_deref() == Some("sen-report.html"))
            .filter_map(|j| Some((site.pages[j].school.as_deref()?, j)))
            .collect();
        for s in &self.list {
            if let Some(&j) = reports.get(s.slug.as_str()) {
                for item in crate::school::items::ITEMS {
                    let Some(md) = crate::school::report::answer(s, item) else {
                        continue;
                    };
                    let r = markdown::render(crate::load::markdown::parse(md), labels, |t| {
                        links.resolve(j, t)
                    });
                    for p in r.problems {
                        out.push(
                            s.problem(Code::Links, &format!("report.{}", item.key), p.message)
                                .with_hint(p.hint),
                        );
                    }
                }
            }
        }
        if let Some(first) = self.list.first() {
            out.extend(crate::render::pack::parts(site, &first.slug).1);
        }
        out
    }

    /// The pages each school's pack prints, in the order of [`Schools::list`].
    pub fn pack_pages(&self, site: &Site) -> Vec<Vec<usize>> {
        if !self.active {
            return Vec::new();
        }
        self.list
            .iter()
            .map(|s| crate::render::pack::parts(site, &s.slug).0)
            .collect()
    }

    /// The filter pages, the old feed's pointer and every school's pack (`packs`: each school's parts, as
    /// [`Schools::pack_pages`] lists them, rendered for the pack).
    pub fn files(
        &self,
        site: &Site,
        theme: &Theme,
        site_value: &Value,
        packs: &[Vec<Part>],
        glossary: &crate::glossary::Glossary,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<OutputFile> {
        let mut files = Vec::new();
        if !self.active {
            return files;
        }
        files.push(OutputFile::bytes(
            "schools/feed.json",
            local_offer::feed_pointer(site, &site.config.oruk_path),
        ));
        if let Some(lp) = site.find_path(crate::render::school_list::PATH) {
            files.extend(self.list_pages.files(
                site,
                theme,
                site_value,
                lp,
                &self.list,
                &self.values,
                &self.filters,
                diags,
            ));
        }
        if theme.has_template("pack.html") {
            for (si, parts) in packs.iter().enumerate() {
                match self.pack_file(site, theme, site_value, parts, glossary, si) {
                    Ok(f) => files.push(f),
                    Err(d) => diags.push(d),
                }
            }
        }
        files
    }

    fn pack_file(
        &self,
        site: &Site,
        theme: &Theme,
        site_value: &Value,
        parts: &[Part],
        glossary: &crate::glossary::Glossary,
        si: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let glossary = crate::render::pack::glossary_terms(glossary, parts);
        let path = crate::render::pack::pack_path(&self.home_path(si));
        let mut ctx = render::base_context(site_value, theme);
        let name = &self.list[si].facts.name;
        let title = format!(
            "{} – {name}",
            theme
                .words
                .get("pack_title")
                .map_or("Parent information pack", String::as_str)
        );
        let home = site.find_path(&self.home_path(si));
        ctx.insert(
            "page",
            &json!({
                "title": title,
                "description": format!("{title}: contacts, and the guides parents most often need, on one printable page."),
                "url": site.url(&path),
                "path": path,
                "breadcrumbs": home.map(|h| vec![render::card(site, h)]).unwrap_or_default(),
            }),
        );
        ctx.insert("school", &self.values[si]);
        let mut pack =
            crate::render::pack::pack_value(site, parts, &glossary, &self.list[si].facts.name);
        // A part that is a step-by-step route (the complaints steps) lists its steps with this
        // school's people at theirs: the SENCO, the headteacher, the chair of governors.
        if let Some(items) = pack["parts"].as_array_mut() {
            for (item, part) in items.iter_mut().zip(parts) {
                let steps = &site.pages[part.page].src.front.steps;
                if steps.is_empty() {
                    continue;
                }
                let list: Vec<Value> = steps
                    .iter()
                    .map(|s| {
                        json!({
                            "title": s.title,
                            "who": s.who,
                            "what": s.what,
                            "time_limit": s.time_limit,
                            "contact": crate::school::route::contact(s, &self.list[si], &site.config),
                        })
                    })
                    .collect();
                item["steps"] = json!(list);
            }
        }
        ctx.insert("pack", &pack);
        let html = theme.render("pack.html", &ctx, &self.list[si].file)?;
        let html = crate::render::pack_print::addresses_once(&html);
        Ok(OutputFile::bytes(page_file(&path), html))
    }
}

/// How many schools a build made pages for, for the summary line.
pub fn count(build: &crate::Build) -> usize {
    build.site.as_ref().map_or(0, |site| {
        let slugs: HashSet<&str> = site
            .pages
            .iter()
            .filter_map(|p| p.school.as_deref())
            .collect();
        slugs.len()
    })
}

/// " (12 schools)" for the summary line, or nothing.
pub fn summary(build: &crate::Build) -> String {
    match count(build) {
        0 => String::new(),
        1 => " (1 school)".into(),
        n => format!(" ({} schools)", crate::format::thousands(n)),
    }
}

/// One line per school for `senpack check`: whether its SEN information report is complete.
pub fn report_lines(build: &crate::Build) -> Vec<String> {
    let Some(site) = &build.site else {
        return Vec::new();
    };
    let slugs: std::collections::BTreeSet<&str> = site
        .pages
        .iter()
        .filter_map(|p| p.school.as_deref())
        .collect();
    slugs
        .into_iter()
        .map(|slug| {
            let file = std::path::PathBuf::from(format!("content/schools/{slug}.yaml"));
            let n = build
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::SenReport && d.file == file)
                .count();
            match n {
                0 => format!(
                    "  {slug}: SEN information report complete and reviewed in the last 12 months"
                ),
                1 => format!("  {slug}: 1 problem in the SEN information report"),
                n => format!("  {slug}: {n} problems in the SEN information report"),
            }
        })
        .collect()
}
