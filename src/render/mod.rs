//! Rendering: turns each page of the model, with its rendered Markdown body, into the values its
//! template sees (typed views of the site and the page) and a reusable Tera context; the theme
//! itself is loaded by `theme`. Pure: strings in, strings out.

pub mod body;
pub mod contacts;
pub mod glossary_page;
pub mod html_tags;
pub mod listing;
pub mod markdown;
pub mod pack;
pub mod pack_print;
pub mod sanitize;
pub mod school_list;
pub mod school_pages;
pub mod services;
pub mod shortlist;
pub mod steps;
pub mod theme;
pub mod versions;

pub use theme::Theme;

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::format::human_date;
use crate::load::markdown::Heading;
use crate::model::site::Site;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Context;

/// A link to a page as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub description: String,
}

pub fn card(site: &Site, i: usize) -> Card {
    let p = &site.pages[i];
    Card {
        title: p.title().to_string(),
        url: site.url(&p.path),
        description: p.src.front.description.clone(),
    }
}

/// The `site` value every template sees.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub prefix: String,
    /// The language of the pages this value is for (`lang` on `<html>`).
    pub language: &'a str,
    /// `ltr` or `rtl`, from that language.
    pub dir: &'static str,
    /// The variant these pages are in (`pl`, `easy`); none for the site's own language.
    pub variant: Option<&'a str>,
    /// `prefix` plus the variant's folder (`/pl`): where its search and glossary pages are.
    pub lang_prefix: String,
    /// The site's own language and its `languages:`, each named in its own script.
    pub languages: Vec<versions::LanguageView>,
    /// What the switcher calls Easy Read versions (the site's own interface words).
    pub easy_read_name: String,
    pub publisher: &'a Option<String>,
    pub search: bool,
    pub local_authority: &'a Option<crate::load::config::LocalAuthority>,
    pub sendiass: &'a Option<crate::load::config::Sendiass>,
    pub extra: &'a BTreeMap<String, serde_yaml::Value>,
    /// The header's short list of links, the main tasks (see [`nav`]); the home page's task cards.
    pub nav: Vec<Card>,
    /// Every top-level section (the home page's sections), for the footer.
    pub sections: Vec<Card>,
    pub live_reload: bool,
    /// The council's duties: the banner, the feedback form and the footer's links.
    pub duties: DutiesView,
}

/// One banner message shown today.
#[derive(Serialize)]
pub struct AnnouncementView {
    pub text: String,
    pub url: Option<String>,
    pub link_text: Option<String>,
}

/// What the banner, the feedback form and the footer need (`site.duties` in templates).
#[derive(Serialize)]
pub struct DutiesView {
    /// The announcements shown on the build's date, in site.yaml's order.
    pub announcements: Vec<AnnouncementView>,
    /// The council's form-handling address, when set.
    pub feedback_action: Option<String>,
    /// Where the email goes without `feedback_action`: `feedback.email`, else on a Local
    /// Offer the SEND team's email.
    pub feedback_email: Option<String>,
    pub accessibility_url: Option<String>,
    pub without_internet_url: Option<String>,
    pub said_we_did_url: Option<String>,
    pub events_url: Option<String>,
    /// The SEND team's phone number as a `tel:` target (digits and `+`).
    pub phone_tel: Option<String>,
}

/// A link written in site.yaml: a web address as it is, a content page's `.md` path as its
/// address, an absolute site path as it is.
fn config_link(site: &Site, link: &str) -> Option<String> {
    if link.starts_with("http://") || link.starts_with("https://") || link.starts_with("mailto:") {
        return Some(link.to_string());
    }
    if let Some(i) = site.find_source(None, link.trim_start_matches('/')) {
        return Some(site.url(&site.pages[i].path));
    }
    link.starts_with('/').then(|| site.url(link))
}

/// The duties' part of the `site` value.
pub fn duties_view(site: &Site) -> DutiesView {
    let c = &site.config;
    let today = site.options.today;
    let page_url = |path: &str| site.find_path(path).map(|_| site.url(path));
    let statement = c
        .local_offer
        .as_ref()
        .map_or("about/accessibility.md", |l| {
            l.accessibility_statement.as_str()
        });
    let la = c.local_authority.as_ref();
    DutiesView {
        announcements: c
            .announcements
            .iter()
            .filter(|a| a.is_shown(today))
            .map(|a| AnnouncementView {
                text: a.text.clone(),
                url: a.link.as_deref().and_then(|l| config_link(site, l)),
                link_text: a.link_text.clone(),
            })
            .collect(),
        feedback_action: c.feedback.action.clone(),
        // The form is on a Local Offer's pages, or any site's whose site.yaml sets `feedback`.
        feedback_email: c.feedback.email.clone().or_else(|| {
            c.local_offer
                .as_ref()
                .and_then(|_| la.and_then(|l| l.send_team_email.clone()))
        }),
        accessibility_url: config_link(site, statement),
        without_internet_url: c
            .local_offer
            .as_ref()
            .and_then(|l| l.without_internet.as_deref())
            .and_then(|l| config_link(site, l)),
        said_we_did_url: page_url("/you-said-we-did/"),
        events_url: page_url("/events/"),
        phone_tel: la.and_then(|l| l.send_team_phone.as_deref()).map(|p| {
            // A UK number is dialled in international form (`+441234567890`).
            contacts::tel(p).unwrap_or_else(|| {
                p.chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect()
            })
        }),
    }
}

/// The top-level sections: the home page's sections, in their order.
pub fn sections(site: &Site) -> Vec<Card> {
    sections_in(site, None)
}

/// [`sections`], each linking to its version in `variant` where there is one.
pub fn sections_in(site: &Site, variant: Option<&str>) -> Vec<Card> {
    site.home()
        .map(|h| {
            let home = &site.pages[h];
            home.subsections
                .iter()
                .map(|&i| card(site, site.version(i, variant).unwrap_or(i)))
                .collect()
        })
        .unwrap_or_default()
}

/// The header's links: site.yaml's `nav:` (each page's title and description unless the entry
/// gives a `label` and `sentence`), or the first [`DEFAULT_NAV`] top-level sections. A `nav:`
/// page that does not exist is left out with a diagnostic at its line.
///
/// [`DEFAULT_NAV`]: crate::load::config::DEFAULT_NAV
pub fn nav(site: &Site) -> (Vec<Card>, Vec<Diagnostic>) {
    nav_in(site, None)
}

/// [`nav`] for the pages of `variant`: each page's link goes to its version in that language
/// where there is one.
pub fn nav_in(site: &Site, variant: Option<&str>) -> (Vec<Card>, Vec<Diagnostic>) {
    use crate::load::config::{NavEntry, DEFAULT_NAV};
    let Some(entries) = &site.config.nav else {
        let mut all = sections_in(site, variant);
        all.truncate(DEFAULT_NAV);
        return (all, Vec::new());
    };
    let mut cards = Vec::with_capacity(entries.len());
    let mut diags = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let (label, page, url, sentence) = match entry {
            NavEntry::Page(p) => (None, Some(p), None, None),
            NavEntry::Link(l) => (
                Some(&l.label),
                l.page.as_ref(),
                l.url.as_ref(),
                l.sentence.as_ref(),
            ),
        };
        let found = match (page, url) {
            (Some(source), _) => {
                let source = source.trim_start_matches("./");
                match site.find_source(None, source) {
                    Some(i) => Some(card(site, site.version(i, variant).unwrap_or(i))),
                    None => {
                        diags.push(
                            Diagnostic::error(
                                Code::Config,
                                "site.yaml",
                                format!("the nav lists `{source}`, which is not a page (looked for content/{source})"),
                            )
                            .at(site.config.line_of(&format!("nav[{n}]")), 0, Some(&site.config.text))
                            .with_hint("list pages by their path inside content/, e.g. `parents/sen-support.md` or `complaints/_index.md`"),
                        );
                        None
                    }
                }
            }
            (None, Some(url)) => Some(Card {
                title: String::new(),
                url: format!("{}{url}", site.config.path_prefix()),
                description: String::new(),
            }),
            (None, None) => None,
        };
        if let Some(mut c) = found {
            if let Some(label) = label {
                c.title = label.clone();
            }
            if let Some(sentence) = sentence {
                c.description = sentence.clone();
            }
            cards.push(c);
        }
    }
    (cards, diags)
}

/// The `site` value every template sees, as a value the theme's site parts and a single
/// school's brand are added to.
pub fn site_value(site: &Site, theme: &Theme) -> Value {
    site_value_for(site, theme, None)
}

/// The `site` value of the pages in `variant` (`None`: the site's own language): their
/// language and direction, and the navigation to their language's versions.
pub fn site_value_for(site: &Site, theme: &Theme, variant: Option<&str>) -> Value {
    let c = &site.config;
    let language = variant.map_or(c.language.as_str(), |v| {
        crate::load::languages::html_lang(v, &c.language)
    });
    let lang_prefix = match variant {
        Some(v) => format!(
            "{}/{}",
            c.path_prefix(),
            crate::load::languages::url_prefix(v)
        ),
        None => c.path_prefix(),
    };
    let view = SiteView {
        title: &c.title,
        description: &c.description,
        base_url: c.base(),
        prefix: c.path_prefix(),
        language,
        dir: crate::load::languages::direction(language),
        variant,
        lang_prefix,
        languages: versions::languages(site, theme),
        easy_read_name: theme.word("easy_read"),
        publisher: &c.publisher,
        search: c.search,
        local_authority: &c.local_authority,
        sendiass: &c.sendiass,
        extra: &c.extra,
        nav: nav_in(site, variant).0,
        sections: sections_in(site, variant),
        live_reload: site.options.live_reload,
        duties: duties_view(site),
    };
    serde_json::to_value(view).expect("the site view is plain data")
}

/// Everything a page template gets as `page`.
#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub audience: &'static str,
    pub kind: crate::load::content::PageKind,
    /// The source file, relative to `content/`.
    pub source: &'a str,
    pub path: &'a str,
    pub url: String,
    pub permalink: String,
    /// The rendered body.
    pub content: &'a str,
    /// Headings of levels 2 and 3, for "on this page".
    pub toc: Vec<&'a Heading>,
    pub summary: &'a [String],
    pub reviewed: Option<String>,
    pub reviewed_iso: Option<String>,
    pub next_review: Option<String>,
    pub next_review_iso: Option<String>,
    /// The page is past its review date (the build's date): parents see a notice.
    pub review_overdue: bool,
    /// For a made page that lists entries ("You said, we did"): when the newest of them last
    /// changed, shown as "Last updated".
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    pub breadcrumbs: Vec<Card>,
    /// The main navigation item this page is under: its top-level section, or itself.
    pub nav_url: String,
    pub parent: Option<Card>,
    pub prev: Option<Card>,
    pub next: Option<Card>,
    pub pages: Vec<Card>,
    pub subsections: Vec<Card>,
    pub steps: Value,
    pub school: &'a Option<String>,
    /// This page's versions, itself included (empty when it has none): the language switcher
    /// and the `hreflang` alternates.
    pub versions: Vec<versions::VersionView>,
    /// The versions in other languages (no Easy Read), when there are any: `hreflang` links.
    pub alternates: Vec<versions::VersionView>,
    /// For a translation or Easy Read version: when it was made, and whether its page has
    /// changed since.
    pub translation: Option<versions::TranslationView>,
}

/// Everything a page template gets as `page`, as a value.
pub fn page_value(
    site: &Site,
    i: usize,
    content: &str,
    headings: &[Heading],
    steps: Value,
) -> Value {
    let p = &site.pages[i];
    let f = &p.src.front;
    let next_review = p.next_review(&site.config);
    let (prev, next) = site.neighbours(i);
    let crumbs: Vec<Card> = site
        .ancestors(i)
        .into_iter()
        .map(|a| card(site, a))
        .collect();
    let nav_url = crumbs
        .get(1)
        .map_or_else(|| site.url(&p.path), |c| c.url.clone());
    let view = PageView {
        title: &f.title,
        description: &f.description,
        audience: f.audience.as_str(),
        kind: p.src.kind,
        source: &p.src.source,
        path: &p.path,
        url: site.url(&p.path),
        permalink: site.permalink(&p.path),
        content,
        toc: headings.iter().filter(|h| h.level <= 3).collect(),
        summary: &f.summary,
        reviewed: f.reviewed.map(human_date),
        reviewed_iso: f.reviewed.map(|d| d.to_string()),
        next_review: next_review.map(human_date),
        next_review_iso: next_review.map(|d| d.to_string()),
        review_overdue: next_review.is_some_and(|d| d < site.options.today),
        updated: p.src.updated().map(human_date),
        updated_iso: p.src.updated().map(|d| d.to_string()),
        breadcrumbs: crumbs,
        nav_url,
        parent: p.parent.map(|pi| card(site, pi)),
        prev: prev.map(|x| card(site, x)),
        next: next.map(|x| card(site, x)),
        pages: p.pages.iter().map(|&x| card(site, x)).collect(),
        subsections: p.subsections.iter().map(|&x| card(site, x)).collect(),
        steps,
        school: &p.school,
        versions: versions::versions(site, i),
        alternates: versions::alternates(site, i),
        translation: versions::translation(site, i),
    };
    serde_json::to_value(view).expect("the page view is plain data")
}

/// Picks the template for a page: its own `template`, else home/section/page.
pub fn template_for(site: &Site, theme: &Theme, i: usize) -> String {
    let p = &site.pages[i];
    if let Some(t) = &p.src.front.template {
        return t.clone();
    }
    if p.path == "/" && p.school.is_none() && theme.has_template("home.html") {
        "home.html".into()
    } else if p.is_section() {
        "section.html".into()
    } else {
        "page.html".into()
    }
}

/// The variables that differ from page to page: `page`, a school's `school`, `report` and
/// `offer` (see `pipeline::schools`), and a service's `service` and the `directory` (see
/// `pipeline::services`).
pub const PER_PAGE: [&str; 6] = ["page", "school", "report", "offer", "service", "directory"];

/// A template context reused for page after page on one thread: `site` and `i18n` (the theme's
/// words as a value) are put in once, and each page's own variables are moved in for its render
/// and taken out after it, so the site's values are not copied for every page.
pub struct PageContext(Context);

impl PageContext {
    pub fn new(site_value: &Value, words: &Value) -> PageContext {
        let mut map = serde_json::Map::with_capacity(2);
        map.insert("site".into(), site_value.clone());
        map.insert("i18n".into(), words.clone());
        PageContext(
            Context::from_value(Value::Object(map)).expect("a JSON object is a valid context"),
        )
    }

    /// Runs `f` with `page` (moved in) in the context; `f` may add the other [`PER_PAGE`]
    /// variables. All of them are gone again afterwards.
    pub fn with_page<R>(&mut self, page: Value, f: impl FnOnce(&mut Context) -> R) -> R {
        let mut map = serde_json::Map::with_capacity(1);
        map.insert("page".into(), page);
        self.0.extend(
            Context::from_value(Value::Object(map)).expect("a JSON object is a valid context"),
        );
        let out = f(&mut self.0);
        for key in PER_PAGE {
            self.0.remove(key);
        }
        out
    }
}

/// Templates in this folder are "site parts": rendered once per build with `site` and `i18n`
/// only, and given to every template as `site.parts.<name>` (the file name without `.html`,
/// `-` read as `_`). Pieces that are the same on every page (the display options panel, the
/// search box) cost one render instead of one per page.
pub const PARTS_DIR: &str = "site/";

/// Renders the theme's site parts into `site_value` as `parts`.
pub fn add_site_parts(site_value: &mut Value, theme: &Theme) -> Vec<Diagnostic> {
    add_site_parts_in(site_value, theme, &theme.words)
}

/// [`add_site_parts`] with the interface words of one language.
pub fn add_site_parts_in(
    site_value: &mut Value,
    theme: &Theme,
    words: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    let mut names: Vec<&str> = theme
        .tera
        .get_template_names()
        .filter(|n| n.starts_with(PARTS_DIR))
        .collect();
    names.sort_unstable();
    let mut ctx = Context::new();
    ctx.insert("site", site_value);
    ctx.insert("i18n", words);
    let mut parts = serde_json::Map::new();
    let mut diags = Vec::new();
    for name in names {
        let theme_name = theme.dir.file_name().unwrap_or_default();
        let file = Path::new("themes")
            .join(theme_name)
            .join("templates")
            .join(name);
        let source = std::fs::read_to_string(theme.dir.join("templates").join(name));
        if let Some(word) = source.ok().and_then(|t| per_page_variable(&t)) {
            diags.push(
                Diagnostic::error(
                    Code::Template,
                    file.clone(),
                    format!("this site part uses `{word}`, which differs from page to page"),
                )
                .with_hint(format!(
                    "templates in {PARTS_DIR} are rendered once for the whole site, so they can use `site` and `i18n` only; move the piece that needs `{word}` into partials/"
                )),
            );
        }
        let html = theme.render(name, &ctx, &file).unwrap_or_else(|d| {
            diags.push(d.with_hint(format!(
                "templates in {PARTS_DIR} are rendered once for the whole site, so they can use `site` and `i18n` but not `page`"
            )));
            String::new()
        });
        let key = name[PARTS_DIR.len()..]
            .trim_end_matches(".html")
            .replace(['-', '/'], "_");
        parts.insert(key, Value::String(html));
    }
    site_value["parts"] = Value::Object(parts);
    diags
}

/// The first per-page variable (`page`, `school`, `report`, `offer`) a template's tags use.
/// A site part that tests one in an `if` would silently see nothing, so it is refused.
fn per_page_variable(template: &str) -> Option<&'static str> {
    let mut rest = template;
    while let Some(open) = rest.find(['{']) {
        let after = &rest[open + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                rest = after;
                continue;
            }
        };
        let end = after.find(close)?;
        let tag = &after[1..end];
        for word in tag.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
            let root = word.split('.').next().unwrap_or("");
            if let Some(found) = PER_PAGE.iter().find(|v| **v == root) {
                return Some(found);
            }
        }
        rest = &after[end..];
    }
    None
}

/// A base Tera context with `site` and `i18n` filled.
pub fn base_context(site_value: &Value, theme: &Theme) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", site_value);
    ctx.insert("i18n", &theme.words);
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_page_context_forgets_each_pages_variables() {
        let mut ctx = PageContext::new(&json!({"title": "S"}), &json!({"next": "Next"}));
        let seen = ctx.with_page(json!({"title": "One"}), |c| {
            c.insert("school", &json!({"name": "A school"}));
            c.insert("offer", &json!([]));
            (c.contains_key("page"), c.contains_key("school"))
        });
        assert_eq!(seen, (true, true));
        ctx.with_page(json!({"title": "Two"}), |c| {
            assert_eq!(
                c.get("page").and_then(|p| p.get("title")),
                Some(&json!("Two"))
            );
            for key in ["school", "offer", "report"] {
                assert!(!c.contains_key(key), "{key} left from the last page");
            }
            assert!(c.contains_key("site") && c.contains_key("i18n"));
        });
    }

    #[test]
    fn site_parts_may_not_use_per_page_variables() {
        assert_eq!(per_page_variable("{{ site.title }} {{ i18n.home }}"), None);
        assert_eq!(
            per_page_variable("{% if school %}x{% endif %}"),
            Some("school")
        );
        assert_eq!(
            per_page_variable("<p>{{ page.title | upper }}</p>"),
            Some("page")
        );
        assert_eq!(
            per_page_variable("a { color: red } {{ site.pages }}"),
            None,
            "CSS braces and site.pages are fine"
        );
    }
}
