//! The checks over the directory's services: those past their review date (so the Local Offer
//! team can ask the provider to confirm them), descriptions and Local Offer answers above the
//! parents' reading-age target, and the services left out of the site today by their
//! `visible_from` / `visible_to` dates.

use crate::checks::readability::{
    above, group_warning, measure_markdown, warning, Part, MIN_WORDS,
};
use crate::checks::{Check, CheckInput};
use crate::diagnostics::{Code, Diagnostic};
use crate::format::human_date;
use crate::services::Service;
use chrono::NaiveDate;

/// Warns on each shown service past its review date.
pub struct ServiceReviews;

impl Check for ServiceReviews {
    fn code(&self) -> Code {
        Code::Review
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let every = input.site.config.review_every;
        input
            .services
            .iter()
            .filter_map(|s| {
                let due = s.next_review(every)?;
                (due < input.today).then(|| overdue(s, due))
            })
            .collect()
    }
}

/// The warning for a service past its review date, at its `reviewed` line.
pub fn overdue(s: &Service, due: NaiveDate) -> Diagnostic {
    Diagnostic::warning(
        Code::Review,
        s.file.clone(),
        format!(
            "this service was due for review on {} (last reviewed {})",
            human_date(due),
            human_date(s.facts.reviewed)
        ),
    )
    .at(s.line_of("reviewed"), 0, Some(&s.text))
    .with_hint(format!(
        "ask {} to confirm the details are still right, then set `reviewed:` to the date they did",
        s.facts.organisation.name
    ))
}

/// Warns on service texts above the parents' target reading age.
pub struct ServiceReadingAge;

impl Check for ServiceReadingAge {
    fn code(&self) -> Code {
        Code::ReadingAge
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let target = input.site.config.reading_age.parents;
        input
            .services
            .iter()
            .flat_map(|s| reading_warnings(s, target))
            .collect()
    }
}

/// The texts of a service a parent reads: (key path, text), in file order.
fn texts(s: &Service) -> Vec<(&'static str, &str)> {
    let lo = &s.facts.local_offer;
    let mut out = vec![("description", s.facts.description.as_str())];
    for (key, text) in [
        ("local_offer.support", &lo.support),
        ("local_offer.training", &lo.training),
        ("local_offer.parents", &lo.parents),
        ("local_offer.progress", &lo.progress),
        ("local_offer.environment", &lo.environment),
        ("local_offer.getting_started", &lo.getting_started),
        ("local_offer.future", &lo.future),
    ] {
        if let Some(t) = text {
            out.push((key, t.as_str()));
        }
    }
    out
}

/// A service's description and Local Offer answers, as a school's report answers are measured:
/// each long one alone (at its line), the short ones together (naming the hardest).
pub fn reading_warnings(s: &Service, target: u32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut short = Vec::new();
    for (key, text) in texts(s) {
        let line = s.line_of(key);
        let f = measure_markdown(text);
        if f.words < MIN_WORDS {
            short.push(Part {
                name: format!("`{key}`"),
                line,
                text: text.to_string(),
            });
        } else if above(&f, target) {
            let mut d = warning(&s.file, &f, target).at(line, 0, Some(&s.text));
            d.message = format!("the text `{key}`: {}", d.message);
            out.push(d);
        }
    }
    out.extend(group_warning(
        &s.file,
        "the service's short texts together",
        &short,
        target,
        1,
        Some(&s.text),
    ));
    out
}

/// Notes each service left out of the site today, at the date that leaves it out.
pub struct HiddenServices;

impl Check for HiddenServices {
    fn code(&self) -> Code {
        Code::Service
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        input
            .hidden
            .iter()
            .filter_map(|s| left_out(s, input.today))
            .collect()
    }
}

/// The note for a service not shown on `today`, or `None` when it is shown.
pub fn left_out(s: &Service, today: NaiveDate) -> Option<Diagnostic> {
    let f = &s.facts;
    let (key, message, hint) = match (f.visible_from, f.visible_to) {
        (Some(from), _) if today < from => (
            "visible_from",
            format!("this service is left out of the site until {}", human_date(from)),
            "it is shown from its `visible_from` date; change the date to show it sooner",
        ),
        (_, Some(to)) if to < today => (
            "visible_to",
            format!(
                "this service is left out of the site since {} (its `visible_to` date, {}, has passed)",
                human_date(to.succ_opt().unwrap_or(to)),
                human_date(to)
            ),
            "remove the file if the service has ended, or change `visible_to:` if it runs again",
        ),
        _ => return None,
    };
    Some(
        Diagnostic::warning(Code::Service, s.file.clone(), message)
            .at(s.line_of(key), 0, Some(&s.text))
            .with_hint(hint),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sample::{page, places, Sample};

    /// A service file whose `reviewed` is on line 18.
    fn service(reviewed: &str, extra: &str) -> String {
        format!(
            "name: \"Oak Group\"\norganisation:\n  name: \"Oak Trust\"\ndescription: \"A group for children.\"\nstatus: active\ncategories: [therapies]\nmin_age: 3\nmax_age: 11\narea: \"Northbridge\"\ncost:\n  free: true\naccess:\n  referral: false\ncontacts:\n  - phone: \"01234 000111\"\n{extra}languages: [English]\nlocal_offer: {{}}\nreviewed: {reviewed}\n"
        )
    }

    fn site(site_yaml: &str) -> Sample {
        Sample::with(site_yaml, "", &[("_index.md", &page("", "Home.\n"))])
    }

    #[test]
    fn a_service_past_its_review_date_is_named_at_its_reviewed_line() {
        let s = site("")
            .service("late.yaml", &service("2025-11-24", ""), true)
            .service("on-the-day.yaml", &service("2025-11-25", ""), true)
            .service(
                "own-period.yaml",
                &service("2026-04-01", "review_every: 6\n"),
                true,
            )
            .service("left-out.yaml", &service("2020-01-01", ""), false);
        let found = s.run(&ServiceReviews);
        assert_eq!(
            places(&found),
            vec![
                "content/services/late.yaml:18:0 this service was due for review on 24 November 2026 (last reviewed 24 November 2025)",
                "content/services/own-period.yaml:19:0 this service was due for review on 1 October 2026 (last reviewed 1 April 2026)",
            ]
        );
        assert_eq!(
            found[0].source_line.as_deref(),
            Some("reviewed: 2025-11-24")
        );
        assert!(found[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.starts_with("ask Oak Trust to confirm")));
        // The site's period is the default.
        let s = site("review_every: 24\n").service("late.yaml", &service("2025-11-24", ""), true);
        assert!(s.run(&ServiceReviews).is_empty());
    }

    const HARD: &str = "The multidisciplinary neurodevelopmental assessment pathway incorporates comprehensive standardised evaluations administered by appropriately qualified professionals, subsequently culminating in individualised recommendations communicated through formalised documentation, considering educational, psychological and occupational perspectives simultaneously.";
    const EASY: &str = "We play games with your child. We sing songs. We read a book. You can stay with us. We have a cup of tea. It is fun. Come and see us. We are in the big hall. The door is at the side. Ring us if you get lost.";

    #[test]
    fn hard_texts_are_named_at_their_lines() {
        let text = service("2026-11-01", "")
            .replace("\"A group for children.\"", &format!("\"{HARD}\""))
            .replace("local_offer: {}", &format!("local_offer:\n  support: \"{EASY}\"\n  training: \"Practitioners are appropriately accredited, undertaking continuous professional development encompassing communication methodologies and safeguarding responsibilities.\"\n  parents: \"Parental involvement is facilitated through collaborative consultations, individualised documentation and periodic multidisciplinary review meetings.\"\n  future: \"Organisational restructuring will considerably extend operational responsibilities, incorporating additional multidisciplinary specialists and comprehensive evaluation procedures.\""));
        let s = site("").service("hard.yaml", &text, true);
        let found = s.run(&ServiceReadingAge);
        let got = places(&found);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got[0]
                .starts_with("content/services/hard.yaml:4:0 the text `description`: reading age"),
            "{}",
            got[0]
        );
        // The two short answers together, at the hardest one's line.
        assert!(
            got[1].starts_with(
                "content/services/hard.yaml:21:0 the service's short texts together: reading age"
            ),
            "{}",
            got[1]
        );
        assert!(
            got[1].contains("hardest: `local_offer.future` (line 21"),
            "{}",
            got[1]
        );
        // Plain texts pass.
        let text =
            service("2026-11-01", "").replace("\"A group for children.\"", &format!("\"{EASY}\""));
        assert!(site("")
            .service("easy.yaml", &text, true)
            .run(&ServiceReadingAge)
            .is_empty());
        // Left-out services are not measured.
        let text =
            service("2026-11-01", "").replace("\"A group for children.\"", &format!("\"{HARD}\""));
        assert!(site("")
            .service("hard.yaml", &text, false)
            .run(&ServiceReadingAge)
            .is_empty());
    }

    #[test]
    fn a_left_out_service_is_noted_at_the_date_that_leaves_it_out() {
        let s = site("")
            .on("2026-11-25")
            .service(
                "ended.yaml",
                &service("2026-11-01", "visible_to: 2026-11-24\n"),
                false,
            )
            .service(
                "soon.yaml",
                &service(
                    "2026-11-01",
                    "visible_from: 2026-12-01\nvisible_to: 2027-01-04\n",
                ),
                false,
            );
        let found = s.run(&HiddenServices);
        assert_eq!(
            places(&found),
            vec![
                "content/services/ended.yaml:16:0 this service is left out of the site since 25 November 2026 (its `visible_to` date, 24 November 2026, has passed)",
                "content/services/soon.yaml:16:0 this service is left out of the site until 1 December 2026",
            ]
        );
        assert!(found.iter().all(|d| !d.is_error()));
        // On its last and first days a service is shown: nothing to note.
        let ended = crate::services::parse(
            "e.yaml",
            "content/services/e.yaml".into(),
            service(
                "2026-11-01",
                "visible_to: 2026-11-25\nvisible_from: 2026-11-25\n",
            ),
        )
        .expect("read")
        .0;
        assert!(left_out(&ended, crate::checks::sample::date("2026-11-25")).is_none());
    }

    #[test]
    fn the_checks_are_registered() {
        let codes: Vec<Code> = crate::checks::all().iter().map(|c| c.code()).collect();
        assert!(codes.contains(&Code::Service));
        let s = site("").service("late.yaml", &service("2020-01-01", ""), true);
        let all = crate::checks::run(&s.input());
        assert!(
            all.iter()
                .any(|d| d.message.starts_with("this service was due for review")),
            "{all:?}"
        );
    }
}
