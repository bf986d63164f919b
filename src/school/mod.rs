//! Schools: the facts in `content/schools/<slug>.yaml`, their value checks, the SEN information
//! report items (SEND Regulations 2014, Schedule 1), complaint-route contacts and the Local
//! Offer list of schools.

pub mod facts;
pub mod gias;
pub mod grid;
pub mod import;
pub mod items;
pub mod local_offer;
pub mod report;
pub mod route;
pub mod template;
pub mod values;

pub use facts::School;

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Reads every school in `content/schools/` and checks its values: every problem in every file
/// is in the diagnostics, and schools whose facts cannot be read are left out.
pub fn load(root: &Path) -> (Vec<School>, Vec<Diagnostic>) {
    let (mut list, mut diags) = facts::load(root);
    // By slug, not file name (`a-b.yaml` sorts before `a.yaml`, but `a` before `a-b`): the build
    // finds a page's school by binary search on the slug.
    list.sort_by(|a, b| a.slug.cmp(&b.slug));
    for school in &list {
        diags.extend(values::validate(school));
    }
    (list, diags)
}
