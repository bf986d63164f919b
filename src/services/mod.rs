//! Services: the Local Offer directory's records, one file per local service for children and
//! young people with SEND in `content/services/<slug>.yaml` (docs/FORMATS.md, "Services"), read
//! into typed [`Service`]s with the position of every key.

pub mod facts;
pub mod feed;
pub mod import;
pub mod oruk;
pub mod taxonomy;

pub use facts::Service;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::positions::Positions;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Where service files live, inside `content/`.
pub const DIR: &str = "services";

/// Reads every service in `content/services/`, in file order. Services whose facts cannot be
/// read are left out; every problem in every file is in the diagnostics.
pub fn load(root: &Path) -> (Vec<Service>, Vec<Diagnostic>) {
    let dir = root.join("content").join(DIR);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(d) => d
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect(),
        Err(_) => return (Vec::new(), Vec::new()),
    };
    files.sort();
    let read: Vec<Result<Service, Diagnostic>> = files
        .par_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            if crate::load::files::is_ignored(&name) {
                return None;
            }
            let file = Path::new("content").join(DIR).join(&name);
            Some(match crate::load::files::read_text(root, path) {
                Ok(text) => parse(&name, file, text),
                Err(e) => Err(Diagnostic::error(
                    Code::Service,
                    file,
                    format!("cannot read this file: {e}"),
                )
                .with_hint(e.hint("check the file is saved as UTF-8 text"))),
            })
        })
        .collect();
    let mut list = Vec::new();
    let mut diags = Vec::new();
    for r in read {
        match r {
            Ok(s) => list.push(s),
            Err(d) => diags.push(d),
        }
    }
    (list, diags)
}

/// Reads one service file; `name` is its file name (the slug with `.yaml`).
pub fn parse(name: &str, file: PathBuf, text: String) -> Result<Service, Diagnostic> {
    let slug = name
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
        .to_string();
    let facts = crate::load::yaml::parse::<facts::Facts>(&text, &file, &text, 1)?;
    let positions = Positions::of(&text, 1);
    Ok(Service {
        slug,
        file,
        text,
        positions,
        facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_example_services_are_read() {
        let (list, diags) = load(Path::new(env!("CARGO_MANIFEST_DIR")));
        assert!(diags.is_empty(), "{diags:#?}");
        assert!(list.len() >= 40, "{} services", list.len());
        assert!(list.iter().all(|s| s.facts.example));
        let slugs: Vec<&str> = list.iter().map(|s| s.slug.as_str()).collect();
        let mut sorted = slugs.clone();
        sorted.sort_unstable();
        assert_eq!(slugs, sorted, "services are read in file order");
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let text = "name: A\nfoo: 1\n".to_string();
        let d = parse("a.yaml", "content/services/a.yaml".into(), text).unwrap_err();
        assert_eq!(d.file, Path::new("content/services/a.yaml"));
        assert!(d.line >= 1, "{d:?}");
    }
}
