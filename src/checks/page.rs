//! Checks of each page's structure: heading levels, images without alt text, link text that
//! does not say where it goes.

use crate::checks::{Check, CheckInput};
use crate::diagnostics::Code;
use crate::diagnostics::{line_col, Diagnostic};

/// Headings must not skip a level (an `##` followed by `####`), and start at `##`.
pub struct HeadingLevels;

impl Check for HeadingLevels {
    fn code(&self) -> Code {
        Code::Headings
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let site = input.site;
        let mut out = Vec::new();
        for (i, page) in site.pages.iter().enumerate() {
            let mut prev = 1u8;
            for h in &input.pages[i].rendered.headings {
                if h.level == 1 || h.level > prev + 1 {
                    let (line, _) = line_col(&page.src.text, page.src.body_start + h.offset);
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
                        Diagnostic::warning(self.code(), page.src.file.clone(), msg)
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
    fn code(&self) -> Code {
        Code::AltText
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let site = input.site;
        let mut out = Vec::new();
        for page in &site.pages {
            let body = page.src.body();
            let mut from = 0;
            while let Some(pos) = body[from..].find("![](") {
                let at = from + pos;
                let (line, col) = line_col(&page.src.text, page.src.body_start + at);
                out.push(
                    Diagnostic::warning(self.code(), page.src.file.clone(), "this image has no alt text")
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

impl Check for VagueLinks {
    fn code(&self) -> Code {
        Code::LinkText
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let site = input.site;
        let mut out = Vec::new();
        for (page, built) in site.pages.iter().zip(input.pages) {
            for (at, text) in &built.rendered.vague_links {
                let (line, col) = line_col(&page.src.text, page.src.body_start + at);
                out.push(
                    Diagnostic::warning(
                        self.code(),
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
