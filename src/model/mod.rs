//! The immutable model a build works on: the site's pages and their addresses, the links
//! between them, and the files a build makes.

pub mod file;
pub mod links;
pub mod site;
