//! Content loading: walks `content/`, splits each Markdown file into YAML front matter and body,
//! and checks the front matter against [`FrontMatter`]. Produces [`SourcePage`]s and the list of
//! plain files (assets) to copy; it knows nothing about URLs or rendering.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::config::Audience;
use crate::load::files::walk;
use crate::load::made::{MadeFrom, Review};
use crate::load::positions::Positions;
use crate::load::yaml::limit;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One step of a step-by-step route (the complaint route).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(deserialize_with = "limit::text::<_, { limit::SHORT }>")]
    pub title: String,
    #[serde(default, deserialize_with = "limit::opt::<_, { limit::SHORT }>")]
    pub who: Option<String>,
    #[serde(default, deserialize_with = "limit::opt::<_, { limit::PARAGRAPHS }>")]
    pub what: Option<String>,
    #[serde(default, deserialize_with = "limit::opt::<_, { limit::PARAGRAPHS }>")]
    pub cannot: Option<String>,
    #[serde(default, deserialize_with = "limit::opt::<_, { limit::SENTENCE }>")]
    pub time_limit: Option<String>,
    /// A relative `.md` path to a page with the detail.
    #[serde(default, deserialize_with = "limit::opt::<_, { limit::ADDRESS }>")]
    pub page: Option<String>,
}

/// The YAML between the `---` lines at the top of a Markdown file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(deserialize_with = "limit::text::<_, { limit::SHORT }>")]
    pub title: String,
    #[serde(deserialize_with = "limit::text::<_, { limit::SENTENCE }>")]
    pub description: String,
    #[serde(default)]
    pub audience: Audience,
    #[serde(default)]
    pub reviewed: Option<NaiveDate>,
    #[serde(default)]
    pub review_every: Option<u32>,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub draft: bool,
    #[serde(default, deserialize_with = "limit::list::<_, { limit::ADDRESS }>")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub reading_age: Option<u32>,
    #[serde(default, deserialize_with = "limit::opt::<_, { limit::SHORT }>")]
    pub template: Option<String>,
    #[serde(default)]
    pub steps: Vec<Step>,
    #[serde(default, deserialize_with = "limit::list::<_, { limit::SENTENCE }>")]
    pub summary: Vec<String>,
    /// A translation's date of translation (`page.pl.md`).
    #[serde(default)]
    pub translated: Option<NaiveDate>,
    /// The English page's `reviewed` date the translation (or Easy Read version) was made from.
    #[serde(default)]
    pub translated_from_reviewed: Option<NaiveDate>,
    /// The paragraphs of the SEND Regulations 2014, Schedule 2, this page answers (`1`, `5h`,
    /// `17`), as written; checked by the Local Offer check.
    #[serde(default, deserialize_with = "paragraph_list")]
    pub local_offer: Vec<String>,
}

/// `local_offer: [1, 2, 5h]`: numbers and text alike, each kept as text.
fn paragraph_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum One {
        Number(u64),
        Text(String),
    }
    let list: Vec<One> = Vec::deserialize(d)?;
    list.into_iter()
        .map(|one| match one {
            One::Number(n) => Ok(n.to_string()),
            One::Text(t) if t.chars().count() <= 20 => Ok(t),
            One::Text(_) => Err(serde::de::Error::custom(
                "a `local_offer` entry is a paragraph number such as 5 or 5h",
            )),
        })
        .collect()
}

/// Whether a file is a section's `_index.md` or an ordinary page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Section,
    Page,
}

impl PageKind {
    /// The kind of the file at `source` (its path inside `content/`).
    pub fn of(source: &str) -> PageKind {
        if source.rsplit('/').next() == Some("_index.md") {
            PageKind::Section
        } else {
            PageKind::Page
        }
    }
}

/// A Markdown file read from disk, its front matter checked.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Path inside `content/`, with `/` separators: `parents/meetings.md`.
    pub source: String,
    /// Path from the site root, for messages: `content/parents/meetings.md`.
    pub file: PathBuf,
    pub kind: PageKind,
    /// For a translation or Easy Read version (`a.pl.md`, `a.easy.md`): the source path of the
    /// page it is a version of (`a.md`) and the variant (`pl`, `easy`); see `load::languages`.
    pub variant: Option<(String, String)>,
    pub front: FrontMatter,
    /// The whole file, front matter included.
    pub text: String,
    /// Byte offset of the body in `text`.
    pub body_start: usize,
    /// Where each front matter key and value is written, in lines of `text`: read from the
    /// front matter's parse events the first time a diagnostic asks (most pages never do, and a
    /// map per page would cost a site of 10,000 pages about 15 MB).
    pub positions: std::sync::OnceLock<Positions>,
    /// For a page the build writes from a data file (an event, "You said, we did"): what it
    /// keeps of that file (where its fields are, how the page is dated).
    pub made_from: Option<Box<MadeFrom>>,
}

impl SourcePage {
    /// A page the build makes (a list, a service's page, a school's home) rather than reads:
    /// `text` is all body, with no front matter and so no positions in it.
    pub fn made(
        source: String,
        file: PathBuf,
        kind: PageKind,
        front: FrontMatter,
        text: String,
    ) -> SourcePage {
        SourcePage {
            source,
            variant: None,
            file,
            kind,
            front,
            text,
            body_start: 0,
            positions: Default::default(),
            made_from: None,
        }
    }

    /// A made page (see [`SourcePage::made`]) written from a data file.
    pub fn made_from(mut self, from: MadeFrom) -> SourcePage {
        self.made_from = Some(Box::new(from));
        self
    }

    /// How `check` holds the page to a review date.
    pub fn review(&self) -> Review {
        self.made_from
            .as_ref()
            .map_or(Review::FrontMatter, |m| m.review)
    }

    /// When what a made page lists last changed ("Last updated"), if it says.
    pub fn updated(&self) -> Option<NaiveDate> {
        self.made_from.as_ref().and_then(|m| m.updated)
    }

    /// Where the byte `offset` of the body is written: the file, line, column and the file's
    /// text. For a page made from a data file, the place in that file of the field that wrote
    /// it (line 0 when no field did); else the place in this page's own file.
    pub fn place(&self, offset: usize) -> (&Path, usize, usize, &str) {
        if let Some(m) = &self.made_from {
            if let Some(pos) = m.place(self.body(), offset) {
                return (&m.file, pos.line, pos.column, &m.text);
            }
        }
        let (line, column) = crate::diagnostics::line_col(&self.text, self.body_start + offset);
        (&self.file, line, column, &self.text)
    }

    /// `d` placed at the byte `offset` of the body: its file, line, column and source line
    /// (see [`SourcePage::place`]).
    pub fn placed(&self, mut d: Diagnostic, offset: usize) -> Diagnostic {
        let (file, line, column, text) = self.place(offset);
        d.file = file.to_path_buf();
        d.at(line, column, Some(text))
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The 1-based line of the front matter key at `path` (a path of [`Positions`]:
    /// `reviewed`, `aliases[1]`, `steps[0].what`), else of its nearest written parent (`steps[0]`,
    /// then `steps`); 0 when none is written.
    pub fn front_matter_line(&self, path: &str) -> usize {
        self.positions().nearest_key_line(path).unwrap_or(0)
    }

    /// Where each front matter key and value is written (see the field).
    pub fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| {
            split_front_matter(&self.text)
                .map(|(yaml, line, _)| Positions::of(yaml, line))
                .unwrap_or_default()
        })
    }

    /// Like [`SourcePage::parse`], but a page whose front matter is YAML with a wrong field is
    /// kept, with what could be read of it (its title, or its file name, and the fields that
    /// are right), beside the diagnostic: it still exists as a link target, so one mistake in
    /// one file is one error, not one per page linking to it.
    pub fn parse_recovering(
        source: &str,
        file: PathBuf,
        text: String,
    ) -> (Option<SourcePage>, Option<Diagnostic>) {
        match SourcePage::parse(source, file.clone(), text.clone()) {
            Ok(p) => (Some(p), None),
            Err(d) => (Self::recovered(source, file, text), Some(d)),
        }
    }

    /// What can be read of a page whose typed front matter failed: `None` when there is no
    /// front matter or it is not YAML.
    fn recovered(source: &str, file: PathBuf, text: String) -> Option<SourcePage> {
        let (yaml, _, body_start) = split_front_matter(&text)?;
        let v: serde_yaml::Value = serde_yaml::from_str(yaml).ok()?;
        let text_of = |k: &str| {
            v.get(k)
                .and_then(serde_yaml::Value::as_str)
                .map(str::to_string)
        };
        let typed = |k: &str| v.get(k).cloned();
        let stem = source
            .rsplit('/')
            .find(|p| *p != "_index.md")
            .unwrap_or(source)
            .trim_end_matches(".md")
            .replace('-', " ");
        let front = FrontMatter {
            title: text_of("title")
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(stem),
            description: text_of("description").unwrap_or_default(),
            audience: typed("audience")
                .and_then(|a| serde_yaml::from_value(a).ok())
                .unwrap_or_default(),
            reviewed: typed("reviewed").and_then(|a| serde_yaml::from_value(a).ok()),
            review_every: typed("review_every").and_then(|a| serde_yaml::from_value(a).ok()),
            weight: typed("weight")
                .and_then(|a| serde_yaml::from_value(a).ok())
                .unwrap_or_default(),
            draft: v.get("draft").and_then(serde_yaml::Value::as_bool) == Some(true),
            aliases: typed("aliases")
                .and_then(|a| serde_yaml::from_value(a).ok())
                .unwrap_or_default(),
            reading_age: typed("reading_age").and_then(|a| serde_yaml::from_value(a).ok()),
            // A steps page whose steps could not be read is shown as a plain page.
            template: text_of("template").filter(|_| v.get("steps").is_none()),
            steps: Vec::new(),
            summary: typed("summary")
                .and_then(|a| serde_yaml::from_value(a).ok())
                .unwrap_or_default(),
            local_offer: v
                .get("local_offer")
                .and_then(serde_yaml::Value::as_sequence)
                .map(|l| {
                    l.iter()
                        .filter_map(|p| match p {
                            serde_yaml::Value::String(s) => Some(s.clone()),
                            serde_yaml::Value::Number(n) => Some(n.to_string()),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            translated: typed("translated").and_then(|a| serde_yaml::from_value(a).ok()),
            translated_from_reviewed: typed("translated_from_reviewed")
                .and_then(|a| serde_yaml::from_value(a).ok()),
        };
        let variant = crate::load::languages::split_variant(source);
        let kind = PageKind::of(variant.as_ref().map_or(source, |(o, _)| o.as_str()));
        Some(SourcePage {
            source: source.to_string(),
            file,
            kind,
            front,
            text,
            body_start,
            positions: Default::default(),
            variant,
            made_from: None,
        })
    }

    /// Parses one Markdown file's text. `source` is its path inside `content/`.
    pub fn parse(source: &str, file: PathBuf, text: String) -> Result<SourcePage, Diagnostic> {
        let (yaml, yaml_line, body_start) = split_front_matter(&text).ok_or_else(|| {
            Diagnostic::error(Code::FrontMatter, file.clone(), "this page has no front matter")
                .at(1, 1, Some(&text))
                .with_hint(
                    "start the file with a `---` line, then `title:` and `description:` lines, then another `---` line",
                )
        })?;
        let front: FrontMatter = crate::load::yaml::parse(yaml, &file, &text, yaml_line)?;
        let variant = crate::load::languages::split_variant(source);
        let original = variant.as_ref().map_or(source, |(o, _)| o.as_str());
        let kind = PageKind::of(original);
        if front.title.trim().is_empty() {
            return Err(
                Diagnostic::error(Code::FrontMatter, file, "the title is empty")
                    .at(yaml_line, 1, Some(&text))
                    .with_hint("give the page a short title, e.g. `title: \"Annual reviews\"`"),
            );
        }
        Ok(SourcePage {
            source: source.to_string(),
            file,
            kind,
            variant,
            front,
            text,
            body_start,
            positions: Default::default(),
            made_from: None,
        })
    }
}

/// Finds the front matter: returns (yaml, the 1-based line it starts on, byte offset of the body).
pub fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first_end + 1;
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((&text[yaml_start..pos], 2, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct LoadedContent {
    /// Pages sorted by source path.
    pub pages: Vec<SourcePage>,
    /// School page templates (`school-pages/*.md`), sorted.
    pub school_pages: Vec<SourcePage>,
    /// Files copied as they are: (path inside content/, absolute path), sorted.
    pub assets: Vec<(String, PathBuf)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Folders and files of `content/` that are not ordinary pages.
const SCHOOLS_DIR: &str = "schools";
const SCHOOL_PAGES_DIR: &str = "school-pages";
const SERVICES_DIR: &str = "services";
const DATA_DIR: &str = "data";
const EVENTS_DIR: &str = "events";

/// Whether a file in `content/` is read by a module of its own (the glossary, schools,
/// services, events, the "You said, we did" log, the postcode table) rather than published or copied.
fn read_elsewhere(rel: &str) -> bool {
    let in_dir = |dir: &str, ext: &[&str]| {
        rel.strip_prefix(dir)
            .and_then(|r| r.strip_prefix('/'))
            .is_some_and(|r| ext.iter().any(|e| r.ends_with(e)))
    };
    rel == "glossary.yaml"
        || (rel.starts_with("glossary.") && rel.ends_with(".yaml") && !rel.contains('/'))
        || rel == "you-said-we-did.yaml"
        || in_dir(EVENTS_DIR, &[".yaml", ".yml"])
        || rel.starts_with(&format!("{SCHOOLS_DIR}/"))
        || in_dir(SERVICES_DIR, &[".yaml", ".yml"])
        || in_dir(DATA_DIR, &[".csv"])
}

/// Walks `content/` under `root` and reads every page (in parallel).
pub fn load(root: &Path, drafts: bool) -> LoadedContent {
    let content = root.join("content");
    let mut out = LoadedContent::default();
    if !content.is_dir() {
        out.diagnostics.push(
            Diagnostic::error(Code::Content, "content", "there is no content folder")
                .with_hint("make a `content/` folder with an `_index.md` home page"),
        );
        return out;
    }
    let mut markdown = Vec::new();
    let (files, diags) = walk(root, &content);
    // The glossary and school modules read (and report) their own files.
    let theirs = |f: &Path| {
        f.strip_prefix("content")
            .is_ok_and(|r| read_elsewhere(&r.to_string_lossy().replace('\\', "/")))
    };
    out.diagnostics
        .extend(diags.into_iter().filter(|d| !theirs(&d.file)));
    for (rel, abs) in files {
        if read_elsewhere(&rel) {
            continue; // read by the glossary, school and service modules
        }
        if rel.ends_with(".md") {
            markdown.push((rel, abs));
        } else {
            out.assets.push((rel, abs));
        }
    }

    type Read = (Option<SourcePage>, Option<Diagnostic>);
    let parsed: Vec<Result<Read, Diagnostic>> = markdown
        .par_iter()
        .map(|(rel, abs)| {
            let file = Path::new("content").join(rel);
            let text = std::fs::read_to_string(abs).map_err(|e| {
                Diagnostic::error(
                    Code::Content,
                    file.clone(),
                    format!("cannot read this file: {e}"),
                )
                .with_hint("check the file is saved as UTF-8 text")
            })?;
            Ok(SourcePage::parse_recovering(rel, file, text))
        })
        .collect();
    for page in parsed {
        let (page, problem) = match page {
            Ok(pair) => pair,
            Err(d) => (None, Some(d)),
        };
        out.diagnostics.extend(problem);
        match page {
            Some(p) if p.front.draft && !drafts => {}
            Some(p) if p.source.starts_with(&format!("{SCHOOL_PAGES_DIR}/")) => {
                out.school_pages.push(p)
            }
            Some(p) => out.pages.push(p),
            None => {}
        }
    }
    out
}

/// The URL path of a page from its source path: `a/b.md` → `/a/b/`, `a/_index.md` → `/a/`.
pub fn url_path(source: &str) -> String {
    let stem = source.strip_suffix(".md").unwrap_or(source);
    let stem = stem
        .strip_suffix("_index")
        .unwrap_or(stem)
        .trim_end_matches('/');
    if stem.is_empty() {
        "/".to_string()
    } else {
        format!("/{stem}/")
    }
}

/// Resolves `target` relative to the folder of `from` (both inside content/); `None` when it climbs out.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::files::is_ignored;

    #[test]
    fn url_paths_are_pretty() {
        assert_eq!(url_path("_index.md"), "/");
        assert_eq!(url_path("parents/_index.md"), "/parents/");
        assert_eq!(url_path("parents/meetings.md"), "/parents/meetings/");
    }

    #[test]
    fn relative_links_resolve() {
        assert_eq!(
            resolve_relative("a/b.md", "c.md").as_deref(),
            Some("a/c.md")
        );
        assert_eq!(
            resolve_relative("a/b.md", "../c.md").as_deref(),
            Some("c.md")
        );
        assert_eq!(
            resolve_relative("a/b.md", "./d/e.md").as_deref(),
            Some("a/d/e.md")
        );
        assert_eq!(resolve_relative("b.md", "../c.md"), None);
    }

    #[test]
    fn front_matter_splits_and_counts_lines() {
        let text = "---\ntitle: a\n---\nbody\n";
        let (yaml, line, body) = split_front_matter(text).unwrap();
        assert_eq!(yaml, "title: a\n");
        assert_eq!(line, 2);
        assert_eq!(&text[body..], "body\n");
        assert!(split_front_matter("no front matter").is_none());
    }

    #[test]
    fn unknown_front_matter_key_names_line() {
        let text = "---\ntitle: a\ndescription: b\ncolour: red\n---\nx".to_string();
        let err = SourcePage::parse("a.md", "content/a.md".into(), text).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("unknown field `colour`"));
    }

    #[test]
    fn a_translation_knows_its_page_and_language() {
        let text = "---\ntitle: a\ndescription: b\ntranslated: 2026-01-02\n---\n";
        let p = SourcePage::parse(
            "s/_index.pl.md",
            "content/s/_index.pl.md".into(),
            text.into(),
        )
        .unwrap();
        assert_eq!(p.variant, Some(("s/_index.md".into(), "pl".into())));
        assert_eq!(p.kind, PageKind::Section);
        assert_eq!(
            p.front.translated.map(|d| d.to_string()).as_deref(),
            Some("2026-01-02")
        );
    }

    #[test]
    fn editor_files_are_ignored() {
        assert!(is_ignored("a/.b.md.swp"));
        assert!(is_ignored("a/b.md~"));
        assert!(is_ignored(".#b.md"));
        assert!(!is_ignored("a/b.md"));
    }

    #[test]
    fn over_long_front_matter_text_names_its_field_and_line() {
        let text = format!(
            "---\ntitle: a\ndescription: \"{}\"\n---\n",
            "x".repeat(1001)
        );
        let d = SourcePage::parse("a.md", "content/a.md".into(), text).unwrap_err();
        assert_eq!(
            (d.line, d.message.as_str()),
            (
                3,
                "description: this text is 1001 characters long; the limit is 1000 characters"
            )
        );
    }

    #[test]
    fn front_matter_line_finds_a_list_item() {
        let text = "---\ntitle: a\ndescription: b\naliases:\n  - /one/\n  - /two/\nweight: 1\n---\nbody /two/\n";
        let p = SourcePage::parse("a.md", "content/a.md".into(), text.into()).unwrap();
        assert_eq!(p.front_matter_line("aliases[1]"), 6);
        assert_eq!(p.front_matter_line("aliases[2]"), 4);
        assert_eq!(p.front_matter_line("weight"), 7);
        assert_eq!(p.front_matter_line("reviewed"), 0);
        let inline = "---\ntitle: a\ndescription: b\naliases: [/x/]\n---\n";
        let p = SourcePage::parse("a.md", "content/a.md".into(), inline.into()).unwrap();
        assert_eq!(p.front_matter_line("aliases[0]"), 4);
    }

    #[test]
    fn an_alias_is_found_at_its_own_item_not_at_a_longer_one_holding_it() {
        // The text search this replaced took the first line holding `/a/`: the item `/b/a/`.
        let text = "---\ntitle: a\ndescription: b\naliases:\n  - /b/a/\n  - /a/\n---\n";
        let p = SourcePage::parse("a.md", "content/a.md".into(), text.into()).unwrap();
        assert_eq!(p.front.aliases[1], "/a/");
        assert_eq!(p.front_matter_line("aliases[1]"), 6);
        // A quoted key, which the text search did not see.
        let quoted = "---\ntitle: a\ndescription: b\n\"aliases\":\n  - /x/\n---\n";
        let p = SourcePage::parse("a.md", "content/a.md".into(), quoted.into()).unwrap();
        assert_eq!(p.front_matter_line("aliases[0]"), 5);
    }
}
