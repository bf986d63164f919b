//! Value checks for service files.

use crate::diagnostics::Diagnostic;
use crate::services::Service;

/// Every problem in a service's values.
pub fn validate(_s: &Service) -> Vec<Diagnostic> {
    Vec::new()
}
