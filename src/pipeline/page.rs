//! Rendering one page: its body (Markdown → HTML with links resolved, glossary terms linked,
//! untrusted HTML cleaned, readability and page facts found) and then its template. Full builds
//! and the preview server's incremental rebuilds render pages through [`PageRenderer`], so both
//! make the same HTML.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::glossary::{usage, Glossary, Matcher};
use crate::model::file::OutputFile;
use crate::model::links::{page_file, Links, Resolved};
use crate::model::site::Site;
use crate::pipeline::schools::Schools;
use crate::pipeline::services::Services;
use crate::readability::Figures;
use crate::render::markdown::{self, Labels, Rendered};
use crate::render::pack::PartMarkup;
use crate::render::steps::steps_value;
use crate::render::{self, body, glossary_page, Theme};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashSet;

/// `site` as templates see it: the site's settings, a single school's brand and the theme's
/// site parts (see [`render::PARTS_DIR`]).
pub fn theme_site_value(
    site: &Site,
    theme: &Theme,
    schools: &Schools,
    diags: &mut Vec<Diagnostic>,
) -> Value {
    variant_site_value(site, theme, schools, None, diags)
}

/// [`theme_site_value`] for the pages of `variant` (their language, direction and navigation,
/// and the site parts rendered in their interface words).
pub fn variant_site_value(
    site: &Site,
    theme: &Theme,
    schools: &Schools,
    variant: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Value {
    let mut value = render::site_value_for(site, theme, variant);
    schools.brand(site, &mut value);
    diags.extend(render::add_site_parts_in(
        &mut value,
        theme,
        theme.words_for(variant),
    ));
    value
}

/// The site values and interface words of every variant a page has (and of the site's own
/// language, under `None`).
pub type ByVariant<T> = std::collections::BTreeMap<Option<String>, T>;

/// The broken links found while rendering page `i`, placed in its file (for a page made from a
/// data file, at the field of that file they are written in).
pub fn link_diagnostics(site: &Site, i: usize, r: &Rendered) -> Vec<Diagnostic> {
    let p = &site.pages[i].src;
    r.problems
        .iter()
        .map(|prob| {
            let (file, line, col, text) = p.place(prob.offset);
            Diagnostic::error(Code::Links, file, prob.message.clone())
                .at(line, col, Some(text))
                .with_hint(prob.hint.clone())
        })
        .collect()
}

/// What every page's renderer shares, made once per build (and once per incremental rebuild)
/// from the site, its glossary and its theme: call-out labels, the glossary matcher and address,
/// and the words that need no explaining.
/// What the pages of one language of `languages:` link their glossary words with: that
/// language's glossary (`content/glossary.<code>.yaml`), its page and its known words.
pub struct VariantSetup<'g> {
    pub matcher: Matcher<'g>,
    pub glossary_url: String,
    pub known_acronyms: HashSet<String>,
}

pub struct RenderSetup<'g> {
    /// Each language's glossary setup, for the languages that have a glossary.
    pub variants: std::collections::BTreeMap<String, VariantSetup<'g>>,
    pub labels: Labels,
    /// Labels in each of the site's `languages:`.
    pub variant_labels: std::collections::BTreeMap<String, Labels>,
    pub matcher: Matcher<'g>,
    pub glossary_url: String,
    pub known_acronyms: HashSet<String>,
}

impl<'g> RenderSetup<'g> {
    /// The setup for `site`; a glossary whose matcher cannot be built is reported in `diags` and
    /// links no words.
    pub fn new(
        site: &Site,
        glossary: &'g Glossary,
        theme: Option<&Theme>,
        diags: &mut Vec<Diagnostic>,
    ) -> Self {
        let matcher = Matcher::new(glossary).unwrap_or_else(|e| {
            diags.push(e.diagnostic());
            Matcher::empty(glossary)
        });
        let variant_labels = theme
            .map(|t| {
                t.variant_words
                    .iter()
                    .map(|(code, words)| (code.clone(), labels_in(words)))
                    .collect()
            })
            .unwrap_or_default();
        let variants = glossary
            .translations
            .iter()
            .map(|(code, g)| {
                let matcher = Matcher::new(g).unwrap_or_else(|e| {
                    diags.push(e.diagnostic());
                    Matcher::empty(g)
                });
                let setup = VariantSetup {
                    matcher,
                    glossary_url: site.url(&glossary_page::path_in(Some(code))),
                    known_acronyms: usage::known_words(g, &site.config.acronyms_allowed),
                };
                (code.clone(), setup)
            })
            .collect();
        RenderSetup {
            variants,
            labels: theme.map(labels_from).unwrap_or_default(),
            variant_labels,
            matcher,
            glossary_url: site.url(glossary_page::PATH),
            known_acronyms: usage::known_words(glossary, &site.config.acronyms_allowed),
        }
    }

    /// A page renderer over this setup.
    pub fn renderer<'a>(
        &'a self,
        site: &'a Site,
        links: &'a Links<'a>,
        schools: &'a Schools,
        services: &'a Services,
    ) -> PageRenderer<'a> {
        PageRenderer {
            site,
            variants: &self.variants,
            labels: &self.labels,
            variant_labels: &self.variant_labels,
            links,
            matcher: &self.matcher,
            known_acronyms: &self.known_acronyms,
            glossary_url: &self.glossary_url,
            schools,
            services,
        }
    }
}

/// The page pass: pages through their templates, in parallel, one Tera context per thread
/// (reused; each page's variables moved in and out). Full builds run it over every page,
/// incremental rebuilds over the pages an edit touched.
pub struct PagePass<'a> {
    renderer: &'a PageRenderer<'a>,
    theme: &'a Theme,
    site_values: ByVariant<Value>,
    words: ByVariant<Value>,
}

impl<'a> PagePass<'a> {
    /// Makes the `site` value the templates see (its site parts rendered once).
    pub fn new(
        renderer: &'a PageRenderer<'a>,
        theme: &'a Theme,
        diags: &mut Vec<Diagnostic>,
    ) -> Self {
        let site = renderer.site;
        let mut site_values = ByVariant::new();
        let mut words = ByVariant::new();
        let variants = std::iter::once(None).chain(site.variants().into_iter().map(Some));
        for v in variants {
            let value = variant_site_value(site, theme, renderer.schools, v, diags);
            site_values.insert(v.map(str::to_string), value);
            let w = serde_json::to_value(theme.words_for(v))
                .expect("interface words are plain strings");
            words.insert(v.map(str::to_string), w);
        }
        PagePass {
            renderer,
            theme,
            site_values,
            words,
        }
    }

    /// Renders pages `list` (with their bodies, in the same order) and hands each page's file,
    /// or the problem that stopped it, to `each` with its page index and body.
    pub fn run(
        &self,
        list: &[usize],
        bodies: &mut [Rendered],
        diags: &mut Vec<Diagnostic>,
        each: impl Fn(usize, &mut Rendered, Result<OutputFile, Diagnostic>) + Sync,
    ) {
        let steps: Vec<Value> = list
            .iter()
            .map(|&i| self.renderer.steps(i, diags))
            .collect();
        list.par_iter()
            .zip(bodies.par_iter_mut())
            .zip(steps.into_par_iter())
            .for_each_init(
                ByVariant::<render::PageContext>::new,
                |contexts, ((&i, r), s)| {
                    let variant = self.renderer.site.pages[i].variant().map(str::to_string);
                    let ctx = contexts.entry(variant.clone()).or_insert_with(|| {
                        render::PageContext::new(&self.site_values[&variant], &self.words[&variant])
                    });
                    let out = self.renderer.page(self.theme, ctx, i, r, s);
                    each(i, r, out);
                },
            );
    }

    /// The `site` value the templates of the site's own language saw.
    pub fn site_value(mut self) -> Value {
        self.site_values.remove(&None).unwrap_or_default()
    }

    /// The `site` value of every variant's templates (`None`: the site's own language).
    pub fn site_values(self) -> ByVariant<Value> {
        self.site_values
    }
}

/// What rendering one page needs besides the page itself. Full builds and the preview server's
/// incremental rebuilds render pages through this one type, so both make the same HTML.
pub struct PageRenderer<'a> {
    pub site: &'a Site,
    /// Each language's glossary setup (see [`VariantSetup`]).
    pub variants: &'a std::collections::BTreeMap<String, VariantSetup<'a>>,
    pub labels: &'a Labels,
    /// Labels in each of the site's `languages:`.
    pub variant_labels: &'a std::collections::BTreeMap<String, Labels>,
    pub links: &'a Links<'a>,
    pub matcher: &'a Matcher<'a>,
    /// Acronyms that need no explaining (see [`glossary::usage::known_words`]).
    pub known_acronyms: &'a HashSet<String>,
    pub glossary_url: &'a str,
    pub schools: &'a Schools,
    pub services: &'a Services,
}

impl PageRenderer<'_> {
    /// The glossary matcher, glossary page and known words of page `i`'s language.
    fn glossary_of(&self, i: usize) -> (&Matcher<'_>, &str, &HashSet<String>) {
        match self.site.pages[i]
            .variant()
            .and_then(|v| self.variants.get(v))
        {
            Some(v) => (&v.matcher, &v.glossary_url, &v.known_acronyms),
            None => (self.matcher, self.glossary_url, self.known_acronyms),
        }
    }

    /// The labels of page `i`'s language.
    pub fn labels_of(&self, i: usize) -> &Labels {
        self.site.pages[i]
            .variant()
            .and_then(|v| self.variant_labels.get(v))
            .unwrap_or(self.labels)
    }

    /// Page `i`'s Markdown body as HTML (glossary terms linked, untrusted HTML cleaned) and its
    /// readability figures.
    pub fn body(&self, i: usize) -> (Rendered, Figures) {
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
        Figures,
        Option<Vec<crate::search::sections::Section>>,
    ) {
        let parsed = crate::load::markdown::parse(self.site.pages[i].src.body());
        let figures = crate::readability::measure(&parsed.events);
        let (matcher, glossary_url, known) = self.glossary_of(i);
        let facts = body::PageFacts::of(&parsed.events, known, matcher);
        let mut text = None;
        let easy_read = self.site.pages[i].variant() == Some(crate::load::languages::EASY_READ);
        let mut r = markdown::render_with(
            parsed,
            self.labels_of(i),
            |t| self.links.resolve(i, t),
            |events| {
                let events = if easy_read {
                    markdown::lines_kept(events)
                } else {
                    events
                };
                let linked = matcher.link(events, glossary_url);
                if sections {
                    text = Some(crate::search::sections::sections_of_events(&linked));
                }
                linked
            },
        );
        facts.into_body(&mut r);
        if self.cleaned(i, &r) {
            r.html = crate::render::sanitize::clean(&r.html);
            if sections {
                text = Some(crate::search::sections::sections(&r.html));
            }
        }
        (r, figures, text)
    }

    /// Whether page `i`'s rendered body is cleaned: when it has raw HTML, and always on school
    /// pages (one school's text on a shared site), unless the site trusts its content; and
    /// always on service pages (a provider's text, trusted or not).
    fn cleaned(&self, i: usize, r: &Rendered) -> bool {
        let page = &self.site.pages[i];
        let untrusted = r.had_raw_html || page.school.is_some();
        (untrusted && !self.site.config.trusted_html) || page.service_slug().is_some()
    }

    /// Page `i`'s body as a part of a parent pack: rendered as [`PageRenderer::body`] renders
    /// it, with the part's ids, heading levels and full addresses made in the Markdown events
    /// (and in raw HTML, before it is cleaned), and glossary definitions given the part's ids.
    pub fn pack_part(&self, i: usize, part: &PartMarkup) -> String {
        let parsed = crate::load::markdown::parse(self.site.pages[i].src.body());
        let glossary_url = part
            .link(self.glossary_url)
            .unwrap_or_else(|| self.glossary_url.to_string());
        let r = markdown::render_with(
            parsed,
            self.labels,
            |t| self.links.resolve(i, t),
            |events| {
                self.matcher
                    .link_with_ids(part.events(events), &glossary_url, part.id_prefix())
            },
        );
        if self.cleaned(i, &r) {
            crate::render::sanitize::clean_part(&r.html, part.id_prefix())
        } else {
            r.html
        }
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
        let steps = steps_value(self.site, owner, self.links, self.labels_of(i), diags);
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
            self.services
                .extend_context(site, i, ctx, self.labels, self.links);
            theme.render(&template, ctx, &page.src.file)
        })?;
        Ok(OutputFile::bytes(page_file(&page.path), html))
    }
}

pub fn labels_from(theme: &Theme) -> Labels {
    labels_in(&theme.words)
}

/// The labels in one language's interface words.
pub fn labels_in(words: &std::collections::BTreeMap<String, String>) -> Labels {
    let d = Labels::default();
    let get = |k: &str, fallback: String| words.get(k).cloned().unwrap_or(fallback);
    Labels {
        note: get("callout_note", d.note),
        tip: get("callout_tip", d.tip),
        important: get("callout_important", d.important),
        warning: get("callout_warning", d.warning),
        caution: get("callout_caution", d.caution),
        table: get("table", d.table),
        in_default_language: get("in_english", d.in_default_language),
    }
}
