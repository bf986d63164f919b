//! Rendering: loads the theme (Tera templates and interface words) and turns each page of the
//! model, with its rendered Markdown body, into a full HTML document. Pure: strings in, strings out.

pub mod body;
pub mod glossary_page;
pub mod markdown;
pub mod pack;
pub mod sanitize;
pub mod school_pages;
pub mod steps;

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::format::human_date;
use crate::load::config::SiteConfig;
use crate::load::markdown::Heading;
use crate::model::site::Site;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// A loaded theme.
pub struct Theme {
    pub tera: Tera,
    /// Interface words for the site's language, English filling any gaps.
    pub words: BTreeMap<String, String>,
    /// The theme's folder (for `static/`).
    pub dir: PathBuf,
    /// Text direction of the site's language.
    pub dir_attr: &'static str,
}

/// Languages written right to left (primary subtag).
const RTL: &[&str] = &[
    "ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi",
];

impl Theme {
    /// Loads `themes/<name>/` under the site root.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Vec<Diagnostic>> {
        let dir = root.join("themes").join(&config.theme);
        let rel = Path::new("themes").join(&config.theme);
        if !dir.join("templates").is_dir() {
            return Err(vec![Diagnostic::error(
                Code::Theme,
                rel.join("templates"),
                format!("the theme `{}` has no templates folder", config.theme),
            )
            .with_hint(
                "set `theme:` in site.yaml to a folder in themes/ (the shipped one is `default`)",
            )]);
        }
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html);
        let mut diags = Vec::new();
        let mut files = Vec::new();
        let (templates, walk_diags) = crate::load::files::walk(root, &dir.join("templates"));
        diags.extend(walk_diags);
        for (name, path) in templates {
            files.push((path, Some(name)));
        }
        if let Err(e) = tera.add_template_files(files.iter().cloned()) {
            // Tera names the failing template only inside its message; parsing each file on its
            // own finds it (and its text, for the offending line).
            let failing = files.iter().find_map(|(path, name)| {
                let text = std::fs::read_to_string(path).ok()?;
                let name = name.as_deref().unwrap_or_default();
                tera::Template::new(name, None, &text)
                    .err()
                    .map(|e| (name.to_string(), text, e))
            });
            match failing {
                Some((name, text, e)) => diags.push(template_error(
                    &rel.join("templates").join(name),
                    &e,
                    Some(&text),
                )),
                None => diags.push(template_error(&rel.join("templates"), &e, None)),
            }
        }
        let words = load_words(root, &dir, &rel, &config.language, &mut diags);
        if !diags.is_empty() {
            return Err(diags);
        }
        let primary = config.language.split('-').next().unwrap_or("");
        Ok(Theme {
            tera,
            words,
            dir,
            dir_attr: if RTL.contains(&primary) { "rtl" } else { "ltr" },
        })
    }

    pub fn word(&self, key: &str) -> String {
        self.words
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders `template` with `ctx`, turning Tera's error chain into one diagnostic.
    pub fn render(
        &self,
        template: &str,
        ctx: &Context,
        for_file: &Path,
    ) -> Result<String, Diagnostic> {
        let html = SCRATCH.with(|buf| {
            let mut buf = buf.borrow_mut();
            buf.clear();
            self.tera.render_to(template, ctx, &mut *buf)?;
            // Tera writes only whole `str`s, so this is valid UTF-8 (and checked quickly).
            Ok(match std::str::from_utf8(&buf) {
                Ok(html) => html.to_owned(),
                Err(_) => String::from_utf8_lossy(&buf).into_owned(),
            })
        });
        html.map_err(|e: tera::Error| {
            Diagnostic::error(
                Code::Template,
                for_file.to_path_buf(),
                format!("the template `{template}` failed: {}", error_chain(&e)),
            )
            .with_hint(format!(
                "fix themes/{}/templates/{template}, or the value it uses from this page",
                self.dir
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ))
        })
    }
}

thread_local! {
    /// Each thread renders pages into one reused buffer and keeps an exact-size copy: every page's
    /// HTML lives until the output is written, and a growing buffer per page would leave the heap
    /// full of holes (glibc's allocator then slows down as the site grows).
    static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(64 * 1024));
}

/// Tera's own escaping also turns `/` into `&#x2F;`, which makes every URL unreadable; this
/// escapes only what HTML needs.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn load_words(
    root: &Path,
    dir: &Path,
    rel: &Path,
    language: &str,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut words = BTreeMap::new();
    let primary = language.split('-').next().unwrap_or(language);
    let mut tried = vec!["en".to_string()];
    for candidate in [primary, language] {
        if !tried.iter().any(|t| t == candidate) {
            tried.push(candidate.to_string());
        }
    }
    for lang in tried {
        let file = dir.join("i18n").join(format!("{lang}.yaml"));
        let shown = rel.join("i18n").join(format!("{lang}.yaml"));
        let text = match crate::load::files::read_text(root, &file) {
            Ok(text) => text,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                diags.push(
                    Diagnostic::error(Code::Theme, shown, format!("cannot read this file: {e}"))
                        .with_hint("check the file is saved as UTF-8 text inside the theme"),
                );
                continue;
            }
        };
        match crate::load::yaml::parse::<BTreeMap<String, String>>(&text, &shown, &text, 1) {
            Ok(map) => words.extend(map),
            Err(d) => diags.push(d),
        }
    }
    words
}

/// A template that cannot be parsed. Tera 1.x keeps no structured position: its parser turns
/// pest's error into a message, so the line and column are read from its ` --> line:col`.
fn template_error(file: &Path, e: &tera::Error, text: Option<&str>) -> Diagnostic {
    let chain = error_chain(e);
    let (line, column) = find_position(&chain);
    Diagnostic::error(
        Code::Template,
        file.to_path_buf(),
        format!("template error: {chain}"),
    )
    .at(line, column, text)
    .with_hint("fix the Tera syntax at this place: check `{{ }}`, `{% %}` pairs and block names")
}

/// Tera buries the useful part of its errors in the chain of sources.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !parts.iter().any(|p| p == &text) {
            parts.push(text);
        }
        cur = s.source();
    }
    parts.join(": ").replace('\n', " ")
}

/// Pest errors say ` --> 3:5`; pull that out as (line, column). Tera passes a syntax error on
/// only as text (`ErrorKind::Msg`), so the position is read from it.
fn find_position(text: &str) -> (usize, usize) {
    let Some(i) = text.find("--> ") else {
        return (0, 0);
    };
    let rest = &text[i + 4..];
    let mut nums = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(0));
    (nums.next().unwrap_or(0), nums.next().unwrap_or(0))
}

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
pub fn site_value(site: &Site, theme: &Theme) -> Value {
    let c = &site.config;
    let nav: Vec<Card> = site
        .home()
        .map(|h| {
            let home = &site.pages[h];
            home.subsections.iter().map(|&i| card(site, i)).collect()
        })
        .unwrap_or_default();
    json!({
        "title": c.title,
        "description": c.description,
        "base_url": c.base(),
        "prefix": c.path_prefix(),
        "language": c.language,
        "dir": theme.dir_attr,
        "publisher": c.publisher,
        "search": c.search,
        "local_authority": c.local_authority,
        "sendiass": c.sendiass,
        "extra": c.extra,
        "nav": nav,
        "live_reload": site.options.live_reload,
    })
}

/// Everything a page template gets as `page`.
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
    let toc: Vec<&Heading> = headings.iter().filter(|h| h.level <= 3).collect();
    // The main navigation item this page is under: its top-level section, or itself.
    let nav_url = crumbs
        .get(1)
        .map_or_else(|| site.url(&p.path), |c| c.url.clone());
    json!({
        "title": f.title,
        "description": f.description,
        "audience": f.audience.as_str(),
        "kind": p.src.kind,
        "source": p.src.source,
        "path": p.path,
        "url": site.url(&p.path),
        "permalink": site.permalink(&p.path),
        "content": content,
        "toc": toc,
        "summary": f.summary,
        "reviewed": f.reviewed.map(human_date),
        "reviewed_iso": f.reviewed.map(|d| d.to_string()),
        "next_review": next_review.map(human_date),
        "next_review_iso": next_review.map(|d| d.to_string()),
        "breadcrumbs": crumbs,
        "nav_url": nav_url,
        "parent": p.parent.map(|pi| card(site, pi)),
        "prev": prev.map(|x| card(site, x)),
        "next": next.map(|x| card(site, x)),
        "pages": p.pages.iter().map(|&x| card(site, x)).collect::<Vec<_>>(),
        "subsections": p.subsections.iter().map(|&x| card(site, x)).collect::<Vec<_>>(),
        "steps": steps,
        "school": p.school,
    })
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

/// The variables that differ from page to page: `page`, and a school's `school`, `report` and
/// `offer` (see `school_site`).
pub const PER_PAGE: [&str; 4] = ["page", "school", "report", "offer"];

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
    let mut names: Vec<&str> = theme
        .tera
        .get_template_names()
        .filter(|n| n.starts_with(PARTS_DIR))
        .collect();
    names.sort_unstable();
    let ctx = base_context(site_value, theme);
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
    fn pest_positions_are_found() {
        assert_eq!(find_position("Failed to parse  --> 3:5\n  |"), (3, 5));
        assert_eq!(find_position("no position"), (0, 0));
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

    #[test]
    fn dates_read_naturally() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert_eq!(human_date(d), "5 November 2026");
    }
}
