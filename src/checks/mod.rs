//! Checks: what `senpack check` (and every build) looks for in a built site that would hurt a
//! reader. Each check is a small type with one job: a [`CheckInput`] in, diagnostics out. The
//! input is plain data made by the layers below (the model and each page's body facts), so a
//! check can be tested on a few hand-made pages. Broken links are reported by the build itself,
//! where they are found.

pub mod duties;
pub mod freshness;
pub mod glossary;
pub mod page;
pub mod readability;
pub mod report;
pub mod services;

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::glossary::Glossary;
use crate::model::site::Site;
use crate::render::body::PageOutput;
use crate::school::School;
use crate::services::Service;
use chrono::NaiveDate;

/// What every check reads.
#[derive(Clone, Copy)]
pub struct CheckInput<'a> {
    pub site: &'a Site,
    /// One per `site.pages` entry, same order: the rendered body and its facts.
    pub pages: &'a [PageOutput],
    pub glossary: &'a Glossary,
    pub schools: &'a [School],
    /// The services shown on the site.
    pub services: &'a [Service],
    /// The services left out today (before `visible_from` or after `visible_to`).
    pub hidden: &'a [Service],
    /// "You said, we did" (empty when the site has none).
    pub said_we_did: &'a crate::duties::SaidWeDid,
    /// The date review dates are judged by (passed in by the command line, never read here).
    pub today: NaiveDate,
}

/// One check over a built site.
pub trait Check: Sync {
    fn code(&self) -> Code;
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic>;
}

/// Every check, in the order their findings are reported.
pub fn all() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(page::HeadingLevels),
        Box::new(page::ImageAlt),
        Box::new(page::VagueLinks),
        Box::new(readability::ReadingAge),
        Box::new(glossary::UndefinedAcronyms),
        Box::new(glossary::SupersededTerms),
        Box::new(freshness::ReviewDates),
        Box::new(services::ServiceReviews),
        Box::new(services::ServiceReadingAge),
        Box::new(services::HiddenServices),
        Box::new(duties::LocalOfferDuties),
    ]
}

/// Runs every check.
pub fn run(input: &CheckInput) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    all().par_iter().flat_map_iter(|c| c.run(input)).collect()
}

/// Hand-made inputs for the checks' unit tests: a few Markdown pages (and a glossary, schools)
/// made into a [`CheckInput`] the way the build makes one (the model's pages, each body parsed
/// once for its headings, links, jargon and readability), without the pipeline above.
#[cfg(test)]
pub(crate) mod sample {
    use super::{Check, CheckInput};
    use crate::diagnostics::Diagnostic;
    use crate::glossary::{usage, Glossary, Matcher};
    use crate::load::config::{BuildOptions, SiteConfig};
    use crate::load::content::SourcePage;
    use crate::model::links::Resolved;
    use crate::model::site::{shared_pages, Site};
    use crate::render::body::{PageFacts, PageOutput};
    use crate::render::markdown::{render, Labels};
    use crate::school::School;
    use chrono::NaiveDate;

    /// The `site.yaml` every sample starts from; tests add lines to it.
    pub const SITE_YAML: &str =
        "title: Sample\ndescription: A sample site.\nbase_url: https://sample.example\n";
    /// The date a sample's review dates are judged by, unless a test says otherwise.
    pub const TODAY: &str = "2026-11-25";

    pub fn date(s: &str) -> NaiveDate {
        s.parse().expect("a YYYY-MM-DD date")
    }

    /// A page file with front matter of the given lines (each ending in `\n`) and `body`.
    pub fn page(front: &str, body: &str) -> String {
        format!("---\ntitle: A page\ndescription: About it.\n{front}---\n{body}")
    }

    /// Everything a [`CheckInput`] borrows.
    pub struct Sample {
        pub site: Site,
        pub pages: Vec<PageOutput>,
        pub glossary: Glossary,
        pub schools: Vec<School>,
        pub services: Vec<crate::services::Service>,
        pub hidden: Vec<crate::services::Service>,
        pub said_we_did: crate::duties::SaidWeDid,
        pub today: NaiveDate,
    }

    impl Sample {
        /// A site of `pages`: (path inside content/, the whole file), with no glossary.
        pub fn new(pages: &[(&str, &str)]) -> Sample {
            Sample::with("", "", pages)
        }

        /// Like [`Sample::new`], with lines added to `site.yaml` and a `glossary.yaml` text.
        pub fn with(site_yaml: &str, glossary_yaml: &str, pages: &[(&str, &str)]) -> Sample {
            let config: SiteConfig =
                serde_yaml::from_str(&format!("{SITE_YAML}{site_yaml}")).expect("sample site.yaml");
            let (glossary, problems) = if glossary_yaml.is_empty() {
                (Glossary::default(), Vec::new())
            } else {
                Glossary::parse(glossary_yaml)
            };
            assert!(problems.is_empty(), "sample glossary: {problems:?}");
            let sources = pages
                .iter()
                .map(|(source, text)| {
                    SourcePage::parse(source, format!("content/{source}").into(), text.to_string())
                        .unwrap_or_else(|d| panic!("sample page {source}: {d:?}"))
                })
                .collect();
            let today = date(TODAY);
            let options = BuildOptions::new(".", today);
            let (site, problems) = Site::new(config, options, shared_pages(sources));
            assert!(problems.is_empty(), "sample site: {problems:?}");
            let matcher = Matcher::new(&glossary).expect("sample glossary matcher");
            let known = usage::known_words(&glossary, &site.config.acronyms_allowed);
            let pages = site
                .pages
                .iter()
                .map(|p| {
                    let parsed = crate::load::markdown::parse(p.src.body());
                    let readability = crate::readability::measure(&parsed.events);
                    let facts = PageFacts::of(&parsed.events, &known, &matcher);
                    let mut rendered = render(parsed, &Labels::default(), |_| Resolved::Keep);
                    facts.into_body(&mut rendered);
                    PageOutput {
                        rendered,
                        readability,
                    }
                })
                .collect();
            Sample {
                site,
                pages,
                glossary,
                schools: Vec::new(),
                services: Vec::new(),
                hidden: Vec::new(),
                said_we_did: Default::default(),
                today,
            }
        }

        /// Adds a school from its `content/schools/<file_name>` text.
        pub fn school(mut self, file_name: &str, text: &str) -> Sample {
            let (school, problems) = crate::school::facts::parse(
                file_name,
                format!("content/schools/{file_name}").into(),
                text.into(),
            )
            .unwrap_or_else(|d| panic!("sample school: {d:?}"));
            assert!(problems.is_empty(), "sample school: {problems:?}");
            self.schools.push(school);
            self
        }

        /// Adds a service from its `content/services/<file_name>` text: shown on the site, or
        /// left out today when `shown` is false.
        pub fn service(mut self, file_name: &str, text: &str, shown: bool) -> Sample {
            let (service, problems) = crate::services::parse(
                file_name,
                format!("content/services/{file_name}").into(),
                text.into(),
            )
            .unwrap_or_else(|d| panic!("sample service: {d:?}"));
            assert!(problems.is_empty(), "sample service: {problems:?}");
            if shown {
                self.services.push(service);
            } else {
                self.hidden.push(service);
            }
            self
        }

        /// Judges review dates by `today`.
        pub fn on(mut self, today: &str) -> Sample {
            self.today = date(today);
            self
        }

        pub fn input(&self) -> CheckInput<'_> {
            CheckInput {
                site: &self.site,
                pages: &self.pages,
                glossary: &self.glossary,
                schools: &self.schools,
                services: &self.services,
                hidden: &self.hidden,
                said_we_did: &self.said_we_did,
                today: self.today,
            }
        }

        /// What `check` finds in this sample.
        pub fn run(&self, check: &dyn Check) -> Vec<Diagnostic> {
            check.run(&self.input())
        }
    }

    /// `file:line:column message` of each finding, for short assertions.
    pub fn places(found: &[Diagnostic]) -> Vec<String> {
        found
            .iter()
            .map(|d| format!("{}:{}:{} {}", d.file.display(), d.line, d.column, d.message))
            .collect()
    }
}
