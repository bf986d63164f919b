//! Schools: the facts in `content/schools/<slug>.yaml`, their value checks, the SEN information
//! report items (SEND Regulations 2014, Schedule 1), complaint-route contacts and the Local
//! Offer list of schools.

pub mod facts;
pub mod items;
pub mod local_offer;
pub mod report;
pub mod route;
pub mod values;

pub use facts::School;

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Reads every school in `content/schools/` and checks its values: every problem in every file
/// is in the diagnostics, and schools whose facts cannot be read are left out.
pub fn load(root: &Path) -> (Vec<School>, Vec<Diagnostic>) {
    let (list, mut diags) = facts::load(root);
    for school in &list {
        diags.extend(values::validate(school));
    }
    (list, diags)
}
