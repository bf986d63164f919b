//! Freshness: every page says when its facts were checked; `check` warns on pages with no
//! `reviewed` date and on pages past their next review date (judged by the date the input carries).

use crate::checks::{Check, CheckInput};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::format::human_date;
use crate::load::made::Review;
use crate::model::site::Page;
use chrono::NaiveDate;
use std::collections::HashSet;

/// Warns on pages that were never reviewed or are past their review date.
pub struct ReviewDates;

impl Check for ReviewDates {
    fn code(&self) -> Code {
        Code::Review
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let site = input.site;
        let today = input.today;
        let mut files = HashSet::new();
        let mut out = Vec::new();
        for page in &site.pages {
            if !files.insert(&page.src.file) {
                continue; // a school page template, made once per school
            }
            if page.service_slug().is_some() {
                continue; // a service's dates are checked with its file, at its lines
            }
            let due = page.next_review(&site.config);
            match page.src.review() {
                // A made page whose data file has checks of its own, or a past event.
                Review::Exempt => {}
                // An event with `reviewed:`: past its date is a warning at that line.
                Review::At(pos) => {
                    if let (Some(due), Some(made)) = (due, &page.src.made_from) {
                        if due < today {
                            let mut d = overdue(page, due);
                            d.file.clone_from(&made.file);
                            out.push(d.at(pos.line, 0, Some(&made.text)));
                        }
                    }
                }
                Review::FrontMatter => match due {
                    None => out.push(not_reviewed(page)),
                    Some(due) if due < today => out.push(overdue(page, due)),
                    Some(_) => {}
                },
            }
        }
        out
    }
}

/// The line of a front matter key; the first line when it is not written.
fn key_line(page: &Page, key: &str) -> usize {
    page.src.positions().key_line(key).unwrap_or(1)
}

/// The warning for a page with no `reviewed` date.
pub fn not_reviewed(page: &Page) -> Diagnostic {
    Diagnostic::warning(Code::Review, page.src.file.clone(), "this page has no `reviewed` date")
        .at(key_line(page, "title"), 0, Some(&page.src.text))
        .with_hint("check the facts, then add `reviewed: YYYY-MM-DD` (the date you checked them) to the front matter")
}

/// The warning for a page past its review date.
pub fn overdue(page: &Page, due: NaiveDate) -> Diagnostic {
    Diagnostic::warning(
        Code::Review,
        page.src.file.clone(),
        format!("this page was due for review on {}", human_date(due)),
    )
    .at(key_line(page, "reviewed"), 0, Some(&page.src.text))
    .with_hint("check the facts are still right, then set `reviewed:` to the date you checked them")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::content::SourcePage;

    fn page(front: &str) -> Page {
        let text = format!("---\ntitle: A\ndescription: B\n{front}---\nx\n");
        let src = SourcePage::parse("a.md", "content/a.md".into(), text).unwrap();
        crate::model::site::shared_pages(vec![src]).remove(0)
    }

    #[test]
    fn messages_say_what_and_where() {
        let d = not_reviewed(&page(""));
        assert_eq!(d.message, "this page has no `reviewed` date");
        assert_eq!(d.line, 2);
        let p = page("reviewed: 2025-01-31\n");
        let d = overdue(&p, NaiveDate::from_ymd_opt(2026, 1, 31).unwrap());
        assert_eq!(d.message, "this page was due for review on 31 January 2026");
        assert_eq!(
            (d.line, d.source_line.as_deref()),
            (4, Some("reviewed: 2025-01-31"))
        );
    }

    use crate::checks::sample::{page as sample_page, places, Sample};

    fn dated() -> Vec<(&'static str, String)> {
        vec![
            ("never.md", sample_page("", "Text.\n")),
            ("late.md", sample_page("reviewed: 2025-11-24\n", "Text.\n")),
            (
                "due-today.md",
                sample_page("reviewed: 2025-11-25\n", "Text.\n"),
            ),
            ("fresh.md", sample_page("reviewed: 2026-06-01\n", "Text.\n")),
            (
                "own-period.md",
                sample_page("reviewed: 2024-01-10\nreview_every: 36\n", "Text.\n"),
            ),
        ]
    }

    fn sample(site_yaml: &str) -> Sample {
        let pages = dated();
        let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
        Sample::with(site_yaml, "", &pages)
    }

    #[test]
    fn pages_never_reviewed_or_past_their_date_are_warned_at_the_key() {
        // Today is 25 November 2026; the site reviews every 12 months.
        let s = sample("");
        let found = s.run(&ReviewDates);
        assert_eq!(
            places(&found),
            [
                "content/late.md:4:0 this page was due for review on 24 November 2026",
                "content/never.md:2:0 this page has no `reviewed` date",
            ]
        );
        assert_eq!(
            found[0].source_line.as_deref(),
            Some("reviewed: 2025-11-24")
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("check the facts are still right, then set `reviewed:` to the date you checked them")
        );
        assert!(found
            .iter()
            .all(|d| d.code == Code::Review && !d.is_error()));
    }

    #[test]
    fn the_date_is_the_one_the_input_carries() {
        let s = sample("").on("2026-11-24");
        assert_eq!(
            places(&s.run(&ReviewDates)),
            ["content/never.md:2:0 this page has no `reviewed` date"],
            "on 24 November 2026 nothing is past its date yet"
        );
        let s = sample("").on("2027-01-11");
        let late: Vec<String> = places(&s.run(&ReviewDates));
        assert!(
            late.contains(
                &"content/own-period.md:4:0 this page was due for review on 10 January 2027"
                    .to_string()
            ),
            "{late:?}"
        );
    }

    #[test]
    fn the_site_review_period_applies_to_pages_without_their_own() {
        let s = sample("review_every: 24\n");
        assert_eq!(
            places(&s.run(&ReviewDates)),
            ["content/never.md:2:0 this page has no `reviewed` date"]
        );
    }

    #[test]
    fn the_reviewed_line_is_found_however_the_key_is_written() {
        // The text search this replaced looked for a line starting `reviewed:` and fell back to
        // line 1 (the `---`) for a quoted key or one inside a `{ }` map.
        let due = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let d = overdue(&page("\"reviewed\": 2025-01-31\n"), due);
        assert_eq!(d.line, 4);
        let text = "---\n{ title: A, description: B,\n  reviewed: 2025-01-31 }\n---\nx\n";
        let src = SourcePage::parse("a.md", "content/a.md".into(), text.into()).unwrap();
        let p = crate::model::site::shared_pages(vec![src]).remove(0);
        assert_eq!(overdue(&p, due).line, 3);
        assert_eq!(not_reviewed(&p).line, 2);
    }
}
