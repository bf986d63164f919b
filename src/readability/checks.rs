//! The reading-age check: pages whose prose is above their target reading age.

use super::Figures;
use crate::build::Build;
use crate::check::Check;
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use std::path::Path;

/// Pages with fewer words than this are too short for a fair score and are not checked.
pub const MIN_WORDS: usize = 30;

/// A page's target reading age: its `reading_age`, else the site's default for its audience.
pub fn target(site: &Site, i: usize) -> u32 {
    let front = &site.pages[i].src.front;
    front
        .reading_age
        .unwrap_or_else(|| site.config.reading_age.for_audience(front.audience))
}

/// Whether figures are above a target (reading ages are compared in whole years).
pub fn above(f: &Figures, target: u32) -> bool {
    f.words >= MIN_WORDS && f.reading_age.round() > f64::from(target)
}

/// Warns on pages whose reading age is above their target, naming the longest sentences.
pub struct ReadingAge;

impl Check for ReadingAge {
    fn name(&self) -> &'static str {
        "reading-age"
    }
    fn run(&self, build: &Build, site: &Site) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, page) in site.pages.iter().enumerate() {
            let f = &build.pages[i].readability;
            let t = target(site, i);
            if above(f, t) {
                out.push(warning(&page.src.file, f, t));
            }
        }
        out
    }
}

/// The warning for one page.
pub fn warning(file: &Path, f: &Figures, target: u32) -> Diagnostic {
    let sentences: Vec<String> = f
        .longest
        .iter()
        .map(|s| {
            let words = s.split_whitespace().count();
            let shown: String = s.chars().take(100).collect();
            let more = if shown.len() < s.len() { "…" } else { "" };
            format!("\"{shown}{more}\" ({words} words)")
        })
        .collect();
    Diagnostic::warning(
        "reading-age",
        file.to_path_buf(),
        format!(
            "reading age {:.0} is above the target of {target} (Flesch–Kincaid grade {:.1}, reading ease {:.0}, {:.1} words a sentence)",
            f.reading_age,
            f.fk_grade,
            f.fre,
            f.words as f64 / f.sentences.max(1) as f64
        ),
    )
    .with_hint(format!(
        "split long sentences and use shorter words; the longest are: {}",
        sentences.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_names_the_longest_sentences() {
        let f = super::super::measure_text(
            "The local authority must consider the educational requirements of children with disabilities. Please ask. We help you today.",
        );
        let d = warning(Path::new("content/a.md"), &f, 11);
        assert_eq!(
            d.message,
            "reading age 16 is above the target of 11 (Flesch–Kincaid grade 11.0, reading ease 27, 6.0 words a sentence)"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("split long sentences and use shorter words; the longest are: \"The local authority must consider the educational requirements of children with disabilities.\" (12 words); \"We help you today.\" (4 words); \"Please ask.\" (2 words)")
        );
        assert!(!above(&f, 11), "too short to judge");
    }
}
