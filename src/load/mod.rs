//! Reading the site from disk: `site.yaml` (and its languages), the content walk and front matter,
//! CSV, YAML with the line of every value, and Markdown parsed into events.

pub mod config;
pub mod content;
pub mod csv;
pub mod files;
pub mod languages;
pub mod markdown;
pub mod positions;
pub mod yaml;
