//! How services join a build: loads the service files, leaves out those outside their
//! `visible_from`/`visible_to` dates, and gives the pipeline what it asks for at each stage —
//! addresses to register, pages (the directory and one page per service) and the extra files
//! (filter pages, the Open Referral UK feed).

use crate::diagnostics::Diagnostic;
use crate::load::config::BuildOptions;
use crate::model::file::OutputFile;
use crate::model::links::Generated;
use crate::model::site::Site;
use crate::pipeline::schools::Schools;
use crate::render::Theme;
use crate::services::Service;
use serde_json::Value;
use std::collections::HashSet;

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

/// Registers the Open Referral UK feed's root and first services page, so content can link to
/// them.
pub fn register_feed(site: &Site, generated: &mut Generated) {
    let dir = &site.config.oruk_path;
    generated.insert(format!("{dir}index.json"), HashSet::new());
    generated.insert(format!("{dir}services/index.json"), HashSet::new());
}

/// The Open Referral UK feed (every shown service and every school, under `oruk_path`), and the
/// `_headers` / `_redirects` files that give it CORS and its API addresses on Netlify-style hosts
/// (docs/HOSTING.md).
pub fn feed_files(site: &Site, services: &Services, schools: &Schools) -> Vec<OutputFile> {
    let mut records: Vec<crate::services::oruk::Service> = services
        .list
        .iter()
        .map(|s| {
            let page = site.permalink(&format!("/services/{}/", s.slug));
            crate::services::feed::service(s, &page)
        })
        .collect();
    let prefix = site.config.path_prefix();
    for (s, v) in schools.list.iter().zip(&schools.values) {
        let url = v.get("url").and_then(Value::as_str).unwrap_or("/");
        let page = site.permalink(url.strip_prefix(prefix.as_str()).unwrap_or(url));
        records.push(crate::services::feed::school(s, &page));
    }
    let url = site.config.oruk_path.as_str();
    let dir = url.trim_matches('/');
    let mut files: Vec<OutputFile> = crate::services::feed::files(dir, records)
        .into_iter()
        .map(|(path, text)| OutputFile::bytes(path, text))
        .collect();
    files.push(OutputFile::bytes(
        "_headers",
        crate::services::feed::headers(url),
    ));
    files.push(OutputFile::bytes(
        "_redirects",
        crate::services::feed::redirects(url),
    ));
    files
}
