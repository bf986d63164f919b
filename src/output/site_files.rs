//! The files every site has besides its pages: sitemap.xml, robots.txt, 404.html, feed.xml,
//! alias redirects, the highlighting stylesheet, and the theme's and content's static files.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::markdown::escape;
use crate::model::file::OutputFile;
use crate::model::site::{Page, Site};
use crate::render::{self, glossary_page, Theme};
use serde_json::Value;

/// sitemap.xml, robots.txt, 404.html, feed.xml, alias redirects and the highlighting stylesheet.
/// `listed` are addresses of pages the build makes besides the model's (the list of schools'
/// later, filter and A–Z pages) that the sitemap lists too.
pub fn site_files(
    site: &Site,
    theme: &Theme,
    site_value: &Value,
    listed: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile::bytes("sitemap.xml", sitemap(site, theme, listed)),
        OutputFile::bytes(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\nSitemap: {}\n",
                site.permalink("/sitemap.xml")
            ),
        ),
        OutputFile::bytes("syntax.css", crate::render::markdown::syntax_css()),
        OutputFile::bytes("feed.xml", feed(site)),
    ];
    let ctx = render::base_context(site_value, theme);
    if theme.has_template("404.html") {
        match theme.render("404.html", &ctx, std::path::Path::new("themes/404.html")) {
            Ok(html) => files.push(OutputFile::bytes("404.html", html)),
            Err(d) => diags.push(d),
        }
    }
    for page in &site.pages {
        files.extend(redirects(site, page, diags));
    }
    files
}

/// sitemap.xml: every page's address (and each of `listed`), with its review date (or, for a
/// made list, the date it was last updated, when later) as `lastmod`, and every version's
/// address with its versions in other languages as `xhtml:link` alternates (and `x-default`).
fn sitemap(site: &Site, theme: &Theme, listed: &[String]) -> String {
    let translated = site.pages.iter().any(|p| p.original.is_some());
    let mut urls: Vec<&str> = site.pages.iter().map(|p| p.path.as_str()).collect();
    urls.extend(listed.iter().map(String::as_str));
    if theme.has_template("glossary.html") {
        urls.push(glossary_page::PATH);
    }
    urls.sort_unstable();
    urls.dedup();
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if translated {
        sitemap.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    sitemap.push_str(">\n");
    for path in &urls {
        sitemap.push_str("  <url><loc>");
        sitemap.push_str(&escape(&site.permalink(path)));
        sitemap.push_str("</loc>");
        let reviewed = site.find_path(path).and_then(|i| {
            let src = &site.pages[i].src;
            src.front.reviewed.max(src.updated())
        });
        if let Some(d) = reviewed {
            sitemap.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        let alternates = site
            .find_path(path)
            .map(|i| crate::render::versions::alternates(site, i))
            .unwrap_or_default();
        let x_default = alternates.first().map(|v| v.permalink.clone());
        let links = alternates
            .into_iter()
            .map(|v| (v.lang, v.permalink))
            .chain(x_default.map(|p| ("x-default".to_string(), p)));
        for (lang, href) in links {
            sitemap.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(&lang),
                escape(&href)
            ));
        }
        sitemap.push_str("</url>\n");
    }
    sitemap.push_str("</urlset>\n");
    sitemap
}

/// A redirect page for each of `page`'s aliases (old addresses); an alias climbing out of the
/// site is an error at its line.
fn redirects(site: &Site, page: &Page, diags: &mut Vec<Diagnostic>) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for (n, alias) in page.src.front.aliases.iter().enumerate() {
        // Two spellings of one address are one address: compared (with every other output
        // path, in `check_output_paths`) only in their normal form.
        let Some(clean) = alias_file(alias) else {
            diags.push(
                Diagnostic::error(
                    Code::Aliases,
                    page.src.file.clone(),
                    format!("the alias `{alias}` climbs out of the site with `..`"),
                )
                .at(
                    page.src.front_matter_line(&format!("aliases[{n}]")),
                    0,
                    Some(&page.src.text),
                )
                .with_hint(
                    "write the old address from the top of the site, e.g. `/old/sen-support/`",
                ),
            );
            continue;
        };
        let target = escape(&site.url(&page.path));
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n",
            lang = escape(&site.config.language),
            title = escape(page.title()),
        );
        files.push(OutputFile::bytes(clean, html));
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
    let mut pages: Vec<&Page> = site
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
    let esc = escape;
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
pub fn static_files(
    root: &std::path::Path,
    theme: &Theme,
    assets: &[(String, std::path::PathBuf)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let static_dir = theme.dir.join("static");
    if static_dir.is_dir() {
        let (found, walk_diags) = crate::load::files::walk(root, &static_dir);
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
