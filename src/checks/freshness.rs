//! Freshness: every page says when its facts were checked; `check` warns on pages with no
//! `reviewed` date and on pages past their next review date (judged by the date the input carries).

use crate::checks::{Check, CheckInput};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::format::human_date;
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
            match page.next_review(&site.config) {
                None => out.push(not_reviewed(page)),
                Some(due) if due < today => out.push(overdue(page, due)),
                Some(_) => {}
            }
        }
        out
    }
}

/// The line of a front matter key; the first line when it is not written.
fn key_line(page: &Page, key: &str) -> usize {
    page.src.positions.key_line(key).unwrap_or(1)
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
