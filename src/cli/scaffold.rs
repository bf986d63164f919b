//! `senpack new`: writes a working starter site (settings, the shipped content with one example
//! school, and the default theme), all embedded in the binary so it works anywhere.

use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
const SITE_YAML: &str = include_str!("../../site.yaml");

/// Errors while making a new site.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("{0} already exists and is not empty; choose a new folder name")]
    NotEmpty(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The one example school a new site keeps (a council adds its own schools beside it).
const KEEP_SCHOOL: &str = "schools/oakfield-primary.yaml";

/// Creates a new site in `dir`, which must not exist or be empty. Returns the files written.
pub fn new_site(dir: &Path) -> Result<usize, NewError> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(NewError::NotEmpty(dir.to_path_buf()));
    }
    let mut count = 0;
    write(&dir.join("site.yaml"), SITE_YAML.as_bytes())?;
    count += 1;
    count += extract(&CONTENT, &dir.join("content"), &|p: &Path| {
        let s = crate::load::files::slash_path(p);
        !s.starts_with("schools/") || s == KEEP_SCHOOL
    })?;
    count += extract(&THEME, &dir.join("themes/default"), &|_: &Path| true)?;
    Ok(count)
}

fn extract(d: &Dir, to: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<usize, NewError> {
    let mut count = 0;
    for f in d.files() {
        if keep(f.path()) {
            write(&to.join(f.path()), f.contents())?;
            count += 1;
        }
    }
    for sub in d.dirs() {
        count += extract(sub, to, keep)?;
    }
    Ok(count)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), NewError> {
    let err = |source| NewError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    std::fs::write(path, bytes).map_err(err)
}
