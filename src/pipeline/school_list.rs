//! How the Local Offer list of schools joins a build: its lists worked out and each school's
//! card rendered once (when the schools are loaded), the addresses of its later pages, filter
//! pages and A–Z pages, and those pages and the list's index as files.

use crate::diagnostics::Diagnostic;
use crate::model::file::OutputFile;
use crate::model::links::{page_file, Generated};
use crate::model::site::Site;
use crate::render::listing;
use crate::render::school_list::{self, Lists, CARD_TEMPLATE};
use crate::render::{self, Theme};
use crate::school::facts::School;
use crate::school::local_offer::Filter;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::HashSet;

/// The list of schools of one build.
#[derive(Debug, Default)]
pub struct SchoolList {
    pub lists: Lists,
    /// Each school's card as HTML (the theme's [`CARD_TEMPLATE`]), one per school; pages join
    /// the cards they list instead of rendering them again.
    cards: Vec<String>,
}

impl SchoolList {
    /// The lists of `schools` (with their `school` values and filters) and their cards, made
    /// with `theme` (none without one, or when it has no card template).
    pub fn new(
        schools: &[School],
        values: &[Value],
        filters: &[Filter],
        theme: Option<&Theme>,
        prefix: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> SchoolList {
        let lists = Lists::new(schools, filters);
        let cards = match theme.filter(|t| t.has_template(CARD_TEMPLATE)) {
            Some(t) => listing::render_cards(
                t,
                CARD_TEMPLATE,
                prefix,
                values.len(),
                |i| {
                    let file = values[i]["file"].as_str().unwrap_or("content/schools");
                    (&values[i], std::path::Path::new(file))
                },
                diags,
            ),
            None => Vec::new(),
        };
        SchoolList { lists, cards }
    }

    /// Registers every list page but `/schools/` (a page of the model) and the index, so
    /// content can link to them.
    pub fn register(&self, filters: &[Filter], generated: &mut Generated) {
        for path in self.lists.paths(filters) {
            generated.insert(path, HashSet::new());
        }
        generated.insert(school_list::INDEX.into(), HashSet::new());
    }

    /// The `offer` value of `/schools/` (the whole list's first page).
    pub fn first_page(&self, site: &Site, schools: &[School], filters: &[Filter]) -> Value {
        school_list::offer_value(site, schools, filters, &self.lists, &self.cards, 0, 1)
    }

    /// The list's pages besides `/schools/`, rendered in parallel with the template of
    /// `/schools/` (page `lp` of the model), and the list's index.
    #[allow(clippy::too_many_arguments)]
    pub fn files(
        &self,
        site: &Site,
        theme: &Theme,
        site_value: &Value,
        lp: usize,
        schools: &[School],
        values: &[Value],
        filters: &[Filter],
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<OutputFile> {
        let mut files = vec![OutputFile::bytes(
            school_list::INDEX.trim_start_matches('/'),
            school_list::index_json(schools, values, &self.lists.order),
        )];
        let template = render::template_for(site, theme, lp);
        if !theme.has_template(&template) {
            return files;
        }
        let mut base = render::page_value(site, lp, "", &[], Value::Null);
        // The list's children are the schools' pages, which the list's template never reads.
        for key in ["pages", "subsections"] {
            base[key] = json!([]);
        }
        let title = site.pages[lp].title();
        let rendered: Vec<Result<OutputFile, Diagnostic>> = self
            .lists
            .pages()
            .par_iter()
            .map_init(
                || render::base_context(site_value, theme),
                |ctx, &(n, page)| {
                    let path = listing::page_path(&self.lists.base(n, filters), page);
                    let offer = school_list::offer_value(
                        site,
                        schools,
                        filters,
                        &self.lists,
                        &self.cards,
                        n,
                        page,
                    );
                    let mut name = match offer["current"]["label"].as_str() {
                        Some(label) => format!("{title}: {label}"),
                        None => title.to_string(),
                    };
                    let pages = &offer["pagination"]["pages"];
                    if page > 1 {
                        name = format!("{name} (page {page} of {pages})");
                    }
                    let mut value = base.clone();
                    value["title"] = json!(name);
                    value["url"] = json!(site.url(&path));
                    value["permalink"] = json!(site.permalink(&path));
                    value["breadcrumbs"] = json!([render::card(site, lp)]);
                    ctx.insert("page", &value);
                    ctx.insert("offer", &offer);
                    theme
                        .render(&template, ctx, &site.pages[lp].src.file)
                        .map(|html| OutputFile::bytes(page_file(&path), html))
                },
            )
            .collect();
        for r in rendered {
            match r {
                Ok(f) => files.push(f),
                Err(e) => diags.push(e),
            }
        }
        files
    }
}
