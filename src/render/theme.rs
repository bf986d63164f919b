//! The theme: Tera templates loaded and parsed once (errors at their file and line), the
//! interface words of the site's language, and the text direction.

use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::SiteConfig;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

thread_local! {
    /// Each thread renders pages into one reused buffer and keeps an exact-size copy: every page's
    /// HTML lives until the output is written, and a growing buffer per page would leave the heap
    /// full of holes (glibc's allocator then slows down as the site grows).
    static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(64 * 1024));
}

/// A loaded theme.
pub struct Theme {
    pub tera: Tera,
    /// Interface words for the site's language, English filling any gaps.
    pub words: BTreeMap<String, String>,
    /// The theme's folder (for `static/`).
    pub dir: PathBuf,
    /// Text direction of the site's language.
    pub dir_attr: &'static str,
    /// Interface words of each of the site's `languages:`, English filling any gaps.
    pub variant_words: BTreeMap<String, BTreeMap<String, String>>,
    /// Warnings found while loading (a language with no interface file): the build reports
    /// them, and goes on with English words.
    pub warnings: Vec<Diagnostic>,
}

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
        tera.register_filter("tel", tel_filter);
        tera.register_filter("contacts", contacts_filter);
        tera.register_filter("url_text", |v: &tera::Value, _: &_| {
            let s = v.as_str().unwrap_or_default();
            Ok(tera::Value::String(crate::render::contacts::readable_url(
                s,
            )))
        });
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
        let mut variant_words = BTreeMap::new();
        for code in config.language_codes() {
            variant_words.insert(
                code.to_string(),
                load_words(root, &dir, &rel, code, &mut diags),
            );
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let warnings = missing_interface_files(&dir, &rel, config);
        tera.register_filter(DATE_FILTER, date_filter(&words));
        Ok(Theme {
            tera,
            words,
            dir,
            dir_attr: crate::load::languages::direction(&config.language),
            variant_words,
            warnings,
        })
    }

    /// The interface words of a variant's pages (`None`: the site's language; Easy Read
    /// versions use the site's words too).
    pub fn words_for(&self, variant: Option<&str>) -> &BTreeMap<String, String> {
        variant
            .and_then(|v| self.variant_words.get(v))
            .unwrap_or(&self.words)
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

/// The name of the Tera filter that prints a `YYYY-MM-DD` date as people read it, in the
/// site's language: `{{ page.reviewed_iso | long_date }}` → "1 September 2026". Every date a
/// page shows goes through it (the theme's `partials/date.html`, and school pages' Markdown).
pub const DATE_FILTER: &str = "long_date";

/// The [`DATE_FILTER`] filter, with the month names (`month_01` … `month_12`) of `words`.
pub fn date_filter(words: &BTreeMap<String, String>) -> impl tera::Filter {
    let months: Vec<Option<String>> = (1..=12)
        .map(|m| words.get(&format!("month_{m:02}")).cloned())
        .collect();
    // `long_date(words=i18n)` takes the month names of the page's own interface words (a
    // translated page's), else those of the site's language.
    move |value: &tera::Value, args: &std::collections::HashMap<String, tera::Value>| {
        let text = match value {
            tera::Value::String(s) => s.clone(),
            tera::Value::Null => return Ok(tera::Value::String(String::new())),
            other => other.to_string(),
        };
        let page_words = args.get("words");
        let month = |m: u32| {
            page_words
                .and_then(|w| w.get(format!("month_{m:02}")))
                .and_then(tera::Value::as_str)
                .map(str::to_string)
                .or_else(|| months.get(m as usize - 1).cloned().flatten())
        };
        Ok(tera::Value::String(crate::format::date_in_words(
            &text, month,
        )))
    }
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

/// The interface languages a theme has: the names of its `i18n/*.yaml` files, sorted.
pub fn interface_languages(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir.join("i18n"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".yaml").map(str::to_string)
        })
        .collect();
    out.sort();
    out
}

/// A warning for each language of the site (`language:`, `languages:`) the theme has no
/// interface file for, at its line of `site.yaml`, naming the languages it has.
fn missing_interface_files(dir: &Path, rel: &Path, config: &SiteConfig) -> Vec<Diagnostic> {
    let have = interface_languages(dir);
    let has = |code: &str| {
        let primary = code.split('-').next().unwrap_or(code);
        have.iter().any(|h| h == code || h == primary)
    };
    let mut wanted = vec![(config.language.clone(), "language".to_string())];
    for (n, code) in config.language_codes().enumerate() {
        wanted.push((code.to_string(), format!("languages[{n}].code")));
    }
    wanted
        .into_iter()
        .filter(|(code, _)| !has(code))
        .map(|(code, key)| {
            Diagnostic::warning(
                Code::Theme,
                "site.yaml",
                format!(
                    "the theme has no interface words in `{code}` ({}), so its pages show the theme's words in English",
                    rel.join("i18n").join(format!("{code}.yaml")).display()
                ),
            )
            .at(config.line_of(&key), 0, Some(&config.text))
            .with_hint(format!(
                "the theme has interface words in: {}; add {code}.yaml there with every key of en.yaml, or pick one of these",
                have.join(", ")
            ))
        })
        .collect()
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

/// `{{ text | contacts | safe }}`: free text (a fact such as how to reach the chair of
/// governors) escaped, with its phone numbers, email addresses and web addresses as links.
fn contacts_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    use crate::render::contacts::{pieces, Piece};
    let s = value.as_str().unwrap_or_default();
    let mut out = String::with_capacity(s.len() + 32);
    for p in pieces(s) {
        match p {
            Piece::Text(t) => out.push_str(&escape_html(t)),
            Piece::Link { href, text } => {
                out.push_str(&format!(
                    "<a href=\"{}\">{}</a>",
                    escape_html(&href),
                    escape_html(&text)
                ));
            }
        }
    }
    Ok(tera::Value::String(out))
}

/// `{{ phone | tel }}`: a UK number in the international form a `tel:` link dials
/// (`01234 567890` → `+441234567890`); anything else as written, without spaces.
fn tel_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let s = value.as_str().unwrap_or_default();
    Ok(tera::Value::String(
        crate::render::contacts::tel(s).unwrap_or_else(|| s.replace(' ', "")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_filter_uses_the_months_of_the_interface_words() {
        let mut words = BTreeMap::new();
        words.insert("month_09".to_string(), "Medi".to_string());
        let mut tera = Tera::default();
        tera.register_filter(DATE_FILTER, date_filter(&words));
        tera.add_raw_template("t", "{{ d | long_date }}|{{ e | long_date }}")
            .expect("template");
        let mut ctx = Context::new();
        ctx.insert("d", "2026-09-01");
        ctx.insert("e", "2026-03-15");
        assert_eq!(
            tera.render("t", &ctx).expect("render"),
            "1 Medi 2026|15 March 2026"
        );
    }

    #[test]
    fn pest_positions_are_found() {
        assert_eq!(find_position("Failed to parse  --> 3:5\n  |"), (3, 5));
        assert_eq!(find_position("no position"), (0, 0));
    }
}
