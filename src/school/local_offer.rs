//! The filters of the Local Offer list of schools at `/schools/`, by phase, area and need (a
//! pre-built page per filter value, so filtering works without JavaScript; `render::school_list`
//! makes the pages), and the pointer left at `/schools/feed.json` to the Open Referral UK feed
//! that replaced the schools feed.

use crate::model::site::Site;
use crate::school::facts::{area_slug, School, NEEDS, PHASES};
use serde_json::json;
use std::collections::BTreeMap;

/// A filter: its kind (`phase`, `area`, `need`), value slug and label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Filter {
    pub kind: &'static str,
    pub slug: String,
    pub label: String,
}

impl Filter {
    /// The filter page's path: `/schools/phase/primary/`.
    pub fn path(&self) -> String {
        format!("/schools/{}/{}/", self.kind, self.slug)
    }

    /// Whether school `s` is on this filter's page.
    pub fn matches(&self, s: &School) -> bool {
        match self.kind {
            "phase" => s.facts.phase.slug() == self.slug,
            "area" => area_slug(&s.facts.area) == self.slug,
            _ => s.facts.needs.contains(&self.slug),
        }
    }
}

/// Every filter value some school has, in a stable order (phases and needs in their list order,
/// areas by name).
pub fn filters(schools: &[School]) -> Vec<Filter> {
    let mut out = Vec::new();
    for (slug, label) in PHASES {
        if schools.iter().any(|s| s.facts.phase.slug() == *slug) {
            out.push(Filter {
                kind: "phase",
                slug: slug.to_string(),
                label: label.to_string(),
            });
        }
    }
    let areas: BTreeMap<String, String> = schools
        .iter()
        .map(|s| (area_slug(&s.facts.area), s.facts.area.clone()))
        .collect();
    let mut areas: Vec<(String, String)> = areas.into_iter().collect();
    areas.sort_by_key(|a| a.1.to_lowercase());
    for (slug, label) in areas {
        out.push(Filter {
            kind: "area",
            slug,
            label,
        });
    }
    for (slug, label) in NEEDS {
        if schools
            .iter()
            .any(|s| s.facts.needs.iter().any(|n| n == slug))
        {
            out.push(Filter {
                kind: "need",
                slug: slug.to_string(),
                label: label.to_string(),
            });
        }
    }
    out
}

/// What is left at `/schools/feed.json`, the old schools feed's address: a small JSON pointer
/// to the Open Referral UK feed that replaced it (every school is a service there). `feed_dir`
/// is the feed's folder path (`/api/`).
pub fn feed_pointer(site: &Site, feed_dir: &str) -> String {
    let doc = json!({
        "moved": "The schools feed is now part of this site's Open Referral UK (HSDS 3.0 UK) feed: every school is a service there.",
        "url": site.permalink(&format!("{feed_dir}services/index.json")),
        "api": site.permalink(feed_dir),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
