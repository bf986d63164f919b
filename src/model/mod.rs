//! The immutable model a build works on: the site's pages and their addresses (translations and
//! Easy Read versions among them), the links between them, and the files a build makes.

pub mod file;
pub mod links;
pub mod site;
pub mod variants;
