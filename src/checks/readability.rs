//! The reading-age check: pages whose prose is above their target reading age, and the texts a
//! parent reads outside page bodies: the complaint-route step cards (front matter `steps`), the
//! glossary's definitions and the answers of each school's SEN information report.
//!
//! Short texts are not fair to score alone, so: a page's step texts (`what`, `cannot`,
//! `time_limit`; the `title` and `who` are labels, not sentences) are measured together against
//! the page's target, in one warning naming the hardest step at its line; the glossary's
//! definitions are measured together against the `parents` target (parents are who the
//! definitions are written for, and they are shown on parents' pages), naming the hardest three;
//! a school's report answers are measured one by one when they have [`MIN_WORDS`] words, at the
//! answer's line, and the shorter ones together, naming the hardest.

use crate::checks::{Check, CheckInput};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::model::site::Site;
use crate::readability::Figures;
use std::path::{Path, PathBuf};

/// Pages with fewer words than this are too short for a fair score and are not checked.
pub const MIN_WORDS: usize = 30;

/// A page's target reading age: its `reading_age`, else the site's default for its audience.
pub fn target(site: &Site, i: usize) -> u32 {
    let front = &site.pages[i].src.front;
    front
        .reading_age
        .unwrap_or_else(|| site.config.reading_age.for_audience(front.audience))
}

/// Whether figures are above a target. The reading age is compared as shown (to one decimal
/// place), not rounded to whole years: 11.3 is above a target of 11, 11.0 is not.
pub fn above(f: &Figures, target: u32) -> bool {
    f.words >= MIN_WORDS && f.reading_age > f64::from(target)
}

/// Warns on pages whose reading age is above their target, naming the longest sentences.
pub struct ReadingAge;

impl Check for ReadingAge {
    fn code(&self) -> Code {
        Code::ReadingAge
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let site = input.site;
        let mut out = Vec::new();
        for (i, page) in site.pages.iter().enumerate() {
            if page.service_slug().is_some() {
                continue; // a service's description is measured with its file, at its lines
            }
            if page
                .variant()
                .is_some_and(|v| v != crate::load::languages::EASY_READ)
            {
                continue; // the reading-age formula is for English (Easy Read is English)
            }
            let f = &input.pages[i].readability;
            let t = target(site, i);
            if above(f, t) {
                out.push(warning(&page.src.file, f, t));
            }
            out.extend(steps_warning(site, i));
        }
        let parents = site.config.reading_age.parents;
        out.extend(glossary_warning(&input.glossary.entries, parents));
        for school in input.schools {
            out.extend(school_warnings(school, parents));
        }
        out
    }
}

/// One short text of a group: what it is (for the message), where it is, and the text.
pub struct Part {
    pub name: String,
    pub line: usize,
    pub text: String,
}

/// Measures Markdown text (a step card's field, a definition, a report answer).
pub fn measure_markdown(text: &str) -> Figures {
    crate::readability::measure(&crate::load::markdown::parse(text).events)
}

/// Measures parts together (as paragraphs of one text); when above the target, one warning at
/// the hardest part's line that names the hardest `name` parts (by their own reading age).
pub fn group_warning(
    file: &Path,
    what: &str,
    parts: &[Part],
    target: u32,
    name: usize,
    source: Option<&str>,
) -> Option<Diagnostic> {
    let joined: Vec<&str> = parts.iter().map(|p| p.text.trim()).collect();
    let f = measure_markdown(&joined.join("\n\n"));
    if !above(&f, target) {
        return None;
    }
    let mut scored: Vec<(f64, &Part)> = parts
        .iter()
        .map(|p| (measure_markdown(&p.text), p))
        .filter(|(g, _)| g.words > 0)
        .map(|(g, p)| (g.reading_age, p))
        .collect();
    // Hardest first; ties keep the earlier part.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let hardest: Vec<String> = scored
        .iter()
        .take(name)
        .map(|(age, p)| format!("{} (line {}, reading age {age:.1})", p.name, p.line))
        .collect();
    let line = scored.first().map_or(0, |(_, p)| p.line);
    let mut d = warning(file, &f, target).at(line, 0, source);
    d.message = format!("{what}: {}; hardest: {}", d.message, hardest.join(", "));
    Some(d)
}

/// The step texts of a page with `steps`, measured together against the page's target.
pub fn steps_warning(site: &Site, i: usize) -> Option<Diagnostic> {
    let src = &site.pages[i].src;
    let mut parts = Vec::new();
    for (n, step) in src.front.steps.iter().enumerate() {
        let fields = [
            ("what", &step.what),
            ("cannot", &step.cannot),
            ("time_limit", &step.time_limit),
        ];
        for (key, text) in fields {
            let Some(text) = text else { continue };
            parts.push(Part {
                name: format!("step {} \"{}\" `{key}`", n + 1, step.title),
                line: src.front_matter_line(&format!("steps[{n}].{key}")),
                text: text.clone(),
            });
        }
    }
    if parts.is_empty() {
        return None;
    }
    group_warning(
        &src.file,
        "the step cards",
        &parts,
        target(site, i),
        1,
        Some(&src.text),
    )
}

/// The glossary's definitions, measured together against the `parents` target.
pub fn glossary_warning(entries: &[crate::glossary::Entry], target: u32) -> Option<Diagnostic> {
    let parts: Vec<Part> = entries
        .iter()
        .map(|e| Part {
            name: format!("\"{}\"", e.term),
            line: e.line,
            text: e.definition.clone(),
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    group_warning(
        Path::new(crate::glossary::FILE),
        "the glossary definitions",
        &parts,
        target,
        3,
        None,
    )
}

/// A school's report answers: each long one alone (at its line), the short ones together.
pub fn school_warnings(school: &crate::school::facts::School, target: u32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut short = Vec::new();
    for item in crate::school::items::ITEMS {
        let Some(text) = crate::school::report::answer(school, item) else {
            continue;
        };
        let line = school.line_of(&format!("report.{}", item.key));
        let f = measure_markdown(text);
        if f.words < MIN_WORDS {
            short.push(Part {
                name: format!("`report.{}`", item.key),
                line,
                text: text.to_string(),
            });
        } else if above(&f, target) {
            let mut d = warning(&school.file, &f, target).at(line, 0, Some(&school.text));
            d.message = format!("the answer `report.{}`: {}", item.key, d.message);
            out.push(d);
        }
    }
    let file: PathBuf = school.file.clone();
    out.extend(group_warning(
        &file,
        "the short report answers together",
        &short,
        target,
        1,
        Some(&school.text),
    ));
    out
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
        Code::ReadingAge,
        file.to_path_buf(),
        format!(
            "reading age {:.1} is above the target of {target} (Flesch–Kincaid grade {:.1}, reading ease {:.0}, {:.1} words a sentence)",
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
    use crate::load::content::SourcePage;

    #[test]
    fn warning_names_the_longest_sentences() {
        let f = crate::readability::measure_text(
            "The local authority must consider the educational requirements of children with disabilities. Please ask. We help you today.",
        );
        let d = warning(Path::new("content/a.md"), &f, 11);
        assert_eq!(
            d.message,
            "reading age 16.0 is above the target of 11 (Flesch–Kincaid grade 11.0, reading ease 27, 6.0 words a sentence)"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("split long sentences and use shorter words; the longest are: \"The local authority must consider the educational requirements of children with disabilities.\" (12 words); \"We help you today.\" (4 words); \"Please ask.\" (2 words)")
        );
        assert!(!above(&f, 11), "too short to judge");
    }

    #[test]
    fn a_reading_age_a_little_above_the_target_is_above() {
        let f = |age| Figures {
            words: 200,
            sentences: 10,
            reading_age: age,
            ..Figures::default()
        };
        assert!(above(&f(11.3), 11), "11.3 was rounded to 11 and passed");
        assert!(above(&f(11.1), 11));
        assert!(!above(&f(11.0), 11));
        let d = warning(Path::new("content/a.md"), &f(11.3), 11);
        assert!(
            d.message
                .starts_with("reading age 11.3 is above the target of 11"),
            "{}",
            d.message
        );
    }

    #[test]
    fn short_texts_are_measured_together_naming_the_hardest_at_its_line() {
        let part = |name: &str, line, text: &str| Part {
            name: name.into(),
            line,
            text: text.into(),
        };
        let parts = [
            part("easy", 3, "We can help. Ask us. We will call you back soon."),
            part("hard", 7, "The local authority must consider the educational requirements of children with disabilities."),
            part("middle", 9, "They cannot decide on additional staffing or funding arrangements for individual pupils."),
        ];
        let d = group_warning(
            Path::new("content/glossary.yaml"),
            "the glossary definitions",
            &parts,
            11,
            2,
            None,
        )
        .expect("above the target together");
        assert_eq!(d.line, 7);
        assert!(
            d.message
                .starts_with("the glossary definitions: reading age "),
            "{}",
            d.message
        );
        assert!(
            d.message
                .contains("hardest: hard (line 7, reading age 23.6), middle (line 9,"),
            "{}",
            d.message
        );
        assert!(group_warning(Path::new("a"), "x", &parts[..1], 11, 1, None).is_none());
    }

    #[test]
    fn a_step_field_is_named_at_its_own_line() {
        // The text search this replaced found step 2 by its title, "Talk", which step 1's
        // `what` holds first, and so named step 1's `what` line for step 2's `what`.
        let text = "---\ntitle: Route\ndescription: d\nsteps:\n  - title: Ask\n    what: \"Talk to us. We will help.\"\n  - title: Talk\n    who: Us\n    what: \"The local authority must consider the educational requirements of children with disabilities. The governing body must publish information about the implementation of its policy for pupils with special educational needs.\"\n---\n";
        let src = SourcePage::parse("a.md", "content/a.md".into(), text.into()).unwrap();
        let config = serde_yaml::from_str("title: t\ndescription: d\nbase_url: https://a.org\n")
            .expect("a site.yaml");
        let pages = crate::model::site::shared_pages(vec![src]);
        let (site, _) = Site::new(
            config,
            crate::load::config::BuildOptions::new(
                ".",
                chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
            ),
            pages,
        );
        let d = steps_warning(&site, 0).expect("above the target");
        assert_eq!(d.line, 9, "{}", d.message);
        assert!(
            d.message
                .contains("hardest: step 2 \"Talk\" `what` (line 9,"),
            "{}",
            d.message
        );
    }

    use crate::checks::sample::{page, places, Sample};

    /// 48 words of long sentences and long words: reading age 23.6, above every default target.
    const HARD: &str = "The local authority must consider the educational requirements of children with disabilities. The local authority must consider the educational requirements of children with disabilities. The local authority must consider the educational requirements of children with disabilities. The local authority must consider the educational requirements of children with disabilities.";
    const EASY: &str = "We can help you. Ask us when you want. We will call you back soon. You can bring a friend. We will listen to you. We will write down what you say. Then we will send it to you.";

    #[test]
    fn pages_above_their_target_are_warned_and_others_are_not() {
        let s = Sample::new(&[
            ("hard.md", &page("", &format!("{HARD}\n"))),
            ("easy.md", &page("", &format!("{EASY}\n"))),
            (
                "short.md",
                &page(
                    "",
                    "The local authority must consider the educational requirements of children with disabilities.\n",
                ),
            ),
            ("own-target.md", &page("reading_age: 24\n", &format!("{HARD}\n"))),
        ]);
        let found = s.run(&ReadingAge);
        assert_eq!(found.len(), 1, "{:?}", places(&found));
        let d = &found[0];
        assert_eq!(
            (d.file.to_str(), d.line, d.column),
            (Some("content/hard.md"), 0, 0)
        );
        assert!(
            d.message.starts_with("reading age ")
                && d.message
                    .contains(" is above the target of 12 (Flesch–Kincaid grade "),
            "{}",
            d.message
        );
        assert!(
            d.hint.as_deref().is_some_and(|h| h.starts_with(
                "split long sentences and use shorter words; the longest are: \"The local authority must consider"
            )),
            "{:?}",
            d.hint
        );
        assert!(d.code == Code::ReadingAge && !d.is_error());
    }

    #[test]
    fn step_cards_are_measured_together_at_the_hardest_step() {
        let front = format!("steps:\n  - title: \"Ask\"\n    who: \"The council\"\n    what: \"{HARD}\"\n  - title: \"Wait\"\n    what: \"We will call you back soon.\"\n");
        let s = Sample::new(&[("route.md", &page(&front, &format!("{EASY}\n")))]);
        let found = s.run(&ReadingAge);
        assert_eq!(found.len(), 1, "{:?}", places(&found));
        let d = &found[0];
        assert_eq!((d.file.to_str(), d.line), (Some("content/route.md"), 7));
        assert!(
            d.message.starts_with("the step cards: reading age ")
                && d.message
                    .contains("; hardest: step 1 \"Ask\" `what` (line 7, reading age "),
            "{}",
            d.message
        );
    }

    #[test]
    fn glossary_definitions_are_measured_against_the_parents_target() {
        let glossary = format!("- term: local offer\n  definition: \"What help there is.\"\n- term: annual review\n  definition: \"{HARD}\"\n");
        let s = Sample::with(
            "",
            &glossary,
            &[("easy.md", &page("", &format!("{EASY}\n")))],
        );
        let found = s.run(&ReadingAge);
        assert_eq!(found.len(), 1, "{:?}", places(&found));
        let d = &found[0];
        assert_eq!(
            (d.file.to_str(), d.line),
            (Some("content/glossary.yaml"), 3)
        );
        assert!(
            d.message
                .starts_with("the glossary definitions: reading age ")
                && d.message
                    .contains("; hardest: \"annual review\" (line 3, reading age ")
                && d.message.contains("\"local offer\" (line 1, "),
            "{}",
            d.message
        );
        // A site whose parents read at 24 (above HARD's 23.6) is not warned.
        let s = Sample::with(
            "reading_age:\n  parents: 24\n",
            &glossary,
            &[("easy.md", &page("", &format!("{EASY}\n")))],
        );
        assert!(s.run(&ReadingAge).is_empty());
    }

    #[test]
    fn a_long_school_answer_is_warned_at_its_line() {
        let school = format!("name: \"Oak Primary\"\nurn: \"100001\"\nphase: primary\ntype: \"Community school\"\narea: \"Northbridge\"\nheadteacher: {{ name: \"Ms A Head\" }}\nsenco:\n  name: \"Mr B Senco\"\n  email: \"senco@oak.example\"\n  phone: \"01234 567891\"\nneeds: [cognition-and-learning]\nreport:\n  reviewed: 2026-09-01\n  kinds_of_need: \"{HARD}\"\n");
        let s = Sample::new(&[("easy.md", &page("", &format!("{EASY}\n")))])
            .school("oak.yaml", &school);
        let found = s.run(&ReadingAge);
        let answer: Vec<&Diagnostic> = found
            .iter()
            .filter(|d| {
                d.message
                    .starts_with("the answer `report.kinds_of_need`: reading age ")
            })
            .collect();
        assert_eq!(answer.len(), 1, "{:?}", places(&found));
        assert_eq!(
            (answer[0].file.to_str(), answer[0].line),
            (Some("content/schools/oak.yaml"), 14)
        );
        assert!(answer[0]
            .source_line
            .as_deref()
            .is_some_and(|l| l.starts_with("  kinds_of_need: \"The local authority")));
    }
}
