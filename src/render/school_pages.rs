//! School pages: each Markdown file in `content/school-pages/` is a Tera template, parsed once and
//! rendered for every school with its facts (`school`) and the site's settings (`site`) before the
//! Markdown is parsed. Every fact is escaped on the way in, so a fact can only ever be text.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::content::{url_path, FrontMatter, PageKind, SourcePage};
use crate::model::site::Page;
use crate::school::facts::{School, NEEDS};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tera::{Context, Tera};

/// Escapes a fact for Markdown that becomes HTML: HTML's special characters and Markdown's
/// punctuation become character references (which Markdown reads as plain text), and line breaks
/// become spaces, so a fact cannot start a block, a link, emphasis or raw HTML.
pub fn escape_fact(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!' | '|' | '~'
            | '=' | '{' | '}' | '\'' | '$' | '^' => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The `school` value templates and school pages see: the facts plus addresses and labels.
pub fn school_value(school: &School, home: &str, pack: &str, prefix: &str) -> Value {
    let f = &school.facts;
    let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
    let needs: Vec<Value> = f
        .needs
        .iter()
        .map(|n| {
            let label = NEEDS
                .iter()
                .find(|(s, _)| s == n)
                .map_or(n.as_str(), |x| x.1);
            json!({"slug": n, "label": label})
        })
        .collect();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("slug".into(), json!(school.slug));
        obj.insert("url".into(), json!(home));
        obj.insert("pack_url".into(), json!(pack));
        obj.insert("phase_label".into(), json!(f.phase.label()));
        obj.insert(
            "area_slug".into(),
            json!(crate::school::facts::area_slug(&f.area)),
        );
        obj.insert("need_labels".into(), json!(needs));
        // The school's badge on its own pages of a shared site: only a colour that parses (so
        // nothing else can reach the style attribute) and the logo's address on this site.
        if let Some(b) = &f.branding {
            let accent = b
                .accent
                .as_ref()
                .filter(|a| crate::school::values::parse_colour(a).is_some());
            obj.insert(
                "brand".into(),
                json!({
                    "accent": accent,
                    "logo": b.logo.as_ref().map(|l| format!("{prefix}/{}", l.trim_start_matches('/'))),
                }),
            );
        }
        obj.insert("file".into(), json!(school.file.display().to_string()));
    }
    v
}

/// What the page maker needs to know about the build.
pub struct PageOptions<'a> {
    /// Single-school mode: the school's pages sit at the root.
    pub single: bool,
    /// The theme has `school.html` for a school's home.
    pub school_template: bool,
    /// `site` as school pages see it.
    pub site: &'a Value,
    /// Words for a home page made when `school-pages/_index.md` is missing.
    pub words: &'a BTreeMap<String, String>,
}

/// The URL path of school page `source` (`school-pages/x.md`) for a school.
pub fn page_path(slug: &str, source: &str, single: bool) -> String {
    let inner = source.strip_prefix("school-pages/").unwrap_or(source);
    let path = url_path(inner);
    if single {
        path
    } else {
        format!("/schools/{slug}{path}")
    }
}

/// Parses every school page once, then makes every school's copy of every page.
pub fn make(
    templates: &[SourcePage],
    schools: &[School],
    values: &[Value],
    opts: &PageOptions,
) -> (Vec<Page>, Vec<Diagnostic>) {
    let (tera, mut diags) = compile(templates, opts.words);
    let results: Vec<Result<Page, (usize, usize, String)>> = schools
        .par_iter()
        .enumerate()
        .flat_map_iter(|(si, school)| {
            let tera = &tera;
            let mut ctx = Context::new();
            ctx.insert("school", &values[si]);
            ctx.insert("site", opts.site);
            let mut out: Vec<Result<Page, (usize, usize, String)>> = templates
                .iter()
                .enumerate()
                .filter(|(_, t)| tera.get_template_names().any(|n| n == t.source))
                .map(|(ti, t)| render_one(tera, &ctx, t, school, opts).map_err(|e| (ti, si, e)))
                .collect();
            if !templates
                .iter()
                .any(|t| t.source == "school-pages/_index.md")
            {
                out.push(Ok(made_home(school, opts)));
            }
            out.into_iter()
        })
        .collect();
    let mut failures: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    let mut pages = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err((ti, si, e)) => failures.entry((ti, e)).or_default().push(si),
        }
    }
    for ((ti, error), who) in failures {
        diags.push(render_problem(
            &templates[ti],
            &error,
            &who,
            schools,
            values,
        ));
    }
    (pages, diags)
}

fn compile(templates: &[SourcePage], words: &BTreeMap<String, String>) -> (Tera, Vec<Diagnostic>) {
    let mut tera = Tera::default();
    let theme = crate::render::theme::DATE_FILTER;
    tera.register_filter(theme, crate::render::theme::date_filter(words));
    tera.autoescape_on(vec![".md"]);
    tera.set_escape_fn(escape_fact);
    let mut diags = Vec::new();
    for t in templates {
        let mut result = tera.add_raw_template(&t.source, t.body());
        let title = &t.front.title;
        if result.is_ok() && (title.contains("{{") || title.contains("{%")) {
            result = tera.add_raw_template(&format!("{}#title", t.source), title);
        }
        if let Err(e) = result {
            let chain = crate::render::theme::error_chain(&e);
            let body_line = t.text[..t.body_start].matches('\n').count();
            let (line, col) = pest_position(&chain);
            diags.push(
                Diagnostic::error(Code::SchoolPage, t.file.clone(), format!("this school page cannot be read as a template: {chain}"))
                    .at(if line > 0 { body_line + line } else { 0 }, col, Some(&t.text))
                    .with_hint("check every `{{` has a `}}` and every `{% if %}` or `{% for %}` has its `{% endif %}` or `{% endfor %}`; write a literal `{{` as `{{ \"{{\" }}`"),
            );
        }
    }
    (tera, diags)
}

/// Pest errors say ` --> 3:5`. Tera passes a syntax error on only as text (`ErrorKind::Msg`),
/// so the position is read from it.
fn pest_position(text: &str) -> (usize, usize) {
    let Some(i) = text.find("--> ") else {
        return (0, 0);
    };
    let mut nums = text[i + 4..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(0));
    (nums.next().unwrap_or(0), nums.next().unwrap_or(0))
}

fn render_one(
    tera: &Tera,
    ctx: &Context,
    t: &SourcePage,
    school: &School,
    opts: &PageOptions,
) -> Result<Page, String> {
    let body = tera
        .render(&t.source, ctx)
        .map_err(|e| crate::render::theme::error_chain(&e))?;
    let mut front = t.front.clone();
    let title_template = format!("{}#title", t.source);
    if tera.get_template_names().any(|n| n == title_template) {
        front.title = tera
            .render(&title_template, ctx)
            .map_err(|e| crate::render::theme::error_chain(&e))?;
    }
    front.title = whose_title(front.title, &t.source, &school.facts.name);
    if t.kind == PageKind::Section && front.template.is_none() && opts.school_template {
        front.template = Some("school.html".into());
    }
    let head = &t.text[..t.body_start];
    let src = SourcePage {
        source: t.source.clone(),
        variant: None,
        file: t.file.clone(),
        kind: t.kind,
        front,
        body_start: head.len(),
        text: format!("{head}{body}"),
        // The front matter is the template's, line for line.
        positions: t.positions.clone(),
        made_from: None,
    };
    Ok(Page::new(
        page_path(&school.slug, &t.source, opts.single),
        src,
        Some(school.slug.clone()),
    ))
}

/// A school page's title names its school, so that its tab, heading, breadcrumb and search result
/// say whose page it is: a school's home is titled with the school's name; any other title that
/// does not name the school gets it after a dash ("Raising a concern – Oakfield Primary School").
pub fn whose_title(title: String, source: &str, school: &str) -> String {
    if source == "school-pages/_index.md" {
        school.to_string()
    } else if title.contains(school) {
        title
    } else {
        format!("{title} – {school}")
    }
}

/// A school's home when the site has no `school-pages/_index.md`.
fn made_home(school: &School, opts: &PageOptions) -> Page {
    let word = |k: &str, d: &str| opts.words.get(k).cloned().unwrap_or_else(|| d.into());
    let front = FrontMatter {
        title: school.facts.name.clone(),
        description: format!(
            "{} {}",
            word(
                "school_home_description",
                "Special educational needs information from"
            ),
            school.facts.name
        ),
        audience: crate::load::config::Audience::Parents,
        reviewed: None,
        review_every: None,
        weight: 0,
        draft: false,
        aliases: Vec::new(),
        reading_age: None,
        template: opts.school_template.then(|| "school.html".into()),
        steps: Vec::new(),
        summary: Vec::new(),
        translated: None,
        translated_from_reviewed: None,
        local_offer: Vec::new(),
    };
    let source = "school-pages/_index.md";
    Page::new(
        page_path(&school.slug, source, opts.single),
        SourcePage::made(
            source.into(),
            school.file.clone(),
            PageKind::Section,
            front,
            String::new(),
        ),
        Some(school.slug.clone()),
    )
}

/// One diagnostic per page and problem, naming the schools it happened for.
fn render_problem(
    t: &SourcePage,
    error: &str,
    who: &[usize],
    schools: &[School],
    values: &[Value],
) -> Diagnostic {
    let names: Vec<String> = who
        .iter()
        .map(|&i| format!("{} ({})", schools[i].facts.name, schools[i].file.display()))
        .collect();
    let for_whom = if names.len() == 1 {
        names[0].clone()
    } else {
        format!("{} schools: {}", names.len(), names.join(", "))
    };
    // Tera reports a missing variable only as words (`ErrorKind::Msg`, "Variable `x` not found
    // in context ..."), so its name is read from them.
    let missing = error
        .split("Variable `")
        .nth(1)
        .and_then(|rest| rest.split('`').next());
    let Some(var) = missing else {
        return Diagnostic::error(
            Code::SchoolPage,
            t.file.clone(),
            format!("this school page failed for {for_whom}: {error}"),
        )
        .with_hint("check the `{{ }}` and `{% %}` parts of the page");
    };
    // Tera's templates carry no positions (its AST has no spans and its errors no line), so the
    // line is the first of the template's body that names the variable.
    let body = t.body();
    let line = body
        .lines()
        .position(|l| l.contains(var))
        .map_or(0, |i| t.text[..t.body_start].matches('\n').count() + i + 1);
    let hint = available_hint(var, &values[who[0]]);
    Diagnostic::error(
        Code::SchoolPage,
        t.file.clone(),
        format!("`{var}` is not among the facts of {for_whom}"),
    )
    .at(line, 0, Some(&t.text))
    .with_hint(hint)
}

/// Says which fields exist beside a missing one.
fn available_hint(var: &str, school: &Value) -> String {
    let mut parts: Vec<&str> = var.split('.').collect();
    parts.pop();
    let (root, rest) = match parts.split_first() {
        Some((r, rest)) => (*r, rest),
        None => return "check the spelling of the name".into(),
    };
    if root != "school" {
        return format!("check the spelling; `{root}` values come from site.yaml or the page, or wrap the line in `{{% if {var} %}}…{{% endif %}}`");
    }
    let mut cur = school;
    for p in rest {
        cur = cur.get(p).unwrap_or(&Value::Null);
    }
    match cur.as_object() {
        Some(map) => format!(
            "check the spelling, or add it to the school's facts, or wrap it in `{{% if {var} %}}…{{% endif %}}`; the facts here are: {}",
            map.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
        None => format!("add `{}` to the school's facts, or wrap it in `{{% if {var} %}}…{{% endif %}}`", parts.join(".")),
    }
}

/// The Local Offer list page `/schools/`: `content/schools/_index.md` when the site has one.
pub fn list_page(
    root: &std::path::Path,
    words: &BTreeMap<String, String>,
    single: bool,
) -> Result<Page, Diagnostic> {
    let file = PathBuf::from("content/schools/_index.md");
    let abs = root.join(&file);
    let mut src = if abs.is_file() {
        let text = crate::load::files::read_text(root, &abs).map_err(|e| {
            Diagnostic::error(
                Code::Content,
                file.clone(),
                format!("cannot read this file: {e}"),
            )
        })?;
        SourcePage::parse("schools/_index.md", file, text)?
    } else {
        let word = |k: &str, d: &str| words.get(k).cloned().unwrap_or_else(|| d.into());
        let text = format!(
            "---\ntitle: {}\ndescription: {}\n---\n",
            serde_json::to_string(&word("schools_title", "Schools")).unwrap_or_default(),
            serde_json::to_string(&word("schools_description", "Every school, what it offers for special educational needs, and its SEN information report.")).unwrap_or_default(),
        );
        SourcePage::parse("schools/_index.md", file, text)?
    };
    if src.front.template.is_none() {
        src.front.template = Some("schools.html".into());
    }
    if src.front.weight == 0 {
        src.front.weight = 100;
    }
    // A single-school site keeps the list out of the main navigation.
    if single {
        src.kind = PageKind::Page;
    }
    Ok(Page::new("/schools/".into(), src, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_cannot_become_markup() {
        let md = format!(
            "Hello {}",
            escape_fact("<script>x</script> [a](javascript:b) *c*\n# h")
        );
        let r = crate::render::markdown::render(
            crate::load::markdown::parse(&md),
            &Default::default(),
            |_| crate::model::links::Resolved::Keep,
        );
        assert!(!r.had_raw_html);
        assert!(
            r.html
                .contains("&lt;script&gt;x&lt;/script&gt; [a](javascript:b) *c* # h"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<a") && !r.html.contains("<em>") && !r.html.contains("<h1"));
    }

    #[test]
    fn paths_per_mode() {
        assert_eq!(
            page_path("oak", "school-pages/_index.md", false),
            "/schools/oak/"
        );
        assert_eq!(
            page_path("oak", "school-pages/contact.md", false),
            "/schools/oak/contact/"
        );
        assert_eq!(page_path("oak", "school-pages/_index.md", true), "/");
        assert_eq!(
            page_path("oak", "school-pages/sen-information-report.md", true),
            "/sen-information-report/"
        );
    }

    #[test]
    fn positions_come_from_pest() {
        assert_eq!(pest_position("x --> 3:5 y"), (3, 5));
    }
}
