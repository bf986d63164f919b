//! senpack: a static-site generator for special educational needs and disability (SEND)
//! information in England. See `docs/ARCHITECTURE.md` for how data flows through these modules.
//!
//! Pipeline: [`config`] + [`content`] → [`site`] model → [`markdown`] → [`render`] →
//! [`mod@build`] (a list of [`output`] files, or files streamed into an [`output::Staging`]
//! folder) → disk or the preview server. [`check`] looks over a built site; [`cli`] is the
//! command line.

// Diagnostics are returned on the cold path only; boxing them would add noise, not speed.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod freshness;
pub mod glossary;
pub mod incremental;
pub mod local_offer;
pub mod markdown;
pub mod output;
pub mod pack;
pub mod readability;
pub mod render;
pub mod route;
pub mod sanitize;
pub mod scaffold;
pub mod school;
pub mod school_pages;
pub mod school_site;
pub mod school_values;
pub mod search;
pub mod sen_report;
pub mod serve;
pub mod site;
pub mod yaml;

pub use build::{build, Build};
pub use config::{BuildOptions, SiteConfig};
pub use diagnostics::{Diagnostic, Severity};

/// Today's date, for review-date checks. `SENPACK_TODAY=YYYY-MM-DD` pins it (tests, reproducible checks).
pub fn today() -> chrono::NaiveDate {
    std::env::var("SENPACK_TODAY")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
