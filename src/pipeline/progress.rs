//! What a build tells whoever watches it as it goes: each stage as it starts, with how many steps
//! it has (pages; 0 when it cannot be counted), and steps as they are done. The command line shows
//! this as a progress bar on a terminal; everything else passes [`Unwatched`].

/// An observer of a build's progress. Called from many threads at once.
pub trait Progress: Sync {
    /// A stage starts: `name` for people, `total` steps (0: not counted).
    fn stage(&self, name: &'static str, total: usize);
    /// `n` more steps of the current stage are done.
    fn advance(&self, n: usize);
    /// The build is over (the bar, if any, is cleared).
    fn finish(&self) {}
}

/// Nobody watches: every call does nothing.
pub struct Unwatched;

impl Progress for Unwatched {
    fn stage(&self, _: &'static str, _: usize) {}
    fn advance(&self, _: usize) {}
}

/// The stages a build reports, in order.
pub const BODIES: &str = "Reading pages";
pub const TEMPLATES: &str = "Making pages";
pub const EXTRAS: &str = "Search index, lists and checks";
