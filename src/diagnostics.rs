//! Diagnostics: what went wrong (or could be better) in a site, where, and what to do about it.
//!
//! Every stage of the pipeline reports problems as [`Diagnostic`]s instead of stopping at the first,
//! so one run shows an author every problem in the site. Positions count from the top of the file.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The site cannot be built (or published) like this.
    Error,
    /// The site builds, but something would hurt a reader.
    Warning,
}

/// What kind of problem a diagnostic is: the stage or check that found it. Printed (and in
/// `check --format json`) as its short name, e.g. `links` or `front-matter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// An acronym nothing explains.
    Acronyms,
    /// An alias (an old address) that cannot be made.
    Aliases,
    /// An image without alt text.
    AltText,
    /// `site.yaml`.
    Config,
    /// The content folder: a missing home page, a page that cannot be read.
    Content,
    /// A file of the site that cannot be read.
    Files,
    /// A page's front matter.
    FrontMatter,
    /// An event file, `content/events/<slug>.yaml`.
    Events,
    /// `content/you-said-we-did.yaml`: families' comments and the council's response.
    SaidWeDid,
    /// `content/glossary.yaml`.
    Glossary,
    /// Heading levels that skip or start at `#`.
    Headings,
    /// A fault in senpack itself.
    Internal,
    /// Link text that does not say where it goes.
    LinkText,
    /// A broken link, anchor or step page.
    Links,
    /// Writing the output folder.
    Output,
    /// A school's parent information pack.
    Pack,
    /// The council's Local Offer duties: Schedule 2 paragraphs, regulation 57, announcements.
    LocalOffer,
    /// Text above its readers' target reading age.
    ReadingAge,
    /// A page never reviewed, or past its review date.
    Review,
    /// A school file, `content/schools/<slug>.yaml`.
    School,
    /// A school page template, `content/school-pages/*.md`.
    SchoolPage,
    /// A service file, `content/services/<slug>.yaml`.
    Service,
    /// A school's SEN information report: a missing item or a stale review.
    SenReport,
    /// An old term that has a new name.
    Superseded,
    /// A theme template that fails to render.
    Template,
    /// Loading the theme.
    Theme,
    /// YAML that cannot be read.
    Yaml,
}

impl Code {
    /// The short name: `links`, `front-matter`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Acronyms => "acronyms",
            Code::Aliases => "aliases",
            Code::AltText => "alt-text",
            Code::Config => "config",
            Code::Content => "content",
            Code::Files => "files",
            Code::FrontMatter => "front-matter",
            Code::Events => "events",
            Code::SaidWeDid => "said-we-did",
            Code::Glossary => "glossary",
            Code::Headings => "headings",
            Code::Internal => "internal",
            Code::LinkText => "link-text",
            Code::Links => "links",
            Code::LocalOffer => "local-offer",
            Code::Output => "output",
            Code::Pack => "pack",
            Code::ReadingAge => "reading-age",
            Code::Review => "review",
            Code::School => "school",
            Code::SchoolPage => "school-page",
            Code::Service => "service",
            Code::SenReport => "sen-report",
            Code::Superseded => "superseded",
            Code::Template => "template",
            Code::Theme => "theme",
            Code::Yaml => "yaml",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a site, with its place in a source file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The check or stage that found it.
    pub code: Code,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    pub message: String,
    /// What the author can do about it.
    pub hint: Option<String>,
    /// The text of the offending line, when known.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// Sets the position; the offending line is taken from `text` (the whole file) when given.
    pub fn at(mut self, line: usize, column: usize, text: Option<&str>) -> Self {
        self.line = line;
        self.column = column;
        if let Some(text) = text {
            self.source_line = line
                .checked_sub(1)
                .and_then(|i| text.lines().nth(i))
                .map(|l| shorten(l.trim_end()));
        }
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `file:line:column` part of the message.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => format!("{file}"),
            (l, 0) => format!("{file}:{l}"),
            (l, c) => format!("{file}:{l}:{c}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// Compiler-style: the message, where, the offending line with a caret, and a hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}[{}]: {}", self.code, self.message)?;
        writeln!(f, "  --> {}", self.location())?;
        if let Some(src) = &self.source_line {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {src}")?;
            if self.column > 0 {
                let col = src
                    .char_indices()
                    .take_while(|(i, _)| *i < self.column - 1)
                    .count();
                writeln!(f, "{pad} | {}^", " ".repeat(col))?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = help: {hint}")?;
        }
        Ok(())
    }
}

/// The longest offending line shown, in characters; a longer one is cut with `…`.
const MAX_SHOWN: usize = 200;

fn shorten(line: &str) -> String {
    match line.char_indices().nth(MAX_SHOWN) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

/// Turns a byte offset in `text` into a 1-based (line, column) pair; the column counts characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sorts diagnostics into a stable order: by file, line, column, then message.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.message, a.severity)
            .cmp(&(&b.file, b.line, b.column, &b.message, b.severity))
    });
}

/// Makes `path` relative to `root` for display, leaving it as it is when it is elsewhere.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 8), (3, 1));
    }

    #[test]
    fn display_shows_line_caret_and_hint() {
        let text = "one\nsee [x](x.md) now\n";
        let d = Diagnostic::error(Code::Links, "content/a.md", "link to a missing page `x.md`")
            .at(2, 5, Some(text))
            .with_hint("check the file name");
        let shown = d.to_string();
        assert!(shown.contains("error[links]: link to a missing page `x.md`"));
        assert!(shown.contains("--> content/a.md:2:5"));
        assert!(shown.contains("2 | see [x](x.md) now"));
        assert!(shown.contains("  |     ^"));
        assert!(shown.contains("= help: check the file name"));
    }
}
