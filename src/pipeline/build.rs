//! What one build produced ([`Build`]), and the timer of its stages.

use super::duties::Duties;
use super::schools::Schools;
use super::services::Services;
use crate::checks::CheckInput;
use crate::diagnostics::Diagnostic;
use crate::glossary::Glossary;
use crate::model::file::OutputFile;
use crate::model::site::Site;
use crate::render::body::PageOutput;
use std::time::{Duration, Instant};

/// Everything one build produced.
pub struct Build {
    /// `None` when the site could not even be loaded.
    pub site: Option<Site>,
    /// One per `site.pages` entry, same order.
    pub pages: Vec<PageOutput>,
    /// The files kept in memory (every file, unless the build wrote pages straight to disk).
    pub files: Vec<OutputFile>,
    /// Paths of the files written straight into a staging folder ([`build_into`]), sorted.
    pub streamed: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The glossary (`content/glossary.yaml`), empty when the site has none.
    pub glossary: Glossary,
    /// The schools of this build (empty when the site has none).
    pub schools: Schools,
    /// The services of this build (empty when the site has none).
    pub services: Services,
    /// Events and "You said, we did" (empty when the site has none).
    pub duties: Duties,
}

impl Build {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// What the checks read: the model, each page's body facts, the glossary, the schools and
    /// the date to judge review dates by. `None` when the site could not be loaded.
    pub fn check_input(&self) -> Option<CheckInput<'_>> {
        let site = self.site.as_ref()?;
        Some(CheckInput {
            site,
            pages: &self.pages,
            glossary: &self.glossary,
            schools: &self.schools.list,
            services: &self.services.list,
            hidden: &self.services.hidden,
            said_we_did: &self.duties.said_we_did,
            today: site.options.today,
        })
    }

    pub(super) fn failed(
        diagnostics: Vec<Diagnostic>,
        timings: Vec<(&'static str, Duration)>,
    ) -> Build {
        Build {
            site: None,
            pages: Vec::new(),
            files: Vec::new(),
            streamed: Vec::new(),
            diagnostics,
            timings,
            glossary: Glossary::default(),
            schools: Default::default(),
            services: Default::default(),
            duties: Default::default(),
        }
    }
}

pub(super) struct Timer {
    start: Instant,
    pub(super) stages: Vec<(&'static str, Duration)>,
}

impl Timer {
    pub(super) fn new() -> Self {
        Timer {
            start: Instant::now(),
            stages: Vec::new(),
        }
    }
    pub(super) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.start));
        self.start = now;
    }
}
