//! Checks of each page's structure: heading levels, images without alt text, link text that
//! does not say where it goes; each at its place (for a made page, in the data file it was
//! written from).

use crate::checks::{Check, CheckInput};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;

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
                    let mut d = page.src.placed(
                        Diagnostic::warning(self.code(), page.src.file.clone(), msg),
                        h.offset,
                    );
                    d.column = 0;
                    out.push(d.with_hint(hint));
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
        let mut out = Vec::new();
        for (page, built) in input.site.pages.iter().zip(input.pages) {
            for at in &built.rendered.images_without_alt {
                out.push(
                    page.src.placed(Diagnostic::warning(self.code(), page.src.file.clone(), "this image has no alt text"), *at)
                        .with_hint("say what the picture shows inside the brackets: `![A parent and teacher talking](meeting.jpg)`"),
                );
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
                out.push(
                    page.src.placed(
                        Diagnostic::warning(
                            self.code(),
                            page.src.file.clone(),
                            format!("the link text \"{text}\" does not say where it goes"),
                        ),
                        *at,
                    )
                    .with_hint("use the name of the page or what it does, e.g. \"how to ask for an EHC needs assessment\""),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sample::{page, places, Sample};

    #[test]
    fn headings_that_skip_a_level_or_use_level_one_are_found_at_their_line() {
        let s = Sample::new(&[
            (
                "a.md",
                &page(
                    "",
                    "Intro.\n\n## One\n\n#### Deep\n\n## Two\n\n### Fine\n\n# Big\n\n## After big\n",
                ),
            ),
            ("b.md", &page("", "### Starts deep\n")),
            ("c.md", &page("", "## A\n\n### B\n\n#### C\n\n## D\n")),
        ]);
        let found = s.run(&HeadingLevels);
        assert_eq!(
            places(&found),
            [
                "content/a.md:9:0 the heading \"Deep\" skips from level 2 to level 4",
                "content/a.md:15:0 the heading \"Big\" is a level-1 heading (`#`)",
                "content/b.md:5:0 the heading \"Starts deep\" skips from level 1 to level 3",
            ]
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("use ### here so screen-reader users can follow the outline")
        );
        assert_eq!(found[0].source_line.as_deref(), Some("#### Deep"));
        assert_eq!(
            found[1].hint.as_deref(),
            Some("the page title is the only level-1 heading; start body headings at `##`")
        );
        assert_eq!(
            found[2].hint.as_deref(),
            Some("use ## here so screen-reader users can follow the outline")
        );
        assert!(found
            .iter()
            .all(|d| d.code == Code::Headings && !d.is_error()));
    }

    #[test]
    fn images_without_alt_text_are_found_at_their_column() {
        let s = Sample::new(&[
            (
                "a.md",
                &page(
                    "",
                    "Intro ![](one.png) and ![](two.png).\n\n![A parent and a teacher](three.png)\n",
                ),
            ),
            ("b.md", &page("", "![A map of the area](map.png)\n")),
            (
                "c.md",
                &page(
                    "",
                    "Write it as `![](x.png)`:\n\n```\n![](y.png)\n```\n\n![ ][pic] and ![*Alt*](z.png)\n\n[pic]: p.png\n",
                ),
            ),
        ]);
        let found = s.run(&ImageAlt);
        // Read from the Markdown: images in code are not images; alt text of only spaces (and a
        // reference image) is none; alt text with markup is alt text.
        assert_eq!(
            places(&found),
            [
                "content/a.md:5:7 this image has no alt text",
                "content/a.md:5:24 this image has no alt text",
                "content/c.md:11:1 this image has no alt text",
            ]
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("say what the picture shows inside the brackets: `![A parent and teacher talking](meeting.jpg)`")
        );
        assert_eq!(
            found[0].source_line.as_deref(),
            Some("Intro ![](one.png) and ![](two.png).")
        );
        assert!(found
            .iter()
            .all(|d| d.code == Code::AltText && !d.is_error()));
    }

    #[test]
    fn link_text_that_does_not_say_where_it_goes_is_found() {
        let s = Sample::new(&[(
            "a.md",
            &page(
                "",
                "Please [click here](b.md) to apply.\n\n[Read more.](c.md)\n\nRead [how to ask for an assessment](d.md) or [here's the plan](e.md).\n",
            ),
        )]);
        let found = s.run(&VagueLinks);
        assert_eq!(
            places(&found),
            [
                "content/a.md:5:8 the link text \"click here\" does not say where it goes",
                "content/a.md:7:1 the link text \"Read more.\" does not say where it goes",
            ]
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("use the name of the page or what it does, e.g. \"how to ask for an EHC needs assessment\"")
        );
        assert!(found
            .iter()
            .all(|d| d.code == Code::LinkText && !d.is_error()));
    }
}
