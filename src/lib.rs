//! senpack: a static-site generator for special educational needs and disability (SEND)
//! information in England. `docs/ARCHITECTURE.md` shows how data flows through these layers.
//!
//! The modules are layers; each uses only the ones listed before it (`tests/layers.rs` holds
//! the rule):
//!
//! 1. [`diagnostics`], [`format`] — problems with their file and line; numbers and dates in words
//! 2. [`load`] — `site.yaml`, the content walk, front matter, YAML with positions, Markdown parsing
//! 3. [`model`] — the immutable [`model::Site`]: pages, addresses, links between them, output files
//! 4. the domain: [`school`], [`services`], [`duties`], [`glossary`], [`readability`]
//! 5. [`render`] — Markdown to HTML, cleaning, the theme's templates, school pages, packs
//! 6. [`search`] and [`checks`] — the search index; what `senpack check` looks for
//! 7. [`output`] — the output folder: staging, swapping in, the site-wide files
//! 8. [`pipeline`] — one build, stage by stage, into a [`pipeline::Build`]
//! 9. [`incremental`] — rebuilding only what an edit touched
//! 10. [`serve`] — the preview server, and printing packs through it
//! 11. [`cli`] — the command line

// Diagnostics are returned on the cold path only; boxing them would add noise, not speed.
#![allow(clippy::result_large_err)]

pub mod diagnostics;
pub mod format;

pub mod load;

pub mod model;

pub mod duties;
pub mod glossary;
pub mod readability;
pub mod school;
pub mod services;

pub mod render;

pub mod checks;
pub mod search;

pub mod output;

pub mod pipeline;

pub mod incremental;

pub mod serve;

pub mod cli;

pub use diagnostics::{Code, Diagnostic, Severity};
pub use load::config::{BuildOptions, SiteConfig};
pub use pipeline::{build, Build};
