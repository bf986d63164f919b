//! The council's Local Offer duties (SEND Regulations 2014): every Schedule 2 paragraph answered
//! by some page, a service category's directory page or a generated list (regulation 53); the
//! Local Offer reachable without the internet and its accessibility statement in place
//! (regulation 57); "You said, we did" kept current (regulation 56); and no banner left past its
//! dates. [`rows`] gives the paragraph-by-paragraph table `check` prints, `--format json`
//! carries and `--report` shows.

use super::{Check, CheckInput};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::duties::schedule2::{self, PARAGRAPHS};
use crate::load::config::Strictness;
use crate::render::services::Filter;
use crate::services::taxonomy::{category_local_offer, CATEGORIES};
use serde::Serialize;

/// Something on the site that answers a paragraph.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Answer {
    pub title: String,
    pub url: String,
    /// The file that says so (a page's file, or the taxonomy for a category).
    pub file: String,
}

/// One paragraph's row: what answers it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// `5h`.
    pub number: String,
    /// `paragraph 5(h)`.
    pub name: String,
    pub title: String,
    pub citation: String,
    /// The number was checked against legislation.gov.uk (see [`schedule2::Paragraph::verified`]).
    pub verified: bool,
    pub answered_by: Vec<Answer>,
}

/// Every paragraph of [`PARAGRAPHS`] with what answers it, in the Schedule's order.
pub fn rows(input: &CheckInput) -> Vec<Row> {
    let site = input.site;
    let mut found: Vec<Vec<Answer>> = vec![Vec::new(); PARAGRAPHS.len()];
    for p in &site.pages {
        let declared: Vec<String> = p
            .src
            .front
            .local_offer
            .iter()
            .filter_map(|n| schedule2::normalise(n))
            .collect();
        for i in schedule2::answered(&declared) {
            found[i].push(Answer {
                title: p.title().to_string(),
                url: site.url(&p.path),
                file: p.src.file.display().to_string(),
            });
        }
    }
    for term in CATEGORIES {
        if !input
            .services
            .iter()
            .any(|s| s.facts.categories.iter().any(|c| c == term.slug))
        {
            continue;
        }
        let declared: Vec<String> = category_local_offer(term.slug)
            .iter()
            .filter_map(|n| schedule2::normalise(n))
            .collect();
        let path = Filter {
            kind: "category",
            slug: term.slug.to_string(),
            label: term.label.to_string(),
        }
        .path();
        for i in schedule2::answered(&declared) {
            found[i].push(Answer {
                title: format!("Services: {}", term.label),
                url: site.url(&path),
                file: "src/services/taxonomy.rs".into(),
            });
        }
    }
    PARAGRAPHS
        .iter()
        .zip(found)
        .map(|(p, mut answered_by)| {
            answered_by.sort_by(|a, b| a.url.cmp(&b.url));
            answered_by.dedup();
            Row {
                number: p.number.to_string(),
                name: schedule2::name(p.number),
                title: p.title.to_string(),
                citation: schedule2::citation(p.number),
                verified: p.verified,
                answered_by,
            }
        })
        .collect()
}

/// What `check` prints on a Local Offer site: one line per paragraph with what answers it, and
/// last the numbers not yet checked against legislation.gov.uk.
pub fn report_lines(input: &CheckInput) -> Vec<String> {
    if input.site.config.local_offer.is_none() {
        return Vec::new();
    }
    let rows = rows(input);
    let open = rows.iter().filter(|r| r.answered_by.is_empty()).count();
    let mut out = vec![format!(
        "Local Offer, SEND Regulations 2014 Schedule 2: {} of {} paragraphs answered",
        rows.len() - open,
        rows.len()
    )];
    for r in &rows {
        let by = if r.answered_by.is_empty() {
            "NOT ANSWERED".to_string()
        } else {
            r.answered_by
                .iter()
                .map(|a| a.url.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(format!("  {} ({}): {by}", r.name, r.title));
    }
    out.extend(schedule2::unverified_note());
    out
}

/// The Schedule 2 table of `check --report`, for a Local Offer manager to take to a meeting.
pub fn html_table(input: &CheckInput) -> String {
    use crate::load::markdown::escape;
    if input.site.config.local_offer.is_none() {
        return String::new();
    }
    let rows = rows(input);
    let open = rows.iter().filter(|r| r.answered_by.is_empty()).count();
    let mut t = format!(
        "<h2 id=\"schedule-2\">Local Offer: SEND Regulations 2014, Schedule 2</h2>\n<p>{} of {} paragraphs answered; {open} not answered.</p>\n<table>\n<caption>Each paragraph of Schedule 2 and the pages that answer it</caption>\n<thead><tr><th scope=\"col\">Paragraph</th><th scope=\"col\">What it asks for</th><th scope=\"col\">Number checked against legislation.gov.uk</th><th scope=\"col\">Answered by</th></tr></thead>\n<tbody>\n",
        rows.len() - open,
        rows.len()
    );
    for r in &rows {
        let by = if r.answered_by.is_empty() {
            "<strong class=\"above\">Not answered</strong>".to_string()
        } else {
            r.answered_by
                .iter()
                .map(|a| format!("{}<br><small>{}</small>", escape(&a.title), escape(&a.url)))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        t.push_str(&format!(
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{}</td><td>{}</td><td>{by}</td></tr>\n",
            escape(&r.citation),
            escape(&r.name),
            escape(&r.title),
            if r.verified { "Yes" } else { "Not yet" }
        ));
    }
    t.push_str("</tbody>\n</table>\n");
    if let Some(note) = schedule2::unverified_note() {
        t.push_str(&format!("<p>{}</p>\n", escape(&note)));
    }
    t
}

/// The Local Offer duties check.
pub struct LocalOfferDuties;

impl Check for LocalOfferDuties {
    fn code(&self) -> Code {
        Code::LocalOffer
    }

    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let mut out = paragraph_numbers(input);
        out.extend(announcements(input));
        out.extend(input.said_we_did.check(input.today));
        let Some(settings) = &input.site.config.local_offer else {
            return out;
        };
        let severity = match settings.schedule2 {
            Strictness::Warning => Severity::Warning,
            Strictness::Error => Severity::Error,
        };
        let config = &input.site.config;
        let line = config.line_of("local_offer");
        for row in rows(input).iter().filter(|r| r.answered_by.is_empty()) {
            out.push(
                with_severity(
                    Diagnostic::warning(
                        Code::LocalOffer,
                        "site.yaml",
                        format!(
                            "no page answers Schedule 2 {} ({}) of the SEND Regulations 2014",
                            row.name, row.title
                        ),
                    ),
                    severity,
                )
                .at(line, 0, Some(&config.text))
                .with_hint(format!(
                    "add `local_offer: [{}]` to the front matter of the page that answers it, or write one ({})",
                    row.number, row.citation
                )),
            );
        }
        out.extend(regulation_57(input, severity));
        out
    }
}

fn with_severity(mut d: Diagnostic, severity: Severity) -> Diagnostic {
    d.severity = severity;
    d
}

/// Every `local_offer:` entry of every page must be a paragraph of the list.
fn paragraph_numbers(input: &CheckInput) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &input.site.pages {
        for (n, written) in p.src.front.local_offer.iter().enumerate() {
            if schedule2::normalise(written).is_none() {
                out.push(
                    Diagnostic::error(
                        Code::LocalOffer,
                        p.src.file.clone(),
                        format!("`{written}` in `local_offer` is not a paragraph of Schedule 2 this check knows"),
                    )
                    .at(p.src.front_matter_line(&format!("local_offer[{n}]")), 0, Some(&p.src.text))
                    .with_hint(schedule2::allowed_hint()),
                );
            }
        }
    }
    out
}

/// An announcement past its `to` date is a warning, so a rebuild never hides a stale banner.
fn announcements(input: &CheckInput) -> Vec<Diagnostic> {
    let config = &input.site.config;
    config
        .announcements
        .iter()
        .enumerate()
        .filter(|(_, a)| a.to < input.today)
        .map(|(n, a)| {
            Diagnostic::warning(
                Code::LocalOffer,
                "site.yaml",
                format!(
                    "the announcement \"{}\" ended on {} and is no longer shown",
                    a.text.chars().take(60).collect::<String>(),
                    crate::format::human_date(a.to)
                ),
            )
            .at(
                config.line_of(&format!("announcements[{n}]")),
                0,
                Some(&config.text),
            )
            .with_hint("remove it from `announcements:` in site.yaml, or move its `to:` date on")
        })
        .collect()
}

/// Regulation 57: how to get the Local Offer without the internet (a phone number and a postal
/// address), and the accessibility statement's page (the build checks every page links it).
fn regulation_57(input: &CheckInput, severity: Severity) -> Vec<Diagnostic> {
    let config = &input.site.config;
    let site = input.site;
    let mut out = Vec::new();
    let la = config.local_authority.as_ref();
    let missing = |what: &str, key: &str| {
        with_severity(
            Diagnostic::warning(
                Code::LocalOffer,
                "site.yaml",
                format!("site.yaml gives no {what}: families without the internet need it to get the Local Offer (SEND Regulations 2014, regulation 57)"),
            ),
            severity,
        )
        .at(config.line_of("local_authority"), 0, Some(&config.text))
        .with_hint(format!("add `{key}:` under `local_authority:`"))
    };
    if la
        .and_then(|l| l.send_team_phone.as_deref())
        .is_none_or(|p| p.trim().is_empty())
    {
        out.push(missing("phone number for the SEND team", "send_team_phone"));
    }
    if la
        .and_then(|l| l.postal_address.as_deref())
        .is_none_or(|p| p.trim().is_empty())
    {
        out.push(missing("postal address", "postal_address"));
    }
    let Some(settings) = &config.local_offer else {
        return out;
    };
    let mut pages = vec![(
        "local_offer.accessibility_statement",
        settings.accessibility_statement.as_str(),
    )];
    if let Some(page) = &settings.without_internet {
        pages.push(("local_offer.without_internet", page.as_str()));
    }
    for (key, source) in pages {
        if site.find_source(None, source).is_none() {
            out.push(
                Diagnostic::error(
                    Code::LocalOffer,
                    "site.yaml",
                    format!("`{key}` names `{source}`, which is not a page of this site"),
                )
                .at(config.line_of(key), 0, Some(&config.text))
                .with_hint("name the page's file inside content/, e.g. `about/accessibility.md`"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sample::{page, places, Sample};

    const LO: &str = "local_offer: {}\nlocal_authority:\n  name: Anyshire\n  send_team_phone: \"01234 000100\"\n  postal_address: \"County Hall, Anytown AB1 2CD\"\n";

    fn all_but(missing: &str) -> String {
        let numbers: Vec<&str> = PARAGRAPHS
            .iter()
            .map(|p| p.number)
            .filter(|n| *n != missing)
            .collect();
        format!("local_offer: [{}]\n", numbers.join(", "))
    }

    #[test]
    fn every_paragraph_answered_is_clean_and_a_missing_one_is_named() {
        let statement = page("", "Our statement.\n");
        let whole = page(&all_but(""), "Everything.\n");
        let s = Sample::with(
            LO,
            "",
            &[
                ("_index.md", &whole),
                ("about/accessibility.md", &statement),
            ],
        );
        assert!(
            s.run(&LocalOfferDuties).is_empty(),
            "{:?}",
            s.run(&LocalOfferDuties)
        );
        let rows = rows(&s.input());
        assert!(rows.iter().all(|r| r.answered_by.len() == 1));
        let short = page(&all_but("5h"), "Nearly everything.\n");
        let s = Sample::with(
            LO,
            "",
            &[
                ("_index.md", &short),
                ("about/accessibility.md", &statement),
            ],
        );
        let found = places(&s.run(&LocalOfferDuties));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("site.yaml:"), "{found:?}");
        assert!(found[0].contains("paragraph 5(h)"), "{found:?}");
    }

    #[test]
    fn site_yaml_can_make_a_missing_paragraph_an_error() {
        let yaml = LO.replace("local_offer: {}", "local_offer:\n  schedule2: error");
        let statement = page("", "Our statement.\n");
        let s = Sample::with(
            &yaml,
            "",
            &[
                ("_index.md", &page("", "Nothing.\n")),
                ("about/accessibility.md", &statement),
            ],
        );
        let found = s.run(&LocalOfferDuties);
        assert_eq!(found.len(), PARAGRAPHS.len());
        assert!(found.iter().all(Diagnostic::is_error));
    }

    #[test]
    fn bad_numbers_missing_contacts_and_a_missing_statement_are_reported() {
        let home = page("local_offer: [1, 5z]\n", "Home.\n");
        let s = Sample::with("local_offer: {}\n", "", &[("_index.md", &home)]);
        let found = places(&s.run(&LocalOfferDuties));
        assert!(
            found
                .iter()
                .any(|f| f.starts_with("content/_index.md:4:") && f.contains("`5z`")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.contains("phone number")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.contains("postal address")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.contains("about/accessibility.md")),
            "{found:?}"
        );
    }

    #[test]
    fn a_site_that_is_no_local_offer_is_not_held_to_schedule_2() {
        let s = Sample::new(&[("_index.md", &page("", "Home.\n"))]);
        assert!(s.run(&LocalOfferDuties).is_empty());
    }

    #[test]
    fn an_expired_announcement_is_a_warning() {
        let yaml = "announcements:\n  - text: Office closed\n    from: 2026-01-01\n    to: 2026-01-02\n  - text: Consultation open\n    from: 2026-11-01\n    to: 2026-12-31\n";
        let s = Sample::with(yaml, "", &[("_index.md", &page("", "Home.\n"))]);
        let found = places(&s.run(&LocalOfferDuties));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("site.yaml:") && found[0].contains("Office closed"),
            "{found:?}"
        );
    }

    #[test]
    fn every_category_answers_listed_paragraphs() {
        for term in CATEGORIES {
            let list = category_local_offer(term.slug);
            assert!(!list.is_empty(), "{} answers nothing", term.slug);
            for n in list {
                assert!(schedule2::normalise(n).is_some(), "{}: {n}", term.slug);
            }
        }
    }
}
