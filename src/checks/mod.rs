//! Checks: what `senpack check` (and every build) looks for in a built site that would hurt a
//! reader. Each check is a small type with one job: a [`CheckInput`] in, diagnostics out. The
//! input is plain data made by the layers below (the model and each page's body facts), so a
//! check can be tested on a few hand-made pages. Broken links are reported by the build itself,
//! where they are found.

pub mod freshness;
pub mod glossary;
pub mod page;
pub mod readability;
pub mod report;

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::glossary::Glossary;
use crate::model::site::Site;
use crate::render::body::PageOutput;
use crate::school::School;
use chrono::NaiveDate;

/// What every check reads.
#[derive(Clone, Copy)]
pub struct CheckInput<'a> {
    pub site: &'a Site,
    /// One per `site.pages` entry, same order: the rendered body and its facts.
    pub pages: &'a [PageOutput],
    pub glossary: &'a Glossary,
    pub schools: &'a [School],
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
    ]
}

/// Runs every check.
pub fn run(input: &CheckInput) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    all().par_iter().flat_map_iter(|c| c.run(input)).collect()
}
