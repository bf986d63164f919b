//! Checks: the list of things `senpack check` (and every build) looks for in a built site — broken
//! links, images without alt text, skipped heading levels, vague link text. Each check is a small
//! type with one job: a built site in, diagnostics out.

use crate::build::Build;
use crate::diagnostics::{line_col, Diagnostic};
use crate::site::Site;

/// Whether the checks run for `build` (errors only matter) or for `check` (everything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Build,
    Check,
}

/// One check over a built site.
pub trait Check: Sync {
    fn name(&self) -> &'static str;
    fn run(&self, build: &Build, site: &Site) -> Vec<Diagnostic>;
}

/// Every check, in the order their findings are reported.
pub fn all() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(HeadingLevels),
        Box::new(ImageAlt),
        Box::new(VagueLinks),
        Box::new(crate::readability::checks::ReadingAge),
        Box::new(crate::glossary::checks::UndefinedAcronyms),
        Box::new(crate::glossary::checks::SupersededTerms),
        Box::new(crate::freshness::ReviewDates),
    ]
}

/// Runs every check. (Broken links are reported by the build itself, where they are found.)
pub fn run(build: &Build, _mode: Mode) -> Vec<Diagnostic> {
    let Some(site) = &build.site else {
        return Vec::new();
    };
    use rayon::prelude::*;
    all()
        .par_iter()
        .flat_map_iter(|c| c.run(build, site))
        .collect()
}

/// Headings must not skip a level (an `##` followed by `####`), and start at `##`.
pub struct HeadingLevels;

impl Check for HeadingLevels {
    fn name(&self) -> &'static str {
        "headings"
    }
    fn run(&self, build: &Build, site: &Site) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, page) in site.pages.iter().enumerate() {
            let mut prev = 1u8;
            for h in &build.pages[i].rendered.headings {
                if h.level == 1 || h.level > prev + 1 {
                    let line = find_line(&page.src.text, page.src.body_start, &h.text);
                    let (msg, hint) = if h.level == 1 {
                        (
                            format!("the heading \"{}\" is a level-1 heading (`#`)", h.text),
                            "the page title is the only level-1 heading; start body headings at `##`".to_string(),
                        )
                    } else {
                        (
                            format!(
                                "the heading \"{}\" skips from level {prev} to level {}",
                                h.text, h.level
                            ),
                            format!(
                                "use {} here so screen-reader users can follow the outline",
                                "#".repeat(prev as usize + 1)
                            ),
                        )
                    };
                    out.push(
                        Diagnostic::warning(self.name(), page.src.file.clone(), msg)
                            .at(line, 0, Some(&page.src.text))
                            .with_hint(hint),
                    );
                }
                prev = h.level.max(2);
            }
        }
        out
    }
}

/// Images need alt text: `![what the picture shows](file.png)`.
pub struct ImageAlt;

impl Check for ImageAlt {
    fn name(&self) -> &'static str {
        "alt-text"
    }
    fn run(&self, _build: &Build, site: &Site) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for page in &site.pages {
            let body = page.src.body();
            let mut from = 0;
            while let Some(pos) = body[from..].find("![](") {
                let at = from + pos;
                let (line, col) = line_col(&page.src.text, page.src.body_start + at);
                out.push(
                    Diagnostic::warning(self.name(), page.src.file.clone(), "this image has no alt text")
                        .at(line, col, Some(&page.src.text))
                        .with_hint("say what the picture shows inside the brackets: `![A parent and teacher talking](meeting.jpg)`"),
                );
                from = at + 4;
            }
        }
        out
    }
}

/// Link text must say where the link goes; "click here" does not.
pub struct VagueLinks;

const VAGUE: &[&str] = &[
    "click here",
    "here",
    "read more",
    "more",
    "this link",
    "link",
    "this page",
];

impl Check for VagueLinks {
    fn name(&self) -> &'static str {
        "link-text"
    }
    fn run(&self, build: &Build, site: &Site) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (page, built) in site.pages.iter().zip(&build.pages) {
            for (at, text) in &built.rendered.vague_links {
                let (line, col) = line_col(&page.src.text, page.src.body_start + at);
                out.push(
                    Diagnostic::warning(
                        self.name(),
                        page.src.file.clone(),
                        format!("the link text \"{text}\" does not say where it goes"),
                    )
                    .at(line, col, Some(&page.src.text))
                    .with_hint("use the name of the page or what it does, e.g. \"how to ask for an EHC needs assessment\""),
                );
            }
        }
        out
    }
}

/// Links in a parsed body whose text does not say where they go ("click here"), with their
/// byte offsets; found while the body is rendered, so the check needs no second parse.
pub fn vague_links(
    events: &[(pulldown_cmark::Event<'_>, std::ops::Range<usize>)],
) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::Link { .. }) => open = Some((range.start, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, buf)) = &mut open {
                    buf.push_str(t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((at, text)) = open.take() {
                    let t = text.trim().trim_end_matches(['.', '!']).to_lowercase();
                    if VAGUE.contains(&t.as_str()) {
                        out.push((at, text.trim().to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The 1-based line in `text` (searching from the body) whose text contains `needle`.
fn find_line(text: &str, body_start: usize, needle: &str) -> usize {
    let body = &text[body_start..];
    body.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| text[..body_start].matches('\n').count() + i + 1)
}
