//! How services join a build: loads the service files, leaves out those outside their
//! `visible_from`/`visible_to` dates, and gives the pipeline what it asks for at each stage —
//! addresses to register, pages (the directory and one page per service) and the extra files
//! (filter pages, the Open Referral UK feed).

use crate::diagnostics::Diagnostic;
use crate::load::config::{BuildOptions, SiteConfig};
use crate::model::file::OutputFile;
use crate::model::links::{page_file, Generated, Links};
use crate::model::site::{Page, Site};
use crate::pipeline::schools::Schools;
use crate::render::listing;
use crate::render::markdown::{self, Labels};
use crate::render::services::{self, Filter, ListPage, Listings};
use crate::render::shortlist;
use crate::render::{self, sanitize, Theme};
use crate::services::Service;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use tera::Context;

/// The theme's card template, rendered once per service for every listing page.
const CARD_TEMPLATE: &str = "partials/service-card.html";

/// The services of one build.
#[derive(Debug, Default)]
pub struct Services {
    /// Services shown on the site, in file order.
    pub list: Vec<Service>,
    /// Services left out today (before `visible_from` or after `visible_to`), in file order.
    pub hidden: Vec<Service>,
    /// The directory's pages: set by [`Services::add_pages`].
    pages: Directory,
    /// The postcode-district table (`content/data/postcodes.csv`), for "near me".
    pub postcodes: Vec<crate::services::postcodes::District>,
}

/// What the directory's pages need from build to build stage (see [`Services::add_pages`]).
#[derive(Debug, Default)]
struct Directory {
    /// The site has services (or a `/services/` page): the directory and its filters are made.
    active: bool,
    /// `service` values, one per service of [`Services::list`].
    values: Vec<Value>,
    /// Indexes of [`Services::list`] in the directory's order (by name).
    order: Vec<usize>,
    /// Every filter some service matches.
    filters: Vec<Filter>,
    /// Each service's index in [`Services::list`] by slug.
    by_slug: HashMap<String, usize>,
    /// Which services each filter lists, and the A–Z's pages.
    listings: Listings,
    /// Each service's directory card as HTML (the theme's [`CARD_TEMPLATE`]), one per service of
    /// [`Services::list`]; pages join the cards they list instead of rendering them again.
    cards: Vec<String>,
}

/// Reads the site's services (problems go to `diags`) and splits off those not shown today.
pub fn prepare(opts: &BuildOptions, diags: &mut Vec<Diagnostic>) -> Services {
    let (all, problems) = crate::services::load(&opts.root);
    diags.extend(problems);
    let today = opts.today;
    let (list, hidden) = all.into_iter().partition(|s: &Service| {
        s.facts.visible_from.is_none_or(|d| d <= today)
            && s.facts.visible_to.is_none_or(|d| today <= d)
    });
    let postcodes = crate::services::postcodes::load(&opts.root, diags);
    Services {
        list,
        hidden,
        postcodes,
        ..Default::default()
    }
}

impl Services {
    /// Registers the addresses services make, so content can link to them: the directory's
    /// filter pages (the directory and the service pages are pages of the model).
    pub fn register(&self, generated: &mut Generated) {
        for (n, f) in self.pages.filters.iter().enumerate() {
            generated.insert(f.path(), HashSet::new());
            let len = self.pages.listings.members.get(n).map_or(0, Vec::len);
            for page in 2..=listing::page_count(len) {
                generated.insert(services::listing_path(Some(f), page), HashSet::new());
            }
        }
        if self.pages.active {
            for page in 2..=listing::page_count(self.list.len()) {
                generated.insert(services::listing_path(None, page), HashSet::new());
            }
        }
        self.register_shortlist(generated);
    }

    /// Adds one page per service and the directory `/services/` to `pages` (before the model is
    /// made, so search, the sitemap, links and checks see them). Nothing when the site has no
    /// services and no `content/services/_index.md`.
    pub fn add_pages(
        &mut self,
        config: &SiteConfig,
        theme: Option<&Theme>,
        pages: &mut Vec<Page>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let has_page = pages.iter().any(|p| p.path == services::PATH);
        if self.list.is_empty() && !has_page {
            return;
        }
        let values: Vec<Value> = self
            .list
            .par_iter()
            .map(|s| services::service_value(s, config))
            .collect();
        pages.extend(services::make_pages(&self.list, &values));
        let empty = BTreeMap::new();
        let words = theme.map_or(&empty, |t| &t.words);
        if let Err(d) = services::directory_page(pages, words) {
            diags.push(d);
        }
        let order = services::by_name(&self.list);
        let filters = services::filters(&self.list);
        let listings = Listings::new(&self.list, &order, &filters);
        let file = std::path::Path::new("content/services");
        let cards = theme
            .filter(|t| t.has_template(CARD_TEMPLATE))
            .map(|t| {
                listing::render_cards(
                    t,
                    CARD_TEMPLATE,
                    &config.path_prefix(),
                    values.len(),
                    |i| {
                        (
                            services::card_value(&values[i], listings.letter_ids.get(&i)),
                            file,
                        )
                    },
                    diags,
                )
            })
            .unwrap_or_default();
        self.pages = Directory {
            active: true,
            order,
            filters,
            listings,
            cards,
            by_slug: self
                .list
                .iter()
                .enumerate()
                .map(|(i, s)| (s.slug.clone(), i))
                .collect(),
            values,
        };
    }

    /// The service page `i` shows, as an index of [`Services::list`].
    pub fn of_page(&self, site: &Site, i: usize) -> Option<usize> {
        let slug = site.pages[i].service_slug()?;
        self.pages.by_slug.get(slug).copied()
    }

    /// Adds `service` (on a service's page, with its Local Offer answers rendered and cleaned)
    /// or `directory` (on `/services/`) to a page's context. Only names in
    /// [`render::PER_PAGE`] may be added.
    pub fn extend_context(
        &self,
        site: &Site,
        i: usize,
        ctx: &mut Context,
        labels: &Labels,
        links: &Links,
    ) {
        if !self.pages.active {
            return;
        }
        if site.pages[i].path == services::PATH {
            let at = ListPage {
                current: None,
                members: &self.pages.order,
                page: 1,
            };
            let d = services::directory_value(
                site,
                &self.list,
                &self.pages.cards,
                &self.pages.filters,
                &self.pages.listings,
                &at,
            );
            ctx.insert("directory", &d);
            return;
        }
        let Some(si) = self.of_page(site, i) else {
            return;
        };
        let mut value = self.pages.values[si].clone();
        let answers: Vec<Value> = services::answers(&self.list[si])
            .into_iter()
            .map(|(key, question, md)| {
                let r = markdown::render(crate::load::markdown::parse(md), labels, |t| {
                    links.resolve(i, t)
                });
                json!({"key": key, "question": question, "html": sanitize::clean(&r.html)})
            })
            .collect();
        value["answers"] = json!(answers);
        ctx.insert("service", &value);
    }

    /// The directory's extra files: filter pages and the feed.
    pub fn files(
        &self,
        site: &Site,
        theme: &Theme,
        site_value: &Value,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<OutputFile> {
        let mut files = Vec::new();
        files.extend(self.filter_pages(site, theme, site_value, diags));
        files.extend(self.shortlist_files(site, theme, site_value, diags));
        files
    }

    /// Registers the shortlist page and the data files the shortlist and "near me" read.
    pub fn register_shortlist(&self, generated: &mut Generated) {
        if !self.pages.active {
            return;
        }
        generated.insert(shortlist::PAGE.into(), HashSet::new());
        generated.insert(shortlist::JSON.into(), HashSet::new());
        if !self.postcodes.is_empty() {
            generated.insert(shortlist::POSTCODES.into(), HashSet::new());
        }
    }

    /// The shortlist page `/services/shortlist/` (the theme's `shortlist.html`, filled in by its
    /// script from `/services/shortlist.json`), that JSON file, and `/services/postcodes.json`
    /// when the site has a postcode-district table.
    pub fn shortlist_files(
        &self,
        site: &Site,
        theme: &Theme,
        site_value: &Value,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<OutputFile> {
        let d = &self.pages;
        let Some(lp) = site.find_path(services::PATH) else {
            return Vec::new();
        };
        if !d.active {
            return Vec::new();
        }
        let mut files = vec![OutputFile::bytes(
            shortlist::JSON.trim_start_matches('/'),
            shortlist::to_json(&shortlist::shortlist(&self.list, &site.config)),
        )];
        if !self.postcodes.is_empty() {
            files.push(OutputFile::bytes(
                shortlist::POSTCODES.trim_start_matches('/'),
                shortlist::to_json(&shortlist::postcodes(&self.postcodes)),
            ));
        }
        if let Some(&i) = d.by_slug.get("shortlist") {
            diags.push(crate::diagnostics::Diagnostic::error(
                crate::diagnostics::Code::Service,
                &self.list[i].file,
                "a service cannot be called `shortlist`: /services/shortlist/ is the shortlist page",
            ).with_hint("rename the file, e.g. shortlist-service.yaml"));
            return files;
        }
        let template = "shortlist.html";
        if !theme.has_template(template) {
            return files;
        }
        let mut ctx = render::base_context(site_value, theme);
        let mut page = render::page_value(site, lp, "", &[], Value::Null);
        let title = theme
            .words
            .get("shortlist_title")
            .cloned()
            .unwrap_or_else(|| "My shortlist".into());
        page["title"] = json!(title);
        page["description"] =
            json!(theme.words.get("shortlist_description").cloned().unwrap_or_else(
            || "The services you saved in this browser, with their contacts, to print or share."
                .into()
        ));
        page["content"] = json!("");
        page["url"] = json!(site.url(shortlist::PAGE));
        page["permalink"] = json!(site.permalink(shortlist::PAGE));
        page["breadcrumbs"] = json!([render::card(site, lp)]);
        ctx.insert("page", &page);
        match theme.render(template, &ctx, &site.pages[lp].src.file) {
            Ok(html) => files.push(OutputFile::bytes(page_file(shortlist::PAGE), html)),
            Err(e) => diags.push(e),
        }
        files
    }

    /// One page per filter value, `/services/<kind>/<value>/`, listing exactly the services
    /// that match, [`listing::PER_LIST_PAGE`] cards a page (`.../page/2/` on), the later pages
    /// of the whole directory (`/services/page/2/` on; page 1 is the model's page), and the
    /// directory's compact index for its script (`/services/index.json`). Rendered in parallel
    /// from the cards made once in [`Services::add_pages`].
    pub fn filter_pages(
        &self,
        site: &Site,
        theme: &Theme,
        site_value: &Value,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<OutputFile> {
        let d = &self.pages;
        let Some(lp) = site.find_path(services::PATH) else {
            return Vec::new();
        };
        let template = render::template_for(site, theme, lp);
        if !d.active || !theme.has_template(&template) {
            return Vec::new();
        }
        let mut jobs: Vec<ListPage> = Vec::new();
        for page in 2..=listing::page_count(d.order.len()) {
            jobs.push(ListPage {
                current: None,
                members: &d.order,
                page,
            });
        }
        for (f, members) in d.filters.iter().zip(&d.listings.members) {
            for page in 1..=listing::page_count(members.len()) {
                jobs.push(ListPage {
                    current: Some(f),
                    members,
                    page,
                });
            }
        }
        let mut base = render::page_value(site, lp, "", &[], Value::Null);
        // The directory's children are the service pages: thousands of cards the listing's
        // template never reads, that would be copied into every page's context.
        for key in ["pages", "subsections"] {
            base[key] = json!([]);
        }
        let title = site.pages[lp].title();
        let rendered: Vec<Result<OutputFile, Diagnostic>> = jobs
            .par_iter()
            .map_init(
                || render::base_context(site_value, theme),
                |ctx, at| {
                    let path = services::listing_path(at.current, at.page);
                    let pages = listing::page_count(at.members.len());
                    let mut page = base.clone();
                    let mut name = at
                        .current
                        .map_or_else(|| title.to_string(), |f| format!("{title}: {}", f.label));
                    if at.page > 1 {
                        name = format!("{name} (page {} of {pages})", at.page);
                    }
                    page["title"] = json!(name);
                    page["url"] = json!(site.url(&path));
                    page["permalink"] = json!(site.permalink(&path));
                    page["breadcrumbs"] = json!([render::card(site, lp)]);
                    ctx.insert("page", &page);
                    let value = services::directory_value(
                        site,
                        &self.list,
                        &d.cards,
                        &d.filters,
                        &d.listings,
                        at,
                    );
                    ctx.insert("directory", &value);
                    theme
                        .render(&template, ctx, &site.pages[lp].src.file)
                        .map(|html| OutputFile::bytes(page_file(&path), html))
                },
            )
            .collect();
        let mut files = Vec::with_capacity(rendered.len() + 1);
        for r in rendered {
            match r {
                Ok(f) => files.push(f),
                Err(e) => diags.push(e),
            }
        }
        files.push(OutputFile::bytes(
            services::INDEX.trim_start_matches('/'),
            services::index_json(&self.list, &d.values, &d.order),
        ));
        files
    }
}

/// Registers the Open Referral UK feed's root and first services page, so content can link to
/// them.
pub fn register_feed(site: &Site, generated: &mut Generated) {
    let dir = &site.config.oruk_path;
    generated.insert(format!("{dir}index.json"), HashSet::new());
    generated.insert(format!("{dir}services/index.json"), HashSet::new());
}

/// The Open Referral UK feed (every shown service and every school, under `oruk_path`), and the
/// `_headers` / `_redirects` files that give it CORS and its API addresses on Netlify-style hosts
/// (docs/HOSTING.md).
pub fn feed_files(
    site: &Site,
    services: &Services,
    schools: &Schools,
    duties: &super::duties::Duties,
) -> Vec<OutputFile> {
    let mut records: Vec<crate::services::oruk::Service> = services
        .list
        .par_iter()
        .map(|s| {
            let page = site.permalink(&format!("/services/{}/", s.slug));
            let mut record = crate::services::feed::service(s, &page);
            // The service's events are dated schedules of it.
            record.schedules.extend(duties.schedules_of(site, &s.slug));
            record
        })
        .collect();
    let prefix = site.config.path_prefix();
    for (s, v) in schools.list.iter().zip(&schools.values) {
        let url = v.get("url").and_then(Value::as_str).unwrap_or("/");
        let page = site.permalink(url.strip_prefix(prefix.as_str()).unwrap_or(url));
        records.push(crate::services::feed::school(s, &page));
    }
    let url = site.config.oruk_path.as_str();
    let dir = url.trim_matches('/');
    let mut files: Vec<OutputFile> = crate::services::feed::files(dir, records)
        .into_iter()
        .map(|(path, text)| OutputFile::bytes(path, text))
        .collect();
    files.push(OutputFile::bytes(
        "_headers",
        crate::services::feed::headers(url),
    ));
    files.push(OutputFile::bytes(
        "_redirects",
        crate::services::feed::redirects(url),
    ));
    files
}
