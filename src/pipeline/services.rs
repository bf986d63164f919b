//! How services join a build: loads the service files, leaves out those outside their
//! `visible_from`/`visible_to` dates, and gives the pipeline what it asks for at each stage —
//! addresses to register, pages (the directory and one page per service) and the extra files
//! (filter pages, the Open Referral UK feed).

use crate::diagnostics::Diagnostic;
use crate::load::config::BuildOptions;
use crate::model::file::OutputFile;
use crate::model::links::Generated;
use crate::model::site::Site;
use crate::render::Theme;
use crate::services::Service;
use serde_json::Value;

/// The services of one build.
#[derive(Debug, Default)]
pub struct Services {
    /// Services shown on the site, in file order.
    pub list: Vec<Service>,
    /// Services left out today (before `visible_from` or after `visible_to`), in file order.
    pub hidden: Vec<Service>,
}

/// Reads the site's services (problems go to `diags`) and splits off those not shown today.
pub fn prepare(opts: &BuildOptions, diags: &mut Vec<Diagnostic>) -> Services {
    let (all, problems) = crate::services::load(&opts.root);
    diags.extend(problems);
    let today = opts.today;
    let (list, hidden) = all.into_iter().partition(|s: &Service| {
        s.facts.visible_from.is_none_or(|d| d <= today)
            && s.facts.visible_to.is_none_or(|d| today <= d)
    });
    Services { list, hidden }
}

impl Services {
    /// Registers the addresses services make, so content can link to them.
    pub fn register(&self, _generated: &mut Generated) {}

    /// The directory's extra files: filter pages and the feed.
    pub fn files(
        &self,
        _site: &Site,
        _theme: &Theme,
        _site_value: &Value,
        _diags: &mut Vec<Diagnostic>,
    ) -> Vec<OutputFile> {
        Vec::new()
    }
}
