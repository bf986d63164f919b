//! Reading the site from disk: `site.yaml` (and its languages), the content walk and front matter,
//! CSV, YAML with the line of every value, Markdown parsed into events, and what a page made
//! from a data file keeps of it.

pub mod config;
pub mod content;
pub mod csv;
pub mod files;
pub mod languages;
pub mod made;
pub mod markdown;
pub mod positions;
pub mod yaml;
